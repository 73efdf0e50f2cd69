r"""The hand-designed housing network of eq. (2.3) (Figure 2) as an :class:`~mlp_lib.MLP`.

.. math::
    a_1 &= \mathrm{ReLU}(\theta_1 x_1 + \theta_2 x_2 + \theta_3) \\
    a_2 &= \mathrm{ReLU}(\theta_4 x_3 + \theta_5) \\
    a_3 &= \mathrm{ReLU}(\theta_6 x_3 + \theta_7 x_4 + \theta_8) \\
    h_\theta(x) &= \theta_9 a_1 + \theta_{10} a_2 + \theta_{11} a_3 + \theta_{12}

It is a 4-3-1 network whose first layer is only partly connected: :func:`housing_net` sets
the weights of the edges Figure 2 does not have to zero (they are marked False in
HOUSE_MASK). They are ordinary entries of ``W[1]``, so plain gradient descent moves them
(chapter 3 shows it); multiplying the gradient by HOUSE_MASK keeps them at zero.
:func:`housing_theta` reads the twelve thetas back from such a network.
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


def _theta_positions():
    """Where theta_1..theta_12 sit: {(k, j, i): n} for W[k][j, i] and {(k, j): n} for b[k][j].
    Read off housing_net itself, so they can never disagree with it."""
    net = housing_net(np.arange(1.0, 13.0))  # theta_n = n marks its own place
    edges = {(k, int(j), int(i)): int(net.W[k][j, i])  # plain ints: the keys go to JSON too
             for k in (1, 2) for j, i in zip(*np.nonzero(net.W[k]))}
    biases = {(k, j): int(net.b[k][j]) for k in (1, 2) for j in range(len(net.b[k]))}
    return edges, biases


#: Where each theta_n sits in the network. ``THETA_EDGES[(k, j, i)] = n`` when theta_n is
#: W[k][j, i] (the edge from unit i of layer k - 1 to unit j of layer k, from 0), and
#: ``THETA_BIASES[(k, j)] = n`` when theta_n is b[k][j].
THETA_EDGES, THETA_BIASES = _theta_positions()


def housing_theta(net):
    r"""The inverse of :func:`housing_net`: :math:`\theta_1, \dots, \theta_{12}` read off a network.

    Parameters
    ----------
    net : MLP with sizes [4, 3, 1]
        E.g. one built by housing_net and then trained. Weights off the edges of Figure 2
        are not part of theta and are ignored.

    Returns
    -------
    array, shape (12,)
        ``housing_theta(housing_net(theta))`` equals theta.
    """
    if getattr(net, "sizes", None) != [4, 3, 1]:
        raise ValueError(f"net must be an MLP with sizes [4, 3, 1], as housing_net builds, "
                         f"got {getattr(net, 'sizes', net)!r:.80}.")
    theta = np.empty(12)
    for (k, j, i), n in THETA_EDGES.items():
        theta[n - 1] = net.W[k][j, i]
    for (k, j), n in THETA_BIASES.items():
        theta[n - 1] = net.b[k][j]
    return theta


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def theta_name(n):
    """The name of theta_n as the figures and explorers print it, with Unicode subscripts:
    "θ₁" to "θ₁₂" (plain text: no math rendering needed)."""
    return "θ" + str(n).translate(_SUBSCRIPTS)
