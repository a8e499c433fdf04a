"""techpick: technology selection as code.

Load a catalog, state requirements, and get one or two blocks per need::

    from techpick import load_catalog, load_requirements
    from techpick.graph import build_graph
    from techpick.recommend import recommend
    catalog = load_catalog()
    reqs = load_requirements(Path("examples/oltp-web-app.yaml"), catalog)
    result = recommend(build_graph(catalog), reqs)
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing itself is not imported: `techpick --help` stays quick
if TYPE_CHECKING:
    from techpick.catalog import Catalog
    from techpick.errors import InputError, Problem, TechpickError
    from techpick.loader import load_catalog, load_requirements
    from techpick.models import Technology, Vocabulary
    from techpick.requirements import Requirements

# Imported on first use, so that `techpick --help` does not pay for pydantic.
_HOMES = {
    "Catalog": "techpick.catalog",
    "InputError": "techpick.errors",
    "Problem": "techpick.errors",
    "Requirements": "techpick.requirements",
    "Technology": "techpick.models",
    "TechpickError": "techpick.errors",
    "Vocabulary": "techpick.models",
    "load_catalog": "techpick.loader",
    "load_requirements": "techpick.loader",
}


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'techpick' has no attribute {name!r}")


__all__ = [
    "Catalog",
    "InputError",
    "Problem",
    "Requirements",
    "Technology",
    "TechpickError",
    "Vocabulary",
    "load_catalog",
    "load_requirements",
]
