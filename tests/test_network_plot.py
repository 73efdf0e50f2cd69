"""The network diagram (Figures 2 and 3): edges follow the mask and the weights."""
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

import mlp_lib
from mlp_lib.data import HOUSE_FEATURES, HOUSE_HIDDEN, HOUSE_THETA
from mlp_lib.plots.network import (NEGATIVE, NEUTRAL, POSITIVE, draw_network, edge_width,
                                   layer_values)
from mlp_lib.stacking import HOUSE_MASK
from figure_state import axes_state


def drawn_edges(ax):
    return [line for line in ax.lines if line.get_gid() == "edge"]


def endpoints(ax, positions):
    """For each drawn edge, (k, j, i) read from where its line starts and ends."""
    found = []
    for line in drawn_edges(ax):
        (x0, x1), (y0, y1) = line.get_xdata(), line.get_ydata()
        k = int(round(x1))
        i = int(np.argmin(np.abs(positions[k - 1][:, 1] - y0)))
        j = int(np.argmin(np.abs(positions[k][:, 1] - y1)))
        assert positions[k - 1][i] == pytest.approx([x0, y0])
        assert positions[k][j] == pytest.approx([x1, y1])
        found.append((k, j, i))
    return found


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_housing_diagram_draws_exactly_the_edges_of_figure_2(ax):
    net = mlp_lib.housing_net(HOUSE_THETA)
    drawn = draw_network(net, ax, mask=HOUSE_MASK, input_labels=HOUSE_FEATURES,
                         hidden_labels=HOUSE_HIDDEN)
    expected = {(1, j, i) for j, i in zip(*np.nonzero(HOUSE_MASK))} | {(2, 0, j) for j in range(3)}
    assert len(drawn_edges(ax)) == drawn["n_edges"] == HOUSE_MASK.sum() + 3 == 8
    assert set(endpoints(ax, drawn["positions"])) == expected
    texts = {t.get_text() for t in ax.texts}
    assert set(HOUSE_FEATURES) <= texts and set(HOUSE_HIDDEN) <= texts


def test_a_mask_per_layer_leaves_out_its_edges(ax):
    net = mlp_lib.MLP([3, 4, 2], seed=1)
    mask2 = np.array([[1, 0, 1, 0], [0, 0, 0, 1]], dtype=bool)
    drawn = draw_network(net, ax, mask=[None, mask2])
    assert len(drawn_edges(ax)) == 3 * 4 + mask2.sum() == 15
    assert (2, 0, 1) not in endpoints(ax, drawn["positions"])


def test_full_structure_from_sizes_is_grey(ax):
    draw_network([3, 4, 1], ax)
    lines = drawn_edges(ax)
    assert len(lines) == 3 * 4 + 4
    assert all(mcolors.same_color(line.get_color(), NEUTRAL) for line in lines)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_colour_is_the_sign_and_width_grows_with_the_size(ax, seed):
    net = mlp_lib.MLP([4, 5, 3, 1], seed=seed)
    net.W[1][0, 0] = 0.0  # an edge that is there with weight exactly 0
    drawn = draw_network(net, ax)
    lines = drawn_edges(ax)
    weights = np.array([net.W[k][j, i] for k, j, i in endpoints(ax, drawn["positions"])])
    widths = np.array([line.get_linewidth() for line in lines])
    for w, line in zip(weights, lines):
        want = POSITIVE if w > 0 else NEGATIVE if w < 0 else NEUTRAL
        assert mcolors.same_color(line.get_color(), want)
    order = np.argsort(np.abs(weights))
    assert np.all(np.diff(widths[order]) >= 0)
    assert widths[order[-1]] > widths[order[0]]
    assert widths.max() == pytest.approx(edge_width(np.abs(weights).max(), np.abs(weights).max()))


def test_fixed_weight_scale_keeps_widths_comparable(ax):
    net = mlp_lib.housing_net(HOUSE_THETA)
    before = draw_network(net, ax, mask=HOUSE_MASK, weight_scale=3.0)["edges"]
    net.W[2][0, 0] = 3.0  # theta_9 up: only its own edge may change
    ax.clear()
    after = draw_network(net, ax, mask=HOUSE_MASK, weight_scale=3.0)["edges"]
    changed = [(e["layer"], e["target"], e["source"]) for e, f in zip(before, after)
               if e["width"] != f["width"]]
    assert changed == [(2, 0, 0)]


def test_layer_values_follow_the_equations():
    net = mlp_lib.MLP([3, 5, 4, 2], activation="tanh", seed=3)
    x = np.array([0.3, -1.2, 2.0])
    values = layer_values(net, x)
    a1 = np.tanh(net.W[1] @ x + net.b[1])
    a2 = np.tanh(net.W[2] @ a1 + net.b[2])
    assert np.allclose(values[0], x)
    assert np.allclose(values[1], a1) and np.allclose(values[2], a2)
    assert np.allclose(values[3], net.W[3] @ a2 + net.b[3])
    assert np.allclose(values[3], net(x[None, :])[0])


def test_values_are_written_and_off_units_marked(ax):
    theta = HOUSE_THETA.copy()
    theta[4] = -3.0  # theta_5: a_2 = ReLU(theta_4 x_3 - 3) = 0 for x_3 in [0, 1]
    net = mlp_lib.housing_net(theta)
    x = np.array([2.0, 3.0, 0.5, 1.0])
    values = layer_values(net, x)
    draw_network(net, ax, mask=HOUSE_MASK, values=values)
    texts = [t.get_text() for t in ax.texts]
    assert values[1][1] == 0
    assert "= 0.00 (off)" in texts
    assert f"= {values[2][0]:.2f}" in texts
    assert sum("(off)" in t for t in texts) == int((values[1] == 0).sum())


def test_bad_mask_shape_is_a_clear_error(ax):
    with pytest.raises(ValueError, match=r"mask for W\[1\] must have shape \(3, 4\)"):
        draw_network(mlp_lib.housing_net(HOUSE_THETA), ax, mask=np.ones((4, 3), dtype=bool))


def housing_drawing(theta, x):
    """draw_network's arguments for the housing network with parameters theta, following x."""
    net = mlp_lib.housing_net(theta)
    return (net,), dict(mask=HOUSE_MASK, values=layer_values(net, x), weight_scale=3.0,
                        input_labels=HOUSE_FEATURES, hidden_labels=HOUSE_HIDDEN,
                        output_label="price", title=f"theta_1 = {theta[0]}",
                        edge_labels={(1, 0, 0): f"w = {theta[0]}"}, notes={(1, 1): "a note"})


def test_a_diagram_after_clear_is_the_fresh_one_and_nothing_stays_on_the_axes():
    """draw_network keeps nothing on the Axes (no cache of artists to update): after
    ax.clear(), each drawing shows exactly what the same drawing on a new Axes shows, whatever
    was drawn there before, and the Axes carries no attribute the diagram added."""
    off = HOUSE_THETA.copy()
    off[[2, 4, 7]] = -3.0  # every hidden unit off for this x
    x = np.array([2.0, 3.0, 0.5, 1.0])
    drawings = [housing_drawing(HOUSE_THETA, x), housing_drawing(-HOUSE_THETA, x),
                housing_drawing(off, x),
                ((mlp_lib.MLP([3, 4, 2], seed=1),), dict(mask=[None, np.eye(2, 4, dtype=bool)])),
                (([3, 4, 1],), dict(input_labels=["p", "q", "r"]))]
    fresh = []
    for args, kwargs in drawings:
        fig, ax = plt.subplots()
        draw_network(*args, ax=ax, **kwargs)
        fresh.append(axes_state(ax))
        plt.close(fig)
    assert len({repr(s) for s in fresh}) == len(drawings)
    fig, ax = plt.subplots()
    attributes = set(vars(ax))
    for i in [0, 1, 2, 0, 3, 4, 1, 2, 4, 0]:
        ax.clear()
        args, kwargs = drawings[i]
        draw_network(*args, ax=ax, **kwargs)
        assert axes_state(ax) == fresh[i], i
        assert set(vars(ax)) == attributes
    plt.close(fig)


def test_drawing_again_adds_a_diagram_as_plot_adds_a_line(ax):
    net = mlp_lib.housing_net(HOUSE_THETA)
    draw_network(net, ax, mask=HOUSE_MASK)
    draw_network(net, ax, mask=HOUSE_MASK)
    assert len(drawn_edges(ax)) == 2 * 8 and len(ax.collections) == 2 * 3  # nodes: one scatter a layer


def test_a_title_is_set_only_when_given(ax):
    ax.set_title("my diagram")
    draw_network([2, 3, 1], ax)
    assert ax.get_title() == "my diagram"
    draw_network([2, 3, 1], ax, title="another")
    assert ax.get_title() == "another"
