r"""Figures of the chapter "Two-layer fully-connected neural networks".

For one input (d = 1), eq. (2.6) says the output is a weighted sum of the hidden units,

.. math:: h_\theta(x) = \sum_{j=1}^m w^{[2]}_j a_j(x) + b^{[2]},

so the curve a two-layer network draws is the sum of m simpler curves
:math:`w^{[2]}_j a_j(x)` (for ReLU, m hinges) plus a constant. These functions draw
those pieces and their sum.
"""
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np

from ._style import COLORS, new_axes


def contributions(net, X):
    r"""Each hidden unit's share :math:`w^{[2]}_j a_j(x)` of the output, eq. (2.6).

    Parameters
    ----------
    net : MLP with sizes [d, m, 1]
    X : array, shape (n, d)

    Returns
    -------
    C : array, shape (n, m)
        ``C[:, j]`` is :math:`w^{[2]}_{j+1} a_{j+1}(x)` for every row x of X.
    b2 : float
        The output bias :math:`b^{[2]}`; ``C.sum(axis=1) + b2`` equals ``net(X)``.
    """
    if net.r != 2 or net.sizes[-1] != 1:
        raise ValueError(f"net must be a two-layer network with sizes [d, m, 1], got sizes {net.sizes}.")
    A = net.features(X)  # a = [a_1, ..., a_m] for every row, (2.5)-(2.6)
    return A * net.W[2][0], float(net.b[2][0])  # w^[2]_j a_j


def _share_colors(m):
    """The colours of the m units' curves (viridis; the first unit's is the same for every m)."""
    return plt.get_cmap("viridis")(np.linspace(0.05, 0.85, m))


def unit_colors(n):
    """n colours, as hex strings, spread evenly over the units' colour range (the explorer's
    page interpolates between them, so m units there get the colours of :func:`plot_contributions`)."""
    return [mcolors.to_hex(c) for c in _share_colors(n)]


def plot_contributions(net, X, y, ax=None, grid=None):
    r"""Draw the data, every :math:`w^{[2]}_j a_j(x)`, :math:`b^{[2]}` and their sum :math:`h_\theta(x)`.

    Parameters
    ----------
    net : MLP with sizes [1, m, 1]
    X : array, shape (n, 1); y : array, shape (n,)
        The training data, drawn as points.
    ax : matplotlib Axes, optional
    grid : array, shape (g,), optional
        Where to evaluate the curves (default: 200 points across the data).

    Returns
    -------
    dict
        ``x`` (g,), ``contributions`` (g, m), ``b2``, ``total`` (g,), the sum of the
        contributions plus b2 (the thick curve). The contribution curves are Line2D
        artists with gid "contribution"; the sum has gid "total".
    """
    _, ax = new_axes(ax)
    X = np.asarray(X, dtype=float).reshape(len(y), -1)
    if grid is None:
        grid = np.linspace(X.min(), X.max(), 200)
    grid = np.asarray(grid, dtype=float)
    C, b2 = contributions(net, grid[:, None])
    total = C.sum(axis=1) + b2  # h_theta(x), eq. (2.6), as a sum of the units' shares
    ax.scatter(X[:, 0], y, s=12, color=COLORS["data"], alpha=0.6, label="data", zorder=1)
    for j, color in enumerate(_share_colors(C.shape[1])):
        ax.plot(grid, C[:, j], lw=1.2, alpha=0.85, gid="contribution", color=color,
                label=r"$w^{[2]}_j a_j(x)$, one per unit" if j == 0 else None)
    ax.axhline(b2, color="#777777", lw=1, ls=":", label=r"$b^{[2]}$", gid="bias", zorder=2.5)
    ax.plot(grid, total, color=COLORS["model"], lw=3, gid="total", zorder=3,
            label=r"sum $+\ b^{[2]} = h_\theta(x)$")
    ax.legend(loc="upper left", fontsize=8)
    ax.set_xlabel("x")
    lo, hi = min(X.min(), grid.min()), max(X.max(), grid.max())
    ax.set_xlim(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
    ys = np.concatenate([np.asarray(y, dtype=float), total])
    lo, hi = ys.min(), ys.max()
    pad = 0.6 * (hi - lo) + 1e-9
    ax.set_ylim(lo - pad, hi + pad)  # the fit in view; very large shares leave the frame
    return {"x": grid, "contributions": C, "b2": b2, "total": total}


def plot_cost(history, ax=None, iterations=None):
    """Draw the cost J (eq. 1.2) against the iteration, on a log scale.

    Parameters
    ----------
    history : array, shape (k,)
        J at the recorded iterations (what :func:`mlp_lib.gd` returns).
    iterations : array, shape (k,), optional
        The iterations of `history` (default 0, 1, ..., k - 1).

    Returns
    -------
    dict
        ``iterations`` and ``J``, the plotted arrays.
    """
    _, ax = new_axes(ax)
    J = np.asarray(history, dtype=float)
    its = np.arange(len(J)) if iterations is None else np.asarray(iterations)
    ax.semilogy(its, J, color=COLORS["gd"], lw=2, gid="cost")
    ax.set_xlabel("iteration t")
    ax.set_ylabel(r"cost $J(\theta)$")
    return {"iterations": its, "J": J}
