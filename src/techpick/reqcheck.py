"""Every problem of a requirements file at once, in people's words.

The shape and the quantities are checked by the model (pydantic reports every
field at once; a plainly valid file is built without it, see techpick.reqplain);
the words only a catalog knows (roles, data models, capabilities, clouds,
technologies) and repeated need ids are checked on the file's own data, so that
they are reported even when the model found other errors. What may be right but
is unknown (a technology the catalog lacks, a skill the vocabulary lacks) is a
warning, not an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from techpick.catalog import TYPO, Catalog
from techpick.errors import Problem, ordered
from techpick.reqplain import plain_requirements
from techpick.requirements import Requirements, duplicate_need
from techpick.suggest import closest, hint
from techpick.wording import problem
from techpick.yamlsafe import Marks, locate

Path = tuple[str | int, ...]
HINTED = 100  # errors given a closest word; a message lists far fewer, and each hint costs a fuzzy search


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one file: the requirements when there is no error, and what was found."""

    requirements: Requirements | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check_requirements(data: Any, marks: Marks, file: str, catalog: Catalog) -> Checked:
    """Check plain data read from `file` against the contract and the catalog."""
    if data is None:
        return Checked(None, [Problem(file, None, None, "", "file is empty; expected a mapping of fields")])
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "text"
        return Checked(None, [Problem(file, 1, 1, "", f"the top level must be a mapping of fields, not {kind}")])
    checker = _Checker(data, marks, file, catalog)
    worded = checker.errors + checker.duplicates()
    reported = {p.field for p in worded}
    try:
        reqs: Requirements | None = plain_requirements(data) or Requirements.model_validate(data)
        shape: list[Problem] = []
    except ValidationError as exc:
        reqs = None
        synonyms = catalog.vocabulary.synonyms
        shape = [problem(Requirements, err, marks, file, synonyms, hinted=n < HINTED)
                 for n, err in enumerate(exc.errors())]
    errors = worded + [p for p in shape if p.field not in reported]
    return Checked(None if errors else reqs, ordered(errors), ordered(checker.warnings))


class _Checker:
    """Walks the file's data once, collecting word errors and warnings with their positions."""

    def __init__(self, data: dict[str, Any], marks: Marks, file: str, catalog: Catalog) -> None:
        self.data, self.marks, self.file, self.catalog = data, marks, file, catalog
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._hints_left = HINTED
        self._known: dict[str, tuple[list[str], frozenset[str]]] = {}
        self._walk()

    def _words(self, kind: str) -> tuple[list[str], frozenset[str]]:
        """The words of a kind, sorted and as a set, looked up once per file (a file may hold 100,000 words)."""
        if kind not in self._known:
            words = self.catalog.words_of(kind)
            self._known[kind] = (words, frozenset(words))
        return self._known[kind]

    def _hint(self, compute: Callable[[], str]) -> str:
        """'; did you mean ...' for the first HINTED unknown words, nothing after them (bounded work)."""
        self._hints_left -= 1
        return f"; {compute()}" if self._hints_left >= 0 else ""

    def _at(self, path: Path, message: str) -> Problem:
        line, column = locate(self.marks, path)
        return Problem(self.file, line, column, ".".join(map(str, path)), message)

    def _walk(self) -> None:
        self._constraints(("constraints",), self.data.get("constraints"))
        context = self.data.get("context")
        if isinstance(context, dict):
            for path, name in _items(context, ("context",), "existing"):
                self._existing(path, name)
            for path, name in _items(context, ("context",), "leaving"):
                self._known_tech(path, name)
            for path, skill in _items(context, ("context",), "skills"):
                self._skill(path, skill)
            language_list = sorted(self.catalog.vocabulary.language_skills())
            languages = (language_list, frozenset(language_list))
            for path, language in _items(context, ("context",), "languages"):
                self._word(path, language.strip().lower(), languages, "language", "skill", typed=language)
        needs = self.data.get("needs")
        for n, need in enumerate(needs if isinstance(needs, list) else []):
            if not isinstance(need, dict):
                continue
            base: Path = ("needs", n)
            for key, kind, what in (("role", "role", "role"), ("data_model", "data_model", "data model")):
                if isinstance(need.get(key), str):
                    self._word((*base, key), need[key], self._words(kind), what, kind)
            for key in ("access", "features", "prefer"):
                for path, cap in _items(need, base, key):
                    self._word(path, cap, self._words("capability"), "capability", "capability")
            self._constraints((*base, "constraints"), need.get("constraints"))

    def _constraints(self, base: Path, constraints: Any) -> None:
        if not isinstance(constraints, dict):
            return
        cloud = constraints.get("cloud")
        if isinstance(cloud, str):
            hosting = self.catalog.vocabulary.synonyms.get("hosting", {})
            if cloud not in self._words("cloud")[1] and hosting.get(cloud.lower(), cloud.lower()) == "self-hosted":
                # own machines are a way of hosting, not a cloud: say where that is written
                self.errors.append(self._at((*base, "cloud"), f"unknown cloud {cloud!r}; for your own machines write "
                                            "'hosting: self-hosted' and leave out 'cloud'"
                                            + self._hint(lambda: hint(cloud, self._words("cloud")[0]))))
            else:
                self._word((*base, "cloud"), cloud, self._words("cloud"), "cloud", "cloud")
        for path, name in _items(constraints, base, "exclude"):
            self._known_tech(path, name)

    def _known_tech(self, path: Path, name: str) -> None:
        """An id the file rules out must be a technology of the catalog: an unknown one is an error with a hint."""
        if self.catalog.resolve(name) is None:
            self.errors.append(self._at(path, f"unknown technology {name!r}"
                                              + self._hint(lambda: self.catalog.tech_hint(name))))

    def _word(self, path: Path, word: str, known: tuple[list[str], frozenset[str]], what: str, kind: str,
              typed: str | None = None) -> None:
        words, word_set = known
        if word in word_set:
            return
        synonyms = self.catalog.vocabulary.synonyms.get(kind, {})
        self.errors.append(self._at(path, f"unknown {what} {typed or word!r}"
                                    + self._hint(lambda: hint(word, words, synonyms=synonyms))))

    def _existing(self, path: Path, name: str) -> None:
        """Teams run more than any catalog knows: an unknown name is a warning, a misspelt known one an error."""
        if self.catalog.resolve(name) is not None:
            return
        if closest(name.lower(), self.catalog.known_names(), TYPO) is not None:
            self.errors.append(self._at(path, f"unknown technology {name!r}"
                                        + self._hint(lambda: self.catalog.tech_hint(name))))
        else:
            self.warnings.append(self._at(path, f"{name!r} is not in the catalog: it is kept as something the team "
                                                "runs, but no block is known to reuse it"))

    def _skill(self, path: Path, skill: str) -> None:
        skills, skill_set = self._words("skill")
        if skill.strip().lower() in skill_set:
            return
        synonyms = self.catalog.vocabulary.synonyms.get("skill", {})
        self.warnings.append(self._at(path, f"unknown skill {skill!r} is ignored"
                                      + self._hint(lambda: hint(skill, skills, synonyms=synonyms))))

    def duplicates(self) -> list[Problem]:
        """A need id used twice, at the second use, naming the line of the first."""
        found: list[Problem] = []
        first: dict[str, Path] = {}
        needs = self.data.get("needs")
        for n, need in enumerate(needs if isinstance(needs, list) else []):
            need_id = need.get("id") if isinstance(need, dict) else None
            if not isinstance(need_id, str):
                continue
            if need_id in first:
                line, _ = locate(self.marks, first[need_id])
                found.append(self._at(("needs", n, "id"), f"{duplicate_need(need_id)} (first at line {line})"))
            else:
                first[need_id] = ("needs", n, "id")
        return found


def _items(mapping: dict[str, Any], base: Path, key: str) -> Iterator[tuple[Path, str]]:
    """(path, text) of each text item of a list field; other shapes are the model's to report."""
    value = mapping.get(key)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (*base, key, i), item
