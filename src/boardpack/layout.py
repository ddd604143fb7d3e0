"""Report layouts: TOML files that say what a pack holds and how it looks, loaded into frozen dataclasses.

Every key is checked: a misspelt key, a wrong type or a missing source is a ``LayoutError`` naming the file
and the key, so a clerk finds the typo before the pack goes out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from boardpack.exceptions import LayoutError
from boardpack.model import Month

CHART_KINDS = ("line", "bar", "none")
PAGE_SIZES = ("A4", "A3", "letter")
ORIENTATIONS = ("landscape", "portrait")
# Which months a section's in-month table and charts show: the reporting year up to the period, or all of it.
MONTH_SPANS = ("to-date", "year")
MAX_MONTHS_BEFORE = 12
# Tables print a point under the theme size, and nothing in the papers is under 7 pt.
MIN_FONT_SIZE = 8
_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Theme:
    """Colours as ``#RRGGBB``. Defaults pair light fills with dark text at a contrast of 4.5:1 or more."""

    red_fill: str = "#FFC7CE"
    red_text: str = "#9C0006"
    amber_fill: str = "#FFEB9C"
    amber_text: str = "#7A4400"
    green_fill: str = "#C6EFCE"
    green_text: str = "#005A00"
    improved: str = "#006100"
    declined: str = "#B00020"
    same: str = "#595959"
    info: str = "#1F4E79"
    band_fill: str = "#1F4E79"
    band_text: str = "#FFFFFF"
    header_fill: str = "#D9E2F3"
    header_text: str = "#000000"
    target_line: str = "#B00020"
    benchmark_line: str = "#595959"
    series: str = "#1F4E79"
    font_size: float = 8.0


@dataclass(frozen=True)
class PageSetup:
    size: str = "A4"
    orientation: str = "landscape"


@dataclass(frozen=True)
class Trend:
    """The months a section's table and charts show (``[trend]``): ``to-date`` runs from April to the reporting
    month; ``year`` runs on to March, the months to come left blank, as many published reports print them.
    ``months_before`` adds that many months before April (the published April 2019 report showed January on)."""

    months: str = "to-date"
    months_before: int = 0


@dataclass(frozen=True)
class SectionLayout:
    title: str
    refs: tuple[str, ...]
    chart: str = "line"
    chart_refs: tuple[str, ...] = ()
    definition: str = ""
    analysis: str = ""
    data_note: str = ""
    # Whether the charts' value axis starts at zero; when not, the axis is drawn broken (bars always start there).
    chart_zero: bool = True


@dataclass(frozen=True)
class Headline:
    """A tile on "Performance on a page": the figure, then ``text`` (``93.4%`` + ``of LAC visits up to date``)."""

    ref: str
    text: str


@dataclass(frozen=True)
class Publication:
    """How the public edition (``build --public``) is made, from the layout's ``[publication]`` table.

    Counts from 1 to ``suppress_up_to`` are withheld as ``[c]`` (zero too with ``suppress_zero``); ``exempt``
    names indicators whose counts identify no one (a budget, foster carers' households recruited), published
    whatever their size. ``provisional`` marks every figure of those months ``[p]`` in every edition: months as
    ``YYYY-MM``, or ``latest`` for the reporting period. ``source`` says on the public cover where the figures
    come from.
    """

    suppress_up_to: int = 5
    suppress_zero: bool = False
    exempt: tuple[str, ...] = ()
    provisional: tuple[str, ...] = ()
    source: str = ""

    def provisional_months(self, period: Month) -> frozenset[Month]:
        return frozenset(period if text == LATEST else Month.parse(text) for text in self.provisional)


LATEST = "latest"
MOST_SUPPRESSED = 100


@dataclass(frozen=True)
class Layout:
    name: str = ""
    title: str = ""
    appendix: str = "Appendix A"
    committee: str = ""
    organisation: str = ""
    status: str = ""
    created: str = ""
    created_by: str = ""
    contact: str = ""
    vision: str = ""
    sources: tuple[Path, ...] = ()
    period: Month | None = None
    page: PageSetup = field(default_factory=PageSetup)
    sections: tuple[SectionLayout, ...] = ()
    headlines: tuple[Headline, ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()
    theme: Theme = field(default_factory=Theme)
    path: Path | None = None
    publication: Publication = field(default_factory=Publication)
    trend: Trend = field(default_factory=Trend)

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "layout"


_TOP_LEVEL_STRINGS = (
    "name", "title", "appendix", "committee", "organisation", "status", "created", "created_by", "contact", "vision",
)
_TOP_LEVEL_KEYS = set(_TOP_LEVEL_STRINGS) | {
    "sources", "period", "page", "sections", "headlines", "glossary", "theme", "trend", "publication",
}
_SECTION_KEYS = {f.name for f in fields(SectionLayout)}
_HEADLINE_KEYS = {f.name for f in fields(Headline)}


def load_layout(path: str | Path) -> Layout:
    """Read and validate a layout file; sources are resolved relative to the layout's folder."""
    import tomllib  # here: most commands are run without a layout file

    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LayoutError("layout file not found", path) from None
    except UnicodeDecodeError:
        raise LayoutError("layout file is not UTF-8 text", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise LayoutError(f"not valid TOML ({exc})", path) from None
    except OSError as exc:
        raise LayoutError(f"cannot read the layout ({exc.strerror})", path) from None
    return parse_layout(raw, path)


def parse_layout(raw: dict[str, Any], path: Path | None = None) -> Layout:
    where = str(path) if path else "layout"
    _reject_unknown(raw, _TOP_LEVEL_KEYS, where, "")
    values: dict[str, Any] = {key: _string(raw, key, where, "") for key in _TOP_LEVEL_STRINGS if key in raw}
    if "sources" in raw:
        values["sources"] = _sources(raw["sources"], path, where)
    if "period" in raw:
        text = _string(raw, "period", where, "")
        try:
            values["period"] = Month.parse(text)
        except ValueError:
            raise LayoutError(f"period {text!r} must be a month in the form YYYY-MM", f"{where} › period") from None
    if "page" in raw:
        values["page"] = _page(_table(raw, "page", where), where)
    if "sections" in raw:
        values["sections"] = _sections(raw["sections"], where)
    if "headlines" in raw:
        values["headlines"] = _headlines(raw["headlines"], where)
    if "glossary" in raw:
        glossary = _table(raw, "glossary", where)
        values["glossary"] = tuple((term, _string(glossary, term, where, "glossary")) for term in glossary)
    if "theme" in raw:
        values["theme"] = _theme(_table(raw, "theme", where), where)
    if "publication" in raw:
        values["publication"] = _publication(_table(raw, "publication", where), where)
    if "trend" in raw:
        values["trend"] = _trend(_table(raw, "trend", where), where)
    return Layout(path=path, **values)


def _at(where: str, *keys: str) -> str:
    """Where a key is, as every location boardpack prints: ``layout.toml › page › orientation``."""
    return " › ".join((where, *(key for key in keys if key)))


def _reject_unknown(table: dict[str, Any], allowed: set[str], where: str, parent: str) -> None:
    for key in table:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise LayoutError(f"unknown key {_dotted(parent, key)!r}; expected one of: {known}",
                              _at(where, parent, key))


def _dotted(parent: str, key: str) -> str:
    """A key as TOML spells it inside its table, ``page.size``, for the message itself."""
    return f"{parent}.{key}" if parent else key


def _string(table: dict[str, Any], key: str, where: str, parent: str) -> str:
    value = table[key]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if hasattr(value, "isoformat"):
        iso: str = value.isoformat()  # a TOML date or time
        return iso
    if not isinstance(value, str):
        raise LayoutError(f"{_dotted(parent, key)} must be text", _at(where, parent, key))
    return value


def _string_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) for item in value):
        raise LayoutError(f"{key} must be a list of text", f"{where} › {key}")
    return tuple(str(item) for item in value)


def _table(raw: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = raw[key]
    if not isinstance(value, dict):
        raise LayoutError(f"{key} must be a table ([{key}])", f"{where} › {key}")
    return value


def _sources(value: Any, path: Path | None, where: str) -> tuple[Path, ...]:
    base = path.parent if path else Path.cwd()
    resolved = []
    for text in _string_list(value, where, "sources"):
        source = (base / text).resolve() if not Path(text).is_absolute() else Path(text)
        if not source.exists():
            raise LayoutError(f"source {text!r} does not exist (looked for {source})", f"{where} › sources")
        resolved.append(source)
    return tuple(resolved)


def _page(table: dict[str, Any], where: str) -> PageSetup:
    _reject_unknown(table, {"size", "orientation"}, where, "page")
    size = _string(table, "size", where, "page") if "size" in table else "A4"
    orientation = _string(table, "orientation", where, "page") if "orientation" in table else "landscape"
    if size not in PAGE_SIZES:
        raise LayoutError(f"page.size {size!r} must be one of {', '.join(PAGE_SIZES)}", _at(where, "page", "size"))
    if orientation not in ORIENTATIONS:
        raise LayoutError(f"page.orientation {orientation!r} must be one of {', '.join(ORIENTATIONS)}",
                          _at(where, "page", "orientation"))
    return PageSetup(size=size, orientation=orientation)


def _trend(table: dict[str, Any], where: str) -> Trend:
    _reject_unknown(table, {"months", "months_before"}, where, "trend")
    months = _string(table, "months", where, "trend") if "months" in table else "to-date"
    if months not in MONTH_SPANS:
        raise LayoutError(f"trend.months {months!r} must be one of {', '.join(MONTH_SPANS)}",
                          _at(where, "trend", "months"))
    before = table.get("months_before", 0)
    if isinstance(before, bool) or not isinstance(before, int) or not 0 <= before <= MAX_MONTHS_BEFORE:
        raise LayoutError(f"trend.months_before must be a whole number from 0 to {MAX_MONTHS_BEFORE}",
                          _at(where, "trend", "months_before"))
    return Trend(months=months, months_before=before)


def _array_of_tables(
    value: Any, where: str, key: str, noun: str, allowed: set[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each table of a ``[[key]]`` array with where it is, its keys already checked."""
    if not isinstance(value, list):
        raise LayoutError(f"{key} must be an array of tables ([[{key}]])", f"{where} › {key}")
    for index, table in enumerate(value, start=1):
        here = f"{where} › {key}[{index}]"
        if not isinstance(table, dict):
            raise LayoutError(f"each {noun} must be a table", here)
        _reject_unknown(table, allowed, here, "")
        yield here, table


def _sections(value: Any, where: str) -> tuple[SectionLayout, ...]:
    sections = []
    for here, table in _array_of_tables(value, where, "sections", "section", _SECTION_KEYS):
        if "title" not in table or "refs" not in table:
            raise LayoutError("a section needs a title and refs", here)
        chart = _string(table, "chart", here, "") if "chart" in table else "line"
        if chart not in CHART_KINDS:
            raise LayoutError(f"chart {chart!r} must be one of {', '.join(CHART_KINDS)}", f"{here} › chart")
        refs = _string_list(table["refs"], here, "refs")
        chart_refs = _string_list(table["chart_refs"], here, "chart_refs") if "chart_refs" in table else ()
        chart_zero = table.get("chart_zero", True)
        if not isinstance(chart_zero, bool):
            raise LayoutError("chart_zero must be true or false", f"{here} › chart_zero")
        stray = [ref for ref in chart_refs if ref not in refs]
        if stray:
            raise LayoutError(f"chart_refs {', '.join(stray)} are not in this section's refs", f"{here} › chart_refs")
        sections.append(
            SectionLayout(
                title=_string(table, "title", here, ""),
                refs=refs,
                chart=chart,
                chart_refs=chart_refs,
                definition=_string(table, "definition", here, "") if "definition" in table else "",
                analysis=_string(table, "analysis", here, "") if "analysis" in table else "",
                data_note=_string(table, "data_note", here, "") if "data_note" in table else "",
                chart_zero=chart_zero,
            )
        )
    return tuple(sections)


def _headlines(value: Any, where: str) -> tuple[Headline, ...]:
    headlines = []
    for here, table in _array_of_tables(value, where, "headlines", "headline", _HEADLINE_KEYS):
        if "ref" not in table or "text" not in table:
            raise LayoutError("a headline needs a ref and a text", here)
        headlines.append(Headline(ref=_string(table, "ref", here, ""), text=_string(table, "text", here, "")))
    return tuple(headlines)


def _theme(table: dict[str, Any], where: str) -> Theme:
    allowed = {f.name for f in fields(Theme)}
    _reject_unknown(table, allowed, where, "theme")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "font_size":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not MIN_FONT_SIZE <= value <= 16:
                raise LayoutError(f"theme.font_size must be a number from {MIN_FONT_SIZE:g} to 16 (tables print a "
                                  "point smaller, and nothing is printed under 7 pt)", _at(where, "theme", "font_size"))
            values[key] = float(value)
        elif not isinstance(value, str) or not _HEX_COLOUR.match(value):
            raise LayoutError(f"theme.{key} must be a colour like \"#1F4E79\"", _at(where, "theme", key))
        else:
            values[key] = value.upper()
    return Theme(**values)


def _publication(table: dict[str, Any], where: str) -> Publication:
    _reject_unknown(table, {f.name for f in fields(Publication)}, where, "publication")
    values: dict[str, Any] = {}
    if "suppress_up_to" in table:
        limit = table["suppress_up_to"]
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MOST_SUPPRESSED:
            raise LayoutError(f"publication.suppress_up_to must be a whole number from 1 to {MOST_SUPPRESSED} (the "
                              "largest count withheld; 5 withholds 1 to 5)",
                              _at(where, "publication", "suppress_up_to"))
        values["suppress_up_to"] = limit
    if "suppress_zero" in table:
        if not isinstance(table["suppress_zero"], bool):
            raise LayoutError("publication.suppress_zero must be true or false",
                              _at(where, "publication", "suppress_zero"))
        values["suppress_zero"] = table["suppress_zero"]
    if "exempt" in table:
        values["exempt"] = _string_list(table["exempt"], _at(where, "publication"), "exempt")
    if "provisional" in table:
        months = _string_list(table["provisional"], _at(where, "publication"), "provisional")
        for text in months:
            if text != LATEST:
                try:
                    Month.parse(text)
                except ValueError:
                    raise LayoutError(f"publication.provisional {text!r} must be a month in the form YYYY-MM, or "
                                      f"{LATEST!r} for the reporting period",
                                      _at(where, "publication", "provisional")) from None
        values["provisional"] = months
    if "source" in table:
        values["source"] = _string(table, "source", where, "publication")
    return Publication(**values)
