"""How often each measure is taken, when the tracker says so and when only its figures do.

Pure: works on what normalising has read from an indicator's row (the words in its Frequency and Timeline
cells, cells such as ``Annual Indicator``, the period columns its figures are in, and the figures
themselves) and returns the frequency with the findings that explain it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from boardpack.model import CellRef, Finding, Frequency, Month, Observation, Severity, Status
from boardpack.vocabulary import parse_frequency

# Month numbers at which some period longer than a month ends: a figure anywhere else is a monthly one.
_LONGER_PERIOD_ENDS = frozenset().union(*(f.end_months for f in Frequency if f is not Frequency.MONTHLY))
# When a measure's figures fit several frequencies equally well, the first of these is taken.
_SPACING_PREFERENCE = (Frequency.ANNUAL, Frequency.HALF_YEARLY, Frequency.QUARTERLY, Frequency.TERMLY)

Mark = tuple[Frequency, CellRef, str]
"""A cell saying how often the measure is taken: the frequency, the cell and its words."""


def measure_frequency(
    ref: str,
    said: Sequence[tuple[str, str, Callable[[], CellRef]]],
    marks: Sequence[Mark],
    valued_in: set[Frequency],
    table_frequency: Frequency | None,
    observations: Sequence[Observation],
    table_months: frozenset[Month],
    row: Callable[[], CellRef],
) -> tuple[Frequency, list[Finding]]:
    """How often the measure is taken, in this order: as its Frequency or Timeline cell says (``said``: each
    column's header, the row's words in it and the cell), as its cells say (``marks``), as the columns its
    figures are in (``valued_in``) or all its table's period columns (``table_frequency``) are, or from the
    spacing of its figures. A frequency its figures do not fit is a warning, and the measure is read as
    monthly, as written. The cells and the row (``row``) are named through callables: a measure taken monthly,
    as most are, needs neither."""
    findings: list[Finding] = []
    stated: tuple[Frequency, str, CellRef] | None = None
    for header, text, place in said:
        found = parse_frequency(text)
        if found is not None:
            stated = (found, f"its {header} column says {text!r}", place())
            break
    for mark, where, text in marks:
        if stated is None:
            stated = (mark, f"cell {where.cell} says {text!r}", where)
        elif mark is not stated[0]:
            findings.append(Finding(
                Severity.WARNING,
                f"indicator {ref}: this cell says {text!r} ({mark.word.lower()}), but {stated[1]} "
                f"({stated[0].word.lower()}); it was read as {stated[0].word.lower()}",
                where,
            ))
    if stated is None and len(valued_in) == 1 and Frequency.MONTHLY not in valued_in:
        only = next(iter(valued_in))
        stated = (only, f"its figures are in {only.period_word} columns", row())
    if stated is None and table_frequency is not None and table_frequency is not Frequency.MONTHLY:
        stated = (table_frequency, f"its table's columns are {table_frequency.period_word}s", row())
    if stated is None:
        spaced = spaced_frequency(observations, table_months)
        if spaced is None:
            return Frequency.MONTHLY, findings
        shown = ", ".join(o.month.label for o in observations if o.figure.has_value)
        reason = (f"its figures fall only at {spaced.period_word} ends ({shown}); write its frequency in a "
                  "Frequency column if that is wrong")
        stated = (spaced, reason, row())
    frequency, reason, where = stated
    if frequency is Frequency.MONTHLY:
        return frequency, findings
    ends = frequency.end_months
    stray = next((o for o in observations if o.figure.has_value and o.month.month not in ends), None)
    if stray is not None:
        findings.append(Finding(
            Severity.WARNING,
            f"indicator {ref} is {frequency.word.lower()} ({reason}), but has a figure for {stray.month.label}, "
            f"which is not the last month of a {frequency.period_word} ({end_months_text(frequency)}); a "
            f"{frequency.period_word}'s figure belongs in its last month's column, so the measure was read as monthly",
            stray.figure.source or where,
        ))
        return Frequency.MONTHLY, findings
    findings.append(Finding(
        Severity.INFO,
        f"indicator {ref} is read as {frequency.word.lower()} ({reason}); a report shows its latest "
        f"{frequency.period_word} ended by the reporting month",
        where,
    ))
    return frequency, findings


def end_months_text(frequency: Frequency) -> str:
    """``Jun, Sep, Dec, Mar``: where a frequency's periods end, in financial-year order."""
    ends = sorted(frequency.end_months, key=lambda number: (number - 4) % 12)
    return ", ".join(Month(2000, number).label[:3] for number in ends)


def spaced_frequency(observations: Sequence[Observation], table_months: frozenset[Month]) -> Frequency | None:
    """The frequency a monthly row's figures are spaced at, when they fall only at the ends of longer periods
    with month columns left empty between them (a quarterly measure in a monthly tracker), else None."""
    valued: list[Month] = []
    held: list[Month] = []  # months holding a figure or a marker other than "-", which a gap would not
    for observation in observations:
        figure = observation.figure
        if figure.value is None and figure.status in (None, Status.NONE):
            continue
        month = observation.month
        if month.month not in _LONGER_PERIOD_ENDS:
            return None  # the usual monthly measure stops here, at its first figure or two
        held.append(month)
        if figure.value is not None:
            valued.append(month)
    if len(valued) < 2 or not any(
        later > earlier.shift(1) and earlier.shift(1) in table_months for earlier, later in pairwise(valued)
    ):
        return None
    best: tuple[int, Frequency] | None = None
    for frequency in _SPACING_PREFERENCE:
        ends = frequency.end_months
        if any(month.month not in ends for month in held):
            continue
        # Fewer of the frequency's period ends left empty between the first figure and the last fits better.
        missing = sum(
            1 for month in table_months
            if valued[0] < month < valued[-1] and month.month in ends and month not in valued
        )
        if best is None or missing < best[0]:
            best = (missing, frequency)
    return best[1] if best is not None else None
