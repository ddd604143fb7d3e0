"""Agenda files: TOML that says what a meeting is and which papers each item carries, as frozen dataclasses.

Every key is checked, and every paper must exist, so a clerk finds a typo or a misplaced file before a pack
is assembled. Errors are ``AgendaError`` naming the file and the key (``agenda.toml › items[5] › papers[1]``).
Whether a PDF can actually be read is checked when the pack is assembled, where it is opened anyway.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boardpack.exceptions import AgendaError
from boardpack.model import Month

_MEETING_KEYS = {
    "committee", "date", "time", "venue", "membership", "chief_executive", "chief_executive_title",
    "organisation", "name", "number_front_sheet", "items",
}
_ITEM_KEYS = {"title", "detail", "papers"}
_PDF_PAPER_KEYS = {"pdf", "title"}
_LAYOUT_PAPER_KEYS = {"layout", "title", "period"}


@dataclass(frozen=True)
class PdfPaper:
    """An existing PDF, merged as it is. ``title`` may be empty: the pack then uses the PDF's own title."""

    path: Path
    title: str
    where: str


@dataclass(frozen=True)
class LayoutPaper:
    """A boardpack layout, built when the pack is assembled so the report and the pack never disagree."""

    layout: Path
    title: str
    period: Month | None


Paper = PdfPaper | LayoutPaper


@dataclass(frozen=True)
class Item:
    number: int
    title: str
    detail: str
    papers: tuple[Paper, ...]


@dataclass(frozen=True)
class Agenda:
    committee: str
    date: dt.date
    time: str
    venue: tuple[str, ...]
    items: tuple[Item, ...]
    membership: str = ""
    chief_executive: str = ""
    chief_executive_title: str = "Chief Executive"
    organisation: str = ""
    name: str = ""
    # As councils publish them: the front sheet unnumbered, the papers from Page 1.
    number_front_sheet: bool = False
    path: Path | None = None

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "agenda"

    @property
    def date_text(self) -> str:
        """``Tuesday, 2nd July, 2019``, as agenda front sheets print it."""
        return long_date(self.date)

    @property
    def title(self) -> str:
        return f"{self.committee} — {self.date_text}"

    @property
    def pack_name(self) -> str:
        """The pack's file name without ``.pdf``: the agenda's ``name``, or committee and ISO date."""
        if self.name:
            return self.name
        slug = re.sub(r"[^a-z0-9]+", "-", self.committee.lower()).strip("-") or "agenda"
        return f"{slug}-{self.date.isoformat()}"


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def long_date(date: dt.date) -> str:
    return f"{date.strftime('%A')}, {ordinal(date.day)} {date.strftime('%B')}, {date.year}"


def page_range(first: int, last: int) -> str:
    """``Pages 25 - 46``, or ``Page 3`` for a one-page paper, as the front sheet and the email cite them."""
    return f"Page {first}" if first == last else f"Pages {first} - {last}"


def clock_time(time: dt.time) -> str:
    """``3.30 p.m.``; midday is ``12.00 noon``."""
    if time.hour == 12 and time.minute == 0:
        return "12.00 noon"
    hour = time.hour % 12 or 12
    return f"{hour}.{time.minute:02d} {'a.m.' if time.hour < 12 else 'p.m.'}"


def load_agenda(path: str | Path) -> Agenda:
    """Read and check an agenda file; paper paths are resolved relative to the agenda's folder."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AgendaError("agenda file not found", str(path)) from None
    except IsADirectoryError:
        raise AgendaError("is a folder; name the agenda .toml file", str(path)) from None
    except UnicodeDecodeError:
        raise AgendaError("agenda file is not UTF-8 text", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise AgendaError(f"not valid TOML ({exc})", str(path)) from None
    except OSError as exc:
        raise AgendaError(f"cannot read the agenda ({exc.strerror})", str(path)) from None
    return parse_agenda(raw, path)


def parse_agenda(raw: dict[str, Any], path: Path | None = None) -> Agenda:
    where = str(path) if path else "agenda"
    base = path.parent if path else Path.cwd()
    _reject_unknown(raw, _MEETING_KEYS, where)
    for key in ("committee", "date", "time", "venue", "items"):
        if key not in raw:
            raise AgendaError(f"an agenda needs {key!r}", f"{where} › {key}")
    values: dict[str, Any] = {
        key: _text(raw, key, where)
        for key in ("committee", "membership", "chief_executive", "chief_executive_title", "organisation", "name")
        if key in raw
    }
    if "name" in values and Path(values["name"]).name != values["name"]:
        raise AgendaError("name must be a plain file name, without folders", f"{where} › name")
    if "number_front_sheet" in raw:
        if not isinstance(raw["number_front_sheet"], bool):
            raise AgendaError("number_front_sheet must be true or false", f"{where} › number_front_sheet")
        values["number_front_sheet"] = raw["number_front_sheet"]
    return Agenda(
        date=_date(raw["date"], f"{where} › date"),
        time=_time(raw["time"], f"{where} › time"),
        venue=_venue(raw["venue"], f"{where} › venue"),
        items=_items(raw["items"], base, where),
        path=path,
        **values,
    )


def _reject_unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise AgendaError(f"unknown key {key!r}; expected one of: {known}", f"{where} › {key}")


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table[key]
    if not isinstance(value, str):
        raise AgendaError(f"{key} must be text in quotes", f"{where} › {key}")
    text = value.strip()
    if not text and key in ("committee", "title"):
        raise AgendaError(f"{key} must not be empty", f"{where} › {key}")
    return text


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise AgendaError(f"date {value!r} must be a date like 2019-07-02", where)


def _time(value: Any, where: str) -> str:
    if isinstance(value, dt.time):
        return clock_time(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise AgendaError(f"time {value!r} must be a time like 15:30 or text like \"3.30 p.m.\"", where)


def _venue(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        lines = [line.strip() for line in value.splitlines()]
    elif isinstance(value, list) and all(isinstance(line, str) for line in value):
        lines = [line.strip() for line in value]
    else:
        raise AgendaError("venue must be text, or a list of lines of text", where)
    lines = [line for line in lines if line]
    if not lines:
        raise AgendaError("venue must not be empty", where)
    return tuple(lines)


def _items(value: Any, base: Path, where: str) -> tuple[Item, ...]:
    if not isinstance(value, list) or not value:
        raise AgendaError("items must be an array of tables ([[items]]), one per agenda item", f"{where} › items")
    items = []
    for number, table in enumerate(value, start=1):
        here = f"{where} › items[{number}]"
        if not isinstance(table, dict):
            raise AgendaError("each item must be a table with a title", here)
        _reject_unknown(table, _ITEM_KEYS, here)
        if "title" not in table:
            raise AgendaError("an item needs a title", f"{here} › title")
        papers = table.get("papers", [])
        if not isinstance(papers, list):
            raise AgendaError("papers must be a list of PDF files or tables", f"{here} › papers")
        items.append(
            Item(
                number=number,
                title=_text(table, "title", here),
                detail=_text(table, "detail", here) if "detail" in table else "",
                papers=tuple(_paper(paper, base, f"{here} › papers[{index}]")
                             for index, paper in enumerate(papers, start=1)),
            )
        )
    return tuple(items)


def _paper(value: Any, base: Path, where: str) -> Paper:
    if isinstance(value, str):
        return PdfPaper(_existing(value, base, where, "paper"), "", where)
    if not isinstance(value, dict):
        raise AgendaError('a paper is a PDF file name, { pdf = "…" } or { layout = "…" }', where)
    if "pdf" in value and "layout" in value:
        raise AgendaError("a paper is either a pdf or a layout, not both", where)
    if "pdf" in value:
        _reject_unknown(value, _PDF_PAPER_KEYS, where)
        title = _text(value, "title", where) if "title" in value else ""
        return PdfPaper(_existing(_text(value, "pdf", where), base, f"{where} › pdf", "paper"), title, where)
    if "layout" in value:
        _reject_unknown(value, _LAYOUT_PAPER_KEYS, where)
        title = _text(value, "title", where) if "title" in value else ""
        period = None
        if "period" in value:
            text = _text(value, "period", where)
            try:
                period = Month.parse(text)
            except ValueError:
                raise AgendaError(
                    f"period {text!r} must be a month in the form YYYY-MM", f"{where} › period"
                ) from None
        layout = _existing(_text(value, "layout", where), base, f"{where} › layout", "layout")
        return LayoutPaper(layout, title, period)
    raise AgendaError('a paper table needs pdf = "file.pdf" or layout = "layout.toml"', where)


def _existing(text: str, base: Path, where: str, what: str) -> Path:
    path = Path(text) if Path(text).is_absolute() else (base / text).resolve()
    if not path.is_file():
        problem = "is a folder, not a file" if path.is_dir() else "not found"
        raise AgendaError(f"{what} {text!r} {problem} (looked for {path})", where)
    return path
