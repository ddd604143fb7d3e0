"""Rebuild the tracker-content fault corpus: one small workbook per fault, each otherwise well formed.

    .venv/bin/python tests/corpus/trackers/generate.py
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).parent
HEADER = ["Ref", "Indicator", "Good perf is", "Unit", "Mar-19", "Apr-19", "Red", "Amber", "Green"]
GOOD = [
    ["1.1", "Cases reviewed within timescales", "High", "Percentage", "91.2%", "93.4%", "<90%", "90%>", "95%+"],
    ["1.2", "Number of children looked after", "Info", "Count", 642, 627, None, None, None],
]


def _write(name: str, rows: list[list[object]], header: list[str] = HEADER, formulas=(), saved="") -> None:
    workbook = xlsxwriter.Workbook(str(HERE / name), {"strings_to_formulas": False})
    workbook.set_properties({"created": dt.datetime(2019, 5, 21)})
    sheet = workbook.add_worksheet("Tracker")
    sheet.write_string(0, 0, "Fault corpus tracker")
    sheet.write_row(2, 0, header)
    for offset, row in enumerate(rows, start=3):
        for column, value in enumerate(row):
            if value is not None:
                sheet.write(offset, column, value)
    for row, column, formula in formulas:
        sheet.write_formula(row, column, formula, None, saved)
    workbook.close()


def _replace_in_sheet(name: str, old: bytes, new: bytes) -> None:
    """Edit the first sheet's XML in place, for damage no spreadsheet program would write."""
    path = HERE / name
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(old, new)
            target.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def main() -> None:
    _write("duplicate_refs.xlsx", [GOOD[0], ["1.1", *GOOD[1][1:]]])
    _write("text_in_number_cell.xlsx", [GOOD[0], [*GOOD[1][:5], "about 630", *GOOD[1][6:]]])
    _write("unknown_polarity.xlsx", [[*GOOD[0][:2], "Sideways", *GOOD[0][3:]], GOOD[1]])
    _write("unknown_unit.xlsx", [[*GOOD[0][:3], "Widgets", *GOOD[0][4:]], GOOD[1]])
    _write("unreadable_threshold.xlsx", [[*GOOD[0][:6], "very low", *GOOD[0][7:]], GOOD[1]])
    _write("thresholds_against_polarity.xlsx", [[*GOOD[0][:6], ">90%", "<90%", "<85%"], GOOD[1]])
    _write("no_header.xlsx", [["a", 1], ["b", 2]], header=["Name", "Value"])
    _write("formula_without_value.xlsx", [GOOD[0], [*GOOD[1][:5], None, *GOOD[1][6:]]],
           formulas=[(4, 5, "=E5-15")])
    # A formula whose saved result is not a number although the cell says it is one.
    _write("damaged_formula_value.xlsx", [GOOD[0], [*GOOD[1][:5], None, *GOOD[1][6:]]],
           formulas=[(4, 5, "=E5-15")], saved=627)
    _replace_in_sheet("damaged_formula_value.xlsx", b"<v>627</v>", b"<v>six hundred</v>")


if __name__ == "__main__":
    main()
