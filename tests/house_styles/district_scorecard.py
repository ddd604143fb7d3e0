"""Style 3: a district council's quarterly corporate-plan scorecard.

How it is kept: a council banner and the scorecard's title; a two-row header in which ``Q1`` .. ``Q4`` sit
under merged year labels ``2023/24`` and ``2024/25`` while the fixed columns (Ref, Portfolio, Measure, ...)
are merged down over both rows; polarity in words (``Better if higher`` / ``Better if lower``); a
``Target 2024/25`` and a ``Tolerance`` column (a percentage of the target, or an amount in the measure's
unit); a ``Year to date`` column; the officer's ``Status`` (On target / Within tolerance / Off target) and
``Trend`` (Improving / Stable / Worsening) in words; a portfolio column merged down over its rows; and
lettered footnotes. Q2 2024/25 is the latest quarter; waste data runs one quarter in arrears.
"""

from __future__ import annotations

from pathlib import Path

from _kit import (
    BOLD,
    GREY,
    NAVY,
    ONE_PLACE,
    PALE,
    PERCENT,
    TITLE,
    WHITE_BOLD,
    WRAP,
    main,
    merged,
    new_workbook,
    put,
    widths,
)

NAME = "district_scorecard"
PLACE = "Place"
HOUSING = "Housing"
RESOURCES = "Resources"

# portfolio, ref, measure, polarity, unit, 2023/24 Q1-Q4, 2024/25 Q1-Q2, target, tolerance, YTD, status,
# trend, comment
ROWS = [
    (PLACE, "PL01", "Major planning applications determined within 13 weeks", "Better if higher", "%",
     [0.750, 0.667, 0.800, 0.714], [0.833, 0.615], 0.60, "5%", 0.720, "On target", "Worsening",
     "8 of 13 majors in time in Q2."),
    (PLACE, "PL02", "Minor planning applications determined within 8 weeks", "Better if higher", "%",
     [0.712, 0.705, 0.688, 0.731], [0.690, 0.672], 0.70, "5%", 0.681, "Within tolerance", "Worsening", ""),
    (PLACE, "PL03", "Household waste sent for reuse, recycling and composting (a)", "Better if higher", "%",
     [0.478, 0.465, 0.402, 0.418], [0.524, None], "50%", "5%", 0.524, "On target", "Improving",
     "Q2 figure due December (validated by the county council)."),
    (PLACE, "PL04", "Missed bin collections per 100,000 collections", "Better if lower", "Rate per 100,000",
     [71.2, 66.0, 69.4, 62.5], [58.2, 63.8], 60, "10%", 61.0, "Within tolerance", "Worsening", ""),
    (HOUSING, "HO01", "Households in temporary accommodation (at quarter end)", "Better if lower", "Number",
     [38, 41, 47, 50], [52, 48], 45, "5", 48, "Within tolerance", "Improving", ""),
    (HOUSING, "HO02", "Average days to re-let council homes (general needs)", "Better if lower", "Days",
     [34.1, 35.6, 33.0, 32.4], [33.5, 30.2], 28, "10%", 31.9, "Within tolerance", "Improving", ""),
    (HOUSING, "HO03", "Homelessness cases prevented or relieved", "Better if higher", "%",
     [0.664, 0.682, 0.695, 0.702], [0.7104, 0.7096], "65%", "5%", 0.710, "On target", "Stable", ""),
    (RESOURCES, "RE01", "Undisputed invoices paid within 30 days", "Better if higher", "%",
     [0.941, 0.952, 0.948, 0.957], [0.962, 0.9496], 0.95, "2%", 0.955, "On target", "Worsening", ""),
    (RESOURCES, "RE02", "Working days lost to sickness per FTE (rolling 12 months) (b)", "Better if lower", "Days",
     [9.6, 9.4, 9.2, 8.9], [8.7, 9.1], 8.0, "10%", 9.1, "Off target", "Worsening", ""),
]


def _format(unit: str) -> str | None:
    return {"%": PERCENT, "Days": ONE_PLACE, "Rate per 100,000": ONE_PLACE}.get(unit)


def build(folder: Path) -> Path:
    book = new_workbook("Policy & Performance")
    sheet = book.active
    sheet.title = "Scorecard Q2"
    put(sheet, 1, 1, "Riverside District Council", font=BOLD)
    put(sheet, 2, 1, "Corporate Plan Performance Scorecard - Quarter 2 2024/25", font=TITLE)
    # Row 4 holds the fixed headers (merged down over row 5) and the year labels over the quarters.
    fixed = ["Ref", "Portfolio", "Measure", "Polarity", "Unit"]
    for column, header in enumerate(fixed, start=1):
        merged(sheet, 4, column, 5, column, header, font=WHITE_BOLD, fill=NAVY)
    merged(sheet, 4, 6, 4, 9, "2023/24", font=WHITE_BOLD, fill=NAVY)
    merged(sheet, 4, 10, 4, 13, "2024/25", font=WHITE_BOLD, fill=NAVY)
    for offset, quarter in enumerate(["Q1", "Q2", "Q3", "Q4"] * 2):
        put(sheet, 5, 6 + offset, quarter, font=WHITE_BOLD, fill=NAVY)
    after = ["Target 2024/25", "Tolerance", "Year to date", "Status", "Trend", "Comments"]
    for offset, header in enumerate(after):
        merged(sheet, 4, 14 + offset, 5, 14 + offset, header, font=WHITE_BOLD, fill=NAVY)
    row = 6
    spans: dict[str, list[int]] = {}
    for portfolio, ref, measure, polarity, unit, last_year, this_year, target, tolerance, ytd, status, trend, note \
            in ROWS:
        spans.setdefault(portfolio, [row, row])[1] = row
        number_format = _format(unit)
        values = [ref, None, measure, polarity, unit, *last_year, *this_year, None, None, target, tolerance, ytd,
                  status, trend, note or None]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, number_format=number_format if column >= 6 else None, box=True)
        row += 1
    for portfolio, (first, last) in spans.items():
        merged(sheet, first, 2, last, 2, portfolio, fill=PALE)
    row += 1
    put(sheet, row, 1, "Tolerance: a % is a percentage of the target; a number is an amount in the measure's "
        "unit. Inside the tolerance is Within tolerance (amber).", align=WRAP)
    put(sheet, row + 1, 1, "(a) Waste data is reported one quarter in arrears.", align=WRAP)
    put(sheet, row + 2, 1, "(b) Rolling 12 months to the end of the quarter.", align=WRAP)
    merged(sheet, row + 4, 1, row + 4, 6, "Status key: On target / Within tolerance / Off target", fill=GREY)
    widths(sheet, {"A": 7, "B": 12, "C": 58, "D": 16, "E": 16})
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
