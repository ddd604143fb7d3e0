"""A district council's quarterly corporate-plan scorecard, written the way such scorecards are kept.

    python tests/house_styles/periods_district_quarterly.py OUT.xlsx

House style: two title rows; a two-row header whose fixed columns (Ref, Measure, Service area, Polarity,
Unit, Timeline, Amber, Green) are merged down over both rows, and whose quarter columns read just ``Q1`` to
``Q4`` under merged year labels ``2023/24`` and ``2024/25``; percentages as fractions under a % format,
counts and rates as plain numbers; thresholds as plain numbers; a quarter not yet reported left blank, one
written ``not reported``; a key below the table. Every measure is quarterly, so the report is for a quarter.
Expected results, worked by hand: periods_district_quarterly.toml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

FIXED = ("Ref", "Measure", "Service area", "Polarity", "Unit", "Timeline")
YEARS = ("2023/24", "2024/25")
# ref, measure, service area, polarity, unit, timeline, eight quarters (Q1 2023/24 .. Q4 2024/25), amber, green
ROWS = (
    ("CP01", "Household waste sent for reuse, recycling and composting", "Environment", "High", "%", "Snapshot",
     (0.412, 0.425, 0.398, 0.371, 0.418, 0.431, None, None), 0.40, 0.43),
    ("CP02", "Missed bin collections per 100,000 collections", "Environment", "Low", "Rate per 100,000",
     "Snapshot", (48.2, 51.0, 63.4, 55.7, 52.3, 58.9, None, None), 60, 50),
    ("CP03", "Affordable homes delivered", "Housing", "High", "Number", "Financial Year",
     (12, 18, 9, 25, 14, 21, None, None), 15, 20),
    ("CP04", "Average days to process new Housing Benefit claims", "Resources", "Low", "Days", "Snapshot",
     (19.4, 21.2, 24.8, 22.0, 20.6, 20.6, None, None), 24, 20),
    ("CP05", "Working days lost to sickness per FTE (rolling 12 months)", "Resources", "Low", "Average",
     "Rolling Year", (9.8, 10.1, 10.6, 10.2, 10.4, 10.9, None, None), 10.5, 9.5),
    ("CP06", "Major planning applications decided in time", "Planning", "High", "%", "Snapshot",
     (0.90, 0.875, 0.917, 0.857, 0.875, "not reported", None, None), 0.60, 0.70),
    ("CP07", "Visits to the council's leisure centres", "Communities", "Info", "Number", "Financial Year",
     (152340, 161020, 128400, 140210, 158900, 163450, None, None), None, None),
)


def build(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Corporate Plan"
    sheet.append(["Ashcombe District Council"])
    sheet.append(["Corporate Plan Performance Scorecard 2024/25"])
    sheet["A1"].font = Font(bold=True, size=14)
    top, second = 4, 5
    quarters = len(YEARS) * 4
    first_quarter = len(FIXED) + 1
    amber_column, green_column = first_quarter + quarters, first_quarter + quarters + 1
    for column, text in enumerate(FIXED, start=1):
        sheet.cell(top, column, text)
        sheet.merge_cells(start_row=top, start_column=column, end_row=second, end_column=column)
    for offset, year in enumerate(YEARS):
        start = first_quarter + offset * 4
        sheet.cell(top, start, year).alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=top, start_column=start, end_row=top, end_column=start + 3)
        for quarter in range(4):
            sheet.cell(second, start + quarter, f"Q{quarter + 1}")
    for column, text in ((amber_column, "Amber"), (green_column, "Green")):
        sheet.cell(top, column, text)
        sheet.merge_cells(start_row=top, start_column=column, end_row=second, end_column=column)
    for number, (ref, name, area, polarity, unit, timeline, figures, amber, green) in enumerate(ROWS, 6):
        for column, text in enumerate((ref, name, area, polarity, unit, timeline), start=1):
            sheet.cell(number, column, text)
        percent = unit == "%"
        for offset, figure in enumerate(figures):
            cell = sheet.cell(number, first_quarter + offset, figure)
            if percent and isinstance(figure, float):
                cell.number_format = "0.0%"
        for column, threshold in ((amber_column, amber), (green_column, green)):
            cell = sheet.cell(number, column, threshold)
            if percent and threshold is not None:
                cell.number_format = "0%"
    below = 6 + len(ROWS) + 1
    sheet.cell(below, 1, "Key: quarters are financial-year quarters (Q1 = April to June).")
    sheet.cell(below + 1, 1, "Q3 and Q4 2024/25 are not yet due.")
    workbook.properties.creator = "Performance team"
    workbook.save(path)
    return path


if __name__ == "__main__":
    build(Path(sys.argv[1]))
