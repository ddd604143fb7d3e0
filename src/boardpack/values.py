"""The grammar of a tracker cell: numbers, percentages, ``N of D`` counts and missing-value markers.

Pure functions over Python values, so they can be property-tested without a workbook.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cache
from typing import NamedTuple

from boardpack.headers import parse_month
from boardpack.model import MONTH_ABBREVIATIONS, Status

MISSING_MARKERS: dict[str, Status] = {
    "": Status.NONE,
    "-": Status.NONE,
    "–": Status.NONE,
    "—": Status.NONE,
    "n/a": Status.NOT_AVAILABLE,
    "na": Status.NOT_AVAILABLE,
    "n.a.": Status.NOT_AVAILABLE,
    "tbc": Status.TBC,
    "tbc (unavailable)": Status.UNAVAILABLE,
    "unavailable": Status.UNAVAILABLE,
    "not available": Status.UNAVAILABLE,
    "not reported": Status.NOT_REPORTED,
    "nr": Status.NOT_REPORTED,
    # Official statistics' symbols, and the older ones they replaced (".." not available, "*" suppressed).
    "[x]": Status.NOT_AVAILABLE_X,
    "..": Status.NOT_AVAILABLE_X,
    "[c]": Status.CONFIDENTIAL,
    "*": Status.CONFIDENTIAL,
    "[z]": Status.NOT_APPLICABLE,
    "nya": Status.NOT_YET_AVAILABLE,
    "not yet available": Status.NOT_YET_AVAILABLE,
}
# Written after a figure, with or without a space: "45 [p]", "45[p]", "79.2% [u]", "114 of 122 [p]".
FIGURE_MARKS: dict[str, Status] = {"p": Status.PROVISIONAL, "u": Status.UNRELIABLE}

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+"
_NUMBER_RE = re.compile(rf"^\s*({_NUMBER})\s*(%?)\s*$")
_N_OF_D_RE = re.compile(rf"^\s*({_NUMBER})\s+of\s+({_NUMBER})\s*(?:\(?\s*({_NUMBER})\s*%\s*\)?)?\s*$", re.IGNORECASE)
_MARK_RE = re.compile(r"^(.*?)\s*\[\s*([a-z])\s*\]\s*$", re.IGNORECASE | re.DOTALL)
_DUE_RE = re.compile(r"^\s*(?:due\b\s*(?:on|by)?\s*:?\s*)?(.+?)\s*$", re.IGNORECASE)
_DAY_DATE_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})$")


class CellValueError(ValueError):
    """A cell holds text that is neither a number nor a known marker; the message says what to write."""


class ParsedValue(NamedTuple):
    """What a cell's text says; a tuple, as one is made for every figure written as text."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    status: Status | None = None
    explicit_percent: bool = False


def to_number(text: str) -> float:
    return float(text.replace(",", ""))


def missing_status(text: str) -> Status | None:
    return MISSING_MARKERS.get(" ".join(text.strip().lower().split()))


def split_mark(text: str) -> tuple[str, Status | None]:
    """``45 [p]`` → (``45``, provisional); text without a figure mark comes back whole with None."""
    # Most text has no bracket at all, and the pattern's lazy scan costs a step per character.
    match = _MARK_RE.match(text) if "[" in text else None
    if match is None:
        return text, None
    mark = FIGURE_MARKS.get(match.group(2).lower())
    return (match.group(1), mark) if mark is not None else (text, None)


def due_text(raw: object) -> str | None:
    """The date a figure is due when a cell holds one in its place: ``Aug 19``, ``due Aug-19``, ``Due: Aug 19``
    or ``Due 31/08/2019`` (day first, as in the UK) and date cells; printed ``Aug 19`` or ``31 Aug 19``."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        # A month typed into Excel ("Aug-19") is held as a date on the 1st; any other day was meant.
        return _date_text(raw, with_day=raw.day != 1)
    if not isinstance(raw, str):
        return None
    match = _DUE_RE.match(raw)
    if match is None:
        return None
    rest = match.group(1)
    month = parse_month(rest)
    if month is not None:
        return f"{MONTH_ABBREVIATIONS[month.month - 1]} {month.year % 100:02d}"
    day = _DAY_DATE_RE.match(rest)
    if day is None:
        return None
    year = int(day.group(3))
    try:
        date = dt.date(year if year >= 100 else 2000 + year, int(day.group(2)), int(day.group(1)))
    except ValueError:
        return None
    return _date_text(date, with_day=True)


def _date_text(date: dt.date, with_day: bool) -> str:
    month = f"{MONTH_ABBREVIATIONS[date.month - 1]} {date.year % 100:02d}"
    return f"{date.day} {month}" if with_day else month


def number_value(raw: int | float) -> float:
    """A number cell's value as a float; NaN and infinity, which Excel cannot show, are refused."""
    value = float(raw)
    if not math.isfinite(value):
        raise CellValueError("holds a number Excel cannot show (NaN or infinity)")
    return value


def parse_cell_value(raw: object) -> ParsedValue:
    """Turn what openpyxl gives for a value cell into a value, parts, or a status.

    ``explicit_percent`` is set when the text carried a % sign, so the caller knows the figure is already
    a fraction whatever the unit says.
    """
    if raw is None:
        return ParsedValue(status=Status.NONE)
    if isinstance(raw, bool):
        raise CellValueError(f"holds {raw!r}, not a number")
    if isinstance(raw, (int, float)):
        return ParsedValue(value=number_value(raw))
    if not isinstance(raw, str):
        raise CellValueError(f"holds {type(raw).__name__} {raw!s}, not a number")
    words = " ".join(raw.strip().lower().split())
    status = MISSING_MARKERS.get(words)  # missing_status(raw)
    if status is not None:
        return ParsedValue(status=status)
    body, mark = split_mark(raw)
    if mark is not None:
        return _marked(raw, body, mark)
    # Counts ("114 of 122") have the word "of", which no plain number has: only one of the two patterns can
    # match, and a pattern failing on a number's digits costs as much as one matching.
    counts = "of" in words
    match = None if counts else _NUMBER_RE.match(raw)
    if match:
        number = to_number(match.group(1))
        if match.group(2):
            return ParsedValue(value=number / 100, explicit_percent=True)
        return ParsedValue(value=number)
    match = _N_OF_D_RE.match(raw) if counts else None
    if match:
        numerator, denominator = to_number(match.group(1)), to_number(match.group(2))
        if denominator < 0 or numerator < 0:
            raise CellValueError(f"holds {raw.strip()!r}: counts cannot be negative")
        value = numerator / denominator if denominator else None
        return ParsedValue(
            value=value,
            numerator=numerator,
            denominator=denominator,
            status=None if denominator else Status.NONE,
            explicit_percent=True,
        )
    if raw.strip().startswith("#"):
        raise CellValueError(f"holds the Excel error {raw.strip()!r}; fix the formula in the tracker")
    raise CellValueError(
        f"holds the text {_quote(raw)}, not a number; write a number, a percentage like 79.2%, "
        "counts like '114 of 122', or a marker such as -, n/a, TBC, not reported, [x], [c] or [z]"
    )


def _marked(raw: str, body: str, mark: Status) -> ParsedValue:
    """A figure followed by ``[p]`` or ``[u]``: the figure, keeping its value, with the mark as its status."""
    symbol = mark.value
    if not body.strip():
        raise CellValueError(
            f"holds {symbol} alone; {symbol} marks a figure ({mark.explanation.split(':')[0]}), so write the figure "
            f"before it, e.g. 45 {symbol}, or [x] if there is no figure"
        )
    try:
        parsed = parse_cell_value(body)
    except CellValueError:
        parsed = ParsedValue()
    if parsed.value is None:
        raise CellValueError(
            f"holds {_quote(raw)}; {symbol} must follow a figure such as 45 {symbol}, 79.2% {symbol} or "
            f"114 of 122 {symbol}"
        )
    return parsed._replace(status=mark)


def display_round(value: float, places: int) -> Decimal:
    """Round as Excel displays (half away from zero on the decimal digits), so 0.8945 shows as 89.5%."""
    return Decimal(repr(value)).quantize(_step(places), ROUND_HALF_UP, _EVERY_DIGIT)


# The default context keeps 28 digits, and quantize refuses a result longer than that (1e30 to one place);
# a float has at most 309 digits before the point.
_EVERY_DIGIT = Context(prec=400)


@cache
def _step(places: int) -> Decimal:
    # Every figure of a pack is rounded, to the same few precisions; building the step each time showed.
    return Decimal(1).scaleb(-places)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:37] + "...")
