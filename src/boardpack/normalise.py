"""Turn raw tracker sheets into the scorecard model, collecting every problem as a finding.

Pure: works on ``RawSheet`` values, never on files, so messy layouts can be tested (and property-tested)
without building workbooks. Errors are findings with severity ``ERROR``: the caller decides whether to
stop, and ``validate`` can list them all at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from boardpack.commentary import is_commentary_sheet, read_commentary
from boardpack.headers import QUARTER_ENDS, Column, Role, classify, header_score, parse_month
from boardpack.model import (
    Benchmark,
    CellRef,
    Commentary,
    Figure,
    Finding,
    Indicator,
    LabelledFigure,
    Month,
    MonthThresholds,
    Observation,
    Polarity,
    Scorecard,
    Section,
    Severity,
    Status,
    Thresholds,
    Unit,
    UnitKind,
)
from boardpack.reader import RawSheet, RawWorkbook, column_letter
from boardpack.targets import Reading, Written, WrittenThresholds, read_thresholds
from boardpack.values import MISSING_MARKERS, CellValueError, display_round, number_value, parse_cell_value
from boardpack.vocabulary import POLARITY_HELP, UNIT_HELP, parse_flag, parse_polarity, parse_unit

HEADER_SEARCH_ROWS = 30
_SINGLE_ROLES = (
    Role.REF, Role.INDICATOR, Role.SECTION, Role.COUNCIL_PLAN, Role.TIMELINE, Role.UNIT, Role.POLARITY, Role.YTD,
    Role.RED, Role.AMBER, Role.GREEN, Role.TARGET, Role.OFFICER_DOT, Role.OFFICER_RAG, Role.TOLERANCE,
    Role.TARGET_LOWER, Role.TARGET_UPPER, Role.OFFICER_STATUS, Role.OFFICER_TREND,
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


@dataclass(frozen=True)
class _Table:
    sheet: RawSheet
    header_row: int
    single: dict[Role, Column]
    months: tuple[Column, ...]
    prior_years: tuple[Column, ...]
    benchmarks: tuple[Column, ...]
    title: str
    # Profiled targets: each month with a target column of its own (a quarter's column serves its three months).
    profile: tuple[tuple[Month, Column], ...] = ()


def normalise(workbooks: Sequence[RawWorkbook], period: Month | None = None) -> Scorecard:
    """Build an unassessed scorecard from raw workbooks; problems are in ``scorecard.findings``."""
    log = _Collector()
    for workbook in workbooks:
        log.findings.extend(workbook.findings)
    indicators: list[Indicator] = []
    commentary: dict[str, Commentary] = {}
    title = ""
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
            table = _find_table(sheet, log)
            if table is not None:
                tables.append(table)
        if not tables:
            first = workbook.sheets[0].where() if workbook.sheets else CellRef(workbook.path)
            log.error(
                "no sheet has a header row naming Ref and Indicator columns and at least one month, YTD, "
                f"prior-year or benchmark column in its first {HEADER_SEARCH_ROWS} rows; "
                "check the header row's spelling (see the README's tracker format)",
                first,
            )
            continue
        title = title or next((t.title for t in tables if t.title), "")
        for table in tables:
            indicators.extend(_read_indicators(table, log))
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
        Section(name, tuple(members), commentary.get(_key(name), Commentary()))
        for name, members in by_section.items()
    )
    latest = max(filter(None, map(_latest_month, indicators)), default=None)
    if period is None:
        period = latest
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
    )


def _latest_month(indicator: Indicator) -> Month | None:
    # Observations run in month order (a table's month columns are sorted), so the last with a value is latest.
    return next((o.month for o in reversed(indicator.observations) if o.figure.has_value), None)


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _file_stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def _find_table(sheet: RawSheet, log: _Collector) -> _Table | None:
    for row_number, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], start=1):
        columns = [c for c in (classify(value, index) for index, value in enumerate(row)) if c is not None]
        if header_score(columns):
            return _table_from_header(sheet, row_number, row, columns, log)
    if any(any(v is not None for v in row) for row in sheet.rows):
        log.info(
            f"sheet has no header row naming Ref and Indicator columns in its first {HEADER_SEARCH_ROWS} rows, "
            "so it was not read as a tracker",
            sheet.where(),
        )
    return None


def _table_from_header(
    sheet: RawSheet, header_row: int, row: tuple[object, ...], columns: list[Column], log: _Collector
) -> _Table:
    single: dict[Role, Column] = {}
    months: dict[Month, Column] = {}
    prior: dict[str, Column] = {}
    benchmarks: dict[object, Column] = {}
    period_targets: list[Column] = []
    for column in columns:
        where = sheet.where(header_row, column.index)
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
    if len(period_targets) == 1 and Role.GREEN not in single and Role.TARGET not in single:
        # One target column naming a period (``Q3 Target``) is simply the target.
        single[Role.TARGET] = period_targets.pop()
    profile = _target_profile(sheet, header_row, period_targets, sorted(months), log)
    unused: dict[int, str] = {}
    for stand_in, role, name in _STAND_INS:
        if stand_in in single:
            if role in single:
                unused[single.pop(stand_in).index] = f"when a {name} column gives the officer's own marks"
            else:
                single[role] = single.pop(stand_in)
    if Role.GREEN not in single and Role.TARGET in single:
        single[Role.GREEN] = single.pop(Role.TARGET)
    elif Role.TARGET in single:
        target = single.pop(Role.TARGET)
        log.info("the Target column was not used because a Green column gives the target",
                 sheet.where(header_row, target.index))
    known = {c.index for c in columns} - set(unused)
    for index, value in enumerate(row):
        if value is not None and index not in known and str(value).strip():
            when = f" {unused[index]}" if index in unused else ""
            log.info(
                f"column {column_letter(index)} ({' '.join(str(value).split())!r}) is not a column boardpack "
                f"reads{when}, so its cells were not used",
                sheet.where(header_row, index),
            )
    title = next(
        (" ".join(v.split()) for r in sheet.rows[: header_row - 1] for v in r if isinstance(v, str) and v.strip()),
        "",
    )
    return _Table(
        sheet=sheet,
        header_row=header_row,
        single=single,
        months=tuple(sorted(months.values(), key=lambda c: c.month)),
        prior_years=tuple(sorted(prior.values(), key=lambda c: c.year_label)),
        benchmarks=tuple(benchmarks.values()),
        title=title,
        profile=profile,
    )


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


def _read_indicators(table: _Table, log: _Collector) -> list[Indicator]:
    indicators = []
    sheet = table.sheet
    ref_column, name_column = table.single[Role.REF], table.single[Role.INDICATOR]
    figure_columns = [*table.months, *table.prior_years, *table.benchmarks]
    if Role.YTD in table.single:
        figure_columns.append(table.single[Role.YTD])
    section = sheet.name
    section_column = table.single.get(Role.SECTION)
    for row_number in range(table.header_row + 1, len(sheet.rows) + 1):
        row = sheet.rows[row_number - 1]
        if not any(v is not None and (not isinstance(v, str) or v.strip()) for v in row):
            continue
        ref, name = _text(_cell(row, ref_column)), _text(_cell(row, name_column))
        if section_column is not None and _cell(row, section_column) is not None:
            # Officers merge a section's cells down the column; only the first row holds the name.
            section = _text(_cell(row, section_column))
        if ref and name:
            indicators.append(_read_indicator(table, row_number, row, ref, name, section, log))
            continue
        has_figures = any(_cell(row, c) is not None for c in figure_columns)
        where = sheet.where(row_number)
        if name and has_figures:
            log.warning(f"indicator {name[:60]!r} has no ref, so it was left out; give it a unique ref",
                        sheet.where(row_number, ref_column.index))
        elif ref and has_figures and not _looks_like_note(ref):
            log.warning(f"ref {ref!r} has no indicator name, so it was left out; add the indicator's name",
                        sheet.where(row_number, name_column.index))
        else:
            text = ref or name or next(_text(v) for v in row if v is not None and _text(v))
            log.info(f"row is not an indicator (no ref and indicator name), so it was not used: {text[:60]!r}",
                     where)
    return indicators


def _read_indicator(
    table: _Table, row_number: int, row: tuple[object, ...], ref: str, name: str, section: str, log: _Collector
) -> Indicator:
    sheet, single = table.sheet, table.single

    def where(column: Column) -> CellRef:
        return sheet.where(row_number, column.index)

    polarity = _read_polarity(row, single.get(Role.POLARITY), where, ref, log)
    unit = _read_unit(table, row_number, row, where, ref, log)
    scale_hundred = _percent_row_is_0_to_100(table, row_number, row, unit)
    if scale_hundred:
        log.info(f"indicator {ref}: percentages are written as 0-100 numbers, so they were read as percentages "
                 "(98.4 as 98.4%)", sheet.where(row_number))

    figures = _FigureReader(sheet, row_number, row, unit, scale_hundred, log)
    observations = []
    for column in table.months:
        cell_figure = figures.read(column)
        if cell_figure is not None:
            assert column.month is not None
            observations.append(Observation(column.month, cell_figure))
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
    thresholds, profile = _read_thresholds(table, row_number, row, polarity, unit, ref, observations, log)
    return Indicator(
        ref=ref,
        name=name,
        section=section or sheet.name,
        unit=unit,
        polarity=polarity,
        timeline=_text(_cell(row, single.get(Role.TIMELINE))),
        council_plan=parse_flag(_cell(row, single.get(Role.COUNCIL_PLAN))),
        observations=tuple(observations),
        ytd=ytd,
        thresholds=thresholds,
        prior_years=tuple(prior_years),
        benchmarks=tuple(benchmarks),
        source=sheet.where(row_number, table.single[Role.REF].index),
        officer_rag=_text(_cell(row, single.get(Role.OFFICER_RAG))),
        officer_dot=_text(_cell(row, single.get(Role.OFFICER_DOT))),
        profile=profile,
    )


def _read_polarity(row, column: Column | None, where, ref: str, log: _Collector) -> Polarity:
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


def _read_unit(table: _Table, row_number: int, row, where, ref: str, log: _Collector) -> Unit:
    column = table.single.get(Role.UNIT)
    raw = _cell(row, column)
    if raw is not None:
        unit = parse_unit(_text(raw))
        if unit is not None:
            return unit
        assert column is not None
        log.error(f"unit {_text(raw)!r} is not known; write {UNIT_HELP}", where(column))
        return Unit(UnitKind.COUNT, _text(raw), 0)
    looks_percent = any(
        (row_number, c.index) in table.sheet.percent_cells
        or (isinstance(_cell(row, c), str) and ("%" in _cell(row, c) or " of " in _cell(row, c)))
        for c in table.months
    )
    unit = Unit(UnitKind.PERCENT, "Percentage", 1) if looks_percent else Unit(UnitKind.COUNT, "Count", 0)
    if column is not None:
        log.warning(f"indicator {ref} has no unit, so it was read as {unit.label} from its figures; write {UNIT_HELP}",
                    where(column))
    return unit


def _percent_row_is_0_to_100(table: _Table, row_number: int, row, unit: Unit) -> bool:
    """Officers sometimes type 98.4 for 98.4%: a percentage row whose plain numbers exceed 1 is on that scale."""
    if not unit.is_percent:
        return False
    percent_cells = table.sheet.percent_cells
    for column in [*table.months, *table.prior_years, *table.benchmarks, table.single.get(Role.YTD)]:
        if column is None or column.index >= len(row):
            continue
        value = row[column.index]
        if (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and abs(value) > 1
            and (row_number, column.index) not in percent_cells
        ):
            return True
    return False


class _FigureReader:
    """Reads the figure cells of one indicator's row; ``read`` runs for every figure cell of a tracker."""

    __slots__ = ("_sheet", "_row_number", "_row", "_width", "_unit", "_scale_hundred", "_log")

    def __init__(self, sheet: RawSheet, row_number: int, row: tuple[object, ...], unit: Unit, scale_hundred: bool,
                 log: _Collector) -> None:
        self._sheet = sheet
        self._row_number = row_number
        self._row = row
        self._width = len(row)
        self._unit = unit
        self._scale_hundred = scale_hundred
        self._log = log

    def read(self, column: Column) -> Figure | None:
        sheet, row_number, index = self._sheet, self._row_number, column.index
        if sheet.formulas_without_value and (row_number, index) in sheet.formulas_without_value:
            self._log.error(
                "holds a formula with no saved value; open the tracker in Excel, let it calculate, and save it",
                sheet.where(row_number, index),
            )
            return None
        raw = self._row[index] if index < self._width else None
        if raw is None:
            return None
        kind = type(raw)
        if kind is float or kind is int:
            # Most cells hold a plain number, which needs none of the text grammar.
            where = sheet.where(row_number, index)
            try:
                value = number_value(raw)
            except CellValueError as exc:
                self._log.error(str(exc), where)
                return None
            if _typed_as_hundreds(self._scale_hundred, self._unit, False, (row_number, index) in sheet.percent_cells):
                value /= 100
            return Figure(value=value, source=where)
        if isinstance(raw, str) and not raw.strip():
            return None
        return _read_figure(sheet, row_number, raw, column, self._unit, self._scale_hundred, self._log)


def _read_figure(
    sheet: RawSheet, row_number: int, raw: object, column: Column, unit: Unit, scale_hundred: bool, log: _Collector
) -> Figure | None:
    where = sheet.where(row_number, column.index)
    note = ""
    if isinstance(raw, str):
        marker = MISSING_MARKERS.get(raw)
        if marker is not None:
            # Markers written exactly as listed ("-", "n/a") are common; none of them is a month or a number.
            return Figure(status=marker, source=where)
        due = parse_month(raw)
        if due is not None:
            return Figure(status=Status.TBC, source=where, note=f"due {due.label}")
        match = _NOTE_SUFFIX_RE.match(raw) if column.role in (Role.BENCHMARK, Role.PRIOR_YEAR) else None
        if match:
            raw, note = match.group(1), f"({match.group(2)})"
    try:
        parsed = parse_cell_value(raw)
    except CellValueError as exc:
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
    table: _Table, row_number: int, row, polarity: Polarity, unit: Unit, ref: str,
    observations: list[Observation], log: _Collector,
) -> tuple[Thresholds, tuple[MonthThresholds, ...]]:
    """The indicator's thresholds, and those of each month with a profiled target of its own."""
    sheet = table.sheet

    def written(column: Column | None) -> Written | None:
        raw = _cell(row, column)
        if raw is None:
            return None
        assert column is not None
        return Written(raw, sheet.where(row_number, column.index), (row_number, column.index) in sheet.percent_cells)

    single = table.single
    cells = WrittenThresholds(*(written(single.get(role)) for _, role in _THRESHOLD_ROLES))
    targets = ({month: target for month, column in table.profile if (target := written(column)) is not None}
               if table.profile else {})
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
        return base.thresholds, ()
    if base.gaps or any(reading.gaps for reading in readings.values()):
        _figures_between_ranges(base, readings, observations, unit, ref, log)
    return base.thresholds, tuple(MonthThresholds(month, reading.thresholds) for month, reading in readings.items())


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
