"""Does a decided stack still fit its requirements under the current catalog?

A decision stays true only while its reasons hold. Catalogs move (a project
is retired, a licence changes) and requirements get edited. The check runs
the engine's hard requirements on the decided technologies, for every need,
and says which requirement each one now fails. Technologies the team already
runs get no pardon here: a retired block in the stack is exactly what the
check is for. Pure: no printing; the CLI turns the result into an exit status.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from techpick.catalog import Catalog
from techpick.recommend import recommend
from techpick.requirements import Requirements
from techpick.suggest import closest


@dataclass
class Verdict:
    need_id: str
    role: str
    decided: list[str]
    fits: bool
    holds: str | None = None  # the technology that still fits
    reasons: list[str] = field(default_factory=list)
    now: str | None = None  # what the engine would pick today, when it differs


@dataclass
class CheckResult:
    verdicts: list[Verdict]
    notes: list[str] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        return all(v.fits for v in self.verdicts)


def check_stack(catalog: Catalog, g: nx.MultiDiGraph, reqs: Requirements,
                decided: dict[str, str | None] | list[str],
                radar: dict[str, tuple[str, str]] | None = None, recorded_catalog: str | None = None) -> CheckResult:
    """Check a stack against the requirements.

    `decided` is either need id -> technology id (from a decision record), or
    a plain list of ids, in which case each need is served by any stack
    member that fills its role.
    """
    stack_ids = [t for t in (decided.values() if isinstance(decided, dict) else decided) if t]
    context = reqs.context.model_copy(update={"existing": [e for e in reqs.context.existing if e not in stack_ids]})
    rec = recommend(g, reqs.model_copy(update={"context": context}), radar)
    # what `recommend` says of the same file, so that the two never disagree about today's pick
    today = {r.id: r for r in recommend(g, reqs, radar).needs}
    notes: list[str] = []
    verdicts: list[Verdict] = []
    used: set[str] = set()
    for need, result in zip(reqs.needs, rec.needs):
        if isinstance(decided, dict):
            if need.id not in decided:
                verdicts.append(Verdict(need.id, need.role, [], False, reasons=[
                    "no decision is recorded for this need (was it added after the review?)"]))
                continue
            recorded_id = decided[need.id]
            chosen = [recorded_id] if recorded_id else []
            if not chosen:
                verdicts.append(Verdict(need.id, need.role, [], False, reasons=[
                    "the review found nothing that fits; decide before relying on it"]))
                continue
        else:
            chosen = [t for t in stack_ids if t in catalog.by_id and need.role in catalog.by_id[t].roles]
            if not chosen:
                verdicts.append(Verdict(need.id, need.role, [], False,
                                        reasons=[f"no technology of the stack fills the role {need.role}"]))
                continue
        verdict = Verdict(need.id, need.role, chosen, False)
        ranked = {c.id: c for c in result.ranked}
        for tech_id in chosen:
            used.add(tech_id)
            if tech_id not in catalog.by_id:
                guess = closest(tech_id, catalog.by_id)
                verdict.reasons.append(f"{tech_id} is no longer in the catalog"
                                       + (f" (renamed to {guess}?)" if guess else ""))
                continue
            cand = ranked.get(tech_id)
            if cand is None:
                verdict.reasons.append(f"{tech_id} no longer fills the role {need.role}")
            elif cand.failures:
                verdict.reasons += [f"{tech_id}: {failure}" for failure in cand.failures]
            elif not verdict.fits:
                verdict.fits, verdict.holds = True, tech_id
        current = today[need.id].picks
        tied = {c.id for c in current if c.score == current[0].score} if current else set()
        if current and not tied & set(chosen):  # a decision that ties today's pick is today's pick too
            verdict.now = current[0].id
        if verdict.fits:
            verdict.reasons = []
        verdicts.append(verdict)
    if isinstance(decided, dict):
        gone = sorted(set(decided) - {n.id for n in reqs.needs})
        if gone:
            notes.append(f"the record decides needs the requirements no longer have: {', '.join(gone)}")
    else:
        unused = [t for t in stack_ids if t not in used]
        if unused:
            notes.append(f"not used by any need: {', '.join(unused)}")
    if recorded_catalog and rec.digest and recorded_catalog != rec.digest:
        notes.append("the catalog has changed since the decision was recorded")
    return CheckResult(verdicts, notes)
