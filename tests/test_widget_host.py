"""The book's anywidget host (mlp_lib/widgets/js/src/host, book/_ext/widgets.py).

- Which path each page takes: every built page with saved widgets loads the host and its
  state script, and nothing of Jupyter's widget manager; ``widget_path`` sends a page with
  another kind of widget to the widget manager.
- The host's model under node: get, set (change events only when the value changes, in
  Backbone's order), on, off, save_changes; the widget definitions anywidget allows.
- In chromium: a page whose saved views are of an explorer, of a non-anywidget widget and of
  a broken front end shows the explorer and says in words why the others are not shown.
"""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_site_browser import SITE, skip_or_fail, toc_pages

ROOT = Path(__file__).resolve().parent.parent
HOST_SRC = ROOT / "mlp_lib" / "widgets" / "js" / "src" / "host"
HOST_BUILT = ROOT / "book" / "_site" / "_static" / "widgets" / "anywidget-host.js"
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import widgets  # noqa: E402  (the Sphinx extension)

EXPLORER = {"model_module": "anywidget", "model_name": "AnyModel", "state": {"_esm": "export default {}"}}
LAYOUT = {"model_module": "@jupyter-widgets/base", "model_name": "LayoutModel", "state": {}}
SLIDER = {"model_module": "@jupyter-widgets/controls", "model_name": "IntSliderModel", "state": {"value": 3}}


def test_a_page_of_anywidget_widgets_takes_the_host_and_any_other_widget_the_widget_manager():
    assert widgets.widget_path({"a": EXPLORER, "l": LAYOUT}) == "anywidget host"
    assert widgets.widget_path({"a": EXPLORER, "s": SLIDER, "l": LAYOUT}) == "html-manager"
    assert [s.filename for s in widgets.path_scripts("anywidget host")] == [widgets.HOST]
    assert widgets.path_scripts("anywidget host", "x.js")[0].attributes["data-saved-state"] == "x.js"
    manager = [s.filename for s in widgets.path_scripts("html-manager")]
    assert any("require" in f for f in manager) and any("html-manager" in f for f in manager)
    with pytest.raises(TypeError, match="dict of models, got list"):
        widgets.widget_path([EXPLORER])
    with pytest.raises(ValueError, match="'anywidget host' or 'html-manager', got 'other'"):
        widgets.path_scripts("other")


def built_pages():
    if not (SITE / "index.html").is_file():
        skip_or_fail(f"no built site at {SITE}: build the book first")
    return [(pid, SITE / path) for pid, path in toc_pages()]


def test_every_built_page_with_saved_widgets_takes_the_anywidget_host():
    with_widgets = []
    for page_id, path in built_pages():
        text = path.read_text(encoding="utf-8")
        views = re.findall(r'<script type="application/vnd.jupyter.widget-view\+json">(.*?)</script>', text, re.S)
        scripts = re.findall(r'<script[^>]*\ssrc="([^"]+)"', text)
        assert not [s for s in scripts if re.search(r"require|embed-amd|html-manager|widget-paths", s)], page_id
        assert "widget-state+json" not in text, f"{page_id}: the saved state belongs in its own script"
        host = re.findall(r'<script data-saved-state="([^"]+)" defer="defer" src="([^"]*widgets/anywidget-host.js)[^"]*">', text)
        if not views:
            assert "anywidget-host.js" not in text, f"{page_id} has no saved widget but loads the host"
            continue
        with_widgets.append(page_id)
        assert len(host) == 1 and text.count("anywidget-host.js") == 1, (page_id, host)
        state_file = (path.parent / host[0][1]).parent.parent / "widget-state" / host[0][0]
        state_js = state_file.read_text(encoding="utf-8")
        state = json.loads(state_js.split("window.savedWidgetState = ", 1)[1].rstrip().rstrip(";"))
        assert widgets.widget_path(state["state"]) == "anywidget host"
        for view in views:
            model = state["state"][json.loads(view)["model_id"]]
            assert model["model_module"] == "anywidget" and model["state"]["_esm"].startswith(("function", "var", "import", "export", "const", "let"))
    assert len(with_widgets) >= 7, with_widgets  # the seven explorers' chapters


def run_node(code):
    node = shutil.which("node")
    if node is None:
        skip_or_fail("node is not on PATH")
    done = subprocess.run([node, "--input-type=module", "-e", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_model_behaves_as_anywidget_s_in_jupyter():
    out = run_node(f"""
import {{ PageModel }} from {json.dumps((HOST_SRC / "model.js").as_uri())};
const m = new PageModel({{ w: 1, xs: [1, 2] }});
const log = [];
const onW = (model, value) => log.push(["change:w", value, model === m]);
const onAny = (model, value) => log.push(["change", value]);
m.on("change:w", onW); m.on("change", onAny);
m.set("w", 1);            // same value: no event
m.set("w", 2);            // change:w, then change
m.set("xs", [1, 2]);      // an equal array: no event
m.off("change:w", onW);
m.set("w", 3);            // only "change" is left
m.off();                  // everything
m.set("w", 4);
m.save_changes(); m.send({{}});
const errors = [];
for (const bad of [() => new PageModel(null), () => new PageModel([1]), () => m.set(3, 1), () => m.on("change:w", 5)]) {{
  try {{ bad(); errors.push(null); }} catch (e) {{ errors.push(e.message); }}
}}
process.stdout.write(JSON.stringify({{ log, w: m.get("w"), missing: m.get("nope") ?? null, errors }}));
""")
    assert out["log"] == [["change:w", 2, True], ["change", 2], ["change", 3]]
    assert out["w"] == 4 and out["missing"] is None
    assert out["errors"][0] == "a widget model's state must be an object of traitlets, got null"
    assert out["errors"][1] == "a widget model's state must be an object of traitlets, got [1]"
    assert out["errors"][2] == "model.set takes a traitlet name (a string) and a value, got number 3"
    assert out["errors"][3] == 'model.on("change:w", callback) needs a function, got number'


def test_a_link_to_an_explorer_view_shows_every_explorer_at_once():
    """An address that holds an explorer's view (ui/state.js) renders every saved view at once
    instead of when the reader comes near it: the explorer must be there to scroll to."""
    out = run_node(f"""
globalThis.ANYWIDGET_HOST_NO_AUTORUN = true;
const {{ linksAView }} = await import({json.dumps((HOST_SRC / "page.js").as_uri())});
const hashes = ["", "#eq-2-1", "#depth.v=1&depth.r=3", "#eq-2-1&neuron.v=1", "#depth.r=3", "#notes.v2"];
process.stdout.write(JSON.stringify(hashes.map(linksAView)));
""")
    assert out == [False, False, True, True, False, False]


def test_the_widget_definitions_anywidget_allows():
    out = run_node(f"""
import {{ widgetDefinition }} from {json.dumps((HOST_SRC / "widget.js").as_uri())};
const render = () => {{}};
const a = await widgetDefinition({{ default: {{ render }} }});
const b = await widgetDefinition({{ default: () => ({{ render }}) }});
const c = await widgetDefinition({{ default: async () => ({{ render, initialize() {{}} }}) }});
let error = null;
try {{ await widgetDefinition({{ default: 7 }}); }} catch (e) {{ error = e.message; }}
process.stdout.write(JSON.stringify({{ ok: [a, b, c].every(d => d.render === render), error }}));
""")
    assert out["ok"]
    assert out["error"] == ("an anywidget module must export default {render({model, el})} "
                            "(or a function returning it), got a default export of type number")


ESM_OK = """export default { initialize({ model }) { model.set("started", true); },
  render({ model, el }) { const p = document.createElement("p"); p.className = "mlp-explorer";
    p.textContent = "w = " + model.get("w") + (model.get("started") ? ", started" : "");
    model.on("change:w", () => { p.textContent = "w = " + model.get("w"); }); el.append(p); } };"""


def test_the_host_renders_explorers_and_says_why_it_cannot_render_others(chromium, explorer_server):
    if not HOST_BUILT.is_file():
        pytest.fail("no built host: run `npm run build` in mlp_lib/widgets/js")
    state = {"state": {"ok": {"model_module": "anywidget", "model_name": "AnyModel", "state": {"_esm": ESM_OK, "w": 2}},
                       "slider": SLIDER,
                       "broken": {"model_module": "anywidget", "model_name": "AnyModel", "state": {"_esm": "export default 5"}}}}
    views = "".join(f'<div class="cell_output"><script type="application/vnd.jupyter.widget-view+json">'
                    f'{{"model_id": "{m}", "version_major": 2, "version_minor": 0}}</script></div>'
                    for m in ("ok", "slider", "broken", "missing"))
    page_html = (f"<!doctype html><html lang='en'><head><title>host</title></head><body><main>{views}</main>"
                 f"<script>window.savedWidgetState = {json.dumps(state)};</script>"
                 f"<script>{HOST_BUILT.read_text()}</script></body></html>")
    context = chromium.new_context()
    context.route("**/*", lambda r: r.abort() if not r.request.url.startswith(("data:", "blob:")) else r.continue_())
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.set_content(page_html)
        page.wait_for_function("document.querySelectorAll('.widget-subarea').length === 4 && "
                               "document.querySelectorAll('.anywidget-host-error').length === 3")
        areas = page.evaluate("""() => Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'))
            .map(s => { const area = s.previousElementSibling;
              if (!area.classList.contains('widget-subarea')) return null;
              const copy = area.cloneNode(true);  // what the screen shows: not the print's settings line
              copy.querySelectorAll('.mlp-settings').forEach(e => e.remove());
              return copy.textContent; })""")
        settings = page.locator(".mlp-explorer > .mlp-settings").all_text_contents()
    finally:
        context.close()
    assert areas[0] == "w = 2, started"
    assert settings == ["Live at about:blank."]  # printed only (companion.css); no control to name
    assert "@jupyter-widgets/controls IntSliderModel is not an anywidget widget" in areas[1]
    assert "must export default {render({model, el})}" in areas[2]
    assert "has no model missing" in areas[3]
    assert all("could not be shown" in a for a in areas[1:])
    assert len(errors) == 3  # and each one also in the console, for whoever debugs the page
