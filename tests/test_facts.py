"""techpick.facts: each fact said one way, for people, wherever it is shown."""

from __future__ import annotations

import pytest

from techpick import facts, load_catalog
from techpick.cli import cli


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize(("seconds", "said"), [(0.0003, "300 µs"), (0.01, "10 ms"), (2.0, "2 s"), (None, "–")])
def test_latency_has_a_space_before_its_unit_and_micro_as_mu(seconds, said):
    assert facts.latency(seconds) == said


def test_a_licence_is_said_in_words_with_its_kind(catalog):
    assert facts.licence(catalog, catalog.get("postgresql")) == "PostgreSQL Licence (open source, permissive)"
    assert facts.licence_words(catalog, catalog.get("kafka")) == "Apache License 2.0"


def test_concurrency_says_what_is_counted(catalog):
    tech = next(t for t in catalog if t.scale.concurrency_max and t.scale.concurrency_max >= 1000)
    assert facts.concurrency(tech) == f"{tech.scale.concurrency_max:,} concurrent clients"


def test_hosting_names_the_clouds_and_complexity_says_of_what(catalog):
    said = facts.hosting(catalog, catalog.get("postgresql"))
    assert said.startswith("self-hosted, managed on ") and "Amazon Web Services" in said and "aws" not in said
    assert facts.complexity(catalog.get("clickhouse")).endswith("of 5 managed")


def test_a_withdrawn_offer_is_not_said_as_hosting(mini):
    mini.add("gone", hosting={"self_hosted": True, "managed": [
        {"service": "Old Cloud DB", "provider": "aws", "clouds": ["aws"], "status": "withdrawn"}]})
    catalog = load_catalog(mini.root)
    assert facts.hosting(catalog, catalog.get("gone")) == "self-hosted"


def test_show_and_the_site_say_a_fact_the_same_way(catalog):
    from click.testing import CliRunner

    from techpick.sitegen import generate

    shown = CliRunner().invoke(cli, ["show", "clickhouse"], catch_exceptions=False).stdout
    page = generate(catalog, {}, {"index.md": "# techpick\n"})["docs/tech/clickhouse.md"]
    for said in (facts.licence_words(catalog, catalog.get("clickhouse")), facts.complexity(catalog.get("clickhouse")),
                 facts.concurrency(catalog.get("clickhouse"))):
        assert said in shown and said in page


@pytest.mark.parametrize("ids", [["clickhouse", "postgresql"], ["redisgraph", "falkordb"], ["kafka", "rabbitmq"]])
def test_compare_and_the_compare_page_say_each_fact_as_show_does(catalog, ids):
    """A fact reads the same in `show`, in `techpick compare` (text, Markdown, JSON) and on the site's compare page."""
    import json

    from click.testing import CliRunner

    from techpick.compare import compare, site_data

    c = compare(catalog, ids)
    said = {r.dimension: r.values for r in c.rows}
    page = site_data(catalog)
    as_json = json.loads(CliRunner().invoke(cli, ["compare", *ids, "--format", "json"], catch_exceptions=False).stdout)
    markdown = CliRunner().invoke(cli, ["compare", *ids, "--format", "markdown"], catch_exceptions=False).stdout
    for i, tech in enumerate(c.technologies):
        shown = CliRunner().invoke(cli, ["show", tech.id], catch_exceptions=False).stdout
        expected = {
            "licence": facts.licence(catalog, tech), "hosting": facts.hosting(catalog, tech),
            "latency p99": facts.latency(tech.scale.latency_p99),
            "volume": facts.sweet_range(tech.scale.volume, facts.volume),
            "throughput": facts.sweet_range(tech.scale.throughput, facts.throughput),
            "concurrency": facts.concurrency(tech), "operations": facts.complexity(tech),
            "smallest HA cluster": facts.ha_nodes(tech), "status": facts.status(tech),
        }
        for dimension, value in expected.items():
            assert said[dimension][i] == value
            assert page["technologies"][tech.id]["values"][page["dimensions"].index(dimension)] == value
            assert next(d for d in as_json["dimensions"] if d["dimension"] == dimension)["values"][tech.id] == value
            assert value in markdown
            if dimension not in ("smallest HA cluster", "status") and value != facts.NONE:
                assert value in shown, (tech.id, dimension)
