"""HTML bodies as plain text, keeping only link targets whose scheme is vetted."""

from __future__ import annotations

import re
from typing import Any

from followup.parsing import rx

_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_MD_ESCAPE_RE = rx.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def html_to_text(html: str, max_chars: int, warnings: list[str]) -> str:
    """HTML as plain text with link targets kept: `[text](https://...)`.

    html2text drops script and style content; links whose scheme is not http(s),
    mailto or tel (javascript:, data:, vbscript:...) lose their target, and images are
    not referenced, so no URL we did not vet survives into the text.
    """
    import html2text  # lazy: it costs ~30 ms to import and most notes are plain text

    if len(html) > max_chars:
        warnings.append(f"HTML body longer than {max_chars} characters; truncated")
        html = html[:max_chars]

    def vet(conv: Any, tag: str, attrs: dict[str, str | None], start: bool) -> bool | None:
        if start and "href" in attrs:
            href = (attrs.get("href") or "").strip()
            scheme = re.sub(r"[\x00-\x20]", "", href).lower()
            if not scheme.startswith(_SAFE_SCHEMES):
                attrs.pop("href", None)
        return None

    html = _layout_tables(html)
    conv = html2text.HTML2Text()
    conv.body_width = 0
    conv.ignore_images = True
    conv.ignore_emphasis = True
    conv.unicode_snob = True  # keep "Jiménez" and typographic quotes as written
    conv.tag_callback = vet  # type: ignore[assignment]  # typed as None upstream
    try:
        text = conv.handle(html)
    except Exception as exc:
        warnings.append(f"HTML could not be converted ({type(exc).__name__}); tags stripped")
        text = re.sub(r"<[^>]*>", " ", html)
    text = _MD_ESCAPE_RE.sub(r"\1", text)
    return _tables_as_lines(text) if "---" in text else text


# The tags that decide whether a table holds data or lays a signature out
_LAYOUT_TAG = rx.compile(r"<(/?)(table|tr|td|th|p|div|br)\b[^>]*>", re.IGNORECASE)
_CELL_TAGS = ("table", "tr", "td", "th")


def _layout_tables(html: str) -> str:
    """sig9: a table whose cells hold several lines (Outlook's and Gmail's signatures: the
    name and title in one cell, firm, address and phones in the next, each a <p> or after a
    <br>) as blocks, one line each: html2text joins a cell's paragraphs without a space
    ("Ingrid HaldorsenProcurement Lead"). A table of one-line cells ("Tel | 06 12") is data
    and stays a table (read by `_tables_as_lines`)."""
    low = html.lower()
    if "<td" not in low and "<th" not in low:
        return html
    tags = list(_LAYOUT_TAG.finditer(html))
    owner: dict[int, int] = {}  # index of a table/row/cell tag -> its table
    layout: set[int] = set()
    stack: list[int] = []  # open tables
    lines_in_cell: dict[int, int] = {}  # table -> block starts in its open cell
    for i, m in enumerate(tags):
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "table" and not closing:
            if stack:  # a table inside a cell lays the outer one out
                layout.add(stack[-1])
            stack.append(i)
            lines_in_cell[i] = 0
        if name in _CELL_TAGS and stack:
            owner[i] = stack[-1]
        if name == "table" and closing and stack:
            stack.pop()
        elif name in ("td", "th") and not closing and stack:
            lines_in_cell[stack[-1]] = 0
        elif not closing and name in ("p", "div", "br") and stack:
            lines_in_cell[stack[-1]] += 2 if name == "br" else 1
            if lines_in_cell[stack[-1]] >= 2:
                layout.add(stack[-1])
    if not layout:
        return html
    out: list[str] = []
    last = 0
    for i, m in enumerate(tags):
        if owner.get(i) in layout:
            out.append(html[last:m.start()])
            out.append("</div>" if m.group(1) else "<div>")
            last = m.end()
    out.append(html[last:])
    return "".join(out)


# html2text writes a table as Markdown: "Nom| Élodie Marchal", "---|---" under its first row
_TABLE_RULE = rx.compile(r"^[ \t]*-{3,}(?:[ \t]*\|[ \t]*-{3,})*[ \t]*$")
_ROW_LABEL = rx.compile(r"[^\W\d_][\w.\-/]*:?|[^:|\n]{1,30}:")


def _tables_as_lines(text: str) -> str:
    """blocks (p-blocks8): a table of an HTML note or signature as the lines a person would
    type: a row of a label and its value ("Nom | Élodie Marchal", "Firma: | X GmbH") as
    "Nom: Élodie Marchal", other rows their cells joined by " | ", the rule lines dropped."""
    lines = text.split("\n")
    rules = {i for i, ln in enumerate(lines) if _TABLE_RULE.match(ln)}
    if not rules:
        return text
    out: list[str] = []
    in_table = False
    for i, line in enumerate(lines):
        if i in rules:
            in_table = True
            continue
        if "|" not in line or not (in_table or i + 1 in rules):
            in_table = in_table and "|" in line
            out.append(line)
            continue
        cells = [c.strip() for c in line.split("|") if c.strip()]
        if len(cells) == 2 and _ROW_LABEL.fullmatch(cells[0]):
            out.append(f"{cells[0].rstrip(':').rstrip()}: {cells[1]}")
        else:
            out.append(" | ".join(cells))
    return "\n".join(out)
