"""The HTML edition's tables: the performance summary and each section's trend tables.

They hold the same figures as the PDF's (``render/pdf/tables.py``), but as real tables a screen reader can walk: a
caption, header cells with their scope, and a row group per section or per kind of row. A page has no fixed
width, so the summary keeps every column the PDF may leave out for want of room. Each table sits in its own
scrolling region that the keyboard can reach, so a wide one never makes the whole page scroll sideways.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from boardpack.model import BenchmarkKind, Figure, Indicator, Month, Polarity, Scorecard, Section, period_label
from boardpack.render.html.text import (
    POLARITY_WORDS,
    TableNotes,
    dot_mark,
    esc,
    goodness,
    name_details,
    other_period,
    rag_mark,
)
from boardpack.render.text import format_parts, target_text, threshold_text
from boardpack.render.trend import PRIOR_YEARS_SHOWN, TrendRow, trend_figures, trend_headings, trend_rows

SUMMARY_MONTHS = 3
# Indicators per trend table: a section of a hundred measures becomes tables a screen can take in.
TREND_COLUMNS = 8


def scrolling(table: str, label: str) -> str:
    """A table in a region of its own that scrolls sideways, reachable and scrollable from the keyboard."""
    return f'<div class="scroll" role="region" tabindex="0" aria-label="{esc(label)}">{table}</div>'


# ---------------------------------------------------------------------------------------------------------------
# Performance summary


@dataclass(frozen=True)
class Column:
    kind: str
    header: str
    group: str = ""
    month: Month | None = None
    label: str = ""
    benchmark: BenchmarkKind | None = None
    current: bool = False  # the reporting period's column


def summary_columns(scorecard: Scorecard) -> list[Column]:
    """Every column the PDF's summary can show, in its order."""
    indicators = scorecard.indicators
    frequency = scorecard.frequency
    columns = [Column("polarity", "Good perf is")]
    columns += [Column("month", period_label(m, frequency), f"In {frequency.period_word}", month=m,
                       current=m == scorecard.period) for m in scorecard.recent_periods(SUMMARY_MONTHS)]
    columns += [Column("ytd", f"YTD {scorecard.period.financial_year_label}"), Column("dot", "DOT"),
                Column("rag", "RAG")]
    if any(i.thresholds.any for i in indicators):
        group = "Target and tolerances"
        columns += [Column("red", "Red", group), Column("amber", "Amber", group),
                    Column("green", "Target (Green)", group)]
    columns += [Column("prior", label, "Annual trend", label=label)
                for label in scorecard.prior_year_labels[-PRIOR_YEARS_SHOWN:]]
    columns += [Column("benchmark", kind.label, "Latest benchmarking", benchmark=kind)
                for kind in BenchmarkKind if any(i.benchmark(kind) is not None for i in indicators)]
    return columns


def _where(figure: Figure | None, indicator: Indicator, label: str) -> str:
    """Where a figure is, for its footnote: only a figure with a note can have one, so tens of thousands of
    figures without need not have the words made."""
    return f"{indicator.ref} {label}" if figure is not None and figure.note else ""


def _summary_cell(column: Column, indicator: Indicator, notes: TableNotes, figures: dict[Month, Figure]) -> str:
    """One cell of an indicator's row, as markup; ``figures`` are the indicator's by month."""
    unit = indicator.unit
    assessment = indicator.assessment
    match column.kind:
        case "polarity":
            return f'<td class="c">{POLARITY_WORDS[indicator.polarity]}</td>'
        case "month":
            assert column.month is not None
            # The reporting period's figures are bold, as in the PDF.
            kind = "n now" if column.current else "n"
            if column.current and assessment is not None and assessment.current_month is not None:
                # The figure is for an earlier period than the column's (a quarter in a monthly report).
                figure = assessment.current
                text = esc(notes.value(figure, unit, _where(figure, indicator, column.header)))
                return f'<td class="{kind}">{text}<span class="details">{esc(other_period(indicator))}</span></td>'
            if not indicator.measured_in(column.month):
                return "<td></td>"  # not a month the measure is taken in: no figure is due, so none is missing
            figure = figures.get(column.month)
            return f'<td class="{kind}">{esc(notes.value(figure, unit, _where(figure, indicator, column.header)))}</td>'
        case "ytd":
            figure = assessment.ytd if assessment else None
            return f'<td class="n">{esc(notes.value(figure, unit, _where(figure, indicator, column.header)))}</td>'
        case "dot":
            return f'<td class="c">{dot_mark(assessment.dot)}</td>' if assessment and assessment.dot else "<td></td>"
        case "rag":
            if indicator.fault:
                return f'<td class="c">{esc(notes.not_rated())}</td>'
            if assessment and assessment.rag:
                return f'<td class="c fill-{assessment.rag.value}">{rag_mark(assessment.rag)}</td>'
            return "<td></td>"
        case "red" | "amber" | "green":
            if not indicator.thresholds.any:
                info = column.kind == "green" and indicator.polarity is Polarity.INFO
                return '<td class="c">n/a</td>' if info else "<td></td>"
            return f'<td class="c">{esc(threshold_text(getattr(indicator.thresholds, column.kind), unit))}</td>'
        case "prior":
            if not indicator.prior_years:
                return "<td></td>"
            figure = next((p.figure for p in indicator.prior_years if p.label == column.label), None)
            return f'<td class="n">{esc(notes.value(figure, unit, _where(figure, indicator, column.header)))}</td>'
        case "benchmark":
            if not indicator.benchmarks:
                return "<td></td>"
            assert column.benchmark is not None
            figure = indicator.benchmark(column.benchmark)
            return f'<td class="n">{esc(notes.value(figure, unit, _where(figure, indicator, column.header)))}</td>'
    raise AssertionError(column.kind)


def _summary_head(columns: Sequence[Column]) -> str:
    """Column groups spanning their columns, then each column's heading."""
    groups = ['<col>']
    top = ['<td></td>']
    for group, members in groupby(columns, key=lambda c: c.group):
        span = len(list(members))
        groups.append(f'<colgroup span="{span}"></colgroup>')
        top.append(f'<th scope="colgroup" colspan="{span}">{esc(group)}</th>' if group
                   else f'<td colspan="{span}"></td>')
    headers = ['<th scope="col" class="name">Indicator</th>']
    headers += [f'<th scope="col">{esc(c.header)}</th>' for c in columns]
    return "".join(groups) + f'<thead><tr>{"".join(top)}</tr><tr>{"".join(headers)}</tr></thead>'


def summary_table(scorecard: Scorecard, notes: TableNotes) -> str:
    """The whole scorecard as one table, a row group per section."""
    columns = summary_columns(scorecard)
    report = scorecard.frequency
    width = len(columns) + 1
    parts = [f'<table class="summary"><caption>Performance summary: {esc(scorecard.as_at)}</caption>',
             _summary_head(columns)]
    for section in scorecard.sections:
        parts.append(f'<tbody><tr class="band"><th scope="rowgroup" colspan="{width}">{esc(section.name)}</th></tr>')
        for indicator in section.indicators:
            suffix = " (Council Plan Indicator)" if indicator.council_plan else ""
            details = name_details(indicator, report)
            small = f'<span class="details">{esc(details)}</span>' if details else ""
            figures = indicator.figures_by_month()
            cells = "".join([_summary_cell(column, indicator, notes, figures) for column in columns])
            parts.append(f'<tr><th scope="row"><span class="ref">{esc(indicator.ref)}</span> '
                         f"{esc(indicator.name + suffix)}{small}</th>{cells}</tr>")
        parts.append("</tbody>")
    parts.append("</table>")
    return scrolling("".join(parts), "Performance summary table")


# ---------------------------------------------------------------------------------------------------------------
# A section's in-month performance, annual trend and latest benchmarking


def _chunks(indicators: Sequence[Indicator]) -> list[Sequence[Indicator]]:
    """The indicators in as few tables of at most ``TREND_COLUMNS`` as will hold them, shared out evenly."""
    count = -(-len(indicators) // TREND_COLUMNS)
    size = -(-len(indicators) // max(1, count))
    return [indicators[start:start + size] for start in range(0, len(indicators), size)]


def _rating(indicator: Indicator, notes: TableNotes) -> str:
    if indicator.fault:
        return f'<td class="c">{esc(notes.not_rated())}</td>'
    assessment = indicator.assessment
    marks = []
    if assessment is not None and assessment.rag:
        marks.append(rag_mark(assessment.rag))
    if assessment is not None and assessment.dot:
        marks.append(dot_mark(assessment.dot))
    period = other_period(indicator)
    when = f'<span class="details">{esc(period)}</span>' if period else ""
    return f'<td class="c">{" ".join(marks)}{when}</td>'


def _trend_head(chunk: Sequence[Indicator]) -> str:
    cells = ['<th scope="col">Period</th>']
    for indicator in chunk:
        target = target_text(indicator)
        details = " · ".join(p for p in (indicator.unit.label, goodness(indicator),
                                         f"Target {target}" if target else "") if p)
        cells.append(f'<th scope="col"><span class="ref">{esc(indicator.ref)}</span> {esc(indicator.name)}'
                     f'<span class="details">{esc(details)}</span></th>')
    return f'<thead><tr>{"".join(cells)}</tr></thead>'


def trend_table(scorecard: Scorecard, section: Section, chunk: Sequence[Indicator],
                groups: Sequence[tuple[str, list[TrendRow]]], notes: TableNotes, caption: str) -> str:
    period = scorecard.period
    width = len(chunk) + 1
    rows = [row for _, members in groups for row in members]
    columns = [trend_figures(indicator, rows, period) for indicator in chunk]
    ratings = "".join(_rating(indicator, notes) for indicator in chunk)
    parts = [f'<table class="trend"><caption>{esc(caption)}</caption>', _trend_head(chunk),
             f'<tbody><tr><th scope="row">{esc(scorecard.period_short)} rating</th>{ratings}</tr></tbody>']
    index = 0
    for heading, members in groups:
        if not members:
            continue
        body = []
        for row in members:
            shown = [column[index] for column in columns]
            index += 1
            if not any(show for _, show in shown):
                continue  # a month still to come: the PDF leaves its row blank, a screen reader need not hear it
            current = row.kind == "month" and row.month == period
            cells = []
            for indicator, (figure, show) in zip(chunk, shown, strict=True):
                if not show:
                    cells.append("<td></td>")
                    continue
                value = esc(notes.value(figure, indicator.unit, _where(figure, indicator, row.label)))
                if figure is not None and figure.numerator is not None and figure.denominator is not None:
                    value += f'<span class="parts">{esc(format_parts(figure))}</span>'
                cells.append(f'<td class="n">{value}</td>')
            label = esc(row.label) + ('<span class="vh"> (reporting period)</span>' if current else "")
            opening = '<tr class="current">' if current else "<tr>"
            body.append(f'{opening}<th scope="row">{label}</th>{"".join(cells)}</tr>')
        if body:
            parts.append(f'<tbody><tr class="band"><th scope="rowgroup" colspan="{width}">{esc(heading)}</th></tr>'
                         + "".join(body) + "</tbody>")
    parts.append("</table>")
    return scrolling("".join(parts), caption)


def trend_tables(scorecard: Scorecard, section: Section, notes: TableNotes, months: Sequence[Month]) -> str:
    """The section's trend tables over ``months``, the months its PDF table shows (``window.months_shown``)."""
    groups = list(zip(trend_headings(scorecard), trend_rows(scorecard, section, months), strict=True))
    chunks = _chunks(section.indicators)
    tables = []
    for number, chunk in enumerate(chunks, start=1):
        caption = f"{section.name}: figures by period"
        if len(chunks) > 1:
            caption += f", indicators {chunk[0].ref} to {chunk[-1].ref} (table {number} of {len(chunks)})"
        tables.append(trend_table(scorecard, section, chunk, groups, notes, caption))
    return "".join(tables)
