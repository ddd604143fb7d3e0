"""Figures as text, for every output that prints words rather than Excel number formats."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from boardpack.layout import Layout
from boardpack.model import (
    REVISED,
    REVISED_EXPLANATION,
    Comparison,
    Dot,
    Figure,
    Frequency,
    Indicator,
    Month,
    Rag,
    Scorecard,
    Status,
    Threshold,
    Unit,
    UnitKind,
    period_label,
)
from boardpack.units import format_money
from boardpack.values import display_round

MISSING = "-"


def format_number(value: float, unit: Unit) -> str:
    """``0.894`` as ``89.4%`` for a percentage, ``1,234`` for a count, ``18.8`` for an average, ``£12.3k`` for
    money in thousands."""
    if unit.kind is UnitKind.MONEY:
        return format_money(value, unit)
    percent = unit.kind is UnitKind.PERCENT
    # Zero is never looked up: -0.0 equals 0.0, so the two would share an entry, but it prints with its sign.
    return _formatted(value, unit.decimals, percent) if value else _format(value, unit.decimals, percent)


def _format(value: float, decimals: int, percent: bool) -> str:
    if percent:
        return f"{display_round(value * 100, decimals):,.{decimals}f}%"
    return f"{display_round(value, decimals):,.{decimals}f}"


# A pack prints each value several times (a section's table, the summary, a chart), and rounding goes through
# Decimal, so each value is formatted once per decimals and kind.
_formatted = lru_cache(maxsize=1 << 16)(_format)


def format_count(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def status_text(figure: Figure) -> str:
    """The status as the paper prints it: ``[c]``, ``not reported``, ``due Aug 19``; empty when there is none."""
    status = figure.status
    if status is None:
        return ""
    # Read before narrowing: mypy loses the member's value type once ``status`` is a union of all but one.
    word = status.value
    if status is Status.DUE:
        return f"due {figure.note}" if figure.note else word
    return word


def note_of(figure: Figure | None) -> str:
    """The tracker's note to print after a figure; a due date is part of the status text instead."""
    if figure is None or figure.status is Status.DUE:
        return ""
    return figure.note


def format_value(figure: Figure | None, unit: Unit) -> str:
    """The value with any mark (``45 [p]``), or its status (``TBC``, ``due Aug 19``) or a dash when there is
    none; never 0."""
    if figure is None:
        return MISSING
    if figure.value is None:
        return status_text(figure) or MISSING
    if figure.status is not None or figure.previous is not None:
        return f"{format_number(figure.value, unit)} {marks(figure)}"
    return format_number(figure.value, unit)


def marks(figure: Figure) -> str:
    """The marks printed after a figure that has a value: ``[p]``, ``[u]``, and ``[r]`` when it was revised."""
    status = figure.status.value if figure.status is not None else ""
    revised = REVISED if figure.previous is not None else ""
    return f"{status} {revised}" if status and revised else status or revised


def with_note(text: str, note: str) -> str:
    """A figure's text with the tracker's note on it: ``12.3% (2017)``, ``TBC (due Aug-19)``."""
    if not note:
        return text
    return f"{text} {note}" if note.startswith("(") else f"{text} ({note})"


def format_noted(figure: Figure | None, unit: Unit) -> str:
    """The value or marker with its note, for a line of text rather than a table cell."""
    return with_note(format_value(figure, unit), " ".join(figure.note.split()) if figure is not None else "")


def format_parts(figure: Figure | None) -> str:
    """``114 of 122`` when the tracker gave counts, else empty."""
    if figure is None or figure.numerator is None or figure.denominator is None:
        return ""
    return f"{format_count(figure.numerator)} of {format_count(figure.denominator)}"


def format_figure(figure: Figure | None, unit: Unit) -> str:
    """Counts and value together, ``114 of 122 (93.4%)``, as the section pages print them."""
    parts = format_parts(figure)
    value = format_value(figure, unit)
    return f"{parts} ({value})" if parts and figure is not None and figure.value is not None else value


def other_periods_note(scorecard: Scorecard) -> str:
    """What a period printed beside a figure means, when any measure's latest figure is for another period
    than the report's (a quarterly measure in a monthly report); else empty."""
    shown = [i for i in scorecard.indicators if i.assessment is not None and i.assessment.current_month]
    if not shown:
        return ""
    example = shown[0]
    assert example.assessment is not None and example.assessment.current_month is not None
    label = example.period_label(example.assessment.current_month)
    kinds = sorted({i.frequency for i in shown}, key=list(Frequency).index)
    words = ", ".join(f.word.lower() for f in kinds)
    return (f"A figure with a period beside it (such as {label}) is for a measure not taken every "
            f"{scorecard.frequency.period_word} ({words}): it is the latest period ended by "
            f"{scorecard.period_title}, its RAG is for that period, and its DOT compares it with the period "
            "before.")


# How a threshold with no words of its own is printed: ``95%+`` (at least), ``<10.8%`` (under).
_COMPARISON_TEXT = {
    Comparison.AT_LEAST: "{}+",
    Comparison.MORE_THAN: ">{}",
    Comparison.AT_MOST: "≤{}",
    Comparison.LESS_THAN: "<{}",
}


def threshold_text(threshold: Threshold | None, unit: Unit) -> str:
    """The threshold as the tracker wrote it, else as a reader would write it."""
    if threshold is None:
        return ""
    if threshold.text:
        return threshold.text
    low = format_number(threshold.value, unit)
    if threshold.comparison is Comparison.BETWEEN and threshold.upper is not None:
        return f"{low}–{format_number(threshold.upper, unit)}"
    return _COMPARISON_TEXT.get(threshold.comparison, "{}").format(low)


def target_text(indicator: Indicator) -> str:
    """What good looks like, for headers and charts: the green threshold, else the amber one."""
    thresholds = indicator.thresholds
    return threshold_text(thresholds.green or thresholds.amber, indicator.unit)


def explain_markers(markers: Iterable[str]) -> str:
    """``‘[c]’ confidential: …; ‘TBC’ to be confirmed``: each marker (a status's value) with what it means."""
    statuses = {status.value: status for status in Status}
    explained = []
    for marker in sorted(markers):
        status = statuses.get(marker)
        shown = status.key_text if status is not None else marker
        meaning = (status.explanation if status is not None
                   else REVISED_EXPLANATION if marker == REVISED else "no figure")
        explained.append(f"‘{shown}’ {meaning}")
    return "; ".join(explained)


# A tile's direction of travel in words, before the period it is compared with: "Improved on Mar-19".
DOT_SINCE = {
    Dot.IMPROVED: "Improved on",
    Dot.DECLINED: "Worse than",
    Dot.SAME: "Same as",
    Dot.UP: "Up on",
    Dot.DOWN: "Down on",
}


def dot_since(indicator: Indicator, dot: Dot, period: Month) -> str:
    """``Improved on Mar-19``: the direction of travel and the latest earlier period with a figure."""
    earlier = [o.month for o in indicator.observations if o.month < period and o.figure.has_value]
    where = indicator.period_label(max(earlier)) if earlier else f"last {indicator.frequency.period_word}"
    return f"{DOT_SINCE[dot]} {where}"


def last_year_text(indicator: Indicator, period: Month) -> str:
    """``Same month last year (Apr-18): 95.2%`` (or the same quarter, term...), or nothing when the tracker
    has no figure for it."""
    figure: Figure | None = indicator.assessment.same_month_last_year if indicator.assessment else None
    if figure is None or indicator.frequency is Frequency.ANNUAL:
        return ""
    shown = format_noted(figure, indicator.unit)
    same = f"Same {indicator.frequency.period_word} last year ({indicator.period_label(period.shift(-12))})"
    if figure.value is None:
        reason = figure.status.explanation if figure.status else "no figure"
        return f"{same}: {shown} ({reason})"
    return f"{same}: {shown}"


def axis_figure(value: float, unit: Unit, decimals: int) -> str:
    """A figure on a chart's axis, at the axis's own decimals: the same scale in every edition's charts."""
    return format_number(value, replace(unit, decimals=decimals))


def axis_periods(month: Month, frequency: Frequency, first: bool) -> tuple[str, str]:
    """A period's label under a chart, and the year under that where a year begins (or on the first)."""
    match frequency:
        case Frequency.QUARTERLY | Frequency.HALF_YEARLY:
            short, year = period_label(month, frequency).split(" ")
            return short, year if first or short in ("Q1", "H1") else ""
        case Frequency.TERMLY:
            return period_label(month, frequency).split(" ")[0], str(month.year) if first or month.month == 12 else ""
        case Frequency.ANNUAL:
            return month.financial_year_label, ""
    return month.label[:3], str(month.year) if first or month.month == 1 else ""


def report_title(scorecard: Scorecard, layout: Layout) -> str:
    """The report's title in every edition: the layout's, else the trackers', else a plain one."""
    return layout.title or scorecard.title or "Performance report"


def cover_details(scorecard: Scorecard, layout: Layout) -> list[tuple[str, str]]:
    """The cover's document details, label and text, each one the layout gives."""
    details = [
        ("Status", layout.status),
        ("Date created", layout.created),
        ("Created by", layout.created_by),
        ("Contact", layout.contact),
        ("Reporting period", f"{scorecard.period_title} (financial year {scorecard.period.financial_year_label})"),
    ]
    return [(label, value) for label, value in details if value]


# The key's words, the same in every edition.
RAG_MEANINGS = {
    Rag.GREEN: "On or better than target",
    Rag.AMBER: "Short of target but within tolerance",
    Rag.RED: "Outside tolerance: needs attention",
}
NO_RATING_MEANING = "No rating: reported for information, or no target set"
INFORMATION_DOT_MEANING = "Increase or decrease in a measure reported for information (no good direction)"


def dot_meanings(period_word: str) -> list[tuple[Dot, str]]:
    """What each direction of travel of a rated measure means, in the report's period (month, quarter, term)."""
    return [
        (Dot.IMPROVED, f"Improvement in performance since the previous {period_word}"),
        (Dot.SAME, f"No movement: the same as the previous {period_word}"),
        (Dot.DECLINED, f"Decline in performance since the previous {period_word}"),
    ]
