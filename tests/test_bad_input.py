"""mlp_lib's public API against whatever a careless or curious student passes (issue 22).

For every call below, each argument is drawn either from the values it accepts or from values
it must refuse. Then: with no refused value the call works (training may stop with
TrainingDiverged, leaving a model whose J is finite); with one or more, it raises a ValueError,
TypeError or TraitError whose message names one of them, and a model it was given is as it
was. Always: no warning escapes (warnings are errors in this suite) and the call ends within
its time limit.
"""
import contextlib
import io
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mlp_lib
from careless import CLEAR_ERRORS, FINITE_FLOAT, JUNK, bounded, names_one_of
from mlp_lib import MLP, gradcheck, selfcheck, timing
from mlp_lib.features import fit_last_layer

N, D = 5, 2  # the examples and inputs of the data every call is given


def good_X(d=D):
    return hnp.arrays(np.float64, (N, d), elements=st.floats(-5, 5))


def good_y(shape=(N,)):
    return hnp.arrays(np.float64, shape, elements=st.floats(-5, 5))


#: Refused X for a model with d = 2 inputs and y for n = 5 examples.
BAD_X = st.one_of(JUNK, st.just(np.zeros((N, D + 1))), st.just(np.zeros((0, D))), st.just(np.zeros((N, D, 1))),
                  st.just(np.full((N, D), np.nan)), st.just(np.array([["a", "b"]] * N)),
                  st.just(np.ones((N, D)) + 1j), st.just(np.zeros(D)))
BAD_Y = st.one_of(JUNK, st.just(np.zeros(N - 1)), st.just(np.zeros((N, 2))), st.just(np.array([np.inf] * N)),
                  st.just(np.array(["1"] * N)))
LR = (st.floats(1e-4, 0.5), st.one_of(JUNK, st.sampled_from([0, -0.1, 0.0]), st.floats(max_value=0)))
N_ITER = (st.integers(0, 20), st.one_of(st.sampled_from([-1, 2.5, "3", True, None, 3.0]), JUNK))
B = (st.integers(1, N), st.sampled_from([0, N + 1, -1, 2.0, True, None, "2", math.nan]))
SEED = (st.one_of(st.none(), st.integers(0, 2**32)), st.sampled_from([-1, 1.5, "0", True, [0], math.nan]))
RECORD_EVERY = (st.integers(1, 5), st.sampled_from([0, -1, 1.0, True, None, "1"]))
BETA = (st.floats(0, 0.99), st.one_of(st.sampled_from([1, 1.0, -0.1, True, "0.9", None]), JUNK))
ACTIVATION = (st.sampled_from(sorted(mlp_lib.ACTIVATIONS)),
              st.one_of(JUNK, st.sampled_from(["Relu", "softplus", ""])).filter(lambda v: v not in list(mlp_lib.ACTIVATIONS)))
SIZES = (st.lists(st.integers(1, 4), min_size=2, max_size=4).map(lambda s: [D] + s[1:]),
         st.one_of(JUNK, st.sampled_from([[2], [2, 0, 1], [2, -3], [2, 2.5, 1], "2,3", 3, [2, True]])))
BATCHES = (st.lists(st.one_of(st.none(), st.lists(st.integers(0, N - 1), min_size=1, max_size=N)), max_size=6),
           st.one_of(st.sampled_from([None, 3, "ab", [[N]], [[-1]], [[]], [[0.5]], [[[0]]], [["0"]]]), JUNK))
NET = st.builds(lambda s, a: MLP([D] + s + [1], a, seed=0), st.lists(st.integers(1, 4), max_size=2),
                st.sampled_from(sorted(mlp_lib.ACTIVATIONS)))
NOT_A_MODEL = st.one_of(JUNK, st.just(MLP), st.just(np.zeros(3)))

MODELS = st.one_of(NET, st.just(mlp_lib.QuadraticModel([0.5, -1.0])),
                   st.builds(lambda w: mlp_lib.SingleNeuron(w, 0.1, "tanh"), st.lists(st.floats(-2, 2), min_size=D, max_size=D)))


def _optimizer(name):
    f = getattr(mlp_lib, name)
    extra = {"gd": [], "sgd": ["seed"], "minibatch_sgd": ["B", "seed"], "momentum_sgd": ["B", "seed", "beta"],
             "epoch_sgd": ["B", "seed"]}[name]

    def call(model, X, y, lr, n_iter, record_every, **kw):
        if name == "epoch_sgd":
            return f(model, X, y, lr, kw.pop("B"), n_iter, record_every=record_every, **kw)
        if "B" in kw:
            return f(model, X, y, lr, kw.pop("B"), n_iter, record_every=record_every, **kw)
        return f(model, X, y, lr, n_iter, record_every=record_every, **kw)

    args = {"model": (MODELS, NOT_A_MODEL), "X": (good_X(), BAD_X), "y": (good_y(), BAD_Y), "lr": LR,
            "n_iter": N_ITER, "record_every": RECORD_EVERY}
    args.update({a: {"B": B, "seed": SEED, "beta": BETA}[a] for a in extra})
    return call, args, {"n_iter": "n_epochs"} if name == "epoch_sgd" else {}


#: name: (call(**arguments), {argument: (accepted values, refused values)}, {argument: its name in messages})
CALLS = {
    "MLP": (lambda sizes, activation, seed, dtype: MLP(sizes, activation, seed=seed, dtype=dtype),
            {"sizes": SIZES, "activation": ACTIVATION, "seed": SEED,
             "dtype": (st.sampled_from([np.float64, np.float32, "float64", None]),
                       st.sampled_from([np.int64, "abc", 3, complex, "U3"]))}, {}),
    "MLP.forward": (lambda net, X: net(X), {"net": (NET, st.nothing()), "X": (good_X(), BAD_X)}, {}),
    "MLP.features": (lambda net, X: net.features(X), {"net": (NET, st.nothing()), "X": (good_X(), BAD_X)}, {}),
    "MLP.cost": (lambda net, X, y: net.cost(X, y),
                 {"net": (NET, st.nothing()), "X": (good_X(), BAD_X), "y": (good_y(), BAD_Y)}, {}),
    "MLP.gradients": (lambda net, X, y: net.gradients(X, y),
                      {"net": (NET, st.nothing()), "X": (good_X(), BAD_X), "y": (good_y(), BAD_Y)}, {}),
    "W[k] = value": (lambda net, value: net.W.__setitem__(1, value),
                     {"net": (st.builds(lambda: MLP([D, 3, 1], seed=0)), st.nothing()),
                      "value": (good_y((3, D)), st.one_of(JUNK, st.just(np.zeros((2, 2))), st.just(np.full((3, D), np.nan))))},
                     {"value": "W"}),
    "SingleNeuron": (lambda w, b, activation: mlp_lib.SingleNeuron(w, b, activation),
                     {"w": (st.lists(st.floats(-3, 3), min_size=1, max_size=3), st.one_of(JUNK, st.just([[1.0]]))),
                      "b": (st.floats(-3, 3), st.one_of(JUNK, st.just([1.0, 2.0]))), "activation": ACTIVATION}, {}),
    "QuadraticModel": (lambda theta: mlp_lib.QuadraticModel(theta),
                       {"theta": (st.lists(st.floats(-3, 3), min_size=1, max_size=3), st.one_of(JUNK, st.just([[1.0]])))}, {}),
    "param_count": (lambda sizes: mlp_lib.param_count(sizes), {"sizes": SIZES}, {}),
    "notes_param_count": (lambda sizes: mlp_lib.notes_param_count(sizes), {"sizes": SIZES}, {}),
    "housing_net": (lambda theta: mlp_lib.housing_net(theta),
                    {"theta": (good_y((12,)), st.one_of(JUNK, st.just(np.zeros(11)), st.just(np.zeros((12, 1)))))}, {}),
    "housing_theta": (lambda net: mlp_lib.housing_theta(net),
                      {"net": (st.just(mlp_lib.housing_net(np.ones(12))), st.one_of(JUNK, NET))}, {}),
    "squared_loss": (lambda h, y: mlp_lib.squared_loss(h, y),
                     {"h": (good_y(), st.one_of(JUNK, st.just(np.zeros((N, 1))), st.just(np.zeros(N - 1)))),
                      "y": (good_y(), st.one_of(JUNK, st.just(np.zeros(N + 1))))}, {}),
    "mean_squared_cost": (lambda h, y: mlp_lib.mean_squared_cost(h, y),
                          {"h": (good_y(), st.one_of(JUNK, st.just(np.zeros((N, 1))), st.just(np.zeros(N - 1)))),
                           "y": (good_y(), st.one_of(JUNK, st.just(np.zeros(N + 1))))}, {}),
    "get_activation": (lambda name: mlp_lib.get_activation(name), {"name": ACTIVATION}, {"name": "activation"}),
    "recorded_iterations": (lambda n_iter, record_every: mlp_lib.recorded_iterations(n_iter, record_every),
                            {"n_iter": N_ITER, "record_every": RECORD_EVERY}, {}),
    **{name: _optimizer(name) for name in ["gd", "sgd", "minibatch_sgd", "momentum_sgd", "epoch_sgd"]},
    "batch_sgd": (lambda model, X, y, lr, batches: mlp_lib.batch_sgd(model, X, y, lr, batches),
                  {"model": (MODELS, NOT_A_MODEL), "X": (good_X(), BAD_X), "y": (good_y(), BAD_Y), "lr": LR,
                   "batches": BATCHES}, {}),
    "train": (lambda model, X, y, algorithm, lr, n_iter, B, beta, seed, max_growth, path:
              mlp_lib.train(model, X, y, algorithm, lr=lr, n_iter=n_iter, B=B, beta=beta, seed=seed,
                            max_growth=max_growth, path=path),
              {"model": (MODELS, NOT_A_MODEL), "X": (good_X(), BAD_X), "y": (good_y(), BAD_Y),
               "algorithm": (st.sampled_from(["gd", "sgd", "minibatch", "momentum"]),
                             st.one_of(JUNK, st.sampled_from(["GD", "adam", ["gd"]]))),
               "lr": LR, "n_iter": N_ITER, "B": (st.one_of(st.none(), B[0]), B[1].filter(lambda b: b is not None)),
               "beta": BETA, "seed": SEED,
               "max_growth": (st.one_of(st.none(), st.floats(1, 1e300)),
                              st.one_of(st.sampled_from([0, 0.5, -1, True, "10", math.nan, math.inf]), JUNK.filter(
                                  lambda v: v is not None))),
               "path": (st.one_of(st.none(), st.just(lambda m: [1.0])), st.sampled_from([3, "m.theta", [1]]))}, {}),
    "train_mlp": (lambda sizes, X, y, activation, lr, n_iter: mlp_lib.train_mlp(sizes, X, y, activation, lr=lr,
                                                                              n_iter=n_iter),
                  {"sizes": (SIZES[0].map(lambda s: s[:-1] + [1]), SIZES[1]), "X": (good_X(), BAD_X), "y": (good_y(), BAD_Y),
                   "activation": ACTIVATION, "lr": LR,
                   "n_iter": N_ITER}, {}),
    "smooth_curve": (lambda n, noise, seed: mlp_lib.data.smooth_curve(n, noise, seed),
                     {"n": (st.integers(1, 50), st.one_of(st.sampled_from([0, -1, 2.5, 10**8]), JUNK)),
                      "noise": (st.floats(0, 1e3), st.one_of(st.sampled_from([-1]), JUNK)), "seed": SEED}, {}),
    "housing_prices": (lambda n, noise, seed: mlp_lib.data.housing_prices(n, noise, seed),
                       {"n": (st.integers(1, 50), st.one_of(st.sampled_from([0, -1, 2.5]), JUNK)),
                        "noise": (st.floats(0, 1e3), st.one_of(st.sampled_from([-1]), JUNK)), "seed": SEED}, {}),
    "quadratic_data": (lambda n, theta, noise: mlp_lib.data.quadratic_data(n, theta, noise),
                       {"n": (st.integers(1, 50), st.one_of(st.sampled_from([0, -1, 2.5]), JUNK)),
                        "theta": (st.lists(st.floats(-3, 3), min_size=1, max_size=3),
                                  st.one_of(JUNK, st.sampled_from([[1e200, 1.0], [], [[1.0]], [math.nan, 1.0]]))),
                        "noise": (st.floats(0, 10), st.one_of(st.sampled_from([-1]), JUNK))}, {}),
    "numerical_gradients": (lambda net, X, y, eps: gradcheck.numerical_gradients(net, X, y, eps),
                            {"net": (NET, NOT_A_MODEL), "X": (good_X(), BAD_X), "y": (good_y(), BAD_Y),
                             "eps": (st.floats(1e-8, 1e-3), st.one_of(st.sampled_from([0, -1e-6]), JUNK))}, {}),
    "relative_error": (lambda a, b: gradcheck.relative_error(a, b),
                       {"a": (good_y(), st.one_of(st.sampled_from(["a", None, [1j], {}]), st.just(np.zeros(N + 1)))),
                        "b": (good_y(), st.sampled_from(["a", None, [1j], {}]))}, {}),
    "median_time": (lambda repeat, min_time, budget: timing.median_time(lambda: None, repeat=repeat,
                                                                        min_time=min_time, budget=budget),
                    {"repeat": (st.integers(1, 3), st.sampled_from([0, -1, 1.5, True, 10**6, None])),
                     "min_time": (st.floats(0, 1e-3), st.one_of(st.sampled_from([-1, 1e9]), JUNK)),
                     "budget": (st.one_of(st.none(), st.floats(0, 1e-3)), st.sampled_from([-1, "1", math.nan, True]))},
                    {}),
    "fit_last_layer": (lambda net, X, y: fit_last_layer(net, X, y),
                       {"net": (NET, NOT_A_MODEL), "X": (good_X(), BAD_X), "y": (good_y(), BAD_Y)}, {}),
}


def _parameters(value):
    """A copy of a model's parameters (None for anything else), to compare before and after."""
    if hasattr(value, "parameters") and callable(value.parameters) and not isinstance(value, type):
        return [np.array(p, copy=True) for p in value.parameters()]
    return None


@pytest.mark.parametrize("name", sorted(CALLS))
@given(data=st.data())
def test_any_input_works_or_gets_an_error_naming_it(name, data):
    call, arguments, said = CALLS[name]
    refused = data.draw(st.sets(st.sampled_from(sorted(a for a, (_, bad) in arguments.items() if not bad.is_empty))),
                        label="refused arguments")
    values = {a: data.draw(bad if a in refused else good, label=a) for a, (good, bad) in arguments.items()}
    models = {a: _parameters(v) for a, v in values.items() if _parameters(v) is not None}
    try:
        with bounded(30):
            call(**values)
    except mlp_lib.TrainingDiverged:  # a learning rate too large for the data: the model keeps a finite J
        assert not refused
        model = values["model"]
        assert np.isfinite(model.cost(values["X"], values["y"]))
    except CLEAR_ERRORS as err:
        assert refused, f"{name} refused accepted values: {err}"
        assert names_one_of(err, [said.get(a, a) for a in refused]), f"{name}: {err!r} names none of {sorted(refused)}"
        for a, before in models.items():  # the models it was given are as they were
            assert all(np.array_equal(p, q, equal_nan=True) for p, q in zip(_parameters(values[a]), before))
    else:
        assert not refused, f"{name} accepted {sorted(refused)}: {[values[a] for a in sorted(refused)]}"


@given(X=hnp.arrays(np.float64, (N, D), elements=FINITE_FLOAT), y=hnp.arrays(np.float64, (N,), elements=FINITE_FLOAT),
       lr=st.floats(1e-3, 1e3), net=NET)
def test_finite_data_of_any_size_never_leaks_a_warning_and_a_diverged_model_keeps_a_finite_J(X, y, lr, net):
    """X and y of any finite size (up to 1e308): outputs and J may be inf, but no warning
    escapes, and training either ends or raises TrainingDiverged with a finite J left."""
    net(X), net.features(X), net.gradients(X, y)
    J = net.cost(X, y)
    assert J >= 0 or math.isnan(J)
    try:
        with bounded(30):
            mlp_lib.gd(net, X, y, lr, 5)
    except mlp_lib.TrainingDiverged as err:
        if err.iteration > 0:
            assert np.isfinite(net.cost(X, y))
        else:
            assert not np.isfinite(J)


ANSWERS = st.recursive(
    st.one_of(JUNK, st.integers(), FINITE_FLOAT, st.just(Ellipsis), hnp.arrays(np.float64, st.integers(0, 3))),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.tuples(inner, inner),
                            st.dictionaries(st.text("abcxyz", max_size=2), inner, max_size=2)), max_leaves=6)


@given(answer=ANSWERS, correct=st.one_of(ANSWERS.filter(lambda c: not callable(c)),
                                         st.just(lambda a: a == 1), st.just(lambda a: 1 / 0)))
def test_check_never_raises_and_prints_one_verdict(answer, correct):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), bounded(10):
        assert selfcheck.check("exercise 1", answer, correct, hint="look again") is None
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].split(":")[0] in ("not answered yet", "correct", "not right yet")
