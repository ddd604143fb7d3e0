"""The shape of what was read, in two lines for ``validate``: how many indicators, and how many are rated.

An officer reading a long list of findings can miss that RAG has vanished (a renamed Red column, a deleted
Good perf is column); the counts, and the reasons the unrated are unrated, make it plain at a glance.
"""

from __future__ import annotations

from collections import Counter

from boardpack.model import (
    CellRef,
    Finding,
    Indicator,
    Month,
    Polarity,
    Scorecard,
    Severity,
)

# Why an indicator has no RAG, in the order the reasons are tested and listed: (singular, plural).
_FAULTY = ("with errors", "with errors")
_NO_POLARITY_COLUMN = ("with no polarity column", "with no polarity column")
_INFO = ("Info measure", "Info measures")
_NO_THRESHOLD_COLUMNS = ("with no threshold columns", "with no threshold columns")
_NO_THRESHOLDS = ("without thresholds", "without thresholds")
_ORDER = (_FAULTY, _NO_POLARITY_COLUMN, _INFO, _NO_THRESHOLD_COLUMNS, _NO_THRESHOLDS)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def is_rated(indicator: Indicator) -> bool:
    return indicator.assessment is not None and indicator.assessment.rag is not None


def why_not_rated(indicator: Indicator, period: Month) -> tuple[str, str]:
    if indicator.fault:
        return _FAULTY
    table = indicator.table
    if indicator.polarity is Polarity.INFO:
        return _NO_POLARITY_COLUMN if table is not None and not table.has_polarity else _INFO
    if not indicator.thresholds.any:
        return _NO_THRESHOLD_COLUMNS if table is not None and not table.has_thresholds else _NO_THRESHOLDS
    reason = f"with no figure for {period.long_label}"
    return reason, reason


def shape_lines(scorecard: Scorecard) -> list[str]:
    """``read 44 indicators in 4 sections from 1 tracker; period April 2019`` and
    ``rated 38; not rated 6: 4 Info measures, 2 without thresholds``."""
    indicators = scorecard.indicators
    read = (f"read {_plural(len(indicators), 'indicator')} in {_plural(len(scorecard.sections), 'section')} "
            f"from {_plural(len(scorecard.sources), 'tracker')}; period {scorecard.period.long_label}")
    reasons = Counter(why_not_rated(i, scorecard.period) for i in indicators if not is_rated(i))
    rated = f"rated {len(indicators) - sum(reasons.values())}"
    if not reasons:
        return [read, rated]
    order = list(_ORDER) + sorted(reason for reason in reasons if reason not in _ORDER)
    parts = [f"{reasons[reason]} {reason[0] if reasons[reason] == 1 else reason[1]}"
             for reason in order if reason in reasons]
    return [read, f"{rated}; not rated {sum(reasons.values())}: {', '.join(parts)}"]


def nothing_rated(scorecard: Scorecard) -> Finding | None:
    """A warning when no indicator is rated although some say High or Low is good: RAG has gone missing."""
    indicators = scorecard.indicators
    rateable = [i for i in indicators if i.polarity in (Polarity.HIGH, Polarity.LOW)]
    if not rateable or any(is_rated(i) for i in indicators):
        return None
    reasons = Counter(why_not_rated(i, scorecard.period) for i in rateable)
    main = max(reasons, key=lambda reason: reasons[reason])[1]
    return Finding(
        Severity.WARNING,
        f"no indicator is rated, though {len(rateable)} have polarity High or Low (most of them {main}); check "
        "the Red, Amber and Green (target) headers and that the period has figures",
        CellRef(scorecard.sources[0]) if scorecard.sources else None,
    )
