"""The Excel scorecard's charts and the hidden sheet of numbers they and the sparklines draw.

A section charts the indicators ``charting.chart_indicators`` picks, the same ones as the PDF; every other
indicator keeps its trend in the scorecard's sparkline and in its section's table, which is why the hidden
sheet still holds a numbers-only row for each of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.chart import Chart
from xlsxwriter.utility import quote_sheetname, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from boardpack.charting import chart_indicators, section_layout
from boardpack.model import BenchmarkKind, Comparison, Indicator, Polarity, Section
from boardpack.render.text import with_note
from boardpack.render.xlsx_formats import number_format
from boardpack.render.xlsx_sections import Book, ytd_figure

CHART_WIDTH = 480
CHART_HEIGHT = 250
CHART_GAP = 16
CHARTS_PER_ROW = 2
CHART_ROWS_PER_PAGE = 2
DEFAULT_ROW_PIXELS = 20

# Chart data sheet: a row per series; these columns, then the trend window's months, YTD and prior years.
DATA_REF, DATA_SERIES, DATA_TITLE, DATA_FIRST_MONTH = 0, 1, 2, 3


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


@dataclass(frozen=True)
class SectionCharts:
    """A section's chart kind (``line`` or ``bar``) and the positions of the indicators it charts, in order."""

    kind: str
    positions: tuple[int, ...]


def section_charts(book: Book, section: Section) -> SectionCharts:
    """What the section charts, chosen as for the PDF so the two outputs show the same charts."""
    chosen = section_layout(book.layout, section)
    # By identity: a section handed over without arranging may repeat a ref.
    position = {id(indicator): index for index, indicator in enumerate(section.indicators)}
    charted = chart_indicators(section, chosen, book.period)
    return SectionCharts(chosen.chart, tuple(position[id(indicator)] for indicator in charted))


def _target_bounds(indicator: Indicator) -> list[tuple[str, float]]:
    green = indicator.thresholds.green
    if green is None or indicator.polarity is Polarity.INFO:
        return []
    if green.comparison is Comparison.BETWEEN and green.upper is not None:
        return [("Target from", green.value), ("Target to", green.upper)]
    return [("Target", green.value)]


def chart_data(book: Book, sheet: Worksheet, charts: list[SectionCharts]) -> list[list[SeriesPlace]]:
    """Numbers-only copies of every indicator's series on a hidden sheet, for the charts and sparklines.

    The visible cells hold status words (TBC, -) that a chart would plot as zero; these hold numbers or
    nothing. A sheet of its own keeps the printed pages free of hidden working columns. The target and
    benchmark lines are written only for the charted indicators, which are the only ones to draw them.
    Returns each section's places in the order of its indicators.
    """
    f = book.formats
    months = book.months
    priors = book.prior_labels
    ytd_col = DATA_FIRST_MONTH + len(months)
    first_prior = ytd_col + 1
    quoted = quote_sheetname(sheet.get_name())
    # Sparklines run to the reporting month: the rest of the year is still blank and would squash the line.
    month_columns = (xl_col_to_name(DATA_FIRST_MONTH),
                     xl_col_to_name(DATA_FIRST_MONTH + max(book.months_reported, 1) - 1))
    year_columns = (xl_col_to_name(first_prior), xl_col_to_name(first_prior + max(len(priors), 1) - 1))

    header = f.header()
    heading = ["Ref", "Series", "Chart title", *(book.month_label(month) for month in months),
               f"YTD {book.period.financial_year_label}", *priors]
    for col, text in enumerate(heading):
        sheet.write_string(0, col, text, header)
    sheet.set_column(DATA_TITLE, DATA_TITLE, 40)

    helper = f.helper()
    theme = book.layout.theme
    places: list[list[SeriesPlace]] = []
    row = 0
    for section, charted in zip(book.scorecard.sections, charts):
        drawn = set(charted.positions)
        section_places: list[SeriesPlace] = []
        places.append(section_places)
        for position, indicator in enumerate(section.indicators):
            row += 1
            value_row = row
            has_years = _series_row(book, sheet, row, indicator, ytd_col, first_prior)
            lines = []
            if position in drawn:
                constants = [(label, level, theme.target_line, "dash") for label, level in _target_bounds(indicator)]
                average = indicator.benchmark(BenchmarkKind.STAT_NEIGHBOUR_AVERAGE)
                if average is not None and average.value is not None:
                    label = with_note(BenchmarkKind.STAT_NEIGHBOUR_AVERAGE.long_label, " ".join(average.note.split()))
                    constants.append((label, average.value, theme.benchmark_line, "round_dot"))
                for label, level, colour, dash in constants:
                    row += 1
                    sheet.write_string(row, DATA_REF, indicator.ref, helper)
                    sheet.write_string(row, DATA_SERIES, label, helper)
                    sheet.write_row(row, DATA_FIRST_MONTH, [level] * len(months), helper)
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
    helper = book.formats.helper()
    sheet.write_string(row, DATA_REF, indicator.ref, helper)
    sheet.write_string(row, DATA_SERIES, indicator.unit.label, helper)
    sheet.write_string(row, DATA_TITLE, f"{indicator.ref} {indicator.name}", helper)
    figures = indicator.figures_by_month()
    for offset, month in enumerate(book.months[:book.months_reported]):
        figure = figures.get(month)
        if figure is not None and figure.value is not None:
            sheet.write_number(row, DATA_FIRST_MONTH + offset, figure.value, helper)
    ytd = ytd_figure(indicator)
    if ytd is not None and ytd.value is not None:
        sheet.write_number(row, ytd_col, ytd.value, helper)
    by_label = {prior.label: prior.figure for prior in indicator.prior_years}
    has_years = False
    for offset, label in enumerate(book.prior_labels):
        figure = by_label.get(label)
        if figure is not None and figure.value is not None:
            sheet.write_number(row, first_prior + offset, figure.value, helper)
            has_years = True
    return has_years


def _row_range(quoted_sheet: str, columns: tuple[str, str], row: int) -> str:
    return f"{quoted_sheet}!{columns[0]}{row + 1}:{columns[1]}{row + 1}"


def draw_charts(book: Book, sheet: Worksheet, section: Section, charted: SectionCharts,
                places: list[SeriesPlace], data_sheet: str, first_row: int) -> None:
    """The section's charts below its table and commentary, from ``first_row`` on."""
    months = len(book.months)
    charts = [
        _chart(book, charted.kind, section.indicators[index], places[index], data_sheet, months)
        for index in charted.positions
    ]
    _place_charts(sheet, charts, first_row)


def _chart(book: Book, kind: str, indicator: Indicator, place: SeriesPlace, data_sheet: str, months: int) -> Chart:
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
    # A measure taken less often than the report (quarterly in a monthly one) is joined across its empty months.
    main.show_blanks_as("gap" if indicator.frequency is book.scorecard.frequency else "span")
    main.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    return main


def _place_charts(sheet: Worksheet, charts: list[Chart], first_row: int) -> None:
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
