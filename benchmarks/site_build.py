"""How long the docs site takes to build: the shipped catalog, and a generated
catalog of 1,000 technologies (or the sizes given).

Prints, per catalog: page generation (sitegen, pure Python), writing the
files, and the strict MkDocs build, each in seconds. Not a test.

    .venv/bin/python benchmarks/site_build.py [--sizes 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_catalog  # noqa: E402

from techpick.catalog import Catalog  # noqa: E402
from techpick.loader import load_catalog, load_kb  # noqa: E402
from techpick.sitebuild import read_sources, run_mkdocs, write_tree  # noqa: E402
from techpick.sitegen import generate  # noqa: E402


def measure(label: str, catalog: Catalog, out: Path) -> None:
    kb, sources = load_kb(), read_sources()
    start = time.perf_counter()
    files = generate(catalog, kb, sources)
    generated = time.perf_counter()
    write_tree(files, out)
    written = time.perf_counter()
    run_mkdocs(out / "mkdocs.yml")
    built = time.perf_counter()
    pages = sum(1 for name in files if name.endswith(".md"))
    print(f"{label:<28} {len(catalog):>6} {pages:>6} {generated - start:>9.2f} {written - generated:>7.2f} "
          f"{built - written:>8.2f} {built - start:>7.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated sizes of generated catalogs")
    args = parser.parse_args()
    print(f"{'catalog':<28} {'techs':>6} {'pages':>6} {'generate':>9} {'write':>7} {'mkdocs':>8} {'total':>7}")
    with tempfile.TemporaryDirectory(prefix="techpick-site-bench-") as tmp:
        measure("shipped", load_catalog(), Path(tmp) / "shipped")
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            measure(f"generated ({size})", synthetic_catalog(size), Path(tmp) / f"gen-{size}")


if __name__ == "__main__":
    main()
