"""Trend charts as inline SVG, each with a title, a one-sentence description and its figures in a table.

The chart shows what the PDF's does (``render/pdf/charts.py``): the report's trend periods along the bottom, the
figures as a line or bars, the target and a benchmark as flat lines told apart by dash as well as colour.
The SVG is an image to assistive technology (``role="img"``) named by its title and description; the same
figures follow in a table inside a ``details`` element, and the legend is ordinary text under the chart.

What a chart shows (its periods, points, target and benchmark lines, axis and description) is worked out once
in ``charting.chart_plan``, which the PDF and the Excel scorecard draw from too, so the editions agree.
"""

from __future__ import annotations

from collections.abc import Callable

from boardpack.charting import ChartLine, ChartPlan, chart_indicators, chart_plan, section_layout
from boardpack.layout import Layout
from boardpack.model import (
    Indicator,
    Month,
    Scorecard,
    Section,
)
from boardpack.render.html.style import CHART_GRID, MUTED, Palette, palette
from boardpack.render.html.text import esc
from boardpack.render.text import axis_figure, axis_periods, format_noted, format_number

# Drawn small and scaled up, so that on a phone, where it shrinks, its labels still read at about 13 px.
WIDTH, HEIGHT = 420, 260
FONT = 15
# Dash patterns in user units: the target dashed, a benchmark dotted, the figures solid with markers.
TARGET_DASH = "10 5"
BENCHMARK_DASH = "2 5"


def _dash(line: ChartLine) -> str:
    return TARGET_DASH if line.role == "target" else BENCHMARK_DASH


def _drawn_as(line: ChartLine) -> str:
    """How the line is drawn, for readers who cannot see it: by dash, never by colour."""
    return "dashed line" if line.role == "target" else "dotted line"


def _colour(line: ChartLine, colours: Palette) -> str:
    return colours.target if line.role == "target" else colours.benchmark


def _text(x: float, y: float, text: str, anchor: str = "start", colour: str = MUTED, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{colour}"{weight}>{esc(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}" stroke-linecap="round"' if dash else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{width}"{dashes}/>')


def svg_chart(plan: ChartPlan, colours: Palette, ident: str) -> str:
    indicator, months, frequency = plan.indicator, plan.months, plan.frequency
    title = f"{indicator.ref} {indicator.name}"
    opening = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
               f'aria-labelledby="{ident}-t {ident}-d" font-size="{FONT}" font-family="DejaVu Sans,Verdana,sans-serif">'
               f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(plan.description)}</desc>')
    points = list(plan.points)
    if not points and not plan.lines:
        return opening + _text(WIDTH / 2, HEIGHT / 2, "No figures to chart yet", "middle") + "</svg>"
    axis = plan.axis
    ticks = axis.ticks
    labels = [axis_figure(t, indicator.unit, axis.decimals(indicator.unit)) for t in ticks]
    left = max(len(label) for label in labels) * FONT * 0.62 + 10
    right, top, bottom = WIDTH - 6, FONT * 2.2, HEIGHT - 2 * FONT - 14
    low, high = axis.low, axis.high

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    slot = (right - left) / max(len(months), 1)

    def x_of(index: float) -> float:
        return left + slot * (index + 0.5)

    parts = [opening]
    if plan.direction:
        parts.append(_text(left, FONT, plan.direction))
    for tick, label in zip(ticks, labels, strict=True):
        y = y_of(tick)
        parts.append(_line(left, y, right, y, CHART_GRID, 1))
        parts.append(_text(left - 5, y + FONT / 3, label, "end"))
    parts.append(_line(left, bottom, right, bottom, MUTED, 1))
    if axis.broken:
        # The scale leaves out zero: two short slashes on the axis say it is cut.
        for offset in (0, 5):
            parts.append(_line(left - 6, bottom - 4 - offset, left + 6, bottom - 8 - offset, MUTED, 1.5))
    axis_words = [axis_periods(month, frequency, index == 0) for index, month in enumerate(months)]
    every = 1 if max((len(short) for short, _ in axis_words), default=0) * FONT * 0.62 <= slot - 4 else 2
    for index, (short, year) in enumerate(axis_words):
        if index % every:
            continue
        parts.append(_text(x_of(index), bottom + FONT + 4, short, "middle"))
        if year:
            parts.append(_text(x_of(index), bottom + 2 * FONT + 8, year, "middle"))
    for line in plan.lines:
        parts.append(_line(left, y_of(line.value), right, y_of(line.value), _colour(line, colours), 2.5, _dash(line)))
    if plan.kind == "bar":
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


def _series(indicator: Indicator, months: tuple[Month, ...], points: list[tuple[int, float]],
            x_of: Callable[[float], float], y_of: Callable[[float], float], colour: str) -> list[str]:
    """A solid line through consecutive periods, a missing one leaving a gap rather than a false slope; a
    measure taken, say, quarterly is joined from one of its own periods to the next."""
    places = {i: n for n, i in enumerate(i for i, m in enumerate(months) if indicator.measured_in(m))}
    drawn: list[str] = []
    run: list[tuple[int, float]] = []
    for point in [*points, (-99, 0.0)]:
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


def legend(plan: ChartPlan, colours: Palette) -> str:
    indicator, kind = plan.indicator, plan.kind
    series = f"{indicator.frequency.word} figure"
    drawn = "bars" if kind == "bar" else "solid line with dots"
    items = [f"<li>{_swatch(colours.series, marker=kind != 'bar', bar=kind == 'bar')}{esc(series)}"
             + f'<span class="vh"> ({drawn})</span></li>']
    items += [f'<li>{_swatch(_colour(line, colours), _dash(line))}{esc(line.label)}'
              f'<span class="vh"> ({_drawn_as(line)})</span></li>' for line in plan.lines]
    return f'<ul class="legend" aria-label="Key to the chart">{"".join(items)}</ul>'


def figures_table(plan: ChartPlan, scorecard: Scorecard) -> str:
    """The charted figures, period by period, for a reader who wants the numbers rather than the picture."""
    indicator, period = plan.indicator, scorecard.period
    by_month = indicator.figures_by_month()
    rows = []
    for month in plan.months:
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
        plan = chart_plan(scorecard, layout, section, indicator)
        figures.append(
            f'<figure class="chart"><h3>{esc(indicator.ref)} {esc(indicator.name)}</h3>'
            f"{svg_chart(plan, colours, ident)}{legend(plan, colours)}{figures_table(plan, scorecard)}</figure>"
        )
    return f'<div class="charts">{"".join(figures)}</div>'
