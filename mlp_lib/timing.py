r"""Timing helpers for the vectorization chapter (eqs. 2.7-2.11): numpy and time only.

:func:`median_time` is a small ``timeit``: it calls a function in batches long enough for
the clock to resolve, and reports the median seconds per call, which shrugs off the odd
slow run caused by another program. Why not ``timeit.Timer.autorange`` itself: it aims
every batch at 0.2 s, fixed, so five batches of each of the two timings per width would
take at least 2 s, twice the 1 s budget :func:`forward_timings` gives a width so that
chapter 5 runs in seconds; here a batch needs only `min_time` (5 ms by default), and
the time budget stops early, which ``Timer.repeat`` cannot. :func:`forward_timings` uses it to time the for-loop
forward pass (:func:`mlp_lib.forward_loops`, eq. 2.5 unit by unit) against the matrix form
(``net(X)``, eq. 2.9 for all examples at once) over a range of widths.
"""
import time

import numpy as np

from ._checks import check_int, check_number
from .loops import forward_loops
from .model import MLP


#: The longest a batch of calls may be asked to last, in seconds. More would stall a notebook.
MAX_MIN_TIME = 10.0


def median_time(fn, *, repeat=5, min_time=0.005, budget=None):
    """Median wall-clock seconds of one call of ``fn()``.

    The calls are made in batches of ``number`` calls, ``number`` in 1, 2, 5, 10, 20, ...
    chosen (as ``timeit`` does) so that one batch lasts at least `min_time` seconds; the
    median over `repeat` batches, divided by ``number``, is returned.

    Parameters
    ----------
    fn : callable()
        What to time; called with no arguments.
    repeat : int, 1 to 1000
        Number of batches whose median is taken.
    min_time : float, 0 to 10
        Shortest duration of one batch, in seconds.
    budget : float >= 0 or None
        If given, stop after the batch that brings the total time over `budget` seconds
        (but never before 3 batches, or `repeat` if smaller), so one slow function cannot
        stall a notebook.

    Returns
    -------
    float
        Seconds per call.
    """
    repeat = check_int(repeat, "repeat", 1, 1000)
    min_time = check_number(min_time, "min_time (seconds)", 0, MAX_MIN_TIME)
    if budget is not None:
        budget = check_number(budget, "budget (seconds)", 0)
    if not callable(fn):
        raise ValueError(f"fn must be a callable taking no arguments, got {fn!r:.80}.")

    def run(number):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        return time.perf_counter() - start

    number, factors = 1, (2, 2.5, 2)  # 1, 2, 5, 10, 20, 50, ...
    seconds, i = run(number), 0
    while seconds < min_time:
        number = int(number * factors[i % 3])
        i += 1
        seconds = run(number)
    times, total = [seconds / number], seconds
    while len(times) < repeat:
        if budget is not None and total > budget and len(times) >= min(3, repeat):
            break
        seconds = run(number)
        times.append(seconds / number)
        total += seconds
    return float(np.median(times))


def forward_timings(widths, *, d=13, n=300, hidden_layers=2, activation="relu", seed=0,
                    repeat=5, budget=1.0):
    """Time the for-loop forward pass against ``net(X)`` for networks of several widths.

    For each width m the network is ``MLP([d, m, ..., m, 1])`` with `hidden_layers`
    hidden layers of m units, applied to n random examples (rows of X, shape (n, d)).

    Parameters
    ----------
    widths : sequence of int >= 1
    d, n, hidden_layers : int >= 1
        Input dimension, number of examples, number of hidden layers (r = hidden_layers + 1).
    activation : str
    seed : int
        Seeds the network and X.
    repeat, budget
        Passed to :func:`median_time` for each timing.

    Returns
    -------
    dict
        ``widths``, ``loops`` and ``vectorized`` (seconds per forward pass over all n
        examples, arrays shaped like widths), ``speedup`` (loops / vectorized),
        ``max_abs_diff`` (the largest ``|forward_loops(net, X) - net(X)|`` seen), and the
        settings ``d``, ``n``, ``hidden_layers``.
    """
    widths = [check_int(m, "widths[i]", 1) for m in widths]
    d, n = check_int(d, "d", 1), check_int(n, "n", 1)
    hidden_layers = check_int(hidden_layers, "hidden_layers", 1)
    X = np.random.default_rng(seed).standard_normal((n, d))
    loops, vectorized, diff = [], [], 0.0
    for m in widths:
        net = MLP([d] + [m] * hidden_layers + [1], activation, seed=seed)
        diff = max(diff, float(np.max(np.abs(forward_loops(net, X) - net(X)))))
        loops.append(median_time(lambda: forward_loops(net, X), repeat=repeat, budget=budget))
        vectorized.append(median_time(lambda: net(X), repeat=repeat, budget=budget))
    loops, vectorized = np.array(loops), np.array(vectorized)
    return {"widths": np.array(widths), "loops": loops, "vectorized": vectorized,
            "speedup": loops / vectorized, "max_abs_diff": diff,
            "d": d, "n": n, "hidden_layers": hidden_layers}
