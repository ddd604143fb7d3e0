"""RAG, direction of travel and YTD rules, at their boundaries and as properties."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardpack.model import (
    CellRef,
    Comparison,
    Dot,
    Figure,
    Indicator,
    LabelledFigure,
    Month,
    Observation,
    Polarity,
    Rag,
    Status,
    TableFacts,
    Threshold,
    Thresholds,
    Unit,
    UnitKind,
    YtdRule,
)
from boardpack.rules import (
    assess_indicator,
    assessment_at,
    dot_for,
    monthly_assessments,
    monthly_marks,
    rag_for,
    work_out_ytd,
)

PERCENT = Unit(UnitKind.PERCENT, "Percentage", 1)
COUNT = Unit(UnitKind.COUNT, "Count", 0)
HIGH = Thresholds(
    red=Threshold(Comparison.LESS_THAN, 0.87, text="<87%"),
    amber=Threshold(Comparison.AT_LEAST, 0.87, text="87%+"),
    green=Threshold(Comparison.AT_LEAST, 0.95, text="95%+"),
)
LOW = Thresholds(
    red=Threshold(Comparison.AT_LEAST, 0.13, text="13%+"),
    amber=Threshold(Comparison.LESS_THAN, 0.13, text="13%<"),
    green=Threshold(Comparison.LESS_THAN, 0.108, text="10.8%<"),
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.95, Rag.GREEN), (0.9496, Rag.GREEN), (0.9494, Rag.AMBER), (0.87, Rag.AMBER), (0.8694, Rag.RED),
     (0.0, Rag.RED), (1.0, Rag.GREEN)],
)
def test_high_polarity_boundaries_compare_the_displayed_figure(value, expected):
    assert rag_for(value, Polarity.HIGH, HIGH, PERCENT) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.107, Rag.GREEN), (0.108, Rag.AMBER), (0.125, Rag.AMBER), (0.13, Rag.RED), (0.2, Rag.RED)],
)
def test_low_polarity_is_the_mirror(value, expected):
    assert rag_for(value, Polarity.LOW, LOW, PERCENT) is expected


def test_a_figure_shown_as_the_threshold_is_not_under_it():
    under = Thresholds(green=Threshold(Comparison.LESS_THAN, 10.8 / 100, text="10.8%<"))
    assert rag_for(0.108, Polarity.LOW, under, PERCENT) is Rag.RED
    assert rag_for(0.1079, Polarity.LOW, under, PERCENT) is Rag.RED  # shown as 10.8%
    assert rag_for(0.1074, Polarity.LOW, under, PERCENT) is Rag.GREEN


def test_two_state_when_only_red_and_green_or_only_a_target():
    red_green = Thresholds(red=HIGH.red, green=HIGH.green)
    assert rag_for(0.90, Polarity.HIGH, red_green, PERCENT) is Rag.RED
    assert rag_for(0.96, Polarity.HIGH, red_green, PERCENT) is Rag.GREEN
    target = Thresholds(green=Threshold(Comparison.AT_LEAST, 0.88))
    assert rag_for(0.80, Polarity.HIGH, target, PERCENT) is Rag.RED
    assert rag_for(0.88, Polarity.HIGH, target, PERCENT) is Rag.GREEN


def test_band_threshold():
    band = Thresholds(
        red=Threshold(Comparison.MORE_THAN, 21), amber=Threshold(Comparison.AT_MOST, 21),
        green=Threshold(Comparison.BETWEEN, 14, 20),
    )
    average = Unit(UnitKind.AVERAGE, "Average", 1)
    assert rag_for(18.8, Polarity.LOW, band, average) is Rag.GREEN
    assert rag_for(21.0, Polarity.LOW, band, average) is Rag.AMBER
    assert rag_for(21.1, Polarity.LOW, band, average) is Rag.RED


def test_no_rag_for_info_missing_values_or_no_thresholds():
    assert rag_for(0.5, Polarity.INFO, HIGH, PERCENT) is None
    assert rag_for(None, Polarity.HIGH, HIGH, PERCENT) is None
    assert rag_for(0.5, Polarity.HIGH, Thresholds(), PERCENT) is None


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_rag_is_monotonic_in_the_good_direction(value):
    order = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
    better = min(1.0, value + 0.01)
    assert order[rag_for(better, Polarity.HIGH, HIGH, PERCENT)] >= order[rag_for(value, Polarity.HIGH, HIGH, PERCENT)]
    worse_low = min(1.0, value + 0.01)
    assert order[rag_for(worse_low, Polarity.LOW, LOW, PERCENT)] <= order[rag_for(value, Polarity.LOW, LOW, PERCENT)]


@given(
    st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=50),
    st.integers(min_value=-3, max_value=3), st.sampled_from([-0.0004, 0.0, 0.0004]),
    st.sampled_from([Polarity.HIGH, Polarity.LOW]),
)
def test_rag_at_the_boundaries_matches_an_independent_oracle(green_tenths, gap_tenths, steps, jitter, polarity):
    """Values a few displayed steps either side of each threshold, as displayed percentages (0.1% steps)."""
    sign = 1 if polarity is Polarity.HIGH else -1
    green = green_tenths / 1000
    amber = green - sign * gap_tenths / 1000
    at_least = Comparison.AT_LEAST if polarity is Polarity.HIGH else Comparison.AT_MOST
    thresholds = Thresholds(green=Threshold(at_least, green), amber=Threshold(at_least, amber))
    for anchor in (green, amber):
        value = anchor + steps / 1000 + jitter / 10
        shown_tenths = round(value * 1000)  # the figure a reader sees, in tenths of a percent
        # At or beyond a bound in the good direction: at or above it (High), at or below it (Low).
        green_met = sign * shown_tenths >= sign * round(green * 1000)
        amber_met = sign * shown_tenths >= sign * round(amber * 1000)
        expected = Rag.GREEN if green_met else Rag.AMBER if amber_met else Rag.RED
        assert rag_for(value, polarity, thresholds, PERCENT) is expected


@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=-3, max_value=3),
       st.sampled_from([-0.0004, 0.0, 0.0004]))
def test_dot_at_the_display_boundary_matches_an_independent_oracle(previous_tenths, steps, jitter):
    previous = previous_tenths / 1000
    current = previous + steps / 1000 + jitter / 10
    moved = round(current * 1000) - round(previous * 1000)
    expected = Dot.SAME if moved == 0 else Dot.IMPROVED if moved > 0 else Dot.DECLINED
    assert dot_for(current, previous, Polarity.HIGH, PERCENT) is expected


def test_direction_of_travel():
    assert dot_for(0.80, 0.79, Polarity.HIGH, PERCENT) is Dot.IMPROVED
    assert dot_for(0.80, 0.79, Polarity.LOW, PERCENT) is Dot.DECLINED
    assert dot_for(0.78, 0.79, Polarity.LOW, PERCENT) is Dot.IMPROVED
    assert dot_for(627, 642, Polarity.INFO, COUNT) is Dot.DOWN
    assert dot_for(642, 627, Polarity.INFO, COUNT) is Dot.UP
    assert dot_for(None, 0.5, Polarity.HIGH, PERCENT) is None


def test_values_that_display_the_same_are_same():
    assert dot_for(0.79204, 0.79196, Polarity.HIGH, PERCENT) is Dot.SAME
    assert dot_for(0.7925, 0.7924, Polarity.HIGH, PERCENT) is Dot.IMPROVED


@given(
    st.floats(min_value=0, max_value=1000, allow_nan=False),
    st.floats(min_value=0, max_value=1000, allow_nan=False),
)
def test_dot_mirrors_between_polarities(current, previous):
    high, low = dot_for(current, previous, Polarity.HIGH, COUNT), dot_for(current, previous, Polarity.LOW, COUNT)
    mirror = {Dot.IMPROVED: Dot.DECLINED, Dot.DECLINED: Dot.IMPROVED, Dot.SAME: Dot.SAME}
    assert mirror[high] is low


def _indicator(values, unit=PERCENT, timeline="Financial Year", ytd=None, polarity=Polarity.HIGH,
               start=None, **fields):
    start = start or Month(2019, 1)
    observations = []
    for index, value in enumerate(values):
        if isinstance(value, tuple):
            figure = Figure(value=value[0] / value[1], numerator=value[0], denominator=value[1])
        elif value is None:
            figure = Figure(status=Status.NONE)
        elif isinstance(value, Status):
            figure = Figure(status=value)
        else:
            figure = Figure(value=value)
        observations.append(Observation(start.shift(index), figure))
    return Indicator("1", "x", "s", unit, polarity, timeline=timeline, observations=tuple(observations), ytd=ytd,
                     **fields)


def test_ytd_sums_parts_from_april_only():
    indicator = _indicator([(1, 2), (1, 2), (1, 2), (114, 122), (10, 20)])
    figure, rule = work_out_ytd(indicator, Month(2019, 5))
    assert rule is YtdRule.SUM_PARTS
    assert (figure.numerator, figure.denominator) == (124, 142)


def test_ytd_sums_flow_counts_and_takes_latest_for_snapshots():
    flow = _indicator([5, 5, 5, 16, 14], unit=COUNT)
    assert work_out_ytd(flow, Month(2019, 5))[0].value == 30
    snapshot = _indicator([5, 5, 5, 16, 14], unit=COUNT, timeline="As at mth end")
    figure, rule = work_out_ytd(snapshot, Month(2019, 5))
    assert (figure.value, rule) == (14, YtdRule.LATEST)


def test_tracker_ytd_wins_for_the_month_it_describes():
    indicator = _indicator([5, 6], unit=COUNT, ytd=Figure(value=99))
    assert work_out_ytd(indicator, Month(2019, 2)) == (Figure(value=99), YtdRule.TRACKER)


# Apr-19 to Jun-19 of a flow count, its tracker YTD (as at June) 64, and the 2018/19 outturn 271; the tracker's
# columns start in January 2019, so they cannot give 2018/19.
def _admissions(**fields):
    fields.setdefault("ytd", Figure(value=64))
    return _indicator([20, 30, 14, 20, 30, 14], unit=COUNT, timeline="Financial Year",
                      prior_years=(LabelledFigure("2018/19", Figure(value=271)),), **fields)


@pytest.mark.parametrize(("month", "expected"), [
    (Month(2019, 6), (64, YtdRule.TRACKER)),
    (Month(2019, 5), (50, YtdRule.SUM)),        # April and May: 20 + 30
    (Month(2019, 4), (20, YtdRule.SUM)),
    (Month(2019, 3), (271, YtdRule.OUTTURN)),   # the year's end: its outturn
    (Month(2019, 2), (None, YtdRule.NONE)),     # 2018/19 to February: April 2018 to December are not there
])
def test_the_trackers_ytd_is_only_for_its_own_month(month, expected):
    figure, rule = work_out_ytd(_admissions(), month)
    assert (figure.value if figure else None, rule) == expected


def test_a_ytd_header_year_places_the_ytd():
    march = _admissions(ytd_month=Month(2019, 3))
    assert work_out_ytd(march, Month(2019, 3)) == (Figure(value=64), YtdRule.TRACKER)
    assert work_out_ytd(march, Month(2019, 6))[0].value == 64  # worked out: 20 + 30 + 14


def test_a_dash_in_the_ytd_column_means_no_ytd_in_any_month():
    snapshot = _indicator([5, 6, 7, 8], unit=COUNT, timeline="As at mth end", ytd=Figure(status=Status.NONE))
    for month in (Month(2019, 2), Month(2019, 4)):
        assert work_out_ytd(snapshot, month) == (Figure(status=Status.NONE), YtdRule.TRACKER)


def test_a_snapshot_ytd_is_its_own_months_figure_never_an_earlier_one():
    snapshot = _indicator([0.5, 0.6, Status.UNAVAILABLE], timeline="As at mth end")
    assert work_out_ytd(snapshot, Month(2019, 3)) == (Figure(status=Status.UNAVAILABLE), YtdRule.LATEST)
    assert work_out_ytd(snapshot, Month(2019, 4)) == (None, YtdRule.NONE)  # no cell for April at all
    assert work_out_ytd(snapshot, Month(2019, 2)) == (Figure(value=0.6), YtdRule.LATEST)


def test_a_sum_needs_every_month_from_april():
    table = TableFacts(CellRef("t.xlsx", "T", "row 3"), first_month=Month(2019, 4))
    flow = _indicator([20, Status.UNAVAILABLE, 14], unit=COUNT, start=Month(2019, 4), table=table)
    assert work_out_ytd(flow, Month(2019, 4))[0].value == 20
    assert work_out_ytd(flow, Month(2019, 6)) == (None, YtdRule.NONE)  # May is missing, not nothing
    quiet = _indicator([20, None, 14], unit=COUNT, start=Month(2019, 4), table=table)
    assert work_out_ytd(quiet, Month(2019, 6))[0].value == 34  # "-" holds nothing to add
    assert work_out_ytd(quiet, Month(2019, 7)) == (None, YtdRule.NONE)  # July not filled in yet
    late = replace(quiet, table=replace(table, first_month=Month(2019, 5)))
    assert work_out_ytd(late, Month(2019, 6)) == (None, YtdRule.NONE)  # no April column


def test_a_flow_percentage_without_its_counts_has_a_ytd_only_in_april():
    rates = _indicator([0.5, 0.6], timeline="Financial Year", start=Month(2019, 4))
    assert work_out_ytd(rates, Month(2019, 4)) == (Figure(value=0.5), YtdRule.LATEST)
    assert work_out_ytd(rates, Month(2019, 5)) == (None, YtdRule.NONE)


def test_a_faulty_indicator_is_not_rated_and_nothing_is_worked_out_from_it():
    indicator = _indicator([0.5, 0.96], timeline="As at mth end", fault="not rated: see data quality",
                           thresholds=HIGH)
    assessed = assessment_at(indicator, Month(2019, 2))
    assert (assessed.rag, assessed.dot, assessed.ytd) == (None, None, None)
    assert assessed.current == Figure(value=0.96)
    admissions = _admissions(fault="not rated: see data quality")
    assert work_out_ytd(admissions, Month(2019, 6)) == (Figure(value=64), YtdRule.TRACKER)  # read, not worked out
    assert work_out_ytd(admissions, Month(2019, 5)) == (None, YtdRule.NONE)


def test_assessment_uses_previous_month_with_a_value_and_last_year():
    indicator = _indicator([None, None, 0.5] + [None] * 9 + [0.6, None, 0.7], timeline="As at mth end")
    assessed = assess_indicator(indicator, Month(2020, 3)).assessment
    assert assessed.previous.value == 0.6
    assert assessed.dot is Dot.IMPROVED
    assert assessed.same_month_last_year.value == 0.5


_MONTHLY_VALUE = st.one_of(st.none(), st.floats(min_value=0, max_value=1, allow_nan=False),
                           st.tuples(st.integers(0, 50), st.integers(1, 50)),
                           st.sampled_from([Status.UNAVAILABLE, Status.NOT_AVAILABLE, Status.TBC]))
_TRACKER_YTD = st.sampled_from([None, Figure(value=9), Figure(status=Status.NONE), Figure(status=Status.TBC)])


@given(values=st.lists(_MONTHLY_VALUE, min_size=1, max_size=30), shuffle=st.randoms(use_true_random=False),
       in_order=st.booleans(), unit=st.sampled_from([PERCENT, COUNT]),
       timeline=st.sampled_from(["Financial Year", "As at mth end", ""]), period_offset=st.integers(0, 35),
       tracker_ytd=_TRACKER_YTD, ytd_month=st.one_of(st.none(), st.integers(0, 35)),
       first_month=st.one_of(st.none(), st.integers(-6, 6)), outturn=st.booleans(), faulty=st.booleans())
def test_month_by_month_in_one_pass_agrees_with_each_month_on_its_own(values, shuffle, in_order, unit, timeline,
                                                                      period_offset, tracker_ytd, ytd_month,
                                                                      first_month, outturn, faulty):
    """The CSV's one pass over the months must say what assessing each month separately says."""
    jan = Month(2019, 1)
    indicator = _indicator(
        values, unit=unit, timeline=timeline, ytd=tracker_ytd,
        ytd_month=jan.shift(ytd_month) if ytd_month is not None else None,
        table=TableFacts(CellRef("t.xlsx"), jan.shift(first_month)) if first_month is not None else None,
        prior_years=(LabelledFigure("2018/19", Figure(value=271)), LabelledFigure("2019/20", Figure(value=3)))
        if outturn else (),
        fault="not rated: see data quality" if faulty else "",
    )
    if not in_order:
        observations = list(indicator.observations)
        shuffle.shuffle(observations)
        indicator = replace(indicator, observations=tuple(observations))
    period = Month(2019, 1).shift(period_offset)
    expected = [(o, assessment_at(indicator, o.month)) for o in indicator.observations if o.month <= period]
    assert list(monthly_assessments(indicator, period)) == expected
    assert [(o, a.rag, a.dot, a.ytd) for o, a in expected] == list(monthly_marks(indicator, period))
