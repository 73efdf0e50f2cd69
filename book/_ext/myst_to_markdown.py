"""The book's MyST, rewritten as plain Jupyter markdown (what JupyterLab, Notebook 7, Colab and
GitHub all render): one markdown cell's source at a time.

The chapters use a small, known set of MyST constructs; each becomes what the website shows:

==================================  ==================================================================
``(label)=`` target                 removed (nothing shows)
``:::{exercise} Title`` + label     **Exercise N** (Title), N the website's number
``:::{solution} ex-...``            ``<details><summary>Solution to Exercise N</summary>`` ... or,
                                    in the student edition, nothing
``{note}``, ``{admonition} Title``  a blockquote headed **Note** / **Title**
``{numref}`ex-2-1```                "Exercise 4" (``exercise %s <ex-2-1>``: "exercise 4")
``{ref}`sec-...```                  the section's title (in italics, or linked when elsewhere)
``{py:func}`mlp_lib.gd``` etc.      ```mlp_lib.gd()``` as code, linked to the API page
``[(2.9)](#eq-2-9)``, ``[x](#lbl)`` the words; linked to the website when the target is elsewhere
``[x](02_single_neuron.ipynb)``     linked to that chapter on the website
==================================  ==================================================================

Labelled equations keep their ``\\tag{2.9}`` (MathJax shows the number in every front end); an
escaped dollar ``\\$`` becomes ``<span>&#36;</span>`` (see DOLLAR).
Anything else in MyST's syntax raises ``ValueError`` naming it, so a new construct in a chapter
is noticed at the build instead of showing raw to a student.
"""
import posixpath
import re
from dataclasses import dataclass, field

DIRECTIVE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[^}]+)\}[ \t]*(?P<arg>.*?)[ \t]*$")
CODE_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[^`]*$")
OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*?)[ \t]*$")
TARGET = re.compile(r"^\((?P<label>[^()\s]+)\)=[ \t]*$")
ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<text>[^`]+)`")
EXPLICIT = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")
# what is left alone by links: inline code and math (their brackets are not links)
CODE_OR_MATH = re.compile(r"`[^`]*`|\$\$.*?\$\$|(?<!\\)\$[^$]*?(?<!\\)\$", re.S)
# A dollar sign that is not math. JupyterLab and Notebook 7 drop the backslash of "\$" when they render
# the markdown, then MathJax pairs that "$" with the next one: "prices in \$100k give $w$" typesets
# "100k give " as math. As an entity in an element of its own, no front end's math finder sees it
# (tests/test_jupyterlab.py reads the rendered text).
DOLLAR = "<span>&#36;</span>"
PY_ROLES = {"py:func", "py:meth", "py:class", "py:attr", "py:data", "py:mod", "py:exc", "py:obj"}
CALLABLE_ROLES = {"py:func", "py:meth"}  # Sphinx writes these with "()" (add_function_parentheses)


@dataclass
class Book:
    """What the conversion needs to know about the whole book (filled from Sphinx's environment).

    site: the website's root URL, ending in "/"; doc: the notebook's docname ("book/02_single_neuron");
    title: the book's title;
    targets: {label: (docname, anchor)}; sections: {label: title}; exercises: {label: "4"};
    api: anything with .get(name as a role writes it) -> (docname, anchor) or None;
    solutions: False drops them (the student edition).
    """
    site: str
    doc: str
    title: str = ""
    targets: dict = field(default_factory=dict)
    sections: dict = field(default_factory=dict)
    exercises: dict = field(default_factory=dict)
    api: dict = field(default_factory=dict)
    solutions: bool = True

    def url(self, docname, anchor=""):
        return f"{self.site}{docname}.html" + (f"#{anchor}" if anchor else "")

    def link(self, text, docname, anchor=""):
        """`text` as it should read: plain within this notebook, else a link to the website."""
        return text if docname == self.doc else f"[{text}]({self.url(docname, anchor)})"

    def exercise(self, label):
        if label not in self.exercises:
            raise ValueError(f"{self.doc}: no exercise labelled {label!r} (known: {', '.join(sorted(self.exercises))})")
        return self.exercises[label]


def to_markdown(source, book):
    """A markdown cell's MyST source as plain Jupyter markdown (see the module's docstring)."""
    return "\n".join(_blocks(source.split("\n"), book))


def _blocks(lines, book):
    out, text = [], []

    def flush():
        if text:
            out.extend(_inline("\n".join(text), book).split("\n"))
            text.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        directive, fence = DIRECTIVE.match(line), CODE_FENCE.match(line)
        if directive:
            flush()
            end = _closing(lines, i + 1, directive["fence"])
            options, body = _options(lines[i + 1:end])
            rendered = _directive(directive["name"], directive["arg"], options, body, book)
            if rendered is None:  # dropped (a solution in the student edition): with its blank lines
                while out and not out[-1].strip():
                    out.pop()
            else:
                out.extend(rendered)
            i = end + 1
        elif fence:  # a code block: copied as it is
            flush()
            end = _closing(lines, i + 1, fence["fence"])
            out.extend(lines[i:end + 1])
            i = end + 1
        elif TARGET.match(line):
            i += 1
        else:
            text.append(line)
            i += 1
    flush()
    return out


def _closing(lines, start, fence):
    """The index of the line that closes a block opened by `fence`. A block opened inside it by
    another kind of fence, or a shorter one of the same kind, is skipped whole."""
    i = start
    while i < len(lines):
        line = lines[i].rstrip()
        if line and set(line) == {fence[0]} and len(line) >= len(fence):
            return i
        inner = DIRECTIVE.match(line) or CODE_FENCE.match(line)
        if inner and (inner["fence"][0] != fence[0] or len(inner["fence"]) < len(fence)):
            i = _closing(lines, i + 1, inner["fence"])
        i += 1
    raise ValueError(f"a block opened by {fence!r} is never closed:\n" + "\n".join(lines[start - 1:start + 5]))


def _options(lines):
    """({key: value}, body lines) of a directive's content: its leading ``:key: value`` lines."""
    options, i = {}, 0
    while i < len(lines) and OPTION.match(lines[i]):
        m = OPTION.match(lines[i])
        options[m["key"]] = m["value"]
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    return options, lines[i:]


def _directive(name, arg, options, body, book):
    """The lines a directive becomes (None: it is left out)."""
    content = _blocks(body, book)
    if name == "exercise":
        number = book.exercise(options.get("label", ""))
        title = f" ({_inline(arg, book)})" if arg else ""
        return [f"**Exercise {number}**{title}", ""] + content
    if name == "solution":
        if not book.solutions:
            return None
        number = book.exercise(arg)
        return ["<details>", f"<summary>Solution to Exercise {number}</summary>", ""] + content + ["", "</details>"]
    if name in ("note", "admonition"):
        title = _inline(arg, book) if name == "admonition" else "Note"
        return _blockquote([f"**{title}**", ""] + content)
    raise ValueError(f"{book.doc}: the directive {{{name}}} has no plain-markdown form yet "
                     "(book/_ext/myst_to_markdown.py knows exercise, solution, note, admonition)")


def _blockquote(lines):
    for line in lines:
        if len(re.findall(r"(?<!\\)\$", line)) % 2 or line.count("$$") % 2:
            raise ValueError("math that spans lines cannot go in a note or admonition (a blockquote "
                             f"puts '> ' inside it): keep each $...$ on one line:\n{line}")
    return [f"> {line}".rstrip() for line in lines]


def _inline(text, book):
    """Roles and links of a stretch of markdown text (no code blocks, no directives)."""
    text = ROLE.sub(lambda m: _role(m["role"], m["text"], book), text)
    kept = []
    masked = CODE_OR_MATH.sub(lambda m: kept.append(m.group(0)) or f"\0{len(kept) - 1}\0", text)
    masked = LINK.sub(lambda m: _link(m["text"], m["url"], book), masked)
    masked = masked.replace("\\$", DOLLAR)
    return re.sub(r"\0(\d+)\0", lambda m: kept[int(m.group(1))], masked)


def _role(role, text, book):
    explicit = EXPLICIT.match(text)
    title, target = (explicit["title"], explicit["target"]) if explicit else (None, text)
    if role == "numref":
        number = book.exercise(target)
        words = title.replace("%s", number).replace("{number}", number) if title else f"Exercise {number}"
        return book.link(words, *book.targets.get(target, (book.doc, target)))
    if role == "ref":
        if target not in book.sections:
            raise ValueError(f"{book.doc}: {{ref}} to {target!r}, which is no section of the book")
        docname, anchor = book.targets[target]
        if docname == book.doc and not title:  # a section of this notebook: its title, in italics
            return f"*{book.sections[target]}*"
        return book.link(title or book.sections[target], docname, anchor)
    if role in PY_ROLES:
        name = target.lstrip("~")
        shown = title or (name.split(".")[-1] if target.startswith("~") else name)
        if role in CALLABLE_ROLES and not title:
            shown += "()"
        where = book.api.get(name)
        if where is None:
            raise ValueError(f"{book.doc}: {{{role}}}`{text}` names nothing the API page documents")
        return f"[`{shown}`]({book.url(*where)})"
    raise ValueError(f"{book.doc}: the role {{{role}}} has no plain-markdown form yet "
                     "(book/_ext/myst_to_markdown.py knows numref, ref and the py: roles)")


def _link(text, url, book):
    if re.match(r"^[a-z][a-z0-9+.-]*:", url):  # https:, mailto:
        return f"[{text}]({url})"
    path, _, anchor = url.partition("#")
    if not path:
        if anchor not in book.targets:
            raise ValueError(f"{book.doc}: a link to #{anchor}, which no (label)= of the book defines")
        return book.link(text, *book.targets[anchor])
    stem, suffix = posixpath.splitext(posixpath.normpath(posixpath.join(posixpath.dirname(book.doc), path)))
    if suffix not in (".ipynb", ".md"):
        raise ValueError(f"{book.doc}: a link to {url!r}: only pages of the book and web addresses have a "
                         "plain-markdown form")
    return book.link(text, stem, anchor)
