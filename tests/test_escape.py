"""Catalog and requirements text reaches every output format as text (techpick.escape).

Markdown is checked the way readers see it: converted by Python-Markdown with
the site's extensions, hostile text must come out as one paragraph of text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown as python_markdown
import pytest

from techpick import load_catalog
from techpick.escape import markdown, markdown_with_code, mermaid_label, url, xml_text
from techpick.exporters import export
from tests.run_cli import run_main

HOSTILE_LINES = [
    "!!! danger \"Pwned\"", "??? note \"Hidden\"", "---", "===", "# Heading", "> quote", "- item", "+ item",
    "1. item", "3) item", "[live](javascript:alert(1))", "![img](https://x/y.png)", "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>", "**bold** _em_ `code`", "a | b | c", "{: .admonition }", "&amp; &#60;",
    "<https://autolink.example>", "~~~", "```", "    indented code", "|---|---|", "\\[x\\](y)",
]
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences"]


def as_html(text: str) -> str:
    return python_markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", HOSTILE_LINES)
def test_markdown_text_is_one_paragraph_of_text(text):
    html = as_html(markdown(text))
    assert html.startswith("<p>") and html.endswith("</p>") and html.count("<") == 2, html


@pytest.mark.parametrize("text", HOSTILE_LINES)
def test_a_table_keeps_its_columns_whatever_the_cells_hold(text):
    table = "| a | b |\n| --- | --- |\n" + f"| {markdown(text)} | {markdown(text)} |\n"
    html = as_html(table)
    assert html.count("<td>") == 2, html
    assert "<a " not in html and "<script" not in html and "<img" not in html


def test_code_spans_stay_code_and_the_rest_is_text():
    html = as_html(markdown_with_code("stated in `reqs|x.yaml` by <b>[x](y)</b>"))
    assert html == "<p>stated in <code>reqs|x.yaml</code> by &lt;b&gt;[x](y)&lt;/b&gt;</p>"


def test_only_http_addresses_become_link_targets():
    assert url("javascript:alert(1)") == "#"
    assert url("https://example.org/a b)(") == "https://example.org/a%20b%29%28"


def test_mermaid_labels_are_quoted_and_carry_no_markup():
    label = mermaid_label('Evil "quoted" <b>#1</b> `md`')
    assert label == '"Evil #quot;quoted#quot; #lt;b#gt;#35;1#lt;/b#gt; #96;md#96;"'


def test_xml_text_leaves_out_what_xml_cannot_carry():
    assert xml_text("a\x00b\x07c\x08d\x1be\x0bf\x01g\ufffeh\tj\nk") == "abcdefgh\tj\nk"


def test_graphml_of_names_with_control_characters_parses(mini):
    names = ["NUL \x00", "bell \x07", "backspace \x08", "escape \x1b", "vertical tab \x0b", "U+0001 \x01",
             "U+FFFE \ufffe"]
    for i, name in enumerate(names):
        mini.add(f"t{i}", name=name, description="Control characters in a name. " * 2)
    root = ET.fromstring(export(load_catalog(mini.root), "graphml").encode("utf-8"))
    shown = {data.text for data in root.iter("{http://graphml.graphdrawing.org/xmlns}data")}
    assert "NUL " in shown and "U+FFFE " in shown


def test_the_validator_refuses_control_characters_and_markup(mini, capsys, monkeypatch):
    mini.add("evil", name="Evil\x07 DB", description="A store. <b>Bold</b> claims and [a link](https://x.example).",
             use_when=["!!! danger \"boxes\""], homepage="https://example.org/?a=<b>")
    mini.add("good")
    ran = run_main(capsys, monkeypatch, "validate", "--catalog", str(mini.root))
    assert ran.returncode == 2
    assert "evil.yaml:2:1: name: holds the control character U+0007; catalog text is plain text" in ran.stderr
    assert "description: holds markup ('<b'); catalog text is plain text: write it without HTML or Markdown" \
        in ran.stderr
    assert "use_when.0: holds markup ('!!!')" in ran.stderr
    assert "homepage" not in ran.stderr  # addresses are not text
    assert len(ran.stderr.splitlines()) == 4


def test_the_shipped_catalog_is_plain_text():
    from techpick.loader import check_plain_text

    assert check_plain_text() == []
