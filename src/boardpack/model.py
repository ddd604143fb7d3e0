"""The scorecard model: frozen, plain data with no I/O.

Readers build it, rules assess it, renderers draw it. Nothing here imports a file format library, so the
model can be snapshot to JSON and compared without any Excel or PDF machinery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum
from functools import cached_property
from typing import Any

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

    @property
    def financial_month_index(self) -> int:
        """0 for April, 11 for March: the month's place in its financial year."""
        return (self.month - FINANCIAL_YEAR_START_MONTH) % 12

    def financial_year_months(self) -> tuple[Month, ...]:
        start = self.financial_year_start
        return tuple(start.shift(i) for i in range(12))

    def trend_window(self) -> tuple[Month, ...]:
        """The months a section page shows: three before the financial year starts, then the whole year."""
        start = self.financial_year_start.shift(-3)
        return tuple(start.shift(i) for i in range(15))


class Frequency(str, Enum):
    """How often a measure is taken. A figure for a longer period is kept at the period's last month."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    TERMLY = "termly"
    ANNUAL = "annual"

    @property
    def word(self) -> str:
        return _FREQUENCY_WORDS[self]

    @property
    def period_word(self) -> str:
        """What one period is called: ``quarter``, ``term``."""
        return _PERIOD_WORDS[self]

    @property
    def end_months(self) -> frozenset[int]:
        """The months (1-12) at which a period of this frequency ends, so where its figures are kept."""
        return PERIOD_END_MONTHS[self]


# Financial-year quarters and halves (Q1 is April to June) as councils and the NHS count them; school terms
# end in December (autumn), March (spring) and July (summer); a financial year ends in March.
PERIOD_END_MONTHS: dict[Frequency, frozenset[int]] = {
    Frequency.MONTHLY: frozenset(range(1, 13)),
    Frequency.QUARTERLY: frozenset({6, 9, 12, 3}),
    Frequency.HALF_YEARLY: frozenset({9, 3}),
    Frequency.TERMLY: frozenset({12, 3, 7}),
    Frequency.ANNUAL: frozenset({3}),
}
_FREQUENCY_WORDS = {
    Frequency.MONTHLY: "Monthly", Frequency.QUARTERLY: "Quarterly", Frequency.HALF_YEARLY: "Half-yearly",
    Frequency.TERMLY: "Termly", Frequency.ANNUAL: "Annual",
}
_PERIOD_WORDS = {
    Frequency.MONTHLY: "month", Frequency.QUARTERLY: "quarter", Frequency.HALF_YEARLY: "half-year",
    Frequency.TERMLY: "term", Frequency.ANNUAL: "year",
}
# The school term a month falls in: autumn runs September to December, spring January to March, summer
# April to August (July's end is the term's; August is the holiday after it).
_TERMS = {**{m: "Autumn" for m in (9, 10, 11, 12)}, **{m: "Spring" for m in (1, 2, 3)},
          **{m: "Summer" for m in (4, 5, 6, 7, 8)}}


def period_label(month: Month, frequency: Frequency) -> str:
    """The period of ``frequency`` holding ``month``, as papers print it: ``Sep-24``, ``Q2 2024/25``,
    ``H1 2024/25``, ``Autumn term 2024`` or ``2024/25``."""
    match frequency:
        case Frequency.MONTHLY:
            return month.label
        case Frequency.QUARTERLY:
            return f"Q{month.financial_month_index // 3 + 1} {month.financial_year_label}"
        case Frequency.HALF_YEARLY:
            return f"H{month.financial_month_index // 6 + 1} {month.financial_year_label}"
        case Frequency.TERMLY:
            return f"{_TERMS[month.month]} term {month.year}"
        case Frequency.ANNUAL:
            return month.financial_year_label
    raise AssertionError(frequency)


def period_end(month: Month, frequency: Frequency) -> Month:
    """The last month of the latest period of ``frequency`` that has ended by the end of ``month``."""
    ends = frequency.end_months
    while month.month not in ends:
        month = month.shift(-1)
    return month


def period_start(month: Month, frequency: Frequency) -> Month:
    """The first month of the period of ``frequency`` that ends at ``month``."""
    return period_end(month.shift(-1), frequency).shift(1)


def period_ends(month: Month, frequency: Frequency, count: int) -> tuple[Month, ...]:
    """The last months of the ``count`` latest periods ended by ``month``, oldest first."""
    found = [period_end(month, frequency)]
    while len(found) < count:
        found.append(period_end(found[-1].shift(-1), frequency))
    return tuple(reversed(found))


@dataclass(frozen=True, slots=True)
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
    MONEY = "money"
    RATIO = "ratio"
    INDEX = "index"


# What a money figure's ``Unit.magnitude`` prints after it: figures written in thousands of pounds print £12.3k.
MONEY_SUFFIXES = {0: "", 3: "k", 6: "m", 9: "bn"}


@dataclass(frozen=True, slots=True)
class Unit:
    """Formatting intent: what a number means and how many decimals it is shown with.

    Percentages are held as fractions (0.894); ``decimals`` counts the places of the displayed percentage
    (89.4%), so renderers need no special case beyond the kind. Money is held as the tracker writes it:
    ``magnitude`` 3 says its figures are thousands of pounds (12.3 is £12.3k), 6 millions.
    """

    kind: UnitKind
    label: str
    decimals: int
    magnitude: int = 0

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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Thresholds:
    red: Threshold | None = None
    amber: Threshold | None = None
    green: Threshold | None = None

    @property
    def any(self) -> bool:
        return any((self.red, self.amber, self.green))


@dataclass(frozen=True, slots=True)
class MonthThresholds:
    """The thresholds of one month of a profiled target (a target per month or quarter)."""

    month: Month
    thresholds: Thresholds


class Status(str, Enum):
    """Why a figure has no value, printed instead of a number and never as zero; or, for ``[p]`` and ``[u]``,
    a mark printed after a figure that has one."""

    NOT_AVAILABLE = "n/a"
    TBC = "TBC"
    UNAVAILABLE = "Unavailable"
    NOT_REPORTED = "not reported"
    NONE = "-"
    # The official-statistics shorthand (GSS guidance on symbols in tables).
    NOT_AVAILABLE_X = "[x]"
    CONFIDENTIAL = "[c]"
    NOT_APPLICABLE = "[z]"
    NOT_YET_AVAILABLE = "not yet available"
    # Printed with the date it is due, which the figure's note holds: "due Aug 19".
    DUE = "due"
    PROVISIONAL = "[p]"
    UNRELIABLE = "[u]"

    @property
    def explanation(self) -> str:
        return _STATUS_EXPLANATIONS[self.value]

    @property
    def marks_a_figure(self) -> bool:
        """Whether this status is printed after a figure (``45 [p]``) rather than in place of one."""
        return self in (Status.PROVISIONAL, Status.UNRELIABLE)

    @property
    def key_text(self) -> str:
        """How the status appears in a key: as printed, with a placeholder for a due date."""
        return "due (date)" if self is Status.DUE else self.value


_STATUS_EXPLANATIONS = {
    "n/a": "not applicable",
    "TBC": "to be confirmed",
    "Unavailable": "data unavailable",
    "not reported": "not reported this period",
    "-": "no figure",
    "[x]": "not available",
    "[c]": "confidential: withheld so that no one can be identified",
    "[z]": "not applicable",
    "not yet available": "the figure is not ready yet and will follow in a later report",
    "due": "not yet available: the figure is due on the date shown",
    "[p]": "provisional: the figure may be revised",
    "[u]": "low reliability: use the figure with caution",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """A value with its optional numerator and denominator (``92 of 147``), or a status saying why not.

    A value may carry a status too when the tracker marked it (``45 [p]``: provisional); ``note`` is the
    tracker's own remark on the figure, and for a ``DUE`` status the date it is due (``Aug 19``).
    """

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    status: Status | None = None
    source: CellRef | None = None
    note: str = ""
    # The figure as the last published report gave it, when this one differs from it (``build --previous``):
    # printed with the mark ``[r]``. None when unchanged or not compared.
    previous: Figure | None = None

    @property
    def has_value(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class Observation:
    month: Month
    figure: Figure


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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
    OUTTURN = "the tracker's outturn for the year"


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the rules worked out for the reporting period."""

    current: Figure | None
    previous: Figure | None
    rag: Rag | None
    dot: Dot | None
    ytd: Figure | None
    ytd_rule: YtdRule
    same_month_last_year: Figure | None = None
    # The month the current figure is for, when that is not the reporting month: a quarterly measure in a
    # November report gives the quarter to September. None when the figure is the reporting month's own.
    current_month: Month | None = None


@dataclass(frozen=True, slots=True)
class TableFacts:
    """What the table an indicator was read from had: where its header row is, and the columns the rules
    lean on. One object is shared by every indicator of a table."""

    header: CellRef
    # The first month the table has a column for: a year-to-date sum needs the year's months from April.
    first_month: Month | None = None
    # The Timeline column's letter; "" when the table has none.
    timeline_column: str = ""
    has_polarity: bool = True
    has_thresholds: bool = True

    def timeline_cell(self, source: CellRef | None) -> CellRef:
        """Where the Timeline of the indicator whose ref is at ``source`` is (or its header row, when the
        table has no Timeline column)."""
        if not self.timeline_column or source is None:
            return self.header
        row = source.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return CellRef(self.header.file, self.header.sheet, f"{self.timeline_column}{row}")


@dataclass(frozen=True, slots=True)
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
    # The month the tracker's own YTD is as at, when its header names a year ("2019/20 YTD"); otherwise the
    # YTD is as at the latest month with a figure in the row (``latest_month``).
    ytd_month: Month | None = None
    table: TableFacts | None = None
    # Why the indicator is shown without a rating although the pack was built: "not rated: see data quality"
    # when its row holds an error and the build was told to keep going.
    fault: str = ""
    frequency: Frequency = Frequency.MONTHLY
    # Months with a target of their own (``Apr-24 Target``, ``Target Q1``); other months use ``thresholds``.
    profile: tuple[MonthThresholds, ...] = ()
    # The months whose year-to-date figure the public edition withholds ([c]), so that no withheld figure can
    # be worked out from it; empty in the internal edition.
    withheld_ytd: tuple[Month, ...] = ()

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

    def latest_month(self) -> Month | None:
        """The latest month with a value: what the row's own YTD, RAG and DOT columns describe."""
        # Compared as (year, month) numbers: Month's own generated ordering costs several times as much, and a
        # loop costs less than max() calling a key for every month.
        latest: Month | None = None
        latest_index = -1
        for observation in self.observations:
            if observation.figure.value is not None:
                month = observation.month
                index = month.year * 12 + month.month
                if index > latest_index:
                    latest, latest_index = month, index
        return latest

    def figures_by_month(self) -> dict[Month, Figure]:
        """Every figure by its month, for looking many up; where a month repeats the first wins, as in
        ``figure_for``."""
        return {observation.month: observation.figure for observation in reversed(self.observations)}

    def measured_in(self, month: Month) -> bool:
        """Whether ``month`` ends one of the measure's periods: a quarterly measure has no August figure."""
        return self.frequency is Frequency.MONTHLY or month.month in self.frequency.end_months

    def period_label(self, month: Month) -> str:
        return period_label(month, self.frequency)

    def benchmark(self, kind: BenchmarkKind) -> Figure | None:
        for benchmark in self.benchmarks:
            if benchmark.kind is kind:
                return benchmark.figure
        return None


@dataclass(frozen=True, slots=True)
class Commentary:
    definition: str = ""
    analysis: str = ""
    data_note: str = ""
    source: CellRef | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """Words a tracker prints around a table (a footnote, a caveat, a tolerance explained), kept for the papers.

    ``marker`` is the footnote mark it starts with (``*``, ``**``, ``†``, ``(a)``); an indicator whose name or
    ref carries the same mark is the one it is about.
    """

    text: str
    marker: str = ""
    source: CellRef | None = None

    @property
    def printed(self) -> str:
        return f"{self.marker} {self.text}" if self.marker else self.text


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    indicators: tuple[Indicator, ...]
    commentary: Commentary = field(default_factory=Commentary)
    notes: tuple[Note, ...] = ()


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """A data-quality observation made while reading; errors stop a build, the rest are reported."""

    severity: Severity
    message: str
    where: CellRef | None = None
    # The ref of the indicator whose row the finding is about, when it is about one.
    ref: str = ""

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
    # Notes about the whole tracker, or about a table holding several sections: printed under the summary.
    notes: tuple[Note, ...] = ()
    # The banner above the tracker's title row (a council or directorate), for papers whose layout names none.
    organisation: str = ""
    # What changed since the last published report (``build --previous``), in the pack's order; None when the
    # build was not compared with one, empty when it was and nothing changed.
    revisions: tuple[Revision | Withdrawal, ...] | None = None
    # The disclosure control applied: set only on the public edition (``build --public``).
    disclosure: Disclosure | None = None
    # Every ref in the order the trackers list them, file by file, sheet by sheet, row by row. Sections group
    # indicators by their Section column (or the layout), which may interleave; the summary follows this.
    tracker_order: tuple[str, ...] = ()

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(indicator for section in self.sections for indicator in section.indicators)

    def in_tracker_order(self) -> tuple[tuple[Section, Indicator], ...]:
        """Each indicator with its section, in the trackers' row order (6.8 before 6.9, though 6.9's section
        comes first); indicators the trackers did not list (a scorecard made in code) follow in section order."""
        pairs = [(section, indicator) for section in self.sections for indicator in section.indicators]
        place = {ref: index for index, ref in enumerate(self.tracker_order)}
        unlisted = len(place)
        return tuple(sorted(pairs, key=lambda pair: place.get(pair[1].ref, unlisted)))

    def indicator(self, ref: str) -> Indicator | None:
        for indicator in self.indicators:
            if indicator.ref == ref:
                return indicator
        return None

    @cached_property
    def frequency(self) -> Frequency:
        """The report's own frequency: its indicators' when they all share one, else monthly.

        Kept once worked out (renderers ask for it row by row); a scorecard is never changed, only replaced.
        """
        frequencies = {indicator.frequency for indicator in self.indicators}
        return frequencies.pop() if len(frequencies) == 1 else Frequency.MONTHLY

    @property
    def period_title(self) -> str:
        """The reporting period as titles print it: ``November 2024``, or ``Q2 2024/25`` for a quarterly report."""
        frequency = self.frequency
        return self.period.long_label if frequency is Frequency.MONTHLY else period_label(self.period, frequency)

    @property
    def period_short(self) -> str:
        """The reporting period as a column or row is headed: ``Nov-24``, or ``Q2 2024/25``."""
        return period_label(self.period, self.frequency)

    @property
    def as_at(self) -> str:
        """``As at month end: November 2024``; ``As at quarter end: Q2 2024/25`` for a quarterly report."""
        return f"As at {self.frequency.period_word} end: {self.period_title}"

    def recent_periods(self, count: int) -> tuple[Month, ...]:
        """The last months of the report's ``count`` latest periods, oldest first (three months, or quarters)."""
        return period_ends(self.period, self.frequency, count)

    @property
    def trend_months(self) -> tuple[Month, ...]:
        """The periods a section's trend shows: the financial year and the three months before it, taking
        only the periods' last months when the whole report is, say, quarterly."""
        ends = self.frequency.end_months
        return tuple(month for month in self.period.trend_window() if month.month in ends)

    @property
    def months(self) -> tuple[Month, ...]:
        seen = {obs.month for indicator in self.indicators for obs in indicator.observations}
        return tuple(sorted(seen))

    # Cached: gathered from every indicator, and each renderer asks for it once a section (a frozen scorecard's
    # labels never change; ``replace`` makes a new scorecard with no cache).
    @cached_property
    def prior_year_labels(self) -> tuple[str, ...]:
        """Every prior-year label in the trackers, oldest first."""
        labels = {py.label for indicator in self.indicators for py in indicator.prior_years}
        return tuple(sorted(labels))


# The official-statistics mark for a figure changed since it was last published; not a Status, since a figure
# may be both provisional and revised ("45 [p] [r]").
REVISED = "[r]"
REVISED_EXPLANATION = "revised: the figure differs from the one the last report published"


@dataclass(frozen=True)
class Revision:
    """A figure the last published report gave otherwise: ``was`` as published then, ``now`` as in this pack."""

    ref: str
    indicator: str
    month: Month
    period: str  # the period the figure is for, as papers print it: "Mar-19", "Q2 2024/25"
    was: Figure
    now: Figure
    unit: Unit
    source: CellRef | None = None


@dataclass(frozen=True)
class Withdrawal:
    """A figure the last published report gave that this pack no longer has: ``now`` is what stands in its place
    (a marker), None when the month or the whole indicator has gone (then ``month`` is its latest published).
    ``source`` is where the last report said the figure came from."""

    ref: str
    indicator: str
    month: Month
    period: str
    was: Figure
    unit: Unit
    now: Figure | None = None
    source: CellRef | None = None


@dataclass(frozen=True)
class Disclosure:
    """The rules a public edition was made under, for its notes: counts from 1 to ``suppress_up_to`` (and zero
    when ``suppress_zero``) withheld as ``[c]``, with ``withheld`` figures in all withheld, some so that the
    small ones cannot be worked out from totals."""

    suppress_up_to: int = 5
    suppress_zero: bool = False
    withheld: int = 0




def stored_through_slots(*classes: type) -> None:
    """Give each frozen, slotted dataclass an ``__init__`` that stores its fields through their slots.

    The ``__init__`` a frozen dataclass is given sets each field with ``object.__setattr__``, a generic call per
    field; reading a tracker makes tens of thousands of cells, figures and observations, and those calls were a
    seventh of the time it took. This one takes the same arguments with the same defaults (a default factory is
    called when its argument is left out) and stores each through the slot's own descriptor, as the dataclass's
    would have done in the end; nothing else about the class changes.
    """
    namespace: dict[str, Any] = {"_NOT_GIVEN": _NOT_GIVEN}
    sources = []
    for number, cls in enumerate(classes):
        declared = vars(cls)["__dataclass_fields__"]  # init-only pseudo-fields too, which fields() leaves out
        if "__post_init__" in vars(cls) or len(fields(cls)) != len(declared):
            raise TypeError(f"{cls.__name__} needs the dataclass's own __init__")
        parameters, body = [], []
        for item in fields(cls):
            name, prefix = item.name, f"_{number}_{item.name}"
            namespace[f"_set{prefix}"] = vars(cls)[name].__set__
            if item.default is not MISSING:
                namespace[f"_default{prefix}"] = item.default
                parameters.append(f"{name}=_default{prefix}")
            elif item.default_factory is not MISSING:
                namespace[f"_factory{prefix}"] = item.default_factory
                parameters.append(f"{name}=_NOT_GIVEN")
                body.append(f" if {name} is _NOT_GIVEN: {name} = _factory{prefix}()")
            else:
                parameters.append(name)
            body.append(f" _set{prefix}(self, {name})")
        sources.append(f"def _init_{number}(self, {', '.join(parameters)}):\n" + "\n".join(body))
    # Built from the classes' own field names, as dataclasses builds the methods it adds; compiled at once.
    exec("\n".join(sources), namespace)
    for number, cls in enumerate(classes):
        init = namespace[f"_init_{number}"]
        init.__name__, init.__qualname__ = "__init__", f"{cls.__qualname__}.__init__"
        setattr(cls, "__init__", init)  # noqa: B010  # assigning to the method directly does not type-check


_NOT_GIVEN = object()
stored_through_slots(CellRef, Unit, Threshold, Thresholds, MonthThresholds, Figure, Observation, LabelledFigure,
                     Benchmark, Assessment, TableFacts, Indicator, Commentary, Note, Section, Finding)
