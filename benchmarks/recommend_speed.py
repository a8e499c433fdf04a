"""How long `recommend` takes, and how the time grows with the catalog.

Prints, for the shipped catalog and for generated catalogs of growing size:
graph build time and the median time of one recommendation (the benchmark
cases in ../shared/bench/cases when present, else the shipped examples).
Also the end-to-end time of the CLI on one example (start-up included).

    .venv/bin/python benchmarks/recommend_speed.py [--sizes 1000,3000,10000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_catalog  # noqa: E402

from techpick.graph import build_graph  # noqa: E402
from techpick.loader import load_catalog, load_requirements  # noqa: E402
from techpick.recommend import recommend  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT.parent / "shared" / "bench" / "cases"


def requirement_files(tmp: Path) -> list[Path]:
    if not CASES.is_dir():
        return sorted((ROOT / "examples").glob("*.yaml"))
    files = []
    for case in sorted(CASES.glob("*.yaml")):
        path = tmp / case.name
        path.write_text(yaml.safe_dump(yaml.safe_load(case.read_text())["reqs"]), encoding="utf-8")
        files.append(path)
    return files


def timed(func, *args):
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


def measure(label: str, catalog, files: list[Path], shipped) -> None:
    graph, build = timed(build_graph, catalog)
    times = []
    for path in files:
        reqs = load_requirements(path, shipped)  # the vocabulary is the same; ids of the shipped catalog
        reqs = reqs.model_copy(update={"context": reqs.context.model_copy(update={"existing": []}),
                                       "constraints": reqs.constraints.model_copy(update={"exclude": []})})
        _, took = timed(recommend, graph, reqs)
        times.append(took)
    print(f"{label:<28} {len(catalog):>7} techs  graph {build * 1000:8.1f} ms   "
          f"recommend median {statistics.median(times) * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,3000,10000")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = requirement_files(Path(tmp))
        shipped, load = timed(load_catalog)
        print(f"loading the shipped catalog from YAML: {load * 1000:.0f} ms for {len(shipped)} files")
        measure("shipped catalog", shipped, files, shipped)
        for size in (int(s) for s in args.sizes.split(",")):
            catalog, made = timed(synthetic_catalog, size)
            measure(f"generated ({made:.1f}s to make)", catalog, files, shipped)
        exe = Path(sys.executable).with_name("techpick")
        example = ROOT / "examples" / "analytics-platform.yaml"
        runs = []
        for _ in range(5):
            _, took = timed(lambda: subprocess.run([str(exe), "recommend", "--req", str(example)], capture_output=True))
            runs.append(took)
        print(f"CLI end to end (start-up, load, recommend, print): median {statistics.median(runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
