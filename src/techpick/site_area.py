"""The landscape pages: an area with its roles, every technology by area and role, and
the capability matrix.
"""

from __future__ import annotations

from techpick.catalog import Catalog
from techpick.site_common import (
    LEGEND,
    area_page,
    as_title,
    attr,
    caption,
    front_matter,
    rel,
    role_page,
    tech_ref,
    text,
)
from techpick.site_matrix import matrix_page

ROLE_BOOST = 1.5


def area(catalog: Catalog, area_id: str) -> str:
    """An area's page: its roles and the technologies that fill them."""
    page = area_page(area_id)
    v = catalog.vocabulary
    out = [front_matter(title=as_title(area_id), description=attr(v.areas[area_id].meaning),
                        search={"boost": ROLE_BOOST})]
    out.append(f"# {as_title(area_id)}\n")
    out.append(f"{text(v.areas[area_id].meaning)}\n")
    for role_id, role_def in v.roles.items():
        if role_def.area != area_id:
            continue
        members = catalog.with_role(role_id)
        out.append(f"## [{as_title(role_id)}]({rel(page, role_page(role_id))})\n")
        out.append(f"{text(role_def.meaning)}\n")
        if members:
            out.append(", ".join(tech_ref(page, t) for t in members) + "\n")
        else:
            out.append("No technology in this role yet.\n")
    out.append(caption(catalog))
    return "\n".join(out)


def technologies_index(catalog: Catalog) -> str:
    """Every technology, by area and role: the landscape."""
    page = "tech/index.md"
    v = catalog.vocabulary
    out = [front_matter(title="Technologies", search={"boost": ROLE_BOOST}), "# Technologies\n",
           f"{len(catalog)} technologies, by area and by the role they fill. A technology that fills several "
           f"roles appears under each. Compare them on the role pages, or narrow them down on "
           f"[Find]({rel(page, 'find.md')}).\n"]
    for area_id, area_def in v.areas.items():
        out.append(f"## [{as_title(area_id)}]({rel(page, area_page(area_id))})\n")
        out.append(f"{text(area_def.meaning)}\n")
        for role_id, role_def in v.roles.items():
            if role_def.area != area_id:
                continue
            members = catalog.with_role(role_id)
            links = ", ".join(tech_ref(page, t) for t in members) or "none yet"
            out.append(f"- **[{as_title(role_id)}]({rel(page, role_page(role_id))})** ({len(members)}): {links}")
        out.append("")
    return "\n".join(out)


def capabilities(catalog: Catalog) -> str:
    """The capability matrix (site_matrix): every technology against every capability, filterable."""
    return matrix_page(catalog, LEGEND, caption(catalog))
