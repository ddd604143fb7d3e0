"""Style 7: a school-term education and inclusion tracker.

How it is kept: service and title lines; academic-year labels ``2023/24`` and ``2024/25`` merged over the
term columns; term headers ``Autumn 2023``, ``Spring 2024``, ``Summer 2024``, ``Autumn 2024`` (then Spring and
Summer 2025, still empty); a ``Good is`` column with High / Low (``n/a`` for context figures); colour-range
thresholds or a single green target; a national average whose cells carry their year; notes under the table.
The latest term with figures is Autumn 2024; one measure's Autumn figure is not yet published.
"""

from __future__ import annotations

from pathlib import Path

from _kit import BOLD, GREY, PERCENT, TITLE, WRAP, header_row, main, merged, new_workbook, put, widths

NAME = "education_terms"
TERMS = ["Autumn 2023", "Spring 2024", "Summer 2024", "Autumn 2024", "Spring 2025", "Summer 2025"]

# ref, indicator, good is, (red, amber, green), Autumn 2023 .. Autumn 2024, national average, note
ROWS = [
    ("ED01", "Persistent absence - children in care (% of pupils)", "Low", (None, None, "25%"),
     [0.244, 0.262, 0.281, 0.236], "27.1% (2022/23)", ""),
    ("ED02", "% of children in care with an up-to-date Personal Education Plan", "High", ("<90%", "90%+", "95%+"),
     [0.931, 0.955, 0.962, 0.947], None, ""),
    ("ED03", "Take-up of funded early education by eligible 2-year-olds", "High", (None, None, "75%+"),
     [0.721, 0.729, 0.738, 0.7496], "75.0% (2024)", ""),
    ("ED04", "Suspension rate (% of pupils, all schools)", "Low", ("2.0%+", "1.5%+", "<1.5%"),
     [0.019, 0.023, 0.021, 0.016], "2.1% (2022/23)", ""),
    ("ED05", "% of pupils attending a good or outstanding school", "High", (None, None, "90%+"),
     [0.871, 0.879, 0.884, None], "89.0% (2024)", "Autumn figure follows Ofsted's December data release."),
    ("ED06", "Children missing education (at census)", "Low", (None, None, 80),
     [74, 81, 92, 87], None, ""),
    ("ED07", "Children electively home educated (at census)", "n/a", (None, None, None),
     [368, 381, 398, 412], None, "Context only."),
]

HEADERS = ["Ref", "Indicator", "Good is", "Red", "Amber", "Green", *TERMS, "National average", "Notes"]


def build(folder: Path) -> Path:
    book = new_workbook("Education Performance")
    sheet = book.active
    sheet.title = "Termly"
    put(sheet, 1, 1, "Education, Learning & Skills", font=BOLD)
    put(sheet, 2, 1, "Termly Education and Inclusion Performance - Autumn Term 2024", font=TITLE)
    first_term = 7
    merged(sheet, 4, first_term, 4, first_term + 2, "2023/24", fill=GREY)
    merged(sheet, 4, first_term + 3, 4, first_term + 5, "2024/25", fill=GREY)
    header_row(sheet, 5, 1, HEADERS)
    row = 6
    for ref, name, good_is, thresholds, terms, national, note in ROWS:
        counts = isinstance(terms[0], int)
        values = [ref, name, good_is, *thresholds, *terms, *[None] * (len(TERMS) - len(terms)), national,
                  note or None]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, number_format="#,##0" if counts else PERCENT, box=True)
        row += 1
    row += 1
    put(sheet, row, 1, "Terms: Autumn (Sep-Dec), Spring (Jan-Mar/Apr), Summer (Apr/May-Jul). Figures are as at "
        "the end of each term.", align=WRAP)
    put(sheet, row + 1, 1, "National averages are the latest DfE release; the year is shown in brackets.",
        align=WRAP)
    widths(sheet, {"A": 7, "B": 60, "C": 8})
    sheet.freeze_panes = "C6"
    path = folder / f"{NAME}.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    main(build)
