"""Spotting a release line the catalog does not know yet, from version numbers alone."""

from __future__ import annotations

from techpick.release_lines import (line_behind, newer_line, newest_published, published_version, recorded_line,
                                    release_repository)
from tests.conftest import MiniCatalog

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><title>v5.0.0-rc1</title><link rel="alternate" href="https://github.com/o/kafkaish/releases/tag/v5.0.0-rc1"/></entry>
  <entry><title>helm chart 7.3.0</title><link rel="alternate" href="https://github.com/o/kafkaish/releases/tag/helm-kafkaish-7.3.0"/></entry>
  <entry><title>4.4.1</title><link rel="alternate" href="https://github.com/o/kafkaish/releases/tag/v4.4.1"/></entry>
  <entry><title>4.3.2</title><link rel="alternate" href="https://github.com/o/kafkaish/releases/tag/v4.3.2"/></entry>
</feed>"""


def _entry(mini: MiniCatalog, component: str, source: str = "https://github.com/o/kafkaish/releases/tag/v4.0.0"):
    event = {"date": "2025-03-18", "kind": "released", "component": component, "note": "opened the line",
             "source": source}
    mini.add("kafkaish", reviewed="2026-11", events=[event])
    from techpick import load_catalog
    return load_catalog(mini.root).get("kafkaish")


def test_an_event_names_its_line_by_the_parts_it_gives():
    assert recorded_line("Kafka 4.0") == (4,)
    assert recorded_line("Riak KV 3.4") == (3, 4)
    assert recorded_line("KServe 0.21") == (0, 21)
    assert recorded_line("a dashboard") is None


def test_pre_releases_and_other_components_tags_are_not_releases_of_the_product():
    assert published_version("v4.4.1") == (4, 4, 1)
    assert published_version("py-2.0.0") == (2, 0, 0)
    assert published_version("v5.0.0-rc1") is None
    assert published_version("3.0.0.dev0") is None
    assert published_version("helm-loki-7.3.0") is None
    assert published_version("operator/v0.11.0") is None


def test_a_newer_line_is_compared_at_the_width_the_event_names():
    assert not newer_line((4,), (4, 4, 1))
    assert newer_line((4,), (5, 0, 0))
    assert newer_line((3, 4), (3, 6, 0))
    assert not newer_line((3, 4), (3, 4, 1))
    assert newer_line((0, 21), (0, 22, 0))


def test_the_feed_gives_its_highest_final_release():
    assert newest_published(FEED) == ((4, 4, 1), "v4.4.1")
    assert newest_published("not xml") is None


def test_an_entry_is_behind_only_when_its_repository_publishes_a_newer_line(mini):
    assert line_behind(_entry(mini, "Kafka 4.0"), FEED) is None
    behind = line_behind(_entry(mini, "Kafka 4.3"), FEED)
    assert behind == "v4.4.1 is published, a newer line than the recorded 'Kafka 4.3'"


def test_the_repository_is_the_one_of_the_newest_recorded_release(mini):
    assert release_repository(_entry(mini, "Kafka 4.0")) == ("o", "kafkaish")
    assert release_repository(_entry(mini, "Kafka 4.0", source="https://kafka.example.org/blog")) is None


def test_the_truth_script_reports_release_feeds_it_cannot_read_as_not_checked(mini):
    import subprocess
    import sys

    from tests.conftest import ROOT
    _entry(mini, "Kafka 4.0")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalog_truth.py"), "--catalog", str(mini.root),
                           "--today", "2026-11-30", "--online", "--timeout", "3"],
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr
    assert "release feeds could not be reached, so they were not checked" in proc.stdout
