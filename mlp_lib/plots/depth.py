r"""Figures of the multi-layer chapter (eqs. 2.12-2.13): shapes, parameter counts, fits."""
import numpy as np
from matplotlib.collections import LineCollection

from ..data import curve_truth
from ..model import parameter_counts, shape_rows
from ._style import COLORS, curve_frame, new_axes


def _fmt(shape):
    return "-" if shape is None else "(" + ", ".join(str(s) for s in shape) + ")"


#: The columns of the shape table: header and width (in Axes fractions; they add up to 1).
TABLE_COLUMNS = (("k", 0.1), ("W[k]", 0.27), ("b[k]", 0.2), ("a[k], batch of n = {n}", 0.43))
#: The height of a row of the table, in points (the 12-point rows of matplotlib's
#: ``ax.table``, scaled by 1.25).
TABLE_ROW_HEIGHT = 15.0


def shape_table_artists(ax):
    """Make the artists of :func:`plot_shape_table` on ax, once: the title and the four
    lines of parameter counts (empty for now; the table's cells are made by
    :func:`show_shape_table`, as their number depends on the network).

    Returns
    -------
    dict
        ``ax``, ``cells`` (rows of Text, empty until shown), ``grid`` (None until shown)
        and ``lines`` (four Text).
    """
    ax.axis("off")
    ax.set_title("", fontsize=10, y=1.0)  # y given: no search for a free spot at each draw
    lines = [ax.text(0.02, 0.2 - 0.065 * i, "", transform=ax.transAxes, family="monospace",
                     fontsize=9, va="top") for i in range(4)]
    return {"ax": ax, "cells": [], "grid": None, "lines": lines}


def _make_table(artists, n_rows):
    """(Re)make the table's cells (n_rows rows of empty Text) and its grid lines, at the top
    of the Axes. It looks like matplotlib's ``ax.table`` (font size 9, rows scaled by 1.25),
    but a Text per cell and one LineCollection for the grid draw in about 60% of the time
    of its cells, each a Rectangle holding a Text."""
    ax = artists["ax"]
    for text in (t for row in artists["cells"] for t in row):
        text.remove()
    if artists["grid"] is not None:
        artists["grid"].remove()
    height = TABLE_ROW_HEIGHT / 72 * ax.get_figure(root=True).dpi / ax.bbox.height  # Axes fractions
    xs = np.cumsum([0.0] + [width for _, width in TABLE_COLUMNS])
    ys = 0.98 - height * np.arange(n_rows + 1)
    segments = [[(0, y), (1, y)] for y in ys] + [[(x, ys[0]), (x, ys[-1])] for x in xs]
    artists["grid"] = ax.add_collection(LineCollection(segments, colors="k", linewidths=1,
                                                       transform=ax.transAxes, clip_on=False),
                                        autolim=False)
    artists["cells"] = [[ax.text((x0 + x1) / 2, (y0 + y1) / 2, "", transform=ax.transAxes,
                                 ha="center", va="center", fontsize=9)
                         for x0, x1 in zip(xs[:-1], xs[1:])]
                        for y0, y1 in zip(ys[:-1], ys[1:])]


def show_shape_table(artists, net, X):
    r"""Fill the artists of :func:`shape_table_artists`: the shapes of every
    :math:`W^{[k]}, b^{[k]}, a^{[k]}` for the batch X, and the parameter count three ways.

    The table's cells are made anew only when its number of rows (r + 2) changes;
    otherwise their texts are updated.

    Returns
    -------
    dict
        ``rows`` (see :func:`mlp_lib.shape_rows`) and ``counts`` (see
        :func:`mlp_lib.parameter_counts`).
    """
    ax = artists["ax"]
    rows, counts = shape_rows(net, X), parameter_counts(net)
    cells = [[header.format(n=len(X)) for header, _ in TABLE_COLUMNS]]
    cells += [[str(r["k"]), _fmt(r["W"]), _fmt(r["b"]), _fmt(r["a"])] for r in rows]
    cells[1][3] += "  = X"
    cells[-1][3] += "  = h"
    if len(artists["cells"]) != len(cells):
        _make_table(artists, len(cells))
    for texts, row in zip(artists["cells"], cells):
        for text, cell in zip(texts, row):
            text.set_text(cell)
    excess = counts["notes_excess"]
    lines = [("number of parameters, three ways:", "0.15"),
             (f"net.num_params              {counts['num_params']}", "0.15"),
             (f"mlp_lib.param_count(sizes)  {counts['param_count']}", "0.15"),
             (f"the notes' printed formula  {counts['notes_formula']}"
              + (f"  (+{excess} = m_2, see errata)" if excess else "  (agrees here)"),
              COLORS["warning"] if excess else "0.15")]
    for text, (line, color) in zip(artists["lines"], lines):
        text.set(text=line, color=color)
    ax.title.set_text(f"sizes = {net.sizes}  (r = {net.r})")
    return {"rows": rows, "counts": counts}


def plot_shape_table(net, X, ax=None):
    r"""A table of the shapes of every :math:`W^{[k]}, b^{[k]}, a^{[k]}` for the batch X,
    with the parameter count three ways underneath.

    Returns
    -------
    dict
        ``rows`` (see :func:`mlp_lib.shape_rows`) and ``counts`` (see
        :func:`mlp_lib.parameter_counts`).
    """
    fig, ax = new_axes(ax)
    return show_shape_table(shape_table_artists(ax), net, X)


def fit_artists(ax, X, y, color=COLORS["model"], label="network h(x)"):
    """Make the artists of :func:`plot_fit` on ax, once: the data, the curve sin(3x), the
    line of the network (flat until :func:`show_fit`), fixed limits, labels and an empty title.

    Returns
    -------
    dict
        ``ax``, ``x`` (the grid, shape (200,)), ``data``, ``truth`` and ``fit`` (Line2D).
    """
    x = np.linspace(-1.1, 1.1, 200)
    data, = ax.plot(X[:, 0], y, "o", ms=3.5, color=COLORS["data"], alpha=0.7, label="training data")
    truth, = ax.plot(x, curve_truth(x), "--", color=COLORS["truth"], lw=1.2, label="sin(3x)")
    fit, = ax.plot(x, np.zeros_like(x), color=color, lw=2, label=label)
    curve_frame(ax)
    return {"ax": ax, "x": x, "data": data, "truth": truth, "fit": fit}


def show_fit(artists, net=None, title=None):
    """Fill the artists of :func:`fit_artists` with the net's fit (none if net is None),
    with a legend of what is drawn.

    Returns
    -------
    dict
        ``x`` (the grid, shape (200,)) and ``h`` (the net's outputs on it, or None).
    """
    ax, x, fit = artists["ax"], artists["x"], artists["fit"]
    h = None if net is None else net(x[:, None])
    fit.set_visible(h is not None)
    if h is not None:
        fit.set_ydata(h)
    shown = [line for line in (artists["data"], artists["truth"], fit) if line.get_visible()]
    legend = ax.get_legend()
    if legend is None or len(legend.get_texts()) != len(shown):  # the fit's entry comes and goes
        ax.legend(handles=shown, loc="lower right", fontsize=8)
    ax.title.set_text(title or "")
    return {"x": x, "h": h}


def plot_fit(X, y, net=None, ax=None, title=None, color=COLORS["model"], label="network h(x)"):
    """The data, the curve they come from (sin 3x), and the network's fit (if a net is given).

    Returns
    -------
    dict
        ``x`` (the grid, shape (200,)) and ``h`` (the net's outputs on it, or None).
    """
    fig, ax = new_axes(ax)
    return show_fit(fit_artists(ax, X, y, color, label), net, title)
