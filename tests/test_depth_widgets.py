"""The multi-layer chapter's counts and shapes (mlp_lib.param_count, notes_param_count,
parameter_counts, shape_rows) and its explorer (mlp_lib.widgets.depth, front end
js/src/explorers/depth.js): the page's gradient descent must be mlp_lib.gd from the same
seeded start, its table and counts mlp_lib's, and every control must work."""
import json
import random

import numpy as np
import pytest
import traitlets

import mlp_lib
from mlp_lib import notes_param_count, parameter_counts, shape_rows
from mlp_lib.widgets import depth
from mlp_lib.widgets._explorer import mlp_to_page
from explorer_page import PHONE, ROOT, no_nan, open_explorer, slider_changes_drawing, small_text, svg_text, widget_state, page_fixture, play_then_pause_at_the_first_step
from node_core import run_js

X, Y = depth.DATA
EXPLORER_JS = (ROOT / "mlp_lib" / "widgets" / "js" / "src" / "explorers" / "depth.js").as_uri()


def notes_formula_by_hand(sizes):
    """The notes' printed sum, term by term, for r = 4 and r = 5 (m_r = 1)."""
    d, m = sizes[0], sizes[1:-1]
    if len(m) == 3:  # r = 4: (d+1)m1 + (m1+1)m2 + m2 + (m2+1)m3 + m3 + 1
        return (d + 1) * m[0] + (m[0] + 1) * m[1] + m[1] + (m[1] + 1) * m[2] + m[2] + 1
    if len(m) == 4:  # r = 5: ... + (m3+1)m4 + m4 + 1
        return ((d + 1) * m[0] + (m[0] + 1) * m[1] + m[1] + (m[1] + 1) * m[2]
                + (m[2] + 1) * m[3] + m[3] + 1)
    raise ValueError(sizes)


# ------------------------------------------------------------------- counts and shapes
@pytest.mark.parametrize("sizes", [[3, 5, 7, 11, 1], [2, 4, 6, 8, 10, 1], [13, 64, 32, 8, 1]])
def test_notes_param_count_is_the_printed_formula(sizes):
    assert notes_param_count(sizes) == notes_formula_by_hand(sizes)
    assert notes_param_count(sizes) - mlp_lib.param_count(sizes) == sizes[2]


@pytest.mark.parametrize("sizes, expected", [([4, 3, 1], (4 + 1) * 3 + 3 + 1),
                                             ([4, 3, 5, 1], (4 + 1) * 3 + (3 + 1) * 5 + 5 + 1)])
def test_notes_param_count_is_right_for_r_up_to_3(sizes, expected):
    assert notes_param_count(sizes) == expected == mlp_lib.param_count(sizes)


def test_shape_rows_equal_the_arrays():
    net = mlp_lib.MLP([3, 6, 2, 1], seed=0)
    rows = shape_rows(net, np.ones((11, 3)))
    assert rows[0] == {"k": 0, "W": None, "b": None, "a": (11, 3)}
    for row in rows[1:]:
        k = row["k"]
        assert row["W"] == net.W[k].shape and row["b"] == net.b[k].shape and row["a"] == (11, net.sizes[k])


def test_parameter_counts_three_ways():
    net = mlp_lib.MLP([1, 5, 6, 7, 1], seed=0)
    counts = parameter_counts(net)
    assert counts["num_params"] == 2 * 5 + 6 * 6 + 7 * 7 + 8  # (1 + 1) 5 + (5 + 1) 6 + (6 + 1) 7 + (7 + 1) 1
    assert counts["param_count"] == counts["num_params"]
    assert counts["notes_formula"] == notes_formula_by_hand(net.sizes)
    assert counts["notes_excess"] == 6


# ------------------------------------------------------------------- explorer: Python side
def test_explorer_sends_mlp_libs_start_table_and_counts_for_every_setting():
    e = depth.depth_explorer()
    assert isinstance(e, depth.DepthExplorer)
    assert (e.r, e.m, e.lr, e.n_iter, e.t) == (4, 16, 0.1, 500, 0)
    np.testing.assert_array_equal(e.x, X[:, 0])
    np.testing.assert_array_equal(e.y, Y)
    np.testing.assert_array_equal(e.truth, mlp_lib.data.curve_truth(np.array(e.grid)))
    keys = {f"{r},{m}" for r in range(2, 7) for m in depth.WIDTHS}
    assert set(e.nets) == set(e.tables) == keys
    for r in range(2, 7):
        for m in depth.WIDTHS:
            net = mlp_lib.MLP([1] + [m] * (r - 1) + [1], "relu", seed=0)
            assert e.nets[f"{r},{m}"] == mlp_to_page(net)
            table = e.tables[f"{r},{m}"]
            assert table["sizes"] == net.sizes and table["counts"] == parameter_counts(net)
            assert [(row["k"], row["W"] and tuple(row["W"]), row["b"] and tuple(row["b"]), tuple(row["a"]))
                    for row in table["rows"]] == [(row["k"], row["W"], row["b"], row["a"]) for row in shape_rows(net, X)]
    assert e.tables["4,16"]["counts"]["notes_excess"] == 16 and e.tables["3,16"]["counts"]["notes_excess"] == 0
    assert len(json.dumps(widget_state(e))) < 1_000_000  # what the saved notebook and the page carry


@pytest.mark.parametrize("name, value, words", [
    ("r", 7, r"the depth r must be an integer from 2 to 6, got 7"),
    ("r", 1, r"the depth r must be an integer from 2 to 6, got 1"),
    ("m", 3, r"the width m must be one of 1, 2, 4, 8, 16, 32, got 3"),
    ("lr", 5.0, r"the learning rate lr must be a number from 0\.01 to 3\.16228, got 5\.0"),
    ("lr", float("nan"), r"the learning rate lr must be a number from 0\.01 to 3\.16228, got nan"),
    ("n_iter", 0, r"n_iter must be an integer from 1 to 2000, got 0"),
    ("t", -1, r"t \(GD steps of the page's run, at most n_iter = 500\) must be an integer from 0 to 500, got -1"),
    ("t", 501, r"at most n_iter = 500\) must be an integer from 0 to 500, got 501"),
])
def test_bad_settings_are_refused_with_their_range(name, value, words):
    e = depth.depth_explorer()
    with pytest.raises(traitlets.TraitError, match=words):
        setattr(e, name, value)


def test_net_is_mlp_libs_gd_as_far_as_the_page_went():
    e = depth.depth_explorer(r=3, m=8, lr=0.1)
    start = e.net()
    assert isinstance(start, mlp_lib.MLP) and start.sizes == [1, 8, 8, 1]
    assert mlp_to_page(start) == e.nets["3,8"]  # t = 0: the start
    e.t = 7
    reference = mlp_lib.MLP([1, 8, 8, 1], "relu", seed=0)
    history = mlp_lib.gd(reference, X, Y, 0.1, 7)
    for k in (1, 2, 3):
        np.testing.assert_array_equal(e.net().W[k], reference.W[k])
    np.testing.assert_array_equal(e.run()["history"], history)
    e.r, e.m, e.lr = 5, 2, 0.5  # every setting is the page's
    assert e.net().sizes == [1, 2, 2, 2, 2, 1]
    assert e.net().cost(X, Y) == pytest.approx(e.run()["history"][-1], rel=1e-12)
    assert len(e.run(20)["history"]) == 21


def test_net_keeps_the_last_finite_network_of_a_diverging_run():
    e = depth.depth_explorer(r=4, m=16, lr=1.0)
    e.t = 500
    run = e.run()
    assert run["error"] is not None and run["error"].iteration == 8
    assert np.isfinite(e.net().cost(X, Y)) and len(run["history"]) == 8


# ------------------------------------------------------------------- the page's run, under node
def _page(code, **inputs):
    return run_js(f"const page = await import(inputs.url);\n{code}", url=EXPLORER_JS, **inputs)


RUN_JS = """const r = page.gdRun({net: inputs.net, x: inputs.x, y: inputs.y, lr: inputs.lr, nIter: inputs.n_iter});
  return {history: r.history, t: r.t, diverged: r.diverged, grew: r.grew, net: r.model.toJSON(),
          dead: page.deadLayers(r.start, inputs.x.map((v) => [v]))};"""


@pytest.mark.parametrize("r, m", [(2, 4), (2, 32), (6, 4), (6, 32)])
def test_pages_default_run_is_mlp_libs_gd_from_the_same_start(r, m):
    """500 steps at alpha = 0.1 (the explorer's defaults): J at every step and the final
    parameters equal mlp_lib.gd's to 1e-9."""
    e = depth.DepthExplorer(r=r, m=m)
    page = _page(RUN_JS, net=e.nets[f"{r},{m}"], x=e.x, y=e.y, lr=e.lr, n_iter=e.n_iter)
    net = depth.start_net(r, m)
    history = mlp_lib.gd(net, X, Y, e.lr, e.n_iter)
    assert page["t"] == 500 and page["diverged"] is None and page["grew"] is False
    np.testing.assert_allclose(np.array(page["history"], dtype=float), history, rtol=1e-9)
    for k in range(1, r + 1):
        np.testing.assert_allclose(page["net"]["W"][k - 1], net.W[k], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(page["net"]["b"][k - 1], net.b[k], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("r, m, lr, what", [(4, 16, 1.0, "diverges"), (3, 32, 1.0, "grows"), (6, 4, 1.0, "grows"),
                                            (6, 2, 0.1, "dead")])
def test_pages_edge_states_are_mlp_libs(r, m, lr, what):
    e = depth.DepthExplorer(r=r, m=m, lr=lr)
    page = _page(RUN_JS, net=e.nets[f"{r},{m}"], x=e.x, y=e.y, lr=lr, n_iter=e.n_iter)
    run = mlp_lib.train_mlp(depth.depth_sizes(r, m), X, Y, "relu", 0, lr=lr, n_iter=e.n_iter)
    np.testing.assert_allclose(np.array(page["history"], dtype=float), run["history"], rtol=1e-9)
    assert page["diverged"] == (run["error"].iteration if run["error"] else None)
    assert (page["diverged"] is not None) == (what == "diverges")
    assert page["grew"] == (what == "grows") == (run["error"] is None and run["history"][-1] > run["history"][0])
    _, a = depth.start_net(r, m)._forward(X)
    assert page["dead"] == [k for k in range(1, r) if not a[k].any()]
    assert (page["dead"] != []) == (what == "dead")


# ------------------------------------------------------------------- the page, in chromium
def values(page):
    """The page's data-values (JSON writes a float such as 1.2e20 without exponent: read as float)."""
    return json.loads(page.root.get_attribute("data-values"), parse_int=float)


def check_values_are_mlp_libs(page):
    """What the page shows for its r, m, lr and step t: the table and counts, h on the grid,
    J and the history of J equal mlp_lib's GD from the same start."""
    v = values(page)
    r, m, t = int(v["r"]), int(v["m"]), int(v["t"])
    e = depth.DepthExplorer(r=r, m=m, lr=v["lr"])
    e.t = t
    run = e.run()
    net = run["model"]
    assert v["sizes"] == net.sizes and v["counts"] == parameter_counts(net)
    assert [row["a"] for row in v["rows"]] == [list(row["a"]) for row in shape_rows(net, X)]
    np.testing.assert_allclose(v["h"], net(np.array(e.grid)[:, None]), rtol=1e-9, atol=1e-12)
    assert v["J"] == pytest.approx(net.cost(X, Y), rel=1e-9)
    np.testing.assert_allclose(v["history"], run["history"], rtol=1e-9)
    return v


page = page_fixture(depth.depth_explorer, "depth")


LABELS = ["depth r", "width m", "learning rate α"]


def _wait_done(page):
    page.wait_for_function("() => { const v = JSON.parse(document.querySelector('#explorer .mlp-explorer')"
                           ".dataset.values); return v.run && v.run.done && !v.run.playing; }", timeout=30_000)


def test_every_control_changes_the_drawing_by_keyboard_and_pointer(page):
    check_values_are_mlp_libs(page)
    for label in LABELS:
        slider_changes_drawing(page, page.get_by_label(label, exact=True), lambda: check_values_are_mlp_libs(page))
    for text in ["step", "play", "pause", "reset"]:
        before = svg_text(page)
        page.get_by_role("button", name=text, exact=True).click()
        page.wait_for_timeout(60)
        assert svg_text(page) != before, text


def test_sliders_reach_their_ends_and_the_table_follows(page):
    r, m = page.get_by_label("depth r", exact=True), page.get_by_label("width m", exact=True)
    r.focus(), r.press("End")
    m.focus(), m.press("End")
    v = check_values_are_mlp_libs(page)
    assert v["sizes"] == [1, 32, 32, 32, 32, 32, 1]
    shapes = page.locator("table.mlp-shapes")
    assert shapes.locator("caption").inner_text() == "Shapes for sizes = [1, 32, 32, 32, 32, 32, 1], r = 6"
    assert shapes.locator("tbody tr").count() == 7 and shapes.locator("thead th").count() == 4
    assert shapes.locator("tbody tr").nth(6).inner_text().split("\t") == ["6", "(1, 32)", "(1)", "(80, 1) = h"]
    counts = page.locator("table.mlp-counts")
    assert counts.locator("td").all_inner_texts() == ["4321", "4321", "4353"]
    wrong = counts.locator("tr.mlp-wrong")
    assert "+32 = m2 too many" in wrong.inner_text()
    # in the explorer's warning colour (the message line's red), not in the ink of the other rows
    red = page.evaluate("getComputedStyle(document.querySelector('.mlp-message')).color")
    assert wrong.evaluate("e => getComputedStyle(e.querySelector('td')).color") == red
    assert counts.locator("tr").first.evaluate("e => getComputedStyle(e.querySelector('td, th')).color") != red
    r.focus(), r.press("Home")
    m.focus(), m.press("Home")
    v = check_values_are_mlp_libs(page)
    assert v["sizes"] == [1, 1, 1] and v["deadLayers"] == [1.0]
    assert "Layer 1 outputs 0 for all 80 examples" in page.locator(".mlp-message").inner_text()
    assert counts.locator("tr.mlp-wrong").count() == 0 and "(agrees here)" in counts.inner_text()


def test_play_runs_the_default_run_to_the_end_and_equals_mlp_libs_gd(page):
    page.get_by_role("button", name="play", exact=True).click()
    _wait_done(page)
    v = check_values_are_mlp_libs(page)
    assert v["t"] == 500 == page.evaluate("window.explorerModel.get('t')")
    history = mlp_lib.gd(depth.start_net(4, 16), X, Y, 0.1, 500)
    np.testing.assert_allclose(v["history"], history, rtol=1e-9)
    assert "GD step 500 of 500 (done)" in page.locator(".mlp-readout").inner_text()
    assert page.locator(".mlp-message").inner_text() == ""


def test_pause_stops_step_advances_one_reset_returns_to_the_start(page):
    t = play_then_pause_at_the_first_step(page)
    assert 0 < t < 500 and not values(page)["run"]["playing"]
    page.wait_for_timeout(200)
    assert values(page)["t"] == t == page.evaluate("window.explorerModel.get('t')")
    page.get_by_role("button", name="step", exact=True).click()
    assert values(page)["t"] == t + 1
    check_values_are_mlp_libs(page)
    page.get_by_role("button", name="reset", exact=True).click()
    v = check_values_are_mlp_libs(page)
    assert v["t"] == 0 and v["run"] is None and page.evaluate("window.explorerModel.get('t')") == 0


def _set(page, **settings):
    for name, value in settings.items():
        page.evaluate("([n, v]) => window.explorerModel.set(n, v)", [name, value])


@pytest.mark.parametrize("settings, words", [
    (dict(lr=1.0), "Training diverged at iteration 8"),
    (dict(r=6, m=4, lr=1.0), "J ended above where it started"),
])
def test_edge_states_are_said_in_words(page, settings, words):
    _set(page, **settings)
    page.get_by_role("button", name="play", exact=True).click()
    _wait_done(page)
    assert words in page.locator(".mlp-message").inner_text()
    assert no_nan(page) == []
    check_values_are_mlp_libs(page)


def test_200_random_changes_leave_no_nan_and_no_error(page):
    rng = random.Random(0)
    sliders = {label: page.get_by_label(label, exact=True) for label in LABELS}
    for _ in range(200):
        if rng.random() < 0.75:
            control = sliders[rng.choice(LABELS)]
            control.focus()
            control.press(rng.choice(["ArrowRight", "ArrowLeft", "End", "Home", "PageUp", "PageDown"]))
        else:
            page.get_by_role("button", name=rng.choice(["play", "pause", "step", "reset"]), exact=True).click()
    assert no_nan(page) == []
    page.get_by_role("button", name="pause", exact=True).click()
    check_values_are_mlp_libs(page)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 700, "height": 900}], ids=["phone", "site-column"])
def test_the_explorer_fits_and_its_text_is_legible(chromium, explorer_server, viewport):
    page = open_explorer(chromium, explorer_server, depth.depth_explorer(r=6, m=32), "depth", viewport)
    page.get_by_role("button", name="play", exact=True).click()
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert small_text(page) == []
    labels = page.evaluate("Array.from(document.querySelectorAll('#explorer svg')).map(s => s.getAttribute('aria-label'))")
    assert len(labels) == 2 and "depth r = 6 and width m = 32" in labels[0] and "cost J" in labels[1]
    assert page.problems == []
    page.context.close()


def test_kept_runs_are_drawn_in_both_panels_labelled_and_cleared(chromium, explorer_server):
    hash_ = "#depth.v=1&depth.r=3&depth.m=16&depth.lr=0.3&depth.keep=r:2;m:16;lr:0.3;t:40|r:3;m:4;lr:0.3;t:40"
    page = open_explorer(chromium, explorer_server, depth.depth_explorer(), "depth", hash=hash_, site=True)
    try:
        kept = page.locator("#explorer path.mlp-kept")
        assert kept.count() == 4  # each kept run's fit h and its J
        labels = page.locator("#explorer text.mlp-kept-label").all_text_contents()
        assert sorted(labels) == ["m = 4", "m = 4", "r = 2", "r = 2"]
        page.locator("#explorer button[data-action='clear']").click()
        assert kept.count() == 0 and page.problems == []
    finally:
        page.context.close()
