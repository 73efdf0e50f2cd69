"""The explorer of the chapter "Stacking neurons" (eq. 2.3), driven without a browser."""
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlp_lib.data import HOUSE_THETA, four_feature_houses
from mlp_lib.plots.network import NEGATIVE, POSITIVE
from mlp_lib.widgets.stacking import (THETA_BIASES, THETA_EDGES, housing_explorer, theta_name,
                                      update_housing)
from figure_state import figure_state

X, Y = four_feature_houses()


def by_hand(t, X):
    """Eq. (2.3) written out, theta_1 = t[0], ..., theta_12 = t[11]."""
    x1, x2, x3, x4 = X.T
    a1 = np.maximum(t[0] * x1 + t[1] * x2 + t[2], 0)
    a2 = np.maximum(t[3] * x3 + t[4], 0)
    a3 = np.maximum(t[5] * x3 + t[6] * x4 + t[7], 0)
    h = t[8] * a1 + t[9] * a2 + t[10] * a3 + t[11]
    return np.column_stack([a1, a2, a3]), h


def as_keywords(t):
    return {f"theta{n}": float(t[n - 1]) for n in range(1, 13)}


@pytest.fixture
def fig():
    fig = plt.figure(figsize=(11, 5))
    yield fig
    plt.close(fig)


THETAS = [HOUSE_THETA, np.round(np.random.default_rng(1).uniform(-3, 3, 12), 1),
          np.round(np.random.default_rng(2).uniform(-3, 3, 12), 1)]


@pytest.mark.parametrize("t", THETAS)
@pytest.mark.parametrize("house", [0, 17, 199])
def test_plotted_units_and_output_are_eq_2_3(fig, t, house):
    got = update_housing(fig, house=house, **as_keywords(t))
    A, h = by_hand(t, X)
    assert np.allclose(got["a"], A[house]) and got["h"] == pytest.approx(h[house])
    assert np.allclose(got["A"], A) and np.allclose(got["h_all"], h)
    assert got["J"] == pytest.approx(np.mean(0.5 * (h - Y) ** 2))  # (1.2)
    assert np.allclose(got["off"], (A == 0).mean(axis=0))
    ax_net, ax_fit = fig.axes
    # what the scatter shows: (true price, prediction) for every house
    assert np.allclose(ax_fit.collections[0].get_offsets(), np.column_stack([Y, h]))
    assert f"{np.mean(0.5 * (h - Y) ** 2):.4f}" in ax_fit.get_title()
    # what the diagram shows for the chosen house
    texts = [txt.get_text() for txt in ax_net.texts]
    for a in A[house]:
        assert any(s.startswith(f"= {a:.2f}") for s in texts)
    assert any(s.startswith(f"= {h[house]:.2f}\n") for s in texts)
    assert sum("(off)" in s for s in texts) == int((A[house] == 0).sum())


def test_theta_positions_match_eq_2_3():
    # W[1][j, i] feeds input x_{i+1} into a_{j+1}; W[2][0, j] is a_{j+1}'s weight in h
    assert THETA_EDGES == {(1, 0, 0): 1, (1, 0, 1): 2, (1, 1, 2): 4, (1, 2, 2): 6, (1, 2, 3): 7,
                           (2, 0, 0): 9, (2, 0, 1): 10, (2, 0, 2): 11}
    assert THETA_BIASES == {(1, 0): 3, (1, 1): 5, (1, 2): 8, (2, 0): 12}
    assert theta_name(12) == "θ₁₂"


def test_edge_labels_and_colours_follow_the_sliders(fig):
    t = HOUSE_THETA.copy()
    update_housing(fig, **as_keywords(t))
    first = [line for line in fig.axes[0].lines if line.get_gid() == "edge"][0]  # x_1 -> a_1
    assert mcolors.same_color(first.get_color(), POSITIVE)
    assert "θ₁=1.0" in [txt.get_text() for txt in fig.axes[0].texts]
    t[0] = -2.0
    update_housing(fig, **as_keywords(t))
    first = [line for line in fig.axes[0].lines if line.get_gid() == "edge"][0]
    assert mcolors.same_color(first.get_color(), NEGATIVE)
    assert "θ₁=-2.0" in [txt.get_text() for txt in fig.axes[0].texts]


def test_a_unit_switched_off_everywhere(fig):
    t = HOUSE_THETA.copy()
    t[4] = -2.5  # theta_5: a_2 = ReLU(2 x_3 - 2.5) = 0 since x_3 <= 1
    got = update_housing(fig, house=3, **as_keywords(t))
    assert got["off"][1] == 1.0 and got["a"][1] == 0
    assert "off for 100%" in [txt.get_text().split("\n")[-1] for txt in fig.axes[0].texts]


def test_missing_theta_is_a_clear_error(fig):
    values = as_keywords(HOUSE_THETA)
    del values["theta7"]
    with pytest.raises(ValueError, match="missing.*theta7"):
        update_housing(fig, **values)


def test_explorer_builds_and_redraws_after_a_change():
    w = housing_explorer()
    assert list(w.controls) == [f"theta{n}" for n in range(1, 13)] + ["house"]
    assert [c.value for n, c in w.controls.items() if n != "house"] == pytest.approx(HOUSE_THETA)
    _, h = by_hand(HOUSE_THETA, X)
    assert f"{np.mean(0.5 * (h - Y) ** 2):.4f}" in w.figure.axes[1].get_title()
    w.controls["theta11"].value = -1.0
    w.controls["house"].value = 42
    w.redraw(show=False)
    t = HOUSE_THETA.copy()
    t[10] = -1.0
    _, h = by_hand(t, X)
    assert f"{np.mean(0.5 * (h - Y) ** 2):.4f}" in w.figure.axes[1].get_title()
    assert "house #42" in w.figure.axes[0].get_title()
    plt.close(w.figure)


def test_updates_reuse_the_artists_and_leave_nothing_stale():
    """After any sequence of updates, the figure is the one drawn fresh for the last one:
    edge colours and widths, every text (values, "off" notes, J), the points, the limits."""
    all_off = np.full(12, -3.0)  # every unit off, every edge red
    unit_2_off = HOUSE_THETA.copy()
    unit_2_off[4] = -2.5
    states = [(HOUSE_THETA, 0), (THETAS[1], 17), (all_off, 199), (unit_2_off, 3), (THETAS[2], 0)]
    fresh = []
    for t, house in states:
        figure = plt.figure(figsize=(11, 5))
        update_housing(figure, house=house, **as_keywords(t))
        fresh.append(figure_state(figure))
        plt.close(figure)
    assert len({repr(s) for s in fresh}) == len(states)  # (else the comparison proves little)
    figure = plt.figure(figsize=(11, 5))
    counts = set()
    for i in [0, 1, 2, 3, 4, 2, 0, 3, 1, 0]:
        t, house = states[i]
        update_housing(figure, house=house, **as_keywords(t))
        assert figure_state(figure) == fresh[i], i
        counts.add(tuple(len(ax.get_children()) for ax in figure.axes))
    assert len(counts) == 1  # the same artists, updated: none added, none left behind
    plt.close(figure)


def test_explorer_renders_the_whole_figure_on_its_canvas():
    w = housing_explorer()
    w.controls["house"].value = 5
    png = w.render()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    fig = w.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    canvas = fig.bbox
    for ax in fig.axes:  # nothing the reader should see is cut off at the canvas' edges
        for artist in [ax.title, ax.xaxis.label, ax.yaxis.label, ax.get_legend(), *ax.texts]:
            if artist is None or not artist.get_visible() or getattr(artist, "get_text", str)() == "":
                continue
            box = artist.get_window_extent(renderer)
            assert canvas.x0 <= box.x0 and box.x1 <= canvas.x1, artist
            assert canvas.y0 <= box.y0 and box.y1 <= canvas.y1, artist
    plt.close(fig)
