"""The machine-readable decision record embedded in a review.

A review ends with a small YAML block after a marker comment, so that the
Markdown document a team keeps in its repository is also the input of
`techpick check --record`: the decision and its re-check live in one file.
Reading it goes through the same safe YAML reader and strict model as every
other file, with lines counted from the top of the Markdown file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field

from techpick.errors import InputError, Problem
from techpick.files import read_input
from techpick.loader import validate
from techpick.models import Id, Strict
from techpick.yamlsafe import read_yaml

MARKER = "<!-- techpick:decision-record -->"


class DecisionRecord(Strict):
    """What was decided, per need, and against which requirements and catalog."""

    version: Literal[1] = Field(description="the record version; only 1 exists")
    requirements: str | None = Field(None, description="the requirements file the decisions answer")
    catalog: str | None = Field(None, description="digest of the catalog the decisions were taken against")
    date: str | None = Field(None, description="when the decisions were taken")
    decided: dict[Id, Id | None] = Field(description="need id -> the chosen technology id (null: nothing fitted)")


def to_markdown(record: DecisionRecord) -> str:
    """The marker and a fenced YAML block, ready to append to a review."""
    body = yaml.safe_dump(record.model_dump(mode="json", exclude_none=True), sort_keys=False, allow_unicode=True)
    return f"{MARKER}\n```yaml\n{body}```\n"


def read_record(path: Path) -> DecisionRecord:
    """The decision record of a review file; a missing or broken block is refused with its line."""
    label = str(path)
    try:
        text = read_input(path, label, "a review (Markdown) file").decode("utf-8")
    except UnicodeDecodeError:
        raise InputError([Problem(label, None, None, "", "is not UTF-8 text")]) from None
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == MARKER), None)
    if start is None:
        raise InputError([Problem(label, None, None, "", f"no decision record found: expected a line {MARKER} "
                                  "followed by a ```yaml block (write one with `techpick review`)")])
    fence = start + 1
    if fence >= len(lines) or not lines[fence].strip().startswith("```"):
        raise InputError([Problem(label, fence + 1, 1, "", "the decision record marker must be followed by a ```yaml block")])
    end = next((i for i in range(fence + 1, len(lines)) if lines[i].strip().startswith("```")), None)
    if end is None:
        raise InputError([Problem(label, fence + 1, 1, "", "the decision record's ```yaml block is never closed")])
    offset = fence + 1  # lines before the block's first line
    block = "\n".join(lines[fence + 1:end]) + "\n"
    try:
        data, marks = read_yaml(block.encode("utf-8"), label)
    except ValueError as exc:
        problem: Problem = exc.args[0]
        line = problem.line + offset if problem.line is not None else None
        message = problem.message.replace(f"at line {problem.line},", f"at line {line},")
        raise InputError([Problem(label, line, problem.column, problem.field, message)]) from None
    shifted = {path: (line + offset, column) for path, (line, column) in marks.items()}
    if data is None:
        raise InputError([Problem(label, offset + 1, 1, "", "the decision record is empty")])
    return validate(DecisionRecord, data, shifted, label)


SKIPPED_FOLDERS = {"node_modules", "site-packages", "__pycache__"}


def find_records(root: Path) -> list[Path]:
    """Markdown files under root that hold a decision record, sorted; hidden and dependency folders are skipped."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = Path(folder) / name
            try:
                with path.open(encoding="utf-8", errors="replace") as handle:
                    if any(line.strip() == MARKER for line in handle):
                        found.append(path)
            except OSError:
                continue
    return sorted(found)
