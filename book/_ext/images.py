"""Figures that cost nothing until they are near, keep their place, and open at full size
(loaded from _config.yml, sphinx.local_extensions).

When the build has written its pages, every image a page shows from ``_images/`` (the
figures the chapters' code cells drew)

- gets its size in pixels as ``width`` and ``height``, so the browser keeps its place before
  it arrives (no layout shift; companion.css gives it ``height: auto`` so it still shrinks
  with the column);
- loads lazily, all but a page's first: the browser fetches it only when the reader scrolls
  near it (the first may be what a reader sees first: a lazy load would only delay it);
- becomes a link to its own file, so that a figure a phone shrinks (to a third, for a
  1,000-pixel figure) opens at full size when tapped; its alt text names the link. (A script
  did this in the page, moving every figure once the page had loaded: on a phone, a second
  round of style and layout for the whole page.)
"""
import re
from pathlib import Path

from PIL import Image

IMG = re.compile(r"<img\b[^>]*>")
OPEN_LINK = re.compile(r"<a\b[^>]*>\s*$")
SRC = re.compile(r'\ssrc="([^"]+)"')
PAGES_WRITTEN = set()  # by this build, so far


def sized_and_lazy(page_html, page_path, outdir):
    """The page with its ``_images/`` figures sized, all but the first lazy, each a link to
    its own file (unless it is in a link already)."""
    seen = 0

    def fix(match):
        nonlocal seen
        tag = match.group(0)
        src = SRC.search(tag)
        if not src or "_images/" not in src.group(1) or " width=" in tag or " height=" in tag:
            return tag
        file = (page_path.parent / src.group(1).split("?")[0]).resolve()
        if outdir.resolve() not in file.parents or not file.is_file():
            return tag
        with Image.open(file) as image:
            width, height = image.size
        seen += 1
        extra = f' width="{width}" height="{height}"' + (' loading="lazy"' if seen > 1 else "")
        tag = tag[:-2].rstrip() + extra + " />" if tag.endswith("/>") else tag[:-1] + extra + ">"
        if OPEN_LINK.search(match.string[max(0, match.start() - 300):match.start()]):
            return tag
        return (f'<a class="companion-figure-link" href="{src.group(1)}" '
                f'title="Open the figure at full size">{tag}</a>')

    return IMG.sub(fix, page_html)


def remember_page(app, pagename, templatename, context, doctree):
    PAGES_WRITTEN.add(pagename)


def fix_written_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for pagename in sorted(PAGES_WRITTEN):
        path = Path(app.builder.get_outfilename(pagename))
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            new = sized_and_lazy(text, path, outdir)
            if new != text:
                path.write_text(new, encoding="utf-8")
    PAGES_WRITTEN.clear()


def setup(app):
    app.connect("html-page-context", remember_page)
    app.connect("build-finished", fix_written_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
