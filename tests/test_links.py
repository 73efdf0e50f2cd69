"""A link to any explorer view (mlp_lib/widgets/js/src/ui/state.js).

Under node: the rules a link's values are checked by are the Python traitlets' (inRange and
oneOf give the verdicts and the words of in_range and one_of), numbers are written as Python's
format(v, "g") writes them, and fragments read back what was written.
In chromium, on the depth explorer (the pattern every explorer follows): a view round-trips
through the address (settings, step, kept runs), hidden controls are gone from view and from
the tab order, and a bad link is said in words while the explorer keeps its defaults.
Each explorer's own tests do the same for it, with ``link_verdicts`` / ``traitlet_verdicts``
below. On the built site: the instructors' worked example of book/intro.md opens its view.
"""
import json
import re
from urllib.parse import unquote

import pytest
import traitlets

from explorer_page import DESKTOP, ROOT, open_explorer, widget_state
from mlp_lib.widgets import depth
from mlp_lib.widgets._explorer import in_range, one_of
from node_core import run_js
from test_player import PLAYER_JS
from test_site_browser import TIMEOUT_MS, browser, offline_page, prerequisites, show_widgets, site_url  # noqa: F401

STATE_JS = PLAYER_JS.replace("player.js", "state.js")


def state_js(code, **inputs):
    return run_js(f"const s = await import(inputs.url);\n{code}", url=STATE_JS, **inputs)


NUMBERS = [0.0, 1.0, -2.5, 0.1, 1 / 3, 2 / 3 * 1e-5, 123456.0, 1234567.0, 3.16227766, 1e-4, 9.99999e-5,
           -0.000123456789, 10 ** 0.5, 1e21, 5e-324, 0.30000000000000004]


def test_numbers_are_written_as_python_writes_them():
    out = state_js("return [inputs.xs.map(s.g), inputs.xs.map(s.repr)];", xs=NUMBERS)
    assert out[0] == [format(v, "g") for v in NUMBERS]
    assert out[1] == [repr(int(v)) if v.is_integer() and abs(v) < 1e16 else repr(v) for v in NUMBERS]


def python_verdict(value, *args, **kwargs):
    try:
        in_range({"value": value}, *args, **kwargs)
        return "ok"
    except traitlets.TraitError as error:
        return str(error)


@pytest.mark.parametrize("low, high, integer, above", [(0.01, 10 ** 0.5, False, False), (2, 6, True, False),
                                                       (0, 1, False, True)])
def test_in_range_gives_the_python_verdict_and_words(low, high, integer, above):
    values = [low, high, (low + high) / 2, low - 1, high + 1, 0, 3, 2.5, -1e300, 1e300]
    if integer:
        values = [v for v in values if float(v).is_integer()] + [2.5]
    js = state_js("""return inputs.values.map((v) => { try { s.inRange(v, 'the setting x', inputs.low, inputs.high,
        { integer: inputs.integer, above: inputs.above }); return 'ok'; } catch (e) { return e.message; } });""",
                  values=values, low=low, high=high, integer=integer, above=above)
    # a whole number in a link reads as Python's int (JS cannot tell 3 from 3.0)
    py = [python_verdict(int(v) if float(v).is_integer() and abs(v) < 1e16 else v, "the setting x", low, high,
                         integer=integer, above=above) for v in values]
    assert js == py


def test_one_of_gives_the_python_verdict_and_words():
    cases = [("relu", ["relu", "tanh"]), ("sigm", ["relu", "tanh"]), (4, [1, 2, 4]), (3, [1, 2, 4])]
    js = state_js("""return inputs.cases.map(([v, c]) => { try { s.oneOf(v, 'the activation', c); return 'ok'; }
        catch (e) { return e.message; } });""", cases=cases)
    py = []
    for v, c in cases:
        try:
            one_of({"value": v}, "the activation", c)
            py.append("ok")
        except traitlets.TraitError as error:
            py.append(str(error))
    assert js == py


def test_a_number_is_written_so_that_it_reads_back_the_same():
    xs = [0.3, 10 ** -1.5, 1 / 3, 0.03162, 1e-05, 2.0]
    out = state_js("return inputs.xs.map((v) => [s.exactly(v), Number(s.exactly(v))]);", xs=xs)
    assert [back for _, back in out] == xs
    assert [text for text, _ in out][:2] == ["0.3", "0.03162277660168379"]  # "g" where it reads back


def test_a_fields_range_reads_the_links_values_before_it_whatever_the_keys_order():
    out = state_js("""
    const model = { get: (n) => ({ r: 2 })[n] };
    const fields = [s.numberSetting(model, "r", "the depth r", () => [2, 3], { integer: true }),
                    s.numberSetting(model, "t", "the step t", (v) => [0, 4 * s.valueOf(model, v, "r")], { integer: true })];
    const read = (pairs) => { const l = s.readLink(new Map([["v", "1"], ...pairs]), { version: 1, fields, hideable: [] });
                              return l.problems || [...l.values]; };
    return [read([["t", "12"], ["r", "3"]]), read([["t", "12"]])];""")
    assert out[0] == [["r", 3], ["t", 12]]  # t is read after r, which allows it
    assert out[1] == ["the step t must be an integer from 0 to 8, got 12"]  # the model's r = 2


def test_a_kept_runs_label_says_what_differs_and_labels_are_kept_apart():
    out = run_js("""const k = await import(inputs.url);
    const words = { lr: (v) => `α = ${v}`, B: (v, s) => (s.alg === "gd" ? null : `B = ${v}`), alg: (v) => v };
    const now = { alg: "gd", lr: 0.3, B: 8 };
    return { labels: [k.keptLabel({ alg: "gd", lr: 0.1, B: 5 }, now, words), k.keptLabel(now, now, words),
                      k.keptLabel({ alg: "gd", lr: 0.3, B: 5 }, now, words)],
             apart: k.spreadLabels([50, 52, 51, 300], 20, 200, 13), bottom: k.spreadLabels([199, 198], 20, 200, 13) };
    """, url=PLAYER_JS.replace("player.js", "kept.js"))
    # B is not said for GD, which does not use it; a run kept with today's settings says them all
    assert out["labels"] == ["α = 0.1", "gd, α = 0.3", "the same settings"]
    assert out["apart"] == [50, 76, 63, 200] and out["bottom"] == [200, 187]  # 13 px apart, within 20..200


def link_text(value):
    """A value as a link writes it: numbers as Python writes them, a list comma-separated."""
    return ",".join(map(link_text, value)) if isinstance(value, (list, tuple)) else str(value)


def link_verdicts(explorer_js, widget, fields_of, cases):
    """What an explorer's link fields (the page's functions `fields_of`, called with a model
    holding `widget`'s state) say of each (name, value) of `cases`: "ok" or their words."""
    return run_js("""const page = await import(inputs.url);
    const model = { get: (n) => inputs.state[n], set() {}, save_changes() {}, on() {}, off() {} };
    const fields = new Map(inputs.fieldsOf.flatMap((f) => page[f](model, null, null)).map((f) => [f.name, f]));
    return inputs.cases.map(([name, text]) => { try { fields.get(name).parse(text, new Map()); return 'ok'; }
      catch (e) { return e.message; } });""", url=explorer_js, state=widget_state(widget), fieldsOf=fields_of,
                  cases=[(name, link_text(value)) for name, value in cases])


def traitlet_verdicts(make, cases):
    """What the Python traitlets say of the same (name, value): "ok" or the TraitError's words
    (a fresh explorer from `make()` for each)."""
    out = []
    for name, value in cases:
        try:
            setattr(make(), name, value)
            out.append("ok")
        except traitlets.TraitError as error:
            out.append(str(error))
    return out


def test_fragments_read_back_what_was_written_and_keep_other_explorers_parts():
    out = state_js("""
    const parts = new Map([["depth.v", "1"], ["depth.lr", "0.3"], ["neuron.keep", "w:0.5;t:3|w:1;t:9"],
                           ["x.odd", "a&b=c #d%"]]);
    const text = s.writeFragment(parts);
    const back = s.readFragment("#" + text);
    const anchored = s.readFragment("#eq-2-1");
    return { text, back: [...back.parts], anchor: anchored.anchor, own: [...s.ownParts(back.parts, "depth")] };
    """)
    assert out["back"] == [["depth.v", "1"], ["depth.lr", "0.3"], ["neuron.keep", "w:0.5;t:3|w:1;t:9"],
                           ["x.odd", "a&b=c #d%"]]
    assert "neuron.keep=w:0.5;t:3|w:1;t:9" in out["text"]  # readable: , : ; | stay as they are
    assert out["anchor"] == "eq-2-1"
    assert out["own"] == [["v", "1"], ["lr", "0.3"]]


# ------------------------------------------------------------------ in the page: depth
def depth_page(chromium, explorer_server, hash="", viewport=DESKTOP):
    return open_explorer(chromium, explorer_server, depth.depth_explorer(), "depth", viewport, hash=hash, site=True)


def values(page):
    return page.evaluate("JSON.parse(document.querySelector('#explorer .mlp-explorer').dataset.values)")


def click(page, action):
    page.locator(f"#explorer button[data-action='{action}']").click()


def set_slider(page, setting, value):
    page.locator(f"#explorer [data-setting='{setting}'] input").evaluate(
        "(c, v) => { c.value = String(v); c.dispatchEvent(new Event('input', { bubbles: true })); }", value)


def reachable_by_tab(page, presses=30):
    """The names (data-setting or data-action) of the explorer's controls Tab reaches from its first."""
    page.locator("#explorer input, #explorer select, #explorer button").first.focus()
    reached = set()
    for _ in range(presses):
        reached.add(page.evaluate("document.activeElement.closest('[data-setting], [data-action]')"
                                  "?.dataset.setting || document.activeElement.dataset.action || ''"))
        page.keyboard.press("Tab")
    return reached


def fragment(page):
    page.wait_for_timeout(400)  # the address is written once the controls rest (250 ms)
    return unquote(page.evaluate("location.hash"))


def test_a_view_round_trips_through_the_address(chromium, explorer_server):
    page = depth_page(chromium, explorer_server)
    try:
        set_slider(page, "r", 3)
        set_slider(page, "lr", -0.5)  # alpha = 10^-0.5, shown as 0.3162 (4 digits)
        for _ in range(4):
            click(page, "step")
        click(page, "keep")
        set_slider(page, "lr", -1.3)
        for _ in range(7):
            click(page, "step")
        before = values(page)
        hash_ = fragment(page)
        assert "depth.v=1" in hash_ and "depth.r=3" in hash_ and "depth.t=7" in hash_
        assert "depth.keep=r:3;m:16;lr:0.3162;t:4" in hash_
        assert before["kept"][0]["label"] == "α = 0.316"
        assert page.problems == []
    finally:
        page.context.close()
    page = depth_page(chromium, explorer_server, hash_)
    try:
        after = values(page)
        for key in ("r", "m", "lr", "t", "J", "history", "kept"):
            assert after[key] == before[key], key
        assert page.evaluate("window.explorerModel.get('t')") == 7
        assert page.locator("#explorer .mlp-notice").inner_text() == ""
        assert page.problems == []
    finally:
        page.context.close()


def test_hidden_controls_are_gone_from_view_and_from_the_tab_order(chromium, explorer_server):
    page = depth_page(chromium, explorer_server, "#depth.v=1&depth.hide=lr,play,keep")
    try:
        assert page.locator("#explorer [data-setting='lr']").is_hidden()
        assert page.locator("#explorer button[data-action='play']").is_hidden()
        assert page.locator("#explorer [data-setting='r']").is_visible()
        focused = []
        page.locator("#explorer input").first.focus()
        for _ in range(12):
            focused.append(page.evaluate("document.activeElement.closest('[data-setting], [data-action]')"
                                         "?.dataset.setting || document.activeElement.dataset.action || ''"))
            page.keyboard.press("Tab")
        assert "lr" not in focused and "play" not in focused and "keep" not in focused
        assert "r" in focused and "step" in focused
        set_slider(page, "r", 4)
        assert "depth.hide=lr,play,keep" in fragment(page)  # the link keeps what the instructor hid
        assert page.problems == []
    finally:
        page.context.close()


@pytest.mark.parametrize("hash_, words", [
    ("#depth.v=1&depth.lr=99", "the learning rate lr must be a number from 0.01 to 3.16228, got 99"),
    ("#depth.v=1&depth.width=8", "'width' is not a setting of this explorer"),
    ("#depth.v=0&depth.r=3", "made for version 0 of this explorer, and this is version 1"),
    ("#depth.r=3", "no version"),
    ("#depth.v=1&depth.m=5", "the width m must be one of 1, 2, 4, 8, 16, 32, got 5"),
    ("#depth.v=1&depth.t=9999", "t must be an integer from 0 to 500, got 9999"),
    ("#depth.v=1&depth.keep=r:3;lr:0.1;t:2", "kept run 1 has no m"),
    ("#depth.v=1&depth.hide=everything", "hide names 'everything', which this explorer does not have"),
])
def test_a_bad_link_is_said_in_words_and_the_defaults_stay(chromium, explorer_server, hash_, words):
    defaults = depth.depth_explorer()
    page = depth_page(chromium, explorer_server, hash_)
    try:
        assert words in page.locator("#explorer .mlp-notice").inner_text()
        v = values(page)
        assert (v["r"], v["m"], v["lr"], v["t"]) == (defaults.r, defaults.m, defaults.lr, 0)
        assert page.problems == []
    finally:
        page.context.close()


# ------------------------------------------------------------------ on the built site
def test_the_instructors_example_link_followed_on_the_built_site_opens_with_those_controls_hidden(
        browser, site_url):  # noqa: F811
    """book/intro.md's worked example (the address it prints, and the link beside it), clicked on
    the built intro page with the network blocked: chapter 2's neuron opens at the link's w and
    b, with the link's controls hidden and the others there, and nothing said against the link."""
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    href = re.search(r'<a class="mlp-example-link" href="([^"]+)"', intro).group(1)
    assert f"\n{href}\n" in intro  # the address the text shows is the one the link follows
    own = dict(kv.split("=", 1) for kv in href.split("#", 1)[1].split("&"))
    hidden = own["neuron.hide"].split(",")
    page = offline_page(browser, site_url, DESKTOP)
    try:
        page.goto(site_url + "book/intro.html", wait_until="load")
        page.locator("a.mlp-example-link").click()
        page.wait_for_url("**/02_single_neuron.html#neuron.*")
        show_widgets(page, TIMEOUT_MS)
        neuron = page.locator(".mlp-explorer", has=page.locator("[data-setting='w']"))
        neuron.locator("[data-setting='b']").wait_for()
        v = json.loads(neuron.get_attribute("data-values"))
        assert (v["w"], v["b"]) == (float(own["neuron.w"]), float(own["neuron.b"]))
        assert neuron.locator(".mlp-notice").inner_text() == ""
        for name in hidden:
            assert neuron.locator(f"[data-setting='{name}']").is_hidden(), name
        for name in ("w", "b"):
            assert neuron.locator(f"[data-setting='{name}']").is_visible(), name
        assert neuron.locator("button[data-action='play']").is_visible()
        assert page.problems == [] and page.left == []
    finally:
        page.context.close()
