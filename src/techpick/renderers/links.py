"""Links to the site page of a technology: `<base>/tech/<id>/`.

The default base is the relative path `site`, which resolves when a document
sits next to a built copy of the site; teams that publish the site pass its
address (`--site-url https://...` or TECHPICK_SITE_URL).
"""

from __future__ import annotations

DEFAULT_SITE_URL = "site"


def tech_url(tech_id: str, base: str = DEFAULT_SITE_URL) -> str:
    return f"{base.rstrip('/')}/tech/{tech_id}/"


def md_link(name: str, tech_id: str, base: str = DEFAULT_SITE_URL) -> str:
    """A Markdown link whose text cannot break out of the brackets."""
    text = name.replace("[", "(").replace("]", ")")
    return f"[{text}]({tech_url(tech_id, base)})"
