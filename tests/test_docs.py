"""Tests that keep the documentation honest."""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel

from techpick import load_catalog, load_requirements
from techpick.models import Technology, Vocabulary
from techpick.requirements import Requirements
from tests.conftest import ROOT


def _fields(model: type[BaseModel], path: str, seen: set) -> typing.Iterator[tuple[str, typing.Any]]:
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield f"{path}.{name}", info
        for arg in [info.annotation, *typing.get_args(info.annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    yield from _fields(inner, f"{path}.{name}", seen)


def test_every_field_of_the_file_formats_is_described():
    missing = [path for model in (Technology, Requirements) for path, info in _fields(model, model.__name__, set())
               if not info.description]
    assert missing == []


def test_the_readme_requirements_example_loads(tmp_path):
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```yaml\n(# yaml-language-server.*?)```", text, re.S).group(1)
    path = tmp_path / "reqs.yaml"
    path.write_text(block)
    reqs = load_requirements(path, load_catalog())
    assert reqs.needs[0].id == "orders-db"


def test_the_vocabulary_defines_every_word_of_the_contract():
    vocabulary = load_catalog().vocabulary
    contract_capabilities = """point-lookup range-scan secondary-index joins transactions aggregation ad-hoc-sql
    full-text fuzzy-search geo graph-traversal vector-search pub-sub work-queue request-reply replay ordering
    exactly-once windowing stateful event-time cdc ttl upserts schema-evolution human-readable self-describing
    row-oriented column-pruning sql-interface federation agentless agent-pull push-model pull-model rootless
    daemonless gitops leader-election distributed-lock service-discovery watches autoscaling serverless
    rolling-updates multi-tenancy geo-replication rbac web-ui alerting retries backfill lineage testing
    plan-preview drift-detection drift-correction capacity-queues data-locality long-retention
    object-storage-backend low-footprint low-cost multi-cloud vendor-neutral code-generation promql forwarding
    systemd-integration reporting in-memory-mode""".split()
    assert set(contract_capabilities) <= set(vocabulary.capabilities)
    assert isinstance(vocabulary, Vocabulary)


CONTRACT_IDS = """postgresql mysql mariadb sqlite h2 duckdb cockroachdb tidb yugabytedb mongodb couchdb couchbase redis
valkey memcached dynamodb foundationdb rocksdb riak cassandra scylladb hbase bigtable clickhouse druid pinot bigquery
snowflake redshift elasticsearch opensearch solr meilisearch typesense neo4j redisgraph falkordb memgraph janusgraph
arangodb influxdb timescaledb questdb victoriametrics qdrant milvus weaviate pgvector hdfs ceph minio s3 gcs
azure-blob-storage iceberg delta-lake hudi kafka redpanda pulsar rabbitmq activemq nats kinesis sqs google-pubsub
spark spark-streaming flink kafka-streams samza storm beam hadoop-mapreduce dask ray polars pandas trino presto hive
dbt ksqldb airflow dagster prefect luigi zookeeper etcd consul yarn mesos jenkins teamcity travis-ci github-actions
gitlab-ci argo-cd ansible puppet chef saltstack terraform opentofu pulumi docker podman containerd kubernetes
docker-swarm nomad docker-compose aws google-cloud azure yandex-cloud elk loki fluentd fluent-bit graylog tick
prometheus grafana telegraf jaeger opentelemetry zipkin json csv avro parquet orc protobuf python scala java
sql""".split()


def test_every_contract_id_is_in_the_catalog_with_sources_and_a_real_description():
    catalog = load_catalog()
    assert set(CONTRACT_IDS) <= set(catalog.by_id)
    for tech in catalog:
        assert len(tech.sources) >= 2, tech.id
        sentences = [s for s in re.split(r"[.!?]\s", " ".join(tech.description.split())) if len(s) > 10]
        assert len(sentences) >= 2, tech.id


def test_the_engine_page_worked_example_is_what_the_engine_says():
    """kb/how-techpick-decides.md: every line of the worked example appears in today's --explain output,
    and each block's terms add up to its total."""
    from click.testing import CliRunner

    from techpick.cli import cli

    page = (ROOT / "kb" / "how-techpick-decides.md").read_text()
    example = re.search(r"```text\n(.*?)```", page, re.S).group(1)
    out = CliRunner().invoke(cli, ["recommend", "--req", str(ROOT / "examples" / "small-team-service.yaml"),
                                   "--explain"], catch_exceptions=False).stdout
    for line in example.splitlines():
        assert line in out.splitlines(), f"the page says {line!r}; regenerate the example"
    blocks = re.split(r"\n(?=\s*(?:pick|\w[\w-]+\s+scored))", example.strip())
    for block in blocks:
        values = [float(v) for v in re.findall(r"^\s+([+-]\d\.\d{3})  ", block, re.M)]
        *terms, total = values
        assert abs(sum(terms) - total) <= 0.005 + 1e-9
