"""The PDF's tables: the performance summary and each section's in-month / annual trend / benchmarking table.

Short figures that fit their column are plain strings, which ReportLab draws without layout work; anything
that may wrap is an escaped paragraph (see ``pdf_cells``). Tables split between rows and repeat their header
rows on every page, and no row is ever taller than the page that must hold it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Spacer, Table

from boardpack.model import BenchmarkKind, Figure, Indicator, Month, Polarity, Scorecard, Section
from boardpack.render.pdf_cells import (
    PAD,
    CellParagraph,
    Grid,
    TableNotes,
    header_height,
    markup,
    muted_line,
    para,
    status_pair,
    target_text,
    threshold_text,
)
from boardpack.render.pdf_styles import FONT_BOLD, PAGE_BACKGROUND, PdfStyles, text_width
from boardpack.render.text import format_parts

SUMMARY_MONTHS = 3
PRIOR_YEARS_SHOWN = 5
# Column widths are in ems of the table font, so a larger theme font gets wider columns.
MIN_NAME_EMS = 18.0
# Wider figures (``not reported``) wrap rather than widen every row of the summary.
SUMMARY_CELL_MAX_EMS = 6.3
# Indicator names in a section table's header are cut to this length (the whole name is noted under the
# table), so the repeated header rows leave room for the figures.
HEADER_NAME_LIMIT = 160
# Room kept for a band row and the first row after it, below the repeated header rows.
BODY_SLACK = 40.0

PAGE_COLOUR = HexColor(PAGE_BACKGROUND)
POLARITY_WORDS = {Polarity.HIGH: "High", Polarity.LOW: "Low", Polarity.INFO: "Info"}


def _column_width(texts: Iterable[str], size: float, low: float, high: float, bold: bool = False) -> float:
    widest = max((text_width(t, size, bold) for t in texts if t), default=0.0)
    return min(high, max(low, widest + 2 * PAD + 1))


def fit_widths(widths: Sequence[float], available: float) -> list[float]:
    """The widths, narrowed in proportion when together they are wider than the page (a large font on a
    portrait page): cells then wrap rather than run off the paper."""
    total = sum(widths)
    return list(widths) if total <= available else [w * available / total for w in widths]


def _longest_word(text: str, size: float) -> float:
    return max((text_width(word, size, True) for word in text.split()), default=0.0)


def short_name(name: str) -> str:
    if len(name) <= HEADER_NAME_LIMIT:
        return name
    cut = name[:HEADER_NAME_LIMIT].rsplit(" ", 1)[0] or name[:HEADER_NAME_LIMIT]
    return cut + " …"


# ---------------------------------------------------------------------------------------------------------------
# Performance summary


@dataclass(frozen=True)
class SummaryColumn:
    kind: str
    header: str
    group: str = ""
    month: Month | None = None
    label: str = ""
    benchmark: BenchmarkKind | None = None
    width: float = 0.0


def summary_months(scorecard: Scorecard) -> tuple[Month, ...]:
    return tuple(scorecard.period.shift(-i) for i in reversed(range(SUMMARY_MONTHS)))


def _summary_text(column: SummaryColumn, indicator: Indicator, notes: TableNotes) -> str:
    unit = indicator.unit
    assessment = indicator.assessment
    where = f"{indicator.ref} {column.header}"
    match column.kind:
        case "ref":
            return indicator.ref
        case "polarity":
            return POLARITY_WORDS[indicator.polarity]
        case "month":
            assert column.month is not None
            return notes.value(indicator.figure_for(column.month), unit, where)
        case "ytd":
            return notes.value(assessment.ytd if assessment else None, unit, where)
        case "dot":
            return assessment.dot.arrow if assessment and assessment.dot else ""
        case "rag":
            return assessment.rag.word if assessment and assessment.rag else ""
        case "red" | "amber" | "green":
            if not indicator.thresholds.any:
                return "n/a" if column.kind == "green" and indicator.polarity is Polarity.INFO else ""
            return threshold_text(getattr(indicator.thresholds, column.kind), unit)
        case "prior":
            if not indicator.prior_years:
                return ""
            figure = next((p.figure for p in indicator.prior_years if p.label == column.label), None)
            return notes.value(figure, unit, where)
        case "benchmark":
            if not indicator.benchmarks:
                return ""
            assert column.benchmark is not None
            return notes.value(indicator.benchmark(column.benchmark), unit, where)
    raise AssertionError(column.kind)


def _sized(column: SummaryColumn, indicators: Sequence[Indicator], size: float) -> SummaryColumn:
    scratch = TableNotes()
    texts = [_summary_text(column, indicator, scratch) for indicator in indicators]
    bold = column.kind in ("dot", "month", "rag")
    low = max(3.4 * size, _longest_word(column.header, size) + 2 * PAD + 1)
    return replace(column, width=_column_width(texts, size, low, SUMMARY_CELL_MAX_EMS * size, bold))


def _summary_columns(scorecard: Scorecard, styles: PdfStyles, available: float) -> list[SummaryColumn]:
    """The columns that fit the page: the core always, then targets, benchmarks and as many prior years as fit."""
    size = styles.table_size
    indicators = scorecard.indicators
    core = [
        SummaryColumn("polarity", "Good perf is"),
        *(SummaryColumn("month", m.label, "In month", month=m) for m in summary_months(scorecard)),
        SummaryColumn("ytd", f"YTD {scorecard.period.financial_year_label}"),
        SummaryColumn("dot", "DOT"),
        SummaryColumn("rag", "RAG"),
    ]
    group = "Target and tolerances"
    targets = [SummaryColumn("red", "Red", group), SummaryColumn("amber", "Amber", group),
               SummaryColumn("green", "Target (Green)", group)]
    kinds = [kind for kind in BenchmarkKind if any(i.benchmark(kind) is not None for i in indicators)]
    benchmarks = [SummaryColumn("benchmark", k.label, "Latest benchmarking", benchmark=k) for k in kinds]
    priors = [SummaryColumn("prior", label, "Annual trend", label=label)
              for label in scorecard.prior_year_labels[-PRIOR_YEARS_SHOWN:]]

    ref = _sized(SummaryColumn("ref", "No."), indicators, size)
    ref = replace(ref, width=min(8 * size, ref.width))
    min_name = MIN_NAME_EMS * size
    chosen = [_sized(c, indicators, size) for c in core]
    used = ref.width + sum(c.width for c in chosen)
    extras: dict[str, list[SummaryColumn]] = {}
    for key, columns in (("targets", targets), ("benchmarks", benchmarks)):
        if key == "targets" and not any(i.thresholds.any for i in indicators):
            continue
        sized = [_sized(c, indicators, size) for c in columns]
        if available - used - sum(c.width for c in sized) >= min_name:
            extras[key] = sized
            used += sum(c.width for c in sized)
    # The latest years matter most, so the oldest are the first to go when the page is narrow.
    kept: list[SummaryColumn] = []
    for column in reversed([_sized(c, indicators, size) for c in priors]):
        if available - used - column.width < min_name:
            break
        kept.insert(0, column)
        used += column.width
    name = SummaryColumn("name", "Indicator", width=max(min_name, available - used))
    columns = [ref, name, *chosen, *extras.get("targets", []), *kept, *extras.get("benchmarks", [])]
    return [replace(c, width=w) for c, w in zip(columns, fit_widths([c.width for c in columns], available))]


def _name_markup(indicator: Indicator, styles: PdfStyles):
    details = " · ".join(part for part in (indicator.unit.label, indicator.timeline) if part)
    suffix = " (Council Plan Indicator)" if indicator.council_plan else ""
    tail = f"<br/>{muted_line(details, styles.table_size - 0.5)}" if details else ""
    return lambda name: markup(name) + suffix + tail


def _group_header(columns: Sequence[SummaryColumn], styles: PdfStyles) -> tuple[list[object], list[tuple]]:
    groups = [c.group for c in columns]
    row: list[object] = [para(g, styles.header) if g else "" for g in groups]
    spans = []
    start = 0
    while start < len(groups):
        end = start
        while end + 1 < len(groups) and groups[end + 1] == groups[start]:
            end += 1
        if groups[start] and end > start:
            spans.append(("SPAN", (start, 0), (end, 0)))
        start = end + 1
    return row, spans


@dataclass(frozen=True)
class SummaryTable:
    flowables: tuple[Flowable, ...]  # runs of rows, each starting its page with the header rows
    notes: TableNotes
    left_out: tuple[str, ...]  # column groups or prior years that did not fit the page width


class _LastPage:
    """The page the previous run of summary rows was drawn on, shared by the runs of one summary."""

    def __init__(self) -> None:
        self.number: int | None = None


class SummaryRun(Flowable):
    """A few summary rows that draw the header rows when they start a page, and no header otherwise.

    One long table makes ReportLab re-measure every remaining row at each page break, so the summary's cost
    grew with the square of its rows; runs of a few rows keep it linear. A run never splits part-way down a
    page: when it does not fit it moves whole to the next page, where it starts with the header rows.
    """

    def __init__(self, headed: Table, bare: Table, last_page: _LastPage, first: bool) -> None:
        super().__init__()
        self.headed, self.bare, self.last_page, self.first = headed, bare, last_page, first
        self.hAlign = "LEFT"
        self._chosen = headed

    def _choose(self) -> Table:
        starts_page = self.first or self.canv.getPageNumber() != self.last_page.number
        return self.headed if starts_page else self.bare

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._chosen = self._choose()
        self.width, self.height = self._chosen.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        chosen = self._choose()
        if chosen is self.bare:
            return []
        return chosen.split(available_width, available_height)

    def draw(self) -> None:
        self.last_page.number = self.canv.getPageNumber()
        self._chosen.drawOn(self.canv, 0, 0)


RUN_ROWS = 10


def _runs(scorecard: Scorecard) -> list[tuple[str | None, tuple[Indicator, ...]]]:
    """Each section's indicators in runs of at most ``RUN_ROWS``; the first run of a section carries its band."""
    runs = []
    for section in scorecard.sections:
        indicators = section.indicators
        runs.append((section.name, indicators[:RUN_ROWS]))
        runs += [(None, indicators[start:start + RUN_ROWS]) for start in range(RUN_ROWS, len(indicators), RUN_ROWS)]
    return runs


def summary_table(scorecard: Scorecard, styles: PdfStyles, available: float, page_height: float) -> SummaryTable:
    """The scorecard in runs of rows, its two header rows at the top of every page, a band row per section."""
    columns = _summary_columns(scorecard, styles, available)
    shown = {c.label for c in columns if c.kind == "prior"} | {c.kind for c in columns}
    left_out = tuple(
        [label for label in scorecard.prior_year_labels[-PRIOR_YEARS_SHOWN:] if label not in shown]
        + (["targets and tolerances"] if "green" not in shown and any(i.thresholds.any for i in scorecard.indicators)
           else [])
        + (["benchmarks"] if "benchmark" not in shown and any(i.benchmarks for i in scorecard.indicators) else [])
    )
    widths = [c.width for c in columns]
    group_row, spans = _group_header(columns, styles)
    header_row = [para(c.header, styles.header_left if c.kind == "name" else styles.header) for c in columns]
    notes = TableNotes()
    budget = max(page_height - header_height([group_row, header_row], widths) - BODY_SLACK, 40.0)
    last_page = _LastPage()
    flowables: list[Flowable] = []
    for band, indicators in _runs(scorecard):
        grid = Grid(styles, widths, notes, budget)
        grid.rows += [group_row, header_row]
        grid.commands += spans
        if band is not None:
            grid.band(band)
        for indicator in indicators:
            grid.rows.append(_summary_row(grid, columns, indicator, scorecard, styles, notes))
        for index, column in enumerate(columns):
            grid.commands.append(("ALIGN", (index, 2), (index, -1), _summary_align(column)))
        flowables.append(SummaryRun(grid.table(header_rows=2), grid.table(header_rows=2, with_header=False),
                                    last_page, first=not flowables))
    return SummaryTable(tuple(flowables), notes, left_out)


def _summary_row(grid: Grid, columns: Sequence[SummaryColumn], indicator: Indicator, scorecard: Scorecard,
                 styles: PdfStyles, notes: TableNotes) -> list[object]:
    row = grid.row_index
    cells: list[object] = []
    for index, column in enumerate(columns):
        if column.kind == "name":
            cells.append(grid.paragraph(indicator.name, index, _name_markup(indicator, styles), styles.cell,
                                        label=indicator.ref))
            continue
        text = _summary_text(column, indicator, notes)
        bold = column.kind in ("dot", "rag") or column.month == scorecard.period
        cells.append(grid.cell(text, index, row, bold=bold, align=_summary_align(column),
                               label=f"{indicator.ref} {column.header}"))
        _summary_colours(grid, column, index, row, indicator, styles)
    return cells


def _summary_align(column: SummaryColumn) -> str:
    if column.kind in ("name", "ref"):
        return "LEFT"
    if column.kind in ("dot", "rag", "polarity", "red", "amber", "green"):
        return "CENTER"
    return "RIGHT"


def _summary_colours(
    grid: Grid, column: SummaryColumn, col: int, row: int, indicator: Indicator, styles: PdfStyles
) -> None:
    assessment = indicator.assessment
    if assessment is None:
        return
    if column.kind == "dot" and assessment.dot:
        grid.commands += [
            ("TEXTCOLOR", (col, row), (col, row), styles.dot_colour[assessment.dot]),  # on the page colour
            ("FONT", (col, row), (col, row), FONT_BOLD, styles.table_size + 2),
        ]
    elif column.kind == "rag" and assessment.rag:
        grid.commands += [
            ("BACKGROUND", (col, row), (col, row), styles.rag_fill[assessment.rag]),
            ("TEXTCOLOR", (col, row), (col, row), styles.rag_text[assessment.rag]),
        ]


# ---------------------------------------------------------------------------------------------------------------
# A section's in-month performance, annual trend and latest benchmarking


@dataclass(frozen=True)
class TrendRow:
    label: str
    kind: str  # "month", "ytd", "prior", "benchmark"
    month: Month | None = None
    key: str = ""
    benchmark: BenchmarkKind | None = None


@dataclass(frozen=True)
class TrendColumn:
    indicator: Indicator
    parts_width: float  # 0 when the indicator never gives ``N of D``
    value_width: float

    @property
    def width(self) -> float:
        return self.parts_width + self.value_width


def trend_rows(scorecard: Scorecard, section: Section) -> tuple[list[TrendRow], list[TrendRow], list[TrendRow]]:
    """The in-month rows (the trend window and YTD), the annual trend rows and the benchmarking rows."""
    period = scorecard.period
    months = [TrendRow(m.label, "month", month=m) for m in period.trend_window()]
    months.append(TrendRow(f"YTD {period.financial_year_label}", "ytd"))
    priors = [TrendRow(label, "prior", key=label) for label in scorecard.prior_year_labels[-PRIOR_YEARS_SHOWN:]]
    kinds = [k for k in BenchmarkKind if any(i.benchmark(k) is not None for i in section.indicators)]
    benchmarks = [TrendRow(k.label, "benchmark", benchmark=k) for k in kinds]
    return months, priors, benchmarks


def trend_figure(indicator: Indicator, row: TrendRow, period: Month) -> tuple[Figure | None, bool]:
    """The figure for a row and whether the cell should show anything at all.

    Months after the reporting period are left blank (not yet due); so are benchmark rows for an indicator
    that has no benchmarks. Everything else shows its figure or the marker for a missing one.
    """
    match row.kind:
        case "month":
            assert row.month is not None
            figure = indicator.figure_for(row.month)
            return figure, figure is not None or row.month <= period
        case "ytd":
            return (indicator.assessment.ytd if indicator.assessment else None), True
        case "prior":
            figure = next((p.figure for p in indicator.prior_years if p.label == row.key), None)
            return figure, bool(indicator.prior_years)
        case "benchmark":
            assert row.benchmark is not None
            return indicator.benchmark(row.benchmark), bool(indicator.benchmarks)
    raise AssertionError(row.kind)


def _trend_column(indicator: Indicator, rows: Sequence[TrendRow], period: Month, size: float) -> TrendColumn:
    scratch = TableNotes()
    shown = [figure for figure, show in (trend_figure(indicator, row, period) for row in rows) if show]
    parts = [format_parts(f) for f in shown]
    values = [scratch.value(f, indicator.unit) for f in shown]
    has_parts = any(parts)
    # Bold, because the reporting month's row is printed bold.
    parts_width = _column_width(parts, size, 6.3 * size, 11.4 * size, bold=True) if has_parts else 0.0
    value_width = _column_width(values, size, (5.1 if has_parts else 8.6) * size, 10.3 * size, bold=True)
    # Wide enough for the longest word of the name, so the header does not break words.
    shortfall = _longest_word(short_name(indicator.name), size) + 2 * PAD + 1 - (parts_width + value_width)
    if shortfall > 0:
        value_width += min(shortfall, 5.7 * size)
    return TrendColumn(indicator, parts_width, value_width)


def _chunks(columns: Sequence[TrendColumn], room: float) -> list[list[TrendColumn]]:
    chunks: list[list[TrendColumn]] = [[]]
    used = 0.0
    for column in columns:
        if chunks[-1] and used + column.width > room:
            chunks.append([])
            used = 0.0
        chunks[-1].append(column)
        used += column.width
    return chunks


def trend_tables(scorecard: Scorecard, section: Section, styles: PdfStyles, available: float,
                 page_height: float) -> list[Flowable]:
    """The section's table, split across as many stacked tables as its indicators need to fit the width."""
    period = scorecard.period
    size = styles.table_size
    row_groups = trend_rows(scorecard, section)
    all_rows = [row for rows in row_groups for row in rows]
    rating = f"{period.label} rating"
    label_width = _column_width([row.label for row in all_rows] + [rating], size, 6.3 * size, 13.7 * size,
                                bold=True)
    columns = [_trend_column(i, all_rows, period, size) for i in section.indicators]
    notes = TableNotes()
    flowables: list[Flowable] = []
    for chunk in _chunks(columns, available - label_width):
        if flowables:
            flowables.append(Spacer(1, 8))
        flowables.append(_trend_table(chunk, label_width, row_groups, rating, period, styles, notes, available,
                                      page_height))
        for column in chunk:
            if short_name(column.indicator.name) != column.indicator.name:
                notes.whole(column.indicator.ref, column.indicator.name)
    return flowables + notes.flowables(styles)


def _header_details(indicator: Indicator) -> str:
    goodness = (f"{POLARITY_WORDS[indicator.polarity]} is good" if indicator.polarity is not Polarity.INFO
                else "For information")
    target = target_text(indicator)
    return " · ".join(p for p in (indicator.unit.label, goodness, f"Target {target}" if target else "") if p)


def _trend_table(
    chunk: Sequence[TrendColumn],
    label_width: float,
    row_groups: tuple[list[TrendRow], list[TrendRow], list[TrendRow]],
    rating: str,
    period: Month,
    styles: PdfStyles,
    notes: TableNotes,
    available: float,
    page_height: float,
) -> Table:
    widths = [label_width]
    starts = []
    for column in chunk:
        starts.append(len(widths))
        widths += [column.parts_width, column.value_width] if column.parts_width else [column.value_width]
    widths = fit_widths(widths, available)
    ends = [start + (1 if column.parts_width else 0) for start, column in zip(starts, chunk)]
    # The header may take up to 40% of the page; a longer name is cut there and noted under the table.
    grid = Grid(styles, widths, notes, page_height * 0.4)

    refs: list[object] = [""] * len(widths)
    names: list[object] = [para("Indicator", styles.header_left)] + [""] * (len(widths) - 1)
    ratings: list[object] = [para(rating, styles.header_left)] + [""] * (len(widths) - 1)
    for start, end, column in zip(starts, ends, chunk):
        indicator = column.indicator
        span = end - start + 1
        refs[start] = grid.paragraph(indicator.ref, start, markup, styles.header, span=span)
        details = muted_line(_header_details(indicator), styles.table_size - 0.5, styles.header_muted)
        names[start] = grid.paragraph(short_name(indicator.name), start,
                                      lambda name: f"<b>{markup(name)}</b><br/>{details}", styles.header_cell,
                                      label=indicator.ref, span=span)
        ratings[start] = CellParagraph(status_pair(indicator, styles), styles.cell_centre)
        for row_index in range(3):
            if end > start:
                grid.commands.append(("SPAN", (start, row_index), (end, row_index)))
        assessment = indicator.assessment
        rag = assessment.rag if assessment else None
        # The rating sits on its RAG fill, or on the page colour, never on the header fill.
        grid.commands.append(("BACKGROUND", (start, 2), (end, 2), styles.rag_fill[rag] if rag else PAGE_COLOUR))
    grid.rows += [refs, names, ratings]
    grid.commands.append(("BACKGROUND", (0, 2), (0, 2), styles.header_fill))
    grid.budget = max(40.0, page_height - header_height(grid.rows, widths) - BODY_SLACK)

    months, priors, benchmarks = row_groups
    for title, rows in (("In month performance", months), ("Annual trend", priors),
                        ("Latest benchmarking", benchmarks)):
        if not rows:
            continue
        grid.band(title)
        for row in rows:
            index = grid.row_index
            current = row.kind == "month" and row.month == period
            cells: list[object] = [grid.cell(row.label, 0, index, bold=True, shaded=current)]
            cells += [""] * (len(widths) - 1)
            for start, column in zip(starts, chunk):
                figure, show = trend_figure(column.indicator, row, period)
                if not show:
                    continue
                where = f"{column.indicator.ref} {row.label}"
                value_at = start + 1 if column.parts_width else start
                if column.parts_width:
                    cells[start] = grid.cell(format_parts(figure), start, index, bold=current, align="RIGHT",
                                             shaded=current)
                cells[value_at] = grid.cell(notes.value(figure, column.indicator.unit, where), value_at, index,
                                            bold=current, align="RIGHT", label=where, shaded=current)
            if current:
                grid.commands.append(("BACKGROUND", (0, index), (-1, index), styles.header_fill))
                grid.commands.append(("TEXTCOLOR", (0, index), (-1, index), styles.header_text))
            grid.rows.append(cells)
    grid.commands.append(("ALIGN", (1, 3), (-1, -1), "RIGHT"))
    return grid.table(header_rows=3)
