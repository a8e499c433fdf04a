"""The docs site in a real browser: built with MkDocs, served on loopback,
driven by headless Chromium (Debian's chromium and chromedriver).

Without Chromium the tests skip on a developer's machine and fail in CI
(CI=true), so a missing browser never passes silently.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from techpick import load_catalog
from techpick.catalog import Catalog
from techpick.sitebuild import build_site
from tests.conftest import MiniCatalog

CRASHED = ["tab crashed", "session deleted because of page crash"]
"""A renderer that dies is the machine's trouble, not the page's: such a test runs once more, on a new browser."""
pytestmark = [pytest.mark.browser, pytest.mark.flaky(reruns=1, only_rerun=CRASHED)]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 20
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage")
TEAM_RADAR = Path(__file__).resolve().parent.parent / "examples" / "radars" / "data-platform.yaml"
TEAM_EARLIER = TEAM_RADAR.with_name("data-platform-2025-q3.yaml")
"""The same team's radar a quarter before: the team's page marks what is new and what moved since."""

HOSTILE = ('<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
           "[click](javascript:window.__pwned=3) **not bold** | a pipe")


def _need_browser() -> None:
    problem = None
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        problem = "Debian's chromium and chromium-driver are not installed (bash scripts/test.sh installs them)"
    else:
        try:
            import selenium  # noqa: F401
        except ImportError:
            problem = "selenium is not installed: pip install -e '.[test]'"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)


def hostile_catalog(root: Path) -> tuple[Path, Path]:
    """A catalog whose every text field carries markup and script, and a kb page linking to it."""
    mini = MiniCatalog(root / "catalog")
    mini.add("evil", name='Evil <img src=x onerror="window.__pwned=4"> DB',
             description="An entry written by someone hostile. " + HOSTILE,
             keywords=['<img src=x onerror="window.__pwned=5">', "hostile words"],
             use_when=[HOSTILE], avoid_when=["</td></tr></table><script>window.__pwned=6</script>"],
             capabilities={"point-lookup": "partial"}, capability_notes={"point-lookup": HOSTILE},
             hosting={"self_hosted": True, "managed": [{"service": "<b>Evil Cloud</b>", "provider": "aws",
                                                         "clouds": ["aws"], "url": "javascript:window.__pwned=7"}]},
             license={"spdx": "Apache-2.0", "note": HOSTILE},
             status={"state": "retired", "since": 2020, "note": HOSTILE, "successor": "good"},
             sources=[{"url": "https://example.org/a", "title": HOSTILE},
                      {"url": 'https://example.org/b"onmouseover="window.__pwned=8'}])
    mini.add("good", relations={"alternative_to": ["evil"]})
    kb = root / "kb"
    kb.mkdir()
    (kb / "guide.md").write_text("# A guide\n\nUse [Good](tech:good), not [Evil](tech:evil).\n")
    return mini.root, kb


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site and the hostile site, built once for the session, side by side."""
    root = tmp_path_factory.mktemp("sites")
    build_site(root / "shipped", radar_file=TEAM_RADAR, since_file=TEAM_EARLIER)
    catalog, kb = hostile_catalog(root / "hostile-src")
    build_site(root / "hostile", catalog, kb)
    return root


@pytest.fixture(scope="session")
def base_url(sites: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(sites))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # module scripts and WebAssembly need their own types, whatever the machine's mime.types says
    extensions_map = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                      ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def start_chromium(profile: Path, *extra: str) -> object:
    """Headless Chromium as the brief starts it, on a fresh profile.

    --disable-dev-shm-usage keeps the renderer's shared memory in /tmp: a container's
    /dev/shm is often 64 MB, and a page that outgrows it crashes its tab.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (*CHROMIUM_ARGS, f"--user-data-dir={profile}", *extra):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    return driver


class _Chromium:
    """One browser for the session, started again only when a test left it dead (a crashed tab)."""

    def __init__(self, profiles: pytest.TempPathFactory) -> None:
        self._profiles = profiles
        self._driver: object | None = None

    def live(self) -> object:
        if self._driver is not None:
            try:
                self._driver.execute_script("return 1")  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - any answer but 1 means the tab or the browser is gone
                self.quit()
        if self._driver is None:
            self._driver = start_chromium(self._profiles.mktemp("chromium-profile"), "--window-size=1366,900")
        return self._driver

    def quit(self) -> None:
        if self._driver is not None:
            try:
                self._driver.quit()  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - a browser that died already has nothing to close
                pass
            self._driver = None


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Chromium]:
    _need_browser()
    holder = _Chromium(tmp_path_factory)
    yield holder
    holder.quit()


@pytest.fixture
def browser(chromium: _Chromium) -> object:
    return chromium.live()


def wait(driver: object, condition: object, timeout: float = WAIT) -> object:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def search(browser: object, base: str, query: str) -> list[str]:
    """Type a query into Material's search box; the result links, best first."""
    from selenium.webdriver.common.by import By

    browser.get(base + "/")
    box = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "input.md-search__input"))
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box.send_keys(query)

    def results(d: object) -> list[str] | bool:
        meta = d.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
        links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR,
                                                                   ".md-search-result__item > a")]
        return links if links and "Type to start" not in meta else False

    return wait(browser, results)


def page_path(url: str, site: str) -> str:
    """The page a result link opens, without Material's highlight query and the section anchor."""
    return url.split(f"/{site}/site/", 1)[1].split("#")[0].split("?")[0]


# ---- the shipped site ---------------------------------------------------------

def test_the_home_page_is_titled_once(browser, base_url):
    browser.get(f"{base_url}/shipped/site/")
    assert browser.title == "techpick"  # not "techpick - techpick"


def test_search_for_kafka_shows_the_kafka_page_first(browser, base_url):
    links = search(browser, f"{base_url}/shipped/site", "kafka")
    assert page_path(links[0], "shipped") == "tech/kafka/"


@functools.cache
def shipped() -> Catalog:
    """The shipped catalog, read once: the expected pages below are worked out while tests are collected."""
    return load_catalog()


def pages(role: str | None = None, model: str | None = None, capability: str | None = None) -> set[str]:
    """The pages of active technologies with this main role, data model or native capability."""
    return {f"tech/{t.id}/" for t in shipped()
            if t.status.state.value == "active"
            and (role is None or t.primary_role == role) and (model is None or model in t.data_models)
            and (capability is None or getattr(t.capabilities.get(capability), "value", None) == "native")}


MESSAGING = pages(role="messaging") | {"roles/messaging/"}
COLUMN_STORES = pages(role="storage", model="columnar")
FULL_TEXT = pages(capability="full-text") & pages(role="storage")

EVERYDAY_QUERIES = [
    ("postgres", {"tech/postgresql/"}),
    ("postgress", {"tech/postgresql/"}),                # typo
    ("elastcsearch", {"tech/elasticsearch/"}),          # typo
    ("rabitmq", {"tech/rabbitmq/"}),                    # typo
    ("redis", {"tech/redis/"}),                         # not RedisGraph, whose name it begins
    ("k8s", {"tech/kubernetes/"}),                      # an alias, not the orchestration role
    ("message queue", MESSAGING),
    ("queue", MESSAGING),                               # a synonym of messaging
    ("full text", FULL_TEXT),
    ("column store", COLUMN_STORES),                    # a store, not the Parquet format
    ("graph database", pages(role="storage", model="graph")),  # never the retired RedisGraph
    ("exactly once", pages(capability="exactly-once")),
    ("stream processing", pages(role="stream-processing") | {"roles/stream-processing/"}),
    ("feature store", {"roles/feature-store/", "tech/feast/"}),
    ("monitoring", pages(role="metrics") | {"roles/metrics/"}),
    ("очередь сообщений", MESSAGING),
    ("очереди сообщений", MESSAGING),                   # another case of the same words
    ("очередь сообщенй", MESSAGING),                    # typo
    ("полнотекстовый поиск", FULL_TEXT),
    ("колоночная база", COLUMN_STORES),
    ("колоночные базы", COLUMN_STORES),
    ("база данных", pages(role="storage") | {"roles/storage/"}),
    ("графовая база", pages(role="storage", model="graph")),
    ("потоковая обработка", pages(role="stream-processing") | {"roles/stream-processing/"}),
    ("мониторинг", pages(role="metrics") | {"roles/metrics/"}),
]


@pytest.mark.parametrize("query, expected", EVERYDAY_QUERIES, ids=[q for q, _ in EVERYDAY_QUERIES])
def test_search_by_what_it_does_lands_on_the_right_pages(browser, base_url, query, expected):
    links = search(browser, f"{base_url}/shipped/site", query)
    assert page_path(links[0], "shipped") in expected, [page_path(link, "shipped") for link in links[:5]]


def test_a_technology_page_shows_its_facts_and_sources(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/shipped/site/tech/kafka/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Apache Kafka"
    facts = {row.find_elements(By.TAG_NAME, "td")[0].text: row.find_elements(By.TAG_NAME, "td")[1].text
             for row in browser.find_elements(By.CSS_SELECTOR, "#facts + table tbody tr, #facts ~ div table tbody tr")}
    assert facts["Latency p99"] == "5 ms"
    assert facts["Licence"] == "Apache License 2.0 (open source, permissive)"
    assert browser.find_element(By.CSS_SELECTOR, "#facts ~ div abbr, #facts + table abbr").get_attribute(
        "title") == "Apache-2.0"  # the SPDX id as a tooltip
    assert facts["Roles"] == "Messaging"
    assert browser.find_element(By.CSS_SELECTOR, ".tp-breadcrumbs").text == "Technologies › Messaging › Apache Kafka"
    sources = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#sources + ol a")]
    assert "https://kafka.apache.org/documentation/" in sources
    # the neighbourhood diagram: Mermaid's source, or the drawing Mermaid made of it (tests/test_mermaid.py)
    assert browser.find_elements(By.CSS_SELECTOR, "#relations ~ .mermaid, #relations ~ pre.mermaid"), \
        "the neighbourhood diagram is missing"
    browser.find_element(By.LINK_TEXT, "Messaging").click()
    wait(browser, lambda d: d.current_url.endswith("/roles/messaging/"))


def test_the_filter_page_narrows_the_list(browser, base_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    catalog = load_catalog()
    browser.get(f"{base_url}/shipped/site/find/")

    def shown(d: object) -> list[str]:
        return [li.get_attribute("data-id") for li in d.find_elements(By.CSS_SELECTOR, "#tp-find-results > li")]

    wait(browser, lambda d: len(shown(d)) == len(catalog))
    Select(browser.find_element(By.NAME, "role")).select_by_value("messaging")
    messaging = sorted(t.id for t in catalog.with_role("messaging"))
    wait(browser, lambda d: sorted(shown(d)) == messaging)
    Select(browser.find_element(By.NAME, "license")).select_by_value("permissive")
    permissive = sorted(t.id for t in catalog.with_role("messaging") if catalog.is_permissive(t))
    wait(browser, lambda d: sorted(shown(d)) == permissive)
    assert 0 < len(permissive) < len(messaging) < len(catalog)
    assert browser.find_element(By.ID, "tp-find-count").text.startswith(f"{len(permissive)} of {len(catalog)}")
    assert "role=messaging" in browser.current_url and "license=permissive" in browser.current_url
    Select(browser.find_element(By.NAME, "hosting")).select_by_value("managed")
    Select(browser.find_element(By.NAME, "cloud")).select_by_value("aws")
    on_aws = sorted(t.id for t in catalog.with_role("messaging") if catalog.is_permissive(t)
                    and any("aws" in offer.clouds for offer in t.hosting.managed))
    wait(browser, lambda d: sorted(shown(d)) == on_aws)


# ---- a hostile catalog ----------------------------------------------------------

def test_hostile_catalog_text_is_shown_as_text_and_never_run(browser, base_url):
    from selenium.webdriver.common.by import By

    for page in ("tech/evil/", "tech/good/", "roles/storage/", "capabilities/", "tech/", "kb/guide/", "radar/"):
        browser.get(f"{base_url}/hostile/site/{page}")
        wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
        assert browser.execute_script("return window.__pwned === undefined"), page
        assert not browser.find_elements(By.CSS_SELECTOR, "article img, article script, article b"), page
        if page != "kb/guide/":
            assert 'Evil <img src=x onerror="window.__pwned=4"> DB' in browser.find_element(By.TAG_NAME, "article").text
    browser.get(f"{base_url}/hostile/site/tech/evil/")
    body = browser.find_element(By.TAG_NAME, "article").text
    assert "<script>window.__pwned=1</script>" in body
    assert "[click](javascript:window.__pwned=3) **not bold** | a pipe" in body
    assert not browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript']")
    assert browser.title.startswith('Evil <img src=x onerror="window.__pwned=4"> DB')


def test_a_retired_technology_is_marked(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/hostile/site/tech/evil/")
    assert browser.find_element(By.CSS_SELECTOR, "h1 .tp-badge").text.lower() == "retired"
    warning = browser.find_element(By.CSS_SELECTOR, ".admonition.danger")
    assert warning.find_element(By.CLASS_NAME, "admonition-title").text == "Retired since 2020"
    assert "For new work use Good" in warning.text


def test_hostile_text_in_the_filter_page_and_search_stays_text(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/hostile/site/find/")
    card = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#tp-find-results > li[data-id=evil]"))
    assert "<script>window.__pwned=1</script>" in card.text or "An entry written by someone hostile." in card.text
    assert 'Evil <img src=x onerror="window.__pwned=4"> DB' in card.text
    assert not card.find_elements(By.TAG_NAME, "img")
    links = search(browser, f"{base_url}/hostile/site", "hostile")
    assert page_path(links[0], "hostile") == "tech/evil/"
    assert browser.execute_script("return window.__pwned === undefined")
    assert not browser.find_elements(By.CSS_SELECTOR, ".md-search-result img")


# ---- compare ---------------------------------------------------------------

def compare_header(browser: object) -> list[str]:
    from selenium.webdriver.common.by import By

    table = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#tp-compare table.tp-compare-table"))
    return [th.text.strip() for th in table.find_elements(By.CSS_SELECTOR, "thead th")]


def test_the_compare_page_puts_three_technologies_side_by_side_and_its_url_reopens_it(browser, base_url):
    from selenium.webdriver.common.by import By

    catalog = load_catalog()
    url = f"{base_url}/shipped/site/compare/?ids=kafka,rabbitmq,pulsar"
    browser.get(url)
    names = [catalog.get(i).name for i in ("kafka", "rabbitmq", "pulsar")]
    assert compare_header(browser) == ["", *names]
    sections = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "tr.tp-compare-section th")]
    assert sections == ["Where they differ", "The same for all"]
    licence_row = next(tr for tr in browser.find_elements(By.CSS_SELECTOR, "tbody tr")
                       if tr.find_element(By.CSS_SELECTOR, "th").text == "throughput")
    assert "tp-differs" in licence_row.get_attribute("class")
    first_column = browser.find_element(By.CSS_SELECTOR, "tbody th[scope=row]")
    assert first_column.value_of_css_property("position") == "sticky"
    browser.get("about:blank")
    browser.get(url)
    assert compare_header(browser) == ["", *names]


def test_ticking_two_technologies_on_a_role_page_opens_their_comparison(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/shipped/site/roles/messaging/")
    browser.execute_script("sessionStorage.clear()")
    browser.get(f"{base_url}/shipped/site/roles/messaging/")
    for tech in ("kafka", "rabbitmq"):
        box = wait(browser, lambda d, t=tech: d.find_element(By.CSS_SELECTOR, f'input.tp-pick[data-id="{t}"]'))
        browser.execute_script("arguments[0].click()", box)
    button = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#tp-compare-bar a"))
    assert button.text == "COMPARE 2" or button.text == "Compare 2"
    browser.get(button.get_attribute("href"))
    assert "ids=kafka%2Crabbitmq" in browser.current_url or "ids=kafka,rabbitmq" in browser.current_url
    assert compare_header(browser)[1:] == [load_catalog().get("kafka").name, load_catalog().get("rabbitmq").name]


def test_find_cards_can_be_ticked_for_comparison(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/shipped/site/find/")
    browser.execute_script("sessionStorage.clear()")
    browser.get(f"{base_url}/shipped/site/find/")
    boxes = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "li.tp-card input.tp-pick") or False)
    cards = browser.find_elements(By.CSS_SELECTOR, "li.tp-card")
    assert len(boxes) == len(cards) > 2
    for box in boxes[:2]:
        browser.execute_script("arguments[0].click()", box)
    link = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#tp-compare-bar a"))
    ids = [box.get_attribute("data-id") for box in boxes[:2]]
    assert link.get_attribute("href").endswith("compare/?ids=" + "%2C".join(ids))


def on_a_phone(browser: object) -> None:
    """The next pages open at a phone's size (390 x 844 CSS pixels, a touch screen)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})


def test_on_a_phone_the_compare_bar_never_covers_the_last_card(browser, base_url):
    from selenium.webdriver.common.by import By

    on_a_phone(browser)
    try:
        browser.get(f"{base_url}/shipped/site/find/")
        browser.execute_script("sessionStorage.clear()")
        browser.get(f"{base_url}/shipped/site/find/")
        boxes = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "li.tp-card input.tp-pick") or False)
        for box in boxes[:6]:  # the sixth is refused with a message: the bar grows to two lines
            browser.execute_script("arguments[0].click()", box)
        wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#tp-compare-bar a"))
        assert "at most 5" in browser.find_element(By.ID, "tp-compare-bar").text
        browser.execute_script("window.scrollTo(0, document.documentElement.scrollHeight)")
        card, bar = browser.execute_script(
            "const cards = [...document.querySelectorAll('li.tp-card')].filter((c) => c.offsetParent);"
            "const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };"
            "return [box(cards[cards.length - 1]), box(document.getElementById('tp-compare-bar'))];")
        assert card[3] <= bar[1], f"the bar {bar} covers the last card {card}"
        assert 0 <= bar[0] and bar[2] <= 390
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.execute_script("sessionStorage.clear()")


def test_on_a_phone_the_radar_keeps_readable_numbers_and_opens_on_its_centre(browser, base_url):
    from selenium.webdriver.common.by import By

    on_a_phone(browser)
    try:
        browser.get(f"{base_url}/shipped/site/radar/")
        box = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".tp-radar"))
        number = box.find_element(By.CSS_SELECTOR, "a.tp-radar-blip text")
        assert number.rect["height"] >= 8, "a blip's number shrank with the screen"
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390  # the page stays put
        wait(browser, lambda d: d.execute_script(
            "const r = arguments[0]; return r.scrollWidth > r.clientWidth && "
            "Math.abs(r.scrollLeft - (r.scrollWidth - r.clientWidth) / 2) < 2", box))
        assert "scrolls sideways" in browser.find_element(By.TAG_NAME, "article").text
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# ---- role pages: sortable tables that scroll sideways ----------------------------

def role_table(browser: object, heading: str) -> object:
    """The table under a heading of the open role page, once assets/tables.js has made it sortable."""
    from selenium.webdriver.common.by import By

    return wait(browser, lambda d: d.find_element(
        By.XPATH, f"//*[self::h2 or self::h3][starts-with(., '{heading}')]"
                  "/following-sibling::div[contains(@class, 'tp-wide')][1]"
                  "//table[@data-tp-sortable]"))


def column(table: object, index: int) -> list[str]:
    from selenium.webdriver.common.by import By

    return [row.find_elements(By.TAG_NAME, "td")[index].text for row in table.find_elements(By.CSS_SELECTOR,
                                                                                            "tbody tr")]


def test_a_role_table_sorts_by_value_and_reverses(browser, base_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    catalog = load_catalog()
    browser.get(f"{base_url}/shipped/site/roles/messaging/")
    table = role_table(browser, "Fit and scale")
    latency = table.find_elements(By.CSS_SELECTOR, "thead th")[2]
    assert latency.text.startswith("latency p99") and latency.get_attribute("aria-sort") is None
    latency.find_element(By.CSS_SELECTOR, "button.tp-sort").click()
    assert latency.get_attribute("aria-sort") == "ascending"
    members = [t for t in catalog.with_role("messaging")]
    fastest_first = sorted(members, key=lambda t: (t.scale.latency_p99 is None, t.scale.latency_p99 or 0))
    names = [cell.split("\n")[0] for cell in column(table, 0)]
    valued = [t for t in fastest_first if t.scale.latency_p99 is not None]
    assert [t.scale.latency_p99 for t in valued] == sorted(t.scale.latency_p99 for t in valued)
    # by value, not text: "5 ms" comes before "10 ms", and before "100 ms"
    shown = [catalog.get(next(t.id for t in members if t.name == n or n.startswith(t.name))).scale.latency_p99
             for n in names]
    assert [s for s in shown if s is not None] == sorted(s for s in shown if s is not None)
    assert column(table, 2).index("5 ms") < column(table, 2).index("10 ms")
    # the keyboard: the heading's button takes Enter, and a second press reverses
    button = latency.find_element(By.CSS_SELECTOR, "button.tp-sort")
    button.send_keys(Keys.ENTER)
    assert latency.get_attribute("aria-sort") == "descending"
    reversed_values = [catalog.get(next(t.id for t in members if n.startswith(t.name))).scale.latency_p99
                       for n in (cell.split("\n")[0] for cell in column(table, 0))]
    present = [s for s in reversed_values if s is not None]
    assert present == sorted(present, reverse=True) and present[0] > present[-1]
    # another column takes the sort over
    ops = role_table(browser, "Cost of ownership").find_elements(By.CSS_SELECTOR, "thead th")[1]
    ops.find_element(By.CSS_SELECTOR, "button.tp-sort").click()
    assert ops.get_attribute("aria-sort") == "ascending" and latency.get_attribute("aria-sort") == "descending"


def test_a_wide_role_table_keeps_its_first_column_in_view_and_says_it_scrolls(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)  # a phone
    try:
        browser.get(f"{base_url}/shipped/site/roles/messaging/")
        table = role_table(browser, "Fit and scale")
        box = table.find_element(By.XPATH, "ancestor::div[contains(@class, 'tp-wide')][1]")
        hint = wait(browser, lambda d: box.find_element(By.CSS_SELECTOR, ".tp-scroll-hint"))
        wait(browser, lambda d: hint.is_displayed())
        assert "scroll the table sideways" in hint.text
        first = table.find_element(By.CSS_SELECTOR, "tbody tr td:first-child")
        second = table.find_element(By.CSS_SELECTOR, "tbody tr td:nth-child(2)")
        before = (first.rect["x"], second.rect["x"])
        browser.execute_script("arguments[0].scrollLeft = 300", table)
        wait(browser, lambda d: d.execute_script("return arguments[0].scrollLeft", table) > 0)
        after = (first.rect["x"], second.rect["x"])
        assert after[1] < before[1] - 50, "the table did not scroll"
        assert abs(after[0] - before[0]) < 2, "the first column left the view"
        assert browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth", first)
    finally:
        browser.set_window_size(1366, 900)
    browser.get(f"{base_url}/shipped/site/roles/ci-cd/")
    table = role_table(browser, "Fit and scale")  # fits the desktop column: no hint
    hint = table.find_element(By.XPATH, "ancestor::div[contains(@class, 'tp-wide')][1]/p[@class='tp-scroll-hint']")
    assert not hint.is_displayed()


def test_a_long_role_page_has_a_table_of_contents(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/shipped/site/roles/storage/")
    toc = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".md-sidebar--secondary nav.md-nav--secondary"))
    entries = [a.get_attribute("href").split("#")[1] for a in toc.find_elements(By.CSS_SELECTOR, "a.md-nav__link")]
    assert "relational" in entries and "graph" in entries and len(entries) > 10
    contents = browser.find_element(By.XPATH, "//article//p[starts-with(., 'Grouped by main data model')]"
                                              "/following-sibling::ul[1]")
    assert "Relational (" in contents.text


# ---- the radar ------------------------------------------------------------------

def test_the_radar_page_shows_every_ring_and_every_technology(browser, base_url):
    from selenium.webdriver.common.by import By

    from techpick.radar import RINGS, catalog_radar

    catalog = load_catalog()
    browser.get(f"{base_url}/shipped/site/radar/")
    picture = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".tp-radar svg"))
    assert picture.size["width"] > 600
    labels = [t.text for t in picture.find_elements(By.CSS_SELECTOR, "text.tp-radar-ring-label")]
    assert [label.lower() for label in labels] == list(RINGS)
    assert all(t.is_displayed() for t in picture.find_elements(By.CSS_SELECTOR, "text.tp-radar-ring-label"))
    headings = [h.get_attribute("id") for h in browser.find_elements(By.CSS_SELECTOR, "article h2")]
    assert headings == list(RINGS)
    blips = picture.find_elements(By.CSS_SELECTOR, "a.tp-radar-blip")
    assert len(blips) == len(catalog)
    expected = {b.id: b.ring for b in catalog_radar(catalog).blips}
    assert expected["kafka"] == "adopt"
    kafka = next(b for b in blips if b.get_dom_attribute("href") == "../tech/kafka/")
    assert "tp-radar-blip--adopt" in kafka.get_attribute("class")
    article = browser.find_element(By.TAG_NAME, "article").text
    assert "Compared with Catalog maturity at commit " in article and ", released 2026-11-28:" in article
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", kafka)
    wait(browser, lambda d: d.current_url.endswith("/tech/kafka/"))


def test_a_teams_radar_given_to_site_build_gets_its_own_page(browser, base_url):
    from selenium.webdriver.common.by import By

    from techpick.radar import load_radar

    team = load_radar(TEAM_RADAR, load_catalog())
    browser.get(f"{base_url}/shipped/site/team-radar/")
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Radar: {team.name}"
    blips = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".tp-radar a.tp-radar-blip") or False)
    assert sorted(b.get_dom_attribute("href").rsplit("/tech/", 1)[1].strip("/") for b in blips) == \
        sorted(b.id for b in team.blips)
    holds = [b.name for b in team.blips if b.ring == "hold"]
    under_hold = browser.find_element(By.TAG_NAME, "article").text.split("Not for new work.", 1)[1]
    assert holds and all(name in under_hold for name in holds)


def test_the_radar_marks_what_is_new_and_what_moved_with_a_legend(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/shipped/site/team-radar/")
    legend = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".tp-radar-legend"))
    assert legend.is_displayed()
    assert legend.text.splitlines() == [
        "Compared with Data platform team, 2025 Q3, released 2025-07-01: 2 new, 3 moved.",
        "New: not on that radar.", "Moved: its ring changed; the list below gives the ring it had."]
    assert [k.is_displayed() for k in legend.find_elements(By.CSS_SELECTOR, "svg.tp-radar-key")] == [True, True]

    def marked(kind: str) -> list[str]:
        blips = browser.find_elements(By.CSS_SELECTOR, f".tp-radar a.tp-radar-blip--{kind}")
        assert all(b.find_element(By.CSS_SELECTOR, f"circle.tp-radar-mark--{kind}").is_displayed() for b in blips)
        return sorted(b.get_dom_attribute("href").rsplit("/tech/", 1)[1].strip("/") for b in blips)

    assert marked("new") == ["dagster", "dask"]
    assert marked("moved") == ["airflow", "clickhouse", "druid"]
    druid = browser.find_element(By.XPATH, "//article//li[a[normalize-space()='Apache Druid']]")
    assert "moved from trial" in druid.text
    assert druid.find_element(By.CSS_SELECTOR, ".tp-radar-change--moved").is_displayed()
    # the shipped maturity radar is compared with the catalog's previous release the same way
    browser.get(f"{base_url}/shipped/site/radar/")
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".tp-radar-legend"))
    assert browser.find_elements(By.CSS_SELECTOR, ".tp-radar a.tp-radar-blip--new")


# ---- the capability matrix ------------------------------------------------------

def test_the_capability_matrix_filters_by_role_and_by_capability_words(browser, base_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    catalog = load_catalog()
    browser.get(f"{base_url}/shipped/site/capabilities/")
    form = wait(browser, lambda d: d.find_element(By.ID, "tp-matrix-filter"))
    wait(browser, lambda d: form.is_displayed())

    def rows(d: object) -> list[str]:
        return d.execute_script("return [...document.querySelectorAll('#tp-matrix tbody tr')]"
                                ".filter(tr => !tr.hidden).map(tr => tr.dataset.id)")  # shown, if scrolled away

    def columns(d: object) -> list[str]:
        return d.execute_script("return [...document.querySelectorAll('#tp-matrix thead th[data-cap]')]"
                                ".filter(th => !th.hidden && getComputedStyle(th).display !== 'none')"
                                ".map(th => th.dataset.cap)")

    assert len(rows(browser)) == len(catalog)
    hidden_row = browser.execute_script("const tr = document.querySelector('#tp-matrix tbody tr');"
                                        "tr.hidden = true; const shown = getComputedStyle(tr).display;"
                                        "tr.hidden = false; return shown")
    assert hidden_row == "none"  # the page's styles do not override [hidden]
    kafka = browser.find_element(By.CSS_SELECTOR, '#tp-matrix tr[data-id="kafka"]')
    cap_ids = [th.get_attribute("data-cap") for th in browser.find_elements(By.CSS_SELECTOR, "#tp-matrix th[data-cap]")]
    level = kafka.find_elements(By.TAG_NAME, "td")[cap_ids.index("exactly-once")].find_element(By.TAG_NAME, "data")
    assert level.get_attribute("title") == catalog.get("kafka").capabilities["exactly-once"].value

    Select(browser.find_element(By.NAME, "role")).select_by_value("role:messaging")
    messaging = sorted(t.id for t in catalog.with_role("messaging"))
    wait(browser, lambda d: sorted(rows(d)) == messaging)
    offered = {c for t in catalog.with_role("messaging") for c in t.capabilities}
    assert set(columns(browser)) == offered  # only what one of them offers
    browser.find_element(By.NAME, "cap").send_keys("exactly once")
    with_it = sorted(t.id for t in catalog.with_role("messaging") if "exactly-once" in t.capabilities)
    wait(browser, lambda d: sorted(rows(d)) == with_it)
    assert columns(browser) == ["exactly-once"] and 0 < len(with_it) < len(messaging)
    assert browser.find_element(By.ID, "tp-matrix-count").text == f"{len(with_it)} technologies × 1 capabilities"
    # the address keeps the choice
    browser.get(browser.current_url)
    wait(browser, lambda d: sorted(rows(d)) == with_it)
    Select(browser.find_element(By.NAME, "role")).select_by_value("area:processing")
    processing = sorted(t.id for t in catalog if catalog.area_of(t) == "processing" and "exactly-once" in t.capabilities)
    wait(browser, lambda d: sorted(rows(d)) == processing)


# ---- downloads and citation cards ---------------------------------------------------

def test_the_catalog_downloads_as_a_csv_with_every_technology(browser, base_url):
    import csv
    import io
    import json

    from selenium.webdriver.common.by import By

    catalog = load_catalog()
    browser.get(f"{base_url}/shipped/site/downloads/")
    link = wait(browser, lambda d: d.find_element(By.LINK_TEXT, "techpick-catalog.csv"))
    fetch = "return fetch(arguments[0]).then(r => r.ok ? r.text() : 'HTTP ' + r.status)"
    body = browser.execute_script(fetch, link.get_attribute("href"))
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    assert sorted(r["id"] for r in rows) == sorted(t.id for t in catalog)
    kafka = next(r for r in rows if r["id"] == "kafka")
    assert kafka["latency_p99_seconds"] == "0.005" and kafka["roles"] == "messaging"
    data = json.loads(browser.execute_script(fetch, browser.find_element(
        By.LINK_TEXT, "techpick-catalog.json").get_attribute("href")))
    assert len(data["technologies"]) == len(catalog) and data["digest"] == catalog.digest


def test_a_technology_pages_citation_card_links_to_the_site_it_is_read_on(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/shipped/site/tech/kafka/")
    card = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".tp-cite code"))
    wait(browser, lambda d: "YOUR-SITE" not in card.text)
    assert card.text.startswith(f"> **[Apache Kafka]({base_url}/shipped/site/tech/kafka/)** (`kafka`): messaging;")


def test_a_crashed_tab_leaves_the_next_test_a_working_browser(chromium):
    """A renderer that dies (here on purpose) must not fail every browser test after it."""
    from selenium.common.exceptions import WebDriverException

    crashed = chromium.live()
    with pytest.raises(WebDriverException, match="crash"):
        crashed.get("chrome://crash")
    fresh = chromium.live()
    assert fresh is not crashed
    assert fresh.execute_script("return 6 * 7") == 42
