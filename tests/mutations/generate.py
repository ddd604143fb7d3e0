"""Rebuild the header-slip corpus: copies of a sample tracker sheet, each with one slip an officer makes.

    .venv/bin/python tests/mutations/generate.py

Each file is the Care Leavers sheet of ``sample_workbooks/corporate_parenting_2019-20.xlsx`` (the other
sheets removed, so its refs are not repeated; formulas kept as the values Excel saved), with one header
renamed, a month header mistyped, a month column missing, or a second table added below. What
`boardpack validate` must say about each is in expected.toml beside this script. The files are committed, so
the tests do not depend on this script.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent.parent / "sample_workbooks" / "corporate_parenting_2019-20.xlsx"
SHEET = "Care Leavers"
SECOND_SHEET = "Placements & Fostering"
HEADER_ROW = 5
FIRST_MONTH_COLUMN = 8  # H: fifteen month columns, H to V, with figures in H to K
MONTH_COLUMNS = 15
FIXED_TIME = dt.datetime(2026, 11, 30, 9, 0, 0)


def _month_label(year: int, month: int, shift: int) -> str:
    index = year * 12 + month - 1 + shift
    return dt.date(index // 12, index % 12 + 1, 1).strftime("%b-%y")


def relabel(sheet: Worksheet, year: int, month: int, skip: int | None = None) -> None:
    """Write text month headers from ``year``-``month`` on, one per month column (leaving out the
    ``skip``th month, so the columns from there on are a month later)."""
    for offset in range(MONTH_COLUMNS):
        shift = offset + (1 if skip is not None and offset >= skip else 0)
        sheet.cell(HEADER_ROW, FIRST_MONTH_COLUMN + offset).value = _month_label(year, month, shift)


def _header(column: str, text: str | None) -> Callable[[Worksheet], None]:
    def change(sheet: Worksheet) -> None:
        sheet[f"{column}{HEADER_ROW}"].value = text
    return change


def _months(year: int, month: int, column: str | None = None, text: str | None = None, skip: int | None = None,
            blank_after: str | None = None) -> Callable[[Worksheet], None]:
    def change(sheet: Worksheet) -> None:
        relabel(sheet, year, month, skip)
        if column is not None:
            sheet[f"{column}{HEADER_ROW}"].value = text
        if blank_after is not None:
            start = openpyxl.utils.column_index_from_string(blank_after) + 1
            for index in range(start, FIRST_MONTH_COLUMN + MONTH_COLUMNS):
                sheet.cell(HEADER_ROW, index).value = None
    return change


def _append_table(header: list[object] | None) -> Callable[[Worksheet], None]:
    """Below the sheet's footnotes: a blank row, a title row, and the Placements & Fostering table (its own
    header row, or ``header`` in its place)."""
    def change(sheet: Worksheet) -> None:
        source = openpyxl.load_workbook(SAMPLE, data_only=True)[SECOND_SHEET]
        row = sheet.max_row + 2
        sheet.cell(row, 1).value = "Placements & Fostering"
        for source_row in range(HEADER_ROW, 17):
            row += 1
            for column in range(1, source.max_column + 1):
                cell = source.cell(source_row, column)
                target = sheet.cell(row, column)
                target.value = cell.value
                target.number_format = cell.number_format
            if source_row == HEADER_ROW and header is not None:
                for column in range(1, source.max_column + 1):
                    sheet.cell(row, column).value = header[column - 1] if column <= len(header) else None
    return change


MUTATIONS: dict[str, Callable[[Worksheet], None]] = {
    "base.xlsx": lambda sheet: None,
    "base_2026.xlsx": _months(2026, 6),
    "polarity_qualified.xlsx": _header("E", "Polarity (High/Low)"),
    "green_as_tgt.xlsx": _header("AB", "Tgt"),
    "ref_with_stop.xlsx": _header("A", "Ref."),
    "polarity_misspelt.xlsx": _header("E", "Polarty"),
    "indicator_misspelt.xlsx": _header("B", "Indictor"),
    "polarity_faint.xlsx": _header("E", "Polrty"),
    "thresholds_joined.xlsx": _header("Z", "Red/Amber"),
    "timeline_deleted.xlsx": _header("G", None),
    "year_typo.xlsx": _months(2026, 6, "K", "Sept 23"),
    "month_misspelt_among_months.xlsx": _months(2026, 5, "I", "Jnu-26"),
    "month_misspelt_last.xlsx": _months(2023, 6, "K", "Spet-23", blank_after="K"),
    "month_misspelt_empty.xlsx": _months(2024, 1, "L", "Mya 24"),
    "date_first_of_month.xlsx": _months(2026, 6, "I", "01/07/2026"),
    "date_short.xlsx": _months(2026, 6, "J", "1/8/26"),
    "date_dotted_in_sequence.xlsx": _months(2026, 6, "K", "15.09.2026"),
    "date_out_of_place.xlsx": _months(2026, 6, "K", "13/06/2026"),
    "repeated_month.xlsx": _months(2026, 6, "K", "Aug-26"),
    "missing_month.xlsx": _months(2026, 6, skip=3),
    "future_month.xlsx": _months(2098, 1),
    "second_table.xlsx": _append_table(None),
    "second_table_without_refs.xlsx": _append_table(
        [None, "Service", None, None, None, None, None, "Jan-19", "Feb-19", "Mar-19", "Apr-19"]),
}


def write(name: str, change: Callable[[Worksheet], None]) -> None:
    workbook = openpyxl.load_workbook(SAMPLE, data_only=True)
    for sheet in list(workbook.worksheets):
        if sheet.title != SHEET:
            workbook.remove(sheet)
    change(workbook[SHEET])
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.save(HERE / name)


def write_two_sheets() -> None:
    """The two sample sheets side by side, as the second-table copy must read."""
    workbook = openpyxl.load_workbook(SAMPLE, data_only=True)
    for sheet in list(workbook.worksheets):
        if sheet.title not in (SHEET, SECOND_SHEET):
            workbook.remove(sheet)
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.save(HERE / "base_two_sheets.xlsx")


def main() -> None:
    for name, change in MUTATIONS.items():
        write(name, change)
    write_two_sheets()


if __name__ == "__main__":
    main()
