"""The student edition (scripts/student_edition.py): every exercise, and not one solution.

Runs the command into a temporary folder (a strict build of the site: several seconds), then
reads the exercises and solutions from the book's own notebooks and looks for their words in
every page and notebook of the edition. Words are compared as plain text: runs of at least four
words between math, code and markup, as the reader sees them in the HTML and the notebook.
"""
import html
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVE = re.compile(r"^(?P<fence>:{3,})\{(?P<kind>exercise|solution)\}(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                       re.M | re.S)
# typography Sphinx applies to prose (smartquotes), undone before comparing
TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "--",
                            "\u2014": "---", "\u2026": "...", "\u00a0": " "})


def plain(text):
    return " ".join(html.unescape(text).translate(TYPOGRAPHY).split())


def fragments(markdown):
    """Runs of >= 4 words of a directive's text that a reader sees as they are written."""
    text = re.sub(r"^:\w+:.*$", " ", markdown, flags=re.M)  # directive options
    text = re.sub(r"^```.*?^```", "|", text, flags=re.M | re.S)  # code blocks
    text = text.replace("\\$", "\0")  # an escaped dollar is a dollar, not math
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`", "|", text, flags=re.S).replace("\0", "$")  # math, code, roles
    text = re.sub(r"\]\([^)]*\)", "|", text)  # link targets
    pieces = re.split(r"[|*\[\]{}\\<>#]", text)
    return [p for p in map(plain, pieces) if len(re.findall(r"\w+", p)) >= 4 and len(p) >= 20]


def book_chapters():
    return sorted((ROOT / "book").glob("0[1-9]_*.ipynb"))


def directives(nb, kind):
    """(label, text) of every exercise or solution directive in a notebook's markdown."""
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for m in DIRECTIVE.finditer(cell.source):
                if m.group("kind") == kind:
                    label = re.search(r"^:label: (\S+)", m.group("body"), re.M).group(1)
                    found.append((label, m.group("arg").strip() + "\n|\n" + m.group("body")))
    return found


def without_solutions(nb):
    """Everything a notebook says outside its solutions, as plain text."""
    parts = []
    for cell in nb.cells:
        source = cell.source
        if cell.cell_type == "markdown":
            source = DIRECTIVE.sub(lambda m: "" if m.group("kind") == "solution" else m.group(0), source)
        parts.append(source)
    return plain("\n".join(parts))


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "student_edition.py"), "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, f"student_edition.py failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return out


def page_text(path):
    soup = BeautifulSoup(path.read_text(), "html.parser")
    return plain(soup.get_text(" "))


def notebook_text(path):
    return plain("\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells).replace("\\$", "$"))


def test_the_edition_keeps_every_exercise(edition):
    for path in book_chapters():
        nb = nbformat.read(path, as_version=4)
        exercises = directives(nb, "exercise")
        assert exercises, f"{path.name} has no exercise"
        page = (edition / "html" / "book" / f"{path.stem}.html")
        soup = BeautifulSoup(page.read_text(), "html.parser")
        text = page_text(page)
        student_nb = edition / "notebooks" / path.name
        student_text = notebook_text(student_nb)
        assert [label for label, _ in directives(nbformat.read(student_nb, as_version=4), "exercise")] == [
            label for label, _ in exercises], f"{path.name}: the student notebook must keep every exercise"
        for label, body in exercises:
            assert soup.find(id=label) is not None, f"{page.name}: no exercise {label}"
            words = fragments(body)
            assert words, f"{path.name} {label}: no plain words to look for"
            for words_run in words:
                assert words_run in text, f"{page.name}: exercise {label} lost {words_run!r}"
                assert words_run in student_text, f"{student_nb.name}: exercise {label} lost {words_run!r}"


def test_the_edition_holds_no_solution(edition):
    files = sorted((edition / "html").rglob("*.html"))
    notebooks = sorted((edition / "html").rglob("*.ipynb")) + sorted((edition / "notebooks").glob("*.ipynb"))
    assert len(notebooks) >= 2 * len(book_chapters())
    texts = {p: page_text(p) for p in files} | {p: notebook_text(p) for p in notebooks}
    # what the book says outside its solutions: a solution's words that are also said there are not its own
    rest = " ".join([without_solutions(nbformat.read(p, as_version=4)) for p in (ROOT / "book").glob("*.ipynb")]
                    + [plain(p.read_text()) for p in (ROOT / "book").glob("*.md")])
    solutions = 0
    for path in book_chapters():
        nb = nbformat.read(path, as_version=4)
        for label, body in directives(nb, "solution"):
            solutions += 1
            own = [w for w in fragments(body) if w not in rest]
            assert own, f"{path.name} {label}: no words of its own to look for"
            for words_run in own:
                leaks = [str(p.relative_to(edition)) for p, text in texts.items() if words_run in text]
                assert not leaks, f"the solution {label} ({words_run!r}) is in {leaks}"
    assert solutions == 28
    for p in files:
        assert 'class="solution' not in p.read_text(), f"{p.name} holds a solution node"


def test_the_edition_changes_nothing_but_the_solutions(edition):
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        student = nbformat.read(edition / "notebooks" / path.name, as_version=4)
        assert len(student.cells) == len(nb.cells)
        assert student.metadata == nb.metadata, f"{path.name}: widget state and metadata kept"
        for cell, kept in zip(nb.cells, student.cells):
            if cell.cell_type == "code":
                assert kept == cell, f"{path.name}: code cells, outputs included, are kept as they are"
            else:
                expected = DIRECTIVE.sub(lambda m: "" if m.group("kind") == "solution" else m.group(0), cell.source)
                assert plain(kept.source) == plain(expected), f"{path.name}: markdown loses its solutions only"
        served = edition / "html" / "_sources" / "book" / path.name
        assert served.read_bytes() == (edition / "notebooks" / path.name).read_bytes(), (
            f"the site's download of {path.name} must be the student notebook")


def test_the_student_site_has_no_launch_buttons(edition):
    """Binder, Colab and Live Code would open the repository's notebooks, solutions included;
    the book's own site has them (tests/test_launch.py)."""
    page = (edition / "html" / "book" / "02_single_neuron.html").read_text()
    assert "mybinder.org" not in page and "colab.research.google.com" not in page
    assert "launch-buttons" not in page and 'class="thebe-launch-button"' not in page
