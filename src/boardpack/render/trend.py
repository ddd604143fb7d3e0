"""A section's trend table as data: its rows (the months shown and the YTD, the annual trend, the latest
benchmarks) and each indicator's figure in them, worked out once for the PDF and the web page alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from boardpack.model import BenchmarkKind, Figure, Indicator, Month, Scorecard, Section, period_label

# The most recent prior years a trend table shows; older ones are in the tracker.
PRIOR_YEARS_SHOWN = 5


@dataclass(frozen=True)
class TrendRow:
    label: str
    kind: str  # "month", "ytd", "prior", "benchmark"
    month: Month | None = None
    key: str = ""
    benchmark: BenchmarkKind | None = None


def trend_rows(scorecard: Scorecard, section: Section, months: Sequence[Month]
               ) -> tuple[list[TrendRow], list[TrendRow], list[TrendRow]]:
    """The in-month rows (the months shown and YTD), the annual trend rows and the benchmarking rows."""
    period = scorecard.period
    frequency = scorecard.frequency
    in_month = [TrendRow(period_label(m, frequency), "month", month=m) for m in months]
    in_month.append(TrendRow(f"YTD {period.financial_year_label}", "ytd"))
    priors = [TrendRow(label, "prior", key=label) for label in scorecard.prior_year_labels[-PRIOR_YEARS_SHOWN:]]
    kinds = [k for k in BenchmarkKind if any(i.benchmark(k) is not None for i in section.indicators)]
    benchmarks = [TrendRow(k.label, "benchmark", benchmark=k) for k in kinds]
    return in_month, priors, benchmarks


def trend_headings(scorecard: Scorecard) -> tuple[str, str, str]:
    """The headings of ``trend_rows``' three groups."""
    return f"In {scorecard.frequency.period_word} performance", "Annual trend", "Latest benchmarking"


def trend_figures(indicator: Indicator, rows: Sequence[TrendRow], period: Month) -> list[tuple[Figure | None, bool]]:
    """For each row, the indicator's figure and whether the cell should show anything at all.

    Months after the reporting period are left blank (not yet due), as are months the measure is not taken
    in (August for a quarterly one) and benchmark rows for an indicator that has no benchmarks. Everything else
    shows its figure or the marker for a missing one.
    """
    # figures_by_month, keyed by (year, month) rather than by Month, whose hash is worked out in Python: this
    # runs for every indicator of every section.
    by_month = {(o.month.year, o.month.month): o.figure for o in reversed(indicator.observations)}
    # Where a label repeats the first wins, as for months.
    by_year = {prior.label: prior.figure for prior in reversed(indicator.prior_years)}
    found: list[tuple[Figure | None, bool]] = []
    for row in rows:
        match row.kind:
            case "month":
                month = row.month
                assert month is not None
                figure = by_month.get((month.year, month.month))
                found.append((figure, figure is not None or (month <= period and indicator.measured_in(month))))
            case "ytd":
                found.append(((indicator.assessment.ytd if indicator.assessment else None), True))
            case "prior":
                found.append((by_year.get(row.key), bool(by_year)))
            case "benchmark":
                assert row.benchmark is not None
                found.append((indicator.benchmark(row.benchmark), bool(indicator.benchmarks)))
            case _:
                raise AssertionError(row.kind)
    return found
