"""Read tracker workbooks into raw sheets: cell values and the little formatting that carries meaning.

This is the only module that opens a tracker. It opens it read-only, never writes to it, and keeps just what
normalising needs: each cell's value, which cells are formatted as percentages, each number's format (the
places and the £ it is shown with), and which formulas have no value saved by Excel.

openpyxl is the reader of record. A tracker is first offered to ``fast_reader`` (python-calamine and a scan of
the workbook's XML), which gives the same ``RawWorkbook`` several times sooner, or nothing when it cannot be
certain to; openpyxl then reads it.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from boardpack.exceptions import TrackerError
from boardpack.model import CellRef, Finding, Severity
from boardpack.preflight import check_workbook, harden_xml_parsing
from boardpack.tracker_files import is_lock_file, is_tracker_name
from boardpack.units import GENERAL, is_percent_format

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

    # What a workbook's sheets are typed as: openpyxl's read-only sheet borrows the ordinary sheet's methods,
    # which its stubs express with this one stand-in class rather than ReadOnlyWorksheet itself.
    from openpyxl.workbook.workbook import _WorksheetLike as ReadOnlySheet



@dataclass(frozen=True)
class RawSheet:
    """A sheet's cells as saved. ``rows[i]`` is spreadsheet row ``i + 1``; cells are 0-based columns."""

    file: str
    name: str
    rows: tuple[tuple[object, ...], ...]
    percent_cells: frozenset[tuple[int, int]]
    formulas_without_value: frozenset[tuple[int, int]]
    hidden: bool = False
    # Each number cell not in General format, by (row, column), as an index into ``format_codes``: a sheet uses
    # a handful of formats, so each is held once.
    number_formats: Mapping[tuple[int, int], int] = field(default_factory=dict)
    format_codes: tuple[str, ...] = (GENERAL,)

    def number_format(self, row: int, column: int) -> str:
        """The format code of the number at 1-based ``row``, 0-based ``column``; General when it has none."""
        return self.format_codes[self.number_formats.get((row, column), 0)]

    def where(self, row: int | None = None, column: int | None = None) -> CellRef:
        """``row`` is 1-based as Excel shows it; ``column`` 0-based."""
        if row is None:
            return CellRef(self.file, self.name)
        if column is None:
            return CellRef(self.file, self.name, f"row {row}")
        return CellRef(self.file, self.name, f"{column_letter(column)}{row}")


@dataclass(frozen=True)
class RawWorkbook:
    path: str
    sheets: tuple[RawSheet, ...]
    findings: tuple[Finding, ...] = ()


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0-based column index to Excel letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def find_trackers(sources: Sequence[str | Path]) -> list[Path]:
    """Tracker files named directly, or found (sorted) in named folders; Excel's ``~$`` lock files skipped."""
    found: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            inside = sorted(
                p for p in path.iterdir() if p.is_file() and is_tracker_name(p.name)
            )
            if not inside:
                raise TrackerError("folder holds no .xlsx trackers", str(path))
            found.extend(inside)
        elif path.exists():
            if is_lock_file(path.name):
                raise TrackerError("is Excel's lock file for an open workbook, not a tracker; name the workbook itself",
                                   str(path))
            found.append(path)
        else:
            raise TrackerError("no such file or folder", str(path))
    if not found:
        raise TrackerError("no trackers given; name one or more .xlsx files or folders")
    return found


def read_workbook(path: Path, *, fast: bool = True) -> RawWorkbook:
    """Open one tracker read-only. Raises ``TrackerError`` for anything that is not a readable workbook.

    openpyxl is the reader of record. With ``fast`` (the default) the tracker is first read by the fast path
    (``fast_reader``), which gives the same workbook in a fraction of the time or, whenever it cannot be certain
    of that, nothing, and openpyxl reads it instead; ``fast=False`` reads it with openpyxl only.
    """
    with warnings.catch_warnings():
        # openpyxl warns about Excel features it does not read (data validation, sparklines, slicers);
        # none of them hold figures, and a clerk should not have to wonder about them.
        warnings.simplefilter("ignore", UserWarning)
        findings = check_workbook(path)
        label = str(path)
        if fast:
            workbook = _read_fast(path, label, findings)
            if workbook is not None:
                return workbook
        return _read_with_openpyxl(path, label, findings)


def _read_fast(path: Path, label: str, findings: tuple[Finding, ...]) -> RawWorkbook | None:
    # Imported here, not at the top: fast_reader builds on this module's classes.
    from boardpack import fast_reader

    try:
        return fast_reader.read(path, label, findings)
    except Exception:  # whatever the fast path trips over, openpyxl reads the workbook as the record
        return None


def _read_with_openpyxl(path: Path, label: str, findings: tuple[Finding, ...]) -> RawWorkbook:
    harden_xml_parsing()
    with _opened(path, label, data_only=False) as workbook:
        sheets = []
        pending: dict[str, set[tuple[int, int]]] = {}
        for worksheet in workbook.worksheets:
            sheet, formulas = _read_sheet(label, worksheet)
            sheets.append(sheet)
            if formulas:
                pending[sheet.name] = formulas
    if pending:
        sheets = _fill_formula_values(path, label, sheets, pending)
    return RawWorkbook(label, tuple(sheets), findings)


@contextmanager
def _opened(path: Path, label: str, data_only: bool) -> Iterator[Workbook]:
    """The workbook open read-only; whatever openpyxl raises on a damaged file becomes a ``TrackerError``."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, AttributeError) as exc:
        raise TrackerError(f"cannot be opened as a workbook ({_short(exc)}); re-save it from Excel as .xlsx",
                           label) from None
    try:
        yield workbook
    except TrackerError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on damaged parts
        raise TrackerError(f"is damaged and cannot be read ({_short(exc)}); re-save it from Excel", label) from None
    finally:
        workbook.close()


class FormatCodes:
    """A sheet's distinct number format codes, each numbered once; General is 0."""

    def __init__(self, codes: Sequence[str] = (GENERAL,)) -> None:
        self.codes = list(codes)
        self._index = {code: index for index, code in enumerate(self.codes)}

    def index(self, code: str | None) -> int:
        code = code or GENERAL
        found = self._index.get(code)
        if found is None:
            found = self._index[code] = len(self.codes)
            self.codes.append(code)
        return found


def _read_sheet(label: str, worksheet: ReadOnlySheet) -> tuple[RawSheet, set[tuple[int, int]]]:
    rows: list[tuple[object, ...]] = []
    percent_cells: set[tuple[int, int]] = set()
    number_formats: dict[tuple[int, int], int] = {}
    formulas: set[tuple[int, int]] = set()
    formats = FormatCodes()
    # A sheet's cells share a few dozen styles; looking up each number's format through its style cost more
    # than reading the cell, so each style's format (its number, and whether it shows a percentage) is worked
    # out once per style, keyed by the style index openpyxl's read-only cells carry.
    style_formats: dict[int, tuple[int, bool]] = {}
    # Some tools save a wrong used range; forgetting it makes openpyxl read every row actually present.
    worksheet.reset_dimensions()
    for row, cells in enumerate(worksheet.iter_rows(min_row=1, min_col=1), start=1):
        values: list[object] = [cell.value for cell in cells]
        for column, value in enumerate(values):
            if value is None:
                continue
            cell = cells[column]
            if cell.data_type == "f":
                formulas.add((row, column))
            elif isinstance(value, (int, float)):
                style = getattr(cell, "_style_id", None)
                known = style_formats.get(style) if style is not None else None
                if known is None:
                    code = cell.number_format
                    known = (formats.index(code), is_percent_format(code or GENERAL))
                    if style is not None:
                        style_formats[style] = known
                format_index, is_percent = known
                if format_index:
                    number_formats[(row, column)] = format_index
                if is_percent:
                    percent_cells.add((row, column))
        rows.append(tuple(_trim(values)))
    while rows and not rows[-1]:
        rows.pop()
    hidden = worksheet.sheet_state != "visible"
    sheet = RawSheet(label, worksheet.title, tuple(rows), frozenset(percent_cells), frozenset(), hidden,
                     number_formats, tuple(formats.codes))
    return sheet, formulas


def _fill_formula_values(
    path: Path, label: str, sheets: list[RawSheet], pending: dict[str, set[tuple[int, int]]]
) -> list[RawSheet]:
    """Replace formula text with the value Excel saved; a formula with none saved is recorded as such."""
    with _opened(path, label, data_only=True) as workbook:
        filled = []
        for sheet in sheets:
            wanted = pending.get(sheet.name)
            if not wanted:
                filled.append(sheet)
                continue
            filled.append(with_saved_values(sheet, _saved_values(workbook[sheet.name], wanted)))
        return filled


def with_saved_values(sheet: RawSheet, saved: Mapping[tuple[int, int], tuple[object, str]]) -> RawSheet:
    """The sheet with each formula cell's saved value and format; a formula with none saved is recorded as such.

    ``saved`` holds every formula cell, in the order it was first built from the set of formula cells: that
    order numbers the format codes the saved values bring, so both readers must build it alike.
    """
    rows = [list(r) for r in sheet.rows]
    percent = set(sheet.percent_cells)
    number_formats = dict(sheet.number_formats)
    formats = FormatCodes(sheet.format_codes)
    missing = set()
    for (row, column), (value, code) in saved.items():
        rows[row - 1][column] = value
        if value is None:
            missing.add((row, column))
        elif isinstance(value, (int, float)):
            if formats.index(code):
                number_formats[(row, column)] = formats.index(code)
            if is_percent_format(code or GENERAL):
                percent.add((row, column))
    return RawSheet(
        sheet.file, sheet.name, tuple(tuple(r) for r in rows), frozenset(percent), frozenset(missing),
        sheet.hidden, number_formats, tuple(formats.codes),
    )


def _saved_values(worksheet: ReadOnlySheet, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[object, str]]:
    """Each wanted formula cell's saved value and its number format."""
    last_row = max(row for row, _ in wanted)
    saved: dict[tuple[int, int], tuple[object, str]] = {key: (None, GENERAL) for key in wanted}
    for cells in worksheet.iter_rows(max_row=last_row):
        for cell in cells:
            if cell.value is None:
                continue
            key = (cell.row, cell.column - 1)
            if key in wanted:
                saved[key] = (cell.value, cell.number_format or GENERAL)
    return saved


def _trim(values: list[object]) -> list[object]:
    while values and values[-1] is None:
        values.pop()
    return values


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def read_workbooks(paths: Iterable[Path]) -> list[RawWorkbook]:
    return [read_workbook(path) for path in paths]


def hidden_sheet_findings(workbook: RawWorkbook) -> list[Finding]:
    return [
        Finding(Severity.INFO, "hidden sheet was not read; unhide it if it holds indicators", sheet.where())
        for sheet in workbook.sheets if sheet.hidden
    ]
