"""Where techpick keeps what it can always rebuild: the user's cache folder."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def cache_folder() -> str:
    """$XDG_CACHE_HOME/techpick when that is an absolute path, else ~/.cache/techpick (os.path only:
    `techpick --help` reads it before anything heavier is imported)."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return os.path.join(base if os.path.isabs(base) else os.path.join(os.path.expanduser("~"), ".cache"), "techpick")


def cache_dir() -> Path:
    """The same folder as a Path."""
    from pathlib import Path

    return Path(cache_folder())
