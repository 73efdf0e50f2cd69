r"""Figures of the activation-function chapter (eqs. 2.14-2.20)."""
import numpy as np

from ..activations import ACTIVATIONS
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
