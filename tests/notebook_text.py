"""What the book's chapters say, as the tests compare it: their exercises and solutions, and their
words as plain text (runs of at least four words between math, code and markup, as a reader sees
them in a page or a notebook). Used by the student edition's test and the plain notebooks' test.
"""
import html
import re
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVE = re.compile(r"^(?P<fence>:{3,})\{(?P<kind>exercise|solution)\}(?P<arg>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                       re.M | re.S)
# typography Sphinx applies to prose (smartquotes), undone before comparing
TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "--",
                            "\u2014": "---", "\u2026": "...", "\u00a0": " "})


def plain(text):
    return " ".join(html.unescape(text).translate(TYPOGRAPHY).split())


def quoted_text(markdown):
    """A plain markdown text as plain text: blockquote marks ("> ") left out, "\\$" and the plain
    notebooks' "<span>&#36;</span>" read as "$"."""
    return plain(re.sub(r"^>[ ]?", "", markdown, flags=re.M).replace("\\$", "$").replace("<span>&#36;</span>", "$"))


def fragments(markdown):
    """Runs of >= 4 words of a markdown text that a reader sees as they are written."""
    text = re.sub(r"^:\w+:.*$", " ", markdown, flags=re.M)  # directive options
    text = re.sub(r"^\([^()\s]+\)=[ \t]*$", "|", text, flags=re.M)  # (label)= targets
    # a directive: its title and its content (a code block ends with ``` too: these go first)
    text = re.sub(r"^(`{3,})\{[^}]*\}(.*?)$\n(.*?)^\1[ \t]*$", r"|\2|\n\3\n|", text, flags=re.M | re.S)
    text = re.sub(r"^:{3,}\{[^}]*\}(.*)$", r"|\1|", text, flags=re.M)
    text = re.sub(r"^:{3,}[ \t]*$", "|", text, flags=re.M)
    text = re.sub(r"^```.*?^```", "|", text, flags=re.M | re.S)  # code blocks
    text = text.replace("\\$", "\0")  # an escaped dollar is a dollar, not math
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`", "|", text, flags=re.S).replace("\0", "$")  # math, code, roles
    text = re.sub(r"\]\([^)]*\)", "|", text)  # link targets
    pieces = re.split(r"[|*\[\]{}\\<>#]", text)
    return [p for p in map(plain, pieces) if len(re.findall(r"\w+", p)) >= 4 and len(p) >= 20]


def book_chapters():
    return sorted((ROOT / "book").glob("0[1-9]_*.ipynb"))


def toc_notebooks():
    """The notebooks of _toc.yml, in its order (the order sphinx-exercise numbers exercises in)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    return [ROOT / f"{f}.ipynb" for f in files if (ROOT / f"{f}.ipynb").is_file()]


def directives(nb, kind):
    """(label, text) of every exercise or solution directive in a notebook's markdown; text is the
    title, a "|" and the body for an exercise, the body for a solution."""
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for m in DIRECTIVE.finditer(cell.source):
                if m.group("kind") == kind:
                    label = re.search(r"^:label: (\S+)", m.group("body"), re.M).group(1)
                    found.append((label, m.group("arg").strip() + "\n|\n" + m.group("body")))
    return found


def exercise_numbers():
    """{label: (number, title, notebook path)}: the exercises numbered through the book."""
    numbers = {}
    for path in toc_notebooks():
        for label, text in directives(nbformat.read(path, as_version=4), "exercise"):
            numbers[label] = (len(numbers) + 1, text.split("\n|\n")[0], path)
    return numbers


def without_solutions(nb):
    """Everything a notebook says outside its solutions, as plain text."""
    parts = []
    for cell in nb.cells:
        source = cell.source
        if cell.cell_type == "markdown":
            source = DIRECTIVE.sub(lambda m: "" if m.group("kind") == "solution" else m.group(0), source)
        parts.append(source)
    return plain("\n".join(parts))


def notebook_text(path):
    return quoted_text("\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells))


def solution_words():
    """{label: [runs of words]} of every solution of the chapters: each run one the book says
    only in that solution (not elsewhere outside the solutions), so finding it in an edition
    means the solution is there."""
    rest = " ".join([without_solutions(nbformat.read(p, as_version=4)) for p in (ROOT / "book").glob("*.ipynb")]
                    + [plain(p.read_text()) for p in (ROOT / "book").glob("*.md")])
    return {label: [w for w in fragments(body) if w not in rest]
            for path in book_chapters() for label, body in directives(nbformat.read(path, as_version=4), "solution")}
