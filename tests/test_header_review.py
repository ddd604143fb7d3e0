"""Headers renamed a little, months that do not make sense, and several tables on a sheet: each is read as
the officer meant or named by its cell, never silently dropped."""

import datetime as dt

import pytest

from boardpack.headers import Role, classify
from boardpack.model import Polarity, Rag, Severity
from boardpack.normalise import normalise
from boardpack.reader import RawSheet, RawWorkbook
from boardpack.resemblance import edit_distance, misspelt_month, resemble, uk_date
from boardpack.rules import assess

TODAY = dt.date(2026, 12, 1)
BASE = ["Ref", "Indicator", "Good perf is", "Unit"]
LOW_ROW = ["1.1", "Children with three or more placements", "Low", "Percentage"]


def _read(header, rows, above=(), today=TODAY):
    sheet = RawSheet("t.xlsx", "Data", tuple([*above, tuple(header), *(tuple(r) for r in rows)]), frozenset(),
                     frozenset())
    return assess(normalise([RawWorkbook("t.xlsx", (sheet,))], today=today))


# These small tables have no Timeline column, which is a warning of its own (about the YTD, not the header).
_NO_TIMELINE = "no Timeline column"


def _findings(scorecard, severity):
    return [str(f) for f in scorecard.findings if f.severity is severity and _NO_TIMELINE not in f.message]


def _problems(scorecard):
    return [str(f) for f in scorecard.findings if f.severity is not Severity.INFO and _NO_TIMELINE not in f.message]


@pytest.mark.parametrize("header", [
    "Trend chart", "Comments", "Commentary", "Notes", "Lead officer", "Sparkline", "Chart", "Baseline",
    "Action", "Priority", "Timescale", "Actual", "Target date", "Latest", "Forecast", "Indicator type",
])
def test_columns_that_resemble_nothing_stay_a_note(header):
    scorecard = _read([*BASE, "Apr-26", "May-26", header], [[*LOW_ROW, 0.12, 0.11, "x"]])
    assert _problems(scorecard) == []
    assert any(f"({header!r}) is not a column boardpack reads" in n for n in _findings(scorecard, Severity.INFO))


@pytest.mark.parametrize("header, severity, message", [
    ("Tgt", Severity.INFO, "G1: read 'Tgt' as the target column"),
    # A target naming its year is one of the target's own spellings, so it is read with nothing to say.
    ("Target (2026/27)", Severity.INFO, ""),
    ("Target 2026/27", Severity.INFO, ""),
    ("Green tgt", Severity.INFO, "read 'Green tgt' as the green column"),
    ("Targt", Severity.WARNING, "read column G ('Targt') as the target column; correct its spelling to 'Target'"),
    ("Gren", Severity.WARNING, "read column G ('Gren') as the green column"),
])
def test_a_renamed_target_still_rates_a_low_measure(header, severity, message):
    # Unread, the target column would leave the measure with no RAG at all.
    scorecard = _read([*BASE, "Apr-26", "May-26", header], [[*LOW_ROW, 0.12, 0.105, "10.8%<"]])
    indicator = scorecard.indicators[0]
    assert indicator.polarity is Polarity.LOW
    assert indicator.assessment.rag is Rag.GREEN
    if message:
        assert any(message in f for f in _findings(scorecard, severity)), scorecard.findings
    else:
        assert _problems(scorecard) == []


@pytest.mark.parametrize("header, severity", [
    # "Polarity (High/Low)" and "High/Low" are the polarity's own spellings: read with nothing to say.
    ("Polarity (High/Low)", None), ("High/Low", None), ("Polarty", Severity.WARNING),
    ("Good perf is (H/L)", Severity.INFO), ("Polarity [H/L]", Severity.INFO),
])
def test_a_renamed_polarity_keeps_a_low_measure_low(header, severity):
    scorecard = _read(["Ref", "Indicator", header, "Unit", "Apr-26", "May-26", "Green"],
                      [[*LOW_ROW, 0.12, 0.105, "10.8%<"]])
    assert scorecard.indicators[0].polarity is Polarity.LOW
    assert scorecard.indicators[0].assessment.rag is Rag.GREEN
    if severity is not None:
        assert any("C1: read" in f and repr(header) in f for f in _findings(scorecard, severity))
    if severity is not Severity.WARNING:
        assert _problems(scorecard) == []


@pytest.mark.parametrize("header, role", [
    ("Ref.", Role.REF), ("Indictor", Role.INDICATOR), ("Measures", Role.INDICATOR), ("Timline", Role.TIMELINE),
    ("Data note (quarterly)", Role.TIMELINE), ("Frequncy", Role.FREQUENCY), ("Yr to date", Role.YTD),
    ("Ambr", Role.AMBER), ("Unti", Role.UNIT), ("Secton", Role.SECTION),
])
def test_near_spellings_are_read_as_the_column(header, role):
    assert classify(header, 0).role is role


def test_a_qualified_month_header_is_read_as_the_month():
    column = classify("Sep-26 (provisional)", 4)
    assert column.role is Role.MONTH and column.month.iso == "2026-09" and column.read_as == "qualifier"


@pytest.mark.parametrize("header, looks_like", [
    ("Polrty", "looks like a polarity column but was not read; rename it to 'Polarity'"),
    ("Amber/Green", "looks like an amber or green column but was not read; rename it to 'Amber' or 'Green'"),
    ("Tgt (amber)", "looks like a target or amber column"),
    ("Timeliness", "looks like a timeline column"),
])
def test_a_faint_or_double_likeness_is_named_and_not_read(header, looks_like):
    scorecard = _read([*BASE, "Apr-26", "May-26", header], [[*LOW_ROW, 0.12, 0.11, "x"]])
    warnings = _findings(scorecard, Severity.WARNING)
    assert any("t.xlsx › Data › G1" in w and f"({header!r}) {looks_like}" in w for w in warnings), warnings
    assert not any(header in n for n in _findings(scorecard, Severity.INFO))


def test_resemblance_is_none_for_plain_words_and_excel_errors():
    for text in ("Trend", "#REF!", "Key", "DATA", "YEAR ON YEAR"):
        assert resemble(text, 0) is None, text


def test_edit_distance_counts_a_swap_as_one_slip():
    assert edit_distance("polarty", "polarity", 2) == 1
    assert edit_distance("inidcator", "indicator", 2) == 1
    assert edit_distance("priority", "polarity", 2) == 3
    assert edit_distance("a", "abcdef", 2) == 3


def test_misspelt_months_and_uk_dates():
    assert [m.label for m in misspelt_month("Jnu-26")] == ["Jun-26"]
    assert [m.label for m in misspelt_month("Spet-23")] == ["Sep-23"]
    assert [m.label for m in misspelt_month("Mya 24")] == ["May-24"]
    assert [m.label for m in misspelt_month("Febuary 2019")] == ["Feb-19"]
    assert misspelt_month("Sept 23") == () and misspelt_month("Trend 24") == ()
    assert uk_date("01/06/2026") == dt.date(2026, 6, 1)
    assert uk_date("1/6/26") == dt.date(2026, 6, 1)
    assert uk_date("01.06.2026") == dt.date(2026, 6, 1)
    assert uk_date("2026-06-01") == dt.date(2026, 6, 1)
    assert uk_date("31/02/2026") is None and uk_date("14-20") is None


MONTHS = ["Jun-26", "Jul-26", "Aug-26", "Sep-26", "Oct-26"]


def _months_read(header_months, values, today=TODAY):
    return _read([*BASE, *header_months], [[*LOW_ROW, *values]], today=today)


def test_a_lone_year_typo_between_months_is_named_with_what_it_should_be():
    scorecard = _months_read(["Jul-26", "Aug-26", "Sept 23", "Oct-26"], [0.1, 0.11, 0.12, None])
    warnings = _findings(scorecard, Severity.WARNING)
    assert any("G1" in w and "read as September 2023" in w and "should be Sep-26" in w for w in warnings), warnings
    assert len(warnings) == 1


def test_a_year_typo_in_the_latest_month_is_named():
    scorecard = _months_read(["Jun-26", "Jul-26", "Aug-26", "Sep-23"], [0.1, 0.11, 0.12, 0.13])
    assert scorecard.period.iso == "2026-08"  # a month behind, which is why the header must be named
    assert any("H1" in w and "should be Sep-26" in w for w in _findings(scorecard, Severity.WARNING))


def test_months_in_order_either_way_and_quarter_ends_are_quiet():
    assert _problems(_months_read(MONTHS, [0.1, 0.11, 0.12, 0.13, 0.14])) == []
    assert _problems(_months_read(list(reversed(MONTHS)), [0.1, 0.11, 0.12, 0.13, 0.14])) == []
    assert _problems(_months_read(["Jun-25", "Sep-25", "Dec-25", "Mar-26"], [0.1, 0.11, 0.12, 0.13])) == []


def test_a_month_missing_between_figures_is_named_but_not_before_empty_months():
    gap = _months_read(["Jun-26", "Jul-26", "Sep-26", "Oct-26"], [0.1, 0.11, 0.12, None])
    assert any("G1" in w and "no column for Aug-26" in w for w in _findings(gap, Severity.WARNING))
    quiet = _months_read(["Jun-26", "Jul-26", "Sep-26", "Oct-26"], [0.1, 0.11, None, None])
    assert _problems(quiet) == []


def test_a_month_out_of_order_is_named():
    scorecard = _months_read(["Jun-26", "Jul-26", "Aug-26", "Mar-26", "Sep-26", "Oct-26"],
                             [0.1, 0.11, 0.12, 0.13, None, None])
    warnings = _findings(scorecard, Severity.WARNING)
    assert any("H1" in w and "out of sequence" in w for w in warnings), warnings


def test_a_repeated_month_is_named():
    scorecard = _months_read(["Jun-26", "Jul-26", "Jul-26", "Sep-26"], [0.1, 0.11, 0.12, None])
    assert any("G1" in w and "a second column for Jul-26 was ignored" in w
               for w in _findings(scorecard, Severity.WARNING))


def test_figures_under_a_month_after_today_are_named():
    header = ["Oct-26", "Nov-26", "Dec-26"]
    ahead = _months_read(header, [0.1, 0.11, 0.12], today=dt.date(2026, 11, 15))
    assert any("G1" in w and "December 2026, after this month (November 2026)" in w
               for w in _findings(ahead, Severity.WARNING))
    assert _problems(_months_read(header, [0.1, 0.11, 0.12], today=dt.date(2026, 12, 1))) == []
    assert _problems(_months_read(header, [0.1, 0.11, None], today=dt.date(2026, 11, 15))) == []


def test_the_real_date_is_used_when_none_is_given():
    next_year = dt.date.today().year + 1
    scorecard = _months_read([f"Jan {next_year}"], [0.1], today=None)
    assert any("after this month" in w for w in _findings(scorecard, Severity.WARNING))


@pytest.mark.parametrize("header", ["01/08/2026", "1/8/26", "01.08.2026", "2026-08-01"])
def test_a_date_of_the_first_is_read_as_its_month(header):
    scorecard = _months_read(["Jun-26", "Jul-26", header], [0.1, 0.11, 0.12])
    assert [o.month.iso for o in scorecard.indicators[0].observations] == ["2026-06", "2026-07", "2026-08"]
    assert _problems(scorecard) == []
    assert any("G1: read" in n and "as August 2026" in n for n in _findings(scorecard, Severity.INFO))


def test_a_date_of_another_day_is_read_only_where_the_months_place_it():
    placed = _months_read(["Jun-26", "Jul-26", "15/08/2026", "Sep-26"], [0.1, 0.11, 0.12, None])
    assert [o.month.iso for o in placed.indicators[0].observations] == ["2026-06", "2026-07", "2026-08"]
    assert _problems(placed) == []
    stray = _months_read(["Jun-26", "Jul-26", "13/03/2026"], [0.1, 0.11, 0.12])
    assert [o.month.iso for o in stray.indicators[0].observations] == ["2026-06", "2026-07"]
    assert any("G1" in w and "13 March 2026 read day first" in w for w in _findings(stray, Severity.WARNING))


def test_figures_under_a_misspelt_month_among_months_are_an_error():
    scorecard = _months_read(["May-26", "Jnu-26", "Jul-26"], [0.1, 0.11, 0.12])
    errors = _findings(scorecard, Severity.ERROR)
    assert any("F1" in e and "('Jnu-26') holds figures (F2)" in e and "like Jun-26" in e for e in errors), errors
    assert not any("out of sequence" in w or "no column for" in w for w in _findings(scorecard, Severity.WARNING))


def test_a_misspelt_month_at_the_end_or_empty_is_a_warning():
    last = _months_read(["Jul-23", "Aug-23", "Spet-23"], [0.1, 0.11, 0.12])
    assert _findings(last, Severity.ERROR) == []
    assert any("G1" in w and "Sep-23" in w for w in _findings(last, Severity.WARNING))
    empty = _months_read(["Apr-24", "Mya 24", "Jun-24"], [0.1, None, None])
    assert any("F1" in w and "anything written under it will not be used" in w
               for w in _findings(empty, Severity.WARNING))


@pytest.mark.parametrize("value, looks_like", [
    ("As at mth end", "timelines"), ("High", "polarities"), ("Count", "units"), (0.5, "figures"),
    ("95%+", "thresholds"),
])
def test_a_column_whose_header_was_deleted_is_named_by_what_it_holds(value, looks_like):
    scorecard = _read(["Ref", "Indicator", None, "Unit", "Apr-26"], [["1.1", "Visits", value, "Count", 4]])
    assert any("C1" in w and f"column C has no header but holds what look like {looks_like}" in w
               for w in _findings(scorecard, Severity.WARNING)), scorecard.findings


def test_a_headerless_column_of_free_text_is_a_note():
    scorecard = _read(["Ref", "Indicator", None, "Apr-26"], [["1.1", "Visits", "ask Jo", 4]])
    assert _problems(scorecard) == []
    assert any("C1" in n and "column C has no header" in n for n in _findings(scorecard, Severity.INFO))


def test_each_table_on_a_sheet_is_read_by_its_own_header():
    scorecard = _read(
        ["Ref", "Indicator", "Good perf is", "Apr-26", "May-26", "Green"],
        [
            ["1.1", "Visits on time", "High", 0.9, 0.96, "95%+"],
            [],
            ["Housing"],
            ["Measure", "No.", "Polarity", "May-26", "Jun-26", "Target"],
            ["Households in temporary accommodation", "2.1", "Low", 120, 110, 100],
            ["Footnote: figures are provisional."],
        ],
    )
    assert _findings(scorecard, Severity.ERROR) == []
    first, second = scorecard.indicators
    assert first.ref == "1.1" and [o.figure.value for o in first.observations] == [0.9, 0.96]
    assert second.ref == "2.1" and second.name == "Households in temporary accommodation"
    assert second.polarity is Polarity.LOW
    assert [(o.month.iso, o.figure.value) for o in second.observations] == [("2026-05", 120), ("2026-06", 110)]
    assert second.assessment.rag is Rag.RED
    assert str(second.source) == "t.xlsx › Data › B6"
    assert scorecard.period.iso == "2026-06"
    assert any("row 5 starts another table" in n for n in _findings(scorecard, Severity.INFO))


def test_a_second_header_row_without_ref_and_indicator_is_one_error_naming_the_row():
    scorecard = _read(
        ["Ref", "Indicator", "Apr-26", "May-26"],
        [["1.1", "Visits", 4, 5], [], ["Service", "Jun-26", "Jul-26"], ["Adults", 3, 4]],
    )
    errors = _findings(scorecard, Severity.ERROR)
    assert errors == ["t.xlsx › Data › row 4: row 4 looks like the header row of another table, but names no Ref and "
                      "Indicator columns, so the rows below it cannot be read; give it Ref and Indicator headers, or "
                      "move that table to a sheet of its own"]
    assert [i.ref for i in scorecard.indicators] == ["1.1"]


def test_rows_of_figures_without_a_ref_do_not_start_a_table():
    scorecard = _read(
        ["Ref", "Indicator", "Apr-26", "May-26"],
        [["1.1", "Visits", 4, 5], [None, "Indicator 2", "#REF!", "n/a"], [None, "Total", 9, 10]],
    )
    assert _findings(scorecard, Severity.ERROR) == []
    assert not any("another table" in f for f in _findings(scorecard, Severity.INFO))


def test_columns_for_longer_periods_are_left_out_of_the_month_sequence():
    from boardpack.header_review import review_header
    from boardpack.headers import Column
    from boardpack.model import Month

    header = ("Ref", "Indicator", "Jan-26", "Feb-26", "Mar-26", "Q4 2025/26")
    sheet = RawSheet("t.xlsx", "Data", (header, ("1.1", "Visits", 1, 2, 3, 6)), frozenset(), frozenset())
    months = [Column(Role.MONTH, 2 + i, text, month=Month(2026, 1 + i)) for i, text in enumerate(header[2:5])]
    quarter = Column(Role.MONTH, 5, "Q4 2025/26", month=Month(2026, 3))
    review = review_header(sheet, 1, 2, [*months, quarter], frozenset(range(6)), Month(2026, 12))
    assert [f for f in review.findings if f.severity is not Severity.INFO] == []
