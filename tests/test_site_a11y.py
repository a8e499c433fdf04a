"""The built site meets WCAG 2.1 AA as axe-core measures it, in the light and the dark scheme.

axe-core (the pinned release from the npm registry, integrity checked and
cached like the site's Mermaid, techpick.npmpack) is injected into real
pages of the shipped site in headless Chromium after the reader's own palette
toggle has switched the scheme. Every wcag2a, wcag2aa, wcag21a and wcag21aa
rule runs, colour contrast first among them; a failure names the element, its
colours and the ratio it needed.
"""

from __future__ import annotations

import pytest

from techpick.npmpack import NpmFile, npm_file
from techpick.userdirs import cache_dir
from tests.test_site import CRASHED, base_url, browser, chromium, search, sites, wait  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.flaky(reruns=1, only_rerun=CRASHED)]

AXE = NpmFile("axe-core", "4.14.1",
              "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
              "axe.min.js", "the site's accessibility tests")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = ["default", "slate"]
"""Material's light and dark schemes, as mkdocs.yml's palette names them."""
PAGES = {
    "home": "",
    "technology": "tech/kafka/",
    "retired technology": "tech/redisgraph/",
    "role": "roles/storage/",
    "find": "find/",
    "recommend": "recommend/",
    "compare": "compare/?ids=postgresql,mysql,cockroachdb",
    "radar": "radar/",
    "capability matrix": "capabilities/#role=role%3Amessaging",
    "downloads": "downloads/",
}
ENGINE_WAIT = 180

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then((result) => done(result.violations.map((rule) => ({
    id: rule.id, help: rule.help,
    nodes: rule.nodes.map((node) => ({
      target: node.target.join(" "), html: node.html.replace(/\\s+/g, " ").slice(0, 100),
      data: (node.any.concat(node.all, node.none).find((check) => check.data) || {}).data || null,
      summary: (node.failureSummary || "").replace(/\\s+/g, " ").slice(0, 240),
    })),
  }))))
  .catch((error) => done([{id: "axe-error", help: String(error), nodes: []}]));
"""


@pytest.fixture(scope="session")
def axe_script() -> str:
    return npm_file(AXE, cache_dir() / "axe-core").decode()


def use_scheme(driver: object, scheme: str) -> None:
    """Switch the colour scheme the way a reader does, with the palette toggle in the header."""
    from selenium.webdriver.common.by import By

    current = driver.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme")
    if current != scheme:
        option = driver.find_element(By.CSS_SELECTOR, f'input[name="__palette"][data-md-color-scheme="{scheme}"]')
        driver.find_element(By.CSS_SELECTOR, f'label[for="{option.get_attribute("id")}"]').click()
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme") == scheme)


def violations(driver: object, axe: str) -> list[str]:
    """Every WCAG A and AA failure on the page as it stands, one line per element, with its colours."""
    if not driver.execute_script("return typeof axe === 'object'"):
        driver.execute_script(axe)
    driver.set_script_timeout(120)
    lines = []
    for rule in driver.execute_async_script(RUN_AXE, TAGS):
        for node in rule["nodes"] or [{"target": "-", "html": "", "data": None, "summary": ""}]:
            data = node["data"] if isinstance(node["data"], dict) else {}
            colours = (f"{data['fgColor']} on {data['bgColor']}: {data['contrastRatio']}:1, needs "
                       f"{data['expectedContrastRatio']}" if "fgColor" in data else node["summary"])
            lines.append(f"{rule['id']} ({rule['help']}): {node['target']} {node['html']!r}: {colours}")
    return lines


def open_page(driver: object, url: str, scheme: str) -> None:
    driver.get(url)
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    use_scheme(driver, scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PAGES)
def test_a_page_meets_wcag_aa_in_both_schemes(browser, base_url, axe_script, page, scheme):
    from selenium.webdriver.common.by import By

    open_page(browser, f"{base_url}/shipped/site/{PAGES[page]}", scheme)
    if page == "find":
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#tp-find-results > li"))
    if page == "compare":
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#tp-compare table"))
    found = violations(browser, axe_script)
    assert not found, "\n".join(found)


PHONE_PAGES = {"technology": "tech/postgresql/", "compare": "compare/?ids=postgresql,mysql,cockroachdb",
               "radar": "radar/"}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page", PHONE_PAGES)
def test_a_page_on_a_phone_meets_wcag_aa(browser, base_url, axe_script, page, scheme):
    """On a narrow screen the layout changes (the compare page becomes one card per technology)."""
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_page(browser, f"{base_url}/shipped/site/{PHONE_PAGES[page]}", scheme)
        if page == "compare":
            wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".tp-compare-card").is_displayed())
        found = violations(browser, axe_script)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_recommendation_meets_wcag_aa_in_both_schemes(browser, base_url, axe_script, scheme):
    """The answer, with its reasons, trade-offs and the candidates that lost, is as readable as the page."""
    from selenium.webdriver.common.by import By

    open_page(browser, f"{base_url}/shipped/site/recommend/", scheme)
    run = wait(browser, lambda d: d.find_element(By.ID, "tp-rec-run"))
    wait(browser, lambda d: d.find_element(By.ID, "tp-rec-status").get_attribute("data-state") != "loading",
         ENGINE_WAIT)
    run.click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#tp-rec-needs .tp-plus"), ENGINE_WAIT)
    assert browser.find_elements(By.CSS_SELECTOR, "#tp-rec-needs .tp-minus")  # trade-offs are checked too
    found = violations(browser, axe_script)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_search_dialog_is_named_and_its_results_are_announced(browser, base_url, axe_script, scheme):
    from selenium.webdriver.common.by import By

    open_page(browser, f"{base_url}/shipped/site/", scheme)  # the toggle's choice is kept for the next page
    search(browser, f"{base_url}/shipped/site", "kafka")
    use_scheme(browser, scheme)
    dialog = browser.find_element(By.CSS_SELECTOR, ".md-search[role=dialog]")
    assert dialog.get_attribute("aria-label") == "Search the site"
    meta = browser.find_element(By.CSS_SELECTOR, ".md-search-result__meta")
    assert meta.get_attribute("aria-live") == "polite"
    assert meta.get_attribute("role") == "status"
    assert "matching" in meta.text.lower() or "match" in meta.text.lower()
    found = violations(browser, axe_script)
    assert not found, "\n".join(found)


def test_the_check_reports_a_failing_contrast_with_its_colours(browser, base_url, axe_script):
    """The check itself can fail: grey text on a white page is reported with both colours and the ratio."""
    open_page(browser, f"{base_url}/shipped/site/", "default")
    browser.execute_script("document.querySelector('article p').style.color = '#aaaaaa'")
    found = violations(browser, axe_script)
    assert any(line.startswith("color-contrast") and "#aaaaaa on #ffffff" in line and "needs 4.5:1" in line
               for line in found), found
