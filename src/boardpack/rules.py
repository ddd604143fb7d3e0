"""The rules a performance team applies by eye: RAG rating, direction of travel and year to date.

``assess`` is the stage between reading and rendering: it takes a scorecard and returns a new one in which
every indicator carries an ``Assessment`` for the reporting period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter

from boardpack.model import (
    COMPARISON_PLACES,
    FINANCIAL_YEAR_START_MONTH,
    Assessment,
    CellRef,
    Dot,
    Figure,
    Finding,
    Frequency,
    Indicator,
    Month,
    Observation,
    Polarity,
    Rag,
    Scorecard,
    Severity,
    Status,
    Threshold,
    Thresholds,
    Unit,
    UnitKind,
    YtdRule,
    period_end,
    period_start,
)
from boardpack.ranges import span_of
from boardpack.values import display_round
from boardpack.vocabulary import TIMELINE_HELP, timeline_kind


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

    __slots__ = ("_band", "_polarity", "_rated", "_shown", "_tests", "_thresholds")

    def __init__(self, polarity: Polarity, thresholds: Thresholds, unit: Unit) -> None:
        self._polarity = polarity
        self._rated = polarity is not Polarity.INFO and thresholds.any
        self._thresholds = (thresholds.red, thresholds.amber, thresholds.green)
        # Each threshold's test is made when first needed: most figures are rated by the green one alone.
        self._tests: list[Callable[[float], bool] | None] = [None, None, None]
        self._shown = _Shown(unit.display_precision())
        self._band = _band(thresholds.green) if polarity is Polarity.WITHIN else None

    def _meets(self, which: int, figure: float) -> bool:
        """Whether ``figure`` meets threshold ``which`` (0 red, 1 amber, 2 green)."""
        test = self._tests[which]
        if test is None:
            threshold = self._thresholds[which]
            assert threshold is not None
            test = self._tests[which] = threshold.test()
        return test(figure)

    def rag(self, value: float | None) -> Rag | None:
        if value is None or not self._rated:
            return None
        figure = float(self._shown[value])
        red, amber, green = self._thresholds
        if green is None and amber is None:
            assert red is not None
            return Rag.RED if self._meets(0, figure) else Rag.GREEN
        if green is not None and self._meets(2, figure):
            return Rag.GREEN
        if amber is not None and self._meets(1, figure):
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


# Flows that add up over a year: people counted, pounds spent. Rates, ratios and averages do not.
_SUMMED_KINDS = (UnitKind.COUNT, UnitKind.MONEY)


@lru_cache(maxsize=256)
def _reports_latest(timeline: str, unit: Unit) -> bool:
    """Snapshot ("as at month end"), rolling and already-cumulative measures report the latest figure.

    A timeline that is missing or not recognised is taken as a snapshot; ``timeline_guessed`` says when that
    guess decides the YTD, so that it is never made without a word.
    """
    # Cached because a pack asks once per indicator per month, and trackers repeat a handful of timelines.
    return timeline_kind(timeline) != "flow" or not _timeline_decides(unit)


def _timeline_decides(unit: Unit) -> bool:
    # Rates, ratios, indices and averages are never added up, whatever their timeline says.
    return unit.kind not in _NEVER_ADDED and "average" not in unit.label.lower()


_NEVER_ADDED = frozenset({UnitKind.RATE, UnitKind.RATIO, UnitKind.INDEX, UnitKind.AVERAGE})


def timeline_guessed(indicator: Indicator) -> bool:
    """Whether a YTD worked out for ``indicator`` rests on a guess: its timeline is missing or not recognised,
    and its unit (a count or a percentage) would be added up, not taken as the latest, were it a flow."""
    return timeline_kind(indicator.timeline) is None and _timeline_decides(indicator.unit)


@lru_cache(maxsize=64)
def _year_start(month: Month) -> Month:
    return month.financial_year_start


# Markers in the tracker's YTD cell that say the measure has no year-to-date figure at all, in any month.
# "n/a" and the official statistics' "[z]" both say "not applicable".
_NO_YTD_MARKERS = frozenset({Status.NONE, Status.NOT_AVAILABLE, Status.NOT_APPLICABLE})
# Months marked so hold nothing to add; any other marker (Unavailable, TBC, not reported, [x], [c]) stands for a
# figure that exists but is missing, and a sum over the year without it would fall short.
_NOTHING_TO_ADD = frozenset({Status.NONE, Status.NOT_AVAILABLE, Status.NOT_APPLICABLE})
_YEAR_END_MONTH = (FINANCIAL_YEAR_START_MONTH - 2) % 12 + 1


_NO_YTD = (None, YtdRule.NONE)


class _YearToDate:
    """How one indicator's YTD is had at any month, with what that takes worked out once per indicator.

    The tracker's YTD column is as at ``Indicator.ytd_month`` or else the latest month with a figure in the
    row; a ``-`` or ``n/a`` there says the measure has no YTD in any month. Other months are worked out from
    the year's months where they can give it. A prior-year column for a financial year (its outturn) is that
    year's YTD as at its March where the months cannot give it: a snapshot's March figure is its YTD even
    when the published outturn differs. Nothing is worked out from a faulty indicator's row.
    """

    __slots__ = ("count", "every_month", "faulty", "figure", "first_month", "latest", "month", "outturns")

    def __init__(self, indicator: Indicator) -> None:
        figure = indicator.ytd
        self.figure = figure
        self.every_month = figure is not None and not figure.has_value and figure.status in _NO_YTD_MARKERS
        month = indicator.ytd_month or (indicator.latest_month() if figure is not None and not self.every_month
                                        else None)
        self.month = _month_key(month) if month is not None else None
        self.outturns = {p.label: p.figure for p in reversed(indicator.prior_years) if p.figure.has_value}
        table = indicator.table
        first = table.first_month if table is not None else None
        if first is None and indicator.observations:
            first = min(o.month for o in indicator.observations)
        if first is not None and indicator.frequency is not Frequency.MONTHLY:
            # A quarter's figure is kept at its last month, but it covers the months from the quarter's first.
            first = period_start(first, indicator.frequency)
        self.first_month = _month_key(first) if first is not None else None
        self.faulty = bool(indicator.fault)
        self.latest = _reports_latest(indicator.timeline, indicator.unit)
        self.count = indicator.unit.kind in _SUMMED_KINDS

    def at(self, month: tuple[int, int], with_values: list[Figure], at_period: Figure | None, missing: bool
           ) -> tuple[Figure | None, YtdRule]:
        """The YTD as at ``month`` (a (year, month) key), given the year's figures with values up to it, the
        month's own figure, and whether any month of the year is marked as missing."""
        figure = self.figure
        if figure is not None and (self.every_month or month == self.month):
            return figure, YtdRule.TRACKER
        worked_out = self._worked_out(month, with_values, at_period, missing)
        if self.outturns and month[1] == _YEAR_END_MONTH and (worked_out[0] is None or not worked_out[0].has_value):
            outturn = self.outturns.get(Month(*month).financial_year_label)
            if outturn is not None:
                return outturn, YtdRule.OUTTURN
        return worked_out

    def _worked_out(self, month: tuple[int, int], with_values: list[Figure], at_period: Figure | None,
                    missing: bool) -> tuple[Figure | None, YtdRule]:
        """A snapshot's YTD is the month's own figure (its marker when it has none: never an earlier month's).
        A sum needs every month from April: the tracker must have their columns, none may be marked as
        missing, and the month itself must be filled in."""
        if self.faulty or not with_values:
            return _NO_YTD
        if self.latest:
            return (at_period, YtdRule.LATEST) if at_period is not None else _NO_YTD
        if all(f.numerator is not None and f.denominator is not None for f in with_values):
            rule = YtdRule.SUM_PARTS
        elif self.count:
            rule = YtdRule.SUM
        elif month[1] == FINANCIAL_YEAR_START_MONTH and at_period is not None:
            # A flow that cannot be added up (a percentage without its counts): only April's own figure is a
            # year to date.
            return at_period, YtdRule.LATEST
        else:
            return _NO_YTD
        year = month[0] if month[1] >= FINANCIAL_YEAR_START_MONTH else month[0] - 1
        reach = self.first_month is not None and self.first_month <= (year, FINANCIAL_YEAR_START_MONTH)
        if at_period is None or missing or not reach:
            return _NO_YTD
        return _ytd_figure(rule, with_values), rule


def work_out_ytd(indicator: Indicator, period: Month) -> tuple[Figure | None, YtdRule]:
    """The YTD as at ``period``: the tracker's own for the month it describes, else worked out from the months."""
    return _ytd_at(indicator, _YearToDate(indicator), period)


def _ytd_at(indicator: Indicator, ytd: _YearToDate, period: Month) -> tuple[Figure | None, YtdRule]:
    # A quarterly measure's year runs to its latest quarter ended by the period, whose figure it is as at.
    start, end = _month_key(_year_start(period)), _month_key(reported_month(indicator, period))
    if ytd.figure is not None and (ytd.every_month or end == ytd.month):
        return ytd.figure, YtdRule.TRACKER  # the commonest case, without going through the year's months
    year = sorted((o for o in indicator.observations if start <= _month_key(o.month) <= end),
                  key=lambda o: _month_key(o.month))
    at_period = year[-1].figure if year and _month_key(year[-1].month) == end else None
    missing = any(not o.figure.has_value and o.figure.status not in _NOTHING_TO_ADD for o in year)
    return ytd.at(end, [o.figure for o in year if o.figure.has_value], at_period, missing)


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


def _assessment(judge: _Judge | _NotRated, current: Figure | None, previous: Figure | None,
                same_month_last_year: Figure | None, ytd: tuple[Figure | None, YtdRule],
                current_month: Month | None = None) -> Assessment:
    rag, dot = _marks(judge, current, previous)
    return Assessment(
        current=current,
        previous=previous,
        rag=rag,
        dot=dot,
        ytd=ytd[0],
        ytd_rule=ytd[1],
        same_month_last_year=same_month_last_year,
        current_month=current_month,
    )


def _marks(judge: _Judge | _NotRated, current: Figure | None, previous: Figure | None
           ) -> tuple[Rag | None, Dot | None]:
    current_value = current.value if current else None
    return judge.rag(current_value), judge.dot(current_value, previous.value if previous else None)


class _NotRated:
    """The judge of a faulty indicator: its figures are shown as read, but nothing is rated from them."""

    @staticmethod
    def rag(value: float | None) -> None:
        return None

    @staticmethod
    def dot(current: float | None, previous: float | None) -> None:
        return None


def _judge(indicator: Indicator, month: Month) -> _Judge | _NotRated:
    if indicator.fault:
        return _NotRated()
    return _Judge(indicator.polarity, indicator.thresholds_at(month), indicator.unit)


def _judges(indicator: Indicator) -> tuple[_Judge | _NotRated, dict[Month, _Judge]]:
    """The judge for the measure's figures, and the judges of months with a target of their own."""
    if indicator.fault:
        return _NotRated(), {}
    polarity, unit = indicator.polarity, indicator.unit
    base = _Judge(polarity, indicator.thresholds, unit)
    return base, {entry.month: _Judge(polarity, entry.thresholds, unit) for entry in indicator.profile}


_Inputs = tuple[Figure | None, Figure | None, Figure | None, tuple[Figure | None, YtdRule]]
"""What an assessment is worked out from: the current, previous and last year's figures, and the YTD."""


def assessment_at(indicator: Indicator, period: Month) -> Assessment:
    """What the rules work out for ``indicator`` as at ``period``, without copying the indicator.

    A measure taken less often than monthly is judged on its latest period ended by ``period`` (a quarterly
    measure in a November report on the quarter to September), against the period before; its year to date
    is still the financial year of ``period``.
    """
    current_month = reported_month(indicator, period)
    return _assessment(_judge(indicator, current_month), *_inputs_at(indicator, period, current_month=current_month),
                       current_month if current_month != period else None)


def reported_month(indicator: Indicator, period: Month) -> Month:
    """The month whose figure a report for ``period`` shows: the period's own, or the last month of the
    measure's latest quarter, term or year ended by then."""
    if indicator.frequency is Frequency.MONTHLY:
        return period
    return period_end(period, indicator.frequency)


def _inputs_at(indicator: Indicator, period: Month, ytd: _YearToDate | None = None,
               current_month: Month | None = None) -> _Inputs:
    # One pass comparing (year, month) pairs, as Month orders itself: comparing Months was most of assess.
    anchor = current_month or period
    now, last_year = _month_key(anchor), (anchor.year - 1, anchor.month)
    current = previous = same_month_last_year = None
    found_current = found_last_year = False
    for observation in indicator.observations:
        month = _month_key(observation.month)
        if month < now:
            if observation.figure.value is not None:
                previous = observation.figure
            if month == last_year and not found_last_year:
                same_month_last_year, found_last_year = observation.figure, True
        elif month == now and not found_current:
            current, found_current = observation.figure, True
    return current, previous, same_month_last_year, _ytd_at(indicator, ytd or _YearToDate(indicator), period)


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
    year_to_date = _YearToDate(indicator)
    if any(later <= earlier for earlier, later in pairwise(keys)):
        for observation in observations:
            if observation.month <= period:
                yield observation, _inputs_at(indicator, observation.month, year_to_date)
        return
    by_month = {key: o.figure for key, o in zip(keys, observations, strict=True)}
    last = _month_key(period)
    # A "-" in the YTD column is every month's YTD: nothing to work out.
    every_month = (year_to_date.figure, YtdRule.TRACKER) if year_to_date.every_month else None
    financial_year: int | None = None  # the calendar year its April falls in
    year_with_values: list[Figure] = []
    year_missing = False
    previous: Figure | None = None
    for (year, month_number), observation in zip(keys, observations, strict=True):
        if (year, month_number) > last:
            break
        current = observation.figure
        this_year = year if month_number >= FINANCIAL_YEAR_START_MONTH else year - 1
        if this_year != financial_year:
            financial_year, year_with_values, year_missing = this_year, [], False
        if current.has_value:
            year_with_values.append(current)
        elif current.status not in _NOTHING_TO_ADD:
            year_missing = True
        ytd = every_month or year_to_date.at((year, month_number), year_with_values, current, year_missing)
        yield observation, (current, previous, by_month.get((year - 1, month_number)), ytd)
        if current.has_value:
            previous = current


def assess_indicator(indicator: Indicator, period: Month) -> Indicator:
    return replace(indicator, assessment=assessment_at(indicator, period))


def latest_period(scorecard: Scorecard) -> Month | None:
    """The latest month in which any indicator holds a value."""
    # The latest of each indicator's latest: the same month as the latest of all their figures', found in one
    # loop per indicator rather than a key and a property per figure.
    months = [month for indicator in scorecard.indicators if (month := indicator.latest_month()) is not None]
    return max(months, key=_month_key) if months else None


def assess(scorecard: Scorecard, period: Month | None = None) -> Scorecard:
    """Work out RAG, DOT and YTD for every indicator at ``period`` (default: the latest month with data)."""
    period = period or latest_period(scorecard) or scorecard.period
    if scorecard.frequency is not Frequency.MONTHLY:
        # Every measure is, say, quarterly: the report is for the latest quarter ended by the period.
        period = period_end(period, scorecard.frequency)
    sections = tuple(
        replace(section, indicators=tuple(assess_indicator(i, period) for i in section.indicators))
        for section in scorecard.sections
    )
    findings = list(scorecard.findings)
    guessed: dict[CellRef, list[Indicator]] = {}
    for indicator in (i for s in sections for i in s.indicators):
        assert indicator.assessment is not None
        findings += _ytd_findings(indicator, period)
        if indicator.assessment.ytd_rule is YtdRule.LATEST and timeline_guessed(indicator):
            where = indicator.table.timeline_cell(indicator.source) if indicator.table else indicator.source
            guessed.setdefault(where or CellRef(""), []).append(indicator)
    findings += [_guessed_timeline(where, indicators) for where, indicators in guessed.items()]
    return replace(scorecard, period=period, sections=sections, findings=tuple(findings))


def _year_figures(indicator: Indicator, period: Month) -> list[Figure]:
    start, end = _month_key(_year_start(period)), _month_key(period)
    return [o.figure for o in indicator.observations if start <= _month_key(o.month) <= end]


def _ytd_findings(indicator: Indicator, period: Month) -> list[Finding]:
    """Notes for ``validate --verbose``: how the YTD as at ``period`` was arrived at, or why there is none."""
    assessment = indicator.assessment
    assert assessment is not None
    rule, ref, where = assessment.ytd_rule, indicator.ref, indicator.source
    if rule is YtdRule.OUTTURN:
        return [Finding(Severity.INFO, f"indicator {ref}: its YTD as at {period.long_label} is the tracker's "
                        f"{period.financial_year_label} outturn", where, ref)]
    if rule in (YtdRule.LATEST, YtdRule.SUM, YtdRule.SUM_PARTS):
        return [Finding(Severity.INFO, f"indicator {ref}: no YTD figure in the tracker for {period.long_label}, "
                        f"so YTD is the {rule.value.replace('month', indicator.frequency.period_word)}", where, ref)]
    if rule is YtdRule.NONE and not indicator.fault and any(f.has_value for f in _year_figures(indicator, period)):
        month = _YearToDate(indicator).month
        said = (f"the tracker's YTD is as at {Month(*month).long_label}, and " if indicator.ytd is not None
                and month is not None else "")
        return [Finding(Severity.INFO, f"indicator {ref}: no YTD as at {period.long_label}: {said}the months cannot "
                        f"give it (they must run from {_year_start(period).long_label}, with none missing)",
                        where, ref)]
    return []


def _guessed_timeline(where: CellRef, indicators: list[Indicator]) -> Finding:
    first = indicators[0]
    taken = f"taken as the {YtdRule.LATEST.value}, not worked out as for a flow"
    if first.table is not None and not first.table.timeline_column:
        refs = ", ".join(i.ref for i in indicators)
        message = (f"no Timeline column, so the YTD of indicator{'s' if len(indicators) > 1 else ''} {refs} was "
                   f"{taken}; add a Timeline column: {TIMELINE_HELP}")
        return Finding(Severity.WARNING, message, where, first.ref if len(indicators) == 1 else "")
    said = f"the Timeline {first.timeline!r} of indicator {first.ref} is not recognised" if first.timeline else (
        f"no Timeline for indicator {first.ref}")
    return Finding(Severity.WARNING, f"{said}: its YTD was {taken}; {TIMELINE_HELP}", where, first.ref)
