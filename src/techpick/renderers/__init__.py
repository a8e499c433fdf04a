"""Output formats are a registry: a new format is one module and one line."""

from __future__ import annotations

from collections.abc import Callable

from techpick.recommend import Recommendation
from techpick.renderers import json_out, markdown, text

# (recommendation, explain, title): the title is the requirements' name or file name; markdown heads with it.
Renderer = Callable[[Recommendation, bool, "str | None"], str]

FORMATS: dict[str, Renderer] = {
    "json": json_out.render,
    "markdown": markdown.render,
    "text": text.render,
}
