"""Performance on a page: a tile per headline indicator, its figure read as a sentence.

Each tile is one table cell holding its paragraphs in reading order (figure and words, RAG and DOT, the same
month last year, ref and target), so a screen reader or a copied text keeps each tile together.
"""

from __future__ import annotations

from reportlab.platypus import TableStyle

from boardpack.model import Frequency, Indicator, Month, Polarity
from boardpack.render.pdf.cells import (
    BASE_FONT,
    CellParagraph,
    TableCommand,
    TableNotes,
    colour_hex,
    coloured,
    dot_colour,
    fitted,
    markup,
    muted_line,
    para,
)
from boardpack.render.pdf.styles import FONT_BOLD, MUTED_TEXT, PdfStyles
from boardpack.render.pdf.tags import Paragraph, Table
from boardpack.render.text import dot_since, format_parts, format_value, last_year_text, target_text, with_note


def tile(indicator: Indicator, text: str, period: Month, styles: PdfStyles, width: float, budget: float,
          notes: TableNotes) -> list[Paragraph]:
    """A tile's paragraphs, read in order: the figure and its sentence, RAG and DOT, the same month last year,
    then the ref and target. The sentence is held to ``budget`` so a tile always fits a page."""
    assessment = indicator.assessment
    current = assessment.current if assessment else None
    # A measure taken less often than the report is shown for its latest period, which the tile names.
    if assessment is not None and assessment.current_month is not None:
        period = assessment.current_month
    shown_for = indicator.period_label(period)
    big = styles.tile_figure
    figure = (f'<font name="{FONT_BOLD}" size="{big.fontSize:g}" color="{colour_hex(big.textColor)}">'
              f"{markup(format_value(current, indicator.unit))}</font>")
    note = " ".join(current.note.split()) if current is not None else ""
    if note:
        # The tracker's note on the figure ("due Aug-19", "(2017)") is part of what the figure says.
        figure += f" <font color='{MUTED_TEXT}'>{markup(with_note('', note).strip())}</font>"
    parts = format_parts(current)
    suffix = f" ({markup(parts)})" if parts else ""
    if current is None or current.value is None:
        reason = current.status.explanation if current is not None and current.status else "no figure"
        suffix += f" <font color='{MUTED_TEXT}'>({markup(reason)} for {markup(shown_for)})</font>"
    elif indicator.frequency is not Frequency.MONTHLY:
        suffix += f" <font color='{MUTED_TEXT}'>({markup(shown_for)})</font>"
    headline, shortened = fitted(text.strip(), lambda words: f"{figure}<br/>{markup(words)}{suffix}",
                                 styles.tile_text, width, budget)
    if shortened:
        notes.whole(f"{indicator.ref} headline", text.strip())
    status_bits = []
    rag = assessment.rag if assessment else None
    dot = assessment.dot if assessment else None
    if rag:
        status_bits.append(coloured(f"RAG: {rag.word}", styles.rag_text[rag], True))
    elif indicator.fault:
        status_bits.append(markup(indicator.fault[:1].upper() + indicator.fault[1:]))
    elif indicator.polarity is Polarity.INFO:
        status_bits.append("For information")
    if dot:
        status_bits.append(coloured(f"{dot.arrow} {dot_since(indicator, dot, period)}", dot_colour(styles, dot, rag),
                                    True))
    status_style = styles.tile_status[rag] if rag else styles.tile_status_plain
    target = target_text(indicator)
    small = " · ".join(p for p in (indicator.ref, f"Target {target}" if target else "", indicator.unit.label) if p)
    lines: list[Paragraph] = [headline, CellParagraph(" &nbsp; ".join(status_bits) or "No rating", status_style)]
    last_year = last_year_text(indicator, period)
    if last_year:
        lines.append(para(last_year, styles.body))
    lines.append(CellParagraph(muted_line(small, styles.table_size), styles.body))
    return lines


def tile_grid(tiles: list[tuple[Indicator, list[Paragraph]]], per_row: int, tile_width: float, gap: float,
               styles: PdfStyles) -> Table:
    """Tiles in rows, each tile one boxed cell with a bar in its RAG colour down the left."""
    widths: list[float] = []
    for column in range(per_row):
        widths += [tile_width] + ([gap] if column < per_row - 1 else [])
    rows: list[list[object]] = []
    style: list[TableCommand] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        BASE_FONT,
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for start in range(0, len(tiles), per_row):
        if rows:
            rows.append([""] * len(widths))
            style.append(("ROWBACKGROUNDS", (0, len(rows) - 1), (-1, len(rows) - 1), [None]))
        row: list[object] = [""] * len(widths)
        for position, (indicator, lines) in enumerate(tiles[start:start + per_row]):
            column, index = position * 2, len(rows)
            row[column] = lines
            style.append(("BOX", (column, index), (column, index), 0.6, styles.grid))
            rag = indicator.assessment.rag if indicator.assessment else None
            if rag:
                style.append(("LINEBEFORE", (column, index), (column, index), 5, styles.rag_text[rag]))
        rows.append(row)
    return Table(rows, colWidths=widths, style=TableStyle(style), hAlign="LEFT")
