"""Architecture reviews: the decision record's structure and content, growth paths,
sizing estimates, and `techpick check` keeping a decision true."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from techpick.check import check_stack
from techpick.cli import cli
from techpick.errors import InputError
from techpick.graph import build_graph
from techpick.growth import growth_paths
from techpick.loader import load_catalog, load_requirements
from techpick.record import read_record
from techpick.notes import Note
from techpick.renderers.review_md import render
from techpick.review import because, build_review
from techpick.sizing import estimate
from tests.conftest import ROOT, write_reqs
from tests.run_cli import run_main


@pytest.fixture
def techpick(capsys, monkeypatch):
    """`techpick("check", ...)` runs the entry point in this process."""
    return lambda *args: run_main(capsys, monkeypatch, *args)

EXAMPLE_REQS = sorted((ROOT / "examples").glob("*.yaml"))


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture(scope="module")
def shipped():
    catalog = load_catalog()
    return catalog, build_graph(catalog)


def sections(text: str, level: str) -> dict[str, str]:
    """Heading text -> body, for headings of exactly one level ('## ', '#### ' ...)."""
    parts = re.split(rf"^{re.escape(level)}(?!#)", text, flags=re.MULTILINE)
    return {part.split("\n", 1)[0]: part for part in parts[1:]}


# ---- reviews of the shipped examples ---------------------------------------

@pytest.mark.parametrize("example", EXAMPLE_REQS, ids=lambda p: p.stem)
def test_review_follows_the_madr_layout_for_every_need(shipped, example):
    catalog, graph = shipped
    reqs = load_requirements(example, catalog)
    review = build_review(catalog, graph, reqs, "examples/" + example.name, "2025-01-01")
    text = render(review, "https://techpick.example/", "review.md")
    top = sections(text, "## ")
    assert {"Context and problem statement", "Decisions at a glance", "Confirmation"} <= set(top)
    decisions = [title for title in top if re.match(r"\d+\. ", title)]
    assert len(decisions) == len(reqs.needs)
    for need, title in zip(reqs.needs, decisions):
        body = top[title]
        assert f'<a id="decision-{need.id}">' in text
        for heading in ("### Context and problem statement", "### Decision drivers", "### Considered options",
                        "### Decision outcome", "#### Consequences", "#### Growth path",
                        "### Pros and cons of the options"):
            assert heading in body, (need.id, heading)
        assert "Chosen option: **[" in body or "this decision stays open" in body
        assert "*(hard)*" in body or "*(soft)*" in body
    record = review.record
    assert list(record.decided) == [n.id for n in reqs.needs]
    assert "<!-- techpick:decision-record -->\n```yaml\nversion: 1\n" in text


@pytest.mark.parametrize("example", EXAMPLE_REQS, ids=lambda p: p.stem)
def test_every_option_argues_from_the_catalog_and_the_engine(shipped, example):
    catalog, graph = shipped
    reqs = load_requirements(example, catalog)
    review = build_review(catalog, graph, reqs, example.name, "2025-01-01")
    text = render(review, "https://techpick.example/", "review.md")
    for decision in review.decisions:
        assert decision.options, decision.need.id
        for option in decision.options:
            tech = catalog.by_id[option.id]
            link = f"[{esc(tech.name)}](https://techpick.example/tech/{tech.id}/)"
            assert link in text
            block = text.split(f"#### {link}", 1)[1].split("\n#### ", 1)[0]
            assert esc(tech.use_when[0]) in block and esc(tech.avoid_when[0]) in block
            assert "- Good, because" in block or "- Bad, because" in block
            if option.verdict == "ruled out":
                assert "- Bad, because" in block  # the hard requirement it fails
            if option.verdict == "chosen":
                assert option.good or option.bad, option.id  # the engine's reasons and trade-offs
        chosen = decision.chosen
        if chosen is not None:
            sizing = text.split(f"- **[{esc(chosen.name)}](https://techpick.example/tech/{chosen.id}/): ")[1]
            assert sizing.split("\n", 1)[0].endswith("**")


def test_review_command_writes_a_record_that_check_accepts(tmp_path):
    out = tmp_path / "review.md"
    runner = CliRunner()
    result = runner.invoke(cli, ["review", "--req", str(ROOT / "examples" / "oltp-web-app.yaml"), "-o", str(out),
                                 "--date", "2025-01-01", "--site-url", "../site"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out.as_posix()}\n" and result.stdout == ""
    text = out.read_text()
    assert "- **Date:** 2025-01-01" in text and "(../site/tech/" in text
    assert f"--record {out.as_posix()}" in text
    check = runner.invoke(cli, ["check", "--req", str(ROOT / "examples" / "oltp-web-app.yaml"), "--record", str(out)],
                          catch_exceptions=False)
    assert check.exit_code == 0, check.stdout
    assert check.stdout.endswith("the stack fits all 3 needs\n")


def test_because_words_engine_notes_as_clauses():
    assert because(Note("serves-natively", caps=["pub-sub", "replay", "ordering"])) == \
        "it serves pub-sub, replay and ordering natively"
    assert because(Note("complexity", level=3, reason="A cluster.")) == "its operational complexity is 3/5: a cluster"
    assert because(Note("cap-level", cap="ordering", level="partial", note="per queue", via=[])) == \
        "ordering is only partial: per queue"
    assert because(Note("not-open-source", license="BUSL-1.1")) == "it is not open source (licence BUSL-1.1)"
    assert because(Note("prefer-missing", caps=["web-ui"])) == "it has no web-ui"
    assert because(Note("volume-documented", value="20TB", limit="10TB")) == "20TB is beyond its documented limit of 10TB"
    assert because("text that is not a note") == "text that is not a note"


# ---- small hand-made catalogs: exact outcomes ------------------------------

@pytest.fixture
def pair(mini):
    """alpha: simple, small ceiling; beta: heavier, built for large data."""
    mini.add("alpha", operations={"complexity": 2, "reason": "one process to run", "min_nodes_ha": 3},
             scaling="horizontal")
    mini.add("beta", operations={"complexity": 4, "reason": "several kinds of processes", "min_nodes_ha": 3},
             scale={"volume": {"sweet": ["100GB", "100TB"], "max": "1PB"}})
    return mini


def load(mini, reqs_path):
    catalog = load_catalog(mini.root)
    return catalog, build_graph(catalog), load_requirements(reqs_path, catalog)


def test_growth_names_the_requirement_that_forces_the_change(pair, tmp_path):
    path = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage", "volume": "500GB"}])
    catalog, graph, reqs = load(pair, path)
    steps = growth_paths(graph, reqs)["db"].steps
    assert [(s.factor, s.picks[0]) for s in steps] == [(1, "alpha"), (10, "alpha"), (100, "beta")]
    assert steps[1].strain == ["volume 5TB is past its sweet spot (up to 1TB)"]
    assert steps[2].change == "alpha fails: 50TB is beyond its documented limit of 10TB"
    review = build_review(catalog, graph, reqs, "r.yaml", "2025-01-01")
    text = render(review)
    assert "| 100x | 50TB | - | [Beta](site/tech/beta/) | [Alpha](site/tech/alpha/) fails: 50TB is beyond" in text
    assert "Bad, because it is a decision for the stated size: at 100x (50TB) [Alpha](site/tech/alpha/) fails" in text


def test_unsized_needs_have_no_growth_path(pair, tmp_path):
    path = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage"}])
    catalog, graph, reqs = load(pair, path)
    assert not growth_paths(graph, reqs)["db"].sized
    assert "No volume or throughput is stated, so growth does not move this decision." in render(
        build_review(catalog, graph, reqs, "r.yaml", "2025-01-01"))


def test_sizing_shows_its_arithmetic_and_assumptions(pair, tmp_path):
    path = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage", "volume": "9TB", "throughput": "50k/s",
                                             "availability": "high"}])
    catalog, _, reqs = load(pair, path)
    est = estimate(catalog, "alpha", reqs.needs[0])
    assert est.nodes == 14 and est.summary == "14 nodes (set by volume)"
    assert est.drivers == [
        "high availability: at least 3 nodes (the catalog's smallest HA deployment)",
        "volume: 9TB x 3 copies / 2TB per node = 14 nodes",
        "throughput: 50k/s / 20k/s per node = 3 nodes",
    ]
    assert est.assumptions == ["a node with 2TB of usable SSD serves 20k operations/s",
                               "3 copies of the data for high availability"]


def test_sizing_of_scale_up_embedded_and_serverless_blocks(mini, tmp_path):
    mini.add("up", scaling="vertical", operations={"complexity": 2, "reason": "one server", "min_nodes_ha": 2},
             data_models=["relational"])
    mini.add("lib", scaling="embedded", hosting={"self_hosted": True, "embedded": True})
    mini.add("cloudy", scaling="serverless",
             hosting={"self_hosted": False, "managed": [{"service": "Cloudy", "provider": "aws", "clouds": ["aws"]}]})
    path = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage", "volume": "5TB", "throughput": "30k/s",
                                             "availability": "high"}])
    catalog, _, reqs = load(mini, path)
    need = reqs.needs[0].model_copy(update={"data_model": "relational"})
    up = estimate(catalog, "up", need)
    assert up.summary == "2 nodes (one primary, 1 replica for failover)"
    assert up.warnings == [("the load needs about 3x the assumed node, and Up scales up, not out: "
                            "plan a bigger machine, read replicas or partitioning")]
    assert estimate(catalog, "lib", need).nodes == 0
    assert estimate(catalog, "cloudy", need).nodes is None


def test_sizing_prices_a_managed_offer_when_the_catalog_has_one(mini, tmp_path):
    offer = {"service": "Alpha Cloud", "provider": "aws", "clouds": ["aws"],
             "price": {"usd_per_month": 250, "unit": "node", "basis": "m5.large on demand, us-east-1",
                       "as_of": 2025, "source": "https://example.org/pricing"}}
    mini.add("alpha", hosting={"self_hosted": True, "managed": [offer]}, operations={
        "complexity": 2, "reason": "one process to run", "min_nodes_ha": 3})
    path = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage", "volume": "100GB",
                                             "availability": "high"}])
    catalog, graph, reqs = load(mini, path)
    est = estimate(catalog, "alpha", reqs.needs[0])
    assert est.nodes == 3 and est.cost is not None and est.cost.usd_per_month == 750
    text = render(build_review(catalog, graph, reqs, "r.yaml", "2025-01-01"))
    assert "list price: about $750 a month on Alpha Cloud: 3 x $250 per node (m5.large on demand, us-east-1), " \
           "as of 2025 ([source](https://example.org/pricing))" in text


# ---- check: a decided stack that stops fitting -----------------------------

@pytest.fixture
def decided(pair, tmp_path):
    reqs = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage", "volume": "500GB"}],
                      constraints={"license": "open-source"})
    out = tmp_path / "review.md"
    result = CliRunner().invoke(cli, ["review", "--req", str(reqs), "-o", str(out), "--catalog", str(pair.root)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert read_record(out).decided == {"db": "alpha"}
    return pair, reqs, out


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    """A real process, as CI runs it."""
    return subprocess.run([sys.executable, "-m", "techpick", "check", *args], check=False, capture_output=True, text=True)


def test_check_passes_while_the_decision_holds(decided, techpick):
    mini, reqs, record = decided
    proc = techpick("check", "--req", str(reqs), "--record", str(record), "--catalog", str(mini.root))
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "ok    db (storage): alpha still fits\nthe stack fits all 1 need\n"


def test_check_fails_when_a_technology_is_retired(decided):
    mini, reqs, record = decided
    mini.add("alpha", status={"state": "retired", "since": 2025, "successor": "beta"})
    proc = run_check("--req", str(reqs), "--record", str(record), "--catalog", str(mini.root))
    assert proc.returncode == 1
    assert "FAIL  db (storage): alpha does not fit\n" in proc.stdout
    assert "- alpha: retired since 2025, not for new work; use beta instead" in proc.stdout
    assert "today the engine would pick beta" in proc.stdout
    assert "note: the catalog has changed since the decision was recorded" in proc.stdout


def test_check_fails_when_a_licence_changes(decided, techpick):
    mini, reqs, record = decided
    mini.add("alpha", license={"spdx": "BUSL-1.1"})
    proc = techpick("check", "--req", str(reqs), "--record", str(record), "--catalog", str(mini.root))
    assert proc.returncode == 1
    assert "- alpha: not open source (licence BUSL-1.1)" in proc.stdout


def test_check_fails_when_a_requirement_is_edited(decided, techpick):
    mini, reqs, record = decided
    reqs.write_text(reqs.read_text().replace("500GB", "50TB"))
    proc = techpick("check", "--req", str(reqs), "--record", str(record), "--catalog", str(mini.root))
    assert proc.returncode == 1
    assert "- alpha: 50TB is beyond its documented limit of 10TB" in proc.stdout


def test_check_fails_for_a_need_added_after_the_review(decided, techpick):
    mini, reqs, record = decided
    reqs.write_text(reqs.read_text() + "- id: cache\n  role: storage\n")
    proc = techpick("check", "--req", str(reqs), "--record", str(record), "--catalog", str(mini.root))
    assert proc.returncode == 1
    assert "FAIL  cache (storage): nothing decided fits\n" \
           "        - no decision is recorded for this need (was it added after the review?)" in proc.stdout


def test_check_with_a_plain_stack_matches_needs_by_role(pair, tmp_path, techpick):
    path = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage", "volume": "50TB"},
                                            {"id": "events", "role": "messaging"}])
    catalog, graph, reqs = load(pair, path)
    result = check_stack(catalog, graph, reqs, ["alpha", "beta"])
    db, events = result.verdicts
    assert (db.fits, db.holds) == (True, "beta")  # alpha fails the volume, beta holds it
    assert (events.fits, events.reasons) == (False, ["no technology of the stack fills the role messaging"])
    proc = techpick("check", "--req", str(path), "--stack", "alpha", "--catalog", str(pair.root))
    assert proc.returncode == 1 and "- alpha: 50TB is beyond its documented limit of 10TB" in proc.stdout


def test_check_refuses_bad_arguments_with_exit_2(pair, tmp_path, techpick):
    path = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage"}])
    cases = {
        ("--stack", "alpah"): "techpick: --stack: unknown technology 'alpah'; did you mean alpha?\n",
        ("--stack", "dbs=alpha"): "techpick: --stack: unknown need 'dbs'; did you mean db? accepted: db\n",
        ("--stack", "db=alpha,beta"): "techpick: --stack: use either plain ids or need=id pairs, not both\n",
        (): "techpick: give the decided stack with --stack or --record; --req alone names no decision\n",
    }
    for args, stderr in cases.items():
        proc = techpick("check", "--req", str(path), *args, "--catalog", str(pair.root))
        assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", stderr)


def test_broken_decision_records_are_refused_with_their_line(tmp_path):
    missing = tmp_path / "none.md"
    missing.write_text("# A review without a record\n")
    with pytest.raises(InputError, match="no decision record found"):
        read_record(missing)
    bad = tmp_path / "bad.md"
    bad.write_text("# Review\n\n<!-- techpick:decision-record -->\n```yaml\nversion: 1\ndecided:\n  db: alpha\n"
                   "  cache: [x]\nextra: 1\n```\n")
    with pytest.raises(InputError) as info:
        read_record(bad)
    text = str(info.value)
    assert f"{bad}:8:" in text and "decided.cache" in text
    assert f"{bad}:9:1: extra: unknown field 'extra'" in text


def test_catalog_text_is_shown_never_interpreted(mini, tmp_path):
    mini.add("alpha", description="A <script>alert(1)</script> block for tests. It exists so that escaping is tested.",
             use_when=["you need <b>bold</b> & more"], capability_notes={"point-lookup": "via <img src=x>"})
    path = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage", "access": ["point-lookup"]}])
    catalog, graph, reqs = load(mini, path)
    text = render(build_review(catalog, graph, reqs, "r.yaml", "2025-01-01"))
    assert "<script>" not in text and "<b>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "you need &lt;b&gt;bold&lt;/b&gt; &amp; more" in text
    assert "*point-lookup*: via &lt;img src=x&gt;." in text
