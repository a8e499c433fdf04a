"""`techpick compare`: technologies side by side, differences first, in three formats."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from techpick.cli import cli
from techpick.compare import compare
from techpick.errors import TechpickError
from techpick.loader import load_catalog
from techpick.radar import load_radar
from tests.conftest import ROOT
from tests.run_cli import run_main


@pytest.fixture
def techpick(capsys, monkeypatch):
    """`techpick("check", ...)` runs the entry point in this process."""
    return lambda *args: run_main(capsys, monkeypatch, *args)


@pytest.fixture
def two(mini):
    mini.add("alpha", capabilities={"point-lookup": "native", "ttl": "native"},
             capability_notes={}, use_when=["small key-value data"], avoid_when=["analytics"])
    mini.add("beta", license={"spdx": "BUSL-1.1"}, capabilities={"point-lookup": "native", "ttl": "partial"},
             capability_notes={"ttl": "only per table"}, operations={"complexity": 4, "reason": "many processes"},
             relations={"alternative_to": ["alpha"]})
    return mini


def test_rows_mark_exactly_the_differences(two):
    c = compare(load_catalog(two.root), ["alpha", "beta"])
    differing = {r.dimension: r.values for r in c.rows if r.differs}
    assert differing == {
        "licence": ["Apache License 2.0 (open source, permissive)",
                    "Business Source License 1.1 (converts to open source after a delay) (source-available)"],
        "operations": ["2 of 5 to operate", "4 of 5 to operate"]}
    assert [(r.capability, r.levels, r.differs) for r in c.capabilities] == [
        ("ttl", ["native", "partial"], True), ("point-lookup", ["native", "native"], False)]
    assert c.key_differences == [
        "Only Alpha serves ttl natively; Beta only partially.",
        "Alpha is the lightest to run (2 of 5 to operate); Beta the heaviest (4 of 5 to operate: many processes).",
        "Licences differ in kind: Alpha Apache License 2.0 (open source, permissive) and "
        "Beta Business Source License 1.1 (converts to open source after a delay) (source-available).",
    ]
    assert c.relations == ["Beta lists Alpha as an alternative."]


def test_every_fact_reads_as_show_says_it(mini):
    """Units spelled for people, licences and clouds in words, weight out of 5: the words of `techpick show`."""
    mini.add("fast", scale={"latency_p99": "300us", "concurrency_max": 10000},
             hosting={"self_hosted": True, "managed": [{"service": "Fast Cloud", "provider": "aws", "clouds": ["aws"]}]},
             operations={"complexity": 3, "managed_complexity": 1, "reason": "a cluster to run", "min_nodes_ha": 3})
    mini.add("old", scale={"latency_p99": "2s"}, status={"state": "retired", "since": 2023, "successor": "fast"})
    c = compare(load_catalog(mini.root), ["fast", "old"])
    said = {r.dimension: r.values for r in c.rows}
    assert said["licence"] == ["Apache License 2.0 (open source, permissive)"] * 2
    assert said["hosting"] == ["self-hosted, managed on Amazon Web Services", "self-hosted"]
    assert said["latency p99"] == ["300 µs", "2 s"]
    assert said["volume"] == ["1 GB–1 TB, max 10 TB"] * 2
    assert said["throughput"] == ["10/s–100k/s, max 1M/s"] * 2
    assert said["concurrency"] == ["10,000 concurrent clients", "–"]
    assert said["operations"] == ["3 of 5 to operate, 1 of 5 managed", "2 of 5 to operate"]
    assert said["smallest HA cluster"] == ["3 nodes", "–"]
    assert said["status"] == ["active", "retired since 2023, successor fast"]
    assert "Old is retired since 2023, successor fast." in c.key_differences
    shown = CliRunner().invoke(cli, ["show", "old", "--catalog", str(mini.root)], catch_exceptions=False).stdout
    for dimension in ("licence", "hosting", "latency p99", "volume", "throughput", "operations", "status"):
        assert said[dimension][1] in shown


def test_text_json_and_markdown(two):
    runner = CliRunner()
    base = ["compare", "alpha", "beta", "--catalog", str(two.root)]
    text = runner.invoke(cli, base, catch_exceptions=False).stdout
    assert text.startswith("Alpha [alpha] vs Beta [beta]\n")
    assert "\n* licence                 Apache License 2.0 (open  Business Source License\n" in text
    assert "\n* operations              2 of 5 to operate         4 of 5 to operate\n" in text
    assert "\n* ttl                     native                    partial\n" in text
    assert "capabilities all have: point-lookup (native)" in text
    data = json.loads(runner.invoke(cli, [*base, "--format", "json"], catch_exceptions=False).stdout)
    assert [t["id"] for t in data["technologies"]] == ["alpha", "beta"]
    licence = next(d for d in data["dimensions"] if d["dimension"] == "licence")
    assert licence == {"dimension": "licence", "differs": True,
                       "values": {"alpha": "Apache License 2.0 (open source, permissive)",
                                  "beta": "Business Source License 1.1 (converts to open source after a delay) "
                                          "(source-available)"}}
    assert data["capabilities"][0]["notes"] == {"beta": "only per table"}
    md = runner.invoke(cli, [*base, "--format", "markdown", "--site-url", "https://x.org/"],
                       catch_exceptions=False).stdout
    assert "| **operations** | **2 of 5 to operate** | **4 of 5 to operate** |" in md
    assert "| ttl | **native** | partial: only per table |" in md
    assert "[Alpha](https://x.org/tech/alpha/)" in md
    assert md.index("## Key differences") < md.index("## Side by side") < md.index("## When to choose which")
    assert "- Use it when: small key-value data" in md


def test_compare_shows_the_team_radar(two, tmp_path):
    radar_file = tmp_path / "radar.yaml"
    radar_file.write_text("version: 1\nentries:\n  - {id: beta, ring: hold, reason: licence changed}\n")
    catalog = load_catalog(two.root)
    c = compare(catalog, ["alpha", "beta"], load_radar(radar_file, catalog))
    assert next(r for r in c.rows if r.dimension == "team radar").values == ["–", "hold"]
    md = CliRunner().invoke(cli, ["compare", "alpha", "beta", "--format", "markdown", "--radar", str(radar_file),
                                  "--catalog", str(two.root)], catch_exceptions=False).stdout
    assert "- [Beta](site/tech/beta/): **hold**, licence changed" in md


def test_unknown_or_single_names_are_refused(two, techpick):
    catalog = load_catalog(two.root)
    with pytest.raises(TechpickError, match="unknown technology 'alpah'; did you mean alpha?"):
        compare(catalog, ["alpah", "beta"])
    with pytest.raises(TechpickError, match="at least two different technologies"):
        compare(catalog, ["alpha", "alpha"])
    proc = techpick("compare", "alpah", "beta", "--catalog", str(two.root))
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith("techpick: unknown technology 'alpah'; did you mean alpha?")


@pytest.mark.parametrize("ids", [["kafka", "rabbitmq", "pulsar"], ["postgres", "mysql", "sqlite"]])
def test_shipped_comparisons_lead_with_what_decides(ids):
    catalog = load_catalog()
    c = compare(catalog, ids)
    assert [t.id for t in c.technologies] == [catalog.resolve(i) for i in ids]
    assert c.key_differences
    dims = [r.dimension for r in c.rows]
    for dimension in ("roles", "data models", "licence", "hosting", "latency p99", "volume",
                      "throughput", "consistency", "high availability", "scaling", "operations", "status"):
        assert dimension in dims
    assert all(r.differs for r in c.capabilities[:1])


def test_the_shipped_example_comparison_is_current():
    """examples/compare-kafka-rabbitmq-pulsar.md is produced by the command; regenerate it when this fails."""
    result = CliRunner().invoke(cli, ["compare", "kafka", "rabbitmq", "pulsar", "--format", "markdown",
                                      "--site-url", "../site"], catch_exceptions=False)
    example = ROOT / "examples" / "compare-kafka-rabbitmq-pulsar.md"
    assert example.is_file()
    assert result.stdout.split("\n", 1)[0] == example.read_text().split("\n", 1)[0]
