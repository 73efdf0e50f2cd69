r"""The least-squares cost of Section 1.

For a vector-valued output (m_r > 1) the square is the squared Euclidean norm,
:math:`\tfrac12 \lVert h_\theta(x) - y \rVert^2`, which reduces to (1.1) when m_r = 1.
"""
import numpy as np


def squared_loss(h, y):
    r"""Per-example cost, eq. (1.1): :math:`J^{(i)} = \tfrac12 (h_\theta(x^{(i)}) - y^{(i)})^2`.

    Parameters
    ----------
    h, y : array, shape (n,) or (n, m_r)
        Predictions and targets.

    Returns
    -------
    array, shape (n,)
    """
    diff = np.asarray(h) - np.asarray(y)
    if diff.ndim == 1:
        return 0.5 * diff**2  # (1.1)
    return 0.5 * np.sum(diff**2, axis=1)  # (1.1), summed over outputs


def mean_squared_cost(h, y):
    r"""Mean cost over the dataset, eq. (1.2): :math:`J = \frac1n \sum_i J^{(i)}`. Returns a float."""
    J_i = squared_loss(h, y)  # (1.1), shape (n,)
    return float(J_i.sum() / J_i.shape[0])  # (1.2)


def squared_loss_gradient(h, y):
    r""":math:`\partial J / \partial h` for the mean cost (1.2): :math:`(h - y)/n`, shaped like h."""
    h = np.asarray(h)
    return (h - np.asarray(y)) / h.shape[0]
