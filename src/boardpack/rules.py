"""The rules a performance team applies by eye: RAG rating, direction of travel and year to date.

``assess`` is the stage between reading and rendering: it takes a scorecard and returns a new one in which
every indicator carries an ``Assessment`` for the reporting period.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from boardpack.model import (
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
    Thresholds,
    Unit,
    UnitKind,
    YtdRule,
)
from boardpack.values import display_round


def rag_for(value: float | None, polarity: Polarity, thresholds: Thresholds, unit: Unit) -> Rag | None:
    """Green if the green threshold is met, else amber if the amber one is, else red.

    The figure is compared as displayed, so 94.96% shown as 95.0% meets ``95%+``. Info measures and
    measures with no thresholds have no RAG. With only a red threshold, meeting it is red and anything
    else green.
    """
    if value is None or polarity is Polarity.INFO or not thresholds.any:
        return None
    shown = float(display_round(value, unit.display_precision()))
    if thresholds.green is None and thresholds.amber is None:
        assert thresholds.red is not None
        return Rag.RED if thresholds.red.is_met_by(shown) else Rag.GREEN
    if thresholds.green is not None and thresholds.green.is_met_by(shown):
        return Rag.GREEN
    if thresholds.amber is not None and thresholds.amber.is_met_by(shown):
        return Rag.AMBER
    return Rag.RED


def dot_for(current: float | None, previous: float | None, polarity: Polarity, unit: Unit) -> Dot | None:
    """Direction of travel from the previous month with a value; equal when the two display the same."""
    if current is None or previous is None:
        return None
    places = unit.display_precision()
    now, before = display_round(current, places), display_round(previous, places)
    if now == before:
        return Dot.SAME
    rising = now > before
    if polarity is Polarity.INFO:
        return Dot.UP if rising else Dot.DOWN
    if polarity is Polarity.LOW:
        rising = not rising
    return Dot.IMPROVED if rising else Dot.DECLINED


def ytd_rule_for(indicator: Indicator, year_figures: list[Figure]) -> YtdRule:
    """Which YTD rule fits a measure the tracker gives no YTD for, judged from its timeline and unit."""
    timeline = " ".join(indicator.timeline.lower().split())
    flow = any(word in timeline for word in ("financial year", "year to date", "ytd", "cumulative"))
    with_values = [f for f in year_figures if f.has_value]
    if not with_values:
        return YtdRule.NONE
    if not flow or indicator.unit.kind is UnitKind.RATE or "average" in indicator.unit.label.lower():
        # Snapshot ("as at month end"), rolling and already-cumulative measures report the latest figure.
        return YtdRule.LATEST
    if all(f.numerator is not None and f.denominator is not None for f in with_values):
        return YtdRule.SUM_PARTS
    if indicator.unit.kind is UnitKind.COUNT:
        return YtdRule.SUM
    return YtdRule.LATEST


@lru_cache(maxsize=64)
def _financial_year(period: Month) -> frozenset[Month]:
    # Every indicator asks for the same few periods; building twelve Months each time was a hot spot.
    return frozenset(period.financial_year_months())


def work_out_ytd(indicator: Indicator, period: Month) -> tuple[Figure | None, YtdRule]:
    if indicator.ytd is not None:
        return indicator.ytd, YtdRule.TRACKER
    months = _financial_year(period)
    year_figures = [o.figure for o in indicator.observations if o.month in months and o.month <= period]
    rule = ytd_rule_for(indicator, year_figures)
    with_values = [f for f in year_figures if f.has_value]
    match rule:
        case YtdRule.NONE:
            return None, rule
        case YtdRule.LATEST:
            return with_values[-1], rule
        case YtdRule.SUM:
            return Figure(value=sum(f.value for f in with_values if f.value is not None)), rule
        case YtdRule.SUM_PARTS:
            numerator = sum(f.numerator for f in with_values if f.numerator is not None)
            denominator = sum(f.denominator for f in with_values if f.denominator is not None)
            value = numerator / denominator if denominator else None
            return Figure(value=value, numerator=numerator, denominator=denominator), rule
    raise AssertionError(rule)


def _assessment(indicator: Indicator, period: Month, current: Figure | None, previous: Figure | None,
                same_month_last_year: Figure | None) -> Assessment:
    current_value = current.value if current else None
    ytd, rule = work_out_ytd(indicator, period)
    return Assessment(
        current=current,
        previous=previous,
        rag=rag_for(current_value, indicator.polarity, indicator.thresholds, indicator.unit),
        dot=dot_for(current_value, previous.value if previous else None, indicator.polarity, indicator.unit),
        ytd=ytd,
        ytd_rule=rule,
        same_month_last_year=same_month_last_year,
    )


def assessment_at(indicator: Indicator, period: Month) -> Assessment:
    """What the rules work out for ``indicator`` as at ``period``, without copying the indicator."""
    up_to_period = [o for o in indicator.observations if o.month <= period]
    current = next((o.figure for o in up_to_period if o.month == period), None)
    earlier = [o.figure for o in up_to_period if o.month < period and o.figure.has_value]
    previous = earlier[-1] if earlier else None
    return _assessment(indicator, period, current, previous, indicator.figure_for(period.shift(-12)))


def monthly_assessments(indicator: Indicator, period: Month) -> Iterator[tuple[Observation, Assessment]]:
    """Each observation up to ``period`` with ``assessment_at`` its own month, in the observations' order.

    The tidy CSV wants every month as at that month; asking ``assessment_at`` month by month went over all
    the observations for each one. Observations in strictly increasing month order (as the reader makes
    them) are assessed in one pass carrying the previous figure forward; any other order gets
    ``assessment_at`` itself, so the result is the same either way.
    """
    observations = indicator.observations
    months = [o.month for o in observations]
    if any(later <= earlier for earlier, later in zip(months, months[1:])):
        for observation in observations:
            if observation.month <= period:
                yield observation, assessment_at(indicator, observation.month)
        return
    by_month = {o.month: o.figure for o in observations}
    previous: Figure | None = None
    for observation in observations:
        month, current = observation.month, observation.figure
        if month > period:
            break
        yield observation, _assessment(indicator, month, current, previous, by_month.get(month.shift(-12)))
        if current.has_value:
            previous = current


def assess_indicator(indicator: Indicator, period: Month) -> Indicator:
    return replace(indicator, assessment=assessment_at(indicator, period))


def latest_period(scorecard: Scorecard) -> Month | None:
    """The latest month in which any indicator holds a value."""
    months = [o.month for i in scorecard.indicators for o in i.observations if o.figure.has_value]
    return max(months) if months else None


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
