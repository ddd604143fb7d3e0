"""Every figure as at the period, through the real command: the tracker's own YTD and RAG/DOT columns only for
the month they describe, the CSV's YTD as at each row's month, the YTD rule never guessed without a word,
`validate`'s summary of what it read, and `build --keep-going`.

The generated trackers and their hand-worked results are in tests/asat/; the sample trackers' expected figures
are read off the workbooks by hand and written here (and checked against the cells with openpyxl).
"""

from __future__ import annotations

import csv
import importlib.util
import os
import subprocess
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from boardpack.crosscheck import crosscheck
from boardpack.exceptions import InvalidTrackers
from boardpack.model import Month, Polarity, Severity
from boardpack.pipeline import FAULT, load, read_scorecard, stopping_errors
from boardpack.rules import assess
from boardpack.tally import nothing_rated, shape_lines
from trackers import HEADER, ROWS, write_tracker

HERE = Path(__file__).parent
ROOT = HERE.parent
_SPEC = importlib.util.spec_from_file_location("asat_generate", HERE / "asat" / "generate.py")
assert _SPEC is not None and _SPEC.loader is not None
generate = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(generate)

CASES = tomllib.loads((HERE / "asat" / "expected.toml").read_text("utf-8"))["case"]
CORPORATE = ROOT / "sample_workbooks" / "corporate_parenting_2019-20.xlsx"
SAFEGUARDING = ROOT / "sample_workbooks" / "safeguarding_2015" / "safeguarding_may_2015.xlsx"


def run(*args: object) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "boardpack", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300, check=False)


def csv_rows(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return {(row["ref"], row["period"]): row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def trackers(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("asat")
    generate.write_all(folder)
    return folder


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_generated_trackers(case, trackers, tmp_path):
    tracker = trackers / case["file"]
    out = tmp_path / "out"
    extra = ["--out", out] if case["command"] == "build" else []
    result = run(case["command"], tracker, *case.get("args", []), *extra)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == case["exit"], result.stdout + result.stderr
    for stream, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        for fragment in case.get(stream, []):
            assert any(fragment in line for line in text.splitlines()), f"{fragment!r} not in {stream}:\n{text}"
    if "csv" in case:
        rows = csv_rows(out / f"{tracker.stem}.csv")
        for expected in case["csv"]:
            row = rows[(expected["ref"], expected["period"])]
            for column, value in expected.items():
                if column in ("ref", "period"):
                    continue
                if isinstance(value, (int, float)):
                    assert row[column] != "" and float(row[column]) == pytest.approx(value), (expected, row)
                else:
                    assert row[column] == value, (expected, column, row)


def _about_numeric_ref(finding) -> bool:
    # The shared tracker keeps ref 6.8 as a number, as officers' trackers do; that hint is not what these test.
    return "is stored as a number" in finding.message


def test_non_indicator_errors_stop_even_with_keep_going(tmp_path):
    no_header = ROOT / "tests" / "corpus" / "trackers" / "no_header.xlsx"
    duplicates = ROOT / "tests" / "corpus" / "trackers" / "duplicate_refs.xlsx"
    for tracker, fragment in ((no_header, "no sheet has a header row"), (duplicates, "is used twice")):
        result = run("build", tracker, "--keep-going", "--out", tmp_path / tracker.stem)
        assert result.returncode == 1, result.stderr
        assert fragment in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / tracker.stem).exists()


# ---------------------------------------------------------------------------------------------------------------
# The sample tracker as at March 2019, a month before its latest


def _cells(path: Path, sheet: str, row: int, columns: list[int]) -> list[object]:
    worksheet = openpyxl.load_workbook(path, data_only=True)[sheet]
    return [worksheet.cell(row, column).value for column in columns]


def test_the_sample_cells_hold_what_these_tests_expect():
    # 6.3 Admissions (Financial Year): Feb-19, Mar-19, Apr-19, YTD, 2018/19 outturn.
    assert _cells(CORPORATE, "LAC", 8, [9, 10, 11, 23, 33]) == [30, 14, 16, 16, 271]
    # 6.8 Reviews: Mar-19, Apr-19, 2018/19 outturn.
    assert _cells(CORPORATE, "LAC", 13, [10, 11, 33]) == ["135 of 148", "114 of 122", "1660 of 1875"]
    # Safeguarding 7.3 (a flow count) and 7.7 (a snapshot): Mar-15, Apr-15, May-15, YTD, 2014/15.
    assert _cells(SAFEGUARDING, "Performance Summary", 9, [7, 8, 9, 10, 15]) == [12, 17, 22, 39, 175]
    assert _cells(SAFEGUARDING, "Performance Summary", 13, [7, 8, 9, 10, 15]) == [
        0.364, 0.429, "TBC (Unavailable)", None, 0.263]


@pytest.mark.filterwarnings("ignore:Sparkline Group extension")
def test_period_march_2019_is_as_at_march(tmp_path):
    result = run("validate", CORPORATE, "--period", "2019-03")
    assert result.returncode == 0, result.stderr
    # The officer's RAG and DOT columns describe April: with nothing to compare in March, no warnings.
    assert result.stdout.splitlines()[-3:] == [
        "read 44 indicators in 9 sections from 1 tracker; period March 2019",
        "rated 21; not rated 23: 4 Info measures, 18 without thresholds, 1 with no figure for March 2019",
        "0 errors, 0 warnings",
    ]
    assert result.stderr == ""

    built = run("build", CORPORATE, "--period", "2019-03", "--out", tmp_path)
    assert built.returncode == 0, built.stderr
    rows = csv_rows(tmp_path / "corporate_parenting_2019-20.csv")
    assert not any(period == "2019-04" for _, period in rows)
    # 2018/19 as at March is the tracker's outturn (271), not April's YTD (16): Jan-Mar cannot give it.
    assert (rows["6.3", "2019-03"]["ytd"], rows["6.3", "2019-03"]["dot"]) == ("271.0", "down")
    assert float(rows["6.8", "2019-03"]["ytd"]) == pytest.approx(1660 / 1875)
    # 6.1's YTD cell is "-": the measure has no YTD in any month.
    assert rows["6.1", "2019-03"]["ytd"] == ""

    scorecard = openpyxl.load_workbook(tmp_path / "corporate_parenting_2019-20.xlsx")["Scorecard"]
    header = next(r for r in scorecard.iter_rows(values_only=True) if r[0] == "Ref")
    admissions = next(r for r in scorecard.iter_rows(values_only=True) if r[0] == "6.3")
    assert admissions[header.index("YTD 2018/19")] == 271


def test_csv_ytd_is_as_at_each_rows_month(tmp_path):
    assert run("build", CORPORATE, "--out", tmp_path).returncode == 0
    rows = csv_rows(tmp_path / "corporate_parenting_2019-20.csv")
    admissions = [rows["6.3", f"2019-{month:02d}"]["ytd"] for month in (1, 2, 3, 4)]
    # The tracker's YTD (16) only for April; March the 2018/19 outturn; January and February unknown.
    assert admissions == ["", "", "271.0", "16.0"]

    assert run("build", SAFEGUARDING, "--out", tmp_path).returncode == 0
    rows = csv_rows(tmp_path / "safeguarding_may_2015.csv")
    # A flow count: March is the 2014/15 outturn, April the April figure alone, May the tracker's YTD.
    assert [rows["7.3", f"2015-{m:02d}"]["ytd"] for m in (3, 4, 5)] == ["175.0", "17.0", "39.0"]
    # A snapshot: each month's own figure, and none for May, which is unavailable (not April's 42.9%).
    assert [rows["7.7", f"2015-{m:02d}"]["ytd"] for m in (3, 4, 5)] == ["0.364", "0.429", ""]


def test_validate_summary_at_the_latest_period():
    result = run("validate", CORPORATE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-3:-1] == [
        "read 44 indicators in 9 sections from 1 tracker; period April 2019",
        "rated 21; not rated 23: 4 Info measures, 18 without thresholds, 1 with no figure for April 2019",
    ]


# ---------------------------------------------------------------------------------------------------------------
# The library beneath the command: which indicator a finding is about, where a YTD is placed, which marks are
# compared, and the counts `validate` prints



def _rows():
    return [list(row) for row in ROWS]


def test_errors_in_an_indicators_row_carry_its_ref_and_mark_it_faulty(tmp_path):
    rows = _rows()
    rows[2][10] = "soon"  # 6.10's red threshold
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", rows=rows)])
    errors = [f for f in scorecard.findings if f.severity is Severity.ERROR]
    assert [(f.ref, f.where.cell) for f in errors] == [("6.10", "K7")]
    assert [i.ref for i in scorecard.indicators if i.fault] == ["6.10"]
    assert scorecard.indicator("6.10").fault == FAULT
    assert scorecard.indicator("6.10").assessment.rag is None
    assert stopping_errors(scorecard.findings, keep_going=True) == []
    with pytest.raises(InvalidTrackers):
        load([tmp_path / "t.xlsx"])
    arranged, _ = load([tmp_path / "t.xlsx"], keep_going=True)
    assert arranged.indicator("6.10").fault == FAULT and arranged.indicator("6.8").fault == ""


def test_a_ytd_headed_with_a_year_is_as_at_that_years_last_month(tmp_path):
    header = list(HEADER)
    header[9] = "2018/19 YTD"
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", header=header)])
    reviews = scorecard.indicator("6.8")
    assert reviews.ytd_month == Month(2019, 3)
    # April is worked out (April alone); March is the tracker's YTD for 2018/19.
    assert (reviews.assessment.ytd.numerator, reviews.assessment.ytd.denominator) == (114, 122)
    march = read_scorecard([tmp_path / "t.xlsx"], Month(2019, 3)).indicator("6.8").assessment.ytd
    assert (march.numerator, march.denominator) == (114, 122)
    assert march.source.cell == "J6"


def test_a_ytd_headed_with_a_year_the_sheet_lacks_is_not_used(tmp_path):
    header = list(HEADER)
    header[9] = "2017/18 YTD"
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", header=header)])
    warnings = [f for f in scorecard.findings if f.severity is Severity.WARNING and not _about_numeric_ref(f)]
    assert [(f.where.cell, f.ref) for f in warnings] == [("J6", "6.8")]
    assert "headed 2017/18, but the sheet has no figure for 2017/18" in warnings[0].message
    assert scorecard.indicator("6.8").ytd is None
    assert scorecard.indicator("6.1").ytd is not None  # "-": no YTD in any month, whatever the year


def test_a_ytd_whose_row_stops_a_year_before_the_sheet_is_a_warning(tmp_path):
    rows = _rows()
    rows[1][8] = "Unavailable"  # 6.8 in April: its latest figure is now March, in 2018/19
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", rows=rows)])
    warnings = [f for f in scorecard.findings if f.severity is Severity.WARNING and not _about_numeric_ref(f)]
    assert len(warnings) == 1 and warnings[0].where.cell == "J6"
    assert "its YTD is taken as at March 2019" in warnings[0].message
    assert "head the column '2019/20 YTD'" in warnings[0].message


def test_threshold_columns_without_a_polarity_column_are_a_warning(tmp_path):
    header = list(HEADER)
    header[3] = "Goodness"
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx", header=header)])
    warnings = [str(f) for f in scorecard.findings if f.severity is Severity.WARNING and not _about_numeric_ref(f)]
    assert any("LAC › row 4: no polarity column" in w for w in warnings), warnings
    assert shape_lines(scorecard)[1] == "rated 0; not rated 4: 4 with no polarity column"


def test_officer_marks_are_compared_only_for_the_month_they_describe(tmp_path):
    rows = _rows()
    rows[2][16] = "↑"  # 6.10's officer arrow disagrees with April's figures
    path = write_tracker(tmp_path / "t.xlsx", rows=rows)
    april = read_scorecard([path])
    warnings = [f.ref for f in crosscheck(april) if f.severity is Severity.WARNING and not _about_numeric_ref(f)]
    assert warnings == ["6.10"]
    march = read_scorecard([path], Month(2019, 3))
    assert [f for f in march.findings if f.severity is Severity.WARNING and not _about_numeric_ref(f)] == []
    skipped = [f for f in crosscheck(march) if f.severity is Severity.INFO]
    assert "describe April 2019, not March 2019, so they were not compared" in skipped[0].message


def test_shape_lines_and_the_nothing_rated_warning(tmp_path):
    scorecard = read_scorecard([write_tracker(tmp_path / "t.xlsx")])
    assert shape_lines(scorecard) == [
        "read 4 indicators in 2 sections from 1 tracker; period April 2019",
        "rated 3; not rated 1: 1 Info measure",
    ]
    assert nothing_rated(scorecard) is None
    unrated = assess(replace(scorecard, sections=tuple(
        replace(s, indicators=tuple(replace(i, fault=FAULT) for i in s.indicators)) for s in scorecard.sections)))
    assert shape_lines(unrated)[1] == "rated 0; not rated 4: 4 with errors"
    warning = nothing_rated(unrated)
    assert warning is not None and warning.severity is Severity.WARNING
    assert "though 3 have polarity High or Low" in warning.message
    only_info = replace(unrated, sections=tuple(
        replace(s, indicators=tuple(replace(i, polarity=Polarity.INFO) for i in s.indicators))
        for s in scorecard.sections))
    assert nothing_rated(only_info) is None
