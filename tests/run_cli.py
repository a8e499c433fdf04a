"""Run `techpick ...` in this process through the real entry point, for exit statuses without a subprocess."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from techpick.cli import main


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_main(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> Ran:
    """What `python -m techpick ARGS` does: exit status, stdout and stderr apart."""
    monkeypatch.setattr(sys, "argv", ["techpick", *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return Ran(code, out, err)

