"""The public edition's workbook, laid out as the Government Statistical Service releases statistics.

Following "Releasing statistics in spreadsheets": a cover sheet (title, period, source, contact, how to use the
workbook, the symbols), a contents sheet and a notes sheet, then one table per sheet. Each sheet's title is in
A1 with a line or two saying what the sheet holds beneath it, and its table follows in column A with no blank
row: an Excel table with one header row, no merged cells, no blank rows or columns inside it, nothing hidden,
and no meaning carried by colour alone (a RAG rating is its word). Notes are referred to as ``[note 1]``; every
sheet opens at A1, the cover first.

Written with xlsxwriter directly rather than through gptables: gptables takes pandas DataFrames and makes its
own choices of document properties and formats, where the pack needs byte-identical builds (properties pinned
to the period, as the internal workbook is), its own number formats (a figure stays a number and shows its
marks, ``45 [p]``), and no pandas import on the build's path.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from boardpack.exceptions import OutputError
from boardpack.footnotes import marker_of, summary_notes
from boardpack.layout import Layout
from boardpack.model import (
    REVISED,
    BenchmarkKind,
    Comparison,
    Figure,
    Indicator,
    Note,
    Scorecard,
    Section,
    Threshold,
    Unit,
    period_label,
)
from boardpack.render.release_text import TITLE as REVISIONS_TITLE
from boardpack.render.release_text import disclosure_note, revision_table, symbol_key
from boardpack.render.text import format_number, marks, other_periods_note, report_title, status_text
from boardpack.render.xlsx.formats import FONT_NAME, number_format, row_height
from boardpack.render.xlsx.sections import PRIOR_YEARS_SHOWN
from boardpack.render.xlsx.sheet import ScorecardWorkbook
from boardpack.rules import monthly_marks

SIZE = 12
RECENT_PERIODS = 3
ONE_TABLE = "This worksheet contains one table."
NOTES_LINE = "Some cells refer to notes, which are on the Notes sheet."
SYMBOLS_LINE = ("Some cells hold a symbol in square brackets in place of, or after, a figure; the Cover sheet "
                "explains them.")
WITHHELD_NOTE = 1
COVER_WIDTH = 75
TITLE_HEIGHT = 24
ROOMY = 0.85
# Words for a cell with nothing to say: the guidance leaves no cell of a table empty.
NO_NOTE = "No note"
NO_SYMBOL = "No symbol"
NOT_RATED = "Not rated"
NO_DIRECTION = "No comparison"


@dataclass(frozen=True)
class Column:
    header: str
    width: float


@dataclass
class _Looks:
    """The few cell formats a plain, accessible workbook needs, each made once."""

    workbook: Workbook
    _made: dict[tuple[tuple[str, object], ...], Format] = field(default_factory=dict)

    def get(self, **properties: object) -> Format:
        key = tuple(sorted(properties.items()))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self.workbook.add_format(
                {"font_name": FONT_NAME, "font_size": SIZE, "valign": "top", **properties})
        return made

    def title(self, wrap: bool = False) -> Format:
        return self.get(bold=True, font_size=16, text_wrap=wrap)

    def heading(self) -> Format:
        return self.get(bold=True, font_size=14)

    def text(self, wrap: bool = False) -> Format:
        return self.get(text_wrap=wrap)

    def header(self) -> Format:
        return self.get(bold=True, text_wrap=True, bottom=1)

    def figure(self, unit: Unit, marks_text: str = "") -> Format:
        return self.get(num_format=number_format(unit, marks_text), align="right")

    def symbol(self) -> Format:
        return self.get(align="right")

    def link(self) -> Format:
        return self.get(font_color="#0000EE", underline=1)


class _NoteBook:
    """The notes, numbered in the order first referred to: the withheld-figures note first, then the trackers'."""

    def __init__(self, scorecard: Scorecard) -> None:
        self.texts: list[str] = [disclosure_note(scorecard)]
        self.general: list[int] = []
        for note in summary_notes(scorecard):
            if not note.marker:
                self.general.append(self.number(note.printed))
        other = other_periods_note(scorecard)
        self.other_periods = self.number(other) if other else 0

    def number(self, text: str) -> int:
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1

    def refs(self, numbers: list[int]) -> str:
        return " ".join(f"[note {number}]" for number in sorted(set(numbers)))

    def for_indicator(self, indicator: Indicator, section: Section, notes: list[Note]) -> str:
        """The indicator's notes: its section's, those carrying its mark, and what its period means."""
        mark = marker_of(indicator)
        numbers = [self.number(note.printed) for note in section.notes if not note.marker]
        numbers += [self.number(note.printed) for note in notes if note.marker and note.marker == mark]
        assessment = indicator.assessment
        if self.other_periods and assessment is not None and assessment.current_month is not None:
            numbers.append(self.other_periods)
        return self.refs(numbers)


def render_xlsx_public(scorecard: Scorecard, layout: Layout, path: Path) -> None:
    """Write the public edition's workbook to ``path``."""
    workbook = ScorecardWorkbook(str(path), {"in_memory": True, "strings_to_formulas": False,
                                             "strings_to_numbers": False, "strings_to_urls": False})
    looks = _Looks(workbook)
    title = report_title(scorecard, layout)
    period = scorecard.period
    workbook.set_properties({
        "title": f"{title}: public edition",
        "subject": f"{scorecard.as_at} (public edition)",
        "author": layout.organisation or scorecard.organisation or layout.created_by,
        "company": layout.organisation or scorecard.organisation,
        "keywords": "performance, official statistics, public edition",
        "created": datetime.datetime(period.year, period.month, 1),
    })
    notebook = _NoteBook(scorecard)
    all_notes = summary_notes(scorecard) + [note for section in scorecard.sections for note in section.notes]
    revisions = revision_table(scorecard)
    tables = [("Summary", "Performance summary: each indicator's latest figures, ratings and targets"),
              ("Figures", "Every figure by period, with its year to date and symbols")]
    if revisions is not None:
        tables.append(("Revisions", REVISIONS_TITLE))
    if layout.glossary:
        tables.append(("Glossary", "What the abbreviations in the tables mean"))

    cover = workbook.add_worksheet("Cover")
    contents = workbook.add_worksheet("Contents")
    notes_sheet = workbook.add_worksheet("Notes")
    sheets = {name: workbook.add_worksheet(name) for name, _ in tables}

    _summary(sheets["Summary"], looks, scorecard, notebook, all_notes)
    _figures(sheets["Figures"], looks, scorecard, notebook)
    if revisions is not None:
        _plain_table(sheets["Revisions"], looks, REVISIONS_TITLE, [revisions.introduction],
                     [Column(h, _WIDTHS.get(h, 14)) for h in revisions.headings], revisions.rows, "Revisions")
    if layout.glossary:
        _plain_table(sheets["Glossary"], looks, "Glossary", [], [Column("Term", 24), Column("Meaning", 90)],
                     [tuple(pair) for pair in layout.glossary], "Glossary")
    _cover(cover, looks, scorecard, layout, title, len(tables) + 1)
    _contents(contents, looks, [("Notes", "Notes referred to in the tables"), *tables])
    _plain_table(notes_sheet, looks, "Notes", ["The tables refer to these notes as [note 1], [note 2] and so on."],
                 [Column("Note number", 14), Column("Note text", 110)],
                 [(f"[note {number}]", text) for number, text in enumerate(notebook.texts, start=1)], "Notes")
    cover.activate()
    try:
        workbook.close()
    except (OSError, XlsxWriterException) as exc:
        raise OutputError(f"cannot write the public workbook ({exc})", str(path)) from exc


_WIDTHS = {"Ref": 8, "Indicator": 48, "Period": 12, "Was": 20, "Now": 26}


def _height(texts: list[tuple[str, float]], size: float) -> float:
    """A row tall enough for its wrapped texts, reckoned a little narrow: the estimate is made for the scorecard's
    smaller type, and a clipped line is worse than a roomy row."""
    return row_height([(text, width * ROOMY) for text, width in texts], size)


def _lines(sheet: Worksheet, looks: _Looks, title: str, lines: list[str]) -> int:
    """The sheet's title in A1 and its lines beneath; returns the next row, where its table starts."""
    sheet.write_string(0, 0, title, looks.title())
    sheet.set_row(0, TITLE_HEIGHT)
    for row, line in enumerate(lines, start=1):
        sheet.write_string(row, 0, line, looks.text())
    return len(lines) + 1


def _table(sheet: Worksheet, looks: _Looks, first: int, columns: list[Column], rows: int, name: str) -> None:
    """Mark rows ``first`` (the header) to ``first + rows`` as an Excel table, with its columns' widths, and set
    the sheet to print landscape, a page wide."""
    for index, column in enumerate(columns):
        sheet.set_column(index, index, column.width)
    sheet.set_row(first, _height([(c.header, c.width) for c in columns], SIZE))
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(first)
    sheet.add_table(first, 0, first + max(rows, 1), len(columns) - 1, {
        "name": name, "autofilter": False, "style": "Table Style Light 1",
        "columns": [{"header": column.header, "header_format": looks.header()} for column in columns],
    })


def _plain_table(sheet: Worksheet, looks: _Looks, title: str, lines: list[str], columns: list[Column],
                 rows: Sequence[Sequence[str]], name: str) -> None:
    first = _lines(sheet, looks, title, [ONE_TABLE, *lines])
    _table(sheet, looks, first, columns, len(rows), name)
    for offset, values in enumerate(rows, start=1):
        for index, text in enumerate(values):
            sheet.write_string(first + offset, index, text, looks.text(wrap=True))
        sheet.set_row(first + offset, _height([(text, c.width) for text, c in zip(values, columns, strict=True)], SIZE))
    if not rows:
        sheet.write_string(first + 1, 0, "None", looks.text())


def _cover(sheet: Worksheet, looks: _Looks, scorecard: Scorecard, layout: Layout, title: str, tables: int) -> None:
    organisation = layout.organisation or scorecard.organisation
    source = layout.publication.source or (f"{organisation}: the services' own performance monitoring"
                                           if organisation else "The services' own performance monitoring")
    sections: list[tuple[str, list[str]]] = [
        ("About these statistics", [
            line for line in (
                f"Reporting period: {scorecard.period_title} (financial year {scorecard.period.financial_year_label})",
                f"Committee: {layout.committee}" if layout.committee else "",
                f"Organisation: {organisation}" if organisation else "",
                f"Status: {layout.status}" if layout.status else "",
            ) if line]),
        ("Source", [source]),
        ("Contact", [layout.contact or layout.created_by or organisation or "See the council's website"]),
        ("How to use this workbook", [
            f"This workbook holds {tables} tables, each on its own sheet and listed on the Contents sheet.",
            "Each sheet starts with its title in cell A1; its table follows in column A.",
            "Notes are on the Notes sheet, and the tables refer to them as [note 1], [note 2] and so on.",
            "Percentages are shown as percentages; the values in their cells are fractions (0.894 is 89.4%).",
        ]),
        ("Symbols", [f"{symbol} {meaning}" for symbol, meaning in symbol_key()]),
        ("Withheld figures", [disclosure_note(scorecard)]),
    ]
    if scorecard.revisions is not None:
        sections.append(("Revisions", [
            f"Figures revised since the last report are marked {REVISED}; the Revisions sheet lists them."]))
    sheet.set_column(0, 0, COVER_WIDTH)
    sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    heading = f"{title}: public edition"
    sheet.write_string(0, 0, heading, looks.title(wrap=True))
    sheet.set_row(0, _height([(heading, COVER_WIDTH * 0.75)], 16))
    sheet.write_string(1, 0, scorecard.as_at, looks.text())
    row = 2
    for heading, lines in sections:
        sheet.write_string(row, 0, heading, looks.heading())
        row += 1
        for line in lines:
            sheet.write_string(row, 0, line, looks.text(wrap=True))
            sheet.set_row(row, _height([(line, COVER_WIDTH)], SIZE))
            row += 1


def _contents(sheet: Worksheet, looks: _Looks, tables: list[tuple[str, str]]) -> None:
    first = _lines(sheet, looks, "Contents", [ONE_TABLE])
    _table(sheet, looks, first, [Column("Sheet name", 16), Column("Table description", 80)], len(tables), "Contents")
    for offset, (name, description) in enumerate(tables, start=1):
        sheet.write_url(first + offset, 0, f"internal:'{name}'!A1", looks.link(), string=name)
        sheet.write_string(first + offset, 1, description, looks.text())


def _write_figure(sheet: Worksheet, looks: _Looks, row: int, col: int, figure: Figure | None, unit: Unit,
                  label: str = "") -> None:
    """A number in its unit's format with its marks shown after it (the cell stays a number), or the symbol in
    its place; ``[x]`` where there is no figure at all."""
    if figure is not None and figure.value is not None:
        shown = " ".join(part for part in (marks(figure), f"({label})" if label else "") if part)
        sheet.write_number(row, col, figure.value, looks.figure(unit, shown))
    else:
        text = status_text(figure) if figure is not None else ""
        sheet.write_string(row, col, text or "[x]", looks.symbol())


def _summary(sheet: Worksheet, looks: _Looks, scorecard: Scorecard, notebook: _NoteBook, all_notes: list[Note]
             ) -> None:
    period = scorecard.period
    recent = scorecard.recent_periods(RECENT_PERIODS)
    priors = scorecard.prior_year_labels[-PRIOR_YEARS_SHOWN:]
    kinds = [kind for kind in BenchmarkKind if any(i.benchmark(kind) is not None for i in scorecard.indicators)]
    columns = [Column("Section", 22), Column("Ref", 7), Column("Indicator", 48), Column("Unit", 14),
               Column("Good performance is", 12)]
    columns += [Column(period_label(month, scorecard.frequency), 13) for month in recent]
    columns += [Column(f"YTD {period.financial_year_label}", 13), Column("RAG rating", 10),
                Column("Direction of travel", 12), Column("Red threshold", 12), Column("Amber threshold", 12),
                Column("Target (green)", 12)]
    columns += [Column(f"{label} outturn", 13) for label in priors]
    columns += [Column(kind.long_label, 16) for kind in kinds]
    columns.append(Column("Notes", 18))
    general = f" Notes for every table: {notebook.refs(notebook.general)}." if notebook.general else ""
    first = _lines(sheet, looks, f"Performance summary, {scorecard.as_at[0].lower()}{scorecard.as_at[1:]}", [
        ONE_TABLE, NOTES_LINE + general, SYMBOLS_LINE,
        f"Figures withheld to protect confidentiality are shown as [c] [note {WITHHELD_NOTE}].",
    ])
    _table(sheet, looks, first, columns, len(scorecard.indicators), "Summary")
    row = first
    for section in scorecard.sections:
        for indicator in section.indicators:
            row += 1
            unit = indicator.unit
            assessment = indicator.assessment
            values: list[str] = [section.name, indicator.ref, indicator.name, unit.label,
                                 indicator.polarity.value.capitalize()]
            for col, text in enumerate(values):
                sheet.write_string(row, col, text, looks.text(wrap=True))
            # Only the leading text columns: the figures' columns after them are never wrapped.
            sheet.set_row(row, _height([(text, column.width) for text, column in zip(values, columns, strict=False)],
                                       SIZE))
            col = len(values)
            figures = indicator.figures_by_month()
            for month in recent:
                if month == period and assessment is not None and assessment.current_month is not None:
                    _write_figure(sheet, looks, row, col, assessment.current, unit,
                                  indicator.period_label(assessment.current_month))
                elif indicator.measured_in(month):
                    _write_figure(sheet, looks, row, col, figures.get(month), unit)
                else:
                    sheet.write_string(row, col, "[z]", looks.symbol())
                col += 1
            _write_figure(sheet, looks, row, col, assessment.ytd if assessment else None, unit)
            rag = assessment.rag.word if assessment and assessment.rag else NOT_RATED
            dot = assessment.dot.value.capitalize() if assessment and assessment.dot else NO_DIRECTION
            thresholds = indicator.thresholds
            texts = [rag, dot] + [
                _threshold(getattr(thresholds, role), unit) for role in ("red", "amber", "green")]
            for offset, text in enumerate(texts, start=1):
                sheet.write_string(row, col + offset, text, looks.text())
            col += len(texts) + 1
            by_label = {p.label: p.figure for p in indicator.prior_years}
            for label in priors:
                _write_figure(sheet, looks, row, col, by_label.get(label), unit)
                col += 1
            for kind in kinds:
                _write_figure(sheet, looks, row, col, indicator.benchmark(kind), unit)
                col += 1
            sheet.write_string(row, col, notebook.for_indicator(indicator, section, all_notes) or NO_NOTE,
                               looks.text())


def _threshold(threshold: Threshold | None, unit: Unit) -> str:
    """The officer's wording of a threshold, or the rule a bare number stands for; [z] where there is none."""
    if threshold is None:
        return "[z]"
    if threshold.text:
        return threshold.text
    low = format_number(threshold.value, unit)
    if threshold.comparison is Comparison.BETWEEN and threshold.upper is not None:
        return f"{low} to {format_number(threshold.upper, unit)}"
    return f"{threshold.comparison.value}{low}"


def _figures(sheet: Worksheet, looks: _Looks, scorecard: Scorecard, notebook: _NoteBook) -> None:
    revised = scorecard.revisions is not None
    columns = [Column("Ref", 7), Column("Indicator", 48), Column("Section", 22), Column("Period", 12),
               Column("Value", 13), Column("Numerator", 11), Column("Denominator", 12), Column("Symbol", 9),
               Column("Unit", 14), Column("YTD", 13), Column("YTD symbol", 9), Column("RAG rating", 10),
               Column("Direction of travel", 12), Column("Note", 24)]
    if revised:
        columns.append(Column("Previously published", 14))
    period = scorecard.period
    rows = [(section, indicator, observation, rag, dot, ytd)
            for section in scorecard.sections for indicator in section.indicators
            for observation, rag, dot, ytd in monthly_marks(indicator, period)]
    first = _lines(sheet, looks, f"Figures by period, {scorecard.as_at[0].lower()}{scorecard.as_at[1:]}", [
        ONE_TABLE, SYMBOLS_LINE, f"Figures withheld to protect confidentiality are shown as [c] [note "
        f"{WITHHELD_NOTE}]. A figure's symbols are also in the Symbol column, so Value holds only numbers "
        "and symbols in place of them."])
    _table(sheet, looks, first, columns, len(rows), "Figures")
    withheld = {indicator.ref: set(indicator.withheld_ytd) for indicator in scorecard.indicators}
    for offset, (section, indicator, observation, rag, dot, ytd) in enumerate(rows, start=1):
        row = first + offset
        figure, unit = observation.figure, indicator.unit
        texts = (indicator.ref, indicator.name, section.name, indicator.period_label(observation.month))
        for col, text in enumerate(texts):
            sheet.write_string(row, col, text, looks.text(wrap=True))
        sheet.set_row(row, _height([(texts[1], columns[1].width), (texts[2], columns[2].width),
                                       (figure.note, columns[13].width)], SIZE))
        plain = Figure(value=figure.value, status=None) if figure.value is not None else figure
        _write_figure(sheet, looks, row, 4, plain, unit)
        for col, count in ((5, figure.numerator), (6, figure.denominator)):
            if count is not None:
                sheet.write_number(row, col, count, looks.get(num_format="#,##0", align="right"))
            else:
                sheet.write_string(row, col, "[x]" if figure.value is None else "[z]", looks.symbol())
        symbols = " ".join(part for part in (
            figure.status.value if figure.status is not None else "",
            REVISED if figure.previous is not None else "") if part)
        sheet.write_string(row, 7, symbols or NO_SYMBOL, looks.text())
        sheet.write_string(row, 8, unit.label, looks.text())
        if observation.month in withheld[indicator.ref]:
            sheet.write_string(row, 9, "[c]", looks.symbol())
            sheet.write_string(row, 10, "[c]", looks.text())
        elif ytd is not None and ytd.value is not None:
            sheet.write_number(row, 9, ytd.value, looks.figure(unit))
            sheet.write_string(row, 10, NO_SYMBOL, looks.text())
        else:
            sheet.write_string(row, 9, (status_text(ytd) if ytd is not None else "") or "[x]", looks.symbol())
            sheet.write_string(row, 10, NO_SYMBOL, looks.text())
        sheet.write_string(row, 11, rag.word if rag else NOT_RATED, looks.text())
        sheet.write_string(row, 12, dot.value.capitalize() if dot else NO_DIRECTION, looks.text())
        sheet.write_string(row, 13, figure.note or NO_NOTE, looks.text(wrap=len(figure.note) > 24))
        if revised:
            before = figure.previous
            if before is None:
                sheet.write_string(row, 14, "[z]", looks.symbol())
            else:
                _write_figure(sheet, looks, row, 14, before, unit)
