"""The PDF appendix: cover and key, performance on a page, the performance summary, a part per section, glossary.

The section functions mirror the spreadsheet renderer's (``title_block``, ``key``, ``summary``,
``section_page``, ``glossary``) and each returns the flowables of its part; ``render_pdf`` lays them out.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from boardpack.exceptions import OutputError
from boardpack.layout import Layout, SectionLayout
from boardpack.model import Dot, Figure, Indicator, Month, Polarity, Rag, Scorecard, Section, Status
from boardpack.render.pdf_canvas import FOOTER_GAP, MARGIN, BookmarkAnchor, Footer, Metadata, PackDocument, page_size
from boardpack.render.pdf_charts import trend_chart
from boardpack.render.pdf_styles import MUTED_TEXT, PdfStyles, styles_for
from boardpack.render.pdf_tables import (
    PAD,
    CellParagraph,
    coloured,
    explain_markers,
    markup,
    muted_line,
    para,
    short_name,
    status_pair,
    summary_table,
    target_text,
    trend_tables,
)
from boardpack.render.text import format_parts, format_value

CHART_HEIGHT = 165.0
CHARTS_PER_ROW = 2
NARRATIVE = (("Definition", "definition"), ("Performance analysis", "analysis"), ("Data note", "data_note"))
DOT_WORDS = {
    Dot.IMPROVED: "Improved on",
    Dot.DECLINED: "Worse than",
    Dot.SAME: "Same as",
    Dot.UP: "Up on",
    Dot.DOWN: "Down on",
}
RAG_MEANINGS = {
    Rag.GREEN: "On or better than target",
    Rag.AMBER: "Short of target but within tolerance",
    Rag.RED: "Outside tolerance: needs attention",
}


def render_pdf(scorecard: Scorecard, layout: Layout, path: Path) -> None:
    """Write the appendix for an assessed, arranged scorecard to exactly ``path``."""
    styles = styles_for(layout.theme)
    title = report_title(scorecard, layout)
    footer = Footer(
        label=" · ".join(p for p in (layout.appendix, title, scorecard.period.long_label) if p),
        size=max(6.5, styles.table_size),
        colour=styles.muted_colour,
        rule=styles.grid,
    )
    metadata = Metadata(
        title=title,
        author=layout.created_by or layout.organisation,
        subject=" · ".join(p for p in (layout.appendix, layout.committee,
                                       f"as at month end {scorecard.period.long_label}") if p),
        keywords=tuple(k for k in (layout.committee, layout.organisation, "performance report") if k),
    )
    story: list[Flowable] = []
    story += title_block(scorecard, layout)
    story += key(scorecard, layout)
    if layout.headlines:
        story += performance_on_a_page(scorecard, layout)
    story += summary(scorecard, layout)
    for section in scorecard.sections:
        story += section_page(scorecard, layout, section)
    if layout.glossary:
        story += glossary(scorecard, layout)
    try:
        PackDocument(Path(path), layout.page, footer, metadata).build_pack(story)
    except OSError as exc:
        raise OutputError(f"cannot write the PDF ({exc.strerror or exc})", str(path)) from None


def report_title(scorecard: Scorecard, layout: Layout) -> str:
    return layout.title or scorecard.title or "Performance report"


def frame_width(layout: Layout) -> float:
    return page_size(layout.page)[0] - 2 * MARGIN


def frame_height(layout: Layout) -> float:
    return page_size(layout.page)[1] - 2 * MARGIN - FOOTER_GAP


def _new_part(key: str, title: str) -> list[Flowable]:
    """Every part starts on a fresh page with its bookmark first, so the outline points at the right page."""
    return [PageBreak(), BookmarkAnchor(key, title)]


def _boxed(rows: list[list[object]], widths: list[float], styles: PdfStyles, extra: list[tuple] = ()) -> Table:
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("GRID", (0, 0), (-1, -1), 0.4, styles.grid),
        *extra,
    ]
    return Table(rows, colWidths=widths, style=TableStyle(style), hAlign="LEFT", splitInRow=1)


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
    for line in (layout.committee, layout.organisation):
        if line:
            flowables.append(para(line, styles.cover_line))
    flowables.append(Paragraph(f"<b>As at month end: {markup(scorecard.period.long_label)}</b>", styles.cover_line))
    if layout.vision:
        flowables += [Spacer(1, 4), para(layout.vision, styles.muted)]
    details = [
        ("Status", layout.status),
        ("Date created", layout.created),
        ("Created by", layout.created_by),
        ("Contact", layout.contact),
        ("Reporting period", f"{scorecard.period.long_label} (financial year {scorecard.period.financial_year_label})"),
    ]
    rows = [[para(label, styles.cell_bold), para(value, styles.cell)] for label, value in details if value]
    flowables += [Spacer(1, 12), para("Document details", styles.heading)]
    flowables.append(_boxed(rows, [110.0, min(360.0, width - 110.0)], styles,
                            [("BACKGROUND", (0, 0), (0, -1), styles.header_fill)]))
    return flowables


def key(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """How to read the pack: DOT arrows, RAG ratings and the markers that stand in for missing figures."""
    styles = styles_for(layout.theme)
    width = frame_width(layout)
    half = (width - 12) / 2
    arrow = styles.cell_centre
    dot_rows = [
        [Paragraph(coloured(Dot.IMPROVED.arrow, styles.dot_colour[Dot.IMPROVED], True), arrow),
         para("Improvement in performance since the previous month", styles.cell)],
        [Paragraph(coloured(Dot.SAME.arrow, styles.dot_colour[Dot.SAME], True), arrow),
         para("No movement: the same as the previous month", styles.cell)],
        [Paragraph(coloured(Dot.DECLINED.arrow, styles.dot_colour[Dot.DECLINED], True), arrow),
         para("Decline in performance since the previous month", styles.cell)],
        [Paragraph(coloured(f"{Dot.UP.arrow} {Dot.DOWN.arrow}", styles.dot_colour[Dot.UP], True), arrow),
         para("Increase or decrease in a measure reported for information (no good direction)", styles.cell)],
    ]
    rag_rows = []
    rag_style: list[tuple] = []
    for index, rag in enumerate((Rag.GREEN, Rag.AMBER, Rag.RED)):
        rag_rows.append([Paragraph(coloured(rag.word, styles.rag_text[rag], True), arrow),
                         para(RAG_MEANINGS[rag], styles.cell)])
        rag_style.append(("BACKGROUND", (0, index), (0, index), styles.rag_fill[rag]))
    rag_rows.append([para("(blank)", arrow), para("No rating: reported for information, or no target set", styles.cell)])
    dots = _boxed(dot_rows, [36.0, half - 36.0], styles)
    rags = _boxed(rag_rows, [56.0, half - 56.0], styles, rag_style)
    side_by_side = Table([[
        [para("Direction of travel (DOT)", styles.heading), dots],
        [para("RAG rating (in month)", styles.heading), rags],
    ]], colWidths=[half + 12, half], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]), hAlign="LEFT")
    markers = [status.value for status in Status]
    return [
        Spacer(1, 12),
        para("Key", styles.heading),
        para("DOT (direction of travel) compares this month with the previous month that has a figure, taking "
             "account of whether a high or a low figure is good for that measure. RAG compares this month with "
             "the target and tolerances. Colours are always paired with an arrow, a letter or a word.", styles.body),
        side_by_side,
        Spacer(1, 6),
        para("Where a figure is missing the pack prints a marker, never a zero: " + explain_markers(markers) + ".",
             styles.body),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Performance on a page


def _previous_month(indicator: Indicator, period: Month) -> Month | None:
    earlier = [o.month for o in indicator.observations if o.month < period and o.figure.has_value]
    return max(earlier) if earlier else None


def headline_sentence(indicator: Indicator, text: str) -> str:
    """``93.4% of LAC visits up to date``: the current figure, then the layout's words for it."""
    current = indicator.assessment.current if indicator.assessment else None
    figure = format_value(current, indicator.unit)
    return f"{figure} {text}".strip()


def _last_year_text(indicator: Indicator, period: Month) -> str:
    """``Same month last year (Apr-18): 95.2%``, or nothing when the tracker has no figure for that month."""
    month = period.shift(-12)
    figure: Figure | None = indicator.assessment.same_month_last_year if indicator.assessment else None
    if figure is None:
        return ""
    shown = format_value(figure, indicator.unit)
    if figure.value is None:
        reason = figure.status.explanation if figure.status else "no figure"
        return f"Same month last year ({month.label}): {shown} ({reason})"
    return f"Same month last year ({month.label}): {shown}"


TILE_LINES = 5


def _tile_lines(indicator: Indicator, text: str, period: Month, styles: PdfStyles) -> list[Paragraph]:
    """The five lines of a tile: figure, sentence, RAG and DOT, same month last year, ref and target."""
    assessment = indicator.assessment
    current = assessment.current if assessment else None
    parts = format_parts(current)
    sentence = markup(text.strip()) + (f" ({markup(parts)})" if parts else "")
    if current is None or current.value is None:
        reason = current.status.explanation if current is not None and current.status else "no figure"
        sentence += f" <font color='{MUTED_TEXT}'>({markup(reason)} for {markup(period.label)})</font>"
    status_bits = []
    rag = assessment.rag if assessment else None
    dot = assessment.dot if assessment else None
    if rag:
        status_bits.append(coloured(f"RAG: {rag.word}", styles.rag_text[rag], True))
    elif indicator.polarity is Polarity.INFO:
        status_bits.append("For information")
    previous = _previous_month(indicator, period)
    if dot:
        where = f" {previous.label}" if previous else " last month"
        status_bits.append(coloured(f"{dot.arrow} {DOT_WORDS[dot]}{where}", styles.dot_colour[dot], True))
    target = target_text(indicator)
    small = " · ".join(p for p in (indicator.ref, f"Target {target}" if target else "", indicator.unit.label) if p)
    return [
        para(format_value(current, indicator.unit), styles.tile_figure),
        CellParagraph(sentence, styles.tile_text),
        CellParagraph(" &nbsp; ".join(status_bits) or "No rating", styles.body),
        para(_last_year_text(indicator, period), styles.body),
        CellParagraph(muted_line(small, styles.table_size), styles.body),
    ]


def _tile_grid(tiles: list[tuple[Indicator, list[Paragraph]]], per_row: int, tile_width: float, gap: float,
               styles: PdfStyles, frame: float) -> Table:
    """Tiles as one flat table, a column per tile and a row per line, so even a very long sentence can split.

    Each row of tiles is kept on one page when it fits on one.
    """
    widths: list[float] = []
    for column in range(per_row):
        widths += [tile_width] + ([gap] if column < per_row - 1 else [])
    rows: list[list[object]] = []
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for start in range(0, len(tiles), per_row):
        top = len(rows)
        if top:
            rows.append([""] * len(widths))
            style.append(("TOPPADDING", (0, top), (-1, top), gap / 2))
            top += 1
        group = tiles[start:start + per_row]
        for line in range(TILE_LINES):
            row: list[object] = [""] * len(widths)
            for position, (_, lines) in enumerate(group):
                row[position * 2] = lines[line]
            rows.append(row)
        height = 0.0
        for line in range(TILE_LINES):
            height += max(lines[line].wrap(tile_width - 15, 1e6)[1] for _, lines in group) + 4
        if height < frame * 0.9:
            style.append(("NOSPLIT", (0, top), (-1, top + TILE_LINES - 1)))
        style += [("TOPPADDING", (0, top), (-1, top), 6), ("BOTTOMPADDING", (0, top + TILE_LINES - 1),
                                                              (-1, top + TILE_LINES - 1), 6)]
        for position, (indicator, _) in enumerate(group):
            column = position * 2
            style.append(("BOX", (column, top), (column, top + TILE_LINES - 1), 0.6, styles.grid))
            rag = indicator.assessment.rag if indicator.assessment else None
            if rag:
                style += [("LINEBEFORE", (column, top), (column, top + TILE_LINES - 1), 5, styles.rag_text[rag]),
                          ("BACKGROUND", (column, top + 2), (column, top + 2), styles.rag_fill[rag])]
    return Table(rows, colWidths=widths, style=TableStyle(style), hAlign="LEFT", splitInRow=1)


def performance_on_a_page(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """A tile per headline indicator: the figure in words, its RAG and DOT, and the same month last year."""
    styles = styles_for(layout.theme)
    width = frame_width(layout)
    per_row = 3 if layout.page.orientation == "landscape" else 2
    gap = 10.0
    tile_width = (width - gap * (per_row - 1)) / per_row
    tiles = []
    for headline in layout.headlines:
        indicator = scorecard.indicator(headline.ref)
        if indicator is not None:
            tiles.append((indicator, _tile_lines(indicator, headline.text, scorecard.period, styles)))
    flowables = _new_part("performance-on-a-page", "Performance on a page")
    flowables.append(para(f"Performance on a page: {scorecard.period.long_label}", styles.page_title))
    if tiles:
        flowables.append(_tile_grid(tiles, per_row, tile_width, gap, styles, frame_height(layout)))
    return flowables


# ---------------------------------------------------------------------------------------------------------------
# Performance summary


def summary(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """The whole scorecard on as many pages as it needs, header rows repeated on each."""
    styles = styles_for(layout.theme)
    built = summary_table(scorecard, styles, frame_width(layout))
    flowables = _new_part("summary", "Performance summary")
    flowables.append(Paragraph(
        f"Performance summary <font size='{styles.size + 2:g}'>· As at month end: "
        f"{markup(scorecard.period.long_label)}</font>", styles.page_title))
    flowables.append(built.table)
    if built.notes.note():
        flowables.append(para(built.notes.note(), styles.note))
    if built.left_out:
        flowables.append(para(f"For want of width this table leaves out {', '.join(built.left_out)}; each "
                              "section's pages show them in full.", styles.note))
    flowables.append(para("DOT: direction of travel since the previous month (↑ improved, → no change, ↓ declined; "
                          "for information measures ↑ up and ↓ down). RAG is for the reporting month.", styles.note))
    return flowables


# ---------------------------------------------------------------------------------------------------------------
# Sections


def section_layout(layout: Layout, section: Section) -> SectionLayout:
    wanted = " ".join(section.name.lower().split())
    for candidate in layout.sections:
        if " ".join(candidate.title.lower().split()) == wanted:
            return candidate
    return SectionLayout(title=section.name, refs=tuple(i.ref for i in section.indicators))


def chart_indicators(section: Section, section_layout: SectionLayout, period: Month) -> list[Indicator]:
    """The layout's chart refs; without them, up to two measures that have a target, else the first with data."""
    if section_layout.chart == "none":
        return []
    by_ref = {indicator.ref: indicator for indicator in section.indicators}
    if section_layout.chart_refs:
        return [by_ref[ref] for ref in section_layout.chart_refs if ref in by_ref]
    window = set(period.trend_window())

    def has_data(indicator: Indicator) -> bool:
        return any(o.month in window and o.month <= period and o.figure.has_value for o in indicator.observations)

    with_data = [i for i in section.indicators if has_data(i)]
    targeted = [i for i in with_data if i.thresholds.any]
    return (targeted or with_data)[:CHARTS_PER_ROW]


def _chart_block(indicator: Indicator, scorecard: Scorecard, kind: str, styles: PdfStyles, width: float,
                 height: float) -> list[Flowable]:
    title = CellParagraph(f"<b>{markup(indicator.ref)}</b> {markup(short_name(indicator.name))}", styles.cell_bold)
    return [title, Spacer(1, 3), trend_chart(indicator, scorecard.period, styles, width, height, kind)]


def _charts_below(blocks: list[list[Flowable]], width: float) -> list[Flowable]:
    """Charts two to a row under the table, for sections whose table needs the full width."""
    gap = 14.0
    cell_width = (width - gap * (CHARTS_PER_ROW - 1)) / CHARTS_PER_ROW
    rows = [blocks[i:i + CHARTS_PER_ROW] for i in range(0, len(blocks), CHARTS_PER_ROW)]
    rows[-1] += [""] * (CHARTS_PER_ROW - len(rows[-1]))
    table = Table(rows, colWidths=[cell_width + gap] * (CHARTS_PER_ROW - 1) + [cell_width], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), gap),
        ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]), hAlign="LEFT")
    return [Spacer(1, 10), table]


def _height(flowables: list[Flowable], width: float) -> float:
    return sum(f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _side_by_side(left: list[Flowable], right: list[Flowable], left_width: float, right_width: float,
                  gap: float) -> Table:
    return Table([[left, right]], colWidths=[left_width + gap, right_width], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), gap),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]), hAlign="LEFT")


def fill(flowables: list[Flowable], width: float, height: float, styles: PdfStyles
         ) -> tuple[list[Flowable], list[Flowable]]:
    """Split ``flowables`` into what fits in ``width`` x ``height`` and the rest, breaking a paragraph if need be.

    A heading is never left at the foot of the fitted part: it moves on with its text.
    """
    fitted: list[Flowable] = []
    used = 0.0
    for index, flowable in enumerate(flowables):
        needed = flowable.wrap(width, height - used)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if used + needed <= height:
            fitted.append(flowable)
            used += needed
            continue
        room = height - used - flowable.getSpaceBefore()
        pieces = flowable.split(width, room) if room > 0 and isinstance(flowable, Paragraph) else []
        rest = flowables[index:]
        if len(pieces) == 2:
            fitted.append(pieces[0])
            rest = [pieces[1]] + flowables[index + 1:]
        break
    else:
        rest = []
    while fitted and getattr(fitted[-1], "style", None) is styles.heading:
        rest.insert(0, fitted.pop())
    return fitted, rest


def _table_and_charts(scorecard: Scorecard, layout: Layout, section: Section, styles: PdfStyles, room: float,
                      text: list[Flowable]) -> list[Flowable]:
    """The trend table, its charts and the section's text, arranged to use the first page well.

    As the papers print them, a narrow table has its charts beside it and the text continues under the charts,
    flowing on below at full width when it runs past the table; a wide table has its charts underneath.
    ``room`` is the height left on the section's first page.
    """
    width = frame_width(layout)
    tables = trend_tables(scorecard, section, styles, width)
    chosen = chart_indicators(section, section_layout(layout, section), scorecard.period)
    kind = section_layout(layout, section).chart
    table_width = max(f.wrap(width, 1e6)[0] for f in tables if isinstance(f, Table))
    gap = 16.0
    side_width = width - table_width - gap
    left_height = _height(tables, table_width)
    if side_width >= width * 0.38 and left_height <= room and (chosen or text):
        title_height = 2 * styles.table_size * 1.2 + 13
        # With text to place the charts are kept compact so the text can start beside the table.
        spare = room / max(1, len(chosen)) - title_height
        chart_height = min(150.0 if text else 190.0, spare)
        if not chosen or chart_height >= 110:
            right: list[Flowable] = []
            for indicator in chosen:
                right += _chart_block(indicator, scorecard, kind, styles, side_width, chart_height)
                right.append(Spacer(1, 10))
            beside, below = fill(text, side_width, max(left_height, room) - _height(right, side_width), styles)
            block = _side_by_side(tables, right + beside, table_width, side_width, gap)
            return [block] + ([Spacer(1, 4)] + below if below else [])
    if not chosen:
        return tables + text
    cell_width = (width - 14.0 * (CHARTS_PER_ROW - 1)) / CHARTS_PER_ROW
    blocks = [_chart_block(i, scorecard, kind, styles, cell_width, CHART_HEIGHT) for i in chosen]
    return tables + _charts_below(blocks, width) + text


def narrative(text: str, styles: PdfStyles) -> list[Flowable]:
    """Officer text as paragraphs: a blank line starts a new one, a single line break is kept."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [para(block, styles.body) for block in blocks if block]


def section_page(scorecard: Scorecard, layout: Layout, section: Section) -> list[Flowable]:
    """A section's part: title band, the trend table, its charts, then definition, analysis and data note."""
    styles = styles_for(layout.theme)
    width = frame_width(layout)
    index = scorecard.sections.index(section) + 1 if section in scorecard.sections else 0
    flowables = _new_part(f"section-{index}", section.name)
    # A paragraph with a background rather than a one-cell table, so that even a huge title can split.
    band = para(section.name, styles.band)
    flowables += [Spacer(1, 5), band, Spacer(1, 12)]
    text: list[Flowable] = []
    for heading, attribute in NARRATIVE:
        words = getattr(section.commentary, attribute)
        if words.strip():
            text.append(para(heading, styles.heading))
            text += narrative(words, styles)
    if section.indicators:
        room = frame_height(layout) - band.wrap(width, 1e6)[1] - 17
        flowables += _table_and_charts(scorecard, layout, section, styles, room, text)
    else:
        flowables += [para("This section holds no indicators.", styles.muted)] + text
    return flowables


# ---------------------------------------------------------------------------------------------------------------
# Glossary


def glossary(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """The layout's terms, in its order, as a two-column table that splits between rows."""
    styles = styles_for(layout.theme)
    width = frame_width(layout)
    rows = [[para(term, styles.body_bold), para(meaning, styles.body)] for term, meaning in layout.glossary]
    term_width = min(140.0, width * 0.25)
    flowables = _new_part("glossary", "Glossary")
    flowables.append(para("Glossary", styles.page_title))
    flowables.append(_boxed(rows, [term_width, min(width - term_width, 520.0)], styles,
                            [("BACKGROUND", (0, 0), (0, -1), styles.header_fill)]))
    return flowables
