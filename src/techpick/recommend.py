"""(graph, requirements) -> recommendation. Pure: no I/O, no printing.

Two steps per need, as an architect would take them:
1. Hard requirements filter: a candidate that fails one is out, and the
   requirement it fails is recorded (its `why_not`).
2. Soft fit ranks the rest. Every adjustment is a named term, so a user can
   see which requirement moved which candidate (`explain`).
Then the needs are looked at together: a block already chosen for one need
that serves another almost as well is preferred (fewer components), and the
resulting stack is checked for missing glue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from techpick import graph as G
from techpick.requirements import Constraints, Need, Requirements
from techpick.units import format_latency, format_throughput, format_volume

# How much each level of support is worth when a need asks for a capability ...
LEVEL_VALUE = {"native": 1.0, "extension": 0.7, "partial": 0.55}
# ... and when it only prefers it: each preferred capability is worth this much, natively served.
PREFER_EACH = 0.05
PREFER_CAP = 0.25
PREFER_VALUE = {"native": 1.0, "extension": 0.6, "partial": 0.4}
# An embedded library on a virtual machine embeds only in programs of that runtime.
VM_RUNTIMES = {"jvm": {"jvm"}, "python": {"python"}, "javascript": {"javascript"}, "dotnet": {"dotnet"},
               "erlang": {"erlang"}, "ruby": {"ruby"}}
# Skills that are languages or runtimes: lacking all of a block's language skills costs a little.
LANGUAGE_SKILLS = {"python", "jvm", "java", "scala", "kotlin", "go", "rust", "c", "cpp", "javascript", "erlang",
                   "ruby", "dotnet", "r"}
# How close the runner-up must be to the winner to be shown as a second pick.
SECOND_PICK_GAP = 0.2
# A block already picked for another need wins when it is this close.
STACK_REUSE_GAP = 0.08
CONSIDERED = 4
# Roles whose blocks pass data to each other: a missing integration there is glue to write.
DATA_ROLES = {"storage", "messaging", "batch-processing", "stream-processing", "query-engine"}
SKILL_FAMILIES = {"java": "jvm", "scala": "jvm", "kotlin": "jvm", "clojure": "jvm", "groovy": "jvm",
                  "typescript": "javascript", "node": "javascript", "elixir": "erlang", "c++": "cpp", "c#": "dotnet"}


@dataclass
class Term:
    """One named adjustment to a candidate's score; `key` says what it is about,
    so that two candidates' terms can be compared."""

    key: str
    label: str
    value: float


@dataclass
class Candidate:
    id: str
    name: str
    score: float = 0.0
    failures: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    tradeoffs: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)

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


# ---- helpers ----------------------------------------------------------------

def _decades(a: float, b: float) -> float:
    return abs(math.log10(max(a, 1e-12) / max(b, 1e-12)))


def _skills(values: list[str]) -> set[str]:
    out = set()
    for value in values:
        out.add(value)
        out.add(SKILL_FAMILIES.get(value, value))
    return out


def _join(words: list[str]) -> str:
    return ", ".join(words)


@dataclass
class _Context:
    existing: set[str]
    skills: set[str]
    team_size: int | None
    radar: dict[str, tuple[str, str]] = field(default_factory=dict)
    clouds: set[str] = field(default_factory=set)  # clouds the team already uses (a cloud in `existing`)


# What a team's radar ring does to a candidate: hold is a hard no; adopt is preferred.
RADAR_TERMS = {"adopt": 0.1, "trial": 0.0, "assess": -0.03}


def _constraint_failures(g: nx.MultiDiGraph, tech_id: str, rules: Constraints, role: str) -> list[str]:
    """What the file's constraints (licence, hosting, cloud, exclude) rule out, for any block."""
    t = G.tech(g, tech_id)
    fails: list[str] = []
    if tech_id in rules.exclude:
        fails.append("excluded by the requirements")
    if rules.license and rules.license.value == "open-source" and not t["open_source"]:
        fails.append(f"not open source (licence {t['license']})")
    if rules.license and rules.license.value == "permissive" and not t["permissive"]:
        fails.append(f"licence {t['license']} is not permissive")
    clouds = {cloud for cloud, _, _ in G.offers(g, tech_id)}
    hosting = _hosting(rules)
    if hosting == "self-hosted" and not t["self_hosted"]:
        fails.append("cannot be self-hosted (managed service only)")
    if hosting == "managed" and not clouds:
        fails.append("no managed offer")
    if rules.cloud:
        on_cloud = rules.cloud in clouds
        if hosting == "managed" or role == "cloud":
            if not on_cloud:
                fails.append(f"no managed offer on {rules.cloud}")
        elif not on_cloud and not t["self_hosted"]:
            fails.append(f"not available on {rules.cloud}")
    return fails


def _allowed(g: nx.MultiDiGraph, rules: Constraints, role: str) -> Any:
    """A test for the dependencies a pick brings: they must meet the constraints too."""
    return lambda tech_id: not _constraint_failures(g, tech_id, rules, role)


# ---- hard requirements -------------------------------------------------------

def hard_failures(g: nx.MultiDiGraph, tech_id: str, need: Need, rules: Constraints, ctx: _Context) -> list[str]:
    """Every hard requirement the technology fails, in words."""
    t = G.tech(g, tech_id)
    caps = G.capabilities(g, tech_id)
    fails: list[str] = []
    fails += _constraint_failures(g, tech_id, rules, need.role)
    if need.data_model and need.data_model not in t["data_models"]:
        models = _join(t["data_models"]) or "none"
        fails.append(f"does not hold {need.data_model} data (its models: {models})")
    missing = [c for c in [*need.access, *need.features] if c not in caps]
    if missing:
        fails.append(f"lacks {_join(sorted(dict.fromkeys(missing)))}")
    if need.embedded and not t["embedded"]:
        fails.append("cannot run inside the application process")
    if need.persistence and t["durability"] == "none":
        fails.append("keeps data in memory only; it is lost on restart")
    if need.regions and need.regions > 1:
        geo = caps.get("geo-replication")
        if geo is None:
            fails.append(f"cannot serve writes in {need.regions} regions")
        elif geo[0] == "partial":
            fails.append(f"replicates across regions but cannot serve writes in {need.regions}"
                         + (f" ({geo[1]})" if geo[1] else ""))
    if need.consistency == "strong" and t["consistency"] == "eventual":
        fails.append("only eventually consistent")
    if need.availability == "high" and t["high_availability"] == "none":
        fails.append("no replication with automatic failover")
    if need.volume is not None:
        if t["volume_max"] is None:
            fails.append("holds no data of its own")
        elif need.volume > t["volume_max"]:
            fails.append(f"{format_volume(need.volume)} is beyond its ceiling of {format_volume(t['volume_max'])}")
    if need.throughput is not None and t["throughput_max"] is not None and need.throughput > t["throughput_max"]:
        fails.append(f"{format_throughput(need.throughput)} is beyond its ceiling of "
                     f"{format_throughput(t['throughput_max'])}")
    if need.latency is not None and t["latency_p99"] is not None and need.latency < t["latency_p99"]:
        fails.append(f"p99 {format_latency(need.latency)} is faster than its best of {format_latency(t['latency_p99'])}")
    if need.concurrency and t["concurrency_max"] and need.concurrency > t["concurrency_max"]:
        fails.append(f"{need.concurrency} concurrent clients exceed the {t['concurrency_max']} it serves well")
    ring = ctx.radar.get(tech_id)
    if ring and ring[0] == "hold":
        fails.append(f"on hold in the team's radar" + (f": {ring[1]}" if ring[1] else ""))
    if t["state"] in {"retired", "archived"} and tech_id not in ctx.existing:
        since = f" since {t['state_since']}" if t["state_since"] else ""
        successor = f"; use {t['successor']} instead" if t["successor"] else ""
        fails.append(f"{t['state']}{since}, not for new work{successor}")
    return fails


# ---- soft fit ----------------------------------------------------------------

def _size_fit(value: float | None, low: float | None, high: float | None, what: str,
              fmt: Any) -> tuple[float, str | None, str | None]:
    """Score in [-0.5, 0] for where a stated size sits against the sweet spot."""
    if value is None or low is None or high is None:
        return 0.0, None, None
    if low <= value <= high:
        return 0.0, f"{what} {fmt(value)} sits in its sweet spot ({fmt(low)}-{fmt(high)})", None
    if value < low:
        d = _decades(low, value)
        return -min(0.5, 0.06 * d), None, f"built for {fmt(low)} and more; {fmt(value)} of {what} does not need it"
    d = _decades(value, high)
    return -min(0.5, 0.1 * d), None, f"{what} {fmt(value)} is above its sweet spot ({fmt(high)}): expect tuning"


def soft_terms(g: nx.MultiDiGraph, tech_id: str, need: Need, rules: Constraints, ctx: _Context
               ) -> tuple[list[Term], list[str], list[str]]:
    """Named score terms, reasons and trade-offs for a candidate that passed."""
    t = G.tech(g, tech_id)
    caps = G.capabilities(g, tech_id)
    terms: list[Term] = []
    reasons: list[str] = []
    trade: list[str] = []
    hosting = _hosting(rules)

    # capabilities the need asks for, by how well they are served; a partial or
    # extension capability provided through something the team runs counts in full
    def served(cap: str) -> tuple[str, list[str]]:
        level, _, via = caps[cap]
        running = [v for v in via if v in ctx.existing]
        return ("native" if running else level), running

    asked = list(dict.fromkeys([*need.access, *need.features]))
    if asked:
        values = [LEVEL_VALUE[served(c)[0]] for c in asked]
        shortfall = round(0.3 * (sum(values) / len(values) - 1), 4)
        if shortfall:
            terms.append(Term("capabilities", "required capabilities only partly served", shortfall))
        native = [c for c in asked if caps[c][0] == "native"]
        if native:
            reasons.append(f"serves {_join(native)} natively")
        for c in asked:
            level, note, via = caps[c]
            running = served(c)[1]
            if running:
                reasons.append(f"serves {c} through {_join(running)}, which the team runs")
            elif level != "native":
                trade.append(f"{c} is {level}" + (f": {note}" if note else "")
                             + (f" (via {_join(via)})" if via and not note else ""))
    for cap in G.implied(g, need.role):
        if cap in asked:
            continue
        level = served(cap)[0] if cap in caps else None
        shortfall = round(-0.1 * (1 - LEVEL_VALUE.get(level or "", 0.0)), 4)
        if shortfall:
            terms.append(Term(f"implied:{cap}", f"{need.role} usually means {cap}", shortfall))
            note = caps[cap][1] if cap in caps else None
            trade.append(f"{cap} is {level}" + (f": {note}" if note else "") if level else f"no {cap} of its own")
    if need.prefer:
        got = [c for c in need.prefer if c in caps]
        value = min(PREFER_CAP, PREFER_EACH * sum(PREFER_VALUE[served(c)[0]] for c in got))
        if value:
            terms.append(Term("prefer", "preferred capabilities", round(value, 4)))
        if got:
            reasons.append(f"also offers {_join(got)}")
        missing = [c for c in need.prefer if c not in caps]
        if missing:
            trade.append(f"no {_join(missing)}")

    # role and data model: the block's main purpose or a side line?
    if t["roles"] and t["roles"][0] != need.role:
        terms.append(Term("role", f"{need.role} is not its main role", -0.05))
    if need.data_model and t["data_models"] and t["data_models"][0] != need.data_model:
        terms.append(Term("data-model", f"{need.data_model} is not its main data model", -0.1))

    # size: volume, throughput, latency
    for value, low, high, what, fmt in (
        (need.volume, t["volume_low"], t["volume_high"], "volume", format_volume),
        (need.throughput, t["throughput_low"], t["throughput_high"], "throughput", format_throughput),
    ):
        score, reason, tradeoff = _size_fit(value, low, high, what, fmt)
        if score:
            terms.append(Term(what, f"{what} outside its sweet spot", round(score, 4)))
        if reason:
            reasons.append(reason)
        if tradeoff:
            trade.append(tradeoff)
    if need.latency is not None and t["latency_p99"] is not None:
        reasons.append(f"meets the p99 target of {format_latency(need.latency)} "
                       f"(its best: {format_latency(t['latency_p99'])})")
        headroom = _decades(need.latency, t["latency_p99"])
        if headroom < 0.3:
            terms.append(Term("latency", "little latency headroom", -0.03))

    # quality of service asked for but only partly offered
    if need.availability == "high":
        ha = t["high_availability"]
        if ha == "native":
            reasons.append("replicates with automatic failover")
        else:
            terms.append(Term("availability", f"high availability is {ha}", -0.06))
            trade.append(f"high availability is {ha}" + (f": {t['availability_note']}" if t["availability_note"] else ""))
    if need.consistency == "strong" and t["consistency"] == "tunable":
        terms.append(Term("consistency", "strong consistency only per operation", -0.04))
        trade.append("strong consistency only with quorum reads and writes")
    if need.persistence is False and t["durability"] == "none":
        terms.append(Term("durability", "no durability to pay for", 0.02))
    if need.embedded and t["embedded"]:
        reasons.append("runs inside the application process: no server to operate")
        family = VM_RUNTIMES.get(t["runtime"])
        if family and ctx.skills and not family & ctx.skills:
            terms.append(Term("runtime", f"embeds only in {t['runtime']} programs", -0.15))
            trade.append(f"embeds only in {t['runtime']} programs; the team works in {_join(sorted(ctx.skills))}")

    # operational weight, against the team that will carry it
    managed = hosting == "managed" or (not t["self_hosted"])
    complexity = t["managed_complexity"] if managed and t["managed_complexity"] else t["complexity"]
    # a managed offer runs its own dependencies; what the team runs already has its own in place
    running = managed or tech_id in ctx.existing
    brought = [] if running else G.brought_in(g, tech_id, ctx.existing, _allowed(g, rules, need.role))
    parts = set(G.related(g, tech_id, G.HAS_PART))  # a bundle's complexity already covers its parts
    extras = [b for b in brought if b not in parts]
    weight = _team_weight(ctx.team_size) * (0.5 if tech_id in ctx.existing else 1.0)  # a burden already carried
    if complexity > 1:
        terms.append(Term("complexity", f"operational complexity {complexity}/5", round(-0.05 * (complexity - 1) * weight, 4)))
    if extras:
        extra = sum(G.tech(g, b)["complexity"] for b in extras)
        terms.append(Term("brings", f"brings {_join(extras)}", round(-0.03 * extra * weight, 4)))
        trade.append(f"brings {_join([G.tech(g, b)['name'] for b in extras])} to run as well")
    bundled = [b for b in brought if b in parts]
    if bundled:
        trade.append(f"runs as several parts: {_join([G.tech(g, b)['name'] for b in bundled])}")
    if complexity >= 3:
        trade.append(f"operational complexity {complexity}/5: {t['complexity_reason']}")
    elif complexity <= 2:
        reasons.append(f"simple to operate ({complexity}/5)")

    # the team and what it already runs
    if tech_id in ctx.existing:
        terms.append(Term("existing", "already run by the team", 0.15))
        reasons.append("already run by the team: no new component")
    partners = [i for i in G.related(g, tech_id, G.INTEGRATES_WITH) if i in ctx.existing]
    requires_existing = [i for group in G.requirements(g, tech_id) for i in group if i in ctx.existing]
    required_by = [i for i in ctx.existing if any(tech_id in group for group in G.requirements(g, i))]
    linked = sorted(set(partners) | set(requires_existing) | set(required_by))
    if linked:
        terms.append(Term("integration", f"works with {_join(linked)}", round(min(0.12, 0.035 * len(linked)), 4)))
        reasons.append(f"works with what you run: {_join(linked)}")
    if ctx.skills and t["skills"]:
        overlap = sorted(_skills(t["skills"]) & ctx.skills)
        if overlap:
            terms.append(Term("skills", f"team knows {_join(overlap)}", 0.04))
            reasons.append(f"fits the team's skills ({_join(overlap)})")
        elif LANGUAGE_SKILLS & set(t["skills"]):
            languages = sorted(LANGUAGE_SKILLS & set(t["skills"]))
            terms.append(Term("skills", f"team lacks {_join(languages)}", -0.04))
            trade.append(f"the team would need {_join(languages)} skills")

    ring = ctx.radar.get(tech_id)
    if ring and RADAR_TERMS.get(ring[0]):
        terms.append(Term("radar", f"radar: {ring[0]}", RADAR_TERMS[ring[0]]))
        if ring[0] == "adopt":
            reasons.append("adopted in the team's radar" + (f" ({ring[1]})" if ring[1] else ""))
        else:
            trade.append(f"only '{ring[0]}' in the team's radar" + (f": {ring[1]}" if ring[1] else ""))

    # maturity and lock-in
    if t["adoption"] != "common":
        terms.append(Term("adoption", f"adoption {t['adoption']}", {"widespread": 0.03, "niche": -0.04}[t["adoption"]]))
    if t["state"] in {"maintenance", "deprecated", "retired", "archived"}:
        penalty = {"maintenance": -0.08, "deprecated": -0.2}.get(t["state"], -0.3)
        terms.append(Term("status", f"status {t['state']}", penalty))
        successor = f"; successor: {t['successor']}" if t["successor"] else ""
        trade.append(f"project is {t['state']}" + (f" since {t['state_since']}" if t["state_since"] else "") + successor)
    offers = G.offers(g, tech_id)
    if rules.cloud:
        first = [service for cloud, service, first_party in offers if cloud == rules.cloud and first_party]
        any_offer = [service for cloud, service, _ in offers if cloud == rules.cloud]
        if first:
            terms.append(Term("cloud", f"native service of {rules.cloud}", 0.03))
            reasons.append(f"{rules.cloud}'s own managed service ({first[0]})")
        elif any_offer and hosting == "managed":
            reasons.append(f"managed on {rules.cloud} as {any_offer[0]}")
    elif not t["self_hosted"]:
        only = sorted({cloud for cloud, _, _ in offers})
        if ctx.clouds and not set(only) & ctx.clouds:
            terms.append(Term("lock-in", f"not offered on {_join(sorted(ctx.clouds))}, the cloud you use", -0.2))
            trade.append(f"only on {_join(only)}, not on {_join(sorted(ctx.clouds))}")
        elif not ctx.clouds and len(only) == 1:
            terms.append(Term("lock-in", f"only on {only[0]}, and no cloud was stated", -0.15))
            trade.append(f"only available on {only[0]}: fits only if you run there, and ties you to it")
    if rules.license and rules.license.value != "any":
        reasons.append(f"licence {t['license']} meets {rules.license.value}")
    return terms, reasons, trade


def _team_weight(team_size: int | None) -> float:
    """How much operational weight hurts: a lot for two people, little for a platform team."""
    if team_size is None:
        return 1.0
    for limit, weight in ((2, 2.0), (5, 1.4), (10, 1.0), (30, 0.7)):
        if team_size <= limit:
            return weight
    return 0.5


def _score(terms: list[Term]) -> float:
    return round(max(0.0, min(1.0, 0.75 + sum(term.value for term in terms))), 2)


# ---- needs and stack --------------------------------------------------------

def evaluate(g: nx.MultiDiGraph, need: Need, rules: Constraints, ctx: _Context,
             bonus: dict[str, float] | None = None) -> list[Candidate]:
    """All candidates for one need, best first (passing ones ahead of failing)."""
    out: list[Candidate] = []
    for tech_id in G.with_role(g, need.role):
        t = G.tech(g, tech_id)
        cand = Candidate(tech_id, t["name"])
        cand.failures = hard_failures(g, tech_id, need, rules, ctx)
        if cand.passes:
            cand.terms, cand.reasons, cand.tradeoffs = soft_terms(g, tech_id, need, rules, ctx)
            if bonus and tech_id in bonus:
                cand.terms.append(Term("stack", "already chosen for another need", bonus[tech_id]))
                cand.reasons.append("already chosen for another need: one component serves both")
            cand.score = _score(cand.terms)
        else:
            cand.score = round(max(0.0, 0.5 - 0.1 * len(cand.failures)), 2)
        out.append(cand)
    # ties go to the block with the larger ecosystem (integrations and managed offers), then by id
    out.sort(key=lambda c: (not c.passes, -c.score, len(c.failures), -_ecosystem(g, c.id), c.id))
    return out


def _ecosystem(g: nx.MultiDiGraph, tech_id: str) -> int:
    return len(G.related(g, tech_id, G.INTEGRATES_WITH)) + len({s for _, s, _ in G.offers(g, tech_id)})


def _choose(ranked: list[Candidate], g: nx.MultiDiGraph) -> tuple[list[Candidate], list[Candidate]]:
    passing = [c for c in ranked if c.passes]
    picks = passing[:1]
    if len(passing) > 1 and passing[0].score - passing[1].score <= SECOND_PICK_GAP:
        picks.append(passing[1])
    chosen = {c.id for c in picks}
    rest = [c for c in ranked if c.id not in chosen]
    # the named alternatives of the winner come first among the rejected
    alternatives = set(G.related(g, picks[0].id, G.ALTERNATIVE_TO)) if picks else set()
    rest.sort(key=lambda c: (c.id not in alternatives, not c.passes, -c.score, c.id))
    return picks, rest[:CONSIDERED]


def why_not(cand: Candidate, best: Candidate | None) -> list[str]:
    """The failed requirements, or the terms on which it lost to the pick."""
    if cand.failures:
        return list(cand.failures)
    if best is None:
        return ["scored lower"]
    mine = {t.key: t for t in cand.terms}
    theirs = {t.key: t for t in best.terms}
    losses = []
    for key in sorted(set(mine) | set(theirs)):
        delta = (mine[key].value if key in mine else 0.0) - (theirs[key].value if key in theirs else 0.0)
        if delta < -0.005:
            label = mine[key].label if key in mine and mine[key].value < 0 else f"{best.name} has: {theirs[key].label}"
            losses.append((delta, label))
    text = [label for _, label in sorted(losses)[:3]] or ["close, but scored lower"]
    return [f"scored {cand.score:.2f} against {best.score:.2f}: " + "; ".join(text)]


def recommend(g: nx.MultiDiGraph, reqs: Requirements,
              radar: dict[str, tuple[str, str]] | None = None) -> Recommendation:
    """One or two blocks per need, with reasons, trade-offs and why-nots.

    `radar` maps technology ids to (ring, reason), ring one of adopt, trial,
    assess, hold: a team's own view that overrides nothing but the ranking
    (and hold, which rules a technology out).
    """
    ctx = _Context(set(reqs.context.existing), _skills(reqs.context.skills), reqs.context.team_size,
                   dict(radar or {}))
    ctx.clouds = {cloud for tech_id in ctx.existing if G.node(G.TECH, tech_id) in g
                  and "cloud" in G.tech(g, tech_id)["roles"] for cloud, _, _ in G.offers(g, tech_id)}
    rules = {need.id: reqs.constraints_for(need) for need in reqs.needs}

    first = {need.id: evaluate(g, need, rules[need.id], ctx) for need in reqs.needs}
    winners: dict[str, str] = {nid: ranked[0].id for nid, ranked in first.items() if ranked and ranked[0].passes}
    results: list[NeedResult] = []
    for need in reqs.needs:
        ranked = first[need.id]
        others = {tid for nid, tid in winners.items() if nid != need.id}
        passing = [c for c in ranked if c.passes]
        if passing and any(c.id in others and passing[0].score - c.score <= STACK_REUSE_GAP for c in passing):
            ranked = evaluate(g, need, rules[need.id], ctx, bonus={tid: STACK_REUSE_GAP for tid in others})
        picks, considered = _choose(ranked, g)
        results.append(NeedResult(need.id, need.role, picks, considered, ranked))

    managed = {r.picks[0].id for r in results if r.picks
               and (_hosting(rules[r.id]) == "managed" or not G.tech(g, r.picks[0].id)["self_hosted"])}
    stack, notes = _stack(g, results, ctx, managed, rules)
    warnings = _warnings(g, reqs, results, ctx)
    return Recommendation(int(g.graph.get("technologies", 0)), str(g.graph.get("digest", "")), results, stack,
                          notes, warnings)


def _hosting(rules: Constraints) -> str:
    return rules.hosting.value if rules.hosting else "any"


def _stack(g: nx.MultiDiGraph, results: list[NeedResult], ctx: _Context, managed: set[str],
           rules: dict[str, Constraints]) -> tuple[list[str], list[str]]:
    chosen = [r.picks[0].id for r in results if r.picks]
    components = list(dict.fromkeys(chosen))
    need_of = {r.picks[0].id: r for r in reversed(results) if r.picks}
    notes: list[str] = []
    for tech_id in list(components):
        if tech_id in managed or tech_id in ctx.existing:  # their dependencies are in place already
            continue
        first = need_of[tech_id]
        allowed = _allowed(g, rules[first.id], first.role)
        brought = G.brought_in(g, tech_id, ctx.existing | set(components), allowed)
        for extra in brought:
            if extra not in components:
                components.append(extra)
                notes.append(f"{tech_id} requires {extra}")
    shared = sorted({t for t in chosen if chosen.count(t) > 1})
    for tech_id in shared:
        needs = [r.id for r in results if r.picks and r.picks[0].id == tech_id]
        notes.append(f"{tech_id} serves {len(needs)} needs ({_join(needs)}): one component fewer to run")
    picked = list(dict.fromkeys(chosen))
    data_path = {r.picks[0].id for r in results if r.picks and r.role in DATA_ROLES}
    for i, a in enumerate(picked):
        partners = set(G.related(g, a, G.INTEGRATES_WITH))
        for b in picked[i + 1:]:
            if b in partners:
                notes.append(f"{a} integrates with {b}")
            elif a in data_path and b in data_path:
                notes.append(f"no documented integration between {a} and {b}: plan the glue")
    reused = sorted(set(components) & ctx.existing)
    if reused:
        notes.append(f"reuses what the team runs: {_join(reused)}")
    new = [c for c in components if c not in ctx.existing]
    if new:
        notes.append(f"new components to operate: {_join(new)}")
    return components, notes


def _warnings(g: nx.MultiDiGraph, reqs: Requirements, results: list[NeedResult], ctx: _Context) -> list[str]:
    warnings: list[str] = []
    by_id = {need.id: need for need in reqs.needs}
    for result in results:
        need = by_id[result.id]
        if not result.picks:
            closest = result.ranked[0] if result.ranked else None
            detail = f"; closest: {closest.id} ({'; '.join(closest.failures)})" if closest else ""
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
            small = ctx.team_size is not None and ctx.team_size <= 3
            if small:
                warnings.append(f"{need.id}: strong consistency across {need.regions} regions is hard to run "
                                f"for a team of {ctx.team_size}; consider one write region")
        rules = reqs.constraints_for(need)
        if rules.hosting and rules.hosting.value == "managed" and need.embedded:
            warnings.append(f"{need.id}: hosting 'managed' and embedded: true contradict each other")
    for tech_id in sorted(ctx.existing):
        t = G.tech(g, tech_id) if G.node(G.TECH, tech_id) in g else None
        if t and t["state"] in {"retired", "archived", "deprecated"}:
            successor = f"; plan a move to {t['successor']}" if t["successor"] else ""
            warnings.append(f"{tech_id} (already run) is {t['state']}{successor}")
    excluded = sorted(set(reqs.constraints.exclude) & ctx.existing)
    for tech_id in excluded:
        warnings.append(f"{tech_id} is both excluded and already run by the team")
    return warnings
