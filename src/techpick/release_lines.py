"""Is a project's newest published release a newer line than the one its catalog entry records?

Samples of the catalog kept finding one kind of stale fact: a release line that came out after the entry's last
review (Polars 2.0, QuestDB 10.0, Riak 3.4). The entry's newest `released` event names its line ("Kafka 4.0",
"Riak KV 3.4", "KServe 0.21"); a repository's release feed, or the project's page on PyPI where the entry names
one as a source of its releases, says what is published. Comparing the two needs only version numbers, so it is
done here without the network; `scripts/catalog_truth.py --online` reads the feeds.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from techpick.models import Event, Technology

_NUMBER = re.compile(r"\d+(?:\.\d+)*")
# a published tag: an optional one-word prefix (py-, druid-, release-) and an optional v, then the version
_TAG = re.compile(r"^(?:[a-z]+-)?v?(\d+(?:\.\d+)*)(.*)$")
# after the version: a pre-release marker, including PyPI's short forms ("2.0.0a1", "3.1.0b2")
_PRE_RELEASE = re.compile(r"(rc|alpha|beta|dev|pre|preview|snapshot|\bm\d|cr\d|^[.-]?[ab]\d)", re.IGNORECASE)
_GITHUB = re.compile(r"^https://github\.com/([\w.-]+)/([\w.-]+)")
_PYPI = re.compile(r"^https://pypi\.org/project/([\w.-]+)(?:/([\w.!+-]+))?/?$")
_ATOM = "{http://www.w3.org/2005/Atom}"


def recorded_line(component: str) -> tuple[int, ...] | None:
    """The line an event names: "Kafka 4.0" is (4,), "Riak KV 3.4" is (3, 4), "KServe 0.21" is (0, 21)."""
    match = _NUMBER.search(component)
    if not match:
        return None
    parts = [int(p) for p in match.group(0).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def published_version(tag: str) -> tuple[int, ...] | None:
    """A final release's version from its tag ("v4.1.0", "py-2.0.0", "druid-38.0.0"); None for pre-releases
    and for tags of other components ("helm-loki-7.3.0", "operator/v0.11.0")."""
    name = tag.strip()
    if "/" in name:
        return None
    match = _TAG.match(name)
    if not match or _PRE_RELEASE.search(match.group(2)):
        return None
    return tuple(int(p) for p in match.group(1).split("."))


def newer_line(recorded: tuple[int, ...], published: tuple[int, ...]) -> bool:
    """Compare as many parts as the recorded line names: 4.4 is the 4 line, 5.0 is newer; 3.6 is newer than 3.4."""
    width = len(recorded)
    return published[:width] > recorded


def newest_published(atom: str) -> tuple[tuple[int, ...], str] | None:
    """The highest final version in a GitHub releases or tags Atom feed, with its tag."""
    try:
        root = ET.fromstring(atom)
    except ET.ParseError:
        return None
    found: list[tuple[tuple[int, ...], str]] = []
    for entry in root.iter(f"{_ATOM}entry"):
        link = entry.find(f"{_ATOM}link")
        href = link.get("href", "") if link is not None else ""
        tag = href.rstrip("/").rsplit("/", 1)[-1] if "/releases/tag/" in href or "/tree/" in href else ""
        title = (entry.findtext(f"{_ATOM}title") or "").strip()
        for candidate in (tag, title):
            version = published_version(candidate) if candidate else None
            if version:
                found.append((version, candidate))
                break
    return max(found) if found else None


def pypi_releases(payload: str) -> dict[str, list[dict]] | None:
    """A PyPI project's JSON document (https://pypi.org/pypi/<name>/json) as version -> files; None if it is not one."""
    try:
        releases = json.loads(payload).get("releases", {})
    except (ValueError, AttributeError):
        return None
    return releases if isinstance(releases, dict) else None


def installable(files: list[dict]) -> bool:
    """A PyPI release still counts while one of its files is there and not yanked."""
    return any(not f.get("yanked") for f in files)


def newest_on_pypi(payload: str) -> tuple[tuple[int, ...], str] | None:
    """The highest final version in a PyPI project's JSON document, with its name; versions with no files left, or
    only yanked ones, do not count."""
    found = []
    for name, files in (pypi_releases(payload) or {}).items():
        version = published_version(name)
        if version and installable(files):
            found.append((version, name))
    return max(found) if found else None


def pypi_page(url: str) -> tuple[str, str | None] | None:
    """The project and (for a release's page) the version a PyPI page shows; None for other URLs."""
    match = _PYPI.match(url)
    return (match.group(1), match.group(2)) if match else None


def pypi_project(tech: Technology) -> str | None:
    """The PyPI project an entry names as a source of its releases (a page backing `events`), else None.

    Only such a source counts: many projects publish a client on PyPI whose versions run apart from the product's.
    """
    for source in tech.sources:
        page = pypi_page(str(source.url))
        if page and "events" in source.supports:
            return page[0]
    return None


def newest_release(tech: Technology) -> Event | None:
    """The entry's most recent `released` event: the line it says users install today."""
    released = [event for event in tech.events if event.kind.value == "released"]
    return max(released, key=lambda e: e.date) if released else None


def release_repository(tech: Technology) -> tuple[str, str] | None:
    """The GitHub repository of the entry's newest recorded release (its event's source), else of its homepage."""
    newest = newest_release(tech)
    urls = [newest.source] if newest else []
    urls.append(tech.homepage)
    for url in urls:
        match = _GITHUB.match(str(url or ""))
        if match:
            return match.group(1), match.group(2).removesuffix(".git")
    return None


def line_behind(tech: Technology, published: tuple[tuple[int, ...], str] | None) -> str | None:
    """Why the entry's recorded line looks older than the newest published release, or None."""
    newest = newest_release(tech)
    if newest is None:
        return None
    recorded = recorded_line(newest.component or "")
    if recorded is None or published is None:
        return None
    version, tag = published
    if newer_line(recorded, version):
        return f"{tag} is published, a newer line than the recorded {newest.component!r}"
    return None
