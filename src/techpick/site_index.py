"""The browser's data: index.json, what the Find and Recommend pages read."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from techpick import graph as G
from techpick.catalog import Catalog
from techpick.site_common import tech_url

INDEX_JSON = "index.json"


def index_data(catalog: Catalog, g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the filter and recommendation pages read: the vocabulary and every technology's facts.

    Everything the browser's copy of the engine reasons over is read from the
    graph, as `recommend` reads it: the flattened properties, capabilities with
    level, note and the technologies they come through, managed offers,
    requirement groups in the author's order, integrations, a bundle's parts
    and, per role, the capabilities it implies. Lists are sorted, so the file
    is deterministic.
    """
    v = catalog.vocabulary
    techs = []
    for tech in catalog:
        props = dict(G.tech(g, tech.id))
        del props["kind"], props["key"]
        offers = G.offers(g, tech.id)
        props.update({
            "url": tech_url(tech.id),
            "description": " ".join(tech.description.split()),
            "clouds": sorted({cloud for cloud, _, _ in offers}),
            "offers": [{"cloud": cloud, "service": service, "first_party": first} for cloud, service, first in offers],
            "capabilities": {cap: {"level": level, "note": note, "via": via}
                             for cap, (level, note, via) in sorted(G.capabilities(g, tech.id).items())},
            "requires": G.requirements(g, tech.id),
            "integrates_with": G.related(g, tech.id, G.INTEGRATES_WITH),
            "alternative_to": G.related(g, tech.id, G.ALTERNATIVE_TO),
            "has_parts": G.related(g, tech.id, G.HAS_PART),
        })
        techs.append(props)
    return {
        "version": 2,
        "digest": catalog.digest,
        "vocabulary": {
            "areas": {k: d.meaning for k, d in v.areas.items()},
            "roles": {k: {"area": d.area, "meaning": d.meaning, "implies": G.implied(g, k)}
                      for k, d in v.roles.items()},
            "data_models": {k: d.meaning for k, d in v.data_models.items()},
            "capabilities": {k: {"kind": d.kind, "meaning": d.meaning} for k, d in v.capabilities.items()},
            "clouds": {k: d.meaning for k, d in v.clouds.items()},
        },
        "technologies": techs,
    }


def index_json(catalog: Catalog, g: nx.MultiDiGraph) -> str:
    """`index_data` as the compact JSON text the site serves."""
    return json.dumps(index_data(catalog, g), ensure_ascii=False, separators=(",", ":"))
