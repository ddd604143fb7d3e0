"""The fast reader gives exactly what openpyxl, the reader of record, gives: for every workbook of the test corpora,
for workbooks written by openpyxl, xlsxwriter and LibreOffice, and for generated ones."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles.numbers import BUILTIN_FORMATS as OPENPYXL_BUILTIN_FORMATS
from openpyxl.styles.numbers import is_date_format, is_timedelta_format
from openpyxl.utils.datetime import from_excel

from boardpack import fast_reader
from boardpack.excel_formats import BUILTIN_FORMATS, from_serial, shows_date, shows_duration
from boardpack.exceptions import TrackerError
from boardpack.preflight import check_workbook
from boardpack.reader import RawWorkbook, read_workbook
from trackers import write_tracker

ROOT = Path(__file__).parent.parent
COMMITTED = sorted(
    path for folder in ("sample_workbooks", "tests/corpus", "tests/mutations", "tests/tables", "tests/public")
    for path in (ROOT / folder).rglob("*.xls*")
)
# Damage openpyxl refuses: the fast path leaves them to it, so that the refusal is openpyxl's own.
LEFT_TO_OPENPYXL = {"damaged_formula_value.xlsx"}
REFUSED_BY_PREFLIGHT = {"corrupt.xlsx", "entity_bomb.xlsx", "not_a_workbook.xlsx", "old_format.xls",
                        "password_protected.xlsx"}


def fingerprint(workbook: RawWorkbook) -> list[object]:
    """Everything a RawWorkbook holds, with each value's type and the order of every ordered field, so that
    ``1 == 1.0 == True`` and a reordered mapping count as differences."""
    return [workbook.path, [(f.severity, f.message, str(f.where)) for f in workbook.findings], [
        (sheet.file, sheet.name, sheet.hidden, [[(type(v).__name__, repr(v)) for v in row] for row in sheet.rows],
         sorted(sheet.percent_cells), sorted(sheet.formulas_without_value), list(sheet.number_formats.items()),
         sheet.format_codes)
        for sheet in workbook.sheets
    ]]


def fast(path: Path) -> RawWorkbook | None:
    return fast_reader.read(path, str(path), check_workbook(path))


def assert_read_alike(path: Path, *, by_fast_path: bool = True) -> None:
    expected = fingerprint(read_workbook(path, fast=False))
    got = fast(path)
    if by_fast_path:
        assert got is not None, f"{path.name} was left to openpyxl"
    if got is not None:
        assert fingerprint(got) == expected
    assert fingerprint(read_workbook(path)) == expected


# The corpora -------------------------------------------------------------------------------------------------


def test_the_committed_corpora_are_all_here():
    names = {path.name for path in COMMITTED}
    assert len(COMMITTED) >= 40 and names >= LEFT_TO_OPENPYXL | REFUSED_BY_PREFLIGHT


@pytest.mark.parametrize("path", [p for p in COMMITTED if p.name not in REFUSED_BY_PREFLIGHT],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_workbooks_read_alike(path):
    if path.name in LEFT_TO_OPENPYXL:
        assert fast(path) is None
        with pytest.raises(TrackerError) as by_openpyxl:
            read_workbook(path, fast=False)
        with pytest.raises(TrackerError) as by_default:
            read_workbook(path)
        assert str(by_default.value) == str(by_openpyxl.value)
        return
    assert_read_alike(path)


@pytest.mark.parametrize("name", sorted(REFUSED_BY_PREFLIGHT))
def test_files_preflight_refuses_are_refused_alike(name):
    path = ROOT / "tests" / "corpus" / name
    with pytest.raises(TrackerError) as by_openpyxl:
        read_workbook(path, fast=False)
    with pytest.raises(TrackerError) as by_default:
        read_workbook(path)
    assert str(by_default.value) == str(by_openpyxl.value)


HOUSE_STYLES = sorted(p for p in (ROOT / "tests" / "house_styles").glob("*.py") if not p.name.startswith("_"))


@pytest.fixture(scope="module")
def house_style_trackers(tmp_path_factory) -> dict[str, Path]:
    """Each house-style generator's tracker, written in this process: a generator run through _kit.main writes into
    a folder, the others to the file they are given."""
    folder = tmp_path_factory.mktemp("house_styles")
    sys.path.insert(0, str(HOUSE_STYLES[0].parent))
    try:
        written = {}
        for script in HOUSE_STYLES:
            module = _load(script)
            make = getattr(module, "build", None) or module.write
            into = folder if "main(build)" in script.read_text(encoding="utf-8") else folder / f"{script.stem}.xlsx"
            written[script.stem] = make(into)
            assert written[script.stem].is_file()
        return written
    finally:
        sys.path.remove(str(HOUSE_STYLES[0].parent))


@pytest.mark.parametrize("style", [p.stem for p in HOUSE_STYLES])
def test_house_style_trackers_read_alike(house_style_trackers, style):
    assert_read_alike(house_style_trackers[style])


def _load(script: Path):
    """A generator script as a module, without running its command line."""
    spec = importlib.util.spec_from_file_location(f"generator_{script.parent.name}_{script.stem}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_as_at_trackers_read_alike(tmp_path):
    written = _load(ROOT / "tests" / "asat" / "generate.py").write_all(tmp_path)
    assert len(written) >= 5
    for path in written:
        assert_read_alike(path)


def test_synthetic_tracker_reads_alike(tmp_path):
    synthetic = _load(ROOT / "benchmarks" / "synthetic.py")
    assert_read_alike(synthetic.write_tracker(tmp_path / "synthetic.xlsx", sheets=3, per_sheet=25))


def test_test_trackers_read_alike(tmp_path):
    def extra(workbook):
        hidden = workbook.create_sheet("Hidden notes")
        hidden.sheet_state = "hidden"
        hidden["C3"] = "kept out of sight"
        workbook.create_sheet("Empty")

    assert_read_alike(write_tracker(tmp_path / "t.xlsx", title_rows=5, extra=extra))


# Other writers -------------------------------------------------------------------------------------------------


def test_an_xlsxwriter_workbook_reads_alike(tmp_path):
    path = tmp_path / "xlsxwriter.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    percent = workbook.add_format({"num_format": "0.0%"})
    pounds = workbook.add_format({"num_format": '"£"#,##0.00'})
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet("Data & notes")
    sheet.write_row(1, 2, ["Ref", "Indicator", "Apr-19", "May-19", "Total"])
    sheet.write_row(2, 2, ["1.1", "Reviews in time", 0.914, 0.93], percent)
    sheet.write_formula(2, 6, "=E3+F3", percent, 1.844)
    sheet.write_row(3, 2, ["1.2", "Spend"])
    sheet.write_number(3, 4, 1234.5, pounds)
    sheet.write_number(3, 5, -17, pounds)
    sheet.write_formula(3, 6, "=E4+F4", pounds, "")
    sheet.write_datetime(4, 2, dt.datetime(2019, 4, 1), date)
    sheet.write_boolean(4, 3, True)
    sheet.write_formula(4, 4, "=1/0", None, "#DIV/0!")
    sheet.write_formula(4, 5, '="a"&"b"', None, "ab")
    sheet.write_formula(4, 6, "=TRUE()", None, True)
    sheet.write_rich_string(6, 2, "Fewer ", bold, "admissions", " than last year")
    sheet.write_string(7, 2, "  spaced  ")
    sheet.write_string(8, 3, "line one\nline two")
    sheet.write_string(9, 2, "")
    sheet.write_number(9, 3, 12345678901234567)
    hidden = workbook.add_worksheet("Workings")
    hidden.write(0, 0, 42)
    hidden.hide()
    workbook.add_chartsheet("Chart").set_chart(_chart(workbook))
    workbook.close()
    assert_read_alike(path)
    assert [s.name for s in read_workbook(path).sheets] == ["Data & notes", "Workings"]


def _chart(workbook):
    chart = workbook.add_chart({"type": "column"})
    chart.add_series({"values": "='Data & notes'!$E$3:$F$3"})
    return chart


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_libreoffice_workbook_reads_alike(tmp_path):
    source = tmp_path / "tracker.csv"
    source.write_text(
        "Ref,Indicator,Apr-19,May-19,Share,Start\n"
        "1.1,Reviews in time,91,93,45.5%,2019-04-01\n"
        '1.2,"Spend, £",1234.5,-17,3%,01/05/2019\n'
        "1.3,  padded  ,TBC,,0.1,\n",
        encoding="utf-8",
    )
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "xlsx", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    assert_read_alike(tmp_path / "tracker.xlsx")


# What the fast path leaves to openpyxl -------------------------------------------------------------------------


def _rewrite(path: Path, part: str, change) -> Path:
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, change(data) if info.filename == part else data)
    path.write_bytes(buffer.getvalue())
    return path


def _small_xlsxwriter(path: Path, text: str = "Indicator") -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Tracker")
    sheet.write_row(0, 0, ["Ref", text, "Apr-19"])
    sheet.write_row(1, 0, ["1.1", "Reviews", 0.9])
    sheet.write_formula(1, 3, "=C2*2", None, 1.8)
    workbook.close()
    return path


@pytest.mark.parametrize(("part", "old", "new"), [
    ("xl/workbook.xml", b"<workbookPr", b'<workbookPr date1904="1"'),
    ("xl/worksheets/sheet1.xml", b'<c r="C2"', b'<c r="C2" t="d"'),
    ("xl/worksheets/sheet1.xml", b"<sheetData>", b"<sheetData><!-- note -->"),
    ("xl/worksheets/sheet1.xml", b'<row r="2" spans="1:4">', b'<row r="3" spans="1:4">'),
    ("xl/worksheets/sheet1.xml", b'<c r="C2"', b"<c r='C2'"),
    ("xl/sharedStrings.xml", b"<t>Reviews</t>", b"<t> Reviews</t>"),
    ("xl/sharedStrings.xml", b"<t>Reviews</t>", b"<t>Re_x000D_views</t>"),
    ("xl/sharedStrings.xml", b"<t>Reviews</t>", b"<t><![CDATA[Reviews]]></t>"),
    ("xl/styles.xml", b'<cellXfs count="1">', b'<cellXfs count="1"><xf numFmtId="170"/>'),
    ("[Content_Types].xml", b'PartName="/xl/sharedStrings.xml"', b'PartName="/xl/strings.xml"'),
])
def test_what_the_fast_path_is_not_sure_of_is_read_by_openpyxl(tmp_path, part, old, new):
    path = _small_xlsxwriter(tmp_path / "t.xlsx")
    assert fast(path) is not None
    _rewrite(path, part, lambda data: data.replace(old, new, 1))
    assert fast(path) is None
    try:
        expected = fingerprint(read_workbook(path, fast=False))
    except TrackerError as by_openpyxl:
        with pytest.raises(TrackerError) as by_default:
            read_workbook(path)
        assert str(by_default.value) == str(by_openpyxl)
    else:
        assert fingerprint(read_workbook(path)) == expected


def test_namespace_prefixes_are_left_to_openpyxl(tmp_path):
    path = _small_xlsxwriter(tmp_path / "t.xlsx")
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    prefixed = b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

    def prefix(data: bytes) -> bytes:
        for tag in (b"worksheet", b"dimension", b"sheetViews", b"sheetView", b"sheetFormatPr", b"sheetData", b"row",
                    b"c", b"v", b"f", b"pageMargins"):
            data = data.replace(b"<" + tag + b" ", b"<x:" + tag + b" ").replace(b"<" + tag + b">", b"<x:" + tag + b">")
            data = data.replace(b"</" + tag + b">", b"</x:" + tag + b">")
        return data.replace(main, prefixed)

    _rewrite(path, "xl/worksheets/sheet1.xml", prefix)
    assert fast(path) is None
    assert fingerprint(read_workbook(path)) == fingerprint(read_workbook(path, fast=False))
    assert read_workbook(path).sheets[0].rows[1][:3] == ("1.1", "Reviews", 0.9)


def test_a_formula_right_of_the_declared_used_range_has_no_saved_value_in_either(tmp_path):
    path = _rewrite(_small_xlsxwriter(tmp_path / "t.xlsx"), "xl/worksheets/sheet1.xml",
                    lambda data: data.replace(b'<dimension ref="A1:D2"/>', b'<dimension ref="A1:C2"/>'))
    assert_read_alike(path)
    assert read_workbook(path).sheets[0].formulas_without_value == {(2, 3)}


def test_the_fast_path_loads_neither_openpyxl_nor_numpy(tmp_path):
    path = _small_xlsxwriter(tmp_path / "t.xlsx")
    probe = ("import sys; from pathlib import Path; from boardpack.reader import read_workbook; "
             f"read_workbook(Path({str(path)!r})); "
             "print(sorted({name.split('.')[0] for name in sys.modules} & {'openpyxl', 'numpy', 'pandas'}))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


# Generated workbooks -------------------------------------------------------------------------------------------

FORMATS = ["General", "0", "0.0", "0.00", "#,##0", "0%", "0.0%", '"£"#,##0', '"£"#,##0.00', "£#,##0.0",
           "[$£-809]#,##0.00", "0.0;[Red]-0.0", "#,##0_);(#,##0)", "dd/mm/yyyy", "mmm-yy", "d-mmm-yy", "h:mm",
           "h:mm:ss AM/PM", "[h]:mm:ss", "[mm]:ss", "yyyy-mm-dd h:mm:ss", "@", '0.0 "days"', "0.00E+00"]
ERRORS = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]
TEXT = st.lists(st.sampled_from([*"ab £é中\n\t&<>\"'_x0D;", "_x000D_", "\u00a0", "\r\n"]),
                max_size=12).map("".join)
NUMBERS = st.one_of(
    st.integers(-10**6, 10**6), st.integers(-2**62, 2**62),
    st.floats(allow_nan=False, allow_infinity=False), st.floats(-1e6, 1e6, allow_nan=False),
)
VALUES = st.one_of(
    st.tuples(st.just("number"), NUMBERS, st.sampled_from(FORMATS)),
    st.tuples(st.just("text"), TEXT, st.just("General")),
    st.tuples(st.just("bool"), st.booleans(), st.sampled_from(["General", "0%"])),
    st.tuples(st.just("error"), st.sampled_from(ERRORS), st.just("General")),
    st.tuples(st.just("date"), st.datetimes(dt.datetime(1899, 12, 31), dt.datetime(2100, 1, 1)),
              st.sampled_from(["yyyy-mm-dd h:mm:ss", "dd/mm/yyyy", "mmm-yy"])),
    st.tuples(st.just("time"), st.times(), st.sampled_from(["h:mm", "h:mm:ss"])),
    st.tuples(st.just("formula"), st.one_of(st.none(), NUMBERS, TEXT, st.booleans(), st.sampled_from(ERRORS)),
              st.sampled_from(["General", "0.0%", "dd/mm/yyyy", "[h]:mm"])),
)
CELLS = st.dictionaries(st.tuples(st.integers(1, 25), st.integers(1, 12)), VALUES, max_size=30)
SHEETS = st.lists(st.tuples(CELLS, st.booleans()), min_size=1, max_size=3)


def _write_with_openpyxl(path: Path, sheets) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for index, (cells, hidden) in enumerate(sheets):
        sheet = workbook.create_sheet(f"Sheet {index} & co")
        sheet.sheet_state = "hidden" if hidden and index else "visible"
        for (row, column), (kind, value, code) in sorted(cells.items()):
            cell = sheet.cell(row, column)
            if kind == "formula":
                cell.value = f"=ROW()+{column}"
            elif kind == "text" and value.startswith("="):
                cell.value = " " + value
            else:
                cell.value = value
            cell.number_format = code
    workbook.save(path)


def _write_with_xlsxwriter(path: Path, sheets) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                               "strings_to_urls": False})
    codes = {code for cells, _ in sheets for _, _, code in cells.values()}
    formats = {code: workbook.add_format({"num_format": code}) for code in codes}
    for index, (cells, hidden) in enumerate(sheets):
        sheet = workbook.add_worksheet(f"Sheet {index} & co")
        for (row, column), (kind, value, code) in sorted(cells.items()):
            style = formats[code] if code != "General" else None
            if kind == "formula":
                sheet.write_formula(row - 1, column - 1, f"=ROW()+{column}", style, "" if value is None else value)
            elif kind == "number":
                sheet.write_number(row - 1, column - 1, value, style)
            elif kind == "text":
                sheet.write_string(row - 1, column - 1, value, style)
            elif kind == "bool":
                sheet.write_boolean(row - 1, column - 1, value, style)
            elif kind == "error":
                sheet.write_formula(row - 1, column - 1, "=NA()", style, value)
            elif kind == "date":
                sheet.write_datetime(row - 1, column - 1, value, style)
            else:
                sheet.write_datetime(row - 1, column - 1, value, style)
        if hidden and index:
            sheet.hide()
    workbook.close()


LAST_SERIAL = 2958465
"""31 December 9999, the last day Excel has."""


def _left_to_openpyxl(sheets) -> bool:
    """Whether a cell holds what the fast path leaves to openpyxl: text that calamine reads otherwise (see
    fast_reader), or a number in a date format that is no date calamine can hold."""
    values = [(value, code) for cells, _ in sheets for _, value, code in cells.values()]
    return any(
        re.search("_x[0-9A-Fa-f]{4}_", value) or "\r" in value or value != value.strip(" \t\n\r")
        if isinstance(value, str) else
        isinstance(value, (int, float)) and shows_date(code) and not 0 <= value <= LAST_SERIAL
        for value, code in values
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHEETS, st.booleans())
def test_generated_workbooks_read_alike(tmp_path_factory, sheets, with_xlsxwriter):
    path = tmp_path_factory.mktemp("generated") / "generated.xlsx"
    (_write_with_xlsxwriter if with_xlsxwriter else _write_with_openpyxl)(path, sheets)
    assert_read_alike(path, by_fast_path=not _left_to_openpyxl(sheets))


# The formats' data and rules -----------------------------------------------------------------------------------


def test_builtin_formats_are_openpyxls():
    assert BUILTIN_FORMATS == OPENPYXL_BUILTIN_FORMATS


FORMAT_CODES = st.lists(st.sampled_from([*'dmyhsDMYHS0#.,;:%"[]$£-_\\ /@E+', "[h]", "[mm]", "[Red]", "AM/PM"]),
                        max_size=16).map("".join)


@given(st.one_of(FORMAT_CODES, st.sampled_from(FORMATS + list(BUILTIN_FORMATS.values()))))
def test_dates_and_durations_are_told_apart_as_openpyxl_does(code):
    assert shows_date(code) is is_date_format(code)
    assert shows_duration(code) is is_timedelta_format(code)


@given(st.one_of(st.floats(-1e6, 3e6, allow_nan=False), st.integers(-10**6, 3 * 10**6)), st.booleans())
def test_serials_become_the_dates_openpyxl_makes(serial, duration):
    try:
        expected = from_excel(serial, timedelta=duration)
    except (OverflowError, ValueError) as refusal:
        with pytest.raises(type(refusal)):
            from_serial(serial, duration)
    else:
        got = from_serial(serial, duration)
        assert (type(got), got) == (type(expected), expected)
