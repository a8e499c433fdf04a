"""The validated, indexed catalog and the checks that span files: unique ids
and aliases, relations that point somewhere, words the vocabulary defines."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, get_args, get_origin

from techpick.errors import Problem, TechpickError
from techpick.models import OPEN_SOURCE_KINDS, Technology, Vocabulary
from techpick.requirements import Constraints, Need, Requirements
from techpick.suggest import hint
from techpick.yamlsafe import Marks, locate


@dataclass(frozen=True)
class Origin:
    """Where an entry came from, so that cross-file problems get a line too."""

    file: str
    marks: Marks  # {} from a load (Catalog.positions reads them when a problem needs a line) or from the cache
    folder: str
    path: str = ""  # relative to the catalog folder, POSIX: storage/postgresql.yaml


def _choices(annotation: Any) -> list[str]:
    """The values of a Literal or an Enum field (`consistency`, `hosting`), optional or not."""
    for arg in (annotation, *get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, Enum):
            return [member.value for member in arg]
        if get_origin(arg) is Literal:
            return [str(value) for value in get_args(arg)]
    return []


# Requirements fields whose words the contract fixes rather than the vocabulary.
CONTRACT_WORDS: dict[str, list[str]] = {
    "hosting": _choices(Constraints.model_fields["hosting"].annotation),
    "license": _choices(Constraints.model_fields["license"].annotation),
    "consistency": _choices(Need.model_fields["consistency"].annotation),
    "availability": _choices(Need.model_fields["availability"].annotation),
}
SYNONYM_KINDS = ["availability", "capability", "cloud", "consistency", "data_model", "hosting", "license", "role",
                 "skill"]

TYPO = 0.85  # similarity above which an unknown name is taken for a misspelt known one


@dataclass
class Catalog:
    vocabulary: Vocabulary
    technologies: list[Technology]
    origins: dict[str, Origin] = field(default_factory=dict)
    digest: str = ""
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256 of its bytes, vocabulary included
    # reads an entry's positions when a problem needs a line and its origin keeps none (a load from files)
    positions: Callable[[Origin], Marks] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.technologies = sorted(self.technologies, key=lambda t: t.id)
        self.by_id: dict[str, Technology] = {t.id: t for t in self.technologies}
        self.aliases: dict[str, str] = {}
        for tech in self.technologies:
            for alias in tech.aliases:
                self.aliases.setdefault(alias, tech.id)

    def __iter__(self) -> Iterator[Technology]:
        return iter(self.technologies)

    def __len__(self) -> int:
        return len(self.technologies)

    def resolve(self, name: str) -> str | None:
        """An id or alias, in any case (`Postgres`), -> the id, or None."""
        for key in (name, name.strip().lower()):
            if key in self.by_id:
                return key
            if key in self.aliases:
                return self.aliases[key]
        return None

    def get(self, name: str) -> Technology | None:
        resolved = self.resolve(name)
        return self.by_id[resolved] if resolved else None

    def known_names(self) -> list[str]:
        return sorted({*self.by_id, *self.aliases})

    def tech_hint(self, name: str) -> str:
        """'did you mean postgresql?' for a misspelt id or alias (aliases name their id)."""
        from techpick.suggest import closest

        guess = closest(name, self.known_names())
        if guess is None:
            return "no close match; `techpick search` finds technologies by name"
        target = self.resolve(guess)
        return f"did you mean {target}?" if target == guess else f"did you mean {target} (alias {guess})?"

    def with_role(self, role: str) -> list[Technology]:
        return [t for t in self.technologies if role in t.roles]

    def area_of(self, tech: Technology) -> str:
        role = tech.primary_role
        return self.vocabulary.roles[role].area if role in self.vocabulary.roles else ""

    def is_open_source(self, tech: Technology) -> bool:
        return any(kind in OPEN_SOURCE_KINDS for kind in self.vocabulary.license_kinds(tech.license.spdx))

    def is_permissive(self, tech: Technology) -> bool:
        return "permissive" in self.vocabulary.license_kinds(tech.license.spdx)

    # ---- checks ---------------------------------------------------------

    def stale(self, today: str, months: int = 12) -> list[Problem]:
        """Entries never checked against their sources, or not within `months` of `today` (YYYY-MM-DD):
        warnings that `validate --strict` fails on, so that the catalog's facts stay dated and current."""
        year, month = int(today[:4]), int(today[5:7])
        total = year * 12 + month - 1 - months
        cutoff = f"{total // 12:04d}-{total % 12 + 1:02d}"
        found = []
        for tech in sorted(self.technologies, key=lambda t: t.id):
            if tech.reviewed is None:
                found.append(self._at(tech, ("id",), "never reviewed: check it against its sources, then set "
                                                     "reviewed: YYYY-MM"))
            elif tech.reviewed < cutoff:
                found.append(self._at(tech, ("reviewed",), f"last reviewed {tech.reviewed}, more than {months} "
                                                           "months ago: check it against its sources again"))
        return found

    def check(self) -> list[Problem]:
        """Every cross-file problem of the catalog."""
        problems: list[Problem] = self.check_vocabulary()
        owners: dict[str, str] = {}
        for tech in self.technologies:
            for name in [tech.id, *tech.aliases]:
                if name in owners and owners[name] != tech.id:
                    problems.append(self._at(tech, ("aliases",) if name != tech.id else ("id",),
                                             f"{name!r} is already used by {owners[name]!r}"))
                owners.setdefault(name, tech.id)
        for tech in self.technologies:
            problems.extend(self._check_entry(tech))
        return problems

    def words_of(self, kind: str) -> list[str]:
        """The words a requirements field of this kind accepts; the vocabulary's synonyms are keyed by these kinds."""
        v = self.vocabulary
        vocabulary_words = {"role": v.roles, "data_model": v.data_models, "capability": v.capabilities,
                            "cloud": v.clouds, "skill": v.skills}
        if kind in vocabulary_words:
            return sorted(vocabulary_words[kind])
        return CONTRACT_WORDS[kind]

    def check_vocabulary(self) -> list[Problem]:
        """Words the vocabulary uses about itself must be defined too."""
        problems = []
        for kind, table in self.vocabulary.synonyms.items():
            if kind not in SYNONYM_KINDS:
                problems.append(Problem("vocabulary.yaml", None, None, f"synonyms.{kind}",
                                        f"unknown kind of word {kind!r}; {hint(kind, SYNONYM_KINDS)}"))
                continue
            known = self.words_of(kind)
            for said, word in table.items():
                if word not in known:
                    problems.append(Problem("vocabulary.yaml", None, None, f"synonyms.{kind}.{said}",
                                            f"unknown {kind} {word!r}; {hint(word, known)}"))
                if said in known:
                    problems.append(Problem("vocabulary.yaml", None, None, f"synonyms.{kind}.{said}",
                                            f"{said!r} is itself a {kind}; a synonym must be another word"))
        for role, definition in self.vocabulary.roles.items():
            if definition.area not in self.vocabulary.areas:
                problems.append(Problem("vocabulary.yaml", None, None, f"roles.{role}.area",
                                        f"unknown area {definition.area!r}; {hint(definition.area, self.vocabulary.areas)}"))
            for cap in definition.implies:
                if cap not in self.vocabulary.capabilities:
                    problems.append(Problem("vocabulary.yaml", None, None, f"roles.{role}.implies",
                                            f"unknown capability {cap!r}; {hint(cap, self.vocabulary.capabilities)}"))
        for cap, c in self.vocabulary.capabilities.items():
            if c.model and c.model not in self.vocabulary.data_models:
                problems.append(Problem("vocabulary.yaml", None, None, f"capabilities.{cap}.model",
                                        f"unknown data model {c.model!r}; {hint(c.model, self.vocabulary.data_models)}"))
        return problems

    def _check_entry(self, tech: Technology) -> Iterator[Problem]:
        v = self.vocabulary
        yield from self._words(tech, ("roles",), tech.roles, v.roles, "role")
        yield from self._words(tech, ("data_models",), tech.data_models, v.data_models, "data model")
        yield from self._words(tech, ("capabilities",), list(tech.capabilities), v.capabilities, "capability", keys=True)
        yield from self._words(tech, ("capability_notes",), list(tech.capability_notes), tech.capabilities,
                               "capability of this entry", keys=True)
        yield from self._words(tech, ("capability_via",), list(tech.capability_via), tech.capabilities,
                               "capability of this entry", keys=True)
        for cap, targets in tech.capability_via.items():
            for i, target in enumerate(targets):
                if target not in self.by_id:
                    yield self._at(tech, ("capability_via", cap, i),
                                   f"{target!r} is not in the catalog; {hint(target, self.by_id)}")
        yield from self._words(tech, ("skills",), tech.skills, v.skills, "skill")
        if v.kinds:
            yield from self._words(tech, ("kind",), [tech.kind.value], v.kinds, "kind", scalar=True)
        yield from self._words(tech, ("languages",), tech.languages, v.language_skills(), "language")
        yield from self._words(tech, ("runtime",), [tech.runtime], v.runtimes, "runtime", scalar=True)
        for i, offer in enumerate(tech.hosting.managed):
            yield from self._words(tech, ("hosting", "managed", i, "clouds"), offer.clouds, v.clouds, "cloud")
            yield from self._words(tech, ("hosting", "managed", i, "lacks"), offer.lacks, tech.capabilities,
                                   "capability of this entry")
        for part in tech.license.spdx.split(" OR "):
            if part.strip() not in v.licenses:
                yield self._at(tech, ("license", "spdx"), f"unknown licence {part.strip()!r}; {hint(part.strip(), v.licenses)}")
        origin = self.origins.get(tech.id)
        main = tech.primary_role
        if origin and main in v.roles and v.roles[main].area != origin.folder:
            yield self._at(tech, ("main_role",) if tech.main_role else ("roles",), f"main role {main!r} belongs to area "
                           f"{v.roles[main].area!r}, but the file is in {origin.folder!r}/")
        rel = tech.relations
        for name in ("integrates_with", "alternative_to", "part_of"):
            for i, target in enumerate(getattr(rel, name)):
                if target not in self.by_id:
                    yield self._at(tech, ("relations", name, i),
                                   f"{target!r} is not in the catalog; {hint(target, self.by_id)}")
        for i, choice in enumerate(rel.requires):
            for target in choice.split("|"):
                if target not in self.by_id:
                    yield self._at(tech, ("relations", "requires", i),
                                   f"{target!r} is not in the catalog; {hint(target, self.by_id)}")
        for i, offer in enumerate(tech.hosting.managed):
            for j, choice in enumerate(offer.requires):
                for target in choice.split("|"):
                    if target not in self.by_id:
                        yield self._at(tech, ("hosting", "managed", i, "requires", j),
                                       f"{target!r} is not in the catalog; {hint(target, self.by_id)}")
        if tech.status.successor and tech.status.successor not in self.by_id:
            yield self._at(tech, ("status", "successor"), f"{tech.status.successor!r} is not in the catalog")
        if tech.hosting.embedded and not tech.hosting.self_hosted:
            yield self._at(tech, ("hosting", "embedded"), "an embedded library must also be self_hosted")
        if not tech.hosting.self_hosted and not tech.hosting.managed:
            yield self._at(tech, ("hosting",), "neither self-hosted nor offered as a managed service")
        first: dict[str, int] = {}
        for i, source in enumerate(tech.sources):
            if source.url in first:
                yield self._at(tech, ("sources", i, "url"), f"this URL is already source {first[source.url] + 1}; "
                               "list a page once, with every field it supports")
            first.setdefault(source.url, i)

    def _words(self, tech: Technology, path: tuple[Any, ...], words: Iterable[str], known: Any, what: str,
               keys: bool = False, scalar: bool = False) -> Iterator[Problem]:
        for i, word in enumerate(words):
            if word not in known:
                where = path if scalar else ((*path, word) if keys else (*path, i))
                yield self._at(tech, where, f"unknown {what} {word!r}; {hint(word, known)}")

    def _at(self, tech: Technology, path: tuple[Any, ...], message: str) -> Problem:
        origin = self.origins.get(tech.id)
        if origin is None:
            return Problem(tech.id, None, None, ".".join(map(str, path)), message)
        marks = origin.marks or (self.positions(origin) if self.positions is not None else {})
        line, column = locate(marks, path)
        return Problem(origin.file, line, column, ".".join(map(str, path)), message)

    def resolve_requirements(self, reqs: Requirements) -> Requirements:
        """The same requirements with aliases replaced by ids (output always prints ids).

        Copies rather than re-validates, so quantities keep their exact values.
        """

        def ids(names: list[str]) -> list[str]:
            return list(dict.fromkeys(self.resolve(n) or n for n in names))

        def constraints(c: Any) -> Any:
            return c.model_copy(update={"exclude": ids(c.exclude)}) if "exclude" in c.model_fields_set else c

        needs = [need.model_copy(update={"constraints": constraints(need.constraints)}) for need in reqs.needs]
        resolved = {k: ids(getattr(reqs.context, k)) for k in ("existing", "leaving") if k in reqs.context.model_fields_set}
        context = reqs.context.model_copy(update=resolved) if resolved else reqs.context
        return reqs.model_copy(update={"constraints": constraints(reqs.constraints), "context": context,
                                       "needs": needs})



class _Entries(Mapping[str, Technology]):
    """Technologies by id where the ids answer `in`, `len` and iteration; the first value read makes them all."""

    def __init__(self, ids: list[str], make: Callable[[], list[Technology]]) -> None:
        self._ids, self._known, self._make = ids, set(ids), make
        self._made: dict[str, Technology] | None = None

    def made(self) -> dict[str, Technology]:
        if self._made is None:
            made = {tech.id: tech for tech in self._make()}
            if list(made) != self._ids:
                raise TechpickError("the catalog changed while techpick was reading it; run the command again")
            self._made = made
        return self._made

    def __contains__(self, key: object) -> bool:
        return key in self._known

    def __getitem__(self, key: str) -> Technology:
        return self.made()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class LazyCatalog(Catalog):
    """A catalog whose entries are made on first use, from a compiled cache.

    Checking a requirements file needs only ids, aliases and the vocabulary, and
    a recommendation served from a cached graph needs no entry at all: at 100,000
    technologies that saves most of the time and memory of a warm start.
    """

    def __init__(self, vocabulary: Vocabulary, names: list[tuple[str, list[str]]],
                 make: Callable[[], list[Technology]], origins: dict[str, Origin], digest: str,
                 files: dict[str, str]) -> None:
        self.vocabulary, self.origins, self.digest, self.files = vocabulary, origins, digest, files
        ids = sorted(tech_id for tech_id, _ in names)
        self.by_id = _Entries(ids, make)  # type: ignore[assignment]
        self.aliases = {}
        for tech_id, aliases in sorted(names):
            for alias in aliases:
                self.aliases.setdefault(alias, tech_id)

    @property  # type: ignore[override]
    def technologies(self) -> list[Technology]:
        made = self.__dict__.get("_technologies")
        if made is None:
            made = self.__dict__["_technologies"] = list(self.by_id.made().values())  # type: ignore[attr-defined]
        return made

    def __len__(self) -> int:
        return len(self.by_id)
