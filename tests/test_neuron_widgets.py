"""The single neuron of chapter 2 (mlp_lib.plots.neuron), its figures and its explorer
(mlp_lib.widgets.neuron), driven headless: what they draw must be what mlp_lib computes."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.legend import Legend

import mlp_lib
from mlp_lib.plots import neuron as pn
from mlp_lib.widgets import neuron as wn
from mlp_lib.widgets._common import explorer_figure, render_png
from figure_state import figure_state

X, Y = mlp_lib.data.housing_prices()
ACTIVATIONS = ["relu", "sigmoid", "tanh", "identity"]


@pytest.fixture
def fig():
    f = plt.figure(figsize=(11, 4.4))
    yield f
    plt.close(f)


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


# ------------------------------------------------------------------- the model
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("d", [1, 3])
def test_single_neuron_equals_mlp_with_unit_linear_output(activation, d):
    """sigma(w^T x + b) is MLP([d, 1, 1]) with output weight 1 and output bias 0: same
    predictions, and the same gradients for w and b (backprop of mlp_lib as the reference)."""
    rng = np.random.default_rng(d)
    Xd, yd = rng.normal(size=(30, d)), rng.normal(size=30)
    net = mlp_lib.MLP([d, 1, 1], activation=activation, seed=1)
    net.W[2] = [[1.0]]
    net.b[2] = [0.0]
    neuron = mlp_lib.SingleNeuron(net.W[1][0], net.b[1][0], activation)
    np.testing.assert_allclose(neuron(Xd), net(Xd), rtol=1e-12)
    assert neuron.cost(Xd, yd) == pytest.approx(net.cost(Xd, yd), rel=1e-12)
    grad_W, grad_b = net.gradients(Xd, yd)
    grad_w, grad_bias = neuron.gradients(Xd, yd)
    np.testing.assert_allclose(grad_w, grad_W[1][0], rtol=1e-10, atol=1e-14)
    assert grad_bias == pytest.approx(grad_b[1][0], rel=1e-10)


def test_single_neuron_gradient_matches_central_differences():
    rng = np.random.default_rng(0)
    Xd, yd = rng.normal(size=(20, 2)), rng.normal(size=20)
    neuron = mlp_lib.SingleNeuron([0.7, -0.4], 0.3, "tanh")
    grad_w, grad_b = neuron.gradients(Xd, yd)
    eps = 1e-6
    for k in range(2):
        e = np.zeros(2)
        e[k] = eps
        up = mlp_lib.SingleNeuron(neuron.w + e, neuron.b, "tanh").cost(Xd, yd)
        down = mlp_lib.SingleNeuron(neuron.w - e, neuron.b, "tanh").cost(Xd, yd)
        assert grad_w[k] == pytest.approx((up - down) / (2 * eps), rel=1e-6)
    up = mlp_lib.SingleNeuron(neuron.w, float(neuron.b) + eps, "tanh").cost(Xd, yd)
    down = mlp_lib.SingleNeuron(neuron.w, float(neuron.b) - eps, "tanh").cost(Xd, yd)
    assert grad_b == pytest.approx((up - down) / (2 * eps), rel=1e-6)


def test_single_neuron_is_trained_in_place_by_the_optimizers():
    neuron = mlp_lib.SingleNeuron(1.0, 0.0)
    history = mlp_lib.minibatch_sgd(neuron, X, Y, 0.08, 10, 300, seed=0)
    assert history[-1] < history[0] / 10
    assert neuron.w.shape == (1,) and np.shape(neuron.b) == ()
    assert neuron.cost(X, Y) == pytest.approx(history[-1])


def test_single_neuron_rejects_bad_input():
    with pytest.raises(ValueError, match="activation must be one of"):
        mlp_lib.SingleNeuron(1.0, 0.0, "softplus")
    with pytest.raises(ValueError, match="b must be a single number"):
        mlp_lib.SingleNeuron(1.0, [0.0, 1.0])
    with pytest.raises(ValueError, match="X must have shape"):
        mlp_lib.SingleNeuron([1.0, 2.0], 0.0)(np.ones((4, 3)))


# ------------------------------------------------------------------- figures
def test_plot_houses_draws_the_data_and_the_true_kink():
    drawn = pn.plot_houses(X, Y)
    np.testing.assert_array_equal(drawn["size"], X[:, 0])
    np.testing.assert_array_equal(drawn["price"], Y)
    np.testing.assert_array_equal(drawn["truth_y"], mlp_lib.data.housing_price_truth(drawn["truth_x"]))
    flat = drawn["truth_x"] <= mlp_lib.data.HOUSE_KINK
    assert np.all(drawn["truth_y"][flat] == 0) and np.all(drawn["truth_y"][~flat] > 0)


def test_neuron_cost_grid_equals_mean_squared_cost_and_finds_the_dead_region():
    grid = pn.neuron_cost_grid(X, Y, "relu", num=11)
    for i, k in [(0, 0), (3, 8), (10, 5), (6, 2)]:
        w, b = grid["w"][k], grid["b"][i]
        expected = mlp_lib.mean_squared_cost(mlp_lib.relu(w * X[:, 0] + b), Y)
        assert grid["J"][i, k] == pytest.approx(expected, rel=1e-12)
        assert grid["dead"][i, k] == bool(np.all(w * X[:, 0] + b <= 0))
    assert grid["dead"].any() and not grid["dead"].all()
    assert np.allclose(grid["J"][grid["dead"]], 0.5 * np.mean(Y**2))
    assert pn.neuron_cost_grid(X, Y, "tanh", num=5)["dead"] is None


def test_plot_neuron_plane_shows_h_and_the_kink_line():
    X4, y4 = mlp_lib.data.four_feature_houses()
    neuron = mlp_lib.SingleNeuron([2.0, -1.0], -1.0)
    drawn = pn.plot_neuron_plane(neuron, X4[:, :2], y4)
    G1, G2 = np.meshgrid(drawn["x1"], drawn["x2"])
    np.testing.assert_allclose(drawn["h"], mlp_lib.relu(2 * G1 - G2 - 1))
    np.testing.assert_allclose(2 * drawn["kink"][:, 0] - drawn["kink"][:, 1] - 1, 0, atol=1e-12)
    far = mlp_lib.SingleNeuron([1.0, 1.0], 5.0)  # w^T x + b > 0 on the whole plot
    assert pn.plot_neuron_plane(far, X4[:, :2], y4)["kink"] is None


# ------------------------------------------------------------------- explorer
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_update_neuron_draws_sigma_of_w_x_plus_b_and_its_cost(fig, activation):
    w, b = 1.7, -2.3
    drawn = wn.update_neuron(fig, w, b, activation, X=X, y=Y)
    sigma = getattr(mlp_lib, activation)
    np.testing.assert_allclose(drawn["h"], sigma(w * drawn["x"] + b))
    assert drawn["J"] == mlp_lib.mean_squared_cost(sigma(w * X[:, 0] + b), Y)
    # the line on the left Axes is that curve, and the cost shown is that J
    line = fig.axes[0].get_lines()[0]
    np.testing.assert_allclose(line.get_ydata(), drawn["h"])
    assert f"{drawn['J']:.3f}" in fig.axes[0].get_title()
    # the dot on the right is (w, b)
    assert tuple(fig.axes[1].get_lines()[-1].get_xydata()[0]) == (w, b)


def test_relu_neuron_plot_is_zero_left_of_the_kink(fig):
    drawn = wn.update_neuron(fig, 2.0, -2.0, "relu", X=X, y=Y)
    np.testing.assert_array_equal(drawn["h"], mlp_lib.relu(2.0 * drawn["x"] - 2.0))
    assert np.all(drawn["h"][drawn["x"] <= 1.0] == 0) and np.all(drawn["h"][drawn["x"] > 1.0] > 0)


def test_fit_button_shows_what_minibatch_sgd_computes(fig):
    drawn = wn.fit_neuron_by_sgd(fig, 1.0, 0.0, "relu", X=X, y=Y)
    neuron = mlp_lib.SingleNeuron(1.0, 0.0, "relu")
    history = mlp_lib.minibatch_sgd(neuron, X, Y, 0.08, 10, 500, seed=0)
    np.testing.assert_allclose(drawn["history"], history, rtol=1e-12)
    assert drawn["w_fit"] == pytest.approx(neuron.w[0], rel=1e-12)
    assert drawn["b_fit"] == pytest.approx(float(neuron.b), rel=1e-12)
    np.testing.assert_allclose(drawn["h_fit"], mlp_lib.relu(neuron.w[0] * drawn["x"] + neuron.b))
    np.testing.assert_allclose(drawn["h_start"], mlp_lib.relu(drawn["x"]))
    assert drawn["J_fit"] == pytest.approx(neuron.cost(X, Y), rel=1e-12)
    assert drawn["J_fit"] < 0.1 < drawn["J_start"]
    np.testing.assert_allclose(drawn["path"][0], [1.0, 0.0])
    np.testing.assert_allclose(drawn["path"][-1], [drawn["w_fit"], drawn["b_fit"]])
    assert drawn["message"] is None and not (drawn["dead"] or drawn["died"] or drawn["diverged"])
    assert not any(t.startswith(("SGD left", "A step", "Training diverged")) for t in _texts(fig))


def test_fit_button_explains_a_dead_start(fig):
    drawn = wn.fit_neuron_by_sgd(fig, -1.0, -1.0, "relu", X=X, y=Y)
    assert drawn["dead"] and not drawn["diverged"]
    assert drawn["message"] in _texts(fig)
    np.testing.assert_array_equal(drawn["path"][-1], [-1.0, -1.0])
    # a start one step outside the dead region moves
    assert not wn.fit_neuron_by_sgd(fig, 1.0, -4.0, "relu", X=X, y=Y)["dead"]


@pytest.mark.parametrize("activation", ["identity", "relu"])
def test_fit_button_shows_divergence_exactly_when_sgd_diverges(fig, activation):
    outcomes = set()
    for lr in [0.08, 0.15, 0.3, 5.0]:
        try:
            mlp_lib.minibatch_sgd(mlp_lib.SingleNeuron(1.0, 0.0, activation), X, Y, lr, 10, 500, seed=0)
            expected = False
        except mlp_lib.TrainingDiverged:
            expected = True
        drawn = wn.fit_neuron_by_sgd(fig, 1.0, 0.0, activation, X=X, y=Y, lr=lr)
        assert drawn["diverged"] is expected, lr
        assert any("diverged" in t for t in _texts(fig)) is expected, lr
        assert np.all(np.isfinite(drawn["history"]))
        outcomes.add(expected)
    # identity diverges for the large rates; a ReLU neuron dies before it can (next test)
    assert outcomes == ({False, True} if activation == "identity" else {False})


def test_fit_button_explains_a_neuron_that_dies_during_training(fig):
    drawn = wn.fit_neuron_by_sgd(fig, 1.0, 0.0, "relu", X=X, y=Y, lr=0.3)
    assert drawn["died"] and not drawn["dead"] and not drawn["diverged"]
    assert drawn["message"] in _texts(fig)
    neuron = mlp_lib.SingleNeuron(drawn["w_fit"], drawn["b_fit"])
    assert np.all(neuron(X) == 0)
    assert not wn.fit_neuron_by_sgd(fig, 1.0, 0.0, "relu", X=X, y=Y)["died"]


def test_explorer_builds_and_redraws_after_a_change():
    box = wn.neuron_explorer()
    c = box.controls
    assert set(c) == {"w", "b", "activation"}
    c["w"].value = 2.0
    c["b"].value = -2.0
    c["activation"].value = "tanh"
    box.redraw(show=False)
    line = box.figure.axes[0].get_lines()[0]
    np.testing.assert_allclose(line.get_ydata(), np.tanh(2.0 * line.get_xdata() - 2.0))
    J = mlp_lib.mean_squared_cost(np.tanh(2.0 * X[:, 0] - 2.0), Y)
    assert f"{J:.3f}" in box.figure.axes[0].get_title()
    plt.close(box.figure)


# ------------------------------------------------------------------- explorer: updates in place
#: The states of the explorer visited in turn below: slider updates and fits that end in
#: every way (fine, a dead start, divergence, a ReLU that dies).
STATES = [
    (wn.update_neuron, dict(w=1.0, b=0.0, activation="relu")),
    (wn.fit_neuron_by_sgd, dict(w=-1.0, b=-1.0, activation="relu")),
    (wn.update_neuron, dict(w=2.5, b=-4.0, activation="tanh")),
    (wn.fit_neuron_by_sgd, dict(w=1.0, b=0.0, activation="identity", lr=5.0)),
    (wn.fit_neuron_by_sgd, dict(w=1.0, b=0.0, activation="relu", lr=0.3)),
    (wn.fit_neuron_by_sgd, dict(w=1.0, b=0.0, activation="sigmoid")),
    (wn.update_neuron, dict(w=-1.0, b=3.0, activation="identity")),
    (wn.update_neuron, dict(w=0.5, b=-6.0, activation="relu")),
]


def _legend(ax):
    shown = [a for a in ax.get_children() if isinstance(a, Legend) and a.get_visible()]
    assert len(shown) == 1
    return [t.get_text() for t in shown[0].get_texts()]


def test_fit_then_sliders_show_each_their_own_lines_and_legend(fig):
    fit = wn.fit_neuron_by_sgd(fig, 1.5, -1.0, "relu", X=X, y=Y)
    ax_fit, ax_cost = fig.axes
    assert _legend(ax_fit) == ["houses", rf"start, $J$ = {fit['J_start']:.3f}",
                               rf"after SGD, $J$ = {fit['J_fit']:.3f}"]
    curve, start = ax_fit.get_lines()[:2]
    np.testing.assert_array_equal(curve.get_ydata(), fit["h_fit"])
    np.testing.assert_array_equal(start.get_ydata(), fit["h_start"])
    assert start.get_visible() and start.get_linestyle() == "--"
    path, ring, dot = ax_cost.get_lines()[-3:]
    np.testing.assert_array_equal(path.get_xydata(), fit["path"])
    assert tuple(ring.get_xydata()[0]) == (1.5, -1.0)
    assert tuple(dot.get_xydata()[0]) == (fit["w_fit"], fit["b_fit"])
    assert path.get_visible() and ring.get_visible()
    # back to the sliders: one neuron, its legend, only the dot (w, b)
    drawn = wn.update_neuron(fig, 2.0, -1.0, "relu", X=X, y=Y)
    assert _legend(ax_fit) == ["houses", rf"$h_\theta(x)$, $J$ = {drawn['J']:.3f}"]
    assert [line for line in ax_fit.get_lines() if line.get_visible()] == [curve]
    assert [line for line in ax_cost.get_lines() if line.get_visible()][-1:] == [dot]
    assert not (path.get_visible() or ring.get_visible())
    assert tuple(dot.get_xydata()[0]) == (2.0, -1.0)


def test_updates_keep_the_same_artists(fig):
    """Updates change data and texts, never add artists: the count per Axes stays the same."""
    counts = set()
    for _ in range(2):
        for action, values in STATES:
            action(fig, X=X, y=Y, **values)
            counts.add(tuple(len(ax.get_children()) for ax in fig.axes))
    assert len(counts) == 1 and len(fig.axes) == 2


def test_only_the_selected_activation_has_its_contours_shown(fig):
    for action, values in STATES:
        action(fig, X=X, y=Y, **values)
        ax_cost = fig.axes[1]
        shown = [c for c in ax_cost.collections if c.get_visible()]
        # the filled contours and their lines, plus the hatched dead region for a ReLU
        assert len(shown) == (3 if values["activation"] == "relu" else 2), values
        dead_label = [t for t in ax_cost.texts if t.get_text().startswith("dead:") and t.get_visible()]
        assert len(dead_label) == (values["activation"] == "relu"), values


def test_figure_after_updates_is_the_figure_drawn_fresh():
    """From any state to any other, the figure is the one drawn fresh at the new state: same
    lines, texts and messages (a message shown before is gone), and the same PNG."""
    fig = explorer_figure((9.5, 4), ncols=2)
    for (action_a, values_a), (action_b, values_b) in zip(STATES, STATES[1:] + STATES[:1]):
        action_a(fig, X=X, y=Y, **values_a)
        render_png(fig)
        drawn = action_b(fig, X=X, y=Y, **values_b)
        fresh = explorer_figure((9.5, 4), ncols=2)
        assert action_b(fresh, X=X, y=Y, **values_b).keys() == drawn.keys()
        assert figure_state(fig) == figure_state(fresh), (values_a, values_b)
        assert render_png(fig) == render_png(fresh), (values_a, values_b)
    # the messages appear only where the state has one
    messages = [t for t in _texts(fig) if t.startswith(("SGD left", "A step", "Training diverged"))]
    assert messages == []


def test_update_on_a_cleared_figure_or_other_data_starts_again(fig):
    wn.update_neuron(fig, 1.0, 0.0, "relu", X=X, y=Y)
    fig.clear()
    drawn = wn.update_neuron(fig, 2.0, -2.0, "relu", X=X, y=Y)
    np.testing.assert_allclose(fig.axes[0].get_lines()[0].get_ydata(), drawn["h"])
    X2, Y2 = X[:20], Y[:20]
    wn.update_neuron(fig, 2.0, -2.0, "relu", X=X2, y=Y2)
    np.testing.assert_array_equal(fig.axes[0].collections[0].get_offsets(), np.column_stack([X2[:, 0], Y2]))
    assert len(fig.axes) == 2
