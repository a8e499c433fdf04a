"""Property-based tests of the input contract and of every output format (issue 15).

Hypothesis writes requirements files and catalog entries, right and wrong
(wrong types, explicit YAML tags, anchors and merge keys, huge numbers, odd
units, markup and control characters in text), and checks what a user is
promised: exit 0 with valid JSON, or exit 2 with a short message, never an
internal error; and every output parses (Markdown tables keep their columns,
GraphML is XML, Mermaid labels are quoted).

The library runs in this process, as `techpick.cli` wires it, so that
hundreds of files take seconds; a few real subprocess runs close the loop.
Deep run: `pytest -s tests/test_fuzz.py --hypothesis-profile=long`: 100,000 inputs in all, shared out by
SHARES (a real process per input is some 20 times slower, so that test gets a small share); with `-s`
each test prints how many inputs ran every PROGRESS_EVERY inputs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import markdown as python_markdown
import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from techpick import load_catalog
from techpick.compare import compare
from techpick.errors import MAX_SHOWN, TechpickError
from techpick.exporters import export
from techpick.graph import build_graph
from techpick.loader import load_requirements
from techpick.radar import catalog_radar
from techpick.recommend import recommend
from techpick.renderers import FORMATS
from techpick.renderers.comparison import render_markdown as compare_markdown
from techpick.renderers.radar_out import render_markdown as radar_markdown
from techpick.renderers.review_md import render as review_markdown
from techpick.review import build_review
from techpick.site_tech import diagram
from tests.conftest import BASE, MiniCatalog, merge

pytestmark = pytest.mark.slow  # hundreds of generated catalogs and files

CATALOG = load_catalog(cache=True)
GRAPH = build_graph(CATALOG)
VOCABULARY = CATALOG.vocabulary
# One file, however hostile, is answered well within this many seconds of this process's CPU time: CPU, not wall
# time, as on a shared machine a long run's process may wait for a core for many seconds (it did, at 28,000 inputs).
SECONDS = 10

# The profile's max_examples is the run's total; each test draws its share of it.
SHARES = {"requirements": 0.6, "catalogs": 0.395, "real command": 0.005}
PROGRESS_EVERY = {"requirements": 1000, "catalogs": 1000, "real command": 50}
_counts: dict[str, int] = {}
_started = time.monotonic()


def share(test: str) -> settings:
    """Settings giving `test` its share of the profile's inputs (at least one)."""
    return settings(max_examples=max(1, round(settings.default.max_examples * SHARES[test])))


def count(test: str) -> None:
    """Count one generated input; every PROGRESS_EVERY inputs, say how far the run is (seen with `pytest -s`)."""
    _counts[test] = _counts.get(test, 0) + 1
    if _counts[test] % PROGRESS_EVERY[test] == 0:
        done = ", ".join(f"{name} {n:,}" for name, n in _counts.items())
        print(f"fuzz: {done} inputs after {time.monotonic() - _started:,.0f} s", file=sys.stderr, flush=True)

# ---- what goes into the files ----------------------------------------------------

HOSTILE = ["| a | b |", "!!! danger \"x\"", "??? note", "---", "# h", "> q", "- i", "1. i", "[x](javascript:1)",
           "<script>alert(1)</script>", "<img src=x onerror=1>", "**b**", "`c`", "&amp;", "{: .x}", "\\", "\"",
           "'", "#", "%%", ";", "\x00", "\x07", "\x1b", "\ufffe", "\u2028", "é", "中", "🚀", "\t", "\n", " "]
hostile_text = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(HOSTILE + ["word", "Kafka"]), max_size=6)
                         .map("".join))
junk = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), hostile_text,
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


IDS = sorted(t.id for t in CATALOG)


def requirements_for(broken: bool) -> st.SearchStrategy[dict[str, Any]]:
    """Requirements as a mapping: with `broken`, any field may hold a wrong value; without, every value is valid."""

    def often(valid: st.SearchStrategy[Any], wrong: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(valid, valid, valid, wrong) if broken else valid

    def words(known: list[str]) -> st.SearchStrategy[Any]:
        """Words the catalog knows; when broken, sometimes a typo or junk."""
        return often(st.sampled_from(known), st.one_of(st.sampled_from(known).map(lambda w: w[:-1] or "x"), junk))

    def quantity(units: list[str], wrong_units: list[str]) -> st.SearchStrategy[Any]:
        number = st.one_of(st.integers(1, 10**6), st.floats(0.001, 1e9, allow_nan=False).map(lambda f: round(f, 3)))
        spaced = st.sampled_from(["", " "])
        written = st.builds(lambda n, u, sep: f"{n}{sep}{u}", number, st.sampled_from(units), spaced)
        mistyped = st.builds(lambda n, u: f"{n}{u}", st.integers(-5, 10), st.sampled_from(wrong_units))
        return often(written, st.one_of(junk, mistyped))

    need = st.fixed_dictionaries({
        "id": often(st.from_regex(r"\A[a-z][a-z0-9-]{0,12}\Z"), junk),
        "role": words(sorted(VOCABULARY.roles)),
    }, optional={
        "data_model": words(sorted(VOCABULARY.data_models)),
        "access": st.lists(words(sorted(VOCABULARY.capabilities)), max_size=3),
        "features": often(st.lists(words(sorted(VOCABULARY.capabilities)), max_size=2), junk),
        "prefer": st.lists(words(sorted(VOCABULARY.capabilities)), max_size=3),
        "latency": quantity(["ms", "s", "us", "min"], ["parsecs", "msec", ""]),
        "volume": quantity(["GB", "TB", "MB", "PB"], ["GiB", "gigabytes", ""]),
        "throughput": quantity(["/s", "k/s", "M/d", "/h"], ["rps", "", "/fortnight"]),
        "query_rate": quantity(["/s", "k/s"], ["qps"]),
        "retention": quantity(["d", "w", "y"], ["h", "forever"]),
        "consistency": often(st.sampled_from(["strong", "eventual"]), junk),
        "availability": often(st.sampled_from(["standard", "high"]), junk),
        "embedded": often(st.booleans(), junk),
        "persistence": often(st.booleans(), junk),
        "regions": often(st.integers(1, 5), junk),
        "concurrency": often(st.integers(1, 10**5), junk),
        "notes": hostile_text,
        **({"colour": junk} if broken else {}),
        "constraints": often(st.fixed_dictionaries({}, optional={"license": words(["any", "open-source", "permissive"]),
                                                                 "exclude": st.lists(words(IDS), max_size=2)}), junk),
    })
    requirements = st.fixed_dictionaries({
        "version": often(st.just(1), junk),
        "needs": often(st.lists(need, min_size=1, max_size=3), junk),
    }, optional={
        "name": hostile_text,
        "description": hostile_text,
        "constraints": st.fixed_dictionaries({}, optional={
            "license": words(["any", "open-source", "permissive"]), "hosting": words(["any", "self-hosted", "managed"]),
            "cloud": words(sorted(VOCABULARY.clouds)), "exclude": st.lists(words(IDS), max_size=3)}),
        "context": often(st.fixed_dictionaries({}, optional={
            "existing": st.lists(words(IDS), max_size=3),
            "skills": st.lists(words(sorted(VOCABULARY.skills)), max_size=3),
            "team_size": often(st.integers(1, 500), junk), "languages": st.lists(words(["python", "java", "go"]),
                                                                                  max_size=2)}), junk),
        **({"colour": junk} if broken else {}),
    })
    return requirements


# YAML that a person (or an attacker) may type but that no dictionary dumps to
MUTATIONS = ["!!bool maybe", "!!int one", "!!timestamp soon", "!!str", "!!float x", "!!null y", "!!binary aGk=",
             "!!python/object/apply:os.system ['true']", "!custom z", "&a [1, 2]", "*a", "<<: {role: storage}",
             "9" * 5000, "0x" + "f" * 60, ".inf", "-.nan", "2024-02-30", "1e999", "~", "{", "[", "? [a]: b",
             "\t", "'unterminated", "\"\\x00\"", "yes", "0o17", "1_000", "190:20:30"]


@st.composite
def requirements_text(draw: st.DrawFn, broken: bool = True) -> str:
    """A requirements file: a generated mapping dumped as YAML; a broken one may have hand-written YAML spliced in."""
    text = yaml.safe_dump(draw(requirements_for(broken)), sort_keys=False, allow_unicode=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 3)) if broken else 0):
        lines = text.splitlines()
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        line = lines[at] if lines else ""
        mutation = draw(st.sampled_from(MUTATIONS))
        if ": " in line and draw(st.booleans()):
            lines[at] = line.split(": ", 1)[0] + ": " + mutation
        else:
            lines.insert(at, " " * draw(st.sampled_from([0, 2, 4])) + mutation)
        text = "\n".join(lines) + "\n"
    return text


# ---- the contract --------------------------------------------------------------

def run(path: Path) -> tuple[int, str, str]:
    """`techpick recommend --req PATH --format json` as the CLI wires it: exit status, stdout, stderr."""
    try:
        reqs = load_requirements(path, CATALOG)
        return 0, FORMATS["json"](recommend(GRAPH, reqs), False, reqs.name or path.name), ""
    except TechpickError as exc:
        return 2, "", f"techpick: {exc}\n"


def table_widths(markdown: str) -> list[tuple[int, str]]:
    """Rows whose count of cell separators differs from their table's header (empty when all fit)."""
    wrong: list[tuple[int, str]] = []
    width = None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            width = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        width = cells if width is None else width
        if cells != width:
            wrong.append((cells, line))
    return wrong


def assert_safe_markdown(markdown: str) -> None:
    """Tables keep their columns; read by Python-Markdown, no text became HTML, a box or a foreign link."""
    assert table_widths(markdown) == []
    html = python_markdown.markdown(markdown, extensions=["admonition", "attr_list", "tables", "pymdownx.details",
                                                          "pymdownx.superfences"])
    elements = set(re.findall(r"<([a-z0-9]+)", html))
    assert elements <= {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "strong", "em", "code", "pre", "table",
                        "thead", "tbody", "tr", "th", "td", "blockquote", "br", "div", "span"}, elements
    assert set(re.findall(r'<div class="([^"]*)"', html)) <= {"highlight"}  # code blocks, never admonitions
    for target in re.findall(r'<a [^>]*href="([^"]*)"', html):
        assert re.match(r"(site/tech/[a-z0-9-]+/|#decision-[a-z0-9-]+|https://)", target), target


@share("requirements")
@given(st.one_of(requirements_text(broken=False), requirements_text(broken=True)))
def test_any_requirements_file_gets_json_or_a_short_refusal(text):
    count("requirements")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reqs.yaml"
        path.write_text(text, encoding="utf-8")
        started = time.process_time()
        code, out, err = run(path)
        assert time.process_time() - started < SECONDS
        event(f"exit {code}")
        if code == 0:
            reqs = load_requirements(path, CATALOG)
            assert json.loads(out)["needs"]
            result = recommend(GRAPH, reqs)
            assert_safe_markdown(FORMATS["markdown"](result, True, reqs.name or path.name))
            review = build_review(CATALOG, GRAPH, reqs, str(path), "2026-11-30")
            assert_safe_markdown(review_markdown(review))
        else:
            lines = err.splitlines()
            assert err.startswith("techpick: ") and len(lines) <= MAX_SHOWN + 2
            assert "Traceback" not in err


# ---- catalog entries ----------------------------------------------------------

def mostly(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A valid value three times in four, else junk: most generated catalogs load, every field is sometimes wrong."""
    return st.one_of(valid, valid, valid, junk)


entry_changes = st.fixed_dictionaries({}, optional={
    "name": mostly(hostile_text.filter(str.strip)),
    "description": mostly(hostile_text.map(lambda t: t + " A made-up block for tests. It has two sentences.")),
    "keywords": st.lists(hostile_text, max_size=2),
    "use_when": st.lists(hostile_text, min_size=1, max_size=2),
    "avoid_when": mostly(st.lists(hostile_text, min_size=1, max_size=2)),
    "aliases": st.lists(st.from_regex(r"\A[a-z]{1,8}\Z"), max_size=2),
    "license": mostly(st.fixed_dictionaries({"spdx": st.just("Apache-2.0"), "note": hostile_text})),
    "hosting": mostly(st.fixed_dictionaries({"self_hosted": mostly(st.booleans())})),
    "operations": mostly(st.fixed_dictionaries({"complexity": mostly(st.integers(1, 5)),
                                                "reason": hostile_text.map(lambda t: t + " for a test")})),
    "capability_notes": st.fixed_dictionaries({"point-lookup": hostile_text}),
    "homepage": mostly(st.just("https://example.org/")),
})


@share("catalogs")
@given(st.lists(entry_changes, min_size=2, max_size=4), st.data())
def test_any_catalog_loads_or_is_refused_and_every_format_parses(changes, data):
    count("catalogs")
    with tempfile.TemporaryDirectory() as folder:
        mini = MiniCatalog(Path(folder) / "catalog")
        ids = [f"t{i}" for i in range(len(changes))]
        for i, (tech_id, change) in enumerate(zip(ids, changes)):
            relations = {"requires": ["|".join(ids[:i][:2])]} if i >= 2 else {}
            if i:
                relations["alternative_to"] = [ids[0]]
            entry = merge({"id": tech_id, **BASE, "name": tech_id.title(), "relations": relations}, change)
            path = mini.root / "storage" / f"{tech_id}.yaml"
            path.parent.mkdir(exist_ok=True)
            path.write_text(yaml.safe_dump(entry, sort_keys=False, allow_unicode=data.draw(st.booleans())))
        try:
            catalog = load_catalog(mini.root)
        except TechpickError as exc:
            assert len(str(exc).splitlines()) <= MAX_SHOWN + 2
            event("catalog refused")
            return
        event("catalog loaded")
        root = ET.fromstring(export(catalog, "graphml").encode("utf-8"))
        assert root.tag.endswith("graphml")
        assert json.loads(export(catalog, "json"))
        g = build_graph(catalog)
        for tech in catalog:
            chart, _ = diagram(catalog, g, tech)
            for line in chart.splitlines()[1:-1]:
                assert re.fullmatch(r'  (t\d+\["[^"]*"\](:::self)?|(t\d+(\["[^"]*"\])?) (-->|-\.-|---)\|"[^"]*"\| '
                                    r'(t\d+(\["[^"]*"\])?))', line), line
        assert_safe_markdown(compare_markdown(compare(catalog, ids[:3])))
        assert_safe_markdown(radar_markdown(catalog_radar(catalog)))


# ---- a few real processes ---------------------------------------------------------

def run_real_command(path: Path) -> None:
    """`techpick recommend` in its own process keeps the contract: Markdown that parses, or exit 2 and one message."""
    done = subprocess.run([sys.executable, "-m", "techpick", "recommend", "--req", str(path), "--format", "markdown"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr
    if done.returncode == 0:
        assert_safe_markdown(done.stdout)
    else:
        assert done.stdout == "" and done.stderr.startswith("techpick: ")
        assert len(done.stderr.splitlines()) <= MAX_SHOWN + 2


@pytest.mark.parametrize("text", [
    "version: 1\nneeds:\n  - id: db\n    role: storage\n    embedded: !!bool maybe\n",
    "version: 1\ncontext:\n  team_size: " + "9" * 5000 + "\nneeds:\n  - id: db\n    role: storage\n",
    "version: 1\nname: \"| a | b |\"\nneeds:\n  - id: db\n    role: storage\n    notes: \"!!! danger\"\n",
])
def test_the_real_command_keeps_the_contract(tmp_path, text):
    path = tmp_path / "reqs.yaml"
    path.write_text(text)
    run_real_command(path)


@share("real command")
@given(requirements_text())
def test_the_real_command_keeps_the_contract_on_generated_files(text):
    count("real command")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reqs.yaml"
        path.write_text(text, encoding="utf-8")
        run_real_command(path)
