"""The HTML edition's stylesheet, made from the layout's theme: screen first, then a print stylesheet for A4.

A layout may choose any colours; each pairing used here is checked, and a text colour that would not read
at 4.5:1 (3:1 for chart lines and the focus ring) becomes black or white, whichever reads better, as the
PDF does. Text is never under 16 px on screen; wide tables scroll inside their own region, never the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from boardpack.layout import Layout, Theme
from boardpack.model import Dot, Rag

TEXT = "#0B0C0C"
PAGE = "#FFFFFF"
MUTED = "#595959"  # 7:1 on white
GRID = "#A6A6A6"
CHART_GRID = "#D9D9D9"
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def _luminance(colour: str) -> float:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(colour: str, background: str, least: float = TEXT_CONTRAST) -> str:
    """``colour`` if it reaches ``least`` against ``background``, else black or white, whichever is stronger."""
    if contrast(colour, background) >= least:
        return colour
    return "#000000" if contrast("#000000", background) >= contrast("#FFFFFF", background) else "#FFFFFF"


@dataclass(frozen=True)
class Palette:
    """Every colour the page uses, each already checked against what it sits on."""

    rag_fill: dict[Rag, str]
    rag_text: dict[Rag, str]
    dot: dict[Dot, str]
    band_fill: str
    band_text: str
    header_fill: str
    header_text: str
    header_muted: str
    focus: str
    series: str
    target: str
    benchmark: str


@lru_cache(maxsize=8)
def palette(theme: Theme) -> Palette:
    fills = {Rag.RED: theme.red_fill, Rag.AMBER: theme.amber_fill, Rag.GREEN: theme.green_fill}
    texts = {Rag.RED: theme.red_text, Rag.AMBER: theme.amber_text, Rag.GREEN: theme.green_text}
    dot = {Dot.IMPROVED: theme.improved, Dot.DECLINED: theme.declined, Dot.SAME: theme.same,
           Dot.UP: theme.info, Dot.DOWN: theme.info}
    header_text = readable(theme.header_text, theme.header_fill)
    return Palette(
        rag_fill=fills,
        rag_text={rag: readable(texts[rag], fills[rag]) for rag in Rag},
        dot={kind: readable(colour, PAGE) for kind, colour in dot.items()},
        band_fill=theme.band_fill,
        band_text=readable(theme.band_text, theme.band_fill),
        header_fill=theme.header_fill,
        header_text=header_text,
        header_muted=readable(MUTED, theme.header_fill),
        focus=readable(theme.band_fill, PAGE, GRAPHIC_CONTRAST),
        series=readable(theme.series, PAGE, GRAPHIC_CONTRAST),
        target=readable(theme.target_line, PAGE, GRAPHIC_CONTRAST),
        benchmark=readable(theme.benchmark_line, PAGE, GRAPHIC_CONTRAST),
    )


def stylesheet(layout: Layout) -> str:
    colours = palette(layout.theme)
    rag_rules = "".join(
        f".rag-{rag.value},td.fill-{rag.value}{{background:{colours.rag_fill[rag]};color:{colours.rag_text[rag]}}}"
        f".tile-{rag.value}{{border-left-color:{colours.rag_text[rag]}}}"
        for rag in Rag
    )
    dot_rules = "".join(f".dot-{dot.value}{{color:{colour}}}" for dot, colour in colours.dot.items())
    page = layout.page
    return _SCREEN.format(
        text=TEXT, page=PAGE, muted=MUTED, grid=GRID, focus=colours.focus,
        band_fill=colours.band_fill, band_text=colours.band_text,
        header_fill=colours.header_fill, header_text=colours.header_text, header_muted=colours.header_muted,
    ) + rag_rules + dot_rules + _PRINT.format(size=page.size, orientation=page.orientation)


# Doubled braces are CSS's own; single ones are filled from the palette.
_SCREEN = """
*,*::before,*::after{{box-sizing:border-box}}
html{{-webkit-text-size-adjust:100%;text-size-adjust:100%}}
body{{margin:0;font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:1rem;line-height:1.5;color:{text};\
background:{page};overflow-wrap:break-word}}
h1,h2,h3,p,li,dt,dd,summary{{overflow-wrap:anywhere}}
.page{{max-width:80rem;margin:0 auto;padding:0 1rem 2rem}}
a{{color:{band_fill}}}
a:focus-visible,summary:focus-visible,.scroll:focus-visible{{outline:3px solid {focus};\
outline-offset:2px}}
.skip{{position:absolute;left:1rem;top:-10rem;padding:.5rem 1rem;background:{page};color:{text};\
border:3px solid {focus};z-index:2}}
.skip:focus{{top:1rem}}
main:focus{{outline:none}}
.vh{{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;\
clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}}
header.cover{{padding:1.5rem 0 .5rem;border-bottom:4px solid {band_fill}}}
.kicker{{margin:0;font-weight:bold;color:{muted}}}
h1{{font-size:1.75rem;line-height:1.25;margin:.25rem 0 .75rem}}
h2{{font-size:1.5rem;line-height:1.3;margin:2.5rem 0 .75rem}}
h2.band{{background:{band_fill};color:{band_text};padding:.35rem .75rem}}
h3{{font-size:1.25rem;margin:1.5rem 0 .5rem}}
.cover p{{margin:.25rem 0}}
nav.contents ol{{padding-left:1.5rem;columns:18rem 2;column-gap:2rem}}
nav.contents li{{margin:.15rem 0;break-inside:avoid}}
dl.pairs{{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;margin:0;border:1px solid {grid}}}
dl.pairs dt{{font-weight:bold;background:{header_fill};color:{header_text};padding:.35rem .6rem;\
border-top:1px solid {grid}}}
dl.pairs dd{{margin:0;padding:.35rem .6rem;border-top:1px solid {grid}}}
dl.pairs dt:first-of-type,dl.pairs dt:first-of-type+dd{{border-top:0}}
dl.key{{display:grid;grid-template-columns:7rem 1fr;gap:.35rem .75rem;margin:0 0 1rem;align-items:center}}
dl.key dt{{text-align:center;font-weight:bold}}
dl.key dd{{margin:0}}
.scroll{{position:relative;max-width:100%;overflow-x:auto;margin:0 0 1rem}}
table{{border-collapse:collapse;font-variant-numeric:tabular-nums}}
caption{{text-align:left;font-weight:bold;padding:.25rem 0}}
th,td{{border:1px solid {grid};padding:.25rem .5rem;vertical-align:top}}
thead th,thead td{{background:{header_fill};color:{header_text};text-align:center;vertical-align:bottom}}
thead th.name{{text-align:left}}
th[scope=row]{{text-align:left;font-weight:normal;min-width:10rem;max-width:24rem}}
.trend th[scope=row]{{min-width:7rem;font-weight:bold;white-space:nowrap}}
.trend thead th{{min-width:8rem;max-width:14rem;text-align:left}}
tr.band th{{background:{band_fill};color:{band_text};text-align:left;font-weight:bold}}
tr.current th,tr.current td{{background:{header_fill};color:{header_text};font-weight:bold}}
td.n{{text-align:right;white-space:nowrap}}
@media (min-width:48rem){{th[scope=row]{{min-width:14rem}}\
.summary th.name,.summary tbody th[scope=row]{{position:sticky;left:0;z-index:1}}\
.summary tbody th[scope=row]{{background:{page}}}}}
td.c{{text-align:center;white-space:nowrap}}
td.now{{font-weight:bold}}
td.now .details{{font-weight:normal}}
.ref{{font-weight:bold}}
.details{{display:block;color:{muted}}}
thead .details,tr.current .details{{color:{header_muted}}}
.parts{{display:block;font-weight:normal}}
.rag{{font-weight:bold;white-space:nowrap;padding:0 .3em;border-radius:.2em}}
.rag::before{{content:"";display:inline-block;width:.8em;height:.8em;margin-right:.3em;background:currentColor;\
vertical-align:-.05em}}
.rag-green::before{{border-radius:50%}}
.rag-amber::before{{clip-path:polygon(50% 0,100% 100%,0 100%)}}
.dot{{font-weight:bold;font-size:1.25rem;line-height:1}}
p.note{{margin:.25rem 0;color:{muted}}}
ul.notes{{margin:.5rem 0;padding-left:1.25rem}}
.tiles{{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,18rem),1fr));gap:1rem;\
list-style:none;margin:0;padding:0}}
.tile{{border:1px solid {grid};border-left:.5rem solid {grid};padding:.75rem 1rem}}
.tile p{{margin:.2rem 0}}
.tile .figure{{font-size:2rem;font-weight:bold;line-height:1.2;color:{band_fill}}}
.tile .small{{color:{muted}}}
.charts{{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,30rem),1fr));gap:1.5rem}}
figure.chart{{margin:0}}
figure.chart>svg{{display:block;width:100%;height:auto;max-width:32rem}}
figure.chart h3{{margin-top:.5rem}}
ul.legend{{list-style:none;margin:.25rem 0;padding:0}}
ul.legend li{{display:inline-block;margin-right:1.25rem}}
ul.legend svg{{vertical-align:middle;margin-right:.35rem}}
details{{margin:.5rem 0 1rem}}
summary{{cursor:pointer;color:{band_fill};text-decoration:underline}}
footer.page-foot{{margin-top:3rem;padding-top:.5rem;border-top:1px solid {grid};color:{muted}}}
@media (min-width:48rem){{.page{{padding:0 2rem 2rem}}h1{{font-size:2.25rem}}}}
@media (forced-colors:active){{.rag::before{{forced-color-adjust:none;background:CanvasText}}}}
"""

_PRINT = """
@media print{{
@page{{size:{size} {orientation};margin:12mm}}
body{{font-size:9pt;line-height:1.35}}
.page{{max-width:none;padding:0}}
.skip,nav.contents,details{{display:none}}
a{{color:inherit;text-decoration:none}}
h1{{font-size:18pt}}h2{{font-size:13pt;margin:1.2em 0 .4em}}section.break>h2{{margin-top:0}}h3{{font-size:11pt}}
h2,h3{{break-after:avoid}}
section.break{{break-before:page}}
.scroll{{overflow:visible}}
table{{font-size:7.5pt;width:100%}}
th[scope=row]{{min-width:0}}
.summary tbody th[scope=row]{{min-width:16em;position:static}}
.trend thead th{{min-width:0}}
th,td{{padding:.1rem .25rem}}
tr{{break-inside:avoid}}
.dot{{font-size:9pt}}
.tile .figure{{font-size:16pt}}
.tiles{{grid-template-columns:repeat(3,1fr)}}
.charts{{grid-template-columns:repeat(2,1fr)}}
figure.chart{{break-inside:avoid}}
figure.chart>svg{{max-width:100mm}}
*{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
}}
"""
