"""One indicator's thresholds as its tracker row writes them (Red, Amber, Green or Target, Tolerance, Floor,
lower and upper targets), read into the cut thresholds the rules test, each keeping the officer's text.

Pure: cells in, thresholds and findings out. ``ranges`` decides the colours; this module turns the columns a
council keeps into the ranges it resolves, and explains in words when they cannot be rated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeGuard

from boardpack.model import CellRef, Comparison, Polarity, Severity, Threshold, Thresholds, stored_through_slots
from boardpack.ranges import INFINITY, Cuts, Fault, Gap, Span, resolve, span_of
from boardpack.thresholds import (
    Beyond,
    ThresholdSyntaxError,
    Tolerance,
    check_against_polarity,
    parse_beyond,
    parse_threshold,
    parse_tolerance,
)


@dataclass(frozen=True, slots=True)
class Written:
    """One threshold cell as the tracker holds it."""

    raw: object
    source: CellRef | None = None
    percent_format: bool = False


@dataclass(frozen=True, slots=True)
class WrittenThresholds:
    red: Written | None = None
    amber: Written | None = None
    green: Written | None = None
    tolerance: Written | None = None
    lower: Written | None = None
    upper: Written | None = None


@dataclass(frozen=True, slots=True)
class ThresholdFinding:
    """``about_indicator``: the message needs the indicator's ref in front (a cell's own grammar error does not)."""

    severity: Severity
    message: str
    sources: tuple[CellRef, ...] = ()
    about_indicator: bool = True


@dataclass(frozen=True, slots=True)
class Reading:
    thresholds: Thresholds
    findings: tuple[ThresholdFinding, ...] = ()
    gaps: tuple[Gap, ...] = ()
    sources: tuple[CellRef, ...] = ()  # every threshold cell, where there are gaps to report


stored_through_slots(Written, WrittenThresholds, ThresholdFinding, Reading)  # made for every row read
_Written = Threshold | Beyond | None


class _Notes(list[ThresholdFinding]):
    def add(self, severity: Severity, message: str, *sources: CellRef | None, about_indicator: bool = True) -> None:
        self.append(ThresholdFinding(severity, message, tuple(s for s in sources if s is not None), about_indicator))


_ROLES = ("red", "amber", "green", "tolerance", "lower", "upper")
# Stand-ins for the cells while a row's thresholds are read, so one reading serves every row written alike.
_PLACEHOLDERS = {role: CellRef("", "", f"<{role}>") for role in _ROLES}


def read_thresholds(written: WrittenThresholds, polarity: Polarity, *, percent_unit: bool,
                    profiled: bool = False) -> Reading:
    """The thresholds ``rules.rag_for`` tests for one indicator (or one month of a profiled target).

    ``profiled``: the row has targets month by month, so a tolerance with no year's target is not an oversight.
    """
    cells = (written.red, written.amber, written.green, written.tolerance, written.lower, written.upper)
    # The type too: True and 1 are equal keys, but not the same threshold.
    key = tuple([None if cell is None else (type(cell.raw), cell.raw, cell.percent_format) for cell in cells])
    try:
        template = _template(polarity, percent_unit, profiled, key)
    except TypeError:  # a cell value that cannot be a cache key
        template = _template.__wrapped__(polarity, percent_unit, profiled, key)
    places = {_PLACEHOLDERS[role]: cell.source for role, cell in zip(_ROLES, cells, strict=True) if cell is not None}
    return _attach(template, places)


@lru_cache(maxsize=8192)
def _template(polarity: Polarity, percent_unit: bool, profiled: bool,
              key: tuple[tuple[type, object, bool] | None, ...]) -> Reading:
    """The reading of cells written alike, with stand-ins for their places: trackers repeat their thresholds."""
    written = WrittenThresholds(*(
        None if cell is None else Written(cell[1], _PLACEHOLDERS[role], cell[2])
        for role, cell in zip(_ROLES, key, strict=True)
    ))
    return _read(written, polarity, percent_unit, profiled)


def _attach(template: Reading, places: dict[CellRef, CellRef | None]) -> Reading:
    thresholds = template.thresholds
    findings = tuple(
        ThresholdFinding(f.severity, f.message, _placed(f.sources, places), f.about_indicator)
        for f in template.findings
    ) if template.findings else ()
    return Reading(Thresholds(*[_placed_threshold(threshold, places)
                                for threshold in (thresholds.red, thresholds.amber, thresholds.green)]),
                   findings, template.gaps, _placed(template.sources, places) if template.gaps else ())


def _placed_threshold(threshold: Threshold | None, places: dict[CellRef, CellRef | None]) -> Threshold | None:
    if threshold is None or threshold.source is None:
        return threshold
    return Threshold(threshold.comparison, threshold.value, threshold.upper, threshold.text,
                     places.get(threshold.source))


def _placed(sources: tuple[CellRef, ...], places: dict[CellRef, CellRef | None]) -> tuple[CellRef, ...]:
    return tuple(cell for cell in (places.get(source) for source in sources) if cell is not None)


def _read(written: WrittenThresholds, polarity: Polarity, percent_unit: bool, profiled: bool) -> Reading:
    notes = _Notes()
    red = _parse(written.red, "red", polarity, percent_unit, notes)
    amber = _parse(written.amber, "amber", polarity, percent_unit, notes)
    green = _parse(written.green, "green", polarity, percent_unit, notes)
    green, amber = _lower_and_upper(written, polarity, green, amber, percent_unit, notes)
    tolerance = _tolerance(written.tolerance, percent_unit, notes)
    cells = tuple([c.source for c in (written.red, written.amber, written.green, written.tolerance, written.lower,
                                      written.upper) if c is not None and c.source is not None])
    as_written = Thresholds(*[t if isinstance(t, Threshold) else None for t in (red, amber, green)])
    if polarity is Polarity.INFO:
        if red or amber or green or tolerance:
            notes.add(Severity.INFO, "it is an Info measure, so its thresholds give no RAG", *cells[:1])
        return Reading(as_written, tuple(notes), sources=cells)
    if not (red or amber or green):
        if tolerance is not None and not profiled:
            notes.add(Severity.WARNING, f"it has a tolerance ({tolerance.text!r}) but no target to measure it from, "
                      "so it has no RAG; write the target", tolerance.source)
        return Reading(as_written, tuple(notes), sources=cells)

    band = green if isinstance(green, Threshold) and green.comparison is Comparison.BETWEEN else None
    if polarity is Polarity.WITHIN and band is None:
        notes.add(Severity.ERROR, "it is a Within limits measure, so its green threshold must be the range to "
                  "stay in, written as a band like 14-20 (or give Lower and Upper target columns)",
                  *(_source(t) for t in (green, amber, red)))
        return Reading(as_written, tuple(notes), sources=cells)

    amber_origin: Threshold | Beyond | Tolerance | None = amber
    if tolerance is not None:
        if amber is not None:
            notes.add(Severity.WARNING, f"it has both an amber threshold ({_text(amber)!r}) and a tolerance "
                      f"({tolerance.text!r}); the amber threshold was used", tolerance.source)
        elif green is None:
            notes.add(Severity.WARNING, f"it has a tolerance ({tolerance.text!r}) but no target to measure it from, "
                      "so the tolerance was not used; write the target", tolerance.source)
        else:
            amber_origin = tolerance
            notes.add(Severity.INFO, f"tolerance {tolerance.text!r} was read as {tolerance.reading}: amber runs "
                      "that far from the target on its bad side, and red beyond", tolerance.source)

    green_span = span_of(green) if isinstance(green, Threshold) else None
    beyond_sides = {t.side for t in (red, amber) if isinstance(t, Beyond)}
    if beyond_sides and band is None:
        first = next(t for t in (red, amber) if isinstance(t, Beyond))
        notes.add(Severity.ERROR, f"the threshold {first.text!r} is a distance from a range, so the green "
                  "threshold must be that range, written as a band like 14-20", first.source)
        return Reading(as_written, tuple(notes), sources=cells)
    mirror = polarity is Polarity.WITHIN and len(beyond_sides) == 1 and "outside" not in beyond_sides
    if mirror:
        side = next(iter(beyond_sides))
        other = "below" if side == "above" else "above"
        notes.add(Severity.INFO, f"its amber and red thresholds are written only {side} the range, so the same "
                  f"distances were taken {other} it; write them as 'N {other} range' to set them otherwise",
                  *(_source(t) for t in (amber, red)))

    red_spans = _spans(red, green_span, polarity, mirror)
    amber_spans = _spans(amber_origin, green_span, polarity, mirror)
    cuts = resolve(polarity, red_spans, amber_spans, (green_span,) if green_span is not None else (), band is not None)
    if isinstance(cuts, Fault):
        _explain(cuts, polarity, as_written, (red, amber_origin, green), notes)
        return Reading(as_written, tuple(notes), sources=cells)
    thresholds = _keep_text(cuts, red, amber_origin, green)
    return Reading(thresholds, tuple(notes), cuts.gaps, cells)


def _plain_figure(end: _Written) -> TypeGuard[Threshold]:
    """Whether a lower or upper target is written as a bare figure (``14``), not as a threshold (``>= 14``)."""
    return (isinstance(end, Threshold) and end.comparison is Comparison.AT_LEAST
            and not any(mark in end.text for mark in "<>≤≥+"))


def _parse(cell: Written | None, role: str, polarity: Polarity, percent_unit: bool, notes: _Notes) -> _Written:
    if cell is None:
        return None
    try:
        if role != "green":
            beyond = parse_beyond(cell.raw, role, percent_unit=percent_unit, source=cell.source)
            if beyond is not None:
                return beyond
        return parse_threshold(cell.raw, role, polarity, percent_unit=percent_unit,
                               percent_format=cell.percent_format, source=cell.source)
    except ThresholdSyntaxError as exc:
        notes.add(Severity.ERROR, str(exc), cell.source, about_indicator=False)
        return None


def _tolerance(cell: Written | None, percent_unit: bool, notes: _Notes) -> Tolerance | None:
    if cell is None:
        return None
    try:
        return parse_tolerance(cell.raw, percent_unit=percent_unit, percent_format=cell.percent_format,
                               source=cell.source)
    except ThresholdSyntaxError as exc:
        notes.add(Severity.ERROR, str(exc), cell.source, about_indicator=False)
        return None


def _lower_and_upper(written: WrittenThresholds, polarity: Polarity, green: _Written, amber: _Written,
                     percent_unit: bool, notes: _Notes) -> tuple[_Written, _Written]:
    """Lower and upper target columns: the range itself on a Within limits measure; otherwise the upper is the
    stretch target (green) and the lower the floor (amber) of a high-is-good measure, and the other way about
    for low-is-good."""
    lower, upper = written.lower, written.upper
    if (lower is None and upper is None) or polarity is Polarity.INFO:
        return green, amber
    if polarity is Polarity.WITHIN:
        if lower is None or upper is None:
            given = lower or upper
            assert given is not None
            notes.add(Severity.WARNING, "it has only one of its lower and upper targets, so they were not used as the "
                      "range; write both", given.source)
            return green, amber
        ends = [_parse(cell, "green", Polarity.HIGH, percent_unit, notes) for cell in (lower, upper)]
        low_end, high_end = ends
        if not (_plain_figure(low_end) and _plain_figure(high_end)):
            if all(ends):
                notes.add(Severity.ERROR, "its lower and upper targets must be figures (14 and 20), not thresholds",
                          lower.source, upper.source)
            return green, amber
        low, high = low_end.value, high_end.value
        if low > high:
            notes.add(Severity.ERROR, "its lower target is above its upper target; swap them", lower.source,
                      upper.source)
            return green, amber
        band = Threshold(Comparison.BETWEEN, low, high,
                         text=f"{low_end.text}-{high_end.text}", source=lower.source)
        if green is not None:
            notes.add(Severity.WARNING, f"it has a green threshold ({_text(green)!r}) and lower and upper targets; "
                      "the green threshold was used", lower.source)
            return green, amber
        return band, amber
    stretch, floor = (upper, lower) if polarity is Polarity.HIGH else (lower, upper)
    if stretch is not None:
        if green is None:
            green = _parse(stretch, "green", polarity, percent_unit, notes)
        else:
            notes.add(Severity.WARNING, f"it has a green threshold ({_text(green)!r}) and a stretch target; the green "
                      "threshold was used", stretch.source)
    if floor is not None:
        if amber is None:
            amber = _parse(floor, "amber", polarity, percent_unit, notes)
        else:
            notes.add(Severity.WARNING, f"it has an amber threshold ({_text(amber)!r}) and a floor target; the amber "
                      "threshold was used", floor.source)
    return green, amber


def _spans(written: Threshold | Beyond | Tolerance | None, green: Span | None, polarity: Polarity,
           mirror: bool) -> tuple[Span, ...]:
    if written is None:
        return ()
    if isinstance(written, Threshold):
        return (span_of(written),)
    assert green is not None
    if isinstance(written, Tolerance):
        # Amber reaches the tolerance out from the target on its bad side: below a target to reach, above one
        # to stay under, and on both sides of a range.
        low, high = green.low, green.high
        if math.isfinite(low):
            low = round(low - written.from_target(low), 12)
        if math.isfinite(high):
            high = round(high + written.from_target(high), 12)
        if math.isfinite(low) and math.isfinite(high):
            return (Span(low, high),)
        if math.isfinite(low):
            return (Span(low, INFINITY, True, False),)
        return (Span(-INFINITY, high, False, True),)
    sides = ("above", "below") if written.side == "outside" or mirror else (written.side,)
    spans = []
    for side in sides:
        edge = green.high if side == "above" else green.low
        distance = abs(edge) * written.distance if written.relative else written.distance
        if side == "above":
            far = round(edge + distance, 12)
            spans.append(Span(far, INFINITY, not written.strict, False) if written.onwards
                         else Span(edge, far, False, True))
        else:
            far = round(edge - distance, 12)
            spans.append(Span(-INFINITY, far, False, not written.strict) if written.onwards
                         else Span(far, edge, True, False))
    return tuple(spans)


def _keep_text(cuts: Cuts, red: _Written, amber: Threshold | Beyond | Tolerance | None, green: _Written) -> Thresholds:
    """The cut thresholds, each with the officer's text and cell: the Excel scorecard shows what was written."""
    green_cut = _with_text(cuts.green, green)
    amber_cut = _with_text(cuts.amber, amber)
    if cuts.red is not None:
        red_cut = _with_text(cuts.red, red)
    elif isinstance(red, Beyond):
        # Not tested (green and amber decide) but shown, and numbered in the scorecard's hidden columns: where
        # red starts, beyond the last figure that is amber or better, on the side the threshold names.
        assert cuts.green is not None
        better = span_of(cuts.amber or cuts.green)
        if red.side == "below":
            red_cut = Threshold(Comparison.LESS_THAN if better.low_closed else Comparison.AT_MOST, better.low,
                                text=red.text, source=red.source)
        else:
            red_cut = Threshold(Comparison.MORE_THAN if better.high_closed else Comparison.AT_LEAST, better.high,
                                text=red.text, source=red.source)
    else:
        red_cut = red
    return Thresholds(red_cut, amber_cut, green_cut)


def _with_text(cut: Threshold | None, written: Threshold | Beyond | Tolerance | None) -> Threshold | None:
    if cut is None:
        return None
    if isinstance(written, Threshold) and _same_test(cut, written):
        return written
    if written is None:
        return cut
    text = f"tolerance {written.text}" if isinstance(written, Tolerance) else written.text
    return Threshold(cut.comparison, cut.value, cut.upper, text=text, source=written.source)


def _same_test(cut: Threshold, written: Threshold) -> bool:
    return (cut.comparison is written.comparison and cut.value == round(written.value, 12)
            and (cut.upper == (round(written.upper, 12) if written.upper is not None else None)))


def _explain(fault: Fault, polarity: Polarity, as_written: Thresholds,
             written: tuple[Threshold | Beyond | Tolerance | None, ...], notes: _Notes) -> None:
    if fault is Fault.WRONG_WAY and polarity in (Polarity.HIGH, Polarity.LOW):
        problems = check_against_polarity(polarity, as_written)
        if problems:
            for problem in problems:
                notes.add(Severity.ERROR, problem.message, *problem.sources)
            return
    texts = ", ".join(f"{role} {_text(t)!r}"
                      for role, t in zip(("red", "amber", "green"), written, strict=True) if t is not None)
    goodness = {Polarity.HIGH: "good performance is higher", Polarity.LOW: "good performance is lower",
                Polarity.WITHIN: "good performance is inside the green range"}[polarity]
    notes.add(Severity.ERROR, f"thresholds {texts} cannot be rated for polarity {polarity.value} ({goodness}): read "
              f"as the range where each colour applies, they {fault.value}; check which way each threshold points",
              *(_source(t) for t in written))


def _source(written: object) -> CellRef | None:
    return getattr(written, "source", None)


def _text(written: object) -> str:
    text = getattr(written, "text", "")
    if isinstance(written, Tolerance):
        return f"tolerance {text}"
    return text
