r"""Learned features, eq. (2.21): a network is a linear model on its last hidden layer.

:math:`h_\theta(x) = W^{[r]} \phi_\beta(x) + b^{[r]}` with :math:`\phi_\beta(x) = a^{[r-1]}`
(:meth:`mlp_lib.MLP.features`). Chapter 8 trains the same network [1, m, 1] two ways, from
the same random :math:`\beta`, on :func:`mlp_lib.data.smooth_curve`:

- ``"last layer only"``: :math:`\beta` stays at its random start and :math:`W^{[r]}, b^{[r]}`
  are the least-squares fit on those fixed features (:func:`fit_last_layer`), a linear
  model on a fixed feature map as in a kernel method;
- ``"all layers"``: every parameter is trained (:func:`train_all_layers`), so the features move.
"""
import numpy as np

from ._checks import check_int
from .data import smooth_curve
from .model import MLP
from .optimizers import momentum_sgd
from .training import train_mlp

#: The widths m compared (hidden units of the 2-layer network [1, m, 1]).
WIDTHS = (5, 10, 20, 40)
#: The two ways of training.
MODES = ("last layer only", "all layers")
#: The data and the training of every network of the chapter.
SETUP = {
    "n": 80, "noise": 0.1, "train_seed": 0, "test_seed": 1,  # smooth_curve(n, noise, seed)
    "activation": "relu", "lr": 0.05, "beta": 0.9, "n_iter": 3000,  # train_all_layers
}


def curve_data():
    """The chapter's data: ``(X, y, X_test, y_test)``, two independent draws of smooth_curve.

    Training: ``smooth_curve(n=80, noise=0.1, seed=0)``; held-out test: the same with seed=1.
    """
    X, y = smooth_curve(n=SETUP["n"], noise=SETUP["noise"], seed=SETUP["train_seed"])
    X_test, y_test = smooth_curve(n=SETUP["n"], noise=SETUP["noise"], seed=SETUP["test_seed"])
    return X, y, X_test, y_test


def fit_last_layer(net, X, y):
    r"""Set :math:`W^{[r]}, b^{[r]}` to the least-squares fit on the fixed features (eq. 2.21).

    With :math:`\beta` fixed, J (eq. 1.2) is a convex quadratic in the last layer, and its
    minimizer solves :math:`\min_{w, b} \frac1{2n}\lVert \Phi w + b\mathbf 1 - y\rVert^2` with
    :math:`\Phi` = ``net.features(X)`` of shape (n, m_{r-1}) (numpy's ``lstsq``; the
    minimum-norm solution when it is not unique).

    Parameters
    ----------
    net : MLP with one output (m_r = 1); changed in place (its last layer only).
    X : array, shape (n, d)
    y : array, shape (n,)

    Returns
    -------
    net
    """
    if not isinstance(net, MLP) or net.sizes[-1] != 1:
        raise ValueError(f"net must be an MLP with one output (m_r = 1), got {net!r:.80}.")
    X, y = net.check_data(X, y)
    Phi = net.features(X)  # phi_beta(x) = a^[r-1], one row per example
    if not np.isfinite(Phi).all():  # lstsq would fail (SVD did not converge) and LAPACK print
        raise ValueError("X is too large for this network: its features phi(X) overflow float64.")
    P = np.column_stack([Phi, np.ones(len(Phi))])  # a column of ones for b^[r]
    coef, *_ = np.linalg.lstsq(P, y, rcond=None)
    net.W[net.r] = coef[None, :-1]  # W^[r], shape (1, m_{r-1})
    net.b[net.r] = coef[-1:]  # b^[r]
    return net


def train_all_layers(net, X, y, lr=SETUP["lr"], n_iter=SETUP["n_iter"], beta=SETUP["beta"]):
    r"""Train every parameter (:math:`\beta` and the last layer) by gradient descent with
    momentum on the whole training set (:func:`mlp_lib.momentum_sgd` with B = n, so no
    sampling is involved). Changes net in place; returns the history of J."""
    return momentum_sgd(net, X, y, lr=lr, B=len(X), n_iter=n_iter, beta=beta, seed=0,
                        record_every=n_iter)


def trained_nets(width, seed=0):
    r"""The three networks [1, width, 1] of the comparison, all from ``MLP(..., seed=seed)``.

    The all-layers training is remembered (:func:`mlp_lib.train_mlp`), so asking again is instant.

    Returns
    -------
    dict
        ``"init"``: the random initialization; ``"last layer only"``: its features with the
        least-squares last layer; ``"all layers"``: every layer trained. New copies each call.
    """
    width = check_int(width, "width (hidden units m)", 1)
    X, y, _, _ = curve_data()
    init = MLP([1, width, 1], activation=SETUP["activation"], seed=seed)
    trained = train_mlp([1, width, 1], X, y, SETUP["activation"], seed, algorithm="momentum",
                        lr=SETUP["lr"], n_iter=SETUP["n_iter"], beta=SETUP["beta"],
                        record_every=SETUP["n_iter"])
    return {"init": init, MODES[0]: fit_last_layer(init.copy(), X, y), MODES[1]: trained["model"]}


def error_table(widths=WIDTHS, seed=0):
    """Train and test cost J (eq. 1.2) of both ways of training, for each width.

    Returns
    -------
    list of dict
        One per width: ``width``, ``params_last`` and ``params_all`` (how many parameters
        each way trains), and ``train``/``test`` J of ``"last layer only"`` and ``"all layers"``.
    """
    X, y, X_test, y_test = curve_data()
    rows = []
    for m in widths:
        nets = trained_nets(m, seed)
        row = {"width": m, "params_last": m + 1, "params_all": nets["init"].num_params}
        for mode in MODES:
            row[mode] = {"train": nets[mode].cost(X, y), "test": nets[mode].cost(X_test, y_test)}
        rows.append(row)
    return rows
