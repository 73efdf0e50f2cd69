"""One stylesheet for the extensions' styles of a page (loaded from _config.yml,
sphinx.local_extensions).

Every extension adds its own small stylesheet to every page (pygments, sphinx-book-theme,
togglebutton, copybutton, myst-nb, sphinx-thebe, sphinx-exercise, sphinx-design, the maths,
the book's own): ten requests the browser must finish before it paints anything, more than
the six connections a browser opens to one host, so a phone on a slow network waits for a
second round of them. Here a page links one file instead, ``_static/styles-<hash>.css``: the
same files, in the same order, one after the other (none of them holds a relative ``url()``
that would change meaning by moving; a file that does, or one for another medium, keeps its
own link). The file is written when the build has finished, when every static file is in
place (the name is the hash of the files' names, so pages that link the same files share it).
"""
import hashlib
import re
from pathlib import Path

from sphinx.builders.html._assets import _CascadingStyleSheet

RELATIVE_URL = re.compile(r"url\(\s*['\"]?(?!data:|https?:|/)", re.I)
BUNDLES = {}  # bundle file -> the files it joins, for the pages this build wrote


def joinable(css):
    name = str(css.filename)
    return ("://" not in name and name.endswith(".css") and css.attributes.get("rel") == "stylesheet"
            and css.attributes.get("media") in (None, "all", "screen, print"))


def join_page_styles(app, pagename, templatename, context, doctree):
    styles = context.get("css_files")
    if not styles:
        return
    joined = [css for css in styles if joinable(css)]
    if len(joined) < 2:
        return
    names = [str(css.filename) for css in joined]
    bundle = f"_static/styles-{hashlib.sha256(' '.join(names).encode()).hexdigest()[:16]}.css"
    BUNDLES[bundle] = names
    first = styles.index(joined[0])
    kept = [css for css in styles if css not in joined]
    kept.insert(first, _CascadingStyleSheet(bundle, rel="stylesheet", type="text/css"))
    styles[:] = kept


def write_bundles(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for bundle, names in BUNDLES.items():
        parts = []
        for name in names:
            text = (outdir / name).read_text(encoding="utf-8")
            if RELATIVE_URL.search(text):
                raise ValueError(f"{name} holds a relative url(), which would break in {bundle}: "
                                 "keep it out of the bundle (book/_ext/styles.py)")
            parts.append(f"/* {name} */\n{text}\n")
        (outdir / bundle).write_text("".join(parts), encoding="utf-8")
    BUNDLES.clear()


def setup(app):
    app.connect("html-page-context", join_page_styles, priority=990)
    app.connect("build-finished", write_bundles, priority=900)  # after the theme rewrites pygments.css
    return {"parallel_read_safe": True, "parallel_write_safe": True}
