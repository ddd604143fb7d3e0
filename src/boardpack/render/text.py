"""Figures as text, for every output that prints words rather than Excel number formats."""

from __future__ import annotations

from boardpack.model import Figure, Status, Unit, UnitKind
from boardpack.units import format_money
from boardpack.values import display_round

MISSING = "-"


def format_number(value: float, unit: Unit) -> str:
    """``0.894`` as ``89.4%`` for a percentage, ``1,234`` for a count, ``18.8`` for an average, ``£12.3k`` for
    money in thousands."""
    if unit.kind is UnitKind.PERCENT:
        return f"{display_round(value * 100, unit.decimals):,.{unit.decimals}f}%"
    if unit.kind is UnitKind.MONEY:
        return format_money(value, unit)
    return f"{display_round(value, unit.decimals):,.{unit.decimals}f}"


def format_count(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def status_text(figure: Figure) -> str:
    """The status as the paper prints it: ``[c]``, ``not reported``, ``due Aug 19``; empty when there is none."""
    status = figure.status
    if status is None:
        return ""
    if status is Status.DUE:
        return f"due {figure.note}" if figure.note else status.value
    return status.value


def note_of(figure: Figure | None) -> str:
    """The tracker's note to print after a figure; a due date is part of the status text instead."""
    if figure is None or figure.status is Status.DUE:
        return ""
    return figure.note


def format_value(figure: Figure | None, unit: Unit) -> str:
    """The value with any mark (``45 [p]``), or its status (``TBC``, ``due Aug 19``) or a dash when there is
    none; never 0."""
    if figure is None:
        return MISSING
    if figure.value is None:
        return status_text(figure) or MISSING
    if figure.status is not None:
        return f"{format_number(figure.value, unit)} {figure.status.value}"
    return format_number(figure.value, unit)


def format_parts(figure: Figure | None) -> str:
    """``114 of 122`` when the tracker gave counts, else empty."""
    if figure is None or figure.numerator is None or figure.denominator is None:
        return ""
    return f"{format_count(figure.numerator)} of {format_count(figure.denominator)}"


def format_figure(figure: Figure | None, unit: Unit) -> str:
    """Counts and value together, ``114 of 122 (93.4%)``, as the section pages print them."""
    parts = format_parts(figure)
    value = format_value(figure, unit)
    return f"{parts} ({value})" if parts and figure is not None and figure.value is not None else value
