"""The site's pages as text: sitegen is a pure function, so most of the site is checked here
without MkDocs or a browser. The knowledge base's link check and the `site` commands too."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from techpick import load_catalog
from techpick.cli import cli
from techpick.escape import mermaid_label
from techpick.kb import check_links, rewrite_links, tech_links
from techpick.loader import default_kb_dir, load_kb
from techpick.schemas import json_schema
from techpick.site_common import attr, text
from techpick.site_config import mkdocs_config
from techpick.site_tech import search_boosts
from techpick.sitebuild import read_sources
from techpick.sitegen import generate
from tests.conftest import ROOT

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) *em* | `code`'


@pytest.fixture
def small(mini):
    mini.add("alpha", name="Alpha Store", aliases=["alfa"], keywords=["message queue", "beta"],
             relations={"alternative_to": ["beta"], "requires": ["gamma"]},
             hosting={"self_hosted": True, "managed": [{"service": "Alpha Cloud", "provider": "aws", "clouds": ["aws"],
                                                         "url": "https://example.org/alpha"}]})
    mini.add("beta", description="Beta is a hostile one. " + HOSTILE, use_when=[HOSTILE],
             status={"state": "retired", "since": 2021, "successor": "alpha", "note": "Gone."})
    mini.add("gamma", area="processing", roles=["coordination"], data_models=[])
    return load_catalog(mini.root)


KB = {"index.md": "# Home of the kb\n", "guides/one.md": "# One\n\nSee [Alpha](tech:alpha) and [Zeta](tech:zeta).\n"}


@pytest.fixture
def files(small):
    return generate(small, KB, {"index.md": "# Hello\n\n<!-- techpick:overview -->\n", "assets/techpick.js": "//"})


# ---- escaping ----------------------------------------------------------------

def test_text_shows_markup_as_text():
    out = text(HOSTILE)
    assert "<" not in out and ">" not in out
    assert "&lt;script&gt;" in out
    assert not re.search(r"(?<!\\)[\[\]*|`]", out), out  # every inline Markdown character escaped
    assert text("a\n  b") == "a b"


def test_attr_and_mermaid_labels_cannot_break_out():
    assert attr('"><script>') == "&quot;&gt;&lt;script&gt;"
    label = mermaid_label('Evil "quoted" <b>#1</b>')
    assert label.startswith('"') and label.endswith('"') and label.count('"') == 2
    assert "<" not in label and ">" not in label


# ---- pages -------------------------------------------------------------------

def test_generate_writes_a_whole_mkdocs_project(files, small):
    docs = {name.removeprefix("docs/") for name in files if name.startswith("docs/")}
    assert {"index.md", "tech/index.md", "tech/alpha.md", "tech/beta.md", "tech/gamma.md", "roles/storage.md",
            "areas/storage.md", "capabilities.md", "kb/index.md", "kb/guides/one.md", "reference/requirements.md",
            "reference/catalog.md", "reference/schemas.md", "index.json", "assets/techpick.js",
            "schemas/reqs.schema.json", "schemas/technology.schema.json", "schemas/vocabulary.schema.json"} <= docs
    assert files["mkdocs.yml"].startswith(mkdocs_config("docs", "site"))
    assert '- "Storage": "roles/storage.md"' in files["mkdocs.yml"]
    assert '- "One": "kb/guides/one.md"' in files["mkdocs.yml"]


def test_generate_is_pure_and_stable(small):
    assert generate(small, KB, {}) == generate(small, KB, {})


def test_technology_page_has_facts_sources_relations_and_a_diagram(files):
    page = files["docs/tech/alpha.md"]
    assert page.startswith('---\ntitle: "Alpha Store"\n')
    assert "# Alpha Store\n" in page
    assert "| Latency p99 | 1 ms |" in page
    assert "| Volume | 1 GB–1 TB, max 10 TB |" in page
    assert '| Licence | <abbr title="Apache-2.0">Apache License 2.0</abbr> (open source, permissive) |' in page
    assert "| Hosting | self-hosted, managed on Amazon Web Services |" in page
    assert "| Operations | 2 of 5 to operate: " in page
    assert '<a href="https://example.org/alpha" rel="nofollow noopener">Alpha Cloud</a>' in page
    assert "## Sources\n\n1. <a href=\"https://example.org/a\"" in page
    assert "- **Requires:** [Gamma](gamma.md)" in page
    assert "- **Alternative to:** [Beta](beta.md) <span class=\"tp-badge tp-badge--retired\">retired</span>" in page
    assert "```mermaid\nflowchart LR\n" in page
    assert 't0 -->|"requires"| t1["Gamma"]' in page
    assert "[point-lookup](../capabilities.md#point-lookup)" in page
    assert "[Technologies](index.md) › [Storage](../roles/storage.md) › Alpha Store\n{ .tp-breadcrumbs }" in page
    assert "| Facts last reviewed | not recorded |" in page


def test_inverse_relations_are_shown_on_the_other_page(files):
    assert "- **Required by:** [Alpha Store](alpha.md)" in files["docs/tech/gamma.md"]
    assert "- **Successor of:** [Beta](beta.md)" in files["docs/tech/alpha.md"]


def test_retired_technology_is_marked_with_a_warning_and_its_successor(files):
    page = files["docs/tech/beta.md"]
    assert '# Beta <span class="tp-badge tp-badge--retired">retired</span>' in page
    assert '!!! danger "Retired since 2021"' in page
    assert "    For new work use [Alpha Store](alpha.md)." in page
    assert "<script>" not in page and "<img" not in page


def test_search_words_leave_out_other_entries_names(files, small):
    front = files["docs/tech/alpha.md"].split("---")[1]
    tags = json.loads(front.split("tags: ", 1)[1].splitlines()[0])
    assert tags[:2] == ["alpha", "alpha"]
    assert {"store", "alfa", "message", "queue"} <= set(tags)
    assert "beta" not in tags  # a keyword that names another entry
    assert search_boosts(small) == {"alpha": 2.0, "beta": 1.0, "gamma": 2.0}  # beta is retired: it sinks


def test_search_words_carry_roles_data_models_and_capabilities_in_russian_too(files):
    front = files["docs/tech/alpha.md"].split("---")[1]
    tags = json.loads(front.split("tags: ", 1)[1].splitlines()[0])
    assert {"storage", "хранилище", "данных", "database", "база"} <= set(tags)


def test_a_role_page_carries_its_words_but_not_a_technologys_alias():
    from techpick import load_catalog
    from techpick.site_role import _role_words

    words = _role_words(load_catalog(), "container-orchestration")
    assert {"container", "orchestration", "оркестрация", "контейнеров"} <= set(words)
    assert "k8s" not in words and "kubernetes" not in words


def test_role_page_compares_on_the_deciding_dimensions(files):
    page = files["docs/roles/storage.md"]
    assert "## Fit and scale" in page and "## Cost of ownership" in page
    assert "| technology | data models | latency p99 | volume | throughput | consistency | HA | scaling |" in page
    assert ("| [Alpha Store](../tech/alpha.md) | key-value | <data value=\"0.001\">1 ms</data> | "
            "<data value=\"1000000000000\">1 GB–1 TB<br>max 10 TB</data> |") in page  # values to sort by
    assert page.count("<div class=\"tp-wide\" markdown=\"1\">") == page.count("| technology |")  # each table in its box
    assert "Where these facts come from" in page


def test_capability_matrix_gives_the_level_of_every_technology_in_every_capability(files, small):
    page = files["docs/capabilities.md"]
    caps = sorted(small.vocabulary.capabilities)
    header = re.findall(r'<th scope="col" data-cap="([^"]+)"', page)
    assert header == caps
    for tech in small:
        row = re.search(rf'<tr data-id="{tech.id}" data-area="[^"]*" data-roles="[^"]*">(.*?)</tr>', page)[1]
        cells = row.split("</th>", 1)[1].split("</td>")[:-1]
        levels = {cap: re.search(r'title="(\w+)"', cell)[1] for cap, cell in zip(caps, cells) if "title=" in cell}
        assert levels == {cap: level.value for cap, level in tech.capabilities.items()}
    assert '<tr data-id="gamma" data-area="processing" data-roles="coordination">' in page
    assert "**point-lookup**{ #point-lookup }" in page  # the anchor technology pages link to
    assert "Beta is a hostile" not in page and "<script>" not in page


def test_kb_links_point_at_technology_pages_and_unknown_ones_lose_the_link(files):
    page = files["docs/kb/guides/one.md"]
    assert "See [Alpha](../../tech/alpha.md) and Zeta." in page
    assert files["docs/kb/index.md"] == KB["index.md"]


def test_home_page_gets_the_overview_at_its_marker(files):
    home = files["docs/index.md"]
    assert home.startswith("# Hello\n")
    assert "**3 technologies**" in home and "<!-- techpick:overview -->" not in home


def test_an_area_card_does_not_repeat_its_title_as_a_role_link(files):
    card = files["docs/index.md"].split("**[Storage](", 1)[1].split("\n-   ", 1)[0]
    assert "[Storage](" not in card  # the area's own role is the side-by-side table, not a second "Storage"
    assert "[All 2 side by side](roles/storage.md)" in card  # alpha and beta
    processing = files["docs/index.md"].split("**[Processing](", 1)[1].split("\n-   ", 1)[0]
    assert "[Coordination](roles/coordination.md)" in processing


def test_index_json_holds_what_the_browser_filters_on(files):
    index = json.loads(files["docs/index.json"])
    alpha = next(t for t in index["technologies"] if t["id"] == "alpha")
    assert alpha["url"] == "tech/alpha/"
    assert alpha["clouds"] == ["aws"]
    assert alpha["offers"] == [{"cloud": "aws", "service": "Alpha Cloud", "first_party": True}]
    assert alpha["capabilities"] == {"point-lookup": {"level": "native", "note": None, "via": []}}
    assert alpha["open_source"] and alpha["permissive"] and alpha["self_hosted"]
    assert alpha["requires"] == [["gamma"]]
    assert "messaging" in index["vocabulary"]["roles"]


def test_requirements_reference_is_written_from_the_models(files):
    page = files["docs/reference/requirements.md"]
    schema = json_schema("reqs")
    for field in schema["$defs"]["Need"]["properties"]:
        assert f"| `{field}` |" in page
    assert "| `version` | 1 | yes |" in page


def test_published_schemas_are_the_models(files):
    for what, name in (("reqs", "reqs"), ("catalog", "technology"), ("vocabulary", "vocabulary")):
        assert json.loads(files[f"docs/schemas/{name}.schema.json"]) == json_schema(what)


def test_the_repository_mkdocs_yml_is_the_generated_one_without_nav():
    assert (ROOT / "mkdocs.yml").read_text() == mkdocs_config("build/docs", "build/site"), \
        "regenerate: python -c \"from techpick.site_config import mkdocs_config; " \
        "print(mkdocs_config('build/docs', 'build/site'), end='')\" > mkdocs.yml"


def test_shipped_site_sources_are_read():
    sources = read_sources()
    assert {"index.md", "find.md", "recommend.md", "assets/techpick.js", "assets/techpick.css"} <= set(sources)
    assert not any(name.startswith("schemas/") for name in sources)
    for name, body in sources.items():
        if name.endswith(".js"):
            assert "innerHTML" not in body.replace("never innerHTML", ""), name


# ---- knowledge base ------------------------------------------------------------

def test_tech_links_have_line_and_column():
    assert list(tech_links("x\n[A](tech:a) and [B](tech:b-c)\n")) == [(2, 5, "a"), (2, 21, "b-c")]
    assert rewrite_links("[A](tech:a)", lambda i: None) == "A"


def test_check_links_names_file_line_and_closest_id(small):
    problems = check_links(small, {"g.md": "ok [A](tech:alpha)\n\n[B](tech:alpah) [C](tech:alfa)\n"}, "kb")
    assert [str(p) for p in problems] == [
        "kb/g.md:3:5: tech:alpah is not in the catalog; did you mean alpha? accepted: alpha, beta, gamma",
        "kb/g.md:3:21: tech:alfa is an alias; link the id: tech:alpha",
    ]


def test_shipped_kb_links_all_resolve():
    pages = load_kb(default_kb_dir())
    assert len(pages) >= 5
    assert check_links(load_catalog(), pages) == []


def test_validate_checks_kb_links_and_exits_2(mini, tmp_path):
    mini.add("alpha")
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "a.md").write_text("# A\n\n[Alpha](tech:alpha) [X](tech:alpah)\n")
    proc = subprocess.run([sys.executable, "-m", "techpick", "validate", "--catalog", str(mini.root), "--kb", str(kb)],
                          capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"techpick: {kb}/a.md:3:25: tech:alpah is not in the catalog; did you mean alpha? " \
                          f"accepted: alpha\n"
    (kb / "a.md").write_text("# A\n\n[Alpha](tech:alpha)\n")
    result = CliRunner().invoke(cli, ["validate", "--catalog", str(mini.root), "--kb", str(kb)],
                                catch_exceptions=False)
    assert result.stdout == "catalog valid: 1 technologies, " \
                            f"{len(load_catalog(mini.root).vocabulary.capabilities)} capabilities; " \
                            "knowledge base valid: 1 pages\n"


# ---- the site commands ---------------------------------------------------------

def test_site_build_command_builds_a_team_catalog(mini, tmp_path):
    mini.add("alpha")
    out = tmp_path / "out"
    # the Recommend page's engine is built and tested with the browser tests (tests/test_site*.py)
    result = CliRunner().invoke(cli, ["site", "build", "--out", str(out), "--catalog", str(mini.root),
                                      "--no-browser-engine"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("site built: ")
    assert (out / "site" / "tech" / "alpha" / "index.html").is_file()
    assert (out / "site" / "schemas" / "reqs.schema.json").is_file()
    assert (out / "site" / "index.json").is_file()
    # the shipped guides over a team's catalog: links to what it lacks become words, the build stays strict
    assert "Kafka" in (out / "site" / "kb" / "guides" / "messaging" / "index.html").read_text()


def test_site_build_refuses_a_broken_kb_link(mini, tmp_path):
    mini.add("alpha")
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "a.md").write_text("[X](tech:nope)\n")
    result = CliRunner().invoke(cli, ["site", "build", "--out", str(tmp_path / "o"), "--catalog", str(mini.root),
                                      "--kb", str(kb)])
    assert result.exit_code == 2
    assert "tech:nope is not in the catalog" in result.stderr


def test_site_commands_have_help_with_an_example():
    for command in ("build", "serve"):
        result = CliRunner().invoke(cli, ["site", command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.stdout, command


def test_site_serve_starts_python_without_the_start_up_image_so_that_edits_reload_quickly(tmp_path, monkeypatch):
    served = {}
    monkeypatch.setattr("techpick.sitebuild.serve_site", lambda *args, **kwargs: served.update(kwargs))
    result = CliRunner().invoke(cli, ["site", "serve", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert served["engine"].enabled and not served["engine"].snapshot


# ---- the radar pages ---------------------------------------------------------------

def test_the_radar_page_draws_every_technology_once_in_its_ring(files, small):
    from techpick.radar import catalog_radar

    page = files["docs/radar.md"]
    for tech in small:
        ring = next(b.ring for b in catalog_radar(small).blips if b.id == tech.id)
        assert page.count(f'href="../tech/{tech.id}/"') == 1
        assert f'class="tp-radar-blip tp-radar-blip--{ring}" href="../tech/{tech.id}/"' in page
    assert [line for line in page.splitlines() if line.startswith("## ")] == \
        ["## Adopt { #adopt }", "## Trial { #trial }", "## Assess { #assess }", "## Hold { #hold }"]
    assert "No earlier radar is given to compare with, so no entry is marked new or moved" in page  # said, not invented
    assert "tp-radar-mark" not in page
    assert '- "Radar": "radar.md"' in files["mkdocs.yml"]


def test_radar_text_is_escaped_in_the_picture_and_the_list(mini, tmp_path):
    from techpick.radar import load_radar
    from techpick.site_radar import radar_pages

    mini.add("alpha", name='Alpha <script>x</script> "DB"')
    catalog = load_catalog(mini.root)
    radar_file = tmp_path / "radar.yaml"
    radar_file.write_text('version: 1\nname: "Team <b>one</b>"\nentries:\n'
                          '  - {id: alpha, ring: hold, reason: "[click](javascript:x) <img src=x>"}\n')
    pages = radar_pages(catalog, load_radar(radar_file, catalog))
    team = pages["team-radar.md"]
    assert "<script>" not in team and "<img" not in team and "<b>" not in team
    assert "Alpha &lt;script&gt;x&lt;/script&gt; &quot;DB&quot;" in team  # in the SVG's title and text
    assert "\\[click\\](javascript:x)" in team  # the reason in the list, as text


def test_the_radar_pages_are_the_same_bytes_every_time(small):
    from techpick.site_radar import radar_pages

    assert radar_pages(small) == radar_pages(small)


def test_the_radar_page_marks_new_and_moved_blips_and_says_so_in_a_legend(mini, tmp_path):
    from techpick.radar import catalog_radar, load_radar
    from techpick.site_radar import radar_pages

    mini.add("alpha")
    mini.add("beta", adoption="niche")
    mini.add("gamma")
    catalog = load_catalog(mini.root)
    assert {b.id: b.ring for b in catalog_radar(catalog).blips} == {"alpha": "trial", "beta": "assess", "gamma": "trial"}
    earlier = tmp_path / "earlier.yaml"
    earlier.write_text('version: 1\nname: "Release <1>"\nreleased: 2026-11-28\nentries:\n'
                       "  - {id: alpha, ring: trial, reason: x}\n  - {id: beta, ring: trial, reason: y}\n")
    page = radar_pages(catalog, history=load_radar(earlier, catalog))["radar.md"]
    assert "Compared with <em>Release &lt;1&gt;, released 2026-11-28</em>: 1 new, 1 moved." in page
    assert "<strong>New</strong>: not on that radar." in page and "<strong>Moved</strong>: its ring changed" in page
    assert 'class="tp-radar-blip tp-radar-blip--assess tp-radar-blip--moved" href="../tech/beta/"' in page
    assert "<title>3. Beta: assess, moved from trial</title>" in page
    assert 'class="tp-radar-blip tp-radar-blip--trial tp-radar-blip--new" href="../tech/gamma/"' in page
    assert 'class="tp-radar-blip tp-radar-blip--trial" href="../tech/alpha/"' in page
    assert page.count('<circle class="tp-radar-mark tp-radar-mark--new"') == 2  # gamma's and the legend's key
    assert '[Beta](tech/beta.md) <span class="tp-radar-change tp-radar-change--moved">moved from trial</span>' in page
    assert '[Gamma](tech/gamma.md) <span class="tp-radar-change tp-radar-change--new">new</span>' in page


# ---- downloads and the citation card --------------------------------------------------

def test_the_catalog_csv_parses_and_has_every_technology(files, small):
    import csv
    import io

    from techpick.site_exports import COLUMNS

    rows = list(csv.DictReader(io.StringIO(files["docs/downloads/techpick-catalog.csv"], newline="")))
    assert [r["id"] for r in rows] == sorted(t.id for t in small)
    assert tuple(rows[0]) == COLUMNS
    alpha = next(r for r in rows if r["id"] == "alpha")
    assert alpha["latency_p99_seconds"] == "0.001" and alpha["volume_max_bytes"] == "10000000000000"
    assert alpha["managed_clouds"] == "aws" and alpha["page"] == "tech/alpha/"
    beta = next(r for r in rows if r["id"] == "beta")
    assert beta["status"] == "retired" and beta["successor"] == "alpha" and beta["maturity_ring"] == "hold"
    document = json.loads(files["docs/downloads/techpick-catalog.json"])
    assert [t["id"] for t in document["technologies"]] == sorted(t.id for t in small)
    assert document["digest"] == small.digest
    assert "[techpick-catalog.csv](downloads/techpick-catalog.csv)" in files["docs/downloads.md"]


def test_a_spreadsheet_never_runs_catalog_text_as_a_formula(mini):
    import csv
    import io

    from techpick.escape import spreadsheet_cell
    from techpick.site_exports import catalog_csv

    assert spreadsheet_cell('=HYPERLINK("http://x")') == "'=HYPERLINK(\"http://x\")"
    assert spreadsheet_cell("@SUM(A1)") == "'@SUM(A1)" and spreadsheet_cell("-1+2") == "'-1+2"
    assert spreadsheet_cell("Kafka\nStreams") == "Kafka Streams"
    mini.add("evil", name='=cmd|" /C calc"!A0, "quoted"')
    row = next(csv.DictReader(io.StringIO(catalog_csv(load_catalog(mini.root)), newline="")))
    assert row["name"] == "'=cmd|\" /C calc\"!A0, \"quoted\""  # quoted, and read back whole


def test_a_technology_page_has_a_card_to_cite_it(files, small):
    page = files["docs/tech/beta.md"]
    card = page.split('<div class="tp-cite" markdown="1">', 1)[1].split("</div>", 1)[0]
    assert "> **[Beta](https://YOUR-SITE/tech/beta/)** (`beta`): storage;" in card
    assert "Status retired since 2021, successor alpha; maturity ring *hold*;" in card


@pytest.mark.parametrize(("flags", "image"), [([], True), (["--no-engine-image"], False)])
def test_site_build_ships_the_start_up_image_unless_told_not_to(tmp_path, monkeypatch, flags, image):
    built = {}

    def build_site(*args, **kwargs):
        built.update(kwargs)
        raise SystemExit(0)  # the choice is what is under test, not the build

    monkeypatch.setattr("techpick.sitebuild.build_site", build_site)
    CliRunner().invoke(cli, ["site", "build", "--out", str(tmp_path / "out"), *flags])
    assert built["engine"].enabled and built["engine"].snapshot is image


def test_the_status_row_gives_the_state_and_the_latest_dated_change(mini):
    mini.add("alpha", status={"state": "archived", "since": 2026},
             events=[{"date": "2023-06", "kind": "relicensed", "note": "Moved to a source-available licence.",
                      "source": "https://example.org/licence"},
                     {"date": "2025-10-02", "kind": "end-of-life", "note": "The community edition ended.",
                      "source": "https://example.org/eol"}])
    mini.add("beta")
    pages = generate(load_catalog(mini.root), {}, {})
    assert ("| Status | Archived since 2026; latest change 2025-10-02: end of life "
            "([status history](#status-history)) |") in pages["docs/tech/alpha.md"]
    assert "## Status history" in pages["docs/tech/alpha.md"]
    assert "| Status | Active |" in pages["docs/tech/beta.md"]


def test_a_technology_page_states_a_documented_retention_limit_only_where_there_is_one(mini):
    from techpick.graph import build_graph
    from techpick.site_tech import technology

    mini.add("queue", area="messaging", roles=["messaging"], data_models=[],
             scale={"retention_max": "14d", "basis": "retention limit from the docs"})
    mini.add("store")
    catalog = load_catalog(mini.root)
    g = build_graph(catalog)
    queue, store = (technology(catalog, g, catalog.get(i)) for i in ("queue", "store"))
    assert "| Retention | at most 2w (documented limit) |" in queue
    assert "| Retention |" not in store


def test_a_managed_offer_says_what_a_buyer_must_know(mini):
    from techpick.graph import build_graph
    from techpick.site_tech import technology

    offer = {"service": "Cloud Connect", "provider": "aws", "clouds": ["aws"], "status": "preview",
             "high_availability": "partial", "requires": ["log|bus"], "lacks": ["ttl"],
             "note": "Two workers or more fail over."}
    mini.add("log")
    mini.add("bus")
    mini.add("connect", capabilities={"point-lookup": "native", "ttl": "native"},
             hosting={"self_hosted": True, "managed": [offer]})
    catalog = load_catalog(mini.root)
    page = technology(catalog, build_graph(catalog), catalog.get("connect"))
    assert ("| preview. failover: partial. needs beside it: log or bus. lacks ttl. Two workers or more fail over. |"
            in page)
