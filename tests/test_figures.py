"""Units from number formats, unit words and typed figures; official-statistics markers, marks and due dates;
and the plausibility warnings. Each piece on its own, without a whole pack."""

import datetime as dt

import pytest
import xlsxwriter

from boardpack.model import (
    Benchmark,
    BenchmarkKind,
    CellRef,
    Figure,
    Indicator,
    LabelledFigure,
    Month,
    Observation,
    Polarity,
    Rag,
    Scorecard,
    Section,
    Severity,
    Status,
    Unit,
    UnitKind,
)
from boardpack.normalise import normalise
from boardpack.plausibility import implausible_figures, indicator_findings
from boardpack.reader import RawSheet, RawWorkbook, read_workbook
from boardpack.render.text import format_number, format_value, note_of, status_text
from boardpack.render.xlsx.formats import number_format
from boardpack.rules import assess
from boardpack.units import Cell, format_facts, inferred_unit, shown_decimals, typed_places
from boardpack.values import CellValueError, due_text, parse_cell_value
from boardpack.vocabulary import parse_unit

COUNT = Unit(UnitKind.COUNT, "Count", 0)
PERCENT = Unit(UnitKind.PERCENT, "Percentage", 1)
RATE = Unit(UnitKind.RATE, "Rate per 10,000", 1)


# Number formats


@pytest.mark.parametrize("code, decimals, percent, money, magnitude, scaled", [
    ("0", 0, False, False, 0, False),
    ("0.0", 1, False, False, 0, False),
    ("#,##0.00", 2, False, False, 0, False),
    ("0.0%", 1, True, False, 0, False),
    ("0%", 0, True, False, 0, False),
    ('"£"#,##0', 0, False, True, 0, False),
    ("£#,##0", 0, False, True, 0, False),
    ("[$£-809]#,##0.00", 2, False, True, 0, False),
    ('"£"#,##0.0"k"', 1, False, True, 3, False),
    ('£#,##0.00"m"', 2, False, True, 6, False),
    ('£#,##0,"k"', 0, False, True, 0, True),
    ("#,##0_);(#,##0)", 0, False, False, 0, False),
    ("0.00;[Red]-0.00", 2, False, False, 0, False),
    ('0.0" %"', 1, False, False, 0, False),  # a % in quotes is text: no scaling by 100
])
def test_number_formats_give_places_percent_and_money(code, decimals, percent, money, magnitude, scaled):
    facts = format_facts(code)
    assert (facts.decimals, facts.percent, facts.money, facts.magnitude, facts.scaled) == (
        decimals, percent, money, magnitude, scaled)


@pytest.mark.parametrize("code", ["General", "@", ""])
def test_general_and_text_formats_say_nothing(code):
    assert format_facts(code) is None


@pytest.mark.parametrize("value, places", [(0.24, 2), (27.6, 1), (646, 0), (646.0, 0), (0.8333333333333334, 16)])
def test_places_as_typed(value, places):
    assert typed_places(value) == places


# Units and their decimals


def test_no_unit_words_read_percent_money_or_count_from_the_months():
    assert inferred_unit([Cell(0.91, "0.0%")]).kind is UnitKind.PERCENT
    assert inferred_unit([Cell("114 of 122")]).kind is UnitKind.PERCENT
    money = inferred_unit([Cell("-"), Cell(412.5, '"£"#,##0.0"k"')])
    assert (money.kind, money.label, money.magnitude, money.decimals) == (UnitKind.MONEY, "£k", 3, 1)
    assert inferred_unit([Cell(243100, "£#,##0")]).label == "£"
    assert inferred_unit([Cell(12, "General"), Cell("n/a")]) == COUNT


@pytest.mark.parametrize("cells, stated, expected", [
    # General cells: the places typed, so 0.24 is not 0 and 27.6 not 28; an inferred count with places is a Number.
    ([Cell(0.31), Cell(0.24)], False, Unit(UnitKind.COUNT, "Number", 2)),
    ([Cell(31.2), Cell(27.6), Cell(30)], False, Unit(UnitKind.COUNT, "Number", 1)),
    ([Cell(646), Cell(642)], False, COUNT),
    # A formula's fifteen places are capped.
    ([Cell(18.833333333333332)], False, Unit(UnitKind.COUNT, "Number", 2)),
    # An explicit format is the officer's choice, over the places typed.
    ([Cell(1.5, "0.00"), Cell(1.42, "0.00")], False, Unit(UnitKind.COUNT, "Number", 2)),
    ([Cell(646, "#,##0.0")], False, Unit(UnitKind.COUNT, "Number", 1)),
    # Text numbers count as typed.
    ([Cell("27.6"), Cell("28 [p]")], False, Unit(UnitKind.COUNT, "Number", 1)),
])
def test_decimals_of_a_count_without_unit_words(cells, stated, expected):
    assert shown_decimals(COUNT, cells, stated) == expected


def test_decimals_of_stated_units():
    # A stated unit keeps its usual places unless the figures need more or a format says otherwise.
    assert shown_decimals(RATE, [Cell(0.24), Cell(0.2)], True).decimals == 2
    assert shown_decimals(RATE, [Cell(110.5)], True).decimals == 1
    assert shown_decimals(RATE, [Cell(110, "0")], True).decimals == 0
    assert shown_decimals(COUNT, [Cell(2.5)], True) == Unit(UnitKind.COUNT, "Count", 1)
    assert shown_decimals(RATE, [Cell("-"), Cell("TBC")], True) is RATE


def test_decimals_of_percentages_count_places_of_the_percentage():
    assert shown_decimals(PERCENT, [Cell(0.912, "0.0%")], True).decimals == 1
    assert shown_decimals(PERCENT, [Cell(0.91, "0%")], True).decimals == 0
    assert shown_decimals(PERCENT, [Cell(0.9125, "0.00%")], True).decimals == 2
    # A fraction typed in General: 0.5 is 50% (no places), but a percentage keeps its usual one.
    assert shown_decimals(PERCENT, [Cell(0.5)], True).decimals == 1
    # Typed on the 0-100 scale under 0.0: the format's place is the percentage's.
    assert shown_decimals(PERCENT, [Cell(98.4, "0.0", hundreds=True)], True).decimals == 1
    # A fraction under a plain 0.000 format shows 0.894: two of its places are the percent's.
    assert shown_decimals(PERCENT, [Cell(0.894, "0.000")], True).decimals == 1
    assert shown_decimals(PERCENT, [Cell("79.25%")], True).decimals == 1  # capped at a tenth of a point


def test_money_shown_in_thousands_by_excel_prints_in_whole_pounds():
    money = Unit(UnitKind.MONEY, "£", 0)
    assert shown_decimals(money, [Cell(12345, '£#,##0.0,"k"')], False).decimals == 0


@pytest.mark.parametrize("words, kind, label, decimals, magnitude", [
    ("£", UnitKind.MONEY, "£", 0, 0),
    ("£k", UnitKind.MONEY, "£k", 1, 3),
    ("£K", UnitKind.MONEY, "£K", 1, 3),
    ("£'000s", UnitKind.MONEY, "£'000s", 1, 3),
    ("£ thousands", UnitKind.MONEY, "£ thousands", 1, 3),
    ("£m", UnitKind.MONEY, "£m", 1, 6),
    ("Ratio", UnitKind.RATIO, "Ratio", 2, 0),
    ("Index", UnitKind.INDEX, "Index", 1, 0),
    ("Days", UnitKind.AVERAGE, "Days", 1, 0),
    ("Number", UnitKind.COUNT, "Number", 0, 0),
    ("Rate per 1,000", UnitKind.RATE, "Rate per 1,000", 1, 0),
    ("per 100,000", UnitKind.RATE, "per 100,000", 1, 0),
])
def test_unit_words(words, kind, label, decimals, magnitude):
    assert parse_unit(words) == Unit(kind, label, decimals, magnitude)


@pytest.mark.parametrize("value, unit, printed", [
    (1234, Unit(UnitKind.MONEY, "£", 0), "£1,234"),
    (-1234, Unit(UnitKind.MONEY, "£", 0), "-£1,234"),
    (12.34, Unit(UnitKind.MONEY, "£k", 1, 3), "£12.3k"),
    (1.25, Unit(UnitKind.MONEY, "£m", 1, 6), "£1.3m"),
    (1.5, Unit(UnitKind.RATIO, "Ratio", 2), "1.50"),
    (102.34, Unit(UnitKind.INDEX, "Index", 1), "102.3"),
    (0.24, Unit(UnitKind.COUNT, "Number", 2), "0.24"),
])
def test_new_units_print(value, unit, printed):
    assert format_number(value, unit) == printed


@pytest.mark.parametrize("unit, note, code", [
    (Unit(UnitKind.MONEY, "£", 0), "", '"£"#,##0'),
    (Unit(UnitKind.MONEY, "£k", 1, 3), "", '"£"#,##0.0"k"'),
    (Unit(UnitKind.MONEY, "£k", 1, 3), "[p]", '"£"#,##0.0"k [p]"'),
    (Unit(UnitKind.MONEY, "£m", 2, 6), "(2017)", '"£"#,##0.00"m (2017)"'),
    (Unit(UnitKind.RATIO, "Ratio", 2), "", "0.00"),
    (Unit(UnitKind.INDEX, "Index", 1), "[u]", '0.0" [u]"'),
])
def test_scorecard_number_formats_for_new_units(unit, note, code):
    assert number_format(unit, note) == code


# Markers, marks and due dates


@pytest.mark.parametrize("text, status", [
    ("[x]", Status.NOT_AVAILABLE_X), ("..", Status.NOT_AVAILABLE_X), ("[c]", Status.CONFIDENTIAL),
    ("*", Status.CONFIDENTIAL), ("[z]", Status.NOT_APPLICABLE), ("NYA", Status.NOT_YET_AVAILABLE),
    ("Not  yet available", Status.NOT_YET_AVAILABLE),
])
def test_official_statistics_markers(text, status):
    parsed = parse_cell_value(text)
    assert parsed.value is None and parsed.status is status


@pytest.mark.parametrize("text, value, numerator, status", [
    ("45 [p]", 45, None, Status.PROVISIONAL),
    ("45[p]", 45, None, Status.PROVISIONAL),
    ("45 [P]", 45, None, Status.PROVISIONAL),
    ("79.2% [u]", 0.792, None, Status.UNRELIABLE),
    ("114 of 122 [p]", 114 / 122, 114, Status.PROVISIONAL),
    ("1,234.5[u]", 1234.5, None, Status.UNRELIABLE),
])
def test_marked_figures_keep_their_value(text, value, numerator, status):
    parsed = parse_cell_value(text)
    assert parsed.value == pytest.approx(value) and parsed.numerator == numerator and parsed.status is status


@pytest.mark.parametrize("text, fragment", [
    ("[p]", "write the figure before it"),
    ("[u]", "write the figure before it"),
    ("- [p]", "must follow a figure"),
    ("abc [p]", "must follow a figure"),
    ("45 [q]", "not a number"),
])
def test_a_mark_without_a_figure_is_refused(text, fragment):
    with pytest.raises(CellValueError, match=fragment):
        parse_cell_value(text)


@pytest.mark.parametrize("raw, due", [
    ("Aug 19", "Aug 19"), ("Aug-19", "Aug 19"), ("due Aug 19", "Aug 19"), ("Due: Aug-19", "Aug 19"),
    ("Due by September 2019", "Sep 19"), ("Due 31/08/2019", "31 Aug 19"), ("due 01/08/19", "1 Aug 19"),
    (dt.datetime(2019, 8, 1), "Aug 19"), (dt.date(2024, 10, 31), "31 Oct 24"),
    ("45", None), ("due", None), ("Due 31/02/2019", None), (45, None),
])
def test_due_dates(raw, due):
    assert due_text(raw) == due


def test_statuses_and_marks_print_as_the_paper_would():
    unit = Unit(UnitKind.COUNT, "Count", 0)
    assert format_value(Figure(45.0, status=Status.PROVISIONAL), unit) == "45 [p]"
    assert format_value(Figure(status=Status.CONFIDENTIAL), unit) == "[c]"
    due = Figure(status=Status.DUE, note="Aug 19")
    assert format_value(due, unit) == status_text(due) == "due Aug 19" and note_of(due) == ""
    assert note_of(Figure(12.0, note="(2017)")) == "(2017)"
    assert status_text(Figure(12.0)) == ""
    for status in Status:
        assert status.explanation and status.key_text


def _tracker_rows(header, rows):
    return RawSheet("t.xlsx", "Data", (tuple(header), *map(tuple, rows)), frozenset(), frozenset())


def test_a_due_date_cell_is_due_not_missing():
    header = ["Ref", "Indicator", "Good perf is", "Jul-19", "Aug-19"]
    sheet = _tracker_rows(header, [["1", "Spend", "Info", 12, "due Aug 19"],
                                   ["2", "Visits", "Info", 5, dt.datetime(2019, 9, 1)]])
    scorecard = normalise([RawWorkbook("t.xlsx", (sheet,))])
    first, second = scorecard.indicators
    august = first.observations[-1].figure
    assert (august.status, august.note) == (Status.DUE, "Aug 19")
    assert second.observations[-1].figure.status is Status.DUE
    assert [f for f in scorecard.findings if f.severity is not Severity.INFO] == []


# Reading formats, and rating on the figure as displayed


def test_the_reader_keeps_each_numbers_format_once(tmp_path):
    # xlsxwriter, because it saves a formula's value as Excel does; openpyxl saves none.
    book = xlsxwriter.Workbook(tmp_path / "t.xlsx")
    sheet = book.add_worksheet()
    money, two = book.add_format({"num_format": '"£"#,##0.0"k"'}), book.add_format({"num_format": "0.00"})
    sheet.write_row(0, 0, ["Ref", "Indicator", "Apr-24", "May-24", "YTD"])
    for row in range(1, 51):
        sheet.write_row(row, 0, [f"F{row}", "Spend"])
        sheet.write_number(row, 2, 12.5, money)
        sheet.write_number(row, 3, 0.24)
        sheet.write_formula(row, 4, f"=C{row + 1}+D{row + 1}", two, 12.74)
    book.close()
    raw = read_workbook(tmp_path / "t.xlsx").sheets[0]
    assert raw.number_format(2, 2) == '"£"#,##0.0"k"'
    assert raw.number_format(2, 3) == "General"
    assert raw.number_format(2, 4) == "0.00"  # the formula's saved value keeps its cell's format
    assert raw.number_format(1, 0) == "General"
    assert len(raw.format_codes) == 3


def test_a_rate_of_024_is_rated_on_024_not_0():
    header = ["Ref", "Indicator", "Good perf is", "Jul-24", "Aug-24", "Sep-24", "Target"]
    sheet = _tracker_rows(header, [["F5", "Complaints per 1,000", "Low", 0.26, 0.19, 0.24, 0.2]])
    scorecard = assess(normalise([RawWorkbook("t.xlsx", (sheet,))]))
    complaints = scorecard.indicators[0]
    assert complaints.unit == Unit(UnitKind.COUNT, "Number", 2)
    assert complaints.assessment.rag is Rag.RED
    assert format_number(complaints.assessment.current.value, complaints.unit) == "0.24"


def test_money_sums_over_the_year_and_a_ratio_does_not():
    header = ["Ref", "Indicator", "Unit", "Timeline", "Apr-24", "May-24"]
    sheet = _tracker_rows(header, [["1", "Spend", "£k", "Financial Year", 10.5, 12.25],
                                   ["2", "Cover", "Ratio", "Financial Year", 1.2, 1.3]])
    spend, cover = assess(normalise([RawWorkbook("t.xlsx", (sheet,))])).indicators
    assert spend.assessment.ytd.value == pytest.approx(22.75) and spend.unit.decimals == 2
    assert cover.assessment.ytd.value == pytest.approx(1.3)


def test_a_money_target_typed_as_a_number_prints_in_pounds():
    header = ["Ref", "Indicator", "Unit", "Good perf is", "Apr-24", "Target"]
    sheet = _tracker_rows(header, [["1", "Debt", "£", "Low", 243100, 1234567]])
    debt = normalise([RawWorkbook("t.xlsx", (sheet,))]).indicators[0]
    assert debt.thresholds.green.text == "£1,234,567"


# Plausibility


def _where(cell: str) -> CellRef:
    return CellRef("t.xlsx", "Data", cell)


def _indicator(unit, months, *, prior=(), benchmark=None, ref="1.1"):
    observations = tuple(
        Observation(Month(2024, 4).shift(i), v if isinstance(v, Figure) else Figure(v, source=_where(f"D{i + 2}")))
        for i, v in enumerate(months)
    )
    priors = tuple(LabelledFigure(f"20{20 + i}/{21 + i}", Figure(v, source=_where(f"P{i + 2}")))
                   for i, v in enumerate(prior))
    benchmarks = (Benchmark(BenchmarkKind.NATIONAL_AVERAGE, Figure(benchmark, source=_where("Z2"))),) \
        if benchmark is not None else ()
    return Indicator(ref, "Measure", "Section", unit, Polarity.HIGH, observations=observations,
                     prior_years=priors, benchmarks=benchmarks, source=_where("A2"))


def _messages(indicator):
    return [(str(f.where), f.message) for f in indicator_findings(indicator)]


def test_88_typed_in_a_percent_cell_is_a_hundredfold_slip():
    found = _messages(_indicator(PERCENT, [0.85, 0.87, 0.9, 88], prior=[0.84]))
    assert len(found) == 1
    where, message = found[0]
    assert where == "t.xlsx › Data › D5"
    assert "8,800.0% is about 100 times the indicator's other figures" in message and "Type 0.88 or 88%" in message


def test_a_percentage_over_100_or_below_0():
    over = _messages(_indicator(PERCENT, [0.11, 0.12, 1.2]))
    assert over == [("t.xlsx › Data › D4", over[0][1])] and "120.0% is over 100%" in over[0][1]
    below = _messages(_indicator(PERCENT, [0.11, -0.05]))
    assert len(below) == 1 and "-5.0% is below 0%" in below[0][1]


def test_counts_of_more_than_the_whole_or_of_none():
    more = Figure(130 / 122, 130, 122, source=_where("D3"))
    none = Figure(None, 5, 0, status=Status.NONE, source=_where("D4"))
    nothing = Figure(None, 0, 0, status=Status.NONE, source=_where("D5"))
    found = _messages(_indicator(PERCENT, [0.9, more, none, nothing]))
    assert [where for where, _ in found] == ["t.xlsx › Data › D3", "t.xlsx › Data › D4"]
    assert "'130 of 122' counts more than the whole" in found[0][1]
    assert "'5 of 0' counts some of none" in found[1][1]


def test_a_negative_count_or_rate_but_not_money():
    assert "-3 is negative, which a count cannot be" in _messages(_indicator(COUNT, [4, 5, -3]))[0][1]
    assert "negative, which a rate cannot be" in _messages(_indicator(RATE, [4.5, -0.5]))[0][1]
    assert _messages(_indicator(Unit(UnitKind.MONEY, "£k", 1, 3), [-12.5, 4.0])) == []


def test_a_figure_orders_of_magnitude_outside_its_series():
    found = _messages(_indicator(COUNT, [410, 402, 398, 40100, 405]))
    assert len(found) == 1 and found[0][0] == "t.xlsx › Data › D5"
    assert "40,100 is about 99 times the indicator's other months (typically 404)" in found[0][1]
    low = _messages(_indicator(COUNT, [410, 402, 4, 398, 405]))
    assert len(low) == 1 and "4 is about 1/101 of" in low[0][1]


def test_ordinary_figures_raise_no_doubt():
    # Small flow counts beside yearly totals, zeros, rare events, a 0-100% spread and markers.
    assert _messages(_indicator(COUNT, [1, 0, 2, 1, 4], prior=[43, 31])) == []
    assert _messages(_indicator(PERCENT, [0.0, 0.034, 0.263, 1.0], benchmark=0.5)) == []
    assert _messages(_indicator(RATE, [110.5, 113.4, Figure(status=Status.CONFIDENTIAL), 110.1])) == []
    assert _messages(_indicator(COUNT, [0.31, 0.28, 0.22, 0.26, 0.19, 0.24])) == []


def test_the_scorecard_gathers_every_indicators_doubts():
    section = Section("Section", (_indicator(COUNT, [4, -1], ref="1"), _indicator(PERCENT, [1.5], ref="2")))
    findings = implausible_figures(Scorecard("t", Month(2024, 5), (section,)))
    assert [f.message.split(":")[0] for f in findings] == ["indicator 1", "indicator 2"]
    assert all(f.severity is Severity.WARNING for f in findings)
