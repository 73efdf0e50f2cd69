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
