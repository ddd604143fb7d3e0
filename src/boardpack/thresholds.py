"""The grammar of RAG thresholds as officers write them: ``87%+``, ``<87%``, ``90%>``, ``13%<``, ``≥90%``,
``14-20``, a plain number, or ``-`` for none; distances from a range (``1 above range``); tolerances (``5%``);
and the plain-words check of which way a threshold points, which explains thresholds that cannot be rated.

What the thresholds of a row mean together is decided in ``targets`` and ``ranges``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from boardpack.model import CellRef, Comparison, Polarity, Threshold, Thresholds
from boardpack.values import _NUMBER, MISSING_MARKERS, missing_status, to_number

_VALUE = rf"({_NUMBER})\s*(%?)"
_PREFIX_RE = re.compile(rf"^(>=|<=|=>|=<|≥|≤|>|<)\s*{_VALUE}$")
_SUFFIX_RE = re.compile(rf"^{_VALUE}\s*(\+|>=|<=|≥|≤|>|<|or more|or above|and above|or less|or below|and below)$")
_BAND_RE = re.compile(rf"^{_VALUE}\s*(?:-|–|—|to)\s*{_VALUE}$")
_PLAIN_RE = re.compile(rf"^{_VALUE}$")

_PREFIX_COMPARISONS = {
    ">=": Comparison.AT_LEAST, "=>": Comparison.AT_LEAST, "≥": Comparison.AT_LEAST,
    "<=": Comparison.AT_MOST, "=<": Comparison.AT_MOST, "≤": Comparison.AT_MOST,
    ">": Comparison.MORE_THAN, "<": Comparison.LESS_THAN,
}
# Officers write the sign after the number to mean "this figure and beyond": ``90%>`` is 90% or more,
# ``13%<`` is under 13%, ``95%+`` is 95% or more (as the seed reports' tolerances read).
_SUFFIX_COMPARISONS = {
    "+": Comparison.AT_LEAST, ">=": Comparison.AT_LEAST, "≥": Comparison.AT_LEAST, ">": Comparison.AT_LEAST,
    "or more": Comparison.AT_LEAST, "or above": Comparison.AT_LEAST, "and above": Comparison.AT_LEAST,
    "<=": Comparison.AT_MOST, "≤": Comparison.AT_MOST, "or less": Comparison.AT_MOST,
    "or below": Comparison.AT_MOST, "and below": Comparison.AT_MOST,
    "<": Comparison.LESS_THAN,
}
ROLES = ("red", "amber", "green")
_NO_THRESHOLD = frozenset({"none", "new", "no target"})


class ThresholdSyntaxError(ValueError):
    """Threshold text boardpack cannot read; the message shows the forms it accepts."""


def parse_threshold(
    raw: object,
    role: str,
    polarity: Polarity,
    *,
    percent_unit: bool = False,
    percent_format: bool = False,
    source: CellRef | None = None,
) -> Threshold | None:
    """Read one threshold cell. ``role`` (red/amber/green) and polarity decide what a bare number means.

    A bare number is the boundary of the band it names: a green or amber figure is the least (high polarity)
    or most (low polarity) that still earns that colour; a red figure is where red begins.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        value = float(raw)
        if percent_unit and not percent_format and abs(value) > 1:
            value /= 100
        return Threshold(_bare_comparison(role, polarity), value, text=_format_raw(raw, percent_format), source=source)
    if not isinstance(raw, str):
        raise ThresholdSyntaxError(f"holds {raw!r}, which is not a threshold")
    text = " ".join(raw.strip().split())
    compact = text.lower()
    # A marker (``missing_status``, of text whose spaces are already single) or a word for no threshold.
    if compact in MISSING_MARKERS or compact in _NO_THRESHOLD:
        return None
    if match := _PREFIX_RE.match(compact):
        return Threshold(_PREFIX_COMPARISONS[match.group(1)], _scaled(match.group(2), match.group(3), percent_unit),
                         text=text, source=source)
    if match := _SUFFIX_RE.match(compact):
        return Threshold(_SUFFIX_COMPARISONS[match.group(3)], _scaled(match.group(1), match.group(2), percent_unit),
                         text=text, source=source)
    if match := _BAND_RE.match(compact):
        low = _scaled(match.group(1), match.group(2), percent_unit)
        high = _scaled(match.group(3), match.group(4), percent_unit)
        if low > high:
            raise ThresholdSyntaxError(f"band {text!r} runs backwards; write the lower figure first")
        return Threshold(Comparison.BETWEEN, low, high, text=text, source=source)
    if match := _PLAIN_RE.match(compact):
        return Threshold(_bare_comparison(role, polarity), _scaled(match.group(1), match.group(2), percent_unit),
                         text=text, source=source)
    raise ThresholdSyntaxError(
        f"cannot read the {role} threshold {text!r}; write it like 87%+, <87%, ≥90%, 95.2+, 14-20, "
        "a plain number, or - for none"
    )


def _scaled(number: str, percent_sign: str, percent_unit: bool) -> float:
    value = to_number(number)
    if percent_sign or (percent_unit and abs(value) > 1):
        return value / 100
    return value


def _bare_comparison(role: str, polarity: Polarity) -> Comparison:
    if polarity is Polarity.WITHIN and role != "green":
        # Too many or too few is bad on a Within limits measure: a bare number says neither which way it points
        # nor how far from the range it lies.
        raise ThresholdSyntaxError(
            f"a bare {role} threshold on a Within limits measure does not say which side of the range it is; "
            "write it like 1 above range, 2 outside range, 12-22 or >22"
        )
    low = polarity is Polarity.LOW
    if role == "red":
        return Comparison.MORE_THAN if low else Comparison.LESS_THAN
    return Comparison.AT_MOST if low else Comparison.AT_LEAST


def _format_raw(raw: float, percent_format: bool) -> str:
    if percent_format:
        return f"{raw * 100:g}%"
    return f"{raw:g}"


@dataclass(frozen=True)
class ThresholdProblem:
    message: str
    sources: tuple[CellRef, ...]


_UPWARD = {Comparison.AT_LEAST, Comparison.MORE_THAN}
_DOWNWARD = {Comparison.AT_MOST, Comparison.LESS_THAN}


def check_against_polarity(polarity: Polarity, thresholds: Thresholds) -> list[ThresholdProblem]:
    """Thresholds that point the wrong way for the polarity, or overlap out of order, read as levels to reach.

    With high polarity green and amber must be "at least" bounds and red an "under" bound, green above
    amber above red; low polarity is the mirror image. Bands (``14-20``) carry no direction and are only
    checked to lie on the right side of red. Ranges written the other way (``8%+`` amber beside ``16%+`` red)
    are read in ``ranges``; this names the culprit when no reading agrees with the polarity.
    """
    if polarity in (Polarity.INFO, Polarity.WITHIN) or not thresholds.any:
        return []
    problems = []
    good, bad = (_UPWARD, _DOWNWARD) if polarity is Polarity.HIGH else (_DOWNWARD, _UPWARD)
    direction = "higher" if polarity is Polarity.HIGH else "lower"
    for role in ROLES:
        threshold: Threshold | None = getattr(thresholds, role)
        if threshold is None or threshold.comparison is Comparison.BETWEEN:
            continue
        expected = bad if role == "red" else good
        if threshold.comparison not in expected:
            sense = "where bad performance starts" if role == "red" else "the level to reach"
            problems.append(ThresholdProblem(
                f"{role} threshold {threshold.text!r} points the wrong way for polarity {polarity.value} "
                f"(good performance is {direction}); the {role} threshold should give {sense}",
                _sources(threshold),
            ))
    if problems:
        return problems
    ordered = [t for t in (thresholds.red, thresholds.amber, thresholds.green) if t is not None]
    high = polarity is Polarity.HIGH
    for lower, upper in pairwise(ordered):
        # A band meets the colour above it with its top edge: the better colour on a high-is-good measure,
        # the worse one on a low-is-good measure.
        lower_value = _top(lower) if high else lower.value
        upper_value = upper.value if high else _top(upper)
        out_of_order = upper_value < lower_value if high else upper_value > lower_value
        if out_of_order:
            problems.append(ThresholdProblem(
                f"thresholds {lower.text!r} and {upper.text!r} are out of order for polarity {polarity.value}: "
                f"red, amber and green should move {'up' if polarity is Polarity.HIGH else 'down'} in that order",
                _sources(lower, upper),
            ))
    return problems


def _top(threshold: Threshold) -> float:
    return threshold.upper if threshold.upper is not None else threshold.value


def _sources(*thresholds: Threshold) -> tuple[CellRef, ...]:
    return tuple(t.source for t in thresholds if t.source is not None)


# Distances from a range, on measures with a range to stay in: ``1 above range``, ``1+ above range``,
# ``2 outside range``, ``more than 1 below range``.
_BEYOND_RE = re.compile(
    rf"^(more than\s+|over\s+)?({_NUMBER})\s*(%?)\s*(\+|or more)?\s*"
    r"(above|below|outside|over|under|beyond|either side of)\s+(?:the\s+)?(?:target\s+)?(?:range|band|limits?)$"
)
_SIDES = {"above": "above", "over": "above", "below": "below", "under": "below", "outside": "outside",
          "beyond": "outside", "either side of": "outside"}


@dataclass(frozen=True)
class Beyond:
    """A threshold written as a distance from the green range: amber ``1 above range`` is the figures up to 1
    above it; red ``1+ above range`` those 1 or more above (``more than 1`` leaves 1 itself out)."""

    distance: float
    side: str  # "above", "below" or "outside" (both)
    onwards: bool  # the figures this far out and further, rather than those up to this far
    strict: bool  # "more than": the distance itself is not included
    relative: bool  # a % on a measure that is not a percentage: a share of the range's edge
    text: str = ""
    source: CellRef | None = None


def parse_beyond(raw: object, role: str, *, percent_unit: bool, source: CellRef | None = None) -> Beyond | None:
    """A distance from the range, or None when the cell is written some other way.

    On a percentage measure the distance is in percentage points, with or without a % sign (``2 above range``
    on a 14%-20% band is up to 22%)."""
    if not isinstance(raw, str):
        return None
    lowered = raw.lower()
    if "range" not in lowered and "band" not in lowered and "limit" not in lowered:
        return None
    text = " ".join(raw.strip().split())
    match = _BEYOND_RE.match(text.lower())
    if match is None:
        return None
    distance = to_number(match.group(2))
    if distance < 0:
        raise ThresholdSyntaxError(f"the {role} threshold {text!r} is a negative distance; write how far out it is")
    relative = bool(match.group(3)) and not percent_unit
    if percent_unit or relative:
        distance /= 100
    # Red is where bad performance starts, so a red distance is always "this far out and further".
    onwards = role == "red" or bool(match.group(4)) or bool(match.group(1))
    return Beyond(distance, _SIDES[match.group(5)], onwards, bool(match.group(1)), relative, text, source)


_TOLERANCE_RE = re.compile(
    rf"^(?:±|\+/-|\+-|plus or minus|\+ or -)?\s*({_NUMBER})\s*"
    r"(%|pp|ppt|percentage points?|points?|pts?)?(?:\s+either side(?: of (?:the )?target)?)?$"
)


@dataclass(frozen=True)
class Tolerance:
    """How far from the target a figure may be and still be amber: an amount, or a share of the target."""

    amount: float
    relative: bool
    reading: str  # how it was read, for the INFO finding: "5 percentage points", "5% of the target"
    text: str = ""
    source: CellRef | None = None

    def from_target(self, target: float) -> float:
        return abs(target) * self.amount if self.relative else self.amount


def parse_tolerance(raw: object, *, percent_unit: bool, percent_format: bool = False,
                    source: CellRef | None = None) -> Tolerance | None:
    """A Tolerance cell: ``5%``, ``±5%``, ``5pp``, ``2`` or a number under a % format; None for ``-`` or blank.

    On a percentage measure a tolerance is in percentage points whichever way it is written (``5%`` of a 90%
    target is amber from 85%); a plain number such as 5 is 5 points. On any other measure ``5%`` (or a
    number under a % format) is that share of the target (5% of 200 is 10), and a plain number an amount.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        number, sign, text = float(raw), "%" if percent_format else "", _format_raw(raw, percent_format)
        if percent_format:
            number *= 100
    elif isinstance(raw, str):
        text = " ".join(raw.strip().split())
        if missing_status(text) is not None or text.lower() in {"none", "no tolerance"}:
            return None
        match = _TOLERANCE_RE.match(text.lower())
        if match is None:
            raise ThresholdSyntaxError(
                f"cannot read the tolerance {text!r}; write it like 5%, ±5%, 2 or 5pp, or - for none")
        number, sign = to_number(match.group(1)), match.group(2) or ""
    else:
        raise ThresholdSyntaxError(f"holds {raw!r}, which is not a tolerance")
    if number < 0:
        raise ThresholdSyntaxError(f"the tolerance {text!r} is negative; write how far from the target amber runs")
    if percent_unit:
        return Tolerance(number / 100, False, f"{number:g} percentage points", text, source)
    if sign == "%":
        return Tolerance(number / 100, True, f"{number:g}% of the target", text, source)
    return Tolerance(number, False, f"an amount of {number:g}", text, source)
