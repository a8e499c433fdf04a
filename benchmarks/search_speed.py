"""How long `techpick search` takes on the shipped catalog, in process and end to end.

In process: the first run of techpick.search.search for each query (the
catalog already loaded; the first query of the run also builds the search
index, which later searches of the same catalog reuse) and the median of
several runs (stemming and near-spelling matches). End to end: the median wall time of the real CLI
(start-up, cached catalog, search, print) for the same queries.

    .venv/bin/python benchmarks/search_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from techpick import load_catalog
from techpick.search import search

QUERIES = ["kafka", "postgress", "column store", "exactly once", "очередь сообщений", "полнотекстовый поиск",
           "колоночные базы", "elastcsearch"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    catalog = load_catalog()
    cli = Path(sys.executable).parent / "techpick"
    print(f"{len(catalog)} technologies, {runs} runs each; median milliseconds")
    print(f"{'query':<24} {'first':>7} {'in process':>11} {'CLI':>8}")
    for query in QUERIES:
        start = time.perf_counter()
        search(catalog, query)
        first = time.perf_counter() - start
        inside, outside = [], []
        for _ in range(runs):
            start = time.perf_counter()
            search(catalog, query)
            inside.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([str(cli), "search", *query.split()], check=True, capture_output=True)
            outside.append(time.perf_counter() - start)
        print(f"{query:<24} {first * 1000:>7.0f} {statistics.median(inside) * 1000:>11.0f} "
              f"{statistics.median(outside) * 1000:>8.0f}")


if __name__ == "__main__":
    main()
