"""Excel's number formats as a workbook's styles part states them, and which of them show dates or durations.

The fast reader works these out from ``xl/styles.xml`` itself, so they must come out as openpyxl, the reader of
record, gives them: a format id below 164 not declared by the workbook is one of the built-in formats below (an
unknown one is General), and a number styled with a date format is read as a date, one with an elapsed-time
format (``[h]:mm``) as a duration, with openpyxl's rules for telling them apart.
"""

from __future__ import annotations

import datetime as dt
import re

FIRST_CUSTOM_FORMAT_ID = 164
"""Ids from here on are the workbook's own formats; below it, Excel's built-in ones."""

BUILTIN_FORMATS: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}

# Only a format's first section (the one for positive numbers) decides. Quoted text and bracketed codes
# ([Red], [$£-809], [>100]) are set aside first, except elapsed-time brackets ([h], [mm], [s]); a date or time
# letter that is not escaped (\d) or a space-width code (_d) then makes it a date.
_SET_ASIDE = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_ELAPSED = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE)

_EPOCH = dt.datetime(1899, 12, 30)
_SECONDS_PER_DAY = 86400
_LEAP_YEAR_BUG_UNTIL = 60
"""Excel counts a 29 February 1900 that never was: serials below it are a day early from the 1899 epoch."""


def shows_date(code: str | None) -> bool:
    if code is None:
        return False
    first = _SET_ASIDE.sub("", code.split(";")[0])
    return _DATE_LETTER.search(first) is not None


def shows_duration(code: str | None) -> bool:
    if code is None:
        return False
    return _ELAPSED.search(code.split(";")[0]) is not None


def from_serial(value: float, duration: bool) -> dt.datetime | dt.time | dt.timedelta:
    """An Excel serial (1900 date system) as openpyxl gives it: a duration to the millisecond, a time of day for a
    serial below 1, otherwise a date and time to the millisecond. Raises ``OverflowError`` or ``ValueError`` out of
    range."""
    if duration:
        span = dt.timedelta(days=value)
        if span.microseconds:
            span = dt.timedelta(seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3))
        return span
    day, fraction = divmod(value, 1)
    # The product is formed in this order, as openpyxl forms it, so that it rounds to the same millisecond.
    within = dt.timedelta(milliseconds=round(fraction * _SECONDS_PER_DAY * 1000))
    if 0 <= value < 1 and within.days == 0:
        minutes, seconds = divmod(within.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return dt.time(hours, minutes, seconds, within.microseconds)
    if 0 < value < _LEAP_YEAR_BUG_UNTIL:
        day += 1
    return _EPOCH + dt.timedelta(days=day) + within
