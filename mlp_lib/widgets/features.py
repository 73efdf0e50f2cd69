r"""Explorer of "Connection to the kernel method", eq. (2.21), computed and drawn in the page.

:math:`h_\theta(x) = W^{[r]} \phi_\beta(x) + b^{[r]}` is a linear model on the features
:math:`\phi_\beta(x) = a^{[r-1]}`. The reader picks the width m of the network [1, m, 1]
(seeded: the random initial :math:`\beta` comes from ``MLP([1, m, 1], "relu", seed=seed)``)
and which layers train, on the chapter's data (:func:`mlp_lib.features.curve_data`):

- ``"last layer only"``: :math:`\beta` stays at its random start and :math:`W^{[r]}, b^{[r]}`
  are the least-squares fit on those fixed features; the page solves it with a Householder QR
  (``js/src/core/lstsq.js``), as :func:`mlp_lib.features.fit_last_layer` does with numpy;
- ``"all layers"``: every parameter trains by gradient descent (1.3), animated in the page
  (play, pause, step, reset), following :func:`mlp_lib.gd` from the same start.

The page draws the fit (data, truth, :math:`h_\theta`) and every hidden unit
:math:`\phi_\beta(x)_j` over [-1, 1], at the start and now. :meth:`FeaturesExplorer.net`
hands back the network shown, computed by mlp_lib.
"""

import numpy as np
import traitlets

from .._checks import check_int
from ..data import curve_truth
from ..features import MODES, WIDTHS, curve_data, fit_last_layer
from ..model import MLP
from ..training import train
from ._explorer import (Explorer, Integer, Number, as_lists, fixed, front_end, in_range, mlp_from_page,
                        mlp_to_page, one_of)

#: The points where the page draws the curves, spanning the inputs' range [-1, 1].
X_GRID = np.linspace(-1.0, 1.0, 201)
#: Gradient descent of "all layers" in the page: learning rate alpha and iterations.
LR, N_ITER = 0.2, 2000
#: The most iterations a run may have.
MAX_ITER = 20_000
#: The widest network a reader may ask for (every width's start travels to the page).
MAX_WIDTH = 1000
#: The hidden units' activation (that of mlp_lib.features.SETUP).
ACTIVATION = "relu"


def start_nets(widths=WIDTHS, seed=0):
    """The seeded random initial networks [1, m, 1], one per width, as the page reads them."""
    return {str(m): mlp_to_page(MLP([1, m, 1], activation=ACTIVATION, seed=seed)) for m in widths}


class FeaturesExplorer(Explorer):
    r"""Width m and which layers train; the fit and every feature :math:`\phi_\beta(x)_j`.

    Settings (synced with the page): ``width``, ``mode`` (one of
    :data:`mlp_lib.features.MODES`), and for ``"all layers"`` the gradient descent's ``lr``,
    ``n_iter`` and ``t`` (how far the page's run went; the page writes it, and setting it
    from Python moves the page there). :meth:`net` returns the network shown.
    """

    _esm = front_end("features")

    # the data (never changed by the page)
    x = fixed(traitlets.List())
    y = fixed(traitlets.List())
    x_test = fixed(traitlets.List())
    y_test = fixed(traitlets.List())
    x_grid = fixed(traitlets.List(as_lists(X_GRID)))
    truth = fixed(traitlets.List(as_lists(curve_truth(X_GRID))))
    widths = fixed(traitlets.List(list(WIDTHS)))
    modes = fixed(traitlets.List(list(MODES)))
    #: The random initial network of each width, {"5": mlp_to_page(...), ...}, from `seed`.
    starts = fixed(traitlets.Dict())
    seed = Integer(0).tag(sync=True)

    # the reader's settings
    width = Integer(10).tag(sync=True)
    mode = traitlets.Unicode(MODES[1]).tag(sync=True)
    lr = Number(LR).tag(sync=True)
    n_iter = Integer(N_ITER).tag(sync=True)
    #: Gradient descent's iteration shown by "all layers" (0: the start), at most n_iter; the page writes it.
    t = Integer(N_ITER).tag(sync=True)

    def __init__(self, width=10, mode=MODES[1], widths=WIDTHS, seed=0, lr=LR, n_iter=N_ITER, t=None):
        X, y, X_test, y_test = curve_data()
        if isinstance(widths, (str, bytes)) or not hasattr(widths, "__len__") or not widths:
            raise ValueError(f"widths must be a list of one or more numbers of hidden units, got {widths!r:.80}.")
        widths = [check_int(m, "widths[i] (hidden units)", 1, MAX_WIDTH) for m in widths]
        super().__init__()
        self.set_fixed(x=as_lists(X[:, 0]), y=as_lists(y), x_test=as_lists(X_test[:, 0]), y_test=as_lists(y_test),
                       widths=widths)
        self.seed, self.width, self.mode, self.lr, self.n_iter = seed, width, mode, lr, n_iter
        self.t = n_iter if t is None else t  # by default the whole run, as the chapter's training
        self.set_fixed(starts=start_nets(widths, self.seed))

    # ------------------------------------------------------------ validation
    @traitlets.validate("width")
    def _valid_width(self, proposal):
        return one_of(proposal, "width (hidden units m)", list(self.widths))

    @traitlets.validate("mode")
    def _valid_mode(self, proposal):
        return one_of(proposal, "mode", list(MODES))

    @traitlets.validate("lr")
    def _valid_lr(self, proposal):
        return in_range(proposal, "the learning rate lr", 0, 100, above=True)

    @traitlets.validate("n_iter")
    def _valid_n_iter(self, proposal):
        return in_range(proposal, "n_iter", 1, MAX_ITER, integer=True)

    @traitlets.validate("t")
    def _valid_t(self, proposal):
        return in_range(proposal, f"t (iterations of gradient descent, at most n_iter = {self.n_iter})", 0, self.n_iter,
                        integer=True)

    @traitlets.validate("seed")
    def _valid_seed(self, proposal):
        return in_range(proposal, "seed", 0, 2**32 - 1, integer=True)

    @traitlets.observe("seed")
    def _new_starts(self, change):
        self.set_fixed(starts=start_nets(self.widths, change["new"]))

    @traitlets.observe("width")
    def _new_width(self, change):
        self.t = 0  # a new width starts a new run, at its random start (as the page does)

    @traitlets.observe("n_iter")
    def _keep_t(self, change):
        self.t = min(self.t, change["new"])

    # ------------------------------------------------------------ hand-back
    def data(self):
        """The chapter's data as mlp_lib takes them: ``(X, y, X_test, y_test)``, X of shape (n, 1)."""
        return (np.array(self.x)[:, None], np.array(self.y), np.array(self.x_test)[:, None],
                np.array(self.y_test))

    def start(self):
        """The random initial network [1, width, 1] the page starts from (a new MLP)."""
        return mlp_from_page(self.starts[str(self.width)])

    def gd_run(self, n_iter=None):
        """Gradient descent (1.3) on every layer from :meth:`start`, done by mlp_lib
        (:func:`mlp_lib.train` with ``"gd"``): `n_iter` iterations, by default ``t``, as far
        as the page went. Returns train's dict (``model``, ``history``, ``error``, ...)."""
        X, y, _, _ = self.data()
        return train(self.start(), X, y, "gd", lr=self.lr, n_iter=self.t if n_iter is None else n_iter)

    def net(self):
        """The network the page shows: for ``"last layer only"`` the start with its last layer
        fitted by least squares (:func:`mlp_lib.features.fit_last_layer`); for ``"all
        layers"`` the start after ``t`` iterations of gradient descent (:meth:`gd_run`)."""
        if self.mode == MODES[0]:
            X, y, _, _ = self.data()
            return fit_last_layer(self.start(), X, y)
        return self.gd_run()["model"]


def features_explorer(width=10, mode="all layers", widths=WIDTHS, seed=0):
    r"""Pick the width m and which layers train; see the fit and every feature
    :math:`\phi_\beta(x)_j`, before and after, computed in the page.

    Returns a :class:`FeaturesExplorer`: show it, move its controls, then ``.net()`` for the
    network you see.
    """
    return FeaturesExplorer(width=width, mode=mode, widths=widths, seed=seed)
