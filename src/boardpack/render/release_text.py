"""What a release says in words: the revisions list, and the public edition's note on withheld figures.

Every renderer shows these as it lays out its own tables and notes. ``revision_table`` gives the headings and
rows for a scorecard built with ``--previous`` (None otherwise): each revised figure with what the last report
gave and what this one gives, and each withdrawn figure with what stands in its place. "Where" is the tracker
cell the figure comes from, the file named without its folder; a public edition holds no cells, and its table
has no such column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from boardpack.model import REVISED, REVISED_EXPLANATION, CellRef, Figure, Revision, Scorecard, Status, Unit
from boardpack.render.text import format_figure, status_text

TITLE = "Revisions since the last report"
HEADINGS = ("Ref", "Indicator", "Period", "Was", "Now", "Where")
NOTHING_CHANGED = "No figure has changed since the last report."
GONE = "withdrawn: no longer reported"


@dataclass(frozen=True)
class RevisionTable:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def introduction(self) -> str:
        """The sentence before the table: what it lists, or that nothing changed."""
        if not self.rows:
            return NOTHING_CHANGED
        return (f"Figures the last report gave otherwise are marked {REVISED} where they appear; figures it gave "
                "that this report no longer does are withdrawn.")


def revision_table(scorecard: Scorecard) -> RevisionTable | None:
    """The list of revisions and withdrawals, or None when the build was not compared with a last report."""
    if scorecard.revisions is None:
        return None
    rows = []
    for record in scorecard.revisions:
        if isinstance(record, Revision):
            now = _shown(replace(record.now, previous=None), record.unit)
        elif record.now is None:
            now = GONE
        else:
            now = f"withdrawn: {status_text(record.now) or '-'}"
        rows.append((record.ref, record.indicator, record.period, _shown(record.was, record.unit), now,
                     _where(record.source)))
    if any(row[-1] for row in rows):
        return RevisionTable(HEADINGS, tuple(rows))
    return RevisionTable(HEADINGS[:-1], tuple(row[:-1] for row in rows))


def _shown(figure: Figure, unit: Unit) -> str:
    return format_figure(figure, unit)


def _where(source: CellRef | None) -> str:
    if source is None:
        return ""
    # The file's name, not its path: where the build ran is no business of the committee's.
    return str(replace(source, file=re.split(r"[\\/]", source.file)[-1]))


# The official statistics' shorthand a public edition uses, in the order the guidance lists it.
PUBLIC_SYMBOLS = (Status.CONFIDENTIAL, Status.NOT_AVAILABLE_X, Status.NOT_APPLICABLE, Status.PROVISIONAL,
                  Status.UNRELIABLE)
PUBLIC_TITLE = "Public edition"


def symbol_key() -> list[tuple[str, str]]:
    """Each symbol a public edition may use, with what it means."""
    key = [(status.value, status.explanation) for status in PUBLIC_SYMBOLS]
    return [*key, (REVISED, REVISED_EXPLANATION)]


def disclosure_note(scorecard: Scorecard) -> str:
    """What the public edition withholds and why; empty for the internal edition."""
    rules = scorecard.disclosure
    if rules is None:
        return ""
    lowest = 0 if rules.suppress_zero else 1
    return (f"This is the public edition. To protect confidentiality, so that no child or family can be identified, "
            f"counts from {lowest} to {rules.suppress_up_to} are not published and are shown as [c], as are "
            f"percentages and rates whose numerator, or denominator less numerator, is that small. Further figures, "
            f"such as year-to-date totals, are shown as [c] where a withheld figure could otherwise be worked out "
            "from them.")
