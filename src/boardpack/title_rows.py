"""The rows above a tracker's header: which is the report's title, which the banner over it.

Officers put a directorate banner ("Children & Young People Services") above the report's own title row
("Safeguarding Children & Families Monthly Performance Report"), then an "As at" line. The title is the line
that reads as a report title (it names a report, performance, a scorecard, monitoring, or a month or year);
failing that, the line nearest the header. Lines above the title are the banner; other lines between the
title and the header are notes about the whole table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from boardpack.footnotes import LineKind, as_note, line_kind
from boardpack.model import MONTH_ABBREVIATIONS, MONTH_NAMES, Finding, Note, Severity
from boardpack.reader import RawSheet
from boardpack.vocabulary import AS_AT_WORDS, TITLE_WORDS

_TITLE_WORD = re.compile(r"\b(" + "|".join(map(re.escape, TITLE_WORDS)) + r")\b", re.IGNORECASE)
_AS_AT = re.compile(r"\b(" + "|".join(map(re.escape, AS_AT_WORDS)) + r")\b", re.IGNORECASE)
# Month names as written in a title, "May" or "MAY", so that "figures may change" is not a date.
_MONTH_WORDS = sorted({w for name in (*MONTH_NAMES, *MONTH_ABBREVIATIONS, "Sept") for w in (name, name.upper())},
                      key=len, reverse=True)
_DATE = re.compile(r"\b(" + "|".join(_MONTH_WORDS) + r")\b|\b(19|20)\d\d\b")


@dataclass(frozen=True)
class Heading:
    title: str = ""
    organisation: str = ""
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class _Line:
    row: int
    column: int
    text: str


def title_score(text: str) -> int:
    """How much a line reads as a report's title: 2 for a title word, 1 more for a month or year."""
    return (2 if _TITLE_WORD.search(text) else 0) + (1 if _DATE.search(text) else 0)


def is_as_at_line(text: str) -> bool:
    """``As at Month End: May 2015``: the period, which boardpack works out from the figures."""
    return bool(_AS_AT.search(text)) and not _TITLE_WORD.search(text)


def read_heading(sheet: RawSheet, header_row: int, left_edge: int, findings: list[Finding]) -> Heading:
    """The title, banner and notes in the rows above ``header_row``.

    A line is a row whose only words are in one cell: a row of several is a band of group headings over the
    columns. Over the figures, right of ``left_edge`` (the table's ref and indicator columns), only a line
    that names a report is taken, since a lone group heading ("TARGET & TOLERANCES") sits there too.
    """
    lines: list[_Line] = []
    for row_number, row in enumerate(sheet.rows[: header_row - 1], start=1):
        cells = [(index, value) for index, value in enumerate(row) if isinstance(value, str) and value.strip()]
        if len(cells) != 1:
            continue
        index, value = cells[0]
        text = " ".join(value.split())
        if index > left_edge and not _TITLE_WORD.search(text):
            continue
        kind = line_kind(text)
        if kind is LineKind.KEY:
            findings.append(Finding(
                Severity.INFO, f"row is the tracker's key; the pack prints its own key instead: {text[:60]!r}",
                sheet.where(row_number, index),
            ))
        elif kind is LineKind.NOTE and not is_as_at_line(text):
            lines.append(_Line(row_number, index, text))
    if not lines:
        return Heading()
    # The best score wins; between equals, the line nearest the header.
    chosen = max(range(len(lines)), key=lambda position: (title_score(lines[position].text), position))
    return Heading(
        title=lines[chosen].text,
        organisation=" · ".join(line.text for line in lines[:chosen]),
        notes=tuple(as_note(line.text, sheet.where(line.row, line.column)) for line in lines[chosen + 1:]),
    )
