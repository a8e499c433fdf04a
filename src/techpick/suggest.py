"""Closest-word suggestions for error messages.

A suggestion comes from, in order: the same word in other letters (`Storage`,
`self hosted`), a synonym people type for it (`queue` -> messaging, from the
vocabulary's `synonyms`), or the closest spelling (`storag` -> storage).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

LISTED = 120  # longer lists (technology names) are not printed: the guess and `techpick search` help more


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known word a typo most likely meant, or None when nothing is close."""
    choices = sorted(set(known))
    matches = _close_matches(word, choices, cutoff)
    if not matches:
        lowered = {c.lower(): c for c in choices}
        matches = _close_matches(word.lower(), list(lowered), cutoff)
        matches = [lowered[m] for m in matches]
    return matches[0] if matches else None


def _close_matches(word: str, choices: list[str], cutoff: float) -> list[str]:
    """`difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)`, the same answer, but fast over
    100,000 ids: a choice whose letters found in `word` are too few for difflib's own first bound
    (`quick_ratio`, 2 * shared letters / total length) is dropped before difflib compares it."""
    if len(choices) < 1000 or not word:
        return difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    joined = "\n".join(choices)
    if joined.count("\n") != len(choices) - 1 or "\n" in word:  # a line break inside: no shortcut
        return difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    others = re.compile("[^\n" + "".join(re.escape(c) for c in sorted(set(word))) + "]")
    shared = others.sub("", joined).split("\n")  # per choice, its letters that occur in `word` (one C pass)
    size = len(word)
    near = [c for c, kept in zip(choices, shared, strict=True) if 2.0 * len(kept) / (len(c) + size) >= cutoff]
    return difflib.get_close_matches(word, near, n=1, cutoff=cutoff)


def spelled(word: str) -> str:
    """The form words take in the contract: lowercase, words joined by '-' (`On Prem` -> on-prem)."""
    return "-".join(word.strip().lower().replace("_", " ").split())


def meant(word: str, known: Iterable[str], synonyms: Mapping[str, str] | None = None) -> str | None:
    """The known word that `word` most likely stands for, or None."""
    choices = sorted(set(known))
    synonyms = {key: value for key, value in (synonyms or {}).items() if value in choices}
    key = spelled(word)
    if key in choices and key != word:
        return key
    if key in synonyms:
        return synonyms[key]
    guess = closest(key, [*choices, *synonyms]) or closest(word, choices)
    return synonyms.get(guess, guess) if guess is not None else None


def hint(word: str, known: Iterable[str], limit: int | None = None, synonyms: Mapping[str, str] | None = None) -> str:
    """'did you mean X? accepted: a, b, c' with every accepted word (short of a catalog's worth of names)."""
    choices = sorted(set(known))
    guess = meant(word, choices, synonyms)
    shown = choices if limit is None else choices[:limit]
    if len(choices) > LISTED:
        return f"did you mean {guess}?" if guess else "no close match"
    accepted = ", ".join(shown) + (f", ... ({len(choices)} in all)" if len(shown) < len(choices) else "")
    text = f"accepted: {accepted}"
    return f"did you mean {guess}? {text}" if guess else text
