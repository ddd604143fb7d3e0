"""The HTML edition of the appendix: one self-contained page, readable on any screen and by assistive technology.

It holds what the PDF holds, from the same assessed and arranged scorecard: the cover and document details,
the key, performance on a page, the performance summary, a part per section (its tables, the tracker's
notes, its charts and narrative) and the glossary. The page needs no script and fetches nothing: its
stylesheet is inline, its charts are inline SVG, and a Content-Security-Policy forbids anything else, so the
file can be emailed or published as it is. Every word from a tracker or layout is escaped (``text.esc``).

Written by joining strings: a 1,000-indicator report is tens of thousands of cells, and a template engine
would cost more than the page is worth.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from boardpack.exceptions import OutputError
from boardpack.footnotes import summary_notes
from boardpack.layout import Layout
from boardpack.model import Note, Scorecard, Section
from boardpack.render.html.charts import section_charts
from boardpack.render.html.cover import document_details, key, pairs, title_block
from boardpack.render.html.style import stylesheet
from boardpack.render.html.tables import summary_table, trend_tables
from boardpack.render.html.text import TableNotes, esc, paragraphs
from boardpack.render.html.tiles import tiles
from boardpack.render.release_text import TITLE as REVISIONS_TITLE
from boardpack.render.release_text import RevisionTable, revision_table
from boardpack.render.text import other_periods_note, report_title
from boardpack.window import months_shown

BAND = ' class="band"'
NARRATIVE = (("Definition", "definition"), ("Performance analysis", "analysis"), ("Data note", "data_note"))


@dataclass(frozen=True)
class Part:
    """One part of the report: its heading (an h2, and its line in the contents) and its body."""

    ident: str
    title: str
    body: str
    band: bool = False  # a section's heading, on the band colour as the PDF's title bands
    new_page: bool = True  # in print, as the PDF starts each part on a fresh page (the cover's parts share one)


def render_html(scorecard: Scorecard, layout: Layout, path: Path) -> None:
    """Write the HTML edition for an assessed, arranged scorecard to exactly ``path``."""
    try:
        Path(path).write_text(document(scorecard, layout), encoding="utf-8", errors="replace")
    except OSError as exc:
        raise OutputError(f"cannot write the HTML ({exc.strerror or exc})", str(path)) from None


def parts(scorecard: Scorecard, layout: Layout) -> list[Part]:
    """The report's parts in reading order; the contents list and the page are made from this one list."""
    found = [Part("details", "Document details", document_details(scorecard, layout), new_page=False),
             Part("key", "Key", key(scorecard), new_page=False)]
    if layout.headlines:
        found.append(Part("performance-on-a-page", f"Performance on a page: {scorecard.period_title}",
                          tiles(scorecard, layout)))
    found.append(Part("summary", "Performance summary", summary(scorecard)))
    listed = revision_table(scorecard)
    if listed is not None:
        found.append(Part("revisions", REVISIONS_TITLE, revisions(listed)))
    for number, section in enumerate(scorecard.sections, start=1):
        found.append(Part(f"section-{number}", section.name,
                          section_part(scorecard, layout, section, number), band=True))
    if layout.glossary:
        found.append(Part("glossary", "Glossary", glossary(layout)))
    return found


def document(scorecard: Scorecard, layout: Layout) -> str:
    title = report_title(scorecard, layout)
    css = stylesheet(layout)
    # The policy lets the page's own stylesheet apply and nothing else run or load, should text ever slip
    # past the escaping.
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    heading = ": ".join(p for p in (layout.appendix, title) if p)
    found = parts(scorecard, layout)
    contents = "".join(f'<li><a href="#{part.ident}">{esc(part.title)}</a></li>' for part in found)
    body = "".join(_part(part) for part in found)
    footer = " · ".join(p for p in (layout.appendix, title, scorecard.period_title) if p)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>{esc(heading)}, {esc(scorecard.period_title)}</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to main content</a>\n<div class="page">\n'
        f"{title_block(scorecard, layout)}\n"
        '<nav class="contents" aria-labelledby="contents-h"><h2 id="contents-h">Contents</h2>'
        f"<ol>{contents}</ol></nav>\n"
        f'<main id="main" tabindex="-1">\n{body}\n</main>\n'
        f'<footer class="page-foot"><p>{esc(footer)}</p></footer>\n</div>\n</body>\n</html>\n'
    )


def _part(part: Part) -> str:
    classes = "part break" if part.new_page else "part"
    heading = f'<h2 id="{part.ident}-h"{BAND if part.band else ""}>{esc(part.title)}</h2>'
    return (f'<section class="{classes}" id="{part.ident}" aria-labelledby="{part.ident}-h">'
            f'{heading}{part.body}</section>')


def tracker_notes(notes: list[Note] | tuple[Note, ...]) -> str:
    """The tracker's own notes as it printed them under its table, mark first."""
    return "".join(f'<p class="note">{esc(note.printed)}</p>' for note in notes)


def summary(scorecard: Scorecard) -> str:
    notes = TableNotes()
    table = summary_table(scorecard, notes)
    word = scorecard.frequency.period_word
    legend = (f"DOT: direction of travel since the previous {word} (↑ improved, → no change, ↓ declined; for "
              f"information measures ↑ up and ↓ down). RAG is for the reporting {word}.")
    other = other_periods_note(scorecard)
    return (f"{table}{tracker_notes(summary_notes(scorecard))}{notes.html()}"
            f'<p class="note">{esc(legend)}</p>' + (f'<p class="note">{esc(other)}</p>' if other else ""))


def section_part(scorecard: Scorecard, layout: Layout, section: Section, number: int) -> str:
    """A section's tables, its notes, its charts, then its definition, analysis and data note."""
    text = "".join(f"<h3>{heading}</h3>{paragraphs(getattr(section.commentary, attribute))}"
                   for heading, attribute in NARRATIVE if getattr(section.commentary, attribute).strip())
    if not section.indicators:
        return f"<p>This section holds no indicators.</p>{tracker_notes(section.notes)}{text}"
    notes = TableNotes()
    tables = trend_tables(scorecard, section, notes, months_shown(scorecard, layout))
    charts = section_charts(scorecard, layout, section, number)
    return f"{tables}{tracker_notes(section.notes)}{notes.html()}{charts}{text}"


def revisions(listed: RevisionTable) -> str:
    """The figures revised or withdrawn since the last report, as a table with one header row."""
    if not listed.rows:
        return f"<p>{esc(listed.introduction)}</p>"
    head = "".join(f'<th scope="col">{esc(heading)}</th>' for heading in listed.headings)
    rows = "".join("<tr>" + "".join(f"<td>{esc(text)}</td>" for text in row) + "</tr>" for row in listed.rows)
    return f"<p>{esc(listed.introduction)}</p><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def glossary(layout: Layout) -> str:
    return pairs(list(layout.glossary))
