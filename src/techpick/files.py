"""Writing output files: whole or not at all, and a clear error instead of a crash."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from techpick.errors import TechpickError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A reader never sees half a file, and a failure leaves nothing behind.
    """
    if path.is_dir():
        raise TechpickError(f"cannot write {path}: it is a directory")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", delete=False) as out:
            tmp = out.name
            out.write(raw)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise TechpickError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    """What `open(path, "w")` would give: the mode of the file replaced, or 0o666 less the umask.

    A temporary file is created 0600; left so, every written file would be private whatever the umask says.
    """
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
