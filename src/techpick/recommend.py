"""(graph, requirements) -> recommendation. Pure: no I/O, no printing.

Three steps, as an architect would take them:
1. Hard requirements: a candidate that fails one is ruled out, and the
   requirement it fails is recorded (its `why_not`); it gets no score.
2. Soft fit ranks the rest. Each soft term is one small function below, its
   size a named weight in `WEIGHTS`; a candidate's score is `BASE` plus its
   terms, so `--explain` shows numbers that add up.
3. The stack is chosen as a whole: where a block already chosen for one need
   serves another almost as well, it is reused, and the smaller the team the
   larger "almost" is; then the stack is checked for dependencies and glue.

Each candidate is judged in its best-fitting form (self-hosted, a managed
offer, embedded, or, for libraries, tools and formats, simply used), and the
pick says which form it means (contract 1.1).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from techpick import graph as G
from techpick.notes import Note, join
from techpick.requirements import Constraints, Need, Requirements
from techpick.suggest import closest
from techpick.units import format_latency, format_retention, format_throughput, format_volume

BASE = 0.75
# Every soft term's size, in one place. Positive helps, negative hurts; most are scaled by something named.
WEIGHTS: dict[str, float] = {
    "capabilities": 0.3,  # x (mean value of the asked capabilities' levels - 1)
    "implied": 0.1,  # x (1 - level value) for each capability the role implies
    "prefer-each": 0.05,  # per preferred capability, natively served
    "prefer-cap": 0.25,  # at most, for all preferred capabilities
    "side-role": -0.05,  # the need's role is not the block's main role
    "side-model": -0.1,  # the need's data model is not the block's main one
    "below-sweet": -0.06,  # per decade below the sweet spot
    "above-sweet": -0.1,  # per decade above the sweet spot
    "sweet-cap": -0.5,  # at most, for one size
    "beyond-ceiling": -0.5,  # per decade past a judgement ceiling (on top of above-sweet): it bends, not breaks
    "concurrency": -0.3,  # per decade past the concurrency it serves well
    "latency-headroom": -0.03,  # less than 0.3 decade between the target and its best
    "availability": -0.06,  # high availability asked, only partly offered
    "availability-none": -0.15,  # high availability asked of a library that holds the data in one process
    "consistency": -0.04,  # strong consistency asked, only per operation
    "no-durability": 0.02,  # a pure cache for a need that may lose data
    "runtime-skills": -0.3,  # an embedded library whose runtime the team does not work in
    "complexity": -0.05,  # per level of operational complexity above 1, x team weight
    "brings": -0.03,  # per level of complexity of each dependency it brings, x team weight
    "existing": 0.15,  # already run by the team
    "integration-each": 0.035,  # per integration with what the team runs
    "integration-cap": 0.12,
    "skills": 0.04,  # the team knows its skills (or lacks all of its language skills: negative)
    "adoption-widespread": 0.03,
    "adoption-niche": -0.04,
    "maintenance": -0.08,
    "deprecated": -0.2,
    "cloud-native": 0.03,  # the stated cloud's own service
    "lock-in-other-cloud": -0.2,  # managed only on a cloud the team does not use
    "lock-in-unstated": -0.15,  # managed only on one cloud, and no cloud was stated
    "no-retention": -0.15,  # a broker that deletes consumed messages, for a need that must keep them
    "stack": 0.08,  # x team weight: the gap within which a block chosen for another need is reused
    "radar-adopt": 0.1,
    "radar-assess": -0.03,
}
LEVEL_VALUE = {"native": 1.0, "extension": 0.7, "partial": 0.55}
PREFER_VALUE = {"native": 1.0, "extension": 0.6, "partial": 0.4}
JUDGEMENT_STRETCH = 10.0  # a judgement ceiling costs more and more past it, and rules out beyond ten times
SECOND_PICK_GAP = 0.2  # how close the runner-up must be to be shown as a second pick
CONSIDERED = 4
# Roles whose blocks pass data to each other: a missing integration there is glue to write.
DATA_ROLES = {"storage", "messaging", "batch-processing", "stream-processing", "query-engine", "data-integration"}
# What a pick of a kind that is not hosted is, in the words of contract 1.1 (`form`).
KIND_FORM = {"library": "library", "tool": "tool", "format": "format", "standard": "library", "language": "tool"}
READS_ONLY = {"query-engine", "batch-processing", "stream-processing"}  # roles whose data model is what they read
ANALYTIC_ACCESS = {"aggregation", "ad-hoc-sql", "interactive-queries", "joins"}
STREAM_ROLES = {"messaging", "stream-processing"}


# ---- the typed view of a technology ------------------------------------------

@dataclass(frozen=True)
class Offer:
    service: str
    provider: str
    clouds: tuple[str, ...]
    status: str = "ga"
    complexity: int | None = None
    high_availability: str | None = None

    def first_party_on(self, cloud: str) -> bool:
        return self.provider == cloud


@dataclass(frozen=True)
class Tech:
    """The facts the engine reads about one technology, typed."""

    id: str
    name: str
    kind: str
    hosted: bool
    main_role: str
    roles: tuple[str, ...]
    data_models: tuple[str, ...]
    license: str
    license_kinds: tuple[str, ...]
    open_source: bool
    permissive: bool
    self_hosted: bool
    embedded: bool
    languages: tuple[str, ...]
    runtime: str
    latency_p99: float | None
    latency: dict[str, float]
    volume: tuple[float, float, float, str] | None  # low, high, max, ceiling kind
    throughput: tuple[float, float, float, str] | None
    concurrency_max: int | None
    consistency: str
    durability: str
    high_availability: str
    availability_note: str | None
    scaling: str
    complexity: int
    managed_complexity: int | None
    complexity_reason: str
    skills: tuple[str, ...]
    adoption: str
    state: str
    state_since: int | None
    successor: str | None
    end_of_life: str | None
    offers: tuple[Offer, ...]
    caps: dict[str, tuple[str, str | None, list[str]]]

    @property
    def single_cloud(self) -> str | None:
        clouds = {c for o in self.offers if o.status != "withdrawn" for c in o.clouds}
        return next(iter(clouds)) if len(clouds) == 1 and not self.self_hosted else None


_VIEWS: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, Tech]] = weakref.WeakKeyDictionary()


def tech_view(g: nx.MultiDiGraph, tech_id: str) -> Tech:
    """Read once per graph and technology (the graph does not change under a recommendation)."""
    cache = _VIEWS.setdefault(g, {})
    if tech_id in cache:
        return cache[tech_id]
    t = G.tech(g, tech_id)
    grouped: dict[str, dict[str, Any]] = {}
    for edge in G.offer_edges(g, tech_id):
        entry = grouped.setdefault(edge["service"], {**edge, "clouds": []})
        entry["clouds"].append(edge["cloud"])
    offers = tuple(Offer(e["service"], e["provider"], tuple(e["clouds"]), e.get("status") or "ga",
                         e.get("complexity"), e.get("high_availability"))
                   for e in sorted(grouped.values(), key=lambda e: (e.get("order", 0), e["service"])))

    def size(prefix: str) -> tuple[float, float, float, str] | None:
        if t[f"{prefix}_max"] is None:
            return None
        return (t[f"{prefix}_low"], t[f"{prefix}_high"], t[f"{prefix}_max"], t.get(f"{prefix}_ceiling") or "judgement")

    ops = {op: t.get(f"latency_{op.replace('-', '_')}") for op in ("point-read", "write", "analytic-query", "end-to-end")}
    view = Tech(
        id=tech_id, name=t["name"], kind=t.get("tech_kind", "service"), hosted=t.get("hosted", True),
        main_role=t.get("main_role") or t["roles"][0], roles=tuple(t["roles"]), data_models=tuple(t["data_models"]),
        license=t["license"], license_kinds=tuple(t.get("license_kinds") or ()), open_source=t["open_source"],
        permissive=t["permissive"], self_hosted=t["self_hosted"], embedded=t["embedded"],
        languages=tuple(t.get("languages") or ()), runtime=t["runtime"], latency_p99=t["latency_p99"],
        latency={op: v for op, v in ops.items() if v is not None}, volume=size("volume"), throughput=size("throughput"),
        concurrency_max=t["concurrency_max"], consistency=t["consistency"], durability=t["durability"],
        high_availability=t["high_availability"], availability_note=t["availability_note"], scaling=t["scaling"],
        complexity=t["complexity"], managed_complexity=t["managed_complexity"], complexity_reason=t["complexity_reason"],
        skills=tuple(t["skills"]), adoption=t["adoption"], state=t["state"], state_since=t["state_since"],
        successor=t["successor"], end_of_life=t.get("end_of_life"), offers=offers, caps=G.capabilities(g, tech_id),
    )
    cache[tech_id] = view
    return view


def _words(g: nx.MultiDiGraph) -> dict[str, Any]:
    raw = g.graph.get("words")
    return json.loads(raw) if raw else {"skills": [], "skill_family": {}, "language_runtime": {}, "vm_runtimes": [],
                                        "proprietary_licenses": []}


# ---- results ---------------------------------------------------------------------

@dataclass
class Term:
    """One named adjustment to a candidate's score; `key` says what it is about,
    so that two candidates' terms can be compared."""

    key: str
    label: str
    value: float


@dataclass(frozen=True)
class Form:
    """How a candidate would be used: `name` is contract 1.1's `form`."""

    name: str
    complexity: int
    offer: Offer | None = None
    high_availability: str | None = None


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


@dataclass
class _Context:
    existing: set[str]
    skills: set[str]
    team_size: int | None
    languages: set[str] = field(default_factory=set)  # the application's languages and their runtimes
    radar: dict[str, tuple[str, str]] = field(default_factory=dict)
    clouds: set[str] = field(default_factory=set)  # clouds the team already uses (a cloud in `existing`)
    planned: dict[str, set[str]] = field(default_factory=dict)  # need id -> what the other needs picked
    words: dict[str, Any] = field(default_factory=dict)
    today: str = ""

    @property
    def team_weight(self) -> float:
        """How much operational weight hurts: a lot for two people, little for a platform team."""
        if self.team_size is None:
            return 1.0
        for limit, weight in ((2, 2.0), (5, 1.4), (10, 1.0), (30, 0.7)):
            if self.team_size <= limit:
                return weight
        return 0.5


def _decades(a: float, b: float) -> float:
    return abs(math.log10(max(a, 1e-12) / max(b, 1e-12)))


def _hosting(rules: Constraints) -> str:
    return rules.hosting.value if rules.hosting else "any"


# ---- hard requirements -------------------------------------------------------------

def _constraint_failures(t: Tech, rules: Constraints, role: str) -> list[Note]:
    """What the file's constraints (licence, hosting, cloud, exclude) rule out, for any block.

    Hosting and cloud apply only to what runs as a service: a library, tool or
    format is neither self-hosted nor managed (contract 1.1).
    """
    fails: list[Note] = []
    if t.id in rules.exclude:
        fails.append(Note("excluded"))
    if rules.license and rules.license.value == "open-source" and not t.open_source:
        fails.append(Note("not-open-source", license=t.license))
    if rules.license and rules.license.value == "permissive" and not t.permissive:
        fails.append(Note("not-permissive", license=t.license))
    if not t.hosted:
        return fails
    clouds = {c for o in t.offers if o.status != "withdrawn" for c in o.clouds}
    hosting = _hosting(rules)
    if hosting == "self-hosted" and not t.self_hosted:
        fails.append(Note("not-self-hostable"))
    if hosting == "managed" and not clouds:
        fails.append(Note("no-managed-offer"))
    if rules.cloud:
        on_cloud = rules.cloud in clouds
        if hosting == "managed" or role == "cloud":
            if not on_cloud:
                fails.append(Note("no-offer-on-cloud", cloud=rules.cloud))
        elif not on_cloud and not t.self_hosted:
            fails.append(Note("not-on-cloud", cloud=rules.cloud))
    return fails


def _allowed(g: nx.MultiDiGraph, rules: Constraints, role: str) -> Callable[[str], bool]:
    """A test for the dependencies a pick brings: they must meet the constraints too."""
    return lambda tech_id: not _constraint_failures(tech_view(g, tech_id), rules, role)


def _operation(need: Need) -> str | None:
    """Which kind of operation the need's latency is about, when the need says enough to tell."""
    if need.role in STREAM_ROLES:
        return "end-to-end"
    asked = {*need.access, *need.features}
    analytic, point = bool(asked & ANALYTIC_ACCESS), "point-lookup" in asked
    if point and not analytic:
        return "point-read"
    if analytic and not point:
        return "analytic-query"
    return None


def _best_latency(t: Tech, need: Need) -> tuple[float | None, str | None]:
    op = _operation(need)
    if op and op in t.latency:
        return t.latency[op], op.replace("-", " ")
    return t.latency_p99, None


def _host_languages(t: Tech, words: dict[str, Any]) -> set[str]:
    """The languages whose programs can embed it: stated, or those of its virtual machine."""
    if t.languages:
        return set(t.languages)
    if t.runtime in words.get("vm_runtimes", []):
        return {lang for lang, rt in words.get("language_runtime", {}).items() if rt == t.runtime} | {t.runtime}
    return set()


def _embeds_as_library(t: Tech, need: Need) -> bool:
    return bool(need.embedded and t.embedded) or t.kind == "library"


def hard_failures(g: nx.MultiDiGraph, tech_id: str, need: Need, rules: Constraints, ctx: _Context) -> list[Note]:
    """Every hard requirement the technology fails."""
    t = tech_view(g, tech_id)
    fails = _constraint_failures(t, rules, need.role)
    if need.data_model and need.data_model not in t.data_models:
        fails.append(Note("data-model", model=need.data_model, models=join(list(t.data_models)) or "none"))
    missing = sorted(dict.fromkeys(c for c in [*need.access, *need.features] if c not in t.caps))
    if missing:
        fails.append(Note("lacks", caps=missing))
    if need.embedded and not t.embedded:
        fails.append(Note("not-embeddable"))
    if ctx.languages and _embeds_as_library(t, need):
        hosts = _host_languages(t, ctx.words)
        if hosts and not hosts & ctx.languages:
            fails.append(Note("wrong-language", langs=sorted(hosts - {t.runtime}) or [t.runtime],
                              app=sorted(ctx.languages & set(ctx.words.get("language_runtime", {})))))
    if need.persistence and t.durability == "none":
        fails.append(Note("memory-only"))
    if need.regions and need.regions > 1:
        geo = t.caps.get("geo-replication")
        if geo is None:
            fails.append(Note("no-multi-region", regions=need.regions))
        elif geo[0] == "partial":
            fails.append(Note("multi-region-partial", regions=need.regions, note=geo[1]))
    if need.consistency == "strong" and t.consistency == "eventual":
        fails.append(Note("eventual-only"))
    if need.availability == "high" and t.hosted and not _can_fail_over(t, rules):
        fails.append(Note("no-ha"))
    if need.volume is not None:
        if t.volume is None:
            fails.append(Note("holds-no-data"))
        elif _past_ceiling(need.volume, t.volume):
            fails.append(Note(f"volume-{t.volume[3]}", value=format_volume(need.volume), limit=format_volume(t.volume[2])))
    for rate in _rates(need):
        if t.throughput is not None and _past_ceiling(rate, t.throughput):
            fails.append(Note(f"throughput-{t.throughput[3]}", value=format_throughput(rate),
                              limit=format_throughput(t.throughput[2])))
    best, op = _best_latency(t, need)
    if need.latency is not None and best is not None and need.latency < best:
        fails.append(Note("too-slow", target=format_latency(need.latency), best=format_latency(best), op=op))
    ring = ctx.radar.get(tech_id)
    if ring and ring[0] == "hold":
        fails.append(Note("radar-hold", reason=ring[1]))
    if tech_id not in ctx.existing:
        if t.state in {"retired", "archived"}:
            fails.append(Note("retired", state=t.state, since=t.state_since, successor=t.successor))
        elif t.end_of_life and t.end_of_life <= ctx.today:
            fails.append(Note("end-of-life", date=t.end_of_life, successor=t.successor))
    return fails


def _past_ceiling(value: float, span: tuple[float, float, float, str]) -> bool:
    """A documented limit breaks at once; a judgement ceiling bends up to JUDGEMENT_STRETCH times, then breaks."""
    ceiling, kind = span[2], span[3]
    return value > (ceiling if kind == "documented" else ceiling * JUDGEMENT_STRETCH)


def _rates(need: Need) -> list[float]:
    return [r for r in (need.throughput, need.query_rate) if r is not None]


def _can_fail_over(t: Tech, rules: Constraints) -> bool:
    """Some allowed form replicates with automatic failover."""
    forms = _forms(t, None, rules)
    return not forms or any(f.high_availability != "none" for f in forms)


# ---- forms: how a candidate would be used ---------------------------------------------

def _forms(t: Tech, need: Need | None, rules: Constraints, ctx: _Context | None = None) -> list[Form]:
    """Every form the constraints allow, best first (least operational weight; then self-hosted, no lock-in)."""
    if not t.hosted:
        name = "embedded" if need is not None and need.embedded and t.embedded else KIND_FORM.get(t.kind, t.kind)
        return [Form(name, t.complexity, None, "n/a")]
    hosting = _hosting(rules)
    forms: list[Form] = []
    if need is not None and need.embedded and t.embedded:
        forms.append(Form("embedded", t.complexity, None, t.high_availability))
    if t.self_hosted and hosting != "managed":
        forms.append(Form("self-hosted", t.complexity, None, t.high_availability))
    if hosting != "self-hosted":
        used = ctx.clouds if ctx else set()
        offers = [o for o in t.offers if o.status != "withdrawn" and (not rules.cloud or rules.cloud in o.clouds)]
        # offers on a cloud the team stated or uses first, the cloud's own service first, then the author's order
        target = {rules.cloud} if rules.cloud else used

        def rank(o: Offer) -> tuple[int, int, int]:
            return (not (set(o.clouds) & target), not any(o.first_party_on(c) for c in target),
                    o.status != "ga")

        for offer in sorted(offers, key=rank):
            weight = offer.complexity or t.managed_complexity or t.complexity
            forms.append(Form("managed", weight, offer, offer.high_availability or t.high_availability))
    if need is not None and need.embedded:
        forms = [f for f in forms if f.name == "embedded"] or forms
    order = {"embedded": 0, "self-hosted": 1, "managed": 2}
    return sorted(forms, key=lambda f: (f.complexity, order.get(f.name, 3)))


# ---- soft terms: one small function each ------------------------------------------------

@dataclass
class _Eval:
    """What the soft terms read and write for one candidate and one need."""

    g: nx.MultiDiGraph
    t: Tech
    need: Need
    rules: Constraints
    ctx: _Context
    form: Form
    terms: list[Term] = field(default_factory=list)
    reasons: list[Note] = field(default_factory=list)
    trade: list[Note] = field(default_factory=list)

    def term(self, key: str, label: str, value: float) -> None:
        value = round(value, 4)
        if value:
            self.terms.append(Term(key, label, value))

    def served(self, cap: str) -> tuple[str, list[str]]:
        """A partial or extension capability provided through something the team runs counts in full."""
        level, _, via = self.t.caps[cap]
        running = [v for v in via if v in self.ctx.existing]
        return ("native" if running else level), running

    @property
    def managed(self) -> bool:
        return self.form.name == "managed"


def term_capabilities(x: _Eval) -> None:
    asked = list(dict.fromkeys([*x.need.access, *x.need.features]))
    if not asked:
        return
    values = [LEVEL_VALUE[x.served(c)[0]] for c in asked]
    x.term("capabilities", "required capabilities only partly served",
           WEIGHTS["capabilities"] * (sum(values) / len(values) - 1))
    native = [c for c in asked if x.t.caps[c][0] == "native"]
    if native:
        x.reasons.append(Note("serves-natively", caps=native))
    for c in asked:
        level, note, via = x.t.caps[c]
        running = x.served(c)[1]
        if running:
            x.reasons.append(Note("serves-through", cap=c, via=running))
        elif level != "native":
            x.trade.append(Note("cap-level", cap=c, level=level, note=note, via=via))


def term_implied(x: _Eval) -> None:
    asked = {*x.need.access, *x.need.features}
    for cap in G.implied(x.g, x.need.role):
        if cap in asked:
            continue
        level = x.served(cap)[0] if cap in x.t.caps else None
        x.term(f"implied:{cap}", f"{x.need.role} usually means {cap}",
               -WEIGHTS["implied"] * (1 - LEVEL_VALUE.get(level or "", 0.0)))
        if level is None:
            x.trade.append(Note("implied-missing", cap=cap))
        elif level != "native":
            x.trade.append(Note("cap-level", cap=cap, level=level, note=x.t.caps[cap][1], via=[]))


def term_prefer(x: _Eval) -> None:
    if not x.need.prefer:
        return
    got = [c for c in x.need.prefer if c in x.t.caps]
    value = min(WEIGHTS["prefer-cap"], WEIGHTS["prefer-each"] * sum(PREFER_VALUE[x.served(c)[0]] for c in got))
    x.term("prefer", "preferred capabilities", value)
    if got:
        x.reasons.append(Note("also-offers", caps=got))
    missing = [c for c in x.need.prefer if c not in x.t.caps]
    if missing:
        x.trade.append(Note("prefer-missing", caps=missing))


def term_main_purpose(x: _Eval) -> None:
    if x.t.main_role != x.need.role:
        x.term("role", f"{x.need.role} is not its main role", WEIGHTS["side-role"])
    # an engine reads data it does not hold: which shape comes first in its list says nothing about fit
    holds = x.need.role not in READS_ONLY
    if holds and x.need.data_model and x.t.data_models and x.t.data_models[0] != x.need.data_model:
        x.term("data-model", f"{x.need.data_model} is not its main data model", WEIGHTS["side-model"])


def _size(x: _Eval, key: str, what: str, value: float | None, span: tuple[float, float, float, str] | None,
          fmt: Callable[[float], str]) -> None:
    """Below the sweet spot is overkill; above it costs tuning; past a judgement ceiling it costs more, growing."""
    if value is None or span is None:
        return
    low, high, ceiling, kind = span
    if low <= value <= high:
        x.reasons.append(Note("sweet-spot", what=what, value=fmt(value), low=fmt(low), high=fmt(high)))
        return
    if value < low:
        x.term(key, f"{what} below its sweet spot", max(WEIGHTS["sweet-cap"], WEIGHTS["below-sweet"] * _decades(low, value)))
        x.trade.append(Note("below-sweet", what=what, value=fmt(value), low=fmt(low)))
        return
    x.term(key, f"{what} above its sweet spot", max(WEIGHTS["sweet-cap"], WEIGHTS["above-sweet"] * _decades(value, high)))
    if value > ceiling and kind == "judgement":
        x.term(f"{key}-ceiling", f"{what} past the largest known deployments",
               WEIGHTS["beyond-ceiling"] * _decades(value, ceiling))
        x.trade.append(Note("beyond-ceiling", what=what, value=fmt(value), ceiling=fmt(ceiling)))
    else:
        x.trade.append(Note("above-sweet", what=what, value=fmt(value), high=fmt(high)))


def term_size(x: _Eval) -> None:
    _size(x, "volume", "volume", x.need.volume, x.t.volume, format_volume)
    rate = max(_rates(x.need), default=None)
    _size(x, "throughput", "throughput", rate, x.t.throughput, format_throughput)
    if x.need.concurrency and x.t.concurrency_max and x.need.concurrency > x.t.concurrency_max:
        x.term("concurrency", "more concurrent clients than it serves well",
               WEIGHTS["concurrency"] * _decades(x.need.concurrency, x.t.concurrency_max))
        x.trade.append(Note("concurrency", n=x.need.concurrency, limit=x.t.concurrency_max))


def term_latency(x: _Eval) -> None:
    best, op = _best_latency(x.t, x.need)
    if x.need.latency is None or best is None:
        return
    x.reasons.append(Note("meets-latency", target=format_latency(x.need.latency), best=format_latency(best), op=op))
    if _decades(x.need.latency, best) < 0.3:
        x.term("latency", "little latency headroom", WEIGHTS["latency-headroom"])


def term_quality(x: _Eval) -> None:
    # a tool or library has no server to fail; one whose entry names a partial server side (a controller,
    # a UI) still says how available that side is, softly
    # a tool or library has no server to fail; one whose entry names a server side (a controller, a UI) says
    # how available that side is, and one that holds the data keeps it only as long as its one process lives
    holds_data = x.t.durability not in ("n/a",) and x.t.volume is not None
    if x.need.availability == "high" and (x.t.hosted or holds_data or x.t.high_availability in ("partial", "extension")):
        ha = x.t.high_availability if not x.t.hosted else x.form.high_availability or x.t.high_availability
        if ha == "native":
            if x.managed and x.form.offer and x.t.high_availability != "native":
                x.reasons.append(Note("failover-offer", offer=x.form.offer.service))
            else:
                x.reasons.append(Note("failover"))
        else:
            x.term("availability", f"high availability is {ha}",
                   WEIGHTS["availability-none" if ha == "none" else "availability"])
            x.trade.append(Note("ha-level", level=ha, note=x.t.availability_note))
    if x.need.consistency == "strong" and x.t.consistency == "tunable":
        x.term("consistency", "strong consistency only per operation", WEIGHTS["consistency"])
        x.trade.append(Note("quorum-only"))
    if x.need.persistence is False and x.t.durability == "none":
        x.term("durability", "no durability to pay for", WEIGHTS["no-durability"])


def term_embedding(x: _Eval) -> None:
    """An embedded library in a virtual machine the team does not work in is a poor fit (hard with `languages`)."""
    if not (x.need.embedded and x.t.embedded):
        return
    x.reasons.append(Note("embedded"))
    if x.ctx.languages:
        return  # the hard rule has spoken
    hosts = _host_languages(x.t, x.ctx.words)
    known = set(x.ctx.words.get("language_runtime", {}))
    team_languages = x.ctx.skills & known
    if x.t.runtime in x.ctx.words.get("vm_runtimes", []) and hosts and team_languages and not hosts & x.ctx.skills:
        x.term("runtime", f"embeds only in {x.t.runtime} programs", WEIGHTS["runtime-skills"])
        x.trade.append(Note("runtime-only", runtime=x.t.runtime, skills=sorted(team_languages)))


def term_operations(x: _Eval) -> None:
    """Operational weight against the team that carries it; a burden already carried counts half."""
    complexity = x.form.complexity
    # a managed offer runs its own dependencies; what the team runs already has its own in place
    running = x.managed or x.t.id in x.ctx.existing
    allowed = _allowed(x.g, x.rules, x.need.role)
    # a dependency that another need of the stack picks is there already, but carries this need's load too:
    # like a burden the team already carries, it counts half
    planned = x.ctx.planned.get(x.need.id, set())
    brought = [] if running else G.brought_in(x.g, x.t.id, x.ctx.existing | planned, allowed)
    shared = [] if running else [next(o for o in group if o in planned) for group in G.requirements(x.g, x.t.id)
                                 if not set(group) & x.ctx.existing and set(group) & planned]
    parts = set(G.related(x.g, x.t.id, G.HAS_PART))  # a bundle's complexity already covers its parts
    extras = [b for b in brought if b not in parts]
    weight = x.ctx.team_weight * (0.5 if x.t.id in x.ctx.existing else 1.0)
    x.term("complexity", f"operational complexity {complexity}/5", WEIGHTS["complexity"] * (complexity - 1) * weight)
    if extras or shared:
        extra = sum(tech_view(x.g, b).complexity for b in extras) + sum(0.5 * tech_view(x.g, b).complexity for b in shared)
        x.term("brings", f"brings {join(extras + shared)}", WEIGHTS["brings"] * extra * weight)
    if extras:
        x.trade.append(Note("brings", names=[tech_view(x.g, b).name for b in extras]))
    if shared:
        x.reasons.append(Note("runs-on-stack", names=[tech_view(x.g, b).name for b in shared]))
    bundled = [b for b in brought if b in parts]
    if bundled:
        x.trade.append(Note("bundle", names=[tech_view(x.g, b).name for b in bundled]))
    if x.managed and x.form.offer:
        x.reasons.append(Note("form-managed", offer=x.form.offer.service))
        if x.form.offer.status != "ga":
            x.trade.append(Note("offer-status", offer=x.form.offer.service, status=x.form.offer.status, note=None))
    elif not x.t.hosted and x.form.name != "embedded":
        x.reasons.append(Note("form-not-hosted", kind=x.t.kind))
    if complexity >= 3:
        x.trade.append(Note("complexity", level=complexity, reason=x.t.complexity_reason))
    elif complexity <= 2:
        x.reasons.append(Note("simple", level=complexity))


def term_team(x: _Eval) -> None:
    """What the team already runs and knows."""
    if x.t.id in x.ctx.existing:
        x.term("existing", "already run by the team", WEIGHTS["existing"])
        x.reasons.append(Note("existing"))
    partners = [i for i in G.related(x.g, x.t.id, G.INTEGRATES_WITH) if i in x.ctx.existing]
    requires_existing = [i for group in G.requirements(x.g, x.t.id) for i in group if i in x.ctx.existing]
    required_by = [i for i in x.ctx.existing if any(x.t.id in group for group in G.requirements(x.g, i))]
    # a cloud works with what the team runs when it sells that as a managed service
    hosted_here = [] if x.t.main_role != "cloud" else [
        i for i in x.ctx.existing if {c for o in x.t.offers for c in o.clouds}
        & {c for o in tech_view(x.g, i).offers for c in o.clouds if o.first_party_on(c)}]
    linked = sorted(set(partners) | set(requires_existing) | set(required_by) | set(hosted_here))
    if linked:
        x.term("integration", f"works with {join(linked)}",
               min(WEIGHTS["integration-cap"], WEIGHTS["integration-each"] * len(linked)))
        x.reasons.append(Note("works-with", ids=linked))
    if x.ctx.skills and x.t.skills:
        family = x.ctx.words.get("skill_family", {})
        mine = set(x.t.skills) | {family[s] for s in x.t.skills if s in family}
        overlap = sorted(mine & x.ctx.skills)
        languages = sorted(set(x.t.skills) & set(x.ctx.words.get("language_runtime", {})))
        if overlap:
            x.term("skills", f"team knows {join(overlap)}", WEIGHTS["skills"])
            x.reasons.append(Note("skills-fit", skills=overlap))
        elif languages:
            x.term("skills", f"team lacks {join(languages)}", -WEIGHTS["skills"])
            x.trade.append(Note("skills-lacking", skills=languages))


def term_radar(x: _Eval) -> None:
    ring = x.ctx.radar.get(x.t.id)
    if not ring:
        return
    x.term("radar", f"radar: {ring[0]}", WEIGHTS.get(f"radar-{ring[0]}", 0.0))
    if ring[0] == "adopt":
        x.reasons.append(Note("radar-adopt", reason=ring[1]))
    elif ring[0] != "hold":
        x.trade.append(Note("radar-ring", ring=ring[0], reason=ring[1]))


def term_maturity(x: _Eval) -> None:
    if x.t.adoption in ("widespread", "niche"):
        x.term("adoption", f"adoption {x.t.adoption}", WEIGHTS[f"adoption-{x.t.adoption}"])
    if x.t.state in {"maintenance", "deprecated", "retired", "archived"}:
        x.term("status", f"status {x.t.state}", WEIGHTS.get(x.t.state, -0.3))
        x.trade.append(Note("status", state=x.t.state, since=x.t.state_since, successor=x.t.successor))
    if x.t.end_of_life and x.t.end_of_life > x.ctx.today:
        x.trade.append(Note("end-of-life-planned", date=x.t.end_of_life))


def term_cloud(x: _Eval) -> None:
    """The stated cloud's own services fit best; a single-cloud service ties the team to that cloud."""
    offer = x.form.offer
    if x.rules.cloud and offer:
        if offer.first_party_on(x.rules.cloud):
            x.term("cloud", f"native service of {x.rules.cloud}", WEIGHTS["cloud-native"])
            x.reasons.append(Note("cloud-native", cloud=x.rules.cloud, service=offer.service))
        elif _hosting(x.rules) == "managed":
            x.reasons.append(Note("managed-on", cloud=x.rules.cloud, service=offer.service))
    only = x.t.single_cloud
    if only is None or x.rules.cloud or x.t.main_role == "cloud":  # a cloud is not locked into itself
        return
    if x.ctx.clouds and only not in x.ctx.clouds:
        x.term("lock-in", f"not offered on {join(sorted(x.ctx.clouds))}, the cloud you use", WEIGHTS["lock-in-other-cloud"])
        x.trade.append(Note("not-on-used-cloud", only=[only], used=sorted(x.ctx.clouds)))
    elif not x.ctx.clouds:
        x.term("lock-in", f"only on {only}, and no cloud was stated", WEIGHTS["lock-in-unstated"])


def term_retention(x: _Eval) -> None:
    """A need that must keep its messages wants a retained log, not a queue that deletes on acknowledgement."""
    if x.need.retention is None or x.need.role != "messaging":
        return
    keeps = format_retention(x.need.retention)
    if "replay" in x.t.caps:
        x.reasons.append(Note("retention-log", retention=keeps))
    else:
        x.term("retention", f"does not keep consumed messages for {keeps}", WEIGHTS["no-retention"])
        x.trade.append(Note("no-retention-log", retention=keeps))


def term_licence(x: _Eval) -> None:
    """Licence, lock-in and cost are always said of a pick, whether or not the file asked."""
    if x.rules.license and x.rules.license.value != "any":
        x.reasons.append(Note("licence-meets", license=x.t.license, rule=x.rules.license.value))
    kinds = set(x.t.license_kinds)
    if kinds and kinds <= {"proprietary"} and not (x.t.kind == "platform" and x.t.main_role == "cloud"):
        x.trade.append(Note("proprietary", license=x.t.license))
    elif kinds and kinds <= {"source-available", "proprietary"}:
        x.trade.append(Note("source-available", license=x.t.license))
    only = x.t.single_cloud
    if only and x.t.main_role != "cloud":
        if x.rules.cloud or x.ctx.clouds:
            x.trade.append(Note("lock-in", cloud=only, service=(x.form.offer.service if x.form.offer else x.t.name)))
        else:
            x.trade.append(Note("single-cloud", cloud=only))
    if x.managed and (x.t.scaling == "serverless" or x.t.caps.get("serverless", ("",))[0] == "native"):
        x.trade.append(Note("usage-cost"))


# The soft terms, in the order their reasons and trade-offs are told.
TERMS: tuple[Callable[[_Eval], None], ...] = (
    term_capabilities, term_implied, term_prefer, term_main_purpose, term_size, term_latency, term_quality,
    term_embedding, term_operations, term_team, term_radar, term_maturity, term_cloud, term_retention, term_licence,
)


def soft_terms(g: nx.MultiDiGraph, tech_id: str, need: Need, rules: Constraints, ctx: _Context
               ) -> tuple[list[Term], list[Note], list[Note], Form]:
    """Named score terms, reasons and trade-offs for a candidate that passed, in its best form."""
    t = tech_view(g, tech_id)
    forms = _forms(t, need, rules, ctx)
    x = _Eval(g, t, need, rules, ctx, forms[0])
    for term in TERMS:
        term(x)
    return x.terms, x.reasons, x.trade, x.form


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


def _score(terms: list[Term]) -> float:
    return round(max(0.0, min(1.0, BASE + sum(term.value for term in terms))), 2)


# ---- needs and stack --------------------------------------------------------------------

def evaluate(g: nx.MultiDiGraph, need: Need, rules: Constraints, ctx: _Context,
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
            cand.score = _score(cand.terms)
        out.append(cand)
    reuse = set(bonus or ())
    # ties go to a block the stack already has, then to the larger ecosystem (integrations and offers), then by id
    out.sort(key=lambda c: (not c.passes, -(c.score or 0.0), len(c.failures), c.id not in reuse,
                            -_ecosystem(g, c.id), c.id))
    return out


def _ecosystem(g: nx.MultiDiGraph, tech_id: str) -> int:
    return len(G.related(g, tech_id, G.INTEGRATES_WITH)) + len(tech_view(g, tech_id).offers)


def _choose(ranked: list[Candidate], g: nx.MultiDiGraph) -> tuple[list[Candidate], list[Candidate]]:
    passing = [c for c in ranked if c.passes]
    picks = passing[:1]
    # the second pick is an alternative to the first: an instrumentation standard and a back end work
    # together (both stay in `considered`), so they are not offered as either-or
    standard = picks and tech_view(g, picks[0].id).kind == "standard"
    alike = [c for c in passing[1:] if (tech_view(g, c.id).kind == "standard") == standard]
    if alike and (passing[0].score or 0) - (alike[0].score or 0) <= SECOND_PICK_GAP:
        picks.append(alike[0])
    chosen = {c.id for c in picks}
    rest = [c for c in ranked if c.id not in chosen]
    # the named alternatives of the winner come first among the rejected ...
    alternatives = set(G.related(g, picks[0].id, G.ALTERNATIVE_TO)) if picks else set()
    rest.sort(key=lambda c: (c.id not in alternatives, not c.passes, -(c.score or 0.0), len(c.failures), c.id))
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
    words = _words(g)
    known = {tid for tid in reqs.context.existing if G.node(G.TECH, tid) in g}
    family = words.get("skill_family", {})
    skills = set(reqs.context.skills) | {family[s] for s in reqs.context.skills if s in family}
    languages = set(reqs.context.languages) | {family[s] for s in reqs.context.languages if s in family}
    ctx = _Context(known, skills, reqs.context.team_size, languages, dict(radar or {}), words=words,
                   today=today or dt.date.today().isoformat())
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
        picks, considered = _choose(ranked[need.id], g)
        results.append(NeedResult(need.id, need.role, picks, considered, ranked[need.id]))
    stack, notes = _stack(g, results, ctx, rules)
    warnings = _warnings(g, reqs, results, ctx)
    return Recommendation(int(g.graph.get("technologies", 0)), str(g.graph.get("digest", "")), results, stack,
                          notes, warnings)


def _consolidate(g: nx.MultiDiGraph, reqs: Requirements, ranked: dict[str, list[Candidate]],
                 rules: dict[str, Constraints], ctx: _Context) -> dict[str, list[Candidate]]:
    """Choose the stack as a whole: a need moves to a block the stack already has when that block
    scores within the team's reuse gap and the move takes a component away. Each move removes one
    component, so this ends; needs are visited in file order, so it is deterministic."""
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
    out = dict(ranked)
    for need in reqs.needs:
        if need.id not in moved:
            continue
        tid = moved[need.id]
        serves = [nid for nid, w in winner.items() if w.id == tid and nid != need.id]
        lift = winner_score(ranked[need.id]) - (winner[need.id].score or 0) + 0.005
        out[need.id] = evaluate(g, need, rules[need.id], ctx, bonus={tid: (max(lift, 0.0), serves)})
    return out


def winner_score(ranked: list[Candidate]) -> float:
    return ranked[0].score or 0.0 if ranked else 0.0


def _stack(g: nx.MultiDiGraph, results: list[NeedResult], ctx: _Context,
           rules: dict[str, Constraints]) -> tuple[list[str], list[str]]:
    chosen = [r.picks[0].id for r in results if r.picks]
    components = list(dict.fromkeys(chosen))
    first_pick = {r.picks[0].id: r for r in reversed(results) if r.picks}
    notes: list[str] = []
    for tech_id in list(components):
        pick = first_pick[tech_id].picks[0]
        managed = pick.form is not None and pick.form.name == "managed"
        if managed or tech_id in ctx.existing:  # their dependencies are in place already
            continue
        need = first_pick[tech_id]
        brought = G.brought_in(g, tech_id, ctx.existing | set(components), _allowed(g, rules[need.id], need.role))
        for extra in brought:
            if extra not in components:
                components.append(extra)
                notes.append(f"{tech_id} requires {extra}")
    for tech_id in sorted({t for t in chosen if chosen.count(t) > 1}):
        needs = [r.id for r in results if r.picks and r.picks[0].id == tech_id]
        notes.append(f"{tech_id} serves {len(needs)} needs ({join(needs)}): one component fewer to run")
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
        notes.append(f"reuses what the team runs: {join(reused)}")
    new = [c for c in components if c not in ctx.existing]
    if new:
        notes.append(f"new components to operate: {join(new)}")
    return components, notes


def _warnings(g: nx.MultiDiGraph, reqs: Requirements, results: list[NeedResult], ctx: _Context) -> list[str]:
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
    for name in sorted(set(reqs.context.existing) - ctx.existing):
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
