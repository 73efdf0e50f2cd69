r"""A neural network with a single neuron, eqs. (2.1)-(2.2).

.. math:: h_\theta(x) = \sigma(w^\top x + b), \qquad \theta = (w, b)

with :math:`\sigma` = ReLU in the notes (eq. 2.1 for d = 1). :class:`SingleNeuron` lets
the other activations of mlp_lib take the place of ReLU, so chapter 2 can compare them.

Why a model of its own: in :class:`mlp_lib.MLP` the last layer is always linear (eq. 2.12),
so ``MLP([d, 1])`` is :math:`w^\top x + b` with no activation, and ``MLP([d, 1, 1])`` is
:math:`a\,\sigma(w^\top x + b) + c`, which has two parameters more than the neuron of the
notes (training would move a and c too). A single neuron with its activation at the output
needs the few lines below; the tests check them against ``MLP([d, 1, 1])`` with a = 1, c = 0.
"""
import numpy as np

from ._checks import as_float_array, check_X, check_y
from .activations import get_activation
from .losses import mean_cost, squared_loss_gradient
from .training import train


class SingleNeuron:
    r""":math:`h_\theta(x) = \sigma(w^\top x + b)`, eq. (2.2); eq. (2.1) when d = 1 and sigma = ReLU.

    It offers what :mod:`mlp_lib.optimizers` needs (``parameters``, ``cost_and_gradients``,
    ``_cost``, ``check_data``), so :func:`mlp_lib.sgd` and friends train it unchanged.

    Parameters
    ----------
    w : array-like, shape (d,), or a number when d = 1
        The weight vector (copied).
    b : float
        The bias.
    activation : {"relu", "sigmoid", "tanh", "identity"}
    """

    def __init__(self, w, b, activation="relu"):
        self.w = np.atleast_1d(as_float_array(w, "w")).copy()
        if self.w.ndim != 1 or self.w.size == 0:
            raise ValueError(f"w must be a number or a 1-D array of d >= 1 numbers, got shape {self.w.shape}.")
        self.b = as_float_array(b, "b").copy()  # a 0-d array, so that the optimizers update it in place
        if self.b.shape != ():
            raise ValueError(f"b must be a single number, got shape {self.b.shape}.")
        self.sigma, self.sigma_derivative = get_activation(activation)
        self.activation = activation

    @property
    def d(self):
        return self.w.size

    def __repr__(self):
        return (f"SingleNeuron(w={np.round(self.w, 4).tolist()}, b={float(self.b):.4f}, "
                f"activation={self.activation!r})")

    def forward(self, X):
        """h for every row of X, shape (n, d) (or (n,) when d = 1); returns shape (n,)."""
        X = check_X(X, self.d)
        with np.errstate(all="ignore"):  # too large for float64: inf or nan, silently
            return self._forward(X)

    def _forward(self, X):
        return self.sigma(X @ self.w + self.b)  # (2.2)

    __call__ = forward

    def cost(self, X, y):
        """The mean cost J(w, b) of eq. (1.2)."""
        X, y = self.check_data(X, y)
        with np.errstate(all="ignore"):
            return self._cost(X, y)

    def _cost(self, X, y):
        """J of eq. (1.2) on checked arrays (what the optimizers call after every update)."""
        return mean_cost(self._forward(X), y)  # (1.2)

    def gradients(self, X, y):
        r"""(dJ/dw, dJ/db): :math:`\frac1n \sum_i (h - y^{(i)})\, \sigma'(z^{(i)})\, (x^{(i)}, 1)`."""
        X, y = self.check_data(X, y)
        with np.errstate(all="ignore"):
            _, (grad_w, grad_b) = self.cost_and_gradients(X, y)
        return grad_w, float(grad_b)

    # ------------------------------------------- the interface the optimizers use
    def parameters(self):
        return [self.w, self.b]

    def cost_and_gradients(self, X, y):
        z = X @ self.w + self.b  # (2.2), before the activation
        h = self.sigma(z)
        dz = squared_loss_gradient(h, y) * self.sigma_derivative(z)  # dJ/dz = (h - y)/n * sigma'(z)
        return mean_cost(h, y), [X.T @ dz, dz.sum()]

    def check_data(self, X, y):
        X = check_X(X, self.d)
        return X, check_y(y, X.shape[0], 1)


def fit_neuron(w, b, activation, X, y, lr=0.08, B=10, n_iter=500, seed=0):
    """Train a SingleNeuron from (w, b) with mini-batch SGD (Algorithm 2), recording (w, b).

    Kept for the chapter 2 explorer; it is ``mlp_lib.train(SingleNeuron(w, b, activation),
    X, y, "minibatch", lr=lr, B=B, n_iter=n_iter, seed=seed, path=...)`` (see
    :func:`mlp_lib.train`), whose dict it returns: ``model``, ``history``, ``path``
    (shape (T + 1, d + 1): w then b) and ``error``.
    """
    return train(SingleNeuron(w, b, activation), X, y, "minibatch", lr=lr, B=B, n_iter=n_iter,
                 seed=seed, path=lambda m: np.append(m.w, m.b))
