"""Words and small marks for the HTML edition: escaping, RAG and DOT marks, thresholds, and a table's notes.

Everything a tracker or layout says passes through ``esc`` before it reaches the page, so ``<script>``,
``&`` and quotes print as written and can never become markup. The wording matches the PDF's (``render/pdf/cells.py``),
written again here without ReportLab: the HTML is rendered beside the Excel scorecard, in a process that
never imports ReportLab, and importing it there for a few short functions would cost more than they do.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from boardpack.model import (
    Dot,
    Frequency,
    Indicator,
    Polarity,
    Rag,
)
from boardpack.render.table_notes import FigureNotes
from boardpack.render.text import explain_markers

# Control characters other than tab and line breaks are errors in HTML and show as nothing useful.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Most of a report's texts are figures with nothing to escape; finding that is quicker than escaping.
_SPECIAL = re.compile("[&<>\"'\x00-\x1f\x7f-\x9f]")
POLARITY_WORDS = {Polarity.HIGH: "High", Polarity.LOW: "Low", Polarity.INFO: "Info", Polarity.WITHIN: "Within"}
DOT_WORDS = {Dot.IMPROVED: "improved", Dot.DECLINED: "declined", Dot.SAME: "no change", Dot.UP: "up",
             Dot.DOWN: "down"}


def esc(text: str) -> str:
    """Text safe anywhere in the page, inside an attribute's quotes too."""
    if _SPECIAL.search(text) is None:
        return text
    if not text.isprintable():
        text = _CONTROL.sub("", text.replace("\t", " "))
    return html.escape(text, quote=True)


def esc_lines(text: str) -> str:
    """Escaped text with its line breaks kept."""
    return "<br>".join(esc(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def paragraphs(text: str, attributes: str = "") -> str:
    """Officer text as paragraphs: a blank line starts a new one, a single line break is kept."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n")]
    return "".join(f"<p{attributes}>{esc_lines(block)}</p>" for block in blocks if block)


def rag_mark(rag: Rag) -> str:
    """The RAG word after a shape (circle, triangle, square), so it never rests on colour alone."""
    return f'<span class="rag rag-{rag.value}">{rag.word}</span>'


def dot_mark(dot: Dot) -> str:
    """The arrow for the eye and the word for a screen reader, which would read an arrow as "upwards arrow"."""
    return (f'<span class="dot dot-{dot.value}"><span aria-hidden="true">{dot.arrow}</span>'
            f'<span class="vh">{DOT_WORDS[dot]}</span></span>')


def other_period(indicator: Indicator) -> str:
    """The period the indicator's current figure is for, when that is not the reporting period; else empty."""
    assessment = indicator.assessment
    if assessment is None or assessment.current_month is None:
        return ""
    return indicator.period_label(assessment.current_month)


def name_details(indicator: Indicator, report: Frequency) -> str:
    """The unit and timeline, and how often the measure is taken when that is not the report's own rhythm."""
    often = indicator.frequency.word if indicator.frequency is not report else ""
    if often and often.lower() in indicator.timeline.lower():
        often = ""
    return " · ".join(part for part in (indicator.unit.label, indicator.timeline, often) if part)


def goodness(indicator: Indicator) -> str:
    if indicator.polarity is Polarity.INFO:
        return "For information"
    if indicator.polarity is Polarity.WITHIN:
        return "Within limits is good"
    return f"{POLARITY_WORDS[indicator.polarity]} is good"


@dataclass
class TableNotes(FigureNotes):
    """What a table's reader needs under it: the markers used and the footnotes, numbered as the PDF's."""

    def html(self) -> str:
        notes = [f"[{number}] {entry}" for number, entry in enumerate(self.footnotes, start=1)]
        missing, marks = self.marker_groups()
        if missing:
            notes.append("Where no figure is shown: " + explain_markers(missing)
                         + ". A missing figure is never a zero.")
        if marks:
            notes.append("After a figure: " + explain_markers(marks) + ".")
        return "".join(f'<p class="note">{esc(note)}</p>' for note in notes)
