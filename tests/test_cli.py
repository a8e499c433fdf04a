"""The command line, as a user meets it: exit codes and exact text, stdout and stderr apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from techpick.cli import cli
from tests.conftest import ROOT, write_reqs

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def tiny(mini):
    mini.add("alpha", aliases=["alfa"], keywords=["message queue"])
    mini.add("beta", capabilities={"point-lookup": "native", "full-text": "native"})
    return mini.root


def test_validate_says_what_is_valid(runner, tiny):
    result = runner.invoke(cli, ["validate", "--catalog", str(tiny)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("catalog valid: 2 technologies")


def test_validate_lists_every_problem_and_exits_2(tiny):
    (tiny / "storage" / "beta.yaml").write_text(
        (tiny / "storage" / "beta.yaml").read_text().replace("full-text", "full-txt"))
    proc = subprocess.run([sys.executable, "-m", "techpick", "validate", "--catalog", str(tiny)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "beta.yaml:" in proc.stderr and "did you mean full-text?" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_list_json_holds_every_field(runner, tiny):
    result = runner.invoke(cli, ["list", "--format", "json", "--catalog", str(tiny)], catch_exceptions=False)
    entries = json.loads(result.stdout)
    assert [e["id"] for e in entries] == ["alpha", "beta"]
    assert entries[0]["scale"]["latency_p99"] == "1ms"
    assert set(entries[0]) >= {"license", "hosting", "capabilities", "relations", "sources", "status"}


def test_list_by_role_and_unknown_role(runner, tiny):
    assert runner.invoke(cli, ["list", "--role", "messaging", "--catalog", str(tiny)]).stdout == ""
    result = runner.invoke(cli, ["list", "--role", "messagin", "--catalog", str(tiny)])
    assert result.exit_code == 2
    assert "did you mean messaging?" in result.stderr


def test_show_by_alias(runner, tiny):
    result = runner.invoke(cli, ["show", "alfa", "--catalog", str(tiny)], catch_exceptions=False)
    assert result.stdout.startswith("Alpha [alpha]  aliases: alfa\n")
    assert "sources:" in result.stdout
    data = json.loads(runner.invoke(cli, ["show", "beta", "--format", "json", "--catalog", str(tiny)]).stdout)
    assert data["capabilities"]["full-text"] == "native"


def test_show_unknown_suggests(runner, tiny):
    result = runner.invoke(cli, ["show", "alpah", "--catalog", str(tiny)])
    assert result.exit_code == 2
    assert "did you mean alpha?" in result.stderr


def test_search_is_typo_tolerant(runner, tiny):
    assert runner.invoke(cli, ["search", "mesage", "queue", "--catalog", str(tiny)]).stdout.startswith("alpha")
    assert runner.invoke(cli, ["search", "full", "text", "--catalog", str(tiny)]).stdout.startswith("beta")


def test_schema_commands_print_json_schema(runner):
    for what in ("catalog", "reqs", "vocabulary"):
        schema = json.loads(runner.invoke(cli, ["schema", what], catch_exceptions=False).stdout)
        assert schema["title"].startswith("techpick")
        assert schema["additionalProperties"] is False


def test_published_schemas_match_the_models(runner):
    for what, name in (("catalog", "technology"), ("reqs", "reqs"), ("vocabulary", "vocabulary")):
        published = (ROOT / "site" / "schemas" / f"{name}.schema.json").read_text()
        assert published == runner.invoke(cli, ["schema", what]).stdout, f"regenerate {name}.schema.json"


def test_recommend_json_follows_the_contract(runner, tiny, tmp_path):
    reqs = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage", "access": ["full-text"]}])
    result = runner.invoke(cli, ["recommend", "--req", str(reqs), "--format", "json", "--catalog", str(tiny)],
                           catch_exceptions=False)
    out = json.loads(result.stdout)
    assert list(out) == ["version", "catalog", "needs", "stack", "warnings"]
    assert out["catalog"]["technologies"] == 2
    need = out["needs"][0]
    assert need["picks"][0]["id"] == "beta"
    assert set(need["picks"][0]) == {"id", "name", "score", "reasons", "tradeoffs", "form"}  # form: contract 1.1
    # a ruled-out candidate has no score on the scale of those that passed
    assert need["considered"] == [{"id": "alpha", "score": None, "why_not": ["lacks full-text"], "ruled_out": True}]


def test_recommend_bad_file_exits_2_with_nothing_on_stdout(tiny, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nneeds:\n  - id: db\n    role: storag\n")
    proc = subprocess.run([sys.executable, "-m", "techpick", "recommend", "--req", str(bad), "--catalog", str(tiny)],
                          capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"techpick: {bad}:4:5: needs.0.role: unknown role 'storag'; did you mean storage? " \
                          f"accepted: batch-processing, ci-cd, cloud, configuration-management, container-orchestration, " \
                          f"containers, coordination, data-catalog, data-format, data-integration, " \
                          f"feature-store, infrastructure-as-code, language, logging, messaging, metrics, ml-platform, " \
                          f"model-serving, query-engine, resource-management, storage, stream-processing, tracing, " \
                          f"workflow-orchestration\n"


def test_graph_export_writes_atomically(runner, tiny, tmp_path):
    out = tmp_path / "g.json"
    result = runner.invoke(cli, ["graph", "export", "--format", "json", "-o", str(out), "--catalog", str(tiny)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    graph = json.loads(out.read_text())
    assert {"tech:alpha", "tech:beta", "capability:full-text"} <= {n["node"] for n in graph["nodes"]}
    graphml = runner.invoke(cli, ["graph", "export", "--format", "graphml", "--catalog", str(tiny)]).stdout
    assert graphml.startswith("<?xml")
    cypher = runner.invoke(cli, ["graph", "export", "--format", "cypher", "--catalog", str(tiny)]).stdout
    assert ":param rows =>" in cypher and "CREATE (n:Technology {key: row[0]" in cypher


def test_every_command_has_help_with_an_example(runner):
    for command in ("validate", "list", "show", "search", "schema", "recommend"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.stdout, command


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_shipped_examples_recommend_in_every_format(runner, example):
    for fmt in ("text", "json", "markdown"):
        result = runner.invoke(cli, ["recommend", "--req", str(example), "--format", fmt], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        assert result.stdout


def test_installed_command_runs_outside_the_repository(tmp_path):
    exe = Path(sys.executable).with_name("techpick")
    proc = subprocess.run([str(exe), "validate"], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": ""})
    assert proc.returncode == 0, proc.stderr


def test_same_input_same_output_across_processes():
    """Hash seeds differ between processes; the output must not."""
    exe = str(Path(sys.executable).with_name("techpick"))
    example = str(ROOT / "examples" / "analytics-platform.yaml")
    outputs = {subprocess.run([exe, "recommend", "--req", example, "--format", "json", "--explain"],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1 and outputs.pop().startswith("{")


def test_writing_output_fails_cleanly(runner, tiny, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(cli, ["graph", "export", "-o", str(out), "--catalog", str(tiny)])
    assert result.exit_code == 2 and "is a directory" in result.stderr
    result = runner.invoke(cli, ["graph", "export", "-o", str(out / "no" / "g.json"), "--catalog", str(tiny)])
    assert result.exit_code == 2 and "cannot write" in result.stderr
    assert list(out.iterdir()) == []


def test_site_build_never_replaces_a_folder_of_someone_s_files(runner, tmp_path):
    (tmp_path / "notes.md").write_text("mine")
    result = runner.invoke(cli, ["site", "build", "--no-browser-engine", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "not empty" in result.stderr
    assert (tmp_path / "notes.md").read_text() == "mine"


def test_search_limit_must_be_positive(runner, tiny):
    assert runner.invoke(cli, ["search", "kafka", "--limit", "0", "--catalog", str(tiny)]).exit_code == 2
