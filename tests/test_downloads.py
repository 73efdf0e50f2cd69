"""The book's downloads (scripts/downloads.py, into _build/html/downloads/): the PDF edition, the
student PDF and the site as one zip, as a reader gets them.

- The PDF edition: a page count in a sane range, one bookmark per page of _toc.yml (with its
  title) in the book's order, opening the page the contents give (its number at its foot), the equation numbers (2.9) and (2.12) as often as the pages say
  them, links inside the PDF that land on the page of their target, the solutions.
- The student PDF: every exercise, and not one solution's words (the student edition's check).
- The zip, unzipped into a fresh folder: served on 127.0.0.1 with every other request blocked,
  and opened from disk (file://), chapter 2 loads and its explorer answers its slider.

Reads what the script wrote (CI runs it once, after the strict build: .ci/run); without it the
tests skip, and fail under CI.
"""
import functools
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notebook_text import plain, solution_words
from test_site_browser import (SITE, TIMEOUT_MS, _QuietHandler, browser, prerequisites, skip_or_fail,  # noqa: F401
                               toc_pages)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import downloads  # noqa: E402

DOWNLOADS = SITE / "downloads"
HOW = "run `.venv/bin/python scripts/downloads.py` after building the book"


def read_pdf(name):
    import pypdf

    path = DOWNLOADS / name
    if not path.is_file():
        skip_or_fail(f"no {path.relative_to(SITE.parent)}: {HOW}")
    if shutil.which("pdftotext") is None:
        skip_or_fail("no pdftotext: install Debian's poppler-utils (`apt-get install poppler-utils`)")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pypdf.PdfReader(path), plain(text)


@pytest.fixture(scope="module")
def book():
    return read_pdf(downloads.BOOK_PDF)


@pytest.fixture(scope="module")
def student():
    return read_pdf(downloads.STUDENT_PDF)


def page_titles():
    """The h1 of every page of _toc.yml, in the book's order, as the site shows it."""
    titles = []
    for _, path in toc_pages():
        h1 = BeautifulSoup((SITE / path).read_text(), "html.parser").select_one("article h1")
        for link in h1.select(".headerlink"):
            link.decompose()
        titles.append(" ".join(h1.get_text(" ").split()))
    return titles


def site_text():
    """What the pages of _toc.yml say in their articles (their equations' MathML included)."""
    return plain(" ".join(BeautifulSoup((SITE / path).read_text(), "html.parser").select_one("article").get_text(" ")
                          for _, path in toc_pages()))


@pytest.mark.parametrize("edition", ["book", "student"])
def test_the_pdf_has_a_title_page_contents_and_a_bookmark_per_chapter(edition, request):
    reader, text = request.getfixturevalue(edition)
    pages = len(reader.pages)
    chapters = page_titles()
    assert 8 * len(chapters) <= pages <= 40 * len(chapters), f"{pages} pages for {len(chapters)} chapters"
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [" ".join(item.title.split()) for item in top] == chapters
    starts = [reader.get_destination_page_number(item) for item in top]
    assert starts == sorted(starts) and len(set(starts)) == len(starts) and starts[0] >= 2, starts
    first_two = plain(reader.pages[0].extract_text() + " " + reader.pages[1].extract_text())
    assert "Deep Learning, interactively" in first_two and "Contents" in first_two
    for title, start in zip(chapters, starts):  # the contents give each chapter's first page
        assert re.search(re.escape(title[:30]) + r".*?\s" + str(start + 1) + r"\b", first_two), (title, start + 1)
        opened = plain(reader.pages[start].extract_text())
        assert title.split()[0] in opened, f"the bookmark {title!r} opens page {start + 1}: {opened[:80]!r}"
        assert opened.split()[-1] == str(start + 1), f"page {start + 1} is not numbered at its foot"
    assert plain(reader.pages[-1].extract_text()).split()[-1] == str(pages)


def test_the_pdf_has_the_equation_numbers_as_the_site(book):
    _, text = book
    on_site = site_text()
    for tag in ("(2.9)", "(2.12)"):
        assert on_site.count(tag) >= 2, f"the site's pages hardly say {tag}"
        assert text.count(tag) >= on_site.count(tag), f"{tag}: {text.count(tag)} times in the PDF, {on_site.count(tag)} on the site"


def test_links_inside_the_pdf_land_on_the_page_of_their_target(book):
    reader, _ = book
    inside = outside = 0
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annot:
                dest = annot["/Dest"].get_object()
                assert isinstance(dest, list) and dest[0].get_object().get("/Type") == "/Page", dest
                inside += 1
            else:
                uri = str(annot["/A"].get("/URI", ""))
                assert uri.startswith(("https://", "mailto:")), f"a link that leaves the PDF for {uri!r}"
                assert "127.0.0.1" not in uri and downloads.INTERNAL not in uri, uri
                outside += 1
    assert inside >= 100 and outside >= 10, (inside, outside)
    # chapter 4 cites (2.3) of chapter 3: the link opens the page whose text holds that equation
    chapter3 = page_titles().index("Stacking neurons")
    top = [item for item in reader.outline if not isinstance(item, list)]
    pages = range(reader.get_destination_page_number(top[chapter3]), reader.get_destination_page_number(top[chapter3 + 1]))
    targets = []
    for number in range(reader.get_destination_page_number(top[chapter3 + 1]), len(reader.pages)):
        for annot in reader.pages[number].get("/Annots", []) or []:
            annot = annot.get_object()
            if "/Dest" in annot:
                target = reader.get_page_number(annot["/Dest"][0].get_object())
                if target in pages:
                    targets.append(target)
    assert targets, "no link from a later chapter into chapter 3"
    assert any("(2.3)" in reader.pages[t].extract_text() for t in targets)


def test_the_book_pdf_has_the_solutions_and_the_student_pdf_none(book, student):
    _, book_text = book
    _, student_text = student
    words = solution_words()
    assert len(words) == 28
    found = {label: [w for w in own if w in book_text] for label, own in words.items()}
    assert sum(bool(f) for f in found.values()) >= 25, "the PDF edition must hold the solutions"
    leaks = {label: [w for w in own if w in student_text] for label, own in words.items()}
    assert not any(leaks.values()), {k: v for k, v in leaks.items() if v}
    assert "Exercise 28" in student_text and "Exercise 1 " in student_text


# The zip.

@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    path = DOWNLOADS / downloads.SITE_ZIP
    if not path.is_file():
        skip_or_fail(f"no {path.relative_to(SITE.parent)}: {HOW}")
    folder = tmp_path_factory.mktemp("site-zip")
    with zipfile.ZipFile(path) as z:
        z.extractall(folder)
    return folder / downloads.NAME


ANSWERS_JS = """async () => {
  const area = document.querySelector('script[type="application/vnd.jupyter.widget-view+json"]').previousElementSibling;
  area.scrollIntoView();
  const deadline = Date.now() + 30000;
  while (!area.querySelector('.mlp-explorer svg, .anywidget-host-error') && Date.now() < deadline)
    await new Promise(r => setTimeout(r, 50));
  if (area.querySelector('.anywidget-host-error')) return area.textContent;
  const drawing = () => [...area.querySelectorAll('svg')].map(s => s.outerHTML).join();
  const before = drawing();
  const slider = area.querySelector('input[type=range]');
  slider.value = Number(slider.value) + Number(slider.step || 1) * 5;
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  return drawing() !== before ? 'answers' : 'the drawing did not change';
}"""


def explorer_answers(browser, url, allowed):
    """Open url with every request outside `allowed` blocked: what its explorer did."""
    context = browser.new_context(service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    left, errors = [], []

    def route(r):
        if r.request.url.startswith((allowed, "data:", "blob:")):
            r.continue_()
        else:
            left.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url, wait_until="load")
        said = page.evaluate(ANSWERS_JS)
        maths = page.locator("mjx-container svg").count()
    finally:
        context.close()
    return said, maths, left, errors


def test_the_site_zip_works_served_with_no_network(unzipped, browser):
    assert (unzipped / "index.html").is_file() and not (unzipped / "downloads").exists()
    handler = functools.partial(_QuietHandler, directory=str(unzipped))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        said, maths, left, errors = explorer_answers(browser, base + "book/02_single_neuron.html", base)
    finally:
        server.shutdown()
        server.server_close()
    assert said == "answers" and maths > 10, (said, maths)
    assert not left and not errors, (left, errors)


def test_the_site_zip_works_from_disk(unzipped, browser):
    page = unzipped / "book" / "02_single_neuron.html"
    said, maths, left, errors = explorer_answers(browser, page.as_uri(), unzipped.as_uri())
    assert said == "answers" and maths > 10, (said, maths)
    assert not left and not errors, (left, errors)


def test_the_zipped_intro_links_the_downloads_on_the_website(unzipped):
    intro = (unzipped / "book" / "intro.html").read_text()
    for name in (downloads.BOOK_PDF, downloads.STUDENT_PDF, downloads.SITE_ZIP):
        assert f'href="{downloads.website()}downloads/{name}"' in intro, name
        assert f'href="../downloads/{name}"' in (SITE / "book" / "intro.html").read_text(), name
