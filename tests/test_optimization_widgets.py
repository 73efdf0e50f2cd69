"""The figures and the explorer of chapter 1 (mlp_lib.plots.optimization, mlp_lib.widgets.optimization),
driven headless: what they draw must be what mlp_lib computes."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

import mlp_lib
from mlp_lib.plots import optimization as po
from mlp_lib.widgets import optimization as wo
from mlp_lib.widgets._common import explorer_figure, render_png
from figure_state import figure_state

X, Y = mlp_lib.data.quadratic_data()


@pytest.fixture
def fig():
    f = plt.figure(figsize=(11, 4.6))
    yield f
    plt.close(f)


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_quadratic_data_is_seeded_and_follows_the_model():
    X1, y1 = mlp_lib.data.quadratic_data(n=30, seed=3)
    X2, y2 = mlp_lib.data.quadratic_data(n=30, seed=3)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert X1.shape == (30, 2) and y1.shape == (30,)
    assert np.all(np.abs(X1) <= 1.5)
    Xn, yn = mlp_lib.data.quadratic_data(n=30, noise=0.0, seed=3)
    np.testing.assert_allclose(yn, mlp_lib.QuadraticModel(mlp_lib.data.QUADRATIC_THETA)(Xn))


def test_cost_grid_equals_the_model_cost():
    grid = po.cost_grid(X, Y, lim=2.0, num=9)
    for i, k in [(0, 0), (2, 7), (4, 4), (8, 3)]:
        theta = (grid["theta1"][k], grid["theta2"][i])
        assert grid["J"][i, k] == pytest.approx(mlp_lib.QuadraticModel(theta).cost(X, Y), rel=1e-12)


def test_cost_landscape_is_symmetric_under_sign_flips():
    J = po.cost_grid(X, Y, lim=2.5, num=41)["J"]
    np.testing.assert_allclose(J, J[:, ::-1], rtol=1e-12)  # theta1 -> -theta1
    np.testing.assert_allclose(J, J[::-1, :], rtol=1e-12)  # theta2 -> -theta2


@pytest.mark.parametrize("algorithm, call", [
    ("gd", lambda m, lr, B, T: mlp_lib.gd(m, X, Y, lr, T)),
    ("sgd", lambda m, lr, B, T: mlp_lib.sgd(m, X, Y, lr, T, seed=0)),
    ("minibatch", lambda m, lr, B, T: mlp_lib.minibatch_sgd(m, X, Y, lr, B, T, seed=0)),
])
def test_plotted_cost_curve_and_path_are_the_optimizers(fig, algorithm, call):
    lr, B, T = 0.05, 5, 40
    drawn = wo.update_optimizer(fig, algorithm, lr, B, T, X=X, y=Y)
    model = mlp_lib.QuadraticModel(po.THETA0)
    history = call(model, lr, B, T)
    np.testing.assert_allclose(drawn["J"], history, rtol=1e-12)
    np.testing.assert_array_equal(drawn["iteration"], np.arange(T + 1))
    np.testing.assert_allclose(drawn["theta"][0], po.THETA0)
    np.testing.assert_allclose(drawn["theta"][-1], model.theta, rtol=1e-12)
    # the curve on the right Axes is that history, the line on the left that path
    ax_theta, ax_cost = fig.axes[:2]
    np.testing.assert_allclose(ax_cost.get_lines()[0].get_ydata(), history, rtol=1e-12)
    path_line = ax_theta.get_lines()[-3]  # path, start ring, end dot
    np.testing.assert_allclose(path_line.get_xydata(), drawn["theta"])
    assert not drawn["diverged"] and drawn["message"] is None
    assert not any("diverged" in t for t in _texts(fig))


def test_batch_size_matters_only_for_minibatch(fig):
    gd_a = wo.update_optimizer(fig, "gd", 0.05, 3, 20, X=X, y=Y)["J"]
    gd_b = wo.update_optimizer(fig, "gd", 0.05, 17, 20, X=X, y=Y)["J"]
    np.testing.assert_array_equal(gd_a, gd_b)
    mb_a = wo.update_optimizer(fig, "minibatch", 0.05, 3, 20, X=X, y=Y)["J"]
    mb_b = wo.update_optimizer(fig, "minibatch", 0.05, 17, 20, X=X, y=Y)["J"]
    assert not np.allclose(mb_a, mb_b)


@pytest.mark.parametrize("algorithm", ["gd", "sgd", "minibatch"])
def test_divergence_is_a_message_not_a_traceback(fig, algorithm):
    drawn = wo.update_optimizer(fig, algorithm, 1.0, 8, 50, X=X, y=Y)
    assert drawn["diverged"]
    model = mlp_lib.QuadraticModel(po.THETA0)
    run = {"gd": lambda: mlp_lib.gd(model, X, Y, 1.0, 50),
           "sgd": lambda: mlp_lib.sgd(model, X, Y, 1.0, 50, seed=0),
           "minibatch": lambda: mlp_lib.minibatch_sgd(model, X, Y, 1.0, 8, 50, seed=0)}[algorithm]
    with pytest.raises(mlp_lib.TrainingDiverged) as info:
        run()
    err = info.value
    assert f"iteration {err.iteration}" in drawn["message"]
    assert drawn["message"] in _texts(fig)
    # the curve drawn is the history recorded before the failure, all finite
    np.testing.assert_allclose(drawn["J"], err.history)
    assert np.all(np.isfinite(drawn["J"])) and len(drawn["J"]) == err.iteration


def test_divergence_message_appears_exactly_when_training_diverges(fig):
    for lr in [0.001, 0.03, 0.1, 0.2, 0.3, 0.35, 0.5, 1.0]:
        model = mlp_lib.QuadraticModel(po.THETA0)
        try:
            mlp_lib.gd(model, X, Y, lr, 100)
            expected = False
        except mlp_lib.TrainingDiverged:
            expected = True
        drawn = wo.update_optimizer(fig, "gd", lr, 8, 100, X=X, y=Y)
        assert drawn["diverged"] is expected, lr
        assert any("diverged" in t for t in _texts(fig)) is expected, lr
    # both cases occur on the slider's range, so the loop above tested both branches
    assert wo.update_optimizer(fig, "gd", 0.03, 8, 100, X=X, y=Y)["diverged"] is False
    assert wo.update_optimizer(fig, "gd", 1.0, 8, 100, X=X, y=Y)["diverged"] is True


def test_train_rejects_an_unknown_algorithm():
    with pytest.raises(ValueError, match="algorithm must be one of"):
        po.train("adam", X, Y, 0.1, 10)


def test_plot_runs_draws_every_run():
    runs = {name: po.train(name, X, Y, 0.03, 30) for name in po.ALGORITHMS}
    drawn = po.plot_runs(runs, X, Y)
    for name, run in runs.items():
        np.testing.assert_array_equal(drawn[name]["J"], run["history"])
        np.testing.assert_array_equal(drawn[name]["theta"], run["path"])
    assert len(drawn["figure"].axes[1].get_lines()) == 3
    plt.close(drawn["figure"])


def test_explorer_builds_and_redraws_after_a_change():
    box = wo.optimizer_explorer()
    c = box.controls
    assert set(c) == {"algorithm", "lr", "B", "n_iter"}
    assert c["B"].disabled  # GD uses all examples
    c["algorithm"].value = "minibatch"
    assert not c["B"].disabled
    c["B"].value = 4
    c["n_iter"].value = 30
    c["lr"].value = 0.05
    box.redraw(show=False)
    ax_cost = box.figure.axes[1]
    model = mlp_lib.QuadraticModel(po.THETA0)
    history = mlp_lib.minibatch_sgd(model, X, Y, c["lr"].value, 4, 30, seed=0)
    np.testing.assert_allclose(ax_cost.get_lines()[0].get_ydata(), history, rtol=1e-12)
    c["lr"].value = 1.0
    box.redraw(show=False)
    assert any("diverged" in t for t in _texts(box.figure))
    plt.close(box.figure)


# ------------------------------------------------------------------- explorer: updates in place
#: (algorithm, lr, B, n_iter) visited in turn below: runs that converge, and runs that diverge.
STATES = [("gd", 0.03, 8, 100), ("minibatch", 1.0, 3, 50), ("sgd", 0.01, 8, 300), ("gd", 0.5, 8, 1),
          ("minibatch", 0.05, 17, 20), ("sgd", 1.0, 8, 100), ("gd", 0.001, 8, 1)]


@pytest.mark.parametrize("algorithm, lr", [("gd", 0.03), ("sgd", 0.5), ("minibatch", 0.01)])
def test_colours_labels_and_limits_follow_the_run(fig, algorithm, lr):
    wo.update_optimizer(fig, "gd", 1.0, 8, 50, X=X, y=Y)  # another run first: nothing of it is left
    drawn = wo.update_optimizer(fig, algorithm, lr, 5, 60, X=X, y=Y)
    color = to_rgba(po._ALGORITHM_COLORS[algorithm])
    ax_theta, ax_cost = fig.axes
    path, start, end = ax_theta.get_lines()[-3:]
    np.testing.assert_array_equal(start.get_xydata(), drawn["theta"][:1])
    np.testing.assert_array_equal(end.get_xydata(), drawn["theta"][-1:])
    assert to_rgba(path.get_color()) == to_rgba(end.get_color()) == to_rgba(start.get_markeredgecolor()) == color
    legend = ax_cost.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [po.ALGORITHMS[algorithm]]
    assert to_rgba(legend.legend_handles[0].get_color()) == to_rgba(ax_cost.get_lines()[0].get_color()) == color
    J = drawn["J"]
    top = min(J.max() * 2, J[0] * 1e3)  # a diverging run leaves the top
    np.testing.assert_allclose(ax_cost.get_ylim(), (J.min() / 2, top))
    assert ax_cost.get_xlim() == (0, 60)
    assert (f"final $J$ = {J[-1]:.3g}" in ax_cost.get_title()) is not drawn["diverged"]


def test_updates_keep_the_same_artists(fig):
    """Updates change data, colours and texts, never add artists: the count per Axes stays."""
    counts = set()
    for _ in range(2):
        for state in STATES:
            wo.update_optimizer(fig, *state, X=X, y=Y)
            counts.add(tuple(len(ax.get_children()) for ax in fig.axes))
    assert len(counts) == 1 and len(fig.axes) == 2


def test_figure_after_updates_is_the_figure_drawn_fresh():
    """From any state to any other, the figure is the one drawn fresh at the new state: same
    path, cost curve, limits, colours and texts (a divergence message shown before is gone),
    and the same PNG."""
    fig = explorer_figure((9.5, 4.1), ncols=2)
    for state_a, state_b in zip(STATES, STATES[1:] + STATES[:1]):
        wo.update_optimizer(fig, *state_a, X=X, y=Y)
        render_png(fig)
        drawn = wo.update_optimizer(fig, *state_b, X=X, y=Y)
        fresh = explorer_figure((9.5, 4.1), ncols=2)
        assert wo.update_optimizer(fresh, *state_b, X=X, y=Y)["diverged"] is drawn["diverged"]
        assert figure_state(fig) == figure_state(fresh), (state_a, state_b)
        assert render_png(fig) == render_png(fresh), (state_a, state_b)
        assert any("diverged" in t for t in _texts(fig)) is drawn["diverged"]


def test_update_on_a_cleared_figure_or_other_data_starts_again(fig):
    wo.update_optimizer(fig, "gd", 0.03, 8, 10, X=X, y=Y)
    fig.clear()
    drawn = wo.update_optimizer(fig, "gd", 0.03, 8, 10, X=X, y=Y)
    np.testing.assert_allclose(fig.axes[1].get_lines()[0].get_ydata(), drawn["J"])
    X2, Y2 = X[:20], Y[:20]
    drawn = wo.update_optimizer(fig, "gd", 0.03, 8, 10, X=X2, y=Y2)
    history = mlp_lib.gd(mlp_lib.QuadraticModel(po.THETA0), X2, Y2, 0.03, 10)
    np.testing.assert_allclose(fig.axes[1].get_lines()[0].get_ydata(), history, rtol=1e-12)
    J = po.cost_grid(X2, Y2)["J"]  # the contours are those of the new data
    levels = np.geomspace(max(J.min(), 1e-3), J.max(), 14)
    np.testing.assert_allclose(fig.axes[0].collections[0].levels, levels)
    assert len(fig.axes) == 2
