"""The engine's reasoning, one rule at a time, on small hand-made catalogs.

Each test builds the smallest catalog where the rule decides the outcome, so
the test fails when the rule is removed.
"""

from __future__ import annotations

from typing import Any

import pytest

from techpick import load_catalog, load_requirements
from techpick.graph import build_graph
from techpick.recommend import recommend
from techpick.renderers import FORMATS
from tests.conftest import write_reqs


def run(mini, tmp_path, needs: list[dict[str, Any]], **top: Any):
    catalog = load_catalog(mini.root)
    reqs = load_requirements(write_reqs(tmp_path / "reqs.yaml", needs, **top), catalog)
    return recommend(build_graph(catalog), reqs)


def need(**fields: Any) -> dict[str, Any]:
    return {"id": "n", "role": "storage", **fields}


def picks(result, index: int = 0) -> list[str]:
    return [p.id for p in result.needs[index].picks]


def why_not(result, tech_id: str) -> list[str]:
    from techpick.recommend import why_not as explain

    res = result.needs[0]
    cand = next(c for c in res.ranked if c.id == tech_id)
    return explain(cand, res.picks[0] if res.picks else None)


# ---- hard requirements --------------------------------------------------------

def test_role_decides_who_is_a_candidate(mini, tmp_path):
    mini.add("store")
    mini.add("broker", area="messaging", roles=["messaging"], data_models=["event"])
    assert picks(run(mini, tmp_path, [need(role="messaging")])) == ["broker"]


def test_data_model_must_match(mini, tmp_path):
    mini.add("kv")
    mini.add("docs", data_models=["document"])
    result = run(mini, tmp_path, [need(data_model="document")])
    assert picks(result) == ["docs"]
    assert "does not hold document data" in why_not(result, "kv")[0]


def test_required_access_patterns_filter_and_say_what_is_missing(mini, tmp_path):
    mini.add("plain")
    mini.add("ranked", capabilities={"point-lookup": "native", "range-scan": "native"})
    result = run(mini, tmp_path, [need(access=["range-scan"])])
    assert picks(result) == ["ranked"]
    assert why_not(result, "plain") == ["lacks range-scan"]


def test_open_source_and_permissive_licences(mini, tmp_path):
    mini.add("closed", license={"spdx": "LicenseRef-Proprietary"})
    mini.add("gpl", license={"spdx": "AGPL-3.0-only"})
    mini.add("apache")
    result = run(mini, tmp_path, [need()], constraints={"license": "open-source"})
    assert set(picks(result)) == {"apache", "gpl"}
    result = run(mini, tmp_path, [need()], constraints={"license": "permissive"})
    assert picks(result) == ["apache"]
    assert "not permissive" in why_not(result, "gpl")[0]


def test_dual_licence_counts_its_most_open_option(mini, tmp_path):
    mini.add("dual", license={"spdx": "SSPL-1.0 OR AGPL-3.0-only"})
    assert picks(run(mini, tmp_path, [need()], constraints={"license": "open-source"})) == ["dual"]


def test_hosting_and_cloud(mini, tmp_path):
    offer = {"service": "Cloud KV", "provider": "aws", "clouds": ["aws"]}
    mini.add("cloudkv", hosting={"self_hosted": False, "managed": [offer]})
    mini.add("selfkv")
    assert picks(run(mini, tmp_path, [need()], constraints={"hosting": "self-hosted"})) == ["selfkv"]
    assert picks(run(mini, tmp_path, [need()], constraints={"hosting": "managed"})) == ["cloudkv"]
    result = run(mini, tmp_path, [need()], constraints={"hosting": "managed", "cloud": "gcp"})
    assert picks(result) == []
    assert "no managed offer on gcp" in why_not(result, "cloudkv")[0]
    assert "nothing satisfies the hard requirements" in result.warnings[0]


def test_embedded_means_inside_the_process(mini, tmp_path):
    mini.add("server")
    mini.add("library", hosting={"self_hosted": True, "embedded": True})
    assert picks(run(mini, tmp_path, [need(embedded=True)])) == ["library"]


def test_persistence_rules_out_pure_caches(mini, tmp_path):
    mini.add("cache", durability="none")
    mini.add("store", operations={"complexity": 3, "reason": "heavier (test entry)"})
    assert picks(run(mini, tmp_path, [need(persistence=True)])) == ["store"]


def test_a_pure_cache_need_prefers_the_simpler_non_durable_block(mini, tmp_path):
    mini.add("cache", durability="none", operations={"complexity": 1, "reason": "one process (test entry)"},
             availability={"high_availability": "none"})
    mini.add("store", durability="optional", operations={"complexity": 2, "reason": "more to run (test entry)"})
    assert picks(run(mini, tmp_path, [need(persistence=False)]))[0] == "cache"


def test_several_write_regions_need_geo_replication(mini, tmp_path):
    mini.add("local")
    mini.add("global", capabilities={"point-lookup": "native", "geo-replication": "native"})
    assert picks(run(mini, tmp_path, [need(regions=3)])) == ["global"]


def test_strong_consistency_excludes_eventual_and_discounts_tunable(mini, tmp_path):
    mini.add("eventual", consistency="eventual")
    mini.add("tunable", consistency="tunable")
    mini.add("strong")
    result = run(mini, tmp_path, [need(consistency="strong")])
    assert picks(result) == ["strong", "tunable"]
    assert why_not(result, "eventual") == ["only eventually consistent"]


def test_high_availability_needs_failover(mini, tmp_path):
    mini.add("single", availability={"high_availability": "none"})
    mini.add("replicated")
    assert picks(run(mini, tmp_path, [need(availability="high")])) == ["replicated"]


def test_ceilings_of_volume_throughput_latency_and_concurrency(mini, tmp_path):
    mini.add("small", scale={"volume": {"sweet": ["1MB", "1GB"], "max": "10GB"}, "latency_p99": "100us",
                             "throughput": {"sweet": ["1/s", "1k/s"], "max": "10k/s"}, "concurrency_max": 10})
    mini.add("slow", scale={"latency_p99": "50ms"})
    result = run(mini, tmp_path, [need(volume="100GB", throughput="50k/s", latency="10ms", concurrency=100)])
    assert picks(result) == ["example"] if False else picks(result) == []
    small = " ".join(why_not(result, "small"))
    assert "100GB is beyond its documented limit of 10GB" in small
    assert "50k/s is beyond its documented limit of 10k/s" in small
    assert "p99 10ms is faster than its best of 50ms" in why_not(result, "slow")[0]


def test_a_block_that_holds_no_data_cannot_meet_a_volume(mini, tmp_path):
    mini.add("sdk", area="deployment", roles=["tracing"], data_models=[], scale={"volume": None})
    mini.add("backend", area="deployment", roles=["tracing"], data_models=[])
    result = run(mini, tmp_path, [need(role="tracing", volume="300GB")])
    assert picks(result) == ["backend"]
    assert why_not(result, "sdk") == ["holds no data of its own"]


def test_retired_projects_are_not_recommended_and_name_their_successor(mini, tmp_path):
    mini.add("oldgraph", status={"state": "retired", "since": 2023, "successor": "newgraph"},
             adoption="widespread")
    mini.add("newgraph", adoption="niche")
    result = run(mini, tmp_path, [need()])
    assert picks(result) == ["newgraph"]
    assert why_not(result, "oldgraph") == ["retired since 2023, not for new work; use newgraph instead"]


def test_exclude_is_hard(mini, tmp_path):
    mini.add("alpha")
    mini.add("beta")
    assert picks(run(mini, tmp_path, [need()], constraints={"exclude": ["alpha"]})) == ["beta"]


# ---- soft fit -----------------------------------------------------------------------

def test_the_simplest_block_that_meets_the_need_wins(mini, tmp_path):
    mini.add("heavy", operations={"complexity": 5, "reason": "a platform (test entry)"})
    mini.add("light", operations={"complexity": 1, "reason": "a library (test entry)"})
    assert picks(run(mini, tmp_path, [need()]))[0] == "light"


def test_a_petabyte_block_is_a_poor_fit_for_gigabytes(mini, tmp_path):
    mini.add("bigdata", scale={"volume": {"sweet": ["10TB", "10PB"], "max": "100PB"}})
    mini.add("modest", scale={"volume": {"sweet": ["1GB", "5TB"], "max": "50TB"}})
    result = run(mini, tmp_path, [need(volume="20GB")])
    assert picks(result)[0] == "modest"
    big = next(c for c in result.needs[0].ranked if c.id == "bigdata")
    assert any("does not need it" in t for t in big.tradeoffs)


def test_prefer_is_soft_but_decides_between_equals(mini, tmp_path):
    mini.add("plain")
    mini.add("withui", capabilities={"point-lookup": "native", "web-ui": "native"})
    result = run(mini, tmp_path, [need(prefer=["web-ui"])])
    assert picks(result)[0] == "withui"
    assert "no web-ui" in next(c for c in result.needs[0].ranked if c.id == "plain").tradeoffs


def test_partial_support_loses_to_native(mini, tmp_path):
    mini.add("partly", capabilities={"point-lookup": "native", "range-scan": "partial"})
    mini.add("fully", capabilities={"point-lookup": "native", "range-scan": "native"})
    assert picks(run(mini, tmp_path, [need(access=["range-scan"])]))[0] == "fully"


def test_what_the_team_already_runs_is_reused(mini, tmp_path):
    mini.add("alpha", adoption="widespread")
    mini.add("beta", adoption="niche")
    result = run(mini, tmp_path, [need()], context={"existing": ["beta"]})
    assert picks(result)[0] == "beta"
    assert "already run by the team: no new component" in result.needs[0].picks[0].reasons


def test_skills_the_team_has_count(mini, tmp_path):
    mini.add("jvmstore", skills=["jvm"])
    mini.add("pystore", skills=["python"])
    assert picks(run(mini, tmp_path, [need()], context={"skills": ["python"]}))[0] == "pystore"
    assert picks(run(mini, tmp_path, [need()], context={"skills": ["java"]}))[0] == "jvmstore"


def test_transitive_requirements_weigh_unless_already_run(mini, tmp_path):
    mini.add("fs", roles=["storage"], data_models=["file"], operations={"complexity": 3, "reason": "a cluster (test entry)"})
    mini.add("coord", area="processing", roles=["coordination"], data_models=[],
             operations={"complexity": 3, "reason": "a quorum (test entry)"})
    mini.add("tall", relations={"requires": ["fs", "coord"]})
    mini.add("flat", adoption="niche")
    result = run(mini, tmp_path, [need(data_model="key-value")])
    assert picks(result)[0] == "flat"
    tall = next(c for c in result.needs[0].ranked if c.id == "tall")
    assert "brings Coord, Fs to run as well" in tall.tradeoffs
    result = run(mini, tmp_path, [need(data_model="key-value")], context={"existing": ["fs", "coord"]})
    assert picks(result)[0] == "tall"


def test_one_of_requirement_is_satisfied_by_any_option(mini, tmp_path):
    mini.add("disk-a", operations={"complexity": 4, "reason": "heavy (test entry)"})
    mini.add("disk-b", operations={"complexity": 2, "reason": "light (test entry)"})
    mini.add("layer", relations={"requires": ["disk-a|disk-b"]})
    from techpick.graph import brought_in

    g = build_graph(load_catalog(mini.root))
    assert brought_in(g, "layer", set()) == ["disk-a"]  # the author's first choice
    assert brought_in(g, "layer", {"disk-b"}) == []


def test_complexity_weighs_more_for_a_small_team(mini, tmp_path):
    mini.add("simple", operations={"complexity": 1, "reason": "library (test entry)"})
    mini.add("rich", operations={"complexity": 3, "reason": "cluster (test entry)"},
             capabilities={"point-lookup": "native", "web-ui": "native"})
    small = run(mini, tmp_path, [need(prefer=["web-ui"])], context={"team_size": 2})
    large = run(mini, tmp_path, [need(prefer=["web-ui"])], context={"team_size": 50})
    assert picks(small)[0] == "simple"
    assert picks(large)[0] == "rich"


def test_single_cloud_service_is_a_lock_in_without_a_cloud_constraint(mini, tmp_path):
    offer = {"service": "Cloud KV", "provider": "aws", "clouds": ["aws"]}
    mini.add("cloudkv", hosting={"self_hosted": False, "managed": [offer]},
             operations={"complexity": 1, "reason": "managed (test entry)"})
    mini.add("portable", operations={"complexity": 1, "reason": "simple (test entry)"})
    assert picks(run(mini, tmp_path, [need()]))[0] == "portable"
    assert picks(run(mini, tmp_path, [need()], constraints={"cloud": "aws", "hosting": "managed"}))[0] == "cloudkv"


# ---- the stack, warnings and output -----------------------------------------------------

def test_one_block_serving_two_needs_is_preferred(mini, tmp_path):
    mini.add("both", capabilities={"point-lookup": "native", "ttl": "native"})
    mini.add("ttlonly", capabilities={"ttl": "native"}, adoption="widespread")
    result = run(mini, tmp_path, [need(id="lookups", access=["point-lookup"]), need(id="expiry", access=["ttl"])])
    assert picks(result, 0)[0] == "both"
    assert picks(result, 1)[0] == "both"
    assert result.stack == ["both"]
    assert any("serves 2 needs" in note for note in result.stack_notes)


def test_stack_lists_transitive_requirements(mini, tmp_path):
    mini.add("coord", area="processing", roles=["coordination"], data_models=[])
    mini.add("tall", relations={"requires": ["coord"]})
    result = run(mini, tmp_path, [need()])
    assert result.stack == ["tall", "coord"]
    assert "tall requires coord" in result.stack_notes


@pytest.mark.parametrize(("fields", "words"), [
    ({"latency": "500us", "volume": "1PB", "embedded": True}, "sub-millisecond"),
    ({"embedded": True, "availability": "high"}, "as available as the one process"),
])
def test_contradictions_are_warnings(mini, tmp_path, fields, words):
    mini.add("alpha")
    result = run(mini, tmp_path, [need(**fields)])
    assert any(words in w for w in result.warnings)


def test_strong_consistency_across_regions_with_a_tiny_team_warns(mini, tmp_path):
    mini.add("global", capabilities={"point-lookup": "native", "geo-replication": "native"})
    result = run(mini, tmp_path, [need(regions=3, consistency="strong")], context={"team_size": 2})
    assert any("across 3 regions" in w for w in result.warnings)


def test_second_pick_only_when_close(mini, tmp_path):
    mini.add("great", operations={"complexity": 1, "reason": "easy (test entry)"}, adoption="widespread")
    mini.add("poor", operations={"complexity": 5, "reason": "hard (test entry)"}, adoption="niche",
             status={"state": "maintenance"})
    assert picks(run(mini, tmp_path, [need()])) == ["great"]


def test_same_input_same_output_byte_for_byte(mini, tmp_path):
    for name in ("alpha", "beta", "gamma"):
        mini.add(name)
    outputs = {FORMATS[fmt](run(mini, tmp_path, [need(access=["point-lookup"])]), True)
               for fmt in ("json", "json", "text", "markdown") for _ in range(2)}
    assert len(outputs) == 3


def test_a_team_radar_holds_and_adopts(mini, tmp_path):
    mini.add("alpha", adoption="widespread")
    mini.add("beta", adoption="niche")
    catalog = load_catalog(mini.root)
    reqs = load_requirements(write_reqs(tmp_path / "r.yaml", [need()]), catalog)
    g = build_graph(catalog)
    assert [p.id for p in recommend(g, reqs).needs[0].picks][0] == "alpha"
    adopted = recommend(g, reqs, radar={"beta": ("adopt", "our standard")})
    assert adopted.needs[0].picks[0].id == "beta"
    held = recommend(g, reqs, radar={"alpha": ("hold", "licence review")})
    assert [p.id for p in held.needs[0].picks] == ["beta"]
    assert held.needs[0].considered[0].failures == ["on hold in the team's radar: licence review"]


def test_an_extension_the_team_already_runs_counts_in_full(mini, tmp_path):
    mini.add("engine", area="processing", roles=["query-engine"], data_models=[])
    mini.add("format-a", capabilities={"point-lookup": "native", "transactions": "extension"},
             capability_via={"transactions": ["engine"]}, adoption="niche")
    mini.add("format-b", capabilities={"point-lookup": "native", "transactions": "extension"}, adoption="common")
    asked = [need(access=["transactions"])]
    assert picks(run(mini, tmp_path, asked))[0] == "format-b"
    result = run(mini, tmp_path, asked, context={"existing": ["engine"]})
    assert picks(result)[0] == "format-a"
    assert "serves transactions through engine, which the team runs" in result.needs[0].picks[0].reasons


def test_a_managed_offer_brings_no_dependencies_to_run(mini, tmp_path):
    offer = {"service": "Hosted Tall", "provider": "aws", "clouds": ["aws"]}
    mini.add("db", operations={"complexity": 3, "reason": "a replicated database"})
    mini.add("tall", relations={"requires": ["db"]}, hosting={"self_hosted": True, "managed": [offer]})
    self_run = run(mini, tmp_path, [need(data_model="key-value")], constraints={"exclude": ["db"]})
    assert self_run.stack == ["tall", "db"]
    managed = run(mini, tmp_path, [need(data_model="key-value")],
                  constraints={"exclude": ["db"], "hosting": "managed"})
    assert managed.stack == ["tall"]
    assert not any("brings" in t for t in managed.needs[0].picks[0].tradeoffs)


def test_missing_language_skills_cost_but_tool_skills_do_not(mini, tmp_path):
    mini.add("jvmstore", skills=["jvm"])
    mini.add("opsstore", skills=["linux"])
    result = run(mini, tmp_path, [need()], context={"skills": ["python"]})
    assert picks(result)[0] == "opsstore"
    jvm = next(c for c in result.needs[0].ranked if c.id == "jvmstore")
    assert "the team would need jvm skills" in jvm.tradeoffs


def test_a_role_implies_what_its_needs_expect(mini, tmp_path):
    role = {"area": "processing", "roles": ["workflow-orchestration"], "data_models": []}
    mini.add("cronless", **role, capabilities={"retries": "native"}, adoption="widespread")
    mini.add("scheduler", **role, capabilities={"retries": "native", "scheduling": "native"})
    result = run(mini, tmp_path, [need(role="workflow-orchestration")])
    assert picks(result)[0] == "scheduler"
    cronless = next(c for c in result.needs[0].ranked if c.id == "cronless")
    assert "no scheduling of its own" in cronless.tradeoffs


def test_read_replicas_in_other_regions_do_not_serve_writes_there(mini, tmp_path):
    mini.add("oneprimary", capabilities={"point-lookup": "native", "geo-replication": "partial"},
             capability_notes={"geo-replication": "read replicas only"})
    result = run(mini, tmp_path, [need(regions=2)])
    assert picks(result) == []
    assert why_not(result, "oneprimary") == [
        "replicates across regions but cannot serve writes in 2 (read replicas only)"]


def test_a_block_that_what_you_run_depends_on_counts_as_familiar(mini, tmp_path):
    mini.add("coord-a", area="processing", roles=["coordination"], data_models=[])
    mini.add("coord-b", area="processing", roles=["coordination"], data_models=[])
    mini.add("platform", area="deployment", roles=["container-orchestration"], data_models=[],
             relations={"requires": ["coord-b"]})
    result = run(mini, tmp_path, [need(role="coordination")], context={"existing": ["platform"]})
    assert picks(result)[0] == "coord-b"
    assert "works with what you run: platform" in result.needs[0].picks[0].reasons


def test_dependencies_a_pick_brings_meet_the_constraints_too(mini, tmp_path):
    offer = {"service": "Cloud Disk", "provider": "aws", "clouds": ["aws"]}
    mini.add("clouddisk", data_models=["object"], hosting={"self_hosted": False, "managed": [offer]})
    mini.add("owndisk", data_models=["object"])
    mini.add("layer", relations={"requires": ["clouddisk|owndisk"]})
    result = run(mini, tmp_path, [need(data_model="key-value")], constraints={"hosting": "self-hosted"})
    assert result.stack == ["layer", "owndisk"]


def test_stack_notes_glue_missing_between_data_path_picks(mini, tmp_path):
    mini.add("broker", area="messaging", roles=["messaging"], data_models=["event"],
             relations={"integrates_with": ["store"]})
    mini.add("store")
    mini.add("engine", area="processing", roles=["batch-processing"], data_models=["tabular"])
    result = run(mini, tmp_path, [need(id="a", role="messaging"), need(id="b"), need(id="c", role="batch-processing")])
    assert "broker integrates with store" in result.stack_notes
    assert "no documented integration between broker and engine: plan the glue" in result.stack_notes


def test_two_stores_of_separate_needs_need_no_glue(mini, tmp_path):
    mini.add("database", data_models=["relational"])
    mini.add("cache")
    result = run(mini, tmp_path, [need(id="a", data_model="relational"), need(id="b", data_model="key-value")])
    assert result.stack == ["database", "cache"]
    assert not [note for note in result.stack_notes if "plan the glue" in note]


def test_an_embedded_library_must_match_the_team_s_runtime(mini, tmp_path):
    lib = {"hosting": {"self_hosted": True, "embedded": True}}
    mini.add("jvmlib", runtime="jvm", adoption="widespread", **lib)
    mini.add("clib", runtime="c", **lib)
    assert picks(run(mini, tmp_path, [need(embedded=True)], context={"skills": ["python"]}))[0] == "clib"
    assert picks(run(mini, tmp_path, [need(embedded=True)], context={"skills": ["java"]}))[0] == "jvmlib"


def test_a_bundle_is_weighed_once_not_once_per_part(mini, tmp_path):
    logs = {"area": "deployment", "roles": ["logging"], "data_models": []}
    mini.add("engine", operations={"complexity": 3, "reason": "a search cluster (test entry)"})
    mini.add("stack", **logs, operations={"complexity": 3, "reason": "the whole bundle (test entry)"},
             relations={"requires": ["engine"]})
    mini.add("engine-ui", area="deployment", roles=["logging"], data_models=[], relations={"part_of": ["stack"]})
    result = run(mini, tmp_path, [need(role="logging")])
    stack = next(c for c in result.needs[0].ranked if c.id == "stack")
    assert [t.key for t in stack.terms if t.key == "brings"] == ["brings"]  # engine is not a part: it weighs
    mini.add("engine", operations={"complexity": 3, "reason": "a search cluster (test entry)"},
             relations={"part_of": ["stack"]})
    result = run(mini, tmp_path, [need(role="logging")])
    stack = next(c for c in result.needs[0].ranked if c.id == "stack")
    assert "brings" not in [t.key for t in stack.terms]
    assert "runs as several parts: Engine" in stack.tradeoffs


def test_a_single_cloud_service_needs_that_cloud(mini, tmp_path):
    offer = {"service": "Cloud Queue", "provider": "gcp", "clouds": ["gcp"]}
    mini.add("cloudq", hosting={"self_hosted": False, "managed": [offer]}, operations={"complexity": 1, "reason": "managed (test entry)"})
    mini.add("ownq", operations={"complexity": 2, "reason": "one process (test entry)"})
    mini.add("awscloud", area="deployment", roles=["cloud"], data_models=[],
             hosting={"self_hosted": False, "managed": [{"service": "AWS", "provider": "aws", "clouds": ["aws"]}]})
    mini.add("gcpcloud", area="deployment", roles=["cloud"], data_models=[],
             hosting={"self_hosted": False, "managed": [{"service": "GCP", "provider": "gcp", "clouds": ["gcp"]}]})
    assert picks(run(mini, tmp_path, [need()]))[0] == "ownq"
    assert picks(run(mini, tmp_path, [need()], context={"existing": ["awscloud"]}))[0] == "ownq"
    assert picks(run(mini, tmp_path, [need()], context={"existing": ["gcpcloud"]}))[0] == "cloudq"


@pytest.mark.parametrize(("fields", "context", "words"), [
    ({"regions": 3, "consistency": "strong", "latency": "5ms"}, {}, "cross-region round trips"),
    ({"volume": "2PB"}, {"team_size": 2}, "a lot for a team of 2"),
])
def test_more_contradictions_are_warned_about(mini, tmp_path, fields, context, words):
    mini.add("global", capabilities={"point-lookup": "native", "geo-replication": "native"},
             scale={"volume": {"sweet": ["1GB", "1PB"], "max": "10PB"}})
    result = run(mini, tmp_path, [need(**fields)], context=context)
    assert any(words in w for w in result.warnings)


def test_a_heavier_block_the_team_already_carries_keeps_its_place(mini, tmp_path):
    # keeping it saves the move (the `existing` credit); its upkeep still counts in full
    mini.add("heavy", operations={"complexity": 3, "reason": "a platform (test entry)"})
    mini.add("light", operations={"complexity": 2, "reason": "one process (test entry)"}, adoption="widespread")
    assert picks(run(mini, tmp_path, [need()], context={"team_size": 5}))[0] == "light"
    assert picks(run(mini, tmp_path, [need()], context={"team_size": 5, "existing": ["heavy"]}))[0] == "heavy"
