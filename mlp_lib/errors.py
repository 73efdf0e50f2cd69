"""The exception training raises when the learning rate is too large.

Bad input raises a ValueError that names the argument (see ``mlp_lib._checks``); indexing
``W[k]`` with a layer that does not exist raises IndexError or TypeError, as a list does.
"""
import math

import numpy as np


class TrainingDiverged(FloatingPointError):
    """The cost J (eq. 1.2) stopped being a finite number during training, or grew past a
    limit the caller set (see :func:`mlp_lib.train`).

    Raised by every optimizer in :mod:`mlp_lib.optimizers`. The model keeps its last
    parameters whose J is finite, so nothing the reader trained is lost.
    ``str(err)`` is a message for the reader: where it happened, with which learning rate,
    and what to try.

    Attributes
    ----------
    iteration : int
        The iteration (1-based, as in Algorithms 1 and 2) whose update would have
        produced non-finite numbers (0: J was not finite at the start), or whose J passed
        the limit.
    lr : float
        The learning rate alpha that was in use.
    history : numpy.ndarray
        The values of J recorded before the failure.
    J : float
        The cost that stopped training: inf or nan, or a finite J past the limit.
    """

    def __init__(self, iteration, lr, history=(), J=math.inf):
        self.iteration = int(iteration)
        self.lr = float(lr)
        self.history = np.asarray(history, dtype=float)
        self.J = float(J)
        if math.isfinite(self.J) and self.history.size:
            what = f"J grew from {self.history[0]:.3g} to {self.J:.3g}"
        else:
            what = "J became too large to represent (inf or nan)"
        super().__init__(
            f"Training diverged at iteration {self.iteration} with learning rate "
            f"{self.lr:g}: {what}. The model keeps its last parameters whose J is finite. "
            f"Try a smaller learning rate, such as {self.lr / 10:g}."
        )
