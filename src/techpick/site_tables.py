"""Wide tables on the site: a sort key in a cell, a scrolling box around a table.

A role page compares a dozen technologies over eight columns; a phone shows
three of them. The page wraps each such table in a `tp-wide` box (sticky
first column, a hint when it scrolls sideways) and gives the cells whose
words do not sort as text ("5 ms" before "10 ms", "low" before "high") their
value in a `<data value>` element. assets/tables.js makes the headers sort
buttons and reads those values; without JavaScript the table is as written.
"""

from __future__ import annotations

from enum import Enum

WIDE_OPEN = '<div class="tp-wide" markdown="1">\n'
WIDE_CLOSE = "\n</div>\n"


def valued(label: str, value: float | int | None) -> str:
    """A cell's words (already escaped) with the number it sorts by; a missing value sorts by its words."""
    if value is None:
        return label
    return f'<data value="{_number(value)}">{label}</data>'


def ordinal(label: str, member: Enum) -> str:
    """A cell of a judgement scale: sorts in the scale's own order (strong before eventual), not alphabetically."""
    return valued(label, list(type(member)).index(member))


def _number(value: float | int) -> str:
    """A number as short, stable text: `0.005`, `1e+15`, `3`."""
    return repr(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def wide(lines: list[str]) -> list[str]:
    """A Markdown table inside the scrolling box (md_in_html keeps it Markdown)."""
    return [WIDE_OPEN, *lines, WIDE_CLOSE]
