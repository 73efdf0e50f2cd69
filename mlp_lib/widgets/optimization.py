"""Explorer of Section 1: pick GD, SGD or mini-batch SGD, a learning rate, a batch size and a
number of iterations; see theta move over the contours of J and the cost fall (or blow up).

The model is the notes' footnote 1 model (:class:`mlp_lib.QuadraticModel`) with d = 2 on
:func:`mlp_lib.data.quadratic_data`. The page trains it itself at every control change
(``static/optimizer.js``, from ``js/src/explorers/optimizer.js``), so the explorer answers on
the static site with no Python running. With a kernel, :meth:`OptimizerExplorer.model`
hands back the model the page trained: mlp_lib's own update (1.3)-(1.5), given the examples
the page drew (:func:`mlp_lib.widgets.page_random.page_batches`).
"""

import numpy as np
import traitlets

from .._checks import as_float_array
from ..data import QUADRATIC_THETA, quadratic_data
from ..plots.optimization import THETA0
from ..quadratic_model import QuadraticModel
from ..training import train
from ._explorer import (Explorer, Integer, Number, as_lists, finite_numbers, fixed, front_end, in_range, number_rows,
                        one_of)
from .page_random import SEED_RANGE, page_batches

#: The algorithm menu: (what the reader sees, the value of the ``algorithm`` traitlet).
ALGORITHM_OPTIONS = [
    ("GD, eq. (1.3)", "gd"),
    ("SGD, Algorithm 1", "sgd"),
    ("mini-batch SGD, Algorithm 2", "minibatch"),
]
#: The learning-rate slider's range (log scale in the page).
LR_RANGE = (1e-3, 1.0)
#: The iterations slider's range.
N_ITER_RANGE = (1, 300)


class OptimizerExplorer(Explorer):
    """GD / SGD / mini-batch SGD on the footnote model, trained and drawn in the page.

    Traitlets (synced with the page): the data ``X`` (n x 2) and ``y`` (n), the start
    ``theta0``, the point ``minima`` (theta*, starred with its mirror images), and the
    reader's settings ``algorithm`` ("gd", "sgd", "minibatch"), ``lr`` (alpha, 0.001 to 1),
    ``B`` (1 to n, Algorithm 2 only), ``n_iter`` (1 to 300) and ``seed`` (the page's draw of
    examples; the button "new random draw" adds 1). The menu and the ranges the page's
    controls and links use are read-only: ``algorithms``, ``lr_range``, ``n_iter_range``.
    """

    _esm = front_end("optimizer")

    algorithms = fixed(traitlets.List([list(o) for o in ALGORITHM_OPTIONS]))
    lr_range = fixed(traitlets.List(list(LR_RANGE)))
    n_iter_range = fixed(traitlets.List(list(N_ITER_RANGE)))

    X = traitlets.List().tag(sync=True)
    y = traitlets.List().tag(sync=True)
    theta0 = traitlets.List([float(v) for v in THETA0]).tag(sync=True)
    minima = traitlets.List([float(v) for v in QUADRATIC_THETA]).tag(sync=True)
    algorithm = traitlets.Unicode("gd").tag(sync=True)
    lr = Number(10 ** -1.5).tag(sync=True)
    B = Integer(8).tag(sync=True)
    n_iter = Integer(100).tag(sync=True)
    seed = Integer(0).tag(sync=True)

    def __init__(self, X=None, y=None, theta0=THETA0, seed=0, **settings):
        if X is None or y is None:
            X, y = quadratic_data()
        X, y = QuadraticModel(np.zeros(2)).check_data(X, y)
        settings.setdefault("B", min(8, len(X)))
        # with the data: B is checked against n
        super().__init__(X=as_lists(X), y=as_lists(y), theta0=as_lists(as_float_array(theta0, "theta0")), seed=seed,
                         **settings)

    # ---- validation: name the setting, the allowed range, the value that came (the page's
    # links check their values by the same rules: js/src/explorers/optimizer.js, linkFields)
    @traitlets.validate("algorithm")
    def _check_algorithm(self, proposal):
        return one_of(proposal, "algorithm", [v for _, v in ALGORITHM_OPTIONS])

    @traitlets.validate("lr")
    def _check_lr(self, proposal):
        return in_range(proposal, "the learning rate lr", *self.lr_range)

    @traitlets.validate("B")
    def _check_B(self, proposal):
        return in_range(proposal, f"the batch size B (at most n = {len(self.X)})", 1, len(self.X), integer=True)

    @traitlets.validate("n_iter")
    def _check_n_iter(self, proposal):
        return in_range(proposal, "the number of iterations n_iter", *self.n_iter_range, integer=True)

    @traitlets.validate("seed")
    def _check_seed(self, proposal):
        return in_range(proposal, "seed", *SEED_RANGE, integer=True)

    @traitlets.validate("theta0", "minima")
    def _check_pair(self, proposal):
        return finite_numbers(proposal, f"{proposal['trait'].name} (theta_1, theta_2)", length=2)

    @traitlets.validate("X")
    def _check_X(self, proposal):
        X = number_rows(proposal, "X", 2)
        if len(X) != len(self.y) or len(X) < self.B:
            raise traitlets.TraitError(
                f"X must have one row per target of y ({len(self.y)}) and at least B = {self.B} rows, got {len(X)} "
                "rows. To change the number of examples, set X, y (and B) together: "
                "with explorer.hold_trait_notifications(): explorer.X = ...; explorer.y = ...")
        return X

    @traitlets.validate("y")
    def _check_y(self, proposal):
        return finite_numbers(proposal, f"y (one target per row of X, n = {len(self.X)})", length=len(self.X))

    # ---- what the page trained, in Python
    def _run(self):
        """Train as the page does: mlp_lib's update (1.3)-(1.5) on the examples the page drew.

        Returns {"model", "history", "path", "diverged"}: the last model whose J is finite, J at
        each iteration drawn, theta at the same iterations, and the iteration where training
        stopped (None if it did not).
        """
        X, y = np.asarray(self.X, dtype=float), np.asarray(self.y, dtype=float)
        batches = page_batches(self.algorithm, len(X), self.B, self.n_iter, self.seed)
        run = train(QuadraticModel(self.theta0), X, y, "batches", lr=self.lr, batches=batches,
                    path=lambda m: m.theta)
        return {"model": run["model"], "history": run["history"], "path": run["path"].reshape(-1, 2),
                "diverged": None if run["error"] is None else run["error"].iteration}

    def model(self):
        """The :class:`mlp_lib.QuadraticModel` the page shows at the end of its run (the last
        finite one when training diverged)."""
        return self._run()["model"]

    def history(self):
        """J (eq. 1.2, on all n examples) at iterations 0, 1, ..., as the page plots it."""
        return self._run()["history"]

    def path(self):
        """theta at the iterations of :meth:`history`, shape (T + 1, 2), as the page draws it."""
        return self._run()["path"]


def optimizer_explorer(X=None, y=None, theta0=THETA0, seed=0):
    """GD / SGD / mini-batch SGD on the footnote model, with the controls of Algorithms 1-2.

    Controls: the algorithm, the learning rate alpha (log scale, 0.001 to 1), the batch size
    B (mini-batch SGD only), the number of iterations and a new random draw of examples.
    Everything is computed in the page. Returns the :class:`OptimizerExplorer`; its
    ``model()`` is the trained model shown, ``history()`` the cost curve.
    """
    return OptimizerExplorer(X, y, theta0=theta0, seed=seed)
