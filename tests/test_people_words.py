"""Errors in people's words: every mistake a person makes in a requirements file
is answered with the place, what is accepted and the word that was meant."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from techpick import InputError, load_catalog, load_requirements
from techpick.cli import cli

NEED = "  - id: db\n    role: storage\n"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def refused(catalog, tmp_path, text: str) -> str:
    path = tmp_path / "reqs.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as exc:
        load_requirements(path, catalog)
    return str(exc.value).replace(f"{path}:", "")


@pytest.mark.parametrize(("text", "expected"), [
    # units: the spelling that was meant, binary units explained, a bare number has no unit
    ("version: 1\nneeds:\n" + NEED + "    latency: 10 msec\n",
     "5:5: needs.0.latency: unknown unit 'msec'; did you mean 10ms? expected a number and a unit (us, ms, s, min, h, "
     "d), e.g. 500us, 5ms, 2s, 15min"),
    ("version: 1\nneeds:\n" + NEED + "    volume: 5 gigabytes\n", "unknown unit 'gigabytes'; did you mean 5GB?"),
    ("version: 1\nneeds:\n" + NEED + "    throughput: 2000 rps\n", "unknown unit 'rps'; did you mean 2000/s?"),
    ("version: 1\nneeds:\n" + NEED + "    throughput: 2k req/s\n", "unknown unit 'req/s'; did you mean 2k/s?"),
    ("version: 1\nneeds:\n" + NEED + "    volume: 5GiB\n",
     "'5GiB': GiB is a binary unit (1,073,741,824 bytes) and the contract's units are decimal "
     "(1GB = 1,000,000,000 bytes): write 5.37GB"),
    ("version: 1\nneeds:\n" + NEED + "    latency: 10\n", "needs.0.latency: '10' has no unit: the unit is missing (e.g. 10ms)"),
    ("version: 1\nneeds:\n" + NEED + "    throughput: 500\n", "'500' has no unit: the unit is missing (e.g. 500/s)"),
    ("version: 1\nneeds:\n" + NEED + "    retention: 6 months\n", "months differ in length: write days or weeks, e.g. 180d"),
    # words: synonyms people type, and the complete list of what is accepted
    ("version: 1\nneeds:\n  - id: q\n    role: queue\n", "4:5: needs.0.role: unknown role 'queue'; did you mean messaging? "
     "accepted: batch-processing, ci-cd, cloud, configuration-management"),
    ("version: 1\nneeds:\n  - id: q\n    role: database\n", "unknown role 'database'; did you mean storage?"),
    ("version: 1\nneeds:\n  - id: q\n    role: message queue\n", "unknown role 'message queue'; did you mean messaging?"),
    ("version: 1\nconstraints:\n  hosting: on-prem\nneeds:\n" + NEED,
     "3:3: constraints.hosting: 'on-prem' is not accepted; did you mean self-hosted? expected any, self-hosted or managed"),
    ("version: 1\nconstraints:\n  license: OSS\nneeds:\n" + NEED, "'OSS' is not accepted; did you mean open-source?"),
    ("version: 1\nconstraints:\n  cloud: amazon\nneeds:\n" + NEED, "unknown cloud 'amazon'; did you mean aws?"),
    ("version: 1\nneeds:\n" + NEED + "    data_model: nosql\n", "unknown data model 'nosql'; did you mean document?"),
    ("version: 1\nneeds:\n" + NEED + "    access: [acid]\n", "unknown capability 'acid'; did you mean transactions?"),
    # no library text: numbers, yes/no, lists
    ("version: 1\ncontext:\n  team_size: many\nneeds:\n" + NEED,
     "3:3: context.team_size: 'many' is not a whole number; write a number such as 4"),
    ("version: 1\ncontext:\n  team_size: 0\nneeds:\n" + NEED, "context.team_size: 0 is out of range: must be at least 1"),
    ("version: 1\nneeds:\n" + NEED + "    availability: yes\n",
     "needs.0.availability: true is not accepted (YAML reads yes, no, on and off as true or false); "
     "expected standard or high"),
    ("version: 1\nneeds:\n" + NEED + "    embedded: maybe\n", "'maybe' is neither true nor false; write true or false"),
    ("version: 1\ncontext:\n  team_size: \"4\"\nneeds:\n" + NEED,
     "context.team_size: '4' is text in quotes; write the number without quotes: 4"),
    ("version: 1\nneeds:\n" + NEED + "    embedded: \"true\"\n",
     "needs.0.embedded: 'true' is text in quotes; write true or false without quotes"),
    ("version: 1\nneeds:\n" + NEED + "    access: transactions\n",
     "needs.0.access: expected a list such as [transactions], not text"),
    ("version: 1\nneeds:\n  - id: My DB\n    role: storage\n",
     "'My DB' is not a valid id: use lowercase letters, digits and '-' only, e.g. my-db"),
    ("version: 1\nneeds: []\n", "needs: needs at least 1 item (a need)"),
    # a repeated need id is reported where it is repeated
    ("version: 1\nneeds:\n" + NEED + NEED,
     "5:5: needs.1.id: need id 'db' appears twice; need ids must be unique (first at line 3)"),
])
def test_each_mistake_is_answered_with_the_word_that_was_meant(catalog, tmp_path, text, expected):
    assert expected in refused(catalog, tmp_path, text)


def test_no_pydantic_sentence_reaches_a_person(catalog, tmp_path):
    message = refused(catalog, tmp_path, "version: 1\nname: [a]\ncontext:\n  team_size: many\n  skills: python\n"
                                         "needs:\n  - id: db\n    role: storage\n    regions: lots\n"
                                         "    embedded: maybe\n    availability: yes\n    constraints: none\n")
    for library_words in ("Input should", "valid integer", "valid boolean", "is not accepted; expected 'standard'",
                          "True is not accepted", "[type=", "pydantic"):
        assert library_words not in message
    assert message.startswith("7 problems found:")


def test_every_problem_is_reported_at_once_even_words_beside_shape_errors(catalog, tmp_path):
    roles = ", ".join(sorted(catalog.vocabulary.roles))
    message = refused(catalog, tmp_path, "version: 1\ncontext:\n  team_size: many\nneeds:\n"
                                         "  - id: a\n    role: queue\n    latency: 10 msec\n"
                                         "  - id: a\n    role: storag\n")
    assert message.splitlines() == [
        "5 problems found:",
        "3:3: context.team_size: 'many' is not a whole number; write a number such as 4",
        f"6:5: needs.0.role: unknown role 'queue'; did you mean messaging? accepted: {roles}",
        "7:5: needs.0.latency: unknown unit 'msec'; did you mean 10ms? expected a number and a unit (us, ms, s, min, "
        "h, d), e.g. 500us, 5ms, 2s, 15min",
        "8:5: needs.1.id: need id 'a' appears twice; need ids must be unique (first at line 5)",
        f"9:5: needs.1.role: unknown role 'storag'; did you mean storage? accepted: {roles}",
    ]


def test_technology_names_are_matched_whatever_the_case(catalog, tmp_path):
    path = tmp_path / "reqs.yaml"
    path.write_text("version: 1\ncontext:\n  existing: [Kafka, PostgreSQL]\nconstraints:\n  exclude: [RabbitMQ]\n"
                    "needs:\n  - id: q\n    role: messaging\n")
    reqs = load_requirements(path, catalog)
    assert reqs.context.existing == ["kafka", "postgresql"]
    assert reqs.constraints.exclude == ["rabbitmq"]


def test_show_and_compare_take_any_case():
    runner = CliRunner()
    shown = runner.invoke(cli, ["show", "Postgres"], catch_exceptions=False)
    assert shown.exit_code == 0 and shown.stdout.startswith("PostgreSQL [postgresql]")
    compared = runner.invoke(cli, ["compare", "KAFKA", "RabbitMQ"], catch_exceptions=False)
    assert compared.exit_code == 0 and compared.stdout.startswith("Apache Kafka [kafka] vs RabbitMQ [rabbitmq]")


def test_a_real_process_gets_the_suggestion_on_stderr_and_exit_2(tmp_path):
    bad = tmp_path / "reqs.yaml"
    bad.write_text("version: 1\nconstraints:\n  hosting: on-prem\nneeds:\n  - id: q\n    role: queue\n")
    proc = subprocess.run([sys.executable, "-m", "techpick", "recommend", "--req", str(bad)],
                          capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.splitlines()[:3] == [
        "techpick: 2 problems found:",
        f"{bad}:3:3: constraints.hosting: 'on-prem' is not accepted; did you mean self-hosted? "
        "expected any, self-hosted or managed",
        f"{bad}:6:5: needs.0.role: unknown role 'queue'; did you mean messaging? accepted: " + ", ".join(
            sorted(load_catalog().vocabulary.roles)),
    ]
    assert "Traceback" not in proc.stderr


def test_every_synonym_in_the_vocabulary_points_at_a_word_it_defines(catalog):
    for kind, table in catalog.vocabulary.synonyms.items():
        known = catalog.words_of(kind)
        for said, word in table.items():
            assert word in known and said not in known, (kind, said, word)


def test_a_synonym_for_an_unknown_word_is_a_catalog_error(mini):
    vocabulary = mini.root / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text().replace("    queue: messaging\n", "    queue: mesaging\n"))
    mini.add("alpha")
    with pytest.raises(InputError, match=r"synonyms.role.queue: unknown role 'mesaging'; did you mean messaging\?"):
        load_catalog(mini.root)


def test_a_radar_names_technologies_in_any_case(tmp_path):
    radar = tmp_path / "radar.yaml"
    radar.write_text("version: 1\nentries:\n  - {id: Kafka, ring: adopt, reason: we run it}\n")
    result = CliRunner().invoke(cli, ["radar", "--radar", str(radar), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0 and '"kafka"' in result.stdout


def test_list_takes_a_role_in_any_case_and_names_the_role_a_synonym_means():
    runner = CliRunner()
    listed = runner.invoke(cli, ["list", "--role", "Messaging"], catch_exceptions=False)
    assert listed.exit_code == 0 and "kafka" in listed.stdout
    refused = runner.invoke(cli, ["list", "--role", "queue"])
    assert refused.exit_code == 2
    assert refused.stderr.startswith("techpick: --role: unknown role 'queue'; did you mean messaging? accepted: ")


def test_the_closest_id_among_thousands_is_the_one_difflib_finds():
    """`closest` skips, over long lists, the ids too different to pass difflib's first bound: the same
    answers, including the cases where a skipped-looking id wins or nothing is close."""
    import difflib
    import random

    from techpick.suggest import closest

    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz-0123456789.^]\\["
    ids = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(1, 12))) for _ in range(3000)}
                 | {f"tech-{i:05d}" for i in range(3000)} | {"PostgreSQL"})
    words = ["tech-0123", "kafka", "a", "^]\\", "postgresql", "", "zzzzzzzzzzzzzzzzzz", *rng.sample(ids, 20)]
    for word in words:
        plain = difflib.get_close_matches(word, ids, n=1, cutoff=0.6)
        lowered = {i.lower(): i for i in ids}
        expected = plain[0] if plain else next(iter(
            lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)), None)
        assert closest(word, ids) == expected, word
    assert closest("postgresql", ids) == "PostgreSQL"
