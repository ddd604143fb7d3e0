"""The agenda pack's web page: the front sheet as HTML, with a link to every paper.

It holds what the printed front sheet holds (committee, venue, date and time, the numbered items with their
detail, the membership and the chief executive) and, for each paper, where to read it: the paper's own web
page when boardpack built it, and always its pages in the pack PDF, so no paper is left without a link and
no link points at a file that is not published beside the page. It meets the appendix page's standards
(``render/html/page.py``): one self-contained file with an inline stylesheet and no script, every word escaped,
one h1, a skip link, text never under 16 px and nothing wider than a phone.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from boardpack.agenda import Agenda, Item, page_range
from boardpack.layout import Theme
from boardpack.render.html.style import GRID, MUTED, PAGE, TEXT, palette
from boardpack.render.html.text import esc, esc_lines


@dataclass(frozen=True)
class PaperLink:
    """One paper of an item: its title, its stamped pages, the pack PDF's page it starts on, and its web page."""

    title: str
    first_page: int
    last_page: int
    pdf_page: int  # counted from the PDF's first page, front sheet included, as ``#page=`` counts
    twin: str = ""  # file name of the paper's HTML twin beside the agenda page; empty for a PDF-only paper


def href(file_name: str, fragment: str = "") -> str:
    """A relative link to a file beside the page, percent-encoded so a space or ``#`` in a name still resolves."""
    return esc(quote(file_name) + (f"#{fragment}" if fragment else ""))


def agenda_page(agenda: Agenda, papers: Mapping[int, Sequence[PaperLink]], pack_pdf: str, page_count: int) -> str:
    """The page for ``agenda``; ``papers`` maps each item's number to its papers, ``pack_pdf`` names the pack."""
    css = _stylesheet()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    # As the appendix page: its own stylesheet applies, and nothing else may load or run.
    policy = f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    items = "".join(_item(item, papers.get(item.number, ()), pack_pdf) for item in agenda.items)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>Agenda: {esc(agenda.title)}</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to main content</a>\n<div class="page">\n'
        f"{_heading(agenda)}\n"
        f'<main id="main" tabindex="-1">\n{_meeting(agenda, pack_pdf, page_count)}\n'
        f'<section aria-labelledby="agenda-h"><h2 id="agenda-h">Agenda</h2><ol class="items">{items}</ol></section>\n'
        f"{_closing(agenda)}</main>\n"
        f'<footer class="page-foot"><p>{esc(agenda.title)}</p></footer>\n</div>\n</body>\n</html>\n'
    )


def _heading(agenda: Agenda) -> str:
    kicker = f'<p class="kicker">{esc(agenda.organisation)}</p>' if agenda.organisation else ""
    return (f'<header class="cover">{kicker}<h1>{esc(agenda.committee)}</h1>'
            f"<p>Agenda for {esc(agenda.date_text)}</p></header>")


def _meeting(agenda: Agenda, pack_pdf: str, page_count: int) -> str:
    venue = "<br>".join(esc(line) for line in agenda.venue)
    details = (f"<dt>Venue</dt><dd>{venue}</dd><dt>Date</dt><dd>{esc(agenda.date_text)}</dd>"
               f"<dt>Time</dt><dd>{esc(agenda.time)}</dd>")
    pages = "1 page" if page_count == 1 else f"{page_count:,} pages"
    return (f'<section aria-labelledby="meeting-h"><h2 id="meeting-h">The meeting</h2><dl class="pairs">{details}</dl>'
            f'<p><a href="{href(pack_pdf)}">The whole agenda pack (PDF, {pages})</a></p></section>')


def _item(item: Item, papers: Sequence[PaperLink], pack_pdf: str) -> str:
    detail = f'<p class="detail">{esc_lines(item.detail)}</p>' if item.detail else ""
    listed = "".join(f"<li>{_paper(paper, pack_pdf)}</li>" for paper in papers)
    return (f'<li id="item-{item.number}"><h3>{item.number}. {esc(item.title)}</h3>{detail}'
            + (f'<ul class="papers">{listed}</ul>' if listed else "") + "</li>")


def _paper(paper: PaperLink, pack_pdf: str) -> str:
    pages = (f'<a href="{href(pack_pdf, f"page={paper.pdf_page}")}">'
             f"{page_range(paper.first_page, paper.last_page)} of the agenda pack (PDF)</a>")
    if paper.twin:
        return (f'<a class="paper" href="{href(paper.twin)}">{esc(paper.title)} (web page)</a>'
                f'<span class="also">{pages}</span>')
    return f'<span class="paper">{esc(paper.title)}</span><span class="also">{pages}</span>'


def _closing(agenda: Agenda) -> str:
    parts = []
    if agenda.membership:
        parts.append(f'<section aria-labelledby="membership-h"><h2 id="membership-h">Membership of the '
                     f"{esc(agenda.committee)}</h2><p>{esc_lines(agenda.membership)}</p></section>")
    if agenda.chief_executive:
        parts.append(f'<p class="signature">{esc(agenda.chief_executive)},<br>{esc(agenda.chief_executive_title)}.</p>')
    return "".join(parts)


def _stylesheet() -> str:
    colours = palette(Theme())
    return _SCREEN.format(text=TEXT, page=PAGE, muted=MUTED, grid=GRID, link=colours.band_fill, focus=colours.focus,
                          header_fill=colours.header_fill, header_text=colours.header_text)


# Doubled braces are CSS's own; single ones are filled from the default theme, as the appendix page's are.
_SCREEN = """
*,*::before,*::after{{box-sizing:border-box}}
html{{-webkit-text-size-adjust:100%;text-size-adjust:100%}}
body{{margin:0;font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:1rem;line-height:1.5;color:{text};\
background:{page};overflow-wrap:anywhere}}
.page{{max-width:50rem;margin:0 auto;padding:0 1rem 2rem}}
a{{color:{link}}}
a:focus-visible{{outline:3px solid {focus};outline-offset:2px}}
.skip{{position:absolute;left:1rem;top:-10rem;padding:.5rem 1rem;background:{page};color:{text};\
border:3px solid {focus};z-index:2}}
.skip:focus{{top:1rem}}
main:focus{{outline:none}}
header.cover{{padding:1.5rem 0 .5rem;border-bottom:4px solid {link}}}
header.cover p{{margin:.25rem 0}}
.kicker{{font-weight:bold;color:{muted}}}
h1{{font-size:1.75rem;line-height:1.25;margin:.25rem 0 .5rem}}
h2{{font-size:1.5rem;line-height:1.3;margin:2rem 0 .75rem}}
h3{{font-size:1.125rem;line-height:1.4;margin:0 0 .35rem}}
dl.pairs{{display:grid;grid-template-columns:max-content 1fr;margin:0 0 1rem;border:1px solid {grid}}}
dl.pairs dt{{font-weight:bold;background:{header_fill};color:{header_text};padding:.35rem .75rem;\
border-top:1px solid {grid}}}
dl.pairs dd{{margin:0;padding:.35rem .75rem;border-top:1px solid {grid}}}
dl.pairs dt:first-of-type,dl.pairs dt:first-of-type+dd{{border-top:0}}
ol.items{{list-style:none;margin:0;padding:0}}
ol.items>li{{padding:.75rem 0;border-top:1px solid {grid}}}
p.detail{{margin:.25rem 0}}
ul.papers{{list-style:disc;margin:.5rem 0 0;padding-left:1.25rem}}
ul.papers li{{margin:.35rem 0}}
.paper{{font-weight:bold}}
.also{{display:block}}
.signature{{margin-top:1.5rem}}
footer.page-foot{{margin-top:3rem;padding-top:.5rem;border-top:1px solid {grid};color:{muted}}}
@media (min-width:48rem){{.page{{padding:0 2rem 2rem}}h1{{font-size:2.25rem}}}}
@media print{{
@page{{size:A4 portrait;margin:15mm}}
body{{font-size:11pt}}
.skip{{display:none}}
.page{{max-width:none;padding:0}}
ol.items>li{{break-inside:avoid}}
}}
"""
