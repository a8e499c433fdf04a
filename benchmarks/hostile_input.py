"""Time, peak memory and message size of `techpick recommend` on the hostile inputs of issue 15.

Each row runs the real command once in a child process (`--no-cache` off: the
compiled catalog is warm after the first row) and prints exit status, seconds
from start to exit, its CPU seconds (user + system: steadier than the wall time
on a shared machine), the child's peak RSS and the bytes it wrote to stderr.
The issue's figures before the fixes are printed beside (exit 3, minutes,
gigabytes); a row over its bound is marked.

    .venv/bin/python benchmarks/hostile_input.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TECHPICK = str(Path(sys.executable).with_name("techpick"))
NEED = "  - id: db\n    role: storage\n    data_model: relational\n"
GOOD = "version: 1\nneeds:\n" + NEED


def needs(count: int, extra: str = "") -> str:
    return "version: 1\nneeds:\n" + "".join(f"  - id: n{i}\n    role: storage\n{extra}" for i in range(count))


CASES: list[tuple[str, str | None, str]] = [
    # name, file text (None: a special file made below), what the issue saw before
    ("!!bool maybe", GOOD + "    embedded: !!bool maybe\n", "exit 3 KeyError"),
    ("!!timestamp soon", "version: 1\nname: !!timestamp soon\nneeds:\n" + NEED, "exit 3 AttributeError"),
    ("team_size of 5,000 digits", "version: 1\ncontext:\n  team_size: " + "9" * 5000 + "\nneeds:\n" + NEED, "exit 3"),
    ("hex of 5,000 digits", "version: 1\ncontext:\n  team_size: 0x" + "f" * 5000 + "\nneeds:\n" + NEED, "exit 3"),
    ("/dev/zero", None, "5 GB, exit 3"),
    ("FIFO nobody writes to", None, "blocks forever"),
    ("3 GB sparse file", None, "13 s"),
    ("20,000 unknown access words", GOOD + "    access: [" + ",".join(f"w{i}" for i in range(20_000)) + "]\n",
     "2 MB message"),
    ("1,500 needs", needs(1_500), "over 10 s"),
    ("20,000 needs", needs(20_000), "193 s, 926 MB"),
    ("500 needs (the limit), valid", needs(500, "    data_model: relational\n    volume: 1TB\n"), "-"),
    ("499 needs x 130 unknown words", needs(499, "    access: [" + ",".join(f"x{i}" for i in range(130)) + "]\n"),
     "-"),
]


def run(path: str) -> tuple[int, float, float, float, int]:
    """Exit status, wall and CPU seconds, peak RSS in MB of this child (os.wait4), bytes on stderr."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([TECHPICK, "recommend", "--req", path], stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        return child.returncode, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err.tell()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        run(str(root / "warm-up.yaml"))  # the compiled catalog is written once, outside the figures
        print(f"{'case':<34} {'exit':>4} {'seconds':>8} {'CPU s':>6} {'peak MB':>8} {'stderr B':>9}  before")
        for name, text, before in CASES:
            if name == "/dev/zero":
                path = "/dev/zero"
            elif name.startswith("FIFO"):
                path = str(root / "fifo")
                os.mkfifo(path)
            elif name.startswith("3 GB"):
                path = str(root / "sparse.yaml")
                with open(path, "wb") as handle:
                    handle.truncate(3_000_000_000)
            else:
                path = str(root / "reqs.yaml")
                Path(path).write_text(text or "", encoding="utf-8")
            code, seconds, cpu, peak, err = run(path)
            print(f"{name:<34} {code:>4} {seconds:>8.2f} {cpu:>6.2f} {peak:>8.0f} {err:>9,}  {before}")
        print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
