"""A team's radar: read with the rigour of every other file, and it moves the recommendation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from techpick.cli import cli
from techpick.errors import InputError
from techpick.graph import build_graph
from techpick.loader import load_catalog, load_requirements
from techpick.radar import catalog_radar, load_radar
from techpick.recommend import recommend
from techpick.renderers.review_md import render
from techpick.review import build_review
from tests.conftest import ROOT, write_reqs
from tests.run_cli import run_main


@pytest.fixture
def techpick(capsys, monkeypatch):
    """`techpick("check", ...)` runs the entry point in this process."""
    return lambda *args: run_main(capsys, monkeypatch, *args)


@pytest.fixture
def pair(mini):
    """alpha wins on simplicity (2/5 against 3/5) when no radar speaks."""
    mini.add("alpha", aliases=["alfa"], operations={"complexity": 2, "reason": "one process to run"})
    mini.add("beta", operations={"complexity": 3, "reason": "a cluster to run"})
    mini.add("gamma", status={"state": "retired", "since": 2020, "successor": "alpha"}, adoption="niche")
    return mini


def radar(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "radar.yaml"
    path.write_text(body)
    return path


def pick(mini, reqs_path: Path, radar_path: Path | None = None) -> list[str]:
    catalog = load_catalog(mini.root)
    reqs = load_requirements(reqs_path, catalog)
    team = load_radar(radar_path, catalog).for_engine() if radar_path else None
    return [p.id for p in recommend(build_graph(catalog), reqs, team).needs[0].picks]


def test_hold_is_never_recommended_and_adopt_is_preferred(pair, tmp_path):
    reqs = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage"}])
    assert pick(pair, reqs)[0] == "alpha"
    held = radar(tmp_path, "version: 1\nentries:\n  - {id: alfa, ring: hold, reason: we are moving off it}\n")
    assert pick(pair, reqs, held) == ["beta"]
    adopted = radar(tmp_path, "version: 1\nentries:\n  - {id: beta, ring: adopt, reason: our default store}\n")
    assert pick(pair, reqs, adopted)[0] == "beta"


def test_the_review_shows_rings_and_the_hold(pair, tmp_path):
    reqs_path = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage"}])
    path = radar(tmp_path, "version: 1\nname: Platform team\nentries:\n"
                           "  - {id: alpha, ring: hold, reason: we are moving off it}\n"
                           "  - {id: beta, ring: trial, reason: one service uses it}\n")
    catalog = load_catalog(pair.root)
    reqs = load_requirements(reqs_path, catalog)
    review = build_review(catalog, build_graph(catalog), reqs, "r.yaml", "2025-01-01", load_radar(path, catalog))
    text = render(review)
    assert f"- **Team radar:** Platform team (`{path}`)" in text
    assert "- On hold in the team's radar: Alpha *(hard)*" in text
    assert "- The team's radar: Beta (trial) *(soft)*" in text
    assert "Chosen option: **[Beta](site/tech/beta/)**" in text
    assert "- Team radar: **hold**, we are moving off it" in text
    assert "[Alpha](site/tech/alpha/) — ruled out: on hold in the team's radar: we are moving off it" in text


def test_recommend_takes_a_radar(pair, tmp_path):
    reqs = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage"}])
    path = radar(tmp_path, "version: 1\nentries:\n  - {id: alpha, ring: hold, reason: moving off}\n")
    out = CliRunner().invoke(cli, ["recommend", "--req", str(reqs), "--radar", str(path), "--format", "json",
                                   "--catalog", str(pair.root)], catch_exceptions=False).stdout
    need = json.loads(out)["needs"][0]
    assert need["picks"][0]["id"] == "beta"
    assert {"id": "alpha", "score": None, "ruled_out": True,
            "why_not": ["on hold in the team's radar: moving off"]} in need["considered"]


BAD = {
    "unknown id": ("version: 1\nentries:\n  - id: alpah\n    ring: adopt\n    reason: x\n",
                   "{f}:3:5: entries.0.id: unknown technology 'alpah'; did you mean alpha?"),
    "bad ring": ("version: 1\nentries:\n  - id: alpha\n    ring: hodl\n    reason: x\n",
                 ("{f}:4:5: entries.0.ring: 'hodl' is not accepted; did you mean hold? expected adopt, trial, assess or hold")),
    "unknown field": ("version: 1\nentries:\n  - {id: alpha, ring: adopt, reason: x, colour: red}\n",
                      "{f}:3:41: entries.0.colour: unknown field 'colour'; accepted: id, reason, ring"),
    "twice": ("version: 1\nentries:\n  - {id: alpha, ring: adopt, reason: x}\n  - {id: alfa, ring: hold, reason: y}\n",
              "{f}:4:6: entries.1.id: 'alpha' is already on the radar (line 3); give each technology one ring"),
    "no reason": ("version: 1\nentries:\n  - {id: alpha, ring: adopt}\n", "{f}:3:5: entries.0.reason: is required"),
    "wrong version": ("version: 2\nentries: []\n", "{f}:1:1: version: 2 is not accepted; expected 1"),
    "a list": ("- alpha\n", "{f}:1:1: the top level must be a mapping of fields, not a list"),
    "empty": ("", "{f}: file is empty; expected a mapping of fields"),
    "yaml": ("version: 1\nentries: [\n", "{f}:3:1: YAML syntax error at line 3, column 1:"),
    "a tag": ("version: 1\nentries: !!python/object:os.system {}\n",
              "{f}:2:10: the tag !!python/object:os.system is not allowed; only plain values are (text, numbers, "
              "true/false, null, lists and mappings)"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_radar_files_are_refused_cleanly(pair, tmp_path, case, techpick):
    body, expected = BAD[case]
    path = radar(tmp_path, body)
    with pytest.raises(InputError) as info:
        load_radar(path, load_catalog(pair.root))
    assert str(info.value).startswith(expected.format(f=path))
    proc = techpick("radar", "--radar", str(path), "--catalog", str(pair.root))
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith("techpick: ") and "Traceback" not in proc.stderr


def test_a_missing_radar_file_is_refused_on_every_command(pair, tmp_path, techpick):
    reqs = write_reqs(tmp_path / "r.yaml", [{"id": "db", "role": "storage"}])
    for args in (["recommend", "--req", str(reqs)], ["review", "--req", str(reqs)], ["compare", "alpha", "beta"],
                 ["check", "--req", str(reqs), "--stack", "alpha"]):
        proc = techpick(*args, "--radar", str(tmp_path / "nope.yaml"), "--catalog", str(pair.root))
        assert (proc.returncode, proc.stdout) == (2, ""), args
        assert proc.stderr == f"techpick: {tmp_path / 'nope.yaml'}: file not found\n"


def test_catalog_maturity_radar(pair):
    blips = {b.id: b for b in catalog_radar(load_catalog(pair.root)).blips}
    assert (blips["alpha"].ring, blips["gamma"].ring) == ("trial", "hold")
    assert blips["gamma"].reason == "retired since 2020: end of life; use alpha instead"
    assert blips["alpha"].reason == "common adoption: well established with a real community"


def test_radar_command_formats(pair):
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["radar", "--format", "json", "--catalog", str(pair.root)],
                                    catch_exceptions=False).stdout)
    assert data["name"] == "Catalog maturity" and [r["ring"] for r in data["rings"]] == ["adopt", "trial", "assess",
                                                                                          "hold"]
    assert {e["id"]: e["ring"] for e in data["entries"]} == {"alpha": "trial", "beta": "trial", "gamma": "hold"}
    team = ROOT / "examples" / "radars" / "data-platform.yaml"
    md = runner.invoke(cli, ["radar", "--radar", str(team)], catch_exceptions=False).stdout
    assert md.startswith("# Technology radar: Data platform team")
    assert "| hold | [Apache Druid](site/tech/druid/) |" in md


def test_every_new_command_has_help_with_an_example():
    for command in ("review", "compare", "radar", "check"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.stdout, command


# ---- new and moved since an earlier radar ---------------------------------------

EARLIER = ("version: 1\nname: Last quarter\nreleased: 2025-07-01\nentries:\n"
           "  - {id: alpha, ring: assess, reason: a spike}\n"
           "  - {id: gamma, ring: hold, reason: retired}\n")


def test_since_marks_each_entry_new_or_moved_in_every_format(pair, tmp_path, techpick):
    earlier = radar(tmp_path, EARLIER)
    args = ("radar", "--since", str(earlier), "--catalog", str(pair.root))
    data = json.loads(techpick(*args, "--format", "json").stdout)
    assert data["since"] == {"name": "Last quarter", "released": "2025-07-01", "source": str(earlier),
                             "new": 1, "moved": 1, "left": []}
    assert {e["id"]: (e["change"], e["previous_ring"]) for e in data["entries"]} == {
        "alpha": ("moved", "assess"), "beta": ("new", None), "gamma": (None, None)}
    legend = "Compared with Last quarter, released 2025-07-01: new = not on that radar, moved from RING = its ring then. " \
             "1 new, 1 moved."
    md = techpick(*args).stdout
    assert legend in md
    assert "| ring | technology | change | why |" in md
    assert "| trial | [Alpha](site/tech/alpha/) | moved from assess | common adoption" in md
    assert "| trial | [Beta](site/tech/beta/) | new | common adoption" in md
    text = techpick(*args, "--format", "text").stdout
    assert text.splitlines()[1] == legend
    assert "  trial   beta                   new               common adoption" in text


def test_without_an_earlier_radar_nothing_is_marked(pair, techpick):
    data = json.loads(techpick("radar", "--format", "json", "--catalog", str(pair.root)).stdout)
    assert data["since"] is None and {e["change"] for e in data["entries"]} == {None}
    assert "| ring | technology | why |" in techpick("radar", "--catalog", str(pair.root)).stdout


def test_an_entry_the_earlier_radar_held_and_this_one_lacks_is_named(pair, tmp_path, techpick):
    team = radar(tmp_path, "version: 1\nentries:\n  - {id: beta, ring: adopt, reason: our store}\n")
    earlier = tmp_path / "earlier.yaml"
    earlier.write_text(EARLIER)
    data = json.loads(techpick("radar", "--radar", str(team), "--since", str(earlier), "--format", "json",
                               "--catalog", str(pair.root)).stdout)
    assert data["since"]["left"] == ["alpha", "gamma"]
    assert data["entries"] == [{"id": "beta", "name": "Beta", "quadrant": "storage", "ring": "adopt",
                                "reason": "our store", "change": "new", "previous_ring": None}]


def test_the_shipped_catalog_is_compared_with_its_previous_release(techpick):
    from techpick.radar import PREVIOUS_RELEASE, previous_release

    catalog = load_catalog()
    earlier = previous_release(catalog)
    assert earlier.released == "2026-11-28" and earlier.name.startswith("Catalog maturity at commit ")
    data = json.loads(techpick("radar", "--format", "json").stdout)
    assert data["since"]["source"] == "techpick/releases/previous-radar.yaml"
    assert data["since"]["released"] == "2026-11-28"
    before = {b.id for b in earlier.blips}
    new = {e["id"] for e in data["entries"] if e["change"] == "new"}
    assert new == {t.id for t in catalog} - before and new
    assert "# Written by scripts/radar_release.py" in PREVIOUS_RELEASE.read_text()


def test_a_team_catalog_has_no_release_record(pair, techpick):
    assert json.loads(techpick("radar", "--format", "json", "--catalog", str(pair.root)).stdout)["since"] is None


@pytest.mark.slow
def test_the_release_record_is_what_the_script_writes_from_that_commit():
    import subprocess
    import sys

    from techpick.radar import PREVIOUS_RELEASE

    commit = PREVIOUS_RELEASE.read_text().split("commit ", 1)[1].split(",", 1)[0]
    known = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True)
    if known.returncode != 0:
        pytest.skip("the release commit is not in this checkout's history")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from radar_release import record
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert record(commit) == PREVIOUS_RELEASE.read_text()


BAD_SINCE = {
    "unknown id": ("version: 1\nentries:\n  - {id: alpah, ring: adopt, reason: x}\n",
                   "{f}:3:6: entries.0.id: unknown technology 'alpah'; did you mean alpha?"),
    "bad ring": ("version: 1\nentries:\n  - {id: alpha, ring: adpot, reason: x}\n",
                 "{f}:3:17: entries.0.ring: 'adpot' is not accepted; did you mean adopt?"),
    "bad date": ("version: 1\nreleased: 2025-13-01\nentries: []\n",
                 "{f}:2:1: released: '2025-13-01' is not a date; write the day the radar was published as "
                 "YYYY-MM-DD, e.g. 2025-07-01"),
    "unknown field": ("version: 1\nrelease: 2025-07-01\nentries: []\n",
                      "{f}:2:1: release: unknown field 'release'; did you mean released?"),
}


@pytest.mark.parametrize("case", sorted(BAD_SINCE))
def test_a_bad_earlier_radar_is_refused_with_its_file_and_field(pair, tmp_path, case, techpick):
    body, expected = BAD_SINCE[case]
    path = tmp_path / "earlier.yaml"
    path.write_text(body)
    proc = techpick("radar", "--since", str(path), "--catalog", str(pair.root))
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith("techpick: " + expected.format(f=path)), proc.stderr
    missing = techpick("radar", "--since", str(tmp_path / "nope.yaml"), "--catalog", str(pair.root))
    assert (missing.returncode, missing.stderr) == (2, f"techpick: {tmp_path / 'nope.yaml'}: file not found\n")


def test_site_build_takes_since_only_beside_a_teams_radar(tmp_path, techpick):
    proc = techpick("site", "build", "--out", str(tmp_path / "out"), "--since", str(TEAM_EARLIER))
    assert proc.returncode == 2 and "--since is the team's previous radar" in proc.stderr and "add --radar FILE" \
        in proc.stderr
    assert not (tmp_path / "out").exists()


TEAM_EARLIER = ROOT / "examples" / "radars" / "data-platform-2025-q3.yaml"


def test_the_example_radars_show_what_moved_in_a_quarter(techpick):
    team = ROOT / "examples" / "radars" / "data-platform.yaml"
    data = json.loads(techpick("radar", "--radar", str(team), "--since", str(TEAM_EARLIER), "--format", "json").stdout)
    marks = {e["id"]: (e["change"], e["previous_ring"]) for e in data["entries"] if e["change"]}
    assert marks == {"dagster": ("new", None), "dask": ("new", None), "airflow": ("moved", "adopt"),
                     "clickhouse": ("moved", "assess"), "druid": ("moved", "trial")}
