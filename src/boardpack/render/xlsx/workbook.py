"""The Excel scorecard: a formatted workbook whose RAG words are live formulas.

Sheets: the scorecard (the seeds' performance summary), one per section, the key, data quality, a glossary
when the layout has one, and a hidden sheet of numbers for the charts and sparklines. Every string from a tracker
is written with ``write_string``, so text starting with ``=`` stays text; document properties are pinned to the
reporting period, so two builds are identical.

The RAG cell is ``=IF(ISNUMBER(value), IF(<green test>, "Green", IF(<amber test>, "Amber", "Red")), "")`` over
the row's own month cell rounded to its displayed precision, exactly as ``rules.rag_for`` decides, saved with
the result the rules computed. The threshold numbers it compares against sit in hidden, labelled columns at
the far right of the row (a band like ``14-20`` needs two numbers, which no single cell with a number format
can hold, and a number format that spells out the officer's text would go stale when the number changed);
the visible Red/Amber/Green columns keep the officer's own wording.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from boardpack.exceptions import OutputError
from boardpack.footnotes import summary_notes
from boardpack.layout import Layout
from boardpack.model import (
    COMPARISON_PLACES,
    BenchmarkKind,
    Comparison,
    Indicator,
    Month,
    Polarity,
    Rag,
    Scorecard,
    Threshold,
    Thresholds,
    Unit,
    period_label,
)
from boardpack.render.marks import marks_of
from boardpack.render.text import format_number
from boardpack.render.xlsx.charts import SeriesPlace, chart_data, draw_charts, section_charts
from boardpack.render.xlsx.formats import Formats, row_height
from boardpack.render.xlsx.printing import (
    Block,
    Paper,
    column_points,
    pack_ranges,
    page_breaks,
    print_ranges,
    rows_points,
)
from boardpack.render.xlsx.sections import (
    CHART_DATA_SHEET,
    DATA_QUALITY_SHEET,
    GLOSSARY_SHEET,
    KEY_SHEET,
    REVISIONS_SHEET,
    SUMMARY_SHEET,
    Book,
    FigureWriter,
    data_quality,
    glossary,
    key,
    print_setup,
    revisions,
    section_page,
    sheet_names,
    title_block,
    widen_for_notes,
    write_notes,
)
from boardpack.render.xlsx.sheet import ScorecardWorkbook
from boardpack.rules import rag_for

__all__ = [
    "chart_data",
    "data_quality",
    "glossary",
    "key",
    "rag_formula",
    "render_xlsx",
    "section_page",
    "summary",
    "threshold_numbers",
    "title_block",
]

MONTHS_SHOWN = 3
ROLES = ("red", "amber", "green")
BOUNDS = ("from", "to")
HELPER_BAND = "RAG FORMULA THRESHOLDS"
PERFORMANCE_BAND = "PERFORMANCE"
THRESHOLDS_BAND = "TARGET & TOLERANCES"
# Sparklines: on screen in Excel, never printed (the printed trend is the row of arrows beside the figures).
LINES_BAND = "TREND LINES"
# The title columns, repeated beside every print range: which row is which.
TITLE_COLUMNS = (0, 1)
NAME_WIDTH = 34
NAME_MINIMUM = 24
TIMELINE_WIDTH = 10.5
UNIT_WIDTH = 11
FIGURE_WIDTH = 7.5
TREND_WIDTH = 9


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    band: str


@dataclass(frozen=True)
class RowPlan:
    """Where a scorecard row's cells go, worked out once rather than once per indicator."""

    at: dict[str, int]
    months: tuple[tuple[Month, int], ...]
    priors: tuple[tuple[str, int], ...]
    benchmarks: tuple[tuple[BenchmarkKind, int], ...]
    limits: dict[str, tuple[int, int]]
    # Column letters, absolute ("$H"), for the RAG formula's references; the row number is added per row.
    value_letters: str
    limit_letters: dict[str, tuple[str, str]]
    # The periods whose direction of travel the printed trend shows.
    move_months: frozenset[Month]
    # The indicator name column's width, which its names wrap to.
    name_width: float

    @classmethod
    def of(cls, book: Book, at: dict[str, int], name_width: float) -> RowPlan:
        period = book.period
        shown = book.scorecard.recent_periods(MONTHS_SHOWN)
        limits = {role: (at[f"limit:{role}:{BOUNDS[0]}"], at[f"limit:{role}:{BOUNDS[1]}"]) for role in ROLES}
        return cls(
            at=at,
            months=tuple((month, at[f"month:{month.iso}"]) for month in shown),
            priors=tuple((label, at[f"prior:{label}"]) for label in book.prior_labels),
            benchmarks=tuple((kind, at[f"bench:{kind.value}"]) for kind in book.benchmark_kinds),
            limits=limits,
            value_letters="$" + xl_col_to_name(at[f"month:{period.iso}"]),
            limit_letters={role: ("$" + xl_col_to_name(low), "$" + xl_col_to_name(high))
                           for role, (low, high) in limits.items()},
            move_months=frozenset(book.move_months),
            name_width=name_width,
        )


def render_xlsx(scorecard: Scorecard, layout: Layout, path: Path) -> None:
    """Write the scorecard workbook to ``path``."""
    options = {
        # In memory, xlsxwriter stamps every zip member with the same fixed time, so builds are byte-identical.
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }
    workbook = ScorecardWorkbook(str(path), options)
    book = Book(workbook, Formats(workbook, layout.theme), scorecard, layout)
    workbook.set_properties(_properties(book))
    summary_sheet = workbook.add_worksheet(SUMMARY_SHEET)
    section_sheets = [workbook.add_worksheet(name) for name in sheet_names(scorecard.sections)]
    revisions_sheet = workbook.add_worksheet(REVISIONS_SHEET) if scorecard.revisions is not None else None
    key_sheet = workbook.add_worksheet(KEY_SHEET)
    quality_sheet = workbook.add_worksheet(DATA_QUALITY_SHEET)
    glossary_sheet = workbook.add_worksheet(GLOSSARY_SHEET) if layout.glossary else None
    data_sheet = workbook.add_worksheet(CHART_DATA_SHEET)

    charts = [section_charts(book, section) for section in scorecard.sections]
    places = chart_data(book, data_sheet, charts)
    for sheet, section, charted, section_places in zip(section_sheets, scorecard.sections, charts, places, strict=True):
        below = section_page(book, sheet, section)
        draw_charts(book, sheet, section, charted, section_places, CHART_DATA_SHEET, below)
    summary(book, summary_sheet, places)
    if revisions_sheet is not None:
        revisions(book, revisions_sheet)
    key(book, key_sheet)
    data_quality(book, quality_sheet)
    if glossary_sheet is not None:
        glossary(book, glossary_sheet)
    summary_sheet.activate()
    try:
        workbook.close()
    except (OSError, XlsxWriterException) as exc:
        raise OutputError(f"cannot write the Excel scorecard ({exc})", str(path)) from exc


def _properties(book: Book) -> dict[str, object]:
    period = book.period
    return {
        "title": book.title,
        "subject": f"Performance summary {book.scorecard.as_at[0].lower()}{book.scorecard.as_at[1:]}",
        "author": book.layout.created_by or book.layout.organisation,
        "company": book.layout.organisation,
        "keywords": "performance, scorecard",
        # A datetime, not a date: xlsxwriter would otherwise stamp the file with the clock.
        "created": datetime.datetime(period.year, period.month, 1),
    }


def summary_columns(book: Book) -> list[Column]:
    period = book.period
    frequency = book.scorecard.frequency
    monthly = f"{frequency.word.upper()} · YTD {period.financial_year_label}"
    # The reporting period's column also holds earlier periods' figures, labelled ("41.0% (Q2 2024/25)"),
    # for measures not taken every month; it is widened to show them.
    labelled = max((len(book.labelled(indicator)) for indicator in book.scorecard.indicators), default=0)
    columns = [
        Column("ref", "Ref", 5.5, "DATA"),
        Column("name", "Indicator", NAME_WIDTH, "DATA"),
        Column("plan", "Council plan", 6.5, "DATA"),
        Column("timeline", "Timeline", TIMELINE_WIDTH, "DATA"),
        Column("unit", "Data note", UNIT_WIDTH, "DATA"),
    ]
    for month in book.scorecard.recent_periods(MONTHS_SHOWN):
        width = FIGURE_WIDTH if month != period or not labelled else max(FIGURE_WIDTH, 9 + labelled)
        columns.append(Column(f"month:{month.iso}", period_label(month, frequency), width, monthly))
    columns += [
        Column("ytd", f"YTD {period.financial_year_label}", FIGURE_WIDTH, monthly),
        # The trend in print: the lines are drawn by Excel alone (LibreOffice prints sparklines blank).
        Column("moves", f"Trend ({frequency.period_word}s)", TREND_WIDTH, monthly),
        Column("polarity", "Good perf is", 6.5, PERFORMANCE_BAND),
        Column("dot", f"DOT ({frequency.period_word} on {frequency.period_word})", 6.5, PERFORMANCE_BAND),
        Column("rag", f"RAG (in {frequency.period_word})", 7, PERFORMANCE_BAND),
        Column("month_trend", f"Line ({frequency.period_word}s)", TREND_WIDTH, LINES_BAND),
    ]
    if book.prior_labels:
        columns.append(Column("year_trend", "Line (years)", TREND_WIDTH, LINES_BAND))
    columns += [
        Column("red", "Red", 7.5, THRESHOLDS_BAND),
        Column("amber", "Amber", 7.5, THRESHOLDS_BAND),
        Column("green", "Target (green)", 7.5, THRESHOLDS_BAND),
    ]
    columns += [Column(f"prior:{label}", label, FIGURE_WIDTH, "YEAR ON YEAR") for label in book.prior_labels]
    columns += [
        Column(f"bench:{kind.value}", kind.label, FIGURE_WIDTH, "LATEST BENCHMARKING") for kind in book.benchmark_kinds
    ]
    columns += [
        Column(f"limit:{role}:{bound}", f"{role.capitalize()} {bound}", 8, HELPER_BAND)
        for role in ROLES for bound in BOUNDS
    ]
    return _fit_names(columns, Paper.of(book.layout.page, landscape=True))


def _fit_names(columns: list[Column], paper: Paper) -> list[Column]:
    """The columns with the indicator names narrowed, so far as they can be, for ref to RAG to print at full
    size: a wide period column ("41.0% (Q2 2024/25)") would otherwise shrink the page's type."""
    last = next(index for index, column in enumerate(columns) if column.key == "rag")
    width = sum(column_points(column.width) for column in columns[: last + 1])
    excess = width - paper.range_width
    if excess <= 0:
        return columns
    name = next(index for index, column in enumerate(columns) if column.key == "name")
    # A character of column width is 7 pixels, 5.25 points.
    narrower = max(NAME_MINIMUM, columns[name].width - math.ceil(excess / 5.25))
    return [replace(column, width=narrower) if index == name else column for index, column in enumerate(columns)]


def summary(book: Book, sheet: Worksheet, places: list[list[SeriesPlace]]) -> None:
    """The performance summary: a row per indicator under its section's band, with live RAG words."""
    f = book.formats
    columns = summary_columns(book)
    at = {column.key: index for index, column in enumerate(columns)}
    last_visible = max(i for i, c in enumerate(columns) if c.band != HELPER_BAND)

    band_row = title_block(book, sheet, book.title, details=True)
    header_row = band_row + 1
    for index, column in enumerate(columns):
        hidden = column.band == HELPER_BAND
        sheet.set_column(index, index, column.width, None, {"hidden": True, "level": 1} if hidden else None)
        sheet.write_string(header_row, index, column.header, f.header())
    for band, members in groupby(enumerate(columns), key=lambda pair: pair[1].band):
        indexes = [index for index, _ in members]
        if len(indexes) > 1:
            sheet.merge_range(band_row, indexes[0], band_row, indexes[-1], "", f.band())
        sheet.write_string(band_row, indexes[0], band, f.band())
    sheet.set_row(header_row, row_height([(c.header, c.width) for c in columns], f.size))

    plan = RowPlan.of(book, at, columns[at["name"]].width)
    month_trend = xl_col_to_name(at["month_trend"])
    year_trend = xl_col_to_name(at["year_trend"]) if "year_trend" in at else None
    month_sparklines: list[tuple[str, str]] = []
    # A measure taken, say, quarterly in a monthly report has empty months between its figures; its line is
    # drawn across them, where a monthly measure's gap is a month with no figure and stays a gap.
    period_sparklines: list[tuple[str, str]] = []
    year_sparklines: list[tuple[str, str]] = []
    row = header_row
    section_band = f.section_band()
    widths: dict[int, float] = {}
    sections: list[tuple[int, int]] = []
    for section, section_places in zip(book.scorecard.sections, places, strict=True):
        row += 1
        sections.append((row, row + len(section.indicators)))
        sheet.write_string(row, 0, section.name, section_band)
        for index in range(1, last_visible + 1):
            sheet.write_blank(row, index, None, section_band)
        for indicator, place in zip(section.indicators, section_places, strict=True):
            row += 1
            _indicator_row(book, sheet, row, indicator, plan, widths)
            spaced = indicator.frequency is not book.scorecard.frequency
            (period_sparklines if spaced else month_sparklines).append((f"{month_trend}{row + 1}", place.months))
            if place.years is not None and year_trend is not None:
                year_sparklines.append((f"{year_trend}{row + 1}", place.years))

    first_data, last_data = header_row + 1, max(row, header_row + 1)
    for rag in Rag:
        sheet.conditional_format(first_data, at["rag"], last_data, at["rag"], {
            "type": "cell", "criteria": "==", "value": f'"{rag.word}"', "format": f.rag_conditional(rag),
        })
    _sparklines(book, sheet, month_sparklines)
    _sparklines(book, sheet, period_sparklines, empty="connect")
    _sparklines(book, sheet, year_sparklines)
    standard = {index: column.width for index, column in enumerate(columns)}
    widen_for_notes(sheet, widths, standard)
    printed = {index: max(width, widths.get(index, 0)) for index, width in standard.items()}
    # Landscape whatever the appendix's pages: the summary is wide by nature.
    paper = print_setup(book, sheet, (band_row, header_row), landscape=True)
    ranges = _print_ranges(columns, printed, at["rag"], paper)
    # The summary's notes run under the first print range only: the one every reader turns to first.
    main_last = ranges[0][1]
    main_width = sum(printed[index] for index in range(main_last + 1))
    notes_end = write_notes(book, sheet, last_data + 2, main_last, main_width, summary_notes(book.scorecard))
    sheet.freeze_panes(header_row + 1, at["name"] + 1)
    sheet.autofilter(header_row, 0, last_data, last_visible)
    # Later ranges start at the band row: the title above belongs to the first.
    areas = [(0, main_last, 0, max(notes_end - 1, last_data))]
    areas += [(first, last, band_row, last_data) for first, last in ranges[1:]]
    print_ranges(book.workbook, sheet, areas, TITLE_COLUMNS)
    _keep_sections_together(sheet, paper, band_row, sections, notes_end)


def _keep_sections_together(sheet: Worksheet, paper: Paper, band_row: int, sections: list[tuple[int, int]],
                            notes_end: int) -> None:
    """Page breaks before a section that would otherwise be split across pages, or leave its band alone at
    the foot of one. The notes stay with the last section, so that no page carries the notes alone."""
    if not sections:
        return
    ends = [last for _, last in sections[:-1]] + [max(sections[-1][1], notes_end - 1)]
    blocks = [Block(first, rows_points(sheet, first, last), rows_points(sheet, first, first + 1))
              for (first, _), last in zip(sections, ends, strict=True)]
    repeated = rows_points(sheet, band_row, band_row + 1)
    page = paper.printable_height - repeated
    breaks = page_breaks(blocks, page - rows_points(sheet, 0, band_row - 1), page)
    if breaks:
        sheet.set_h_pagebreaks(breaks)


def _print_ranges(columns: list[Column], widths: dict[int, float], last_main: int, paper: Paper
                  ) -> list[tuple[int, int]]:
    """The summary's columns as print ranges: ref to RAG first, then thresholds, years and benchmarks, as many
    of those bands to a range as fit the paper beside the repeated ref and indicator; never the lines or helpers."""
    groups = [(0, last_main)]
    for band, members in groupby(enumerate(columns), key=lambda pair: pair[1].band):
        indexes = [index for index, _ in members]
        if indexes[0] > last_main and band not in (LINES_BAND, HELPER_BAND):
            groups.append((indexes[0], indexes[-1]))
    return pack_ranges(groups, widths, TITLE_COLUMNS, paper.range_width)


def _sparklines(book: Book, sheet: Worksheet, placed: list[tuple[str, str]], empty: str = "gaps") -> None:
    """One sparkline group for the whole column: one XML element however many indicators there are."""
    if not placed:
        return
    colour = book.layout.theme.series
    sheet.add_sparkline(0, 0, {
        "location": [location for location, _ in placed],
        "range": [source for _, source in placed],
        "type": "line",
        "series_color": colour,
        "weight": 1.25,
        "empty_cells": empty,
    })


def _indicator_row(book: Book, sheet: Worksheet, row: int, indicator: Indicator, plan: RowPlan,
                   widths: dict[int, float]) -> None:
    f = book.formats
    at = plan.at
    unit = indicator.unit
    sheet.write_string(row, at["ref"], indicator.ref, f.text(bold=True))
    sheet.write_string(row, at["name"], indicator.name, f.text(wrap=True))
    sheet.write_string(row, at["plan"], "Yes" if indicator.council_plan else "", f.text(align="center"))
    sheet.write_string(row, at["timeline"], indicator.timeline, f.text(wrap=True))
    sheet.write_string(row, at["unit"], unit.label, f.text(wrap=True))
    wrapped = [(indicator.name, plan.name_width), (indicator.timeline, TIMELINE_WIDTH), (unit.label, UNIT_WIDTH)]
    sheet.set_row(row, row_height(wrapped, f.size))

    period = book.period
    figures = indicator.figures_by_month()
    values = FigureWriter(book, sheet, unit, widths)
    assessment = indicator.assessment
    labelled = book.labelled(indicator)
    current = assessment.current if assessment else figures.get(period)
    for month, col in plan.months:
        if month == period and labelled:
            # An earlier period's figure (a quarter in a monthly report), saying which: the RAG formula rates it.
            values.write(row, col, current, bold=True, label=labelled)
        elif indicator.measured_in(month):
            values.write(row, col, figures.get(month), bold=month == period)
        else:
            sheet.write_blank(row, col, None, f.text())
    values.write(row, at["ytd"], assessment.ytd if assessment else indicator.ytd)
    _moves(book, sheet, row, at["moves"], indicator, plan.move_months)
    sheet.write_blank(row, at["month_trend"], None, f.text())
    sheet.write_string(row, at["polarity"], indicator.polarity.value.capitalize(), f.text(align="center"))
    dot = assessment.dot if assessment else None
    sheet.write_string(row, at["dot"], dot.arrow if dot else "-", f.dot(dot))

    excel_row = row + 1
    value_cell = f"{plan.value_letters}{excel_row}"
    limit_cells = {
        role: (f"{lower}{excel_row}", f"{upper}{excel_row}") for role, (lower, upper) in plan.limit_letters.items()
    }
    # A profiled target: the row shows, and its formula tests, the target of the month its figure is for.
    thresholds = indicator.thresholds_at(assessment.current_month or period if assessment else period)
    formula = rag_formula(value_cell, limit_cells, indicator.polarity, thresholds, unit)
    if indicator.fault:
        # No live formula: a corrected figure must not rate a row whose error is still in the tracker.
        sheet.write_string(row, at["rag"], indicator.fault[:1].upper() + indicator.fault[1:], f.rag_cell())
    elif formula is None:
        sheet.write_blank(row, at["rag"], None, f.rag_cell())
    else:
        rag = rag_for(current.value if current else None, indicator.polarity, thresholds, unit)
        sheet.write_formula(row, at["rag"], formula, f.rag_cell(), rag.word if rag else "")

    for role in ROLES:
        threshold: Threshold | None = getattr(thresholds, role)
        sheet.write_string(row, at[role], _threshold_text(threshold, unit), f.threshold())
        if threshold is not None:
            for col, number in zip(plan.limits[role], threshold_numbers(threshold), strict=True):
                if number is not None:
                    sheet.write_number(row, col, number, f.helper())

    by_label = {prior.label: prior.figure for prior in indicator.prior_years}
    for label, col in plan.priors:
        values.write(row, col, by_label.get(label))
    if "year_trend" in at:
        sheet.write_blank(row, at["year_trend"], None, f.text())
    for kind, col in plan.benchmarks:
        values.write(row, col, indicator.benchmark(kind))


def _moves(book: Book, sheet: Worksheet, row: int, col: int, indicator: Indicator, months: frozenset[Month]) -> None:
    """The trend in words a printer can draw: each recent period's direction of travel, oldest first, as the DOT
    column shows the latest, in its colours; "-" when there is none."""
    f = book.formats
    dots = [dot for observation, _, dot, _ in marks_of(book.scorecard, indicator)
            if dot is not None and observation.month in months]
    if not dots:
        sheet.write_string(row, col, "-", f.dot(None))
        return
    runs = [(dot, sum(1 for _ in same)) for dot, same in groupby(dots)]
    if len(runs) == 1:
        dot, count = runs[0]
        sheet.write_string(row, col, dot.arrow * count, f.dot(dot))
        return
    fragments: list[object] = []
    for dot, count in runs:
        fragments += [f.dot(dot), dot.arrow * count]
    sheet.write_rich_string(row, col, *fragments, f.dot(None))


def _threshold_text(threshold: Threshold | None, unit: Unit) -> str:
    """The officer's own wording; when a tracker gave only a number, the rule it stands for."""
    if threshold is None:
        return "-"
    if threshold.text:
        return threshold.text
    if threshold.comparison is Comparison.BETWEEN and threshold.upper is not None:
        return f"{format_number(threshold.value, unit)}-{format_number(threshold.upper, unit)}"
    return f"{threshold.comparison.value}{format_number(threshold.value, unit)}"


def threshold_numbers(threshold: Threshold) -> tuple[float | None, float | None]:
    """The numbers the RAG formula compares against, held as ``Threshold.is_met_by`` holds them.

    The rules compare at a fixed number of places, so that 10.8 / 100 (0.10800000000000001) is 10.8%;
    storing the bounds already rounded lets the formula compare exactly as the rules do. An unbounded
    threshold (amber "whatever is not green" where no red is written) has no number: the formula needs none.
    """
    upper = round(threshold.upper, COMPARISON_PLACES) if threshold.upper is not None else None
    value = threshold.value if math.isfinite(threshold.value) else None
    return (None if value is None else round(value, COMPARISON_PLACES)), upper


def rag_formula(value_cell: str, limit_cells: dict[str, tuple[str, str]], polarity: Polarity,
                thresholds: Thresholds, unit: Unit) -> str | None:
    """The Excel formula that rates ``value_cell`` as ``rules.rag_for`` does, or None when nothing is rated.

    ``limit_cells`` maps red/amber/green to the cells holding that threshold's ``threshold_numbers``: its
    number and, for a band, its upper end. The value is compared rounded to the places the scorecard
    displays, so 94.96% shown as 95.0% meets ``95%+`` in Excel just as it does in the rules.
    """
    if polarity is Polarity.INFO or not thresholds.any:
        return None
    places = unit.display_precision()
    shown = f"ROUND({value_cell},{places})"
    if places > COMPARISON_PLACES:
        shown = f"ROUND({shown},{COMPARISON_PLACES})"

    def met(role: str) -> str | bool:
        threshold: Threshold = getattr(thresholds, role)
        lower, upper = limit_cells[role]
        if threshold.comparison is Comparison.BETWEEN:
            return f"AND({shown}>={lower},{shown}<={upper})"
        if not math.isfinite(threshold.value):
            # An unbounded threshold (amber for whatever is not green, where no red is written) is met by every
            # figure or by none, and has no number to compare with.
            below = threshold.comparison in (Comparison.AT_MOST, Comparison.LESS_THAN)
            return below == (threshold.value > 0)
        return f"{shown}{threshold.comparison.value}{lower}"

    def choose(role: str, rag: Rag, otherwise: str) -> str:
        test = met(role)
        if isinstance(test, bool):
            return f'"{rag.word}"' if test else otherwise
        return f'IF({test},"{rag.word}",{otherwise})'

    if thresholds.green is None and thresholds.amber is None:
        rated = choose("red", Rag.RED, f'"{Rag.GREEN.word}"')
    else:
        rated = f'"{Rag.RED.word}"'
        if thresholds.amber is not None:
            rated = choose("amber", Rag.AMBER, rated)
        if thresholds.green is not None:
            rated = choose("green", Rag.GREEN, rated)
    return f'=IF(ISNUMBER({value_cell}),{rated},"")'
