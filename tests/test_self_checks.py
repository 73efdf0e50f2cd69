"""Every exercise's self-check: stored unanswered, and able to tell a right answer from a wrong one.

A self-check cell (a code cell calling ``check("exercise N", ...)`` from mlp_lib.selfcheck) holds
a placeholder, ``None`` or ``...``, where the reader writes the answer. The answers a reader
should enter live here, not in the book: for every self-check cell, ANSWERS gives the hidden
solution and one or more wrong answers, as replacements of the cell's placeholder lines. Each
chapter's code cells then run in a kernel; at each self-check cell the test runs it with the
solution (expects "correct"), with every wrong answer (expects "not right yet") and as stored
(expects "not answered yet", which is also what the stored notebook must show). A checker that
accepts anything, or nothing, fails here.
"""
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from mlp_lib.selfcheck import check, is_placeholder

ROOT = Path(__file__).resolve().parent.parent
CHECK_CALL = re.compile(r'^check\("(exercise (\d+))"', re.M)

# exercise -> (solution, [wrong answer, ...]); each answer is a list of (placeholder, replacement),
# applied in order to the first occurrence.
ANSWERS = {
    "exercise 1": ([("my_theta1 = ...", "my_theta1 = 0.0"), ("my_nudge_lowers_J = ...", "my_nudge_lowers_J = True")],
                   [[("my_theta1 = ...", "my_theta1 = 0.0"), ("my_nudge_lowers_J = ...", "my_nudge_lowers_J = False")],
                    [("my_theta1 = ...", "my_theta1 = 1.31"), ("my_nudge_lowers_J = ...", "my_nudge_lowers_J = True")]]),
    "exercise 4": ([("my_w, my_b = None, None", "my_w, my_b = 3.0, -4.5")],
                   [[("my_w, my_b = None, None", "my_w, my_b = 3.0, -1.5")],
                    [("my_w, my_b = None, None", "my_w, my_b = 1.5, -4.5")]]),
    "exercise 8": ([("full_network_parameters = None", "full_network_parameters = 19"),
                    ("pinned_at_zero = None", "pinned_at_zero = 7")],
                   [[("full_network_parameters = None", "full_network_parameters = 12"),
                     ("pinned_at_zero = None", "pinned_at_zero = 7")]]),
    "exercise 9": ([("    ...  # your answer: a new vector of 12 parameters, for c > 0",
                     "    theta = theta.copy()\n    theta[[0, 1, 2]] *= c\n    theta[8] /= c\n    return theta")],
                   [[("    ...  # your answer: a new vector of 12 parameters, for c > 0",
                      "    theta = theta.copy()\n    theta[[0, 1, 2]] *= c\n    theta[8] *= c\n    return theta")],
                    [("    ...  # your answer: a new vector of 12 parameters, for c > 0", "    return theta")]]),
    "exercise 10": ([("largest_theta5 = None", "largest_theta5 = -2.0")],
                    [[("largest_theta5 = None", "largest_theta5 = -1.0")],
                     [("largest_theta5 = None", "largest_theta5 = -3.0")]]),
    "exercise 11": ([("    ...  # your answer", "    return m * (d + 2) + 1")],
                    [[("    ...  # your answer", "    return m * (d + 1) + 1")]]),
    "exercise 12": ([("bends = None", "bends = -net.b[1] / net.W[1][:, 0]")],
                    [[("bends = None", "bends = net.b[1] / net.W[1][:, 0]")],
                     [("bends = None", "bends = -net.W[1][:, 0] / net.b[1]")]]),
    "exercise 13": ([("slope, intercept = None, None",
                      "slope, intercept = lin.W[2][0] @ lin.W[1][:, 0], lin.W[2][0] @ lin.b[1] + lin.b[2][0]")],
                    [[("slope, intercept = None, None", "slope, intercept = lin.W[2][0] @ lin.W[1][:, 0], lin.b[2][0]")]]),
    "exercise 14": ([('{"X": None, "W1": None, "b1": None, "Z": None,\n             "A": None, "W2": None, "out": None}',
                      '{"X": (32, 10), "W1": (5, 10), "b1": (5,), "Z": (32, 5), "A": (32, 5), "W2": (1, 5),'
                      ' "out": (32, 1)}')],
                    [[('{"X": None, "W1": None, "b1": None, "Z": None,\n             "A": None, "W2": None, "out": None}',
                       '{"X": (32, 10), "W1": (10, 5), "b1": (5,), "Z": (32, 5), "A": (32, 5), "W2": (1, 5),'
                       ' "out": (32,)}')]]),
    "exercise 15": ([('{"n != m raises": None,\n             "n == m gives the right Z": None}',
                      '{"n != m raises": True, "n == m gives the right Z": False}')],
                    [[('{"n != m raises": None,\n             "n == m gives the right Z": None}',
                       '{"n != m raises": True, "n == m gives the right Z": True}')]]),
    "exercise 16": ([("    ...  # your answer", "    return n * (d * m + m * m + m)")],
                    [[("    ...  # your answer", "    return n * (d * m + m * m)")]]),
    "exercise 17": ([("my_count, my_notes_count = None, None", "my_count, my_notes_count = 5121, 5121")],
                    [[("my_count, my_notes_count = None, None", "my_count, my_notes_count = 5121, 5185")]]),
    "exercise 18": ([("my_sizes = None", "my_sizes = [1, 1, 1, 1, 1]")],
                    [[("my_sizes = None", "my_sizes = [1, 1, 1, 1]")],
                     [("my_sizes = None", "my_sizes = [1, 2, 1, 1, 1]")]]),
    "exercise 19": ([("my_a1 = None", "my_a1 = mlp_lib.relu(X @ dead_net.W[1].T + dead_net.b[1])"),
                     ("my_constant = None", "my_constant = y.mean()")],
                    [[("my_a1 = None", "my_a1 = X @ dead_net.W[1].T + dead_net.b[1]"),
                      ("my_constant = None", "my_constant = y.mean()")],
                     [("my_a1 = None", "my_a1 = mlp_lib.relu(X @ dead_net.W[1].T + dead_net.b[1])"),
                      ("my_constant = None", "my_constant = 0.0")]]),
    "exercise 20": ([("my_max_sigmoid_slope = None", "my_max_sigmoid_slope = 1 / 4"),
                     ("my_max_tanh_slope = None", "my_max_tanh_slope = 1.0"),
                     ("my_five_layer_factor = None", "my_five_layer_factor = (1 / 4) ** 5")],
                    [[("my_max_sigmoid_slope = None", "my_max_sigmoid_slope = 1 / 4"),
                      ("my_max_tanh_slope = None", "my_max_tanh_slope = 1 / 4"),
                      ("my_five_layer_factor = None", "my_five_layer_factor = (1 / 4) ** 5")]]),
    "exercise 21": ([("my_W1, my_b1, my_W2, my_b2 = None, None, None, None",
                      "my_W1, my_b1, my_W2, my_b2 = (2 * tanh_net.W[1], 2 * tanh_net.b[1], 2 * tanh_net.W[2],\n"
                      "                              tanh_net.b[2] - tanh_net.W[2].sum(axis=1))")],
                    [[("my_W1, my_b1, my_W2, my_b2 = None, None, None, None",
                       "my_W1, my_b1, my_W2, my_b2 = (2 * tanh_net.W[1], 2 * tanh_net.b[1], 2 * tanh_net.W[2],\n"
                       "                              tanh_net.b[2])")]]),
    "exercise 22": ([("    ...  # your answer",
                      "    W_t, b_t = np.eye(net.d), np.zeros(net.d)\n"
                      "    for k in range(1, net.r + 1):\n"
                      "        W_t, b_t = net.W[k] @ W_t, net.W[k] @ b_t + net.b[k]\n"
                      "    return W_t, b_t")],
                    [[("    ...  # your answer",
                       "    W_t = np.eye(net.d)\n"
                       "    for k in range(1, net.r + 1):\n"
                       "        W_t = net.W[k] @ W_t\n"
                       "    return W_t, net.b[net.r]")]]),
    "exercise 23": ([("    ...  # your answer", "    return m + 1"), ("    ...  # your answer", "    return (d + 1) * m + m + 1")],
                    [[("    ...  # your answer", "    return m"), ("    ...  # your answer", "    return (d + 1) * m + m + 1")]]),
    "exercise 24": ([("kernel_predictions = None", "kernel_predictions = K_star @ np.linalg.solve(K + lam * I, y)")],
                    [[("kernel_predictions = None", "kernel_predictions = K_star @ np.linalg.solve(K + I, y)")]]),
    "exercise 25": ([("my_dead_gradients = (None, None, None)",
                      "my_dead_gradients = (grad_W[1][dead], grad_b[1][dead], grad_W[2][0, dead])")],
                    [[("my_dead_gradients = (None, None, None)",
                       "my_dead_gradients = (grad_W[1][dead + 1], grad_b[1][dead + 1], grad_W[2][0, dead + 1])")],
                     [("my_dead_gradients = (None, None, None)",
                       "my_dead_gradients = (grad_W[1][dead], grad_b[1][dead], grad_W[2][:, dead])")]]),
    "exercise 26": ([("    ...  # your answer: return (grad_W, grad_b), dicts like backprop's",
                      "    grad_W, grad_b = backprop(net, X, y)\n"
                      "    n = len(X)\n"
                      "    return {k: n * g for k, g in grad_W.items()}, {k: n * g for k, g in grad_b.items()}")],
                    [[("    ...  # your answer: return (grad_W, grad_b), dicts like backprop's",
                       "    return backprop(net, X, y)")]]),
    "exercise 27": ([("big_grad = None", "big_grad = delta2.T @ A1_with_ones")],
                    [[("big_grad = None", "big_grad = A1_with_ones.T @ delta2")]]),
    "exercise 28": ([("backprop_answer, finite_difference_answer = None, None",
                      "backprop_answer, finite_difference_answer = 0.0, -0.5")],
                    [[("backprop_answer, finite_difference_answer = None, None",
                       "backprop_answer, finite_difference_answer = -0.5, -0.5")],
                     [("backprop_answer, finite_difference_answer = None, None",
                       "backprop_answer, finite_difference_answer = 0.0, 0.0")]]),
}


def chapters():
    """The book's chapter notebooks in the table of contents' order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [ch["file"] for part in toc["parts"] for ch in part["chapters"]]
    return [ROOT / f"{f}.ipynb" for f in files if (ROOT / f"{f}.ipynb").exists()]


def self_check_cells(nb):
    """(cell index, exercise name) of every self-check cell of a notebook."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            found += [(i, m.group(1)) for m in CHECK_CALL.finditer(cell.source)]
    return found


def substitute(source, answer):
    for placeholder, replacement in answer:
        assert placeholder in source, f"placeholder {placeholder!r} not in the cell:\n{source}"
        source = source.replace(placeholder, replacement, 1)
    return source


def stdout(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


CHAPTERS = [p for p in chapters() if self_check_cells(nbformat.read(p, as_version=4))]


def test_every_self_check_has_a_hidden_solution_and_names_its_exercise_number():
    """Each check names the number the page gives its exercise (sphinx-exercise numbers them
    through the book in the table of contents' order), and ANSWERS covers exactly these."""
    number, seen = 0, []
    for path in chapters():
        nb = nbformat.read(path, as_version=4)
        markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        numbers = {m.group(1): number + k + 1
                   for k, m in enumerate(re.finditer(r"^:::\{exercise\}.*\n:label: (\S+)", markdown, re.M))}
        number += len(numbers)
        for i, name in self_check_cells(nb):
            source = nb.cells[i].source
            # the markdown right above the check ends with its exercise (or a reference to it)
            previous = next(c.source for c in reversed(nb.cells[:i]) if c.cell_type == "markdown")
            label = re.findall(r"(?<![\w-])ex-\d+-\d+", previous)[-1]
            assert name == f"exercise {numbers[label]}", f"{path.name}: the check after {label} says {name}"
            assert "from mlp_lib.selfcheck import check" in source, f"{path.name} {name}: import check in the cell"
            seen.append(name)
    assert number == 28, f"chapters 1-9 have 28 exercises, found {number}"
    assert sorted(seen) == sorted(ANSWERS), "every self-check needs its hidden solution in ANSWERS, and only those"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_stored_self_checks_show_the_unanswered_state(path):
    nb = nbformat.read(path, as_version=4)
    for i, name in self_check_cells(nb):
        assert stdout(nb.cells[i]).startswith(f"not answered yet: {name}."), (
            f"{path.name}: the stored {name} must show the unanswered state, got {stdout(nb.cells[i])!r}")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_self_checks_tell_the_solution_from_wrong_answers(path):
    """Run the chapter with every self-check cell repeated: solution, wrong answers, then as stored."""
    nb = nbformat.read(path, as_version=4)
    checks = dict(self_check_cells(nb))
    cells, expected = [], []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if i in checks:
            name = checks[i]
            solution, wrongs = ANSWERS[name]
            variants = [("correct", solution)] + [("not right yet", w) for w in wrongs] + [("not answered yet", [])]
            for verdict, answer in variants:
                cells.append(nbformat.v4.new_code_cell(substitute(cell.source, answer)))
                expected.append((len(cells) - 1, name, verdict, answer))
        else:
            cells.append(nbformat.v4.new_code_cell(cell.source))
    run = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    NotebookClient(run, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for index, name, verdict, answer in expected:
        printed = stdout(run.cells[index])
        assert printed.startswith(f"{verdict}: {name}"), (
            f"{path.name}, {name} with {answer or 'the placeholder'}: expected {verdict!r}, printed {printed!r}")
        if verdict == "not right yet":
            assert "Hint: " in printed, f"{name}: a wrong answer gets a hint, printed {printed!r}"


# The checker itself, without a kernel.

def test_placeholders_are_found_anywhere_in_an_answer():
    assert is_placeholder(None) and is_placeholder(...)
    assert is_placeholder((1.0, None)) and is_placeholder([[1, 2], (3, ...)]) and is_placeholder({"a": 1, "b": None})
    assert not is_placeholder((0.0, False)) and not is_placeholder({"a": (32, 5)}) and not is_placeholder([])


def test_check_says_what_is_wrong_and_never_raises(capsys):
    def said(*args, **kwargs):
        check(*args, **kwargs)
        return capsys.readouterr().out

    assert said("exercise 9", (None, 2.0), correct=(1.0, 2.0)).startswith("not answered yet: exercise 9.")
    assert said("exercise 9", (1.0, 2.0), correct=(1.0, 2.0)) == "correct: exercise 9.\n"
    assert said("exercise 9", (1.0, 3.0), correct=(1.0, 2.0), hint="look again.") == (
        "not right yet: exercise 9 (part 2 of 2 not right). Hint: look again.\n")
    assert "(X not right)" in said("e", {"X": (3,), "W": (2, 3)}, correct={"X": (3, 1), "W": (2, 3)})
    assert said("e", True, correct=True).startswith("correct") and said("e", 1, correct=True).startswith("not right")
    assert said("e", 0.026, correct=0.0255, atol=1e-3).startswith("correct")
    assert said("e", 0.026, correct=0.0255).startswith("not right")
    assert "(too big)" in said("e", 5, correct=lambda a: "too big" if a > 3 else True)
    assert "raised ZeroDivisionError" in said("e", 0, correct=lambda a: 1 / a > 0)
    assert said("e", "abc", correct=1.0).startswith("not right")
