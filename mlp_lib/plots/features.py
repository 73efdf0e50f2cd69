r"""Figures of "Connection to the kernel method": the feature map of eq. (2.21), unit by unit.

A network with r layers is a linear model on top of its last hidden layer,
:math:`h_\theta(x) = W^{[r]} \phi_\beta(x) + b^{[r]}` with :math:`\phi_\beta(x) = a^{[r-1]}`
(:meth:`mlp_lib.MLP.features`). :func:`plot_feature_grid` draws each coordinate
:math:`\phi_\beta(x)_j` as its own small panel (small multiples), optionally before and after
training; :func:`plot_fit` draws the data and the fitted :math:`h_\theta`.
"""
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from ._style import COLORS, new_axes

#: Gap between two panels of the grid, in panel widths.
GAP = 0.12
#: Margin inside a panel, in panel widths, so curves do not touch the frame.
PAD = 0.08


def grid_shape(m):
    """(nrows, ncols) of the panel grid for m units: one row up to 5, then 5 or 8 columns."""
    ncols = m if m <= 5 else (5 if m <= 25 else 8)
    return -(-m // ncols), ncols


def _as_columns(values, name, g):
    arr = np.asarray(values, dtype=float)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] != g:
        raise ValueError(f"{name} must have shape (len(x), m) = ({g}, m), got shape {arr.shape}.")
    return arr


def plot_feature_grid(x, after, before=None, weights=None, ax=None, color=COLORS["hidden"],
                      title=None):
    r"""Draw every hidden unit :math:`\phi_\beta(x)_j` as a small panel of one Axes.

    Each panel has its own vertical scale (shared by the "before" and "after" curves of
    that unit, and always including 0, drawn as a thin line); the horizontal axis is x.
    A unit that is constant over x (a "dead" ReLU) is a flat line on the zero line.

    Parameters
    ----------
    x : array, shape (g,)
        Increasing input values (d = 1).
    after : array, shape (g, m)
        The features to draw, one column per unit, e.g. ``net.features(x[:, None])``.
    before : array, shape (g, m), optional
        Features to draw underneath, dashed and grey (e.g. at initialization).
    weights : array, shape (m,), optional
        The last-layer weights :math:`W^{[r]}_{1j}`; each panel's label shows its weight
        (when the grid has at most 5 columns, m <= 25; beyond, only the unit's number).
    ax : matplotlib Axes, optional
    color : colour of the "after" curves.
    title : str, optional

    Returns
    -------
    dict
        ``x``, ``after``, ``before`` (None when not given), ``weights``, ``nrows``, ``ncols``,
        ``limits`` (shape (m, 2): the value range of each panel), ``fig``, ``ax``.
    """
    x = np.asarray(x, dtype=float).ravel()
    after = _as_columns(after, "after", x.size)
    m = after.shape[1]
    if before is not None:
        before = _as_columns(before, "before", x.size)
        if before.shape != after.shape:
            raise ValueError(f"before must have the shape of after {after.shape}, got {before.shape}.")
    if weights is not None:
        weights = np.asarray(weights, dtype=float).ravel()
        if weights.shape != (m,):
            raise ValueError(f"weights must have shape ({m},), one per unit, got {weights.shape}.")
    fig, ax = new_axes(ax, figsize=(7, 4))
    nrows, ncols = grid_shape(m)
    corners = [((j % ncols) * (1 + GAP), -(j // ncols) * (1 + GAP)) for j in range(m)]

    both = after if before is None else np.concatenate([after, before], axis=0)
    lo = np.minimum(both.min(axis=0), 0.0)
    hi = np.maximum(both.max(axis=0), 0.0)
    span = np.where(hi - lo > 1e-12, hi - lo, 1.0)
    u = PAD + (1 - 2 * PAD) * (x - x[0]) / (x[-1] - x[0] if x[-1] != x[0] else 1.0)

    def segments(values):  # each unit's curve, placed in its panel
        return [np.column_stack([cx + u, cy + PAD + (1 - 2 * PAD) * (values[:, j] - lo[j]) / span[j]])
                for j, (cx, cy) in enumerate(corners)]

    zeros = [s[[0, -1]] for s in segments(np.zeros_like(after))]
    ax.add_collection(LineCollection(zeros, colors="0.8", linewidths=0.6), autolim=False)
    if before is not None:
        ax.add_collection(LineCollection(segments(before), colors="0.55", linewidths=1.0, linestyles="--"),
                          autolim=False)
    ax.add_collection(LineCollection(segments(after), colors=color, linewidths=1.6), autolim=False)
    for j, (cx, cy) in enumerate(corners):
        ax.add_patch(Rectangle((cx, cy), 1, 1, fill=False, edgecolor="0.75", linewidth=0.6))
        w = np.round(weights[j], 2) + 0.0 if weights is not None else None  # + 0.0: no "-0.00"
        label = f"{j + 1}" if w is None or ncols > 5 else f"{j + 1}: w={w:+.2f}"
        ax.text(cx + 0.04, cy + 0.97, label, fontsize=8, va="top", ha="left", color="0.3")
    ax.set_xlim(-GAP / 2, ncols * (1 + GAP) - GAP / 2)
    ax.set_ylim(-(nrows - 1) * (1 + GAP) - GAP / 2, 1 + GAP / 2)
    ax.set_axis_off()
    if title is not None:
        ax.set_title(title, fontsize=10)
    return {"x": x, "after": after, "before": before, "weights": weights, "nrows": nrows,
            "ncols": ncols, "limits": np.column_stack([lo, hi]), "fig": fig, "ax": ax}


def plot_fit(X, y, x_grid, h, ax=None, truth=None, label=r"$h_\theta(x)$", title=None):
    r"""The training data, the fitted :math:`h_\theta` on a grid, and optionally the truth.

    Parameters
    ----------
    X : array, shape (n, 1) or (n,)
    y : array, shape (n,)
    x_grid : array, shape (g,)
    h : array, shape (g,)
        :math:`h_\theta` at x_grid.
    ax : matplotlib Axes, optional
    truth : array, shape (g,), optional
        The noiseless target at x_grid (drawn dashed).
    label, title : str

    Returns
    -------
    dict
        ``x_grid``, ``h``, ``truth``, ``fig``, ``ax``.
    """
    fig, ax = new_axes(ax)
    x_grid = np.asarray(x_grid, dtype=float).ravel()
    h = np.asarray(h, dtype=float).ravel()
    ax.scatter(np.ravel(X), y, s=12, color=COLORS["data"], alpha=0.7, label="training data")
    if truth is not None:
        ax.plot(x_grid, truth, "--", color=COLORS["truth"], lw=1.2, label="truth")
    ax.plot(x_grid, h, color=COLORS["model"], lw=2, label=label)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(fontsize=8, loc="lower right")
    if title is not None:
        ax.set_title(title, fontsize=10)
    return {"x_grid": x_grid, "h": h, "truth": truth, "fig": fig, "ax": ax}
