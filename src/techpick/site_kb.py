"""The knowledge base on the site: its pages with `tech:<id>` links resolved, and an index
when it has none of its own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from techpick.catalog import Catalog
from techpick.kb import rewrite_links, title_of
from techpick.site_common import as_title, front_matter, rel, tech_page


def kb_pages(catalog: Catalog, pages: Mapping[str, str]) -> dict[str, str]:
    """Knowledge-base pages under kb/, with `tech:<id>` links pointing at the technology pages.

    A link to a technology this catalog lacks (the shipped guides over a
    team's own catalog) keeps its words and loses the link.
    """
    out: dict[str, str] = {}
    for path, body in pages.items():
        page = f"kb/{path}"

        def target(tech_id: str, page: str = page) -> str | None:
            resolved = catalog.resolve(tech_id)
            return rel(page, tech_page(resolved)) if resolved else None

        out[page] = rewrite_links(body, target)
    if "index.md" not in pages:
        out["kb/index.md"] = kb_index(pages)
    return out


def kb_index(pages: Mapping[str, str]) -> str:
    lines = [front_matter(title="Knowledge base"), "# Knowledge base\n",
             "Principles, decision guides and a glossary: how to choose, and why.\n"]
    folders: dict[str, list[str]] = {}
    for path in sorted(pages):
        folders.setdefault(posixpath.dirname(path), []).append(path)
    for folder, paths in sorted(folders.items()):
        if folder:
            lines.append(f"\n## {as_title(posixpath.basename(folder))}\n")
        for path in paths:
            lines.append(f"- [{title_of(pages[path], as_title(posixpath.basename(path)[:-3]))}]({path})")
    return "\n".join(lines) + "\n"
