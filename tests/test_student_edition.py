"""The student edition (scripts/student_edition.py): every exercise, and not one solution.

Runs the command into a temporary folder (a strict build of the site: several seconds), then
reads the exercises and solutions from the book's own notebooks and looks for their words in
every page and notebook of the edition. Words are compared as plain text: runs of at least four
words between math, code and markup, as the reader sees them in the HTML and the notebook.
"""
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from notebook_text import (DIRECTIVE, book_chapters, directives, exercise_numbers, fragments, notebook_text, plain,
                           quoted_text, solution_words)

ROOT = Path(__file__).resolve().parent.parent


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


def test_the_edition_keeps_every_exercise(edition):
    numbers = exercise_numbers()
    for path in book_chapters():
        nb = nbformat.read(path, as_version=4)
        exercises = directives(nb, "exercise")
        assert exercises, f"{path.name} has no exercise"
        page = (edition / "html" / "book" / f"{path.stem}.html")
        soup = BeautifulSoup(page.read_text(), "html.parser")
        text = page_text(page)
        student_nb = edition / "notebooks" / path.name
        student_text = notebook_text(student_nb)
        shown = re.findall(r"^\*\*Exercise (\d+)\*\* \((.*)\)$", "\n".join(
            c.source for c in nbformat.read(student_nb, as_version=4).cells if c.cell_type == "markdown"), re.M)
        assert shown == [(str(numbers[label][0]), numbers[label][1]) for label, _ in exercises], (
            f"{path.name}: the student notebook must keep every exercise, with its number and title")
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
    solutions = 0
    for label, own in solution_words().items():
        solutions += 1
        assert own, f"{label}: no words of its own to look for"
        for words_run in own:
            leaks = [str(p.relative_to(edition)) for p, text in texts.items() if words_run in text]
            assert not leaks, f"the solution {label} ({words_run!r}) is in {leaks}"
    assert solutions == 28
    for p in files:
        assert 'class="solution' not in p.read_text(), f"{p.name} holds a solution node"


def test_the_edition_changes_nothing_but_the_solutions(edition):
    """The student notebooks are the plain notebooks of the book (book/_ext/jupyter_notebooks.py)
    without their solutions: code cells, outputs, widget state kept; every word of the markdown
    outside the solutions kept."""
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
                lost = [words for words in fragments(expected) if words not in quoted_text(kept.source)]
                assert not lost, f"{path.name}: the student's markdown lost {lost}"
        served = edition / "html" / "_sources" / "book" / path.name
        assert served.read_bytes() == (edition / "notebooks" / path.name).read_bytes(), (
            f"the site's download of {path.name} must be the student notebook")


def test_the_student_site_has_no_launch_buttons(edition):
    """Binder, Colab and Live Code would open the repository's notebooks, solutions included;
    the book's own site has them (tests/test_launch.py)."""
    page = (edition / "html" / "book" / "02_single_neuron.html").read_text()
    assert "mybinder.org" not in page and "colab.research.google.com" not in page
    assert "launch-buttons" not in page and 'class="thebe-launch-button"' not in page
