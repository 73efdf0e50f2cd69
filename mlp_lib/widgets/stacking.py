r"""Explorer of the chapter "Stacking neurons": the housing network of eq. (2.3), in the page.

The reader sets :math:`\theta_1, \dots, \theta_{12}` and picks one house; the left panel
is Figure 2 with that house's value at every node and, under each hidden unit, the share
of houses for which it is 0; the right panel compares :math:`h_\theta(x)` with the true
price over all houses, with the cost J (eq. 1.2). The page computes all of it with its JS
core (``static/housing.js``); the data, the starting theta, where each theta sits in the
network and the colours come from mlp_lib as traitlets. :meth:`HousingExplorer.net` hands
the network back as an :class:`~mlp_lib.MLP`.
"""

import numpy as np
import traitlets

from .._checks import as_float_array
from ..data import HOUSE_FEATURES, HOUSE_HIDDEN, HOUSE_THETA, four_feature_houses
from ..plots.network import NEGATIVE, NEUTRAL, POSITIVE, edge_width
from ..stacking import THETA_BIASES, THETA_EDGES, housing_net, theta_name
from ._explorer import (Explorer, Integer, as_lists, finite_numbers, fixed, front_end, in_range, mlp_to_page,
                        number_range, number_rows)

#: The slider range of every theta_i.
THETA_RANGE = (-3.0, 3.0)


def _unit(k, j):
    """The symbol of unit j of layer k of the housing network: x₁.., a₁.., h."""
    return "h" if k == 2 else ("x" if k == 0 else "a") + theta_name(j + 1)[1:]


def theta_label(n):
    """Where theta_n sits, for its slider: "θ₁: x₁ → a₁", "θ₃: bias of a₁", "θ₉: a₁ → h"."""
    for (k, j, i), m in THETA_EDGES.items():
        if m == n:
            return f"{theta_name(n)}: {_unit(k - 1, i)} → {_unit(k, j)}"
    (k, j), = [u for u, m in THETA_BIASES.items() if m == n]
    return f"{theta_name(n)}: bias of {_unit(k, j)}"


def _theta_groups():
    """The thetas of each unit (the weights into it and its bias), one group per hidden
    unit and one for the output: [{"legend": "a₁ family size", "thetas": [1, 2, 3]}, ...]."""
    units = sorted({(k, j) for k, j, _ in THETA_EDGES} | set(THETA_BIASES))
    groups = []
    for k, j in units:
        thetas = sorted([n for (kk, jj, _), n in THETA_EDGES.items() if (kk, jj) == (k, j)]
                        + [THETA_BIASES[(k, j)]])
        legend = f"{_unit(k, j)} {HOUSE_HIDDEN[j]}" if k == 1 else "output h (price)"
        groups.append({"legend": legend, "thetas": thetas})
    return groups


class HousingExplorer(Explorer):
    r"""The twelve :math:`\theta` of eq. (2.3) and one house, computed and drawn in the page.

    Settings (synced with the page): ``theta`` (12 numbers, ``theta[0]`` is
    :math:`\theta_1`) and ``house`` (a row of X). :meth:`net` returns the network they
    make, as :func:`mlp_lib.housing_net` builds it.
    """

    _esm = front_end("housing")

    # the data and what the page needs to build and label the network (never changed there)
    X = traitlets.List().tag(sync=True)
    y = traitlets.List().tag(sync=True)
    features = fixed(traitlets.List(list(HOUSE_FEATURES)))
    hidden = fixed(traitlets.List(list(HOUSE_HIDDEN)))
    #: housing_net at theta = 0: sizes, activation and the zeros of the missing edges;
    #: the page writes theta_n into the places below.
    blank_net = fixed(traitlets.Dict(mlp_to_page(housing_net(np.zeros(12)))))
    #: [k, j, i, n]: theta_n is W[k][j][i]; [k, j, n]: theta_n is b[k][j] (k from 1, j, i from 0).
    theta_edges = fixed(traitlets.List([[k, j, i, n] for (k, j, i), n in THETA_EDGES.items()]))
    theta_biases = fixed(traitlets.List([[k, j, n] for (k, j), n in THETA_BIASES.items()]))
    theta_labels = fixed(traitlets.List([theta_label(n) for n in range(1, 13)]))
    theta_groups = fixed(traitlets.List(_theta_groups()))
    #: every slider's range: each theta_n stays in it
    theta_range = traitlets.List(list(THETA_RANGE)).tag(sync=True)
    #: the theta that generated four_feature_houses (the reset button's target)
    theta_data = fixed(traitlets.List(as_lists(HOUSE_THETA)))
    #: Figure 2's edges: colour by sign, width from |theta| = 0 to |theta| >= 3
    edge_style = fixed(traitlets.Dict({
        "positive": POSITIVE, "negative": NEGATIVE, "neutral": NEUTRAL,
        "widths": [edge_width(0.0, 1.0), edge_width(1.0, 1.0)], "scale": max(map(abs, THETA_RANGE)),
    }))

    # the reader's settings
    theta = traitlets.List(as_lists(HOUSE_THETA)).tag(sync=True)
    house = Integer(0).tag(sync=True)

    def __init__(self, theta=HOUSE_THETA, house=0, data=None):
        X, y = four_feature_houses() if data is None else data
        X, y = as_float_array(X, "data's X"), as_float_array(y, "data's y")
        if X.ndim != 2 or X.shape[1] != 4 or len(X) == 0:
            raise ValueError(f"data's X must have shape (n, 4), one row per house, got shape {X.shape}.")
        if y.shape != (len(X),):
            raise ValueError(f"data's y must hold one price per house, shape ({len(X)},), got shape {y.shape}.")
        theta = as_float_array(theta, "theta")
        super().__init__(X=as_lists(X), y=as_lists(y), theta=as_lists(theta.reshape(-1)), house=house)

    @traitlets.validate("X")
    def _check_X(self, proposal):
        X = number_rows(proposal, "X (one row of 4 features per house)", 4)
        if len(X) != len(self.y) or self.house >= len(X):
            raise traitlets.TraitError(
                f"X must have one row per price of y ({len(self.y)}) and more than house = {self.house} rows, got "
                f"{len(X)} rows. To change the number of houses, set X, y (and house) together: "
                "with explorer.hold_trait_notifications(): explorer.X = ...; explorer.y = ...")
        return X

    @traitlets.validate("y")
    def _check_y(self, proposal):
        return finite_numbers(proposal, f"y (one price per row of X, n = {len(self.X)})", length=len(self.X))

    @traitlets.validate("theta_range")
    def _check_theta_range(self, proposal):
        low, high = number_range(proposal, "theta_range")
        if not all(low <= t <= high for t in self.theta):
            raise traitlets.TraitError(f"theta_range must hold every theta_n of theta, got [{low:g}, {high:g}].")
        return [low, high]

    @traitlets.validate("theta")
    def _check_theta(self, proposal):
        t = finite_numbers(proposal, "theta (theta_1..theta_12)", length=12)
        low, high = self.theta_range
        outside = [n for n, v in enumerate(t, start=1) if not low <= v <= high]
        if outside:
            raise traitlets.TraitError(f"theta must hold 12 numbers from {low:g} to {high:g} (the sliders' range), "
                                       f"got theta_{outside[0]} = {t[outside[0] - 1]:g}.")
        return t

    @traitlets.validate("house")
    def _check_house(self, proposal):
        return in_range(proposal, "house (a row of X)", 0, len(self.X) - 1, integer=True)

    def theta_array(self):
        r"""The current :math:`\theta_1, \dots, \theta_{12}` as an array of shape (12,)."""
        return np.array(self.theta, dtype=float)

    def net(self):
        """The network the explorer shows now: :func:`mlp_lib.housing_net` of its theta (a new MLP)."""
        return housing_net(self.theta_array())


def housing_explorer(theta=HOUSE_THETA, house=0, data=None):
    r"""The twelve :math:`\theta` of eq. (2.3) and a house, live in the page.

    Starts at `theta` (default: the parameters that generated the data,
    :data:`mlp_lib.data.HOUSE_THETA`) with house number `house`; `data` is ``(X, y)``,
    default :func:`mlp_lib.data.four_feature_houses` ``()``. Returns the
    :class:`HousingExplorer` widget; its :meth:`~HousingExplorer.net` is the network shown.
    """
    return HousingExplorer(theta=theta, house=house, data=data)
