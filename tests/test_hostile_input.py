"""Hostile requirements files (issue 15): each is refused with exit 2 and a short message, never an internal error.

The cases run through the real entry point in this process (`run_main`), so a
crash shows up as exit 3 "internal error" exactly as a user would see it.
"""

from __future__ import annotations

import os
import stat
import time

import pytest

from tests.run_cli import run_main

NEED = "  - id: db\n    role: storage\n    data_model: relational\n"
GOOD = "version: 1\nneeds:\n" + NEED


def refuse(capsys, monkeypatch, path) -> str:
    """Run `techpick recommend --req path`: exit 2, nothing on stdout, a short message on stderr."""
    ran = run_main(capsys, monkeypatch, "recommend", "--req", str(path))
    assert (ran.returncode, ran.stdout) == (2, ""), ran.stderr
    assert "Traceback" not in ran.stderr and "internal error" not in ran.stderr
    return ran.stderr


@pytest.mark.parametrize(("text", "expected"), [
    # explicit core tags on values they do not fit
    (GOOD + "    embedded: !!bool maybe\n", "6:15: 'maybe' is not true or false, as its tag !!bool says"),
    ("version: !!int one\nneeds:\n" + NEED, "1:10: 'one' is not an integer, as its tag !!int says"),
    ("version: 1\nname: !!timestamp soon\nneeds:\n" + NEED, "2:7: 'soon' is not a date, as its tag !!timestamp says"),
    (GOOD + "    consistency: !!bool eventual\n", "'eventual' is not true or false"),
    (GOOD + "    latency: !!float fast\n", "'fast' is not a number"),
    (GOOD + "    notes: !!null text\n", "'text' is not null"),
    # tags that are not plain values at all
    (GOOD + "    access: !!set {a: null}\n", "the tag !!set is not allowed"),
    (GOOD + "    notes: !!binary aGVsbG8=\n", "the tag !!binary is not allowed"),
    (GOOD + "    notes: !custom x\n", "the tag !custom is not allowed"),
    ("version: 1\nneeds:\n  - !!omap [{id: db}]\n", "the tag !!omap is not allowed"),
    # a merge key, with or without a tag
    ("version: 1\nbase: &b {role: storage}\nneeds:\n  - <<: *b\n    id: db\n", "merge keys (<<) are not supported"),
    ("version: 1\nneeds:\n  - <<: !!timestamp soon\n    id: db\n", "merge keys (<<) are not supported"),
    # numbers: huge, hexadecimal, infinite
    ("version: 1\ncontext:\n  team_size: " + "9" * 5000 + "\nneeds:\n" + NEED,
     "3:14: the number 99999999999999999999999999999999999999999999999999999999999\u2026 is 5000 characters long"),
    ("version: 1\ncontext:\n  team_size: 0x" + "f" * 5000 + "\nneeds:\n" + NEED, "is 5002 characters long"),
    ("version: 1\ncontext:\n  team_size: 0xffffffffffffffffffff\nneeds:\n" + NEED,
     "the number 0xffffffffffffffffffff is too large; numbers here have at most 18 digits"),
    (GOOD + "    regions: .inf\n", "'.inf' is not a finite number"),
    (GOOD + "    concurrency: 1.0e+400\n", "is not a finite number"),
    # strict types: YAML's yes is not a number, a quoted "yes" is not true
    (GOOD + "    regions: true\n", "needs.0.regions: true is not a whole number"),
    (GOOD + "    embedded: \"yes\"\n", "needs.0.embedded: 'yes' is text in quotes; write true or false without quotes"),
    (GOOD + "    concurrency: 2.5\n", "needs.0.concurrency: 2.5 is not a whole number"),
    ("version: 1\ncontext:\n  team_size: \"4\"\nneeds:\n" + NEED, "context.team_size: '4' is text in quotes; write the number without quotes: 4"),
    # a raw scalar where a mapping is expected
    ("version: 1\ncontext: 2024-02-30\nneeds:\n" + NEED, "context: expected a mapping of fields, not text"),
    (GOOD + "    constraints: managed\n", "needs.0.constraints: expected a mapping of fields, not text"),
    ("version: 1\nneeds:\n  - db\n", "needs.0: expected a mapping of fields, not text"),
])
def test_hostile_values_are_refused_with_their_line(capsys, monkeypatch, tmp_path, text, expected):
    path = tmp_path / "reqs.yaml"
    path.write_text(text, encoding="utf-8")
    message = refuse(capsys, monkeypatch, path)
    assert expected in message
    assert len(message) < 2_000


def test_a_date_like_name_is_just_text(capsys, monkeypatch, tmp_path):
    path = tmp_path / "reqs.yaml"
    path.write_text("version: 1\nname: 2024-02-30\nneeds:\n" + NEED, encoding="utf-8")
    ran = run_main(capsys, monkeypatch, "recommend", "--req", str(path), "--format", "json")
    assert ran.returncode == 0, ran.stderr


@pytest.mark.parametrize(("make", "expected"), [
    (lambda tmp: "/dev/zero", "/dev/zero: is a device, expected a YAML file"),
    (lambda tmp: "/dev/urandom", "/dev/urandom: is a device, expected a YAML file"),
    (lambda tmp: (os.mkfifo(tmp / "fifo"), tmp / "fifo")[1], "fifo: is a FIFO (named pipe), expected a YAML file"),
    (lambda tmp: tmp, "is a directory, expected a YAML file"),
    (lambda tmp: tmp / "missing.yaml", "missing.yaml: file not found"),
])
def test_only_regular_files_are_read(capsys, monkeypatch, tmp_path, make, expected):
    started = time.monotonic()
    message = refuse(capsys, monkeypatch, make(tmp_path))
    assert expected in message
    assert time.monotonic() - started < 5  # a FIFO nobody writes to would block forever if it were opened


def test_a_huge_file_is_refused_from_its_size_without_reading_it(capsys, monkeypatch, tmp_path):
    path = tmp_path / "sparse.yaml"
    with open(path, "wb") as handle:
        handle.truncate(3_000_000_000)  # sparse: 3 GB on paper, nothing on disk
    assert stat.S_ISREG(os.stat(path).st_mode)
    message = refuse(capsys, monkeypatch, path)
    assert "is larger than 500 KB (3,000,000,000 bytes); refusing to read it" in message


def test_a_review_record_that_is_a_device_is_refused(capsys, monkeypatch, tmp_path):
    path = tmp_path / "reqs.yaml"
    path.write_text(GOOD, encoding="utf-8")
    ran = run_main(capsys, monkeypatch, "check", "--req", str(path), "--record", "/dev/zero")
    assert ran.returncode == 2
    assert "/dev/zero: is a device, expected a review (Markdown) file" in ran.stderr


def test_too_many_needs_are_refused_before_any_is_checked(capsys, monkeypatch, tmp_path):
    path = tmp_path / "reqs.yaml"
    path.write_text("version: 1\nneeds:\n" + "".join(f"  - id: n{i}\n    role: storage\n" for i in range(501)))
    message = refuse(capsys, monkeypatch, path)
    assert message == (f"techpick: {path}:2:1: needs: has 501 needs; at most 500 are accepted; "
                       "split the file by system\n")


def test_a_list_longer_than_anyone_writes_is_refused(capsys, monkeypatch, tmp_path):
    path = tmp_path / "reqs.yaml"
    path.write_text(GOOD + "    access: [" + ", ".join(f"w{i}" for i in range(20_000)) + "]\n")
    message = refuse(capsys, monkeypatch, path)
    assert message == f"techpick: {path}:6:5: needs.0.access: has 20,000 items; at most 200 are accepted\n"


def test_many_problems_are_listed_up_to_twenty_then_counted(capsys, monkeypatch, tmp_path):
    path = tmp_path / "reqs.yaml"
    path.write_text(GOOD + "    access: [" + ", ".join(f"unknown-{i}" for i in range(150)) + "]\n")
    message = refuse(capsys, monkeypatch, path)
    lines = message.splitlines()
    assert lines[0] == "techpick: 150 problems found:"
    assert len(lines) == 22 and lines[-1] == "... and 130 more"
    assert "unknown capability 'unknown-0'; " in lines[1]  # the first ones carry the closest word


def test_problems_are_listed_in_the_order_of_the_file_whatever_order_they_are_found_in(capsys, monkeypatch,
                                                                                        tmp_path):
    path = tmp_path / "reqs.yaml"
    path.write_text("version: 1\nneeds:\n  - id: db\n    role: storag\n    access: [zz, yy]\n"
                    "context:\n  languages: [klingon]\nconstraints:\n  cloud: mars\n")
    lines = refuse(capsys, monkeypatch, path).splitlines()
    assert lines[0] == "techpick: 5 problems found:"
    assert [int(line.split(":")[1]) for line in lines[1:]] == [4, 5, 5, 7, 9]  # found: 9, 7, then 4 and 5


def test_a_long_unknown_word_is_cut_with_an_ellipsis(capsys, monkeypatch, tmp_path):
    path = tmp_path / "reqs.yaml"
    path.write_text(GOOD + "    access: [" + "x" * 5000 + "]\n")
    message = refuse(capsys, monkeypatch, path)
    assert f"unknown capability '{'x' * 59}\u2026'" in message
    assert "x" * 61 not in message


def test_closest_words_are_worked_out_for_the_first_hundred_problems_only(tmp_path):
    """Each hint is a fuzzy search; past the first hundred (a message shows twenty) their cost is not paid."""
    from techpick.loader import check_requirements_file, load_catalog

    path = tmp_path / "reqs.yaml"
    path.write_text("version: 1\nneeds:\n" + "".join(
        f"  - id: n{i}\n    role: storage\n" + "".join(f"    key{j}: 1\n" for j in range(20)) for i in range(10)))
    errors = check_requirements_file(path, load_catalog()).errors
    assert len(errors) == 200
    assert sum("did you mean" in p.message or "accepted:" in p.message for p in errors) == 100
    assert errors[-1].message == "unknown field 'key19'"


def test_a_message_stays_on_one_line_whatever_the_file_held(capsys, monkeypatch, tmp_path):
    path = tmp_path / "reqs.yaml"
    path.write_text(GOOD + '    notes: 42\n    access: ["line\\u2028separator", "bell\\a", "new\\nline"]\n'
                    '    latency: "5 \\u2028ms"\n    "key\\vwith a vertical tab": 1\n', encoding="utf-8")
    message = refuse(capsys, monkeypatch, path)
    assert len(message.splitlines()) == 6  # the count, then one line for each of 5 problems
    assert not any(c in message for c in "\u2028\a\x0b")
