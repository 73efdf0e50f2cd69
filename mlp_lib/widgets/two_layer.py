r"""Explorer of the chapter "Two-layer fully-connected neural networks".

The reader picks the number of hidden units m, the activation and the learning rate;
a [1, m, 1] network is trained by gradient descent on :func:`mlp_lib.data.smooth_curve`,
and the plot shows each unit's share :math:`w^{[2]}_j a_j(x)`, their sum plus
:math:`b^{[2]}` (which is :math:`h_\theta(x)`, eq. 2.6) and the cost J along the way.
"""
from textwrap import fill

from ..activations import ACTIVATIONS
from ..data import smooth_curve
from ..plots.two_layer import plot_contributions, plot_cost, plot_divergence
from ..training import train_mlp
from ._common import dropdown, int_slider, interactive_figure, log_slider, two_axes

#: Training stops as diverged once J exceeds this multiple of its starting value.
#: (The optimizers raise TrainingDiverged only when J overflows to inf; a ReLU network
#: whose units have all died leaves GD on b^[2] alone, where J grows like (1 - lr)^(2t)
#: and can stay finite, near 1e300, for the whole run.)
BLOWUP = 1e4


def train(m, activation, lr, n_iter=500, seed=0, data=None):
    """Train a [1, m, 1] network by GD (eq. 1.3) on `data` (default smooth_curve()), by
    :func:`mlp_lib.train_mlp` (which remembers it: coming back to a setting is instant).

    Returns
    -------
    dict
        As :func:`mlp_lib.train`: ``model`` (a copy; its last finite parameters if training
        diverged), ``history`` (J before the first update and after every update, up to
        the one that stopped training), ``error`` (the TrainingDiverged, raised when J
        overflowed or passed BLOWUP times its start, or None), ...
    """
    X, y = smooth_curve() if data is None else data
    return train_mlp([1, m, 1], X, y, activation, seed, lr=lr, n_iter=n_iter, max_growth=BLOWUP)


def _title(ax, text):
    """Write an Axes' title; its y is given, so matplotlib need not measure the Axes at
    every draw to place it (the place is the same: just above the Axes)."""
    ax.set_title(text, fontsize=10, y=1.0)


def update_two_layer(fig, m=10, activation="relu", lr=0.3, n_iter=500, seed=0, data=None):
    r"""Train a [1, m, 1] network and draw its hidden units' shares and its cost.

    Parameters
    ----------
    fig : matplotlib Figure
        Redrawn in place (two Axes).
    m : int
        Number of hidden units.
    activation : {"relu", "sigmoid", "tanh", "identity"}
    lr : float
        The learning rate alpha of GD.
    n_iter : int
        Number of GD updates.
    seed : int
        Seed of the initial parameters.
    data : (X, y), optional
        Default :func:`mlp_lib.data.smooth_curve` ``()``.

    Returns
    -------
    dict
        ``net``, ``history`` (J per iteration), ``diverged_at`` (None or the iteration),
        ``message`` (the text shown on the plot, or None), ``dead`` (units that are 0 on
        every training x), and, when training went through, what
        :func:`mlp_lib.plots.two_layer.plot_contributions` drew: ``x``,
        ``contributions``, ``b2``, ``total``.
    """
    X, y = smooth_curve() if data is None else data
    run = train(m, activation, lr, n_iter, seed, (X, y))
    net, history, error = run["model"], list(run["history"]), run["error"]
    diverged_at = None if error is None else error.iteration
    ax_fit, ax_cost = two_axes(fig, [0.06, 0.13, 0.54, 0.77], [0.70, 0.13, 0.28, 0.77])
    out = {"net": net, "history": history, "diverged_at": diverged_at, "message": None}
    plot_cost(history, ax_cost)
    if error is not None:
        out["message"] = fill(str(error), 70)
        plot_divergence(X, y, out["message"], ax_fit)
        _title(ax_cost, f"J after {len(history) - 1} of {n_iter} GD steps")
        _title(ax_fit, f"m = {m}, σ = {activation}, α = {lr:.3g}")
        return out
    drawn = plot_contributions(net, X, y, ax_fit)
    out.update(drawn)
    out["dead"] = int((net.features(X) == 0).all(axis=0).sum())
    dead = f"; {out['dead']} of {m} units are 0 on every x" if out["dead"] else ""
    _title(ax_fit, f"m = {m}, σ = {activation}, α = {lr:.3g}{dead}")
    _title(ax_cost, f"J = {history[-1]:.4f} after {n_iter} GD steps")
    return out


def two_layer_explorer(m=10, activation="relu", lr=0.3, n_iter=500, seed=0, data=None):
    """Controls for the number of hidden units m, the activation and the learning rate
    (log scale, 0.001 to 3), wired to :func:`update_two_layer`. Returns the widget."""
    data = smooth_curve() if data is None else data
    controls = {
        "m": int_slider("hidden units m", m, 1, 20),
        "activation": dropdown("activation σ", list(ACTIVATIONS), activation),
        "lr": log_slider("learning rate α", lr, -3, 0.5),
    }

    def draw(fig, **values):
        update_two_layer(fig, n_iter=n_iter, seed=seed, data=data, **values)

    return interactive_figure(controls, draw, figsize=(11, 4.2), ncols=2)
