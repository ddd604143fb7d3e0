"""The rules a performance team applies by eye: RAG rating, direction of travel and year to date.

``assess`` is the stage between reading and rendering: it takes a scorecard and returns a new one in which
every indicator carries an ``Assessment`` for the reporting period.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from boardpack.model import (
    COMPARISON_PLACES,
    Assessment,
    Dot,
    Figure,
    Finding,
    Indicator,
    Month,
    Observation,
    Polarity,
    Rag,
    Scorecard,
    Severity,
    Threshold,
    Thresholds,
    Unit,
    UnitKind,
    YtdRule,
)
from boardpack.ranges import span_of
from boardpack.values import display_round


def rag_for(value: float | None, polarity: Polarity, thresholds: Thresholds, unit: Unit) -> Rag | None:
    """Green if the green threshold is met, else amber if the amber one is, else red.

    The figure is compared as displayed, so 94.96% shown as 95.0% meets ``95%+``. Info measures and
    measures with no thresholds have no RAG. With only a red threshold, meeting it is red and anything
    else green. The thresholds are the cuts ``targets.read_thresholds`` resolved from what the tracker wrote
    (``8%+`` amber beside ``16%+`` red on a low-is-good measure is tested as under 16%).
    """
    return _Judge(polarity, thresholds, unit).rag(value)


def dot_for(current: float | None, previous: float | None, polarity: Polarity, unit: Unit,
            thresholds: Thresholds | None = None) -> Dot | None:
    """Direction of travel from the previous month with a value; equal when the two display the same.

    A Within limits measure has improved when its figure is nearer its green range (``thresholds.green``)
    than before; two figures inside the range are the same.
    """
    return _Judge(polarity, thresholds or _NO_THRESHOLDS, unit).dot(current, previous)


_NO_THRESHOLDS = Thresholds()
# Months compared as (year, month) pairs, the order Month itself defines, without a Month method per comparison.
_month_key = attrgetter("year", "month")


class _Judge:
    """``rag_for`` and ``dot_for`` for one measure, rounding each of its figures as displayed only once.

    RAG and DOT both compare displayed figures, and month after month the DOT's previous figure is the one
    the month before was rated on; rounding through ``Decimal`` every time was most of the rules' cost.
    """

    __slots__ = ("_polarity", "_rated", "_red", "_amber", "_green", "_shown", "_band")

    def __init__(self, polarity: Polarity, thresholds: Thresholds, unit: Unit) -> None:
        self._polarity = polarity
        self._rated = polarity is not Polarity.INFO and thresholds.any
        self._red, self._amber, self._green = (
            None if threshold is None else threshold.test()
            for threshold in (thresholds.red, thresholds.amber, thresholds.green)
        )
        self._shown = _Shown(unit.display_precision())
        self._band = _band(thresholds.green) if polarity is Polarity.WITHIN else None

    def rag(self, value: float | None) -> Rag | None:
        if value is None or not self._rated:
            return None
        figure = float(self._shown[value])
        red, amber, green = self._red, self._amber, self._green
        if green is None and amber is None:
            assert red is not None
            return Rag.RED if red(figure) else Rag.GREEN
        if green is not None and green(figure):
            return Rag.GREEN
        if amber is not None and amber(figure):
            return Rag.AMBER
        return Rag.RED

    def dot(self, current: float | None, previous: float | None) -> Dot | None:
        if current is None or previous is None:
            return None
        now, before = self._shown[current], self._shown[previous]
        if now == before:
            return Dot.SAME
        if self._band is not None:
            low, high = self._band
            nearer = _outside(float(before), low, high) - _outside(float(now), low, high)
            return Dot.SAME if nearer == 0 else Dot.IMPROVED if nearer > 0 else Dot.DECLINED
        rising = now > before
        if self._polarity is Polarity.INFO or self._polarity is Polarity.WITHIN:
            return Dot.UP if rising else Dot.DOWN
        if self._polarity is Polarity.LOW:
            rising = not rising
        return Dot.IMPROVED if rising else Dot.DECLINED


def _band(green: Threshold | None) -> tuple[float, float] | None:
    """The green range of a Within limits measure, which its direction of travel is measured from."""
    if green is None:
        return None
    span = span_of(green)
    return span.low, span.high


def _outside(figure: float, low: float, high: float) -> float:
    """How far a figure lies outside the range, rounded as thresholds are compared; 0 inside it."""
    return round(max(low - figure, figure - high, 0.0), COMPARISON_PLACES)


class _Shown(dict[float, Decimal]):
    """Figures rounded as displayed, looked up as a dict so a figure seen before costs no call.

    0.0 and -0.0 share an entry; their roundings compare equal, which is all RAG and DOT ask of them.
    """

    def __init__(self, places: int) -> None:
        super().__init__()
        self._places = places

    def __missing__(self, value: float) -> Decimal:
        shown = self[value] = display_round(value, self._places)
        return shown


def ytd_rule_for(indicator: Indicator, year_figures: list[Figure]) -> YtdRule:
    """Which YTD rule fits a measure the tracker gives no YTD for, judged from its timeline and unit."""
    return _ytd_rule(indicator, [f for f in year_figures if f.has_value])


def _ytd_rule(indicator: Indicator, with_values: list[Figure]) -> YtdRule:
    if not with_values:
        return YtdRule.NONE
    if _reports_latest(indicator.timeline, indicator.unit):
        return YtdRule.LATEST
    if all(f.numerator is not None and f.denominator is not None for f in with_values):
        return YtdRule.SUM_PARTS
    if indicator.unit.kind is UnitKind.COUNT:
        return YtdRule.SUM
    return YtdRule.LATEST


@lru_cache(maxsize=256)
def _reports_latest(timeline: str, unit: Unit) -> bool:
    """Snapshot ("as at month end"), rolling and already-cumulative measures report the latest figure."""
    # Cached because a pack asks once per indicator per month, and trackers repeat a handful of timelines.
    words = " ".join(timeline.lower().split())
    flow = any(word in words for word in ("financial year", "year to date", "ytd", "cumulative"))
    return not flow or unit.kind is UnitKind.RATE or "average" in unit.label.lower()


@lru_cache(maxsize=64)
def _year_start(month: Month) -> Month:
    return month.financial_year_start


def work_out_ytd(indicator: Indicator, period: Month) -> tuple[Figure | None, YtdRule]:
    if indicator.ytd is not None:
        return indicator.ytd, YtdRule.TRACKER
    # The financial year's months up to the period are those from the year's start to the period.
    start, end = _month_key(_year_start(period)), _month_key(period)
    year_figures = [o.figure for o in indicator.observations if start <= _month_key(o.month) <= end]
    with_values = [f for f in year_figures if f.has_value]
    rule = _ytd_rule(indicator, with_values)
    return _ytd_figure(rule, with_values), rule


def _ytd_figure(rule: YtdRule, with_values: list[Figure]) -> Figure | None:
    match rule:
        case YtdRule.NONE:
            return None
        case YtdRule.LATEST:
            return with_values[-1]
        case YtdRule.SUM:
            return Figure(value=sum(f.value for f in with_values if f.value is not None))
        case YtdRule.SUM_PARTS:
            numerator = sum(f.numerator for f in with_values if f.numerator is not None)
            denominator = sum(f.denominator for f in with_values if f.denominator is not None)
            value = numerator / denominator if denominator else None
            return Figure(value=value, numerator=numerator, denominator=denominator)
    raise AssertionError(rule)


def _assessment(judge: _Judge, current: Figure | None, previous: Figure | None,
                same_month_last_year: Figure | None, ytd: tuple[Figure | None, YtdRule]) -> Assessment:
    rag, dot = _marks(judge, current, previous)
    return Assessment(
        current=current,
        previous=previous,
        rag=rag,
        dot=dot,
        ytd=ytd[0],
        ytd_rule=ytd[1],
        same_month_last_year=same_month_last_year,
    )


def _marks(judge: _Judge, current: Figure | None, previous: Figure | None) -> tuple[Rag | None, Dot | None]:
    current_value = current.value if current else None
    return judge.rag(current_value), judge.dot(current_value, previous.value if previous else None)


def _judge(indicator: Indicator, month: Month) -> _Judge:
    return _Judge(indicator.polarity, indicator.thresholds_at(month), indicator.unit)


def _judges(indicator: Indicator) -> tuple[_Judge, dict[Month, _Judge]]:
    """The judge for the measure's figures, and the judges of months with a target of their own."""
    polarity, unit = indicator.polarity, indicator.unit
    base = _Judge(polarity, indicator.thresholds, unit)
    return base, {entry.month: _Judge(polarity, entry.thresholds, unit) for entry in indicator.profile}


_Inputs = tuple[Figure | None, Figure | None, Figure | None, tuple[Figure | None, YtdRule]]
"""What an assessment is worked out from: the current, previous and last year's figures, and the YTD."""


def assessment_at(indicator: Indicator, period: Month) -> Assessment:
    """What the rules work out for ``indicator`` as at ``period``, without copying the indicator."""
    return _assessment(_judge(indicator, period), *_inputs_at(indicator, period))


def _inputs_at(indicator: Indicator, period: Month) -> _Inputs:
    # One pass comparing (year, month) pairs, as Month orders itself: comparing Months was most of assess.
    now, last_year = _month_key(period), (period.year - 1, period.month)
    current = previous = same_month_last_year = None
    found_current = found_last_year = False
    for observation in indicator.observations:
        month = _month_key(observation.month)
        if month < now:
            if observation.figure.has_value:
                previous = observation.figure
            if month == last_year and not found_last_year:
                same_month_last_year, found_last_year = observation.figure, True
        elif month == now and not found_current:
            current, found_current = observation.figure, True
    return current, previous, same_month_last_year, work_out_ytd(indicator, period)


def monthly_assessments(indicator: Indicator, period: Month) -> Iterator[tuple[Observation, Assessment]]:
    """Each observation up to ``period`` with ``assessment_at`` its own month, in the observations' order."""
    base, profiled = _judges(indicator)
    for observation, inputs in _monthly_inputs(indicator, period):
        judge = profiled.get(observation.month, base) if profiled else base
        yield observation, _assessment(judge, *inputs)


def monthly_marks(
    indicator: Indicator, period: Month
) -> Iterator[tuple[Observation, Rag | None, Dot | None, Figure | None]]:
    """``monthly_assessments`` cut to what the tidy CSV prints: each month's RAG, DOT and YTD figure.

    The CSV has a row for every indicator and month; building a whole ``Assessment`` for each row cost it
    more than working out the marks did.
    """
    base, profiled = _judges(indicator)
    for observation, (current, previous, _, ytd) in _monthly_inputs(indicator, period):
        judge = profiled.get(observation.month, base) if profiled else base
        yield observation, *_marks(judge, current, previous), ytd[0]


def _monthly_inputs(indicator: Indicator, period: Month) -> Iterator[tuple[Observation, _Inputs]]:
    """Each observation up to ``period`` with the inputs of its own month's assessment.

    Asking ``_inputs_at`` month by month went over all the observations for each one. Observations in
    strictly increasing month order (as the reader makes them) are taken in one pass carrying forward the
    previous figure and the financial year's figures; any other order gets ``_inputs_at`` itself, so the
    result is the same either way.
    """
    observations = indicator.observations
    keys = [_month_key(o.month) for o in observations]
    if any(later <= earlier for earlier, later in zip(keys, keys[1:])):
        for observation in observations:
            if observation.month <= period:
                yield observation, _inputs_at(indicator, observation.month)
        return
    by_month = {key: o.figure for key, o in zip(keys, observations)}
    last = _month_key(period)
    tracker_ytd = (indicator.ytd, YtdRule.TRACKER) if indicator.ytd is not None else None
    year_start: Month | None = None
    year_with_values: list[Figure] = []
    previous: Figure | None = None
    for (year, month_number), observation in zip(keys, observations):
        if (year, month_number) > last:
            break
        current = observation.figure
        ytd = tracker_ytd
        if ytd is None:
            start = _year_start(observation.month)
            if start != year_start:
                year_start, year_with_values = start, []
            if current.has_value:
                year_with_values.append(current)
            rule = _ytd_rule(indicator, year_with_values)
            ytd = (_ytd_figure(rule, year_with_values), rule)
        yield observation, (current, previous, by_month.get((year - 1, month_number)), ytd)
        if current.has_value:
            previous = current


def assess_indicator(indicator: Indicator, period: Month) -> Indicator:
    return replace(indicator, assessment=assessment_at(indicator, period))


def latest_period(scorecard: Scorecard) -> Month | None:
    """The latest month in which any indicator holds a value."""
    months = [o.month for i in scorecard.indicators for o in i.observations if o.figure.has_value]
    return max(months, key=_month_key) if months else None


def assess(scorecard: Scorecard, period: Month | None = None) -> Scorecard:
    """Work out RAG, DOT and YTD for every indicator at ``period`` (default: the latest month with data)."""
    period = period or latest_period(scorecard) or scorecard.period
    sections = tuple(
        replace(section, indicators=tuple(assess_indicator(i, period) for i in section.indicators))
        for section in scorecard.sections
    )
    findings = list(scorecard.findings)
    for indicator in (i for s in sections for i in s.indicators):
        assert indicator.assessment is not None
        rule = indicator.assessment.ytd_rule
        if rule not in (YtdRule.TRACKER, YtdRule.NONE):
            findings.append(Finding(
                Severity.INFO,
                f"indicator {indicator.ref}: no YTD figure in the tracker, so YTD is the {rule.value}",
                indicator.source,
            ))
    return replace(scorecard, period=period, sections=sections, findings=tuple(findings))
