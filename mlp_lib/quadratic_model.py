r"""The notes' footnote 1 model: non-linear in theta, and not yet a neural network.

.. math:: h_\theta(x) = \theta_1^2 x_1^2 + \theta_2^2 x_2^2 + \dots + \theta_d^2 x_d^2

It has the same interface as :class:`mlp_lib.MLP` for the optimizers (``parameters``,
``cost_and_gradients``, ``_cost``, ``check_data``), so GD, SGD and mini-batch SGD run on it unchanged.
"""
import numpy as np

from ._checks import as_float_array, check_int, check_positive, check_X, check_y
from .losses import mean_cost, squared_loss_gradient


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
        with np.errstate(all="ignore"):  # too large for float64: inf, silently
            return self._forward(X)

    def _forward(self, X):
        return (X**2) @ (self.theta**2)

    __call__ = forward

    def cost(self, X, y):
        """The mean cost J(theta) of eq. (1.2)."""
        X, y = self.check_data(X, y)
        with np.errstate(all="ignore"):
            return self._cost(X, y)

    def _cost(self, X, y):
        """J of eq. (1.2) on checked arrays (what the optimizers call after every update)."""
        return mean_cost(self._forward(X), y)  # (1.2)

    def gradients(self, X, y):
        r""":math:`\nabla_\theta J`, shape (d,): :math:`\frac1n\sum_i (h_\theta(x^{(i)}) - y^{(i)})\, 2\theta_j (x^{(i)}_j)^2`."""
        X, y = self.check_data(X, y)
        with np.errstate(all="ignore"):
            return self.cost_and_gradients(X, y)[1][0]

    def parameters(self):
        return [self.theta]

    def cost_and_gradients(self, X, y):
        X2 = X**2
        h = X2 @ (self.theta**2)
        dh = squared_loss_gradient(h, y)  # (h - y) / n
        return mean_cost(h, y), [2 * self.theta * (dh @ X2)]

    def check_data(self, X, y):
        X = check_X(X, self.d)
        return X, check_y(y, X.shape[0], 1)


def cost_grid(X, y, lim=2.5, num=121):
    r"""J(theta) of eq. (1.2) for the footnote model (d = 2) on a num x num grid over [-lim, lim]^2.

    Vectorized over the grid: column g of ``H`` is :math:`h_\theta(x^{(i)})` for the g-th theta.

    Parameters
    ----------
    X : array, shape (n, 2)
    y : array, shape (n,)
    lim : float > 0
        Half the side of the square of thetas.
    num : int, 2 to 1001
        Grid points per axis.

    Returns
    -------
    dict
        ``theta1``, ``theta2`` (shape (num,) each, the grid's axes) and ``J`` (shape
        (num, num), ``J[i, k]`` at theta = (theta1[k], theta2[i]), as matplotlib's contour expects).
    """
    X, y = QuadraticModel(np.zeros(2)).check_data(X, y)
    lim, num = check_positive(lim, "lim"), check_int(num, "num", 2, 1001)
    t = np.linspace(-lim, lim, num)
    T1, T2 = np.meshgrid(t, t)
    with np.errstate(all="ignore"):  # J too large for float64 is inf, silently
        theta_sq = np.column_stack([T1.ravel() ** 2, T2.ravel() ** 2])  # (num*num, 2)
        H = (X**2) @ theta_sq.T  # (n, num*num): h_theta(x^(i)) for every theta of the grid
        J = np.mean(0.5 * (H - y[:, None]) ** 2, axis=0)  # (1.1) for every example, then (1.2)
    return {"theta1": t, "theta2": t, "J": J.reshape(T1.shape)}
