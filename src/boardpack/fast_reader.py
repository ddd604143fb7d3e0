"""Read a tracker fast: cell values from python-calamine, the rest from a scan of the sheets' own XML.

openpyxl (``reader``) is the reader of record; this path must give the very same ``RawWorkbook``, values and
their Python types included, several times sooner. calamine reads text as openpyxl does but not the rest: it
gives every number as a float (openpyxl gives 5 for "5"), dates as its own kind of date, no number formats,
errors as blanks. So each sheet's XML is scanned too, with compiled patterns over its bytes, for each cell's
position, type, style and raw text, and whether it holds a formula: numbers, dates, booleans and errors are read
from that text as openpyxl reads them, text is taken from calamine. Every cell the scan reads is checked against
calamine's reading of it, and calamine's count of cells against the scan's.

``read`` returns None whenever the workbook holds anything this path is not certain to read as openpyxl does (a
namespace prefix, an unusual cell type or attribute, the 1904 date system, text calamine would change, the two
readings disagreeing...); the caller then reads it with openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from boardpack.excel_formats import from_serial
from boardpack.model import Finding
from boardpack.reader import FormatCodes, RawSheet, RawWorkbook, with_saved_values
from boardpack.units import GENERAL, is_percent_format
from boardpack.workbook_xml import MAIN_NS, NotCertain, Package, SheetPart, Style, part, read_package, text

# Text calamine reads otherwise than openpyxl: an _xHHHH_ escape (calamine decodes it; openpyxl keeps it, and
# takes x005F_ out of shared strings), a <t> with spaces at either end not marked to keep them (calamine trims
# them), a <t> with other attributes, CDATA, phonetic runs, a prefixed element, a character XML forbids (the XML
# parser under openpyxl refuses it), or an entity other than XML's own. One pattern each, searched for in turn:
# each then starts with a literal or a class that the search skips ahead to, where one pattern of them all would
# be tried at every byte.
_TEXT_CALAMINE_CHANGES = tuple(re.compile(pattern) for pattern in (
    rb"_x[0-9A-Fa-f]{4}_",
    rb"x005F_",
    # Runs to the text's end taken whole: the same matches as <t>(?:\s[^<]*|[^<]*\s)</t>, without backtracking.
    rb"<t>(?:\s[^<]*+|[^<]*+(?<=\s))</t>",
    rb"<t\s(?!xml:space=\"preserve\">)",
    rb"<!\[CDATA\[",
    rb"<rPh\b",
    rb"<[A-Za-z]+:",
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f]",
    rb"&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)",
))


def _calamine_changes(data: bytes) -> bool:
    """Whether ``data`` holds text calamine reads otherwise than openpyxl."""
    return any(pattern.search(data) for pattern in _TEXT_CALAMINE_CHANGES)


_NUMBER = re.compile(rb"-?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?")
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})[0-9]+(?::([A-Z]{1,3})[0-9]+)?"\s*/>')

# What sheetData holds, token by token: a cell (its attributes in the order spreadsheet programs write them, then
# an optional formula, value and inline string), a row's start or end, whitespace, or (the last alternative) any
# other byte, which makes the scan give up. As some alternative matches wherever a token ends, the tokens cover
# sheetData without a gap, so nothing between them goes unseen. A value's text is taken apart as it is matched:
# an integer, another number as ``_NUMBER`` has it, or anything else.
_TOKEN = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]+)"(?: s="([0-9]+)")?(?: t="([A-Za-z]+)")?(?: (?:cm|vm|ph)="[^"]*")*'
    rb"(?:\s*/>|>(<f\b[^>]*?(?:/>|>[^<]*</f>))?"
    rb"(?:<v>(?:(-?[0-9]++)|(-?[0-9]++(?:\.[0-9]*+)?(?:[eE][-+]?[0-9]++)?)|([^<]*))</v>|<v/>)?"
    rb"(?:<is>(.*?)</is>)?</c>)"
    rb'|<row r="([0-9]+)"([^>]*?)(/?)>'
    rb"|(</row>)"
    rb"|\s+"
    rb"|(.)",
    re.DOTALL,
)

_OUT_OF_RANGE = "#VALUE!"
"""What openpyxl gives for a number in a date format that is no date Python can hold: Excel's error for it."""

_FORMULA = object()
"""Holds a formula cell's place in the first reading, as openpyxl's formula text does; its saved value replaces it."""


def read(path: Path, label: str, findings: tuple[Finding, ...]) -> RawWorkbook | None:
    """The tracker as openpyxl reads it, or None when this path cannot be certain of reading it the same way."""
    try:
        with zipfile.ZipFile(path) as archive, CalamineWorkbook.from_path(str(path)) as calamine:
            package = read_package(archive)
            _check_calamine_sheets(calamine, package.sheets)
            strings = _shared_string_count(package)
            sheets = tuple(_read_sheet(archive, calamine, package, strings, sheet, label) for sheet in package.sheets)
            return RawWorkbook(label, sheets, findings)
    except (NotCertain, CalamineError, ValueError, KeyError, IndexError, OverflowError, OSError, EOFError,
            zipfile.BadZipFile):
        return None
    except BaseException as exc:
        # calamine turns a panic in its Rust code (a date serial far beyond its range, say) into PanicException,
        # which derives from BaseException.
        if type(exc).__name__ == "PanicException":
            return None
        raise


def _check_calamine_sheets(calamine: CalamineWorkbook, sheets: tuple[SheetPart, ...]) -> None:
    theirs = [(meta.name, meta.visible != SheetVisibleEnum.Visible)
              for meta in calamine.sheets_metadata if meta.typ != SheetTypeEnum.ChartSheet]
    if theirs != [(sheet.name, sheet.hidden) for sheet in sheets]:
        raise NotCertain("calamine sees other sheets")


def _shared_string_count(package: Package) -> int:
    """How many shared strings there are, once calamine is sure to read each as openpyxl does."""
    if package.shared_strings is None:
        return 0
    if _calamine_changes(package.shared_strings):
        raise NotCertain("shared strings calamine would change")
    return package.shared_strings.count(b"<si>") + package.shared_strings.count(b"<si/>")


def _read_sheet(archive: zipfile.ZipFile, calamine: CalamineWorkbook, package: Package, strings: int,
                sheet: SheetPart, label: str) -> RawSheet:
    data = part(archive, sheet.part, b"worksheet", MAIN_NS)[0]
    grid: Sequence[Sequence[object]] = calamine.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
    start = data.find(b"<sheetData>")
    if start >= 0:
        start += len(b"<sheetData>")
        end = data.find(b"</sheetData>", start)
    else:
        start = end = data.find(b"<sheetData/>")
    if end < 0:
        raise NotCertain("sheetData")
    # Checked whether or not there are formulas: openpyxl refuses a workbook whose used range it cannot read.
    last_column = _last_declared_column(data, start)
    scan = _SheetScan(package.styles, strings, grid)
    scan.run(data, start, end)
    if scan.matched != sum(len(row) - row.count("") for row in grid):
        raise NotCertain("calamine holds cells the scan does not")
    first = RawSheet(label, sheet.name, scan.rows(), frozenset(scan.percent), frozenset(), sheet.hidden,
                     scan.number_formats, tuple(scan.formats.codes))
    if not scan.formulas:
        return first
    return with_saved_values(first, scan.saved_values(last_column))


def _last_declared_column(data: bytes, cells_start: int) -> int | None:
    """The last column of the used range a sheet declares before its cells, if it declares one."""
    at = data.find(b"<dimension", 0, cells_start)
    if at < 0:
        return None
    found = _DIMENSION.match(data, at)
    if found is None:
        raise NotCertain("dimension")
    return _column(found[2] or found[1])


_COLUMNS: dict[bytes, int] = {}


def _column(letters: bytes) -> int:
    """1-based column number of ``letters`` (A → 1)."""
    found = _COLUMNS.get(letters)
    if found is None:
        found = 0
        for letter in letters:
            found = found * 26 + letter - 64
        _COLUMNS[letters] = found
    return found


# Each column's 0-based index, for the columns of one or two letters that trackers use; the scan works out others.
_INDEXES: dict[bytes, int] = {bytes(letters): _column(bytes(letters)) - 1 for letters in (
    [(first,) for first in range(65, 91)] + [(first, second) for first in range(65, 91) for second in range(65, 91)])}


class _SheetScan:
    """One pass over a sheet's cells, keeping what ``reader._read_sheet`` keeps from openpyxl's first reading."""

    def __init__(self, styles: tuple[Style, ...], strings: int, grid: Sequence[Sequence[object]]) -> None:
        self._styles = styles
        self._strings = strings
        self._grid = grid
        self._rows: list[tuple[object, ...]] = []
        self.percent: set[tuple[int, int]] = set()
        self.number_formats: dict[tuple[int, int], int] = {}
        self.formats = FormatCodes()
        # A set filled in reading order, as reader._read_sheet fills it, so that it iterates in the same order.
        self.formulas: set[tuple[int, int]] = set()
        self._saved: dict[tuple[int, int], tuple[object, str]] = {}
        self._style_by_key: dict[bytes | None, Style] = {}
        # Per style, the number of its format in this sheet and whether it shows a percentage: worked out when a
        # number in that style is first met, as reader._read_sheet does, so that formats are numbered alike.
        self._format_by_key: dict[bytes | None, tuple[int, bool]] = {}
        self._plain_formats: dict[bytes | None, tuple[int, bool]] = {}
        self.matched = 0
        """How many cells both readings hold a value for."""

    def run(self, data: bytes, start: int, end: int) -> None:
        """Read the tokens of ``data[start:end]``, the inside of sheetData. The common cells (a number in a style
        already met, a shared string, a cell without a value) are read here; the rest in ``_other``."""
        rows = self._rows
        grid = self._grid
        strings = self._strings
        # Per style that shows no date, once a number in it has been met: its format's number and whether it
        # shows a percentage, all a number in it needs.
        plain = self._plain_formats
        number_formats = self.number_formats
        percent = self.percent
        indexes = _INDEXES
        matched = 0
        row_number = 0
        row_text: bytes | None = None
        values: list[object] | None = None
        grid_row: Sequence[object] = ()
        next_column = 0
        for token in _TOKEN.finditer(data, start, end):
            (letters, cell_row, key, kind, formula, integer, decimal, other, inline,
             row_start, row_attributes, row_closed, row_end, stray) = token.groups()
            if letters is not None:
                # row_text is None outside a row, so this also finds a cell outside any row.
                if cell_row != row_text or values is None:
                    raise NotCertain("cell outside its row")
                at = indexes.get(letters)
                if at is None:
                    at = _column(letters) - 1
                if at < next_column:
                    raise NotCertain("cells out of order")
                next_column = at + 1
                try:
                    seen = grid_row[at]
                except IndexError:
                    seen = ""
                value: object
                if (kind is None or kind == b"n") and formula is None and (integer or decimal):
                    known = plain.get(key)
                    if known is None:
                        value = self._first_number(row_number, at, key, integer or decimal, seen)
                    else:
                        value = int(integer) if integer is not None else float(decimal)
                        if seen.__class__ is not float or seen != value:
                            _check_number(value, seen)
                        index, is_percent = known
                        if index:
                            where = (row_number, at)
                            number_formats[where] = index
                            if is_percent:
                                percent.add(where)
                        elif is_percent:
                            percent.add((row_number, at))
                    # A number calamine has no value for has failed the checks above.
                    matched += 1
                elif (kind == b"s" and formula is None and integer is not None and seen.__class__ is str
                      and integer.isdigit() and int(integer) < strings):
                    value = seen
                    if seen != "":
                        matched += 1
                elif formula is None and integer is None and decimal is None and not other and inline is None:
                    # No value, whatever its type: openpyxl keeps no value either.
                    continue
                else:
                    value = self._other(row_number, at, kind, integer or decimal or other, inline, formula, key,
                                        seen)
                    if value is None:
                        continue
                    if seen != "" and value is not _FORMULA:
                        matched += 1
                if len(values) != at:
                    values.extend([None] * (at - len(values)))
                values.append(value)
            elif row_start is not None:
                number = int(row_start)
                if values is not None or number <= row_number or b"xmlns" in row_attributes:
                    raise NotCertain("rows out of order")
                rows.extend([()] * (number - row_number - 1))
                row_number = number
                grid_row = grid[number - 1] if number <= len(grid) else ()
                if row_closed:
                    rows.append(())
                else:
                    values, next_column, row_text = [], 0, row_start
            elif row_end is not None:
                if values is None:
                    raise NotCertain("row ends twice")
                rows.append(tuple(values))
                values = row_text = None
            elif stray is not None:
                raise NotCertain("unexpected content in sheetData")
        if values is not None:
            raise NotCertain("unexpected content in sheetData")
        self.matched += matched

    def _first_number(self, row: int, column: int, key: bytes | None, raw: bytes, seen: object) -> object:
        """A number in a style not yet in ``_plain_formats``: read as ``_number`` reads it, its format numbered
        now, as reader._read_sheet numbers it on meeting the first number in it."""
        style = self._style_by_key.get(key) or self._style(key)
        value = self._number(raw, style, seen)
        if isinstance(value, (int, float)):
            index, is_percent = known = self._format_by_key.get(key) or self._format(key)
            if not style.date:
                self._plain_formats[key] = known
            if index:
                self.number_formats[(row, column)] = index
            if is_percent:
                self.percent.add((row, column))
        return value

    def _style(self, key: bytes | None) -> Style:
        found = self._style_by_key[key] = self._styles[int(key) if key else 0]
        return found

    def _format(self, key: bytes | None) -> tuple[int, bool]:
        code = (self._style_by_key.get(key) or self._style(key)).code
        known = self._format_by_key[key] = (self.formats.index(code), is_percent_format(code or GENERAL))
        return known

    def rows(self) -> tuple[tuple[object, ...], ...]:
        rows = self._rows
        while rows and not rows[-1]:
            rows.pop()
        return tuple(rows)

    def _other(self, row: int, column: int, kind: bytes | None, raw: bytes | None, inline: bytes | None,
               formula: bytes | None, key: bytes | None, seen: object) -> object:
        """Any cell ``run`` does not read itself: a formula (whose saved value is kept for later), text, a boolean,
        an error, or a cell without a value."""
        if formula is not None:
            if kind == b"inlineStr":
                raise NotCertain("formula with an inline string")
            style = self._style_by_key.get(key) or self._style(key)
            saved = self._value(kind, raw, None, style, seen)
            if saved is not None and seen != "":
                self.matched += 1
            self.formulas.add((row, column))
            self._saved[(row, column)] = (saved, style.code or GENERAL)
            return _FORMULA
        value = self._value(kind, raw, inline, None, seen)
        if isinstance(value, bool):
            index, is_percent = self._format_by_key.get(key) or self._format(key)
            if index:
                self.number_formats[(row, column)] = index
            if is_percent:
                self.percent.add((row, column))
        return value

    def _value(self, kind: bytes | None, raw: bytes | None, inline: bytes | None, style: Style | None,
               seen: object) -> object:
        """A value as openpyxl reads it from the cell's type and text, checked against calamine's (``seen``)."""
        if kind == b"inlineStr":
            if inline is None:
                return None
            if _calamine_changes(inline) or not isinstance(seen, str):
                raise NotCertain("inline string")
            return seen
        if not raw:
            return None
        if kind is None or kind == b"n":
            if style is None:
                raise NotCertain("number read without its style")
            return self._number(raw, style, seen)
        if kind == b"s":
            if not raw.isdigit() or int(raw) >= self._strings or not isinstance(seen, str):
                raise NotCertain("shared string")
            return seen
        if kind == b"str":
            value = text(raw)
            if value != seen:
                raise NotCertain("formula's text")
            return value
        if kind == b"b":
            if raw not in (b"0", b"1") or seen is not (raw == b"1"):
                raise NotCertain("boolean")
            return raw == b"1"
        if kind == b"e":
            return text(raw)
        raise NotCertain("cell type")

    @staticmethod
    def _number(raw: bytes, style: Style, seen: object) -> object:
        if _NUMBER.fullmatch(raw) is None:
            raise NotCertain("number")
        number: int | float = float(raw) if b"." in raw or b"e" in raw or b"E" in raw else int(raw)
        _check_number(number, seen)
        if not style.date:
            return number
        try:
            return from_serial(number, style.duration)
        except (OverflowError, ValueError):
            return _OUT_OF_RANGE

    def saved_values(self, last_column: int | None) -> dict[tuple[int, int], tuple[object, str]]:
        """Each formula cell's saved value and format, as reader._saved_values gives them from openpyxl: built from
        the set of formula cells in the same way, so in the same order.

        openpyxl's second reading keeps to the used range the sheet declares: a formula right of its last column
        has no saved value there.
        """
        saved: dict[tuple[int, int], tuple[object, str]] = {key: (None, GENERAL) for key in self.formulas}
        for key in saved:
            value, code = self._saved[key]
            if value is not None and (last_column is None or key[1] < last_column):
                saved[key] = (value, code)
        return saved


def _check_number(number: int | float, seen: object) -> None:
    """That calamine reads the number as the scan does. calamine gives a number as a float, or as its own kind of
    date when it takes the format for one."""
    if isinstance(seen, str) or (isinstance(seen, (int, float)) and seen != float(number)):
        raise NotCertain("calamine reads another number")
