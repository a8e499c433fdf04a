"""(catalog, knowledge base, hand-written site sources) -> the files of the docs site.

Pure: no I/O. `generate` returns relative path -> text for a folder that MkDocs
with Material, or Zensical, builds as it is: `mkdocs.yml` plus `docs/...`.
Nothing here runs inside MkDocs (no hooks, no plugins but Material's search).

This module only puts the pages together; each kind of page has a small module
of its own: site_tech (a technology), site_role (a role's comparison tables),
site_area (areas, the technology index, the capability matrix of site_matrix),
site_home, site_compare, site_kb, site_reference, site_radar, site_exports,
site_index (index.json) and site_config (mkdocs.yml). What they share, escaping,
page paths and facts put into cells, is in site_common.

Every piece of catalog text is escaped on its way into Markdown or HTML
(`site_common.text`, `attr`), so a description that contains markup shows as text.
"""

from __future__ import annotations

from collections.abc import Mapping

from techpick import graph as G
from techpick.catalog import Catalog
from techpick.radar import Radar
from techpick.site_area import area, capabilities, technologies_index
from techpick.site_common import DOCS, area_page, role_page, tech_page
from techpick.site_compare import COMPARE_JSON, compare_json, compare_page
from techpick.site_config import mkdocs_config, navigation
from techpick.site_exports import export_files
from techpick.site_home import home
from techpick.site_index import INDEX_JSON, index_json
from techpick.site_kb import kb_pages
from techpick.site_radar import radar_pages
from techpick.site_reference import catalog_reference, requirements_reference, schema_files, schemas_page
from techpick.site_role import role
from techpick.site_tech import search_boosts, technology


def generate(catalog: Catalog, kb: Mapping[str, str], sources: Mapping[str, str],
             team_radar: Radar | None = None, history: Radar | None = None) -> dict[str, str]:
    """The whole site project: `mkdocs.yml` and `docs/<page>` -> text.

    `kb` maps knowledge-base paths (`guides/storage.md`) to Markdown;
    `sources` maps hand-written site files (`index.md`, `find.md`,
    `recommend.md`, `assets/...`) to their text; `team_radar`, a team's
    radar file already read, gets a page beside the catalog's maturity radar;
    `history`, the catalog's radar at its previous release, marks the maturity
    radar's new and moved entries.
    """
    g = G.build_graph(catalog)
    docs: dict[str, str] = {}
    for name, body in sources.items():
        if name != "index.md":
            docs[name] = body
    docs["index.md"] = home(catalog, sources.get("index.md", "# techpick\n"))
    docs["tech/index.md"] = technologies_index(catalog)
    boosts = search_boosts(catalog)
    for tech in catalog:
        docs[tech_page(tech.id)] = technology(catalog, g, tech, boosts[tech.id])
    for role_id in catalog.vocabulary.roles:
        docs[role_page(role_id)] = role(catalog, role_id)
    for area_id in catalog.vocabulary.areas:
        docs[area_page(area_id)] = area(catalog, area_id)
    docs["capabilities.md"] = capabilities(catalog)
    docs.update(kb_pages(catalog, kb))
    docs["reference/requirements.md"] = requirements_reference(catalog)
    docs["reference/catalog.md"] = catalog_reference(catalog)
    docs["reference/schemas.md"] = schemas_page()
    docs.update(schema_files())
    docs[INDEX_JSON] = index_json(catalog, g)
    docs[COMPARE_JSON] = compare_json(catalog)
    docs["compare.md"] = compare_page()
    docs.update(radar_pages(catalog, team_radar, history))
    docs.update(export_files(catalog))
    files = {f"{DOCS}/{path}": body for path, body in sorted(docs.items())}
    files["mkdocs.yml"] = mkdocs_config(DOCS, "site", navigation(catalog, kb, team_radar))
    return files
