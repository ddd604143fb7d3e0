"""Table cells for the PDF: escaped paragraphs, figures with their notes, and rows that always fit a page.

Everything a tracker or layout says is escaped before it reaches a Paragraph, so ``&``, ``<`` and ``>`` print
literally. A table row taller than a page would stop the build (ReportLab's LayoutError), so a cell that would
be too tall is shortened with an ellipsis and printed whole in a note under its table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from boardpack.model import Comparison, Dot, Figure, Indicator, Rag, Status, Threshold, Unit
from boardpack.render.pdf_styles import FONT, FONT_BOLD, MUTED_TEXT, PdfStyles, text_width
from boardpack.render.text import MISSING, format_number, format_value

PAD = 3.0
ELLIPSIS = " …"
# Every table names the bundled font, even where each cell is a paragraph: else ReportLab sets Helvetica.
BASE_FONT = ("FONT", (0, 0), (-1, -1), FONT, 8)
# Notes longer than this (a cell comment, say) become numbered footnotes instead of sitting in the cell.
INLINE_NOTE = 12
_COMPARISON_TEXT = {
    Comparison.AT_LEAST: "{}+",
    Comparison.MORE_THAN: ">{}",
    Comparison.AT_MOST: "≤{}",
    Comparison.LESS_THAN: "<{}",
}


class CellParagraph(Paragraph):
    """A Paragraph that remembers its last wrap.

    Line breaking depends only on the width, and a long table measures every remaining row again each time
    it splits at a page end; remembering the answer keeps a 1,000-row summary quick.
    """

    _wrapped_width: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Paragraph.split may drop its line breaks (blPara) to force a fresh wrap; then wrap again.
        if available_width != self._wrapped_width or not hasattr(self, "blPara"):
            super().wrap(available_width, available_height)
            self._wrapped_width = available_width
        return self.width, self.height


def clean(text: str) -> str:
    """Text without control characters (other than line breaks and tabs), which no PDF reader can show."""
    if text.isprintable():
        return text
    return "".join(
        " " if ch == "\t" else ch for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def markup(text: str) -> str:
    """Text made safe for a Paragraph: markup characters escaped, line breaks kept."""
    return escape(clean(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> CellParagraph:
    return CellParagraph(markup(text), style)


def colour_hex(colour: Color | str) -> str:
    return colour if isinstance(colour, str) else "#" + colour.hexval()[2:]


def coloured(text: str, colour: Color | str, bold: bool = False) -> str:
    """Escaped text in a colour, as Paragraph markup."""
    inner = f"<b>{markup(text)}</b>" if bold else markup(text)
    return f'<font color="{colour_hex(colour)}">{inner}</font>'


def muted_line(text: str, size: float, colour: str = MUTED_TEXT) -> str:
    return f'<font size="{size:g}" color="{colour}">{markup(text)}</font>'


def fitted(text: str, to_markup: Callable[[str], str], style: ParagraphStyle, width: float, budget: float
           ) -> tuple[CellParagraph, bool]:
    """A paragraph of ``to_markup(text)`` no taller than ``budget``, shortening ``text`` if it must.

    Returns the paragraph and whether it was shortened (so the caller can print the whole text elsewhere).
    """
    whole = CellParagraph(to_markup(text), style)
    if whole.wrap(width, 1e9)[1] <= budget:
        return whole, False
    low, high = 0, len(text)  # the longest prefix that fits lies in [low, high)
    while low < high - 1:
        middle = (low + high) // 2
        if CellParagraph(to_markup(text[:middle].rstrip() + ELLIPSIS), style).wrap(width, 1e9)[1] <= budget:
            low = middle
        else:
            high = middle
    return CellParagraph(to_markup(text[:low].rstrip() + ELLIPSIS), style), True


def chop(text: str, style: ParagraphStyle, width: float, budget: float) -> list[Paragraph]:
    """``text`` as one paragraph, or as consecutive pieces each no taller than ``budget``, to go in successive
    table rows: the whole text prints, however long, and every row fits a page."""
    pieces: list[Paragraph] = []
    rest: Paragraph = para(text, style)
    while rest.wrap(width, 1e9)[1] > budget:
        parts = rest.split(width, budget)
        if len(parts) != 2:
            break
        pieces.append(parts[0])
        rest = parts[1]
    return pieces + [rest]


def threshold_text(threshold: Threshold | None, unit: Unit) -> str:
    if threshold is None:
        return ""
    if threshold.text:
        return threshold.text
    low = format_number(threshold.value, unit)
    if threshold.comparison is Comparison.BETWEEN and threshold.upper is not None:
        return f"{low}–{format_number(threshold.upper, unit)}"
    return _COMPARISON_TEXT.get(threshold.comparison, "{}").format(low)


def target_text(indicator: Indicator) -> str:
    """What good looks like, for headers and charts: the green threshold, else the amber one."""
    thresholds = indicator.thresholds
    return threshold_text(thresholds.green or thresholds.amber, indicator.unit)


def explain_markers(markers: Iterable[str]) -> str:
    explained = {status.value: status.explanation for status in Status}
    explained.setdefault(MISSING, "no figure")
    return "; ".join(f"‘{marker}’ {explained.get(marker, 'no figure')}" for marker in sorted(markers))


def status_pair(indicator: Indicator, styles: PdfStyles) -> str:
    """``Green ↑`` as Paragraph markup: the RAG word in its text colour and the DOT arrow in its colour."""
    assessment = indicator.assessment
    if assessment is None:
        return ""
    parts = []
    if assessment.rag:
        parts.append(coloured(assessment.rag.word, styles.rag_text[assessment.rag], bold=True))
    if assessment.dot:
        parts.append(coloured(assessment.dot.arrow, dot_colour(styles, assessment.dot, assessment.rag), bold=True))
    return " ".join(parts)


def dot_colour(styles: PdfStyles, dot: Dot, on: Rag | None) -> Color:
    """The arrow's colour on a RAG fill (``on``) or on the page."""
    return styles.dot_on_rag[dot, on] if on is not None else styles.dot_colour[dot]


@dataclass
class TableNotes:
    """What a table's reader needs under it: the missing-figure markers used, footnotes, names in full."""

    markers: set[str] = field(default_factory=set)
    footnotes: list[str] = field(default_factory=list)
    in_full: list[str] = field(default_factory=list)

    def value(self, figure: Figure | None, unit: Unit, where: str = "") -> str:
        """The figure as printed: its value or marker, and its note inline or as a numbered footnote."""
        text = format_value(figure, unit)
        if figure is None or figure.value is None:
            self.markers.add(text)
        note = " ".join(clean(figure.note).split()) if figure is not None and figure.note else ""
        if not note:
            return text
        if len(note) <= INLINE_NOTE:
            return f"{text} {note}" if note.startswith("(") else f"{text} ({note})"
        entry = f"{where}: {note}" if where else note
        if entry not in self.footnotes:
            self.footnotes.append(entry)
        return f"{text} [{self.footnotes.index(entry) + 1}]"

    def whole(self, label: str, text: str) -> None:
        entry = f"{label} in full: {text}"
        if entry not in self.in_full:
            self.in_full.append(entry)

    def flowables(self, styles: PdfStyles) -> list[Flowable]:
        notes: list[Flowable] = [para(entry, styles.note) for entry in self.in_full]
        notes += [para(f"[{number}] {entry}", styles.note) for number, entry in enumerate(self.footnotes, start=1)]
        if self.markers:
            notes.append(para("Where no figure is shown: " + explain_markers(self.markers)
                              + ". A missing figure is never a zero.", styles.note))
        return notes


class Grid:
    """Rows of cells and their style commands, built together so that spans and colours stay in step.

    ``budget`` is the tallest a body row may be: the frame less the repeated header rows.
    """

    def __init__(self, styles: PdfStyles, widths: Sequence[float], notes: TableNotes, budget: float) -> None:
        self.styles = styles
        self.widths = list(widths)
        self.notes = notes
        self.budget = budget
        self.rows: list[list[object]] = []
        self.commands: list[tuple] = []

    @property
    def row_index(self) -> int:
        return len(self.rows)

    def cell(self, text: str, column: int, row: int, bold: bool = False, align: str = "LEFT",
             label: str = "", shaded: bool = False) -> object:
        """A plain string when it fits the column (quick to draw), else a wrapping paragraph that fits the page.

        ``shaded`` cells sit on the header fill, so a paragraph there takes the header's text colour.
        """
        size = self.styles.table_size
        if "\n" not in text and text_width(text, size, bold) <= self.widths[column] - 2 * PAD:
            if bold:
                self.commands.append(("FONT", (column, row), (column, row), FONT_BOLD, size))
            return clean(text)
        if shaded:
            style = self.styles.header_cell_right if align == "RIGHT" else self.styles.header_cell
        else:
            style = {"RIGHT": self.styles.cell_right, "CENTER": self.styles.cell_centre}.get(
                align, self.styles.cell_bold if bold else self.styles.cell)
        return self.paragraph(text, column, lambda t: f"<b>{markup(t)}</b>" if bold else markup(t), style, label)

    def paragraph(self, text: str, column: int, to_markup: Callable[[str], str], style: ParagraphStyle,
                  label: str = "", span: int = 1) -> CellParagraph:
        width = sum(self.widths[column:column + span]) - 2 * PAD
        cell, shortened = fitted(text, to_markup, style, width, self.budget)
        if shortened:
            self.notes.whole(label or "Cell", text)
        return cell

    def band(self, text: str) -> None:
        """A full-width band row, kept with the row after it so that it never ends a page."""
        row = self.row_index
        cell = self.paragraph(text, 0, markup, self.styles.band_cell, span=len(self.widths))
        self.rows.append([cell] + [""] * (len(self.widths) - 1))
        self.commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), self.styles.band_fill),
            ("NOSPLIT", (0, row), (-1, row + 1)),
        ]

    def table(self, header_rows: int, with_header: bool = True) -> Table:
        """The rows as a table; ``with_header=False`` leaves out the first ``header_rows`` rows."""
        if not with_header:
            return self._body_table(header_rows)
        base = self._base_commands() + [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), self.styles.header_fill),
            ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), self.styles.header_text),
        ]
        # Rows split only between one another: every row is built to fit a page (see ``budget``), and
        # ReportLab's in-row splitting can loop for ever on a row that holds a band and a tall cell.
        return Table(self.rows, colWidths=self.widths, style=TableStyle(base + self.commands),
                     repeatRows=header_rows, splitByRow=1, hAlign="LEFT")

    def _body_table(self, header_rows: int) -> Table:
        commands = self._base_commands()
        for name, start, end, *rest in self.commands:
            first, last = start[1], end[1]
            if 0 <= last < header_rows:
                continue  # styles only header rows
            shifted_first = max(first - header_rows, 0) if first >= 0 else first
            shifted_last = last - header_rows if last >= 0 else last
            commands.append((name, (start[0], shifted_first), (end[0], shifted_last), *rest))
        return Table(self.rows[header_rows:], colWidths=self.widths, style=TableStyle(commands),
                     splitByRow=1, hAlign="LEFT")

    def _base_commands(self) -> list[tuple]:
        return [
            ("FONT", (0, 0), (-1, -1), FONT, self.styles.table_size),
            ("LEADING", (0, 0), (-1, -1), self.styles.table_size * 1.2),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("GRID", (0, 0), (-1, -1), 0.4, self.styles.grid),
        ]


def header_height(rows: Sequence[Sequence[object]], widths: Sequence[float]) -> float:
    """How tall the given header rows will be, so the body rows can be held to the rest of the page."""
    total = 0.0
    for row in rows:
        tallest = 0.0
        for cell, width in zip(row, widths):
            if isinstance(cell, Paragraph):
                tallest = max(tallest, cell.wrap(width - 2 * PAD, 1e9)[1])
        total += tallest + 4
    return total
