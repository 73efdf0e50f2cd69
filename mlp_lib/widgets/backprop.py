r"""Explorer of the chapter "Backpropagation, a preview", computed and drawn in the page:
backpropagation one equation at a time, and central differences against it.

The network is one of the chapter's, ``MLP(SIZES[r], activation, seed=SEED)``: [3, 4, 1]
(r = 2) or [3, 5, 4, 1] (r = 3), with any activation of :data:`mlp_lib.ACTIVATIONS`, on
the first example or all five of :func:`mlp_lib.data.gaussian_examples` (the chapter's
``X``, ``y``). The page steps through what :meth:`mlp_lib.MLP.backprop` computes, in its
order (:func:`backprop_steps`): the forward pass z[k], a[k] and J (eqs. 2.9, 2.13, 2.12, 1.2),
then for k = r down to 1 the four backward rules (BP1)/(BP5), (BP2), (BP3), (BP4), each step
with its equation, its terms highlighted on the diagram and its matrices' shapes in both
layouts (the notes' columns, mlp_lib's rows: chapter 5). "Check it" sets one parameter's
backpropagated derivative beside central differences (:mod:`mlp_lib.gradcheck`) for
ε = 1e-1 ... 1e-13.

The front end is ``js/src/explorers/backprop.js`` (bundled as ``static/backprop.js``); its
numbers are the JS core's ``MLP.backprop`` (``js/src/core/mlp.js``), which the tests hold to
mlp_lib's to 1e-12. With a kernel, :meth:`BackpropExplorer.net` and
:meth:`BackpropExplorer.gradients` hand back what the page shows, computed by mlp_lib.
"""

import numpy as np
import traitlets

from ..activations import ACTIVATIONS
from ..data import gaussian_examples
from ..gradcheck import numerical_gradients
from ..model import MLP
from ._explorer import Explorer, as_lists, front_end, in_range, mlp_to_page, one_of

#: The chapter's networks by depth r: two layers [3, 4, 1] and three layers [3, 5, 4, 1].
SIZES = {2: [3, 4, 1], 3: [3, 5, 4, 1]}
#: The seed of every network (the chapter's).
SEED = 0
#: The chapter's examples: X of shape (5, 3) and y of shape (5,).
DATA = gaussian_examples(n=5, d=3, seed=0)
#: The steps epsilon of "check it": 1e-1 down to 1e-13.
EPSILONS = tuple(10.0 ** -e for e in range(1, 14))

#: Every setting a reader can change, in one place: its default and what it may be. The
#: traitlets, their validation and the page's controls all read this.
SETTINGS = {
    "r": {"default": 2, "choices": [2, 3], "label": "network", "what": "the depth r"},
    "activation": {"default": "tanh", "choices": list(ACTIVATIONS), "label": "activation σ", "what": "the activation"},
    "n": {"default": 1, "choices": [1, len(DATA[1])], "label": "examples", "what": "the number of examples n"},
    "examples_as": {"default": "rows", "choices": ["rows", "columns"], "label": "examples as",
                    "what": "examples_as (the layout)"},
    "view": {"default": "diagram", "choices": ["diagram", "table"], "label": "view", "what": "the view"},
    "example": {"default": 1, "range": [1, len(DATA[1])], "label": "example i on the diagram", "what": "the example i"},
    "param": {"default": "W[1][1,1]", "label": "parameter to check", "what": "param"},
    "t": {"default": 0, "range": [0, None], "label": "step t", "what": "the step t"},  # None: last_step(r)
}


# ----------------------------------------------------------------------------- the steps
def param_names(sizes):
    """Every parameter of a network of these sizes, named as the page names them, in the order
    of theta: ``"W[k][j,i]"`` is :math:`W^{[k]}_{ji}` and ``"b[k][j]"`` is :math:`b^{[k]}_j`
    (1-based j and i, as in the notes)."""
    names = []
    for k, (m_prev, m) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        names += [f"W[{k}][{j},{i}]" for j in range(1, m + 1) for i in range(1, m_prev + 1)]
        names += [f"b[{k}][{j}]" for j in range(1, m + 1)]
    return names


def parse_param(name):
    """``"W[2][1,3]"`` -> ``("W", 2, (0, 2))``, ``"b[1][4]"`` -> ``("b", 1, (3,))``: the
    layer k and the 0-based index into ``net.W[k]`` or ``net.b[k]``."""
    which, k, index = name[0], name[2:].split("][")[0], name.split("][")[1].rstrip("]")
    return which, int(k), tuple(int(v) - 1 for v in index.split(","))


def backprop_steps(net, X, y):
    """What :meth:`mlp_lib.MLP.backprop` computes, one step at a time, in the order it
    computes it: a list of ``{"kind", "k", "value"}``. Step 0 is the input a[0] = X; then
    z[k] and a[k] for k = 1..r (no a[r]: h = z[r], eq. 2.12), J (1.2), and for k = r down to 1:
    dz[k] (BP1 for k = r, else BP5), dW[k] (BP2), db[k] (BP3), da[k-1] (BP4)."""
    v = net.backprop(X, y, input_gradient=True)
    r = net.r
    steps = [{"kind": "x", "k": 0, "value": v.a[0]}]
    for k in range(1, r + 1):
        steps.append({"kind": "z", "k": k, "value": v.z[k]})  # (2.9); (2.12) for k = r
        if k < r:
            steps.append({"kind": "a", "k": k, "value": v.a[k]})  # (2.13)
    steps.append({"kind": "J", "k": r, "value": v.J})  # (1.2)
    for k in range(r, 0, -1):
        steps.append({"kind": "dz", "k": k, "value": v.dz[k]})  # (BP1), (BP5)
        steps.append({"kind": "dW", "k": k, "value": v.grad_W[k]})  # (BP2)
        steps.append({"kind": "db", "k": k, "value": v.grad_b[k]})  # (BP3)
        steps.append({"kind": "da", "k": k - 1, "value": v.da[k - 1]})  # (BP4)
    return steps


def last_step(r):
    """The last step t of a network of depth r: 2r - 1 forward (z[1..r], a[1..r-1]), J, then
    4 backward steps per layer, after step 0 (the input)."""
    return (2 * r - 1) + 1 + 4 * r


def central_differences(net, X, y, param, epsilons=EPSILONS):
    """The central-difference estimate of dJ/dparam for each epsilon, by
    :func:`mlp_lib.gradcheck.numerical_gradients` (what "check it" shows beside backprop)."""
    which, k, index = parse_param(param)
    column = []
    for eps in epsilons:
        grad_W, grad_b = numerical_gradients(net, X, y, eps=eps)
        column.append(float((grad_W if which == "W" else grad_b)[k][index]))
    return column


# ----------------------------------------------------------------------------- the explorer
class BackpropExplorer(Explorer):
    """Backpropagation one step at a time on the chapter's network, and "check it".

    Settings (synced with the page; :data:`SETTINGS`): the depth ``r``, the ``activation``,
    ``n`` (1 example or the batch of 5), ``examples_as``: the layout of the matrices shown
    (mlp_lib's rows or the notes' columns; not ``layout``, which every ipywidget has), the ``view`` (diagram or table), the ``example`` the diagram
    shows, the ``param`` that "check it" checks, and the step ``t`` (the page writes it; set
    it from Python and the page goes there). Hand-back: :meth:`net`, :meth:`gradients`,
    :meth:`backprop`, :meth:`step`.
    """

    _esm = front_end("backprop")

    #: The chapter's five examples and the seeded networks, "r,activation" -> mlp_to_page(...).
    X = traitlets.List().tag(sync=True)
    y = traitlets.List(traitlets.Float()).tag(sync=True)
    nets = traitlets.Dict().tag(sync=True)
    epsilons = traitlets.List(list(EPSILONS)).tag(sync=True)
    settings = traitlets.Dict(SETTINGS).tag(sync=True)

    r = traitlets.Int(SETTINGS["r"]["default"]).tag(sync=True)
    activation = traitlets.Unicode(SETTINGS["activation"]["default"]).tag(sync=True)
    n = traitlets.Int(SETTINGS["n"]["default"]).tag(sync=True)
    examples_as = traitlets.Unicode(SETTINGS["examples_as"]["default"]).tag(sync=True)
    view = traitlets.Unicode(SETTINGS["view"]["default"]).tag(sync=True)
    example = traitlets.Int(SETTINGS["example"]["default"]).tag(sync=True)
    param = traitlets.Unicode(SETTINGS["param"]["default"]).tag(sync=True)
    #: The step shown: 0 (the input) to last_step(r) (dJ/da[0]); written by the page.
    t = traitlets.Int(SETTINGS["t"]["default"]).tag(sync=True)

    def __init__(self, **settings):
        X, y = DATA
        nets = {f"{r},{a}": mlp_to_page(MLP(sizes, a, seed=SEED)) for r, sizes in SIZES.items() for a in ACTIVATIONS}
        super().__init__(X=as_lists(X), y=as_lists(y), nets=nets, **settings)

    # ------------------------------------------------------------ validation
    @traitlets.validate("r", "activation", "n", "examples_as", "view")
    def _valid_choice(self, proposal):
        name = proposal["trait"].name
        return one_of(proposal, SETTINGS[name]["what"], SETTINGS[name]["choices"])

    @traitlets.validate("example")
    def _valid_example(self, proposal):
        return in_range(proposal, SETTINGS["example"]["what"], *SETTINGS["example"]["range"], integer=True)

    @traitlets.validate("param")
    def _valid_param(self, proposal):
        names = param_names(SIZES[self.r])
        if proposal["value"] not in names:
            raise traitlets.TraitError(
                f"param must name a parameter of the network {SIZES[self.r]}, W[k][j,i] or b[k][j] "
                f"({names[0]} to {names[-1]}), got {proposal['value']!r}.")
        return proposal["value"]

    @traitlets.validate("t")
    def _valid_t(self, proposal):
        return in_range(proposal, SETTINGS["t"]["what"], 0, last_step(self.r), integer=True)

    @traitlets.observe("r")
    def _depth_changed(self, change):
        """A parameter or a step the new network does not have goes back to its default (the page does the same)."""
        if self.param not in param_names(SIZES[self.r]):
            self.param = SETTINGS["param"]["default"]
        self.t = min(self.t, last_step(self.r))

    # ------------------------------------------------------------ hand-back
    def net(self):
        """The network the page shows, an :class:`mlp_lib.MLP`: ``MLP(SIZES[r], activation, seed=0)``."""
        return MLP(SIZES[self.r], self.activation, seed=SEED)

    def data(self):
        """The example(s) the page uses, as mlp_lib takes them: X of shape (n, 3), y of shape (n,)."""
        X, y = DATA
        return X[:self.n], y[:self.n]

    def gradients(self):
        """``net.gradients(X, y)`` for the page's network and example(s): ``(grad_W, grad_b)``."""
        return self.net().gradients(*self.data())

    def backprop(self):
        """Every value of the page's backpropagation, by mlp_lib: a :class:`mlp_lib.model.Backprop`
        (with dJ/da[0], the page's last step)."""
        return self.net().backprop(*self.data(), input_gradient=True)

    def step(self, t=None):
        """The step the page shows (or step t): ``{"kind", "k", "value"}`` of :func:`backprop_steps`."""
        return backprop_steps(self.net(), *self.data())[self.t if t is None else t]

    def check(self, param=None):
        """"Check it" by mlp_lib: ``{"param", "backprop", "epsilons", "central"}`` for the page's
        parameter (or `param`): its dJ/dparam by backprop and by central differences."""
        param = self.param if param is None else param
        which, k, index = parse_param(param)
        grad_W, grad_b = self.gradients()
        backprop = float((grad_W if which == "W" else grad_b)[k][index])
        return {"param": param, "backprop": backprop, "epsilons": list(EPSILONS),
                "central": central_differences(self.net(), *self.data(), param)}


def backprop_explorer(r=2, activation="tanh", n=1, **settings):
    """The explorer of chapter 9: step through backpropagation on the chapter's network
    ([3, 4, 1] for r = 2, [3, 5, 4, 1] for r = 3) with one example (n = 1) or five (n = 5).

    Returns a :class:`BackpropExplorer`: show it, step in the page, then ``.gradients()``
    or ``.net()`` to continue in Python.
    """
    return BackpropExplorer(r=r, activation=activation, n=n, **settings)
