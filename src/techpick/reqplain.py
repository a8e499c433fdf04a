"""A requirements file's models without pydantic validation, when the file is plainly valid.

Validating with pydantic first builds the models' validators (about a third of
`techpick recommend`'s own start-up on a warm cache). Most files are valid, so
this module checks the file's plain data field by field, exactly as the models
would accept it, and builds the same models with `model_construct`. Anything it
is not sure of (an unknown key, a wrong type, a bad quantity, a repeated need
id) gives None, and the caller validates with pydantic, which words the errors:
a refused file reads the same either way.

    reqs = plain_requirements(data) or Requirements.model_validate(data)
"""

from __future__ import annotations

import re
from typing import Any

from techpick import units
from techpick.models import ID_PATTERN
from techpick.requirements import Constraints, Context, HostingRule, LicenseRule, Need, Requirements

_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))  # used with fullmatch: no "$" before a newline
_QUANTITIES = {"latency": units.parse_latency, "volume": units.parse_volume, "throughput": units.parse_throughput,
               "query_rate": units.parse_throughput, "retention": units.parse_retention}
_CHOICES = {"consistency": ("strong", "eventual"), "availability": ("standard", "high")}
_FLAGS = ("embedded", "persistence")
_WORD_LISTS = ("access", "features", "prefer")
_COUNTS = {"regions": (1, 1000), "concurrency": (1, None)}


class _Unsure(Exception):
    """The data may be invalid: pydantic decides, and words the errors."""


def plain_requirements(data: Any) -> Requirements | None:
    """The Requirements pydantic would validate from `data`, or None when the data is not plainly valid."""
    try:
        return _requirements(data)
    except _Unsure:
        return None


def _requirements(data: Any) -> Requirements:
    mapping = _mapping(data, Requirements)
    if type(mapping.get("version")) is not int or mapping["version"] != 1:
        raise _Unsure
    needs = mapping.get("needs")
    if type(needs) is not list or not needs:
        raise _Unsure
    values: dict[str, Any] = {
        "version": 1,
        "name": _text_or_none(mapping.get("name")),
        "description": _text_or_none(mapping.get("description")),
        "constraints": _constraints(mapping.get("constraints", {})),
        "context": _context(mapping.get("context", {})),
        "needs": [_need(need) for need in needs],
    }
    ids = [need.id for need in values["needs"]]
    if len(set(ids)) != len(ids):
        raise _Unsure
    return Requirements.model_construct(set(mapping), **values)


def _constraints(data: Any) -> Constraints:
    mapping = _mapping(data, Constraints)
    license_rule, hosting = mapping.get("license"), mapping.get("hosting")
    values: dict[str, Any] = {
        "license": None if license_rule is None else LicenseRule(_choice(license_rule, _values(LicenseRule))),
        "hosting": None if hosting is None else HostingRule(_choice(hosting, _values(HostingRule))),
        "cloud": None if mapping.get("cloud") is None else _word(mapping["cloud"]),
        "exclude": [_word(_lowered(name)) for name in _list(mapping.get("exclude", []))],
    }
    return Constraints.model_construct(set(mapping), **values)


def _context(data: Any) -> Context:
    mapping = _mapping(data, Context)
    team_size = mapping.get("team_size")
    values: dict[str, Any] = {
        "existing": [_word(_lowered(name)) for name in _list(mapping.get("existing", []))],
        "leaving": [_word(_lowered(name)) for name in _list(mapping.get("leaving", []))],
        "skills": [_lowered(skill) for skill in _list(mapping.get("skills", []))],
        "team_size": None if team_size is None else _count(team_size, 1, 100_000),
        "languages": [_lowered(language) for language in _list(mapping.get("languages", []))],
    }
    return Context.model_construct(set(mapping), **values)


def _need(data: Any) -> Need:
    mapping = _mapping(data, Need)
    values: dict[str, Any] = {"id": _word(mapping.get("id")), "role": _word(mapping.get("role"))}
    for name in Need.model_fields:
        value = mapping.get(name)
        if name in values:
            continue
        if name in _WORD_LISTS:
            values[name] = [_word(word) for word in _list(mapping.get(name, []))]
        elif name == "constraints":
            values[name] = _constraints(mapping.get(name, {}))
        elif value is None:
            values[name] = None
        elif name in _QUANTITIES:
            values[name] = _quantity(_QUANTITIES[name], value)
        elif name in _CHOICES:
            values[name] = _choice(value, _CHOICES[name])
        elif name in _FLAGS:
            if type(value) is not bool:
                raise _Unsure
            values[name] = value
        elif name in _COUNTS:
            values[name] = _count(value, *_COUNTS[name])
        elif name == "data_model":
            values[name] = _word(value)
        elif name == "notes":
            values[name] = _text_or_none(value)
        else:  # a field added to the model that this module does not know yet
            raise _Unsure
    return Need.model_construct(set(mapping), **values)


def _mapping(data: Any, model: type[Any]) -> dict[str, Any]:
    """A mapping with text keys that are all fields of the model (extra keys are forbidden)."""
    if type(data) is not dict or not all(type(key) is str and key in model.model_fields for key in data):
        raise _Unsure
    return data


def _values(enum: type[Any]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def _choice(value: Any, allowed: tuple[str, ...]) -> str:
    if type(value) is not str or value not in allowed:
        raise _Unsure
    return value


def _word(value: Any) -> str:
    """An id or a vocabulary word: lowercase letters and digits in dash-separated runs."""
    if type(value) is not str or not _ID.fullmatch(value):
        raise _Unsure
    return value


def _lowered(value: Any) -> str:
    """What the models' lowering validators make of text (a technology named in any case, a skill)."""
    if type(value) is not str:
        raise _Unsure
    return value.strip().lower()


def _text_or_none(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise _Unsure
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Unsure
    return value


def _count(value: Any, low: int, high: int | None) -> int:
    """A strict integer (not a bool, not a float) within the model's bounds."""
    if type(value) is not int or value < low or (high is not None and value > high):
        raise _Unsure
    return value


def _quantity(parse: Any, value: Any) -> float:
    """A quantity as the models' unit parsers read it; a refused one is pydantic's to word."""
    try:
        number = parse(value)
    except ValueError:
        raise _Unsure from None
    if type(number) is not float:
        raise _Unsure
    return number
