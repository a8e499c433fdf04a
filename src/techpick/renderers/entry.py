"""One catalog entry for a terminal (`techpick show`)."""

from __future__ import annotations

from techpick import facts
from techpick.catalog import Catalog
from techpick.models import Technology


def render_text(tech: Technology, catalog: Catalog) -> str:
    s = tech.scale
    lines = [f"{tech.name} [{tech.id}]" + (f"  aliases: {', '.join(tech.aliases)}" if tech.aliases else ""), ""]
    lines += [" ".join(tech.description.split()), ""]
    if tech.status.state.value != "active":
        lines += [f"STATUS: {facts.status(tech)}" + (f" ({tech.status.note})" if tech.status.note else ""), ""]
    facts_shown = [
        ("roles", ", ".join(tech.roles)),
        ("data models", ", ".join(tech.data_models) or facts.NONE),
        ("licence", f"{facts.licence(catalog, tech)} [{tech.license.spdx}]"
                    + (f"; {tech.license.note}" if tech.license.note else "")),
        ("hosting", facts.hosting(catalog, tech)),
        ("managed", "; ".join(f"{o.service} ({', '.join(o.clouds)})" for o in tech.hosting.managed) or facts.NONE),
        ("latency p99", facts.latency(s.latency_p99)),
        ("volume", facts.sweet_range(s.volume, facts.volume)),
        ("throughput", facts.sweet_range(s.throughput, facts.throughput)),
        ("concurrency", facts.concurrency(tech)),
        ("consistency", tech.consistency.value),
        ("durability", tech.durability.value),
        ("availability", tech.availability.high_availability.value
         + (f" ({tech.availability.note})" if tech.availability.note else "")),
        ("scaling", tech.scaling.value),
        ("operations", f"{facts.complexity(tech)}: {tech.operations.reason}"),
        ("runtime", tech.runtime),
        ("adoption", tech.adoption.value),
    ]
    lines += [f"{k:<13} {v}" for k, v in facts_shown]
    if tech.capabilities:
        lines += ["", "capabilities:"]
        for cap, level in sorted(tech.capabilities.items()):
            note = tech.capability_notes.get(cap)
            lines.append(f"  {cap:<22} {level.value}" + (f" - {note}" if note else ""))
    rel = tech.relations
    for label, items in (("requires", rel.requires), ("integrates with", rel.integrates_with),
                         ("alternative to", rel.alternative_to), ("part of", rel.part_of)):
        if items:
            lines.append(f"{label}: {', '.join(items)}")
    lines += ["", "use when:"] + [f"  + {u}" for u in tech.use_when]
    lines += ["avoid when:"] + [f"  - {a}" for a in tech.avoid_when]
    lines += ["", "sources:"] + [f"  {src.url}" + (f" ({src.title})" if src.title else "") for src in tech.sources]
    return "\n".join(lines) + "\n"
