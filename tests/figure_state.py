"""What a matplotlib figure shows, as plain data, to compare two figures in tests.

A test draws a sequence of settings on one figure and checks that after each step it shows
exactly what a fresh figure drawn at that setting shows (nothing stale, nothing piling up).
These functions say what "shows" means: everything visible, with its data and its look.
"""
import matplotlib.colors as mcolors
import numpy as np
from matplotlib.collections import LineCollection


def _rgba(color, alpha=None):
    return tuple(round(c, 6) for c in mcolors.to_rgba(color, alpha))


def _colors(array):
    return np.round(np.asarray(array, dtype=float), 6).tolist()


def _line(line):
    return (line.get_gid(), line.get_label(), np.asarray(line.get_xdata(), dtype=float).tolist(),
            np.asarray(line.get_ydata(), dtype=float).tolist(), _rgba(line.get_color(), line.get_alpha()),
            line.get_linewidth(), line.get_linestyle(), line.get_marker(), line.get_zorder())


def _text(text):
    return (text.get_text(), tuple(np.asarray(text.get_position(), dtype=float).tolist()),
            _rgba(text.get_color()), text.get_fontsize())


def _collection(c):
    if isinstance(c, LineCollection):
        data = [np.asarray(s, dtype=float).tolist() for s in c.get_segments()]
    else:
        data = np.asarray(c.get_offsets(), dtype=float).tolist()
    return (type(c).__name__, data, _colors(c.get_facecolors()), _colors(c.get_edgecolors()),
            np.asarray(c.get_linewidths(), dtype=float).tolist(), np.asarray(c.get_sizes()).tolist()
            if hasattr(c, "get_sizes") else None)


def _patch(p):
    return (type(p).__name__, np.round(p.get_extents().bounds, 6).tolist(), _rgba(p.get_facecolor()),
            _rgba(p.get_edgecolor()))


def _legend(legend):
    if legend is None or not legend.get_visible():
        return None
    looks = []
    for handle in legend.legend_handles:
        color = handle.get_color() if hasattr(handle, "get_color") else handle.get_facecolor()
        looks.append((type(handle).__name__, str(_colors(np.atleast_2d(mcolors.to_rgba_array(color)))),
                      getattr(handle, "get_linewidth", lambda: None)()))
    return [t.get_text() for t in legend.get_texts()], looks


def axes_state(ax):
    """Everything one Axes shows: how many artists it holds, its title, labels and limits,
    and every visible line, non-empty text, collection and patch with its data and look
    (lines and texts sorted, so drawing order does not matter), and its legend."""
    visible = lambda artists: [a for a in artists if a.get_visible()]  # noqa: E731
    return {
        "artists": len(ax.get_children()),
        "labels": [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()],
        "limits": (tuple(ax.get_xlim()), tuple(ax.get_ylim())),
        "lines": sorted(repr(_line(line)) for line in visible(ax.lines)),
        "texts": sorted(repr(_text(t)) for t in visible(ax.texts) if t.get_text()),
        "collections": [_collection(c) for c in visible(ax.collections)],
        "patches": [_patch(p) for p in visible(ax.patches)],
        "legend": _legend(ax.get_legend()),
    }


def figure_state(fig):
    """:func:`axes_state` of every Axes of the figure, in order."""
    return [axes_state(ax) for ax in fig.axes]
