"""The PDF's tables: the performance summary and each section's in-month / annual trend / benchmarking table.

Cells that may wrap are Paragraphs (escaped, so ``&`` and ``<`` print literally); short figures that fit their
column are plain strings, which ReportLab draws without layout work. Tables split between rows and repeat
their header rows, and a row taller than a page may split inside itself, so no input can raise LayoutError.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from boardpack.model import (
    BenchmarkKind,
    Comparison,
    Figure,
    Indicator,
    Month,
    Polarity,
    Scorecard,
    Section,
    Status,
    Threshold,
    Unit,
)
from boardpack.render.pdf_styles import FONT, FONT_BOLD, MUTED_TEXT, PdfStyles, text_width
from boardpack.render.text import MISSING, format_number, format_parts, format_value

PAD = 3.0
SUMMARY_MONTHS = 3
PRIOR_YEARS_SHOWN = 5
MIN_NAME_WIDTH = 125.0
# Wider figures (``not reported``) wrap rather than widen every row of the summary.
SUMMARY_CELL_MAX = 44.0
# A column header longer than this would make the repeated header rows too tall; such names are shortened in
# the header and printed whole in a note under the table.
HEADER_NAME_LIMIT = 160

POLARITY_WORDS = {Polarity.HIGH: "High", Polarity.LOW: "Low", Polarity.INFO: "Info"}
_COMPARISON_TEXT = {
    Comparison.AT_LEAST: "{}+",
    Comparison.MORE_THAN: ">{}",
    Comparison.AT_MOST: "≤{}",
    Comparison.LESS_THAN: "<{}",
}


class CellParagraph(Paragraph):
    """A Paragraph that remembers its last wrap.

    Line breaking depends only on the width, and a long table measures every remaining row again each time
    it splits at a page end; remembering the answer keeps a 1,000-row summary quick.
    """

    _wrapped_width: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Paragraph.split may drop its line breaks (blPara) to force a fresh wrap; then wrap again.
        if available_width != self._wrapped_width or not hasattr(self, "blPara"):
            super().wrap(available_width, available_height)
            self._wrapped_width = available_width
        return self.width, self.height


def markup(text: str) -> str:
    """Text made safe for a Paragraph: markup characters escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def para(text: str, style: object) -> Paragraph:
    return CellParagraph(markup(text), style)


def coloured(text: str, colour: Color | str, bold: bool = False) -> str:
    """Escaped text in a colour, for a Paragraph; ``colour`` is a ReportLab colour or ``#RRGGBB``."""
    hex_colour = colour if isinstance(colour, str) else "#" + colour.hexval()[2:]
    inner = f"<b>{markup(text)}</b>" if bold else markup(text)
    return f'<font color="{hex_colour}">{inner}</font>'


def muted_line(text: str, size: float) -> str:
    return f'<font size="{size:g}" color="{MUTED_TEXT}">{markup(text)}</font>'


def threshold_text(threshold: Threshold | None, unit: Unit) -> str:
    if threshold is None:
        return ""
    if threshold.text:
        return threshold.text
    low = format_number(threshold.value, unit)
    if threshold.comparison is Comparison.BETWEEN and threshold.upper is not None:
        return f"{low}–{format_number(threshold.upper, unit)}"
    return _COMPARISON_TEXT.get(threshold.comparison, "{}").format(low)


def target_text(indicator: Indicator) -> str:
    """What good looks like, for headers and charts: the green threshold, else the amber one."""
    thresholds = indicator.thresholds
    return threshold_text(thresholds.green or thresholds.amber, indicator.unit)


def with_note(text: str, figure: Figure | None) -> str:
    if figure is None or not figure.note:
        return text
    note = " ".join(figure.note.split())
    return f"{text} {note}" if note.startswith("(") else f"{text} ({note})"


@dataclass
class MissingNotes:
    """Records which markers stand in for missing figures, so the note under a table can explain each one."""

    seen: set[str] = field(default_factory=set)

    def value(self, figure: Figure | None, unit: Unit) -> str:
        text = format_value(figure, unit)
        if figure is None or figure.value is None:
            self.seen.add(text)
        return with_note(text, figure)

    def parts(self, figure: Figure | None) -> str:
        return format_parts(figure)

    def note(self) -> str:
        if not self.seen:
            return ""
        return "Where no figure is shown: " + explain_markers(self.seen) + ". A missing figure is never a zero."


def explain_markers(markers: Iterable[str]) -> str:
    explained = {status.value: status.explanation for status in Status}
    explained.setdefault(MISSING, "no figure")
    return "; ".join(f"‘{marker}’ {explained.get(marker, 'no figure')}" for marker in sorted(markers))


class Grid:
    """Rows of cells and their style commands, built together so spans and colours stay in step."""

    def __init__(self, styles: PdfStyles, widths: Sequence[float]) -> None:
        self.styles = styles
        self.widths = list(widths)
        self.rows: list[list[object]] = []
        self.commands: list[tuple] = []

    @property
    def row_index(self) -> int:
        return len(self.rows)

    def cell(self, text: str, column: int, row: int, bold: bool = False, align: str = "LEFT") -> object:
        """A plain string when it fits the column (fast to draw), else a wrapping Paragraph."""
        size = self.styles.table_size
        if "\n" not in text and text_width(text, size, bold) <= self.widths[column] - 2 * PAD:
            if bold:
                self.commands.append(("FONT", (column, row), (column, row), FONT_BOLD, size))
            return text
        style = self.styles.cell_bold if bold else self.styles.cell
        if align == "RIGHT":
            style = self.styles.cell_right
        elif align == "CENTER":
            style = self.styles.cell_centre
        return CellParagraph(f"<b>{markup(text)}</b>" if bold else markup(text), style)

    def band(self, text: str) -> None:
        """A full-width band row; it never ends a page, since it is kept with the row after it."""
        row = self.row_index
        self.rows.append([para(text, self.styles.band_cell)] + [""] * (len(self.widths) - 1))
        self.commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), self.styles.band_fill),
            ("NOSPLIT", (0, row), (-1, row + 1)),
        ]

    def table(self, header_rows: int) -> Table:
        base = [
            ("FONT", (0, 0), (-1, -1), FONT, self.styles.table_size),
            ("LEADING", (0, 0), (-1, -1), self.styles.table_size * 1.2),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("GRID", (0, 0), (-1, -1), 0.4, self.styles.grid),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), self.styles.header_fill),
            ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), self.styles.header_text),
        ]
        return Table(
            self.rows, colWidths=self.widths, style=TableStyle(base + self.commands), repeatRows=header_rows,
            splitByRow=1, splitInRow=1, hAlign="LEFT",
        )


def _column_width(texts: Iterable[str], size: float, low: float, high: float, bold: bool = False) -> float:
    widest = max((text_width(t, size, bold) for t in texts if t), default=0.0)
    return min(high, max(low, widest + 2 * PAD + 1))


def _longest_word(text: str, size: float) -> float:
    return max((text_width(word, size, True) for word in text.split()), default=0.0)


def status_pair(indicator: Indicator, styles: PdfStyles) -> str:
    """``Green ↑`` as Paragraph markup: the RAG word in its text colour and the DOT arrow in its colour."""
    assessment = indicator.assessment
    if assessment is None:
        return ""
    parts = []
    if assessment.rag:
        parts.append(coloured(assessment.rag.word, styles.rag_text[assessment.rag], bold=True))
    if assessment.dot:
        parts.append(coloured(assessment.dot.arrow, styles.dot_colour[assessment.dot], bold=True))
    return " ".join(parts)


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


def _summary_text(column: SummaryColumn, indicator: Indicator, notes: MissingNotes) -> str:
    unit = indicator.unit
    assessment = indicator.assessment
    match column.kind:
        case "ref":
            return indicator.ref
        case "polarity":
            return POLARITY_WORDS[indicator.polarity]
        case "month":
            assert column.month is not None
            return notes.value(indicator.figure_for(column.month), unit)
        case "ytd":
            return notes.value(assessment.ytd if assessment else None, unit)
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
            return notes.value(figure, unit)
        case "benchmark":
            if not indicator.benchmarks:
                return ""
            assert column.benchmark is not None
            return notes.value(indicator.benchmark(column.benchmark), unit)
    raise AssertionError(column.kind)


def _sized(column: SummaryColumn, indicators: Sequence[Indicator], size: float) -> SummaryColumn:
    scratch = MissingNotes()
    texts = [_summary_text(column, indicator, scratch) for indicator in indicators]
    bold = column.kind in ("dot", "month", "rag")
    low = max(24.0, _longest_word(column.header, size) + 2 * PAD + 1)
    return replace(column, width=_column_width(texts, size, low, SUMMARY_CELL_MAX, bold))


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
    chosen = [_sized(c, indicators, size) for c in core]
    used = ref.width + sum(c.width for c in chosen)
    extras: dict[str, list[SummaryColumn]] = {}
    for key, columns in (("targets", targets), ("benchmarks", benchmarks)):
        if key == "targets" and not any(i.thresholds.any for i in indicators):
            continue
        sized = [_sized(c, indicators, size) for c in columns]
        if available - used - sum(c.width for c in sized) >= MIN_NAME_WIDTH:
            extras[key] = sized
            used += sum(c.width for c in sized)
    # The latest years matter most, so the oldest are the first to go when the page is narrow.
    kept: list[SummaryColumn] = []
    for column in reversed([_sized(c, indicators, size) for c in priors]):
        if available - used - column.width < MIN_NAME_WIDTH:
            break
        kept.insert(0, column)
        used += column.width
    name = SummaryColumn("name", "Indicator", width=max(MIN_NAME_WIDTH, available - used))
    return [ref, name, *chosen, *extras.get("targets", []), *kept, *extras.get("benchmarks", [])]


def _name_markup(indicator: Indicator, styles: PdfStyles) -> str:
    name = markup(indicator.name)
    if indicator.council_plan:
        name += " (Council Plan Indicator)"
    details = " · ".join(part for part in (indicator.unit.label, indicator.timeline) if part)
    return name + (f"<br/>{muted_line(details, styles.table_size - 0.5)}" if details else "")


def _group_header(grid: Grid, columns: Sequence[SummaryColumn], styles: PdfStyles) -> None:
    groups = [c.group for c in columns]
    grid.rows.append([para(g, styles.header) if g else "" for g in groups])
    start = 0
    while start < len(groups):
        end = start
        while end + 1 < len(groups) and groups[end + 1] == groups[start]:
            end += 1
        if groups[start] and end > start:
            grid.commands.append(("SPAN", (start, 0), (end, 0)))
        start = end + 1


@dataclass(frozen=True)
class SummaryTable:
    table: Table
    notes: MissingNotes
    left_out: tuple[str, ...]  # column groups or prior years that did not fit the page width


def summary_table(scorecard: Scorecard, styles: PdfStyles, available: float) -> SummaryTable:
    """The scorecard as one table, its two header rows repeated on every page, a band row per section."""
    columns = _summary_columns(scorecard, styles, available)
    shown = {c.label for c in columns if c.kind == "prior"} | {c.kind for c in columns}
    left_out = tuple(
        [label for label in scorecard.prior_year_labels[-PRIOR_YEARS_SHOWN:] if label not in shown]
        + (["targets and tolerances"] if "green" not in shown and any(i.thresholds.any for i in scorecard.indicators)
           else [])
        + (["benchmarks"] if "benchmark" not in shown and any(i.benchmarks for i in scorecard.indicators) else [])
    )
    grid = Grid(styles, [c.width for c in columns])
    notes = MissingNotes()
    _group_header(grid, columns, styles)
    grid.rows.append([para(c.header, styles.header_left if c.kind == "name" else styles.header) for c in columns])
    for section in scorecard.sections:
        grid.band(section.name)
        for indicator in section.indicators:
            row = grid.row_index
            cells: list[object] = []
            for index, column in enumerate(columns):
                if column.kind == "name":
                    cells.append(CellParagraph(_name_markup(indicator, styles), styles.cell))
                    continue
                text = _summary_text(column, indicator, notes)
                bold = column.kind in ("dot", "rag") or column.month == scorecard.period
                cells.append(grid.cell(text, index, row, bold=bold, align=_summary_align(column)))
                _summary_colours(grid, column, index, row, indicator, styles)
            grid.rows.append(cells)
    for index, column in enumerate(columns):
        grid.commands.append(("ALIGN", (index, 2), (index, -1), _summary_align(column)))
    return SummaryTable(grid.table(header_rows=2), notes, left_out)


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
            ("TEXTCOLOR", (col, row), (col, row), styles.dot_colour[assessment.dot]),
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
    figures = [trend_figure(indicator, row, period) for row in rows]
    shown = [figure for figure, show in figures if show]
    parts = [format_parts(f) for f in shown]
    values = [with_note(format_value(f, indicator.unit), f) for f in shown]
    has_parts = any(parts)
    # Bold, because the reporting month's row is printed bold.
    parts_width = _column_width(parts, size, 44.0, 80.0, bold=True) if has_parts else 0.0
    value_width = _column_width(values, size, 36.0 if has_parts else 60.0, 72.0, bold=True)
    # Wide enough for the longest word of the name, so the header never breaks a word.
    shortfall = _longest_word(short_name(indicator.name), size) + 2 * PAD + 1 - (parts_width + value_width)
    if shortfall > 0:
        value_width += min(shortfall, 40.0)
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


def short_name(name: str) -> str:
    if len(name) <= HEADER_NAME_LIMIT:
        return name
    cut = name[:HEADER_NAME_LIMIT].rsplit(" ", 1)[0] or name[:HEADER_NAME_LIMIT]
    return cut + " …"


def trend_tables(scorecard: Scorecard, section: Section, styles: PdfStyles, available: float) -> list[Flowable]:
    """The section's table, split across as many stacked tables as its indicators need to fit the width."""
    period = scorecard.period
    size = styles.table_size
    months, priors, benchmarks = trend_rows(scorecard, section)
    all_rows = months + priors + benchmarks
    rating = f"{period.label} rating"
    labels = [row.label for row in all_rows] + [rating]
    label_width = _column_width(labels, size, 44.0, 96.0, bold=True)
    columns = [_trend_column(i, all_rows, period, size) for i in section.indicators]
    notes = MissingNotes()
    long_names: list[Indicator] = []
    flowables: list[Flowable] = []
    for chunk in _chunks(columns, available - label_width):
        if flowables:
            flowables.append(Spacer(1, 8))
        flowables.append(_trend_table(chunk, label_width, (months, priors, benchmarks), rating, period, styles,
                                      notes))
        long_names += [c.indicator for c in chunk if len(c.indicator.name) > HEADER_NAME_LIMIT]
    for indicator in long_names:
        flowables.append(para(f"{indicator.ref} in full: {indicator.name}", styles.note))
    if notes.note():
        flowables.append(para(notes.note(), styles.note))
    return flowables


def _trend_table(
    chunk: Sequence[TrendColumn],
    label_width: float,
    row_groups: tuple[list[TrendRow], list[TrendRow], list[TrendRow]],
    rating: str,
    period: Month,
    styles: PdfStyles,
    notes: MissingNotes,
) -> Table:
    widths = [label_width]
    starts = []
    for column in chunk:
        starts.append(len(widths))
        widths += [column.parts_width, column.value_width] if column.parts_width else [column.value_width]
    grid = Grid(styles, widths)
    last = [start + (1 if column.parts_width else 0) for start, column in zip(starts, chunk)]

    refs: list[object] = [""] * len(widths)
    names: list[object] = [para("Indicator", styles.header_left)] + [""] * (len(widths) - 1)
    ratings: list[object] = [para(rating, styles.header_left)] + [""] * (len(widths) - 1)
    for start, end, column in zip(starts, last, chunk):
        indicator = column.indicator
        refs[start] = para(indicator.ref, styles.header)
        details = " · ".join(p for p in (indicator.unit.label, f"{POLARITY_WORDS[indicator.polarity]} is good"
                                         if indicator.polarity is not Polarity.INFO else "For information",
                                         f"Target {target_text(indicator)}" if target_text(indicator) else "") if p)
        names[start] = CellParagraph(f"<b>{markup(short_name(indicator.name))}</b><br/>"
                                 f"{muted_line(details, styles.table_size - 0.5)}", styles.cell)
        ratings[start] = CellParagraph(status_pair(indicator, styles), styles.cell_centre)
        for row_index in range(3):
            if end > start:
                grid.commands.append(("SPAN", (start, row_index), (end, row_index)))
        assessment = indicator.assessment
        if assessment and assessment.rag:
            grid.commands.append(("BACKGROUND", (start, 2), (end, 2), styles.rag_fill[assessment.rag]))
    grid.rows += [refs, names, ratings]
    grid.commands.append(("BACKGROUND", (0, 2), (0, 2), styles.header_fill))

    months, priors, benchmarks = row_groups
    for title, rows in (("In month performance", months), ("Annual trend", priors),
                        ("Latest benchmarking", benchmarks)):
        if not rows:
            continue
        grid.band(title)
        for row in rows:
            index = grid.row_index
            current = row.kind == "month" and row.month == period
            cells: list[object] = [grid.cell(row.label, 0, index, bold=True)] + [""] * (len(widths) - 1)
            for start, column in zip(starts, chunk):
                figure, show = trend_figure(column.indicator, row, period)
                if not show:
                    continue
                value_at = start + 1 if column.parts_width else start
                if column.parts_width:
                    cells[start] = grid.cell(format_parts(figure), start, index, bold=current, align="RIGHT")
                cells[value_at] = grid.cell(notes.value(figure, column.indicator.unit), value_at, index,
                                            bold=current, align="RIGHT")
            if current:
                grid.commands.append(("BACKGROUND", (0, index), (-1, index), styles.header_fill))
                grid.commands.append(("TEXTCOLOR", (0, index), (-1, index), styles.header_text))
            grid.rows.append(cells)
    grid.commands.append(("ALIGN", (1, 3), (-1, -1), "RIGHT"))
    return grid.table(header_rows=3)
