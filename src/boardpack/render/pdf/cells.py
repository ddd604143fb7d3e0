"""Table cells for the PDF: escaped paragraphs, figures with their notes, and rows that always fit a page.

Everything a tracker or layout says is escaped before it reaches a Paragraph, so ``&``, ``<`` and ``>`` print
literally. A table row taller than a page would stop the build (ReportLab's LayoutError), so a cell that would
be too tall is shortened with an ellipsis and printed whole in a note under its table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import ParaLines
from reportlab.platypus.paraparser import ParaFrag

from boardpack.model import (
    Dot,
    Indicator,
    Note,
    Rag,
    Status,
)
from boardpack.render.pdf.grid import (
    BOTTOM_PAD,
    FIT,
    PAD,
    TOP_PAD,
    Cell,
    CellTable,
    Fragment,
    Line,
    Row,
    Runs,
    Span,
    clip,
    new_piece,
    wrap,
)
from boardpack.render.pdf.styles import FONT, MUTED_TEXT, PdfStyles, unit_width
from boardpack.render.pdf.tags import Paragraph
from boardpack.render.table_notes import FigureNotes, clean
from boardpack.render.text import explain_markers

ELLIPSIS = " …"
LEADING = 1.15  # line spacing in table cells, times the table font size
# Every table names the bundled font, even where each cell is a paragraph: else ReportLab sets Helvetica.
BASE_FONT = ("FONT", (0, 0), (-1, -1), FONT, 8)
# A ReportLab table style command: its name, the first and last cells it applies to, then its own values.
TableCommand = tuple[str, tuple[int, int], tuple[int, int], *tuple[object, ...]]
# Notes longer than this (a cell comment, say) become numbered footnotes instead of sitting in the cell.

class CellParagraph(Paragraph):
    """A Paragraph that remembers its last wrap.

    Line breaking depends only on the width, and a long table measures every remaining row again each time
    it splits at a page end; remembering the answer keeps a 1,000-row summary quick.
    """

    _wrapped_width: float | None = None
    blPara: ParaLines  # Paragraph.wrap's line breaks (ReportLab sets it; its stub leaves it out)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Paragraph.split may drop its line breaks (blPara) to force a fresh wrap; then wrap again.
        if available_width != self._wrapped_width or not hasattr(self, "blPara"):
            super().wrap(available_width, available_height)
            self._wrapped_width = available_width
        return self.width, self.height


class BodyParagraph(CellParagraph):
    """Running text that never leaves fewer than ``KEEP_LINES`` lines alone at a page's foot or head: a
    paragraph too short to split so is moved on whole."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        broken: ParaLines = self.blPara
        lines = len(broken.lines)
        leading = self.style.leading  # body styles set a fixed leading
        fitting = min(lines, int((available_height + FIT) // leading))
        if fitting >= lines:
            return [self]
        fitting = min(fitting, lines - KEEP_LINES)
        if fitting < KEEP_LINES:
            return []
        # A part is paginated more than once (laid out several ways); a split at the same line is the same.
        key = (available_width, fitting)
        known = self._splits.get(key) if self._splits is not None else None
        if known is None:
            known = super().split(available_width, fitting * leading + FIT)
            if len(known) == 2 and isinstance(known[1], BodyParagraph):
                self._keep_lines(known[1], broken, fitting, available_width)
            if self._splits is None:
                self._splits = {}
            self._splits[key] = known
            self.blPara = broken  # splitting may have dropped the lines
        return list(known)

    _splits: dict[tuple[float, int], list[Flowable]] | None = None
    _own_frags: list[ParaFrag] | None = None  # a rest's own words, while it borrows its whole paragraph's lines

    def _keep_lines(self, rest: BodyParagraph, lines: ParaLines, fitting: int, width: float) -> None:
        """The rest of a split keeps the lines already broken, so that a long paragraph is not broken again
        from the start of each page it runs onto. Its lines index the whole paragraph's words (ReportLab's
        processed fragments), so it borrows those until it must be broken at another width."""
        rest.blPara = lines.clone(lines=lines.lines[fitting:])
        if lines.kind == 1:
            rest._own_frags, rest.frags = rest.frags, self.frags
        rest.width, rest.height = width, (len(lines.lines) - fitting) * self.style.leading
        rest._wrapped_width = width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._own_frags is not None and available_width != self._wrapped_width:
            self.frags, self._own_frags = self._own_frags, None
            self.__dict__.pop("blPara", None)
        return super().wrap(available_width, available_height)


KEEP_LINES = 3


def markup(text: str) -> str:
    """Text made safe for a Paragraph: markup characters escaped, line breaks kept."""
    # html's escape, not xml.sax's: the same three characters, without importing urllib's HTTP client.
    return escape(clean(text), quote=False).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")


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


def chop(text: str, style: ParagraphStyle, width: float, budget: float) -> list[Flowable]:
    """``text`` as one paragraph, or as consecutive pieces each no taller than ``budget``, to go in successive
    table rows: the whole text prints, however long, and every row fits a page."""
    pieces: list[Flowable] = []
    rest: Flowable = para(text, style)
    while rest.wrap(width, 1e9)[1] > budget:
        parts = rest.split(width, budget)
        if len(parts) != 2:
            break
        pieces.append(parts[0])
        rest = parts[1]
    return [*pieces, rest]


def status_pair(indicator: Indicator, styles: PdfStyles) -> list[Span]:
    """``Green ↑``: the RAG word in its text colour and the DOT arrow in its colour, both bold."""
    assessment = indicator.assessment
    if assessment is None:
        return []
    parts = []
    if assessment.rag:
        parts.append(Span(assessment.rag.word, True, styles.rag_text[assessment.rag]))
    if assessment.dot:
        arrow = Span(assessment.dot.arrow, True, dot_colour(styles, assessment.dot, assessment.rag))
        parts += [Span(" "), arrow] if parts else [arrow]
    return parts


def dot_colour(styles: PdfStyles, dot: Dot, on: Rag | None) -> Color:
    """The arrow's colour on a RAG fill (``on``) or on the page."""
    return styles.dot_on_rag[dot, on] if on is not None else styles.dot_colour[dot]


@dataclass
class TableNotes(FigureNotes):
    """What a table's reader needs under it: the markers used, footnotes, and names printed cut short."""

    in_full: list[tuple[str, str]] = field(default_factory=list)

    def whole(self, label: str, text: str) -> None:
        """``text`` (a name, a headline) was printed cut short where ``label`` is: the key under the table
        gives it whole."""
        entry = (label, text)
        if entry not in self.in_full:
            self.in_full.append(entry)

    def flowables(self, styles: PdfStyles) -> list[Flowable]:
        notes: list[Flowable] = []
        if self.in_full:
            # One paragraph, however many names: a key, not a column of lines. Plain text, as ReportLab lays out
            # a paragraph of one style many times faster, and a section of a hundred measures has a long key.
            notes.append(para("In full: " + "; ".join(f"{label} {text}" for label, text in self.in_full), styles.note))
        notes += [para(f"[{number}] {entry}", styles.note) for number, entry in enumerate(self.footnotes, start=1)]
        # A dash alone needs no key under every table (the cover's key gives it); any other marker does.
        missing, marks = self.marker_groups()
        said = []
        if missing - {Status.NONE.value}:
            said.append("In place of a figure: " + explain_markers(missing) + ".")
        if marks:
            said.append("After a figure: " + explain_markers(marks) + ".")
        if said:
            notes.append(para(" ".join(said), styles.note))
        return notes


def tracker_notes(notes: Sequence[Note], styles: PdfStyles) -> list[Flowable]:
    """The tracker's own notes as it printed them under its table, mark first, in small type and set close
    as footnotes are; each a paragraph that splits across pages, so a note of any length prints whole."""
    first, rest = _footnote_styles(styles)
    return [para(note.printed, first if index == 0 else rest) for index, note in enumerate(notes)]


@lru_cache(maxsize=8)
def _footnote_styles(styles: PdfStyles) -> tuple[ParagraphStyle, ParagraphStyle]:
    rest = ParagraphStyle("footnote", parent=styles.note, spaceBefore=0, spaceAfter=1)
    return ParagraphStyle("first_footnote", parent=rest, spaceBefore=styles.note.spaceBefore + 1), rest


class Grid:
    """The rows of one table, each cell wrapped to its column as it is made.

    ``budget`` is the tallest a body row may be (the frame less the repeated header rows): a cell that would
    be taller is cut short with an ellipsis and printed whole in a note under the table, so every row fits
    a page.
    """

    def __init__(self, styles: PdfStyles, widths: Sequence[float], notes: TableNotes, budget: float) -> None:
        self.styles = styles
        self.widths = list(widths)
        self.notes = notes
        self.budget = budget
        self.rows: list[Row] = []
        self.leading = styles.table_size * LEADING
        self._made: dict[tuple[str, bool, str, int, float | None, int, int], Cell] = {}
        self._inner = [width - 2 * PAD for width in self.widths]
        self._size, self._text = styles.table_size, styles.text  # the table's own, read for every cell

    def cell(self, text: str, column: int, bold: bool = False, align: str = "LEFT", label: str = "",
             colour: Color | None = None, size: float | None = None, fill: Color | None = None,
             span: int = 1) -> Cell:
        """One text, in one style, wrapped to the column (or the ``span`` of columns from it)."""
        made = self.plain(text, column, bold, align, colour, size, fill, span)
        if made is not None:
            return made
        paragraphs = [[Span(line, bold, colour, size)] for line in lines_of(text)]
        return self.rich(paragraphs, column, align, label=label, fill=fill, span=span)

    def plain(self, text: str, column: int, bold: bool = False, align: str = "LEFT", colour: Color | None = None,
              size: float | None = None, fill: Color | None = None, span: int = 1) -> Cell | None:
        """``cell``, when the text prints on one line as it stands (most figures); else None, and the caller
        makes the cell with ``cell``, giving the label it would be noted under if it were cut short."""
        width = self._inner[column] if span == 1 else self._room(column, span)
        # Tables repeat the same short figures and blanks thousands of times; a cell is immutable, so one
        # laid-out single-line cell serves every column it fits.
        key = (text, bold, align, id(colour), size, id(fill), span)
        known = self._made.get(key)
        if known is not None and known.lines[0].width <= width + FIT:
            return known
        # grid.whole_text, written out: this runs for most cells of a large pack, most without a space.
        if not text.isprintable() or (" " in text and (text[0] == " " or text[-1] == " " or "  " in text)):
            return None
        size = size or self._size
        length = unit_width(text, bold) * size
        if length > width + FIT:
            return None
        fragments = (new_piece(Fragment, (text, bold, size, colour or self._text, 0.0, length)),) if text else ()
        made = new_piece(Cell, ((new_piece(Line, (fragments, length, size)),), self.leading, align, fill, span))
        self._made.setdefault(key, made)
        return made

    def rich(self, paragraphs: Sequence[Runs], column: int, align: str = "LEFT", label: str = "",
             fill: Color | None = None, span: int = 1, always: Sequence[Runs] = (),
             colour: Color | None = None) -> Cell:
        """Paragraphs of styled runs, then the ``always`` paragraphs (small print kept when the rest is cut)."""
        width = self._room(column, span)
        text_colour = colour or self.styles.text
        lines = wrap(paragraphs, width, self.styles.table_size, text_colour)
        tail = wrap(always, width, self.styles.table_size, text_colour) if always else []
        return self.wrapped(paragraphs, lines, tail, column, align, label, fill, span)

    def wrapped(self, paragraphs: Sequence[Runs], lines: list[Line], tail: list[Line], column: int,
                align: str = "LEFT", label: str = "", fill: Color | None = None, span: int = 1) -> Cell:
        """``rich``, for paragraphs the caller has already wrapped to the cell (``lines``, then ``tail`` from
        its ``always``)."""
        most = int((self.budget - TOP_PAD - BOTTOM_PAD) // self.leading) - len(tail)
        if len(lines) > max(1, most):
            lines = clip(lines, most, self._room(column, span))
            self.notes.whole(label or "Cell", "\n".join("".join(s.text for s in p) for p in paragraphs))
        return Cell(tuple(lines + tail), self.leading, align, fill, span)

    def _room(self, column: int, span: int) -> float:
        """The width for text in a cell from ``column`` across ``span`` columns, inside its padding."""
        return self._inner[column] if span == 1 else sum(self.widths[column:column + span]) - 2 * PAD

    def add(self, cells: Sequence[Cell | None], fill: Color | None = None, keep_with_next: bool = False) -> None:
        self.rows.append(Row.of(cells, fill, keep_with_next))

    def band(self, text: str) -> None:
        """A full-width band row, kept with the row after it so that it never ends a page."""
        columns = len(self.widths)
        cell = self.cell(text, 0, bold=True, colour=self.styles.band_text, span=columns)
        self.add([cell] + [None] * (columns - 1), fill=self.styles.band_fill, keep_with_next=True)

    def height(self, rows: int) -> float:
        """The height of the first ``rows`` rows."""
        return sum(row.height for row in self.rows[:rows])

    def table(self, header_rows: int) -> CellTable:
        return CellTable(self.rows, self.widths, header_rows, self.styles.grid)


def lines_of(text: str) -> list[str]:
    """Clean text split at its line breaks, whatever their kind."""
    return clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
