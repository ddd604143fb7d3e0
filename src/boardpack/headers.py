"""Recognising tracker columns from their header text, the way councils actually write them.

Headers are compared ignoring case, spacing and punctuation, so ``*REF NO.``, ``Ref No`` and ``ref no``
are one column. Month headers may be real dates or text (``Apr-19``, ``April 2019``, ``2019-04``);
prior years read ``2018/19`` or ``2013/ 14``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from boardpack.model import MONTH_ABBREVIATIONS, BenchmarkKind, Month


class Role(str, Enum):
    REF = "ref"
    INDICATOR = "indicator"
    SECTION = "section"
    COUNCIL_PLAN = "council plan"
    TIMELINE = "timeline"
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


_ALIASES: dict[str, Role] = {}
for _role, _names in {
    Role.REF: ("ref", "refno", "refnumber", "reference", "no", "indicatorref", "kpiref", "pino", "id"),
    Role.INDICATOR: ("indicator", "measure", "indicatorname", "measurename", "indicatordescription", "kpi",
                     "performanceindicator"),
    Role.SECTION: ("section", "sectionname", "servicearea", "area", "theme"),
    Role.COUNCIL_PLAN: ("councilplan", "councilplanmeasure", "councilplanindicator", "cp", "cpmeasure"),
    Role.TIMELINE: ("timeline", "frequency", "datanotemonthly", "notemonthly", "reportingfrequency", "timeframe"),
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

_MONTH_WORDS = {name.lower(): index for index, name in enumerate(MONTH_ABBREVIATIONS, start=1)}
_MONTH_WORDS["sept"] = 9
_MONTH_TEXT_RE = re.compile(r"^([a-z]{3,9})[\s\-'/.]*(\d{2}|\d{4})$")
_ISO_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_FINANCIAL_YEAR_RE = re.compile(r"^(?:fy\s*)?(\d{4}|\d{2})\s*/\s*(\d{2}|\d{4})(?:\s+(outturn|ytd|year to date))?$")
_SHORT_YTD_RE = re.compile(r"^(\d{2})\s*/\s*(\d{2})\s+(ytd|year to date)$")


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


def classify(value: object, index: int) -> Column | None:
    """What a header cell names, or None for a column boardpack does not read."""
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
    year = parse_financial_year(header)
    if year is not None:
        label, qualifier = year
        if qualifier in ("ytd", "year to date"):
            return Column(Role.YTD, index, header, year_label=label)
        return Column(Role.PRIOR_YEAR, index, header, year_label=label)
    key = normalise_header(header)
    if key in _ALIASES:
        return Column(_ALIASES[key], index, header)
    if key in _BENCHMARK_ALIASES:
        return Column(Role.BENCHMARK, index, header, benchmark=_BENCHMARK_ALIASES[key])
    return None


def header_score(columns: list[Column]) -> int:
    """How convincingly a row is a tracker's header: it must name a ref and an indicator and some figures."""
    roles = {column.role for column in columns}
    if Role.REF not in roles or Role.INDICATOR not in roles:
        return 0
    figures = roles & {Role.MONTH, Role.YTD, Role.PRIOR_YEAR, Role.BENCHMARK}
    return 0 if not figures else len(columns)
