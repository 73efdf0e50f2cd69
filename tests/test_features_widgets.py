"""Chapter 8, "Connection to the kernel method": mlp_lib.features, its figures
(mlp_lib.plots.features) and the explorer (mlp_lib.widgets.features, front end
js/src/explorers/features.js with the least squares of js/src/core/lstsq.js).

The page's numbers (the least-squares last layer, the gradient-descent run, h and J) must be
what mlp_lib and numpy compute, and every control must work, by keyboard and by pointer."""
import json
import random

import numpy as np
import pytest
import traitlets

import mlp_lib
from mlp_lib import features
from mlp_lib.data import smooth_curve
from mlp_lib.plots import features as plots
from mlp_lib.widgets import features as wf
from mlp_lib.widgets._explorer import mlp_to_page
from explorer_page import focusable_controls, play_then_pause_at_the_first_step, traitlet_words
from explorer_page import (PHONE, ROOT, choose_by_keyboard, no_nan, not_redrawn_in_the_event, open_explorer, page_fixture,
                           small_text, svg_text)
from node_core import run_js
from test_links import click, fragment

EXPLORER_JS = (ROOT / "mlp_lib" / "widgets" / "js" / "src" / "explorers" / "features.js").as_uri()
X, Y, X_TEST, Y_TEST = features.curve_data()
GRID = wf.X_GRID[:, None]


def rel_err(got, want):
    """max |got - want| / max |want|: the error relative to the size of the answer."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    return np.max(np.abs(got - want)) / np.max(np.abs(want))


def fresh_nets(width, seed=0):
    """The chapter's two trainings, redone from scratch without the module's cache."""
    X0, y0 = smooth_curve(n=80, noise=0.1, seed=0)
    init = mlp_lib.MLP([1, width, 1], activation="relu", seed=seed)
    Phi = np.column_stack([init.features(X0), np.ones(len(X0))])
    coef = np.linalg.pinv(Phi) @ y0  # least squares (minimum norm: the features may be collinear)
    trained = init.copy()
    mlp_lib.momentum_sgd(trained, X0, y0, lr=0.05, B=len(X0), n_iter=3000, beta=0.9, seed=0)
    return init, coef, trained


# ------------------------------------------------------------------- mlp_lib.features
def test_data_are_two_independent_draws_of_smooth_curve():
    X0, y0 = smooth_curve(n=80, noise=0.1, seed=0)
    X1, y1 = smooth_curve(n=80, noise=0.1, seed=1)
    assert np.array_equal(X, X0) and np.array_equal(Y, y0)
    assert np.array_equal(X_TEST, X1) and np.array_equal(Y_TEST, y1)
    assert not np.array_equal(X, X_TEST)


def test_fit_last_layer_is_the_least_squares_minimum_and_keeps_beta():
    net = mlp_lib.MLP([1, 20, 1], seed=4)
    W1, b1 = net.W[1].copy(), net.b[1].copy()
    features.fit_last_layer(net, X, Y)
    assert np.array_equal(net.W[1], W1) and np.array_equal(net.b[1], b1)
    grad_W, grad_b = net.gradients(X, Y)  # at the minimum over (W[r], b[r]) these vanish
    assert np.abs(grad_W[2]).max() < 1e-10 and abs(grad_b[2][0]) < 1e-10
    before = net.cost(X, Y)
    net.W[2] = net.W[2] + 1e-3
    assert net.cost(X, Y) > before


def test_fit_last_layer_needs_one_output():
    net = mlp_lib.MLP([1, 3, 2], seed=0)
    with pytest.raises(ValueError, match="one output"):
        features.fit_last_layer(net, np.zeros((4, 1)), np.zeros((4, 2)))


@pytest.mark.parametrize("width", [5, 10])
def test_trained_nets_equal_a_fresh_training(width):
    init, coef, trained = fresh_nets(width)
    nets = features.trained_nets(width)
    last, full = nets["last layer only"], nets["all layers"]
    for k in (1, 2):
        assert np.array_equal(nets["init"].W[k], init.W[k])
        assert np.array_equal(full.W[k], trained.W[k]) and np.array_equal(full.b[k], trained.b[k])
    assert np.array_equal(last.W[1], init.W[1]) and np.array_equal(last.b[1], init.b[1])
    x = np.linspace(-1, 1, 101)[:, None]  # the fit is unique even where the coefficients are not
    assert np.allclose(last(x), np.column_stack([init.features(x), np.ones(len(x))]) @ coef, atol=1e-8)


def test_trained_nets_returns_copies():
    nets = features.trained_nets(5)
    nets["all layers"].W[1] = np.zeros((5, 1))
    assert np.any(features.trained_nets(5)["all layers"].W[1] != 0)


def test_error_table_equals_a_fresh_computation():
    table = features.error_table(widths=(5, 10))
    assert [row["width"] for row in table] == [5, 10]
    for row in table:
        m = row["width"]
        init, coef, trained = fresh_nets(m)
        assert row["params_all"] == mlp_lib.param_count([1, m, 1]) and row["params_last"] == m + 1
        assert row["all layers"]["train"] == pytest.approx(trained.cost(X, Y), rel=1e-12)
        assert row["all layers"]["test"] == pytest.approx(trained.cost(X_TEST, Y_TEST), rel=1e-12)
        fixed = lambda X_: np.column_stack([init.features(X_), np.ones(len(X_))]) @ coef
        assert row["last layer only"]["train"] == pytest.approx(mlp_lib.mean_squared_cost(fixed(X), Y), rel=1e-9)
        assert row["last layer only"]["test"] == pytest.approx(
            mlp_lib.mean_squared_cost(fixed(X_TEST), Y_TEST), rel=1e-9)


# ------------------------------------------------------------------- the chapter's figures
def test_feature_grid_checks_shapes_and_lays_out_panels():
    import matplotlib.pyplot as plt

    x = np.linspace(-1, 1, 7)
    assert plots.grid_shape(3) == (1, 3) and plots.grid_shape(10) == (2, 5) and plots.grid_shape(40) == (5, 8)
    with pytest.raises(ValueError, match="after"):
        plots.plot_feature_grid(x, np.zeros((6, 2)))
    with pytest.raises(ValueError, match="weights"):
        plots.plot_feature_grid(x, np.zeros((7, 2)), weights=[1.0])
    out = plots.plot_feature_grid(x, np.column_stack([x, -x, 0 * x]), before=np.zeros((7, 3)), weights=[1, 2, 3])
    assert np.array_equal(out["limits"], [[-1, 1], [-1, 1], [0, 0]])
    assert out["nrows"] == 1 and out["ncols"] == 3
    assert [t.get_text() for t in out["ax"].texts] == ["1: w=+1.00", "2: w=+2.00", "3: w=+3.00"]
    plt.close(out["fig"])


def test_plot_fit_draws_data_truth_and_h():
    import matplotlib.pyplot as plt

    x = np.linspace(-1, 1, 11)
    out = plots.plot_fit(X, Y, x, np.sin(x), truth=np.sin(3 * x), title="t")
    lines = out["ax"].get_lines()
    assert len(lines) == 2 and np.array_equal(lines[1].get_ydata(), np.sin(x))
    assert out["ax"].get_title() == "t" and len(out["ax"].collections) == 1
    plt.close(out["fig"])


# ------------------------------------------------------------------- the page's mathematics, under node
def _lstsq_cases():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(30, 6))
    zero_column = A.copy()
    zero_column[:, 2] = 0.0  # a dead unit
    dependent = A.copy()
    dependent[:, 4] = 2 * A[:, 1] - A[:, 0]  # two straight lines and the ones column
    cases = {"full rank": A, "a zero column": zero_column, "dependent columns": dependent,
             "wide (more unknowns than equations)": rng.normal(size=(4, 9))}
    for seed in (0, 1, 2):
        for m in wf.WIDTHS:
            net = mlp_lib.MLP([1, m, 1], activation="relu", seed=seed)
            cases[f"[Phi, 1] m={m} seed={seed}"] = np.column_stack([net.features(X), np.ones(len(X))])
    return {name: (M, rng.normal(size=len(M)) if len(M) != len(X) else Y) for name, M in cases.items()}


def test_lstsq_is_numpys_least_norm_solution_including_rank_deficient():
    cases = _lstsq_cases()
    got = run_js("return inputs.cases.map(([A, y]) => core.lstsq(A, y));", cases=list(cases.values()))
    ranks = {}
    for (name, (A, y)), page in zip(cases.items(), got):
        x, _, rank, _ = np.linalg.lstsq(A, y, rcond=None)
        assert page["rank"] == rank, name
        assert rel_err(page["x"], x) < 1e-9, name
        ranks[name] = (rank, A.shape[1])
    assert ranks["a zero column"] == (5, 6) and ranks["dependent columns"] == (5, 6)
    assert ranks["[Phi, 1] m=10 seed=0"] == (8, 11)  # the chapter's three dead units
    # a dead unit's weight is exactly 0, as numpy's least-norm solution makes it
    assert got[1]["x"][2] == 0


def _page(code, **inputs):
    return run_js(f"const page = await import(inputs.url);\n{code}", url=EXPLORER_JS, **inputs)


def test_pages_last_layer_is_fit_last_layer_for_every_width():
    starts = wf.start_nets()
    got = _page("""return inputs.widths.map((m) => {
        const { net, rank } = page.fitLastLayer(core.MLP.fromJSON(inputs.starts[String(m)]), page.column(inputs.x), inputs.y);
        return { net: net.toJSON(), rank, h: net.forward(page.column(inputs.grid)),
                 dead: page.deadUnits(net, page.column(inputs.x)) }; });""",
                widths=list(wf.WIDTHS), starts=starts, x=X[:, 0], y=Y, grid=wf.X_GRID)
    for m, page in zip(wf.WIDTHS, got):
        net = features.fit_last_layer(mlp_lib.MLP([1, m, 1], activation="relu", seed=0), X, Y)
        assert np.array_equal(page["net"]["W"][0], net.W[1]) and np.array_equal(page["net"]["b"][0], net.b[1])
        assert rel_err(page["net"]["W"][1], net.W[2]) < 1e-9 and rel_err(page["net"]["b"][1], net.b[2]) < 1e-9
        assert rel_err(page["h"], net(GRID)) < 1e-9
        assert page["dead"] == np.flatnonzero(np.all(net.features(X) == 0, axis=0)).tolist()
        assert page["rank"] == np.linalg.matrix_rank(np.column_stack([net.features(X), np.ones(len(X))]))


@pytest.mark.parametrize("width", [10, 40])
def test_pages_gradient_descent_is_mlp_lib_gd_over_the_default_run(width):
    """The page's run (the core's steps() from the start mlp_lib sends) follows mlp_lib.gd:
    J at every one of the N_ITER iterations and the final parameters, to 1e-9."""
    start = mlp_lib.MLP([1, width, 1], activation="relu", seed=0)
    page = _page("""const run = new page.Run(core.MLP.fromJSON(inputs.start), page.column(inputs.x), inputs.y,
          inputs.lr, inputs.n).advance(inputs.n);
        return { t: run.t, history: run.history, net: run.model.toJSON(), diverged: run.diverged };""",
                 start=mlp_to_page(start), x=X[:, 0], y=Y, lr=wf.LR, n=wf.N_ITER)
    net = start.copy()
    history = mlp_lib.gd(net, X, Y, wf.LR, wf.N_ITER)
    assert page["t"] == wf.N_ITER and page["diverged"] is None
    np.testing.assert_allclose(page["history"], history, rtol=1e-9)
    for k in (1, 2):
        assert rel_err(page["net"]["W"][k - 1], net.W[k]) < 1e-9
        assert rel_err(page["net"]["b"][k - 1], net.b[k]) < 1e-9


def test_pages_run_stops_at_divergence_with_the_last_finite_network():
    e = wf.FeaturesExplorer(lr=50.0, n_iter=200, t=200)
    run = e.gd_run()
    assert run["error"] is not None
    page = _page("""const run = new page.Run(core.MLP.fromJSON(inputs.start), page.column(inputs.x), inputs.y,
          inputs.lr, inputs.n).advance(inputs.n);
        return { t: run.t, diverged: run.diverged, net: run.model.toJSON() };""",
                 start=e.starts["10"], x=X[:, 0], y=Y, lr=50.0, n=200)
    assert page["diverged"] == run["error"].iteration
    assert page["t"] == run["error"].iteration - 1
    assert rel_err(page["net"]["W"][1], run["model"].W[2]) < 1e-9


# ------------------------------------------------------------------- Python side
def test_explorer_builds_with_the_chapters_data_and_seeded_starts():
    e = wf.features_explorer()
    assert isinstance(e, wf.FeaturesExplorer)
    assert (e.width, e.mode, e.t, e.n_iter, e.lr) == (10, "all layers", wf.N_ITER, wf.N_ITER, wf.LR)
    assert e.x == X[:, 0].tolist() and e.y == Y.tolist() and e.y_test == Y_TEST.tolist()
    assert e.truth == np.sin(3 * wf.X_GRID).tolist()
    assert sorted(e.starts) == ["10", "20", "40", "5"]
    for m in wf.WIDTHS:
        start = mlp_lib.MLP([1, m, 1], activation="relu", seed=0)
        assert e.starts[str(m)] == mlp_to_page(start)
    assert e.colors == mlp_lib.plots.COLORS
    assert "Learned features explorer" in e._esm  # the bundle, static/features.js


@pytest.mark.parametrize("name, value, words", [
    ("width", 7, "width (hidden units m) must be one of 5, 10, 20, 40, got 7"),
    ("mode", "some layers", "mode must be one of 'last layer only', 'all layers', got 'some layers'"),
    ("lr", -0.1, "learning rate lr must be a number above 0"),
    ("lr", float("nan"), "learning rate lr"),
    ("n_iter", 0, "n_iter must be an integer from 1 to"),
    ("t", wf.N_ITER + 1, f"t (iterations of gradient descent, at most n_iter = {wf.N_ITER}) must be an integer from 0 to {wf.N_ITER}"),
    ("t", -1, f"at most n_iter = {wf.N_ITER}) must be an integer from 0 to"),
    ("seed", -1, "seed must be an integer from 0 to 4294967295"),
])
def test_settings_are_validated_with_clear_messages(name, value, words):
    e = wf.FeaturesExplorer()
    with pytest.raises(traitlets.TraitError, match=words.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        setattr(e, name, value)


def test_bad_widths_are_refused():
    with pytest.raises(ValueError, match="widths must be a list of one or more numbers of hidden units, got"):
        wf.FeaturesExplorer(widths=[])
    with pytest.raises(ValueError, match=r"widths\[i\] \(hidden units\) must be an integer between 1 and 1000, got 0"):
        wf.FeaturesExplorer(widths=[5, 0])
    with pytest.raises(traitlets.TraitError, match="must be one of 5, 20"):
        wf.FeaturesExplorer(width=10, widths=(5, 20))


def test_net_follows_the_traitlets():
    e = wf.FeaturesExplorer()
    net = e.net()  # all layers, t = N_ITER: mlp_lib.gd from the seeded start
    want = mlp_lib.MLP([1, 10, 1], activation="relu", seed=0)
    mlp_lib.gd(want, X, Y, wf.LR, wf.N_ITER)
    assert all(np.array_equal(net.W[k], want.W[k]) and np.array_equal(net.b[k], want.b[k]) for k in (1, 2))
    e.t = 7
    want = mlp_lib.MLP([1, 10, 1], activation="relu", seed=0)
    mlp_lib.gd(want, X, Y, wf.LR, 7)
    assert np.array_equal(e.net().W[1], want.W[1])
    e.mode = "last layer only"
    want = features.fit_last_layer(mlp_lib.MLP([1, 10, 1], activation="relu", seed=0), X, Y)
    assert np.array_equal(e.net().W[2], want.W[2])
    e.width = 40  # a new width starts at its random start
    assert e.t == 0 and e.net().sizes == [1, 40, 1]
    e.mode = "all layers"
    assert np.array_equal(e.net().W[2], mlp_lib.MLP([1, 40, 1], activation="relu", seed=0).W[2])
    e.seed = 3
    assert np.array_equal(e.start().W[1], mlp_lib.MLP([1, 40, 1], activation="relu", seed=3).W[1])
    e.t = 5
    e.n_iter = 3
    assert e.t == 3


# ------------------------------------------------------------------- the page, in chromium
def values(page):
    """The page's data-values (JSON writes a float such as 1.2e20 without exponent: read as float)."""
    return json.loads(page.root.get_attribute("data-values"), parse_int=float)


def check_values_are_mlp_libs(page, e=None):
    """What the page shows (parameters, h on the grid, train and test J) equals the network
    FeaturesExplorer.net() builds with mlp_lib for the page's settings, to 1e-9."""
    v = values(page)
    e = e or wf.FeaturesExplorer()
    e.width, e.mode = int(v["width"]), v["mode"]
    e.t = int(v["t"])
    net = e.net()
    assert v["net"]["sizes"] == [1, e.width, 1]
    for k in (1, 2):
        assert rel_err(v["net"]["W"][k - 1], net.W[k]) < 1e-9 and rel_err(v["net"]["b"][k - 1], net.b[k]) < 1e-9
    assert rel_err(v["h"], net(GRID)) < 1e-9
    assert v["J"] == pytest.approx(net.cost(X, Y), rel=1e-9)
    assert v["Jtest"] == pytest.approx(net.cost(X_TEST, Y_TEST), rel=1e-9)
    assert v["dead"] == np.flatnonzero(np.all(net.features(X) == 0, axis=0)).tolist()
    return v


page = page_fixture(wf.features_explorer, "features")


def _button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def _wait_done(page):
    page.wait_for_function("() => { const v = JSON.parse(document.querySelector('#explorer .mlp-explorer')"
                           ".dataset.values); return v.done && !v.playing; }", timeout=20_000)


def test_opens_on_the_trained_network_of_the_chapter(page):
    v = check_values_are_mlp_libs(page)
    assert (v["width"], v["mode"], v["t"]) == (10, "all layers", wf.N_ITER) and v["dead"] == [1, 3, 5]
    np.testing.assert_allclose(v["history"], mlp_lib.gd(mlp_lib.MLP([1, 10, 1], seed=0), X, Y, wf.LR, wf.N_ITER),
                               rtol=1e-9)
    assert page.locator(".mlp-unit").count() == 10
    assert "3 of the 10 units are 0 on every training input" in page.locator(".mlp-message").inner_text()
    labels = page.evaluate("Array.from(document.querySelectorAll('#explorer svg')).map(s => s.getAttribute('aria-label'))")
    assert len(labels) == 2 and "train J = " in labels[0] and "10 small panels" in labels[1]


def test_every_control_changes_the_drawing_by_keyboard_and_pointer(page):
    width, mode = page.get_by_label("width m", exact=True), page.get_by_label("train", exact=True)
    for m in [20, 40, 5, 10]:  # the menus by keyboard; each new width starts at t = 0
        before = svg_text(page)
        choose_by_keyboard(width, str(m))
        assert svg_text(page) != before, m
        v = check_values_are_mlp_libs(page)
        assert v["width"] == m and v["t"] == 0 and page.evaluate("window.explorerModel.get('width')") == m
        assert page.locator(".mlp-unit").count() == m
        for name in ["last layer only", "all layers"]:
            before = svg_text(page)
            choose_by_keyboard(mode, name)
            assert svg_text(page) != before, (m, name)
            check_values_are_mlp_libs(page)
    # pointer: the buttons by click (a native menu's popup is not in the page: the menus were by keyboard)
    for name in ["step", "step", "play", "pause", "reset"]:
        before = svg_text(page)
        _button(page, name).click()
        page.wait_for_timeout(50)
        assert svg_text(page) != before, name
    assert values(page)["t"] == 0
    for key in ["Enter", " "]:  # the buttons by keyboard
        before = svg_text(page)
        _button(page, "step").focus()
        page.keyboard.press(key)
        assert svg_text(page) != before, key
    assert check_values_are_mlp_libs(page)["t"] == 2
    width.focus()
    page.keyboard.press("ArrowDown")  # a focused <select> changes with the arrow keys
    assert values(page)["width"] == 20
    mode.focus()
    page.keyboard.press("ArrowUp")
    assert values(page)["mode"] == "last layer only"
    assert _button(page, "play").is_disabled()  # nothing to animate: least squares is one solve


def test_play_animates_the_default_run_to_its_end(page):
    """The run is shown as it goes (several drawn iterations between 0 and the end), then ends
    at N_ITER; how fast is benchmarks/bench_explorers.py's to say."""
    _button(page, "reset").click()
    page.evaluate("""() => { window.shown_ = new Set(); const root = document.querySelector('#explorer .mlp-explorer');
        const count = () => { window.shown_.add(JSON.parse(root.dataset.values).t);
          if (!window.stopCounting) requestAnimationFrame(count); }; requestAnimationFrame(count); }""")
    _button(page, "play").click()
    _wait_done(page)
    shown = page.evaluate("window.stopCounting = true, Array.from(window.shown_)")
    assert len([t for t in shown if 0 < t < wf.N_ITER]) >= 2, sorted(shown)
    v = check_values_are_mlp_libs(page)
    assert v["t"] == wf.N_ITER == page.evaluate("window.explorerModel.get('t')")
    assert f"{wf.N_ITER} of {wf.N_ITER} (done)" in page.locator(".mlp-readout").inner_text()


def test_pause_stops_step_advances_one_reset_returns_to_the_start(page):
    _button(page, "reset").click()
    assert check_values_are_mlp_libs(page)["t"] == 0
    t = play_then_pause_at_the_first_step(page)  # a 0.8 s run can end before a click from here
    assert 0 < t < wf.N_ITER and not values(page)["playing"]
    page.wait_for_timeout(200)
    assert values(page)["t"] == t == page.evaluate("window.explorerModel.get('t')")
    _button(page, "step").click()
    assert check_values_are_mlp_libs(page)["t"] == t + 1


def test_python_setting_t_moves_the_page(page):
    for t in [500, 20, 1999]:
        page.evaluate("t => window.explorerModel.set('t', t)", t)
        assert check_values_are_mlp_libs(page)["t"] == t


def test_divergence_is_said_and_drawn_up_to_the_last_finite_network(chromium, explorer_server):
    e = wf.FeaturesExplorer(lr=50.0, n_iter=200, t=200)
    page = open_explorer(chromium, explorer_server, e, "features")
    v = values(page)
    run = e.gd_run()
    assert v["diverged"] == run["error"].iteration
    assert "Training diverged at iteration" in page.locator(".mlp-message").inner_text()
    assert rel_err(v["net"]["W"][1], run["model"].W[2]) < 1e-9
    assert no_nan(page) == [] and page.problems == []
    page.context.close()


def test_200_random_changes_leave_no_nan_and_no_error(page):
    rng = random.Random(0)
    width, mode = page.get_by_label("width m", exact=True), page.get_by_label("train", exact=True)
    for _ in range(200):
        kind = rng.random()
        if kind < 0.3:
            width.select_option(str(rng.choice(wf.WIDTHS)))
        elif kind < 0.55:
            mode.select_option(rng.choice(features.MODES))
        else:
            button = _button(page, rng.choice(["play", "pause", "step", "reset"]))
            if button.is_enabled():
                button.click()
    assert no_nan(page) == []
    _button(page, "pause").click() if _button(page, "pause").is_enabled() else None
    check_values_are_mlp_libs(page)


def test_a_change_is_redrawn_inside_its_own_event(page):
    modes = list(features.MODES)
    assert not_redrawn_in_the_event(page, "#explorer select", [modes[0], modes[1]] * 3, "change", index=1) == []
    assert not_redrawn_in_the_event(page, "#explorer select", ["5", "20", "40", "10"] * 2, "change", index=0) == []


@pytest.mark.parametrize("viewport", [PHONE, {"width": 700, "height": 900}], ids=["phone", "column"])
def test_the_explorer_fits_and_its_text_is_legible(chromium, explorer_server, viewport):
    page = open_explorer(chromium, explorer_server, wf.features_explorer(width=40), "features", viewport)
    for mode in features.MODES:
        page.get_by_label("train", exact=True).select_option(mode)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert small_text(page) == []
        outside = page.evaluate("""w => Array.from(document.querySelectorAll('#explorer svg text'))
          .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.left < 0 || r.right > w)
          .map(([text]) => text)""", viewport["width"])
        assert outside == []  # no title or label runs off the screen
    assert page.problems == []
    page.context.close()


# ------------------------------------------------------------------- links and kept runs (ui/state.js)
def link_page(chromium, explorer_server, hash_=""):
    return open_explorer(chromium, explorer_server, wf.features_explorer(), "features", hash=hash_, site=True)


def test_a_view_with_kept_runs_round_trips_through_the_address(chromium, explorer_server):
    page = link_page(chromium, explorer_server)
    try:
        page.get_by_label("train", exact=True).select_option("last layer only")
        click(page, "keep")  # the least-squares fit of m = 10
        page.get_by_label("train", exact=True).select_option("all layers")
        page.get_by_label("width m", exact=True).select_option("20")
        for _ in range(5):
            click(page, "step")
        before = check_values_are_mlp_libs(page)
        kept = before["kept"]
        assert [k["label"] for k in kept] == ["m = 10, last layer only"] and kept[0]["t"] == wf.N_ITER
        e = wf.FeaturesExplorer(width=10, mode="last layer only")
        assert kept[0]["J"] == pytest.approx(e.net().cost(X, Y), rel=1e-9)  # the kept fit is mlp_lib's
        assert page.locator("#explorer text.mlp-kept-label").all_text_contents() == ["m = 10, last layer only"]
        hash_ = fragment(page)
        for part in ["features.v=1", "features.width=20", "features.mode=all layers", "features.t=5",
                     "features.keep=width:10;mode:last layer only;t:2000"]:
            assert part in hash_
        assert page.problems == []
    finally:
        page.context.close()
    page = link_page(chromium, explorer_server, hash_)
    try:
        after = check_values_are_mlp_libs(page)
        for key in ("width", "mode", "t", "J", "history", "kept", "h"):
            assert after[key] == before[key], key
        assert page.evaluate("window.explorerModel.get('t')") == 5
        assert page.locator("#explorer .mlp-notice").inner_text() == ""
        click(page, "clear")
        assert values(page)["kept"] == [] and page.locator("#explorer .mlp-kept").count() == 0
        assert "features.keep" not in fragment(page)
        assert page.problems == []
    finally:
        page.context.close()


def test_a_hidden_control_is_gone_and_out_of_the_tab_order(chromium, explorer_server):
    page = link_page(chromium, explorer_server, "#features.v=1&features.hide=mode,play")
    try:
        assert page.locator("#explorer [data-setting='mode']").is_hidden()
        assert page.locator("#explorer button[data-action='play']").is_hidden()
        focusable = focusable_controls(page)
        assert "mode" not in focusable and "play" not in focusable and "width" in focusable and "step" in focusable
        assert page.problems == []
    finally:
        page.context.close()



@pytest.mark.parametrize("name, text, value", [
    ("width", "20", 20), ("width", "7", 7), ("mode", "last layer only", "last layer only"), ("mode", "both", "both"),
    ("t", "12", 12), ("t", "2001", 2001), ("t", "-1", -1),
])
def test_a_links_verdicts_are_the_python_traitlets(chromium, explorer_server, name, text, value):
    words = traitlet_words(wf.FeaturesExplorer(), name, value)
    page = link_page(chromium, explorer_server, f"#features.v=1&features.{name}={text}")
    try:
        notice = page.locator("#explorer .mlp-notice").inner_text()
        v = values(page)
        if words is None:
            assert notice == "" and v[name] == value
        else:
            assert words in notice
            assert (v["width"], v["mode"], v["t"]) == (10, "all layers", wf.N_ITER)  # the defaults
        assert page.problems == []
    finally:
        page.context.close()


def test_a_bad_kept_run_is_said_and_the_defaults_stay(chromium, explorer_server):
    page = link_page(chromium, explorer_server, "#features.v=1&features.keep=width:10;t:3")
    try:
        assert "kept run 1 has no mode" in page.locator("#explorer .mlp-notice").inner_text()
        assert values(page)["kept"] == [] and values(page)["t"] == wf.N_ITER
        assert page.problems == []
    finally:
        page.context.close()
