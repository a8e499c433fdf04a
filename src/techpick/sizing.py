"""Rough node counts for a pick at the stated volume and throughput.

The catalog states ranges for a whole deployment, not what one node carries,
so every estimate here rests on a per-node assumption that is printed next to
the number. The catalog supplies the rest: how the block scales (embedded,
single node, scale-up, scale-out, serverless), the smallest highly available
deployment (`min_nodes_ha`), its ceilings, and, where an entry has one, the
list price of a managed offer. These are planning figures for a design
review, not a capacity plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from techpick.catalog import Catalog
from techpick.models import ManagedOffer, Technology
from techpick.requirements import Constraints, Need
from techpick.units import format_latency, format_throughput, format_volume

GB, TB = 1e9, 1e12
MB_PER_S = 1e6
IN_MEMORY_DURABILITY = {"none", "optional"}
DEFAULT_BATCH_WINDOW = 4 * 3600.0
BATCH_SCAN_RATE = 100 * MB_PER_S  # bytes per second one worker gets through, joins and shuffles included


@dataclass(frozen=True)
class Profile:
    """What one node of a kind is assumed to carry; the assumption is printed with every estimate."""

    noun: str
    volume: float | None
    throughput: float | None
    assumption: str


BROKER = Profile("broker", 4 * TB, 50e3, "a broker with 4TB of usable disk takes 50k messages/s of about 1KB")
SERVICE = Profile("node", None, None, "a control-plane service: the count is set by availability, not by load")
STORES: dict[str, Profile] = {
    "relational": Profile("node", 2 * TB, 10e3, "a 16-core node with 2TB of usable SSD serves 10k queries/s"),
    "document": Profile("node", 2 * TB, 10e3, "a 16-core node with 2TB of usable SSD serves 10k operations/s"),
    "key-value": Profile("node", 2 * TB, 20e3, "a node with 2TB of usable SSD serves 20k operations/s"),
    "wide-column": Profile("node", 2 * TB, 20e3, "a node with 2TB of usable SSD serves 20k writes/s"),
    "columnar": Profile("node", 10 * TB, 200e3, "a node holds 10TB of compressed columns and inserts 200k rows/s"),
    "time-series": Profile("node", 4 * TB, 200e3, "a node holds 4TB and ingests 200k points/s"),
    "search-index": Profile("node", 1 * TB, 5e3, "a data node holds 1TB of index and indexes 5k documents/s"),
    "graph": Profile("node", 500 * GB, 5e3, "a node holds a 500GB graph and serves 5k traversals/s"),
    "vector": Profile("node", 200 * GB, 1e3, "a node holds 200GB of vectors and serves 1k queries/s"),
    "object": Profile("node", 50 * TB, 2e3, "a storage node holds 50TB and serves 2k requests/s"),
    "file": Profile("node", 50 * TB, 2e3, "a storage node holds 50TB and serves 2k requests/s"),
    "event": Profile("node", 4 * TB, 50e3, "a node holds 4TB and takes 50k events/s"),
}
IN_MEMORY = Profile("node", 50 * GB, 100e3, "an in-memory node with 64GB of RAM keeps 50GB of data and serves 100k operations/s")
STREAM_WORKER = Profile("worker", None, 50e3, "an 8-core worker processes 50k events/s with moderate state")
SCHEDULER = Profile("node", None, 2.0, "one scheduler node with its workers runs 2 task runs/s")
TABLE_FORMAT = "a table format on object storage: it has no servers of its own; size the engine and the object store"


@dataclass
class Cost:
    usd_per_month: float
    offer: str
    basis: str
    source: str
    as_of: int


@dataclass
class Estimate:
    """A rough count of nodes for one pick, with the arithmetic and the assumptions behind it."""

    tech_id: str
    name: str
    nodes: int | None
    noun: str
    summary: str
    drivers: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cost: Cost | None = None
    advice: str | None = None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _profile(tech: Technology, need: Need) -> Profile | None:
    role = need.role
    if role == "messaging":
        return BROKER
    if role == "stream-processing":
        return STREAM_WORKER
    if role == "workflow-orchestration":
        return SCHEDULER
    if role == "storage":
        model = need.data_model or (tech.data_models[0] if tech.data_models else "")
        if model == "tabular":
            return None
        if tech.durability.value in IN_MEMORY_DURABILITY and model in {"key-value", "graph"}:
            return IN_MEMORY
        return STORES.get(model, STORES["key-value"])
    return SERVICE


def _ha_floor(tech: Technology, need: Need, assumptions: list[str]) -> int:
    if need.availability != "high":
        return 1
    if tech.operations.min_nodes_ha:
        return tech.operations.min_nodes_ha
    assumptions.append("the catalog gives no minimum for high availability; 2 nodes assumed")
    return 2


def _copies(tech: Technology, need: Need) -> int:
    """Copies that add to the data a scale-out cluster must hold; a scale-up replica holds everything anyway."""
    if tech.scaling.value != "horizontal" or need.availability != "high" \
            or tech.availability.high_availability.value == "none":
        return 1
    return 3 if (tech.operations.min_nodes_ha or 2) >= 3 else 2


def _cost(tech: Technology, nodes: int, need: Need, rules: Constraints) -> Cost | None:
    """The list price of the first priced offer (on the required cloud when one is named)."""
    offers: list[ManagedOffer] = [o for o in tech.hosting.managed if o.price is not None
                                  and (not rules.cloud or rules.cloud in o.clouds)]
    if not offers:
        return None
    offer = offers[0]
    price = offer.price
    assert price is not None
    if price.unit.value == "node":
        amount, basis = nodes * price.usd_per_month, f"{nodes} x ${price.usd_per_month:,.0f} per node ({price.basis})"
    elif price.unit.value == "TB":
        held = (need.volume or 0.0) / TB
        amount, basis = held * price.usd_per_month, f"{held:g}TB x ${price.usd_per_month:,.0f} per TB ({price.basis})"
    else:
        amount, basis = price.usd_per_month, f"one cluster ({price.basis})"
    return Cost(round(amount, 2), offer.service, basis, price.source, price.as_of)


def estimate(catalog: Catalog, tech_id: str, need: Need, rules: Constraints | None = None) -> Estimate:
    """Nodes for one technology serving one need, from catalog facts and stated per-node assumptions."""
    rules = rules or Constraints()
    tech = catalog.by_id[tech_id]
    scaling = tech.scaling.value
    managed_only = not tech.hosting.self_hosted
    if scaling == "embedded" or (tech.hosting.embedded and need.embedded):
        return Estimate(tech.id, tech.name, 0, "server", "no servers: it runs inside the application process",
                        advice="size the application's machines for its memory and disk instead")
    if scaling == "serverless" or (managed_only and scaling != "horizontal"):
        return Estimate(tech.id, tech.name, None, "node", "no nodes to run: capacity is the provider's, billed by use",
                        advice="check the provider's quotas and per-request prices at this volume")
    if scaling == "n/a":
        return Estimate(tech.id, tech.name, None, "node", "not a running system: nothing to size")
    profile = _profile(tech, need)
    if profile is None:
        return Estimate(tech.id, tech.name, None, "node", TABLE_FORMAT)

    assumptions = [profile.assumption]
    drivers: list[str] = []
    warnings: list[str] = []
    noun = profile.noun
    demands: list[tuple[int, str]] = []

    floor = _ha_floor(tech, need, assumptions)
    if floor > 1:
        demands.append((floor, "high availability"))
        drivers.append(f"high availability: at least {_plural(floor, noun)} (the catalog's smallest HA deployment)")

    if need.role in {"batch-processing", "query-engine"} and need.volume is not None:
        window = need.latency if need.latency and need.latency >= 60 else DEFAULT_BATCH_WINDOW
        per_worker = BATCH_SCAN_RATE * window
        workers = max(1, math.ceil(need.volume / per_worker))
        noun = "worker"
        stated = "the stated latency" if need.latency and need.latency >= 60 else "an assumed window"
        drivers.append(f"volume: {format_volume(need.volume)} within {format_latency(window)} ({stated}) at "
                       f"{format_volume(per_worker)} per worker = {_plural(workers, noun)}")
        assumptions = ["a worker with 8 cores and 64GB of RAM gets through 100MB/s, joins and shuffles included"]
        demands.append((workers, "volume"))
    else:
        copies = _copies(tech, need)
        if need.volume is not None and profile.volume:
            nodes = max(1, math.ceil(need.volume * copies / profile.volume))
            copies_text = f" x {copies} copies" if copies > 1 else ""
            drivers.append(f"volume: {format_volume(need.volume)}{copies_text} / {format_volume(profile.volume)} "
                           f"per {noun} = {_plural(nodes, noun)}")
            demands.append((nodes, "volume"))
            if copies > 1:
                assumptions.append(f"{copies} copies of the data for high availability")
        if need.throughput is not None and profile.throughput:
            nodes = max(1, math.ceil(need.throughput / profile.throughput))
            drivers.append(f"throughput: {format_throughput(need.throughput)} / {format_throughput(profile.throughput)} "
                           f"per {noun} = {_plural(nodes, noun)}")
            demands.append((nodes, "throughput"))

    needed, reason = max(demands, default=(1, ""), key=lambda d: d[0])
    load = max((n for n, why in demands if why != "high availability"), default=1)
    summary = f"{_plural(needed, noun)} (set by {reason})" if needed > 1 else f"1 {noun} (the smallest deployment)"
    if scaling in {"vertical", "single-node"}:
        if load > 1:
            warnings.append(f"the load needs about {load}x the assumed node, and {tech.name} scales up, not out: "
                            "plan a bigger machine, read replicas or partitioning")
        if scaling == "single-node":
            needed, summary = 1, "1 node (it runs on one machine)"
            if floor > 1:
                warnings.append("it runs on one machine, so it cannot give the high availability asked for")
        else:
            needed = floor
            replicas = f", {_plural(floor - 1, 'replica')} for failover" if floor > 1 else ""
            summary = f"{_plural(floor, noun)} (one primary{replicas})"
    if managed_only:
        summary += ", run by the provider"
    volume = tech.scale.volume
    if need.volume is not None and volume and need.volume < volume.sweet[0]:
        warnings.append(f"{format_volume(need.volume)} is below its sweet spot ({format_volume(volume.sweet[0])} and "
                        "up): the smallest deployment already has room to spare")
    return Estimate(tech.id, tech.name, needed, noun, summary, drivers, assumptions, warnings,
                    _cost(tech, needed, need, rules))
