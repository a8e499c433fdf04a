"""Hard requirements and forms: what rules a candidate out, and how it would be used.

A failure is a `Note` that says which requirement fails. Hosting and cloud
apply to services only (contract 1.1); a candidate is judged in every form
the constraints allow, and the lightest comes first.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from techpick.notes import Note, join
from techpick.requirements import FLOW_ROLES, Constraints, Need
from techpick.techview import Offer, Tech, tech_view
from techpick.units import format_latency, format_retention, format_throughput, format_volume

if TYPE_CHECKING:  # networkx is imported by whoever builds a graph: a cached one needs none
    import networkx as nx

JUDGEMENT_STRETCH = 10.0  # a judgement ceiling costs more and more past it, and rules out beyond ten times
KIND_FORM = {"library": "library", "tool": "tool", "format": "format", "standard": "library", "language": "tool"}
ANALYTIC_ACCESS = {"aggregation", "ad-hoc-sql", "interactive-queries", "joins"}
STREAM_ROLES = {"messaging", "stream-processing"}


@dataclass(frozen=True)
class Form:
    """How a candidate would be used: `name` is contract 1.1's `form`."""

    name: str
    complexity: int
    offer: Offer | None = None
    high_availability: str | None = None

    @property
    def bought(self) -> str | None:
        """The managed offer this form buys, by its service name."""
        return self.offer.service if self.name == "managed" and self.offer else None

    @property
    def retiring(self) -> bool:
        """An offer its provider is retiring: the last form considered, however light."""
        return self.offer is not None and self.offer.status == "deprecated"


@dataclass
class Context:
    existing: set[str]
    skills: set[str]
    team_size: int | None
    languages: set[str] = field(default_factory=set)  # the application's languages and their runtimes
    radar: dict[str, tuple[str, str]] = field(default_factory=dict)
    clouds: set[str] = field(default_factory=set)  # clouds the team already uses (a cloud in `existing`)
    planned: dict[str, set[str]] = field(default_factory=dict)  # need id -> what the other needs picked
    leaving: set[str] = field(default_factory=set)  # blocks the team is moving away from (context.leaving)
    words: dict[str, Any] = field(default_factory=dict)
    today: str = ""

    def clouds_on(self, rules: Constraints) -> frozenset[str]:
        """The clouds the team is on for a need: the one it states and those it already uses."""
        return frozenset({rules.cloud} if rules.cloud else set()) | frozenset(self.clouds)

    @property
    def team_weight(self) -> float:
        """How much operational weight hurts: most for one person alone, little for a platform team."""
        if self.team_size is None:
            return 1.0
        for limit, weight in ((1, 2.5), (2, 2.0), (5, 1.4), (10, 1.0), (30, 0.7)):
            if self.team_size <= limit:
                return weight
        return 0.5


def decades(a: float, b: float) -> float:
    return abs(math.log10(max(a, 1e-12) / max(b, 1e-12)))


def hosting_of(rules: Constraints) -> str:
    return rules.hosting.value if rules.hosting else "any"


def _buyable(offer: Offer, on: set[str] | frozenset[str]) -> bool:
    """Still sold, and not an add-on to a service of a cloud the team is not on (`on`: stated or used clouds)."""
    return offer.status != "withdrawn" and not (offer.add_on and not set(offer.clouds) & on)


def _constraint_failures(t: Tech, rules: Constraints, role: str, used: frozenset[str] = frozenset()) -> list[Note]:
    """What the file's constraints (licence, hosting, cloud, exclude) rule out, for any block.

    Hosting and cloud apply only to what runs as a service: a library, tool or
    format is neither self-hosted nor managed (contract 1.1). An add-on offer counts
    only on the stated cloud or a cloud the team uses (`used`), as in `usable_forms`.
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
    on = {rules.cloud} if rules.cloud else used
    clouds = {c for o in t.offers if _buyable(o, on) for c in o.clouds}
    hosting = hosting_of(rules)
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


def allowed_by(g: nx.MultiDiGraph, rules: Constraints, role: str) -> Callable[[str], bool]:
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


def best_latency(t: Tech, need: Need) -> tuple[float | None, str | None]:
    op = _operation(need)
    if op and op in t.latency:
        return t.latency[op], op.replace("-", " ")
    return t.latency_p99, None


def host_languages(t: Tech, words: dict[str, Any]) -> set[str]:
    """The languages whose programs can embed it: stated, or those of its virtual machine."""
    if t.languages:
        return set(t.languages)
    if t.runtime in words.get("vm_runtimes", []):
        return {lang for lang, rt in words.get("language_runtime", {}).items() if rt == t.runtime} | {t.runtime}
    return set()


def _embeds_as_library(t: Tech, need: Need) -> bool:
    return bool(need.embedded and t.embedded) or t.kind == "library"


def hard_failures(g: nx.MultiDiGraph, tech_id: str, need: Need, rules: Constraints, ctx: Context) -> list[Note]:
    """Every hard requirement the technology fails."""
    t = tech_view(g, tech_id)
    fails = _constraint_failures(t, rules, need.role, frozenset(ctx.clouds))
    if tech_id in ctx.leaving:
        fails.append(Note("leaving"))
    if need.data_model and need.data_model not in t.data_models:
        fails.append(Note("data-model", model=need.data_model, models=join(list(t.data_models)) or "none"))
    missing = sorted(dict.fromkeys(c for c in [*need.access, *need.features] if c not in t.caps))
    if missing:
        fails.append(Note("lacks", caps=missing))
    if need.embedded and not t.embedded:
        fails.append(Note("not-embeddable"))
    lacking = sorted({c for o in t.offers for c in o.lacks} & {*need.access, *need.features})
    if lacking and not missing and not fails and not usable_forms(t, need, rules, ctx):
        fails.append(Note("offers-lack", caps=lacking))
    if ctx.languages and _embeds_as_library(t, need):
        hosts = host_languages(t, ctx.words)
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
    if need.availability == "high" and t.hosted and not _can_fail_over(t, rules) and not cache_pool(t, need):
        edition = _own_high_availability(t, rules) != t.high_availability
        fails.append(Note("no-ha-open-source", note=t.availability_note) if edition else Note("no-ha"))
    if need.volume is not None:
        # a mover or processor that states no range of its own is judged by its throughput; only a need's
        # data held rules out a block that holds none
        if t.volume is None:
            if need.role not in FLOW_ROLES:
                fails.append(Note("holds-no-data"))
        elif _past_ceiling(need.volume, t.volume):
            fails.append(Note(f"volume-{t.volume[3]}", value=format_volume(need.volume), limit=format_volume(t.volume[2])))
    for rate in rates(need):
        if t.throughput is not None and _past_ceiling(rate, t.throughput):
            fails.append(Note(f"throughput-{t.throughput[3]}", value=format_throughput(rate),
                              limit=format_throughput(t.throughput[2])))
    if need.retention and t.retention_max and need.retention > t.retention_max:
        fails.append(Note("retention-past-limit", retention=format_retention(need.retention),
                          limit=format_retention(t.retention_max)))
    # the concurrency a block serves well is judgement too: it bends (a soft term), and breaks past ten times
    if need.concurrency and t.concurrency_max and need.concurrency > t.concurrency_max * JUDGEMENT_STRETCH:
        fails.append(Note("concurrency-far", n=need.concurrency, limit=t.concurrency_max))
    best, op = best_latency(t, need)
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


def rates(need: Need) -> list[float]:
    return [r for r in (need.throughput, need.query_rate) if r is not None]


def _own_high_availability(t: Tech, rules: Constraints) -> str:
    """The failover a team gets running it itself: when failover is a paid edition's and the licence rule
    asks for open source, only the open-source edition's level is within reach."""
    asks_open = rules.license is not None and rules.license.value in ("open-source", "permissive")
    if asks_open and t.open_source_high_availability is not None:
        return t.open_source_high_availability
    return t.high_availability


def cache_pool(t: Tech, need: Need) -> bool:
    """A pure cache (nothing to persist) spread over servers that do not replicate stays up when one is lost:
    clients hash its keys to the others and refill them from the source, so an expert counts it as partly
    available, not as a single point of failure."""
    return need.persistence is False and need.role == "storage" and t.scaling == "horizontal" \
        and t.high_availability == "none"


def _can_fail_over(t: Tech, rules: Constraints) -> bool:
    """Some allowed form replicates with automatic failover."""
    forms = usable_forms(t, None, rules)
    return not forms or any(f.high_availability != "none" for f in forms)


# ---- forms: how a candidate would be used ---------------------------------------------

def usable_forms(t: Tech, need: Need | None, rules: Constraints, ctx: Context | None = None) -> list[Form]:
    """Every form the constraints allow, best first (least operational weight; then self-hosted, no lock-in)."""
    if not t.hosted:
        name = "embedded" if need is not None and need.embedded and t.embedded else KIND_FORM.get(t.kind, t.kind)
        return [Form(name, t.complexity, None, "n/a")]
    hosting = hosting_of(rules)
    forms: list[Form] = []
    if need is not None and need.embedded and t.embedded:
        forms.append(Form("embedded", t.complexity, None, _own_high_availability(t, rules)))
    if t.self_hosted and hosting != "managed":
        forms.append(Form("self-hosted", t.complexity, None, _own_high_availability(t, rules)))
    if hosting != "self-hosted":
        used = ctx.clouds if ctx else set()
        # offers on a cloud the team stated or uses first, the cloud's own service first, then the author's order;
        # an add-on to another of the provider's services (an EKS capability) is a form only on a cloud the team is on
        target = {rules.cloud} if rules.cloud else used
        asked = set(need.access) | set(need.features) if need is not None else set()
        offers = [o for o in t.offers if _buyable(o, target) and (not rules.cloud or rules.cloud in o.clouds)
                  and not asked & set(o.lacks)]

        def rank(o: Offer) -> tuple[int, int, int]:
            return (not (set(o.clouds) & target), not any(o.first_party_on(c) for c in target),
                    o.status != "ga")

        for offer in sorted(offers, key=rank):
            weight = offer.complexity or t.managed_complexity or t.complexity
            forms.append(Form("managed", weight, offer, offer.high_availability or t.high_availability))
    if need is not None and need.embedded:
        forms = [f for f in forms if f.name == "embedded"] or forms
    order = {"embedded": 0, "self-hosted": 1, "managed": 2}
    # an offer being retired is the last resort, however light: new work should not start on it
    return sorted(forms, key=lambda f: (f.retiring, f.complexity, order.get(f.name, 3)))
