r"""Figures of the chapter "Two-layer fully-connected neural networks".

For one input (d = 1), eq. (2.6) says the output is a weighted sum of the hidden units,

.. math:: h_\theta(x) = \sum_{j=1}^m w^{[2]}_j a_j(x) + b^{[2]},

so the curve a two-layer network draws is the sum of m simpler curves
:math:`w^{[2]}_j a_j(x)` (for ReLU, m hinges) plus a constant. These functions draw
those pieces and their sum.
"""
import matplotlib.pyplot as plt
import numpy as np

from ._style import COLORS, new_axes, show_message


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


def _fit_artists(ax):
    """The artists of the fit panel on `ax`: the data, the units' shares, b^[2], their sum,
    the legend and a message (empty unless training diverged). Made on the first drawing
    on this Axes and kept on it, so that drawing again only updates them (much faster than
    making them anew, which matters in the chapter's explorer)."""
    artists = getattr(ax, "_two_layer_artists", None)
    if artists is None or artists["total"].axes is not ax:  # first drawing, or ax was cleared
        data = ax.scatter(np.empty(0), np.empty(0), s=12, color=COLORS["data"], alpha=0.6,
                          label="data", zorder=1)
        first = _share_line(ax, 0)
        bias = ax.axhline(0, color="#777777", lw=1, ls=":", label=r"$b^{[2]}$", gid="bias",
                          zorder=2.5)  # over the shares (zorder 2), under their sum
        total, = ax.plot([], [], color=COLORS["model"], lw=3, gid="total", zorder=3,
                         label=r"sum $+\ b^{[2]} = h_\theta(x)$")
        artists = ax._two_layer_artists = {
            "data": data, "shares": [first], "bias": bias, "total": total,
            "legend": ax.legend(handles=[data, first, bias, total], loc="upper left", fontsize=8),
            "message": show_message(ax, ""),
        }
        ax.set_xlabel("x")
    return artists


def _share_colors(m):
    """The colours of the m units' curves (the first unit's is the same for every m)."""
    return plt.get_cmap("viridis")(np.linspace(0.05, 0.85, m))


def _share_line(ax, j):
    """A (still empty) curve for the share w^[2]_j a_j(x) of unit j (from 0); the first
    one is the legend's example of them all."""
    return ax.plot([], [], lw=1.2, alpha=0.85, gid="contribution", color=_share_colors(1)[0],
                   label=r"$w^{[2]}_j a_j(x)$, one per unit" if j == 0 else None)[0]


def _show_data(ax, artists, X, y, grid=(), total=()):
    """Put the data on the fit panel and frame them with the sum `total` drawn over `grid`:
    x as autoscaling would (5% margins), y with room for the shares around the fit."""
    artists["data"].set_offsets(np.column_stack([X[:, 0], y]))
    xs = np.concatenate([X[:, 0], grid])
    lo, hi = xs.min(), xs.max()
    ax.set_xlim(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
    ys = np.concatenate([np.asarray(y, dtype=float), total])
    lo, hi = ys.min(), ys.max()
    pad = 0.6 * (hi - lo) + 1e-9
    ax.set_ylim(lo - pad, hi + pad)  # the fit in view; very large shares leave the frame


def plot_contributions(net, X, y, ax=None, grid=None):
    r"""Draw the data, every :math:`w^{[2]}_j a_j(x)`, :math:`b^{[2]}` and their sum :math:`h_\theta(x)`.

    Drawing again on the same Axes (another network, another m) updates the curves drawn
    there before, instead of adding new ones.

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
    m = C.shape[1]
    colors = _share_colors(m)
    artists = _fit_artists(ax)
    shares = artists["shares"]
    for line in shares[m:]:  # one curve per unit: drop the extra ones, add missing ones
        line.remove()
    del shares[m:]
    shares += [_share_line(ax, j) for j in range(len(shares), m)]
    for j, line in enumerate(shares):
        line.set_data(grid, C[:, j])
        line.set_color(colors[j])
    artists["bias"].set_ydata([b2, b2])
    artists["total"].set_data(grid, total)
    for name in ("bias", "total", "legend"):
        artists[name].set_visible(True)
    artists["message"].set_text("")
    _show_data(ax, artists, X, y, grid, total)
    return {"x": grid, "contributions": C, "b2": b2, "total": total}


def plot_divergence(X, y, message, ax=None):
    """Draw the data alone, with `message` across the middle: the fit panel of a network whose
    training diverged (it has no curves worth drawing). Hides the curves a previous
    :func:`plot_contributions` drew on `ax`.

    Returns
    -------
    matplotlib Text
        The message.
    """
    _, ax = new_axes(ax)
    X = np.asarray(X, dtype=float).reshape(len(y), -1)
    artists = _fit_artists(ax)
    for line in artists["shares"]:
        line.remove()
    artists["shares"].clear()
    for name in ("bias", "total", "legend"):
        artists[name].set_visible(False)
    artists["message"].set_text(message)
    _show_data(ax, artists, X, y)
    return artists["message"]


def plot_cost(history, ax=None, iterations=None):
    """Draw the cost J (eq. 1.2) against the iteration, on a log scale.

    Drawing again on the same Axes replaces the curve drawn there before (the line is
    kept and given the new numbers, which is faster than drawing a new one).

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
    line = getattr(ax, "_cost_line", None)
    if line is None or line.axes is not ax:  # first drawing on ax, or ax was cleared
        line, = ax.semilogy([], [], color=COLORS["gd"], lw=2, gid="cost")
        ax._cost_line = line
        ax.set_xlabel("iteration t")
        ax.set_ylabel(r"cost $J(\theta)$")
    line.set_data(its, J)
    ax.relim()  # the limits follow the new curve
    ax.autoscale_view()
    return {"iterations": its, "J": J}
