r"""Explorer of "Connection to the kernel method", eq. (2.21): fixed or learned features.

:math:`h_\theta(x) = W^{[r]} \phi_\beta(x) + b^{[r]}` is a linear model on the features
:math:`\phi_\beta(x) = a^{[r-1]}`. Two ways to train the same network (same sizes, same
seed, hence the same random initial :math:`\beta`) on :func:`mlp_lib.data.smooth_curve`:

- ``"last layer only"``: :math:`\beta` stays at its random initial value, and
  :math:`W^{[r]}, b^{[r]}` are the exact least-squares fit on those fixed features
  (:func:`fit_last_layer`): a linear model on a fixed feature map, as in a kernel method;
- ``"all layers"``: every parameter is trained from the same initialization
  (:func:`train_all_layers`), so the features move too.

The trainings are computed once per width and cached, so moving the controls only draws.
"""
import numpy as np

from ..data import curve_truth, smooth_curve
from ..model import MLP
from ..optimizers import momentum_sgd
from ..plots._style import fixed_labels
from ..plots.features import (feature_grid_artists, fit_artists, remove_feature_grid,
                              show_feature_grid, show_fit)
from ._common import dropdown, interactive_figure

#: The widths m the explorer offers (hidden units of the 2-layer network [1, m, 1]).
WIDTHS = (5, 10, 20, 40)
#: The two ways of training.
MODES = ("last layer only", "all layers")
#: The data and the training of every network of the chapter.
SETUP = {
    "n": 80, "noise": 0.1, "train_seed": 0, "test_seed": 1,  # smooth_curve(n, noise, seed)
    "activation": "relu", "lr": 0.05, "beta": 0.9, "n_iter": 3000,  # train_all_layers
}
#: The points where the curves are drawn, spanning the inputs' range [-1, 1].
X_GRID = np.linspace(-1.0, 1.0, 201)

_CACHE = {}


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
    minimizer solves the least-squares problem
    :math:`\min_{w, b} \frac1{2n}\lVert \Phi w + b\mathbf 1 - y\rVert^2` with
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
    if net.sizes[-1] != 1:
        raise ValueError(f"fit_last_layer needs a network with one output, got sizes {net.sizes}.")
    X, y = net.check_data(X, y)
    Phi = net.features(X)  # phi_beta(x) = a^[r-1], one row per example
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


def _check_width(width):
    if isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width < 1:
        raise ValueError(f"width must be a positive integer (hidden units m), got {width!r}.")
    return int(width)


def trained_nets(width, seed=0):
    r"""The three networks [1, width, 1] of the comparison, all from ``MLP(..., seed=seed)``.

    Returns
    -------
    dict
        ``"init"``: the random initialization; ``"last layer only"``: its features with the
        least-squares last layer; ``"all layers"``: every layer trained. Copies: changing
        them does not change the cache.
    """
    key = (_check_width(width), seed)
    if key not in _CACHE:
        X, y, _, _ = curve_data()
        init = MLP([1, key[0], 1], activation=SETUP["activation"], seed=seed)
        last = fit_last_layer(init.copy(), X, y)
        trained = init.copy()
        train_all_layers(trained, X, y)
        _CACHE[key] = {"init": init, MODES[0]: last, MODES[1]: trained}
    return {name: net.copy() for name, net in _CACHE[key].items()}


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


#: Where the two panels go, [x0, y0, width, height] in figure fractions (for figsize (10, 3.8)).
FIT_POSITION = [0.065, 0.13, 0.37, 0.78]
GRID_POSITION = [0.475, 0.02, 0.515, 0.89]


def _artists(fig):
    """The explorer's Axes and the fit panel's artists on this figure, made on its first
    update (kept on the figure); the feature grid is made by :func:`update_features`, as
    its panels depend on the width."""
    artists = getattr(fig, "_features_artists", None)
    if artists is None or artists["ax_grid"] not in fig.axes:  # first update, or fig was cleared
        fig.clear()
        # fixed positions: tight_layout would cost more than the rest of the update
        ax_fit, ax_grid = fig.add_axes(FIT_POSITION), fig.add_axes(GRID_POSITION)
        X, y, _, _ = curve_data()
        fit = fit_artists(ax_fit, X, y, X_GRID, truth=curve_truth(X_GRID))
        # fixed limits, holding the data and every h the explorer can show (-1.10 to 1.22)
        ticks = [-1, -0.5, 0, 0.5, 1]
        ax_fit.set(xlim=(-1.1, 1.1), ylim=(-1.4, 1.4), xticks=ticks, yticks=ticks)
        fixed_labels(ax_fit, ax_fit.get_xlabel(), ax_fit.get_ylabel(), x_below=0.1, y_left=0.12)
        artists = fig._features_artists = {"ax_grid": ax_grid, "fit": fit, "grid": None}
    return artists


def update_features(fig, width=10, mode="all layers", seed=0):
    r"""Draw the fit (left) and the features :math:`\phi_\beta(x)_j`, unit by unit (right).

    The Axes and their artists are made on the first call and only updated afterwards
    (the feature panels are made again when the width changes).

    Parameters
    ----------
    fig : matplotlib Figure
        Drawn on; it ends up with two Axes.
    width : int
        Hidden units m of the network [1, m, 1].
    mode : "last layer only" or "all layers"
    seed : int
        Seed of the initialization.

    Returns
    -------
    dict
        ``x`` (the grid), ``h`` (:math:`h_\theta` on it), ``features`` (the features of the
        trained network on it, shape (len(x), m)), ``features_init`` (at initialization),
        ``weights`` (:math:`W^{[r]}`), ``train_J``, ``test_J``.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(map(repr, MODES))}, got {mode!r}.")
    nets = trained_nets(width, seed)
    net = nets[mode]
    X, y, X_test, y_test = curve_data()
    x = X_GRID[:, None]
    h = net(x)
    feats, feats_init = net.features(x), nets["init"].features(x)
    weights = net.W[net.r][0]
    train_J, test_J = net.cost(X, y), net.cost(X_test, y_test)

    artists = _artists(fig)
    show_fit(artists["fit"], h, title=f"{mode}, m = {width}: train J = {train_J:.4f}, test J = {test_J:.4f}")
    grid = artists["grid"]
    if grid is None or grid["m"] != width:  # other panels: make them anew
        if grid is not None:
            remove_feature_grid(grid)
        grid = artists["grid"] = feature_grid_artists(artists["ax_grid"], width)
    if mode == MODES[0]:
        show_feature_grid(grid, X_GRID, feats, weights=weights,
                          title=r"features $\phi_\beta(x)_j$: fixed at their random start")
    else:
        show_feature_grid(grid, X_GRID, feats, before=feats_init, weights=weights,
                          title=r"features $\phi_\beta(x)_j$: start (dashed) and trained")
    return {"x": X_GRID.copy(), "h": h, "features": feats, "features_init": feats_init,
            "weights": weights.copy(), "train_J": train_J, "test_J": test_J}


def features_explorer(width=10, mode="all layers", widths=WIDTHS):
    """Pick the width m and the way of training; see the fit and every feature.

    All trainings for `widths` are done here, once (a second or two), so each change of
    a control only redraws.
    """
    for m in widths:
        trained_nets(m)
    controls = {
        "width": dropdown("width m", list(widths), value=width),
        "mode": dropdown("train", list(MODES), value=mode),
    }
    return interactive_figure(controls, update_features, figsize=(10, 3.8), ncols=2)
