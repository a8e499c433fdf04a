"""The Python runtime of the Recommend page: Pyodide and the wheels techpick
needs under it, fetched once with the registries' own clients and cached.

Pyodide comes from the npm registry (`npm pack`, checked against the pinned
sha512 integrity); pydantic, pydantic-core for Pyodide's ABI, their pure
dependencies and networkx come from PyPI (`pip download --require-hashes`);
PyYAML is built from its pinned sdist as a pure-Python wheel. Pyodide's
Python version and ABI and the pydantic-core build are pinned together here:
change one, change them all. A fetched runtime is kept in a cache folder
(`--engine-cache`, TECHPICK_ENGINE_CACHE, or the user's cache directory) and
reused, after its files are checked against the manifest written with it.
Every wheel gets Pyodide's own bytecode (pycompile.mjs, run in the pinned
Pyodide under Node.js), so the page imports without compiling.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from techpick.errors import SiteError
from techpick.userdirs import cache_dir

PYODIDE_VERSION = "314.0.7"
PYODIDE_INTEGRITY = "sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOlD2R1A=="
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
"""The runtime files the page loads; the npm package's source maps, consoles and typings stay out."""
PYTHON_VERSION = "3.14"
"""Pyodide 314's Python; the ABI tag below is the one its pyodide-lock.json names (abi_version 2026_0)."""
PLATFORM = "pyemscripten_2026_0_wasm32"
WHEELS = (
    ("pydantic", "2.14.4", "653a2ad9f6d8858529c77c72717d0ea991d6c6837fe683246b2f4b2bbfc3fadc"),
    ("pydantic-core", "2.50.5", "b2910ec0fa5aeb9bef70156f2b79f4783978fdcfaa7b2f1b5d1814458d2e79a1"),
    ("typing-extensions", "4.16.0", "481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8"),
    ("annotated-types", "0.8.0", "f072f4d804ea359e4eaf198b1af7a8b0943881a87f31bb764f8bf219bb9419e0"),
    ("typing-inspection", "0.4.5", "bc210535442b39e1bf2805e0c7a17dfd6a4ace760c84c7f7d16245d23a6b1c39"),
    ("networkx", "3.6.1", "d47fbf302e7d9cbbb9e2555a0d267983d2aa476bac30e90dfbe5669bd57f3762"),
)
"""(name, exact version, sha256 of the wheel): pydantic pins pydantic-core exactly."""
PYYAML_SDIST = ("pyyaml", "6.0.4", "e24bf71af8a432d7808fabff134d38dfe16d3cbb41f2873bb4b1e42422de0a1a")
"""Built without libyaml (PYYAML_FORCE_LIBYAML=0): the wheel is pure Python and runs under Pyodide."""
BYTECODE = "pyc-1"
"""The bytecode step's version, part of the cache key: a change to it refetches."""
PYCOMPILE = Path(__file__).resolve().parent / "pycompile.mjs"
MANIFEST = "runtime.json"
TIMEOUT = 600
NO_ENGINE = "or build without the in-browser engine: --no-browser-engine (the Recommend page then says how " \
            "to run `techpick recommend`)"


@dataclass(frozen=True)
class Runtime:
    """A complete, checked runtime in the cache: pyodide/<file> and wheels/<file>."""

    root: Path
    pyodide: tuple[str, ...]
    wheels: tuple[str, ...]

    def files(self) -> dict[str, Path]:
        """Relative path in the site -> the cached file."""
        found = {f"pyodide/{name}": self.root / "pyodide" / name for name in self.pyodide}
        found.update({f"wheels/{name}": self.root / "wheels" / name for name in self.wheels})
        return found


def pins_key() -> str:
    """A short digest of every pin: a new pin gets a new cache folder, never a mixed one."""
    pins = json.dumps([PYODIDE_VERSION, PYODIDE_INTEGRITY, PYTHON_VERSION, PLATFORM, WHEELS, PYYAML_SDIST, BYTECODE])
    return hashlib.sha256(pins.encode()).hexdigest()[:12]


def default_cache_dir() -> Path:
    """TECHPICK_ENGINE_CACHE, else engine/ in techpick's cache folder (XDG_CACHE_HOME or ~/.cache)."""
    env = os.environ.get("TECHPICK_ENGINE_CACHE")
    return Path(env) if env else cache_dir() / "engine"


def runtime(cache_dir: Path | None = None) -> Runtime:
    """The cached runtime for the current pins, fetched first when it is missing or damaged."""
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    root = cache / f"pyodide-{PYODIDE_VERSION}-{pins_key()}"
    found = _checked(root)
    if found is not None:
        return found
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SiteError(f"--engine-cache {cache}: cannot create it: {exc.strerror or exc}") from None
    with tempfile.TemporaryDirectory(dir=cache, prefix=".fetch-") as tmp:
        staged = Path(tmp) / "runtime"
        _fetch(staged, Path(tmp) / "downloads")
        if root.exists():
            shutil.rmtree(root)
        staged.rename(root)
    fetched = _checked(root)
    assert fetched is not None, "a runtime just fetched fails its own manifest"
    return fetched


def _checked(root: Path) -> Runtime | None:
    """The runtime in root when its manifest lists every file with the right digest, else None."""
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        for relative, digest in manifest["sha256"].items():
            if hashlib.sha256((root / relative).read_bytes()).hexdigest() != digest:
                return None
        return Runtime(root, tuple(manifest["pyodide"]), tuple(manifest["wheels"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _fetch(staged: Path, downloads: Path) -> None:
    """Fetch, check and lay out every runtime file under staged, then write its manifest."""
    (staged / "pyodide").mkdir(parents=True)
    (staged / "wheels").mkdir()
    downloads.mkdir()
    _pyodide(staged / "pyodide", downloads)
    _wheels(staged / "wheels", downloads)
    _pyyaml(staged / "wheels", downloads)
    wheels = sorted((staged / "wheels").iterdir())
    plain = downloads / "plain"
    plain.mkdir()
    for wheel in wheels:
        wheel.rename(plain / wheel.name)
    add_bytecode(staged / "pyodide", [plain / wheel.name for wheel in wheels], staged / "wheels")
    pyodide = sorted(p.name for p in (staged / "pyodide").iterdir())
    wheels = sorted(p.name for p in (staged / "wheels").iterdir())
    digests = {f"{folder}/{name}": hashlib.sha256((staged / folder / name).read_bytes()).hexdigest()
               for folder, names in (("pyodide", pyodide), ("wheels", wheels)) for name in names}
    manifest = {"pyodide_version": PYODIDE_VERSION, "pyodide": pyodide, "wheels": wheels, "sha256": digests}
    (staged / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _run(command: list[str], what: str, env: dict[str, str] | None = None, network: bool = True) -> str:
    """Run a registry client (or Node.js); a failure becomes a SiteError that says what did not happen."""
    verb = "fetch" if network else "build"
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                              env={**os.environ, **(env or {})}, check=False)
    except FileNotFoundError:
        raise SiteError(f"cannot {verb} the in-browser engine: {command[0]} is not installed (it is needed for "
                        f"{what}); install it, {NO_ENGINE}") from None
    except subprocess.TimeoutExpired:
        raise SiteError(f"cannot {verb} the in-browser engine: {what} took over {TIMEOUT}s; {NO_ENGINE}") from None
    if done.returncode != 0:
        lines = [line[:500] for line in done.stderr.splitlines() if line.strip() and "is ignored" not in line]
        detail = "\n  ".join(lines[-4:]) or f"exit status {done.returncode}"
        hint = "Check that the registries (npm and PyPI) can be reached, " if network else "Check Node.js, "
        raise SiteError(f"cannot {verb} the in-browser engine: {what} failed:\n  {detail}\n{hint}{NO_ENGINE}")
    return done.stdout


def run_node(args: list[str], what: str) -> str:
    """Run a build script under Node.js (in the pinned Pyodide); a failure is a SiteError saying what."""
    return _run(["node", *args], what, network=False)


def add_bytecode(pyodide: Path, wheels: list[Path], target: Path) -> None:
    """Copies of the wheels in target, with bytecode compiled by the Pyodide in `pyodide`."""
    run_node([str(PYCOMPILE), str(pyodide), str(target), *map(str, wheels)], "compiling the wheels' bytecode in Pyodide")


def with_bytecode(found: Runtime, name: str, wheel: bytes) -> bytes:
    """A wheel (techpick's own) with Pyodide's bytecode, cached beside the runtime by its digest."""
    cached = found.root / "bytecode" / f"{hashlib.sha256(wheel).hexdigest()[:32]}-{name}"
    if cached.is_file():
        return cached.read_bytes()
    cached.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cached.parent, prefix=".compile-") as tmp:
        source, out = Path(tmp) / "in", Path(tmp) / "out"
        source.mkdir()
        out.mkdir()
        (source / name).write_bytes(wheel)
        add_bytecode(found.root / "pyodide", [source / name], out)
        data = (out / name).read_bytes()
        (out / name).rename(cached)
    for old in sorted(cached.parent.glob(f"*-{name}"), key=lambda p: p.stat().st_mtime)[:-8]:
        old.unlink()  # keep the last few builds' wheels, not every one ever built
    return data


def npm_integrity(data: bytes) -> str:
    """The npm registry's `dist.integrity` form of a tarball: sha512-<base64>."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=\S*\s*$")


def _pyodide(target: Path, downloads: Path) -> None:
    """The npm package `pyodide`, integrity checked; its runtime files without source-map links."""
    spec = f"pyodide@{PYODIDE_VERSION}"
    _run(["npm", "pack", spec, "--pack-destination", str(downloads), "--silent"], f"fetching {spec} from the npm registry",
         {"npm_config_update_notifier": "false", "npm_config_fund": "false"})
    tarball = downloads / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tarball.is_file():
        raise SiteError(f"cannot fetch the in-browser engine: npm pack did not write {tarball.name}")
    got = npm_integrity(tarball.read_bytes())
    if got != PYODIDE_INTEGRITY:
        raise SiteError(f"{spec}: integrity {got} differs from the pinned {PYODIDE_INTEGRITY}; refusing to ship it")
    with tarfile.open(tarball) as archive:
        for name in PYODIDE_FILES:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise SiteError(f"{spec}: the package has no {name}")
            data = member.read()
            if name.endswith(".mjs"):
                data = SOURCE_MAP.sub(b"\n", data)
            (target / name).write_bytes(data)


def _pip(*args: str) -> list[str]:
    return [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "--retries", "1", *args]


def _wheels(target: Path, downloads: Path) -> None:
    """pydantic, pydantic-core for Pyodide's ABI, their dependencies and networkx, hash-checked by pip."""
    pins = downloads / "wheels.txt"
    pins.write_text("".join(f"{name}=={version} --hash=sha256:{sha}\n" for name, version, sha in WHEELS))
    _run(_pip("download", "--quiet", "--no-deps", "--only-binary=:all:", "--require-hashes",
              "--platform", PLATFORM, "--python-version", PYTHON_VERSION, "--implementation", "cp",
              "--abi", f"cp{PYTHON_VERSION.replace('.', '')}", "-r", str(pins), "-d", str(target)),
         "fetching the wheels for Pyodide from PyPI (" + ", ".join(f"{n} {v}" for n, v, _ in WHEELS) + ")")


def _pyyaml(target: Path, downloads: Path) -> None:
    """PyYAML's pinned sdist built as a pure-Python wheel (no libyaml, no C extension)."""
    name, version, sha = PYYAML_SDIST
    pins = downloads / "pyyaml.txt"
    pins.write_text(f"{name}=={version} --hash=sha256:{sha}\n")
    built = downloads / "pyyaml"
    _run(_pip("wheel", "--quiet", "--no-deps", "--no-binary", name, "--require-hashes", "-r", str(pins),
              "-w", str(built)), f"fetching PyYAML {version} (sdist from PyPI, built as pure Python)",
         {"PYYAML_FORCE_LIBYAML": "0"})
    wheels = sorted(built.glob("*.whl"))
    if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
        raise SiteError(f"PyYAML {version}: expected one pure-Python wheel, got {[w.name for w in wheels]}")
    shutil.copy2(wheels[0], target / wheels[0].name)
