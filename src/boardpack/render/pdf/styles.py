"""Fonts, colours and paragraph styles for the PDF, built once per theme.

Every style object the PDF uses is made here, once, from ``layout.theme``; the renderer only picks from them.
Thousands of cells share a handful of ParagraphStyles, which keeps a 1,000-indicator pack quick to build.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from boardpack.layout import Theme
from boardpack.model import Dot, Rag

FONT = "BoardpackSans"
FONT_BOLD = "BoardpackSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

WHITE = "#FFFFFF"
BLACK = "#000000"
# Neutral structure colours that no layout has asked to change: table rules and muted small print.
# #595959 on white is 7:1, so muted text still reads for everyone.
GRID = "#A6A6A6"
CHART_GRID = "#D9D9D9"
MUTED_TEXT = "#595959"
# The running footer and head: darker than small print (10:1 on white), as a loose page is read by them.
FOOTER_TEXT = "#404040"
# Nothing in the papers is printed smaller than this; body text is two points above it.
MIN_TEXT = 7.0
PAGE_BACKGROUND = WHITE
MINIMUM_CONTRAST = 4.5


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu faces once per process; the PDF never looks for a system font."""
    package = resources.files("boardpack") / "fonts"
    for name, filename in _FONT_FILES.items():
        data = (package / filename).read_bytes()
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def legible(text: str, background: str) -> str:
    """The theme's text colour if it reads at 4.5:1 on ``background``, else black or white, whichever reads better.

    A layout may choose any colours; a councillor must still be able to read the result.
    """
    if contrast_ratio(text, background) >= MINIMUM_CONTRAST:
        return text
    return BLACK if contrast_ratio(BLACK, background) >= contrast_ratio(WHITE, background) else WHITE


@dataclass(frozen=True, eq=False)
class PdfStyles:
    """The shared paragraph styles and colours of one theme."""

    size: float
    table_size: float
    body: ParagraphStyle
    muted: ParagraphStyle
    note: ParagraphStyle
    heading: ParagraphStyle
    page_title: ParagraphStyle
    cover_label: ParagraphStyle
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    band: ParagraphStyle
    band_cell: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_centre_large: ParagraphStyle
    symbol: ParagraphStyle
    header: ParagraphStyle
    header_left: ParagraphStyle
    header_cell: ParagraphStyle
    header_cell_right: ParagraphStyle
    label: ParagraphStyle
    tile_figure: ParagraphStyle
    tile_text: ParagraphStyle
    tile_status: dict[Rag, ParagraphStyle]
    tile_status_plain: ParagraphStyle
    rag_fill: dict[Rag, Color]
    rag_text: dict[Rag, Color]
    dot_colour: dict[Dot, Color]
    dot_on_rag: dict[tuple[Dot, Rag], Color]
    band_fill: Color
    band_text: Color
    text: Color
    header_fill: Color
    header_text: Color
    grid: Color
    muted_colour: Color
    header_muted: Color
    page: Color
    target_line: Color
    benchmark_line: Color
    series: Color
    small: float  # small print in tables and charts: details under a name, a period beside a figure


def _rag_pairs(theme: Theme) -> dict[Rag, tuple[str, str]]:
    return {
        Rag.RED: (theme.red_fill, theme.red_text),
        Rag.AMBER: (theme.amber_fill, theme.amber_text),
        Rag.GREEN: (theme.green_fill, theme.green_text),
    }


def _chosen_dot_colours(theme: Theme) -> dict[Dot, str]:
    return {
        Dot.IMPROVED: theme.improved,
        Dot.DECLINED: theme.declined,
        Dot.SAME: theme.same,
        Dot.UP: theme.info,
        Dot.DOWN: theme.info,
    }


def _dots_on_rag(theme: Theme) -> dict[tuple[Dot, Rag], Color]:
    """An arrow's colour where it sits on a RAG fill: its own colour if it reads there, else the RAG text's."""
    colours = {}
    for rag, (fill, text) in _rag_pairs(theme).items():
        for dot, colour in _chosen_dot_colours(theme).items():
            readable = contrast_ratio(colour, fill) >= MINIMUM_CONTRAST
            colours[dot, rag] = HexColor(colour if readable else legible(text, fill))
    return colours


def _dot_colours(theme: Theme) -> dict[Dot, Color]:
    return {dot: HexColor(legible(colour, PAGE_BACKGROUND)) for dot, colour in _chosen_dot_colours(theme).items()}


@lru_cache(maxsize=8)
def styles_for(theme: Theme) -> PdfStyles:
    register_fonts()
    size = theme.font_size
    table_size = max(MIN_TEXT, size - 1)
    band_text = legible(theme.band_text, theme.band_fill)
    header_text = legible(theme.header_text, theme.header_fill)
    body = ParagraphStyle("body", fontName=FONT, fontSize=size + 1, leading=(size + 1) * 1.25, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=table_size, leading=table_size * 1.2)
    header = ParagraphStyle(
        "header", parent=cell, fontName=FONT_BOLD, alignment=TA_CENTER, textColor=HexColor(header_text)
    )
    rag = _rag_pairs(theme)
    return PdfStyles(
        size=size,
        table_size=table_size,
        body=body,
        muted=ParagraphStyle("muted", parent=body, textColor=HexColor(MUTED_TEXT)),
        note=ParagraphStyle(
            "note", parent=body, fontSize=table_size, leading=table_size * 1.3, textColor=HexColor(MUTED_TEXT),
            spaceBefore=3, spaceAfter=3,
        ),
        heading=ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, fontSize=size + 2, leading=(size + 2) * 1.3,
            spaceBefore=6, spaceAfter=2, keepWithNext=1, textColor=HexColor(legible(theme.band_fill, PAGE_BACKGROUND)),
        ),
        page_title=ParagraphStyle(
            "page_title", parent=body, fontName=FONT_BOLD, fontSize=size + 6, leading=(size + 6) * 1.25,
            spaceAfter=6, keepWithNext=1,
        ),
        cover_label=ParagraphStyle(
            "cover_label", parent=body, fontName=FONT_BOLD, fontSize=size + 6, leading=(size + 6) * 1.3,
            textColor=HexColor(legible(theme.band_fill, PAGE_BACKGROUND)),
        ),
        cover_title=ParagraphStyle(
            "cover_title", parent=body, fontName=FONT_BOLD, fontSize=size * 3, leading=size * 3.6, spaceAfter=10,
        ),
        cover_line=ParagraphStyle("cover_line", parent=body, fontSize=size + 4, leading=(size + 4) * 1.35),
        band=ParagraphStyle(
            "band", parent=body, fontName=FONT_BOLD, fontSize=size + 4, leading=(size + 4) * 1.25,
            textColor=HexColor(band_text), spaceAfter=0, backColor=HexColor(theme.band_fill),
            leftIndent=8, rightIndent=8,
            borderPadding=(5, 8, 7, 8),  # type: ignore[arg-type]  # ReportLab reads (top, right, bottom, left); stub: float
        ),
        band_cell=ParagraphStyle("band_cell", parent=cell, fontName=FONT_BOLD, textColor=HexColor(band_text)),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_centre=ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
        cell_centre_large=ParagraphStyle("cell_centre_large", parent=body, alignment=TA_CENTER, spaceAfter=0),
        symbol=ParagraphStyle("symbol", parent=body, fontName=FONT_BOLD, fontSize=size + 4, leading=(size + 4) * 1.2,
                              alignment=TA_CENTER, spaceAfter=0),
        header=header,
        header_left=ParagraphStyle("header_left", parent=header, alignment=TA_LEFT),
        header_cell=ParagraphStyle("header_cell", parent=cell, textColor=HexColor(header_text)),
        header_cell_right=ParagraphStyle("header_cell_right", parent=cell, alignment=TA_RIGHT,
                                         textColor=HexColor(header_text)),
        label=ParagraphStyle("label", parent=body, fontName=FONT_BOLD, textColor=HexColor(header_text)),
        tile_figure=ParagraphStyle(
            "tile_figure", parent=body, fontName=FONT_BOLD, fontSize=size * 3.2, leading=size * 3.8, spaceAfter=0,
            textColor=HexColor(legible(theme.band_fill, PAGE_BACKGROUND)),
        ),
        tile_text=ParagraphStyle("tile_text", parent=body, fontSize=size + 4, leading=(size + 4) * 1.3,
                                 autoLeading="max"),
        tile_status={
            rag: ParagraphStyle(f"tile_{rag.value}", parent=body, fontSize=size + 2, leading=(size + 2) * 1.3,
                                backColor=HexColor(fill), spaceBefore=7, spaceAfter=8,
                                borderPadding=(2, 6, 3, 9))  # type: ignore[arg-type]  # (top, right, bottom, left)
            for rag, (fill, _) in rag.items()
        },
        tile_status_plain=ParagraphStyle("tile_plain", parent=body, fontSize=size + 2, leading=(size + 2) * 1.3,
                                         spaceBefore=7, spaceAfter=8),
        rag_fill={r: HexColor(fill) for r, (fill, _) in rag.items()},
        rag_text={r: HexColor(legible(text, fill)) for r, (fill, text) in rag.items()},
        dot_colour=_dot_colours(theme),
        dot_on_rag=_dots_on_rag(theme),
        band_fill=HexColor(theme.band_fill),
        band_text=HexColor(band_text),
        text=HexColor(BLACK),
        header_fill=HexColor(theme.header_fill),
        header_text=HexColor(header_text),
        grid=HexColor(GRID),
        muted_colour=HexColor(MUTED_TEXT),
        # Small print in a header: grey where grey reads on the header fill, else the header's own text colour.
        header_muted=HexColor(
            MUTED_TEXT if contrast_ratio(MUTED_TEXT, theme.header_fill) >= MINIMUM_CONTRAST else header_text),
        page=HexColor(PAGE_BACKGROUND),
        target_line=HexColor(theme.target_line),
        benchmark_line=HexColor(theme.benchmark_line),
        series=HexColor(theme.series),
        small=max(MIN_TEXT, table_size - 1),
    )


@lru_cache(maxsize=1 << 16)
def unit_width(text: str, bold: bool) -> float:
    """The text's width at size 1: the bundled faces' widths scale with the size, so one measurement of a
    word serves every size (``text_width``, which hot paths write out as ``unit_width(text, bold) * size``)."""
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, 1.0)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return unit_width(text, bold) * size
