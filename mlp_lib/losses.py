r"""The least-squares cost of Section 1.

For a vector-valued output (m_r > 1) the square is the squared Euclidean norm,
:math:`\tfrac12 \lVert h_\theta(x) - y \rVert^2`, which reduces to (1.1) when m_r = 1.

:func:`squared_loss` and :func:`mean_squared_cost` check their arguments; the models call
``per_example_cost`` and ``mean_cost`` below on arrays they have already checked.
"""
import numpy as np

from ._checks import as_real_array


def per_example_cost(h, y):
    """Eq. (1.1) on checked arrays of one shape: shape (n,)."""
    diff = h - y
    if diff.ndim == 1:
        return 0.5 * diff**2  # (1.1)
    return 0.5 * np.sum(diff**2, axis=1)  # (1.1), summed over outputs


def mean_cost(h, y):
    """Eq. (1.2) on checked arrays of one shape: a float."""
    J_i = per_example_cost(h, y)  # (1.1), shape (n,)
    return float(J_i.sum() / J_i.shape[0])  # (1.2)


def check_h_y(h, y):
    """h and y as float arrays of one shape, (n,) or (n, m_r) with n >= 1; else a ValueError.

    Two shapes numpy would broadcast, such as (n, 1) and (n,), are refused: their difference
    would be an n x n matrix, and the cost the mean of the wrong n^2 numbers.
    """
    if not (isinstance(h, np.ndarray) and h.dtype.kind == "f"):
        h = as_real_array(h, "h")
    if not (isinstance(y, np.ndarray) and y.dtype.kind == "f"):
        y = as_real_array(y, "y")
    if h.shape != y.shape or h.ndim not in (1, 2) or h.shape[0] == 0:
        raise ValueError(
            "h and y must have the same shape, (n,) or (n, m_r) with n >= 1 (one prediction per "
            f"target), got h of shape {h.shape} and y of shape {y.shape}."
            + (" Use h.ravel() or y.reshape(-1, 1) to give them one shape." if h.size == y.size > 0 else "")
        )
    return h, y


def squared_loss(h, y):
    r"""Per-example cost, eq. (1.1): :math:`J^{(i)} = \tfrac12 (h_\theta(x^{(i)}) - y^{(i)})^2`.

    Parameters
    ----------
    h, y : array, shape (n,) or (n, m_r), the same for both
        Predictions and targets. Shapes numpy would broadcast, such as h of shape (n, 1)
        against y of shape (n,), raise a ValueError (they would give n x n differences).

    Returns
    -------
    array, shape (n,)
        inf where a square is too large for float64.
    """
    h, y = check_h_y(h, y)
    with np.errstate(over="ignore", invalid="ignore"):
        return per_example_cost(h, y)  # (1.1)


def mean_squared_cost(h, y):
    r"""Mean cost over the dataset, eq. (1.2): :math:`J = \frac1n \sum_i J^{(i)}`.

    h and y as in :func:`squared_loss`. Returns a float (inf when J is too large for float64).
    """
    h, y = check_h_y(h, y)
    with np.errstate(over="ignore", invalid="ignore"):
        return mean_cost(h, y)  # (1.2)


def squared_loss_gradient(h, y):
    r""":math:`\partial J / \partial h` for the mean cost (1.2): :math:`(h - y)/n`, shaped like h."""
    h = np.asarray(h)
    return (h - np.asarray(y)) / h.shape[0]
