"""An explorer's front end alone in chromium, with no kernel and no network: for the tests.

``open_explorer(browser, widget)`` writes a page that imports the explorer's bundled ES
module (``mlp_lib/widgets/static/<name>.js``) and renders it with the widget's current
state, through a model object that behaves as anywidget's does (``get``, ``set`` firing
``change:<name>`` at once, ``save_changes``, ``on``, ``off``). It serves the page on
127.0.0.1, aborts (and records) every request that would leave it, and records console
errors and uncaught exceptions. The built site is checked in ``test_site_browser.py``;
this page lets the tests drive every control of one explorer quickly.

The Playwright page it returns carries ``.problems`` (a list of strings: console errors,
uncaught exceptions, blocked requests) and ``.root`` (a locator of the explorer).
"""
import functools
import json
import shutil
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>explorer</title><style>body {{ margin: 16px; font-family: sans-serif; }}</style></head>
<body><main><div id="explorer"></div></main>
<script type="module">
const state = {state};
const listeners = new Map();
const model = {{
  get: (name) => state[name],
  set: (name, value) => {{
    state[name] = value;
    for (const cb of listeners.get("change:" + name) || []) cb();
  }},
  save_changes: () => {{ window.savedChanges = (window.savedChanges || 0) + 1; }},
  on: (event, cb) => {{ if (!listeners.has(event)) listeners.set(event, []); listeners.get(event).push(cb); }},
  off: (event, cb) => {{ const l = listeners.get(event) || []; const i = l.indexOf(cb); if (i >= 0) l.splice(i, 1); }},
  send: () => {{}},
}};
window.explorerModel = model;
const module = await import("./{bundle}");
const widget = typeof module.default === "function" ? await module.default() : module.default;
window.explorerCleanup = await widget.render({{ model, el: document.getElementById("explorer") }});
window.explorerReady = true;
</script></body></html>
"""


def page_fixture(make, name):
    """A ``page`` fixture for one explorer's tests: ``make()``'s front end (``static/<name>.js``)
    opened at desktop and at phone size; a page that logged a problem (a console error, an
    uncaught exception, a request leaving it) fails the test. In a test module:
    ``page = page_fixture(depth.depth_explorer, "depth")``."""
    @pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
    def page(request, chromium, explorer_server):
        p = open_explorer(chromium, explorer_server, make(), name, request.param)
        yield p
        assert p.problems == []
        p.context.close()

    return page


def widget_state(widget):
    """The traitlets the page gets (what the saved notebook holds), without the module itself."""
    state = widget.get_state()
    return {k: v for k, v in state.items() if not k.startswith("_")}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def chromium():
    """One headless chromium for the session (skips, or fails in CI, when it is missing)."""
    from test_site_browser import launch_chromium, skip_or_fail

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright (python) is not installed")
    # One Playwright for the whole session: a second sync_playwright() started while the first
    # runs fails ("using Playwright Sync API inside the asyncio loop"), so every browser test
    # (the explorers alone and the built site) shares this chromium.
    playwright = sync_playwright().start()
    try:
        browser = launch_chromium(playwright)
    except Exception as exc:  # none found, or one too old or broken for this Playwright
        playwright.stop()
        skip_or_fail(f"chromium did not start under Playwright: {exc}")
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def explorer_server():
    """A loopback server over a temporary folder; yields (folder, base URL)."""
    folder = Path(tempfile.mkdtemp(prefix="explorer-page-"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    shutil.rmtree(folder, ignore_errors=True)


def open_explorer(browser, server, widget, name, viewport=DESKTOP, *, hash="", site=False):
    """A Playwright page showing `widget`'s front end (``static/<name>.js``) with its state.

    With `site`, the page behaves as the book's site does for links (``mlpBookSite``: the
    explorer keeps its view in the address, ui/state.js); `hash` is the address's fragment
    (e.g. ``"#depth.v=1&depth.r=3"``) it opens with.
    Returns the page, with ``.problems`` and ``.root`` set; close it with ``page.context.close()``.
    """
    folder, base = server
    bundle = ROOT / "mlp_lib" / "widgets" / "static" / f"{name}.js"
    shutil.copyfile(bundle, folder / bundle.name)
    html = PAGE.format(state=json.dumps(widget_state(widget)), bundle=bundle.name)
    (folder / f"{name}.html").write_text(html)
    context = browser.new_context(viewport=viewport, service_workers="block")
    problems = []

    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            problems.append(f"request left the page and was blocked: {r.request.url}")
            r.abort()

    context.route("**/*", route)
    if site:
        context.add_init_script("window.mlpBookSite = true;")
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"uncaught exception: {e}"))
    page.goto(f"{base}{name}.html{hash}", wait_until="load")
    page.wait_for_function("window.explorerReady === true", timeout=30_000)
    page.problems = problems
    page.root = page.locator("#explorer .mlp-explorer")
    return page


def svg_text(page):
    """Everything the explorer's SVG panels draw, as one string (paths, positions, texts): a
    control "changes the drawing" when this changes."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('#explorer svg'))
        .map(s => s.outerHTML).join('\\n')""")


def no_nan(page):
    """The places where NaN or Infinity reached the SVG (attributes or text), at most 5."""
    return page.evaluate("""() => {
      const bad = [];
      for (const el of document.querySelectorAll('#explorer svg, #explorer svg *')) {
        for (const a of el.attributes) if (/NaN|Infinity/.test(a.value)) bad.push(el.tagName + '@' + a.name + '=' + a.value.slice(0, 60));
        if (el.childNodes.length === 1 && el.firstChild.nodeType === 3 && /NaN|Infinity/.test(el.textContent)) bad.push(el.tagName + ': ' + el.textContent);
      }
      for (const el of document.querySelectorAll('#explorer .mlp-readout, #explorer .mlp-message, #explorer output'))
        if (/NaN|Infinity/.test(el.textContent)) bad.push(el.className + ': ' + el.textContent);
      return bad.slice(0, 5);
    }""")


def small_text(page, px=11):
    """The explorer's texts drawn smaller than `px` pixels: [tag, text, size] (none on a phone)."""
    return page.evaluate("""px => Array.from(document.querySelectorAll('#explorer *'))
      .filter(el => Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
      .map(el => [el.tagName, el.textContent.slice(0, 30), parseFloat(getComputedStyle(el).fontSize)])
      .filter(([, , size]) => size < px)""", px)


def page_number(v, digits=3):
    """A number as the explorers write it (``fmt`` of ui/figure.js: `digits` significant
    digits, JavaScript's shortest form, a true minus sign): to compare the page's words with
    numbers the tests compute themselves."""
    x = float(f"{v:.{digits}g}")
    text = np.format_float_positional(x, trim="-") if x == 0 or 1e-6 <= abs(x) < 1e21 else repr(x)
    return text.replace("-", "\u2212")


def not_redrawn_in_the_event(page, selector, values, event="input", index=0):
    """Set a control (the index-th match of the CSS selector) to each of `values` in turn, each
    different from the one before, and fire its event: the values after which the SVG had not
    changed when the event returned. [] means every change was redrawn at once, inside its own
    event, so before the next frame (how long that takes is measured by
    benchmarks/bench_explorers.py, not here)."""
    return page.evaluate("""([selector, values, event, index]) => {
      const control = document.querySelectorAll(selector)[index];
      const svg = () => Array.from(document.querySelectorAll('#explorer svg')).map((s) => s.outerHTML).join('');
      const stale = [];
      for (const v of values) {
        const before = svg();
        control.value = String(v);
        control.dispatchEvent(new Event(event, { bubbles: true }));
        if (svg() === before) stale.push(v);
      }
      return stale; }""", [selector, values, event, index])


def choose_by_keyboard(select, value):
    """Pick `value` in a native <select> as a keyboard user does: focus it, then arrow keys (each
    fires the menu's change). A pointer cannot pick an option here: the popup is not in the page."""
    values = select.evaluate("s => Array.from(s.options).map(o => o.value)")
    select.focus()
    for _ in range(len(values)):
        current = select.input_value()
        if current == value:
            break
        select.press("ArrowDown" if values.index(value) > values.index(current) else "ArrowUp")
    assert select.input_value() == value, (value, values)


def slider_changes_drawing(page, control, check=lambda: None):
    """Move a slider by keyboard (ArrowRight, ArrowLeft, End, Home) and by a click on its track
    (at 62% of its width): each must change the drawing (`svg_text`); `check()` runs after each."""
    for key in ["ArrowRight", "ArrowLeft", "End", "Home", "pointer"]:
        before = svg_text(page)
        if key == "pointer":
            box = control.bounding_box()
            page.mouse.click(box["x"] + box["width"] * 0.62, box["y"] + box["height"] / 2)
        else:
            control.focus()
            control.press(key)
        assert svg_text(page) != before, key
        check()


def play_then_pause_at_the_first_step(page, step="t"):
    """Press play, then pause at the first animation frame that trained, inside the page (a
    click from the test can come after a whole run on a busy machine); returns the step t.
    `step`: where data-values holds the step ("t", or "fit.t": null before the first step)."""
    return page.evaluate("""async (path) => {
      const root = document.querySelector('#explorer .mlp-explorer');
      const button = (name) => Array.from(root.querySelectorAll('button')).find((b) => b.textContent === name);
      const t = () => path.split('.').reduce((v, key) => v?.[key], JSON.parse(root.dataset.values));
      button('play').click();
      while (!t()) await new Promise((r) => requestAnimationFrame(r));
      button('pause').click();
      return t(); }""", step)


def traitlet_words(widget, name, value):
    """What `widget`'s traitlet `name` says when set to `value` (its TraitError's words without
    the final stop, as a link's notice quotes them), or None if it takes the value."""
    import traitlets
    try:
        setattr(widget, name, value)
        return None
    except traitlets.TraitError as error:
        return str(error).rstrip(".")


def focusable_controls(page):
    """The names (data-setting, data-action) of the explorer's controls that Tab can reach."""
    return page.evaluate("""Array.from(document.querySelectorAll('#explorer :is(input, select, button)'))
        .filter((e) => !e.closest('[inert]') && !e.closest('[hidden]'))
        .map((e) => e.closest('[data-setting]')?.dataset.setting || e.dataset.action)""")


def model_data(page):
    """The explorer's data as its model holds them: [x, y] (the reader's points, ui/points.js)."""
    return page.evaluate("[window.explorerModel.get('x'), window.explorerModel.get('y')]")


def plot_point(page, x, y):
    """The page coordinates of the drawn data point whose x is `x` (y is for the reader)."""
    return page.evaluate("""(x) => { const c = Array.from(document.querySelectorAll('#explorer svg circle'))
        .find((c) => c.__data__ === x); const b = c.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; }""",
                         x)
