"""The scripts that show a page's saved widgets (loaded from _config.yml, sphinx.local_extensions).

myst-nb writes a notebook's saved widget state into its page as
``<script type="application/vnd.jupyter.widget-state+json">`` (``nb_ipywidgets_js`` is empty
in _config.yml, so it adds no loader of its own). For every page that holds one, this
extension chooses how the widgets are shown, by :func:`widget_path`:

- ``"anywidget host"``: every widget is an anywidget widget (all the book's explorers are).
  The page loads the book's host, ``_static/widgets/anywidget-host.js`` (4 kB; source in
  ``mlp_lib/widgets/js/src/host``), which imports each explorer's front end from the saved
  state and renders it: no widget manager, no request that leaves the site.
- ``"html-manager"``: some widget needs Jupyter's widget manager (an ipywidgets slider, say).
  The page loads myst-nb's default scripts: require.js and html-manager from public CDNs,
  about 900 kB, which the site does not ship because no page needs them today (the browser
  check and the page budgets fail on the requests that leave the site, which says so).

The saved state also leaves the page: it holds every explorer's front end and data (30 to
190 kB gzipped a page), and in the HTML it held back the page's first paint until all of it
had arrived. It goes to ``_static/widget-state/<hash of it>.js``, a classic script
(``window.savedWidgetState = {...}``) named by the host's ``data-saved-state`` attribute; the
host loads it when the first explorer is about to be shown (the reader scrolled near it), so
a reader who stays at the top of a chapter never downloads it, and a copy of the site
opened from disk (file://) still works, where a fetched JSON file or an ES module would be
refused.
"""
import hashlib
import json
from pathlib import Path

from myst_nb.core.config import ipywidgets_js_factory
from sphinx.builders.html._assets import _JavaScript

STATE_TYPE = "application/vnd.jupyter.widget-state+json"
HOST = "_static/widgets/anywidget-host.js"
STATE_FOLDER = "_static/widget-state"
# Models an anywidget widget brings along and the host has no view of: its Layout (and Style).
PASSIVE_MODULES = {"@jupyter-widgets/base"}


def widget_path(state):
    """``"anywidget host"`` when every model of a saved widget state (the dict under
    ``"state"``) is anywidget's or a passive base model, else ``"html-manager"``."""
    if not isinstance(state, dict):
        raise TypeError(f"a saved widget state is a dict of models, got {type(state).__name__}")
    others = {m.get("model_module") for m in state.values()} - {"anywidget"} - PASSIVE_MODULES
    return "html-manager" if others else "anywidget host"


def path_scripts(path, state_file=None):
    """The script tags (as Sphinx assets) that a page taking `path` loads; `state_file`: the
    name of the host's saved state in _static/widget-state/."""
    if path == "anywidget host":
        return [_JavaScript(HOST, defer="defer", **({"data-saved-state": state_file} if state_file else {}))]
    if path == "html-manager":
        return [_JavaScript(uri, **attrs) for uri, attrs in ipywidgets_js_factory().items()]
    raise ValueError(f"path must be 'anywidget host' or 'html-manager', got {path!r}")


def state_script(outdir, state):
    """Write the saved state (the widget-state+json dict) as a script; its file name."""
    text = ("// A page's saved widget state, read by the anywidget host (book/_ext/widgets.py).\n"
            f"window.savedWidgetState = {json.dumps(state, sort_keys=True)};\n")
    name = f"{STATE_FOLDER}/{hashlib.sha256(text.encode()).hexdigest()[:20]}.js"
    file = Path(outdir, name)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return Path(name).name


def show_saved_widgets(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    saved = [s for s in scripts if not s.filename and s.attributes.get("type") == STATE_TYPE]
    if not saved:
        return
    if len(saved) > 1:
        raise ValueError(f"{pagename} has {len(saved)} saved widget states; myst-nb writes one a notebook")
    state = json.loads(saved[0].attributes["body"])
    path = widget_path(state["state"])
    scripts.remove(saved[0])
    if path == "anywidget host":
        scripts.extend(path_scripts(path, state_script(app.outdir, state)))
    else:  # html-manager reads the state from the page itself
        scripts.append(saved[0])
        scripts.extend(path_scripts(path))
    context["widget_path"] = path


def setup(app):
    app.connect("html-page-context", show_saved_widgets, priority=950)  # after myst-nb adds the state
    return {"parallel_read_safe": True, "parallel_write_safe": True}
