"""Shared look of the book's figures."""
import matplotlib.pyplot as plt

#: One colour per role, used across chapters so a reader learns them once.
COLORS = {
    "data": "#4c72b0",
    "model": "#dd8452",
    "truth": "#55a868",
    "gd": "#4c72b0",
    "sgd": "#dd8452",
    "minibatch": "#55a868",
    "warning": "#c44e52",
    "hidden": "#8172b3",
}


def new_axes(ax=None, figsize=(6, 4), **subplot_kw):
    """Return (fig, ax): the given Axes and its figure, or a new closed figure.

    The new figure is closed right away (plt.close) so that Jupyter shows it only when
    the caller displays it, never twice.
    """
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=figsize, subplot_kw=subplot_kw)
    plt.close(fig)
    return fig, ax


def show_message(ax, text, color=COLORS["warning"]):
    """Write a boxed message across the middle of an Axes (e.g. "training diverged").

    Returns the matplotlib Text artist.
    """
    return ax.text(
        0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", wrap=True,
        fontsize=11, color=color,
        bbox=dict(boxstyle="round", facecolor="white", edgecolor=color, alpha=0.95),
    )


def fixed_labels(ax, xlabel, ylabel, x_below=0.09, y_left=0.11):
    """Axis labels at fixed places, in fractions of the Axes (`x_below` under it, `y_left`
    left of it). Without this, matplotlib measures the tick labels at every draw to place
    them, which an explorer redrawing many times a second pays for again and again."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_label_coords(0.5, -x_below)
    ax.yaxis.set_label_coords(-y_left, 0.5)


def curve_frame(ax):
    """The fixed frame of a panel showing the sin(3x) data of :func:`mlp_lib.data.smooth_curve`:
    limits that hold the data and the fits, few ticks (every tick label is a text to draw),
    labels x and y at fixed places, an empty title at a fixed height."""
    ax.set(xlim=(-1.1, 1.1), ylim=(-1.8, 1.8), xticks=[-1, -0.5, 0, 0.5, 1],
           yticks=[-1.5, -1, -0.5, 0, 0.5, 1, 1.5])
    fixed_labels(ax, "x", "y")
    ax.set_title("", fontsize=10, y=1.0)  # y given: no search for a free spot at each draw
