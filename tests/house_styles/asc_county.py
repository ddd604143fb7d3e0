"""Style 5: a county council's adult social care (ASC) performance tracker.

How it is kept: a title and period line; a two-row header whose month columns say only ``Apr`` .. ``Mar``
under merged year labels ``2023/24`` and ``2024/25`` (fixed columns merged down); polarity in words
(``Higher is better`` / ``Lower is better`` / ``Data only``); a ``Target`` and a ``Floor`` (the amber
threshold: at or beyond the floor is amber, short of it red); section banner rows merged across the sheet;
monthly measures; quarterly measures with figures only at quarter-end months and blank months between;
an annual survey measure whose month cells say ``Annual Indicator`` (its figure sits in March of the year it
describes) and a twice-yearly measure whose cells say ``Measured twice per year`` (figures in Sep and Mar).
Monthly figures run to Nov-24.
"""

from __future__ import annotations

from pathlib import Path

from _kit import (
    BOLD,
    GREY,
    NAVY,
    ONE_PLACE,
    PERCENT,
    TITLE,
    WHITE_BOLD,
    WHOLE,
    WRAP,
    main,
    merged,
    new_workbook,
    put,
    widths,
)

NAME = "asc_county"
MONTH_WORDS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
ANNUAL = "Annual Indicator"
TWICE = "Measured twice per year"


def quarterly(*quarter_ends: float) -> list[object]:
    """Figures at Jun, Sep, Dec and Mar with the months between left blank, as the team keeps them."""
    cells: list[object] = []
    for figure in quarter_ends:
        cells += [None, None, figure]
    return cells


def annual_in_march(figure: float | None) -> list[object]:
    return [ANNUAL] * 11 + [ANNUAL if figure is None else figure]


def twice_yearly(september: float | None, march: float | None) -> list[object]:
    return [TWICE] * 5 + [TWICE if september is None else september] + [TWICE] * 5 + \
        [TWICE if march is None else march]


ASSESSMENT = "Assessment and support"
SAFEGUARDING = "Safeguarding"
PREVENTION = "Prevention and reablement"

# section, ref, measure, ASCOF, good performance is, target, floor, number format, 2023/24 cells, 2024/25 cells
ROWS = [
    (ASSESSMENT, "ASC01", "People waiting for a Care Act assessment (at month end)", "", "Lower is better",
     250, 300, WHOLE,
     [412, 398, 387, 402, 376, 361, 355, 348, 340, 331, 322, 315],
     [318, 309, 312, 305, 296, 299, 301, 286]),
    (ASSESSMENT, "ASC08", "Average days from first contact to completed Care Act assessment", "", "Lower is better",
     28, 35, ONE_PLACE,
     [38.2, 37.5, 36.9, 35.4, 36.1, 34.8, 33.9, 34.2, 32.7, 31.8, 31.2, 30.5],
     [31.4, 30.9, 30.2, 29.8, 30.5, 29.6, 29.1, 27.6]),
    (ASSESSMENT, "ASC07", "Number of people receiving long-term support (at month end)", "", "Data only",
     None, None, WHOLE,
     [6120, 6134, 6158, 6171, 6190, 6204, 6231, 6248, 6262, 6281, 6297, 6315],
     [6330, 6342, 6361, 6377, 6389, 6402, 6412, 6398]),
    (ASSESSMENT, "ASC06", "Proportion of adults with a learning disability in paid employment", "2F",
     "Higher is better", 0.060, 0.055, PERCENT,
     twice_yearly(0.054, 0.061), twice_yearly(0.058, None)),
    (SAFEGUARDING, "ASC02", "% of safeguarding enquiries where the risk was reduced or removed", "",
     "Higher is better", 0.90, 0.85, PERCENT,
     [0.884, 0.891, 0.879, 0.902, 0.896, 0.887, 0.893, 0.881, 0.876, 0.889, 0.894, 0.901],
     [0.905, 0.898, 0.889, 0.884, 0.879, 0.866, 0.872, 0.85]),
    (SAFEGUARDING, "ASC05", "Proportion of people who use services who feel safe (Adult Social Care Survey)",
     "4A", "Higher is better", 0.70, 0.67, PERCENT,
     annual_in_march(0.712), annual_in_march(None)),
    (PREVENTION, "ASC03", "Proportion of older people (65+) still at home 91 days after discharge into "
     "reablement", "2D", "Higher is better", 0.82, 0.80, PERCENT,
     quarterly(0.812, 0.798, 0.826, 0.841), quarterly(0.833, 0.819)),
    (PREVENTION, "ASC04", "Permanent admissions to residential and nursing care, aged 65+, per 100,000 "
     "(rolling 12 months)", "2A", "Lower is better", 580, 620, ONE_PLACE,
     quarterly(640.2, 655.8, 610.4, 598.7), quarterly(575.0, 602.3)),
    (PREVENTION, "ASC09", "% of new clients whose first service was short-term (reablement)", "", "Higher is better",
     0.75, None, PERCENT,
     [0.712, 0.718, 0.724, 0.731, 0.729, 0.737, 0.741, 0.739, 0.744, 0.746, 0.749, 0.751],
     [0.747, 0.753, 0.749, 0.755, 0.751, 0.756, 0.752, 0.748]),
]

FIXED = ["Ref", "Measure", "ASCOF", "Good performance is", "Target", "Floor"]


def build(folder: Path) -> Path:
    book = new_workbook("Adults Performance Team")
    sheet = book.active
    sheet.title = "ASC Tracker"
    put(sheet, 1, 1, "Adult Social Care Performance Tracker", font=TITLE)
    put(sheet, 2, 1, "Shire County Council - data to end of November 2024", font=BOLD)
    for column, header in enumerate(FIXED, start=1):
        merged(sheet, 4, column, 5, column, header, font=WHITE_BOLD, fill=NAVY)
    first_month = len(FIXED) + 1
    for year_index, year in enumerate(["2023/24", "2024/25"]):
        start = first_month + 12 * year_index
        merged(sheet, 4, start, 4, start + 11, year, font=WHITE_BOLD, fill=NAVY)
        for offset, word in enumerate(MONTH_WORDS):
            put(sheet, 5, start + offset, word, font=WHITE_BOLD, fill=NAVY)
    comments = first_month + 24
    merged(sheet, 4, comments, 5, comments, "Comments", font=WHITE_BOLD, fill=NAVY)
    row = 6
    section = None
    for this_section, ref, measure, ascof, polarity, target, floor, number_format, last_year, this_year in ROWS:
        if this_section != section:
            section = this_section
            merged(sheet, row, 1, row, comments, section, fill=GREY)
            row += 1
        values = [ref, measure, ascof or None, polarity, target, floor, *last_year, *this_year]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, number_format=number_format if column >= 5 else None, box=True)
        row += 1
    row += 1
    put(sheet, row, 1, "Target: green at or better than the target. Floor: amber at or better than the floor, "
        "red if worse. Data only measures are not rated.", align=WRAP)
    put(sheet, row + 1, 1, "Annual survey measures are shown in March of the year they describe. Quarterly measures "
        "are shown in the last month of the quarter.", align=WRAP)
    widths(sheet, {"A": 8, "B": 62, "C": 7, "D": 18, "E": 9, "F": 9})
    sheet.freeze_panes = "G6"
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
