"""The knowledge base: Markdown pages whose technology links are written
`[Kafka](tech:kafka)`. Pure functions over page texts; the loader reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from techpick.catalog import Catalog
from techpick.errors import Problem
from techpick.suggest import hint

TECH_LINK = re.compile(r"\]\(tech:([^)\s]*)\)")
"""A Markdown link target of the form `(tech:<id>)`; group 1 is the id."""
_WHOLE_LINK = re.compile(r"\[([^\]]*)\]\(tech:([^)\s]*)\)")


def tech_links(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, id) of every `tech:` link, both 1-based, in order."""
    for number, line in enumerate(text.splitlines(), 1):
        for match in TECH_LINK.finditer(line):
            yield number, match.start(1) - len("tech:") + 1, match.group(1)


def check_links(catalog: Catalog, pages: Mapping[str, str], root: str = "kb") -> list[Problem]:
    """Every `tech:<id>` link that does not name a catalog id, with file and line."""
    problems: list[Problem] = []
    for path, text in sorted(pages.items()):
        for line, column, target in tech_links(text):
            if target in catalog.by_id:
                continue
            resolved = catalog.resolve(target)
            if resolved:
                message = f"tech:{target} is an alias; link the id: tech:{resolved}"
            else:
                message = f"tech:{target} is not in the catalog; {hint(target, catalog.by_id)}"
            problems.append(Problem(f"{root}/{path}", line, column, "", message))
    return problems


def rewrite_links(text: str, target: Callable[[str], str | None]) -> str:
    """The text with each `tech:<id>` link pointed at `target(id)`; where that is None, only the label stays."""

    def replace(match: re.Match[str]) -> str:
        url = target(match.group(2))
        return match.group(1) if url is None else f"[{match.group(1)}]({url})"

    return _WHOLE_LINK.sub(replace, text)


def title_of(text: str, default: str) -> str:
    """The page's first level-one heading, or the default."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return default
