"""The capability graph as a labelled property graph, and the Cypher that
writes and reads it, built without I/O.

A node is stored under the label of its kind with its attributes as
properties, found by `(label, key)`; a relationship has the type of its kind
and its networkx key in the `key` property. A `TechpickMeta` node marks the
database as ours and keeps what a property graph loses: the graph's own
attributes and which attributes each kind has (Neo4j drops nulls).

Writes are parameterised batches (`UNWIND $rows AS row MERGE ...`): catalog
text only travels as parameter values. Query strings hold only labels, types
and attribute names from our own code, checked to be plain identifiers.
Floats travel as exact `[mantissa, exponent]` integer pairs and are rebuilt
by the server (`m * 2.0 ^ e`), because FalkorDB's Bolt endpoint prints
parameters with six decimals. The same batches make the `cypher-shell` script.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from techpick.errors import BackendError

LABELS = {"tech": "Technology", "capability": "Capability", "role": "Role", "data_model": "DataModel",
          "cloud": "Cloud", "area": "Area"}
KIND_OF_LABEL = {label: kind for kind, label in LABELS.items()}
META_LABEL, META_KEY = "TechpickMeta", "meta"
FORMAT = 1  # bump when the stored shape changes: older databases are then pushed again
BATCH = 500
READ_CHUNK = 10

Batch = tuple[str, list[dict[str, Any]]]
NodeId = tuple[str, str]  # (label, key)
EdgeId = tuple[str, str, str, str, str, str]  # (type, source label, source key, key, target label, target key)

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class NodeRecord:
    """One node as stored: label, key and properties (no None values)."""

    label: str
    key: str
    props: dict[str, Any]

    @property
    def id(self) -> NodeId:
        return self.label, self.key


@dataclass(frozen=True)
class EdgeRecord:
    """One relationship as stored; `props` includes its `key`."""

    rel: str
    src_label: str
    src: str
    dst_label: str
    dst: str
    key: str
    props: dict[str, Any]

    @property
    def id(self) -> EdgeId:
        return self.rel, self.src_label, self.src, self.key, self.dst_label, self.dst


def _name(text: str) -> str:
    """A label or type from our own constants, checked before it goes into a query string."""
    if not _IDENTIFIER.match(text):
        raise BackendError(f"{text!r} cannot be a label, type or property name in Cypher")
    return text


def _prop(text: str) -> str:
    """A property name, backquoted so that words like `order` stay names."""
    return f"`{_name(text)}`"


def _stored(data: dict[str, Any], drop: str) -> dict[str, Any]:
    """Neo4j stores no nulls and no nested maps: drop None, keep scalars and lists."""
    return {k: v for k, v in sorted(data.items()) if v is not None and k != drop}


# ---- graph -> records ------------------------------------------------------------

def node_records(g: nx.MultiDiGraph) -> list[NodeRecord]:
    out = []
    for name, data in sorted(g.nodes(data=True)):
        kind = data.get("kind")
        if kind not in LABELS or name != f"{kind}:{data.get('key')}":
            raise BackendError(f"node {name!r} has no known kind and key; it cannot be stored")
        out.append(NodeRecord(LABELS[kind], data["key"], _stored(data, "kind")))
    return out


def edge_records(g: nx.MultiDiGraph) -> list[EdgeRecord]:
    out = []
    for src, dst, key, data in g.edges(keys=True, data=True):
        if not isinstance(key, str) or "key" in data:
            raise BackendError(f"edge {src} -> {dst} needs a text key and no 'key' attribute to be stored")
        props = {**_stored(data, "kind"), "key": key}
        out.append(EdgeRecord(data["kind"], LABELS[g.nodes[src]["kind"]], g.nodes[src]["key"],
                              LABELS[g.nodes[dst]["kind"]], g.nodes[dst]["key"], key, dict(sorted(props.items()))))
    return sorted(out, key=lambda e: e.id)


def schema(g: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    """Attribute names per node kind and per edge kind: what to fill with None on the way back."""
    nodes: dict[str, dict[str, None]] = {}
    edges: dict[str, dict[str, None]] = {}
    for _, data in g.nodes(data=True):
        nodes.setdefault(data["kind"], {}).update(dict.fromkeys(data))
    for _, _, data in g.edges(data=True):
        edges.setdefault(data["kind"], {}).update(dict.fromkeys(data))
    return {"nodes": {k: list(v) for k, v in sorted(nodes.items())},
            "edges": {k: list(v) for k, v in sorted(edges.items())}}


def meta_record(g: nx.MultiDiGraph, state: str = "complete") -> NodeRecord:
    """The marker node: a database without it is empty or someone else's."""
    props = {"key": META_KEY, "format": FORMAT, "state": state, "digest": str(g.graph.get("digest", "")),
             "graph": json.dumps(g.graph, sort_keys=True), "schema": json.dumps(schema(g), sort_keys=True)}
    return NodeRecord(META_LABEL, META_KEY, dict(sorted(props.items())))


# ---- values on the wire ------------------------------------------------------------

def encode(props: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Floats become exact [mantissa, exponent] pairs; returns the names to rebuild."""
    out: dict[str, Any] = {}
    floats = []
    for name, value in props.items():
        if isinstance(value, float):
            if not math.isfinite(value):
                raise BackendError(f"property {name}: {value} cannot be stored")
            mantissa, exponent = math.frexp(value)
            out[name] = [int(mantissa * (1 << 53)), exponent - 53]
            floats.append(name)
        elif isinstance(value, list) and any(isinstance(v, float) for v in value):
            raise BackendError(f"property {name}: lists of floats cannot be stored exactly")
        else:
            out[name] = value
    return out, tuple(floats)


def escape_for_splicing(value: Any) -> Any:
    """Strings escaped for a server that pastes parameters into single-quoted literals."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, list):
        return [escape_for_splicing(v) for v in value]
    if isinstance(value, dict):
        return {k: escape_for_splicing(v) for k, v in value.items()}
    return value


def spliced_size(value: Any) -> int:
    """Bytes a parameter takes once a splicing server has printed it (escapes included)."""
    if isinstance(value, str):
        return len(value.encode("utf-8")) + value.count("\\") + value.count("'") + 2
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return len(str(value))
    if isinstance(value, float):
        return len(f"{value:f}")
    if isinstance(value, list):
        return 2 + sum(spliced_size(v) + 2 for v in value)
    if isinstance(value, dict):
        return 2 + sum(len(k.encode("utf-8")) + 4 + spliced_size(v) for k, v in value.items())
    raise BackendError(f"a {type(value).__name__} cannot be stored")


# ---- queries -----------------------------------------------------------------------

def _rebuild(var: str, floats: Iterable[str]) -> str:
    sets = [f"{var}.{_prop(f)} = {var}.{_prop(f)}[0] * 2.0 ^ {var}.{_prop(f)}[1]" for f in floats]
    return f" SET {', '.join(sets)}" if sets else ""


def node_query(label: str, floats: Iterable[str] = ()) -> str:
    return f"UNWIND $rows AS row MERGE (n:{_name(label)} {{key: row.key}}) SET n = row.props" + _rebuild(
        "n", floats)


def node_more_query(label: str, floats: Iterable[str] = ()) -> str:
    """More properties for nodes too large for one query on a splicing server."""
    return f"UNWIND $rows AS row MATCH (n:{_name(label)} {{key: row.key}}) SET n += row.props" + _rebuild("n", floats)


def edge_query(rel: str, src_label: str, dst_label: str, floats: Iterable[str] = ()) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{_name(src_label)} {{key: row.src}}) "
            f"MATCH (b:{_name(dst_label)} {{key: row.dst}}) "
            f"MERGE (a)-[r:{_name(rel)} {{key: row.key}}]->(b) SET r = row.props") + _rebuild("r", floats)


def node_delete_query(label: str) -> str:
    return f"UNWIND $rows AS row MATCH (n:{_name(label)} {{key: row.key}}) DETACH DELETE n"


def edge_delete_query(rel: str, src_label: str, dst_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{_name(src_label)} {{key: row.src}})-[r:{_name(rel)} {{key: row.key}}]->"
            f"(b:{_name(dst_label)} {{key: row.dst}}) DELETE r")


def index_query(label: str) -> str:
    """An index on `key` (plain form: FalkorDB knows no IF NOT EXISTS)."""
    return f"CREATE INDEX FOR (n:{_name(label)}) ON (n.key)"


def index_queries() -> list[str]:
    return [index_query(label) for label in sorted([*LABELS.values(), META_LABEL])]


def node_read_query() -> str:
    """Nodes with any of the labels in $labels, one per record (a node can be large)."""
    return ("MATCH (n) WHERE any(label IN labels(n) WHERE label IN $labels) "
            "RETURN labels(n) AS labels, n.key AS key, properties(n) AS props")


def edge_read_query(chunk: int = READ_CHUNK) -> str:
    """Relationships of the types in $types, in lists of `chunk`
    [source labels, source key, type, properties, target labels, target key].

    Few queries and few records: FalkorDB answers each query about 40 ms late
    when its reply spans several writes, a record costs the Python driver far
    more than its size, and FalkorDB hangs on a record over 64 KB (one edge
    is at most 4 KB).
    """
    return ("MATCH (a)-[r]->(b) WHERE type(r) IN $types "
            "WITH collect([labels(a), a.key, type(r), properties(r), labels(b), b.key]) AS rows "
            f"UNWIND range(0, size(rows) - 1, {int(chunk)}) AS i RETURN rows[i..i + {int(chunk)}] AS chunk")


# ---- batches -----------------------------------------------------------------------

def _chunks(query: str, rows: list[dict[str, Any]], size: int, budget: int | None) -> list[Batch]:
    """Rows cut into batches of at most `size` rows and, if given, `budget` printed bytes."""
    out: list[Batch] = []
    current: list[dict[str, Any]] = []
    used = 0
    room = None if budget is None else budget - len(query.encode("utf-8")) - len("CYPHER rows=[] ")
    for row in rows:
        cost = spliced_size(row) + 2 if room is not None else 0
        if room is not None and cost > room:
            raise BackendError(f"one row of {query.split(' SET ')[0]} is too large for this server's Bolt endpoint")
        if current and (len(current) >= size or (room is not None and used + cost > room)):
            out.append((query, current))
            current, used = [], 0
        current.append(row)
        used += cost
    if current:
        out.append((query, current))
    return out


def _fits(query: str, row: dict[str, Any], budget: int | None) -> bool:
    return budget is None or len(query.encode("utf-8")) + len("CYPHER rows=[] ") + spliced_size(row) + 2 <= budget


def _part(record: NodeRecord, props: dict[str, Any], first: bool) -> tuple[str, dict[str, Any]]:
    encoded, floats = encode(props)
    return (node_query if first else node_more_query)(record.label, floats), {"key": record.key, "props": encoded}


def _node_rows(record: NodeRecord, budget: int | None) -> list[tuple[str, dict[str, Any]]]:
    """(query, row) for one node; on a splicing server, cut into parts that each fit in one query."""
    whole = _part(record, record.props, True)
    if _fits(*whole, budget):
        return [whole]
    parts: list[tuple[str, dict[str, Any]]] = []
    current: dict[str, Any] = {"key": record.key}  # `SET n = props` must keep the key
    for name, value in record.props.items():
        if name == "key":
            continue
        if _fits(*_part(record, {**current, name: value}, not parts), budget):
            current[name] = value
            continue
        if not _fits(*_part(record, {name: value}, False), budget):
            raise BackendError(f"{record.label} {record.key}: property {name} is too large for this server's "
                               "Bolt endpoint (it takes about 4 KB per query)")
        parts.append(_part(record, current, not parts))
        current = {name: value}
    parts.append(_part(record, current, not parts))
    return parts


def write_batches(nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord], size: int = BATCH,
                  budget: int | None = None) -> list[Batch]:
    """Batches that create or update the given nodes, then the given relationships.

    `budget` caps the printed size of one query, for servers that splice
    parameters into the query text (FalkorDB's Bolt endpoint: 4 KB).
    """
    first: dict[str, list[dict[str, Any]]] = {}
    more: dict[str, list[dict[str, Any]]] = {}
    for record in nodes:
        for i, (query, row) in enumerate(_node_rows(record, budget)):
            (first if i == 0 else more).setdefault(query, []).append(row)
    rels: dict[str, list[dict[str, Any]]] = {}
    for edge in edges:
        props, floats = encode(edge.props)
        rels.setdefault(edge_query(edge.rel, edge.src_label, edge.dst_label, floats), []).append(
            {"src": edge.src, "dst": edge.dst, "key": edge.key, "props": props})
    out: list[Batch] = []
    for group in (first, more, rels):
        for query, rows in sorted(group.items()):
            out += _chunks(query, rows, size, budget)
    return out


def delete_batches(nodes: Iterable[NodeId], edges: Iterable[EdgeId], size: int = BATCH,
                   budget: int | None = None) -> list[Batch]:
    """Batches that remove the given relationships, then the given nodes (with whatever still hangs on them)."""
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for rel, src_label, src, key, dst_label, dst in sorted(edges):
        rels.setdefault((rel, src_label, dst_label), []).append({"src": src, "dst": dst, "key": key})
    labels: dict[str, list[dict[str, Any]]] = {}
    for label, key in sorted(nodes):
        labels.setdefault(label, []).append({"key": key})
    out: list[Batch] = []
    for (rel, src_label, dst_label), rows in sorted(rels.items()):
        out += _chunks(edge_delete_query(rel, src_label, dst_label), rows, size, budget)
    for label, rows in sorted(labels.items()):
        out += _chunks(node_delete_query(label), rows, size, budget)
    return out


# ---- records -> graph --------------------------------------------------------------

def graph_from_records(meta: dict[str, Any], nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord],
                       ) -> nx.MultiDiGraph:
    """The networkx graph that was pushed: kinds from labels, None where Neo4j dropped a null."""
    kinds = json.loads(meta["schema"])
    g = nx.MultiDiGraph(**json.loads(meta["graph"]))
    names: dict[NodeId, str] = {}
    for record in sorted(nodes, key=lambda r: f"{KIND_OF_LABEL[r.label]}:{r.key}"):
        kind = KIND_OF_LABEL[record.label]
        names[record.id] = f"{kind}:{record.key}"
        data = dict.fromkeys(kinds["nodes"].get(kind, ()))
        data.update(record.props)
        data["kind"] = kind
        g.add_node(names[record.id], **data)
    for edge in sorted(edges, key=lambda e: e.id):
        src, dst = names.get((edge.src_label, edge.src)), names.get((edge.dst_label, edge.dst))
        if src is None or dst is None:
            continue
        data = dict.fromkeys(kinds["edges"].get(edge.rel, ()))
        data.update({k: v for k, v in edge.props.items() if k != "key"})
        data["kind"] = edge.rel
        g.add_edge(src, dst, key=edge.key, **data)
    return g


# ---- the cypher-shell script ---------------------------------------------------------

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
    return json.dumps(str(value), ensure_ascii=False)


def script(g: nx.MultiDiGraph) -> str:
    """A cypher-shell script that loads the same graph as `techpick graph push` into an empty database."""
    lines = ["// techpick capability graph; load into an empty database with: cypher-shell -f graph.cypher",
             f"// catalog digest {g.graph.get('digest', '')}", ""]
    for query in index_queries():
        lines.append(query.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS") + ";")
    for query, rows in write_batches([*node_records(g), meta_record(g)], edge_records(g)):
        lines.append(f":param rows => {_literal(rows)}")
        lines.append(query + ";")
    return "\n".join(lines) + "\n"
