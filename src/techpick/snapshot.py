"""The Recommend page's start-up image: Pyodide's memory, made at build time,
with techpick and its dependencies imported, the catalog read and the graph
built, so that the page restores it instead of starting Python, installing
the wheels, importing and reading (most of the time to the first answer).

The image holds the modules already imported; the packages' files also ship
as one zip on Python's path (packages.zip), for anything a later run imports.
Compiled extension modules (pydantic-core's) cannot live in the image alone:
the page loads them again, before Python starts, from the files shipped
beside it (snapshot.mjs explains why the addresses match). Pyodide refuses an
image made by another build of itself; the page then starts the usual way.

The image depends on every byte of the runtime, the wheels and the catalog,
and is cached beside the runtime under their digest, since making it takes
Python's whole start-up under Node.js.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import tempfile
import zipfile
from pathlib import Path

from techpick.runtime import PYTHON_VERSION, Runtime, run_node

SCRIPT = Path(__file__).resolve().with_name("snapshot.mjs")
FOLDER = "snapshot"
"""The engine folder's sub-folder of the image, the packages zip and the extension modules."""
IMAGE = "python.img"
PACKAGES = "packages.zip"
PACKAGES_PATH = "/lib/techpick-packages.zip"
"""Where the packages zip sits in Pyodide's file system (on sys.path): the same when made and restored."""
SITE_PACKAGES = f"/lib/python{PYTHON_VERSION}/site-packages"
KEEP = 4
WARM = [
    {"name": "reqs.yaml", "explain": True, "text": (
        "version: 1\nname: warm-up\nconstraints:\n  license: open-source\ncontext:\n  existing: [postgresql]\n"
        "  skills: [python]\n  team_size: 3\nneeds:\n  - id: db\n    role: storage\n    data_model: relational\n"
        "    access: [transactions, joins]\n    volume: 200GB\n    throughput: 2k/s\n    latency: 20ms\n"
        "    availability: high\n  - id: events\n    role: messaging\n    access: [pub-sub, replay]\n"
        "    throughput: 5k/s\n")},
    {"name": "reqs.yaml", "explain": False, "text": "version: 1\nneeds:\n  - id: q\n    role: messaging\n"},
    {"name": "bad.yaml", "explain": False, "text": "version: 1\nneeds:\n  - id: db\n    role: storag\n    latncy: 5\n"},
    {"name": "broken.yaml", "explain": False, "text": "version: 1\nneeds: [\n"},
]
"""Files the image has answered once: every module the page's runs import is imported in it."""


SPARSE_RUN = 512
"""Runs of at least this many zero bytes are left out of the shipped image (a quarter of it is zeros)."""


def sparse(image: bytes) -> bytes:
    """The image without its long runs of zeros: u32 size, u32 count, count x (u32 offset, u32 length),
    then those stretches' bytes; the page fills the rest with zeros (engine.mjs, dense)."""
    kept: list[tuple[int, int]] = []
    start = 0
    for run in re.finditer(rb"\x00{%d,}" % SPARSE_RUN, image):
        if run.start() > start:
            kept.append((start, run.start() - start))
        start = run.end()
    if start < len(image):
        kept.append((start, len(image) - start))
    header = struct.pack(f"<{2 + 2 * len(kept)}I", len(image), len(kept), *(n for pair in kept for n in pair))
    return header + b"".join(image[offset:offset + length] for offset, length in kept)


def extension_modules(wheel: bytes) -> list[str]:
    """The compiled modules (.so) in a wheel, as paths inside it."""
    with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
        return sorted(name for name in archive.namelist() if name.endswith(".so"))


def packages_zip(wheels: dict[str, bytes]) -> bytes:
    """The pure wheels' files in one zip, in name order with fixed times: the same wheels give the same bytes."""
    files: dict[str, bytes] = {}
    for name in sorted(wheels):
        with zipfile.ZipFile(io.BytesIO(wheels[name])) as archive:
            for info in archive.infolist():
                if not info.is_dir() and "/__pycache__/" not in f"/{info.filename}":
                    files[info.filename] = archive.read(info)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, files[name])
    return buffer.getvalue()


def image_files(found: Runtime, wheels: dict[str, bytes], catalog: bytes) -> tuple[dict[str, bytes], dict]:
    """The files of engine/snapshot/ and the manifest entry that tells the page how to restore them.

    wheels: file name -> bytes, every wheel the page would install (techpick's included).
    """
    compiled = {name: data for name, data in wheels.items() if extension_modules(data)}
    pure = {name: data for name, data in wheels.items() if name not in compiled}
    packages = packages_zip(pure)
    libraries: dict[str, bytes] = {}
    for data in compiled.values():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for inner in extension_modules(data):
                libraries[f"{SITE_PACKAGES}/{inner}"] = archive.read(inner)
    files = {f"{FOLDER}/{PACKAGES}": packages}
    dynlibs = []
    for fs_path, data in libraries.items():
        files[f"{FOLDER}/{fs_path.rsplit('/', 1)[1]}"] = data
        dynlibs.append({"path": fs_path, "file": f"{FOLDER}/{fs_path.rsplit('/', 1)[1]}"})
    files[f"{FOLDER}/{IMAGE}"] = sparse(_image(found, compiled, packages, libraries, catalog))
    manifest = {"image": f"{FOLDER}/{IMAGE}", "imageFormat": "sparse-1", "packages": f"{FOLDER}/{PACKAGES}",
                "packagesPath": PACKAGES_PATH, "dynlibs": dynlibs}
    return files, manifest


def _image(found: Runtime, compiled: dict[str, bytes], packages: bytes, libraries: dict[str, bytes],
           catalog: bytes) -> bytes:
    """The memory image for these inputs: from the cache, else made by snapshot.mjs and cached."""
    key = hashlib.sha256()
    for part in (SCRIPT.read_bytes(), json.dumps(WARM).encode(), packages, catalog,
                 *(found.root / "pyodide" / name for name in found.pyodide),
                 *(b for name in sorted(compiled) for b in (name.encode(), compiled[name]))):
        key.update(part.read_bytes() if isinstance(part, Path) else part)
    cached = found.root / "snapshots" / f"{key.hexdigest()[:32]}.bin"
    digest = cached.with_suffix(".sha256")
    if cached.is_file() and digest.is_file():
        data = cached.read_bytes()
        if hashlib.sha256(data).hexdigest() == digest.read_text(encoding="ascii").strip():
            return data  # else damaged: made again
    cached.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cached.parent, prefix=".make-") as tmp:
        work = Path(tmp)
        (work / PACKAGES).write_bytes(packages)
        (work / "catalog.json").write_bytes(catalog)
        for name, data in compiled.items():
            (work / name).write_bytes(data)
        dynlibs = []
        for i, (fs_path, data) in enumerate(libraries.items()):
            (work / f"lib{i}.so").write_bytes(data)
            dynlibs.append({"path": fs_path, "file": str(work / f"lib{i}.so")})
        spec = {"pyodide": str(found.root / "pyodide"), "out": str(work / IMAGE), "packages": str(work / PACKAGES),
                "packagesPath": PACKAGES_PATH, "extract": [str(work / name) for name in sorted(compiled)],
                "dynlibs": dynlibs, "catalog": str(work / "catalog.json"), "warm": WARM}
        (work / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
        run_node([str(SCRIPT), str(work / "spec.json")], "making the page's start-up image in Pyodide")
        data = (work / IMAGE).read_bytes()
        (work / IMAGE).rename(cached)
        digest.write_text(hashlib.sha256(data).hexdigest() + "\n", encoding="ascii")
    for old in sorted(cached.parent.glob("*.bin"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
        old.unlink()  # the last few builds' images, not every one ever made
        old.with_suffix(".sha256").unlink(missing_ok=True)
    return data
