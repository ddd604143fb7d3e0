"""The page machinery: page templates, running band and footer, "Page X of Y", bookmarks and document metadata.

"Page X of Y" needs Y before the last page exists. Re-drawing every page at save time (the usual recipe) moves
bookmarks to the wrong pages, so instead each footer refers to a form XObject that ``PackCanvas.save`` draws
once, after the last page, holding the page total. The pages are laid out before they are drawn
(``pages``), so the total is known to within a digit: "Page X of " is set to end where the total's digits
(all one width in the bundled face) begin, and the whole stands flush with the right margin. Pages are drawn
exactly once and bookmarks stay true.

A part (the summary, a section) starts on a page of the ``first`` template; its later pages use ``later``,
whose frame starts below a repeat of the part's band, "Care Leavers (continued)".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A3, A4, landscape, letter, portrait
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from boardpack.layout import PageSetup
from boardpack.progress import Pages
from boardpack.render.pdf.styles import FONT, text_width
from boardpack.render.pdf.tags import TaggedCanvas, artifact, untagged

TOTAL_PAGES_FORM = "boardpackTotalPages"
FIRST, LATER = "first", "later"
_PAGE_SIZES = {"A4": A4, "A3": A3, "letter": letter}
MARGIN = 28.0
FOOTER_GAP = 22.0
# Below the footer: room for the "Page N" an agenda pack stamps 10 mm from the foot of every page.
STAMP_ROOM = 18.0
# Space above and below a part's band (its coloured background reaches into both).
BAND_ABOVE = 5.0
BAND_BELOW = 10.0
# Room the footer leaves for "Page 8888 of 8888" beside its label.
_PAGE_TEXT_ROOM = "Page 8888 of 8888"


def page_size(page: PageSetup) -> tuple[float, float]:
    size = _PAGE_SIZES[page.size]
    return landscape(size) if page.orientation == "landscape" else portrait(size)


@dataclass(frozen=True)
class Footer:
    """What every page carries at its foot: ``Appendix A · title · April 2019`` and ``Page X of Y``."""

    label: str
    size: float
    colour: Color
    rule: Color
    pages: int = 1  # the page total as laid out, for where its digits start


class PackCanvas(TaggedCanvas):
    """A canvas that counts the pages it shows and, when saved, draws their total into a form. ``on_page`` hears
    of each page once it is written."""

    def __init__(self, *args: object, footer: Footer, on_page: Pages | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages_shown = 0
        self._on_page = on_page
        self.showOutline()

    def showPage(self) -> None:
        self._pages_shown += 1
        super().showPage()
        if self._on_page is not None:
            self._on_page(self._pages_shown, self._footer.pages)

    def save(self) -> None:
        self.beginForm(TOTAL_PAGES_FORM)
        self.setFont(FONT, self._footer.size)
        self.setFillColor(self._footer.colour)
        self.drawString(0, 0, str(self._pages_shown))
        self.endForm()
        super().save()


def fit_text(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut at a word with an ellipsis so that it fits ``width``; the full title is on the cover."""
    if text_width(text, size, bold) <= width:
        return text
    words = text.split()
    low, high = 0, len(words)  # the longest prefix of words that fits lies in [low, high)
    while low < high - 1:
        middle = (low + high) // 2
        if text_width(" ".join(words[:middle]) + " …", size, bold) <= width:
            low = middle
        else:
            high = middle
    return " ".join(words[:low]) + " …" if low else "…"


def _page_box(footer: Footer) -> float:
    return text_width(_PAGE_TEXT_ROOM, footer.size)


class Repeats:
    """Drawings that write the same operators on every page they are on (a part's band on its later pages, the
    footer's label), drawn once and then copied: ReportLab lays a paragraph or a string out again each time.

    Only for drawings that begin from the same canvas state wherever they are made and leave the canvas's own
    state as they found it, so that the copy is what drawing again would write.
    """

    def __init__(self) -> None:
        self._written: dict[str, list[str]] = {}

    def draw(self, canvas: Canvas, key: str, draw: Callable[[], None]) -> None:
        code: list[str] = canvas._code  # type: ignore[attr-defined]  # the page's operators; not in Canvas's stub
        written = self._written.get(key)
        if written is None:
            start = len(code)
            draw()
            self._written[key] = code[start:]
        else:
            code.extend(written)


def draw_footer(canvas: Canvas, document: BaseDocTemplate, footer: Footer, label: str,
                repeats: Repeats | None = None) -> None:
    """The running footer; ``label`` is the footer text already fitted to the space beside the page number."""
    left, right = document.leftMargin, document.pagesize[0] - document.rightMargin
    baseline = document.bottomMargin - FOOTER_GAP + 4
    canvas.saveState()
    canvas.setStrokeColor(footer.rule)
    canvas.setLineWidth(0.5)
    canvas.line(left, baseline + footer.size + 3, right, baseline + footer.size + 3)
    canvas.setFont(FONT, footer.size)
    canvas.setFillColor(footer.colour)
    # The same font, colour and place on every page: drawing the label leaves the canvas's state alone.
    (repeats or Repeats()).draw(canvas, "footer", partial(canvas.drawString, left, baseline, label))
    total = text_width("0" * len(str(footer.pages)), footer.size)  # the digits share one width
    page_x = right - total
    canvas.drawRightString(page_x, baseline, f"Page {canvas.getPageNumber()} of ")
    canvas.translate(page_x, baseline)
    canvas.doForm(TOTAL_PAGES_FORM)
    canvas.restoreState()


def draw_continued(canvas: Canvas, document: BaseDocTemplate, band: Flowable) -> None:
    """The part's band again, ``Care Leavers (continued)``, at the head of its later pages, so a loose page says
    what it is; drawn where the band stands on the part's first page."""
    height = band.wrap(document.width, document.height)[1]
    band.drawOn(canvas, document.leftMargin, document.pagesize[1] - document.topMargin - BAND_ABOVE - height)


class BookmarkAnchor(Flowable):
    """A zero-size mark that starts a part: it binds a named destination and an outline entry to its page.

    It is placed straight after a page break, so the bookmark always lands on the page where the part begins.
    """

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.level = level

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class PartBreak(PageBreak):
    """A page break that starts a named part (the summary, a section) on a ``first`` page: its later pages
    repeat its band, "(continued)"."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title


class PartStart(Flowable):
    """Starts a named part part-way down a page, under a short part before it: the pages it runs on to repeat
    its band."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str = "en-GB"


class PackDocument(BaseDocTemplate):
    """Two page templates, a part's first page and its later pages, with the running footer drawn last on each.

    ``band`` makes a part's band from its text; the later pages' frame starts below it.
    """

    def __init__(self, path: Path, page: PageSetup, footer: Footer, metadata: Metadata,
                 band: Callable[[str], Flowable]) -> None:
        super().__init__(
            str(path),
            pagesize=page_size(page),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_GAP + STAMP_ROOM,
            title=metadata.title,
            author=metadata.author,
            subject=metadata.subject,
            keywords=list(metadata.keywords),
            creator="boardpack",
            lang=metadata.language,
            # Invariant mode fixes the creation date and document ID, so the same input gives the same bytes.
            invariant=1,
            displayDocTitle=1,
            # Start each page in the bundled font, so no unembedded standard font is ever referenced.
            initialFontName=FONT,
            initialFontSize=footer.size,
            initialLeading=footer.size * 1.2,
        )
        self._footer = footer
        self._footer_label = fit_text(footer.label, self.width - _page_box(footer) - 12, footer.size)
        self._band = band
        self._bands: dict[str, Flowable] = {}  # each part's "(continued)" band, made once
        self._repeats = Repeats()
        self.band_size = running_band_height(band, self.width)
        first = Frame(self.leftMargin, self.bottomMargin, self.width, self.height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        later = Frame(self.leftMargin, self.bottomMargin, self.width, self.height - self.band_size,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body-continued")
        self._part = ""
        self._next_part: str | None = None
        self.addPageTemplates([
            PageTemplate(FIRST, frames=[first], onPage=self._page_begins, onPageEnd=self._page_ends,
                         autoNextPageTemplate=LATER),
            PageTemplate(LATER, frames=[later], onPage=self._page_begins, onPageEnd=self._page_ends,
                         autoNextPageTemplate=LATER),
        ])

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables and isinstance(flowables[0], PartBreak):
            # Whatever the page it breaks from, a part starts on a first page.
            self.handle_nextPageTemplate(FIRST)
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, PartBreak):
            self._next_part = flowable.title
        elif isinstance(flowable, PartStart):
            self._part = flowable.title

    def _page_begins(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        # Drawn as the page begins, so that the running head comes first in the text, before the page's body.
        if self._next_part is not None:
            self._part, self._next_part = self._next_part, None
        elif self._part:
            if self._part not in self._bands:
                self._bands[self._part] = self._band(continued_title(self._part, document.width, self._band))
            with artifact(canvas, "Header"), untagged(canvas):
                # A page begins in the canvas's initial state, and a flowable draws inside saveState and
                # restoreState: the band writes the same on each of the part's later pages.
                self._repeats.draw(canvas, f"band {self._part}",
                                   partial(draw_continued, canvas, document, self._bands[self._part]))

    def _page_ends(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        with artifact(canvas, "Footer"):
            draw_footer(canvas, document, self._footer, self._footer_label, self._repeats)

    def build_pack(self, flowables: list[Flowable], on_page: Pages | None = None) -> None:
        with binary_streams():
            self.build(flowables, canvasmaker=partial(PackCanvas, footer=self._footer, on_page=on_page))


def running_band_height(band: Callable[[str], Flowable], width: float) -> float:
    """How far below the frame's top a part's later pages start: the band of one line and the space round it."""
    return BAND_ABOVE + band("Continued (continued)").wrap(width, 1e6)[1] + BAND_BELOW


def continued_title(title: str, width: float, band: Callable[[str], Flowable]) -> str:
    """``title (continued)`` on one line of the band: a long title is cut at a word (it is whole on its first
    page)."""
    style = getattr(band(""), "style", None)
    size = getattr(style, "fontSize", 12.0)
    indents = getattr(style, "leftIndent", 0.0) + getattr(style, "rightIndent", 0.0)
    room = width - indents - text_width(" (continued)", size, True) - 2
    return f"{fit_text(title, room, size, bold=True)} (continued)"


@contextmanager
def binary_streams() -> Iterator[None]:
    """Compressed page streams stored as binary rather than ASCII85 text, ReportLab's default.

    ASCII85 makes every compressed stream a quarter larger and takes a tenth of a large pack's build; no PDF
    reader of the last twenty years needs it.
    """
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before
