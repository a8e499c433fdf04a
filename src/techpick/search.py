"""Find technologies by name, alias, keyword, description or capability,
tolerating typos ("postgress", "mesage queue")."""

from __future__ import annotations

import difflib
import re

from techpick.catalog import Catalog
from techpick.models import Technology

_WORD = re.compile(r"[a-z0-9+#]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _fields(tech: Technology) -> list[tuple[float, list[str]]]:
    """(weight, words) per searchable field, strongest first."""
    return [
        (5.0, [tech.id, *tech.aliases, *_words(tech.name)]),
        (3.0, [w for k in tech.keywords for w in _words(k)] + [*tech.roles, *tech.data_models]),
        (2.0, [w for c in tech.capabilities for w in _words(c)] + list(tech.capabilities)),
        (1.0, _words(tech.description)),
    ]


def search(catalog: Catalog, query: str, limit: int = 10) -> list[tuple[Technology, float]]:
    """Technologies ranked by how well they match every word of the query."""
    terms = _words(query)
    if not terms:
        return []
    phrase = query.lower().strip()
    results: list[tuple[Technology, float]] = []
    for tech in catalog:
        fields = _fields(tech)
        total = 0.0
        for term in terms:
            best = 0.0
            for weight, words in fields:
                if term in words:
                    best = max(best, weight)
                elif len(term) >= 4:
                    close = difflib.get_close_matches(term, words, n=1, cutoff=0.8)
                    if close:
                        best = max(best, weight * 0.6)
            total += best
        if phrase in (tech.id, tech.name.lower(), *tech.aliases):
            total += 10.0
        if any(phrase == k.lower() for k in tech.keywords):
            total += 4.0
        if total > 0:
            results.append((tech, round(total / len(terms), 3)))
    results.sort(key=lambda r: (-r[1], r[0].id))
    return results[:limit]
