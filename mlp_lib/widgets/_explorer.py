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
import numbers
from pathlib import Path

import anywidget
import numpy as np
import traitlets
from traitlets import TraitError

from .._checks import as_float_array
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


def one_input_data(X, y):
    """``(x, y)`` as lists of floats, from X of shape (n,) or (n, 1) and y of shape (n,), n >= 2:
    the data of an explorer with one input per example (a ValueError naming X or y otherwise)."""
    X, y = as_float_array(X, "X"), as_float_array(y, "y")
    if X.ndim not in (1, 2) or (X.ndim == 2 and X.shape[1] != 1) or len(X) < 2:
        raise ValueError(f"X must hold one input per example, at least 2 (shape (n,) or (n, 1)), got shape {X.shape}.")
    if y.shape != (len(X),):
        raise ValueError(f"y must hold one number per example, shape ({len(X)},), got shape {y.shape}.")
    return as_lists(X.reshape(-1)), as_lists(y)


class Number(traitlets.Float):
    """A float setting that refuses booleans (``traitlets.Float`` takes True for 1.0) and
    integers too large for a float, and takes numpy's numbers."""

    def validate(self, obj, value):
        if isinstance(value, (bool, np.bool_)):
            self.error(obj, value)
        if isinstance(value, (np.floating, np.integer)):
            value = float(value)
        try:
            return super().validate(obj, value)
        except OverflowError:  # float(10**400)
            self.error(obj, value)


class Integer(traitlets.Int):
    """An integer setting that refuses booleans (``traitlets.Int`` takes True for 1), and
    takes numpy's integers."""

    def validate(self, obj, value):
        if isinstance(value, (bool, np.bool_)):
            self.error(obj, value)
        if isinstance(value, np.integer):
            value = int(value)
        return super().validate(obj, value)


def _finite(v):
    """True for a finite real number that is not a boolean."""
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:  # 10**400
        return False


def _shown(value):
    return f"{value!r:.80}"


def in_range(proposal, name, low, high, *, integer=False, above=False):
    """For a ``@traitlets.validate`` method: the proposed value when it is a finite number (an
    integer if `integer`) from low to high (above low, if `above`); else a TraitError naming
    the setting, the range and the value that came, e.g. "the width m must be an integer
    from 1 to 20, got 0."."""
    value = proposal["value"]
    kind = "an integer" if integer else "a number"
    fits = isinstance(value, int) if integer else _finite(value)
    if isinstance(value, bool) or not (fits and (low < value if above else low <= value) and value <= high):
        shown = (lambda v: f"{v:d}") if integer else (lambda v: f"{v:g}")
        span = f"above {shown(low)} and at most {shown(high)}" if above else f"from {shown(low)} to {shown(high)}"
        raise TraitError(f"{name} must be {kind} {span}, got {_shown(value)}.")
    return value


def one_of(proposal, name, choices):
    """For a ``@traitlets.validate`` method: the proposed value when it is one of `choices`;
    else a TraitError that lists them."""
    value = proposal["value"]
    if isinstance(value, bool) or value not in choices:  # True == 1: a boolean is no choice
        raise TraitError(f"{name} must be one of {', '.join(map(repr, choices))}, got {_shown(value)}.")
    return value


def finite_numbers(proposal, name, *, length=None, at_least=1):
    """For a ``@traitlets.validate`` method: the proposed list when it holds finite numbers,
    `length` of them (or at least `at_least`); else a TraitError."""
    value = proposal["value"]
    ok = isinstance(value, (list, tuple)) and all(map(_finite, value))
    count = f"{length}" if length is not None else f"at least {at_least}"
    if not ok or (len(value) != length if length is not None else len(value) < at_least):
        raise TraitError(f"{name} must be a list of {count} finite numbers, got {_shown(value)}.")
    return [float(v) for v in value]


def one_per_example(proposal, explorer, other, *, at_least=2):
    """For a ``@traitlets.validate`` method of the data x (or y): the proposed list when it holds
    finite numbers, at least `at_least`, as many as the explorer's `other` (y, or x); else a
    TraitError saying how to change the number of examples (x and y together)."""
    name = proposal["trait"].name
    values = finite_numbers(proposal, name, at_least=at_least)
    n = len(getattr(explorer, other))
    if len(values) != n:
        raise TraitError(f"{name} must hold one number per example, as many as {other} ({n}), got {len(values)}. "
                         f"To change the number of examples, set {name} and {other} together: "
                         f"with explorer.hold_trait_notifications(): explorer.x = ...; explorer.y = ...")
    return values


def number_rows(proposal, name, width):
    """For a ``@traitlets.validate`` method: the proposed rows when they are at least one row
    of `width` finite numbers each (an (n, width) matrix as nested lists); else a TraitError."""
    value = proposal["value"]
    rows = [finite_numbers({"value": row}, f"every row of {name}", length=width)
            if isinstance(row, (list, tuple)) else None for row in value] if isinstance(value, (list, tuple)) else []
    if not rows or None in rows:
        raise TraitError(f"{name} must be n >= 1 rows of {width} finite numbers each, got {_shown(value)}.")
    return rows


def number_range(proposal, name, *, positive=False, holding=()):
    """For a ``@traitlets.validate`` method: the proposed [low, high] of a slider when both are
    finite numbers, low < high (and low > 0 if `positive`, for a log scale), and the range
    holds every (setting, value) pair of `holding`; else a TraitError."""
    low, high = finite_numbers(proposal, name, length=2)
    if not low < high or (positive and low <= 0):
        what = "0 < low < high" if positive else "low < high"
        raise TraitError(f"{name} must be [low, high] with {what}, got {_shown(proposal['value'])}.")
    for setting, value in holding:
        if not low <= value <= high:
            raise TraitError(f"{name} must hold the current {setting} = {value:g}, got [{low:g}, {high:g}]; "
                                       f"change {setting} first.")
    return [low, high]


def fixed(trait):
    """A traitlet the explorer computes from mlp_lib and sends to the page (data, starting
    networks, tables, menus, colours): synced, and read-only, since changing it alone would
    make the page and the hand-back disagree. The explorer sets it with ``set_trait``."""
    trait.read_only = True
    return trait.tag(sync=True)


class Explorer(anywidget.AnyWidget):
    """What every explorer shares: the book's colours, sent to the page."""

    colors = fixed(traitlets.Dict(dict(COLORS)))

    def set_fixed(self, **values):
        """Set read-only traitlets (see :func:`fixed`), validated together."""
        with self.hold_trait_notifications():
            for name, value in values.items():
                self.set_trait(name, value)

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
