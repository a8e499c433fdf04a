"""Validation errors in people's words.

pydantic reports each error as a code (`type`), a location and parameters; this
module words them for the person who wrote the file: where, what was written,
what is accepted and the word that was probably meant. No pydantic sentence
("Input should be a valid integer") reaches a user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from techpick.errors import Problem
from techpick.suggest import hint, meant
from techpick.yamlsafe import Marks, locate

# The vocabulary's `synonyms` are keyed by the kind of word; list fields name their kind here.
SYNONYM_KIND = {"access": "capability", "features": "capability", "prefer": "capability", "skills": "skill",
                "languages": "skill"}

Synonyms = Mapping[str, Mapping[str, str]]


# Patterns other than the id pattern, said in words (a date or a web address is not an id).
PATTERN_WORDS: dict[str, str] = {
    r"^\d{4}-\d{2}(-\d{2})?$": "write a date as YYYY-MM or YYYY-MM-DD, e.g. 2025-03 or 2025-03-14",
    r"^\d{4}-(0[1-9]|1[0-2])$": "write the month as YYYY-MM, e.g. 2026-12",
    r"^https?://": "write a web address starting with https:// (or http://)",
}

def synonyms_for(field: str | int, synonyms: Synonyms | None) -> Mapping[str, str]:
    """The synonyms that apply to a field, by its name (`hosting`) or its list's name (`access`)."""
    if not synonyms or not isinstance(field, str):
        return {}
    return synonyms.get(SYNONYM_KIND.get(field, field), {})


def problem(model: type[BaseModel], err: Any, marks: Marks, file: str, synonyms: Synonyms | None = None,
            hinted: bool = True) -> Problem:
    """One pydantic error as a Problem with file, line, column, field and a sentence for people.

    `hinted=False` leaves out the closest-word search, for errors past the few a message shows.
    """
    loc = tuple(part for part in err["loc"] if not isinstance(part, str) or not part.startswith("function-"))
    loc = tuple(p for p in loc if p not in {"tagged-union", "list[str]"})
    placed = getattr(err.get("ctx", {}).get("error"), "path", None)  # a model check that knows its field
    if placed:
        loc = tuple(placed)
    line, column = locate(marks, loc)
    field = ".".join(str(p) for p in loc)
    return Problem(file, line, column, field, message(model, err, loc, synonyms, hinted))


def message(model: type[BaseModel], err: Any, loc: tuple[Any, ...], synonyms: Synonyms | None = None,
            hinted: bool = True) -> str:
    """The sentence for one error; its code decides the wording."""
    kind = err["type"]
    given = err.get("input")
    ctx = err.get("ctx", {})
    name = _field_name(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        return f"unknown field {key!r}; {hint(key, _fields_at(model, loc[:-1]))}" if hinted else f"unknown field {key!r}"
    if kind == "missing":
        return "is required"
    if kind in {"enum", "literal_error"}:
        accepted = _expected_words(ctx.get("expected", ""))
        if isinstance(given, bool):
            return (f"{_shown(given)} is not accepted (YAML reads yes, no, on and off as true or false); "
                    f"expected {_listed(accepted)}")
        guess = meant(str(given), accepted, synonyms_for(name, synonyms)) if isinstance(given, str) and hinted else None
        tip = f"did you mean {guess}? " if guess else ""
        return f"{_shown(given)} is not accepted; {tip}expected {_listed(accepted)}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in PATTERN_WORDS:
        return f"{_shown(given)} is not accepted; {PATTERN_WORDS[ctx['pattern']]}"
    if kind == "string_pattern_mismatch":
        return (f"{_shown(given)} is not a valid id: use lowercase letters, digits and '-' only"
                + (f", e.g. {_as_id(given)}" if isinstance(given, str) and _as_id(given) else ""))
    if kind == "int_type" and isinstance(given, str) and given.strip().isdigit():
        return f"{_shown(given)} is text in quotes; write the number without quotes: {given.strip()}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{_shown(given)} is not a whole number; write a number such as 4"
    if kind in {"float_parsing", "float_type"}:
        return f"{_shown(given)} is not a number"
    if kind == "bool_type" and isinstance(given, str) and given.strip().lower() in {"true", "false", "yes", "no"}:
        return f"{_shown(given)} is text in quotes; write true or false without quotes"
    if kind in {"bool_parsing", "bool_type"}:
        return f"{_shown(given)} is neither true nor false; write true or false"
    if kind in {"string_type", "str_type"}:
        return f"expected text, not {_what(given)}"
    if kind == "list_type":
        example = f" such as [{given}]" if isinstance(given, (str, int, float)) and not isinstance(given, bool) else ""
        return f"expected a list{example}, not {_what(given)}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"expected a mapping of fields, not {_what(given)}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        words = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most",
                 "less_than": "less than"}[kind]
        return f"{_shown(given)} is out of range: must be {words} {bound}"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"needs at least {least} item{'s' if least != 1 else ''}" + (" (a need)" if name == "needs" else "")
    if kind == "too_long":
        return f"has more than {ctx.get('max_length')} items"
    text = str(err["msg"]).removeprefix("Value error, ")
    if kind == "value_error" or given is None or isinstance(given, (dict, list)):
        return text
    return f"{_shown(given)}: {text}"


def _listed(words: list[str]) -> str:
    """'a, b or c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _field_name(loc: tuple[Any, ...]) -> str | int:
    """The field an error is about: the list's name for an item (`access` for needs.0.access.2)."""
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return ""


def _expected_words(expected: str) -> list[str]:
    """pydantic's "'any', 'self-hosted' or 'managed'" as a list of words."""
    return [w.strip(" '\"") for w in expected.replace(" or ", ",").split(",") if w.strip(" '\"")]


def _shown(value: Any) -> str:
    """A value as the person wrote it in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value) if isinstance(value, str) else str(value)


def _what(value: Any) -> str:
    """What sort of YAML value it is, in words."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return "text"


def _as_id(text: str) -> str:
    """`My DB` -> my-db, the id a person probably meant."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the (nested) model found at loc, for suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is not None:  # otherwise a key of a dict of models: stay on the model
            current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
