"""The catalog as downloads (CSV and JSON) and a card per technology to cite in a decision record.

Pure: catalog in, file texts out. `techpick site build` publishes
downloads/techpick-catalog.csv (one row per technology, the facts a
spreadsheet sorts by, numbers in base units) and
downloads/techpick-catalog.json (every entry as the catalog's models hold
it), with a page that links both. Rows and keys are sorted, so the same
catalog gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json

from techpick import facts
from techpick.catalog import Catalog
from techpick.escape import markdown, spreadsheet_cell
from techpick.models import Technology
from techpick.radar import maturity_ring

PAGE = "downloads.md"
CSV_FILE = "downloads/techpick-catalog.csv"
JSON_FILE = "downloads/techpick-catalog.json"
COLUMNS = ("id", "name", "area", "roles", "data_models", "kind", "licence_spdx", "licence", "open_source",
           "self_hosted", "embedded", "managed_clouds", "latency_p99_seconds", "volume_sweet_low_bytes",
           "volume_sweet_high_bytes", "volume_max_bytes", "throughput_sweet_low_per_second",
           "throughput_sweet_high_per_second", "throughput_max_per_second", "consistency", "durability",
           "high_availability", "scaling", "operations_complexity", "runtime", "adoption", "status", "status_since",
           "successor", "maturity_ring", "capabilities", "facts_reviewed", "homepage", "page")
"""The CSV's header, in order; lists inside a cell are separated by '; '."""


def _number(value: float | int | None) -> str:
    return "" if value is None else repr(int(value)) if float(value).is_integer() else repr(float(value))


def csv_row(catalog: Catalog, tech: Technology) -> dict[str, str]:
    """One technology's facts as CSV cells (numbers in seconds, bytes and events per second)."""
    volume, throughput = tech.scale.volume, tech.scale.throughput
    clouds = sorted({c for offer in tech.hosting.managed if offer.status.value != "withdrawn" for c in offer.clouds})
    row = {
        "id": tech.id, "name": tech.name, "area": catalog.area_of(tech), "roles": "; ".join(tech.roles),
        "data_models": "; ".join(tech.data_models), "kind": tech.kind.value, "licence_spdx": tech.license.spdx,
        "licence": facts.licence(catalog, tech), "open_source": str(catalog.is_open_source(tech)).lower(),
        "self_hosted": str(tech.hosting.self_hosted).lower(), "embedded": str(tech.hosting.embedded).lower(),
        "managed_clouds": "; ".join(clouds), "latency_p99_seconds": _number(tech.scale.latency_p99),
        "volume_sweet_low_bytes": _number(volume.sweet[0] if volume else None),
        "volume_sweet_high_bytes": _number(volume.sweet[1] if volume else None),
        "volume_max_bytes": _number(volume.max if volume else None),
        "throughput_sweet_low_per_second": _number(throughput.sweet[0] if throughput else None),
        "throughput_sweet_high_per_second": _number(throughput.sweet[1] if throughput else None),
        "throughput_max_per_second": _number(throughput.max if throughput else None),
        "consistency": tech.consistency.value, "durability": tech.durability.value,
        "high_availability": tech.availability.high_availability.value, "scaling": tech.scaling.value,
        "operations_complexity": str(tech.operations.complexity), "runtime": tech.runtime,
        "adoption": tech.adoption.value, "status": tech.status.state.value,
        "status_since": "" if tech.status.since is None else str(tech.status.since),
        "successor": tech.status.successor or "", "maturity_ring": maturity_ring(tech),
        "capabilities": "; ".join(f"{cap}: {level.value}" for cap, level in sorted(tech.capabilities.items())),
        "facts_reviewed": tech.reviewed or "", "homepage": tech.homepage, "page": f"tech/{tech.id}/",
    }
    return {key: spreadsheet_cell(value) for key, value in row.items()}


def catalog_csv(catalog: Catalog) -> str:
    """Every technology, one row each, sorted by id; RFC 4180 quoting, `\\r\\n` line ends."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for tech in sorted(catalog, key=lambda t: t.id):
        writer.writerow(csv_row(catalog, tech))
    return buffer.getvalue()


def catalog_json(catalog: Catalog) -> str:
    """Every entry as the models validated it, with the catalog's digest: what a script reads."""
    entries = [tech.model_dump(mode="json", exclude_none=True) for tech in sorted(catalog, key=lambda t: t.id)]
    document = {"version": 1, "digest": catalog.digest, "technologies": entries}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def downloads_page(catalog: Catalog) -> str:
    """The page that offers both files and says what is in them."""
    digest = catalog.digest.removeprefix("sha256:")[:12] or "unknown"
    return "\n".join([
        "---", 'title: "Downloads"', "---", "", "# Downloads\n",
        f"The whole catalog ({len(catalog)} technologies, digest `{digest}`), for a spreadsheet or a script.\n",
        f"- [techpick-catalog.csv]({CSV_FILE}): one row per technology, sorted by id. Numbers are in base units "
        "(seconds, bytes, events per second) so that a spreadsheet sorts them; lists inside a cell are "
        "separated by `; `; capabilities read `name: level`.",
        f"- [techpick-catalog.json]({JSON_FILE}): every entry as the catalog's models hold it (the fields of "
        "the [catalog format](reference/catalog.md)), with the catalog's digest.\n",
        "The CSV columns: " + ", ".join(f"`{c}`" for c in COLUMNS) + ".\n",
        "`techpick graph export --format json` writes the capability graph instead (technologies, roles, "
        "capabilities and every relation as nodes and edges).\n",
    ])


def citation_card(catalog: Catalog, tech: Technology) -> str:
    """A Markdown snippet that cites this technology in a decision record: name and link, role, licence,
    status, the catalog's maturity ring and when its facts were last reviewed.

    The link is written for a site at `https://YOUR-SITE/`; assets/cite.js puts in the address the page is
    served from. Catalog text is Markdown-escaped for the reader's own document."""
    digest = catalog.digest.removeprefix("sha256:")[:12] or "unknown"
    reviewed = f"facts reviewed {tech.reviewed}" if tech.reviewed else "review date not recorded"
    return "\n".join([
        f"> **[{markdown(tech.name)}](https://YOUR-SITE/tech/{tech.id}/)** (`{tech.id}`): "
        f"{markdown(', '.join(tech.roles))}; {markdown(facts.licence(catalog, tech))}",
        f"> Status {markdown(facts.status(tech))}; maturity ring *{maturity_ring(tech)}*; {reviewed}; "
        f"techpick catalog `{digest}`.",
    ])


def export_files(catalog: Catalog) -> dict[str, str]:
    """The download page and both files, as docs-relative path -> text."""
    return {PAGE: downloads_page(catalog), CSV_FILE: catalog_csv(catalog), JSON_FILE: catalog_json(catalog)}
