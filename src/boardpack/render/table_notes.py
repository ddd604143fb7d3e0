"""What a table's reader needs under it, gathered as its cells are written: the markers that stand in for
missing figures, the marks beside figures, and notes too long for a cell as numbered footnotes. The PDF and
the web page gather them alike, so the same figure gets the same footnote number in both."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from boardpack.model import REVISED, Figure, Status, Unit
from boardpack.render.text import format_number, format_value, note_of, with_note

# Notes longer than this become numbered footnotes under the table rather than words in the cell.
INLINE_NOTE = 12
NOT_RATED_NOTE = ("Not rated: the tracker has an error in this indicator's row, so its figures are shown as read "
                  "but nothing is rated from them; see data quality in the Excel scorecard")
FIGURE_MARKS = frozenset([status.value for status in Status if status.marks_a_figure] + [REVISED])


def clean(text: str) -> str:
    """Text without control characters (other than line breaks and tabs), which no reader can show."""
    if text.isprintable():
        return text
    return "".join(
        " " if ch == "\t" else ch for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


@dataclass
class FigureNotes:
    """The markers used and the footnotes, numbered in the order the table meets them."""

    markers: set[str] = field(default_factory=set)
    footnotes: list[str] = field(default_factory=list)

    def value(self, figure: Figure | None, unit: Unit, where: str = "") -> str:
        """The figure as printed (plain text): its value or marker, and its note inline or as a numbered
        footnote."""
        if (figure is not None and figure.value is not None and figure.status is None and figure.previous is None
                and not figure.note):
            return format_number(figure.value, unit)  # most figures: a value, no mark, no note, nothing to record
        text = format_value(figure, unit)
        if figure is None or figure.status is None:
            if figure is None or figure.value is None:
                self.markers.add(text)
        else:
            self.markers.add(figure.status.value)
        if figure is not None and figure.previous is not None and figure.value is not None:
            self.markers.add(REVISED)
        if figure is None or not figure.note:
            return text  # most figures carry no note: a pack prints tens of thousands of them
        note = " ".join(clean(note_of(figure)).split())
        if not note:
            return text
        if len(note) <= INLINE_NOTE:
            return with_note(text, note)
        entry = f"{where}: {note}" if where else note
        if entry not in self.footnotes:
            self.footnotes.append(entry)
        return f"{text} [{self.footnotes.index(entry) + 1}]"

    def not_rated(self) -> str:
        """What a faulty indicator's rating cell reads: ``Not rated [n]``, the footnote saying why."""
        if NOT_RATED_NOTE not in self.footnotes:
            self.footnotes.append(NOT_RATED_NOTE)
        return f"Not rated [{self.footnotes.index(NOT_RATED_NOTE) + 1}]"

    def marker_groups(self) -> tuple[set[str], set[str]]:
        """The markers standing in for missing figures, and the marks printed beside figures."""
        return {m for m in self.markers if m not in FIGURE_MARKS}, self.markers & FIGURE_MARKS
