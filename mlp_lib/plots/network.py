r"""Network diagrams: Figures 2 and 3 of the notes, drawn from an :class:`~mlp_lib.MLP`.

Nodes are the inputs :math:`x_i`, the hidden units :math:`a_j` and the output
:math:`h_\theta(x)`, one column per layer. An edge from unit i of layer k-1 to unit j of
layer k stands for the weight :math:`W^{[k]}_{ji}`: its colour is the weight's sign
(:data:`POSITIVE`, :data:`NEGATIVE`, grey for exactly 0) and its width grows with
:math:`|W^{[k]}_{ji}|`. A mask leaves out the edges a network does not have, such as
the missing edges of Figure 2 (:data:`mlp_lib.stacking.HOUSE_MASK`).
"""
import numpy as np
from matplotlib.transforms import offset_copy

from ._style import COLORS, new_axes

#: Edge colour of a positive weight.
POSITIVE = "#4c72b0"
#: Edge colour of a negative weight.
NEGATIVE = "#c44e52"
#: Edge colour of a weight that is exactly 0, and of every edge when only sizes are given.
NEUTRAL = "#9a9a9a"

_MIN_WIDTH, _MAX_WIDTH = 0.6, 7.0
_NODE_PT = 15  # largest node radius, in points: nodes stay round whatever the Axes' shape
_NODE_FACE = {"input": "#dfe7f3", "hidden": "#e6e1f0", "output": "#f8e2d3"}
_OFF_FACE = "#f2f2f2"
_BOX = dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.85)


def edge_width(w, weight_scale):
    r"""Line width of an edge of weight w: from 0.6 (w = 0) to 7 (:math:`|w| \geq` weight_scale)."""
    frac = min(abs(float(w)) / weight_scale, 1.0)
    return _MIN_WIDTH + (_MAX_WIDTH - _MIN_WIDTH) * frac


def edge_color(w):
    """Colour of an edge of weight w: POSITIVE, NEGATIVE, or NEUTRAL for 0."""
    return POSITIVE if w > 0 else NEGATIVE if w < 0 else NEUTRAL


def layer_values(net, x):
    r"""The value of every node for ONE example x: ``[x, a^[1], ..., a^[r-1], h]``.

    Written out layer by layer as in eq. (2.12), :math:`a^{[k]} = \sigma(W^{[k]} a^{[k-1]} + b^{[k]})`
    with a linear last layer, so the numbers in a diagram can be read against the equations.

    Parameters
    ----------
    net : MLP
    x : array, shape (d,)

    Returns
    -------
    list of r + 1 arrays, shapes (d,), (m_1,), ..., (m_r,)
    """
    a = np.asarray(x, dtype=float).reshape(-1)
    if a.shape != (net.d,):
        raise ValueError(f"x must be one example of shape ({net.d},), got shape {np.shape(x)}.")
    values = [a]
    for k in range(1, net.r + 1):
        z = net.W[k] @ a + net.b[k]  # (2.9), one example
        a = net.sigma(z) if k < net.r else z  # (2.13); last layer linear (2.12)
        values.append(a)
    return values


def _masks(mask, sizes):
    """One boolean array per layer (shape (m_k, m_{k-1})), all True where no mask is given."""
    r = len(sizes) - 1
    if mask is None:
        per_layer = [None] * r
    elif isinstance(mask, np.ndarray) or (len(mask) > 0 and np.ndim(mask[0]) == 1):
        per_layer = [mask] + [None] * (r - 1)  # one array: the first layer's mask
    else:
        per_layer = list(mask)
    if len(per_layer) != r:
        raise ValueError(f"mask must be one array (for W[1]) or a list of {r} arrays or None, "
                         f"got a list of {len(per_layer)}.")
    out = []
    for k, m in enumerate(per_layer, start=1):
        shape = (sizes[k], sizes[k - 1])
        m = np.ones(shape, dtype=bool) if m is None else np.asarray(m, dtype=bool)
        if m.shape != shape:
            raise ValueError(f"mask for W[{k}] must have shape {shape}, got shape {m.shape}.")
        out.append(m)
    return out


def _symbol(k, j, sizes):
    r = len(sizes) - 1
    if k == 0:
        return f"$x_{{{j + 1}}}$"
    if k == r:
        return "$h$" if sizes[-1] == 1 else f"$h_{{{j + 1}}}$"
    return f"$a_{{{j + 1}}}$" if r == 2 else f"$a^{{[{k}]}}_{{{j + 1}}}$"


def _node_radius(ax, sizes):
    """Node radius in points: at most _NODE_PT, less when a tall layer would make nodes overlap."""
    height_pt = ax.get_position().height * ax.figure.get_figheight() * 72
    return min(_NODE_PT, 0.4 * height_pt / max(sizes))


def _edges(ax, positions, masks, weights, weight_scale, edge_labels):
    """One line per edge the network has (gid "edge"), coloured by its weight's sign and as wide
    as its size (grey when weights is None), with its label, if any, on it. Returns one dict per
    edge, in the order of the lines."""
    if weights is not None:
        drawn = [abs(w) for W, M in zip(weights, masks) for w in W[M]]
        scale = weight_scale or (max(drawn) if drawn and max(drawn) > 0 else 1.0)
    edges = []
    for k in range(1, len(positions)):
        for j, i in zip(*np.nonzero(masks[k - 1])):
            j, i = int(j), int(i)
            if weights is None:
                w, width, color = None, 1.2, NEUTRAL
            else:
                w = float(weights[k - 1][j, i])
                width, color = edge_width(w, scale), edge_color(w)
            (x0, y0), (x1, y1) = positions[k - 1][i], positions[k][j]
            ax.plot([x0, x1], [y0, y1], solid_capstyle="round", zorder=1, gid="edge", alpha=0.9,
                    color=color, linewidth=width)
            label = (edge_labels or {}).get((k, j, i))
            if label:
                t = 0.38 if k == 1 else 0.5  # clear of the text around the hidden units
                ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), label, fontsize=9.5,
                        ha="center", va="center", zorder=3, bbox=_BOX)
            edges.append({"layer": k, "target": j, "source": i, "weight": w,
                          "width": width, "color": color})
    return edges


def _nodes(ax, positions, sizes, values, labels, bias_labels, notes):
    """Per layer, the nodes (one scatter; a hidden unit whose value is exactly 0 pale, "off"),
    each with its symbol and, under it, its value, bias label and note; the names of the
    inputs, of the first hidden layer's units and of the output beside them."""
    r = len(sizes) - 1
    radius = _node_radius(ax, sizes)
    gap = radius + 4  # text beside a node starts this many points from its centre

    def beside(x, y, text, dx, dy, **kw):
        """A Text `dx`, `dy` points away from the point (x, y) of the diagram."""
        where = offset_copy(ax.transData, fig=ax.figure, x=dx, y=dy, units="points")
        return ax.text(x, y, text, transform=where, zorder=4, **kw)

    input_labels, hidden_labels, output_label = labels
    for k, pos in enumerate(positions):
        kind = "input" if k == 0 else "output" if k == r else "hidden"
        layer = [] if values is None else np.asarray(values[k], dtype=float).reshape(-1)
        off = [kind == "hidden" and v == 0 for v in layer] or [False] * len(pos)
        ax.scatter(pos[:, 0], pos[:, 1], s=(2 * radius) ** 2, zorder=2, linewidths=1.2,
                   facecolors=[_OFF_FACE if o else _NODE_FACE[kind] for o in off],
                   edgecolors=["#bbbbbb" if o else "#444444" for o in off])
        for j, (x, y) in enumerate(pos):
            ax.text(x, y, _symbol(k, j, sizes), ha="center", va="center", zorder=4,
                    fontsize=13 * radius / _NODE_PT, color="#999999" if off[j] else "black")
            below = []
            if values is not None:
                below.append(f"= {layer[j]:.2f}" + (" (off)" if off[j] else ""))
            if bias_labels and (k, j) in bias_labels:
                below.append(bias_labels[(k, j)])
            if notes and (k, j) in notes:
                below.append(notes[(k, j)])
            if below:
                beside(x, y, "\n".join(below), 0, -gap, ha="center", va="top", fontsize=9.5,
                       linespacing=1.3, bbox=_BOX)
            if k == 0 and input_labels is not None:
                beside(x, y, input_labels[j], -gap, 0, ha="right", va="center", fontsize=11)
            if k == 1 and r > 1 and hidden_labels is not None:
                beside(x, y, hidden_labels[j], 0, gap, ha="center", va="bottom", fontsize=11,
                       color=COLORS["hidden"], fontweight="bold", bbox=_BOX)
            if k == r and output_label is not None:
                beside(x, y, output_label, gap, 0, ha="left", va="center", fontsize=11)


def draw_network(net, ax=None, *, mask=None, input_labels=None, hidden_labels=None,
                 output_label=None, values=None, edge_labels=None, bias_labels=None,
                 weight_scale=None, notes=None, title=None):
    r"""Draw a fully-connected (or masked) network as nodes and weighted edges.

    Parameters
    ----------
    net : MLP or sequence of int
        A network, whose weights set the edges' colours and widths; or just the layer
        sizes ``[d, m_1, ..., m_r]``, for a diagram of the structure (grey edges).
    ax : matplotlib Axes, optional
        Where to draw (a new figure if None). The diagram is added to what the Axes shows,
        as ``ax.plot`` adds a line: call ``ax.clear()`` first to draw a diagram in place of
        another.
    mask : bool array of the shape of ``W[1]``, or a list with one array (or None) per layer
        Edges where the mask is False are not drawn (the network does not have them).
    input_labels : sequence of d str, optional
        Names of the inputs, written left of the input nodes.
    hidden_labels : sequence of m_1 str, optional
        Names of the first hidden layer's units, written above them.
    output_label : str, optional
        Name of the output, written right of the output node.
    values : list of arrays, optional
        The value of every node, one array per layer, as :func:`layer_values` returns;
        written under each node. A hidden unit whose value is 0 is drawn pale ("off").
    edge_labels : dict (k, j, i) -> str, optional
        Text written on the edge for :math:`W^{[k]}_{ji}` (k from 1, j and i from 0),
        e.g. the parameter's name.
    bias_labels : dict (k, j) -> str, optional
        Text written under unit j of layer k, e.g. the name of its bias.
    weight_scale : float, optional
        The :math:`|w|` drawn with the widest line (default: the largest drawn :math:`|w|`).
        Fix it to compare diagrams of different weights: the same width means the same size.
    notes : dict (k, j) -> str, optional
        A small extra line under unit j of layer k (e.g. how often a unit is off).
    title : str, optional

    Notes
    -----
    Meant for small networks, a dozen units per layer or so (nodes shrink to fit taller
    layers, but labels do not).

    Returns
    -------
    dict
        ``positions``: one (m_k, 2) array of node centres per layer; ``edges``: one dict
        per drawn edge with keys ``layer``, ``target``, ``source``, ``weight``, ``width``,
        ``color``; ``n_edges``; ``values``. Every edge is a Line2D with gid "edge", in
        the order of ``edges``.
    """
    _, ax = new_axes(ax, figsize=(7, 4.5))
    if hasattr(net, "W"):
        sizes, weights = list(net.sizes), [net.W[k] for k in range(1, net.r + 1)]
    else:
        sizes, weights = [int(m) for m in net], None
    masks = _masks(mask, sizes)
    # layer k in column x = k; its m_k units spread over [0, 1], unit 1 on top
    positions = [np.column_stack([np.full(m, float(k)), 1 - (np.arange(m) + 0.5) / m])
                 for k, m in enumerate(sizes)]
    edges = _edges(ax, positions, masks, weights, weight_scale, edge_labels)
    _nodes(ax, positions, sizes, values, (input_labels, hidden_labels, output_label), bias_labels, notes)
    ax.set_xlim(-0.15, len(sizes) - 1 + 0.15)
    ax.set_ylim(-0.08, 1.05)
    ax.axis("off")
    if title:
        ax.set_title(title)
    return {"positions": positions, "edges": edges, "n_edges": len(edges), "values": values}
