"""The words officers write for units, polarity, council-plan flags and their own RAG, status and trend marks."""

from __future__ import annotations

from functools import lru_cache

from boardpack.model import Frequency, Polarity, Rag, Unit, UnitKind

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

# A row with no ref, directly under a measure, whose name says it holds that measure's target for each month
# (the profile by which a year-end target is reached).
PROFILE_ROW_WORDS = frozenset({
    "profiled target", "profiled targets", "target profile", "profile", "profiled", "monthly target",
    "monthly targets", "cumulative target", "in-year target", "in year target", "target (profiled)",
    "profiled target (cumulative)", "target to date",
})


def is_profile_row(name: str) -> bool:
    return " ".join(name.lower().split()) in PROFILE_ROW_WORDS

# What a Timeline says about how the months add up to a year to date. A flow is counted afresh each month,
# so its YTD is the sum of the year's months; a snapshot is a level at a moment, so its YTD is the latest.
# Matched as words inside the cell ("Financial Year (cumulative)", "As at mth end").
TIMELINE_FLOW_WORDS = ("financial year", "year to date", "ytd", "cumulative", "in year", "fy")
TIMELINE_SNAPSHOT_WORDS = (
    "as at", "mth end", "month end", "end of month", "snapshot", "point in time", "rolling", "last 12 months",
    "12 month", "current",
)
TIMELINE_HELP = "write Financial Year for a flow count or As at mth end for a snapshot"
# What a Frequency (or Timeline) column says of how often a measure is taken.
FREQUENCY_WORDS: dict[str, Frequency] = {
    "monthly": Frequency.MONTHLY, "month": Frequency.MONTHLY, "every month": Frequency.MONTHLY,
    "quarterly": Frequency.QUARTERLY, "quarter": Frequency.QUARTERLY, "qtrly": Frequency.QUARTERLY,
    "every quarter": Frequency.QUARTERLY,
    "half yearly": Frequency.HALF_YEARLY, "half-yearly": Frequency.HALF_YEARLY, "6 monthly": Frequency.HALF_YEARLY,
    "6-monthly": Frequency.HALF_YEARLY, "six monthly": Frequency.HALF_YEARLY, "biannual": Frequency.HALF_YEARLY,
    "bi-annual": Frequency.HALF_YEARLY, "bi annual": Frequency.HALF_YEARLY, "twice yearly": Frequency.HALF_YEARLY,
    "twice a year": Frequency.HALF_YEARLY, "twice per year": Frequency.HALF_YEARLY,
    "termly": Frequency.TERMLY, "each term": Frequency.TERMLY, "per term": Frequency.TERMLY,
    "annual": Frequency.ANNUAL, "annually": Frequency.ANNUAL, "yearly": Frequency.ANNUAL,
    "once a year": Frequency.ANNUAL,
}
# What officers write in the month cells of a measure that is not taken that month. Such a cell is neither a
# figure nor a gap: it says how often the measure is taken.
FREQUENCY_MARKERS: dict[str, Frequency] = {
    "annual indicator": Frequency.ANNUAL, "annual measure": Frequency.ANNUAL, "annual": Frequency.ANNUAL,
    "annual figure": Frequency.ANNUAL, "reported annually": Frequency.ANNUAL, "measured annually": Frequency.ANNUAL,
    "annual only": Frequency.ANNUAL, "yearly measure": Frequency.ANNUAL,
    "quarterly indicator": Frequency.QUARTERLY, "quarterly measure": Frequency.QUARTERLY,
    "quarterly": Frequency.QUARTERLY, "reported quarterly": Frequency.QUARTERLY,
    "measured quarterly": Frequency.QUARTERLY, "quarterly only": Frequency.QUARTERLY,
    "measured twice per year": Frequency.HALF_YEARLY, "measured twice a year": Frequency.HALF_YEARLY,
    "twice yearly": Frequency.HALF_YEARLY, "bi-annual": Frequency.HALF_YEARLY, "biannual": Frequency.HALF_YEARLY,
    "bi annual": Frequency.HALF_YEARLY, "bi-annual measure": Frequency.HALF_YEARLY,
    "bi-annual indicator": Frequency.HALF_YEARLY, "6 monthly": Frequency.HALF_YEARLY,
    "6-monthly": Frequency.HALF_YEARLY, "six monthly": Frequency.HALF_YEARLY, "half yearly": Frequency.HALF_YEARLY,
    "half-yearly": Frequency.HALF_YEARLY, "6 monthly measure": Frequency.HALF_YEARLY,
    "termly": Frequency.TERMLY, "termly measure": Frequency.TERMLY, "termly indicator": Frequency.TERMLY,
    "reported termly": Frequency.TERMLY,
}

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


def timeline_kind(text: str) -> str | None:
    """``"flow"`` or ``"snapshot"`` from a Timeline cell; None when its words are not recognised."""
    words = f" {' '.join(''.join(c if c.isalnum() else ' ' for c in text.lower()).split())} "
    if any(f" {word} " in words for word in TIMELINE_FLOW_WORDS):
        return "flow"
    if any(f" {word} " in words for word in TIMELINE_SNAPSHOT_WORDS):
        return "snapshot"
    return None
@lru_cache(maxsize=256)
def parse_frequency(text: str) -> Frequency | None:
    """A frequency word (``Quarterly``, ``6 monthly``, ``Termly``), else None (``As at mth end`` is a timeline)."""
    # Cached: a tracker repeats a handful of timeline words down a thousand rows.
    return FREQUENCY_WORDS.get(_words(text).rstrip("."))


def frequency_marker(text: str) -> Frequency | None:
    """The frequency a month cell's words give (``Annual Indicator``, ``Measured twice per year``), else None."""
    return FREQUENCY_MARKERS.get(_words(text).rstrip("."))


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


# Rows around a tracker's table. Above it: a banner, the report's title, an "as at" line, perhaps a key.
# Below it: the key, then footnotes. These words tell them apart.
TITLE_WORDS = ("report", "performance", "scorecard", "monitoring", "dashboard", "tracker", "summary", "kpi", "kpis")
AS_AT_WORDS = ("as at", "as of", "month end", "period ending", "reporting period")
# A key explains the tracker's own arrows and colour words; the pack prints its own key, so it is not repeated.
# (A line about tolerances, "Amber = within 5% of target", is not a key: it says something the pack's key cannot.)
KEY_PATTERNS = (
    r"(key|legend)\b",
    r"(dot|rag|direction of travel)\s*[-–—:=(]",
    r"[↑↓→↔⬆⬇▲▼►]",
)
NOTE_HEADINGS = frozenset({"note", "notes", "footnote", "footnotes", "notes and caveats", "caveats"})
# The mark a footnote starts with, and an indicator's name or ref carries: *, **, †, ‡, §, (a), [1], ¹.
FOOTNOTE_MARKS = r"\*+|†+|‡+|§+|\([a-z]\)|\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
