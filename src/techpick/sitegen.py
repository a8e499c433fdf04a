"""(catalog, knowledge base, hand-written site sources) -> the files of the docs site.

Pure: no I/O. `generate` returns relative path -> text for a folder that MkDocs
with Material, or Zensical, builds as it is: `mkdocs.yml` plus `docs/...`.
Nothing here runs inside MkDocs (no hooks, no plugins but Material's search).

Every piece of catalog text is escaped on its way into Markdown or HTML
(`text`, `attr`), so a description that contains markup shows as text.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from techpick import graph as G
from techpick.catalog import Catalog
from techpick.compare import site_data
from techpick.escape import html_attr, markdown, mermaid_label
from techpick import facts
from techpick.kb import rewrite_links, title_of
from techpick.models import Technology
from techpick.schemas import json_schema
from techpick.search import SINK, vocabulary_words
from techpick.radar import Radar
from techpick.site_exports import PAGE as DOWNLOADS
from techpick.site_exports import citation_card, export_files
from techpick.site_matrix import matrix_page
from techpick.site_radar import MATURITY_PAGE, TEAM_PAGE, radar_pages
from techpick.site_tables import ordinal, valued, wide
from techpick.units import LATENCY_FORM, THROUGHPUT_FORM, VOLUME_FORM, format_throughput

DOCS = "docs"
INDEX_JSON = "index.json"
COMPARE_JSON = "compare.json"
SCHEMA_FILES = {"reqs": "reqs", "catalog": "technology", "vocabulary": "vocabulary"}
"""`techpick schema <what>` -> the published file `schemas/<name>.schema.json`."""
OVERVIEW_MARKER = "<!-- techpick:overview -->"
STATE_ADMONITION = {"maintenance": "warning", "deprecated": "danger", "retired": "danger", "archived": "danger"}
LEVEL_MARK = {"native": "●", "extension": "◑", "partial": "◔"}
LEVEL_ORDER = tuple(LEVEL_MARK)
"""Capability levels from most to least: a capability column sorts native first."""
TECH_BOOST = 2.0
IDENTITY_REPEAT = 2
"""The id is a search word this many times more than any other word: an exact name beats a prefix."""
ROLE_BOOST = 1.5
ROLE_PAGE_BOOST = 3.0
"""Role pages above any one of their technologies for the role's own words ("queue", "база данных")."""
DIAGRAM_NEIGHBOURS = 9
ROLE_GROUP_MIN = 13
"""Roles with at least this many technologies get one comparison per main data model."""



# ---- escaping (techpick.escape: one function per format) -------------------

text = markdown
"""Catalog text for Markdown: one line, HTML and Markdown markup shown as text."""
attr = html_attr
"""Catalog text for an HTML attribute value or a raw HTML context."""


def ext_link(url: str | None, label: str) -> str:
    """An outside link; `label` is already escaped. Anything but http(s) stays unlinked."""
    if not url or not re.match(r"^https?://[^\s]+$", url):
        return label
    return f'<a href="{attr(url)}" rel="nofollow noopener">{label}</a>'


def front_matter(**fields: Any) -> str:
    """YAML front matter; every value JSON-encoded (JSON is YAML), titles HTML-escaped by the caller."""
    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines + ["---", ""])


ACRONYMS = {"ci": "CI", "cd": "CD", "sql": "SQL", "cdc": "CDC", "ttl": "TTL", "rbac": "RBAC", "ui": "UI",
            "jvm": "JVM", "api": "API"}
TITLES = {"ci-cd": "CI/CD"}


def _words(value: str) -> str:
    """A vocabulary word as a title: `batch-processing` -> `Batch processing`, `ci-cd` -> `CI/CD`."""
    if value in TITLES:
        return TITLES[value]
    parts = [ACRONYMS.get(part, part) for part in value.split("-")]
    return " ".join(parts)[:1].upper() + " ".join(parts)[1:]


# ---- paths -----------------------------------------------------------------

def tech_page(tech_id: str) -> str:
    return f"tech/{tech_id}.md"


def role_page(role: str) -> str:
    return f"roles/{role}.md"


def area_page(area: str) -> str:
    return f"areas/{area}.md"


def tech_url(tech_id: str) -> str:
    """The published URL of a technology page, relative to the site root (stable: ends in the id)."""
    return f"tech/{tech_id}/"


def rel(source: str, target: str) -> str:
    """A Markdown link from one docs page to another, relative, as MkDocs checks it."""
    target_path, _, anchor = target.partition("#")
    link = posixpath.relpath(target_path, posixpath.dirname(source) or ".")
    return link + (f"#{anchor}" if anchor else "")


# ---- formatting facts ------------------------------------------------------

def _range(rng: Any, fmt: Any, sep: str = ", ") -> str:
    """`100 GB–1 PB, max 10 PB` (facts.sweet_range): the sweet spot, then the ceiling. `sep` is already Markdown."""
    if rng is None:
        return facts.NONE
    return text(facts.sweet_range(rng, fmt)).replace(", max", f"{sep}max", 1)


def _latency(tech: Technology) -> str:
    return facts.latency(tech.scale.latency_p99)


def badge(state: str) -> str:
    """A visible marker for a technology that is not actively developed."""
    if state == "active":
        return ""
    return f' <span class="tp-badge tp-badge--{attr(state)}">{attr(state)}</span>'


def tech_ref(source: str, tech: Technology) -> str:
    """A link to a technology page, with its status badge."""
    return f"[{text(tech.name)}]({rel(source, tech_page(tech.id))}){badge(tech.status.state.value)}"


def _licence(catalog: Catalog, tech: Technology) -> str:
    """The licence in words, its SPDX id as a tooltip (facts.licence)."""
    return (f'<abbr title="{attr(tech.license.spdx)}">{attr(facts.licence_words(catalog, tech))}</abbr> '
            f"({attr(facts.licence_kind(catalog, tech))})")


def _hosting(catalog: Catalog, tech: Technology) -> str:
    return text(facts.hosting(catalog, tech))


def _ops(tech: Technology) -> str:
    return text(facts.complexity(tech))


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


# ---- pages -----------------------------------------------------------------

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
        out.append(f'!!! {STATE_ADMONITION[state]} "{_words(state)}{since}"\n')
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
    roles = ", ".join(f"[{_words(r)}]({rel(page, role_page(r))})" for r in tech.roles if r in v.roles)
    status = _words(state) + (f" since {tech.status.since}" if tech.status.since else "")
    rows = [
        ("Roles", roles),
        ("Data models", text(", ".join(tech.data_models) or "–")),
        ("Licence", _licence(catalog, tech) + (f"<br>{text(tech.license.note)}" if tech.license.note else "")),
        ("Hosting", _hosting(catalog, tech)),
        ("Latency p99", text(_latency(tech))),
        ("Volume", _range(tech.scale.volume, facts.volume)),
        ("Throughput", _range(tech.scale.throughput, format_throughput)),
        ("Concurrency", text(facts.concurrency(tech))),
        ("Consistency", text(tech.consistency.value)),
        ("Durability", text(tech.durability.value)),
        ("High availability", text(tech.availability.high_availability.value)
         + (f": {text(tech.availability.note)}" if tech.availability.note else "")),
        ("Scaling", text(tech.scaling.value)),
        ("Operations", f"{_ops(tech)}: {text(tech.operations.reason)}"
         + (f" Smallest HA deployment: {facts.ha_nodes(tech)}." if tech.operations.min_nodes_ha else "")),
        ("Runtime", text(tech.runtime)),
        ("Skills", text(", ".join(tech.skills) or "–")),
        ("Adoption", text(tech.adoption.value)),
        ("Status", text(status)),
        ("Facts last reviewed", text(tech.reviewed) if tech.reviewed else "not recorded"),
        ("Basis of the figures", text(tech.scale.basis) + " See [Sources](#sources)."),
    ]
    out += [f"| {k} | {val} |" for k, val in rows]
    out.append("")

    if tech.hosting.managed:
        out.append("## Managed offers\n")
        out.append("| service | provider | clouds |\n| --- | --- | --- |")
        for offer in tech.hosting.managed:
            out.append(f"| {ext_link(offer.url, text(offer.service))} | {text(offer.provider)} | "
                       f"{text(', '.join(offer.clouds))} |")
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
            out.append(f"- **{text(event.date)}** {text(_words(event.kind.value).lower())}{part}: {text(event.note)} "
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
        trail.append(f"[{_words(role_id)}]({rel(page, role_page(role_id))})")
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


def _caption(catalog: Catalog) -> str:
    digest = catalog.digest.removeprefix("sha256:")[:12] or "unknown"
    return (f'!!! info "Where these facts come from"\n    Compiled from the catalog entries of the technologies '
            f"listed (catalog digest `{digest}`); each technology's page lists the sources behind its facts.\n")


def role(catalog: Catalog, role_id: str) -> str:
    """A role's page: what it means, and comparison tables of its technologies."""
    page = role_page(role_id)
    v = catalog.vocabulary
    members = catalog.with_role(role_id)
    meaning = v.roles[role_id].meaning
    groups: list[tuple[str | None, list[Technology]]] = [(None, members)]
    models = sorted({t.data_models[0] for t in members if t.data_models})
    if len(members) >= ROLE_GROUP_MIN and len(models) > 1:
        groups = [(m, [t for t in members if t.data_models and t.data_models[0] == m]) for m in models]
        rest = [t for t in members if not t.data_models]
        if rest:
            groups.append(("no data model", rest))
    grouped = len(groups) > 1
    out = [front_matter(title=_words(role_id), description=attr(meaning), tags=_role_words(catalog, role_id),
                        search={"boost": ROLE_PAGE_BOOST}, hide=None if grouped else ["toc"])]
    out.append(f"# {_words(role_id)}\n")
    area = v.roles[role_id].area
    out.append(f"{text(meaning)} Area: [{_words(area)}]({rel(page, area_page(area))}). "
               f"{len(members)} technologies.\n")
    if not members:
        out.append("The catalog has no technology in this role yet.\n")
        return "\n".join(out)
    if grouped:
        out.append("Grouped by main data model; the contents (also in the side bar on a wide screen):\n")
        out += [f"- [{_words(m or '')}](#{_slug(m or '')}) ({len(techs)})" for m, techs in groups]
        out.append("")
    out.append("Click a column's heading to sort the table by it, again to reverse; wide tables scroll sideways "
               "with the technology column kept in view.\n")
    for model, techs in groups:
        level = "###" if model else "##"
        if model:
            out.append(f"## {_words(model)}\n")
            if model in v.data_models:
                out.append(f"{text(v.data_models[model].meaning)}\n")
        out += _comparison(catalog, page, techs, level)
    out.append(_caption(catalog))
    return "\n".join(out)


def _role_words(catalog: Catalog, role_id: str) -> list[str]:
    """A role page's search words: the role, its Russian name and the synonyms
    that mean it (but not a technology's name: "k8s" is Kubernetes's page, not
    the orchestration role's), repeated as a technology's id is."""
    names = set(catalog.known_names())
    said = [k for k, word in sorted(catalog.vocabulary.synonyms.get("role", {}).items())
            if word == role_id and k not in names]

    def split(phrase: str) -> list[str]:
        return [w for w in re.split(r"[\s\-]+", phrase.lower()) if w and w not in names]

    own = split(role_id) + split(catalog.vocabulary.roles[role_id].ru or "")
    return [attr(w) for w in list(dict.fromkeys(own + [w for p in said for w in split(p)])) * (IDENTITY_REPEAT + 1)]


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def _comparison(catalog: Catalog, page: str, techs: list[Technology], level: str) -> list[str]:
    """Fit and scale, cost of ownership, and the capabilities that differ between them.

    Each table scrolls sideways in its own box with the technology column
    kept in view; cells whose words do not sort as text carry their value
    (site_tables), so assets/tables.js sorts "5 ms" before "10 ms".
    """
    out = [f"{level} Fit and scale\n"]
    rows = ["| technology | data models | latency p99 | volume | throughput | consistency | HA | scaling |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for t in techs:
        volume, throughput = t.scale.volume, t.scale.throughput
        rows.append(f"| {tech_ref(page, t)} | {text(', '.join(t.data_models) or '–')} | "
                    f"{valued(text(_latency(t)), t.scale.latency_p99)} | "
                    f"{valued(_range(volume, facts.volume, '<br>'), volume.sweet[1] if volume else None)} | "
                    f"{valued(_range(throughput, format_throughput, '<br>'), throughput.sweet[1] if throughput else None)} | "
                    f"{ordinal(text(t.consistency.value), t.consistency)} | "
                    f"{ordinal(text(t.availability.high_availability.value), t.availability.high_availability)} | "
                    f"{ordinal(text(t.scaling.value), t.scaling)} |")
    out += wide(rows)
    out.append(f"{level} Cost of ownership\n")
    rows = ["| technology | operations | licence | hosting | runtime | adoption | status |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for t in techs:
        status = t.status.state.value + (f" {t.status.since}" if t.status.since and t.status.state.value != "active"
                                         else "")
        rows.append(f"| {tech_ref(page, t)} | {valued(_ops(t), t.operations.complexity)} | {_licence(catalog, t)} | "
                    f"{_hosting(catalog, t)} | {text(t.runtime)} | {ordinal(text(t.adoption.value), t.adoption)} | "
                    f"{ordinal(text(status), t.status.state)} |")
    out += wide(rows)
    counts: dict[str, int] = {}
    for t in techs:
        for cap in t.capabilities:
            counts[cap] = counts.get(cap, 0) + 1
    deciding = sorted((c for c, n in counts.items() if len(techs) == 1 or n < len(techs)),
                      key=lambda c: (-counts[c], c))[:14]
    common = sorted(c for c, n in counts.items() if n == len(techs) and len(techs) > 1)
    if deciding:
        out.append(f"{level} Capabilities that differ\n")
        rows = ["| technology | " + " | ".join(f"[{text(c)}]({rel(page, 'capabilities.md#' + c)})" for c in deciding)
                + " |", "| --- |" + " :-: |" * len(deciding)]
        for t in techs:
            cells = [valued(_mark(t.capabilities[c].value), LEVEL_ORDER.index(t.capabilities[c].value))
                     if c in t.capabilities else valued("", len(LEVEL_ORDER)) for c in deciding]
            rows.append(f"| {tech_ref(page, t)} | " + " | ".join(cells) + " |")
        out += wide(rows)
        out.append(f"{LEGEND}" + (f" All of them offer: {text(', '.join(common))}." if common else "") + "\n")
    return out


LEGEND = "● native · ◑ through an extension · ◔ partial · empty: not offered."


def _mark(level: str) -> str:
    return f'<span class="tp-level tp-level--{level}" title="{level}">{LEVEL_MARK[level]}</span>'


def area(catalog: Catalog, area_id: str) -> str:
    """An area's page: its roles and the technologies that fill them."""
    page = area_page(area_id)
    v = catalog.vocabulary
    out = [front_matter(title=_words(area_id), description=attr(v.areas[area_id].meaning),
                        search={"boost": ROLE_BOOST})]
    out.append(f"# {_words(area_id)}\n")
    out.append(f"{text(v.areas[area_id].meaning)}\n")
    for role_id, role_def in v.roles.items():
        if role_def.area != area_id:
            continue
        members = catalog.with_role(role_id)
        out.append(f"## [{_words(role_id)}]({rel(page, role_page(role_id))})\n")
        out.append(f"{text(role_def.meaning)}\n")
        if members:
            out.append(", ".join(tech_ref(page, t) for t in members) + "\n")
        else:
            out.append("No technology in this role yet.\n")
    out.append(_caption(catalog))
    return "\n".join(out)


def technologies_index(catalog: Catalog) -> str:
    """Every technology, by area and role: the landscape."""
    page = "tech/index.md"
    v = catalog.vocabulary
    out = [front_matter(title="Technologies", search={"boost": ROLE_BOOST}), "# Technologies\n",
           f"{len(catalog)} technologies, by area and by the role they fill. A technology that fills several "
           f"roles appears under each. Compare them on the role pages, or narrow them down on "
           f"[Find]({rel(page, 'find.md')}).\n"]
    for area_id, area_def in v.areas.items():
        out.append(f"## [{_words(area_id)}]({rel(page, area_page(area_id))})\n")
        out.append(f"{text(area_def.meaning)}\n")
        for role_id, role_def in v.roles.items():
            if role_def.area != area_id:
                continue
            members = catalog.with_role(role_id)
            links = ", ".join(tech_ref(page, t) for t in members) or "none yet"
            out.append(f"- **[{_words(role_id)}]({rel(page, role_page(role_id))})** ({len(members)}): {links}")
        out.append("")
    return "\n".join(out)


def capabilities(catalog: Catalog) -> str:
    """The capability matrix (site_matrix): every technology against every capability, filterable."""
    return matrix_page(catalog, LEGEND, _caption(catalog))


def compare_page() -> str:
    """The compare page: assets/compare.js puts the technologies named in its address side by side
    from compare.json, the values `techpick compare` prints."""
    return "\n".join([
        front_matter(title="Compare", description="Technologies side by side, differences first.",
                     search={"exclude": True}, hide=["navigation", "toc"]),
        "# Compare\n",
        "Tick two to five technologies on [Find](find.md) or on a role page, then open *Compare*. "
        "The rows where they differ come first; the address holds the choice, so the page can be shared. "
        "The same table in a terminal: `techpick compare kafka rabbitmq pulsar`.\n",
        '<div id="tp-compare" class="tp-app" markdown="0">',
        "<noscript>This page needs JavaScript; <code>techpick compare</code> prints the same table.</noscript>",
        "</div>\n",
    ])


def home(catalog: Catalog, source: str) -> str:
    """The hand-written home page with the generated overview put in at its marker."""
    page = "index.md"
    v = catalog.vocabulary
    cards = ['<div class="grid cards" markdown>\n']
    for area_id, area_def in v.areas.items():
        roles = [r for r, d in v.roles.items() if d.area == area_id]
        count = len({t.id for r in roles for t in catalog.with_role(r)})
        cards.append(f"-   **[{_words(area_id)}]({rel(page, area_page(area_id))})** · {count} technologies\n\n"
                     f"    ---\n\n    {text(area_def.meaning)}\n\n    "
                     + ", ".join(f"[{_words(r)}]({rel(page, role_page(r))})" for r in roles) + "\n")
    cards.append("</div>\n")
    inactive = [t for t in catalog if t.status.state.value != "active"]
    overview = (f"The catalog holds **{len(catalog)} technologies** in {len(v.roles)} roles, "
                f"{len(v.capabilities)} capabilities and {len(inactive)} technologies marked as no longer "
                f"actively developed.\n\n" + "\n".join(cards))
    body = source if OVERVIEW_MARKER in source else source.rstrip() + "\n\n" + OVERVIEW_MARKER + "\n"
    return body.replace(OVERVIEW_MARKER, overview)


# ---- knowledge base --------------------------------------------------------

def kb_pages(catalog: Catalog, pages: Mapping[str, str]) -> dict[str, str]:
    """Knowledge-base pages under kb/, with `tech:<id>` links pointing at the technology pages.

    A link to a technology this catalog lacks (the shipped guides over a
    team's own catalog) keeps its words and loses the link.
    """
    out: dict[str, str] = {}
    for path, body in pages.items():
        page = f"kb/{path}"

        def target(tech_id: str, page: str = page) -> str | None:
            resolved = catalog.resolve(tech_id)
            return rel(page, tech_page(resolved)) if resolved else None

        out[page] = rewrite_links(body, target)
    if "index.md" not in pages:
        out["kb/index.md"] = kb_index(pages)
    return out


def kb_index(pages: Mapping[str, str]) -> str:
    lines = [front_matter(title="Knowledge base"), "# Knowledge base\n",
             "Principles, decision guides and a glossary: how to choose, and why.\n"]
    folders: dict[str, list[str]] = {}
    for path in sorted(pages):
        folders.setdefault(posixpath.dirname(path), []).append(path)
    for folder, paths in sorted(folders.items()):
        if folder:
            lines.append(f"\n## {_words(posixpath.basename(folder))}\n")
        for path in paths:
            lines.append(f"- [{title_of(pages[path], _words(posixpath.basename(path)[:-3]))}]({path})")
    return "\n".join(lines) + "\n"


# ---- reference -------------------------------------------------------------

def _schema_rows(schema: dict[str, Any], name: str) -> list[str]:
    defs = schema.get("$defs", {})
    model = schema if name == "" else defs[name]
    required = set(model.get("required", []))
    rows = ["| field | type | required | default | meaning |", "| --- | --- | --- | --- | --- |"]
    for field, spec in model.get("properties", {}).items():
        default = json.dumps(spec["default"]) if "default" in spec and spec["default"] not in ([], {}) else ""
        rows.append(f"| `{field}` | {text(_type(spec, defs))} | {'yes' if field in required else ''} | "
                    f"{text(default)} | {text(spec.get('description', ''))} |")
    return rows + [""]


def _type(spec: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in spec:
        target = defs.get(spec["$ref"].rsplit("/", 1)[-1], {})
        if "enum" in target:
            return " | ".join(str(e) for e in target["enum"])
        return spec["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in spec:
        return " | ".join(_type(s, defs) for s in spec["anyOf"] if s.get("type") != "null") + " (or null)"
    if "enum" in spec:
        return " | ".join(str(e) for e in spec["enum"])
    if "const" in spec:
        return json.dumps(spec["const"])
    if spec.get("type") == "array":
        return f"list of {_type(spec.get('items', {}), defs)}"
    if spec.get("type") == "object":
        return "mapping"
    return str(spec.get("type", "any"))


REQS_EXAMPLE = """\
# yaml-language-server: $schema={schema}
version: 1
name: Online shop back end
constraints:
  license: open-source        # any | open-source | permissive
  hosting: self-hosted        # any | self-hosted | managed
context:
  existing: [postgresql]      # reused when they fit
  skills: [python, sql]
  team_size: 4
needs:
  - id: orders-db
    role: storage
    data_model: relational
    access: [transactions, joins]
    latency: 10ms
    volume: 200GB
    throughput: 2k/s
    availability: high
"""


def requirements_reference(catalog: Catalog) -> str:
    """The requirements-file reference, written from the pydantic models and the vocabulary."""
    page = "reference/requirements.md"
    schema = json_schema("reqs")
    v = catalog.vocabulary
    out = [front_matter(title="Requirements file"), "# The requirements file (version 1)\n",
           "A requirements file states what the blocks must do before any block is named. `techpick recommend "
           "--req FILE` reads it and answers with one or two technologies per need. This page is generated from "
           "the models that validate the file, so it cannot drift from what the tool accepts.\n",
           "```yaml", REQS_EXAMPLE.format(schema="https://YOUR-SITE/schemas/reqs.schema.json").rstrip(), "```\n",
           f"Editors that speak the YAML language server validate and complete the file when its first line names "
           f"the [JSON Schema]({rel(page, 'reference/schemas.md')}).\n",
           "## Top level\n", *_schema_rows(schema, ""),
           "## `constraints`\n", "Apply to every need; a need's own `constraints` override them.\n",
           *_schema_rows(schema, "Constraints"),
           "## `context`\n", "What the team already has; it counts in favour of what fits.\n",
           *_schema_rows(schema, "Context"),
           "## `needs[]`\n", "One block to choose. `access` and `features` are hard requirements: a technology "
           "that lacks one is rejected. `prefer` only ranks.\n", *_schema_rows(schema, "Need"),
           "## Quantities\n", "| field | form |\n| --- | --- |",
           f"| `latency` | {text(LATENCY_FORM)} |", f"| `volume` | {text(VOLUME_FORM)} |",
           f"| `throughput` | {text(THROUGHPUT_FORM)} |", "",
           "## Words the catalog defines\n",
           f"**Roles** ({len(v.roles)}): " + ", ".join(
               f"[`{r}`]({rel(page, role_page(r))})" for r in v.roles) + "\n",
           f"**Data models** ({len(v.data_models)}): " + ", ".join(f"`{m}`" for m in v.data_models) + "\n",
           f"**Capabilities** for `access`, `features` and `prefer` ({len(v.capabilities)}): see the "
           f"[capability matrix]({rel(page, 'capabilities.md')}).\n",
           "**Clouds** for `constraints.cloud`: " + ", ".join(f"`{c}`" for c in v.clouds) + "\n",
           "Technology ids for `existing` and `exclude` are the ids on the technology pages; aliases are accepted "
           "in any case and reported as ids.\n",
           "Words people often write instead are never accepted, but an error names the word meant: " + "; ".join(
               f"{kind.replace('_', ' ')}: " + ", ".join(f"`{said}` → `{word}`" for said, word in sorted(table.items()))
               for kind, table in sorted(v.synonyms.items())) + ".\n",
           "## Start and check a file\n",
           "`techpick init FILE` asks a few questions and writes a commented file with the schema line on top "
           "(`--yes`: a starter without questions). `techpick validate --req FILE...` reports every problem of every "
           "file at once and exits 2; a technology the catalog lacks in `existing` or an unknown skill is a warning "
           "(an error with `--strict`). The repository's `.pre-commit-hooks.yaml` runs the same checks on commit.\n",
           "## What comes back\n",
           "`--format json` prints `version`, `catalog` (size and digest), `needs` (per need: `picks` with "
           "`id`, `name`, `score`, `reasons`, `tradeoffs`; `considered` with `why_not`), `stack` (`components`, "
           "`notes`) and `warnings`. `--format markdown` writes the same for a review document; `--explain` adds "
           "every score term.\n",
           "A file that breaks a rule is refused with its path, line, field, what is accepted and the closest known "
           "word, exit status 2 and nothing on standard output.\n"]
    return "\n".join(out)


def catalog_reference(catalog: Catalog) -> str:
    """The catalog-entry reference: every field of an entry, and the judgement scales."""
    schema = json_schema("catalog")
    v = catalog.vocabulary
    out = [front_matter(title="Catalog format"), "# The catalog format\n",
           "One YAML file per technology, `catalog/<area>/<id>.yaml`, checked by `techpick validate` against the "
           "models below and the vocabulary. Generated from those models.\n",
           "## Entry\n", *_schema_rows(schema, "")]
    for name in ("License", "Hosting", "ManagedOffer", "Scale", "VolumeRange", "ThroughputRange", "Availability",
                 "Operations", "Status", "Relations", "Source"):
        if name in schema.get("$defs", {}):
            out += [f"## `{name}`\n", *_schema_rows(schema, name)]
    out.append("## Judgement scales\n")
    for scale, levels in v.scales.items():
        out.append(f"**{text(_words(scale))}**\n")
        out += [f"- `{attr(level)}`: {text(meaning)}" for level, meaning in levels.items()] + [""]
    out.append("## Licences\n")
    out.append("| SPDX | kind | meaning |\n| --- | --- | --- |")
    out += [f"| `{attr(spdx)}` | {text(d.kind)} | {text(d.meaning)} |" for spdx, d in v.licenses.items()]
    out.append("")
    return "\n".join(out)


def schemas_page() -> str:
    page = "reference/schemas.md"
    out = [front_matter(title="JSON Schemas"), "# JSON Schemas\n",
           "Published at stable URLs so that editors validate and complete the files as you type. Put the URL on "
           "the first line of a YAML file:\n",
           "```yaml", "# yaml-language-server: $schema=https://YOUR-SITE/schemas/reqs.schema.json", "```\n",
           "| file | schema | what |", "| --- | --- | --- |"]
    what = {"reqs": "a requirements file", "technology": "a catalog entry", "vocabulary": "the vocabulary"}
    for name in SCHEMA_FILES.values():
        out.append(f"| {what[name]} | [`schemas/{name}.schema.json`]({rel(page, f'schemas/{name}.schema.json')}) | "
                   f"JSON Schema 2020-12 |")
    out.append("\nThe same schemas are printed by `techpick schema reqs|catalog|vocabulary`.\n")
    return "\n".join(out)


# ---- the browser's data ----------------------------------------------------

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


# ---- the MkDocs configuration ----------------------------------------------

CONFIG = """\
# The techpick docs site, built by Material for MkDocs (`mkdocs<2`) or Zensical.
#
# Every page is generated from the catalog and the knowledge base by
# `techpick site build --out DIR` (src/techpick/sitegen.py): it writes
# DIR/docs, DIR/mkdocs.yml (this text plus a generated `nav`) and builds
# DIR/site. Nothing generated is committed. The repository's own mkdocs.yml is
# this text without `nav` (MkDocs then lays the navigation out by folder), for
# `mkdocs build` or `mkdocs serve` after `techpick site build`; the usual way
# to work on the site is `techpick site serve`.
#
# No MkDocs hooks and no plugins beyond Material's built-in search, so
# Zensical can build the generated folder too.

# ---- Project ------------------------------------------------------------------
site_name: techpick
site_description: >-
  A sourced catalog of data and deployment technologies: what each block is
  for, what it costs to run, and how to choose between neighbours.
docs_dir: {docs_dir}
site_dir: {site_dir}
use_directory_urls: true      # technology pages live at tech/<id>/
strict: true                  # any warning (a broken link, a missing page) fails the build

# ---- Theme --------------------------------------------------------------------
theme:
  name: material
  language: en
  font: false                 # system fonts: the site loads nothing from outside
  features:
    - navigation.tabs         # one tab per part: technologies, find, knowledge base, reference
    - navigation.sections
    - navigation.top
    - search.suggest
    - search.highlight
    - content.code.copy
    - toc.follow
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: teal
      toggle: {{icon: material/brightness-4, name: Dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: teal
      toggle: {{icon: material/brightness-7, name: Light mode}}
  icon:
    logo: material/puzzle-outline

# ---- Search -------------------------------------------------------------------
# Material's built-in search, in English and Russian (lunr's stemmers). Technology
# pages carry their names, aliases, keywords, roles, data models and native
# capabilities (with their Russian names and synonyms) as tags, the most heavily
# weighted field, and a page boost in their front matter (lower for retired and
# archived entries); role pages carry their role's words. The build puts
# assets/search-typos.js in front of the search worker: a query word the index
# does not know becomes the nearest one it does ("elastcsearch").
plugins:
  - search:
      lang: [en, ru]

# ---- Markdown -----------------------------------------------------------------
markdown_extensions:
  - admonition                # status warnings on retired or unmaintained technologies
  - attr_list
  - md_in_html                # the cards on the home page
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences:
      custom_fences:          # neighbourhood diagrams, rendered by Material's Mermaid support
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format

# ---- Browser code -------------------------------------------------------------
# Hand-written sources from site/assets: the filter and recommendation pages
# read index.json, which the build writes from the catalog. The build puts the
# pinned Mermaid into assets/ (techpick.mermaidjs); listed here, Material draws
# the diagrams with it instead of fetching Mermaid from a CDN. search-a11y.js
# names the search dialog and announces its result count.
extra_css:
  - assets/techpick.css
  - assets/tables.css         # sortable wide tables, the capability matrix, the radar
extra_javascript:
  - assets/mermaid.min.js
  - assets/techpick.js
  - assets/compare.js
  - assets/search-a11y.js
  - assets/tables.js          # sort buttons and scroll hints on wide tables, the matrix filter
  - assets/cite.js            # the citation card on technology pages names the site it is read on

# ---- Checks -------------------------------------------------------------------
validation:
  omitted_files: info
  not_found: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
not_in_nav: |
  /tech/*.md
  /roles/*.md
  /compare.md
"""


def mkdocs_config(docs_dir: str = DOCS, site_dir: str = "site", nav: list[Any] | None = None) -> str:
    """The commented mkdocs.yml; with a nav when one is given (the repository's own has none)."""
    text_out = CONFIG.format(docs_dir=docs_dir, site_dir=site_dir)
    if nav is not None:
        text_out += "\n# ---- Navigation (generated from the vocabulary and the knowledge base) ------------\nnav:\n"
        text_out += "".join(_nav_lines(nav, 1))
    return text_out


def _nav_lines(items: Iterable[Any], depth: int) -> Iterable[str]:
    pad = "  " * depth
    for item in items:
        if isinstance(item, str):
            yield f"{pad}- {json.dumps(item)}\n"
            continue
        (title, value), = item.items()
        if isinstance(value, str):
            yield f"{pad}- {json.dumps(title, ensure_ascii=False)}: {json.dumps(value)}\n"
        else:
            yield f"{pad}- {json.dumps(title, ensure_ascii=False)}:\n"
            yield from _nav_lines(value, depth + 1)


def navigation(catalog: Catalog, kb: Mapping[str, str], team_radar: Radar | None = None) -> list[Any]:
    v = catalog.vocabulary
    areas: list[Any] = []
    for area_id in v.areas:
        roles = [{_words(r): role_page(r)} for r, d in v.roles.items() if d.area == area_id]
        areas.append({_words(area_id): [{"Overview": area_page(area_id)}, *roles]})
    kb_nav: list[Any] = ["kb/index.md"]
    folders: dict[str, list[Any]] = {}
    for path in sorted(kb):
        if path == "index.md":
            continue
        entry = {title_of(kb[path], _words(posixpath.basename(path)[:-3])): f"kb/{path}"}
        folder = posixpath.dirname(path)
        if folder:
            folders.setdefault(folder, []).append(entry)
        else:
            kb_nav.append(entry)
    kb_nav += [{_words(folder): entries} for folder, entries in sorted(folders.items())]
    return [
        {"Home": "index.md"},
        {"Technologies": [{"All technologies": "tech/index.md"}, {"Capability matrix": "capabilities.md"},
                          {"Radar": MATURITY_PAGE},
                          *([{f"Radar: {team_radar.name}": TEAM_PAGE}] if team_radar else []), *areas]},
        {"Find": "find.md"},
        {"Recommend": "recommend.md"},
        {"Knowledge base": kb_nav},
        {"Reference": [{"Requirements file": "reference/requirements.md"},
                       {"Catalog format": "reference/catalog.md"},
                       {"JSON Schemas": "reference/schemas.md"},
                       {"Downloads": DOWNLOADS}]},
    ]


# ---- everything ------------------------------------------------------------

def generate(catalog: Catalog, kb: Mapping[str, str], sources: Mapping[str, str],
             team_radar: Radar | None = None) -> dict[str, str]:
    """The whole site project: `mkdocs.yml` and `docs/<page>` -> text.

    `kb` maps knowledge-base paths (`guides/storage.md`) to Markdown;
    `sources` maps hand-written site files (`index.md`, `find.md`,
    `recommend.md`, `assets/...`) to their text; `team_radar`, a team's
    radar file already read, gets a page beside the catalog's maturity radar.
    """
    g = G.build_graph(catalog)
    docs: dict[str, str] = {}
    for name, body in sources.items():
        if name != "index.md":
            docs[name] = body
    docs["index.md"] = home(catalog, sources.get("index.md", "# techpick\n"))
    docs["tech/index.md"] = technologies_index(catalog)
    boosts = search_boosts(catalog)
    for tech in catalog:
        docs[tech_page(tech.id)] = technology(catalog, g, tech, boosts[tech.id])
    for role_id in catalog.vocabulary.roles:
        docs[role_page(role_id)] = role(catalog, role_id)
    for area_id in catalog.vocabulary.areas:
        docs[area_page(area_id)] = area(catalog, area_id)
    docs["capabilities.md"] = capabilities(catalog)
    docs.update(kb_pages(catalog, kb))
    docs["reference/requirements.md"] = requirements_reference(catalog)
    docs["reference/catalog.md"] = catalog_reference(catalog)
    docs["reference/schemas.md"] = schemas_page()
    for what, name in SCHEMA_FILES.items():
        docs[f"schemas/{name}.schema.json"] = json.dumps(json_schema(what), indent=2, ensure_ascii=False) + "\n"
    docs[INDEX_JSON] = index_json(catalog, g)
    docs[COMPARE_JSON] = json.dumps(site_data(catalog), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    docs["compare.md"] = compare_page()
    docs.update(radar_pages(catalog, team_radar))
    docs.update(export_files(catalog))
    files = {f"{DOCS}/{path}": body for path, body in sorted(docs.items())}
    files["mkdocs.yml"] = mkdocs_config(DOCS, "site", navigation(catalog, kb, team_radar))
    return files
