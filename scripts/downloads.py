"""Build the book's downloads: the PDF edition, the student PDF and the whole site as one zip.

usage: python scripts/downloads.py [--site DIR] [--student DIR] [--skip-student-build]

Reads the built site (DIR, default _build/html: README command 1 builds it), builds the student
edition (scripts/student_edition.py, into _build/student) and writes, in DIR/downloads/ (the
addresses the intro and the README link to):
- deep-learning-interactively.pdf: the whole book;
- deep-learning-interactively-student.pdf: the same from the student edition (no solutions);
- deep-learning-interactively-site.zip: the site, to open from disk or serve with
  `python -m http.server`, with no network (the PDFs are links to the website's).

Each PDF is chromium's print (Playwright's page.pdf, as Ctrl+P prints a page: the print styles
of book/_site/_static/companion.css and the explorers' ui/figure.js) of every page of _toc.yml,
each with every explorer drawn at its saved state, joined by pypdf behind a title page and a
table of contents, numbered at the foot: a bookmark per chapter (its sections beneath), links
between pages turned into links inside the PDF (to the very equation, exercise or section),
links to files of the site into links to the website. Chosen over Jupyter Book's LaTeX builder:
the explorers' drawings, the maths and the figures print exactly as on the site, and it needs
nothing CI does not already install (chromium for the browser checks; TeX Live would add about
1 GB). Prints the sizes and the time it took.
"""
import argparse
import functools
import html
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pypdf
import yaml
from chromium import chromium_path
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NullObject

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))  # student_edition (imported in main)

NAME = "deep-learning-interactively"
BOOK_PDF, STUDENT_PDF, SITE_ZIP = f"{NAME}.pdf", f"{NAME}-student.pdf", f"{NAME}-site.zip"
INTERNAL = "https://pdf-edition.invalid/"  # a link to another page, until it becomes a link inside the PDF
MARGIN = {"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"}
TIMEOUT_MS = 120_000


def toc_pages():
    """The book's pages in order: paths in the site (book/02_single_neuron.html)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    return [f"{f}.html" for f in files]


def website():
    """The website's address (https://<owner>.github.io/<name>/), as the book build derives it."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    baseurl = (config.get("html") or {}).get("baseurl") or ""
    if baseurl:
        return baseurl.rstrip("/") + "/"
    m = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)/?", config["repository"]["url"])
    return f"https://{m.group(1).lower()}.github.io/{m.group(2)}/"


class Served:
    """The folder served on 127.0.0.1 (a free port) while in the with block."""

    def __init__(self, folder):
        handler = type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


# In the page, before it is printed: every explorer drawn, every figure loaded, and each link
# pointing where it will work in the PDF. A link to a place in this page stays (chromium makes
# it a link inside the PDF); one to another page of the book becomes INTERNAL + its path (made
# a link inside the PDF when the pages are joined); one to another file of the site (a figure,
# a notebook) goes to the website. Chromium keeps a named destination only for an id that a
# link of the page points to: a hidden link to every id keeps them all, for the links from
# other pages. The explorers' "Live at" addresses name the website.
PREPARE_JS = """async ([site, internal, web]) => {
  if (globalThis.anywidgetHost) await globalThis.anywidgetHost.showAll();
  for (const img of document.images) img.loading = 'eager';
  await Promise.all([...document.images].map(img => img.complete ? null : new Promise(r => { img.onload = img.onerror = r; })));
  const here = location.href.split('#')[0];
  const toWeb = href => href.startsWith(site) ? web + href.slice(site.length) : href;
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.getAttribute('href'), here);
    const page = url.href.split('#')[0];
    if (page === here && url.hash) a.setAttribute('href', url.hash);
    else if (page.startsWith(site) && url.pathname.endsWith('.html')) a.href = internal + page.slice(site.length) + url.hash;
    else a.href = toWeb(url.href);
  }
  const keep = document.createElement('div');
  keep.style.display = 'none';
  for (const el of document.querySelectorAll('article [id]')) {
    const a = document.createElement('a'); a.href = '#' + el.id; keep.append(a);
  }
  document.body.append(keep);
  addEventListener('beforeprint', () => {  // after the host's: it writes the settings lines first
    for (const a of document.querySelectorAll('a.anywidget-live-link')) { a.href = toWeb(a.href); a.textContent = a.href; }
  });
  const text = h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(e => e.remove());
    return c.textContent.replace(/\\s+/g, ' ').trim(); };
  const h1 = document.querySelector('article h1');
  return { title: h1 ? text(h1) : document.title,
           headings: [...document.querySelectorAll('article section[id] > :is(h2, h3)')]
             .map(h => [Number(h.tagName[1]) - 1, h.parentElement.id, text(h)]) };
}"""


def print_pages(browser, site, paths, folder):
    """Print every page to folder/NN.pdf; [(path, title, pdf, headings: [(level, section id, words)])]."""
    done = []
    with Served(site) as served:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light",
                                      service_workers="block")
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith((served.url, "data:", "blob:"))
                      else r.abort())
        problems = []
        for i, path in enumerate(paths):
            page = context.new_page()
            page.on("console", lambda m, path=path: m.type == "error" and problems.append(f"{path}: {m.text}"))
            page.on("pageerror", lambda e, path=path: problems.append(f"{path}: {e}"))
            page.goto(served.url + path, wait_until="load")
            found = page.evaluate(PREPARE_JS, [served.url, INTERNAL, website()])
            pdf = folder / f"{i:02d}.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True, margin=MARGIN, tagged=True)
            page.close()
            done.append((path, found["title"], pdf, found["headings"]))
        context.close()
    if problems:
        raise SystemExit("the pages did not print cleanly:\n  " + "\n  ".join(problems))
    return done


def commit():
    run = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return run.stdout.strip() or "unknown"


def front_matter(browser, edition, chapters, first_pages, folder):
    """The title page and the table of contents (each entry a link to its chapter), as a PDF."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    rows = "".join(f'<li><a href="{INTERNAL}{path}"><span>{html.escape(title)}</span>'
                   f'<span class="n">{first}</span></a></li>'
                   for (path, title, *_), first in zip(chapters, first_pages))
    page_html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(config['title'])}</title>
<style>
  body {{ font: 12pt/1.45 system-ui, "DejaVu Sans", sans-serif; color: #222; margin: 0; }}
  .title {{ height: 250mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }}
  h1 {{ font-size: 30pt; margin: 0 0 6mm; }} .sub {{ font-size: 14pt; color: #444; }}
  .small {{ font-size: 10pt; color: #555; margin-top: 20mm; }}
  ol {{ list-style: none; padding: 0; }} li a {{ display: flex; justify-content: space-between; color: #222;
  text-decoration: none; padding: 1.6mm 0; border-bottom: 0.2mm dotted #999; }}
</style></head><body>
<section class="title"><h1>{html.escape(config['title'])}</h1>
<p class="sub">A companion to the Deep Learning chapter of the Stanford CS229 lecture notes<br>{html.escape(edition)}</p>
<p class="small">{html.escape(config['author'])}<br>Built from commit {commit()} on {time.strftime('%Y-%m-%d')}.
Every explorer is printed at its saved settings; each is live at the address printed beside it, on
<a href="{website()}">{website()}</a>.</p></section>
<section><h2>Contents</h2><ol>{rows}</ol></section></body></html>"""
    page = browser.new_page()
    page.set_content(page_html)
    pdf = folder / "front.pdf"
    page.pdf(path=str(pdf), format="A4", margin=MARGIN)
    page.close()
    return pdf


def page_numbers(browser, count, folder):
    """A PDF of `count` blank A4 pages, each with its number at the foot but the first (the
    title page): laid over the book's pages, so that the contents' numbers are on the paper."""
    pages = "".join(f'<div class="p"><span>{n if n > 1 else ""}</span></div>' for n in range(1, count + 1))
    page = browser.new_page()
    page.set_content(f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
      body {{ margin: 0; font: 9pt system-ui, "DejaVu Sans", sans-serif; color: #555; }}
      .p {{ height: 296mm; position: relative; overflow: hidden; break-after: page; }}
      .p span {{ position: absolute; bottom: 6mm; left: 0; right: 0; text-align: center; }}
    </style></head><body>{pages}</body></html>""")
    pdf = folder / "numbers.pdf"
    page.pdf(path=str(pdf), format="A4", margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
    page.close()
    return pdf


def join(front, chapters, numbers, out, edition):
    """One PDF: the front matter, then the chapters, with page numbers, bookmarks and the links
    inside it."""
    writer = pypdf.PdfWriter()
    writer.append(front, import_outline=False)
    starts, dests = {}, {}
    for path, title, pdf, headings in chapters:
        reader = pypdf.PdfReader(pdf)
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        starts[path] = start
        for name, dest in reader.named_destinations.items():
            dests[(path, name.lstrip("/"))] = (start + reader.get_destination_page_number(dest), dest.top)
        # a bookmark per chapter, its sections (h2) and subsections (h3) beneath
        parents = {0: writer.add_outline_item(title=title, page_number=start, is_open=False)}
        for level, section, words in headings:
            page = dests.get((path, section), (start, None))[0]
            parents[level] = writer.add_outline_item(title=words, page_number=page,
                                                     parent=parents.get(level - 1, parents[0]), is_open=False)
    order = [path for path, *_ in chapters]

    def chapter_of(index):
        return max((p for p in order if starts[p] <= index), key=lambda p: starts[p], default=None)

    def goto(target, top):
        return ArrayObject([writer.pages[target].indirect_reference, NameObject("/XYZ"), NullObject(),
                            FloatObject(top) if top is not None else NullObject(), NullObject()])

    unresolved = []
    for index, page in enumerate(writer.pages):
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            dest = annot.get("/Dest")
            if action is not None and action.get("/S") == "/URI" and str(action.get("/URI")).startswith(INTERNAL):
                parts = urlsplit(str(action["/URI"])[len(INTERNAL):])
                path, anchor = unquote(parts.path), unquote(parts.fragment)
                if path not in starts:
                    unresolved.append(path)
                    annot[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                                NameObject("/URI"): pypdf.generic.TextStringObject(website() + path)})
                    continue
                target, top = dests.get((path, anchor), (starts[path], None))
                del annot["/A"]
                annot[NameObject("/Dest")] = goto(target, top)
            elif dest is not None and not isinstance(dest.get_object(), ArrayObject):
                # a link to a place in its own page: chromium names the place; name it by page here
                here = chapter_of(index)
                found = dests.get((here, str(dest.get_object()).lstrip("/")))
                if found:
                    annot[NameObject("/Dest")] = goto(*found)
    if unresolved:
        print(f"{len(unresolved)} links to pages of the site outside the book (its source code pages) go to the website")
    overlay = pypdf.PdfReader(numbers)
    assert len(overlay.pages) == len(writer.pages), (len(overlay.pages), len(writer.pages))
    for page, number in zip(writer.pages, overlay.pages):
        page.merge_page(number)
        page.compress_content_streams()  # the merged page's drawing is written anew, uncompressed
    writer.page_mode = "/UseOutlines"
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    writer.add_metadata({"/Title": f"{config['title']} ({edition})", "/Author": config["author"],
                         "/Subject": "A companion to the CS229 lecture notes chapter Deep Learning"})
    with open(out, "wb") as f:
        writer.write(f)
    return len(writer.pages)


def pdf_edition(browser, site, out, edition):
    """Print the site's pages and join them into `out`; returns the page count."""
    with tempfile.TemporaryDirectory(prefix="pdf-edition-") as tmp:
        folder = Path(tmp)
        chapters = print_pages(browser, site, toc_pages(), folder)
        counts = [len(pypdf.PdfReader(pdf).pages) for _, _, pdf, _ in chapters]
        front = front_matter(browser, edition, chapters, [0] * len(chapters), folder)
        offset = len(pypdf.PdfReader(front).pages)
        firsts, n = [], offset + 1
        for count in counts:
            firsts.append(n)
            n += count
        front = front_matter(browser, edition, chapters, firsts, folder)  # now with the page numbers
        assert len(pypdf.PdfReader(front).pages) == offset
        return join(front, chapters, page_numbers(browser, n - 1, folder), out, edition)


def site_zip(site, out):
    """The site as one zip, in a folder named NAME, without its downloads (the PDFs would
    quadruple it): the intro's links to them lead to the website's copies."""
    files = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(site.rglob("*")):
            rel = path.relative_to(site).as_posix()
            if not path.is_file() or rel.startswith("downloads/"):
                continue
            data = path.read_bytes()
            if path.suffix == ".html":
                data = data.replace(b'href="../downloads/', f'href="{website()}downloads/'.encode())
            z.writestr(f"{NAME}/{rel}", data)
            files += 1
    return files


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="the built site (default _build/html)")
    parser.add_argument("--student", type=Path, default=ROOT / "_build" / "student",
                        help="the student edition's folder (default _build/student)")
    parser.add_argument("--skip-student-build", action="store_true",
                        help="use the student edition already in --student instead of building it")
    args = parser.parse_args(argv)
    site, student = args.site.resolve(), args.student.resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"no built site at {site}: build it first (README command 1)")
    from playwright.sync_api import sync_playwright

    start = time.perf_counter()
    if not args.skip_student_build:
        import student_edition
        student_edition.build(student)
    built = time.perf_counter()
    downloads = site / "downloads"
    downloads.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        if chromium_path(playwright) is None:
            raise SystemExit("no chromium: `.venv/bin/python -m playwright install chromium`, or set CHROMIUM")
        browser = playwright.chromium.launch(executable_path=chromium_path(playwright), headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        pages = pdf_edition(browser, site, downloads / BOOK_PDF, "PDF edition")
        printed = time.perf_counter()
        student_pages = pdf_edition(browser, student / "html", downloads / STUDENT_PDF,
                                    "Student edition: the exercises without their solutions")
        browser.close()
    printed_student = time.perf_counter()
    files = site_zip(site, downloads / SITE_ZIP)
    zipped = time.perf_counter()
    mb = lambda p: p.stat().st_size / 1e6  # noqa: E731
    print(f"{downloads / BOOK_PDF}: {pages} pages, {mb(downloads / BOOK_PDF):.1f} MB ({printed - built:.0f} s)")
    print(f"{downloads / STUDENT_PDF}: {student_pages} pages, {mb(downloads / STUDENT_PDF):.1f} MB "
          f"({printed_student - printed:.0f} s; the student site's build {built - start:.0f} s)")
    print(f"{downloads / SITE_ZIP}: {files} files, {mb(downloads / SITE_ZIP):.1f} MB ({zipped - printed_student:.0f} s)")
    print(f"took {zipped - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
