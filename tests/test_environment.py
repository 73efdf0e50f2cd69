"""The environments the book promises: Binder (repo2docker), CI/local, and Colab.

Binder builds the repository with repo2docker, which reads runtime.txt (the Python version)
and requirements.txt (pip). Colab's kernel is what it is (.ci/colab-requirements.txt records it);
installing mlp_lib there must not change it, so mlp_lib's own ranges must admit those versions.
"""
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][^\s;#]*)$")


def pins(path):
    """name -> version of a requirements file's `name==version` lines; other lines returned apart."""
    found, other = {}, []
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = PIN.match(line)
        if m:
            name = canonicalize_name(m.group(1))
            assert name not in found, f"{path.name} pins {name} twice"
            found[name] = Version(m.group(2))
        else:
            other.append(line)
    return found, other


def mlp_lib_requirements(extra=None):
    reqs = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    if extra:
        reqs += [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"][extra]]
    return reqs


# Binder (repo2docker) and the pinned environment.

def test_requirements_are_pinned_and_end_with_the_package():
    lines = [l.strip() for l in (ROOT / "requirements.txt").read_text().splitlines()
             if l.strip() and not l.strip().startswith("#")]
    assert lines[-1] == "-e .", "requirements.txt's last line must install mlp_lib: `-e .`"
    found, other = pins(ROOT / "requirements.txt")
    assert other == ["-e ."], f"every other line must be an exact pin name==version, not {other[:-1]}"
    assert len(found) > 20


def test_runtime_txt_pins_the_python_binder_uses():
    text = (ROOT / "runtime.txt").read_text()
    assert re.fullmatch(r"python-3\.\d+\n?", text), f"runtime.txt must read python-3.X (repo2docker), not {text!r}"
    version = Version(text.strip().removeprefix("python-"))
    assert version == Version("3.11"), "Binder runs Python 3.11, the version the book is developed with"
    requires = PYPROJECT["project"]["requires-python"]
    assert version in Requirement(f"python{requires}").specifier, f"runtime.txt's {version} is outside {requires}"


def test_the_pins_satisfy_mlp_lib_and_the_book_tooling():
    found, _ = pins(ROOT / "requirements.txt")
    for req in mlp_lib_requirements("widgets"):
        name = canonicalize_name(req.name)
        assert name in found, f"requirements.txt does not pin {name}, which mlp_lib[widgets] needs"
        assert found[name] in req.specifier, f"requirements.txt's {name}=={found[name]} is outside mlp_lib's {req}"
    # repo2docker runs the notebooks with the kernel from these pins; the book needs Jupyter Book 1.x.
    assert Version("1.0.4") <= found["jupyter-book"] < Version("2"), "jupyter-book must be >=1.0.4,<2"
    # What the README's commands and checks run: a kernel, widgets, nbval, the browser check,
    # and `jupyter notebook book/` (run locally).
    for name in ("ipykernel", "ipywidgets", "nbval", "pytest", "playwright", "notebook"):
        assert name in found, f"requirements.txt must pin {name}"


# Colab.

COLAB = {"numpy": "2.1.3", "matplotlib": "3.10.0", "ipywidgets": "7.7.1", "ipython": "7.34.0"}


def test_colab_requirements_pin_colabs_versions():
    found, other = pins(ROOT / ".ci" / "colab-requirements.txt")
    assert not other, f".ci/colab-requirements.txt: only exact pins, not {other}"
    for name, version in COLAB.items():
        assert found.get(name) == Version(version), f"Colab has {name} {version}; the check pins {found.get(name)}"


@pytest.mark.parametrize("name, version", sorted(COLAB.items()))
def test_installing_mlp_lib_in_colab_keeps_colabs_versions(name, version):
    """pip keeps an installed version that satisfies every requirement: mlp_lib[widgets]'s
    ranges must admit Colab's versions, or the Colab cell would up- or downgrade them."""
    reqs = [req for req in mlp_lib_requirements("widgets") if canonicalize_name(req.name) == name]
    assert reqs, f"mlp_lib[widgets] states no range for {name}, so this checks nothing: it must require it"
    for req in reqs:
        assert Version(version) in req.specifier, f"mlp_lib requires {req}; Colab has {name} {version}"


def test_ci_scripts_are_executable_bash():
    for script in ("run", "colab-check"):
        path = ROOT / ".ci" / script
        assert path.read_text().startswith("#!/usr/bin/env bash\n"), f".ci/{script} must be a bash script"
        assert path.stat().st_mode & 0o111, f".ci/{script} must be executable (chmod +x)"
        assert "set -euo pipefail" in path.read_text(), f".ci/{script} must stop at the first failing step"
