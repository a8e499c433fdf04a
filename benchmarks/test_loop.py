"""How long the quick test loop takes: `pytest -m "not browser and not bolt"` (issue 13: under 30 s).

Runs the loop as a developer would, in this checkout's virtual environment, and prints the wall time of
each run and the median, with the number of cores pytest-xdist spreads the tests over.

    .venv/bin/python benchmarks/test_loop.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser and not bolt"]
    print(f"{os.cpu_count()} cores; {' '.join(command[1:])}")
    times = []
    for run in range(1, runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-200:]
        print(f"run {run}: {times[-1]:.1f} s  ({summary})")
        if done.returncode != 0:
            sys.exit(done.returncode)
    print(f"median: {statistics.median(times):.1f} s")


if __name__ == "__main__":
    main()
