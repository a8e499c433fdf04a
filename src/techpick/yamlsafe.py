"""Hostile-input YAML: plain data plus the line and column of every value.

We compose the node tree (libyaml when present) and build Python values from
it ourselves, so that: only the plain YAML types exist (a tag that would build
an object, or a core tag on a value it does not fit, is an error), aliases
cannot blow up the work (every node visit is counted), nesting is bounded,
numbers are bounded, duplicate keys are errors, and each value keeps its
position for error messages. Dates stay the text they were written as.
Short text is interned: a big catalog repeats its words in every file.
"""

from __future__ import annotations

import sys
from typing import Any

import yaml

from techpick.errors import Problem, cut

try:  # the C loader is much faster; fall back quietly where libyaml is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 50
MAX_NUMBER = 10**18  # no field counts anything near this; bigger numbers are typing accidents
MAX_NUMBER_TEXT = 40  # characters of a number's text, checked before Python converts it
WORD = 40  # text this short (ids, words of the vocabulary, keys) is kept once however many files repeat it

Path = tuple[str | int, ...]
Marks = dict[Path, tuple[int, int]]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", _TIMESTAMP}
_NAMES = {_INT: "an integer", _FLOAT: "a number", "tag:yaml.org,2002:bool": "true or false",
          "tag:yaml.org,2002:null": "null", _TIMESTAMP: "a date"}


class _Refused(Exception):
    def __init__(self, line: int | None, column: int | None, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def read_yaml(raw: bytes, file: str, positions: bool = True) -> tuple[Any, Marks]:
    """Parse bytes into plain data and a map from value path to (line, column).

    Without `positions` the map stays empty: a catalog load reads them again
    only for a file with a problem (at 100,000 files they would outweigh the entries).
    Raises a list of one Problem (as ``ValueError(problem)``) when the text is
    not acceptable YAML; the caller wraps it into an InputError.
    """
    if len(raw) > MAX_BYTES:
        raise ValueError(Problem(file, None, None, "", f"file is larger than {MAX_BYTES // 1_000_000} MB; refusing to read it"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValueError(Problem(file, line, None, "", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})")) from None
    if "\x00" in text:
        raise ValueError(Problem(file, None, None, "", "contains NUL bytes: not a text file"))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as fast:
        exc = _pure_error(text) or fast
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        at_line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        if "\t" in at_line[: (mark.column + 1) if mark else 0] or "tab" in str(what).lower():
            what += " (a tab: YAML indentation must use spaces)"
        where = f" at line {line}, column {column}" if line else ""
        raise ValueError(Problem(file, line, column, "", f"YAML syntax error{where}: {what}")) from None
    except yaml.YAMLError as exc:
        raise ValueError(Problem(file, None, None, "", f"YAML error: {exc}")) from None
    except RecursionError:
        raise ValueError(Problem(file, None, None, "", f"nested deeper than {MAX_DEPTH} levels")) from None
    if node is None:
        return None, {}
    marks: Marks = {}
    budget = [MAX_NODES]
    try:
        data = _build(node, (), marks if positions else None, budget, _Loader(""))
    except _Refused as exc:
        raise ValueError(Problem(file, exc.line, exc.column, "", exc.message)) from None
    return data, marks


def _pure_error(text: str) -> yaml.MarkedYAMLError | None:
    """The pure-Python parser's account of a syntax error.

    libyaml words errors its own way; asking the pure parser again (errors
    are rare) gives the same message with or without libyaml, so the
    Recommend page (PyYAML without libyaml, under Pyodide) says what the CLI says.
    """
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        return exc
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def _build(node: yaml.Node, path: Path, marks: Marks | None, budget: list[int], loader: Any) -> Any:
    budget[0] -= 1
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if budget[0] < 0:
        raise _Refused(line, column, f"more than {MAX_NODES} values (an alias bomb?); refusing to expand it")
    if len(path) > MAX_DEPTH:
        raise _Refused(line, column, f"nested deeper than {MAX_DEPTH} levels")
    if marks is not None:
        marks.setdefault(path, (line, column))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, line, column, loader)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _Refused(line, column, _tag_refused(node.tag))
        return [_build(child, (*path, i), marks, budget, loader) for i, child in enumerate(node.value)]
    if node.tag != "tag:yaml.org,2002:map":
        raise _Refused(line, column, _tag_refused(node.tag))
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Refused(line, column, "merge keys (<<) are not supported; write the values out")
        key = _build(key_node, (*path, "<key>"), None, budget, loader)
        if isinstance(key, (list, dict)):
            raise _Refused(key_node.start_mark.line + 1, key_node.start_mark.column + 1, "a key must be a plain word")
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            raise _Refused(key_node.start_mark.line + 1, key_node.start_mark.column + 1, f"key {key!r} appears twice")
        if marks is not None:
            marks[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[key] = _build(value_node, (*path, key), marks, budget, loader)
    return result


def _scalar(node: yaml.ScalarNode, line: int, column: int, loader: Any) -> Any:
    """A plain value: text, a bounded finite number, true/false or null; a date stays its text.

    An explicit core tag must fit its value (`!!bool maybe` is refused, not
    guessed); `!!str` makes any value text.
    """
    tag, text = node.tag, node.value
    if tag == _STR:  # the common case, without the constructor's overhead
        return sys.intern(text) if len(text) <= WORD else text
    if tag not in _PLAIN_TAGS:
        raise _Refused(line, column, _tag_refused(tag))
    implicit = loader.resolve(yaml.ScalarNode, text, (True, False))
    if implicit != tag and not (tag == _FLOAT and implicit == _INT):
        raise _Refused(line, column, f"{cut(text)!r} is not {_NAMES[tag]}, as its tag {_short(tag)} says")
    if tag == _TIMESTAMP:
        return text
    if tag in (_INT, _FLOAT) and len(text) > MAX_NUMBER_TEXT:
        raise _Refused(line, column, f"the number {cut(text)} is {len(text)} characters long; "
                                     "numbers here have at most 18 digits")
    value = loader.construct_object(node, deep=False)
    if tag == _FLOAT and value != value or value in (float("inf"), float("-inf")):
        raise _Refused(line, column, f"{text!r} is not a finite number")
    if tag in (_INT, _FLOAT) and abs(value) >= MAX_NUMBER:
        raise _Refused(line, column, f"the number {text} is too large; numbers here have at most 18 digits")
    return value


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _tag_refused(tag: str) -> str:
    return (f"the tag {cut(_short(tag))} is not allowed; only plain values are "
            "(text, numbers, true/false, null, lists and mappings)")


def locate(marks: Marks, path: Path) -> tuple[int | None, int | None]:
    """The position of the longest prefix of path that has one."""
    for end in range(len(path), -1, -1):
        found = marks.get(tuple(path[:end]))
        if found:
            return found
    return None, None
