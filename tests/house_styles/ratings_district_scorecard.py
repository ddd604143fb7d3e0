"""A "district corporate plan scorecard" in the house style of a district council's policy team.

The year's target sits under ``Target 2024/25`` with a ``Tolerance`` beside it (``5%`` on a percentage is 5
points; ``10%`` on a count is a tenth of the target; ``2`` is an amount), polarity is written ``Aim to
maximise`` / ``Aim to minimise`` / ``Context`` under a ``Good is`` header, and the officer's marks are words
under ``Status`` (On target, Within tolerance, Off target) and ``Trend`` (Improving, Worsening). Affordable
homes have a target profiled month by month (``Apr-24 Target`` ...); the Workforce sheet profiles its targets
by quarter (``Target Q1`` ... ``Target Q4``). Months are real dates shown ``mmm-yy``. Expected results:
ratings_district_scorecard.toml.

    python tests/house_styles/ratings_district_scorecard.py OUT.xlsx
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl

MONTHS = [dt.datetime(2024, month, 1) for month in range(4, 12)]  # Apr-24 to Nov-24
PROFILE = [dt.datetime(2024, month, 1) for month in range(4, 13)] + [dt.datetime(2025, m, 1) for m in (1, 2, 3)]

CORPORATE_HEADER = ["KPI Ref", "KPI", "Good is", "Unit", *MONTHS, "Target 2024/25", "Tolerance", "Status", "Trend",
                    *(f"{month:%b-%y} Target" for month in PROFILE)]
CORPORATE_ROWS = [
    ["CP01", "% of household waste sent for reuse, recycling and composting", "Aim to maximise", "%",
     0.512, 0.505, 0.498, 0.493, 0.488, 0.485, 0.480, 0.472, "50%", "5%", "Within tolerance", "Worsening"],
    ["CP02", "Missed bin collections per 100,000 collections", "Aim to minimise", "Count",
     96, 94, 90, 89, 93, 92, 91, 85, 80, "10%", "Off target", "Improving"],
    ["CP03", "Average days to process new Housing Benefit claims", "Aim to minimise", "Average",
     23.1, 22.4, 21.8, 22.0, 23.5, 24.0, 22.6, 19.5, 20, 2, "On target", "Improving"],
    ["CP04", "Affordable homes delivered (cumulative)", "Aim to maximise", "Count",
     8, 19, 31, 38, 47, 60, 66, 82, 120, "10%", "On target", "Improving",
     10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120],
    ["CP05", "Fly-tipping incidents reported", "Context", "Count",
     120, 131, 160, 149, 171, 150, 155, 140, None, None, None, None],
]

WORKFORCE_HEADER = ["KPI Ref", "KPI", "Good is", "Unit", *MONTHS, "Tolerance", "Status", "Trend",
                    "Target Q1", "Target Q2", "Target Q3", "Target Q4"]
WORKFORCE_ROWS = [
    ["WF01", "Working days lost to sickness per FTE", "Aim to minimise", "Average",
     0.8, 0.9, 1.0, 0.8, 0.7, 0.9, 1.1, 1.0, 0.1, "Within tolerance", "Improving", 0.9, 0.8, 0.9, 1.0],
    ["WF02", "% of annual appraisals completed (cumulative)", "Aim to maximise", "%",
     0.08, 0.15, 0.24, 0.33, 0.41, 0.49, 0.60, 0.68, "5%", "Not achieved", "Improving",
     "25%", "50%", "75%", "100%"],
]


def _sheet(workbook: openpyxl.Workbook, title: str, header: list, rows: list, *, first: bool) -> None:
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append(["Corporate Plan 2024-28: performance scorecard"])
    sheet.append([None, None, None, None, "PERFORMANCE", None, None, None, None, None, None, None, "TARGETS"])
    sheet.append(header)
    header_row = sheet.max_row
    for column, value in enumerate(header, start=1):
        if isinstance(value, dt.datetime):
            sheet.cell(header_row, column).number_format = "mmm-yy"
    for offset, row in enumerate(rows, start=1):
        sheet.append(row)
        if row[3] == "%":
            for column in range(5, 5 + len(MONTHS)):
                sheet.cell(header_row + offset, column).number_format = "0.0%"
    sheet.append([])
    sheet.append(["Status and trend are the service's own assessment."])


def build(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    _sheet(workbook, "Corporate Plan", CORPORATE_HEADER, CORPORATE_ROWS, first=True)
    _sheet(workbook, "Workforce", WORKFORCE_HEADER, WORKFORCE_ROWS, first=False)
    workbook.save(path)
    return path


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "ratings_district_scorecard.xlsx"))
