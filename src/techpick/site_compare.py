"""The compare page and the data it reads: every technology's value on every dimension of
`techpick compare` (compare.site_data), so the page words nothing itself.
"""

from __future__ import annotations

import json

from techpick.catalog import Catalog
from techpick.compare import site_data
from techpick.site_common import front_matter

COMPARE_JSON = "compare.json"


def compare_page() -> str:
    """The compare page: assets/compare.js puts the technologies named in its address side by side
    from compare.json, the values `techpick compare` prints."""
    return "\n".join([
        front_matter(title="Compare", description="Technologies side by side, differences first.",
                     search={"exclude": True}, hide=["navigation", "toc"]),
        "# Compare\n",
        "Tick two to five technologies on [Find](find.md) or on a role page, then open *Compare*. "
        "The rows where they differ come first; the address holds the choice, so the page can be shared. "
        "The same table in a terminal: `techpick compare kafka rabbitmq pulsar`.\n",
        '<div id="tp-compare" class="tp-app" markdown="0">',
        "<noscript>This page needs JavaScript; <code>techpick compare</code> prints the same table.</noscript>",
        "</div>\n",
    ])


def compare_json(catalog: Catalog) -> str:
    """compare.json: compare.site_data as compact, sorted JSON, the same bytes for the same catalog."""
    return json.dumps(site_data(catalog), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
