"""What every page of the site shares: escaping, front matter, page paths and links, and
catalog facts (techpick.facts) put into Markdown table cells.

No page is written here; each kind of page has its module (site_tech, site_role,
site_area, site_home, site_compare, site_kb, site_reference, site_index) and
sitegen puts them together.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any

from techpick import facts
from techpick.catalog import Catalog
from techpick.escape import html_attr, markdown
from techpick.models import Technology

DOCS = "docs"
LEVEL_MARK = {"native": "●", "extension": "◑", "partial": "◔"}
LEVEL_ORDER = tuple(LEVEL_MARK)
"""Capability levels from most to least: a capability column sorts native first."""
IDENTITY_REPEAT = 2
"""The id is a search word this many times more than any other word: an exact name beats a prefix."""
LEGEND = "● native · ◑ through an extension · ◔ partial · empty: not offered."


# ---- escaping (techpick.escape: one function per format) -------------------

text = markdown
"""Catalog text for Markdown: one line, HTML and Markdown markup shown as text."""
attr = html_attr
"""Catalog text for an HTML attribute value or a raw HTML context."""


def ext_link(url: str | None, label: str) -> str:
    """An outside link; `label` is already escaped. Anything but http(s) stays unlinked."""
    if not url or not re.match(r"^https?://[^\s]+$", url):
        return label
    return f'<a href="{attr(url)}" rel="nofollow noopener">{label}</a>'


def front_matter(**fields: Any) -> str:
    """YAML front matter; every value JSON-encoded (JSON is YAML), titles HTML-escaped by the caller."""
    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines + ["---", ""])


ACRONYMS = {"ci": "CI", "cd": "CD", "sql": "SQL", "cdc": "CDC", "ttl": "TTL", "rbac": "RBAC", "ui": "UI",
            "jvm": "JVM", "api": "API"}
TITLES = {"ci-cd": "CI/CD"}


def as_title(value: str) -> str:
    """A vocabulary word as a title: `batch-processing` -> `Batch processing`, `ci-cd` -> `CI/CD`."""
    if value in TITLES:
        return TITLES[value]
    parts = [ACRONYMS.get(part, part) for part in value.split("-")]
    return " ".join(parts)[:1].upper() + " ".join(parts)[1:]


# ---- paths -----------------------------------------------------------------

def tech_page(tech_id: str) -> str:
    return f"tech/{tech_id}.md"


def role_page(role: str) -> str:
    return f"roles/{role}.md"


def area_page(area: str) -> str:
    return f"areas/{area}.md"


def tech_url(tech_id: str) -> str:
    """The published URL of a technology page, relative to the site root (stable: ends in the id)."""
    return f"tech/{tech_id}/"


def rel(source: str, target: str) -> str:
    """A Markdown link from one docs page to another, relative, as MkDocs checks it."""
    target_path, _, anchor = target.partition("#")
    link = posixpath.relpath(target_path, posixpath.dirname(source) or ".")
    return link + (f"#{anchor}" if anchor else "")


# ---- formatting facts ------------------------------------------------------

def range_text(rng: Any, fmt: Any, sep: str = ", ") -> str:
    """`100 GB–1 PB, max 10 PB` (facts.sweet_range): the sweet spot, then the ceiling. `sep` is already Markdown."""
    if rng is None:
        return facts.NONE
    return text(facts.sweet_range(rng, fmt)).replace(", max", f"{sep}max", 1)


def latency_text(tech: Technology) -> str:
    return facts.latency(tech.scale.latency_p99)


def badge(state: str) -> str:
    """A visible marker for a technology that is not actively developed."""
    if state == "active":
        return ""
    return f' <span class="tp-badge tp-badge--{attr(state)}">{attr(state)}</span>'


def tech_ref(source: str, tech: Technology) -> str:
    """A link to a technology page, with its status badge."""
    return f"[{text(tech.name)}]({rel(source, tech_page(tech.id))}){badge(tech.status.state.value)}"


def licence_html(catalog: Catalog, tech: Technology) -> str:
    """The licence in words, its SPDX id as a tooltip (facts.licence)."""
    return (f'<abbr title="{attr(tech.license.spdx)}">{attr(facts.licence_words(catalog, tech))}</abbr> '
            f"({attr(facts.licence_kind(catalog, tech))})")


def hosting_text(catalog: Catalog, tech: Technology) -> str:
    return text(facts.hosting(catalog, tech))


def ops_text(tech: Technology) -> str:
    return text(facts.complexity(tech))


def caption(catalog: Catalog) -> str:
    """The note under a page's tables that says where the facts come from."""
    digest = catalog.digest.removeprefix("sha256:")[:12] or "unknown"
    return (f'!!! info "Where these facts come from"\n    Compiled from the catalog entries of the technologies '
            f"listed (catalog digest `{digest}`); each technology's page lists the sources behind its facts.\n")

