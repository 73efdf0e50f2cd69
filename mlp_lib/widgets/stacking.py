r"""Explorer of the chapter "Stacking neurons": the housing network of eq. (2.3).

The reader sets :math:`\theta_1, \dots, \theta_{12}` and picks one house; the left panel
is Figure 2 with that house's values at every node, the right panel compares
:math:`h_\theta(x)` with the true price over all houses, with the cost J (eq. 1.2).
"""
import numpy as np

from ..data import HOUSE_FEATURES, HOUSE_HIDDEN, HOUSE_THETA, four_feature_houses
from ..losses import mean_squared_cost
from ..plots import COLORS
from ..plots.network import draw_network, layer_values
from ..stacking import HOUSE_MASK, housing_net
from ._common import float_slider, int_slider, interactive_figure, two_axes

#: The slider range of every theta_i.
THETA_RANGE = (-3.0, 3.0)


def _theta_positions():
    """Where theta_1..theta_12 sit in the network: {(k, j, i): n} for W[k][j, i] and
    {(k, j): n} for b[k][j]. Read off housing_net itself, so it can never disagree with it."""
    net = housing_net(np.arange(1.0, 13.0))  # theta_n = n marks its own place
    edges = {(k, j, i): int(net.W[k][j, i]) for k in (1, 2)
             for j, i in zip(*np.nonzero(net.W[k]))}
    biases = {(k, j): int(net.b[k][j]) for k in (1, 2) for j in range(len(net.b[k]))}
    return edges, biases


THETA_EDGES, THETA_BIASES = _theta_positions()


def theta_name(n):
    """The name of theta_n in plain text with Unicode subscripts, "θ₁" to "θ₁₂".

    (Mathtext would cost ~5 ms a label on every redraw, as the numbers beside it change.)
    """
    return "θ" + str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def theta_from_values(values):
    """theta_1..theta_12 as an array of shape (12,), from keywords ``theta1=..., theta12=...``."""
    missing = [f"theta{n}" for n in range(1, 13) if f"theta{n}" not in values]
    if missing:
        raise ValueError(f"update_housing needs theta1..theta12 as keywords, missing {missing}.")
    return np.array([float(values[f"theta{n}"]) for n in range(1, 13)])


def _artists(fig):
    """The explorer's two Axes and the artists of its right panel (h against the true price
    y), made on the figure's first update and kept on the figure: an update then only
    moves points and changes texts, much faster than clearing and drawing anew. The left
    panel's diagram is kept the same way, by :func:`draw_network` itself."""
    ax_net, ax_fit = two_axes(fig, [0.19, 0.04, 0.36, 0.86], [0.70, 0.13, 0.28, 0.75])
    artists = getattr(fig, "_housing_artists", None)
    if artists is None or artists["points"].axes is not ax_fit:  # first update, or Axes made anew
        artists = fig._housing_artists = {
            "points": ax_fit.scatter([], [], s=10, color=COLORS["data"], alpha=0.6,
                                     label="houses"),
            "chosen": ax_fit.scatter([], [], s=70, facecolor="none", edgecolor=COLORS["model"],
                                     lw=2, label="house #", zorder=3),
            "diagonal": ax_fit.plot([], [], color=COLORS["truth"], lw=1, ls="--",
                                    label=r"$h_\theta(x) = y$")[0],
        }
        ax_fit.set_xlabel("true price y ($100k)")
        ax_fit.set_ylabel(r"prediction $h_\theta(x)$")
        ax_fit.set_title(" ", y=1.0)  # y given: not re-placed (by measuring the Axes) at every draw
        artists["legend"] = ax_fit.legend(loc="upper left", fontsize=8)
    return ax_net, ax_fit, artists


def update_housing(fig, house=0, data=None, **theta):
    r"""Draw the housing network for one choice of :math:`\theta_1..\theta_{12}`.

    Parameters
    ----------
    fig : matplotlib Figure
        Redrawn in place (two Axes).
    house : int
        Which house (row of X) to follow through the diagram.
    data : (X, y), optional
        The houses; default :func:`mlp_lib.data.four_feature_houses` ``()``.
    theta1, ..., theta12 : float
        The parameters of eq. (2.3).

    Returns
    -------
    dict
        ``theta`` (12,); for the chosen house ``x`` (4,), ``a`` = (a_1, a_2, a_3), ``h``,
        ``y``; over all houses ``A`` (n, 3) (every a_j), ``h_all`` (n,) (the plotted
        predictions), ``off`` (fraction of houses with a_j = 0) and the cost ``J``.
    """
    t = theta_from_values(theta)
    X, y = four_feature_houses() if data is None else data
    net = housing_net(t)
    A = net.features(X)  # a_1, a_2, a_3 for every house
    h_all = net(X)  # (2.3)
    J = mean_squared_cost(h_all, y)  # (1.2)
    off = (A == 0).mean(axis=0)
    values = layer_values(net, X[house])

    ax_net, ax_fit, artists = _artists(fig)
    draw_network(
        net, ax_net, mask=HOUSE_MASK, values=values, weight_scale=max(map(abs, THETA_RANGE)),
        input_labels=HOUSE_FEATURES, hidden_labels=HOUSE_HIDDEN,
        output_label="price",
        edge_labels={e: f"{theta_name(n)}={t[n - 1]:.1f}" for e, n in THETA_EDGES.items()},
        bias_labels={u: f"bias {theta_name(n)}={t[n - 1]:.1f}" for u, n in THETA_BIASES.items()},
        notes={(1, j): f"off for {100 * off[j]:.0f}%" for j in range(3)},
        title=f"house #{house} (true price {y[house]:.2f}) through the network",
    )
    artists["points"].set_offsets(np.column_stack([y, h_all]))
    artists["chosen"].set_offsets([[y[house], h_all[house]]])
    artists["legend"].get_texts()[1].set_text(f"house #{house}")  # the chosen house's entry
    lo = min(y.min(), h_all.min())
    hi = max(y.max(), h_all.max())
    artists["diagonal"].set_data([lo, hi], [lo, hi])
    margin = 0.05 * (hi - lo)  # as matplotlib's autoscaling would leave
    ax_fit.set_xlim(lo - margin, hi + margin)
    ax_fit.set_ylim(lo - margin, hi + margin)
    ax_fit.title.set_text(f"J(θ) = {J:.4f}")
    return {"theta": t, "x": X[house], "a": values[1], "h": float(values[2][0]), "y": float(y[house]),
            "A": A, "h_all": h_all, "off": off, "J": J}


def _description(n):
    names = {0: "x", 1: "a", 2: "h"}
    for (k, j, i), m in THETA_EDGES.items():
        if m == n:
            source = f"{names[k - 1]}{i + 1}"
            target = "h" if k == 2 else f"a{j + 1}"
            return f"θ{n}: {source} → {target}"
    (k, j), = [u for u, m in THETA_BIASES.items() if m == n]
    return f"θ{n}: bias of {'h' if k == 2 else f'a{j + 1}'}"


def housing_explorer(theta=HOUSE_THETA, house=0, data=None):
    r"""Sliders for :math:`\theta_1, \dots, \theta_{12}` of eq. (2.3) and a house number.

    Starts at `theta` (default: the parameters that generated the data,
    :data:`mlp_lib.data.HOUSE_THETA`). Returns the widget (see
    :func:`mlp_lib.widgets._common.interactive_figure`).
    """
    X, y = four_feature_houses() if data is None else data
    lo, hi = THETA_RANGE
    controls = {f"theta{n}": float_slider(_description(n), float(theta[n - 1]), lo, hi, 0.1, ".1f")
                for n in range(1, 13)}
    controls["house"] = int_slider("house #", house, 0, len(X) - 1)

    def draw(fig, **values):
        update_housing(fig, data=(X, y), **values)

    return interactive_figure(controls, draw, figsize=(11, 5), ncols=2)
