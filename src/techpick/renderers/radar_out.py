"""A radar as Markdown, JSON or text: one quadrant per catalog area, four rings each.

The JSON is what a site page draws the radar from; the Markdown is a page a
person reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby
from typing import Any

from techpick.escape import markdown
from techpick.radar import RING_MEANING, RINGS, Radar
from techpick.renderers.links import DEFAULT_SITE_URL, md_link


_esc = markdown  # a team's words: shown as written, never read as Markdown or HTML


def as_dict(radar: Radar) -> dict[str, Any]:
    return {
        "version": 1,
        "name": radar.name,
        "source": radar.source,
        "rings": [{"ring": r, "meaning": RING_MEANING[r]} for r in RINGS],
        "entries": [{"id": b.id, "name": b.name, "quadrant": b.area, "ring": b.ring, "reason": b.reason}
                    for b in radar.blips],
    }


def render_json(radar: Radar, site_url: str = DEFAULT_SITE_URL) -> str:
    return json.dumps(as_dict(radar), indent=2, ensure_ascii=False) + "\n"


def render_markdown(radar: Radar, site_url: str = DEFAULT_SITE_URL) -> str:
    out = [f"# Technology radar: {_esc(radar.name)}", ""]
    out += ["| ring | meaning |", "| --- | --- |"] + [f"| {r} | {RING_MEANING[r]} |" for r in RINGS] + [""]
    for area, blips in groupby(radar.blips, key=lambda b: b.area):
        out += [f"## {area.capitalize() or 'Other'}", "", "| ring | technology | why |", "| --- | --- | --- |"]
        out += [f"| {b.ring} | {md_link(_esc(b.name), b.id, site_url)} | {_esc(b.reason)} |" for b in blips]
        out.append("")
    if not radar.blips:
        out += ["The radar has no entries.", ""]
    return "\n".join(out).rstrip() + "\n"


def render_text(radar: Radar, site_url: str = DEFAULT_SITE_URL) -> str:
    out = [f"radar: {radar.name}"]
    for area, blips in groupby(radar.blips, key=lambda b: b.area):
        out += ["", f"{area}:"]
        out += [f"  {b.ring:<7} {b.id:<22} {b.reason}" for b in blips]
    return "\n".join(out) + "\n"


RADAR_FORMATS: dict[str, Callable[[Radar, str], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
}
