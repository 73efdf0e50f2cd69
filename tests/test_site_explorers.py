"""The explorers on the built site, in chromium, with no kernel and nothing leaving the site.

Every chapter page whose saved widgets include an explorer (an anywidget widget) is opened
as a reader opens it, served on 127.0.0.1 (the pages that load the book's anywidget host);
every request that would leave the site is aborted and is a failure: an explorer must need
nothing from outside. Then, for every explorer:
- every explorer has controls, and every slider and group of radio buttons (by keyboard, then
  by pointer) and every select (by keyboard, down then up: a native menu's popup is not in the
  page) changes its drawing;
- 200 random control changes (seeded) leave no NaN or Infinity in any SVG or readout, and no
  console error or uncaught exception;
- at a 390 x 844 phone viewport it fits the width and none of its text is below 11 px.
Screenshots: _build/screenshots/explorers/<page>-desktop.png and -phone.png.
"""
import random
import time

import pytest

from test_site_browser import (ROOT, SITE, SCREENSHOTS, TIMEOUT_MS, browser, offline_page,  # noqa: F401
                               prerequisites, show_widgets, site_url, skip_or_fail, toc_pages)

#: The chapters whose notebooks hold an explorer (saved anywidget state), read from the sources,
#: so that the tests exist, and fail or skip by name, whether or not the site is built.
EXPLORER_PAGES = [(pid, path) for pid, path in toc_pages()
                  if (ROOT / path).with_suffix(".ipynb").is_file()
                  and '"_esm"' in (ROOT / path).with_suffix(".ipynb").read_text(encoding="utf-8")]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

SNAPSHOT_JS = """(i) => { const e = document.querySelectorAll('.mlp-explorer')[i];
  return Array.from(e.querySelectorAll('svg')).map(s => s.outerHTML).join('') + e.dataset.values; }"""

CONTROLS_JS = """(i) => { const e = document.querySelectorAll('.mlp-explorer')[i];
  return Array.from(e.querySelectorAll('input[type=range], select, fieldset.mlp-choice')).map((c, k) => c.tagName === 'FIELDSET'
    ? { k, tag: 'RADIO', id: c.querySelector('input').id, disabled: c.disabled, label: c.querySelector('legend').textContent.trim() }
    : { k, tag: c.tagName, id: c.id, disabled: c.disabled,
        label: (c.labels && c.labels[0] ? c.labels[0].textContent : '').trim() }); }"""

RANDOM_CHANGE_JS = """([i, r1, r2]) => {
  const e = document.querySelectorAll('.mlp-explorer')[i];
  const controls = Array.from(e.querySelectorAll('input[type=range], input[type=radio], select, button')).filter(c => !c.disabled);
  const c = controls[Math.floor(r1 * controls.length)];
  if (c.tagName === 'BUTTON') { c.click(); return 'click ' + c.textContent; }
  if (c.type === 'radio') { c.click(); return 'choose ' + c.value; }
  if (c.tagName === 'SELECT') { c.selectedIndex = Math.floor(r2 * c.options.length);
    c.dispatchEvent(new Event('change', { bubbles: true })); return 'select ' + c.value; }
  const min = Number(c.min), max = Number(c.max), step = Number(c.step) || 1;
  c.value = String(min + Math.round(r2 * (max - min) / step) * step);
  c.dispatchEvent(new Event('input', { bubbles: true })); return c.id + '=' + c.value; }"""

TEXT_SIZES_JS = """(i) => { const e = document.querySelectorAll('.mlp-explorer')[i];
  const sizes = [];
  for (const el of e.querySelectorAll('*')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (own && el.getClientRects().length) sizes.push([parseFloat(getComputedStyle(el).fontSize), el.textContent.trim().slice(0, 30)]);
  }
  const r = e.getBoundingClientRect();
  return { sizes, left: r.left, right: r.right, viewport: document.documentElement.clientWidth }; }"""


def open_page(browser, site_url, path, viewport):  # noqa: F811
    page = offline_page(browser, site_url, viewport)
    page.goto(site_url + path, wait_until="load")
    show_widgets(page, TIMEOUT_MS)
    page.wait_for_function(
        "document.querySelectorAll('.mlp-explorer').length > 0 && "
        "document.querySelectorAll('.mlp-explorer').length === "
        "Array.from(document.querySelectorAll('script[type=\"application/vnd.jupyter.widget-view+json\"]'))"
        ".filter(s => s.textContent.includes('model_id')).length", timeout=TIMEOUT_MS)
    return page, page.problems, page.left


def test_explorer_pages_were_found():
    """Every chapter with an explorer (1-4, 6-9) is found in the sources, and its built page
    holds the explorer."""
    assert [pid for pid, _ in EXPLORER_PAGES] == [
        "01_supervised_nonlinear", "02_single_neuron", "03_stacking_neurons", "04_two_layer_networks",
        "06_multi_layer_networks", "07_activation_functions", "08_kernel_connection", "09_backprop_preview"]
    if not SITE.is_dir():
        skip_or_fail(f"no built site at {SITE}")
    missing = [path for _, path in EXPLORER_PAGES
               if not (SITE / path).is_file() or "widgets/anywidget-host.js" not in (SITE / path).read_text(encoding="utf-8")]
    assert not missing, f"built pages without their explorer: {missing}"


@pytest.mark.parametrize("page_id, path", EXPLORER_PAGES, ids=[p[0] for p in EXPLORER_PAGES])
def test_every_control_changes_the_drawing_with_nothing_leaving_the_site(page_id, path, browser, site_url):  # noqa: F811
    page, problems, left = open_page(browser, site_url, path, DESKTOP)
    try:
        count = page.locator(".mlp-explorer").count()
        report = []
        for i in range(count):
            explorer = page.locator(".mlp-explorer").nth(i)
            explorer.scroll_into_view_if_needed()
            controls = [c for c in page.evaluate(CONTROLS_JS, i) if not c["disabled"]]
            assert controls, f"explorer {i} has no enabled slider, select or radio group"
            for control in controls:
                handle = page.locator(f"#{control['id']}")
                ways = ("keyboard", "keyboard back") if control["tag"] == "SELECT" else ("keyboard", "pointer")
                for how in ways:
                    before = page.evaluate(SNAPSHOT_JS, i)
                    if control["tag"] == "RADIO":  # a group: arrows move the choice; a click on another choice's label
                        group = handle.locator("xpath=ancestor::fieldset[1]")
                        if how == "keyboard":
                            group.locator("input:checked").focus()
                            page.keyboard.press("ArrowRight")
                        else:
                            other = group.locator("input:not(:checked)").first.get_attribute("id")
                            page.locator(f"label[for='{other}']").click()
                    elif control["tag"] == "SELECT":  # a native menu's popup is not in the page: keys only
                        values = [o.get_attribute("value") for o in handle.locator("option").all()]
                        at = values.index(handle.input_value())
                        down = at < len(values) - 1 if how == "keyboard" else at == 0  # back: up unless first
                        handle.focus()
                        page.keyboard.press("ArrowDown" if down else "ArrowUp")
                    else:
                        if how == "keyboard":
                            handle.focus()
                            value = handle.input_value()
                            page.keyboard.press("ArrowRight")
                            if handle.input_value() == value:
                                page.keyboard.press("ArrowLeft")
                        else:
                            handle.evaluate("c => c.scrollIntoView({ block: 'center' })")  # not under the sticky header
                            box = handle.bounding_box()
                            at = handle.evaluate("c => (c.value - c.min) / (c.max - c.min)")
                            target = 0.8 if at < 0.5 else 0.2  # well away from the thumb
                            page.mouse.click(box["x"] + box["width"] * target, box["y"] + box["height"] / 2)
                    page.wait_for_timeout(30)
                    changed = page.evaluate(SNAPSHOT_JS, i) != before
                    report.append(f"explorer {i} {control['label']!r} by {how}: {'redrawn' if changed else 'NO CHANGE'}")
        print(f"{page_id}:\n  " + "\n  ".join(report))
        SCREENSHOTS.joinpath("explorers").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "explorers" / f"{page_id}-desktop.png"), full_page=True)
        assert not [r for r in report if r.endswith("NO CHANGE")], "\n".join(report)
        assert not left, f"requests left the site: {left[:5]}"
        assert not problems, problems
    finally:
        page.context.close()


@pytest.mark.parametrize("page_id, path", EXPLORER_PAGES, ids=[p[0] for p in EXPLORER_PAGES])
def test_200_random_changes_leave_no_nan_and_no_error(page_id, path, browser, site_url):  # noqa: F811
    page, problems, left = open_page(browser, site_url, path, DESKTOP)
    rng = random.Random(0)
    try:
        count = page.locator(".mlp-explorer").count()
        bad, done = [], []
        for n in range(200):
            i = rng.randrange(count)
            done.append(page.evaluate(RANDOM_CHANGE_JS, [i, rng.random(), rng.random()]))
            if n % 10 == 9:
                page.wait_for_timeout(20)  # let animations take a few frames
                bad += page.evaluate("""() => Array.from(document.querySelectorAll('.mlp-explorer')).flatMap(e =>
                    Array.from(e.querySelectorAll('svg *, .mlp-readout, .mlp-message, output')).filter(x =>
                      Array.from(x.attributes || []).some(a => /NaN|Infinity/.test(a.value)) ||
                      (x.childNodes.length === 1 && x.firstChild.nodeType === 3 && /NaN|Infinity/.test(x.textContent)))
                    .map(x => x.tagName + ' ' + (x.outerHTML || '').slice(0, 80)))""")
        time.sleep(1.0)
        assert not bad, f"after {done[-10:]}: {bad[:5]}"
        assert not problems, f"after {len(done)} changes: {problems[:5]}"
        assert not left, left[:5]
    finally:
        page.context.close()


@pytest.mark.parametrize("page_id, path", EXPLORER_PAGES, ids=[p[0] for p in EXPLORER_PAGES])
def test_explorers_fit_a_phone_with_legible_text(page_id, path, browser, site_url):  # noqa: F811
    page, problems, left = open_page(browser, site_url, path, PHONE)
    try:
        faults = []
        for i in range(page.locator(".mlp-explorer").count()):
            page.locator(".mlp-explorer").nth(i).scroll_into_view_if_needed()
            facts = page.evaluate(TEXT_SIZES_JS, i)
            if facts["left"] < -0.5 or facts["right"] > facts["viewport"] + 0.5:
                faults.append(f"explorer {i} spans x = {facts['left']:.0f}..{facts['right']:.0f}, "
                              f"wider than the {facts['viewport']} px viewport")
            small = [(s, t) for s, t in facts["sizes"] if s < 11]
            if small:
                faults.append(f"explorer {i}: text below 11 px: {small[:4]}")
        SCREENSHOTS.joinpath("explorers").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "explorers" / f"{page_id}-phone.png"), full_page=True)
        assert not faults, "\n".join(faults)
        assert not problems, problems
    finally:
        page.context.close()


CUT_TEXT_JS = """(i) => {
  // Readouts wider than their box (they run into the next control) and drawn text that leaves
  // its figure (the figure clips it): what a reader sees cut or overlapping.
  const e = document.querySelectorAll('.mlp-explorer')[i];
  const faults = [];
  for (const input of e.querySelectorAll('.mlp-control input[type=range]:not(:disabled)')) {
    const o = input.closest('.mlp-control').querySelector('output'), start = input.value;
    const [min, max] = [Number(input.min), Number(input.max)];
    for (let k = 0; k <= 10 && o && o.getClientRects().length; k++) {  // 11 values across the slider
      input.value = String(min + (k / 10) * (max - min));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      if (o.scrollWidth > o.clientWidth + 1)
        faults.push(`readout ${o.textContent} needs ${o.scrollWidth} px, has ${o.clientWidth}`);
    }
    input.value = start;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  for (const t of e.querySelectorAll('.mlp-panel svg text.mlp-title')) {
    const box = t.getBoundingClientRect(), figure = t.ownerSVGElement.getBoundingClientRect();
    if (t.textContent.trim() && (box.left < figure.left - 1 || box.right > figure.right + 1))
      faults.push(`title "${t.textContent.trim().slice(0, 50)}" spans ${Math.round(box.width)} px of a ${Math.round(figure.width)} px figure`);
  }
  return faults;
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("page_id, path", EXPLORER_PAGES, ids=[p[0] for p in EXPLORER_PAGES])
def test_no_readout_or_title_is_cut(page_id, path, viewport, browser, site_url):  # noqa: F811
    page, problems, left = open_page(browser, site_url, path, viewport)
    try:
        faults = []
        for i in range(page.locator(".mlp-explorer").count()):
            page.locator(".mlp-explorer").nth(i).scroll_into_view_if_needed()
            faults += [f"explorer {i}: {f}" for f in page.evaluate(CUT_TEXT_JS, i)]
        assert not faults, "\n".join(faults)
        assert not problems, problems
    finally:
        page.context.close()


CONTRAST_JS = """(i) => {
  // WCAG relative luminance and contrast ratio of every text of the explorer against the
  // background it is drawn on (the nearest ancestor with an opaque background colour).
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, k) => s + v * [0.2126, 0.7152, 0.0722][k], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const e = document.querySelectorAll('.mlp-explorer')[i];
  const worst = [];
  for (const el of e.querySelectorAll('*')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length || el.closest('[hidden], [aria-hidden=true]')) continue;
    const cs = getComputedStyle(el);
    const ink = rgb(el instanceof SVGElement ? cs.fill : cs.color);
    if (ink.length < 3 || (ink.length === 4 && ink[3] === 0)) continue;
    const r = ratio(ink.slice(0, 3), background(el));
    // disabled controls' labels are exempt (WCAG 1.4.3); 3:1 for large text (18.66 px bold, 24 px)
    const large = parseFloat(cs.fontSize) >= 24 || (parseFloat(cs.fontSize) >= 18.66 && Number(cs.fontWeight) >= 700);
    const disabled = el.closest('button:disabled, .mlp-control:has(:disabled)');
    if (!disabled && r < (large ? 3 : 4.5)) worst.push([Math.round(r * 100) / 100, el.textContent.trim().slice(0, 30)]);
  }
  return worst.sort((a, b) => a[0] - b[0]).slice(0, 5);
}"""


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("page_id, path", EXPLORER_PAGES, ids=[p[0] for p in EXPLORER_PAGES])
def test_explorer_text_has_enough_contrast_in_light_and_dark_mode(page_id, path, mode, browser, site_url):  # noqa: F811
    """Every text of every explorer has a contrast of at least 4.5:1 against its background
    (WCAG 1.4.3) in the theme's light and dark modes; screenshots of both."""
    page = offline_page(browser, site_url, DESKTOP,
                        init_script=f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    context = page.context
    try:
        page.goto(site_url + path, wait_until="load")
        show_widgets(page, TIMEOUT_MS)
        page.wait_for_selector(".mlp-explorer")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        faults = {i: page.evaluate(CONTRAST_JS, i) for i in range(page.locator(".mlp-explorer").count())}
        SCREENSHOTS.joinpath("explorers").mkdir(parents=True, exist_ok=True)
        page.locator(".mlp-explorer").first.screenshot(path=str(SCREENSHOTS / "explorers" / f"{page_id}-{mode}.png"))
    finally:
        context.close()
    faults = {i: f for i, f in faults.items() if f}
    assert not faults, f"text below 4.5:1 in {mode} mode (ratio, text): {faults}"


KEYBOARD_PAGE = ("02_single_neuron", "book/02_single_neuron.html")


def test_an_explorer_works_by_keyboard_alone(browser, site_url):  # noqa: F811
    """Chapter 2's explorer, driven by the keyboard only: Tab reaches every control in reading
    order, each is named, the focus is visible, arrow keys change the sliders and the menu,
    and the readout that screen readers announce (aria-live) says the new J."""
    if not (SITE / KEYBOARD_PAGE[1]).is_file():
        skip_or_fail(f"no built page {KEYBOARD_PAGE[1]}")
    page, problems, left = open_page(browser, site_url, KEYBOARD_PAGE[1], DESKTOP)
    try:
        root = page.locator(".mlp-explorer").first
        controls = root.locator("input, select, button")
        expected = [c.get_attribute("id") or c.inner_text() for c in controls.all() if c.is_enabled()]
        # start on the code cell just above the explorer, then Tab into it
        root.evaluate("e => { const a = document.createElement('a'); a.href = '#'; a.id = 'before-explorer';"
                      " a.textContent = 'before'; e.closest('.cell').prepend(a); a.focus(); }")
        reached = []
        for _ in range(len(expected) + 40):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => { const e = document.activeElement;
                return e && e.closest('.mlp-explorer') ? (e.id || e.textContent) : null; }""")
            if focused is None and reached:
                break
            if focused is not None:
                reached.append(focused)
                names = page.evaluate("""() => { const e = document.activeElement;
                    const label = e.labels && e.labels[0] ? e.labels[0].textContent : (e.getAttribute('aria-label') || e.textContent);
                    const cs = getComputedStyle(e);
                    return [label.trim(), cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2]; }""")
                assert names[0], f"control {focused!r} has no accessible name"
                assert names[1], f"the focus on {names[0]!r} is not visible"
        controls_reached = [r for r in reached if r in expected]
        assert controls_reached == expected, "Tab does not visit the controls in reading order"
        readout = root.locator(".mlp-readout")
        assert readout.get_attribute("aria-live") == "polite"
        before = readout.inner_text()
        page.get_by_label("weight w", exact=True).focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        after = readout.inner_text()
        assert after != before and "J = " in after, (before, after)
        page.get_by_label("activation σ", exact=True).focus()
        page.keyboard.press("ArrowDown")
        assert page.get_by_label("activation σ", exact=True).input_value() == "sigmoid"
        assert "sigmoid" in root.locator("svg").first.get_attribute("aria-label") + readout.inner_text() + \
            root.locator(".mlp-panel").first.inner_text()
        assert not problems and not left
    finally:
        page.context.close()
