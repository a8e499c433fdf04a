"""Soft fit: one small function per term, each weighted from one table.

A candidate that passed the hard requirements starts at `BASE`; every term
adds or subtracts a named amount, so `--explain` shows numbers that add up.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from techpick import graph as G
from techpick.filters import (
    Context,
    Form,
    allowed_by,
    best_latency,
    cache_pool,
    decades,
    host_languages,
    hosting_of,
    rates,
    usable_forms,
)
from techpick.notes import Note, join
from techpick.requirements import Constraints, Need
from techpick.techview import Tech, tech_view
from techpick.units import format_latency, format_retention, format_throughput, format_volume

if TYPE_CHECKING:  # networkx is imported by whoever builds a graph: a cached one needs none
    import networkx as nx

BASE = 0.75
# Every soft term's size, in one place. Positive helps, negative hurts; most are scaled by something named.
WEIGHTS: dict[str, float] = {
    "capabilities": 0.3,  # x (mean value of the asked capabilities' levels - 1)
    "implied": 0.1,  # x (1 - level value) for each capability the role implies
    "keeps-nothing": -0.1,  # a collector or a dashboard for a logging, metrics or tracing need that wants data kept
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
    "builds-on-existing": 0.075,  # half of `existing`: a layer over a block the team runs for the same job
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
    "in-memory-backlog": -0.15,  # a persistent message buffer held in RAM: a backlog stops at its memory
    "stack": 0.08,  # x team weight: the gap within which a block chosen for another need is reused
    "radar-adopt": 0.1,
    "radar-assess": -0.03,
}
# A message buffer's backlog, when the need states no volume: an hour of stalled consumers at the stated rate, in
# messages of about 1KB, against a node that keeps 50GB in RAM (the figures `techpick size` assumes for brokers and
# in-memory nodes).
BACKLOG_SECONDS = 3600.0
MESSAGE_BYTES = 1e3
RAM_PER_NODE = 50e9
LEVEL_VALUE = {"native": 1.0, "extension": 0.7, "partial": 0.55}
PREFER_VALUE = {"native": 1.0, "extension": 0.6, "partial": 0.4}
READS_ONLY = {"query-engine", "batch-processing", "stream-processing"}  # roles whose data model is what they read


@dataclass
class Term:
    """One named adjustment to a candidate's score; `key` says what it is about,
    so that two candidates' terms can be compared."""

    key: str
    label: str
    value: float


@dataclass
class Eval:
    """What the soft terms read and write for one candidate and one need."""

    g: nx.MultiDiGraph
    t: Tech
    need: Need
    rules: Constraints
    ctx: Context
    form: Form
    terms: list[Term] = field(default_factory=list)
    reasons: list[Note] = field(default_factory=list)
    trade: list[Note] = field(default_factory=list)

    def term(self, key: str, label: str, value: float) -> None:
        value = round(value, 4)
        if value:
            self.terms.append(Term(key, label, value))

    @functools.cached_property
    def caps(self) -> dict[str, tuple[str, str | None, list[str]]]:
        """The capabilities it brings in its form: a managed offer can leave some of the product's out."""
        lacks = set(self.form.offer.lacks) if self.form.offer else set()
        return {c: v for c, v in self.t.caps.items() if c not in lacks} if lacks else self.t.caps

    def served(self, cap: str) -> tuple[str, list[str]]:
        """A partial or extension capability provided through something the team runs counts in full."""
        level, _, via = self.caps[cap]
        running = [v for v in via if v in self.ctx.existing]
        return ("native" if running else level), running

    @property
    def managed(self) -> bool:
        return self.form.name == "managed"


def term_capabilities(x: Eval) -> None:
    # writes served in several regions is asked as a capability: a companion replicator (MirrorMaker 2) costs
    # as any capability served through an extension does
    regions = ["geo-replication"] if x.need.regions and x.need.regions > 1 else []
    asked = list(dict.fromkeys([*x.need.access, *x.need.features, *regions]))
    if not asked:
        return
    values = [LEVEL_VALUE[x.served(c)[0]] for c in asked]
    x.term("capabilities", "required capabilities only partly served",
           WEIGHTS["capabilities"] * (math.fsum(values) / len(values) - 1))
    native = [c for c in asked if x.caps[c][0] == "native"]
    if native:
        x.reasons.append(Note("serves-natively", caps=native))
    for c in asked:
        level, note, via = x.caps[c]
        running = x.served(c)[1]
        if running:
            x.reasons.append(Note("serves-through", cap=c, via=running))
        elif level != "native":
            x.trade.append(Note("cap-level", cap=c, level=level, note=note, via=via))


KEPT_LONG = (90.0, 1e12)  # days and bytes: data kept this long at this size is paid for by its compression


def implied_capabilities(x: Eval) -> list[str]:
    """What the need's role usually means, and compression for a store that keeps terabytes for months:
    a reviewer asks how a year of telemetry will be stored before asking anything else."""
    caps = list(G.implied(x.g, x.need.role))
    kept_long = x.need.retention is not None and x.need.retention >= KEPT_LONG[0] and \
        x.need.volume is not None and x.need.volume >= KEPT_LONG[1]
    if x.need.role == "storage" and kept_long and "compression" not in caps:
        caps.append("compression")
    return caps


def term_implied(x: Eval) -> None:
    asked = {*x.need.access, *x.need.features}
    for cap in implied_capabilities(x):
        if cap in asked:
            continue
        level = x.served(cap)[0] if cap in x.caps else None
        x.term(f"implied:{cap}", f"{x.need.role} usually means {cap}",
               -WEIGHTS["implied"] * (1 - LEVEL_VALUE.get(level or "", 0.0)))
        if level is None:
            x.trade.append(Note("implied-missing", cap=cap))
        elif level != "native":
            x.trade.append(Note("cap-level", cap=cap, level=level, note=x.caps[cap][1], via=[]))


ENDED = {"archived", "retired"}  # states in which a block the team runs earns nothing that builds on it
MOVING = {"forwarding", "instrumentation"}  # what a need asks of a collector or an SDK rather than a back end


def term_keeps(x: Eval) -> None:
    """A logging, metrics or tracing need that does not ask only to move data wants it kept and searchable: a
    collector or a dashboard service holds none of it, so on its own it is part of the answer, not the answer.
    An instrumentation standard or library answers a bare need (instrument first), but not one that states what
    a back end carries: data held or kept, a rate, or high availability."""
    if x.need.role not in x.ctx.words.get("keeping_roles", []) or MOVING & {*x.need.access, *x.need.features}:
        return
    back_end = (x.need.volume is not None or x.need.retention is not None or bool(rates(x.need))
                or x.need.availability == "high")
    if x.t.volume is None and (x.t.hosted or back_end):
        x.term("keeps-nothing", f"keeps no {x.need.role} data of its own", WEIGHTS["keeps-nothing"])
        x.trade.append(Note("keeps-nothing", role=x.need.role))


def term_prefer(x: Eval) -> None:
    if not x.need.prefer:
        return
    got = [c for c in x.need.prefer if c in x.caps]
    value = min(WEIGHTS["prefer-cap"], WEIGHTS["prefer-each"] * math.fsum(PREFER_VALUE[x.served(c)[0]] for c in got))
    x.term("prefer", "preferred capabilities", value)
    if got:
        x.reasons.append(Note("also-offers", caps=got))
    missing = [c for c in x.need.prefer if c not in x.caps]
    if missing:
        x.trade.append(Note("prefer-missing", caps=missing))


def term_main_purpose(x: Eval) -> None:
    if x.t.main_role != x.need.role:
        x.term("role", f"{x.need.role} is not its main role", WEIGHTS["side-role"])
    # an engine reads data it does not hold: which shape comes first in its list says nothing about fit
    holds = x.need.role not in READS_ONLY
    model = x.need.data_model or _implied_model(x)
    if holds and model and x.t.data_models and x.t.data_models[0] != model:
        x.term("data-model", f"{model} is not its main data model", WEIGHTS["side-model"])


def _implied_model(x: Eval) -> str | None:
    """A need that names no data model but asks for full-text search is about a search index, as a reviewer
    reads it: a graph or vector store that also indexes text serves it as a side job."""
    by_capability = x.ctx.words.get("capability_model", {})
    implied = {by_capability[c] for c in x.need.access if c in by_capability}
    return implied.pop() if len(implied) == 1 else None


def _size(x: Eval, key: str, what: str, value: float | None, span: tuple[float, float, float, str] | None,
          fmt: Callable[[float], str]) -> None:
    """Below the sweet spot is overkill; above it costs tuning; past a judgement ceiling it costs more, growing."""
    if value is None or span is None:
        return
    low, high, ceiling, kind = span
    if low <= value <= high:
        x.reasons.append(Note("sweet-spot", what=what, value=fmt(value), low=fmt(low), high=fmt(high)))
        return
    if value < low:
        x.term(key, f"{what} below its sweet spot", max(WEIGHTS["sweet-cap"], WEIGHTS["below-sweet"] * decades(low, value)))
        x.trade.append(Note("below-sweet", what=what, value=fmt(value), low=fmt(low)))
        return
    x.term(key, f"{what} above its sweet spot", max(WEIGHTS["sweet-cap"], WEIGHTS["above-sweet"] * decades(value, high)))
    if value > ceiling and kind == "judgement":
        x.term(f"{key}-ceiling", f"{what} past the largest known deployments",
               WEIGHTS["beyond-ceiling"] * decades(value, ceiling))
        x.trade.append(Note("beyond-ceiling", what=what, value=fmt(value), ceiling=fmt(ceiling)))
    else:
        x.trade.append(Note("above-sweet", what=what, value=fmt(value), high=fmt(high)))


def term_size(x: Eval) -> None:
    _size(x, "volume", "volume", x.need.volume, x.t.volume, format_volume)
    rate = max(rates(x.need), default=None)
    _size(x, "throughput", "throughput", rate, x.t.throughput, format_throughput)
    if x.need.concurrency and x.t.concurrency_max and x.need.concurrency > x.t.concurrency_max:
        x.term("concurrency", "more concurrent clients than it serves well",
               WEIGHTS["concurrency"] * decades(x.need.concurrency, x.t.concurrency_max))
        x.trade.append(Note("concurrency", n=x.need.concurrency, limit=x.t.concurrency_max))


def term_latency(x: Eval) -> None:
    best, op = best_latency(x.t, x.need)
    if x.need.latency is None or best is None:
        return
    x.reasons.append(Note("meets-latency", target=format_latency(x.need.latency), best=format_latency(best), op=op))
    if decades(x.need.latency, best) < 0.3:
        x.term("latency", "little latency headroom", WEIGHTS["latency-headroom"])


def _asked_availability(x: Eval) -> str | None:
    """The failover level this candidate, in its form, brings to a need that asks for high availability."""
    holds_data = x.t.durability not in ("n/a",) and x.t.volume is not None
    if x.need.availability == "high" and (x.t.hosted or holds_data or x.t.high_availability in ("partial", "extension")):
        level = x.t.high_availability if not x.t.hosted else x.form.high_availability or x.t.high_availability
        return "partial" if level == "none" and cache_pool(x.t, x.need) else level
    return None


def term_quality(x: Eval) -> None:
    # a tool or library has no server to fail; one whose entry names a server side (a controller, a UI) says
    # how available that side is, and one that holds the data keeps it only as long as its one process lives
    ha = _asked_availability(x)
    if ha is not None:
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


def term_embedding(x: Eval) -> None:
    """An embedded library in a virtual machine the team does not work in is a poor fit (hard with `languages`)."""
    if not (x.need.embedded and x.t.embedded):
        return
    x.reasons.append(Note("embedded"))
    if x.ctx.languages:
        return  # the hard rule has spoken
    hosts = host_languages(x.t, x.ctx.words)
    known = set(x.ctx.words.get("language_runtime", {}))
    team_languages = x.ctx.skills & known
    if x.t.runtime in x.ctx.words.get("vm_runtimes", []) and hosts and team_languages and not hosts & x.ctx.skills:
        x.term("runtime", f"embeds only in {x.t.runtime} programs", WEIGHTS["runtime-skills"])
        x.trade.append(Note("runtime-only", runtime=x.t.runtime, skills=sorted(team_languages)))


def _dependencies(g: nx.MultiDiGraph, t: Tech, form: Form, need: Need, rules: Constraints, ctx: Context
                  ) -> tuple[list[str], list[str], list[str]]:
    """What the team must run beside this block in this form: everything brought, the part not bundled in it,
    and what another need's pick provides (there already, but it carries this need's load too: half)."""
    # a managed offer runs its own dependencies, except what it says it still needs (`requires` of the offer);
    # what the team runs already has its own in place
    offer = form.bought
    if t.id in ctx.existing or (form.name == "managed" and not offer):
        return [], [], []
    groups = G.requirements(g, t.id, offer)
    if not groups:
        return [], [], []
    planned = ctx.planned.get(need.id, set())
    brought = G.brought_in(g, t.id, ctx.existing | planned, allowed_by(g, rules, need.role), offer,
                           ctx.clouds_on(rules))
    shared = [next(o for o in group if o in planned) for group in groups
              if not set(group) & ctx.existing and set(group) & planned]
    parts = set(G.related(g, t.id, G.HAS_PART))  # a bundle's complexity already covers its parts
    return brought, [b for b in brought if b not in parts], shared


def _brought_weight(g: nx.MultiDiGraph, extras: list[str], shared: list[str]) -> float:
    # fsum: the same float on every Python (3.12 changed how sum() adds floats)
    return math.fsum([*(tech_view(g, b).complexity for b in extras),
                      *(0.5 * tech_view(g, b).complexity for b in shared)])


def _form_load(g: nx.MultiDiGraph, t: Tech, form: Form, need: Need, rules: Constraints, ctx: Context) -> float:
    """How much a form weighs on the team with what it brings: the complexity and brings terms, unweighted."""
    _, extras, shared = _dependencies(g, t, form, need, rules, ctx)
    return -WEIGHTS["complexity"] * (form.complexity - 1) - WEIGHTS["brings"] * _brought_weight(g, extras, shared)


def term_operations(x: Eval) -> None:
    """Operational weight against the team that carries it; a burden already carried counts half."""
    complexity = x.form.complexity
    brought, extras, shared = _dependencies(x.g, x.t, x.form, x.need, x.rules, x.ctx)
    # what the team runs is not lighter to keep running: its upgrades and chores go on (its credit is `existing`)
    weight = x.ctx.team_weight
    x.term("complexity", f"operational complexity {complexity}/5", WEIGHTS["complexity"] * (complexity - 1) * weight)
    if extras or shared:
        x.term("brings", f"brings {join(extras + shared)}",
               WEIGHTS["brings"] * _brought_weight(x.g, extras, shared) * weight)
    if extras:
        x.trade.append(Note("brings", names=[tech_view(x.g, b).name for b in extras]))
    if shared:
        x.reasons.append(Note("runs-on-stack", names=[tech_view(x.g, b).name for b in shared]))
    bundled = [b for b in brought if b not in extras]
    if bundled:
        x.trade.append(Note("bundle", names=[tech_view(x.g, b).name for b in bundled]))
    if x.managed and x.form.offer:
        x.reasons.append(Note("form-managed", offer=x.form.offer.service))
        if x.form.offer.status != "ga":
            x.trade.append(Note("offer-status", offer=x.form.offer.service, status=x.form.offer.status, note=None))
        if x.form.offer.status == "deprecated":
            # an offer its provider is retiring weighs as a deprecated product does: new work moves twice
            x.term("status", f"offer {x.form.offer.service} deprecated", WEIGHTS["deprecated"])
    elif not x.t.hosted and x.form.name != "embedded":
        x.reasons.append(Note("form-not-hosted", kind=x.t.kind))
    if complexity >= 3:
        x.trade.append(Note("complexity", level=complexity, reason=x.t.complexity_reason))
    elif complexity <= 2:
        x.reasons.append(Note("simple", level=complexity))


def _falls_short(x: Eval) -> bool:
    """True when the block meets what the need states only in part: high availability partial or none, a required
    capability partial, a persistent backlog past its RAM, or, when the need prefers two or more capabilities,
    less than half of their worth. What the need states is then a reason to move."""
    if _backlog_past_ram(x) is not None or _asked_availability(x) in ("partial", "none"):
        return True
    asked = dict.fromkeys([*x.need.access, *x.need.features])
    if any(x.served(c)[0] == "partial" for c in asked if c in x.caps):
        return True
    if len(x.need.prefer) < 2:
        return False
    worth = math.fsum(PREFER_VALUE[x.served(c)[0]] for c in x.need.prefer if c in x.caps)
    return worth < len(x.need.prefer) / 2


def term_team(x: Eval) -> None:
    """What the team already runs and knows."""
    if x.t.id in x.ctx.existing:
        if x.managed and x.form.offer and x.form.offer.compatible:
            # another engine behind the same API: the team's cluster, tuning and tools do not come along
            x.trade.append(Note("existing-other-engine", offer=x.form.offer.service, name=x.t.name))
        elif _falls_short(x):
            # the need states what the team wants and the block it runs falls short of it: a reason to move
            x.trade.append(Note("existing-falls-short"))
        else:
            x.term("existing", "already run by the team", WEIGHTS["existing"])
            x.reasons.append(Note("existing"))
    # a layer over a block the team runs for this very job (Vitess on MySQL, pgvector on PostgreSQL) keeps
    # that block, its data and the team's skills with it: no migration to another engine
    # an archived or retired block the team still runs is a liability to move off, not a base to build on
    kept = {i for i in x.ctx.existing if tech_view(x.g, i).state not in ENDED}
    base = sorted({i for group in G.requirements(x.g, x.t.id) for i in group
                   if i in kept and x.need.role in tech_view(x.g, i).roles})
    if base:
        x.term("builds-on", f"builds on {join(base)}, which the team runs", WEIGHTS["builds-on-existing"])
        x.reasons.append(Note("builds-on-existing", names=[tech_view(x.g, i).name for i in base]))
    partners = [i for i in G.related(x.g, x.t.id, G.INTEGRATES_WITH) if i in kept]
    requires_existing = [i for group in G.requirements(x.g, x.t.id) for i in group if i in kept]
    required_by = [i for i in sorted(kept) if any(x.t.id in group for group in G.requirements(x.g, i))]
    # a cloud works with what the team runs when it sells that as a managed service
    hosted_here = [] if x.t.main_role != "cloud" else [
        i for i in x.ctx.existing if {c for o in x.t.offers for c in o.clouds}
        & {c for o in tech_view(x.g, i).offers for c in o.clouds if o.first_party_on(c)}]
    linked = sorted(set(partners) | set(requires_existing) | set(required_by) | set(hosted_here))
    if linked:
        x.term("integration", f"works with {join(linked)}",
               min(WEIGHTS["integration-cap"], WEIGHTS["integration-each"] * len(linked)))
        x.reasons.append(Note("works-with", ids=linked))
    skills = set(x.t.skills)
    if x.need.role not in x.ctx.words.get("code_roles", []) and (x.managed or _native_server(x)):
        # bought managed, the server runs on the provider's machines and the team talks to it over the wire:
        # the language it is written in (Kafka's Java, NATS's Go) is no longer the team's to know. Run by the
        # team, a server shipped as one native binary (Go, Rust, C++) leaves no language runtime to tune either:
        # operating it is Linux work, whatever it was written in; a VM's heap and collector stay the team's
        skills -= {s for s, rt in x.ctx.words.get("language_runtime", {}).items() if rt == x.t.runtime}
    if x.ctx.skills and skills:
        family = x.ctx.words.get("skill_family", {})
        mine = skills | {family[s] for s in skills if s in family}
        overlap = sorted(mine & x.ctx.skills)
        languages = sorted(skills & set(x.ctx.words.get("language_runtime", {})))
        if overlap:
            x.term("skills", f"team knows {join(overlap)}", WEIGHTS["skills"])
            x.reasons.append(Note("skills-fit", skills=overlap))
        elif languages and not set(x.t.languages) & x.ctx.skills:
            # a block that embeds in programs (DuckDB, Polars) is usable from any of its host languages: the
            # team is not short of a language, though its skills earn no credit either
            x.term("skills", f"team lacks {join(languages)}", -WEIGHTS["skills"])
            x.trade.append(Note("skills-lacking", skills=languages))


def _native_server(x: Eval) -> bool:
    """A service or platform the team runs as its own process, on a runtime that is not a VM."""
    return (x.t.kind in {"service", "platform"} and x.form.name != "embedded"
            and x.t.runtime not in x.ctx.words.get("vm_runtimes", []))


def term_radar(x: Eval) -> None:
    ring = x.ctx.radar.get(x.t.id)
    if not ring:
        return
    x.term("radar", f"radar: {ring[0]}", WEIGHTS.get(f"radar-{ring[0]}", 0.0))
    if ring[0] == "adopt":
        x.reasons.append(Note("radar-adopt", reason=ring[1]))
    elif ring[0] != "hold":
        x.trade.append(Note("radar-ring", ring=ring[0], reason=ring[1]))


def term_maturity(x: Eval) -> None:
    if x.t.adoption in ("widespread", "niche"):
        x.term("adoption", f"adoption {x.t.adoption}", WEIGHTS[f"adoption-{x.t.adoption}"])
    if x.t.state in {"maintenance", "deprecated", "retired", "archived"}:
        x.term("status", f"status {x.t.state}", WEIGHTS.get(x.t.state, -0.3))
        x.trade.append(Note("status", state=x.t.state, since=x.t.state_since, successor=x.t.successor))
    if x.t.end_of_life and x.t.end_of_life > x.ctx.today:
        x.trade.append(Note("end-of-life-planned", date=x.t.end_of_life))


def term_cloud(x: Eval) -> None:
    """The stated cloud's own services fit best; a single-cloud service ties the team to that cloud."""
    offer = x.form.offer
    if x.rules.cloud and offer:
        # a preview is the cloud's promise, not yet its service: it earns no fit until it is generally available
        if offer.first_party_on(x.rules.cloud) and offer.status == "ga":
            x.term("cloud", f"native service of {x.rules.cloud}", WEIGHTS["cloud-native"])
            x.reasons.append(Note("cloud-native", cloud=x.rules.cloud, service=offer.service))
        elif hosting_of(x.rules) == "managed":
            x.reasons.append(Note("managed-on", cloud=x.rules.cloud, service=offer.service))
    only = x.t.single_cloud
    if only is None or x.rules.cloud or x.t.main_role == "cloud":  # a cloud is not locked into itself
        return
    if x.ctx.clouds and only not in x.ctx.clouds:
        x.term("lock-in", f"not offered on {join(sorted(x.ctx.clouds))}, the cloud you use", WEIGHTS["lock-in-other-cloud"])
        x.trade.append(Note("not-on-used-cloud", only=[only], used=sorted(x.ctx.clouds)))
    elif not x.ctx.clouds:
        x.term("lock-in", f"only on {only}, and no cloud was stated", WEIGHTS["lock-in-unstated"])


def _backlog_past_ram(x: Eval) -> float | None:
    """The backlog a persistent message buffer must hold (the stated volume, or an hour of stalled consumers at the
    stated rate), when the block keeps its whole data set in RAM and that backlog outgrows one node's memory."""
    if x.need.role != "messaging" or not x.need.persistence or not x.t.in_memory:
        return None
    rate = max(rates(x.need), default=None)
    backlog = x.need.volume if x.need.volume is not None else (
        rate * BACKLOG_SECONDS * MESSAGE_BYTES if rate is not None else None)
    return backlog if backlog is not None and backlog > RAM_PER_NODE else None


def term_backlog(x: Eval) -> None:
    """A persistent buffer absorbs a backlog when its consumers stall; one held in RAM stops taking writes when
    memory is full, whatever it copies to disk, so the cost grows with the backlog against a node's RAM."""
    backlog = _backlog_past_ram(x)
    if backlog is None:
        return
    x.term("backlog", "a persistent backlog held in memory",
           WEIGHTS["in-memory-backlog"] * (1 + decades(backlog, RAM_PER_NODE)))
    x.trade.append(Note("in-memory-backlog", backlog=format_volume(backlog), ram=format_volume(RAM_PER_NODE)))


def term_retention(x: Eval) -> None:
    """A need that must keep its messages wants a retained log, not a queue that deletes on acknowledgement."""
    if x.need.retention is None or x.need.role != "messaging":
        return
    keeps = format_retention(x.need.retention)
    if "replay" in x.caps:
        x.reasons.append(Note("retention-log", retention=keeps))
    else:
        x.term("retention", f"does not keep consumed messages for {keeps}", WEIGHTS["no-retention"])
        x.trade.append(Note("no-retention-log", retention=keeps))


def term_licence(x: Eval) -> None:
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
    if x.managed and (x.t.scaling == "serverless" or x.caps.get("serverless", ("",))[0] == "native"):
        x.trade.append(Note("usage-cost"))


# The soft terms, in the order their reasons and trade-offs are told.
TERMS: tuple[Callable[[Eval], None], ...] = (
    term_capabilities, term_implied, term_prefer, term_main_purpose, term_size, term_latency, term_quality,
    term_keeps, term_embedding, term_operations, term_team, term_radar, term_maturity, term_cloud, term_retention,
    term_backlog, term_licence,
)


def soft_terms(g: nx.MultiDiGraph, tech_id: str, need: Need, rules: Constraints, ctx: Context
               ) -> tuple[list[Term], list[Note], list[Note], Form]:
    """Named score terms, reasons and trade-offs for a candidate that passed, in its best form."""
    t = tech_view(g, tech_id)
    forms = usable_forms(t, need, rules, ctx)
    if len(forms) > 1 and any(f.bought and G.requirements(g, t.id, f.bought) for f in forms):
        # an offer that still needs a cluster beside it is as light as the offer and that cluster together
        # (a hosted connector service writing into a Kafka the team would have to add); the order of
        # `usable_forms` settles ties, and an offer being retired stays last
        forms = sorted(forms, key=lambda f: (f.retiring, _form_load(g, t, f, need, rules, ctx)))
    x = Eval(g, t, need, rules, ctx, forms[0])
    for term in TERMS:
        term(x)
    return x.terms, x.reasons, x.trade, x.form


def score(terms: list[Term]) -> float:
    """BASE plus the terms, clamped to 0..1, rounded half up to two places.

    Terms carry four decimals; they are added as decimals, so that a total such
    as 0.675 rounds the same on every platform (no float summation noise, no
    difference between libm builds one ulp apart below the fourth decimal).
    """
    total = Decimal(str(BASE)) + sum((Decimal(str(term.value)) for term in terms), Decimal(0))
    total = min(Decimal(1), max(Decimal(0), total))
    return float(total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
