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
