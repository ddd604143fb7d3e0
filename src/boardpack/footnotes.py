"""The words a tracker writes around a table: its footnotes, caveats and key, and where each note is printed.

Nothing a tracker says is dropped without a word. A line of text under a table becomes a ``Note`` printed
under that table's section, or under the summary when the table holds several sections; a key is left to the
pack's own key, with an info finding saying so; a row of stray numbers stays a finding. A note that starts
with a mark (``*``, ``**``, ``†``, ``(a)``) goes with the indicators whose name or ref carries the same mark.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from enum import Enum

from boardpack.model import CellRef, Finding, Indicator, Note, Scorecard, Severity
from boardpack.reader import RawSheet
from boardpack.vocabulary import FOOTNOTE_MARKS, KEY_PATTERNS, NOTE_HEADINGS

_LEADING_MARK = re.compile(rf"\s*({FOOTNOTE_MARKS})\s*")
_TRAILING_MARK = re.compile(rf"\s*({FOOTNOTE_MARKS})\s*$")
_ROW_OF_CELL = re.compile(r"\d+")
_KEY = re.compile("|".join(f"(?:{pattern})" for pattern in KEY_PATTERNS), re.IGNORECASE)


class LineKind(Enum):
    NOTE = "note"
    KEY = "key"
    HEADING = "heading"  # "Notes", standing over the notes below it


def line_kind(text: str) -> LineKind:
    words = " ".join(text.lower().split()).rstrip(":").strip()
    if words in NOTE_HEADINGS:
        return LineKind.HEADING
    if _KEY.match(text.strip()):
        return LineKind.KEY
    return LineKind.NOTE


def as_note(text: str, source: CellRef | None = None) -> Note:
    """``*excludes UASC`` as the note ``excludes UASC`` with the mark ``*``."""
    text = " ".join(text.split())
    found = _LEADING_MARK.match(text)
    if found and text[found.end():]:
        return Note(text[found.end():], found.group(1), source)
    return Note(text, "", source)


def marker_of(indicator: Indicator) -> str:
    """The footnote mark an indicator's name or ref carries, at its end or its start; empty when none."""
    for text in (indicator.name, indicator.ref):
        found = _trailing_mark(text) or _LEADING_MARK.match(text)
        if found and found.group(1) != text.strip():
            return found.group(1)
    return ""


def _trailing_mark(text: str) -> re.Match[str] | None:
    """``_TRAILING_MARK.search(text)``, begun at the text's last word: a mark holds no space, so it lies in that
    word, and a search from the start tried the pattern at every character of a long name."""
    words = text.rsplit(None, 1)
    if not words:
        return None
    return _TRAILING_MARK.search(text, len(text.rstrip()) - len(words[-1]))


def row_text(row: tuple[object, ...]) -> tuple[str, int] | None:
    """A row's words, its cells joined in order, and the column of the first; None when it holds no words."""
    parts: list[str] = []
    first = -1
    worded = False
    for index, value in enumerate(row):
        if value is None:
            continue
        if isinstance(value, str):
            if not value.strip():
                continue
            worded = worded or any(ch.isalpha() for ch in value)
            text = " ".join(value.split())
        elif isinstance(value, (dt.datetime, dt.date)):
            text = f"{value.day} {value:%B %Y}"
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = str(value)
        parts.append(text)
        if first < 0:
            first = index
    return (" ".join(parts), first) if worded else None


def collect_notes(sheet: RawSheet, rows: Iterable[int], findings: list[Finding],
                  figure_columns: Iterable[int] = ()) -> list[Note]:
    """The notes in ``rows`` (1-based, as Excel numbers them) of ``sheet``: the rows under one table.

    A key or a "Notes" heading is recognised and recorded as an info finding. A row without words, or with
    numbers in the table's ``figure_columns`` (a row of totals), is recorded as not used.
    """
    notes: list[Note] = []
    figures = sorted(set(figure_columns))
    for row_number in rows:
        row = sheet.rows[row_number - 1]
        found = row_text(row)
        if found is not None and any(
            isinstance(row[index], (int, float)) and not isinstance(row[index], bool)
            for index in figures if index < len(row)
        ):
            found = None
        if found is None:
            if any(v is not None and (not isinstance(v, str) or v.strip()) for v in row):
                shown = " ".join(str(v) for v in row if v is not None)
                findings.append(Finding(
                    Severity.INFO,
                    f"row is not an indicator (no ref and indicator name), so it was not used: {shown[:60]!r}",
                    sheet.where(row_number),
                ))
            continue
        text, column = found
        kind = line_kind(text)
        if kind is LineKind.KEY:
            findings.append(Finding(
                Severity.INFO, f"row is the tracker's key; the pack prints its own key instead: {text[:60]!r}",
                sheet.where(row_number, column),
            ))
        elif kind is LineKind.HEADING:
            findings.append(Finding(Severity.INFO, f"row heads the notes below it, so it is not printed: {text!r}",
                                    sheet.where(row_number, column)))
        else:
            notes.append(as_note(text, sheet.where(row_number, column)))
    return notes


def place_notes(notes: Sequence[Note], indicators: Sequence[Indicator]) -> tuple[dict[str, list[Note]], list[Note]]:
    """Which section prints each of a table's notes: ``(notes by section name, notes for the summary)``.

    A marked note goes under every section showing an indicator that carries its mark; any other note goes
    under the table's section when it has just one, else under the summary.
    """
    by_section: dict[str, list[Note]] = {}
    summary: list[Note] = []
    marks = [marker_of(i) for i in indicators] if any(note.marker for note in notes) else []
    for note in notes:
        marked = [i for i, mark in zip(indicators, marks, strict=True) if mark == note.marker] if note.marker else []
        sections = list(dict.fromkeys(i.section for i in (marked or indicators)))
        if marked or len(sections) == 1:
            for name in sections:
                add_unique(by_section.setdefault(name, []), [note])
        else:
            add_unique(summary, [note])
    return by_section, summary


def add_unique(kept: list[Note], notes: Iterable[Note]) -> None:
    """Add each note not already there: trackers repeat the same footnote under every sheet."""
    seen = {(note.marker, note.text) for note in kept}
    for note in notes:
        if (note.marker, note.text) not in seen:
            seen.add((note.marker, note.text))
            kept.append(note)


def summary_notes(scorecard: Scorecard) -> list[Note]:
    """The notes printed under the summary: those about the whole tracker, then every marked note whose
    mark an indicator carries (the summary shows every indicator)."""
    notes = list(scorecard.notes)
    marked = [note for section in scorecard.sections for note in section.notes if note.marker]
    if marked:
        carried = {marker_of(indicator) for indicator in scorecard.indicators}
        add_unique(notes, [note for note in marked if note.marker in carried])
    return reading_order(notes)


def reading_order(notes: Sequence[Note]) -> list[Note]:
    """The notes in the order the tracker has them: by row within each sheet, sheets as first met."""
    sheets: dict[tuple[str, str], int] = {}
    for note in notes:
        if note.source is not None:
            sheets.setdefault((note.source.file, note.source.sheet), len(sheets))

    def place(note: Note) -> tuple[int, int]:
        if note.source is None:
            return len(sheets), 0
        row = _ROW_OF_CELL.search(note.source.cell)
        return sheets[note.source.file, note.source.sheet], int(row.group(0)) if row else 0

    return sorted(notes, key=place)
