"""Self-checks for the chapters' exercises: tell a reader whether their answer is right.

A self-check cell holds a placeholder (``None`` or ``...``) where the reader writes an
answer, then calls :func:`check`. It prints one line and never raises, so the stored
notebook shows the unanswered state and still runs clean:

- ``not answered yet: ...`` while any part of the answer is still a placeholder;
- ``correct: ...`` when the answer passes;
- ``not right yet: ...`` with what is wrong (when known) and a hint.

The right answer is never written in the cell: the check compares with values computed
from the question's own data (the network's outputs, mlp_lib's counts), or runs a test
of the answer. The answers a reader should enter live in ``tests/test_self_checks.py``.
numpy only.
"""
import numpy as np

__all__ = ["check", "is_placeholder"]

NOT_ANSWERED = "not answered yet"
CORRECT = "correct"
WRONG = "not right yet"


def is_placeholder(answer):
    """True when ``answer`` is ``None`` or ``...``, or a tuple, list or dict holding one."""
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, dict):
        return any(is_placeholder(v) for v in answer.values())
    if isinstance(answer, (tuple, list)):
        return any(is_placeholder(v) for v in answer)
    return False


def _same(answer, expected, atol=1e-8):
    """One value against the expected one: numbers and arrays to ``np.allclose``'s tolerance."""
    if isinstance(expected, (bool, np.bool_)):
        return isinstance(answer, (bool, np.bool_)) and bool(answer) == bool(expected)
    try:
        a, e = np.asarray(answer, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError, OverflowError):  # not numbers, or too large for a float
        try:
            return bool(answer == expected)
        except Exception:
            return False
    with np.errstate(all="ignore"):
        return a.shape == e.shape and bool(np.allclose(a, e, atol=atol))


def _differences(answer, expected, atol=1e-8):
    """What is wrong with ``answer`` (a list of words; empty when it matches ``expected``)."""
    if isinstance(expected, dict):
        if not isinstance(answer, dict):
            return ["the answer should be a dict like the one given"]
        wrong = [str(k) for k in expected if k not in answer or not _same(answer[k], expected[k], atol)]
        return [f"{', '.join(wrong)} not right"] if wrong else []
    if isinstance(expected, (tuple, list)):
        if not isinstance(answer, (tuple, list)) or len(answer) != len(expected):
            return [f"the answer should have {len(expected)} parts"]
        wrong = [str(i + 1) for i, (a, e) in enumerate(zip(answer, expected)) if not _same(a, e, atol)]
        if not wrong:
            return []
        which = "part" if len(wrong) == 1 else "parts"
        return [f"{which} {', '.join(wrong)} of {len(expected)} not right"]
    return [] if _same(answer, expected, atol) else ["the value is not right"]


def check(name, answer, correct, hint="", atol=1e-8):
    """Print whether ``answer`` to exercise ``name`` is unanswered, correct or wrong.

    Parameters
    ----------
    name : str, the exercise as the page numbers it, e.g. ``"exercise 4"``.
    answer : the reader's answer: a value, or a tuple, list or dict of values. ``None`` or
        ``...`` anywhere in it means "not answered yet".
    correct : the expected value(s), of the same form as ``answer`` and computed from the
        question's data (numbers and arrays compare to ``np.allclose``'s tolerance, shapes
        must match, booleans must be booleans); or a function of the answer that returns
        True when it is right, and False or a sentence saying what is wrong otherwise.
    hint : str, shown with a wrong answer.
    atol : float, the absolute tolerance for numbers (``np.allclose``'s, with rtol 1e-5).

    Prints one line starting with ``not answered yet``, ``correct`` or ``not right yet``,
    and returns None (so a cell can end with the call).
    """
    if is_placeholder(answer):
        print(f"{NOT_ANSWERED}: {name}. Replace each None or ... with your answer and run the cell again.")
        return
    if callable(correct):
        try:
            verdict = correct(answer)
            right = not isinstance(verdict, str) and bool(verdict)
        except Exception as err:  # an answer can have any form: say what went wrong, do not raise
            verdict, right = f"checking it raised {type(err).__name__}: {err}", False
        problems = [verdict] if isinstance(verdict, str) else []
    else:
        try:
            problems = _differences(answer, correct, atol)
        except Exception as err:  # an answer numpy cannot compare: say so, do not raise
            problems = [f"comparing it raised {type(err).__name__}: {err}"]
        right = not problems
    if right:
        print(f"{CORRECT}: {name}.")
        return
    said = f" ({'; '.join(problems)})" if problems else ""
    print(f"{WRONG}: {name}{said}." + (f" Hint: {hint}" if hint else ""))
