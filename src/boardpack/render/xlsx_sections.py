"""The Excel scorecard's supporting sheets: one per section, chart data, the key, data quality and glossary.

Also the pieces every sheet shares (title rows, print set-up, writing a figure), so ``xlsx.py`` can stay
about the scorecard sheet itself. Section functions mirror the PDF renderer's names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from xlsxwriter.utility import quote_sheetname, xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from boardpack.layout import Layout, SectionLayout
from boardpack.model import (
    BenchmarkKind,
    Comparison,
    Dot,
    Figure,
    Indicator,
    Month,
    Polarity,
    Rag,
    Scorecard,
    Section,
    Severity,
    Status,
    Unit,
)
from boardpack.render.text import format_parts, format_value
from boardpack.render.xlsx_formats import Formats, number_format, row_height

SUMMARY_SHEET = "Scorecard"
KEY_SHEET = "Key"
DATA_QUALITY_SHEET = "Data quality"
GLOSSARY_SHEET = "Glossary"
CHART_DATA_SHEET = "Chart data"
SHEET_NAME_LIMIT = 31
PAPER_SIZES = {"A4": 9, "A3": 8, "letter": 1}
STANDARD_BENCHMARKS = (
    BenchmarkKind.STAT_NEIGHBOUR_AVERAGE,
    BenchmarkKind.BEST_STAT_NEIGHBOUR,
    BenchmarkKind.NATIONAL_AVERAGE,
    BenchmarkKind.TOP_QUARTILE,
)
PRIOR_YEARS_SHOWN = 5
FOOTER_TITLE_LIMIT = 120
# Sparkline ranges lose every "$" (xlsxwriter strips absolute markers), so a "$" in a sheet name would break them.
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\$]")

CHART_WIDTH = 480
CHART_HEIGHT = 250
CHART_GAP = 16
CHARTS_PER_ROW = 2
CHART_ROWS_PER_PAGE = 2
MINIMUM_SPAN_COLUMNS = 11
DEFAULT_ROW_PIXELS = 20

# Chart data sheet: a row per series; these columns, then the trend window's months, YTD and prior years.
DATA_REF, DATA_SERIES, DATA_TITLE, DATA_FIRST_MONTH = 0, 1, 2, 3


@dataclass
class Book:
    """What every sheet writer needs: the workbook, its cached formats, and the report being written.

    Figures that depend on every indicator are worked out once here, not once per row.
    """

    workbook: Workbook
    formats: Formats
    scorecard: Scorecard
    layout: Layout

    @property
    def title(self) -> str:
        return self.layout.title or self.scorecard.title

    @property
    def period(self) -> Month:
        return self.scorecard.period

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


@dataclass(frozen=True)
class Line:
    """A constant line drawn over an indicator's chart: the target, or a benchmark."""

    row: int
    colour: str
    dash: str


@dataclass(frozen=True)
class SeriesPlace:
    """Where an indicator's numbers-only series sit on the chart-data sheet."""

    row: int
    lines: tuple[Line, ...]
    months: str
    years: str | None


# Shared pieces


def sheet_names(sections: tuple[Section, ...]) -> list[str]:
    """A legal, unique sheet name per section: at most 31 characters, none of []:*?/\\, no clash with the others."""
    # Excel keeps "History" for its own use and refuses a sheet of that name.
    taken = {
        name.casefold()
        for name in (SUMMARY_SHEET, KEY_SHEET, DATA_QUALITY_SHEET, GLOSSARY_SHEET, CHART_DATA_SHEET, "History")
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
    sheet.write_string(1, 0, f"As at month end: {book.period.long_label}", f.subtitle())
    row = 2
    if details:
        layout = book.layout
        parts = [
            f"{label}: {value}" for label, value in (
                ("Organisation", layout.organisation), ("Committee", layout.committee), ("Status", layout.status),
                ("Created", layout.created), ("Created by", layout.created_by), ("Contact", layout.contact),
            ) if value
        ]
        if parts:
            sheet.write_string(row, 0, "     ".join(parts), f.details())
            row += 1
    return row + 1


def print_setup(book: Book, sheet: Worksheet, repeat: tuple[int, int] | None) -> None:
    """Landscape (or as the layout says), one page wide, headers repeated, title and page numbers below."""
    page = book.layout.page
    if page.orientation == "portrait":
        sheet.set_portrait()
    else:
        sheet.set_landscape()
    sheet.set_paper(PAPER_SIZES.get(page.size, PAPER_SIZES["A4"]))
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    if repeat is not None:
        sheet.repeat_rows(*repeat)
    title = book.title if len(book.title) <= FOOTER_TITLE_LIMIT else book.title[:FOOTER_TITLE_LIMIT - 1] + "…"
    # "&" starts a header/footer code, so the title's own ampersands are doubled to print literally.
    sheet.set_footer(f"&L{title.replace('&', '&&')}&RPage &P of &N")


def write_figure(book: Book, sheet: Worksheet, row: int, col: int, figure: Figure | None, unit: Unit,
                 *, bold: bool = False) -> None:
    """A number in the unit's format, or the reason there is none (TBC, not reported, -) as text.

    A tracker's note goes with the figure: after a number as literal text in its format, so the cell stays
    a number (``12.3% (2017)``); after a status in brackets (``TBC (due Aug-19)``).
    """
    note = figure.note if figure is not None else ""
    if figure is not None and figure.value is not None:
        sheet.write_number(row, col, figure.value, book.formats.figure(unit, note, bold=bold))
    else:
        text = format_value(figure, unit)
        if note:
            text = f"{text} {note}" if note.startswith("(") else f"{text} ({note})"
        sheet.write_string(row, col, text, book.formats.status(bold=bold))


def _merge_or_write(sheet: Worksheet, row: int, first: int, last: int, text: str, fmt) -> None:
    if last > first:
        sheet.merge_range(row, first, row, last, "", fmt)
    sheet.write_string(row, first, text, fmt)


def _ytd(indicator: Indicator) -> Figure | None:
    return indicator.assessment.ytd if indicator.assessment is not None else indicator.ytd


# Chart data


def _section_layout(layout: Layout, section: Section) -> SectionLayout | None:
    wanted = " ".join(section.name.lower().split())
    return next((s for s in layout.sections if " ".join(s.title.lower().split()) == wanted), None)


def _charted(book: Book, section: Section) -> tuple[str, list[int]]:
    """The chart kind for a section and the positions of the indicators it charts.

    The layout's chart refs when it lists them; otherwise every indicator with a figure in the months shown,
    since a workbook, unlike a printed page, has room for them all.
    """
    chosen = _section_layout(book.layout, section)
    kind = chosen.chart if chosen is not None else "line"
    if kind == "none":
        return kind, []
    if chosen is not None and chosen.chart_refs:
        refs = set(chosen.chart_refs)
        return kind, [index for index, i in enumerate(section.indicators) if i.ref in refs]
    window = {month for month in book.period.trend_window() if month <= book.period}
    return kind, [
        index for index, indicator in enumerate(section.indicators)
        if any(o.month in window and o.figure.has_value for o in indicator.observations)
    ]


def _target_bounds(indicator: Indicator) -> list[tuple[str, float]]:
    green = indicator.thresholds.green
    if green is None or indicator.polarity is Polarity.INFO:
        return []
    if green.comparison is Comparison.BETWEEN and green.upper is not None:
        return [("Target from", green.value), ("Target to", green.upper)]
    return [("Target", green.value)]


def chart_data(book: Book, sheet: Worksheet) -> list[list[SeriesPlace]]:
    """Numbers-only copies of every indicator's series on a hidden sheet, for the charts and sparklines.

    The visible cells hold status words (TBC, -) that a chart would plot as zero; these hold numbers or
    nothing. A sheet of its own keeps the printed pages free of hidden working columns. Returns each
    section's places in the order of its indicators.
    """
    f = book.formats
    months = book.period.trend_window()
    priors = book.prior_labels
    ytd_col = DATA_FIRST_MONTH + len(months)
    first_prior = ytd_col + 1
    quoted = quote_sheetname(sheet.get_name())
    reported = sum(1 for month in months if month <= book.period)
    # Sparklines run to the reporting month: the rest of the year is still blank and would squash the line.
    month_columns = (xl_col_to_name(DATA_FIRST_MONTH), xl_col_to_name(DATA_FIRST_MONTH + max(reported, 1) - 1))
    year_columns = (xl_col_to_name(first_prior), xl_col_to_name(first_prior + max(len(priors), 1) - 1))

    for col, text in ((DATA_REF, "Ref"), (DATA_SERIES, "Series"), (DATA_TITLE, "Chart title")):
        sheet.write_string(0, col, text, f.header())
    for offset, month in enumerate(months):
        sheet.write_string(0, DATA_FIRST_MONTH + offset, month.label, f.header())
    sheet.write_string(0, ytd_col, f"YTD {book.period.financial_year_label}", f.header())
    for offset, label in enumerate(priors):
        sheet.write_string(0, first_prior + offset, label, f.header())
    sheet.set_column(DATA_TITLE, DATA_TITLE, 40)

    places: list[list[SeriesPlace]] = []
    row = 0
    for section in book.scorecard.sections:
        charted = set(_charted(book, section)[1])
        section_places: list[SeriesPlace] = []
        places.append(section_places)
        for position, indicator in enumerate(section.indicators):
            row += 1
            value_row = row
            has_years = _series_row(book, sheet, row, indicator, ytd_col, first_prior)
            lines = []
            if position in charted:
                constants = [(label, level, book.layout.theme.target_line, "dash")
                             for label, level in _target_bounds(indicator)]
                average = indicator.benchmark(BenchmarkKind.STAT_NEIGHBOUR_AVERAGE)
                if average is not None and average.value is not None:
                    constants.append((BenchmarkKind.STAT_NEIGHBOUR_AVERAGE.long_label, average.value,
                                      book.layout.theme.benchmark_line, "round_dot"))
                for label, level, colour, dash in constants:
                    row += 1
                    sheet.write_string(row, DATA_REF, indicator.ref, f.helper())
                    sheet.write_string(row, DATA_SERIES, label, f.helper())
                    for offset in range(len(months)):
                        sheet.write_number(row, DATA_FIRST_MONTH + offset, level, f.helper())
                    lines.append(Line(row, colour, dash))
            section_places.append(SeriesPlace(
                row=value_row,
                lines=tuple(lines),
                months=_row_range(quoted, month_columns, value_row),
                years=_row_range(quoted, year_columns, value_row) if has_years else None,
            ))
    sheet.freeze_panes(1, DATA_FIRST_MONTH)
    sheet.hide()
    return places


def _series_row(book: Book, sheet: Worksheet, row: int, indicator: Indicator, ytd_col: int,
                first_prior: int) -> bool:
    """An indicator's months, YTD and prior years as numbers; says whether any prior year had one."""
    f = book.formats
    sheet.write_string(row, DATA_REF, indicator.ref, f.helper())
    sheet.write_string(row, DATA_SERIES, indicator.unit.label, f.helper())
    sheet.write_string(row, DATA_TITLE, f"{indicator.ref} {indicator.name}", f.helper())
    for offset, month in enumerate(book.period.trend_window()):
        figure = indicator.figure_for(month) if month <= book.period else None
        if figure is not None and figure.value is not None:
            sheet.write_number(row, DATA_FIRST_MONTH + offset, figure.value, f.helper())
    ytd = _ytd(indicator)
    if ytd is not None and ytd.value is not None:
        sheet.write_number(row, ytd_col, ytd.value, f.helper())
    by_label = {prior.label: prior.figure for prior in indicator.prior_years}
    has_years = False
    for offset, label in enumerate(book.prior_labels):
        figure = by_label.get(label)
        if figure is not None and figure.value is not None:
            sheet.write_number(row, first_prior + offset, figure.value, f.helper())
            has_years = True
    return has_years


def _row_range(quoted_sheet: str, columns: tuple[str, str], row: int) -> str:
    return f"{quoted_sheet}!{columns[0]}{row + 1}:{columns[1]}{row + 1}"


# Section sheets


def _has_parts(indicator: Indicator) -> bool:
    figures = [o.figure for o in indicator.observations] + [p.figure for p in indicator.prior_years]
    ytd = _ytd(indicator)
    if ytd is not None:
        figures.append(ytd)
    return any(f.numerator is not None and f.denominator is not None for f in figures)


def section_page(book: Book, sheet: Worksheet, section: Section, places: list[SeriesPlace],
                 data_sheet: str) -> None:
    """The seeds' section page: months, YTD, annual trend and benchmarks, a column per indicator, then charts."""
    f = book.formats
    months = book.period.trend_window()
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
    for text, row in (("Ref", header), ("Indicator", header + 1), ("Month", header + 2)):
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

    name_texts = []
    for indicator, parts_col, value_col in placed:
        first = parts_col if parts_col is not None else value_col
        _merge_or_write(sheet, header, first, value_col, indicator.ref, f.header())
        _merge_or_write(sheet, header + 1, first, value_col, indicator.name, f.header())
        name_texts.append((indicator.name, value_width * (value_col - first + 1)))
        if parts_col is not None:
            sheet.write_string(header + 2, parts_col, "N of D", f.header())
        sheet.write_string(header + 2, value_col, indicator.unit.label, f.header())
        _write_indicator_column(book, sheet, indicator, parts_col, value_col, months, first_month, ytd_row,
                                first_prior, first_bench)
    sheet.set_row(header + 1, row_height(name_texts, f.size, minimum=24))
    sheet.set_row(header + 2, row_height([(i.unit.label, value_width) for i, _, _ in placed], f.size))

    for offset, month in enumerate(months):
        sheet.write_string(first_month + offset, 0, month.label, f.text(bold=month == book.period))
    sheet.write_string(ytd_row, 0, f"YTD {book.period.financial_year_label}", f.text(bold=True))
    _merge_or_write(sheet, annual_band, 0, last_col, "ANNUAL TREND", f.band(align="left"))
    for offset, label in enumerate(priors):
        sheet.write_string(first_prior + offset, 0, label, f.text())
    _merge_or_write(sheet, bench_band, 0, last_col, "LATEST BENCHMARKING", f.band(align="left"))
    for offset, kind in enumerate(kinds):
        sheet.write_string(first_bench + offset, 0, kind.label, f.text())

    commentary_end = _commentary(book, sheet, section, table_end + 2, span_last, label_width, value_width)
    kind, charted = _charted(book, section)
    charts = [
        _chart(book, kind, section.indicators[index], places[index], data_sheet, len(months)) for index in charted
    ]
    _place_charts(sheet, charts, commentary_end + 1)
    sheet.freeze_panes(first_month, 1)
    print_setup(book, sheet, (header, header + 2))


def _write_indicator_column(book: Book, sheet: Worksheet, indicator: Indicator, parts_col: int | None,
                            value_col: int, months: tuple[Month, ...], first_month: int, ytd_row: int,
                            first_prior: int, first_bench: int) -> None:
    f = book.formats
    unit = indicator.unit

    def put(row: int, figure: Figure | None, *, bold: bool = False) -> None:
        if parts_col is not None:
            parts = format_parts(figure)
            if parts:
                sheet.write_string(row, parts_col, parts, f.text(align="center", bold=bold))
            else:
                sheet.write_blank(row, parts_col, None, f.text())
        write_figure(book, sheet, row, value_col, figure, unit, bold=bold)

    for offset, month in enumerate(months):
        row = first_month + offset
        if month > book.period:
            # Months still to come are blank, as on the seeds' pages, not "no figure".
            for col in (parts_col, value_col):
                if col is not None:
                    sheet.write_blank(row, col, None, f.text())
            continue
        figure = indicator.figure_for(month) or Figure(status=Status.NONE)
        put(row, figure, bold=month == book.period)
    put(ytd_row, _ytd(indicator), bold=True)
    by_label = {p.label: p.figure for p in indicator.prior_years}
    for offset, label in enumerate(book.prior_labels):
        put(first_prior + offset, by_label.get(label))
    for offset, kind in enumerate(book.benchmark_kinds):
        row = first_bench + offset
        if parts_col is not None:
            sheet.write_blank(row, parts_col, None, f.text())
        write_figure(book, sheet, row, value_col, indicator.benchmark(kind), unit)


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
        sheet.write_string(row, 0, label, f.header_left())
        _merge_or_write(sheet, row, 1, last_col, text, f.text(wrap=True))
        sheet.set_row(row, row_height([(text, text_width), (label, label_width)], f.size))
        row += 1
    return row


def _chart(book: Book, kind: str, indicator: Indicator, place: SeriesPlace, data_sheet: str, months: int):
    theme = book.layout.theme
    size = book.formats.size
    last = DATA_FIRST_MONTH + months - 1
    categories = [data_sheet, 0, DATA_FIRST_MONTH, 0, last]
    main = book.workbook.add_chart({"type": "column" if kind == "bar" else "line"})
    series = {
        # Names and titles point at cells rather than carry the tracker's text: xlsxwriter would take text
        # shaped like "Sheet!A1" for a reference.
        "name": [data_sheet, place.row, DATA_SERIES],
        "categories": categories,
        "values": [data_sheet, place.row, DATA_FIRST_MONTH, place.row, last],
    }
    if kind == "bar":
        series["fill"] = {"color": theme.series}
    else:
        series.update(line={"color": theme.series, "width": 2},
                      marker={"type": "circle", "size": 4, "fill": {"color": theme.series},
                              "border": {"color": theme.series}})
    main.add_series(series)
    overlay = book.workbook.add_chart({"type": "line"}) if kind == "bar" and place.lines else main
    for line in place.lines:
        overlay.add_series({
            "name": [data_sheet, line.row, DATA_SERIES],
            "categories": categories,
            "values": [data_sheet, line.row, DATA_FIRST_MONTH, line.row, last],
            "line": {"color": line.colour, "width": 1.5, "dash_type": line.dash},
            "marker": {"type": "none"},
        })
    if overlay is not main:
        main.combine(overlay)
    main.set_title({"name": [data_sheet, place.row, DATA_TITLE], "name_font": {"size": size + 1, "bold": True}})
    main.set_y_axis({"num_format": number_format(indicator.unit), "num_font": {"size": size},
                     "major_gridlines": {"visible": True, "line": {"color": theme.header_fill}}})
    main.set_x_axis({"num_font": {"size": size, "rotation": -45}})
    main.set_legend({"position": "bottom", "font": {"size": size}})
    main.show_blanks_as("gap")
    main.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    return main


def _place_charts(sheet: Worksheet, charts: list, first_row: int) -> None:
    rows_per_chart = CHART_HEIGHT // DEFAULT_ROW_PIXELS + 2
    breaks = []
    for index, chart in enumerate(charts):
        row = first_row + (index // CHARTS_PER_ROW) * rows_per_chart
        if index % (CHARTS_PER_ROW * CHART_ROWS_PER_PAGE) == 0:
            # Charts start on a fresh page, a few to a page, so none is cut in two when printed.
            breaks.append(row)
        x_offset = (index % CHARTS_PER_ROW) * (CHART_WIDTH + CHART_GAP)
        sheet.insert_chart(row, 0, chart, {"x_offset": x_offset, "y_offset": 4, "object_position": 2})
    if breaks:
        sheet.set_h_pagebreaks(breaks)


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

    def entry(symbol: str, symbol_format, meaning: str) -> None:
        nonlocal row
        sheet.write_string(row, 0, symbol, symbol_format)
        sheet.write_string(row, 1, meaning, f.text(wrap=True))
        sheet.set_row(row, row_height([(meaning, 90)], f.size))
        row += 1

    heading("DOT: direction of travel since the previous month with a figure")
    entry(Dot.IMPROVED.arrow, f.dot(Dot.IMPROVED), "Improved: performance is better, given what good performance is")
    entry(Dot.DECLINED.arrow, f.dot(Dot.DECLINED), "Declined: performance is worse, given what good performance is")
    entry(Dot.SAME.arrow, f.dot(Dot.SAME), "Same: no change in the figure as displayed")
    entry(f"{Dot.UP.arrow} {Dot.DOWN.arrow}", f.dot(Dot.UP),
          "Information measure: the number rose or fell; neither is better nor worse")
    entry("-", f.dot(None), "No direction: no figure this month, or none in an earlier month to compare with")
    row += 1
    heading("RAG: the month's figure, as displayed, against the officer's thresholds")
    entry(Rag.GREEN.word, f.rag_swatch(Rag.GREEN), "Meets the green threshold (the target)")
    entry(Rag.AMBER.word, f.rag_swatch(Rag.AMBER), "Misses the target but meets the amber tolerance")
    entry(Rag.RED.word, f.rag_swatch(Rag.RED),
          "Meets neither; where only a red threshold is set, red when it is met and green otherwise")
    entry("(blank)", f.status(), "No rating: an information measure, no thresholds, or no figure this month")
    entry("Live", f.text(bold=True),
          "The RAG word is a formula over the month's figure and the threshold numbers kept in the hidden "
          "columns at the far right of the scorecard: correct a figure and the word and colour follow")
    row += 1
    heading("Good performance is")
    entry(Polarity.HIGH.value.capitalize(), f.text(bold=True), "A higher figure is better")
    entry(Polarity.LOW.value.capitalize(), f.text(bold=True), "A lower figure is better")
    entry(Polarity.INFO.value.capitalize(), f.text(bold=True), "Reported for information; no better or worse, no RAG")
    row += 1
    heading("When there is no figure")
    for status in Status:
        entry(status.value, f.status(), status.explanation.capitalize())
    row += 1
    heading("Benchmarks")
    for kind in book.benchmark_kinds:
        entry(kind.label, f.text(bold=True), kind.long_label)
    row += 1
    heading("Trends")
    entry("Trend (months)", f.text(bold=True),
          f"A line through the monthly figures from {book.period.trend_window()[0].label} to "
          f"{book.period.label}; gaps are months with no figure")
    entry("Trend (years)", f.text(bold=True), "A line through the prior years' outturns")
    entry("Chart data", f.text(bold=True),
          "A hidden sheet holding the figures the charts and trend lines draw, as numbers only")
    print_setup(book, sheet, None)


def data_quality(book: Book, sheet: Worksheet) -> None:
    """Every finding from the read, with where it was found split into file, sheet and cell for filtering."""
    f = book.formats
    row = title_block(book, sheet, "Data quality")
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
    print_setup(book, sheet, (header, header))


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
