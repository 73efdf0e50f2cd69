"""The two-layer network of chapter 4 (eqs. 2.5-2.6), its figure (mlp_lib.plots.two_layer) and
its explorer (mlp_lib.widgets.two_layer, front end js/src/explorers/two_layer.js): the page's
training must follow mlp_lib.gd step by step, its drawing must be eq. (2.6) unit by unit, and
every control must work."""
import json
import random

import matplotlib.pyplot as plt
import numpy as np
import pytest
import traitlets

import mlp_lib
from mlp_lib.data import curve_truth, smooth_curve
from mlp_lib.plots.two_layer import contributions, plot_contributions, plot_cost
from mlp_lib.widgets import two_layer as wt
from mlp_lib.widgets._explorer import mlp_from_page, mlp_to_page
from explorer_page import focusable_controls, model_data, plot_point, traitlet_words
from explorer_page import (PHONE, ROOT, choose_by_keyboard, no_nan, open_explorer, page_fixture, slider_changes_drawing,
                           play_then_pause_at_the_first_step, small_text, svg_text)
from node_core import run_js
from test_links import click, fragment, set_slider

X, Y = smooth_curve()
ACTIVATIONS = list(mlp_lib.ACTIVATIONS)
EXPLORER_JS = (ROOT / "mlp_lib" / "widgets" / "js" / "src" / "explorers" / "two_layer.js").as_uri()


def page_net(state):
    """The page's network (mlp_to_page form, as data-values holds it) as an mlp_lib.MLP."""
    return mlp_from_page({**state, "sizes": [int(k) for k in state["sizes"]]})


def reference(m, activation, lr, n_iter, max_growth=wt.BLOWUP, seed=0):
    """The same training, done directly with mlp_lib.train (GD from the seeded start)."""
    return mlp_lib.train(mlp_lib.MLP([1, m, 1], activation, seed=seed), X, Y, "gd", lr=lr, n_iter=n_iter,
                         max_growth=max_growth)


# ------------------------------------------------------------------- the chapter's figure
def test_plot_contributions_draws_each_share_and_their_sum():
    net = mlp_lib.MLP([1, 6, 1], "tanh", seed=2)
    fig, ax = plt.subplots()
    drawn = plot_contributions(net, X, Y, ax)
    cost = plot_cost([1.0, 0.5, 0.25], ax=fig.add_subplot(2, 1, 2))
    shares = [line for line in ax.lines if line.get_gid() == "contribution"]
    assert len(shares) == 6
    x = drawn["x"]
    for j, line in enumerate(shares):  # w^[2]_j a_j(x), a_j = tanh(w^[1]_j x + b^[1]_j) (2.5)
        np.testing.assert_allclose(line.get_ydata(), net.W[2][0, j] * np.tanh(net.W[1][j, 0] * x + net.b[1][j]))
    total = [line for line in ax.lines if line.get_gid() == "total"][0].get_ydata()
    np.testing.assert_allclose(total, net(x[:, None]))  # (2.6)
    assert drawn["b2"] == net.b[2][0]
    np.testing.assert_array_equal(cost["J"], [1.0, 0.5, 0.25])
    plt.close(fig)


def test_contributions_add_up_for_any_input_dimension():
    net = mlp_lib.MLP([3, 7, 1], activation="tanh", seed=4)
    Xs = np.random.default_rng(0).standard_normal((20, 3))
    C, b2 = contributions(net, Xs)
    assert C.shape == (20, 7)
    assert np.allclose(C.sum(axis=1) + b2, net(Xs))
    with pytest.raises(ValueError, match="sizes"):
        contributions(mlp_lib.MLP([1, 4, 4, 1], seed=0), Xs[:, :1])


def test_identity_units_sum_to_a_straight_line():
    net = mlp_lib.MLP([1, 5, 1], activation="identity", seed=0)
    drawn = plot_contributions(net, X, Y)
    assert np.allclose(np.diff(drawn["total"], 2), 0, atol=1e-12)


# ------------------------------------------------------------------- explorer: Python side
def test_explorer_builds_with_the_chapters_data_and_starts():
    e = wt.two_layer_explorer()
    assert isinstance(e, wt.TwoLayerExplorer)
    np.testing.assert_array_equal(e.x, X[:, 0])
    np.testing.assert_array_equal(e.y, Y)
    np.testing.assert_array_equal(e.grid, np.linspace(X.min(), X.max(), 200))
    np.testing.assert_array_equal(e.truth, curve_truth(e.grid))
    assert (e.m, e.activation, e.lr, e.n_iter, e.seed, e.t, e.max_growth) == (10, "relu", 0.3, 500, 0, 0, wt.BLOWUP)
    assert [name for _, name in e.activations] == ACTIVATIONS
    # one start per activation and m of the slider, exactly mlp_lib's seeded MLP
    assert set(e.initial_nets) == set(ACTIVATIONS)
    for activation in ACTIVATIONS:
        nets = e.initial_nets[activation]
        assert len(nets) == wt.M_RANGE[1] - wt.M_RANGE[0] + 1
        for m in [1, 7, 20]:
            assert nets[m - 1] == mlp_to_page(mlp_lib.MLP([1, m, 1], activation, seed=0))
    assert len(e.unit_colors) >= 2 and all(c.startswith("#") for c in e.unit_colors)
    other = wt.two_layer_explorer(X[:30], Y[:30], m=4)
    assert len(other.x) == 30 and other.truth == [] and other.m == 4


@pytest.mark.parametrize("name, value, words", [
    ("m", 0, r"the number of hidden units m must be an integer from 1 to 20, got 0"),
    ("m", 21, r"the number of hidden units m must be an integer from 1 to 20, got 21"),
    ("lr", 0.0, r"the learning rate lr must be a number from 0\.001 to 3\.16228, got 0\.0"),
    ("lr", float("nan"), r"the learning rate lr must be a number from 0\.001 to 3\.16228, got nan"),
    ("activation", "softplus", r"activation must be one of 'relu', .*, got 'softplus'"),
    ("n_iter", 0, r"n_iter must be an integer from 1 to 5000, got 0"),
    ("t", 501, r"t \(the page's iterations\) must be an integer from 0 to 500, got 501"),
    ("seed", -1, r"seed must be an integer from 0 to 4294967295, got -1"),
    ("max_growth", 0.5, r"max_growth must be a number from 1 to 1e\+300, got 0\.5"),
])
def test_settings_are_validated_with_clear_messages(name, value, words):
    e = wt.two_layer_explorer()
    with pytest.raises(traitlets.TraitError, match=words):
        setattr(e, name, value)


def test_bad_data_is_refused():
    with pytest.raises(ValueError, match="one input per example"):
        wt.two_layer_explorer(np.ones((5, 2)), np.ones(5))
    with pytest.raises(ValueError, match=r"y must hold one number per example, shape \(80,\), got shape \(10,\)"):
        wt.two_layer_explorer(X, Y[:10])


def test_net_and_history_follow_the_traitlets():
    e = wt.two_layer_explorer()
    start = mlp_lib.MLP([1, 10, 1], "relu", seed=0)
    np.testing.assert_array_equal(e.net().theta, start.theta)  # t = 0: the run's start
    e.t = 120
    ref = reference(10, "relu", 0.3, 120)
    np.testing.assert_array_equal(e.net().theta, ref["model"].theta)
    np.testing.assert_array_equal(e.history(), ref["history"])
    e.m, e.activation = 4, "tanh"
    assert e.t == 0  # a new setting, a new run (as in the page)
    assert e.net().sizes == [1, 4, 1] and e.net().activation == "tanh"
    e.t = 50
    e.lr = 0.05
    assert e.t == 0
    np.testing.assert_array_equal(e.history(50), reference(4, "tanh", 0.05, 50)["history"])
    e.seed = 3
    assert e.initial_nets["tanh"][3] == mlp_to_page(mlp_lib.MLP([1, 4, 1], "tanh", seed=3))
    np.testing.assert_array_equal(e.net().theta, mlp_lib.MLP([1, 4, 1], "tanh", seed=3).theta)


def test_a_run_that_grows_past_max_growth_is_handed_back_where_it_stopped():
    e = wt.two_layer_explorer(lr=3.162)
    run = e.run(500)
    assert isinstance(run["error"], mlp_lib.TrainingDiverged)
    assert run["error"].J > wt.BLOWUP * run["history"][0] and np.isfinite(run["model"].theta).all()


# ------------------------------------------------------------------- the page's mathematics, under node
def _page(code, **inputs):
    return run_js(f"const page = await import(inputs.url);\n{code}", url=EXPLORER_JS, **inputs)


RUN_JS = """return inputs.cases.map((c) => { const r = page.runAll({start: c.start, x: inputs.x, y: inputs.y,
    lr: c.lr, nIter: c.n_iter, maxGrowth: c.max_growth});
  return {t: r.t, history: r.history, stopped: r.stopped, net: r.model.toJSON()}; });"""


def _check_run(page_run, case):
    ref = reference(case["m"], case["activation"], case["lr"], case["n_iter"], case["max_growth"])
    np.testing.assert_allclose(np.array(page_run["history"], dtype=float), ref["history"], rtol=1e-9)
    # the network shown: mlp_lib's, or when J overflowed, the one before (the last with a finite J)
    shown = ref["model"]
    if ref["error"] is not None and not np.isfinite(ref["error"].J):
        shown = reference(case["m"], case["activation"], case["lr"], ref["error"].iteration - 1,
                          case["max_growth"])["model"]
        np.testing.assert_array_equal(shown.theta, wt.two_layer_explorer(
            m=case["m"], activation=case["activation"], lr=case["lr"], max_growth=case["max_growth"]).net(
            ref["error"].iteration).theta)
    np.testing.assert_allclose(page_net(page_run["net"]).theta, shown.theta, rtol=1e-9, atol=1e-12)
    if ref["error"] is None:
        assert page_run["stopped"] is None and page_run["t"] == case["n_iter"]
    else:
        kind = "overflow" if np.isinf(ref["error"].J) or np.isnan(ref["error"].J) else "growth"
        assert page_run["stopped"]["kind"] == kind
        assert page_run["stopped"]["t"] == page_run["t"] == ref["error"].iteration
    return ref


def _case(m, activation, lr=wt.LR, n_iter=wt.N_ITER, max_growth=wt.BLOWUP):
    return dict(m=m, activation=activation, lr=lr, n_iter=n_iter, max_growth=max_growth,
                start=mlp_to_page(mlp_lib.MLP([1, m, 1], activation, seed=0)))


def test_pages_default_runs_are_mlp_libs_gd_for_every_activation_at_two_widths():
    """The explorer's default run (alpha = 0.3, 500 GD steps) from mlp_lib's start: every J and
    the final parameters equal mlp_lib.gd's (via mlp_lib.train) to 1e-9."""
    cases = [_case(m, a) for a in ACTIVATIONS for m in (3, 10)]
    for got, case in zip(_page(RUN_JS, x=X[:, 0], y=Y, cases=cases), cases):
        ref = _check_run(got, case)
        history = mlp_lib.gd(mlp_lib.MLP([1, case["m"], 1], case["activation"], seed=0), X, Y, case["lr"], 500)
        np.testing.assert_allclose(np.array(got["history"], dtype=float), history, rtol=1e-9)
        assert ref["error"] is None


def test_pages_runs_stop_as_mlp_lib_train_does():
    cases = [_case(10, "relu", lr=3.162), _case(3, "tanh", lr=2.0), _case(20, "identity", lr=1.0),
             _case(3, "identity", lr=3.162, max_growth=1e300),  # J overflows: no growth limit first
             _case(20, "sigmoid", lr=1.0, n_iter=37)]
    runs = _page(RUN_JS, x=X[:, 0], y=Y, cases=cases)
    kinds = [None if r["stopped"] is None else r["stopped"]["kind"] for r in runs]
    assert kinds == ["growth", "growth", "growth", "overflow", None]
    for got, case in zip(runs, cases):
        _check_run(got, case)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_pages_contributions_are_eq_2_6_unit_by_unit(activation):
    e = wt.two_layer_explorer()
    net = mlp_lib.MLP([1, 7, 1], activation, seed=5)
    net.b[1][:3] = -5.0  # three ReLUs dead on every x in [-1, 1]
    net.W[1][:3] = 1.0
    got = _page("""const net = core.MLP.fromJSON(inputs.net);
      return {...page.contributions(net, inputs.grid), dead: page.deadUnits(net, inputs.x)};""",
                net=mlp_to_page(net), grid=e.grid, x=X[:, 0])
    C, b2 = contributions(net, np.array(e.grid)[:, None])
    np.testing.assert_allclose(got["C"], C, rtol=1e-9, atol=1e-15)
    assert got["b2"] == b2
    np.testing.assert_allclose(got["h"], net(np.array(e.grid)[:, None]), rtol=1e-9, atol=1e-15)
    dead = np.flatnonzero((net.features(X) == 0).all(axis=0)).tolist()
    assert got["dead"] == dead and (dead == [0, 1, 2]) == (activation == "relu")


# ------------------------------------------------------------------- the page, in chromium
def values(page):
    """The page's data-values (JSON writes a float such as 1.2e20 without exponent: read as float)."""
    return json.loads(page.root.get_attribute("data-values"), parse_int=float)


def check_values_are_mlp_libs(page):
    """What the page shows equals mlp_lib: GD from the same start for t steps (mlp_lib.train),
    and that network's shares, b^[2] and h on the grid (eq. 2.6)."""
    v = values(page)
    model = page.evaluate("['m', 'activation', 'lr', 'n_iter', 't', 'grid'].map(n => window.explorerModel.get(n))")
    m, activation, lr, n_iter, t, grid = model
    assert (v["m"], v["activation"], v["lr"], v["nIter"]) == (m, activation, lr, n_iter)
    e = wt.two_layer_explorer(m=int(m), activation=activation, lr=lr, n_iter=int(n_iter))
    e.t = int(v["t"])
    np.testing.assert_allclose(v["history"], e.history(), rtol=1e-9)
    net = e.net()
    np.testing.assert_allclose(page_net(v["net"]).theta, net.theta, rtol=1e-9, atol=1e-12)
    C, b2 = contributions(net, np.array(grid)[:, None])
    np.testing.assert_allclose(v["C"], C, rtol=1e-9, atol=1e-12)
    assert v["b2"] == pytest.approx(b2, rel=1e-9, abs=1e-12)
    np.testing.assert_allclose(v["h"], net(np.array(grid)[:, None]), rtol=1e-9, atol=1e-12)
    assert v["dead"] == (np.flatnonzero((net.features(X) == 0).all(axis=0)).tolist() if activation == "relu" else [])
    return v


page = page_fixture(wt.two_layer_explorer, "two_layer")


def _button(page, name):
    page.get_by_role("button", name=name, exact=True).click()


def _wait_done(page):
    page.wait_for_function("() => { const v = JSON.parse(document.querySelector('#explorer .mlp-explorer')"
                           ".dataset.values); return v.done && !v.playing; }", timeout=20_000)


def _at_the_start(page):
    assert check_values_are_mlp_libs(page)["t"] == 0


def test_every_control_changes_the_drawing_by_keyboard_and_pointer(page):
    v = check_values_are_mlp_libs(page)
    assert v["t"] == 0 and len(v["C"][0]) == 10
    for label in ["hidden units m", "learning rate α"]:
        control = page.get_by_label(label, exact=True)
        _button(page, "step")  # a control moved during a run starts the new setting's run
        slider_changes_drawing(page, control, lambda: _at_the_start(page))
    page.get_by_label("hidden units m", exact=True).fill("20")
    assert len(check_values_are_mlp_libs(page)["C"][0]) == 20
    menu = page.get_by_label("activation σ")
    for activation in ["sigmoid", "tanh", "identity", "relu"]:
        before = svg_text(page)
        choose_by_keyboard(menu, activation)
        assert svg_text(page) != before, activation
        assert check_values_are_mlp_libs(page)["activation"] == activation
    for name in ["step", "play", "pause", "reset"]:
        before = svg_text(page)
        _button(page, name)
        page.wait_for_timeout(60)
        assert svg_text(page) != before, name
        check_values_are_mlp_libs(page)


def test_play_runs_the_default_500_steps_and_equals_mlp_lib(page):
    _button(page, "play")
    _wait_done(page)
    v = check_values_are_mlp_libs(page)
    assert v["t"] == 500 == page.evaluate("window.explorerModel.get('t')")
    e = wt.two_layer_explorer()
    e.t = 500
    np.testing.assert_allclose(v["history"], e.history(), rtol=1e-9)
    assert "500 of 500" in page.locator(".mlp-readout").inner_text()
    assert "(done)" in page.locator(".mlp-readout").inner_text()


def test_pause_stops_step_advances_one_reset_returns_to_the_start(page):
    t = play_then_pause_at_the_first_step(page)
    assert 0 < t and not values(page)["playing"]
    page.wait_for_timeout(200)
    assert values(page)["t"] == t == page.evaluate("window.explorerModel.get('t')")
    _button(page, "step")
    assert values(page)["t"] == t + 1 == page.evaluate("window.explorerModel.get('t')")
    check_values_are_mlp_libs(page)
    _button(page, "reset")
    v = check_values_are_mlp_libs(page)
    assert v["t"] == 0 and page.evaluate("window.explorerModel.get('t')") == 0
    assert "play or step to train" in svg_text(page)


def test_hovering_or_focusing_a_unit_shows_its_weights(page):
    _button(page, "play")
    _wait_done(page)
    v = values(page)
    net = page_net(v["net"])
    chip = page.locator(".mlp-unit").nth(3)
    before = svg_text(page)
    chip.focus()
    tip = page.locator(".mlp-tip")
    assert tip.is_visible()
    text = tip.inner_text()
    for value in [net.W[1][3, 0], net.b[1][3], net.W[2][0, 3]]:
        assert f"{float(f'{value:.4g}'):g}" in text.replace("−", "-")
    assert "unit 4" in text and svg_text(page) != before  # the unit's curve is highlighted
    page.keyboard.press("Tab")
    assert "unit 5" in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    # the mouse over a unit's curve
    path = page.locator("g.mlp-unit-curve").nth(9).locator("path").nth(1)  # the top one's hit area
    point = page.evaluate("""p => { const l = p.getTotalLength(); const q = p.getPointAtLength(l * 0.5);
        const m = p.getScreenCTM(); return [q.x * m.a + m.e, q.y * m.d + m.f]; }""", path.element_handle())
    page.mouse.move(*point)
    assert tip.is_visible() and "unit 10" in tip.inner_text()


@pytest.mark.parametrize("settings, words", [
    (dict(lr=3.162), "J grew from"),
    (dict(activation="identity", lr=3.162, max_growth=1e300), "Training diverged at iteration"),
    (dict(lr=2.0), "J ended above where it started"),  # every ReLU dies; J grows, less than max_growth
])
def test_edge_states_are_said_in_words(page, settings, words):
    for name, value in settings.items():
        page.evaluate("([n, v]) => window.explorerModel.set(n, v)", [name, value])
    _button(page, "play")
    _wait_done(page)
    assert words in page.locator(".mlp-message").inner_text()
    assert no_nan(page) == []
    v = values(page)
    e = wt.two_layer_explorer(**settings)
    run = e.run(500)
    if run["error"] is None:
        assert v["t"] == 500 and v["stopped"] is None and v["history"][-1] > v["history"][0]
    else:
        assert run["error"].iteration == v["t"] == v["stopped"]["t"]
    np.testing.assert_allclose(v["history"], run["history"], rtol=1e-9)
    np.testing.assert_allclose(page_net(v["net"]).theta, e.net(int(v["t"])).theta, rtol=1e-9)
    _button(page, "reset")
    assert page.locator(".mlp-message").inner_text() == ""


def test_200_random_changes_leave_no_nan_and_no_error(page):
    rng = random.Random(0)
    sliders = [page.get_by_label(label, exact=True) for label in ["hidden units m", "learning rate α"]]
    menu = page.get_by_label("activation σ")
    for _ in range(200):
        kind = rng.random()
        if kind < 0.55:
            control = rng.choice(sliders)
            control.focus()
            control.press(rng.choice(["ArrowRight", "ArrowLeft", "End", "Home", "PageUp", "PageDown"]))
        elif kind < 0.7:
            menu.select_option(rng.choice(ACTIVATIONS))
        elif kind < 0.8:
            page.locator(".mlp-unit").nth(rng.randrange(page.locator(".mlp-unit").count())).focus()
        else:
            _button(page, rng.choice(["play", "pause", "step", "reset"]))
    _button(page, "pause")
    assert no_nan(page) == []
    check_values_are_mlp_libs(page)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 700, "height": 900}], ids=["phone", "column"])
def test_the_explorer_fits_and_its_text_is_legible(chromium, explorer_server, viewport):
    page = open_explorer(chromium, explorer_server, wt.two_layer_explorer(m=20), "two_layer", viewport)
    _button(page, "play")
    _wait_done(page)
    page.locator(".mlp-unit").nth(19).focus()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert small_text(page) == []
    labels = page.evaluate("Array.from(document.querySelectorAll('#explorer svg[role=img]')).map(s => s.getAttribute('aria-label'))")
    assert len(labels) == 2 and "eq. 2.6" in labels[0] and "cost J" in labels[1]
    assert page.problems == []
    page.context.close()


# ------------------------------------------------------------------- links and kept runs (ui/state.js)
def link_page(chromium, explorer_server, hash_=""):
    return open_explorer(chromium, explorer_server, wt.two_layer_explorer(), "two_layer", hash=hash_, site=True)


def test_a_view_with_kept_runs_round_trips_through_the_address(chromium, explorer_server):
    page = link_page(chromium, explorer_server)
    try:
        set_slider(page, "m", 6)
        page.get_by_label("activation σ").select_option("tanh")
        for _ in range(4):
            click(page, "step")
        click(page, "keep")
        set_slider(page, "lr", -0.5)  # alpha = 10^-0.5, shown as 0.3162
        for _ in range(7):
            click(page, "step")
        before = check_values_are_mlp_libs(page)
        assert [k["label"] for k in before["kept"]] == ["α = 0.3"]
        assert before["kept"][0]["t"] == 4
        e = wt.two_layer_explorer(m=6, activation="tanh")
        e.t = 4
        assert before["kept"][0]["J"] == pytest.approx(e.history()[-1], rel=1e-9)  # the kept run is mlp_lib's too
        # drawn faint in both panels (h and J), labelled
        assert page.locator("#explorer path.mlp-kept").count() == 2
        assert page.locator("#explorer text.mlp-kept-label").all_text_contents() == ["α = 0.3", "α = 0.3"]
        hash_ = fragment(page)
        for part in ["two_layer.v=1", "two_layer.m=6", "two_layer.activation=tanh", "two_layer.lr=0.3162",
                     "two_layer.t=7", "two_layer.keep=m:6;activation:tanh;lr:0.3;t:4"]:
            assert part in hash_
        assert page.problems == []
    finally:
        page.context.close()
    page = link_page(chromium, explorer_server, hash_)
    try:
        after = check_values_are_mlp_libs(page)
        for key in ("m", "activation", "lr", "t", "J", "history", "kept", "h"):
            assert after[key] == before[key], key
        assert page.evaluate("window.explorerModel.get('t')") == 7
        assert page.locator("#explorer .mlp-notice").inner_text() == ""
        click(page, "clear")
        assert values(page)["kept"] == [] and page.locator("#explorer .mlp-kept").count() == 0
        assert "two_layer.keep" not in fragment(page)
        assert page.problems == []
    finally:
        page.context.close()


def test_a_hidden_control_is_gone_and_out_of_the_tab_order(chromium, explorer_server):
    page = link_page(chromium, explorer_server, "#two_layer.v=1&two_layer.hide=activation,lr,keep,clear,data")
    try:
        for name in ["activation", "lr", "data"]:  # data: the reader's points' form
            assert page.locator(f"#explorer [data-setting='{name}']").is_hidden()
        assert page.locator("#explorer button[data-action='keep']").is_hidden()
        assert page.locator("#explorer [data-setting='m']").is_visible()
        focusable = focusable_controls(page)
        assert "activation" not in focusable and "lr" not in focusable and "keep" not in focusable
        assert "data" not in focusable and "m" in focusable and "play" in focusable
        assert page.problems == []
    finally:
        page.context.close()



@pytest.mark.parametrize("name, text, value", [
    ("m", "6", 6), ("m", "0", 0), ("m", "21", 21), ("m", "-3", -3),
    ("lr", "0.01", 0.01), ("lr", "99.5", 99.5), ("lr", "0.0001", 0.0001),
    ("activation", "sigmoid", "sigmoid"), ("activation", "softplus", "softplus"),
    ("t", "12", 12), ("t", "501", 501),
])
def test_a_links_verdicts_are_the_python_traitlets(chromium, explorer_server, name, text, value):
    words = traitlet_words(wt.two_layer_explorer(), name, value)
    page = link_page(chromium, explorer_server, f"#two_layer.v=1&two_layer.{name}={text}")
    try:
        notice = page.locator("#explorer .mlp-notice").inner_text()
        v = values(page)
        if words is None:
            assert notice == "" and v[name] == value
        else:
            assert words in notice
            defaults = wt.two_layer_explorer()
            assert (v["m"], v["activation"], v["lr"], v["t"]) == (defaults.m, defaults.activation, defaults.lr, 0)
        assert page.problems == []
    finally:
        page.context.close()


@pytest.mark.parametrize("hash_, words", [
    ("#two_layer.v=1&two_layer.width=8", "'width' is not a setting of this explorer"),
    ("#two_layer.v=2&two_layer.m=3", "made for version 2 of this explorer, and this is version 1"),
    ("#two_layer.v=1&two_layer.keep=m:3;lr:0.1;t:2", "kept run 1 has no activation"),
    ("#two_layer.v=1&two_layer.keep=m:3;activation:relu;lr:0.1;t:900", "t (the page's iterations) must be an integer"),
])
def test_a_bad_link_is_said_in_words_and_the_defaults_stay(chromium, explorer_server, hash_, words):
    page = link_page(chromium, explorer_server, hash_)
    try:
        assert words in page.locator("#explorer .mlp-notice").inner_text()
        assert values(page)["kept"] == [] and values(page)["t"] == 0
        assert page.problems == []
    finally:
        page.context.close()


# ------------------------------------------------------------------- the reader's own data (ui/points.js)
def check_run_on_the_pages_points(page):
    """The page's run equals mlp_lib's GD on the page's own points (x, y), to 1e-9."""
    v = values(page)
    x, y = model_data(page)
    e = wt.TwoLayerExplorer(np.array(x), np.array(y), m=int(v["m"]), activation=v["activation"], lr=v["lr"])
    e.t = int(v["t"])
    np.testing.assert_allclose(v["history"], e.history(), rtol=1e-9)
    np.testing.assert_allclose(page_net(v["net"]).theta, e.net().theta, rtol=1e-9, atol=1e-12)
    X_, y_ = e.data()
    assert X_.shape == (len(x), 1) and y_.tolist() == y  # the hand-back's data are the reader's points
    return v


def test_the_readers_points_by_pointer_and_keyboard_train_as_mlp_lib_on_them(chromium, explorer_server):
    page = link_page(chromium, explorer_server)
    try:
        book_x, book_y = model_data(page)
        page.get_by_role("button", name="edit on the plot").click()
        svg = page.locator("#explorer svg[role=img]").first.bounding_box()
        page.mouse.click(svg["x"] + svg["width"] * 0.5, svg["y"] + svg["height"] * 0.3)  # add by click
        x, y = model_data(page)
        assert len(x) == len(book_x) + 1 and x[:-1] == book_x and y[:-1] == book_y
        assert x[-1] == round(x[-1], 3) and "added" in page.locator(".mlp-points-status").inner_text()
        # the keyboard form: x, Tab, y, Tab, Enter on "add point"
        page.get_by_label("x of the point").fill("0.5")
        page.keyboard.press("Tab")
        page.keyboard.type("-1.25")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        x, y = model_data(page)
        assert (x[-1], y[-1]) == (0.5, -1.25) and len(x) == len(book_x) + 2
        # drag the new point up and to the right
        px, py = plot_point(page, 0.5, -1.25)
        page.mouse.move(px, py)
        page.mouse.down()
        page.mouse.move(px + 30, py - 40, steps=4)
        page.mouse.up()
        x, y = model_data(page)
        assert x[-1] > 0.5 and y[-1] > -1.25 and len(x) == len(book_x) + 2
        # remove the book's first point: the point nearest to the form's (x, y)
        page.get_by_label("x of the point").fill(str(book_x[0]))
        page.get_by_label("y of the point").fill(str(book_y[0]))
        page.get_by_role("button", name="remove point").click()
        x, y = model_data(page)
        assert book_x[0] not in x and len(x) == len(book_x) + 1
        for _ in range(5):
            click(page, "step")
        v = check_run_on_the_pages_points(page)
        assert v["t"] == 5
        assert "truth sin(3x)" not in svg_text(page)  # the truth belongs to the book's data
        hash_ = fragment(page)
        assert "two_layer.data=" in hash_
        assert page.problems == []
    finally:
        page.context.close()
    page = link_page(chromium, explorer_server, hash_)
    try:
        assert model_data(page) == [x, y]
        after = check_run_on_the_pages_points(page)
        assert after["history"] == v["history"]
        page.get_by_role("button", name="book's data").click()
        assert model_data(page) == [book_x, book_y] and values(page)["t"] == 0
        assert "two_layer.data" not in fragment(page)
        assert page.problems == []
    finally:
        page.context.close()


def test_a_tap_on_a_phone_adds_a_point_and_the_form_says_what_is_wrong(chromium, explorer_server):
    page = open_explorer(chromium, explorer_server, wt.two_layer_explorer(), "two_layer", PHONE, site=True)
    try:
        n = len(model_data(page)[0])
        page.get_by_role("button", name="edit on the plot").click()
        svg = page.locator("#explorer svg[role=img]").first
        box = svg.bounding_box()
        at = {"clientX": box["x"] + box["width"] * 0.2, "clientY": box["y"] + box["height"] * 0.15}  # far from the data
        for kind in ["pointerdown", "pointerup"]:
            svg.dispatch_event(kind, {**at, "pointerType": "touch", "pointerId": 7, "isPrimary": True, "bubbles": True})
        assert len(model_data(page)[0]) == n + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.get_by_label("x of the point").fill("7")
        page.get_by_label("y of the point").fill("0")
        page.get_by_role("button", name="add point").click()
        assert "x must be a number from -0.995 to 0.995, got 7." == page.locator(".mlp-points-status").inner_text()
        page.get_by_label("x of the point").fill("0.2")
        page.get_by_label("y of the point").fill("")
        page.get_by_role("button", name="add point").click()
        assert "y must be a number, got nothing." == page.locator(".mlp-points-status").inner_text()
        assert len(model_data(page)[0]) == n + 1 and no_nan(page) == [] and page.problems == []
    finally:
        page.context.close()


@pytest.mark.parametrize("data, words", [("0.1,0.2", "data must be 2 to 200 points"),
                                         ("0.1,0.2;0.3,x", "got '0.3,x'"),
                                         ("0.1,0.2;3,0", "data's x must be from -0.995 to 0.995, got 3")])
def test_bad_points_in_a_link_are_said_and_the_books_data_stay(chromium, explorer_server, data, words):
    page = link_page(chromium, explorer_server, f"#two_layer.v=1&two_layer.data={data}")
    try:
        assert words in page.locator("#explorer .mlp-notice").inner_text()
        assert model_data(page) == [X[:, 0].tolist(), Y.tolist()]
        assert page.problems == []
    finally:
        page.context.close()


def test_the_pages_points_arrive_from_python_as_one_set_state():
    """With a kernel, the page's model.set('x'), model.set('y'), save_changes() come as one
    set_state, under hold_trait_notifications: x and y are validated together."""
    e = wt.two_layer_explorer()
    x, y = e.x + [0.5], e.y + [0.25]
    e.set_state({"x": x, "y": y})
    assert e.x == x and e.y == y and e.truth == []  # the truth is the book's data's only
    X_, y_ = e.data()
    assert X_.shape == (81, 1) and y_.tolist() == y
    e.t = 3
    run = mlp_lib.train(mlp_lib.MLP([1, wt.M, 1], "relu", seed=0), X_, y_, "gd", lr=wt.LR, n_iter=3)
    np.testing.assert_allclose(e.history(), run["history"], rtol=1e-12)
    with pytest.raises(traitlets.TraitError, match=r"x must hold one number per example, as many as y \(81\), got 82"):
        e.set_state({"x": x + [0.1], "y": y})
    with pytest.raises(traitlets.TraitError, match="finite numbers"):
        e.set_state({"x": x[:-1] + [float("nan")], "y": y})
    assert e.x == x and e.y == y  # a refused state leaves the data as they were
