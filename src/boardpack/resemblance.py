"""Headers that are nearly ones boardpack knows: a qualifier added, a shortening, a slip of the keyboard.

Officers rename columns a little (``Polarity (High/Low)``, ``Tgt``, ``Polarty``) and a column that silently
drops out takes every RAG with it. A header that unmistakably names one column is read as it, and the
finding says so; one that could be two columns, or only faintly resembles one, is not read, and the finding
says what it looks like. Only header cells come here, never figure cells.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from boardpack.headers import (
    ABBREVIATIONS,
    CANONICAL_HEADERS,
    FREQUENCY_QUALIFIERS,
    Column,
    Role,
    alias_keys,
    alias_role,
    classify,
    normalise_header,
)
from boardpack.model import MONTH_ABBREVIATIONS, MONTH_NAMES, Month

# Misspellings are looked for only among the columns that decide a figure's meaning or its RAG.
_SPELLING_ROLES = frozenset({
    Role.REF, Role.INDICATOR, Role.SECTION, Role.TIMELINE, Role.FREQUENCY, Role.UNIT, Role.POLARITY, Role.YTD, Role.RED,
    Role.AMBER, Role.GREEN, Role.TARGET,
})
# A target is the green threshold, so "Target (green)" names one column, not two.
_SAME_COLUMN = {Role.TARGET: Role.GREEN}
_BRACKETS_RE = re.compile(r"[(\[]([^)\]]*)[)\]]")
_YEAR = r"(?:(?:fy\s*)?\d{2,4}\s*[/-]\s*\d{2,4}|\d{4})"
_EDGE_YEAR_RE = re.compile(rf"^{_YEAR}\s+|\s+{_YEAR}$", re.IGNORECASE)
_EDGE_MARKS_RE = re.compile(r"^[^0-9A-Za-z(\[]+|[^0-9A-Za-z)\]]+$")
_PARTS_RE = re.compile(r"\s*(?:/|&|\+|\band\b)\s*", re.IGNORECASE)
_MONTH_LIKE_RE = re.compile(r"^([a-z]{3,9})[\s\-'/.]*(\d{2}|\d{4})$")
_UK_DATE_RE = re.compile(r"^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})$")
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_EXCEL_ERRORS = frozenset({"#ref!", "#n/a", "#value!", "#div/0!", "#name?", "#num!", "#null!", "#spill!"})
_MONTH_SPELLINGS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_ABBREVIATIONS, start=1)},
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}


@dataclass(frozen=True)
class Resemblance:
    """What a header looks like. ``column`` is set when it was read as that column."""

    header: str
    roles: tuple[Role, ...]
    how: str
    column: Column | None = None

    @property
    def suggestion(self) -> str:
        return " or ".join(repr(CANONICAL_HEADERS.get(role, role.value)) for role in self.roles)

    @property
    def described(self) -> str:
        """``a polarity column``, ``an amber or green column``."""
        words = " or ".join(role.value for role in self.roles)
        return f"{'an' if words[0] in 'aeiou' else 'a'} {words} column"


def resemble(header: str, index: int) -> Resemblance | None:
    """How a header that ``classify`` does not know resembles one it does, or None when it resembles none."""
    found = _resemble(" ".join(header.split()))
    if found is None or found.column is None or index == 0:
        return found
    return replace(found, column=replace(found.column, index=index))


@lru_cache(maxsize=4096)
def _resemble(header: str) -> Resemblance | None:
    # Cached by text: every sheet of a tracker repeats its title rows and headers.
    index = 0
    if not header or header.lower() in _EXCEL_ERRORS:
        return None
    date = uk_date(header)
    if date is not None:
        month = Month(date.year, date.month)
        # A day-first date of the 1st is a month; any other day is read only from its place among the months.
        column = Column(Role.MONTH, index, header, month=month, read_as="date") if date.day == 1 else None
        return Resemblance(header, (Role.MONTH,), "date", column)
    if misspelt_month(header):
        return Resemblance(header, (Role.MONTH,), "month")
    for base, qualifiers in _without_qualifiers(header):
        column = classify(base, index)
        if column is None:
            continue
        clashing = _clashing_roles(column.role, qualifiers)
        if clashing:
            return Resemblance(header, (column.role, *clashing), "ambiguous")
        role = column.role
        if role is Role.UNIT and any(normalise_header(q) in FREQUENCY_QUALIFIERS for q in qualifiers):
            role = Role.TIMELINE
        read = replace(column, role=role, header=header, read_as=column.read_as or "qualifier")
        return Resemblance(header, (role,), read.read_as, read)
    key = normalise_header(header)
    if key in ABBREVIATIONS:
        role = ABBREVIATIONS[key]
        return Resemblance(header, (role,), "abbreviation", Column(role, index, header, read_as="abbreviation"))
    roles = _roles_of_parts(header)
    if roles:
        return Resemblance(header, roles, "ambiguous" if len(roles) > 1 else "weak")
    return _misspelling(header, key, index)


def _without_qualifiers(header: str) -> list[tuple[str, tuple[str, ...]]]:
    """The header with bracketed qualifiers and stray marks taken off, then also a year at either end."""
    qualifiers = tuple(q.strip() for q in _BRACKETS_RE.findall(header) if q.strip())
    bare = _EDGE_MARKS_RE.sub("", " ".join(_BRACKETS_RE.sub(" ", header).split()))
    found = []
    if bare and bare != header:
        found.append((bare, qualifiers))
    undated = _EDGE_YEAR_RE.sub("", bare).strip()
    if undated and undated != bare and not _MONTH_LIKE_RE.match(bare.lower()):
        found.append((undated, qualifiers))
    return found


def _clashing_roles(role: Role, qualifiers: tuple[str, ...]) -> tuple[Role, ...]:
    """Roles named by a qualifier that are a different column from ``role`` (``Target (red)``)."""
    clashing = []
    for qualifier in qualifiers:
        other = alias_role(normalise_header(qualifier))
        if other is None or other is role or _SAME_COLUMN.get(other) is role or _SAME_COLUMN.get(role) is other:
            continue
        clashing.append(other)
    return tuple(dict.fromkeys(clashing))


def _roles_of_parts(header: str) -> tuple[Role, ...]:
    """Columns named by the parts of a joined header such as ``Amber/Green`` or ``Target & tolerance``."""
    parts = [normalise_header(part) for part in _PARTS_RE.split(header)]
    if len(parts) < 2:
        return ()
    roles = []
    for part in parts:
        if len(part) < 3:
            continue
        role = alias_role(part) or ABBREVIATIONS.get(part)
        if role is not None:
            roles.append(role)
    return tuple(dict.fromkeys(roles))


def _misspelling(header: str, key: str, index: int) -> Resemblance | None:
    """A header a keystroke or two from a known spelling: read when only one column is that close."""
    if len(key) >= 4 and key.endswith("s") and alias_role(key[:-1]) is not None:
        role = alias_role(key[:-1])
        assert role is not None
        return Resemblance(header, (role,), "plural", Column(role, index, header, read_as="plural"))
    if len(key) < 4:
        return None
    nearest: dict[Role, tuple[int, bool]] = {}
    for alias, role in _spelling_keys().get(len(key), ()):
        shortest = min(len(alias), len(key))
        strong = _strong_limit(shortest)
        # One slip more is only a faint likeness, and only worth a word when the word starts the same and
        # is long enough for the slips to be a small part of it ("Polrty", not "Priority" or "Action").
        faint = shortest >= 6 and key[0] == alias[0]
        limit = strong + 1 if faint else strong
        distance = edit_distance(key, alias, limit)
        if distance > strong and distance * 4 > len(alias):
            continue
        if distance <= limit and distance < nearest.get(role, (limit + 1, False))[0]:
            nearest[role] = (distance, distance <= strong)
    if not nearest:
        return None
    closest = min(distance for distance, _ in nearest.values())
    roles = tuple(role for role, (distance, _) in nearest.items() if distance == closest)
    if len(roles) > 1:
        return Resemblance(header, roles, "ambiguous")
    if not nearest[roles[0]][1]:
        return Resemblance(header, roles, "weak")
    return Resemblance(header, roles, "spelling", Column(roles[0], index, header, read_as="spelling"))


def _strong_limit(length: int) -> int:
    """How many slips still make a header unmistakable: one, and none in a word too short to tell apart."""
    # Two slips would take "Timeliness" for "Timeline": a different thing, not a misspelling.
    return 0 if length < 4 else 1


@lru_cache(maxsize=1)
def _spelling_keys() -> dict[int, tuple[tuple[str, Role], ...]]:
    """The spellings to compare a header with, by the header's length: only those within two letters of it."""
    keys = {**alias_keys(), **ABBREVIATIONS}
    usable = [(key, role) for key, role in keys.items() if role in _SPELLING_ROLES and len(key) >= 4]
    longest = max(len(key) for key, _ in usable) + 2
    return {length: tuple((k, r) for k, r in usable if abs(len(k) - length) <= 2) for length in range(4, longest + 1)}


def edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one slip), or ``limit + 1`` beyond it."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def misspelt_month(value: object) -> tuple[Month, ...]:
    """The months a header such as ``Jnu-26``, ``Spet-23`` or ``Mya 24`` was probably meant to be.

    Empty when the header is not month-shaped or is a month ``parse_month`` reads.
    """
    if not isinstance(value, str):
        return ()
    match = _MONTH_LIKE_RE.match(" ".join(value.strip().lower().split()))
    if match is None:
        return ()
    word, year_text = match.group(1), match.group(2)
    if word in _MONTH_SPELLINGS:
        return ()
    limit = 1 if len(word) <= 5 else 2
    distances = {spelling: edit_distance(word, spelling, limit) for spelling in _MONTH_SPELLINGS}
    nearest = min(distances.values())
    if nearest > limit:
        return ()
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    numbers = sorted({_MONTH_SPELLINGS[s] for s, d in distances.items() if d == nearest})
    return tuple(Month(year, number) for number in numbers)


def uk_date(value: object) -> dt.date | None:
    """A date written as text, day first as in the UK (``01/06/2026``, ``1.6.26``) or ISO (``2026-06-01``)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := _UK_DATE_RE.match(text):
        day, month, year_text = int(match.group(1)), int(match.group(3)), match.group(4)
        year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    elif match := _ISO_DATE_RE.match(text):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
