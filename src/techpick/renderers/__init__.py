"""Output formats are a registry: a new format is one module and one line."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from techpick.recommend import Recommendation

# (recommendation, explain, title): the title is the requirements' name or file name; markdown heads with it.
Renderer = Callable[[Recommendation, bool, "str | None"], str]


def _on_first_use(module: str) -> Renderer:
    """The `render` of techpick.renderers.<module>, imported when first called: JSON output never
    loads Markdown's escaping (and its imports) at start-up."""

    def render(rec: Recommendation, explain: bool = False, title: str | None = None) -> str:
        return str(import_module(f"techpick.renderers.{module}").render(rec, explain, title))

    return render


FORMATS: dict[str, Renderer] = {
    "json": _on_first_use("json_out"),
    "markdown": _on_first_use("markdown"),
    "text": _on_first_use("text"),
}
