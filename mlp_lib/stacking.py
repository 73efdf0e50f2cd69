r"""The hand-designed housing network of eq. (2.3) (Figure 2) as an :class:`~mlp_lib.MLP`.

.. math::
    a_1 &= \mathrm{ReLU}(\theta_1 x_1 + \theta_2 x_2 + \theta_3) \\
    a_2 &= \mathrm{ReLU}(\theta_4 x_3 + \theta_5) \\
    a_3 &= \mathrm{ReLU}(\theta_6 x_3 + \theta_7 x_4 + \theta_8) \\
    h_\theta(x) &= \theta_9 a_1 + \theta_{10} a_2 + \theta_{11} a_3 + \theta_{12}

It is a 4-3-1 network whose first layer is only partly connected: the missing edges of
Figure 2 are weights fixed at zero (HOUSE_MASK).
"""
import numpy as np

from ._checks import as_float_array
from .model import MLP

#: Which inputs x_1..x_4 (columns) feed which hidden unit a_1..a_3 (rows) in Figure 2.
HOUSE_MASK = np.array([[1, 1, 0, 0],
                       [0, 0, 1, 0],
                       [0, 0, 1, 1]], dtype=bool)


def housing_net(theta):
    r"""The network of eq. (2.3) with parameters :math:`\theta_1, \dots, \theta_{12}`.

    Parameters
    ----------
    theta : array-like, shape (12,)
        ``theta[0]`` is :math:`\theta_1`, ..., ``theta[11]`` is :math:`\theta_{12}`.

    Returns
    -------
    MLP
        sizes [4, 3, 1], ReLU hidden layer, linear output (footnote 3 of the notes).
    """
    t = as_float_array(theta, "theta")
    if t.shape != (12,):
        raise ValueError(f"theta must hold the 12 numbers theta_1..theta_12, got shape {t.shape}.")
    net = MLP([4, 3, 1], activation="relu", seed=0)
    net.W[1] = [[t[0], t[1], 0, 0],   # a_1: size, bedrooms
                [0, 0, t[3], 0],      # a_2: zip code
                [0, 0, t[5], t[6]]]   # a_3: zip code, wealth
    net.b[1] = [t[2], t[4], t[7]]
    net.W[2] = [[t[8], t[9], t[10]]]  # (2.3)
    net.b[2] = [t[11]]
    return net
