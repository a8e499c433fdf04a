"""Start-up to exit of the real CLI, side by side in one run, with peak memory.

Rows: `python -c pass`, the import line `python -c "import click, yaml, pydantic,
networkx"`, `techpick --help`, and `techpick recommend` on the shipped catalog
and on generated catalogs of 10,000 and 100,000 technologies (written as YAML
by benchmarks/synthetic.py into build/bench/, reused between runs), each warm
(the compiled cache is current), cold (no compiled catalog: every file is read,
validated, and the cache written; the graph cached by the warm runs stays, so the
cold run reads it rather than building it), and for generated catalogs with nothing
cached at all (the graph is built and cached too, as on a first run). Each figure is the median of several runs;
peak RSS is the child's ru_maxrss. Beside the wall time, the child's CPU time
(user + system, from os.wait4): on a shared machine the wall time grows with the
load, the CPU time much less, so its ratios are the steadier figure. The targets of issue 13 are printed beside,
and the load average before and after, as the machine may be shared.
techpick's modules are byte-compiled first, as an installed package is (an
environment with PYTHONDONTWRITEBYTECODE would otherwise compile them on every run).

    .venv/bin/python benchmarks/cli_scale.py [--sizes 10000,100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_catalog  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TECHPICK = str(Path(sys.executable).with_name("techpick"))
IMPORT_LINE = "import click, yaml, pydantic, networkx"
SYNTHETIC_REQS = """version: 1
name: Synthetic benchmark
needs:
  - id: store
    role: storage
    data_model: relational
    access: [transactions]
    volume: 200GB
    throughput: 2k/s
  - id: bus
    role: messaging
    throughput: 20k/s
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, bytes]:
    """Wall seconds, CPU seconds, peak resident memory in bytes and stdout of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, out


def measure(cmd: list[str], env: dict[str, str], runs: int, before: Callable[[], None] | None = None
            ) -> tuple[float, float, int, bytes]:
    """Median wall and CPU seconds and largest peak RSS over `runs` runs; `before` runs ahead of each
    (e.g. clear the cache)."""
    times, cpus, peaks, out = [], [], [], b""
    for _ in range(runs):
        if before:
            before()
        took, cpu, peak, out = run_once(cmd, env)
        times.append(took)
        cpus.append(cpu)
        peaks.append(peak)
    return statistics.median(times), statistics.median(cpus), max(peaks), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="generated catalog sizes ('' for none)")
    ap.add_argument("--runs", type=int, default=7, help="runs per row for the small rows (fewer for large ones)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    compileall.compile_dir(ROOT / "src" / "techpick", quiet=1)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="techpick-bench-") as tmp:
        cache_home = Path(tmp) / "cache"
        env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
        env.pop("TECHPICK_NO_CACHE", None)
        reqs = Path(tmp) / "synthetic-reqs.yaml"
        reqs.write_text(SYNTHETIC_REQS, encoding="utf-8")

        def clear_catalogs() -> None:
            for path in (cache_home / "techpick").glob("catalog-*.json"):
                path.unlink()

        def clear_all() -> None:
            shutil.rmtree(cache_home / "techpick", ignore_errors=True)

        rows: list[tuple[str, float, float, int, str]] = []

        def row(label: str, cmd: list[str], runs: int, cold: Callable[[], None] | None = None,
                target: str = "") -> bytes:
            if cold is None:
                run_once(cmd, env)  # prime the caches (help text, compiled catalog)
            took, cpu, peak, out = measure(cmd, env, runs, cold)
            rows.append((label, took, cpu, peak, target))
            print(f"  measured {label}: {took * 1000:.0f} ms", file=sys.stderr, flush=True)
            return out

        row("python -c pass", [PYTHON, "-c", "pass"], args.runs)
        row(f'python -c "{IMPORT_LINE}"', [PYTHON, "-c", IMPORT_LINE], args.runs)
        row("techpick --help", [TECHPICK, "--help"], args.runs, target="<= 4x python -c pass")
        shipped = [TECHPICK, "recommend", "--req", str(ROOT / "examples" / "analytics-platform.yaml"),
                   "--format", "json"]
        warm = row("recommend, shipped catalog, warm", shipped, args.runs, target="<= 1.2x import line")
        cold = row("recommend, shipped catalog, cold", shipped, args.runs, cold=clear_catalogs)
        same = [warm == cold]
        for size in sizes:
            started = time.perf_counter()
            folder = write_catalog(size, ROOT / "build" / "bench" / f"synthetic-{size}")
            print(f"  catalog of {size} ready in {time.perf_counter() - started:.0f} s: {folder}", file=sys.stderr)
            cmd = [TECHPICK, "recommend", "--catalog", str(folder), "--req", str(reqs), "--format", "json"]
            big = size >= 100_000
            target = "< 2 GB peak" if big else "<= 4x import line"
            warm = row(f"recommend, {size:,} generated, warm", cmd, 3 if big else max(3, args.runs // 2),
                       target=target)
            cold = row(f"recommend, {size:,} generated, cold", cmd, 1 if big else 2, cold=clear_catalogs,
                       target="< 2 GB peak" if big else "no slower than before (about 10 s)")
            bare = row(f"recommend, {size:,} generated, nothing cached", cmd, 1 if big else 2, cold=clear_all,
                       target="< 2 GB peak" if big else "no slower than before (about 10 s)")
            same += [warm == cold, warm == bare]
        shutil.rmtree(cache_home, ignore_errors=True)

    (pass_line, pass_cpu), (import_line, import_cpu) = rows[0][1:3], rows[1][1:3]
    print(f"{'what':<52} {'wall':>8} {'x pass':>7} {'x import':>9} {'CPU':>8} {'x pass':>7} {'x import':>9} "
          f"{'peak RSS':>9}  target")
    for label, took, cpu, peak, target in rows:
        print(f"{label:<52} {took * 1000:6.0f}ms {took / pass_line:6.1f}x {took / import_line:8.2f}x "
              f"{cpu * 1000:6.0f}ms {cpu / max(pass_cpu, 0.001):6.1f}x {cpu / import_cpu:8.2f}x "
              f"{peak / 2**20:7.0f}MB  {target}")
    print(f"warm and cold outputs byte-identical: {'yes' if all(same) else 'NO'}")
    print("load average (1, 5, 15 min): before " + " ".join(f"{x:.2f}" for x in load_before)
          + ", after " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
