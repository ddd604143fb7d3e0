"""Style 2: this council's Children in Care (CIC) summary.

How it is kept: the directorate banner on row 1, then the report's own title, then the period line; a row
of merged group headers; a ``Section`` column whose cells are merged down over each section's rows; the
last three months as date cells (Jul-24 .. Sep-24); counts as ``N of D`` text; a ``2024/25 YTD`` column;
colour-range thresholds; two outturn years; benchmark columns whose cells carry their year
(``9.8% (2023)``); a caseload measure with polarity ``Within limits`` and tolerances Green ``14-20``,
Amber ``1 above range``, Red ``1+ above range``; indicator names marked ``*`` and footnotes under the table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _kit import (
    BOLD,
    GREY,
    NAVY,
    ONE_PLACE,
    PERCENT,
    RAG_FILLS,
    TITLE,
    WHITE_BOLD,
    WRAP,
    header_row,
    main,
    merged,
    new_workbook,
    put,
    widths,
)

NAME = "cic_summary"
MONTHS = [dt.date(2024, 7, 1), dt.date(2024, 8, 1), dt.date(2024, 9, 1)]

CARE = "Children in care"
HEALTH = "Health & placements"
LEAVERS = "Care leavers"
WORKFORCE = "Workforce"
REVIEWS = "Reviews"
CASELOAD = ("1+ above range", "1 above range", "14-20")

# section, ref, indicator, good perf is, data note, timeline, Jul..Sep, YTD, (red, amber, green),
# 2022/23, 2023/24, SN average, national average, officer DOT, officer RAG
ROWS = [
    (CARE, "CIC1", "Number of children in care", "Info", "Count", "As at mth end",
     [612, 618, 618], "-", ("n/a", "n/a", "n/a"), 581, 604, None, None, "►", None),
    (CARE, "CIC2", "Rate of children in care per 10,000 children aged 0-17", "Low", "Rate per 10,000",
     "As at mth end", [95.3, 94.1, 92.4], "-", (">105", "95-105", None), 88.9, 94.7, "89.0 (2023)", "71.0 (2023)",
     "▲", "Green"),
    (CARE, "CIC3", "Children becoming looked after", "Info", "Count", "Financial Year",
     [21, 17, 25], 118, ("n/a", "n/a", "n/a"), 236, 251, None, None, "▲", None),
    (HEALTH, "CIC4", "% of children in care with an up to date health assessment", "High", "Percentage",
     "As at mth end", ["548 of 592", "552 of 590", "541 of 588"], "-", ("<85%", "85%+", "90%+"),
     "489 of 566", "558 of 604", "89.0% (2023)", "88.0% (2023)", "▼", "Green"),
    (HEALTH, "CIC5", "% of children in care with 3 or more placements in the last 12 months", "Low", "Percentage",
     "Rolling Year", ["66 of 612", "64 of 618", "61 of 618"], "-", ("12%+", "10%+", "<10%"),
     "68 of 581", "65 of 604", "9.8% (2023)", "10.0% (2023)", "▲", "Green"),
    (HEALTH, "CIC6", "% of children in care for 2.5 years+ in the same placement for 2 years+", "High",
     "Percentage", "As at mth end", ["141 of 210", "143 of 211", "145 of 212"], "-", ("<68%", "68%+", "70%+"),
     "139 of 201", "142 of 209", "69.1% (2023)", "71.0% (2023)", "▲", "Amber"),
    (LEAVERS, "CIC7", "% of care leavers aged 19-21 in education, employment or training", "High", "Percentage",
     "As at mth end", [0.548, 0.561, 0.553], "-", ("<50%", "50%+", "55%+"), 0.512, 0.539,
     "54.0% (2023)", "56.0% (2023)", "▼", "Green"),
    (WORKFORCE, "CIC8", "Average caseload - children in care teams 1-3*", "Within limits", "Average",
     "As at mth end", [18.9, 19.6, 20.4], "-", CASELOAD, 17.1, 18.8, None, None, "▼", "Amber"),
    (WORKFORCE, "CIC9", "Average caseload - children in care teams 4-5*", "Within limits", "Average",
     "As at mth end", [22.8, 22.3, 21.6], "-", CASELOAD, 19.9, 21.4, None, None, "▲", "Red"),
    (REVIEWS, "CIC10", "% of children in care reviews held within timescale**", "High", "Percentage",
     "Financial Year", ["50 of 53", "52 of 54", "48 of 51"], "287 of 301", ("<90%", "90%+", "95%+"),
     "551 of 590", "578 of 601", None, None, "▼", "Amber"),
]

HEADERS = ["Section", "Ref", "Indicator", "Good perf is", "Data note", "Timeline", *MONTHS, "2024/25 YTD",
           "Red", "Amber", "Green", "2022/23", "2023/24", "SN average", "National average", "DOT", "RAG"]


def build(folder: Path) -> Path:
    book = new_workbook("Performance & Quality Team")
    sheet = book.active
    sheet.title = "CIC Summary"
    merged(sheet, 1, 1, 1, len(HEADERS), "Children and Young People's Services", font=WHITE_BOLD, fill=NAVY)
    put(sheet, 2, 1, "Children in Care Summary", font=TITLE)
    put(sheet, 3, 1, "Performance as at the end of September 2024", font=BOLD)
    first_month = 7
    ytd_column = first_month + len(MONTHS)
    merged(sheet, 5, first_month, 5, ytd_column, "IN MONTH PERFORMANCE", fill=GREY)
    merged(sheet, 5, ytd_column + 1, 5, ytd_column + 3, "TARGET & TOLERANCES", fill=GREY)
    merged(sheet, 5, ytd_column + 4, 5, ytd_column + 5, "ANNUAL", fill=GREY)
    merged(sheet, 5, ytd_column + 6, 5, ytd_column + 7, "LATEST BENCHMARKING", fill=GREY)
    header_row(sheet, 6, 1, HEADERS)
    row = 7
    section_start = {}
    for section, ref, name, polarity, unit, timeline, months, ytd, thresholds, *rest in ROWS:
        before, last, sn, nat, dot, rag = rest
        section_start.setdefault(section, [row, row])[1] = row
        values = [None, ref, name, polarity, unit, timeline, *months, ytd, *thresholds, before, last, sn, nat, dot,
                  rag]
        number_format = PERCENT if unit == "Percentage" else ONE_PLACE if unit != "Count" else None
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, number_format=number_format if column > 6 else None, box=True)
        if rag:
            sheet.cell(row=row, column=len(values)).fill = RAG_FILLS[rag]
        row += 1
    for section, (first, last) in section_start.items():
        merged(sheet, first, 1, last, 1, section)
    row += 1
    put(sheet, row, 1, "* Caseloads exclude ASYE (newly qualified) social workers, whose caseloads are protected. "
        "Within limits: 14-20 cases is green; up to 1 above the range amber; more than 1 above the range red.",
        align=WRAP)
    put(sheet, row + 1, 1, "** Reviews held within timescale count reviews due in the month.", align=WRAP)
    put(sheet, row + 2, 1, "Benchmarks are the latest DfE release; the year of each is shown in brackets.",
        align=WRAP)
    widths(sheet, {"A": 20, "B": 7, "C": 58, "D": 12, "E": 15, "F": 14})
    sheet.freeze_panes = "D7"
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
