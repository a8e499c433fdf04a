"""The home page: the hand-written text with the catalog's overview put in at its marker."""

from __future__ import annotations

from techpick.catalog import Catalog
from techpick.site_common import area_page, as_title, rel, role_page, text

OVERVIEW_MARKER = "<!-- techpick:overview -->"


def _role_words(catalog: Catalog, role_id: str, area_id: str) -> str:
    """A role's link words on its area's card; a role named like its area would repeat the card's title."""
    return f"All {len(catalog.with_role(role_id))} side by side" if role_id == area_id else as_title(role_id)


def home(catalog: Catalog, source: str) -> str:
    """The hand-written home page with the generated overview put in at its marker."""
    page = "index.md"
    v = catalog.vocabulary
    cards = ['<div class="grid cards" markdown>\n']
    for area_id, area_def in v.areas.items():
        roles = [r for r, d in v.roles.items() if d.area == area_id]
        count = len({t.id for r in roles for t in catalog.with_role(r)})
        cards.append(f"-   **[{as_title(area_id)}]({rel(page, area_page(area_id))})** · {count} technologies\n\n"
                     f"    ---\n\n    {text(area_def.meaning)}\n\n    "
                     + ", ".join(f"[{_role_words(catalog, r, area_id)}]({rel(page, role_page(r))})" for r in roles) + "\n")
    cards.append("</div>\n")
    inactive = [t for t in catalog if t.status.state.value != "active"]
    overview = (f"The catalog holds **{len(catalog)} technologies** in {len(v.roles)} roles, "
                f"{len(v.capabilities)} capabilities and {len(inactive)} technologies marked as no longer "
                f"actively developed.\n\n" + "\n".join(cards))
    body = source if OVERVIEW_MARKER in source else source.rstrip() + "\n\n" + OVERVIEW_MARKER + "\n"
    return body.replace(OVERVIEW_MARKER, overview)
