"""One escaping function per output format, so catalog and requirements text is
shown as text and never read as markup: Markdown (tables, links, raw HTML,
admonitions, lists, rules), HTML attributes, Mermaid labels, XML 1.0 and
spreadsheet cells.

Cypher has no function here on purpose: user text reaches the database only
as query parameters (techpick.cypher).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MD_INLINE = re.compile(r"([\\`*_{}\[\]|])")
_MD_BLOCK_START = re.compile(r"^(\d+)([.)])|^([#+!-])|^([?=:~])")
_ENTITY = {"?": "&#63;", "=": "&#61;", ":": "&#58;", "~": "&#126;"}  # not backslash-escapable everywhere
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def one_line(value: object) -> str:
    """Text on one line: runs of white space become one space, control characters go."""
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def markdown(value: object) -> str:
    """Text for anywhere in a Markdown line: a table cell, a list item, a heading, a link's words.

    HTML is escaped, inline markup (emphasis, code, links, images, pipes, attribute
    lists) is backslash-escaped, and a leading character that would start a block
    (`# `, `> `, `- `, `1. `, `---`, `!!! danger`, `???`, `:::`) is escaped too.
    """
    return _MD_BLOCK_START.sub(_block_start, _inline(one_line(value)))


def _block_start(m: re.Match[str]) -> str:
    if m[1]:
        return f"{m[1]}\\{m[2]}"
    return "\\" + m[3] if m[3] else _ENTITY[m[4]]


def markdown_with_code(value: object) -> str:
    """Like `markdown`, but `code spans` stay code spans (a sentence that names a file or a command)."""
    parts = re.split(r"(`[^`]*`)", one_line(value))
    joined = "".join(f"`{markdown_code(part[1:-1])}`" if i % 2 else _inline(part) for i, part in enumerate(parts))
    return _MD_BLOCK_START.sub(_block_start, joined)


def _inline(text: str) -> str:
    return _MD_INLINE.sub(r"\\\1", html.escape(text, quote=False))


def markdown_code(value: object) -> str:
    """Text inside a Markdown code span: backticks cannot end it, so they become quotes."""
    return one_line(value).replace("`", "'") or " "


def url(value: object) -> str:
    """An http(s) address for a Markdown link target: characters that end the target are percent-encoded;
    any other scheme (javascript:, data:) becomes '#'."""
    text = one_line(value)
    if not re.match(r"^https?://", text, re.IGNORECASE):
        return "#"
    return "".join(c if c.isascii() and c.isprintable() and c not in ' ()<>"\\`' else quote(c, safe="") for c in text)


def html_attr(value: object) -> str:
    """Text for an HTML attribute value or a raw HTML context."""
    return html.escape(one_line(value), quote=True)


def mermaid_label(value: object) -> str:
    """A quoted Mermaid node or edge label whose characters all show as written.

    Inside quotes Mermaid reads `#name;` and `#35;` as character codes, so the
    characters that could end the label, start markup or an entity are
    written as codes.
    """
    flat = one_line(value)
    for old, new in (("#", "#35;"), ('"', "#quot;"), ("`", "#96;"), ("<", "#lt;"), (">", "#gt;"), ("&", "#amp;")):
        flat = flat.replace(old, new)
    return f'"{flat}"'


def xml_text(value: object) -> str:
    """Text that XML 1.0 can carry: the characters it forbids (NUL, most controls, U+FFFE) are left out."""
    return _XML_INVALID.sub("", str(value))


_FORMULA_START = ("=", "+", "-", "@")


def spreadsheet_cell(value: object) -> str:
    """Text for a CSV cell a spreadsheet will open: on one line, and a leading `=`, `+`, `-` or `@`
    (which a spreadsheet would run as a formula) is kept as text behind an apostrophe."""
    text = one_line(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
