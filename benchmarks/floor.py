"""The floor: a bare read-only openpyxl pass touching every cell of a workbook, nothing else.

    python benchmarks/floor.py TRACKER.xlsx

Run as its own process so its time includes starting Python and importing openpyxl, as a build's does.
"""

from __future__ import annotations

import sys

from openpyxl import load_workbook


def touch_every_cell(path: str) -> int:
    workbook = load_workbook(path, read_only=True)
    filled = 0
    try:
        for worksheet in workbook.worksheets:
            for row in worksheet.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        filled += 1
    finally:
        workbook.close()
    return filled


if __name__ == "__main__":
    print(touch_every_cell(sys.argv[1]))
