"""The tidy CSV: one row per indicator per month present, each row as at that month.

Percentages stay fractions (0.894) so a spreadsheet or script reading the CSV never has to guess a scale.
Written with the standard library's ``csv`` module: importing pandas for this one table cost a build more
than writing it.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from boardpack.layout import Layout
from boardpack.model import Figure, Scorecard
from boardpack.rules import monthly_assessments

COLUMNS = (
    "ref", "indicator", "section", "period", "value", "numerator", "denominator", "status", "unit", "polarity",
    "rag", "dot", "ytd", "source",
)
NUMBER_COLUMNS = ("value", "ytd")
COUNT_COLUMNS = ("numerator", "denominator")
_PLACES = 10


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, _PLACES)


def _status(figure: Figure) -> str:
    return figure.status.value if figure.status is not None and figure.value is None else ""


def rows(scorecard: Scorecard) -> list[dict[str, object]]:
    table = []
    for section in scorecard.sections:
        for indicator in section.indicators:
            unit, polarity = indicator.unit.kind.value, indicator.polarity.value
            for observation, assessment in monthly_assessments(indicator, scorecard.period):
                figure = observation.figure
                ytd = assessment.ytd.value if assessment.ytd is not None else None
                table.append({
                    "ref": indicator.ref,
                    "indicator": indicator.name,
                    "section": section.name,
                    "period": observation.month.iso,
                    "value": _number(figure.value),
                    "numerator": figure.numerator,
                    "denominator": figure.denominator,
                    "status": _status(figure),
                    "unit": unit,
                    "polarity": polarity,
                    "rag": assessment.rag.value if assessment.rag else "",
                    "dot": assessment.dot.value if assessment.dot else "",
                    "ytd": _number(ytd),
                    "source": str(figure.source) if figure.source else "",
                })
    return table


def _numbers_as_written(values: Sequence[object], whole_as_integers: bool) -> list[str]:
    """A column of numbers as the CSV writes them: a blank for none, and one style for the whole column.

    A column of integers alone is written as integers; any float or gap makes every number a float
    (``627.0``, shortest round-trip form). Count columns whose numbers are all whole are written as integers.
    """
    present = [v for v in values if v is not None]
    if whole_as_integers and all(float(v).is_integer() for v in present):
        return ["" if v is None else str(int(v)) for v in values]
    if present and len(present) == len(values) and all(isinstance(v, int) for v in present):
        return [str(v) for v in values]
    return ["" if v is None else repr(float(v)) for v in values]


def render_csv(scorecard: Scorecard, layout: Layout, path: Path) -> None:
    table = rows(scorecard)
    columns = {name: [row[name] for row in table] for name in COLUMNS}
    for name in NUMBER_COLUMNS:
        columns[name] = _numbers_as_written(columns[name], whole_as_integers=False)
    for name in COUNT_COLUMNS:
        columns[name] = _numbers_as_written(columns[name], whole_as_integers=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(zip(*(columns[name] for name in COLUMNS)))
