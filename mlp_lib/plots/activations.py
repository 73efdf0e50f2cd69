r"""Figures of the activation-function chapter (eqs. 2.14-2.20)."""
import numpy as np

from ..activations import ACTIVATIONS
from ..optimizers import recorded_iterations
from ._style import COLORS

#: One colour per activation, the same in every figure of the chapter.
ACTIVATION_COLORS = {"relu": COLORS["model"], "sigmoid": COLORS["data"], "tanh": COLORS["truth"],
                     "identity": COLORS["hidden"]}


def plot_activations(names=None, z=None, axes=None):
    r"""Each activation :math:`\sigma(z)` (solid) and its derivative :math:`\sigma'(z)` (dashed).

    Parameters
    ----------
    names : list of str, optional
        Keys of :data:`mlp_lib.ACTIVATIONS`; default all of them.
    z : array, optional
        Where to evaluate; default 401 points on [-4, 4].
    axes : sequence of matplotlib Axes, optional
        One per name; new ones are made if omitted.

    Returns
    -------
    dict
        name -> ``{"z", "sigma", "derivative"}``, the plotted arrays.
    """
    names = list(ACTIVATIONS) if names is None else list(names)
    z = np.linspace(-4, 4, 401) if z is None else np.asarray(z, dtype=float)
    if axes is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, len(names), figsize=(3 * len(names), 3), sharey=True)
        plt.close(fig)
        axes = np.atleast_1d(axes)
    drawn = {}
    for name, ax in zip(names, axes):
        sigma, derivative = ACTIVATIONS[name]
        s, ds = sigma(z), derivative(z)
        color = ACTIVATION_COLORS.get(name, COLORS["model"])
        ax.axhline(0, color="0.8", lw=0.8)
        ax.axvline(0, color="0.8", lw=0.8)
        ax.plot(z, s, color=color, lw=2, label=r"$\sigma(z)$")
        ax.plot(z, ds, "--", color=color, lw=1.5, label=r"$\sigma'(z)$")
        ax.set_title(name)
        ax.set_xlabel("z")
        ax.set_ylim(-1.6, 2.6)
        ax.legend(loc="upper left", fontsize=8)
        drawn[name] = {"z": z, "sigma": s, "derivative": ds}
    return drawn


def plot_activation_fit(X, y, fits, chosen, axes=None, n_iter=None, record_every=1):
    """The fit of the chosen activation (left) and J during training for all of them (right).

    Parameters
    ----------
    X, y : the training data, X of shape (n, 1)
    fits : dict name -> (net, history)
        A trained net and its recorded J for each activation.
    chosen : str
        The activation whose fit is drawn in full; the others are faint.
    axes : pair of matplotlib Axes, optional
    n_iter, record_every : int
        How the histories were recorded (for the x axis of the right panel).

    Returns
    -------
    dict
        ``x`` (grid), ``h`` (name -> the net's outputs on the grid), ``J`` (name -> final J).
    """
    from ..data import curve_truth

    if axes is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        plt.close(fig)
    ax_fit, ax_J = axes
    x = np.linspace(-1.1, 1.1, 200)
    h = {name: net(x[:, None]) for name, (net, _) in fits.items()}
    final = {name: float(history[-1]) for name, (_, history) in fits.items()}
    ax_fit.plot(X[:, 0], y, "o", ms=3.5, color="0.55", alpha=0.6, label="training data")
    ax_fit.plot(x, curve_truth(x), ":", color="0.3", lw=1.2, label="sin(3x)")
    for name in fits:
        if name != chosen:
            ax_fit.plot(x, h[name], color=ACTIVATION_COLORS.get(name), lw=1, alpha=0.25)
    ax_fit.plot(x, h[chosen], color=ACTIVATION_COLORS.get(chosen), lw=2.5, label=f"{chosen} network")
    ax_fit.set_xlim(-1.1, 1.1)
    ax_fit.set_ylim(-1.8, 1.8)
    ax_fit.set_xlabel("x")
    ax_fit.set_ylabel("y")
    ax_fit.set_title(f"{chosen}: J = {final[chosen]:.4f}", fontsize=10)
    ax_fit.legend(loc="lower right", fontsize=8)
    for name, (_, history) in fits.items():
        its = (recorded_iterations(n_iter, record_every) if n_iter is not None
               else np.arange(len(history)))
        bold = name == chosen
        ax_J.semilogy(its, history, color=ACTIVATION_COLORS.get(name), lw=2.5 if bold else 1.2,
                      alpha=1 if bold else 0.6, label=f"{name}: final J = {final[name]:.4f}")
    ax_J.set_xlabel("gradient-descent step")
    ax_J.set_ylabel("cost J")
    ax_J.set_title("J during training, same net, same seed", fontsize=10)
    ax_J.legend(loc="upper right", fontsize=8)
    ax_J.grid(True, alpha=0.3)
    return {"x": x, "h": h, "J": final}
