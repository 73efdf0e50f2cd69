r"""Explorer of the multi-layer chapter (eqs. 2.12-2.13): depth r and width m.

Every hidden layer gets the same width m, so ``sizes = [1, m, ..., m, 1]`` with r - 1
hidden layers. The explorer shows the shape of every :math:`W^{[k]}, b^{[k]}, a^{[k]}`,
the parameter count three ways, and the network trained by gradient descent (eq. 1.3)
on :func:`mlp_lib.data.smooth_curve` by :func:`mlp_lib.train_mlp`, which remembers its
fits, so going back to a setting is instant.
"""
from textwrap import fill

from ..data import smooth_curve
from ..plots._style import show_message
from ..plots.depth import fit_artists, shape_table_artists, show_fit, show_shape_table
from ..training import train_mlp
from ._common import int_slider, interactive_figure, log_slider

#: The training set of the explorer: 80 noisy samples of sin(3x) on [-1, 1].
DATA = smooth_curve(n=80, noise=0.1, seed=0)
#: Gradient-descent steps per fit: few enough that a fit not yet remembered takes well under 0.1 s.
N_ITER = 500
SEED = 0


def depth_sizes(r, width, d=1):
    """``[d, width, ..., width, 1]`` with r - 1 hidden layers (r weight matrices)."""
    return [d] + [int(width)] * (int(r) - 1) + [1]


def cached_fit(r, width, lr, n_iter=N_ITER, seed=SEED):
    """The explorer's training, by :func:`mlp_lib.train_mlp` (remembered there): a ReLU net
    of depth r and width m trained by GD on DATA. Returns ``(net, history, error)``, error
    being the TrainingDiverged that stopped training (net then has its last finite
    parameters) or None; history holds J at iterations 0 and n_iter."""
    run = train_mlp(depth_sizes(r, width), *DATA, "relu", seed, lr=lr, n_iter=n_iter, record_every=n_iter)
    return run["model"], run["history"], run["error"]


#: Where the two panels go, [x0, y0, width, height] in figure fractions (for figsize (11, 4.3)).
TABLE_POSITION = [0.01, 0.12, 0.47, 0.8]
FIT_POSITION = [0.56, 0.12, 0.42, 0.8]


def _artists(fig):
    """The explorer's Axes and artists on this figure, made on its first update (kept on the figure)."""
    artists = getattr(fig, "_depth_artists", None)
    if artists is None or artists["message"].axes not in fig.axes:  # first update, or fig was cleared
        fig.clear()
        # fixed positions: tight_layout would cost more than the rest of the update
        ax_table, ax_fit = fig.add_axes(TABLE_POSITION), fig.add_axes(FIT_POSITION)
        X, y = DATA
        artists = fig._depth_artists = {
            "table": shape_table_artists(ax_table), "fit": fit_artists(ax_fit, X, y),
            "message": show_message(ax_fit, ""),  # hidden until training fails
        }
    return artists


def update_depth(fig, r=3, width=16, lr=0.1):
    """Draw the shape table (left) and the fit (right) for depth r, width m and learning rate lr.

    The Axes and their artists are made on the first call and only updated afterwards.

    Returns
    -------
    dict
        ``sizes``; ``rows`` and ``counts`` (the table, see
        :func:`mlp_lib.plots.depth.plot_shape_table`); ``x``, ``h`` (the fit on a grid,
        h None when training diverged); ``J`` (final cost or None); ``history``;
        ``message`` (the text shown on the plot, or None).
    """
    artists = _artists(fig)
    sizes = depth_sizes(r, width)
    X, y = DATA
    net, history, error = cached_fit(r, width, lr)
    table = show_shape_table(artists["table"], net, X)
    message, J = None, None
    if error is not None:
        fit = show_fit(artists["fit"], None, title=f"lr = {lr:.3g}: training diverged")
        message = fill(str(error), 48)
    else:
        J = float(history[-1])
        fit = show_fit(artists["fit"], net, title=f"J = {J:.4g} after {N_ITER} GD steps, lr = {lr:.3g}")
        if J > history[0]:
            message = (f"J grew from {history[0]:.3g} to {J:.3g}:\n"
                       f"lr = {lr:.3g} is too large. Try a smaller one.")
    artists["message"].set(text=message or "", visible=message is not None)
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
