"""Reading trackers as officers keep them, and naming every bad cell."""

import datetime as dt
import hashlib

import openpyxl
import pytest

from boardpack.exceptions import InvalidTrackers, TrackerError
from boardpack.model import Dot, Polarity, Rag, Severity, Status, UnitKind
from boardpack.pipeline import load, read_scorecard
from boardpack.reader import find_trackers
from trackers import HEADER, ROWS, write_tracker


def _errors(scorecard):
    return [str(f) for f in scorecard.findings if f.severity is Severity.ERROR]


def test_messy_tracker_reads_into_the_model(tmp_path):
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx")])
    assert _errors(scorecard) == []
    assert scorecard.title == "Corporate Parenting Performance Report"
    assert scorecard.period.iso == "2019-04"
    assert [s.name for s in scorecard.sections] == ["Looked After Children", "Placements"]
    lac, reviews, health = scorecard.sections[0].indicators
    assert lac.polarity is Polarity.INFO and lac.unit.kind is UnitKind.COUNT
    assert [o.figure.value for o in lac.observations] == [646, 642, 627]
    assert lac.ytd.status is Status.NONE
    assert reviews.ref == "6.8"
    april = reviews.observations[-1].figure
    assert (april.numerator, april.denominator) == (114, 122)
    assert str(april.source).endswith("t.xlsx › LAC › I6")
    assert reviews.assessment.rag is Rag.AMBER and reviews.assessment.dot is Dot.IMPROVED
    assert [p.label for p in reviews.prior_years] == ["2017/18", "2018/19"]
    assert reviews.benchmarks[0].figure.value == pytest.approx(0.878)
    assert reviews.benchmarks[0].figure.note == "(2017)"
    assert health.section == "Looked After Children"  # merged section cell carried down
    assert health.assessment.rag is Rag.RED
    placements = scorecard.sections[1].indicators[0]
    assert [round(o.figure.value, 3) for o in placements.observations] == [0.14, 0.132, 0.125]
    assert placements.assessment.rag is Rag.AMBER and placements.assessment.dot is Dot.IMPROVED


def test_unknown_columns_are_logged_and_footnotes_kept_as_notes_not_errors(tmp_path):
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx")])
    logged = [str(f) for f in scorecard.findings if f.severity is Severity.INFO]
    assert any("'Trend'" in n and "not a column boardpack reads" in n for n in logged)
    assert not any("Annual Trend relates" in n for n in logged)
    # The table holds two sections, so its footnote is printed under the summary.
    assert [(n.marker, n.text) for n in scorecard.notes] == [
        ("*", "Annual Trend relates to current reporting year April to Mar - not rolling year")]


def test_header_may_sit_low_and_months_may_be_written_many_ways(tmp_path):
    header = list(HEADER)
    header[6:9] = ["2019-02", "Mar 2019", dt.datetime(2019, 4, 1)]
    path = write_tracker(tmp_path / "t.xlsx", header=header, title_rows=8)
    scorecard = read_scorecard([path])
    assert [o.month.iso for o in scorecard.indicators[0].observations] == ["2019-02", "2019-03", "2019-04"]


def test_formula_cells_use_the_saved_value(tmp_path):
    import xlsxwriter

    path = tmp_path / "formulas.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Data")
    for column, text in enumerate(["Ref", "Indicator", "Good perf is", "Unit", "Mar-19", "Apr-19"]):
        sheet.write_string(0, column, text)
    sheet.write_row(1, 0, ["1", "Admissions", "Info", "Count", 10])
    sheet.write_formula(1, 5, "=E2+6", None, 16)
    sheet.write_row(2, 0, ["2", "Discharges", "Info", "Count", 11])
    sheet.write_formula(2, 5, "=E3+1", None, "")
    workbook.close()
    scorecard = read_scorecard([path])
    assert scorecard.indicators[0].observations[-1].figure.value == 16
    errors = _errors(scorecard)
    assert len(errors) == 1
    assert "formulas.xlsx › Data › F3" in errors[0] and "formula with no saved value" in errors[0]


BAD_CELLS = [
    (1, 3, "Sideways", "D5", "polarity 'Sideways' is not known"),
    (1, 4, "Widgets", "E5", "unit 'Widgets' is not known"),
    (2, 8, "abc", "I6", "holds the text 'abc', not a number"),
    (2, 10, "soon", "K6", "cannot read the red threshold 'soon'"),
]


@pytest.mark.parametrize(("row", "column", "value", "cell", "message"), BAD_CELLS)
def test_each_bad_cell_is_named(tmp_path, row, column, value, cell, message):
    rows = [list(r) for r in ROWS]
    rows[row - 1][column] = value
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", rows=rows)])
    errors = _errors(scorecard)
    assert any(f"t.xlsx › LAC › {cell}: {message}" in e for e in errors), errors


def test_validate_names_every_bad_cell_of_a_tracker_with_typos(tmp_path):
    rows = [list(r) for r in ROWS]
    for row, column, value, _, _ in BAD_CELLS:
        rows[row - 1][column] = value
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", rows=rows)])
    cells = {e.split(" › ")[2].split(":")[0] for e in _errors(scorecard)}
    assert cells == {cell for _, _, _, cell, _ in BAD_CELLS}


def test_thresholds_against_polarity_are_an_error_naming_the_cells(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][10:13] = [">90%", "<90%", "<85%"]
    errors = _errors(read_scorecard([write_tracker(tmp_path / "t.xlsx", rows=rows)]))
    assert any("indicator 6.10" in e and "wrong way for polarity high" in e and "K7" in e for e in errors), errors


def test_duplicate_refs_name_both_cells(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[3][0] = "6.1"
    errors = _errors(read_scorecard([write_tracker(tmp_path / "t.xlsx", rows=rows)]))
    assert any("ref '6.1' is used twice" in e and "A8" in e and "A5" in e for e in errors), errors


def _warnings(scorecard):
    return [str(f) for f in scorecard.findings if f.severity is Severity.WARNING]


def test_refs_stored_as_numbers_get_a_hint_naming_the_first_cell(tmp_path):
    """6.8 is a number in the test tracker: a ref typed 6.80 the same way would read as 6.8."""
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx")])
    hints = [w.split("/")[-1] for w in _warnings(scorecard) if "stored as a number" in w]
    assert hints == ["t.xlsx › LAC › A6: ref 6.8 is stored as a number, so a ref typed 6.80 reads as 6.8; format "
                     "the ref column as Text and type the refs again"]
    assert scorecard.indicators[1].ref == "6.8"  # still read: the hint is a warning, not an error


def test_refs_1_1_and_1_10_typed_into_number_cells_are_a_duplicate_with_the_hint(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][0] = 6.80  # typed "6.80": Excel keeps the number 6.8, the same as 6.8 above it
    rows[3][0] = 8.2
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", rows=rows)])
    assert any("ref '6.8' is used twice" in e and "A7" in e for e in _errors(scorecard)), _errors(scorecard)
    assert [w.split("/")[-1] for w in _warnings(scorecard) if "stored as a number" in w] == [
        "t.xlsx › LAC › A6: ref 6.8 is stored as a number (and 2 more in this column), so a ref typed 6.80 reads "
        "as 6.8; format the ref column as Text and type the refs again"
    ]


def test_sheet_without_a_header_is_an_error_when_no_sheet_has_one(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Value"])
    workbook.active.append(["a", 1])
    workbook.save(tmp_path / "plain.xlsx")
    errors = _errors(read_scorecard([tmp_path / "plain.xlsx"]))
    assert len(errors) == 1 and "plain.xlsx › Sheet: no sheet has a header row" in errors[0]


def test_other_sheets_are_ignored_and_commentary_is_read(tmp_path):
    def extra(workbook):
        notes = workbook.create_sheet("Notes")
        notes.append(["Anything at all"])
        commentary = workbook.create_sheet("Commentary")
        commentary.append(["Section", "Definition", "Performance analysis", "Data note"])
        commentary.append(["Looked After Children", "Children in care.", "Fewer & fewer <admissions>.", "Note"])
        commentary.append(["Looked After Children", None, "Second paragraph.", None])

    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", extra=extra)])
    assert _errors(scorecard) == []
    commentary = scorecard.sections[0].commentary
    assert commentary.definition == "Children in care."
    assert commentary.analysis == "Fewer & fewer <admissions>.\n\nSecond paragraph."
    assert commentary.data_note == "Note"


def test_without_a_section_column_each_sheet_is_a_section(tmp_path):
    header = [h for h in HEADER if h != "Section"]
    rows = [[v for i, v in enumerate(r) if i != 2] for r in ROWS]
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", rows=rows, header=header, sheet="Health")])
    assert [s.name for s in scorecard.sections] == ["Health"]


def test_period_can_be_chosen(tmp_path):
    from boardpack.model import Month

    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx")], period=Month(2019, 3))
    assert scorecard.period.iso == "2019-03"
    assert scorecard.indicators[0].assessment.current.value == 642


def test_reading_never_changes_the_tracker(tmp_path):
    path = write_tracker(tmp_path / "t.xlsx")
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    read_scorecard([path])
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_folders_skip_lock_files_and_other_files(tmp_path):
    write_tracker(tmp_path / "b.xlsx")
    write_tracker(tmp_path / "a.xlsx")
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    (tmp_path / "notes.txt").write_text("x")
    assert [p.name for p in find_trackers([tmp_path])] == ["a.xlsx", "b.xlsx"]


def test_load_raises_with_every_error(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][3] = "Sideways"
    rows[1][8] = "abc"
    with pytest.raises(InvalidTrackers) as caught:
        load([write_tracker(tmp_path / "t.xlsx", rows=rows)])
    assert len(caught.value.errors) == 2
    assert "and 1 more problem" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ref,indicator\n1,x\n", "is not an Excel workbook"),
        (b"PK\x03\x04broken", "damaged"),
    ],
)
def test_files_that_are_not_workbooks(tmp_path, content, message):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(TrackerError, match=message):
        read_scorecard([path])


def test_missing_source(tmp_path):
    with pytest.raises(TrackerError, match="no such file or folder"):
        read_scorecard([tmp_path / "nope.xlsx"])
