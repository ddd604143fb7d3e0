"""The PDF's tables: the performance summary and each section's in-month / annual trend / benchmarking table.

Short figures that fit their column are plain strings, which ReportLab draws without layout work; anything
that may wrap is an escaped paragraph (see ``cells``). Tables split between rows and repeat their header
rows on every page, and no row is ever taller than the page that must hold it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain, repeat
from typing import NamedTuple

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Spacer

from boardpack.model import (
    BenchmarkKind,
    Figure,
    Frequency,
    Indicator,
    Month,
    Polarity,
    Scorecard,
    Section,
    period_label,
)
from boardpack.render.pdf.cells import Grid, TableNotes, status_pair, tracker_notes
from boardpack.render.pdf.grid import ELLIPSIS, FIT, PAD, Cell, CellTable, Span, new_piece, wrap
from boardpack.render.pdf.styles import PdfStyles, text_width, unit_width
from boardpack.render.text import format_parts, threshold_text
from boardpack.render.trend import PRIOR_YEARS_SHOWN, TrendRow, trend_figures, trend_headings, trend_rows

SUMMARY_MONTHS = 3
# Column widths are in ems of the table font, so a larger theme font gets wider columns. The summary keeps
# its names to about two lines, leaving out its oldest years (each section page has them) to make room.
MIN_NAME_EMS = 18.0
MIN_NAME_SHARE = 0.22
# Wider figures (``not reported``) wrap rather than widen every row of the summary.
SUMMARY_CELL_MAX_EMS = 6.3
# Indicator names in a section table's header are cut to this length (the whole name is noted under the
# table), so the repeated header rows leave room for the figures.
HEADER_NAME_LIMIT = 160
# Room kept for a band row and the first row after it, below the repeated header rows.
BODY_SLACK = 40.0
# Header rows may take up to this share of the page; a longer heading is cut there and noted.
HEADER_SHARE = 0.4

POLARITY_WORDS = {
    Polarity.HIGH: "High", Polarity.LOW: "Low", Polarity.INFO: "Info", Polarity.WITHIN: "Within",
}


def _widest(texts: Iterable[str], size: float, bold: bool) -> float:
    """The widest of the texts that are not empty, as ``text_width`` measures each (0 for none). Measured
    at size 1 and scaled once: a product keeps the order of its factors, so the result is the same."""
    return max(map(unit_width, filter(None, texts), repeat(bold)), default=0.0) * size


def _column_width(texts: Iterable[str], size: float, low: float, high: float, bold: bool = False) -> float:
    widest = _widest(texts, size, bold)
    return min(high, max(low, widest + 2 * PAD + 1))


def _widest_word(texts: Iterable[str], size: float) -> float:
    """The widest word of any of ``texts`` in bold, as ``_longest_word`` measures each; a text without a
    space is measured whole."""
    return _widest(chain.from_iterable(t.split() if " " in t else (t,) for t in texts), size, True)


def fit_widths(widths: Sequence[float], available: float) -> list[float]:
    """The widths, narrowed in proportion when together they are wider than the page (a large font on a
    portrait page): cells then wrap rather than run off the paper."""
    total = sum(widths)
    return list(widths) if total <= available else [w * available / total for w in widths]


def _longest_word(text: str, size: float) -> float:
    return _widest(text.split(), size, True)


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
    current: bool = False  # the reporting period's column
    # Each indicator's text (in ``scorecard.indicators`` order) as measured for the width, and the markers
    # they use: a row takes its text from here unless it carries a footnote number (see ``_summary_row``).
    texts: tuple[str, ...] = field(default=(), compare=False, repr=False)
    markers: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @cached_property
    def cell_style(self) -> tuple[str, bool]:
        """The column's alignment and whether its figures are bold: worked out once a column, not once a cell
        (the summary of a large pack has tens of thousands of cells)."""
        return _summary_align(self), self.kind in ("dot", "rag") or self.current


def summary_months(scorecard: Scorecard) -> tuple[Month, ...]:
    """The months (or quarters, terms...) the summary shows: the report's three latest periods."""
    return scorecard.recent_periods(SUMMARY_MONTHS)


def other_period(indicator: Indicator) -> str:
    """The period the indicator's current figure is for, when that is not the reporting period; else empty."""
    assessment = indicator.assessment
    if assessment is None or assessment.current_month is None:
        return ""
    return indicator.period_label(assessment.current_month)


class _Figures:
    """Each indicator's figures by month and by prior year, looked up once for all the summary's columns
    (``figure_for`` compares every month of the row for each column): the first of a repeated month or
    label, as ``figure_for`` finds it."""

    def __init__(self) -> None:
        self._months: dict[int, dict[tuple[int, int], Figure]] = {}
        self._priors: dict[int, dict[str, Figure]] = {}

    def month(self, indicator: Indicator, month: Month) -> Figure | None:
        known = self._months.get(id(indicator))
        if known is None:
            known = self._months[id(indicator)] = {
                (o.month.year, o.month.month): o.figure for o in reversed(indicator.observations)}
        return known.get((month.year, month.month))

    def prior(self, indicator: Indicator, label: str) -> Figure | None:
        known = self._priors.get(id(indicator))
        if known is None:
            known = self._priors[id(indicator)] = {p.label: p.figure for p in reversed(indicator.prior_years)}
        return known.get(label)


def _noted(notes: TableNotes, figure: Figure | None, indicator: Indicator, column: SummaryColumn) -> str:
    """``notes.value``, naming where the figure is only when it has a note that may need it."""
    where = f"{indicator.ref} {column.header}" if figure is not None and figure.note else ""
    return notes.value(figure, indicator.unit, where)


def _summary_text(column: SummaryColumn, indicator: Indicator, notes: TableNotes, figures: _Figures) -> str:
    unit = indicator.unit
    assessment = indicator.assessment
    match column.kind:
        case "ref":
            return indicator.ref
        case "polarity":
            return POLARITY_WORDS[indicator.polarity]
        case "month":
            assert column.month is not None
            if column.current and assessment is not None and assessment.current_month is not None:
                return _noted(notes, assessment.current, indicator, column)
            if not indicator.measured_in(column.month):
                return ""  # not a month the measure is taken in: no figure is due, so none is missing
            return _noted(notes, figures.month(indicator, column.month), indicator, column)
        case "ytd":
            return _noted(notes, assessment.ytd if assessment else None, indicator, column)
        case "dot":
            return assessment.dot.arrow if assessment and assessment.dot else ""
        case "rag":
            if indicator.fault:
                return notes.not_rated()
            return assessment.rag.word if assessment and assessment.rag else ""
        case "red" | "amber" | "green":
            if not indicator.thresholds.any:
                return "n/a" if column.kind == "green" and indicator.polarity is Polarity.INFO else ""
            return threshold_text(getattr(indicator.thresholds, column.kind), unit)
        case "prior":
            if not indicator.prior_years:
                return ""
            return _noted(notes, figures.prior(indicator, column.label), indicator, column)
        case "benchmark":
            if not indicator.benchmarks:
                return ""
            assert column.benchmark is not None
            return _noted(notes, indicator.benchmark(column.benchmark), indicator, column)
    raise AssertionError(column.kind)


def _sized(column: SummaryColumn, indicators: Sequence[Indicator], size: float, figures: _Figures) -> SummaryColumn:
    scratch = TableNotes()
    texts = tuple([_summary_text(column, indicator, scratch, figures) for indicator in indicators])
    # Measured once each: a column repeats its words ("High", "Green", a dash) hundreds of times.
    measured = set(texts)
    if column.current:
        measured.update(other_period(indicator) for indicator in indicators)
    bold = column.kind in ("dot", "month", "rag")
    # Wide enough for the longest word in the column, so none is broken ("Unavaila-ble").
    longest = max(_longest_word(column.header, size), _widest_word(measured, size))
    low = max(3.4 * size, longest + 2 * PAD + 1)
    width = _column_width(measured, size, low, max(low, SUMMARY_CELL_MAX_EMS * size), bold)
    return replace(column, width=width, texts=texts, markers=frozenset(scratch.markers))


def _summary_columns(scorecard: Scorecard, styles: PdfStyles, available: float, figures: _Figures
                     ) -> list[SummaryColumn]:
    """The columns that fit the page: the core always, then targets, benchmarks and as many prior years as fit."""
    size = styles.table_size
    indicators = scorecard.indicators
    frequency = scorecard.frequency
    core = [
        SummaryColumn("polarity", "Good perf is"),
        *(SummaryColumn("month", period_label(m, frequency), f"In {frequency.period_word}", month=m,
                        current=m == scorecard.period) for m in summary_months(scorecard)),
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

    ref = _sized(SummaryColumn("ref", "No."), indicators, size, figures)
    ref = replace(ref, width=min(8 * size, ref.width))
    min_name = max(MIN_NAME_EMS * size, MIN_NAME_SHARE * available)
    chosen = [_sized(c, indicators, size, figures) for c in core]
    used = ref.width + sum(c.width for c in chosen)
    extras: dict[str, list[SummaryColumn]] = {}
    for key, columns in (("targets", targets), ("benchmarks", benchmarks)):
        if key == "targets" and not any(i.thresholds.any for i in indicators):
            continue
        sized = [_sized(c, indicators, size, figures) for c in columns]
        if available - used - sum(c.width for c in sized) >= min_name:
            extras[key] = sized
            used += sum(c.width for c in sized)
    # The latest years matter most, so the oldest are the first to go when the page is narrow.
    kept: list[SummaryColumn] = []
    for column in reversed([_sized(c, indicators, size, figures) for c in priors]):
        if available - used - column.width < min_name:
            break
        kept.insert(0, column)
        used += column.width
    name = SummaryColumn("name", "Indicator", width=max(min_name, available - used))
    columns = [ref, name, *chosen, *extras.get("targets", []), *kept, *extras.get("benchmarks", [])]
    widths = fit_widths([c.width for c in columns], available)  # one per column
    return [replace(c, width=w) for c, w in zip(columns, widths, strict=True)]


def _name_details(indicator: Indicator, report: Frequency) -> str:
    """The unit and timeline, and how often the measure is taken when that is not the report's own rhythm."""
    often = indicator.frequency.word if indicator.frequency is not report else ""
    if often and often.lower() in indicator.timeline.lower():
        often = ""
    return " · ".join(part for part in (indicator.unit.label, indicator.timeline, often) if part)


def _summary_header(grid: Grid, columns: Sequence[SummaryColumn], styles: PdfStyles) -> None:
    """Two header rows: the column groups, spanning their columns, then each column's heading."""
    header = styles.header_text
    groups = [c.group for c in columns]
    cells: list[Cell | None] = []
    start = 0
    while start < len(groups):
        end = start
        while end + 1 < len(groups) and groups[end + 1] == groups[start]:
            end += 1
        if groups[start]:
            span = end - start + 1
            cells.append(grid.cell(groups[start], start, bold=True, align="CENTER", colour=header, span=span))
            cells += [None] * (span - 1)
        else:
            cells += [grid.cell("", index) for index in range(start, end + 1)]
        start = end + 1
    grid.add(cells, fill=styles.header_fill)
    grid.add([grid.cell(c.header, index, bold=True, align="LEFT" if c.kind == "name" else "CENTER", colour=header)
              for index, c in enumerate(columns)], fill=styles.header_fill)


@dataclass(frozen=True)
class SummaryTable:
    flowables: tuple[Flowable, ...]
    notes: TableNotes
    left_out: tuple[str, ...]  # column groups or prior years that did not fit the page width


def summary_table(scorecard: Scorecard, styles: PdfStyles, available: float, page_height: float) -> SummaryTable:
    """The scorecard as one table, its two header rows at the top of every page, a band row per section."""
    figures = _Figures()
    columns = _summary_columns(scorecard, styles, available, figures)
    shown = {c.label for c in columns if c.kind == "prior"} | {c.kind for c in columns}
    left_out = tuple(
        [label for label in scorecard.prior_year_labels[-PRIOR_YEARS_SHOWN:] if label not in shown]
        + (["targets and tolerances"] if "green" not in shown and any(i.thresholds.any for i in scorecard.indicators)
           else [])
        + (["benchmarks"] if "benchmark" not in shown and any(i.benchmarks for i in scorecard.indicators) else [])
    )
    notes = TableNotes()
    for column in columns:
        notes.markers |= column.markers
    grid = Grid(styles, [c.width for c in columns], notes, HEADER_SHARE * page_height)
    _summary_header(grid, columns, styles)
    grid.budget = max(page_height - grid.height(2) - BODY_SLACK, 40.0)
    position = {id(indicator): index for index, indicator in enumerate(scorecard.indicators)}
    # The trackers' row order, as their own summary prints it; a band names the section wherever it changes.
    banded = None
    for section, indicator in scorecard.in_tracker_order():
        if section is not banded:
            grid.band(section.name)
            banded = section
        grid.add(_summary_row(grid, columns, indicator, position[id(indicator)], scorecard, styles, notes,
                              figures))
    return SummaryTable((grid.table(header_rows=2),), notes, left_out)


def _summary_row(grid: Grid, columns: Sequence[SummaryColumn], indicator: Indicator, position: int,
                 scorecard: Scorecard, styles: PdfStyles, notes: TableNotes, figures: _Figures) -> list[Cell]:
    """The indicator's row; ``position`` is its place in ``scorecard.indicators``, where the columns' texts are.

    A text is the one the column was measured with, which depends only on the figure, but for a footnote
    number (``12 [3]``, ``Not rated [1]``): footnotes are numbered in the order the rows meet them, so a text
    that may carry one is worked out again here, in row order. The markers are the columns' (``summary_table``).
    """
    cells = []
    for index, column in enumerate(columns):
        align, bold = column.cell_style
        if column.kind == "name":
            suffix = " (Council Plan Indicator)" if indicator.council_plan else ""
            details = _name_details(indicator, scorecard.frequency)
            # The details run on after the name, in small print, rather than taking a line of their own.
            runs = [Span(indicator.name + suffix)]
            if details:
                runs.append(Span(f"  {details}", colour=styles.muted_colour, size=styles.small))
            cells.append(grid.rich([runs], index, label=indicator.ref))
            continue
        text = column.texts[position]
        if text.endswith("]"):
            text = _summary_text(column, indicator, notes, figures)
        period = other_period(indicator) if column.current else ""
        if period:
            # The figure is for an earlier period than the column's (a quarter in a monthly report): say which.
            cells.append(grid.rich([[Span(text, True)]], index, align=align, label=f"{indicator.ref} {column.header}",
                                   always=[[Span(period, colour=styles.muted_colour, size=styles.small)]]))
            continue
        colour, size, fill = _summary_colours(column, indicator, styles) if column.kind in ("dot", "rag") else _PLAIN
        made = grid.plain(text, index, bold, align, colour, size, fill)
        cells.append(made if made is not None else grid.cell(
            text, index, bold=bold, align=align, label=f"{indicator.ref} {column.header}", colour=colour, size=size,
            fill=fill))
    return cells


def _summary_align(column: SummaryColumn) -> str:
    if column.kind in ("name", "ref"):
        return "LEFT"
    if column.kind in ("dot", "rag", "polarity", "red", "amber", "green"):
        return "CENTER"
    return "RIGHT"


_PLAIN: tuple[None, None, None] = (None, None, None)  # the table's own text colour and size, and no fill


def _summary_colours(column: SummaryColumn, indicator: Indicator, styles: PdfStyles
                     ) -> tuple[Color | None, float | None, Color | None]:
    """Text colour, text size and fill of a DOT or RAG cell; ``None`` for the table's own."""
    assessment = indicator.assessment
    if assessment is None:
        return None, None, None
    if column.kind == "dot" and assessment.dot:
        return styles.dot_colour[assessment.dot], styles.table_size + 2, None  # on the page colour
    if column.kind == "rag" and assessment.rag:
        return styles.rag_text[assessment.rag], None, styles.rag_fill[assessment.rag]
    return None, None, None


# ---------------------------------------------------------------------------------------------------------------
# A section's in-month performance, annual trend and latest benchmarking


class TrendEntry(NamedTuple):
    """What one indicator prints in one row: its figure, ``N of D`` and value text (a tuple: a section makes
    hundreds)."""

    figure: Figure | None
    parts: str
    value: str  # with notes and markers: the table's notes record them as the table is built

    @property
    def plain(self) -> bool:
        """Whether the value prints as it is, with no marker or note for the table's notes to record."""
        figure = self.figure
        return (figure is not None and figure.value is not None and not figure.note and figure.status is None
                and figure.previous is None)


@dataclass(frozen=True)
class TrendColumn:
    indicator: Indicator
    parts_width: float  # 0 when the indicator never gives ``N of D``
    value_width: float
    entries: tuple[TrendEntry | None, ...]  # one per row, None where the cell is left blank

    @property
    def width(self) -> float:
        return self.parts_width + self.value_width


def _trend_column(indicator: Indicator, rows: Sequence[TrendRow], period: Month, size: float) -> TrendColumn:
    scratch = TableNotes()
    unit = indicator.unit
    entries = tuple([
        new_piece(TrendEntry, (figure, format_parts(figure), scratch.value(figure, unit))) if show else None
        for figure, show in trend_figures(indicator, rows, period)
    ])
    shown = [entry for entry in entries if entry is not None]
    has_parts = any(entry.parts for entry in shown)
    # Bold, because the reporting month's row is printed bold.
    parts_width = (_column_width([e.parts for e in shown], size, 6.3 * size, 11.4 * size, bold=True)
                   if has_parts else 0.0)
    value_width = _column_width([e.value for e in shown] + _threshold_texts(indicator), size,
                                (5.1 if has_parts else 7.0) * size, 10.3 * size, bold=True)
    # Wide enough for the longest word of the name, so that no word of the header is broken.
    shortfall = _longest_word(indicator.name, size) + 2 * PAD + 1 - (parts_width + value_width)
    if shortfall > 0:
        value_width += min(shortfall, 5.7 * size)
    return TrendColumn(indicator, parts_width, value_width, entries)


# ---------------------------------------------------------------------------------------------------------------
# Planned once, laid out at the width the page gives


THRESHOLD_ROWS = (("red", "Red"), ("amber", "Amber"), ("green", "Target (Green)"))
# A column header holds the indicator's short name and its details in at most this many lines; a name cut
# short is printed whole in a key under the table.
HEADER_LINES = 4


def _threshold_texts(indicator: Indicator) -> list[str]:
    if not indicator.thresholds.any:
        return ["n/a"] if indicator.polarity is Polarity.INFO else []
    return [threshold_text(getattr(indicator.thresholds, kind), indicator.unit) for kind, _ in THRESHOLD_ROWS]


@dataclass(frozen=True)
class TrendPlan:
    """A section's table worked out once: its rows and each indicator's column at its narrowest."""

    scorecard: Scorecard
    section: Section
    row_groups: tuple[list[TrendRow], list[TrendRow], list[TrendRow]]
    columns: tuple[TrendColumn, ...]
    label_width: float
    rating: str
    thresholds: bool  # whether any indicator has a target, so the table shows the threshold rows

    @property
    def width(self) -> float:
        """The table's narrowest width on one row of columns."""
        return self.label_width + sum(column.width for column in self.columns)


def trend_plan(scorecard: Scorecard, section: Section, styles: PdfStyles, months: Sequence[Month]) -> TrendPlan:
    size = styles.table_size
    row_groups = trend_rows(scorecard, section, months)
    all_rows = [row for rows in row_groups for row in rows]
    rating = f"{scorecard.period_short} rating"
    thresholds = any(indicator.thresholds.any for indicator in section.indicators)
    labels = [row.label for row in all_rows] + [rating, "Indicator"]
    labels += [label for _, label in THRESHOLD_ROWS] if thresholds else []
    label_width = _column_width(labels, size, 6.3 * size, 13.7 * size, bold=True)
    columns = tuple(_trend_column(i, all_rows, scorecard.period, size) for i in section.indicators)
    return TrendPlan(scorecard, section, row_groups, columns, label_width, rating, thresholds)


def _balanced_chunks(columns: Sequence[TrendColumn], room: float) -> list[list[TrendColumn]]:
    """The columns in as few consecutive rows of tables as fit ``room``, the rows as even as they can be, so
    that each can be widened to the page without one lone column stretched across it."""
    widths = [column.width for column in columns]
    if not widths:
        return [[]]

    def rows_within(limit: float) -> list[list[int]]:
        rows: list[list[int]] = [[]]
        used = 0.0
        for index, width in enumerate(widths):
            if rows[-1] and used + width > limit + FIT:
                rows.append([])
                used = 0.0
            rows[-1].append(index)
            used += width
        return rows

    needed = len(rows_within(max(room, max(widths))))
    low, high = max(widths), max(room, max(widths))
    for _ in range(30):  # the narrowest limit that still needs no more rows
        middle = (low + high) / 2
        if len(rows_within(middle)) <= needed:
            high = middle
        else:
            low = middle
    return [[columns[i] for i in row] for row in rows_within(high)]


def trend_tables(plan: TrendPlan, styles: PdfStyles, available: float, page_height: float) -> list[Flowable]:
    """The section's table at ``available`` width, in as many stacked tables as its indicators need, each
    widened to the width, with the tracker's notes for the section under it, then the table's own notes."""
    notes = TableNotes()
    flowables: list[Flowable] = []
    for chunk in _balanced_chunks(plan.columns, available - plan.label_width):
        if flowables:
            flowables.append(Spacer(1, 8))
        flowables.append(_trend_table(plan, chunk, styles, notes, available, page_height))
    return flowables + tracker_notes(plan.section.notes, styles) + notes.flowables(styles)


# Units a figure shows plainly (``93.4%``, ``627``); any other (a rate per 10,000, days) is named in the header.
PLAIN_UNITS = frozenset({"count", "number", "percentage", "%"})


def _header_details(indicator: Indicator) -> str:
    goodness = {Polarity.INFO: "For info", Polarity.WITHIN: "Within limits is good"}.get(
        indicator.polarity, f"{POLARITY_WORDS[indicator.polarity]} is good")
    unit = "" if indicator.unit.label.lower() in PLAIN_UNITS else indicator.unit.label
    return " · ".join(p for p in (unit, goodness) if p)


def _widened(plan: TrendPlan, chunk: Sequence[TrendColumn], available: float
             ) -> tuple[list[float], list[int], list[int]]:
    """The chunk's column widths spread over ``available``, each column's start and span."""
    natural = [plan.label_width]
    starts, spans = [], []
    for column in chunk:
        starts.append(len(natural))
        spans.append(2 if column.parts_width else 1)
        natural += [column.parts_width, column.value_width] if column.parts_width else [column.value_width]
    extra = available - sum(natural)
    if extra > 0:
        figures = sum(natural[1:])
        natural = [natural[0]] + [width + extra * width / figures for width in natural[1:]]
    return fit_widths(natural, available), starts, spans


def _trend_table(plan: TrendPlan, chunk: Sequence[TrendColumn], styles: PdfStyles, notes: TableNotes,
                 available: float, page_height: float) -> CellTable:
    widths, starts, spans = _widened(plan, chunk, available)
    period = plan.scorecard.period
    grid = Grid(styles, widths, notes, HEADER_SHARE * page_height)
    header_rows = _trend_header(grid, plan, chunk, starts, spans, styles)
    grid.budget = max(40.0, page_height - grid.height(header_rows) - BODY_SLACK)

    months, priors, benchmarks = plan.row_groups
    blank = [grid.cell("", column) for column in range(len(widths))]
    index = 0  # of the row in every column's entries
    for title, rows in zip(trend_headings(plan.scorecard), (months, priors, benchmarks), strict=True):
        if not rows:
            continue
        grid.band(title)
        for row in rows:
            current = row.kind == "month" and row.month == period
            # The reporting month's row is printed bold on the header fill, in the header's text colour.
            colour = styles.header_text if current else None
            cells: list[Cell | None] = [grid.cell(row.label, 0, bold=True, colour=colour)]
            for start, span, column in zip(starts, spans, chunk, strict=True):
                entry = column.entries[index]
                if entry is None:
                    cells += blank[start:start + span]
                    continue
                if column.parts_width:
                    cells.append(grid.cell(entry.parts, start, bold=current, align="RIGHT", colour=colour))
                last = start + span - 1
                # Most figures print as they are, on one line: the cell is made without its label.
                made = grid.plain(entry.value, last, current, "RIGHT", colour) if entry.plain else None
                if made is None:
                    where = f"{column.indicator.ref} {row.label}"
                    value = entry.value if entry.plain else notes.value(entry.figure, column.indicator.unit, where)
                    made = grid.cell(value, last, bold=current, align="RIGHT", label=where, colour=colour)
                cells.append(made)
            grid.add(cells, fill=styles.header_fill if current else None)
            index += 1
    return grid.table(header_rows=header_rows)


def _header_name(grid: Grid, indicator: Indicator, start: int, span: int, styles: PdfStyles) -> Cell:
    """The column header's cell: the ref and name, then the details in small print. The name is whole if it
    fits above the details within ``HEADER_LINES`` lines, else cut after a whole word with an ellipsis, and
    printed whole in the key under the table. Wrapped once, in the header's colours, as the cell prints it."""
    width = sum(grid.widths[start:start + span]) - 2 * PAD
    size = styles.table_size
    header = styles.header_text
    details = [[Span(_header_details(indicator), colour=styles.header_muted, size=styles.small)]]
    tail = wrap(details, width, size, header)
    room = max(1, HEADER_LINES - len(tail))
    ref = Span(f"{indicator.ref} ", bold=True)
    runs = [ref, Span(indicator.name, bold=True)]
    lines = wrap([runs], width, size, header)
    if len(lines) > room:
        # The lines that fit, the last given up word by word until the ellipsis fits after it.
        kept = ["".join(f.text for f in line.fragments) for line in lines[:room]]
        last = kept[-1].split()
        while last and text_width(" ".join(last) + ELLIPSIS, size, True) > width + FIT:
            last.pop()
        words = " ".join(kept[:-1] + last).split()[1:]  # without the ref
        grid.notes.whole(indicator.ref, indicator.name)
        runs = [ref, Span((" ".join(words) + ELLIPSIS).strip(), bold=True)]
        lines = wrap([runs], width, size, header)
    return grid.wrapped([runs], lines, tail, start, label=indicator.ref, span=span)


def _trend_header(grid: Grid, plan: TrendPlan, chunk: Sequence[TrendColumn], starts: Sequence[int],
                  spans: Sequence[int], styles: PdfStyles) -> int:
    """The header rows: each indicator's ref, name and details, its rating on its RAG fill, and the thresholds
    that rating comes from. Returns how many rows they are."""
    header = styles.header_text
    names: list[Cell | None] = [grid.cell("Indicator", 0, bold=True, colour=header)]
    ratings: list[Cell | None] = [grid.cell(plan.rating, 0, bold=True, colour=header, fill=styles.header_fill)]
    for start, span, column in zip(starts, spans, chunk, strict=True):
        indicator = column.indicator
        gap = [None] * (span - 1)
        names += [_header_name(grid, indicator, start, span, styles), *gap]
        rag = indicator.assessment.rag if indicator.assessment else None
        period = other_period(indicator)
        # A rating for an earlier period than the table's (a quarter in a monthly report) says which.
        on = styles.rag_text[rag] if rag else styles.muted_colour
        when = [[Span(period, colour=on, size=styles.small)]] if period else ()
        # The rating sits on its RAG fill, or on the page colour, never on the header fill.
        pair = [Span(grid.notes.not_rated(), True)] if indicator.fault else status_pair(indicator, styles)
        ratings += [grid.rich([pair], start, align="CENTER", span=span,
                              fill=styles.rag_fill[rag] if rag else styles.page, always=when), *gap]
    grid.add(names, fill=styles.header_fill)
    grid.add(ratings)
    if not plan.thresholds:
        return 2
    # The levels the rating is judged against, under it, so a red rating shows what made it red.
    for kind, label in THRESHOLD_ROWS:
        cells: list[Cell | None] = [grid.cell(label, 0, bold=True, colour=header, fill=styles.header_fill)]
        for start, span, column in zip(starts, spans, chunk, strict=True):
            indicator = column.indicator
            if indicator.thresholds.any:
                text = threshold_text(getattr(indicator.thresholds, kind), indicator.unit)
            else:
                text = "n/a" if kind == "green" and indicator.polarity is Polarity.INFO else ""
            cells += [grid.cell(text, start, align="CENTER", span=span), *([None] * (span - 1))]
        grid.add(cells)
    return 2 + len(THRESHOLD_ROWS)
