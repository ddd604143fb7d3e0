"""Trend charts as inline SVG, each with a title, a one-sentence description and its figures in a table.

The chart shows what the PDF's does (``pdf_charts``): the report's trend periods along the bottom, the
figures as a line or bars, the target and a benchmark as flat lines told apart by dash as well as colour.
The SVG is an image to assistive technology (``role="img"``) named by its title and description; the same
figures follow in a table inside a ``details`` element, and the legend is ordinary text under the chart.

``chart_description`` and ``axis_ticks`` stand in for the shared, pure versions the PDF's charts are to have
(in ``charting.py``); once those land, this module uses them so the two editions say the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from boardpack.charting import chart_indicators, section_layout
from boardpack.layout import Layout
from boardpack.model import (
    BenchmarkKind,
    Comparison,
    Figure,
    Frequency,
    Indicator,
    Month,
    Scorecard,
    Section,
    Unit,
    period_label,
)
from boardpack.render.html_style import CHART_GRID, MUTED, Palette, palette
from boardpack.render.html_text import esc, target_text
from boardpack.render.text import format_noted, format_number

# Drawn small and scaled up, so that on a phone, where it shrinks, its labels still read at about 13 px.
WIDTH, HEIGHT = 420, 260
FONT = 15
# Dash patterns in user units: the target dashed, a benchmark dotted, the figures solid with markers.
TARGET_DASH = "10 5"
BENCHMARK_DASH = "2 5"
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
    role: str  # "target" or "benchmark"

    @property
    def dash(self) -> str:
        return TARGET_DASH if self.role == "target" else BENCHMARK_DASH

    @property
    def words(self) -> str:
        """How the line is drawn, for readers who cannot see it: by dash, never by colour."""
        return "dashed line" if self.role == "target" else "dotted line"

    def colour(self, colours: Palette) -> str:
        return colours.target if self.role == "target" else colours.benchmark


def _benchmark(indicator: Indicator) -> tuple[BenchmarkKind, Figure] | None:
    for kind in _BENCHMARK_PREFERENCE:
        figure = indicator.benchmark(kind)
        if figure is not None and figure.value is not None:
            return kind, figure
    return None


def references(indicator: Indicator) -> list[Reference]:
    found = []
    threshold = indicator.thresholds.green or indicator.thresholds.amber
    if threshold is not None:
        bounds: tuple[float, ...] = (threshold.value,)
        if threshold.comparison is Comparison.BETWEEN and threshold.upper is not None:
            bounds = (threshold.value, threshold.upper)
        found.append(Reference(f"Target {target_text(indicator)}", bounds, "target"))
    benchmark = _benchmark(indicator)
    if benchmark is not None:
        kind, figure = benchmark
        assert figure.value is not None
        found.append(Reference(f"{kind.long_label} {format_noted(figure, indicator.unit)}", (figure.value,),
                               "benchmark"))
    return found


def chart_points(indicator: Indicator, months: tuple[Month, ...], period: Month) -> list[tuple[int, float]]:
    """The (place along the axis, value) of each figure up to the period."""
    by_month = indicator.figures_by_month()
    return [(i, f.value) for i, m in enumerate(months)
            if m <= period and (f := by_month.get(m)) is not None and f.value is not None]


def chart_description(indicator: Indicator, months: tuple[Month, ...], period: Month, kind: str = "line") -> str:
    """One sentence saying what the chart shows, for a reader who cannot see it."""
    noun = "Bar chart" if kind == "bar" else "Line chart"
    unit = indicator.unit
    points = chart_points(indicator, months, period)
    said = f"{noun}: {indicator.ref} {indicator.name}"
    if not points:
        said += ", no figures yet"
    elif len(points) == 1:
        index, value = points[0]
        said += f", {format_number(value, unit)} in {indicator.period_label(months[index])}"
    else:
        (first_at, first), (last_at, last) = points[0], points[-1]
        said += (f", {indicator.frequency.word.lower()} figures from {format_number(first, unit)} in "
                 f"{indicator.period_label(months[first_at])} to {format_number(last, unit)} in "
                 f"{indicator.period_label(months[last_at])}")
        high = max(points, key=lambda p: p[1])
        low = min(points, key=lambda p: p[1])
        if len(points) > 2:
            said += (f"; highest {format_number(high[1], unit)} ({indicator.period_label(months[high[0]])}), "
                     f"lowest {format_number(low[1], unit)} ({indicator.period_label(months[low[0]])})")
    lines = [f"{r.label} ({r.words})" for r in references(indicator)]
    if lines:
        said += "; " + "; ".join(lines)
    return said + "."


def _nice_step(span: float, intervals: int = 4) -> float:
    raw = span / intervals
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def axis_ticks(values: list[float], percent: bool = False) -> list[float]:
    """Four or five round-numbered ticks that cover ``values``, starting at zero when the data are near it;
    the scale spans at least a fifth of the largest value (20 points for a percentage), as the PDF's."""
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


def _text(x: float, y: float, text: str, anchor: str = "start", colour: str = MUTED, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{colour}"{weight}>{esc(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}" stroke-linecap="round"' if dash else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{width}"{dashes}/>')


def svg_chart(indicator: Indicator, scorecard: Scorecard, kind: str, colours: Palette, ident: str) -> str:
    months = scorecard.trend_months
    frequency = scorecard.frequency
    title = f"{indicator.ref} {indicator.name}"
    description = chart_description(indicator, months, scorecard.period, kind)
    opening = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
               f'aria-labelledby="{ident}-t {ident}-d" font-size="{FONT}" font-family="DejaVu Sans,Verdana,sans-serif">'
               f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(description)}</desc>')
    points = chart_points(indicator, months, scorecard.period)
    lines = references(indicator)
    values = [v for _, v in points] + [v for r in lines for v in r.values]
    if not values:
        return opening + _text(WIDTH / 2, HEIGHT / 2, "No figures to chart yet", "middle") + "</svg>"
    ticks = axis_ticks(values, indicator.unit.is_percent)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    labels = [_tick_label(t, indicator.unit, step) for t in ticks]
    left = max(len(label) for label in labels) * FONT * 0.62 + 10
    right, top, bottom = WIDTH - 6, FONT, HEIGHT - 2 * FONT - 14
    low, high = ticks[0], ticks[-1]

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    slot = (right - left) / len(months)

    def x_of(index: float) -> float:
        return left + slot * (index + 0.5)

    parts = [opening]
    for tick, label in zip(ticks, labels):
        y = y_of(tick)
        parts.append(_line(left, y, right, y, CHART_GRID, 1))
        parts.append(_text(left - 5, y + FONT / 3, label, "end"))
    parts.append(_line(left, bottom, right, bottom, MUTED, 1))
    axis = [_axis_labels(month, frequency, index == 0) for index, month in enumerate(months)]
    every = 1 if max(len(short) for short, _ in axis) * FONT * 0.62 <= slot - 4 else 2
    for index, (short, year) in enumerate(axis):
        if index % every:
            continue
        parts.append(_text(x_of(index), bottom + FONT + 4, short, "middle"))
        if year:
            parts.append(_text(x_of(index), bottom + 2 * FONT + 8, year, "middle"))
    for reference in lines:
        for value in reference.values:
            parts.append(_line(left, y_of(value), right, y_of(value), reference.colour(colours), 2.5, reference.dash))
    if kind == "bar":
        bar = slot * 0.6
        for index, value in points:
            y0, y1 = y_of(max(low, 0.0)), y_of(value)
            parts.append(f'<rect x="{x_of(index) - bar / 2:.1f}" y="{min(y0, y1):.1f}" width="{bar:.1f}" '
                         f'height="{abs(y1 - y0):.1f}" fill="{colours.series}"/>')
    else:
        parts += _series(indicator, months, points, x_of, y_of, colours.series)
    if points:
        index, value = points[-1]
        parts.append(f'<text x="{x_of(index) + 7:.1f}" y="{y_of(value) - 7:.1f}" fill="{colours.series}" '
                     f'font-weight="bold" stroke="#FFFFFF" stroke-width="4" paint-order="stroke">'
                     f"{esc(format_number(value, indicator.unit))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _series(indicator: Indicator, months: tuple[Month, ...], points: list[tuple[int, float]], x_of, y_of,
            colour: str) -> list[str]:
    """A solid line through consecutive periods, a missing one leaving a gap rather than a false slope; a
    measure taken, say, quarterly is joined from one of its own periods to the next."""
    places = {i: n for n, i in enumerate(i for i, m in enumerate(months) if indicator.measured_in(m))}
    drawn: list[str] = []
    run: list[tuple[int, float]] = []
    for point in points + [(-99, 0.0)]:
        if run and places.get(point[0], -99) != places.get(run[-1][0], -99) + 1:
            if len(run) > 1:
                coordinates = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, v in run)
                drawn.append(f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="3" '
                             'stroke-linejoin="round"/>')
            run = []
        run.append(point)
    drawn += [f'<circle cx="{x_of(i):.1f}" cy="{y_of(v):.1f}" r="4.5" fill="{colour}" stroke="#FFFFFF" '
              'stroke-width="1.5"/>' for i, v in points]
    return drawn


def _swatch(colour: str, dash: str = "", marker: bool = False, bar: bool = False) -> str:
    inner = (f'<rect x="9" y="3" width="10" height="10" fill="{colour}"/>' if bar
             else _line(1, 8, 27, 8, colour, 3 if not dash else 2.5, dash)
             + (f'<circle cx="14" cy="8" r="4" fill="{colour}"/>' if marker else ""))
    return f'<svg width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" focusable="false">{inner}</svg>'


def legend(indicator: Indicator, kind: str, colours: Palette) -> str:
    series = f"{indicator.frequency.word} figure"
    drawn = "bars" if kind == "bar" else "solid line with dots"
    items = [f"<li>{_swatch(colours.series, marker=kind != 'bar', bar=kind == 'bar')}{esc(series)}"
             + f'<span class="vh"> ({drawn})</span></li>']
    items += [f'<li>{_swatch(r.colour(colours), r.dash)}{esc(r.label)}<span class="vh"> ({r.words})</span></li>'
              for r in references(indicator)]
    return f'<ul class="legend" aria-label="Key to the chart">{"".join(items)}</ul>'


def figures_table(indicator: Indicator, scorecard: Scorecard) -> str:
    """The charted figures, period by period, for a reader who wants the numbers rather than the picture."""
    period = scorecard.period
    by_month = indicator.figures_by_month()
    rows = []
    for month in scorecard.trend_months:
        if month > period or not indicator.measured_in(month):
            continue
        figure = by_month.get(month)
        rows.append(f'<tr><th scope="row">{esc(indicator.period_label(month))}</th>'
                    f'<td class="n">{esc(format_noted(figure, indicator.unit))}</td></tr>')
    caption = f"Figures charted for {indicator.ref} {indicator.name}"
    return (f'<details><summary>Figures in this chart</summary><table><caption>{esc(caption)}</caption>'
            f'<thead><tr><th scope="col">Period</th><th scope="col">Figure</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></details>')


def section_charts(scorecard: Scorecard, layout: Layout, section: Section, number: int) -> str:
    """The section's charts (the same indicators as the PDF and the Excel scorecard chart), each a figure."""
    chosen = section_layout(layout, section)
    indicators = chart_indicators(section, chosen, scorecard.period)
    if not indicators:
        return ""
    colours = palette(layout.theme)
    figures = []
    for index, indicator in enumerate(indicators, start=1):
        ident = f"chart-{number}-{index}"
        figures.append(
            f'<figure class="chart"><h3>{esc(indicator.ref)} {esc(indicator.name)}</h3>'
            f"{svg_chart(indicator, scorecard, chosen.chart, colours, ident)}"
            f"{legend(indicator, chosen.chart, colours)}{figures_table(indicator, scorecard)}</figure>"
        )
    return f'<div class="charts">{"".join(figures)}</div>'
