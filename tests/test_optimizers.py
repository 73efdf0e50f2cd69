"""GD (1.3), Algorithm 1 (1.4), Algorithm 2 (1.5) and the variants: each pinned by what
distinguishes it."""
import numpy as np
import pytest

import mlp_lib
from mlp_lib import MLP, QuadraticModel


@pytest.fixture
def curve():
    return mlp_lib.data.smooth_curve(n=40, seed=0)


class Recorder:
    """Wraps a model and records which rows of X each gradient was computed on."""

    def __init__(self, model):
        self.model, self.batches = model, []

    def __getattr__(self, name):
        return getattr(self.model, name)

    def cost_and_gradients(self, X, y):
        self.batches.append(X[:, 0].astype(int).tolist())
        return self.model.cost_and_gradients(X, y)


def indexed_data(n):
    """X whose first column is the row number, so a batch reveals its indices."""
    X = np.column_stack([np.arange(n, dtype=float), np.zeros(n)])
    return X, np.zeros(n)


@pytest.mark.parametrize("run", [
    lambda m, X, y: mlp_lib.gd(m, X, y, lr=0.1, n_iter=200),
    lambda m, X, y: mlp_lib.sgd(m, X, y, lr=0.05, n_iter=400, seed=0),
    lambda m, X, y: mlp_lib.minibatch_sgd(m, X, y, lr=0.1, B=8, n_iter=200, seed=0),
    lambda m, X, y: mlp_lib.epoch_sgd(m, X, y, lr=0.1, B=8, n_epochs=40, seed=0),
    lambda m, X, y: mlp_lib.momentum_sgd(m, X, y, lr=0.05, B=8, n_iter=200, seed=0),
], ids=["gd", "sgd", "minibatch_sgd", "epoch_sgd", "momentum_sgd"])
def test_every_optimizer_lowers_the_cost(curve, run):
    X, y = curve
    net = MLP([1, 16, 1], seed=0)
    J0 = net.cost(X, y)
    history = run(net, X, y)
    assert history[0] == pytest.approx(J0)
    assert history[-1] == pytest.approx(net.cost(X, y))
    assert history[-1] < 0.5 * J0


def test_gd_is_minibatch_sgd_with_the_whole_batch(curve):
    X, y = curve
    a, b = MLP([1, 8, 1], seed=1), MLP([1, 8, 1], seed=1)
    h_gd = mlp_lib.gd(a, X, y, lr=0.1, n_iter=50)
    h_mb = mlp_lib.minibatch_sgd(b, X, y, lr=0.1, B=len(X), n_iter=50, seed=0)
    np.testing.assert_allclose(h_gd, h_mb, rtol=1e-12)
    for p, q in zip(a.parameters(), b.parameters()):
        np.testing.assert_allclose(p, q, rtol=1e-12)


def test_gd_step_is_eq_1_3(curve):
    X, y = curve
    net = MLP([1, 4, 1], seed=0)
    before = [p.copy() for p in net.parameters()]
    _, grads = net.cost_and_gradients(*net.check_data(X, y))
    mlp_lib.gd(net, X, y, lr=0.3, n_iter=1)
    for p0, g, p1 in zip(before, grads, net.parameters()):
        np.testing.assert_allclose(p1, p0 - 0.3 * g, rtol=1e-14)


def test_algorithm_2_never_repeats_an_index_within_a_batch():
    X, y = indexed_data(10)
    rec = Recorder(MLP([2, 3, 1], seed=0))
    mlp_lib.minibatch_sgd(rec, X, y, lr=0.01, B=7, n_iter=300, seed=0)
    assert len(rec.batches) == 300
    assert all(len(batch) == 7 == len(set(batch)) for batch in rec.batches)
    # and sampling is uniform over {1..n}: every index is used about 300*7/10 = 210 times
    counts = np.bincount(np.concatenate(rec.batches), minlength=10)
    assert counts.min() > 150 and counts.max() < 270


def test_algorithm_1_samples_one_index_uniformly_with_replacement():
    X, y = indexed_data(5)
    rec = Recorder(MLP([2, 3, 1], seed=0))
    mlp_lib.sgd(rec, X, y, lr=0.01, n_iter=2000, seed=0)
    assert all(len(batch) == 1 for batch in rec.batches)
    counts = np.bincount([b[0] for b in rec.batches], minlength=5)
    assert counts.min() > 330 and counts.max() < 470  # 400 expected each
    # independent draws: the same index comes twice in a row about 1/5 of the time
    repeats = np.mean([a == b for a, b in zip(rec.batches[:-1], rec.batches[1:])])
    assert 0.15 < repeats < 0.25


def test_epoch_sgd_uses_every_example_once_per_epoch():
    X, y = indexed_data(10)
    rec = Recorder(MLP([2, 3, 1], seed=0))
    mlp_lib.epoch_sgd(rec, X, y, lr=0.01, B=4, n_epochs=3, seed=0)
    assert [len(b) for b in rec.batches] == [4, 4, 2] * 3
    epochs = [sum(rec.batches[i:i + 3], []) for i in (0, 3, 6)]
    assert all(sorted(e) == list(range(10)) for e in epochs)
    assert epochs[0] != epochs[1]  # reshuffled


def test_momentum_with_beta_zero_is_algorithm_2(curve):
    X, y = curve
    a, b = MLP([1, 8, 1], seed=1), MLP([1, 8, 1], seed=1)
    h1 = mlp_lib.minibatch_sgd(a, X, y, lr=0.1, B=5, n_iter=30, seed=3)
    h2 = mlp_lib.momentum_sgd(b, X, y, lr=0.1, B=5, n_iter=30, beta=0.0, seed=3)
    np.testing.assert_allclose(h1, h2, rtol=1e-13)


def test_momentum_accumulates_a_velocity():
    # two steps worked out: v1 = g(theta0), theta1 = theta0 - lr v1,
    #                       v2 = beta v1 + g(theta1), theta2 = theta1 - lr v2
    X, y = np.array([[1.0], [2.0]]), np.array([0.0, 1.0])
    m = MLP([1, 1], seed=0)
    m.W[1], m.b[1] = [[1.0]], [0.5]
    lr, beta = 0.1, 0.5
    probe = m.copy()
    _, g0 = probe.cost_and_gradients(*probe.check_data(X, y))
    theta1 = [p - lr * g for p, g in zip(probe.parameters(), g0)]
    for p, new in zip(probe.parameters(), theta1):
        p[...] = new
    _, g1 = probe.cost_and_gradients(*probe.check_data(X, y))
    theta2 = [p - lr * (beta * a + b) for p, a, b in zip(theta1, g0, g1)]
    mlp_lib.momentum_sgd(m, X, y, lr=lr, B=2, n_iter=2, beta=beta, seed=0)
    for p, expected in zip(m.parameters(), theta2):
        np.testing.assert_allclose(p, expected, rtol=1e-14)


@pytest.mark.parametrize("algorithm", ["sgd", "minibatch_sgd", "epoch_sgd", "momentum_sgd"])
def test_same_seed_same_history_other_seed_other_history(curve, algorithm):
    X, y = curve
    kwargs = {"lr": 0.05, "seed": 0}
    if algorithm == "epoch_sgd":
        kwargs.update(B=4, n_epochs=3)
    else:
        kwargs.update(n_iter=30)
        if algorithm != "sgd":
            kwargs["B"] = 4
    run = getattr(mlp_lib, algorithm)
    h1 = run(MLP([1, 4, 1], seed=0), X, y, **kwargs)
    h2 = run(MLP([1, 4, 1], seed=0), X, y, **kwargs)
    h3 = run(MLP([1, 4, 1], seed=0), X, y, **{**kwargs, "seed": 1})
    assert np.array_equal(h1, h2)
    assert not np.array_equal(h1, h3)


def test_history_and_callback_every_k_iterations(curve):
    X, y = curve
    net = MLP([1, 4, 1], seed=0)
    seen = []
    history = mlp_lib.gd(net, X, y, lr=0.1, n_iter=10, record_every=4,
                         callback=lambda t, J, model: seen.append((t, J, model is net)))
    assert list(mlp_lib.recorded_iterations(10, 4)) == [0, 4, 8, 10]
    assert [t for t, _, _ in seen] == [0, 4, 8, 10]
    assert np.array_equal(history, [J for _, J, _ in seen])
    assert all(same for _, _, same in seen)


def test_optimizers_work_on_the_footnote_model():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 2))
    true = np.array([1.5, -0.5])
    y = (X**2) @ true**2
    model = QuadraticModel([0.3, 0.3])
    history = mlp_lib.gd(model, X, y, lr=0.05, n_iter=500)
    assert history[-1] < 1e-8
    np.testing.assert_allclose(np.abs(model.theta), np.abs(true), rtol=1e-4)


def test_quadratic_model_gradient_matches_central_differences():
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((20, 3)), rng.standard_normal(20)
    model = QuadraticModel([0.5, -1.0, 2.0])
    g = model.gradients(X, y)
    eps, numeric = 1e-6, np.zeros(3)
    for j in range(3):
        plus, minus = model.theta.copy(), model.theta.copy()
        plus[j] += eps
        minus[j] -= eps
        numeric[j] = (QuadraticModel(plus).cost(X, y) - QuadraticModel(minus).cost(X, y)) / (2 * eps)
    np.testing.assert_allclose(g, numeric, rtol=1e-7)


# ------------------------------------------------ the update keeps the last finite theta
class ConstantGradient:
    """A model with the optimizers' interface whose J and gradient are given numbers, so a
    test can put theta next to the largest float and see what one update does."""

    def __init__(self, theta, grad, J=1.0):
        self.theta, self.grad, self.J = np.array(theta), np.array(grad), J

    def parameters(self):
        return [self.theta]

    def check_data(self, X, y):
        return np.asarray(X, dtype=float), np.asarray(y, dtype=float)

    def _cost(self, X, y):  # J on checked data, after every update
        return 1.0

    def cost_and_gradients(self, X, y):
        return self.J, [self.grad.copy()]


def gd_once(model):
    return mlp_lib.gd(model, np.zeros((1, 1)), np.zeros(1), lr=1.0, n_iter=1)


def test_an_update_that_overflows_stops_training_and_keeps_theta_exactly():
    biggest = np.finfo(np.float64).max
    model = ConstantGradient([0.9 * biggest, 1.0], [-0.2 * biggest, 1.0])  # 1.1 x the largest float
    with pytest.raises(mlp_lib.TrainingDiverged) as info:
        gd_once(model)
    assert info.value.iteration == 1
    assert model.theta.tolist() == [0.9 * biggest, 1.0]


def test_an_update_near_the_largest_float_that_stays_finite_is_made():
    biggest = np.finfo(np.float32).max
    model = ConstantGradient(np.array([0.9, 1.0], np.float32) * biggest, np.array([0.5, 0.0], np.float32) * biggest)
    history = gd_once(model)
    assert len(history) == 2
    assert model.theta.tolist() == [np.float32(0.9 * biggest) - np.float32(0.5 * biggest), np.float32(biggest)]


@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan])
def test_a_non_finite_gradient_or_cost_stops_training_and_keeps_theta(bad):
    for model in (ConstantGradient([1.0, 2.0], [bad, 1.0]), ConstantGradient([1.0, 2.0], [1.0, 1.0], J=bad)):
        with pytest.raises(mlp_lib.TrainingDiverged):
            gd_once(model)
        assert model.theta.tolist() == [1.0, 2.0]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_diverging_mlp_stops_at_the_first_overflowing_step_with_its_last_theta_whose_J_is_finite(dtype):
    """Run GD step by step, by hand, until J, theta - lr grad or J at the new theta stops being
    finite; mlp_lib.gd must raise at that very iteration, its net holding the last theta whose
    J is finite."""
    X, y = mlp_lib.data.smooth_curve(n=40, seed=0)
    lr = 1e3
    by_hand = MLP([1, 8, 8, 1], seed=0, dtype=dtype)
    last_finite = by_hand.theta.copy()
    with np.errstate(all="ignore"):
        for t in range(1, 100):
            J, grad = by_hand.cost_and_gradients(*by_hand.check_data(X, y))
            new = by_hand.theta - lr * grad.vector
            if not (np.isfinite(J) and np.isfinite(new).all()):
                break
            by_hand.theta[...] = new
            if not np.isfinite(by_hand.cost(X, y)):  # J after the update, as gd records it
                break
            last_finite = new
    net = MLP([1, 8, 8, 1], seed=0, dtype=dtype)
    with pytest.raises(mlp_lib.TrainingDiverged) as info:
        mlp_lib.gd(net, X, y, lr=lr, n_iter=100)
    assert info.value.iteration == t
    assert np.array_equal(net.theta, last_finite)
    assert np.isfinite(net.cost(X, y))


class FullCostCounter:
    """Wraps an MLP and counts J computed on all n examples (X with n rows)."""

    def __init__(self, model, n):
        self.model, self.n, self.full = model, n, 0

    def __getattr__(self, name):
        return getattr(self.model, name)

    def _cost(self, X, y):
        self.full += len(X) == self.n
        return self.model._cost(X, y)

    def cost_and_gradients(self, X, y):
        self.full += len(X) == self.n
        return self.model.cost_and_gradients(X, y)


def test_a_step_of_minibatch_sgd_looks_at_its_batch_only_between_records():
    """Algorithm 2's point is a step that costs O(B), not O(n): J on all n examples is computed
    at the start and at each recorded iteration, not after every step."""
    X, y = mlp_lib.data.smooth_curve(n=400, seed=0)
    model = FullCostCounter(MLP([1, 8, 1], seed=0), n=400)
    history = mlp_lib.minibatch_sgd(model, X, y, lr=0.05, B=8, n_iter=100, seed=0, record_every=25)
    assert len(history) == 5
    assert model.full == 5  # iteration 0, 25, 50, 75, 100


@pytest.mark.parametrize("record_every", [1, 7])
def test_a_diverging_minibatch_run_keeps_the_parameters_of_its_last_checked_J(record_every):
    """Between records SGD checks theta and the batch's J; when a run diverges the model goes
    back to the last parameters whose J on all n was checked, so its J is the last recorded one
    (with record_every=1, the J of the iteration before the divergence)."""
    X, y = mlp_lib.data.smooth_curve(n=40, seed=0)
    net = MLP([1, 8, 8, 1], seed=0)
    with pytest.raises(mlp_lib.TrainingDiverged) as info:
        mlp_lib.minibatch_sgd(net, X, y, lr=1e3, B=4, n_iter=200, seed=0, record_every=record_every)
    assert info.value.iteration > 1
    assert net.cost(X, y) == info.value.history[-1]
