"""The one error family of techpick. The library raises these; only the CLI
turns them into messages and exit statuses."""

from __future__ import annotations

from dataclasses import dataclass


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
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class FieldError(ValueError):
    """A model check that knows which field it is about (`needs.1.id`), so the error points there."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path


class InputError(TechpickError):
    """A file a user wrote is wrong; every problem found is reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or 0, p.field, p.message))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found:" if count > 1 else ""
        body = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{head}\n{body}" if head else body)


class BackendError(TechpickError):
    """A graph database could not be reached or holds something unexpected."""


class SiteError(TechpickError):
    """The docs site could not be built: MkDocs is missing or reported a problem."""
