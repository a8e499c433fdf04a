"""The page of one technology: facts, capabilities, when to use it, relations with a
neighbourhood diagram, status history, sources and a citation card; and the
search words and boost its front matter carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx

from techpick import facts
from techpick import graph as G
from techpick.catalog import Catalog
from techpick.escape import mermaid_label
from techpick.models import ManagedOffer, Technology
from techpick.search import SINK, vocabulary_words
from techpick.site_common import (
    IDENTITY_REPEAT,
    LEVEL_MARK,
    as_title,
    attr,
    badge,
    ext_link,
    front_matter,
    hosting_text,
    latency_text,
    licence_html,
    ops_text,
    range_text,
    rel,
    role_page,
    tech_page,
    tech_ref,
    text,
)
from techpick.site_exports import PAGE as DOWNLOADS
from techpick.site_exports import citation_card
from techpick.units import format_throughput

STATE_ADMONITION = {"maintenance": "warning", "deprecated": "danger", "retired": "danger", "archived": "danger"}
TECH_BOOST = 2.0
DIAGRAM_NEIGHBOURS = 9


# ---- the capability graph, read only ----------------------------------------

def _incoming(g: nx.MultiDiGraph, tech_id: str, kind: str) -> list[str]:
    """Ids of technologies with an edge of this kind into the technology (derived inverses)."""
    target = G.node(G.TECH, tech_id)
    return sorted({g.nodes[src]["key"] for src, _, key in g.in_edges(target, keys=True)
                   if key.split(":")[0] == kind})


def relations(g: nx.MultiDiGraph, tech_id: str) -> list[tuple[str, list[list[str]]]]:
    """(label, groups of ids) for every relation of a technology, both directions."""
    rows: list[tuple[str, list[list[str]]]] = [
        ("Requires", G.requirements(g, tech_id)),
        ("Required by", [[i] for i in _incoming(g, tech_id, G.REQUIRES)]),
        ("Succeeded by", [[i] for i in G.related(g, tech_id, G.SUCCEEDED_BY)]),
        ("Successor of", [[i] for i in _incoming(g, tech_id, G.SUCCEEDED_BY)]),
        ("Part of", [[i] for i in G.related(g, tech_id, G.PART_OF)]),
        ("Has parts", [[i] for i in G.related(g, tech_id, G.HAS_PART)]),
        ("Alternative to", [[i] for i in G.related(g, tech_id, G.ALTERNATIVE_TO)]),
        ("Integrates with", [[i] for i in G.related(g, tech_id, G.INTEGRATES_WITH)]),
    ]
    return [(label, groups) for label, groups in rows if groups]


_EDGE = {
    "Requires": ("self", "-->", "requires"),
    "Required by": ("other", "-->", "requires"),
    "Succeeded by": ("self", "==>", "succeeded by"),
    "Successor of": ("other", "==>", "succeeded by"),
    "Part of": ("self", "-->", "part of"),
    "Has parts": ("other", "-->", "part of"),
    "Alternative to": ("self", "-.-", "alternative"),
    "Integrates with": ("self", "---", "integrates"),
}


def diagram(catalog: Catalog, g: nx.MultiDiGraph, tech: Technology) -> tuple[str, int]:
    """A Mermaid flowchart of the technology's neighbourhood, and how many neighbours were left out."""
    lines = ["flowchart LR", f"  t0[{mermaid_label(tech.name)}]:::self"]
    ids: dict[str, str] = {tech.id: "t0"}
    shown = 0
    left_out = 0
    for label, groups in relations(g, tech.id):
        side, arrow, word = _EDGE[label]
        for group in groups:
            for other in group:
                if other in ids and other != tech.id:
                    continue
                if shown >= DIAGRAM_NEIGHBOURS:
                    left_out += 1
                    continue
                node = f"t{len(ids)}"
                ids[other] = node
                shown += 1
                name = mermaid_label(catalog.by_id[other].name)
                word_here = word + (" (one of)" if len(group) > 1 else "")
                if side == "self":
                    lines.append(f"  t0 {arrow}|{mermaid_label(word_here)}| {node}[{name}]")
                else:
                    lines.append(f"  {node}[{name}] {arrow}|{mermaid_label(word_here)}| t0")
    lines.append("  classDef self stroke-width:3px")
    return "\n".join(lines), left_out


# ---- the page ----------------------------------------------------------------

def technology(catalog: Catalog, g: nx.MultiDiGraph, tech: Technology, boost: float = TECH_BOOST) -> str:
    """The page of one technology: facts, capabilities, when to use, relations, sources."""
    page = tech_page(tech.id)
    v = catalog.vocabulary
    state = tech.status.state.value
    first = re.split(r"(?<=[.!?])\s", " ".join(tech.description.split()), maxsplit=1)[0]
    out = [front_matter(
        title=attr(tech.name),
        description=attr(first),
        tags=[attr(t) for t in _search_words(catalog, tech)],
        search={"boost": boost},
        hide=["navigation"],
    )]
    out.append(_breadcrumbs(catalog, page, tech))
    out.append(f"# {text(tech.name)}{badge(state)}\n")
    if state != "active":
        since = f" since {tech.status.since}" if tech.status.since else ""
        out.append(f'!!! {STATE_ADMONITION[state]} "{as_title(state)}{since}"\n')
        meaning = v.scales.get("status", {}).get(state)
        if meaning:
            out.append(f"    {text(meaning)}\n")
        if tech.status.note:
            out.append(f"    {text(tech.status.note)}\n")
        successor = catalog.by_id.get(tech.status.successor or "")
        if successor:
            out.append(f"    For new work use {tech_ref(page, successor)}.\n")
    out.append(f"{text(tech.description)}\n")
    names = [f"`{attr(a)}`" for a in tech.aliases]
    ident = f"Id `{tech.id}`" + (f", also known as {', '.join(names)}" if names else "")
    out.append(f"{ident} · {ext_link(tech.homepage, 'homepage')} · "
               f"catalog file `{attr(catalog.area_of(tech) or tech.roles[0])}/{tech.id}.yaml`\n")

    out.append("## Facts\n")
    out.append("| fact | value |\n| --- | --- |")
    roles = ", ".join(f"[{as_title(r)}]({rel(page, role_page(r))})" for r in tech.roles if r in v.roles)
    status = text(as_title(state) + (f" since {tech.status.since}" if tech.status.since else ""))
    if tech.events:  # oldest first: the last one is the latest dated change
        last = tech.events[-1]
        part = f" ({text(last.component)})" if last.component else ""
        status += (f"; latest change {text(last.date)}: {text(as_title(last.kind.value).lower())}{part} "
                   f"([status history](#status-history))")
    rows = [
        ("Roles", roles),
        ("Data models", text(", ".join(tech.data_models) or "–")),
        ("Licence", licence_html(catalog, tech) + (f"<br>{text(tech.license.note)}" if tech.license.note else "")),
        ("Hosting", hosting_text(catalog, tech)),
        ("Latency p99", text(latency_text(tech))),
        ("Volume", range_text(tech.scale.volume, facts.volume)),
        ("Throughput", range_text(tech.scale.throughput, format_throughput)),
        ("Concurrency", text(facts.concurrency(tech))),
        *([("Retention", text(facts.retention_limit(tech)))] if tech.scale.retention_max else []),
        ("Consistency", text(tech.consistency.value)),
        ("Durability", text(tech.durability.value)),
        ("High availability", text(tech.availability.high_availability.value)
         + (f": {text(tech.availability.note)}" if tech.availability.note else "")),
        ("Scaling", text(tech.scaling.value)),
        ("Operations", f"{ops_text(tech)}: {text(tech.operations.reason)}"
         + (f" Smallest HA deployment: {facts.ha_nodes(tech)}." if tech.operations.min_nodes_ha else "")),
        ("Runtime", text(tech.runtime)),
        ("Skills", text(", ".join(tech.skills) or "–")),
        ("Adoption", text(tech.adoption.value)),
        ("Status", status),
        ("Facts last reviewed", text(tech.reviewed) if tech.reviewed else "not recorded"),
        ("Basis of the figures", text(tech.scale.basis) + " See [Sources](#sources)."),
    ]
    out += [f"| {k} | {val} |" for k, val in rows]
    out.append("")

    if tech.hosting.managed:
        out.append("## Managed offers\n")
        out.append("| service | provider | clouds | to know |\n| --- | --- | --- | --- |")
        for offer in tech.hosting.managed:
            out.append(f"| {ext_link(offer.url, text(offer.service))} | {text(offer.provider)} | "
                       f"{text(', '.join(offer.clouds))} | {_offer_facts(offer)} |")
        out.append("")

    if tech.capabilities:
        out.append("## Capabilities\n")
        out.append("| capability | level | note |\n| --- | --- | --- |")
        for cap, level in sorted(tech.capabilities.items()):
            note = tech.capability_notes.get(cap)
            out.append(f"| [{text(cap)}]({rel(page, 'capabilities.md#' + cap)}) | {_level(level.value)} | "
                       f"{text(note) if note else ''} |")
        out.append("")

    out.append("## When to use\n")
    out += [f"- {text(u)}" for u in tech.use_when] + [""]
    out.append("## When not to use\n")
    out += [f"- {text(a)}" for a in tech.avoid_when] + [""]

    rels = relations(g, tech.id)
    out.append("## Relations\n")
    if rels:
        for label, groups in rels:
            items = [" or ".join(tech_ref(page, catalog.by_id[i]) for i in group) for group in groups]
            out.append(f"- **{label}:** " + ", ".join(items))
        chart, left_out = diagram(catalog, g, tech)
        out += ["", "```mermaid", chart, "```", ""]
        if left_out:
            out.append(f"The diagram leaves out {left_out} more; the list above has them all.\n")
    else:
        out.append("No relations recorded in the catalog.\n")

    if tech.events:
        out.append("## Status history\n")
        for event in tech.events:
            part = f" ({text(event.component)})" if event.component else ""
            out.append(f"- **{text(event.date)}** {text(as_title(event.kind.value).lower())}{part}: {text(event.note)} "
                       f"{ext_link(event.source, 'source')}")
        out.append("")

    out.append("## Sources\n")
    for number, source in enumerate(tech.sources, 1):
        label = text(source.title or source.url)
        backs = f" — backs {text(', '.join(source.supports))}" if source.supports else ""
        out.append(f"{number}. {ext_link(source.url, label)}{backs}")
    out.append("")
    out.append(f"The entry itself: `{attr(catalog.area_of(tech) or tech.roles[0])}/{tech.id}.yaml` in the catalog.\n")
    out += ["## Cite it\n", "To name it in a decision record, paste this card (the copy button is at its top "
            "right); the whole catalog is on [Downloads](" + rel(page, DOWNLOADS) + ").\n",
            '<div class="tp-cite" markdown="1">\n', "```text", citation_card(catalog, tech), "```\n", "</div>\n"]
    return "\n".join(out)


def _breadcrumbs(catalog: Catalog, page: str, tech: Technology) -> str:
    """Technologies › its main role › its name: the way back from a technology to its neighbours."""
    role_id = tech.primary_role
    trail = [f"[Technologies]({rel(page, 'tech/index.md')})"]
    if role_id in catalog.vocabulary.roles:
        trail.append(f"[{as_title(role_id)}]({rel(page, role_page(role_id))})")
    return " › ".join([*trail, text(tech.name)]) + "\n{ .tp-breadcrumbs }\n"


def _level(level: str) -> str:
    return (f'<span class="tp-nowrap"><span class="tp-level tp-level--{level}" title="{level}">{LEVEL_MARK[level]}'
            f"</span> {level}</span>")


def _search_words(catalog: Catalog, tech: Technology) -> list[str]:
    """The words the search weighs most for this page (front-matter tags).

    Words of its names, aliases and keywords, split as the search splits
    them, each counted once so that a long keyword list does not outweigh a
    name; the id counts IDENTITY_REPEAT times more. Then the words of each of
    its roles, data models and native capabilities (the word, its Russian
    name, its synonyms), once per vocabulary word: a word that several of
    them share ("store" on a column store) counts that many times. A word
    that is another entry's id or alias ("kafka" on Kafka Streams, "spark" on
    Spark Structured Streaming) says what the entry works with, not what it
    is: left in, it would pull the page above that entry's own when someone
    searches for it.
    """
    own = {tech.id, *tech.aliases}
    others = {name for name in catalog.known_names() if name not in own}

    def split(phrases: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(w for p in phrases for w in re.split(r"[\s\-]+", p.lower()) if w and w not in others))

    identity = [w for w in re.split(r"[\s\-]+", tech.id) if w not in others]
    words = split([tech.name, tech.id, *tech.aliases, *tech.keywords])
    for phrases in vocabulary_words(catalog, tech).values():
        words += split(phrases)
    return identity * IDENTITY_REPEAT + words


def search_boosts(catalog: Catalog) -> dict[str, float]:
    """The search boost of each technology page: retired and archived entries sink (search.SINK).

    An exact word outranks a longer word it begins ("redis" before "redisgraph")
    through the query itself: assets/search-typos.js adds each word once more,
    boosted, without the prefix wildcard Material gives it."""
    return {tech.id: round(TECH_BOOST * SINK.get(tech.status.state.value, 1.0), 3) for tech in catalog}


def _offer_facts(offer: ManagedOffer) -> str:
    """What a buyer must know of one offer beyond its name: status, failover, what it still needs, what it leaves out."""
    facts = []
    if offer.status.value != "ga":
        facts.append(offer.status.value)
    if offer.high_availability is not None:
        facts.append(f"failover: {offer.high_availability.value}")
    if offer.add_on:
        facts.append("an add-on to another service of the provider")
    if offer.requires:
        facts.append("needs beside it: " + "; ".join(" or ".join(choice.split("|")) for choice in offer.requires))
    if offer.lacks:
        facts.append("lacks " + ", ".join(offer.lacks))
    if offer.note:
        facts.append(offer.note)
    return text(". ".join(facts))
