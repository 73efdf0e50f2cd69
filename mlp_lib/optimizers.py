r"""Gradient descent and its stochastic variants, Section 1 of the notes.

The algorithms differ only in WHICH examples feed the gradient:

==============================  ==================================  =============
function                        examples used at each iteration     equation
==============================  ==================================  =============
:func:`~mlp_lib.gd`             all n                               (1.3)
:func:`~mlp_lib.sgd`            one index j, uniform                (1.4), Alg. 1
:func:`~mlp_lib.minibatch_sgd`  B indices, uniform, no replacement  (1.5), Alg. 2
:func:`~mlp_lib.epoch_sgd`      a shuffled pass, B at a time        variant
:func:`~mlp_lib.batch_sgd`      the indices you give                (1.3)-(1.5)
:func:`~mlp_lib.momentum_sgd`   as Alg. 2, with a velocity          variant
==============================  ==================================  =============

The gradient is computed by the model (``model.cost_and_gradients``, backpropagation
for :class:`mlp_lib.MLP`) and applied here by one function, ``_step``, inside the loop
all optimizers share, ``_train``. Each optimizer updates the model in place and returns
the history of the full cost J (eq. 1.2), recorded before the first update and then every
``record_every`` iterations (see :func:`~mlp_lib.recorded_iterations`).

After every update J is evaluated on all n examples (GD gets it from the forward pass of
its next gradient; SGD and mini-batch SGD pay one forward pass for it). If J, a gradient or
the new theta stops being finite (the learning rate is too large), training stops with
:class:`mlp_lib.TrainingDiverged` and the model keeps its last parameters whose J is finite,
as the explorers' JS core does.
"""
import math

import numpy as np

from ._checks import as_rng, check_fraction, check_int, check_positive
from .errors import TrainingDiverged

#: The most iterations a call may ask for, about an hour for a tiny network. A larger count
#: is a typo, refused at once rather than left running.
MAX_ITER = 10**8


def recorded_iterations(n_iter, record_every=1):
    """The iterations at which the history of J is recorded: 0, k, 2k, ..., and n_iter."""
    n_iter = check_int(n_iter, "n_iter", 0, MAX_ITER)
    record_every = check_int(record_every, "record_every", 1)
    its = list(range(0, n_iter + 1, record_every))
    if its[-1] != n_iter:
        its.append(n_iter)
    return np.array(its)


def checked_data(model, X, y):
    """(X, y) checked by the model, which must be one the optimizers train (an instance, not
    the class: a ValueError naming `model` otherwise)."""
    if isinstance(model, type) or not all(
            hasattr(model, name) for name in ("parameters", "cost_and_gradients", "_cost", "check_data")):
        raise ValueError(f"model must be an mlp_lib model the optimizers train (MLP, SingleNeuron or "
                         f"QuadraticModel), got {type(model).__name__} {model!r:.80}.")
    return model.check_data(X, y)


def _vectors(arrays):
    """theta (or its gradient) as the arrays to update: an MLP keeps all of theta in one
    vector (``.vector``, see :class:`mlp_lib.layers.Pieces`), so its update is one vector
    operation; other models give their arrays (numbers become 0-d arrays)."""
    vector = getattr(arrays, "vector", None)
    return [vector] if vector is not None else [np.asarray(a) for a in arrays]


def _step(theta, grad, lr, velocity=None, beta=0.0):
    """One update of theta, in place: theta := theta - alpha grad, eqs. (1.3)-(1.5); with
    momentum, v := beta v + grad and theta := theta - alpha v.

    Returns a copy of theta as it was, to put back should the new theta or its J not be finite.
    """
    step = _vectors(grad)
    if velocity is not None:
        for v, g in zip(velocity, step):
            v *= beta  # v := beta v + grad, in place
            v += g
        step = velocity
    before = [p.copy() for p in theta]
    for p, g in zip(theta, step):
        p -= lr * g  # theta := theta - alpha grad, (1.3)-(1.5)
    return before


def _go_back(theta, checked):
    """Put theta back to `checked`, the last parameters whose J was checked finite (None:
    theta is still there)."""
    for p, p_checked in zip(theta, checked or ()):
        p[...] = p_checked


def _train(model, X, y, lr, n_iter, choose, record_every, callback, beta=None):
    """The loop shared by every optimizer.

    X and y have been checked by model.check_data. choose(t) returns the indices of the
    examples used at iteration t, or None for all of them.
    beta, when given, turns on momentum: v := beta v + grad, theta := theta - lr v.

    J on the whole training set is checked at the new theta where it costs nothing extra
    (GD: it comes with the next iteration's gradient, from one backward pass) and at every
    recorded iteration; with record_every=1 that is every iteration, so a divergence stops at
    the same iteration as the explorers' JS core (``steps`` in optimizers.js). A stochastic
    run with record_every > 1 checks, between records, that theta and the batch's J are
    finite: a step of SGD stays O(B), not O(n). On divergence the model goes back to the
    last parameters whose J was checked finite.
    """
    lr = check_positive(lr, "lr")
    record_every = check_int(record_every, "record_every", 1)
    theta = _vectors(model.parameters())  # the model's own arrays, updated in place
    velocity = None if beta is None else [np.zeros_like(p) for p in theta]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        idx = choose(1) if n_iter > 0 else False  # the examples of the next iteration (None: all n)
        full = model.cost_and_gradients(X, y) if idx is None else None  # (J, grad) on all n examples
        J = full[0] if full else model._cost(X, y)  # (1.2)
        if not math.isfinite(J):
            raise TrainingDiverged(0, lr, [], J=J)
        history = [J]
        if callback is not None:
            callback(0, J, model)
        checked = None  # theta where J was last checked, once theta has moved on from there
        for t in range(1, n_iter + 1):
            J_batch, grad = full if idx is None else model.cost_and_gradients(X[idx], y[idx])
            if not math.isfinite(J_batch):
                _go_back(theta, checked)
                raise TrainingDiverged(t, lr, history)
            before = _step(theta, grad, lr, velocity, beta)
            checked = before if checked is None else checked
            idx = choose(t + 1) if t < n_iter else False
            recorded = t % record_every == 0 or t == n_iter
            check = idx is None or recorded  # J on all n: free with GD's next gradient, else where recorded
            finite = all(np.isfinite(p).all() for p in theta)
            if finite and check:  # J on the whole training set, (1.2); with the next gradient when that uses all n
                full = model.cost_and_gradients(X, y) if idx is None else None
                J = full[0] if full else model._cost(X, y)
            if not finite or (check and not math.isfinite(J)):
                _go_back(theta, checked)
                raise TrainingDiverged(t, lr, history)
            if check:
                checked = None
            if recorded:
                history.append(J)
                if callback is not None:
                    callback(t, J, model)
    return np.array(history)


def gd(model, X, y, lr, n_iter, *, record_every=1, callback=None):
    r"""Gradient descent, eq. (1.3): :math:`\theta := \theta - \alpha \nabla_\theta J(\theta)`.

    Parameters
    ----------
    model : MLP or QuadraticModel
        Updated in place.
    X : array, shape (n, d)
    y : array, shape (n,) (or (n, m_r))
    lr : float > 0
        The learning rate alpha.
    n_iter : int, 0 to MAX_ITER (1e8)
        Number of updates.
    record_every : int >= 1
        Record J (and call `callback`) every this many iterations.
    callback : callable(t, J, model) or None
        Called at iteration 0 and at every recorded iteration t.

    Returns
    -------
    numpy.ndarray
        J at the iterations :func:`~mlp_lib.recorded_iterations` gives.
    """
    n_iter = check_int(n_iter, "n_iter", 0, MAX_ITER)
    X, y = checked_data(model, X, y)
    return _train(model, X, y, lr, n_iter, lambda t: None, record_every, callback)


def sgd(model, X, y, lr, n_iter, *, seed=None, record_every=1, callback=None):
    r"""Algorithm 1, eq. (1.4): each iteration samples ONE index j uniformly from
    {1, ..., n} (with replacement across iterations) and steps along
    :math:`-\nabla_\theta J^{(j)}(\theta)`.

    Parameters are those of :func:`~mlp_lib.gd`, plus `seed` (int or numpy Generator) for the sampling.
    """
    n_iter = check_int(n_iter, "n_iter", 0, MAX_ITER)
    rng = as_rng(seed)
    X, y = checked_data(model, X, y)
    n = len(X)
    return _train(model, X, y, lr, n_iter, lambda t: rng.integers(n, size=1), record_every, callback)


def minibatch_sgd(model, X, y, lr, B, n_iter, *, seed=None, record_every=1, callback=None):
    r"""Algorithm 2, eq. (1.5): each iteration samples B DISTINCT indices
    :math:`j_1, \dots, j_B` (without replacement) and steps along
    :math:`-\frac1B \sum_k \nabla_\theta J^{(j_k)}(\theta)`.

    With B = n every iteration uses all examples, and this is exactly :func:`~mlp_lib.gd`.
    Parameters are those of :func:`~mlp_lib.sgd`, plus the batch size `B` (1 <= B <= n).
    """
    n_iter = check_int(n_iter, "n_iter", 0, MAX_ITER)
    X, y = checked_data(model, X, y)
    n = len(X)
    B = check_int(B, "B (batch size)", 1, n)
    rng = as_rng(seed)
    return _train(model, X, y, lr, n_iter, lambda t: rng.choice(n, size=B, replace=False),
                  record_every, callback)


def _indices(b, name, n):
    """b as a non-empty 1-D array of integers in 0..n-1 (a ValueError naming `name` otherwise)."""
    try:
        idx = np.asarray(b)
    except (TypeError, ValueError):
        idx = None
    if idx is None or idx.ndim != 1 or idx.size == 0 or idx.dtype.kind not in "iu" or idx.min() < 0 or idx.max() >= n:
        raise ValueError(f"{name} must be None or a non-empty 1-D array of indices in 0..{n - 1}, got {b!r:.80}.")
    return idx


def batch_sgd(model, X, y, lr, batches, *, record_every=1, callback=None):
    r"""The update of eqs. (1.3)-(1.5) on batches you choose: iteration t steps along the mean
    gradient of the examples ``batches[t - 1]`` (``None``: all n, which is GD's step).

    The optimizers above differ only in how they draw these indices; this one takes them as
    given. The book's explorers use it to repeat, with mlp_lib, a run whose indices the page
    drew (``mlp_lib.widgets.page_random.page_batches``). Parameters are those of
    :func:`~mlp_lib.gd`, with `batches` (a sequence of index arrays or None) in place of
    n_iter.
    """
    X, y = checked_data(model, X, y)
    n = len(X)
    if isinstance(batches, (str, bytes, dict)) or not hasattr(batches, "__len__"):
        raise ValueError(f"batches must be a list of index arrays (or None for all n), got {batches!r:.80}.")
    batches = [None if b is None else _indices(b, f"batches[{t}]", n) for t, b in enumerate(batches)]
    return _train(model, X, y, lr, len(batches), lambda t: batches[t - 1], record_every, callback)


def epoch_sgd(model, X, y, lr, B, n_epochs, *, seed=None, record_every=1, callback=None):
    """The variant most libraries use: each epoch shuffles the examples once and walks
    through them B at a time, so every example is used exactly once per epoch.

    There are ceil(n / B) iterations per epoch (the last batch of an epoch is smaller
    when B does not divide n); `record_every` counts iterations, not epochs.
    """
    n_epochs = check_int(n_epochs, "n_epochs", 0, MAX_ITER)
    X, y = checked_data(model, X, y)
    n = len(X)
    B = check_int(B, "B (batch size)", 1, n)
    rng = as_rng(seed)
    per_epoch = -(-n // B)
    order = np.arange(n)

    def choose(t):
        i = (t - 1) % per_epoch
        if i == 0:
            rng.shuffle(order)
        return order[i * B:(i + 1) * B]

    return _train(model, X, y, lr, n_epochs * per_epoch, choose, record_every, callback)


def momentum_sgd(model, X, y, lr, B, n_iter, *, beta=0.9, seed=None, record_every=1, callback=None):
    r"""Mini-batch SGD with momentum (heavy ball): batches drawn as in Algorithm 2, then

    .. math:: v := \beta v + \frac1B \sum_k \nabla_\theta J^{(j_k)}(\theta), \qquad \theta := \theta - \alpha v

    with v = 0 at the start. beta = 0 gives :func:`~mlp_lib.minibatch_sgd` exactly.
    """
    n_iter = check_int(n_iter, "n_iter", 0, MAX_ITER)
    X, y = checked_data(model, X, y)
    n = len(X)
    B = check_int(B, "B (batch size)", 1, n)
    beta = check_fraction(beta, "beta")
    rng = as_rng(seed)
    return _train(model, X, y, lr, n_iter, lambda t: rng.choice(n, size=B, replace=False),
                  record_every, callback, beta=beta)
