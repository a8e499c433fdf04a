"""The compiled-catalog cache: one file per catalog folder in the user's cache
folder ($XDG_CACHE_HOME/techpick, else ~/.cache/techpick; never inside the catalog),
and the capability graph of each recent catalog version (`graph_of`).

A cache file is a header line, an index line and the compiled catalog (`techpick.compiled`)::

    {"cache": "techpick-catalog-cache", "version": 2, "catalog": "/abs/catalog", "code": "<sha256>",
     "index": "<sha256 of the index line>", "payload": "<sha256 of the payload>",
     "files": {"vocabulary.yaml": [size, mtime_ns, "<sha256>"], ...}}
    {"digest": "sha256:...", "vocabulary": {...}, "names": [["postgresql", ["postgres"]], ...], "paths": {...}}
    {"format": "techpick-compiled", ...}

The index is enough to check a requirements file; the entries are decoded from
the payload on first use (a recommendation from a cached graph needs none).

It is trusted only when it names this catalog folder and this code, its index
and (when it is read) its payload hash to the header's digests, and every
catalog file is listed with the same size and modification time, or else the
same content hash. Anything else
(corrupt, stale, foreign, another version) is ignored and rewritten after a
full load. Writes are atomic; a cache that cannot be written is skipped.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from techpick import compiled
from techpick.catalog import Catalog
from techpick.gcpause import gc_paused
from techpick.userdirs import cache_dir

KIND = "techpick-catalog-cache"
VERSION = 2
VOCABULARY_FILE = "vocabulary.yaml"
RACY_SECONDS = 2.0  # a file changed this close to the cache write may change again within one mtime tick

if TYPE_CHECKING:
    import networkx as nx

    from techpick import compiled_graph

Stat = tuple[int, int]  # size, mtime_ns


def cache_file(root: Path) -> Path:
    """The cache file of one catalog folder (named by a hash of its absolute path)."""
    key = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:24]
    return cache_dir() / f"catalog-{key}.json"


def snapshot(root: Path) -> dict[str, Stat]:
    """Size and modification time of every catalog file (those `root.glob("*/*.yaml")` finds,
    and the vocabulary), taken before any is read; os.scandir, as pathlib is slow for 100,000 files."""
    stats: dict[str, Stat] = {}
    top = str(root)
    try:
        st = os.stat(os.path.join(top, VOCABULARY_FILE))
        stats[VOCABULARY_FILE] = (st.st_size, st.st_mtime_ns)
        with os.scandir(top) as folders:
            areas = sorted(entry.name for entry in folders if not entry.name.startswith(".") and entry.is_dir())
        for area in areas:
            with os.scandir(os.path.join(top, area)) as files:
                for entry in files:
                    if entry.name.endswith(".yaml") and not entry.name.startswith("."):
                        st = entry.stat()
                        stats[f"{area}/{entry.name}"] = (st.st_size, st.st_mtime_ns)
    except OSError:
        return {}
    return dict(sorted(stats.items()))


@functools.cache
def code_digest() -> str:
    """A digest of the code that reads catalogs: a changed model must never meet an old cache."""
    import pydantic

    digest = hashlib.sha256(f"{compiled.FORMAT}/{compiled.VERSION}/pydantic {pydantic.VERSION}".encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def read(root: Path, stats: dict[str, Stat], reload: Callable[[], Catalog]) -> Catalog | None:
    """The cached catalog of `root` when it is trustworthy and current, else None.

    Only the header and the index are read now; the entries are read and decoded on
    first use (a recommendation from a cached graph needs none). Should the payload
    then prove damaged or replaced, `reload` reads the YAML files instead (and may
    rewrite the cache).
    """
    path = cache_file(root)
    try:
        with path.open("rb") as handle:
            header_line = handle.readline()
            index_bytes = handle.readline()
            start = handle.tell()
    except OSError:
        return None
    try:
        header = json.loads(header_line)
        if not index_bytes.endswith(b"\n") or not _current(header, root, stats):
            return None
        index_bytes = index_bytes[:-1]
        if hashlib.sha256(index_bytes).hexdigest() != header["index"]:
            return None
        files = {name: str(entry[2]) for name, entry in header["files"].items()}
        with gc_paused():
            return compiled.lazy_catalog(json.loads(index_bytes), files,
                                         _entries(path, start, header["payload"], reload), str(root))
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, OSError):
        return None


def _entries(path: Path, start: int, expected: str, reload: Callable[[], Catalog]) -> Callable[[], list[Any]]:
    """What makes the entries of a cached catalog: the payload if it is intact (its hash is the header's),
    else the YAML files."""

    def make() -> list[Any]:
        try:
            with path.open("rb") as handle:
                handle.seek(start)
                payload = handle.read()
        except OSError:
            payload = b""
        if hashlib.sha256(payload).hexdigest() == expected:
            try:
                with gc_paused():
                    return compiled.to_catalog(compiled.parse(str(payload, "utf-8"))).technologies
            except (compiled.CompiledError, UnicodeDecodeError):
                pass
        return reload().technologies

    return make


def _current(header: Any, root: Path, stats: dict[str, Stat]) -> bool:
    if not isinstance(header, dict) or header.get("cache") != KIND or header.get("version") != VERSION:
        return False
    if header.get("catalog") != str(root.resolve()) or header.get("code") != code_digest():
        return False
    files: dict[str, list[Any]] = header["files"]
    if files.keys() != stats.keys():
        return False
    for name, (size, mtime) in stats.items():
        known_size, known_mtime, known_hash = files[name]
        if size == known_size and mtime == known_mtime:
            continue
        if size != known_size or hashlib.sha256((root / name).read_bytes()).hexdigest() != known_hash:
            return False
    return True


def write(root: Path, stats: dict[str, Stat], catalog: Catalog) -> Path | None:
    """Store a freshly validated catalog; None when the files changed meanwhile or it cannot be written."""
    if stats.keys() != catalog.files.keys():
        return None
    payload = list(compiled.chunks(catalog))  # pieces, never joined: one copy of the text, not three
    racy = time.time_ns() - int(RACY_SECONDS * 1e9)
    files = {name: [size, mtime if mtime < racy else -1, catalog.files[name]]
             for name, (size, mtime) in sorted(stats.items())}
    index = json.dumps(compiled.index(catalog), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"cache": KIND, "version": VERSION, "catalog": str(root.resolve()), "code": code_digest(),
              "index": hashlib.sha256(index).hexdigest(), "payload": _sha256(payload), "files": files}
    target = cache_file(root)
    if not _store(target, [json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n" + index + b"\n",
                           *payload]):
        return None
    return target


def _sha256(pieces: list[bytes]) -> str:
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece)
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """One cache file, for `techpick cache info`."""

    path: Path
    catalog: str
    technologies: int
    size: int


def entries() -> list[Entry]:
    """The cache files present, each with the catalog folder it belongs to."""
    found = []
    for path in sorted(cache_dir().glob("catalog-*.json")):
        try:
            with path.open("rb") as handle:
                header = json.loads(handle.readline())
            catalog, count = str(header["catalog"]), len(header["files"]) - 1
        except (OSError, ValueError, KeyError, TypeError):
            catalog, count = "(unreadable)", 0
        found.append(Entry(path, catalog, count, path.stat().st_size))
    return found


def clear() -> int:
    """Remove every compiled catalog and graph, the kept --help text and leftovers of interrupted writes;
    the number of files removed."""
    removed = 0
    for pattern in ("catalog-*.json", ".catalog-*.json.*", "graph-*.json", ".graph-*.json.*", "help.txt"):
        for path in cache_dir().glob(pattern):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


# ---- the capability graph of a catalog ---------------------------------------

GRAPH_KIND = "techpick-graph-cache"
GRAPHS_KEPT = 8


def graph_file(catalog: Catalog) -> Path:
    """The cache file of a catalog's graph, named by the catalog's digest and the code."""
    key = hashlib.sha256(f"{catalog.digest} {code_digest()}".encode()).hexdigest()[:24]
    return cache_dir() / f"graph-{key}.json"


def graph_of(catalog: Catalog, for_reading: bool = False) -> nx.MultiDiGraph | compiled_graph.ReadGraph:
    """`build_graph(catalog)`, from the cache when an earlier run built it for the same files and code.

    With `for_reading` a cached graph comes back as a `compiled_graph.ReadGraph`, which serves the
    engine without importing networkx; callers that need the rest of networkx leave it off.
    """
    from techpick import compiled_graph
    from techpick.graph import build_graph

    if not catalog.digest.startswith("sha256:"):  # made in memory: nothing on disk names it
        return build_graph(catalog)
    path = graph_file(catalog)
    try:
        raw = path.read_bytes()
        end = raw.find(b"\n")
        payload = memoryview(raw)[end + 1:]
        header = json.loads(raw[:end])
        if (end > 0 and isinstance(header, dict) and header.get("cache") == GRAPH_KIND
                and header.get("version") == VERSION and header.get("digest") == catalog.digest
                and header.get("code") == code_digest() and header.get("payload") == hashlib.sha256(payload).hexdigest()):
            text = str(payload, "utf-8")
            del payload, raw
            return compiled_graph.loads_for_reading(text) if for_reading else compiled_graph.loads(text)
    except (OSError, ValueError):
        pass
    graph = build_graph(catalog)
    try:
        payload = list(compiled_graph.chunks(graph))  # pieces, never joined: one copy of the text, not three
    except compiled_graph.CompiledGraphError:
        return graph
    header = {"cache": GRAPH_KIND, "version": VERSION, "digest": catalog.digest, "code": code_digest(),
              "payload": _sha256(payload)}
    _store(path, [json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n", *payload])
    kept = sorted(cache_dir().glob("graph-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in kept[GRAPHS_KEPT:]:
        old.unlink(missing_ok=True)
    return graph


def _store(path: Path, raw: bytes | list[bytes]) -> bool:
    """Write a cache file (bytes, or pieces of it) atomically; False (and nothing written) when it cannot be."""
    from techpick.errors import TechpickError
    from techpick.files import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, raw)
    except (OSError, TechpickError):
        return False
    return True
