"""Vector trend charts for the section pages.

Each chart shows an indicator's months across the trend window, with its target and a benchmark as flat
lines. The three are told apart by line style and markers as well as colour, so a greyscale print reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from reportlab.lib.colors import Color, HexColor

from boardpack.model import (
    BenchmarkKind,
    Comparison,
    Figure,
    Frequency,
    Indicator,
    Month,
    Scorecard,
    Unit,
    period_label,
)
from boardpack.render.pdf_cells import target_text
from boardpack.render.pdf_sketch import Sketch
from boardpack.render.pdf_styles import CHART_GRID, MUTED_TEXT, PdfStyles, text_width
from boardpack.render.pdf_tags import chart_alt
from boardpack.render.text import format_noted, format_number

WHITE = HexColor("#FFFFFF")
BLACK = HexColor("#000000")
TARGET_DASH = (5, 2.5)
BENCHMARK_DASH = (1.2, 2)
_BENCHMARK_PREFERENCE = (
    BenchmarkKind.STAT_NEIGHBOUR_AVERAGE,
    BenchmarkKind.NATIONAL_AVERAGE,
    BenchmarkKind.REGIONAL_AVERAGE,
    BenchmarkKind.TOP_QUARTILE,
    BenchmarkKind.BEST_STAT_NEIGHBOUR,
)


@dataclass(frozen=True)
class Reference:
    """A flat line across the chart: the target (one or two bounds) or a benchmark."""

    label: str
    values: tuple[float, ...]
    colour: Color
    dash: tuple[float, float]


def chart_benchmark(indicator: Indicator) -> tuple[BenchmarkKind, Figure] | None:
    for kind in _BENCHMARK_PREFERENCE:
        figure = indicator.benchmark(kind)
        if figure is not None and figure.value is not None:
            return kind, figure
    return None


def _references(indicator: Indicator, styles: PdfStyles) -> list[Reference]:
    references = []
    threshold = indicator.thresholds.green or indicator.thresholds.amber
    if threshold is not None:
        bounds = (threshold.value,)
        if threshold.comparison is Comparison.BETWEEN and threshold.upper is not None:
            bounds = (threshold.value, threshold.upper)
        references.append(Reference(f"Target {target_text(indicator)}", bounds, styles.target_line, TARGET_DASH))
    benchmark = chart_benchmark(indicator)
    if benchmark is not None:
        kind, figure = benchmark
        assert figure.value is not None
        label = f"{kind.long_label} {format_noted(figure, indicator.unit)}"
        references.append(Reference(label, (figure.value,), styles.benchmark_line, BENCHMARK_DASH))
    return references


def _nice_step(span: float, intervals: int = 4) -> float:
    raw = span / intervals
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def axis_ticks(values: list[float], percent: bool = False) -> list[float]:
    """Four or five round-numbered ticks that cover ``values``, starting at zero when the data are near it.

    The scale spans at least a fifth of the largest value (20 points for a percentage), so that a change of
    a point or two does not look like a collapse.
    """
    low, high = min(values), max(values)
    least_span = 0.2 if percent else abs(high) * 0.2 or 1.0
    if high - low < least_span:
        middle = (high + low) / 2
        low, high = middle - least_span / 2, middle + least_span / 2
        if percent and high > 1 >= max(values):
            low, high = low - (high - 1), 1.0
        if min(values) >= 0 > low:
            low, high = 0.0, high - low
    if low >= 0 and low < (high - low) * 0.6:
        low = 0.0
    step = _nice_step(high - low)
    first = math.floor(low / step) * step
    if low >= 0 > first:
        first = 0.0
    ticks = [first]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(first + step * len(ticks))
    return ticks


def _tick_label(value: float, unit: Unit, step: float) -> str:
    scale = 100 if unit.is_percent else 1
    decimals = max(0, -math.floor(math.log10(step * scale))) if step * scale < 1 else 0
    return format_number(value, replace(unit, decimals=decimals))


def _axis_labels(month: Month, frequency: Frequency, first: bool) -> tuple[str, str]:
    """A period's label under the chart, and the year under that where a year begins (or on the first)."""
    match frequency:
        case Frequency.QUARTERLY | Frequency.HALF_YEARLY:
            short, year = period_label(month, frequency).split(" ")
            return short, year if first or short in ("Q1", "H1") else ""
        case Frequency.TERMLY:
            return month.label[:3], str(month.year) if first or month.month == 12 else ""
        case Frequency.ANNUAL:
            return month.financial_year_label, ""
    return month.label[:3], str(month.year) if first or month.month == 1 else ""


def trend_chart(indicator: Indicator, scorecard: Scorecard, styles: PdfStyles, width: float, height: float,
                kind: str = "line") -> Sketch:
    """The report's trend periods along the bottom; the figures as a line (or bars) with markers."""
    size = max(5.5, styles.table_size - 0.5)
    period = scorecard.period
    months = scorecard.trend_months
    frequency = scorecard.frequency
    points = [(i, f.value) for i, m in enumerate(months)
              if m <= period and (f := indicator.figure_for(m)) is not None and f.value is not None]
    # A measure taken, say, quarterly in a monthly report is joined from one quarter to the next: its places
    # along the line are counted in its own periods, so only a missing quarter breaks it.
    places = {i: n for n, i in enumerate(i for i, m in enumerate(months) if indicator.measured_in(m))}
    references = _references(indicator, styles)
    drawing = Sketch(width, height)
    drawing.alt = chart_alt(indicator, scorecard, kind)
    scale_values = [v for _, v in points] + [v for r in references for v in r.values]
    if not scale_values:
        drawing.text(width / 2, height / 2, "No figures to chart yet", size, HexColor(MUTED_TEXT), "middle")
        return drawing
    ticks = axis_ticks(scale_values, indicator.unit.is_percent)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    tick_labels = [_tick_label(t, indicator.unit, step) for t in ticks]
    legend_height = size * 1.6 * _legend_lines(references, width, size, indicator.frequency)
    left = max(text_width(t, size) for t in tick_labels) + 6
    bottom = legend_height + size * 2.6 + 4
    top = height - size
    right = width - 4
    low, high = ticks[0], ticks[-1]

    def y_of(value: float) -> float:
        return bottom + (value - low) / (high - low) * (top - bottom)

    slot = (right - left) / len(months)

    def x_of(index: float) -> float:
        return left + slot * (index + 0.5)

    muted = HexColor(MUTED_TEXT)
    grid = HexColor(CHART_GRID)
    for tick, label in zip(ticks, tick_labels):
        y = y_of(tick)
        drawing.line(left, y, right, y, grid, 0.5)
        drawing.text(left - 3, y - size / 3, label, size, muted, "end")
    drawing.line(left, bottom, right, bottom, muted, 0.6)
    # On a narrow chart every other month is labelled, so the labels never run into each other.
    labels = [_axis_labels(month, frequency, index == 0) for index, month in enumerate(months)]
    every = 1 if max(text_width(short, size) for short, _ in labels) <= slot - 4 else 2
    for index, (short, year) in enumerate(labels):
        x = x_of(index)
        if index % every == 0:
            drawing.text(x, bottom - size - 2, short, size, muted, "middle")
        if year and (index == 0 or index % every == 0):
            drawing.text(x, bottom - 2 * size - 3, year, size, muted, "middle")

    for reference in references:
        for value in reference.values:
            drawing.line(left, y_of(value), right, y_of(value), reference.colour, 1.3, reference.dash)

    if kind == "bar":
        bar = slot * 0.6
        for index, value in points:
            y0, y1 = y_of(max(low, 0.0)), y_of(value)
            drawing.box(x_of(index) - bar / 2, min(y0, y1), bar, abs(y1 - y0), styles.series)
    else:
        _line_series(drawing, points, places, x_of, y_of, styles.series)

    if points:
        index, value = points[-1]
        label = format_number(value, indicator.unit)
        # A white box under the label keeps it readable where it crosses the target or benchmark line.
        label_x, label_y = x_of(index) + 5, y_of(value) + 3
        drawing.box(label_x - 1, label_y - size * 0.3, text_width(label, size, True) + 2, size * 1.15, WHITE)
        drawing.text(label_x, label_y, label, size, styles.series, bold=True)
    _legend(drawing, references, styles, size, width, legend_height, kind, indicator.frequency)
    return drawing


def _line_series(drawing: Sketch, points: list[tuple[int, float]], places: dict[int, int], x_of, y_of,
                 colour: Color) -> None:
    """A solid line through consecutive periods; a missing one leaves a gap rather than a false slope."""
    run: list[tuple[int, float]] = []
    for point in points + [(-99, 0.0)]:
        if run and places.get(point[0], -99) != places.get(run[-1][0], -99) + 1:
            if len(run) > 1:
                drawing.polyline([(x_of(i), y_of(v)) for i, v in run], colour, 1.8)
            run = []
        run.append(point)
    for index, value in points:
        drawing.dot(x_of(index), y_of(value), 2.4, colour, edge=WHITE)


def _legend_entries(references: list[Reference], frequency: Frequency = Frequency.MONTHLY) -> list[str]:
    return [f"{frequency.word} figure"] + [r.label for r in references]


def _legend_lines(references: list[Reference], width: float, size: float, frequency: Frequency) -> int:
    lines, used = 1, 0.0
    for label in _legend_entries(references, frequency):
        entry = 24 + text_width(label, size) + 10
        if used and used + entry > width:
            lines, used = lines + 1, 0.0
        used += entry
    return lines


def _legend(drawing: Sketch, references: list[Reference], styles: PdfStyles, size: float, width: float,
            legend_height: float, kind: str, frequency: Frequency) -> None:
    x, y = 4.0, legend_height - size * 1.2
    for index, label in enumerate(_legend_entries(references, frequency)):
        entry = 24 + text_width(label, size) + 10
        if x > 4 and x + entry > width:
            x, y = 4.0, y - size * 1.6
        middle = y + size / 3
        if index == 0:
            if kind == "bar":
                drawing.box(x + 6, middle - 3, 8, 6, styles.series)
            else:
                drawing.line(x, middle, x + 20, middle, styles.series, 1.8)
                drawing.dot(x + 10, middle, 2.4, styles.series)
        else:
            reference = references[index - 1]
            drawing.line(x, middle, x + 20, middle, reference.colour, 1.3, reference.dash)
        drawing.text(x + 24, y, label, size, BLACK)
        x += entry
