"""An NHS trust's integrated performance report (IPR) tracker, written the way such trackers are kept.

    python tests/house_styles/periods_nhs_ipr.py OUT.xlsx

House style: two sheets. "Operational" heads its months ``M01`` to ``M12`` (financial-year months, M01 =
April) with the year ``2024/25`` in a merged cell in the row above the header, over them alone; its
``Area``, ``KPI Ref``, ``Frequency`` and ``Timeline`` columns sit in the header row. "Workforce" has a two-row
header: the fixed columns merged down over both rows, and the months written ``Apr`` to ``Mar`` with no
year under merged ``2023/24`` and ``2024/25`` labels. Most measures are monthly; a cancer standard is
quarterly (its figure in the quarter's last month, other months blank), the staff survey annual (month cells
saying ``Annual measure``) and training compliance twice-yearly (month cells saying ``6 monthly``).
Percentages are fractions under a % format; thresholds plain numbers. Expected results, worked by hand:
periods_nhs_ipr.toml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

# Operational: ref, area, indicator, polarity, unit, frequency, timeline, amber, green, M01..M12 figures
OPERATIONAL_HEADER = ("KPI Ref", "Area", "Indicator", "Polarity", "Unit", "Frequency", "Timeline", "Amber",
                      "Green")
OPERATIONAL = (
    ("OP1", "Urgent care", "Patients seen within 4 hours in ED", "High", "%", "Monthly", "As at mth end",
     0.76, 0.78, (0.741, 0.753, 0.768, 0.772, 0.759, 0.744, 0.765)),
    ("OP2", "Elective care", "RTT incomplete pathways within 18 weeks", "High", "%", "Monthly", "As at mth end",
     0.60, 0.65, (0.582, 0.589, 0.594, 0.591, 0.596, 0.600, 0.598)),
    ("OP3", "Cancer", "Cancer 62-day referral to first treatment", "High", "%", "Quarterly", "As at qtr end",
     0.70, 0.75, (None, None, 0.671, None, None, 0.702, None)),
    ("OP4", "Safety", "MRSA bacteraemia cases (hospital onset)", "Low", "Number", "Monthly", "Financial Year",
     None, 0, (0, 1, 0, 0, 0, 1, 0)),
)
# Workforce: ref, indicator, polarity, unit, amber, green, 24 months from Apr-23 (None blank, text as written)
WORKFORCE_HEADER = ("Ref", "Indicator", "Polarity", "Unit", "Amber", "Green")
ANNUAL = "Annual measure"
SIX = "6 monthly"
WORKFORCE = (
    ("WF1", "Staff sickness absence rate", "Low", "%", 0.05, 0.045,
     (0.048, 0.046, 0.045, 0.047, 0.049, 0.051, 0.053, 0.056, 0.059, 0.054, 0.050, 0.049,
      0.047, 0.045, 0.044, 0.046, 0.048, 0.049, 0.052)),
    ("WF2", "Staff survey: would recommend as a place to work", "High", "%", 0.55, 0.60,
     (ANNUAL,) * 11 + (0.612,) + (ANNUAL,) * 7),
    ("WF3", "Mandatory training compliance", "High", "%", 0.85, 0.90,
     (SIX,) * 5 + (0.88,) + (SIX,) * 5 + (0.91,) + (SIX,) * 5 + (0.895, SIX)),
)


def _operational(workbook: openpyxl.Workbook) -> None:
    sheet = workbook.active
    sheet.title = "Operational"
    sheet.append(["Riverside University Hospitals NHS Foundation Trust"])
    sheet.append(["Integrated Performance Report: operational standards"])
    sheet["A1"].font = Font(bold=True, size=14)
    year_row, header_row = 3, 4
    first_month = len(OPERATIONAL_HEADER) + 1
    sheet.cell(year_row, first_month, "2024/25").alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=year_row, start_column=first_month, end_row=year_row, end_column=first_month + 11)
    for column, text in enumerate(OPERATIONAL_HEADER, start=1):
        sheet.cell(header_row, column, text).font = Font(bold=True)
    for month in range(12):
        sheet.cell(header_row, first_month + month, f"M{month + 1:02d}").font = Font(bold=True)
    for number, (ref, area, name, polarity, unit, frequency, timeline, amber, green, figures) in enumerate(
            OPERATIONAL, start=header_row + 1):
        for column, text in enumerate((ref, area, name, polarity, unit, frequency, timeline, amber, green),
                                      start=1):
            cell = sheet.cell(number, column, text)
            if unit == "%" and isinstance(text, float):
                cell.number_format = "0%"
        for offset, figure in enumerate(figures):
            cell = sheet.cell(number, first_month + offset, figure)
            if unit == "%" and isinstance(figure, float):
                cell.number_format = "0.0%"
    sheet.cell(header_row + len(OPERATIONAL) + 2, 1, "M01 = April. Cancer standards are reported quarterly.")


def _workforce(workbook: openpyxl.Workbook) -> None:
    sheet = workbook.create_sheet("Workforce")
    sheet.append(["Workforce"])
    top, second = 3, 4
    first_month = len(WORKFORCE_HEADER) + 1
    for column, text in enumerate(WORKFORCE_HEADER, start=1):
        sheet.cell(top, column, text)
        sheet.merge_cells(start_row=top, start_column=column, end_row=second, end_column=column)
    months = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
    for offset, year in enumerate(("2023/24", "2024/25")):
        start = first_month + offset * 12
        sheet.cell(top, start, year)
        sheet.merge_cells(start_row=top, start_column=start, end_row=top, end_column=start + 11)
        for index, month in enumerate(months):
            sheet.cell(second, start + index, month)
    for number, (ref, name, polarity, unit, amber, green, figures) in enumerate(WORKFORCE, start=second + 1):
        for column, text in enumerate((ref, name, polarity, unit, amber, green), start=1):
            cell = sheet.cell(number, column, text)
            if isinstance(text, float):
                cell.number_format = "0.0%"
        for offset, figure in enumerate(figures):
            cell = sheet.cell(number, first_month + offset, figure)
            if isinstance(figure, float):
                cell.number_format = "0.0%"


def build(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    _operational(workbook)
    _workforce(workbook)
    workbook.save(path)
    return path


if __name__ == "__main__":
    build(Path(sys.argv[1]))
