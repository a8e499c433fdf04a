"""The first hour of a new user: help that reads whole, files with the usual
permissions, Markdown headed by what it is about, a test script that says what
it needs."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from techpick.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def test_top_level_help_shows_each_commands_whole_first_sentence():
    result = CliRunner().invoke(cli, ["--help"], terminal_width=80, catch_exceptions=False)
    commands = result.stdout.split("Commands:\n", 1)[1]
    assert "..." not in commands
    assert "  check      Exit 1, saying why, when a decided stack no longer fits; 0 while it\n" \
           "             does (for CI).\n" in commands
    assert "  validate   Check requirements files, or a catalog (schema, ids, aliases,\n" in commands


def test_every_option_of_every_command_has_help():
    def walk(group, path):
        for name, command in group.commands.items():
            yield from walk(command, [*path, name]) if hasattr(command, "commands") else [([*path, name], command)]

    missing = [(" ".join(path), param.name) for path, command in walk(cli, []) for param in command.params
               if param.param_type_name == "option" and not getattr(param, "help", None)
               and param.name not in {"fmt", "limit"}]  # a choice or a number with its default shown says enough
    assert missing == []


def test_search_help_explains_the_score():
    result = CliRunner().invoke(cli, ["search", "--help"], catch_exceptions=False)
    assert "5 a name, id or alias" in " ".join(result.stdout.split())


def test_markdown_is_headed_by_the_requirements_name(tmp_path):
    result = CliRunner().invoke(cli, ["recommend", "--req", str(ROOT / "examples" / "oltp-web-app.yaml"),
                                      "--format", "markdown"], catch_exceptions=False)
    assert result.stdout.startswith("# Recommendation: Online shop back end\n")
    unnamed = tmp_path / "orders.yaml"
    unnamed.write_text("version: 1\nneeds:\n  - id: db\n    role: storage\n")
    result = CliRunner().invoke(cli, ["recommend", "--req", str(unnamed), "--format", "markdown"],
                                catch_exceptions=False)
    assert result.stdout.startswith("# Recommendation: orders.yaml\n")


def _written_mode(tmp_path: Path, umask: int, name: str) -> int:
    out = tmp_path / name
    subprocess.run([sys.executable, "-m", "techpick", "graph", "export", "-o", str(out)], check=True,
                   capture_output=True, preexec_fn=lambda: os.umask(umask))
    return stat.S_IMODE(out.stat().st_mode)


def test_written_files_follow_the_umask(tmp_path):
    assert _written_mode(tmp_path, 0o022, "open.json") == 0o644
    assert _written_mode(tmp_path, 0o077, "private.json") == 0o600


def test_a_replaced_file_keeps_its_mode(tmp_path):
    out = tmp_path / "graph.json"
    out.write_text("old")
    out.chmod(0o640)
    assert _written_mode(tmp_path, 0o022, "graph.json") == 0o640


def _test_script_as_a_user(tmp_path: Path, with_sudo: bool) -> tuple[subprocess.CompletedProcess[str], Path]:
    """scripts/test.sh run by a user who is not root, on a machine without Chromium (stub commands on PATH)."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "test.sh", tmp_path / "scripts" / "test.sh")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dirname").symlink_to(shutil.which("dirname"))
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")
    calls = tmp_path / "sudo-calls"
    if with_sudo:
        (bin_dir / "sudo").write_text(f"#!/bin/sh\necho \"$@\" >> {calls}\nexit 0\n")
    for stub in bin_dir.iterdir():
        if not stub.is_symlink():
            stub.chmod(0o755)
    proc = subprocess.run([shutil.which("bash"), str(tmp_path / "scripts" / "test.sh")], capture_output=True,
                          text=True, env={"PATH": str(bin_dir), "HOME": str(tmp_path)}, cwd=tmp_path)
    return proc, calls


def test_the_test_script_says_what_it_needs_when_not_root(tmp_path):
    proc, _ = _test_script_as_a_user(tmp_path, with_sudo=False)
    assert proc.returncode == 1
    assert "the tests need chromium chromium-driver nodejs npm git and installing them needs root" in proc.stderr
    assert "apt-get update && apt-get install -y chromium chromium-driver nodejs npm git" in proc.stderr


def test_the_test_script_offers_sudo_when_there_is_one(tmp_path):
    proc, calls = _test_script_as_a_user(tmp_path, with_sudo=True)
    assert "installing with sudo apt-get (sudo may ask for your password)" in proc.stderr
    assert calls.read_text().splitlines() == [
        "apt-get update -qq",
        "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver nodejs npm git"]
