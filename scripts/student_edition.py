"""Build the student edition: the site and the chapter notebooks without any solution.

usage: python scripts/student_edition.py [--out DIR]

Builds the site strictly (-W -n --keep-going) with sphinx-exercise's ``hide_solutions: True``
and no launch buttons (a copy of _config.yml with those settings, passed by --config), and
writes, under DIR (default _build/student):
- html/: that site; its download buttons serve the notebooks below;
- notebooks/: every chapter as a plain Jupyter notebook (what the book build writes to
  _build/jupyter, book/_ext/jupyter_notebooks.py) without its solutions: outputs, widget state
  and self-checks as they are (the self-checks hold no answers).
The exercises keep the book's numbers. Prints the sizes and the time it took.
"""
import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def jupyter_book():
    beside = Path(sys.executable).parent / "jupyter-book"
    return str(beside) if beside.exists() else shutil.which("jupyter-book") or "jupyter-book"


def build(out):
    """Build the edition into ``out``: html/ (the site) and notebooks/ (the plain notebooks)."""
    work = out / ".build"
    for folder in (work, out / "html", out / "notebooks"):
        shutil.rmtree(folder, ignore_errors=True)
    work.mkdir(parents=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config.setdefault("sphinx", {}).setdefault("config", {})["hide_solutions"] = True
    # no launch buttons: Binder and Colab open the book's notebooks (repository.branch), whose
    # solutions are only folded (the download button serves the student notebooks, below)
    config["launch_buttons"] = {"binderhub_url": "", "colab_url": "", "thebe": False}
    # jupyter-book finds local extensions relative to the config file: point them at the book's
    local = config["sphinx"].get("local_extensions") or {}
    config["sphinx"]["local_extensions"] = {name: str(ROOT / path) for name, path in local.items()}
    config_path = work / "_config.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))
    run = subprocess.run([jupyter_book(), "build", ".", "--config", str(config_path), "--path-output", str(work),
                          "-W", "-n", "--keep-going"], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0 or "build succeeded" not in run.stdout:
        sys.stdout.write(run.stdout[-4000:])
        sys.stderr.write(run.stderr[-4000:])
        raise SystemExit("the student edition's build failed (see above)")
    shutil.move(str(work / "_build" / "html"), str(out / "html"))
    shutil.move(str(work / "_build" / "jupyter" / "book"), str(out / "notebooks"))
    shutil.rmtree(work)


def size(path):
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "student", help="default: _build/student")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    start = time.perf_counter()
    build(out)
    seconds = time.perf_counter() - start
    notebooks = sorted((out / "notebooks").glob("*.ipynb"))
    print(f"notebooks: {out / 'notebooks'} ({len(notebooks)} notebooks without solutions, "
          f"{size(out / 'notebooks') / 1e6:.1f} MB)")
    print(f"site:      {out / 'html'} ({size(out / 'html') / 1e6:.1f} MB), built without solutions")
    print(f"took {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
