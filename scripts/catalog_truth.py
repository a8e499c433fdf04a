#!/usr/bin/env python3
"""Which catalog facts are due for a check against their sources.

Lists, for the shipped catalog or `--catalog DIR`:
- entries never reviewed, or last reviewed more than 12 months ago;
- managed offers without a page of their own, and a status other than active
  (or an offer marked preview, withdrawn ...) that no source backs;
- software one can run oneself with no dated `released` event, so that the
  line users install today is on record (its release notes are where
  deprecations, removed parts and new minimum runtimes show first);
- with `--online`, sources that no longer answer (HTTP status 400 or more;
  a PyPI page is asked through the project's JSON document, which PyPI's
  mirrors serve, and must still list the release it names), and
  entries whose releases are published in a newer line than the one recorded:
  on PyPI, where the entry names a PyPI page as a source of its events, else
  in the GitHub repository of the newest recorded release or the homepage;
  what cannot be reached at all is reported as not checked, since this
  machine may have no way out.

    .venv/bin/python scripts/catalog_truth.py [--catalog DIR] [--today YYYY-MM-DD] [--online [--pypi URL]]

Exit status 1 when anything is listed, so that it can gate a release; 2 when the catalog does not load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import sys
import urllib.error
import urllib.request
from pathlib import Path

from techpick import load_catalog
from techpick.errors import TechpickError
from techpick.models import Technology
from techpick.release_lines import (installable, line_behind, newest_on_pypi, newest_published, newest_release,
                                    pypi_page, pypi_project, pypi_releases, release_repository)


def unbacked_status(tech: Technology) -> list[str]:
    """Status claims with no source that says `supports: [status ...]` or names the offers."""
    backed = {field for source in tech.sources for field in source.supports}
    out = []
    if tech.status.state.value != "active" and not any(f.startswith("status") for f in backed) and not tech.events:
        out.append(f"status {tech.status.state.value} has no source (supports: [status]) and no dated event")
    for offer in tech.hosting.managed:
        if offer.url is None:
            out.append(f"managed offer {offer.service!r} has no page (url)")
        if offer.status.value != "ga" and not offer.note and "hosting.managed" not in backed:
            out.append(f"managed offer {offer.service!r} is {offer.status.value} with neither a note nor a source")
    return out


def unrecorded_release(tech: Technology) -> str | None:
    """Why a self-hostable entry needs a `released` event, or None; managed-only services carry no versions."""
    if not (tech.hosting.self_hosted or tech.hosting.embedded):
        return None
    if newest_release(tech) is not None:
        return None
    return "no dated `released` event: record the release that opened the line users install today"


def answers(url: str, timeout: float, pypi: str) -> str | None:
    """None when the page answers; else why not ('not checked: ...' when it cannot be reached)."""
    page = pypi_page(url)
    if page:
        return pypi_answers(*page, timeout, pypi)
    _, why = fetch(url, timeout, "HEAD")
    return None if why in REFUSED else why


def pypi_answers(project: str, version: str | None, timeout: float, pypi: str) -> str | None:
    """A PyPI page answers when its project's JSON document does and, for a release's page, still lists it."""
    text, why = fetch(pypi_document(pypi, project), timeout)
    if text is None:
        return why
    releases = pypi_releases(text)
    if releases is None:
        return "not checked: PyPI did not answer with JSON"
    if version is None:
        return None
    files = releases.get(version)
    if not files:
        return f"PyPI lists no release {version} of {project}"
    return None if installable(files) else f"PyPI marks {project} {version} as yanked"


def pypi_document(pypi: str, project: str) -> str:
    return f"{pypi.rstrip('/')}/pypi/{project}/json"


REFUSED = ("HTTP 403", "HTTP 405", "HTTP 429")  # the page is there, but the site refuses HEAD requests or robots


@functools.lru_cache(maxsize=None)
def fetch(url: str, timeout: float, method: str = "GET") -> tuple[str | None, str | None]:
    """The page's text, or why it could not be read ('HTTP 404', 'not checked: ...'). Asked once per run: an
    entry's PyPI document serves both the check of its PyPI sources and the release watch."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": "techpick-catalog-truth"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace"), None
    except urllib.error.HTTPError as exc:
        return None, f"HTTP {exc.code}"
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return None, f"not checked: {getattr(exc, 'reason', exc)}"


def published(tech: Technology, timeout: float, pypi: str) -> tuple[tuple[tuple[int, ...], str] | None, bool]:
    """The newest final release the entry's project publishes, and whether a feed was asked but not read."""
    project = pypi_project(tech)
    if project:
        payload, _ = fetch(pypi_document(pypi, project), timeout)
        return (newest_on_pypi(payload) if payload else None), payload is None
    repository = release_repository(tech)
    if not repository:
        return None, False
    atom = feed(*repository, timeout)
    return (newest_published(atom) if atom else None), atom is None


def feed(owner: str, repo: str, timeout: float) -> str | None:
    """The repository's releases Atom feed, or its tags feed when it publishes no GitHub releases; None offline."""
    text = None
    for kind in ("releases", "tags"):
        text, _ = fetch(f"https://github.com/{owner}/{repo}/{kind}.atom", timeout)
        if text is None or "<entry>" in text:
            return text
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", type=Path, help="catalog directory (default: the shipped one)")
    parser.add_argument("--today", default=dt.date.today().isoformat(), help="YYYY-MM-DD the age is measured from")
    parser.add_argument("--online", action="store_true", help="also ask every source URL whether it still answers")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per source with --online")
    parser.add_argument("--pypi", default="https://pypi.org", help="PyPI (or a mirror of its JSON API) with --online")
    args = parser.parse_args()

    try:
        catalog = load_catalog(args.catalog)
    except TechpickError as exc:
        print(exc, file=sys.stderr)
        return 2
    listed = 0
    for problem in catalog.stale(args.today):
        print(f"review   {problem}")
        listed += 1
    for tech in sorted(catalog.technologies, key=lambda t: t.id):
        for text in unbacked_status(tech):
            print(f"source   {tech.id}: {text}")
            listed += 1
    for tech in sorted(catalog.technologies, key=lambda t: t.id):
        why = unrecorded_release(tech)
        if why:
            print(f"release  {tech.id}: {why}")
            listed += 1
    if args.online:
        unreachable = 0
        for tech in sorted(catalog.technologies, key=lambda t: t.id):
            for source in tech.sources:
                why = answers(source.url, args.timeout, args.pypi)
                if why and why.startswith("not checked"):
                    unreachable += 1
                elif why:
                    print(f"gone     {tech.id}: {source.url} ({why})")
                    listed += 1
        for tech in sorted(catalog.technologies, key=lambda t: t.id):
            newest, unread = published(tech, args.timeout, args.pypi)
            unreachable += unread
            why = line_behind(tech, newest)
            if why:
                print(f"newer    {tech.id}: {why}")
                listed += 1
        if unreachable:
            print(f"offline  {unreachable} sources or release feeds could not be reached, so they were not checked")
    else:
        print("offline  sources not checked (pass --online where the machine can reach them)")
    print(f"{listed} item{'s' if listed != 1 else ''} to look at in {len(catalog)} entries")
    return 1 if listed else 0


if __name__ == "__main__":
    sys.exit(main())
