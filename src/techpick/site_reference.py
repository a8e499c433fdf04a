"""The reference pages, written from the pydantic models and the vocabulary so that they
cannot drift from what the tool accepts: the requirements file, the catalog
format and the published JSON Schemas.
"""

from __future__ import annotations

import json
from typing import Any

from techpick.catalog import Catalog
from techpick.schemas import json_schema
from techpick.site_common import as_title, attr, front_matter, rel, role_page, text
from techpick.units import LATENCY_FORM, THROUGHPUT_FORM, VOLUME_FORM

SCHEMA_FILES = {"reqs": "reqs", "catalog": "technology", "vocabulary": "vocabulary"}
"""`techpick schema <what>` -> the published file `schemas/<name>.schema.json`."""


def _schema_rows(schema: dict[str, Any], name: str) -> list[str]:
    defs = schema.get("$defs", {})
    model = schema if name == "" else defs[name]
    required = set(model.get("required", []))
    rows = ["| field | type | required | default | meaning |", "| --- | --- | --- | --- | --- |"]
    for field, spec in model.get("properties", {}).items():
        default = json.dumps(spec["default"]) if "default" in spec and spec["default"] not in ([], {}) else ""
        rows.append(f"| `{field}` | {text(_type(spec, defs))} | {'yes' if field in required else ''} | "
                    f"{text(default)} | {text(spec.get('description', ''))} |")
    return rows + [""]


def _type(spec: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in spec:
        target = defs.get(spec["$ref"].rsplit("/", 1)[-1], {})
        if "enum" in target:
            return " | ".join(str(e) for e in target["enum"])
        return spec["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in spec:
        return " | ".join(_type(s, defs) for s in spec["anyOf"] if s.get("type") != "null") + " (or null)"
    if "enum" in spec:
        return " | ".join(str(e) for e in spec["enum"])
    if "const" in spec:
        return json.dumps(spec["const"])
    if spec.get("type") == "array":
        return f"list of {_type(spec.get('items', {}), defs)}"
    if spec.get("type") == "object":
        return "mapping"
    return str(spec.get("type", "any"))


REQS_EXAMPLE = """\
# yaml-language-server: $schema={schema}
version: 1
name: Online shop back end
constraints:
  license: open-source        # any | open-source | permissive
  hosting: self-hosted        # any | self-hosted | managed
context:
  existing: [postgresql]      # reused when they fit
  skills: [python, sql]
  team_size: 4
needs:
  - id: orders-db
    role: storage
    data_model: relational
    access: [transactions, joins]
    latency: 10ms
    volume: 200GB
    throughput: 2k/s
    availability: high
"""


def requirements_reference(catalog: Catalog) -> str:
    """The requirements-file reference, written from the pydantic models and the vocabulary."""
    page = "reference/requirements.md"
    schema = json_schema("reqs")
    v = catalog.vocabulary
    out = [front_matter(title="Requirements file"), "# The requirements file (version 1)\n",
           "A requirements file states what the blocks must do before any block is named. `techpick recommend "
           "--req FILE` reads it and answers with one or two technologies per need. This page is generated from "
           "the models that validate the file, so it cannot drift from what the tool accepts.\n",
           "```yaml", REQS_EXAMPLE.format(schema="https://YOUR-SITE/schemas/reqs.schema.json").rstrip(), "```\n",
           f"Editors that speak the YAML language server validate and complete the file when its first line names "
           f"the [JSON Schema]({rel(page, 'reference/schemas.md')}).\n",
           "## Top level\n", *_schema_rows(schema, ""),
           "## `constraints`\n", "Apply to every need; a need's own `constraints` override them.\n",
           *_schema_rows(schema, "Constraints"),
           "## `context`\n", "What the team already has; it counts in favour of what fits.\n",
           *_schema_rows(schema, "Context"),
           "## `needs[]`\n", "One block to choose. `access` and `features` are hard requirements: a technology "
           "that lacks one is rejected. `prefer` only ranks.\n", *_schema_rows(schema, "Need"),
           "## Quantities\n", "| field | form |\n| --- | --- |",
           f"| `latency` | {text(LATENCY_FORM)} |", f"| `volume` | {text(VOLUME_FORM)} |",
           f"| `throughput` | {text(THROUGHPUT_FORM)} |", "",
           "## Words the catalog defines\n",
           f"**Roles** ({len(v.roles)}): " + ", ".join(
               f"[`{r}`]({rel(page, role_page(r))})" for r in v.roles) + "\n",
           f"**Data models** ({len(v.data_models)}): " + ", ".join(f"`{m}`" for m in v.data_models) + "\n",
           f"**Capabilities** for `access`, `features` and `prefer` ({len(v.capabilities)}): see the "
           f"[capability matrix]({rel(page, 'capabilities.md')}).\n",
           "**Clouds** for `constraints.cloud`: " + ", ".join(f"`{c}`" for c in v.clouds) + "\n",
           "Technology ids for `existing` and `exclude` are the ids on the technology pages; aliases are accepted "
           "in any case and reported as ids.\n",
           "Words people often write instead are never accepted, but an error names the word meant: " + "; ".join(
               f"{kind.replace('_', ' ')}: " + ", ".join(f"`{said}` → `{word}`" for said, word in sorted(table.items()))
               for kind, table in sorted(v.synonyms.items())) + ".\n",
           "## Start and check a file\n",
           "`techpick init FILE` asks a few questions and writes a commented file with the schema line on top "
           "(`--yes`: a starter without questions). `techpick validate --req FILE...` reports every problem of every "
           "file at once and exits 2; a technology the catalog lacks in `existing` or an unknown skill is a warning "
           "(an error with `--strict`). The repository's `.pre-commit-hooks.yaml` runs the same checks on commit.\n",
           "## What comes back\n",
           "`--format json` prints `version`, `catalog` (size and digest), `needs` (per need: `picks` with "
           "`id`, `name`, `score`, `reasons`, `tradeoffs`; `considered` with `why_not`), `stack` (`components`, "
           "`notes`) and `warnings`. `--format markdown` writes the same for a review document; `--explain` adds "
           "every score term.\n",
           "A file that breaks a rule is refused with its path, line, field, what is accepted and the closest known "
           "word, exit status 2 and nothing on standard output.\n"]
    return "\n".join(out)


def catalog_reference(catalog: Catalog) -> str:
    """The catalog-entry reference: every field of an entry, and the judgement scales."""
    schema = json_schema("catalog")
    v = catalog.vocabulary
    out = [front_matter(title="Catalog format"), "# The catalog format\n",
           "One YAML file per technology, `catalog/<area>/<id>.yaml`, checked by `techpick validate` against the "
           "models below and the vocabulary. Generated from those models.\n",
           "## Entry\n", *_schema_rows(schema, "")]
    for name in ("License", "Hosting", "ManagedOffer", "Scale", "VolumeRange", "ThroughputRange", "Availability",
                 "Operations", "Status", "Relations", "Source"):
        if name in schema.get("$defs", {}):
            out += [f"## `{name}`\n", *_schema_rows(schema, name)]
    out.append("## Judgement scales\n")
    for scale, levels in v.scales.items():
        out.append(f"**{text(as_title(scale))}**\n")
        out += [f"- `{attr(level)}`: {text(meaning)}" for level, meaning in levels.items()] + [""]
    out.append("## Licences\n")
    out.append("| SPDX | kind | meaning |\n| --- | --- | --- |")
    out += [f"| `{attr(spdx)}` | {text(d.kind)} | {text(d.meaning)} |" for spdx, d in v.licenses.items()]
    out.append("")
    return "\n".join(out)


def schemas_page() -> str:
    page = "reference/schemas.md"
    out = [front_matter(title="JSON Schemas"), "# JSON Schemas\n",
           "Published at stable URLs so that editors validate and complete the files as you type. Put the URL on "
           "the first line of a YAML file:\n",
           "```yaml", "# yaml-language-server: $schema=https://YOUR-SITE/schemas/reqs.schema.json", "```\n",
           "| file | schema | what |", "| --- | --- | --- |"]
    what = {"reqs": "a requirements file", "technology": "a catalog entry", "vocabulary": "the vocabulary"}
    for name in SCHEMA_FILES.values():
        out.append(f"| {what[name]} | [`schemas/{name}.schema.json`]({rel(page, f'schemas/{name}.schema.json')}) | "
                   f"JSON Schema 2020-12 |")
    out.append("\nThe same schemas are printed by `techpick schema reqs|catalog|vocabulary`.\n")
    return "\n".join(out)


def schema_files() -> dict[str, str]:
    """The published JSON Schemas, `schemas/<name>.schema.json` -> text."""
    return {f"schemas/{name}.schema.json": json.dumps(json_schema(what), indent=2, ensure_ascii=False) + "\n"
            for what, name in SCHEMA_FILES.items()}
