"""How a section's part is arranged: its trend table, its charts and its text, together on as few pages as read well.

As the published reports print them: a table narrow enough leaves room for its charts beside it, and is widened
to the rest of the width; a wider table spans the page, its charts in a row underneath. The narrative follows at
the full width, so it reads in one measure from start to end. Each arrangement is offered at a few chart heights,
tallest first: ``pages.compose`` takes the first that leaves no page nearly empty.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from reportlab.platypus import Flowable, Spacer, TableStyle

from boardpack.charting import ChartPlan, chart_indicators, chart_plan, section_layout
from boardpack.layout import Layout
from boardpack.model import Scorecard, Section
from boardpack.render.pdf.cells import BASE_FONT, BodyParagraph, CellParagraph, markup
from boardpack.render.pdf.charts import trend_chart
from boardpack.render.pdf.pages import Frames
from boardpack.render.pdf.styles import PdfStyles
from boardpack.render.pdf.tables import TrendPlan, short_name, trend_plan, trend_tables
from boardpack.render.pdf.tags import Table
from boardpack.window import months_shown

# Chart heights offered, tallest first; a shorter chart may save the section a page.
CHART_HEIGHTS = (165.0, 135.0, 110.0)
CHART_GAP = 14.0
TABLE_GAP = 16.0
# A chart narrower than this cannot show a year of months with their labels.
MIN_CHART_WIDTH = 220.0
# Beside a table, charts take at least this share of the width.
SIDE_SHARE = 0.34
# Charts beside a table are at least this tall, however short the table.
MIN_CHART_HEIGHT = 95.0
CHARTS_PER_ROW = {True: 3, False: 2}  # landscape: three across


class _Chart(Flowable):
    """A trend chart of the size asked for, drawn (by ``charts.trend_chart``) only if it is drawn at all:
    a section is laid out several ways to find the one that reads best, and only one is printed."""

    def __init__(self, plan: ChartPlan, styles: PdfStyles, width: float, height: float) -> None:
        super().__init__()
        self.chart = (plan, styles, width, height)
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        trend_chart(*self.chart).drawOn(self.canv, 0, 0)


def _chart_title(plan: ChartPlan, styles: PdfStyles) -> CellParagraph:
    indicator = plan.indicator
    return CellParagraph(f"<b>{markup(indicator.ref)}</b> {markup(short_name(indicator.name))}", styles.cell_bold)


def _chart_block(title: CellParagraph, plan: ChartPlan, styles: PdfStyles, width: float, height: float
                 ) -> list[Flowable]:
    return [title, Spacer(1, 3), _Chart(plan, styles, width, height)]


def _chart_grid(blocks: list[list[Flowable]], columns: int, width: float) -> Table:
    """Charts ``columns`` to a row, one table row each, so that rows can go onto separate pages."""
    cell_width = (width - CHART_GAP * (columns - 1)) / columns
    rows = [blocks[i:i + columns] for i in range(0, len(blocks), columns)]
    rows[-1] = rows[-1] + [[]] * (columns - len(rows[-1]))
    return Table(rows, colWidths=[cell_width + CHART_GAP] * (columns - 1) + [cell_width], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        BASE_FONT,
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), CHART_GAP),
        ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]), hAlign="LEFT")


def _side_by_side(left: list[Flowable], right: Flowable, left_width: float, right_width: float) -> Table:
    return Table([[left, right]], colWidths=[left_width + TABLE_GAP, right_width], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        BASE_FONT,
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), TABLE_GAP),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]), hAlign="LEFT")


def _height(flowables: Sequence[Flowable], width: float) -> float:
    return sum(f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


class _Section:
    """What a section's arrangements share, worked out once: the table's plan, its charts, its tables by width."""

    def __init__(self, scorecard: Scorecard, layout: Layout, section: Section, styles: PdfStyles,
                 frames: Frames, room: float, text: list[Flowable]) -> None:
        self.scorecard = scorecard
        self.styles = styles
        self.frames = frames
        self.room = room  # under the band on the section's first page
        self.text = text
        chosen = section_layout(layout, section)
        self.charts = [chart_plan(scorecard, layout, section, indicator)
                       for indicator in chart_indicators(section, chosen, scorecard.period)]
        self.plan: TrendPlan = trend_plan(scorecard, section, styles, months_shown(scorecard, layout))
        self.landscape = frames.width > frames.first
        self._tables: dict[float, list[Flowable]] = {}
        # One title per chart for every arrangement, only one of which is drawn: a paragraph is parsed once,
        # and wrapped again only at another width (the table holding it wraps it again before drawing it).
        self._titles = [_chart_title(plan, styles) for plan in self.charts]

    def tables(self, width: float) -> list[Flowable]:
        if width not in self._tables:
            self._tables[width] = trend_tables(self.plan, self.styles, width, self.frames.later)
        return self._tables[width]

    def charts_grid(self, width: float, height: float, columns: int) -> Table:
        cell = (width - CHART_GAP * (columns - 1)) / columns
        blocks = [_chart_block(title, plan, self.styles, cell, height)
                  for title, plan in zip(self._titles, self.charts, strict=True)]
        return _chart_grid(blocks, columns, width)

    def beside(self, columns: int) -> Callable[[], list[Flowable]] | None:
        """Charts ``columns`` across beside the table, as tall as the table leaves them, if the table leaves
        room for them; else None."""
        width = self.frames.width
        side = max(columns * MIN_CHART_WIDTH + (columns - 1) * CHART_GAP, SIDE_SHARE * width)
        table_width = width - side - TABLE_GAP
        if not self.charts or self.plan.width > table_width:
            return None

        def arrangement() -> list[Flowable]:
            tables = self.tables(table_width)
            rows = -(-len(self.charts) // columns)
            # The charts share the table's height, within reason: a short table still gets readable charts.
            title = 2 * self.styles.table_size * 1.2 + 3 + 8
            height = (_height(tables, table_width) - rows * title) / rows
            height = min(CHART_HEIGHTS[0], max(MIN_CHART_HEIGHT, height))
            block = _side_by_side(tables, self.charts_grid(side, height, columns), table_width, side)
            if block.wrap(width, 1e6)[1] > self.room:  # the pair would not start under the band
                return self.below(CHART_HEIGHTS[-1])
            return [block, *self.text]

        return arrangement

    def below(self, chart_height: float) -> list[Flowable]:
        """The table across the page, its charts in a row (or rows) underneath."""
        width = self.frames.width
        tables = self.tables(width)
        if not self.charts:
            return tables + self.text
        columns = min(len(self.charts), CHARTS_PER_ROW[self.landscape])
        return [*tables, Spacer(1, 10), self.charts_grid(width, chart_height, columns), *self.text]


def section_arrangements(scorecard: Scorecard, layout: Layout, section: Section, styles: PdfStyles, frames: Frames,
                         room: float, text: list[Flowable]) -> list[Callable[[], list[Flowable]]]:
    """The ways to lay out a section's table, charts and ``text`` under its band, the preferred first: charts
    beside the table, two across or one, when the table leaves room; then charts under it, tallest first."""
    plan = _Section(scorecard, layout, section, styles, frames, room, text)
    if not plan.charts:
        return [partial(plan.below, CHART_HEIGHTS[0])]
    beside = [made for made in (plan.beside(2), plan.beside(1)) if made is not None]
    return beside + [partial(plan.below, height) for height in CHART_HEIGHTS]


def narrative(text: str, styles: PdfStyles) -> list[Flowable]:
    """Officer text as paragraphs: a blank line starts a new one, a single line break is kept. A paragraph
    never leaves a line or two alone at a page's foot or head."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [BodyParagraph(markup(block), styles.body) for block in blocks if block]
