r"""One way for the chapters and explorers to train: run an optimizer of Section 1, record
what a figure needs, and hand back a diverged run as a result instead of a traceback.

:func:`train` runs :func:`~mlp_lib.gd`, :func:`~mlp_lib.sgd`, :func:`~mlp_lib.minibatch_sgd`
or :func:`~mlp_lib.momentum_sgd` on any model they accept; :func:`train_mlp` trains a fresh
:class:`~mlp_lib.MLP` and remembers the result (``functools.lru_cache``), so an explorer
that comes back to a setting does not train again.
"""
import functools
import numbers

import numpy as np

from ._checks import as_rng, check_fraction, check_int, check_number
from .errors import TrainingDiverged
from .model import MLP
from .optimizers import batch_sgd, checked_data, gd, minibatch_sgd, momentum_sgd, sgd

#: The optimizers :func:`train` runs, by name.
OPTIMIZERS = {"gd": gd, "sgd": sgd, "minibatch": minibatch_sgd, "momentum": momentum_sgd,
              "batches": batch_sgd}


def train(model, X, y, algorithm="gd", *, lr, n_iter=None, B=None, beta=0.9, seed=0, record_every=1,
          path=None, max_growth=None, batches=None):
    r"""Train `model` in place with one optimizer of Section 1, catching a divergence.

    Parameters
    ----------
    model : MLP, SingleNeuron or QuadraticModel
        Trained in place; keeps its last parameters whose J is finite if training diverges.
    X : array, shape (n, d)
    y : array, shape (n,) (or (n, m_r))
    algorithm : {"gd", "sgd", "minibatch", "momentum", "batches"}
        :func:`~mlp_lib.gd` (1.3), :func:`~mlp_lib.sgd` (1.4), :func:`~mlp_lib.minibatch_sgd`
        (1.5), :func:`~mlp_lib.momentum_sgd`, or :func:`~mlp_lib.batch_sgd` on `batches`.
    lr : float > 0
        The learning rate alpha.
    n_iter : int >= 0
        Number of updates (not with "batches": one update per batch).
    B : int or None
        Batch size of "minibatch" and "momentum"; None means all n examples.
    beta : float in [0, 1)
        Momentum coefficient of "momentum".
    seed : int or numpy.random.Generator
        Seeds the sampling of "sgd", "minibatch" and "momentum".
    record_every : int >= 1
        Record J (and `path`) every this many iterations, as the optimizers do.
    path : callable(model) -> array, or None
        What to record of the model at each recorded iteration (copied), e.g.
        ``lambda m: m.theta``.
    batches : sequence of index arrays (or None for all n), with "batches" only
        The examples of every iteration, as :func:`~mlp_lib.batch_sgd` takes them.
    max_growth : float >= 1, or None
        Count training as diverged once J exceeds `max_growth` times its starting value,
        even while J is finite (a run that grows like 1e300 but has not yet overflowed);
        the model then keeps the parameters of that J.

    Returns
    -------
    dict
        ``model``; ``history``, shape (T,): J at the recorded iterations (up to the one
        that stopped a diverged run, when that J is finite); ``iterations``, shape (T,):
        which iterations those are; ``path``, shape (T, p), or None; ``error``: the
        :class:`~mlp_lib.TrainingDiverged` that stopped training, or None.
    """
    if not isinstance(algorithm, str) or algorithm not in OPTIMIZERS:
        raise ValueError(f"algorithm must be one of {', '.join(map(repr, OPTIMIZERS))}, got {algorithm!r:.80}.")
    if max_growth is not None:
        max_growth = check_number(max_growth, "max_growth (how many times its start J may grow to)", 1)
    if path is not None and not callable(path):
        raise ValueError(f"path must be a function of the model (such as lambda m: m.theta) or None, got {path!r:.80}.")
    X, y = checked_data(model, X, y)
    if B is not None:  # checked whichever the algorithm, so that a wrong one is never silently ignored
        B = check_int(B, "B (batch size)", 1, len(X))
    beta = check_fraction(beta, "beta")
    as_rng(seed)  # a bad seed is refused whichever the algorithm (a Generator is not drawn from)
    iterations, history, points = [], [], []

    def record(t, J, m):
        iterations.append(t)
        history.append(J)
        if path is not None:
            points.append(np.array(path(m), dtype=float).ravel())
        if max_growth is not None and J > max_growth * history[0]:
            raise TrainingDiverged(t, lr, history[:-1], J=J)

    if (algorithm == "batches") != (batches is not None) or (algorithm == "batches") == (n_iter is not None):
        raise ValueError('give n_iter for every algorithm but "batches", and batches for "batches" '
                         f'only; got algorithm={algorithm!r}, n_iter={n_iter!r}, batches given: {batches is not None}.')
    batch = len(X) if B is None else B
    run = {
        "gd": lambda: gd(model, X, y, lr, n_iter, record_every=record_every, callback=record),
        "sgd": lambda: sgd(model, X, y, lr, n_iter, seed=seed, record_every=record_every, callback=record),
        "minibatch": lambda: minibatch_sgd(model, X, y, lr, batch, n_iter, seed=seed,
                                           record_every=record_every, callback=record),
        "momentum": lambda: momentum_sgd(model, X, y, lr, batch, n_iter, beta=beta, seed=seed,
                                         record_every=record_every, callback=record),
        "batches": lambda: batch_sgd(model, X, y, lr, batches, record_every=record_every, callback=record),
    }[algorithm]
    try:
        run()
        error = None
    except TrainingDiverged as err:
        error = err
    return {"model": model, "history": np.array(history), "iterations": np.array(iterations, dtype=int),
            "path": np.array(points) if path is not None else None, "error": error}


def _key(value):
    """A hashable stand-in for an argument, equal for equal values of one type (True is not 1,
    nor 1.0): lists and tuples by their items, arrays by dtype, shape and bytes, anything else
    (numbers, names, functions) by its type and itself."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *map(_key, value))
    if isinstance(value, dict):
        return ("dict", *sorted((k, _key(v)) for k, v in value.items()))
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape, value.tobytes())
    return type(value), value


class _Arguments:
    """train_mlp's arguments, compared by value, so that functools.lru_cache recognizes a call it has seen."""

    def __init__(self, **arguments):
        self.arguments = arguments
        self.key = _key(arguments)

    def __hash__(self):
        return hash(self.key)

    def __eq__(self, other):
        return isinstance(other, _Arguments) and self.key == other.key


@functools.lru_cache(maxsize=256)
def _train_mlp(call):
    a = dict(call.arguments)
    net = MLP(a.pop("sizes"), a.pop("activation"), seed=a.pop("seed"))
    return train(net, a.pop("X"), a.pop("y"), **a)


def train_mlp(sizes, X, y, activation="relu", seed=0, **settings):
    """A fresh ``MLP(sizes, activation, seed=seed)`` trained by :func:`train` on (X, y).

    Remembered: the same arguments again return the same result without training (with an
    integer seed the start is seeded, so training is deterministic). `settings` are those of :func:`train`
    (``algorithm``, ``lr``, ``n_iter``, ...).

    Returns
    -------
    dict
        As :func:`train`; ``model`` and the arrays are copies, so changing them does not
        change what is remembered.
    """
    seeded = isinstance(seed, numbers.Integral) and not isinstance(seed, bool)  # else the start is random
    try:
        call = _Arguments(sizes=sizes, X=X, y=y, activation=activation, seed=seed, **settings) if seeded else None
        hash(call)
    except TypeError:  # an argument that cannot be compared by value
        call = None
    if call is None:  # nothing to remember
        return train(MLP(sizes, activation, seed=seed), X, y, **settings)
    run = _train_mlp(call)
    return {name: value.copy() if value is not None and name != "error" else value
            for name, value in run.items()}
