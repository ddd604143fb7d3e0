"""Build small tracker workbooks inside tests, messy the way real ones are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HEADER = [
    "*REF NO.", "INDICATOR", "Section", "GOOD PERF IS", "DATA NOTE", "Timeline",
    dt.datetime(2019, 2, 1), "Mar-19", "April 2019", "YTD", "Red", "Amber", "Green (target)",
    "2017/18", "2018/ 19", "SN AVE", "DOT", "RAG", "Trend",
]
ROWS = [
    ["6.1", "Number of LAC", "Looked After Children", "Info", "Count", "As at mth end",
     646, 642, 627, "-", "n/a", None, None, 627, 642, None, "↓", "n/a"],
    [6.8, "Reviews in time", "Looked After Children", "High", "Percentage", "Financial Year",
     "148 of 158", "135 of 148", "114 of 122", "114 of 122", "<90%", "90%>", "95%+",
     "1502 of 1658", "88.5%", "87.8% (2017)", "↑", "Amber"],
    ["6.10", "Health assessments", None, "High", "%", "As at mth end",
     0.874, 0.848, 0.763, "-", "<90%", "90%>", "95%+", 0.837, 0.848, None, "↓", "Red"],
    ["8.2", "3+ placements", "Placements", "Low", "Percentage", "Rolling Year",
     14.0, 13.2, 12.5, None, "13%+", "13%<", "10.8%<", None, None, 10.6, "↑", "Amber"],
]


def write_tracker(path: Path, rows=None, header=None, title_rows=2, sheet="LAC", extra=None) -> Path:
    """A tracker with title rows, a merged group band above the header, a footnote below the table."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(["Corporate Parenting Performance Report"])
    for _ in range(title_rows - 1):
        worksheet.append([])
    worksheet.append([None] * 6 + ["DATA", None, None, None, "TARGET & TOLERANCES"])
    worksheet.merge_cells(start_row=title_rows + 1, start_column=7, end_row=title_rows + 1, end_column=10)
    worksheet.append(header or HEADER)
    header_row = worksheet.max_row
    for row in rows if rows is not None else ROWS:
        worksheet.append(row)
    for offset, row in enumerate(rows if rows is not None else ROWS, start=1):
        for column, value in enumerate(row, start=1):
            if isinstance(value, float) and value <= 1 and column >= 7:
                worksheet.cell(header_row + offset, column).number_format = "0.0%"
    worksheet.append([])
    worksheet.append(["*Annual Trend relates to current reporting year April to Mar - not rolling year"])
    if extra:
        extra(workbook)
    workbook.save(path)
    return path
