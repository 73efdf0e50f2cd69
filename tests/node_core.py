"""Run the explorers' JS core under node from a test: ``run_js(code, **inputs)``.

`code` is the body of an async JavaScript function of ``(core, inputs)``; ``core`` holds
every export of ``mlp_lib/widgets/js/src/core/*.js`` and ``inputs`` the keyword arguments
(numpy arrays become nested lists, so every float64 arrives exactly). The function's
result comes back parsed from JSON (non-finite numbers as the strings "NaN", "Infinity").
Needs ``node`` on PATH (Node.js 18 or newer): without it the test skips, or fails in CI.
"""
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np

RUNNER = Path(__file__).parent / "js" / "run.mjs"


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def run_js(code, **inputs):
    from test_site_browser import skip_or_fail

    node = shutil.which("node")
    if node is None:
        skip_or_fail("node is not on PATH (Node.js runs the explorers' JS core in these tests)")
    payload = json.dumps({"code": code, "inputs": _plain(inputs)})
    done = subprocess.run([node, str(RUNNER)], input=payload, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise AssertionError(f"node failed:\n{done.stderr}")
    return json.loads(done.stdout)
