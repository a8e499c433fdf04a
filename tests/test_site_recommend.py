"""The Recommend page ranks like the library: its engine (site/assets/techpick.js)
run by Node.js on the index.json that sitegen writes, against `recommend`.

Every need of every benchmark case (../shared/bench/cases) and of every example
becomes a requirements file of that one need, with the file's constraints and
context, plus a few hand-made needs for the rules those files do not reach.
Both engines read the same file; hard-requirement failures, every score term,
scores, order, picks, why-nots, stack and warnings must be equal.

Without node the tests skip on a developer's machine and fail in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from techpick import load_catalog
from techpick.graph import build_graph
from techpick.loader import load_requirements
from techpick.recommend import Recommendation, recommend, why_not
from techpick.renderers.json_out import as_dict
from techpick.sitegen import index_json
from tests.conftest import ROOT, SHARED

ENGINE = ROOT / "site" / "assets" / "techpick.js"
RUNNER = """
const engine = require(process.argv[1]);
const index = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const files = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(files.map(function (file) {
  try { return engine.recommend(index, file); } catch (err) { return { error: String(err && err.stack || err) }; }
})));
"""

# Needs for the rules the benchmark and the examples leave alone: clouds and
# hosting, embedded runtimes, regions, concurrency, persistence, exclusions,
# per-need constraints, aliases, retired blocks the team runs, implied
# capabilities and the contradictions that warn.
EXTRA: list[tuple[str, dict[str, Any]]] = [
    ("managed on aws", {"constraints": {"hosting": "managed", "cloud": "aws"},
                        "needs": [{"id": "queue", "role": "messaging", "access": ["work-queue"],
                                   "throughput": "2k/s"}]}),
    ("gcp, any hosting", {"constraints": {"cloud": "gcp"}, "context": {"team_size": 3},
                          "needs": [{"id": "dw", "role": "storage", "data_model": "tabular", "volume": "20TB",
                                     "access": ["aggregation"]}]}),
    ("self-hosted permissive", {"constraints": {"license": "permissive", "hosting": "self-hosted"},
                                "needs": [{"id": "kv", "role": "storage", "data_model": "key-value",
                                           "latency": "1ms", "prefer": ["ttl", "transactions"]}]}),
    ("embedded, python team", {"context": {"skills": ["Python", " SQL "], "team_size": 1},
                               "needs": [{"id": "local", "role": "storage", "embedded": True, "volume": "5GB",
                                          "availability": "high"}]}),
    ("embedded on the jvm", {"context": {"skills": ["java"]},
                             "needs": [{"id": "local", "role": "storage", "embedded": True}]}),
    ("three write regions", {"context": {"team_size": 2},
                             "needs": [{"id": "global", "role": "storage", "regions": 3, "consistency": "strong"}]}),
    ("many clients", {"needs": [{"id": "olap", "role": "storage", "concurrency": 5000, "access": ["aggregation"],
                                 "prefer": ["full-text"]}]}),
    ("a pure cache", {"needs": [{"id": "cache", "role": "storage", "data_model": "key-value", "persistence": False,
                                 "latency": "500us"}]}),
    ("must persist", {"needs": [{"id": "kv", "role": "storage", "data_model": "key-value", "persistence": True}]}),
    ("exclusions", {"constraints": {"exclude": ["kafka", "postgres"]}, "context": {"existing": ["postgres", "kafka"]},
                    "needs": [{"id": "bus", "role": "messaging", "access": ["replay"], "volume": "1TB"}]}),
    ("per-need constraints", {"constraints": {"license": "open-source", "hosting": "self-hosted"},
                              "needs": [{"id": "dw", "role": "storage", "data_model": "tabular",
                                         "constraints": {"license": "any", "hosting": "managed", "cloud": "aws"}}]}),
    ("a retired block the team runs", {"context": {"existing": ["hadoop-mapreduce", "hdfs", "zookeeper"],
                                                   "skills": ["jvm"], "team_size": 40},
                                       "needs": [{"id": "batch", "role": "batch-processing", "volume": "50TB"}]}),
    ("orchestration implies scheduling", {"context": {"skills": ["python"], "team_size": 6},
                                          "needs": [{"id": "flows", "role": "workflow-orchestration"}]}),
    ("contradictions", {"constraints": {"hosting": "managed"},
                        "needs": [{"id": "odd", "role": "storage", "embedded": True, "latency": "200us",
                                   "volume": "50TB", "availability": "high"}]}),
    ("nothing fits", {"needs": [{"id": "none", "role": "messaging", "throughput": "900G/s", "latency": "1us"}]}),
    ("a team on aws", {"context": {"existing": ["aws"]},
                       "needs": [{"id": "queue", "role": "messaging", "access": ["work-queue"]}]}),
    ("petabytes across regions for two", {"context": {"team_size": 2},
                                          "needs": [{"id": "big", "role": "storage", "regions": 2, "volume": "2PB",
                                                     "consistency": "strong", "latency": "10ms"}]}),
]


def _need_node() -> str:
    node = shutil.which("node")
    if node is None:
        message = "node (Node.js) is not installed; the page's engine cannot be compared with the library"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return node


def _one_need_files() -> list[tuple[str, dict[str, Any]]]:
    """(label, requirements file of one need) for every need of the cases and the examples, and EXTRA."""
    sources: list[tuple[str, dict[str, Any]]] = []
    cases = SHARED / "bench" / "cases"
    if not cases.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{cases} is missing in CI")
        pytest.skip("../shared/bench is not next to this checkout")
    for path in sorted(cases.glob("*.yaml")):
        sources.append((f"bench/{path.name}", yaml.safe_load(path.read_text(encoding="utf-8"))["reqs"]))
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        sources.append((f"examples/{path.name}", yaml.safe_load(path.read_text(encoding="utf-8"))))
    files = []
    for label, reqs in sources:
        for need in reqs["needs"]:
            single = {key: value for key, value in reqs.items() if key != "needs"}
            files.append((f"{label}:{need['id']}", {**single, "needs": [need]}))
    files += [(f"extra: {label}", {"version": 1, **reqs}) for label, reqs in EXTRA]
    return files


def _library(rec: Recommendation) -> dict[str, Any]:
    """The library's answer in the shape the page's engine returns."""
    out = as_dict(rec, explain=True)
    result = rec.needs[0]
    best = result.picks[0] if result.picks else None
    picks = [c.id for c in result.picks]
    out["needs"][0]["ranked"] = [
        {"id": c.id, "name": c.name, "score": c.score, "failures": c.failures, "reasons": c.reasons,
         "tradeoffs": c.tradeoffs, "terms": [{"key": t.key, "label": t.label, "value": t.value} for t in c.terms],
         "why_not": [] if c.id in picks else why_not(c, best), "pick": picks.index(c.id) if c.id in picks else -1}
        for c in result.ranked]
    return out


def _first_difference(expected: Any, actual: Any, where: str = "") -> str:
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if expected.get(key, "<missing>") != actual.get(key, "<missing>"):
                return _first_difference(expected.get(key, "<missing>"), actual.get(key, "<missing>"), f"{where}.{key}")
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for i, (e, a) in enumerate(zip(expected, actual)):
            if e != a:
                return _first_difference(e, a, f"{where}[{i}]")
    return f"{where}: library {json.dumps(expected, ensure_ascii=False)[:600]}\n" \
           f"{' ' * len(where)}  page    {json.dumps(actual, ensure_ascii=False)[:600]}"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def index_file(catalog, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("index") / "index.json"
    path.write_text(index_json(catalog, build_graph(catalog)), encoding="utf-8")
    return path


def test_the_index_is_deterministic(catalog):
    again = load_catalog()
    first = index_json(catalog, build_graph(catalog))
    assert first == index_json(again, build_graph(again))
    data = json.loads(first)
    kafka = next(t for t in data["technologies"] if t["id"] == "kafka")
    assert {"level", "note", "via"} == set(kafka["capabilities"]["replay"])
    assert all({"cloud", "service", "first_party"} == set(o) for o in kafka["offers"])
    assert data["vocabulary"]["roles"]["workflow-orchestration"]["implies"] == ["scheduling"]
