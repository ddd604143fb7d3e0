"""The PDF's parts for a release: the "Revisions since the last report" list, and the public edition's note.

Both show what the model says (``release_text``); the list is a table of the same cells as the summary's, so it
splits between rows over as many pages as it needs, its header repeated.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from boardpack.layout import Layout
from boardpack.model import Scorecard
from boardpack.render.pdf.canvas import FOOTER_GAP, MARGIN, BookmarkAnchor, PartBreak, page_size
from boardpack.render.pdf.cells import Grid, TableNotes, para
from boardpack.render.pdf.styles import PdfStyles, styles_for, text_width
from boardpack.render.release_text import TITLE, disclosure_note, revision_table

# Widths in ems of the table font: the indicator's name takes what the others leave.
_NARROW_EMS = {"Ref": 5.0, "Period": 8.0, "Was": 11.0, "Now": 13.0, "Where": 22.0}
_MIN_NAME_EMS = 18.0


def revisions_part(scorecard: Scorecard, layout: Layout) -> list[Flowable]:
    """The list on a fresh page, or nothing when the build was not compared with a last report."""
    table = revision_table(scorecard)
    if table is None:
        return []
    styles = styles_for(layout.theme)
    width, height = page_size(layout.page)
    available, page_height = width - 2 * MARGIN, height - 2 * MARGIN - FOOTER_GAP
    flowables: list[Flowable] = [PartBreak(TITLE), BookmarkAnchor("revisions", TITLE), para(TITLE, styles.page_title),
                                 para(table.introduction, styles.body)]
    if not table.rows:
        return flowables
    size = styles.table_size
    widths = [_width(heading, table.rows, column, size) for column, heading in enumerate(table.headings)]
    name = table.headings.index("Indicator")
    widths[name] = max(_MIN_NAME_EMS * size, available - sum(w for i, w in enumerate(widths) if i != name))
    notes = TableNotes()
    grid = Grid(styles, widths, notes, page_height * 0.4)
    grid.add([grid.cell(heading, column, bold=True, colour=styles.header_text)
              for column, heading in enumerate(table.headings)], fill=styles.header_fill)
    grid.budget = max(page_height - grid.height(1) - 40.0, 40.0)
    for row in table.rows:
        grid.add([grid.cell(text, column, bold=column == 0, label=f"{row[0]} {table.headings[column]}")
                  for column, text in enumerate(row)])
    return [*flowables, Spacer(1, 4), grid.table(header_rows=1), *notes.flowables(styles)]


def _width(heading: str, rows: tuple[tuple[str, ...], ...], column: int, size: float) -> float:
    """A column as wide as its widest text, up to its share of the page."""
    widest = max([text_width(heading, size, True)] + [text_width(row[column], size) for row in rows])
    return min(widest + 8.0, _NARROW_EMS.get(heading, _MIN_NAME_EMS) * size)


def public_note(scorecard: Scorecard, styles: PdfStyles) -> list[Flowable]:
    """The public edition's note on what is withheld and the symbols used; nothing for the internal edition."""
    note = disclosure_note(scorecard)
    if not note:
        return []
    return [para(note, styles.body)]
