"""Scorecards built straight from the model, so renderers are tested apart from the reader."""

from __future__ import annotations

from boardpack.model import (
    Benchmark,
    BenchmarkKind,
    CellRef,
    Commentary,
    Comparison,
    Figure,
    Indicator,
    LabelledFigure,
    Month,
    Observation,
    Polarity,
    Scorecard,
    Section,
    Status,
    Threshold,
    Thresholds,
    Unit,
    UnitKind,
)
from boardpack.rules import assess

PERCENT = Unit(UnitKind.PERCENT, "Percentage", 1)
COUNT = Unit(UnitKind.COUNT, "Count", 0)
RATE = Unit(UnitKind.RATE, "Rate per 10,000", 1)
AVERAGE = Unit(UnitKind.AVERAGE, "Average count", 1)

PRIOR_YEARS = ("2014/15", "2015/16", "2016/17", "2017/18", "2018/19")


def _figure(value: object, cell: str = "") -> Figure:
    source = CellRef("factory.xlsx", "LAC", cell) if cell else None
    if value is None:
        return Figure(status=Status.NONE, source=source)
    if isinstance(value, Status):
        return Figure(status=value, source=source)
    if isinstance(value, tuple):
        numerator, denominator = value
        return Figure(value=numerator / denominator, numerator=numerator, denominator=denominator, source=source)
    return Figure(value=float(value), source=source)


def _months(start: Month, values: list[object]) -> tuple[Observation, ...]:
    return tuple(Observation(start.shift(i), _figure(v, f"{chr(ord('H') + i)}9")) for i, v in enumerate(values))


def _priors(values: list[object]) -> tuple[LabelledFigure, ...]:
    pairs = zip(PRIOR_YEARS, values, strict=True)
    return tuple(LabelledFigure(label, _figure(v)) for label, v in pairs if v is not None)


def _benchmarks(sn: float, best: float, nat: float, top: float | None) -> tuple[Benchmark, ...]:
    pairs = [
        (BenchmarkKind.STAT_NEIGHBOUR_AVERAGE, sn),
        (BenchmarkKind.BEST_STAT_NEIGHBOUR, best),
        (BenchmarkKind.NATIONAL_AVERAGE, nat),
        (BenchmarkKind.TOP_QUARTILE, top),
    ]
    return tuple(Benchmark(kind, _figure(v)) for kind, v in pairs if v is not None)


def high_thresholds(red: float, amber: float, green: float) -> Thresholds:
    return Thresholds(
        red=Threshold(Comparison.LESS_THAN, red, text=f"<{red * 100:g}%"),
        amber=Threshold(Comparison.AT_LEAST, amber, text=f"{amber * 100:g}%>"),
        green=Threshold(Comparison.AT_LEAST, green, text=f"{green * 100:g}%+"),
    )


def corporate_parenting_scorecard() -> Scorecard:
    """A small slice of the April 2019 Corporate Parenting report, assessed at April 2019."""
    jan = Month(2019, 1)
    lac = (
        Indicator(
            ref="6.1", name="Number of Looked After Children", section="Looked After Children", unit=COUNT,
            polarity=Polarity.INFO, timeline="As at mth end",
            observations=_months(jan, [629, 646, 642, 627]),
            ytd=Figure(status=Status.NONE),
            prior_years=_priors([407, 432, 488, 627, 642]),
            source=CellRef("factory.xlsx", "LAC", "A9"),
        ),
        Indicator(
            ref="6.2", name="Rate of Looked After Children per 10,000 population aged under 18",
            section="Looked After Children", unit=RATE, polarity=Polarity.LOW, timeline="As at mth end",
            council_plan=True,
            observations=_months(jan, [110.5, 113.4, 112.7, 110.1]),
            thresholds=Thresholds(green=Threshold(Comparison.AT_MOST, 99.1, text="99.1")),
            prior_years=_priors([70.0, 76.6, 86.6, 110.8, 112.7]),
            benchmarks=_benchmarks(87.8, 62.0, 64.0, None),
            source=CellRef("factory.xlsx", "LAC", "A10"),
        ),
        Indicator(
            ref="6.8", name="LAC cases reviewed within timescales", section="Reviews, Plans & Visits",
            unit=PERCENT, polarity=Polarity.HIGH, timeline="Financial Year",
            observations=_months(jan, [(124, 136), (148, 158), (135, 148), (114, 122)]),
            thresholds=high_thresholds(0.90, 0.90, 0.95),
            prior_years=_priors([0.949, 0.833, (652, 714), (1502, 1658), (1660, 1875)]),
            source=CellRef("factory.xlsx", "LAC", "A11"),
        ),
        Indicator(
            ref="6.10", name="Health of Looked After Children - up to date Health Assessments",
            section="Reviews, Plans & Visits", unit=PERCENT, polarity=Polarity.HIGH, timeline="As at mth end",
            observations=_months(jan, [0.893, 0.874, 0.848, 0.763]),
            thresholds=high_thresholds(0.90, 0.90, 0.95),
            prior_years=_priors([0.814, 0.928, 0.895, 0.837, 0.848]),
            source=CellRef("factory.xlsx", "LAC", "A12"),
        ),
        Indicator(
            ref="6.14", name="% of LAC with up to date PEPs (Report Termly - End Jul, Dec, Mar)",
            section="Reviews, Plans & Visits", unit=PERCENT, polarity=Polarity.HIGH, timeline="As at term end",
            observations=_months(jan, [Status.NONE, Status.NONE, 0.967, Status.TBC]),
            thresholds=high_thresholds(0.90, 0.90, 0.95),
            source=CellRef("factory.xlsx", "LAC", "A13"),
        ),
        Indicator(
            ref="8.2", name="% of LAC who have had 3 or more placements - rolling 12 months",
            section="Reviews, Plans & Visits", unit=PERCENT, polarity=Polarity.LOW, timeline="Rolling Year",
            observations=_months(jan, [(91, 625), (90, 642), (84, 638), (78, 623)]),
            thresholds=Thresholds(
                red=Threshold(Comparison.AT_LEAST, 0.13, text="13%+"),
                amber=Threshold(Comparison.LESS_THAN, 0.13, text="13%<"),
                green=Threshold(Comparison.LESS_THAN, 0.108, text="10.8%<"),
            ),
            prior_years=_priors([(49, 409), (56, 431), (58, 488), (83, 621), (81, 639)]),
            benchmarks=_benchmarks(0.106, 0.08, 0.10, 0.089),
            source=CellRef("factory.xlsx", "LAC", "A14"),
        ),
        Indicator(
            ref="11.3a", name="Average number of cases per qualified social worker in LAC Teams 1-3",
            section="Reviews, Plans & Visits", unit=AVERAGE, polarity=Polarity.LOW, timeline="As at mth end",
            observations=_months(jan, [16.0, 19.2, 19.4, 18.8]),
            thresholds=Thresholds(
                red=Threshold(Comparison.MORE_THAN, 21, text=">21"),
                amber=Threshold(Comparison.AT_MOST, 21, text="≤21"),
                green=Threshold(Comparison.BETWEEN, 14, 20, text="14-20"),
            ),
            source=CellRef("factory.xlsx", "LAC", "A15"),
        ),
    )
    first, second = lac[:2], lac[2:]
    sections = (
        Section(
            "Looked After Children", first,
            Commentary(
                definition="Children in care are children who have become the responsibility of the local authority.",
                analysis="April brought 29 discharges & only 16 admissions: a net reduction of 13 <to 627>.",
                data_note="An issue within the case system affects children ceasing care.",
            ),
        ),
        Section(
            "Reviews, Plans & Visits", second,
            Commentary(definition="The purpose of a LAC review is to consider the plan for the child."),
        ),
    )
    scorecard = Scorecard(
        title="Corporate Parenting Monthly Performance Report",
        period=Month(2019, 4),
        sections=sections,
        sources=("factory.xlsx",),
    )
    return assess(scorecard)
