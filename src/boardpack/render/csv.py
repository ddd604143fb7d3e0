"""The tidy CSV: one row per indicator per month present, each row as at that month.

``period`` is the month a figure is kept at (a quarter's figure at its last month); ``period_label`` says
which period the figure is for, as the papers print it (``Sep-24``, ``Q2 2024/25``, ``Autumn term 2024``).

Percentages stay fractions (0.894), and money is in pounds (£12.3k is 12300), so a spreadsheet or script
reading the CSV never has to guess a scale.
An indicator built unrated because its row holds an error (``build --keep-going``) says so in ``status`` on the
rows that have a figure: its ``rag`` and ``dot`` are blank on every row.
Written with the standard library's ``csv`` module: importing pandas for this one table cost a build more
than writing it. ``safe_csv.write_csv`` keeps tracker text from running as a formula when the CSV is opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from boardpack.layout import Layout
from boardpack.model import (
    REVISED,
    Dot,
    Figure,
    Frequency,
    Indicator,
    Month,
    Rag,
    Scorecard,
    Status,
    UnitKind,
    period_label,
)
from boardpack.render.marks import marks_of
from boardpack.render.safe_csv import Cell, write_csv
from boardpack.render.text import note_of, status_text

COLUMNS = (
    "ref", "indicator", "section", "period", "value", "numerator", "denominator", "status", "unit", "polarity",
    "rag", "dot", "ytd", "source", "period_label", "note",
)
NUMBER_COLUMNS = ("value", "ytd")
COUNT_COLUMNS = ("numerator", "denominator")
_PLACES = 10
# Looked up, not read from ``.value``: an enum's value property costs more than a dict on every row.
_RAG_WORDS: dict[Rag | None, str] = {None: "", **{rag: rag.value for rag in Rag}}
_DOT_WORDS: dict[Dot | None, str] = {None: "", **{dot: dot.value for dot in Dot}}
_STATUS_WORDS: dict[Status | None, str] = {None: "", **{status: status.value for status in Status}}
_DUE = Status.DUE


def rows(scorecard: Scorecard) -> list[tuple[Cell, ...]]:
    """The table's rows, values in ``COLUMNS`` order; numbers are formatted later, a whole column at a time."""
    table: list[tuple[Cell, ...]] = []
    # A pack has a dozen or so months; writing each one's ISO form and label once is enough. They are kept by
    # the Month object's id, with the Month (so the id stays its own): a reader shares one Month among a
    # table's rows, and hashing a Month for every row cost more than the rest of the lookup.
    labels_by_frequency: dict[Frequency, dict[int, tuple[Month, str, str]]] = {}
    for section in scorecard.sections:
        for indicator in section.indicators:
            unit, polarity, fault = indicator.unit.kind.value, indicator.polarity.value, indicator.fault
            frequency = indicator.frequency
            labels = labels_by_frequency.setdefault(frequency, {})
            # Money written in thousands or millions of pounds goes out in pounds, rounded as finely as before
            # it was scaled (1.38 million is 1379999.9999999998 as a float product).
            shift = indicator.unit.magnitude if indicator.unit.kind is UnitKind.MONEY else 0
            scale, places = 10 ** shift, _PLACES - shift
            for observation, rag, dot, ytd in marks_of(scorecard, indicator):
                figure, month = observation.figure, observation.month
                known = labels.get(id(month))
                if known is None or known[0] is not month:
                    known = labels[id(month)] = (month, month.iso, period_label(month, frequency))
                _, period, label = known
                value, status = figure.value, figure.status
                table.append((
                    indicator.ref, indicator.name, section.name, period,
                    None if value is None else round(value * scale, places),
                    figure.numerator,
                    figure.denominator,
                    fault if fault and value is not None
                    else _STATUS_WORDS[status] if status is not _DUE else status_text(figure),
                    unit, polarity,
                    _RAG_WORDS[rag],
                    _DOT_WORDS[dot],
                    None if ytd is None or ytd.value is None else round(ytd.value * scale, places),
                    str(figure.source) if figure.source else "",
                    label,
                    note_of(figure) if figure.note else "",
                ))
    return table


def _numbers_as_written(values: Sequence[Cell], whole_as_integers: bool) -> list[int | float | None]:
    """A column of numbers in one style for the whole column, ``None`` for a blank.

    A column of integers alone is written as integers; any float or gap makes every number a float
    (``627.0``, shortest round-trip form). Count columns whose numbers are all whole are written as integers.
    """
    present = [v for v in values if v is not None]
    if whole_as_integers and all(float(v).is_integer() for v in present):
        return [None if v is None else int(v) for v in values]
    integers: list[int | float | None] = [v for v in present if isinstance(v, int)]
    if present and len(integers) == len(values):
        return integers
    return [None if v is None else float(v) for v in values]


def render_csv(scorecard: Scorecard, layout: Layout, path: Path) -> None:
    table = rows(scorecard)
    # Every row is built with one value per column, so both zips are strict; no rows is no columns' values.
    columns: dict[str, Sequence[Cell]] = (
        dict(zip(COLUMNS, zip(*table, strict=True), strict=True)) if table else {name: () for name in COLUMNS})
    if scorecard.disclosure is not None:
        columns = _public(scorecard, columns)
    if scorecard.revisions is not None:
        columns[REVISED_COLUMN] = _numbers_as_written(_revised(scorecard), whole_as_integers=False)
    for name in NUMBER_COLUMNS:
        columns[name] = _numbers_as_written(columns[name], whole_as_integers=False)
    for name in COUNT_COLUMNS:
        columns[name] = _numbers_as_written(columns[name], whole_as_integers=True)
    write_csv(path, columns)


# With ``build --previous``, last after every other column: the value the last report gave, where it differs.
REVISED_COLUMN = "revised"
# The public edition: the official symbols in their own columns, so ``value`` and ``ytd`` stay numbers; no
# ``source``, which names the council's own files.
PUBLIC_COLUMNS = (
    "ref", "indicator", "section", "period", "value", "numerator", "denominator", "symbol", "unit", "polarity",
    "rag", "dot", "ytd", "ytd_symbol", "period_label", "note",
)


def _row_figures(scorecard: Scorecard) -> list[tuple[Indicator, Month, Figure]]:
    """Each row's indicator, month and figure, in the order ``rows`` writes them."""
    period = scorecard.period
    return [(indicator, o.month, o.figure) for indicator in scorecard.indicators
            for o in indicator.observations if o.month <= period]


def _revised(scorecard: Scorecard) -> list[float | None]:
    values: list[float | None] = []
    for indicator, _, figure in _row_figures(scorecard):
        before = figure.previous.value if figure.previous is not None else None
        shift = indicator.unit.magnitude if indicator.unit.kind is UnitKind.MONEY else 0
        values.append(None if before is None else round(before * 10 ** shift, _PLACES - shift))
    return values


def _public(scorecard: Scorecard, columns: dict[str, Sequence[Cell]]) -> dict[str, Sequence[Cell]]:
    symbols: list[str] = []
    ytd = list(columns["ytd"])
    ytd_symbols: list[str] = []
    withheld: dict[str, frozenset[Month]] = {}
    for index, (indicator, month, figure) in enumerate(_row_figures(scorecard)):
        marks = [figure.status.value] if figure.status is not None else []
        symbols.append(" ".join(marks + ([REVISED] if figure.previous is not None else [])))
        months = withheld.get(indicator.ref)
        if months is None:
            months = withheld[indicator.ref] = frozenset(indicator.withheld_ytd)
        if month in months:
            ytd[index] = None
            ytd_symbols.append(Status.CONFIDENTIAL.value)
        else:
            ytd_symbols.append("")
    public: dict[str, Sequence[Cell]] = {**columns, "symbol": symbols, "ytd": ytd, "ytd_symbol": ytd_symbols}
    return {name: public[name] for name in PUBLIC_COLUMNS}
