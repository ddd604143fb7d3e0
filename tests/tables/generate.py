"""Write two_tables.xlsx: one sheet holding two tables, each with its own header row and columns.

    .venv/bin/python tests/tables/generate.py

The first table is Adults (Ref, Indicator, Good perf is, Unit, Timeline, Apr-26 to Jun-26, Red, Amber,
Green); below it, after a gap and a title row, Housing has different columns in a different order (Measure
before No., Polarity, Data note, Jun-26 and Jul-26, YTD, Target, SN AVE). What `boardpack build` must write
for it, worked out by hand, is in expected.toml beside this script. The file is committed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
SHEET = "Adults & Housing"
ROWS: list[list[object]] = [
    ["Adult Services and Housing Performance 2026/27"],
    [],
    ["Ref", "Indicator", "Good perf is", "Unit", "Timeline", "Apr-26", "May-26", "Jun-26", "Red", "Amber", "Green"],
    ["A1", "Adults whose care was reviewed on time", "High", "Percentage", "As at mth end", 0.80, 0.86, 0.91,
     "<85%", "85%+", "90%+"],
    ["A2", "Delayed transfers of care", "Low", "Count", "Financial Year", 12, 9, 15, "15+", "<15", 10],
    [],
    ["Housing"],
    ["Measure", "No.", "Polarity", "Data note", "Jun-26", "Jul-26", "YTD", "Target", "SN AVE"],
    ["Households in temporary accommodation", "H1", "Low", "Count", 120, 110, None, 100, 95],
    ["Homelessness cases prevented", "H2", "High", "%", "45 of 60", "52 of 65", "97 of 125", "75%+", "70%"],
    [],
    ["Figures are provisional until the year-end return."],
]
PERCENT_CELLS = ("F4", "G4", "H4")


def main() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    for row in ROWS:
        sheet.append(row if row else [None])
    for cell in PERCENT_CELLS:
        sheet[cell].number_format = "0.0%"
    workbook.properties.created = workbook.properties.modified = dt.datetime(2026, 8, 10, 9, 0, 0)
    workbook.save(HERE / "two_tables.xlsx")


if __name__ == "__main__":
    main()
