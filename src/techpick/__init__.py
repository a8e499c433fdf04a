"""techpick: technology selection as code.

Load a catalog, state requirements, and get one or two blocks per need::

    from techpick import load_catalog, load_requirements
    from techpick.graph import build_graph
    from techpick.recommend import recommend
    catalog = load_catalog()
    reqs = load_requirements(Path("examples/oltp-web-app.yaml"), catalog)
    result = recommend(build_graph(catalog), reqs)
"""

from techpick.catalog import Catalog
from techpick.errors import InputError, Problem, TechpickError
from techpick.loader import load_catalog, load_requirements
from techpick.models import Technology, Vocabulary
from techpick.requirements import Requirements

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
