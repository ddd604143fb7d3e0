"""Tables for the PDF that are laid out once and drawn straight onto the page.

ReportLab's ``Table`` treats every cell as a styled string or a ``Paragraph`` with its own text object and
graphics state, and re-measures rows each time it splits; a 1,000-indicator pack has some 56,000 cells, and
its tables were most of the build. Here a cell is a few runs of text in the bundled fonts, wrapped once when
the table is built; a table draws its fills, then all of its text in one text object, then its rules in one
path. Tables split between rows, repeat their header rows on every page, and never end a page on a row that
must stay with the next (a section band).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from operator import attrgetter
from typing import Any, NamedTuple, cast
from weakref import WeakKeyDictionary

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import PATH_OPS, Canvas  # type: ignore[attr-defined]  # PATH_OPS: left out of the stub
from reportlab.platypus import Flowable

from boardpack.render.pdf import tags
from boardpack.render.pdf.styles import FONT, FONT_BOLD, text_width, unit_width

PAD = 3.0
TOP_PAD = 1.0
BOTTOM_PAD = 1.5
RULE_WIDTH = 0.4
ELLIPSIS = " …"
FIT = 1e-6  # tolerance for widths and heights computed by adding floats


# The pieces of a table are named tuples: a large pack makes hundreds of thousands of them, and a tuple is
# several times quicker to make than a frozen dataclass. The hot paths make them with ``new_piece(Kind, fields)``
# (all fields given), which skips the named tuple's own constructor, a Python function.
new_piece = tuple.__new__


class Span(NamedTuple):
    """A run of text; ``colour`` and ``size`` default to the cell's."""

    text: str
    bold: bool = False
    colour: Color | None = None
    size: float | None = None


Runs = Sequence[Span]  # a paragraph: printed from a new line and wrapped to the cell's width


class Fragment(NamedTuple):
    """Text of one font, size and colour on a line, ``x`` points from the line's start."""

    text: str
    bold: bool
    size: float
    colour: Color
    x: float
    width: float


class Line(NamedTuple):
    fragments: tuple[Fragment, ...]
    width: float
    size: float  # the largest text on the line, which sets its baseline


@cache
def _ascent_and_descent() -> tuple[float, float]:
    face = cast(TTFont, pdfmetrics.getFont(FONT)).face  # the bundled fonts are TrueType (styles registers them)
    return face.ascent / 1000.0, -face.descent / 1000.0


class _LineBuilder:
    """Greedy line filling: words go on the line while they fit; a word wider than the cell is broken."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.lines: list[Line] = []
        # [text, bold, size, colour, x, width], merged while the style holds: a list, as text and width grow
        self._parts: list[list[Any]] = []
        self._x = 0.0

    def _append(self, text: str, bold: bool, size: float, colour: Color, width: float) -> None:
        last = self._parts[-1] if self._parts else None
        if last is not None and last[1] == bold and last[2] == size and last[3] is colour:
            last[0] += text
            last[5] += width
        else:
            self._parts.append([text, bold, size, colour, self._x, width])
        self._x += width

    def word(self, text: str, bold: bool, size: float, colour: Color, space_before: bool) -> None:
        width = unit_width(text, bold) * size
        space = unit_width(" ", bold) * size if space_before and self._parts else 0.0
        if self._parts and self._x + space + width > self.width + FIT:
            self.end_line()
            space = 0.0
        if space:
            self._append(" ", bold, size, colour, space)
        if width > self.width + FIT:
            self._broken_word(text, bold, size, colour)
        else:
            self._append(text, bold, size, colour, width)

    def _broken_word(self, text: str, bold: bool, size: float, colour: Color) -> None:
        piece = ""
        for character in text:
            if piece and self._x + text_width(piece + character, size, bold) > self.width + FIT:
                self._append(piece, bold, size, colour, text_width(piece, size, bold))
                self.end_line()
                piece = ""
            piece += character
        if piece:
            self._append(piece, bold, size, colour, text_width(piece, size, bold))

    def end_line(self, keep_empty: bool = False) -> None:
        if self._parts or keep_empty:
            fragments = tuple([new_piece(Fragment, part) for part in self._parts])
            size = max([part[2] for part in self._parts], default=0.0)
            self.lines.append(new_piece(Line, (fragments, self._x, size)))
        self._parts = []
        self._x = 0.0


def wrap(paragraphs: Iterable[Runs], width: float, size: float, colour: Color) -> list[Line]:
    """The paragraphs broken into lines no wider than ``width``; an empty paragraph keeps its blank line."""
    builder = _LineBuilder(width)
    limit = width + FIT
    for paragraph in paragraphs:
        # Most cells are one short figure, laid out without breaking it into words.
        whole = whole_line(paragraph[0], width, size, colour) if len(paragraph) == 1 else None
        if whole is not None:
            builder.lines.append(whole)
            continue
        space_pending = False
        for span in paragraph:
            bold = span.bold
            span_size = span.size or size
            span_colour = span.colour or colour
            space_width = unit_width(" ", bold) * span_size
            for index, word in enumerate(span.text.split(" ")):
                if index:
                    space_pending = True
                if not word:
                    continue
                # _LineBuilder.word, written out for a word that fits the line (names and notes have thousands).
                length = unit_width(word, bold) * span_size
                parts = builder._parts
                space = space_width if space_pending and parts else 0.0
                space_pending = False
                if length > limit or (parts and builder._x + space + length > limit):
                    builder.word(word, bold, span_size, span_colour, bool(space))
                    continue
                last: list[Any] = parts[-1] if parts else []
                same = bool(last) and last[1] == bold and last[2] == span_size and last[3] is span_colour
                if space:
                    if same:
                        last[0] += " "
                        last[5] += space
                    else:
                        parts.append([" ", bold, span_size, span_colour, builder._x, space])
                        last, same = parts[-1], True
                    builder._x += space
                if same:
                    last[0] += word
                    last[5] += length
                else:
                    parts.append([word, bold, span_size, span_colour, builder._x, length])
                builder._x += length
        builder.end_line(keep_empty=True)
    return builder.lines


def whole_line(span: Span, width: float, size: float, colour: Color) -> Line | None:
    """The span as one line, as it stands, if it fits ``width`` and has no spaces to collapse; else None."""
    return whole_text(span.text, span.bold, span.size or size, span.colour or colour, width)


def whole_text(text: str, bold: bool, size: float, colour: Color, width: float) -> Line | None:
    """``whole_line`` for a text in one style (``size`` and ``colour`` its own)."""
    if text[:1] == " " or text[-1:] == " " or "  " in text:
        return None
    length = unit_width(text, bold) * size
    if length > width + FIT:
        return None
    fragments = (new_piece(Fragment, (text, bold, size, colour, 0.0, length)),) if text else ()
    return new_piece(Line, (fragments, length, size))


def clip(lines: list[Line], most: int, width: float) -> list[Line]:
    """The first ``most`` lines (at least one), the last ending in an ellipsis that fits ``width``."""
    kept = lines[:max(1, most)]
    last = kept[-1]
    if not last.fragments:
        return kept
    tail = last.fragments[-1]
    text = tail.text
    while text and tail.x + text_width(text.rstrip() + ELLIPSIS, tail.size, tail.bold) > width + FIT:
        text = text[:-1]
    ended = text.rstrip() + ELLIPSIS
    fragment = Fragment(ended, tail.bold, tail.size, tail.colour, tail.x, text_width(ended, tail.size, tail.bold))
    return [*kept[:-1], Line((*last.fragments[:-1], fragment), fragment.x + fragment.width, last.size)]


class Cell(NamedTuple):
    lines: tuple[Line, ...]
    leading: float
    align: str = "LEFT"  # LEFT, RIGHT or CENTER
    fill: Color | None = None
    span: int = 1  # columns covered, from this one rightwards

    @property
    def height(self) -> float:
        return max(1, len(self.lines)) * self.leading


class Row(NamedTuple):
    cells: tuple[Cell | None, ...]  # None where a cell to the left spans over the column
    height: float
    fill: Color | None = None
    keep_with_next: bool = False

    @classmethod
    def of(cls, cells: Sequence[Cell | None], fill: Color | None = None, keep_with_next: bool = False) -> Row:
        tallest = 0.0
        for cell in cells:
            # Cell.height, written out: this runs for every cell of a large pack.
            if cell is not None and (len(cell.lines) or 1) * cell.leading > tallest:
                tallest = (len(cell.lines) or 1) * cell.leading
        return new_piece(cls, (tuple(cells), tallest + TOP_PAD + BOTTOM_PAD, fill, keep_with_next))


class CellTable(Flowable):
    """Rows of cells with fixed column widths; the first ``header_rows`` rows start every page it runs onto."""

    def __init__(self, rows: Sequence[Row], widths: Sequence[float], header_rows: int, rule_colour: Color) -> None:
        super().__init__()
        self.rows = tuple(rows)
        self.widths = tuple(widths)
        self.header_rows = header_rows
        self.rule_colour = rule_colour
        self.hAlign = "LEFT"
        self.width = sum(self.widths)
        # Added in order, as a generator would: a long table is split page by page, each rest made anew.
        self.height = sum(map(_HEIGHT, self.rows))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        header = self.rows[:self.header_rows]
        body = self.rows[self.header_rows:]
        room = available_height - sum(row.height for row in header)
        fitting = 0
        used = 0.0
        for row in body:
            if used + row.height > room + FIT:
                break
            used += row.height
            fitting += 1
        while fitting and body[fitting - 1].keep_with_next:
            fitting -= 1
        if fitting == 0 or fitting == len(body):
            return []
        pieces: list[Flowable] = [
            CellTable(header + body[:fitting], self.widths, self.header_rows, self.rule_colour),
            CellTable(header + body[fitting:], self.widths, self.header_rows, self.rule_colour),
        ]
        tags.continued(self, pieces)
        return pieces

    def draw(self) -> None:
        edges = [0.0]
        for width in self.widths:
            edges.append(edges[-1] + width)
        tops = [self.height]
        for row in self.rows:
            tops.append(tops[-1] - row.height)
        with tags.artifact(self.canv):
            self._draw_fills(edges, tops)
        self._draw_text(edges, tops)
        with tags.artifact(self.canv):
            self._draw_rules(edges, tops)

    def _draw_fills(self, edges: list[float], tops: list[float]) -> None:
        by_colour: dict[str, tuple[Color, list[tuple[float, float, float, float]]]] = {}
        names: dict[int, str] = {}  # each colour's hex value; the rows hold the colours, so an id is one

        def add(colour: Color, box: tuple[float, float, float, float]) -> None:
            name = names.get(id(colour))
            if name is None:
                name = names[id(colour)] = colour.hexval()
            by_colour.setdefault(name, (colour, []))[1].append(box)

        for index, row in enumerate(self.rows):
            bottom = tops[index + 1]
            if row.fill is not None:
                add(row.fill, (0.0, bottom, self.width, row.height))
            for column, cell in enumerate(row.cells):
                if cell is not None and cell.fill is not None:
                    left = edges[column]
                    add(cell.fill, (left, bottom, edges[column + cell.span] - left, row.height))
        canvas = self.canv
        shown = _numbers(canvas)
        fill = PATH_OPS[0, 1, canvas._fillMode]  # type: ignore[attr-defined]  # Canvas's own, left out of its stub
        for colour, boxes in by_colour.values():
            canvas.setFillColor(colour)
            # What Canvas.rect writes for each box, its numbers formatted once for the document; the page's
            # operators are joined by line breaks, so the boxes are added as one.
            canvas.addLiteral("\n".join([f"n {shown(left)} {shown(bottom)} {shown(width)} {shown(height)} re {fill}"
                                         for left, bottom, width, height in boxes]))

    def _draw_text(self, edges: list[float], tops: list[float]) -> None:
        """Every cell's text in one block of PDF text operators, wrapped in q/Q so that the canvas's own idea
        of the current font and colour stays true.

        A table of a large pack shows tens of thousands of figures, so the operators are written here rather
        than through ReportLab's text object, which re-encodes every text for the font subset and formats
        each position anew: each text's encoding (following the dynamic-font recipe in
        ``reportlab.pdfbase.ttfonts``) and each number's formatting is kept for the document.
        """
        ascent, descent = _ascent_and_descent()
        canvas = self.canv
        text = text_of(canvas)
        shown = text.number
        numbers = text.numbers
        plain, bold_text = text.encoded[False], text.encoded[True]
        operators = ["q BT"]
        append = operators.append
        colours: dict[int, str] = {}  # the table's rows hold its colours, so an id stands for one here
        colour: Color | None = None
        font_name = ""
        font_size = 0.0
        marks = tags.table_cells(canvas, self)
        last_top = last_size = last_leading = -1.0  # the last line's, whose baseline is y
        y = ""
        # Named tuples are unpacked whole below: one step, where each field read by name is one.
        for index, row in enumerate(self.rows):
            cells = row.cells
            opening = marks.row(index, cells)
            room = row.height - TOP_PAD - BOTTOM_PAD
            top = tops[index]
            for column, cell in enumerate(cells):
                mark = opening[column]
                if mark is None or cell is None:
                    continue
                if mark:
                    append(mark)
                lines, leading, align, _, span = cell
                left = edges[column] + PAD
                inner = edges[column + span] - PAD - left
                line_top = top - TOP_PAD - (room - len(lines) * leading) / 2
                for fragments, line_width, size in lines:
                    # The glyphs' full height (ascent + descent) is centred in the line's leading; most cells of
                    # a row are one line of one size, so the last line's baseline usually serves.
                    if line_top != last_top or size != last_size or leading != last_leading:
                        last_top, last_size, last_leading = line_top, size, leading
                        baseline = line_top - (leading - (ascent + descent) * size) / 2 - ascent * size
                        y = numbers.get(baseline) or shown(baseline)
                    if align == "RIGHT":
                        start = left + inner - line_width
                    elif align == "CENTER":
                        start = left + (inner - line_width) / 2
                    else:
                        start = left
                    for words, bold, fragment_size, fragment_colour, offset, _ in fragments:
                        if fragment_colour is not colour:
                            # Colours come from the shared styles, so identity is the cheap test of a change.
                            colour = fragment_colour
                            rg = colours.get(id(colour))
                            if rg is None:
                                rg = colours[id(colour)] = f"{fp_str(*colour.rgb())} rg"
                            append(rg)
                        x = start + offset
                        append(f"1 0 0 1 {numbers.get(x) or shown(x)} {y} Tm")
                        chunks = (bold_text if bold else plain).get(words) or text.encode(bold, words)
                        for subset_name, show in chunks:
                            if subset_name != font_name or fragment_size != font_size:
                                font_name, font_size = subset_name, fragment_size
                                append(f"{subset_name} {shown(font_size)} Tf")
                            append(show)
                    line_top -= leading
                if mark:
                    append(tags.CLOSE)
        if len(operators) > 1:
            append("ET Q")
            canvas.addLiteral("\n".join(operators))

    def _draw_rules(self, edges: list[float], tops: list[float]) -> None:
        canvas = self.canv
        shown = _numbers(canvas)
        right = shown(self.width)
        # The path as ReportLab's path object writes it, its numbers formatted once for the document.
        path = ["n"]
        for y in tops:
            at = shown(y)
            path.append(f"0 {at} m {right} {at} l")
        for boundary, x in enumerate(edges):
            across = shown(x)
            run_top: float | None = None
            for index, row in enumerate(self.rows):
                crossed = _spanned(row, boundary)
                if not crossed and run_top is None:
                    run_top = tops[index]
                if crossed and run_top is not None:
                    path.append(f"{across} {shown(run_top)} m {across} {shown(tops[index])} l")
                    run_top = None
            if run_top is not None:
                path.append(f"{across} {shown(run_top)} m {across} {shown(tops[-1])} l")
        canvas.setStrokeColor(self.rule_colour)
        canvas.setLineWidth(RULE_WIDTH)
        canvas.addLiteral(" ".join(path))
        canvas.addLiteral(PATH_OPS[1, 0, canvas._fillMode])  # type: ignore[attr-defined]  # as in _draw_fills


class _DocumentText:
    """What a document's tables write again and again, worked out once: each text encoded for the font
    subsets, ready to show, and each number as ReportLab formats it (``fp_str``). A document's subsets are
    its own, so this is kept per document being built."""

    def __init__(self, document: PDFDocument) -> None:
        self.document = document
        # By boldness, then text: the subset's font name and the text's show operator, per subset it spans.
        self.encoded: dict[bool, dict[str, tuple[tuple[str, str], ...]]] = {False: {}, True: {}}
        self.numbers: dict[float, str] = {}
        self._first = {False: _FirstSubset(), True: _FirstSubset()}

    def encode(self, bold: bool, text: str) -> tuple[tuple[str, str], ...]:
        font = cast(TTFont, pdfmetrics.getFont(FONT_BOLD if bold else FONT))  # the bundled TrueType fonts
        first = self._first[bold]
        chunks = first.encode(font, self.document, text)
        if chunks is None:
            chunks = tuple((font.getSubsetInternalName(subset, self.document), f"({escapePDF(chunk)}) Tj")
                           for subset, chunk in font.splitString(text, self.document))
            if chunks and not first.name:
                first.name = font.getSubsetInternalName(0, self.document)
        self.encoded[bold][text] = chunks
        return chunks

    def number(self, value: float) -> str:
        # fp_str depends only on the value (minus zero prints as 0), so one formatting serves every use.
        known = self.numbers.get(value)
        if known is None:
            known = self.numbers[value] = fp_str(value)
        return known


class _FirstSubset:
    """A text whose characters all have codes in a font's first subset already, as ReportLab's
    ``splitString`` would give them (ASCII has its own codes from the start): encoded with one ``translate``
    rather than ReportLab's loop over its characters, which assigns codes to new ones."""

    def __init__(self) -> None:
        self.name = ""  # the subset's font name, once ReportLab has named it
        self._codes: dict[int, str] = {}  # character -> its one-byte code, as a translate table
        self._characters: frozenset[str] = frozenset()
        self._assigned = -1  # how many codes the font had given when the table was made
        # The codes ReportLab has given the font in this document (character -> code), once it has any.
        self._assignments: dict[int, int] | None = None

    def encode(self, font: TTFont, document: PDFDocument, text: str) -> tuple[tuple[str, str], ...] | None:
        if not self.name or not text:
            return None
        assignments = self._assignments
        if assignments is None:
            state = font.state.get(document)
            if state is None:
                return None
            assignments = self._assignments = state.assignments  # type: ignore[attr-defined]  # not in the stub
        if len(assignments) != self._assigned:  # codes are only ever added
            self._codes = {character: chr(code) for character, code in assignments.items() if code < 256}
            self._characters = frozenset(map(chr, self._codes))
            self._assigned = len(assignments)
        if not self._characters.issuperset(text):
            return None
        return ((self.name, f"({escapePDF(text.translate(self._codes).encode('latin-1'))}) Tj"),)


_DOCUMENT_TEXT: WeakKeyDictionary[PDFDocument, _DocumentText] = WeakKeyDictionary()


def text_of(canvas: Canvas) -> _DocumentText:
    # Kept on the canvas, which draws one document, as well: a weak dictionary's lookup makes a weak reference.
    known: _DocumentText | None = canvas.__dict__.get("_document_text")
    if known is None:
        document: PDFDocument = canvas._doc  # type: ignore[attr-defined]  # set by Canvas, left out of its stub
        known = _DOCUMENT_TEXT.get(document)
        if known is None:
            known = _DOCUMENT_TEXT[document] = _DocumentText(document)
        canvas.__dict__["_document_text"] = known
    return known


def _numbers(canvas: Canvas) -> Callable[[float], str]:
    return text_of(canvas).number


def show_string(canvas: Canvas, x: float, y: float, text: str, bold: bool) -> None:
    """What ``canvas.drawString(x, y, text)`` writes for a non-empty text in the bundled font (``bold`` or
    not) the canvas is set to, without making a text object: a chart has dozens of labels."""
    # The canvas's font size and leading, which its stub leaves out.
    size, leading = canvas._fontsize, canvas._leading  # type: ignore[attr-defined]  # as said
    canvas.addLiteral(string_operators(canvas, x, y, text, bold, size, leading))


def string_operators(canvas: Canvas, x: float, y: float, text: str, bold: bool, size: float, leading: float
                     ) -> str:
    """``show_string``'s operators for the bundled font at ``size`` and ``leading``. Each subset the text spans
    is set, as ReportLab's text object sets it (its first subset always)."""
    written = text_of(canvas)
    chunks = written.encoded[bold].get(text) or written.encode(bold, text)
    number = written.number
    font_size = f"{number(size)} Tf {number(leading)} TL"
    shown = " ".join([f"{subset_name} {font_size} {show}" for subset_name, show in chunks])
    return f"BT 1 0 0 1 {number(x)} {number(y)} Tm {shown} T* ET"


_HEIGHT = attrgetter("height")


def _spanned(row: Row, boundary: int) -> bool:
    """Whether a cell of the row runs across the rule between columns ``boundary - 1`` and ``boundary``."""
    return 0 < boundary < len(row.cells) and row.cells[boundary] is None
