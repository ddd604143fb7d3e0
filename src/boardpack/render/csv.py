"""The tidy CSV: one row per indicator per month present, each row as at that month.

Percentages stay fractions (0.894) so a spreadsheet or script reading the CSV never has to guess a scale.
"""

from __future__ import annotations

from pathlib import Path

from boardpack.layout import Layout
from boardpack.model import Figure, Scorecard
from boardpack.rules import assess_indicator

COLUMNS = (
    "ref", "indicator", "section", "period", "value", "numerator", "denominator", "status", "unit", "polarity",
    "rag", "dot", "ytd", "source",
)
_PLACES = 10


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, _PLACES)


def _status(figure: Figure) -> str:
    return figure.status.value if figure.status is not None and figure.value is None else ""


def rows(scorecard: Scorecard) -> list[dict[str, object]]:
    table = []
    for section in scorecard.sections:
        for indicator in section.indicators:
            for observation in indicator.observations:
                if observation.month > scorecard.period:
                    continue
                assessment = assess_indicator(indicator, observation.month).assessment
                assert assessment is not None
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
                    "unit": indicator.unit.kind.value,
                    "polarity": indicator.polarity.value,
                    "rag": assessment.rag.value if assessment.rag else "",
                    "dot": assessment.dot.value if assessment.dot else "",
                    "ytd": _number(ytd),
                    "source": str(figure.source) if figure.source else "",
                })
    return table


def render_csv(scorecard: Scorecard, layout: Layout, path: Path) -> None:
    import pandas as pd

    frame = pd.DataFrame(rows(scorecard), columns=list(COLUMNS))
    for column in ("numerator", "denominator"):
        counts = frame[column].dropna()
        if (counts == counts.round()).all():
            # Counts are whole numbers; write 114, not 114.0.
            frame[column] = frame[column].astype("Int64")
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
