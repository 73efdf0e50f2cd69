"""Generated JavaScript is what its one command makes today.

The explorers' bundles (mlp_lib/widgets/static/*.js) and the widget scripts the site serves
(book/_site/_static/widgets/) are committed; `npm ci && npm run build` in mlp_lib/widgets/js
regenerates them. `node build.mjs --check` rebuilds in memory and names every file that
differs from the committed one.
"""
import json
import shutil
import subprocess
from pathlib import Path

import yaml

from test_site_browser import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "mlp_lib" / "widgets" / "js"
SITE_WIDGETS = ROOT / "book" / "_site" / "_static" / "widgets"


def test_bundles_and_site_scripts_are_fresh():
    node = shutil.which("node")
    if node is None or not (JS / "node_modules").is_dir():
        skip_or_fail("the explorers' build needs node and `npm ci --prefix mlp_lib/widgets/js`")
    done = subprocess.run([node, "build.mjs", "--check"], cwd=JS, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr + done.stdout


def test_every_explorer_has_a_committed_bundle():
    sources = sorted(p.stem for p in (JS / "src" / "explorers").glob("*.js"))
    bundles = sorted(p.stem for p in (ROOT / "mlp_lib" / "widgets" / "static").glob("*.js"))
    assert sources and sources == bundles


def test_the_pages_load_the_site_s_own_widget_scripts_in_order():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
    scripts = list(config["nb_ipywidgets_js"])
    assert scripts == ["widgets/require.js", "widgets/widget-paths.js", "widgets/embed-amd.js"]
    assert config["html_extra_path"] == ["book/_site"]
    for script in scripts:
        assert (SITE_WIDGETS / Path(script).name).is_file(), script


def test_anywidget_s_page_module_is_the_one_of_the_installed_python_package():
    """html-manager loads anywidget's AMD module from the site; it must be the version whose
    Python side wrote the saved widget state (the wheel carries the same file)."""
    import anywidget

    wheel_copy = Path(anywidget.__file__).parent / "nbextension" / "index.js"
    assert (SITE_WIDGETS / "anywidget.js").read_bytes() == wheel_copy.read_bytes()
    lock = json.loads((JS / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/anywidget"]["version"] == anywidget.__version__
