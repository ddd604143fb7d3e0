"""Style 0, the control: a Corporate Parenting tracker in the house style boardpack reads today.

Laid out like sample_workbooks/: a title and subtitle, a row of merged group headers, the header row with
``*REF NO.`` / ``GOOD PERF IS`` / ``DATA NOTE`` / ``Timeline``, months as real date cells (Jan-24 to Mar-25,
filled to Oct-24), a YTD column, ``<90%`` / ``90%>`` / ``95%+`` tolerances, two outturn years, benchmarks
with their year (``88.3% (2023)``), the officer's DOT arrow and RAG word, a key and footnotes under the table.
Every convention here is in the README today, so this style must pass on main: it proves the harness.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _kit import (
    BOLD,
    GREY,
    NAVY,
    PALE,
    PERCENT,
    RAG_FILLS,
    TITLE,
    WHITE_BOLD,
    WRAP,
    header_row,
    main,
    merged,
    month_dates,
    new_workbook,
    put,
    widths,
)

NAME = "house_control"
MONTHS = month_dates(dt.date(2024, 1, 1), 15)  # Jan-24 .. Mar-25; figures run to Oct-24

LAC = "Looked After Children"
REVIEWS = "Reviews & Health"
LEAVERS = "Care Leavers"
PLACEMENTS = "Placements & Caseloads"

# ref, indicator, section, good perf is, data note, timeline, Jan-24..Oct-24, YTD, red, amber, green,
# 2022/23, 2023/24, SN AVE, NAT AVE, officer DOT, officer RAG. Fractions are written under a 0.0% format.
ROWS = [
    ("C1", "Number of Looked After Children", LAC, "Info", "Count", "As at mth end",
     [398, 401, 404, 409, 411, 407, 410, 415, 412, 405], "-", "n/a", "n/a", "n/a", 372, 404, None, None, "↓", "n/a"),
    ("C2", "Admissions of Looked After Children", LAC, "Info", "Count", "Financial Year",
     [12, 9, 15, 14, 11, 9, 16, 12, 10, 13], 85, "n/a", "n/a", "n/a", 151, 139, None, None, "↑", "n/a"),
    ("C3", "LAC cases reviewed within timescales", REVIEWS, "High", "Percentage", "Financial Year",
     ["51 of 54", "49 of 53", "57 of 60", "52 of 55", "60 of 64", "49 of 51", "55 of 60", "41 of 45",
      "58 of 61", "47 of 50"], None, "<90%", "90%>", "95%+", "612 of 671", "655 of 702", None, None, "↓", "Amber"),
    ("C4", "% of care leavers in employment, education or training", LEAVERS, "High", "Percentage", "As at mth end",
     [0.618, 0.624, 0.631, 0.637, 0.641, 0.644, 0.639, 0.647, 0.652, 0.6496], "-", "<60%", "60%>", "65%+",
     0.598, 0.631, "56.0% (2023)", "55.0% (2023)", "↓", "Green"),
    ("C5", "% of LAC who have had 3 or more placements - rolling 12 months", PLACEMENTS, "Low", "Percentage",
     "Rolling Year",
     [0.121, 0.118, 0.117, 0.115, 0.116, 0.113, 0.114, 0.112, 0.112, 0.108], "-", "13%+", "13%<", "10.8%<",
     0.127, 0.117, "10.6% (2023)", "10.0% (2023)", "↑", "Amber"),
    ("C6", "Rate of Looked After Children per 10,000 population aged under 18", LAC, "Low", "Rate per 10,000",
     "As at mth end",
     [97.4, 97.9, 98.6, 99.8, 100.3, 99.2, 99.9, 100.8, 99.6, 99.1], "-", None, None, "99.1",
     91.8, 98.6, 87.8, 71.0, "↑", "Green"),
    ("C7", "Average number of cases per qualified social worker in LAC teams", PLACEMENTS, "Low", "Average count",
     "As at mth end",
     [17.2, 17.8, 18.1, 18.4, 18.0, 18.9, 19.1, 19.4, 19.6, 20.4], "-", ">21", "≤21", "14-20",
     16.4, 18.1, None, None, "↓", "Amber"),
    ("C8", "Number of foster carers recruited", PLACEMENTS, "High", "Count", "Financial Year",
     [2, 1, 0, 1, 0, 2, 1, 3, 0, 2], None, "-", "-", "-", 14, 11, None, None, "↑", None),
    ("C9", "% of LAC with an up to date dental check", REVIEWS, "High", "Percentage", "As at mth end",
     [0.861, 0.866, 0.872, 0.869, 0.871, 0.877, 0.880, 0.868, 0.874, "TBC"], "-", "<85%", "85%>", "90%+",
     0.742, 0.872, None, None, None, None),
    ("C10", "% of care leavers in suitable accommodation", LEAVERS, "High", "Percentage", "As at mth end",
     [0.944, 0.951, 0.948, 0.953, 0.957, 0.949, 0.955, 0.958, 0.951, 0.962], "-", "<90%", "90%>", "95%+",
     0.936, 0.948, "88.3% (2023)", "88.0% (2023)", "↑", "Green"),
]

HEADERS = ["*REF NO.", "INDICATOR", "Section", "GOOD PERF IS", "DATA NOTE", "Timeline", *MONTHS, "YTD",
           "Red", "Amber", "Green (target)", "2022/23", "2023/24", "SN AVE", "NAT AVE", "DOT", "RAG"]


def build(folder: Path) -> Path:
    book = new_workbook("Performance & Quality Team")
    sheet = book.active
    sheet.title = "LAC"
    put(sheet, 1, 1, "Corporate Parenting Monthly Performance Report", font=TITLE)
    put(sheet, 2, 1, "2024/25 - As at Month End: October 2024", font=BOLD)
    first_month = 7
    ytd_column = first_month + len(MONTHS)
    merged(sheet, 3, first_month, 3, ytd_column, "DATA", fill=GREY)
    merged(sheet, 3, ytd_column + 1, 3, ytd_column + 3, "TARGET & TOLERANCES", fill=GREY)
    merged(sheet, 3, ytd_column + 4, 3, ytd_column + 5, "YEAR ON YEAR", fill=GREY)
    merged(sheet, 3, ytd_column + 6, 3, ytd_column + 7, "LATEST BENCHMARKING", fill=GREY)
    header_row(sheet, 4, 1, HEADERS)
    row = 5
    for ref, name, section, polarity, unit, timeline, months, ytd, red, amber, green, *rest in ROWS:
        before, last, sn, nat, dot, rag = rest
        values = [ref, name, section, polarity, unit, timeline, *months, *[None] * (len(MONTHS) - len(months)),
                  ytd, red, amber, green, before, last, sn, nat, dot, rag]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, number_format=PERCENT if unit == "Percentage" and column > 6 else None,
                box=True)
        if rag in RAG_FILLS:
            sheet.cell(row=row, column=len(values)).fill = RAG_FILLS[rag]
        row += 1
    row += 1
    put(sheet, row, 1, "Key: DOT ↑ improvement in performance / increase in numbers; → no movement; "
        "↓ decline in performance / decrease in numbers", font=BOLD, fill=PALE)
    put(sheet, row + 1, 1, "*Annual Trend relates to current reporting year April to Mar - not rolling year",
        align=WRAP)
    put(sheet, row + 2, 1, "Benchmarking is the latest DfE release; the year is shown in brackets.", align=WRAP)
    sheet.freeze_panes = "C5"
    widths(sheet, {"A": 9, "B": 52, "C": 22, "D": 9, "E": 14, "F": 14})
    sheet.cell(row=4, column=1).fill = NAVY
    sheet.cell(row=4, column=1).font = WHITE_BOLD
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
