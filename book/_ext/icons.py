"""The theme's icons at a few kilobytes (loaded from _config.yml, sphinx.local_extensions).

pydata-sphinx-theme draws its header and sidebar icons with Font Awesome: a 1.5 MB script
(``fontawesome.js``, 530 kB gzipped) that turns every ``<i class="fa-...">`` into an SVG, and
the same icons as web fonts (fa-solid 156 kB, fa-brands 118 kB, fa-regular 25 kB) with a CSS
rule per icon (2,479 of them) in the theme's stylesheet; the book shows about twenty.

- ``book/_templates/static/webpack-macros.html`` leaves the script out; the icons are drawn
  by the fonts through the theme's CSS, as they are in a browser without JavaScript.
- When the build has finished, the fonts are cut down (fontTools) to the glyphs the site
  uses: the icons named by a ``fa-<name>`` class in a page or a script of the site, and
  every glyph the stylesheets put in a ``content`` (the theme's ``--pst-icon-*`` variables:
  admonitions, external links, breadcrumbs). They are written as WOFF beside the originals,
  the stylesheet's ``@font-face`` rules point at them, and its rules for icons no page uses
  are dropped.
"""
import re
from pathlib import Path

import tinycss2
from fontTools import subset
from sphinx.util import logging

logger = logging.getLogger(__name__)
THEME_CSS = Path("_static", "styles", "pydata-sphinx-theme.css")
FONTS = Path("_static", "vendor", "fontawesome", "webfonts")
ICON_CLASS = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
ICON_RULE = re.compile(r"^\.fa-([a-z0-9-]+)::?before$")
FONT_SRC = re.compile(r"src:url\(\.\./vendor/fontawesome/webfonts/(fa-[a-z]+-\d+)\.woff2\)[^;}]*")
CODEPOINT = re.compile(r"\\([0-9a-fA-F]{2,6})\s?")


def used_icon_names(outdir):
    """Every ``fa-<name>`` in the site's pages and scripts (not Font Awesome's own files)."""
    names = set()
    for path in list(Path(outdir).rglob("*.html")) + list(Path(outdir, "_static").rglob("*.js")):
        if "fontawesome" in path.name or "vendor" in path.parts:
            continue
        names |= set(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def icon_codepoints(css_text):
    """The private-use code points (Font Awesome's icons) in serialized CSS, written as the
    characters themselves or as escapes such as ``"\\f0c9"``."""
    found = {ord(c) for c in css_text} | {int(h, 16) for h in CODEPOINT.findall(css_text)}
    return {p for p in found if 0xE000 <= p <= 0xF8FF}


def prune_icon_rules(css, used):
    """(css without the ``.fa-<name>:before`` rules of unused icons, code points the kept
    rules and every other ``content`` or custom property of it name)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept, points = [], set()
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            names = [ICON_RULE.match(s) for s in selectors]
            if all(names) and not {n.group(1) for n in names} & used:
                continue
            points |= icon_codepoints(tinycss2.serialize(rule.content))
        kept.append(rule)
    return tinycss2.serialize(kept), points


def subset_font(source, target, unicodes):
    options = subset.Options()
    options.flavor = "woff"  # zlib: WOFF2's brotli is not in this environment
    options.layout_features = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def cut_icons(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    css_path = outdir / THEME_CSS
    if not css_path.is_file() or not (outdir / FONTS).is_dir():
        return
    css = css_path.read_text(encoding="utf-8")
    if "fa-subset" in css:  # already cut by an earlier build into the same folder
        return
    used = used_icon_names(outdir)
    css, points = prune_icon_rules(css, used)

    def point_at_subset(match):
        font = match.group(1)
        subset_font(outdir / FONTS / f"{font}.ttf", outdir / FONTS / f"{font}.fa-subset.woff", points)
        return f'src:url(../vendor/fontawesome/webfonts/{font}.fa-subset.woff) format("woff")'

    css = FONT_SRC.sub(point_at_subset, css)
    css_path.write_text(css, encoding="utf-8")
    logger.info(f"icons: {len(used)} Font Awesome names used, fonts cut to {len(points)} glyphs")


def setup(app):
    app.connect("build-finished", cut_icons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
