"""The explorer of the chapter "Backpropagation, a preview" (mlp_lib.widgets.backprop, front end
js/src/explorers/backprop.js): every number it steps through must be mlp_lib's MLP.backprop,
its "check it" column mlp_lib.gradcheck's, and every control must work, by keyboard and by
pointer, on a desktop and on a phone."""
import json
import random
import re

import numpy as np
import pytest
import traitlets

import mlp_lib
from mlp_lib.gradcheck import numerical_gradients, relative_error
from mlp_lib.widgets import backprop as bp
from mlp_lib.widgets._explorer import mlp_to_page
from test_links import STATE_JS
from explorer_page import PHONE, ROOT, no_nan, open_explorer, page_fixture, small_text, widget_state
from node_core import run_js
from test_links import click, fragment, link_verdicts, reachable_by_tab, traitlet_verdicts

X, Y = bp.DATA
EXPLORER_JS = (ROOT / "mlp_lib" / "widgets" / "js" / "src" / "explorers" / "backprop.js").as_uri()
CASES = [(r, a, n) for r in (2, 3) for a in mlp_lib.ACTIVATIONS for n in (1, 5)]
CASE_IDS = [f"r={r}-{a}-n={n}" for r, a, n in CASES]
#: The number each kind of step shows (chapter 9's (BP1)-(BP5), the notes' forward equations).
NUMBERS = {"z": "(2.9)", "a": "(2.13)", "dW": "(BP2)", "db": "(BP3)", "da": "(BP4)"}
UNIT_ROUNDOFF = 2.0 ** -53


def net_of(r, activation):
    return mlp_lib.MLP(bp.SIZES[r], activation, seed=0)


def rounding_bound(net, n, eps, expected):
    """How far two correct central differences of J (1.2) may differ when J is summed in another
    order: h_i is rounded by about u (1 + |h_i|), which moves J = (1/n) sum 1/2 (h_i - y_i)^2 by
    |h_i - y_i| times that, over n; J itself by u J. Sixteen times that, over eps (the difference
    quotient), plus 1e-12 relative."""
    h = net(X[:n])
    J = net.cost(X[:n], Y[:n])
    wobble = UNIT_ROUNDOFF * (J + np.mean(np.abs(h - Y[:n]) * (1 + np.abs(h))))
    return 1e-12 * abs(expected) + 16 * wobble / eps


def equal_values(page_value, numpy_value):
    """A page's number or matrix against mlp_lib's, to 1e-12 (y as (n,), b as (m,): reshaped)."""
    page_value = np.asarray(page_value, dtype=float)
    numpy_value = np.asarray(numpy_value, dtype=float)
    np.testing.assert_allclose(page_value, numpy_value.reshape(page_value.shape), rtol=1e-12, atol=1e-14)


# ------------------------------------------------------------------- the core, under node
STEPS_JS = """const net = core.MLP.fromJSON(inputs.net);
  const { steps } = core.backpropSteps(net, inputs.X, inputs.y);
  const central = inputs.names.map((p) => core.centralDifferences(net, inputs.X, inputs.y, p, inputs.eps));
  return { steps, central, names: core.paramNames(net.sizes), after: net.toJSON() };"""


@pytest.fixture(scope="module")
def page_core():
    """The core's steps and central differences for every case, in one node run per case."""
    out = {}
    for r, a, n in CASES:
        net = net_of(r, a)
        out[r, a, n] = run_js(STEPS_JS, net=mlp_to_page(net), X=X[:n], y=Y[:n], names=bp.param_names(net.sizes),
                              eps=list(bp.EPSILONS))
    return out


@pytest.mark.parametrize("r, activation, n", CASES, ids=CASE_IDS)
def test_every_step_of_the_core_is_mlp_libs_backprop(page_core, r, activation, n):
    """z[k], a[k], J, then dJ/dz[k], dJ/dW[k], dJ/db[k], dJ/da[k-1] for k = r..1, in mlp_lib's
    order and equal to MLP.backprop's numbers to 1e-12."""
    page = page_core[r, activation, n]["steps"]
    python = bp.backprop_steps(net_of(r, activation), X[:n], Y[:n])
    assert len(page) == len(python) == bp.last_step(r) + 1
    assert [(s["kind"], s["k"]) for s in page] == [(s["kind"], s["k"]) for s in python]
    for s_page, s_python in zip(page, python):
        equal_values(s_page["value"], s_python["value"])
    values = net_of(r, activation).backprop(X[:n], Y[:n], input_gradient=True)
    by_kind = {(s["kind"], s["k"]): s["value"] for s in page}
    for k in range(1, r + 1):  # the same numbers under their mlp_lib names
        equal_values(by_kind["dW", k], values.grad_W[k])
        equal_values(by_kind["db", k], values.grad_b[k])
        equal_values(by_kind["dz", k], values.dz[k])
        equal_values(by_kind["da", k - 1], values.da[k - 1])
    equal_values(by_kind["J", r], values.J)
    grad_W, grad_b = net_of(r, activation).gradients(X[:n], Y[:n])
    equal_values(by_kind["dW", 1], grad_W[1])
    equal_values(by_kind["db", 1], grad_b[1])


@pytest.mark.parametrize("r, activation, n", CASES, ids=CASE_IDS)
def test_check_it_column_is_mlp_lib_gradcheck(page_core, r, activation, n):
    """For every parameter and every epsilon, the page's central difference is
    mlp_lib.gradcheck.numerical_gradients' up to the rounding of J itself: the two compute
    J(theta +- eps) with sums in different orders (numpy's BLAS, the page's loops), which may
    differ in the last bits, and a difference quotient divides that by 2 eps (see
    rounding_bound). The network is left as it was."""
    net = net_of(r, activation)
    page = page_core[r, activation, n]
    assert page["names"] == bp.param_names(net.sizes)
    assert page["after"] == mlp_to_page(net)  # every entry restored exactly
    for e, eps in enumerate(bp.EPSILONS):
        grad_W, grad_b = numerical_gradients(net, X[:n], Y[:n], eps=eps)
        for name, column in zip(page["names"], page["central"]):
            which, k, index = bp.parse_param(name)
            expected = (grad_W if which == "W" else grad_b)[k][index]
            assert abs(column[e] - expected) <= rounding_bound(net, n, eps, expected), (name, eps, column[e], expected)
    # at the chapter's eps = 1e-6, measured as the chapter measures gradients, they are the same
    grad_W, grad_b = numerical_gradients(net, X[:n], Y[:n], eps=1e-6)
    in_theta_order = [g for k in range(1, r + 1) for g in (grad_W[k], grad_b[k])]
    assert relative_error([c[5] for c in page["central"]], in_theta_order) < 1e-9


def test_parameters_are_named_as_in_mlp_lib_s_theta():
    names = bp.param_names([3, 4, 1])
    assert names[:4] == ["W[1][1,1]", "W[1][1,2]", "W[1][1,3]", "W[1][2,1]"]
    assert names[12:16] == ["b[1][1]", "b[1][2]", "b[1][3]", "b[1][4]"] and names[-1] == "b[2][1]"
    assert len(names) == net_of(2, "relu").num_params == 21 and len(bp.param_names([3, 5, 4, 1])) == 49
    net = net_of(3, "tanh")
    for name, value in zip(bp.param_names(net.sizes), net.theta):  # the order of theta
        which, k, index = bp.parse_param(name)
        assert (net.W if which == "W" else net.b)[k][index] == value
    page = run_js("return inputs.names.map(core.parseParam);", names=["W[2][1,3]", "b[1][4]"])
    assert page == [{"which": "W", "k": 2, "j": 0, "i": 2}, {"which": "b", "k": 1, "j": 3, "i": None}]


def _page(code, **inputs):
    return run_js(f"const page = await import(inputs.url);\nconst check = await import(inputs.check);\n{code}",
                  url=EXPLORER_JS, check=EXPLORER_JS.replace("backprop.js", "backprop/check.js"), **inputs)


CHECK_JS = """const net = core.MLP.fromJSON(inputs.net);
  const { values } = core.backpropSteps(net, inputs.X, inputs.y);
  const c = check.checkParam(net, inputs.X, inputs.y, values, inputs.param, inputs.eps);
  return { ...c, words: check.checkWords(c, inputs.param) };"""


def _check(r, activation, n, param):
    return _page(CHECK_JS, net=mlp_to_page(net_of(r, activation)), X=X[:n], y=Y[:n], param=param,
                 eps=list(bp.EPSILONS))


def test_check_it_says_where_the_estimate_is_best_and_where_rounding_takes_over():
    c = _check(2, "tanh", 1, "W[1][1,1]")
    e = bp.backprop_explorer()
    assert c["backprop"] == pytest.approx(e.check()["backprop"], rel=1e-12)
    errors = np.abs(np.array(c["central"]) - c["backprop"])
    np.testing.assert_array_equal(c["errors"], errors)
    best = int(np.argmin(errors))
    assert c["best"] == best and 0 < best < len(bp.EPSILONS) - 1
    digits = int(np.floor(-np.log10(errors[best] / abs(c["backprop"]))))
    fell = errors[0] / errors[1]
    assert 20 < fell < 500  # a smooth J: the truncation error goes like eps^2
    right = int(np.floor(-np.log10(errors[-1] / abs(c["backprop"]))))
    assert f"closest at ε = 10⁻{'⁰¹²³⁴⁵⁶⁷⁸⁹'[best + 1]}, where {digits} significant digits agree" in c["words"]
    assert "truncation error" in c["words"] and "rounding error" in c["words"]
    assert f"at ε = 10⁻¹³ only {right} digit" in c["words"] and right < digits


def test_check_it_of_a_parameter_whose_unit_is_off_says_so():
    """ReLU, [3, 5, 4, 1], five examples: unit 1 of layer 1 has z < 0 on all five, so J does not
    depend on W[1][1,1] near theta: backprop gives 0, and so do central differences except for
    eps = 0.1, which crosses the kink."""
    net = net_of(3, "relu")
    assert (net.backprop(X, Y).z[1][:, 0] < 0).all()
    c = _check(3, "relu", 5, "W[1][1,1]")
    assert c["backprop"] == 0 and c["central"][0] != 0 and all(v == 0 for v in c["central"][1:])
    assert "unit it feeds is at 0 (ReLU′ = 0) on every example" in c["words"]
    assert "except at ε = 10⁻¹" in c["words"] and "kink" in c["words"]


def test_digits_right():
    out = _page("return [check.digitsRight(1.23456, 1.23459), check.digitsRight(2, 2), check.digitsRight(1e-3, 0),"
                " check.digitsRight(-5, 5)];")
    assert out == [4, 16, 0, 0]


def test_the_walk_is_the_steps_in_order():
    out = _page("""const w = new page.Walk({ net: inputs.net, X: inputs.X, y: inputs.y });
      const seen = [w.t, w.nIter, w.done, w.shown("a", 0), w.shown("z", 1)];
      w.advance(1); seen.push(w.t, w.shown("z", 1), w.shown("a", 1));
      w.advance(100); seen.push(w.t, w.done, w.shown("da", 0));
      return seen;""", net=mlp_to_page(net_of(2, "tanh")), X=X[:1], y=Y[:1])
    assert out == [0, 12, False, True, False, 1, True, False, 12, True, True]


# ------------------------------------------------------------------- the Python side
def test_explorer_sends_the_chapter_s_networks_and_examples():
    e = bp.backprop_explorer()
    assert (e.r, e.activation, e.n, e.examples_as, e.view, e.example, e.param, e.t) == \
        (2, "tanh", 1, "rows", "diagram", 1, "W[1][1,1]", 0)
    rng = np.random.default_rng(0)  # as the chapter draws them
    np.testing.assert_array_equal(e.X, rng.standard_normal((5, 3)))
    np.testing.assert_array_equal(e.y, rng.standard_normal(5))
    assert set(e.nets) == {f"{r},{a}" for r in (2, 3) for a in mlp_lib.ACTIVATIONS}
    for r in (2, 3):
        for a in mlp_lib.ACTIVATIONS:
            assert e.nets[f"{r},{a}"] == mlp_to_page(mlp_lib.MLP(bp.SIZES[r], a, seed=0))
    assert e.settings == bp.SETTINGS and e.epsilons == [10.0 ** -k for k in range(1, 14)]
    assert len(json.dumps(widget_state(e))) < 20_000


@pytest.mark.parametrize("name, value, words", [
    ("r", 4, r"the depth r must be one of 2, 3, got 4"),
    ("activation", "softplus", r"the activation must be one of 'relu', 'sigmoid', 'tanh', 'identity', got 'softplus'"),
    ("n", 3, r"the number of examples n must be one of 1, 5, got 3"),
    ("examples_as", "diagonal", r"examples_as \(the layout\) must be one of 'rows', 'columns', got 'diagonal'"),
    ("view", "chart", r"the view must be one of 'diagram', 'table', got 'chart'"),
    ("example", 6, r"the example i must be an integer from 1 to 5, got 6"),
    ("t", 13, r"the step t must be an integer from 0 to 12, got 13"),
    ("param", "W[2][2,1]", r"param must name a parameter of the network \[3, 4, 1\], W\[k\]\[j,i\] or b\[k\]\[j\] "
                           r"\(W\[1\]\[1,1\] to b\[2\]\[1\]\), got 'W\[2\]\[2,1\]'"),
])
def test_bad_settings_are_refused_with_what_was_expected(name, value, words):
    e = bp.backprop_explorer()
    with pytest.raises(traitlets.TraitError, match=words):
        setattr(e, name, value)


def test_a_smaller_network_keeps_what_it_can():
    e = bp.backprop_explorer(r=3, t=18, param="W[3][1,4]")
    e.r = 2
    assert e.t == 12 and e.param == "W[1][1,1]"
    e.r, e.param, e.t = 3, "b[2][4]", 15
    assert (e.r, e.param, e.t) == (3, "b[2][4]", 15)


def test_hand_back_is_mlp_lib_for_the_page_s_network_and_examples():
    e = bp.backprop_explorer(r=3, activation="sigmoid", n=5, t=7)
    net = e.net()
    assert isinstance(net, mlp_lib.MLP) and net.sizes == [3, 5, 4, 1] and net.activation == "sigmoid"
    np.testing.assert_array_equal(net.theta, mlp_lib.MLP([3, 5, 4, 1], "sigmoid", seed=0).theta)
    grad_W, grad_b = e.gradients()
    lib_W, lib_b = net.gradients(X, Y)
    for k in (1, 2, 3):
        np.testing.assert_array_equal(grad_W[k], lib_W[k])
        np.testing.assert_array_equal(grad_b[k], lib_b[k])
    step = e.step()
    assert (step["kind"], step["k"]) == ("dz", 3)  # step 7 of the three-layer walk: (BP1)
    np.testing.assert_array_equal(step["value"], (net(X) - Y)[:, None] / 5)
    e.n = 1
    np.testing.assert_array_equal(e.gradients()[0][1], net.gradients(X[:1], Y[:1])[0][1])
    c = e.check("b[1][2]")
    assert c["backprop"] == net.gradients(X[:1], Y[:1])[1][1][1]
    assert c["central"] == bp.central_differences(net, X[:1], Y[:1], "b[1][2]")


# ------------------------------------------------------------------- the page, in chromium
page = page_fixture(bp.backprop_explorer, "backprop")


def values(page):
    return json.loads(page.root.get_attribute("data-values"))


def check_values_are_mlp_libs(page):
    """Every step the page holds, its J and its "check it" numbers, against mlp_lib's."""
    v = values(page)
    net, n = net_of(v["r"], v["activation"]), v["n"]
    python = bp.backprop_steps(net, X[:n], Y[:n])
    assert v["T"] == bp.last_step(v["r"]) and 0 <= v["t"] <= v["T"]
    assert [(s["kind"], s["k"]) for s in v["steps"]] == [(s["kind"], s["k"]) for s in python]
    for s_page, s_python in zip(v["steps"], python):
        equal_values(s_page["value"], s_python["value"])
    which, k, index = bp.parse_param(v["param"])
    grad_W, grad_b = net.gradients(X[:n], Y[:n])
    assert v["check"]["backprop"] == pytest.approx((grad_W if which == "W" else grad_b)[k][index], rel=1e-12, abs=1e-15)
    for eps, page_value, expected in zip(bp.EPSILONS, v["check"]["central"],
                                         bp.central_differences(net, X[:n], Y[:n], v["param"])):
        assert abs(page_value - expected) <= rounding_bound(net, n, eps, expected)
    return v


def snapshot(page):
    """What a reader sees change: the panels (diagram, step, table, check) and the readout."""
    return page.evaluate("""() => { const e = document.querySelector('#explorer .mlp-explorer');
      return e.querySelector('.mlp-panels').innerHTML + e.querySelector('.mlp-readout').textContent; }""")


def _button(page, name):
    return page.locator("#explorer").get_by_role("button", name=name, exact=True)


def _radio(page, group, label):
    return page.locator("#explorer fieldset", has=page.locator(f"legend:text-is('{group}')")).get_by_label(label, exact=True)


RADIOS = {"network": ["[3, 4, 1]", "[3, 5, 4, 1]"], "activation σ": ["ReLU", "sigmoid", "tanh", "identity"],
          "examples": ["one", "a batch of 5"], "examples as": ["rows (mlp_lib)", "columns (the notes)"],
          "view": ["diagram", "table"]}


def test_every_choice_by_pointer_and_by_keyboard(page):
    for group, labels in RADIOS.items():
        for label in labels[1:] + labels[:1]:  # pointer: a click on the label of each choice in turn
            before = snapshot(page)
            radio = _radio(page, group, label)
            page.locator(f"#explorer label[for='{radio.get_attribute('id')}']").click()
            assert radio.is_checked() and snapshot(page) != before, (group, label)
            check_values_are_mlp_libs(page)
        radio = _radio(page, group, labels[0])  # keyboard: arrows move the choice within its group
        radio.focus()
        before = snapshot(page)
        page.keyboard.press("ArrowRight")
        assert _radio(page, group, labels[1]).is_checked() and snapshot(page) != before, group
        page.keyboard.press("ArrowLeft")
        assert radio.is_checked(), group
    v = check_values_are_mlp_libs(page)
    assert (v["r"], v["activation"], v["n"], v["examples_as"], v["view"]) == (2, "relu", 1, "rows", "diagram")
    assert page.evaluate("window.explorerModel.get('activation')") == "relu"


def test_steps_by_buttons_slider_and_keyboard(page):
    slider = page.locator("#explorer").get_by_label("step t", exact=True)
    seen = [values(page)["t"]]
    for name in ["step", "step", "step back", "to the end", "step back", "reset"]:
        before = snapshot(page)
        _button(page, name).click()
        assert snapshot(page) != before, name
        seen.append(values(page)["t"])
    assert seen == [0, 1, 2, 1, 12, 11, 0]
    for key in ["Enter", " "]:  # the buttons by keyboard
        _button(page, "step").focus()
        page.keyboard.press(key)
    assert values(page)["t"] == 2 == page.evaluate("window.explorerModel.get('t')")
    for key, t in [("ArrowRight", 3), ("End", 12), ("ArrowLeft", 11), ("Home", 0)]:
        slider.focus()
        page.keyboard.press(key)
        assert values(page)["t"] == t, key
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] / 2)
    assert values(page)["t"] == 9 and slider.get_attribute("aria-valuetext") == "9 of 12"
    check_values_are_mlp_libs(page)


def test_the_example_slider_and_the_parameter_by_keyboard_and_pointer(page):
    example = page.locator("#explorer").get_by_label("example i on the diagram", exact=True)
    assert example.is_disabled()  # one example: nothing to choose
    _radio(page, "examples", "a batch of 5").check()
    _button(page, "to the end").click()
    for key, i in [("ArrowRight", 2), ("End", 5), ("Home", 1)]:
        before = snapshot(page)
        example.focus()
        page.keyboard.press(key)
        assert values(page)["example"] == i and snapshot(page) != before, key
    box = example.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2)
    assert values(page)["example"] == 5
    menu = page.locator("#explorer").get_by_label("parameter to check", exact=True)
    menu.focus()
    page.keyboard.press("ArrowDown")  # a focused <select> changes with the arrow keys
    assert values(page)["param"] == "W[1][1,2]" == page.evaluate("window.explorerModel.get('param')")
    for name in ["W[2][1,3]", "b[1][2]"]:  # by pointer: a click on an edge, on a bias
        before = snapshot(page)
        target = page.locator(f"#explorer .mlp-bp-hit[data-param='{name}']").first
        target.scroll_into_view_if_needed()
        page.mouse.click(*where_it_can_be_clicked(page, target))
        assert values(page)["param"] == name == menu.input_value() and snapshot(page) != before, name
        check_values_are_mlp_libs(page)


def where_it_can_be_clicked(page, target):
    """A point of an edge (a line) or a bias (a rect) that is on top there, in the viewport: an
    edge's middle, or a quarter of the way from either end where edges crowd (on a phone)."""
    return target.evaluate("""(e) => {
      const r = e.getBoundingClientRect();
      const ends = e.tagName === 'line' ? [[+e.getAttribute('x1'), +e.getAttribute('y1')], [+e.getAttribute('x2'), +e.getAttribute('y2')]] : null;
      const ctm = e.getScreenCTM();
      const points = ends ? [0.5, 0.25, 0.75].map(f => new DOMPoint(ends[0][0] + f * (ends[1][0] - ends[0][0]),
          ends[0][1] + f * (ends[1][1] - ends[0][1])).matrixTransform(ctm)).map(p => [p.x, p.y])
        : [[r.left + r.width / 2, r.top + r.height / 2]];
      return points.find(([x, y]) => document.elementFromPoint(x, y) === e) || points[0]; }""")


def test_the_live_region_reads_each_step_its_equation_and_numbers(page):
    _radio(page, "network", "[3, 5, 4, 1]").check()
    readout = page.locator("#explorer .mlp-readout")
    assert readout.get_attribute("aria-live") == "polite"
    python = bp.backprop_steps(net_of(3, "tanh"), X[:1], Y[:1])
    for t in range(bp.last_step(3) + 1):
        if t:
            _button(page, "step").click()
        text = readout.inner_text()
        step = python[t]
        assert text.startswith(f"Step {t} of 18"), text
        number = {"J": "(1.1)", "dz": "(BP1)" if step["k"] == 3 else "(BP5)"}.get(step["kind"], NUMBERS.get(step["kind"], ""))
        if step["kind"] == "z" and step["k"] == 3:
            number = "(2.12)"
        assert number in text, (t, text)
        said = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text.split(" = ")[-1])]
        np.testing.assert_allclose(said, np.ravel(step["value"]), rtol=6e-3, atol=1e-12)
    assert "∂J/∂X" in readout.inner_text()


def test_play_walks_at_a_readable_pace_and_t_comes_back_to_python(page):
    # the page notes when each step is drawn (its own clock: a busy test machine cannot blur it)
    page.evaluate("""() => { window.seen = []; const e = document.querySelector('#explorer .mlp-explorer');
      const slider = Array.from(e.querySelectorAll('input[type=range]')).find(i => i.labels[0].textContent === 'step t');
      new MutationObserver(() => { const t = JSON.parse(e.dataset.values).t;
        if (!seen.length || seen[seen.length - 1].t !== t) seen.push({ ms: performance.now(), t,
          model: window.explorerModel.get('t'), slider: slider.getAttribute('aria-valuetext') }); })
        .observe(e, { attributes: true, attributeFilter: ['data-values'] });
      e.querySelector('button[data-action=play]').addEventListener('click', () => { window.playedAt = performance.now(); }); }""")
    _button(page, "play").click()
    page.wait_for_function("window.seen.some((s) => s.t === 2)", timeout=10_000)
    seen, played = [s for s in page.evaluate("window.seen") if s["t"] > 0], page.evaluate("window.playedAt")
    assert [s["t"] for s in seen[:2]] == [1, 2]
    assert seen[0]["ms"] - played < 500  # the first step at once,
    assert seen[1]["ms"] - seen[0]["ms"] >= 1400  # the next when STEP_MS = 1.6 s have passed (less a frame and a redraw)
    assert [(s["model"], s["slider"]) for s in seen[:2]] == [(1, "1 of 12"), (2, "2 of 12")]  # Python and the slider follow
    _button(page, "pause").click()
    t = values(page)["t"]
    page.wait_for_timeout(1800)
    assert values(page)["t"] == t == page.evaluate("window.explorerModel.get('t')")
    # hand-back: the page's settings and t, in Python
    _radio(page, "examples", "a batch of 5").check()
    _radio(page, "network", "[3, 5, 4, 1]").check()
    for _ in range(8):
        _button(page, "step").click()
    state = page.evaluate("['r', 'activation', 'n', 't'].map((k) => window.explorerModel.get(k))")
    e = bp.BackpropExplorer(**dict(zip(["r", "activation", "n", "t"], state)))
    shown = values(page)["steps"][values(page)["t"]]
    assert e.t == t + 8 and (e.step()["kind"], e.step()["k"]) == (shown["kind"], shown["k"])
    equal_values(shown["value"], e.step()["value"])
    grad_W, grad_b = e.gradients()
    for s in values(page)["steps"]:
        if s["kind"] in ("dW", "db"):
            equal_values(s["value"], (grad_W if s["kind"] == "dW" else grad_b)[s["k"]])
    page.evaluate("window.explorerModel.set('t', 16)")  # t set from Python: the page goes there
    assert values(page)["t"] == 16 and "Step 16 of 18" in page.locator("#explorer .mlp-readout").inner_text()


def test_each_step_highlights_its_terms_and_says_its_shapes_both_ways(page):
    _radio(page, "examples", "a batch of 5").check()
    _radio(page, "examples as", "columns (the notes)").check()
    page.locator("#explorer").get_by_label("step t", exact=True).fill("6")  # (BP2) for k = 2
    v = values(page)
    assert v["steps"][6]["kind"] == "dW" and v["steps"][6]["k"] == 2
    equation = page.locator("#explorer .mlp-bp-equation").inner_text()
    assert equation.startswith("(BP2)") and "∂J/∂W[2] = δ[2] A[1]⊤" in equation.replace("\n", "")
    shapes = page.locator("#explorer table.mlp-bp-shapes")
    rows = [r.split("\t") for r in shapes.locator("tbody tr").all_inner_texts()]
    assert rows[0][0] == "equation" and rows[0][2].replace("\n", "") == "∂J/∂W[2] = δ[2] A[1]⊤"
    assert rows[0][1].replace("\n", "") == "∂J/∂W[2] = δ[2]⊤ A[1]"
    assert rows[1:] == [["∂J/∂W[2]", "(1, 4)", "1 × 4"], ["δ[2]", "(5, 1)", "1 × 5"], ["A[1]", "(5, 4)", "4 × 5"]]
    # the matrices shown are the notes' columns: the transposes of mlp_lib's rows
    dz2 = net_of(2, "tanh").backprop(X, Y).dz[2]
    shown = page.locator("#explorer .mlp-bp-term").nth(1)
    cells = [[float(c) for c in row.split("\t")] for row in shown.locator("tr").all_inner_texts()]
    np.testing.assert_allclose(cells, dz2.T, rtol=5e-3)  # 3 or 4 significant digits
    # the diagram: the result's edges and the terms' node lines in their colours
    colours = page.evaluate("""() => {
      const e = document.querySelector('#explorer svg');
      return { edges: [...new Set(Array.from(e.querySelectorAll('.mlp-bp-edge line:first-child'))
                 .filter(l => l.closest('[data-param^="W[2]"]')).map(l => l.getAttribute('stroke')))],
               others: [...new Set(Array.from(e.querySelectorAll('.mlp-bp-edge line:first-child'))
                 .filter(l => !l.closest('[data-param^="W[2]"]') && !l.closest('[data-param="W[1][1,1]"]'))
                 .map(l => l.getAttribute('stroke')))],
               terms: Array.from(e.querySelectorAll('.mlp-bp-node text tspan[font-weight="700"]')).map(t => t.textContent) }; }""")
    assert colours["edges"] == ["#c23b00"] and "#c23b00" not in colours["others"] and "#0a66a8" not in colours["others"]
    assert colours["terms"].count("δ") == 1 and colours["terms"].count("a") == 4  # δ of the output, a of layer 1


def test_a_relu_unit_that_passes_nothing_is_said_in_words(page):
    _radio(page, "activation σ", "ReLU").check()
    _radio(page, "network", "[3, 5, 4, 1]").check()
    net = net_of(3, "relu")
    steps = bp.backprop_steps(net, X[:1], Y[:1])
    t = next(i for i, s in enumerate(steps) if s["kind"] == "dz" and s["k"] == 2)
    page.evaluate(f"window.explorerModel.set('t', {t})")
    off = [j + 1 for j, z in enumerate(net.backprop(X[:1], Y[:1]).z[2][0]) if z <= 0]
    assert off  # this example has units of layer 2 at 0
    units = f"unit {off[0]}" if len(off) == 1 else f"units {', '.join(map(str, off))}"
    assert page.locator("#explorer .mlp-message").inner_text().startswith(f"ReLU′ = 0 for {units} of layer 2")
    _button(page, "step").click()
    assert page.locator("#explorer .mlp-message").inner_text() == ""


def test_the_table_view_lists_every_number_so_far(page):
    _radio(page, "view", "table").check()
    _button(page, "to the end").click()
    table = page.locator("#explorer table.mlp-bp-table")
    assert page.locator("#explorer .mlp-panel svg").first.is_hidden() and table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == 5 + 13  # y, W[1], b[1], W[2], b[2], then steps 0..12
    net = net_of(2, "tanh")
    steps = bp.backprop_steps(net, X[:1], Y[:1])
    for t, step in enumerate(steps):
        cells = rows.nth(5 + t).locator("td").all_inner_texts()
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", cells[2])]
        np.testing.assert_allclose(numbers, np.ravel(step["value"]), rtol=1e-5, atol=1e-12)
    assert rows.nth(5 + 12).get_attribute("aria-current") == "step"
    w1 = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", rows.nth(1).locator("td").nth(2).inner_text())]
    np.testing.assert_allclose(w1, net.W[1].ravel(), rtol=1e-5)


def test_200_random_changes_leave_no_nan_and_no_error(page):
    rng = random.Random(0)
    sliders = ["step t", "example i on the diagram"]
    for _ in range(200):
        what = rng.random()
        if what < 0.35:
            group = rng.choice(list(RADIOS))
            radio = _radio(page, group, rng.choice(RADIOS[group]))
            page.locator(f"#explorer label[for='{radio.get_attribute('id')}']").click()
        elif what < 0.6:
            control = page.locator("#explorer").get_by_label(rng.choice(sliders), exact=True)
            if control.is_enabled():
                control.focus()
                control.press(rng.choice(["ArrowRight", "ArrowLeft", "End", "Home", "PageUp"]))
        elif what < 0.85:
            _button(page, rng.choice(["step back", "play", "pause", "step", "to the end", "reset"])).click()
        elif what < 0.93:
            page.locator("#explorer").get_by_label("parameter to check", exact=True).focus()
            page.keyboard.press(rng.choice(["ArrowDown", "ArrowUp", "End"]))
        else:
            hits = page.locator("#explorer .mlp-bp-hit")
            if hits.count():
                hit = hits.nth(rng.randrange(hits.count()))
                hit.dispatch_event("click")
    assert no_nan(page) == []
    assert page.problems == []
    _button(page, "pause").click()
    check_values_are_mlp_libs(page)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 700, "height": 900}], ids=["phone", "site-column"])
@pytest.mark.parametrize("view", ["diagram", "table"])
def test_the_explorer_fits_and_its_text_is_legible(chromium, explorer_server, viewport, view):
    page = open_explorer(chromium, explorer_server, bp.backprop_explorer(r=3, n=5, t=18, view=view), "backprop", viewport)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert small_text(page) == []
    if view == "diagram":
        label = page.locator("#explorer .mlp-panel svg").first.get_attribute("aria-label")
        assert "[3, 5, 4, 1]" in label and "step 18 of 18" in label
        boxes = page.evaluate("""() => Array.from(document.querySelectorAll('#explorer .mlp-bp-node rect:first-child'))
            .map(r => r.getBoundingClientRect()).map(b => [b.left, b.right])""")
        assert min(b[0] for b in boxes) >= 0 and max(b[1] for b in boxes) <= viewport["width"]
    assert page.problems == []
    page.context.close()


# ------------------------------------------------------------------ links to a view (ui/state.js)
LINK_CASES = [("r", 3), ("r", 4), ("activation", "relu"), ("activation", "elu"), ("n", 5), ("n", 2),
              ("examples_as", "columns"), ("view", "graph"), ("example", 5), ("example", 6), ("param", "W[2][1,4]"),
              ("param", "W[3][1,1]"), ("t", 12), ("t", 13)]


def test_a_links_verdicts_are_the_traitlets():
    page = link_verdicts(EXPLORER_JS, bp.backprop_explorer(), ["linkFields"], LINK_CASES)
    assert page == traitlet_verdicts(bp.backprop_explorer, LINK_CASES)
    assert page.count("ok") == 7  # the good values pass, every bad one is refused


def test_a_links_step_and_parameter_are_checked_against_its_depth():
    out = run_js("""const page = await import(inputs.url);
    const model = { get: (n) => inputs.state[n] };
    const fields = page.linkFields(model, null);
    const read = (pairs) => { const l = readLink(new Map([["v", "1"], ...pairs]), { version: 1, fields, hideable: [] });
                              return l.problems || Object.fromEntries(l.values); };
    const { readLink } = await import(inputs.state_js);
    return [read([["t", "17"], ["param", "W[3][1,4]"], ["r", "3"]]), read([["t", "17"]])];""",
                 url=EXPLORER_JS, state=widget_state(bp.backprop_explorer()), state_js=STATE_JS)
    assert out[0] == {"r": 3, "param": "W[3][1,4]", "t": 17} and bp.last_step(2) < 17 <= bp.last_step(3)
    assert out[1] == ["the step t must be an integer from 0 to 12, got 17"]  # the model's r = 2


def _linked(chromium, explorer_server, hash_=""):
    return open_explorer(chromium, explorer_server, bp.backprop_explorer(), "backprop", hash=hash_, site=True)


def test_a_view_round_trips_through_the_address(chromium, explorer_server):
    page = _linked(chromium, explorer_server)
    try:
        for name, value in [("r", 3), ("activation", "relu"), ("n", 5), ("examples_as", "columns"),
                            ("view", "table"), ("example", 3), ("param", "W[2][1,4]")]:
            page.evaluate("([n, v]) => { window.explorerModel.set(n, v); }", [name, value])
        for _ in range(7):
            click(page, "step")
        before = check_values_are_mlp_libs(page)
        hash_ = fragment(page)
        assert ("backprop.r=3&backprop.activation=relu&backprop.n=5&backprop.examples_as=columns&backprop.view=table"
                "&backprop.example=3&backprop.param=W[2][1,4]&backprop.t=7") in hash_
    finally:
        page.context.close()
    page = _linked(chromium, explorer_server, hash_)
    try:
        after = check_values_are_mlp_libs(page)
        assert after == {**before, "playing": False} and after["t"] == 7
        assert page.evaluate("window.explorerModel.get('t')") == 7
        assert page.locator(".mlp-notice").inner_text() == "" and page.problems == []
    finally:
        page.context.close()


def test_hidden_controls_are_gone_and_out_of_the_tab_order(chromium, explorer_server):
    page = _linked(chromium, explorer_server, "#backprop.v=1&backprop.hide=r,examples_as,end")
    try:
        for hidden in ("[data-setting='r']", "[data-setting='examples_as']", "button[data-action='end']"):
            assert page.locator(f"#explorer {hidden}").is_hidden()
        reached = reachable_by_tab(page, presses=40)
        assert {"r", "examples_as", "end"}.isdisjoint(reached) and {"activation", "step", "t"} <= reached
        assert page.problems == []
    finally:
        page.context.close()


@pytest.mark.parametrize("hash_, words", [
    ("#backprop.v=1&backprop.t=13", "the step t must be an integer from 0 to 12, got 13"),
    ("#backprop.v=1&backprop.param=W[3][1,1]", "param must name a parameter of the network [3, 4, 1]"),
    ("#backprop.v=1&backprop.view=graph", "the view must be one of 'diagram', 'table', got 'graph'"),
])
def test_a_bad_link_is_said_in_words_and_the_defaults_stay(chromium, explorer_server, hash_, words):
    page = _linked(chromium, explorer_server, hash_)
    try:
        assert words in page.locator(".mlp-notice").inner_text()
        v = values(page)
        assert {k: v[k] for k in ("r", "t", "param", "view")} == {k: bp.SETTINGS[k]["default"] for k in
                                                                ("r", "t", "param", "view")}
        assert page.problems == []
    finally:
        page.context.close()
