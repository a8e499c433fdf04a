"""The Recommend page's engine is techpick itself: under Pyodide, in Node.js
(no browser), it answers every public benchmark case and every example byte
for byte as the command line does, and refuses bad files with the CLI's words.

The engine runs from the files `techpick site build` ships (engine/ and
site/assets/engine.mjs), so the runtime fetch, the wheels, techpick's own
wheel and the browser catalog are all under test. The expected answers come
from running the CLI now, never from a stored copy: the engine may change,
the two must not drift apart. Pyodide runs Python 3.14 and the CLI whatever
Python it is installed under (3.11 and up), so this also catches arithmetic
that differs between Python versions (sum() of floats is compensated since
3.12; math.fsum gives the same answer everywhere).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import yaml

from techpick import load_catalog
from techpick.browser import Engine as BrowserEngine
from techpick.growth import FACTORS
from techpick.browser import catalog_bytes, load_catalog_bytes, safe_name
from techpick.runtime import Runtime, runtime
from techpick.sitebuild import Engine, engine_files, project_wheel
from techpick.snapshot import image_files, packages_zip, sparse
from tests.conftest import ROOT, SHARED
from tests.run_cli import run_main

pytestmark = pytest.mark.browser  # the Recommend page's engine: Pyodide, its runtime, Node

NODE = shutil.which("node") or "/usr/bin/node"
RUNNER = Path(__file__).with_name("engine_runner.mjs")
DATE = "2026-11-30"
SITE_URL = "https://techpick.example/site"

BAD_FILES = {
    "typo-role.yaml": "version: 1\nneeds:\n  - id: db\n    role: storag\n",
    "unknown-field.yaml": "version: 1\nneeds:\n  - id: db\n    role: storage\n    latncy: 5ms\n",
    "bad-quantity.yaml": "version: 1\nneeds:\n  - id: db\n    role: storage\n    volume: lots\n",
    "not-yaml.yaml": "version: 1\nneeds: [\n",
    "empty.yaml": "",
    "unknown-tech.yaml": "version: 1\ncontext:\n  existing: [postgress]\nneeds:\n  - id: db\n    role: storage\n",
}


def _public_files() -> dict[str, str]:
    """File name -> text: every public case's requirements, and every example as written.

    The cases are ../shared/bench/cases (TECHPICK_BENCH_CASES names another folder); without
    them the test skips on a developer's machine and fails in CI.
    """
    cases = Path(os.environ.get("TECHPICK_BENCH_CASES") or SHARED / "bench" / "cases")
    if not cases.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{cases} is missing in CI")
        pytest.skip(f"{cases} is not next to this checkout (set TECHPICK_BENCH_CASES)")
    files = {}
    for path in sorted(cases.glob("*.yaml")):
        reqs = yaml.safe_load(path.read_text(encoding="utf-8"))["reqs"]
        files[path.name] = yaml.safe_dump(reqs, sort_keys=False, allow_unicode=True)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        files[path.name] = path.read_text(encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The engine as a built site ships it: assets/engine.mjs and engine/ (runtime, wheels, catalog)."""
    site = tmp_path_factory.mktemp("site")
    (site / "assets").mkdir()
    shutil.copy(ROOT / "site" / "assets" / "engine.mjs", site / "assets" / "engine.mjs")
    for relative, data in engine_files(load_catalog(), Engine()).items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_bytes(data)
    return site


def run_in_node(site: Path, requests: list[dict[str, Any]], image: bool = True) -> list[dict[str, str]]:
    """The engine's answers; `image`: whether Python must have come from the build's start-up image."""
    assert Path(NODE).exists(), "node is not installed (bash scripts/test.sh installs Debian's nodejs)"
    done = subprocess.run([NODE, str(RUNNER), str(site)], input=json.dumps(requests), capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    ran = json.loads(done.stdout)
    assert ran["image"] is image, ran["steps"]
    return ran["answers"]


def cli(capsys, monkeypatch, *args: str):
    return run_main(capsys, monkeypatch, *args)


@pytest.mark.slow
def test_pyodide_answers_every_public_case_byte_for_byte_as_the_cli(shipped, tmp_path, capsys, monkeypatch):
    files = _public_files()
    assert len(files) >= 30
    monkeypatch.chdir(tmp_path)
    requests, expected = [], []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        for explain in (False, True):
            requests.append({"name": name, "text": text, "explain": explain, "date": DATE, "siteUrl": SITE_URL})
            ran = cli(capsys, monkeypatch, "recommend", "--req", name, "--format", "json",
                      *(["--explain"] if explain else []))
            assert ran.returncode == 0, ran.stderr
            expected.append({"json": ran.stdout})
    for name in ("analytics-platform.yaml", "oltp-web-app.yaml", "p16-lakehouse-stack.yaml"):
        i = requests.index({"name": name, "text": files[name], "explain": True, "date": DATE, "siteUrl": SITE_URL})
        expected[i]["text"] = cli(capsys, monkeypatch, "recommend", "--req", name, "--explain").stdout
        expected[i]["review"] = cli(capsys, monkeypatch, "review", "--req", name, "--date", DATE,
                                    "--site-url", SITE_URL).stdout

    answers = run_in_node(shipped, requests)

    different = []
    for request, want, got in zip(requests, expected, answers, strict=True):
        for key, value in want.items():
            if got.get(key) != value:
                different.append(f"{request['name']} (explain={request['explain']}) {key}:\n"
                                 f"  cli:  {value[:400]!r}\n  page: {str(got.get(key, got))[:400]!r}")
    assert not different, f"{len(different)} answers differ from the CLI; the first:\n" + "\n".join(different[:3])
    # the comparison covers what matters: picks, why-nots, stacks, warnings and score terms
    outputs = [json.loads(a["json"]) for a in answers]
    assert all(o["needs"] and o["catalog"]["technologies"] == len(load_catalog()) for o in outputs)
    assert any(o["warnings"] for o in outputs) and any(o["stack"]["notes"] for o in outputs)
    assert any("explain" in p for o in outputs for n in o["needs"] for p in n["picks"])


@pytest.mark.slow
def test_pyodide_refuses_a_bad_file_with_the_clis_words(shipped, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    expected = []
    for name, text in BAD_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        ran = cli(capsys, monkeypatch, "recommend", "--req", name)
        assert ran.returncode == 2 and ran.stdout == ""
        expected.append(ran.stderr)

    answers = run_in_node(shipped, [{"name": name, "text": text} for name, text in BAD_FILES.items()])

    assert [a.get("error") for a in answers] == expected
    assert expected[0].startswith("techpick: typo-role.yaml:4:") and "did you mean storage?" in expected[0]
    assert "not-yaml.yaml:3:1: YAML syntax error" in expected[3]


@pytest.mark.slow
def test_a_start_up_image_that_cannot_be_used_falls_back_to_starting_python(shipped, tmp_path, capsys, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(shipped, site)
    image = site / "engine" / "snapshot" / "python.img"
    data = bytearray(image.read_bytes())
    first = 8 + 8 * int.from_bytes(data[4:8], "little")  # the sparse form's first stretch: the image's header
    data[first + 16:first + 48] = bytes(32)  # the Pyodide build it was made with: no longer this one
    image.write_bytes(bytes(data))
    text = (ROOT / "examples" / "small-team-service.yaml").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.yaml").write_text(text, encoding="utf-8")
    expected = cli(capsys, monkeypatch, "recommend", "--req", "small.yaml", "--format", "json").stdout

    answers = run_in_node(site, [{"name": "small.yaml", "text": text}], image=False)

    assert answers[0]["json"] == expected


def test_the_start_up_image_ships_the_packages_and_the_compiled_modules_it_needs(shipped):
    manifest = json.loads((shipped / "engine" / "engine.json").read_text(encoding="utf-8"))
    image = manifest["snapshot"]
    assert [Path(lib["path"]).name for lib in image["dynlibs"]] == \
        [Path(lib["file"]).name for lib in image["dynlibs"]]
    assert any("pydantic_core" in lib["path"] for lib in image["dynlibs"])
    for lib in image["dynlibs"]:
        assert (shipped / "engine" / lib["file"]).read_bytes()[:4] == b"\0asm"
    names = zipfile.ZipFile(shipped / "engine" / image["packages"]).namelist()
    assert "techpick/browser.py" in names and "networkx/__init__.py" in names and "yaml/__init__.py" in names
    assert not [n for n in names if n.startswith("pydantic_core/")], "compiled packages are in the image"


@pytest.mark.slow
def test_the_start_up_image_is_the_same_bytes_every_time_it_is_made(tmp_path):
    found = runtime()
    (tmp_path / "pyodide").symlink_to(found.root / "pyodide")
    fresh = Runtime(tmp_path, found.pyodide, found.wheels)  # the same runtime, an empty image cache
    name, wheel = project_wheel()
    wheels = {**{n: (found.root / "wheels" / n).read_bytes() for n in found.wheels}, name: wheel}
    raw = catalog_bytes(load_catalog())

    first = image_files(fresh, wheels, raw)[0]
    shutil.rmtree(tmp_path / "snapshots")
    second = image_files(fresh, wheels, raw)[0]

    assert first == second
    assert first["snapshot/python.img"][8:12] == bytes(4), "the first stretch kept starts at offset 0"


def test_the_shipped_image_leaves_out_long_runs_of_zeros():
    image = b"head" + bytes(4096) + b"middle" + bytes(100) + b"tail" + bytes(600)
    packed = sparse(image)
    assert struct.unpack("<6I", packed[:24]) == (len(image), 2, 0, 4, 4100, 6 + 100 + 4)
    assert packed[24:] == b"head" + b"middle" + bytes(100) + b"tail"


def test_the_packages_zip_is_the_same_for_the_same_wheels():
    wheels = {name: data for name, data in (project_wheel(),)}
    assert packages_zip(wheels) == packages_zip(dict(wheels))
    assert zipfile.ZipFile(BytesIO(packages_zip(wheels))).getinfo("techpick/browser.py").date_time == \
        (1980, 1, 1, 0, 0, 0)


def test_the_browser_catalog_is_stable_json_that_reads_back_the_same_catalog():
    catalog = load_catalog()
    raw = catalog_bytes(catalog)
    assert raw == catalog_bytes(load_catalog())
    again = load_catalog_bytes(raw)
    assert again.digest == catalog.digest and again.technologies == catalog.technologies
    assert again.vocabulary == catalog.vocabulary
    assert not raw.startswith(b"\x80"), "not a pickle"


def test_the_browser_engine_in_python_answers_like_the_cli(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "examples" / "small-team-service.yaml").read_text(encoding="utf-8")
    (tmp_path / "small.yaml").write_text(text, encoding="utf-8")
    expected = cli(capsys, monkeypatch, "recommend", "--req", "small.yaml", "--explain").stdout
    monkeypatch.chdir(tmp_path.joinpath("page").mkdir() or tmp_path / "page")  # the engine's own folder
    answer = BrowserEngine(catalog_bytes(load_catalog())).run("uploads/small.yaml", text, explain=True)
    assert answer["text"] == expected and expected.startswith("bookings (storage)")
    engine = BrowserEngine(catalog_bytes(load_catalog()))
    first = engine.answer("small.yaml", text, explain=True)  # what the page shows first; the review follows
    assert first == {"json": answer["json"], "text": expected}
    assert engine.review("small.yaml", text) == {"review": engine.run("small.yaml", text)["review"]}
    assert not list((tmp_path / "page").iterdir()), "the engine leaves no file behind"
    assert safe_name("../../etc/passwd") == "passwd" and safe_name("  ") == "reqs.yaml"


def test_the_review_comes_in_pieces_so_a_newer_file_waits_for_one_engine_run_at_most(tmp_path, capsys,
                                                                                  monkeypatch):
    """The page's worker takes one piece per task and answers a newer file between two pieces."""
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "examples" / "small-team-service.yaml").read_text(encoding="utf-8")
    (tmp_path / "small.yaml").write_text(text, encoding="utf-8")
    expected = cli(capsys, monkeypatch, "review", "--req", "small.yaml", "--date", DATE).stdout
    engine = BrowserEngine(catalog_bytes(load_catalog()))
    pieces = list(engine.review_steps("small.yaml", text, DATE))
    assert pieces[:-1] == [None] * (1 + len(FACTORS))  # one piece per engine run: 1x, 10x, 100x
    assert pieces[-1] == {"review": expected}
    steps = engine.review_steps("small.yaml", text, DATE)
    next(steps)
    assert engine.answer("small.yaml", "version: 1\n")["error"].startswith("techpick: small.yaml")  # in between
    assert list(steps)[-1] == {"review": expected}  # the review goes on unharmed
    refused = list(engine.review_steps("bad.yaml", "needs: [\n"))
    assert len(refused) == 1 and refused[0]["error"].startswith("techpick: bad.yaml")


def test_techpicks_own_wheel_is_pure_and_the_same_for_the_same_code():
    name, wheel = project_wheel()
    assert name.startswith("techpick-") and name.endswith("-py3-none-any.whl")
    assert project_wheel()[1] == wheel
    names = zipfile.ZipFile(BytesIO(wheel)).namelist()
    assert "techpick/browser.py" in names and "techpick/renderers/json_out.py" in names
    assert not [n for n in names if n.startswith("techpick/data/") or n.endswith(".pyc")]
