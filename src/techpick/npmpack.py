"""One file of a pinned npm package, fetched once with `npm pack` and kept in techpick's cache folder.

The site ships Mermaid this way (techpick.mermaidjs) and the accessibility
tests inject axe-core this way: a release is named by version and by the
registry's sha512 integrity, so a changed tarball is refused, never used.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from techpick.errors import SiteError
from techpick.files import atomic_write

TIMEOUT = 600


@dataclass(frozen=True)
class NpmFile:
    """A file inside a pinned npm release, and what it is for (said in errors)."""

    package: str
    version: str
    integrity: str
    """The registry's `dist.integrity` of the tarball: sha512-<base64>."""
    member: str
    """The file's path inside the package, e.g. dist/mermaid.min.js."""
    purpose: str

    @property
    def spec(self) -> str:
        return f"{self.package}@{self.version}"


def npm_file(pin: NpmFile, cache: Path) -> bytes:
    """The pinned file, from the cache folder when its recorded digest still matches, else fetched and cached."""
    name = f"{pin.package}-{pin.version}-{Path(pin.member).name}"
    stored, digest = cache / name, cache / f"{name}.sha256"
    try:
        data = stored.read_bytes()
        if hashlib.sha256(data).hexdigest() == digest.read_text(encoding="ascii").strip():
            return data
    except OSError:
        pass
    data = fetch(pin)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        atomic_write(stored, data)
        atomic_write(digest, hashlib.sha256(data).hexdigest() + "\n")
    except (OSError, SiteError):
        pass  # an unwritable cache only means fetching again next time
    return data


def fetch(pin: NpmFile) -> bytes:
    """npm pack the pinned release into a temporary folder, check its integrity, read the one file."""
    from techpick.runtime import npm_integrity

    why = f"cannot fetch {pin.spec} for {pin.purpose}"
    with tempfile.TemporaryDirectory(prefix="techpick-npm-") as tmp:
        try:
            done = subprocess.run(["npm", "pack", pin.spec, "--pack-destination", tmp, "--silent"],
                                  capture_output=True, text=True, timeout=TIMEOUT, check=False,
                                  env={**os.environ, "npm_config_update_notifier": "false", "npm_config_fund": "false"})
        except FileNotFoundError:
            raise SiteError(f"{why}: npm is not installed; install it") from None
        except subprocess.TimeoutExpired:
            raise SiteError(f"{why}: npm took over {TIMEOUT}s") from None
        tarball = Path(tmp) / f"{pin.package.lstrip('@').replace('/', '-')}-{pin.version}.tgz"
        if done.returncode != 0 or not tarball.is_file():
            detail = " ".join(done.stderr.split()[-30:]) or f"exit status {done.returncode}"
            raise SiteError(f"{why} from the npm registry: {detail}")
        raw = tarball.read_bytes()
        if npm_integrity(raw) != pin.integrity:
            raise SiteError(f"{pin.spec}: integrity {npm_integrity(raw)} differs from the pinned {pin.integrity}; "
                            "refusing to use it")
        with tarfile.open(tarball) as archive:
            try:
                member = archive.extractfile(f"package/{pin.member}")
            except KeyError:
                member = None
            if member is None:
                raise SiteError(f"{pin.spec}: the package has no {pin.member}")
            return member.read()
