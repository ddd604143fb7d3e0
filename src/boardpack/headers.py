"""Recognising tracker columns from their header text, the way councils actually write them.

Headers are compared ignoring case, spacing and punctuation, so ``*REF NO.``, ``Ref No`` and ``ref no``
are one column. Month headers may be real dates or text (``Apr-19``, ``April 2019``, ``2019-04``);
prior years read ``2018/19`` or ``2013/ 14``. Periods other than calendar months (``Q2 2024/25``,
``M01``, ``Autumn term 2024``) are read from the grammars in ``PERIOD_GRAMMARS``; those written without
their year (``Q1``, ``Apr``, ``M07``) take it from a year label such as a merged ``2024/25`` above them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from boardpack.model import MONTH_ABBREVIATIONS, MONTH_NAMES, BenchmarkKind, Frequency, Month


class Role(str, Enum):
    REF = "ref"
    INDICATOR = "indicator"
    SECTION = "section"
    COUNCIL_PLAN = "council plan"
    TIMELINE = "timeline"
    FREQUENCY = "frequency"
    UNIT = "unit"
    POLARITY = "polarity"
    MONTH = "month"
    YTD = "ytd"
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    TARGET = "target"
    PRIOR_YEAR = "prior year"
    BENCHMARK = "benchmark"
    OFFICER_DOT = "officer dot"
    OFFICER_RAG = "officer rag"
    TOLERANCE = "tolerance"
    TARGET_LOWER = "lower target"
    TARGET_UPPER = "upper target"
    PERIOD_TARGET = "period target"
    OFFICER_STATUS = "officer status"
    OFFICER_TREND = "officer trend"


@dataclass(frozen=True)
class Column:
    role: Role
    index: int
    header: str
    month: Month | None = None
    year_label: str = ""
    benchmark: BenchmarkKind | None = None
    # How a header that is not one of the spellings below was read: "qualifier", "abbreviation", "spelling"
    # or "date" (see ``resemble``); empty for an exact spelling.
    read_as: str = ""
    # For a month column, the length of the period it holds: a ``Q2 2024/25`` column is quarterly, its
    # ``month`` September 2024, the quarter's last month.
    frequency: Frequency = Frequency.MONTHLY


_ALIASES: dict[str, Role] = {}
for _role, _names in {
    Role.REF: ("ref", "refno", "refnumber", "reference", "no", "indicatorref", "kpiref", "pino", "id"),
    Role.INDICATOR: ("indicator", "measure", "indicatorname", "measurename", "indicatordescription", "kpi",
                     "performanceindicator"),
    Role.SECTION: ("section", "sectionname", "servicearea", "area", "theme"),
    Role.COUNCIL_PLAN: ("councilplan", "councilplanmeasure", "councilplanindicator", "cp", "cpmeasure"),
    Role.TIMELINE: ("timeline", "datanotemonthly", "notemonthly", "timeframe"),
    Role.FREQUENCY: ("frequency", "reportingfrequency", "measurementfrequency", "frequencyofreporting",
                     "reportingperiod", "periodicity", "howoften"),
    Role.UNIT: ("datanote", "unit", "units", "unitofmeasure", "measuretype"),
    Role.POLARITY: ("goodperfis", "goodperformanceis", "polarity", "goodis", "direction", "goodperf",
                    "polarityhighlow", "polarityhighlowinfo", "highlow", "highorlow", "betterif",
                    "directionofimprovement"),
    Role.YTD: ("ytd", "yeartodate", "currentytd", "ytdactual"),
    Role.RED: ("red", "redthreshold", "redtolerance"),
    # A floor (floor standard) is the least a service may fall to before it is red: the amber threshold.
    Role.AMBER: ("amber", "amberthreshold", "ambertolerance", "floor", "floorstandard", "floortarget",
                 "floorlevel", "minimumstandard"),
    Role.GREEN: ("green", "greentarget", "targetgreen", "greenthreshold"),
    Role.TARGET: ("target", "targets", "annualtarget", "targetyear", "yearendtarget", "fullyeartarget",
                  "targetannual", "targetyearend"),
    Role.TOLERANCE: ("tolerance", "tolerances", "targettolerance", "tolerancelevel", "toleranceband",
                     "tolerancepercent"),
    Role.TARGET_LOWER: ("targetlower", "lowertarget", "mintarget", "minimumtarget", "targetmin", "targetminimum",
                        "lowerlimit", "targetlowerlimit", "lowertargetlimit"),
    Role.TARGET_UPPER: ("targetupper", "uppertarget", "maxtarget", "maximumtarget", "targetmax", "targetmaximum",
                        "upperlimit", "targetupperlimit", "uppertargetlimit"),
    Role.OFFICER_DOT: ("dot", "dotmonthonmonth", "directionoftravel", "dotinmonth"),
    Role.OFFICER_RAG: ("rag", "raginmonth", "ragrating", "ragstatus"),
    Role.OFFICER_STATUS: ("status", "performancestatus", "targetstatus", "statusagainsttarget"),
    Role.OFFICER_TREND: ("trend", "performancetrend", "trendmonthonmonth"),
}.items():
    for _name in _names:
        _ALIASES[_name] = _role

_BENCHMARK_ALIASES: dict[str, BenchmarkKind] = {}
for _kind, _names in {
    BenchmarkKind.STAT_NEIGHBOUR_AVERAGE: (
        "statneighav", "statneighave", "statneighavg", "statneighaverage", "snave", "snav", "snavg", "snaverage",
        "statisticalneighbouraverage", "statisticalneighboursaverage", "statneighbouraverage",
    ),
    BenchmarkKind.BEST_STAT_NEIGHBOUR: (
        "beststatneigh", "bestsn", "beststatisticalneighbour", "beststatneighbour", "snbest",
    ),
    BenchmarkKind.NATIONAL_AVERAGE: (
        "natav", "natave", "natavg", "nationalaverage", "nationalav", "nataverage", "england", "englandaverage",
    ),
    BenchmarkKind.TOP_QUARTILE: (
        "topqtilethreshold", "topqtile", "nattopqtile", "nattopqtilethreshold", "nattopqtilethreshol",
        "topquartile", "topquartilethreshold", "nationaltopquartile", "nattopquartile", "qtilethreshold",
    ),
    BenchmarkKind.REGIONAL_AVERAGE: (
        "regionalaverage", "regionalav", "regionalave", "regav", "regave", "regionav", "regionave",
    ),
}.items():
    for _name in _names:
        _BENCHMARK_ALIASES[_name] = _kind

# Shortenings officers write for a column, read as the column with a note (``Tgt`` is the target). Keys are
# normalised as headers are; an exact spelling above always wins.
ABBREVIATIONS: dict[str, Role] = {
    "tgt": Role.TARGET, "tgts": Role.TARGET, "trgt": Role.TARGET, "targ": Role.TARGET,
    "pol": Role.POLARITY, "polar": Role.POLARITY, "highlow": Role.POLARITY, "highorlow": Role.POLARITY,
    "hilo": Role.POLARITY, "goodperformance": Role.POLARITY, "goodperformanceishighlow": Role.POLARITY,
    "ind": Role.INDICATOR, "indic": Role.INDICATOR, "indicatortitle": Role.INDICATOR, "measuretitle": Role.INDICATOR,
    "kpiname": Role.INDICATOR, "kpititle": Role.INDICATOR,
    "kpino": Role.REF, "kpinumber": Role.REF, "indicatorno": Role.REF, "indicatornumber": Role.REF,
    "measureref": Role.REF, "measureno": Role.REF, "refnum": Role.REF,
    "freq": Role.TIMELINE, "reportingperiod": Role.TIMELINE,
    "uom": Role.UNIT, "unitofmeasurement": Role.UNIT,
    "yrtodate": Role.YTD, "ytdtotal": Role.YTD, "ytdfigure": Role.YTD, "ytdvalue": Role.YTD,
    "ytdcumulative": Role.YTD, "cumulativeytd": Role.YTD,
    "amb": Role.AMBER, "grn": Role.GREEN, "greentgt": Role.GREEN, "tgtgreen": Role.GREEN,
}

# The header to suggest when a column was misspelt or not read.
CANONICAL_HEADERS: dict[Role, str] = {
    Role.REF: "Ref", Role.INDICATOR: "Indicator", Role.SECTION: "Section", Role.COUNCIL_PLAN: "Council plan",
    Role.TIMELINE: "Timeline", Role.UNIT: "Unit", Role.POLARITY: "Polarity", Role.YTD: "YTD", Role.RED: "Red",
    Role.AMBER: "Amber", Role.GREEN: "Green", Role.TARGET: "Target", Role.OFFICER_DOT: "DOT",
    Role.OFFICER_RAG: "RAG",
}

# A qualifier in brackets that turns a unit header into a timeline: "Data note (quarterly)" is the timeline
# column, as "Data note (monthly)" is.
FREQUENCY_QUALIFIERS = frozenset({"monthly", "quarterly", "annual", "annually", "yearly", "termly", "weekly"})

_MONTH_WORDS = {name.lower(): index for index, name in enumerate(MONTH_ABBREVIATIONS, start=1)}
_MONTH_WORDS["sept"] = 9
_MONTH_TEXT_RE = re.compile(r"^([a-z]{3,9})[\s\-'/.]*(\d{2}|\d{4})$")
_ISO_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_FINANCIAL_YEAR_RE = re.compile(r"^(?:fy\s*)?(\d{4}|\d{2})\s*/\s*(\d{2}|\d{4})(?:\s+(outturn|ytd|year to date))?$")
_SHORT_YTD_RE = re.compile(r"^(\d{2})\s*/\s*(\d{2})\s+(ytd|year to date)$")


# A financial (or school) year as group headers and period labels write it: 2024/25, 2024-25, 24/25, 2024/2025.
_YEAR = r"(?P<start>\d{4}|\d{2})\s*[/\-]\s*(?P<end>\d{4}|\d{2})"
_YEAR_GROUP_RE = re.compile(
    rf"^(?:fy|financial year|year|academic year|school year)?\s*{_YEAR}"
    r"(?:\s+(?:actuals?|performance|data|figures|results|monthly|quarterly|months|quarters|terms))?$"
)
_APRIL = 4


@dataclass(frozen=True)
class PeriodGrammar:
    """One way of writing a period's column header.

    ``pattern`` names the period in group ``n`` and may give its year (groups ``start`` and ``end``, or
    ``calendar``); ``ends`` maps ``n`` to the months from April of the year's start to the period's last
    month, where its figure is kept; ``calendar_years`` maps ``n`` to how many years after the financial
    year's start a calendar year written with it falls (the spring term of 2025 belongs to 2024/25).
    """

    pattern: re.Pattern[str]
    frequency: Frequency
    ends: dict[str, int]
    calendar_years: dict[str, int] | None = None


_QUARTER_ENDS = {"1": 2, "2": 5, "3": 8, "4": 11}
_HALF_ENDS = {"1": 5, "2": 11}
_FY_MONTH_ENDS = {str(number): number - 1 for number in range(1, 13)}
_TERM_ENDS = {"autumn": 8, "spring": 11, "summer": 15}
_TERM_CALENDAR_YEARS = {"autumn": 0, "spring": 1, "summer": 1}
_MONTH_WORD_ENDS = {
    **{name.lower(): (index - _APRIL) % 12 for index, name in enumerate(MONTH_ABBREVIATIONS, start=1)},
    **{name.lower(): (index - _APRIL) % 12 for index, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 5,
}
_JOIN = r"\s*[-:,]?\s*"
PERIOD_GRAMMARS: tuple[PeriodGrammar, ...] = (
    # Q1, Q1 2024/25, Qtr 2 2024/25, Q2 24/25, Quarter 3 2024-25
    PeriodGrammar(re.compile(rf"^(?:q|qtr|quarter)\s*(?P<n>[1-4])(?:{_JOIN}{_YEAR})?$"), Frequency.QUARTERLY,
                  _QUARTER_ENDS),
    # 2024/25 Q1
    PeriodGrammar(re.compile(rf"^{_YEAR}{_JOIN}(?:q|qtr|quarter)\s*(?P<n>[1-4])$"), Frequency.QUARTERLY,
                  _QUARTER_ENDS),
    # H1, H2 2024/25, Half 1
    PeriodGrammar(re.compile(rf"^(?:h|half|half year)\s*(?P<n>[12])(?:{_JOIN}{_YEAR})?$"), Frequency.HALF_YEARLY,
                  _HALF_ENDS),
    # The NHS's financial-year months: M01 is April, M12 March.
    PeriodGrammar(re.compile(rf"^(?:m|month)\s*0?(?P<n>1[0-2]|[1-9])(?:{_JOIN}{_YEAR})?$"), Frequency.MONTHLY,
                  _FY_MONTH_ENDS),
    # Autumn 2024, Autumn term 2024, Spring 2025, Summer term 2024/25, Autumn
    PeriodGrammar(
        re.compile(rf"^(?P<n>autumn|spring|summer)(?:\s+term)?(?:{_JOIN}(?:{_YEAR}|(?P<calendar>\d{{4}})))?$"),
        Frequency.TERMLY, _TERM_ENDS, _TERM_CALENDAR_YEARS,
    ),
    # Apr, April, Sept: a month of the financial year above it.
    PeriodGrammar(re.compile(r"^(?P<n>[a-z]{3,9})$"), Frequency.MONTHLY, _MONTH_WORD_ENDS),
)


def _financial_year_start(start: str, end: str) -> int | None:
    first = int(start) if len(start) == 4 else 2000 + int(start)
    return first if (first + 1) % 100 == int(end[-2:]) else None


def _compact(text: str) -> str:
    # A bracketed aside ("Q1 (Apr-Jun) 2024/25") says nothing the label does not.
    return " ".join(re.sub(r"\([^)]*\)", " ", text.lower()).replace(".", " ").split())


def parse_year_group(value: object) -> int | None:
    """The first calendar year of a year label heading a group of columns (``2024/25`` gives 2024)."""
    if not isinstance(value, str):
        return None
    match = _YEAR_GROUP_RE.match(_compact(value))
    return _financial_year_start(match.group("start"), match.group("end")) if match else None


def parse_period(text: str, year: int | None = None) -> tuple[Month, Frequency] | None:
    """The month a period column's figures are kept at, and the period's frequency: ``Q2 2024/25`` is
    September 2024, quarterly. ``year`` is the start of the financial year a label without one sits under."""
    compact = _compact(text)
    for grammar in PERIOD_GRAMMARS:
        match = grammar.pattern.match(compact)
        if match is None:
            continue
        name = match.group("n")
        offset = grammar.ends.get(name)
        if offset is None:
            return None
        groups = match.groupdict()
        start = year
        if groups.get("start"):
            start = _financial_year_start(groups["start"], groups["end"])
        elif groups.get("calendar") and grammar.calendar_years is not None:
            start = int(groups["calendar"]) - grammar.calendar_years[name]
        if start is None:
            return None
        return Month(start, _APRIL).shift(offset), grammar.frequency
    return None


def year_groups(row: Sequence[object]) -> list[tuple[int, int] | None]:
    """For each cell of a group row, the year label heading it: (the label's column, the year's start).

    Merged cells read as the value in their first cell and nothing in the rest, so a label carries right
    across blank cells until the next label; any other text ends it.
    """
    groups: list[tuple[int, int] | None] = []
    current: tuple[int, int] | None = None
    for index, value in enumerate(row):
        if value is not None and not (isinstance(value, str) and not value.strip()):
            start = parse_year_group(value)
            current = (index, start) if start is not None else None
        groups.append(current)
    return groups


def _group_at(groups: list[tuple[int, int] | None], index: int) -> tuple[int, int] | None:
    # Rows are read without their trailing blanks, so the last label runs on past the row's end.
    if not groups:
        return None
    return groups[index] if index < len(groups) else groups[-1]


def normalise_header(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def parse_month(value: object) -> Month | None:
    """A month from a date cell or text such as ``Apr-19``, ``Apr 2019``, ``April 2019`` or ``2019-04``."""
    if isinstance(value, (dt.datetime, dt.date)):
        return Month(value.year, value.month)
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().lower().split())
    if match := _ISO_MONTH_RE.match(text):
        month = int(match.group(2))
        return Month(int(match.group(1)), month) if 1 <= month <= 12 else None
    if match := _MONTH_TEXT_RE.match(text):
        word, year = match.group(1), match.group(2)
        index = _MONTH_WORDS.get(word[:4] if word.startswith("sept") else word[:3])
        full_names = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                      "october", "november", "december", "sept"}
        if index is None or (len(word) > 3 and word not in full_names):
            return None
        return Month(int(year) if len(year) == 4 else 2000 + int(year), index)
    return None


def parse_financial_year(text: str) -> tuple[str, str] | None:
    """``2018/19``, ``2013/ 14``, ``2022/23 Outturn``, ``23/24 YTD`` → (``2018/19``, qualifier)."""
    compact = " ".join(text.strip().lower().split())
    match = _FINANCIAL_YEAR_RE.match(compact)
    if match is None:
        match = _SHORT_YTD_RE.match(compact)
    if match is None:
        return None
    first, second, qualifier = match.group(1), match.group(2), match.group(3) or ""
    start = int(first) if len(first) == 4 else 2000 + int(first)
    end = int(second[-2:])
    if (start + 1) % 100 != end:
        return None
    return f"{start}/{end:02d}", qualifier


# A target column that names its period: ``Target 2024/25``, ``2024/25 Target``, ``Annual Target 24/25`` (the year's
# target), ``Apr-24 Target``, ``Target Q1`` (a profiled target for that month or quarter).
_TARGET_BEFORE_RE = re.compile(
    r"^(?:(?:annual|year end|year-end|full year|yearly|profiled|monthly|quarterly|in-year|in year)\s+)?"
    r"target\s*(?:for\s+)?(.+)$"
)
_TARGET_AFTER_RE = re.compile(r"^(.+?)\s+(?:(?:annual|profiled)\s+)?target$")
_QUARTER_RE = re.compile(r"^(?:q|qtr|quarter)\s*([1-4])(?:\s*\(?\s*(.+?)\s*\)?)?$")
QUARTER_ENDS = {1: 6, 2: 9, 3: 12, 4: 3}


def _target_column(header: str, index: int) -> Column | None:
    """A target header carrying its period, or None. A quarter's column holds the quarter (``Q3``) in
    ``year_label`` and, when the header names the financial year, the quarter's last month in ``month``."""
    text = " ".join(header.lower().split())
    match = _TARGET_BEFORE_RE.match(text) or _TARGET_AFTER_RE.match(text)
    if match is None:
        return None
    period = match.group(1).strip(" ()-:")
    month = parse_month(period)
    if month is not None:
        return Column(Role.PERIOD_TARGET, index, header, month=month)
    if quarter := _QUARTER_RE.match(period):
        number = int(quarter.group(1))
        year = parse_financial_year(quarter.group(2)) if quarter.group(2) else None
        if quarter.group(2) and (year is None or year[1]):
            return None
        last = None
        if year is not None:
            start = int(year[0][:4])
            last = Month(start + 1 if number == 4 else start, QUARTER_ENDS[number])
        return Column(Role.PERIOD_TARGET, index, header, month=last, year_label=f"Q{number}")
    year = parse_financial_year(period)
    if year is not None and not year[1]:
        return Column(Role.TARGET, index, header, year_label=year[0])
    return None


def classify(value: object, index: int, year: int | None = None) -> Column | None:
    """What a header cell names, or None for a column boardpack does not read.

    ``year`` is the start of the financial year labelled above the cell, for periods written without one.
    """
    # Cached: a tracker's sheets repeat one header row, and the rows above a header are read cell by cell.
    # The type too, so that a date and the datetime of its midnight are not one key.
    try:
        return _classify((type(value), value), index, year)
    except TypeError:  # a value that cannot be a cache key
        return _classify.__wrapped__((type(value), value), index, year)


@lru_cache(maxsize=4096)
def _classify(typed: tuple[type, object], index: int, year: int | None) -> Column | None:
    value = typed[1]
    month = parse_month(value)
    if month is not None:
        header = value.strftime("%b-%y") if isinstance(value, (dt.datetime, dt.date)) else str(value)
        return Column(Role.MONTH, index, header.strip(), month=month)
    if not isinstance(value, str) or not value.strip():
        return None
    header = " ".join(value.split())
    target = _target_column(header, index)
    if target is not None:
        return target
    financial_year = parse_financial_year(header)
    if financial_year is not None:
        label, qualifier = financial_year
        if qualifier in ("ytd", "year to date"):
            return Column(Role.YTD, index, header, year_label=label)
        return Column(Role.PRIOR_YEAR, index, header, year_label=label)
    key = normalise_header(header)
    if key in _ALIASES:
        return Column(_ALIASES[key], index, header)
    if key in _BENCHMARK_ALIASES:
        return Column(Role.BENCHMARK, index, header, benchmark=_BENCHMARK_ALIASES[key])
    period = parse_period(header, year)
    if period is not None:
        return Column(Role.MONTH, index, header, month=period[0], frequency=period[1])
    return read_resembling(header, index)


def header_score(columns: list[Column]) -> int:
    """How convincingly a row is a tracker's header: it must name a ref and an indicator and some figures."""
    roles = {column.role for column in columns}
    if Role.REF not in roles or Role.INDICATOR not in roles:
        return 0
    figures = roles & {Role.MONTH, Role.YTD, Role.PRIOR_YEAR, Role.BENCHMARK}
    return 0 if not figures else len(columns)


_LONGEST_HEADER = 40


def alias_role(key: str) -> Role | None:
    """The column an exact (normalised) header spelling names."""
    return _ALIASES.get(key)


def alias_keys() -> dict[str, Role]:
    """Every exact header spelling and the column it names, for matching misspellings against."""
    return dict(_ALIASES)


def is_header_word(value: object) -> bool:
    """Whether a cell holds a header boardpack knows, such as ``Ref``, ``Indicator`` or a month."""
    if isinstance(value, str):
        # Headers are short; an indicator's name, looked at on every row, is mostly not.
        if len(value) > _LONGEST_HEADER:
            return False
        # A month header starts with a letter (Apr-19) or is ISO (2019-04); a ref such as 6.1 is neither.
        month_like = value[:1].isalpha() or "-" in value
        return normalise_header(value) in _ALIASES or (month_like and parse_month(value) is not None)
    return isinstance(value, (dt.datetime, dt.date))


def read_resembling(header: str, index: int) -> Column | None:
    """The column a header not spelt as above is read as, when it unmistakably names one (see resemblance)."""
    # Imported here because the resemblance rules are built on this module's spellings.
    from boardpack.resemblance import resemble

    near = resemble(header, index)
    return near.column if near is not None else None
@dataclass(frozen=True)
class Header:
    """A table's header: one row, or two when periods sit in a second row under year labels."""

    first_row: int  # 1-based, as Excel numbers rows
    last_row: int  # the table's rows start after this one
    values: tuple[object, ...]  # each column's header text, from whichever row gives it
    columns: tuple[Column, ...]
    rows: dict[int, int]  # the row each column's header is in, by column index

    def row_of(self, index: int) -> int:
        return self.rows.get(index, self.last_row)


def read_header(rows: Sequence[Sequence[object]], row_number: int, columns: Sequence[Column]) -> Header:
    """The header at ``row_number`` (1-based; ``columns`` its cells as ``classify`` reads them alone).

    Periods written without their year (``Q1``, ``Apr``, ``M01``) take it from a year label in the row
    above. A header whose ref and indicator cells are merged down over a second row, with periods in that
    row under year labels, is one header of two rows; the year labels over the periods are then group
    headings, never prior-year columns.
    """
    row = rows[row_number - 1]
    found = list(columns)
    if row_number >= 2:
        found = _with_years_from(rows[row_number - 2], row, found)
    if row_number < len(rows):
        two = _second_row(row_number, row, rows[row_number], found)
        if two is not None:
            return two
    return Header(row_number, row_number, tuple(row), tuple(found), {})


def _filled(row: Sequence[object], index: int) -> bool:
    value = row[index] if index < len(row) else None
    return value is not None and not (isinstance(value, str) and not value.strip())


def _with_years_from(above: Sequence[object], row: Sequence[object], columns: list[Column]) -> list[Column]:
    groups = year_groups(above)
    if not any(groups):
        return columns
    known = {column.index for column in columns}
    added = []
    for index, value in enumerate(row):
        group = _group_at(groups, index)
        if index in known or group is None or not isinstance(value, str):
            continue
        column = classify(value, index, group[1])
        if column is not None and column.role is Role.MONTH:
            added.append(column)
    return sorted(columns + added, key=lambda column: column.index) if added else columns


def _second_row(row_number: int, upper: Sequence[object], lower: Sequence[object],
                columns: list[Column]) -> Header | None:
    by_role = {column.role: column for column in columns}
    ref, name = by_role.get(Role.REF), by_role.get(Role.INDICATOR)
    if ref is None or name is None or _filled(lower, ref.index) or _filled(lower, name.index):
        return None  # the row below is the table's first indicator, or there is no table here
    groups = year_groups(upper)
    below = []
    for index, value in enumerate(lower):
        if _filled(lower, index):
            group = _group_at(groups, index)
            column = classify(value, index, group[1] if group else None)
            if column is not None:
                below.append(column)
    periods = [column for column in below if column.role is Role.MONTH]
    if not periods:
        return None
    headings = {group[0] for column in periods if (group := _group_at(groups, column.index)) is not None}
    taken = {column.index for column in below}
    kept = [column for column in columns if column.index not in taken and column.index not in headings]
    merged = sorted(kept + below, key=lambda column: column.index)
    width = max(len(upper), len(lower))
    values = tuple(
        lower[i] if _filled(lower, i) else (upper[i] if i < len(upper) and i not in headings else None)
        for i in range(width)
    )
    where = {column.index: row_number for column in kept}
    return Header(row_number, row_number + 1, values, tuple(merged), where)
