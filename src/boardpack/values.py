"""The grammar of a tracker cell: numbers, percentages, ``N of D`` counts and missing-value markers.

Pure functions over Python values, so they can be property-tested without a workbook.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

from boardpack.model import Status

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
}

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+"
_NUMBER_RE = re.compile(rf"^\s*({_NUMBER})\s*(%?)\s*$")
_N_OF_D_RE = re.compile(rf"^\s*({_NUMBER})\s+of\s+({_NUMBER})\s*(?:\(?\s*({_NUMBER})\s*%\s*\)?)?\s*$", re.IGNORECASE)


class CellValueError(ValueError):
    """A cell holds text that is neither a number nor a known marker; the message says what to write."""


@dataclass(frozen=True)
class ParsedValue:
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    status: Status | None = None
    explicit_percent: bool = False


def to_number(text: str) -> float:
    return float(text.replace(",", ""))


def missing_status(text: str) -> Status | None:
    return MISSING_MARKERS.get(" ".join(text.strip().lower().split()))


def number_value(raw: int | float) -> float:
    """A number cell's value as a float; NaN and infinity, which Excel cannot show, are refused."""
    if math.isnan(raw) or math.isinf(raw):
        raise CellValueError("holds a number Excel cannot show (NaN or infinity)")
    return float(raw)


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
    status = missing_status(raw)
    if status is not None:
        return ParsedValue(status=status)
    match = _NUMBER_RE.match(raw)
    if match:
        number = to_number(match.group(1))
        if match.group(2):
            return ParsedValue(value=number / 100, explicit_percent=True)
        return ParsedValue(value=number)
    match = _N_OF_D_RE.match(raw)
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
        "counts like '114 of 122', or a marker such as -, n/a, TBC or not reported"
    )


def display_round(value: float, places: int) -> Decimal:
    """Round as Excel displays (half away from zero on the decimal digits), so 0.8945 shows as 89.5%."""
    return Decimal(repr(value)).quantize(_step(places), ROUND_HALF_UP, _EVERY_DIGIT)


# The default context keeps 28 digits, and quantize refuses a result longer than that (1e30 to one place);
# a float has at most 309 digits before the point.
_EVERY_DIGIT = Context(prec=400)


@lru_cache(maxsize=None)
def _step(places: int) -> Decimal:
    # Every figure of a pack is rounded, to the same few precisions; building the step each time showed.
    return Decimal(1).scaleb(-places)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:37] + "...")
