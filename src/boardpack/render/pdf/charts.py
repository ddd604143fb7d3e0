"""Vector trend charts for the section pages, drawn from the chart plans that ``charting`` works out.

Each chart shows an indicator's periods up to the report's, with its target and a benchmark as flat lines.
The lines are told apart by dash pattern and weight as well as colour, and each is labelled at its end, so a
greyscale print reads; the value axis is the one the Excel chart uses, from zero unless the layout says not,
and then visibly broken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor

from boardpack.charting import ChartPlan
from boardpack.model import Frequency
from boardpack.render.pdf.sketch import Sketch
from boardpack.render.pdf.styles import CHART_GRID, MUTED_TEXT, PdfStyles, text_width
from boardpack.render.text import axis_figure, axis_periods, format_number

WHITE = HexColor("#FFFFFF")
BLACK = HexColor("#000000")
# Nothing on a chart is printed smaller than this (issue 13: no text under 7 pt anywhere in the pack).
SMALLEST_TEXT = 7.0
# Long dashes for a target, round dots for a benchmark: told apart in greyscale even where they run close.
TARGET_DASH = (6.0, 3.0)
TARGET_WIDTH = 1.5
BENCHMARK_DASH = (0.0, 3.2)
BENCHMARK_WIDTH = 1.8
SERIES_WIDTH = 1.8
# How far a value label keeps from its point and from any target or benchmark line, in points.
LABEL_GAP = 4.0
LINE_CLEARANCE = 1.5


@dataclass(frozen=True)
class Reference:
    """A flat line as drawn: where it is, how it looks, and the words at its end and in the legend."""

    value: float
    colour: Color
    dash: tuple[float, ...]
    width: float
    end_label: str
    legend: str

    @property
    def dotted(self) -> bool:
        return self.dash[0] == 0


def _references(plan: ChartPlan, styles: PdfStyles) -> list[Reference]:
    references = []
    for line in plan.lines:
        if line.role == "target":
            references.append(Reference(line.value, styles.target_line, TARGET_DASH, TARGET_WIDTH, line.label,
                                        "Target"))
        else:
            assert line.benchmark is not None
            references.append(Reference(line.value, styles.benchmark_line, BENCHMARK_DASH, BENCHMARK_WIDTH,
                                        line.label, f"{line.name} ({line.benchmark.label})"))
    return references


def chart_text_size(styles: PdfStyles) -> float:
    return max(SMALLEST_TEXT, styles.table_size - 0.5)


def trend_chart(plan: ChartPlan, styles: PdfStyles, width: float, height: float) -> Sketch:
    """The plan's periods along the bottom; the figures as a line (or bars) with markers; targets and a
    benchmark as labelled flat lines; what good looks like above."""
    size = chart_text_size(styles)
    drawing = Sketch(width, height)
    drawing.alt = plan.description
    muted = HexColor(MUTED_TEXT)
    if not plan.months:
        drawing.text(width / 2, height / 2, "No figures to chart yet", size, muted, "middle")
        return drawing
    unit = plan.indicator.unit
    axis = plan.axis
    references = _references(plan, styles)
    ticks = axis.ticks
    tick_labels = [axis_figure(t, unit, axis.decimals(unit)) for t in ticks]
    legend_height = size * 1.6 * _legend_lines(references, width, size, plan.frequency)
    gutter = max((text_width(r.end_label, size) for r in references), default=0.0)
    left = max(text_width(t, size) for t in tick_labels) + 6
    bottom = legend_height + size * 2.6 + 4
    top = height - size * 2.2
    right = width - (gutter + 8 if references else 4)

    def y_of(value: float) -> float:
        return bottom + (value - axis.low) / (axis.high - axis.low) * (top - bottom)

    slot = (right - left) / len(plan.months)

    def x_of(index: float) -> float:
        return left + slot * (index + 0.5)

    if plan.direction:
        drawing.text(0, height - size, plan.direction, size, muted)
    grid = HexColor(CHART_GRID)
    for tick, label in zip(ticks, tick_labels, strict=True):  # a label per tick
        y = y_of(tick)
        drawing.line(left, y, right, y, grid, 0.5)
        drawing.text(left - 3, y - size / 3, label, size, muted, "end")
    drawing.line(left, bottom, right, bottom, muted, 0.6)
    if axis.broken:
        _axis_break(drawing, left, bottom, top, muted)
    _period_labels(drawing, plan, size, slot, bottom, x_of, muted)

    for reference in references:
        y = y_of(reference.value)
        drawing.line(left, y, right, y, reference.colour, reference.width, reference.dash, reference.dotted)
    _end_labels(drawing, references, [y_of(r.value) for r in references], right + 4, bottom, top + size, size)

    points = list(plan.points)
    if plan.kind == "bar":
        bar = slot * 0.6
        for index, value in points:
            y0, y1 = y_of(max(axis.low, 0.0)), y_of(value)
            drawing.box(x_of(index) - bar / 2, min(y0, y1), bar, abs(y1 - y0), styles.series)
    else:
        _line_series(drawing, points, x_of, y_of, styles.series)
    if points:
        index, value = points[-1]
        label = format_number(value, unit)
        box = value_label_box(
            label, size, x_of(index), y_of(value), [y_of(r.value) for r in references], (left, right, bottom, top),
            rising=len(points) < 2 or points[-2][1] <= value, bar=plan.kind == "bar",
        )
        # A white box under the label keeps it readable over grid lines and the series.
        drawing.box(box[0] - 1, box[1] - 1, box[2] - box[0] + 2, box[3] - box[1] + 2, WHITE)
        drawing.text(box[0], box[1] + size * 0.22, label, size, styles.series, bold=True)
    else:
        drawing.text((left + right) / 2, (bottom + top) / 2, "No figures to chart yet", size, muted, "middle")
    _legend(drawing, references, styles, size, width, legend_height, plan.kind, plan.frequency)
    return drawing


def _period_labels(drawing: Sketch, plan: ChartPlan, size: float, slot: float, bottom: float,
                   x_of: Callable[[float], float], colour: Color) -> None:
    # On a narrow chart every other period is labelled, so the labels never run into each other.
    labels = [axis_periods(month, plan.frequency, index == 0) for index, month in enumerate(plan.months)]
    every = 1 if max(text_width(short, size) for short, _ in labels) <= slot - 4 else 2
    for index, (short, year) in enumerate(labels):
        x = x_of(index)
        if index % every == 0:
            drawing.text(x, bottom - size - 2, short, size, colour, "middle")
        if year and (index == 0 or index % every == 0):
            drawing.text(x, bottom - 2 * size - 3, year, size, colour, "middle")


def _axis_break(drawing: Sketch, left: float, bottom: float, top: float, colour: Color) -> None:
    """The value axis, cut just above its foot by two slanted strokes: the scale does not start at zero."""
    drawing.line(left, bottom, left, top, colour, 0.6)
    middle = bottom + 6
    drawing.box(left - 5, middle - 2, 10, 4, WHITE)
    for offset in (-2.0, 2.0):
        drawing.line(left - 5, middle + offset - 1.5, left + 5, middle + offset + 1.5, colour, 0.8)


def value_label_box(label: str, size: float, x: float, y: float, line_ys: list[float],
                    plot: tuple[float, float, float, float], rising: bool = True,
                    bar: bool = False) -> tuple[float, float, float, float]:
    """Where a point's value label goes, as (x0, y0, x1, y1): beside the point and clear of every flat line.

    Above the point when the line rises into it (below when it falls, so the label does not sit on the line),
    then further off, one label height at a time, until no target or benchmark line crosses it.
    """
    left, right, bottom, top = plot
    label_width = text_width(label, size, True)
    height = size * 1.1
    x0 = min(max(x - label_width / 2, left + 1), right - label_width)
    above = [y + LABEL_GAP + step * height for step in range(4)]
    below = [y - LABEL_GAP - height - step * height for step in range(4)]
    if bar:
        below = []
    candidates = [c for pair in zip(above, below, strict=True) for c in (pair if rising or bar else pair[::-1])] \
        if below else above

    def clear(y0: float) -> bool:
        return all(not (y0 - LINE_CLEARANCE <= line <= y0 + height + LINE_CLEARANCE) for line in line_ys)

    # A label may rise into the margin above the plot, under the words that say which way is better.
    inside = [c for c in candidates if bottom <= c and c + height <= top + size * 1.6]
    for y0 in inside or candidates:
        if clear(y0):
            return x0, y0, x0 + label_width, y0 + height
    y0 = max(inside or candidates, key=lambda c: min((abs(c + height / 2 - line) for line in line_ys), default=0))
    return x0, y0, x0 + label_width, y0 + height


def _end_labels(drawing: Sketch, references: list[Reference], ys: list[float], x: float, bottom: float,
                top: float, size: float) -> None:
    """Each flat line's name and value just past its right end, moved apart where two lines run close."""
    order = sorted(range(len(references)), key=lambda i: ys[i])
    gap = size * 1.15
    placed = [ys[i] - size / 3 for i in order]
    for n in range(1, len(placed)):
        placed[n] = max(placed[n], placed[n - 1] + gap)
    overflow = placed[-1] + size - top if placed else 0
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for n in range(len(placed) - 2, -1, -1):
            placed[n] = min(placed[n], placed[n + 1] - gap)
    for i, baseline in zip(order, placed, strict=True):  # a place per line, in order
        reference = references[i]
        drawing.text(x, max(baseline, bottom - size / 3), reference.end_label, size, BLACK)


def _line_series(drawing: Sketch, points: list[tuple[int, float]], x_of: Callable[[float], float],
                 y_of: Callable[[float], float], colour: Color) -> None:
    """A solid line through consecutive periods; a missing one leaves a gap rather than a false slope."""
    run: list[tuple[int, float]] = []
    for point in [*points, (-99, 0.0)]:
        if run and point[0] != run[-1][0] + 1:
            if len(run) > 1:
                drawing.polyline([(x_of(i), y_of(v)) for i, v in run], colour, SERIES_WIDTH)
            run = []
        run.append(point)
    for index, value in points:
        drawing.dot(x_of(index), y_of(value), 2.4, colour, edge=WHITE)


def _legend_entries(references: list[Reference], frequency: Frequency) -> list[str]:
    entries = [f"{frequency.word} figure"]
    for reference in references:
        if reference.legend not in entries:
            entries.append(reference.legend)
    return entries


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
    by_legend = {reference.legend: reference for reference in references}
    for index, label in enumerate(_legend_entries(references, frequency)):
        entry = 24 + text_width(label, size) + 10
        if x > 4 and x + entry > width:
            x, y = 4.0, y - size * 1.6
        middle = y + size / 3
        if index == 0:
            if kind == "bar":
                drawing.box(x + 6, middle - 3, 8, 6, styles.series)
            else:
                drawing.line(x, middle, x + 20, middle, styles.series, SERIES_WIDTH)
                drawing.dot(x + 10, middle, 2.4, styles.series)
        else:
            reference = by_legend[label]
            drawing.line(x, middle, x + 20, middle, reference.colour, reference.width, reference.dash,
                         reference.dotted)
        drawing.text(x + 24, y, label, size, BLACK)
        x += entry
