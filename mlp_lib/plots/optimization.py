r"""Figures of Section 1: the cost J of a model that is non-linear in theta, and how
GD (1.3), SGD (Algorithm 1, eq. 1.4) and mini-batch SGD (Algorithm 2, eq. 1.5) move on it.

The running example is the notes' footnote 1 model, :class:`mlp_lib.QuadraticModel`,

.. math:: h_\theta(x) = \theta_1^2 x_1^2 + \dots + \theta_d^2 x_d^2,

with d = 2 so that theta lives in a plane we can draw.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

from ..data import QUADRATIC_THETA
from ..quadratic_model import QuadraticModel, cost_grid  # noqa: F401 (cost_grid: re-exported for the explorer)
from ..training import train as train_model
from ._style import COLORS, new_axes

#: Where every run of the chapter starts: theta^(0).
THETA0 = (0.2, -2.0)
#: The optimizers of Section 1, by the names the figures and widgets use.
ALGORITHMS = {
    "gd": "GD (1.3)",
    "sgd": "SGD, Algorithm 1 (1.4)",
    "minibatch": "mini-batch SGD, Algorithm 2 (1.5)",
}
_ALGORITHM_COLORS = {"gd": COLORS["gd"], "sgd": COLORS["sgd"], "minibatch": COLORS["minibatch"]}


def train(algorithm, X, y, lr, n_iter, B=8, theta0=THETA0, seed=0):
    """Kept for the chapter 1 explorer: ``mlp_lib.train(QuadraticModel(theta0), X, y,
    algorithm, lr=lr, n_iter=n_iter, B=B, seed=seed, path=lambda m: m.theta)``, whose dict
    it returns (``history``, ``path`` of shape (T + 1, d), ``error``, ``model``)."""
    return train_model(QuadraticModel(theta0), X, y, algorithm, lr=lr, n_iter=n_iter, B=B, seed=seed,
                       path=lambda m: m.theta)


def plot_cost_landscape(X, y, ax=None, grid=None, theta_true=QUADRATIC_THETA):
    r"""Contours of J(theta1, theta2) for the footnote model, with the mirror lines
    theta1 = 0 and theta2 = 0 dashed and the four points :math:`(\pm\theta^*_1, \pm\theta^*_2)`
    starred: h depends on theta only through the squares, so the picture is symmetric.

    Returns the grid drawn (see :func:`mlp_lib.quadratic_model.cost_grid`) plus ``minima``, shape (4, 2).
    """
    fig, ax = new_axes(ax, figsize=(5, 5))
    grid = cost_grid(X, y) if grid is None else grid
    J = grid["J"]
    levels = np.geomspace(max(J.min(), 1e-3), J.max(), 14)
    ax.contourf(grid["theta1"], grid["theta2"], J, levels=levels, cmap="Blues_r", alpha=0.35,
                norm=LogNorm(vmin=levels[0], vmax=levels[-1]))
    ax.contour(grid["theta1"], grid["theta2"], J, levels=levels, colors="0.45", linewidths=0.6)
    ax.axhline(0, color="0.3", lw=0.8, ls="--")
    ax.axvline(0, color="0.3", lw=0.8, ls="--")
    t1, t2 = theta_true
    minima = np.array([[t1, t2], [-t1, t2], [-t1, -t2], [t1, -t2]])
    ax.plot(minima[:, 0], minima[:, 1], "*", color=COLORS["truth"], ms=13, mec="k", mew=0.6,
            label=r"$(\pm\theta^*_1, \pm\theta^*_2)$: same $h$", ls="none")
    lim = grid["theta1"][-1]
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), xlabel=r"$\theta_1$", ylabel=r"$\theta_2$", aspect="equal")
    return dict(grid, minima=minima)


def plot_path(path, ax, color=COLORS["gd"], label=None):
    """Draw a path of theta (shape (T + 1, 2)): a line through the iterates, a ring at the
    start and a dot at the end. Returns ``{"theta": path}``."""
    path = np.asarray(path)
    ax.plot(path[:, 0], path[:, 1], "-", color=color, lw=1.3, alpha=0.9, label=label)
    ax.plot(path[0, 0], path[0, 1], "o", mfc="white", mec=color, ms=8, mew=2)
    ax.plot(path[-1, 0], path[-1, 1], "o", color=color, ms=7, mec="k", mew=0.6)
    return {"theta": path}


def plot_cost_curve(history, ax, color=COLORS["gd"], label=None):
    """J (eq. 1.2) against the iteration, log scale. Returns ``iteration`` and ``J``."""
    history = np.asarray(history)
    its = np.arange(history.size)
    ax.semilogy(its, history, "-", color=color, lw=1.6, label=label)
    ax.set_ylim(cost_ylim([np.asarray(line.get_ydata(), dtype=float) for line in ax.get_lines()]))
    ax.set(xlabel="iteration", ylabel=r"cost $J(\theta)$ on all $n$ examples")
    ax.grid(True, which="major", alpha=0.3)
    return {"iteration": its, "J": history}


def cost_ylim(curves):
    """The limits (bottom, top) of a log-scale plot of the cost curves `curves` (arrays of J).

    A diverging run reaches J ~ 1e300 before overflowing: the top is at most 1000 times the
    highest starting cost, so such a run leaves the top of the plot.
    """
    top = min(max(c.max() for c in curves) * 2, max(c[0] for c in curves) * 1e3)
    return min(c.min() for c in curves) / 2, top


def _legends(ax_theta, ax_cost):
    """The stars' legend on the contours (away from the paths), the runs' on the cost curves."""
    handles, labels = ax_theta.get_legend_handles_labels()
    ax_theta.legend(handles[:1], labels[:1], loc="upper center", fontsize=8, framealpha=0.9)
    if len(handles) > 1:
        ax_cost.legend(fontsize=8, loc="upper right")


def plot_runs(runs, X, y, axes=None, grid=None):
    """Side by side: the paths of several runs over the contours of J, and their cost curves.

    Parameters
    ----------
    runs : dict name -> result of :func:`mlp_lib.train`; names are keys of ALGORITHMS.
    axes : two matplotlib Axes, or None for a new figure.

    Returns
    -------
    dict name -> {"theta": path, "iteration": ..., "J": history}, plus "figure".
    """
    if axes is None:
        fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.1))
        plt.close(fig)
    ax_theta, ax_cost = axes
    plot_cost_landscape(X, y, ax=ax_theta, grid=grid)
    drawn = {"figure": ax_theta.figure}
    for name, run in runs.items():
        color, label = _ALGORITHM_COLORS[name], ALGORITHMS[name]
        drawn[name] = dict(plot_path(run["path"], ax_theta, color, label),
                           **plot_cost_curve(run["history"], ax_cost, color, label))
    _legends(ax_theta, ax_cost)
    ax_theta.set_title(r"$\theta$ over the contours of $J$")
    ax_cost.set_title(r"$J(\theta)$ as training goes")
    ax_theta.figure.tight_layout()
    return drawn
