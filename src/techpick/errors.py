"""The one error family of techpick. The library raises these; only the CLI
turns them into messages and exit statuses."""

from __future__ import annotations

import re
from dataclasses import dataclass


MAX_SHOWN = 20  # problems printed in one message; the rest are counted
_QUOTED = re.compile(r"""(['"])([^'"\s]{61,})\1""")  # a long quoted word
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")  # would break or hide a line


def cut(text: str, limit: int = 60) -> str:
    """Text as shown in a message: at most `limit` characters, the rest replaced by an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class TechpickError(Exception):
    """Anything techpick refuses to do, with a message meant for a person."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, located as precisely as we can."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {_printable(cut(self.field, 80))}:" if self.field else ""
        message = _QUOTED.sub(lambda m: m[1] + cut(m[2]) + m[1], _printable(self.message))  # a long word, cut
        return f"{where}:{field} {message}"


def _printable(text: str) -> str:
    """One line whatever a file held: control characters and line separators written as \\uXXXX."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


class FieldError(ValueError):
    """A model check that knows which field it is about (`needs.1.id`), so the error points there."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path


class Ordered(list[Problem]):
    """Problems already distinct and in file order (see `ordered`): a file may hold 100,000 of them,
    and sorting them once is enough."""


def ordered(problems: list[Problem]) -> Ordered:
    """Distinct problems by file, line, column, field and message (an unknown line or column first)."""
    by_key = {(p.file, p.line or 0, p.column or 0, p.field, p.message, p.line is not None, p.column is not None): p
              for p in problems}  # one key per problem, compared in C: twice as fast as a set and a sort key
    return Ordered(by_key[key] for key in sorted(by_key))


class InputError(TechpickError):
    """A file a user wrote is wrong; every problem found is reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems if isinstance(problems, Ordered) else ordered(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found:" if count > 1 else ""
        super().__init__(f"{head}\n{listed(self.problems)}" if head else listed(self.problems))


def listed(problems: list[Problem], prefix: str = "") -> str:
    """One line per problem, at most MAX_SHOWN of them, then how many more there are."""
    lines = [f"{prefix}{p}" for p in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append(f"{prefix}... and {len(problems) - MAX_SHOWN} more")
    return "\n".join(lines)


class BackendError(TechpickError):
    """A graph database could not be reached or holds something unexpected."""


class SiteError(TechpickError):
    """The docs site could not be built: MkDocs is missing or reported a problem."""
