"""The Excel scorecard's charts and the hidden sheet of numbers they and the sparklines draw.

A section charts the indicators ``charting.chart_indicators`` picks, the same ones as the PDF; every other
indicator keeps its trend in the scorecard's sparkline and in its section's table, which is why the hidden
sheet still holds a numbers-only row for each of them. A chart's periods, lines and value axis are the
``charting.ChartPlan`` the PDF draws from, so the two print the same chart on the same scale.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from xlsxwriter.chart import Chart
from xlsxwriter.utility import quote_sheetname, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from boardpack.charting import ChartPlan, chart_indicators, chart_plan, section_layout
from boardpack.model import Indicator, Section, period_label
from boardpack.render.text import format_number, with_note
from boardpack.render.xlsx.formats import number_format
from boardpack.render.xlsx.sections import Book, ytd_figure

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
class ChartRange:
    """The cells one chart draws: its period labels' row, its figures' row, and the columns both span."""

    categories_row: int
    values_row: int
    first_col: int
    last_col: int


@dataclass(frozen=True)
class SeriesPlace:
    """Where an indicator's numbers-only series sit on the chart-data sheet."""

    row: int
    lines: tuple[Line, ...]
    months: str
    years: str | None
    chart: ChartRange | None = None


@dataclass(frozen=True)
class SectionCharts:
    """A section's chart kind (``line`` or ``bar``), the positions of the indicators it charts and their plans."""

    kind: str
    positions: tuple[int, ...]
    plans: tuple[ChartPlan, ...] = ()


def section_charts(book: Book, section: Section) -> SectionCharts:
    """What the section charts, chosen and planned as for the PDF so the two outputs show the same charts."""
    chosen = section_layout(book.layout, section)
    # By identity: a section handed over without arranging may repeat a ref.
    position = {id(indicator): index for index, indicator in enumerate(section.indicators)}
    charted = chart_indicators(section, chosen, book.period)
    plans = tuple(chart_plan(book.scorecard, book.layout, section, indicator) for indicator in charted)
    return SectionCharts(chosen.chart, tuple(position[id(indicator)] for indicator in charted), plans)


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
    for section, charted in zip(book.scorecard.sections, charts, strict=True):
        plans = dict(zip(charted.positions, charted.plans, strict=True))
        section_places: list[SeriesPlace] = []
        places.append(section_places)
        for position, indicator in enumerate(section.indicators):
            row += 1
            value_row = row
            has_years = _series_row(book, sheet, row, indicator, ytd_col, first_prior)
            lines = []
            chart = None
            plan = plans.get(position)
            if plan is not None:
                chart, row = _chart_rows(book, sheet, row, plan)
                for line in plan.lines:
                    row += 1
                    label = with_note(line.name, line.note)
                    colour = theme.target_line if line.role == "target" else theme.benchmark_line
                    sheet.write_string(row, DATA_REF, indicator.ref, helper)
                    sheet.write_string(row, DATA_SERIES, label, helper)
                    sheet.write_row(row, DATA_FIRST_MONTH, [line.value] * len(months), helper)
                    lines.append(Line(row, colour, "dash" if line.role == "target" else "round_dot"))
            section_places.append(SeriesPlace(
                row=value_row,
                lines=tuple(lines),
                months=_row_range(quoted, month_columns, value_row),
                years=_row_range(quoted, year_columns, value_row) if has_years else None,
                chart=chart,
            ))
    sheet.freeze_panes(1, DATA_FIRST_MONTH)
    sheet.hide()
    return places


def _chart_rows(book: Book, sheet: Worksheet, row: int, plan: ChartPlan) -> tuple[ChartRange, int]:
    """Where the chart's periods and figures are: a run of the sheet's own month columns when the plan's
    periods are one (the heading row labels them), else rows of their own holding just its periods (a
    quarterly measure in a monthly report). Returns the range and the last row used."""
    columns = [book.months.index(month) for month in plan.months] or [0]
    if columns == list(range(columns[0], columns[0] + len(columns))):
        first = DATA_FIRST_MONTH + columns[0]
        return ChartRange(0, row, first, first + len(columns) - 1), row
    helper = book.formats.helper()
    indicator = plan.indicator
    labels, values = row + 1, row + 2
    for r, series in ((labels, "Periods"), (values, indicator.unit.label)):
        sheet.write_string(r, DATA_REF, indicator.ref, helper)
        sheet.write_string(r, DATA_SERIES, series, helper)
    for offset, month in enumerate(plan.months):
        sheet.write_string(labels, DATA_FIRST_MONTH + offset, period_label(month, plan.frequency), helper)
    for index, value in plan.points:
        sheet.write_number(values, DATA_FIRST_MONTH + index, value, helper)
    return ChartRange(labels, values, DATA_FIRST_MONTH, DATA_FIRST_MONTH + len(plan.months) - 1), values


def _series_row(book: Book, sheet: Worksheet, row: int, indicator: Indicator, ytd_col: int,
                first_prior: int) -> bool:
    """An indicator's months, YTD and prior years as numbers; says whether any prior year had one."""
    helper = book.formats.helper()
    sheet.write_string(row, DATA_REF, indicator.ref, helper)
    sheet.write_string(row, DATA_SERIES, indicator.unit.label, helper)
    sheet.write_string(row, DATA_TITLE, f"{indicator.ref} {indicator.name}", helper)
    figures = book.figures(indicator)
    for offset in range(book.months_reported):
        figure = figures[offset]
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
    charts = [
        _chart(book, plan, places[index], data_sheet)
        for index, plan in zip(charted.positions, charted.plans, strict=True)
    ]
    _place_charts(sheet, charts, first_row)


def _chart(book: Book, plan: ChartPlan, place: SeriesPlace, data_sheet: str) -> Chart:
    theme = book.layout.theme
    size = book.formats.size
    indicator = plan.indicator
    assert place.chart is not None
    cells = place.chart
    first, last = cells.first_col, cells.last_col
    categories = [data_sheet, cells.categories_row, first, cells.categories_row, last]
    main = book.workbook.add_chart({"type": "column" if plan.kind == "bar" else "line"})
    series: dict[str, object] = {
        # Names and titles point at cells rather than carry the tracker's text: xlsxwriter would take text
        # shaped like "Sheet!A1" for a reference.
        "name": [data_sheet, place.row, DATA_SERIES],
        "categories": categories,
        "values": [data_sheet, cells.values_row, first, cells.values_row, last],
    }
    if plan.kind == "bar":
        series["fill"] = {"color": theme.series}
    else:
        series.update(line={"color": theme.series, "width": 2},
                      marker={"type": "circle", "size": 4, "fill": {"color": theme.series},
                              "border": {"color": theme.series}})
    main.add_series(series)
    overlay = book.workbook.add_chart({"type": "line"}) if plan.kind == "bar" and place.lines else main
    for line, drawn, position in zip(place.lines, plan.lines, _end_label_positions(plan), strict=True):
        overlay.add_series({
            "name": [data_sheet, line.row, DATA_SERIES],
            "categories": categories,
            "values": [data_sheet, line.row, first, line.row, last],
            "line": {"color": line.colour, "width": 1.5, "dash_type": line.dash},
            "marker": {"type": "none"},
            # Each line is named at its right-hand end, as in the PDF, so a greyscale print still says which.
            "data_labels": {"value": True, "position": position, "font": {"size": size},
                            "custom": [{"delete": True}] * (last - first) + [{"value": drawn.label}]},
        })
    if overlay is not main:
        main.combine(overlay)
    axis = plan.axis
    axis_name = plan.direction
    if axis.broken:
        # Excel cannot draw an axis break, so the axis says in words where it starts.
        low = format_number(axis.low, replace(indicator.unit, decimals=axis.decimals(indicator.unit)))
        axis_name = f"{axis_name} (scale starts at {low})" if axis_name else f"Scale starts at {low}"
    y_axis = {
        "min": axis.low, "max": axis.high, "major_unit": axis.step,
        "num_format": number_format(replace(indicator.unit, decimals=axis.decimals(indicator.unit))),
        "num_font": {"size": size},
        "major_gridlines": {"visible": True, "line": {"color": theme.header_fill}},
    }
    if axis_name:
        y_axis["name"] = axis_name
        y_axis["name_font"] = {"size": size, "bold": False}
    main.set_title({"name": [data_sheet, place.row, DATA_TITLE], "name_font": {"size": size + 1, "bold": True}})
    main.set_y_axis(y_axis)
    main.set_x_axis({"num_font": {"size": size, "rotation": -45 if last - first >= 6 else 0}})
    main.set_legend({"position": "bottom", "font": {"size": size}})
    # A gap where a period has no figure: the chart's periods are the measure's own, so any gap is a real one.
    main.show_blanks_as("gap")
    main.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    return main


def _end_label_positions(plan: ChartPlan) -> list[str]:
    """Right of each line's end; where a line runs close above another, the lower one's label goes under its
    end, since Excel cannot move one label clear of another as the PDF does."""
    span = plan.axis.high - plan.axis.low
    return ["below" if any(0 <= other.value - line.value < span * 0.1 for other in plan.lines if other is not line)
            else "right" for line in plan.lines]


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
