"""The figures of chapter 1 (mlp_lib.plots.optimization) and its explorer
(mlp_lib.widgets.optimization: trained and drawn in the page): what the page computes and
shows must be what mlp_lib computes."""
import json
import random
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
import traitlets

import mlp_lib
from explorer_page import DESKTOP, PHONE, choose_by_keyboard, no_nan, open_explorer, page_number, svg_text
from mlp_lib.plots import optimization as po
from mlp_lib.widgets import optimization as wo
from mlp_lib.widgets.page_random import page_batches
from node_core import run_js
from test_links import click, fragment, link_verdicts, reachable_by_tab, set_slider, traitlet_verdicts

X, Y = mlp_lib.data.quadratic_data()


# ------------------------------------------------------------------ the figures (plots module)
def test_quadratic_data_is_seeded_and_follows_the_model():
    X1, y1 = mlp_lib.data.quadratic_data(n=30, seed=3)
    X2, y2 = mlp_lib.data.quadratic_data(n=30, seed=3)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert X1.shape == (30, 2) and y1.shape == (30,)
    assert np.all(np.abs(X1) <= 1.5)
    Xn, yn = mlp_lib.data.quadratic_data(n=30, noise=0.0, seed=3)
    np.testing.assert_allclose(yn, mlp_lib.QuadraticModel(mlp_lib.data.QUADRATIC_THETA)(Xn))


def test_cost_grid_equals_the_model_cost():
    grid = po.cost_grid(X, Y, lim=2.0, num=9)
    for i, k in [(0, 0), (2, 7), (4, 4), (8, 3)]:
        theta = (grid["theta1"][k], grid["theta2"][i])
        assert grid["J"][i, k] == pytest.approx(mlp_lib.QuadraticModel(theta).cost(X, Y), rel=1e-12)


def test_cost_landscape_is_symmetric_under_sign_flips():
    J = po.cost_grid(X, Y, lim=2.5, num=41)["J"]
    np.testing.assert_allclose(J, J[:, ::-1], rtol=1e-12)  # theta1 -> -theta1
    np.testing.assert_allclose(J, J[::-1, :], rtol=1e-12)  # theta2 -> -theta2


def test_train_rejects_an_unknown_algorithm():
    with pytest.raises(ValueError, match="algorithm must be one of"):
        po.train("adam", X, Y, 0.1, 10)


def test_plot_runs_draws_every_run():
    runs = {name: po.train(name, X, Y, 0.03, 30) for name in po.ALGORITHMS}
    drawn = po.plot_runs(runs, X, Y)
    for name, run in runs.items():
        np.testing.assert_array_equal(drawn[name]["J"], run["history"])
        np.testing.assert_array_equal(drawn[name]["theta"], run["path"])
    assert len(drawn["figure"].axes[1].get_lines()) == 3
    plt.close(drawn["figure"])


# ------------------------------------------------------------------ the page's mathematics, under node
#: (algorithm, lr, B, n_iter, seed): runs that converge, runs that diverge, every algorithm.
#: Not the few settings that bounce chaotically at the edge of divergence (GD near alpha = 0.28):
#: there the rounding of a different summation order grows over hundreds of steps.
RUNS = [("gd", 0.03162, 8, 300, 0), ("gd", 0.2, 8, 300, 0), ("gd", 0.5, 8, 100, 0),
        ("sgd", 0.03, 8, 300, 0), ("sgd", 0.1, 8, 300, 3), ("sgd", 1.0, 8, 100, 0),
        ("minibatch", 0.05, 5, 300, 2), ("minibatch", 0.1, 40, 200, 0), ("minibatch", 1.0, 8, 50, 1)]

TRAIN_IN_PAGE = """
const {X, y, theta0, runs} = inputs;
return runs.map(([alg, lr, B, T, seed]) => {
  const r = core.train(new core.QuadraticModel(theta0.slice()), X, y, lr, T, core.batchChooser(alg, X.length, B, seed));
  return {history: r.history, path: r.models.map((m) => m.theta), theta: r.model.theta, diverged: r.diverged};
});"""


def _explorer(algorithm, lr, B, n_iter, seed):
    return wo.OptimizerExplorer(algorithm=algorithm, lr=lr, B=B, n_iter=n_iter, seed=seed)


def _close(a, b, rtol=1e-9):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=0)


def test_cost_grid_of_the_page_is_mlp_libs():
    page = run_js("return core.costGrid(inputs.X, inputs.y);", X=X, y=Y)
    grid = po.cost_grid(X, Y)
    np.testing.assert_allclose(page["theta1"], grid["theta1"], rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(page["J"], grid["J"], rtol=1e-9, atol=0)


def test_training_in_the_page_is_mlp_libs_given_the_same_indices():
    page = run_js(TRAIN_IN_PAGE, X=X, y=Y, theta0=list(po.THETA0), runs=RUNS)
    diverged = set()
    for run, got in zip(RUNS, page):
        mine = _explorer(*run)._run()
        assert got["diverged"] == mine["diverged"], run
        assert _close(got["history"], mine["history"]), run
        assert _close(got["path"], mine["path"]), run
        assert _close(got["theta"], mine["model"].theta), run
        diverged.add(mine["diverged"] is not None)
        if run[0] == "gd":  # and GD is mlp_lib.gd's own trajectory, as po.train records it
            ref = po.train("gd", X, Y, run[1], run[3])
            assert _close(got["history"], ref["history"]) and _close(got["path"], ref["path"]), run
    assert diverged == {True, False}


# ------------------------------------------------------------------ Python side
def test_explorer_builds_with_the_chapters_data_and_defaults():
    w = wo.optimizer_explorer()
    assert isinstance(w, wo.OptimizerExplorer)
    np.testing.assert_array_equal(w.X, X)
    np.testing.assert_array_equal(w.y, Y)
    assert w.theta0 == list(po.THETA0) and w.minima == list(mlp_lib.data.QUADRATIC_THETA)
    assert (w.algorithm, w.lr, w.B, w.n_iter, w.seed) == ("gd", 10 ** -1.5, 8, 100, 0)
    assert w.colors["gd"] == po.COLORS["gd"]
    state = w.get_state()
    assert {"X", "y", "theta0", "minima", "algorithm", "lr", "B", "n_iter", "seed", "colors"} <= set(state)
    # GD's hand-back is mlp_lib.gd from theta0
    model = mlp_lib.QuadraticModel(po.THETA0)
    history = mlp_lib.gd(model, X, Y, w.lr, w.n_iter)
    np.testing.assert_allclose(w.history(), history, rtol=1e-12)
    np.testing.assert_allclose(w.model().theta, model.theta, rtol=1e-12)


def test_other_data_start_and_seed():
    X2, Y2 = X[:6], Y[:6]
    w = wo.optimizer_explorer(X2, Y2, theta0=(1.0, 1.0), seed=5)
    assert len(w.X) == 6 and w.B == 6 and w.seed == 5  # B fits n
    assert w.path()[0].tolist() == [1.0, 1.0]


@pytest.mark.parametrize("name, value, message", [
    ("algorithm", "adam", r"algorithm must be one of 'gd', 'sgd', 'minibatch', got 'adam'"),
    ("lr", 0.0, r"the learning rate lr must be a number from 0\.001 to 1, got 0\.0\."),
    ("lr", 2.5, r"from 0\.001 to 1, got 2\.5"),
    ("lr", float("nan"), r"from 0\.001 to 1, got nan"),
    ("B", 0, r"the batch size B \(at most n = 40\) must be an integer from 1 to 40, got 0\."),
    ("B", 41, r"from 1 to 40, got 41"),
    ("B", 2.5, r"expected an int, not the float 2\.5"),
    ("n_iter", 0, r"the number of iterations n_iter must be an integer from 1 to 300, got 0\."),
    ("n_iter", 301, r"from 1 to 300, got 301"),
    ("seed", -1, r"seed must be an integer from 0 to 4294967295, got -1\."),
    ("lr_range", [0.01, 1.0], r'The "lr_range" trait is read-only'),
    ("theta0", [1.0], r"theta0 \(theta_1, theta_2\) must be a list of 2 finite numbers, got \[1\.0\]"),
    ("theta0", [1.0, float("inf")], r"theta0 \(theta_1, theta_2\) must be a list of 2 finite numbers, got \[1\.0, inf\]"),
    ("X", [[1.0, 2.0, 3.0]], r"every row of X must be a list of 2 finite numbers, got \[1\.0, 2\.0, 3\.0\]"),
    ("X", [], r"X must be n >= 1 rows of 2 finite numbers each, got \[\]"),
    ("y", [1.0, 2.0], r"y \(one target per row of X, n = 40\) must be a list of 40 finite numbers, got \[1\.0, 2\.0\]"),
])
def test_settings_are_checked_with_clear_messages(name, value, message):
    w = wo.optimizer_explorer()
    with pytest.raises(traitlets.TraitError, match=message):
        setattr(w, name, value)


def test_setting_a_traitlet_changes_the_model_handed_back():
    w = wo.optimizer_explorer()
    before = w.model().theta.copy()
    w.lr = 0.2  # GD crosses the mirror line theta_2 = 0 into theta*'s own valley
    assert w.model().theta[1] > 0 > before[1]
    w.algorithm = "minibatch"
    w.B = 5
    w.seed = 4
    batches = page_batches("minibatch", 40, 5, w.n_iter, 4)
    model = mlp_lib.QuadraticModel(po.THETA0)
    for idx in batches:  # (1.5) with the page's indices, step by step
        _, grads = model.cost_and_gradients(X[idx], Y[idx])
        model.theta -= w.lr * grads[0]
    np.testing.assert_allclose(w.model().theta, model.theta, rtol=1e-12)
    w.n_iter = 10
    assert len(w.history()) == 11 and w.path().shape == (11, 2)


def test_batch_size_matters_only_for_minibatch():
    a, b = _explorer("gd", 0.05, 3, 20, 0), _explorer("gd", 0.05, 17, 20, 0)
    np.testing.assert_array_equal(a.history(), b.history())
    a.algorithm = b.algorithm = "minibatch"
    assert not np.allclose(a.history(), b.history())


@pytest.mark.parametrize("algorithm", ["gd", "sgd", "minibatch"])
def test_divergence_keeps_the_last_finite_model(algorithm):
    w = _explorer(algorithm, 1.0, 8, 50, 0)
    run = w._run()
    assert run["diverged"] is not None
    history = w.history()
    assert np.all(np.isfinite(history)) and len(history) == run["diverged"]
    np.testing.assert_array_equal(w.model().theta, run["path"][-1])
    assert w.model().cost(X, Y) == history[-1]


# ------------------------------------------------------------------ the page, in chromium
@pytest.fixture
def open_page(chromium, explorer_server):
    pages = []

    def make(viewport=DESKTOP, **settings):
        page = open_explorer(chromium, explorer_server, wo.OptimizerExplorer(**settings), "optimizer", viewport)
        pages.append(page)
        return page

    yield make
    problems = [page.problems for page in pages if page.problems]
    for page in pages:
        page.context.close()
    assert problems == []  # no console error, uncaught exception or request leaving the page, in any test


def _values(page):
    return json.loads(page.root.get_attribute("data-values"))


def _state(page):
    return page.evaluate("""() => Object.fromEntries(['algorithm', 'lr', 'B', 'n_iter', 'seed']
        .map((k) => [k, window.explorerModel.get(k)]))""")


def _check_values_are_mlp_libs(page, whole_run=True):
    """data-values (final theta, J, the cost curve, the path) are mlp_lib's for the page's settings.

    Step by step, always: every J the page drew is mlp_lib's cost (1.2) at the page's theta, and
    every theta is mlp_lib's update (1.3)-(1.5) of the one before, on the page's batch; the run
    stops where mlp_lib's next update fails. With whole_run, also the whole trajectory of the
    hand-back (``.history()``, ``.path()``, ``.model()``): this needs a setting where rounding
    differences do not grow (at the edge of divergence a run bounces chaotically, and the last
    bits of a different summation order double at every step), so the tests choose them.
    """
    values, state = _values(page), _state(page)
    assert {k: values[k] for k in state} == state
    w = wo.OptimizerExplorer(**state)
    path, history = np.array(values["path"]), values["history"]
    batches = page_batches(state["algorithm"], len(X), state["B"], state["n_iter"], state["seed"])
    assert len(path) == len(history) and values["diverged"] in (None, len(history))
    for t in range(len(path)):
        model = mlp_lib.QuadraticModel(path[t])
        assert _close(model.cost(X, Y), history[t]), (state, t)
        if t == state["n_iter"]:
            break
        try:
            mlp_lib.batch_sgd(model, X, Y, state["lr"], [batches[t]])  # one update (1.3)-(1.5) on the page's batch
        except mlp_lib.TrainingDiverged:
            assert values["diverged"] == t + 1, (state, t)
            break
        assert t + 1 < len(path) and _close(model.theta, path[t + 1]), (state, t)
    assert _close(values["theta"], path[-1]) and _close(values["J"], history[-1])
    if whole_run:
        run = w._run()
        assert values["diverged"] == run["diverged"], state
        assert _close(history, w.history()), state
        assert _close(path, w.path()), state
        assert _close(values["theta"], w.model().theta), state
    return values, state


def _slider(page, name):
    return page.locator(f".mlp-control input[id^='mlp-{name}-']")


@pytest.mark.parametrize("algorithm, lr, B, n_iter", [
    ("gd", 0.03162, 8, 100), ("sgd", 0.05, 8, 300), ("minibatch", 0.1, 5, 200), ("minibatch", 1.0, 8, 100)])
def test_page_values_equal_mlp_lib(open_page, algorithm, lr, B, n_iter):
    page = open_page(algorithm=algorithm, lr=lr, B=B, n_iter=n_iter, seed=1)
    values, _ = _check_values_are_mlp_libs(page)
    readout = page.locator(".mlp-readout").text_content()
    message = page.locator(".mlp-message").text_content()
    if values["diverged"] is None:
        J = float(f"{values['J']:.3g}")
        assert f"J = {J:g}" in readout and message == ""
    else:
        assert f"Training diverged at iteration {values['diverged']}" in message
        assert "diverged" in page.locator("svg").nth(1).get_attribute("aria-label")
    assert page.problems == [] and no_nan(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_control_changes_the_drawing_by_keyboard_and_pointer(open_page, viewport):
    page = open_page(viewport)
    algorithm = page.locator(".mlp-control select")

    def changes(action, what):
        before = svg_text(page)
        action()
        assert svg_text(page) != before, what
        _check_values_are_mlp_libs(page, whole_run=False)

    # B is off for GD and SGD, and its label says why
    assert _slider(page, "B").is_disabled()
    assert "mini-batch only" in page.locator(".mlp-control label", has_text="batch size").text_content()
    changes(lambda: choose_by_keyboard(algorithm, "minibatch"), "algorithm: minibatch")
    assert _slider(page, "B").is_enabled()
    assert page.locator(".mlp-control label", has_text="batch size").text_content() == "batch size B"
    for name in ["lr", "B", "n_iter"]:
        s = _slider(page, name)
        for key in ["ArrowRight", "ArrowLeft", "End", "Home"]:
            s.focus()
            changes(lambda: page.keyboard.press(key), f"{name}: {key}")
        box = s.bounding_box()
        for fraction in (0.3, 0.8):
            changes(lambda: s.click(position={"x": box["width"] * fraction, "y": box["height"] / 2}),
                    f"{name}: click at {fraction}")
    changes(lambda: page.get_by_role("button", name="new random draw").click(), "new random draw")
    assert _state(page)["seed"] == 1
    algorithm.focus()
    changes(lambda: choose_by_keyboard(algorithm, "sgd"), "algorithm: sgd")
    changes(lambda: page.get_by_role("button", name="new random draw").click(), "new random draw (SGD)")
    changes(lambda: choose_by_keyboard(algorithm, "gd"), "algorithm: gd")
    assert page.get_by_role("button", name="new random draw").is_disabled()  # GD draws nothing
    assert page.problems == [] and no_nan(page) == []


def test_divergence_is_drawn_up_to_the_failure_and_said_in_words(open_page):
    page = open_page(algorithm="gd", lr=1.0, n_iter=100)
    values, _ = _check_values_are_mlp_libs(page)
    assert values["diverged"] == 5 and len(values["history"]) == 5
    assert page.locator(".mlp-message").text_content() == (
        "Training diverged at iteration 5: J became too large to compute with learning rate 1. "
        "Try a smaller learning rate.")
    assert "diverged at iteration 5" in page.locator(".mlp-readout").text_content()
    assert "4 steps" in page.locator("svg").first.get_attribute("aria-label")
    assert page.problems == [] and no_nan(page) == []
    _slider(page, "lr").focus()
    page.keyboard.press("Home")  # alpha = 0.001: no divergence, the message goes
    assert page.locator(".mlp-message").text_content() == ""


def test_two_hundred_random_changes_leave_no_nan(open_page):
    page = open_page()
    rng = random.Random(0)
    keys = ["ArrowRight", "ArrowLeft", "End", "Home", "PageUp", "PageDown"]
    for i in range(200):
        what = rng.choice(["algorithm", "lr", "lr", "B", "n_iter", "button"])
        if what == "algorithm":
            page.locator(".mlp-control select").select_option(rng.choice(["gd", "sgd", "minibatch"]))
        elif what == "button":
            button = page.get_by_role("button", name="new random draw")
            if button.is_enabled():
                button.click()
        else:
            s = _slider(page, what)
            if s.is_enabled():
                s.focus()
                page.keyboard.press(rng.choice(keys))
        if i % 25 == 0:
            _check_values_are_mlp_libs(page, whole_run=False)
    assert no_nan(page) == []
    assert page.problems == []


def test_phone_fits_and_text_is_legible(open_page):
    page = open_page(PHONE, algorithm="minibatch", lr=1.0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    small = page.evaluate("""() => Array.from(document.querySelectorAll('#explorer *'))
        .filter((el) => Array.from(el.childNodes).some((c) => c.nodeType === 3 && c.textContent.trim()))
        .map((el) => [el.tagName + ': ' + el.textContent.slice(0, 30), parseFloat(getComputedStyle(el).fontSize)])
        .filter(([, size]) => size < 11)""")
    assert small == []
    assert page.problems == [] and no_nan(page) == []


def test_panels_say_what_they_show(open_page):
    page = open_page()
    left, right = (page.locator("svg").nth(k).get_attribute("aria-label") for k in (0, 1))
    assert re.search(r"four minima at \(±1\.5, ±0\.8\)", left) and "path of theta by GD" in left
    e = wo.OptimizerExplorer()  # the same settings, trained by mlp_lib
    end, J = e.path()[-1], e.history()[-1]
    assert f"ending at ({page_number(end[0])}, {page_number(end[1])})" in left
    assert f"iterations 0 to {e.n_iter} of GD" in right and f"to {page_number(J)}" in right
    texts = page.locator("svg text").all_text_contents()
    theta0 = ", ".join(page_number(t) for t in e.theta0)
    assert f"θ from ({theta0}), {e.n_iter} steps" in texts
    assert f"α = {page_number(e.lr)}: final J = {page_number(J)}" in texts
    assert "GD (1.3)" in texts and "(±θ₁*, ±θ₂*): same h" in texts


# ------------------------------------------------------------------ links to a view (ui/state.js)
EXPLORER_JS = (Path(__file__).resolve().parent.parent / "mlp_lib" / "widgets" / "js" / "src" / "explorers"
               / "optimizer.js").as_uri()
LINK_CASES = [("algorithm", "sgd"), ("algorithm", "adam"), ("lr", 0.05), ("lr", 0.0005), ("lr", 2.5), ("B", 5),
              ("B", 0), ("B", 41), ("n_iter", 300), ("n_iter", 301), ("seed", 7), ("seed", -1), ("seed", 2**32)]


def test_a_links_verdicts_are_the_traitlets():
    page = link_verdicts(EXPLORER_JS, wo.OptimizerExplorer(), ["settingFields"], LINK_CASES)
    assert page == traitlet_verdicts(wo.OptimizerExplorer, LINK_CASES)
    assert page.count("ok") == 5  # the good values pass, every bad one is refused


def _linked(chromium, explorer_server, hash_=""):
    return open_explorer(chromium, explorer_server, wo.OptimizerExplorer(), "optimizer", DESKTOP, hash=hash_, site=True)


def test_a_view_and_its_kept_runs_round_trip_through_the_address(chromium, explorer_server):
    page = _linked(chromium, explorer_server)
    try:
        page.locator("[data-setting='algorithm'] select").select_option("minibatch")
        set_slider(page, "B", 5)
        set_slider(page, "lr", -1)  # alpha = 0.1
        set_slider(page, "n_iter", 200)
        click(page, "draw")  # a new random draw: seed 1
        click(page, "keep")
        set_slider(page, "lr", -1.5)
        before = _values(page)
        hash_ = fragment(page)
        assert "optimizer.keep=algorithm:minibatch;lr:0.1;B:5;n_iter:200;seed:1" in hash_
        assert "optimizer.seed=1" in hash_ and "optimizer.algorithm=minibatch" in hash_
        assert [k["label"] for k in before["kept"]] == ["α = 0.1"]
    finally:
        page.context.close()
    page = _linked(chromium, explorer_server, hash_)
    try:
        after, state = _check_values_are_mlp_libs(page)  # the same SGD draws, so mlp_lib's run
        assert state == {"algorithm": "minibatch", "lr": before["lr"], "B": 5, "n_iter": 200, "seed": 1}
        for key in ("theta", "J", "history", "path", "kept"):
            assert after[key] == before[key], key
        assert page.locator(".mlp-notice").inner_text() == "" and page.problems == []
    finally:
        page.context.close()


def test_kept_runs_are_drawn_faint_labelled_and_cleared(chromium, explorer_server):
    page = _linked(chromium, explorer_server)
    try:
        click(page, "keep")  # GD at alpha = 0.0316
        page.locator("[data-setting='algorithm'] select").select_option("sgd")
        click(page, "keep")
        set_slider(page, "lr", -1)
        kept = _values(page)["kept"]
        assert [k["label"] for k in kept] == ["GD, α = 0.0316", "α = 0.0316"]  # what differs from SGD at 0.1
        assert all(_close(k["history"], wo.OptimizerExplorer(**k["settings"]).history()) for k in kept)
        assert page.locator("path.mlp-kept").count() == 4  # each: its path over J's contours and its cost curve
        labels = page.locator("text.mlp-kept-label").all_text_contents()
        assert sorted(labels) == sorted(["GD, α = 0.0316", "α = 0.0316"] * 2)
        for _ in range(4):
            click(page, "keep")
        assert len(_values(page)["kept"]) == 4  # the oldest go
        click(page, "clear")
        assert _values(page)["kept"] == [] and page.locator(".mlp-kept, .mlp-kept-label").count() == 0
        assert "optimizer.keep" not in fragment(page)
        click(page, "keep")
        page.evaluate("window.explorerModel.set('theta0', [0.5, -1.5])")  # from Python: another start
        assert _values(page)["kept"] == [] and _values(page)["path"][0] == [0.5, -1.5]
        assert page.problems == []
    finally:
        page.context.close()


def test_hidden_controls_are_gone_and_out_of_the_tab_order(chromium, explorer_server):
    page = _linked(chromium, explorer_server, "#optimizer.v=1&optimizer.hide=lr,draw,keep")
    try:
        for hidden in ("[data-setting='lr']", "button[data-action='draw']", "button[data-action='keep']"):
            assert page.locator(hidden).is_hidden()
        assert page.locator("[data-setting='B']").is_visible()
        reached = reachable_by_tab(page)
        assert {"lr", "draw", "keep"}.isdisjoint(reached) and {"algorithm", "n_iter", "clear"} <= reached  # B: off for GD
        assert page.problems == []
    finally:
        page.context.close()


@pytest.mark.parametrize("hash_, words", [
    ("#optimizer.v=1&optimizer.lr=5", "the learning rate lr must be a number from 0.001 to 1, got 5"),
    ("#optimizer.v=1&optimizer.B=50", "the batch size B (at most n = 40) must be an integer from 1 to 40, got 50"),
    ("#optimizer.v=1&optimizer.t=3", "'t' is not a setting of this explorer"),
    ("#optimizer.v=1&optimizer.keep=algorithm:gd;lr:0.1", "kept run 1 has no B"),
    ("#optimizer.v=1&optimizer.keep=algorithm:gd;lr:0.1;B:8;n_iter:100;seed:0;t:5", "kept run 1 names 't'"),
])
def test_a_bad_link_is_said_in_words_and_the_defaults_stay(chromium, explorer_server, hash_, words):
    page = _linked(chromium, explorer_server, hash_)
    try:
        assert words in page.locator(".mlp-notice").inner_text()
        defaults = wo.OptimizerExplorer()
        assert _state(page) == {k: getattr(defaults, k) for k in ("algorithm", "lr", "B", "n_iter", "seed")}
        assert _values(page)["kept"] == [] and page.problems == []
    finally:
        page.context.close()
