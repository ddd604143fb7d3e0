"""Assembling an agenda pack: the front sheet, then every item's papers in order, as one stamped PDF.

Every paper is opened and checked before anything is built, so a missing, corrupt or encrypted paper stops
the pack at once with the agenda key that names it. Layout papers are then built in a private folder. The
front sheet cites page ranges in the finished pack, and its own length moves those ranges when its pages are
numbered, so it is drawn until its length settles. By default the front sheet is not numbered and the papers
start at Page 1, as councils publish their packs. Each page is stamped "Page N" at its foot on a white backing,
the pack gets a bookmark per item and per paper (with each paper's own bookmarks beneath), and it is
published through ``OutputSet``, so a failure leaves no partial pack behind.

The pack keeps the structure tags of every tagged part (the front sheet, boardpack's reports) as one tree; the
stamps are artifacts. A paper that comes untagged stays untagged, and the result says which.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeAlias, cast

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import BooleanObject, Destination, IndirectObject, NameObject, TextStringObject
from reportlab.lib.units import mm

from boardpack.agenda import Agenda, Item, LayoutPaper, PdfPaper, load_agenda, page_range
from boardpack.exceptions import AgendaError, OutputError
from boardpack.mailing import SUMMARY_KEY, PackDetails, ReportSummary, own_title, summarise
from boardpack.pack_html import PackPages
from boardpack.pdf_quiet import pypdf_quiet
from boardpack.progress import Progress, no_progress

STAMP_SIZE = 9.0
STAMP_PADDING = 3.0
# Nothing of the stamp, its white backing included, comes nearer the paper's edge than this: printers cannot
# print to the edge, and a trimmed or hole-punched page keeps its number.
STAMP_CLEARANCE = 10 * mm
# Helvetica's descenders reach a fifth of the type size below the baseline.
STAMP_BASELINE = STAMP_CLEARANCE + STAMP_PADDING + 0.21 * STAMP_SIZE
# Enough for any pack: the sheet only grows when a page range gains a digit.
MAX_FRONT_SHEET_PASSES = 5

_PDF_FAULTS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError)
# A PDF's outline as pypdf reads it: bookmarks, each followed by a list of its children when it has any (a list
# of the same again: the recursion is left as Any, since pypdf's OutlineType nests lists, which are invariant).
_Outline: TypeAlias = Sequence[Destination | list[Any]]



@dataclass(frozen=True)
class PackedPaper:
    title: str
    first_page: int
    last_page: int


@dataclass(frozen=True)
class PackedItem:
    number: int
    title: str
    papers: tuple[PackedPaper, ...]

    @property
    def pages(self) -> tuple[int, int] | None:
        """First and last stamped page of the item's papers, or ``None`` when it has none."""
        if not self.papers:
            return None
        return self.papers[0].first_page, self.papers[-1].last_page


@dataclass(frozen=True)
class PackResult:
    path: Path
    page_count: int
    front_sheet_pages: int
    items: tuple[PackedItem, ...]
    details: PackDetails
    html: tuple[Path, ...] = ()  # the agenda's web page, then the web pages of the papers boardpack built
    untagged: tuple[str, ...] = ()  # papers with no structure tags: screen readers get no headings or tables


@dataclass(frozen=True)
class _Source:
    """A paper ready to merge: its pages, its bookmark title and, for a built report, its summary."""

    title: str
    reader: PdfReader
    summary: ReportSummary | None = None
    html: Path | None = None

    @property
    def page_count(self) -> int:
        return len(self.reader.pages)


def assemble_pack(
    agenda: Agenda | str | Path,
    out_dir: str | Path = "out",
    progress: Progress = no_progress,
) -> PackResult:
    """Write ``out_dir/<name>.pdf`` from an agenda; on any failure nothing is written."""
    chosen = agenda if isinstance(agenda, Agenda) else load_agenda(agenda)
    # pypdf reads the papers lazily, so it may log about them until the pack is written.
    with pypdf_quiet(), tempfile.TemporaryDirectory(prefix="boardpack-pack-") as temporary:
        pdfs = {paper: _open_pdf(paper) for item in chosen.items for paper in item.papers
                if isinstance(paper, PdfPaper)}
        sources: dict[int, list[_Source]] = {}
        for item in chosen.items:
            sources[item.number] = [
                pdfs[paper] if isinstance(paper, PdfPaper)
                else _build_layout(paper, Path(temporary) / f"{item.number}-{index}", progress)
                for index, paper in enumerate(item.papers, start=1)
            ]
        progress("drawing the front sheet")
        front, items = _front_sheet(chosen, sources)
        progress("stamping the pages")
        writer = _merge(chosen, front, sources, items)
        reports = tuple(
            replace(source.summary, pages=page_range(paper.first_page, paper.last_page))
            for item in items
            for source, paper in zip(sources[item.number], item.papers, strict=True)  # one paper per source
            if source.summary is not None
        )
        details = PackDetails(
            committee=chosen.committee,
            date=chosen.date_text,
            time=chosen.time,
            venue=", ".join(line.rstrip(",") for line in chosen.venue),
            pages=len(writer.pages),
            reports=reports,
        )
        _describe(writer, chosen, details)
        progress("keeping the papers' tags")
        data, untagged = _tagged(writer, chosen, front, sources)
        twins = {number: [source.html for source in found] for number, found in sources.items()}
        with PackPages(chosen, items, twins, Path(out_dir), len(front.pages), len(writer.pages)) as pages:
            path = _publish(data, Path(out_dir), f"{chosen.pack_name}.pdf")
        return PackResult(
            path=path,
            page_count=len(writer.pages),
            front_sheet_pages=len(front.pages),
            items=items,
            details=details,
            html=pages.published,
            untagged=untagged,
        )


def _open_pdf(paper: PdfPaper) -> _Source:
    """Read a paper fully now, so a damaged file fails before anything is built, naming its agenda key."""
    name = paper.path.name
    try:
        data = paper.path.read_bytes()
    except OSError as exc:
        raise AgendaError(f"cannot read {name} ({exc.strerror})", paper.where) from None
    # Readers accept a PDF header anywhere in the first kilobyte; a Word or Excel file has none.
    if b"%PDF-" not in data[:1024]:
        raise AgendaError(f"{name} is not a PDF; save the paper as PDF and list that file", paper.where)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AgendaError(
                f"{name} is encrypted (password-protected or restricted); save an unprotected copy and list that",
                paper.where,
            )
        for page in reader.pages:
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
            _ = page.cropbox  # a malformed page box fails here, not while stamping
        metadata = reader.metadata
        metadata_title = metadata.get("/Title") if metadata else None
    except AgendaError:
        raise
    except _PDF_FAULTS as exc:
        raise AgendaError(f"{name} is damaged and cannot be read ({exc}); save it again as PDF", paper.where) from None
    if not reader.pages:
        raise AgendaError(f"{name} has no pages", paper.where)
    return _Source(paper.title or own_title(metadata_title) or name, reader)


def _build_layout(paper: LayoutPaper, folder: Path, progress: Progress) -> _Source:
    from boardpack.pipeline import build

    progress(f"building {paper.layout.name}")
    result = build(layout=paper.layout, period=paper.period, out_dir=folder, formats=("pdf", "html"),
                   progress=progress)
    layout, scorecard = result.layout, result.scorecard
    report = layout.title or scorecard.title
    title = paper.title or " – ".join(part for part in (layout.appendix, report) if part)
    reader = PdfReader(io.BytesIO(result.outputs[0].read_bytes()))
    return _Source(title, reader, summarise(scorecard, report), result.outputs[1])


def _front_sheet(agenda: Agenda, sources: dict[int, list[_Source]]) -> tuple[PdfReader, tuple[PackedItem, ...]]:
    """Draw the front sheet until the page ranges it prints are those its own length gives the papers."""
    from boardpack.render.pdf.frontsheet import render_front_sheet

    front_pages = 1
    for _ in range(MAX_FRONT_SHEET_PASSES):
        first_paper_page = front_pages + 1 if agenda.number_front_sheet else 1
        items = _page_plan(agenda.items, sources, first_paper_page)
        ranges = {item.number: item.pages for item in items if item.pages is not None}
        sheet = PdfReader(io.BytesIO(render_front_sheet(agenda, ranges)))
        if len(sheet.pages) == front_pages or not agenda.number_front_sheet:
            return sheet, items
        front_pages = len(sheet.pages)
    raise AgendaError("the front sheet's length keeps changing with its page ranges; shorten the item titles",
                      agenda.where)


def _page_plan(items: Sequence[Item], sources: dict[int, list[_Source]], first_page: int) -> tuple[PackedItem, ...]:
    planned = []
    page = first_page
    for item in items:
        papers = []
        for source in sources[item.number]:
            papers.append(PackedPaper(source.title, page, page + source.page_count - 1))
            page += source.page_count
        planned.append(PackedItem(item.number, item.title, tuple(papers)))
    return tuple(planned)


def _merge(
    agenda: Agenda,
    front: PdfReader,
    sources: dict[int, list[_Source]],
    items: tuple[PackedItem, ...],
) -> PdfWriter:
    writer = PdfWriter()
    writer.append(front, import_outline=False)
    for item in agenda.items:
        for source in sources[item.number]:
            writer.append(source.reader, import_outline=False)
    # Physical page index -> stamped number; an unnumbered front sheet shifts every number back.
    shift = 1 if agenda.number_front_sheet else 1 - len(front.pages)
    _stamp(writer.pages, shift)
    writer.add_outline_item(title="Agenda", page_number=0)
    for packed in items:
        if not packed.papers:
            continue
        item_mark = writer.add_outline_item(
            title=f"{packed.number}. {packed.title}", page_number=packed.papers[0].first_page - shift
        )
        # _page_plan made one paper per source.
        for source, paper in zip(sources[packed.number], packed.papers, strict=True):
            paper_mark = writer.add_outline_item(
                title=paper.title, page_number=paper.first_page - shift, parent=item_mark, is_open=False
            )
            _copy_outline(source.reader, writer, paper_mark, paper.first_page - shift)
    return writer


def _stamp(pages: Sequence[PageObject], shift: int) -> None:
    """Stamp "Page N" centred at the foot of each numbered page, ``STAMP_CLEARANCE`` from the edge, on white so
    no background shows through. Papers keep their own footers above that: boardpack's appendix leaves
    ``render.pdf.canvas.STAMP_ROOM`` for it.

    The stamp is an artifact (pagination), in the bundled font, which is embedded as PDF/UA asks.
    """
    from reportlab.pdfgen.canvas import Canvas

    from boardpack.render.pdf.styles import FONT, register_fonts
    from boardpack.render.pdf.tags import artifact

    register_fonts()
    numbered = [(page, index + shift) for index, page in enumerate(pages) if index + shift >= 1]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=FONT,  # type: ignore[arg-type]  # stub: float, not str
                    initialFontSize=STAMP_SIZE)
    for page, number in numbered:
        if page.rotation:
            # Stamp the page as it is seen, not as it is stored sideways.
            page.transfer_rotation_to_content()
        width, height = float(page.cropbox.width), float(page.cropbox.height)
        text = f"Page {number}"
        text_width = canvas.stringWidth(text, FONT, STAMP_SIZE)
        canvas.setPageSize((width, height))
        with artifact(canvas, "Footer"):
            canvas.setFillColorRGB(1, 1, 1)
            canvas.rect((width - text_width) / 2 - STAMP_PADDING, STAMP_BASELINE - STAMP_PADDING,
                        text_width + 2 * STAMP_PADDING, STAMP_SIZE + 2 * STAMP_PADDING, stroke=0, fill=1)
            canvas.setFillColorRGB(0, 0, 0)
            canvas.setFont(FONT, STAMP_SIZE)
            canvas.drawCentredString(width / 2, STAMP_BASELINE, text)
        canvas.showPage()
    canvas.save()
    stamps = PdfReader(io.BytesIO(buffer.getvalue())).pages
    for (page, _), stamp in zip(numbered, stamps, strict=True):  # one stamp page per numbered page
        page.merge_translated_page(stamp, float(page.cropbox.left), float(page.cropbox.bottom))


def _copy_outline(reader: PdfReader, writer: PdfWriter, parent: IndirectObject, offset: int) -> None:
    """Nest a paper's own bookmarks under its pack bookmark; what a malformed outline hides is left out."""
    try:
        _copy_entries(reader, reader.outline, writer, parent, offset)
    except _PDF_FAULTS:
        return


def _copy_entries(reader: PdfReader, entries: _Outline, writer: PdfWriter, parent: IndirectObject, offset: int) -> None:
    last = parent
    for entry in entries:
        if isinstance(entry, list):
            _copy_entries(reader, entry, writer, last, offset)
            continue
        page = reader.get_destination_page_number(entry)
        if page is None or page < 0:
            last = parent
            continue
        last = writer.add_outline_item(title=str(entry.title or ""), page_number=offset + page, parent=parent,
                                       is_open=False)


def _describe(writer: PdfWriter, agenda: Agenda, details: PackDetails) -> None:
    writer.add_metadata({
        "/Title": agenda.title,
        "/Author": agenda.organisation or agenda.committee,
        "/Subject": f"Agenda pack: {agenda.committee}, {agenda.date_text}, {agenda.time}",
        "/Creator": "boardpack",
        "/Producer": "boardpack",
        # What `boardpack email` says about the meeting and its reports travels with the pack.
        SUMMARY_KEY: details.to_json(),
    })
    writer.page_mode = "/UseOutlines"
    # Viewers then show "Corporate Parenting Panel — Tuesday, 2nd July, 2019", not the file name.
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer.root_object[NameObject("/Lang")] = TextStringObject("en-GB")


def _tagged(writer: PdfWriter, agenda: Agenda, front: PdfReader, sources: dict[int, list[_Source]]
            ) -> tuple[bytes, tuple[str, ...]]:
    """The written pack with its parts' structure trees merged into one; and the papers that had none."""
    from boardpack.render.pdf.tags import PackPart, tag_pack

    buffer = io.BytesIO()
    writer.write(buffer)
    # The pages are in this order: the front sheet, then each item's papers (see ``_merge``).
    # Every reader here was opened on an io.BytesIO (see _open_pdf, _build_layout and _front_sheet).
    parts = [PackPart("front sheet", cast(io.BytesIO, front.stream).getvalue(), len(front.pages))]
    parts += [PackPart(source.title, cast(io.BytesIO, source.reader.stream).getvalue(), source.page_count)
              for item in agenda.items for source in sources[item.number]]
    return tag_pack(buffer.getvalue(), parts, agenda.title)


def _publish(data: bytes, out_dir: Path, filename: str) -> Path:
    from boardpack.output import OutputSet

    with OutputSet(out_dir) as outputs:
        target = outputs.path_for(filename)
        try:
            with open(target, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write the pack ({exc.strerror or exc})", str(out_dir / filename)) from None
        (published,) = outputs.commit()
    return published
