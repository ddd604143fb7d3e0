"""What every house-style generator shares: a workbook with fixed properties, cell styling, and the command line.

Each generator in this folder is run as ``python tests/house_styles/<style>.py OUTDIR`` and writes
``OUTDIR/<style>.xlsx``. The figures live in the generator; the hand-worked results live in ``<style>.toml``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

# Fixed so two runs write the same cells and properties.
CREATED = dt.datetime(2024, 12, 2, 9, 0, 0)

PERCENT = "0.0%"
WHOLE = "#,##0"
ONE_PLACE = "0.0"
TWO_PLACES = "0.00"

_THIN = Side(style="thin", color="808080")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WHITE_BOLD = Font(bold=True, color="FFFFFF")
NAVY = PatternFill("solid", fgColor="1F4E79")
GREY = PatternFill("solid", fgColor="D9D9D9")
PALE = PatternFill("solid", fgColor="DDEBF7")
RAG_FILLS = {
    "R": PatternFill("solid", fgColor="FF0000"), "Red": PatternFill("solid", fgColor="FF0000"),
    "A": PatternFill("solid", fgColor="FFC000"), "Amber": PatternFill("solid", fgColor="FFC000"),
    "G": PatternFill("solid", fgColor="00B050"), "Green": PatternFill("solid", fgColor="00B050"),
}
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)


def new_workbook(author: str) -> Workbook:
    book = Workbook()
    book.properties.creator = author
    book.properties.lastModifiedBy = author
    book.properties.created = CREATED
    return book


def put(sheet: Worksheet, row: int, column: int, value: object, *, number_format: str | None = None,
        font: Font | None = None, fill: PatternFill | None = None, align: Alignment | None = None,
        box: bool = False) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if number_format and isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.number_format = number_format
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if align:
        cell.alignment = align
    if box:
        cell.border = BOX


def merged(sheet: Worksheet, first_row: int, first_column: int, last_row: int, last_column: int, value: object,
           *, font: Font | None = BOLD, fill: PatternFill | None = None) -> None:
    """A merged block holding ``value`` in its top-left cell, as Excel stores merges."""
    put(sheet, first_row, first_column, value, font=font, fill=fill, align=CENTRE, box=True)
    if (first_row, first_column) != (last_row, last_column):
        sheet.merge_cells(start_row=first_row, start_column=first_column, end_row=last_row, end_column=last_column)


def header_row(sheet: Worksheet, row: int, first_column: int, headers: list[object], *,
               fill: PatternFill = NAVY, font: Font = WHITE_BOLD, date_format: str = "mmm-yy") -> None:
    for offset, header in enumerate(headers):
        if header is None:
            continue
        put(sheet, row, first_column + offset, header, font=font, fill=fill, align=CENTRE, box=True)
        if isinstance(header, (dt.date, dt.datetime)):
            sheet.cell(row=row, column=first_column + offset).number_format = date_format


def widths(sheet: Worksheet, sizes: dict[str, float]) -> None:
    for letter, size in sizes.items():
        sheet.column_dimensions[letter].width = size


def month_dates(first: dt.date, count: int) -> list[dt.date]:
    months = []
    year, month = first.year, first.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def main(build: Callable[[Path], Path]) -> None:
    """``python <style>.py OUTDIR``: write the tracker into OUTDIR (default: the current folder)."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    print(build(folder))
