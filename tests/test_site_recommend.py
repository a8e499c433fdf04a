"""The Recommend page runs techpick's Python engine in headless Chromium, and
the whole site works with the network off.

The browser here reaches loopback only: every other request, from a page or
from a worker, goes to a proxy that records it and refuses it, so a request
that tries to leave is a failure even when the page would have hidden it.
The site server records what it serves, so the tests also know which page
loaded what. The sites are test_site.py's (built once per session, with the
engine), plus one built with --no-browser-engine.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from techpick.sitebuild import Engine, build_site
from tests.conftest import ROOT
from tests.run_cli import run_main
from tests.test_site import _need_browser, _QuietHandler, sites, start_chromium, wait  # noqa: F401

pytestmark = pytest.mark.browser

ENGINE_WAIT = 120
BROWSER_SERVICES = {"accounts.google.com", "update.googleapis.com"}
"""Chromium's own account check and component updater, which no flag fully turns off; no page asks for them."""


def _host(target: str) -> str:
    """The host of a proxy request: `host:443` for a tunnel, a whole URL otherwise."""
    return (urlsplit(target).hostname if "://" in target else target.rsplit(":", 1)[0]) or target


class _Recorder:
    """What a server saw, in order; `take()` returns and forgets it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: list[str] = []

    def add(self, what: str) -> None:
        with self.lock:
            self.seen.append(what)

    def take(self) -> list[str]:
        with self.lock:
            seen, self.seen = self.seen, []
        return seen


class _SiteHandler(_QuietHandler):
    recorder: _Recorder

    def send_head(self):  # noqa: ANN201 - the base class's
        self.recorder.add(self.path)
        return super().send_head()


class _RefusingProxy(http.server.BaseHTTPRequestHandler):
    """Stands for the outside world: records every request that tries to leave, answers none."""

    recorder: _Recorder

    def refuse(self) -> None:
        if _host(self.path) not in BROWSER_SERVICES:
            self.recorder.add(self.path)
        self.send_error(403, "the network is off")

    do_GET = do_POST = do_HEAD = do_CONNECT = do_OPTIONS = refuse

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def _serve(handler: type, recorder: _Recorder, **kwargs: str) -> http.server.ThreadingHTTPServer:
    handler.recorder = recorder
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, **kwargs))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def served() -> _Recorder:
    return _Recorder()


@pytest.fixture(scope="module")
def leaving() -> _Recorder:
    return _Recorder()


@pytest.fixture(scope="module")
def base_url(sites: Path, served: _Recorder) -> Iterator[str]:
    """The sites on loopback, recording every path served."""
    server = _serve(_SiteHandler, served, directory=str(sites))
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def bare_site(sites: Path) -> Path:
    """The shipped site built with --no-browser-engine, served beside the others."""
    build_site(sites / "bare", engine=Engine(False))
    return sites / "bare"


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory, leaving: _Recorder) -> Iterator[object]:
    """Headless Chromium that reaches loopback only; anything else goes to the refusing proxy."""
    _need_browser()
    proxy = _serve(_RefusingProxy, leaving)
    driver = start_chromium(tmp_path_factory.mktemp("offline-profile"), "--window-size=1366,900",
                            f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}",
                            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                            "--disable-sync", "--disable-domain-reliability",
                            "--disable-client-side-phishing-detection",
                            "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter,"
                            "SignInProfileCreation,AccountConsistency,InterestFeedContentSuggestions")
    downloads = tmp_path_factory.mktemp("downloads")
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()
    proxy.shutdown()
    proxy.server_close()


def open_recommend(driver: object, base: str) -> None:
    """The Recommend page with its engine started; a page already open is used again (Python stays up)."""
    from selenium.webdriver.common.by import By

    if driver.current_url != f"{base}/recommend/":
        driver.get(f"{base}/recommend/")
    wait(driver, lambda d: d.find_element(By.ID, "tp-rec-status").get_attribute("data-state") != "loading",
         ENGINE_WAIT)


def submit(driver: object, text: str, explain: bool = False) -> str:
    """Put a file in the page's editor as a paste would, run it; the state the page ends in."""
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, "tp-rec-file")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))",
                          box, text)
    check = driver.find_element(By.ID, "tp-rec-explain")
    if check.is_selected() != explain:
        check.click()
    out = driver.find_element(By.ID, "tp-rec-out")
    before = out.get_attribute("data-run") or "0"
    driver.find_element(By.ID, "tp-rec-run").click()
    wait(driver, lambda d: (out.get_attribute("data-run") or "0") != before, ENGINE_WAIT)
    return out.get_attribute("data-state")


def cli(capsys, monkeypatch, tmp_path: Path, name: str, text: str, *args: str):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")
    return run_main(capsys, monkeypatch, *args)


# ---- the Recommend page -------------------------------------------------------

def test_a_pasted_file_gives_the_clis_picks_stack_and_report(offline, base_url, tmp_path, capsys, monkeypatch):
    from selenium.webdriver.common.by import By

    text = (ROOT / "examples" / "analytics-platform.yaml").read_text(encoding="utf-8")
    open_recommend(offline, f"{base_url}/shipped/site")
    status = offline.find_element(By.ID, "tp-rec-status")
    assert status.get_attribute("data-state") == "ready"
    assert status.get_attribute("data-image") == "1", "Python restored from the build's start-up image"
    assert submit(offline, text, explain=True) == "done"

    expected_text = cli(capsys, monkeypatch, tmp_path, "reqs.yaml", text, "recommend", "--req", "reqs.yaml",
                        "--explain").stdout
    expected = json.loads(run_main(capsys, monkeypatch, "recommend", "--req", "reqs.yaml", "--format", "json").stdout)
    assert offline.find_element(By.ID, "tp-rec-report").text == expected_text.strip()
    shown = {card.get_attribute("data-need"): [li.get_attribute("data-id") for li in
                                               card.find_elements(By.CSS_SELECTOR, ".tp-picks > li")]
             for card in offline.find_elements(By.CSS_SELECTOR, "#tp-rec-needs > li")}
    assert shown == {need["id"]: [p["id"] for p in need["picks"]] for need in expected["needs"]}
    assert offline.find_element(By.ID, "tp-rec-stack").text == ", ".join(expected["stack"]["components"])
    notes = [li.text for li in offline.find_elements(By.CSS_SELECTOR, "#tp-rec-notes > li")]
    assert notes == expected["stack"]["notes"] and notes
    considered = offline.find_elements(By.CSS_SELECTOR, ".tp-considered > li")
    assert considered and "scored" in considered[0].text  # why the others lost
    plain = run_main(capsys, monkeypatch, "recommend", "--req", "reqs.yaml").stdout
    assert plain != expected_text, "the report shown is the one with every score term (--explain)"


def test_the_review_and_the_json_download_as_the_cli_writes_them(offline, base_url, tmp_path, capsys, monkeypatch):
    from selenium.webdriver.common.by import By

    text = (ROOT / "examples" / "small-team-service.yaml").read_text(encoding="utf-8")
    open_recommend(offline, f"{base_url}/shipped/site")
    assert submit(offline, text) == "done"
    for old in offline.downloads.iterdir():
        old.unlink()
    review_link = offline.find_element(By.ID, "tp-rec-review")
    wait(offline, lambda d: review_link.get_attribute("data-ready") == "1", ENGINE_WAIT)  # it follows the answer
    review_link.click()
    offline.find_element(By.ID, "tp-rec-json").click()
    review, data = offline.downloads / "review.md", offline.downloads / "recommendation.json"
    wait(offline, lambda d: review.is_file() and data.is_file(), 30)

    today = time.strftime("%Y-%m-%d", time.gmtime())
    site = f"{base_url}/shipped/site"
    assert data.read_text(encoding="utf-8") == cli(capsys, monkeypatch, tmp_path, "reqs.yaml", text, "recommend",
                                                   "--req", "reqs.yaml", "--format", "json").stdout
    assert review.read_text(encoding="utf-8") == run_main(capsys, monkeypatch, "review", "--req", "reqs.yaml",
                                                          "--date", today, "--site-url", site).stdout
    assert f"{site}/tech/" in review.read_text(encoding="utf-8")


def test_an_invalid_file_shows_the_clis_error_with_file_line_and_field(offline, base_url, tmp_path, capsys,
                                                                       monkeypatch):
    from selenium.webdriver.common.by import By

    text = "version: 1\nneeds:\n  - id: db\n    role: storage\n    latncy: 5ms\n"
    open_recommend(offline, f"{base_url}/shipped/site")
    assert submit(offline, text) == "refused"
    ran = cli(capsys, monkeypatch, tmp_path, "reqs.yaml", text, "recommend", "--req", "reqs.yaml")
    assert ran.returncode == 2
    shown = offline.find_element(By.ID, "tp-rec-error").text
    assert shown == ran.stderr.strip()
    assert shown.startswith("techpick: reqs.yaml:5:") and "latncy" in shown and "latency" in shown


def test_an_uploaded_file_keeps_its_name_in_messages(offline, base_url, tmp_path):
    from selenium.webdriver.common.by import By

    bad = tmp_path / "team-plan.yaml"
    bad.write_text("version: 1\nneeds:\n  - id: q\n    role: mesaging\n", encoding="utf-8")
    open_recommend(offline, f"{base_url}/shipped/site")
    offline.find_element(By.ID, "tp-rec-upload").send_keys(str(bad))
    wait(offline, lambda d: d.find_element(By.ID, "tp-rec-name").text == "team-plan.yaml")
    assert offline.find_element(By.ID, "tp-rec-file").get_attribute("value") == bad.read_text()
    out = offline.find_element(By.ID, "tp-rec-out")
    before = out.get_attribute("data-run") or "0"
    offline.find_element(By.ID, "tp-rec-run").click()
    wait(offline, lambda d: (out.get_attribute("data-run") or "0") != before, ENGINE_WAIT)
    assert offline.find_element(By.ID, "tp-rec-error").text.startswith("techpick: team-plan.yaml:4:")
    assert "did you mean messaging?" in offline.find_element(By.ID, "tp-rec-error").text


def test_the_short_form_writes_a_file_the_engine_runs(offline, base_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_recommend(offline, f"{base_url}/shipped/site")
    offline.find_element(By.CSS_SELECTOR, ".tp-rec-short summary").click()
    form = offline.find_element(By.ID, "tp-rec-form")
    Select(form.find_element(By.NAME, "role")).select_by_value("messaging")
    form.find_element(By.NAME, "id").clear()
    form.find_element(By.NAME, "id").send_keys("events")
    form.find_element(By.NAME, "access").send_keys("pub-sub, replay")
    form.find_element(By.NAME, "throughput").send_keys("5k/s")
    Select(form.find_element(By.NAME, "license")).select_by_value("open-source")
    form.find_element(By.NAME, "team_size").send_keys("4")
    offline.find_element(By.ID, "tp-rec-write").click()
    text = offline.find_element(By.ID, "tp-rec-file").get_attribute("value")
    assert "  - id: events\n    role: messaging\n" in text and "access: [pub-sub, replay]" in text
    out = offline.find_element(By.ID, "tp-rec-out")
    before = out.get_attribute("data-run") or "0"
    offline.find_element(By.ID, "tp-rec-run").click()
    wait(offline, lambda d: (out.get_attribute("data-run") or "0") != before, ENGINE_WAIT)
    assert out.get_attribute("data-state") == "done"
    assert offline.find_elements(By.CSS_SELECTOR, "#tp-rec-needs > li[data-need=events] .tp-picks > li")


def test_hostile_text_in_the_answers_stays_text(offline, base_url):
    from selenium.webdriver.common.by import By

    open_recommend(offline, f"{base_url}/hostile/site")
    text = ("version: 1\nname: '<img src=x onerror=\"window.__pwned=9\">'\ncontext:\n  existing: [evil]\n"
            "needs:\n  - id: db\n    role: storage\n    access: [point-lookup]\n")
    assert submit(offline, text) == "done"
    out = offline.find_element(By.ID, "tp-rec-out")
    assert "evil" in out.text and not out.find_elements(By.CSS_SELECTOR, "img, script, b")
    hostile_key = "version: 1\nneeds:\n  - id: db\n    role: storage\n    '<img src=x onerror=\"window.__pwned=10\">': 1\n"
    assert submit(offline, hostile_key) == "refused"
    assert '<img src=x onerror="window.__pwned=10">' in offline.find_element(By.ID, "tp-rec-error").text
    assert not out.find_elements(By.CSS_SELECTOR, "img, script, b")
    assert offline.execute_script("return window.__pwned === undefined")


def test_a_site_built_without_the_engine_says_how_to_run_the_cli(offline, base_url, bare_site):
    from selenium.webdriver.common.by import By

    open_recommend(offline, f"{base_url}/bare/site")
    status = offline.find_element(By.ID, "tp-rec-status")
    assert status.get_attribute("data-state") == "missing"
    assert "built without the in-browser engine" in status.text
    assert "techpick recommend --req reqs.yaml" in status.text


# ---- the whole site, offline --------------------------------------------------

DIAGRAM_PAGES = ["tech/kafka/", "tech/postgresql/"]
"""Technology pages, with relation diagrams that the site's own Mermaid draws."""
PAGES = ["", "tech/", *DIAGRAM_PAGES, "roles/messaging/", "areas/storage/", "capabilities/", "kb/",
         "reference/requirements/", "reference/schemas/", "find/", "recommend/", "404.html"]
DRAWN = "return document.querySelectorAll('div.mermaid').length > 0 && !document.querySelector('pre.mermaid')"
"""Material swaps each `pre.mermaid` for a `div.mermaid` once the diagram is drawn (into a closed shadow root)."""


def visit_offline(driver: object, base: str, pages: list[str], served: _Recorder,
                  leaving: _Recorder) -> dict[str, tuple[list[str], list[str]]]:
    """Open each page (and use Find and Recommend); page -> (paths served, requests that tried to leave)."""
    from selenium.webdriver.common.by import By

    served.take(), leaving.take()
    seen: dict[str, tuple[list[str], list[str]]] = {}
    for page in pages:
        driver.get(f"{base}/{page}")
        wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
        if page == "recommend/":
            open_recommend(driver, base)
            assert submit(driver, "version: 1\nneeds:\n  - id: q\n    role: messaging\n") == "done"
        if page == "find/":
            wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#tp-find-results > li"))
        if page in DIAGRAM_PAGES:
            wait(driver, lambda d: d.execute_script(DRAWN), 60)
        time.sleep(0.5)  # late requests: fonts, the search index
        seen[page] = (served.take(), leaving.take())
    return seen


def test_every_page_type_works_offline_and_nothing_leaves_loopback(offline, base_url, served, leaving):
    from selenium.webdriver.common.by import By

    base = f"{base_url}/shipped/site"
    seen = visit_offline(offline, base, PAGES, served, leaving)
    offline.get(f"{base}/")  # the search worker and its index
    box = wait(offline, lambda d: d.find_element(By.CSS_SELECTOR, "input.md-search__input"))
    offline.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box.send_keys("kafka")
    wait(offline, lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a"))
    time.sleep(0.5)
    seen["search"] = (served.take(), leaving.take())

    left = {page: out for page, (_, out) in seen.items() if out}
    assert not left, f"requests that try to leave loopback: {left}"
    everything = [path for paths, _ in seen.values() for path in paths]
    assert any(path.endswith("/engine/pyodide/pyodide.asm.wasm") for path in everything)
    assert any(path.endswith("/search/search_index.json") for path in everything)
    assert not [path for path in everything if path.endswith(".map")], "source maps are requested"
    engine_pages = {page for page, (paths, _) in seen.items() if any("/engine/" in path for path in paths)}
    assert engine_pages == {"recommend/"}, "Pyodide loads on the Recommend page only"


def test_the_proxy_sees_a_request_that_leaves(offline, base_url, leaving):
    leaving.take()
    offline.get(f"{base_url}/shipped/site/")
    offline.execute_script("fetch('https://example.org/probe').catch(() => {})")
    wait(offline, lambda d: leaving.seen, 10)
    assert leaving.take() == ["example.org:443"]


def test_the_built_site_ships_no_source_maps_and_no_unused_search_languages(sites):
    site = sites / "shipped" / "site"
    assert not list(site.rglob("*.map"))
    assert not [p for p in site.rglob("*.js") if b"sourceMappingURL" in p.read_bytes()[-300:]]
    languages = set(json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"])
    lunr = {p.name for p in (site / "assets" / "javascripts").rglob("lunr*.js")} | \
           {p.name for p in (site / "assets" / "javascripts" / "lunr").rglob("*.js")} \
        if (site / "assets" / "javascripts" / "lunr").is_dir() else set()
    wanted = {f"lunr.{lang}.min.js" for lang in languages - {"en"}}
    assert lunr <= wanted | {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}, "only the site's search languages"
    assert wanted <= lunr
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")
