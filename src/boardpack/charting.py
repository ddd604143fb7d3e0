"""Which indicators a section charts, and what each chart shows, decided once for the PDF and the Excel scorecard.

The layout names them (``chart_refs``) or turns charts off (``chart = "none"``); without that, a section charts
up to two measures that have a target, else the first two with figures in the months shown. Every indicator
still has its trend in the scorecard's sparkline and the section tables, so a 1,000-indicator pack does not
carry a thousand charts nobody asked for.

A chart's months, its target and benchmark lines, its value axis and the sentence that describes it are worked
out here, without any drawing library, so the two renderers (and any other) draw the same chart on the same
scale and a reader of either is told the same thing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from boardpack.layout import Layout, SectionLayout
from boardpack.model import (
    MONTH_NAMES,
    BenchmarkKind,
    Comparison,
    Frequency,
    Indicator,
    Month,
    Polarity,
    Scorecard,
    Section,
    Unit,
    period_label,
)
from boardpack.render.text import format_number, with_note
from boardpack.window import months_shown

DEFAULT_CHARTS = 2
# The benchmark a chart draws, when the tracker has several: the first of these it has a figure for.
BENCHMARK_PREFERENCE = (
    BenchmarkKind.STAT_NEIGHBOUR_AVERAGE,
    BenchmarkKind.NATIONAL_AVERAGE,
    BenchmarkKind.REGIONAL_AVERAGE,
    BenchmarkKind.TOP_QUARTILE,
    BenchmarkKind.BEST_STAT_NEIGHBOUR,
)
# What each chart says good looks like, keyed by the polarity's value so a new polarity needs only a line here.
DIRECTION_WORDS = {
    "high": "Higher is better",
    "low": "Lower is better",
    "within": "Within range is better",
    "info": "For information",
}
AXIS_INTERVALS = 4


def section_layout(layout: Layout, section: Section) -> SectionLayout:
    """The layout's entry for ``section`` (matched ignoring case and spacing), or a default one."""
    wanted = " ".join(section.name.lower().split())
    for candidate in layout.sections:
        if " ".join(candidate.title.lower().split()) == wanted:
            return candidate
    return SectionLayout(title=section.name, refs=tuple(i.ref for i in section.indicators))


def chart_indicators(section: Section, chosen: SectionLayout, period: Month) -> list[Indicator]:
    """The layout's chart refs; without them, up to two measures that have a target, else the first with data."""
    if chosen.chart == "none":
        return []
    by_ref = {indicator.ref: indicator for indicator in section.indicators}
    if chosen.chart_refs:
        return [by_ref[ref] for ref in chosen.chart_refs if ref in by_ref]
    window = set(period.trend_window())

    def has_data(indicator: Indicator) -> bool:
        return any(o.month in window and o.month <= period and o.figure.has_value for o in indicator.observations)

    with_data = [i for i in section.indicators if has_data(i)]
    targeted = [i for i in with_data if i.thresholds.any]
    return (targeted or with_data)[:DEFAULT_CHARTS]


# A line needs a few points to show a trend: early in the year a chart leads in with the months before April.
LEAST_CHART_PERIODS = 3


def chart_months(scorecard: Scorecard, layout: Layout, indicator: Indicator) -> tuple[Month, ...]:
    """The periods along a chart's bottom, each kept at its last month: the months its section's table shows
    (``window.months_shown``), of which a measure taken less often than monthly spans only those its periods
    end in, so a quarterly one has a place per quarter, not three empty months around each figure.

    Early in the year (an April report shows April alone) the chart leads in with the months before the
    year, up to the three the trackers carry, so that it has a trend to show; never months to come.
    """
    shown = months_shown(scorecard, layout)
    months = tuple(month for month in shown if indicator.measured_in(month))
    if len(months) < LEAST_CHART_PERIODS and shown:
        earlier = [month for month in scorecard.trend_months if month < shown[0] and indicator.measured_in(month)]
        months = (*earlier[-(LEAST_CHART_PERIODS - len(months)):], *months) if earlier else months
    return months


def chart_points(indicator: Indicator, months: tuple[Month, ...]) -> tuple[tuple[int, float], ...]:
    """Each figure the chart plots, as (its place among ``months``, value); a month without one has no point."""
    figures = indicator.figures_by_month()
    points = []
    for index, month in enumerate(months):
        figure = figures.get(month)
        if figure is not None and figure.value is not None:
            points.append((index, figure.value))
    return tuple(points)


@dataclass(frozen=True)
class ChartLine:
    """A flat line across a chart: the target (a band has two, ``Target from`` and ``Target to``) or a benchmark."""

    role: str  # "target" or "benchmark"
    name: str
    value: float
    # The words at the line's right-hand end: ``Target 95%``, ``SN AVE 87.8``.
    label: str
    benchmark: BenchmarkKind | None = None
    # The tracker's note on a benchmark's figure (the year it is for), printed with its name.
    note: str = ""


def chart_benchmark(indicator: Indicator) -> BenchmarkKind | None:
    for kind in BENCHMARK_PREFERENCE:
        figure = indicator.benchmark(kind)
        if figure is not None and figure.value is not None:
            return kind
    return None


def chart_lines(indicator: Indicator) -> tuple[ChartLine, ...]:
    """The target (green threshold, else amber) for a measure with a good direction, then one benchmark."""
    unit = indicator.unit
    lines = []
    threshold = indicator.thresholds.green or indicator.thresholds.amber
    if threshold is not None and indicator.polarity is not Polarity.INFO:
        if threshold.comparison is Comparison.BETWEEN and threshold.upper is not None:
            bounds = [("Target from", threshold.value), ("Target to", threshold.upper)]
            lines += [ChartLine("target", name, value, f"{name} {format_number(value, unit)}")
                      for name, value in bounds]
        else:
            # As the tables head it (``95%+``), the tracker's own words where it has them.
            shown = threshold.text or format_number(threshold.value, unit)
            lines.append(ChartLine("target", "Target", threshold.value, f"Target {shown}"))
    kind = chart_benchmark(indicator)
    if kind is not None:
        figure = indicator.benchmark(kind)
        assert figure is not None and figure.value is not None
        note = " ".join(figure.note.split())
        label = with_note(f"{kind.label} {format_number(figure.value, unit)}", note)
        lines.append(ChartLine("benchmark", kind.long_label, figure.value, label, kind, note))
    return tuple(lines)


@dataclass(frozen=True)
class Axis:
    """A value axis: from ``low`` to ``high`` in steps of ``step``, each a round number."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> tuple[float, ...]:
        count = round((self.high - self.low) / self.step)
        return tuple(_tidy(self.low + self.step * i) for i in range(count + 1))

    def decimals(self, unit: Unit) -> int:
        """The places a tick needs to show its step (2.5% steps print 2.5%, 20% steps 20%)."""
        shown = self.step * (100 if unit.is_percent else 1)
        places = 0
        while places < 4 and abs(round(shown, places) - shown) > 1e-9:
            places += 1
        return places

    @property
    def broken(self) -> bool:
        """Whether the axis leaves out zero below figures that are all above it: a break must show the cut."""
        return self.low > 0


def chart_axis(values: list[float], unit: Unit, from_zero: bool = True) -> Axis:
    """Round-numbered bounds and step for ``values`` (figures, targets and benchmarks).

    From zero, so that the height of a point is its size and a dip of one percent looks like one. Asked not
    to start at zero (``chart_zero = false`` in a layout), the axis still spans at least a fifth of the
    largest value (20 points for a percentage), so a change of a point or two does not look like a collapse.
    """
    low, high = min(values), max(values)
    percent = unit.is_percent
    if from_zero:
        low, high = min(low, 0.0), max(high, 0.0)
        # A span too small to divide into steps (a figure of 5e-324 is zero as printed) is drawn as no span.
        if high - low < 1e-9:
            high = low + (0.1 if percent else 1.0)
    else:
        least_span = 0.2 if percent else abs(high) * 0.2 or 1.0
        if high - low < least_span:
            middle = (high + low) / 2
            low, high = middle - least_span / 2, middle + least_span / 2
            if percent and high > 1 >= max(values):
                low, high = low - (high - 1), 1.0
            if min(values) >= 0 > low:
                low, high = 0.0, high - low
        if 0 <= low < (high - low) * 0.6:
            low = 0.0
    step = _nice_step(high - low)
    first = _tidy(math.floor(low / step + 1e-9) * step)
    if first > low:
        first = _tidy(first - step)
    last = _tidy(math.ceil(high / step - 1e-9) * step)
    if last < high:
        last = _tidy(last + step)
    if min(values) >= 0 > first:
        first = 0.0
    return Axis(first, last, step)


def _nice_step(span: float) -> float:
    # Never below a millionth of a millionth: a narrower span underflows, and no figure is printed that finely.
    raw = max(span / AXIS_INTERVALS, 1e-12)
    magnitude: float = 10 ** math.floor(math.log10(raw))  # int ** int is typed Any: a negative power is a float
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude * (1 + 1e-9):
            return multiple * magnitude
    return 10 * magnitude


def _tidy(value: float) -> float:
    """Rounded clear of float noise (0.15000000000000002), so Excel and the PDF print the same tick."""
    return float(f"{value:.12g}") + 0.0


@dataclass(frozen=True)
class ChartPlan:
    """Everything one chart shows, for whichever renderer draws it."""

    indicator: Indicator
    kind: str
    months: tuple[Month, ...]
    points: tuple[tuple[int, float], ...]
    lines: tuple[ChartLine, ...]
    axis: Axis
    # The periods' own frequency (a quarterly measure's labels are quarters, in a monthly report too).
    frequency: Frequency

    @property
    def direction(self) -> str:
        return direction_words(self.indicator)

    @property
    def description(self) -> str:
        return chart_description(self.indicator, self.months, self.kind)


def chart_plan(scorecard: Scorecard, layout: Layout, section: Section, indicator: Indicator) -> ChartPlan:
    chosen = section_layout(layout, section)
    kind = "bar" if chosen.chart == "bar" else "line"
    months = chart_months(scorecard, layout, indicator)
    points = chart_points(indicator, months)
    lines = chart_lines(indicator)
    values = [value for _, value in points] + [line.value for line in lines]
    # Bars are read by their length, so they always stand on zero whatever the layout asks.
    axis = chart_axis(values or [0.0], indicator.unit, chosen.chart_zero or kind == "bar")
    return ChartPlan(indicator, kind, months, points, lines, axis, indicator.frequency)


def direction_words(indicator: Indicator) -> str:
    return DIRECTION_WORDS.get(indicator.polarity.value, "")


def chart_description(indicator: Indicator, months: tuple[Month, ...], kind: str = "line") -> str:
    """One sentence saying what a chart shows, for a reader who cannot see it (alternative text):

    ``Line chart: LAC cases reviewed within timescales, January to April 2019, from 91.2% to 93.4%; higher is
    better; target 95%.``
    """
    noun = "Bar chart" if kind == "bar" else "Line chart"
    frequency = indicator.frequency
    points = chart_points(indicator, months)
    unit = indicator.unit
    said = f"{noun}: {indicator.name}"
    if months:
        said += f", {span_words(months, frequency)}"
    if not points:
        said += ", no figures yet"
    elif len(points) == 1:
        index, value = points[0]
        said += f", {format_number(value, unit)}"
        if len(months) > 1:
            said += f" in {_period_words(months[index], frequency)}"
    else:
        (first_index, first), (last_index, last) = points[0], points[-1]
        start = f" in {_period_words(months[first_index], frequency)}" if first_index != 0 else ""
        end = f" in {_period_words(months[last_index], frequency)}" if last_index != len(months) - 1 else ""
        said += f", from {format_number(first, unit)}{start} to {format_number(last, unit)}{end}"
    clauses = [said]
    direction = direction_words(indicator)
    if direction and indicator.polarity is not Polarity.INFO:
        clauses.append(direction.lower())
    lines = chart_lines(indicator)
    targets = [_plain(line.value, unit) for line in lines if line.role == "target"]
    if targets:
        clauses.append(f"target {' to '.join(targets)}")
    clauses += [f"{line.name.lower()} {_plain(line.value, unit)}" for line in lines if line.role == "benchmark"]
    return "; ".join(clauses) + "."


def _plain(value: float, unit: Unit) -> str:
    """A target or benchmark as said aloud: ``85%`` rather than ``85.0%``."""
    text = format_number(value, unit)
    whole, point, rest = text.partition(".")
    digits = rest.rstrip("%km")
    if point and digits.strip("0") == "" and digits:
        return whole + rest[len(digits):]
    return text


def span_words(months: tuple[Month, ...], frequency: Frequency) -> str:
    """``January to April 2019``, ``December 2018 to March 2019``, ``Q4 2018/19 to Q2 2019/20``."""
    first, last = months[0], months[-1]
    if first == last:
        return _period_words(first, frequency)
    if frequency is Frequency.MONTHLY and first.year == last.year:
        return f"{MONTH_NAMES[first.month - 1]} to {last.long_label}"
    return f"{_period_words(first, frequency)} to {_period_words(last, frequency)}"


def _period_words(month: Month, frequency: Frequency) -> str:
    return month.long_label if frequency is Frequency.MONTHLY else period_label(month, frequency)
