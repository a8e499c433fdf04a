"""The Mermaid script the site's relation diagrams are drawn with, shipped inside the site.

Material for MkDocs fetches Mermaid from a CDN unless the page already has
one; the site must load nothing from outside, so the build puts the pinned
release's `mermaid.min.js` into the site and lists it before Material's own
code. It comes from the npm registry (`npm pack`, checked against the pinned
sha512 integrity) and is kept in techpick's cache folder between builds.
Material draws diagrams with Mermaid 11's API: keep the pin on 11.x.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

from techpick.errors import SiteError
from techpick.files import atomic_write
from techpick.userdirs import cache_dir

MERMAID_VERSION = "11.17.2"
MERMAID_INTEGRITY = "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg=="
ASSET = "assets/mermaid.min.js"
"""Where the script sits in the site (docs/assets/...); mkdocs.yml lists it in extra_javascript."""
TIMEOUT = 600
_SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=\S*\s*$")


def default_cache_dir() -> Path:
    """TECHPICK_MERMAID_CACHE, else mermaid/ in techpick's cache folder."""
    env = os.environ.get("TECHPICK_MERMAID_CACHE")
    return Path(env) if env else cache_dir() / "mermaid"


def mermaid_script(cache: Path | None = None) -> bytes:
    """The pinned `mermaid.min.js` (without its source-map link), fetched once and then read from the cache."""
    folder = Path(cache) if cache is not None else default_cache_dir()
    script = folder / f"mermaid-{MERMAID_VERSION}.min.js"
    digest = folder / f"mermaid-{MERMAID_VERSION}.min.js.sha256"
    try:
        data = script.read_bytes()
        if hashlib.sha256(data).hexdigest() == digest.read_text(encoding="ascii").strip():
            return data
    except OSError:
        pass
    data = _fetch()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(script, data)
        atomic_write(digest, hashlib.sha256(data).hexdigest() + "\n")
    except (OSError, SiteError):
        pass  # an unwritable cache only means fetching again next time
    return data


def _fetch() -> bytes:
    """npm pack the pinned release into a temporary folder, check its integrity, take dist/mermaid.min.js."""
    from techpick.runtime import npm_integrity

    spec = f"mermaid@{MERMAID_VERSION}"
    with tempfile.TemporaryDirectory(prefix="techpick-mermaid-") as tmp:
        try:
            done = subprocess.run(["npm", "pack", spec, "--pack-destination", tmp, "--silent"],
                                  capture_output=True, text=True, timeout=TIMEOUT, check=False,
                                  env={**os.environ, "npm_config_update_notifier": "false", "npm_config_fund": "false"})
        except FileNotFoundError:
            raise SiteError(f"cannot fetch {spec} for the site's diagrams: npm is not installed; install it") from None
        except subprocess.TimeoutExpired:
            raise SiteError(f"cannot fetch {spec} for the site's diagrams: npm took over {TIMEOUT}s") from None
        tarball = Path(tmp) / f"mermaid-{MERMAID_VERSION}.tgz"
        if done.returncode != 0 or not tarball.is_file():
            detail = " ".join(done.stderr.split()[-30:]) or f"exit status {done.returncode}"
            raise SiteError(f"cannot fetch {spec} for the site's diagrams from the npm registry: {detail}")
        raw = tarball.read_bytes()
        if npm_integrity(raw) != MERMAID_INTEGRITY:
            raise SiteError(f"{spec}: integrity {npm_integrity(raw)} differs from the pinned {MERMAID_INTEGRITY}; "
                            "refusing to ship it")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/dist/mermaid.min.js")
            if member is None:
                raise SiteError(f"{spec}: the package has no dist/mermaid.min.js")
            return _SOURCE_MAP.sub(b"\n", member.read())
