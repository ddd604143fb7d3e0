"""Performance on a page: a tile per headline indicator, its figure read as a sentence, as in the PDF.

Each tile is a list item holding, in reading order, the figure and its words, the RAG and DOT in words, the
same period last year, then the ref, target and unit.
"""

from __future__ import annotations

from boardpack.layout import Layout
from boardpack.model import Frequency, Indicator, Month, Polarity, Scorecard
from boardpack.render.html.text import esc, rag_mark
from boardpack.render.text import dot_since, format_parts, format_value, last_year_text, target_text, with_note


def tile(indicator: Indicator, text: str, period: Month) -> str:
    assessment = indicator.assessment
    current = assessment.current if assessment else None
    # A measure taken less often than the report is shown for its latest period, which the tile names.
    if assessment is not None and assessment.current_month is not None:
        period = assessment.current_month
    shown_for = indicator.period_label(period)
    figure = esc(format_value(current, indicator.unit))
    note = " ".join(current.note.split()) if current is not None else ""
    if note:
        figure += f' <span class="small">{esc(with_note("", note).strip())}</span>'
    words = esc(text.strip())
    parts = format_parts(current)
    if parts:
        words += f" ({esc(parts)})"
    if current is None or current.value is None:
        reason = current.status.explanation if current is not None and current.status else "no figure"
        words += f' <span class="small">({esc(reason)} for {esc(shown_for)})</span>'
    elif indicator.frequency is not Frequency.MONTHLY:
        words += f' <span class="small">({esc(shown_for)})</span>'
    rag = assessment.rag if assessment else None
    dot = assessment.dot if assessment else None
    status = []
    if rag:
        status.append(f"RAG: {rag_mark(rag)}")
    elif indicator.fault:
        status.append(esc(indicator.fault[:1].upper() + indicator.fault[1:]))
    elif indicator.polarity is Polarity.INFO:
        status.append("For information")
    if dot:
        status.append(f'<b class="dot-{dot.value}"><span aria-hidden="true">{dot.arrow}</span> '
                      f"{esc(dot_since(indicator, dot, period))}</b>")
    target = target_text(indicator)
    small = " · ".join(p for p in (indicator.ref, f"Target {target}" if target else "", indicator.unit.label) if p)
    lines = [f'<p><span class="figure">{figure}</span></p>', f"<p>{words}</p>",
             f'<p>{" &nbsp; ".join(status) or "No rating"}</p>']
    last_year = last_year_text(indicator, period)
    if last_year:
        lines.append(f"<p>{esc(last_year)}</p>")
    lines.append(f'<p class="small">{esc(small)}</p>')
    edge = f" tile-{rag.value}" if rag else ""
    return f'<li class="tile{edge}">{"".join(lines)}</li>'


def tiles(scorecard: Scorecard, layout: Layout) -> str:
    items = []
    for headline in layout.headlines:
        indicator = scorecard.indicator(headline.ref)
        if indicator is not None:
            items.append(tile(indicator, headline.text, scorecard.period))
    return f'<ul class="tiles">{"".join(items)}</ul>' if items else ""
