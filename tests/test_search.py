"""`techpick search` on the shipped catalog: everyday queries, in English and Russian,
with typos, put the technology people mean first."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from techpick import load_catalog
from techpick.cli import cli
from techpick.models import Technology
from techpick.search import search, stem, vocabulary_phrases


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def is_a(role: str | None = None, model: str | None = None, capability: str | None = None):
    """A test of the first result: it has this main role, data model or native capability."""
    def check(tech: Technology) -> bool:
        return ((role is None or tech.primary_role == role)
                and (model is None or model in tech.data_models)
                and (capability is None or tech.capabilities.get(capability, None) is not None
                     and tech.capabilities[capability].value == "native"))
    return check


EVERYDAY = [
    ("kafka", "kafka"),
    ("postgress", "postgresql"),                    # typo
    ("elastcsearch", "elasticsearch"),              # typo
    ("k8s", "kubernetes"),                          # alias
    ("redisgraph", "redisgraph"),                   # a retired entry, named
    ("rabitmq", "rabbitmq"),                        # typo
    ("column store", is_a("storage", "columnar")),  # synonym of columnar
    ("graph database", is_a("storage", "graph")),
    ("exactly once", is_a(capability="exactly-once")),
    ("queue", is_a("messaging")),                   # synonym of messaging
    ("message queue", is_a("messaging")),
    ("mesage queue", is_a("messaging")),            # typo
    ("full text", is_a(capability="full-text")),
    ("key value", is_a(model="key-value")),
    ("cdc", is_a("data-integration")),
    ("workflow orchestration", is_a("workflow-orchestration")),
    ("feature store", "feast"),
    ("monitoring", is_a("metrics")),
    ("очередь сообщений", is_a("messaging")),
    ("очереди сообщений", is_a("messaging")),       # another case of the same words
    ("очередь сообщенй", is_a("messaging")),        # typo
    ("полнотекстовый поиск", is_a(capability="full-text")),
    ("колоночная база", is_a("storage", "columnar")),
    ("колоночные базы", is_a("storage", "columnar")),
    ("база данных", is_a("storage")),
    ("графовая база", is_a("storage", "graph")),
    ("потоковая обработка", is_a("stream-processing")),
    ("мониторинг", is_a("metrics")),
    ("оркестрация контейнеров", "kubernetes"),
]


@pytest.mark.parametrize(("query", "expected"), EVERYDAY, ids=[q for q, _ in EVERYDAY])
def test_an_everyday_query_puts_what_people_mean_first(catalog, query, expected):
    first = search(catalog, query)[0][0]
    if isinstance(expected, str):
        assert first.id == expected
    else:
        assert expected(first), f"{query!r} put {first.id} first"


def test_a_retired_entry_sinks_below_an_active_one(catalog):
    ranked = [tech.id for tech, _ in search(catalog, "graph database", limit=50)]
    assert ranked.index("redisgraph") > ranked.index("neo4j")
    assert ranked.index("redisgraph") > ranked.index("falkordb")


def test_russian_words_are_compared_by_their_stems():
    assert stem("очереди") == stem("очередь")
    assert stem("колоночные") == stem("колоночная")
    assert stem("queues") == stem("queue")


def test_the_site_and_the_cli_share_the_words_of_an_entry(catalog):
    phrases = vocabulary_phrases(catalog, catalog.get("clickhouse"))
    assert "columnar" in phrases and "колоночная база" in phrases and "column store" in phrases


def test_the_command_prints_the_best_first():
    result = CliRunner().invoke(cli, ["search", "очередь", "сообщений", "--limit", "3"], catch_exceptions=False)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3


def test_a_catalog_searched_again_reuses_its_index_and_an_edited_one_is_indexed_anew(mini):
    mini.add("alpha", keywords=["ledger"])
    first = load_catalog(mini.root)
    assert [t.id for t, _ in search(first, "ledger")] == ["alpha"]
    assert [t.id for t, _ in search(load_catalog(mini.root), "ledger")] == ["alpha"]
    mini.add("alpha", keywords=["journal"])
    assert [t.id for t, _ in search(load_catalog(mini.root), "ledger")] == []
