"""A role's page: what the role means, and tables that compare its technologies on fit
and scale, cost of ownership and the capabilities that differ (grouped by data
model when the role is large).
"""

from __future__ import annotations

import re

from techpick import facts
from techpick.catalog import Catalog
from techpick.models import Technology
from techpick.site_common import (
    IDENTITY_REPEAT,
    LEGEND,
    LEVEL_MARK,
    LEVEL_ORDER,
    area_page,
    as_title,
    attr,
    caption,
    front_matter,
    hosting_text,
    latency_text,
    licence_html,
    ops_text,
    range_text,
    rel,
    role_page,
    tech_ref,
    text,
)
from techpick.site_tables import ordinal, valued, wide
from techpick.units import format_throughput

ROLE_PAGE_BOOST = 3.0
"""Role pages above any one of their technologies for the role's own words ("queue", "база данных")."""
ROLE_GROUP_MIN = 13
"""Roles with at least this many technologies get one comparison per main data model."""


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
    out = [front_matter(title=as_title(role_id), description=attr(meaning), tags=_role_words(catalog, role_id),
                        search={"boost": ROLE_PAGE_BOOST}, hide=None if grouped else ["toc"])]
    out.append(f"# {as_title(role_id)}\n")
    area = v.roles[role_id].area
    out.append(f"{text(meaning)} Area: [{as_title(area)}]({rel(page, area_page(area))}). "
               f"{len(members)} technologies.\n")
    if not members:
        out.append("The catalog has no technology in this role yet.\n")
        return "\n".join(out)
    if grouped:
        out.append("Grouped by main data model; the contents (also in the side bar on a wide screen):\n")
        out += [f"- [{as_title(m or '')}](#{_slug(m or '')}) ({len(techs)})" for m, techs in groups]
        out.append("")
    out.append("Click a column's heading to sort the table by it, again to reverse; wide tables scroll sideways "
               "with the technology column kept in view.\n")
    for model, techs in groups:
        level = "###" if model else "##"
        if model:
            out.append(f"## {as_title(model)}\n")
            if model in v.data_models:
                out.append(f"{text(v.data_models[model].meaning)}\n")
        out += _comparison(catalog, page, techs, level)
    out.append(caption(catalog))
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
        busiest = throughput.sweet[1] if throughput else None
        rows.append(f"| {tech_ref(page, t)} | {text(', '.join(t.data_models) or '–')} | "
                    f"{valued(text(latency_text(t)), t.scale.latency_p99)} | "
                    f"{valued(range_text(volume, facts.volume, '<br>'), volume.sweet[1] if volume else None)} | "
                    f"{valued(range_text(throughput, format_throughput, '<br>'), busiest)} | "
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
        rows.append(f"| {tech_ref(page, t)} | {valued(ops_text(t), t.operations.complexity)} | "
                    f"{licence_html(catalog, t)} | "
                    f"{hosting_text(catalog, t)} | {text(t.runtime)} | {ordinal(text(t.adoption.value), t.adoption)} | "
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


def _mark(level: str) -> str:
    return f'<span class="tp-level tp-level--{level}" title="{level}">{LEVEL_MARK[level]}</span>'
