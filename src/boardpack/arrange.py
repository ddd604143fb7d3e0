"""Apply a layout to a scorecard: its sections, their order, titles and narrative.

Returns a new scorecard. Refs the layout names but no tracker holds are errors; indicators the trackers hold
but the layout leaves out are reported as warnings, so nothing disappears from the pack without a word. A
tracker's notes follow its indicators into the layout's sections, or go under the summary.
"""

from __future__ import annotations

import re
from dataclasses import replace

from boardpack.exceptions import LayoutError
from boardpack.footnotes import add_unique, place_notes
from boardpack.layout import Layout
from boardpack.model import Commentary, Finding, Indicator, Note, Scorecard, Section, Severity


def _normalised(name: str) -> str:
    return " ".join(name.lower().split())


def arrange(scorecard: Scorecard, layout: Layout) -> Scorecard:
    title = layout.title or scorecard.title
    if not layout.sections:
        _check_headlines(scorecard, layout)
        return replace(scorecard, title=title)
    by_ref = {indicator.ref: indicator for indicator in scorecard.indicators}
    tracker_commentary = {_normalised(s.name): s.commentary for s in scorecard.sections}
    placed: dict[str, str] = {}
    sections = []
    for index, section_layout in enumerate(layout.sections, start=1):
        here = f"{layout.where} › sections[{index}] › refs"
        for ref in section_layout.refs:
            if ref not in by_ref:
                raise LayoutError(
                    f"section {section_layout.title!r} lists indicator {ref!r}, which no tracker holds; "
                    f"{_missing_ref_hint(ref, by_ref)}",
                    here,
                )
            if ref in placed:
                raise LayoutError(
                    f"indicator {ref!r} is listed in both {placed[ref]!r} and {section_layout.title!r}", here
                )
            placed[ref] = section_layout.title
        indicators = tuple(replace(by_ref[ref], section=section_layout.title) for ref in section_layout.refs)
        origins = {_normalised(by_ref[ref].section) for ref in section_layout.refs}
        commentary = tracker_commentary.get(_normalised(section_layout.title))
        if commentary is None and len(origins) == 1:
            commentary = tracker_commentary.get(origins.pop())
        commentary = commentary or Commentary()
        commentary = replace(
            commentary,
            definition=section_layout.definition or commentary.definition,
            analysis=section_layout.analysis or commentary.analysis,
            data_note=section_layout.data_note or commentary.data_note,
        )
        sections.append(Section(section_layout.title, indicators, commentary))
    notes, summary = _rehome_notes(scorecard, placed)
    sections = [replace(section, notes=tuple(notes.get(section.name, ()))) for section in sections]
    left_out = [
        Finding(
            Severity.WARNING,
            f"indicator {indicator.ref} is in the trackers but in no section of the layout, so the pack leaves it "
            f"out; add it to a section's refs in {layout.where} to include it",
            indicator.source,
        )
        for indicator in scorecard.indicators
        if indicator.ref not in placed
    ]
    arranged = replace(
        scorecard, title=title, sections=tuple(sections), findings=scorecard.findings + tuple(left_out),
        notes=tuple(summary),
    )
    _check_headlines(arranged, layout)
    return arranged


def _missing_ref_hint(ref: str, by_ref: dict[str, Indicator]) -> str:
    """How to find the ref; when a tracker holds it less its trailing zeros, why Excel lost them."""
    if re.fullmatch(r"\d+\.\d*0", ref):
        shortened = ref.rstrip("0").rstrip(".")
        if shortened in by_ref:
            return (f"{by_ref[shortened].source} holds {shortened}, as Excel stores a ref typed {ref} in a number "
                    "cell: format the tracker's ref column as Text and type the ref again")
    return "check the ref against the trackers' ref column"


def _rehome_notes(scorecard: Scorecard, placed: dict[str, str]) -> tuple[dict[str, list[Note]], list[Note]]:
    """Each tracker section's notes placed again among the layout's sections; what no one layout section
    holds (a section the layout splits, or leaves out) goes under the summary."""
    by_section: dict[str, list[Note]] = {}
    summary = list(scorecard.notes)
    for section in scorecard.sections:
        if not section.notes:
            continue
        moved = [replace(i, section=placed[i.ref]) for i in section.indicators if i.ref in placed]
        homes, rest = place_notes(section.notes, moved)
        for name, notes in homes.items():
            add_unique(by_section.setdefault(name, []), notes)
        add_unique(summary, rest)
    return by_section, summary


def _check_headlines(scorecard: Scorecard, layout: Layout) -> None:
    refs = {indicator.ref for indicator in scorecard.indicators}
    for index, headline in enumerate(layout.headlines, start=1):
        if headline.ref not in refs:
            raise LayoutError(f"headline indicator {headline.ref!r} is not in the pack",
                              f"{layout.where} › headlines[{index}] › ref")
