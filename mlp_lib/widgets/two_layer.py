r"""Explorer of the chapter "Two-layer fully-connected neural networks", computed and drawn in
the page.

The reader picks the number of hidden units m, the activation and the learning rate; play,
pause, step and reset train a [1, m, 1] network by gradient descent (eq. 1.3) on
:func:`mlp_lib.data.smooth_curve`, animated. The drawing shows each unit's share
:math:`w^{[2]}_j a_j(x)`, the bias :math:`b^{[2]}` and their sum, which is
:math:`h_\theta(x)` (eq. 2.6), over the data and the truth sin(3x), with the cost J at
every step; hovering or focusing a unit shows its weights.

The front end is ``js/src/explorers/two_layer.js`` (bundled as ``static/two_layer.js``). It
starts every run from a network mlp_lib made (``MLP([1, m, 1], activation, seed=seed)``,
sent for every m and activation as the ``initial_nets`` traitlet), so its run follows
:func:`mlp_lib.gd` step by step (the tests check it to 1e-9). With a kernel,
:meth:`TwoLayerExplorer.net` hands back the network as far as the page trained it.
"""

import numpy as np
import traitlets

from ..activations import ACTIVATIONS
from ..data import curve_truth, smooth_curve
from ..model import MLP
from ..plots.two_layer import unit_colors
from ..training import train_mlp
from ._explorer import (Explorer, Integer, Number, as_lists, fixed, front_end, in_range, mlp_to_page,
                        number_range, one_input_data, one_of, one_per_example)

#: Training stops as diverged once J exceeds this multiple of its starting value
#: (:func:`mlp_lib.train`'s ``max_growth``). The optimizers raise TrainingDiverged only when
#: J overflows; a ReLU network whose units have all died leaves GD on b^[2] alone, where J
#: grows like (1 - lr)^(2t) and can stay finite, near 1e300, for the whole run.
BLOWUP = 1e4
#: The menu of activations: (label, name), ReLU first, as in the notes.
ACTIVATION_OPTIONS = [("ReLU", "relu"), ("sigmoid", "sigmoid"), ("tanh", "tanh"),
                      ("identity (linear)", "identity")]
#: The hidden-units slider's range, and the learning rate's (log scale in the page).
M_RANGE = (1, 20)
LR_RANGE = (1e-3, 10**0.5)
#: The chapter's run: m = 10, ReLU, alpha = 0.3, 500 GD steps from seed 0.
M, LR, N_ITER, SEED = 10, 0.3, 500, 0
#: Iterations a run may have.
MAX_ITER = 5000
#: Points where the page draws the curves (as plot_contributions' default grid).
GRID_POINTS = 200


def initial_nets(seed=SEED):
    """The start of every run the page can make: ``{activation: [MLP([1, m, 1]) for m in
    M_RANGE]}`` in the page's form (:func:`mlp_lib.widgets.mlp_to_page`), 3m + 1 numbers each."""
    return {name: [mlp_to_page(MLP([1, m, 1], name, seed=seed)) for m in range(M_RANGE[0], M_RANGE[1] + 1)]
            for name in ACTIVATIONS}


class TwoLayerExplorer(Explorer):
    """Sliders for m and the learning rate alpha, a menu of activations, and play, pause,
    step and reset for GD on a [1, m, 1] network. Hand-back: :meth:`net`, :meth:`history`."""

    _esm = front_end("two_layer")

    #: The data: inputs x (one per example) and targets y, at least 2; change both together
    #: (``with explorer.hold_trait_notifications(): ...``) to change their number.
    x = traitlets.List(Number()).tag(sync=True)
    y = traitlets.List(Number()).tag(sync=True)
    #: Where the curves are drawn (the range of x), and the truth sin(3x) there (empty for other data).
    grid = fixed(traitlets.List(Number()))
    truth = fixed(traitlets.List(Number()))
    #: The starting networks, {activation: [net for m = 1..20]} (mlp_to_page form), from `seed`.
    initial_nets = fixed(traitlets.Dict())
    m_range = fixed(traitlets.List(list(M_RANGE)))
    lr_range = traitlets.List(list(LR_RANGE)).tag(sync=True)
    activations = fixed(traitlets.List([list(o) for o in ACTIVATION_OPTIONS]))
    #: The units' colours (viridis, as the chapter's figure), from the first unit to the last.
    unit_colors = fixed(traitlets.List(unit_colors(9)))
    #: The setting: m hidden units, the activation sigma, the learning rate alpha, GD steps.
    m = Integer(M).tag(sync=True)
    activation = traitlets.Unicode("relu").tag(sync=True)
    lr = Number(LR).tag(sync=True)
    n_iter = Integer(N_ITER).tag(sync=True)
    seed = Integer(SEED).tag(sync=True)
    #: Training stops once J passes max_growth times its start.
    max_growth = Number(BLOWUP).tag(sync=True)
    #: How far the page's run has gone (iterations; written by the page on pause, step,
    #: end and reset). A run stopped by divergence counts the iteration that stopped it.
    t = Integer(0).tag(sync=True)

    def __init__(self, X=None, y=None, **settings):
        default = X is None or y is None
        if default:
            X, y = smooth_curve()
        x, y = one_input_data(X, y)
        super().__init__(x=x, y=y, **settings)
        self.set_fixed(initial_nets=initial_nets(self.seed))
        if default:
            self.set_fixed(truth=as_lists(curve_truth(self.grid)))

    # ------------------------------------------------------------ validation
    @traitlets.validate("x", "y")
    def _valid_data(self, proposal):
        return one_per_example(proposal, self, "y" if proposal["trait"].name == "x" else "x")

    @traitlets.validate("lr_range")
    def _valid_lr_range(self, proposal):
        return number_range(proposal, "lr_range", positive=True, holding=[("lr", self.lr)])

    @traitlets.observe("x")
    def _new_grid(self, change):  # the curves span the inputs; the truth is known only for the book's data
        self.set_fixed(grid=as_lists(np.linspace(min(change["new"]), max(change["new"]), GRID_POINTS)), truth=[])

    @traitlets.validate("m")
    def _valid_m(self, proposal):
        return in_range(proposal, "the number of hidden units m", *M_RANGE, integer=True)

    @traitlets.validate("lr")
    def _valid_lr(self, proposal):
        return in_range(proposal, "the learning rate lr", *self.lr_range)

    @traitlets.validate("activation")
    def _valid_activation(self, proposal):
        return one_of(proposal, "activation", list(ACTIVATIONS))

    @traitlets.validate("n_iter")
    def _valid_n_iter(self, proposal):
        return in_range(proposal, "n_iter", 1, MAX_ITER, integer=True)

    @traitlets.validate("t")
    def _valid_t(self, proposal):
        return in_range(proposal, "t (the page's iterations)", 0, self.n_iter, integer=True)

    @traitlets.validate("seed")
    def _valid_seed(self, proposal):
        return in_range(proposal, "seed", 0, 2**32 - 1, integer=True)

    @traitlets.validate("max_growth")
    def _valid_max_growth(self, proposal):
        return in_range(proposal, "max_growth", 1.0, 1e300)

    @traitlets.observe("seed")
    def _new_starts(self, change):
        self.set_fixed(initial_nets=initial_nets(change["new"]))

    @traitlets.observe("m", "activation", "lr", "n_iter", "seed", "max_growth")
    def _new_run(self, change):
        self.t = 0  # a new setting starts a new run (the page does the same)

    # ------------------------------------------------------------ hand-back
    def data(self):
        """(X, y) as mlp_lib takes them: X of shape (n, 1), y of shape (n,)."""
        return np.array(self.x)[:, None], np.array(self.y)

    def run(self, n_iter=None):
        """The page's run, done by mlp_lib: GD (1.3) on a fresh ``MLP([1, m, 1], activation,
        seed=seed)`` for `n_iter` steps (default ``t``, as far as the page went), by
        :func:`mlp_lib.train_mlp` with ``max_growth``. Returns its dict (``model``,
        ``history``, ``error``, ...)."""
        X, y = self.data()
        return train_mlp([1, self.m, 1], X, y, self.activation, self.seed, lr=self.lr,
                         n_iter=self.t if n_iter is None else n_iter, max_growth=self.max_growth)

    def net(self, n_iter=None):
        """The trained :class:`mlp_lib.MLP` the page shows (see :meth:`run`): the run's model,
        the last whose J is finite when J overflowed."""
        return self.run(n_iter)["model"]

    def history(self, n_iter=None):
        """J (eq. 1.2) at iterations 0, 1, ... of that run, as the page's cost curve."""
        return self.run(n_iter)["history"]


def two_layer_explorer(X=None, y=None, **settings):
    """The explorer of chapter 4 on :func:`mlp_lib.data.smooth_curve` (or on X, y: one input
    per example); `settings` are traitlets (``m``, ``activation``, ``lr``, ``n_iter``, ``seed``).

    Returns a :class:`TwoLayerExplorer`: show it, move its controls and train, then
    ``.net()`` for the network you see.
    """
    return TwoLayerExplorer(X, y, **settings)
