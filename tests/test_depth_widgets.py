"""The figures and the explorer of the multi-layer chapter (eqs. 2.12-2.13)."""
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

import mlp_lib
from mlp_lib import notes_param_count, parameter_counts, shape_rows
from mlp_lib.plots.depth import plot_shape_table
from mlp_lib.widgets import depth
from figure_state import figure_state


def train_depth(r, width, lr):
    """The explorer's training done directly with mlp_lib.gd (no cache): (net, history);
    raises TrainingDiverged."""
    net = mlp_lib.MLP([1] + [width] * (r - 1) + [1], "relu", seed=0)
    return net, mlp_lib.gd(net, *depth.DATA, lr, 500, record_every=500)


def notes_formula_by_hand(sizes):
    """The notes' printed sum, term by term, for r = 4 and r = 5 (m_r = 1)."""
    d, m = sizes[0], sizes[1:-1]
    if len(m) == 3:  # r = 4: (d+1)m1 + (m1+1)m2 + m2 + (m2+1)m3 + m3 + 1
        return (d + 1) * m[0] + (m[0] + 1) * m[1] + m[1] + (m[1] + 1) * m[2] + m[2] + 1
    if len(m) == 4:  # r = 5: ... + (m3+1)m4 + m4 + 1
        return ((d + 1) * m[0] + (m[0] + 1) * m[1] + m[1] + (m[1] + 1) * m[2]
                + (m[2] + 1) * m[3] + m[3] + 1)
    raise ValueError(sizes)


@pytest.mark.parametrize("sizes", [[3, 5, 7, 11, 1], [2, 4, 6, 8, 10, 1], [13, 64, 32, 8, 1]])
def test_notes_param_count_is_the_printed_formula(sizes):
    assert notes_param_count(sizes) == notes_formula_by_hand(sizes)
    assert notes_param_count(sizes) - mlp_lib.param_count(sizes) == sizes[2]


@pytest.mark.parametrize("sizes, expected", [([4, 3, 1], (4 + 1) * 3 + 3 + 1),
                                             ([4, 3, 5, 1], (4 + 1) * 3 + (3 + 1) * 5 + 5 + 1)])
def test_notes_param_count_is_right_for_r_up_to_3(sizes, expected):
    assert notes_param_count(sizes) == expected == mlp_lib.param_count(sizes)


def test_shape_table_equals_the_arrays():
    net = mlp_lib.MLP([3, 6, 2, 1], seed=0)
    X = np.ones((11, 3))
    fig, ax = plt.subplots()
    drawn = plot_shape_table(net, X, ax)
    assert drawn["rows"] == shape_rows(net, X)
    for row in drawn["rows"][1:]:
        k = row["k"]
        assert row["W"] == net.W[k].shape and row["b"] == net.b[k].shape
        assert row["a"] == (11, net.sizes[k])
    assert drawn["rows"][0] == {"k": 0, "W": None, "b": None, "a": (11, 3)}
    texts = [t.get_text() for t in ax.texts]
    assert any("(agrees here)" in t for t in texts)  # r = 3: the notes' formula is right
    plt.close(fig)


def test_parameter_counts_three_ways():
    net = mlp_lib.MLP([1, 5, 6, 7, 1], seed=0)
    counts = parameter_counts(net)
    assert counts["num_params"] == 2 * 5 + 6 * 6 + 7 * 7 + 8  # (1 + 1) 5 + (5 + 1) 6 + (6 + 1) 7 + (7 + 1) 1
    assert counts["param_count"] == counts["num_params"]
    assert counts["notes_formula"] == notes_formula_by_hand(net.sizes)
    assert counts["notes_excess"] == 6


@pytest.fixture
def fig():
    figure = plt.figure(figsize=(11, 4.3))
    yield figure
    plt.close(figure)


def test_update_depth_tabulates_and_counts_the_network(fig):
    drawn = depth.update_depth(fig, r=4, width=8, lr=0.1)
    fresh, history = train_depth(4, 8, 0.1)
    assert drawn["sizes"] == fresh.sizes == [1, 8, 8, 8, 1]
    assert [row["W"] for row in drawn["rows"][1:]] == [W.shape for W in fresh.W]
    assert [row["b"] for row in drawn["rows"][1:]] == [b.shape for b in fresh.b]
    assert [row["a"] for row in drawn["rows"]] == [(80, m) for m in fresh.sizes]
    assert drawn["counts"] == {"num_params": fresh.num_params,
                               "param_count": mlp_lib.param_count(fresh.sizes),
                               "notes_formula": fresh.num_params + 8, "notes_excess": 8}
    texts = [t for t in fig.axes[0].texts if "+8 = m_2" in t.get_text()]
    assert len(texts) == 1 and texts[0].get_color() == mlp_lib.plots.COLORS["warning"]


def test_cached_fit_equals_a_fresh_training(fig):
    drawn = depth.update_depth(fig, r=3, width=12, lr=0.1)
    again = depth.update_depth(fig, r=3, width=12, lr=0.1)  # from the cache
    fresh, history = train_depth(3, 12, 0.1)
    np.testing.assert_array_equal(drawn["h"], fresh(drawn["x"][:, None]))
    np.testing.assert_array_equal(again["h"], drawn["h"])
    assert drawn["J"] == history[-1] == pytest.approx(mlp_lib.mean_squared_cost(fresh(depth.DATA[0]), depth.DATA[1]))
    assert drawn["message"] is None
    fit_line = [line for line in fig.axes[1].get_lines() if line.get_label() == "network h(x)"]
    np.testing.assert_array_equal(fit_line[0].get_ydata(), fresh(drawn["x"][:, None]))


@pytest.mark.parametrize("r, width, lr", [(3, 16, 0.1), (5, 32, 10 ** 0.5), (4, 32, 1.0),
                                          (2, 8, 10 ** 0.5), (2, 8, 1.0), (2, 2, 0.1),
                                          (3, 24, 1.0), (4, 6, 10 ** 0.25)])
def test_message_appears_exactly_when_training_fails(fig, r, width, lr):
    try:
        _, history = train_depth(r, width, lr)
        diverged, grew = False, history[-1] > history[0]
    except mlp_lib.TrainingDiverged:
        diverged, grew = True, False
    drawn = depth.update_depth(fig, r=r, width=width, lr=lr)
    shown = [t.get_text() for t in fig.axes[1].texts if t.get_visible()]  # what the reader sees
    assert (drawn["message"] is not None) == (diverged or grew)
    assert shown == ([drawn["message"]] if drawn["message"] else [])
    if diverged:
        assert drawn["h"] is None and drawn["J"] is None and "diverged" in drawn["message"]
    else:
        assert drawn["J"] == history[-1]


def test_the_settings_above_cover_every_case():
    """The cases above include a divergence, a J that grew, and a clean fit
    (else the test above proves little)."""
    with pytest.raises(mlp_lib.TrainingDiverged):
        train_depth(5, 32, 10 ** 0.5)
    for r, width, lr in [(3, 24, 1.0), (4, 6, 10 ** 0.25)]:
        _, history = train_depth(r, width, lr)
        assert history[-1] > history[0]
    _, history = train_depth(3, 16, 0.1)
    assert history[-1] < history[0]


def test_a_grown_J_is_reported_with_its_values(fig):
    drawn = depth.update_depth(fig, r=4, width=6, lr=10 ** 0.25)
    J0 = drawn["history"][0]
    assert drawn["message"].startswith(f"J grew from {J0:.3g} to {drawn['J']:.3g}")


def test_explorer_builds_and_redraws_after_a_change():
    box = depth.depth_explorer(r=3, width=4, lr=0.1)
    assert set(box.controls) == {"r", "width", "lr"}
    assert "(r = 3)" in box.figure.axes[0].get_title()
    box.controls["r"].value = 5
    box.controls["width"].value = 6
    box.redraw(show=False)
    assert box.figure.axes[0].get_title() == "sizes = [1, 6, 6, 6, 6, 1]  (r = 5)"
    _, history = train_depth(5, 6, 0.1)
    assert box.figure.axes[1].get_title().startswith(f"J = {history[-1]:.4g} ")
    plt.close(box.figure)


# a clean fit, the largest and the smallest network, a divergence, a J that grew, and back
STATES = [(3, 16, 0.1), (6, 32, 0.01), (2, 1, 0.1), (5, 32, 10 ** 0.5), (4, 6, 10 ** 0.25),
          (3, 16, 0.1), (5, 32, 10 ** 0.5), (6, 32, 0.01)]


def test_updates_reuse_the_artists_and_leave_nothing_stale():
    """After any sequence of settings, the figure is the one drawn fresh for the last one:
    the divergence message and the fit's legend entry come and go, the table has r + 2 rows."""
    fresh = {}
    for state in STATES:
        figure = plt.figure(figsize=(11, 4.3))
        depth.update_depth(figure, *state)
        fresh[state] = figure_state(figure)
        plt.close(figure)
    figure = plt.figure(figsize=(11, 4.3))
    for state in STATES:
        drawn = depth.update_depth(figure, *state)
        assert figure_state(figure) == fresh[state]
        ax_table, ax_fit = figure.axes
        shown = lambda ax: [t for t in ax.texts if t.get_visible() and t.get_text()]  # noqa: E731
        assert len(shown(ax_table)) == 4 * (state[0] + 2) + 4  # the cells, the counts
        assert [(t.get_text(), mcolors.to_hex(t.get_color()), t.get_position()) for t in shown(ax_fit)] == (
            [] if drawn["message"] is None else [(drawn["message"], mlp_lib.plots.COLORS["warning"], (0.5, 0.5))])
        legend = [t.get_text() for t in ax_fit.get_legend().get_texts()]
        if state == STATES[3]:
            assert legend == ["training data", "sin(3x)"]  # diverged: no fit
        if state == STATES[0]:
            assert legend == ["training data", "sin(3x)", "network h(x)"]
    plt.close(figure)


def test_update_after_the_figure_was_cleared_draws_everything_again():
    figure = plt.figure(figsize=(11, 4.3))
    depth.update_depth(figure, 5, 32, 0.01)
    figure.clear()
    depth.update_depth(figure, 3, 16, 0.1)
    fresh = plt.figure(figsize=(11, 4.3))
    depth.update_depth(fresh, 3, 16, 0.1)
    assert figure_state(figure) == figure_state(fresh)
    plt.close(figure)
    plt.close(fresh)
