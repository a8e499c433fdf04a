"""The catalog loader: what a broken catalog looks like to the person who broke it."""

from __future__ import annotations

import pytest

from techpick import InputError, load_catalog


def problems(root) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_catalog(root)
    return [str(p) for p in exc.value.problems]


def test_a_valid_mini_catalog_loads(mini):
    mini.add("alpha")
    mini.add("beta", relations={"alternative_to": ["alpha"]}, aliases=["b"])
    catalog = load_catalog(mini.root)
    assert [t.id for t in catalog] == ["alpha", "beta"]
    assert catalog.resolve("b") == "beta"
    assert catalog.digest.startswith("sha256:")


def test_dangling_relation_names_file_line_and_closest_id(mini):
    mini.add("alpha")
    path = mini.add("beta", relations={"integrates_with": ["alpah"]})
    found = problems(mini.root)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:")
    assert "relations.integrates_with.0" in found[0]
    assert "did you mean alpha?" in found[0]


def test_duplicate_alias_is_reported(mini):
    mini.add("alpha", aliases=["shared"])
    mini.add("beta", aliases=["shared"])
    assert any("'shared' is already used by 'alpha'" in p for p in problems(mini.root))


def test_a_page_cited_twice_is_one_source_with_every_field_it_supports(mini):
    page = {"url": "https://example.org/docs", "supports": ["description"]}
    path = mini.add("alpha", sources=[page, {**page, "supports": ["capabilities"]}])
    found = problems(mini.root)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:")
    assert "sources.1.url" in found[0] and "already source 1" in found[0]


def test_id_must_match_file_name(mini):
    path = mini.add("alpha")
    path.write_text(path.read_text().replace("id: alpha", "id: gamma"))
    assert any("must match the file name" in p for p in problems(mini.root))


def test_unknown_capability_suggests_the_vocabulary_word(mini):
    mini.add("alpha", capabilities={"full-txt": "native"})
    found = problems(mini.root)
    assert any("capabilities.full-txt" in p and "did you mean full-text?" in p for p in found)


def test_misspelt_key_is_an_error_with_the_field_it_meant(mini):
    path = mini.add("alpha")
    path.write_text(path.read_text().replace("homepage:", "homepgae:"))
    found = problems(mini.root)
    assert any("unknown field 'homepgae'; did you mean homepage?" in p for p in found)
    assert any("homepage: is required" in p for p in found)


def test_every_problem_of_every_file_is_reported_at_once(mini):
    mini.add("alpha", capabilities={"full-txt": "native"}, runtime="jvmm")
    mini.add("beta", relations={"requires": ["nothing-here"]})
    found = problems(mini.root)
    assert len(found) == 3
    assert sum("alpha.yaml" in p for p in found) == 2


def test_area_folder_must_match_main_role(mini):
    mini.add("alpha", area="messaging")
    assert any("belongs to area 'storage'" in p for p in problems(mini.root))


def test_a_problem_points_at_the_line_of_the_key(mini):
    path = mini.add("alpha", runtime="jvmm")
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("runtime:"))
    assert any(p.startswith(f"{path}:{line}:") for p in problems(mini.root))


def test_sweet_spot_must_sit_under_the_ceiling(mini):
    mini.add("alpha", scale={"volume": {"sweet": ["1GB", "100TB"], "max": "10TB"}})
    assert any("sweet[0] <= sweet[1] <= max" in p for p in problems(mini.root))


def test_not_a_catalog_directory(tmp_path):
    assert "vocabulary.yaml is missing" in problems(tmp_path)[0]


def test_shipped_catalog_is_valid():
    catalog = load_catalog()
    assert len(catalog) > 2


@pytest.mark.parametrize(("service", "engines"), [("aurora", ["postgresql", "mysql"]), ("alloydb", ["postgresql"])])
def test_a_cloud_engine_built_on_an_open_database_holds_what_that_database_holds(service, engines):
    """Twins alike: what the catalog says PostgreSQL or MySQL can be used as, their cloud rewrites can too."""
    catalog = load_catalog()
    built = catalog.get(service)
    for engine in map(catalog.get, engines):
        assert set(engine.data_models) <= set(built.data_models), engine.id
        assert set(engine.roles) <= set(built.roles), engine.id
        assert built.capabilities["work-queue"] == engine.capabilities["work-queue"], engine.id


def test_a_capability_s_implied_data_model_must_be_a_data_model(mini):
    vocabulary = mini.root / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("model: search-index}", "model: search-indx}", 1), encoding="utf-8")
    mini.add("alpha")
    with pytest.raises(InputError) as err:
        load_catalog(mini.root)
    assert "capabilities.full-text.model: unknown data model 'search-indx'; did you mean search-index?" in str(err.value)


def test_running_a_kubernetes_yourself_is_no_lighter_than_renting_one():
    """K3s has fewer parts, but self-hosted it leaves the team the control plane as well as what a managed
    Kubernetes leaves it (add-ons, node upgrades, security)."""
    catalog = load_catalog()
    assert catalog.get("k3s").operations.complexity >= catalog.get("kubernetes").operations.managed_complexity


def test_the_same_id_in_two_folders_is_a_duplicate(mini):
    mini.add("alpha")
    path = mini.add("alpha", area="messaging", roles=["messaging"], data_models=["event"])
    second = mini.root / "storage" / "alpha.yaml"  # files are read in path order: messaging/ comes first
    assert problems(mini.root) == [f"{second}:1:1: id: duplicate id 'alpha', also in {path}"]


def test_a_directory_named_like_an_entry_is_a_problem_not_a_crash(mini):
    mini.add("alpha")
    (mini.root / "storage" / "beta.yaml").mkdir()
    assert any("beta.yaml" in p and "is a directory" in p for p in problems(mini.root))


def test_the_digest_covers_the_vocabulary(mini):
    mini.add("alpha")
    before = load_catalog(mini.root).digest
    vocab = mini.root / "vocabulary.yaml"
    vocab.write_text(vocab.read_text() + "\n# a comment changes the bytes\n")
    assert load_catalog(mini.root).digest != before


def test_a_vocabulary_read_again_is_parsed_once_and_an_edited_one_anew(mini):
    mini.add("alpha")
    first = load_catalog(mini.root).vocabulary
    assert load_catalog(mini.root).vocabulary is first  # same bytes: the parsed vocabulary is shared
    vocab = mini.root / "vocabulary.yaml"
    vocab.write_text(vocab.read_text().replace("roles:", "roles:\n  ledger: {area: storage, meaning: Keeps the books.}", 1))
    edited = load_catalog(mini.root).vocabulary
    assert edited is not first and "ledger" in edited.roles


def test_a_date_or_a_web_address_in_the_wrong_form_is_worded_as_such_not_as_an_id(mini):
    path = mini.add("alpha", reviewed="2026", homepage="www.alpha.example")
    path.write_text(path.read_text() + "events:\n  - {kind: released, date: '2025', source: 'https://a.example'}\n")
    found = "\n".join(problems(mini.root))
    assert "'2026' is not accepted; write the month as YYYY-MM, e.g. 2026-12" in found
    assert "'2025' is not accepted; write a date as YYYY-MM or YYYY-MM-DD" in found
    assert "'www.alpha.example' is not accepted; write a web address starting with https://" in found
    assert "not a valid id" not in found


def test_every_pattern_worded_for_people_is_one_the_models_use():
    from techpick import models
    from techpick.wording import PATTERN_WORDS

    used = {str(meta.pattern) for model in vars(models).values() if isinstance(model, type)
            and issubclass(model, models.BaseModel) for field in model.model_fields.values()
            for meta in field.metadata if getattr(meta, "pattern", None)}
    assert set(PATTERN_WORDS) <= used


def line_of(path, start: str) -> int:
    return next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text.lstrip().startswith(start))


def test_a_big_catalog_keeps_no_positions_yet_a_late_file_is_worded_with_its_line(mini):
    """Positions of values are read again only for a file with a problem (at 100,000 files
    they outweighed the entries); the messages read as they did when every file kept them."""
    for i in range(300):
        mini.add(f"tech-{i:03d}")
    assert all(origin.marks == {} for origin in load_catalog(mini.root).origins.values())
    broken = mini.add("tech-298", consistency="strongest")
    dangling = mini.add("tech-299", relations={"integrates_with": ["tech-1000"]})
    found = problems(mini.root)
    assert found[0].startswith(f"{broken}:{line_of(broken, 'consistency:')}:") and "consistency" in found[0]
    assert found[1].startswith(f"{dangling}:{line_of(dangling, '- tech-1000')}:")
    assert "relations.integrates_with.0" in found[1] and len(found) == 2


def test_a_catalog_read_without_the_cache_words_its_warnings_with_lines(mini):
    path = mini.add("alpha", reviewed="2020-01")
    (warning,) = load_catalog(mini.root).stale("2026-12-01")
    assert str(warning).startswith(f"{path}:{line_of(path, 'reviewed:')}:")


def test_entries_given_the_same_fields_share_one_set_of_their_names(mini):
    """Each validated model's set of given fields took a third of a big catalog's memory;
    the models are frozen, so entries written alike share one, and a copy gets its own."""
    mini.add("alpha")
    mini.add("beta", license={"spdx": "MIT", "note": "a note"})
    mini.add("gamma")
    alpha, beta, gamma = load_catalog(mini.root)
    assert alpha.scale.model_fields_set is gamma.scale.model_fields_set
    assert alpha.license.model_fields_set is not beta.license.model_fields_set
    copied = alpha.model_copy(update={"keywords": ["copied"]})
    assert "keywords" in copied.model_fields_set and "keywords" not in gamma.model_fields_set


def test_entries_keep_one_copy_of_each_word(mini):
    """Ids, words of the vocabulary and other short text repeat in every file of a big catalog;
    each is kept once (at 100,000 files the copies took more than a tenth of the entries' memory)."""
    mini.add("alpha")
    mini.add("beta")
    alpha, beta = load_catalog(mini.root)
    assert alpha.roles[0] is beta.roles[0]
    assert next(iter(alpha.capabilities)) is next(iter(beta.capabilities))
    assert alpha.scale.basis is beta.scale.basis
