"""How a section's part is arranged: its trend table, its charts and its text, on as few pages as read well.

As the papers print them, a narrow table has its charts beside it and the text continues under the charts,
flowing on below at full width once it runs past the table; a wide table has its charts underneath.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, TableStyle

from boardpack.charting import chart_indicators, section_layout
from boardpack.layout import Layout
from boardpack.model import Indicator, Scorecard, Section
from boardpack.render.pdf_cells import BASE_FONT, CellParagraph, markup, para
from boardpack.render.pdf_charts import trend_chart
from boardpack.render.pdf_grid import CellTable
from boardpack.render.pdf_styles import PdfStyles
from boardpack.render.pdf_tables import short_name, trend_tables
from boardpack.render.pdf_tags import Paragraph, Table

CHART_HEIGHT = 165.0
CHARTS_PER_ROW = 2
# A table narrower than this share of the page leaves room for its charts beside it.
SIDE_SHARE = 0.38


def _chart_block(indicator: Indicator, scorecard: Scorecard, kind: str, styles: PdfStyles, width: float,
                 height: float) -> list[Flowable]:
    title = CellParagraph(f"<b>{markup(indicator.ref)}</b> {markup(short_name(indicator.name))}", styles.cell_bold)
    return [title, Spacer(1, 3), trend_chart(indicator, scorecard, styles, width, height, kind)]


def _charts_below(blocks: list[list[Flowable]], width: float) -> list[Flowable]:
    """Charts two to a row under the table, for sections whose table needs the full width."""
    gap = 14.0
    cell_width = (width - gap * (CHARTS_PER_ROW - 1)) / CHARTS_PER_ROW
    rows = [blocks[i:i + CHARTS_PER_ROW] for i in range(0, len(blocks), CHARTS_PER_ROW)]
    rows[-1] += [""] * (CHARTS_PER_ROW - len(rows[-1]))
    table = Table(rows, colWidths=[cell_width + gap] * (CHARTS_PER_ROW - 1) + [cell_width], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        BASE_FONT,
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
        BASE_FONT,
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


def table_charts_and_text(scorecard: Scorecard, layout: Layout, section: Section, styles: PdfStyles,
                          width: float, page_height: float, room: float, text: list[Flowable]) -> list[Flowable]:
    """The trend table, its charts and the section's text, arranged to use the first page well.

    ``room`` is the height left on the section's first page, under its title band.
    """
    tables = trend_tables(scorecard, section, styles, width, page_height)
    chosen = chart_indicators(section, section_layout(layout, section), scorecard.period)
    kind = section_layout(layout, section).chart
    table_width = max(f.wrap(width, 1e6)[0] for f in tables if isinstance(f, CellTable))
    gap = 16.0
    side_width = width - table_width - gap
    left_height = _height(tables, table_width)
    if side_width >= width * SIDE_SHARE and left_height <= room and (chosen or text):
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
