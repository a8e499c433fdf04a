"""A command imports only what it uses: `techpick --help` not even click once its
rendering is cached, `recommend` never the site generator, MkDocs or the Neo4j driver.

Each case runs the real entry point in a fresh interpreter and lists sys.modules at exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from techpick.cli import cli
from tests.conftest import ROOT

PROBE = """
import atexit, json, sys
atexit.register(lambda: sys.__stderr__.write("MODULES " + json.dumps(sorted(sys.modules)) + "\\n"))
sys.argv = ["techpick", *ARGS]
from techpick.launch import main
main()
"""
NEVER = ("mkdocs", "neo4j", "techpick.sitegen", "techpick.sitebuild", "techpick.neo4j_backend", "selenium",
         "material", "jinja2")


def imported(tmp_path: Path, *args: str) -> tuple[str, set[str]]:
    """stdout and the modules loaded by one run of `techpick ARGS` (its own cache folder)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, "-c", PROBE.replace("ARGS", json.dumps(list(args)))],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    line = next(line for line in proc.stderr.splitlines() if line.startswith("MODULES "))
    return proc.stdout, set(json.loads(line.removeprefix("MODULES ")))


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in {"mkdocs", "neo4j", "selenium", "material", "jinja2"}
            or m in NEVER}


def test_help_is_clicks_own_text_and_needs_no_click_once_cached(tmp_path):
    first, modules = imported(tmp_path, "--help")
    assert "click" in modules  # rendered by click, then kept
    second, modules = imported(tmp_path, "--help")
    assert second == first
    assert not {m for m in modules if m.split(".")[0] in {"click", "pydantic", "yaml", "networkx"}}
    expected = CliRunner().invoke(cli, ["--help"], prog_name="techpick", terminal_width=100).stdout
    assert first == expected


def test_help_is_rendered_again_when_a_command_changes(tmp_path):
    imported(tmp_path, "--help")
    cached = tmp_path / "cache" / "techpick" / "help.txt"
    key, _, text = cached.read_text().partition("\n")
    cached.write_text(key.replace("cli.py:", "cli.py:9") + "\nstale text\n")
    assert imported(tmp_path, "--help")[0] == text


def test_recommend_imports_neither_the_site_nor_the_graph_database(tmp_path):
    out, modules = imported(tmp_path, "recommend", "--req", "examples/oltp-web-app.yaml", "--format", "json")
    assert json.loads(out)["needs"]
    assert not heavy(modules)
    assert {"techpick.recommend", "techpick.cache"} <= modules


def test_a_recommendation_from_the_cache_needs_no_networkx(tmp_path):
    args = ("recommend", "--req", "examples/oltp-web-app.yaml", "--format", "json")
    first, modules = imported(tmp_path, *args)  # builds the graph with networkx, and caches it
    assert "networkx" in modules
    second, modules = imported(tmp_path, *args)
    assert second == first
    assert "networkx" not in modules and "techpick.compiled_graph" in modules


def test_listing_the_catalog_needs_no_graph(tmp_path):
    out, modules = imported(tmp_path, "list", "--role", "messaging")
    assert "kafka" in out
    assert not heavy(modules)
    assert "networkx" not in modules and "techpick.graph" not in modules


def test_a_valid_requirements_file_builds_no_pydantic_validator(tmp_path):
    """Building validators (and pydantic's plugin look-up through importlib.metadata) is a third of
    a warm recommendation's own start-up; a plainly valid file is read without them (techpick.reqplain)."""
    args = ("recommend", "--req", "examples/analytics-platform.yaml", "--format", "markdown")
    imported(tmp_path, *args)
    _, modules = imported(tmp_path, *args)
    assert not {"pydantic.plugin._loader", "importlib.metadata"} & modules


def test_json_output_never_loads_the_markdown_renderer(tmp_path):
    out, modules = imported(tmp_path, "recommend", "--req", "examples/oltp-web-app.yaml", "--format", "json")
    assert json.loads(out)["needs"]
    assert "techpick.renderers.json_out" in modules
    assert not {"techpick.renderers.markdown", "techpick.escape"} & modules
