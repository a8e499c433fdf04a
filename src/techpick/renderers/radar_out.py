"""A radar as Markdown, JSON or text: one quadrant per catalog area, four rings each.

The JSON is what a site page draws the radar from; the Markdown is a page a
person reads. When the radar is compared with an earlier one, every format
marks each entry new or moved (with its old ring) and names the earlier radar.
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


def _since(radar: Radar) -> dict[str, Any] | None:
    if radar.since is None:
        return None
    kinds = [c.kind for c in radar.changes().values()]
    return {"name": radar.since.name, "released": radar.since.released, "source": radar.since.source,
            "new": kinds.count("new"), "moved": kinds.count("moved"), "left": [b.id for b in radar.left()]}


def as_dict(radar: Radar) -> dict[str, Any]:
    changes = radar.changes()
    return {
        "version": 1,
        "name": radar.name,
        "source": radar.source,
        "rings": [{"ring": r, "meaning": RING_MEANING[r]} for r in RINGS],
        "since": _since(radar),
        "entries": [{"id": b.id, "name": b.name, "quadrant": b.area, "ring": b.ring, "reason": b.reason,
                     "change": changes[b.id].kind if b.id in changes else None,
                     "previous_ring": changes[b.id].was if b.id in changes else None}
                    for b in radar.blips],
    }


def legend(radar: Radar) -> str:
    """One sentence on what the marks mean and how many there are; empty without an earlier radar."""
    if radar.since is None:
        return ""
    kinds = [c.kind for c in radar.changes().values()]
    left = radar.left()
    gone = f"; {len(left)} no longer on it: {', '.join(b.id for b in left)}" if left else ""
    return (f"Compared with {radar.since_words()}: new = not on that radar, moved from RING = its ring then. "
            f"{kinds.count('new')} new, {kinds.count('moved')} moved{gone}.")


def render_json(radar: Radar, site_url: str = DEFAULT_SITE_URL) -> str:
    return json.dumps(as_dict(radar), indent=2, ensure_ascii=False) + "\n"


def render_markdown(radar: Radar, site_url: str = DEFAULT_SITE_URL) -> str:
    out = [f"# Technology radar: {_esc(radar.name)}", ""]
    out += ["| ring | meaning |", "| --- | --- |"] + [f"| {r} | {RING_MEANING[r]} |" for r in RINGS] + [""]
    changes = radar.changes()
    if radar.since is not None:
        out += [_esc(legend(radar)), ""]
    for area, blips in groupby(radar.blips, key=lambda b: b.area):
        out += [f"## {area.capitalize() or 'Other'}", ""]
        if radar.since is None:
            out += ["| ring | technology | why |", "| --- | --- | --- |"]
            out += [f"| {b.ring} | {md_link(_esc(b.name), b.id, site_url)} | {_esc(b.reason)} |" for b in blips]
        else:
            out += ["| ring | technology | change | why |", "| --- | --- | --- | --- |"]
            out += [f"| {b.ring} | {md_link(_esc(b.name), b.id, site_url)} | "
                    f"{changes[b.id].words() if b.id in changes else ''} | {_esc(b.reason)} |" for b in blips]
        out.append("")
    if not radar.blips:
        out += ["The radar has no entries.", ""]
    return "\n".join(out).rstrip() + "\n"


def render_text(radar: Radar, site_url: str = DEFAULT_SITE_URL) -> str:
    out = [f"radar: {radar.name}"]
    changes = radar.changes()
    if radar.since is not None:
        out.append(legend(radar))
    for area, blips in groupby(radar.blips, key=lambda b: b.area):
        out += ["", f"{area}:"]
        if radar.since is None:
            out += [f"  {b.ring:<7} {b.id:<22} {b.reason}" for b in blips]
        else:
            out += [f"  {b.ring:<7} {b.id:<22} {changes[b.id].words() if b.id in changes else '':<17} {b.reason}"
                    for b in blips]
    return "\n".join(out) + "\n"


RADAR_FORMATS: dict[str, Callable[[Radar, str], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
}
