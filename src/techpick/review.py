"""An architecture decision record built from requirements, the catalog and the engine.

The record follows the MADR layout (context and problem statement, decision
drivers, considered options, decision outcome with its consequences, pros and
cons of every option), one decision per need, plus a summary of the stack.
Every statement is drawn from a stated requirement, a catalog fact or the
engine's reasons; this module chooses and phrases them, and the Markdown
renderer lays them out. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from techpick import facts as fact
from techpick.catalog import Catalog
from techpick.growth import GrowthPath, Run, growth_paths, growth_runs
from techpick.radar import Blip, Radar
from techpick.notes import Note
from techpick.recommend import Candidate, NeedResult, Recommendation, why_not
from techpick.record import DecisionRecord
from techpick.requirements import FLOW_ROLES, Constraints, Need, Requirements
from techpick.sizing import Estimate, estimate
from techpick.units import format_latency, format_throughput, format_volume

ROLE_NOUNS = {
    "storage": "data store", "messaging": "messaging system", "batch-processing": "batch processing engine",
    "stream-processing": "stream processor", "query-engine": "query engine",
    "workflow-orchestration": "workflow orchestrator", "coordination": "coordination service",
    "resource-management": "cluster resource manager", "ci-cd": "CI/CD system",
    "configuration-management": "configuration management tool", "infrastructure-as-code": "infrastructure-as-code tool",
    "containers": "container runtime", "container-orchestration": "container orchestrator", "cloud": "cloud platform",
    "logging": "logging stack", "metrics": "metrics system", "tracing": "tracing system", "data-format": "data format",
    "language": "language",
}
OUTCOME_REASONS = 3
def because(note: str) -> str:
    """An engine reason, trade-off or failure as a clause that can follow 'because'.

    Engine statements are `Note`s that know their clause wording; other text is used as it is.
    """
    return note.clause() if isinstance(note, Note) else note.strip()


def _and(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    return match.group(1) if match else flat


def title_of(need_id: str) -> str:
    words = need_id.replace("-", " ")
    return words[:1].upper() + words[1:]


@dataclass
class Driver:
    text: str
    hard: bool


@dataclass
class Option:
    id: str
    name: str
    verdict: str  # chosen | also fits | ranked lower | ruled out
    score: float
    summary: str
    facts: list[str]
    good: list[str] = field(default_factory=list)
    neutral: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    use_when: list[str] = field(default_factory=list)
    avoid_when: list[str] = field(default_factory=list)
    ring: Blip | None = None
    why_not: list[str] = field(default_factory=list)


@dataclass
class RunnerUp:
    id: str
    kind: str  # "also fits" (a second pick) or "best of the rest"
    score: float
    against: float
    why_not: str = ""


@dataclass
class Decision:
    number: int
    need: Need
    title: str
    problem: str
    notes: str | None
    drivers: list[Driver]
    options: list[Option]
    outcome: str | None
    runner_up: RunnerUp | None
    good: list[str]
    neutral: list[str]
    bad: list[str]
    sizing: list[Estimate]
    growth: GrowthPath

    @property
    def chosen(self) -> Option | None:
        return next((o for o in self.options if o.verdict == "chosen"), None)


@dataclass
class Review:
    title: str
    date: str
    status: str
    requirements_file: str
    catalog_size: int
    digest: str
    context: list[str]
    decisions: list[Decision]
    stack: list[str]
    stack_notes: list[str]
    warnings: list[str]
    record: DecisionRecord
    names: dict[str, str]
    radar: Radar | None = None
    components: list[tuple[str, str]] = field(default_factory=list)  # (id, "new" | "already run")


# ---- the parts of one decision -------------------------------------------

SKILL_NAMES = {"python": "Python", "sql": "SQL", "jvm": "the JVM", "java": "Java", "scala": "Scala", "go": "Go",
               "linux": "Linux", "javascript": "JavaScript", "typescript": "TypeScript", "rust": "Rust",
               "kubernetes": "Kubernetes", "erlang": "Erlang", "dotnet": ".NET", "cpp": "C++", "c": "C",
               "ruby": "Ruby", "r": "R", "bash": "Bash", "docker": "Docker"}


def _skills(skills: list[str]) -> str:
    return _and([SKILL_NAMES.get(s, s) for s in skills])


def _tech_names(catalog: Catalog, ids: list[str]) -> str:
    return _and([catalog.by_id[i].name if i in catalog.by_id else i for i in ids])


def _rate(need: Need) -> str | None:
    """The stated throughput in the words of the role: messages, runs, operations."""
    if need.throughput is None:
        return None
    tp = format_throughput(need.throughput)
    if need.role in {"workflow-orchestration", "ci-cd"}:
        return f"schedules {tp.replace('/', ' runs/')}"
    noun = {"messaging": "messages", "stream-processing": "events"}.get(need.role, "operations")
    if tp.startswith("1/"):
        noun = noun.removesuffix("s")
    return f"takes {tp.replace('/', f' {noun}/')} at peak"


def _problem(need: Need) -> str:
    """The need in one sentence, as the person who wrote the requirements would say it."""
    noun = ROLE_NOUNS.get(need.role, f"{need.role.replace('-', ' ')} block")
    article = "an" if noun[:1] in "aeiou" else "a"
    head = f"We need {article} {noun}"
    if need.data_model:
        head += f" for {need.data_model} data"
    clauses: list[str] = []
    asked = list(dict.fromkeys([*need.access, *need.features]))
    if asked:
        clauses.append(f"serves {_and(asked)}")
    if need.volume is not None:
        clauses.append(f"holds {format_volume(need.volume)}" if need.role not in FLOW_ROLES
                       else f"moves {format_volume(need.volume)} a day" if need.role == "data-integration"
                       else f"processes {format_volume(need.volume)} a day")
    rate = _rate(need)
    if rate:
        clauses.append(rate)
    if need.latency is not None:
        clauses.append(f"finishes a run within {format_latency(need.latency)}" if need.role == "batch-processing"
                       else f"answers with a p99 of {format_latency(need.latency)}")
    if need.concurrency:
        clauses.append(f"serves {need.concurrency:,} clients at once")
    if need.consistency == "strong":
        clauses.append("reads its own writes")
    if need.embedded:
        clauses.append("runs inside the application process")
    if need.persistence is False:
        clauses.append("may lose its data on restart")
    if need.regions and need.regions > 1:
        clauses.append(f"takes writes in {need.regions} regions")
    if need.availability == "high":
        clauses.append("keeps running when a node fails")
    text = head + (f" that {_and(clauses)}" if clauses else "")
    if need.prefer:
        text += f", ideally with {_and(need.prefer)}"
    return text + "."


def _drivers(need: Need, rules: Constraints, reqs: Requirements, radar: Radar | None,
             candidates: list[str], catalog: Catalog) -> list[Driver]:
    out: list[Driver] = []
    asked = list(dict.fromkeys([*need.access, *need.features]))
    if need.data_model:
        out.append(Driver(f"Holds {need.data_model} data", True))
    if asked:
        out.append(Driver(f"Serves {_and(asked)}; native support ranks above an extension or partial support", True))
    if need.latency is not None:
        out.append(Driver(f"A run finishes within {format_latency(need.latency)}" if need.role == "batch-processing"
                          else f"p99 of {format_latency(need.latency)} or better for the main operation", True))
    if need.volume is not None:
        held = ("held" if need.role not in FLOW_ROLES else "moved a day" if need.role == "data-integration"
                else "processed a day")
        out.append(Driver(f"{format_volume(need.volume)} {held}: under the block's ceiling, ideally inside its "
                          "sweet spot", True))
    if need.throughput is not None:
        out.append(Driver(f"{format_throughput(need.throughput)} at peak: under the block's ceiling, ideally inside "
                          "its sweet spot", True))
    if need.concurrency:
        out.append(Driver(f"{need.concurrency:,} concurrent clients at peak", True))
    if need.consistency:
        out.append(Driver(f"{need.consistency.capitalize()} consistency", need.consistency == "strong"))
    if need.availability == "high":
        out.append(Driver("High availability: replication with automatic failover", True))
    if need.embedded:
        out.append(Driver("Runs inside the application process", True))
    if need.persistence is not None:
        out.append(Driver("Data survives a restart" if need.persistence else "Data may be lost on restart (a cache)",
                          bool(need.persistence)))
    if need.regions and need.regions > 1:
        out.append(Driver(f"Writes in {need.regions} regions", True))
    if need.prefer:
        out.append(Driver(f"Nice to have: {_and(need.prefer)}", False))
    if rules.license and rules.license.value != "any":
        out.append(Driver("Open-source licence" if rules.license.value == "open-source" else "Permissive licence",
                          True))
    if rules.hosting and rules.hosting.value != "any":
        out.append(Driver("Self-hosted" if rules.hosting.value == "self-hosted" else "Bought as a managed service",
                          True))
    if rules.cloud:
        out.append(Driver(f"Available on {rules.cloud}", True))
    if rules.exclude:
        out.append(Driver(f"Not {_tech_names(catalog, rules.exclude)}: excluded by the team", True))
    ctx = reqs.context
    if ctx.team_size:
        out.append(Driver(f"Operational weight a team of {ctx.team_size} can carry", False))
    if ctx.existing:
        out.append(Driver(f"Reuse of what the team already runs: {_tech_names(catalog, ctx.existing)}", False))
    if ctx.skills:
        out.append(Driver(f"The team's skills: {_skills(ctx.skills)}", False))
    if radar is not None:
        blips = [radar.ring_of(c) for c in candidates]
        on_hold = [b.name for b in blips if b and b.ring == "hold"]
        liked = [f"{b.name} ({b.ring})" for b in blips if b and b.ring != "hold"]
        if on_hold:
            out.append(Driver(f"On hold in the team's radar: {_and(on_hold)}", True))
        if liked:
            out.append(Driver(f"The team's radar: {_and(liked)}", False))
    return out


def _facts(catalog: Catalog, tech_id: str) -> list[str]:
    """The option's licence, hosting and operational weight, said as `show` and the site say them."""
    tech = catalog.by_id[tech_id]
    said = [fact.licence(catalog, tech), fact.hosting(catalog, tech), fact.complexity(tech),
            f"{tech.adoption.value} adoption"]
    if tech.status.state.value != "active":
        said.append(tech.status.state.value.upper())
    return said


def _notes(catalog: Catalog, tech_id: str, need: Need) -> list[str]:
    """Catalog notes on the asked capabilities it serves natively: the fine print of a 'yes'."""
    tech = catalog.by_id[tech_id]
    out = []
    for cap in dict.fromkeys([*need.access, *need.features, *need.prefer]):
        level = tech.capabilities.get(cap)
        note = tech.capability_notes.get(cap)
        if level is not None and level.value == "native" and note:
            out.append(f"{cap}: {note}")
    return out


def _option(catalog: Catalog, cand: Candidate, verdict: str, need: Need, best: Candidate | None,
            radar: Radar | None) -> Option:
    tech = catalog.by_id[cand.id]
    option = Option(cand.id, tech.name, verdict, cand.score, _first_sentence(tech.description), _facts(catalog, cand.id),
                    use_when=list(tech.use_when), avoid_when=list(tech.avoid_when),
                    ring=radar.ring_of(cand.id) if radar else None)
    option.neutral = _notes(catalog, cand.id, need)
    if cand.passes:
        option.good = [because(r) for r in cand.reasons]
        option.bad = [because(t) for t in cand.tradeoffs]
        if verdict == "ranked lower" and best is not None:
            option.why_not = why_not(cand, best)
    else:
        natives = [c for c in dict.fromkeys([*need.access, *need.features])
                   if c in tech.capabilities and tech.capabilities[c].value == "native"]
        if natives:
            option.good = [f"it serves {_and(natives)} natively"]
        option.bad = [because(f) for f in cand.failures]
        option.why_not = list(cand.failures)
    return option


def _options(catalog: Catalog, result: NeedResult, need: Need, radar: Radar | None) -> list[Option]:
    best = result.picks[0] if result.picks else None
    out = [_option(catalog, p, "chosen" if i == 0 else "also fits", need, best, radar)
           for i, p in enumerate(result.picks)]
    for cand in result.considered:
        out.append(_option(catalog, cand, "ranked lower" if cand.passes else "ruled out", need, best, radar))
    return out


def _outcome(result: NeedResult) -> tuple[str | None, RunnerUp | None]:
    if not result.picks:
        return None, None
    pick = result.picks[0]
    sweet = [r for r in pick.reasons if getattr(r, "code", "") == "sweet-spot"]
    merged: list[str] = list(pick.reasons)
    if len(sweet) == 2:  # "volume 20TB ... ; throughput 100k/s ..." -> one clause
        sizes = [f"{r.params['what']} {r.params['value']}" for r in sweet]
        merged[merged.index(sweet[0])] = Note("sweet-spots", sizes=sizes)
        merged.remove(sweet[1])
    reasons = [because(r) for r in merged[:OUTCOME_REASONS]]
    joiner = "; " if any("," in r for r in reasons) else ", "  # clauses that hold lists need a stronger stop
    if len(reasons) > 2:
        text = joiner.join(reasons[:-1]) + f"{joiner.rstrip()} and {reasons[-1]}"
    else:
        text = " and ".join(reasons) or "it is the only option that meets every hard requirement"
    passing = [c for c in result.ranked if c.passes and c.id != pick.id]
    if len(result.picks) > 1:
        alt = result.picks[1]
        return text, RunnerUp(alt.id, "also fits", alt.score, pick.score)
    if passing:
        return text, RunnerUp(passing[0].id, "best of the rest", passing[0].score, pick.score,
                              why_not(passing[0], pick)[0])
    return text, None


def _consequences(catalog: Catalog, need: Need, result: NeedResult, rec: Recommendation, reqs: Requirements,
                  growth: GrowthPath, sizing: list[Estimate]) -> tuple[list[str], list[str], list[str]]:
    """What the team gains and takes on with the pick, beyond its own pros and cons."""
    if not result.picks:
        return [], [], []
    pick = result.picks[0]
    tech = catalog.by_id[pick.id]
    good: list[str] = []
    neutral: list[str] = []
    bad: list[str] = []
    existing = set(reqs.context.existing)
    others = {r.id: r.picks[0].id for r in rec.needs if r.picks and r.id != result.id}
    shared = [nid for nid, tid in others.items() if tid == pick.id]
    if pick.id in existing:
        good.append("no new component: the team already runs it")
    elif shared:
        good.append(f"one component serves {_and([result.id, *shared])}")
    partners = [f"{catalog.by_id[tid].name}, the choice for {nid}" for nid, tid in others.items()
                if tid in tech.relations.integrates_with or pick.id in catalog.by_id[tid].relations.integrates_with]
    if partners:
        good.append(f"it integrates with {'; and with '.join(partners)}")
    if growth.sized:
        holds = [s.factor for s in growth.steps[1:] if s.picks and s.picks[0] == pick.id]
        if holds:
            good.append(f"it still fits at {_and([f'{f}x' for f in holds])} the stated volume and throughput")
    if pick.id not in existing and not shared and tech.operations.complexity > 1:
        ops = tech.operations
        bad.append(f"it is a new component to run and upgrade (operations {ops.complexity}/5: "
                   f"{ops.reason[:1].lower()}{ops.reason[1:].rstrip('.')})")
    bad += [because(t) for t in pick.tradeoffs if getattr(t, "code", "") != "complexity"]
    for step in growth.steps[1:]:
        if step.change and (not step.picks or step.picks[0] != pick.id):
            size = _and([v for v in (format_volume(step.volume) if step.volume else "",
                                     format_throughput(step.throughput) if step.throughput else "") if v])
            bad.append(f"it is a decision for the stated size: at {step.factor}x ({size}) {step.change}")
            break
    for est in sizing:
        if est.tech_id == pick.id:
            bad += est.warnings
    neutral += _notes(catalog, pick.id, need)
    return good, neutral, bad


# ---- the whole record -------------------------------------------------------

def _context(reqs: Requirements, catalog: Catalog, file_label: str) -> list[str]:
    paras: list[str] = []
    if reqs.description:
        paras.append(" ".join(reqs.description.split()))
    needs = []
    for n in reqs.needs:
        noun = ROLE_NOUNS.get(n.role, n.role.replace("-", " "))
        needs.append(f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun} for {n.id}")
    count = len(reqs.needs)
    paras.append(f"This record takes {count} decision{'s' if count != 1 else ''}: {_and(needs)}. Each answers the "
                 f"requirements stated in `{file_label}` and rests on the techpick catalog, whose entries cite "
                 "their sources; the options are ranked by techpick's engine and the reasoning is set out below.")
    ctx = reqs.context
    team: list[str] = []
    if ctx.team_size:
        team.append(f"A team of {ctx.team_size} will build and run the result")
    if ctx.skills:
        team.append(("it" if team else "The team") + f" knows {_skills(ctx.skills)}")
    if ctx.existing:
        team.append(("it" if team else "The team") + f" already runs {_tech_names(catalog, ctx.existing)}")
    if team:
        paras.append("; ".join(team) + ".")
    rules = reqs.constraints
    limits: list[str] = []
    if rules.license and rules.license.value != "any":
        limits.append("open source" if rules.license.value == "open-source" else "under a permissive licence")
    if rules.hosting and rules.hosting.value != "any":
        limits.append("self-hosted" if rules.hosting.value == "self-hosted" else "bought as a managed service")
    if rules.cloud:
        limits.append(f"available on {rules.cloud}")
    if limits:
        paras.append(f"Every block must be {_and(limits)}.")
    if rules.exclude:
        paras.append(f"The team has ruled out {_tech_names(catalog, rules.exclude)}.")
    return paras


def build_review(catalog: Catalog, g: nx.MultiDiGraph, reqs: Requirements, file_label: str, date: str,
                 radar: Radar | None = None, status: str = "proposed", runs: list[Run] | None = None) -> Review:
    """The decision record for a requirements file: one decision per need and the stack
    (`runs`: the engine's runs at 1x and at each growth factor, when the caller has made them)."""
    engine_radar = radar.for_engine() if radar else None
    runs = runs if runs is not None else list(growth_runs(g, reqs, None, engine_radar))
    rec = runs[0][2]
    paths = growth_paths(g, reqs, runs=runs)
    decisions: list[Decision] = []
    for number, (need, result) in enumerate(zip(reqs.needs, rec.needs), 1):
        rules = reqs.constraints_for(need)
        sizing = [estimate(catalog, p.id, need, rules) for p in result.picks]
        options = _options(catalog, result, need, radar)
        outcome, runner = _outcome(result)
        good, neutral, bad = _consequences(catalog, need, result, rec, reqs, paths[need.id], sizing)
        noun = ROLE_NOUNS.get(need.role, need.role.replace("-", " "))
        decisions.append(Decision(number, need, f"{title_of(need.id)}: which {noun}?", _problem(need),
                                  " ".join(need.notes.split()) if need.notes else None,
                                  _drivers(need, rules, reqs, radar, [o.id for o in options], catalog), options, outcome,
                                  runner, good, neutral, bad, sizing, paths[need.id]))
    record = DecisionRecord(version=1, requirements=file_label, catalog=rec.digest or None, date=date,
                            decided={r.id: (r.picks[0].id if r.picks else None) for r in rec.needs})
    named = {tid for d in decisions for o in d.options for tid in [o.id]} | set(rec.stack) | set(reqs.context.existing)
    named |= {p for d in decisions for s in d.growth.steps for p in s.picks}
    names = {tid: catalog.by_id[tid].name for tid in sorted(named) if tid in catalog.by_id}
    existing = set(reqs.context.existing)
    components = [(c, "already run" if c in existing else "new") for c in rec.stack]
    title = f"{reqs.name or title_of(file_label.rsplit('/', 1)[-1].rsplit('.', 1)[0])}: technology decisions"
    return Review(title, date, status, file_label, rec.catalog_size, rec.digest, _context(reqs, catalog, file_label),
                  decisions, rec.stack, rec.stack_notes, rec.warnings, record, names, radar, components)
