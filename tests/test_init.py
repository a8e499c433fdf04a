"""`techpick init`: answers in, a commented requirements file out that validates and recommends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from techpick import load_catalog, load_requirements
from techpick.cli import cli
from techpick.graph import build_graph
from techpick.init import Answers, NeedAnswers, render, schema_url
from techpick.recommend import recommend

# What a person types, one answer a line; wrong answers are asked again with the word that was meant.
ANSWERS = "\n".join([
    "Online shop",          # what are you building
    "many", "3",            # team size: not a number, asked again
    "python, golang", "python, go",  # skills: golang -> did you mean go?
    "amazon", "aws",        # cloud: amazon -> did you mean aws?
    "oss", "open-source",   # licence
    "on-prem", "self-hosted",  # hosting
    "database", "storage",  # need 1 role: database -> did you mean storage?
    "relational",           # data model (blank would take the role's most common, which the catalog decides)
    "orders",               # id
    "10 msec", "10ms",      # latency
    "200GB",                # volume
    "2000 rps", "2k/s",     # throughput
    "y",                    # another need
    "queue", "messaging",   # need 2 role
    "", "",                 # data model and id: defaults
    "", "", "5k/s",         # sizes: latency and volume left out
    "",                     # no more needs
]) + "\n"


def test_answers_in_a_file_out_that_validates_and_recommends(tmp_path):
    out = tmp_path / "shop.yaml"
    result = CliRunner().invoke(cli, ["init", str(out)], input=ANSWERS, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for said in ("'many' is not a number of people", "unknown skill 'golang'; did you mean go?",
                 "unknown cloud 'amazon'; did you mean aws?", "unknown license 'oss'; did you mean open-source?",
                 "unknown hosting 'on-prem'; did you mean self-hosted?", "unknown role 'database'; did you mean storage?",
                 "unknown unit 'msec'; did you mean 10ms?", "unknown unit 'rps'; did you mean 2000/s?",
                 "unknown role 'queue'; did you mean messaging?"):
        assert said in result.stderr
    catalog = load_catalog()
    reqs = load_requirements(out, catalog)
    assert (reqs.name, reqs.context.team_size, reqs.context.skills) == ("Online shop", 3, ["python", "go"])
    assert (reqs.constraints.cloud, reqs.constraints.license.value, reqs.constraints.hosting.value) == (
        "aws", "open-source", "self-hosted")
    orders, events = reqs.needs
    assert (orders.id, orders.role, orders.data_model, orders.latency, orders.volume, orders.throughput) == (
        "orders", "storage", "relational", pytest.approx(0.01), 200e9, 2000.0)
    assert (events.id, events.role, events.data_model, events.latency, events.throughput) == (
        "event-messaging", "messaging", "event", None, 5000.0)
    result = recommend(build_graph(catalog), reqs)
    assert all(need.picks for need in result.needs)


def test_the_file_explains_itself(tmp_path):
    out = tmp_path / "reqs.yaml"
    CliRunner().invoke(cli, ["init", str(out), "--yes"], catch_exceptions=False)
    lines = out.read_text().splitlines()
    assert lines[0] == f"# yaml-language-server: $schema={schema_url('site', out)}"
    assert "  license: any                    # any | open-source | permissive" in lines
    assert "    # availability: high          # standard | high (replicated, automatic failover)" in lines
    fields = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert all("#" in line for line in fields if line not in {"version: 1", "name: My project", "needs:"})


def test_yes_writes_a_starter_that_validates_and_recommends(tmp_path):
    out = tmp_path / "reqs.yaml"
    result = CliRunner().invoke(cli, ["init", str(out), "--yes"], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"wrote {out}; next: techpick validate --req {out} && techpick recommend --req {out}\n"
    checked = CliRunner().invoke(cli, ["validate", "--req", str(out), "--strict"], catch_exceptions=False)
    assert (checked.exit_code, checked.stdout) == (0, f"requirements valid: {out} (1 need)\n")
    shown = CliRunner().invoke(cli, ["recommend", "--req", str(out)], catch_exceptions=False)
    assert shown.exit_code == 0 and shown.stdout.startswith("main-db (storage)\n  pick ")


def test_an_existing_file_is_never_replaced_without_force(tmp_path):
    out = tmp_path / "reqs.yaml"
    out.write_text("mine\n")
    refused = CliRunner().invoke(cli, ["init", str(out), "--yes"])
    assert (refused.exit_code, out.read_text()) == (2, "mine\n")
    assert refused.stderr == f"techpick: {out} exists; use --force to replace it\n"
    forced = CliRunner().invoke(cli, ["init", str(out), "--yes", "--force"], catch_exceptions=False)
    assert forced.exit_code == 0 and out.read_text().startswith("# yaml-language-server: $schema=")


def test_the_modeline_points_at_the_schema_from_where_the_file_is(tmp_path):
    assert schema_url("site", Path("reqs.yaml")) == "site/schemas/reqs.schema.json"
    assert schema_url("site", Path("examples/reqs.yaml")) == "../site/schemas/reqs.schema.json"
    assert schema_url("https://example.org/techpick/", Path("a/b.yaml")) == (
        "https://example.org/techpick/schemas/reqs.schema.json")


def test_names_that_yaml_would_misread_are_quoted(tmp_path):
    catalog = load_catalog()
    answers = Answers(name="Shop: v2 # draft", needs=[NeedAnswers(id="yes", role="storage")])
    out = tmp_path / "reqs.yaml"
    out.write_text(render(answers, "x"))
    reqs = load_requirements(out, catalog)
    assert (reqs.name, reqs.needs[0].id) == ("Shop: v2 # draft", "yes")


def test_a_real_process_asks_and_writes(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "techpick", "init", "shop.yaml"], input=ANSWERS, text=True,
                          capture_output=True, cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "")
    assert "did you mean messaging?" in proc.stderr
    validated = subprocess.run([sys.executable, "-m", "techpick", "validate", "--req", "shop.yaml"],
                               capture_output=True, text=True, cwd=tmp_path)
    assert (validated.returncode, validated.stdout) == (0, "requirements valid: shop.yaml (2 needs)\n")
