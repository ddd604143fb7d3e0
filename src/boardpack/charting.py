"""Which indicators a section charts, decided once so the PDF and the Excel scorecard chart the same ones.

The layout names them (``chart_refs``) or turns charts off (``chart = "none"``); without that, a section charts
up to two measures that have a target, else the first two with figures in the months shown. Every indicator
still has its trend in the scorecard's sparkline and the section tables, so a 1,000-indicator pack does not
carry a thousand charts nobody asked for.
"""

from __future__ import annotations

from boardpack.layout import Layout, SectionLayout
from boardpack.model import Indicator, Month, Section

DEFAULT_CHARTS = 2


def section_layout(layout: Layout, section: Section) -> SectionLayout:
    """The layout's entry for ``section`` (matched ignoring case and spacing), or a default one."""
    wanted = " ".join(section.name.lower().split())
    for candidate in layout.sections:
        if " ".join(candidate.title.lower().split()) == wanted:
            return candidate
    return SectionLayout(title=section.name, refs=tuple(i.ref for i in section.indicators))


def chart_indicators(section: Section, chosen: SectionLayout, period: Month) -> list[Indicator]:
    """The layout's chart refs; without them, up to two measures that have a target, else the first with data."""
    if chosen.chart == "none":
        return []
    by_ref = {indicator.ref: indicator for indicator in section.indicators}
    if chosen.chart_refs:
        return [by_ref[ref] for ref in chosen.chart_refs if ref in by_ref]
    window = set(period.trend_window())

    def has_data(indicator: Indicator) -> bool:
        return any(o.month in window and o.month <= period and o.figure.has_value for o in indicator.observations)

    with_data = [i for i in section.indicators if has_data(i)]
    targeted = [i for i in with_data if i.thresholds.any]
    return (targeted or with_data)[:DEFAULT_CHARTS]
