"""Explorer of eq. (2.1): set the weight w, the bias b and the activation of a single neuron
and see its prediction over the houses of Figure 1, its cost J, and where (w, b) sits on
the contours of J. A button fits (w, b) by mini-batch SGD, starting from the sliders.
"""
from functools import partial

import ipywidgets as widgets

from ..data import housing_prices
from ..neuron import SingleNeuron, fit_neuron
from ..plots import neuron as pn
from ..plots._style import COLORS, show_message
from ._common import dropdown, float_slider, interactive_figure

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


def _axes(fig, X, y):
    fig.clear()
    ax_fit, ax_cost = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
    pn.plot_houses(X, y, ax=ax_fit, truth=False)
    top = max(9.0, y.max() * 1.15)
    ax_fit.set_ylim(-0.5 if y.min() >= 0 else y.min() - 0.5, top)
    return ax_fit, ax_cost


def _finish(fig):
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.12, top=0.9, wspace=0.25)  # tight_layout: 3x slower


def update_neuron(fig, w=1.0, b=0.0, activation="relu", *, X=None, y=None, grids=None):
    """Draw the neuron h(x) = sigma(w x + b) over the houses, with its cost J, and the point
    (w, b) on the contours of J(w, b) for that activation.

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
    ax_fit, ax_cost = _axes(fig, X, y)
    drawn = pn.plot_neuron(neuron, ax_fit, label=rf"$h_\theta(x)$, $J$ = {J:.3f}")
    ax_fit.legend(loc="upper left", fontsize=9)
    ax_fit.set_title(rf"{activation}$(w x + b)$ with $w$ = {w:.2f}, $b$ = {b:.2f}:  $J$ = {J:.3f}", fontsize=10)
    pn.plot_neuron_landscape(grids[activation], ax_cost)
    ax_cost.plot([w], [b], "o", color=COLORS["model"], mec="k", ms=9)
    ax_cost.set_title(rf"$J(w, b)$ for {activation}; the dot is $(w, b)$", fontsize=10)
    _finish(fig)
    return dict(drawn, J=J, w=w, b=b)


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
    ax_fit, ax_cost = _axes(fig, X, y)
    before = pn.plot_neuron(start, ax_fit, color="0.4", style="--", label=rf"start, $J$ = {history[0]:.3f}")
    after = pn.plot_neuron(fitted, ax_fit, label=rf"after SGD, $J$ = {history[-1]:.3f}")
    ax_fit.legend(loc="upper left", fontsize=9)
    w_fit, b_fit = float(fitted.w[0]), float(fitted.b)
    ax_fit.set_title(rf"{len(history) - 1} steps of mini-batch SGD ($B$ = {B}, $\alpha$ = {lr:g}): "
                     rf"$w$ = {w_fit:.3f}, $b$ = {b_fit:.3f}", fontsize=10)
    pn.plot_neuron_landscape(grids[activation], ax_cost)
    ax_cost.plot(path[:, 0], path[:, 1], "-", color=COLORS["model"], lw=1.2)
    ax_cost.plot([w], [b], "o", mfc="white", mec=COLORS["model"], mew=2, ms=9)
    ax_cost.plot([w_fit], [b_fit], "o", color=COLORS["model"], mec="k", ms=9)
    ax_cost.set_title(r"the path of $(w, b)$ over $J(w, b)$", fontsize=10)
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
    if message is not None:
        show_message(ax_fit, message)
    _finish(fig)
    return {"x": before["x"], "h_start": before["h"], "h_fit": after["h"], "J_start": float(history[0]),
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
