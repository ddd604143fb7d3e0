"""Write the two trackers of the publishing corpus: last_month.xlsx (the August 2019 report) and this_month.xlsx
(September 2019, with some of August's figures revised).

    .venv/bin/python tests/public/generate.py

Each row is a case for disclosure control or revisions: small counts in a flow with its year to date worked out
(C1), in a snapshot (C2), in `N of D` percentages (C3, C4), with the tracker's own YTD (C5), a percentage
without counts (C6), a count the layout exempts (C7), a quarterly count (C8), zeros (C9), a small month in a
year whose outturn is given (C10), an indicator dropped since the last report (C11) and money (C12). What
`boardpack build` must write for them, worked out by hand, is in expected.toml beside this script. The files
are committed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
LAST_YEAR = ["Apr-18", "May-18", "Jun-18", "Jul-18", "Aug-18", "Sep-18", "Oct-18", "Nov-18", "Dec-18", "Jan-19",
             "Feb-19", "Mar-19"]
THIS_YEAR = ["Apr-19", "May-19", "Jun-19", "Jul-19", "Aug-19", "Sep-19"]
HEADER = ["Ref", "Indicator", "Good perf is", "Unit", "Timeline", "Frequency"]
TAIL = ["YTD", "2018/19", "Target"]
QUARTER = [None, None, 9, None, None, 8, None, None, 7, None, None, 10]

# ref, name, polarity, unit, timeline, frequency, last year's months, this year's (to September), YTD, outturn
THIS_MONTH: list[tuple] = [
    ("C1", "Children who started to be looked after", "Info", "Count", "Financial Year", "Monthly",
     [10, 12, 11, 9, 13, 10, 12, 14, 11, 10, 12, 13], [12, 3, 9, 14, 11, 10], None, None),
    ("C2", "Children looked after in secure accommodation", "Info", "Count", "As at mth end", "Monthly",
     [41, 40, 42, 43, 41, 40, 39, 38, 40, 41, 42, 40], [40, 0, 2, 7, "not reported", 8], None, None),
    ("C3", "Reviews held in time", "High", "Percentage", "Financial Year", "Monthly",
     ["40 of 50"] * 12, ["20 of 25", "18 of 30", "27 of 30", "40 of 44", "30 of 40", "35 of 45"], None, None),
    ("C4", "Children placed for adoption", "High", "Percentage", "As at mth end", "Monthly",
     ["10 of 80"] * 12, ["10 of 80", "3 of 80", "10 of 82", "9 of 84", "8 of 80", "12 of 90"], None, None),
    ("C5", "Missing episodes", "Low", "Count", "Financial Year", "Monthly",
     [9] * 12, [10, 11, 4, 12, 6, 7], 50, None),
    ("C6", "Health assessments in time", "High", "Percentage", "As at mth end", "Monthly",
     [0.85] * 12, [0.86, 0.87, 0.88, 0.89, 0.8741, 0.9], None, None),
    ("C7", "Foster carers approved", "High", "Count", "Financial Year", "Monthly",
     [6] * 12, [7, 8, 6, 2, 9, 6], None, None),
    ("C8", "Adoption orders granted", "High", "Count", "Financial Year", "Quarterly",
     QUARTER, [None, None, 8, None, None, 3], None, None),
    ("C9", "Children missing from placement for over a week", "Low", "Count", "Financial Year", "Monthly",
     [0] * 12, [0, 0, 6, 0, 0, 0], None, None),
    ("C10", "Care leavers in touch with the council", "High", "Count", "Financial Year", "Monthly",
     [6, 7, 8, 9, 10, 2, 11, 12, 13, 14, 15, 16], [10] * 6, None, 123),
    ("C12", "Spend on agency placements", "Low", "£k", "As at mth end", "Monthly",
     [50] * 12, [48, 3, 47, 46, 45, 44], None, None),
]
# As the trackers stood for the August report: the figures later revised, and C11, since dropped.
LAST_MONTH: dict[str, tuple[list, object]] = {
    "C1": ([12, 6, 9, 13, 11], None),
    "C2": ([40, 0, 2, 7, 9], None),
    "C3": (["20 of 25", "17 of 30", "27 of 30", "40 of 44", "30 of 40"], None),
    "C4": (["10 of 80", "3 of 80", "2 of 82", "9 of 84", "8 of 80"], None),
    "C5": ([10, 11, 5, 12, 6], 44),
    "C6": ([0.86, 0.87, 0.88, 0.89, 0.8739], None),
}
# A green target for every rated row, the same words for each: enough to rate them, not the subject here.
TARGETS = {"High": 5, "Low": 20}
DROPPED = ("C11", "Children placed under the old regulations", "Info", "Count", "As at mth end", "Monthly",
           [20] * 12, [20] * 5, None, None)


def _write(path: Path, rows: list[tuple], months: int) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Children"
    sheet.append([f"Children's Services Performance Report: {THIS_YEAR[months - 1]}"])
    sheet.append(HEADER + LAST_YEAR + THIS_YEAR[:months] + TAIL)
    for ref, name, polarity, unit, timeline, frequency, last_year, this_year, ytd, outturn in rows:
        target = TARGETS.get(polarity)
        sheet.append([ref, name, polarity, unit, timeline, frequency, *last_year, *this_year[:months], ytd, outturn,
                      target if unit != "£k" else 40])
        if ref == "C6":
            for column in range(len(HEADER) + 1, len(HEADER) + len(LAST_YEAR) + months + 1):
                sheet.cell(sheet.max_row, column).number_format = "0.0%"
    workbook.properties.created = workbook.properties.modified = dt.datetime(2019, 10, 7, 9, 0, 0)
    workbook.save(path)


def main() -> None:
    _write(HERE / "this_month.xlsx", THIS_MONTH, len(THIS_YEAR))
    last = []
    for row in THIS_MONTH:
        months, ytd = LAST_MONTH.get(row[0], (row[7][:5], row[8]))
        last.append((*row[:7], months, ytd, row[9]))
    last.insert(10, DROPPED)
    _write(HERE / "last_month.xlsx", last, len(THIS_YEAR) - 1)


if __name__ == "__main__":
    main()
