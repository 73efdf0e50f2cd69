"""Explorer of Section 1: pick GD, SGD or mini-batch SGD, a learning rate, a batch size and a
number of iterations; see theta move over the contours of J and the cost fall (or blow up).

The model is the notes' footnote 1 model (:class:`mlp_lib.QuadraticModel`) with d = 2 on
:func:`mlp_lib.plots.optimization.quadratic_data`.
"""
from functools import partial

from ..data import quadratic_data
from ..plots import optimization as po
from ..plots._style import show_message
from ._common import dropdown, int_slider, interactive_figure, log_slider

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


def update_optimizer(fig, algorithm="gd", lr=0.03, B=8, n_iter=100, *, X=None, y=None, grid=None,
                     theta0=po.THETA0, seed=0):
    """Train the footnote model from theta0 and draw the run on `fig` (two Axes, made here).

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
    fig.clear()
    ax_theta, ax_cost = fig.subplots(1, 2)
    po.plot_cost_landscape(X, y, ax=ax_theta, grid=grid)
    color, label = po._ALGORITHM_COLORS[algorithm], po.ALGORITHMS[algorithm]
    drawn = dict(po.plot_path(run["path"], ax_theta, color, label),
                 **po.plot_cost_curve(run["history"], ax_cost, color, label))
    po._legends(ax_theta, ax_cost)
    batch = {"gd": "all n", "sgd": "1", "minibatch": str(B)}[algorithm]
    ax_theta.set_title(rf"$\theta$ from $({theta0[0]:g}, {theta0[1]:g})$, {len(drawn['J']) - 1} steps",
                       fontsize=10)
    ax_cost.set_title(rf"$\alpha$ = {lr:.3g}, examples per step: {batch}, final $J$ = {drawn['J'][-1]:.3g}",
                      fontsize=10)
    ax_cost.set_xlim(0, max(n_iter, 1))
    message = None
    if run["error"] is not None:
        message = divergence_message(run["error"])
        show_message(ax_cost, message)
        ax_cost.set_title(rf"$\alpha$ = {lr:.3g}: diverged", fontsize=10)
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.12, top=0.92, wspace=0.22)  # tight_layout: 3x slower
    return dict(drawn, diverged=run["error"] is not None, message=message)


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
