"""What a careless or curious student passes, for the property-based tests of bad input.

``JUNK`` draws values that are wrong for any numeric argument: None, booleans, strings,
complex numbers, NaN and inf, integers too large for a float, empty and ragged lists,
dicts. ``answers(call, ...)`` checks the contract of DESIGN.md for one call: it works, or
raises a ValueError, TypeError or TraitError whose message names the argument, with warnings
as errors, within a time limit.
"""
import math
import signal
from contextlib import contextmanager

import numpy as np
from hypothesis import strategies as st
from traitlets import TraitError

#: Values that are not a number, an array of numbers, or a setting of any kind.
JUNK = st.one_of(
    st.none(), st.booleans(), st.text(max_size=4), st.just("1.5"),
    st.complex_numbers(min_magnitude=1, max_magnitude=10).filter(lambda z: z.imag != 0),
    st.sampled_from([math.nan, math.inf, -math.inf, 10**400, -(10**400)]),
    st.just([]), st.just({}), st.just([[1.0, 2.0], [3.0]]), st.just(["a", "b"]),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.just(np.datetime64("2020-01-01")), st.just(object()),
)

#: Any float, NaN, inf and the largest ones included.
ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True)
#: Finite floats of every size, 1e-300 to 1e300: a finite input must never leak a warning.
FINITE_FLOAT = st.floats(allow_nan=False, allow_infinity=False)


class Timeout(Exception):
    """A call did not finish in its time (the tests' stand-in for a hang)."""


@contextmanager
def bounded(seconds):
    """Raise Timeout in the block after `seconds` (SIGALRM; the tests run in the main thread).

    It stops Python code, such as the optimizers' loop; a call stuck inside C code (LAPACK)
    only sees it when it returns.
    """
    def stop(signum, frame):
        raise Timeout(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


CLEAR_ERRORS = (ValueError, TypeError, TraitError)


def names_one_of(err, names):
    """True when the error's message names one of `names` as a word of its own (``X``, ``y``,
    ``sizes[1]``, ``the learning rate lr``), so a one-letter name must stand alone."""
    text = str(err)
    return any(_names(text, name) for name in names)


def _names(text, name):
    start = text.find(name)
    while start >= 0:
        before = text[start - 1] if start else " "
        after = text[start + len(name)] if start + len(name) < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        start = text.find(name, start + 1)
    return False
