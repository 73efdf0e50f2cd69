"""Bad input gets a ValueError naming the argument, what was expected and what came;
a diverging learning rate raises TrainingDiverged and keeps finite parameters."""
import numpy as np
import pytest

import mlp_lib
from mlp_lib import MLP


@pytest.fixture
def data():
    return mlp_lib.data.smooth_curve(n=20, seed=0)


def test_wrong_shape_of_X(data):
    net = MLP([3, 4, 1], seed=0)
    with pytest.raises(ValueError, match=r"X must have shape \(n, d\) = \(n, 3\), one example per row, got shape \(5, 2\)"):
        net(np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"got shape \(3,\)\. For a single example use X.reshape\(1, -1\)"):
        net(np.zeros(3))


def test_nan_or_inf_in_X_and_y(data):
    X, y = data
    net = MLP([1, 4, 1], seed=0)
    X_bad = X.copy()
    X_bad[3, 0] = np.nan
    with pytest.raises(ValueError, match=r"X must contain only finite numbers, got 1 NaN or inf value\(s\) in an array of shape \(20, 1\)"):
        net(X_bad)
    y_bad = y.copy()
    y_bad[[0, 1]] = np.inf
    with pytest.raises(ValueError, match=r"y must contain only finite numbers, got 2 NaN or inf"):
        mlp_lib.gd(net, X, y_bad, lr=0.1, n_iter=1)


def test_non_numeric_X():
    with pytest.raises(ValueError, match=r"X must be an array of real numbers, got str 'big house'"):
        MLP([1, 1], seed=0)("big house")


def test_wrong_shape_of_y(data):
    X, y = data
    net = MLP([1, 4, 1], seed=0)
    with pytest.raises(ValueError, match=r"y must have shape \(20,\), one target per row of X, got shape \(19,\)"):
        net.gradients(X, y[:-1])
    with pytest.raises(ValueError, match=r"y must have shape \(20, 2\)"):
        MLP([1, 4, 2], seed=0).cost(X, y)


def test_unknown_activation():
    with pytest.raises(ValueError, match=r"activation must be one of 'relu', 'sigmoid', 'tanh', 'identity', got 'Relu'"):
        MLP([1, 2, 1], activation="Relu")


@pytest.mark.parametrize("sizes", [[3], [], "3,4", [3, 0, 1], [3, 2.5, 1], None])
def test_bad_sizes(sizes):
    with pytest.raises(ValueError, match=r"sizes"):
        MLP(sizes)


def test_bad_seed_and_dtype():
    with pytest.raises(ValueError, match=r"seed must be None, a non-negative integer or a numpy.random.Generator, got -1"):
        MLP([1, 1], seed=-1)
    with pytest.raises(ValueError, match=r"dtype must be a floating-point type"):
        MLP([1, 1], dtype=np.int64)


@pytest.mark.parametrize("lr", [0, -0.1, np.nan, np.inf, "0.1", True])
def test_learning_rate_must_be_positive(data, lr):
    X, y = data
    with pytest.raises(ValueError, match=r"lr must be a positive number, got "):
        mlp_lib.gd(MLP([1, 2, 1], seed=0), X, y, lr=lr, n_iter=1)


@pytest.mark.parametrize("B", [0, 21, -3, 2.0])
def test_batch_size_must_be_between_1_and_n(data, B):
    X, y = data
    with pytest.raises(ValueError, match=r"B \(batch size\) must be an integer between 1 and 20, got "):
        mlp_lib.minibatch_sgd(MLP([1, 2, 1], seed=0), X, y, lr=0.1, B=B, n_iter=1)


def test_iterations_and_beta(data):
    X, y = data
    with pytest.raises(ValueError, match=r"n_iter must be an integer between 0 and 100000000, got -1"):
        mlp_lib.gd(MLP([1, 2, 1], seed=0), X, y, lr=0.1, n_iter=-1)
    with pytest.raises(ValueError, match=r"beta must be a number in \[0, 1\), got 1.0"):
        mlp_lib.momentum_sgd(MLP([1, 2, 1], seed=0), X, y, lr=0.1, B=2, n_iter=1, beta=1.0)


@pytest.mark.parametrize("run", [
    lambda m, X, y: mlp_lib.gd(m, X, y, lr=1e3, n_iter=500),
    lambda m, X, y: mlp_lib.sgd(m, X, y, lr=1e3, n_iter=500, seed=0),
    lambda m, X, y: mlp_lib.minibatch_sgd(m, X, y, lr=1e3, B=5, n_iter=500, seed=0),
    lambda m, X, y: mlp_lib.momentum_sgd(m, X, y, lr=1e3, B=5, n_iter=500, seed=0),
], ids=["gd", "sgd", "minibatch_sgd", "momentum_sgd"])
def test_huge_learning_rate_raises_training_diverged(data, run):
    X, y = data
    net = MLP([1, 8, 1], seed=0)
    with pytest.raises(mlp_lib.TrainingDiverged) as info:  # and no RuntimeWarning (warnings are errors)
        run(net, X, y)
    err = info.value
    assert isinstance(err, FloatingPointError)
    assert f"Training diverged at iteration {err.iteration} with learning rate 1000:" in str(err)
    assert "Try a smaller learning rate, such as 100." in str(err)
    assert 1 <= err.iteration < 500
    assert all(np.all(np.isfinite(p)) for p in net.parameters())
    assert np.all(np.isfinite(err.history)) and len(err.history) >= 1


# --------------------------------------------------------------------------------------------
# Regression tests: every bad input a careless student tried (issue 22) gets a clear error or
# the right answer. Warnings are errors in this suite, so "no warning" is checked too.

# wrong answers and corrupted state

@pytest.mark.parametrize("cost", [mlp_lib.mean_squared_cost, mlp_lib.squared_loss])
def test_h_of_shape_n_by_1_against_y_of_shape_n_is_refused_not_broadcast_to_n_by_n(cost):
    """numpy would subtract (3,) from (3, 1) as a 3 x 3 matrix, and J would be 1.5, not 0.5."""
    with pytest.raises(ValueError, match=r"h and y must have the same shape, .* got h of shape \(3, 1\) "
                                         r"and y of shape \(3,\)\. Use h\.ravel\(\) or y\.reshape\(-1, 1\)"):
        cost(np.ones((3, 1)), np.zeros(3))
    assert mlp_lib.mean_squared_cost(np.ones((3, 1)).ravel(), np.zeros(3)) == 0.5


def _diverging(train):
    """(model, X, y, train): a run that overflows J with theta still finite (the issue's
    reproducer), one per way of training."""
    X, y = mlp_lib.data.smooth_curve()
    return {
        "gd": (MLP([1, 10, 1], seed=0), lambda m, **k: mlp_lib.gd(m, X, y, 10.0, 300, **k)),
        "sgd": (MLP([1, 10, 1], seed=0), lambda m, **k: mlp_lib.sgd(m, X, y, 10.0, 300, seed=0, **k)),
        "minibatch_sgd": (MLP([1, 10, 1], seed=0), lambda m, **k: mlp_lib.minibatch_sgd(m, X, y, 10.0, 8, 300, seed=0, **k)),
        "epoch_sgd": (MLP([1, 10, 1], seed=0), lambda m, **k: mlp_lib.epoch_sgd(m, X, y, 10.0, 8, 30, seed=0, **k)),
        "momentum_sgd": (MLP([1, 10, 1], seed=0), lambda m, **k: mlp_lib.momentum_sgd(m, X, y, 10.0, 8, 300, seed=0, **k)),
        "batch_sgd": (MLP([1, 10, 1], seed=0), lambda m, **k: mlp_lib.batch_sgd(m, X, y, 10.0, [None] * 300, **k)),
        "SingleNeuron": (mlp_lib.SingleNeuron(1.0, 0.0, "identity"),
                         lambda m, **k: mlp_lib.gd(m, X, y, 10.0, 300, **k)),
        "QuadraticModel": (mlp_lib.QuadraticModel([0.2, -2.0]),
                           lambda m, **k: mlp_lib.gd(m, *mlp_lib.data.quadratic_data(), 0.6, 300, **k)),
        "features.train_all_layers": (MLP([1, 10, 1], seed=0),
                                      lambda m, **k: mlp_lib.features.train_all_layers(m, X, y, lr=10.0, n_iter=300)),
    }[train]


@pytest.mark.parametrize("train", ["gd", "sgd", "minibatch_sgd", "epoch_sgd", "momentum_sgd", "batch_sgd",
                                   "SingleNeuron", "QuadraticModel", "features.train_all_layers"])
def test_after_training_diverged_the_model_keeps_its_last_parameters_whose_J_is_finite(train):
    model, run = _diverging(train)
    seen = []  # the parameters at every recorded iteration (features.train_all_layers records none)

    def record(t, J, m):
        seen.append(np.concatenate([np.ravel(p) for p in m.parameters()]))

    with pytest.raises(mlp_lib.TrainingDiverged) as info:
        run(model) if train == "features.train_all_layers" else run(model, callback=record)
    X, y = mlp_lib.data.quadratic_data() if train == "QuadraticModel" else mlp_lib.data.smooth_curve()
    J = model.cost(X, y)  # no warning either
    assert np.isfinite(J) and info.value.iteration > 1
    if seen:  # the model is the one recorded last: one step before the divergence
        assert np.array_equal(np.concatenate([np.ravel(p) for p in model.parameters()]), seen[-1])
        assert J == info.value.history[-1]


def test_train_keeps_the_last_parameters_whose_J_is_finite_too():
    X, y = mlp_lib.data.smooth_curve()
    run = mlp_lib.train(MLP([1, 10, 1], seed=0), X, y, lr=10.0, n_iter=300, path=lambda m: m.theta)
    assert run["error"] is not None
    assert np.array_equal(run["model"].theta, run["path"][-1]) and np.isfinite(run["model"].cost(X, y))


def test_numerical_gradients_restore_a_parameter_even_when_J_raises():
    net = MLP([2, 3, 1], seed=0)
    theta = net.theta.copy()
    calls = []

    def failing_cost(X, y):
        calls.append(1)
        if len(calls) == 2:  # J(theta - eps e_0): theta_0 is nudged now
            raise KeyboardInterrupt
        return MLP.cost(net, X, y)

    net.cost = failing_cost
    with pytest.raises(KeyboardInterrupt):
        mlp_lib.gradcheck.numerical_gradients(net, np.ones((4, 2)), np.ones(4))
    assert np.array_equal(net.theta, theta)


def test_numerical_gradients_of_a_J_that_overflows_leave_the_net_as_it_was():
    net = MLP([2, 3, 1], seed=0)
    theta = net.theta.copy()
    mlp_lib.gradcheck.numerical_gradients(net, np.ones((4, 2)), np.full(4, 1e200))  # no warning
    assert np.array_equal(net.theta, theta)


def test_train_mlp_takes_batches_as_lists_and_remembers_them():
    X = np.linspace(-1, 1, 6)[:, None]
    trained = []

    def path(m):  # called at every recorded iteration of a run that trains
        trained.append(m.theta.copy())
        return m.theta

    run = mlp_lib.train_mlp([1, 3, 1], X, X[:, 0], algorithm="batches", lr=0.1, batches=[[0, 1]], path=path)
    net = MLP([1, 3, 1], seed=0)
    assert np.array_equal(run["history"], mlp_lib.batch_sgd(net, X, X[:, 0], 0.1, [[0, 1]]))
    assert len(trained) == 2
    again = mlp_lib.train_mlp([1, 3, 1], X, X[:, 0], algorithm="batches", lr=0.1, batches=[[0, 1]], path=path)
    assert len(trained) == 2  # remembered, not trained again
    assert np.array_equal(again["model"].theta, net.theta)


# hangs

def test_a_network_too_large_for_memory_is_refused_at_once():
    with pytest.raises(ValueError, match=r"sizes \[1, 1000000000\] make 2,000,000,000 parameters, more than the "
                                         r"100,000,000 an MLP may have"):
        MLP([1, 10**9])


def test_median_time_refuses_a_batch_that_would_never_end():
    with pytest.raises(ValueError, match=r"min_time \(seconds\) must be a finite number from 0 to 10, got inf"):
        mlp_lib.timing.median_time(lambda: None, min_time=float("inf"))


def test_noise_that_would_overflow_the_targets_is_refused():
    with pytest.raises(ValueError, match=r"noise is too large: the targets y would overflow float64"):
        mlp_lib.data.smooth_curve(noise=1e308)


def test_train_mlp_does_not_take_true_for_1_from_its_memory():
    X, y = mlp_lib.data.smooth_curve(n=10)
    mlp_lib.train_mlp([1, 2, 1], X, y, lr=0.1, n_iter=1)
    with pytest.raises(ValueError, match=r"n_iter must be an integer between 0 and 100000000, got True"):
        mlp_lib.train_mlp([1, 2, 1], X, y, lr=0.1, n_iter=True)


def test_an_endless_number_of_iterations_is_refused(data):
    X, y = data
    with pytest.raises(ValueError, match=r"n_iter must be an integer between 0 and 100000000, got an integer of 401"):
        mlp_lib.gd(MLP([1, 1], seed=0), X, y, 0.1, 10**400)


# leaked warnings

def test_complex_numbers_are_refused_not_cut_to_their_real_part():
    net = MLP([1, 1], seed=0)
    with pytest.raises(ValueError, match=r"X must be an array of real numbers, got an array of shape \(1,\) "
                                         r"and dtype complex128"):
        net(np.array([1 + 1j]))
    with pytest.raises(ValueError, match=r"W\[1\] must be an array of real numbers, got list \[\[1j\]\]"):
        net.W[1] = [[1j]]


def test_J_too_large_for_float64_is_inf_without_a_warning():
    assert MLP([2, 3, 1], seed=0).cost(np.ones((4, 2)), np.full(4, 1e200)) == np.inf
    assert mlp_lib.mean_squared_cost([1e200], [0.0]) == np.inf


def test_numbers_too_large_for_float32_are_refused():
    with pytest.raises(ValueError, match=r"X must hold numbers that fit in float32 \(at most 3\.4e\+38 in size\)"):
        MLP([1, 1], seed=0, dtype=np.float32)(np.array([1e100]))


def test_the_cost_of_no_examples_is_refused():
    with pytest.raises(ValueError, match=r"with n >= 1 .* got h of shape \(0,\) and y of shape \(0,\)"):
        mlp_lib.mean_squared_cost([], [])


# nonsense accepted

def test_param_count_refuses_a_negative_width():
    with pytest.raises(ValueError, match=r"sizes\[1\] must be an integer at least 1, got -3"):
        mlp_lib.param_count([2, -3])


@pytest.mark.parametrize("X, what", [
    (np.array(["1", "2"]), r"an array of shape \(2,\) and dtype <U1"),
    (np.array(["2020-01-01"], dtype="datetime64[D]"), r"an array of shape \(1,\) and dtype datetime64\[D\]"),
    ("3", r"str '3'"),
])
def test_strings_and_dates_are_not_numbers(X, what):
    with pytest.raises(ValueError, match=r"X must be an array of real numbers, got " + what):
        MLP([1, 1], seed=0)(X)


def test_quadratic_data_refuses_a_nan_theta():
    with pytest.raises(ValueError, match=r"theta must contain only finite numbers, got 1 NaN or inf value"):
        mlp_lib.data.quadratic_data(theta=[np.nan, 1])


def test_max_growth_below_1_is_refused():
    X, y = mlp_lib.data.smooth_curve(n=10)
    with pytest.raises(ValueError, match=r"max_growth \(how many times its start J may grow to\) must be a finite "
                                         r"number of at least 1, got 0"):
        mlp_lib.train(MLP([1, 2, 1], seed=0), X, y, lr=0.1, n_iter=3, max_growth=0)


def test_a_neuron_needs_at_least_one_weight():
    with pytest.raises(ValueError, match=r"w must be a number or a 1-D array of d >= 1 numbers, got shape \(0,\)"):
        mlp_lib.SingleNeuron([], 0)


# unclear errors

def test_optimizers_say_when_the_model_is_not_one(data):
    X, y = data
    with pytest.raises(ValueError, match=r"model must be an mlp_lib model the optimizers train \(MLP, SingleNeuron "
                                         r"or QuadraticModel\), got NoneType None"):
        mlp_lib.gd(None, X, y, 0.1, 1)


def test_recorded_iterations_refuses_a_negative_count():
    with pytest.raises(ValueError, match=r"n_iter must be an integer between 0 and 100000000, got -1"):
        mlp_lib.recorded_iterations(-1)


@pytest.mark.parametrize("name", sorted(mlp_lib.ACTIVATIONS))
def test_activations_and_their_derivatives_take_lists(name):
    sigma, derivative = mlp_lib.get_activation(name)
    z = [1.0, -1.0]
    np.testing.assert_array_equal(derivative(z), derivative(np.array(z)))
    np.testing.assert_array_equal(sigma(z), sigma(np.array(z)))


def test_a_learning_rate_too_large_for_a_float_gets_a_clear_error(data):
    X, y = data
    with pytest.raises(ValueError, match=r"lr must be a positive number, got an integer of 401 digits"):
        mlp_lib.gd(MLP([1, 1], seed=0), X, y, 10**400, 1)


def test_check_compares_numbers_too_large_for_a_float_without_raising(capsys):
    mlp_lib.selfcheck.check("exercise 1", 10**400, 1.0)
    assert capsys.readouterr().out == "not right yet: exercise 1 (the value is not right).\n"


@pytest.mark.parametrize("call, name", [
    (lambda: MLP([1, 1], seed=0)(None), "X"),
    (lambda: MLP([1, 1], seed=0).cost(np.zeros((2, 1)), None), "y"),
    (lambda: mlp_lib.SingleNeuron(None, 0.0), "w"),
    (lambda: mlp_lib.QuadraticModel(None), "theta"),
    (lambda: mlp_lib.housing_net(None), "theta"),
])
def test_none_is_called_none_not_a_nan(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must be an array of real numbers, got None\.$"):
        call()


@pytest.mark.parametrize("call", [
    lambda: mlp_lib.SingleNeuron(1.0, True),
    lambda: MLP([1, 1], seed=0)(np.array([True, False])),
    lambda: mlp_lib.QuadraticModel([True, False]),
], ids=["b", "X", "theta"])
def test_booleans_are_not_numbers(call):
    with pytest.raises(ValueError, match=r"must be an array of real numbers, got"):
        call()


def test_train_checks_B_beta_and_seed_whichever_the_algorithm(data):
    """They were ignored by "gd" and "sgd", so a wrong one passed unnoticed."""
    X, y = data
    for settings, words in [({"B": 0}, r"B \(batch size\) must be an integer between 1 and 20, got 0"),
                            ({"beta": 1.5}, r"beta must be a number in \[0, 1\), got 1\.5"),
                            ({"seed": -1}, r"seed must be None, a non-negative integer")]:
        with pytest.raises(ValueError, match=words):
            mlp_lib.train(MLP([1, 2, 1], seed=0), X, y, "gd", lr=0.1, n_iter=1, **settings)


def test_fit_last_layer_refuses_inputs_whose_features_overflow():
    net = MLP([1, 3, 1], seed=0)
    net.W[1] = [[2.0], [3.0], [-1.0]]  # 2e308 and 3e308 are inf
    with pytest.raises(ValueError, match=r"X is too large for this network: its features phi\(X\) overflow float64"):
        mlp_lib.features.fit_last_layer(net, np.full((4, 1), 1e308), np.zeros(4))
