"""Engine v2, one rule at a time, on small hand-made catalogs.

Each test names the rule it guards (the function or table entry in
`techpick.recommend`) and builds the smallest catalog where that rule decides
the outcome, so that it fails when the rule is removed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from techpick import InputError, load_catalog, load_requirements
from techpick.check import check_stack
from techpick.cli import cli
from techpick.graph import build_graph
from techpick.recommend import BASE, explanation, recommend, why_not
from tests.conftest import write_reqs

TODAY = "2026-11-30"
MANAGED = {"service": "Example Cloud DB", "provider": "aws", "clouds": ["aws"]}


def run(mini, tmp_path, needs: list[dict[str, Any]], **top: Any):
    catalog = load_catalog(mini.root)
    reqs = load_requirements(write_reqs(tmp_path / "reqs.yaml", needs, **top), catalog)
    return recommend(build_graph(catalog), reqs, today=TODAY)


def need(**fields: Any) -> dict[str, Any]:
    return {"id": "n", "role": "storage", **fields}


def picks(result, index: int = 0) -> list[str]:
    return [p.id for p in result.needs[index].picks]


def cand(result, tech_id: str, index: int = 0):
    return next(c for c in result.needs[index].ranked if c.id == tech_id)


def lost(result, tech_id: str, index: int = 0) -> str:
    res = result.needs[index]
    return "; ".join(why_not(cand(result, tech_id, index), res.picks[0] if res.picks else None))


# ---- kinds: hosting and availability apply to services only (_constraint_failures) ------------

def test_a_tool_is_not_ruled_out_by_managed_hosting(mini, tmp_path):
    mini.add("runtime", area="deployment", kind="tool", roles=["containers"], data_models=[])
    result = run(mini, tmp_path, [need(role="containers")], constraints={"hosting": "managed"})
    assert picks(result) == ["runtime"]
    assert result.needs[0].picks[0].form.name == "tool"


def test_a_service_is_ruled_out_by_managed_hosting_without_an_offer(mini, tmp_path):
    mini.add("daemon", area="deployment", roles=["containers"], data_models=[])
    result = run(mini, tmp_path, [need(role="containers")], constraints={"hosting": "managed"})
    assert picks(result) == [] and lost(result, "daemon") == "no managed offer"


def test_a_tool_without_a_server_is_not_ruled_out_by_high_availability(mini, tmp_path):
    mini.add("cli", area="deployment", kind="tool", roles=["infrastructure-as-code"], data_models=[],
             availability={"high_availability": "none"}, scale={"volume": None})
    result = run(mini, tmp_path, [need(role="infrastructure-as-code", availability="high")])
    assert picks(result) == ["cli"]



# ---- a pure cache spread over servers survives one's loss (filters.cache_pool) ---------------------

def _cache_pool(mini):
    mini.add("pool", durability="none", availability={"high_availability": "none",
                                                      "note": "servers do not replicate; clients re-hash"})


def test_a_sharded_cache_pool_is_partly_available_for_a_cache_with_nothing_to_keep(mini, tmp_path):
    _cache_pool(mini)
    result = run(mini, tmp_path, [need(availability="high", persistence=False)])
    assert picks(result) == ["pool"]
    terms = {term.label: term.value for term in explanation(cand(result, "pool"))}
    assert terms["high availability is partial"] == -0.06


def test_a_store_that_keeps_data_still_needs_failover(mini, tmp_path):
    _cache_pool(mini)
    result = run(mini, tmp_path, [need(availability="high")])
    assert picks(result) == [] and "failover" in lost(result, "pool")


# ---- a managed offer can leave out some of the product (filters.usable_forms, Eval.caps) -------------

def _broker_with_a_narrow_offer(mini):
    offer = {"service": "Cloud Broker", "provider": "aws", "clouds": ["aws"], "lacks": ["mqtt", "replay"],
             "note": "listens on AMQP only; no MQTT or stream plugin"}
    mini.add("broker", area="messaging", roles=["messaging"], data_models=["event"],
             capabilities={"pub-sub": "native", "mqtt": "native", "replay": "partial"},
             hosting={"self_hosted": True, "managed": [offer]})


def test_an_offer_that_lacks_an_asked_capability_is_no_form_for_the_need(mini, tmp_path):
    _broker_with_a_narrow_offer(mini)
    result = run(mini, tmp_path, [need(role="messaging", features=["mqtt"])],
                 constraints={"hosting": "managed", "cloud": "aws"})
    assert picks(result) == [] and lost(result, "broker") == "its managed offers within reach lack mqtt"
    result = run(mini, tmp_path, [need(role="messaging", features=["mqtt"])], constraints={"cloud": "aws"})
    assert result.needs[0].picks[0].form.name == "self-hosted"


def test_an_offer_earns_no_credit_for_what_it_lacks(mini, tmp_path):
    _broker_with_a_narrow_offer(mini)
    result = run(mini, tmp_path, [need(role="messaging", access=["pub-sub"], prefer=["replay"])],
                 constraints={"hosting": "managed", "cloud": "aws"})
    assert result.needs[0].picks[0].form.offer.service == "Cloud Broker"
    assert "preferred capabilities" not in {t.label for t in explanation(cand(result, "broker"))}


def test_an_offer_can_only_lack_what_the_product_has(mini):
    offer = {"service": "Cloud Broker", "provider": "aws", "clouds": ["aws"], "lacks": ["sql-interface"]}
    mini.add("broker", hosting={"self_hosted": True, "managed": [offer]})
    with pytest.raises(InputError) as exc:
        load_catalog(mini.root)
    assert "unknown capability of this entry 'sql-interface'" in str(exc.value.problems[0])


# ---- what a managed offer still needs beside it (graph.requirements with an offer) -----------------

def _connector_service(mini, still_needs: list[str]):
    log = {"service": "Cloud Log", "provider": "aws", "clouds": ["aws"]}
    mini.add("log", area="messaging", roles=["messaging"], data_models=["event"],
             operations={"complexity": 4, "managed_complexity": 2, "reason": "a cluster of brokers"},
             hosting={"self_hosted": True, "managed": [log]})
    offer = {"service": "Cloud Connect", "provider": "aws", "clouds": ["aws"], "requires": still_needs}
    mini.add("connect", area="integration", roles=["data-integration"], data_models=["event"],
             capabilities={"cdc": "native"}, relations={"requires": ["log"]},
             operations={"complexity": 2, "managed_complexity": 1, "reason": "workers running connectors"},
             hosting={"self_hosted": True, "managed": [offer]})


def test_a_managed_offer_that_writes_into_a_cluster_brings_that_cluster(mini, tmp_path):
    _connector_service(mini, ["log"])
    result = run(mini, tmp_path, [need(role="data-integration", access=["cdc"])],
                 constraints={"hosting": "managed", "cloud": "aws"})
    assert result.needs[0].picks[0].form.offer.service == "Cloud Connect"
    assert "brings log" in {t.label for t in explanation(cand(result, "connect"))}
    assert result.stack == ["connect", "log"]


def test_a_managed_offer_runs_what_the_product_requires_unless_it_says_otherwise(mini, tmp_path):
    _connector_service(mini, [])
    result = run(mini, tmp_path, [need(role="data-integration", access=["cdc"])],
                 constraints={"hosting": "managed", "cloud": "aws"})
    assert not [t for t in explanation(cand(result, "connect")) if t.key == "brings"]
    assert result.stack == ["connect"]


def test_a_light_offer_that_needs_a_heavy_cluster_loses_to_running_the_block_alone(mini, tmp_path):
    _connector_service(mini, ["log"])
    path = next(mini.root.glob("*/connect.yaml"))  # a connector that can also write elsewhere on its own
    path.write_text(path.read_text().replace("requires:\n  - log\n", "requires: []\n"))
    result = run(mini, tmp_path, [need(role="data-integration", access=["cdc"])], constraints={"cloud": "aws"})
    assert result.needs[0].picks[0].form.name == "self-hosted"
    assert result.stack == ["connect"]


def _sdk_with_runners(mini):
    cloud = {"service": "Example Cloud", "provider": "aws", "clouds": ["aws"]}
    mini.add("example-cloud", area="deployment", kind="platform", roles=["cloud"], data_models=[],
             hosting={"self_hosted": False, "managed": [cloud]}, scale={"volume": None})
    mini.add("runner", area="processing", roles=["batch-processing"], data_models=["tabular"],
             capabilities={"aggregation": "native"}, operations={"complexity": 4, "reason": "a cluster of workers"})
    mini.add("sdk", area="processing", kind="library", roles=["batch-processing"], data_models=["tabular"],
             capabilities={"aggregation": "native"}, relations={"requires": ["runner|example-cloud"]})


def test_a_requirement_the_team_s_cloud_meets_brings_nothing(mini, tmp_path):
    _sdk_with_runners(mini)
    on_cloud = run(mini, tmp_path, [need(role="batch-processing")], constraints={"cloud": "aws"})
    assert not [t for t in explanation(cand(on_cloud, "sdk")) if t.key == "brings"]
    anywhere = run(mini, tmp_path, [need(role="batch-processing")])
    assert "brings runner" in {t.label for t in explanation(cand(anywhere, "sdk"))}


# ---- terabytes kept for months imply compression (terms.implied_capabilities) ----------------------

def test_a_store_that_keeps_terabytes_for_a_year_wants_compression(mini, tmp_path):
    mini.add("packed", capabilities={"point-lookup": "native", "compression": "native"})
    mini.add("plain", adoption="widespread")
    kept = run(mini, tmp_path, [need(volume="5TB", retention="365d")])
    assert picks(kept)[0] == "packed"
    assert {t.label for t in explanation(cand(kept, "plain"))} >= {"storage usually means compression"}
    brief = run(mini, tmp_path, [need(volume="5TB", retention="7d")])
    assert picks(brief)[0] == "plain"


# ---- writes in several regions are an asked capability (terms.term_capabilities) --------------------

def test_writes_in_several_regions_through_a_companion_replicator_cost_as_an_extension(mini, tmp_path):
    mini.add("built-in", capabilities={"point-lookup": "native", "geo-replication": "native"})
    mini.add("mirrored", capabilities={"point-lookup": "native", "geo-replication": "extension"},
             capability_notes={"geo-replication": "a separate replicator copies data between clusters"})
    result = run(mini, tmp_path, [need(regions=3)])
    assert picks(result) == ["built-in", "mirrored"]
    assert {t.label: t.value for t in explanation(cand(result, "mirrored"))}[
        "required capabilities only partly served"] < 0
    assert "required capabilities only partly served" not in {t.label for t in explanation(cand(result, "built-in"))}


# ---- failover sold in a paid edition (filters._own_high_availability) ----------------------------

def _paid_failover(mini):
    mini.add("paid-ha", availability={"high_availability": "partial", "open_source": "none",
                                      "note": "clustering only in the commercial edition"}, adoption="widespread")
    mini.add("free-ha")


def test_failover_of_a_paid_edition_is_out_of_reach_under_an_open_source_rule(mini, tmp_path):
    _paid_failover(mini)
    result = run(mini, tmp_path, [need(availability="high")], constraints={"license": "open-source",
                                                                           "hosting": "self-hosted"})
    assert picks(result)[0] == "free-ha"
    assert lost(result, "paid-ha").startswith("automatic failover only in a commercial edition")


def test_without_a_licence_rule_the_paid_edition_counts(mini, tmp_path):
    _paid_failover(mini)
    result = run(mini, tmp_path, [need(availability="high")], constraints={"hosting": "self-hosted"})
    assert cand(result, "paid-ha").passes and "high availability is partial" in lost(result, "paid-ha")

# ---- forms: each candidate in its best-fitting form (_forms) --------------------------------------

def test_hosting_any_judges_a_block_in_its_lighter_managed_form(mini, tmp_path):
    mini.add("heavy", operations={"complexity": 4, "managed_complexity": 1, "reason": "made up for a test"},
             hosting={"self_hosted": True, "managed": [MANAGED]})
    mini.add("medium", operations={"complexity": 2, "reason": "made up for a test"})
    result = run(mini, tmp_path, [need()], context={"team_size": 2})
    assert picks(result)[0] == "heavy"
    pick = result.needs[0].picks[0]
    assert pick.form.name == "managed" and pick.form.offer.service == "Example Cloud DB"


def test_self_hosted_hosting_keeps_the_self_hosted_form(mini, tmp_path):
    mini.add("heavy", operations={"complexity": 4, "managed_complexity": 1, "reason": "made up for a test"},
             hosting={"self_hosted": True, "managed": [MANAGED]})
    result = run(mini, tmp_path, [need()], constraints={"hosting": "self-hosted"})
    assert result.needs[0].picks[0].form.name == "self-hosted"


def test_a_withdrawn_offer_is_no_offer(mini, tmp_path):
    mini.add("gone", hosting={"self_hosted": False, "managed": [{**MANAGED, "status": "withdrawn"}]})
    mini.add("sold", hosting={"self_hosted": False, "managed": [MANAGED]})
    result = run(mini, tmp_path, [need()], constraints={"hosting": "managed"})
    assert picks(result) == ["sold"] and lost(result, "gone") == "no managed offer"


def test_the_json_pick_says_its_form_and_offer(mini, tmp_path):
    mini.add("sold", hosting={"self_hosted": False, "managed": [MANAGED]})
    reqs = write_reqs(tmp_path / "r.yaml", [need()])
    out = CliRunner().invoke(cli, ["recommend", "--req", str(reqs), "--format", "json", "--catalog", str(mini.root)],
                             catch_exceptions=False).stdout
    pick = json.loads(out)["needs"][0]["picks"][0]
    assert pick["form"] == "managed" and pick["offer"] == {"service": "Example Cloud DB", "provider": "aws"}


# ---- languages: embedded libraries only in their host languages (hard_failures, term_embedding) ----

def test_context_languages_rule_out_a_library_of_another_runtime(mini, tmp_path):
    mini.add("javadb", runtime="jvm", hosting={"self_hosted": True, "embedded": True}, kind="library")
    mini.add("cdb", hosting={"self_hosted": True, "embedded": True}, kind="library", languages=["c", "python"])
    result = run(mini, tmp_path, [need(embedded=True)], context={"languages": ["python"]})
    assert picks(result) == ["cdb"]
    assert lost(result, "javadb").startswith("embeds only in")


def test_team_language_skills_keep_a_jvm_library_out_of_the_second_pick(mini, tmp_path):
    mini.add("javadb", runtime="jvm", hosting={"self_hosted": True, "embedded": True}, kind="library")
    mini.add("cdb", hosting={"self_hosted": True, "embedded": True}, kind="library")
    result = run(mini, tmp_path, [need(embedded=True)], context={"skills": ["python"]})
    assert picks(result) == ["cdb"]
    assert "embeds only in jvm programs" in lost(result, "javadb")


# ---- the server's language when a provider runs it (term_team: skills, vocabulary code_inside) ----

def test_a_managed_server_s_language_is_not_the_team_s_to_know(mini, tmp_path):
    mini.add("jqueue", area="messaging", roles=["messaging"], data_models=[], runtime="jvm", skills=["java"],
             hosting={"self_hosted": True, "managed": [MANAGED]})
    mini.add("cqueue", area="messaging", roles=["messaging"], data_models=[])
    result = run(mini, tmp_path, [need(role="messaging")], context={"skills": ["python"]},
                 constraints={"hosting": "managed"})
    assert "team lacks" not in " ".join(t.label for t in cand(result, "jqueue").terms)
    self_run = run(mini, tmp_path, [need(role="messaging")], context={"skills": ["python"]},
                   constraints={"hosting": "self-hosted"})
    assert "team lacks java" in [t.label for t in cand(self_run, "jqueue").terms]


def test_a_self_run_native_binary_s_language_is_not_the_team_s_to_know(mini, tmp_path):
    """Run by the team, a Go server is Linux work: knowing Go earns nothing, lacking it costs nothing."""
    mini.add("goqueue", area="messaging", roles=["messaging"], data_models=[], runtime="go", skills=["go", "linux"])
    mini.add("jqueue", area="messaging", roles=["messaging"], data_models=[], runtime="jvm", skills=["java"])
    lacking = run(mini, tmp_path, [need(role="messaging")], context={"skills": ["python"]},
                  constraints={"hosting": "self-hosted"})
    assert [t.label for t in cand(lacking, "goqueue").terms if t.key == "skills"] == []
    assert [t.label for t in cand(lacking, "jqueue").terms if t.key == "skills"] == ["team lacks java"]
    knowing = run(mini, tmp_path, [need(role="messaging")], context={"skills": ["go"]},
                  constraints={"hosting": "self-hosted"})
    assert [t.label for t in cand(knowing, "goqueue").terms if t.key == "skills"] == []


def test_a_managed_engine_that_runs_the_team_s_jobs_still_needs_their_language(mini, tmp_path):
    mini.add("jengine", area="processing", roles=["batch-processing"], data_models=[], runtime="jvm",
             skills=["java"], hosting={"self_hosted": True, "managed": [MANAGED]})
    result = run(mini, tmp_path, [need(role="batch-processing")], context={"skills": ["python"]},
                 constraints={"hosting": "managed"})
    assert "team lacks java" in [t.label for t in cand(result, "jengine").terms]


def test_a_library_is_usable_from_any_of_its_host_languages(mini, tmp_path):
    mini.add("pylib", kind="library", hosting={"self_hosted": True, "embedded": True}, skills=["python"],
             languages=["python", "javascript"])
    mini.add("pyonly", kind="library", hosting={"self_hosted": True, "embedded": True}, skills=["python"],
             languages=["python"])
    result = run(mini, tmp_path, [need()], context={"skills": ["javascript"]})
    assert [t.label for t in cand(result, "pylib").terms if t.key == "skills"] == []
    assert [t.label for t in cand(result, "pyonly").terms if t.key == "skills"] == ["team lacks python"]


# ---- an offer its provider is retiring (usable_forms, term_operations: offer status) -------------

RETIRING = {**MANAGED, "provider": "gcp", "clouds": ["gcp"], "status": "deprecated", "note": "no new instances"}


def test_a_deprecated_offer_weighs_as_a_deprecated_product(mini, tmp_path):
    mini.add("oldcache", adoption="widespread", hosting={"self_hosted": True, "managed": [RETIRING]})
    mini.add("newcache", hosting={"self_hosted": True, "managed": [{**RETIRING, "status": "ga"}]})
    result = run(mini, tmp_path, [need()], constraints={"hosting": "managed", "cloud": "gcp"})
    assert picks(result)[0] == "newcache"
    assert ("status", -0.2) in [(t.key, t.value) for t in cand(result, "oldcache").terms]


def test_a_deprecated_offer_is_the_last_form_chosen(mini, tmp_path):
    mini.add("oldcache", operations={"complexity": 3, "managed_complexity": 1, "reason": "a cluster to run"},
             hosting={"self_hosted": True, "managed": [RETIRING]})
    result = run(mini, tmp_path, [need()])
    chosen = cand(result, "oldcache")
    assert chosen.form.name == "self-hosted"
    assert "status" not in [t.key for t in chosen.terms]


# ---- an add-on to a cloud's own service (usable_forms, _constraint_failures: add_on) ----------------

ADD_ON = {**MANAGED, "service": "Example Kubernetes Add-on", "add_on": True, "complexity": 1}


def test_an_add_on_is_a_form_only_on_a_cloud_the_team_is_on(mini, tmp_path):
    mini.add("deployer", hosting={"self_hosted": True, "managed": [ADD_ON]})
    anywhere = run(mini, tmp_path, [need()])
    assert cand(anywhere, "deployer").form.name == "self-hosted"
    on_aws = run(mini, tmp_path, [need()], constraints={"cloud": "aws"})
    assert cand(on_aws, "deployer").form.offer.service == "Example Kubernetes Add-on"


def test_an_add_on_alone_does_not_meet_managed_hosting_off_its_cloud(mini, tmp_path):
    mini.add("deployer", hosting={"self_hosted": True, "managed": [ADD_ON]})
    result = run(mini, tmp_path, [need()], constraints={"hosting": "managed"})
    assert picks(result) == [] and lost(result, "deployer") == "no managed offer"


# ---- how long a block can keep data (hard_failures: scale.retention_max) ---------------------------

def test_a_need_kept_longer_than_a_documented_retention_limit_rules_the_block_out(mini, tmp_path):
    mini.add("queue", area="messaging", roles=["messaging"], data_models=[], capabilities={"replay": "partial"},
             scale={"throughput": {"sweet": ["1/s", "10k/s"], "max": "100k/s"}, "retention_max": "14d",
                    "basis": "retention limit from the docs"})
    short = run(mini, tmp_path, [need(role="messaging", retention="7d")])
    long = run(mini, tmp_path, [need(role="messaging", retention="30d")])
    assert picks(short) == ["queue"]
    assert picks(long) == [] and lost(long, "queue") == "keeps data for at most 2w, not 30d"


# ---- ceilings: judgement bends, documented breaks (_size, _past_ceiling) -----------------------

def _judged(mini):
    mini.add("judged", scale={"throughput": {"sweet": ["10/s", "100k/s"], "max": "1M/s", "ceiling": "judgement"}})


def test_a_judgement_ceiling_bends_without_a_cliff(mini, tmp_path):
    _judged(mini)
    below = cand(run(mini, tmp_path, [need(throughput="900k/s")]), "judged").score
    above = cand(run(mini, tmp_path, [need(throughput="1.2M/s")]), "judged").score
    assert above is not None and below - above < 0.06  # a little more traffic costs a little more


def test_a_judgement_ceiling_breaks_past_ten_times(mini, tmp_path):
    _judged(mini)
    result = run(mini, tmp_path, [need(throughput="20M/s")])
    assert lost(result, "judged") == "20M/s is more than ten times the largest deployment we know of (1M/s)"


def test_a_documented_ceiling_breaks_at_once(mini, tmp_path):
    mini.add("limited")  # the mini catalog's ceilings are documented
    result = run(mini, tmp_path, [need(throughput="1.2M/s")])
    assert lost(result, "limited") == "1.2M/s is beyond its documented limit of 1M/s"


def test_concurrency_bends_then_breaks_past_ten_times(mini, tmp_path):
    mini.add("small", scale={"concurrency_max": 100})
    assert cand(run(mini, tmp_path, [need(concurrency=300)]), "small").score is not None
    assert lost(run(mini, tmp_path, [need(concurrency=2000)]), "small") == \
        "2,000 concurrent clients are more than ten times the 100 it serves well"


# ---- latency per kind of operation (_operation, _best_latency) ----------------------------------

def test_point_reads_use_the_point_read_latency(mini, tmp_path):
    mini.add("olap", capabilities={"point-lookup": "native", "aggregation": "native"},
             scale={"latency_p99": "200ms", "latency": {"point-read": "2ms"}})
    fast = run(mini, tmp_path, [need(access=["point-lookup"], latency="10ms")])
    slow = run(mini, tmp_path, [need(access=["aggregation"], latency="10ms")])
    assert picks(fast) == ["olap"]
    assert picks(slow) == [] and "best of 200ms" in lost(slow, "olap")


# ---- what the team runs, when it has ended (term_team: ENDED) -------------------------------------

def test_an_archived_block_the_team_runs_earns_no_credit_for_building_on_it(mini, tmp_path):
    mini.add("objstore", status={"state": "archived", "since": 2026, "note": "the repository is read-only"})
    mini.add("vecdb", relations={"integrates_with": ["objstore"], "requires": ["objstore"]})
    result = run(mini, tmp_path, [need()], context={"existing": ["objstore"]})
    keys = [t.key for t in cand(result, "vecdb").terms]
    assert "integration" not in keys and "builds-on" not in keys


def test_an_active_block_the_team_runs_is_a_base_to_build_on(mini, tmp_path):
    mini.add("objstore")
    mini.add("vecdb", relations={"integrates_with": ["objstore"], "requires": ["objstore"]})
    result = run(mini, tmp_path, [need()], context={"existing": ["objstore"]})
    keys = [t.key for t in cand(result, "vecdb").terms]
    assert "integration" in keys and "builds-on" in keys


# ---- ties and near ties (evaluate: _side_job; _choose: NEAR_TIE) ---------------------------------

def _tied(mini):
    """A broker built for the job and a store that queues on the side, at the same score; the store has the
    larger ecosystem, which alone used to settle the tie."""
    mini.add("broker", area="messaging", roles=["messaging"], data_models=[], capabilities={"work-queue": "native"},
             operations={"complexity": 3, "reason": "a cluster to run"})
    mini.add("partner")
    mini.add("jobtable", roles=["storage", "messaging"], main_role="storage", data_models=["relational"],
             capabilities={"work-queue": "native"}, relations={"integrates_with": ["partner"]})
    mini.add("oldbroker", area="messaging", roles=["messaging"], data_models=[], capabilities={"work-queue": "native"},
             operations={"complexity": 5, "reason": "very hard to run"}, relations={"alternative_to": ["broker"]})


def test_a_tie_goes_to_the_block_built_for_the_role(mini, tmp_path):
    _tied(mini)
    result = run(mini, tmp_path, [need(role="messaging", access=["work-queue"])])
    assert cand(result, "broker").score == cand(result, "jobtable").score
    assert picks(result)[0] == "broker"


def test_a_block_as_good_as_the_pick_is_shown_first_among_the_rejected(mini, tmp_path):
    _tied(mini)
    mini.add("jobtable2", roles=["storage", "messaging"], main_role="storage", data_models=["relational"],
             capabilities={"work-queue": "native"}, relations={"integrates_with": ["partner"]})
    result = run(mini, tmp_path, [need(role="messaging", access=["work-queue"])])
    res = result.needs[0]
    assert [c.id for c in res.picks] == ["broker", "jobtable"]
    assert [c.id for c in res.considered][:2] == ["jobtable2", "oldbroker"]


# ---- the stack as a whole (_consolidate) ---------------------------------------------------------

def _two_needs(mini):
    mini.add("broker", area="messaging", roles=["messaging"], data_models=["event"],
             capabilities={"work-queue": "native"}, adoption="widespread")
    mini.add("kv", roles=["storage", "messaging"], main_role="storage", data_models=["key-value"],
             capabilities={"point-lookup": "native", "work-queue": "native"})


def test_a_small_team_gets_one_block_for_two_needs(mini, tmp_path):
    _two_needs(mini)
    result = run(mini, tmp_path, [need(id="jobs", role="messaging", access=["work-queue"]), need(id="sessions")],
                 context={"team_size": 2})
    assert picks(result, 0)[0] == "kv" and picks(result, 1)[0] == "kv"
    assert result.stack == ["kv"]
    assert lost(result, "broker", 0) == "Kv already serves sessions: one component fewer to run"


def test_a_large_team_keeps_the_best_block_for_each_need(mini, tmp_path):
    _two_needs(mini)
    result = run(mini, tmp_path, [need(id="jobs", role="messaging", access=["work-queue"]), need(id="sessions")],
                 context={"team_size": 50})
    assert picks(result, 0)[0] == "broker"


def _three_specialists_and_a_suite(mini):
    for name, cap in (("cache", "ttl"), ("bus", "pub-sub"), ("index", "full-text")):
        mini.add(name, capabilities={"point-lookup": "native", cap: "native"}, adoption="widespread")
    mini.add("suite", capabilities={"point-lookup": "native", "ttl": "native", "pub-sub": "native",
                                    "full-text": "native"}, adoption="niche")


THREE_NEEDS = [need(id="sessions", access=["ttl"]), need(id="events", access=["pub-sub"]),
               need(id="search", access=["full-text"])]


def test_a_small_team_gets_one_suite_that_no_need_picked_for_several_needs(mini, tmp_path):
    _three_specialists_and_a_suite(mini)
    result = run(mini, tmp_path, THREE_NEEDS, context={"team_size": 2})
    assert result.stack == ["suite"]
    assert "Suite already serves events, search: one component fewer to run" in lost(result, "cache", 0)


def test_a_large_team_keeps_a_specialist_for_each_need(mini, tmp_path):
    _three_specialists_and_a_suite(mini)
    result = run(mini, tmp_path, THREE_NEEDS, context={"team_size": 60})
    assert result.stack == ["cache", "bus", "index"]


def test_a_dependency_another_need_picks_counts_half(mini, tmp_path):
    mini.add("engine", area="processing", roles=["query-engine", "batch-processing"], main_role="query-engine",
             data_models=["tabular"], capabilities={"aggregation": "native"},
             operations={"complexity": 4, "reason": "made up for a test"})
    mini.add("framework", area="processing", kind="tool", roles=["batch-processing"], data_models=["tabular"],
             capabilities={"aggregation": "native"}, relations={"requires": ["engine"]})
    alone = run(mini, tmp_path, [need(id="t", role="batch-processing")])
    with_engine = run(mini, tmp_path, [need(id="t", role="batch-processing"), need(id="q", role="query-engine")])
    assert cand(with_engine, "framework").score > cand(alone, "framework").score
    assert any("which another need already brings" in r for r in cand(with_engine, "framework").reasons)


def test_the_stack_says_which_block_runs_on_which(mini, tmp_path):
    mini.add("engine", area="processing", roles=["query-engine"], data_models=["tabular"])
    mini.add("framework", area="processing", kind="tool", roles=["batch-processing"], data_models=["tabular"],
             relations={"requires": ["other|engine"]})
    mini.add("other", area="processing", roles=["query-engine"], data_models=["tabular"], adoption="niche")
    result = run(mini, tmp_path, [need(id="t", role="batch-processing"), need(id="q", role="query-engine")])
    assert "framework runs on engine" in result.stack_notes



# ---- a layer over what the team runs for the same job (term_team: builds-on) ---------------------

def test_a_layer_over_the_store_the_team_runs_beats_a_replacement(mini, tmp_path):
    mini.add("ourdb", adoption="widespread")
    mini.add("layer", relations={"requires": ["ourdb"]}, operations={"complexity": 3, "reason": "made up for a test"})
    mini.add("newdb", operations={"complexity": 3, "reason": "made up for a test"},
             relations={"integrates_with": ["ourdb"]})
    result = run(mini, tmp_path, [need()], context={"existing": ["ourdb"]}, constraints={"exclude": ["ourdb"]})
    assert picks(result)[0] == "layer"
    assert "builds on Ourdb, which the team runs: its data and skills stay" in cand(result, "layer").reasons


def test_a_dependency_for_another_job_is_no_layer(mini, tmp_path):
    mini.add("queue", area="messaging", roles=["messaging"], data_models=["event"])
    mini.add("layer", relations={"requires": ["queue"]})
    result = run(mini, tmp_path, [need()], context={"existing": ["queue"]})
    assert not any(t.key == "builds-on" for t in cand(result, "layer").terms)

# ---- what the team runs: credit for keeping it, not for lighter chores (term_team, term_operations) ----

def test_a_block_the_team_runs_still_costs_its_upkeep(mini, tmp_path):
    # running it already saves the move (the `existing` credit); its upgrades and chores go on at full weight
    mini.add("heavy", operations={"complexity": 3, "reason": "made up for a test"})
    mini.add("light", operations={"complexity": 1, "reason": "made up for a test"})
    result = run(mini, tmp_path, [need()], context={"existing": ["heavy"], "team_size": 2})
    assert picks(result)[0] == "light"
    assert [t.value for t in cand(result, "heavy").terms if t.key == "complexity"] == [-0.2]


PREFERRED = ["low-cost", "long-retention", "object-storage-backend"]


def test_no_credit_for_keeping_a_block_that_lacks_most_of_what_the_need_prefers(mini, tmp_path):
    mini.add("current", capabilities={"point-lookup": "native", "long-retention": "partial"})
    mini.add("wanted", capabilities={"point-lookup": "native", **{c: "native" for c in PREFERRED}})
    result = run(mini, tmp_path, [need(prefer=PREFERRED)], context={"existing": ["current"]})
    current = cand(result, "current")
    assert picks(result)[0] == "wanted" and not any(t.key == "existing" for t in current.terms)
    assert any("falls short of what the need asks or prefers" in t for t in current.tradeoffs)


def test_a_block_the_team_runs_keeps_its_credit_when_it_serves_most_of_what_is_preferred(mini, tmp_path):
    mini.add("current", capabilities={"point-lookup": "native", "low-cost": "native", "long-retention": "native"})
    mini.add("wanted", capabilities={"point-lookup": "native", **{c: "native" for c in PREFERRED}})
    result = run(mini, tmp_path, [need(prefer=PREFERRED)], context={"existing": ["current"]})
    assert picks(result)[0] == "current"


def test_no_credit_for_keeping_a_block_that_serves_a_required_capability_only_in_part(mini, tmp_path):
    mini.add("current", capabilities={"point-lookup": "native", "aggregation": "partial"}, adoption="widespread")
    mini.add("wanted", capabilities={"point-lookup": "native", "aggregation": "native"})
    result = run(mini, tmp_path, [need(access=["aggregation"])], context={"existing": ["current"]})
    assert picks(result)[0] == "wanted"
    assert not any(t.key == "existing" for t in cand(result, "current").terms)


def test_no_credit_for_keeping_a_block_whose_failover_is_partial_when_high_availability_is_asked(mini, tmp_path):
    mini.add("current", availability={"high_availability": "partial", "note": "a restart from checkpoints"})
    mini.add("wanted")
    result = run(mini, tmp_path, [need(availability="high")], context={"existing": ["current"]})
    assert picks(result)[0] == "wanted"
    assert not any(t.key == "existing" for t in cand(result, "current").terms)


def test_a_compatible_managed_offer_of_the_product_the_team_runs_earns_no_credit(mini, tmp_path):
    # the provider's own engine behind the product's API: moving there is a migration like any other
    mini.add("ourdb", hosting={"self_hosted": True, "managed": [{**MANAGED, "compatible": True}]})
    mini.add("otherdb", hosting={"self_hosted": False, "managed": [MANAGED]}, adoption="widespread")
    result = run(mini, tmp_path, [need()], context={"existing": ["ourdb"]},
                 constraints={"hosting": "managed", "cloud": "aws"})
    assert picks(result)[0] == "otherdb"
    assert any("the provider's own engine behind its API" in t for t in cand(result, "ourdb").tradeoffs)


def test_the_product_s_own_managed_offer_keeps_the_credit(mini, tmp_path):
    mini.add("ourdb", hosting={"self_hosted": True, "managed": [MANAGED]})
    mini.add("otherdb", hosting={"self_hosted": False, "managed": [MANAGED]}, adoption="widespread")
    result = run(mini, tmp_path, [need()], context={"existing": ["ourdb"]},
                 constraints={"hosting": "managed", "cloud": "aws"})
    assert picks(result)[0] == "ourdb"


def test_a_block_the_team_is_leaving_is_not_recommended_and_earns_nothing(mini, tmp_path):
    mini.add("olddb", adoption="widespread")
    mini.add("layer", relations={"integrates_with": ["olddb"]})
    mini.add("newdb")
    result = run(mini, tmp_path, [need()], context={"existing": ["olddb"], "leaving": ["olddb"]})
    assert "olddb" not in picks(result) and lost(result, "olddb") == "the team is moving away from it (context.leaving)"
    assert not any(t.key == "integration" for t in cand(result, "layer").terms)
    assert not result.warnings


def test_an_unknown_block_to_leave_is_an_error_with_the_closest_id(tmp_path):
    reqs = write_reqs(tmp_path / "r.yaml", [need()], context={"leaving": ["postgresq"]})
    out = CliRunner().invoke(cli, ["recommend", "--req", str(reqs)])
    assert out.exit_code == 2 and "unknown technology 'postgresq'" in out.stderr and "postgresql" in out.stderr


def _buffers(mini):
    queue = {"area": "messaging", "roles": ["messaging"], "data_models": ["event"],
             "capabilities": {"work-queue": "native"}}
    mini.add("ramq", scale={"in_memory": True}, **queue)
    mini.add("logq", **queue)


def test_a_persistent_backlog_that_outgrows_ram_costs_a_block_held_in_memory(mini, tmp_path):
    # 33k/s for an hour of stalled consumers is about 120GB of 1KB messages: more than a node keeps in RAM
    _buffers(mini)
    result = run(mini, tmp_path, [need(role="messaging", access=["work-queue"], throughput="33k/s", persistence=True)],
                 context={"existing": ["ramq"]})
    ramq = cand(result, "ramq")
    assert picks(result)[0] == "logq"
    assert [t.key for t in ramq.terms if t.key in ("backlog", "existing")] == ["backlog"]
    assert any("outgrows a node's 50GB" in t for t in ramq.tradeoffs)


def test_a_small_persistent_queue_fits_in_memory(mini, tmp_path):
    _buffers(mini)
    result = run(mini, tmp_path, [need(role="messaging", access=["work-queue"], throughput="200/s", persistence=True)],
                 context={"existing": ["ramq"]})
    assert picks(result)[0] == "ramq"


def test_one_person_alone_feels_operational_weight_most(mini, tmp_path):
    # four preferred capabilities and wide adoption (+0.23) outweigh complexity 3 for two people (-0.2),
    # not for one person alone (-0.25)
    caps = ["low-cost", "long-retention", "object-storage-backend", "compression"]
    mini.add("rich", operations={"complexity": 3, "reason": "made up for a test"}, adoption="widespread",
             capabilities={"point-lookup": "native", **{c: "native" for c in caps}})
    mini.add("plain", operations={"complexity": 1, "reason": "made up for a test"})
    two = run(mini, tmp_path, [need(prefer=caps)], context={"team_size": 2})
    one = run(mini, tmp_path, [need(prefer=caps)], context={"team_size": 1})
    assert picks(two)[0] == "rich" and picks(one)[0] == "plain"


# ---- what every pick says (term_licence) ---------------------------------------------------------

def test_a_proprietary_single_cloud_pick_says_so(mini, tmp_path):
    mini.add("cloudonly", license={"spdx": "LicenseRef-Proprietary"}, hosting={"self_hosted": False,
             "managed": [MANAGED]}, scaling="serverless")
    trade = " | ".join(run(mini, tmp_path, [need()], constraints={"cloud": "aws"}).needs[0].picks[0].tradeoffs)
    assert "proprietary" in trade and "runs only on aws" in trade and "billed by use" in trade


# ---- existing, skills and warnings (recommend, _warnings) ----------------------------------------

def test_an_unknown_existing_block_is_a_warning(mini, tmp_path):
    mini.add("store")
    result = run(mini, tmp_path, [need()], context={"existing": ["our-own-queue"], "skills": ["pyhton"]})
    assert picks(result) == ["store"]
    assert any(w.startswith("our-own-queue (already run) is not in the catalog") for w in result.warnings)
    assert any("skill 'pyhton' is not in the vocabulary; did you mean python?" in w for w in result.warnings)


def test_a_ruled_out_candidate_has_no_score(mini, tmp_path):
    mini.add("store")
    mini.add("docs", data_models=["document"])
    result = run(mini, tmp_path, [need(data_model="document")])
    assert cand(result, "store").score is None and cand(result, "docs").score is not None


def test_explain_adds_up(mini, tmp_path):
    mini.add("store", adoption="niche", capabilities={"point-lookup": "partial"})
    pick = run(mini, tmp_path, [need(access=["point-lookup"])]).needs[0].picks[0]
    rows = explanation(pick)
    assert rows[0].value == BASE and rows[-1].value == pick.score
    assert abs(sum(r.value for r in rows[:-1]) - pick.score) <= 0.005 + 1e-9  # the total is rounded to two places


def test_a_total_on_the_half_rounds_up_the_same_everywhere():
    from techpick.terms import Term, score

    # 0.75 - 0.07 + 0.125 is 0.805 in decimals, 0.8049999... in floats
    assert score([Term("a", "a", -0.07), Term("b", "b", 0.125)]) == 0.81


# ---- dated status (hard_failures, term_maturity) -------------------------------------------------

def _eol(date: str) -> dict[str, Any]:
    return {"events": [{"date": date, "kind": "end-of-life", "note": "made up for a test",
                        "source": "https://example.org/eol"}]}


def test_an_end_of_life_in_the_past_rules_out(mini, tmp_path):
    mini.add("old", **_eol("2026-03-02"))
    mini.add("new")
    result = run(mini, tmp_path, [need()])
    assert picks(result) == ["new"] and lost(result, "old") == "end of life since 2026-03-02, not for new work"


def test_the_end_of_life_of_a_component_does_not_rule_out_the_product(mini, tmp_path):
    eol = _eol("2026-03-02")
    eol["events"][0]["component"] = "its old agent"
    mini.add("product", **eol)
    assert picks(run(mini, tmp_path, [need()])) == ["product"]


def test_an_announced_end_of_life_is_a_tradeoff(mini, tmp_path):
    mini.add("ageing", **_eol("2027-06"))
    pick = run(mini, tmp_path, [need()]).needs[0].picks[0]
    assert "end of life announced for 2027-06" in pick.tradeoffs


# ---- contract 1.1 fields (term_retention, term_size) ---------------------------------------------

def test_retention_prefers_a_replayable_log(mini, tmp_path):
    mini.add("queue", area="messaging", roles=["messaging"], data_models=["event"], capabilities={"pub-sub": "native"},
             adoption="widespread")
    mini.add("log", area="messaging", roles=["messaging"], data_models=["event"],
             capabilities={"pub-sub": "native", "replay": "native"})
    assert picks(run(mini, tmp_path, [need(role="messaging")]))[0] == "queue"
    assert picks(run(mini, tmp_path, [need(role="messaging", retention="30d")]))[0] == "log"


def test_query_rate_counts_against_the_throughput_range(mini, tmp_path):
    mini.add("store")
    result = run(mini, tmp_path, [need(throughput="100/s", query_rate="2M/s")])
    assert lost(result, "store") == "2M/s is beyond its documented limit of 1M/s"


# ---- second picks and what is considered (_choose) -----------------------------------------------

def test_a_standard_is_not_offered_as_the_alternative_to_a_back_end(mini, tmp_path):
    mini.add("backend", area="deployment", roles=["tracing"], data_models=[], adoption="widespread")
    mini.add("sdk", area="deployment", kind="standard", roles=["tracing"], data_models=[], scale={"volume": None})
    result = run(mini, tmp_path, [need(role="tracing")])
    assert len(result.needs[0].picks) == 1
    assert "sdk" in {c.id for c in result.needs[0].considered}


def test_a_format_that_queries_only_through_an_engine_is_not_the_engine_s_alternative(mini, tmp_path):
    sql = {"ad-hoc-sql": "native", "aggregation": "native"}
    mini.add("engine", capabilities=sql)
    mini.add("tableformat", kind="format", capabilities={c: "extension" for c in sql})
    result = run(mini, tmp_path, [need(access=list(sql))])
    assert picks(result) == ["engine"]
    assert "tableformat" in {c.id for c in result.needs[0].considered}


def test_formats_are_each_other_s_alternatives(mini, tmp_path):
    sql = {"ad-hoc-sql": "extension"}
    mini.add("format-a", kind="format", capabilities=sql, adoption="widespread")
    mini.add("format-b", kind="format", capabilities=sql)
    result = run(mini, tmp_path, [need(access=list(sql))])
    assert picks(result) == ["format-a", "format-b"]


def test_a_collector_is_not_offered_as_the_alternative_to_a_back_end(mini, tmp_path):
    """The collector scores as well as the back end (it is widespread, the back end is not), yet it keeps no data."""
    mini.add("backend", area="deployment", roles=["tracing"], data_models=[])
    mini.add("shipper", area="deployment", roles=["tracing"], data_models=[], scale={"volume": None},
             adoption="widespread", operations={"complexity": 1, "reason": "one small agent to run"})
    result = run(mini, tmp_path, [need(role="tracing", retention="14d")])
    assert cand(result, "shipper").score >= cand(result, "backend").score - 0.2
    assert picks(result) == ["backend"]
    assert "shipper" in {c.id for c in result.needs[0].considered}


def test_the_best_block_of_another_kind_is_considered(mini, tmp_path):
    for i in range(6):
        mini.add(f"server{i}", adoption="widespread" if i < 5 else "common")
    mini.add("tableformat", kind="format", adoption="niche")
    result = run(mini, tmp_path, [need()])
    assert "tableformat" in {c.id for c in result.needs[0].considered}


# ---- main purpose (term_main_purpose) ------------------------------------------------------------

def test_the_stated_main_role_decides_what_is_a_side_role(mini, tmp_path):
    mini.add("mainly-broker", area="messaging", roles=["storage", "messaging"], main_role="messaging")
    mini.add("store")
    result = run(mini, tmp_path, [need()])
    assert picks(result)[0] == "store"
    assert "storage is not its main role" in lost(result, "mainly-broker")


def test_an_engine_has_no_main_data_model_to_miss(mini, tmp_path):
    mini.add("engine", area="processing", roles=["query-engine"], data_models=["tabular", "columnar"])
    score = cand(run(mini, tmp_path, [need(role="query-engine", data_model="columnar")]), "engine").score
    assert score == cand(run(mini, tmp_path, [need(role="query-engine", data_model="tabular")]), "engine").score


def test_asking_full_text_without_a_data_model_is_asking_for_a_search_index(mini, tmp_path):
    text = {"full-text": "native", "vector-search": "native"}
    mini.add("graphdb", data_models=["graph", "search-index"], capabilities=text, adoption="widespread")
    mini.add("searcher", data_models=["search-index", "document"], capabilities=text)
    result = run(mini, tmp_path, [need(access=["full-text"])])
    assert picks(result)[0] == "searcher"
    assert "search-index is not its main data model" in lost(result, "graphdb")


def test_a_need_asking_for_two_kinds_of_search_implies_no_single_model(mini, tmp_path):
    text = {"full-text": "native", "vector-search": "native"}
    mini.add("graphdb", data_models=["graph", "search-index"], capabilities=text, adoption="widespread")
    mini.add("searcher", data_models=["search-index", "document"], capabilities=text)
    result = run(mini, tmp_path, [need(access=["full-text", "vector-search"])])
    assert picks(result)[0] == "graphdb"
    assert not [t for c in ("graphdb", "searcher") for t in cand(result, c).terms if t.key == "data-model"]


# ---- what a role implies (term_implied, vocabulary implies) -------------------------------------

def test_a_delivery_only_tool_is_not_the_answer_to_a_ci_cd_need(mini, tmp_path):
    mini.add("deliverer", area="deployment", roles=["ci-cd"], data_models=[], adoption="widespread",
             capabilities={"continuous-delivery": "native", "gitops": "native"})
    mini.add("pipelines", area="deployment", roles=["ci-cd"], data_models=[],
             capabilities={"continuous-integration": "native", "continuous-delivery": "native"})
    result = run(mini, tmp_path, [need(role="ci-cd")])
    assert picks(result)[0] == "pipelines"
    assert "ci-cd usually means continuous-integration" in lost(result, "deliverer")


# ---- observability needs want their data kept (term_keeps, vocabulary keeps_data) -----------------

def _observability(mini):
    mini.add("shipper", area="deployment", roles=["tracing"], main_role="tracing", data_models=[],
             adoption="widespread", capabilities={"forwarding": "native"}, scale={"volume": None, "throughput": None})
    mini.add("backend", area="deployment", roles=["tracing"], main_role="tracing", data_models=["event"],
             capabilities={"web-ui": "native"}, scale={"throughput": None})
    mini.add("sdk", area="deployment", kind="standard", roles=["tracing"], main_role="tracing", data_models=[],
             hosting={"self_hosted": True, "embedded": True}, capabilities={"instrumentation": "native"},
             scale={"volume": None, "throughput": None})


def test_a_collector_is_not_the_answer_to_a_tracing_need(mini, tmp_path):
    _observability(mini)
    result = run(mini, tmp_path, [need(role="tracing")])
    assert "keeps no tracing data of its own" in lost(result, "shipper")
    assert "keeps no tracing data of its own" not in lost(result, "sdk")


def test_a_need_that_asks_to_forward_wants_the_collector(mini, tmp_path):
    _observability(mini)
    result = run(mini, tmp_path, [need(role="tracing", features=["forwarding"])])
    assert picks(result)[0] == "shipper"
    assert not [t for t in cand(result, "shipper").terms if t.key == "keeps-nothing"]


def test_a_need_that_states_what_a_back_end_carries_is_not_answered_by_an_sdk(mini, tmp_path):
    _observability(mini)
    result = run(mini, tmp_path, [need(role="tracing", availability="high")])
    assert picks(result)[0] == "backend"
    assert "keeps no tracing data of its own" in lost(result, "sdk")


# ---- the stated cloud's own services (term_cloud) -------------------------------------------------

def test_a_preview_offer_of_the_stated_cloud_earns_no_fit(mini, tmp_path):
    mini.add("ga", hosting={"self_hosted": True, "managed": [MANAGED]})
    mini.add("soon", hosting={"self_hosted": True, "managed": [{**MANAGED, "status": "preview"}]})
    result = run(mini, tmp_path, [need()], constraints={"cloud": "aws", "hosting": "managed"})
    assert "native service of aws" in [t.label for t in cand(result, "ga").terms]
    assert "native service of aws" not in [t.label for t in cand(result, "soon").terms]


# ---- check and recommend agree (check_stack) -----------------------------------------------------

def test_check_accepts_a_decision_that_ties_todays_pick(mini, tmp_path):
    mini.add("alpha")
    mini.add("beta")
    catalog = load_catalog(mini.root)
    reqs = load_requirements(write_reqs(tmp_path / "r.yaml", [need()]), catalog)
    g = build_graph(catalog)
    first = recommend(g, reqs).needs[0].picks
    assert first[0].score == first[1].score
    verdict = check_stack(catalog, g, reqs, {"n": first[1].id}).verdicts[0]
    assert verdict.fits and verdict.now is None


# ---- volume of a flow: data moved or processed a day, not data held (filters.hard_failures, FLOW_ROLES) --

def test_a_mover_that_states_no_volume_is_judged_by_its_throughput(mini, tmp_path):
    # a change-capture tool keeps nothing; 400TB on a data-integration need is data moved, not data it must hold
    mini.add("log-reader", area="integration", roles=["data-integration"], data_models=["event"],
             scale={"volume": None})
    mini.add("pipe", area="integration", roles=["data-integration"], data_models=["event"],
             scale={"volume": {"sweet": ["1GB", "10TB"], "max": "100TB", "ceiling": "judgement"}})
    result = run(mini, tmp_path, [need(role="data-integration", volume="400TB")])
    assert picks(result)[0] == "log-reader"
    assert "volume past the largest known deployments" in lost(result, "pipe")


def test_a_store_that_holds_no_data_still_cannot_meet_a_volume_held(mini, tmp_path):
    mini.add("sdk", area="deployment", roles=["tracing"], data_models=[], scale={"volume": None})
    result = run(mini, tmp_path, [need(role="tracing", volume="300GB")])
    assert picks(result) == [] and lost(result, "sdk") == "holds no data of its own"
