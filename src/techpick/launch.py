"""The `techpick` command's entry point. `techpick --help` is answered from a
rendering kept in the user's cache folder: importing click alone costs three
times Python's own start-up. Everything else, and any miss, goes to `cli.main`.

The rendering is keyed by the terminal width, the program name, and the size
and modification time of every techpick module and of click, so a changed
command or a newer click renders it again.
"""

from __future__ import annotations

import os
import sys

HELP_ARGS = (["--help"], ["-h"])


def main() -> None:
    """Run techpick; the plain `--help` without importing click when a rendering is current."""
    if sys.argv[1:] in HELP_ARGS:
        key = _help_key()
        text = _cached_help(key) if key else None
        if text is None and key:
            text = _render_help(key)
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
    from techpick.cli import main as cli_main

    cli_main()


def _columns() -> int:
    """The terminal width the way click sees it (shutil.get_terminal_size, without importing shutil)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _help_key() -> str | None:
    """What the help text depends on, as one line; None when a part cannot be found."""
    here = os.path.dirname(os.path.abspath(__file__))
    click_dir = next((os.path.join(entry, "click") for entry in sys.path
                      if os.path.isfile(os.path.join(entry, "click", "__init__.py"))), None)
    if click_dir is None:
        return None
    parts = [f"help/1 {_columns()} {os.path.basename(sys.argv[0])} {sys.version_info[:2]}"]
    for folder in (here, click_dir):
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    st = entry.stat()
                    parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return " ".join(parts)


def _help_file() -> str:
    from techpick.userdirs import cache_folder

    return os.path.join(cache_folder(), "help.txt")


def _cached_help(key: str) -> str | None:
    try:
        with open(_help_file(), encoding="utf-8") as handle:
            stored_key, _, text = handle.read().partition("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return text if stored_key == key and text else None


def _render_help(key: str) -> str | None:
    """Click's own help of the command group, stored for the next run (silently skipped if it cannot be)."""
    from techpick.cli import cli

    try:
        context = cli.make_context(os.path.basename(sys.argv[0]), [], resilient_parsing=True,
                                   terminal_width=_columns())
        text = context.get_help() + "\n"
    except Exception:  # noqa: BLE001 - let click itself answer and report
        return None
    from pathlib import Path

    from techpick.errors import TechpickError
    from techpick.files import atomic_write

    path = Path(_help_file())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, key + "\n" + text)
    except (OSError, TechpickError):
        pass
    return text
