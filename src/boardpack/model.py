"""The scorecard model: frozen, plain data with no I/O.

Readers build it, rules assess it, renderers draw it. Nothing here imports a file format library, so the
model can be snapshot to JSON and compared without any Excel or PDF machinery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
FINANCIAL_YEAR_START_MONTH = 4
COMPARISON_PLACES = 12


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month; ordering is chronological."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1..12, not {self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``YYYY-MM``."""
        year, _, month = text.strip().partition("-")
        if not (year.isdigit() and month.isdigit() and len(year) == 4):
            raise ValueError(f"{text!r} is not a month in the form YYYY-MM")
        return cls(int(year), int(month))

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """The trackers' own short form, ``Apr-19``."""
        return f"{MONTH_ABBREVIATIONS[self.month - 1]}-{self.year % 100:02d}"

    @property
    def long_label(self) -> str:
        """``April 2019``, as committee papers print it."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    def shift(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    @property
    def financial_year_start(self) -> Month:
        """April of the financial year (April to March) holding this month."""
        year = self.year if self.month >= FINANCIAL_YEAR_START_MONTH else self.year - 1
        return Month(year, FINANCIAL_YEAR_START_MONTH)

    @property
    def financial_year_label(self) -> str:
        """``2019/20`` for any month from April 2019 to March 2020."""
        start = self.financial_year_start.year
        return f"{start}/{(start + 1) % 100:02d}"

    def financial_year_months(self) -> tuple[Month, ...]:
        start = self.financial_year_start
        return tuple(start.shift(i) for i in range(12))

    def trend_window(self) -> tuple[Month, ...]:
        """The months a section page shows: three before the financial year starts, then the whole year."""
        start = self.financial_year_start.shift(-3)
        return tuple(start.shift(i) for i in range(15))


@dataclass(frozen=True)
class CellRef:
    """Where a figure came from, printed as ``file › sheet › cell``."""

    file: str
    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        if self.file and self.sheet and self.cell:
            # The usual case, on every row of the CSV: formatted directly, without joining the parts.
            return f"{self.file} › {self.sheet} › {self.cell}"
        return " › ".join([part for part in (self.file, self.sheet, self.cell) if part])


class Polarity(str, Enum):
    HIGH = "high"
    LOW = "low"
    INFO = "info"
    # Within limits: good is inside a band (social-worker caseloads of 14-20), worse the further outside.
    WITHIN = "within"


class UnitKind(str, Enum):
    COUNT = "count"
    PERCENT = "percent"
    RATE = "rate"
    AVERAGE = "average"


@dataclass(frozen=True)
class Unit:
    """Formatting intent: what a number means and how many decimals it is shown with.

    Percentages are held as fractions (0.894); ``decimals`` counts the places of the displayed percentage
    (89.4%), so renderers need no special case beyond the kind.
    """

    kind: UnitKind
    label: str
    decimals: int

    @property
    def is_percent(self) -> bool:
        return self.kind is UnitKind.PERCENT

    def display_precision(self) -> int:
        """Decimal places of the stored value that a reader of the paper can see."""
        return self.decimals + 2 if self.is_percent else self.decimals


class Rag(str, Enum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def word(self) -> str:
        return self.value.capitalize()

    @property
    def letter(self) -> str:
        return self.value[0].upper()


class Dot(str, Enum):
    IMPROVED = "improved"
    DECLINED = "declined"
    SAME = "same"
    UP = "up"
    DOWN = "down"

    @property
    def arrow(self) -> str:
        return {"improved": "↑", "declined": "↓", "same": "→", "up": "↑", "down": "↓"}[self.value]


class Comparison(str, Enum):
    AT_LEAST = ">="
    MORE_THAN = ">"
    AT_MOST = "<="
    LESS_THAN = "<"
    BETWEEN = "between"


@dataclass(frozen=True)
class Threshold:
    """One RAG boundary, e.g. ``87%+`` is ``AT_LEAST 0.87``; a band ``14-20`` is ``BETWEEN 14 and 20``."""

    comparison: Comparison
    value: float
    upper: float | None = None
    text: str = ""
    source: CellRef | None = None

    def is_met_by(self, figure: float) -> bool:
        return self.test()(figure)

    def test(self) -> Callable[[float], bool]:
        """``is_met_by`` with the bounds rounded once, for rating many figures against this threshold."""
        # Percentages arrive as float divisions (10.8 / 100 is 0.10800000000000001); comparing at twelve
        # places keeps a figure shown as 10.8% from passing "under 10.8%".
        places = COMPARISON_PLACES
        bound = round(self.value, places)
        match self.comparison:
            case Comparison.AT_LEAST:
                return lambda figure: round(figure, places) >= bound
            case Comparison.MORE_THAN:
                return lambda figure: round(figure, places) > bound
            case Comparison.AT_MOST:
                return lambda figure: round(figure, places) <= bound
            case Comparison.LESS_THAN:
                return lambda figure: round(figure, places) < bound
            case Comparison.BETWEEN:
                assert self.upper is not None
                upper = round(self.upper, places)
                return lambda figure: bound <= round(figure, places) <= upper
        raise AssertionError(self.comparison)


@dataclass(frozen=True)
class Thresholds:
    red: Threshold | None = None
    amber: Threshold | None = None
    green: Threshold | None = None

    @property
    def any(self) -> bool:
        return any((self.red, self.amber, self.green))


@dataclass(frozen=True)
class MonthThresholds:
    """The thresholds of one month of a profiled target (a target per month or quarter)."""

    month: Month
    thresholds: Thresholds


class Status(str, Enum):
    """Why a figure has no value; printed instead of a number, never as zero."""

    NOT_AVAILABLE = "n/a"
    TBC = "TBC"
    UNAVAILABLE = "Unavailable"
    NOT_REPORTED = "not reported"
    NONE = "-"

    @property
    def explanation(self) -> str:
        return {
            "n/a": "not applicable",
            "TBC": "to be confirmed",
            "Unavailable": "data unavailable",
            "not reported": "not reported this period",
            "-": "no figure",
        }[self.value]


@dataclass(frozen=True)
class Figure:
    """A value with its optional numerator and denominator (``92 of 147``), or a status saying why not."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    status: Status | None = None
    source: CellRef | None = None
    note: str = ""

    @property
    def has_value(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Observation:
    month: Month
    figure: Figure


@dataclass(frozen=True)
class LabelledFigure:
    """A prior-year outturn (``2018/19``) or a benchmark (``SN AVE``)."""

    label: str
    figure: Figure


class BenchmarkKind(str, Enum):
    STAT_NEIGHBOUR_AVERAGE = "sn_average"
    BEST_STAT_NEIGHBOUR = "best_sn"
    NATIONAL_AVERAGE = "national_average"
    TOP_QUARTILE = "top_quartile"
    REGIONAL_AVERAGE = "regional_average"

    @property
    def label(self) -> str:
        return {
            "sn_average": "SN AVE",
            "best_sn": "BEST SN",
            "national_average": "NAT AVE",
            "top_quartile": "NAT TOP QTILE",
            "regional_average": "REGIONAL AVE",
        }[self.value]

    @property
    def long_label(self) -> str:
        return {
            "sn_average": "Statistical neighbour average",
            "best_sn": "Best statistical neighbour",
            "national_average": "National average",
            "top_quartile": "National top quartile threshold",
            "regional_average": "Regional average",
        }[self.value]


@dataclass(frozen=True)
class Benchmark:
    kind: BenchmarkKind
    figure: Figure


class YtdRule(str, Enum):
    """How a year-to-date figure was arrived at, so the data-quality log can say so."""

    TRACKER = "taken from the tracker's YTD column"
    LATEST = "latest month (snapshot measure)"
    SUM = "sum of the year's months (flow count)"
    SUM_PARTS = "sum of the year's numerators over the sum of denominators"
    MEAN = "average of the year's months"
    NONE = "no year-to-date figure"


@dataclass(frozen=True)
class Assessment:
    """What the rules worked out for the reporting period."""

    current: Figure | None
    previous: Figure | None
    rag: Rag | None
    dot: Dot | None
    ytd: Figure | None
    ytd_rule: YtdRule
    same_month_last_year: Figure | None = None


@dataclass(frozen=True)
class Indicator:
    ref: str
    name: str
    section: str
    unit: Unit
    polarity: Polarity
    timeline: str = ""
    council_plan: bool = False
    observations: tuple[Observation, ...] = ()
    ytd: Figure | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    prior_years: tuple[LabelledFigure, ...] = ()
    benchmarks: tuple[Benchmark, ...] = ()
    source: CellRef | None = None
    officer_rag: str = ""
    officer_dot: str = ""
    assessment: Assessment | None = None
    # Months with a target of their own (``Apr-24 Target``, ``Target Q1``); other months use ``thresholds``.
    profile: tuple[MonthThresholds, ...] = ()

    def thresholds_at(self, month: Month) -> Thresholds:
        """The thresholds a figure for ``month`` is rated against."""
        for entry in self.profile:
            if entry.month == month:
                return entry.thresholds
        return self.thresholds

    def figure_for(self, month: Month) -> Figure | None:
        for observation in self.observations:
            if observation.month == month:
                return observation.figure
        return None

    def figures_by_month(self) -> dict[Month, Figure]:
        """Every figure by its month, for looking many up; where a month repeats the first wins, as in
        ``figure_for``."""
        return {observation.month: observation.figure for observation in reversed(self.observations)}

    def benchmark(self, kind: BenchmarkKind) -> Figure | None:
        for benchmark in self.benchmarks:
            if benchmark.kind is kind:
                return benchmark.figure
        return None


@dataclass(frozen=True)
class Commentary:
    definition: str = ""
    analysis: str = ""
    data_note: str = ""
    source: CellRef | None = None


@dataclass(frozen=True)
class Section:
    name: str
    indicators: tuple[Indicator, ...]
    commentary: Commentary = field(default_factory=Commentary)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """A data-quality observation made while reading; errors stop a build, the rest are reported."""

    severity: Severity
    message: str
    where: CellRef | None = None

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.message}"


@dataclass(frozen=True)
class Scorecard:
    title: str
    period: Month
    sections: tuple[Section, ...]
    sources: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(indicator for section in self.sections for indicator in section.indicators)

    def indicator(self, ref: str) -> Indicator | None:
        for indicator in self.indicators:
            if indicator.ref == ref:
                return indicator
        return None

    @property
    def months(self) -> tuple[Month, ...]:
        seen = {obs.month for indicator in self.indicators for obs in indicator.observations}
        return tuple(sorted(seen))

    @property
    def prior_year_labels(self) -> tuple[str, ...]:
        """Every prior-year label in the trackers, oldest first."""
        labels = {py.label for indicator in self.indicators for py in indicator.prior_years}
        return tuple(sorted(labels))
