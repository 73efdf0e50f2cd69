"""The one exception of mlp_lib that is not a ValueError."""


class TrainingDiverged(FloatingPointError):
    """The cost J (eq. 1.2) or its gradient stopped being a finite number during training.

    Raised by every optimizer in :mod:`mlp_lib.optimizers`. The model keeps the last
    parameters for which everything was finite, so nothing the reader trained is lost.

    Attributes
    ----------
    iteration : int
        The iteration (1-based, as in Algorithms 1 and 2) whose update would have
        produced non-finite numbers.
    lr : float
        The learning rate alpha that was in use.
    history : numpy.ndarray
        The values of J recorded before the failure.
    """

    def __init__(self, iteration, lr, history=()):
        self.iteration = int(iteration)
        self.lr = float(lr)
        import numpy as np

        self.history = np.asarray(history, dtype=float)
        super().__init__(
            f"Training diverged at iteration {self.iteration} with learning rate "
            f"lr={self.lr:g}: the cost J became too large to represent (inf or nan). "
            f"The model keeps its last finite parameters. Try a smaller learning rate, "
            f"for example lr={self.lr / 10:g}."
        )
