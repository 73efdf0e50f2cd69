"""A chapter printed from the browser (chromium's print to PDF, what Ctrl+P gives): the text,
each explorer's drawing with a line that says its settings, no control or button, and light
even when the screen is dark. pdftotext (Debian's poppler-utils) reads the PDF.

Two cases, as a reader meets them: an explorer the reader scrolled to (it is shown) prints its
drawing and settings line; one the reader never came near (the book's anywidget host shows an
explorer when the reader comes near it) prints a note with the address where it is live, not a
blank. Every word the tests look for is read from the page itself before printing.
"""
import re
import shutil
import subprocess

import pytest

from test_site_browser import (SETTLE_MS, SITE, TIMEOUT_MS, browser, offline_page, prerequisites,  # noqa: F401
                               show_widgets, site_url, skip_or_fail)

CHAPTERS = ["book/04_two_layer_networks.html", "book/02_single_neuron.html"]

# What the page shows of its explorers before it is printed: the drawing's words, the control
# labels and button labels, and what only a pointer or Tab can use (chapter 4's "units (hover
# or Tab):" before its unit chips).
EXPLORER_WORDS_JS = """() => {
  const root = document.querySelector('.mlp-explorer');
  const words = s => s.replace(/\\s+/g, ' ').trim();
  const drawn = [...root.querySelectorAll('.mlp-panel svg text')].map(t => words(t.textContent))
    .filter(t => /[A-Za-z]{3}/.test(t));
  const controls = [...root.querySelectorAll('button, label, legend, .mlp-screen-only > :not(.mlp-unit)')]
    .map(e => words(e.textContent))
    .filter(t => /[A-Za-z]{3}/.test(t));
  return { drawn: [...new Set(drawn)], controls: [...new Set(controls)] };
}"""

# The page's text without the explorers' controls, buttons and notice line: every word the
# printed copy may hold (a label's words may also be said in the prose or the drawing).
WITHOUT_CONTROLS_JS = """() => {
  const copy = document.querySelector('article').cloneNode(true);
  for (const e of copy.querySelectorAll(
    '.mlp-explorer :is(.mlp-controls, .mlp-buttons, .mlp-notice, .mlp-screen-only, button, label, legend, select, input)'))
    e.remove();
  return copy.textContent.replace(/\\s+/g, ' ');
}"""


def flat(text):
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def pdftotext():
    if shutil.which("pdftotext") is None:
        skip_or_fail("no pdftotext: install Debian's poppler-utils (`apt-get install poppler-utils`)")
    return lambda pdf: flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                           check=True).stdout)


def open_chapter(browser, site_url, path, color_scheme="dark"):
    page = offline_page(browser, site_url, color_scheme=color_scheme)
    page.goto(site_url + path, wait_until="load")
    return page.context, page, page.problems


def light_share(pdf, tmp_path):
    """The share of the first page's pixels that are near white (pdftoppm at 20 dpi)."""
    import numpy as np
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "first")], check=True)
    return float((np.asarray(Image.open(tmp_path / "first.png").convert("L")) > 230).mean())


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.split("/")[-1][:2] for p in CHAPTERS])
def test_a_printed_chapter_shows_the_drawing_and_its_settings_and_no_control(
        path, browser, site_url, pdftotext, tmp_path):
    if not (SITE / path).is_file():
        pytest.fail(f"{path} was not built", pytrace=False)
    context, page, errors = open_chapter(browser, site_url, path)
    try:
        show_widgets(page, SETTLE_MS)  # the reader scrolled past every explorer
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        shown = page.evaluate(EXPLORER_WORDS_JS)
        pdf = tmp_path / "chapter.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        # brought up to date on beforeprint; the screen's theme back after the print
        line = flat(page.locator(".mlp-explorer > .mlp-settings").first.text_content())
        allowed = page.evaluate(WITHOUT_CONTROLS_JS)
        theme_after = page.evaluate("document.documentElement.dataset.theme")
    finally:
        context.close()
    text = pdftotext(pdf)
    assert not errors, errors
    assert line.startswith("Settings: ") and " = " in line, line
    assert theme_after == "dark"
    assert shown["drawn"], "the explorer draws no words to look for"
    missing = [w for w in shown["drawn"] if w not in text]
    assert not missing, f"{path}: the printed copy lacks the drawing's words {missing}"
    # the settings line, up to its address (pdftotext may break a long address anywhere)
    said = line.split(" Live at ")[0]
    assert said in text, f"{path}: no settings line {said!r} in the printed copy"
    assert "Live at" in text
    rest = text.replace(said, " ")  # the settings line names the controls: the rest must not
    times = lambda label, where: len(re.findall(rf"(?<!\w){re.escape(label)}(?!\w)", where))  # noqa: E731
    extra = {label: (times(label, rest), times(label, allowed)) for label in shown["controls"]
             if times(label, rest) > times(label, allowed)}
    assert not extra, f"{path}: control and button labels printed (times in print, elsewhere on the page): {extra}"
    assert light_share(pdf, tmp_path) > 0.8, "a page printed in dark mode must print light"


def test_an_explorer_not_shown_yet_prints_where_to_find_it(browser, site_url, pdftotext, tmp_path):
    path = CHAPTERS[1]
    context, page, errors = open_chapter(browser, site_url, path, color_scheme="light")
    try:
        pdf = tmp_path / "chapter.pdf"
        page.pdf(path=str(pdf), format="A4")  # at once: the explorer, far down the page, not near yet
        section = page.evaluate("""() => document.querySelector(
            'script[type="application/vnd.jupyter.widget-view+json"]').closest('section[id]').id""")
        rendered = page.locator(".mlp-explorer").count()
    finally:
        context.close()
    text = pdftotext(pdf)
    assert not errors, errors
    if "An interactive figure is here" not in text:  # shown in time after all (beforeprint starts it)
        assert rendered and "Settings: " in text, f"{path}: the explorer printed neither drawn nor as a note"
    else:
        address = f"{path}#{section}"
        squeezed = lambda t: re.sub(r"[\s-]", "", t)  # noqa: E731 (pdftotext joins a line broken at a hyphen)
        assert squeezed(address) in squeezed(text), f"{path}: the note does not give the address {address}"
