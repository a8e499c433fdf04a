"""The pre-commit hooks (.pre-commit-hooks.yaml), run the way a team's repository runs
them: its .pre-commit-config.yaml names this checkout (as a repository at a commit)
and `pre-commit run` installs techpick from it into pre-commit's own environment,
once, and reuses that environment on the next run, as it does for a team."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import MiniCatalog

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "catalog", "kb", "site"]
REQS = "version: 1\nname: Shop\nneeds:\n  - id: db\n    role: storage\n    data_model: relational\n" \
       "    access: [transactions]\n"

pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def commit_all(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", "change")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout's files as a fresh git repository, so the hooks tested are the ones in the working tree."""
    repo = tmp_path_factory.mktemp("techpick-hooks")
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(source, repo / name)
    git(repo, "init", "-q")
    commit_all(repo)
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def team_repo(tmp_path: Path, hook_repo: Path) -> Iterator[Path]:
    """A team's repository: a catalog of its own, requirements files, a review with its decision record,
    and a pre-commit configuration that uses techpick's hooks from this checkout."""
    repo = tmp_path / "team"
    repo.mkdir()
    git(repo, "init", "-q")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True,
                         check=True).stdout.strip()
    hooks = [{"id": "techpick-validate"}, {"id": "techpick-check"}]
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": hooks}]}, sort_keys=False))
    catalog = MiniCatalog(repo / "catalog")
    catalog.add("alpha")
    (repo / "reqs.yaml").write_text(REQS)
    subprocess.run([sys.executable, "-m", "techpick", "review", "--req", "reqs.yaml", "-o", "review.md",
                    "--date", "2026-11-30"], cwd=repo, check=True, capture_output=True)
    commit_all(repo)
    yield repo


def run_hooks(team: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"],
                          cwd=team, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"})


def test_the_hooks_are_declared_for_pre_commit():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["techpick-validate"]["entry"] == "techpick validate"
    assert hooks["techpick-check"]["entry"] == "techpick check"
    assert hooks["techpick-check"]["pass_filenames"] is False


def test_hooks_pass_on_a_sound_repository_and_fail_saying_why(team_repo, pre_commit_home):
    sound = run_hooks(team_repo, pre_commit_home)
    assert sound.returncode == 0, sound.stdout + sound.stderr
    assert [line.rsplit(".", 1)[-1] for line in sound.stdout.splitlines() if line.startswith("techpick ")] == [
        "Passed", "Passed"]

    # a misspelt role in the catalog, a synonym in a new requirements file, and an edit the decision no longer fits
    entry = team_repo / "catalog" / "storage" / "alpha.yaml"
    entry.write_text(entry.read_text().replace("- storage", "- storag", 1))
    (team_repo / "queue-reqs.yaml").write_text("version: 1\nneeds:\n  - id: q\n    role: queue\n")
    (team_repo / "reqs.yaml").write_text(REQS + "constraints:\n  exclude: [postgresql]\n")
    commit_all(team_repo)

    broken = run_hooks(team_repo, pre_commit_home)
    assert broken.returncode == 1
    out = broken.stdout
    assert "techpick check" in out and "techpick validate" in out
    assert out.count("Failed") == 2
    assert "error: catalog/storage/alpha.yaml:4:3: roles.0: unknown role 'storag'; did you mean storage?" in out
    assert "error: queue-reqs.yaml:4:5: needs.0.role: unknown role 'queue'; did you mean messaging?" in out
    assert "FAIL  db (storage): postgresql does not fit" in out
