r"""Explorer of the multi-layer chapter (eqs. 2.12-2.13): depth r and width m.

Every hidden layer gets the same width m, so ``sizes = [1, m, ..., m, 1]`` with r - 1
hidden layers. The explorer shows the shape of every :math:`W^{[k]}, b^{[k]}, a^{[k]}`,
the parameter count three ways, and the network trained by gradient descent (eq. 1.3)
on :func:`mlp_lib.data.smooth_curve`. Fits are cached, so going back to a setting is
instant.
"""
from ..data import smooth_curve
from ..errors import TrainingDiverged
from ..model import MLP
from ..optimizers import gd
from ..plots._style import show_message
from ..plots.depth import plot_fit, plot_shape_table
from ._common import int_slider, interactive_figure, log_slider

#: The training set of the explorer: 80 noisy samples of sin(3x) on [-1, 1].
DATA = smooth_curve(n=80, noise=0.1, seed=0)
#: Gradient-descent steps per fit: few enough that an uncached fit takes well under 0.1 s.
N_ITER = 500
SEED = 0

_FITS = {}


def depth_sizes(r, width, d=1):
    """``[d, width, ..., width, 1]`` with r - 1 hidden layers (r weight matrices)."""
    return [d] + [int(width)] * (int(r) - 1) + [1]


def train_depth(r, width, lr, n_iter=N_ITER, seed=SEED):
    """Train a fresh ReLU net of depth r and width m on DATA by GD; no cache.

    Returns
    -------
    (MLP, history)
        The trained net and J at iterations 0 and n_iter.

    Raises
    ------
    TrainingDiverged
        When the learning rate makes J non-finite.
    """
    X, y = DATA
    net = MLP(depth_sizes(r, width), "relu", seed=seed)
    history = gd(net, X, y, lr, n_iter, record_every=n_iter)
    return net, history


def cached_fit(r, width, lr, n_iter=N_ITER, seed=SEED):
    """:func:`train_depth`, remembered: returns ``(net, history, error)``, where error is
    the TrainingDiverged raised (then net is the last finite one) or None."""
    key = (int(r), int(width), float(f"{lr:.6g}"), int(n_iter), seed)
    if key not in _FITS:
        try:
            net, history = train_depth(r, width, lr, n_iter, seed)
            _FITS[key] = (net, history, None)
        except TrainingDiverged as err:
            _FITS[key] = (None, err.history, err)
    return _FITS[key]


def update_depth(fig, r=3, width=16, lr=0.1):
    """Draw the shape table (left) and the fit (right) for depth r, width m and learning rate lr.

    Returns
    -------
    dict
        ``sizes``; ``rows`` and ``counts`` (the table, see
        :func:`mlp_lib.plots.depth.plot_shape_table`); ``x``, ``h`` (the fit on a grid,
        h None when training diverged); ``J`` (final cost or None); ``history``;
        ``message`` (the text shown on the plot, or None).
    """
    fig.clf()
    # fixed margins: tight_layout would cost more than the rest of the update
    ax_table, ax_fit = fig.subplots(1, 2, gridspec_kw={
        "width_ratios": [1.1, 1], "left": 0.01, "right": 0.98, "bottom": 0.12,
        "top": 0.92, "wspace": 0.12})
    sizes = depth_sizes(r, width)
    X, y = DATA
    net, history, error = cached_fit(r, width, lr)
    table = plot_shape_table(net if net is not None else MLP(sizes, "relu", seed=SEED), X, ax_table)
    message, J = None, None
    if error is not None:
        fit = plot_fit(X, y, None, ax_fit, title=f"lr = {lr:.3g}: training diverged")
        message = (f"Training diverged at iteration {error.iteration}\n"
                   f"with lr = {lr:.3g}. Try a smaller learning rate.")
    else:
        J = float(history[-1])
        fit = plot_fit(X, y, net, ax_fit, title=f"J = {J:.4g} after {N_ITER} GD steps, lr = {lr:.3g}")
        if J > history[0]:
            message = (f"J grew from {history[0]:.3g} to {J:.3g}:\n"
                       f"lr = {lr:.3g} is too large. Try a smaller one.")
    if message:
        show_message(ax_fit, message)
    return {"sizes": sizes, "rows": table["rows"], "counts": table["counts"], "x": fit["x"],
            "h": fit["h"], "J": J, "history": history, "message": message}


def depth_explorer(r=3, width=16, lr=0.1):
    """Sliders for the depth r (2-6), the width m of every hidden layer (1-32) and the
    learning rate; shows the shapes, the parameter counts and the fit."""
    controls = {
        "r": int_slider("depth r (layers)", r, 2, 6),
        "width": int_slider("width m (each hidden layer)", width, 1, 32),
        "lr": log_slider("learning rate", lr, -2, 0.5, step=0.25),
    }
    return interactive_figure(controls, update_depth, figsize=(11, 4.3))
