"""Cypher for the capability graph, built without I/O.

Writes are parameterised batches (`UNWIND $rows AS row MERGE ...`): catalog
text only ever travels as parameter values, never inside a query string.
Labels and relationship types come from the constants below. The same
batches make the `cypher-shell` script, where each batch's rows are given
with `:param`.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

LABELS = {"tech": "Technology", "capability": "Capability", "role": "Role", "data_model": "DataModel",
          "cloud": "Cloud", "area": "Area"}
KIND_OF_LABEL = {label: kind for kind, label in LABELS.items()}
BATCH = 500

Batch = tuple[str, list[dict[str, Any]]]


def _props(data: dict[str, Any]) -> dict[str, Any]:
    """Neo4j stores no nulls and no nested maps: drop None, keep scalars and lists."""
    return {k: v for k, v in sorted(data.items()) if v is not None}


def node_query(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{label} {{key: row.key}}) SET n = row.props"


def edge_query(rel: str, src_label: str, dst_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{src_label} {{key: row.src}}) MATCH (b:{dst_label} {{key: row.dst}}) "
            f"MERGE (a)-[r:{rel} {{k: row.k}}]->(b) SET r = row.props")


def index_queries() -> list[str]:
    return [f"CREATE INDEX FOR (n:{label}) ON (n.key)" for label in sorted(LABELS.values())]


def node_batches(g: nx.MultiDiGraph, size: int = BATCH) -> list[Batch]:
    """(query, rows) per label and chunk, in a stable order."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    for name, data in sorted(g.nodes(data=True)):
        label = LABELS[data["kind"]]
        props = _props({k: v for k, v in data.items() if k != "kind"})
        by_label.setdefault(label, []).append({"key": name, "props": props})
    return [(node_query(label), rows[i:i + size]) for label, rows in sorted(by_label.items())
            for i in range(0, len(rows), size)]


def edge_batches(g: nx.MultiDiGraph, size: int = BATCH) -> list[Batch]:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for src, dst, key, data in sorted(g.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        group = (data["kind"], LABELS[g.nodes[src]["kind"]], LABELS[g.nodes[dst]["kind"]])
        props = _props({k: v for k, v in data.items() if k != "kind"})
        groups.setdefault(group, []).append({"src": src, "dst": dst, "k": key, "props": props})
    return [(edge_query(*group), rows[i:i + size]) for group, rows in sorted(groups.items())
            for i in range(0, len(rows), size)]


def _literal(value: Any) -> str:
    """A Cypher literal for a parameter value (JSON string escapes are valid Cypher)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{k.replace('`', '``')}`: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=True)


def script(g: nx.MultiDiGraph) -> str:
    """A cypher-shell script that loads the same graph as `techpick graph push`."""
    lines = ["// techpick capability graph; load with: cypher-shell -f graph.cypher",
             f"// catalog digest {g.graph.get('digest', '')}", ""]
    for query in index_queries():
        lines.append(query.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS") + ";")
    for query, rows in [*node_batches(g), *edge_batches(g)]:
        lines.append(f":param rows => {_literal(rows)}")
        lines.append(query + ";")
    return "\n".join(lines) + "\n"
