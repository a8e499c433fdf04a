"""A comparison as text, Markdown or JSON, with the differences first.

Rows where the technologies differ lead and are marked; rows where they all
agree are folded into one line, so that a reader's eye lands on what decides.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import Any

from techpick.compare import Comparison
from techpick.escape import markdown
from techpick.facts import NONE
from techpick.renderers.links import DEFAULT_SITE_URL, md_link

MARK = "*"
COLUMN = 26
LABEL = 24


_esc = markdown  # catalog text: shown as written, never read as Markdown or HTML
_cell = markdown  # the same in a table cell: a pipe cannot add a column


def as_dict(c: Comparison) -> dict[str, Any]:
    ids = c.ids
    return {
        "version": 1,
        "technologies": [{"id": t.id, "name": t.name} for t in c.technologies],
        "dimensions": [{"dimension": r.dimension, "differs": r.differs, "values": dict(zip(ids, r.values))}
                       for r in c.rows],
        "capabilities": [{"capability": r.capability, "differs": r.differs, "levels": dict(zip(ids, r.levels)),
                          "notes": {i: n for i, n in zip(ids, r.notes) if n}} for r in c.capabilities],
        "key_differences": c.key_differences,
        "relations": c.relations,
        "radar": ({b.id: {"ring": b.ring, "reason": b.reason} for t in c.technologies
                   if (b := c.radar.ring_of(t.id))} if c.radar else None),
    }


def render_json(c: Comparison, site_url: str = DEFAULT_SITE_URL) -> str:
    return json.dumps(as_dict(c), indent=2, ensure_ascii=False) + "\n"


def _table_text(header: list[str], rows: list[tuple[bool, str, list[str]]]) -> list[str]:
    """A fixed-width table; long values wrap inside their column."""
    lines = [("  " + " " * LABEL + "".join(h[:COLUMN - 2].ljust(COLUMN) for h in header)).rstrip()]
    for differs, label, values in rows:
        cells = [textwrap.wrap(v, COLUMN - 2) or [NONE] for v in values]
        height = max(len(cell) for cell in cells)
        for i in range(height):
            mark = MARK if differs and i == 0 else " "
            head = (label if i == 0 else "")[:LABEL - 1].ljust(LABEL)
            lines.append(f"{mark} {head}" + "".join((cell[i] if i < len(cell) else "").ljust(COLUMN)
                                                     for cell in cells).rstrip())
    return lines


def render_text(c: Comparison, site_url: str = DEFAULT_SITE_URL) -> str:
    names = [f"{t.name} [{t.id}]" for t in c.technologies]
    out = [" vs ".join(names), ""]
    if c.key_differences:
        out += ["key differences:"] + [f"  - {d}" for d in c.key_differences] + [""]
    rows = [(r.differs, r.dimension, r.values) for r in c.rows if r.differs]
    caps = [(True, r.capability, [lv or NONE for lv in r.levels]) for r in c.capabilities if r.differs]
    out += _table_text([t.name for t in c.technologies], rows + caps)
    same = [f"{r.dimension} {r.values[0]}" for r in c.rows if not r.differs]
    same_caps = [f"{r.capability} ({r.levels[0]})" for r in c.capabilities if not r.differs]
    out.append("")
    out.append(f"{MARK} marks a difference")
    if same:
        out.append("same for all: " + "; ".join(same))
    if same_caps:
        out.append("capabilities all have: " + ", ".join(same_caps))
    if c.radar is not None:
        for tech in c.technologies:
            blip = c.radar.ring_of(tech.id)
            if blip:
                out.append(f"radar: {tech.name} is {blip.ring}: {blip.reason}")
    return "\n".join(out) + "\n"


def render_markdown(c: Comparison, site_url: str = DEFAULT_SITE_URL) -> str:
    links = [md_link(_esc(t.name), t.id, site_url) for t in c.technologies]
    out = [f"# {' vs '.join(_esc(t.name) for t in c.technologies)}", ""]
    out += [(f"Compared from the techpick catalog: {', '.join(links)}. Rows where they differ come first and are "
             "in bold; what they share is summed up below the tables."), ""]
    if c.key_differences:
        out += ["## Key differences", ""] + [f"- {_esc(d)}" for d in c.key_differences] + [""]
    out += ["## Side by side", "", "| | " + " | ".join(links) + " |", "| --- |" + " --- |" * len(links)]
    for row in c.rows:
        if row.differs:
            out.append(f"| **{row.dimension}** | " + " | ".join(f"**{_cell(v)}**" for v in row.values) + " |")
    for row in c.rows:
        if not row.differs:
            out.append(f"| {row.dimension} | " + " | ".join(_cell(v) for v in row.values) + " |")
    out.append("")
    differing = [r for r in c.capabilities if r.differs]
    if differing:
        out += ["## Capabilities that differ", "", "| capability | " + " | ".join(links) + " |",
                "| --- |" + " --- |" * len(links)]
        for cap in differing:
            cells = []
            for level, note in zip(cap.levels, cap.notes):
                text = f"**{level}**" if level == "native" else (level or NONE)
                cells.append(text + (f": {_cell(note)}" if note and level != "native" else ""))
            out.append(f"| {cap.capability} | " + " | ".join(cells) + " |")
        out.append("")
    shared = [r for r in c.capabilities if not r.differs]
    if shared:
        out += ["All of them offer: " + ", ".join(f"{r.capability} ({r.levels[0]})" for r in shared) + ".", ""]
    if c.radar is not None:
        out += ["## Team radar", ""]
        for tech, link in zip(c.technologies, links):
            blip = c.radar.ring_of(tech.id)
            out.append(f"- {link}: " + (f"**{blip.ring}**, {_esc(blip.reason)}" if blip else "not on the radar"))
        out.append("")
    out += ["## When to choose which", ""]
    for tech, link in zip(c.technologies, links):
        out.append(f"### {link}")
        out.append("")
        out += [f"- Use it when: {_esc(u)}" for u in tech.use_when]
        out += [f"- Avoid it when: {_esc(a)}" for a in tech.avoid_when]
        out.append("")
    if c.relations:
        out += ["## Relations in the catalog", ""] + [f"- {_esc(r)}" for r in c.relations] + [""]
    return "\n".join(out).rstrip() + "\n"


COMPARE_FORMATS: dict[str, Callable[[Comparison, str], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
}
