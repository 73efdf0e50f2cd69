"""Input validation at mlp_lib's public boundary.

Every message names the argument, says what was expected and shows what came, so a
student can fix the call without reading mlp_lib's source.
"""
import numbers

import numpy as np


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return repr(value)


def as_float_array(value, name, dtype=np.float64):
    """Convert to a float array, or raise a ValueError that names `name`."""
    try:
        arr = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be an array of numbers, got {type(value).__name__} {value!r:.80}."
        ) from None
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


def check_positive(value, name):
    """A positive finite real number, e.g. the learning rate alpha."""
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not np.isfinite(value)
        or value <= 0
    ):
        raise ValueError(f"{name} must be a positive number, got {_describe(value)}.")
    return float(value)


def check_int(value, name, low, high=None):
    """An integer in [low, high] (high=None: no upper bound)."""
    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if ok and value >= low and (high is None or value <= high):
        return int(value)
    where = f"between {low} and {high}" if high is not None else f"at least {low}"
    raise ValueError(f"{name} must be an integer {where}, got {_describe(value)}.")


def check_fraction(value, name):
    """A number in [0, 1), e.g. the momentum coefficient beta."""
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not 0 <= value < 1
    ):
        raise ValueError(f"{name} must be a number in [0, 1), got {_describe(value)}.")
    return float(value)


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
