"""The scorecard's worksheet writes the file xlsxwriter writes, byte for byte, for every kind of cell.

``render/xlsx/sheet.py`` takes shorter ways through xlsxwriter's writing; these tests write the same cells with
xlsxwriter's own ``Workbook`` and with ``ScorecardWorkbook`` and compare every part of the two files, so an
xlsxwriter that writes a cell differently fails here rather than in a committee's workbook.
"""

from __future__ import annotations

import datetime
import io
import warnings
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from xlsxwriter.workbook import Workbook

from boardpack.render.xlsx.sheet import ScorecardWorkbook, ScorecardWorksheet

Fill = Callable[[Any, Any], None]


def _parts(workbook_class: type[Workbook], fill: Fill, options: dict[str, Any] | None = None) -> dict[str, bytes]:
    buffer = io.BytesIO()
    workbook = workbook_class(buffer, {"in_memory": True, **(options or {})})
    workbook.set_properties({"created": datetime.datetime(2024, 4, 1)})
    fill(workbook, workbook.add_worksheet("Cells"))
    workbook.close()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _same_file(fill: Fill, options: dict[str, Any] | None = None) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the deliberately bad rich strings warn, the same in both
        stock, ours = _parts(Workbook, fill, options), _parts(ScorecardWorkbook, fill, options)
    assert list(stock) == list(ours)
    for name in stock:
        assert ours[name] == stock[name], name


def _every_kind(workbook: Any, sheet: Any) -> None:
    bold = workbook.add_format({"bold": True, "num_format": "0.0%"})
    red = workbook.add_format({"font_color": "#C00000", "font_size": 12})
    plain = workbook.add_format({"font_name": "Arial"})
    sheet.set_row(40, 30, plain)  # a row with a format of its own, which its unformatted cells take
    sheet.set_column(9, 9, 12, red)  # likewise a column
    for row, number in enumerate([0, 1, -2.5, 0.1 + 0.2, 1e-12, 123456789012345678, 2 / 3, 94.96, 1e300]):
        sheet.write_number(row, 0, number, bold if row % 2 else None)
    for row, text in enumerate(["Plain", "Tom & Jerry <b>", 'say "hi"', " padded ", "two\nlines", "bell\x07",
                                "_x0041_ literal", "Plain", "=not a formula", "£12.3k ▲▼"]):
        sheet.write_string(row, 1, text, plain if row % 3 else None)
    for row in range(6):
        sheet.write_blank(row, 2, None, red if row % 2 else plain)
        sheet.write_blank(row, 3, None)  # no format: not written at all
    formulas: list[tuple[str, object]] = [
        ('=IF(ISNUMBER($A1),IF(ROUND($A1,1)>=$K1,"Green",IF(AND(ROUND($A1,1)>=$L1,$A1<2),"Amber","Red")),"")',
         "Green"),
        ('=IF(ISNUMBER($A2),"Red","")', ""),
        ("=ROUND(A3,2)", 0),
        ("=ROUND(A4,2)", 1.5),
        ("=OR(A5>1,A6<2)", True),
        ("=IF(A1>0,1/0)", "#DIV/0!"),
        ('=IF(A1>0,"a&b<c>","")', "a&b<c>"),
        ("=XLOOKUP(A1,B1:B5,C1:C5)", 0),  # a newer function xlsxwriter renames
        ("=SUM(A1:A5)", 3),
        ("=(A1+A2)*2", 4),
        ("=IF(A1>0,_xlfn.XLOOKUP(A1,B1:B5,C1:C5),0)", 0),
        ('=IF(A1>0,"note (x)","")', ""),
        ("{=SUM(A1:A3*B1:B3)}", 0),
    ]
    for row, (formula, value) in enumerate(formulas):
        sheet.write_formula(row, 4, formula, bold, value)
    sheet.write_array_formula(20, 4, 22, 4, "{=A1:A3*2}", plain)
    for row in range(5):
        sheet.write_rich_string(row, 5, red, "▲▲", bold, "▼", plain)  # the same string again and again
    sheet.write_rich_string(5, 5, red, " spaced ", bold, "x & y", plain)
    sheet.write_rich_string(6, 5, "unformatted first", red, " then red")
    sheet.write_rich_string(7, 5, red, "", bold, "empty fragment")  # refused, as xlsxwriter refuses it
    sheet.write_rich_string(8, 5, red, "A1 notation", bold, "too")
    sheet.write_rich_string("F10", red, "A1", bold, "notation", plain)
    sheet.write_rich_string("F11", red, "A1", bold, "notation", plain)
    sheet.write_boolean(0, 6, True, bold)
    sheet.write_datetime(1, 6, datetime.datetime(2024, 4, 1, 12, 30), workbook.add_format({"num_format": "d mmm"}))
    sheet.write_url(2, 6, "https://example.org/a?b=1&c=2", string="Example")
    sheet.write_string(40, 0, "in the formatted row")
    sheet.write_number(40, 9, 5)
    sheet.write_blank(41, 9, None, red)
    sheet.write_number(41, 8, 7)
    sheet.set_row(60, 20)  # a row with nothing in it
    sheet.write_number(75, 30, 1)  # far off, past a block of sixteen rows with nothing in them
    sheet.merge_range(80, 0, 80, 3, "merged", bold)
    sheet.write_string(1048576, 0, "out of bounds")
    sheet.write_number(1, 16384, 1)


def test_every_kind_of_cell_is_written_as_xlsxwriter_writes_it() -> None:
    _same_file(_every_kind)


def test_a_sheet_with_comments_is_written_as_xlsxwriter_writes_it() -> None:
    def fill(workbook: Any, sheet: Any) -> None:
        _every_kind(workbook, sheet)
        sheet.write_comment(3, 12, "a comment beyond the cells")
        sheet.write_comment(90, 2, "a comment in a row with no cells")

    _same_file(fill)


def test_constant_memory_is_written_as_xlsxwriter_writes_it() -> None:
    def fill(workbook: Any, sheet: Any) -> None:
        bold = workbook.add_format({"bold": True})
        for row in range(40):
            sheet.write_number(row, 0, row * 1.5, bold)
            sheet.write_string(row, 1, f"row {row}")
            sheet.write_formula(row, 2, f"=IF(ISNUMBER(A{row + 1}),A{row + 1}*2,\"\")", bold, row * 3.0)
            sheet.write_rich_string(row, 3, bold, "▲", workbook.add_format({"italic": True}), "▼")

    _same_file(fill, {"constant_memory": True})


def test_an_empty_sheet_is_written_as_xlsxwriter_writes_it() -> None:
    _same_file(lambda workbook, sheet: None)


def test_the_sheet_grows_to_the_cells_in_whatever_order_they_come() -> None:
    def fill(workbook: Any, sheet: Any) -> None:
        look = workbook.add_format({"bold": True})
        sheet.write_number(5, 5, 1, look)
        sheet.write_string(2, 7, "up and right")
        sheet.write_blank(9, 1, None, look)
        sheet.write_number(0, 3, 2)
        sheet.write_string(12, 0, "down and left")
        sheet.write_blank(1, 9, None, look)

    _same_file(fill)


def test_numbers_that_are_not_finite_are_written_as_xlsxwriter_writes_them() -> None:
    def fill(workbook: Any, sheet: Any) -> None:
        for col, number in enumerate([float("nan"), float("inf"), float("-inf"), 1.5]):
            sheet.write_number(0, col, number)

    _same_file(fill, {"nan_inf_to_errors": True})


def test_a_sheet_of_row_heights_alone_is_written_as_xlsxwriter_writes_it() -> None:
    def fill(workbook: Any, sheet: Any) -> None:
        sheet.set_row(3, 30)
        sheet.set_row(20, 12, workbook.add_format({"bold": True}))

    _same_file(fill)


def test_the_workbook_makes_scorecard_worksheets() -> None:
    workbook = ScorecardWorkbook(io.BytesIO(), {"in_memory": True})
    assert isinstance(workbook.add_worksheet("One"), ScorecardWorksheet)
    workbook.close()


@pytest.mark.parametrize("formula", ["=IF(A1>0,SORT(B1:B3),0)", "=FILTER(A1:A3,B1:B3)", "=LAMBDA(x,x+1)(2)"])
def test_a_formula_with_a_newer_function_is_renamed_as_xlsxwriter_renames_it(formula: str) -> None:
    _same_file(lambda workbook, sheet: sheet.write_formula(0, 0, formula, None, 0))
