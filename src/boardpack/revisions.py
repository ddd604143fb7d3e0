"""What changed since the last published report: its tidy CSV read back and compared figure by figure.

``read_previous`` reads the CSV boardpack wrote for the last report (internal or public edition); ``revise``
returns a new scorecard whose figures that the last report gave otherwise carry the value it gave
(``Figure.previous``, printed ``[r]``), with the list of revisions and withdrawn figures on the scorecard.

Figures are compared as displayed, to the places the unit shows, so a float's last bit is never a revision;
an ``N of D`` figure is revised when either count changed. A month the last report gave no figure for (a
marker, or no row) is a first publication, not a revision. A figure the last report gave and this pack does
not (a marker in its place, its month gone, or the whole indicator gone) is withdrawn.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from boardpack.exceptions import PreviousReportError
from boardpack.model import (
    CellRef,
    Figure,
    Indicator,
    Month,
    Revision,
    Scorecard,
    Unit,
    UnitKind,
    Withdrawal,
)
from boardpack.render.safe_csv import ENCODING, FORMULA_TRIGGERS
from boardpack.rules import assess_indicator
from boardpack.values import display_round

# What any CSV boardpack writes has, internal edition or public.
REQUIRED = ("ref", "indicator", "period", "value", "numerator", "denominator", "unit")
# The public edition has a ``symbol`` column where the internal has ``status``.
PUBLIC_MARK = "symbol"
_KINDS = {kind.value: kind for kind in UnitKind}
# Places a figure of the last report is shown with when no indicator of this pack says (it has gone).
_USUAL_DECIMALS = {UnitKind.COUNT: 0, UnitKind.MONEY: 0, UnitKind.RATIO: 2}


@dataclass(frozen=True)
class PreviousFigure:
    """One row of the last report's CSV: the figure as published (money in pounds, percentages as fractions)."""

    ref: str
    indicator: str
    month: Month
    period: str
    figure: Figure
    kind: UnitKind
    row: int
    ytd: float | None = None


@dataclass(frozen=True)
class Previous:
    """The last report's figures by ref, each ref's in the CSV's order; ``public`` when it was a public edition,
    whose withheld figures have no value."""

    path: str
    figures: dict[str, tuple[PreviousFigure, ...]]
    public: bool = False

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.figures.values())


def read_previous(path: str | Path) -> Previous:
    """The last report's CSV, checked row by row; anything else is a ``PreviousReportError`` naming the file and,
    for a bad row, the row and column."""
    where = str(path)
    try:
        with open(path, encoding=ENCODING, newline="") as handle:
            return _read(handle, where)
    except FileNotFoundError:
        raise PreviousReportError("the last report's CSV was not found; give the CSV boardpack wrote for it",
                                  where) from None
    except IsADirectoryError:
        raise PreviousReportError("is a folder; give the last report's CSV file", where) from None
    except UnicodeDecodeError:
        raise PreviousReportError("is not a boardpack CSV: it is not UTF-8 text (a workbook, or a CSV saved by "
                                  "another program?); give the CSV boardpack wrote for the last report",
                                  where) from None
    except OSError as exc:
        raise PreviousReportError(f"cannot be read ({exc.strerror or exc})", where) from None


def _read(handle: Iterable[str], where: str) -> Previous:
    reader = csv.reader(handle)
    try:
        header = [_text(name) for name in next(reader)]
    except StopIteration:
        raise PreviousReportError("is empty: it is not a boardpack CSV; give the CSV boardpack wrote for the last "
                                  "report", where) from None
    except csv.Error as exc:
        raise PreviousReportError(f"is not a boardpack CSV ({exc})", where) from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        found = ", ".join(repr(name) for name in header[:8]) + (", …" if len(header) > 8 else "")
        raise PreviousReportError(
            f"is not a boardpack CSV: its first row has no {', '.join(missing)} column"
            f"{'s' if len(missing) > 1 else ''} (it has {found or 'nothing'}); give the CSV boardpack wrote for "
            "the last report", where)
    at = {name: index for index, name in reversed(list(enumerate(header)))}
    figures: dict[str, list[PreviousFigure]] = {}
    seen: dict[tuple[str, Month], int] = {}
    try:
        for number, fields in enumerate(reader, start=2):
            if not fields:
                continue
            if len(fields) != len(header):
                raise PreviousReportError(f"has {len(fields)} fields where the first row names {len(header)} "
                                          "columns; give the CSV boardpack wrote for the last report",
                                          f"{where} › row {number}")
            row = _Row(fields, at, f"{where} › row {number}")
            previous = row.figure(number)
            key = (previous.ref, previous.month)
            if key in seen:
                raise PreviousReportError(f"is a second row for indicator {previous.ref} in {previous.month.iso} "
                                          f"(the first is row {seen[key]}); a boardpack CSV has one",
                                          f"{where} › row {number}")
            seen[key] = number
            figures.setdefault(previous.ref, []).append(previous)
    except csv.Error as exc:
        raise PreviousReportError(f"is not a boardpack CSV ({exc})", f"{where} › row {reader.line_num}") from None
    return Previous(where, {ref: tuple(rows) for ref, rows in figures.items()}, PUBLIC_MARK in at)


def _text(field: str) -> str:
    """A text field as it was before the CSV guarded it against running as a formula (``'=x`` was ``=x``)."""
    return field[1:] if field[:1] == "'" and field[1:2] in FORMULA_TRIGGERS else field


class _Row:
    def __init__(self, fields: list[str], at: dict[str, int], where: str) -> None:
        self.fields, self.at, self.where = fields, at, where

    def text(self, name: str) -> str:
        index = self.at.get(name)
        return _text(self.fields[index]) if index is not None else ""

    def number(self, name: str) -> float | None:
        text = self.fields[self.at[name]].strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise PreviousReportError(f"{text!r} is not a number", f"{self.where} › {name}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise PreviousReportError(f"{text!r} is not a number", f"{self.where} › {name}")
        return number

    def figure(self, number: int) -> PreviousFigure:
        ref = self.text("ref").strip()
        if not ref:
            raise PreviousReportError("has no ref", f"{self.where} › ref")
        period = self.text("period").strip()
        try:
            month = Month.parse(period)
        except ValueError:
            raise PreviousReportError(f"{period!r} is not a month in the form YYYY-MM",
                                      f"{self.where} › period") from None
        kind = _KINDS.get(self.text("unit").strip())
        if kind is None:
            raise PreviousReportError(f"{self.text('unit')!r} is not a unit boardpack writes "
                                      f"({', '.join(_KINDS)})", f"{self.where} › unit")
        source = self.text("source")
        parts = source.split(" › ")
        figure = Figure(
            value=self.number("value"),
            numerator=self.number("numerator"),
            denominator=self.number("denominator"),
            source=CellRef(*parts) if source and len(parts) <= 3 else None,
        )
        return PreviousFigure(ref, self.text("indicator"), month, self.text("period_label") or month.label,
                              figure, kind, number, self.number("ytd") if "ytd" in self.at else None)


def revise(scorecard: Scorecard, previous: Previous) -> Scorecard:
    """The scorecard with every figure the last report gave otherwise marked with the value it gave, and the
    revisions and withdrawn figures listed on it in the pack's order."""
    period = scorecard.period
    records: list[Revision | Withdrawal] = []
    sections = []
    for section in scorecard.sections:
        indicators = []
        for indicator in section.indicators:
            changed, found = _revise_indicator(indicator, previous.figures.get(indicator.ref, ()), period)
            indicators.append(changed)
            records += found
        sections.append(replace(section, indicators=tuple(indicators)))
    held = {indicator.ref for indicator in scorecard.indicators}
    for ref, rows in previous.figures.items():
        if ref not in held:
            withdrawn = _indicator_gone(rows, period)
            if withdrawn is not None:
                records.append(withdrawn)
    return replace(scorecard, sections=tuple(sections), revisions=tuple(records))


def _revise_indicator(indicator: Indicator, rows: tuple[PreviousFigure, ...], period: Month
                      ) -> tuple[Indicator, list[Revision | Withdrawal]]:
    if not rows:
        return indicator, []
    unit = indicator.unit
    scale = 10 ** unit.magnitude if unit.kind is UnitKind.MONEY else 1
    places = unit.display_precision()
    figures = indicator.figures_by_month()
    revised: dict[Month, Figure] = {}
    records: list[Revision | Withdrawal] = []
    for row in rows:
        if row.figure.value is None or row.month > period:
            # Nothing was published; or a month after this report's, which it does not cover.
            continue
        # The CSV writes money in pounds; the model holds it as the tracker writes it.
        was = replace(row.figure, value=row.figure.value / scale, source=None)
        now = figures.get(row.month)
        label = indicator.period_label(row.month)
        if now is None or now.value is None:
            records.append(Withdrawal(indicator.ref, indicator.name, row.month, label, was, unit, now,
                                      row.figure.source))
        elif _differs(was, now, places):
            revised[row.month] = replace(now, previous=was)
            records.append(Revision(indicator.ref, indicator.name, row.month, label, was, revised[row.month], unit,
                                    now.source))
    if not revised:
        return indicator, records
    observations = tuple(replace(o, figure=revised[o.month]) if o.month in revised else o
                         for o in indicator.observations)
    # Assessed again so that the current and previous figures it holds are the marked ones.
    changed = replace(indicator, observations=observations)
    return (assess_indicator(changed, period) if indicator.assessment is not None else changed), records


def _differs(was: Figure, now: Figure, places: int) -> bool:
    assert was.value is not None and now.value is not None
    if display_round(was.value, places) != display_round(now.value, places):
        return True
    was_of, was_out_of, now_of, now_out_of = was.numerator, was.denominator, now.numerator, now.denominator
    if was_of is None or was_out_of is None or now_of is None or now_out_of is None:
        return False
    return (round(was_of, 6), round(was_out_of, 6)) != (round(now_of, 6), round(now_out_of, 6))


def _indicator_gone(rows: tuple[PreviousFigure, ...], period: Month) -> Withdrawal | None:
    """One line for an indicator the last report had and this pack does not: its latest published figure, with
    nothing now."""
    published = [row for row in rows if row.figure.value is not None and row.month <= period]
    if not published:
        return None
    latest = max(published, key=lambda row: row.month)
    unit = _unit_of(latest.kind, latest.figure.value)
    return Withdrawal(latest.ref, latest.indicator, latest.month, latest.period, replace(latest.figure, source=None),
                      unit, None, latest.figure.source)


def _unit_of(kind: UnitKind, value: float | None) -> Unit:
    """A unit to show a gone indicator's last figure in, with the places its value needs (up to two)."""
    decimals = _USUAL_DECIMALS.get(kind, 1)
    if kind is UnitKind.PERCENT and value is not None:
        decimals = 0 if float(round(value * 100, 6)).is_integer() else 1
    return Unit(kind, kind.value, decimals)


def counts(scorecard: Scorecard) -> tuple[int, int]:
    """How many figures were revised, and how many withdrawn, since the last report."""
    records = scorecard.revisions or ()
    revised = sum(1 for record in records if isinstance(record, Revision))
    return revised, len(records) - revised

