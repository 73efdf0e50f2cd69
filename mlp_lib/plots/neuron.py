r"""Figures of chapter 2, a single neuron (eqs. 2.1-2.2); the model is :class:`mlp_lib.SingleNeuron`."""
import numpy as np
from matplotlib.colors import LogNorm

from ..activations import get_activation
from ..data import HOUSE_KINK, housing_price_truth
from ._style import COLORS, new_axes

#: The axes of the figures of this chapter.
SIZE_LABEL = "size (1000 sq ft)"
PRICE_LABEL = "price ($100k)"
#: The (w, b) plane drawn by :func:`plot_neuron_landscape`: w in W_RANGE, b in B_RANGE.
W_RANGE = (-1.0, 4.0)
B_RANGE = (-6.0, 3.0)


# ------------------------------------------------------------------------- figures
def plot_houses(X, y, ax=None, truth=True):
    """Figure 1 of the notes: the houses (size, price) and, if `truth`, the noiseless price
    with its kink (:func:`mlp_lib.data.housing_price_truth`).

    Returns ``size``, ``price`` (the points) and, with `truth`, ``truth_x``, ``truth_y``.
    """
    fig, ax = new_axes(ax)
    size = np.asarray(X, dtype=float).reshape(len(y))
    ax.scatter(size, y, s=22, color=COLORS["data"], alpha=0.8, label="houses", zorder=3)
    drawn = {"size": size, "price": np.asarray(y)}
    if truth:
        tx = np.linspace(0, max(5.0, size.max()), 201)
        ty = housing_price_truth(tx)
        ax.plot(tx, ty, "--", color=COLORS["truth"], lw=1.5, label="noiseless price", zorder=2)
        ax.annotate(f"kink at {HOUSE_KINK:g}", xy=(HOUSE_KINK, 0), xytext=(0.25, 1.8),
                    arrowprops=dict(arrowstyle="->", color="0.3"), fontsize=9, color="0.3")
        drawn.update(truth_x=tx, truth_y=ty)
    ax.set(xlabel=SIZE_LABEL, ylabel=PRICE_LABEL, xlim=(0, 5.2))
    ax.legend(loc="upper left", fontsize=9)
    return drawn


def plot_neuron(model, ax, color=COLORS["model"], label=None, style="-", x_max=5.2):
    """Draw h(x) of a one-input SingleNeuron over [0, x_max].

    Returns ``x`` and ``h``, and ``line``, the Line2D drawn (an explorer updates its data).
    """
    x = np.linspace(0, x_max, 261)
    h = model(x)
    line, = ax.plot(x, h, style, color=color, lw=2, label=label, zorder=4)
    return {"x": x, "h": h, "line": line}


def neuron_cost_grid(X, y, activation, num=81, w_range=W_RANGE, b_range=B_RANGE):
    r"""J(w, b) of eq. (1.2) for a one-input neuron on a num x num grid (vectorized).

    Returns ``w`` and ``b`` (the grid's axes), ``J`` with ``J[i, k]`` at (w[k], b[i]), and
    ``dead``, True where :math:`w x + b \le 0` for every example: there a ReLU neuron outputs 0
    for all the data, J is flat and its gradient is exactly 0; ``dead_edge``, the largest such b
    for each w (both None for other activations).
    """
    sigma, _ = get_activation(activation)
    x = np.asarray(X, dtype=float).reshape(-1)
    w = np.linspace(*w_range, num)
    b = np.linspace(*b_range, num)
    H = sigma(x[:, None, None] * w[None, None, :] + b[None, :, None])  # (n, num, num), (2.1)
    J = 0.5 * np.mean((H - np.asarray(y)[:, None, None]) ** 2, axis=0)  # (1.1) then (1.2)
    dead = dead_edge = None
    if activation == "relu":
        dead_edge = -np.max(np.outer(w, x), axis=1)  # w x + b <= 0 for all x  <=>  b <= -max_i w x_i
        dead = b[:, None] <= dead_edge[None, :]
    return {"w": w, "b": b, "J": J, "dead": dead, "dead_edge": dead_edge}


def plot_neuron_landscape(grid, ax):
    """Contours of J(w, b) (log-spaced levels), and for a ReLU the dead region hatched.

    Returns the grid, plus ``artists``: the list of what was drawn (an explorer draws the
    landscape of every activation once and shows only the selected one).
    """
    J = grid["J"]
    levels = np.geomspace(max(J.min(), 1e-2), J.max(), 14)
    artists = [
        ax.contourf(grid["w"], grid["b"], np.maximum(J, levels[0]), levels=levels, cmap="Blues_r", alpha=0.35,
                    norm=LogNorm(vmin=levels[0], vmax=levels[-1])),
        ax.contour(grid["w"], grid["b"], J, levels=levels, colors="0.45", linewidths=0.6),
    ]
    if grid.get("dead_edge") is not None:
        edge = np.minimum(grid["dead_edge"], grid["b"][-1])
        artists += [
            ax.fill_between(grid["w"], grid["b"][0], edge, facecolor="none", edgecolor=COLORS["warning"],
                            hatch="///", lw=0, alpha=0.6),
            *ax.plot(grid["w"], edge, color=COLORS["warning"], lw=1.2),
            ax.text(grid["w"][0] + 0.1, grid["b"][0] + 0.25, "dead: ReLU = 0 on every\nexample, gradient 0",
                    fontsize=8, color=COLORS["warning"], va="bottom",
                    bbox=dict(facecolor="white", edgecolor="none", alpha=0.85)),
        ]
    ax.set(xlabel="weight $w$", ylabel="bias $b$", xlim=(grid["w"][0], grid["w"][-1]),
           ylim=(grid["b"][0], grid["b"][-1]))
    return dict(grid, artists=artists)


def plot_neuron_plane(model, X2, y, ax=None, labels=("size (1000 sq ft)", "bedrooms")):
    r"""A two-input neuron (eq. 2.2, d = 2): h over the plane of the two inputs as a
    colour map, the kink line :math:`w^\top x + b = 0` dashed, and the houses coloured by price.

    Returns ``x1``, ``x2`` (the grid's axes), ``h`` (shape (len(x2), len(x1))) and ``kink``
    (two points of the kink line, or None when it misses the plotted region).
    """
    fig, ax = new_axes(ax, figsize=(6, 4.5))
    X2 = np.asarray(X2, dtype=float)
    lo, hi = X2.min(axis=0), X2.max(axis=0)
    pad = 0.08 * (hi - lo)
    x1 = np.linspace(lo[0] - pad[0], hi[0] + pad[0], 121)
    x2 = np.linspace(lo[1] - pad[1], hi[1] + pad[1], 121)
    G1, G2 = np.meshgrid(x1, x2)
    h = model(np.column_stack([G1.ravel(), G2.ravel()])).reshape(G1.shape)
    vmax = max(h.max(), np.max(y))
    mesh = ax.pcolormesh(x1, x2, h, cmap="viridis", vmin=0, vmax=vmax, shading="auto")
    jitter = np.random.default_rng(0).uniform(-0.12, 0.12, len(X2))  # bedrooms are integers
    ax.scatter(X2[:, 0], X2[:, 1] + jitter, c=y, cmap="viridis", vmin=0, vmax=vmax, s=18,
               edgecolors="white", linewidths=0.6)
    w1, w2 = model.w
    kink = None
    if w2 != 0:
        k2 = -(w1 * x1[[0, -1]] + float(model.b)) / w2
        if max(k2.min(), x2[0]) < min(k2.max(), x2[-1]):  # the line crosses the plotted region
            kink = np.column_stack([x1[[0, -1]], k2])
    if kink is not None:
        ax.plot(kink[:, 0], kink[:, 1], "--", color="white", lw=1.8, label=r"kink: $w^\top x + b = 0$")
        ax.legend(loc="upper left", fontsize=8)
    else:
        ax.text(0.03, 0.97, r"kink $w^\top x + b = 0$: outside this region", transform=ax.transAxes,
                va="top", fontsize=8, bbox=dict(facecolor="white", edgecolor="none", alpha=0.85))
    ax.set(xlim=(x1[0], x1[-1]), ylim=(x2[0], x2[-1]), xlabel=labels[0], ylabel=labels[1])
    fig.colorbar(mesh, ax=ax, label=r"$h_\theta(x)$ and $y$, price (\$100k)")
    return {"x1": x1, "x2": x2, "h": h, "kink": kink}
