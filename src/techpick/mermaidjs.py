"""The Mermaid script the site's relation diagrams are drawn with, shipped inside the site.

Material for MkDocs fetches Mermaid from a CDN unless the page already has
one; the site must load nothing from outside, so the build puts the pinned
release's `mermaid.min.js` into the site and lists it before Material's own
code. It comes from the npm registry (`npm pack`, checked against the pinned
sha512 integrity) and is kept in techpick's cache folder between builds.
Material draws diagrams with Mermaid 11's API: keep the pin on 11.x.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from techpick.npmpack import NpmFile, npm_file
from techpick.userdirs import cache_dir

MERMAID_VERSION = "11.17.2"
MERMAID_INTEGRITY = "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg=="
MERMAID = NpmFile("mermaid", MERMAID_VERSION, MERMAID_INTEGRITY, "dist/mermaid.min.js", "the site's diagrams")
ASSET = "assets/mermaid.min.js"
"""Where the script sits in the site (docs/assets/...); mkdocs.yml lists it in extra_javascript."""
_SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=\S*\s*$")


def default_cache_dir() -> Path:
    """TECHPICK_MERMAID_CACHE, else mermaid/ in techpick's cache folder."""
    env = os.environ.get("TECHPICK_MERMAID_CACHE")
    return Path(env) if env else cache_dir() / "mermaid"


def mermaid_script(cache: Path | None = None) -> bytes:
    """The pinned `mermaid.min.js` without its source-map link (the map is not shipped)."""
    return _SOURCE_MAP.sub(b"\n", npm_file(MERMAID, Path(cache) if cache is not None else default_cache_dir()))
