"""Build and serve the docs site: read the hand-written sources, write the
project that `sitegen` generates into a folder, and run MkDocs on it.

The pages themselves come from `sitegen.generate`, a pure function; this
module only does the I/O around it. MkDocs is imported lazily, so the rest of
techpick works without the `site` extra.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import re
import threading
import time
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from techpick.browser import catalog_bytes
from techpick.catalog import Catalog
from techpick.errors import InputError, SiteError, TechpickError
from techpick.files import atomic_write
from techpick.loader import check_kb, default_catalog_dir, default_kb_dir, load_catalog, load_kb
from techpick.mermaidjs import ASSET as MERMAID_ASSET
from techpick.mermaidjs import mermaid_script
from techpick.radar import load_radar, release_history
from techpick.runtime import runtime, with_bytecode
from techpick.sitegen import DOCS, generate
from techpick.snapshot import image_files

SHIPPED_SITE = Path(__file__).resolve().parent / "data" / "site"
NOT_SOURCES = {"schemas", "generated"}
"""Folders of site/ that are not page sources: the schemas are generated from the models."""
INSTALL_HINT = "MkDocs with Material is not installed; run: pip install 'techpick[site]' (or '.[site]' in a checkout)"


@dataclass(frozen=True)
class Built:
    """What a build produced and how long each step took."""

    project: Path
    site: Path
    pages: int
    technologies: int
    generate_seconds: float
    mkdocs_seconds: float


def default_site_dir() -> Path:
    """The hand-written site sources: site/ in the repository, or the copy shipped in the package."""
    repo = Path(__file__).resolve().parents[2]
    if (repo / "pyproject.toml").is_file() and (repo / "site" / "index.md").is_file():
        return repo / "site"
    return SHIPPED_SITE


def read_sources(directory: Path | None = None) -> dict[str, str]:
    """Every hand-written source file: relative POSIX path -> text."""
    root = directory or default_site_dir()
    if not root.is_dir():
        raise SiteError(f"{root}: the site sources are missing; reinstall techpick")
    sources: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] not in NOT_SOURCES:
            sources[relative.as_posix()] = path.read_text(encoding="utf-8")
    return sources


@dataclass(frozen=True)
class Engine:
    """Whether the site ships the in-browser engine, where its runtime is cached, and whether
    it ships the start-up image (techpick.snapshot) that the page restores instead of starting Python."""

    enabled: bool = True
    cache_dir: Path | None = None
    snapshot: bool = True


ENGINE = "engine"
"""The site folder of the Recommend page's engine: engine.json, the catalog, pyodide/ and wheels/."""
PACKAGE = Path(__file__).resolve().parent


def project_wheel() -> tuple[str, bytes]:
    """techpick's own code as a pure-Python wheel for Pyodide: the modules only, no data, no dependencies.

    Built from the package in hand (a checkout or an installed copy), with fixed
    timestamps, so the same code gives the same bytes.
    """
    try:
        release = version("techpick")
    except PackageNotFoundError:
        release = "0"
    dist_info = f"techpick-{release}.dist-info"
    files: dict[str, bytes] = {}
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if path.is_file() and relative.parts[0] != "data" and (path.suffix == ".py" or path.name == "py.typed"):
            files[f"techpick/{relative.as_posix()}"] = path.read_bytes()
    files[f"{dist_info}/METADATA"] = f"Metadata-Version: 2.1\nName: techpick\nVersion: {release}\n".encode()
    files[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: techpick site build\nRoot-Is-Purelib: true\n" \
                                  b"Tag: py3-none-any\n"
    record = [f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
              f"{len(data)}" for name, data in files.items()]
    files[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return f"techpick-{release}-py3-none-any.whl", buffer.getvalue()


def engine_files(catalog: Catalog, engine: Engine) -> dict[str, bytes]:
    """The files of the site's engine folder: the runtime, the wheels, techpick's wheel, the catalog.

    engine.json lists what the page loads, in order; the page finds no
    engine.json on a site built with --no-browser-engine and says how to run
    the CLI instead.
    """
    if not engine.enabled:
        return {}
    cached = runtime(engine.cache_dir)
    files = {f"{ENGINE}/{relative}": path.read_bytes() for relative, path in cached.files().items()}
    wheel_name, wheel = project_wheel()
    files[f"{ENGINE}/wheels/{wheel_name}"] = with_bytecode(cached, wheel_name, wheel)
    files[f"{ENGINE}/catalog.json"] = catalog_bytes(catalog)
    manifest: dict[str, object] = {
        "pyodide": "pyodide/", "wheels": [f"wheels/{name}" for name in (*cached.wheels, wheel_name)],
        "catalog": "catalog.json", "digest": catalog.digest}
    if engine.snapshot:
        wheels = {name: files[f"{ENGINE}/wheels/{name}"] for name in (*cached.wheels, wheel_name)}
        image, manifest["snapshot"] = image_files(cached, wheels, files[f"{ENGINE}/catalog.json"])
        files.update({f"{ENGINE}/{name}": data for name, data in image.items()})
    files[f"{ENGINE}/engine.json"] = (json.dumps(manifest, indent=1) + "\n").encode()
    return files


def generate_project(catalog_dir: Path | None = None, kb_dir: Path | None = None,
                     sources_dir: Path | None = None,
                     engine: Engine = Engine(False),
                     radar_file: Path | None = None,
                     since_file: Path | None = None) -> tuple[dict[str, str | bytes], int]:
    """Read catalog, knowledge base and sources; return the generated files and the catalog size.

    The knowledge base's `tech:` links are checked when the knowledge base
    belongs to the catalog: both default, or the knowledge base named. The
    shipped guides over a team's own catalog keep the words of links to
    technologies that catalog lacks. With the engine enabled, docs/engine/
    holds the Recommend page's Python runtime and catalog. A team's radar
    file is read against the catalog and drawn on its own page, marked new or
    moved against the team's previous radar (`since_file`) when given; the
    shipped catalog's maturity radar is marked against its previous release.
    """
    catalog = load_catalog(catalog_dir)
    kb = check_kb(catalog, kb_dir) if kb_dir is not None or catalog_dir is None else load_kb(kb_dir)
    team_radar = load_radar(radar_file, catalog) if radar_file is not None else None
    if team_radar is not None and since_file is not None:
        team_radar = team_radar.compared_with(load_radar(since_file, catalog))
    history = release_history(catalog_dir, catalog)
    files: dict[str, str | bytes] = dict(generate(catalog, kb, read_sources(sources_dir), team_radar, history))
    files.update({f"{DOCS}/{name}": data for name, data in engine_files(catalog, engine).items()})
    files[f"{DOCS}/{MERMAID_ASSET}"] = mermaid_script()
    return files, len(catalog)


MARKER = ".techpick-site"


def _claim(root: Path) -> None:
    """Refuse to write into a folder that holds someone's own files.

    A build removes stale pages and MkDocs empties its site folder, so the
    output folder must be new, empty, or one that an earlier build marked.
    """
    if root.exists() and not root.is_dir():
        raise TechpickError(f"--out {root}: is a file; choose a new or empty folder")
    if root.is_dir() and any(root.iterdir()) and not (root / MARKER).is_file():
        raise TechpickError(f"--out {root}: the folder is not empty and was not made by `techpick site build`; "
                            "choose a new or empty folder (its files would be replaced)")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TechpickError(f"--out {root}: cannot create it: {exc.strerror or exc}") from None
    atomic_write(root / MARKER, "made by techpick site build; its contents are replaced on every build\n")


def write_tree(files: Mapping[str, str | bytes], root: Path) -> int:
    """Write the generated files under root; only changed ones are rewritten, stale pages are removed.

    Returns how many files changed. The built HTML (root/site) is left alone.
    """
    _claim(root)
    changed = 0
    for relative, body in files.items():
        path = root / relative
        data = body.encode("utf-8") if isinstance(body, str) else body
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
        changed += 1
    docs = root / DOCS
    wanted = {root / relative for relative in files}
    for path in sorted(docs.rglob("*"), reverse=True) if docs.is_dir() else []:
        if path.is_file() and path not in wanted:
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so that a failed strict build can say why."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def run_mkdocs(config_file: Path, strict: bool = True) -> None:
    """`mkdocs build` on a generated project, in this process; warnings fail a strict build."""
    try:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException
    except ImportError:
        raise SiteError(INSTALL_HINT) from None
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    try:
        config = load_config(str(config_file), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        details = "\n".join(collect.messages) or str(exc)
        raise SiteError(f"the site build failed ({exc}):\n{details}") from None
    finally:
        logger.removeHandler(collect)


SOURCE_MAP_LINK = re.compile(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def trim_theme(site: Path) -> None:
    """Leave out what a reader never needs: the theme's source maps and unused search languages.

    Material ships a source map per bundle and lunr stemmers for every
    language; the site keeps the stemmers of the search languages it is
    built for (none for English alone).
    """
    assets = site / "assets"
    for path in sorted(assets.rglob("*.map")):
        path.unlink()
    for path in sorted([*assets.rglob("*.js"), *assets.rglob("*.css")]):
        text = path.read_text(encoding="utf-8")
        trimmed = SOURCE_MAP_LINK.sub("", text)
        if trimmed != text:
            path.write_text(trimmed + "\n", encoding="utf-8")
    lunr = assets / "javascripts" / "lunr"
    try:
        languages = set(json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"])
    except (OSError, ValueError, KeyError):
        return
    keep = {f"lunr.{lang}.min.js" for lang in languages} | {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}
    keep |= {"tinyseg.js"} if "ja" in languages else set()
    keep |= {"wordcut.js"} if "th" in languages else set()
    for path in sorted(lunr.rglob("*.js")) if lunr.is_dir() else []:
        if languages == {"en"} or path.name not in keep:
            path.unlink()
    for folder in sorted(lunr.rglob("*"), reverse=True) if lunr.is_dir() else []:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    if lunr.is_dir() and not any(lunr.iterdir()):
        lunr.rmdir()


TYPOS_JS = "search-typos.js"


def tune_search(site: Path) -> None:
    """Put assets/search-typos.js in front of Material's search worker, so that its listener
    corrects a query's typos before the worker searches (no plugin, no hook: the built file)."""
    prelude = site / "assets" / TYPOS_JS
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search*.js"))
    if not prelude.is_file() or not workers:
        return
    first = prelude.read_text(encoding="utf-8")
    for worker in workers:
        worker.write_text(first + "\n" + worker.read_text(encoding="utf-8"), encoding="utf-8")
    prelude.unlink()


def build_site(out: Path, catalog_dir: Path | None = None, kb_dir: Path | None = None,
               sources_dir: Path | None = None, strict: bool = True, engine: Engine = Engine(),
               radar_file: Path | None = None, since_file: Path | None = None) -> Built:
    """Generate the pages into out/docs with out/mkdocs.yml, and build the HTML into out/site."""
    start = time.perf_counter()
    files, count = generate_project(catalog_dir, kb_dir, sources_dir, engine, radar_file, since_file)
    write_tree(files, out)
    generated = time.perf_counter()
    run_mkdocs(out / "mkdocs.yml", strict)
    trim_theme(out / "site")
    tune_search(out / "site")
    done = time.perf_counter()
    pages = sum(1 for name in files if name.endswith(".md"))
    return Built(out, out / "site", pages, count, generated - start, done - generated)


def _watched(paths: list[Path]) -> dict[Path, float]:
    """Modification times of every file under the watched folders, and of watched files (a radar)."""
    found: dict[Path, float] = {}
    for root in paths:
        for path in root.rglob("*") if root.is_dir() else [root] if root.is_file() else []:
            if path.is_file():
                found[path] = path.stat().st_mtime
    return found


def serve_site(out: Path, catalog_dir: Path | None = None, kb_dir: Path | None = None,
               sources_dir: Path | None = None, dev_addr: str = "127.0.0.1:8000",
               report: Callable[[str], None] = print, engine: Engine = Engine(),
               radar_file: Path | None = None, since_file: Path | None = None) -> None:
    """Generate the project, serve it with MkDocs' live-reload server, and regenerate on every change.

    Editing a catalog entry, a knowledge-base page or a site source rewrites
    the generated pages that changed; MkDocs sees them and reloads the browser.
    A catalog that stops validating is reported and the last good pages stay.
    """
    try:
        from mkdocs.commands.serve import serve
    except ImportError:
        raise SiteError(INSTALL_HINT) from None
    files, _ = generate_project(catalog_dir, kb_dir, sources_dir, engine, radar_file, since_file)
    write_tree(files, out)
    watched = [catalog_dir or default_catalog_dir(), kb_dir or default_kb_dir(), sources_dir or default_site_dir(),
               *([radar_file] if radar_file else []), *([since_file] if since_file else [])]
    stop = threading.Event()

    def regenerate() -> None:
        seen = _watched(watched)
        while not stop.wait(1.0):
            now = _watched(watched)
            if now == seen:
                continue
            seen = now
            try:
                changed = write_tree(generate_project(catalog_dir, kb_dir, sources_dir, engine, radar_file,
                                                      since_file)[0], out)
                report(f"regenerated: {changed} files changed")
            except (InputError, SiteError) as exc:
                report(f"not regenerated: {exc}")

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    watcher = threading.Thread(target=regenerate, name="techpick-site-watch", daemon=True)
    watcher.start()
    try:
        serve(config_file=str(out / "mkdocs.yml"), livereload=True, dev_addr=dev_addr, strict=False)
    finally:
        stop.set()
        logger.removeHandler(handler)
