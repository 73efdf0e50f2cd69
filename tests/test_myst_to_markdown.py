"""book/_ext/myst_to_markdown.py: each MyST construct of the chapters, and what it becomes in a
plain Jupyter notebook; and the errors that stop the build on one it does not know."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "book" / "_ext"))
from myst_to_markdown import Book, to_markdown  # noqa: E402

SITE = "https://example.github.io/book/"


def book(doc="book/02_single_neuron", solutions=True):
    return Book(site=SITE, doc=doc, title="The book", solutions=solutions,
                targets={"eq-2-1": ("book/02_single_neuron", "eq-2-1"), "eq-1-2": ("book/01_supervised", "eq-1-2"),
                         "ex-2-1": ("book/02_single_neuron", "ex-2-1"), "ex-1-3": ("book/01_supervised", "ex-1-3"),
                         "sec-rows": ("book/05_vectorization", "sec-rows"),
                         "errata-2-6": ("book/10_errata", "errata-2-6")},
                sections={"sec-rows": "Rows and columns"},
                exercises={"ex-1-3": "3", "ex-2-1": "4"},
                api={"mlp_lib.relu": ("book/api", "mlp_lib.activations.relu"),
                     "mlp_lib.MLP": ("book/api", "mlp_lib.model.MLP")})


EXERCISE = """## Exercises

:::{exercise} Reading w and b
:label: ex-2-1

Where is the kink of $\\max(wx + b, 0)$?
:::

::::{solution} ex-2-1
:label: sol-2-1
:class: dropdown

At $x = -b/w$:

```python
print(-b / w)  # {py:func}`not a role` [not](#a-link)
```
::::

## Self-check"""


def test_an_exercise_gets_its_number_and_its_solution_folds():
    assert to_markdown(EXERCISE, book()) == """## Exercises

**Exercise 4** (Reading w and b)

Where is the kink of $\\max(wx + b, 0)$?

<details>
<summary>Solution to Exercise 4</summary>

At $x = -b/w$:

```python
print(-b / w)  # {py:func}`not a role` [not](#a-link)
```

</details>

## Self-check"""


def test_the_student_edition_leaves_the_solution_out():
    assert to_markdown(EXERCISE, book(solutions=False)) == """## Exercises

**Exercise 4** (Reading w and b)

Where is the kink of $\\max(wx + b, 0)$?

## Self-check"""


def test_targets_go_and_equations_keep_their_numbers():
    source = "The neuron:\n\n(eq-2-1)=\n$$\nh = \\max(wx + b, 0) \\tag{2.1}\n$$\n\nas in [(2.1)](#eq-2-1)."
    assert to_markdown(source, book()) == "The neuron:\n\n$$\nh = \\max(wx + b, 0) \\tag{2.1}\n$$\n\nas in (2.1)."


def test_references_elsewhere_link_to_the_website():
    source = ("the cost [(1.2)](#eq-1-2), {numref}`exercise %s <ex-1-3>`, {numref}`ex-2-1`, {ref}`sec-rows`,\n"
              "the [next chapter](03_stacking.ipynb) and the [errata](10_errata.ipynb#errata-2-6).")
    assert to_markdown(source, book()) == (
        f"the cost [(1.2)]({SITE}book/01_supervised.html#eq-1-2), [exercise 3]({SITE}book/01_supervised.html#ex-1-3), "
        f"Exercise 4, [Rows and columns]({SITE}book/05_vectorization.html#sec-rows),\n"
        f"the [next chapter]({SITE}book/03_stacking.html) and the [errata]({SITE}book/10_errata.html#errata-2-6).")


def test_a_section_of_the_same_notebook_is_named_in_italics():
    assert to_markdown("see {ref}`sec-rows`", book("book/05_vectorization")) == "see *Rows and columns*"


def test_api_roles_become_code_linked_to_the_reference_page():
    source = "{py:func}`mlp_lib.relu` and {py:class}`mlp_lib.MLP`, {py:func}`~mlp_lib.relu`, {py:func}`ReLU <mlp_lib.relu>`"
    api = f"{SITE}book/api.html#mlp_lib"
    assert to_markdown(source, book()) == (f"[`mlp_lib.relu()`]({api}.activations.relu) and [`mlp_lib.MLP`]({api}.model.MLP), "
                                           f"[`relu()`]({api}.activations.relu), [`ReLU`]({api}.activations.relu)")


def test_notes_and_admonitions_become_blockquotes():
    source = "```{note}\nThe notes print $a \\in \\mathbb{R}^d$.\n```\n\n```{admonition} Algorithm 1\n1. one\n2. two\n```"
    assert to_markdown(source, book()) == (
        "> **Note**\n>\n> The notes print $a \\in \\mathbb{R}^d$.\n\n> **Algorithm 1**\n>\n> 1. one\n> 2. two")


def test_code_math_and_web_links_are_left_alone():
    source = "`[x](#not-a-link)` and $[0, 1](a)$ and [the notes](https://cs229.stanford.edu/main_notes.pdf) and `\\$5`"
    assert to_markdown(source, book()) == source


def test_a_dollar_that_is_not_math_stays_a_dollar():
    """JupyterLab renders "\\$" as "$" before MathJax runs, which then pairs it with the math's."""
    assert to_markdown("prices in \\$100k give $w = 3$", book()) == "prices in <span>&#36;</span>100k give $w = 3$"


@pytest.mark.parametrize("source, words", [
    (":::{proof} x\ntext\n:::", "the directive {proof} has no plain-markdown form"),
    ("{eq}`eq-2-1`", "the role {eq} has no plain-markdown form"),
    ("[x](#nowhere)", "a link to #nowhere, which no (label)= of the book defines"),
    ("[x](figure.png)", "only pages of the book and web addresses"),
    ("{numref}`ex-9-9`", "no exercise labelled 'ex-9-9'"),
    ("{py:func}`mlp_lib.nothing`", "names nothing the API page documents"),
    ("{ref}`eq-2-1`", "which is no section of the book"),
    (":::{exercise} Open\n:label: ex-2-1\n\nnever closed", "is never closed"),
    ("```{note}\n$$\nx\n$$\n```", "math that spans lines cannot go in a note"),
])
def test_what_it_cannot_convert_stops_the_build_with_words(source, words):
    with pytest.raises(ValueError, match=None) as error:
        to_markdown(source, book())
    assert words in str(error.value)
