"""Every numbered equation of the notes (1.1-1.5, 2.1-2.21) is shown in the chapters with its
number (\\tag) exactly once, under a MyST label eq-X-Y that other pages link to. (The errata
page may show a corrected equation with its number again.)"""
import json
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parent.parent / "book"
NOTES_EQUATIONS = [f"1.{i}" for i in range(1, 6)] + [f"2.{i}" for i in range(1, 22)]


def book_markdown():
    """(page name, markdown text) for every page of the book."""
    pages = [(p.name, p.read_text()) for p in sorted(BOOK.glob("*.md"))]
    for path in sorted(BOOK.glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        pages.append((path.name, "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")))
    return pages


PAGES = book_markdown()


@pytest.mark.parametrize("number", NOTES_EQUATIONS)
def test_equation_is_shown_once_with_its_number_and_label(number):
    tag = re.compile(r"\\tag\{\s*" + re.escape(number) + r"\s*\}")
    where = [(name, text) for name, text in PAGES if tag.search(text) and "errata" not in name]
    assert len(where) == 1, f"eq. ({number}) is tagged on {[n for n, _ in where] or 'no page'}"
    name, text = where[0]
    assert len(tag.findall(text)) == 1, f"eq. ({number}) is tagged twice on {name}"
    label = "eq-" + number.replace(".", "-")
    # the label sits above the display that carries the tag (2.8 and 2.9 may share a cell)
    block = re.search(r"\(" + re.escape(label) + r"\)=\s*\n(\$\$|\\begin\{equation\*?\})(.*?)(\$\$|\\end\{equation\*?\})",
                      text, re.S)
    assert block and tag.search(block.group(2)), f"({label})= is not right above eq. ({number}) on {name}"


def test_equation_links_point_at_existing_labels():
    labels = {m for _, text in PAGES for m in re.findall(r"^\((eq-[\w-]+)\)=", text, re.M)}
    links = {m for _, text in PAGES for m in re.findall(r"\]\(#?(eq-[\w-]+)\)", text)}
    assert links, "no page links an equation"
    assert links <= labels, f"links to missing labels: {sorted(links - labels)}"
