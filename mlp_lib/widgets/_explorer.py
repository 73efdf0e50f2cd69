"""The base of every explorer: an anywidget widget whose front end computes and draws in the page.

An explorer's front end is one ES module, ``static/<name>.js``, bundled by esbuild from
``js/src/explorers/<name>.js`` (with the JS core that mirrors mlp_lib, and d3's modules).
Its settings are traitlets synced with the page: the page recomputes and redraws at once
when a control moves, with or without a kernel (on the static site the saved widget state
holds the module and the settings). With a kernel, Python sees every change, and each
explorer has a method that hands its state back as an mlp_lib object.

Data, initial parameters and colours go to the page from mlp_lib, as traitlets; the page
generates none of them again.
"""
import math
from pathlib import Path

import anywidget
import numpy as np
import traitlets

from ..model import MLP
from ..plots._style import COLORS

#: Where the bundled front ends live (built by ``npm run build`` in ``js/``; committed).
STATIC = Path(__file__).parent / "static"


def front_end(name):
    """The bundled ES module of explorer `name`, as anywidget's ``_esm`` (read when the widget shows)."""
    path = STATIC / f"{name}.js"
    if not path.is_file():
        raise FileNotFoundError(
            f"The front end of the {name!r} explorer is missing: {path}. Rebuild it with "
            "`npm ci && npm run build` in mlp_lib/widgets/js (needs Node.js).")
    return path


def as_lists(array):
    """A numpy array as nested lists of Python floats (JSON: every float64 exactly)."""
    return np.asarray(array, dtype=float).tolist()


def in_range(proposal, name, low, high, *, integer=False, above=False):
    """For a ``@traitlets.validate`` method: the proposed value when it is a finite number (an
    integer if `integer`) from low to high (above low, if `above`); else a TraitError naming
    the setting, the range and the value that came, e.g. "the width m must be an integer
    from 1 to 20, got 0."."""
    value = proposal["value"]
    kind = "an integer" if integer else "a number"
    fits = isinstance(value, int) if integer else isinstance(value, (int, float)) and math.isfinite(value)
    if isinstance(value, bool) or not (fits and (low < value if above else low <= value) and value <= high):
        shown = (lambda v: f"{v:d}") if integer else (lambda v: f"{v:g}")
        span = f"above {shown(low)} and at most {shown(high)}" if above else f"from {shown(low)} to {shown(high)}"
        raise traitlets.TraitError(f"{name} must be {kind} {span}, got {value!r}.")
    return value


def one_of(proposal, name, choices):
    """For a ``@traitlets.validate`` method: the proposed value when it is one of `choices`;
    else a TraitError that lists them."""
    value = proposal["value"]
    if value not in choices:
        raise traitlets.TraitError(f"{name} must be one of {', '.join(map(repr, choices))}, got {value!r}.")
    return value


class Explorer(anywidget.AnyWidget):
    """What every explorer shares: the book's colours, sent to the page."""

    colors = traitlets.Dict(dict(COLORS)).tag(sync=True)

    def __repr__(self):
        """The text a notebook shows where it cannot draw the explorer (its text/plain output: a
        saved notebook before its cell has run, GitHub's preview): what it is and what to do.
        At most 110 characters, where ipywidgets cuts a widget's text/plain."""
        return (f"{type(self).__name__}: an interactive figure of this chapter. "
                "Run this cell to show it, then move its controls.")


def mlp_to_page(net):
    """An :class:`mlp_lib.MLP` as the page's ``MLP.fromJSON`` reads it:
    ``{"sizes", "activation", "W": [W[1], ..., W[r]], "b": [b[1], ..., b[r]]}`` (nested lists)."""
    return {"sizes": list(net.sizes), "activation": net.activation,
            "W": [as_lists(W) for W in net.W], "b": [as_lists(b) for b in net.b]}


def mlp_from_page(state):
    """The inverse of :func:`mlp_to_page`: a new :class:`mlp_lib.MLP` with the page's parameters."""
    net = MLP(state["sizes"], state["activation"])
    for k in range(1, net.r + 1):
        net.W[k] = np.asarray(state["W"][k - 1], dtype=float)
        net.b[k] = np.asarray(state["b"][k - 1], dtype=float)
    return net
