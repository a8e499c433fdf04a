"""A team's technology radar: which blocks it adopts, trials, assesses or holds.

A radar file is a team's opinion layered on the catalog's facts. It is read
with the same rigour as every other file (strict model, file and line in every
error, the closest known id for a typo). The engine takes it as a plain
``{id: (ring, reason)}`` mapping: hold rules a block out, adopt is preferred.
Without a file, a radar of the catalog's own maturity is derived from each
entry's adoption and status, so that the site can draw one.

An earlier radar (the team's previous file, or the shipped record of the
catalog's previous release) marks each blip *new* (absent then) or *moved*
(its ring changed, with the old ring), as published radars do.
"""

from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from techpick.catalog import Catalog
from techpick.errors import InputError, Problem
from techpick.loader import read_file, validate
from techpick.models import Strict, Technology
from techpick.requirements import TechName
from techpick.suggest import hint
from techpick.yamlsafe import locate


class Ring(str, Enum):
    """The four rings, from 'use it by default' to 'not for new work'."""

    adopt = "adopt"
    trial = "trial"
    assess = "assess"
    hold = "hold"


RINGS: tuple[str, ...] = tuple(ring.value for ring in Ring)
RING_MEANING = {
    "adopt": "our default: use it when it fits",
    "trial": "worth using on a project that can carry the risk",
    "assess": "worth a spike; not yet for production",
    "hold": "not for new work",
}


class RadarEntry(Strict):
    id: TechName = Field(description="a technology id or alias of the catalog, in any case")
    ring: Ring = Field(description="adopt | trial | assess | hold")
    reason: str = Field(min_length=1, description="why the team put it in this ring, in one line")


class RadarFile(Strict):
    """A radar file (`version: 1`): one entry per technology the team has an opinion on."""

    version: Literal[1] = Field(description="the radar file version; only 1 exists")
    name: str | None = Field(None, description="whose radar this is, e.g. 'Data platform team, 2025 Q3'")
    released: str | None = Field(None, description="the day this radar was published, YYYY-MM-DD; named when a "
                                 "later radar marks what changed since")
    entries: list[RadarEntry] = Field(default_factory=list, description="one entry per technology")

    @field_validator("released")
    @classmethod
    def _a_day(cls, value: str | None) -> str | None:
        """A real calendar day written YYYY-MM-DD, so that every reader sees the same date."""
        try:
            if value is not None and (len(value) != 10 or date.fromisoformat(value) is None):
                raise ValueError
        except ValueError:
            raise ValueError(f"{value!r} is not a date; write the day the radar was published as YYYY-MM-DD, "
                             "e.g. 2025-07-01") from None
        return value


@dataclass(frozen=True)
class Blip:
    """One technology on a radar, resolved against the catalog."""

    id: str
    name: str
    area: str
    ring: str
    reason: str


@dataclass(frozen=True)
class Change:
    """How a blip differs from the earlier radar: new (absent then), or moved from ring `was`."""

    kind: Literal["new", "moved"]
    was: str | None = None

    def words(self) -> str:
        """'new' or 'moved from trial', the same in every format."""
        return "new" if self.kind == "new" else f"moved from {self.was}"


@dataclass
class Radar:
    name: str
    source: str
    blips: list[Blip] = field(default_factory=list)
    released: str | None = None
    since: Radar | None = None
    """The earlier radar changes are marked against; None when there is none to compare with."""

    def for_engine(self) -> dict[str, tuple[str, str]]:
        """The mapping `recommend(..., radar=...)` takes."""
        return {b.id: (b.ring, b.reason) for b in self.blips}

    def ring_of(self, tech_id: str) -> Blip | None:
        return next((b for b in self.blips if b.id == tech_id), None)

    def changes(self) -> dict[str, Change]:
        """Each new or moved blip's change since the earlier radar; empty when there is none."""
        if self.since is None:
            return {}
        before = {b.id: b.ring for b in self.since.blips}
        out: dict[str, Change] = {}
        for b in self.blips:
            if b.id not in before:
                out[b.id] = Change("new")
            elif before[b.id] != b.ring:
                out[b.id] = Change("moved", before[b.id])
        return out

    def left(self) -> list[Blip]:
        """The earlier radar's blips that this one no longer holds, in the earlier radar's order."""
        if self.since is None:
            return []
        now = {b.id for b in self.blips}
        return [b for b in self.since.blips if b.id not in now]

    def since_words(self) -> str:
        """The earlier radar named for a reader: "Catalog maturity, released 2026-11-28"."""
        if self.since is None:
            return ""
        released = f", released {self.since.released}" if self.since.released else ""
        return f"{self.since.name}{released}"

    def compared_with(self, earlier: Radar | None) -> Radar:
        """This radar with changes marked against `earlier` (None: no marks)."""
        return replace(self, since=earlier)


def _order(blips: list[Blip]) -> list[Blip]:
    return sorted(blips, key=lambda b: (b.area, RINGS.index(b.ring), b.id))


def load_radar(path: Path, catalog: Catalog) -> Radar:
    """Read a radar file; every unknown or repeated id is reported with its line."""
    label = str(path)
    data, marks = read_file(path, label)
    parsed = validate(RadarFile, data, marks, label)
    problems: list[Problem] = []
    blips: list[Blip] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(parsed.entries):
        line, column = locate(marks, ("entries", i, "id"))
        tech_id = catalog.resolve(entry.id)
        if tech_id is None:
            problems.append(Problem(label, line, column, f"entries.{i}.id",
                                    f"unknown technology {entry.id!r}; {hint(entry.id, catalog.known_names())}"))
            continue
        if tech_id in seen:
            problems.append(Problem(label, line, column, f"entries.{i}.id",
                                    f"{tech_id!r} is already on the radar (line {seen[tech_id]}); "
                                    "give each technology one ring"))
            continue
        seen[tech_id] = line or 0
        tech = catalog.by_id[tech_id]
        blips.append(Blip(tech_id, tech.name, catalog.area_of(tech), entry.ring.value, " ".join(entry.reason.split())))
    if problems:
        raise InputError(problems)
    return Radar(parsed.name or path.stem, label, _order(blips), parsed.released)


def maturity_ring(tech: Technology) -> str:
    """The ring the catalog's own facts suggest: status first, then adoption."""
    state = tech.status.state.value
    if state != "active":
        return "hold"
    return {"widespread": "adopt", "common": "trial", "niche": "assess"}[tech.adoption.value]


def _clause(meaning: str) -> str:
    """The first clause of a vocabulary meaning, as a short reason: 'A default choice in its field'."""
    first = re.split(r"[;:.]", meaning, maxsplit=1)[0].strip()
    return first[:1].lower() + first[1:]


def catalog_radar(catalog: Catalog) -> Radar:
    """A radar of the catalog's maturity, for readers who have no radar of their own."""
    scales = catalog.vocabulary.scales
    blips: list[Blip] = []
    for tech in catalog:
        state = tech.status.state.value
        if state != "active":
            since = f" since {tech.status.since}" if tech.status.since else ""
            meaning = scales.get("status", {}).get(state, "")
            successor = f"; use {tech.status.successor} instead" if tech.status.successor else ""
            reason = f"{state}{since}" + (f": {_clause(meaning)}" if meaning else "") + successor
        else:
            meaning = scales.get("adoption", {}).get(tech.adoption.value, "")
            reason = f"{tech.adoption.value} adoption" + (f": {_clause(meaning)}" if meaning else "")
        blips.append(Blip(tech.id, tech.name, catalog.area_of(tech), maturity_ring(tech), reason))
    return Radar("Catalog maturity", "catalog", _order(blips))


PREVIOUS_RELEASE = Path(__file__).resolve().parent / "releases" / "previous-radar.yaml"
"""The maturity radar of the catalog's previous release, written by scripts/radar_release.py (see its docstring)."""


def previous_release(catalog: Catalog) -> Radar:
    """The shipped catalog's radar at its previous release, read like any radar file.

    Its source is named inside the package, not by where the package is installed, so output stays the same bytes.
    """
    return replace(load_radar(PREVIOUS_RELEASE, catalog), source="techpick/releases/previous-radar.yaml")


def is_shipped_catalog(directory: Path | None) -> bool:
    """Whether `directory` (None: the default) is the shipped catalog, the one the release record describes."""
    from techpick.loader import SHIPPED_CATALOG, VOCABULARY_FILE, default_catalog_dir

    chosen = (Path(directory) if directory is not None else default_catalog_dir()).resolve()
    repo = Path(__file__).resolve().parents[2] / "catalog"
    return chosen == SHIPPED_CATALOG or ((repo / VOCABULARY_FILE).is_file() and chosen == repo.resolve())


def release_history(directory: Path | None, catalog: Catalog) -> Radar | None:
    """The previous release's radar for the shipped catalog; None for any other catalog, which has no record."""
    return previous_release(catalog) if is_shipped_catalog(directory) else None
