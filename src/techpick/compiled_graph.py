"""The capability graph in compiled form: JSON that loads back into the very same
networkx graph (same attributes, same node, edge and predecessor order) several
times faster than `build_graph` builds it from a catalog of 10,000 entries.

Format (UTF-8 JSON, one line)::

    {"format": "techpick-graph", "version": 1,
     "graph": {...},                          # graph attributes
     "shapes": [["kind", "key", ...], ...],   # the distinct attribute-name lists
     "nodes": [[name, shape, value, ...], ...],  # in node order
     "keys": ["FILLS", ...],                  # the distinct edge keys
     "attributes": [[shape, value, ...], ...],  # the distinct edge attributes
     "edges": [[source, target, key, attributes], ...],  # indexes; in adjacency order
     "pred": [[source, ...], ...]}            # per node, its predecessors in their order

Attribute values must be plain JSON (str, numbers, booleans, None, lists and
dicts of those): graph.py keeps them so for Neo4j anyway; anything else is refused.
Edges with equal attributes (by value and type) share one attribute dict when
loaded (at 100,000 technologies that saves most of the graph's memory and
time): the engine never changes a graph, and neither may any other reader of
a loaded one.

`loads` gives a networkx graph; `loads_for_reading` gives a `ReadGraph`, the same
adjacency behind the few read methods the engine uses, so that a recommendation
from a cached graph never imports networkx (two thirds of its start-up time).
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from techpick.gcpause import gc_paused

if TYPE_CHECKING:
    import networkx as nx

FORMAT = "techpick-graph"
VERSION = 2


class CompiledGraphError(ValueError):
    """Bytes that are not a compiled graph of this version, or a graph that cannot be compiled."""


def dumps(g: nx.MultiDiGraph) -> bytes:
    """The compiled form of a graph built by `techpick.graph.build_graph`."""
    return b"".join(chunks(g))


CHUNK = 10_000  # rows per piece


def chunks(g: nx.MultiDiGraph) -> Iterator[bytes]:
    """`dumps(g)` in pieces, each row made and written as text in turn: at 100,000 technologies the
    whole document as lists, then as one string, then as bytes, took half a gigabyte."""
    import networkx as nx

    if type(g) is not nx.MultiDiGraph:
        raise CompiledGraphError(f"expected a networkx MultiDiGraph, not {type(g).__name__}")
    shapes: dict[tuple[str, ...], int] = {}
    attributes: dict[str, int] = {}  # distinct edge attributes, by their JSON text (types kept: 1, 1.0, true)
    attribute_rows: list[list[Any]] = []
    same_dict: dict[int, int] = {}  # edges that share one attributes dict (build_graph's) share its row
    keys: dict[Any, int] = {}

    def shape(attrs: dict[str, Any]) -> int:
        return shapes.setdefault(tuple(attrs), len(shapes))

    def attribute(attrs: dict[str, Any]) -> int:
        found = same_dict.get(id(attrs))  # the graph keeps every dict alive meanwhile: ids stay theirs
        if found is not None:
            return found
        row = [shape(attrs), *attrs.values()]
        text = json.dumps(row, ensure_ascii=False)
        found = attributes.get(text)
        if found is None:
            _check_plain(row)
            found = attributes[text] = len(attribute_rows)
            attribute_rows.append(row)
        same_dict[id(attrs)] = found
        return found

    index = {name: i for i, name in enumerate(g._node)}
    node_shapes = [shape(attrs) for attrs in g._node.values()]
    edges = array("q")  # four numbers per edge, in adjacency order
    for u, nbrs in g._succ.items():
        for v, keydict in nbrs.items():
            for key, attrs in keydict.items():
                edges.extend((index[u], index[v], keys.setdefault(key, len(keys)), attribute(attrs)))
    head = {"format": FORMAT, "version": VERSION, "graph": g.graph, "shapes": [list(s) for s in shapes]}
    _check_plain([head, list(keys)])
    yield (_json(head)[:-1] + ',"nodes":[').encode("utf-8")
    rows = list(zip(g._node.items(), node_shapes))
    for start in range(0, len(rows), CHUNK):
        piece = []
        for (name, attrs), node_shape in rows[start:start + CHUNK]:
            row = [name, node_shape, *attrs.values()]
            _check_plain(row)
            piece.append(_json(row))
        yield (("," if start else "") + ",".join(piece)).encode("utf-8")
    yield ('],"keys":' + _json(list(keys)) + ',"attributes":' + _json(attribute_rows) + ',"edges":[').encode("utf-8")
    for start in range(0, len(edges), 4 * CHUNK):
        part = edges[start:start + 4 * CHUNK]
        piece = ",".join(f"[{part[i]},{part[i + 1]},{part[i + 2]},{part[i + 3]}]" for i in range(0, len(part), 4))
        yield (("," if start else "") + piece).encode("utf-8")
    yield b'],"pred":['
    names = list(g._node)
    for start in range(0, len(names), CHUNK):
        piece = ",".join(_json([index[u] for u in g._pred[name]]) for name in names[start:start + CHUNK])
        yield (("," if start else "") + piece).encode("utf-8")
    yield b"]}"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _check_plain(value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CompiledGraphError(f"cannot compile a mapping key of type {type(key).__name__}")
            _check_plain(item)
    elif isinstance(value, list):
        for item in value:
            _check_plain(item)
    elif not (value is None or isinstance(value, (str, int, float))):
        raise CompiledGraphError(f"cannot compile a graph attribute of type {type(value).__name__}")


def loads(raw: bytes | str) -> nx.MultiDiGraph:
    """The graph back from its compiled form; CompiledGraphError if the bytes are not one."""
    import networkx as nx

    return _load(raw, nx.MultiDiGraph())


def loads_for_reading(raw: bytes | str) -> ReadGraph:
    """The graph back as a ReadGraph (no networkx); CompiledGraphError if the bytes are not one."""
    return _load(raw, ReadGraph())


class ReadGraph:
    """A read-only MultiDiGraph: networkx's own adjacency dicts and the part of its reading
    interface the engine uses (`graph`, `nodes`, `in`, `in_edges`, `out_edges`), giving the
    same values in the same order."""

    def __init__(self) -> None:
        self.graph: dict[str, Any] = {}
        self._node: dict[str, dict[str, Any]] = {}
        self._succ: dict[str, dict[str, dict[Any, dict[str, Any]]]] = {}
        self._pred: dict[str, dict[str, dict[Any, dict[str, Any]]]] = {}  # filled per node when first asked
        self._pred_rows: dict[str, list[int]] = {}  # per node, the indexes of its predecessors in their order
        self._names: list[str] = []
        self._out: dict[tuple[str, bool, bool], list[tuple[Any, ...]]] = {}
        self.nodes = _Nodes(self._node)

    def __contains__(self, name: object) -> bool:
        return name in self._node

    def __iter__(self) -> Iterator[str]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    def out_edges(self, name: str, keys: bool = False, data: bool = False) -> Iterator[tuple[Any, ...]]:
        """(name, target[, key][, attributes]) for each edge out of one node, in adjacency order.

        Each list is made once: the engine asks for a technology's edges again for every fact it reads.
        """
        asked = (name, keys, data)
        edges = self._out.get(asked)
        if edges is None:
            edges = self._out[asked] = _edges(self._succ.get(name, {}), name, keys, data, outgoing=True)
        return iter(edges)

    def in_edges(self, name: str, keys: bool = False, data: bool = False) -> Iterator[tuple[Any, ...]]:
        """(source, name[, key][, attributes]) for each edge into one node, in predecessor order."""
        adjacency = self._pred.get(name)
        if adjacency is None:  # built when asked: the engine asks for a few role nodes, not for 10,000 nodes
            names, succ = self._names, self._succ
            adjacency = self._pred[name] = {names[u]: succ[names[u]][name] for u in self._pred_rows.get(name, ())}
        return iter(_edges(adjacency, name, keys, data, outgoing=False))


class _Nodes:
    """`g.nodes[name]` is a node's attributes; `g.nodes(data=True)` yields (name, attributes)."""

    def __init__(self, node: dict[str, dict[str, Any]]) -> None:
        self._node = node

    def __getitem__(self, name: str) -> dict[str, Any]:
        return self._node[name]

    def __call__(self, data: bool = False) -> Iterator[Any]:
        return iter(self._node.items()) if data else iter(self._node)

    def __iter__(self) -> Iterator[str]:
        return iter(self._node)

    def __contains__(self, name: object) -> bool:
        return name in self._node

    def __len__(self) -> int:
        return len(self._node)


def _edges(adjacency: dict[str, dict[Any, dict[str, Any]]], name: str, keys: bool, data: bool,
           outgoing: bool) -> list[tuple[Any, ...]]:
    """The edge tuples networkx yields, as a list built by one comprehension (the engine asks for 200,000 at
    10,000 technologies)."""
    if outgoing:
        if keys and data:
            return [(name, v, k, d) for v, keydict in adjacency.items() for k, d in keydict.items()]
        if keys:
            return [(name, v, k) for v, keydict in adjacency.items() for k in keydict]
        if data:
            return [(name, v, d) for v, keydict in adjacency.items() for d in keydict.values()]
        return [(name, v) for v, keydict in adjacency.items() for _ in keydict]
    if keys and data:
        return [(u, name, k, d) for u, keydict in adjacency.items() for k, d in keydict.items()]
    if keys:
        return [(u, name, k) for u, keydict in adjacency.items() for k in keydict]
    if data:
        return [(u, name, d) for u, keydict in adjacency.items() for d in keydict.values()]
    return [(u, name) for u, keydict in adjacency.items() for _ in keydict]


def _load(raw: bytes | str, g: Any) -> Any:
    with gc_paused():
        try:
            document = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CompiledGraphError(f"not JSON: {exc}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT \
                or document.get("version") != VERSION:
            raise CompiledGraphError("not a compiled techpick graph of this version")
        try:
            return _build(document, g)
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise CompiledGraphError(f"damaged compiled graph: {type(exc).__name__}: {exc}") from None


def _build(document: dict[str, Any], g: Any) -> Any:
    """Fill the empty graph `g`'s adjacency dicts directly: add_edge costs five times as much per edge."""
    g.graph.update(document["graph"])
    shapes = [tuple(names) for names in document["shapes"]]
    node_attrs, succ, pred = g._node, g._succ, g._pred
    names = []
    for row in document["nodes"]:
        name = row[0]
        if name in node_attrs:
            raise ValueError(f"node {name!r} twice")
        names.append(name)
        keys = shapes[row[1]]
        if len(keys) != len(row) - 2:
            raise ValueError(f"node {name!r} does not match its shape")
        node_attrs[name] = dict(zip(keys, row[2:]))
        succ[name] = {}
    edge_keys = document["keys"]
    attributes = []  # one dict per distinct attribute row, shared by its edges: the graph is read-only
    for row in document["attributes"]:
        names_of = shapes[row[0]]
        if len(names_of) != len(row) - 1:
            raise ValueError("edge attributes do not match their shape")
        attributes.append(dict(zip(names_of, row[1:])))
    for source, target_index, key, attrs in document["edges"]:
        nbrs = succ[names[source]]
        target = names[target_index]
        keydict = nbrs.get(target)
        if keydict is None:
            keydict = nbrs[target] = {}
        keydict[edge_keys[key]] = attributes[attrs]
    sources = document["pred"]
    if len(sources) != len(names):
        raise ValueError("predecessors do not match the nodes")
    if isinstance(g, ReadGraph):
        if sum(map(len, sources)) != sum(map(len, succ.values())) \
                or max((max(row) for row in sources if row), default=0) >= len(names):
            raise ValueError("predecessors do not match the edges")
        g._names, g._pred_rows = names, dict(zip(names, sources))
        return g
    for target, preds in zip(names, sources):
        pred[target] = {names[u]: succ[names[u]][target] for u in preds}
    if sum(len(p) for p in pred.values()) != sum(len(s) for s in succ.values()):
        raise ValueError("predecessors do not match the edges")
    return g
