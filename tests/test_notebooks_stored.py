"""Every chapter is stored the way the reader sees it: executed top to bottom, widget state saved.

nbval proves each stored output is what the code produces today, but a notebook stored
WITHOUT outputs passes nbval while checking nothing, and one stored without its widget
state shows "Loading widget..." forever on the website, GitHub and Colab previews.
Re-execute a chapter with ``python scripts/execute_notebooks.py book/NN_name.ipynb``.
"""
import base64
import re
import struct
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
IMAGE_TYPES = ("image/png", "image/jpeg")
EMPTY_FIGURE = re.compile(r"<Figure size [^>]* with 0 Axes>")
STDERR_PROBLEM = re.compile(r"Warning|Error|Traceback")
MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-fA-F]+)")


def _text(value):
    return "".join(value) if isinstance(value, list) else str(value)


def _image_size(mime, data):
    """(width, height) of a base64 PNG or JPEG, or None when it does not decode as one."""
    try:
        raw = base64.b64decode(_text(data), validate=False)
    except ValueError:
        return None
    if mime == "image/png":
        if raw[:8] != b"\x89PNG\r\n\x1a\n" or raw[12:16] != b"IHDR":
            return None
        return struct.unpack(">II", raw[16:24])
    if raw[:2] != b"\xff\xd8":
        return None
    i = 2
    while i + 9 < len(raw):  # walk the JPEG segments to the first start-of-frame
        if raw[i] != 0xFF:
            return None
        marker, length = raw[i + 1], struct.unpack(">H", raw[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", raw[i + 5:i + 9])
            return width, height
        i += 2 + length
    return None


def problems(nb):
    """What is wrong with how this notebook is stored (an empty list when nothing is)."""
    found = []
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]

    # Executed, once, top to bottom.
    unexecuted = [i for i, c in code if c.get("execution_count") is None]
    if unexecuted:
        found.append(f"code cells {unexecuted} (0-based) are not executed (execution_count is null)")
    counts = [c.get("execution_count") for _, c in code]
    if not unexecuted and counts != list(range(1, len(code) + 1)):
        found.append(f"execution counts are {counts}, expected 1..{len(code)} in order "
                     "(one clean run, top to bottom)")
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        found.append("metadata.kernelspec.name is not 'python3' (Binder, Colab and nbval need it)")

    # Outputs a reader should never see, and images that must show.
    referenced = {}
    for i, c in code:
        for out in c.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                found.append(f"cell {i} is stored with an error: {out.get('ename')}: {out.get('evalue')}")
            elif kind == "stream" and out.get("name") == "stderr" and STDERR_PROBLEM.search(_text(out.get("text", ""))):
                first = _text(out["text"]).strip().splitlines()[0][:120]
                found.append(f"cell {i} shows a warning/error on stderr: {first!r}")
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                referenced[data[WIDGET_VIEW].get("model_id")] = i
            for mime in IMAGE_TYPES:
                if mime in data:
                    size = _image_size(mime, data[mime])
                    if size is None or min(size) <= 0:
                        found.append(f"cell {i} has an {mime} output that does not decode as an image")
            plain = _text(data.get("text/plain", ""))
            if EMPTY_FIGURE.search(plain):
                found.append(f"cell {i} shows an empty figure ({EMPTY_FIGURE.search(plain).group(0)})")

    # Widget state: every widget shown, and every model those widgets refer to, is saved.
    if referenced:
        state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state")
        if not state:
            found.append(f"cells {sorted(set(referenced.values()))} show widgets but metadata.widgets "
                         "holds no saved state (execute with scripts/execute_notebooks.py)")
        else:
            missing = {m: i for m, i in referenced.items() if m not in state}
            for model_id, i in sorted(missing.items(), key=lambda kv: kv[1]):
                found.append(f"cell {i} shows widget {model_id} whose state is not saved")
            dangling = {m for m in MODEL_REF.findall(str(state)) if m not in state}
            if dangling:
                found.append(f"saved widget state refers to {len(dangling)} model(s) it does not hold, "
                             f"e.g. {sorted(dangling)[0]}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_executed_with_widget_state(path):
    nb = nbformat.read(path, as_version=4)
    found = problems(nb)
    assert not found, (f"{path.relative_to(ROOT)} is not stored executed (re-run "
                       f"`python scripts/execute_notebooks.py {path.relative_to(ROOT)}`):\n  "
                       + "\n  ".join(found))


# The checker itself, on small notebooks built here (no kernel needed).

_PNG_1x1 = base64.b64encode(
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
    b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe\xa7\x9a\xa0\xa0\x00\x00"
    b"\x00\x00IEND\xaeB`\x82").decode()


def _executed_notebook():
    v4 = nbformat.v4
    nb = v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                  "language": "python"}})
    nb.cells = [
        v4.new_markdown_cell("# Title"),
        v4.new_code_cell("import sys", execution_count=1),
        v4.new_code_cell("", execution_count=None),  # empty cells are never executed
        v4.new_code_cell("plot()", execution_count=2, outputs=[
            v4.new_output("display_data", data={"image/png": _PNG_1x1, "text/plain": "<Figure>"})]),
        v4.new_code_cell("explorer()", execution_count=3, outputs=[
            v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "aa11", "version_major": 2,
                                                              "version_minor": 0},
                                                "text/plain": "VBox()"})]),
    ]
    nb.metadata["widgets"] = {WIDGET_STATE: {"version_major": 2, "version_minor": 0, "state": {
        "aa11": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_bb22"]}},
        "bb22": {"model_name": "FloatSliderModel", "state": {"value": 1.0}},
    }}}
    return nb


def test_checker_passes_a_properly_executed_notebook():
    assert problems(_executed_notebook()) == []


@pytest.mark.parametrize("breakage, expected", [
    (lambda nb: nb.cells[1].update(execution_count=None), "not executed"),
    (lambda nb: nb.cells[3].update(execution_count=7), "execution counts are [1, 7, 3]"),
    (lambda nb: nb.metadata.pop("widgets"), "holds no saved state"),
    (lambda nb: nb.metadata["widgets"][WIDGET_STATE]["state"].pop("bb22"), "does not hold"),
    (lambda nb: nb.metadata["widgets"][WIDGET_STATE]["state"].pop("aa11"), "whose state is not saved"),
    (lambda nb: nb.cells[3].outputs[0].data.update({"image/png": "bm90IGFuIGltYWdl"}), "does not decode"),
    (lambda nb: nb.cells[1].outputs.append(nbformat.v4.new_output(
        "stream", name="stderr", text="RuntimeWarning: overflow")), "stderr"),
    (lambda nb: nb.cells[1].outputs.append(nbformat.v4.new_output(
        "error", ename="ValueError", evalue="bad", traceback=[])), "stored with an error"),
    (lambda nb: nb.cells[1].outputs.append(nbformat.v4.new_output(
        "execute_result", data={"text/plain": "<Figure size 640x480 with 0 Axes>"}, execution_count=1)),
     "empty figure"),
])
def test_checker_catches(breakage, expected):
    nb = _executed_notebook()
    breakage(nb)
    assert any(expected in p for p in problems(nb)), problems(nb)
