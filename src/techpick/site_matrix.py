"""The capability matrix page: every technology against every capability, the level in each cell.

Pure: catalog in, Markdown with one raw HTML table out. A row per
technology carries its roles and area (`data-roles`, `data-area`) and a
column per capability its id (`data-cap`), so assets/tables.js filters the
rows by role or area and the columns by a capability's words without
reading catalog text into markup. Under the table, each capability's
meaning, at the anchor (`capabilities.md#<id>`) that technology and role
pages link to. Catalog text goes through techpick.escape.
"""

from __future__ import annotations

from techpick.catalog import Catalog
from techpick.escape import html_attr, markdown
from techpick.models import Technology

PAGE = "capabilities.md"
MARK = {"native": "●", "extension": "◑", "partial": "◔"}
ORDER = tuple(MARK)
"""Levels from most to least; a column sorts native first (assets/tables.js reads the value)."""


def _words(value: str) -> str:
    return value.replace("-", " ")[:1].upper() + value.replace("-", " ")[1:]


def _cell(level: str | None) -> str:
    if level is None:
        return "<td></td>"
    return (f'<td><data class="tp-level tp-level--{level}" value="{ORDER.index(level)}" title="{level}">'
            f'{MARK[level]}<span class="tp-sr"> {level}</span></data></td>')


def _row(catalog: Catalog, tech: Technology, caps: list[str]) -> str:
    state = tech.status.state.value
    badge = "" if state == "active" else f' <span class="tp-badge tp-badge--{state}">{state}</span>'
    levels = {cap: level.value for cap, level in tech.capabilities.items()}
    return (f'<tr data-id="{html_attr(tech.id)}" data-area="{html_attr(catalog.area_of(tech))}" '
            f'data-roles="{html_attr(" ".join(tech.roles))}"><th scope="row">'
            f'<a href="../tech/{html_attr(tech.id)}/">{html_attr(tech.name)}</a>{badge}</th>'
            + "".join(_cell(levels.get(cap)) for cap in caps) + "</tr>")


def _filters(catalog: Catalog) -> str:
    """The filter form, hidden until assets/tables.js wires it (without JavaScript the whole table shows)."""
    v = catalog.vocabulary
    options = ['<option value="">every role</option>']
    for area in v.areas:
        roles = [r for r, d in v.roles.items() if d.area == area]
        options.append(f'<optgroup label="{html_attr(_words(area))}">'
                       f'<option value="area:{html_attr(area)}">all of {html_attr(_words(area).lower())}</option>'
                       + "".join(f'<option value="role:{html_attr(r)}">{html_attr(_words(r))}</option>' for r in roles)
                       + "</optgroup>")
    return ('<form id="tp-matrix-filter" class="tp-controls" hidden>'
            '<label class="tp-field"><span>Role or area</span><select name="role">' + "".join(options)
            + '</select></label><label class="tp-field"><span>Capability</span>'
            '<input name="cap" type="search" placeholder="words of a capability" autocomplete="off"></label>'
            '</form><p id="tp-matrix-count" class="tp-count" aria-live="polite"></p>')


def matrix_page(catalog: Catalog, legend: str, caption: str) -> str:
    """capabilities.md: the filterable matrix, then what each capability means, by kind."""
    v = catalog.vocabulary
    caps = sorted(v.capabilities)
    techs = sorted(catalog, key=lambda t: (t.name.lower(), t.id))
    head = "".join(f'<th scope="col" data-cap="{html_attr(c)}" title="{html_attr(v.capabilities[c].meaning)}">'
                   f'<a href="#{html_attr(c)}">{html_attr(c)}</a></th>' for c in caps)
    table = ('<div class="tp-wide tp-matrix" id="tp-matrix" data-search-exclude markdown="0">'
             '<table><thead><tr><th scope="col">technology</th>' + head + "</tr></thead><tbody>"
             + "".join(_row(catalog, t, caps) for t in techs) + "</tbody></table></div>")
    out = ["---", 'title: "Capability matrix"', "search:", "  boost: 1.5", 'hide: ["toc"]', "---", "",
           "# Capability matrix\n",
           f"Every technology against every capability: natively, through an extension, or partly. {legend} "
           "Narrow it to a role or an area, or to the capabilities whose words you type; click a heading to sort "
           "by it. The meaning of each capability follows the table.\n",
           _filters(catalog) + "\n", table + "\n", "## What each capability means\n"]
    for kind in sorted({c.kind for c in v.capabilities.values()}):
        out.append(f"### {_words(kind)}\n")
        out.append("| capability | meaning | offered by |\n| --- | --- | --- |")
        for cap in caps:
            if v.capabilities[cap].kind != kind:
                continue
            counts = [sum(1 for t in catalog if getattr(t.capabilities.get(cap), "value", None) == level)
                      for level in ORDER]
            offered = ", ".join(f"{n} {level}" for n, level in zip(counts, ORDER) if n) or "none yet"
            out.append(f"| **{markdown(cap)}**{{ #{cap} }} | {markdown(v.capabilities[cap].meaning)} | {offered} |")
        out.append("")
    out.append(caption)
    return "\n".join(out)
