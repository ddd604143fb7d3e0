"""Style 9: a revenues and benefits tracker with profiled in-year targets.

How it is kept: title lines; months as date cells Apr-24 .. Mar-25 (filled to Oct-24); collection rates
that build up through the year, each with a ``Profiled target`` row directly under it (no ref, a target for
every month, the profile the year-end target is reached by); a ``Target 2024/25`` column holding the
year-end target; the officer's RAG. Each month is rated against its own profiled target, not the year-end
one (65% collected in October is on profile, though far short of 97%).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _kit import (
    BOLD,
    ONE_PLACE,
    PALE,
    PERCENT,
    RAG_FILLS,
    TITLE,
    WHOLE,
    WRAP,
    header_row,
    main,
    month_dates,
    new_workbook,
    put,
    widths,
)

NAME = "revenues_profile"
MONTHS = month_dates(dt.date(2024, 4, 1), 12)
PROFILE = "Profiled target"

# ref, measure, polarity, number format, actuals Apr..Oct, profile Apr..Mar (or None), year-end target, RAG
ROWS = [
    ("RB1", "Council tax collected in year (cumulative %)", "High", PERCENT,
     [0.109, 0.198, 0.287, 0.376, 0.466, 0.561, 0.652],
     [0.108, 0.199, 0.289, 0.378, 0.468, 0.563, 0.648, 0.738, 0.826, 0.912, 0.958, 0.970], 0.970, "G"),
    ("RB2", "Business rates collected in year (cumulative %)", "High", PERCENT,
     [0.121, 0.205, 0.298, 0.392, 0.487, 0.583, 0.671],
     [0.118, 0.207, 0.301, 0.389, 0.485, 0.580, 0.675, 0.768, 0.855, 0.935, 0.975, 0.985], 0.985, "R"),
    ("RB3", "Average days to process new Housing Benefit claims", "Low", ONE_PLACE,
     [22.4, 21.9, 21.1, 20.8, 21.5, 21.2, 19.6],
     [22.0, 22.0, 21.5, 21.0, 21.0, 21.0, 20.0, 20.0, 19.5, 19.0, 19.0, 19.0], 19.0, "G"),
    ("RB4", "Council tax support claimants (at month end)", "Info", WHOLE,
     [14301, 14288, 14256, 14240, 14229, 14212, 14187], None, None, None),
]

HEADERS = ["Ref", "Measure", "Polarity", *MONTHS, "Target 2024/25", "RAG"]


def build(folder: Path) -> Path:
    book = new_workbook("Revenues & Benefits")
    sheet = book.active
    sheet.title = "Rev & Bens"
    put(sheet, 1, 1, "Revenues & Benefits Performance", font=TITLE)
    put(sheet, 2, 1, "Collection and processing to 31 October 2024", font=BOLD)
    header_row(sheet, 4, 1, HEADERS)
    row = 5
    target_column = 4 + len(MONTHS)
    for ref, measure, polarity, number_format, actuals, profile, target, rag in ROWS:
        values = [ref, measure, polarity, *actuals, *[None] * (len(MONTHS) - len(actuals)), target, rag]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, number_format=number_format, box=True)
        if rag:
            sheet.cell(row=row, column=target_column + 1).fill = RAG_FILLS[rag]
        row += 1
        if profile is not None:
            put(sheet, row, 2, PROFILE, fill=PALE, box=True)
            for offset, value in enumerate(profile):
                put(sheet, row, 4 + offset, value, number_format=number_format, fill=PALE, box=True)
            row += 1
    row += 1
    put(sheet, row, 1, "Profiled targets are the cumulative level needed each month to reach the year-end target; "
        "each month is rated against its own profile.", align=WRAP)
    widths(sheet, {"A": 6, "B": 52, "C": 9})
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
