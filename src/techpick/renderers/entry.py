"""One catalog entry for a terminal (`techpick show`)."""

from __future__ import annotations

from techpick.catalog import Catalog
from techpick.models import Technology
from techpick.units import format_latency, format_throughput, format_volume


def render_text(tech: Technology, catalog: Catalog) -> str:
    s = tech.scale
    lines = [f"{tech.name} [{tech.id}]" + (f"  aliases: {', '.join(tech.aliases)}" if tech.aliases else ""), ""]
    lines += [" ".join(tech.description.split()), ""]
    state = tech.status.state.value
    if state != "active":
        since = f" since {tech.status.since}" if tech.status.since else ""
        succ = f"; successor: {tech.status.successor}" if tech.status.successor else ""
        lines += [f"STATUS: {state}{since}{succ}" + (f" ({tech.status.note})" if tech.status.note else ""), ""]
    open_source = "open source" if catalog.is_open_source(tech) else "not open source"
    facts = [
        ("roles", ", ".join(tech.roles)),
        ("data models", ", ".join(tech.data_models) or "-"),
        ("licence", f"{tech.license.spdx} ({open_source})" + (f"; {tech.license.note}" if tech.license.note else "")),
        ("hosting", ", ".join(filter(None, ["self-hosted" if tech.hosting.self_hosted else "",
                                            "embedded" if tech.hosting.embedded else ""])) or "managed only"),
        ("managed", "; ".join(f"{o.service} ({', '.join(o.clouds)})" for o in tech.hosting.managed) or "-"),
        ("latency p99", format_latency(s.latency_p99) if s.latency_p99 is not None else "-"),
        ("volume", f"{format_volume(s.volume.sweet[0])}-{format_volume(s.volume.sweet[1])}, max "
                   f"{format_volume(s.volume.max)}" if s.volume else "-"),
        ("throughput", f"{format_throughput(s.throughput.sweet[0])}-{format_throughput(s.throughput.sweet[1])}, max "
                       f"{format_throughput(s.throughput.max)}" if s.throughput else "-"),
        ("consistency", tech.consistency.value),
        ("durability", tech.durability.value),
        ("availability", tech.availability.high_availability.value
         + (f" ({tech.availability.note})" if tech.availability.note else "")),
        ("scaling", tech.scaling.value),
        ("operations", f"{tech.operations.complexity}/5: {tech.operations.reason}"),
        ("runtime", tech.runtime),
        ("adoption", tech.adoption.value),
    ]
    lines += [f"{k:<13} {v}" for k, v in facts]
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
