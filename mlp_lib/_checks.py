"""Input validation at mlp_lib's public boundary.

Every message names the argument, says what was expected and shows what came, so a
student can fix the call without reading mlp_lib's source.
"""
import math
import numbers

import numpy as np


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**20:
        return f"an integer of {len(str(abs(value)))} digits"
    return f"{value!r:.80}"


def as_real_array(value, name, dtype=np.float64):
    """Convert to a float array, or raise a ValueError that names `name`.

    Real numbers only: strings (even "1.5"), booleans, complex numbers, dates and None are
    refused, not converted; so are numbers too large for `dtype`. NaN and inf pass (see
    as_float_array).
    """
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):  # ragged nested lists, objects numpy cannot read
        arr = None
    real = arr is not None and (arr.dtype.kind in "iuf" or (  # int, unsigned, float
        arr.dtype.kind == "O" and all(isinstance(v, numbers.Real) and not isinstance(v, bool)
                                      for v in arr.flat)))  # Fraction, huge ints
    if not real:
        what = _describe(value) if value is None or isinstance(value, np.ndarray) else \
            f"{type(value).__name__} {_describe(value)}"
        raise ValueError(f"{name} must be an array of real numbers, got {what}.")
    try:
        with np.errstate(over="raise"):
            arr = arr.astype(dtype, copy=False)
    except (OverflowError, FloatingPointError):
        raise ValueError(
            f"{name} must hold numbers that fit in {np.dtype(dtype).name} (at most "
            f"{np.finfo(dtype).max:.3g} in size), got larger ones."
        ) from None
    return arr


def as_float_array(value, name, dtype=np.float64):
    """Convert to a float array of finite numbers, or raise a ValueError that names `name`."""
    arr = as_real_array(value, name, dtype)
    if not np.isfinite(arr).all():
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(
            f"{name} must contain only finite numbers, got {bad} NaN or inf "
            f"value(s) in an array of shape {arr.shape}."
        )
    return arr


def check_X(X, d, dtype=np.float64):
    """Return X as an (n, d) float array. A 1-D X is accepted only when d == 1."""
    arr = as_float_array(X, "X", dtype)
    if arr.ndim == 1 and d == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[1] != d:
        hint = ""
        if arr.ndim == 1 and arr.shape[0] == d:
            hint = " For a single example use X.reshape(1, -1)."
        raise ValueError(
            f"X must have shape (n, d) = (n, {d}), one example per row, "
            f"got shape {arr.shape}.{hint}"
        )
    if arr.shape[0] == 0:
        raise ValueError("X must hold at least one example (row), got 0 rows.")
    return arr


def check_y(y, n, m_out, dtype=np.float64):
    """Return y as (n,) when m_out == 1, else as (n, m_out)."""
    arr = as_float_array(y, "y", dtype)
    if m_out == 1:
        if arr.ndim == 2 and arr.shape[1] == 1:
            arr = arr[:, 0]
        expected = (n,)
    else:
        expected = (n, m_out)
    if arr.shape != expected:
        raise ValueError(
            f"y must have shape {expected}, one target per row of X, got shape {arr.shape}."
        )
    return arr


def _real(value):
    """value as a Python float when it is a real number that fits in one (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        return float(value)
    except OverflowError:  # an int like 10**400
        return None


def check_positive(value, name):
    """A positive finite real number, e.g. the learning rate alpha."""
    v = _real(value)
    if v is None or not (math.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be a positive number, got {_describe(value)}.")
    return v


def check_number(value, name, low, high=math.inf):
    """A finite real number in [low, high] (not a bool), e.g. a standard deviation."""
    v = _real(value)
    if v is None or not (math.isfinite(v) and low <= v <= high):
        where = f"from {low:g} to {high:g}" if math.isfinite(high) else f"of at least {low:g}"
        raise ValueError(f"{name} must be a finite number {where}, got {_describe(value)}.")
    return v


def check_int(value, name, low, high=None):
    """An integer in [low, high] (high=None: no upper bound)."""
    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if ok and value >= low and (high is None or value <= high):
        return int(value)
    where = f"between {low} and {high}" if high is not None else f"at least {low}"
    raise ValueError(f"{name} must be an integer {where}, got {_describe(value)}.")


def check_fraction(value, name):
    """A number in [0, 1), e.g. the momentum coefficient beta."""
    v = _real(value)
    if v is None or not 0 <= v < 1:
        raise ValueError(f"{name} must be a number in [0, 1), got {_describe(value)}.")
    return v


def check_sizes(sizes):
    """The layer widths [d, m_1, ..., m_r]: a list of at least two positive integers."""
    try:
        widths = None if isinstance(sizes, (str, bytes, dict)) else list(sizes)
    except TypeError:
        widths = None
    if widths is None or len(widths) < 2:
        raise ValueError(
            "sizes must be a list [d, m_1, ..., m_r] of at least two positive "
            f"integers (input dimension, then each layer's width), got {_describe(sizes)}."
        )
    return [check_int(m, f"sizes[{i}]", 1) for i, m in enumerate(widths)]


def as_rng(seed):
    """A numpy Generator from a seed, a Generator, or None (fresh entropy)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and seed >= 0):
        return np.random.default_rng(seed)
    raise ValueError(
        f"seed must be None, a non-negative integer or a numpy.random.Generator, "
        f"got {_describe(seed)}."
    )
