"""Style 4: an NHS trust's integrated performance report (IPR) data sheet.

How it is kept: the trust and report title; a two-row header with ``M01`` .. ``M12`` (financial-year months,
M01 = April) under a merged ``2024/25`` label and the fixed columns merged down; ``Aim to maximise`` /
``Aim to minimise`` / ``Contextual`` in a ``Direction`` column; a single ``Target`` per metric; no unit
column, so each metric's unit and decimals are only in its cells' number formats (``0.0%``, ``0%``,
``#,##0``, ``0.00`` for a rate per 1,000 bed days, ``0.0`` for days); SPC ``Variation`` and ``Assurance``
words; official-statistics markers ``[x]`` (not available), ``[c]`` (suppressed) and ``..`` (not yet
available); a key under the table. Figures run to M07 (October 2024).
"""

from __future__ import annotations

from pathlib import Path

from _kit import (
    BOLD,
    NAVY,
    ONE_PLACE,
    PALE,
    PERCENT,
    TITLE,
    TWO_PLACES,
    WHITE_BOLD,
    WHOLE,
    WRAP,
    main,
    merged,
    new_workbook,
    put,
    widths,
)

NAME = "nhs_ipr"
WHOLE_PERCENT = "0%"

# ref, KPI, exec lead, direction, target, number format, M01..M07, YTD, variation, assurance
ROWS = [
    ("UEC01", "Emergency Department - patients seen within 4 hours", "Chief Operating Officer", "Aim to maximise",
     0.78, PERCENT, [0.742, 0.751, 0.748, 0.759, 0.771, 0.765, 0.7796], 0.760,
     "Special cause improvement", "Hit and miss"),
    ("EL01", "RTT - patients waiting more than 52 weeks", "Chief Operating Officer", "Aim to minimise",
     0, WHOLE, [512, 498, 486, 471, 455, 436, 412], None, "Special cause improvement", "Consistently fail"),
    ("CA01", "Cancer - 62 day referral to first treatment", "Chief Operating Officer", "Aim to maximise",
     0.85, PERCENT, [0.684, 0.701, 0.692, 0.718, 0.705, 0.712, ".."], None, "Common cause", "Consistently fail"),
    ("QS01", "Clostridioides difficile infections (hospital onset)", "Chief Nurse", "Aim to minimise",
     5, WHOLE, [5, 3, 6, 4, 3, 6, 4], 31, "Common cause", "Hit and miss"),
    ("QS02", "Patient safety incidents resulting in severe harm or death", "Chief Nurse", "Aim to minimise",
     0, WHOLE, [2, 1, 3, 1, 2, 1, "[c]"], "[c]", "Common cause", "Hit and miss"),
    ("QS03", "Inpatient falls with moderate harm or above per 1,000 bed days", "Chief Nurse", "Aim to minimise",
     0.2, TWO_PLACES, [0.21, 0.18, 0.22, 0.17, 0.20, 0.19, 0.24], 0.20, "Common cause", "Hit and miss"),
    ("EL02", "Average length of stay - elective (days)", "Chief Operating Officer", "Aim to minimise",
     3.5, ONE_PLACE, [3.7, 3.6, 3.62, 3.58, 3.61, 3.54, 3.46], 3.6, "Common cause", "Hit and miss"),
    ("EL03", "Mean days from referral to first outpatient appointment", "Chief Operating Officer",
     "Aim to minimise", 28.0, ONE_PLACE, [31.2, 30.4, 29.9, 29.1, 28.8, 28.4, 27.6], None,
     "Special cause improvement", "Hit and miss"),
    ("WF01", "Staff sickness absence rate", "Chief People Officer", "Aim to minimise",
     0.045, PERCENT, [0.0482, "[x]", 0.0468, 0.0459, 0.0466, 0.0471, 0.0462], 0.0466,
     "Common cause", "Consistently fail"),
    ("PE01", "Friends and Family Test - inpatients rating care good or very good", "Chief Nurse",
     "Aim to maximise", 0.95, WHOLE_PERCENT, [0.96, 0.94, 0.95, 0.93, 0.96, 0.95, 0.945], None,
     "Common cause", "Hit and miss"),
    ("UEC02", "Emergency Department attendances", "Chief Operating Officer", "Contextual",
     None, WHOLE, [10212, 10988, 10645, 11302, 10417, 10905, 11482], 75951, "Common cause", None),
]


def build(folder: Path) -> Path:
    book = new_workbook("Performance & Information")
    sheet = book.active
    sheet.title = "IPR Data"
    put(sheet, 1, 1, "Northgate Hospitals NHS Foundation Trust", font=BOLD)
    put(sheet, 2, 1, "Integrated Performance Report - Board of Directors - Month 7 (October 2024)", font=TITLE)
    fixed_before = ["Ref", "KPI", "Exec Lead", "Direction", "Target"]
    for column, header in enumerate(fixed_before, start=1):
        merged(sheet, 4, column, 5, column, header, font=WHITE_BOLD, fill=NAVY)
    merged(sheet, 4, 6, 4, 17, "2024/25", font=WHITE_BOLD, fill=NAVY)
    for month in range(1, 13):
        put(sheet, 5, 5 + month, f"M{month:02d}", font=WHITE_BOLD, fill=NAVY)
    for offset, header in enumerate(["YTD", "Variation", "Assurance"]):
        merged(sheet, 4, 18 + offset, 5, 18 + offset, header, font=WHITE_BOLD, fill=NAVY)
    row = 6
    for ref, kpi, lead, direction, target, number_format, months, ytd, variation, assurance in ROWS:
        values = [ref, kpi, lead, direction, target, *months, *[None] * (12 - len(months)), ytd, variation,
                  assurance]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, number_format=number_format if column >= 5 else None, box=True)
        row += 1
    row += 1
    put(sheet, row, 1, "Key", font=BOLD, fill=PALE)
    put(sheet, row + 1, 1, "[x] not available; [c] suppressed to protect confidentiality (small numbers); "
        ".. not yet available (cancer waiting times are reported one month in arrears).", align=WRAP)
    put(sheet, row + 2, 1, "M01 = April. Year to date is shown where the metric is cumulative or averaged.",
        align=WRAP)
    widths(sheet, {"A": 8, "B": 60, "C": 24, "D": 16, "E": 9})
    sheet.freeze_panes = "F6"
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
