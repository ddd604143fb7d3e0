"""Style 8: a housing team's sheet holding two tables, one under the other.

How it is kept: a title; a "Monthly measures" banner, its header row (months as text ``Apr-24`` ..
``Mar-25``, filled to Oct-24, a YTD column, Red / Amber / Green with green sometimes left blank) and its rows;
notes; then further down a "Quarterly measures" banner with its own header row (``Q4 2023/24``,
``Q1 2024/25`` .. ``Q4 2024/25``, a ``Timeline`` column, no YTD) and its rows (Tenant Satisfaction Measures
among them); a footnote under each.
"""

from __future__ import annotations

from pathlib import Path

from _kit import (
    GREY,
    ONE_PLACE,
    PERCENT,
    RAG_FILLS,
    TITLE,
    WRAP,
    header_row,
    main,
    merged,
    new_workbook,
    put,
    widths,
)

NAME = "housing_two_tables"
MONTHS = ["Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Oct-24", "Nov-24", "Dec-24", "Jan-25",
          "Feb-25", "Mar-25"]
QUARTERS = ["Q4 2023/24", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25"]
FORMATS = {"Days": ONE_PLACE, "%": PERCENT, "Number": "#,##0", "Rate per 1,000": ONE_PLACE}

# ref, measure, polarity, unit, Apr..Oct, YTD, (red, amber, green), officer RAG, officer DOT
MONTHLY = [
    ("H01", "Average days to re-let standard voids", "Low", "Days",
     [24.6, 23.9, 22.8, 21.5, 22.1, 21.3, 18.0], 22.0, (">22", "20-22", None), "Green", "Improved"),
    ("H02", "Rent collected as a % of rent due", "High", "%",
     [0.962, 0.968, 0.975, 0.971, 0.978, 0.981, 0.9846], 0.979, ("<97%", "97%+", "98.5%+"), "Green", "Improved"),
    ("H03", "Emergency repairs completed within 24 hours", "High", "%",
     ["388 of 402", "401 of 415", "376 of 392", "395 of 410", "351 of 365", "398 of 405", "412 of 431"],
     "2,721 of 2,820", ("<95%", "95%+", "98%+"), "Amber", "Declined"),
    ("H04", "Households in temporary accommodation (at month end)", "Low", "Number",
     [49, 51, 53, 55, 54, 57, 60], "-", (">60", "50-60", None), "Amber", "Declined"),
    ("H05", "Homelessness approaches", "Info", "Number",
     [152, 149, 160, 171, 158, 171, 164], 1125, (None, None, None), None, "Down"),
]

# ref, measure, polarity, unit, timeline, Q4 2023/24 .. Q2 2024/25, (red, amber, green), officer RAG, DOT
QUARTERLY = [
    ("HQ1", "Satisfaction with repairs (TSM TP02)", "High", "%", "As at quarter end",
     [0.836, 0.842, 0.851], ("<80%", "80%+", "85%+"), "Green", "Improved"),
    ("HQ2", "Anti-social behaviour cases per 1,000 homes (TSM NM01)", "Low", "Rate per 1,000", "Rolling year",
     [28.1, 27.4, 24.9], (">30", "≤30", "≤25"), "Green", "Improved"),
    ("HQ3", "Stage 1 complaints responded to within 10 working days (TSM CH02)", "High", "%", "Financial Year",
     ["121 of 140", "118 of 131", "104 of 122"], ("<85%", "85%+", "95%+"), "Amber", "Declined"),
    ("HQ4", "Homes with a valid gas safety certificate (TSM BS01)", "High", "%", "As at quarter end",
     [0.9981, 0.9992, 1.0], ("<99.5%", "99.5%+", "100%"), "Green", "Improved"),
]

MONTHLY_HEADERS = ["Ref", "Measure", "Polarity", "Unit", *MONTHS, "YTD", "Red", "Amber", "Green", "RAG", "DOT"]
QUARTERLY_HEADERS = ["Ref", "Measure", "Polarity", "Unit", "Timeline", *QUARTERS, "Red", "Amber", "Green", "RAG",
                     "DOT"]


def _write_row(sheet, row: int, values: list[object], unit: str, first_figure: int) -> None:
    for column, value in enumerate(values, start=1):
        put(sheet, row, column, value, number_format=FORMATS[unit] if column >= first_figure else None, box=True)
    rag = values[-2]
    if rag:
        sheet.cell(row=row, column=len(values) - 1).fill = RAG_FILLS[rag]


def build(folder: Path) -> Path:
    book = new_workbook("Housing Performance")
    sheet = book.active
    sheet.title = "Housing KPIs"
    put(sheet, 1, 1, "Housing Services - Performance Report, October 2024", font=TITLE)
    merged(sheet, 3, 1, 3, len(MONTHLY_HEADERS), "Monthly measures", fill=GREY)
    header_row(sheet, 4, 1, MONTHLY_HEADERS)
    row = 5
    for ref, measure, polarity, unit, months, ytd, thresholds, rag, dot in MONTHLY:
        padded = [*months, *[None] * (len(MONTHS) - len(months))]
        _write_row(sheet, row, [ref, measure, polarity, unit, *padded, ytd, *thresholds, rag, dot], unit, 5)
        row += 1
    put(sheet, row, 1, "Temporary accommodation: red above 60 households, amber 50-60.", align=WRAP)
    put(sheet, row + 1, 1, "Void re-let times exclude major works voids.", align=WRAP)
    row += 4
    merged(sheet, row, 1, row, len(QUARTERLY_HEADERS), "Quarterly measures", fill=GREY)
    header_row(sheet, row + 1, 1, QUARTERLY_HEADERS)
    row += 2
    for ref, measure, polarity, unit, timeline, quarters, thresholds, rag, dot in QUARTERLY:
        padded = [*quarters, *[None] * (len(QUARTERS) - len(quarters))]
        _write_row(sheet, row, [ref, measure, polarity, unit, timeline, *padded, *thresholds, rag, dot], unit, 6)
        row += 1
    put(sheet, row + 1, 1, "TSM = Regulator of Social Housing Tenant Satisfaction Measure.", align=WRAP)
    widths(sheet, {"A": 6, "B": 60, "C": 9, "D": 14, "E": 16})
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
