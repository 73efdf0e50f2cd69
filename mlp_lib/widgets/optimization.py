"""Explorer of Section 1: pick GD, SGD or mini-batch SGD, a learning rate, a batch size and a
number of iterations; see theta move over the contours of J and the cost fall (or blow up).

The model is the notes' footnote 1 model (:class:`mlp_lib.QuadraticModel`) with d = 2 on
:func:`mlp_lib.plots.optimization.quadratic_data`.
"""
from functools import partial

import numpy as np

from ..data import quadratic_data
from ..plots import optimization as po
from ..plots._style import show_message
from ._common import dropdown, int_slider, interactive_figure, log_slider, two_axes

ALGORITHM_OPTIONS = [
    ("GD, eq. (1.3)", "gd"),
    ("SGD, Algorithm 1", "sgd"),
    ("mini-batch SGD, Algorithm 2", "minibatch"),
]


def divergence_message(error):
    """The text shown on the plot when training stops with TrainingDiverged."""
    return (f"Training diverged at iteration {error.iteration}:\n"
            f"J became inf/nan with learning rate {error.lr:.3g}.\n"
            f"Try a smaller learning rate.")


#: Where the two Axes sit ([x0, y0, width, height] of the figure); aspect="equal" makes the
#: left one a square in the middle of its box.
_THETA_POSITION = [0.06, 0.12, 0.41, 0.8]
_COST_POSITION = [0.57, 0.12, 0.41, 0.8]


def _artists(fig, X, y, grid):
    """The explorer's Axes and artists on this figure, made on its first update (kept on the figure).

    An update only changes data, colours and texts: making Axes and artists anew at every
    update costs more than drawing them. The contours of J, which no control changes, are
    drawn here once.
    """
    artists = getattr(fig, "_optimizer_artists", None)
    if (artists is not None and artists["ax_theta"] in fig.axes
            and np.array_equal(artists["X"], X) and np.array_equal(artists["y"], y)):
        return artists
    fig.clear()
    ax_theta, ax_cost = two_axes(fig, _THETA_POSITION, _COST_POSITION)
    po.plot_cost_landscape(X, y, ax=ax_theta, grid=grid)
    # A run of 0 steps until the update sets the data, colours and label of these artists.
    po.plot_path(np.zeros((1, 2)), ax_theta, label=" ")
    path, start, end = ax_theta.get_lines()[-3:]  # the line of theta, its start ring, its end dot
    po.plot_cost_curve([1.0], ax_cost, label=" ")
    cost, = ax_cost.get_lines()
    po._legends(ax_theta, ax_cost)  # the stars' legend, and the run's (one entry)
    for ax in (ax_theta, ax_cost):
        ax.set_title(" ", fontsize=10, y=1.0)  # y=1.0: a fixed place, not recomputed at every draw
    artists = fig._optimizer_artists = dict(
        X=X, y=y, ax_theta=ax_theta, ax_cost=ax_cost, path=path, start=start, end=end, cost=cost,
        legend=ax_cost.get_legend(), message=show_message(ax_cost, ""))
    return artists


def update_optimizer(fig, algorithm="gd", lr=0.03, B=8, n_iter=100, *, X=None, y=None, grid=None,
                     theta0=po.THETA0, seed=0):
    """Train the footnote model from theta0 and draw the run on `fig` (two Axes, made on the
    first call and reused by the next ones).

    Left: the path of theta over the contours of J. Right: J at every iteration (log scale).
    A learning rate too large for the run is caught (mlp_lib.TrainingDiverged): the run is
    drawn up to its last finite cost and a message says what happened.

    Parameters
    ----------
    algorithm : {"gd", "sgd", "minibatch"}
    lr : float > 0, the learning rate alpha.
    B : int, batch size (Algorithm 2 only).
    n_iter : int, number of iterations.
    X, y : the data (default :func:`~mlp_lib.plots.optimization.quadratic_data`).
    grid : the contours' :func:`~mlp_lib.plots.optimization.cost_grid` of (X, y), to reuse.

    Returns
    -------
    dict
        ``iteration`` and ``J`` (the cost curve drawn), ``theta`` (the path drawn, shape
        (T + 1, 2)), ``diverged`` (bool) and ``message`` (the text shown, or None).
    """
    if X is None or y is None:
        X, y = quadratic_data()
    run = po.train(algorithm, X, y, lr, n_iter, B=B, theta0=theta0, seed=seed)
    a = _artists(fig, X, y, grid)
    color, label = po._ALGORITHM_COLORS[algorithm], po.ALGORITHMS[algorithm]
    theta, J = run["path"], run["history"]
    iteration = np.arange(J.size)
    # What po.plot_path and po.plot_cost_curve draw, on the artists they drew at the first update.
    a["path"].set_data(theta[:, 0], theta[:, 1])
    a["start"].set_data(theta[:1, 0], theta[:1, 1])
    a["end"].set_data(theta[-1:, 0], theta[-1:, 1])
    a["cost"].set_data(iteration, J)
    for line in (a["path"], a["end"], a["cost"], a["legend"].legend_handles[0]):
        line.set_color(color)
    a["start"].set_markeredgecolor(color)
    a["legend"].texts[0].set_text(label)
    a["ax_cost"].set_xlim(0, max(n_iter, 1))
    a["ax_cost"].set_ylim(po.cost_ylim([J]))
    batch = {"gd": "all n", "sgd": "1", "minibatch": str(B)}[algorithm]
    steps = len(J) - 1
    a["ax_theta"].set_title(rf"$\theta$ from $({theta0[0]:g}, {theta0[1]:g})$, {steps} step{'s' * (steps != 1)}",
                            fontsize=10)
    message = None
    if run["error"] is None:
        a["ax_cost"].set_title(rf"$\alpha$ = {lr:.3g}, examples per step: {batch}, final $J$ = {J[-1]:.3g}",
                               fontsize=10)
    else:
        message = divergence_message(run["error"])
        a["ax_cost"].set_title(rf"$\alpha$ = {lr:.3g}: diverged", fontsize=10)
    a["message"].set_text(message or "")
    a["message"].set_visible(message is not None)
    return {"theta": theta, "iteration": iteration, "J": J, "diverged": run["error"] is not None,
            "message": message}


def optimizer_explorer(X=None, y=None, theta0=po.THETA0, seed=0):
    """GD / SGD / mini-batch SGD on the footnote model, with the controls of Algorithms 1-2.

    Controls: the algorithm, the learning rate alpha (log scale, 0.001 to 1), the batch size B
    (enabled for mini-batch SGD only) and the number of iterations. Returns the widget
    (see :func:`mlp_lib.widgets._common.interactive_figure`).
    """
    if X is None or y is None:
        X, y = quadratic_data()
    controls = {
        "algorithm": dropdown("algorithm", ALGORITHM_OPTIONS, "gd"),
        "lr": log_slider("learning rate α", 10 ** -1.5, -3, 0, 0.1),
        "B": int_slider("batch size B", 8, 1, len(X)),
        "n_iter": int_slider("iterations", 100, 1, 300),
    }
    controls["B"].disabled = True

    def enable_batch(change):
        controls["B"].disabled = change["new"] != "minibatch"

    # Registered before interactive_figure's own observer, so the slider is updated first.
    controls["algorithm"].observe(enable_batch, names="value")
    draw = partial(update_optimizer, X=X, y=y, grid=po.cost_grid(X, y), theta0=theta0, seed=seed)
    return interactive_figure(controls, draw, figsize=(9.5, 4.1), ncols=2)
