"""The GitHub Actions workflows are valid against GitHub's workflow schema (the copy that
check-jsonschema carries: no network) and do what README.md says they do."""
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_match_github_s_schema():
    assert [w.name for w in WORKFLOWS] == ["book.yml", "colab.yml", "linkcheck.yml"]
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", *map(str, WORKFLOWS)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def load(name):
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    return workflow, workflow[True]  # YAML 1.1 reads the key `on` as True


def test_the_site_deploys_only_from_main_and_only_after_ci_passes():
    workflow, on = load("book.yml")
    assert on["push"]["branches"] == ["main"] and "pull_request" in on
    build, deploy = workflow["jobs"]["build-and-test"], workflow["jobs"]["deploy"]
    assert any(step.get("run") == "bash .ci/run" for step in build["steps"])
    assert deploy["needs"] == "build-and-test"
    assert "refs/heads/main" in deploy["if"] and deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_plain_notebooks_go_to_the_launch_branch_only_from_main_after_ci_passes():
    workflow, _ = load("book.yml")
    build, job = workflow["jobs"]["build-and-test"], workflow["jobs"]["notebooks"]
    upload = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "_build/jupyter"
    assert "refs/heads/main" in upload[0]["if"]
    assert job["needs"] == "build-and-test" and "refs/heads/main" in job["if"]
    assert job["permissions"] == {"contents": "write"}
    download = [s for s in job["steps"] if s.get("uses", "").startswith("actions/download-artifact")]
    assert download and download[0]["with"] == {"name": upload[0]["with"]["name"], "path": "_build/jupyter"}
    assert job["steps"][-1].get("run") == "bash .ci/publish-notebooks"


def test_colab_check_runs_weekly_and_on_demand_and_linkcheck_never_blocks_a_deploy():
    colab, on = load("colab.yml")
    assert "schedule" in on and "workflow_dispatch" in on
    runs = [step.get("run", "") for step in colab["jobs"]["colab-check"]["steps"]]
    build = next(i for i, run in enumerate(runs) if "jupyter-book build" in run)
    assert build < runs.index("bash .ci/colab-check"), "Colab's notebooks (_build/jupyter) come from the build"
    workflow, _ = load("linkcheck.yml")
    steps = workflow["jobs"]["linkcheck"]["steps"]
    assert any("--builder linkcheck" in step.get("run", "") for step in steps)
    assert "deploy" not in str(workflow)  # its own workflow: a broken link cannot stop a deploy


def test_ci_builds_the_downloads_once_between_the_build_and_the_tests_and_pages_publishes_them():
    run = (ROOT / ".ci" / "run").read_text()
    lines = [line.strip() for line in run.splitlines() if not line.lstrip().startswith(("#", "echo"))]
    build = lines.index(".venv/bin/jupyter-book build . -W -n --keep-going")
    downloads = [i for i, line in enumerate(lines) if "scripts/downloads.py" in line]
    assert len(downloads) == 1 and build < downloads[0] < lines.index(".venv/bin/python -m pytest")
    assert "poppler-utils" in run  # pdftotext, for the tests of the printed pages and the PDFs
    workflow, _ = load("book.yml")
    upload = [s for s in workflow["jobs"]["build-and-test"]["steps"]
              if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload[0]["with"]["path"] == "_build/html"  # downloads/ inside it
