"""What a measure's figures are in, and how many decimals a paper shows them with, when its unit words say
nothing or too little: read from the cells' Excel number formats and from the figures as typed.

Pure functions over values and format codes, so they can be tested without a workbook. The rules rate a
figure as displayed, so the decimals decide RAG as well as print: 0.24 shown to no places is 0 and misses a
0.2 target that 0.24 meets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from boardpack.model import MONEY_SUFFIXES, Unit, UnitKind
from boardpack.values import display_round, split_mark

GENERAL = "General"
# Places an explicit format may ask for before it is taken as a slip ("0.0000000").
MOST_FORMAT_PLACES = 4
# Places taken from figures typed in General cells: enough for 0.24 or 27.63, not the fifteen a formula
# leaves; a percentage to a tenth of a point, as councils print them.
MOST_TYPED_PLACES = 2
MOST_TYPED_PERCENT_PLACES = 1
MONEY_LABELS = {0: "£", 3: "£k", 6: "£m", 9: "£bn"}
_MONEY_DECIMALS = {0: 0, 3: 1, 6: 1, 9: 1}

_QUOTED_RE = re.compile(r'"([^"]*)"')
_BRACKETED_RE = re.compile(r"\[([^\]]*)\]")
_ESCAPED_RE = re.compile(r"\\(.)")
_PADDING_RE = re.compile(r"[_*].")
_DECIMALS_RE = re.compile(r"\.([0#?]*)")
# Commas after the last digit placeholder, not between placeholders as a thousands separator.
_SCALING_RE = re.compile(r"[0#?.](,+)(?![,0#?])")
_TEXT_NUMBER_RE = re.compile(r"^\s*[-+]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?\s*(%?)\s*$")


@dataclass(frozen=True)
class FormatFacts:
    """What an Excel number format says about its figure."""

    decimals: int
    percent: bool = False
    money: bool = False
    # The power of ten the figures are written in, from a literal suffix: "£0.0k" shows 12.3 as £12.3k.
    magnitude: int = 0
    # Trailing commas divide what is shown by a thousand each ("£#,##0,k" shows 12,345 as £12k).
    scaled: bool = False


@lru_cache(maxsize=512)
def format_facts(code: str) -> FormatFacts | None:
    """The facts of a number format code, or None for General (which says nothing about decimals)."""
    section = _first_section(code)
    literals = "".join(_QUOTED_RE.findall(section)) + "".join(_ESCAPED_RE.findall(section))
    brackets = _BRACKETED_RE.findall(section)
    bare = _PADDING_RE.sub("", _ESCAPED_RE.sub("", _BRACKETED_RE.sub("", _QUOTED_RE.sub("", section))))
    if not bare.strip() or bare.strip().lower() == "general" or bare.strip() == "@":
        return None
    money = "£" in bare or "£" in literals or any(b.startswith("$£") for b in brackets)
    places = _DECIMALS_RE.search(bare)
    decimals = len(places.group(1)) if places else 0
    scaled = _SCALING_RE.search(bare) is not None
    suffix = literals.replace("£", "").strip().lower()
    magnitude = {"k": 3, "m": 6, "bn": 9}.get(suffix, 0) if not scaled else 0
    return FormatFacts(min(decimals, MOST_FORMAT_PLACES), "%" in bare, money, magnitude, scaled)


def _first_section(code: str) -> str:
    """A format's first section (for positive numbers); ``;`` inside quotes does not end it."""
    quoted = False
    for index, char in enumerate(code):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            return code[:index]
    return code


def is_percent_format(code: str) -> bool:
    facts = format_facts(code)
    return facts is not None and facts.percent


def typed_places(value: float) -> int:
    """Decimal places of a number as typed: 0.24 → 2, 27.6 → 1, 646 → 0."""
    if isinstance(value, int) or value.is_integer():
        return 0
    text = repr(value)
    fraction = text.partition(".")[2]
    if fraction.isdigit():
        return len(fraction)  # the usual "27.6": its digits after the point, without going through Decimal
    exponent = Decimal(text).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class Cell(NamedTuple):
    """One figure cell of a measure's row, as normalising sees it: the value and its number format (a tuple,
    as a tracker has one for every figure)."""

    raw: object
    format: str = GENERAL
    # Typed on the 0-100 scale (98.4 for 98.4%) in a row of percentages.
    hundreds: bool = False


def inferred_unit(cells: Iterable[Cell]) -> Unit:
    """The unit of a measure whose tracker names none: a percentage when its cells are formatted or written
    as percentages (or ``N of D``), money under a £ format, else a count."""
    money: FormatFacts | None = None
    for cell in cells:
        raw = cell.raw
        if isinstance(raw, str):
            if "%" in raw or " of " in raw:
                return Unit(UnitKind.PERCENT, "Percentage", 1)
            continue
        facts = format_facts(cell.format)
        if facts is None:
            continue
        if facts.percent:
            return Unit(UnitKind.PERCENT, "Percentage", 1)
        if facts.money and money is None:
            money = facts
    if money is not None:
        magnitude = money.magnitude
        return Unit(UnitKind.MONEY, MONEY_LABELS[magnitude], _MONEY_DECIMALS[magnitude], magnitude)
    return Unit(UnitKind.COUNT, "Count", 0)


def shown_decimals(unit: Unit, cells: Iterable[tuple[object, str, bool]], stated: bool) -> Unit:
    """``unit`` with the decimals its figures are shown with. Each cell is a ``Cell`` or the same three things as
    a plain tuple, as normalising makes them (one for every figure of a row).

    An explicit number format is the officer's own choice of places, and wins; figures in General cells add
    the places they were typed with, up to a cap. A unit named in the tracker keeps its usual places unless the
    formats say otherwise or the figures need more; an inferred count with decimals is a "Number".
    """
    formatted: int | None = None
    typed: int | None = None
    percent = unit.is_percent
    most_typed = MOST_TYPED_PERCENT_PLACES if percent else MOST_TYPED_PLACES
    # A row's cells mostly share one format; each (format, scale) is judged once.
    judged: set[tuple[str, bool]] = set()
    for raw, code, hundreds in cells:
        if isinstance(raw, str):
            places = _text_places(raw, percent) if typed != most_typed else None
            if places is not None:
                typed = places if typed is None else max(typed, places)
            continue
        if not isinstance(raw, (int, float)) or isinstance(raw, bool):
            continue
        if code != GENERAL:
            key = (code, hundreds)
            if key in judged:
                continue
            judged.add(key)
            facts = format_facts(code)
            if facts is not None:
                places = _format_places(facts, percent, hundreds)
                formatted = places if formatted is None else max(formatted, places)
                continue
        # Typed in General (or a format that says nothing of places). A whole number adds none; once typed
        # places reach the cap, no more figures typed can add any.
        if type(raw) is int:
            typed = typed or 0
        elif typed != most_typed:
            places = typed_places(raw)
            if percent and not hundreds:
                places = max(places - 2, 0)
            places = min(places, most_typed)
            typed = places if typed is None else max(typed, places)
    if formatted is not None:
        decimals = formatted if typed is None else max(formatted, typed)
    elif typed is not None:
        decimals = max(unit.decimals, typed)
    else:
        decimals = unit.decimals
    if decimals == unit.decimals:
        return unit
    if not stated and unit.kind is UnitKind.COUNT and decimals > 0:
        return Unit(UnitKind.COUNT, "Number", decimals)
    return replace(unit, decimals=decimals)


def _format_places(facts: FormatFacts, percent: bool, hundreds: bool) -> int:
    if facts.scaled:
        # Shown in thousands by Excel, printed here in whole pounds (or units): no figure loses precision.
        return 0
    if percent and not facts.percent and not hundreds:
        # A fraction under a plain format ("0.000" showing 0.894) is 89.4%: two of its places are the percent's.
        return max(facts.decimals - 2, 0)
    return facts.decimals


def _text_places(text: str, percent: bool) -> int | None:
    body, _ = split_mark(text)
    match = _TEXT_NUMBER_RE.match(body)
    if match is None or not any(ch.isdigit() for ch in body):
        return None
    places = len(match.group(1) or "")
    if percent and not match.group(2):
        # A fraction written as text ("0.894") in a row of percentages.
        places = max(places - 2, 0) if abs(float(body.replace(",", "") or 0)) <= 1 else places
    return min(places, MOST_TYPED_PERCENT_PLACES if percent else MOST_TYPED_PLACES)


def format_money(value: float, unit: Unit) -> str:
    """``£1,234``, ``£12.3k``, ``£1.2m`` (``-£1,234`` for a negative sum), to the unit's decimals."""
    shown = display_round(value, unit.decimals)
    sign = "-" if shown < 0 else ""
    return f"{sign}£{abs(shown):,.{unit.decimals}f}{MONEY_SUFFIXES.get(unit.magnitude, '')}"
