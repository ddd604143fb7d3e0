"""Figures that read correctly but cannot be what the officer meant: each a warning naming the cell.

88 typed into a cell formatted ``0.0%`` is 8,800.0%, which rates Green and "improved" with no complaint from
the grammar; so is ``130 of 122``, a negative count, or 40,000 in a row of 400s. These checks look at the
normalised model (every tracker figure knows its cell) and say what to do; they change no figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from boardpack.model import Figure, Finding, Indicator, Scorecard, Severity, UnitKind
from boardpack.render.text import format_count, format_number

# A slip of the decimal point or the percent sign moves a figure a hundredfold; asking from fifty times on
# catches it whatever the month's own wobble, and a measure whose figures really do swing that far month to
# month is rare enough to ask about.
FAR_OUTSIDE = 50
# "About 100 times": 88 typed for 88% among figures of 70-95% is 90 to 125 times them.
ABOUT_HUNDRED = (30, 300)
# The others a series check compares with: fewer say too little about what is usual.
LEAST_COMPARED = 3
_NEVER_NEGATIVE = (UnitKind.COUNT, UnitKind.RATE)


def implausible_figures(scorecard: Scorecard) -> tuple[Finding, ...]:
    return tuple(finding for indicator in scorecard.indicators for finding in indicator_findings(indicator))


def indicator_findings(indicator: Indicator) -> list[Finding]:
    """One warning at most per cell, the most telling."""
    findings: list[Finding] = []
    warned: set[int] = set()
    for figure, message in _doubts(indicator):
        if id(figure) in warned or figure.source is None:
            continue
        warned.add(id(figure))
        findings.append(Finding(Severity.WARNING, f"indicator {indicator.ref}: {message}", figure.source))
    return findings


def _figures(indicator: Indicator) -> list[Figure]:
    """Every figure the tracker gave the indicator: months, its YTD, prior years, benchmarks."""
    figures = [observation.figure for observation in indicator.observations]
    if indicator.ytd is not None:
        figures.append(indicator.ytd)
    figures += [prior.figure for prior in indicator.prior_years]
    figures += [benchmark.figure for benchmark in indicator.benchmarks]
    return figures


def _doubts(indicator: Indicator) -> Iterator[tuple[Figure, str]]:
    figures = _figures(indicator)
    yield from _count_doubts(figures)
    unit = indicator.unit
    if unit.is_percent:
        yield from _percent_doubts(indicator, figures)
    elif unit.kind in _NEVER_NEGATIVE:
        for figure in figures:
            if figure.value is not None and figure.value < 0:
                yield figure, (f"{format_number(figure.value, unit)} is negative, which a {unit.kind.value} cannot "
                               "be; correct the figure, or if the measure is a change, give it a unit that can fall "
                               "below zero")
    if not unit.is_percent:
        months = [observation.figure for observation in indicator.observations]
        yield from _series_doubts(indicator, months)


def _count_doubts(figures: list[Figure]) -> Iterator[tuple[Figure, str]]:
    for figure in figures:
        numerator, denominator = figure.numerator, figure.denominator
        if numerator is None or denominator is None:
            continue
        if denominator == 0 and numerator > 0:
            yield figure, (f"'{format_count(numerator)} of 0' counts some of none, so it shows as no figure; "
                           "correct the counts (the second is the whole)")
        elif numerator > denominator:
            counts = f"'{format_count(numerator)} of {format_count(denominator)}'"
            yield figure, (f"{counts} counts more than the whole ({format_count(numerator)} is over "
                           f"{format_count(denominator)}); check the two counts, the second being the whole")


def _percent_doubts(indicator: Indicator, figures: list[Figure]) -> Iterator[tuple[Figure, str]]:
    unit = indicator.unit
    valued = [f for f in figures if f.value is not None]
    for figure in valued:
        value = figure.value
        assert value is not None
        if 0 <= value <= 1:
            continue
        shown = format_number(value, unit)
        if value < 0:
            yield figure, f"{shown} is below 0%; correct the figure"
            continue
        others = [abs(f.value) for f in valued if f is not figure and f.value is not None and 0 < abs(f.value) <= 1]
        usual = _median(sorted(others)) if others else 0
        if usual and ABOUT_HUNDRED[0] <= value / usual <= ABOUT_HUNDRED[1]:
            typed = format_count(value)
            yield figure, (f"{shown} is about 100 times the indicator's other figures (typically "
                           f"{format_number(usual, unit)}): was {typed} typed for {typed}% in a cell formatted as a "
                           f"percentage? Type {value / 100:g} or {typed}% instead")
        else:
            yield figure, (f"{shown} is over 100%, which a share of a whole cannot be; check the figure (a "
                           "measure that can exceed 100%, such as spend against budget, may keep this warning)")


def _series_doubts(indicator: Indicator, months: list[Figure]) -> Iterator[tuple[Figure, str]]:
    """A month a hundredfold above or below the indicator's other months: an extra or missing zero, or a
    figure from another row."""
    valued = [f for f in months if f.value]
    if len(valued) <= LEAST_COMPARED:
        return
    unit = indicator.unit
    ranked = sorted(range(len(valued)), key=lambda i: abs(valued[i].value or 0))
    sizes = [abs(valued[i].value or 0) for i in ranked]
    if sizes[-1] < sizes[0] * FAR_OUTSIDE and math.isfinite(sizes[-1] * 2):
        # Every median of the others lies between the smallest and the largest, so no month is that far from
        # it: the usual series, passed over without working out a median for each month.
        return
    for place, index in enumerate(ranked):
        figure = valued[index]
        value = sizes[place]
        usual = _median_without(sizes, place)
        if value >= usual * FAR_OUTSIDE:
            how = f"about {value / usual:,.0f} times"
        elif value * FAR_OUTSIDE <= usual:
            how = f"about 1/{usual / value:,.0f} of"
        else:
            continue
        yield figure, (f"{format_number(figure.value or 0, unit)} is {how} the indicator's other months (typically "
                       f"{format_number(usual, unit)}); check it for a slip: a misplaced decimal point, an extra or "
                       "missing zero, or another indicator's figure")


def _median(ordered: list[float]) -> float:
    """The median of ``ordered`` (sorted), as ``statistics.median`` gives it; that module imports a dozen more."""
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _median_without(ordered: list[float], place: int) -> float:
    """The median of ``ordered`` (sorted) leaving out the item at ``place``, without building the rest."""
    count = len(ordered) - 1

    def at(k: int) -> float:
        return ordered[k if k < place else k + 1]

    middle = count // 2
    return at(middle) if count % 2 else (at(middle - 1) + at(middle)) / 2
