"""Tagged PDF (PDF/UA-1): the structure tree, marked content and artifacts, in one place.

Drawing code calls small hooks from here; nothing else in the renderers knows about tags.

- While a page is drawn, every piece of content is either marked with an MCID and owned by a structure element
  (``Paragraph`` and ``figure`` below, the cells of ``CellTable`` through ``table_cells``, the cells of a
  ReportLab ``Table`` through its render callbacks) or marked as an artifact (``artifact``: running heads and
  footers, page numbers, rules and fills). A ``Recorder`` on the canvas collects the elements in reading
  order, which is the order the pages are drawn in.
- ``TaggedCanvas.save`` then writes the tree. A large pack has one element per table cell, some 60,000, so
  they are written straight into compressed object streams after ReportLab's own objects, with one
  cross-reference stream for the whole file, rather than built up object by object in a PDF library.
  The catalog gains StructTreeRoot, MarkInfo and XMP metadata (dc:title, pdfuaid:part 1); each page has
  StructParents and Tabs /S; the fonts' ToUnicode maps lose the entries that map unused codes to U+0000.
- ``tag_pack`` merges the trees of an assembled agenda pack's parts into one (with pikepdf), renumbering the
  parent tree, and says which parts had no tags to keep.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from html import escape
from itertools import accumulate
from typing import IO, TYPE_CHECKING, Any, Protocol, cast

from reportlab import platypus
from reportlab.pdfbase.pdfdoc import PDFInfo, PDFName, PDFPages
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from boardpack.model import Comparison, Frequency, Indicator, Month, period_label
from boardpack.render.pdf.deflate import deflated_in_turn, page_streams_deflated
from boardpack.render.text import format_number

if TYPE_CHECKING:
    import pikepdf

LANGUAGE = "en-GB"
# Paragraph styles whose text is a heading, by the style's name; every other paragraph is a P.
HEADING_STYLES = {"cover_title": "H1", "page_title": "H2", "band": "H2", "heading": "H3"}
# Structure elements whose paragraphs are their own content: a cell's text belongs to the cell, not to a P in it.
CELL_ROLES = frozenset({"TD", "TH", "Lbl", "LBody"})
_ARTIFACT = {"": "/Artifact BMC", "Header": "/Artifact <</Type/Pagination/Subtype/Header>> BDC",
             "Footer": "/Artifact <</Type/Pagination/Subtype/Footer>> BDC"}
_OBJECTS_PER_STREAM = 500

# A structure element as the Recorder keeps it: a list for an element that gains kids as pages are drawn, a tuple
# for a table cell. Their items differ in type by position, which a list's type cannot say.
_Element = Sequence[Any]
# One of an element's kids: a child element's number, or marked content as (page, MCID).
_Kid = int | tuple[int, int]


# ---------------------------------------------------------------------------------------------------------------
# What was drawn, in reading order


class Recorder:
    """The structure elements of one document and the marked content each owns, page by page.

    An element is ``[role, parent, kids, extra]``: ``kids`` holds child element numbers (ints) and marked
    content as ``(page, mcid)``; ``extra`` is ready-made PDF for its attributes and alternative text. A table
    cell, which never gains kids, is the tuple ``(role, parent, page, mcid, extra)`` (``mcid`` -1 when it
    is empty). Lists and tuples rather than objects, since a large pack makes tens of thousands of them.
    """

    def __init__(self) -> None:
        self.elements: list[_Element] = [["Document", -1, [], ""]]
        self.stack = [0]  # the open containers; content and new elements go into the last
        self.page = 0
        self.owners: list[list[int]] = [[]]  # per page: the element owning each MCID

    def new_page(self) -> None:
        self.page += 1
        self.owners.append([])

    def element(self, role: str, parent: int, extra: str = "") -> int:
        number = len(self.elements)
        self.elements.append([role, parent, [], extra])
        self.elements[parent][2].append(number)
        return number

    def mark(self, element: int) -> int:
        """A new MCID on this page for ``element``'s content."""
        owners = self.owners[self.page]
        mcid = len(owners)
        owners.append(element)
        self.elements[element][2].append((self.page, mcid))
        return mcid

    def begin(self, role: str, continuing: list[int | None] | None = None, extra: str = "") -> str:
        """Open marked content for a paragraph, figure or cell: the BDC operator to emit.

        ``continuing`` is shared by the pieces of one paragraph split over pages: they make one element, as long
        as they are drawn in the same container.
        """
        parent = self.stack[-1]
        if role == "P" and self.elements[parent][0] in CELL_ROLES:
            element = parent
        elif continuing is not None and continuing[0] is not None and self.elements[continuing[0]][1] == parent:
            element = continuing[0]
        else:
            element = self.element(role, parent, extra)
            if continuing is not None:
                continuing[0] = element
        return f"/{self.elements[element][0]}<</MCID {self.mark(element)}>>BDC"


def recorder_of(canvas: Canvas) -> Recorder | None:
    return getattr(canvas, "tags", None)


@contextmanager
def artifact(canvas: Canvas, kind: str = "") -> Iterator[None]:
    """Content that is not part of the document's text: a rule, a fill, a running head (``Header``) or footer
    (``Footer``). Marked on any canvas, tagged or not."""
    canvas.addLiteral(_ARTIFACT[kind])
    try:
        yield
    finally:
        canvas.addLiteral("EMC")


@contextmanager
def untagged(canvas: Canvas) -> Iterator[None]:
    """Flowables drawn as page furniture (a part's band repeated on its later pages): inside an artifact they
    must mark no structure of their own, so the recorder is set aside while they draw."""
    recorder = recorder_of(canvas)
    if recorder is None:
        yield
        return
    canvas.tags = None  # type: ignore[attr-defined]  # TaggedCanvas's recorder, set aside for the furniture
    try:
        yield
    finally:
        canvas.tags = recorder  # type: ignore[attr-defined]  # and put back


@contextmanager
def figure(canvas: Canvas, alt: str, width: float, height: float) -> Iterator[None]:
    """A drawing that carries information: a Figure element with its alternative text and its box on the page."""
    recorder = recorder_of(canvas)
    if recorder is None:
        yield
        return
    left, bottom = canvas.absolutePosition(0, 0)
    right, top = canvas.absolutePosition(width, height)
    extra = (f"/Alt {pdf_text(alt)}/A<</O/Layout/BBox[{left:.2f} {bottom:.2f} {right:.2f} {top:.2f}]"
             f"/Placement/Block>>")
    element = recorder.element("Figure", recorder.stack[-1], extra)
    canvas.addLiteral(f"/Figure<</MCID {recorder.mark(element)}>>BDC")
    try:
        yield
    finally:
        canvas.addLiteral("EMC")


class Paragraph(platypus.Paragraph):
    """ReportLab's Paragraph, its text marked as it is drawn: a heading by its style (``HEADING_STYLES``), else a
    P, unless ``role`` says otherwise. A paragraph split over pages stays one element."""

    role = ""
    actual_text = ""  # what a screen reader should say instead of the printed text
    _continuing: list[int | None] | None = None

    def draw(self) -> None:
        recorder = recorder_of(self.canv)
        if recorder is None:
            super().draw()
            return
        role = self.role or HEADING_STYLES.get(self.style.name, "P")
        extra = f"/ActualText {pdf_text(self.actual_text)}" if self.actual_text else ""
        self.canv.addLiteral(recorder.begin(role, self._thread(), extra))
        try:
            super().draw()
        finally:
            self.canv.addLiteral("EMC")

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        pieces = super().split(available_width, available_height)
        thread = self._thread()
        for piece in cast("list[Paragraph]", pieces):  # ReportLab splits a paragraph into paragraphs of its class
            piece.role, piece.actual_text = self.role, self.actual_text
            piece._continuing = thread
        return pieces

    def _thread(self) -> list[int | None]:
        if self._continuing is None:
            self._continuing = [None]
        return self._continuing


def role(paragraph: Paragraph, name: str, actual_text: str = "") -> Paragraph:
    """``paragraph`` tagged as ``name`` (``H2``, say) whatever its style, read as ``actual_text`` if given."""
    paragraph.role = name
    paragraph.actual_text = actual_text
    return paragraph


class Group(Flowable):
    """A zero-size mark in the story that opens a structure element (``L``, ``LI``) holding what follows,
    until the matching ``EndGroup``."""

    _ZEROSIZE = 1

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        recorder = recorder_of(self.canv)
        if recorder is not None:
            recorder.stack.append(recorder.element(self.role, recorder.stack[-1]))


class EndGroup(Group):
    def __init__(self) -> None:
        super().__init__("")

    def draw(self) -> None:
        recorder = recorder_of(self.canv)
        if recorder is not None:
            recorder.stack.pop()


# ---------------------------------------------------------------------------------------------------------------
# Tables


def continued(original: Flowable, pieces: Sequence[Flowable]) -> None:
    """The pieces a table split into are one table; the later pieces repeat its header rows as artifacts."""
    thread = original.__dict__.setdefault("_tag_table", [None])
    for index, piece in enumerate(pieces):
        piece._tag_table = thread  # type: ignore[attr-defined]  # tagging's own marks: a Flowable takes any attribute
        repeats = index > 0 or getattr(original, "_tag_repeats", False)
        piece._tag_repeats = repeats  # type: ignore[attr-defined]  # as above, a mark of tagging's own


_SCOPES = {"Column": "/Scope/Column", "Row": "/Scope/Row", "": ""}


@cache
def _cell_extra(scope: str, span: int) -> str:
    inner = _SCOPES[scope] + (f"/ColSpan {span}" if span > 1 else "")
    return f"/A<</O/Table{inner}>>" if inner else ""


_COLUMN_HEADER = _cell_extra("Column", 1)
_ROW_HEADER = _cell_extra("Row", 1)


# What tagging reads of grid's tables and cells (grid imports this module, so not the other way round).
class _GridTable(Protocol):
    header_rows: int


class _GridCell(Protocol):
    @property
    def lines(self) -> Sequence[object]: ...
    @property
    def span(self) -> int: ...


class _CellTags:
    """The Table, TR, TH and TD elements of one drawn piece of a ``CellTable``, and the marks that open each
    cell's content in the table's text operators. Header rows are TH (scope Column); in the body the first
    cell is a TH (scope Row), the rest TD. A piece that continues a table on a later page adds its body rows
    to the same Table and marks its repeated header rows as artifacts."""

    def __init__(self, recorder: Recorder, table: _GridTable) -> None:
        self.recorder = recorder
        self.header_rows = table.header_rows
        self.repeats = getattr(table, "_tag_repeats", False)
        thread = table.__dict__.setdefault("_tag_table", [None])
        if thread[0] is None:
            thread[0] = recorder.element("Table", recorder.stack[-1])
        self.table = thread[0]
        # A table is drawn on one page: its elements and MCIDs are appended here directly, as this runs for
        # every cell of a large pack.
        self.elements = recorder.elements
        self.owners = recorder.owners[recorder.page]
        self.page = recorder.page

    def row(self, row: int, cells: Sequence[_GridCell | None]) -> list[str | None]:
        """Record the row's cells; for each, the operator opening its marked content (closed by ``CLOSE``),
        or None when there is nothing to draw (a column spanned over, or an empty cell)."""
        if self.repeats and row < self.header_rows:
            return [_ARTIFACT[""] if cell is not None and cell.lines else None for cell in cells]
        elements = self.elements
        tr = self.recorder.element("TR", self.table)
        tr_kids = elements[tr][2]
        owners = self.owners
        page = self.page
        header = row < self.header_rows
        opening = _opening(len(owners) + len(cells))
        marks: list[str | None] = []
        number = len(elements)
        for column, cell in enumerate(cells):
            if cell is None:
                marks.append(None)
                continue
            span = cell.span
            if header:
                role, extra = "TH", _COLUMN_HEADER if span == 1 else _cell_extra("Column", span)
            elif column == 0:
                role, extra = "TH", _ROW_HEADER if span == 1 else _cell_extra("Row", span)
            elif span == 1:
                role, extra = "TD", ""
            else:
                role, extra = "TD", _cell_extra("", span)
            tr_kids.append(number)
            if cell.lines:
                mcid = len(owners)
                owners.append(number)
                elements.append((role, tr, page, mcid, extra))
                marks.append(opening[role][mcid])
            else:
                elements.append((role, tr, -1, -1, extra))
                marks.append(None)
            number += 1
        return marks


_OPENINGS: dict[str, list[str]] = {"TD": [], "TH": []}


def _opening(count: int) -> dict[str, list[str]]:
    """The operators opening a cell's marked content, by role and MCID, for MCIDs below ``count``: a page has
    hundreds of cells, and every page numbers them from 0."""
    for role, made in _OPENINGS.items():
        if len(made) < count:
            made += [f"/{role}<</MCID {mcid}>>BDC" for mcid in range(len(made), count)]
    return _OPENINGS


class _UntaggedCells:
    def row(self, row: int, cells: Sequence[_GridCell | None]) -> list[str | None]:
        return ["" if cell is not None and cell.lines else None for cell in cells]


_UNTAGGED_CELLS = _UntaggedCells()
# Closes the marked content a non-empty mark from ``table_cells`` opened.
CLOSE = "EMC"


def table_cells(canvas: Canvas, table: _GridTable) -> _CellTags | _UntaggedCells:
    """The tagger for a ``CellTable`` about to draw its text: ``row`` gives each cell's opening mark."""
    recorder = recorder_of(canvas)
    return _UNTAGGED_CELLS if recorder is None else _CellTags(recorder, table)


class _TableCallback:
    """ReportLab Table render callbacks: fills and rules as artifacts, each cell's text tagged.

    The plain (layout) kind adds no structure: the flowables in its cells tag themselves. A data kind adds a
    Table (or L) element with a row element per row and a cell element per cell. ReportLab passes the callback
    to the pieces a table splits into, so one instance per table keeps its pieces one element.
    """

    container = ""  # "Table" or "L"; empty for layout

    def __init__(self) -> None:
        self.element: int | None = None
        self.open: list[str] = []

    # ``args`` are the event's own: a cell's row, column, value, style, position and size.
    def __call__(self, table: platypus.Table, event: str, *args: Any) -> None:
        canvas = table.canv
        recorder = recorder_of(canvas)
        if event in ("startBG", "startLines"):
            canvas.addLiteral("/Artifact BMC")
        elif event in ("endBG", "endLines"):
            canvas.addLiteral("EMC")
        elif recorder is None:
            self._untagged_cell(canvas, event, args)
        elif event == "startTable" and self.container:
            if self.element is None:
                self.element = recorder.element(self.container, recorder.stack[-1])
            recorder.stack.append(self.element)
        elif event == "endTable" and self.container:
            recorder.stack.pop()
        elif event == "startRow" and self.container:
            recorder.stack.append(recorder.element(self.row_role, recorder.stack[-1]))
        elif event == "endRow" and self.container:
            recorder.stack.pop()
        elif event == "startCell":
            row, column, value = args[0], args[1], args[2]
            if self.container:
                role, extra = self.cell(row, column)
                recorder.stack.append(recorder.element(role, recorder.stack[-1], extra))
            self.open.append(self._string_cell(canvas, recorder, value))
        elif event == "endCell":
            if self.open.pop():
                canvas.addLiteral("EMC")
            if self.container:
                recorder.stack.pop()

    row_role = "TR"

    def cell(self, row: int, column: int) -> tuple[str, str]:
        raise NotImplementedError

    @staticmethod
    def _string_cell(canvas: Canvas, recorder: Recorder, value: object) -> str:
        """ReportLab draws a string cell itself: its text is the cell's (or a P), an empty one an artifact."""
        if isinstance(value, (list, tuple, Flowable)):
            return ""
        if str(value).strip():
            canvas.addLiteral(recorder.begin("P"))
        else:
            canvas.addLiteral("/Artifact BMC")
        return "open"

    def _untagged_cell(self, canvas: Canvas, event: str, args: tuple[Any, ...]) -> None:
        if event == "startCell":
            string = not isinstance(args[2], (list, tuple, Flowable))
            if string:
                canvas.addLiteral("/Artifact BMC")
            self.open.append("open" if string else "")
        elif event == "endCell" and self.open.pop():
            canvas.addLiteral("EMC")


class RowHeadedTable(_TableCallback):
    """A table of labelled rows (document details, glossary, meeting details): the label a TH of its row."""

    container = "Table"

    def cell(self, row: int, column: int) -> tuple[str, str]:
        return ("TH", _cell_extra("Row", 1)) if column == 0 else ("TD", "")


class KeyList(_TableCallback):
    """A two-column key laid out as a table (arrow or rating, then its meaning): a list of labelled items."""

    container = "L"
    row_role = "LI"

    def cell(self, row: int, column: int) -> tuple[str, str]:
        return ("Lbl", "") if column == 0 else ("LBody", "")


class Table(platypus.Table):
    """ReportLab's Table with its fills and rules marked as artifacts. Pass ``renderCB=RowHeadedTable()`` (or
    ``KeyList()``) for a table of data; by default it only lays out flowables that tag themselves."""

    # ``kwargs``: ReportLab's other Table arguments, passed on as they are.
    def __init__(self, data: Sequence[list[Any] | tuple[Any, ...]], *, renderCB: _TableCallback | None = None,
                 **kwargs: Any) -> None:
        super().__init__(
            data,
            renderCB=renderCB or _TableCallback(),  # type: ignore[arg-type]  # ReportLab just calls it; stub: its base
            **kwargs,
        )



# ---------------------------------------------------------------------------------------------------------------
# Writing the tree


class _Document(Protocol):
    """What is used here of ReportLab's PDFDocument, whose stub leaves out its pages."""

    Pages: PDFPages
    delayedFonts: list[Any]  # fonts, or anything else with addObjects(document)
    idToObject: Mapping[object, Any]  # ReportLab's objects, of every kind, by name
    idToObjectNumberAndVersion: dict[str, tuple[int, int]]
    info: PDFInfo

    def GetPDFData(self, canvas: Canvas) -> bytes: ...


class TaggedCanvas(Canvas):
    """A canvas that records structure as it is drawn and saves a tagged PDF."""

    # Canvas's own, set by its __init__ and left out of its stub.
    _doc: _Document
    _code: list[str]
    _filename: str | IO[bytes]

    # ReportLab's Canvas arguments, passed on as they are.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("pdfVersion", (1, 7))
        kwargs["lang"] = kwargs.get("lang") or LANGUAGE
        super().__init__(*args, **kwargs)
        self.tags = Recorder()
        self.setViewerPreference("DisplayDocTitle", "true")

    def showPage(self) -> None:
        page_index = self.tags.page
        super().showPage()
        page = self._doc.Pages.pages[-1]
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = page_index
        page.Tabs = PDFName("S")
        self.tags.new_page()

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        document = self._doc
        # Runs after every font has made its objects, before anything is written.
        document.delayedFonts.append(_UnicodeMapFixer())
        with page_streams_deflated(document.Pages.pages):
            data = document.GetPDFData(self)
        pages = [document.idToObjectNumberAndVersion[page.__InternalName__][0] for page in document.Pages.pages]
        data = write_structure(data, self.tags, pages, str(document.info.title or ""))
        if hasattr(self._filename, "write"):
            self._filename.write(data)
        else:
            with open(self._filename, "wb") as handle:
                handle.write(data)


class _UnicodeMapFixer:
    """Poses as one more font in ReportLab's list of fonts to write, so it runs after the real ones."""

    def addObjects(self, document: _Document) -> None:
        for name, stream in document.idToObject.items():
            if isinstance(name, str) and name.startswith("toUnicodeCMap:"):
                stream.content = fixed_unicode_map(stream.content)


_CMAP_ENTRY = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_NOT_CHARACTERS = {0x0000, 0xFEFF, 0xFFFE}


def fixed_unicode_map(cmap: str) -> str:
    """A ToUnicode CMap without entries that map to U+0000, U+FEFF or U+FFFE (PDF/UA forbids them).

    ReportLab's TrueType subsets map every unused code below 32 to U+0000. Entries are written in blocks of at
    most 100, as the CMap format asks.
    """
    start, end = cmap.find("beginbfchar"), cmap.find("endbfchar")
    if start < 0 or end < 0:
        return cmap
    head = cmap[:cmap.rfind("\n", 0, start) + 1]
    entries = [(code, target) for code, target in _CMAP_ENTRY.findall(cmap[start:end])
               if len(target) != 4 or int(target, 16) not in _NOT_CHARACTERS]
    blocks = []
    for first in range(0, len(entries), 100):
        block = entries[first:first + 100]
        blocks.append(f"{len(block)} beginbfchar\n" + "\n".join(f"<{c}> <{t}>" for c, t in block) + "\nendbfchar")
    return head + "\n".join(blocks) + cmap[end + len("endbfchar"):]


def pdf_text(text: str) -> str:
    """A PDF text string: literal if ASCII, else UTF-16BE with its byte order mark."""
    if text.isascii():
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("\r", "\\r") + ")"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def xmp(title: str) -> bytes:
    """XMP metadata with the title and the PDF/UA-1 claim, and nothing that changes from build to build."""
    return ("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
            f"{escape(title, quote=False)}</rdf:li></rdf:Alt></dc:title>\n"
            f"<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>\n"
            "<pdfuaid:part>1</pdfuaid:part>\n"
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
            "<?xpacket end=\"w\"?>").encode()


def _elements(recorder: Recorder, first: int, tree_root: int, pages: list[int], leading: list[str]
              ) -> Iterator[list[str]]:
    """The tree's objects, an object stream's worth at a time: ``leading`` (the objects numbered before the
    elements), then each element as a PDF dictionary, element ``i`` being object ``first + i``. All ASCII (see
    ``pdf_text``)."""
    on_page = [f"/Pg {number} 0 R/K " for number in pages]
    elements = recorder.elements
    written = list(leading)
    # A row's cells follow one another, with one parent on one page: what they share is written once a row.
    row_parent = row_page = -1
    shared = ""
    start = 0
    while True:
        stop = start + _OBJECTS_PER_STREAM - len(written)
        append = written.append
        for element in elements[start:stop]:
            if element.__class__ is tuple:  # a table cell
                role, parent, page, mcid, extra = element
                if mcid < 0:
                    append(f"<</S/{role}/P {first + parent} 0 R{extra}>>")
                    continue
                if parent != row_parent or page != row_page:
                    row_parent, row_page = parent, page
                    shared = f"/P {first + parent} 0 R{on_page[page]}"
                append(f"<</S/{role}{shared}{mcid}{extra}>>")
                continue
            role, parent, kids, extra = element
            owner = tree_root if parent < 0 else first + parent
            if len(kids) == 1 and kids[0].__class__ is tuple:
                # Most other elements (a paragraph, a heading) own one piece of content.
                page, mcid = kids[0]
                append(f"<</S/{role}/P {owner} 0 R{on_page[page]}{mcid}{extra}>>")
                continue
            page = None
            items = []
            for kid in kids:
                if kid.__class__ is int:
                    items.append(f"{first + kid} 0 R")
                elif page is None or kid[0] == page:
                    page = kid[0]
                    items.append(str(kid[1]))
                else:
                    items.append(f"<</Type/MCR/Pg {pages[kid[0]]} 0 R/MCID {kid[1]}>>")
            where = f"/Pg {pages[page]} 0 R" if page is not None else ""
            content = f"/K[{' '.join(items)}]" if len(items) > 1 else f"/K {items[0]}" if items else ""
            append(f"<</S/{role}/P {owner} 0 R{where}{content}{extra}>>")
        yield written
        if stop >= len(elements):
            return
        written = []
        start = stop


def _parent_tree(recorder: Recorder, first: int) -> str:
    numbers = [f"{page}[" + "%d 0 R " * len(owners) % tuple([first + owner for owner in owners]) + "]"
               for page, owners in enumerate(recorder.owners[:recorder.page])]
    return f"<</Nums[{' '.join(numbers)}]>>"


def _object_stream(first_number: int, members: list[str]) -> tuple[bytes, int]:
    """The text of an object stream holding objects ``first_number`` onwards, before compression; and its
    /First."""
    pairs: list[int] = [0] * (2 * len(members))
    pairs[0::2] = range(first_number, first_number + len(members))
    pairs[1::2] = accumulate(map((1).__add__, map(len, members[:-1])), initial=0)
    head = "%d %d " * len(members) % tuple(pairs) + "\n"
    return (head + "\n".join(members) + "\n").encode("ascii"), len(head)


def _trailer_entry(pattern: bytes, trailer: bytes) -> bytes:
    found = re.search(pattern, trailer)
    assert found is not None, "unexpected trailer"  # ReportLab writes all four entries
    return found.group(1)


# A cross-reference stream's entry (W[1 4 2]): its type, then where the object is (type 1: its offset; type 2:
# the object stream's number, then its index there).
_XREF_ENTRY = struct.Struct(">BIH")


@cache
def _member_indexes() -> tuple[bytes, ...]:
    return tuple(index.to_bytes(2, "big") for index in range(_OBJECTS_PER_STREAM))


def _in_object_stream(stream: int, count: int) -> bytes:
    """The cross-reference entries of an object stream's ``count`` members, without a Python step for each."""
    prefix = b"\x02" + stream.to_bytes(4, "big")
    return prefix + prefix.join(_member_indexes()[:count])


def write_structure(data: bytes, recorder: Recorder, pages: list[int], title: str) -> bytes:
    """ReportLab's PDF with the structure tree added: its objects as they are, the catalog rewritten, the tree in
    object streams and one cross-reference stream for the whole file."""
    xref_at = int(data[data.rindex(b"startxref") + 9:].split()[0])
    trailer = data[data.index(b"trailer", xref_at):]
    size = int(_trailer_entry(rb"/Size (\d+)", trailer))
    root = int(_trailer_entry(rb"/Root (\d+) 0 R", trailer))
    info = int(_trailer_entry(rb"/Info (\d+) 0 R", trailer))
    ident = _trailer_entry(rb"/ID\s*(\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\])", trailer)
    offsets = [int(entry) for entry in re.findall(rb"(\d{10}) \d{5} n", data[xref_at:xref_at + 20 * size + 40])]
    assert len(offsets) == size - 1, "unexpected cross-reference table"

    # The catalog is taken out and written again at the end with the new entries.
    start = offsets[root - 1]
    end = data.index(b"endobj", start) + len(b"endobj\n")
    catalog = data[start:end]
    catalog_body = catalog[catalog.index(b"<<"):catalog.rindex(b">>")]
    body = data[:start] + data[end:xref_at]
    offsets = [offset - (end - start) if offset > start else offset for offset in offsets]

    metadata, tree_root, parent_tree = size, size + 1, size + 2
    first_element = size + 3
    leading = [
        f"<</Type/StructTreeRoot/K {first_element} 0 R/ParentTree {parent_tree} 0 R"
        f"/ParentTreeNextKey {recorder.page}>>",
        _parent_tree(recorder, first_element),
    ]
    # Each object stream is compressed while the next is written.
    heads: list[int] = []
    counts: list[int] = []
    first_stream = tree_root  # until the tree's objects are numbered
    with deflated_in_turn(1) as streams:
        # Level 1: the tree is a few megabytes of repetitive text, and the default level takes four times as
        # long for a tenth less.
        for members in _elements(recorder, first_element, tree_root, pages, leading):
            text, head = _object_stream(first_stream, members)
            streams.add(text)
            heads.append(head)
            counts.append(len(members))
            first_stream += len(members)
        packed_streams = streams.results()

    out = [body]
    position = len(body)
    written_at: dict[int, int] = {}

    def add(number: int, text: bytes) -> None:
        nonlocal position
        chunk = f"{number} 0 obj\n".encode() + text + b"\nendobj\n"
        written_at[number] = position
        out.append(chunk)
        position += len(chunk)

    add(root, catalog_body + f"/StructTreeRoot {tree_root} 0 R/MarkInfo<</Marked true>>/Metadata {metadata} 0 R"
        .encode() + b"\n>>")
    packet = xmp(title)
    add(metadata, f"<</Type/Metadata/Subtype/XML/Length {len(packet)}>>\nstream\n".encode() + packet
        + b"\nendstream")
    for index, (packed, head, count) in enumerate(zip(packed_streams, heads, counts, strict=True)):
        add(first_stream + index, f"<</Type/ObjStm/N {count}/First {head}/Filter/FlateDecode/Length {len(packed)}>>"
            f"\nstream\n".encode() + packed + b"\nendstream")
    xref_number = first_stream + len(counts)
    written_at[xref_number] = position
    entry = _XREF_ENTRY.pack
    table = zlib.compress(b"".join([
        entry(0, 0, 65535),
        *[entry(1, written_at.get(number, offset), 0) for number, offset in enumerate(offsets, start=1)],
        entry(1, written_at[metadata], 0),
        *[_in_object_stream(first_stream + index, count) for index, count in enumerate(counts)],
        *[entry(1, written_at[number], 0) for number in range(first_stream, xref_number + 1)],
    ]), 1)
    out.append(f"{xref_number} 0 obj\n<</Type/XRef/Size {xref_number + 1}/W[1 4 2]/Root {root} 0 R/Info {info} 0 R"
               f"/ID".encode() + ident + f"/Filter/FlateDecode/Length {len(table)}>>\nstream\n".encode() + table
               + f"\nendstream\nendobj\nstartxref\n{position}\n%%EOF\n".encode())
    return b"".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Alternative text for charts


def _span(first: Month, last: Month, frequency: Frequency) -> str:
    """``April to September 2023``, ``April 2022 to March 2023``, ``Q1 2024/25 to Q3 2024/25``."""
    if frequency is not Frequency.MONTHLY:
        labels = [period_label(month, frequency) for month in (first, last)]
        return labels[0] if first == last else f"{labels[0]} to {labels[1]}"
    if first == last:
        return first.long_label
    if first.year == last.year:
        return f"{first.long_label.split()[0]} to {last.long_label}"
    return f"{first.long_label} to {last.long_label}"


_TARGET_WORDS = {
    Comparison.AT_LEAST: "{} or more",
    Comparison.MORE_THAN: "more than {}",
    Comparison.AT_MOST: "{} or less",
    Comparison.LESS_THAN: "less than {}",
}


def _target_words(indicator: Indicator) -> str:
    """The target line the chart draws, in words: ``95% or more``, ``14 to 20``."""
    threshold = indicator.thresholds.green or indicator.thresholds.amber
    if threshold is None:
        return ""
    value = _round_figure(threshold.value, indicator)
    if threshold.comparison is Comparison.BETWEEN and threshold.upper is not None:
        return f"{value} to {_round_figure(threshold.upper, indicator)}"
    return _TARGET_WORDS.get(threshold.comparison, "{}").format(value)


def _round_figure(value: float, indicator: Indicator) -> str:
    """A target as it is said: ``95%`` rather than ``95.0%``, but ``10.8%`` as it is."""
    return re.sub(r"\.0+(?=\D*$)", "", format_number(value, indicator.unit))


@dataclass(frozen=True)
class PackPart:
    """One part of an assembled pack, in page order: the PDF it came from and how many pages it has."""

    title: str
    data: bytes
    pages: int


def tag_pack(data: bytes, parts: Sequence[PackPart], title: str) -> tuple[bytes, tuple[str, ...]]:
    """The pack with one structure tree made of its parts' trees, and the titles of the parts that had none.

    The first part (the front sheet) fills the Document; each later tagged part becomes a Part in it. Marked
    content keeps its MCIDs: only the pages it points at and the parent tree are renumbered.
    """
    import pikepdf

    pack = pikepdf.open(io.BytesIO(data))
    pages = [page.obj for page in pack.pages]
    document = pack.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document))
    owners: dict[int, dict[int, pikepdf.Object]] = {}
    kids: list[pikepdf.Object] = []
    role_map = pikepdf.Dictionary()
    untagged: list[str] = []
    first_page = 0
    for index, part in enumerate(parts):
        source = pikepdf.open(io.BytesIO(part.data))
        copier = _TreeCopy(pack, source, pages[first_page:first_page + part.pages], first_page)
        try:
            copied = _copy_tree(source, copier, document, flatten=index == 0)
        except (pikepdf.PdfError, KeyError, ValueError, TypeError, AttributeError, RecursionError):
            copied = None  # a tree that cannot be read is left out whole, and the paper reported as untagged
        if copied is None:
            untagged.append(part.title)
        else:
            kids += copied
            for page_index, mcids in copier.owners.items():
                owners.setdefault(page_index, {}).update(mcids)
            for key, value in source.Root.StructTreeRoot.get("/RoleMap", pikepdf.Dictionary()).items():
                if key not in role_map:
                    role_map[key] = value if not getattr(value, "is_indirect", False) else pack.copy_foreign(value)
        first_page += part.pages
    document.K = pikepdf.Array(kids)
    numbers = pikepdf.Array()
    for page_index in sorted(owners):
        mcids = owners[page_index]
        numbers.append(page_index)
        numbers.append(pikepdf.Array([mcids.get(m) for m in range(max(mcids) + 1)]))
        pages[page_index].StructParents = page_index
    root = pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=document,
                              ParentTree=pack.make_indirect(pikepdf.Dictionary(Nums=numbers)),
                              ParentTreeNextKey=len(pages))
    if role_map:
        root.RoleMap = role_map
    document.P = pack.Root.StructTreeRoot = pack.make_indirect(root)
    pack.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pack.Root.Metadata = pack.make_stream(xmp(title), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    for page in pages:
        page.Tabs = pikepdf.Name.S
    _fix_fonts(pack)
    out = io.BytesIO()
    pack.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue(), tuple(untagged)


def _copy_tree(source: pikepdf.Pdf, copier: _TreeCopy, document: pikepdf.Object, flatten: bool
               ) -> list[pikepdf.Object] | None:
    """The part's top-level elements copied into the pack, or None when it has no tags to keep. The front
    sheet's Document is flattened into the pack's; a paper's becomes a Part."""
    import pikepdf

    tree = source.Root.get("/StructTreeRoot")
    marked = bool(source.Root.get("/MarkInfo", pikepdf.Dictionary()).get("/Marked", False))
    if tree is None or not marked:
        return None
    kids: list[pikepdf.Object] = []
    for top in _kids(tree):
        if flatten and _role(top) == "Document":
            kids += [copier.copy(kid, document) for kid in _kids(top) if _is_element(kid)]
        elif _is_element(top):
            copied = copier.copy(top, document)
            if _role(top) == "Document":
                copied.S = pikepdf.Name.Part
            kids.append(copied)
    return kids


def _role(element: pikepdf.Object) -> str:
    return str(element.get("/S", ""))[1:]


def _is_element(kid: pikepdf.Object) -> bool:
    import pikepdf

    return isinstance(kid, pikepdf.Dictionary) and "/S" in kid


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


class _TreeCopy:
    """Copies a part's structure elements into the pack, pointing them at the pack's copies of its pages."""

    def __init__(self, pack: pikepdf.Pdf, source: pikepdf.Pdf, pack_pages: list[pikepdf.Dictionary], first_page: int
                 ) -> None:
        self.pack = pack
        self.page_of = {page.obj.objgen: index for index, page in enumerate(source.pages)}
        self.pack_pages = pack_pages
        self.first_page = first_page
        self.owners: dict[int, dict[int, pikepdf.Object]] = {}  # pack page -> MCID -> copied element

    def copy(self, element: pikepdf.Object, parent: pikepdf.Object) -> pikepdf.Object:
        import pikepdf

        copied = self.pack.make_indirect(pikepdf.Dictionary())
        for key, value in element.items():
            if key not in ("/P", "/K", "/Pg"):
                indirect = getattr(value, "is_indirect", False)
                copied[key] = self.pack.copy_foreign(value) if indirect else _direct_copy(value)
        copied.P = parent
        page = self._page(element.get("/Pg"))
        if page is not None:
            copied.Pg = self.pack_pages[page]
        kids = pikepdf.Array()
        children: Sequence[pikepdf.Object | int] = _kids(element)  # pikepdf gives numbers as Python ints (stub: Object)
        for kid in children:
            if isinstance(kid, int):
                if page is not None:
                    kids.append(int(kid))
                    self._own(page, int(kid), copied)
            elif _is_element(kid):
                kids.append(self.copy(kid, copied))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                where = self._page(kid.get("/Pg")) if "/Pg" in kid else page
                if where is not None:
                    kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=self.pack_pages[where],
                                                   MCID=int(kid.MCID)))
                    self._own(where, int(kid.MCID), copied)
            # Object references (annotations) are not carried over: the pack rebuilds its own annotations.
        if len(kids):
            copied.K = kids[0] if len(kids) == 1 else kids
        return copied

    def _page(self, page: pikepdf.Object | None) -> int | None:
        if page is None:
            return None
        return self.page_of.get(page.objgen)

    def _own(self, page: int, mcid: int, element: pikepdf.Object) -> None:
        self.owners.setdefault(self.first_page + page, {})[mcid] = element


def _direct_copy(value: pikepdf.Object) -> pikepdf.Object:
    """A direct value (an attribute dictionary, a string) made afresh in the pack."""
    import pikepdf

    return pikepdf.Object.parse(value.unparse()) if isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) else value


def _fix_fonts(pack: pikepdf.Pdf) -> None:
    """Every font's ToUnicode map without the U+0000 entries (the pack's own "Page N" stamps included)."""
    import pikepdf

    seen: set[tuple[int, int]] = set()

    def visit(resources: pikepdf.Object | None) -> None:
        if resources is None:
            return
        for font in resources.get("/Font", pikepdf.Dictionary()).values():
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in seen:
                continue
            seen.add(cmap.objgen)
            text = cmap.read_bytes().decode("latin-1")
            fixed = fixed_unicode_map(text)
            if fixed != text:
                cmap.write(zlib.compress(fixed.encode("latin-1")), filter=pikepdf.Name.FlateDecode)
        for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                visit(xobject.get("/Resources"))

    for page in pack.pages:
        visit(page.obj.get("/Resources"))
