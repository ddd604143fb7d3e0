"""The words officers write for units, polarity, council-plan flags and their own RAG and DOT marks."""

from __future__ import annotations

from boardpack.model import Polarity, Rag, Unit, UnitKind

UNIT_WORDS: dict[str, tuple[UnitKind, int]] = {
    "count": (UnitKind.COUNT, 0),
    "number": (UnitKind.COUNT, 0),
    "numbers": (UnitKind.COUNT, 0),
    "no": (UnitKind.COUNT, 0),
    "no.": (UnitKind.COUNT, 0),
    "%": (UnitKind.PERCENT, 1),
    "percentage": (UnitKind.PERCENT, 1),
    "percent": (UnitKind.PERCENT, 1),
    "pct": (UnitKind.PERCENT, 1),
    "%age": (UnitKind.PERCENT, 1),
    "average": (UnitKind.AVERAGE, 1),
    "ytd average": (UnitKind.AVERAGE, 1),
    "average count": (UnitKind.AVERAGE, 1),
    "average days": (UnitKind.AVERAGE, 1),
    "avg": (UnitKind.AVERAGE, 1),
    "mean": (UnitKind.AVERAGE, 1),
    "days": (UnitKind.AVERAGE, 1),
    "ratio": (UnitKind.RATIO, 2),
    "index": (UnitKind.INDEX, 1),
}
# Money words, compared without spaces or apostrophes ("£ '000s" is "£000s"): the power of ten the figures are
# written in (3: thousands of pounds) and the decimals they print with (£1,234, £12.3k, £1.2m).
MONEY_WORDS: dict[str, tuple[int, int]] = {
    "£": (0, 0), "£s": (0, 0), "pounds": (0, 0), "gbp": (0, 0), "£gbp": (0, 0),
    "£k": (3, 1), "£000": (3, 1), "£000s": (3, 1), "£thousand": (3, 1), "£thousands": (3, 1), "£ks": (3, 1),
    "£m": (6, 1), "£mn": (6, 1), "£million": (6, 1), "£millions": (6, 1), "£ms": (6, 1),
}
# Rates are named by what they are per: "Rate per 10,000", "per 1,000", "Per 100,000 population".
RATE_WORDS = ("rate", "per ")
UNIT_HELP = ("Count, Number, %, Percentage, Rate per 10,000, Average, Days, £, £k, £m, Ratio, Index, YTD Average "
             "or Average count")

POLARITY_WORDS: dict[str, Polarity] = {
    "high": Polarity.HIGH, "higher": Polarity.HIGH, "high is good": Polarity.HIGH,
    "higher is better": Polarity.HIGH, "up": Polarity.HIGH, "increase": Polarity.HIGH,
    "low": Polarity.LOW, "lower": Polarity.LOW, "low is good": Polarity.LOW,
    "lower is better": Polarity.LOW, "down": Polarity.LOW, "decrease": Polarity.LOW,
    "info": Polarity.INFO, "information": Polarity.INFO, "info only": Polarity.INFO, "n/a": Polarity.INFO,
    "neutral": Polarity.INFO, "context": Polarity.INFO, "-": Polarity.INFO,
}

_TRUE_WORDS = {"yes", "y", "true", "x", "✓", "✔", "cp", "council plan", "1"}
_RAG_WORDS = {"red": Rag.RED, "r": Rag.RED, "amber": Rag.AMBER, "a": Rag.AMBER, "green": Rag.GREEN, "g": Rag.GREEN}
_UP_MARKS = {"↑", "⬆", "▲", "up", "^", "increase", "improved", "improving"}
_DOWN_MARKS = {"↓", "⬇", "▼", "down", "v", "decrease", "declined", "declining"}
_SAME_MARKS = {"→", "⇒", "►", "▶", "same", "=", "no change", "stable", "↔"}


def _words(text: str) -> str:
    return " ".join(text.strip().lower().split())


def parse_unit(text: str) -> Unit | None:
    """A unit from the tracker's words, keeping them as the label; None when not recognised."""
    words = _words(text)
    if words.startswith(RATE_WORDS):
        return Unit(UnitKind.RATE, text.strip(), 1)
    money = MONEY_WORDS.get(words.replace(" ", "").replace("'", "").replace("’", ""))
    if money is not None:
        magnitude, decimals = money
        return Unit(UnitKind.MONEY, text.strip(), decimals, magnitude)
    if words in UNIT_WORDS:
        kind, decimals = UNIT_WORDS[words]
        label = "Percentage" if words == "%" else text.strip()
        return Unit(kind, label, decimals)
    return None


def parse_polarity(text: str) -> Polarity | None:
    return POLARITY_WORDS.get(_words(text))


def parse_flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    return isinstance(value, str) and _words(value) in _TRUE_WORDS


def parse_officer_rag(text: str) -> Rag | None:
    return _RAG_WORDS.get(_words(text))


def parse_officer_direction(text: str) -> str | None:
    """The way the officer's arrow points: ``up``, ``down`` or ``same``; None for anything else."""
    mark = _words(text)
    if mark in _UP_MARKS:
        return "up"
    if mark in _DOWN_MARKS:
        return "down"
    if mark in _SAME_MARKS:
        return "same"
    return None
