"""The radar pages: `techpick radar` drawn as an SVG, with the same entries listed below it.

Pure: a `Radar` (techpick.radar) in, Markdown with an inline SVG out. One
sector per catalog area, its angle in proportion to how many entries it holds
(storage has sixty, governance two); four rings, adopt in the middle. Every
blip is a numbered link to its technology page with its name as a tooltip;
the list under the picture gives the same numbers with names and reasons, so
the picture is never the only way to read it. Positions follow from the
entries' order alone: the same radar gives the same bytes. Compared with an
earlier radar, a new blip wears a solid ring and a moved one a dashed ring,
the list says "new" or "moved from RING" in words, and a legend says what
the radar is compared with.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from itertools import groupby

from techpick.catalog import Catalog
from techpick.escape import html_attr, markdown, markdown_code
from techpick.radar import RING_MEANING, RINGS, Blip, Change, Radar, catalog_radar

SIZE = 1000
CENTRE = SIZE / 2
GAP = 0.36
"""Radians left free at the top of the circle, where the ring names are written."""
RING_EDGES = {"adopt": (30.0, 150.0), "trial": (150.0, 255.0), "assess": (255.0, 325.0), "hold": (325.0, 380.0)}
"""Inner and outer radius of each ring, in SVG units: the rings that hold more entries are wider."""
SPACING = 19.0
"""Distance between neighbouring blips; shrunk in a crowded cell until they fit."""
MIN_SHARE = 6
"""A sector is at least as wide as if it held this many entries, so its label fits."""
NO_HISTORY = ("No earlier radar is given to compare with, so no entry is marked new or moved; "
              "the rings show the radar as it is today.")


@dataclass(frozen=True)
class Placed:
    """A blip with its number in the list and its place in the picture."""

    number: int
    blip: Blip
    x: float
    y: float


def _title(word: str) -> str:
    return "ML" if word == "ml" else word[:1].upper() + word[1:]


def numbered(radar: Radar) -> list[tuple[int, Blip]]:
    """The blips in reading order (ring, then area, then name), numbered from 1."""
    order = sorted(radar.blips, key=lambda b: (RINGS.index(b.ring), b.area, b.name.lower(), b.id))
    return list(enumerate(order, 1))


def sectors(radar: Radar, areas: list[str]) -> dict[str, tuple[float, float]]:
    """Each area's start and end angle (radians, clockwise from the top), wide in proportion to its entries.

    Areas without an entry get no sector.
    """
    counts = {a: sum(1 for b in radar.blips if b.area == a) for a in areas}
    shown = [a for a in areas if counts[a]]
    total = sum(max(counts[a], MIN_SHARE) for a in shown) or 1
    out: dict[str, tuple[float, float]] = {}
    start = GAP / 2
    for a in shown:
        end = start + (2 * math.pi - GAP) * max(counts[a], MIN_SHARE) / total
        out[a] = (start, end)
        start = end
    return out


def _rows(start: float, end: float, inner: float, outer: float, count: int) -> list[tuple[float, float, int]]:
    """Arcs (radius, usable angle, capacity) that hold `count` blips in one cell, spacing shrunk until they do."""
    spacing = SPACING
    while True:
        rows: list[tuple[float, float, int]] = []
        radius = inner + spacing * 0.6
        while radius <= outer - spacing * 0.5:
            margin = min((spacing * 0.6) / radius, (end - start) / 4)
            usable = end - start - 2 * margin
            rows.append((radius, usable, max(1, int(usable * radius / spacing))))
            radius += spacing
        if sum(c for _, _, c in rows) >= count or spacing < 6:
            return rows
        spacing *= 0.9


def place(radar: Radar, areas: list[str]) -> list[Placed]:
    """Every blip's point in the picture: its area's sector, its ring, spread evenly in that cell."""
    numbers = {b.id: n for n, b in numbered(radar)}
    angles = sectors(radar, areas)
    placed: list[Placed] = []
    for (area, ring), cell in groupby(sorted(radar.blips, key=lambda b: (b.area, RINGS.index(b.ring), b.name.lower(), b.id)),
                                      key=lambda b: (b.area, b.ring)):
        blips = list(cell)
        start, end = angles[area]
        rows = _rows(start, end, *RING_EDGES[ring], len(blips))
        capacity = sum(c for _, _, c in rows)
        left = len(blips)
        queue = iter(blips)
        rows.reverse()  # outer arcs first: a few blips in a narrow sector stay clear of the crowded centre
        for i, (radius, usable, room) in enumerate(rows):
            # share the blips out over the arcs in proportion to their room, the last arc takes the rest
            take = left if i == len(rows) - 1 else min(left, math.ceil(len(blips) * room / capacity))
            left -= take
            middle = start + (end - start) / 2
            for k in range(take):
                angle = middle if take == 1 else middle - usable / 2 + usable * k / (take - 1)
                blip = next(queue)
                placed.append(Placed(numbers[blip.id], blip, CENTRE + radius * math.sin(angle),
                                     CENTRE - radius * math.cos(angle)))
    return sorted(placed, key=lambda p: p.number)


def _point(radius: float, angle: float) -> str:
    return f"{CENTRE + radius * math.sin(angle):.1f},{CENTRE - radius * math.cos(angle):.1f}"


def svg(radar: Radar, areas: list[str], link_base: str) -> str:
    """The picture: rings, sector lines and labels, and a numbered link per blip."""
    outer = RING_EDGES["hold"][1]
    parts = [f'<svg class="tp-radar-svg" viewBox="0 0 {SIZE} {SIZE}" role="group" '
             f'aria-labelledby="tp-radar-title" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="tp-radar-title">{html_attr(radar.name)}: {len(radar.blips)} technologies in '
             f'{len(RINGS)} rings</title>']
    for ring in reversed(RINGS):
        parts.append(f'<circle class="tp-radar-ring tp-radar-ring--{ring}" cx="{CENTRE:.0f}" cy="{CENTRE:.0f}" '
                     f'r="{RING_EDGES[ring][1]:.0f}"/>')
    for ring in RINGS:
        inner, edge = RING_EDGES[ring]
        parts.append(f'<text class="tp-radar-ring-label" x="{CENTRE:.0f}" y="{CENTRE - edge + 18:.1f}" '
                     f'text-anchor="middle">{_title(ring)}</text>')
    spans = sectors(radar, areas)
    for angle in sorted({edge for span in spans.values() for edge in span}):
        x, y = _point(outer, angle).split(",")
        parts.append(f'<line class="tp-radar-axis" x1="{CENTRE:.0f}" y1="{CENTRE:.0f}" x2="{x}" y2="{y}"/>')
    for area, (start, end) in spans.items():
        middle = (start + end) / 2
        x, y = (float(v) for v in _point(outer + 12, middle).split(","))
        anchor = "start" if math.sin(middle) > 0.2 else "end" if math.sin(middle) < -0.2 else "middle"
        dy = 10 if math.cos(middle) < 0 else 0
        parts.append(f'<text class="tp-radar-area" x="{x:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
                     f'{html_attr(_title(area))}</text>')
    changes = radar.changes()
    for p in place(radar, areas):
        name = html_attr(p.blip.name)
        change = changes.get(p.blip.id)
        kind = f" tp-radar-blip--{change.kind}" if change else ""
        words = f", {change.words()}" if change else ""
        mark = (f'<circle class="tp-radar-mark tp-radar-mark--{change.kind}" cx="{p.x:.1f}" cy="{p.y:.1f}" r="11"/>'
                if change else "")
        parts.append(f'<a class="tp-radar-blip tp-radar-blip--{p.blip.ring}{kind}" '
                     f'href="{link_base}{html_attr(p.blip.id)}/">'
                     f'<title>{p.number}. {name}: {p.blip.ring}{words}</title>{mark}'
                     f'<circle class="tp-radar-dot" cx="{p.x:.1f}" cy="{p.y:.1f}" r="8"/>'
                     f'<text x="{p.x:.1f}" y="{p.y + 3:.1f}" text-anchor="middle">{p.number}</text></a>')
    parts.append("</svg>")
    return "".join(parts)


def _key(kind: str) -> str:
    """A small picture of a marked blip for the legend; the words beside it carry the meaning."""
    return (f'<svg class="tp-radar-key" viewBox="0 0 28 28" width="28" height="28" aria-hidden="true">'
            f'<circle class="tp-radar-mark tp-radar-mark--{kind}" cx="14" cy="14" r="11"/>'
            f'<circle class="tp-radar-dot" cx="14" cy="14" r="8"/></svg>')


def legend(radar: Radar) -> str:
    """What the radar is compared with, how many blips are new or moved, and what the two marks look like."""
    if radar.since is None:
        return f"{NO_HISTORY}\n"
    kinds = [c.kind for c in radar.changes().values()]
    left = radar.left()
    gone = (f" {len(left)} no longer on the radar: {html_attr(', '.join(b.name for b in left))}." if left else "")
    return (f'<div class="tp-radar-legend" markdown="0"><p>Compared with <em>{html_attr(radar.since_words())}</em>: '
            f'{kinds.count("new")} new, {kinds.count("moved")} moved.{gone}</p><ul>'
            f'<li>{_key("new")}<span><strong>New</strong>: not on that radar.</span></li>'
            f'<li>{_key("moved")}<span><strong>Moved</strong>: its ring changed; the list below gives the ring it '
            f'had.</span></li></ul></div>\n')


def _change_chip(radar_changes: dict[str, Change], tech_id: str) -> str:
    change = radar_changes.get(tech_id)
    return f' <span class="tp-radar-change tp-radar-change--{change.kind}">{change.words()}</span>' if change else ""


def radar_page(radar: Radar, areas: list[str], title: str, intro: str) -> str:
    """A radar page (a top-level page, radar.md or team-radar.md): what the rings mean, the picture,
    then every entry by ring and area with its reason. `intro` is Markdown the caller escaped."""
    link_base = "../tech/"  # the built page is <name>/index.html, one folder below the technology pages' parent
    out = ["---", f"title: {json.dumps(html_attr(title), ensure_ascii=False)}", "search:", "  exclude: true",
           'hide: ["toc"]', "---", "", f"# {markdown(title)}\n", f"{intro}\n",
           "| ring | meaning | technologies |", "| --- | --- | --- |"]
    out += [f"| [{_title(r)}](#{r}) | {markdown(RING_MEANING[r])} | {sum(1 for b in radar.blips if b.ring == r)} |"
            for r in RINGS]
    out += ["", legend(radar),
            f'<div class="tp-radar" markdown="0">{svg(radar, areas, link_base)}</div>\n',
            "Each number is a link to the technology's page; the list below gives the same numbers. "
            "On a narrow screen the picture keeps a readable size and scrolls sideways.\n"]
    by_ring = {r: [(n, b) for n, b in numbered(radar) if b.ring == r] for r in RINGS}
    changes = radar.changes()
    for ring in RINGS:
        out.append(f"## {_title(ring)} {{ #{ring} }}\n")
        out.append(f"{markdown(_title(RING_MEANING[ring]))}.\n")
        if not by_ring[ring]:
            out.append("No technology in this ring.\n")
            continue
        for area, entries in groupby(by_ring[ring], key=lambda e: e[1].area):
            out.append(f"**{markdown(_title(area))}**\n")
            out += [f"- **{n}** [{markdown(b.name)}](tech/{b.id}.md){_change_chip(changes, b.id)} — {markdown(b.reason)}"
                    for n, b in entries]
            out.append("")
    return "\n".join(out)



MATURITY_PAGE = "radar.md"
TEAM_PAGE = "team-radar.md"


def radar_pages(catalog: Catalog, team: Radar | None = None, history: Radar | None = None) -> dict[str, str]:
    """radar.md, the catalog's maturity radar (`techpick radar`), and team-radar.md when a team's radar is given.

    `history` is the catalog's radar at its previous release (None: nothing is marked new or moved); a team's
    radar carries its own earlier radar, if any.
    """
    areas = list(catalog.vocabulary.areas)
    pages = {MATURITY_PAGE: radar_page(
        catalog_radar(catalog).compared_with(history), areas, "Catalog maturity radar",
        "Where each technology stands by the catalog's own facts, as `techpick radar` prints it: "
        "widely adopted and active is *adopt*, common is *trial*, niche is *assess*, and anything no longer "
        "actively developed is *hold*. A team's own radar file is drawn the same way by "
        "`techpick site build --radar FILE`.")}
    if team is not None:
        pages[TEAM_PAGE] = radar_page(
            team, areas, f"Radar: {team.name}",
            f"The team's own rings, from `{markdown_code(team.source)}` (`techpick radar --radar FILE` prints the "
            f"same); the catalog's facts are on each technology's page and on the [maturity radar]({MATURITY_PAGE}).")
    return pages
