r"""The notes' footnote 1 model: non-linear in theta, and not yet a neural network.

.. math:: h_\theta(x) = \theta_1^2 x_1^2 + \theta_2^2 x_2^2 + \dots + \theta_d^2 x_d^2

It has the same interface as :class:`mlp_lib.MLP` for the optimizers (``parameters``,
``cost_and_gradients``, ``check_data``), so GD, SGD and mini-batch SGD run on it unchanged.
"""
import numpy as np

from ._checks import as_float_array, check_X, check_y
from .losses import mean_squared_cost, squared_loss_gradient


class QuadraticModel:
    r""":math:`h_\theta(x) = \sum_j \theta_j^2 x_j^2` with parameters theta of shape (d,).

    Parameters
    ----------
    theta : array-like, shape (d,)
        Initial parameters (copied).
    """

    def __init__(self, theta):
        theta = as_float_array(theta, "theta")
        if theta.ndim != 1 or theta.size == 0:
            raise ValueError(f"theta must be a 1-D array of d >= 1 numbers, got shape {theta.shape}.")
        self.theta = theta.copy()

    @property
    def d(self):
        return self.theta.size

    def __repr__(self):
        return f"QuadraticModel(theta={np.round(self.theta, 4).tolist()})"

    def forward(self, X):
        """h_theta for every row of X (shape (n, d)); returns shape (n,)."""
        X = check_X(X, self.d)
        return (X**2) @ (self.theta**2)

    __call__ = forward

    def cost(self, X, y):
        """The mean cost J(theta) of eq. (1.2)."""
        X, y = self.check_data(X, y)
        return mean_squared_cost(self.forward(X), y)  # (1.2)

    def gradients(self, X, y):
        r""":math:`\nabla_\theta J`, shape (d,): :math:`\frac1n\sum_i (h_\theta(x^{(i)}) - y^{(i)})\, 2\theta_j (x^{(i)}_j)^2`."""
        X, y = self.check_data(X, y)
        return self.cost_and_gradients(X, y)[1][0]

    def parameters(self):
        return [self.theta]

    def cost_and_gradients(self, X, y):
        X2 = X**2
        h = X2 @ (self.theta**2)
        dh = squared_loss_gradient(h, y)  # (h - y) / n
        return mean_squared_cost(h, y), [2 * self.theta * (dh @ X2)]

    def check_data(self, X, y):
        X = check_X(X, self.d)
        return X, check_y(y, X.shape[0], 1)
