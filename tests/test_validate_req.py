"""`techpick validate --req FILE...`: every problem of every file at once, warnings
that only fail with --strict, and the catalog check unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from techpick.cli import cli

ROOT = Path(__file__).resolve().parents[1]
GOOD = "version: 1\nname: Shop\nneeds:\n  - id: db\n    role: storage\n    data_model: relational\n"
WARNED = ("version: 1\ncontext:\n  existing: [Kafka, in-house-bus]\n  skills: [pyhton]\nneeds:\n"
          "  - id: q\n    role: messaging\n")
BAD = "version: 1\nconstraints:\n  hosting: on-prem\nneeds:\n  - id: q\n    role: queue\n    latency: 10\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("good", GOOD), ("warned", WARNED), ("bad", BAD)):
        out[name] = tmp_path / f"{name}.yaml"
        out[name].write_text(text)
    return out


def validate(*args: str):
    return CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)


def test_a_good_file_is_valid(files):
    result = validate("--req", str(files["good"]))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"requirements valid: {files['good']} (1 need)\n", "")


def test_warnings_are_said_but_do_not_fail(files):
    result = validate("--req", str(files["warned"]))
    assert result.exit_code == 0
    assert result.stdout == f"requirements valid: {files['warned']} (1 need, 2 warnings)\n"
    assert result.stderr.splitlines() == [
        f"warning: {files['warned']}:3:21: context.existing.1: 'in-house-bus' is not in the catalog: it is kept as "
        "something the team runs, but no block is known to reuse it",
        f"warning: {files['warned']}:4:12: context.skills.0: unknown skill 'pyhton' is ignored; did you mean python? "
        "accepted: " + ", ".join(sorted(__import__("techpick").load_catalog().vocabulary.skills)),
    ]


def test_strict_makes_warnings_fail(files):
    result = validate("--req", str(files["warned"]), "--strict")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(f"techpick: 1 file with problems (warnings fail with --strict): {files['warned']}\n")


def test_every_problem_of_every_file_at_once(files, tmp_path):
    missing = tmp_path / "missing.yaml"
    result = validate("--req", str(files["bad"]), str(files["good"]), str(missing))
    assert result.exit_code == 2
    assert result.stdout == f"requirements valid: {files['good']} (1 need)\n"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(": ", 2)[1] for line in errors] == [
        f"{files['bad']}:3:3", f"{files['bad']}:6:5", f"{files['bad']}:7:5", f"{missing}"]
    assert "did you mean self-hosted?" in errors[0] and "did you mean messaging?" in errors[1]
    assert "'10' has no unit" in errors[2] and errors[3].endswith("file not found")
    assert result.stderr.endswith(f"techpick: 2 files with problems: {files['bad']}, {missing}\n")


def test_req_may_be_repeated(files):
    result = validate("--req", str(files["good"]), "--req", str(files["warned"]))
    assert result.exit_code == 0 and result.stdout.count("requirements valid:") == 2


def test_validate_of_the_catalog_stays_as_it_is():
    result = validate()
    assert result.exit_code == 0
    assert result.stdout.startswith("catalog valid: ") and "knowledge base valid: " in result.stdout


def test_a_path_inside_a_catalog_checks_that_catalog(files):
    result = validate(str(ROOT / "catalog" / "storage" / "postgresql.yaml"), str(files["good"]))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("catalog valid: ")
    assert result.stdout.splitlines()[1] == f"requirements valid: {files['good']} (1 need)"


def test_a_broken_catalog_file_given_as_a_path_fails(mini, files):
    mini.add("alpha", roles=["storag"])
    result = validate(str(mini.root / "storage" / "alpha.yaml"))
    assert result.exit_code == 2
    assert f"error: {mini.root / 'storage' / 'alpha.yaml'}:4:3: roles.0: unknown role 'storag'; did you mean storage?" \
        in result.stderr
    assert result.stderr.endswith(f"techpick: 1 file with problems: {mini.root.as_posix()}/\n")


def test_recommend_says_the_warnings_on_stderr(files):
    result = CliRunner().invoke(cli, ["recommend", "--req", str(files["warned"])], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout.startswith("q (messaging)")
    assert "unknown skill 'pyhton' is ignored; did you mean python?" in result.stderr


def test_a_real_process_exits_2_on_errors_and_0_on_warnings(files):
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "techpick", "validate", *args], capture_output=True, text=True)

    bad = run("--req", str(files["bad"]))
    assert (bad.returncode, bad.stdout) == (2, "") and "Traceback" not in bad.stderr
    assert bad.stderr.splitlines()[0].startswith(f"error: {files['bad']}:3:3: constraints.hosting: 'on-prem'")
    assert run("--req", str(files["warned"])).returncode == 0
    assert run("--req", str(files["warned"]), "--strict").returncode == 2
