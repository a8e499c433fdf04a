"""The CI snippets of the README run as written: their scripts, taken from the
README, write the verdict of `techpick check` where GitHub and GitLab show it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # where this environment's `techpick` is
REQS = "version: 1\nname: Shop\nneeds:\n  - id: db\n    role: storage\n    data_model: relational\n"


def snippet(comment: str) -> dict:
    """The README's YAML block whose first line is `# <comment>`."""
    blocks = re.findall(r"```yaml\n(.*?)```\n", (ROOT / "README.md").read_text(), flags=re.S)
    return yaml.safe_load(next(block for block in blocks if block.startswith(f"# {comment}\n")))


def github_script() -> str:
    steps = snippet(".github/workflows/techpick.yml")["jobs"]["decisions"]["steps"]
    return next(step["run"] for step in steps if step.get("name") == "Recorded decisions still fit")


def gitlab_script() -> str:
    job = snippet(".gitlab-ci.yml")["techpick-check"]
    assert job["artifacts"]["paths"] == ["techpick-check.txt"] and job["artifacts"]["when"] == "always"
    return "\n".join(line for line in job["script"] if not line.startswith("pip install"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with requirements and a review that records the decision."""
    (tmp_path / "reqs.yaml").write_text(REQS)
    subprocess.run([sys.executable, "-m", "techpick", "review", "--req", "reqs.yaml", "-o", "docs-review.md",
                    "--date", "2026-11-30"], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def run(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env})


def test_github_job_summary_says_the_decisions_still_fit(repo):
    summary = repo / "summary.md"
    proc = run(github_script(), repo, GITHUB_STEP_SUMMARY=str(summary))
    assert proc.returncode == 0, proc.stderr
    assert summary.read_text() == (
        "### techpick check: every recorded decision still fits\n\n```\n== docs-review.md\n"
        "ok    db (storage): postgresql still fits\nthe stack fits all 1 need\n```\n")


def test_github_job_summary_says_why_a_decision_no_longer_fits_and_fails(repo):
    (repo / "reqs.yaml").write_text(REQS + "constraints:\n  exclude: [postgresql]\n")
    summary = repo / "summary.md"
    proc = run(github_script(), repo, GITHUB_STEP_SUMMARY=str(summary))
    assert proc.returncode == 1
    text = summary.read_text()
    assert text.startswith("### techpick check: a recorded decision no longer fits\n\n```\n== docs-review.md\n")
    assert "FAIL  db (storage): postgresql does not fit" in text and text.endswith("```\n")


def test_gitlab_job_keeps_the_verdict_for_the_merge_request_and_fails(repo):
    assert run(gitlab_script(), repo).returncode == 0
    (repo / "reqs.yaml").write_text(REQS + "constraints:\n  exclude: [postgresql]\n")
    proc = run(gitlab_script(), repo)
    assert proc.returncode == 1
    assert "FAIL  db (storage): postgresql does not fit" in (repo / "techpick-check.txt").read_text()
