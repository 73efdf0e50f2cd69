r"""Figures of the vectorization chapter (eqs. 2.7-2.11)."""
import numpy as np
from matplotlib.patches import Rectangle

from ._style import COLORS, new_axes


def plot_timings(timings, ax=None):
    """Log-log plot of the seconds per forward pass, for loops against the matrix form.

    Parameters
    ----------
    timings : dict
        As returned by :func:`mlp_lib.timing.forward_timings`.
    ax : matplotlib Axes, optional

    Returns
    -------
    dict
        ``widths``, ``loops``, ``vectorized`` (the plotted seconds) and ``speedup``.
    """
    fig, ax = new_axes(ax)
    m = np.asarray(timings["widths"])
    loops, vec = np.asarray(timings["loops"]), np.asarray(timings["vectorized"])
    ax.loglog(m, loops, "o-", color=COLORS["warning"], label="for loops, forward_loops(net, X)")
    ax.loglog(m, vec, "s-", color=COLORS["data"], label="matrices, net(X)")
    for mi, lo, ve in zip(m, loops, vec):
        ax.annotate(f"{lo / ve:.0f}x", (mi, np.sqrt(lo * ve)), ha="center", va="center",
                    fontsize=8, color="0.3")
    ax.set_xscale("log", base=2)
    ax.set_xticks(m)
    ax.set_xticklabels([str(int(v)) for v in m])
    ax.set_xlabel("width m of each hidden layer")
    ax.set_ylabel("seconds per forward pass")
    hidden = "-".join(["m"] * timings.get("hidden_layers", 2))
    ax.set_title(f"{timings.get('d', '?')}-{hidden}-1 network on n = {timings.get('n', '?')} examples")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="upper left", fontsize=9)
    return {"widths": m, "loops": loops, "vectorized": vec, "speedup": loops / vec}


def _block(ax, x, y, rows, cols, unit, color):
    """A rows x cols matrix drawn as a rectangle whose top-left corner is (x, y); returns its right edge."""
    ax.add_patch(Rectangle((x, y - rows * unit), cols * unit, rows * unit, facecolor=color,
                           edgecolor="0.2", alpha=0.4))
    return x + cols * unit


def plot_layer_shapes(n=6, d=3, m=4, ax=None):
    r"""The shapes of one layer in the notes' convention and in numpy's, one above the other.

    Top: one example as a column, :math:`z = W x + b` (eq. 2.9), shapes (m,1) = (m,d)(d,1) + (m,1).
    Bottom: n examples as the rows of X, :math:`Z = X W^\top + \mathbf{1} b^\top`,
    shapes (n,m) = (n,d)(d,m) + (1,m) repeated down the n rows (numpy broadcasting).
    Each matrix is drawn with its real proportions.

    Returns
    -------
    dict
        ``column`` and ``rows``: lists of (name, (rows, cols)) in the order drawn.
    """
    fig, ax = new_axes(ax, figsize=(8, 6))
    unit, gap = 0.5, 1.0
    col = [("z", (m, 1)), ("W", (m, d)), ("x", (d, 1)), ("b", (m, 1))]
    row = [("Z", (n, m)), ("X", (n, d)), ("W^T", (d, m)), ("b^T", (1, m))]
    colors = {"z": COLORS["model"], "Z": COLORS["model"], "W": COLORS["hidden"],
              "W^T": COLORS["hidden"], "x": COLORS["data"], "X": COLORS["data"],
              "b": COLORS["truth"], "b^T": COLORS["truth"]}
    tex = {"W^T": r"W^\top", "b^T": r"b^\top"}
    ops = ["=", "\u00d7", "+"]

    def draw_row(items, y, title):
        height = max(r for _, (r, _c) in items) * unit
        if any(name == "b^T" for name, _ in items):
            height = max(height, n * unit)
        ax.text(0, y + 0.35, title, fontsize=11, va="bottom")
        x = 0.0
        for i, (name, (r, c)) in enumerate(items):
            left = x
            x = _block(ax, x, y, r, c, unit, colors[name])
            if name == "b^T":  # broadcasting: numpy repeats the one row down all n rows
                for k in range(1, n):
                    ax.add_patch(Rectangle((left, y - (k + 1) * unit), c * unit, unit,
                                           facecolor="none", edgecolor="0.5", linestyle=":"))
                ax.text(x + 0.15, y - n * unit / 2, f"numpy repeats\nthe row down\nall {n} rows",
                        fontsize=8, va="center", color="0.35")
            ax.text((left + x) / 2, y - height - 0.2, f"${tex.get(name, name)}$\n{r} x {c}",
                    ha="center", va="top", fontsize=10)
            if i < len(ops):
                ax.text(x + gap / 2, y - height / 2, ops[i], ha="center", va="center", fontsize=16)
                x += gap
        return x + (1.6 if items[-1][0] == "b^T" else 0.0), y - height - 1.2

    top = 0.0
    w1, bottom1 = draw_row(col, top, "The notes: one example x is a column, eq. (2.9)")
    second = bottom1 - 0.9
    w2, bottom2 = draw_row(row, second, "numpy and mlp_lib: the n examples are the rows of X")
    ax.set_xlim(-0.2, max(w1, w2) + 0.2)
    ax.set_ylim(bottom2 - 0.1, top + 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
    return {"column": col, "rows": row}
