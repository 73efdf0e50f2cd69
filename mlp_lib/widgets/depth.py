r"""Explorer of the multi-layer chapter (eqs. 2.12-2.13), computed and drawn in the page:
the depth r, the width m of every hidden layer and the learning rate.

Every hidden layer has the same width m, so ``sizes = [1, m, ..., m, 1]`` with r - 1
hidden ReLU layers. The page shows a table of the shape of every
:math:`W^{[k]}, b^{[k]}, a^{[k]}` for the batch of training examples, the parameter count
three ways (``net.num_params``, :func:`mlp_lib.param_count`, and the notes' printed
formula :func:`mlp_lib.notes_param_count`, in red where it overcounts), and gradient
descent (eq. 1.3) on :func:`mlp_lib.data.smooth_curve`, animated: play, pause, step, reset,
with the fit and the cost J drawn as it goes.

The front end is ``js/src/explorers/depth.js`` (bundled as ``static/depth.js``). The
tables, counts and starting networks come from mlp_lib: one seeded
``MLP(sizes, "relu", seed=SEED)`` for every (r, m) the sliders allow, so the page's run is
mlp_lib's :func:`~mlp_lib.gd` from the same start (the tests check it to 1e-9). With a
kernel, :meth:`DepthExplorer.net` hands back the network as far as the page trained it.

The widths are powers of two, 1 to 32: the starting networks of every (r, m) travel with
the widget (about 330 kB of JSON; every width from 1 to 32 would be about 2.6 MB).
"""

import numpy as np
import traitlets

from ..data import curve_truth, smooth_curve
from ..model import MLP, parameter_counts, shape_rows
from ..training import train_mlp
from ._explorer import Explorer, Integer, Number, as_lists, fixed, front_end, in_range, mlp_to_page, number_range, one_of

#: The training set of the explorer: 80 noisy samples of sin(3x) on [-1, 1].
DATA = smooth_curve(n=80, noise=0.1, seed=0)
#: The seed of every starting network.
SEED = 0
#: The depths r the slider offers, and the widths m (powers of two: see the module's docstring).
DEPTHS = (2, 6)
WIDTHS = (1, 2, 4, 8, 16, 32)
#: Gradient-descent steps of a run, and the most a run may have.
N_ITER = 500
MAX_ITER = 2000
#: The learning-rate slider's range (log scale in the page), as before: 10^-2 to 10^0.5.
LR_RANGE = (0.01, 10 ** 0.5)
#: Where the fit is drawn: 200 points on [-1.1, 1.1].
GRID = np.linspace(-1.1, 1.1, 200)


def depth_sizes(r, m, d=1):
    """``[d, m, ..., m, 1]`` with r - 1 hidden layers (r weight matrices)."""
    return [d] + [int(m)] * (int(r) - 1) + [1]


def start_net(r, m):
    """The seeded starting network of depth r and width m: ``MLP(sizes, "relu", seed=SEED)``."""
    return MLP(depth_sizes(r, m), "relu", seed=SEED)


def _key(r, m):
    return f"{r},{m}"


def _table(net, X):
    """The sizes, the shape rows (shapes as lists, None for row 0's W and b) and the counts."""
    rows = [{name: (list(v) if isinstance(v, tuple) else v) for name, v in row.items()}
            for row in shape_rows(net, X)]
    return {"sizes": list(net.sizes), "rows": rows, "counts": parameter_counts(net)}


class DepthExplorer(Explorer):
    """Sliders for the depth r, the width m and the learning rate alpha; play, pause, step
    and reset for gradient descent. Hand-back: :meth:`net` (and :meth:`run`)."""

    _esm = front_end("depth")

    #: The training data (x of each example, y) and the curve they come from, on GRID.
    x = fixed(traitlets.List(as_lists(DATA[0][:, 0])))
    y = fixed(traitlets.List(as_lists(DATA[1])))
    grid = fixed(traitlets.List(as_lists(GRID)))
    truth = fixed(traitlets.List(as_lists(curve_truth(GRID))))
    #: What the sliders allow: [smallest r, largest r] and the widths.
    depths = fixed(traitlets.List(list(DEPTHS)))
    widths = fixed(traitlets.List(list(WIDTHS)))
    lr_range = traitlets.List(list(LR_RANGE)).tag(sync=True)
    #: Per "r,m": the starting network (mlp_to_page), and its sizes, shape rows and counts.
    nets = fixed(traitlets.Dict())
    tables = fixed(traitlets.Dict())
    seed = fixed(traitlets.Int(SEED))
    #: The settings.
    r = Integer(4).tag(sync=True)
    m = Integer(16).tag(sync=True)
    lr = Number(0.1).tag(sync=True)
    n_iter = Integer(N_ITER).tag(sync=True)
    #: How far the page's run went (written by the page): 0 when it shows the start; at most n_iter.
    t = Integer(0).tag(sync=True)

    def __init__(self, **settings):
        X, _ = DATA
        nets, tables = {}, {}
        for r in range(DEPTHS[0], DEPTHS[1] + 1):
            for m in WIDTHS:
                net = start_net(r, m)
                nets[_key(r, m)] = mlp_to_page(net)
                tables[_key(r, m)] = _table(net, X)
        super().__init__(**settings)
        self.set_fixed(nets=nets, tables=tables)

    # ------------------------------------------------------------ validation
    @traitlets.validate("r")
    def _valid_r(self, proposal):
        return in_range(proposal, "the depth r", *self.depths, integer=True)

    @traitlets.validate("m")
    def _valid_m(self, proposal):
        return one_of(proposal, "the width m", self.widths)

    @traitlets.validate("lr")
    def _valid_lr(self, proposal):
        return in_range(proposal, "the learning rate lr", *self.lr_range)

    @traitlets.validate("lr_range")
    def _valid_lr_range(self, proposal):
        return number_range(proposal, "lr_range", positive=True, holding=[("lr", self.lr)])

    @traitlets.validate("n_iter")
    def _valid_n_iter(self, proposal):
        return in_range(proposal, "n_iter", 1, MAX_ITER, integer=True)

    @traitlets.validate("t")
    def _valid_t(self, proposal):
        return in_range(proposal, f"t (GD steps of the page's run, at most n_iter = {self.n_iter})", 0, self.n_iter,
                        integer=True)

    @traitlets.observe("n_iter")
    def _keep_t(self, change):
        self.t = min(self.t, change["new"])

    # ------------------------------------------------------------ hand-back
    def data(self):
        """(X, y) as mlp_lib takes them: X of shape (80, 1), y of shape (80,)."""
        return np.array(self.x)[:, None], np.array(self.y)

    def sizes(self):
        """``[1, m, ..., m, 1]`` for the sliders' r and m."""
        return depth_sizes(self.r, self.m)

    def run(self, n_iter=None):
        """The page's run, done by mlp_lib: :func:`mlp_lib.gd` (through
        :func:`mlp_lib.train_mlp`) from the seeded start, ``n_iter`` steps (by default as far
        as the page went, ``t``). Returns train_mlp's dict: ``model`` (the last network
        whose J is finite), ``history`` (J at 0..T), ``error`` (the TrainingDiverged or None)."""
        steps = self.t if n_iter is None else n_iter
        X, y = self.data()
        return train_mlp(self.sizes(), X, y, "relu", SEED, lr=self.lr, n_iter=steps)

    def net(self, n_iter=None):
        """The network the page shows, an :class:`mlp_lib.MLP`: the seeded start trained by
        mlp_lib's gradient descent for ``t`` steps (or ``n_iter``)."""
        return self.run(n_iter)["model"]


def depth_explorer(r=4, m=16, lr=0.1):
    """The explorer of chapter 6: depth r (2-6), width m (1, 2, 4, ..., 32) and learning rate.

    Returns a :class:`DepthExplorer`: show it, train in the page, then ``.net()`` for the
    network you see.
    """
    return DepthExplorer(r=r, m=m, lr=lr)
