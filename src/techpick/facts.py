"""One way to say a catalog fact to people: licences in words, hosting, ranges,
operational weight, status, and units spelled out ("300 µs", "10,000
concurrent clients").

Plain text in, plain text out: `show` prints it, the site escapes it and puts
the SPDX id in a tooltip. Machine-readable output (JSON) keeps the catalog's
own values and the contract's units; only what people read goes through here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from techpick.catalog import Catalog
from techpick.models import Technology, ThroughputRange, VolumeRange
from techpick.units import format_latency, format_retention, format_throughput, format_volume

NONE = "–"
_NUMBER_UNIT = re.compile(r"^([\d.]+)([a-zA-Z]+)$")


def latency(seconds: float | None) -> str:
    """`300 µs`, `10 ms`, `2 s`: the unit after a space, micro as µ."""
    if seconds is None:
        return NONE
    return _spaced(format_latency(seconds)).replace(" us", " µs")


def volume(size: float) -> str:
    """`100 GB`, `1.5 PB`."""
    return _spaced(format_volume(size))


def throughput(per_second: float) -> str:
    """`10k/s`, `300/d`: the catalog's compact form, which engineers read as is."""
    return format_throughput(per_second)


def _spaced(compact: str) -> str:
    match = _NUMBER_UNIT.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else compact


def sweet_range(rng: VolumeRange | ThroughputRange | None, fmt: Callable[[float], str]) -> str:
    """`100 GB–10 TB, max 1 PB`: what the block is built for, then its ceiling."""
    if rng is None:
        return NONE
    return f"{fmt(rng.sweet[0])}–{fmt(rng.sweet[1])}, max {fmt(rng.max)}"


def concurrency(tech: Technology) -> str:
    """`10,000 concurrent clients`."""
    n = tech.scale.concurrency_max
    return f"{n:,} concurrent clients" if n else NONE


def retention_limit(tech: Technology) -> str:
    """`at most 2w`: the documented limit on how long it keeps data, or `–`."""
    days = tech.scale.retention_max
    return f"at most {format_retention(days)} (documented limit)" if days else NONE


def licence_words(catalog: Catalog, tech: Technology) -> str:
    """`Apache License 2.0`, `GNU GPL 2.0 or Apache License 2.0`: the licence's name, not its SPDX id."""
    parts = [p.strip() for p in tech.license.spdx.split(" OR ")]
    known = catalog.vocabulary.licenses
    return " or ".join(known[p].meaning if p in known else p for p in parts)


def licence_kind(catalog: Catalog, tech: Technology) -> str:
    """`open source, permissive`, `open source`, `source-available`, `proprietary`."""
    if catalog.is_permissive(tech):
        return "open source, permissive"
    if catalog.is_open_source(tech):
        return "open source"
    return ", ".join(sorted(set(catalog.vocabulary.license_kinds(tech.license.spdx)))) or "unknown"


def licence(catalog: Catalog, tech: Technology) -> str:
    """`Apache License 2.0 (open source, permissive)`."""
    return f"{licence_words(catalog, tech)} ({licence_kind(catalog, tech)})"


def hosting(catalog: Catalog, tech: Technology) -> str:
    """`self-hosted, embedded, managed on Amazon Web Services, Google Cloud`, or `not hosted (a library)`."""
    parts = [w for w, on in (("self-hosted", tech.hosting.self_hosted), ("embedded", tech.hosting.embedded)) if on]
    clouds = sorted({c for offer in tech.hosting.managed if offer.status.value != "withdrawn" for c in offer.clouds})
    if clouds:
        names = catalog.vocabulary.clouds
        parts.append("managed on " + ", ".join(sorted(names[c].meaning if c in names else c for c in clouds)))
    if not tech.hosted and not parts:
        return f"not hosted (a {tech.kind.value})"
    return ", ".join(parts) or NONE


def complexity(tech: Technology) -> str:
    """`3 of 5 to operate, 1 of 5 managed`: the operational weight, self-run then as a managed offer."""
    ops = tech.operations
    managed = f", {ops.managed_complexity} of 5 managed" if ops.managed_complexity else ""
    return f"{ops.complexity} of 5 to operate{managed}"


def status(tech: Technology) -> str:
    """`active`, `retired since 2023, successor falkordb`."""
    st = tech.status
    said = st.state.value + (f" since {st.since}" if st.since and st.state.value != "active" else "")
    return said + (f", successor {st.successor}" if st.successor else "")


def ha_nodes(tech: Technology) -> str:
    """`3 nodes`: the smallest deployment that survives losing one of them."""
    n = tech.operations.min_nodes_ha
    return f"{n} nodes" if n else NONE
