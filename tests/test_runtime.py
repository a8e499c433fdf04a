"""The Recommend page's Python runtime: fetched with the registries' own
clients, checked against the pins, cached and reused, and a clear refusal
when the registries cannot be reached."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from techpick import runtime as rt
from techpick.errors import SiteError
from tests.run_cli import run_main

pytestmark = pytest.mark.browser  # the Recommend page's engine: Pyodide, its runtime, Node

UNREACHABLE = {
    "npm_config_registry": "http://127.0.0.1:9/",
    "npm_config_fetch_retries": "0",
    "npm_config_fetch_timeout": "3000",
    "npm_config_cache": "",  # set per test to an empty folder: nothing may come from npm's own cache
    "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
    "PIP_EXTRA_INDEX_URL": "",
    "PIP_FIND_LINKS": "",
    "PIP_NO_CACHE_DIR": "1",
}


@pytest.fixture(scope="module")
def cached() -> rt.Runtime:
    """The runtime in the user's cache (fetched once; later runs reuse it)."""
    return rt.runtime()


def test_the_runtime_holds_the_pinned_pyodide_and_wheels_for_its_abi(cached):
    assert cached.root.name == f"pyodide-{rt.PYODIDE_VERSION}-{rt.pins_key()}"
    assert set(cached.pyodide) == set(rt.PYODIDE_FILES)
    lock = json.loads((cached.root / "pyodide" / "pyodide-lock.json").read_text())
    assert f"pyemscripten_{lock['info']['abi_version']}_{lock['info']['arch']}" == rt.PLATFORM
    assert lock["info"]["python"].startswith(rt.PYTHON_VERSION + ".")
    wheels = {name.split("-")[0].lower().replace("_", "-"): name for name in cached.wheels}
    assert wheels["pydantic-core"].endswith(f"-cp314-cp314-{rt.PLATFORM}.whl")
    for name, version, _ in rt.WHEELS:  # pip checked each download against its sha256
        path = cached.root / "wheels" / wheels[name]
        assert f"-{version}-" in path.name
        archive = zipfile.ZipFile(path)
        record = next(n for n in archive.namelist() if n.endswith(".dist-info/RECORD"))
        for line in archive.read(record).decode().splitlines():  # the files as published, untouched
            file, digest, _ = line.rsplit(",", 2)
            if digest:
                algorithm, _, expected = digest.partition("=")
                got = base64.urlsafe_b64encode(hashlib.new(algorithm, archive.read(file)).digest()).rstrip(b"=")
                assert got.decode() == expected, f"{path.name}: {file}"
    # pydantic requires exactly the pinned pydantic-core: the pins move together
    metadata = zipfile.ZipFile(cached.root / "wheels" / wheels["pydantic"]).read(
        f"pydantic-{dict((n, v) for n, v, _ in rt.WHEELS)['pydantic']}.dist-info/METADATA").decode()
    assert f"Requires-Dist: pydantic-core=={dict((n, v) for n, v, _ in rt.WHEELS)['pydantic-core']}" in metadata


def test_every_wheel_carries_pyodides_bytecode(cached):
    for name in cached.wheels:
        names = zipfile.ZipFile(cached.root / "wheels" / name).namelist()
        modules = [n for n in names if n.endswith(".py") and "/tests/" not in n and ".dist-info/" not in n]
        compiled = {n for n in names if n.endswith(".cpython-314.pyc")}
        assert modules and len(compiled) >= len(modules) * 0.9, name
    networkx = zipfile.ZipFile(cached.root / "wheels" / next(n for n in cached.wheels if n.startswith("networkx-")))
    pyc = networkx.read("networkx/__pycache__/__init__.cpython-314.pyc")
    assert int.from_bytes(pyc[4:8], "little") == 0b01, "an unchecked-hash pyc: used whatever the file times"


def test_pyyaml_is_a_pure_python_wheel(cached):
    (pyyaml,) = [n for n in cached.wheels if n.startswith("pyyaml-")]
    assert pyyaml == f"pyyaml-{rt.PYYAML_SDIST[1]}-py3-none-any.whl"
    names = zipfile.ZipFile(cached.root / "wheels" / pyyaml).namelist()
    assert "yaml/__init__.py" in names and not [n for n in names if n.endswith((".so", ".pyd"))]


def test_the_shipped_runtime_files_carry_no_source_map_links(cached):
    for name in cached.pyodide:
        assert b"sourceMappingURL" not in (cached.root / "pyodide" / name).read_bytes()[-2000:], name


def test_a_cached_runtime_is_reused_without_asking_any_registry(cached, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a registry client ran: {args[0]}")

    monkeypatch.setattr(subprocess, "run", refuse)
    assert rt.runtime() == cached


@pytest.mark.slow
def test_a_damaged_cache_is_fetched_again(cached, tmp_path):
    copy = tmp_path / "cache" / cached.root.name
    shutil.copytree(cached.root, copy)
    (copy / "pyodide" / "python_stdlib.zip").write_bytes(b"damaged")
    again = rt.runtime(tmp_path / "cache")
    assert again.root == copy
    assert (copy / "pyodide" / "python_stdlib.zip").read_bytes() == \
        (cached.root / "pyodide" / "python_stdlib.zip").read_bytes()


def test_npm_integrity_is_the_registrys_form():
    assert rt.npm_integrity(b"") == ("sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7k"
                                     "xvUdBeoGlODJ6+SfaPg==")


def test_unreachable_registries_are_a_clear_refusal_and_nothing_is_written(tmp_path, monkeypatch, capsys):
    for key, value in UNREACHABLE.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("npm_config_cache", str(tmp_path / "npm-cache"))
    with pytest.raises(SiteError) as refused:
        rt.runtime(tmp_path / "cache")
    message = str(refused.value)
    assert message.startswith(f"cannot fetch the in-browser engine: fetching pyodide@{rt.PYODIDE_VERSION} from "
                              "the npm registry failed")
    assert "--no-browser-engine" in message
    assert not [p for p in (tmp_path / "cache").iterdir()], "a failed fetch leaves nothing in the cache"

    ran = run_main(capsys, monkeypatch, "site", "build", "--out", str(tmp_path / "out"),
                   "--engine-cache", str(tmp_path / "cache"))
    assert ran.returncode == 2 and ran.stdout == ""
    assert ran.stderr.startswith("techpick: cannot fetch the in-browser engine:") and "--no-browser-engine" in ran.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_npm_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm anywhere
    with pytest.raises(SiteError, match=r"npm is not installed \(it is needed for fetching pyodide@.*--no-browser-engine"):
        rt.runtime(tmp_path / "cache")


def test_the_cache_folder_is_the_users_choice(tmp_path, monkeypatch):
    monkeypatch.setenv("TECHPICK_ENGINE_CACHE", str(tmp_path / "mine"))
    assert rt.default_cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("TECHPICK_ENGINE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert rt.default_cache_dir() == tmp_path / "xdg" / "techpick" / "engine"


def test_a_site_without_the_engine_fetches_nothing(tmp_path, capsys, monkeypatch):
    from techpick.mermaidjs import mermaid_script

    mermaid_script()  # the diagrams' script is fetched once into the cache, as any earlier build would have
    monkeypatch.setenv("PATH", str(tmp_path))  # from here on neither npm nor a registry is needed
    ran = run_main(capsys, monkeypatch, "site", "build", "--out", str(tmp_path / "out"), "--no-browser-engine")
    assert ran.returncode == 0, ran.stderr
    assert not (tmp_path / "out" / "site" / "engine").exists()
    assert (tmp_path / "out" / "site" / "recommend" / "index.html").is_file()
