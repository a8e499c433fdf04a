"""The published-decision benchmark (tests/bench/published) stays well formed.

These checks guard the case files, not the engine's answers: how often the
engine agrees with them is measured by ../shared/bench/score.py (see
tests/bench/README.md), and the cases it fails are kept as its to-do list.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from techpick import load_catalog
from tests.conftest import read_yaml_file

CASES = Path(__file__).resolve().parent / "bench" / "published"

# Ids fixed by contract 1.1 (../shared/spec/requirements-v1.1.md, section 5):
# valid answers even before the catalog describes them.
CONTRACT_11_IDS = {
    "spanner", "cosmos-db", "aurora", "alloydb", "firestore", "vitess", "greenplum", "starrocks",
    "apache-doris", "tigerbeetle", "seaweedfs", "lancedb", "event-hubs", "azure-service-bus", "emqx",
    "mosquitto", "risingwave", "temporal", "celery", "argo-workflows", "nifi", "debezium",
    "kafka-connect", "airbyte", "fivetran", "mlflow", "kubeflow", "feast", "kserve", "triton",
    "bentoml", "datahub", "openmetadata", "cloud-run", "aws-fargate", "azure-container-apps", "k3s",
    "helm", "vector", "tempo", "mimir", "thanos", "datadog",
}


@cache
def known_ids() -> frozenset[str]:
    """Catalog ids plus the ids contract 1.1 fixes."""
    return frozenset({tech.id for tech in load_catalog().technologies} | CONTRACT_11_IDS)


def load_cases() -> list[tuple[str, dict]]:
    return [(path.name, read_yaml_file(path)) for path in sorted(CASES.glob("*.yaml"))]


CASE_FILES = load_cases()


def test_the_set_holds_at_least_45_cases():
    assert len(CASE_FILES) >= 45


@pytest.mark.parametrize(("name", "case"), CASE_FILES, ids=[name for name, _ in CASE_FILES])
def test_a_case_quotes_its_source_and_expects_only_needs_it_states(name, case):
    assert set(case) == {"source", "reqs", "expect"}, name
    assert "https://" in case["source"], f"{name}: source must name the published decision's URL"
    need_ids = {need["id"] for need in case["reqs"]["needs"]}
    assert set(case["expect"]) <= need_ids, f"{name}: expects a need the requirements do not state"


@pytest.mark.parametrize(("name", "case"), CASE_FILES, ids=[name for name, _ in CASE_FILES])
def test_expected_and_wrong_answers_are_known_ids_and_never_overlap(name, case):
    known = known_ids()
    for need_id, expectation in case["expect"].items():
        accepted, wrong = set(expectation["any"]), set(expectation.get("not", []))
        assert accepted, f"{name}:{need_id}: no accepted answer"
        assert not accepted & wrong, f"{name}:{need_id}: {sorted(accepted & wrong)} both accepted and wrong"
        unknown = (accepted | wrong) - known
        assert not unknown, f"{name}:{need_id}: unknown ids {sorted(unknown)}"
