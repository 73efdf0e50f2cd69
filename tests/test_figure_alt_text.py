"""Every figure says what it shows (issue 13, item 2).

Each image output of a chapter is described for a reader who cannot see it, in its cell's
metadata, where myst-nb 1.4 reads it and puts it on the page's <img alt="...">:

    "metadata": {"mystnb": {"image": {"alt": "Housing prices against size: ..."}}}

myst-nb reads image options per *cell*, so every image output of a cell gets the same alt: a
cell that draws two figures must be split (or the two drawn as one), or the alt texts are not
unique and this test says so. Long figures (the network diagrams) also carry a caption,
"mystnb": {"figure": {"caption": "..."}}, which says the same in words.

The alt text must be at least MIN_LENGTH characters, not a file name (which is what Sphinx
falls back to, and tells a screen-reader user nothing), not start with "image of" and the
like (a screen reader already says it is an image), and differ from every other figure's.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))

MIN_LENGTH = 40
# Outputs myst-nb renders as <img> (render_image): widget views are not images.
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")
FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|svg|gif|pdf|webp)$", re.IGNORECASE)
SAYS_IMAGE = re.compile(r"^\s*(an? )?(image|picture|graphic|figure|plot) of\b", re.IGNORECASE)


def _text(value):
    return "".join(value) if isinstance(value, list) else value


def figures(path):
    """(cell index, output index, alt or None, caption or None) for every image output."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for ci, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        mystnb = cell.get("metadata", {}).get("mystnb") or {}
        alt = (mystnb.get("image") or {}).get("alt")
        caption = (mystnb.get("figure") or {}).get("caption")
        for oi, output in enumerate(cell.get("outputs", [])):
            if any(mime in output.get("data", {}) for mime in IMAGE_TYPES):
                found.append((ci, oi, None if alt is None else _text(alt),
                              None if caption is None else _text(caption)))
    return found


WITH_FIGURES = [path for path in NOTEBOOKS if figures(path)]


def alt_problems(alt):
    """What is wrong with one alt text (an empty list when nothing is)."""
    if alt is None or not alt.strip():
        return ["no alt text (set cell metadata mystnb.image.alt)"]
    alt = alt.strip()
    found = []
    if len(alt) < MIN_LENGTH:
        found.append(f"alt text shorter than {MIN_LENGTH} characters: {alt!r}")
    if FILE_NAME.match(alt):
        found.append(f"alt text is a file name: {alt!r}")
    if SAYS_IMAGE.match(alt):
        found.append(f"alt text starts by saying it is an image: {alt[:40]!r}")
    return found


def test_the_chapters_have_figures():
    """The collection below found the figures (an empty list would check nothing)."""
    assert len(WITH_FIGURES) >= 5, [p.name for p in WITH_FIGURES]


@pytest.mark.parametrize("path", WITH_FIGURES, ids=lambda p: p.stem)
def test_every_figure_has_alt_text(path):
    problems = []
    for ci, oi, alt, caption in figures(path):
        problems += [f"cell {ci}, output {oi}: {p}" for p in alt_problems(alt)]
        if caption is not None and not caption.strip():
            problems.append(f"cell {ci}: empty figure caption")
    assert not problems, "\n".join(problems)


def test_alt_texts_are_unique():
    """No two figures of the book share an alt text."""
    seen = {}
    for path in WITH_FIGURES:
        for ci, oi, alt, _ in figures(path):
            if alt and alt.strip():
                seen.setdefault(" ".join(alt.split()).lower(), []).append(
                    f"{path.name} cell {ci} output {oi}")
    repeated = {alt[:60]: where for alt, where in seen.items() if len(where) > 1}
    assert not repeated, repeated


@pytest.mark.parametrize("alt, ok", [
    (None, False), ("", False), ("a plot", False), ("1f3a9c0e2b.png" * 4, False),
    ("4f0c2e1a9b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f.png", False),
    ("Image of the cost J falling from 5.04 to 0.0045 over 100 iterations", False),
    ("Contour lines of J with four valleys at (±1.5, ±0.8), one per quadrant", True),
])
def test_alt_problems_checker(alt, ok):
    assert (alt_problems(alt) == []) is ok
