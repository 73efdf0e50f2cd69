r"""Figures of the multi-layer chapter (eqs. 2.12-2.13): shapes, parameter counts, fits."""
import numpy as np

from ..data import curve_truth
from ..model import param_count
from ._style import COLORS, new_axes


def notes_param_count(sizes):
    r"""The parameter count exactly as the notes print it under eq. (2.12).

    The notes write :math:`(d+1)m_1 + (m_1+1)m_2 + m_2 + \dots + (m_{r-2}+1)m_{r-1} + m_{r-1} + 1`
    for ``sizes = [d, m_1, ..., m_{r-1}, 1]``. Read term by term, that is the true count
    :func:`mlp_lib.param_count` plus the stray ``+ m_2``, except when r <= 3, where the
    formula is short enough that the ``m_2`` is the final ``m_{r-1}`` (r = 3) or absent
    (r = 2). So it overcounts by :math:`m_2` exactly when r >= 4 (see the errata page).

    Parameters
    ----------
    sizes : sequence of int, ``[d, m_1, ..., m_r]`` with m_r = 1 as in the notes.
    """
    sizes = [int(m) for m in sizes]
    r = len(sizes) - 1
    return param_count(sizes) + (sizes[2] if r >= 4 else 0)


def layer_activations(net, X):
    r"""Every :math:`a^{[k]}`, k = 0..r, for a batch: the recursion (2.13) written out.

    Uses only the public ``net.W[k]``, ``net.b[k]`` and ``net.sigma``; the last layer is
    linear (eq. 2.12), so ``a[r]`` equals ``net(X)`` (as an (n, m_r) matrix).

    Parameters
    ----------
    net : MLP
    X : array, shape (n, d)

    Returns
    -------
    list of arrays, ``a[k]`` of shape (n, m_k).
    """
    a = [np.asarray(X, dtype=net.dtype)]
    for k in range(1, net.r + 1):
        z = a[-1] @ net.W[k].T + net.b[k]  # (2.9), one row per example
        a.append(net.sigma(z) if k < net.r else z)  # (2.13); last layer linear (2.12)
    return a


def shape_rows(net, X):
    """The rows of the shape table: for k = 0..r, the shapes of W^[k], b^[k] and a^[k].

    Returns
    -------
    list of dict
        ``{"k": k, "W": shape or None, "b": shape or None, "a": shape}``; k = 0 has no
        parameters (a^[0] is X itself).
    """
    a = layer_activations(net, X)
    rows = [{"k": 0, "W": None, "b": None, "a": a[0].shape}]
    for k in range(1, net.r + 1):
        rows.append({"k": k, "W": net.W[k].shape, "b": net.b[k].shape, "a": a[k].shape})
    return rows


def parameter_counts(net):
    """The parameter count three ways: the arrays, the closed form, the notes' printed formula.

    Returns
    -------
    dict
        ``num_params`` (``net.num_params``), ``param_count`` (:func:`mlp_lib.param_count`),
        ``notes_formula`` (:func:`notes_param_count`) and ``notes_excess`` (their difference).
    """
    counts = {"num_params": net.num_params, "param_count": param_count(net.sizes),
              "notes_formula": notes_param_count(net.sizes)}
    counts["notes_excess"] = counts["notes_formula"] - counts["param_count"]
    return counts


def _fmt(shape):
    return "-" if shape is None else "(" + ", ".join(str(s) for s in shape) + ")"


def plot_shape_table(net, X, ax=None):
    r"""A table of the shapes of every :math:`W^{[k]}, b^{[k]}, a^{[k]}` for the batch X,
    with the parameter count three ways underneath.

    Returns
    -------
    dict
        ``rows`` (see :func:`shape_rows`) and ``counts`` (see :func:`parameter_counts`).
    """
    fig, ax = new_axes(ax)
    rows, counts = shape_rows(net, X), parameter_counts(net)
    n = len(X)
    cells = [[str(r["k"]), _fmt(r["W"]), _fmt(r["b"]), _fmt(r["a"])] for r in rows]
    cells[0][3] += "  = X"
    cells[-1][3] += "  = h"
    ax.axis("off")
    table = ax.table(cellText=cells, colLabels=["k", "W[k]", "b[k]", f"a[k], batch of n = {n}"],
                     loc="upper center", cellLoc="center", colWidths=[0.1, 0.27, 0.2, 0.43])
    table.auto_set_font_size(False)
    table.set_fontsize(9)
    table.scale(1, 1.25)
    excess = counts["notes_excess"]
    lines = [("number of parameters, three ways:", "0.15"),
             (f"net.num_params              {counts['num_params']}", "0.15"),
             (f"mlp_lib.param_count(sizes)  {counts['param_count']}", "0.15"),
             (f"the notes' printed formula  {counts['notes_formula']}"
              + (f"  (+{excess} = m_2, see errata)" if excess else "  (agrees here)"),
              COLORS["warning"] if excess else "0.15")]
    for i, (line, color) in enumerate(lines):
        ax.text(0.02, 0.2 - 0.065 * i, line, transform=ax.transAxes, family="monospace",
                fontsize=9, va="top", color=color)
    ax.set_title(f"sizes = {net.sizes}  (r = {net.r})", fontsize=10)
    return {"rows": rows, "counts": counts}


def plot_fit(X, y, net=None, ax=None, title=None, color=COLORS["model"], label="network h(x)"):
    """The data, the curve they come from (sin 3x), and the network's fit (if a net is given).

    Returns
    -------
    dict
        ``x`` (the grid, shape (200,)) and ``h`` (the net's outputs on it, or None).
    """
    fig, ax = new_axes(ax)
    x = np.linspace(-1.1, 1.1, 200)
    ax.plot(X[:, 0], y, "o", ms=3.5, color=COLORS["data"], alpha=0.7, label="training data")
    ax.plot(x, curve_truth(x), "--", color=COLORS["truth"], lw=1.2, label="sin(3x)")
    h = None
    if net is not None:
        h = net(x[:, None])
        ax.plot(x, h, color=color, lw=2, label=label)
    ax.set_xlim(-1.1, 1.1)
    ax.set_ylim(-1.8, 1.8)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(loc="lower right", fontsize=8)
    if title:
        ax.set_title(title, fontsize=10)
    return {"x": x, "h": h}
