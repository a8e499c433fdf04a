"""A plainly valid requirements file is built without pydantic's validators, into the very models
pydantic would make; anything else goes to pydantic, so a refused file reads the same.

Checked over the shipped examples, the shared and published bench cases, hand-made near misses,
and files Hypothesis writes; then end to end: the same bytes out with and without the fast path.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from techpick import reqcheck
from techpick.cli import cli
from techpick.reqplain import plain_requirements
from techpick.requirements import Constraints, Need, Requirements
from tests.conftest import ROOT, SHARED, read_yaml_file

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BENCH_CASES = sorted((SHARED / "bench" / "cases").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "bench" / "published").glob("*.yaml"))


@functools.cache
def documents() -> list[tuple[str, Any]]:
    """Every requirements document the project ships or is measured on (read once while collecting)."""
    found = [(path.name, read_yaml_file(path)) for path in EXAMPLES]
    found += [(path.name, read_yaml_file(path)["reqs"]) for path in BENCH_CASES]
    return found


def assert_same(fast: Any, slow: Any, where: str = "") -> None:
    """Equal values of the same types; models with the same fields set, in the same order."""
    assert type(fast) is type(slow), where
    if isinstance(slow, BaseModel):
        assert fast.model_fields_set == slow.model_fields_set, where
        assert list(fast.__dict__) == list(slow.__dict__), where
        for name in slow.__dict__:
            assert_same(fast.__dict__[name], slow.__dict__[name], f"{where}.{name}")
    elif isinstance(slow, list):
        assert len(fast) == len(slow), where
        for i, (a, b) in enumerate(zip(fast, slow)):
            assert_same(a, b, f"{where}[{i}]")
    else:
        assert fast == slow, where


def pydantic_says(data: Any) -> Requirements | None:
    try:
        return Requirements.model_validate(data)
    except ValidationError:
        return None


@pytest.mark.parametrize("name,data", documents(), ids=[name for name, _ in documents()])
def test_every_shipped_and_bench_file_is_built_as_pydantic_builds_it(name, data):
    fast = plain_requirements(data)
    assert fast is not None, f"{name} should take the fast path"
    assert_same(fast, Requirements.model_validate(data), name)


GOOD = {"version": 1, "needs": [{"id": "db", "role": "storage"}]}


def need(**fields: Any) -> dict[str, Any]:
    return {"version": 1, "needs": [{"id": "db", "role": "storage", **fields}]}


ACCEPTED = {
    "lowered names and skills": {**GOOD, "constraints": {"exclude": [" MongoDB "]},
                                 "context": {"existing": ["Kafka"], "skills": [" Python "], "languages": ["Java"]}},
    "explicit nulls": {**GOOD, "name": None, "constraints": {"license": None, "hosting": "managed", "cloud": "aws"}},
    "every need field": need(data_model="relational", access=["joins"], latency="5ms", volume="2 TB",
                             throughput="20k/s", query_rate="1M/min", retention="12w", consistency="strong",
                             availability="high", embedded=False, persistence=True, regions=3, concurrency=500,
                             features=["transactions"], prefer=["json"], notes="text",
                             constraints={"exclude": ["postgres"], "license": "open-source"}),
    "null quantities": need(latency=None, volume=None, regions=None),
}

REFUSED = {
    "version true": {**GOOD, "version": True},
    "version as text": {**GOOD, "version": "1"},
    "version 2": {**GOOD, "version": 2},
    "no version": {"needs": GOOD["needs"]},
    "name as a number": {**GOOD, "name": 12},
    "constraints null": {**GOOD, "constraints": None},
    "unknown key": {**GOOD, "constraint": {}},
    "key that is not text": {**GOOD, 1: 2},
    "team size true": {**GOOD, "context": {"team_size": True}},
    "team size 0": {**GOOD, "context": {"team_size": 0}},
    "team size as float": {**GOOD, "context": {"team_size": 3.0}},
    "exclude a number": {**GOOD, "constraints": {"exclude": [5]}},
    "exclude with a space inside": {**GOOD, "constraints": {"exclude": ["mongo db"]}},
    "licence in capitals": {**GOOD, "constraints": {"license": "ANY"}},
    "no needs": {"version": 1, "needs": []},
    "needs as a mapping": {"version": 1, "needs": {"id": "db"}},
    "a need that is null": {"version": 1, "needs": [None]},
    "role in capitals": need(role="Storage"),
    "id ending in a newline": need(id="db\n"),
    "latency without a unit": need(latency=5),
    "latency far too long": need(latency="99999999d"),
    "embedded as text": need(embedded="yes"),
    "regions 0": need(regions=0),
    "concurrency as float": need(concurrency=5.0),
    "consistency in capitals": need(consistency="Strong"),
    "access null": need(access=None),
    "unknown need key": need(colour="red"),
    "repeated need ids": {"version": 1, "needs": [{"id": "db", "role": "storage"}, {"id": "db", "role": "cache"}]},
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_near_misses_that_are_valid_take_the_fast_path_with_the_same_models(name):
    fast = plain_requirements(ACCEPTED[name])
    assert fast is not None
    assert_same(fast, Requirements.model_validate(ACCEPTED[name]), name)


@pytest.mark.parametrize("name", REFUSED)
def test_anything_doubtful_is_left_to_pydantic(name):
    """Invalid files, and odd ones pydantic may accept (`version: true`): pydantic decides."""
    assert plain_requirements(REFUSED[name]) is None


def test_a_float_version_is_left_to_pydantic_and_the_check_agrees_with_it():
    data = {**GOOD, "version": 1.0}
    assert plain_requirements(data) is None
    checked = reqcheck.check_requirements(data, {}, "reqs.yaml", _catalog())
    assert (checked.requirements is None) == (pydantic_says(data) is None)


_words = st.sampled_from(["db", "storage", "Storage", "kafka", " Kafka ", "a b", "", "5ms", "2TB", "20k/s", "12w",
                          "strong", "high", "any", "managed", "open-source", "aws", "-1ms", "x\n"])
_values = st.recursive(st.none() | st.booleans() | st.integers(-2, 100_002) | st.floats(allow_nan=False) | _words,
                       lambda inner: st.lists(inner, max_size=3), max_leaves=6)
_need_keys = st.sampled_from([*Need.model_fields, "x"])


@st.composite
def near_valid(draw: st.DrawFn) -> dict[str, Any]:
    """A valid file with a few fields replaced by drawn values."""
    data: dict[str, Any] = {"version": 1, "constraints": {}, "context": {},
                            "needs": [{"id": "db", "role": "storage"}, {"id": "bus", "role": "messaging"}]}
    for _ in range(draw(st.integers(0, 4))):
        where = draw(st.sampled_from(["need", "constraints", "context", "top"]))
        if where == "need":
            data["needs"][draw(st.integers(0, 1))][draw(_need_keys)] = draw(_values)
        elif where == "constraints":
            data["constraints"][draw(st.sampled_from(["license", "hosting", "cloud", "exclude"]))] = draw(_values)
        elif where == "context":
            data["context"][draw(st.sampled_from(["existing", "skills", "team_size", "languages"]))] = draw(_values)
        else:
            data[draw(st.sampled_from(["version", "name", "description"]))] = draw(_values)
    if draw(st.integers(0, 9)) == 0:
        data["needs"] = draw(_values)
    return data


@given(near_valid())
def test_whatever_the_fast_path_builds_pydantic_builds_the_same(data):
    fast, slow = plain_requirements(data), pydantic_says(data)
    if fast is not None:
        assert slow is not None
        assert_same(fast, slow)


def test_constraints_for_gives_what_validating_the_merged_fields_gave():
    for name, data in documents() + [(name, data) for name, data in ACCEPTED.items()]:
        reqs = Requirements.model_validate(data)
        for one in reqs.needs:
            merged = reqs.constraints.model_dump(exclude_unset=True) | one.constraints.model_dump(exclude_unset=True)
            merged["exclude"] = list(dict.fromkeys([*reqs.constraints.exclude, *one.constraints.exclude]))
            assert_same(reqs.constraints_for(one), Constraints.model_validate(merged), name)


def _catalog() -> Any:
    from techpick import load_catalog

    return load_catalog(ROOT / "catalog")


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_recommendations_are_the_same_bytes_with_and_without_the_fast_path(fmt, monkeypatch, tmp_path):
    files = list(EXAMPLES)
    for path in BENCH_CASES[::6]:
        written = tmp_path / path.name
        written.write_text(yaml.safe_dump(yaml.safe_load(path.read_text(encoding="utf-8"))["reqs"]), encoding="utf-8")
        files.append(written)
    fast = [run(["recommend", "--req", str(path), "--format", fmt, "--explain"]) for path in files]
    monkeypatch.setattr(reqcheck, "plain_requirements", lambda data: None)
    slow = [run(["recommend", "--req", str(path), "--format", fmt, "--explain"]) for path in files]
    assert fast == slow
    assert all(code == 0 for code, _, _ in fast)


def test_a_refused_file_gets_the_same_message_with_and_without_the_fast_path(monkeypatch, tmp_path):
    files = []
    for name, data in REFUSED.items():
        path = tmp_path / f"{name.replace(' ', '-')}.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        files.append(path)
    fast = [run(["recommend", "--req", str(path)]) for path in files]
    monkeypatch.setattr(reqcheck, "plain_requirements", lambda data: None)
    assert [run(["recommend", "--req", str(path)]) for path in files] == fast
    refused = [result for result, data in zip(fast, REFUSED.values()) if pydantic_says(data) is None]
    assert len(refused) >= len(REFUSED) - 1  # `version: true` passes: pydantic takes true for 1
    assert all(code == 2 and "techpick: " in err for code, _, err in refused)

