"""Random messy trackers: boardpack either reads them with RAG and DOT that obey the rules, or names a cell.

Trackers are generated with shifted header rows, header spellings, merged cells, stray text, random
thresholds and values, and blank sheets. Whatever the mess, nothing may raise: every problem must come back
as a finding that says where it is.
"""

import datetime as dt

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardpack.exceptions import BoardpackError, InvalidTrackers
from boardpack.model import Dot, Polarity, Rag, Severity
from boardpack.normalise import normalise
from boardpack.pipeline import load
from boardpack.reader import RawSheet, RawWorkbook
from boardpack.rules import assess
from boardpack.values import display_round

REF_HEADERS = ["Ref", "REF NO.", "*Ref No", "No."]
INDICATOR_HEADERS = ["Indicator", "MEASURE", "indicator "]
POLARITY_HEADERS = ["Good perf is", "Polarity", "GOOD PERF IS"]
UNIT_HEADERS = ["Unit", "Data note", "DATA NOTE"]
MONTH_HEADERS = [
    ["Feb-19", "Mar-19", "Apr-19"],
    [dt.datetime(2019, 2, 1), dt.datetime(2019, 3, 1), dt.datetime(2019, 4, 1)],
    ["February 2019", "March 2019", "April 2019"],
    ["2019-02", "2019-03", "2019-04"],
]
POLARITIES = ["High", "Low", "High", "Low", "Info", "high", " LOW ", "Sideways", None]
UNITS = ["Count", "%", "Percentage", "Rate per 10,000", "Average", "Widgets", None]
# Figures at and either side of the thresholds below, where an off-by-one in the rules would show.
BOUNDARIES = st.sampled_from([
    0.87, 0.8699, 0.8695, 0.8694, 0.9, 0.8996, 0.95, 0.9496, 0.9494, 0.13, 0.1296, 0.108, 0.1076, 0.1084,
    14, 13.96, 20, 20.04, 20.06, 95.2, 95.15, 95.14, 80, 79.96, 90, 89.95,
])
VALUES = st.one_of(
    BOUNDARIES,
    BOUNDARIES,
    st.none(),
    st.integers(min_value=0, max_value=2000),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.floats(min_value=0, max_value=150, allow_nan=False),
    st.sampled_from(["-", "n/a", "TBC", "not reported", "79.2%", "114 of 122", "0 of 0", "abc", "#REF!", " "]),
)
THRESHOLDS = st.one_of(
    st.none(),
    st.sampled_from(["<87%", "87%+", "90%>", "13%<", "≥90%", "95.2+", "<95.2", "14-20", "-", "n/a", "soon",
                     "20-14", "80", "0.9"]),
    st.sampled_from(["87%+", "90%>", "95%+", "13%<", "10.8%<", "14-20", "95.2+", "<95.2", "80"]),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)


@st.composite
def raw_sheets(draw):
    header = [
        draw(st.sampled_from(REF_HEADERS)), draw(st.sampled_from(INDICATOR_HEADERS)),
        draw(st.sampled_from(POLARITY_HEADERS)), draw(st.sampled_from(UNIT_HEADERS)),
        *draw(st.sampled_from(MONTH_HEADERS)), "YTD", "Red", "Amber", "Green", "Trend",
    ]
    order = draw(st.permutations(range(len(header))))
    header = [header[i] for i in order]
    above = [draw(st.sampled_from([(), ("Report title",), (None, "DATA", None, "TARGETS")]))
             for _ in range(draw(st.integers(0, 6)))]
    rows = []
    for index in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["indicator", "indicator", "indicator", "blank", "note", "no ref"]))
        if kind == "blank":
            rows.append(())
            continue
        if kind == "note":
            rows.append(("*A footnote about the figures above",))
            continue
        cells = [
            None if kind == "no ref" else draw(st.sampled_from([f"{index}.1", f"{index}.2", "1.1", index + 1])),
            f"Indicator {index}",
            draw(st.sampled_from(POLARITIES)), draw(st.sampled_from(UNITS)),
            draw(VALUES), draw(VALUES), draw(VALUES), draw(VALUES),
            draw(THRESHOLDS), draw(THRESHOLDS), draw(THRESHOLDS), draw(st.sampled_from([None, "picture"])),
        ]
        rows.append(tuple(cells[i] for i in order))
    return header, above, rows


def _sheet(header, above, rows, percent_cells=frozenset()):
    return RawSheet("messy.xlsx", "Data", tuple([*above, tuple(header), *rows]), frozenset(percent_cells), frozenset())


def _check_rules(scorecard):
    for indicator in scorecard.indicators:
        assessment = indicator.assessment
        current = assessment.current.value if assessment.current else None
        if indicator.polarity is Polarity.INFO or current is None or not indicator.thresholds.any:
            assert assessment.rag is None
            continue
        shown = float(display_round(current, indicator.unit.display_precision()))
        green, amber = indicator.thresholds.green, indicator.thresholds.amber
        if assessment.rag is Rag.GREEN and green is not None:
            assert green.is_met_by(shown)
        if assessment.rag is Rag.AMBER:
            assert amber is not None and amber.is_met_by(shown) and not (green and green.is_met_by(shown))
        if assessment.rag is Rag.RED and (green or amber):
            assert not (green and green.is_met_by(shown)) and not (amber and amber.is_met_by(shown))
        if assessment.dot is not None and assessment.previous is not None:
            places = indicator.unit.display_precision()
            same = display_round(current, places) == display_round(assessment.previous.value, places)
            assert (assessment.dot is Dot.SAME) == same


def _check_findings_say_where(findings):
    for finding in findings:
        if finding.severity is Severity.ERROR:
            assert finding.where is not None and finding.where.file
            assert (finding.where.sheet and finding.where.cell) or "no sheet" in finding.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_sheets())
def test_messy_sheets_read_or_name_the_cell(sheet_parts):
    sheet = _sheet(*sheet_parts)
    scorecard = assess(normalise([RawWorkbook("messy.xlsx", (sheet,))]))
    _check_findings_say_where(scorecard.findings)
    # Rows with a bad cell keep their other figures; the rules must hold for every indicator still read.
    _check_rules(scorecard)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(raw_sheets(), st.booleans(), st.booleans())
def test_messy_workbooks_build_or_fail_with_a_cell(tmp_path_factory, sheet_parts, merge, blank_sheet):
    header, above, rows = sheet_parts
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = "Data"
    for row in [*above, header, *rows]:
        worksheet.append(list(row) if row else [None])
    if merge and above:
        worksheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    if blank_sheet:
        workbook.create_sheet("Blank")
    path = tmp_path_factory.mktemp("prop") / "messy.xlsx"
    workbook.save(path)
    try:
        scorecard, _ = load([path])
    except InvalidTrackers as failure:
        _check_findings_say_where(failure.errors)
        return
    except BoardpackError as failure:
        assert str(failure)
        return
    _check_rules(scorecard)
