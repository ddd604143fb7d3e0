"""Revisions since the last report: its CSV read back, figures compared as displayed, and bad CSVs refused.

Scorecards are built from the model (``factories``) and their CSVs written by the real renderer, so a "last
report" here is exactly what an earlier build would have written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from boardpack.exceptions import PreviousReportError
from boardpack.layout import Layout
from boardpack.model import (
    REVISED,
    CellRef,
    Figure,
    Indicator,
    Month,
    Observation,
    Polarity,
    Revision,
    Scorecard,
    Section,
    Status,
    Unit,
    UnitKind,
    Withdrawal,
)
from boardpack.render.csv import render_csv
from boardpack.render.release_text import revision_table
from boardpack.render.safe_csv import write_csv
from boardpack.render.text import format_value
from boardpack.revisions import counts, read_previous, revise
from boardpack.rules import assess
from factories import COUNT, PERCENT

APRIL = Month(2019, 4)
JUNE = Month(2019, 6)
MONEY_K = Unit(UnitKind.MONEY, "£k", 1, magnitude=3)


def _indicator(ref: str, unit: Unit, figures: list[Figure], name: str = "") -> Indicator:
    observations = tuple(Observation(APRIL.shift(i), replace(f, source=CellRef("t.xlsx", "LAC", f"{'HIJKL'[i]}9")))
                         for i, f in enumerate(figures))
    return Indicator(ref, name or f"Indicator {ref}", "Section", unit, Polarity.HIGH, timeline="As at mth end",
                     observations=observations)


def _scorecard(*indicators: Indicator, period: Month = JUNE) -> Scorecard:
    return assess(Scorecard("Report", period, (Section("Section", indicators),)), period)


def _value(number: float) -> Figure:
    return Figure(value=number)


def _last_report(tmp_path: Path, scorecard: Scorecard) -> Path:
    path = tmp_path / "last.csv"
    render_csv(scorecard, Layout(), path)
    return path


def test_a_changed_figure_is_revised_and_an_unchanged_one_is_not(tmp_path):
    last = _scorecard(
        _indicator("1", COUNT, [_value(12), _value(15), _value(9)]),
        _indicator("2", PERCENT, [_value(0.8739), _value(0.5), _value(0.61)]),
    )
    now = _scorecard(
        _indicator("1", COUNT, [_value(12), _value(14), _value(9)]),
        # 87.41% and 87.39% both show as 87.4%: float noise and re-keying are not revisions.
        _indicator("2", PERCENT, [_value(0.8741), _value(0.5000000001), _value(0.61)]),
    )
    revised = revise(now, read_previous(_last_report(tmp_path, last)))
    assert counts(revised) == (1, 0)
    (record,) = revised.revisions
    assert isinstance(record, Revision)
    assert (record.ref, record.month, record.was.value, record.now.value) == ("1", Month(2019, 5), 15, 14)
    assert record.source == CellRef("t.xlsx", "LAC", "I9")
    figure = revised.indicator("1").figure_for(Month(2019, 5))
    assert figure.previous == Figure(value=15)
    assert format_value(figure, COUNT) == f"14 {REVISED}"
    assert revised.indicator("2").figure_for(APRIL).previous is None


def test_counts_that_change_revise_a_figure_whose_percentage_shows_the_same(tmp_path):
    last = _scorecard(_indicator("1", PERCENT, [Figure(value=0.5, numerator=10, denominator=20)]), period=APRIL)
    now = _scorecard(_indicator("1", PERCENT, [Figure(value=0.5, numerator=11, denominator=22)]), period=APRIL)
    revised = revise(now, read_previous(_last_report(tmp_path, last)))
    assert counts(revised) == (1, 0)
    table = revision_table(revised)
    assert table.rows[0][3:5] == ("10 of 20 (50.0%)", "11 of 22 (50.0%)")


def test_a_figure_now_missing_is_withdrawn_and_a_new_one_is_not_a_revision(tmp_path):
    last = _scorecard(
        _indicator("1", COUNT, [_value(12), _value(15), Figure(status=Status.NOT_REPORTED)]),
        _indicator("gone", COUNT, [_value(3), _value(4), _value(5)], name="Dropped measure"),
    )
    now = _scorecard(_indicator("1", COUNT, [_value(12), Figure(status=Status.TBC), _value(7)]))
    revised = revise(now, read_previous(_last_report(tmp_path, last)))
    assert counts(revised) == (0, 2)
    marker, gone = revised.revisions
    assert isinstance(marker, Withdrawal) and marker.month == Month(2019, 5) and marker.now.status is Status.TBC
    assert isinstance(gone, Withdrawal) and gone.ref == "gone" and gone.now is None
    assert gone.month == Month(2019, 6) and gone.was.value == 5
    rows = revision_table(revised).rows
    assert rows[0][4] == "withdrawn: TBC"
    assert rows[1][1:5] == ("Dropped measure", "Jun-19", "5", "withdrawn: no longer reported")
    assert rows[0][5] == "t.xlsx › LAC › I9"


def test_a_month_gone_from_the_tracker_is_withdrawn(tmp_path):
    last = _scorecard(_indicator("1", COUNT, [_value(12), _value(15), _value(9)]))
    now = _scorecard(replace(_indicator("1", COUNT, [_value(12), _value(15), _value(9)]),
                             observations=_indicator("1", COUNT, [_value(12), _value(15), _value(9)]).observations[1:]))
    revised = revise(now, read_previous(_last_report(tmp_path, last)))
    (record,) = revised.revisions
    assert isinstance(record, Withdrawal) and record.month == APRIL and record.now is None
    assert record.source == CellRef("t.xlsx", "LAC", "H9")


def test_money_is_compared_in_the_trackers_own_thousands(tmp_path):
    last = _scorecard(_indicator("1", MONEY_K, [_value(12.34), _value(20.0), _value(1.5)]))
    now = _scorecard(_indicator("1", MONEY_K, [_value(12.31), _value(20.0), _value(1.6)]))
    revised = revise(now, read_previous(_last_report(tmp_path, last)))
    (record,) = revised.revisions
    assert record.month == Month(2019, 6) and record.was.value == pytest.approx(1.5)
    assert revision_table(revised).rows[0][3:5] == ("£1.5k", "£1.6k")


def test_nothing_changed_is_said(tmp_path):
    card = _scorecard(_indicator("1", COUNT, [_value(12), _value(15), _value(9)]))
    revised = revise(card, read_previous(_last_report(tmp_path, card)))
    assert revised.revisions == ()
    assert revision_table(revised).introduction == "No figure has changed since the last report."
    assert revision_table(card) is None


def test_the_csv_gets_a_revised_column_last(tmp_path):
    last = _scorecard(_indicator("1", COUNT, [_value(12), _value(15), _value(9)]))
    now = _scorecard(_indicator("1", COUNT, [_value(12), _value(14), _value(9)]))
    revised = revise(now, read_previous(_last_report(tmp_path, last)))
    out = tmp_path / "now.csv"
    render_csv(revised, Layout(), out)
    lines = out.read_text("utf-8-sig").splitlines()
    assert lines[0].endswith('"note","revised"')
    assert [line.rsplit(",", 1)[1] for line in lines[1:]] == ['""', "15.0", '""']


def test_text_guarded_against_formulas_reads_back_as_written(tmp_path):
    path = tmp_path / "last.csv"
    columns = {name: [] for name in ("ref", "indicator", "section", "period", "value", "numerator", "denominator",
                                     "status", "unit", "source")}
    for name, value in (("ref", "-7"), ("indicator", "=HYPERLINK(1)"), ("section", "S"), ("period", "2019-04"),
                        ("value", 3.0), ("numerator", None), ("denominator", None), ("status", ""),
                        ("unit", "count"), ("source", "t.xlsx › LAC › H9")):
        columns[name].append(value)
    write_csv(path, columns)
    assert "'-7" in path.read_text("utf-8-sig")
    previous = read_previous(path)
    (row,) = previous.figures["-7"]
    assert row.indicator == "=HYPERLINK(1)" and row.figure.value == 3 and row.month == APRIL


@pytest.mark.parametrize(("content", "fragments"), [
    ("name,email\nA,a@b.c\n", ["not a boardpack CSV", "no ref", "'name', 'email'"]),
    ("", ["is empty"]),
    ("\ufeff\"ref\",\"indicator\",\"period\",\"value\",\"numerator\",\"denominator\",\"unit\"\n"
     "\"6.1\",\"LAC\",\"2019-13\",5,\"\",\"\",\"count\"\n", ["row 2 › period", "'2019-13' is not a month"]),
    ("\ufeff\"ref\",\"indicator\",\"period\",\"value\",\"numerator\",\"denominator\",\"unit\"\n"
     "\"6.1\",\"LAC\",\"2019-04\",5,\"\",\"\",\"count\"\n\"6.1\",\"LAC\",\"2019-05\",\"lots\",\"\",\"\",\"count\"\n",
     ["row 3 › value", "'lots' is not a number"]),
    ("\ufeff\"ref\",\"indicator\",\"period\",\"value\",\"numerator\",\"denominator\",\"unit\"\n"
     "\"6.1\",\"LAC\",\"2019-04\",5\n", ["row 2", "4 fields where the first row names 7 columns"]),
    ("\ufeff\"ref\",\"indicator\",\"period\",\"value\",\"numerator\",\"denominator\",\"unit\"\n"
     "\"6.1\",\"LAC\",\"2019-04\",5,\"\",\"\",\"count\"\n\"6.1\",\"LAC\",\"2019-04\",6,\"\",\"\",\"count\"\n",
     ["row 3", "second row for indicator 6.1 in 2019-04 (the first is row 2)"]),
    ("\ufeff\"ref\",\"indicator\",\"period\",\"value\",\"numerator\",\"denominator\",\"unit\"\n"
     "\"6.1\",\"LAC\",\"2019-04\",5,\"\",\"\",\"people\"\n", ["row 2 › unit", "'people' is not a unit"]),
])
def test_a_csv_boardpack_did_not_write_is_a_clear_error(tmp_path, content, fragments):
    path = tmp_path / "last.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PreviousReportError) as raised:
        read_previous(path)
    message = str(raised.value)
    assert message.startswith(str(path)), message
    for fragment in fragments:
        assert fragment in message, message


def test_a_workbook_or_a_missing_file_is_a_clear_error(tmp_path):
    workbook = tmp_path / "last.csv"
    workbook.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe\xfa")
    with pytest.raises(PreviousReportError, match="not UTF-8 text"):
        read_previous(workbook)
    with pytest.raises(PreviousReportError, match="was not found"):
        read_previous(tmp_path / "nowhere.csv")


def test_the_command_gives_one_line_naming_the_file_and_row(tmp_path):
    from trackers import write_tracker

    tracker = write_tracker(tmp_path / "lac.xlsx")
    bad = tmp_path / "last.csv"
    bad.write_text('"ref","indicator","period","value","numerator","denominator","unit"\n'
                   '"6.1","LAC","April",5,"","","count"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    result = subprocess.run([sys.executable, "-m", "boardpack", "build", str(tracker), "--out", str(tmp_path / "out"),
                             "--previous", str(bad)], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert f"{bad} › row 2 › period" in line and "'April' is not a month" in line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
