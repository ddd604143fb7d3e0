"""Disclosure control for the public edition: which figures are withheld, and that none can be worked out again.

The corpus below is small counts, ``N of D`` figures and years to date built straight from the model; the
Hypothesis property plays the part of someone subtracting the published figures along the months and years to
date, and must never arrive at a withheld count. The end-to-end corpus is in test_public_cli.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardpack.disclosure import public, withheld_count
from boardpack.exceptions import LayoutError
from boardpack.layout import Layout, Publication, parse_layout
from boardpack.model import (
    CellRef,
    Figure,
    Frequency,
    Indicator,
    LabelledFigure,
    Month,
    Observation,
    Polarity,
    Scorecard,
    Section,
    Severity,
    Status,
    Unit,
    UnitKind,
)
from boardpack.rules import assess, monthly_marks
from boardpack.suppression import Table, recoverable, withhold
from factories import COUNT, PERCENT

APRIL = Month(2019, 4)
FLOW, SNAPSHOT = "Financial Year", "As at mth end"
RULES = Publication()


def _figure(value: object) -> Figure:
    if isinstance(value, Figure):
        return value
    if isinstance(value, tuple):
        numerator, denominator = value
        return Figure(value=numerator / denominator, numerator=numerator, denominator=denominator)
    return Figure(value=float(value))


def _indicator(values: list[object], *, ref: str = "P", unit: Unit = COUNT, timeline: str = FLOW,
               start: Month = APRIL, **fields) -> Indicator:
    observations = tuple(Observation(start.shift(i), replace(_figure(v), source=CellRef("t.xlsx", "S", f"H{i + 9}")))
                         for i, v in enumerate(values))
    return Indicator(ref, f"Indicator {ref}", "Section", unit, Polarity.HIGH, timeline=timeline,
                     observations=observations, source=CellRef("t.xlsx", "S", "A9"), **fields)


def _scorecard(*indicators: Indicator) -> Scorecard:
    period = max(o.month for i in indicators for o in i.observations)
    return assess(Scorecard("Report", period, (Section("Section", indicators),)), period)


def _released(*indicators: Indicator, rules: Publication = RULES) -> tuple[Scorecard, tuple]:
    return public(_scorecard(*indicators), rules)


def _withheld_months(indicator: Indicator) -> list[int]:
    return [o.month.month for o in indicator.observations if o.figure.status is Status.CONFIDENTIAL]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_each_count_from_one_to_five_is_withheld(count):
    card, findings = _released(_indicator([20, count, 30], timeline=SNAPSHOT))
    (indicator,) = card.indicators
    assert _withheld_months(indicator) == [5]
    figure = indicator.figure_for(Month(2019, 5))
    assert figure.value is None and figure.status is Status.CONFIDENTIAL
    assert withheld_count(findings) == (2, 0)  # the month, and its YTD: a snapshot's is the month's own count
    assert all(f.severity is Severity.INFO for f in findings)
    assert "a count from 1 to 5" in findings[0].message and str(findings[0].where) == "t.xlsx › S › H10"


@pytest.mark.parametrize("count", [0, 6, 60])
def test_zero_and_counts_over_five_are_published(count):
    card, findings = _released(_indicator([20, count, 30], timeline=SNAPSHOT))
    assert _withheld_months(card.indicators[0]) == []
    assert findings == ()


def test_zero_is_withheld_when_the_layout_says_so():
    card, _ = _released(_indicator([20, 0, 30], timeline=SNAPSHOT), rules=Publication(suppress_zero=True))
    assert _withheld_months(card.indicators[0]) == [5]
    assert card.disclosure.suppress_zero


def test_the_layout_sets_the_largest_count_withheld():
    rules = parse_layout({"publication": {"suppress_up_to": 3}}).publication
    assert rules.suppress_up_to == 3
    card, _ = _released(_indicator([3, 4, 30], timeline=SNAPSHOT), rules=rules)
    assert _withheld_months(card.indicators[0]) == [4]
    assert card.disclosure.suppress_up_to == 3


@pytest.mark.parametrize(("raw", "fragment"), [
    ({"suppress_up_to": 0}, "whole number from 1 to 100"),
    ({"suppress_up_to": "5"}, "whole number from 1 to 100"),
    ({"suppress_up_to": True}, "whole number from 1 to 100"),
    ({"suppress_zero": "no"}, "true or false"),
    ({"exempt": "C7"}, "exempt must be a list of text"),
    ({"provisional": ["April"]}, "'April' must be a month in the form YYYY-MM, or 'latest'"),
    ({"threshold": 5}, "unknown key 'publication.threshold'"),
])
def test_a_bad_publication_table_is_an_error_naming_the_key(raw, fragment):
    with pytest.raises(LayoutError) as raised:
        parse_layout({"publication": raw})
    assert fragment in str(raised.value)
    assert "publication" in str(raised.value)


def test_an_exempt_ref_not_in_the_pack_is_an_error(tmp_path):
    from boardpack.pipeline import load
    from trackers import write_tracker

    tracker = write_tracker(tmp_path / "lac.xlsx")
    with pytest.raises(LayoutError, match=r"publication\.exempt lists indicator 'C99'"):
        load([tracker], Layout(publication=Publication(exempt=("C99",))))


@pytest.mark.parametrize(("parts", "withheld"), [
    ((3, 80), True), ((77, 80), True), ((40, 80), False), ((80, 80), False), ((0, 80), False), ((75, 80), True),
])
def test_a_percentage_is_withheld_when_its_numerator_or_the_rest_is_small(parts, withheld):
    card, _ = _released(_indicator([(40, 80), parts, (50, 80)], unit=PERCENT, timeline=SNAPSHOT))
    figure = card.indicators[0].figure_for(Month(2019, 5))
    assert (figure.value is None) is withheld
    if withheld:
        # The numerator goes with the percentage; the denominator, not small, stays.
        assert figure.numerator is None and figure.denominator == 80


def test_a_small_denominator_is_withheld_too():
    card, _ = _released(_indicator([(40, 80), (2, 3), (50, 80)], unit=PERCENT, timeline=SNAPSHOT))
    figure = card.indicators[0].figure_for(Month(2019, 5))
    assert (figure.value, figure.numerator, figure.denominator) == (None, None, None)


def test_a_year_to_date_that_would_give_a_month_away_is_withheld():
    card, _ = _released(_indicator([12, 3, 9, 14]))
    (indicator,) = card.indicators
    assert _withheld_months(indicator) == [5]
    assert [m.month for m in indicator.withheld_ytd] == [5, 6, 7]
    assert indicator.assessment.ytd.status is Status.CONFIDENTIAL
    ytds = {o.month.month: ytd for o, _, _, ytd in monthly_marks(indicator, card.period)}
    assert ytds[4].value == 12


def test_the_trackers_own_year_to_date_cannot_give_a_month_away():
    # 10 + 11 + 4 + 12 = 37: the tracker's YTD less the published months would be the withheld 4.
    card, findings = _released(_indicator([10, 11, 4, 12], ytd=Figure(value=37)))
    (indicator,) = card.indicators
    months = [APRIL.shift(i) for i in range(4)]
    assert not _recovered(indicator, card.period, {Month(2019, 6)}, months, tracker_ytd=37)
    assert withheld_count(findings)[1] >= 1


def test_an_outturn_and_the_years_months_cannot_give_a_month_away():
    months = [6, 7, 8, 9, 10, 2, 11, 12, 13, 14, 15, 16]
    outturn = LabelledFigure("2019/20", Figure(value=float(sum(months))))
    card, _ = _released(_indicator(months, prior_years=(outturn,)))
    (indicator,) = card.indicators
    published = {o.month: o.figure.value for o in indicator.observations if o.figure.value is not None}
    prior = indicator.prior_years[0].figure
    march_ytd = {o.month: ytd for o, _, _, ytd in monthly_marks(indicator, card.period)}[Month(2020, 3)]
    totals = [f.value for f in (prior, march_ytd) if f is not None and f.value is not None
              and Month(2020, 3) not in indicator.withheld_ytd]
    unknown = 12 - len(published)
    assert unknown >= 2 or not totals


def test_exempt_indicators_and_money_are_published_as_they_are():
    money = Unit(UnitKind.MONEY, "£k", 1, magnitude=3)
    card, findings = _released(_indicator([3, 2, 1], ref="C7", timeline=SNAPSHOT),
                               _indicator([3, 2, 1], ref="M", unit=money, timeline=SNAPSHOT),
                               rules=Publication(exempt=("C7",)))
    assert all(o.figure.value is not None for i in card.indicators for o in i.observations)
    assert findings == ()


def test_a_percentage_without_counts_is_published_with_a_warning():
    card, findings = _released(_indicator([0.5, 0.25, 0.75], unit=PERCENT, timeline=SNAPSHOT))
    assert _withheld_months(card.indicators[0]) == []
    (warning,) = findings
    assert warning.severity is Severity.WARNING and "indicator P as a percentage or rate" in warning.message


def test_the_public_edition_uses_the_official_symbols_and_names_no_file():
    markers = [Figure(status=Status.NONE), Figure(status=Status.TBC), Figure(status=Status.DUE, note="Aug 19"),
               Figure(status=Status.NOT_AVAILABLE), 30]
    card, _ = _released(_indicator(markers, timeline=SNAPSHOT))
    figures = [o.figure for o in card.indicators[0].observations]
    assert [(f.status, f.note) for f in figures[:4]] == [
        (Status.NOT_APPLICABLE, ""), (Status.NOT_AVAILABLE_X, "TBC"), (Status.NOT_AVAILABLE_X, "due Aug 19"),
        (Status.NOT_APPLICABLE, "")]
    assert all(f.source is None for f in figures) and card.indicators[0].source is None
    assert card.findings == ()


def test_the_internal_scorecard_is_left_as_it_was():
    card = _scorecard(_indicator([12, 3, 9, 14]))
    before = repr(card)
    public(card, RULES)
    assert repr(card) == before and card.disclosure is None


def test_a_withheld_cell_with_a_published_total_of_it_alone_is_found():
    table = Table({"a": 3, "b": 7, "t": 10}, ((("t", 1), ("a", -1), ("b", -1)),), frozenset({"a"}))
    assert recoverable({"a"}, table.relations) == {"a"}
    assert recoverable({"a", "b"}, table.relations) == set()
    hidden, unprotected = withhold(table)
    assert "a" in hidden and len(hidden) == 2 and not unprotected


# The property: someone holding the public CSV subtracts published figures along months, quarters and years to
# date, and takes a numerator from its percentage and the published denominators.


def _recovered(indicator: Indicator, period: Month, small: set[Month], months: list[Month],
               tracker_ytd: float | None = None) -> list[Month]:
    """The months of ``small`` whose withheld values subtraction gives back."""
    withheld = {o.month for o in indicator.observations if o.figure.value is None}
    dens = {o.month: o.figure.denominator for o in indicator.observations}
    totals: dict[Month, float | None] = {}
    for observation, _, _, ytd in monthly_marks(indicator, period):
        if ytd is not None and ytd.value is not None and observation.month not in indicator.withheld_ytd:
            totals[observation.month] = _numerator_total(ytd.value, observation.month, months, dens)
    assessment = indicator.assessment
    if assessment is not None and assessment.ytd is not None and assessment.ytd.value is not None:
        totals[period] = _numerator_total(assessment.ytd.value, period, months, dens)
    if tracker_ytd is not None and indicator.ytd is not None and indicator.ytd.value is not None:
        totals[period] = indicator.ytd.value
    known = [month for month, total in totals.items() if total is not None]
    found = []
    # A total is the year's months (or quarters) to its month; two totals differ by the months between them.
    spans = [(None, end) for end in known] + [(a, b) for a in known for b in known if a < b]
    for start, end in spans:
        covered = [m for m in months if (start is None or m > start) and m <= end]
        unknown = [m for m in covered if m in withheld]
        if len(unknown) == 1:
            found.append(unknown[0])
    return [month for month in found if month in small]


def _numerator_total(value: float, end: Month, months: list[Month], dens: dict[Month, float | None]) -> float | None:
    """What a YTD gives of the numerators' sum: itself for a count; for a percentage, times the denominators'
    sum when every one of them is published (a withheld one leaves it unknown)."""
    year = [dens.get(m) for m in months if m <= end]
    if all(d is None for d in year):
        return value
    return None if any(d is None for d in year) else value * sum(year)


@st.composite
def _cases(draw):
    quarterly = draw(st.booleans())
    length = draw(st.integers(min_value=1, max_value=4 if quarterly else 12))
    months = [APRIL.shift(2 + 3 * i) if quarterly else APRIL.shift(i) for i in range(length)]
    small_or_not = st.one_of(st.integers(0, 6), st.integers(0, 40))
    if draw(st.booleans()):
        values = [(n, n + rest) for n, rest in draw(st.lists(st.tuples(small_or_not, small_or_not).filter(
            lambda pair: sum(pair) > 0), min_size=length, max_size=length))]
    else:
        values = draw(st.lists(small_or_not, min_size=length, max_size=length))
    return (months, values, draw(st.sampled_from([FLOW, SNAPSHOT])), draw(st.booleans()), draw(st.integers(1, 5)),
            quarterly)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases())
def test_no_withheld_figure_can_be_worked_out_by_subtraction(case):
    months, values, timeline, with_tracker_ytd, limit, quarterly = case
    counts = not isinstance(values[0], tuple)
    total = float(sum(values)) if counts else None
    fields = {"ytd": Figure(value=total)} if with_tracker_ytd and counts and timeline == FLOW else {}
    if quarterly:
        fields["frequency"] = Frequency.QUARTERLY
    indicator = _indicator([], unit=COUNT if counts else PERCENT, timeline=timeline, **fields)
    indicator = replace(indicator, observations=tuple(
        Observation(month, _figure(value)) for month, value in zip(months, values, strict=True)))
    card, _ = _released(indicator, rules=Publication(suppress_up_to=limit))
    (released,) = card.indicators

    def is_small(value: object) -> bool:
        if isinstance(value, tuple):
            return 1 <= value[0] <= limit or 1 <= value[1] - value[0] <= limit
        return 1 <= value <= limit

    small = {month for month, value in zip(months, values, strict=True) if is_small(value)}
    withheld = {o.month for o in released.observations if o.figure.value is None}
    assert small <= withheld
    for observation in released.observations:
        if observation.month in withheld:
            assert observation.figure.numerator is None
    if timeline == FLOW:
        assert _recovered(released, card.period, small, months, total if fields.get("ytd") else None) == []
    else:
        # A snapshot's YTD is its month's figure: it must never show a withheld month's value.
        shown = {o.month for o, _, _, ytd in monthly_marks(released, card.period)
                 if ytd is not None and ytd.value is not None and o.month not in released.withheld_ytd}
        assert not shown & small
