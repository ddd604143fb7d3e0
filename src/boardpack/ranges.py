"""Thresholds read as the ranges where each colour applies, resolved into the cuts the rules test.

Officers write a colour's threshold in two ways: as the level that earns it (``87%+`` amber on a high-is-good
measure: amber or better from 87%) or as the range where the colour applies (``8%+`` amber beside ``16%+`` red
on a low-is-good measure: amber from 8% to under 16%). Both are read here as ranges: a figure takes the colour
of the range it falls in, and where it falls in more than one the innermost wins, the one whose boundary is
nearest the figure (so ``16%+`` red beats ``8%+`` amber for 17%, and ``92%+`` green beats ``84%+`` amber for 95%).

Figures in no range take the colour left blank ("what is neither red nor amber is green"); where every colour
is written, a figure between ranges takes the worse colour either side, and the caller says so. The result
must agree with the polarity: better figures never get a worse colour (a green band on a high or low measure
may have worse colours on both sides, as caseloads do). Then each colour's "this colour or better" region is
one interval, which a single cut threshold (``>=``, ``<``, a band) expresses: the form ``rules.rag_for`` and
the Excel formula already test, green first, then amber, else red.

All of this is worked out once per distinct set of ranges and cached: trackers repeat their thresholds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from boardpack.model import COMPARISON_PLACES, Comparison, Polarity, Rag, Threshold, stored_through_slots

INFINITY = math.inf
_RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


@dataclass(frozen=True, slots=True)
class Span:
    """An interval of figures; an infinite end is open."""

    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = True

    def holds(self, figure: float) -> bool:
        low, high = self.low, self.high
        return ((figure > low or (self.low_closed and figure == low))
                and (figure < high or (self.high_closed and figure == high)))

    def inside(self, other: Span) -> bool:
        """Whether every figure in this span is in ``other``."""
        low_ok = self.low > other.low or (self.low == other.low and (other.low_closed or not self.low_closed))
        high_ok = self.high < other.high or (self.high == other.high and (other.high_closed or not self.high_closed))
        return low_ok and high_ok

    def edge_distance(self, figure: float) -> float:
        return min(abs(figure - self.low), abs(self.high - figure))

    @property
    def ends(self) -> tuple[float, ...]:
        return tuple(end for end in (self.low, self.high) if math.isfinite(end))


def span_of(threshold: Threshold) -> Span:
    """The figures a threshold covers, its bounds rounded as ``Threshold.test`` rounds them."""
    value = round(threshold.value, COMPARISON_PLACES)
    match threshold.comparison:
        case Comparison.AT_LEAST:
            return Span(value, INFINITY, True, False)
        case Comparison.MORE_THAN:
            return Span(value, INFINITY, False, False)
        case Comparison.AT_MOST:
            return Span(-INFINITY, value, False, True)
        case Comparison.LESS_THAN:
            return Span(-INFINITY, value, False, False)
        case Comparison.BETWEEN:
            assert threshold.upper is not None
            return Span(value, round(threshold.upper, COMPARISON_PLACES))
    raise AssertionError(threshold.comparison)


class Fault(str, Enum):
    """Why written ranges give no rating consistent with the polarity."""

    WRONG_WAY = "rate a better figure worse than a poorer one"
    ONE_COLOUR = "rate every figure the same colour"
    SPLIT = "give one colour to figures on both sides of another colour"
    NO_GREEN = "leave no figure green"
    OPEN_BAND = "make a band with an end left out, which one threshold cannot hold"


@dataclass(frozen=True, slots=True)
class Gap:
    """Figures that fall in none of the written ranges, and the colour they were given."""

    span: Span
    rag: Rag


@dataclass(frozen=True, slots=True)
class Cuts:
    """The resolved rating: the "green" and "amber or better" regions as cut thresholds (without text), the
    red region as one for a red/green measure with only a red threshold, and the gaps."""

    green: Threshold | None
    amber: Threshold | None
    red: Threshold | None
    gaps: tuple[Gap, ...] = ()


stored_through_slots(Span, Gap, Cuts)  # made for every distinct set of thresholds


class _Piece(NamedTuple):
    """A point or an open stretch between two adjacent boundaries: the ranges' colours are constant on it.
    (A tuple: a reading makes a dozen, and a tracker's rows rarely share one.)"""

    at: float  # a figure inside it
    low: float
    high: float
    point: bool


def resolve(polarity: Polarity, red: tuple[Span, ...], amber: tuple[Span, ...], green: tuple[Span, ...],
            green_band: bool) -> Cuts | Fault:
    """The cut thresholds that rate as the written ranges do, or why no rating consistent with the polarity
    exists. ``green_band``: green was written as a band, which may have worse colours on both sides."""
    return _resolve(polarity, red, amber, green, green_band)


@lru_cache(maxsize=4096)
def _resolve(polarity: Polarity, red: tuple[Span, ...], amber: tuple[Span, ...], green: tuple[Span, ...],
             green_band: bool) -> Cuts | Fault:
    written = ((Rag.GREEN, green), (Rag.AMBER, amber), (Rag.RED, red))
    pieces = _pieces(written)
    colours = [_colour_at(piece.at, written) for piece in pieces]
    blank = Rag.RED if not red else Rag.GREEN if not green else None
    read = _reading(polarity, pieces, colours, blank, bool(red), green_band)
    if isinstance(read, Fault):
        return read
    reading, gaps = read
    ranks = [_RANK[colour] for colour in reading]
    if not green and not amber:
        # Only a red threshold: red where it applies and green elsewhere, tested as the red region.
        red_cut = _cut(pieces, [2 - value for value in ranks], 2)
        if not isinstance(red_cut, Threshold):
            return Fault.OPEN_BAND
        return Cuts(None, None, red_cut, tuple(gaps))
    green_cut = _cut(pieces, ranks, 2)
    amber_cut = _cut(pieces, ranks, 1) if amber else None
    if green_cut is None and green:
        return Fault.NO_GREEN
    if isinstance(green_cut, Fault) or isinstance(amber_cut, Fault):
        return Fault.OPEN_BAND
    return Cuts(green_cut, amber_cut, None, tuple(gaps))


def _reading(polarity: Polarity, pieces: list[_Piece], colours: list[Rag | None], blank: Rag | None,
             red_written: bool, green_band: bool) -> tuple[list[Rag], list[Gap]] | Fault:
    """The colour of each piece and the gaps left between ranges, or why the ranges cannot be rated."""
    fault: Fault | None = None
    if blank is not None:
        # What no written range covers takes the colour left blank: neither red nor amber is green.
        reading = [colour or blank for colour in colours]
        fault = _fault(polarity, reading, green_band)
        if fault is None:
            return reading, []
    reading, gaps = _between(polarity, pieces, colours, red_written=red_written)
    second = _fault(polarity, reading, green_band)
    if second is None:
        return reading, gaps
    # When both readings fail, the first (the one the officer most likely meant) explains why.
    return fault or second


def _pieces(written: tuple[tuple[Rag, tuple[Span, ...]], ...]) -> list[_Piece]:
    spans = [(rag, span) for rag, group in written for span in group]
    points = {end for _, span in spans for end in (span.low, span.high) if math.isfinite(end)}
    # Where two ranges overlap without one holding the other, which is nearer changes half-way between
    # their boundaries, so those half-way points are boundaries too.
    for index, (rag, span) in enumerate(spans):
        for other_rag, other in spans[index + 1:]:
            if rag is other_rag or span.inside(other) or other.inside(span) or not _overlap(span, other):
                continue
            points.update((a + b) / 2 for a in span.ends for b in other.ends)
    ordered = sorted(points)
    if not ordered:
        return [_Piece(0.0, -INFINITY, INFINITY, False)]
    first, last = ordered[0], ordered[-1]
    pieces = [_Piece(first - max(1.0, abs(first)), -INFINITY, first, False)]
    for low, high in pairwise(ordered):
        pieces.append(_Piece(low, low, low, True))
        middle = (low + high) / 2
        if low < middle < high:
            pieces.append(_Piece(middle, low, high, False))
    pieces.append(_Piece(last, last, last, True))
    pieces.append(_Piece(last + max(1.0, abs(last)), last, INFINITY, False))
    return pieces


def _overlap(one: Span, other: Span) -> bool:
    low = max(one.low, other.low)
    high = min(one.high, other.high)
    return low < high or (low == high and one.holds(low) and other.holds(low))


def _colour_at(figure: float, written: tuple[tuple[Rag, tuple[Span, ...]], ...]) -> Rag | None:
    """The innermost range holding the figure: nearest boundary, then the one inside the other, then the
    better colour (two ranges written alike, as green and amber both ``90%+``, give green, as they always have)."""
    best: tuple[float, Span, Rag] | None = None
    for rag, group in written:
        for span in group:
            low, high = span.low, span.high
            # ``span.holds(figure)`` and ``span.edge_distance(figure)``, written out: a reading asks a dozen
            # figures of every span.
            if not ((figure > low or (span.low_closed and figure == low))
                    and (figure < high or (span.high_closed and figure == high))):
                continue
            distance = min(abs(figure - low), abs(high - figure))
            if best is None or distance < best[0] or (
                distance == best[0] and span.inside(best[1]) and not best[1].inside(span)
            ):
                best = (distance, span, rag)
    return best[2] if best else None


def _between(polarity: Polarity, pieces: list[_Piece], colours: list[Rag | None],
             red_written: bool) -> tuple[list[Rag], list[Gap]]:
    """A stretch between ranges takes the worse colour either side; one beyond every range takes red at the
    bad end and its neighbour's colour at the good end. Each is a gap the officer may not have meant, except
    red at the bad end when no red threshold was written (what meets no threshold is red)."""
    reading: list[Rag] = []
    gaps: list[Gap] = []
    index = 0
    while index < len(pieces):
        colour = colours[index]
        if colour is not None:
            reading.append(colour)
            index += 1
            continue
        end = index
        while end < len(pieces) and colours[end] is None:
            end += 1
        before = colours[index - 1] if index > 0 else None
        after = colours[end] if end < len(pieces) else None
        if before is not None and after is not None:
            fill = min(before, after, key=_RANK.__getitem__)
        elif (neighbour := before or after) is None:
            fill = Rag.RED
        else:
            good_end = (after is None and polarity is Polarity.HIGH) or (before is None and polarity is Polarity.LOW)
            fill = neighbour if good_end else Rag.RED
            if not good_end and not red_written:
                reading.extend([fill] * (end - index))
                index = end
                continue
        gaps.append(Gap(_span(pieces[index:end]), fill))
        reading.extend([fill] * (end - index))
        index = end
    return reading, gaps


def _span(pieces: list[_Piece]) -> Span:
    first, last = pieces[0], pieces[-1]
    return Span(first.low, last.high, first.point, last.point)


def _fault(polarity: Polarity, reading: list[Rag], green_band: bool) -> Fault | None:
    ranks = [_RANK[colour] for colour in reading]
    if len(set(ranks)) < 2:
        return Fault.ONE_COLOUR
    fell = False
    rising = falling = True
    for before, after in pairwise(ranks):
        if after < before:
            fell, rising = True, False
        elif after > before:
            if fell:
                return Fault.SPLIT
            falling = False
    if polarity is Polarity.HIGH and not rising and not (green_band and ranks[-1] >= ranks[0]):
        return Fault.WRONG_WAY
    if polarity is Polarity.LOW and not falling and not (green_band and ranks[0] >= ranks[-1]):
        return Fault.WRONG_WAY
    return None


def _cut(pieces: list[_Piece], ranks: list[int], rank: int) -> Threshold | Fault | None:
    """The threshold met exactly by the figures rated ``rank`` or better (one interval, the reading being
    unimodal), or None when there are none."""
    chosen = [index for index, value in enumerate(ranks) if value >= rank]
    if not chosen:
        return None
    # The span from the first chosen piece to the last, as ``_span`` gives it, without making it.
    first, last = pieces[chosen[0]], pieces[chosen[-1]]
    return _threshold(first.low, last.high, first.point, last.point)


def _threshold(low: float, high: float, low_closed: bool, high_closed: bool) -> Threshold | Fault:
    """The cut threshold holding exactly the figures of a span with these ends."""
    low_open, high_open = math.isinf(low), math.isinf(high)
    if low_open and high_open:
        return Threshold(Comparison.AT_LEAST, -INFINITY)
    if low_open:
        return Threshold(Comparison.AT_MOST if high_closed else Comparison.LESS_THAN, high)
    if high_open:
        return Threshold(Comparison.AT_LEAST if low_closed else Comparison.MORE_THAN, low)
    if not (low_closed and high_closed):
        return Fault.OPEN_BAND
    return Threshold(Comparison.BETWEEN, low, high)
