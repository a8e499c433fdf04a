"""Spotting a release line the catalog does not know yet, from version numbers alone."""

from __future__ import annotations

import json

from techpick.release_lines import (line_behind, newer_line, newest_on_pypi, newest_published, published_version,
                                    pypi_page, pypi_project, recorded_line, release_repository)
from tests.conftest import MiniCatalog

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><title>v5.0.0-rc1</title><link rel="alternate" href="https://github.com/o/kafkaish/releases/tag/v5.0.0-rc1"/></entry>
  <entry><title>helm chart 7.3.0</title><link rel="alternate" href="https://github.com/o/kafkaish/releases/tag/helm-kafkaish-7.3.0"/></entry>
  <entry><title>4.4.1</title><link rel="alternate" href="https://github.com/o/kafkaish/releases/tag/v4.4.1"/></entry>
  <entry><title>4.3.2</title><link rel="alternate" href="https://github.com/o/kafkaish/releases/tag/v4.3.2"/></entry>
</feed>"""


PYPI = json.dumps({"info": {"name": "kafkaish"}, "releases": {
    "4.3.2": [{"yanked": False}], "4.4.1": [{"yanked": False}], "5.0.0a1": [{"yanked": False}],
    "5.0.0rc1": [{"yanked": False}], "4.5.0": [{"yanked": True}], "4.6.0": []}})


def _entry(mini: MiniCatalog, component: str, source: str = "https://github.com/o/kafkaish/releases/tag/v4.0.0",
           sources: list[dict] | None = None):
    event = {"date": "2025-03-18", "kind": "released", "component": component, "note": "opened the line",
             "source": source}
    docs = {"url": "https://kafkaish.example.org/docs", "title": "docs", "supports": ["description"]}
    mini.add("kafkaish", reviewed="2026-11", events=[event], **({"sources": [docs, *sources]} if sources else {}))
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
    assert published_version("2.0.0a1") is None and published_version("3.1.0b2") is None
    assert published_version("1.2.0.post1") == (1, 2, 0)
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


def test_pypi_gives_its_highest_final_release_that_still_has_files_not_yanked():
    assert newest_on_pypi(PYPI) == ((4, 4, 1), "4.4.1")
    assert newest_on_pypi("<html>not json</html>") is None


def test_a_pypi_page_names_its_project_and_release():
    assert pypi_page("https://pypi.org/project/celery/") == ("celery", None)
    assert pypi_page("https://pypi.org/project/celery/5.7.0/") == ("celery", "5.7.0")
    assert pypi_page("https://docs.celeryq.dev/") is None


def test_only_a_pypi_page_that_backs_the_events_names_the_project_whose_versions_are_the_products(mini):
    client = {"url": "https://pypi.org/project/kafkaish-client/", "title": "a client", "supports": ["capabilities"]}
    assert pypi_project(_entry(mini, "Kafka 4.0", sources=[client])) is None
    own = {"url": "https://pypi.org/project/kafkaish/4.0.0/", "title": "kafkaish 4.0.0", "supports": ["events"]}
    assert pypi_project(_entry(mini, "Kafka 4.0", sources=[client, own])) == "kafkaish"


def test_an_entry_is_behind_only_when_its_project_publishes_a_newer_line(mini):
    assert line_behind(_entry(mini, "Kafka 4.0"), newest_published(FEED)) is None
    behind = line_behind(_entry(mini, "Kafka 4.3"), newest_published(FEED))
    assert behind == "v4.4.1 is published, a newer line than the recorded 'Kafka 4.3'"
    assert line_behind(_entry(mini, "Kafka 4.3"), newest_on_pypi(PYPI)) == (
        "4.4.1 is published, a newer line than the recorded 'Kafka 4.3'")
    assert line_behind(_entry(mini, "Kafka 4.3"), None) is None


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


def test_the_truth_script_reads_pypi_for_an_entry_that_names_its_pypi_page(mini):
    import http.server
    import subprocess
    import sys
    import threading

    from tests.conftest import ROOT

    class Mirror(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            body = PYPI.encode() if self.path == "/pypi/kafkaish/json" else b"{}"
            self.send_response(200 if self.path == "/pypi/kafkaish/json" else 404)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    own = {"url": "https://pypi.org/project/kafkaish/4.3.0/", "title": "kafkaish 4.3.0", "supports": ["events"]}
    listed = {"url": "https://pypi.org/project/kafkaish/4.4.1/", "title": "kafkaish 4.4.1", "supports": ["license"]}
    yanked = {"url": "https://pypi.org/project/kafkaish/4.5.0/", "title": "kafkaish 4.5.0", "supports": ["license"]}
    _entry(mini, "Kafka 4.3", source="https://kafkaish.example.org/4.3", sources=[own, listed, yanked])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Mirror)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalog_truth.py"), "--catalog", str(mini.root),
                               "--today", "2026-11-30", "--online", "--timeout", "3",
                               "--pypi", f"http://127.0.0.1:{server.server_port}"],
                              capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "newer    kafkaish: 4.4.1 is published, a newer line than the recorded 'Kafka 4.3'" in proc.stdout
    assert "gone     kafkaish: https://pypi.org/project/kafkaish/4.3.0/ (PyPI lists no release 4.3.0" in proc.stdout
    assert "gone     kafkaish: https://pypi.org/project/kafkaish/4.5.0/ (PyPI marks kafkaish 4.5.0 as yanked)" in proc.stdout
    assert "kafkaish/4.4.1/" not in proc.stdout
