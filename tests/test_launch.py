"""Launching a chapter: one repository URL (_config.yml's repository.url) behind every way in.

The Colab cell of every chapter installs mlp_lib from exactly that repository, and (when a
built site exists at _build/html) every chapter page carries Binder and Colab buttons that open
that chapter in that repository, on the branch of the plain notebooks (repository.branch, which
.ci/publish-notebooks fills from _build/jupyter), and a download button for its plain notebook.
"""
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("BOOK_SITE_DIR", ROOT / "_build" / "html")).resolve()
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPO = CONFIG["repository"]
REPO_URL = REPO["url"].rstrip("/")
BRANCH = REPO.get("branch", "main")
PATH_TO_BOOK = (REPO.get("path_to_book") or "").strip("/")
LAUNCH = CONFIG.get("launch_buttons", {})
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
INSTALL = re.compile(r'%pip install (?:-q )?"mlp_lib\[widgets\] @ git\+(?P<url>[^"]+)"')


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    return files


def source_of(doc):
    """The source file of a toc entry (book/intro -> book/intro.md)."""
    for suffix in (".ipynb", ".md"):
        if (ROOT / (doc + suffix)).is_file():
            return ROOT / (doc + suffix)
    return None


def repo_path(path):
    """A file's path inside the repository, as launch links spell it."""
    rel = path.relative_to(ROOT).as_posix()
    return f"{PATH_TO_BOOK}/{rel}" if PATH_TO_BOOK else rel


# The configuration.

def test_repository_url_is_one_github_repository():
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", REPO_URL), (
        f"repository.url must be https://github.com/<owner>/<name>, not {REPO_URL!r}")


def test_the_launch_buttons_open_the_branch_of_plain_notebooks():
    assert BRANCH not in ("main", "master"), (
        "repository.branch is what Binder and Colab open: the generated plain notebooks, not the MyST sources")
    assert PATH_TO_BOOK == "", "the launch branch holds book/ at its root (_build/jupyter)"


def test_publish_notebooks_pushes_the_build_s_files_to_that_branch(tmp_path):
    """.ci/publish-notebooks, run in a clone of a tiny repository with a bare remote: the branch
    gets exactly _build/jupyter's files; the clone's branch, index and files are untouched."""
    generated = ROOT / "_build" / "jupyter"
    if not (generated / "book").is_dir():
        built_page("book/intro")  # skips (or fails in CI) with the reason: no build
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull, GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")

    def git(*args, cwd=tmp_path / "clone"):
        return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout

    git("init", "-q", "--bare", "origin.git", cwd=tmp_path)
    clone = tmp_path / "clone"
    (clone / ".ci").mkdir(parents=True)
    shutil.copy2(ROOT / ".ci" / "publish-notebooks", clone / ".ci")
    shutil.copy2(ROOT / "_config.yml", clone)
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "the book's source")
    shutil.copytree(generated, clone / "_build" / "jupyter")
    run = subprocess.run(["bash", ".ci/publish-notebooks", str(tmp_path / "origin.git")], cwd=clone, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    pushed = set(git("ls-tree", "-r", "--name-only", BRANCH, cwd=tmp_path / "origin.git").split())
    files = {p.relative_to(generated).as_posix() for p in generated.rglob("*") if p.is_file()}
    assert pushed == files and {f"book/{p.name}" for p in NOTEBOOKS} <= pushed
    assert git("rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert git("status", "--porcelain") == "?? _build/\n", "the clone's index and files stay as they were"


def test_launch_and_download_buttons_are_configured():
    html = CONFIG.get("html", {})
    assert LAUNCH.get("binderhub_url") == "https://mybinder.org"
    assert LAUNCH.get("colab_url") == "https://colab.research.google.com"
    assert LAUNCH.get("thebe") is False, "no Live Code: thebe shows no explorer (see _config.yml)"
    assert html.get("use_download_button") is True
    assert html.get("use_repository_button") is True


def test_every_notebook_is_in_the_toc():
    listed = {source_of(f) for f in toc_files()}
    missing = [p.name for p in NOTEBOOKS if p not in listed]
    assert not missing, f"notebooks not in _toc.yml (no page, no launch buttons): {missing}"
    assert None not in listed, "an entry of _toc.yml has no .ipynb or .md source"


# The Colab cell of every notebook.

@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_first_code_cell_is_the_colab_cell(path):
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, f"{path.name} has no code cell (the first must be the Colab cell)"
    cell = code[0]
    source = "".join(cell["source"])
    assert "remove-cell" in cell.get("metadata", {}).get("tags", []), (
        f"{path.name}: the Colab cell must be tagged remove-cell (hidden on the site)")
    m = INSTALL.search(source)
    assert m, (f"{path.name}: the first code cell must install mlp_lib in Colab with "
               f'%pip install -q "mlp_lib[widgets] @ git+{REPO_URL}"; it is:\n{source}')
    assert m.group("url") == REPO_URL, (
        f"{path.name} installs from {m.group('url')}, but _config.yml's repository.url is {REPO_URL}")
    assert 'if "google.colab" in sys.modules:' in source, f"{path.name}: install only when in Colab"
    enable = source.find("output.enable_custom_widget_manager()")
    assert enable > m.start(), (
        f"{path.name}: the Colab cell must call output.enable_custom_widget_manager() "
        "(after the install, before any widget shows)")
    others = [u for c in code[1:] for u in re.findall(r"git\+(https://\S+?)[\"'\s]", "".join(c["source"]))]
    assert all(u == REPO_URL for u in others), f"{path.name} installs from another repository: {others}"


# The built pages (when there is a build).

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []  # (title, class, href)
        self.buttons = []  # (class, onclick)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.links.append((a.get("title", ""), a.get("class", ""), a["href"]))
        elif tag == "button":
            self.buttons.append((a.get("class", ""), a.get("onclick", "")))


def built_page(doc):
    page = SITE / f"{doc}.html"
    if not SITE.is_dir():
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(f"no built site at {SITE} (CI builds the book before the tests)", pytrace=False)
        pytest.skip(f"no built site at {SITE}: build with `.venv/bin/jupyter-book build . -W -n --keep-going`")
    assert page.is_file(), f"{page.relative_to(SITE)} was not built"
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return page, parser


def one_href(parser, title):
    hrefs = [href for t, _, href in parser.links if t == title]
    assert len(hrefs) == 1, f"expected one {title!r} button, found {len(hrefs)}"
    return hrefs[0]


TOC = toc_files()
TOC_NOTEBOOKS = [f for f in TOC if (ROOT / f"{f}.ipynb").is_file()]


@pytest.mark.parametrize("doc", TOC_NOTEBOOKS, ids=[Path(f).name for f in TOC_NOTEBOOKS])
def test_built_chapter_has_launch_buttons_to_this_repository(doc):
    page, parser = built_page(doc)
    notebook = repo_path(ROOT / f"{doc}.ipynb")
    owner_repo = REPO_URL.removeprefix("https://github.com/")
    ui = "lab/tree" if LAUNCH.get("notebook_interface") == "jupyterlab" else "tree"
    binder = one_href(parser, "Launch on Binder")
    assert binder == f"{LAUNCH['binderhub_url']}/v2/gh/{owner_repo}/{BRANCH}?urlpath={ui}/{notebook}"
    colab = one_href(parser, "Launch on Colab")
    assert colab == f"{LAUNCH['colab_url']}/github/{owner_repo}/blob/{BRANCH}/{notebook}"
    assert (ROOT / "_build" / "jupyter" / notebook).is_file(), f"the launch branch would have no {notebook}"
    assert not any("thebe" in cls for cls, _ in parser.buttons), (
        "a Live Code (thebe) button: it cannot show the explorers (see _config.yml's launch_buttons)")


@pytest.mark.parametrize("doc", TOC, ids=[Path(f).name for f in TOC])
def test_built_page_has_download_and_repository_buttons(doc):
    page, parser = built_page(doc)
    source = source_of(doc)
    download = one_href(parser, "Download source file")
    target = Path(urljoin(page.as_uri(), download).removeprefix("file://"))
    assert target == SITE / "_sources" / source.relative_to(ROOT), f"download points at {download}"
    assert target.is_file(), f"the download button's file {download} is not in the site"
    assert any("btn-download-pdf-button" in cls for _, cls, _ in parser.links) or any(
        "window.print()" in onclick for _, onclick in parser.buttons), "no PDF (print) download button"
    assert one_href(parser, "Source repository") == REPO_URL
