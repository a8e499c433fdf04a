"""Files in and out: only regular files are read, within a size known before
reading; output is written whole or not at all; a clear error instead of a crash."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from techpick.errors import InputError, Problem, TechpickError

MAX_INPUT_BYTES = 2_000_000  # far above any catalog entry, review or page (requirements files: see loader)


def read_input(path: Path, label: str | None = None, what: str = "a YAML file", limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a file a person gave us, refused at once when it cannot be one.

    A device (/dev/zero), a FIFO nobody writes to, a directory or a huge file
    is refused from `stat` before a byte is read; the file is opened without
    blocking and checked again, so a swap between the two checks changes nothing.
    """
    name = label or str(path)

    def refused(message: str) -> InputError:
        return InputError([Problem(name, None, None, "", message)])

    try:
        reason = _refusal(os.stat(path), what, limit)
        if reason:
            raise refused(reason)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise refused("file not found") from None
    except NotADirectoryError:
        raise refused("file not found (a part of the path is not a folder)") from None
    except OSError as exc:
        raise refused(f"cannot be read: {exc.strerror or exc}") from None
    try:
        reason = _refusal(os.fstat(fd), what, limit)
        if reason:
            raise refused(reason)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise refused(f"cannot be read: {exc.strerror or exc}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > limit:
        raise refused(f"is larger than {_size(limit)}; refusing to read it")
    return raw


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1_000} KB"


def _refusal(info: os.stat_result, what: str, limit: int) -> str | None:
    """Why a file is not read: it is not a regular file, or it is too large; None when it is fine."""
    mode = info.st_mode
    kind = ("a directory" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else None)
    if kind is not None:
        return f"is {kind}, expected {what}"
    if info.st_size > limit:
        return f"is larger than {_size(limit)} ({info.st_size:,} bytes); refusing to read it"
    return None


def atomic_write(path: Path, data: str | bytes | list[bytes]) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    A reader never sees half a file, and a failure leaves nothing behind.
    A list of pieces is written one after another (a large cache file is never joined in memory).
    """
    if path.is_dir():
        raise TechpickError(f"cannot write {path}: it is a directory")
    pieces = data if isinstance(data, list) else [data.encode("utf-8") if isinstance(data, str) else data]
    tmp: str | None = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", delete=False) as out:
            tmp = out.name
            out.writelines(pieces)
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
