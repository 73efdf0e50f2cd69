r"""Figures of the activation-function chapter (eqs. 2.14-2.20)."""
import numpy as np
from matplotlib.lines import Line2D

from ..activations import ACTIVATIONS
from ..optimizers import recorded_iterations
from ._style import COLORS, curve_frame, fixed_labels

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


def activation_fit_artists(axes, names, X, y, n_iter=None, record_every=1):
    """Make the artists of :func:`plot_activation_fit` on a pair of Axes, once.

    The data, the curve sin(3x), one fit line and one J line per activation (empty for
    now), the titles, labels, fixed limits and the legends; :func:`show_activation_fit`
    then fills them in. Making them once and updating them is what keeps the explorer's
    redraws fast (a new Axes full of new artists costs several ms more per draw).

    Returns
    -------
    dict
        ``ax_fit``, ``ax_J``, ``names``, ``fit`` and ``J`` (name -> Line2D), ``legend_fit``,
        ``legend_J``, and ``its`` (the x values of the J curves, None to use 0, 1, 2, ...).
    """
    from ..data import curve_truth

    ax_fit, ax_J = axes
    x = np.linspace(-1.1, 1.1, 200)
    ax_fit.plot(X[:, 0], y, "o", ms=3.5, color="0.55", alpha=0.6, label="training data")
    ax_fit.plot(x, curve_truth(x), ":", color="0.3", lw=1.2, label="sin(3x)")
    fit = {name: ax_fit.plot(x, np.zeros_like(x), color=ACTIVATION_COLORS.get(name))[0]
           for name in names}
    curve_frame(ax_fit)
    # the legend's third entry stands for the chosen activation's line (its text and colour
    # are set by show_activation_fit)
    data, truth = ax_fit.get_lines()[:2]
    legend_fit = ax_fit.legend(handles=[data, truth, Line2D([], [], lw=2.5)],
                               labels=["training data", "sin(3x)", " "], loc="lower right", fontsize=8)
    its = recorded_iterations(n_iter, record_every) if n_iter is not None else None
    J = {name: ax_J.plot([], [], color=ACTIVATION_COLORS.get(name))[0] for name in names}
    ax_J.set_yscale("log")
    ax_J.minorticks_off()  # some 30 tick marks that add nothing to the three decades labelled
    if its is not None:
        ax_J.set_xticks(np.linspace(0, its[-1], 5))
    fixed_labels(ax_J, "gradient-descent step", "cost J")
    ax_J.set_title("J during training, same net, same seed", fontsize=10, y=1.0)
    ax_J.grid(True, alpha=0.3)
    legend_J = ax_J.legend(handles=list(J.values()), labels=list(names), loc="upper right", fontsize=8)
    return {"ax_fit": ax_fit, "ax_J": ax_J, "names": list(names), "x": x, "fit": fit, "J": J,
            "legend_fit": legend_fit, "legend_J": legend_J, "its": its}


def show_activation_fit(artists, fits, chosen):
    """Fill the artists of :func:`activation_fit_artists` with these fits, `chosen` in bold.

    Returns
    -------
    dict
        ``x`` (grid), ``h`` (name -> the net's outputs on the grid), ``J`` (name -> final J).
    """
    if list(fits) != artists["names"]:
        raise ValueError(f"these artists were made for {artists['names']}, not {list(fits)}.")
    x, ax_fit, ax_J = artists["x"], artists["ax_fit"], artists["ax_J"]
    h = {name: net(x[:, None]) for name, (net, _) in fits.items()}
    final = {name: float(history[-1]) for name, (_, history) in fits.items()}
    legend_lines = artists["legend_J"].get_lines()
    for i, (name, (_, history)) in enumerate(fits.items()):
        bold = name == chosen
        # left: the chosen fit in full, on top; the others faint
        artists["fit"][name].set(ydata=h[name], lw=2.5 if bold else 1, alpha=1 if bold else 0.25,
                                 zorder=2.1 if bold else 2,
                                 label=f"{chosen} network" if bold else f"_{name}")
        # right: everyone's J, the chosen one bold (in the legend too)
        its = artists["its"] if artists["its"] is not None else np.arange(len(history))
        label = f"{name}: final J = {final[name]:.4f}"
        artists["J"][name].set(data=(its, history), label=label)
        for line in (artists["J"][name], legend_lines[i]):
            line.set(lw=2.5 if bold else 1.2, alpha=1 if bold else 0.6)
        artists["legend_J"].get_texts()[i].set_text(label)
    artists["legend_fit"].get_lines()[2].set_color(ACTIVATION_COLORS.get(chosen))
    artists["legend_fit"].get_texts()[2].set_text(f"{chosen} network")
    ax_fit.title.set_text(f"{chosen}: J = {final[chosen]:.4f}")
    ax_J.relim()
    ax_J.autoscale_view()
    return {"x": x, "h": h, "J": final}


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
    if axes is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        plt.close(fig)
    artists = activation_fit_artists(axes, list(fits), X, y, n_iter, record_every)
    return show_activation_fit(artists, fits, chosen)
