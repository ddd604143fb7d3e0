"""The Excel scorecard's supporting sheets: one per section, the key, data quality and glossary.

Also the pieces every sheet shares (title rows, print set-up, writing a figure), so ``workbook.py`` can stay
about the scorecard sheet itself. Section functions mirror the PDF renderer's names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from boardpack.layout import Layout
from boardpack.model import (
    REVISED,
    REVISED_EXPLANATION,
    BenchmarkKind,
    Dot,
    Figure,
    Indicator,
    Month,
    Note,
    Polarity,
    Rag,
    Scorecard,
    Section,
    Severity,
    Status,
    Unit,
    period_label,
)
from boardpack.render.release_text import TITLE as REVISIONS_TITLE
from boardpack.render.release_text import revision_table
from boardpack.render.text import format_parts, format_value, marks, note_of, other_periods_note, with_note
from boardpack.render.xlsx.formats import Formats, row_height, row_pieces
from boardpack.render.xlsx.printing import Paper, set_up_printing

SUMMARY_SHEET = "Scorecard"
KEY_SHEET = "Key"
DATA_QUALITY_SHEET = "Data quality"
GLOSSARY_SHEET = "Glossary"
CHART_DATA_SHEET = "Chart data"
REVISIONS_SHEET = "Revisions"
SHEET_NAME_LIMIT = 31
STANDARD_BENCHMARKS = (
    BenchmarkKind.STAT_NEIGHBOUR_AVERAGE,
    BenchmarkKind.BEST_STAT_NEIGHBOUR,
    BenchmarkKind.NATIONAL_AVERAGE,
    BenchmarkKind.TOP_QUARTILE,
)
PRIOR_YEARS_SHOWN = 5
# Sparkline ranges lose every "$" (xlsxwriter strips absolute markers), so a "$" in a sheet name would break them.
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\$]")

MINIMUM_SPAN_COLUMNS = 11
# How many of the latest periods' directions of travel the scorecard's printed trend shows.
MOVES_SHOWN = 6


@dataclass
class Book:
    """What every sheet writer needs: the workbook, its cached formats, and the report being written.

    Figures that depend on every indicator are worked out once here, not once per row.
    """

    workbook: Workbook
    formats: Formats
    scorecard: Scorecard
    layout: Layout
    # An indicator's figures over ``months`` (by id, kept with the indicator it is for): see ``figures``.
    _figures: dict[int, tuple[Indicator, tuple[Figure | None, ...]]] = field(default_factory=dict, init=False,
                                                                             repr=False)

    @property
    def title(self) -> str:
        return self.layout.title or self.scorecard.title

    @property
    def period(self) -> Month:
        return self.scorecard.period

    @cached_property
    def months(self) -> tuple[Month, ...]:
        """The trend window the section pages and the chart data run over."""
        return self.scorecard.trend_months

    def month_label(self, month: Month) -> str:
        return period_label(month, self.scorecard.frequency)

    def labelled(self, indicator: Indicator) -> str:
        """The period the indicator's current figure is for, when not the report's own; else empty."""
        assessment = indicator.assessment
        if assessment is None or assessment.current_month is None:
            return ""
        return indicator.period_label(assessment.current_month)

    @cached_property
    def is_period(self) -> tuple[bool, ...]:
        """For each of ``months``, whether it is the reporting period."""
        return tuple(month == self.period for month in self.months)

    def figures(self, indicator: Indicator) -> tuple[Figure | None, ...]:
        """The indicator's figure for each of ``months``, None where it has none: looked up once for its section
        page, its chart data and its scorecard row."""
        kept = self._figures.get(id(indicator))
        if kept is None or kept[0] is not indicator:
            by_month = indicator.figures_by_month()
            kept = self._figures[id(indicator)] = (indicator, tuple([by_month.get(month) for month in self.months]))
        return kept[1]

    @cached_property
    def months_reported(self) -> int:
        """How many of ``months`` have come by the reporting period; the rest of the year is still to come."""
        return sum(1 for month in self.months if month <= self.period)

    @cached_property
    def move_months(self) -> tuple[Month, ...]:
        """The periods whose direction of travel the scorecard's printed trend shows: the latest few of the
        trend window, each against the one before."""
        return tuple([month for month in self.months if month <= self.period][1:][-MOVES_SHOWN:])

    @cached_property
    def prior_labels(self) -> tuple[str, ...]:
        return self.scorecard.prior_year_labels[-PRIOR_YEARS_SHOWN:]

    @cached_property
    def benchmark_kinds(self) -> tuple[BenchmarkKind, ...]:
        """The four the seeds print, plus a regional average when any tracker gives one."""
        extra = tuple(
            kind for kind in BenchmarkKind
            if kind not in STANDARD_BENCHMARKS and any(i.benchmark(kind) for i in self.scorecard.indicators)
        )
        return STANDARD_BENCHMARKS + extra


# Shared pieces


def sheet_names(sections: tuple[Section, ...]) -> list[str]:
    """A legal, unique sheet name per section: at most 31 characters, none of []:*?/\\, no clash with the others."""
    # Excel keeps "History" for its own use and refuses a sheet of that name.
    taken = {
        name.casefold()
        for name in (SUMMARY_SHEET, KEY_SHEET, DATA_QUALITY_SHEET, GLOSSARY_SHEET, CHART_DATA_SHEET, REVISIONS_SHEET,
                     "History")
    }
    names = []
    for index, section in enumerate(sections, start=1):
        base = " ".join(_NOT_IN_SHEET_NAMES.sub(" ", section.name).split()).strip("'").strip()
        base = base[:SHEET_NAME_LIMIT].strip() or f"Section {index}"
        name, copy = base, 1
        while name.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            name = base[:SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def title_block(book: Book, sheet: Worksheet, heading: str, *, details: bool = False) -> int:
    """Title, "As at month end", and the document details when asked; returns the first free row."""
    f = book.formats
    sheet.write_string(0, 0, heading, f.title())
    sheet.set_row(0, book.formats.size * 2.4)
    sheet.write_string(1, 0, book.scorecard.as_at, f.subtitle())
    row = 2
    if details:
        layout = book.layout
        # Without a layout's organisation, the banner over the tracker's title (a directorate, say).
        organisation = layout.organisation or book.scorecard.organisation
        parts = [
            f"{label}: {value}" for label, value in (
                ("Organisation", organisation), ("Committee", layout.committee), ("Status", layout.status),
                ("Created", layout.created), ("Created by", layout.created_by), ("Contact", layout.contact),
            ) if value
        ]
        if parts:
            sheet.write_string(row, 0, "     ".join(parts), f.details())
            row += 1
    return row + 1


def print_setup(book: Book, sheet: Worksheet, repeat: tuple[int, int] | None, *, landscape: bool | None = None
                ) -> Paper:
    """The layout's paper (turned landscape when asked), one page wide, ``repeat`` rows on every page."""
    return set_up_printing(sheet, book.layout.page, book.title, repeat_rows=repeat, landscape=landscape)


class FigureWriter:
    """Writes an indicator's figures: a number in the unit's format, or the reason there is none as text.

    A tracker's note goes with the figure: after a number as literal text in its format, so the cell stays
    a number (``12.3% (2017)``); after a status in brackets (``TBC (due Aug-19)``). All of an indicator's
    figures share its unit, so its number formats are kept here rather than looked up again for every cell.
    """

    def __init__(self, book: Book, sheet: Worksheet, unit: Unit, widths: dict[int, float] | None = None) -> None:
        self.formats = book.formats
        self.sheet = sheet
        self.unit = unit
        self._looks: dict[tuple[str, bool], Format] = {}
        # The width (in characters) each column needs for the noted figures written in it.
        self.widths = widths if widths is not None else {}

    def write(self, row: int, col: int, figure: Figure | None, *, bold: bool = False, label: str = "") -> None:
        """``label`` names the period the figure is for, when not the column's own (``Q2 2024/25``)."""
        if (figure is not None and figure.value is not None and not figure.note and not label
                and figure.status is None and figure.previous is None):
            # Most figures: a number with nothing after it, in the unit's plain format.
            look = self._looks.get(("", bold))
            if look is None:
                look = self._looks["", bold] = self.formats.figure(self.unit, "", bold=bold)
            self.sheet.write_number(row, col, figure.value, look)
            return
        note = note_of(figure)
        if label:
            note = f"{note} ({label})" if note else f"({label})"
        if note:
            needed = len(with_note(format_value(figure, self.unit), note)) * 1.1 + 2
            if needed > self.widths.get(col, 0):
                self.widths[col] = needed
        if figure is not None and figure.value is not None:
            if figure.status is not None or figure.previous is not None:
                # A provisional, unreliable or revised figure's marks, "[p] [r]", go after it as the note does.
                note = f"{marks(figure)} {note}" if note else marks(figure)
            look = self._looks.get((note, bold))
            if look is None:
                look = self._looks[note, bold] = self.formats.figure(self.unit, note, bold=bold)
            self.sheet.write_number(row, col, figure.value, look)
        else:
            text = with_note(format_value(figure, self.unit), note)
            self.sheet.write_string(row, col, text, self.formats.status(bold=bold))


def _merge_or_write(sheet: Worksheet, row: int, first: int, last: int, text: str, fmt: Format) -> None:
    if last > first:
        sheet.merge_range(row, first, row, last, "", fmt)
    sheet.write_string(row, first, text, fmt)


def write_long_text(sheet: Worksheet, row: int, first: int, last: int, text: str, fmt: Format, width: float,
                    size: float, label: tuple[str, Format, float] | None = None) -> int:
    """``text`` across columns ``first`` to ``last`` (``width`` characters in all), over as many rows as Excel's
    limits on a cell and a row need, with ``label`` (text, format, width) in column 0 beside the first piece.
    Returns the next free row."""
    for index, piece in enumerate(row_pieces(text, width, size)):
        wrapped = [(piece, width)]
        if label is not None:
            words, look, label_width = label
            sheet.write_string(row, 0, words if index == 0 else "", look)
            if index == 0:
                wrapped.append((words, label_width))
        _merge_or_write(sheet, row, first, last, piece, fmt)
        sheet.set_row(row, row_height(wrapped, size))
        row += 1
    return row


def write_notes(book: Book, sheet: Worksheet, row: int, last: int, width: float, notes: tuple[Note, ...] | list[Note]
                ) -> int:
    """The tracker's notes for a table, one under another across columns 0 to ``last``; returns the next free
    row (``row`` itself when there are none)."""
    f = book.formats
    for note in notes:
        row = write_long_text(sheet, row, 0, last, note.printed, f.note(), width, f.note_size)
    return row


def widen_for_notes(sheet: Worksheet, widths: dict[int, float], standard: dict[int, float]) -> None:
    """Columns holding a figure with a note ("12.3% (2017)") made wide enough for it: a number wider than its
    column shows as ##### in Excel."""
    for col, wanted in widths.items():
        if wanted > standard.get(col, 0):
            sheet.set_column(col, col, wanted)


def ytd_figure(indicator: Indicator) -> Figure | None:
    return indicator.assessment.ytd if indicator.assessment is not None else indicator.ytd


# Section sheets


def _has_parts(indicator: Indicator) -> bool:
    figures = [o.figure for o in indicator.observations] + [p.figure for p in indicator.prior_years]
    ytd = ytd_figure(indicator)
    if ytd is not None:
        figures.append(ytd)
    return any(f.numerator is not None and f.denominator is not None for f in figures)


def section_page(book: Book, sheet: Worksheet, section: Section) -> int:
    """The seeds' section page: months, YTD, annual trend and benchmarks, a column per indicator, then the text.

    Returns the first row free for the section's charts.
    """
    f = book.formats
    months = book.months
    priors = book.prior_labels
    kinds = book.benchmark_kinds
    title_block(book, sheet, section.name)
    sheet.write_string(1, 3, book.title, f.details())

    header = 3
    first_month = header + 3
    ytd_row = first_month + len(months)
    annual_band = ytd_row + 1
    first_prior = annual_band + 1
    bench_band = first_prior + len(priors)
    first_bench = bench_band + 1
    table_end = first_bench + len(kinds) - 1

    label_width, value_width = 14, 11
    sheet.set_column(0, 0, label_width)
    for text, row in (("Ref", header), ("Indicator", header + 1), (book.scorecard.frequency.period_word.capitalize(),
                                                                    header + 2)):
        sheet.write_string(row, 0, text, f.header_left())

    col = 1
    placed: list[tuple[Indicator, int | None, int]] = []
    for indicator in section.indicators:
        parts_col = col if _has_parts(indicator) else None
        value_col = col + 1 if parts_col is not None else col
        placed.append((indicator, parts_col, value_col))
        col = value_col + 1
    last_col = max(col - 1, 1)
    # Narrow sections still give the narrative and the charts below a page's width to sit in.
    span_last = max(last_col, MINIMUM_SPAN_COLUMNS)
    sheet.set_column(1, span_last, value_width)
    for indicator, _, value_col in placed:
        labelled = book.labelled(indicator)
        if labelled:
            # Room for an earlier period's figure with its label, "41.0% (Q2 2024/25)", in the reporting row.
            sheet.set_column(value_col, value_col, max(value_width, 9 + len(labelled)))

    name_texts = []
    widths: dict[int, float] = {}
    for indicator, parts_col, value_col in placed:
        first = parts_col if parts_col is not None else value_col
        _merge_or_write(sheet, header, first, value_col, indicator.ref, f.header())
        _merge_or_write(sheet, header + 1, first, value_col, indicator.name, f.header())
        name_texts.append((indicator.name, value_width * (value_col - first + 1)))
        if parts_col is not None:
            sheet.write_string(header + 2, parts_col, "N of D", f.header())
        sheet.write_string(header + 2, value_col, indicator.unit.label, f.header())
        _write_indicator_column(book, sheet, indicator, parts_col, value_col, first_month, ytd_row,
                                first_prior, first_bench, widths)
    sheet.set_row(header + 1, row_height(name_texts, f.size, minimum=24))
    sheet.set_row(header + 2, row_height([(i.unit.label, value_width) for i, _, _ in placed], f.size))

    for offset, month in enumerate(months):
        sheet.write_string(first_month + offset, 0, book.month_label(month), f.text(bold=month == book.period))
    sheet.write_string(ytd_row, 0, f"YTD {book.period.financial_year_label}", f.text(bold=True))
    _merge_or_write(sheet, annual_band, 0, last_col, "ANNUAL TREND", f.band(align="left"))
    for offset, label in enumerate(priors):
        sheet.write_string(first_prior + offset, 0, label, f.text())
    _merge_or_write(sheet, bench_band, 0, last_col, "LATEST BENCHMARKING", f.band(align="left"))
    for offset, kind in enumerate(kinds):
        sheet.write_string(first_bench + offset, 0, kind.label, f.text())

    widen_for_notes(sheet, widths, {col: value_width for col in widths})
    row = write_notes(book, sheet, table_end + 2, span_last, label_width + value_width * span_last, section.notes)
    commentary_end = _commentary(book, sheet, section, row + 1 if row > table_end + 2 else row, span_last,
                                 label_width, value_width)
    sheet.freeze_panes(first_month, 1)
    # Landscape whatever the appendix's pages: a portrait page would shrink the table and narrative to 6 pt.
    print_setup(book, sheet, (header, header + 2), landscape=True)
    return commentary_end + 1


def _write_indicator_column(book: Book, sheet: Worksheet, indicator: Indicator, parts_col: int | None,
                            value_col: int, first_month: int, ytd_row: int, first_prior: int,
                            first_bench: int, widths: dict[int, float]) -> None:
    f = book.formats
    blank = f.text()
    parts_look = {bold: f.text(align="center", bold=bold) for bold in (False, True)}

    values = FigureWriter(book, sheet, indicator.unit, widths)

    def put(row: int, figure: Figure | None, *, bold: bool = False) -> None:
        if parts_col is not None:
            parts = format_parts(figure)
            if parts:
                sheet.write_string(row, parts_col, parts, parts_look[bold])
            else:
                sheet.write_blank(row, parts_col, None, blank)
        values.write(row, value_col, figure, bold=bold)

    figures = book.figures(indicator)
    no_figure = Figure(status=Status.NONE)
    reported = book.months_reported
    labelled = book.labelled(indicator)
    is_period = book.is_period
    for offset, month in enumerate(book.months[:reported]):
        if is_period[offset] and labelled:
            # The reporting month shows the measure's latest figure for its own period, saying which.
            current = indicator.assessment.current if indicator.assessment else None
            values.write(first_month + offset, value_col, current or no_figure, bold=True, label=labelled)
            if parts_col is not None:
                sheet.write_blank(first_month + offset, parts_col, None, blank)
        elif indicator.measured_in(month):
            put(first_month + offset, figures[offset] or no_figure, bold=is_period[offset])
        else:
            for col in (parts_col, value_col):
                if col is not None:
                    sheet.write_blank(first_month + offset, col, None, blank)
    # Months still to come are blank, as on the seeds' pages, not "no figure".
    for row in range(first_month + reported, first_month + len(book.months)):
        for col in (parts_col, value_col):
            if col is not None:
                sheet.write_blank(row, col, None, blank)
    put(ytd_row, ytd_figure(indicator), bold=True)
    by_label = {p.label: p.figure for p in indicator.prior_years}
    for offset, label in enumerate(book.prior_labels):
        put(first_prior + offset, by_label.get(label))
    for offset, kind in enumerate(book.benchmark_kinds):
        row = first_bench + offset
        if parts_col is not None:
            sheet.write_blank(row, parts_col, None, blank)
        values.write(row, value_col, indicator.benchmark(kind))


def _commentary(book: Book, sheet: Worksheet, section: Section, row: int, last_col: int,
                label_width: float, value_width: float) -> int:
    f = book.formats
    entries = [
        ("Definition", section.commentary.definition),
        ("Performance analysis", section.commentary.analysis),
        ("Data note", section.commentary.data_note),
    ]
    text_width = value_width * last_col
    for label, text in entries:
        if not text:
            continue
        row = write_long_text(sheet, row, 1, last_col, text, f.narrative(), text_width, f.narrative_size,
                              label=(label, f.header_left(), label_width))
    return row


# Key, data quality, glossary


def key(book: Book, sheet: Worksheet) -> None:
    """What the arrows, colours, polarity and status words mean, readable without colour."""
    f = book.formats
    row = title_block(book, sheet, "Key")
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 90)

    def heading(text: str) -> None:
        nonlocal row
        _merge_or_write(sheet, row, 0, 1, text, f.band(align="left"))
        row += 1

    def entry(symbol: str, symbol_format: Format, meaning: str) -> None:
        nonlocal row
        sheet.write_string(row, 0, symbol, symbol_format)
        sheet.write_string(row, 1, meaning, f.text(wrap=True))
        sheet.set_row(row, row_height([(meaning, 90)], f.size))
        row += 1

    word = book.scorecard.frequency.period_word
    heading(f"DOT: direction of travel since the previous {word} with a figure")
    entry(Dot.IMPROVED.arrow, f.dot(Dot.IMPROVED), "Improved: performance is better, given what good performance is")
    entry(Dot.DECLINED.arrow, f.dot(Dot.DECLINED), "Declined: performance is worse, given what good performance is")
    entry(Dot.SAME.arrow, f.dot(Dot.SAME), "Same: no change in the figure as displayed")
    entry(f"{Dot.UP.arrow} {Dot.DOWN.arrow}", f.dot(Dot.UP),
          "Information measure: the number rose or fell; neither is better nor worse")
    entry("-", f.dot(None), f"No direction: no figure this {word}, or none in an earlier {word} to compare with")
    row += 1
    heading(f"RAG: the {word}'s figure, as displayed, against the officer's thresholds")
    entry(Rag.GREEN.word, f.rag_swatch(Rag.GREEN), "Meets the green threshold (the target)")
    entry(Rag.AMBER.word, f.rag_swatch(Rag.AMBER), "Misses the target but meets the amber tolerance")
    entry(Rag.RED.word, f.rag_swatch(Rag.RED),
          "Meets neither; where only a red threshold is set, red when it is met and green otherwise")
    entry("(blank)", f.status(), f"No rating: an information measure, no thresholds, or no figure this {word}")
    entry("Live", f.text(bold=True),
          f"The RAG word is a formula over the {word}'s figure and the threshold numbers kept in the hidden "
          "columns at the far right of the scorecard: correct a figure and the word and colour follow")
    other = other_periods_note(book.scorecard)
    if other:
        entry("Figure (period)", f.text(bold=True), other)
    row += 1
    heading("Good performance is")
    entry(Polarity.HIGH.value.capitalize(), f.text(bold=True), "A higher figure is better")
    entry(Polarity.LOW.value.capitalize(), f.text(bold=True), "A lower figure is better")
    entry(Polarity.INFO.value.capitalize(), f.text(bold=True), "Reported for information; no better or worse, no RAG")
    entry(Polarity.WITHIN.value.capitalize(), f.text(bold=True),
          "Within limits: inside the green range is best, and the further outside it the worse")
    row += 1
    heading("When there is no figure")
    for status in Status:
        if not status.marks_a_figure:
            entry(status.key_text, f.status(), status.explanation.capitalize())
    row += 1
    heading("Marks after a figure, which keeps its value and its rating (45 [p])")
    for status in Status:
        if status.marks_a_figure:
            entry(status.value, f.status(), status.explanation.capitalize())
    if book.scorecard.revisions is not None:
        entry(REVISED, f.status(), f"{REVISED_EXPLANATION.capitalize()}; see the {REVISIONS_SHEET} sheet")
    row += 1
    heading("Benchmarks")
    for kind in book.benchmark_kinds:
        entry(kind.label, f.text(bold=True), kind.long_label)
    row += 1
    heading("Trends")
    moves = book.move_months
    span = (f"from {book.month_label(moves[0])} to {book.month_label(moves[-1])}" if moves
            else f"up to {book.month_label(book.period)}")
    entry(f"Trend ({word}s)", f.text(bold=True),
          f"The direction of travel of each {word} {span}, oldest first, as the DOT column gives the latest; "
          f"a {word} with no figure has no arrow")
    entry(f"Line ({word}s)", f.text(bold=True),
          f"On screen in Excel, a line through the {book.scorecard.frequency.word.lower()} figures from "
          f"{book.month_label(book.months[0])} to {book.month_label(book.period)}; gaps are {word}s with no figure. "
          "Not printed")
    entry("Line (years)", f.text(bold=True),
          "On screen in Excel, a line through the prior years' outturns. Not printed")
    entry("Printing", f.text(bold=True),
          "The scorecard prints its ref to RAG columns first, then the targets, prior years and benchmarks on "
          "pages of their own, each row named by its ref and indicator")
    entry("Chart data", f.text(bold=True),
          "A hidden sheet holding the figures the charts and trend lines draw, as numbers only")
    entry(DATA_QUALITY_SHEET, f.text(bold=True),
          "A hidden sheet for officers: what the build found in the trackers, cell by cell. Not printed")
    print_setup(book, sheet, None)


def data_quality(book: Book, sheet: Worksheet) -> None:
    """Every finding from the read, with where it was found split into file, sheet and cell for filtering.

    It is for the officers who keep the trackers, not the committee: hidden, so neither Excel printing the
    whole workbook nor LibreOffice converting it prints it, and titled so that whoever unhides it knows.
    """
    f = book.formats
    row = title_block(book, sheet, f"{DATA_QUALITY_SHEET}: for officers, not for publication")
    headers = (("Severity", 10), ("File", 28), ("Sheet", 18), ("Cell", 8), ("Message", 90))
    for col, (text, width) in enumerate(headers):
        sheet.set_column(col, col, width)
        sheet.write_string(row, col, text, f.header())
    header = row
    severity_look = {Severity.ERROR: f.rag_swatch(Rag.RED), Severity.WARNING: f.rag_swatch(Rag.AMBER)}
    findings = book.scorecard.findings
    if not findings:
        sheet.write_string(row + 1, 0, "No findings: the trackers read cleanly.", f.details())
    for finding in findings:
        row += 1
        where = finding.where
        sheet.write_string(row, 0, finding.severity.value.capitalize(),
                           severity_look.get(finding.severity, f.text()))
        # The file's name, not its path: where the build ran is no business of the committee's.
        place = (_file_name(where.file), where.sheet, where.cell) if where else ("", "", "")
        for col, text in enumerate(place, start=1):
            sheet.write_string(row, col, text, f.text(wrap=True))
        sheet.write_string(row, 4, finding.message, f.text(wrap=True))
        sheet.set_row(row, row_height([(finding.message, 90), (place[0], 28)], f.size))
    sheet.freeze_panes(header + 1, 0)
    sheet.autofilter(header, 0, max(row, header + 1), len(headers) - 1)
    print_setup(book, sheet, (header, header), landscape=True)
    sheet.hide()


def _file_name(path: str) -> str:
    """The last part of a path written with either separator, as trackers may have been read on Windows."""
    return re.split(r"[\\/]", path)[-1]


def glossary(book: Book, sheet: Worksheet) -> None:
    f = book.formats
    row = title_block(book, sheet, "Glossary")
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 90)
    sheet.write_string(row, 0, "Term", f.header())
    sheet.write_string(row, 1, "Meaning", f.header())
    header = row
    for term, meaning in book.layout.glossary:
        row += 1
        sheet.write_string(row, 0, term, f.text(bold=True, wrap=True))
        sheet.write_string(row, 1, meaning, f.text(wrap=True))
        sheet.set_row(row, row_height([(meaning, 90), (term, 24)], f.size))
    sheet.freeze_panes(header + 1, 0)
    print_setup(book, sheet, (header, header))


def revisions(book: Book, sheet: Worksheet) -> None:
    """The figures revised or withdrawn since the last report, one row each, filterable."""
    table = revision_table(book.scorecard)
    assert table is not None
    f = book.formats
    row = title_block(book, sheet, REVISIONS_TITLE)
    sheet.write_string(row, 0, table.introduction, f.details())
    row += 2
    widths = {"Ref": 8, "Indicator": 48, "Period": 12, "Was": 18, "Now": 26, "Where": 40}
    header = row
    for col, heading in enumerate(table.headings):
        sheet.set_column(col, col, widths[heading])
        sheet.write_string(row, col, heading, f.header())
    for values in table.rows:
        row += 1
        for col, text in enumerate(values):
            sheet.write_string(row, col, text, f.text(bold=col == 0, wrap=True))
        sheet.set_row(row, row_height([(values[1], widths["Indicator"])], f.size))
    sheet.freeze_panes(header + 1, 0)
    sheet.autofilter(header, 0, max(row, header + 1), len(table.headings) - 1)
    print_setup(book, sheet, (header, header))
