"""Explorer of eq. (2.1), computed and drawn in the page: set the weight w, the bias b and the
activation of a single neuron and see its prediction over the houses of Figure 1 with its
cost J, and where (w, b) sits on the contours of J(w, b). Play, pause, step and reset fit
(w, b) by mini-batch SGD (Algorithm 2, batch size B: a slider too) from the sliders, animated,
with the cost at every iteration; "keep this run" leaves a fit faint on the plots to compare
with the next.

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
from ._explorer import (Explorer, Integer, Number, fixed, front_end, in_range, number_range, one_input_data,
                        one_of, one_per_example)
from .page_random import SEED_RANGE, page_batches

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
    """Sliders for w, b, the learning rate alpha and the batch size B, a menu of activations,
    and play, pause, step, reset and "keep this run" for mini-batch SGD. Hand-back:
    :meth:`neuron` and :meth:`fitted`."""

    _esm = front_end("neuron")

    #: The houses: sizes x (1000 sq ft) and prices y ($100k), at least 2; change both
    #: together (``with explorer.hold_trait_notifications(): ...``) to change their number.
    x = traitlets.List(Number()).tag(sync=True)
    y = traitlets.List(Number()).tag(sync=True)
    #: The (w, b) plane of the landscape and of the sliders.
    w_range = traitlets.List(list(W_RANGE)).tag(sync=True)
    b_range = traitlets.List(list(B_RANGE)).tag(sync=True)
    lr_range = traitlets.List(list(LR_RANGE)).tag(sync=True)
    activations = fixed(traitlets.List([list(o) for o in ACTIVATION_OPTIONS]))
    #: The sliders' neuron sigma(w x + b), eq. (2.1).
    w = Number(1.0).tag(sync=True)
    b = Number(0.0).tag(sync=True)
    activation = traitlets.Unicode("relu").tag(sync=True)
    #: Mini-batch SGD (Algorithm 2): learning rate alpha, batch size B, iterations, the page's seed.
    lr = Number(LR).tag(sync=True)
    B = Integer(BATCH).tag(sync=True)
    n_iter = Integer(N_ITER).tag(sync=True)
    seed = Integer(0).tag(sync=True)
    #: How far the page's fit has gone (written by the page): 0 when no fit is shown; at most n_iter.
    fit_t = Integer(0).tag(sync=True)

    def __init__(self, X=None, y=None, **settings):
        if X is None or y is None:
            X, y = housing_prices()
        x, y = one_input_data(X, y)
        super().__init__(x=x, y=y, **settings)

    # ------------------------------------------------------------ validation
    @traitlets.validate("x", "y")
    def _valid_data(self, proposal):
        values = one_per_example(proposal, self, "y" if proposal["trait"].name == "x" else "x")
        if len(values) < self.B:
            raise traitlets.TraitError(f"{proposal['trait'].name} must hold at least the batch size B = {self.B} "
                                       f"numbers, got {len(values)}; lower B first.")
        return values

    @traitlets.validate("w_range", "b_range", "lr_range")
    def _valid_range(self, proposal):
        name = proposal["trait"].name
        setting = name[:-len("_range")]
        return number_range(proposal, name, positive=name == "lr_range", holding=[(setting, getattr(self, setting))])

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
        return in_range(proposal, f"the batch size B (at most n = {len(self.y)})", 1, len(self.y) or BATCH,
                        integer=True)

    @traitlets.validate("n_iter")
    def _valid_n_iter(self, proposal):
        return in_range(proposal, "n_iter", 1, MAX_ITER, integer=True)

    @traitlets.validate("seed")
    def _valid_seed(self, proposal):
        return in_range(proposal, "seed", *SEED_RANGE, integer=True)

    @traitlets.validate("fit_t")
    def _valid_fit_t(self, proposal):
        return in_range(proposal, f"fit_t (iterations of the page's fit, at most n_iter = {self.n_iter})",
                        0, self.n_iter, integer=True)

    @traitlets.observe("n_iter")
    def _keep_fit_t(self, change):
        self.fit_t = min(self.fit_t, change["new"])

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

        Returns ``model`` (the last neuron whose J is finite), ``history`` (J at iterations 0..T),
        ``path`` (shape (T + 1, 2): w and b) and ``diverged`` (the iteration where a J or a
        parameter stopped being finite, or None), as the page's fit.
        """
        if n_iter is None:
            n_iter = self.fit_t if self.fit_t > 0 else self.n_iter
        X, y = self.data()
        batches = page_batches("minibatch", len(y), self.B, n_iter, self.seed)
        run = train(self.neuron(), X, y, "batches", lr=self.lr, batches=batches,
                    path=lambda m: (m.w[0], m.b))
        return {"model": run["model"], "history": run["history"], "path": run["path"],
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
