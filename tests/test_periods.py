"""Periods other than calendar months: the label grammars, two-row headers, each measure's frequency, and
the rules for a measure taken quarterly, termly or yearly in a monthly report."""

from __future__ import annotations

import datetime as dt

import pytest

from boardpack.headers import Role, classify, parse_period, parse_year_group, read_header, year_groups
from boardpack.model import (
    Comparison,
    Dot,
    Figure,
    Frequency,
    Indicator,
    Month,
    Observation,
    Polarity,
    Rag,
    Scorecard,
    Section,
    Severity,
    Status,
    Threshold,
    Thresholds,
    Unit,
    UnitKind,
    YtdRule,
    period_end,
    period_ends,
    period_label,
    period_start,
)
from boardpack.normalise import normalise
from boardpack.reader import RawSheet, RawWorkbook
from boardpack.rules import assess, assessment_at, monthly_assessments
from boardpack.vocabulary import frequency_marker, parse_frequency

Q, H, T, A, M = (Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.TERMLY, Frequency.ANNUAL,
                 Frequency.MONTHLY)


# ---------------------------------------------------------------------------------------------------------
# Label grammars


@pytest.mark.parametrize(
    ("text", "year", "month", "frequency"),
    [
        ("Q1 2024/25", None, Month(2024, 6), Q),
        ("Qtr 2 2024/25", None, Month(2024, 9), Q),
        ("Q2 24/25", None, Month(2024, 9), Q),
        ("Quarter 3 2024-25", None, Month(2024, 12), Q),
        ("2024/25 Q4", None, Month(2025, 3), Q),
        ("Q1 (Apr-Jun) 2024/25", None, Month(2024, 6), Q),
        ("qtr.4", 2023, Month(2024, 3), Q),
        ("Q3", 2024, Month(2024, 12), Q),
        ("H1 2024/25", None, Month(2024, 9), H),
        ("H2", 2024, Month(2025, 3), H),
        ("M01", 2024, Month(2024, 4), M),
        ("M09", 2024, Month(2024, 12), M),
        ("M10", 2024, Month(2025, 1), M),
        ("M12 2023/24", None, Month(2024, 3), M),
        ("Apr", 2024, Month(2024, 4), M),
        ("December", 2024, Month(2024, 12), M),
        ("Jan", 2024, Month(2025, 1), M),
        ("Sept", 2024, Month(2024, 9), M),
        ("Mar", 2024, Month(2025, 3), M),
        ("Autumn 2024", None, Month(2024, 12), T),
        ("Autumn term 2024", None, Month(2024, 12), T),
        ("Spring 2025", None, Month(2025, 3), T),
        ("Summer 2025", None, Month(2025, 7), T),
        ("Summer Term 2024/25", None, Month(2025, 7), T),
        ("Spring term", 2024, Month(2025, 3), T),
    ],
)
def test_period_labels(text, year, month, frequency):
    assert parse_period(text, year) == (month, frequency)
    column = classify(text, 3, year)
    assert column is not None and column.role is Role.MONTH
    assert (column.month, column.frequency) == (month, frequency)


@pytest.mark.parametrize("text", ["Q1", "Apr", "M01", "Autumn term", "H1"])
def test_a_period_without_a_year_needs_one_above_it(text):
    assert parse_period(text) is None
    assert classify(text, 0) is None


@pytest.mark.parametrize("text", ["Q5 2024/25", "Q1 2024/26", "M13 2024/25", "Winter 2024", "Trend", "Target",
                                  "Quarter"])
def test_what_is_not_a_period(text):
    assert parse_period(text, 2024) is None


def test_a_quarter_of_a_calendar_year_is_not_guessed():
    # Q1 2024 may be January to March or April to June; a financial year says which.
    assert parse_period("Q1 2024") is None


def test_a_financial_year_on_its_own_is_still_a_prior_year_column():
    column = classify("2023/24", 5)
    assert column is not None and column.role is Role.PRIOR_YEAR


@pytest.mark.parametrize(
    ("text", "start"),
    [("2024/25", 2024), ("2024-25", 2024), ("24/25", 2024), ("FY 2024/25", 2024), ("2024/2025", 2024),
     ("2011-12", 2011), ("Year 2023/24", 2023), ("2024/25 Actuals", 2024), ("2024/26", None), ("Targets", None),
     ("2024/25 Outturn", None)],
)
def test_year_group_labels(text, start):
    assert parse_year_group(text) == start


def test_a_year_label_carries_right_until_the_next_label():
    groups = year_groups([None, "Ref", "2023/24", None, None, "2024/25", None, "Targets", None])
    assert groups == [None, None, (2, 2023), (2, 2023), (2, 2023), (5, 2024), (5, 2024), None, None]


# ---------------------------------------------------------------------------------------------------------
# Frequencies and their period labels


@pytest.mark.parametrize(
    ("month", "frequency", "label"),
    [
        (Month(2024, 9), M, "Sep-24"),
        (Month(2024, 9), Q, "Q2 2024/25"),
        (Month(2024, 11), Q, "Q3 2024/25"),
        (Month(2025, 3), Q, "Q4 2024/25"),
        (Month(2024, 9), H, "H1 2024/25"),
        (Month(2025, 2), H, "H2 2024/25"),
        (Month(2025, 3), A, "2024/25"),
        (Month(2024, 4), A, "2024/25"),
        (Month(2024, 12), T, "Autumn term 2024"),
        (Month(2025, 3), T, "Spring term 2025"),
        (Month(2025, 7), T, "Summer term 2025"),
    ],
)
def test_period_label(month, frequency, label):
    assert period_label(month, frequency) == label


@pytest.mark.parametrize(
    ("month", "frequency", "end"),
    [
        (Month(2024, 11), Q, Month(2024, 9)), (Month(2024, 9), Q, Month(2024, 9)), (Month(2024, 2), Q, Month(2023, 12)),
        (Month(2024, 11), H, Month(2024, 9)), (Month(2024, 8), H, Month(2024, 3)),
        (Month(2024, 11), A, Month(2024, 3)), (Month(2025, 3), A, Month(2025, 3)),
        (Month(2024, 11), T, Month(2024, 7)), (Month(2025, 1), T, Month(2024, 12)), (Month(2024, 4), T, Month(2024, 3)),
        (Month(2024, 11), M, Month(2024, 11)),
    ],
)
def test_the_latest_period_ended_by_a_month(month, frequency, end):
    assert period_end(month, frequency) == end


def test_periods_back_and_where_they_start():
    assert period_ends(Month(2024, 11), Q, 3) == (Month(2024, 3), Month(2024, 6), Month(2024, 9))
    assert period_ends(Month(2024, 11), M, 3) == (Month(2024, 9), Month(2024, 10), Month(2024, 11))
    assert period_start(Month(2024, 9), Q) == Month(2024, 7)
    assert period_start(Month(2025, 3), A) == Month(2024, 4)
    assert period_start(Month(2024, 7), T) == Month(2024, 4)


@pytest.mark.parametrize(
    ("text", "frequency"),
    [("Monthly", M), ("Quarterly", Q), ("QUARTERLY", Q), ("Annual", A), ("Annually", A), ("Termly", T),
     ("6 monthly", H), ("Bi-annual", H), ("Twice yearly", H), ("Half-yearly", H),
     ("As at mth end", None), ("Financial Year", None), ("Rolling Year", None), ("As at term end", None)],
)
def test_frequency_words(text, frequency):
    assert parse_frequency(text) is frequency


@pytest.mark.parametrize(
    ("text", "frequency"),
    [("Annual Indicator", A), ("annual measure", A), ("Measured twice per year", H), ("Bi-annual", H),
     ("6 monthly", H), ("Quarterly measure", Q), ("Termly", T), ("not reported", None), ("Annual target", None)],
)
def test_frequency_markers(text, frequency):
    assert frequency_marker(text) is frequency


# ---------------------------------------------------------------------------------------------------------
# Headers of one row or two


def _sheet(*rows, percent=()) -> RawSheet:
    return RawSheet("t.xlsx", "KPIs", tuple(tuple(r) for r in rows), frozenset(percent), frozenset())


def _columns(row, index=0):
    return [c for c in (classify(v, i) for i, v in enumerate(row)) if c is not None]


def test_two_row_header_with_fixed_columns_merged_down():
    rows = (
        ("Ref", "Measure", "Polarity", "2023/24", None, "2024/25", None, "2022/23 Outturn", "Green"),
        (None, None, None, "Q3", "Q4", "Q1", "Q2"),
        ("K1", "Visits", "High", 1, 2, 3, 4, 10, 3),
    )
    header = read_header(rows, 1, _columns(rows[0]))
    assert (header.first_row, header.last_row) == (1, 2)
    months = [(c.month, c.frequency) for c in header.columns if c.role is Role.MONTH]
    assert months == [(Month(2023, 12), Q), (Month(2024, 3), Q), (Month(2024, 6), Q), (Month(2024, 9), Q)]
    # The year labels head the quarters; the outturn merged down beside them is a prior year still.
    priors = [c.header for c in header.columns if c.role is Role.PRIOR_YEAR]
    assert priors == ["2022/23 Outturn"]
    assert header.row_of(0) == 1 and header.row_of(3) == 2


def test_periods_under_a_year_label_in_the_row_above_the_header():
    rows = (
        (None, None, None, "2024/25"),
        ("Ref", "Indicator", "Polarity", "M01", "M02", "M03"),
        ("K1", "Visits", "High", 1, 2, 3),
    )
    header = read_header(rows, 2, _columns(rows[1]))
    assert header.last_row == 2
    assert [c.month for c in header.columns if c.role is Role.MONTH] == [Month(2024, 4), Month(2024, 5),
                                                                       Month(2024, 6)]


def test_the_row_under_a_header_is_data_when_it_names_an_indicator():
    rows = (
        ("Ref", "Indicator", "2023/24", "Apr-24"),
        ("K1", "Visits", "Apr", 5),
    )
    header = read_header(rows, 1, _columns(rows[0]))
    assert header.last_row == 1
    assert [c.role for c in header.columns] == [Role.REF, Role.INDICATOR, Role.PRIOR_YEAR, Role.MONTH]


def test_a_two_row_tracker_reads_its_months_under_merged_years():
    sheet = _sheet(
        ("Ref", "Indicator", "Good perf is", "Unit", "2023/24", None, None, "2024/25"),
        (None, None, None, None, "Jan", "Feb", "Mar", "Apr", "May"),
        ("1.1", "Visits", "High", "Count", 10, 11, 12, 13, 14),
    )
    scorecard = normalise([RawWorkbook("t.xlsx", (sheet,))])
    indicator = scorecard.indicator("1.1")
    assert [o.month for o in indicator.observations] == [Month(2024, m) for m in (1, 2, 3, 4, 5)]
    assert indicator.prior_years == ()
    assert scorecard.period == Month(2024, 5)
    assert not [f for f in scorecard.findings if f.severity is not Severity.INFO]


def test_quarter_totals_beside_the_months_are_not_read():
    sheet = _sheet(
        ("Ref", "Indicator", "Apr-24", "May-24", "Jun-24", "Q1 2024/25", "Q2 2024/25"),
        ("1.1", "Visits", 1, 2, 3, 6, 9),
    )
    scorecard = normalise([RawWorkbook("t.xlsx", (sheet,))])
    indicator = scorecard.indicator("1.1")
    assert indicator.frequency is M
    assert [o.month for o in indicator.observations] == [Month(2024, 4), Month(2024, 5), Month(2024, 6),
                                                       Month(2024, 9)]
    told = [f for f in scorecard.findings if "total" in f.message]
    assert len(told) == 1 and told[0].where.cell == "F1"


# ---------------------------------------------------------------------------------------------------------
# Each measure's frequency

MONTH_HEADER = ("Ref", "Indicator", "Frequency", "Timeline",
                *(dt.datetime(2024 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 13)))  # Jan-Dec 24


def _row(ref, frequency, timeline, *figures):
    return (ref, f"Measure {ref}", frequency, timeline, *figures)


def _read(*rows):
    scorecard = normalise([RawWorkbook("t.xlsx", (_sheet(MONTH_HEADER, *rows),))])
    return scorecard, {i.ref: i for i in scorecard.indicators}


def test_frequency_from_the_frequency_column_and_timeline_words():
    scorecard, read = _read(
        _row("a", "Quarterly", "As at mth end", None, None, 5, None, None, 6),
        _row("b", None, "Quarterly", None, None, 5),
        _row("c", "Monthly", None, None, None, 5, None, None, 6),
        _row("d", "As at mth end", None, 1, 2, 3),
    )
    assert [read[r].frequency for r in "abcd"] == [Q, Q, M, M]
    # The timeline keeps its own words; a Frequency column holding timeline words still gives the timeline.
    assert (read["a"].timeline, read["b"].timeline, read["d"].timeline) == ("As at mth end", "Quarterly", "")
    assert not [f for f in scorecard.findings if f.severity is not Severity.INFO]


def test_frequency_column_alone_is_the_timeline_as_before():
    sheet = _sheet(("Ref", "Indicator", "Frequency", "Apr-24"), ("1", "Visits", "As at mth end", 4))
    indicator = normalise([RawWorkbook("t.xlsx", (sheet,))]).indicators[0]
    assert (indicator.timeline, indicator.frequency) == ("As at mth end", M)


def test_frequency_from_marker_cells_which_are_neither_figures_nor_gaps():
    scorecard, read = _read(
        _row("a", None, None, "Annual Indicator", "Annual Indicator", 0.5, "Annual Indicator"),
        _row("b", None, None, "Measured twice per year", None, 7, *["6 monthly"] * 5, 8),
    )
    assert read["a"].frequency is A
    assert [(o.month, o.figure.value) for o in read["a"].observations] == [(Month(2024, 3), 0.5)]
    assert read["b"].frequency is H
    assert [o.month for o in read["b"].observations] == [Month(2024, 3), Month(2024, 9)]
    assert not [f for f in scorecard.findings if f.severity is not Severity.INFO]


def test_frequency_from_the_spacing_of_the_figures():
    scorecard, read = _read(
        _row("quarterly", None, None, None, None, 5, None, "-", 6, None, None, 7),
        _row("half", None, None, None, None, 5, None, None, None, None, None, 7),
        _row("termly", None, None, None, None, 5, None, None, None, 6, None, None, None, None, 7),
        _row("one figure", None, None, None, None, 5),
        _row("monthly gap", None, None, None, None, 5, "not reported", None, 6),
        _row("monthly", None, None, 1, 2, 3, 4),
    )
    assert read["quarterly"].frequency is Q
    # The "-" in May is not a figure of a quarterly measure.
    assert [o.month.month for o in read["quarterly"].observations] == [3, 6, 9]
    assert read["half"].frequency is H
    assert read["termly"].frequency is T
    assert read["one figure"].frequency is M
    assert read["monthly gap"].frequency is M
    assert read["monthly"].frequency is M
    said = [f.message for f in scorecard.findings if "read as quarterly" in f.message]
    assert len(said) == 1 and "Mar-24, Jun-24, Sep-24" in said[0] and "Frequency column" in said[0]


def test_figures_a_year_apart_are_annual():
    months = [f"{name}-{year}" for year in (23, 24) for name in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                                                  "Aug", "Sep", "Oct", "Nov", "Dec")]
    sheet = _sheet(("Ref", "Indicator", *months), ("a", "Annual", None, None, 0.4, *[None] * 11, 0.5))
    indicator = normalise([RawWorkbook("t.xlsx", (sheet,))]).indicators[0]
    assert indicator.frequency is A


def test_a_stated_frequency_its_figures_do_not_fit_is_a_warning_and_read_monthly():
    scorecard, read = _read(_row("a", "Quarterly", None, None, None, 5, None, 6))
    assert read["a"].frequency is M
    warnings = [f for f in scorecard.findings if f.severity is Severity.WARNING]
    assert len(warnings) == 1 and warnings[0].where.cell == "I2" and "May-24" in warnings[0].message
    assert "(Jun, Sep, Dec, Mar)" in warnings[0].message


def test_cells_contradicting_the_frequency_column_are_a_warning():
    scorecard, read = _read(_row("a", "Annual", None, "Measured twice per year", None, 5))
    assert read["a"].frequency is A
    warnings = [f for f in scorecard.findings if f.severity is Severity.WARNING]
    assert len(warnings) == 1 and warnings[0].where.cell == "E2" and "half-yearly" in warnings[0].message


def test_a_table_of_quarters_then_months_reads_each_measure_by_its_own_columns():
    sheet = _sheet(
        ("Ref", "Indicator", "Q1 2023/24", "Q2 2023/24", "Q3 2023/24", "Q4 2023/24", "Apr-24", "May-24", "Jun-24"),
        ("q", "Quarterly", 1, 2, 3, 4),
        ("m", "Monthly", 1, 2, 3, 4, 5, 6, 7),
    )
    scorecard = normalise([RawWorkbook("t.xlsx", (sheet,))])
    assert scorecard.indicator("q").frequency is Q
    assert scorecard.indicator("m").frequency is M
    assert any("its figures are in quarter columns" in f.message for f in scorecard.findings)


def test_every_measure_quarterly_makes_the_report_quarterly():
    sheet = _sheet(("Ref", "Indicator", "Q1 2024/25", "Q2 2024/25"), ("1", "A", 1, 2), ("2", "B", 3, None))
    scorecard = assess(normalise([RawWorkbook("t.xlsx", (sheet,))], Month(2024, 11)), Month(2024, 11))
    assert scorecard.period == Month(2024, 9)
    assert (scorecard.frequency, scorecard.period_title, scorecard.as_at) == (
        Q, "Q2 2024/25", "As at quarter end: Q2 2024/25")
    assert scorecard.recent_periods(2) == (Month(2024, 6), Month(2024, 9))
    assert scorecard.indicator("1").assessment.current_month is None


# ---------------------------------------------------------------------------------------------------------
# The rules for measures taken less often than monthly

PERCENT = Unit(UnitKind.PERCENT, "Percentage", 1)
COUNT = Unit(UnitKind.COUNT, "Count", 0)
TARGET = Thresholds(amber=Threshold(Comparison.AT_LEAST, 0.75), green=Threshold(Comparison.AT_LEAST, 0.80))


def _measure(frequency, figures, unit=PERCENT, timeline="", polarity=Polarity.HIGH, thresholds=TARGET):
    observations = tuple(Observation(Month.parse(m), Figure(value=v) if v is not None else Figure(
        status=Status.NOT_REPORTED)) for m, v in figures.items())
    return Indicator("k", "K", "S", unit, polarity, timeline=timeline, observations=observations,
                     thresholds=thresholds, frequency=frequency)


def test_a_quarterly_measure_in_a_november_report_reports_september():
    quarterly = _measure(Q, {"2023-09": 0.70, "2024-03": 0.71, "2024-06": 0.74, "2024-09": 0.78})
    assessment = assessment_at(quarterly, Month(2024, 11))
    assert assessment.current_month == Month(2024, 9)
    assert assessment.current.value == 0.78 and assessment.previous.value == 0.74
    assert (assessment.rag, assessment.dot) == (Rag.AMBER, Dot.IMPROVED)
    assert assessment.same_month_last_year.value == 0.70  # the same quarter last year
    assert assessment.ytd.value == 0.78 and assessment.ytd_rule is YtdRule.LATEST
    # At the quarter's own month the figure is the report's own: no other period to name.
    assert assessment_at(quarterly, Month(2024, 9)).current_month is None


def test_quarterly_flows_sum_the_years_quarters():
    flow = _measure(Q, {"2024-03": 212, "2024-06": 198, "2024-09": 231}, unit=COUNT, timeline="Financial Year",
                    polarity=Polarity.INFO, thresholds=Thresholds())
    assessment = assessment_at(flow, Month(2024, 11))
    assert (assessment.ytd.value, assessment.ytd_rule) == (429, YtdRule.SUM)
    assert assessment.dot is Dot.UP
    # In April the latest quarter ended is Q4 (March), not in yet; the new year has no quarter for a YTD.
    april = assessment_at(flow, Month(2025, 4))
    assert april.current is None and april.current_month == Month(2025, 3) and april.ytd is None
    assert april.previous.value == 231


def test_a_missing_quarter_is_not_filled_from_the_one_before():
    quarterly = _measure(Q, {"2024-06": 0.74, "2024-09": None})
    assessment = assessment_at(quarterly, Month(2024, 10))
    assert assessment.current.status is Status.NOT_REPORTED and assessment.rag is None and assessment.dot is None
    assert assessment.current_month == Month(2024, 9)


def test_an_annual_measure_reports_its_last_financial_year():
    annual = _measure(A, {"2023-03": 0.049, "2024-03": 0.052})
    assessment = assessment_at(annual, Month(2024, 11))
    assert assessment.current_month == Month(2024, 3)
    assert (assessment.current.value, assessment.previous.value) == (0.052, 0.049)
    assert assessment.dot is Dot.IMPROVED and assessment.rag is Rag.RED
    assert assessment.ytd is None  # 2024/25 has no figure yet


def test_a_termly_measure_reports_its_last_term():
    termly = _measure(T, {"2023-12": 0.78, "2024-03": 0.81, "2024-07": 0.84})
    november = assessment_at(termly, Month(2024, 11))
    assert (november.current_month, november.current.value, november.previous.value) == (
        Month(2024, 7), 0.84, 0.81)
    assert (november.rag, november.dot) == (Rag.GREEN, Dot.IMPROVED)
    january = assessment_at(termly, Month(2025, 1))
    assert january.current_month == Month(2024, 12) and january.current is None


def test_each_period_in_the_csv_is_assessed_against_the_period_before():
    quarterly = _measure(Q, {"2024-03": 0.71, "2024-06": 0.74, "2024-09": 0.72})
    rows = list(monthly_assessments(quarterly, Month(2024, 11)))
    assert [(o.month.month, a.dot) for o, a in rows] == [(3, None), (6, Dot.IMPROVED), (9, Dot.DECLINED)]


def test_assess_names_the_period_of_a_figure_in_every_assessment():
    monthly = _measure(M, {"2024-10": 0.9, "2024-11": 0.91})
    quarterly = _measure(Q, {"2024-09": 0.78})
    scorecard = Scorecard("t", Month(2024, 11), (Section("S", (monthly, quarterly)),))
    assessed = assess(scorecard)
    assert assessed.period == Month(2024, 11) and assessed.frequency is M
    first, second = assessed.indicators
    assert first.assessment.current_month is None
    assert second.assessment.current_month == Month(2024, 9)
