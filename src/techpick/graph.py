"""Catalog -> capability graph (networkx). The graph is what the engine reasons
over, what the Neo4j backend stores, and what `techpick graph export` writes.

Node keys are "<kind>:<name>" strings; every node carries `kind` and `key`.
Technology nodes carry the catalog facts flattened to plain values (numbers,
strings, booleans, lists of strings) so that Neo4j can hold them unchanged.
Authors write each relation once; inverse edges are derived here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from techpick.catalog import Catalog
from techpick.gcpause import gc_paused
from techpick.models import Operation, Technology

if TYPE_CHECKING:  # networkx is imported by whoever builds a graph: a cached one needs none
    import networkx as nx

# node kinds
TECH, CAPABILITY, ROLE, DATA_MODEL, CLOUD, AREA = "tech", "capability", "role", "data_model", "cloud", "area"
# edge kinds (source -> target)
FILLS = "FILLS"  # tech -> role, rank: 0 for the main role
STORES = "STORES"  # tech -> data model, rank
PROVIDES = "PROVIDES"  # tech -> capability, level
OFFERED_ON = "OFFERED_ON"  # tech -> cloud, service, provider
IN_AREA = "IN_AREA"  # role -> area
IMPLIES = "IMPLIES"  # role -> capability that every need of the role expects
REQUIRES = "REQUIRES"  # tech -> tech, choice: index of the requirement ('a|b' share one)
INTEGRATES_WITH = "INTEGRATES_WITH"  # both directions
ALTERNATIVE_TO = "ALTERNATIVE_TO"  # both directions
PART_OF = "PART_OF"  # component -> bundle
HAS_PART = "HAS_PART"  # bundle -> component (derived)
SUCCEEDED_BY = "SUCCEEDED_BY"  # retired tech -> successor

NODE_KINDS = (TECH, CAPABILITY, ROLE, DATA_MODEL, CLOUD, AREA)
EDGE_KINDS = (FILLS, STORES, PROVIDES, OFFERED_ON, IN_AREA, IMPLIES, REQUIRES, INTEGRATES_WITH, ALTERNATIVE_TO, PART_OF,
              HAS_PART, SUCCEEDED_BY)


def node(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def tech_properties(tech: Technology, catalog: Catalog) -> dict[str, Any]:
    """The facts the engine reads, as plain values (None where unknown)."""
    scale = tech.scale
    vol, tp = scale.volume, scale.throughput
    return {
        "id": tech.id,
        "name": tech.name,
        "aliases": list(tech.aliases),
        "area": catalog.area_of(tech),
        "tech_kind": tech.kind.value,
        "hosted": tech.hosted,
        "main_role": tech.primary_role,
        "roles": list(tech.roles),
        "data_models": list(tech.data_models),
        "license": tech.license.spdx,
        "license_kinds": sorted(set(catalog.vocabulary.license_kinds(tech.license.spdx))),
        "open_source": catalog.is_open_source(tech),
        "permissive": catalog.is_permissive(tech),
        "self_hosted": tech.hosting.self_hosted,
        "embedded": tech.hosting.embedded,
        "latency_p99": scale.latency_p99,
        **{f"latency_{op.value.replace('-', '_')}": scale.latency.get(op) for op in Operation},
        "volume_low": vol.sweet[0] if vol else None,
        "volume_high": vol.sweet[1] if vol else None,
        "volume_max": vol.max if vol else None,
        "volume_ceiling": vol.ceiling.value if vol else None,
        "throughput_low": tp.sweet[0] if tp else None,
        "throughput_high": tp.sweet[1] if tp else None,
        "throughput_max": tp.max if tp else None,
        "throughput_ceiling": tp.ceiling.value if tp else None,
        "concurrency_max": scale.concurrency_max,
        "retention_max": scale.retention_max,
        "in_memory": scale.in_memory,
        "consistency": tech.consistency.value,
        "durability": tech.durability.value,
        "high_availability": tech.availability.high_availability.value,
        "availability_note": tech.availability.note,
        "high_availability_open_source": (tech.availability.open_source.value
                                          if tech.availability.open_source else None),
        "scaling": tech.scaling.value,
        "complexity": tech.operations.complexity,
        "managed_complexity": tech.operations.managed_complexity,
        "complexity_reason": tech.operations.reason,
        "runtime": tech.runtime,
        "skills": list(tech.skills),
        "languages": list(tech.languages),
        "adoption": tech.adoption.value,
        "state": tech.status.state.value,
        "state_since": tech.status.since,
        "successor": tech.status.successor,
        "state_note": tech.status.note,
        "end_of_life": min((e.date for e in tech.events if e.kind.value == "end-of-life" and not e.component),
                           default=None),
        "reviewed": tech.reviewed,
        "avoid_when": list(tech.avoid_when),
        "use_when": list(tech.use_when),
    }


def build_graph(catalog: Catalog) -> nx.MultiDiGraph:
    """The whole catalog as one graph; pure: the catalog is not changed."""
    with gc_paused():
        return _build_graph(catalog)


def _edge_adder(g: nx.MultiDiGraph) -> Callable[..., None]:
    """`g.add_edge(u, v, key=key, **attributes)`, sharing what equal edges hold alike: one
    attributes dict for equal attributes, one key dict ({key: attributes}) for node pairs
    joined by equal edges, and each node's own name as the key of its neighbours. At
    100,000 technologies a dict per edge and per pair took half of the graph's memory.

    The graph fills as add_edge fills it (missing nodes added first; an edge added
    again merges its attributes), but a pair's key dict is replaced, never changed.
    Like a graph loaded from the cache (`techpick.compiled_graph`), its edges are read, never changed.
    """
    attribute_dicts: dict[tuple[Any, ...], dict[str, Any]] = {}
    key_dicts: dict[tuple[Any, ...], dict[str, dict[str, Any]]] = {}
    succ, pred = g._succ, g._pred

    def add(u: str, v: str, key: str, **attributes: Any) -> None:
        for name in (u, v):
            if name not in succ:
                g.add_node(name)
        keydict = succ[u].get(v)
        if keydict is not None and key in keydict:
            attributes = {**keydict[key], **attributes}
        same = tuple((name, type(value), tuple(value) if isinstance(value, list) else value)
                     for name, value in attributes.items())
        attributes = attribute_dicts.setdefault(same, attributes)
        new = {**keydict, key: attributes} if keydict else {key: attributes}
        new = key_dicts.setdefault(tuple((k, id(a)) for k, a in new.items()), new)
        succ[u][v] = pred[v][u] = new

    return add


def _node_names() -> Callable[[str, str], str]:
    """`node`, giving the same string for the same node each time: a neighbour's name is then
    one more reference, not one more string (at 100,000 technologies two million of them)."""
    made: dict[tuple[str, str], str] = {}

    def name(kind: str, key: str) -> str:
        found = made.get((kind, key))
        if found is None:
            found = made[kind, key] = node(kind, key)
        return found

    return name


def _build_graph(catalog: Catalog) -> nx.MultiDiGraph:
    import networkx as nx

    at = _node_names()  # node names, each made once

    vocab = catalog.vocabulary
    # the few vocabulary facts the engine needs about words, as JSON text so that every backend keeps them
    words = {"skills": sorted(vocab.skills),
             "skill_family": {k: s.family for k, s in sorted(vocab.skills.items()) if s.family},
             "language_runtime": {k: s.runtime or k for k, s in sorted(vocab.skills.items()) if s.language},
             "vm_runtimes": sorted(k for k, r in vocab.runtimes.items() if r.vm),
             "code_roles": sorted(k for k, r in vocab.roles.items() if r.code_inside),
             "keeping_roles": sorted(k for k, r in vocab.roles.items() if r.keeps_data),
             "capability_model": {k: c.model for k, c in sorted(vocab.capabilities.items()) if c.model},
             "proprietary_licenses": sorted(k for k, d in vocab.licenses.items() if d.kind == "proprietary")}
    g = nx.MultiDiGraph(digest=catalog.digest, technologies=len(catalog),
                        words=json.dumps(words, sort_keys=True, separators=(",", ":")))
    edge = _edge_adder(g)
    for name, area in vocab.areas.items():
        g.add_node(at(AREA, name), kind=AREA, key=name, meaning=area.meaning)
    for name, role in vocab.roles.items():
        g.add_node(at(ROLE, name), kind=ROLE, key=name, meaning=role.meaning)
        edge(at(ROLE, name), at(AREA, role.area), IN_AREA, kind=IN_AREA)
    for name, model in vocab.data_models.items():
        g.add_node(at(DATA_MODEL, name), kind=DATA_MODEL, key=name, meaning=model.meaning)
    for name, cap in vocab.capabilities.items():
        g.add_node(at(CAPABILITY, name), kind=CAPABILITY, key=name, meaning=cap.meaning, group=cap.kind)
    for name, cloud in vocab.clouds.items():
        g.add_node(at(CLOUD, name), kind=CLOUD, key=name, meaning=cloud.meaning)
    for name, role in vocab.roles.items():
        for cap in role.implies:
            edge(at(ROLE, name), at(CAPABILITY, cap), IMPLIES, kind=IMPLIES)

    for tech in catalog:
        g.add_node(at(TECH, tech.id), kind=TECH, key=tech.id, **tech_properties(tech, catalog))
    for tech in catalog:
        t = at(TECH, tech.id)
        for rank, role in enumerate(tech.roles):
            edge(t, at(ROLE, role), FILLS, kind=FILLS, rank=rank)
        for rank, model in enumerate(tech.data_models):
            edge(t, at(DATA_MODEL, model), STORES, kind=STORES, rank=rank)
        for cap, level in sorted(tech.capabilities.items()):
            edge(t, at(CAPABILITY, cap), PROVIDES, kind=PROVIDES, level=level.value,
                 note=tech.capability_notes.get(cap), via=list(tech.capability_via.get(cap, [])) or None)
        for order, offer in enumerate(tech.hosting.managed):
            for cloud in offer.clouds:
                edge_key = f"{OFFERED_ON}:{offer.service}"
                edge(t, at(CLOUD, cloud), edge_key, kind=OFFERED_ON, service=offer.service,
                     provider=offer.provider, first_party=offer.provider == cloud, order=order,
                     status=offer.status.value, complexity=offer.complexity,
                     high_availability=offer.high_availability.value if offer.high_availability else None,
                     compatible=offer.compatible, add_on=offer.add_on,
                     **({"lacks": list(offer.lacks)} if offer.lacks else {}))
        for choice, options in enumerate(tech.relations.requires):
            for rank, target in enumerate(options.split("|")):
                edge(t, at(TECH, target), f"{REQUIRES}:{choice}", kind=REQUIRES, choice=choice, rank=rank)
        for offer in tech.hosting.managed:  # what a managed offer still needs beside it
            for choice, options in enumerate(offer.requires):
                for rank, target in enumerate(options.split("|")):
                    edge(t, at(TECH, target), f"{REQUIRES}:{offer.service}:{choice}", kind=REQUIRES, choice=choice,
                         rank=rank, offer=offer.service)
        for target in tech.relations.integrates_with:
            edge(t, at(TECH, target), INTEGRATES_WITH, kind=INTEGRATES_WITH)
            edge(at(TECH, target), t, INTEGRATES_WITH, kind=INTEGRATES_WITH)
        for target in tech.relations.alternative_to:
            edge(t, at(TECH, target), ALTERNATIVE_TO, kind=ALTERNATIVE_TO)
            edge(at(TECH, target), t, ALTERNATIVE_TO, kind=ALTERNATIVE_TO)
        for target in tech.relations.part_of:
            edge(t, at(TECH, target), PART_OF, kind=PART_OF)
            edge(at(TECH, target), t, HAS_PART, kind=HAS_PART)
        if tech.status.successor:
            edge(t, at(TECH, tech.status.successor), SUCCEEDED_BY, kind=SUCCEEDED_BY)
    return g


# ---- reading the graph (networkx style: graph first, plain data out) -------

def technologies(g: nx.MultiDiGraph) -> list[str]:
    return sorted(data["key"] for _, data in g.nodes(data=True) if data["kind"] == TECH)


def tech(g: nx.MultiDiGraph, tech_id: str) -> dict[str, Any]:
    return g.nodes[node(TECH, tech_id)]


def with_role(g: nx.MultiDiGraph, role: str) -> list[str]:
    """Ids of technologies that fill a role, sorted."""
    target = node(ROLE, role)
    if target not in g:
        return []
    return sorted(g.nodes[src]["key"] for src, _, kind in g.in_edges(target, keys=True) if kind == FILLS)


def implied(g: nx.MultiDiGraph, role: str) -> list[str]:
    """Capabilities every need of a role expects without saying so."""
    target = node(ROLE, role)
    if target not in g:
        return []
    return sorted(g.nodes[dst]["key"] for _, dst, k in g.out_edges(target, keys=True) if k == IMPLIES)


def capabilities(g: nx.MultiDiGraph, tech_id: str) -> dict[str, tuple[str, str | None, list[str]]]:
    """capability -> (level, note, via) for one technology."""
    out: dict[str, tuple[str, str | None, list[str]]] = {}
    for _, dst, data in g.out_edges(node(TECH, tech_id), data=True):
        if data["kind"] == PROVIDES:
            out[g.nodes[dst]["key"]] = (data["level"], data.get("note"), list(data.get("via") or []))
    return out


def offers(g: nx.MultiDiGraph, tech_id: str) -> list[tuple[str, str, bool]]:
    """(cloud, service, first_party) for every managed offer, sorted."""
    found = {(g.nodes[dst]["key"], data["service"], bool(data["first_party"]))
             for _, dst, data in g.out_edges(node(TECH, tech_id), data=True) if data["kind"] == OFFERED_ON}
    return sorted(found)


def offer_edges(g: nx.MultiDiGraph, tech_id: str) -> list[dict[str, Any]]:
    """Every (offer, cloud) pair with the offer's facts, in the author's order."""
    found = [{"cloud": g.nodes[dst]["key"], **data}
             for _, dst, data in g.out_edges(node(TECH, tech_id), data=True) if data["kind"] == OFFERED_ON]
    return sorted(found, key=lambda e: (e.get("order", 0), e["service"], e["cloud"]))


def related(g: nx.MultiDiGraph, tech_id: str, kind: str) -> list[str]:
    return sorted({g.nodes[dst]["key"] for _, dst, k in g.out_edges(node(TECH, tech_id), keys=True)
                   if k.split(":")[0] == kind})


def requirements(g: nx.MultiDiGraph, tech_id: str, offer: str | None = None) -> list[list[str]]:
    """Direct requirements as choice groups in the author's order of preference:
    [[hdfs], [zookeeper]] or [[cassandra, hbase]]; with `offer`, what that managed offer still needs."""
    groups: dict[int, list[tuple[int, str]]] = {}
    for _, dst, data in g.out_edges(node(TECH, tech_id), data=True):
        if data["kind"] == REQUIRES and data.get("offer") == offer:
            groups.setdefault(data["choice"], []).append((data.get("rank", 0), g.nodes[dst]["key"]))
    return [[name for _, name in sorted(groups[i])] for i in sorted(groups)]


def brought_in(g: nx.MultiDiGraph, tech_id: str, existing: set[str],
               allowed: Callable[[str], bool] | None = None, offer: str | None = None,
               clouds: frozenset[str] = frozenset()) -> list[str]:
    """Everything a technology transitively requires that the team does not run yet (bought as
    `offer`: what that offer still needs, and what those need in turn).

    For a choice ('cassandra|hbase') a running option satisfies it, and so does the
    platform of a cloud the team is on (`clouds`: Beam on Google Cloud runs on
    Dataflow, not on a Flink the team would add); otherwise the first option, the
    author's preferred one, that `allowed` accepts (the need's licence and hosting
    constraints apply to dependencies too).
    """
    def in_place(option: str) -> bool:
        return option in existing or (bool(clouds) and is_platform_of(g, option, clouds))

    seen: set[str] = {tech_id}
    brought: list[str] = []
    stack = [tech_id]
    while stack:
        current = stack.pop()
        for group in requirements(g, current, offer if current == tech_id else None):
            if any(in_place(option) for option in group):
                continue
            fitting = [option for option in group if allowed is None or allowed(option)]
            pick = (fitting or group)[0]
            if pick not in seen:
                seen.add(pick)
                brought.append(pick)
                stack.append(pick)
    return sorted(brought)


def is_platform_of(g: nx.MultiDiGraph, tech_id: str, clouds: frozenset[str]) -> bool:
    """A cloud's own platform entry (Google Cloud for gcp): its offers are the provider's own."""
    name = node(TECH, tech_id)
    if name not in g or g.nodes[name].get("main_role") != "cloud":
        return False
    return any(data.get("first_party") and data.get("provider") in clouds for data in offer_edges(g, tech_id))


def to_json(g: nx.MultiDiGraph) -> str:
    """Nodes and edges as stable JSON (sorted), for export and comparison."""
    nodes = [{"node": n, **{k: v for k, v in sorted(d.items())}} for n, d in sorted(g.nodes(data=True))]
    edges = sorted(
        ({"source": s, "target": t, **{k: v for k, v in sorted(d.items())}} for s, t, d in g.edges(data=True)),
        key=lambda e: (e["source"], e["target"], e["kind"], json.dumps(e, sort_keys=True)),
    )
    return json.dumps({"graph": dict(sorted(g.graph.items())), "nodes": nodes, "edges": edges},
                      indent=1, sort_keys=False, ensure_ascii=False)
