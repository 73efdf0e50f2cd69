r"""Central-difference gradient checks: is :meth:`mlp_lib.MLP.gradients` the gradient of J?

Backpropagation (:meth:`mlp_lib.MLP.gradients`) computes :math:`\nabla_\theta J` exactly,
in one backward pass. Here the same numbers come from nothing but evaluations of the mean
cost J of eq. (1.2): for every single parameter :math:`\theta_i`,

.. math::
    \frac{\partial J}{\partial \theta_i}(\theta) \approx
    \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2 \varepsilon},

where :math:`e_i` is the i-th unit vector. The error of this central difference is
:math:`O(\varepsilon^2)` (the :math:`\varepsilon^2` terms of the two Taylor expansions
cancel), plus a rounding error of about :math:`10^{-16} |J| / \varepsilon`; with float64 and
:math:`\varepsilon = 10^{-6}` the two agree to about 8 significant digits or better. It costs
two evaluations of J per parameter, which is why training uses backpropagation and tests
use this.

Use float64 networks (the default): in float32 the rounding error alone is about
:math:`10^{-7} / \varepsilon`. A ReLU network whose pre-activation sits within
:math:`\varepsilon` of the kink z = 0 has no derivative there, and the two may disagree;
with random data that has probability of order :math:`\varepsilon`.

numpy only.
"""
import numpy as np

from ._checks import as_float_array, as_real_array, check_positive
from .layers import Layers
from .model import MLP


def _central_differences(J, p, eps):
    """dJ/dp by central differences, perturbing the array p IN PLACE, one entry at a time.

    J() evaluates the cost with p's current contents. Every entry of p is restored to its
    exact original value (not to (p + eps) - eps, which may differ by rounding).
    """
    grad = np.zeros(p.shape, dtype=np.float64)
    for i in np.ndindex(p.shape):
        original = p[i]
        try:
            p[i] = original + eps
            J_plus = J()
            p[i] = original - eps
            J_minus = J()
        finally:  # even when J() raises
            p[i] = original
        with np.errstate(all="ignore"):  # inf - inf when J overflows: nan, silently
            grad[i] = (J_plus - J_minus) / (2 * eps)
    return grad


def numerical_gradient(f, x, eps=1e-6):
    r"""Central-difference gradient of a scalar function of one array.

    .. math:: \frac{\partial f}{\partial x_i} \approx \frac{f(x + \varepsilon e_i) - f(x - \varepsilon e_i)}{2\varepsilon}

    Parameters
    ----------
    f : callable(array) -> float
        The function; it is called with a float64 copy of x (2 * x.size calls).
    x : array-like
        The point; not modified.
    eps : float > 0
        The step :math:`\varepsilon`.

    Returns
    -------
    numpy.ndarray, float64, shaped like x.
    """
    eps = check_positive(eps, "eps")
    if not callable(f):
        raise ValueError(f"f must be a function of one array that returns a number, got {f!r:.80}.")
    x = as_float_array(x, "x").copy()  # a copy: the caller's array is never touched
    return _central_differences(lambda: float(f(x)), x, eps)


def numerical_gradients(net, X, y, eps=1e-6):
    r"""The gradient of the mean cost J (eq. 1.2) of a network, by central differences.

    Computes what :meth:`mlp_lib.MLP.gradients` computes, without backpropagation: every
    entry of every :math:`W^{[k]}` and :math:`b^{[k]}` is moved by :math:`\pm\varepsilon` in
    turn and J is evaluated (``2 * net.num_params`` evaluations), then put back exactly.

    Parameters
    ----------
    net : MLP
        Left unchanged (its parameters are restored bit for bit).
    X : array, shape (n, d)
    y : array, shape (n,) when m_r = 1, else (n, m_r)
    eps : float > 0
        The step :math:`\varepsilon`; 1e-6 suits float64 networks.

    Returns
    -------
    grad_W, grad_b : Layers
        Indexed like ``net.W`` and ``net.b`` (k = 1..r), float64: ``grad_W[k]`` has the
        shape of ``W[k]`` and approximates :math:`\partial J / \partial W^{[k]}`.
    """
    eps = check_positive(eps, "eps")
    if not isinstance(net, MLP):
        raise ValueError(f"net must be an mlp_lib.MLP, got {type(net).__name__} {net!r:.80}.")
    X, y = net.check_data(X, y)  # validate once, not 2 * num_params times

    def J():
        return net.cost(X, y)  # (1.2)

    grad_W = [_central_differences(J, W, eps) for W in net.W]
    grad_b = [_central_differences(J, b, eps) for b in net.b]
    return Layers(grad_W, "grad_W"), Layers(grad_b, "grad_b")


def _flat(a, name):
    """One float64 vector from an array, a Layers, or a sequence of arrays (or Layers)."""
    if isinstance(a, (Layers, list, tuple)):
        parts = [_flat(p, name) for p in a]
        return np.concatenate(parts) if parts else np.zeros(0)
    return as_real_array(a, name).ravel()


def relative_error(a, b):
    r"""How far apart two gradients are, relative to their size:

    .. math:: \frac{\lVert a - b \rVert_2}{\max(\lVert a \rVert_2 + \lVert b \rVert_2,\ 10^{-300})}

    taken over all entries at once. 0 means identical, 1 means unrelated (or opposite);
    backpropagation against :func:`numerical_gradients` in float64 typically gives below
    1e-8. Two all-zero gradients give 0.

    Parameters
    ----------
    a, b : array, Layers, or a sequence of them (e.g. the pair ``(grad_W, grad_b)``)
        Same structure and the same total number of entries.

    Returns
    -------
    float
    """
    a, b = _flat(a, "a"), _flat(b, "b")
    if a.shape != b.shape:
        raise ValueError(
            f"a and b must hold the same number of entries, got {a.size} and {b.size}."
        )
    with np.errstate(all="ignore"):  # inf or nan entries give inf or nan, silently
        denominator = max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)
        return float(np.linalg.norm(a - b) / denominator)
