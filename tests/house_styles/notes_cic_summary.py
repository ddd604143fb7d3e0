"""Write a tracker in the "CIC summary" house style: a council banner row over the report's own title row,
an "as at" line, one table of two sections, and under it a key, a "Notes" heading, footnotes tied to
indicators by *, ** and † marks, a tolerance explanation, a caveat and a stray row of totals.

Run: python tests/house_styles/notes_cic_summary.py OUT.xlsx
What boardpack should make of it is worked out by hand in notes_cic_summary.toml beside this script.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

BANNER = "ANYTOWN BOROUGH COUNCIL - CHILDREN'S SERVICES"
TITLE = "Children in Care Summary: Monthly Monitoring, March 2024"
AS_AT = "Data as at 31/03/2024"
HEADER = ("Ref", "Measure", "Section", "Polarity", "Unit", dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1),
          dt.datetime(2024, 3, 1), "Target", "2022/23", "Nat av.")
CIC, LEAVERS = "Children in Care", "Care Leavers"
# ref, measure, section, polarity, unit, Jan, Feb, Mar, target, 2022/23, national average
ROWS = (
    ("CIC1", "Number of children in care*", CIC, "Info", "Count", 412, 405, 398, None, 420, None),
    ("CIC2", "Rate of children in care per 10,000†", CIC, "Low", "Rate per 10,000", 78.1, 76.9, 75.6, 80,
     79.3, "71.0 (2023)"),
    ("CIC3", "% of children in care with an up to date health assessment", CIC, "High", "%", 0.91, 0.93, 0.95,
     0.95, 0.9, "89.0% (2023)"),
    ("CL1", "% of care leavers in touch**", LEAVERS, "High", "%", 0.94, 0.96, 0.97, 0.95, 0.93, "92.0% (2023)"),
    ("CL2", "% of care leavers in suitable accommodation", LEAVERS, "High", "%", 0.88, 0.87, 0.9, 0.9, "Jun-24",
     "88.0% (2023)"),
    ("CL3†", "Care leavers aged 19-21", LEAVERS, "Info", "Rate per 10,000", 31.2, 31.9, 32.4, None, 30.8, None),
)
BELOW = (
    ("Key: ↑ improved   → no change   ↓ declined   RAG against target",),
    ("Notes",),
    ("* excludes unaccompanied asylum-seeking children (UASC)",),
    ("** of care leavers aged 17-21, those the council is in touch with",),
    ("† per 10,000 of the population aged 0-17 (ONS mid-2022 estimates)",),
    ("Tolerance: amber is within 5 percentage points of target for percentages and within 5% for rates",),
    ("Data reports are not dynamic; figures may change when reports are re-run.",),
    (None, None, None, None, "Total", 1215, 1209, 1203),
)
COMMENTARY = (
    ("Section", "Performance analysis", "Data note"),
    (CIC, "The number of children in care fell for the third month running, to 398.", None),
    # A formula with no value saved (openpyxl never calculates): the pack must say so, naming the cell.
    (LEAVERS, '="Care leavers in touch: "&TEXT(0.97,"0%")', "Figures for care leavers are provisional."),
)


def write(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "CIC Summary"
    banner_fill = PatternFill("solid", fgColor="1F3864")
    sheet.append([BANNER])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet["A1"].font = Font(bold=True, color="FFFFFF", size=12)
    sheet["A1"].fill = banner_fill
    sheet.append([TITLE])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADER))
    sheet["A2"].font = Font(bold=True, size=16)
    sheet.append([AS_AT])
    sheet["A3"].font = Font(italic=True)
    sheet.append([])
    sheet.append(list(HEADER))
    header_row = sheet.max_row
    for column in range(6, 9):
        sheet.cell(header_row, column).number_format = "mmm-yy"
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for row in ROWS:
        sheet.append(list(row))
        if row[4] == "%":
            for column in range(6, 11):
                sheet.cell(sheet.max_row, column).number_format = "0.0%"
    sheet.append([])
    for row in BELOW:
        sheet.append(list(row))
        sheet.cell(sheet.max_row, 1).font = Font(italic=True, size=9)
    sheet.column_dimensions["B"].width = 55
    commentary = workbook.create_sheet("Commentary")
    for row in COMMENTARY:
        commentary.append(list(row))
    workbook.save(path)
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
