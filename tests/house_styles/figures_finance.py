"""A finance & HR dashboard, kept the way a corporate resources team keeps one.

House style: the Finance sheet has no Unit column, so its units come from the cells' number formats
(`"£"#,##0.0"k"`, `£#,##0`, `"£"#,##0.00"m"`, `0.00`, `0.0%`) and, in General cells, from the figures as
typed (0.24, 27.6). The HR sheet names its units in words (Days, Ratio, £k, Index, Rate per 100,000, Number,
£m, Count). Gaps and marks are in official-statistics shorthand ([c], [x], [z], `..`, `*`, `NYA`, `Not yet
available`), provisional and low-reliability figures carry `[p]`/`[u]` (`512.3 [p]`, `45[p]`), and figures not
in yet give the date they are due (`Due: Oct-24`, `Due 31/10/2024`). Months are date cells on Finance and text
(`Apr 24`) on HR. Each sheet has a single Target column.

Run as a script to write the tracker: ``python tests/house_styles/figures_finance.py out.xlsx``.
``SLIPS`` are single-cell mistakes an officer could make, for the plausibility checks: ``write(path, slip)``
writes the tracker with one of them in place.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook

MONTHS = [dt.datetime(2024, month, 1) for month in range(4, 10)]
K = '"£"#,##0.0"k"'
K0 = '"£"#,##0"k"'
POUNDS = "£#,##0"
M = '"£"#,##0.00"m"'
PERCENT = "0.0%"
TWO = "0.00"
GENERAL = "General"

FINANCE_HEADER = ["KPI Ref", "Measure", "Service area", "Good is", "Timeframe", *MONTHS, "Target", "2023/24 Outturn"]
# ref, measure, section, good is, timeframe, number format, six months Apr-Sep, target, 2023/24 outturn
FINANCE = [
    ("F1", "Capital spend in month", "Finance", "Info", "Financial Year", K,
     [412.5, 398.2, 455, 430.8, 401.1, "512.3 [p]"], None, 5120.4),
    ("F2", "Debt over 90 days old", "Finance", "Low", "As at month end", POUNDS,
     [268400, 259900, 262300, 255000, "251800 [u]", 243100], 250000, 271500),
    ("F3", "Forecast overspend on the revenue budget", "Finance", "Low", "As at month end", M,
     [1.84, 1.62, 1.47, 1.51, 1.38, "Due: Oct-24"], 1.5, None),
    ("F4", "Average days to pay an invoice", "Finance", "Low", "As at month end", GENERAL,
     [31.2, 29.8, 28.4, 30.1, 28.9, 27.6], 30, 32.4),
    ("F5", "Upheld complaints per 1,000 transactions", "Finance", "Low", "Rolling 12 months", GENERAL,
     [0.31, 0.28, 0.22, 0.26, 0.19, 0.24], 0.2, None),
    ("F6", "Current ratio (assets to liabilities)", "Finance", "High", "As at month end", TWO,
     [1.42, 1.38, 1.45, 1.51, 1.47, 1.5], 1.5, None),
    ("F7", "Invoices paid within 30 days", "Finance", "High", "As at month end", PERCENT,
     [0.912, 0.934, "..", 0.951, 0.948, 0.962], 0.95, 0.921),
    ("F8", "Open fraud investigations", "Finance", "Info", "As at month end", GENERAL,
     [3, "*", 4, 2, "[c]", "[c]"], None, None),
    ("F9", "Staff turnover (rolling 12 months)", "Workforce", "Low", "Rolling Year", PERCENT,
     [0.118, 0.115, 0.117, 0.114, 0.112, "NYA"], 0.12, None),
    ("F10", "Agency spend", "Workforce", "Low", "Financial Year", K0,
     [85, 92, 78, 81, 76, "[x]"], None, None),
    ("F11", "Savings delivered against plan", "Finance", "High", "Financial Year", K,
     [120.5, 98, 143.2, 110.4, "45[p]", "Due 31/10/2024"], None, None),
]

HR_HEADER = ["Ref", "Measure", "Unit", "Polarity", "Timeframe", *(m.strftime("%b %y") for m in MONTHS), "Target"]
# ref, measure, unit, polarity, timeframe, six months Apr-Sep (General cells), target
HR = [
    ("H1", "Working days lost to sickness per FTE", "Days", "Low", "Rolling 12 months",
     [8.2, 8.4, 8.1, 7.9, 8.0, 7.7], 8),
    ("H2", "Agency to permanent staff", "Ratio", "Low", "As at month end",
     [0.09, 0.1, 0.11, 0.1, 0.12, 0.11], 0.1),
    ("H3", "Training spend", "£k", "Info", "Financial Year",
     [12.5, 8.25, 10, 9.75, 11.4, "Due 31/10/2024"], None),
    ("H4", "Staff engagement index", "Index", "High", "Quarterly",
     [None, None, 68.2, None, None, "70.4 [p]"], 70),
    ("H5", "Reportable accidents per 100,000 hours worked", "Rate per 100,000", "Low", "Financial Year",
     ["[z]", 1.2, 0.9, 1.1, 0.8, 0.95], 1),
    ("H6", "Headcount", "Number", "Info", "As at month end",
     [2412, 2398, 2405, 2391, 2388, "2402 [u]"], None),
    ("H7", "Pay budget forecast", "£m", "Low", "As at month end",
     [42.15, 42.3, 42.28, 42.41, 42.37, 42.35], 42.5),
    ("H8", "Grievances open", "Count", "Low", "As at month end",
     [5, 4, 6, 3, 4, "Not yet available"], 5),
]

# Slips an officer could make, each (sheet, ref, month index or "target", value): 88 typed into a 0.0% cell
# for 88%, counts the wrong way round, a percentage over 100, a count typed negative.
SLIPS = {
    "hundredfold": ("Finance", "F7", 5, 88),
    "more_than_whole": ("Finance", "F7", 4, "130 of 122"),
    "over_100": ("Finance", "F9", 4, "120%"),
    "negative_count": ("HR", "H6", 3, -2391),
}
FIRST_MONTH_COLUMN = 6  # F: after ref, measure, section or unit, good is, timeframe
HEADER_ROW = 3


def _finance(book: Workbook, slip) -> None:
    sheet = book.active
    sheet.title = "Finance"
    sheet.append(["Finance & HR Performance Dashboard"])
    sheet.append(["Resources Directorate · figures to the end of September 2024"])
    sheet.append(FINANCE_HEADER)
    for column in range(FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + len(MONTHS)):
        sheet.cell(HEADER_ROW, column).number_format = "mmm-yy"
    for ref, name, section, good, timeframe, number_format, months, target, outturn in FINANCE:
        months = _slipped("Finance", ref, months, slip)
        sheet.append([ref, name, section, good, timeframe, *months, target, outturn])
        row = sheet.max_row
        for column in range(FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + len(MONTHS) + 2):
            if isinstance(sheet.cell(row, column).value, (int, float)):
                sheet.cell(row, column).number_format = number_format
    sheet.append([])
    sheet.append(["Key: [c] confidential, [x] not available, [p] provisional, [u] low reliability"])


def _hr(book: Workbook, slip) -> None:
    sheet = book.create_sheet("HR")
    sheet.append(["Workforce measures"])
    sheet.append([])
    sheet.append(HR_HEADER)
    for ref, name, unit, polarity, timeframe, months, target in HR:
        sheet.append([ref, name, unit, polarity, timeframe, *_slipped("HR", ref, months, slip), target])


def _slipped(sheet: str, ref: str, months: list, slip) -> list:
    if slip is None or SLIPS[slip][:2] != (sheet, ref):
        return list(months)
    _, _, index, value = SLIPS[slip]
    changed = list(months)
    changed[index] = value
    return changed


def slip_cell(slip: str) -> str:
    """Where a slip lands, as ``sheet › cell``."""
    sheet, ref, index, _ = SLIPS[slip]
    refs = [row[0] for row in (FINANCE if sheet == "Finance" else HR)]
    row = HEADER_ROW + 1 + refs.index(ref)
    return f"{sheet} › {chr(ord('A') + FIRST_MONTH_COLUMN - 1 + index)}{row}"


def write(path: Path, slip: str | None = None) -> Path:
    book = Workbook()
    _finance(book, slip)
    _hr(book, slip)
    book.save(path)
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "figures_finance.xlsx")))
