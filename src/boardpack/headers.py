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


_ALIASES: dict[str, Role] = {}
for _role, _names in {
    Role.REF: ("ref", "refno", "refnumber", "reference", "no", "indicatorref", "kpiref", "pino", "id"),
    Role.INDICATOR: ("indicator", "measure", "indicatorname", "measurename", "indicatordescription", "kpi",
                     "performanceindicator"),
    Role.SECTION: ("section", "sectionname", "servicearea", "area", "theme"),
    Role.COUNCIL_PLAN: ("councilplan", "councilplanmeasure", "councilplanindicator", "cp", "cpmeasure"),
    Role.TIMELINE: ("timeline", "frequency", "datanotemonthly", "notemonthly", "reportingfrequency", "timeframe"),
    Role.UNIT: ("datanote", "unit", "units", "unitofmeasure", "measuretype"),
    Role.POLARITY: ("goodperfis", "goodperformanceis", "polarity", "goodis", "direction", "goodperf"),
    Role.YTD: ("ytd", "yeartodate", "currentytd", "ytdactual"),
    Role.RED: ("red", "redthreshold", "redtolerance"),
    Role.AMBER: ("amber", "amberthreshold", "ambertolerance"),
    Role.GREEN: ("green", "greentarget", "targetgreen", "greenthreshold"),
    Role.TARGET: ("target", "targets", "annualtarget", "targetyear"),
    Role.OFFICER_DOT: ("dot", "dotmonthonmonth", "directionoftravel", "dotinmonth"),
    Role.OFFICER_RAG: ("rag", "raginmonth", "ragrating", "ragstatus", "status"),
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


def classify(value: object, index: int) -> Column | None:
    """What a header cell names, or None for a column boardpack does not read."""
    month = parse_month(value)
    if month is not None:
        header = value.strftime("%b-%y") if isinstance(value, (dt.datetime, dt.date)) else str(value)
        return Column(Role.MONTH, index, header.strip(), month=month)
    if not isinstance(value, str) or not value.strip():
        return None
    header = " ".join(value.split())
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
