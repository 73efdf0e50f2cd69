r"""The forward pass written with for loops only, as eq. (2.5) reads: no matrix products.

For every example, every layer and every unit j it computes
:math:`z_j = \sum_i W_{ji} a_i + b_j` one multiplication at a time, then :math:`a_j = \sigma(z_j)`.
It returns exactly what :meth:`mlp_lib.MLP.forward` returns (up to float rounding) and
exists to show how much vectorization (eqs. 2.7-2.11) buys. The weights are first turned
into Python lists, the fastest form for pure-Python loops, so the speed-up we report for
the vectorized version is, if anything, an underestimate.
"""
import math

import numpy as np

from ._checks import check_X


def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


#: The activations, each applied to one Python float.
SCALAR_ACTIVATIONS = {
    "relu": lambda z: z if z > 0.0 else 0.0,
    "sigmoid": _sigmoid,
    "tanh": math.tanh,
    "identity": lambda z: z,
}


def forward_loops(net, X):
    """h_theta(x) for every row of X, computed with Python for loops (eq. 2.5 per unit).

    Parameters
    ----------
    net : MLP
    X : array, shape (n, d)

    Returns
    -------
    array shaped like ``net(X)``.
    """
    X = check_X(X, net.d, net.dtype)
    sigma = SCALAR_ACTIVATIONS[net.activation]
    Ws = [W.tolist() for W in net.W]
    bs = [b.tolist() for b in net.b]
    out = []
    for x in X.tolist():  # one example at a time
        a = x
        for k, (W, b) in enumerate(zip(Ws, bs), start=1):
            z = []
            for j in range(len(W)):  # unit j of layer k
                s = b[j]
                for i in range(len(a)):
                    s += W[j][i] * a[i]  # (2.5): z_j = w_j^T a + b_j
                z.append(s)
            a = [sigma(zj) for zj in z] if k < net.r else z  # last layer linear
        out.append(a)
    H = np.array(out, dtype=net.dtype)
    return H[:, 0] if net.sizes[-1] == 1 else H
