r"""Explorer of the activation-function chapter (eqs. 2.14-2.20), computed and drawn in the page:
swap sigma, keep the rest.

The same network, ``MLP(SIZES, activation, seed=SEED)``, is trained by gradient descent
(eq. 1.3) at learning rate ``LR`` for ``N_ITER`` steps on :func:`mlp_lib.data.smooth_curve`,
once per activation of :data:`mlp_lib.ACTIVATIONS`. The page trains it itself, animated
(play, pause, step, reset), from the seeded starts mlp_lib draws here and sends as traitlets,
so its run is mlp_lib.gd's step by step. It draws the fit over the data and the truth
sin(3x), sigma itself, and J at every step for each activation it has trained; for the
identity, also the least-squares line (``np.linalg.lstsq`` on the columns [x, 1], computed
here), which is the best any identity network can do.

The front end is ``js/src/explorers/activations.js`` (bundled as ``static/activations.js``).
With a kernel, :meth:`ActivationExplorer.net` hands back the network the page shows: the
selected activation's MLP after ``t`` steps of :func:`mlp_lib.gd`, trained by mlp_lib.
"""

import numpy as np
import traitlets

from ..activations import ACTIVATIONS
from ..data import curve_truth, smooth_curve
from ..model import MLP
from ..plots.activations import ACTIVATION_COLORS
from ..training import train_mlp
from ._explorer import (Explorer, Integer, Number, as_lists, fixed, front_end, in_range, mlp_to_page, one_input_data,
                        one_of, one_per_example)

#: The training set: 80 noisy samples of sin(3x) on [-1, 1].
DATA = smooth_curve(n=80, noise=0.1, seed=0)
#: The architecture every activation gets: two hidden layers of 16 units (r = 3).
SIZES = [1, 16, 16, 1]
LR = 0.1
N_ITER = 2000
SEED = 0
#: The menu of activations: (label, name).
ACTIVATION_OPTIONS = [("ReLU (2.1)", "relu"), ("sigmoid (2.14)", "sigmoid"), ("tanh (2.15)", "tanh"),
                      ("identity (2.16)", "identity")]
#: Where the fits are drawn: 200 points on [-1.1, 1.1], a little beyond the data.
GRID = np.linspace(-1.1, 1.1, 200)
#: Steps a run may have (the page keeps J at every step).
MAX_ITER = 5000
#: The largest learning rate the explorer accepts.
MAX_LR = 10.0


def least_squares_line(X, y):
    """The best line y = slope x + intercept for (X, y) in the sense of (1.2):
    ``np.linalg.lstsq`` on the columns [x, 1]. Returns (slope, intercept).

    X has shape (n,) or (n, 1) and y shape (n,), finite numbers (a ValueError otherwise).
    """
    x, y = one_input_data(X, y)
    coef, *_ = np.linalg.lstsq(np.column_stack([x, np.ones(len(x))]), y, rcond=None)
    return float(coef[0]), float(coef[1])


class ActivationExplorer(Explorer):
    """A menu of activations and play, pause, step and reset for gradient descent on the
    same [1, 16, 16, 1] network. Hand-back: :meth:`net` (and :meth:`run`)."""

    _esm = front_end("activations")

    #: The training data: inputs x and targets y (the book's 80 of each, or the reader's points
    #: from the page, at least 2); change both together (``with explorer.hold_trait_notifications():``).
    x = traitlets.List(Number(), as_lists(DATA[0][:, 0])).tag(sync=True)
    y = traitlets.List(Number(), as_lists(DATA[1])).tag(sync=True)
    #: Where the fits are drawn, and the truth sin(3x) there.
    grid = fixed(traitlets.List(as_lists(GRID)))
    truth = fixed(traitlets.List(as_lists(curve_truth(GRID))))
    #: The seeded start of every activation's network, as ``mlp_to_page`` writes it.
    starts = fixed(traitlets.Dict())
    #: The least-squares line's (slope, intercept) on (x, y), from np.linalg.lstsq.
    lstsq = fixed(traitlets.List(list(least_squares_line(*DATA))))
    activations = fixed(traitlets.List([list(o) for o in ACTIVATION_OPTIONS]))
    activation_colors = fixed(traitlets.Dict(dict(ACTIVATION_COLORS)))
    #: The reader's choice, and gradient descent's settings.
    activation = traitlets.Unicode("relu").tag(sync=True)
    lr = Number(LR).tag(sync=True)
    n_iter = Integer(N_ITER).tag(sync=True)
    #: How many steps the page's run of the selected activation has made (written by the page;
    #: set it from Python and the page trains to that step); at most n_iter.
    t = Integer(0).tag(sync=True)

    def __init__(self, activation="relu", **settings):
        super().__init__(activation=activation, **settings)
        self.set_fixed(starts={name: mlp_to_page(MLP(SIZES, name, seed=SEED)) for name in ACTIVATIONS})

    # ------------------------------------------------------------ validation
    @traitlets.validate("x", "y")
    def _valid_data(self, proposal):
        return one_per_example(proposal, self, "y" if proposal["trait"].name == "x" else "x")

    @traitlets.observe("x", "y")
    def _new_line(self, change):
        self.set_fixed(lstsq=list(least_squares_line(self.x, self.y)))

    @traitlets.validate("activation")
    def _valid_activation(self, proposal):
        return one_of(proposal, "activation", list(ACTIVATIONS))

    @traitlets.validate("lr")
    def _valid_lr(self, proposal):
        return in_range(proposal, "the learning rate lr", 0, MAX_LR, above=True)

    @traitlets.validate("n_iter")
    def _valid_n_iter(self, proposal):
        return in_range(proposal, "n_iter", 1, MAX_ITER, integer=True)

    @traitlets.validate("t")
    def _valid_t(self, proposal):
        return in_range(proposal, f"the step t (at most n_iter = {self.n_iter})", 0, self.n_iter, integer=True)

    @traitlets.observe("n_iter")
    def _keep_t(self, change):
        self.t = min(self.t, change["new"])

    # ------------------------------------------------------------ hand-back
    def data(self):
        """(X, y) as mlp_lib takes them: X of shape (n, 1), y of shape (n,) (the book's 80
        examples, or the points the reader placed in the page)."""
        return np.array(self.x)[:, None], np.array(self.y)

    def run(self, n_iter=None):
        """The page's run, done by mlp_lib: :func:`mlp_lib.train_mlp` (gradient descent,
        eq. 1.3) of ``MLP(SIZES, activation, seed=SEED)`` for `n_iter` steps (default: as far
        as the page went, ``t``). Returns train_mlp's dict: ``model``, ``history`` (J at
        steps 0..n_iter), ``error`` (the divergence that stopped it, or None), ..."""
        X, y = self.data()
        steps = self.t if n_iter is None else n_iter
        return train_mlp(SIZES, X, y, self.activation, SEED, lr=self.lr, n_iter=steps)

    def net(self, n_iter=None):
        """The network the page shows: the selected activation's :class:`mlp_lib.MLP` after
        ``t`` (or `n_iter`) steps of gradient descent, trained by mlp_lib."""
        return self.run(n_iter)["model"]


def activation_explorer(activation="relu"):
    """The explorer of chapter 7, showing `activation` first.

    Returns an :class:`ActivationExplorer`: show it, train in the page, then ``.net()`` for
    the network you see.
    """
    return ActivationExplorer(activation)
