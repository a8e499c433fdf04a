"""Scenarios an expert answers without thinking, on the shipped catalog.

Each one was a wrong answer of the first engine (issue 10); these tests keep the
engine and the catalog from sliding back. They assert the expert's answer, not
a score.
"""

from __future__ import annotations

from typing import Any

import pytest

from techpick import load_catalog
from techpick.graph import build_graph
from techpick.recommend import recommend
from techpick.requirements import Requirements


@pytest.fixture(scope="module")
def engine():
    catalog = load_catalog()
    g = build_graph(catalog)

    def run(needs: list[dict[str, Any]], **top: Any):
        reqs = Requirements.model_validate({"version": 1, **top, "needs": needs})
        return recommend(g, catalog.resolve_requirements(reqs), today="2026-11-30")

    return run


def ids(result, index: int = 0) -> list[str]:
    return [p.id for p in result.needs[index].picks]


def test_a_two_person_team_gets_hosted_ci(engine):
    result = engine([{"id": "ci", "role": "ci-cd"}], context={"team_size": 2, "skills": ["python"]})
    assert ids(result)[0] in {"github-actions", "gitlab-ci"}


def test_a_small_team_relational_app_gets_postgresql_managed(engine):
    result = engine([{"id": "db", "role": "storage", "data_model": "relational", "access": ["transactions", "joins"],
                      "volume": "20GB", "availability": "high"}], context={"team_size": 3, "skills": ["python"]})
    pick = result.needs[0].picks[0]
    assert (pick.id, pick.form.name) == ("postgresql", "managed")


def test_no_java_embedded_database_for_a_python_application(engine):
    needs = [{"id": "local", "role": "storage", "data_model": "relational", "embedded": True,
              "access": ["transactions"]}]
    by_skills = engine(needs, context={"skills": ["python", "sql"]})
    by_language = engine(needs, context={"languages": ["python"]})
    assert "h2" not in ids(by_skills) and "h2" not in ids(by_language)
    assert ids(by_skills)[0] == "sqlite"


def test_open_table_formats_are_considered_for_an_offline_feature_store(engine):
    result = engine([{"id": "offline-features", "role": "storage", "data_model": "columnar", "volume": "5TB",
                      "access": ["aggregation"], "prefer": ["time-travel"]}],
                    context={"team_size": 4, "existing": ["s3"]})
    shown = set(ids(result)) | {c.id for c in result.needs[0].considered}
    assert shown & {"iceberg", "delta-lake", "hudi"}


def test_a_small_team_runs_one_redis_for_jobs_sessions_and_cache(engine):
    result = engine([
        {"id": "jobs", "role": "messaging", "access": ["work-queue"], "throughput": "50/s"},
        {"id": "sessions", "role": "storage", "data_model": "key-value", "access": ["point-lookup", "ttl"]},
        {"id": "cache", "role": "storage", "data_model": "key-value", "access": ["point-lookup"],
         "persistence": False},
    ], context={"team_size": 3, "skills": ["python"]})
    assert len(result.stack) == 1 and result.stack[0] in {"redis", "valkey"}


def test_containers_under_managed_hosting_still_get_a_runtime(engine):
    result = engine([{"id": "app", "role": "containers"}], constraints={"hosting": "managed"})
    assert ids(result) and ids(result)[0] in {"docker", "podman", "docker-compose"}


def test_tracing_on_azure_managed_has_a_back_end_and_no_standard_as_its_alternative(engine):
    result = engine([{"id": "traces", "role": "tracing"}], constraints={"hosting": "managed", "cloud": "azure"})
    assert ids(result) and "opentelemetry" not in ids(result)[1:]


def test_a_small_problem_does_not_get_hadoop(engine):
    result = engine([{"id": "batch", "role": "batch-processing", "data_model": "tabular", "volume": "20GB",
                      "access": ["joins", "aggregation"]}], context={"team_size": 1, "skills": ["python"]})
    assert not set(ids(result)) & {"hadoop-mapreduce", "spark", "hive", "flink"}


def test_a_small_team_gets_docker_for_its_containers(engine):
    result = engine([{"id": "app", "role": "containers"}], context={"team_size": 3, "skills": ["python"]})
    assert ids(result)[0] in {"docker", "docker-compose"}
