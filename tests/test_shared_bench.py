"""The project's shared checks (../shared/bench): hostile input files and the
recommendation-quality benchmark. Their own code runs here, but each case goes
through the real entry point in this process instead of a new CLI each time;
one real subprocess per script keeps the end-to-end path honest.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from techpick.cli import main
from tests.conftest import SHARED

TECHPICK = str(Path(sys.executable).with_name("techpick"))
BENCH = SHARED / "bench"


def require_shared() -> None:
    if not BENCH.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{BENCH} is missing in CI")
        pytest.skip("../shared/bench is not next to this checkout")


def shared_script(name: str) -> ModuleType:
    """One of the shared bench scripts, imported as a module."""
    require_shared()
    spec = importlib.util.spec_from_file_location(f"shared_bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def in_process(cmd: list[str], capture_output: bool = True, text: bool = False, timeout: float | None = None,
               **_: Any) -> subprocess.CompletedProcess[Any]:
    """What `subprocess.run(["techpick", ...])` returns, from `techpick.cli.main` in this process."""
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["techpick", *cmd[1:]]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = argv
    stdout, stderr = out.getvalue(), err.getvalue()
    if not text:
        return subprocess.CompletedProcess(cmd, code, stdout.encode(), stderr.encode())
    return subprocess.CompletedProcess(cmd, code, stdout, stderr)


@pytest.fixture
def bad_input(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    module = shared_script("bad_input")
    monkeypatch.setattr(module.subprocess, "run", in_process)
    return module


@pytest.fixture
def scorer(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    module = shared_script("score")
    monkeypatch.setattr(module.subprocess, "run", in_process)
    return module


def test_every_bad_input_is_refused_cleanly(bad_input):
    failures = {name: problems for name, content, words in bad_input.CASES
                if (problems := bad_input.check([TECHPICK], name, content, words, 60))}
    assert failures == {}
    code, out, err, _ = bad_input.run([TECHPICK], "/nonexistent/reqs.yaml", 60)
    assert (code, out) == (2, "") and "not found" in err


def test_recommendation_quality_meets_the_bar(scorer):
    cases = scorer.load_cases([BENCH / "cases"])
    rows, _ = scorer.score(cases, [TECHPICK], 60)
    top1 = sum(row["top1"] for row in rows) / len(rows)
    top2 = sum(row["top2"] for row in rows) / len(rows)
    misses = [f"{row['case']}:{row['need']} {row['error'] or row['picks']}" for row in rows
              if row["error"] or row["violation"]]
    assert misses == []
    assert top1 >= 0.8 and top2 >= 0.95, (top1, top2)


def test_the_scripts_themselves_run_the_installed_command():
    require_shared()
    case = sorted((BENCH / "cases").glob("*.yaml"))[0]
    score = subprocess.run([sys.executable, str(BENCH / "score.py"), str(case), "--cmd", TECHPICK, "--strict"],
                           capture_output=True, text=True, timeout=300)
    assert score.returncode == 0, score.stdout + score.stderr
    assert "errors 0" in score.stdout.splitlines()[-1]
    module = shared_script("bad_input")
    name, content, words = module.CASES[0]
    assert module.check([TECHPICK], name, content, words, 60) == []  # a real process, exit 2, clean message


@pytest.mark.slow
def test_the_whole_bad_input_script_passes_end_to_end():
    require_shared()
    proc = subprocess.run([sys.executable, str(BENCH / "bad_input.py"), "--cmd", TECHPICK, "-v"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "refused cleanly" in proc.stdout.splitlines()[-1]
