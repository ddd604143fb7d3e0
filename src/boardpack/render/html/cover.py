"""The opening of the HTML edition: its heading block, the document details and the key, as the PDF's cover."""

from __future__ import annotations

from boardpack.layout import Layout
from boardpack.model import REVISED, Dot, Rag, Scorecard, Status
from boardpack.render.html.text import DOT_WORDS, esc, rag_mark
from boardpack.render.release_text import PUBLIC_SYMBOLS, PUBLIC_TITLE, disclosure_note
from boardpack.render.text import (
    INFORMATION_DOT_MEANING,
    NO_RATING_MEANING,
    RAG_MEANINGS,
    cover_details,
    dot_meanings,
    explain_markers,
    other_periods_note,
    report_title,
)


def title_block(scorecard: Scorecard, layout: Layout) -> str:
    """The appendix label, the one h1 of the page, the committee and organisation, and the period."""
    lines = [f'<p class="kicker">{esc(layout.appendix)}</p>' if layout.appendix else "",
             f"<h1>{esc(report_title(scorecard, layout))}</h1>"]
    lines += [f"<p>{esc(line)}</p>" for line in (layout.committee, layout.organisation or scorecard.organisation)
              if line]
    lines.append(f"<p><strong>{esc(scorecard.as_at)}</strong></p>")
    if scorecard.disclosure is not None:
        lines.append(f"<p>{PUBLIC_TITLE}</p>")
    if layout.vision:
        lines.append(f'<p class="small">{esc(layout.vision)}</p>')
    return f'<header class="cover">{"".join(lines)}</header>'


def pairs(entries: list[tuple[str, str]]) -> str:
    """Labels and texts as a description list."""
    items = "".join(f"<dt>{esc(label)}</dt><dd>{esc(text)}</dd>" for label, text in entries)
    return f'<dl class="pairs">{items}</dl>'


def document_details(scorecard: Scorecard, layout: Layout) -> str:
    return pairs(cover_details(scorecard, layout))


def key(scorecard: Scorecard) -> str:
    """How to read the report: DOT arrows, RAG ratings and the markers that stand in for missing figures."""
    word = scorecard.frequency.period_word
    dot_list = "".join(
        f'<dt><span class="dot dot-{dot.value}" aria-hidden="true">{dot.arrow}</span>'
        f'<span class="vh">{DOT_WORDS[dot]}</span></dt><dd>{esc(meaning)}</dd>' for dot, meaning in dot_meanings(word))
    dot_list += (f'<dt><span class="dot dot-up" aria-hidden="true">{Dot.UP.arrow} {Dot.DOWN.arrow}</span>'
                 f'<span class="vh">up or down</span></dt><dd>{esc(INFORMATION_DOT_MEANING)}</dd>')
    rag_list = "".join(f"<dt>{rag_mark(rag)}</dt><dd>{esc(RAG_MEANINGS[rag])}</dd>"
                       for rag in (Rag.GREEN, Rag.AMBER, Rag.RED))
    rag_list += f"<dt>(blank)</dt><dd>{esc(NO_RATING_MEANING)}</dd>"
    other = other_periods_note(scorecard)
    opening = (f"DOT (direction of travel) compares this {word} with the previous {word} that has a figure, taking "
               f"account of whether a high or a low figure is good for that measure. RAG compares this {word} with "
               "the target and tolerances. Colours are always paired with an arrow, a shape or a word."
               + (f" {other}" if other else ""))
    # A public edition uses only the official statistics' symbols.
    shown = PUBLIC_SYMBOLS if scorecard.disclosure is not None else tuple(Status)
    missing = [status.value for status in shown if not status.marks_a_figure]
    marks = [status.value for status in shown if status.marks_a_figure]
    if scorecard.revisions is not None:
        marks.append(REVISED)
    withheld = disclosure_note(scorecard)
    return (
        f"<p>{esc(opening)}</p>"
        f'<h3>Direction of travel (DOT)</h3><dl class="key">{dot_list}</dl>'
        f'<h3>RAG rating (in {esc(word)})</h3><dl class="key">{rag_list}</dl>'
        f"<p>Where a figure is missing the report prints a marker, never a zero: {esc(explain_markers(missing))}.</p>"
        f"<p>A figure may carry a mark after it, and keeps its value and its rating: {esc(explain_markers(marks))}.</p>"
        + (f"<p>{esc(withheld)}</p>" if withheld else "")
    )
