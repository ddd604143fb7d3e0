"""Each indicator's marks month by month (``rules.monthly_marks``), worked out once for every output that reads them.

The tidy CSV prints every month's RAG, DOT and YTD, and the Excel scorecard's printed trend the latest periods'
DOTs. A build renders both in one process, one after the other, from the same scorecard, and working the marks
out was a third of the CSV's time and a tenth of the workbook's; the second now reads what the first kept.
Only the latest scorecard's marks are kept, and each with its indicator, so an indicator made and dropped
since (whose ``id`` a new one may take) is never taken for another.
"""

from __future__ import annotations

from boardpack.model import Dot, Figure, Indicator, Observation, Rag, Scorecard
from boardpack.rules import monthly_marks

Marks = list[tuple[Observation, Rag | None, Dot | None, Figure | None]]


class _Kept:
    def __init__(self) -> None:
        self.scorecard: Scorecard | None = None
        self.marks: dict[int, tuple[Indicator, Marks]] = {}


_kept = _Kept()


def marks_of(scorecard: Scorecard, indicator: Indicator) -> Marks:
    """``monthly_marks(indicator, scorecard.period)`` as a list, worked out the first time it is asked for."""
    if _kept.scorecard is not scorecard:
        _kept.scorecard, _kept.marks = scorecard, {}
    kept = _kept.marks.get(id(indicator))
    if kept is not None and kept[0] is indicator:
        return kept[1]
    marks = list(monthly_marks(indicator, scorecard.period))
    _kept.marks[id(indicator)] = (indicator, marks)
    return marks
