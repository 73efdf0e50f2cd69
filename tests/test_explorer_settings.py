"""Every traitlet of every explorer, set to anything: it is taken, and the explorer still hands
back its mlp_lib object with no NaN sent to the page; or it is refused with a TraitError that
names it, and nothing changes. Settings, data and configuration alike (issue 22)."""
import json

import numpy as np
import pytest
import traitlets
from hypothesis import given
from hypothesis import strategies as st

from careless import ANY_FLOAT, JUNK, bounded, names_one_of
from mlp_lib.widgets import activations, depth, features, neuron, optimization, stacking, two_layer

#: Each explorer, and what hands its state back to Python (each must work after any accepted value).
EXPLORERS = {
    "neuron": (neuron.NeuronExplorer, lambda e: (e.neuron(), e.fitted())),
    "optimizer": (optimization.OptimizerExplorer, lambda e: (e.model(), e.history())),
    "housing": (stacking.HousingExplorer, lambda e: e.net()),
    "two_layer": (two_layer.TwoLayerExplorer, lambda e: (e.net(), e.history())),
    "activations": (activations.ActivationExplorer, lambda e: e.net()),
    "depth": (depth.DepthExplorer, lambda e: e.net()),
    "features": (features.FeaturesExplorer, lambda e: e.net()),
}


def own_traitlets(explorer):
    """The traitlets an explorer sends to the page (not the widget machinery's)."""
    return sorted(name for name in explorer.traits(sync=True)
                  if not name.startswith("_") and name not in ("layout", "tabbable", "tooltip", "comm", "keys", "log"))


def state(explorer):
    """What the page gets, as JSON text: refused values must leave it as it was."""
    return json.dumps({name: getattr(explorer, name) for name in own_traitlets(explorer)}, sort_keys=True)


def like(value):
    """Values a student might try instead of `value`: nearby ones, the same with a piece
    missing, added or broken, and junk."""
    if isinstance(value, bool) or value is None:
        return JUNK
    if isinstance(value, int):
        return st.one_of(JUNK, st.integers(-3, 3 * max(abs(value), 3)), st.floats(-10, 10))
    if isinstance(value, float):
        return st.one_of(JUNK, ANY_FLOAT, st.floats(-3 * abs(value) - 1, 3 * abs(value) + 1), st.integers(-5, 5))
    if isinstance(value, str):
        return st.one_of(JUNK, st.sampled_from(["relu", "sigmoid", "tanh", "identity", "gd", "sgd", "minibatch",
                                                "all layers", "last layer only", value.upper()]))
    if isinstance(value, list):
        n = len(value)
        pieces = [st.just(value[: n // 2]), st.just(value[:-1]), st.just(value + value[-1:]), st.just(value[::-1])]
        if n:
            pieces.append(st.builds(lambda i, v: value[:i] + [v] + value[i + 1:], st.integers(0, n - 1),
                                    st.one_of(JUNK, like(value[0]))))
        return st.one_of(JUNK, *pieces)
    if isinstance(value, dict):
        keys = sorted(value)
        if not keys:
            return JUNK
        return st.one_of(JUNK, st.just({}), st.builds(lambda k, v: {**value, k: v}, st.sampled_from(keys),
                                                      st.one_of(JUNK, st.just(None))))
    return JUNK


def check_after(explorer, hand_back):
    """An accepted value: the hand-back works, and the page gets no NaN or inf."""
    with bounded(60):
        hand_back(explorer)
    json.dumps({name: getattr(explorer, name) for name in own_traitlets(explorer)}, allow_nan=False)


@pytest.mark.parametrize("name", sorted(EXPLORERS))
@given(data=st.data())
def test_any_value_of_any_traitlet_is_taken_or_refused_by_name_changing_nothing(name, data):
    make, hand_back = EXPLORERS[name]
    explorer = make()
    trait = data.draw(st.sampled_from(own_traitlets(explorer)), label="traitlet")
    value = data.draw(like(getattr(explorer, trait)), label="value")
    before = state(explorer)
    try:
        with bounded(20):
            setattr(explorer, trait, value)
    except traitlets.TraitError as err:
        assert names_one_of(err, [trait]), str(err)
        assert state(explorer) == before
    else:
        check_after(explorer, hand_back)


@pytest.mark.parametrize("name", ["neuron", "optimizer", "housing", "two_layer"])
@given(data=st.data())
def test_data_changed_together_is_taken_or_refused_as_a_whole(name, data):
    """The explorers that take data change x and y (or X and y) together, in one hold: the
    number of examples may change, within the rules that span settings (B <= n, house < n)."""
    make, hand_back = EXPLORERS[name]
    explorer = make()
    first, second = ("x", "y") if hasattr(explorer, "x") else ("X", "y")
    n = data.draw(st.integers(0, len(explorer.y) + 3), label="n")
    xs = data.draw(st.one_of(st.just([row for row in getattr(explorer, first)[:n]]), like(getattr(explorer, first))))
    ys = data.draw(st.one_of(st.just(explorer.y[:n]), like(explorer.y)))
    before = state(explorer)
    try:
        with bounded(20), explorer.hold_trait_notifications():
            setattr(explorer, first, xs)
            setattr(explorer, second, ys)
    except traitlets.TraitError as err:
        assert names_one_of(err, [first, second]), str(err)
        assert state(explorer) == before
    else:
        assert len(getattr(explorer, first)) == len(explorer.y) == len(ys)
        check_after(explorer, hand_back)


# ---------------------------------------------------------------- the reproducers
def test_fit_t_beyond_the_run_is_refused_so_fitted_cannot_hang():
    e = neuron.NeuronExplorer()
    with pytest.raises(traitlets.TraitError, match=r"fit_t \(iterations of the page's fit, at most n_iter = 500\) "
                                                   r"must be an integer from 0 to 500, got 1000000000"):
        e.fit_t = 10**9
    e.fit_t = 500
    e.n_iter = 100  # a shorter run takes fit_t with it
    assert e.fit_t == 100 and len(e.fit_run()["history"]) == 101


@pytest.mark.parametrize("name, trait, value, words", [
    ("two_layer", "y", [], r"y must be a list of at least 2 finite numbers, got \[\]"),
    ("neuron", "y", [1.0, 2.0], r"y must hold one number per example, as many as x \(50\), got 2\. To change the "
                                r"number of examples, set y and x together"),
    ("activations", "starts", {}, r'The "starts" trait is read-only'),
    ("neuron", "w_range", ["a", "b"], r"w_range must be a list of 2 finite numbers, got \['a', 'b'\]"),
    ("neuron", "w_range", [2.0, 3.0], r"w_range must hold the current w = 1, got \[2, 3\]; change w first"),
    ("neuron", "lr_range", [0.0, 1.0], r"lr_range must be \[low, high\] with 0 < low < high, got \[0\.0, 1\.0\]"),
    ("neuron", "lr", True, r"The 'lr' trait of a NeuronExplorer instance expected a float, not the bool True"),
    ("depth", "m", True, r"The 'm' trait of a DepthExplorer instance expected an int, not the bool True"),
    ("housing", "theta", [100.0] * 12, r"theta must hold 12 numbers from -3 to 3 \(the sliders' range\), "
                                       r"got theta_1 = 100"),
    ("optimizer", "X", [[0.0, 1.0]] * 5, r"X must have one row per target of y \(40\) and at least B = 8 rows, "
                                         r"got 5 rows"),
])
def test_bad_data_and_configuration_are_refused_by_name(name, trait, value, words):
    e = EXPLORERS[name][0]()
    before = state(e)
    with pytest.raises(traitlets.TraitError, match=words):
        setattr(e, trait, value)
    assert state(e) == before


@pytest.mark.parametrize("name", ["activations", "depth", "features"])
def test_t_follows_n_iter_down(name):
    e = EXPLORERS[name][0]()
    e.t = 100
    e.n_iter = 10
    assert e.t == 10
    with pytest.raises(traitlets.TraitError, match=r"at most n_iter = 10\) must be an integer from 0 to 10, got 11"):
        e.t = 11


def test_the_batch_size_must_fit_the_data_the_optimizer_explorer_is_given():
    """B = 8 and five examples: refused (it raised an IndexError in the hand-back); with B
    lowered in the same hold, taken."""
    e = optimization.OptimizerExplorer(algorithm="minibatch")
    X5, y5 = e.X[:5], e.y[:5]
    with pytest.raises(traitlets.TraitError, match=r"at least B = 8 rows, got 5 rows"):
        with e.hold_trait_notifications():
            e.X, e.y = X5, y5
    assert len(e.X) == 40 and e.B == 8
    with e.hold_trait_notifications():
        e.B, e.X, e.y = 5, X5, y5
    assert len(e.history()) == e.n_iter + 1


def test_least_squares_line_of_data_holding_nan_is_refused():
    with pytest.raises(ValueError, match=r"y must contain only finite numbers, got 1 NaN or inf value"):
        activations.least_squares_line(np.array([[0.0], [1.0]]), np.array([np.nan, 1.0]))
