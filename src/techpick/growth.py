"""How sensitive each decision is to growth: the recommendation at 10x and 100x.

Every stated volume and throughput is multiplied together (a business that
grows tenfold grows in both) and the engine runs again on the scaled
requirements. For each need we keep the pick at each step and, where it
changes, the requirement that forced the change: the failure of the previous
pick at the new size, or why it now ranks lower. Latency and the other
requirements stay as stated.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx

from techpick import graph as G
from techpick.recommend import Candidate, Recommendation, recommend, why_not
from techpick.requirements import Requirements
from techpick.units import format_throughput, format_volume

FACTORS: tuple[int, ...] = (10, 100)


@dataclass
class Step:
    factor: int
    volume: float | None
    throughput: float | None
    picks: list[str]
    change: str | None = None  # why the first pick changed
    dropped: list[str] = field(default_factory=list)  # why a second pick left the shortlist
    strain: list[str] = field(default_factory=list)


@dataclass
class GrowthPath:
    need_id: str
    sized: bool
    steps: list[Step] = field(default_factory=list)

    @property
    def stable(self) -> bool:
        """True when the first pick survives every step."""
        firsts = {s.picks[0] if s.picks else None for s in self.steps}
        return len(firsts) == 1 and None not in firsts


def scale(reqs: Requirements, factor: float) -> Requirements:
    """The same requirements with every stated volume and throughput multiplied."""
    needs = [need.model_copy(update={
        "volume": need.volume * factor if need.volume is not None else None,
        "throughput": need.throughput * factor if need.throughput is not None else None,
    }) for need in reqs.needs]
    return reqs.model_copy(update={"needs": needs})


def _strain(g: nx.MultiDiGraph, tech_id: str, volume: float | None, throughput: float | None) -> list[str]:
    """Where a size has left the pick's sweet spot: it still fits, but you start to fight it."""
    t = G.tech(g, tech_id)
    out: list[str] = []
    if volume is not None and t["volume_high"] is not None and volume > t["volume_high"]:
        out.append(f"volume {format_volume(volume)} is past its sweet spot (up to {format_volume(t['volume_high'])})")
    if throughput is not None and t["throughput_high"] is not None and throughput > t["throughput_high"]:
        out.append(f"throughput {format_throughput(throughput)} is past its sweet spot "
                   f"(up to {format_throughput(t['throughput_high'])})")
    return out


Run = tuple[int, Requirements, Recommendation]


def growth_runs(g: nx.MultiDiGraph, reqs: Requirements, base: Recommendation | None = None,
                radar: dict[str, tuple[str, str]] | None = None,
                factors: tuple[int, ...] = FACTORS) -> Iterator[Run]:
    """The engine's run at 1x, then at each factor, one at a time: a caller that must stay responsive
    (the Recommend page's worker) can answer something else between two runs."""
    yield 1, reqs, base or recommend(g, reqs, radar)
    for factor in factors:
        scaled = scale(reqs, factor)
        yield factor, scaled, recommend(g, scaled, radar)


def growth_paths(g: nx.MultiDiGraph, reqs: Requirements, base: Recommendation | None = None,
                 radar: dict[str, tuple[str, str]] | None = None,
                 factors: tuple[int, ...] = FACTORS, runs: list[Run] | None = None) -> dict[str, GrowthPath]:
    """Need id -> the picks at 1x and at each factor, with the reason for every change
    (from `runs` when the caller has made them already)."""
    runs = runs if runs is not None else list(growth_runs(g, reqs, base, radar, factors))
    paths: dict[str, GrowthPath] = {}
    for index, need in enumerate(reqs.needs):
        path = GrowthPath(need.id, need.volume is not None or need.throughput is not None)
        previous: list[str] = []
        for factor, scaled, rec in runs:
            scaled_need = scaled.needs[index]
            result = rec.needs[index]
            picks = [p.id for p in result.picks]
            step = Step(factor, scaled_need.volume, scaled_need.throughput, picks)
            if picks:
                step.strain = _strain(g, picks[0], scaled_need.volume, scaled_need.throughput)
            if previous and (not picks or picks[0] != previous[0]):
                step.change = _why_changed(result.ranked, previous[0], picks[0] if picks else None)
            step.dropped = [_why_dropped(result.ranked, old, picks[0] if picks else None)
                            for old in previous[1:] if old not in picks]
            path.steps.append(step)
            previous = picks
        paths[need.id] = path
    return paths


def _why_moved(ranked: list[Candidate], old: str, other: str | None, *, dropped: bool) -> str:
    """Why a former pick lost its place: the requirement it fails, or the terms it lost on."""
    old_cand = next((c for c in ranked if c.id == old), None)
    other_cand = next((c for c in ranked if c.id == other), None) if other else None
    if old_cand is None:
        return f"{old} is no longer a candidate"
    if old_cand.failures:
        return f"{old} fails: " + "; ".join(old_cand.failures)
    if other_cand is None:
        return f"{old} drops out" if dropped else "nothing in the catalog meets the requirements at this size"
    lost = why_not(old_cand, other_cand)[0]
    return f"{old} drops out ({lost})" if dropped else f"{other} now ranks above {old} ({lost})"


def _why_changed(ranked: list[Candidate], old: str, new: str | None) -> str:
    """The requirement that moved the decision, in the words of the engine."""
    return _why_moved(ranked, old, new, dropped=False)


def _why_dropped(ranked: list[Candidate], old: str, best: str | None) -> str:
    """Why a former second pick is no longer shortlisted."""
    return _why_moved(ranked, old, best, dropped=True)
