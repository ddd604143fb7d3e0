"""How RAG is decided from what officers write: thresholds as colour ranges, targets with their year or period,
tolerances, floors, lower and upper targets, profiled targets, Within limits, and the officer's own words."""

import pytest

from boardpack.crosscheck import officer_mark_findings
from boardpack.headers import Role, classify
from boardpack.model import Comparison, Dot, Month, Polarity, Rag, Severity, Thresholds, Unit, UnitKind
from boardpack.normalise import normalise
from boardpack.reader import RawSheet, RawWorkbook
from boardpack.rules import assess, dot_for, monthly_marks, rag_for
from boardpack.targets import Written, WrittenThresholds, read_thresholds
from boardpack.thresholds import check_against_polarity, parse_threshold
from boardpack.vocabulary import parse_officer_direction, parse_officer_rating, parse_polarity

PERCENT = Unit(UnitKind.PERCENT, "Percentage", 1)
COUNT = Unit(UnitKind.COUNT, "Count", 0)
AVERAGE = Unit(UnitKind.AVERAGE, "Average count", 1)


def read(polarity, unit=PERCENT, **cells):
    written = WrittenThresholds(**{role: Written(raw) for role, raw in cells.items()})
    return read_thresholds(written, polarity, percent_unit=unit.is_percent)


def rated(polarity, unit, figures, **cells):
    reading = read(polarity, unit, **cells)
    assert not [f for f in reading.findings if f.severity is Severity.ERROR], reading.findings
    return [rag_for(figure, polarity, reading.thresholds, unit) for figure in figures]


R, A, G = Rag.RED, Rag.AMBER, Rag.GREEN


# Thresholds read as the range where each colour applies


def test_low_measure_written_as_the_range_of_each_colour():
    assert rated(Polarity.LOW, PERCENT, [0.17, 0.16, 0.097, 0.08, 0.077],
                 red="16%+", amber="8%+", green="<8%") == [R, R, A, A, G]
    assert rated(Polarity.LOW, PERCENT, [0.021, 0.02, 0.01, 0.005, 0.004],
                 red="2.0%+", amber="0.5%+", green="<0.5%") == [R, R, A, A, G]


def test_the_innermost_range_wins_and_keeps_the_officers_text():
    reading = read(Polarity.LOW, red="16%+", amber="8%+", green="<8%")
    amber = reading.thresholds.amber
    # Tested as "under 16%" (amber or better), shown as the officer wrote it.
    assert (amber.comparison, amber.value, amber.text) == (Comparison.LESS_THAN, 0.16, "8%+")
    assert rated(Polarity.HIGH, PERCENT, [0.95, 0.92, 0.9, 0.84, 0.8],
                 red="<84%", amber="84%+", green="92%+") == [G, G, A, A, R]


def test_amber_written_as_its_range_on_a_high_measure():
    assert rated(Polarity.HIGH, PERCENT, [0.95, 0.91, 0.84, 0.83], red="<84%", amber="<92%", green="92%+") == [
        G, A, A, R]


def test_green_left_blank_is_what_is_neither_red_nor_amber():
    assert rated(Polarity.LOW, COUNT, [18, 20, 22, 23], red=">22", amber="20-22") == [G, A, A, R]
    reading = read(Polarity.LOW, COUNT, red=">22", amber="20-22")
    assert reading.thresholds.green.comparison is Comparison.LESS_THAN and reading.thresholds.green.text == ""


@pytest.mark.parametrize(("polarity", "unit", "cells", "figures", "expected"), [
    (Polarity.HIGH, PERCENT, {"red": "<90%", "amber": "90%>", "green": "95%+"}, [0.96, 0.95, 0.9, 0.89], [G, G, A, R]),
    (Polarity.LOW, PERCENT, {"red": "13%+", "amber": "13%<", "green": "10.8%<"}, [0.13, 0.12, 0.108, 0.1],
     [R, A, A, G]),
    (Polarity.LOW, COUNT, {"red": "511+", "amber": "511<", "green": "487<"}, [511, 500, 487, 486], [R, A, A, G]),
    (Polarity.HIGH, COUNT, {"red": "80", "amber": "85", "green": "90"}, [91, 90, 85, 82, 79], [G, G, A, R, R]),
    (Polarity.LOW, AVERAGE, {"red": ">21", "amber": "≤21", "green": "14-20"}, [21.1, 21, 20, 14, 13], [R, A, G, G, A]),
    (Polarity.HIGH, PERCENT, {"red": "<87%", "green": "87%+"}, [0.87, 0.86], [G, R]),
    (Polarity.HIGH, PERCENT, {"red": "<87%"}, [0.87, 0.86], [G, R]),
    (Polarity.LOW, COUNT, {"green": "99.1"}, [99, 100], [G, R]),
])
def test_existing_forms_keep_their_meaning(polarity, unit, cells, figures, expected):
    assert rated(polarity, unit, figures, **cells) == expected


def test_classic_thresholds_are_kept_exactly_as_read():
    reading = read(Polarity.HIGH, red="<90%", amber="90%>", green="95%+")
    assert [t.text for t in (reading.thresholds.red, reading.thresholds.amber, reading.thresholds.green)] == [
        "<90%", "90%>", "95%+"]
    assert reading.findings == () and reading.gaps == ()


@pytest.mark.parametrize(("polarity", "cells", "message"), [
    (Polarity.HIGH, {"red": ">90%", "amber": "<90%", "green": "<85%"}, "points the wrong way for polarity high"),
    (Polarity.HIGH, {"green": "<85%"}, "points the wrong way"),
    (Polarity.LOW, {"red": "16%+", "green": "<20%"}, "figures on both sides of another colour"),
    (Polarity.HIGH, {"red": "<90%", "amber": "85%+", "green": "95%+"}, "figures on both sides of another colour"),
])
def test_a_contradiction_with_no_consistent_reading_is_an_error(polarity, cells, message):
    errors = [f for f in read(polarity, **cells).findings if f.severity is Severity.ERROR]
    assert errors and any(message in f.message for f in errors), errors


@pytest.mark.parametrize(("polarity", "cells", "culprits"), [
    # A band meets the colour above it with its top: on a low measure that is the worse colour, so amber 14-20
    # under a red that starts at 15 overlaps it (comparing the band's foot, 14, missed this).
    (Polarity.LOW, {"red": ">15", "amber": "14-20", "green": "<=10"}, [("'>15'", "'14-20'")]),
    (Polarity.LOW, {"red": ">20", "amber": "14-20", "green": "<=10"}, []),
    (Polarity.LOW, {"red": ">20", "amber": "<=12", "green": "5-14"}, [("'<=12'", "'5-14'")]),
    (Polarity.HIGH, {"red": "<15", "amber": "10-20", "green": ">=25"}, [("'<15'", "'10-20'")]),
    (Polarity.HIGH, {"red": "<10", "amber": "10-20", "green": ">=20"}, []),
])
def test_a_band_is_ordered_against_its_neighbours_by_the_edge_that_meets_them(polarity, cells, culprits):
    written = {role: parse_threshold(text, role, polarity) for role, text in cells.items()}
    problems = check_against_polarity(polarity, Thresholds(**written))
    named = [p.message.partition(" are out of order")[0] for p in problems]
    assert named == [f"thresholds {lower} and {upper}" for lower, upper in culprits], problems


def test_a_gap_between_written_ranges_takes_the_worse_colour_and_is_reported_per_figure():
    reading = read(Polarity.LOW, AVERAGE, red="21+", amber="20<", green="18<")
    assert [gap.rag for gap in reading.gaps] == [R]
    header = ["Ref", "Indicator", "Polarity", "Unit", "Apr-24", "May-24", "Red", "Amber", "Green"]
    scorecard = _scorecard(header, [["1", "Caseload", "Low", "Average", 23, 20.5, "21+", "20<", "18<"]])
    (indicator,) = scorecard.indicators
    assert indicator.assessment.rag is R
    (warning,) = [f for f in scorecard.findings if f.severity is Severity.WARNING]
    assert warning.where.cell == "F2" and "falls in none of the ranges" in warning.message
    assert "cells G2, H2, I2" in warning.message


# Targets and tolerances as councils write them


@pytest.mark.parametrize("header", [
    "Target 2024/25", "Target 24/25", "2024/25 Target", "Annual Target 2024/25", "Target (2024/25)", "Q3 Target",
])
def test_a_target_header_with_its_year_or_period_is_the_green_target(header):
    scorecard = _scorecard(["Ref", "Indicator", "Polarity", "Unit", "Apr-24", header],
                           [["1", "Visits", "High", "%", 0.91, "90%"]])
    indicator = scorecard.indicators[0]
    assert indicator.thresholds.green.value == pytest.approx(0.9) and indicator.assessment.rag is G
    assert not indicator.prior_years


def test_a_year_target_is_not_taken_for_a_prior_year():
    assert classify("2024/25 Target", 0).role is Role.TARGET
    assert classify("2024/25", 0).role is Role.PRIOR_YEAR
    assert classify("2024/25 Outturn", 0).role is Role.PRIOR_YEAR


@pytest.mark.parametrize(("unit", "target", "tolerance", "figures", "expected", "reading"), [
    ("%", "90%", "5%", [0.9, 0.85, 0.849], [G, A, R], "5 percentage points"),
    ("%", "90%", 5, [0.9, 0.85, 0.849], [G, A, R], "5 percentage points"),
    ("Count", 200, "5%", [200, 190, 189], [G, A, R], "5% of the target"),
    ("Count", 200, 5, [200, 195, 194], [G, A, R], "an amount of 5"),
])
def test_tolerance_is_amber_within_that_distance_of_the_target(unit, target, tolerance, figures, expected, reading):
    header = ["Ref", "Indicator", "Polarity", "Unit", "Apr-24", "Target", "Tolerance"]
    scorecard = _scorecard(header, [["1", "x", "High", unit, figures[0], target, tolerance]])
    indicator = scorecard.indicators[0]
    assert [rag_for(f, Polarity.HIGH, indicator.thresholds, indicator.unit) for f in figures] == expected
    infos = [f.message for f in scorecard.findings if f.severity is Severity.INFO]
    assert any(f"was read as {reading}" in message for message in infos), infos
    assert indicator.thresholds.amber.text == f"tolerance {tolerance}" if isinstance(tolerance, str) else True


def test_tolerance_on_a_low_measure_is_above_the_target():
    assert rated(Polarity.LOW, COUNT, [10, 12, 13], green="10", tolerance="2") == [G, A, R]


def test_a_floor_column_is_the_amber_threshold():
    scorecard = _scorecard(["Ref", "Indicator", "Polarity", "Unit", "Apr-24", "Target", "Floor standard"],
                           [["1", "x", "High", "%", 0.85, "90%", "80%"]])
    assert scorecard.indicators[0].assessment.rag is A
    assert rated(Polarity.HIGH, PERCENT, [0.9, 0.8, 0.79], green="90%", amber="80%") == [G, A, R]


@pytest.mark.parametrize(("polarity", "lower", "upper", "figures", "expected"), [
    (Polarity.HIGH, "85%", "90%", [0.9, 0.85, 0.84], [G, A, R]),  # floor and stretch
    (Polarity.LOW, "10%", "15%", [0.1, 0.15, 0.16], [G, A, R]),
    (Polarity.WITHIN, "14%", "20%", [0.14, 0.2, 0.21, 0.13], [G, G, R, R]),  # the range itself
])
def test_lower_and_upper_targets(polarity, lower, upper, figures, expected):
    assert rated(polarity, PERCENT, figures, lower=lower, upper=upper) == expected


@pytest.mark.parametrize("headers", [("Target (lower)", "Target (upper)"), ("Lower target", "Upper target"),
                                     ("Min target", "Max target")])
def test_lower_and_upper_target_headers(headers):
    scorecard = _scorecard(["Ref", "Indicator", "Polarity", "Unit", "Apr-24", *headers],
                           [["1", "Caseload", "Within limits", "Average", 21, 14, 20]])
    indicator = scorecard.indicators[0]
    assert (indicator.thresholds.green.value, indicator.thresholds.green.upper) == (14, 20)
    assert indicator.assessment.rag is R


def test_a_profiled_monthly_target_rates_each_month_against_its_own():
    header = ["Ref", "Indicator", "Polarity", "Unit", "Apr-24", "May-24", "Jun-24", "Annual target",
              "Apr-24 Target", "May-24 Target", "Jun-24 Target"]
    scorecard = _scorecard(header, [["1", "Visits", "High", "Count", 10, 19, 25, 30, 10, 20, 30]])
    indicator = scorecard.indicators[0]
    assert [entry.month for entry in indicator.profile] == [Month(2024, 4), Month(2024, 5), Month(2024, 6)]
    assert indicator.thresholds.green.value == 30  # the year's target, for months without their own
    marks = [(o.month.iso, rag) for o, rag, _, _ in monthly_marks(indicator, scorecard.period)]
    assert marks == [("2024-04", G), ("2024-05", R), ("2024-06", R)]
    assert indicator.assessment.rag is R
    assert indicator.thresholds_at(Month(2024, 5)).green.value == 20


def test_quarter_targets_set_their_three_months_in_the_trackers_year():
    header = ["Ref", "Indicator", "Polarity", "Unit", "Mar-25", "Apr-25", "Jul-25", "Target Q1", "Target Q2",
              "Target Q3", "Target Q4"]
    scorecard = _scorecard(header, [["1", "x", "High", "Count", 5, 5, 5, 5, 6, 7, 8]])
    indicator = scorecard.indicators[0]
    by_month = {entry.month: entry.thresholds.green.value for entry in indicator.profile}
    assert by_month[Month(2025, 4)] == by_month[Month(2025, 6)] == 5
    assert by_month[Month(2025, 7)] == 6 and by_month[Month(2026, 3)] == 8
    assert Month(2025, 3) not in by_month  # the tracker's year is 2025/26: March 2025 has no target of its own
    marks = [rag for _, rag, _, _ in monthly_marks(indicator, scorecard.period)]
    assert marks == [None, G, R]


# Polarity in other words, and Within limits


@pytest.mark.parametrize(("words", "polarity"), [
    ("Better if higher", Polarity.HIGH), ("Higher is better", Polarity.HIGH), ("Aim to maximise", Polarity.HIGH),
    ("Better if lower", Polarity.LOW), ("Lower is better", Polarity.LOW), ("Aim to minimise", Polarity.LOW),
    ("Data only", Polarity.INFO), ("Context", Polarity.INFO), ("Contextual", Polarity.INFO),
    ("Within limits", Polarity.WITHIN), ("Within range", Polarity.WITHIN), ("Band", Polarity.WITHIN),
])
def test_polarity_words(words, polarity):
    assert parse_polarity(words) is polarity


@pytest.mark.parametrize("header", ["Good is", "Polarity (High/Low)", "Better if"])
def test_polarity_headers(header):
    assert classify(header, 0).role is Role.POLARITY


@pytest.mark.parametrize(("cells", "figures", "expected"), [
    ({"red": "1+ above range", "amber": "1 above range"}, [18.8, 20, 21, 21.1, 14, 13, 12.9], [G, G, A, R, G, A, R]),
    ({"red": "2+ outside range", "amber": "2 outside range"}, [22, 22.1, 12, 11.9], [A, R, A, R]),
    ({"red": "more than 1 above range", "amber": "1 above range"}, [21, 21.1], [A, R]),
    ({"amber": "12-22"}, [13, 22, 22.1, 11.9], [A, A, R, R]),
    ({"tolerance": "2"}, [13, 22, 22.1], [A, A, R]),
    ({}, [20, 20.1], [G, R]),
])
def test_within_limits_is_green_inside_the_band_and_worse_further_out(cells, figures, expected):
    assert rated(Polarity.WITHIN, AVERAGE, figures, green="14-20", **cells) == expected


def test_within_limits_written_only_above_the_range_says_it_took_the_same_below():
    reading = read(Polarity.WITHIN, AVERAGE, green="14-20", red="1+ above range", amber="1 above range")
    (info,) = reading.findings
    assert info.severity is Severity.INFO and "same distances were taken below" in info.message


def test_within_limits_needs_its_range_as_a_band():
    errors = [f for f in read(Polarity.WITHIN, AVERAGE, green="20").findings if f.severity is Severity.ERROR]
    assert errors and "band like 14-20" in errors[0].message
    errors = [f for f in read(Polarity.HIGH, AVERAGE, green="20", red="1 above range").findings]
    assert errors and "must be that range" in errors[0].message


def test_within_limits_direction_of_travel_is_towards_the_band():
    band = read(Polarity.WITHIN, AVERAGE, green="14-20").thresholds
    assert dot_for(22, 23, Polarity.WITHIN, AVERAGE, band) is Dot.IMPROVED
    assert dot_for(12, 22, Polarity.WITHIN, AVERAGE, band) is Dot.SAME  # 2 outside either way
    assert dot_for(15, 19, Polarity.WITHIN, AVERAGE, band) is Dot.SAME  # both inside
    assert dot_for(21, 19, Polarity.WITHIN, AVERAGE, band) is Dot.DECLINED
    assert dot_for(13.5, 13, Polarity.WITHIN, AVERAGE, band) is Dot.IMPROVED


# The officer's own marks in words


@pytest.mark.parametrize(("words", "polarity", "agrees"), [
    ("On target", Polarity.HIGH, {G}), ("Achieved", Polarity.LOW, {G}), ("Within tolerance", Polarity.HIGH, {A}),
    ("Off target", Polarity.HIGH, {A, R}), ("Not achieved", Polarity.HIGH, {A, R}),
    ("Below target", Polarity.HIGH, {A, R}), ("Below target", Polarity.LOW, {G}), ("Amber", Polarity.HIGH, {A}),
])
def test_status_words(words, polarity, agrees):
    assert parse_officer_rating(words, polarity) == frozenset(agrees)


@pytest.mark.parametrize(("words", "way"), [("Improving", "up"), ("Worsening", "down"), ("Deteriorating", "down"),
                                            ("Stable", "same")])
def test_trend_words(words, way):
    assert parse_officer_direction(words) == way


def test_status_and_trend_columns_are_compared_like_rag_and_dot():
    header = ["Ref", "Indicator", "Polarity", "Unit", "Apr-24", "May-24", "Target", "Status", "Trend"]
    scorecard = _scorecard(header, [
        ["1", "Agrees", "High", "Count", 8, 9, 10, "Off target", "Improving"],
        ["2", "Disagrees", "High", "Count", 8, 9, 10, "On target", "Deteriorating"],
    ])
    agrees, disagrees = scorecard.indicators
    assert officer_mark_findings(agrees) == []
    messages = [f.message for f in officer_mark_findings(disagrees)]
    assert len(messages) == 2 and "'On target'" in messages[0] and "'Deteriorating'" in messages[1]


def test_a_trend_column_beside_a_dot_column_is_not_read():
    header = ["Ref", "Indicator", "Polarity", "Unit", "Apr-24", "May-24", "DOT", "Trend"]
    scorecard = _scorecard(header, [["1", "x", "High", "Count", 8, 9, "↑", "Worsening"]])
    assert scorecard.indicators[0].officer_dot == "↑"
    assert any("'Trend'" in f.message and "not a column boardpack reads" in f.message for f in scorecard.findings)


def _scorecard(header, rows):
    sheet = RawSheet("t.xlsx", "Tracker", (tuple(header), *map(tuple, rows)), frozenset(), frozenset())
    scorecard = assess(normalise([RawWorkbook("t.xlsx", (sheet,))]))
    errors = [str(f) for f in scorecard.findings if f.severity is Severity.ERROR]
    assert errors == []
    return scorecard


def test_amber_for_whatever_is_not_green_has_no_number_in_the_excel_formula():
    from boardpack.render.xlsx.workbook import rag_formula, threshold_numbers
    from test_render_xlsx import evaluate

    thresholds = read(Polarity.HIGH, green="95%+", amber="<95%").thresholds
    assert threshold_numbers(thresholds.amber) == (None, None)
    limits = {role: (f"$R{i}", f"$S{i}") for i, role in enumerate(("red", "amber", "green"), start=1)}
    formula = rag_formula("$H9", limits, Polarity.HIGH, thresholds, PERCENT)
    cells = {"R3": 0.95}
    for value, expected in ((0.96, G), (0.5, A), (-1.0, A)):
        cells["H9"] = value
        assert rag_for(value, Polarity.HIGH, thresholds, PERCENT) is expected
        assert evaluate(formula, cells) == expected.word


def test_within_limits_distances_may_differ_above_and_below():
    assert rated(Polarity.WITHIN, AVERAGE, [21, 21.1, 12, 11.9], green="14-20", amber="1 above range",
                 red="2+ below range") == [A, R, R, R]
    reading = read(Polarity.WITHIN, AVERAGE, green="14-20", amber="1 above range", red="2+ below range")
    assert not [f for f in reading.findings if f.severity is Severity.INFO]
    # Between 13.x and 12 nothing is written but the red beyond: the worse colour, and a gap to report.
    assert [gap.rag for gap in reading.gaps] == [R, R]


def test_a_written_amber_wins_over_a_tolerance_and_says_so():
    reading = read(Polarity.HIGH, green="90%", amber="80%+", tolerance="5%")
    assert reading.thresholds.amber.value == pytest.approx(0.8)
    (warning,) = [f for f in reading.findings if f.severity is Severity.WARNING]
    assert "the amber threshold was used" in warning.message


def test_a_tolerance_without_a_target_is_not_used():
    reading = read(Polarity.HIGH, tolerance="5%")
    assert not reading.thresholds.any
    assert [f.severity for f in reading.findings] == [Severity.WARNING]
