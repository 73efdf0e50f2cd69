"""The one training helper (mlp_lib.train, train_mlp) and the core names the chapters use."""
import numpy as np
import pytest

import mlp_lib
from mlp_lib.data import HOUSE_THETA, smooth_curve
from mlp_lib.quadratic_model import cost_grid
from mlp_lib.stacking import HOUSE_MASK

X, Y = smooth_curve(n=40, seed=0)


def test_train_records_what_the_optimizer_returns_and_the_path():
    model = mlp_lib.QuadraticModel([0.2, -2.0])
    Xq, yq = mlp_lib.data.quadratic_data(n=20, seed=0)
    run = mlp_lib.train(model, Xq, yq, "gd", lr=0.03, n_iter=10, path=lambda m: m.theta)
    same = mlp_lib.QuadraticModel([0.2, -2.0])
    history = mlp_lib.gd(same, Xq, yq, lr=0.03, n_iter=10)
    np.testing.assert_array_equal(run["history"], history)
    assert run["iterations"].tolist() == list(range(11)) and run["error"] is None
    assert run["path"].shape == (11, 2)
    np.testing.assert_array_equal(run["path"][0], [0.2, -2.0])
    np.testing.assert_array_equal(run["path"][-1], same.theta)


def test_train_turns_divergence_into_a_result_with_a_readers_message():
    net = mlp_lib.MLP([1, 8, 1], seed=0)
    run = mlp_lib.train(net, X, Y, "gd", lr=1e3, n_iter=500)
    err = run["error"]
    assert isinstance(err, mlp_lib.TrainingDiverged) and 1 <= err.iteration < 500
    assert str(err).startswith(f"Training diverged at iteration {err.iteration} with learning rate 1000:")
    assert np.isfinite(net.theta).all() and np.isfinite(run["history"]).all()


def test_max_growth_stops_a_run_whose_J_grows_but_stays_finite():
    # one linear unit, h = w x + b, on x = 0: only b moves, b := b - lr (b - 1), so
    # b - 1 is multiplied by (1 - lr) = -2 at each step and J = (b - 1)^2 / 2 by 4.
    net = mlp_lib.MLP([1, 1], seed=0)
    net.W[1], net.b[1] = [[0.0]], [2.0]
    run = mlp_lib.train(net, np.zeros((1, 1)), np.ones(1), "gd", lr=3.0, n_iter=50, max_growth=100)
    assert run["history"].tolist() == [0.5, 2.0, 8.0, 32.0, 128.0]  # 128 > 100 x 0.5 stops it
    err = run["error"]
    assert err.iteration == 4 and err.J == 128.0
    assert "J grew from 0.5 to 128" in str(err)


def test_train_rejects_an_unknown_algorithm():
    with pytest.raises(ValueError, match="algorithm must be one of 'gd', 'sgd', 'minibatch', 'momentum', 'batches', got 'adam'"):
        mlp_lib.train(mlp_lib.MLP([1, 1]), X, Y, "adam", lr=0.1, n_iter=1)


def test_batches_repeat_a_run_whose_indices_were_drawn_elsewhere():
    """batch_sgd's update on the indices minibatch_sgd draws is minibatch_sgd's run; None is GD's step."""
    net = mlp_lib.MLP([1, 3, 1], seed=2)
    drawn = np.random.default_rng(5)  # what minibatch_sgd(seed=5) draws, in its order
    batches = [drawn.choice(len(X), size=4, replace=False) for _ in range(6)]
    a = mlp_lib.train(net.copy(), X, Y, "minibatch", lr=0.1, n_iter=6, B=4, seed=5)
    b = mlp_lib.train(net.copy(), X, Y, "batches", lr=0.1, batches=batches)
    np.testing.assert_array_equal(a["history"], b["history"])
    np.testing.assert_array_equal(a["model"].theta, b["model"].theta)
    c = mlp_lib.train(net.copy(), X, Y, "batches", lr=0.1, batches=[None] * 3)
    np.testing.assert_array_equal(c["history"], mlp_lib.train(net.copy(), X, Y, lr=0.1, n_iter=3)["history"])
    with pytest.raises(ValueError, match=r"batches\[1\] must be None or a non-empty 1-D array of indices"):
        mlp_lib.train(net.copy(), X, Y, "batches", lr=0.1, batches=[[0], []])
    with pytest.raises(ValueError, match='give n_iter for every algorithm but "batches"'):
        mlp_lib.train(net.copy(), X, Y, "batches", lr=0.1, n_iter=3, batches=[None])


def test_train_mlp_remembers_and_returns_copies():
    first = mlp_lib.train_mlp([1, 4, 1], X, Y, "tanh", 0, lr=0.1, n_iter=20)
    fresh = mlp_lib.MLP([1, 4, 1], "tanh", seed=0)
    history = mlp_lib.gd(fresh, X, Y, 0.1, 20)
    np.testing.assert_array_equal(first["model"].theta, fresh.theta)
    np.testing.assert_array_equal(first["history"], history)
    first["model"].theta[...] = 0.0
    first["history"][...] = 0.0
    again = mlp_lib.train_mlp([1, 4, 1], X, Y, "tanh", 0, lr=0.1, n_iter=20)
    np.testing.assert_array_equal(again["model"].theta, fresh.theta)
    np.testing.assert_array_equal(again["history"], history)
    other = mlp_lib.train_mlp([1, 4, 1], X, Y + 1.0, "tanh", 0, lr=0.1, n_iter=20)  # other data: trained anew
    assert not np.array_equal(other["model"].theta, fresh.theta)


def test_housing_theta_reads_the_twelve_thetas_back():
    np.testing.assert_array_equal(mlp_lib.housing_theta(mlp_lib.housing_net(HOUSE_THETA)), HOUSE_THETA)
    net = mlp_lib.housing_net(np.arange(1.0, 13.0))
    assert net.W[1][2, 3] == 7 and net.b[2][0] == 12  # theta_7: x_4 -> a_3; theta_12: the output bias
    net.W[1][0, 3] = 5.0  # an edge Figure 2 does not have is not a theta
    assert mlp_lib.housing_theta(net).tolist() == list(range(1, 13))
    assert len(mlp_lib.stacking.THETA_EDGES) == HOUSE_MASK.sum() + 3 == 8
    with pytest.raises(ValueError, match=r"sizes \[4, 3, 1\]"):
        mlp_lib.housing_theta(mlp_lib.MLP([4, 2, 1]))


def test_theta_positions_and_names_are_plain_python_for_json_and_labels():
    from mlp_lib.stacking import THETA_BIASES, THETA_EDGES, theta_name

    assert THETA_EDGES[(1, 2, 3)] == 7 and THETA_BIASES[(2, 0)] == 12  # by hand, from eq. (2.3)
    assert all(type(v) is int for key in THETA_EDGES for v in key)  # json.dumps takes them
    assert [theta_name(n) for n in (1, 9, 12)] == ["θ₁", "θ₉", "θ₁₂"]


def test_cost_grid_is_J_of_the_footnote_model_at_each_point():
    Xq = np.array([[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]])
    yq = np.array([1.0, 0.0, 2.0])
    grid = cost_grid(Xq, yq, lim=2.0, num=5)
    axis = [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert grid["theta1"].tolist() == axis and grid["theta2"].tolist() == axis
    for i, t2 in enumerate(axis):  # J[i, k] at theta = (theta1[k], theta2[i]), eq. (1.2) one example at a time
        for k, t1 in enumerate(axis):
            J = sum(0.5 * (t1**2 * x1**2 + t2**2 * x2**2 - y) ** 2 for (x1, x2), y in zip(Xq, yq)) / 3
            assert grid["J"][i, k] == pytest.approx(J, rel=1e-12), (i, k)
    # by hand: theta = (1, -1) gives h = 5, 1.25, 9 and J = (16 + 1.5625 + 49) / 6; (-1, 1) the same
    assert grid["J"][1, 3] == pytest.approx((16 + 1.5625 + 49) / 6)
    assert grid["J"][3, 0] != grid["J"][0, 3]  # x1 and x2 differ: a transposed grid would not pass


def test_in_place_update_of_a_layer_is_the_layer_and_assignment_is_still_checked():
    net = mlp_lib.MLP([2, 3, 1], seed=0)
    W1 = net.W[1]
    before = W1.copy()
    net.W[1] -= 0.5
    assert net.W[1] is W1 and np.array_equal(W1, before - 0.5)
    np.testing.assert_array_equal(net.theta[:6], (before - 0.5).ravel())  # theta sees it
    with pytest.raises(ValueError, match=r"W\[1\] must have shape \(3, 2\), got shape \(2, 3\)"):
        net.W[1] = np.zeros((2, 3))
    with pytest.raises(ValueError, match="finite"):
        net.W[1] = np.full((3, 2), np.nan)


@pytest.mark.parametrize("sizes, by_hand", [
    ([4, 3, 1], 4 * 3 + 3 + 3 * 1 + 1),  # 19, chapter 3's full 4-3-1 network
    ([13, 64, 64, 1], 13 * 64 + 64 + 64 * 64 + 64 + 64 + 1),  # 5121
    ([784, 256, 256, 10], 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10),  # 269322
])
def test_parameter_counts_are_the_numbers_counted_by_hand(sizes, by_hand):
    # by hand: W^[k] has m_k m_{k-1} entries and b^[k] has m_k, for k = 1..r
    assert mlp_lib.MLP(sizes).num_params == mlp_lib.param_count(sizes) == by_hand
