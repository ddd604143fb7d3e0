"""A second look at a table's header row once it is found: what each cell was taken for, and whether the months
make sense.

A renamed header, a misspelt month or a year typed wrong all used to give a paper with no message at all; here
each is named by its cell. The work is per header cell, plus a look down the few columns that seem wrong, never
per figure cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from boardpack.headers import CANONICAL_HEADERS, Column, Role, classify, parse_month
from boardpack.model import CellRef, Finding, Month, Severity
from boardpack.reader import RawSheet, column_letter
from boardpack.resemblance import Resemblance, misspelt_month, resemble, uk_date
from boardpack.values import missing_status
from boardpack.vocabulary import parse_officer_rag, parse_polarity, parse_unit

_ONE_MONTH_RE = re.compile(r"^(?:[A-Za-z]{3,9}[\s\-'/.]*(?:\d{2}|\d{4})|\d{4}-\d{1,2})$")
# Words that mark a cell as a timeline ("As at mth end", "Financial Year"), for a column whose header is gone.
TIMELINE_WORDS = ("as at", "financial year", "rolling", "year to date", "ytd", "cumulative", "snapshot",
                  "month end", "mth end", "term end", "academic year", "calendar year")


@dataclass(frozen=True)
class Review:
    findings: tuple[Finding, ...]
    # The table's month columns, with any date header placed by its neighbours added.
    months: tuple[Column, ...]


@dataclass
class _Region:
    sheet: RawSheet
    header_row: int
    last_row: int

    def where(self, index: int) -> CellRef:
        return self.sheet.where(self.header_row, index)

    def first_figure(self, index: int) -> int | None:
        """The row of the first cell below the header that holds a figure, not a blank or a marker."""
        rows = self.sheet.rows
        for row_number in range(self.header_row + 1, min(self.last_row, len(rows)) + 1):
            row = rows[row_number - 1]
            value = row[index] if index < len(row) else None
            if value is None or isinstance(value, bool):
                continue
            if isinstance(value, str):
                text = value.strip()
                if not text or missing_status(text) is not None or parse_month(text) is not None:
                    continue
            return row_number
        return None

    def first_value(self, index: int) -> tuple[int, object] | None:
        rows = self.sheet.rows
        for row_number in range(self.header_row + 1, min(self.last_row, len(rows)) + 1):
            row = rows[row_number - 1]
            value = row[index] if index < len(row) else None
            if value is not None and not (isinstance(value, str) and not value.strip()):
                return row_number, value
        return None


def review_header(
    sheet: RawSheet, header_row: int, last_row: int, months: Sequence[Column], used: frozenset[int], today: Month
) -> Review:
    """Findings about the header row of the table on rows ``header_row``..``last_row``."""
    region = _Region(sheet, header_row, last_row)
    findings: list[Finding] = []
    row = sheet.rows[header_row - 1]
    filled = [index for index, value in enumerate(row) if value is not None and str(value).strip()]
    month_indices = sorted(c.index for c in months)
    dates: list[tuple[int, str, dt.date]] = []
    unread_months: set[int] = set()
    for index, value in enumerate(row):
        if value is None or (isinstance(value, str) and not value.strip()):
            if filled and filled[0] < index < filled[-1]:
                findings.extend(_headless_column(region, index))
            continue
        header = " ".join(str(value).split())
        if index in used:
            column = classify(value, index)
            if column is not None and column.read_as:
                findings.append(_read_note(region, column))
            continue
        if classify(value, index) is not None:
            continue  # a known column left out for a reason already given (a second polarity column, say)
        near = resemble(header, index) if isinstance(value, str) else None
        if near is not None and near.how == "date":
            date = uk_date(header)
            assert date is not None
            dates.append((index, header, date))
        elif near is not None and near.how == "month":
            unread_months.add(index)
            findings.append(_misspelt_month(region, index, header, month_indices))
        elif near is not None:
            findings.append(_not_read(region, index, near))
        else:
            findings.append(Finding(
                Severity.INFO,
                f"column {column_letter(index)} ({header!r}) is not a column boardpack reads, "
                "so its cells were not used",
                region.where(index),
            ))
    placed = list(months)
    for index, header, date in dates:
        column, finding = _place_date(region, index, header, date, placed)
        findings.append(finding)
        if column is not None:
            placed.append(column)
    unread_months.update(index for index, _, _ in dates if index not in {c.index for c in placed})
    findings.extend(_sequence(region, placed, unread_months))
    findings.extend(_future(region, placed, today))
    return Review(tuple(findings), tuple(sorted(placed, key=lambda c: c.month or Month(1, 1))))


def _read_note(region: _Region, column: Column) -> Finding:
    where = region.where(column.index)
    letter = column_letter(column.index)
    if column.role is Role.MONTH and column.month is not None:
        taken = column.month.long_label
        if column.read_as == "date":
            return Finding(Severity.INFO, f"read {column.header!r} as {taken} (dates are read day first, as written "
                                          "in the UK)", where)
        return Finding(Severity.INFO, f"read {column.header!r} as {taken}", where)
    role = column.role.value
    if column.role is Role.PRIOR_YEAR:
        return Finding(Severity.INFO, f"read {column.header!r} as the {column.year_label} column", where)
    if column.read_as == "spelling":
        spelling = CANONICAL_HEADERS.get(column.role, role)
        return Finding(Severity.WARNING, f"read column {letter} ({column.header!r}) as the {role} column; correct "
                                         f"its spelling to {spelling!r} so it is not mistaken", where)
    return Finding(Severity.INFO, f"read {column.header!r} as the {role} column", where)


def _not_read(region: _Region, index: int, near: Resemblance) -> Finding:
    return Finding(
        Severity.WARNING,
        f"column {column_letter(index)} ({near.header!r}) looks like {near.described} but was not read; rename it "
        f"to {near.suggestion}" + (" (one column each)" if len(near.roles) > 1 else "")
        + ", or to something unlike any column boardpack reads if it is not one",
        region.where(index),
    )


def _misspelt_month(region: _Region, index: int, header: str, month_indices: list[int]) -> Finding:
    meant = misspelt_month(header)
    like = " or ".join(month.label for month in meant)
    letter = column_letter(index)
    figure_row = region.first_figure(index)
    if figure_row is None:
        return Finding(Severity.WARNING, f"column {letter} ({header!r}) looks like a month ({like}) but cannot be "
                                         f"read as one, so anything written under it will not be used; write it "
                                         f"like {meant[0].label}", region.where(index))
    between = any(i < index for i in month_indices) and any(i > index for i in month_indices)
    return Finding(
        Severity.ERROR if between else Severity.WARNING,
        f"column {letter} ({header!r}) holds figures ({letter}{figure_row}) under a header that looks like a month "
        f"({like}) but cannot be read as one, so they were not used"
        + (", though it sits among the month columns" if between else "")
        + f"; write the month like {meant[0].label}",
        region.where(index),
    )


def _place_date(
    region: _Region, index: int, header: str, date: dt.date, months: list[Column]
) -> tuple[Column | None, Finding]:
    """A day-first date other than the 1st is taken for its month only when the months either side agree."""
    month = Month(date.year, date.month)
    left = max((c for c in months if c.index < index), key=lambda c: c.index, default=None)
    right = min((c for c in months if c.index > index), key=lambda c: c.index, default=None)
    fits = any(
        neighbour is not None and neighbour.month is not None and neighbour.month.shift(step) == month
        for neighbour, step in ((left, 1), (left, -1), (right, -1), (right, 1))
    )
    taken = any(c.month == month for c in months)
    written = f"{date.day} {month.long_label}"
    if fits and not taken:
        column = Column(Role.MONTH, index, header, month=month, read_as="date")
        return column, Finding(Severity.INFO, f"read {header!r} as {month.long_label}: read day first it is "
                                              f"{written}, and it sits among the months", region.where(index))
    return None, Finding(
        Severity.WARNING,
        f"column {column_letter(index)} ({header!r}) is a date, {written} read day first, not a month, and the "
        f"months either side do not show which month it is for, so the column was not read; write the month "
        f"like {month.label}",
        region.where(index),
    )


def _sequence(region: _Region, months: list[Column], unread: set[int]) -> list[Finding]:
    """Months out of order, a lone year typo, and a month missing between two columns of figures."""
    columns = sorted((c for c in months if c.month is not None and _names_one_month(c)), key=lambda c: c.index)
    if len(columns) < 2:
        return []
    seq: list[Month] = [c.month for c in columns if c.month is not None]
    steps = [_months_between(a, b) for a, b in pairwise(seq)]
    direction = 1 if sum(s > 0 for s in steps) >= sum(s < 0 for s in steps) else -1
    findings: list[Finding] = []
    effective = list(seq)
    counts = Counter(seq)
    misplaced: set[int] = set()
    for i, column in enumerate(columns):
        expected = _expected(seq, i, direction)
        month = seq[i]
        if expected is None or month == expected or counts[month] > 1:
            continue  # a repeated month already has its own warning
        around = columns[max(i - 1, 0)].index, columns[min(i + 1, len(columns) - 1)].index
        if any(around[0] < u < around[1] for u in unread):
            continue  # an unreadable month beside it, already named, may be the one out of place
        if (i == 0 or i == len(columns) - 1) and month.month != expected.month:
            continue  # at the end of the run a different month is a gap, looked at below, not a slip
        misplaced.add(i)
        effective[i] = expected
        findings.append(_misplaced(region, column, month, expected, columns, i))
    sizes = Counter(abs(_months_between(a, b)) for a, b in pairwise(effective) if a != b)
    regular = sizes.most_common(1)[0][0] == 1 if sizes else True
    previous = 0
    for j in range(1, len(columns)):
        step = _months_between(effective[previous], effective[j]) * direction
        if step == 0:
            continue
        if step < 0:
            if j not in misplaced:
                findings.append(_out_of_order(region, columns[j], columns[previous]))
            continue
        if step > 1 and regular and not any(columns[previous].index < u < columns[j].index for u in unread):
            gap = _missing_month(region, columns[previous], columns[j], effective[previous], effective[j], direction)
            if gap is not None:
                findings.append(gap)
        previous = j
    return findings


def _names_one_month(column: Column) -> bool:
    """Whether the header is written as a single month (``Apr-19``, a date, ``2019-04``): columns for a
    quarter, a term or a year, stored at their last month, follow a sequence of their own."""
    return bool(column.read_as) or bool(_ONE_MONTH_RE.match(column.header.strip()))


def _months_between(first: Month, second: Month) -> int:
    return (second.year - first.year) * 12 + second.month - first.month


def _expected(seq: list[Month], i: int, direction: int) -> Month | None:
    """The month a column's place implies: between two months a step apart either side, or after (before) a run."""
    n = len(seq)
    if 0 < i < n - 1 and _months_between(seq[i - 1], seq[i + 1]) == 2 * direction:
        return seq[i - 1].shift(direction)
    if i == n - 1 and i >= 2 and _months_between(seq[i - 2], seq[i - 1]) == direction:
        return seq[i - 1].shift(direction)
    if i == 0 and n >= 3 and _months_between(seq[1], seq[2]) == direction:
        return seq[1].shift(-direction)
    return None


def _misplaced(
    region: _Region, column: Column, month: Month, expected: Month, columns: list[Column], i: int
) -> Finding:
    neighbours = [(c.month, c.index) for c in (columns[i - 1] if i > 0 else None,
                                               columns[i + 1] if i + 1 < len(columns) else None)
                  if c is not None and c.month is not None]
    place = " and ".join(f"{near.label} (column {column_letter(index)})" for near, index in neighbours)
    where = f"between {place}" if len(neighbours) == 2 else f"next to {place}"
    letter = column_letter(column.index)
    if month.month == expected.month:
        return Finding(
            Severity.WARNING,
            f"column {letter} ({column.header!r}) was read as {month.long_label}, but it sits {where}: it looks like "
            f"it should be {expected.label}. Correct the year in the header; until then its figures count as "
            f"{month.long_label}'s",
            region.where(column.index),
        )
    return Finding(
        Severity.WARNING,
        f"column {letter} ({column.header!r}) is out of sequence: it was read as {month.long_label}, but it sits "
        f"{where}, where {expected.label} would be. Check the header; its figures count as {month.long_label}'s",
        region.where(column.index),
    )


def _out_of_order(region: _Region, column: Column, before: Column) -> Finding:
    assert column.month is not None and before.month is not None
    return Finding(
        Severity.WARNING,
        f"column {column_letter(column.index)} ({column.header!r}) is out of sequence: {column.month.label} comes "
        f"after {before.month.label} (column {column_letter(before.index)}). Check the header; its figures count as "
        f"{column.month.long_label}'s",
        region.where(column.index),
    )


def _missing_month(
    region: _Region, before: Column, after: Column, first: Month, last: Month, direction: int
) -> Finding | None:
    if region.first_figure(before.index) is None or region.first_figure(after.index) is None:
        return None
    gap = abs(_months_between(first, last)) - 1
    missing = first.shift(direction)
    named = missing.label if gap == 1 else f"{missing.label} to {last.shift(-direction).label}"
    return Finding(
        Severity.WARNING,
        f"there is no column for {named} between {before.header!r} (column {column_letter(before.index)}) and "
        f"{after.header!r} (column {column_letter(after.index)}), though both hold figures; add the missing "
        "month, or correct a mistyped header",
        region.where(after.index),
    )


def _future(region: _Region, months: list[Column], today: Month) -> list[Finding]:
    ahead = []
    for column in sorted(months, key=lambda c: c.index):
        if column.month is not None and column.month > today:
            row = region.first_figure(column.index)
            if row is not None:
                ahead.append((column, row))
    if not ahead:
        return []
    column, row = ahead[0]
    assert column.month is not None
    more = len(ahead) - 1
    others = f", as do {more} later month column{'s' if more > 1 else ''}" if more else ""
    return [Finding(
        Severity.WARNING,
        f"column {column_letter(column.index)} ({column.header!r}) is for {column.month.long_label}, after this "
        f"month ({today.long_label}), yet holds figures ({column_letter(column.index)}{row}){others}, so the report "
        "would be for a month that has not happened; check the header's year, or move figures typed in the wrong "
        "column",
        region.where(column.index),
    )]


def _headless_column(region: _Region, index: int) -> list[Finding]:
    """A column inside the table with no header: a deleted header takes its column out with no other sign."""
    found = region.first_value(index)
    if found is None:
        return []
    row_number, value = found
    letter = column_letter(index)
    shown = " ".join(str(value).split())[:40]
    kind = _looks_like(value)
    if kind is None:
        return [Finding(Severity.INFO, f"column {letter} has no header, so its cells ({letter}{row_number} "
                                       f"{shown!r}) were not used", region.where(index))]
    return [Finding(
        Severity.WARNING,
        f"column {letter} has no header but holds what look like {kind[0]} ({letter}{row_number} {shown!r}), which "
        f"were not read; head the column {kind[1]}",
        region.where(index),
    )]


def _looks_like(value: object) -> tuple[str, str] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, dt.date)):
        return "figures", "with its month (such as Apr-19), YTD or the threshold it holds"
    text = " ".join(str(value).lower().split())
    if parse_polarity(text) is not None and text not in ("-", "n/a"):
        return "polarities", "'Polarity'"
    if parse_unit(text) is not None:
        return "units", "'Unit'"
    if any(word in text for word in TIMELINE_WORDS):
        return "timelines", "'Timeline'"
    if parse_officer_rag(text) is not None:
        return "RAG ratings", "'RAG'"
    if any(mark in text for mark in ("%", "<", ">", "≥", "≤")) or text.endswith("+"):
        return "thresholds", "'Red', 'Amber' or 'Green' as the thresholds are"
    return None
