"""The plain Jupyter notebooks the book build writes (book/_ext/jupyter_notebooks.py): what
Binder, Colab and the download button give a student.

They are read from _build/jupyter (the launch branch's files) and _build/html/_sources (the
download button's); nbval runs them as well (pyproject.toml's testpaths). Without a build these
tests skip and say so; in CI they fail.
"""
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from notebook_text import directives, exercise_numbers, fragments, quoted_text, toc_notebooks, without_solutions
from test_site_browser import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
JUPYTER = ROOT / "_build" / "jupyter"
SITE = ROOT / "_build" / "html"
REPO_URL = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"].rstrip("/")
OWNER, NAME = REPO_URL.removeprefix("https://github.com/").split("/")
WEBSITE = f"https://{OWNER.lower()}.github.io/{NAME}/"  # GitHub Pages' address of the repository
NOTEBOOKS = toc_notebooks()
# MyST that a plain Jupyter front end shows as raw text (code blocks and inline code are masked first)
MYST = {
    "a role": r"\{[\w:-]+\}`",
    "a directive": r"^\s*(:{3,}|`{3,})\{",
    "a (label)= target": r"^\([^()\s]+\)=\s*$",
    "a directive option": r"^:(label|class|name|nowrap)\:",
    "a link inside the website's sources": r"\]\((?!https?://|mailto:)[^)]*\)",
}


@pytest.fixture(scope="module")
def plain():
    """{name: the generated notebook} for every chapter."""
    if not (JUPYTER / "book").is_dir():
        skip_or_fail(f"no plain notebooks at {JUPYTER / 'book'}: the book build writes them "
                     "(`.venv/bin/jupyter-book build . -W -n --keep-going`)")
    return {path.name: nbformat.read(JUPYTER / "book" / path.name, as_version=4) for path in NOTEBOOKS}


def markdown(nb):
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def prose(source):
    """A markdown text without its code blocks and inline code (which may show MyST as examples)."""
    return re.sub(r"^```.*?^```[ \t]*$|`[^`\n]*`", "", source, flags=re.M | re.S)


def test_the_download_button_serves_the_plain_notebooks(plain):
    for path in NOTEBOOKS:
        served = SITE / "_sources" / path.relative_to(ROOT)
        assert served.read_bytes() == (JUPYTER / path.relative_to(ROOT)).read_bytes(), (
            f"the site's download of {path.name} must be its plain notebook")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_only_the_markdown_is_rewritten(plain, path):
    """Code cells, outputs and widget state are the book's own (so nbval on them checks them)."""
    nb, generated = nbformat.read(path, as_version=4), plain[path.name]
    assert generated.metadata == nb.metadata, f"{path.name}: notebook metadata and widget state kept"
    assert [c.cell_type for c in generated.cells] == [c.cell_type for c in nb.cells]
    for cell, kept in zip(nb.cells, generated.cells):
        if cell.cell_type == "code":
            assert kept == cell, f"{path.name}: a code cell changed (or the build is older than the chapter)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_myst_is_left(plain, path):
    for source in markdown(plain[path.name]):
        for what, pattern in MYST.items():
            found = re.search(pattern, prose(source), re.M)
            assert not found, f"{path.name}: {what} is left: {found.group(0)!r} in\n{source[:600]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_word_and_equation_number_is_kept(plain, path):
    nb = nbformat.read(path, as_version=4)
    for cell, kept in zip(nb.cells, plain[path.name].cells):
        if cell.cell_type == "markdown":
            lost = [words for words in fragments(cell.source) if words not in quoted_text(kept.source)]
            assert not lost, f"{path.name}: the plain notebook lost {lost}"
            assert re.findall(r"\\tag\{[^}]*\}", kept.source) == re.findall(r"\\tag\{[^}]*\}", cell.source)


def test_every_exercise_has_the_website_s_number_and_its_solution_folded(plain):
    numbers = exercise_numbers()
    assert [n for n, _, _ in numbers.values()] == list(range(1, 29))
    for path in NOTEBOOKS:
        text = "\n".join(markdown(plain[path.name]))
        mine = [(n, title) for n, title, where in numbers.values() if where == path]
        shown = [(int(n), title) for n, title in re.findall(r"^\*\*Exercise (\d+)\*\* \((.*)\)$", text, re.M)]
        assert shown == mine, f"{path.name}: exercises {shown}, the book numbers them {mine}"
        folded = re.findall(r"^<details>\n<summary>Solution to Exercise (\d+)</summary>\n\n.+?\n\n</details>$",
                            text, re.M | re.S)
        assert [int(n) for n in folded] == [n for n, _ in mine], f"{path.name}: every solution in a <details> block"
        page = SITE / path.relative_to(ROOT).with_suffix(".html")
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for label, (n, title, where) in numbers.items():
            if where == path:
                caption = " ".join(soup.find(id=label).find(class_="admonition-title").get_text(" ").split())
                assert caption == f"Exercise {n} ({title})", f"{page.name} shows {caption!r}"


def test_no_solution_is_in_plain_view(plain):
    """A solution's own words (those the book does not say elsewhere) appear only inside <details>."""
    rest = " ".join(without_solutions(nbformat.read(p, as_version=4)) for p in NOTEBOOKS)
    checked = 0
    for path in NOTEBOOKS:
        outside = quoted_text(re.sub(r"<details>.*?</details>", "",
                                     "\n".join(markdown(plain[path.name])), flags=re.S))
        for label, body in directives(nbformat.read(path, as_version=4), "solution"):
            for words in [w for w in fragments(body) if w not in rest]:
                checked += 1
                assert words not in outside, f"{path.name}: the solution {label} shows {words!r} outside <details>"
    assert checked > 28


def test_links_lead_to_pages_and_anchors_of_the_website(plain):
    """Cross-references and API roles link to the website: each to a page and anchor it has."""
    links = 0
    for path in NOTEBOOKS:
        for url in re.findall(r"\]\((https?://[^)\s]+)\)", "\n".join(markdown(plain[path.name]))):
            if not url.startswith(WEBSITE):
                continue
            links += 1
            parts = urlsplit(url.removeprefix(WEBSITE))
            page = SITE / parts.path
            assert page.is_file(), f"{path.name} links to {url}: no such page in the site"
            if parts.fragment:
                assert BeautifulSoup(page.read_text(), "html.parser").find(id=parts.fragment), (
                    f"{path.name} links to {url}: no #{parts.fragment} in {parts.path}")
    assert links > 100  # the 76 API roles, cross-chapter references and chapter links


def test_binder_finds_the_environment_beside_the_notebooks(plain):
    """What the launch branch needs to build the book's environment: requirements.txt (whose last
    line installs mlp_lib from the branch itself), runtime.txt, pyproject.toml, mlp_lib/."""
    for name in ["requirements.txt", "runtime.txt", "pyproject.toml", "LICENSE"]:
        assert (JUPYTER / name).read_bytes() == (ROOT / name).read_bytes(), name
    assert (JUPYTER / "requirements.txt").read_text().strip().splitlines()[-1] == "-e ."
    tracked = subprocess.run(["git", "ls-files", "mlp_lib"], cwd=ROOT, capture_output=True, text=True, check=True)
    package = [f for f in tracked.stdout.split() if not f.startswith("mlp_lib/widgets/js/")]
    assert any(f.startswith("mlp_lib/widgets/static/") for f in package)
    for name in package:
        assert (JUPYTER / name).read_bytes() == (ROOT / name).read_bytes(), name
    assert "do not edit" in (JUPYTER / "README.md").read_text()
