"""Every relation diagram renders with the Mermaid the site ships, in headless Chromium.

The site puts the pinned `mermaid.min.js` (techpick.mermaidjs) into its
assets; these tests draw every diagram of the shipped catalog, and diagrams of
names full of Mermaid's own syntax, with that very script.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from techpick import load_catalog
from techpick.graph import build_graph
from techpick.mermaidjs import MERMAID_VERSION, mermaid_script
from techpick.site_tech import diagram
from tests.conftest import MiniCatalog
from tests.test_site import _need_browser, start_chromium

pytestmark = pytest.mark.browser

RENDER_ALL = """
const [sources, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const failed = [];
  for (const [i, [name, source]] of sources.entries()) {
    try { await mermaid.render('d' + i, source); }
    catch (error) { failed.push(name + ': ' + String((error && error.message) || error).slice(0, 300)); }
  }
  done(failed);
})();
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium on a local page that loads the site's Mermaid and nothing else."""
    _need_browser()
    folder = tmp_path_factory.mktemp("mermaid")
    (folder / "mermaid.min.js").write_bytes(mermaid_script())
    (folder / "index.html").write_text('<!doctype html><meta charset="utf-8"><body>'
                                       '<script src="mermaid.min.js"></script>'
                                       "<script>mermaid.initialize({startOnLoad: false});</script></body>")
    driver = start_chromium(folder / "profile")
    driver.set_script_timeout(300)
    driver.get((folder / "index.html").as_uri())
    yield driver
    driver.quit()


def render(page: object, diagrams: dict[str, str]) -> list[str]:
    """The diagrams Mermaid refuses, each with its error."""
    return page.execute_async_script(RENDER_ALL, sorted(diagrams.items()))  # type: ignore[attr-defined]


def test_the_page_runs_the_pinned_mermaid(page):
    assert page.execute_script("return mermaid.version ? mermaid.version() : null") in (None, MERMAID_VERSION)
    assert page.execute_script("return typeof mermaid.render") == "function"


def test_every_relation_diagram_of_the_shipped_catalog_renders(page):
    catalog = load_catalog()
    g = build_graph(catalog)
    diagrams = {tech.id: diagram(catalog, g, tech)[0] for tech in catalog}
    assert any("(one of)" in chart for chart in diagrams.values())  # the edges that once broke 11 pages
    assert render(page, diagrams) == []


NAMES = ['Say "hi" DB', "Pipe | store", "Paren (one of) [x] {y}", "Hash #35; & amp", "Semi; colon: %% comment",
         "Back `tick`", "<b>bold</b> <script>x</script>", "end", "graph", "click", "A --> B", "A -.- B", "-->|x|",
         "Ünïcödé 中文 🚀", "style t0 fill:#f00", "classDef x", "\\", "a\\\"b", "](x)", "-- --"]


def test_names_full_of_mermaid_syntax_render_as_plain_labels(page, tmp_path):
    mini = MiniCatalog(tmp_path / "catalog")
    ids = [f"t{i}" for i in range(len(NAMES))]
    for tech_id, name in zip(ids, NAMES):
        mini.add(tech_id, name=name)
    mini.add("hub", relations={"requires": ["|".join(ids[:3])], "alternative_to": ids[3:7],
                               "integrates_with": ids[7:]})
    catalog = load_catalog(mini.root)
    g = build_graph(catalog)
    diagrams = {tech.id: diagram(catalog, g, tech)[0] for tech in catalog}
    assert render(page, diagrams) == []


def test_the_site_ships_mermaid_and_lists_it_before_the_theme(tmp_path):
    from techpick.sitebuild import generate_project

    files, _ = generate_project()
    assert files["docs/assets/mermaid.min.js"] == mermaid_script()
    config = str(files["mkdocs.yml"])
    assert "  - assets/mermaid.min.js\n" in config
    assert b"sourceMappingURL" not in mermaid_script()[-200:]
    assert Path(__file__).parent.parent.joinpath("mkdocs.yml").read_text().count("assets/mermaid.min.js") == 1


def test_a_built_page_draws_its_diagram_and_loads_nothing_from_outside(tmp_path):
    """A technology page of a built site, served with every outside host unreachable, draws its diagram."""
    _need_browser()
    from selenium.webdriver.support.ui import WebDriverWait

    from techpick.sitebuild import Engine, build_site

    mini = MiniCatalog(tmp_path / "catalog")
    for tech_id in ("alpha", "beta", "gamma"):
        mini.add(tech_id)
    mini.add("hub", relations={"requires": ["alpha|beta"], "alternative_to": ["gamma"]})
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "guide.md").write_text("# A guide\n\nUse [Hub](tech:hub).\n")
    built = build_site(tmp_path / "out", mini.root, kb, engine=Engine(False))
    handler = functools.partial(_Quiet, directory=str(built.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    driver = start_chromium(tmp_path / "profile",
                            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")  # no outside host resolves
    try:
        driver.get(f"{origin}/tech/hub/")
        # Material draws into a closed shadow root: a drawn diagram gives its host a height
        height = WebDriverWait(driver, 60).until(lambda d: d.execute_script(
            "const host = document.querySelector('div.mermaid'); return host && host.offsetHeight > 50"))
        assert height
        loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert f"{origin}/assets/mermaid.min.js" in loaded
        assert [name for name in loaded if not name.startswith(origin)] == []
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass
