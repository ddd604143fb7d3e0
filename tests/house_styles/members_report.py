"""Style 1: this council's current Members' report tracker (children's social care).

How it is kept: a directorate line, the report title and a "data as at" line; a key; a merged ``2024/25``
label over the month columns; months as text ``Apr-24`` .. ``Mar-25`` (filled to Nov-24); a
``Polarity (High/Low)`` column; thresholds written as the range where each colour applies (Low measures
Red ``16%+`` / Amber ``8%+`` / Green ``<8%``, or ``2.0%+`` / ``0.5%+`` / ``<0.5%``; High measures Red ``<84%``
/ Amber ``84%+`` / Green ``92%+``); the officer's own ``RAG`` letter and ``DOT`` triangle; footnotes.
Counts that are not rated say ``N/A`` for polarity.
"""

from __future__ import annotations

from pathlib import Path

from _kit import (
    BOLD,
    CENTRE,
    GREY,
    PALE,
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

NAME = "members_report"
MONTHS = ["Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Oct-24", "Nov-24", "Dec-24", "Jan-25",
          "Feb-25", "Mar-25"]

LOW_16 = ("16%+", "8%+", "<8%")
LOW_2 = ("2.0%+", "0.5%+", "<0.5%")
HIGH_92 = ("<84%", "84%+", "92%+")
NONE = (None, None, None)

WORKFORCE = "Workforce"
PROTECTION = "Child protection"
FRONT_DOOR = "Front door"

# ref, measure, section, polarity, timeline, Apr..Nov figures, (red, amber, green), officer RAG, officer DOT
ROWS = [
    ("W1", "Agency social workers as a % of social work posts", WORKFORCE, "Low", "As at month end",
     [0.192, 0.188, 0.185, 0.181, 0.179, 0.176, 0.174, 0.170], LOW_16, "R", "▲"),
    ("W2", "Social worker vacancy rate", WORKFORCE, "Low", "As at month end",
     [0.124, 0.121, 0.118, 0.112, 0.109, 0.106, 0.103, 0.097], LOW_16, "A", "▲"),
    ("W3", "Social worker turnover (rolling 12 months)", WORKFORCE, "Low", "As at month end",
     [0.091, 0.088, 0.085, 0.083, 0.081, 0.079, 0.0774, 0.0766], LOW_16, "G", "►"),
    ("P1", "% of child protection plans lasting 2 years or more", PROTECTION, "Low", "As at month end",
     [0.024, 0.022, 0.021, 0.019, 0.018, 0.017, 0.018, 0.0196], LOW_2, "R", "▼"),
    ("P2", "% of children becoming subject to a CP plan for a second or subsequent time (within 2 years)",
     PROTECTION, "Low", "As at month end",
     [0.092, 0.087, 0.081, 0.085, 0.083, 0.082, 0.079, 0.080], LOW_16, "A", "▼"),
    ("P3", "% of child protection reviews held within timescale", PROTECTION, "High", "As at month end",
     [0.951, 0.944, 0.938, 0.947, 0.931, 0.929, 0.925, 0.9196], HIGH_92, "G", "▼"),
    ("P4", "% of children on a CP plan visited within 10 working days", PROTECTION, "High", "As at month end",
     [0.912, 0.921, 0.934, 0.929, 0.941, 0.936, 0.938, 0.950], HIGH_92, "G", "▲"),
    ("F2", "Number of children subject to a child protection plan", PROTECTION, "N/A", "As at month end",
     [301, 296, 288, 279, 283, 291, 287, 287], NONE, None, "►"),
    ("P5", "% of single assessments completed within 45 working days", FRONT_DOOR, "High", "As at month end",
     [0.872, 0.866, 0.851, 0.858, 0.843, 0.846, 0.8394, 0.840], HIGH_92, "A", "▲"),
    ("P6", "% of referrals with a decision within 1 working day", FRONT_DOOR, "High", "As at month end",
     [0.902, 0.897, 0.889, 0.874, 0.868, 0.872, 0.861, 0.8349], HIGH_92, "R", "▼"),
    ("F1", "Number of contacts to the Front Door", FRONT_DOOR, "N/A", "Financial Year",
     [1842, 1905, 1766, 1690, 1402, 1877, 2011, 1958], NONE, None, "▼"),
]

HEADERS = ["Ref", "Measure", "Polarity (High/Low)", "Timeline", *MONTHS, "Red", "Amber", "Green", "RAG", "DOT",
           "Lead officer comment"]


def build(folder: Path) -> Path:
    book = new_workbook("Performance & Intelligence")
    sheet = book.active
    sheet.title = "Members Report"
    put(sheet, 1, 1, "Children and Young People's Services", font=BOLD)
    put(sheet, 2, 1, "Members' Performance Report - Children's Social Care", font=TITLE)
    put(sheet, 3, 1, "Data as at 30 November 2024", font=BOLD)
    put(sheet, 4, 1, "Key: thresholds show the range in which each colour applies. RAG: R = Red, A = Amber, "
        "G = Green. DOT: ▲ performance improved, ▼ performance declined, ► no change.", fill=PALE)
    first_month = 5
    last_month = first_month + len(MONTHS) - 1
    merged(sheet, 6, first_month, 6, last_month, "2024/25", fill=GREY)
    merged(sheet, 6, last_month + 1, 6, last_month + 3, "Thresholds", fill=GREY)
    merged(sheet, 6, last_month + 4, 6, last_month + 5, "Officer assessment", fill=GREY)
    header_row(sheet, 7, 1, HEADERS)
    row = 8
    section = None
    for ref, measure, this_section, polarity, timeline, figures, thresholds, rag, dot in ROWS:
        if this_section != section:
            section = this_section
            merged(sheet, row, 1, row, len(HEADERS), section.upper(), fill=GREY)
            row += 1
        values = [ref, measure, polarity, timeline, *figures, *[None] * (len(MONTHS) - len(figures)), *thresholds,
                  rag, dot, None]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, number_format=PERCENT if polarity != "N/A" else "#,##0", box=True)
        if rag:
            sheet.cell(row=row, column=last_month + 4).fill = RAG_FILLS[rag]
            sheet.cell(row=row, column=last_month + 4).alignment = CENTRE
        row += 1
    row += 1
    put(sheet, row, 1, "Notes", font=BOLD)
    put(sheet, row + 1, 1, "Workforce figures are headcount-based and exclude ASYE social workers.", align=WRAP)
    put(sheet, row + 2, 1, "Figures may change when reports are re-run at the end of the following month.",
        align=WRAP)
    widths(sheet, {"A": 7, "B": 60, "C": 12, "D": 16})
    sheet.freeze_panes = "C8"
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
