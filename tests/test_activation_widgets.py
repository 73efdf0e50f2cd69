"""The figures and the explorer of the activation-function chapter (eqs. 2.14-2.20)."""
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

import mlp_lib
from mlp_lib.plots.activations import ACTIVATION_COLORS, plot_activations
from mlp_lib.widgets import activations as act_widget
from figure_state import figure_state


def test_plotted_curves_are_mlp_lib_activations():
    z = np.linspace(-3, 3, 61)
    fig, axes = plt.subplots(1, 4)
    drawn = plot_activations(list(mlp_lib.ACTIVATIONS), z=z, axes=axes)
    assert list(drawn) == list(mlp_lib.ACTIVATIONS)
    for ax, (name, (sigma, derivative)) in zip(axes, mlp_lib.ACTIVATIONS.items()):
        np.testing.assert_array_equal(drawn[name]["sigma"], sigma(z))
        np.testing.assert_array_equal(drawn[name]["derivative"], derivative(z))
        solid, dashed = ax.get_lines()[-2:]
        np.testing.assert_array_equal(solid.get_ydata(), sigma(z))
        np.testing.assert_array_equal(dashed.get_ydata(), derivative(z))
        assert ax.get_title() == name
    plt.close(fig)


def test_plot_activations_defaults_to_every_activation():
    drawn = plot_activations()
    assert set(drawn) == set(mlp_lib.ACTIVATIONS)
    np.testing.assert_allclose(drawn["sigmoid"]["sigma"], 1 / (1 + np.exp(-drawn["sigmoid"]["z"])))
    np.testing.assert_allclose(drawn["tanh"]["derivative"], 1 - np.tanh(drawn["tanh"]["z"]) ** 2)


@pytest.fixture
def fig():
    figure = plt.figure(figsize=(11, 4))
    yield figure
    plt.close(figure)


def test_fits_are_remembered_and_cannot_be_changed_by_the_caller():
    first = act_widget.activation_fits()
    assert list(first) == list(mlp_lib.ACTIVATIONS)
    for net, history in first.values():
        net.W[1][...] = 0.0  # what a reader might do with a returned network
        history[...] = 0.0
    for name, (net, history) in act_widget.activation_fits().items():
        assert np.any(net.W[1] != 0) and history[-1] > 0, name


@pytest.mark.parametrize("name", list(mlp_lib.ACTIVATIONS))
def test_cached_fit_equals_a_fresh_training(fig, name):
    drawn = act_widget.update_activation(fig, activation=name)
    fresh = mlp_lib.MLP(act_widget.SIZES, name, seed=0)  # the same training, directly, no cache
    history = mlp_lib.gd(fresh, *act_widget.DATA, act_widget.LR, act_widget.N_ITER,
                         record_every=act_widget.RECORD_EVERY)
    assert fresh.activation == name and fresh.sizes == act_widget.SIZES
    np.testing.assert_array_equal(drawn["h"][name], fresh(drawn["x"][:, None]))
    assert drawn["J"][name] == history[-1]
    assert drawn["activation"] == name
    # the chosen net is drawn in full, and its J is in the title
    ax_fit, ax_J = fig.axes
    chosen = [line for line in ax_fit.get_lines() if line.get_label() == f"{name} network"]
    np.testing.assert_array_equal(chosen[0].get_ydata(), fresh(drawn["x"][:, None]))
    assert ax_fit.get_title() == f"{name}: J = {history[-1]:.4f}"
    np.testing.assert_array_equal(ax_J.get_lines()[list(mlp_lib.ACTIVATIONS).index(name)].get_ydata(), history)


def test_every_activation_is_drawn_with_its_final_J(fig):
    drawn = act_widget.update_activation(fig, activation="relu")
    fits = act_widget.activation_fits()
    assert drawn["J"] == {name: float(h[-1]) for name, (_, h) in fits.items()}
    labels = [line.get_label() for line in fig.axes[1].get_lines()]
    assert labels == [f"{name}: final J = {h[-1]:.4f}" for name, (_, h) in fits.items()]


def test_identity_fit_is_no_better_than_least_squares():
    X, y = act_widget.DATA
    _, history = act_widget.activation_fits()["identity"]
    X1 = np.column_stack([X, np.ones(len(X))])
    coef, *_ = np.linalg.lstsq(X1, y, rcond=None)
    J_lstsq = mlp_lib.mean_squared_cost(X1 @ coef, y)
    assert history[-1] >= J_lstsq - 1e-12
    assert history[-1] == pytest.approx(J_lstsq, rel=1e-3)  # and GD gets there


@pytest.mark.parametrize("sizes", [[4, 8, 1], [3, 5, 4, 2, 1]])
def test_identity_network_collapses_to_one_affine_map(sizes):
    net = mlp_lib.MLP(sizes, activation="identity", seed=0)
    W_t, b_t = np.eye(net.d), np.zeros(net.d)
    for k in range(1, net.r + 1):
        W_t, b_t = net.W[k] @ W_t, net.W[k] @ b_t + net.b[k]
    X = np.random.default_rng(1).standard_normal((20, net.d))
    np.testing.assert_allclose(net(X), X @ W_t[0] + b_t[0], atol=1e-13)


def test_explorer_builds_and_redraws_after_a_change():
    box = act_widget.activation_explorer("relu")
    assert list(box.controls) == ["activation"]
    assert list(box.controls["activation"].options) == list(mlp_lib.ACTIVATIONS)
    assert box.figure.axes[0].get_title().startswith("relu:")
    box.controls["activation"].value = "sigmoid"
    box.redraw(show=False)
    assert box.figure.axes[0].get_title().startswith("sigmoid:")
    plt.close(box.figure)


def test_updates_reuse_the_artists_and_leave_nothing_stale():
    """After any sequence of choices, the figure is the one drawn fresh for the last choice."""
    names = list(mlp_lib.ACTIVATIONS)
    fresh = {}
    for name in names:
        figure = plt.figure(figsize=(11, 4))
        act_widget.update_activation(figure, activation=name)
        fresh[name] = figure_state(figure)
        plt.close(figure)
    assert fresh["relu"] != fresh["sigmoid"]  # (else the comparison below proves nothing)
    figure = plt.figure(figsize=(11, 4))
    counts = set()
    for name in names + names[::-1] + ["tanh", "relu", "tanh"]:
        act_widget.update_activation(figure, activation=name)
        assert figure_state(figure) == fresh[name]
        # the legend's entry for the chosen net: its name, its colour, bold
        legend = figure.axes[0].get_legend()
        assert legend.get_texts()[2].get_text() == f"{name} network"
        assert mcolors.same_color(legend.get_lines()[2].get_color(), ACTIVATION_COLORS[name])
        assert legend.get_lines()[2].get_linewidth() == 2.5
        counts.add(tuple(len(ax.get_children()) for ax in figure.axes))
    assert len(counts) == 1  # the same artists, updated: none added, none left behind
    plt.close(figure)


def test_update_after_the_figure_was_cleared_draws_everything_again():
    figure = plt.figure(figsize=(11, 4))
    act_widget.update_activation(figure, activation="tanh")
    figure.clear()
    act_widget.update_activation(figure, activation="relu")
    fresh = plt.figure(figsize=(11, 4))
    act_widget.update_activation(fresh, activation="relu")
    assert figure_state(figure) == figure_state(fresh)
    plt.close(figure)
    plt.close(fresh)
