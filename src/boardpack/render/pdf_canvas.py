"""The page machinery: page template, running footer, "Page X of Y", bookmarks and document metadata.

"Page X of Y" needs Y before the last page exists. Re-drawing every page at save time (the usual recipe) moves
bookmarks to the wrong pages, so instead each footer refers to a form XObject that ``PackCanvas.save`` draws
once, after the last page, holding the page total. Pages are drawn exactly once and bookmarks stay true.
"""

from __future__ import annotations

from collections.abc import Iterator
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
from boardpack.render.pdf_styles import FONT, text_width
from boardpack.render.pdf_tags import TaggedCanvas, artifact

TOTAL_PAGES_FORM = "boardpackTotalPages"
_PAGE_SIZES = {"A4": A4, "A3": A3, "letter": letter}
MARGIN = 28.0
FOOTER_GAP = 22.0


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


class PackCanvas(TaggedCanvas):
    """A canvas that counts the pages it shows and, when saved, draws their total into a form."""

    def __init__(self, *args: object, footer: Footer, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages_shown = 0
        self.showOutline()

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages_shown += 1
        super().showPage()

    def save(self) -> None:
        self.beginForm(TOTAL_PAGES_FORM)
        self.setFont(FONT, self._footer.size)
        self.setFillColor(self._footer.colour)
        self.drawString(0, 0, str(self._pages_shown))
        self.endForm()
        super().save()


def fit_text(text: str, width: float, size: float) -> str:
    """``text`` cut at a word with an ellipsis so that it fits ``width``; the full title is on the cover."""
    if text_width(text, size) <= width:
        return text
    words = text.split()
    low, high = 0, len(words)  # the longest prefix of words that fits lies in [low, high)
    while low < high - 1:
        middle = (low + high) // 2
        if text_width(" ".join(words[:middle]) + " …", size) <= width:
            low = middle
        else:
            high = middle
    return " ".join(words[:low]) + " …" if low else "…"


def _page_box(footer: Footer) -> float:
    return text_width("Page 8888 of 8888", footer.size)


def draw_footer(canvas: Canvas, document: BaseDocTemplate, footer: Footer, label: str) -> None:
    """The running footer; ``label`` is the footer text already fitted to the space beside the page number."""
    left, right = document.leftMargin, document.pagesize[0] - document.rightMargin
    baseline = document.bottomMargin - FOOTER_GAP + 4
    page_box = _page_box(footer)
    canvas.saveState()
    canvas.setStrokeColor(footer.rule)
    canvas.setLineWidth(0.5)
    canvas.line(left, baseline + footer.size + 3, right, baseline + footer.size + 3)
    canvas.setFont(FONT, footer.size)
    canvas.setFillColor(footer.colour)
    canvas.drawString(left, baseline, label)
    page_text = f"Page {canvas.getPageNumber()} of "
    page_x = right - page_box
    canvas.drawString(page_x, baseline, page_text)
    canvas.translate(page_x + text_width(page_text, footer.size), baseline)
    canvas.doForm(TOTAL_PAGES_FORM)
    canvas.restoreState()


def draw_continued(canvas: Canvas, document: BaseDocTemplate, footer: Footer, title: str) -> None:
    """``Care Leavers (continued)`` at the head of a part's later pages, so a loose page says what it is."""
    right = document.pagesize[0] - document.rightMargin
    label = fit_text(title, document.width * 0.6, footer.size)
    canvas.saveState()
    canvas.setFont(FONT, footer.size)
    canvas.setFillColor(footer.colour)
    canvas.drawRightString(right, document.pagesize[1] - document.topMargin + 8, f"{label} (continued)")
    canvas.restoreState()


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
    """A page break that starts a named part (the summary, a section): its later pages say "(continued)"."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str = "en-GB"


class PackDocument(BaseDocTemplate):
    """One page template with a frame inside the margins and the running footer drawn last on each page."""

    def __init__(self, path: Path, page: PageSetup, footer: Footer, metadata: Metadata) -> None:
        super().__init__(
            str(path),
            pagesize=page_size(page),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_GAP,
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
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
        )
        self._part = ""
        self._next_part: str | None = None
        self.addPageTemplates([PageTemplate("pack", frames=[frame], onPage=self._page_begins,
                                            onPageEnd=self._page_ends)])

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        if isinstance(flowable, PartBreak):
            self._next_part = flowable.title

    def _page_begins(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        # Drawn as the page begins, so that the running head comes first in the text, before the page's body.
        if self._next_part is not None:
            self._part, self._next_part = self._next_part, None
        elif self._part:
            with artifact(canvas, "Header"):
                draw_continued(canvas, document, self._footer, self._part)

    def _page_ends(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        with artifact(canvas, "Footer"):
            draw_footer(canvas, document, self._footer, self._footer_label)

    def build_pack(self, flowables: list[Flowable]) -> None:
        with binary_streams():
            self.build(flowables, canvasmaker=partial(PackCanvas, footer=self._footer))


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
