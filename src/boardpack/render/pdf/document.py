"""The PDF appendix: cover and key, performance on a page, the performance summary, a part per section, glossary.

The section functions mirror the spreadsheet renderer's (``title_block``, ``key``, ``summary``,
``section_page``, ``glossary``) and each returns the flowables of its part; ``render_pdf`` lays them out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, TableStyle

from boardpack.exceptions import OutputError
from boardpack.footnotes import summary_notes
from boardpack.heap import done_with
from boardpack.layout import Layout
from boardpack.model import REVISED, Dot, Rag, Scorecard, Section, Status
from boardpack.progress import Pages
from boardpack.render.pdf.canvas import (
    BAND_ABOVE,
    BAND_BELOW,
    FOOTER_GAP,
    MARGIN,
    STAMP_ROOM,
    BookmarkAnchor,
    Footer,
    Metadata,
    PackDocument,
    PartBreak,
    PartStart,
    page_size,
    running_band_height,
)
from boardpack.render.pdf.cells import BASE_FONT, TableCommand, TableNotes, chop, coloured, markup, para, tracker_notes
from boardpack.render.pdf.pages import LEAST_FILL, Frames, Page, compose, emit
from boardpack.render.pdf.release import public_note, revisions_part
from boardpack.render.pdf.sections import narrative, section_arrangements
from boardpack.render.pdf.styles import FOOTER_TEXT, MIN_TEXT, PdfStyles, styles_for
from boardpack.render.pdf.tables import summary_table
from boardpack.render.pdf.tags import KeyList, Paragraph, RowHeadedTable, Table, role
from boardpack.render.pdf.tiles import tile, tile_grid
from boardpack.render.release_text import PUBLIC_SYMBOLS, PUBLIC_TITLE
from boardpack.render.text import (
    INFORMATION_DOT_MEANING,
    NO_RATING_MEANING,
    RAG_MEANINGS,
    cover_details,
    dot_meanings,
    explain_markers,
    other_periods_note,
    report_title,
)

# Space between a short part and the part that starts under it on the same page.
PART_GAP = 18.0
NARRATIVE = (("Definition", "definition"), ("Performance analysis", "analysis"), ("Data note", "data_note"))


def render_pdf(scorecard: Scorecard, layout: Layout, path: Path, on_page: Pages | None = None,
               on_part: Pages | None = None) -> None:
    """Write the appendix for an assessed, arranged scorecard to exactly ``path``; ``on_page``, if given, is called
    with each page's number as it is written and the number of pages the appendix was laid out on, and ``on_part``
    before that with each part's number as it is laid out and the number of parts."""
    styles = styles_for(layout.theme)
    title = report_title(scorecard, layout)
    footer = Footer(
        label=" · ".join(p for p in (layout.appendix, title, scorecard.period_title) if p),
        size=max(MIN_TEXT + 0.5, styles.table_size),
        colour=HexColor(FOOTER_TEXT),
        rule=styles.grid,
    )
    metadata = Metadata(
        title=title,
        author=layout.created_by or layout.organisation,
        subject=" · ".join(p for p in (layout.appendix, layout.committee,
                                       scorecard.as_at) if p),
        keywords=tuple(k for k in (layout.committee, layout.organisation, "performance report") if k),
    )
    frames = page_frames(layout)
    parts = [_part("", title_block(scorecard, layout) + key(scorecard, layout))]
    if layout.headlines:
        parts.append(_part("Performance on a page", performance_on_a_page(scorecard, layout)))
    parts.append(_part("Performance summary", summary(scorecard, layout)))
    revisions = revisions_part(scorecard, layout)
    if revisions:
        parts.append(_part("Revisions since the last report", revisions))
    parts += [section_part(scorecard, layout, section, frames) for section in scorecard.sections]
    if layout.glossary:
        parts.append(_part("Glossary", glossary(scorecard, layout)))
    story, pages = _paginated(parts, frames, on_part)
    footer = replace(footer, pages=pages)
    document = PackDocument(Path(path), layout.page, footer, metadata, band_maker(styles))
    try:
        document.build_pack(story, on_page)
    except OSError as exc:
        raise OutputError(f"cannot write the PDF ({exc.strerror or exc})", str(path)) from None
    done_with(document, story, parts)


def band_maker(styles: PdfStyles) -> Callable[[str], Flowable]:
    """A part's band, for its later pages."""
    return lambda text: para(text, styles.band)


def page_frames(layout: Layout) -> Frames:
    """The body's width, and its height on a part's first page and below the band on its later pages."""
    width = frame_width(layout)
    # Measured a hair short of the frame, so that rounding can never push a page's last line over.
    height = frame_height(layout) - 0.5
    return Frames(width, height, height - running_band_height(band_maker(styles_for(layout.theme)), width))


@dataclass(frozen=True)
class Part:
    """A part of the appendix: its title, its part break and bookmark, and the ways to arrange the rest."""

    title: str
    head: list[Flowable]
    arrangements: list[Callable[[], list[Flowable]]]


def _part(title: str, flowables: list[Flowable]) -> Part:
    head = 0
    while head < len(flowables) and isinstance(flowables[head], (PartBreak, BookmarkAnchor)):
        head += 1
    body = flowables[head:]
    return Part(title, flowables[:head], [lambda: body])


def _paginated(parts: list[Part], frames: Frames, on_part: Pages | None = None) -> tuple[list[Flowable], int]:
    """The parts on their pages, and how many pages they take. A part on a page of its own that fills less
    than about a quarter of it (three headlines, a section of one measure) has the next part start under it,
    where that part begins with more than its band; otherwise each part starts a page."""
    story: list[Flowable] = []
    count = 0
    above: float | None = None  # how far down the page a short part before this one reaches
    for number, part in enumerate(parts, start=1):
        if on_part is not None:
            on_part(number, len(parts))
        if above is not None:
            here = replace(frames, above=above)
            pages = compose(part.arrangements, here)
            if len(pages) == 1 or pages[0].used >= LEAST_FILL * frames.first:
                anchors = [f for f in part.head if not isinstance(f, PartBreak)]
                story += [Spacer(1, PART_GAP), PartStart(part.title), *anchors, *emit(pages)]
                count += len(pages) - 1
                above = _short_end(pages, here)
                continue
        pages = compose(part.arrangements, frames)
        story += part.head + emit(pages)
        count += len(pages)
        above = _short_end(pages, frames)
    return story, count


def _short_end(pages: list[Page], frames: Frames) -> float | None:
    """How far down its page a one-page part ends, with the gap before the next, if in its top quarter."""
    if len(pages) > 1 or frames.filled(0, pages[0]) >= LEAST_FILL:
        return None
    return frames.above + pages[0].used + pages[0].after + PART_GAP


def frame_width(layout: Layout) -> float:
    return page_size(layout.page)[0] - 2 * MARGIN


def frame_height(layout: Layout) -> float:
    return page_size(layout.page)[1] - 2 * MARGIN - FOOTER_GAP - STAMP_ROOM


def _new_part(key: str, title: str) -> list[Flowable]:
    """Every part starts on a fresh page with its bookmark first, so the outline points at the right page."""
    return [PartBreak(title), BookmarkAnchor(key, title)]


def _pairs(pairs: list[tuple[str, str]], widths: tuple[float, float], styles: PdfStyles, budget: float,
           label_style: ParagraphStyle, value_style: ParagraphStyle) -> Table:
    """A two-column table of labels and texts (document details, glossary), labels shaded.

    A text too long for one page continues in the rows below, so the table always splits between rows.
    """
    rows: list[list[object]] = []
    style: list[TableCommand] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        BASE_FONT,
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BOX", (0, 0), (-1, -1), 0.4, styles.grid),
        ("LINEAFTER", (0, 0), (0, -1), 0.4, styles.grid),
        ("BACKGROUND", (0, 0), (0, -1), styles.header_fill),
    ]
    for label, text in pairs:
        labels = chop(label, label_style, widths[0] - 10, budget)
        texts = chop(text, value_style, widths[1] - 10, budget)
        if rows:
            style.append(("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.4, styles.grid))
        for index in range(max(len(labels), len(texts))):
            rows.append([labels[index] if index < len(labels) else "", texts[index] if index < len(texts) else ""])
    return Table(rows, colWidths=list(widths), style=TableStyle(style), hAlign="LEFT", renderCB=RowHeadedTable())


def _boxed(rows: Sequence[list[Flowable]], widths: list[float], styles: PdfStyles,
           extra: Sequence[TableCommand] = ()) -> Table:
    """A small fixed table of short cells (the key)."""
    style: list[TableCommand] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        BASE_FONT,
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("GRID", (0, 0), (-1, -1), 0.4, styles.grid),
        *extra,
    ]
    return Table(rows, colWidths=widths, style=TableStyle(style), hAlign="LEFT", renderCB=KeyList())


# ---------------------------------------------------------------------------------------------------------------
# Cover and key


def title_block(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """The cover: appendix label, title, committee, the month, and the document details."""
    styles = styles_for(layout.theme)
    width = frame_width(layout)
    flowables: list[Flowable] = [BookmarkAnchor("cover", "Cover and key")]
    if layout.appendix:
        flowables.append(para(layout.appendix, styles.cover_label))
    flowables.append(para(report_title(scorecard, layout), styles.cover_title))
    for line in (layout.committee, layout.organisation or scorecard.organisation):
        if line:
            flowables.append(para(line, styles.cover_line))
    flowables.append(Paragraph(f"<b>{markup(scorecard.as_at)}</b>", styles.cover_line))
    if scorecard.disclosure is not None:
        flowables.append(para(PUBLIC_TITLE, styles.cover_line))
    if layout.vision:
        flowables += [Spacer(1, 4), para(layout.vision, styles.muted)]
    flowables += [Spacer(1, 12), role(para("Document details", styles.heading), "H2")]
    flowables.append(_pairs(cover_details(scorecard, layout), (110.0, min(400.0, width - 110.0)),
                            styles, frame_height(layout) * 0.8, styles.label, styles.body))
    return flowables


def key(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """How to read the pack: DOT arrows, RAG ratings and the markers that stand in for missing figures."""
    styles = styles_for(layout.theme)
    width = frame_width(layout)
    half = (width - 12) / 2
    symbol, words = styles.symbol, styles.body
    word = scorecard.frequency.period_word
    dot_rows: list[list[Flowable]] = [
        [Paragraph(coloured(dot.arrow, styles.dot_colour[dot], True), symbol), para(meaning, words)]
        for dot, meaning in dot_meanings(word)
    ]
    dot_rows.append([Paragraph(coloured(f"{Dot.UP.arrow} {Dot.DOWN.arrow}", styles.dot_colour[Dot.UP], True), symbol),
                     para(INFORMATION_DOT_MEANING, words)])
    rag_rows: list[list[Flowable]] = []
    rag_style: list[TableCommand] = []
    for index, rag in enumerate((Rag.GREEN, Rag.AMBER, Rag.RED)):
        rag_rows.append([Paragraph(coloured(rag.word, styles.rag_text[rag], True), styles.cell_centre_large),
                         para(RAG_MEANINGS[rag], words)])
        rag_style.append(("BACKGROUND", (0, index), (0, index), styles.rag_fill[rag]))
    rag_rows.append([para("(blank)", styles.cell_centre_large),
                     para(NO_RATING_MEANING, words)])
    dots = _boxed(dot_rows, [40.0, half - 40.0], styles)
    rags = _boxed(rag_rows, [64.0, half - 64.0], styles, rag_style)
    side_by_side = Table([[
        [para("Direction of travel (DOT)", styles.heading), dots],
        [para(f"RAG rating (in {word})", styles.heading), rags],
    ]], colWidths=[half + 12, half], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        BASE_FONT,
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]), hAlign="LEFT")
    # A public edition uses only the official statistics' symbols.
    shown = PUBLIC_SYMBOLS if scorecard.disclosure is not None else tuple(Status)
    markers = [status.value for status in shown if not status.marks_a_figure]
    marks = [status.value for status in shown if status.marks_a_figure]
    if scorecard.revisions is not None:
        marks.append(REVISED)
    other = other_periods_note(scorecard)
    return [
        Spacer(1, 12),
        role(para("Key", styles.heading), "H2"),
        para(f"DOT (direction of travel) compares this {word} with the previous {word} that has a figure, taking "
             f"account of whether a high or a low figure is good for that measure. RAG compares this {word} with "
             "the target and tolerances. Colours are always paired with an arrow, a letter or a word."
             + (f" {other}" if other else ""), styles.body),
        side_by_side,
        Spacer(1, 6),
        para("Where there is no figure, the tables show one of these in its place, never a zero: "
             + explain_markers(markers) + ".", styles.body),
        para("A figure may carry a mark after it, and keeps its value and its rating: " + explain_markers(marks)
             + ".", styles.body),
        *public_note(scorecard, styles),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Performance on a page


def performance_on_a_page(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """A tile per headline indicator: the figure in words, its RAG and DOT, and the same month last year."""
    styles = styles_for(layout.theme)
    width = frame_width(layout)
    per_row = 3 if layout.page.orientation == "landscape" else 2
    gap = 10.0
    tile_width = (width - gap * (per_row - 1)) / per_row
    notes = TableNotes()
    tiles = []
    for headline in layout.headlines:
        indicator = scorecard.indicator(headline.ref)
        if indicator is not None:
            lines = tile(indicator, headline.text, scorecard.period, styles, tile_width - 15,
                          frame_height(layout) * 0.4, notes)
            tiles.append((indicator, lines))
    flowables = _new_part("performance-on-a-page", "Performance on a page")
    flowables.append(para(f"Performance on a page: {scorecard.period_title}", styles.page_title))
    if tiles:
        flowables.append(tile_grid(tiles, per_row, tile_width, gap, styles))
    return flowables + notes.flowables(styles)


# ---------------------------------------------------------------------------------------------------------------
# Performance summary


def summary(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """The whole scorecard on as many pages as it needs, header rows repeated on each."""
    styles = styles_for(layout.theme)
    built = summary_table(scorecard, styles, frame_width(layout), frame_height(layout))
    flowables = _new_part("summary", "Performance summary")
    flowables.append(Paragraph(
        f"Performance summary <font size='{styles.size + 2:g}'>· {markup(scorecard.as_at)}</font>",
        styles.page_title))
    flowables += built.flowables
    flowables += tracker_notes(summary_notes(scorecard), styles)
    flowables += built.notes.flowables(styles)
    if built.left_out:
        flowables.append(para(_shown_elsewhere(built.left_out), styles.note))
    word = scorecard.frequency.period_word
    flowables.append(para(f"DOT: direction of travel since the previous {word} (↑ improved, → no change, "
                          f"↓ declined; for information measures ↑ up and ↓ down). RAG is for the reporting {word}.",
                          styles.note))
    other = other_periods_note(scorecard)
    if other:
        flowables.append(para(other, styles.note))
    return flowables


# ---------------------------------------------------------------------------------------------------------------
# Sections


def _shown_elsewhere(left_out: tuple[str, ...]) -> str:
    """Where to find the columns the summary has no room for: ``2014/15 is shown on each section's page.``"""
    listed = left_out[0] if len(left_out) == 1 else f"{', '.join(left_out[:-1])} and {left_out[-1]}"
    verb = "is" if len(left_out) == 1 and left_out[0][:1].isdigit() else "are"
    return f"{listed[:1].upper()}{listed[1:]} {verb} shown on each section's page."


def section_page(scorecard: Scorecard, layout: Layout, section: Section) -> list[Flowable]:
    """A section's part as it is preferably arranged: title band, the trend table and its charts, then
    definition, analysis and data note."""
    part = section_part(scorecard, layout, section, page_frames(layout))
    return part.head + part.arrangements[0]()


def section_part(scorecard: Scorecard, layout: Layout, section: Section, frames: Frames) -> Part:
    """The section's part break and bookmark, and the ways to arrange the rest, its band first."""
    styles = styles_for(layout.theme)
    index = scorecard.sections.index(section) + 1 if section in scorecard.sections else 0
    head = _new_part(f"section-{index}", section.name)
    # A paragraph with a background rather than a one-cell table, so that even a huge title can split.
    band = para(section.name, styles.band)
    top = [Spacer(1, BAND_ABOVE), band, Spacer(1, BAND_BELOW)]
    text: list[Flowable] = []
    for heading, attribute in NARRATIVE:
        words = getattr(section.commentary, attribute)
        if words.strip():
            text.append(para(heading, styles.heading))
            text += narrative(words, styles)
    if not section.indicators:
        rest = [para("This section holds no indicators.", styles.muted), *tracker_notes(section.notes, styles), *text]
        return Part(section.name, head, [lambda: top + rest])
    room = frames.first - BAND_ABOVE - band.wrap(frames.width, 1e6)[1] - BAND_BELOW
    arrangements = section_arrangements(scorecard, layout, section, styles, frames, room, text)
    return Part(section.name, head, [partial(_under, top, make) for make in arrangements])


def _under(top: list[Flowable], make: Callable[[], list[Flowable]]) -> list[Flowable]:
    return top + make()


# ---------------------------------------------------------------------------------------------------------------
# Glossary


def glossary(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """The layout's terms, in its order, as a two-column table that splits between rows."""
    styles = styles_for(layout.theme)
    width = frame_width(layout)
    term_width = min(140.0, width * 0.25)
    flowables = _new_part("glossary", "Glossary")
    flowables.append(para("Glossary", styles.page_title))
    flowables.append(_pairs(list(layout.glossary), (term_width, min(width - term_width, 560.0)), styles,
                            frame_height(layout) * 0.8, styles.label, styles.body))
    return flowables
