"""The public edition: small counts withheld, so that no child can be identified, and the official symbols.

``public`` returns a new scorecard for the council's website, and findings saying what was withheld and why:

- a count from 1 to N (``[publication] suppress_up_to``, 5 by default; zero too with ``suppress_zero``) is
  withheld and shown ``[c]``; so is an ``N of D`` figure whose numerator, or denominator less numerator, is
  from 1 to N (its denominator too when that is that small);
- then more figures are withheld until no withheld one can be worked out from what is published: a year to
  date less the other months, an outturn less the year's months, a numerator from its percentage and its
  denominator (``suppression``). Every total the outputs print is weighed: each month's YTD in the CSV, the
  pack's YTD, prior-year outturns. A total counts as one when the published numbers add up to it;
- the tracker's markers become the official statistics' shorthand: ``-`` and ``n/a`` ``[z]`` (not
  applicable), the others ``[x]`` (not available, keeping a due date or TBC as the note);
- nothing internal stays: no findings (the data-quality list), no file paths.

Indicators the layout names in ``[publication] exempt`` are published as they are, and so are figures that are
not counts (money, averages, and percentages and rates given without their counts, which cannot be checked and
are named in a warning). A revision's previous value is shown only where the last report would have published
it. The internal scorecard given is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from boardpack.layout import Publication
from boardpack.model import (
    Assessment,
    Benchmark,
    Disclosure,
    Figure,
    Finding,
    Indicator,
    LabelledFigure,
    Month,
    Observation,
    Revision,
    Scorecard,
    Severity,
    Status,
    UnitKind,
    Withdrawal,
)
from boardpack.revisions import Previous, PreviousFigure
from boardpack.rules import assess_indicator, monthly_marks, reported_month
from boardpack.suppression import Cost, Relation, Table, withhold

WITHHELD = Figure(status=Status.CONFIDENTIAL)
# A cell: (what, base, when), as ``_Cells`` says.
When = Month | str | None
Key = tuple[str, str, When]
# The tracker's own markers as the official statistics' shorthand: "-" and "n/a" say there is nothing to give,
# the rest that a figure exists but is not available.
PUBLIC_STATUS = {
    Status.NONE: Status.NOT_APPLICABLE,
    Status.NOT_AVAILABLE: Status.NOT_APPLICABLE,
    Status.TBC: Status.NOT_AVAILABLE_X,
    Status.UNAVAILABLE: Status.NOT_AVAILABLE_X,
    Status.NOT_REPORTED: Status.NOT_AVAILABLE_X,
    Status.NOT_YET_AVAILABLE: Status.NOT_AVAILABLE_X,
    Status.DUE: Status.NOT_AVAILABLE_X,
}
# Percentages and rates given without their counts may rest on small numbers no one can see.
_UNCHECKABLE = (UnitKind.PERCENT, UnitKind.RATE)
_PARTS = (":num", ":den")
_MONTH, _YTD, _PRIOR = "month", "ytd", "prior"
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/\d{2}$")
_CLOSE = 1e-9


def public(scorecard: Scorecard, rules: Publication, previous: Previous | None = None
           ) -> tuple[Scorecard, tuple[Finding, ...]]:
    """The public edition of ``scorecard``, and what was withheld and why (with warnings where it could not be
    checked). ``previous`` is what ``scorecard``'s revisions were found against: when it was an internal
    edition, a previous value it would not have published is withheld from the revisions too."""
    period = scorecard.period
    exempt = set(rules.exempt)
    before = _previously_withheld(previous, rules) if previous is not None and not previous.public else set()
    findings: list[Finding] = []
    unchecked: list[str] = []
    sections = []
    released_by_ref: dict[str, Indicator] = {}
    for section in scorecard.sections:
        indicators = []
        for indicator in section.indicators:
            released = indicator
            if indicator.ref not in exempt:
                cells = _Cells.of(indicator, period, rules)
                if cells.table.primary:
                    hidden, unprotected = withhold(cells.table, cells.consequences)
                    released = cells.released(hidden)
                    findings += cells.findings(hidden, unprotected, rules)
                if _uncheckable(indicator):
                    unchecked.append(indicator.ref)
            released = _public_figures(released, before)
            released_by_ref[indicator.ref] = released
            indicators.append(released)
        sections.append(replace(section, indicators=tuple(indicators)))
    if unchecked:
        findings.append(_unchecked_warning(unchecked))
    withheld = sum(_withheld_in(indicator, period) for indicator in released_by_ref.values())
    revisions = (None if scorecard.revisions is None
                 else _public_revisions(scorecard.revisions, released_by_ref, before))
    released_card = replace(
        scorecard, sections=tuple(sections), findings=(), sources=(), revisions=revisions,
        disclosure=Disclosure(rules.suppress_up_to, rules.suppress_zero, withheld),
    )
    return released_card, tuple(findings)


def withheld_count(findings: Iterable[Finding]) -> tuple[int, int]:
    """How many figures the findings say were withheld for being small, and how many more to protect them."""
    primary = secondary = 0
    for finding in findings:
        if finding.severity is Severity.INFO:
            if _SECONDARY in finding.message:
                secondary += 1
            else:
                primary += 1
    return primary, secondary


_SECONDARY = "so that the withheld figures cannot be worked out from it"


def _uncheckable(indicator: Indicator) -> bool:
    return indicator.unit.kind in _UNCHECKABLE and any(
        o.figure.value is not None and (o.figure.numerator is None or o.figure.denominator is None)
        for o in indicator.observations)


def _unchecked_warning(refs: list[str]) -> Finding:
    plural = len(refs) > 1
    return Finding(Severity.WARNING, (
        f"the public edition publishes indicator{'s' if plural else ''} {', '.join(refs)} as "
        f"{'percentages or rates' if plural else 'a percentage or rate'} without the counts behind "
        f"{'them' if plural else 'it'}, so small numbers in {'them' if plural else 'it'} cannot be found and "
        "withheld: give the figures as 'N of D' in the tracker, or, once checked, list the refs in the layout's "
        "[publication] exempt"))


def _small(number: float, rules: Publication) -> bool:
    shown = round(number)
    return 1 <= shown <= rules.suppress_up_to or (rules.suppress_zero and shown == 0)


def _fy_start(month: Month) -> Month:
    return month.financial_year_start


def _month(when: When) -> Month:
    """A month cell's ``when``, which ``_Cells`` always makes its month."""
    assert isinstance(when, Month)
    return when


def _close(first: float, second: float) -> bool:
    return abs(first - second) <= _CLOSE * max(1.0, abs(first), abs(second))


class _Cells:
    """One indicator's published numbers as cells for ``suppression``, and the way back to the model.

    Keys are (what, base, when): what is month, ytd or prior; base "", ":num" or ":den" (an ``N of D``
    figure's value goes with its numerator); when is the month (None for the pack's own YTD) or the prior
    year's label.
    """

    def __init__(self, indicator: Indicator | None, period: Month, reported: Month, count: bool,
                 months: list[tuple[Month, Figure]], ytds: list[tuple[Month | None, Figure]],
                 priors: list[tuple[str, Figure]], rules: Publication) -> None:
        self.indicator = indicator
        self.period = period
        self.reported = reported
        self.count = count
        values: dict[Key, float] = {}
        primary: set[Key] = set()
        cost: dict[Key, Cost] = {}
        for what, rows in ((_MONTH, months), (_YTD, ytds), (_PRIOR, priors)):
            for when, figure in rows:
                for key, number, small in self._figure_cells(what, when, figure, rules):
                    values[key] = number
                    if small:
                        primary.add(key)
                    cost[key] = self._cost(what, when, number)
        relations = self._relations(values)
        self.table = Table(values, tuple(relations), frozenset(primary), cost)
        if indicator is not None:
            self.original_ytd = {o.month: ytd for o, _, _, ytd in monthly_marks(indicator, period)}

    @classmethod
    def of(cls, indicator: Indicator, period: Month, rules: Publication) -> _Cells:
        shown = [o for o in indicator.observations if o.month <= period]
        ytds: list[tuple[Month | None, Figure]] = [
            (o.month, ytd) for o, _, _, ytd in monthly_marks(indicator, period) if ytd is not None]
        if indicator.assessment is not None and indicator.assessment.ytd is not None:
            ytds.append((None, indicator.assessment.ytd))
        priors = [(p.label, p.figure) for p in indicator.prior_years]
        return cls(indicator, period, reported_month(indicator, period), indicator.unit.kind is UnitKind.COUNT,
                   [(o.month, o.figure) for o in shown], ytds, priors, rules)

    @classmethod
    def of_previous(cls, rows: tuple[PreviousFigure, ...], rules: Publication) -> _Cells:
        """The last report's figures for one indicator, as its CSV gave them, to see what it would withhold."""
        period = max(row.month for row in rows)
        months = [(row.month, row.figure) for row in rows]
        ytds: list[tuple[Month | None, Figure]] = [
            (row.month, _parts_of_ytd(row, rows)) for row in rows if row.ytd is not None]
        return cls(None, period, period, rows[0].kind is UnitKind.COUNT, months, ytds, [], rules)

    def _figure_cells(self, what: str, when: When, figure: Figure, rules: Publication
                      ) -> list[tuple[Key, float, bool]]:
        if figure.value is None:
            return []
        numerator, denominator = figure.numerator, figure.denominator
        if numerator is not None and denominator is not None:
            return [((what, ":num", when), numerator, _small(numerator, rules) or _small(denominator - numerator,
                                                                                         rules)),
                    ((what, ":den", when), denominator, _small(denominator, rules))]
        if self.count:
            return [((what, "", when), figure.value, _small(figure.value, rules))]
        return []

    def _cost(self, what: str, when: When, number: float) -> Cost:
        # Totals go first (later ones before earlier), then outturns, then the smallest months.
        if what == _YTD:
            month = when if isinstance(when, Month) else self.reported
            return (0, -(month.year * 12 + month.month), when is None)
        if what == _PRIOR:
            return (1, 0)
        return (2, number)

    def _relations(self, values: dict[Key, float]) -> list[Relation[Key]]:
        """Every sum the published numbers satisfy: each YTD as its year's months to date (or as its month,
        for a snapshot), the pack's YTD as its month's, and each outturn as its year's months or March."""
        relations: list[Relation[Key]] = []
        for base in ("", *_PARTS):
            months = {_month(key[2]): number for key, number in values.items() if key[0] == _MONTH and key[1] == base}
            totals = [(key, number) for key, number in values.items() if key[0] != _MONTH and key[1] == base]
            for key, total in totals:
                what, _, when = key
                if what == _YTD:
                    at = when if isinstance(when, Month) else self.reported
                    year = [m for m in months if _fy_start(m) == _fy_start(at) and m <= at]
                    month_key = (_YTD, base, at)
                    if when is None and month_key in values and _close(total, values[month_key]):
                        relations.append(((key, 1), (month_key, -1)))
                else:
                    matched = _FINANCIAL_YEAR.match(str(when))
                    if not matched:
                        continue
                    at = Month(int(matched.group(1)) + 1, 3)
                    year = [m for m in months if _fy_start(m) == _fy_start(at)]
                    march_ytd = (_YTD, base, at)
                    if march_ytd in values and _close(total, values[march_ytd]):
                        relations.append(((key, 1), (march_ytd, -1)))
                if year and _close(total, sum(months[m] for m in year)):
                    relations.append(((key, 1), *(((_MONTH, base, m), -1) for m in year)))
                if at in months and year != [at] and _close(total, months[at]):
                    relations.append(((key, 1), ((_MONTH, base, at), -1)))
        return relations

    # The way back to the model

    def consequences(self, hidden: frozenset[Key]) -> frozenset[Key]:
        """What ends up unpublished when ``hidden`` is withheld: the rules cannot add up a year to date over a
        withheld month, so it goes too."""
        return hidden | (frozenset(self.table.values) - self._published(self.released(hidden)))

    def released(self, hidden: frozenset[Key]) -> Indicator:
        """The indicator with the ``hidden`` cells withheld, assessed again (its RAG, DOT and YTD then rest on
        published figures only), and every YTD it can no longer give shown withheld."""
        indicator = self.indicator
        assert indicator is not None
        observations = tuple(self._observation(o, hidden) for o in indicator.observations)
        # The tracker's YTD is as at the latest month with a figure: pinned, so withholding that month's figure
        # does not move it to an earlier month.
        pinned = indicator.ytd_month or (indicator.latest_month() if indicator.ytd is not None else None)
        ytd = indicator.ytd
        if ytd is not None and ytd.has_value and pinned is not None and self._any(hidden, _YTD, pinned):
            ytd = WITHHELD
        prior_years = tuple(LabelledFigure(p.label, WITHHELD) if self._any(hidden, _PRIOR, p.label) else p
                            for p in indicator.prior_years)
        changed = replace(indicator, observations=observations, ytd=ytd, ytd_month=pinned, prior_years=prior_years)
        if indicator.assessment is None:
            return changed
        changed = assess_indicator(changed, self.period)
        now = {o.month: ytd for o, _, _, ytd in monthly_marks(changed, self.period)}
        withheld_ytd = tuple(
            month for month, figure in self.original_ytd.items()
            if figure is not None and figure.has_value
            and (self._any(hidden, _YTD, month) or (later := now.get(month)) is None or not later.has_value))
        assessment = changed.assessment
        assert assessment is not None and indicator.assessment is not None
        original = indicator.assessment.ytd
        if original is not None and original.has_value and (
                self._any(hidden, _YTD, None) or assessment.ytd is None or not assessment.ytd.has_value):
            assessment = replace(assessment, ytd=WITHHELD)
        return replace(changed, assessment=assessment, withheld_ytd=withheld_ytd)

    def _any(self, hidden: frozenset[Key], what: str, when: When) -> bool:
        return any((what, base, when) in hidden for base in ("", *_PARTS))

    def _observation(self, observation: Observation, hidden: frozenset[Key]) -> Observation:
        month, figure = observation.month, observation.figure
        if not self._any(hidden, _MONTH, month):
            return observation
        values = self.table.values
        numerator = (figure.numerator if (_MONTH, ":num", month) in values
                     and (_MONTH, ":num", month) not in hidden else None)
        denominator = (figure.denominator if (_MONTH, ":den", month) in values
                       and (_MONTH, ":den", month) not in hidden else None)
        return Observation(month, Figure(numerator=numerator, denominator=denominator, status=Status.CONFIDENTIAL,
                                         source=figure.source))

    def _published(self, indicator: Indicator) -> set[Key]:
        published: set[Key] = set()
        values = self.table.values
        for observation in indicator.observations:
            figure, month = observation.figure, observation.month
            if figure.value is not None:
                published.update(key for key in ((_MONTH, base, month) for base in ("", *_PARTS)) if key in values)
            else:
                if figure.numerator is not None:
                    published.add((_MONTH, ":num", month))
                if figure.denominator is not None:
                    published.add((_MONTH, ":den", month))
        withheld = set(indicator.withheld_ytd)
        # Each month's YTD in the CSV; given with the months' denominators, its numerator is known too.
        for observation, _, _, ytd in monthly_marks(indicator, self.period):
            if ytd is not None and ytd.has_value and observation.month not in withheld:
                published.update((_YTD, base, observation.month) for base in ("", *_PARTS))
        assessment = indicator.assessment
        if assessment is not None and assessment.ytd is not None and assessment.ytd.has_value:
            published.update((_YTD, base, None) for base in ("", *_PARTS))
        for prior in indicator.prior_years:
            if prior.figure.has_value:
                published.update((_PRIOR, base, prior.label) for base in ("", *_PARTS))
        return published & set(values)

    def findings(self, hidden: frozenset[Key], unprotected: frozenset[Key], rules: Publication) -> list[Finding]:
        indicator = self.indicator
        assert indicator is not None
        sources = {o.month: o.figure.source for o in indicator.observations}
        lowest = 0 if rules.suppress_zero else 1
        findings: list[Finding] = []
        # One finding per figure: an N of D figure's two counts, and the pack's YTD with its month's, are one.
        seen: set[str] = set()
        for key in self.table.values:
            what, _, when = key
            label = self._label(what, when)
            if key not in hidden or label in seen:
                continue
            seen.add(label)
            small = [k for k in self.table.primary if k[0] == what and self._label(k[0], k[2]) == label]
            if small:
                why = (f"a count from {lowest} to {rules.suppress_up_to}" if small[0][1] == "" else
                       f"its {'denominator' if small[0][1] == ':den' else 'numerator, or denominator less numerator,'}"
                       f" is from {lowest} to {rules.suppress_up_to}")
            else:
                why = _SECONDARY
            where = sources.get(_month(when)) if what == _MONTH else indicator.source
            findings.append(Finding(Severity.INFO, f"indicator {indicator.ref}: {label} withheld as [c] in the "
                                    f"public edition: {why}", where, indicator.ref))
        for key in sorted(unprotected, key=list(self.table.values).index):
            findings.append(Finding(Severity.WARNING, (
                f"indicator {indicator.ref}: {self._label(key[0], key[2])} could still be worked out from the "
                "public edition's figures; check it before publishing"), indicator.source, indicator.ref))
        return findings

    def _label(self, what: str, when: When) -> str:
        indicator = self.indicator
        assert indicator is not None
        if what == _MONTH:
            assert isinstance(when, Month)
            return f"the figure for {indicator.period_label(when)}"
        if what == _YTD:
            month = when if isinstance(when, Month) else self.reported
            return f"the YTD as at {indicator.period_label(month)}"
        return f"the {when} outturn"


def _parts_of_ytd(row: PreviousFigure, rows: tuple[PreviousFigure, ...]) -> Figure:
    """A YTD the CSV gave as a fraction, with the counts it was worked out from when the year's months add up
    to it (the CSV prints no YTD counts; the months' counts give them)."""
    assert row.ytd is not None
    year = [r.figure for r in rows if _fy_start(r.month) == _fy_start(row.month) and r.month <= row.month]
    if all(f.numerator is not None and f.denominator is not None for f in year) and year:
        numerator = sum(f.numerator for f in year if f.numerator is not None)
        denominator = sum(f.denominator for f in year if f.denominator is not None)
        if denominator and _close(row.ytd, numerator / denominator):
            return Figure(value=row.ytd, numerator=numerator, denominator=denominator)
    return Figure(value=row.ytd)


def _previously_withheld(previous: Previous, rules: Publication) -> set[tuple[str, Month]]:
    """The months whose figures the last report's public edition withheld, worked out again from its internal
    CSV by the same rules (the months only: revisions are of months)."""
    exempt = set(rules.exempt)
    withheld: set[tuple[str, Month]] = set()
    for ref, rows in previous.figures.items():
        if ref in exempt or not rows:
            continue
        cells = _Cells.of_previous(rows, rules)
        if not cells.table.primary:
            continue
        hidden, _ = withhold(cells.table)
        withheld.update((ref, _month(key[2])) for key in hidden if key[0] == _MONTH)
    return withheld


def _public_figure(figure: Figure | None) -> Figure | None:
    """The figure with the official shorthand for its marker, and no file path."""
    if figure is None:
        return None
    status = PUBLIC_STATUS.get(figure.status) if figure.status is not None else None
    if status is None:
        return replace(figure, source=None) if figure.source is not None else figure
    note = figure.note
    if figure.status is Status.DUE:
        note = f"due {note}" if note else ""
    elif figure.status is Status.TBC and not note:
        note = Status.TBC.value
    return replace(figure, status=status, note=note, source=None)


def _public_figures(indicator: Indicator, before: set[tuple[str, Month]]) -> Indicator:
    """Every figure of the indicator in the official shorthand, with no file path; a previous value the last
    public edition withheld is withheld again."""
    def month_figure(observation: Observation) -> Observation:
        figure = _public_figure(observation.figure)
        assert figure is not None
        if figure.previous is not None and (figure.value is None or (indicator.ref, observation.month) in before):
            figure = replace(figure, previous=WITHHELD if figure.value is not None else None)
        return Observation(observation.month, figure)

    observations = tuple(month_figure(o) for o in indicator.observations)
    by_month = {o.month: o.figure for o in observations}
    assessment = indicator.assessment
    if assessment is not None:
        assessment = _public_assessment(assessment, by_month, indicator)
    # The table's facts stay (the rules lean on them), less the file its header is in.
    table = indicator.table
    if table is not None:
        table = replace(table, header=replace(table.header, file=""))
    return replace(
        indicator, observations=observations, ytd=_public_figure(indicator.ytd), source=None, table=table,
        prior_years=tuple(LabelledFigure(p.label, _public_figure(p.figure) or p.figure) for p in indicator.prior_years),
        benchmarks=tuple(Benchmark(b.kind, _public_figure(b.figure) or b.figure) for b in indicator.benchmarks),
        assessment=assessment,
    )


def _public_assessment(assessment: Assessment, by_month: dict[Month, Figure], indicator: Indicator) -> Assessment:
    """The assessment's figures as the observations now hold them (they are the same months' figures)."""
    def same(figure: Figure | None) -> Figure | None:
        if figure is None:
            return None
        for observation in indicator.observations:
            if observation.figure is figure:
                return by_month[observation.month]
        return _public_figure(figure)

    return replace(assessment, current=same(assessment.current), previous=same(assessment.previous),
                   same_month_last_year=same(assessment.same_month_last_year), ytd=same(assessment.ytd))


def _public_revisions(records: tuple[Revision | Withdrawal, ...], released: dict[str, Indicator],
                      before: set[tuple[str, Month]]) -> tuple[Revision | Withdrawal, ...]:
    """The revisions as the public edition may give them: withheld figures shown ``[c]`` on either side, no file
    paths, and none left whose old and new figures are both withheld."""
    public: list[Revision | Withdrawal] = []
    for record in records:
        was = WITHHELD if (record.ref, record.month) in before else record.was
        indicator = released.get(record.ref)
        now = indicator.figure_for(record.month) if indicator is not None else None
        if isinstance(record, Revision):
            now = now or WITHHELD
            if was.value is None and now.value is None:
                continue
            public.append(replace(record, was=was, now=now, source=None))
        else:
            public.append(replace(record, was=was, now=now, source=None))
    return tuple(public)


def _withheld_in(indicator: Indicator, period: Month) -> int:
    """How many of the indicator's figures the public edition shows ``[c]`` for withholding (months to the
    period, YTDs, outturns)."""
    months = sum(1 for o in indicator.observations
                 if o.month <= period and o.figure.status is Status.CONFIDENTIAL and o.figure.value is None)
    ytd = 1 if indicator.assessment is not None and indicator.assessment.ytd is WITHHELD else 0
    priors = sum(1 for p in indicator.prior_years if p.figure is WITHHELD)
    return months + len(indicator.withheld_ytd) + ytd + priors
