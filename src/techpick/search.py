"""Find technologies by what people type: a name, an alias, a role, a data
model or a capability, in English or Russian, with typos ("postgress",
"mesage queue", "очередь сообщений", "колоночная база").

Words are compared by their stems (Snowball's Russian stemmer for Cyrillic, a
plural strip for Latin), a synonym people type stands for the vocabulary word
it means ("queue" -> messaging, "column store" -> columnar), and a near
spelling scores a part of an exact one. Retired and archived entries sink
unless the query names them. The site's search index uses `vocabulary_phrases`
so both find a page by the same words.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from techpick.catalog import Catalog
from techpick.models import Technology

_WORD = re.compile(r"[a-z0-9+#а-яё]+")
_CYRILLIC = re.compile(r"[а-яё]")

NAME, VOCABULARY, CAPABILITY, MENTION = 5.0, 3.0, 2.0, 1.0
"""Weights of what a query word matches: a name, id or alias; a keyword, role or data model
(or its Russian name); a capability the entry has natively (one it has partly or by an
extension counts as a mention); a word of the description."""
NEAR = 0.6
"""A near spelling (difflib ratio >= CUTOFF, words of 4 letters or more) scores this share of an exact match."""
CUTOFF = 0.8
NAMED_BONUS = 10.0
"""Added when the whole query is the entry's name, id or alias."""
PHRASE_BONUS = 4.0
"""Added when the whole query is one of its keywords, or the name of one of its roles, data
models or native capabilities (in English, in Russian, or a synonym of it)."""
MAIN_BONUS = 1.0
"""Added to that when the role or data model named is the entry's main one: a broker before a task library for "queue"."""
SINK = {"retired": 0.5, "archived": 0.5, "deprecated": 0.7, "maintenance": 0.9}
"""Score factor by status, unless the query names the entry: what to avoid comes after what to use."""
ADOPTION_ORDER = {"widespread": 0, "common": 1, "niche": 2}
"""Equal scores list the more widely used first."""
VOCABULARY_KINDS = ("role", "data_model", "capability")


def stem(word: str) -> str:
    """The form two spellings of one word share: Snowball's stem for Russian, no plural s for English."""
    word = word.lower().replace("ё", "е")
    if _CYRILLIC.search(word):
        return _russian(word)
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=4096)
def _russian(word: str) -> str:
    import snowballstemmer

    return _stemmer(snowballstemmer).stemWord(word)


@functools.lru_cache(maxsize=1)
def _stemmer(module: object) -> object:
    return module.stemmer("russian")  # type: ignore[attr-defined]


def words(text: str) -> list[str]:
    """The stems of a text's words, in order."""
    return [stem(w) for w in _WORD.findall(text.lower())]


def _phrase(text: str) -> str:
    return " ".join(words(text))


def vocabulary_phrases(catalog: Catalog, tech: Technology) -> list[str]:
    """What the entry is, in the words people search by: its roles, data models and native
    capabilities, each as the vocabulary word, its Russian name and the synonyms that mean it."""
    return list(dict.fromkeys(p for p, _ in _vocabulary_phrases(catalog, tech)))


def vocabulary_words(catalog: Catalog, tech: Technology) -> dict[str, list[str]]:
    """vocabulary_phrases grouped by the role, data model or capability they name."""
    grouped: dict[str, list[str]] = {}
    for phrase, word in _vocabulary_phrases(catalog, tech):
        grouped.setdefault(word, []).append(phrase)
    return grouped


def _vocabulary_phrases(catalog: Catalog, tech: Technology) -> list[tuple[str, str]]:
    """(phrase, the vocabulary word it names) for vocabulary_phrases."""
    v = catalog.vocabulary
    synonyms = _synonyms_by_word(catalog)
    out: list[tuple[str, str]] = []
    native = [c for c, level in tech.capabilities.items() if level.value == "native"]
    for kind, ids, table in (("role", tech.roles, v.roles), ("data_model", tech.data_models, v.data_models),
                             ("capability", native, v.capabilities)):
        for word in ids:
            definition = table.get(word)
            out.append((word.replace("-", " "), word))
            if definition is not None and definition.ru:
                out.append((definition.ru, word))
            out += [(s.replace("-", " "), word) for s in synonyms.get((kind, word), [])]
    return out


def _synonyms_by_word(catalog: Catalog) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for kind in VOCABULARY_KINDS:
        for said, word in sorted(catalog.vocabulary.synonyms.get(kind, {}).items()):
            found.setdefault((kind, word), []).append(said)
    return found


@dataclass(frozen=True)
class _Entry:
    tech: Technology
    fields: tuple[tuple[float, frozenset[str]], ...]
    names: frozenset[str]
    phrases: dict[str, str]
    vocabulary: frozenset[str]
    main: frozenset[str]


def _entry(catalog: Catalog, tech: Technology) -> _Entry:
    v = catalog.vocabulary
    native = [c for c, level in tech.capabilities.items() if level.value == "native"]
    other = [c for c in tech.capabilities if c not in native]

    def ru(table: dict, ids: Iterable[str]) -> list[str]:
        return [w for i in ids if i in table and table[i].ru for w in words(table[i].ru)]

    name_words = {stem(tech.id), *map(stem, tech.aliases), *words(tech.name)}
    vocab_ids = [*tech.roles, *tech.data_models]
    vocab_words = {w for k in tech.keywords for w in words(k)} | set(vocab_ids) | {
        w for i in vocab_ids for w in words(i)} | set(ru(v.roles, tech.roles)) | set(ru(v.data_models, tech.data_models))
    capability_words = set(native) | {w for c in native for w in words(c)} | set(ru(v.capabilities, native))
    mention_words = set(words(tech.description)) | set(other) | {w for c in other for w in words(c)}
    fields = ((NAME, frozenset(name_words)), (VOCABULARY, frozenset(vocab_words)),
              (CAPABILITY, frozenset(capability_words)), (MENTION, frozenset(mention_words)))
    names = frozenset({_phrase(tech.id), _phrase(tech.name), *(_phrase(a) for a in tech.aliases), tech.id, *tech.aliases})
    phrases = {_phrase(k): "" for k in tech.keywords}
    phrases.update((_phrase(p), word) for p, word in reversed(_vocabulary_phrases(catalog, tech)))
    main = frozenset([tech.primary_role, *tech.data_models[:1]])
    return _Entry(tech, fields, names, phrases, frozenset([*vocab_ids, *native]), main)


_INDEXES: dict[str, list[_Entry]] = {}  # by catalog digest; the last two catalogs searched


def _index(catalog: Catalog) -> list[_Entry]:
    """The search index of a catalog, built once per content: a process that searches again and again
    (the site's builder, a server, a test run) does not stem every description anew."""
    if not catalog.digest:  # a catalog made in memory has no digest to key on
        return [_entry(catalog, tech) for tech in catalog]
    if catalog.digest not in _INDEXES:
        if len(_INDEXES) >= 2:
            _INDEXES.clear()
        _INDEXES[catalog.digest] = [_entry(catalog, tech) for tech in catalog]
    return _INDEXES[catalog.digest]


def _terms(catalog: Catalog, query: str) -> tuple[list[set[str]], set[str]]:
    """Each query word with the vocabulary words it may stand for, and the vocabulary word
    the whole query names ("column store" -> columnar, "база данных" -> storage)."""
    plain = _WORD.findall(query.lower())
    raw = [stem(w) for w in plain]
    tables = _synonym_tables(catalog)
    terms = [{w, *(t[w] for t in tables if w in t)} for w in raw]
    key, plain_key = "-".join(raw), "-".join(plain)
    named = {t[key] for t in tables if key in t} | {
        plain_key for t in (catalog.vocabulary.roles, catalog.vocabulary.data_models, catalog.vocabulary.capabilities)
        if plain_key in t}
    return terms, named


def _synonym_tables(catalog: Catalog) -> list[dict[str, str]]:
    """The vocabulary's synonyms of roles, data models and capabilities, keyed by their stems
    so that an inflected word finds its synonym ("очереди" -> очередь -> messaging)."""
    return [{"-".join(stem(w) for w in said.split("-")): word
             for said, word in catalog.vocabulary.synonyms.get(kind, {}).items()} for kind in VOCABULARY_KINDS]


def _term_score(entry: _Entry, alternatives: set[str]) -> float:
    best = 0.0
    for weight, found in entry.fields:
        if weight <= best:
            continue
        if alternatives & found:
            best = weight
            continue
        for word in alternatives:
            if len(word) >= 4 and difflib.get_close_matches(word, found, n=1, cutoff=CUTOFF):
                best = max(best, weight * NEAR)
    return best


def search(catalog: Catalog, query: str, limit: int = 10) -> list[tuple[Technology, float]]:
    """Technologies ranked by how well they match every word of the query."""
    terms, named = _terms(catalog, query)
    if not terms:
        return []
    phrase = _phrase(query)
    results: list[tuple[Technology, float]] = []
    for entry in _index(catalog):
        total = sum(_term_score(entry, alternatives) for alternatives in terms)
        if total <= 0:
            continue
        meant = named & entry.vocabulary
        if phrase in entry.phrases or meant:
            total += PHRASE_BONUS
            if (meant | {entry.phrases.get(phrase, "")}) & entry.main:
                total += MAIN_BONUS
        if phrase in entry.names or query.lower().strip() in entry.names:
            total += NAMED_BONUS
        else:
            total *= SINK.get(entry.tech.status.state.value, 1.0)
        results.append((entry.tech, round(total / len(terms), 3)))
    results.sort(key=lambda r: (-r[1], ADOPTION_ORDER.get(r[0].adoption.value, 3), r[0].id))
    return results[:limit]
