"""Writing a CSV that a clerk can open in Excel safely and without garbled characters.

Every CSV boardpack writes goes through ``write_csv``, so the same protections hold for any table and any
column added later:

- Spreadsheets run a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula, and a leading tab or
  carriage return can hide one. Tracker text such as an indicator named ``=HYPERLINK(...)`` would then run
  on the clerk's machine. Text that begins with any of these gets a single quote in front, as OWASP
  recommends, and every text field is quoted. Numbers are not text: ``-2.5`` stays a number.
- The file starts with a UTF-8 byte-order mark: without one, Excel on Windows reads a CSV in the local
  code page and shows ``›`` and ``£`` as ``â€º`` and ``Â£``. Python (``encoding="utf-8-sig"``) and pandas
  read it as plain UTF-8.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"
# What a CSV field can hold: text (quoted), a number (written as Python writes it) or a blank.
Cell = str | int | float | None


def neutralise(values: Sequence[Cell]) -> Sequence[Cell]:
    """The column with each text value that a spreadsheet would run as a formula prefixed by ``'``.

    Numbers (``int``, ``float``) and blanks (``None``) are left as they are. A column repeats the same few
    texts, so each distinct value is checked once.
    """
    risky = {value for value in set(values) if type(value) is str and value.startswith(FORMULA_TRIGGERS)}
    if not risky:
        return values
    return [f"'{value}" if type(value) is str and value in risky else value for value in values]


def write_csv(path: str | Path, columns: Mapping[str, Sequence[Cell]]) -> None:
    """Write ``columns`` (heading -> values, in order) as a CSV that opens safely in a spreadsheet.

    A value is text (``str``, neutralised and quoted), a number (``int`` or ``float``, written as Python
    writes it, unquoted) or ``None`` (blank). Every column must have the same length.
    """
    headings = list(neutralise(list(columns)))
    # The same bytes as the csv module's writer below, a column at a time: a large tracker's CSV has a couple of
    # hundred thousand fields, and the writer's work on each was most of the time it took.
    fields = [_fields(column) for column in columns.values()]
    plain = [column for column in fields if column is not None]
    with open(path, "w", encoding=ENCODING, newline="") as handle:
        if len(plain) == len(fields):
            lines = [",".join(_fields(headings) or ()), *map(",".join, zip(*plain, strict=True))]
            handle.write("\n".join(lines) + "\n")
            return
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        writer.writerow(headings)
        # Strict: a short column would otherwise cut every row after its end without a word.
        writer.writerows(zip(*(neutralise(column) for column in columns.values()), strict=True))


# What ``_fields`` writes as the csv module does; bool is an int, written as it writes one (True).
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _fields(column: Sequence[Cell]) -> list[str] | None:
    """Each value neutralised and written as the csv module writes it with ``QUOTE_NONNUMERIC``: text quoted
    with any quote doubled, a blank as an empty quoted field, a number as Python writes it; None when the
    column holds anything else.

    A column that repeats a few texts (a section, a unit) has each distinct one neutralised and quoted once."""
    distinct = set(column)
    if not {type(value) for value in distinct} <= _PLAIN_TYPES:
        return None
    if len(distinct) * 2 > len(column):
        return ['"' + ("'" + value if value.startswith(FORMULA_TRIGGERS) else value).replace('"', '""') + '"'
                if type(value) is str else '""' if value is None else repr(value) for value in column]
    quoted = {value: '"' + ("'" + value if value.startswith(FORMULA_TRIGGERS) else value).replace('"', '""') + '"'
              for value in distinct if type(value) is str}
    return [quoted[value] if type(value) is str else '""' if value is None else repr(value) for value in column]
