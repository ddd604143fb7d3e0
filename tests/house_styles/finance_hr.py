"""Style 6: a corporate finance and HR dashboard.

How it is kept: directorate, title and period lines; section banner rows; months as date cells Apr-24 ..
Mar-25 (filled to Jul-24); a ``Unit`` column in the finance team's words (``£m``, ``£k``, ``Ratio``,
``Days``, ``Rate per 1,000``, ``Index``, ``%``, ``Number``) with matching number formats; a ``YTD`` column;
``≤`` / ``>`` / ``+`` thresholds; markers for figures not yet in: a due date written in place of the figure
(``due Aug 24``), ``NYA``, and ``[p]`` after a provisional figure; the officer's RAG letter and DOT arrow.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _kit import (
    BOLD,
    GREY,
    ONE_PLACE,
    PERCENT,
    RAG_FILLS,
    TITLE,
    TWO_PLACES,
    WRAP,
    header_row,
    main,
    merged,
    month_dates,
    new_workbook,
    put,
    widths,
)

NAME = "finance_hr"
MONTHS = month_dates(dt.date(2024, 4, 1), 12)
FORMATS = {
    "£m": '"£"#,##0.00"m"',
    "£k": '"£"#,##0.0"k"',
    "Ratio": TWO_PLACES,
    "Days": ONE_PLACE,
    "Rate per 1,000": TWO_PLACES,
    "Index": "0",
    "%": PERCENT,
    "Number": "#,##0.0",
}
FINANCE = "Finance"
WORKFORCE = "Workforce"

# section, ref, measure, unit, polarity, Apr..Jul, YTD, (red, amber, green), officer RAG, officer DOT, comment
ROWS = [
    (FINANCE, "F01", "Revenue budget - forecast year-end overspend", "£m", "Low",
     [1.64, 1.38, 1.12, 0.84], "-", (">1.00", "≤1.00", "≤0.50"), "A", "↑", "Recovery plan agreed in June."),
    (FINANCE, "F02", "Capital programme - spend to date", "£m", "Info",
     [2.15, 5.02, 9.87, 12.46], 12.46, (None, None, None), None, "↑", ""),
    (FINANCE, "F03", "Agency staff spend in month", "£k", "Low",
     [398.2, 341.7, 372.5, "due Aug 24"], "due Aug 24", (">400", "≤400", "≤350"), None, None,
     "July invoices are still being coded."),
    (FINANCE, "F04", "Current ratio (current assets : current liabilities)", "Ratio", "High",
     [1.61, 1.57, 1.52, 1.38], "-", ("<1.2", "1.2+", "1.5+"), "A", "↓", ""),
    (FINANCE, "F05", "Average days to pay supplier invoices", "Days", "Low",
     [22.4, 23.1, 21.7, 18.4], 21.4, (">25", "≤25", "≤20"), "G", "↑", ""),
    (FINANCE, "F06", "Undisputed invoices paid within 30 days", "%", "High",
     [0.934, 0.947, 0.958, "96.1% [p]"], "-", ("<90%", "90%+", "95%+"), "G", "↑", "July is provisional."),
    (WORKFORCE, "W01", "Employee engagement index (monthly pulse survey)", "Index", "High",
     [64, 65, 66, "68 [p]"], "-", ("<65", "65+", "70+"), "A", "↑", ""),
    (WORKFORCE, "W02", "RIDDOR-reportable accidents per 1,000 employees", "Rate per 1,000", "Low",
     [0.55, 0.47, 0.41, 0.62], "-", (">0.8", "≤0.8", "≤0.5"), "A", "↓", ""),
    (WORKFORCE, "W03", "Sickness absence - days lost per FTE (rolling 12 months)", "Days", "Low",
     [9.3, 9.1, 8.9, "NYA"], "-", (">9.5", "≤9.5", "≤8.5"), None, None, "Payroll data not yet available."),
    (WORKFORCE, "W04", "Staff turnover (rolling 12 months)", "%", "Low",
     [0.104, 0.106, 0.109, 0.113], "-", (">12%", "≤12%", "≤10%"), "A", "↓", ""),
    (WORKFORCE, "W05", "Full-time equivalent employees", "Number", "Info",
     [2398.4, 2405.1, 2410.2, 2418.6], "-", (None, None, None), None, "↑", ""),
]

HEADERS = ["Ref", "Measure", "Unit", "Polarity", *MONTHS, "YTD", "Red", "Amber", "Green", "RAG", "DOT", "Comments"]


def build(folder: Path) -> Path:
    book = new_workbook("Corporate Finance")
    sheet = book.active
    sheet.title = "Dashboard"
    put(sheet, 1, 1, "Resources Directorate", font=BOLD)
    put(sheet, 2, 1, "Finance & HR Dashboard", font=TITLE)
    put(sheet, 3, 1, "Period 4 (July 2024)", font=BOLD)
    header_row(sheet, 5, 1, HEADERS)
    row = 6
    section = None
    for this_section, ref, measure, unit, polarity, months, ytd, thresholds, rag, dot, comment in ROWS:
        if this_section != section:
            section = this_section
            merged(sheet, row, 1, row, len(HEADERS), section, fill=GREY)
            row += 1
        values = [ref, measure, unit, polarity, *months, *[None] * (len(MONTHS) - len(months)), ytd, *thresholds,
                  rag, dot, comment or None]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, number_format=FORMATS[unit] if column > 4 else None, box=True)
        if rag:
            sheet.cell(row=row, column=len(HEADERS) - 2).fill = RAG_FILLS[rag]
        row += 1
    row += 1
    put(sheet, row, 1, "[p] provisional figure; NYA not yet available; 'due' gives the month a late figure is "
        "expected.", align=WRAP)
    put(sheet, row + 1, 1, "Financial figures are net of grant; £m and £k as shown.", align=WRAP)
    widths(sheet, {"A": 6, "B": 56, "C": 14, "D": 9})
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
