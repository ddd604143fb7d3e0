"""The agenda front sheet: committee, venue, date and time, the numbered items with their page ranges,
the membership and the chief executive's name, in the plain style councils print their agendas in.

The page ranges come from the assembled pack, so the sheet is drawn by ``packing`` once it knows them.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, TableStyle

from boardpack.agenda import Agenda, Item, page_range
from boardpack.render.pdf.canvas import binary_streams
from boardpack.render.pdf.cells import markup
from boardpack.render.pdf.styles import FONT, FONT_BOLD, register_fonts
from boardpack.render.pdf.tags import EndGroup, Group, Paragraph, RowHeadedTable, Table, TaggedCanvas, role

BODY_SIZE = 11.0
NUMBER_WIDTH = 0.9 * cm
LABEL_WIDTH = 2.2 * cm
SIDE_MARGIN = 2.2 * cm
# Deeper than the side margins so the pack's "Page N" stamp sits in white space below the text.
BOTTOM_MARGIN = 2.5 * cm


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3, spaceAfter=6)
    return {
        "body": body,
        "organisation": ParagraphStyle("organisation", parent=body, fontSize=BODY_SIZE + 1),
        "committee": ParagraphStyle("committee", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20,
                                    spaceAfter=10),
        "label": ParagraphStyle("label", parent=body, fontName=FONT_BOLD, spaceAfter=0),
        "value": ParagraphStyle("value", parent=body, spaceAfter=0),
        "agenda": ParagraphStyle("agenda", parent=body, fontName=FONT_BOLD, fontSize=14, leading=18,
                                 alignment=TA_CENTER, spaceBefore=10, spaceAfter=12),
        "item": ParagraphStyle("item", parent=body, leftIndent=NUMBER_WIDTH, bulletIndent=0,
                               bulletFontName=FONT_BOLD, spaceAfter=2),
        "detail": ParagraphStyle("detail", parent=body, leftIndent=NUMBER_WIDTH, spaceAfter=2),
        "heading": ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, spaceBefore=10, keepWithNext=1),
    }


def render_front_sheet(agenda: Agenda, ranges: Mapping[int, tuple[int, int]]) -> bytes:
    """The front sheet as PDF bytes; ``ranges`` maps an item's number to the first and last page of its papers."""
    styles = _styles()
    story: list[Flowable] = []
    if agenda.organisation:
        story.append(Paragraph(markup(agenda.organisation), styles["organisation"]))
    # Printed in capitals, read in the committee's own case (a screen reader may spell out capitals).
    story.append(role(Paragraph(markup(agenda.committee.upper()), styles["committee"]), "H1", agenda.committee))
    story.append(_meeting_table(agenda, styles))
    story.append(role(Paragraph("A G E N D A", styles["agenda"]), "H2", actual_text="Agenda"))
    story.append(Group("L"))
    for item in agenda.items:
        story.append(_item(item, ranges.get(item.number), styles))
    story.append(EndGroup())
    closing: list[Flowable] = []
    if agenda.membership:
        closing.append(role(Paragraph(markup(f"Membership of the {agenda.committee}: -"), styles["heading"]), "H2"))
        closing.append(Paragraph(markup(agenda.membership), styles["body"]))
    if agenda.chief_executive:
        closing.append(Spacer(1, 6))
        closing.append(Paragraph(markup(f"{agenda.chief_executive},\n{agenda.chief_executive_title}."), styles["body"]))
    if closing:
        # The signature stays with the membership rather than alone at the top of a second page.
        story.append(KeepTogether(closing))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=SIDE_MARGIN,
        rightMargin=SIDE_MARGIN,
        topMargin=SIDE_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=agenda.title,
        author=agenda.organisation,
        creator="boardpack",
        lang="en-GB",
        # Invariant mode fixes the creation date and document ID, so the same agenda gives the same bytes.
        invariant=1,
        # Start each page in the bundled font, so no unembedded standard font is ever referenced.
        initialFontName=FONT,
    )
    with binary_streams():
        document.build(story, canvasmaker=TaggedCanvas)
    return buffer.getvalue()


def _meeting_table(agenda: Agenda, styles: dict[str, ParagraphStyle]) -> Table:
    rows = [
        ("Venue:", "\n".join(agenda.venue)),
        ("Date:", agenda.date_text),
        ("Time:", agenda.time),
    ]
    table = Table(
        [[Paragraph(label, styles["label"]), Paragraph(markup(value), styles["value"])] for label, value in rows],
        colWidths=[LABEL_WIDTH, None],
        hAlign="LEFT",
        renderCB=RowHeadedTable(),
    )
    table.setStyle(TableStyle([
        # Named although every cell is a paragraph: else ReportLab sets (and references) unembedded Helvetica.
        ("FONT", (0, 0), (-1, -1), FONT, BODY_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _item(item: Item, pages: tuple[int, int] | None, styles: dict[str, ParagraphStyle]) -> Flowable:
    """The numbered title in bold with its page range after it, and any detail line below, kept together."""
    title = f"<b>{markup(item.title)}</b>"
    if pages is not None:
        title += f" ({page_range(*pages)})"
    # A list item, so that a screen reader announces the agenda as a list and says how many items it has.
    parts: list[Flowable] = [Group("LI"), Group("LBody"),
                             Paragraph(title, styles["item"], bulletText=f"{item.number}.")]
    if item.detail:
        parts.append(Paragraph(markup(item.detail), styles["detail"]))
    parts += [EndGroup(), EndGroup(), Spacer(1, 5)]
    return KeepTogether(parts)
