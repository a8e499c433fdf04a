"""The facts the engine reads about a technology, typed, read once per graph.

The graph stores plain values so that every backend (networkx, Neo4j) can hold
them; the engine reads them through this view, never through string keys.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from techpick import graph as G

if TYPE_CHECKING:  # networkx is imported by whoever builds a graph: a cached one needs none
    import networkx as nx


@dataclass(frozen=True)
class Offer:
    service: str
    provider: str
    clouds: tuple[str, ...]
    status: str = "ga"
    complexity: int | None = None
    high_availability: str | None = None
    compatible: bool = False  # the provider's own engine behind the product's API
    add_on: bool = False  # runs only inside another managed service of the provider (an EKS or AKS add-on)
    lacks: tuple[str, ...] = ()  # capabilities of the product this offer does not provide

    def first_party_on(self, cloud: str) -> bool:
        return self.provider == cloud


@dataclass(frozen=True)
class Tech:
    """The facts the engine reads about one technology, typed."""

    id: str
    name: str
    kind: str
    hosted: bool
    main_role: str
    roles: tuple[str, ...]
    data_models: tuple[str, ...]
    license: str
    license_kinds: tuple[str, ...]
    open_source: bool
    permissive: bool
    self_hosted: bool
    embedded: bool
    languages: tuple[str, ...]
    runtime: str
    latency_p99: float | None
    latency: dict[str, float]
    volume: tuple[float, float, float, str] | None  # low, high, max, ceiling kind
    throughput: tuple[float, float, float, str] | None
    concurrency_max: int | None
    retention_max: float | None  # days, a documented limit
    in_memory: bool  # the whole data set lives in RAM: memory bounds what it holds
    consistency: str
    durability: str
    high_availability: str
    availability_note: str | None
    open_source_high_availability: str | None  # the open-source edition's level, when failover is a paid feature
    scaling: str
    complexity: int
    managed_complexity: int | None
    complexity_reason: str
    skills: tuple[str, ...]
    adoption: str
    state: str
    state_since: int | None
    successor: str | None
    end_of_life: str | None
    offers: tuple[Offer, ...]
    caps: dict[str, tuple[str, str | None, list[str]]]

    @property
    def single_cloud(self) -> str | None:
        clouds = {c for o in self.offers if o.status != "withdrawn" for c in o.clouds}
        return next(iter(clouds)) if len(clouds) == 1 and not self.self_hosted else None


_VIEWS: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, Tech]] = weakref.WeakKeyDictionary()


def tech_view(g: nx.MultiDiGraph, tech_id: str) -> Tech:
    """Read once per graph and technology (the graph does not change under a recommendation)."""
    cache = _VIEWS.setdefault(g, {})
    if tech_id in cache:
        return cache[tech_id]
    t = G.tech(g, tech_id)
    grouped: dict[str, dict[str, Any]] = {}
    for edge in G.offer_edges(g, tech_id):
        entry = grouped.setdefault(edge["service"], {**edge, "clouds": []})
        entry["clouds"].append(edge["cloud"])
    offers = tuple(Offer(e["service"], e["provider"], tuple(e["clouds"]), e.get("status") or "ga",
                         e.get("complexity"), e.get("high_availability"), bool(e.get("compatible")),
                         bool(e.get("add_on")), tuple(e.get("lacks") or ()))
                   for e in sorted(grouped.values(), key=lambda e: (e.get("order", 0), e["service"])))

    def size(prefix: str) -> tuple[float, float, float, str] | None:
        if t[f"{prefix}_max"] is None:
            return None
        return (t[f"{prefix}_low"], t[f"{prefix}_high"], t[f"{prefix}_max"], t.get(f"{prefix}_ceiling") or "judgement")

    ops = {op: t.get(f"latency_{op.replace('-', '_')}") for op in ("point-read", "write", "analytic-query", "end-to-end")}
    view = Tech(
        id=tech_id, name=t["name"], kind=t.get("tech_kind", "service"), hosted=t.get("hosted", True),
        main_role=t.get("main_role") or t["roles"][0], roles=tuple(t["roles"]), data_models=tuple(t["data_models"]),
        license=t["license"], license_kinds=tuple(t.get("license_kinds") or ()), open_source=t["open_source"],
        permissive=t["permissive"], self_hosted=t["self_hosted"], embedded=t["embedded"],
        languages=tuple(t.get("languages") or ()), runtime=t["runtime"], latency_p99=t["latency_p99"],
        latency={op: v for op, v in ops.items() if v is not None}, volume=size("volume"), throughput=size("throughput"),
        concurrency_max=t["concurrency_max"], retention_max=t.get("retention_max"), in_memory=bool(t.get("in_memory")), consistency=t["consistency"], durability=t["durability"],
        high_availability=t["high_availability"], availability_note=t["availability_note"],
        open_source_high_availability=t.get("high_availability_open_source"), scaling=t["scaling"],
        complexity=t["complexity"], managed_complexity=t["managed_complexity"], complexity_reason=t["complexity_reason"],
        skills=tuple(t["skills"]), adoption=t["adoption"], state=t["state"], state_since=t["state_since"],
        successor=t["successor"], end_of_life=t.get("end_of_life"), offers=offers, caps=G.capabilities(g, tech_id),
    )
    cache[tech_id] = view
    return view


def graph_words(g: nx.MultiDiGraph) -> dict[str, Any]:
    raw = g.graph.get("words")
    return json.loads(raw) if raw else {"skills": [], "skill_family": {}, "language_runtime": {}, "vm_runtimes": [],
                                        "code_roles": [], "keeping_roles": [], "capability_model": {}, "proprietary_licenses": []}
