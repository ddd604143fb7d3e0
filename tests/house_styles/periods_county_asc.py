"""A county council's adult social care performance tracker, written the way such trackers are kept.

    python tests/house_styles/periods_county_asc.py OUT.xlsx

House style: a monthly tracker whose month headers are real date cells (Jan-24 to Mar-25) under a merged
"MONTHLY PERFORMANCE" band, with Timeline and Frequency columns, most Frequency cells left blank. It mixes
measures of every rhythm: monthly; quarterly with the figure in the quarter's last month and the months
between left blank or written ``-``; annual, its other month cells saying ``Annual Indicator``; twice-yearly,
its other month cells saying ``Measured twice per year``; and an annual return the officer put in July, the
month it was published, which boardpack cannot place in a year and warns about. A second sheet,
"Transitions", reports by school term (``Autumn term 2023`` ... ``Autumn term 2024``). Percentages are fractions
under a % format; thresholds plain numbers. Expected results, worked by hand: periods_county_asc.toml.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

MONTHS = tuple(dt.datetime(2024 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 16))  # Jan-24..Mar-25
FIXED = ("Ref", "Indicator", "Section", "Good Perf Is", "Data Note", "Timeline", "Frequency")
ANNUAL = "Annual Indicator"
TWICE = "Measured twice per year"
# ref, indicator, section, polarity, unit, timeline, frequency, amber, green, figures from Jan-24 (to Nov-24)
MONTHLY_ROWS = (
    ("ASC01", "Permanent admissions of older people (65+) to residential and nursing care per 100,000",
     "Independence", "Low", "Rate per 100,000", "As at mth end", "Monthly", 600, 570,
     (612.4, 598.1, 605.3, 590.2, 584.7, 579.9, 588.3, 575.0, 569.8, 571.2, 566.5)),
    ("ASC02", "Carers' assessments completed within 28 days", "Carers", "High", "%", "As at qtr end", None,
     0.75, 0.80, (None, None, 0.71, None, None, 0.74, None, None, 0.78, None, None)),
    ("ASC03", "Safeguarding enquiries concluded", "Safeguarding", "Info", "Number", "Financial Year", None,
     None, None, ("-", "-", 212, "-", "-", 198, "-", "-", 231, "-", "-")),
    ("ASC04", "Adults with a learning disability in paid employment", "Independence", "High", "%",
     "As at year end", None, 0.05, 0.06, (ANNUAL, ANNUAL, 0.052) + (ANNUAL,) * 8),
    ("ASC05", "Service users who say the services they receive make them feel safe", "Safeguarding", "High",
     "%", "Survey", None, 0.65, 0.70, (TWICE, TWICE, 0.68) + (TWICE,) * 5 + (0.71, TWICE, TWICE)),
    ("ASC06", "Delayed transfers of care: days per 100,000 (annual return)", "Independence", "Low",
     "Rate per 100,000", "Financial Year", "Annual", 11, 10,
     (None,) * 6 + (9.8,) + (None,) * 4),
)
TERMS = ("Autumn term 2023", "Spring term 2024", "Summer term 2024", "Autumn term 2024")
TERM_FIXED = ("Ref", "Indicator", "Section", "Good Perf Is", "Data Note", "Timeline")
TERM_ROWS = (
    ("TR1", "Young people in transition with an agreed adult care plan by the end of term", "Transitions",
     "High", "%", "As at term end", 0.80, 0.85, (0.78, 0.81, 0.84, None)),
    ("TR2", "Transition reviews completed in the term", "Transitions", "Info", "Number", "Financial Year",
     None, None, (34, 29, 41, None)),
)


def _percent(cell, unit: str, value: object) -> None:
    if unit == "%" and isinstance(value, float):
        cell.number_format = "0.0%"


def _monthly(workbook: openpyxl.Workbook) -> None:
    sheet = workbook.active
    sheet.title = "ASC Monthly"
    sheet.append(["Northshire County Council"])
    sheet.append(["Adult Social Care Performance Tracker 2024/25"])
    sheet["A1"].font = Font(bold=True, size=14)
    band, header = 4, 5
    first_month = len(FIXED) + 1
    amber, green = first_month + len(MONTHS), first_month + len(MONTHS) + 1
    sheet.cell(band, first_month, "MONTHLY PERFORMANCE").alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=band, start_column=first_month, end_row=band, end_column=amber - 1)
    sheet.cell(band, amber, "TARGETS")
    sheet.merge_cells(start_row=band, start_column=amber, end_row=band, end_column=green)
    for column, text in enumerate(FIXED, start=1):
        sheet.cell(header, column, text).font = Font(bold=True)
    for offset, month in enumerate(MONTHS):
        cell = sheet.cell(header, first_month + offset, month)
        cell.number_format = "mmm-yy"
    sheet.cell(header, amber, "Amber")
    sheet.cell(header, green, "Green")
    for number, (ref, name, section, polarity, unit, timeline, frequency, low, high, figures) in enumerate(
            MONTHLY_ROWS, start=header + 1):
        for column, text in enumerate((ref, name, section, polarity, unit, timeline, frequency), start=1):
            sheet.cell(number, column, text)
        for offset, figure in enumerate(figures):
            _percent(sheet.cell(number, first_month + offset, figure), unit, figure)
        for column, threshold in ((amber, low), (green, high)):
            _percent(sheet.cell(number, column, threshold), unit, threshold)
    sheet.cell(header + len(MONTHLY_ROWS) + 2, 1,
               "Quarterly measures are entered in the last month of the quarter; annual returns when published.")


def _transitions(workbook: openpyxl.Workbook) -> None:
    sheet = workbook.create_sheet("Transitions")
    sheet.append(["Preparing for adulthood: termly measures"])
    header = 3
    first_term = len(TERM_FIXED) + 1
    amber, green = first_term + len(TERMS), first_term + len(TERMS) + 1
    for column, text in enumerate((*TERM_FIXED, *TERMS, "Amber", "Green"), start=1):
        sheet.cell(header, column, text).font = Font(bold=True)
    for number, (ref, name, section, polarity, unit, timeline, low, high, figures) in enumerate(
            TERM_ROWS, start=header + 1):
        for column, text in enumerate((ref, name, section, polarity, unit, timeline), start=1):
            sheet.cell(number, column, text)
        for offset, figure in enumerate(figures):
            _percent(sheet.cell(number, first_term + offset, figure), unit, figure)
        for column, threshold in ((amber, low), (green, high)):
            _percent(sheet.cell(number, column, threshold), unit, threshold)


def build(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    _monthly(workbook)
    _transitions(workbook)
    workbook.save(path)
    return path


if __name__ == "__main__":
    build(Path(sys.argv[1]))
