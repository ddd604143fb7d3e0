"""Compare the officer's own marks (a RAG or Status column, a DOT or Trend column) with what the rules work out.

A disagreement usually means a threshold or a figure was edited by hand, so each one is a warning naming
the indicator's row. The officer's marks describe the row's latest month with a figure, so they are compared
only when that month is the reporting period: a pack for March from a tracker filled in to April has nothing
to compare them with. Words that say less than a colour agree with every colour they allow: "Off target" is
amber or red.
"""

from __future__ import annotations

from dataclasses import replace

from boardpack.model import Dot, Finding, Indicator, Polarity, Scorecard, Severity
from boardpack.vocabulary import parse_officer_direction, parse_officer_rating

# Trackers follow the convention of the published reports: an arrow (or a word such as Improving) shows the
# direction of performance with reference to polarity (up is better), and for Info measures the direction
# of the numbers.
_OFFICER_MEANING = {
    ("up", False): Dot.IMPROVED, ("down", False): Dot.DECLINED, ("same", False): Dot.SAME,
    ("up", True): Dot.UP, ("down", True): Dot.DOWN, ("same", True): Dot.SAME,
}


def officer_mark_findings(indicator: Indicator) -> list[Finding]:
    assessment = indicator.assessment
    if assessment is None:
        return []
    findings = []
    officer_rags = parse_officer_rating(indicator.officer_rag, indicator.polarity) if indicator.officer_rag else None
    if officer_rags is not None and assessment.rag is not None and assessment.rag not in officer_rags:
        findings.append(Finding(
            Severity.WARNING,
            f"indicator {indicator.ref}: the tracker's RAG says {indicator.officer_rag!r} but the figure and "
            f"thresholds give {assessment.rag.word}; check the threshold and the figure",
            indicator.source,
        ))
    officer_way = parse_officer_direction(indicator.officer_dot) if indicator.officer_dot else None
    if officer_way is not None and assessment.dot is not None:
        by_numbers = assessment.dot in (Dot.UP, Dot.DOWN) or indicator.polarity is Polarity.INFO
        officer_dot = _OFFICER_MEANING[(officer_way, by_numbers)]
        if officer_dot is not assessment.dot:
            findings.append(Finding(
                Severity.WARNING,
                f"indicator {indicator.ref}: the tracker's DOT {indicator.officer_dot!r} says {officer_dot.value} "
                f"but the figures give {assessment.dot.value} since the previous month; check both months' figures",
                indicator.source,
            ))
    return findings


def crosscheck(scorecard: Scorecard) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    period = scorecard.period
    for indicator in scorecard.indicators:
        if not (indicator.officer_rag or indicator.officer_dot):
            continue
        described = indicator.latest_month()
        if described is None:
            continue
        if described != period:
            findings.append(Finding(
                Severity.INFO,
                f"indicator {indicator.ref}: the tracker's RAG and DOT columns describe {described.long_label}, not "
                f"{period.long_label}, so they were not compared with the rules",
                indicator.source, indicator.ref,
            ))
            continue
        findings += [replace(f, ref=indicator.ref) for f in officer_mark_findings(indicator)]
    return tuple(findings)
