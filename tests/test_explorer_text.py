"""An explorer's text form: what a notebook shows where it cannot draw it (a saved notebook before
the cell has run, GitHub's preview, a plain-text view). It must say what it is and ask the reader
to run the cell, within the 110 characters ipywidgets keeps of a widget's text/plain."""
import json
from pathlib import Path

import pytest

from mlp_lib.widgets.activations import activation_explorer
from mlp_lib.widgets.depth import depth_explorer
from mlp_lib.widgets.features import features_explorer
from mlp_lib.widgets.neuron import neuron_explorer
from mlp_lib.widgets.optimization import optimizer_explorer
from mlp_lib.widgets.stacking import housing_explorer
from mlp_lib.widgets.two_layer import two_layer_explorer

ROOT = Path(__file__).resolve().parent.parent
MAKERS = [optimizer_explorer, neuron_explorer, housing_explorer, two_layer_explorer, depth_explorer,
          activation_explorer, features_explorer]


@pytest.mark.parametrize("make", MAKERS, ids=[m.__name__ for m in MAKERS])
def test_the_text_form_says_what_it_is_and_to_run_the_cell(make):
    explorer = make()
    bundle = explorer._repr_mimebundle_()  # anywidget's: (data, metadata)
    text = (bundle[0] if isinstance(bundle, tuple) else bundle)["text/plain"]
    assert text == repr(explorer), "ipywidgets cut it (over 110 characters)"
    assert text.startswith(f"{type(explorer).__name__}: an interactive figure")
    assert "Run this cell to show it" in text and " at 0x" not in text


def test_every_saved_explorer_shows_that_text():
    """The chapters are stored executed: their explorer outputs carry the text form above."""
    seen = 0
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "application/vnd.jupyter.widget-view+json" in data:
                    seen += 1
                    text = "".join(data["text/plain"])
                    assert "Run this cell to show it" in text, f"{path.name} stores {text!r}: re-execute it"
    assert seen >= 7
