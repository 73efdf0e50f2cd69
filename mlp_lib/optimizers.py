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

If J or a gradient stops being finite (the learning rate is too large), training stops
with :class:`mlp_lib.TrainingDiverged`, the model keeping its last finite parameters.
"""
import math

import numpy as np

from ._checks import as_rng, check_fraction, check_int, check_positive
from .errors import TrainingDiverged


def recorded_iterations(n_iter, record_every=1):
    """The iterations at which the history of J is recorded: 0, k, 2k, ..., and n_iter."""
    its = list(range(0, n_iter + 1, record_every))
    if its[-1] != n_iter:
        its.append(n_iter)
    return np.array(its)


def _vectors(arrays):
    """theta (or its gradient) as the arrays to update: an MLP keeps all of theta in one
    vector (``.vector``, see :class:`mlp_lib.layers.Pieces`), so its update is one vector
    operation; other models give their arrays (numbers become 0-d arrays)."""
    vector = getattr(arrays, "vector", None)
    return [vector] if vector is not None else [np.asarray(a) for a in arrays]


def _step(model, theta, Xb, yb, lr, velocity=None, beta=0.0):
    """One iteration on the batch (Xb, yb): theta := theta - alpha grad, eqs. (1.3)-(1.5);
    with momentum, v := beta v + grad and theta := theta - alpha v.

    Returns False, leaving theta as it was, when J or the new theta is not finite.
    """
    J, grad = model.cost_and_gradients(Xb, yb)
    step = _vectors(grad)
    if velocity is not None:
        for v, g in zip(velocity, step):
            v *= beta  # v := beta v + grad, in place
            v += g
        step = velocity
    new = [p - lr * g for p, g in zip(theta, step)]  # theta - alpha grad, (1.3)-(1.5)
    if not (math.isfinite(J) and all(np.isfinite(p).all() for p in new)):
        return False  # the model keeps its last finite theta
    for p, p_new in zip(theta, new):
        p[...] = p_new  # theta := theta - alpha grad
    return True


def _train(model, X, y, lr, n_iter, choose, record_every, callback, beta=None):
    """The loop shared by every optimizer.

    X and y have been checked by model.check_data. choose(t) returns the indices of the
    examples used at iteration t, or None for all of them.
    beta, when given, turns on momentum: v := beta v + grad, theta := theta - lr v.
    """
    lr = check_positive(lr, "lr")
    record_every = check_int(record_every, "record_every", 1)
    theta = _vectors(model.parameters())  # the model's own arrays, updated in place
    velocity = None if beta is None else [np.zeros_like(p) for p in theta]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        history = [model.cost(X, y)]
        if not np.isfinite(history[0]):
            raise TrainingDiverged(0, lr, [])
        if callback is not None:
            callback(0, history[0], model)
        for t in range(1, n_iter + 1):
            idx = choose(t)
            Xb, yb = (X, y) if idx is None else (X[idx], y[idx])
            if not _step(model, theta, Xb, yb, lr, velocity, beta):
                raise TrainingDiverged(t, lr, history)
            if t % record_every == 0 or t == n_iter:
                J = model.cost(X, y)  # (1.2) on the whole training set
                if not np.isfinite(J):
                    raise TrainingDiverged(t, lr, history)
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
    n_iter : int >= 0
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
    n_iter = check_int(n_iter, "n_iter", 0)
    X, y = model.check_data(X, y)
    return _train(model, X, y, lr, n_iter, lambda t: None, record_every, callback)


def sgd(model, X, y, lr, n_iter, *, seed=None, record_every=1, callback=None):
    r"""Algorithm 1, eq. (1.4): each iteration samples ONE index j uniformly from
    {1, ..., n} (with replacement across iterations) and steps along
    :math:`-\nabla_\theta J^{(j)}(\theta)`.

    Parameters are those of :func:`~mlp_lib.gd`, plus `seed` (int or numpy Generator) for the sampling.
    """
    n_iter = check_int(n_iter, "n_iter", 0)
    rng = as_rng(seed)
    X, y = model.check_data(X, y)
    n = len(X)
    return _train(model, X, y, lr, n_iter, lambda t: rng.integers(n, size=1), record_every, callback)


def minibatch_sgd(model, X, y, lr, B, n_iter, *, seed=None, record_every=1, callback=None):
    r"""Algorithm 2, eq. (1.5): each iteration samples B DISTINCT indices
    :math:`j_1, \dots, j_B` (without replacement) and steps along
    :math:`-\frac1B \sum_k \nabla_\theta J^{(j_k)}(\theta)`.

    With B = n every iteration uses all examples, and this is exactly :func:`~mlp_lib.gd`.
    Parameters are those of :func:`~mlp_lib.sgd`, plus the batch size `B` (1 <= B <= n).
    """
    n_iter = check_int(n_iter, "n_iter", 0)
    X, y = model.check_data(X, y)
    n = len(X)
    B = check_int(B, "B (batch size)", 1, n)
    rng = as_rng(seed)
    return _train(model, X, y, lr, n_iter, lambda t: rng.choice(n, size=B, replace=False),
                  record_every, callback)


def batch_sgd(model, X, y, lr, batches, *, record_every=1, callback=None):
    r"""The update of eqs. (1.3)-(1.5) on batches you choose: iteration t steps along the mean
    gradient of the examples ``batches[t - 1]`` (``None``: all n, which is GD's step).

    The optimizers above differ only in how they draw these indices; this one takes them as
    given. The book's explorers use it to repeat, with mlp_lib, a run whose indices the page
    drew (``mlp_lib.widgets.page_random.page_batches``). Parameters are those of
    :func:`~mlp_lib.gd`, with `batches` (a sequence of index arrays or None) in place of
    n_iter.
    """
    X, y = model.check_data(X, y)
    n = len(X)
    batches = [None if b is None else np.asarray(b) for b in batches]
    for t, b in enumerate(batches, start=1):
        if b is not None and (b.ndim != 1 or b.size == 0 or b.dtype.kind not in "iu"
                              or b.min() < 0 or b.max() >= n):
            raise ValueError(f"batches[{t - 1}] must be None or a non-empty 1-D array of indices "
                             f"in 0..{n - 1}, got {b!r:.80}.")
    return _train(model, X, y, lr, len(batches), lambda t: batches[t - 1], record_every, callback)


def epoch_sgd(model, X, y, lr, B, n_epochs, *, seed=None, record_every=1, callback=None):
    """The variant most libraries use: each epoch shuffles the examples once and walks
    through them B at a time, so every example is used exactly once per epoch.

    There are ceil(n / B) iterations per epoch (the last batch of an epoch is smaller
    when B does not divide n); `record_every` counts iterations, not epochs.
    """
    n_epochs = check_int(n_epochs, "n_epochs", 0)
    X, y = model.check_data(X, y)
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
    n_iter = check_int(n_iter, "n_iter", 0)
    X, y = model.check_data(X, y)
    n = len(X)
    B = check_int(B, "B (batch size)", 1, n)
    beta = check_fraction(beta, "beta")
    rng = as_rng(seed)
    return _train(model, X, y, lr, n_iter, lambda t: rng.choice(n, size=B, replace=False),
                  record_every, callback, beta=beta)
