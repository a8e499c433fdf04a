"""Shared fixtures: small hand-made catalogs written to disk and read by the real loader."""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings

# Property-based tests (tests/test_fuzz.py): a short run in the quick loop, 400 examples in the full suite
# (`--hypothesis-profile=full`, which scripts/test.sh passes), a deep one with `--hypothesis-profile=long`
# (TECHPICK_FUZZ_EXAMPLES sets how many in all, 100,000 unless told; tests/test_fuzz.py shares them out
# between its tests). These runs are derandomized: the same inputs every time, so a failure shows again.
settings.register_profile("default-techpick", max_examples=100, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("full", max_examples=400, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=int(os.environ.get("TECHPICK_FUZZ_EXAMPLES", "100000")), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("default-techpick")


def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """A bolt test that failed because FalkorDB itself crashed runs once more on the revived server; the crash is
    written to the terminal, never hidden. Any other failure stands: without a crash nothing is run twice."""
    if item.get_closest_marker("bolt") is None:
        return None
    from _pytest.runner import runtestprotocol

    from tests.bolt_server import STARTED

    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    reports = runtestprotocol(item, nextitem=nextitem, log=False)
    if any(report.failed for report in reports) and any(server.crashed() for server in STARTED):
        reporter = item.config.pluginmanager.get_plugin("terminalreporter")
        for server in list(STARTED):
            # asked again each time: objects that share a server (a restart) see it revived by the first
            if not server.crashed():
                continue
            if reporter is not None:
                reporter.write_line(f"\nFalkorDB crashed during {item.nodeid} (see {server.log}); "
                                    "revived, and the test runs once more", yellow=True)
            server.revive()
        item._initrequest()  # type: ignore[attr-defined]  # fresh fixtures for the second run
        reports = runtestprotocol(item, nextitem=nextitem, log=False)
    for report in reports:
        item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist the slow tests are handed out first, so that no worker starts one when the
    others are done; a run in one process keeps the file order."""
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: item.get_closest_marker("slow") is None)


ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
SHARED = ROOT.parent / "shared"

# The compiled-catalog cache of every run (in process and in subprocesses) goes to a
# folder of this session, never into the user's own cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="techpick-test-cache-")

BASE: dict[str, Any] = {
    "name": "Example",
    "roles": ["storage"],
    "data_models": ["key-value"],
    "description": "A made-up block for tests. It exists so that one rule can be shown at a time.",
    "homepage": "https://example.org/",
    "license": {"spdx": "Apache-2.0"},
    "hosting": {"self_hosted": True},
    "capabilities": {"point-lookup": "native"},
    "scale": {
        "latency_p99": "1ms",
        # documented ceilings break a need; tests of judgement ceilings say `ceiling: judgement`
        "volume": {"sweet": ["1GB", "1TB"], "max": "10TB", "ceiling": "documented"},
        "throughput": {"sweet": ["10/s", "100k/s"], "max": "1M/s", "ceiling": "documented"},
        "basis": "made up for a test",
    },
    "consistency": "strong",
    "durability": "durable",
    "availability": {"high_availability": "native"},
    "scaling": "horizontal",
    "operations": {"complexity": 2, "reason": "made up for a test"},
    "runtime": "c",
    "skills": [],
    "adoption": "common",
    "use_when": ["a test needs it"],
    "avoid_when": ["anything real"],
    "sources": [{"url": "https://example.org/a"}, {"url": "https://example.org/b"}],
}


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and key not in {"capabilities"}:
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


class MiniCatalog:
    """A catalog directory with the real vocabulary and entries made from BASE."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy(CATALOG / "vocabulary.yaml", root / "vocabulary.yaml")

    def add(self, tech_id: str, area: str = "storage", **over: Any) -> Path:
        entry = merge({"id": tech_id, **BASE, "name": tech_id.title()}, over)
        folder = self.root / area
        folder.mkdir(exist_ok=True)
        path = folder / f"{tech_id}.yaml"
        path.write_text(yaml.safe_dump(entry, sort_keys=False), encoding="utf-8")
        return path


@pytest.fixture
def mini(tmp_path: Path) -> MiniCatalog:
    return MiniCatalog(tmp_path / "catalog")


def read_yaml_file(path: Path) -> Any:
    """A YAML file the tests read as data (cases, examples), with libyaml when PyYAML has it."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def write_reqs(path: Path, needs: list[dict[str, Any]], **top: Any) -> Path:
    path.write_text(yaml.safe_dump({"version": 1, **top, "needs": needs}, sort_keys=False), encoding="utf-8")
    return path
