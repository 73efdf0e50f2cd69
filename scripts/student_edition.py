"""Build the student edition: the site and the chapter notebooks without any solution.

usage: python scripts/student_edition.py [--out DIR]

Writes, under DIR (default _build/student):
- notebooks/: every chapter notebook with its `solution` directives removed from the markdown
  cells (outputs, widget state and self-checks as they are: the self-checks hold no answers);
- html/: the site, built strictly (-W -n --keep-going) with sphinx-exercise's
  ``hide_solutions: True`` and no launch buttons (a copy of _config.yml with those settings,
  passed by --config); the notebooks its download button serves (_sources/) are the ones above.
The exercises keep their numbers and labels. Prints the sizes and the time it took.
"""
import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
# a MyST colon-fence solution directive, from its opening fence to the closing fence of the same length
SOLUTION = re.compile(r"\n*^(?P<fence>:{3,})\{solution\}[^\n]*\n.*?^(?P=fence)[ \t]*$\n?", re.M | re.S)


def strip_solutions(source):
    """A markdown cell's source without its solution directives (and the blank lines before them)."""
    stripped = SOLUTION.sub("\n", source).rstrip("\n")
    return stripped + ("\n" if source.endswith("\n") and stripped else "")


def write_notebooks(out):
    """Write book/*.ipynb without solutions to ``out``; return {name: solutions removed}."""
    out.mkdir(parents=True, exist_ok=True)
    removed = {}
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        count = 0
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                count += len(SOLUTION.findall(cell.source))
                cell.source = strip_solutions(cell.source)
                if re.search(r"\{(solution|admonition)\}\s*Solution|^:{3,}\{solution\}", cell.source, re.M):
                    raise SystemExit(f"{path.name}: a solution is left that this script cannot remove:\n{cell.source}")
        nbformat.write(nb, out / path.name)
        removed[path.name] = count
    return removed


def jupyter_book():
    beside = Path(sys.executable).parent / "jupyter-book"
    return str(beside) if beside.exists() else shutil.which("jupyter-book") or "jupyter-book"


def build_site(out, notebooks):
    """Build the site with hidden solutions into ``out``; its downloadable notebooks are ``notebooks``'."""
    work = out.parent / ".site-build"
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    work.mkdir(parents=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config.setdefault("sphinx", {}).setdefault("config", {})["hide_solutions"] = True
    # no launch buttons: Binder, Colab and Live Code would open the repository's notebooks,
    # solutions included (the download button serves the student notebooks, below)
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
    shutil.move(str(work / "_build" / "html"), str(out))
    shutil.rmtree(work)
    for served in (out / "_sources").rglob("*.ipynb"):
        shutil.copyfile(notebooks / served.name, served)


def size(path):
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "student", help="default: _build/student")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    start = time.perf_counter()
    shutil.rmtree(out / "notebooks", ignore_errors=True)
    removed = write_notebooks(out / "notebooks")
    build_site(out / "html", out / "notebooks")
    seconds = time.perf_counter() - start
    print(f"notebooks: {out / 'notebooks'} ({len(removed)} notebooks, {sum(removed.values())} solutions removed, "
          f"{size(out / 'notebooks') / 1e6:.1f} MB)")
    print(f"site:      {out / 'html'} ({size(out / 'html') / 1e6:.1f} MB), built without solutions")
    print(f"took {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
