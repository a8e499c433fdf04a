"""A pinned npm file is read from the cache while its digest matches, and a tarball that is not the pinned one
is refused (techpick.npmpack, used for the site's Mermaid and the accessibility tests' axe-core)."""

from __future__ import annotations

import hashlib

import pytest

from techpick.errors import SiteError
from techpick.npmpack import NpmFile, npm_file
from tests.test_site_a11y import AXE


def test_a_cached_file_is_read_without_npm(tmp_path, monkeypatch):
    (tmp_path / "axe-core-4.14.1-axe.min.js").write_bytes(b"cached axe")
    (tmp_path / "axe-core-4.14.1-axe.min.js.sha256").write_text(hashlib.sha256(b"cached axe").hexdigest() + "\n")
    monkeypatch.setenv("PATH", str(tmp_path / "no-npm-here"))
    assert npm_file(AXE, tmp_path) == b"cached axe"


def test_a_cached_file_that_changed_is_fetched_again_and_a_missing_npm_is_said(tmp_path, monkeypatch):
    (tmp_path / "axe-core-4.14.1-axe.min.js").write_bytes(b"tampered")
    (tmp_path / "axe-core-4.14.1-axe.min.js.sha256").write_text(hashlib.sha256(b"cached axe").hexdigest() + "\n")
    monkeypatch.setenv("PATH", str(tmp_path / "no-npm-here"))
    with pytest.raises(SiteError, match=r"cannot fetch axe-core@4\.14\.1 for the site's accessibility tests: "
                                        r"npm is not installed"):
        npm_file(AXE, tmp_path)


def test_a_tarball_that_is_not_the_pinned_one_is_refused(tmp_path):
    wrong = NpmFile(AXE.package, AXE.version, "sha512-" + "A" * 86 + "==", AXE.member, AXE.purpose)
    with pytest.raises(SiteError, match="differs from the pinned sha512-AAAA.*refusing to use it"):
        npm_file(wrong, tmp_path)
    assert not list(tmp_path.iterdir())  # nothing cached
