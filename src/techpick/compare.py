"""Technologies side by side on the dimensions that decide between them.

Pure: catalog facts in, rows of plain strings out, each row marked when the
technologies differ on it, so that every renderer can put the differences
first. A short list of key differences is derived from the same facts. Every
value is worded by `techpick.facts`, so a fact reads here as `show` and the
site's technology pages say it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from techpick import facts
from techpick.catalog import Catalog
from techpick.errors import TechpickError
from techpick.models import Technology
from techpick.radar import Radar
from techpick.suggest import hint

LEVEL_ORDER = {"native": 0, "extension": 1, "partial": 2, None: 3}


@dataclass
class Row:
    dimension: str
    values: list[str]

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


@dataclass
class CapabilityRow:
    capability: str
    levels: list[str | None]
    notes: list[str | None]

    @property
    def differs(self) -> bool:
        return len(set(self.levels)) > 1


@dataclass
class Comparison:
    technologies: list[Technology]
    rows: list[Row]
    capabilities: list[CapabilityRow]
    key_differences: list[str]
    radar: Radar | None = None
    relations: list[str] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.technologies]


def resolve(catalog: Catalog, names: list[str]) -> list[Technology]:
    """Ids or aliases -> entries, in the order given; unknown names are refused with a suggestion."""
    unknown = [f"unknown technology {n!r}; {hint(n, catalog.known_names())}" for n in names if catalog.get(n) is None]
    if unknown:
        raise TechpickError("\n".join(unknown))
    found: list[Technology] = []
    for name in names:
        tech = catalog.get(name)
        if tech is not None and tech not in found:
            found.append(tech)
    if len(found) < 2:
        raise TechpickError("name at least two different technologies to compare")
    return found


def _rows(catalog: Catalog, techs: list[Technology], radar: Radar | None) -> list[Row]:
    def row(dimension: str, fn: object) -> Row:
        return Row(dimension, [fn(t) for t in techs])  # type: ignore[operator]

    rows = [
        row("roles", lambda t: ", ".join(t.roles)),
        row("data models", lambda t: ", ".join(t.data_models) or facts.NONE),
        row("licence", lambda t: facts.licence(catalog, t)),
        row("hosting", lambda t: facts.hosting(catalog, t)),
        row("latency p99", lambda t: facts.latency(t.scale.latency_p99)),
        row("volume", lambda t: facts.sweet_range(t.scale.volume, facts.volume)),
        row("throughput", lambda t: facts.sweet_range(t.scale.throughput, facts.throughput)),
        row("concurrency", facts.concurrency),
        row("consistency", lambda t: t.consistency.value),
        row("durability", lambda t: t.durability.value),
        row("high availability", lambda t: t.availability.high_availability.value),
        row("scaling", lambda t: t.scaling.value),
        row("operations", facts.complexity),
        row("smallest HA cluster", facts.ha_nodes),
        row("requires", lambda t: ", ".join(t.relations.requires) or facts.NONE),
        row("runtime", lambda t: t.runtime),
        row("adoption", lambda t: t.adoption.value),
        row("status", facts.status),
    ]
    if radar is not None:
        rows.append(row("team radar", lambda t: (b.ring if (b := radar.ring_of(t.id)) else facts.NONE)))
    return rows


def _capabilities(techs: list[Technology]) -> list[CapabilityRow]:
    names = sorted({c for t in techs for c in t.capabilities})
    out = []
    for cap in names:
        levels = [t.capabilities[cap].value if cap in t.capabilities else None for t in techs]
        notes = [t.capability_notes.get(cap) for t in techs]
        out.append(CapabilityRow(cap, levels, notes))
    # the capabilities that separate them first, then by how many have them natively
    out.sort(key=lambda r: (not r.differs, sum(LEVEL_ORDER[lv] for lv in r.levels), r.capability))
    return out


def _names(techs: list[Technology]) -> str:
    names = [t.name for t in techs]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


HOW = {"partial": "only partially", "extension": "only through extensions"}


def _capability_differences(techs: list[Technology], caps: list[CapabilityRow]) -> list[str]:
    """'Only A and B serve x and y natively; C only partially.' One sentence per group of capabilities."""
    groups: dict[tuple[str, ...], list[CapabilityRow]] = {}
    for row in caps:
        natives = tuple(t.id for t, lv in zip(techs, row.levels) if lv == "native")
        if natives and len(natives) < len(techs):
            groups.setdefault(natives, []).append(row)
    out: list[str] = []
    for natives, rows in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        served = [t for t in techs if t.id in natives]
        others: list[str] = []
        for i, tech in enumerate(techs):
            if tech.id in natives:
                continue
            by_level: dict[str | None, list[str]] = {}
            for row in rows:
                by_level.setdefault(row.levels[i], []).append(row.capability)
            if len(by_level) == 1:
                level = next(iter(by_level))
                others.append(f"{tech.name} {'lacks them' if level is None else HOW[level]}"
                              if len(rows) > 1 else f"{tech.name} {'lacks it' if level is None else HOW[level]}")
                continue
            parts = [f"has {_and(names)} {HOW[level]}" for level, names in by_level.items() if level is not None]
            if None in by_level:
                parts.append(f"lacks {_and(by_level[None])}")
            others.append(f"{tech.name} {_and(parts)}")
        verb = "serves" if len(served) == 1 else "serve"
        out.append(f"Only {_names(served)} {verb} {_and([r.capability for r in rows])} natively; "
                   f"{'; '.join(others)}.")
    return out


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _key_differences(catalog: Catalog, techs: list[Technology], caps: list[CapabilityRow]) -> list[str]:
    """A few sentences a reviewer would say first; derived from the facts, never invented."""
    out = _capability_differences(techs, caps)[:4]
    for label, get, fmt in (("volume", lambda t: t.scale.volume, facts.volume),
                            ("throughput", lambda t: t.scale.throughput, facts.throughput)):
        ceilings = [(get(t).max if get(t) else None) for t in techs]
        known = [c for c in ceilings if c is not None]
        if len(known) > 1 and max(known) >= 10 * min(known):
            parts = [f"{t.name} {fmt(c)}" for t, c in zip(techs, ceilings) if c is not None]
            out.append(f"Ceilings of {label} differ by more than tenfold: {_and(parts)}.")
    levels = sorted(techs, key=lambda t: t.operations.complexity)
    if levels[0].operations.complexity != levels[-1].operations.complexity:
        light, heavy = levels[0], levels[-1]
        reason = heavy.operations.reason.rstrip(".")
        out.append(f"{light.name} is the lightest to run ({facts.complexity(light)}); {heavy.name} the "
                   f"heaviest ({facts.complexity(heavy)}: {reason[:1].lower()}{reason[1:]}).")
    if len({facts.licence_kind(catalog, t) for t in techs}) > 1:
        out.append("Licences differ in kind: " + _and([f"{t.name} {facts.licence(catalog, t)}" for t in techs]) + ".")
    for tech in techs:
        if tech.status.state.value != "active":
            out.append(f"{tech.name} is {facts.status(tech)}.")
    return out


def _relations(techs: list[Technology]) -> list[str]:
    ids = {t.id for t in techs}
    by_id = {t.id: t for t in techs}
    out: list[str] = []
    for tech in techs:
        for kind, words in (("alternative_to", "lists {} as {}"), ("integrates_with", "integrates with {}")):
            targets = [by_id[i].name for i in getattr(tech.relations, kind) if i in ids]
            if targets:
                plural = "alternatives" if len(targets) > 1 else "an alternative"
                out.append(f"{tech.name} {words.format(_and(targets), plural)}.")
    return out


def compare(catalog: Catalog, names: list[str], radar: Radar | None = None) -> Comparison:
    """The comparison of two or more technologies named by id or alias."""
    techs = resolve(catalog, names)
    caps = _capabilities(techs)
    return Comparison(techs, _rows(catalog, techs, radar), caps, _key_differences(catalog, techs, caps), radar,
                      _relations(techs))


def site_data(catalog: Catalog) -> dict[str, object]:
    """Every technology's value on every dimension of `compare`, for the site's compare page.

    A value depends on its technology alone, so the page puts any few side by
    side and marks the rows where they differ without computing a fact itself.
    """
    techs = list(catalog)
    rows = _rows(catalog, techs, None)
    return {
        "dimensions": [r.dimension for r in rows],
        "technologies": {t.id: {"name": t.name, "state": t.status.state.value,
                                "values": [r.values[i] for r in rows],
                                "capabilities": {c: level.value for c, level in sorted(t.capabilities.items())}}
                         for i, t in enumerate(techs)},
    }
