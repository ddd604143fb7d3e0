"""Figures a layout marks provisional (``[publication] provisional``): ``[p]`` after every figure of those months.

A tracker marks one figure ``45 [p]``; a layout marks a whole month, typically the latest, whose figures the
service expects to change. A figure that already carries a mark (``[p]`` or ``[u]``) keeps its own.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from boardpack.model import Indicator, Month, Observation, Scorecard, Status
from boardpack.rules import assess_indicator


def mark_provisional(scorecard: Scorecard, months: Collection[Month]) -> Scorecard:
    """The scorecard with every unmarked figure of ``months`` marked ``[p]``; the same scorecard when none is."""
    if not months:
        return scorecard
    sections = tuple(
        replace(section, indicators=tuple(_marked(indicator, months, scorecard.period)
                                          for indicator in section.indicators))
        for section in scorecard.sections
    )
    return replace(scorecard, sections=sections)


def _marked(indicator: Indicator, months: Collection[Month], period: Month) -> Indicator:
    marked = False
    observations = []
    for observation in indicator.observations:
        figure = observation.figure
        if observation.month in months and figure.value is not None and figure.status is None:
            observation = Observation(observation.month, replace(figure, status=Status.PROVISIONAL))
            marked = True
        observations.append(observation)
    if not marked:
        return indicator
    changed = replace(indicator, observations=tuple(observations))
    # Assessed again, so that the figures the assessment holds carry the mark.
    return assess_indicator(changed, period) if indicator.assessment is not None else changed
