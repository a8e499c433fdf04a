"""The project's shared checks, run the way the team runs them: hostile input
files and the recommendation-quality benchmark (both from ../shared/bench)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED

TECHPICK = str(Path(sys.executable).with_name("techpick"))
BENCH = SHARED / "bench"


def require_shared() -> None:
    if not BENCH.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{BENCH} is missing in CI")
        pytest.skip("../shared/bench is not next to this checkout")


def test_every_bad_input_is_refused_cleanly():
    require_shared()
    proc = subprocess.run([sys.executable, str(BENCH / "bad_input.py"), "--cmd", TECHPICK, "-v"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "refused cleanly" in proc.stdout.splitlines()[-1]


def test_recommendation_quality_meets_the_bar():
    require_shared()
    proc = subprocess.run([sys.executable, str(BENCH / "score.py"), "--cmd", TECHPICK, "--min-top1", "0.8",
                           "--min-top2", "0.95", "--strict", "-q"], capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout + proc.stderr
