"""The commented mkdocs.yml and its navigation, generated from the vocabulary and the
knowledge base.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Mapping
from typing import Any

from techpick.catalog import Catalog
from techpick.kb import title_of
from techpick.radar import Radar
from techpick.site_common import DOCS, area_page, as_title, role_page
from techpick.site_exports import PAGE as DOWNLOADS
from techpick.site_radar import MATURITY_PAGE, TEAM_PAGE

CONFIG = """\
# The techpick docs site, built by Material for MkDocs (`mkdocs<2`) or Zensical.
#
# Every page is generated from the catalog and the knowledge base by
# `techpick site build --out DIR` (src/techpick/sitegen.py): it writes
# DIR/docs, DIR/mkdocs.yml (this text plus a generated `nav`) and builds
# DIR/site. Nothing generated is committed. The repository's own mkdocs.yml is
# this text without `nav` (MkDocs then lays the navigation out by folder), for
# `mkdocs build` or `mkdocs serve` after `techpick site build`; the usual way
# to work on the site is `techpick site serve`.
#
# No MkDocs hooks and no plugins beyond Material's built-in search, so
# Zensical can build the generated folder too.

# ---- Project ------------------------------------------------------------------
site_name: techpick
site_description: >-
  A sourced catalog of data and deployment technologies: what each block is
  for, what it costs to run, and how to choose between neighbours.
docs_dir: {docs_dir}
site_dir: {site_dir}
use_directory_urls: true      # technology pages live at tech/<id>/
strict: true                  # any warning (a broken link, a missing page) fails the build

# ---- Theme --------------------------------------------------------------------
theme:
  name: material
  language: en
  font: false                 # system fonts: the site loads nothing from outside
  features:
    - navigation.tabs         # one tab per part: technologies, find, knowledge base, reference
    - navigation.sections
    - navigation.top
    - search.suggest
    - search.highlight
    - content.code.copy
    - toc.follow
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: teal
      toggle: {{icon: material/brightness-4, name: Dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: teal
      toggle: {{icon: material/brightness-7, name: Light mode}}
  icon:
    logo: material/puzzle-outline

# ---- Search -------------------------------------------------------------------
# Material's built-in search, in English and Russian (lunr's stemmers). Technology
# pages carry their names, aliases, keywords, roles, data models and native
# capabilities (with their Russian names and synonyms) as tags, the most heavily
# weighted field, and a page boost in their front matter (lower for retired and
# archived entries); role pages carry their role's words. The build puts
# assets/search-typos.js in front of the search worker: a query word the index
# does not know becomes the nearest one it does ("elastcsearch").
plugins:
  - search:
      lang: [en, ru]

# ---- Markdown -----------------------------------------------------------------
markdown_extensions:
  - admonition                # status warnings on retired or unmaintained technologies
  - attr_list
  - md_in_html                # the cards on the home page
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences:
      custom_fences:          # neighbourhood diagrams, rendered by Material's Mermaid support
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format

# ---- Browser code -------------------------------------------------------------
# Hand-written sources from site/assets: the filter and recommendation pages
# read index.json, which the build writes from the catalog. The build puts the
# pinned Mermaid into assets/ (techpick.mermaidjs); listed here, Material draws
# the diagrams with it instead of fetching Mermaid from a CDN. search-a11y.js
# names the search dialog and announces its result count.
extra_css:
  - assets/techpick.css
  - assets/tables.css         # sortable wide tables, the capability matrix, the radar
extra_javascript:
  - assets/mermaid.min.js
  - assets/techpick.js
  - assets/compare.js
  - assets/search-a11y.js
  - assets/tables.js          # sort buttons and scroll hints on wide tables, the matrix filter
  - assets/cite.js            # the citation card on technology pages names the site it is read on

# ---- Checks -------------------------------------------------------------------
validation:
  omitted_files: info
  not_found: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
not_in_nav: |
  /tech/*.md
  /roles/*.md
  /compare.md
"""


def mkdocs_config(docs_dir: str = DOCS, site_dir: str = "site", nav: list[Any] | None = None) -> str:
    """The commented mkdocs.yml; with a nav when one is given (the repository's own has none)."""
    text_out = CONFIG.format(docs_dir=docs_dir, site_dir=site_dir)
    if nav is not None:
        text_out += "\n# ---- Navigation (generated from the vocabulary and the knowledge base) ------------\nnav:\n"
        text_out += "".join(_nav_lines(nav, 1))
    return text_out


def _nav_lines(items: Iterable[Any], depth: int) -> Iterable[str]:
    pad = "  " * depth
    for item in items:
        if isinstance(item, str):
            yield f"{pad}- {json.dumps(item)}\n"
            continue
        (title, value), = item.items()
        if isinstance(value, str):
            yield f"{pad}- {json.dumps(title, ensure_ascii=False)}: {json.dumps(value)}\n"
        else:
            yield f"{pad}- {json.dumps(title, ensure_ascii=False)}:\n"
            yield from _nav_lines(value, depth + 1)


def navigation(catalog: Catalog, kb: Mapping[str, str], team_radar: Radar | None = None) -> list[Any]:
    v = catalog.vocabulary
    areas: list[Any] = []
    for area_id in v.areas:
        roles = [{as_title(r): role_page(r)} for r, d in v.roles.items() if d.area == area_id]
        areas.append({as_title(area_id): [{"Overview": area_page(area_id)}, *roles]})
    kb_nav: list[Any] = ["kb/index.md"]
    folders: dict[str, list[Any]] = {}
    for path in sorted(kb):
        if path == "index.md":
            continue
        entry = {title_of(kb[path], as_title(posixpath.basename(path)[:-3])): f"kb/{path}"}
        folder = posixpath.dirname(path)
        if folder:
            folders.setdefault(folder, []).append(entry)
        else:
            kb_nav.append(entry)
    kb_nav += [{as_title(folder): entries} for folder, entries in sorted(folders.items())]
    return [
        {"Home": "index.md"},
        {"Technologies": [{"All technologies": "tech/index.md"}, {"Capability matrix": "capabilities.md"},
                          {"Radar": MATURITY_PAGE},
                          *([{f"Radar: {team_radar.name}": TEAM_PAGE}] if team_radar else []), *areas]},
        {"Find": "find.md"},
        {"Recommend": "recommend.md"},
        {"Knowledge base": kb_nav},
        {"Reference": [{"Requirements file": "reference/requirements.md"},
                       {"Catalog format": "reference/catalog.md"},
                       {"JSON Schemas": "reference/schemas.md"},
                       {"Downloads": DOWNLOADS}]},
    ]
