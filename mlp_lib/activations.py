r"""Activation functions sigma and their derivatives sigma'.

Each is applied entry by entry (the overloaded ReLU of eq. 2.10). The derivative is
written as a function of the pre-activation z, as in the chain rule, not of sigma(z).
"""
import numpy as np


def relu(z):
    r"""ReLU, eq. (2.1): :math:`\max(z, 0)`. Shape in = shape out."""
    return np.maximum(z, 0)  # (2.1)


def relu_derivative(z):
    r""":math:`1[z > 0]` (we take 0 at the kink z = 0)."""
    z = np.asarray(z)
    return (z > 0).astype(np.result_type(z, np.float32))


def sigmoid(z):
    r"""Logistic sigmoid, eq. (2.14): :math:`1 / (1 + e^{-z})`.

    Written so that exp never sees a positive argument: exact and silent even for
    :math:`|z| = 10^4`, where the textbook formula overflows.
    """
    z = np.asarray(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: cannot overflow
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))  # (2.14)


def sigmoid_derivative(z):
    r""":math:`\sigma(z)(1 - \sigma(z))`."""
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z):
    r"""Hyperbolic tangent, eq. (2.15): :math:`(e^z - e^{-z}) / (e^z + e^{-z})`."""
    return np.tanh(z)  # (2.15)


def tanh_derivative(z):
    r""":math:`1 - \tanh^2(z)`."""
    return 1 - np.tanh(z) ** 2


def identity(z):
    r"""The identity :math:`\sigma(z) = z` of eqs. (2.16)-(2.20): a network built with
    it collapses to a linear model."""
    return np.asarray(z)


def identity_derivative(z):
    """Ones, shaped like z."""
    return np.ones_like(z)


#: The pairs (sigma, derivative of sigma) by name, as used by :class:`mlp_lib.MLP` and the widgets.
ACTIVATIONS = {
    "relu": (relu, relu_derivative),
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "identity": (identity, identity_derivative),
}


def get_activation(name):
    """Return ``(sigma, sigma_derivative)`` for an activation name.

    Raises a ValueError listing the supported names when `name` is not one of them.
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"activation must be one of {', '.join(map(repr, ACTIVATIONS))}, got {name!r}."
        ) from None
