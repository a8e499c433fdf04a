"""The capability graph as versioned documents in a property graph, and the
Cypher that writes, filters and reads it, built without I/O.

Every networkx node is stored as one database node under the label of its
kind, found by `key`. Its attributes and its outgoing edges travel together
as one JSON text (`data`), so a new catalog field flows through without a
change here; `digest` fingerprints that text, so a push compares digests and
writes only what changed. Technology nodes also carry a few filter columns
(flags, clouds, data models, capabilities, ceilings) that the database tests
before anything is read back. The relationships are written too, for people
who query the graph with Cypher, and for the one traversal the filter makes
(`FILLS`, from an indexed `Role`).

Versions: a node instance is visible in versions `v0 <= v < v1` (`LIVE` while
current); `TechpickMeta.version` names the version readers use. A push
writes the changed nodes as new instances of the next version beside the
current ones and then switches `version` in one single-property write, so a
reader sees the old graph or the new one, never a mix; a failed push leaves
the old version serving and its leftovers invisible.

Writes are parameterised batches (`UNWIND $rows AS row ...`, rows as lists,
a few hundred KB each): catalog text only travels as parameter values (on
FalkorDB in a `CYPHER name=value` prefix printed by `literal`, see
`with_parameters`). Query strings hold only labels, types and property names
from our own code, checked to be plain identifiers. Floats travel as exact
`[mantissa, exponent]` integer pairs and are rebuilt by the server
(`m * 2.0 ^ e`) from the row, never from a stored list (FalkorDB's Bolt
endpoint prints parameters with six decimals, and loses the items of list
properties). The same batches make the `cypher-shell` script.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import networkx as nx

from techpick.errors import BackendError

LABELS = {"tech": "Technology", "capability": "Capability", "role": "Role", "data_model": "DataModel",
          "cloud": "Cloud", "area": "Area"}
KIND_OF_LABEL = {label: kind for kind, label in LABELS.items()}
GRAPH_LABEL, GRAPH_KEY = "TechpickGraph", "graph"  # the graph's own attributes, versioned like any node
META_LABEL, META_KEY = "TechpickMeta", "meta"  # which version readers use; written in place, one property at a time
LOCK_LABEL, LOCK_KEY = "TechpickLock", "lock"  # who is pushing, until when
FORMAT = 2  # bump when the stored shape changes: older databases are then pushed again
LIVE = 1 << 53  # v1 of an instance that no later version replaced
BATCH = 2000  # rows per write
BATCH_TEXT = 512 * 1024  # characters of parameters per write: FalkorDB drops some Bolt messages over 4 MB
READ_CHUNK = 500
PACKED = "z64:"  # the prefix of a packed document (a JSON document starts with "{")
NODE_MAX = 48_000  # bytes of one node's data: FalkorDB's Bolt endpoint returns at most 64 KB per record

Batch = tuple[str, list[Any]]
LATENCIES = ("latency_p99", "latency_point_read", "latency_write", "latency_analytic_query", "latency_end_to_end")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TECH = "tech"


@dataclass(frozen=True)
class NodeDoc:
    """One node as stored: label, key, its JSON document, its digest and (for technologies) filter columns."""

    label: str
    key: str
    data: str
    digest: str
    columns: dict[str, Any]

    @property
    def id(self) -> tuple[str, str]:
        return self.label, self.key


class Rel(NamedTuple):
    """One relationship for Cypher users: type, ends and the scalar attributes (with `key` where the
    networkx key is not the type)."""

    rel: str
    src_label: str
    src: str
    dst_label: str
    dst: str
    props: dict[str, Any]


@functools.lru_cache(maxsize=1024)
def _name(text: str) -> str:
    """A label or type from our own constants, checked before it goes into a query string."""
    if not _IDENTIFIER.match(text):
        raise BackendError(f"{text!r} cannot be a label, type or property name in Cypher")
    return text


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _label_of(g: nx.MultiDiGraph, name: str) -> tuple[str, str]:
    data = g.nodes[name]
    kind = data.get("kind")
    if kind not in LABELS or name != f"{kind}:{data.get('key')}":
        raise BackendError(f"node {name!r} has no known kind and key; it cannot be stored")
    return LABELS[kind], str(data["key"])


# ---- graph -> documents ------------------------------------------------------------

def filter_columns(attrs: dict[str, Any], out: list[list[Any]]) -> dict[str, Any]:
    """What the database tests before reading a technology back. A fact missing here is left
    out, and the filter then keeps the technology: the engine decides."""
    cols: dict[str, Any] = {}
    for name in ("hosted", "self_hosted", "open_source", "permissive", "embedded"):
        if isinstance(attrs.get(name), bool):
            cols[name] = attrs[name]
    for name in ("consistency", "durability", "state", "end_of_life"):
        if isinstance(attrs.get(name), str):
            cols[name] = attrs[name]
    for name in LATENCIES:
        value = attrs.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            cols[name] = float(value)
    if isinstance(attrs.get("data_models"), list):
        cols["models"] = sorted(str(m) for m in attrs["data_models"])
    cols["caps"] = sorted({dst.split(":", 1)[1] for dst, _, data in out if data.get("kind") == "PROVIDES"})
    cols["clouds"] = sorted({dst.split(":", 1)[1] for dst, _, data in out
                             if data.get("kind") == "OFFERED_ON" and (data.get("status") or "ga") != "withdrawn"})
    for prefix, short in (("volume", "vol"), ("throughput", "tp")):
        top = attrs.get(f"{prefix}_max")
        if isinstance(top, (int, float)) and not isinstance(top, bool) and math.isfinite(top):
            cols[f"{short}_max"] = float(top)
            cols[f"{short}_documented"] = attrs.get(f"{prefix}_ceiling") == "documented"
    return cols


def documents(g: nx.MultiDiGraph) -> list[NodeDoc]:
    """Every node with its outgoing edges (in the graph's own order), plus the graph's attributes."""
    out: list[NodeDoc] = []
    adj = g._adj  # what out_edges iterates, without a view object per edge (networkx's own algorithms read it)
    for name, attrs in g._node.items():
        label, key = _label_of(g, name)
        edges = [[dst, k, data] for dst, keyed in adj[name].items() for k, data in keyed.items()]
        text = _json({"attrs": attrs, "out": edges})
        cols = filter_columns(attrs, edges) if attrs.get("kind") == _TECH else {}
        out.append(NodeDoc(label, key, text, _digest(label, text, cols), cols))
    text = _json({"attrs": dict(g.graph), "out": []})
    out.append(NodeDoc(GRAPH_LABEL, GRAPH_KEY, text, _digest(GRAPH_LABEL, text, {}), {}))
    return sorted(out, key=lambda d: d.id)


def _digest(label: str, text: str, cols: dict[str, Any]) -> str:
    return hashlib.sha256(f"{FORMAT}\0{label}\0{text}\0{_json(cols)}".encode()).hexdigest()[:32]


def relationships(g: nx.MultiDiGraph, touching: Iterable[tuple[str, str]] | None = None) -> list[Rel]:
    """The edges as relationships (all, or those that touch the given (label, key) nodes); attributes
    that are not text, whole numbers, booleans or lists of text stay in the JSON documents only."""
    labels = {name: _label_of(g, name) for name in g.nodes}
    if touching is None:
        edges = [(src, dst, k, data) for src, out in g._adj.items() for dst, keyed in out.items()
                 for k, data in keyed.items()]  # g.edges(keys=True, data=True), without the views
    else:
        names = sorted(f"{KIND_OF_LABEL[label]}:{key}" for label, key in touching if label in KIND_OF_LABEL)
        names = [n for n in names if n in g]
        seen = set(names)
        edges = [*g.out_edges(names, keys=True, data=True),
                 *(e for e in g.in_edges(names, keys=True, data=True) if e[0] not in seen)]
    out = []
    for src, dst, key, data in edges:
        (sl, sk), (dl, dk) = labels[src], labels[dst]
        props = {k: v for k, v in data.items() if k != "kind" and k != "key" and (isinstance(v, (str, int)) or (
            isinstance(v, list) and all(isinstance(x, str) for x in v)))}  # bool is an int
        if key != data["kind"]:
            props["key"] = str(key)  # a relationship's key is its type unless said otherwise
        out.append(Rel(_name(str(data["kind"])), sl, sk, dl, dk, props))
    return out


def node_from(doc: dict[str, Any]) -> tuple[dict[str, Any], list[list[Any]]]:
    """(attributes, [[target, key, edge attributes], ...]) of a stored document."""
    return doc["attrs"], doc["out"]


# ---- what a server cannot store exactly -------------------------------------------------

def check_value(where: str, value: Any) -> None:
    """Refuse, before anything is written, a value the server would change or refuse."""
    if isinstance(value, str):
        if "\0" in value:
            raise BackendError(f"{where}: a NUL character, which the server would cut; remove it from the catalog")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BackendError(f"{where}: text that is not valid Unicode (a lone surrogate)") from None
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise BackendError(f"{where}: {value} cannot be stored")
    elif isinstance(value, list):
        for item in value:
            check_value(where, item)
    elif isinstance(value, dict):
        for name, item in value.items():
            check_value(f"{where}.{name}", item)
    elif not isinstance(value, (bool, int)) and value is not None:
        raise BackendError(f"{where}: a {type(value).__name__} cannot be stored")


def check(docs: Iterable[NodeDoc], rels: Iterable[Rel], node_max: int = NODE_MAX) -> None:
    """Every value of a push, checked before the first write: all or nothing."""
    for doc in docs:
        where = f"{doc.label} {doc.key!r}"
        check_value(where, doc.key)
        check_value(where, doc.columns)
        check_value(where, doc.data)
        size = len(doc.data.encode("utf-8"))
        if size > node_max:
            raise BackendError(f"{where} takes {size:,} bytes, over the {node_max:,} bytes one node may take "
                               "(the server returns at most 64 KB per record): shorten its text")
    rels = list(rels)
    if _clean([rel.props for rel in rels]):
        return
    for rel in rels:
        check_value(f"{rel.rel} {rel.src} -> {rel.dst}", rel.props)


def _clean(values: list[dict[str, Any]]) -> bool:
    """True when no value can be refused (one pass at C speed); False sends `check` value by value.
    Relationship properties only hold text, whole numbers, booleans and lists of text."""
    try:
        text = json.dumps(values, ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")
    except (TypeError, ValueError):  # UnicodeEncodeError is a ValueError
        return False
    return "\\u0000" not in text


# ---- values on the wire ------------------------------------------------------------

def pair(value: float) -> list[int]:
    """An exact [mantissa, exponent] pair: value == mantissa * 2.0 ** exponent."""
    mantissa, exponent = math.frexp(value)
    return [int(mantissa * (1 << 53)), exponent - 53]


def encode(props: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Floats become exact [mantissa, exponent] pairs; returns the names to rebuild."""
    out: dict[str, Any] = {}
    floats = []
    for name, value in props.items():
        if isinstance(value, float):
            if not math.isfinite(value):
                raise BackendError(f"property {name}: {value} cannot be stored")
            out[name] = pair(value)
            floats.append(name)
        else:
            out[name] = value
    return out, tuple(floats)


_KEY = re.compile(r'([{,])"([A-Za-z_][A-Za-z0-9_]*)":')
_CONTROL = re.compile(r"\\(\\|u00[0-9a-f]{2})")


def literal(value: Any) -> str:
    """A parameter value as the text FalkorDB parses back to exactly that value.

    JSON is almost Cypher: map keys lose their quotes (they must be plain
    identifiers, else the server refuses the query), and control characters
    travel raw (FalkorDB reads no `\\u` escapes; NUL is refused before any write).
    A quoted key can only follow `{` or `,` outside a string: inside one, every
    quote is escaped.
    """
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise BackendError(f"a parameter cannot be sent: {exc}") from None
    if "{" in text:
        text = _KEY.sub(r"\1\2:", text)
    if "\\u00" in text:
        text = _CONTROL.sub(lambda m: "\\\\" if m[1] == "\\" else chr(int(m[1][1:], 16)), text)
    return text


def with_parameters(query: str, params: dict[str, Any]) -> str:
    """The query with its parameters in front (`CYPHER name=value ...`), for a server that would
    otherwise paste them into a 4 KB buffer: FalkorDB parses the prefix as parameters, of any size."""
    if not params:
        return query
    return "CYPHER " + " ".join(f"{_name(name)}={literal(value)}" for name, value in params.items()) + " " + query


# ---- queries -----------------------------------------------------------------------

def visible(var: str, version: str = "$v") -> str:
    """The instance belongs to the version."""
    return f"{var}.v0 <= {version} AND {var}.v1 > {version}"


@functools.lru_cache(maxsize=1024)
def node_query(label: str, columns: tuple[str, ...] = (), floats: tuple[str, ...] = ()) -> str:
    """New instances of version row[1]: row is [key, v0, v1, digest, data, *the columns' values]
    (a failed push's instances are removed by the next one). Rows are lists, not maps: they print
    shorter and faster (see `literal`)."""
    sets = "".join(f", n.{_name(c)} = row[{i}][0] * 2.0 ^ row[{i}][1]" if c in floats else f", n.{_name(c)} = row[{i}]"
                   for i, c in enumerate(columns, start=5))  # floats rebuilt from the row: FalkorDB loses a
    return (f"UNWIND $rows AS row CREATE (n:{_name(label)} {{key: row[0], v0: row[1]}}) "  # list property's items
            f"SET n.v1 = row[2], n.digest = row[3], n.data = row[4]{sets}")


def retire_query(label: str) -> str:
    """Current instances that the next version replaces or drops: visible up to $v only."""
    return (f"UNWIND $rows AS key MATCH (n:{_name(label)} {{key: key}}) WHERE {visible('n')} "
            "SET n.v1 = $next")


@functools.lru_cache(maxsize=1024)
def rel_query(rel: str, src_label: str, dst_label: str, props: tuple[str, ...] = ()) -> str:
    """Relationships from one instance of version $next to others: row is [source, edges], each edge
    [target, *the properties' values]. CREATE, not MERGE: every relationship written touches a new
    instance, so a failed push's leftovers go with those instances."""
    sets = ", ".join(f"r.{_name(p)} = e[{i}]" for i, p in enumerate(props, start=1))
    return (f"UNWIND $rows AS row MATCH (a:{_name(src_label)} {{key: row[0]}}) WHERE {visible('a', '$next')} "
            f"UNWIND row[1] AS e MATCH (b:{_name(dst_label)} {{key: e[0]}}) WHERE {visible('b', '$next')} "
            f"CREATE (a)-[r:{_name(rel)}]->(b)" + (f" SET {sets}" if sets else ""))


def index_queries() -> list[str]:
    """An index on `key` per label (plain form: FalkorDB knows no IF NOT EXISTS)."""
    labels = sorted([*LABELS.values(), GRAPH_LABEL, META_LABEL, LOCK_LABEL])
    return [f"CREATE INDEX FOR (n:{_name(label)}) ON (n.key)" for label in labels]


def ours() -> list[str]:
    """Labels of versioned nodes."""
    return sorted([*LABELS.values(), GRAPH_LABEL])


def state_query(chunk: int = READ_CHUNK) -> str:
    """[label, key, digest] of every instance of version $v, in lists of `chunk` (few records, none large)."""
    return ("MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) AND " + visible("n") + " "
            "WITH collect([head([l IN labels(n) WHERE l IN $labels]), n.key, n.digest]) AS rows "
            f"UNWIND range(0, size(rows) - 1, {int(chunk)}) AS i RETURN rows[i..i + {int(chunk)}] AS chunk")


def docs_query() -> str:
    """The documents of every versioned node of version $v whose label is in $labels, one per record."""
    return ("MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) AND " + visible("n") + " "
            "RETURN n.data AS data")


def docs_by_key_query() -> str:
    """The documents of the technologies in $keys, as of version $v."""
    return (f"UNWIND $keys AS k MATCH (t:{LABELS[_TECH]} {{key: k}}) WHERE {visible('t')} "
            "RETURN t.data AS data")


def tech_keys_query() -> str:
    """Every technology id of version $v, in lists (for the engine's "did you mean")."""
    return (f"MATCH (t:{LABELS[_TECH]}) WHERE {visible('t')} WITH collect(t.key) AS keys "
            f"UNWIND range(0, size(keys) - 1, {READ_CHUNK}) AS i RETURN keys[i..i + {READ_CHUNK}] AS chunk")


# The hard filters the database applies, each counting one of the engine's failure notes at most once,
# so that `misses` is a lower bound of the engine's failures (recommend.hard_failures): `excluded`,
# `not-open-source`/`not-permissive`, `not-self-hostable`, `no-managed-offer`, `no-offer-on-cloud`/
# `not-on-cloud`, `data-model`, `lacks`, `volume-*`, one `throughput-*` per rate, `not-embeddable`,
# `memory-only`, `no-multi-region`, `eventual-only`, `too-slow` and `retired`/`end-of-life`. A column a
# database pushed before lacks is null: the test is then unknown, and counts nothing.
_MISSES = " + ".join([
    "CASE WHEN t.key IN $exclude THEN 1 ELSE 0 END",
    ("CASE WHEN $license = 'open-source' AND t.open_source = false THEN 1 "
     "WHEN $license = 'permissive' AND t.permissive = false THEN 1 ELSE 0 END"),
    "CASE WHEN t.hosted = true AND $hosting = 'self-hosted' AND t.self_hosted = false THEN 1 ELSE 0 END",
    "CASE WHEN t.hosted = true AND $hosting = 'managed' AND size(t.clouds) = 0 THEN 1 ELSE 0 END",
    ("CASE WHEN t.hosted = true AND $cloud <> '' AND NOT ($cloud IN t.clouds) "
     "AND ($hosting = 'managed' OR $role = 'cloud' OR t.self_hosted = false) THEN 1 ELSE 0 END"),
    "CASE WHEN $model <> '' AND NOT ($model IN t.models) THEN 1 ELSE 0 END",
    "CASE WHEN size($caps) > 0 AND NOT all(c IN $caps WHERE c IN t.caps) THEN 1 ELSE 0 END",
    *[f"CASE WHEN size(${p}) = 2 AND t.{c}_max IS NOT NULL AND ${p}[0] * 2.0 ^ ${p}[1] > t.{c}_max * "
      f"(CASE WHEN t.{c}_documented = true THEN 1.0 ELSE $stretch END) * $slack THEN 1 ELSE 0 END"
      for p, c in (("volume", "vol"), ("throughput", "tp"), ("query_rate", "tp"))],
    "CASE WHEN $embedded AND t.embedded = false THEN 1 ELSE 0 END",
    "CASE WHEN $persistence AND t.durability = 'none' THEN 1 ELSE 0 END",
    "CASE WHEN $regions > 1 AND NOT ('geo-replication' IN t.caps) THEN 1 ELSE 0 END",
    "CASE WHEN $consistency = 'strong' AND t.consistency = 'eventual' THEN 1 ELSE 0 END",
    ("CASE WHEN size($latency) = 2 AND $latency[0] * 2.0 ^ $latency[1] < coalesce(CASE $op "
     + " ".join(f"WHEN '{op}' THEN t.latency_{op.replace('-', '_')}" for op in ("point-read", "analytic-query",
                                                                                 "end-to-end"))
     + " END, t.latency_p99) THEN 1 ELSE 0 END"),
    ("CASE WHEN NOT (t.key IN $existing) AND (t.state IN ['retired', 'archived'] OR t.end_of_life <= $today) "
     "THEN 1 ELSE 0 END"),
])


def _candidates() -> str:
    return (f"MATCH (r:{LABELS['role']} {{key: $role}}) WHERE {visible('r')} "
            f"MATCH (t:{LABELS[_TECH]})-[:FILLS]->(r) WHERE {visible('t')} "
            f"WITH DISTINCT t WITH t, {_MISSES} AS misses ")


def misses_query() -> str:
    """How many technologies of the role miss how many of the database's hard filters."""
    return _candidates() + "RETURN misses, count(t) AS n ORDER BY misses"


def candidates_query() -> str:
    """The documents of the technologies of the role that miss more than $above and at most $upto filters."""
    return _candidates() + "WHERE misses > $above AND misses <= $upto RETURN t.key AS key, misses, t.data AS data"


def misses_by_key_query() -> str:
    """Every technology of the role with its count (for tests that hold the filter to the engine)."""
    return _candidates() + "RETURN t.key AS key, misses"


# ---- batches -----------------------------------------------------------------------

def _chunks(query: str, rows: list[Any], size: int, room: int = BATCH_TEXT) -> list[Batch]:
    """Rows cut into batches of at most `size` rows and about `room` characters of parameter text."""
    out: list[Batch] = []
    start, used = 0, 0
    for i, row in enumerate(rows):
        cost = len(json.dumps(row, ensure_ascii=False))
        if i > start and (i - start >= size or used + cost > room):
            out.append((query, rows[start:i]))
            start, used = i, 0
        used += cost
    if start < len(rows):
        out.append((query, rows[start:]))
    return out


def unpack(data: str) -> Any:
    """The document as data, whether stored plain or packed (as pushes before 2026-12 did)."""
    if data.startswith(PACKED):
        return json.loads(zlib.decompress(base64.b64decode(data[len(PACKED):])).decode("utf-8"))
    return json.loads(data)


def write_batches(docs: Iterable[NodeDoc], rels: Iterable[Rel], version: int, size: int = BATCH) -> list[Batch]:
    """Batches that create the instances of `version` for the given documents, then the relationships
    (one row per source node, with all its edges of one type)."""
    first: dict[str, list[list[Any]]] = {}
    for doc in docs:
        cols, floats = encode(doc.columns)
        query = node_query(doc.label, tuple(cols), floats)
        first.setdefault(query, []).append([doc.key, version, LIVE, doc.digest, doc.data, *cols.values()])
    grouped: dict[str, dict[str, list[list[Any]]]] = {}
    for rel in rels:
        query = rel_query(rel.rel, rel.src_label, rel.dst_label, tuple(rel.props))
        grouped.setdefault(query, {}).setdefault(rel.src, []).append([rel.dst, *rel.props.values()])
    out: list[Batch] = []
    for query, rows in sorted(first.items()):
        out += _chunks(query, rows, size)
    for query, by_source in sorted(grouped.items()):
        out += _chunks(query, [[src, edges] for src, edges in by_source.items()], size)
    return out


def retire_batches(ids: Iterable[tuple[str, str]], size: int = BATCH) -> list[Batch]:
    """Batches that end the current instances of the given (label, key) pairs at the next version."""
    labels: dict[str, list[Any]] = {}
    for label, key in sorted(ids):
        labels.setdefault(label, []).append(key)
    out: list[Batch] = []
    for label, rows in sorted(labels.items()):
        out += _chunks(retire_query(label), rows, size)
    return out


# ---- documents -> graph --------------------------------------------------------------

def graph_from_documents(graph_attrs: dict[str, Any], docs: Iterable[dict[str, Any]],
                         stubs: Iterable[str] = (), g: Any = None) -> Any:
    """The graph of the given node documents (into `g`: an empty networkx MultiDiGraph by default, or a
    `compiled_graph.ReadGraph`), edges in their stored order.

    Edges to technologies whose documents were not read end at a stub node
    that has only its kind and key: enough for the engine to name it. The
    adjacency dicts are filled as `add_node` and `add_edge` would fill them, in
    the same order, several times faster; attribute dicts are the documents'
    own (the engine never changes a graph).
    """
    g = nx.MultiDiGraph() if g is None else g
    g.graph.update(graph_attrs)
    node, succ, pred = g._node, g._succ, g._pred

    def add(name: str, attrs: dict[str, Any]) -> None:
        if name in node:
            node[name] = {**node[name], **attrs}
        else:
            node[name], succ[name], pred[name] = attrs, {}, {}

    named = sorted(((f"{d['attrs']['kind']}:{d['attrs']['key']}", d) for d in docs), key=lambda pair: pair[0])
    for name, doc in named:
        add(name, doc["attrs"])
    for name in sorted(stubs):
        if name not in node:
            kind, key = name.split(":", 1)
            add(name, {"kind": kind, "key": key})
    for src, doc in named:
        out = succ[src]
        for dst, key, data in doc["out"]:
            if dst not in node:
                kind, name = dst.split(":", 1)
                add(dst, {"kind": kind, "key": name})
            keydict = out.get(dst)
            if keydict is None:
                out[dst] = pred[dst][src] = {key: data}
            else:
                keydict[key] = {**keydict[key], **data} if key in keydict else data
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
    for query, rows in write_batches(documents(g), relationships(g), 1):
        lines.append(f":param rows => {_literal(rows)}")
        lines.append(query.replace("$next", "1") + ";")
    lines.append(f":param rows => {_literal([{'key': META_KEY, 'format': FORMAT, 'version': 1}])}")
    lines.append(meta_query() + ";")
    return "\n".join(lines) + "\n"


def meta_query() -> str:
    """The switch: one write of the version (and format) readers use."""
    return (f"UNWIND $rows AS row MERGE (m:{META_LABEL} {{key: row.key}}) "
            "SET m.format = row.format, m.version = row.version")
