"""(graph, requirements) -> recommendation. Pure: no I/O, no printing.

Three steps, as an architect would take them:
1. Hard requirements: a candidate that fails one is ruled out, and the
   requirement it fails is recorded (its `why_not`); it gets no score.
2. Soft fit ranks the rest. Each soft term is one small function in
   `techpick.terms`, its size a named weight in `WEIGHTS`; a candidate's score
   is `BASE` plus its terms, so `--explain` shows numbers that add up. The
   hard requirements and the forms live in `techpick.filters`, the typed
   view of a technology's facts in `techpick.techview`, the wording of every
   reason in `techpick.notes`.
3. The stack is chosen as a whole: where a block already chosen for one need
   serves another almost as well, it is reused, and the smaller the team the
   larger "almost" is; then the stack is checked for dependencies and glue.

Each candidate is judged in its best-fitting form (self-hosted, a managed
offer, embedded, or, for libraries, tools and formats, simply used), and the
pick says which form it means (contract 1.1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from techpick import graph as G
from techpick.filters import Context, Form, allowed_by, hard_failures
from techpick.notes import Note, join
from techpick.requirements import Constraints, Need, Requirements
from techpick.suggest import closest
from techpick.techview import graph_words, tech_view
from techpick.terms import BASE, WEIGHTS, Term, score, soft_terms
from techpick.units import format_latency, format_volume

if TYPE_CHECKING:  # networkx is imported by whoever builds a graph: a cached one needs none
    import networkx as nx

__all__ = ["BASE", "WEIGHTS", "Candidate", "NeedResult", "Recommendation", "Term", "explanation", "form_text",
           "recommend", "why_not"]

SECOND_PICK_GAP = 0.2  # how close the runner-up must be to be shown as a second pick
CONSIDERED = 4
NEAR_TIE = 0.02  # a rejected block this close to a pick is shown first among the rejected
# Roles whose blocks pass data to each other: a missing integration there is glue to write (except
# between two stores, which the application uses side by side).
DATA_ROLES = {"storage", "messaging", "batch-processing", "stream-processing", "query-engine", "data-integration"}
# What a pick of a kind that is not hosted is, in the words of contract 1.1 (`form`).


@dataclass
class Candidate:
    id: str
    name: str
    score: float | None = None  # None: ruled out by a hard requirement
    failures: list[Note] = field(default_factory=list)
    reasons: list[Note] = field(default_factory=list)
    tradeoffs: list[Note] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    form: Form | None = None

    @property
    def passes(self) -> bool:
        return not self.failures


@dataclass
class NeedResult:
    id: str
    role: str
    picks: list[Candidate]
    considered: list[Candidate]
    ranked: list[Candidate]


@dataclass
class Recommendation:
    catalog_size: int
    digest: str
    needs: list[NeedResult]
    stack: list[str]
    stack_notes: list[str]
    warnings: list[str]


def explanation(cand: Candidate) -> list[Term]:
    """The base, every term and the total, so that the numbers add up (the total is clamped to 0..1)."""
    if not cand.passes:
        return []
    return [Term("base", "base", BASE), *cand.terms, Term("total", "total (0..1)", cand.score or 0.0)]


def form_text(cand: Candidate) -> str:
    """`managed: Amazon RDS for PostgreSQL (aws)`, `self-hosted`, `library` ..."""
    if cand.form is None:
        return ""
    offer = cand.form.offer
    return f"{cand.form.name}: {offer.service} ({offer.provider})" if offer else cand.form.name


def evaluate(g: nx.MultiDiGraph, need: Need, rules: Constraints, ctx: Context,
             bonus: dict[str, tuple[float, list[str]]] | None = None) -> list[Candidate]:
    """All candidates for one need, best first (passing ones ahead of ruled-out ones)."""
    out: list[Candidate] = []
    for tech_id in G.with_role(g, need.role):
        t = tech_view(g, tech_id)
        cand = Candidate(tech_id, t.name)
        cand.failures = hard_failures(g, tech_id, need, rules, ctx)
        if cand.passes:
            cand.terms, cand.reasons, cand.tradeoffs, cand.form = soft_terms(g, tech_id, need, rules, ctx)
            if bonus and tech_id in bonus:
                value, needs = bonus[tech_id]
                cand.terms.append(Term("stack", f"already chosen for {join(needs)}", round(value, 4)))
                cand.reasons.append(Note("stack-reuse", needs=needs))
            cand.score = score(cand.terms)
        out.append(cand)
    reuse = set(bonus or ())
    # ties go to a block the stack already has, then to one built for the need's role over one that does it on the
    # side (a broker over a database's job table), then to the larger ecosystem (integrations and offers), then by id
    out.sort(key=lambda c: (not c.passes, -(c.score or 0.0), len(c.failures), c.id not in reuse,
                            _side_job(c), -_ecosystem(g, c.id), c.id))
    return out


def _side_job(cand: Candidate) -> bool:
    return any(t.key == "role" and t.value < 0 for t in cand.terms)


def _ecosystem(g: nx.MultiDiGraph, tech_id: str) -> int:
    return len(G.related(g, tech_id, G.INTEGRATES_WITH)) + len(tech_view(g, tech_id).offers)


def _choose(ranked: list[Candidate], g: nx.MultiDiGraph, need: Need) -> tuple[list[Candidate], list[Candidate]]:
    passing = [c for c in ranked if c.passes]
    picks = passing[:1]
    # the second pick is an alternative to the first, not a companion (both stay in `considered`): an
    # instrumentation standard beside a back end, a format whose SQL runs only through an engine beside an
    # engine, a collector that keeps no data beside a back end that keeps it
    standard = picks and tech_view(g, picks[0].id).kind == "standard"
    companion = bool(picks) and _format_through_engine(g, picks[0], need)
    keeps = bool(picks) and not _keeps_nothing(picks[0])
    alike = [c for c in passing[1:] if (tech_view(g, c.id).kind == "standard") == standard
             and (companion or not _format_through_engine(g, c, need)) and not (keeps and _keeps_nothing(c))]
    if alike and (passing[0].score or 0) - (alike[0].score or 0) <= SECOND_PICK_GAP:
        picks.append(alike[0])
    chosen = {c.id for c in picks}
    rest = [c for c in ranked if c.id not in chosen]
    # a block that scored as well as a pick comes first among the rejected, then the named alternatives of the
    # winner ...
    alternatives = set(G.related(g, picks[0].id, G.ALTERNATIVE_TO)) if picks else set()
    level = min((c.score or 0.0) for c in picks) if picks else 1.0
    rest.sort(key=lambda c: (not (c.passes and (c.score or 0.0) >= level - NEAR_TIE), c.id not in alternatives,
                             not c.passes, -(c.score or 0.0), len(c.failures), c.id))
    # ... and the best passing block of each other kind (a table format beside warehouses, a library beside
    # servers) keeps a place: it is a different way to build, which a review should weigh
    kinds = {tech_view(g, c.id).kind for c in picks}
    other: dict[str, Candidate] = {}
    for cand in rest:
        kind = tech_view(g, cand.id).kind
        if picks and cand.passes and kind not in kinds and kind not in other:
            other[kind] = cand
    diverse = sorted(other.values(), key=lambda c: -(c.score or 0.0))[:2]
    plain = [c for c in rest[:CONSIDERED] if c not in diverse]
    considered = plain[:CONSIDERED - len([c for c in diverse if c not in rest[:CONSIDERED]])]
    considered += [c for c in diverse if c not in considered]
    return picks, considered


def _keeps_nothing(cand: Candidate) -> bool:
    return any(t.key == "keeps-nothing" for t in cand.terms)


def _format_through_engine(g: nx.MultiDiGraph, cand: Candidate, need: Need) -> bool:
    """A format that serves every capability the need asks for only as an extension (through an engine)."""
    asked = {*need.access, *need.features}
    if tech_view(g, cand.id).kind != "format":
        return False
    through = {n.params["cap"] for n in cand.tradeoffs if n.code == "cap-level" and n.params["level"] == "extension"}
    return bool(asked) and asked <= through


def why_not(cand: Candidate, best: Candidate | None) -> list[Note]:
    """The failed requirements, or the terms on which it lost to the pick."""
    if cand.failures:
        return list(cand.failures)
    if best is None or cand.score is None or best.score is None:
        return [Note("lost-close", score=cand.score or 0.0, best=best.score if best and best.score else 0.0)]
    stack = next((t for t in best.terms if t.key == "stack"), None)
    mine = {t.key: t for t in cand.terms}
    theirs = {t.key: t for t in best.terms}
    losses = []
    for key in sorted(set(mine) | set(theirs)):
        if key == "stack":
            continue
        delta = (mine[key].value if key in mine else 0.0) - (theirs[key].value if key in theirs else 0.0)
        if delta < -0.005:
            label = mine[key].label if key in mine and mine[key].value < 0 else f"{best.name} has: {theirs[key].label}"
            losses.append((delta, label))
    if stack is not None and (cand.score or 0) >= (best.score or 0) - stack.value:
        needs = stack.label.removeprefix("already chosen for ").split(", ")
        return [Note("lost-to-stack", winner=best.name, needs=needs)]
    text = [label for _, label in sorted(losses)[:3]]
    if not text:
        return [Note("lost-close", score=cand.score, best=best.score)]
    return [Note("lost", score=cand.score, best=best.score, terms=text)]


def recommend(g: nx.MultiDiGraph, reqs: Requirements,
              radar: dict[str, tuple[str, str]] | None = None, today: str | None = None) -> Recommendation:
    """One or two blocks per need, with reasons, trade-offs and why-nots.

    `radar` maps technology ids to (ring, reason), ring one of adopt, trial,
    assess, hold: a team's own view that overrides nothing but the ranking
    (and hold, which rules a technology out). `today` (YYYY-MM-DD) decides which
    announced end-of-life dates have passed; it defaults to the current date.
    """
    words = graph_words(g)
    leaving = set(reqs.context.leaving)
    # a block the team is leaving earns nothing for being run: no credit, no integration, no layer over it
    known = {tid for tid in reqs.context.existing if G.node(G.TECH, tid) in g and tid not in leaving}
    family = words.get("skill_family", {})
    skills = set(reqs.context.skills) | {family[s] for s in reqs.context.skills if s in family}
    languages = set(reqs.context.languages) | {family[s] for s in reqs.context.languages if s in family}
    ctx = Context(known, skills, reqs.context.team_size, languages, dict(radar or {}), words=words,
                   today=today or dt.date.today().isoformat())
    ctx.leaving = leaving
    ctx.clouds = {c for tid in known if tech_view(g, tid).main_role == "cloud" for o in tech_view(g, tid).offers
                  for c in o.clouds}
    rules = {need.id: reqs.constraints_for(need) for need in reqs.needs}
    ranked = {need.id: evaluate(g, need, rules[need.id], ctx) for need in reqs.needs}
    if len(reqs.needs) > 1:  # a second look, knowing what the other needs picked
        first = {nid: c[0].id for nid, c in ranked.items() if c and c[0].passes}
        ctx.planned = {n.id: {tid for nid, tid in first.items() if nid != n.id} for n in reqs.needs}
        ranked = {need.id: evaluate(g, need, rules[need.id], ctx) for need in reqs.needs}
    ranked = _consolidate(g, reqs, ranked, rules, ctx)
    results = []
    for need in reqs.needs:
        picks, considered = _choose(ranked[need.id], g, need)
        results.append(NeedResult(need.id, need.role, picks, considered, ranked[need.id]))
    stack, notes = _stack(g, results, ctx, rules)
    warnings = _warnings(g, reqs, results, ctx)
    return Recommendation(int(g.graph.get("technologies", 0)), str(g.graph.get("digest", "")), results, stack,
                          notes, warnings)


def _consolidate(g: nx.MultiDiGraph, reqs: Requirements, ranked: dict[str, list[Candidate]],
                 rules: dict[str, Constraints], ctx: Context) -> dict[str, list[Candidate]]:
    """Choose the stack as a whole: a need moves to a block the stack already has when that block
    scores within the team's reuse gap and the move takes a component away; when no such move is
    left, one block that no need picked may take over several needs (`_share_one_block`). Each move
    removes a component, so this ends; needs are visited in file order, so it is deterministic."""
    gap = WEIGHTS["stack"] * ctx.team_weight
    winner = {nid: c[0] for nid, c in ranked.items() if c and c[0].passes}
    moved: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for need in reqs.needs:
            current = winner.get(need.id)
            if current is None or sum(1 for w in winner.values() if w.id == current.id) > 1:
                continue
            others = {w.id for nid, w in winner.items() if nid != need.id}
            options = [c for c in ranked[need.id] if c.passes and c.id in others
                       and (current.score or 0) - (c.score or 0) <= gap + 1e-9]
            if options:
                winner[need.id] = options[0]
                moved[need.id] = options[0].id
                changed = True
        if not changed:
            changed = _share_one_block(reqs, ranked, winner, moved, gap)
    out = dict(ranked)
    for need in reqs.needs:
        if need.id not in moved:
            continue
        tid = moved[need.id]
        serves = [nid for nid, w in winner.items() if w.id == tid and nid != need.id]
        lift = winner_score(ranked[need.id]) - (winner[need.id].score or 0) + 0.005
        out[need.id] = evaluate(g, need, rules[need.id], ctx, bonus={tid: (max(lift, 0.0), serves)})
    return out


def _share_one_block(reqs: Requirements, ranked: dict[str, list[Candidate]], winner: dict[str, Candidate],
                     moved: dict[str, str], gap: float) -> bool:
    """A block that no need picked but that serves several needs, each within the reuse gap of a pick
    that serves that need alone, replaces those picks: one suite (one vendor's metrics, logs and traces)
    instead of a block per need. The move that takes most components away goes first, then the one that
    loses least. One move at a time (it takes at least one component away); True when one was made."""
    alone = {nid for nid, w in winner.items() if sum(1 for o in winner.values() if o.id == w.id) == 1}
    chosen = {w.id for w in winner.values()}
    serves: dict[str, list[tuple[str, float]]] = {}
    for need in reqs.needs:
        if need.id not in alone:
            continue
        best = winner[need.id].score or 0.0
        for cand in ranked[need.id]:
            if cand.passes and cand.id not in chosen and best - (cand.score or 0.0) <= gap + 1e-9:
                serves.setdefault(cand.id, []).append((need.id, best - (cand.score or 0.0)))
    moves = sorted((-len(found), sum(loss for _, loss in found), tid) for tid, found in serves.items()
                   if len(found) > 1)
    if not moves:
        return False
    tid = moves[0][2]
    for nid, _ in serves[tid]:
        winner[nid] = next(c for c in ranked[nid] if c.id == tid)
        moved[nid] = tid
    return True


def winner_score(ranked: list[Candidate]) -> float:
    return ranked[0].score or 0.0 if ranked else 0.0


def _stack(g: nx.MultiDiGraph, results: list[NeedResult], ctx: Context,
           rules: dict[str, Constraints]) -> tuple[list[str], list[str]]:
    chosen = [r.picks[0].id for r in results if r.picks]
    components = list(dict.fromkeys(chosen))
    first_pick = {r.picks[0].id: r for r in reversed(results) if r.picks}
    notes: list[str] = []
    for tech_id in list(components):
        form = first_pick[tech_id].picks[0].form
        offer = form.bought if form else None
        managed = form is not None and form.name == "managed"
        # their dependencies are in place already, except what a managed offer says it still needs
        if tech_id in ctx.existing or (managed and not (offer and G.requirements(g, tech_id, offer))):
            continue
        need = first_pick[tech_id]
        brought = G.brought_in(g, tech_id, ctx.existing | set(components), allowed_by(g, rules[need.id], need.role),
                               offer, ctx.clouds_on(rules[need.id]))
        for extra in brought:
            if extra not in components:
                components.append(extra)
                notes.append(f"{tech_id} requires {extra}")
    for tech_id in sorted({t for t in chosen if chosen.count(t) > 1}):
        needs = [r.id for r in results if r.picks and r.picks[0].id == tech_id]
        notes.append(f"{tech_id} serves {len(needs)} needs ({join(needs)}): one component fewer to run")
    picked = list(dict.fromkeys(chosen))
    data_path: dict[str, set[str]] = {}
    for r in results:
        if r.picks and r.role in DATA_ROLES:
            data_path.setdefault(r.picks[0].id, set()).add(r.role)
    for i, a in enumerate(picked):
        partners = set(G.related(g, a, G.INTEGRATES_WITH))
        for b in picked[i + 1:]:
            if any(b in group for group in G.requirements(g, a)):
                notes.append(f"{a} runs on {b}")
            elif any(a in group for group in G.requirements(g, b)):
                notes.append(f"{b} runs on {a}")
            elif b in partners:
                notes.append(f"{a} integrates with {b}")
            elif a in data_path and b in data_path and not data_path[a] == data_path[b] == {"storage"}:
                # two stores of separate needs (a database and a cache) meet in the application, not in glue
                notes.append(f"no documented integration between {a} and {b}: plan the glue")
    reused = sorted(set(components) & ctx.existing)
    if reused:
        notes.append(f"reuses what the team runs: {join(reused)}")
    new = [c for c in components if c not in ctx.existing]
    if new:
        notes.append(f"new components to operate: {join(new)}")
    return components, notes


def _warnings(g: nx.MultiDiGraph, reqs: Requirements, results: list[NeedResult], ctx: Context) -> list[str]:
    warnings: list[str] = []
    by_id = {need.id: need for need in reqs.needs}
    for result in results:
        need = by_id[result.id]
        if not result.picks:
            closest_cand = result.ranked[0] if result.ranked else None
            detail = f"; closest: {closest_cand.id} ({'; '.join(closest_cand.failures)})" if closest_cand else ""
            if not result.ranked:
                detail = f"; the catalog has no technology with role {need.role}"
            warnings.append(f"{need.id}: nothing satisfies the hard requirements{detail}")
        if need.latency is not None and need.volume is not None and need.latency < 1e-3 and need.volume > 1e13:
            warnings.append(f"{need.id}: sub-millisecond p99 over {format_volume(need.volume)} is a contradiction "
                            "for most stores; check which operation must be that fast")
        if need.embedded and need.volume is not None and need.volume > 1e13:
            warnings.append(f"{need.id}: an embedded block holding {format_volume(need.volume)} "
                            "outgrows one application process")
        if need.embedded and need.availability == "high":
            warnings.append(f"{need.id}: an embedded block is as available as the one process it runs in")
        if (need.regions and need.regions > 1 and need.consistency == "strong" and need.latency is not None
                and need.latency < 0.05):
            warnings.append(f"{need.id}: strong consistency across {need.regions} regions waits for cross-region "
                            f"round trips (tens of ms); a p99 of {format_latency(need.latency)} for writes is "
                            "unlikely")
        if need.volume is not None and need.volume >= 1e15 and ctx.team_size is not None and ctx.team_size <= 3:
            warnings.append(f"{need.id}: {format_volume(need.volume)} is a lot for a team of {ctx.team_size}; "
                            "a managed service or a smaller scope may be wiser")
        if need.regions and need.regions > 1 and need.consistency == "strong":
            if ctx.team_size is not None and ctx.team_size <= 3:
                warnings.append(f"{need.id}: strong consistency across {need.regions} regions is hard to run "
                                f"for a team of {ctx.team_size}; consider one write region")
        rules = reqs.constraints_for(need)
        if rules.hosting and rules.hosting.value == "managed" and need.embedded:
            warnings.append(f"{need.id}: hosting 'managed' and embedded: true contradict each other")
    for tech_id in sorted(ctx.existing):
        t = tech_view(g, tech_id)
        if t.state in {"retired", "archived", "deprecated"}:
            successor = f"; plan a move to {t.successor}" if t.successor else ""
            warnings.append(f"{tech_id} (already run) is {t.state}{successor}")
        elif t.end_of_life and t.end_of_life <= ctx.today:
            successor = f"; plan a move to {t.successor}" if t.successor else ""
            warnings.append(f"{tech_id} (already run) reached its end of life on {t.end_of_life}{successor}")
    for name in sorted(set(reqs.context.existing) - ctx.existing - ctx.leaving):
        guess = closest(name, G.technologies(g))
        warnings.append(f"{name} (already run) is not in the catalog" + (f" (did you mean {guess}?)" if guess else "")
                        + ": it counts for nothing in this recommendation")
    known_skills = set(ctx.words.get("skills", []))
    for skill in sorted(set(reqs.context.skills) - known_skills) if known_skills else []:
        guess = closest(skill, sorted(known_skills))
        warnings.append(f"skill {skill!r} is not in the vocabulary" + (f"; did you mean {guess}?" if guess else "")
                        + " It counts for nothing here.")
    for tech_id in sorted(set(reqs.constraints.exclude) & ctx.existing):
        warnings.append(f"{tech_id} is both excluded and already run by the team")
    return warnings
