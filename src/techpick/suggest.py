"""Closest-word suggestions for error messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known word a typo most likely meant, or None when nothing is close."""
    choices = sorted(set(known))
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if not matches:
        lowered = {c.lower(): c for c in choices}
        matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
        matches = [lowered[m] for m in matches]
    return matches[0] if matches else None


def hint(word: str, known: Iterable[str], limit: int = 12) -> str:
    """'did you mean X?' plus what is accepted, kept short for long lists."""
    choices = sorted(set(known))
    guess = closest(word, choices)
    if len(choices) > 40:  # a long list helps nobody; the guess does
        return f"did you mean {guess}?" if guess else "no close match"
    accepted = ", ".join(choices[:limit]) + (f", ... ({len(choices)} in all)" if len(choices) > limit else "")
    text = f"accepted: {accepted}"
    return f"did you mean {guess}? {text}" if guess else text
