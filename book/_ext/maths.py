"""The book's maths, typeset while the site is built (loaded from _config.yml, sphinx.local_extensions).

Every page used to load MathJax from a CDN (260 kB gzipped, plus fonts) and typeset in the
reader's browser, seconds of work on a phone. Here Sphinx's math renderer is ``"svg"``
(``html_math_renderer`` in _config.yml): math nodes are written as MathJax's own renderer
writes them (``<span class="math">\\(...\\)</span>``, ``<div class="math">\\[...\\]</div>``,
so equation ids, numbers and ``{eq}`` links stay as they were), and when the build has
written its pages, the TeX inside each (body and tables of contents alike) is replaced by
MathJax's SVG, typeset by ``tex_to_svg.mjs`` under node (MathJax 3 bundled by ``npm run
build`` in mlp_lib/widgets/js, from ``src/maths/tex-to-svg.js``):

- each SVG is ``aria-hidden`` and followed by the same expression as MathML
  (``<mjx-assistive-mml>``), which screen readers read;
- glyph outlines are defined once per page (a hidden ``<svg>`` of ``<defs>`` at the start of
  the body) and drawn with ``currentColor``, so the maths follows dark mode;
- a display equation wider than a phone's column takes the keyboard focus (it scrolls
  sideways there, and a keyboard must be able to scroll it);
- ``_static/maths.css`` holds the few rules these need (MathJax's stylesheet for them).

A TeX error is a build warning naming the page and the TeX (so ``-W`` fails). The build
needs ``node`` (Node.js 18 or newer) on PATH.
"""
import atexit
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.ext.mathjax import html_visit_displaymath, html_visit_math
from sphinx.util import logging

logger = logging.getLogger(__name__)
TYPESETTER = Path(__file__).with_name("tex_to_svg.mjs")
INLINE = re.compile(r'(<span class="math notranslate nohighlight"[^>]*>)\\\((.*?)\\\)(</span>)', re.S)
DISPLAY = re.compile(r'(<div class="(?:amsmath )?math notranslate nohighlight"[^>]*>)(.*?)(</div>)', re.S)  # amsmath: MyST's
DISPLAY_TEX = re.compile(r'^(.*?)\\\[(.*)\\\]\s*$', re.S)  # eqno span (if numbered), then \[...\]


class Typesetter:
    """One node process for the whole build, started on first use (one per process)."""

    def __init__(self):
        self.process, self.pid = None, None

    def ask(self, request):
        if self.process is None or self.pid != os.getpid() or self.process.poll() is not None:
            node = shutil.which("node")
            if node is None:
                raise ExtensionError("the book's maths are typeset when the site is built, by node "
                                     "(Node.js 18 or newer), and there is no `node` on PATH")
            self.process = subprocess.Popen([node, str(TYPESETTER)], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, text=True, encoding="utf-8")
            self.pid = os.getpid()
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise ExtensionError(f"{TYPESETTER.name} stopped without an answer (exit code "
                                 f"{self.process.wait()}); run it by hand to see why")
        return json.loads(line)

    def close(self):
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=30)


TYPESETTER_PROCESS = Typesetter()
atexit.register(TYPESETTER_PROCESS.close)


def find_maths(body):
    """[(start, end, before, tex, after, display)] for every math placeholder in a page body."""
    found = []
    for m in INLINE.finditer(body):
        found.append((m.start(), m.end(), m.group(1), html.unescape(m.group(2)), m.group(3), False))
    for m in DISPLAY.finditer(body):
        inner = DISPLAY_TEX.match(m.group(2))
        prefix, tex = (inner.group(1), inner.group(2)) if inner else ("", m.group(2))  # nowrap: TeX as is
        found.append((m.start(), m.end(), m.group(1) + prefix, html.unescape(tex).strip(), m.group(3), True))
    return sorted(found)


WIDE_EX = 40  # a display equation wider than this scrolls sideways in a phone's column (~45 ex)
SVG_WIDTH = re.compile(r'<svg[^>]*?(?:min-width: ([\d.]+)ex|width="([\d.]+)ex")')


def focusable_if_wide(container):
    """A display equation that may scroll sideways takes the keyboard focus, so it can be
    scrolled without a mouse (WCAG 2.1.1; axe: scrollable-region-focusable)."""
    width = SVG_WIDTH.search(container)
    if width and float(width.group(1) or width.group(2)) > WIDE_EX:
        return container.replace("<mjx-container ", '<mjx-container tabindex="0" ', 1)
    return container


def typeset(html_text, pagename="?"):
    """The page with every math placeholder typeset, and its glyph outlines after <body ...>."""
    maths = find_maths(html_text)
    if not maths:
        return html_text
    answer = TYPESETTER_PROCESS.ask({"maths": [{"tex": tex, "display": display}
                                               for _, _, _, tex, _, display in maths]})
    pieces, at = [], 0
    for (start, end, before, tex, after, display), svg, error in zip(maths, answer["html"], answer["errors"]):
        if display:
            svg = focusable_if_wide(svg)
        if error:
            logger.warning(f"TeX error in {tex!r}: {error}", location=pagename, type="maths", subtype="tex")
        pieces += [html_text[at:start], before, svg, after]
        at = end
    pieces.append(html_text[at:])
    page = "".join(pieces)
    body = re.search(r"<body[^>]*>", page)
    return page[:body.end()] + answer["defs"] + page[body.end():] if body else answer["defs"] + page


PAGES_WRITTEN = set()  # by this build, so far


def remember_page(app, pagename, templatename, context, doctree):
    if app.builder.math_renderer_name == "svg":
        PAGES_WRITTEN.add(pagename)


def typeset_written_pages(app, exception):
    """Typeset every page this build wrote (its body and its tables of contents alike)."""
    if exception is not None or app.builder.format != "html" or app.builder.math_renderer_name != "svg":
        return
    try:
        for pagename in sorted(PAGES_WRITTEN):
            path = Path(app.builder.get_outfilename(pagename))
            text = path.read_text(encoding="utf-8")
            new = typeset(text, pagename)
            if new != text:
                path.write_text(new, encoding="utf-8")
    finally:
        PAGES_WRITTEN.clear()
        TYPESETTER_PROCESS.close()


def write_stylesheet(app):
    if app.builder.format == "html" and app.builder.math_renderer_name == "svg":
        static = Path(app.outdir, "_static")
        static.mkdir(parents=True, exist_ok=True)
        (static / "maths.css").write_text(TYPESETTER_PROCESS.ask({"css": True})["css"], encoding="utf-8")


def setup(app):
    app.setup_extension("sphinx.ext.mathjax")  # its writers of math nodes, and their settings
    app.add_html_math_renderer("svg", (html_visit_math, None), (html_visit_displaymath, None))
    app.add_css_file("maths.css")
    app.connect("builder-inited", write_stylesheet)
    app.connect("html-page-context", remember_page)
    app.connect("build-finished", typeset_written_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
