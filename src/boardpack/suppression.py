"""Which cells to withhold so that no small count can be worked out from the cells published.

Pure arithmetic, knowing nothing of trackers: a table of named cells with their values, the relations that tie
them (each a sum of cells, with coefficients, equal to zero: a year to date less its months), and the cells
that must not be known (the primary ones). A withheld cell can be worked out exactly when some combination of
relations leaves it the only withheld cell; that is, when its unit vector lies in the row space of the
relations restricted to the withheld cells. Each pass finds such a cell and withholds one more published
cell tied to it, preferring the one that protects it at once and, among those, the cheapest, until none can
be worked out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Generic, TypeVar

# A cell's name: anything hashable; the caller's own keys come back out, so the type goes through.
Key = TypeVar("Key", bound=Hashable)
Relation = tuple[tuple[Key, int], ...]
# Compared as tuples, lowest first: a rank, then whatever orders cells within it.
Cost = tuple[float, ...]


@dataclass(frozen=True)
class Table(Generic[Key]):
    """The cells of one table with their values, the relations among them, and which must stay unknown.

    ``cost`` orders the published cells by how readily they are given up to protect a withheld one (lowest
    first); cells without one come last, in the order they were listed.
    """

    values: dict[Key, float]
    relations: tuple[Relation[Key], ...]
    primary: frozenset[Key]
    cost: dict[Key, Cost] = field(default_factory=dict)


def recoverable(hidden: Iterable[Key], relations: Sequence[Relation[Key]]) -> set[Key]:
    """The cells of ``hidden`` whose values the relations give from the cells not hidden."""
    hidden = set(hidden)
    columns: dict[Key, int] = {}
    rows: list[dict[int, Fraction]] = []
    for relation in relations:
        row: dict[int, Fraction] = {}
        for key, coefficient in relation:
            if key in hidden and coefficient:
                column = columns.setdefault(key, len(columns))
                row[column] = row.get(column, Fraction(0)) + coefficient
        row = {column: value for column, value in row.items() if value}
        if row:
            rows.append(row)
    pivots = _reduced(rows)
    names = {column: key for key, column in columns.items()}
    return {names[pivot] for pivot, row in pivots.items() if len(row) == 1}


def _reduced(rows: list[dict[int, Fraction]]) -> dict[int, dict[int, Fraction]]:
    """Gauss-Jordan elimination over sparse rows: each pivot column with its fully reduced row."""
    pivots: dict[int, dict[int, Fraction]] = {}
    for row in rows:
        row = dict(row)
        for pivot, reduced in pivots.items():
            factor = row.get(pivot)
            if factor:
                _subtract(row, reduced, factor)
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {column: value / scale for column, value in row.items()}
        for other in pivots.values():
            factor = other.get(pivot)
            if factor:
                _subtract(other, row, factor)
        pivots[pivot] = row
    return pivots


def _subtract(row: dict[int, Fraction], reduced: dict[int, Fraction], factor: Fraction) -> None:
    for column, value in reduced.items():
        result = row.get(column, Fraction(0)) - factor * value
        if result:
            row[column] = result
        else:
            row.pop(column, None)


def withhold(table: Table[Key], consequences: Callable[[frozenset[Key]], frozenset[Key]] = lambda hidden: hidden
             ) -> tuple[frozenset[Key], frozenset[Key]]:
    """The cells to withhold, and any primary cell that could not be protected (none, unless every cell tied to
    it is withheld already).

    ``consequences`` says which cells end up unpublished when the given ones are withheld: a year to date that
    can no longer be added up once a month is withheld, say. It must return a superset of what it is given.
    """
    hidden = consequences(frozenset(table.primary))
    order = {key: index for index, key in enumerate(table.values)}
    while True:
        exposed = sorted(table.primary & recoverable(hidden, table.relations), key=lambda key: order.get(key, 0))
        if not exposed:
            return hidden, frozenset()
        target = exposed[0]
        candidates = _tied(target, hidden, table.relations)
        if not candidates:
            return hidden, frozenset(exposed)
        candidates.sort(key=lambda key: (table.cost.get(key, (float("inf"),)), order.get(key, len(order))))
        chosen = next((key for key in candidates
                       if target not in recoverable(hidden | {key}, table.relations)), candidates[0])
        hidden = consequences(hidden | {chosen})


def _tied(target: Key, hidden: frozenset[Key], relations: Sequence[Relation[Key]]) -> list[Key]:
    """The published cells of every relation reachable from ``target`` through withheld cells."""
    reached, frontier = {target}, [target]
    touched: set[int] = set()
    while frontier:
        key = frontier.pop()
        for index, relation in enumerate(relations):
            if index in touched or all(other != key for other, _ in relation):
                continue
            touched.add(index)
            for other, _ in relation:
                if other in hidden and other not in reached:
                    reached.add(other)
                    frontier.append(other)
    published: dict[Key, None] = {}
    for index in sorted(touched):
        for key, _ in relations[index]:
            if key not in hidden:
                published.setdefault(key, None)
    return list(published)
