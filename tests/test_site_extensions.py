"""The book's Sphinx extensions that keep pages light (book/_ext): maths typeset at build time,
icon fonts cut down, figures sized and lazy. Their parts that work on text, on small inputs;
the built site itself is checked in test_site_browser.py and by the page budgets."""
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import icons  # noqa: E402
import images  # noqa: E402
import maths  # noqa: E402


def test_math_placeholders_are_found_with_their_tex_unescaped():
    body = ('<p>a <span class="math notranslate nohighlight">\\(w &lt; b\\)</span> b</p>'
            '<div class="math notranslate nohighlight" id="eq-2-1">\n\\[\nh = 1 \\tag{2.1}\n\\]</div>'
            '<div class="amsmath math notranslate nohighlight" id="eq-2-4">\n\\begin{equation*}x\\end{equation*}</div>')
    found = maths.find_maths(body)
    assert [(tex, display) for _, _, _, tex, _, display in found] == [
        ("w < b", False), ("h = 1 \\tag{2.1}", True), ("\\begin{equation*}x\\end{equation*}", True)]
    assert found[1][2] == '<div class="math notranslate nohighlight" id="eq-2-1">\n'  # the id stays


def test_typesetting_keeps_ids_and_numbers_and_reports_tex_errors(monkeypatch):
    if maths.shutil.which("node") is None:
        pytest.skip("node is not on PATH")
    page = ('<html><body class="x"><span class="math notranslate nohighlight">\\(\\theta\\)</span>'
            '<div class="math notranslate nohighlight" id="eq-1-1">\n\\[\nJ = 1 \\tag{1.1}\n\\]</div>'
            '<span class="math notranslate nohighlight">\\(\\frac{1}\\)</span></body></html>')
    warnings = []
    monkeypatch.setattr(maths.logger, "warning", lambda message, **kw: warnings.append((message, kw)))
    out = maths.typeset(page, "book/x")
    maths.TYPESETTER_PROCESS.close()
    assert out.count("<mjx-container") == 3 and "\\(" not in out.split("</svg>", 1)[1]
    assert '<body class="x"><svg style="display: none;" aria-hidden="true"><defs>' in out  # glyphs once, first
    assert 'id="eq-1-1"' in out and "(1.1)" in out  # the anchor {eq} links to, the notes' number (MathML)
    assert out.count("<mjx-assistive-mml") == 3 and 'aria-hidden="true"' in out
    assert len(warnings) == 1 and "\\frac{1}" in warnings[0][0] and warnings[0][1]["location"] == "book/x"


def test_only_wide_display_equations_take_the_focus():
    wide = '<mjx-container class="MathJax" display="true"><svg style="min-width: 56.3ex;" width="100%">'
    narrow = '<mjx-container class="MathJax" display="true"><svg style="vertical-align: -1ex;" width="12.5ex">'
    assert maths.focusable_if_wide(wide).startswith('<mjx-container tabindex="0" ')
    assert maths.focusable_if_wide(narrow) == narrow


CSS = ('.a{color:red}.fa-rocket:before{content:"\\f135"}.fa-github:before,.fa-gh:before{content:"\\f09b"}'
       '.fa-unused:before{content:"\\f000"}:root{--pst-icon-bell:"\\f0f3"}'
       '@media print{.fa-other:before{content:"\\f111"}}')


def test_icon_rules_of_unused_icons_go_and_every_glyph_still_named_is_kept():
    css, points = icons.prune_icon_rules(CSS, {"rocket", "gh"})
    assert ".fa-unused" not in css and ".fa-rocket:before" in css and ".fa-github:before,.fa-gh:before" in css
    assert ".a{color:red}" in css and "@media print" in css  # everything else as it was
    assert points == {0xF135, 0xF09B, 0xF0F3}  # kept icons and the theme's --pst-icon-* variables


def test_used_icon_names_come_from_pages_and_scripts(tmp_path):
    (tmp_path / "_static" / "vendor").mkdir(parents=True)
    (tmp_path / "page.html").write_text('<i class="fa-solid fa-rocket"></i>')
    (tmp_path / "_static" / "theme.js").write_text('e.classList.add("fa-xmark")')
    (tmp_path / "_static" / "vendor" / "fontawesome.js").write_text('"fa-everything"')
    assert icons.used_icon_names(tmp_path) == {"solid", "rocket", "xmark"}


def test_figures_get_their_size_all_but_the_first_load_lazily_and_each_links_to_itself(tmp_path):
    (tmp_path / "_images").mkdir()
    (tmp_path / "book").mkdir()
    for name, size in (("a.png", (300, 200)), ("b.png", (640, 480))):
        Image.new("RGB", size).save(tmp_path / "_images" / name)
    page = ('<img alt="first" src="../_images/a.png" /><img alt="second" src="../_images/b.png" />'
            '<img alt="logo" src="../_static/logo.svg"><a href="x"><img alt="linked" src="../_images/a.png"></a>')
    out = images.sized_and_lazy(page, tmp_path / "book" / "x.html", tmp_path)
    link = '<a class="companion-figure-link" href="{}" title="Open the figure at full size">'
    assert link.format("../_images/a.png") + '<img alt="first" src="../_images/a.png" width="300" height="200" /></a>' in out
    assert (link.format("../_images/b.png") +
            '<img alt="second" src="../_images/b.png" width="640" height="480" loading="lazy" /></a>') in out
    assert '<img alt="logo" src="../_static/logo.svg">' in out
    assert '<a href="x"><img alt="linked" src="../_images/a.png" width="300" height="200" loading="lazy"></a>' in out


def test_each_page_stylesheet_is_the_files_it_joins_as_the_site_has_them():
    """The joined stylesheets (book/_ext/styles.py) are written after every extension has
    written its own styles (the theme rewrites pygments.css when the build finishes)."""
    import re

    from test_site_browser import SITE, skip_or_fail
    import styles

    bundles = sorted((SITE / "_static").glob("styles-*.css"))
    if not bundles:
        skip_or_fail(f"no joined stylesheet in {SITE}: build the book first")
    for bundle in bundles:
        parts = re.split(r"^/\* (_static/\S+) \*/\n", bundle.read_text(encoding="utf-8"), flags=re.M)[1:]
        names = parts[0::2]
        assert len(names) >= 5 and "_static/pygments.css" in names, names
        for name, text in zip(names, parts[1::2]):
            assert text == (SITE / name).read_text(encoding="utf-8") + "\n", f"{bundle.name}: {name} is stale"
    assert styles.RELATIVE_URL.search("a{background:url(file.png)}")
    assert not styles.RELATIVE_URL.search("a{background:url(data:image/png;base64,AA)}")
