"""Turn raw tracker sheets into the scorecard model, collecting every problem as a finding.

Pure: works on ``RawSheet`` values, never on files, so messy layouts can be tested (and property-tested)
without building workbooks. Errors are findings with severity ``ERROR``: the caller decides whether to
stop, and ``validate`` can list them all at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property, partial

from boardpack.commentary import is_commentary_sheet, read_commentary
from boardpack.footnotes import add_unique, collect_notes, place_notes
from boardpack.frequency import Mark, measure_frequency
from boardpack.header_review import review_header
from boardpack.headers import (
    QUARTER_ENDS,
    Column,
    Header,
    Role,
    classify,
    header_score,
    is_header_word,
    read_header,
)
from boardpack.model import (
    Benchmark,
    CellRef,
    Commentary,
    Figure,
    Finding,
    Frequency,
    Indicator,
    LabelledFigure,
    Month,
    MonthThresholds,
    Note,
    Observation,
    Polarity,
    Scorecard,
    Section,
    Severity,
    Status,
    TableFacts,
    Threshold,
    Thresholds,
    Unit,
    UnitKind,
    period_end,
    period_label,
    period_start,
)
from boardpack.reader import RawSheet, RawWorkbook, column_letter
from boardpack.targets import Reading, Written, WrittenThresholds, read_thresholds
from boardpack.title_rows import Heading, read_heading
from boardpack.units import Cell, format_money, inferred_unit, shown_decimals
from boardpack.values import MISSING_MARKERS, CellValueError, display_round, due_text, number_value, parse_cell_value
from boardpack.vocabulary import (
    POLARITY_HELP,
    UNIT_HELP,
    frequency_marker,
    is_profile_row,
    parse_flag,
    parse_polarity,
    parse_unit,
)
from boardpack.ytd_column import place_ytds

HEADER_SEARCH_ROWS = 30
_SINGLE_ROLES = (
    Role.REF, Role.INDICATOR, Role.SECTION, Role.COUNCIL_PLAN, Role.TIMELINE, Role.FREQUENCY, Role.UNIT,
    Role.POLARITY, Role.YTD, Role.RED, Role.AMBER, Role.GREEN, Role.TARGET, Role.OFFICER_DOT, Role.OFFICER_RAG,
    Role.TOLERANCE, Role.TARGET_LOWER, Role.TARGET_UPPER, Role.OFFICER_STATUS, Role.OFFICER_TREND,
)
_THRESHOLD_ROLES = (
    ("red", Role.RED), ("amber", Role.AMBER), ("green", Role.GREEN), ("tolerance", Role.TOLERANCE),
    ("lower", Role.TARGET_LOWER), ("upper", Role.TARGET_UPPER),
)
# Status words stand in for a RAG column, and Trend words for a DOT column, when the tracker has none.
_STAND_INS = ((Role.OFFICER_STATUS, Role.OFFICER_RAG, "RAG"), (Role.OFFICER_TREND, Role.OFFICER_DOT, "DOT"))
_NOTE_SUFFIX_RE = re.compile(r"^(.*?)\s*\(\s*(\d{4}(?:\s*/\s*\d{2})?)\s*\)\s*$")


@dataclass
class _Collector:
    findings: list[Finding] = field(default_factory=list)

    def error(self, message: str, where: CellRef) -> None:
        self.findings.append(Finding(Severity.ERROR, message, where))

    def warning(self, message: str, where: CellRef) -> None:
        self.findings.append(Finding(Severity.WARNING, message, where))

    def info(self, message: str, where: CellRef) -> None:
        self.findings.append(Finding(Severity.INFO, message, where))

    def about(self, ref: str, since: int) -> None:
        """Mark the findings made since ``since`` as being about indicator ``ref``: read from its row."""
        self.findings[since:] = [replace(f, ref=ref) for f in self.findings[since:]]


@dataclass(frozen=True)
class _Table:
    sheet: RawSheet
    header_row: int
    single: dict[Role, Column]
    months: tuple[Column, ...]
    prior_years: tuple[Column, ...]
    benchmarks: tuple[Column, ...]
    title: str
    # The table's last row; 0 for the end of the sheet. A later header row on the sheet starts another table.
    last_row: int = 0
    heading: Heading = field(default_factory=Heading)
    # The frequency of every period column, or None when the table mixes, say, quarters and months.
    frequency: Frequency | None = Frequency.MONTHLY
    month_set: frozenset[Month] = frozenset()
    month_frequency: dict[Month, Frequency] = field(default_factory=dict)  # each period column's frequency
    # Profiled targets: each month with a target column of its own (a quarter's column serves its three months).
    profile: tuple[tuple[Month, Column], ...] = ()

    @cached_property
    def threshold_columns(self) -> tuple[Column | None, ...]:
        """The column of each threshold role, in ``WrittenThresholds`` order; None where the table has none."""
        return tuple(self.single.get(role) for _, role in _THRESHOLD_ROLES)

    @cached_property
    def other_figures(self) -> tuple[Column, ...]:
        """The figure columns besides the months: prior years, benchmarks and the YTD."""
        ytd = self.single.get(Role.YTD)
        return (*self.prior_years, *self.benchmarks, *((ytd,) if ytd is not None else ()))

    @cached_property
    def figure_indices(self) -> tuple[int, ...]:
        """Where every figure column is: the months', then the others'."""
        return tuple(column.index for column in (*self.months, *self.other_figures))


def normalise(
    workbooks: Sequence[RawWorkbook], period: Month | None = None, today: dt.date | None = None
) -> Scorecard:
    """Build an unassessed scorecard from raw workbooks; problems are in ``scorecard.findings``.

    ``today`` (by default the real date) is what a month column is checked against, so a figure typed under a
    month still to come is named rather than made the report's period.
    """
    log = _Collector()
    now = today or dt.date.today()
    this_month = Month(now.year, now.month)
    for workbook in workbooks:
        log.findings.extend(workbook.findings)
    indicators: list[Indicator] = []
    commentary: dict[str, Commentary] = {}
    section_notes: dict[str, list[Note]] = {}
    tracker_notes: list[Note] = []
    title = organisation = ""
    for workbook in workbooks:
        tables = []
        for sheet in workbook.sheets:
            if sheet.hidden:
                log.info("hidden sheet was not read; unhide it if it holds indicators", sheet.where())
                continue
            if is_commentary_sheet(sheet):
                for name, text in read_commentary(sheet, log.findings).items():
                    commentary.setdefault(name, text)
                continue
            tables.extend(_find_tables(sheet, log, this_month))
        if not tables:
            first = workbook.sheets[0].where() if workbook.sheets else CellRef(workbook.path)
            log.error(
                "no sheet has a header row naming Ref and Indicator columns and at least one month, YTD, "
                f"prior-year or benchmark column in its first {HEADER_SEARCH_ROWS} rows; "
                "check the header row's spelling (see the README's tracker format)",
                first,
            )
            continue
        if not title:
            titled = next((t for t in tables if t.title), None)
            if titled is not None:
                title, organisation = titled.title, titled.heading.organisation
        for table in tables:
            found, last_row = _read_indicators(table, log)
            indicators.extend(found)
            notes_by_section, about_tracker = place_notes(_table_notes(table, last_row, log), found)
            for name, placed in notes_by_section.items():
                add_unique(section_notes.setdefault(name, []), placed)
            add_unique(tracker_notes, about_tracker)
    indicators = _drop_duplicate_refs(indicators, log)
    # Grouped in one pass, sections in first-seen order; filtering every indicator per section was quadratic.
    by_section: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        by_section.setdefault(indicator.section, []).append(indicator)
    by_key = {_key(name): name for name in by_section}
    for name in commentary:
        if name not in by_key:
            log.warning(
                f"the Commentary sheet has narrative for section {name!r}, which no indicator belongs to",
                commentary[name].source or CellRef(""),
            )
    sections = tuple(
        Section(name, tuple(members), commentary.get(_key(name), Commentary()), tuple(section_notes.get(name, ())))
        for name, members in by_section.items()
    )
    latest = max(filter(None, map(_latest_month, indicators)), default=None)
    if period is None:
        period = latest
    frequencies = {indicator.frequency for indicator in indicators}
    if period is not None and len(frequencies) == 1 and Frequency.MONTHLY not in frequencies:
        # Every measure is, say, quarterly: the report is for the latest quarter ended by the period.
        period = period_end(period, frequencies.pop())
    if period is None:
        if indicators:
            log.error("no indicator has a figure in any month column, so there is no period to report",
                      indicators[0].source or CellRef(""))
        period = Month(2000, 1)
    elif latest is not None and not any(o.month == period and o.figure.has_value for i in indicators
                                        for o in i.observations):
        log.warning(f"no indicator has a figure for the chosen period {period.iso}", CellRef(workbooks[0].path))
    if not title and workbooks:
        title = _file_stem(workbooks[0].path)
    return Scorecard(
        title=title,
        period=period,
        sections=sections,
        sources=tuple(w.path for w in workbooks),
        findings=tuple(log.findings),
        notes=tuple(tracker_notes),
        organisation=organisation,
        tracker_order=tuple(indicator.ref for indicator in indicators),
    )


def _latest_month(indicator: Indicator) -> Month | None:
    # Observations run in month order (a table's month columns are sorted), so the last with a value is latest.
    return next((o.month for o in reversed(indicator.observations) if o.figure.has_value), None)


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _file_stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def _find_table(sheet: RawSheet, log: _Collector, start: int = 0) -> _Table | None:
    for row_number, row in enumerate(sheet.rows[start:start + HEADER_SEARCH_ROWS], start=start + 1):
        columns = [c for c in (classify(value, index) for index, value in enumerate(row)) if c is not None]
        roles = {column.role for column in columns}
        if Role.REF not in roles or Role.INDICATOR not in roles:
            continue
        header = read_header(sheet.rows, row_number, columns)
        if header_score(list(header.columns)):
            return _table_from_header(sheet, header, log)
    if any(any(v is not None for v in row) for row in sheet.rows):
        log.info(
            f"sheet has no header row naming Ref and Indicator columns in its first {HEADER_SEARCH_ROWS} rows, "
            "so it was not read as a tracker",
            sheet.where(),
        )
    return None


def _find_tables(sheet: RawSheet, log: _Collector, this_month: Month) -> list[_Table]:
    """Every table on a sheet: the first header row starts one, and each later header row starts another,
    whose rows are read by its own columns. Each table's header row is then reviewed (see header_review)."""
    first = _find_table(sheet, log)
    if first is None:
        return []
    tables = [first]
    while True:
        next_header = _next_header_row(sheet, tables[-1])
        if next_header is None:
            break
        later, blocked = next_header
        if blocked:
            log.error(
                f"row {later} looks like the header row of another table, but names no Ref and Indicator columns, "
                "so the rows below it cannot be read; give it Ref and Indicator headers, or move that table to a "
                "sheet of its own",
                sheet.where(later),
            )
            tables[-1] = replace(tables[-1], last_row=later - 1)
            break
        table = _find_table(sheet, log, later - 1)
        if table is None:
            break
        log.info(f"row {later} starts another table, whose rows are read by its own header", sheet.where(later))
        tables[-1] = replace(tables[-1], last_row=_above_title(sheet, later, log))
        tables.append(table)
    return [_reviewed(table, log, this_month) for table in tables]


def _above_title(sheet: RawSheet, header_row: int, log: _Collector) -> int:
    """The last row of the table above ``header_row``: one-line titles standing right above a table's header
    name that table, so they are neither indicators nor notes of the table before it."""
    row_number = header_row - 1
    while row_number > 0:
        filled = [v for v in sheet.rows[row_number - 1] if _filled(v)]
        if len(filled) != 1 or not isinstance(filled[0], str):
            break
        log.info(f"read {' '.join(filled[0].split())[:60]!r} as the title of the table below it",
                 sheet.where(row_number))
        row_number -= 1
    return row_number


def _next_header_row(sheet: RawSheet, table: _Table) -> tuple[int, bool] | None:
    """The row of the next header below ``table``'s first indicator, and whether it is one that cannot be read;
    None when there is none.

    Rows holding a ref and an indicator name are the table's own unless the ref cell holds a header word, or
    holds no digit (as "Service" over a month) and the name cell does; they are passed over on those two cells,
    so the look costs nothing per figure.
    """
    ref_index, name_index = table.single[Role.REF].index, table.single[Role.INDICATOR].index
    seen_indicator = False
    for row_number, row in enumerate(sheet.rows[table.header_row:], start=table.header_row + 1):
        ref = row[ref_index] if ref_index < len(row) else None
        name = row[name_index] if name_index < len(row) else None
        if _filled(ref) and _filled(name) and not is_header_word(ref) and not (
            isinstance(ref, str) and not any(ch.isdigit() for ch in ref) and is_header_word(name)
        ):
            seen_indicator = True
            continue
        if not seen_indicator or not any(_filled(v) for v in row):
            continue  # the header's own second row, a key, or a blank line
        columns = [c for c in (classify(v, i) for i, v in enumerate(row) if _filled(v)) if c is not None]
        if header_score(columns):
            return row_number, False
        # Two month headers, or three kinds of column, make a header row; a row of figures has neither.
        if sum(c.role is Role.MONTH for c in columns) >= 2 or len({c.role for c in columns}) >= 3:
            return row_number, True
    return None


def _filled(value: object) -> bool:
    if isinstance(value, str):
        text = value.strip()
        return bool(text) and not text.startswith("#")  # Excel's error values (#REF!) are not headers
    return value is not None


def _reviewed(table: _Table, log: _Collector, this_month: Month) -> _Table:
    used = frozenset(c.index for c in (*table.single.values(), *table.months, *table.prior_years, *table.benchmarks))
    last_row = table.last_row or len(table.sheet.rows)
    review = review_header(table.sheet, table.header_row, last_row, table.months, used, this_month)
    log.findings.extend(review.findings)
    return replace(table, months=review.months) if review.months != table.months else table


def _table_from_header(sheet: RawSheet, header: Header, log: _Collector) -> _Table:
    header_row = header.last_row
    single: dict[Role, Column] = {}
    months: dict[Month, Column] = {}
    longer: list[Column] = []
    prior: dict[str, Column] = {}
    benchmarks: dict[object, Column] = {}
    period_targets: list[Column] = []
    for column in header.columns:
        where = sheet.where(header.row_of(column.index), column.index)
        if column.role in _SINGLE_ROLES:
            if column.role in single:
                first = single[column.role]
                log.warning(
                    f"a second {column.role.value} column ({column.header!r}) was ignored; "
                    f"column {column_letter(first.index)} ({first.header!r}) is used",
                    where,
                )
            else:
                single[column.role] = column
        elif column.role is Role.MONTH and column.frequency is not Frequency.MONTHLY:
            longer.append(column)
        elif column.role is Role.MONTH:
            assert column.month is not None
            if column.month in months:
                log.warning(f"a second column for {column.month.label} was ignored", where)
            else:
                months[column.month] = column
        elif column.role is Role.PRIOR_YEAR:
            if column.year_label in prior:
                log.warning(f"a second column for {column.year_label} was ignored", where)
            else:
                prior[column.year_label] = column
        elif column.role is Role.BENCHMARK:
            if column.benchmark in benchmarks:
                log.warning(f"a second {column.header!r} benchmark column was ignored", where)
            else:
                benchmarks[column.benchmark] = column
        elif column.role is Role.PERIOD_TARGET:
            period_targets.append(column)
    _add_longer_periods(sheet, header, longer, months, log)
    if len(period_targets) == 1 and Role.GREEN not in single and Role.TARGET not in single:
        # One target column naming a period (``Q3 Target``) is simply the target.
        single[Role.TARGET] = period_targets.pop()
    profile = _target_profile(sheet, header_row, period_targets, sorted(months), log)
    for stand_in, role, name in _STAND_INS:
        if stand_in in single:
            if role in single:
                unused = single.pop(stand_in)
                log.info(f"column {column_letter(unused.index)} ({unused.header!r}) is not a column boardpack reads "
                         f"when a {name} column gives the officer's own marks, so its cells were not used",
                         sheet.where(header.row_of(unused.index), unused.index))
            else:
                single[role] = single.pop(stand_in)
    if Role.GREEN not in single and Role.TARGET in single:
        single[Role.GREEN] = single.pop(Role.TARGET)
    elif Role.TARGET in single:
        target = single.pop(Role.TARGET)
        log.info("the Target column was not used because a Green column gives the target",
                 sheet.where(header.row_of(target.index), target.index))
    left_edge = max((single[role].index for role in (Role.REF, Role.INDICATOR) if role in single), default=0)
    heading = read_heading(sheet, header.first_row, left_edge, log.findings)
    frequencies = {column.frequency for column in months.values()}
    frequency: Frequency | None = None  # a table mixing period lengths has none of its own
    if len(frequencies) <= 1:
        frequency = frequencies.pop() if frequencies else Frequency.MONTHLY
    return _Table(
        sheet=sheet,
        header_row=header_row,
        single=single,
        months=tuple(column for _, column in sorted(months.items())),
        prior_years=tuple(sorted(prior.values(), key=lambda c: c.year_label)),
        benchmarks=tuple(benchmarks.values()),
        title=heading.title,
        heading=heading,
        frequency=frequency,
        month_set=frozenset(months),
        month_frequency={month: column.frequency for month, column in months.items()},
        profile=profile,
    )


def _add_longer_periods(sheet: RawSheet, header: Header, columns: list[Column], months: dict[Month, Column],
                        log: _Collector) -> None:
    """Quarter, half-year and term columns join the month columns, keyed by their periods' last months.

    One that spans months the table also gives month by month is a total of them (quarter totals beside the
    months), not a measure's own figure, so it is not read.
    """
    monthly = {month for month, column in months.items() if column.frequency is Frequency.MONTHLY}
    for column in columns:
        assert column.month is not None
        where = sheet.where(header.row_of(column.index), column.index)
        label = period_label(column.month, column.frequency)
        start = period_start(column.month, column.frequency)
        if any(start <= month <= column.month for month in monthly):
            log.info(f"column {column_letter(column.index)} ({column.header!r}) covers months the table also "
                     f"gives month by month, so it was read as a total of them and not used", where)
        elif column.month in months:
            log.warning(f"a second column for {label} was ignored", where)
        else:
            months[column.month] = column


def _target_profile(sheet: RawSheet, header_row: int, columns: list[Column], months: list[Month],
                    log: _Collector) -> tuple[tuple[Month, Column], ...]:
    """The month each profiled target column sets the target for. A quarter's column (``Target Q1``) sets
    its three months, in the financial year its header names or else the year of the tracker's last month."""
    by_month: dict[Month, Column] = {}
    for column in columns:
        where = sheet.where(header_row, column.index)
        if column.month is not None and not column.year_label:
            covered = [column.month]
        else:
            last = column.month
            if last is None:
                if not months:
                    log.warning(f"the {column.header!r} column does not say which year it is for and the sheet "
                                "has no month columns, so it was not used; add the year (Target Q1 2024/25)",
                                where)
                    continue
                start = months[-1].financial_year_start.year
                quarter = int(column.year_label[1])
                last = Month(start + 1 if quarter == 4 else start, QUARTER_ENDS[quarter])
            covered = [last.shift(-2), last.shift(-1), last]
        for month in covered:
            if month in by_month:
                log.warning(f"a second target for {month.label} was ignored; column "
                            f"{column_letter(by_month[month].index)} ({by_month[month].header!r}) is used", where)
            else:
                by_month[month] = column
    return tuple(sorted(by_month.items(), key=lambda pair: pair[0]))


def _cell(row: tuple[object, ...], column: Column | None) -> object:
    if column is None or column.index >= len(row):
        return None
    value = row[column.index]
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _looks_like_note(text: str) -> bool:
    return len(text) > 15 or len(text.split()) > 2


def _end_row(table: _Table) -> int:
    """The table's last row: the end of its sheet, or the row before the next table's header."""
    return table.last_row or len(table.sheet.rows)


def _table_notes(table: _Table, last_row: int, log: _Collector) -> list[Note]:
    """The notes above the table's header and in the rows after ``last_row``, its last indicator."""
    figure_columns = list(table.figure_indices)
    below = range(last_row + 1, _end_row(table) + 1)
    return [*table.heading.notes, *collect_notes(table.sheet, below, log.findings, figure_columns)]


def _read_indicators(table: _Table, log: _Collector) -> tuple[list[Indicator], int]:
    """The table's indicators, and the last row of its body: the rows after it hold its notes."""
    indicators = []
    last_row = table.header_row
    unused: list[tuple[int, str]] = []
    sheet = table.sheet
    facts = _table_facts(table, log)
    ref_column, name_column = table.single[Role.REF], table.single[Role.INDICATOR]
    figure_columns = (*table.months, *table.other_figures)
    section = sheet.name
    section_column = table.single.get(Role.SECTION)
    decimal_refs = []
    end = _end_row(table)
    profile_rows: set[int] = set()
    for row_number in range(table.header_row + 1, end + 1):
        row = sheet.rows[row_number - 1]
        if row_number in profile_rows or not any(v is not None and (not isinstance(v, str) or v.strip()) for v in row):
            continue
        raw_ref = _cell(row, ref_column)
        ref, name = _text(raw_ref), _text(_cell(row, name_column))
        if isinstance(raw_ref, float) and not raw_ref.is_integer():
            decimal_refs.append((row_number, ref))
        if section_column is not None and _cell(row, section_column) is not None:
            # Officers merge a section's cells down the column; only the first row holds the name.
            section = _text(_cell(row, section_column))
        if ref and name:
            since = len(log.findings)
            profile_row = _profile_row_below(table, row_number, end)
            if profile_row is not None:
                profile_rows.add(row_number + 1)
            indicators.append(_read_indicator(table, facts, row_number, row, ref, name, section, log, profile_row))
            log.about(ref, since)
            last_row = row_number + (1 if profile_row is not None else 0)
            continue
        has_figures = any(_cell(row, c) is not None for c in figure_columns)
        if name and has_figures:
            log.warning(f"indicator {name[:60]!r} has no ref, so it was left out; give it a unique ref",
                        sheet.where(row_number, ref_column.index))
            last_row = row_number
        elif ref and has_figures and not _looks_like_note(ref):
            log.warning(f"ref {ref!r} has no indicator name, so it was left out; add the indicator's name",
                        sheet.where(row_number, name_column.index))
            last_row = row_number
        else:
            unused.append((row_number, ref or name or next(_text(v) for v in row if v is not None and _text(v))))
    # Rows among the indicators (a sub-heading, say) are not used; the rows after the last are notes.
    for row_number, text in unused:
        if row_number < last_row:
            log.info(f"row is not an indicator (no ref and indicator name), so it was not used: {text[:60]!r}",
                     sheet.where(row_number))
    if decimal_refs:
        # Excel keeps a typed 1.10 as the number 1.1, so two refs can become one, or a ref change unseen.
        more = f" (and {len(decimal_refs) - 1} more in this column)" if len(decimal_refs) > 1 else ""
        (first_row, first_ref), *_ = decimal_refs
        log.warning(f"ref {first_ref} is stored as a number{more}, so a ref typed {first_ref}0 reads as {first_ref}; "
                    "format the ref column as Text and type the refs again", sheet.where(first_row, ref_column.index))
    ytd_column = table.single.get(Role.YTD)
    if ytd_column is None:
        return indicators, last_row
    indicators, findings = place_ytds(indicators, ytd_column.year_label, sheet.where(table.header_row,
                                                                                     ytd_column.index))
    log.findings.extend(findings)
    return indicators, last_row


def _table_facts(table: _Table, log: _Collector) -> TableFacts:
    single = table.single
    timeline = single.get(Role.TIMELINE)
    facts = TableFacts(
        header=table.sheet.where(table.header_row),
        first_month=table.months[0].month if table.months else None,
        timeline_column=column_letter(timeline.index) if timeline is not None else "",
        has_polarity=Role.POLARITY in single,
        has_thresholds=any(role in single for _, role in _THRESHOLD_ROLES),
    )
    if facts.has_thresholds and not facts.has_polarity:
        log.warning("no polarity column, so every indicator on this sheet was read as Info and none is rated; "
                    "add a Good perf is column saying High, Low or Info", facts.header)
    return facts


def _profile_row_below(table: _Table, row_number: int, end: int) -> tuple[int, tuple[object, ...]] | None:
    """The row under an indicator's that holds its target for each month (``Profiled target``), if there is one."""
    if row_number >= end:
        return None
    below = table.sheet.rows[row_number]
    ref_column, name_column = table.single[Role.REF], table.single[Role.INDICATOR]
    if _cell(below, ref_column) is not None or not is_profile_row(_text(_cell(below, name_column))):
        return None
    return row_number + 1, below


def _read_indicator(
    table: _Table, facts: TableFacts, row_number: int, row: tuple[object, ...], ref: str, name: str, section: str,
    log: _Collector, profile_row: tuple[int, tuple[object, ...]] | None = None,
) -> Indicator:
    sheet, single = table.sheet, table.single

    def where(column: Column) -> CellRef:
        return sheet.where(row_number, column.index)

    polarity = _read_polarity(row, single.get(Role.POLARITY), where, ref, log)
    stated_unit = _stated_unit(table, row, where, log)
    unit = stated_unit or _inferred_unit(table, row_number, row, where, ref, log)
    scale_hundred = _percent_row_is_0_to_100(table, row_number, row, unit)
    if scale_hundred:
        log.info(f"indicator {ref}: percentages are written as 0-100 numbers, so they were read as percentages "
                 "(98.4 as 98.4%)", sheet.where(row_number))
    unit = shown_decimals(unit, _shown_cells(table, row_number, row, scale_hundred), stated_unit is not None)

    figures = _FigureReader(sheet, row_number, row, unit, scale_hundred, log)
    observations = []
    for column in table.months:
        cell_figure = figures.read(column)
        if cell_figure is not None:
            assert column.month is not None
            observations.append(Observation(column.month, cell_figure))
    # For a table mixing period lengths: the lengths of the columns this measure has figures in.
    valued_in = set() if table.frequency is not None else {
        table.month_frequency[o.month] for o in observations if o.figure.value is not None
    }
    ytd_column = single.get(Role.YTD)
    ytd = figures.read(ytd_column) if ytd_column is not None else None
    prior_years = []
    for column in table.prior_years:
        cell_figure = figures.read(column)
        if cell_figure is not None:
            prior_years.append(LabelledFigure(column.year_label, cell_figure))
    benchmarks = []
    for column in table.benchmarks:
        cell_figure = figures.read(column)
        if cell_figure is not None and column.benchmark is not None:
            benchmarks.append(Benchmark(column.benchmark, cell_figure))
    thresholds, profile = _read_thresholds(table, row_number, row, polarity, unit, ref, observations, log,
                                           profile_row)
    timeline_column, frequency_column = single.get(Role.TIMELINE), single.get(Role.FREQUENCY)
    timeline = _text(_cell(row, timeline_column))
    stated = _text(_cell(row, frequency_column))
    said = tuple((column.header, text, partial(sheet.where, row_number, column.index))
                 for column, text in ((frequency_column, stated), (timeline_column, timeline)) if column and text)
    frequency, findings = measure_frequency(
        ref, said, figures.marks, valued_in, table.frequency, observations, table.month_set,
        partial(sheet.where, row_number),
    )
    log.findings.extend(findings)
    if frequency is not Frequency.MONTHLY:
        # Cells between a measure's periods ("-" in August for a quarterly measure) are not its figures.
        ends = frequency.end_months
        observations = [o for o in observations if o.month.month in ends]
    if timeline_column is None:
        timeline = stated  # a tracker's only Frequency column was always read as its timeline
    return Indicator(
        ref=ref,
        name=name,
        section=section or sheet.name,
        unit=unit,
        polarity=polarity,
        timeline=timeline,
        council_plan=parse_flag(_cell(row, single.get(Role.COUNCIL_PLAN))),
        observations=tuple(observations),
        ytd=ytd,
        thresholds=thresholds,
        prior_years=tuple(prior_years),
        benchmarks=tuple(benchmarks),
        source=sheet.where(row_number, table.single[Role.REF].index),
        officer_rag=_text(_cell(row, single.get(Role.OFFICER_RAG))),
        officer_dot=_text(_cell(row, single.get(Role.OFFICER_DOT))),
        table=facts,
        frequency=frequency,
        profile=profile,
    )


def _read_polarity(row: tuple[object, ...], column: Column | None, where: Callable[[Column], CellRef], ref: str,
                   log: _Collector) -> Polarity:
    raw = _cell(row, column)
    if column is None or raw is None:
        if column is not None:
            log.warning(f"indicator {ref} has no polarity, so it was read as Info (no RAG); "
                        f"write {POLARITY_HELP}", where(column))
        return Polarity.INFO
    polarity = parse_polarity(_text(raw))
    if polarity is None:
        log.error(f"polarity {_text(raw)!r} is not known; write {POLARITY_HELP}", where(column))
        return Polarity.INFO
    return polarity


def _stated_unit(table: _Table, row: tuple[object, ...], where: Callable[[Column], CellRef],
                 log: _Collector) -> Unit | None:
    """The unit the tracker's unit column names, or None when it has no unit column or the cell is blank."""
    column = table.single.get(Role.UNIT)
    raw = _cell(row, column)
    if raw is None:
        return None
    unit = parse_unit(_text(raw))
    if unit is not None:
        return unit
    assert column is not None
    log.error(f"unit {_text(raw)!r} is not known; write {UNIT_HELP}", where(column))
    return Unit(UnitKind.COUNT, _text(raw), 0)


def _inferred_unit(table: _Table, row_number: int, row: tuple[object, ...], where: Callable[[Column], CellRef],
                   ref: str, log: _Collector) -> Unit:
    """A unit from the month cells' formats and forms: percentages, £ formats, or a count."""
    unit = inferred_unit(Cell(_cell(row, c), table.sheet.number_format(row_number, c.index)) for c in table.months)
    column = table.single.get(Role.UNIT)
    if column is not None:
        log.warning(f"indicator {ref} has no unit, so it was read as {unit.label} from its figures; write {UNIT_HELP}",
                    where(column))
    return unit


def _shown_cells(table: _Table, row_number: int, row: tuple[object, ...],
                 scale_hundred: bool) -> list[tuple[object, str, bool]]:
    """The cells whose formats and typed places decide the decimals: the months', or when they hold no number,
    the other figures'."""
    sheet = table.sheet
    formats, codes, percent_cells = sheet.number_formats, sheet.format_codes, sheet.percent_cells
    width = len(row)
    for columns in (table.months, table.other_figures):
        cells: list[tuple[object, str, bool]] = []
        has_number = False
        for column in columns:
            index = column.index
            raw = row[index] if index < width else None
            if raw is None:
                continue
            key = (row_number, index)
            cells.append((raw, codes[formats.get(key, 0)], scale_hundred and key not in percent_cells))
            has_number = has_number or isinstance(raw, (int, float)) or (
                isinstance(raw, str) and any(ch.isdigit() for ch in raw))
        if has_number:
            return cells
    return []


def _percent_row_is_0_to_100(table: _Table, row_number: int, row: tuple[object, ...], unit: Unit) -> bool:
    """Officers sometimes type 98.4 for 98.4%: a percentage row whose plain numbers exceed 1 is on that scale."""
    if not unit.is_percent:
        return False
    percent_cells = table.sheet.percent_cells
    width = len(row)
    for index in table.figure_indices:
        if index >= width:
            continue
        value = row[index]
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and abs(value) > 1
            and (row_number, index) not in percent_cells
        ):
            return True
    return False


class _FigureReader:
    """Reads the figure cells of one indicator's row; ``read`` runs for every figure cell of a tracker, so what
    holds for the whole row (its cells' places, whether its figures are typed on the 0-100 scale) is settled
    once, here."""

    __slots__ = ("_divide", "_file", "_log", "_row", "_row_number", "_row_text", "_scale_hundred", "_sheet",
                 "_sheet_name", "_unit", "_width", "marks")

    def __init__(self, sheet: RawSheet, row_number: int, row: tuple[object, ...], unit: Unit, scale_hundred: bool,
                 log: _Collector) -> None:
        self._sheet = sheet
        self._file, self._sheet_name = sheet.file, sheet.name
        self._row_number = row_number
        self._row_text = str(row_number)
        self._row = row
        self._width = len(row)
        self._unit = unit
        self._scale_hundred = scale_hundred
        # A plain number is divided by 100 only in a percentage row typed on the 0-100 scale.
        self._divide = _typed_as_hundreds(scale_hundred, unit, False, False)
        self._log = log
        # Cells saying how often the measure is taken ("Annual Indicator"): frequency, cell, words.
        self.marks: list[Mark] = []

    def read(self, column: Column) -> Figure | None:
        index = column.index
        sheet = self._sheet
        if sheet.formulas_without_value and (self._row_number, index) in sheet.formulas_without_value:
            self._log.error(
                "holds a formula with no saved value; open the tracker in Excel, let it calculate, and save it",
                sheet.where(self._row_number, index),
            )
            return None
        raw = self._row[index] if index < self._width else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        # The place ``sheet.where`` gives, made without a call for every cell.
        where = CellRef(self._file, self._sheet_name, column_letter(index) + self._row_text)
        # ``type`` rather than isinstance: True is an int, but not a figure.
        if type(raw) is float or type(raw) is int:
            # Most cells hold a plain number, which needs none of the text grammar.
            try:
                value = number_value(raw)
            except CellValueError as exc:
                self._log.error(str(exc), where)
                return None
            if self._divide and (self._row_number, index) not in sheet.percent_cells:
                value /= 100
            return Figure(value=value, source=where)
        return _read_figure(sheet, self._row_number, raw, column, where, self._unit, self._scale_hundred, self._log,
                            self.marks)


def _read_figure(
    sheet: RawSheet, row_number: int, raw: object, column: Column, where: CellRef, unit: Unit, scale_hundred: bool,
    log: _Collector, marks: list[Mark],
) -> Figure | None:
    note = ""
    if isinstance(raw, str):
        marker = MISSING_MARKERS.get(raw)
        if marker is not None:
            # Markers written exactly as listed ("-", "n/a") are common; none of them is a month or a number.
            return Figure(status=marker, source=where)
        match = _NOTE_SUFFIX_RE.match(raw) if column.role in (Role.BENCHMARK, Role.PRIOR_YEAR) else None
        if match:
            raw, note = match.group(1), f"({match.group(2)})"
    try:
        parsed = parse_cell_value(raw)
    except CellValueError as exc:
        # Words saying the measure is not taken this month are neither a figure nor a gap. Looked for only
        # here, where the text has already proved to be no figure, so figure cells pay nothing for it.
        if isinstance(raw, str) and (mark := frequency_marker(raw)) is not None:
            marks.append((mark, where, " ".join(raw.split())))
            return None
        # A date where the figure will go, typed as text or as a date cell: the figure is not in yet.
        due = due_text(raw)
        if due is not None:
            return Figure(status=Status.DUE, source=where, note=due)
        log.error(str(exc), where)
        return None
    value = parsed.value
    percent_format = (row_number, column.index) in sheet.percent_cells
    if value is not None and _typed_as_hundreds(scale_hundred, unit, parsed.explicit_percent, percent_format):
        value /= 100
    return Figure(
        value=value,
        numerator=parsed.numerator,
        denominator=parsed.denominator,
        status=parsed.status,
        source=where,
        note=note,
    )


def _typed_as_hundreds(scale_hundred: bool, unit: Unit, explicit_percent: bool, percent_format: bool) -> bool:
    """Whether a figure is a percentage typed on the 0-100 scale (98.4 for 98.4%) and must be divided by 100:
    its row is on that scale, and neither a % sign nor a percentage format says otherwise."""
    return scale_hundred and unit.is_percent and not explicit_percent and not percent_format


def _read_thresholds(
    table: _Table, row_number: int, row: tuple[object, ...], polarity: Polarity, unit: Unit, ref: str,
    observations: list[Observation], log: _Collector, profile_row: tuple[int, tuple[object, ...]] | None = None,
) -> tuple[Thresholds, tuple[MonthThresholds, ...]]:
    """The indicator's thresholds, and those of each month with a profiled target of its own."""
    sheet = table.sheet

    def written(column: Column | None) -> Written | None:
        raw = _cell(row, column)
        if raw is None:
            return None
        assert column is not None
        return Written(raw, sheet.where(row_number, column.index), (row_number, column.index) in sheet.percent_cells)

    cells = WrittenThresholds(*[None if column is None else written(column) for column in table.threshold_columns])
    targets = ({month: target for month, column in table.profile if (target := written(column)) is not None}
               if table.profile else {})
    if profile_row is not None:
        # A Profiled target row under the measure: the cell under each month is that month's target.
        profile_number, profile_cells = profile_row
        for column in table.months:
            raw = _cell(profile_cells, column)
            if raw is not None and column.month is not None:
                targets[column.month] = Written(raw, sheet.where(profile_number, column.index),
                                                (profile_number, column.index) in sheet.percent_cells)
    base = read_thresholds(cells, polarity, percent_unit=unit.is_percent, profiled=bool(targets))
    readings = {month: read_thresholds(replace(cells, green=target), polarity, percent_unit=unit.is_percent)
                for month, target in targets.items()}
    seen: set[tuple[object, ...]] = set()
    for reading in (base, *readings.values()) if base.findings or readings else ():
        for finding in reading.findings:
            # A profiled target repeats the row's other thresholds: say each thing once.
            key = (finding.severity, finding.message, finding.sources if finding.severity is Severity.ERROR else ())
            if key in seen:
                continue
            seen.add(key)
            message = finding.message
            if finding.about_indicator:
                cells_named = ", ".join(source.cell for source in finding.sources)
                suffix = f" (cells {cells_named})" if finding.severity is Severity.ERROR and cells_named else ""
                message = f"indicator {ref}: {message}{suffix}"
            where = finding.sources[0] if finding.sources else sheet.where(row_number)
            log.findings.append(Finding(finding.severity, message, where))
    if not readings:
        if base.gaps:
            _figures_between_ranges(base, readings, observations, unit, ref, log)
        return _shown_as_money(base.thresholds, cells, unit), ()
    if base.gaps or any(reading.gaps for reading in readings.values()):
        _figures_between_ranges(base, readings, observations, unit, ref, log)
    return _shown_as_money(base.thresholds, cells, unit), tuple(
        MonthThresholds(month, _shown_as_money(reading.thresholds, cells, unit)) for month, reading in readings.items()
    )


def _shown_as_money(thresholds: Thresholds, cells: WrittenThresholds, unit: Unit) -> Thresholds:
    """A sum typed as a number shows in the tracker with its £ format; printed as typed it would lose the £
    (250000, or 1.23457e+06 for a large one)."""
    if unit.kind is not UnitKind.MONEY:
        return thresholds
    typed = {cell.source: cell.raw for cell in (getattr(cells, name.name) for name in fields(cells))
             if isinstance(cell, Written) and isinstance(cell.raw, (int, float)) and not isinstance(cell.raw, bool)}

    def shown(threshold: Threshold | None) -> Threshold | None:
        if threshold is None or threshold.source not in typed:
            return threshold
        return replace(threshold, text=format_money(float(typed[threshold.source]), unit))

    return Thresholds(shown(thresholds.red), shown(thresholds.amber), shown(thresholds.green))


def _figures_between_ranges(base: Reading, readings: dict[Month, Reading], observations: list[Observation],
                            unit: Unit, ref: str, log: _Collector) -> None:
    """A figure that falls in none of the ranges its thresholds give was rated the worse colour either side;
    the officer may have meant otherwise, so each one is a warning at the figure's cell."""
    places = unit.display_precision()
    for observation in observations:
        value = observation.figure.value
        reading = readings.get(observation.month, base)
        if value is None or not reading.gaps:
            continue
        shown = float(display_round(value, places))
        gap = next((gap for gap in reading.gaps if gap.span.holds(shown)), None)
        if gap is None:
            continue
        cells = ", ".join(source.cell for source in reading.sources)
        log.warning(
            f"indicator {ref}: the {observation.month.label} figure falls in none of the ranges its thresholds give "
            f"(cells {cells}), so it was rated {gap.rag.word}; write the thresholds so that every figure has a colour",
            observation.figure.source or CellRef(""),
        )


def _drop_duplicate_refs(indicators: list[Indicator], log: _Collector) -> list[Indicator]:
    seen: dict[str, Indicator] = {}
    kept = []
    for indicator in indicators:
        first = seen.get(indicator.ref)
        if first is not None:
            log.error(
                f"ref {indicator.ref!r} is used twice (also at {first.source}); give each indicator a unique ref",
                indicator.source or CellRef(""),
            )
            continue
        seen[indicator.ref] = indicator
        kept.append(indicator)
    return kept
