"""xlsxwriter's workbook and worksheet, with the steps a large scorecard repeats thousands of times made cheap.

The file is byte for byte what xlsxwriter writes; only the work of writing it is less:

- Cells are written out as XML a row at a time. xlsxwriter writes each cell through general helpers
  (attribute lists, escaping, a scan of every column for every row), which was most of the time the scorecard
  took to save: a large tracker's workbook has a hundred thousand cells. The kinds of cell the scorecard writes
  (numbers, shared and rich strings, blanks, formulas) are written here directly, since their references and
  style numbers need no escaping; any other kind is handed to xlsxwriter's own writer.
- A formula calling only functions Excel has had since 2007 is taken as it is: xlsxwriter runs some thirty
  substitutions over every formula to mark newer functions, which cost more than the rest of writing a row.
- A rich string (a trend of arrows in several colours) is put together from its runs' XML, each run (an
  arrow or two in one colour) written by xlsxwriter once.

A worksheet in constant-memory mode keeps xlsxwriter's own writing. ``tests/test_xlsx_sheet.py`` checks that
the XML is the same as xlsxwriter's for every kind of cell, so an xlsxwriter that writes differently is noticed.
"""

from __future__ import annotations

import re
from io import StringIO
from math import isfinite
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import (
    CellBlankTuple,
    CellFormulaTuple,
    CellNumberTuple,
    CellRichStringTuple,
    CellStringTuple,
    Worksheet,
    convert_cell_args,
)
from xlsxwriter.xmlwriter import XMLwriter

# A formula's saved result that Excel writes as an error, not as text.
_ERROR_RESULTS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})
# Functions older than Excel 2010, which xlsxwriter never renames; every one the scorecard's formulas call.
_CLASSIC_FUNCTIONS = frozenset({"AND", "IF", "ISNUMBER", "OR", "ROUND"})
# Whatever comes before each "(": a function's name, or nothing (a bracket) or text, which take the long way.
_CALLED = re.compile(r"([\w.]*)\(")


class ScorecardWorksheet(Worksheet):  # type: ignore[misc]  # xlsxwriter ships no types
    # The rows and columns written so far, kept by xlsxwriter (None before the first cell).
    dim_rowmin: int | None
    dim_rowmax: int | None
    dim_colmin: int | None
    dim_colmax: int | None

    def __init__(self) -> None:
        super().__init__()
        # A rich string's run (format, text) -> its XML.
        self._runs: dict[tuple[Format, str], str] = {}

    def write_number(self, row: int, col: int, number: float, cell_format: Format | None = None) -> int:
        if (number.__class__ is float or number.__class__ is int) and isfinite(number) and self._takes(row, col):
            self.table[row][col] = CellNumberTuple(number, cell_format)
            return 0
        written: int = super().write_number(row, col, number, cell_format)
        return written

    def write_string(self, row: int, col: int, string: str, cell_format: Format | None = None) -> int:
        if string.__class__ is str and len(string) <= self.xls_strmax // 2 and self._takes(row, col):
            self.table[row][col] = CellStringTuple(self.str_table._get_shared_string_index(string), cell_format)
            return 0
        written: int = super().write_string(row, col, string, cell_format)
        return written

    def write_blank(self, row: int, col: int, blank: object, cell_format: Format | None = None) -> int:
        if cell_format is not None and self._takes(row, col):
            self.table[row][col] = CellBlankTuple(cell_format)
            return 0
        written: int = super().write_blank(row, col, blank, cell_format)
        return written

    def _takes(self, row: int, col: int) -> bool:
        """Whether a cell at (``row``, ``col``) is one the short ways above write, stretching the sheet's
        dimensions to it as xlsxwriter does; a cell given as "B5", one out of bounds, or a sheet in
        constant-memory mode goes to xlsxwriter's own methods."""
        if (row.__class__ is not int or col.__class__ is not int or self.constant_memory
                or not 0 <= row < self.xls_rowmax or not 0 <= col < self.xls_colmax):
            return False
        if self.dim_rowmin is None or row < self.dim_rowmin:
            self.dim_rowmin = row
        if self.dim_rowmax is None or row > self.dim_rowmax:
            self.dim_rowmax = row
        if self.dim_colmin is None or col < self.dim_colmin:
            self.dim_colmin = col
        if self.dim_colmax is None or col > self.dim_colmax:
            self.dim_colmax = col
        return True

    @convert_cell_args  # type: ignore[untyped-decorator]  # xlsxwriter ships no types; it takes "B5" as well
    def write_rich_string(self, row: int, col: int, *args: str | Format) -> int:
        """As xlsxwriter's, for runs each given its format (format, text, format, text…, cell format); any
        other shape of arguments, or a string it would refuse, goes to xlsxwriter's own."""
        cell_format = args[-1] if len(args) % 2 and isinstance(args[-1], Format) else None
        pairs = args[:-1] if cell_format is not None else args
        looks, texts = pairs[0::2], pairs[1::2]
        if (self.constant_memory or len(pairs) < 4 or len(pairs) % 2
                or not all(isinstance(look, Format) for look in looks)
                or not all(text.__class__ is str and text for text in texts)
                or sum(len(text) for text in texts) > self.xls_strmax // 2):
            written: int = super().write_rich_string(row, col, *args)
            return written
        if self._check_dimensions(row, col):
            return -1
        string = "".join([self._run(look, text) for look, text in zip(looks, texts, strict=True)])
        index = self.str_table._get_shared_string_index(string)
        self.table[row][col] = CellRichStringTuple(index, cell_format, "".join(texts))
        return 0

    def _run(self, look: Format, text: str) -> str:
        """A run's XML, written by xlsxwriter's own code for the first run of that format and text."""
        run = self._runs.get((look, text))
        if run is None:
            self.rstring = XMLwriter()
            self.rstring._set_filehandle(StringIO())
            self.rstring._xml_start_tag("r")
            self._write_font(look)
            self.rstring._xml_data_element("t", text, [("xml:space", "preserve")] if _preserve_whitespace(text) else [])
            self.rstring._xml_end_tag("r")
            run = self._runs[look, text] = self.rstring.fh.getvalue()
        return run

    def write_formula(self, row: int, col: int, formula: str, cell_format: Format | None = None,
                      value: object = 0) -> int:
        if formula.__class__ is str and self._classic(formula) and self._takes(row, col):
            self.table[row][col] = CellFormulaTuple(formula[1:], cell_format, value)
            return 0
        written: int = super().write_formula(row, col, formula, cell_format, value)
        return written

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if not expand_future_functions and self._classic(formula):
            return formula[1:]
        prepared: str = super()._prepare_formula(formula, expand_future_functions)
        return prepared

    def _classic(self, formula: str) -> bool:
        """Whether ``formula`` ("=…", not an array formula) calls only functions xlsxwriter never renames,
        so that it is stored as written less its "="."""
        return (formula.startswith("=") and not formula.endswith("}") and not self.use_future_functions
                and all(name in _CLASSIC_FUNCTIONS for name in _CALLED.findall(formula)))

    def _calculate_spans(self) -> None:
        # Each row's first and last cell, rather than a look in every column of every row; the same spans.
        first_row, last = self.dim_rowmin, self.dim_rowmax
        if self.comments or first_row is None or last is None:
            super()._calculate_spans()
            return
        table: dict[int, dict[int, Any]] = self.table
        spans: dict[int, str] = {}
        low = high = -1
        for row_num in range(first_row, last + 1):
            cells = table.get(row_num)
            if cells:
                first, end = min(cells), max(cells)
                if low < 0:
                    low, high = first, end
                else:
                    low, high = min(low, first), max(high, end)
            if (row_num + 1) % 16 == 0 or row_num == last:
                if low >= 0:
                    spans[row_num // 16] = f"{low + 1}:{high + 1}"
                low = -1
        self.row_spans = spans

    def _write_rows(self) -> None:
        first_row, last_row, last_col = self.dim_rowmin, self.dim_rowmax, self.dim_colmax
        if self.constant_memory or first_row is None or last_row is None or last_col is None:
            super()._write_rows()
            return
        self._calculate_spans()
        table: dict[int, dict[int, Any]] = self.table
        row_info = self.row_info
        comments = self.comments
        spans = self.row_spans
        write = self.fh.write
        styles = _Styles(self)
        style_of = styles.by_format.get
        letters = [xl_col_to_name(col) for col in range(last_col + 1)]
        for row_num in range(first_row, last_row + 1):
            cells = table.get(row_num)
            if not cells:
                if row_num in row_info or row_num in comments:
                    self._write_empty_row(row_num, spans.get(row_num // 16), row_info.get(row_num))
                continue
            self._write_row(row_num, spans.get(row_num // 16), row_info.get(row_num))
            number = str(row_num + 1)
            parts = []
            for col_num in sorted(cells):
                cell = cells[col_num]
                kind = cell.__class__
                style = style_of(cell.format)
                if style is None:
                    style = styles.of(cell.format, row_num, col_num)
                if kind is CellNumberTuple:
                    parts.append(f'<c r="{letters[col_num]}{number}"{style}><v>{cell.number:.16G}</v></c>')
                elif kind is CellStringTuple or kind is CellRichStringTuple:
                    parts.append(f'<c r="{letters[col_num]}{number}"{style} t="s"><v>{cell.string}</v></c>')
                elif kind is CellBlankTuple:
                    parts.append(f'<c r="{letters[col_num]}{number}"{style}/>')
                elif kind is CellFormulaTuple and _plain(cell.value):
                    parts.append(_formula(f'<c r="{letters[col_num]}{number}"{style}', cell.formula, cell.value))
                else:
                    write("".join(parts))
                    parts = []
                    self._write_cell(row_num, col_num, cell)
            parts.append("</row>")
            write("".join(parts))


class ScorecardWorkbook(Workbook):  # type: ignore[misc]  # xlsxwriter ships no types
    """A ``Workbook`` whose worksheets are ``ScorecardWorksheet``s."""

    worksheet_class = ScorecardWorksheet


def _plain(value: object) -> bool:
    """Whether a formula's saved result is text or a number (not a bool, which xlsxwriter writes as 1 or 0)."""
    return value.__class__ is str or value.__class__ is int or value.__class__ is float


def _formula(start: str, formula: str, value: object) -> str:
    if value.__class__ is str and value != "":
        start += ' t="e"' if value in _ERROR_RESULTS else ' t="str"'
    return f"{start}><f>{_escaped(formula)}</f><v>{_escaped(value)}</v></c>"


def _escaped(data: object) -> object:
    """A cell's text escaped as xlsxwriter escapes it (quotes and line breaks stay); a number as it is."""
    if data.__class__ is not str:
        return data
    text = str(data)
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


class _Styles:
    """A cell's ``s="…"`` attribute, worked out once per format: the cell's own, else its row's, else its
    column's, as xlsxwriter chooses."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.by_format: dict[Format | None, str] = {}
        inherits = any(info.row_format for info in sheet.row_info.values()) or any(
            info.column_format is not None for info in sheet.col_info.values())
        if not inherits:
            # No row or column has a format of its own: a cell without one has no style.
            self.by_format[None] = ""

    def of(self, look: Format | None, row: int, col: int) -> str:
        if look is None:
            return self._inherited(row, col)
        style = self.by_format[look] = f' s="{look._get_xf_index()}"'
        return style

    def _inherited(self, row: int, col: int) -> str:
        info = self.sheet.row_info.get(row)
        if info is not None and info.row_format:
            return f' s="{info.row_format._get_xf_index()}"'
        column = self.sheet.col_info.get(col)
        if column is not None and column.column_format is not None:
            return f' s="{column.column_format._get_xf_index()}"'
        return ""
