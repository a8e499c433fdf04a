"""JSON Schemas generated from the pydantic models, for editors and the site."""

from __future__ import annotations

from typing import Any

from techpick.models import Technology, Vocabulary
from techpick.requirements import Requirements

MODELS = {"catalog": Technology, "reqs": Requirements, "vocabulary": Vocabulary}
TITLES = {"catalog": "techpick catalog entry", "reqs": "techpick requirements file (v1)",
          "vocabulary": "techpick vocabulary"}


def json_schema(what: str) -> dict[str, Any]:
    schema = MODELS[what].model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": TITLES[what]}
