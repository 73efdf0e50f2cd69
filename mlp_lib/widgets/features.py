r"""Explorer of "Connection to the kernel method", eq. (2.21): fixed or learned features.

:math:`h_\theta(x) = W^{[r]} \phi_\beta(x) + b^{[r]}` is a linear model on the features
:math:`\phi_\beta(x) = a^{[r-1]}`. Two ways to train the same network (same sizes, same
seed, hence the same random initial :math:`\beta`) on :func:`mlp_lib.data.smooth_curve`:

- ``"last layer only"``: :math:`\beta` stays at its random initial value, and
  :math:`W^{[r]}, b^{[r]}` are the exact least-squares fit on those fixed features
  (:func:`mlp_lib.features.fit_last_layer`): a linear model on a fixed feature map, as in a
  kernel method;
- ``"all layers"``: every parameter is trained from the same initialization
  (:func:`mlp_lib.features.train_all_layers`), so the features move too.

The mathematics is in :mod:`mlp_lib.features`; the trainings are remembered there, so
moving the controls only draws.
"""
import numpy as np

from ..data import curve_truth
from ..features import MODES, WIDTHS, curve_data, trained_nets
from ..plots._style import fixed_labels
from ..plots.features import (feature_grid_artists, fit_artists, remove_feature_grid,
                              show_feature_grid, show_fit)
from ._common import dropdown, interactive_figure

#: The points where the curves are drawn, spanning the inputs' range [-1, 1].
X_GRID = np.linspace(-1.0, 1.0, 201)


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
