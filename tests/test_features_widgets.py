"""Chapter 8, "Connection to the kernel method": the explorer and its figures, driven headless.

Every check compares what was drawn or tabulated with a fresh computation from mlp_lib.
"""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

import mlp_lib
from mlp_lib.data import smooth_curve
from mlp_lib.plots import features as plots
from mlp_lib import features
from mlp_lib.widgets import features as explorer
from figure_state import figure_state


def fresh_nets(width, seed=0):
    """The chapter's two trainings, redone from scratch without the module's cache."""
    X, y = smooth_curve(n=80, noise=0.1, seed=0)
    init = mlp_lib.MLP([1, width, 1], activation="relu", seed=seed)
    Phi = np.column_stack([init.features(X), np.ones(len(X))])
    coef = np.linalg.pinv(Phi) @ y  # least squares (minimum norm: the features may be collinear)
    trained = init.copy()
    mlp_lib.momentum_sgd(trained, X, y, lr=0.05, B=len(X), n_iter=3000, beta=0.9, seed=0)
    return init, coef, trained


@pytest.fixture(scope="module")
def fig():
    figure = plt.figure(figsize=(10, 3.8))
    yield figure
    plt.close(figure)


def test_data_are_two_independent_draws_of_smooth_curve():
    X, y, X_test, y_test = features.curve_data()
    X0, y0 = smooth_curve(n=80, noise=0.1, seed=0)
    X1, y1 = smooth_curve(n=80, noise=0.1, seed=1)
    assert np.array_equal(X, X0) and np.array_equal(y, y0)
    assert np.array_equal(X_test, X1) and np.array_equal(y_test, y1)
    assert not np.array_equal(X, X_test)


def test_fit_last_layer_is_the_least_squares_minimum_and_keeps_beta():
    X, y, _, _ = features.curve_data()
    net = mlp_lib.MLP([1, 20, 1], seed=4)
    W1, b1 = net.W[1].copy(), net.b[1].copy()
    features.fit_last_layer(net, X, y)
    assert np.array_equal(net.W[1], W1) and np.array_equal(net.b[1], b1)
    grad_W, grad_b = net.gradients(X, y)  # at the minimum over (W[r], b[r]) these vanish
    assert np.abs(grad_W[2]).max() < 1e-10 and abs(grad_b[2][0]) < 1e-10
    before = net.cost(X, y)
    net.W[2] = net.W[2] + 1e-3
    assert net.cost(X, y) > before


def test_fit_last_layer_needs_one_output():
    net = mlp_lib.MLP([1, 3, 2], seed=0)
    with pytest.raises(ValueError, match="one output"):
        features.fit_last_layer(net, np.zeros((4, 1)), np.zeros((4, 2)))


@pytest.mark.parametrize("width", [5, 10])
def test_trained_nets_equal_a_fresh_training(width):
    init, coef, trained = fresh_nets(width)
    nets = features.trained_nets(width)
    last, full = nets["last layer only"], nets["all layers"]
    for k in (1, 2):
        assert np.array_equal(nets["init"].W[k], init.W[k])
        assert np.array_equal(full.W[k], trained.W[k]) and np.array_equal(full.b[k], trained.b[k])
    assert np.array_equal(last.W[1], init.W[1]) and np.array_equal(last.b[1], init.b[1])
    x = np.linspace(-1, 1, 101)[:, None]  # the fit is unique even where the coefficients are not
    assert np.allclose(last(x), np.column_stack([init.features(x), np.ones(len(x))]) @ coef, atol=1e-8)


def test_trained_nets_returns_copies():
    nets = features.trained_nets(5)
    nets["all layers"].W[1] = np.zeros((5, 1))
    assert np.any(features.trained_nets(5)["all layers"].W[1] != 0)


def test_error_table_equals_a_fresh_computation():
    X, y, X_test, y_test = features.curve_data()
    table = features.error_table(widths=(5, 10))
    assert [row["width"] for row in table] == [5, 10]
    for row in table:
        m = row["width"]
        init, coef, trained = fresh_nets(m)
        assert row["params_all"] == mlp_lib.param_count([1, m, 1]) and row["params_last"] == m + 1
        assert row["all layers"]["train"] == pytest.approx(trained.cost(X, y), rel=1e-12)
        assert row["all layers"]["test"] == pytest.approx(trained.cost(X_test, y_test), rel=1e-12)
        fixed = lambda X_: np.column_stack([init.features(X_), np.ones(len(X_))]) @ coef
        assert row["last layer only"]["train"] == pytest.approx(mlp_lib.mean_squared_cost(fixed(X), y), rel=1e-9)
        assert row["last layer only"]["test"] == pytest.approx(
            mlp_lib.mean_squared_cost(fixed(X_test), y_test), rel=1e-9)


def _panels_back_to_values(collection, limits, ncols):
    """Undo plot_feature_grid's placement: the value each drawn point stands for."""
    values = []
    for j, segment in enumerate(collection.get_segments()):
        cy = -(j // ncols) * (1 + plots.GAP)
        lo, hi = limits[j]
        span = hi - lo if hi - lo > 1e-12 else 1.0
        values.append(lo + (segment[:, 1] - cy - plots.PAD) / (1 - 2 * plots.PAD) * span)
    return np.column_stack(values)


@pytest.mark.parametrize("mode", ["last layer only", "all layers"])
def test_update_draws_the_features_of_the_trained_network(fig, mode):
    width = 10
    init, coef, trained = fresh_nets(width)
    out = explorer.update_features(fig, width=width, mode=mode)
    x = out["x"][:, None]
    net = trained if mode == "all layers" else init
    assert np.allclose(out["features"], net.features(x), rtol=0, atol=1e-12)
    assert np.array_equal(out["features_init"], init.features(x))
    if mode == "last layer only":
        assert np.array_equal(out["features"], out["features_init"])
        assert np.allclose(out["h"], np.column_stack([init.features(x), np.ones(len(x))]) @ coef, atol=1e-8)
    else:
        assert np.array_equal(out["h"], trained(x))

    ax_fit, ax_grid = fig.axes
    model_line = [line for line in ax_fit.get_lines() if line.get_color() == plots.COLORS["model"]]
    assert len(model_line) == 1 and np.allclose(model_line[0].get_ydata(), out["h"])
    collections = [c for c in ax_grid.collections if isinstance(c, LineCollection)]
    after = collections[-1]  # drawn last, on top
    assert len(after.get_segments()) == width
    assert sum(isinstance(p, Rectangle) for p in ax_grid.patches) == width
    nrows, ncols = plots.grid_shape(width)
    both = out["features"] if mode == "last layer only" else np.vstack([out["features"], out["features_init"]])
    limits = np.column_stack([np.minimum(both.min(0), 0), np.maximum(both.max(0), 0)])
    assert np.allclose(_panels_back_to_values(after, limits, ncols), out["features"], atol=1e-9)
    # "before" curves only when the features can move (what is drawn: visible, not empty)
    shown = [c for c in collections if c.get_visible() and len(c.get_segments())]
    assert len(shown) == (2 if mode == "last layer only" else 3)


def test_update_reports_the_costs_it_shows(fig):
    X, y, X_test, y_test = features.curve_data()
    out = explorer.update_features(fig, width=20, mode="all layers")
    net = features.trained_nets(20)["all layers"]
    assert out["train_J"] == net.cost(X, y) and out["test_J"] == net.cost(X_test, y_test)
    assert f"{out['test_J']:.4f}" in fig.axes[0].get_title()
    assert np.array_equal(out["weights"], net.W[2][0])


def test_update_rejects_bad_values(fig):
    with pytest.raises(ValueError, match="mode"):
        explorer.update_features(fig, width=5, mode="some layers")
    with pytest.raises(ValueError, match="width"):
        explorer.update_features(fig, width=0)


def test_explorer_builds_and_redraws_without_a_browser():
    box = explorer.features_explorer(width=5, mode="last layer only", widths=(5, 10))
    assert list(box.controls["width"].options) == [5, 10]
    assert list(box.controls["mode"].options) == list(features.MODES)
    assert "last layer only, m = 5" in box.figure.axes[0].get_title()
    box.controls["width"].value = 10
    box.controls["mode"].value = "all layers"
    box.redraw(show=False)
    assert "all layers, m = 10" in box.figure.axes[0].get_title()
    plt.close(box.figure)


def test_feature_grid_checks_shapes_and_lays_out_panels():
    x = np.linspace(-1, 1, 7)
    assert plots.grid_shape(3) == (1, 3) and plots.grid_shape(10) == (2, 5) and plots.grid_shape(40) == (5, 8)
    with pytest.raises(ValueError, match="after"):
        plots.plot_feature_grid(x, np.zeros((6, 2)))
    with pytest.raises(ValueError, match="weights"):
        plots.plot_feature_grid(x, np.zeros((7, 2)), weights=[1.0])
    out = plots.plot_feature_grid(x, np.column_stack([x, -x, 0 * x]))
    assert np.array_equal(out["limits"], [[-1, 1], [-1, 1], [0, 0]])
    assert out["nrows"] == 1 and out["ncols"] == 3


STATES = [(10, "all layers"), (40, "last layer only"), (5, "all layers"), (20, "last layer only"),
          (10, "last layer only"), (10, "all layers"), (40, "all layers")]


def test_updates_reuse_the_artists_and_leave_nothing_stale():
    """After any sequence of settings, the figure is the one drawn fresh for the last one:
    the panels follow the width, the "before" curves come and go with the mode."""
    fresh = {}
    for state in STATES:
        figure = plt.figure(figsize=(10, 3.8))
        explorer.update_features(figure, *state)
        fresh[state] = figure_state(figure)
        plt.close(figure)
    figure = plt.figure(figsize=(10, 3.8))
    for width, mode in STATES:
        explorer.update_features(figure, width, mode)
        assert figure_state(figure) == fresh[width, mode]
        ax_grid = figure.axes[1]
        frames = [p for p in ax_grid.patches if isinstance(p, Rectangle) and p.get_visible()]
        texts = [t for t in ax_grid.texts if t.get_visible()]
        assert len(frames) == len(texts) == width
        assert sum(c.get_visible() for c in ax_grid.collections) == (2 if mode == "last layer only" else 3)
    plt.close(figure)


def test_update_after_the_figure_was_cleared_draws_everything_again():
    figure = plt.figure(figsize=(10, 3.8))
    explorer.update_features(figure, 40, "last layer only")
    figure.clear()
    explorer.update_features(figure, 10, "all layers")
    fresh = plt.figure(figsize=(10, 3.8))
    explorer.update_features(fresh, 10, "all layers")
    assert figure_state(figure) == figure_state(fresh)
    plt.close(figure)
    plt.close(fresh)
