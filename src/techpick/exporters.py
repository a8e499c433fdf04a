"""The capability graph written out: JSON, GraphML, or a Cypher script for cypher-shell."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

from techpick.catalog import Catalog
from techpick.escape import xml_text
from techpick.graph import build_graph, to_json


def _graphml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML holds scalars only: lists become JSON text, None is dropped, and text keeps only
    the characters XML 1.0 can carry (a NUL or U+FFFE in a name would make the file unreadable)."""
    h = nx.MultiDiGraph()

    def clean(data: dict[str, Any]) -> dict[str, Any]:
        return {k: (json.dumps(v) if isinstance(v, list) else xml_text(v) if isinstance(v, str) else v)
                for k, v in sorted(data.items()) if v is not None}

    h.graph.update(clean(dict(g.graph)))

    for n, data in sorted(g.nodes(data=True)):
        h.add_node(n, **clean(data))
    for s, t, k, data in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        h.add_edge(s, t, key=k, **clean(data))
    return h


def export(catalog: Catalog, fmt: str) -> str:
    g = build_graph(catalog)
    if fmt == "json":
        return to_json(g) + "\n"
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(_graphml_safe(g), buf, encoding="utf-8")
        return buf.getvalue().decode("utf-8")
    from techpick.cypher import script

    return script(g)
