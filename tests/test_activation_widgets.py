"""The activation-function chapter (eqs. 2.14-2.20): its figure of the activations, and its
explorer (mlp_lib.widgets.activations, front end js/src/explorers/activations.js), which trains
the same [1, 16, 16, 1] network by gradient descent in the page with each activation. The
page's run must be mlp_lib.gd's, step by step, and every control must work."""
import json
import random

import matplotlib.pyplot as plt
import numpy as np
import pytest
import traitlets

import mlp_lib
from mlp_lib.plots.activations import plot_activations
from mlp_lib.widgets import activations as wa
from mlp_lib.widgets._explorer import mlp_from_page, mlp_to_page
from explorer_page import focusable_controls, model_data, plot_point, play_then_pause_at_the_first_step, traitlet_words
from explorer_page import (DESKTOP, PHONE, ROOT, no_nan, not_redrawn_in_the_event, open_explorer, page_fixture,
                           page_number, small_text, svg_text)
from node_core import run_js
from test_links import click, fragment

X, Y = wa.DATA
NAMES = list(mlp_lib.ACTIVATIONS)
EXPLORER_JS = (ROOT / "mlp_lib" / "widgets" / "js" / "src" / "explorers" / "activations.js").as_uri()


# ------------------------------------------------------------------- figures and the collapse
def test_plotted_curves_are_mlp_lib_activations():
    z = np.linspace(-3, 3, 61)
    fig, axes = plt.subplots(1, 4)
    drawn = plot_activations(NAMES, z=z, axes=axes)
    assert list(drawn) == NAMES
    for ax, (name, (sigma, derivative)) in zip(axes, mlp_lib.ACTIVATIONS.items()):
        np.testing.assert_array_equal(drawn[name]["sigma"], sigma(z))
        np.testing.assert_array_equal(drawn[name]["derivative"], derivative(z))
        solid, dashed = ax.get_lines()[-2:]
        np.testing.assert_array_equal(solid.get_ydata(), sigma(z))
        np.testing.assert_array_equal(dashed.get_ydata(), derivative(z))
        assert ax.get_title() == name
    plt.close(fig)


def test_plot_activations_defaults_to_every_activation():
    drawn = plot_activations()
    assert set(drawn) == set(NAMES)
    np.testing.assert_allclose(drawn["sigmoid"]["sigma"], 1 / (1 + np.exp(-drawn["sigmoid"]["z"])))
    np.testing.assert_allclose(drawn["tanh"]["derivative"], 1 - np.tanh(drawn["tanh"]["z"]) ** 2)


@pytest.mark.parametrize("sizes", [[4, 8, 1], [3, 5, 4, 2, 1]])
def test_identity_network_collapses_to_one_affine_map(sizes):
    net = mlp_lib.MLP(sizes, activation="identity", seed=0)
    W_t, b_t = np.eye(net.d), np.zeros(net.d)
    for k in range(1, net.r + 1):
        W_t, b_t = net.W[k] @ W_t, net.W[k] @ b_t + net.b[k]
    X4 = np.random.default_rng(1).standard_normal((20, net.d))
    np.testing.assert_allclose(net(X4), X4 @ W_t[0] + b_t[0], atol=1e-13)


def test_least_squares_line_is_lstsq_and_the_trained_identity_net_reaches_it():
    slope, intercept = wa.least_squares_line(X, Y)
    X1 = np.column_stack([X, np.ones(len(X))])
    coef, *_ = np.linalg.lstsq(X1, Y, rcond=None)
    assert (slope, intercept) == (coef[0], coef[1])
    J_line = mlp_lib.mean_squared_cost(X1 @ coef, Y)
    run = wa.ActivationExplorer("identity").run(wa.N_ITER)
    assert run["history"][-1] >= J_line - 1e-12  # no line beats least squares
    assert run["history"][-1] == pytest.approx(J_line, rel=1e-9)  # and 2000 GD steps get there


# ------------------------------------------------------------------- explorer: Python side
def test_explorer_builds_with_the_data_the_starts_and_the_least_squares_line():
    e = wa.activation_explorer()
    assert isinstance(e, wa.ActivationExplorer)
    np.testing.assert_array_equal(e.x, X[:, 0])
    np.testing.assert_array_equal(e.y, Y)
    np.testing.assert_array_equal(e.truth, mlp_lib.data.curve_truth(np.array(e.grid)))
    assert (e.activation, e.lr, e.n_iter, e.t) == ("relu", 0.1, 2000, 0)
    assert [name for _, name in e.activations] == NAMES and list(e.starts) == NAMES
    for name in NAMES:
        assert e.starts[name] == mlp_to_page(mlp_lib.MLP([1, 16, 16, 1], name, seed=0))
    assert e.lstsq == list(wa.least_squares_line(X, Y))
    assert wa.activation_explorer("tanh").activation == "tanh"


@pytest.mark.parametrize("name, value, words", [
    ("activation", "softplus", r"activation must be one of 'relu', 'sigmoid', 'tanh', 'identity', got 'softplus'"),
    ("lr", 0.0, r"the learning rate lr must be a number above 0 and at most 10, got 0\.0"),
    ("lr", float("nan"), r"the learning rate lr must be a number above 0 and at most 10, got nan"),
    ("n_iter", 0, r"n_iter must be an integer from 1 to 5000, got 0"),
    ("t", 2001, r"the step t \(at most n_iter = 2000\) must be an integer from 0 to 2000, got 2001"),
    ("t", -1, r"the step t \(at most n_iter = 2000\) must be an integer from 0 to 2000, got -1"),
])
def test_settings_are_validated_with_clear_messages(name, value, words):
    e = wa.activation_explorer()
    with pytest.raises(traitlets.TraitError, match=words):
        setattr(e, name, value)
    with pytest.raises(traitlets.TraitError, match=words):
        wa.ActivationExplorer(**{name: value})


def test_net_follows_the_traitlets():
    e = wa.activation_explorer()
    start = e.net()
    assert start.activation == "relu" and start.cost(X, Y) == mlp_lib.MLP(wa.SIZES, "relu", seed=0).cost(X, Y)
    e.t = 25
    by_hand = mlp_lib.MLP(wa.SIZES, "relu", seed=0)
    history = mlp_lib.gd(by_hand, X, Y, 0.1, 25)
    assert e.net().cost(X, Y) == history[-1]
    np.testing.assert_array_equal(e.net().W[2], by_hand.W[2])
    e.activation = "tanh"
    assert e.net().activation == "tanh"
    assert e.net().cost(X, Y) == mlp_lib.gd(mlp_lib.MLP(wa.SIZES, "tanh", seed=0), X, Y, 0.1, 25)[-1]
    e.lr = 0.05
    assert e.run()["history"][-1] == mlp_lib.gd(mlp_lib.MLP(wa.SIZES, "tanh", seed=0), X, Y, 0.05, 25)[-1]
    net = e.net()
    net.W[1][...] = 0.0  # what a reader might do with the network handed back
    assert np.any(e.net().W[1] != 0)


# ------------------------------------------------------------------- the page's mathematics, under node
def _explorer_js(code, **inputs):
    return run_js(f"const ex = await import(inputs.url);\n{code}", url=EXPLORER_JS, **inputs)


def test_pages_runs_are_mlp_lib_gd_for_every_activation_over_the_default_run():
    """Every activation, the explorer's default N_ITER = 2000 steps: the page's Run (the core's
    steps()) from the start mlp_lib sent follows mlp_lib.gd to 1e-9, J at every step and theta."""
    e = wa.activation_explorer()
    got = _explorer_js("""
      const X = inputs.x.map((v) => [v]);
      const out = {};
      for (const [name, start] of Object.entries(inputs.starts)) {
        const run = new ex.Run({ start, X, y: inputs.y, lr: inputs.lr, nIter: inputs.nIter }).advance(inputs.nIter + 5);
        out[name] = { t: run.t, done: run.done, diverged: run.diverged, history: run.history, net: run.model.toJSON() };
      }
      return out;""", x=e.x, y=e.y, starts=e.starts, lr=e.lr, nIter=e.n_iter)
    for name in NAMES:
        net = mlp_lib.MLP(wa.SIZES, name, seed=wa.SEED)
        history = mlp_lib.gd(net, X, Y, wa.LR, wa.N_ITER)
        page = got[name]
        assert (page["t"], page["done"], page["diverged"]) == (wa.N_ITER, True, None)
        np.testing.assert_allclose(page["history"], history, rtol=1e-9)
        theirs = mlp_from_page(page["net"])
        for k in range(1, net.r + 1):
            np.testing.assert_allclose(theirs.W[k], net.W[k], rtol=1e-9, atol=1e-12)
            np.testing.assert_allclose(theirs.b[k], net.b[k], rtol=1e-9, atol=1e-12)


def test_pages_run_stops_where_mlp_lib_stops_a_diverging_run():
    e = wa.ActivationExplorer("identity")
    got = _explorer_js("""
      const run = new ex.Run({ start: inputs.start, X: inputs.x.map((v) => [v]), y: inputs.y, lr: 40, nIter: 200 });
      run.advance(run.nIter);
      return { t: run.t, diverged: run.diverged, history: run.history, done: run.done };""",
                       x=e.x, y=e.y, start=e.starts["identity"])
    run = mlp_lib.train_mlp(wa.SIZES, X, Y, "identity", 0, lr=40.0, n_iter=200)
    assert run["error"] is not None and got["done"]
    assert got["diverged"] == run["error"].iteration
    np.testing.assert_allclose(got["history"], run["history"], rtol=1e-9)


def test_pages_line_dead_units_and_least_squares_cost_are_numpys():
    e = wa.activation_explorer()
    relu = mlp_lib.MLP(wa.SIZES, "relu", seed=0)
    mlp_lib.gd(relu, X, Y, 0.1, 300)
    identity = mlp_lib.MLP(wa.SIZES, "identity", seed=0)
    slope, intercept = e.lstsq
    got = _explorer_js("""
      const { MLP } = await import(inputs.core);
      const X = inputs.x.map((v) => [v]);
      return { line: ex.affineOf(MLP.fromJSON(inputs.identity)),
               dead: [inputs.reluStart, inputs.relu].map((n) => ex.deadUnits(MLP.fromJSON(n), X)),
               J: ex.lineCost({ slope: inputs.slope, intercept: inputs.intercept }, inputs.x, inputs.y) };""",
                       core=(ROOT / "mlp_lib/widgets/js/src/core/mlp.js").as_uri(), x=e.x, y=e.y,
                       identity=mlp_to_page(identity), relu=mlp_to_page(relu), reluStart=e.starts["relu"],
                       slope=slope, intercept=intercept)
    # the identity network collapses to W~ x + b~ (2.20)
    W_t, b_t = np.eye(1), np.zeros(1)
    for k in range(1, identity.r + 1):
        W_t, b_t = identity.W[k] @ W_t, identity.W[k] @ b_t + identity.b[k]
    assert got["line"]["slope"] == pytest.approx(W_t[0, 0], rel=1e-9)
    assert got["line"]["intercept"] == pytest.approx(b_t[0], rel=1e-9)
    for net, dead in zip([mlp_lib.MLP(wa.SIZES, "relu", seed=0), relu], got["dead"]):
        A, counts = X, []
        for k in (1, 2):
            Z = A @ net.W[k].T + net.b[k]
            counts.append(int(np.all(Z <= 0, axis=0).sum()))
            A = np.maximum(Z, 0)
        assert dead == counts
    assert got["dead"][0] == [3, 4]  # the seeded start already has 7 dead units
    assert got["J"] == pytest.approx(mlp_lib.mean_squared_cost(slope * X[:, 0] + intercept, Y), rel=1e-12)


# ------------------------------------------------------------------- the page, in chromium
def values(page):
    """The page's data-values (JSON writes a float such as 1.2e20 without exponent: read as float)."""
    v = json.loads(page.root.get_attribute("data-values"), parse_int=float)
    v["net"]["sizes"] = [int(m) for m in v["net"]["sizes"]]
    return v


def check_values_are_mlp_libs(page):
    """The network the page shows is mlp_lib.gd's after t steps: J at every step, theta,
    h on the grid, and the least-squares line's J, to 1e-9."""
    v = values(page)
    name, t = v["activation"], int(v["t"])
    net = mlp_lib.MLP(wa.SIZES, name, seed=wa.SEED)
    history = mlp_lib.gd(net, X, Y, wa.LR, t)
    np.testing.assert_allclose(v["history"], history, rtol=1e-9)
    assert v["J"] == pytest.approx(history[-1], rel=1e-9)
    theirs = mlp_from_page(v["net"])
    for k in range(1, net.r + 1):
        np.testing.assert_allclose(theirs.W[k], net.W[k], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(v["h"], net(wa.GRID[:, None]), rtol=1e-9, atol=1e-12)
    slope, intercept = wa.least_squares_line(X, Y)
    assert v["lstsq"]["J"] == pytest.approx(mlp_lib.mean_squared_cost(slope * X[:, 0] + intercept, Y), rel=1e-9)
    assert t == page.evaluate("window.explorerModel.get('t')")
    return v


page = page_fixture(wa.activation_explorer, "activations")


def _click(page, name):
    page.get_by_role("button", name=name, exact=True).click()


def _wait_done(page, timeout=30_000):
    page.wait_for_function("() => { const v = JSON.parse(document.querySelector('#explorer .mlp-explorer')"
                           ".dataset.values); return v.done && !v.playing; }", timeout=timeout)


def test_every_control_changes_the_drawing(page):
    v = check_values_are_mlp_libs(page)
    assert (v["activation"], v["t"]) == ("relu", 0)
    menu = page.get_by_label("activation σ")
    for name in ["sigmoid", "tanh", "identity", "relu"]:
        before = svg_text(page)
        menu.select_option(name)
        assert svg_text(page) != before, name
        assert check_values_are_mlp_libs(page)["activation"] == name
    before = svg_text(page)  # by keyboard: the next option
    menu.focus()
    menu.press("ArrowDown")
    assert svg_text(page) != before and values(page)["activation"] == "sigmoid"
    for text in ["step", "play", "pause", "step", "reset"]:
        before = svg_text(page)
        _click(page, text)
        page.wait_for_timeout(60)
        assert svg_text(page) != before, text
    check_values_are_mlp_libs(page)


def test_play_runs_the_default_training_and_it_is_mlp_libs(page):
    _click(page, "play")
    _wait_done(page)
    v = check_values_are_mlp_libs(page)
    assert v["t"] == wa.N_ITER and v["final"]["relu"] == v["J"]
    assert f"t = {wa.N_ITER} of {wa.N_ITER} (done)" in page.locator(".mlp-readout").inner_text()
    e = wa.activation_explorer()
    e.t = int(v["t"])
    assert e.net().cost(X, Y) == pytest.approx(v["J"], rel=1e-9)
    assert "ReLU: final J = " in svg_text(page)


def test_pause_step_reset_and_each_activation_keeps_its_run(page):
    t = play_then_pause_at_the_first_step(page)  # a 0.8 s run can end before a click from here
    assert 0 < t < wa.N_ITER and not values(page)["playing"]
    page.wait_for_timeout(200)
    assert values(page)["t"] == t
    _click(page, "step")
    assert check_values_are_mlp_libs(page)["t"] == t + 1
    menu = page.get_by_label("activation σ")
    menu.select_option("tanh")  # a new activation starts at its own start...
    assert check_values_are_mlp_libs(page)["t"] == 0
    assert "ReLU: J = " in svg_text(page) and f"at t = {int(t) + 1}" in svg_text(page)
    _click(page, "step")
    _click(page, "step")
    assert check_values_are_mlp_libs(page)["t"] == 2
    menu.select_option("relu")  # ...and the ReLU run is where it was
    assert check_values_are_mlp_libs(page)["t"] == t + 1
    _click(page, "reset")
    assert check_values_are_mlp_libs(page)["t"] == 0


def test_setting_t_from_python_trains_the_page_to_that_step(page):
    page.evaluate("window.explorerModel.set('t', 137)")
    assert check_values_are_mlp_libs(page)["t"] == 137
    page.evaluate("window.explorerModel.set('t', 12)")  # back: the run starts again
    assert check_values_are_mlp_libs(page)["t"] == 12
    page.evaluate("window.explorerModel.set('activation', 'sigmoid')")
    assert check_values_are_mlp_libs(page)["t"] == 0


def test_identity_draws_the_least_squares_line_and_says_how_close(page):
    page.get_by_label("activation σ").select_option("identity")
    assert "least-squares line" in svg_text(page)
    page.evaluate(f"window.explorerModel.set('t', {wa.N_ITER})")
    v = check_values_are_mlp_libs(page)
    slope, intercept = wa.least_squares_line(X, Y)
    assert v["line"]["slope"] == pytest.approx(slope, rel=1e-6)
    assert v["line"]["intercept"] == pytest.approx(intercept, rel=1e-3, abs=1e-9)
    assert v["line"]["gap"] < 1e-9 and abs(v["line"]["excess"]) < 1e-9
    words = page.locator(".mlp-readout").inner_text()
    assert f"least squares gives {page_number(slope, 4)} x + {page_number(intercept, 4)}" in words
    assert "equal to the least-squares J to 4 digits" in words
    page.evaluate("window.explorerModel.set('t', 2)")  # two steps in, J is still above the line's
    J = mlp_lib.train_mlp(wa.SIZES, X, Y, "identity", wa.SEED, lr=wa.LR, n_iter=2)["history"][-1]
    J_line = mlp_lib.mean_squared_cost(slope * X[:, 0] + intercept, Y)  # (1.2) of the least-squares line
    excess = page_number(100 * (J - J_line) / J_line, 2)
    assert excess != "0" and f"{excess}% above the least-squares J" in page.locator(".mlp-readout").inner_text()


def test_edge_states_are_said_in_words(page):
    net = mlp_lib.MLP(wa.SIZES, "relu", seed=wa.SEED)  # the start: count its dead units by hand
    a1 = np.maximum(X @ net.W[1].T + net.b[1], 0)  # (2.9), then ReLU
    a2 = np.maximum(a1 @ net.W[2].T + net.b[2], 0)
    dead = int((a1 == 0).all(axis=0).sum() + (a2 == 0).all(axis=0).sum())
    assert dead > 0
    assert f"{dead} of 32 hidden ReLU units output 0 on every x" in page.locator(".mlp-message").inner_text()
    page.get_by_label("activation σ").select_option("tanh")
    assert page.locator(".mlp-message").inner_text() == ""
    page.evaluate("window.explorerModel.set('lr', 10)")  # only Python can set it (validated: at most 10)
    _click(page, "play")
    _wait_done(page)
    v = values(page)
    run = mlp_lib.train_mlp(wa.SIZES, X, Y, "tanh", 0, lr=10.0, n_iter=wa.N_ITER)
    assert run["error"] is not None and v["diverged"] == run["error"].iteration > 0
    assert f"Training diverged at iteration {run['error'].iteration}:" in page.locator(".mlp-message").inner_text()
    np.testing.assert_allclose(v["history"], run["history"], rtol=1e-9)
    assert no_nan(page) == []


def test_200_random_changes_leave_no_nan_and_no_error(page):
    rng = random.Random(0)
    menu = page.get_by_label("activation σ")
    for _ in range(200):
        if rng.random() < 0.4:
            menu.select_option(rng.choice(NAMES))
        else:
            _click(page, rng.choice(["play", "pause", "step", "reset"]))
    _click(page, "pause")
    assert no_nan(page) == []
    check_values_are_mlp_libs(page)


def test_a_change_is_redrawn_inside_its_own_event(chromium, explorer_server):
    p = open_explorer(chromium, explorer_server, wa.activation_explorer(), "activations", DESKTOP)
    names = [name for _, name in wa.ACTIVATION_OPTIONS]
    assert not_redrawn_in_the_event(p, "#explorer select", (names[1:] + names[:1]) * 3, "change") == []
    assert p.problems == []
    p.context.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 700, "height": 900}], ids=["phone", "column"])
def test_the_explorer_fits_its_width_and_its_text_is_legible(chromium, explorer_server, viewport):
    page = open_explorer(chromium, explorer_server, wa.activation_explorer("identity"), "activations", viewport)
    page.evaluate("window.explorerModel.set('t', 50)")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert small_text(page) == []
    labels = page.evaluate("Array.from(document.querySelectorAll('#explorer svg')).map(s => s.getAttribute('aria-label'))")
    assert len(labels) == 3 and all(labels)
    assert "least-squares line" in labels[0] and "σ(z) = z" in labels[1] and "identity: J = " in labels[2]
    assert page.problems == []
    page.context.close()


# ------------------------------------------------------------------- links (ui/state.js)
def link_page(chromium, explorer_server, hash_=""):
    return open_explorer(chromium, explorer_server, wa.activation_explorer(), "activations", hash=hash_, site=True)


def test_a_view_with_every_activations_run_round_trips_through_the_address(chromium, explorer_server):
    page = link_page(chromium, explorer_server)
    try:
        menu = page.get_by_label("activation σ")
        for _ in range(3):
            click(page, "step")
        menu.select_option("sigmoid")
        for _ in range(5):
            click(page, "step")
        menu.select_option("tanh")
        click(page, "step")
        before = check_values_are_mlp_libs(page)
        assert {n: r["t"] for n, r in before["runs"].items()} == {"relu": 3, "sigmoid": 5, "tanh": 1}
        for name, r in before["runs"].items():  # each activation's run is mlp_lib's GD
            history = mlp_lib.gd(mlp_lib.MLP(wa.SIZES, name, seed=wa.SEED), X, Y, wa.LR, int(r["t"]))
            assert r["J"] == pytest.approx(history[-1], rel=1e-9)
        hash_ = fragment(page)
        for part in ["activations.v=1", "activations.activation=tanh", "activations.runs=relu:3|sigmoid:5",
                     "activations.t=1"]:
            assert part in hash_
        assert page.problems == []
    finally:
        page.context.close()
    page = link_page(chromium, explorer_server, hash_)
    try:
        after = check_values_are_mlp_libs(page)
        for key in ("activation", "t", "J", "history", "runs", "h"):
            assert after[key] == before[key], key
        assert page.locator("#explorer .mlp-notice").inner_text() == ""
        assert "ReLU: J = " in svg_text(page) and "at t = 3" in svg_text(page)  # the other runs are drawn
        assert page.problems == []
    finally:
        page.context.close()


def test_a_hidden_control_is_gone_and_out_of_the_tab_order(chromium, explorer_server):
    page = link_page(chromium, explorer_server, "#activations.v=1&activations.hide=activation,reset")
    try:
        assert page.locator("#explorer [data-setting='activation']").is_hidden()
        focusable = focusable_controls(page)
        assert "activation" not in focusable and "reset" not in focusable and "play" in focusable
        assert page.problems == []
    finally:
        page.context.close()



@pytest.mark.parametrize("name, text, value", [
    ("activation", "tanh", "tanh"), ("activation", "softplus", "softplus"),
    ("t", "40", 40), ("t", "2001", 2001), ("t", "-2", -2),
])
def test_a_links_verdicts_are_the_python_traitlets(chromium, explorer_server, name, text, value):
    words = traitlet_words(wa.ActivationExplorer(), name, value)
    page = link_page(chromium, explorer_server, f"#activations.v=1&activations.{name}={text}")
    try:
        notice = page.locator("#explorer .mlp-notice").inner_text()
        v = values(page)
        if words is None:
            assert notice == "" and v[name] == value
        else:
            assert words in notice
            assert (v["activation"], v["t"]) == ("relu", 0)  # the defaults
        assert page.problems == []
    finally:
        page.context.close()


@pytest.mark.parametrize("runs, words", [("relu:9999", "the step t (at most n_iter = 2000) must be an integer"),
                                         ("gelu:3", "activation must be one of"), ("relu", "runs must read activation:t")])
def test_a_bad_list_of_runs_is_said_and_the_defaults_stay(chromium, explorer_server, runs, words):
    page = link_page(chromium, explorer_server, f"#activations.v=1&activations.runs={runs}")
    try:
        assert words in page.locator("#explorer .mlp-notice").inner_text()
        assert list(values(page)["runs"]) == ["relu"] and values(page)["t"] == 0
        assert page.problems == []
    finally:
        page.context.close()


# ------------------------------------------------------------------- the reader's own data (ui/points.js)
def check_run_on_the_pages_points(page):
    """The page's run is mlp_lib's on the page's own points (history, theta, to 1e-9), and its
    least-squares line is least_squares_line's on them."""
    v = values(page)
    x, y = model_data(page)
    e = wa.ActivationExplorer(v["activation"])
    e.set_state({"x": x, "y": y})  # as the page's points arrive with a kernel
    run = e.run(int(v["t"]))
    np.testing.assert_allclose(v["history"], run["history"], rtol=1e-9)
    theirs = mlp_from_page(v["net"])
    for k in range(1, run["model"].r + 1):
        np.testing.assert_allclose(theirs.W[k], run["model"].W[k], rtol=1e-9, atol=1e-12)
    slope, intercept = wa.least_squares_line(np.array(x), np.array(y))
    assert [v["lstsq"]["slope"], v["lstsq"]["intercept"]] == pytest.approx([slope, intercept], rel=1e-9, abs=1e-12)
    assert e.lstsq == pytest.approx([slope, intercept], rel=1e-12)
    X_, y_ = e.data()
    assert X_.shape == (len(x), 1) and y_.tolist() == y
    return v


def test_the_readers_points_train_as_mlp_lib_on_them_and_round_trip(chromium, explorer_server):
    page = link_page(chromium, explorer_server)
    try:
        book_x, book_y = model_data(page)
        page.get_by_label("activation σ").select_option("identity")
        page.get_by_role("button", name="edit on the plot").click()
        box = page.locator("#explorer svg[role=img]").first.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.12)  # add by click
        page.get_by_label("x of the point").fill("0.75")
        page.get_by_label("y of the point").fill("-1.5")
        page.get_by_role("button", name="add point").click()
        px, py = plot_point(page, 0.75, -1.5)
        page.mouse.move(px, py)
        page.mouse.down()
        page.mouse.move(px - 20, py - 30, steps=3)
        page.mouse.up()
        page.get_by_label("x of the point").fill(str(book_x[5]))
        page.get_by_label("y of the point").fill(str(book_y[5]))
        page.get_by_role("button", name="remove point").click()
        x, y = model_data(page)
        assert len(x) == len(book_x) + 1 and book_x[5] not in x and x[-1] < 0.75 and y[-1] > -1.5
        for _ in range(6):
            click(page, "step")
        v = check_run_on_the_pages_points(page)
        assert v["t"] == 6 and "your data" in svg_text(page) and "truth sin(3x)" not in svg_text(page)
        hash_ = fragment(page)
        assert "activations.data=" in hash_
        assert page.problems == []
    finally:
        page.context.close()
    page = link_page(chromium, explorer_server, hash_)
    try:
        assert model_data(page) == [x, y]
        assert check_run_on_the_pages_points(page)["history"] == v["history"]
        page.get_by_role("button", name="book's data").click()
        assert model_data(page) == [book_x, book_y] and "truth sin(3x)" in svg_text(page)
        check_values_are_mlp_libs(page)
        assert page.problems == []
    finally:
        page.context.close()


def test_the_pages_points_arrive_from_python_as_one_set_state():
    e = wa.activation_explorer()
    x, y = e.x[:10], e.y[:10]
    e.set_state({"x": x, "y": y})
    assert e.data()[0].shape == (10, 1) and e.lstsq == list(wa.least_squares_line(np.array(x), np.array(y)))
    with pytest.raises(traitlets.TraitError, match=r"y must hold one number per example, as many as x \(10\), got 11"):
        e.set_state({"y": y + [0.0]})
    with pytest.raises(traitlets.TraitError, match="at least 2 finite numbers"):
        e.set_state({"x": x[:1], "y": y[:1]})
    assert e.x == x and e.y == y
