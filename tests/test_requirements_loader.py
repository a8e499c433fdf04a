"""The requirements loader: every way a user gets a file wrong is explained."""

from __future__ import annotations

import pytest

from techpick import InputError, load_catalog, load_requirements


@pytest.fixture
def catalog(mini):
    mini.add("alpha", aliases=["alfa"])
    mini.add("beta")
    return load_catalog(mini.root)


def refused(catalog, tmp_path, text: str | bytes) -> str:
    path = tmp_path / "reqs.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    with pytest.raises(InputError) as exc:
        load_requirements(path, catalog)
    return str(exc.value)


GOOD = "version: 1\nneeds:\n  - id: db\n    role: storage\n"


def test_a_good_file_loads_and_aliases_become_ids(catalog, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("version: 1\ncontext:\n  existing: [alfa]\nneeds:\n  - id: db\n    role: storage\n"
                    "    latency: 5 ms\n    volume: 2TB\n    throughput: 20k/s\n")
    reqs = load_requirements(path, catalog)
    assert reqs.context.existing == ["alpha"]
    assert reqs.needs[0].latency == pytest.approx(0.005)
    assert reqs.needs[0].throughput == 20_000


@pytest.mark.parametrize(("text", "expected"), [
    ("version: 1\nneeds:\n  - id: db\n    role: storag\n", "needs.0.role: unknown role 'storag'; did you mean storage?"),
    ("version: 1\nneeds:\n  - id: db\n    role: storage\n    latncy: 5ms\n",
     "unknown field 'latncy'; did you mean latency?"),
    (GOOD + "constraint:\n  license: any\n", "unknown field 'constraint'; did you mean constraints?"),
    (GOOD + "    data_model: relatonal\n", "did you mean relational?"),
    (GOOD + "    access: [ful-text]\n", "unknown capability 'ful-text'; did you mean full-text?"),
    (GOOD + "    latency: 5 parsecs\n", "needs.0.latency"),
    ("version: 1\nconstraints:\n  license: free-ish\nneeds:\n  - id: db\n    role: storage\n",
     "'free-ish' is not accepted; did you mean open-source? expected any, open-source or permissive"),
    ("version: 7\nneeds:\n  - id: db\n    role: storage\n", "version"),
    ("needs:\n  - id: db\n    role: storage\n", "version: is required"),
    ("version: 1\nneeds: []\n", "needs"),
    (GOOD + GOOD.split("needs:\n")[1], "need id 'db' appears twice"),
    ("version: 1\nneeds:\n  - id: my db\n    role: storage\n", "not a valid id"),
    ("", "file is empty"),
    ("- version: 1\n", "top level must be a mapping"),
    ("version: 1\nneeds:\n\t- id: db\n", "line 3"),
    ("version: 1\nneeds: !!python/object/apply:os.system ['true']\n", "not allowed"),
    (b"version: 1\nname: \xff\n", "not UTF-8"),
    ("version: 1\nversion: 1\nneeds: []\n", "appears twice"),
])
def test_bad_files_are_refused_with_a_useful_message(catalog, tmp_path, text, expected):
    assert expected in refused(catalog, tmp_path, text)


def test_errors_carry_file_and_line(catalog, tmp_path):
    message = refused(catalog, tmp_path, "version: 1\nneeds:\n  - id: db\n    role: storag\n")
    assert f"{tmp_path / 'reqs.yaml'}:4:5: needs.0.role" in message


def test_all_problems_are_reported_at_once(catalog, tmp_path):
    message = refused(catalog, tmp_path, "version: 1\nneeds:\n  - id: db\n    role: storage\n    latncy: 5ms\n"
                                         "    volume: lots\n")
    assert "2 problems found" in message


def test_an_alias_bomb_is_refused_quickly(catalog, tmp_path):
    bomb = "version: 1\n" + "".join(
        f"l{i}: &l{i} [" + ",".join([f"*l{i-1}"] * 9 if i else ["x"] * 9) + "]\n" for i in range(10)) + "needs: *l9\n"
    assert "alias bomb" in refused(catalog, tmp_path, bomb)


def test_deep_nesting_is_refused(catalog, tmp_path):
    assert "nest" in refused(catalog, tmp_path, "version: 1\nneeds: " + "[" * 5000 + "]" * 5000 + "\n")


def test_missing_file(catalog, tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_requirements(tmp_path / "nope.yaml", catalog)


def test_need_constraints_override_the_file_constraints(catalog, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("version: 1\nconstraints:\n  license: open-source\n  hosting: managed\nneeds:\n"
                    "  - id: db\n    role: storage\n    constraints:\n      hosting: self-hosted\n")
    reqs = load_requirements(path, catalog)
    merged = reqs.constraints_for(reqs.needs[0])
    assert merged.license.value == "open-source"
    assert merged.hosting.value == "self-hosted"


def test_quantities_keep_their_exact_values(catalog, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("version: 1\ncontext:\n  existing: [alfa]\nneeds:\n  - id: db\n    role: storage\n"
                    "    volume: 1001GB\n    throughput: 12345/s\n    latency: 1234us\n")
    need = load_requirements(path, catalog).needs[0]
    assert (need.volume, need.throughput) == (1001e9, 12345.0)
    assert need.latency == pytest.approx(0.001234)


def test_exclusions_of_the_file_and_the_need_add_up(catalog, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("version: 1\nconstraints:\n  exclude: [alpha]\nneeds:\n  - id: db\n    role: storage\n"
                    "    constraints:\n      exclude: [beta]\n")
    reqs = load_requirements(path, catalog)
    assert reqs.constraints_for(reqs.needs[0]).exclude == ["alpha", "beta"]


@pytest.mark.parametrize("word", ["on-prem", "self-hosted", "bare-metal"])
def test_own_machines_named_as_a_cloud_point_at_the_hosting_setting(catalog, tmp_path, word):
    said = refused(catalog, tmp_path, GOOD + f"constraints:\n  cloud: {word}\n")
    assert f"constraints.cloud: unknown cloud '{word}'; for your own machines write 'hosting: self-hosted'" in said
