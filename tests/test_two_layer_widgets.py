"""The explorer of the chapter "Two-layer fully-connected neural networks" (eqs. 2.5-2.6)."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

import mlp_lib
from mlp_lib.data import smooth_curve
from mlp_lib.plots.two_layer import contributions, plot_contributions
from mlp_lib.widgets.two_layer import BLOWUP, two_layer_explorer, update_two_layer
from figure_state import figure_state

X, Y = smooth_curve()


def lines(ax, gid):
    """The lines of that gid the reader sees (the explorer hides what a state does not show)."""
    return [line for line in ax.lines if line.get_gid() == gid and line.get_visible()]


def reference(m, activation, lr, n_iter, seed=0):
    """The same training, done directly with mlp_lib: (net, history or None if it raised)."""
    net = mlp_lib.MLP([1, m, 1], activation=activation, seed=seed)
    try:
        return net, mlp_lib.gd(net, X, Y, lr, n_iter)
    except mlp_lib.TrainingDiverged:
        return net, None


@pytest.fixture
def fig():
    fig = plt.figure(figsize=(11, 4.2))
    yield fig
    plt.close(fig)


@pytest.mark.parametrize("m, activation, lr", [(1, "relu", 0.3), (6, "relu", 0.3), (4, "tanh", 0.5),
                                               (10, "sigmoid", 1.0), (3, "identity", 0.1)])
def test_plotted_contributions_sum_to_the_networks_output(fig, m, activation, lr):
    got = update_two_layer(fig, m=m, activation=activation, lr=lr, n_iter=200)
    net, history = reference(m, activation, lr, 200)
    ax_fit, ax_cost = fig.axes
    shares = lines(ax_fit, "contribution")
    assert len(shares) == m
    x = shares[0].get_xdata()
    plotted_sum = np.sum([line.get_ydata() for line in shares], axis=0)
    b2 = lines(ax_fit, "bias")[0].get_ydata()[0]
    assert b2 == pytest.approx(net.b[2][0])
    # (2.6): h(x) = sum_j w^[2]_j a_j(x) + b^[2], for the network mlp_lib trains
    assert np.allclose(plotted_sum + b2, net(x[:, None]))
    assert np.allclose(lines(ax_fit, "total")[0].get_ydata(), net(x[:, None]))
    # each share is w^[2]_j a_j(x), a_j = sigma(w^[1]_j x + b^[1]_j) (2.5)
    sigma = mlp_lib.get_activation(activation)[0]
    for j, line in enumerate(shares):
        a_j = sigma(net.W[1][j, 0] * x + net.b[1][j])
        assert np.allclose(line.get_ydata(), net.W[2][0, j] * a_j)
    # the cost curve is mlp_lib's history of J
    assert np.allclose(lines(ax_cost, "cost")[0].get_ydata(), history)
    assert got["history"][-1] == pytest.approx(net.cost(X, Y))
    assert got["message"] is None


def test_contributions_add_up_for_any_input_dimension():
    net = mlp_lib.MLP([3, 7, 1], activation="tanh", seed=4)
    Xs = np.random.default_rng(0).standard_normal((20, 3))
    C, b2 = contributions(net, Xs)
    assert C.shape == (20, 7)
    assert np.allclose(C.sum(axis=1) + b2, net(Xs))
    with pytest.raises(ValueError, match="sizes"):
        contributions(mlp_lib.MLP([1, 4, 4, 1], seed=0), Xs[:, :1])


def test_identity_units_sum_to_a_straight_line():
    net = mlp_lib.MLP([1, 5, 1], activation="identity", seed=0)
    fig, ax = plt.subplots()
    drawn = plot_contributions(net, X, Y, ax)
    plt.close(fig)
    assert np.allclose(np.diff(drawn["total"], 2), 0, atol=1e-12)


def diverges(m, activation, lr, n_iter):
    """Does plain GD blow up: TrainingDiverged, or J past BLOWUP times its start?"""
    net, history = reference(m, activation, lr, n_iter)
    return history is None or bool(np.max(history) > BLOWUP * history[0])


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "identity"])
def test_divergence_message_appears_exactly_when_gd_blows_up(fig, activation):
    outcomes = []
    for lr in [0.01, 0.1, 0.3, 1.0, 3.0]:
        got = update_two_layer(fig, m=10, activation=activation, lr=lr, n_iter=300)
        blew_up = diverges(10, activation, lr, 300)
        shown = [t.get_text() for t in fig.axes[0].texts if "diverged" in t.get_text()]
        assert bool(shown) == blew_up == (got["message"] is not None), lr
        if blew_up:
            assert shown == [got["message"]] and f"{lr:.3g}" in shown[0]
            assert not lines(fig.axes[0], "total")  # no curve from a broken network
        outcomes.append(blew_up)
    assert outcomes[0] is False and outcomes[-1] is True  # both branches were exercised


def test_relu_blow_up_that_stays_finite_is_still_reported(fig):
    # All ReLUs die, GD then moves b^[2] alone by a factor (1 - lr) = -2 per step: J grows
    # like 4^t yet stays below the float limit for 500 steps, so gd does not raise.
    net, history = reference(10, "relu", 3.0, 500)
    assert history is not None and np.isfinite(history[-1]) and history[-1] > 1e100
    got = update_two_layer(fig, m=10, activation="relu", lr=3.0, n_iter=500)
    assert got["message"] is not None and got["diverged_at"] < 500


def test_explorer_builds_and_redraws_after_a_change():
    w = two_layer_explorer(n_iter=100)
    assert set(w.controls) == {"m", "activation", "lr"}
    assert len(lines(w.figure.axes[0], "contribution")) == 10
    w.controls["m"].value = 3
    w.controls["activation"].value = "tanh"
    w.redraw(show=False)
    assert len(lines(w.figure.axes[0], "contribution")) == 3
    net, history = reference(3, "tanh", w.controls["lr"].value, 100)
    assert np.allclose(lines(w.figure.axes[1], "cost")[0].get_ydata(), history)
    w.controls["lr"].value = 3.0
    w.redraw(show=False)
    assert diverges(3, "tanh", 3.0, 100)
    assert any("diverged" in t.get_text() for t in w.figure.axes[0].texts)
    plt.close(w.figure)


def test_updates_reuse_the_artists_and_leave_nothing_stale():
    """After any sequence of settings, the figure is the one drawn fresh for the last one;
    the divergence message appears and goes away with the setting."""
    settings = [(10, "relu", 0.3), (3, "tanh", 0.5), (10, "relu", 3.0), (1, "sigmoid", 1.0),
                (20, "identity", 0.1)]
    fresh, counts = [], {}
    for m, activation, lr in settings:
        figure = plt.figure(figsize=(11, 4.2))
        update_two_layer(figure, m=m, activation=activation, lr=lr, n_iter=200)
        fresh.append(figure_state(figure))
        counts[m, activation, lr] = [len(ax.get_children()) for ax in figure.axes]
        plt.close(figure)
    assert any("diverged" in " ".join(s[0]["texts"]) for s in fresh)  # both kinds of state
    assert len({repr(s) for s in fresh}) == len(settings)
    figure = plt.figure(figsize=(11, 4.2))
    for i in [0, 1, 2, 0, 2, 3, 4, 1, 0, 4, 2, 3]:
        m, activation, lr = settings[i]
        got = update_two_layer(figure, m=m, activation=activation, lr=lr, n_iter=200)
        assert figure_state(figure) == fresh[i], settings[i]
        assert (got["message"] is None) == (settings[i] != (10, "relu", 3.0))
    plt.close(figure)
    # the artists depend on the setting only: one curve per unit (none after divergence)
    fit_artists = {s: c[0] for s, c in counts.items()}
    assert fit_artists[10, "relu", 0.3] - fit_artists[3, "tanh", 0.5] == 7
    assert fit_artists[10, "relu", 0.3] - fit_artists[10, "relu", 3.0] == 10


def test_remembered_training_is_the_same_and_cannot_be_changed_by_the_caller(fig):
    first = update_two_layer(fig, m=4, activation="tanh", lr=0.5, n_iter=50)
    first["net"].W[1][...] = 0.0  # what a reader might do with the returned network
    first["history"].append(123.0)
    again = update_two_layer(fig, m=4, activation="tanh", lr=0.5, n_iter=50)
    net, history = reference(4, "tanh", 0.5, 50)
    assert np.array_equal(again["net"].theta, net.theta)
    assert np.array_equal(again["history"], history)
