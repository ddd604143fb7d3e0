"""A "Members' report tracker" in the house style of a children's services performance team.

Thresholds are written as the range where each colour applies (red ``16%+``, amber ``8%+``, green ``<8%`` on a
low-is-good measure), polarity under a ``Polarity (High/Low)`` header in words (``Within limits``, ``Data only``),
green left blank where what is neither red nor amber is green, and social-worker caseloads kept within a
``14-20`` band with amber ``1 above range`` and red ``1+ above range``. Months are text (``Apr-24``). The
officer's RAG letters and DOT arrows agree with the figures. Expected results: ratings_members_report.toml.

    python tests/house_styles/ratings_members_report.py OUT.xlsx
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl

MONTHS = ["Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24"]
HEADER = ["Ref", "Measure", "Polarity (High/Low)", "Unit", *MONTHS, "Red", "Amber", "Green", "RAG", "DOT"]
# ref, measure, polarity, unit, six months, red, amber, green, officer's RAG, officer's DOT
ROWS = [
    ["M1", "% of referrals that are re-referrals within 12 months", "Low", "%",
     0.170, 0.152, 0.121, 0.097, 0.083, 0.097, "16%+", "8%+", "<8%", "A", "↓"],
    ["M2", "% of children becoming subject to a plan for a second time within 2 years", "Low", "%",
     0.004, 0.006, 0.012, 0.009, 0.014, 0.021, "2.0%+", "0.5%+", "<0.5%", "R", "↓"],
    ["M3", "% of EHC plans issued within 20 weeks", "High", "%",
     0.78, 0.83, 0.86, 0.90, 0.91, 0.95, "<84%", "84%+", "92%+", "G", "↑"],
    ["M4", "Number of children missing from care for more than 24 hours", "Low", "Count",
     25, 23, 22, 24, 21, 18, ">22", "20-22", None, "G", "↑"],
    ["M5", "Average caseload of social workers in Assessment teams", "Within limits", "Average",
     18.2, 19.0, 19.8, 19.5, 19.5, 20.6, "1+ above range", "1 above range", "14-20", "A", "↓"],
    ["M6", "Average caseload of social workers in Children in Care teams", "Within limits", "Average",
     15.1, 14.2, 13.4, 12.9, 12.5, 13.2, "1+ above range", "1 above range", "14-20", "A", "↑"],
    ["M7", "Number of contacts to the front door", "Data only", "Count",
     1180, 1243, 1101, 998, 1150, 1204, None, None, None, None, "↑"],
]


def build(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Members report"
    sheet.append(["Children and Young People's Services: Members' performance report"])
    sheet.append(["Data to end of September 2024"])
    sheet.append([])
    sheet.append(HEADER)
    header_row = sheet.max_row
    for offset, row in enumerate(ROWS, start=1):
        sheet.append(row)
        if row[3] == "%":
            for column in range(5, 5 + len(MONTHS)):
                sheet.cell(header_row + offset, column).number_format = "0.0%"
    sheet.append([])
    sheet.append(["RAG: red, amber and green show the range each colour applies to."])
    workbook.save(path)
    return path


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "ratings_members_report.xlsx"))
