"""`techpick init`: a commented requirements file from a few answers.

The questions are data (text, default, a check that says what is wrong in
people's words); whoever asks them (the CLI with prompts, a test with a list)
passes an `ask` function. The file is rendered as text with a comment on every
field, so that it explains itself, and checked through the real loader before
anyone writes it.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from techpick import units
from techpick.catalog import Catalog
from techpick.errors import InputError
from techpick.files import atomic_write
from techpick.reqcheck import check_requirements
from techpick.suggest import hint
from techpick.yamlsafe import read_yaml

DEFAULT_FILE = "reqs.yaml"


@dataclass(frozen=True)
class NeedAnswers:
    """One need as answered: its id, role, data model and sizes (sizes as the person wrote them)."""

    id: str
    role: str
    data_model: str | None = None
    latency: str | None = None
    volume: str | None = None
    throughput: str | None = None
    access: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Answers:
    """Everything `init` asks; the defaults make the starter file of `--yes`."""

    name: str = "My project"
    team_size: int = 4
    skills: list[str] = field(default_factory=lambda: ["python", "sql"])
    cloud: str | None = None
    license: str = "any"
    hosting: str = "any"
    needs: list[NeedAnswers] = field(default_factory=lambda: [STARTER_NEED])


STARTER_NEED = NeedAnswers(id="main-db", role="storage", data_model="relational", latency="20ms", volume="50GB",
                           throughput="200/s", access=["transactions"])


@dataclass(frozen=True)
class Question:
    """One question: what is asked, the answer taken when none is given, and how an answer is checked."""

    text: str
    default: str
    check: Callable[[str], str]  # the answer in the file's form, or ValueError with what is accepted


Ask = Callable[[Question], str]
Confirm = Callable[[str, bool], bool]


def interview(catalog: Catalog, ask: Ask, confirm: Confirm) -> Answers:
    """Ask the questions in order; every answer is checked before the next question."""
    name = ask(Question("What are you building? (a short name)", "My project", _text))
    team_size = int(ask(Question("How many people will operate it?", "4", _team_size)))
    skills = _split(ask(Question("What does the team know? (comma-separated)", "python, sql",
                                 lambda text: _words(text, catalog, "skill"))))
    cloud = ask(Question("Which cloud must managed offers run on? (blank: any)", "",
                         lambda text: _word(text, catalog, "cloud", optional=True)))
    license_rule = ask(Question("Licence rule (any, open-source, permissive)", "any",
                                lambda text: _word(text, catalog, "license")))
    hosting = ask(Question("Hosting (any, self-hosted, managed)", "any", lambda text: _word(text, catalog, "hosting")))
    needs: list[NeedAnswers] = []
    while True:
        needs.append(_ask_need(catalog, ask, [n.id for n in needs]))
        if not confirm("Add another need?", False):
            break
    return Answers(name, team_size, skills, cloud or None, license_rule, hosting, needs)


def _ask_need(catalog: Catalog, ask: Ask, taken: list[str]) -> NeedAnswers:
    number = len(taken) + 1
    role = ask(Question(f"Need {number}: what kind of block? (a role: storage, messaging, stream-processing, "
                        "batch-processing, query-engine, workflow-orchestration ...)",
                        "storage" if not taken else "messaging", lambda text: _word(text, catalog, "role")))
    models = data_models_of(catalog, role)
    data_model = ""
    if models:
        data_model = ask(Question(f"Need {number}: data model ({', '.join(models)}; blank: any)", models[0],
                                  lambda text: _word(text, catalog, "data_model", optional=True)))
    default_id = _free_id(role if not data_model else f"{data_model}-{role}", taken)
    need_id = ask(Question(f"Need {number}: a short id for it", default_id, lambda text: _need_id(text, taken)))
    sizes = {"latency": "p99 latency of its main operation, e.g. 10ms (blank: none)",
             "volume": "data it holds, or processes a day, e.g. 200GB (blank: none)",
             "throughput": "peak operations or events per second, e.g. 2k/s (blank: none)"}
    answers = {key: ask(Question(f"Need {number}: {text}", "", lambda value, key=key: _quantity(key, value)))
               for key, text in sizes.items()}
    return NeedAnswers(need_id, role, data_model or None, **{k: v or None for k, v in answers.items()})


def data_models_of(catalog: Catalog, role: str) -> list[str]:
    """The data models of the role's technologies, the most common first (none for roles that hold no data)."""
    counts = Counter(model for tech in catalog.with_role(role) for model in tech.data_models[:1])
    return [model for model, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


# ---- checks of single answers: the answer in the file's form, or ValueError ----

def _text(text: str) -> str:
    if not text.strip():
        raise ValueError("write a few words")
    return text.strip()


def _team_size(text: str) -> str:
    if not text.strip().isdigit() or not 1 <= int(text) <= 100_000:
        raise ValueError(f"{text!r} is not a number of people; write a whole number such as 4")
    return str(int(text))


def _split(text: str) -> list[str]:
    return [word for word in re.split(r"[,\s]+", text) if word]


def _word(text: str, catalog: Catalog, kind: str, optional: bool = False) -> str:
    word = text.strip().lower()
    if optional and word in {"", "any", "none", "-"}:
        return ""
    known = catalog.words_of(kind)
    if word not in known:
        raise ValueError(f"unknown {kind.replace('_', ' ')} {text.strip()!r}; "
                         f"{hint(word, known, synonyms=catalog.vocabulary.synonyms.get(kind, {}))}")
    return word


def _words(text: str, catalog: Catalog, kind: str) -> str:
    return ", ".join(_word(word, catalog, kind) for word in _split(text))


def _need_id(text: str, taken: list[str]) -> str:
    need_id = text.strip()
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", need_id):
        raise ValueError(f"{need_id!r} is not an id: use lowercase letters, digits and '-' only, e.g. orders-db")
    if need_id in taken:
        raise ValueError(f"{need_id!r} is already used by another need")
    return need_id


def _quantity(kind: str, text: str) -> str:
    if not text.strip():
        return ""
    parse = {"latency": units.parse_latency, "volume": units.parse_volume, "throughput": units.parse_throughput}[kind]
    parse(text.strip())  # raises ValueError in people's words (did you mean 10ms?)
    return text.strip().replace(" ", "")


def _free_id(base: str, taken: list[str]) -> str:
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


# ---- the file -----------------------------------------------------------------

def schema_url(site_url: str, file: Path) -> str:
    """Where the file's modeline points: the published schema, relative to the file for a local site folder."""
    url = f"{site_url.rstrip('/')}/schemas/reqs.schema.json"
    if "://" in site_url or Path(site_url).is_absolute():
        return url
    return Path(os.path.relpath(url, file.parent if str(file.parent) else ".")).as_posix()


def write_requirements(file: Path, answers: Answers, site_url: str, catalog: Catalog) -> str:
    """Render, check through the real loader (a file `init` writes always validates), then write atomically."""
    text = render(answers, schema_url(site_url, file), file.as_posix())
    data, marks = read_yaml(text.encode("utf-8"), str(file))
    checked = check_requirements(data, marks, str(file), catalog)
    if checked.errors:
        raise InputError(checked.errors)
    atomic_write(file, text)
    return text


COMMENT_COLUMN = 34


def render(answers: Answers, schema_url: str, file_name: str = DEFAULT_FILE) -> str:
    """The requirements file, every field commented, the schema modeline on the first line."""
    lines = [
        f"# yaml-language-server: $schema={schema_url}",
        "# Requirements for techpick (contract v1): what the blocks must do, before any block is named.",
        f"# Check it:     techpick validate --req {file_name}",
        f"# Recommend:    techpick recommend --req {file_name}",
        f"# Review:       techpick review --req {file_name} -o review.md",
        "version: 1",
        f"name: {_scalar(answers.name)}",
        "# description: what the system does and for whom, for the people reading the review",
        "",
        _heading("constraints", "apply to every need; a need may override them"),
        _field("  license", _scalar(answers.license), "any | open-source | permissive"),
        _field("  hosting", _scalar(answers.hosting), "any | self-hosted | managed"),
        _field("  cloud", _scalar(answers.cloud), "managed offers must exist on it: aws, gcp, azure ...")
        if answers.cloud else _field("  # cloud", "aws", "managed offers must exist on it: aws, gcp, azure ..."),
        _field("  # exclude", "[]", "ids never to recommend"),
        "",
        _heading("context", "what the team runs and knows"),
        _field("  team_size", str(answers.team_size), "people who will operate the stack"),
        _field("  skills", _list(answers.skills), "what the team knows: python, sql, jvm, go ..."),
        _field("  existing", "[]", "technologies already run (ids or names); reused when they fit"),
        "",
        "needs:",
    ]
    for need in answers.needs:
        lines += _need_lines(need)
    return "\n".join(lines) + "\n"


def _need_lines(need: NeedAnswers) -> list[str]:
    lines = [
        _field("  - id", _scalar(need.id), "unique in the file"),
        _field("    role", _scalar(need.role), "the kind of block"),
        _field("    data_model", _scalar(need.data_model), "relational, document, key-value, event ...")
        if need.data_model else _field("    # data_model", "relational", "relational, document, key-value, event ..."),
        _field("    access", _list(need.access), "access patterns it must serve (hard)")
        if need.access else _field("    # access", "[transactions]", "access patterns it must serve (hard)"),
    ]
    sizes = (("latency", need.latency, "p99 of its main operation (us, ms, s)", "10ms"),
             ("volume", need.volume, "data held, or processed a day (MB, GB, TB)", "200GB"),
             ("throughput", need.throughput, "peak operations or events (per s, min, h, d)", "2k/s"))
    for key, value, comment, example in sizes:
        lines.append(_field(f"    {key}", _scalar(value), comment) if value else _field(f"    # {key}", example, comment))
    lines += [
        _field("    # availability", "high", "standard | high (replicated, automatic failover)"),
        _field("    # consistency", "strong", "strong | eventual"),
        "",
    ]
    return lines


def _heading(key: str, comment: str) -> str:
    return f"{key + ':':<{COMMENT_COLUMN - 1}} # {comment}"


def _field(key: str, value: str | None, comment: str) -> str:
    """`key: value` with its comment in the comment column; `value` is YAML text already."""
    text = f"{key}: {value}"
    return f"{text:<{COMMENT_COLUMN - 1}} # {comment}" if len(text) < COMMENT_COLUMN - 1 else f"{text}  # {comment}"


def _list(words: list[str]) -> str:
    return "[" + ", ".join(_scalar(word) for word in words) + "]"


_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/+()-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def _scalar(text: str | None) -> str:
    """Text as a YAML scalar: plain when that reads back the same, quoted (JSON) otherwise."""
    text = text or ""
    plain = _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not re.fullmatch(r"[0-9._+-]+(e[0-9]+)?", text)
    return text if plain and not text.endswith(" ") else json.dumps(text, ensure_ascii=False)
