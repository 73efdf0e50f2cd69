"""The chapters as plain Jupyter notebooks, written by every HTML build of the book.

Students run the chapters in Binder's JupyterLab or Notebook 7, in Colab, or from the site's
download button; none of them renders MyST. At the end of the build this writes every chapter
with its markdown rewritten by ``myst_to_markdown`` (outputs, widget state and code unchanged):

- ``_build/jupyter/``: what the launch buttons open (the Pages workflow pushes it to the branch
  ``repository.branch`` of _config.yml): ``book/*.ipynb``, and what Binder builds the
  environment from (requirements.txt, runtime.txt, pyproject.toml, LICENSE, mlp_lib/) with a
  README saying where it comes from;
- ``_build/html/_sources/book/*.ipynb``: what the download button serves.

Numbers and links come from the build itself, so they are the website's: exercises as
sphinx-exercise numbered them through the book, labels from Sphinx's std domain, API pages from
its py domain. With ``hide_solutions`` (the student edition) the solutions are left out.
"""
import re
import shutil
import subprocess
from pathlib import Path

import nbformat

from companion import canonical_name
from myst_to_markdown import Book, to_markdown

BINDER_FILES = ["requirements.txt", "runtime.txt", "pyproject.toml", "LICENSE"]
README = """# {title}: the chapters as plain Jupyter notebooks

Generated from `book/` of [{repo}]({repo}) (commit {commit}) by its Pages workflow: do not edit
here, edit the chapters on `main`. This branch is what the website's Binder and Colab buttons
open. The chapters read as on the website ({site}): MyST rewritten as plain markdown, exercises
numbered as on the site, solutions folded (click "Solution"), and every output and explorer saved.
Binder builds the environment from `requirements.txt` and `runtime.txt` here.
"""


def site_url(config):
    """The website's root URL, ending in "/": html_baseurl, else GitHub Pages' address for the
    repository (https://github.com/<owner>/<name> -> https://<owner>.github.io/<name>/)."""
    if config.html_baseurl:
        return config.html_baseurl.rstrip("/") + "/"
    repo = (config.html_theme_options or {}).get("repository_url", "")
    m = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)/?", repo)
    if not m:
        raise ValueError(f"repository.url must be https://github.com/<owner>/<name> (or set html.baseurl), not {repo!r}")
    return f"https://{m.group(1).lower()}.github.io/{m.group(2)}/"


class ApiPages:
    """{name as a chapter writes it (mlp_lib.relu): (docname, anchor)} from the py domain."""

    def __init__(self, env):
        self.objects = env.get_domain("py").objects

    def get(self, name):
        entry = self.objects.get(name) or self.objects.get(canonical_name(name) or "")
        return (entry.docname, entry.node_id) if entry else None


def book_of(app):
    """Everything but the docname: a Book for the whole build."""
    env, std = app.env, app.env.get_domain("std")
    exercises = {label: ".".join(map(str, number))
                 for numbers in env.toc_fignumbers.values() for label, number in numbers.get("exercise", {}).items()}
    return Book(site=site_url(app.config), doc="", title=app.config.html_title or app.config.project, targets=dict(std.anonlabels),
                sections={label: title for label, (_, _, title) in std.labels.items() if title},
                exercises=exercises, api=ApiPages(env), solutions=not app.config.hide_solutions)


def plain_notebook(path, book):
    """The notebook at `path` with its markdown as plain Jupyter markdown, and a line in its first
    cell that points to the same chapter on the website."""
    nb = nbformat.read(path, as_version=4)
    markdown = [cell for cell in nb.cells if cell.cell_type == "markdown"]
    for cell in markdown:
        cell.source = to_markdown(cell.source, book)
    if markdown:
        markdown[0].source += (f"\n\n*A chapter of [{book.title}]({book.url(book.doc)}), the website where it "
                               "reads best; its explorers run there too, without Python.*")
    return nb


def write_notebooks(app, exception):
    if exception is not None or app.builder.name != "html":
        return
    out = Path(app.outdir).parent / "jupyter"
    shutil.rmtree(out, ignore_errors=True)
    book = book_of(app)
    for doc in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(doc))
        if source.suffix != ".ipynb":
            continue
        book.doc = doc
        nb = plain_notebook(source, book)
        for target in (out / f"{doc}.ipynb", Path(app.outdir) / "_sources" / f"{doc}.ipynb"):
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, target)
    root = Path(app.srcdir)
    for name in BINDER_FILES:
        shutil.copyfile(root / name, out / name)
    shutil.copytree(root / "mlp_lib", out / "mlp_lib",
                    ignore=shutil.ignore_patterns("js", "__pycache__", "*.pyc", "*.egg-info"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
    (out / "README.md").write_text(README.format(title=book.title, site=book.site, commit=commit.stdout.strip() or "?",
                                                 repo=app.config.html_theme_options.get("repository_url", "")))


def setup(app):
    app.connect("build-finished", write_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
