"""The months a section's in-month table and its charts show, decided once so the two always agree.

By default the reporting year's months up to the period: a table of figures, not a column of months still to
come. A layout's ``[trend]`` may ask for the whole year, and for months before it, as some published reports
print them. In a report whose measures are all quarterly (termly...), only the periods' last months are shown.
"""

from __future__ import annotations

from boardpack.layout import Layout
from boardpack.model import Month, Scorecard


def months_shown(scorecard: Scorecard, layout: Layout) -> tuple[Month, ...]:
    """The months, oldest first, whose rows a section table prints and along which its charts run."""
    period = scorecard.period
    year_start = period.financial_year_start
    first = year_start.shift(-layout.trend.months_before)
    last = period if layout.trend.months == "to-date" else year_start.shift(11)
    ends = scorecard.frequency.end_months
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return tuple(month for month in (first.shift(i) for i in range(count)) if month.month in ends)
