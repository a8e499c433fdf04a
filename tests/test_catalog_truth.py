"""Keeping the catalog dated: `validate --strict` and scripts/catalog_truth.py name what is due for a check."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from techpick import load_catalog
from techpick.cli import cli
from tests.conftest import ROOT


def _dated(mini):
    mini.add("fresh", reviewed="2026-06")
    mini.add("old", reviewed="2025-06")
    mini.add("never")


def test_stale_names_entries_never_reviewed_or_reviewed_over_a_year_ago(mini):
    _dated(mini)
    stale = load_catalog(mini.root).stale("2026-11-30")
    assert [(p.file.split("/")[-1], p.message.split(":")[0]) for p in stale] == [
        ("never.yaml", "never reviewed"), ("old.yaml", "last reviewed 2025-06, more than 12 months ago")]


def test_validate_notes_stale_entries_and_strict_fails_on_them(mini):
    _dated(mini)
    runner = CliRunner()
    plain = runner.invoke(cli, ["validate", "--catalog", str(mini.root), "--no-cache"])
    assert plain.exit_code == 0 and "2 entries not reviewed within 12 months" in plain.stderr
    strict = runner.invoke(cli, ["validate", "--catalog", str(mini.root), "--no-cache", "--strict"])
    assert strict.exit_code == 2 and "never.yaml" in strict.stderr and "old.yaml" in strict.stderr
    assert "fresh.yaml" not in strict.stderr


def test_the_truth_script_lists_what_is_due_and_exits_1(mini):
    _dated(mini)
    mini.add("sold", reviewed="2026-10", hosting={"self_hosted": False,
             "managed": [{"service": "Some Cloud DB", "provider": "aws", "clouds": ["aws"], "status": "preview"}]})
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalog_truth.py"), "--catalog", str(mini.root),
                           "--today", "2026-11-30"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert "never reviewed" in out and "last reviewed 2025-06" in out
    assert "managed offer 'Some Cloud DB' has no page (url)" in out
    assert "is preview with neither a note nor a source" in out
    assert "sources not checked" in out and "fresh.yaml" not in out


def test_the_truth_script_asks_software_for_its_current_release_but_not_managed_services(mini):
    released = {"date": "2026-03", "kind": "released", "note": "version 2.0", "source": "https://example.org/2.0"}
    mini.add("tracked", reviewed="2026-10", events=[released])
    mini.add("untracked", reviewed="2026-10")
    mini.add("service", reviewed="2026-10", hosting={"self_hosted": False, "managed": [
        {"service": "Service", "provider": "aws", "clouds": ["aws"], "url": "https://example.org/service"}]})
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalog_truth.py"), "--catalog", str(mini.root),
                           "--today", "2026-11-30"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    flagged = [line.split()[1].rstrip(":") for line in proc.stdout.splitlines() if line.startswith("release")]
    assert flagged == ["untracked"]


def test_the_truth_script_reports_an_invalid_catalog_without_a_traceback(mini):
    mini.add("broken", reviewed="2026-10", events=[{"date": "2026-03", "kind": "released", "note": "2.0",
                                                     "source": "https://example.org/2.0"}])
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalog_truth.py"), "--catalog", str(mini.root)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "broken.yaml" in proc.stderr and "events.0.note" in proc.stderr


def test_the_truth_script_reports_a_source_that_is_gone_but_not_one_that_refuses_head_requests(mini):
    import http.server
    import threading

    class Site(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):  # noqa: N802 - the name http.server calls
            self.send_response({"/here": 200, "/refuses-head": 405}.get(self.path, 404))
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_port}"
    mini.add("cited", reviewed="2026-10", sources=[
        {"url": f"{site}/{page}", "supports": ["description"]} for page in ("here", "refuses-head", "moved")])
    try:
        proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalog_truth.py"), "--catalog", str(mini.root),
                               "--today", "2026-11-30", "--online", "--timeout", "3"],
                              capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
    assert "Traceback" not in proc.stderr
    gone = [line for line in proc.stdout.splitlines() if line.startswith("gone")]
    assert gone == [f"gone     cited: {site}/moved (HTTP 404)"]
