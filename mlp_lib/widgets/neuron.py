"""Explorer of eq. (2.1): set the weight w, the bias b and the activation of a single neuron
and see its prediction over the houses of Figure 1, its cost J, and where (w, b) sits on
the contours of J. A button fits (w, b) by mini-batch SGD, starting from the sliders.
"""
from functools import partial

import ipywidgets as widgets
import numpy as np
from matplotlib.legend import Legend

from ..data import housing_prices
from ..neuron import SingleNeuron, fit_neuron
from ..plots import neuron as pn
from ..plots._style import COLORS, show_message
from ._common import dropdown, float_slider, interactive_figure, two_axes

ACTIVATION_OPTIONS = [("ReLU (2.1)", "relu"), ("sigmoid", "sigmoid"), ("tanh", "tanh"),
                      ("identity (linear)", "identity")]


class _Grids(dict):
    """J(w, b) contours per activation, computed on first use (the data never change)."""

    def __init__(self, X, y):
        super().__init__()
        self.X, self.y = X, y

    def __missing__(self, activation):
        self[activation] = pn.neuron_cost_grid(self.X, self.y, activation)
        return self[activation]


#: Where the two Axes sit ([x0, y0, width, height] of the figure): room for titles and labels.
_FIT_POSITION = [0.07, 0.12, 0.45, 0.78]
_COST_POSITION = [0.62, 0.12, 0.36, 0.78]


def _artists(fig, X, y, grids):
    """The explorer's Axes and artists on this figure, made on its first update (kept on the figure).

    An update only changes data, texts and what is visible: making Axes and artists anew
    at every update costs more than drawing them. The contours of J for every activation
    are drawn here once; an update shows the selected one.
    """
    artists = getattr(fig, "_neuron_artists", None)
    if (artists is not None and artists["ax_fit"] in fig.axes
            and np.array_equal(artists["X"], X) and np.array_equal(artists["y"], y)):
        return artists
    fig.clear()
    ax_fit, ax_cost = two_axes(fig, _FIT_POSITION, _COST_POSITION)
    pn.plot_houses(X, y, ax=ax_fit, truth=False)
    (houses,), _ = ax_fit.get_legend_handles_labels()  # the houses' scatter, for the legends below
    ax_fit.get_legend().remove()  # replaced by two legends: one per kind of update
    ax_fit.set_ylim(-0.5 if y.min() >= 0 else y.min() - 0.5, max(9.0, y.max() * 1.15))
    ax_fit.set_title(" ", fontsize=10, y=1.0)  # y=1.0: a fixed place, not recomputed at every draw
    # The lines start as the neuron w = 1, b = 0; every update sets their data.
    drawn = pn.plot_neuron(SingleNeuron(1.0, 0.0), ax_fit)  # the neuron, or the fitted one
    start = pn.plot_neuron(SingleNeuron(1.0, 0.0), ax_fit, color="0.4", style="--")["line"]  # before SGD
    start.set_zorder(drawn["line"].get_zorder() - 0.1)  # under the fitted neuron
    style = dict(loc="upper left", fontsize=9)
    legends = {"neuron": Legend(ax_fit, [houses, drawn["line"]], ["houses", " "], **style),
               "fit": Legend(ax_fit, [houses, start, drawn["line"]], ["houses", " ", " "], **style)}
    for legend in legends.values():
        ax_fit.add_artist(legend)
    message = show_message(ax_fit, "")
    landscapes = {name: pn.plot_neuron_landscape(grids[name], ax_cost)["artists"]
                  for _, name in ACTIVATION_OPTIONS}
    ax_cost.set_title(" ", fontsize=10, y=1.0)
    path, = ax_cost.plot([], [], "-", color=COLORS["model"], lw=1.2)  # of SGD
    ring, = ax_cost.plot([], [], "o", mfc="white", mec=COLORS["model"], mew=2, ms=9)  # its start
    dot, = ax_cost.plot([], [], "o", color=COLORS["model"], mec="k", ms=9)  # (w, b), or where SGD ends
    artists = fig._neuron_artists = dict(
        X=X, y=y, ax_fit=ax_fit, ax_cost=ax_cost, x=drawn["x"], curve=drawn["line"], start=start,
        legends=legends, message=message, landscapes=landscapes, path=path, ring=ring, dot=dot)
    return artists


def _show(artists, mode, activation, message=None):
    """Show what belongs to `mode` ("neuron": the sliders' neuron, or "fit": the SGD run) and
    to `activation`, hide the rest; write `message` across the left Axes (None: no message)."""
    fit = mode == "fit"
    for artist in (artists["start"], artists["path"], artists["ring"]):
        artist.set_visible(fit)
    for name, legend in artists["legends"].items():
        legend.set_visible(name == mode)
    for name, drawn in artists["landscapes"].items():
        for artist in drawn:
            artist.set_visible(name == activation)
    artists["message"].set_text(message or "")
    artists["message"].set_visible(message is not None)


def update_neuron(fig, w=1.0, b=0.0, activation="relu", *, X=None, y=None, grids=None):
    """Draw the neuron h(x) = sigma(w x + b) over the houses, with its cost J, and the point
    (w, b) on the contours of J(w, b) for that activation.

    The Axes and artists are made by the first call on `fig` (or by :func:`fit_neuron_by_sgd`,
    which shares them); later calls only set their data and texts.

    Returns
    -------
    dict
        ``x`` and ``h`` (the curve drawn), ``J`` (the cost shown, eq. 1.2 on the houses),
        ``w``, ``b``.
    """
    if X is None or y is None:
        X, y = housing_prices()
    grids = _Grids(X, y) if grids is None else grids
    neuron = SingleNeuron(w, b, activation)
    J = neuron.cost(X, y)  # (1.2)
    a = _artists(fig, X, y, grids)
    x = a["x"]
    h = neuron(x)  # (2.1)
    a["curve"].set_ydata(h)
    a["legends"]["neuron"].texts[1].set_text(rf"$h_\theta(x)$, $J$ = {J:.3f}")
    a["ax_fit"].set_title(rf"{activation}$(w x + b)$ with $w$ = {w:.2f}, $b$ = {b:.2f}:  $J$ = {J:.3f}",
                          fontsize=10)
    a["dot"].set_data([w], [b])
    a["ax_cost"].set_title(rf"$J(w, b)$ for {activation}; the dot is $(w, b)$", fontsize=10)
    _show(a, "neuron", activation)
    return {"x": x, "h": h, "J": J, "w": w, "b": b}


def fit_neuron_by_sgd(fig, w=1.0, b=0.0, activation="relu", *, X=None, y=None, grids=None,
                      lr=0.08, B=10, n_iter=500, seed=0):
    """Fit (w, b) by mini-batch SGD (Algorithm 2) from the given (w, b); draw the neuron
    before (dashed) and after (solid), and the path of (w, b) on the contours of J.

    Returns
    -------
    dict
        ``x``, ``h_start``, ``h_fit`` (the curves drawn), ``J_start``, ``J_fit``,
        ``w_fit``, ``b_fit``, ``history`` (J at every iteration), ``path`` (shape (T + 1, 2)),
        ``diverged``, ``dead`` (the gradient at the start is exactly 0), ``died`` (it was
        not, but is after training) and ``message`` (the text shown on the plot, or None).
    """
    if X is None or y is None:
        X, y = housing_prices()
    grids = _Grids(X, y) if grids is None else grids
    start = SingleNeuron(w, b, activation)
    run = fit_neuron(w, b, activation, X, y, lr=lr, B=B, n_iter=n_iter, seed=seed)
    fitted, path, history = run["model"], run["path"], run["history"]
    w_fit, b_fit = float(fitted.w[0]), float(fitted.b)
    a = _artists(fig, X, y, grids)
    x = a["x"]
    h_start, h_fit = start(x), fitted(x)  # (2.1)
    a["start"].set_ydata(h_start)
    a["curve"].set_ydata(h_fit)
    texts = a["legends"]["fit"].texts
    texts[1].set_text(rf"start, $J$ = {history[0]:.3f}")
    texts[2].set_text(rf"after SGD, $J$ = {history[-1]:.3f}")
    a["ax_fit"].set_title(rf"{len(history) - 1} steps of mini-batch SGD ($B$ = {B}, $\alpha$ = {lr:g}): "
                          rf"$w$ = {w_fit:.3f}, $b$ = {b_fit:.3f}", fontsize=10)
    a["path"].set_data(path[:, 0], path[:, 1])
    a["ring"].set_data([w], [b])
    a["dot"].set_data([w_fit], [b_fit])
    a["ax_cost"].set_title(r"the path of $(w, b)$ over $J(w, b)$", fontsize=10)
    dead = _zero_gradient(start, X, y)
    died = not dead and run["error"] is None and _zero_gradient(fitted, X, y)
    message = None
    if run["error"] is not None:
        err = run["error"]
        message = (f"Training diverged at iteration {err.iteration}\n"
                   f"(learning rate {err.lr:g}): showing the last\nfinite (w, b). Start closer to the data.")
    elif dead:
        message = ("SGD left (w, b) where it started: the neuron\noutputs 0 for every house, "
                   "so the gradient\nof J is exactly 0 (a \"dead\" ReLU).")
    elif died:
        message = ("A step threw (w, b) where the neuron outputs 0\nfor every house; the gradient "
                   "is 0 there,\nso training stopped (the ReLU \"died\").")
    _show(a, "fit", activation, message)
    return {"x": x, "h_start": h_start, "h_fit": h_fit, "J_start": float(history[0]),
            "J_fit": float(history[-1]), "w_fit": w_fit, "b_fit": b_fit, "history": history,
            "path": path, "diverged": run["error"] is not None, "dead": dead, "died": died,
            "message": message}


def _zero_gradient(neuron, X, y):
    """True when dJ/dw and dJ/db are exactly 0 (a ReLU that outputs 0 on every example)."""
    grad_w, grad_b = neuron.gradients(X, y)
    return not grad_w.any() and grad_b == 0


def neuron_explorer(X=None, y=None):
    """Sliders for w and b, a choice of activation, and a button "fit w, b by SGD".

    The sliders set the neuron drawn, and the starting point of the fit. Returns the widget
    (see :func:`mlp_lib.widgets._common.interactive_figure`).
    """
    if X is None or y is None:
        X, y = housing_prices()
    grids = _Grids(X, y)
    controls = {
        "w": float_slider("weight w", 1.0, pn.W_RANGE[0], pn.W_RANGE[1], 0.05),
        "b": float_slider("bias b", 0.0, pn.B_RANGE[0], pn.B_RANGE[1], 0.05),
        "activation": dropdown("activation σ", ACTIVATION_OPTIONS, "relu"),
    }
    button = widgets.Button(description="fit w, b by SGD")
    draw = partial(update_neuron, X=X, y=y, grids=grids)
    fit = partial(fit_neuron_by_sgd, X=X, y=y, grids=grids)
    return interactive_figure(controls, draw, figsize=(9.5, 4), ncols=2, buttons=[(button, fit)])
