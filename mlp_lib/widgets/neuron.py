"""Explorer of eq. (2.1), computed and drawn in the page: set the weight w, the bias b and the
activation of a single neuron and see its prediction over the houses of Figure 1 with its
cost J, and where (w, b) sits on the contours of J(w, b). Play, pause, step and reset fit
(w, b) by mini-batch SGD (Algorithm 2) from the sliders, animated, with the cost at every
iteration.

The front end is ``js/src/explorers/neuron.js`` (bundled as ``static/neuron.js``): it
computes h, J, the J(w, b) grid and the SGD run with the JS core, which the tests check
against :class:`mlp_lib.SingleNeuron` and :func:`mlp_lib.plots.neuron.neuron_cost_grid`.
With a kernel, :meth:`NeuronExplorer.neuron` hands back the sliders' neuron and
:meth:`NeuronExplorer.fitted` the neuron the page's fit reached, trained by mlp_lib with
the page's indices.
"""

import numpy as np
import traitlets

from ..activations import ACTIVATIONS
from ..data import housing_prices
from ..neuron import SingleNeuron
from ..training import train
from ..plots.neuron import B_RANGE, W_RANGE
from ._explorer import Explorer, as_lists, front_end, in_range, one_of
from .page_random import page_batches

#: The menu of activations: (label, name), ReLU first, as in the notes.
ACTIVATION_OPTIONS = [("ReLU (2.1)", "relu"), ("sigmoid", "sigmoid"), ("tanh", "tanh"),
                      ("identity (linear)", "identity")]
#: The fit's settings: those of chapter 2's training (``mlp_lib.neuron.fit_neuron``'s defaults).
LR, BATCH, N_ITER = 0.08, 10, 500
#: The learning-rate slider's range (log scale in the page).
LR_RANGE = (1e-3, 10.0)
#: Iterations a fit may have (the page keeps every step to draw the path).
MAX_ITER = 5000


class NeuronExplorer(Explorer):
    """Sliders for w, b and the learning rate alpha, a menu of activations, and play, pause,
    step and reset for mini-batch SGD. Hand-back: :meth:`neuron` and :meth:`fitted`."""

    _esm = front_end("neuron")

    #: The houses: sizes x (1000 sq ft) and prices y ($100k).
    x = traitlets.List(traitlets.Float()).tag(sync=True)
    y = traitlets.List(traitlets.Float()).tag(sync=True)
    #: The (w, b) plane of the landscape and of the sliders.
    w_range = traitlets.List(list(W_RANGE)).tag(sync=True)
    b_range = traitlets.List(list(B_RANGE)).tag(sync=True)
    lr_range = traitlets.List(list(LR_RANGE)).tag(sync=True)
    activations = traitlets.List([list(o) for o in ACTIVATION_OPTIONS]).tag(sync=True)
    #: The sliders' neuron sigma(w x + b), eq. (2.1).
    w = traitlets.Float(1.0).tag(sync=True)
    b = traitlets.Float(0.0).tag(sync=True)
    activation = traitlets.Unicode("relu").tag(sync=True)
    #: Mini-batch SGD (Algorithm 2): learning rate alpha, batch size B, iterations, the page's seed.
    lr = traitlets.Float(LR).tag(sync=True)
    B = traitlets.Int(BATCH).tag(sync=True)
    n_iter = traitlets.Int(N_ITER).tag(sync=True)
    seed = traitlets.Int(0).tag(sync=True)
    #: How far the page's fit has gone (written by the page): 0 when no fit is shown.
    fit_t = traitlets.Int(0).tag(sync=True)

    def __init__(self, X=None, y=None, **settings):
        if X is None or y is None:
            X, y = housing_prices()
        X = np.asarray(X, dtype=float)
        if X.ndim == 2 and X.shape[1] != 1:
            raise ValueError(f"X must hold one input per house (shape (n,) or (n, 1)), got shape {X.shape}.")
        x, y = X.reshape(-1), np.asarray(y, dtype=float).reshape(-1)
        if x.size != y.size or x.size < 2 or not (np.isfinite(x).all() and np.isfinite(y).all()):
            raise ValueError(f"X and y must hold the same number (at least 2) of finite values, "
                             f"got {x.size} and {y.size}.")
        super().__init__(x=as_lists(x), y=as_lists(y), **settings)

    # ------------------------------------------------------------ validation
    @traitlets.validate("w")
    def _valid_w(self, proposal):
        return in_range(proposal, "the weight w", *self.w_range)

    @traitlets.validate("b")
    def _valid_b(self, proposal):
        return in_range(proposal, "the bias b", *self.b_range)

    @traitlets.validate("lr")
    def _valid_lr(self, proposal):
        return in_range(proposal, "the learning rate lr", *self.lr_range)

    @traitlets.validate("activation")
    def _valid_activation(self, proposal):
        return one_of(proposal, "activation", list(ACTIVATIONS))

    @traitlets.validate("B")
    def _valid_B(self, proposal):
        return in_range(proposal, "the batch size B (at most n)", 1, len(self.y) or BATCH, integer=True)

    @traitlets.validate("n_iter")
    def _valid_n_iter(self, proposal):
        return in_range(proposal, "n_iter", 1, MAX_ITER, integer=True)

    @traitlets.validate("seed")
    def _valid_seed(self, proposal):
        return in_range(proposal, "seed", 0, 2**32 - 1, integer=True)

    # ------------------------------------------------------------ hand-back
    def data(self):
        """(X, y) as mlp_lib takes them: X of shape (n, 1), y of shape (n,)."""
        return np.array(self.x)[:, None], np.array(self.y)

    def neuron(self):
        """The sliders' neuron, :class:`mlp_lib.SingleNeuron` (w, b, activation)."""
        return SingleNeuron(self.w, self.b, self.activation)

    def fit_run(self, n_iter=None):
        """The page's fit, done by mlp_lib: mini-batch SGD (Algorithm 2) from the sliders'
        (w, b), with mlp_lib's gradient and the update (1.5) on the very batches the page
        drew (:func:`mlp_lib.widgets.page_random.page_batches`).

        n_iter: iterations to run; by default as far as the page's fit went (``fit_t``),
        or the whole run (``self.n_iter``) when the page shows no fit.

        Returns ``model`` (the last finite neuron), ``history`` (J at iterations 0..T),
        ``path`` (shape (T + 1, 2): w and b) and ``diverged`` (the iteration where a J or a
        parameter stopped being finite, or None), as the page's fit.
        """
        if n_iter is None:
            n_iter = self.fit_t if self.fit_t > 0 else self.n_iter
        X, y = self.data()
        batches = page_batches("minibatch", len(y), self.B, n_iter, self.seed)
        run = train(self.neuron(), X, y, "batches", lr=self.lr, batches=batches,
                    path=lambda m: (m.w[0], m.b))
        w, b = run["path"][-1]  # the last neuron whose J was finite, as the page keeps it
        return {"model": SingleNeuron(w, b, self.activation), "history": run["history"], "path": run["path"],
                "diverged": None if run["error"] is None else run["error"].iteration}

    def fitted(self, n_iter=None):
        """The neuron after the page's fit (see :meth:`fit_run`), a :class:`mlp_lib.SingleNeuron`."""
        return self.fit_run(n_iter)["model"]


def neuron_explorer(X=None, y=None):
    """The explorer of chapter 2 on the houses of Figure 1 (or on X, y: one input per house).

    Returns a :class:`NeuronExplorer`: show it, move its controls, then ``.neuron()`` or
    ``.fitted()`` for the neuron you see.
    """
    return NeuronExplorer(X, y)
