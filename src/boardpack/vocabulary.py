"""The words officers write for units, polarity, council-plan flags and their own RAG, status and trend marks."""

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
}
UNIT_HELP = "Count, %, Percentage, Rate per 10,000, Average, YTD Average or Average count"

POLARITY_WORDS: dict[str, Polarity] = {
    "high": Polarity.HIGH, "higher": Polarity.HIGH, "high is good": Polarity.HIGH,
    "higher is better": Polarity.HIGH, "up": Polarity.HIGH, "increase": Polarity.HIGH,
    "better if higher": Polarity.HIGH, "higher the better": Polarity.HIGH, "the higher the better": Polarity.HIGH,
    "aim to maximise": Polarity.HIGH, "aim to maximize": Polarity.HIGH, "maximise": Polarity.HIGH,
    "maximize": Polarity.HIGH, "aim high": Polarity.HIGH, "bigger is better": Polarity.HIGH,
    "low": Polarity.LOW, "lower": Polarity.LOW, "low is good": Polarity.LOW,
    "lower is better": Polarity.LOW, "down": Polarity.LOW, "decrease": Polarity.LOW,
    "better if lower": Polarity.LOW, "lower the better": Polarity.LOW, "the lower the better": Polarity.LOW,
    "aim to minimise": Polarity.LOW, "aim to minimize": Polarity.LOW, "minimise": Polarity.LOW,
    "minimize": Polarity.LOW, "aim low": Polarity.LOW, "smaller is better": Polarity.LOW,
    "within limits": Polarity.WITHIN, "within range": Polarity.WITHIN, "within the range": Polarity.WITHIN,
    "within": Polarity.WITHIN, "band": Polarity.WITHIN, "within band": Polarity.WITHIN,
    "in range": Polarity.WITHIN, "range": Polarity.WITHIN,
    "info": Polarity.INFO, "information": Polarity.INFO, "info only": Polarity.INFO, "n/a": Polarity.INFO,
    "neutral": Polarity.INFO, "context": Polarity.INFO, "-": Polarity.INFO,
    "contextual": Polarity.INFO, "context only": Polarity.INFO, "data only": Polarity.INFO,
    "for information": Polarity.INFO, "for info": Polarity.INFO, "information only": Polarity.INFO,
    "monitor": Polarity.INFO, "monitoring": Polarity.INFO, "monitor only": Polarity.INFO,
    "no polarity": Polarity.INFO, "none": Polarity.INFO,
}
POLARITY_HELP = "High, Low or Info (or Within limits for a measure kept inside a range)"

_TRUE_WORDS = {"yes", "y", "true", "x", "✓", "✔", "cp", "council plan", "1"}
_RAG_WORDS = {"red": Rag.RED, "r": Rag.RED, "amber": Rag.AMBER, "a": Rag.AMBER, "green": Rag.GREEN, "g": Rag.GREEN}
_GREEN = frozenset({Rag.GREEN})
_AMBER = frozenset({Rag.AMBER})
_SHORT = frozenset({Rag.AMBER, Rag.RED})
# Status words as officers write them. "Off target" and its like say only that the target was missed, so they
# agree with Amber or Red; "within tolerance" is amber; "on target" green.
_STATUS_WORDS: dict[str, frozenset[Rag]] = {
    **dict.fromkeys((
        "on target", "on track", "achieved", "target achieved", "met", "target met", "exceeded",
        "exceeding target", "exceeded target", "ahead of target", "better than target", "on or above target",
        "on or better than target", "within target", "within range", "within limits",
    ), _GREEN),
    **dict.fromkeys((
        "within tolerance", "in tolerance", "near target", "close to target", "slightly off target",
        "just off target", "at risk", "some concern",
    ), _AMBER),
    **dict.fromkeys((
        "off target", "off track", "not achieved", "target not achieved", "not met", "target not met", "missed",
        "target missed", "worse than target", "short of target", "not on target", "outside tolerance",
        "outside range", "outside limits", "of concern",
    ), _SHORT),
}
# "Below target" is good news for a low-is-good measure and bad news for the rest.
_SIDE_WORDS = {"above target": "above", "below target": "below", "over target": "above", "under target": "below"}
_UP_MARKS = {"↑", "⬆", "▲", "up", "^", "increase", "improved", "improving", "better", "getting better"}
_DOWN_MARKS = {"↓", "⬇", "▼", "down", "v", "decrease", "declined", "declining", "worse", "worsening", "worsened",
               "getting worse", "deteriorating", "deteriorated"}
_SAME_MARKS = {"→", "⇒", "►", "▶", "same", "=", "no change", "stable", "↔", "unchanged", "static", "steady",
               "maintained", "no movement"}


def _words(text: str) -> str:
    return " ".join(text.strip().lower().split())


def parse_unit(text: str) -> Unit | None:
    """A unit from the tracker's words, keeping them as the label; None when not recognised."""
    words = _words(text)
    if words.startswith("rate"):
        return Unit(UnitKind.RATE, text.strip(), 1)
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


def parse_officer_rating(text: str, polarity: Polarity) -> frozenset[Rag] | None:
    """The RAG ratings an officer's RAG or Status cell agrees with: ``Amber`` one, ``Off target`` Amber or
    Red; None for anything else (``n/a``, a blank)."""
    words = _words(text)
    rag = _RAG_WORDS.get(words)
    if rag is not None:
        return frozenset({rag})
    meaning = _STATUS_WORDS.get(words)
    if meaning is not None:
        return meaning
    side = _SIDE_WORDS.get(words)
    if side is None or polarity is Polarity.INFO:
        return None
    good = (side == "above") if polarity is Polarity.HIGH else (side == "below") if polarity is Polarity.LOW else False
    return _GREEN if good else _SHORT


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
