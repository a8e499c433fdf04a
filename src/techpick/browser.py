"""techpick inside the browser: what the Recommend page's Web Worker calls under Pyodide.

The page runs the library itself, never a port: it reads the catalog the site
build wrote (`catalog_bytes`, stable JSON, no YAML to parse in the browser),
writes the user's requirements file into Pyodide's file system under the
name it was given, and calls the same loader, engine and renderers as
`techpick recommend` and `techpick review`. A file the loader refuses comes
back as the text the CLI prints on stderr.

    engine = Engine(catalog_bytes(load_catalog()))
    engine.run("reqs.yaml", text)["json"] == the output of `techpick recommend --req reqs.yaml --format json`
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from techpick import compiled
from techpick.catalog import Catalog
from techpick.errors import TechpickError
from techpick.graph import build_graph
from techpick.growth import growth_runs
from techpick.loader import load_requirements
from techpick.recommend import recommend
from techpick.renderers import FORMATS
from techpick.renderers.review_md import render as render_review
from techpick.review import build_review

DEFAULT_NAME = "reqs.yaml"
T = TypeVar("T")


# ---- the catalog the page reads ------------------------------------------------

def catalog_bytes(catalog: Catalog) -> bytes:
    """A validated catalog in its compiled form (stable JSON): the same catalog gives the same bytes."""
    return compiled.dumps(catalog)


def load_catalog_bytes(raw: bytes) -> Catalog:
    """The Catalog that `catalog_bytes` wrote, without YAML or validation (both ran at build time)."""
    return compiled.loads(raw)


# ---- running a requirements file ---------------------------------------------

class Engine:
    """The catalog and its graph, built once per page; `answer` then `review` for every file the user submits."""

    def __init__(self, raw_catalog: bytes) -> None:
        self.catalog = load_catalog_bytes(raw_catalog)
        self.graph = build_graph(self.catalog)

    def run(self, name: str, text: str, explain: bool = False, date: str = "1970-01-01",
            site_url: str = "site") -> dict[str, Any]:
        """Every output the page offers for one requirements file, or the CLI's error text.

        Returns {"json", "text", "review"} as `techpick recommend --format json|text
        [--explain]` and `techpick review --date DATE --site-url URL` print them,
        or {"error"} as the CLI prints it on stderr (exit status 2).
        """
        answer = self.answer(name, text, explain)
        return answer if "error" in answer else {**answer, **self.review(name, text, date, site_url)}

    def answer(self, name: str, text: str, explain: bool = False) -> dict[str, str]:
        """{"json", "text"} of `techpick recommend`, or {"error"}: what the page shows first."""
        def outputs(path: Path) -> dict[str, str]:
            result = recommend(self.graph, load_requirements(path, self.catalog))
            return {"json": FORMATS["json"](result, explain), "text": FORMATS["text"](result, explain)}
        return self._with_file(name, text, outputs)

    def review(self, name: str, text: str, date: str = "1970-01-01", site_url: str = "site") -> dict[str, str]:
        """{"review"} of `techpick review`, or {"error"}: the page asks for it once the answer is shown,
        since it costs more than the answer itself (it runs the engine again at 10x and 100x)."""
        *_, last = self.review_steps(name, text, date, site_url)
        assert last is not None
        return last

    def review_steps(self, name: str, text: str, date: str = "1970-01-01",
                     site_url: str = "site") -> Iterator[dict[str, str] | None]:
        """`review` in pieces: None after each run of the engine, then {"review"} or {"error"}.

        The page's worker takes one piece at a time, so that a file the user runs while a review
        is being made waits for one engine run at most, not for the whole review.
        """
        reqs = self._with_file(name, text, lambda path: load_requirements(path, self.catalog))
        if isinstance(reqs, dict):
            yield reqs
            return
        label = safe_name(name)
        try:
            runs = []
            for run in growth_runs(self.graph, reqs):
                runs.append(run)
                yield None
            record = build_review(self.catalog, self.graph, reqs, label, date, None, runs=runs)
        except TechpickError as exc:
            yield {"error": f"techpick: {exc}\n"}
            return
        yield {"review": render_review(record, site_url, "review.md")}

    @staticmethod
    def _with_file(name: str, text: str, outputs: Callable[[Path], T]) -> T | dict[str, str]:
        """outputs(path) for the text written as the file the user named, or the CLI's error text.

        The file is written, read and removed in the current folder (in the page, a
        folder of Pyodide's own file system), so messages name it as the user did.
        """
        path = Path(safe_name(name))
        path.write_text(text, encoding="utf-8")
        try:
            return outputs(path)
        except TechpickError as exc:
            return {"error": f"techpick: {exc}\n"}
        finally:
            path.unlink(missing_ok=True)


def safe_name(name: str) -> str:
    """The file's own name (no folders), as the user called it; reqs.yaml when it has none."""
    base = posixpath.basename(name.replace("\\", "/")).strip()
    return base if base and base not in {".", ".."} else DEFAULT_NAME
