"""How the workbook's sheets print: paper, margins, repeated titles, and the print ranges of a wide sheet.

Excel and LibreOffice shrink a sheet printed "one page wide" until its widest print range fits the paper, so a
sheet as wide as the scorecard (some 26 columns) in one range would print at about 4 pt. Here its columns are
grouped (the bands over them) and the groups packed into print ranges that each fit the paper at full size,
the title columns (ref and indicator) repeated on every page so a later range still says which row is which.
Every range prints on pages of its own, one range after another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from boardpack.layout import PageSetup

# Paper sizes Excel numbers them, with their width and height in points (portrait).
PAPERS = {"A4": (9, 595.28, 841.89), "A3": (8, 841.89, 1190.55), "letter": (1, 612.0, 792.0)}
# Inches, as Excel's page set-up takes them.
LEFT_MARGIN = RIGHT_MARGIN = 0.4
TOP_MARGIN = 0.5
BOTTOM_MARGIN = 0.6
# LibreOffice measures a character of the default font a little wider than Excel does (Carlito's 7.4 pixels
# against Calibri's 7), so a range packed to fill the page in Excel would shrink there; ranges leave room.
WIDER_ELSEWHERE = 1.06
# A row with no height of its own (a band, a title line): Excel's default for the default font.
DEFAULT_ROW_POINTS = 15.0
FOOTER_TITLE_LIMIT = 120


@dataclass(frozen=True)
class Paper:
    """A sheet's paper: Excel's number for its size, and whether it is turned landscape."""

    code: int
    width: float
    height: float
    landscape: bool

    @classmethod
    def of(cls, page: PageSetup, *, landscape: bool | None = None) -> Paper:
        code, width, height = PAPERS.get(page.size, PAPERS["A4"])
        turned = page.orientation == "landscape" if landscape is None else landscape
        return cls(code, width, height, turned)

    @property
    def printable_width(self) -> float:
        """Points across the page between the side margins."""
        across = self.height if self.landscape else self.width
        return across - (LEFT_MARGIN + RIGHT_MARGIN) * 72

    @property
    def printable_height(self) -> float:
        """Points down the page between the top and bottom margins (the header and footer sit in them)."""
        down = self.width if self.landscape else self.height
        return down - (TOP_MARGIN + BOTTOM_MARGIN) * 72

    @property
    def range_width(self) -> float:
        """The widest a print range may be, in Excel's points, to print at full size in Excel and LibreOffice."""
        return self.printable_width / WIDER_ELSEWHERE


def column_points(width: float) -> float:
    """A column ``width`` characters wide, in points on paper at full size: Excel's pixels at 96 dpi, rounded
    as the file stores them (seven to a character of the default font, and five of padding)."""
    pixels = int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)
    return pixels * 0.75


def pack_ranges(groups: Sequence[tuple[int, int]], widths: dict[int, float], titles: tuple[int, int],
                available: float) -> list[tuple[int, int]]:
    """Column spans to print, in order: ``groups`` (first and last column of each, left to right) packed so that
    each span, with the title columns repeated beside it, fits ``available`` points.

    Only neighbouring groups share a span: the columns between two that are not (on-screen trend lines) are
    not printed. The first group starts at the title columns, so they print once there. A group that cannot
    fit even alone gets a span of its own, which the one-page-wide set-up then shrinks: nothing is left out.
    """
    titles_width = sum(column_points(widths[col]) for col in range(titles[0], titles[1] + 1))
    ranges: list[tuple[int, int]] = []
    used = 0.0
    for first, last in groups:
        width = sum(column_points(widths[col]) for col in range(first, last + 1))
        if ranges and first == ranges[-1][1] + 1 and used + width <= available:
            ranges[-1] = (ranges[-1][0], last)
            used += width
            continue
        lead = titles_width if first > titles[1] else 0.0
        ranges.append((first, last))
        used = lead + width
    return ranges


@dataclass(frozen=True)
class Block:
    """Rows that read together (a section's band and its indicators): where they start, how tall they are in
    points, and how much of them must share a page for a start to make sense (the band and the first row)."""

    row: int
    height: float
    head: float


def row_points(sheet: Worksheet, row: int) -> float:
    """The height a row was given, in points, or the default for one given none."""
    # xlsxwriter keeps the height set_row gave each row here, in whole pixels, to place charts by.
    size = sheet.row_sizes.get(row)
    return size[0] * 0.75 if size and size[0] is not None else DEFAULT_ROW_POINTS


def rows_points(sheet: Worksheet, first: int, last: int) -> float:
    return sum(row_points(sheet, row) for row in range(first, last + 1))


def page_breaks(blocks: Sequence[Block], first_page: float, page: float) -> list[int]:
    """Rows to start a new page at, so that no block is split across pages, in as few pages as that allows and
    with the space left over shared out rather than all on the last page (a last page holding one small
    section under a wide margin looks like a mistake). ``first_page`` and ``page`` are the heights free for
    blocks on the first page and on each later one.

    A block taller than a page has to be split; then breaks only keep each block's head together.
    """
    if not blocks:
        return []
    if any(block.height > page for block in blocks) or blocks[0].height > first_page:
        return _heads_together(blocks, first_page, page)
    # best[i]: the fewest pages, then the least sum of squared spare space, to print blocks[:i], and where the
    # last of those pages starts.
    best: list[tuple[int, float, int]] = [(0, 0.0, 0)]
    for end in range(1, len(blocks) + 1):
        choices = []
        used = 0.0
        for start in range(end - 1, -1, -1):
            used += blocks[start].height
            room = first_page if start == 0 else page
            if used > room:
                break
            pages, cost, _ = best[start]
            choices.append((pages + 1, cost + (room - used) ** 2, start))
        best.append(min(choices))
    starts = []
    end = len(blocks)
    while end:
        end = best[end][2]
        starts.append(end)
    return sorted(blocks[start].row for start in starts if start)


def _heads_together(blocks: Sequence[Block], first_page: float, page: float) -> list[int]:
    """Breaks for blocks some of which are taller than a page: a block that fits is not split, and a taller
    one never starts with less than its head at the foot of a page."""
    breaks: list[int] = []
    free, fresh = first_page, True
    for block in blocks:
        too_tall = block.height > page
        if not fresh and block.height > free and (not too_tall or block.head > free):
            breaks.append(block.row)
            free = page
        free -= block.height
        fresh = False
        # A block taller than the space left runs on over the next pages, filling the last of them part way.
        while free < 0:
            free += page
    return breaks


def set_up_printing(sheet: Worksheet, page: PageSetup, title: str, *, repeat_rows: tuple[int, int] | None = None,
                    landscape: bool | None = None) -> Paper:
    """One page wide on the layout's paper, as many tall as needed, the header rows repeated, title and page
    numbers in the footer. Returns the paper, for a caller that lays out its print ranges to fit it."""
    paper = Paper.of(page, landscape=landscape)
    if paper.landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_paper(paper.code)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=LEFT_MARGIN, right=RIGHT_MARGIN, top=TOP_MARGIN, bottom=BOTTOM_MARGIN)
    if repeat_rows is not None:
        sheet.repeat_rows(*repeat_rows)
    if len(title) > FOOTER_TITLE_LIMIT:
        title = title[:FOOTER_TITLE_LIMIT - 1] + "…"
    # "&" starts a header/footer code, so the title's own ampersands are doubled to print literally.
    sheet.set_footer(f"&L{title.replace('&', '&&')}&RPage &P of &N")
    return paper


def print_ranges(workbook: Workbook, sheet: Worksheet, areas: Sequence[tuple[int, int, int, int]],
                 titles: tuple[int, int]) -> None:
    """Print ``areas`` (first and last column, first and last row), one after another, each on pages of its
    own, with the ``titles`` columns repeated at the left of every page.

    xlsxwriter's ``print_area`` takes one range; a print area of several is the same defined name holding the
    ranges separated by commas, as Excel itself writes it.
    """
    quoted = quote_sheetname(sheet.get_name())
    ranges = ",".join(
        f"{quoted}!{xl_rowcol_to_cell(top, first, True, True)}:{xl_rowcol_to_cell(bottom, last, True, True)}"
        for first, last, top, bottom in areas
    )
    workbook.define_name(f"{quoted}!_xlnm.Print_Area", f"={ranges}")
    sheet.repeat_columns(*titles)
