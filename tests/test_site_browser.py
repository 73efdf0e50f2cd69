"""The built site, in a real browser: what a reader sees on every page.

Playwright drives Debian's chromium over a loopback HTTP server serving ``_build/html``.
The site serves everything a page needs itself (its maths is typeset when the site is built,
its explorers run on the book's anywidget host): every request that leaves 127.0.0.1 is
aborted, and is a failure.

Per page: no console error and no uncaught exception; no request to another host; no
violation of the WCAG 2.1 A and AA rules of axe-core (from tests/browser's npm copy); every
image with an alt text that is not missing, empty or a file name; no failed local request;
every math block typeset (an SVG, with the same maths as MathML for screen readers, and no
TeX error); every saved widget rendered; every image loaded (the lazy ones once scrolled to);
every internal link pointing at an existing file and anchor. A full-page screenshot of each
page is saved in ``_build/screenshots/<page>.png``.

Needs a built site (the README's first command), ``/usr/bin/chromium`` and
``npm ci --prefix tests/browser`` (axe-core). Without them the tests skip and say why; in CI
(the environment variable CI is set) they fail instead.
Environment overrides: BOOK_SITE_DIR (default _build/html), CHROMIUM (a browser to use; by
default Playwright's own chromium when `python -m playwright install chromium` has put it there,
else the system's chromium, chromium-browser or google-chrome).
"""
import functools
import html.parser
import os
import re
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from chromium import chromium_path  # noqa: E402  (the one place that finds the browser)

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("BOOK_SITE_DIR", ROOT / "_build" / "html")).resolve()
SCREENSHOTS = SITE.parent / "screenshots"
NODE_MODULES = ROOT / "tests" / "browser" / "node_modules"
HOW_TO_GET_A_BROWSER = ("no browser for the browser checks: run `.venv/bin/python -m playwright install "
                        "chromium` (Linux, macOS, Windows), or on Debian/Ubuntu `apt-get install chromium`, "
                        "or set CHROMIUM to a Chromium or Chrome executable")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
# Errors raised by upstream code that the book cannot change from _config.yml, matched exactly,
# tolerated and reported on every page where they occur. Remove an entry once it is fixed.
KNOWN_UPSTREAM_ERRORS = {
    # (none at present: the repeated sphinx-thebe script of Sphinx 7.4 is removed by
    # book/_ext/companion.py)
}
# axe-core rules (WCAG 2.1 A and AA) whose violations come from upstream code that the book
# cannot change from its side, as {(rule id, CSS target): upstream issue URL}, reported on every
# run. The goal is an empty dict: fix from the book's side (template override, CSS, script) first.
KNOWN_AXE_VIOLATIONS = {}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_JS = """async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags } }))
  .violations.flatMap(v => v.nodes.map(n => ({ id: v.id, help: v.help, target: n.target.join(' '),
                                               html: n.html.slice(0, 160) })))"""
TIMEOUT_MS = 60_000  # these machines are shared and slow; a page normally settles in 1-3 s
SETTLE_MS = 30_000  # the longest we wait for MathJax, the widgets and the images of one page
REFRESH = re.compile(r'<meta http-equiv="Refresh" content="0; url=([^"]+)"', re.I)


def in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_or_fail(reason):
    """Skip with the reason locally; in CI a missing prerequisite is a failure."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def toc_pages():
    """(id, path in the site) of every page in _toc.yml, in book order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    return [(Path(f).name, f"{f}.html") for f in files]


def other_pages():
    """The generated pages that are not in the toc (index, search, module source, ...)."""
    if not SITE.is_dir():
        return []
    listed = {path for _, path in toc_pages()}
    found = []
    for p in sorted(SITE.rglob("*.html")):
        rel = p.relative_to(SITE).as_posix()
        if rel in listed or rel.startswith(("_static/", "_sources/", "_images/")):
            continue
        found.append((rel[:-len(".html")].replace("/", "_"), rel))
    return found


PAGES = toc_pages() + other_pages()


# Fixtures: prerequisites, a loopback server, one browser for the session.

@pytest.fixture(scope="session")
def prerequisites():
    if not (SITE / "index.html").is_file():
        skip_or_fail(f"no built site at {SITE}: build it first with "
                     "`.venv/bin/jupyter-book build . -W -n --keep-going`")
    if not NODE_MODULES.is_dir():
        skip_or_fail("no local copy of axe-core: run `npm ci --prefix tests/browser`")
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError:
        skip_or_fail("playwright (python) is not installed")


def launch_chromium(playwright):
    """A headless chromium for the checks; FileNotFoundError (saying how to get one) without."""
    path = chromium_path(playwright)
    if path is None or not os.access(path, os.X_OK):
        raise FileNotFoundError(HOW_TO_GET_A_BROWSER + (f" ({path} is not executable)" if path else ""))
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(prerequisites):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(SITE)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def browser(prerequisites, chromium):
    """The session's one chromium (tests/explorer_page.py: one Playwright for every test)."""
    return chromium


@pytest.fixture(scope="session")
def screenshots_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# Nothing from other hosts.

def offline_router(site_url, left=None):
    """A Playwright route handler for the built site with no network: requests to the site go
    through; any other request is aborted (and appended to `left`)."""
    def route(route):
        url = route.request.url
        if url.startswith(site_url) or url.startswith(("data:", "blob:")):
            route.continue_()
            return
        if left is not None:
            left.append(url)
        route.abort()

    return route


def offline_page(browser, site_url, viewport=None, init_script=None, **options):
    """A new page of the built site as a reader opens it with no network: its own context
    (`viewport`, default 1280 x 900; `options` for new_context, e.g. color_scheme), service
    workers blocked, requests that leave the site aborted and listed in ``page.left``, console
    errors and uncaught exceptions in ``page.problems``. `init_script` runs before the page's
    own. Close it with ``page.context.close()``."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, service_workers="block",
                                  **options)
    context.set_default_timeout(TIMEOUT_MS)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.left, page.problems = [], []
    context.route("**/*", offline_router(site_url, page.left))
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"uncaught exception: {e}"))
    return page


# Static anchors of the other pages, for the link check.

class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


@functools.lru_cache(maxsize=None)
def static_ids(path):
    parser = _Ids()
    parser.feed(Path(path).read_text(encoding="utf-8", errors="replace"))
    return frozenset(parser.ids)


# What the page reports, gathered in the browser once everything has settled.

# The anywidget host shows a saved widget when the reader comes near it: scroll to each in
# turn until it is there (or says why not). Then back to the top.
SHOW_WIDGETS_JS = """async (timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  for (const s of document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')) {
    const area = () => s.previousElementSibling && s.previousElementSibling.classList.contains('widget-subarea')
      ? s.previousElementSibling : null;
    while (!area() && Date.now() < deadline) await sleep(50);
    if (!area()) break;
    area().scrollIntoView({ block: 'center' });
    while (!area().querySelector('.mlp-explorer, .jupyter-widgets, .anywidget-host-error') && Date.now() < deadline) await sleep(50);
  }
  window.scrollTo(0, 0);
}"""


def show_widgets(page, timeout_ms=None):
    """Scroll to every saved widget of the page until each is shown (the host shows them lazily)."""
    page.evaluate(SHOW_WIDGETS_JS, timeout_ms or SETTLE_MS)


SETTLE_JS = """async (timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const notes = [];
  if (window.MathJax) notes.push('the page loads MathJax: its maths should be typeset when the site is built');
  // Widgets: each saved view gets a rendered sibling <div class="widget-subarea"> (ipywidgets, or an in-page explorer).
  const views = () => Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'));
  const rendered = s => { const d = s.previousElementSibling;
    return !!(d && d.classList.contains('widget-subarea') && d.querySelector('.jupyter-widgets, .mlp-explorer')); };
  while (views().some(s => !rendered(s)) && Date.now() < deadline) await sleep(200);
  // Images (a lazy one loads when it is near: scroll to it).
  for (const img of document.images) {
    if (!img.complete && img.loading === 'lazy') img.scrollIntoView();
    while (!img.complete && Date.now() < deadline) await sleep(100);
  }
  window.scrollTo(0, 0);
  return notes;
}"""

MEASURE_JS = """() => {
  const views = Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'));
  const rendered = s => { const d = s.previousElementSibling;
    return !!(d && d.classList.contains('widget-subarea') && d.querySelector('.jupyter-widgets, .mlp-explorer')); };
  const math = Array.from(document.querySelectorAll('.math'));
  return {
    math: math.length,
    displayMath: math.filter(e => e.tagName === 'DIV').length,
    // typeset: an SVG drawn (hidden from screen readers) and the same maths as MathML for them
    mathTypeset: math.filter(e => e.querySelector('mjx-container > svg[aria-hidden=true] use') &&
                                  e.querySelector('mjx-container > mjx-assistive-mml > math')).length,
    mathUntypeset: math.filter(e => !e.querySelector('mjx-container')).slice(0, 3).map(e => e.textContent.trim().slice(0, 80)),
    mathErrors: Array.from(document.querySelectorAll('[data-mml-node=merror], mjx-merror')).slice(0, 3).map(e => e.getAttribute('data-mjx-error') || e.textContent.slice(0, 80)),
    mathScripts: Array.from(document.scripts).filter(s => /mathjax/i.test(s.src)).map(s => s.src),
    widgetViews: views.length,
    widgetsRendered: views.filter(rendered).length,
    widgetsMissing: views.filter(s => !rendered(s)).slice(0, 3).map(s => s.textContent.trim().slice(0, 120)),
    sliders: document.querySelectorAll('.widget-slider, .jupyter-widget-slider, .widget-hslider, .mlp-explorer input[type=range]').length,
    explorers: document.querySelectorAll('.mlp-explorer').length,
    widgetElements: document.querySelectorAll('.jupyter-widgets').length,
    images: Array.from(document.images).map(i => ({src: i.currentSrc || i.src, w: i.naturalWidth,
                                                   alt: i.getAttribute('alt')})),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
    ids: Array.from(document.querySelectorAll('[id], a[name]')).map(e => e.id || e.getAttribute('name')),
    launch: Array.from(document.querySelectorAll('a[href*="mybinder"], a[href*="colab.research"]')).length,
  };
}"""


#: A fragment that names an explorer's view (mlp_lib/widgets/js/src/ui/state.js): id.key=value&...
EXPLORER_VIEW = re.compile(r"[\w-]+\.\w+=[^&]*(&[\w-]+\.\w+=[^&]*)*")


def check_links(links, page_path, live_ids, base):
    """Problems with the links of one page that point into the site."""
    problems = []
    for href in sorted(set(links)):
        if not href.startswith(base):
            continue  # external (GitHub, Binder, Colab: tests/test_launch.py checks those)
        parts = urlsplit(href)
        rel = unquote(parts.path)[len(urlsplit(base).path):]
        if rel.startswith("downloads/"):
            continue  # built after the site by scripts/downloads.py: tests/test_downloads.py checks them
        target = SITE / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            problems.append(f"broken link {href}: no file {target.relative_to(SITE)}")
            continue
        if parts.fragment and target.suffix == ".html":
            anchor = unquote(parts.fragment)
            if EXPLORER_VIEW.fullmatch(anchor):  # a view of an explorer there (ui/state.js), not an id
                if "application/vnd.jupyter.widget-view+json" not in target.read_text(encoding="utf-8"):
                    problems.append(f"broken link {href}: {target.relative_to(SITE)} has no explorer for that view")
                continue
            ids = live_ids if target == SITE / page_path else static_ids(str(target))
            if anchor not in ids:
                problems.append(f"broken link {href}: {target.relative_to(SITE)} has no id {anchor!r}")
    return problems


@pytest.mark.parametrize("page_id, page_path", PAGES, ids=[p[0] for p in PAGES])
def test_page_in_browser(page_id, page_path, browser, site_url, screenshots_dir):
    if not (SITE / page_path).is_file():
        pytest.fail(f"{page_path} is in the book but was not built (is it in _toc.yml? did the build fail?)",
                    pytrace=False)
    problems, external = [], []
    base = site_url
    redirect = REFRESH.search((SITE / page_path).read_text(encoding="utf-8", errors="replace"))

    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", offline_router(base, external))
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and problems.append(
        f"console error: {msg.text} ({msg.location.get('url', '')}:{msg.location.get('lineNumber', '')})"))
    page.on("pageerror", lambda err: problems.append(f"uncaught exception: {err}"))
    page.on("response", lambda r: r.status >= 400 and r.url.startswith(base) and problems.append(
        f"HTTP {r.status} for {r.url}"))
    page.on("requestfailed", lambda r: r.url.startswith(base) and problems.append(
        f"request failed: {r.url} ({r.failure})"))
    start = time.perf_counter()
    try:
        if redirect:  # index.html: a meta refresh to the first page, which is checked on its own
            target = urlsplit(base + str(Path(page_path).parent / redirect.group(1))).geturl()
            page.goto(base + page_path, wait_until="commit", timeout=TIMEOUT_MS)
            page.wait_for_url(target, timeout=TIMEOUT_MS)
            page.wait_for_load_state("load")
            print(f"{page_id}: redirects to {redirect.group(1)}")
            assert (SITE / page_path).parent.joinpath(redirect.group(1)).is_file()
            assert not problems + [f"request left the machine: {u}" for u in external], problems
            return
        page.goto(base + page_path, wait_until="load", timeout=TIMEOUT_MS)
        show_widgets(page)
        notes = page.evaluate(SETTLE_JS, SETTLE_MS)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        facts = page.evaluate(MEASURE_JS)
        page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
        violations = page.evaluate(AXE_JS, AXE_TAGS)
        page.screenshot(path=str(screenshots_dir / f"{page_id}.png"), full_page=True)
    finally:
        context.close()
    seconds = time.perf_counter() - start

    problems += notes
    problems += [f"request to another host (blocked): {u}" for u in external]
    if facts["mathTypeset"] != facts["math"]:
        problems.append(f"{facts['math'] - facts['mathTypeset']} of {facts['math']} math blocks not typeset, "
                        f"e.g. {facts['mathUntypeset']}")
    if facts["mathErrors"]:
        problems.append(f"TeX errors: {facts['mathErrors']}")
    if facts["mathScripts"]:
        problems.append(f"the page loads MathJax ({facts['mathScripts']}): maths is typeset at build time")
    if facts["widgetsRendered"] != facts["widgetViews"]:
        problems.append(f"{facts['widgetViews'] - facts['widgetsRendered']} of {facts['widgetViews']} saved "
                        f"widgets did not render, e.g. {facts['widgetsMissing']}")
    broken = [i["src"] for i in facts["images"] if not i["w"]]
    # every image says what it shows: an alt text that is neither missing, empty nor a file name
    unnamed = [i["src"].split("/")[-1][:40] for i in facts["images"]
               if not (i["alt"] or "").strip() or re.search(r"\.(png|jpe?g|svg|gif)$|^\.\./|_images/", i["alt"].strip())]
    if unnamed:
        problems.append(f"{len(unnamed)} images without an alt text that describes them: {unnamed[:3]}")
    if broken:
        problems.append(f"{len(broken)} of {len(facts['images'])} images did not load: {broken[:3]}")
    problems += check_links(facts["links"], page_path, set(facts["ids"]), base)
    known_axe = [v for v in violations if (v["id"], v["target"]) in KNOWN_AXE_VIOLATIONS]
    problems += [f"accessibility (axe {v['id']}: {v['help']}): {v['target']} :: {v['html']}"
                 for v in violations if v not in known_axe]
    tolerated = sorted({p for p in problems if p in KNOWN_UPSTREAM_ERRORS})
    problems = [p for p in problems if p not in KNOWN_UPSTREAM_ERRORS]

    print(f"{page_id}: {seconds:.1f} s; math {facts['mathTypeset']}/{facts['math']} typeset "
          f"({facts['displayMath']} display); widgets {facts['widgetsRendered']}/{facts['widgetViews']} rendered "
          f"({facts['widgetElements']} ipywidgets elements, {facts['explorers']} in-page explorers, {facts['sliders']} sliders); images "
          f"{len(facts['images']) - len(broken)}/{len(facts['images'])}; "
          f"{len(set(facts['links']))} links; "
          f"{facts['launch']} launch links; screenshot {SCREENSHOTS.name}/{page_id}.png"
          + f"; axe (WCAG 2.1 A/AA): {len(violations)} violations"
          + "".join(f"\n  tolerated known upstream error: {p}" for p in tolerated)
          + "".join(f"\n  known upstream accessibility problem: {v['id']} {v['target']} "
                    f"({KNOWN_AXE_VIOLATIONS[(v['id'], v['target'])]})" for v in known_axe))
    assert not problems, f"{page_path}:\n  " + "\n  ".join(problems)


OTHER_HOST = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\s(?:src|href)=["'](?:https?:)?//""", re.I)


def test_no_page_names_a_script_style_or_image_of_another_host():
    """The built pages load nothing from elsewhere (links to GitHub, Binder and Colab are
    links, not loads): no <script src>, <link href> (styles, preloads, icons), <img src>
    with an absolute URL; and _config.yml names no CDN."""
    config = (ROOT / "_config.yml").read_text()
    assert not re.search(r"cdn\.|jsdelivr|unpkg|cdnjs", config), "_config.yml names a CDN"
    if not SITE.is_dir():
        skip_or_fail(f"no built site at {SITE}")
    loads = {}
    for page in SITE.rglob("*.html"):
        found = [m.group(0)[:120] for m in OTHER_HOST.finditer(page.read_text(encoding="utf-8", errors="replace"))]
        found = [f for f in found if not f.lower().startswith("<link") or re.search(r"rel=.(stylesheet|preload|icon|modulepreload)", f)]
        if found:
            loads[page.relative_to(SITE).as_posix()] = found[:3]
    assert not loads, f"pages that load from another host: {loads}"


PHONE_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = Array.from(document.querySelectorAll('article *')).filter(e => {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 1) return false;
      // code cells and tables scroll inside themselves: what sticks out of them is fine
      for (let p = e; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (p !== e && (o === 'auto' || o === 'scroll' || o === 'hidden')) return false;
      }
      return true;
    }).slice(0, 3).map(e => e.tagName + '.' + String(e.className).slice(0, 40) + ' to x=' + Math.round(e.getBoundingClientRect().right));
  const shrunk = Array.from(document.querySelectorAll('.cell_output img')).filter(i => i.naturalWidth > i.clientWidth + 1);
  return {
    width, scrollWidth: document.documentElement.scrollWidth, wide,
    shrunk: shrunk.length,
    notLinked: shrunk.filter(i => { const a = i.closest('a'); return !a || a.href !== i.src; })
                     .map(i => i.src.split('/').pop().slice(0, 16) + ' shown at ' + Math.round(100 * i.clientWidth / i.naturalWidth) + '%'),
  };
}"""


@pytest.mark.parametrize("page_id, page_path", toc_pages(), ids=[p[0] for p in toc_pages()])
def test_page_on_a_phone(page_id, page_path, browser, site_url, screenshots_dir):
    """At 390 x 844 no page scrolls sideways (code cells scroll inside themselves), and every
    figure shrunk to fit opens at full size when tapped (a link to its own image file)."""
    page = offline_page(browser, site_url, {"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context = page.context
    try:
        page.goto(site_url + page_path, wait_until="load", timeout=TIMEOUT_MS)
        show_widgets(page)
        page.evaluate(SETTLE_JS, SETTLE_MS)
        facts = page.evaluate(PHONE_JS)
        (screenshots_dir / "phone").mkdir(exist_ok=True)
        page.screenshot(path=str(screenshots_dir / "phone" / f"{page_id}.png"), full_page=True)
    finally:
        context.close()
    print(f"{page_id} at 390 px: scroll width {facts['scrollWidth']}; {facts['shrunk']} figures shrunk, "
          f"each a link to its full size")
    assert facts["scrollWidth"] <= facts["width"], f"the page scrolls sideways: {facts['wide']}"
    assert not facts["notLinked"], f"shrunk figures that do not open at full size: {facts['notLinked']}"


@pytest.mark.parametrize("width", [975, 1280])
def test_one_search_field_and_no_empty_bar_on_a_wide_screen(width, browser, site_url):
    """From 960 px up the theme's top bar held only a second "Search Ctrl+K" beside the
    sidebar's (or, at 960-991 px, nothing): 64 px of every page (companion.css hides it)."""
    page = offline_page(browser, site_url, {"width": width, "height": 900})
    try:
        page.goto(site_url + "book/04_two_layer_networks.html", wait_until="load")
        header_height = page.evaluate("document.querySelector('.bd-header').getBoundingClientRect().height")
        search_fields = page.evaluate("""[...document.querySelectorAll('.search-button-field')]
            .filter(b => b.getClientRects().length).length""")
        search_buttons = page.evaluate("""[...document.querySelectorAll('.search-button__button')]
            .filter(b => b.getClientRects().length).length""")
    finally:
        page.context.close()
    assert header_height == 0
    assert search_fields <= 1 and search_buttons >= 1, (search_fields, search_buttons)
