"""Files -> validated models. The only module that reads catalog/, kb/ and
requirements files; it turns YAML and validation errors into Problems that
name the file, the line, the field, what is accepted and the closest word."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from techpick.catalog import Catalog, Origin
from techpick.errors import InputError, Problem
from techpick.files import read_input
from techpick.gcpause import gc_paused
from techpick.models import Technology, Vocabulary
from techpick.reqcheck import Checked, check_requirements
from techpick.requirements import Requirements
from techpick.wording import problem
from techpick.yamlsafe import Marks, locate, read_yaml

M = TypeVar("M", bound=BaseModel)

SHIPPED_CATALOG = Path(__file__).resolve().parent / "data" / "catalog"
SHIPPED_KB = Path(__file__).resolve().parent / "data" / "kb"
VOCABULARY_FILE = "vocabulary.yaml"
MAX_NEEDS = 500  # needs in one requirements file: a whole platform is a few dozen
MAX_ITEMS = 200  # items of any other list in a requirements file
MAX_REQUIREMENTS_BYTES = 500_000  # 500 needs written out in full, with comments, take a fraction of it


def default_catalog_dir() -> Path:
    """The catalog next to the package (installed) or at the repository root (development)."""
    env = os.environ.get("TECHPICK_CATALOG")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[2] / "catalog"
    return repo if (repo / VOCABULARY_FILE).is_file() else SHIPPED_CATALOG


def default_kb_dir() -> Path:
    """The knowledge base next to the package (installed) or at the repository root (development)."""
    env = os.environ.get("TECHPICK_KB")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[2] / "kb"
    return repo if repo.is_dir() and (repo.parent / "pyproject.toml").is_file() else SHIPPED_KB


def load_kb(directory: Path | None = None) -> dict[str, str]:
    """Every Markdown page of a knowledge base: relative POSIX path -> text, sorted by path."""
    root = Path(directory) if directory is not None else default_kb_dir()
    if not root.is_dir():
        raise InputError([Problem(str(root), None, None, "", "not a knowledge base: no such directory")])
    pages: dict[str, str] = {}
    for path in sorted(root.rglob("*.md")):
        try:
            pages[path.relative_to(root).as_posix()] = read_input(path, what="a Markdown page").decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError([Problem(str(path), None, None, "", f"cannot be read: {exc}")]) from None
    return pages


def read_bytes(path: Path, label: str | None = None) -> bytes:
    """The bytes of one file; missing or unreadable files are Problems."""
    return read_input(path, label)


def read_file(path: Path, label: str | None = None, raw: bytes | None = None,
              positions: bool = True) -> tuple[Any, Marks]:
    """Bytes of one file -> plain data and marks (none without `positions`); missing or unreadable files are Problems."""
    name = label or str(path)
    if raw is None:
        raw = read_bytes(path, name)
    try:
        return read_yaml(raw, name, positions)
    except ValueError as exc:
        problem = exc.args[0]
        raise InputError([problem]) from None


def validate(model: type[M], data: Any, marks: Marks | Callable[[], Marks], file: str) -> M:
    """Validate plain data against a model, reporting every error with its position
    (`marks` may be what reads them, when the data was read without them)."""
    if data is None:
        raise InputError([Problem(file, None, None, "", "file is empty; expected a mapping of fields")])
    if not isinstance(data, dict):
        kind = type(data).__name__.replace("list", "a list").replace("str", "a string")
        raise InputError([Problem(file, 1, 1, "", f"the top level must be a mapping of fields, not {kind}")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found = marks() if callable(marks) else marks
        raise InputError([problem(model, err, found, file) for err in exc.errors()]) from None


def share_fields_sets(value: Any, shared: dict[frozenset[str], set[str]]) -> None:
    """Let validated models with the same given fields share one set of their names.

    Pydantic gives each model its own set of the fields it was given: at 100,000
    technologies those sets take a third of the entries' memory. Catalog models are
    frozen, so nothing changes a set after validation (a copy copies it first);
    the compiled cache shares them the same way.
    """
    if isinstance(value, BaseModel):
        names = value.__pydantic_fields_set__
        same = shared.setdefault(frozenset(names), names)
        if same is not names:
            object.__setattr__(value, "__pydantic_fields_set__", same)
        children: Any = value.__dict__.values()
    elif isinstance(value, (list, tuple)):
        children = value
    elif isinstance(value, dict):
        children = value.values()
    else:
        return
    for item in children:
        if isinstance(item, (BaseModel, list, tuple, dict)):  # no call for each plain value
            share_fields_sets(item, shared)


def check_kb(catalog: Catalog, directory: Path | None = None) -> dict[str, str]:
    """Read a knowledge base and check that every `tech:<id>` link names a catalog id."""
    from techpick.kb import check_links

    root = Path(directory) if directory is not None else default_kb_dir()
    pages = load_kb(root)
    problems = check_links(catalog, pages, str(root))
    if problems:
        raise InputError(problems)
    return pages


def catalog_root_of(path: Path) -> Path | None:
    """The catalog folder a path belongs to (itself, or a folder up to two levels above with vocabulary.yaml)."""
    candidates = [path] if path.is_dir() else []
    candidates += list(path.parents)[:2]
    return next((folder for folder in candidates if (folder / VOCABULARY_FILE).is_file()), None)


_VOCABULARIES: dict[str, tuple[Vocabulary, Marks]] = {}  # by the digest of the file's bytes; a few at most


def load_vocabulary(directory: Path, raw: bytes | None = None) -> tuple[Vocabulary, Marks]:
    """The vocabulary of a catalog folder (from `raw` when its bytes were read already).

    A process that loads catalogs again and again (a server, a watcher, a test run) meets the
    same vocabulary each time: it is parsed and validated once per content, and the frozen
    model is shared.
    """
    path = directory / VOCABULARY_FILE
    if raw is None:
        raw = read_bytes(path)
    key = hashlib.sha256(raw).hexdigest()
    if key not in _VOCABULARIES:
        data, marks = read_file(path, raw=raw)
        if len(_VOCABULARIES) >= 4:
            _VOCABULARIES.clear()
        _VOCABULARIES[key] = validate(Vocabulary, data, marks, str(path)), marks
    return _VOCABULARIES[key]


def load_catalog(directory: Path | None = None, *, cache: bool = False) -> Catalog:
    """Read and check a catalog directory; every problem in every file is reported at once.

    With `cache`, a compiled copy in the user's cache folder is used while every
    file is unchanged, and written after a full load (see `techpick.cache`).
    """
    root = Path(directory) if directory is not None else default_catalog_dir()
    if not (root / VOCABULARY_FILE).is_file():
        raise InputError([Problem(str(root), None, None, "", f"not a catalog: {VOCABULARY_FILE} is missing")])
    if not cache:
        return _load_catalog(root)
    from techpick import cache as compiled_cache

    def fresh(lazy: bool = True) -> Catalog:
        stats = compiled_cache.snapshot(root)  # before any file is read
        catalog = _load_catalog(root)
        catalog.positions = None  # positions serve only the checks just passed: a cached catalog has none
        written = compiled_cache.write(root, stats, catalog)
        if lazy and written is not None and compiled_cache.graph_file(catalog).is_file():
            # The graph is cached already, so a recommendation needs no entry: read the catalog back as a
            # warm run does, and the entries just read are dropped (at 100,000 technologies about 0.9 GB,
            # which would otherwise stay beside the graph read from the cache).
            return compiled_cache.read(root, stats, lambda: fresh(lazy=False)) or catalog
        return catalog

    return compiled_cache.read(root, compiled_cache.snapshot(root), fresh) or fresh()


def _load_catalog(root: Path) -> Catalog:
    with gc_paused():
        return _read_catalog(root)


def _read_catalog(root: Path) -> Catalog:
    vocabulary_raw = read_bytes(root / VOCABULARY_FILE)
    vocabulary, _ = load_vocabulary(root, vocabulary_raw)
    problems: list[Problem] = []
    technologies: list[Technology] = []
    origins: dict[str, Origin] = {}
    fields_sets: dict[frozenset[str], set[str]] = {}
    digest = hashlib.sha256()
    digest.update(VOCABULARY_FILE.encode() + b"\0" + vocabulary_raw + b"\0")
    files = {VOCABULARY_FILE: hashlib.sha256(vocabulary_raw).hexdigest()}
    for path in sorted(root.glob("*/*.yaml")):
        label = str(path)
        relative = path.relative_to(root).as_posix()
        try:
            raw = read_bytes(path, label)
            digest.update(relative.encode() + b"\0" + raw + b"\0")
            files[relative] = hashlib.sha256(raw).hexdigest()
            data, _ = read_file(path, label, raw, positions=False)
            positions = _positions_of(path, label, raw)
            tech = validate(Technology, data, positions, label)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if tech.id != path.stem:
            problems.append(Problem(label, *locate(positions(), ("id",)), "id",
                                    f"{tech.id!r} must match the file name {path.stem!r}"))
        if tech.id in origins:
            problems.append(Problem(label, *locate(positions(), ("id",)), "id",
                                    f"duplicate id {tech.id!r}, also in {origins[tech.id].file}"))
            continue
        share_fields_sets(tech, fields_sets)
        technologies.append(tech)
        origins[tech.id] = Origin(label, {}, path.parent.name, relative)
    if not technologies and not problems:
        problems.append(Problem(str(root), None, None, "", "no technology files found (expected <area>/<id>.yaml)"))
    catalog = Catalog(vocabulary, technologies, origins, "sha256:" + digest.hexdigest(), files,
                      positions=_reread_positions())
    problems.extend(catalog.check())
    if problems:
        raise InputError(problems)
    return catalog


def _positions_of(path: Path, label: str, raw: bytes) -> Callable[[], Marks]:
    """What reads the positions of one file's values from the bytes already read, when a problem needs them."""
    return lambda: read_file(path, label, raw)[1]


def _reread_positions() -> Callable[[Origin], Marks]:
    """What reads the positions of an entry's file again, once per file, for a problem found across files.

    A load keeps no positions (at 100,000 files they would outweigh the entries); a file
    that changed meanwhile may give other lines, or none if it no longer reads.
    """
    read: dict[str, Marks] = {}

    def positions(origin: Origin) -> Marks:
        if origin.file not in read:
            try:
                read[origin.file] = read_file(Path(origin.file), origin.file)[1]
            except InputError:
                read[origin.file] = {}
        return read[origin.file]

    return positions


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_MARKUP = re.compile(r"<[A-Za-z/!?]|\]\(|`|&#?\w+;|^\s*(!!!|\?\?\?)", re.MULTILINE)
_ADDRESSES = {"homepage", "url", "source"}


def check_plain_text(directory: Path | None = None) -> list[Problem]:
    """`techpick validate`: catalog text is plain, with no control characters and no HTML or Markdown markup.

    Every output escapes catalog text anyway, so a catalog that holds markup
    still loads (and shows it as text); the validator refuses it, so that a
    shipped or team catalog never reads differently in each format.
    """
    root = Path(directory) if directory is not None else default_catalog_dir()
    problems: list[Problem] = []
    for path in sorted(root.glob("*/*.yaml")):
        data, marks = read_file(path, str(path))
        problems.extend(markup_problems(data, marks, str(path)))
    return problems


YamlPath = tuple[str | int, ...]


def _nodes(value: Any, skip: Callable[[YamlPath, Any], bool] | None = None) -> Iterator[tuple[YamlPath, Any]]:
    """Every value of a YAML document with its path, parents before children, in document order;
    the children of a value that `skip` refuses are not visited (a list too long to read stays unread)."""
    stack: list[tuple[YamlPath, Any]] = [((), value)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if skip is not None and skip(path, value):
            continue
        if isinstance(value, dict):
            stack.extend(reversed([((*path, key), item) for key, item in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([((*path, i), item) for i, item in enumerate(value)]))


def markup_problems(data: Any, marks: Marks, file: str) -> list[Problem]:
    """Control characters anywhere, HTML or Markdown markup outside addresses, in one file's data."""
    found: list[Problem] = []
    for path, value in _nodes(data):
        if not isinstance(value, str):
            continue
        where = (file, *locate(marks, path), ".".join(map(str, path)))
        control = _CONTROL.search(value)
        markup = _MARKUP.search(value) if not (set(path) & _ADDRESSES) else None
        if control:
            found.append(Problem(*where, f"holds the control character U+{ord(control[0]):04X}; "
                                         "catalog text is plain text"))
        elif markup:
            found.append(Problem(*where, f"holds markup ({markup[0].strip()!r}); catalog text is plain text: "
                                         "write it without HTML or Markdown"))
    return found


def check_requirements_file(path: Path, catalog: Catalog) -> Checked:
    """Every error and warning of a requirements file, without raising (for `techpick validate --req`)."""
    label = str(path)
    try:
        data, marks = read_file(path, label, read_input(path, label, limit=MAX_REQUIREMENTS_BYTES))
    except InputError as exc:
        return Checked(None, exc.problems)
    oversized = oversized_lists(data, marks, label)
    if oversized:
        return Checked(None, oversized)
    return check_requirements(data, marks, label, catalog)


def _list_limit(path: YamlPath) -> tuple[int, str]:
    """How many items a list at this path may hold, and what they are called."""
    return (MAX_NEEDS, "needs") if path == ("needs",) else (MAX_ITEMS, "items")


def _too_long(path: YamlPath, value: Any) -> bool:
    return isinstance(value, list) and len(value) > _list_limit(path)[0]


def oversized_lists(data: Any, marks: Marks, file: str) -> list[Problem]:
    """Lists longer than anyone writes by hand, refused before any word is checked, so the work stays bounded."""
    found: list[Problem] = []
    for path, value in _nodes(data, skip=_too_long):
        if _too_long(path, value):
            limit, noun = _list_limit(path)
            found.append(Problem(file, *locate(marks, path), ".".join(map(str, path)),
                                 f"has {len(value):,} {noun}; at most {limit} are accepted"
                                 + ("; split the file by system" if noun == "needs" else "")))
    return found


def load_requirements(path: Path, catalog: Catalog, warn: Callable[[Problem], None] | None = None) -> Requirements:
    """Read a requirements file and check its words against the catalog; `warn` hears what is unknown but allowed."""
    checked = check_requirements_file(path, catalog)
    if checked.errors or checked.requirements is None:
        raise InputError(checked.errors)
    for warning in checked.warnings if warn else ():
        warn(warning)
    return catalog.resolve_requirements(checked.requirements)
