"""Trackers for the as-at rules, the YTD rule's timeline and building past a faulty indicator.

Each is small and otherwise well formed; what boardpack must make of it, worked out by hand, is in
expected.toml beside this script. The tests write them into a temporary folder:

    .venv/bin/python tests/asat/generate.py OUT_DIR
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

TITLE = "As-at test tracker"


def _write(path: Path, header: list[object], rows: list[list[object]]) -> None:
    """Title in row 1, a blank row 2, the header in row 3 and the indicators from row 4."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tracker"
    sheet.append([TITLE])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def flow_without_timeline(path: Path) -> None:
    """No Timeline column and no YTD column: a count's and a percentage's YTD rest on a guess; a rate's does not."""
    _write(path, ["Ref", "Indicator", "Good perf is", "Unit", "Apr-19", "May-19", "Jun-19", "Red", "Amber", "Green"], [
        ["F1", "Admissions of looked after children", "Info", "Count", 20, 30, 14, None, None, None],
        ["F2", "Reviews in time", "High", "Percentage", "9 of 10", "8 of 10", "7 of 10", "<80%", "80%>", "90%+"],
        ["F3", "Rate of looked after children per 10,000", "Low", "Rate per 10,000", 110.5, 112, 111, None, None,
         "99.1"],
    ])


def timeline_not_recognised(path: Path) -> None:
    """A Timeline column with a word boardpack does not know, a blank, and a snapshot it knows."""
    _write(path, ["Ref", "Indicator", "Good perf is", "Unit", "Timeline", "Apr-19", "May-19", "Jun-19"], [
        ["T1", "Admissions of looked after children", "Info", "Count", "Monthly", 20, 30, 14],
        ["T2", "Children ceasing to be looked after", "Info", "Count", None, 27, 11, 16],
        ["T3", "Number of looked after children", "Info", "Count", "As at mth end", 629, 646, 642],
    ])


def ytd_with_year(path: Path) -> None:
    """A tracker running into a new year whose YTD column says which year it is: 2019/20, as at March 2020."""
    _write(path, ["Ref", "Indicator", "Good perf is", "Unit", "Timeline", "Jan-20", "Feb-20", "Mar-20", "Apr-20",
                  "2019/20 YTD"], [
        ["Y1", "Admissions of looked after children", "Info", "Count", "Financial Year", 20, 25, 30, 16, 275],
    ])


def one_faulty(path: Path) -> None:
    """Three indicators, one of them with a red threshold nobody can read."""
    _write(path, ["Ref", "Indicator", "Good perf is", "Unit", "Timeline", "Mar-19", "Apr-19", "YTD", "Red", "Amber",
                  "Green"], [
        ["G1", "Reviews in time", "High", "Percentage", "As at mth end", 0.91, 0.96, "-", "<90%", "90%>", "95%+"],
        ["G2", "Health assessments up to date", "High", "Percentage", "As at mth end", 0.848, 0.763, "-", "soon",
         "90%>", "95%+"],
        ["G3", "Number of looked after children", "Info", "Count", "As at mth end", 642, 627, "-", None, None, None],
    ])


def thresholds_not_recognised(path: Path) -> None:
    """Threshold columns headed in words boardpack does not know: nothing can be rated."""
    _write(path, ["Ref", "Indicator", "Good perf is", "Unit", "Timeline", "Mar-19", "Apr-19", "Escalate at", "Watch at",
                  "Aim"], [
        ["R1", "Reviews in time", "High", "Percentage", "As at mth end", 0.91, 0.96, "<90%", "90%>", "95%+"],
        ["R2", "Placement moves", "Low", "Percentage", "Rolling Year", 0.14, 0.132, "13%+", "13%<", "10.8%<"],
        ["R3", "Number of looked after children", "Info", "Count", "As at mth end", 642, 627, None, None, None],
    ])


TRACKERS: dict[str, Callable[[Path], None]] = {
    f"{make.__name__}.xlsx": make
    for make in (flow_without_timeline, timeline_not_recognised, ytd_with_year, one_faulty, thresholds_not_recognised)
}


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in TRACKERS.items():
        make(folder / name)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for written_path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(f"wrote {written_path}")
