"""The compiled catalog and its cache: the same catalog back, without YAML or validation,
and a cache that is never trusted when it is corrupt, stale or someone else's."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from techpick import cache, compiled, loader
from techpick.catalog import Catalog
from techpick.cli import cli
from techpick.loader import load_catalog
from tests.conftest import CATALOG, ROOT, SHARED


def same_models(a: object, b: object, where: str = "") -> None:
    """Equal values, and every nested model with the same fields set (what `exclude_unset` sees)."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        for name in type(a).model_fields:
            same_models(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            same_models(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            same_models(a[key], b[key], f"{where}.{key}")
    else:
        assert a == b, where


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(CATALOG)


def test_the_shipped_catalog_comes_back_exactly(shipped):
    raw = compiled.dumps(shipped)
    back = compiled.loads(raw)
    assert [t.id for t in back] == [t.id for t in shipped]
    same_models(back.vocabulary, shipped.vocabulary, "vocabulary")
    for before, after in zip(shipped, back):
        same_models(after, before, after.id)
        assert after.model_dump_json() == before.model_dump_json()
    assert (back.digest, back.files) == (shipped.digest, shipped.files)
    assert compiled.dumps(back) == raw  # a fixed point: same catalog, same bytes


def test_the_compiled_form_names_its_format_and_every_file(shipped):
    document = json.loads(compiled.dumps(shipped))
    assert (document["format"], document["version"]) == ("techpick-compiled", compiled.VERSION)
    assert document["files"]["vocabulary.yaml"] == shipped.files["vocabulary.yaml"]
    assert len(document["files"]) == len(shipped) + 1
    assert document["paths"]["postgresql"] == "storage/postgresql.yaml"
    scale = next(t for t in document["technologies"] if t["id"] == "postgresql")["scale"]
    assert isinstance(scale["latency_p99"], float)  # validated numbers, not the author's "5ms"


@pytest.mark.parametrize("raw", [b"", b"not json", b"[]", b'{"format": "other"}',
                                 b'{"format": "techpick-compiled", "version": 999}'])
def test_what_is_not_a_compiled_catalog_is_refused(raw):
    with pytest.raises(compiled.CompiledError):
        compiled.loads(raw)


def test_a_damaged_document_is_refused_not_half_read(shipped):
    document = json.loads(compiled.dumps(shipped))
    document["technologies"][0]["no_such_field"] = 1
    with pytest.raises(compiled.CompiledError, match="unknown fields"):
        compiled.loads(json.dumps(document).encode())
    del document["technologies"][0]["no_such_field"]
    del document["technologies"][0]["name"]
    with pytest.raises(compiled.CompiledError, match="Technology.name"):
        compiled.loads(json.dumps(document).encode())


def test_decoders_follow_the_models_annotations():
    class Inner(BaseModel):
        limit: float | dict[str, float]
        pair: tuple[int, str] = (1, "a")

    class Outer(BaseModel):
        inner: Inner | None = None
        many: list[Inner] = []

    value = Outer(inner=Inner(limit={"read": 1}), many=[Inner(limit=2, pair=(3, "b"))])
    back = compiled.decoder(Outer)(compiled._plain(value))
    assert back == value and back.inner.limit == {"read": 1.0} and back.many[0].pair == (3, "b")
    assert back.model_fields_set == {"inner", "many"} and back.inner.model_fields_set == {"limit"}


# ---- the cache -------------------------------------------------------------

def without_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading any YAML file fails the test."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("read YAML although the cache is current")

    monkeypatch.setattr(loader, "read_file", refuse)


@pytest.fixture
def catalog_dir(tmp_path: Path, mini) -> Path:
    mini.add("alpha", aliases=["alfa"])
    mini.add("beta", capabilities={"point-lookup": "native", "full-text": "partial"})
    return mini.root


def test_a_current_cache_is_loaded_without_reading_yaml(catalog_dir, monkeypatch):
    fresh = load_catalog(catalog_dir, cache=True)
    assert cache.cache_file(catalog_dir).is_file()
    without_yaml(monkeypatch)
    cached = load_catalog(catalog_dir, cache=True)
    for before, after in zip(fresh, cached):
        same_models(after, before, after.id)
    assert cached.digest == fresh.digest
    assert cached.origins["beta"].file == f"{catalog_dir}/storage/beta.yaml"


def test_a_recommendation_from_the_cache_makes_no_entry(catalog_dir, tmp_path):
    from techpick.recommend import recommend

    reqs = tmp_path / "reqs.yaml"
    reqs.write_text("version: 1\nneeds:\n  - id: db\n    role: storage\n    access: [full-text]\n")
    first = load_catalog(catalog_dir, cache=True)
    cache.graph_of(first)  # the graph is cached too
    catalog = load_catalog(catalog_dir, cache=True)
    result = recommend(cache.graph_of(catalog), loader.load_requirements(reqs, catalog))
    assert result.needs[0].picks[0].id == "beta"
    assert catalog.resolve("alfa") == "alpha" and "beta" in catalog.by_id and len(catalog) == 2
    assert catalog.by_id._made is None  # ids, aliases and the vocabulary were enough
    assert catalog.get("beta").name == "Beta"  # and an entry is there when asked for


def test_the_cache_lives_in_the_users_cache_folder(catalog_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_file(catalog_dir).parent == tmp_path / "xdg" / "techpick"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert cache.cache_file(catalog_dir).parent == Path.home() / ".cache" / "techpick"


def test_an_edited_file_makes_the_cache_stale(catalog_dir):
    load_catalog(catalog_dir, cache=True)
    beta = catalog_dir / "storage" / "beta.yaml"
    beta.write_text(beta.read_text().replace("name: Beta", "name: Bet2"))  # same size
    os.utime(beta, ns=(1, 1))
    assert load_catalog(catalog_dir, cache=True).get("beta").name == "Bet2"


def test_a_touched_but_unchanged_file_keeps_the_cache(catalog_dir, monkeypatch):
    load_catalog(catalog_dir, cache=True)
    os.utime(catalog_dir / "storage" / "beta.yaml", ns=(10**18, 10**18))
    without_yaml(monkeypatch)
    assert load_catalog(catalog_dir, cache=True).get("beta") is not None


def test_an_added_or_removed_file_makes_the_cache_stale(catalog_dir, mini):
    load_catalog(catalog_dir, cache=True)
    mini.add("gamma")
    assert "gamma" in load_catalog(catalog_dir, cache=True).by_id
    (catalog_dir / "storage" / "gamma.yaml").unlink()
    assert "gamma" not in load_catalog(catalog_dir, cache=True).by_id


def test_the_vocabulary_is_part_of_the_key(catalog_dir):
    load_catalog(catalog_dir, cache=True)
    vocabulary = catalog_dir / "vocabulary.yaml"
    data = yaml.safe_load(vocabulary.read_text())
    data["clouds"]["newcloud"] = {"meaning": "a cloud added for a test"}
    vocabulary.write_text(yaml.safe_dump(data))
    assert "newcloud" in load_catalog(catalog_dir, cache=True).vocabulary.clouds


def test_a_corrupt_cache_is_rebuilt_not_trusted(catalog_dir):
    load_catalog(catalog_dir, cache=True)
    path = cache.cache_file(catalog_dir)
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b'"name":"Beta"', b'"name":"Evil"'))  # valid JSON, wrong content
    assert load_catalog(catalog_dir, cache=True).get("beta").name == "Beta"
    assert path.read_bytes() == raw  # rewritten from the files
    path.write_bytes(raw[: len(raw) // 2])
    assert load_catalog(catalog_dir, cache=True).get("beta").name == "Beta"


def test_entries_are_read_later_and_still_checked_against_the_header(catalog_dir):
    load_catalog(catalog_dir, cache=True)
    path = cache.cache_file(catalog_dir)
    raw = path.read_bytes()
    catalog = load_catalog(catalog_dir, cache=True)  # header and index read; entries not yet
    path.write_bytes(raw.replace(b'"name":"Beta"', b'"name":"Evil"'))  # changed before the entries are read
    assert catalog.get("beta").name == "Beta"  # the payload's hash is not the header's: read from the files


def test_loading_small_catalogs_again_and_again_keeps_no_garbage(catalog_dir):
    """A large build is frozen out of the collector's sight; a small one is not: freezing after each of
    40,000 small loads in one process (the long fuzz run) kept every garbage cycle, 3.7 GB of them."""
    import gc

    from techpick.gcpause import FREEZE_ABOVE, gc_paused

    load_catalog(catalog_dir)
    frozen = gc.get_freeze_count()
    for _ in range(3):
        load_catalog(catalog_dir)
        load_catalog(catalog_dir, cache=True)
    assert gc.get_freeze_count() == frozen
    with gc_paused():
        built = [[] for _ in range(2 * FREEZE_ABOVE)]
    assert gc.get_freeze_count() > frozen + FREEZE_ABOVE
    del built


def test_a_foreign_cache_is_not_used(catalog_dir, tmp_path, mini):
    load_catalog(catalog_dir, cache=True)
    other = tmp_path / "other"
    other.mkdir()
    for item in catalog_dir.iterdir():
        os.symlink(item, other / item.name)
    cache.cache_file(other).write_bytes(cache.cache_file(catalog_dir).read_bytes())
    assert cache.read(other, cache.snapshot(other), lambda: load_catalog(other)) is None  # names another catalog folder


def test_a_cache_of_other_code_is_not_used(catalog_dir, monkeypatch):
    load_catalog(catalog_dir, cache=True)
    assert cache.read(catalog_dir, cache.snapshot(catalog_dir), lambda: load_catalog(catalog_dir)) is not None
    monkeypatch.setattr(cache, "code_digest", lambda: "changed models")
    assert cache.read(catalog_dir, cache.snapshot(catalog_dir), lambda: load_catalog(catalog_dir)) is None


def test_an_invalid_catalog_is_never_cached(catalog_dir):
    beta = catalog_dir / "storage" / "beta.yaml"
    beta.write_text(beta.read_text().replace("full-text", "full-txt"))
    for _ in range(2):
        with pytest.raises(loader.InputError, match="full-txt"):
            load_catalog(catalog_dir, cache=True)
    assert not cache.cache_file(catalog_dir).exists()


def test_cache_info_and_clear(catalog_dir, tmp_path, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    runner = CliRunner()
    assert runner.invoke(cli, ["list", "--catalog", str(catalog_dir)]).exit_code == 0
    info = runner.invoke(cli, ["cache", "info"], catch_exceptions=False).stdout
    assert f"2 technologies" in info and str(catalog_dir.resolve()) in info and info.endswith("1 cached catalog\n")
    assert runner.invoke(cli, ["cache", "clear"]).stdout == f"removed 1 file from {tmp_path / 'xdg' / 'techpick'}\n"
    assert runner.invoke(cli, ["list", "--no-cache", "--catalog", str(catalog_dir)]).exit_code == 0
    assert not list((tmp_path / "xdg" / "techpick").glob("catalog-*"))


# ---- byte-identical output --------------------------------------------------

def requirement_files(tmp_path: Path) -> list[Path]:
    files = sorted((ROOT / "examples").glob("*.yaml"))
    for case in sorted((SHARED / "bench" / "cases").glob("*.yaml")):
        path = tmp_path / case.name
        path.write_text(yaml.safe_dump(yaml.safe_load(case.read_text(encoding="utf-8"))["reqs"]), encoding="utf-8")
        files.append(path)
    return files


def test_json_output_is_byte_identical_with_and_without_the_cache(tmp_path):
    from techpick.graph import build_graph
    from techpick.recommend import recommend
    from techpick.renderers import FORMATS

    validated = load_catalog(CATALOG)
    load_catalog(CATALOG, cache=True)  # writes the cache when it is not current
    cached = load_catalog(CATALOG, cache=True)
    assert cached.files == validated.files
    graphs = {"validated": build_graph(validated), "cached": build_graph(cached)}
    files = requirement_files(tmp_path)
    assert len(files) >= 3
    for path in files:
        outputs = {name: FORMATS["json"](recommend(graphs[name], loader.load_requirements(path, catalog)), False)
                   for name, catalog in (("validated", validated), ("cached", cached))}
        assert outputs["validated"] == outputs["cached"], path.name


def test_the_command_prints_the_same_bytes_with_and_without_the_cache():
    from click.testing import CliRunner

    runner = CliRunner()
    args = ["recommend", "--req", str(ROOT / "examples" / "analytics-platform.yaml"), "--format", "json"]
    outputs = [runner.invoke(cli, [*args, *flag], catch_exceptions=False).stdout
               for flag in (["--no-cache"], [], [])]  # validated, cache written or read, cache read
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].startswith("{")


# ---- the compiled graph -------------------------------------------------------

def test_the_graph_comes_back_with_every_attribute_and_order(shipped):
    from techpick import compiled_graph
    from techpick.graph import build_graph, to_json

    built = build_graph(shipped)
    back = compiled_graph.loads(compiled_graph.dumps(built))
    assert to_json(back) == to_json(built)
    assert back.graph == built.graph
    assert list(back.nodes(data=True)) == list(built.nodes(data=True))
    assert list(back.edges(keys=True, data=True)) == list(built.edges(keys=True, data=True))
    for name in built:
        assert list(back.in_edges(name, keys=True, data=True)) == list(built.in_edges(name, keys=True, data=True))


def test_the_graph_read_without_networkx_answers_as_networkx_does(shipped):
    from techpick import compiled_graph
    from techpick import graph as G
    from techpick.graph import build_graph

    built = build_graph(shipped)
    back = compiled_graph.loads_for_reading(compiled_graph.dumps(built))
    assert type(back) is compiled_graph.ReadGraph
    assert back.graph == built.graph
    assert list(back.nodes(data=True)) == list(built.nodes(data=True))
    assert list(back.nodes) == list(built.nodes) and len(back) == len(built)
    for name in [*built, "tech:no-such-thing"]:
        assert (name in back) == (name in built)
        for keys in (False, True):
            for data in (False, True):
                assert list(back.out_edges(name, keys=keys, data=data)) == list(built.out_edges(name, keys=keys,
                                                                                                  data=data))
                assert list(back.in_edges(name, keys=keys, data=data)) == list(built.in_edges(name, keys=keys,
                                                                                                data=data))
    asked = list(back.out_edges("tech:postgresql", data=True))
    assert asked and all(a is b for a, b in zip(asked, back.out_edges("tech:postgresql", data=True), strict=True))
    for tech_id in G.technologies(built):
        assert G.tech(back, tech_id) == G.tech(built, tech_id)
        assert G.capabilities(back, tech_id) == G.capabilities(built, tech_id)
        assert G.offer_edges(back, tech_id) == G.offer_edges(built, tech_id)
        assert G.requirements(back, tech_id) == G.requirements(built, tech_id)
        assert G.brought_in(back, tech_id, set()) == G.brought_in(built, tech_id, set())


def test_a_recommendation_from_the_graph_read_without_networkx_is_the_same(shipped):
    from techpick import compiled_graph
    from techpick.graph import build_graph
    from techpick.loader import load_requirements
    from techpick.recommend import recommend
    from techpick.renderers import FORMATS

    built = build_graph(shipped)
    back = compiled_graph.loads_for_reading(compiled_graph.dumps(built))
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        reqs = load_requirements(example, shipped)
        for fmt in ("json", "markdown"):
            assert FORMATS[fmt](recommend(back, reqs), True, "x") == FORMATS[fmt](recommend(built, reqs), True, "x")


def test_a_damaged_graph_is_refused(shipped):
    from techpick import compiled_graph
    from techpick.graph import build_graph

    document = json.loads(compiled_graph.dumps(build_graph(shipped)))
    document["edges"][0].append("one value too many")
    with pytest.raises(compiled_graph.CompiledGraphError):
        compiled_graph.loads(json.dumps(document).encode())
    with pytest.raises(compiled_graph.CompiledGraphError):
        compiled_graph.loads(b'{"format": "techpick-graph", "version": 0}')


def test_the_graph_of_an_unchanged_catalog_is_built_once(catalog_dir, monkeypatch):
    from techpick import graph as graph_module
    from techpick.graph import to_json

    catalog = load_catalog(catalog_dir, cache=True)
    first = cache.graph_of(catalog)
    assert cache.graph_file(catalog).is_file()

    def refuse(*args: object) -> None:
        raise AssertionError("built the graph although the cache holds it")

    monkeypatch.setattr(graph_module, "build_graph", refuse)
    again = cache.graph_of(load_catalog(catalog_dir, cache=True))
    assert to_json(again) == to_json(first)
    monkeypatch.undo()
    beta = catalog_dir / "storage" / "beta.yaml"
    beta.write_text(beta.read_text().replace("name: Beta", "name: Beta Two"))
    changed = cache.graph_of(load_catalog(catalog_dir, cache=True))
    assert changed.nodes["tech:beta"]["name"] == "Beta Two"


def test_a_corrupt_graph_cache_is_rebuilt(catalog_dir):
    catalog = load_catalog(catalog_dir, cache=True)
    cache.graph_of(catalog)
    path = cache.graph_file(catalog)
    path.write_bytes(path.read_bytes().replace(b'"Beta"', b'"Evil"'))
    assert cache.graph_of(catalog).nodes["tech:beta"]["name"] == "Beta"


def test_shared_edge_attributes_keep_their_types():
    import networkx as nx

    from techpick import compiled_graph

    g = nx.MultiDiGraph()
    g.add_node("a", kind="tech")
    g.add_node("b", kind="tech")
    g.add_edge("a", "b", key="x", kind="K", weight=1)
    g.add_edge("b", "a", key="x", kind="K", weight=1.0)
    g.add_edge("a", "a", key="x", kind="K", weight=True)
    back = compiled_graph.loads(compiled_graph.dumps(g))
    weights = [(u, v, type(data["weight"]).__name__) for u, v, data in back.edges(data=True)]
    assert weights == [("a", "b", "int"), ("a", "a", "bool"), ("b", "a", "float")]


def test_a_catalog_read_for_the_cache_keeps_no_positions_like_a_cached_one(catalog_dir):
    """Positions of values serve the load's checks only; a fresh load keeps none, as a cached one
    (a catalog of 100,000 files would otherwise carry about a gigabyte of them)."""
    fresh = load_catalog(catalog_dir, cache=True)
    cached = load_catalog(catalog_dir, cache=True)
    assert all(origin.marks == {} for origin in fresh.origins.values())
    assert {i: o.marks for i, o in fresh.origins.items()} == {i: o.marks for i, o in cached.origins.items()}


# ---- written in pieces, built with shared parts (issue 13: a cold build of 100,000 entries under 2 GB) ----

def test_the_compiled_catalog_is_written_in_pieces_that_make_the_one_document(shipped, monkeypatch):
    monkeypatch.setattr(compiled, "CHUNK", 7)
    pieces = list(compiled.chunks(shipped))
    assert len(pieces) == 2 + -(-len(shipped) // 7)
    whole = {"format": compiled.FORMAT, "version": compiled.VERSION, "digest": shipped.digest,
             "files": dict(sorted(shipped.files.items())), "vocabulary": compiled._plain(shipped.vocabulary),
             "technologies": [compiled._plain(tech) for tech in shipped],
             "paths": {i: o.path for i, o in sorted(shipped.origins.items())}}
    assert b"".join(pieces) == json.dumps(whole, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def unshared(g):
    """The same graph with a dict of its own for every edge and node pair, in the same orders."""
    import networkx as nx

    h = nx.MultiDiGraph(**g.graph)
    h._node.update((name, dict(attrs)) for name, attrs in g._node.items())
    h._succ.update((name, {v: {k: dict(a) for k, a in keydict.items()} for v, keydict in nbrs.items()})
                   for name, nbrs in g._succ.items())
    h._pred.update((name, {u: h._succ[u][name] for u in preds}) for name, preds in g._pred.items())
    return h


def test_the_compiled_graph_is_written_in_pieces_and_sharing_does_not_change_it(shipped, monkeypatch):
    from techpick import compiled_graph
    from techpick.graph import build_graph, to_json

    monkeypatch.setattr(compiled_graph, "CHUNK", 5)
    built = build_graph(shipped)
    pieces = list(compiled_graph.chunks(built))
    assert len(pieces) > 2 * len(built) // 5
    assert b"".join(pieces) == compiled_graph.dumps(unshared(built))
    assert to_json(compiled_graph.loads(b"".join(pieces))) == to_json(built)


def test_a_built_graph_shares_equal_edges_and_merges_an_edge_added_again_as_networkx_does(mini):
    from techpick.graph import build_graph

    offer = {"service": "Hosted", "provider": "aws", "clouds": ["aws"]}
    mini.add("alpha", hosting={"self_hosted": True, "managed": [offer, {**offer, "status": "preview"}]})
    mini.add("beta")
    g = build_graph(load_catalog(mini.root))
    alpha, beta = g._succ["tech:alpha"], g._succ["tech:beta"]
    assert alpha["capability:point-lookup"] is beta["capability:point-lookup"]  # {PROVIDES: the same attributes}
    assert alpha["role:storage"]["FILLS"] is beta["role:storage"]["FILLS"]
    assert g._pred["role:storage"]["tech:alpha"] is alpha["role:storage"]  # a pair's key dict, both ways
    assert alpha["cloud:aws"]["OFFERED_ON:Hosted"] == {
        "kind": "OFFERED_ON", "service": "Hosted", "provider": "aws", "first_party": True, "order": 1,
        "status": "preview", "complexity": None, "high_availability": None, "compatible": False,
        "add_on": False}  # merged as add_edge merges
    names = {name: name for name in g}
    assert all(v is names[v] for nbrs in g._succ.values() for v in nbrs)  # each node's own name, not a copy


def test_a_catalog_read_to_fill_the_cache_comes_back_as_a_cached_one_when_its_graph_is_cached(catalog_dir):
    """A recommendation from a cached graph needs no entry: the entries just read are dropped and read
    back from the cache on first use, as in a warm run (at 100,000 technologies they weigh about 0.9 GB)."""
    from techpick.catalog import LazyCatalog

    cache.clear()
    first = load_catalog(catalog_dir, cache=True)
    assert not isinstance(first, LazyCatalog)  # no graph yet: it is built from these entries
    cache.graph_of(first)
    cache.cache_file(catalog_dir).unlink()
    again = load_catalog(catalog_dir, cache=True)
    assert isinstance(again, LazyCatalog)
    assert [tech.model_dump_json() for tech in again] == [tech.model_dump_json() for tech in first]
    assert again.digest == first.digest and "alfa" in again.aliases
