"""The Excel scorecard, read back with openpyxl and from the zip's XML.

The golden file tests/golden/xlsx_corporate_parenting.json pins the factory scorecard's cells, number formats,
merges and panes. After an intended change to the layout, regenerate it with

    BOARDPACK_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_render_xlsx.py

and review the diff. The RAG formula is checked against ``rules.rag_for`` by evaluating the formula text the
workbook holds with a small evaluator below (pure Python, so it runs anywhere); when LibreOffice is installed
a further test has it recalculate an edited workbook.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import warnings
import zipfile
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import column_index_from_string, get_column_letter

from boardpack.charting import chart_indicators, section_layout
from boardpack.exceptions import OutputError
from boardpack.layout import Layout, PageSetup, SectionLayout, Theme
from boardpack.model import (
    CellRef,
    Comparison,
    Figure,
    Finding,
    Indicator,
    Month,
    Observation,
    Polarity,
    Rag,
    Scorecard,
    Section,
    Severity,
    Status,
    Threshold,
    Thresholds,
    Unit,
    UnitKind,
)
from boardpack.render.xlsx.formats import Formats, contrast_ratio, number_format, readable_text, wrapped_lines
from boardpack.render.xlsx.sections import sheet_names
from boardpack.render.xlsx.workbook import rag_formula, render_xlsx, threshold_numbers
from boardpack.rules import assess, rag_for
from factories import corporate_parenting_scorecard

GOLDEN = Path(__file__).parent / "golden" / "xlsx_corporate_parenting.json"
REGENERATE = os.environ.get("BOARDPACK_REGENERATE_GOLDEN") == "1"
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_workbooks" / "corporate_parenting_2019-20.xlsx"
SAMPLE_LAYOUT = ROOT / "layouts" / "corporate-parenting.toml"

LAYOUT = Layout(
    title="Corporate Parenting Monthly Performance Report",
    status="Issue 1",
    created="21/05/19",
    created_by="Performance & Quality Team",
    contact="performance@example.gov.uk",
    glossary=(("LAC", "Looked after children"), ("SN", "Statistical neighbours")),
)


# Helpers


def load(path: Path, *, data_only: bool = False) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        # openpyxl drops the sparkline extension it cannot model; the XML is checked directly instead.
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(path, data_only=data_only)


def sheet_xml(path: Path, title: str) -> str:
    """The XML of the worksheet called ``title``, found through the workbook's relationships."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        escaped = title.replace("&", "&amp;")
        rid = re.search(rf'<sheet name="{re.escape(escaped)}" sheetId="\d+"(?: state="hidden")? r:id="(rId\d+)"',
                        workbook).group(1)
        target = re.search(rf'<Relationship Id="{rid}" Type="[^"]+" Target="([^"]+)"', rels).group(1)
        return archive.read(f"xl/{target}").decode()


def rows_by_ref(sheet) -> dict[str, int]:
    """Scorecard row numbers keyed by indicator ref (column A), skipping title and band rows."""
    refs = {}
    for row in range(1, sheet.max_row + 1):
        value = sheet.cell(row, 1).value
        if isinstance(value, str) and re.fullmatch(r"\d+\.\d+\w?", value):
            refs[value] = row
    return refs


def header_columns(sheet, header_row: int) -> dict[str, int]:
    return {
        sheet.cell(header_row, col).value: col
        for col in range(1, sheet.max_column + 1)
        if sheet.cell(header_row, col).value is not None
    }


def column_hidden(sheet, col: int) -> bool:
    # Identical neighbouring columns are stored as one <col min max> record, keyed by its first letter.
    return any(d.hidden for d in sheet.column_dimensions.values() if d.min <= col <= d.max)


def find_header_row(sheet) -> int:
    for row in range(1, 12):
        if sheet.cell(row, 1).value == "Ref":
            return row
    raise AssertionError("no header row")


# A tiny evaluator for the formulas the scorecard writes: IF, ISNUMBER, AND, ROUND, comparisons,
# string and number literals and cell references.

_TOKEN = re.compile(r'\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|(?P<str>"[^"]*")|(?P<ref>\$?[A-Z]{1,3}\$?\d+)'
                    r'|(?P<name>[A-Z]+)(?=\()|(?P<op>>=|<=|<>|[(),<>=]))')


def _excel_round(value: float, places: int) -> float:
    # Excel's ROUND works on the decimal digits of the number and rounds half away from zero.
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def parse(formula: str) -> tuple:
    """A formula (with its leading ``=``) as a tree of ("num"|"str"|"ref", value), ("op", op, l, r), (name, args)."""
    tokens = []
    position, text = 0, formula.lstrip("=")
    while position < len(text):
        match = _TOKEN.match(text, position)
        assert match and match.end() > position, f"cannot read {text[position:]!r}"
        tokens.append((match.lastgroup, match.group(match.lastgroup)))
        position = match.end()
    index = 0

    def take(expected: str | None = None) -> tuple[str, str]:
        nonlocal index
        token = tokens[index]
        assert expected is None or token[1] == expected, (token, expected)
        index += 1
        return token

    def comparison() -> tuple:
        left = primary()
        if index < len(tokens) and tokens[index][0] == "op" and tokens[index][1] in (">=", "<=", ">", "<", "=", "<>"):
            op = take()[1]
            return ("op", op, left, primary())
        return left

    def primary() -> tuple:
        kind, value = take()
        if kind in ("num", "str", "ref"):
            return (kind, value)
        assert kind == "name", (kind, value)
        take("(")
        args = [comparison()]
        while tokens[index][1] == ",":
            take(",")
            args.append(comparison())
        take(")")
        return (value, args)

    tree = comparison()
    assert index == len(tokens), "formula has trailing tokens"
    return tree


def evaluate(formula: str | tuple, cells: dict[str, object]) -> object:
    """Evaluate a formula against ``cells`` keyed by plain A1 reference; IF evaluates only the branch taken."""
    node = parse(formula) if isinstance(formula, str) else formula
    kind = node[0]
    if kind == "num":
        return float(node[1])
    if kind == "str":
        return node[1][1:-1]
    if kind == "ref":
        return cells.get(node[1].replace("$", ""))
    if kind == "op":
        _, op, left, right = node
        a, b = evaluate(left, cells), evaluate(right, cells)
        return {">=": a >= b, "<=": a <= b, ">": a > b, "<": a < b, "=": a == b, "<>": a != b}[op]
    args = node[1]
    if kind == "IF":
        return evaluate(args[1] if evaluate(args[0], cells) else args[2], cells)
    values = [evaluate(arg, cells) for arg in args]
    if kind == "ISNUMBER":
        return isinstance(values[0], (int, float)) and not isinstance(values[0], bool)
    if kind == "AND":
        return all(values)
    if kind == "ROUND":
        return _excel_round(values[0], int(values[1]))
    raise AssertionError(f"unexpected function {kind}")


# Fixtures


@pytest.fixture(scope="module")
def factory_scorecard() -> Scorecard:
    return corporate_parenting_scorecard()


@pytest.fixture(scope="module")
def built(tmp_path_factory, factory_scorecard) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "scorecard.xlsx"
    render_xlsx(factory_scorecard, LAYOUT, path)
    return path


@pytest.fixture(scope="module")
def book(built):
    return load(built)


@pytest.fixture(scope="module")
def cached(built):
    return load(built, data_only=True)


# The scorecard sheet


def test_sheets_are_the_scorecard_sections_key_quality_glossary_and_hidden_chart_data(book):
    assert book.sheetnames == [
        "Scorecard", "Looked After Children", "Reviews, Plans & Visits", "Key", "Data quality", "Glossary",
        "Chart data",
    ]
    assert book["Chart data"].sheet_state == "hidden"
    # Data quality is for officers: hidden, and so never printed with the committee's sheets.
    assert book["Data quality"].sheet_state == "hidden"
    assert all(book[name].sheet_state == "visible" for name in book.sheetnames
               if name not in ("Chart data", "Data quality"))


def test_title_rows_give_the_report_period_and_document_details(book):
    sheet = book["Scorecard"]
    assert sheet["A1"].value == "Corporate Parenting Monthly Performance Report"
    assert sheet["A2"].value == "As at month end: April 2019"
    details = sheet["A3"].value
    for part in ("Status: Issue 1", "Created: 21/05/19", "Created by: Performance & Quality Team",
                 "Contact: performance@example.gov.uk"):
        assert part in details


def test_group_bands_are_merged_over_their_columns(book):
    sheet = book["Scorecard"]
    header = find_header_row(sheet)
    bands = {sheet.cell(header - 1, r.min_col).value: (r.min_col, r.max_col)
             for r in sheet.merged_cells.ranges if r.min_row == header - 1}
    columns = header_columns(sheet, header)
    assert bands["DATA"] == (columns["Ref"], columns["Data note"])
    assert bands["MONTHLY · YTD 2019/20"] == (columns["Feb-19"], columns["Trend (months)"])
    assert bands["PERFORMANCE"] == (columns["Good perf is"], columns["RAG (in month)"])
    assert bands["TREND LINES"] == (columns["Line (months)"], columns["Line (years)"])
    assert bands["TARGET & TOLERANCES"] == (columns["Red"], columns["Target (green)"])
    assert bands["YEAR ON YEAR"] == (columns["2014/15"], columns["2018/19"])
    assert bands["LATEST BENCHMARKING"] == (columns["SN AVE"], columns["NAT TOP QTILE"])


def test_columns_follow_the_performance_summary(book):
    sheet = book["Scorecard"]
    header = find_header_row(sheet)
    visible = [sheet.cell(header, col).value for col in range(1, 28)]
    # The seeds' columns, but for the trend lines, which Excel alone draws: they stand apart from the printed
    # columns, and the printed trend is the row of arrows after the YTD.
    assert visible == [
        "Ref", "Indicator", "Council plan", "Timeline", "Data note", "Feb-19", "Mar-19", "Apr-19", "YTD 2019/20",
        "Trend (months)", "Good perf is", "DOT (month on month)", "RAG (in month)", "Line (months)", "Line (years)",
        "Red", "Amber", "Target (green)", "2014/15", "2015/16", "2016/17", "2017/18", "2018/19", "SN AVE",
        "BEST SN", "NAT AVE", "NAT TOP QTILE",
    ]


def test_section_names_are_band_rows_above_their_indicators(book):
    sheet = book["Scorecard"]
    refs = rows_by_ref(sheet)
    assert sheet.cell(refs["6.1"] - 1, 1).value == "Looked After Children"
    assert sheet.cell(refs["6.8"] - 1, 1).value == "Reviews, Plans & Visits"
    assert list(refs) == ["6.1", "6.2", "6.8", "6.10", "6.14", "8.2", "11.3a"]


def test_values_carry_number_formats_by_unit(book, factory_scorecard):
    sheet = book["Scorecard"]
    refs = rows_by_ref(sheet)
    columns = header_columns(sheet, find_header_row(sheet))
    april = columns["Apr-19"]
    expected = {"6.1": (627, "#,##0"), "6.2": (110.1, "0.0"), "6.8": (114 / 122, "0.0%"),
                "8.2": (78 / 623, "0.0%"), "11.3a": (18.8, "0.0")}
    for ref, (value, expected_format) in expected.items():
        cell = sheet.cell(refs[ref], april)
        assert cell.value == pytest.approx(value)
        assert cell.number_format == expected_format
    assert sheet.cell(refs["6.2"], columns["Council plan"]).value == "Yes"
    assert sheet.cell(refs["6.2"], columns["Data note"]).value == "Rate per 10,000"
    assert sheet.cell(refs["6.2"], columns["SN AVE"]).value == pytest.approx(87.8)


def test_missing_values_show_their_status_not_blank_or_zero(book):
    sheet = book["Scorecard"]
    refs = rows_by_ref(sheet)
    columns = header_columns(sheet, find_header_row(sheet))
    assert sheet.cell(refs["6.14"], columns["Apr-19"]).value == "TBC"
    assert sheet.cell(refs["6.14"], columns["Feb-19"]).value == "-"
    assert sheet.cell(refs["6.1"], columns["YTD 2019/20"]).value == "-"
    assert sheet.cell(refs["6.14"], columns["2014/15"]).value == "-"
    assert sheet.cell(refs["6.1"], columns["SN AVE"]).value == "-"


def test_thresholds_show_the_officers_text(book):
    sheet = book["Scorecard"]
    refs = rows_by_ref(sheet)
    columns = header_columns(sheet, find_header_row(sheet))
    row = refs["11.3a"]
    assert [sheet.cell(row, columns[name]).value for name in ("Red", "Amber", "Target (green)")] == \
        [">21", "≤21", "14-20"]
    assert sheet.cell(refs["6.1"], columns["Red"]).value == "-"


def test_rag_cells_hold_the_rules_words_as_cached_formula_results(book, cached, factory_scorecard):
    formulas, values = book["Scorecard"], cached["Scorecard"]
    refs = rows_by_ref(formulas)
    rag_col = header_columns(formulas, find_header_row(formulas))["RAG (in month)"]
    words = {}
    for indicator in factory_scorecard.indicators:
        expected = indicator.assessment.rag
        cell = values.cell(refs[indicator.ref], rag_col)
        words[indicator.ref] = cell.value or ""
        assert (cell.value or "") == (expected.word if expected else ""), indicator.ref
    assert words == {"6.1": "", "6.2": "Red", "6.8": "Amber", "6.10": "Red", "6.14": "", "8.2": "Amber",
                     "11.3a": "Green"}
    assert formulas.cell(refs["6.8"], rag_col).data_type == "f"
    assert formulas.cell(refs["6.1"], rag_col).value is None  # an info measure is never rated


def test_rag_formula_reads_the_rows_own_value_and_threshold_cells(book):
    sheet = book["Scorecard"]
    header = find_header_row(sheet)
    columns = header_columns(sheet, header)
    refs = rows_by_ref(sheet)
    row = refs["6.8"]
    formula = sheet.cell(row, columns["RAG (in month)"]).value
    april = get_column_letter(columns["Apr-19"])
    cited = set(re.findall(r"\$?([A-Z]+)\$?(\d+)", formula))
    assert (april, str(row)) in cited
    assert {number for _, number in cited} == {str(row)}
    assert "ROUND(" in formula and ",3)" in formula  # 0.0% shows three places of the fraction
    helpers = {name: columns[name] for name in ("Green from", "Amber from", "Red from")}
    assert sheet.cell(row, helpers["Green from"]).value == pytest.approx(0.95)
    assert sheet.cell(row, helpers["Amber from"]).value == pytest.approx(0.90)
    assert column_hidden(sheet, helpers["Green from"])
    assert not column_hidden(sheet, columns["Apr-19"])


def test_editing_a_value_changes_the_rag_word_as_the_rules_would(book, factory_scorecard):
    """Put other figures in each rated row's value cell and evaluate the formula the workbook holds."""
    sheet = book["Scorecard"]
    columns = header_columns(sheet, find_header_row(sheet))
    refs = rows_by_ref(sheet)
    april = get_column_letter(columns["Apr-19"])
    rag_col = columns["RAG (in month)"]
    candidates = [0.0, 0.0949, 0.08, 0.10796, 0.108, 0.1085, 0.12949, 0.1295, 0.13, 0.5, 0.8995, 0.89949, 0.9,
                  0.94949, 0.9495, 0.95, 0.99, 1.0, 13.0, 13.95, 14.0, 19.96, 20.04, 20.05, 21.0, 21.04, 21.05, 22.0,
                  99.1, 99.14, 99.15, 150.0]
    checked = 0
    for indicator in factory_scorecard.indicators:
        row = refs[indicator.ref]
        formula = sheet.cell(row, rag_col).value
        if formula is None:
            assert rag_for(0.5, indicator.polarity, indicator.thresholds, indicator.unit) is None
            continue
        cells = {
            f"{get_column_letter(col)}{row}": sheet.cell(row, col).value for col in range(1, sheet.max_column + 1)
        }
        for value in [*candidates, "TBC", None]:
            cells[f"{april}{row}"] = value
            expected = rag_for(value if isinstance(value, float) else None, indicator.polarity,
                               indicator.thresholds, indicator.unit)
            assert evaluate(formula, cells) == (expected.word if expected else ""), (indicator.ref, value)
            checked += 1
    assert checked > 100


def test_rag_conditional_formats_cover_the_rag_column_with_theme_colours(book):
    sheet = book["Scorecard"]
    header = find_header_row(sheet)
    rag_letter = get_column_letter(header_columns(sheet, header)["RAG (in month)"])
    last = max(rows_by_ref(sheet).values())
    theme = Theme()
    rules = {}
    for formatting in sheet.conditional_formatting:
        for rule in formatting.rules:
            rules[rule.formula[0]] = (str(formatting.sqref), rule.operator, rule.dxf.fill.bgColor.rgb,
                                      rule.dxf.font.color.rgb)
    assert rules == {
        '"Red"': (f"{rag_letter}{header + 1}:{rag_letter}{last}", "equal", "FF" + theme.red_fill[1:],
                  "FF" + theme.red_text[1:]),
        '"Amber"': (f"{rag_letter}{header + 1}:{rag_letter}{last}", "equal", "FF" + theme.amber_fill[1:],
                    "FF" + theme.amber_text[1:]),
        '"Green"': (f"{rag_letter}{header + 1}:{rag_letter}{last}", "equal", "FF" + theme.green_fill[1:],
                    "FF" + theme.green_text[1:]),
    }


def test_dot_arrows_are_text_coloured_by_meaning(book):
    sheet = book["Scorecard"]
    refs = rows_by_ref(sheet)
    dot = header_columns(sheet, find_header_row(sheet))["DOT (month on month)"]
    theme = Theme()
    expected = {"6.1": ("↓", theme.info), "6.2": ("↑", theme.improved), "6.10": ("↓", theme.declined),
                "8.2": ("↑", theme.improved), "6.14": ("-", theme.same)}
    for ref, (arrow, colour) in expected.items():
        cell = sheet.cell(refs[ref], dot)
        assert cell.value == arrow, ref
        assert cell.font.color.rgb == "FF" + colour[1:], ref


def test_frozen_panes_autofilter_and_print_setup(book):
    sheet = book["Scorecard"]
    header = find_header_row(sheet)
    assert sheet.freeze_panes == f"C{header + 1}"
    assert sheet.auto_filter.ref == f"A{header}:AA{max(rows_by_ref(sheet).values())}"
    assert sheet.print_title_rows == f"${header - 1}:${header}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default and is left out of the XML
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.oddFooter.left.text == "Corporate Parenting Monthly Performance Report"
    assert sheet.oddFooter.right.text == "Page &P of &N"


def test_every_indicator_has_a_month_sparkline_and_years_where_present(built, book, factory_scorecard):
    xml = sheet_xml(built, "Scorecard")
    assert xml.count("<x14:sparklineGroup ") == 2
    sparklines = re.findall(r"<x14:sparkline><xm:f>([^<]+)</xm:f><xm:sqref>([A-Z]+\d+)</xm:sqref>", xml)
    sheet = book["Scorecard"]
    columns = header_columns(sheet, find_header_row(sheet))
    refs = rows_by_ref(sheet)
    month_letter = get_column_letter(columns["Line (months)"])
    year_letter = get_column_letter(columns["Line (years)"])
    months = {location for _, location in sparklines if location.startswith(month_letter)}
    years = {location for _, location in sparklines if location.startswith(year_letter)}
    assert months == {f"{month_letter}{row}" for row in refs.values()}
    with_years = [i.ref for i in factory_scorecard.indicators if any(p.figure.has_value for p in i.prior_years)]
    assert years == {f"{year_letter}{refs[ref]}" for ref in with_years}
    data = book["Chart data"]
    for source, location in sparklines:
        assert source.startswith("'Chart data'!")
        first, last = source.split("!")[1].split(":")
        row = int(re.sub(r"[A-Z]+", "", first))
        ref = data.cell(row, 1).value
        assert refs[ref] == int(re.sub(r"[A-Z]+", "", location))
        if location.startswith(month_letter):
            # Jan-19 to the reporting month, Apr-19.
            assert [data.cell(1, column_index_from_string(c)).value for c in (first[0], last[0])] == \
                ["Jan-19", "Apr-19"]


# Section sheets


def test_section_sheet_has_the_in_month_table(book):
    sheet = book["Reviews, Plans & Visits"]
    labels = [sheet.cell(row, 1).value for row in range(7, 7 + 15)]
    assert labels == [m.label for m in Month(2019, 4).trend_window()]
    assert labels[0] == "Jan-19" and labels[-1] == "Mar-20"
    assert sheet["B4"].value == "6.8" and sheet["B6"].value == "N of D" and sheet["C6"].value == "Percentage"
    assert sheet["B10"].value == "114 of 122"
    assert sheet["C10"].value == pytest.approx(114 / 122) and sheet["C10"].number_format == "0.0%"
    assert sheet["C11"].value is None  # May-19 is still to come
    assert sheet["A22"].value == "YTD 2019/20" and sheet["B22"].value == "114 of 122"
    assert sheet["A23"].value == "ANNUAL TREND"
    assert [sheet.cell(row, 1).value for row in range(24, 29)] == ["2014/15", "2015/16", "2016/17", "2017/18",
                                                                  "2018/19"]
    assert sheet["B26"].value == "652 of 714"
    assert sheet["A29"].value == "LATEST BENCHMARKING"
    assert [sheet.cell(row, 1).value for row in range(30, 34)] == ["SN AVE", "BEST SN", "NAT AVE", "NAT TOP QTILE"]
    assert sheet.freeze_panes == "B7"
    assert sheet.print_title_rows == "$4:$6"


def test_section_sheet_prints_the_commentary_as_text(book):
    sheet = book["Looked After Children"]
    texts = [sheet.cell(row, 2).value for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value in
             ("Definition", "Performance analysis", "Data note")]
    assert texts[1] == "April brought 29 discharges & only 16 admissions: a net reduction of 13 <to 627>."
    assert len(texts) == 3


def _charts(path: Path) -> dict[str, str]:
    """Each chart's XML keyed by its title, the text cached from the chart-data cell it points at."""
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/charts/chart")]
    titles = [re.search(r"<c:title><c:tx><c:strRef><c:f>([^<]+)</c:f>.*?<c:v>([^<]+)</c:v>", chart).group(2)
              for chart in charts]
    return dict(zip(titles, charts, strict=True))


def test_sections_chart_the_indicators_the_pdf_charts(built, factory_scorecard):
    charts = _charts(built)
    expected = [
        f"{i.ref} {i.name}" for section in factory_scorecard.sections
        for i in chart_indicators(section, section_layout(LAYOUT, section), factory_scorecard.period)
    ]
    assert sorted(charts) == sorted(expected)
    # Up to two measures with a target each: 6.1 (information) and 6.14 onwards are left to their sparklines.
    assert sorted(charts) == sorted([
        "6.2 Rate of Looked After Children per 10,000 population aged under 18",
        "6.8 LAC cases reviewed within timescales",
        "6.10 Health of Looked After Children - up to date Health Assessments",
    ])
    assert all("<c:lineChart>" in chart for chart in charts.values())
    assert "<c:v>Target</c:v>" in charts["6.8 LAC cases reviewed within timescales"]


def test_charts_draw_the_target_band_and_none_for_an_information_measure(tmp_path, factory_scorecard):
    layout = Layout(sections=(
        SectionLayout("Looked After Children", ("6.1", "6.2"), chart_refs=("6.1",)),
        SectionLayout("Reviews, Plans & Visits", ("6.8", "6.10", "6.14", "8.2", "11.3a"), chart_refs=("11.3a",)),
    ))
    path = tmp_path / "charts.xlsx"
    render_xlsx(factory_scorecard, layout, path)
    charts = _charts(path)
    assert sorted(charts) == ["11.3a Average number of cases per qualified social worker in LAC Teams 1-3",
                              "6.1 Number of Looked After Children"]
    band = charts["11.3a Average number of cases per qualified social worker in LAC Teams 1-3"]
    assert "<c:v>Target from</c:v>" in band and "<c:v>Target to</c:v>" in band
    assert "Target" not in charts["6.1 Number of Looked After Children"]  # info measures have no target


def test_layout_chooses_which_indicators_are_charted_and_how(tmp_path, factory_scorecard):
    layout = Layout(sections=(
        SectionLayout("Looked After Children", ("6.1", "6.2"), chart="none"),
        SectionLayout("Reviews, Plans & Visits", ("6.8", "6.10", "6.14", "8.2", "11.3a"), chart="bar",
                      chart_refs=("6.8",)),
    ))
    path = tmp_path / "charts.xlsx"
    render_xlsx(factory_scorecard, layout, path)
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/charts/chart")]
    assert len(charts) == 1
    assert "<c:barChart>" in charts[0] and "<c:lineChart>" in charts[0]  # columns with the target as a line


# Key, data quality, glossary


def test_key_explains_arrows_colours_polarity_and_statuses(book):
    sheet = book["Key"]
    first_column = [sheet.cell(row, 1).value for row in range(1, sheet.max_row + 1)]
    for symbol in ("↑", "↓", "→", "↑ ↓", "-", "Green", "Amber", "Red", "High", "Low", "Info", "TBC",
                   "not reported"):
        assert symbol in first_column, symbol


def test_data_quality_lists_every_finding_with_file_sheet_and_cell(book, factory_scorecard):
    sheet = book["Data quality"]
    header = next(row for row in range(1, 10) if sheet.cell(row, 1).value == "Severity")
    assert [sheet.cell(header, col).value for col in range(1, 6)] == ["Severity", "File", "Sheet", "Cell", "Message"]
    rows = [tuple(sheet.cell(row, col).value or "" for col in range(1, 6))
            for row in range(header + 1, sheet.max_row + 1)]
    expected = [(f.severity.value.capitalize(), Path(f.where.file).name, f.where.sheet, f.where.cell, f.message)
                for f in factory_scorecard.findings]
    assert rows == expected and expected
    assert sheet.auto_filter.ref.startswith(f"A{header}:E")


def test_glossary_sheet_only_when_the_layout_has_one(tmp_path, book, factory_scorecard):
    assert [tuple(row) for row in book["Glossary"].iter_rows(min_row=5, values_only=True)] == [
        ("LAC", "Looked after children"), ("SN", "Statistical neighbours"),
    ]
    path = tmp_path / "plain.xlsx"
    render_xlsx(factory_scorecard, Layout(), path)
    assert "Glossary" not in load(path).sheetnames


# Safety and determinism


def test_two_builds_are_byte_identical(tmp_path, factory_scorecard):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    render_xlsx(factory_scorecard, LAYOUT, first)
    render_xlsx(factory_scorecard, LAYOUT, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2019-04-01T00:00:00Z</dcterms:created>" in core


def _hostile_scorecard() -> Scorecard:
    base = corporate_parenting_scorecard()
    hostile = ["=HYPERLINK(\"http://x\",\"y\")", "+SUM(1,2)", "-2+3", "@A1", "=cmd|' /C calc'!A0"]
    first, second = base.sections
    indicators = list(second.indicators)
    indicators[0] = replace(indicators[0], name=hostile[0], timeline=hostile[1], ref="6.8")
    indicators[1] = replace(indicators[1], name="Sheet1!A1 looks like a reference")
    section = replace(second, name="=Reviews: plans/visits [all]?", indicators=tuple(indicators),
                      commentary=replace(second.commentary, definition=hostile[2], analysis=hostile[3]))
    return replace(base, title=hostile[4], sections=(first, section),
                   findings=(*base.findings, Finding(Severity.WARNING, hostile[0], CellRef("=x.xlsx", "@s", "+A1"))))


def test_tracker_text_that_looks_like_a_formula_stays_text(tmp_path):
    path = tmp_path / "hostile.xlsx"
    render_xlsx(_hostile_scorecard(), Layout(), path)
    book = load(path)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert cell.value.startswith("=IF(ISNUMBER("), (sheet.title, cell.coordinate, cell.value)
                elif isinstance(cell.value, str):
                    texts.append(cell.value)
    for text in ("=HYPERLINK(\"http://x\",\"y\")", "+SUM(1,2)", "-2+3", "@A1", "=cmd|' /C calc'!A0"):
        assert text in texts, text
    assert book.sheetnames[2] == "=Reviews plans visits all"


def test_sheet_names_are_legal_unique_and_short():
    sections = tuple(Section(name, ()) for name in (
        "Looked After Children - Reviews, Plans, Visits and Health Assessments",
        "Looked After Children - Reviews, Plans, Visits and Health Assessments",
        "Key", "a/b\\c*d?e:f[g]h", "'quoted'", "   ", "Spend $", "history",
    ))
    names = sheet_names(sections)
    assert len(set(n.casefold() for n in names)) == len(names)
    assert all(0 < len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert names[0] == "Looked After Children - Reviews"
    assert names[1] == "Looked After Children - Rev (2)"
    assert names[2] == "Key (2)"
    assert names[3] == "a b c d e f g h"
    assert names[4] == "quoted"
    assert names[5] == "Section 6"
    assert names[6] == "Spend"  # "$" would be lost from sparkline references
    assert names[7] == "history (2)"


def test_unwritable_path_is_an_output_error(tmp_path, factory_scorecard):
    with pytest.raises(OutputError):
        render_xlsx(factory_scorecard, Layout(), tmp_path / "missing" / "scorecard.xlsx")


def test_notes_follow_their_figures(tmp_path, factory_scorecard):
    first, second = factory_scorecard.sections
    rate = first.indicators[1]
    benchmarks = tuple(replace(b, figure=replace(b.figure, note="(2017)")) for b in rate.benchmarks)
    observations = tuple(
        replace(o, figure=Figure(status=Status.TBC, note="due Aug-19")) if o.month == Month(2019, 4) else o
        for o in rate.observations
    )
    changed = replace(rate, benchmarks=benchmarks, observations=observations)
    scorecard = replace(factory_scorecard, sections=(replace(first, indicators=(first.indicators[0], changed)),
                                                     second))
    path = tmp_path / "notes.xlsx"
    render_xlsx(scorecard, Layout(), path)
    sheet = load(path)["Scorecard"]
    columns = header_columns(sheet, find_header_row(sheet))
    row = rows_by_ref(sheet)["6.2"]
    average = sheet.cell(row, columns["SN AVE"])
    assert average.value == pytest.approx(87.8) and average.number_format == '0.0" (2017)"'
    assert sheet.cell(row, columns["Apr-19"]).value == "TBC (due Aug-19)"


def test_a_bare_scorecard_and_a_period_late_in_the_year_still_render(tmp_path):
    unit = Unit(UnitKind.COUNT, "Count", 0)
    indicators = (
        Indicator("1.1", "Nothing reported yet", "Only", unit, Polarity.HIGH),
        Indicator("1.2", "Red threshold only", "Only", unit, Polarity.LOW,
                  observations=(Observation(Month(2020, 3), Figure(value=12.0)),),
                  thresholds=Thresholds(red=Threshold(Comparison.MORE_THAN, 10, text=">10"))),
    )
    scorecard = assess(Scorecard("Bare", Month(2020, 3), (Section("Only", indicators),)), Month(2020, 3))
    scorecard = replace(scorecard, findings=())
    path = tmp_path / "bare.xlsx"
    render_xlsx(scorecard, Layout(), path)
    book, cached = load(path), load(path, data_only=True)
    sheet = book["Scorecard"]
    header = find_header_row(sheet)
    columns = header_columns(sheet, header)
    assert [sheet.cell(header, columns[m]).value for m in ("Jan-20", "Feb-20", "Mar-20")] == ["Jan-20", "Feb-20",
                                                                                              "Mar-20"]
    assert "Line (years)" not in columns and "2018/19" not in columns
    rows = rows_by_ref(sheet)
    assert sheet.cell(rows["1.1"], columns["Mar-20"]).value == "-"
    assert cached["Scorecard"].cell(rows["1.2"], columns["RAG (in month)"]).value == "Red"
    assert book.sheetnames == ["Scorecard", "Only", "Key", "Data quality", "Chart data"]
    assert book["Data quality"]["A1"].value == "Data quality: for officers, not for publication"
    assert book["Data quality"]["A5"].value == "No findings: the trackers read cleanly."


# Formats and colours


def test_number_formats_by_unit():
    assert number_format(Unit(UnitKind.PERCENT, "Percentage", 1)) == "0.0%"
    assert number_format(Unit(UnitKind.PERCENT, "Percentage", 0)) == "0%"
    assert number_format(Unit(UnitKind.COUNT, "Count", 0)) == "#,##0"
    assert number_format(Unit(UnitKind.RATE, "Rate per 10,000", 1)) == "0.0"
    assert number_format(Unit(UnitKind.AVERAGE, "Average", 2)) == "0.00"
    assert number_format(Unit(UnitKind.PERCENT, "Percentage", 1), 'note "2017"\\') == '0.0%" note 2017"'


def test_wrapped_lines_counts_the_lines_a_text_takes():
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("Short name", 10) == 1
    assert wrapped_lines("Two\nlines", 10) == 2
    assert wrapped_lines("Looked after children", 10) == 3  # "Looked", "after", "children"
    assert wrapped_lines("x" * 25, 10) == 3  # a word longer than the line breaks across lines


def test_theme_colour_pairs_meet_the_contrast_minimum():
    theme = Theme()
    for rag in Rag:
        fill, text = getattr(theme, f"{rag.value}_fill"), getattr(theme, f"{rag.value}_text")
        assert contrast_ratio(fill, text) >= 4.5, rag
    for colour in (theme.improved, theme.declined, theme.same, theme.info):
        assert contrast_ratio(colour, "#FFFFFF") >= 4.5
    assert readable_text("#FFFF00", "#FFFFFF") == "#000000"  # yellow on white falls back
    assert readable_text("#FFFF00", "#000080") == "#FFFF00"


def test_a_layout_theme_recolours_the_rag_rules(tmp_path, factory_scorecard):
    theme = replace(Theme(), red_fill="#000000", red_text="#FFFFFF", font_size=10.0)
    path = tmp_path / "themed.xlsx"
    render_xlsx(factory_scorecard, Layout(theme=theme, page=PageSetup("A3", "portrait")), path)
    sheet = load(path)["Scorecard"]
    red = next(rule for cf in sheet.conditional_formatting for rule in cf.rules if rule.formula == ['"Red"'])
    assert red.dxf.fill.bgColor.rgb == "FF000000" and red.dxf.font.color.rgb == "FFFFFFFF"
    assert sheet["A7"].font.sz == 10.0
    # The layout's paper; but the wide scorecard prints landscape whatever the appendix's pages.
    assert sheet.page_setup.paperSize == 8 and sheet.page_setup.orientation == "landscape"
    assert load(path)["Key"].page_setup.orientation == "portrait"


def _large_scorecard(count: int) -> Scorecard:
    units = [Unit(UnitKind.PERCENT, "Percentage", 1), Unit(UnitKind.COUNT, "Count", 0),
             Unit(UnitKind.RATE, "Rate", 1)]
    start = Month(2019, 1)
    sections = []
    for s in range(10):
        indicators = []
        for i in range(count // 10):
            unit = units[i % 3]
            scale = 1 if unit.is_percent else 100
            observations = tuple(
                Observation(start.shift(m), Figure(value=((i * 7 + m * 13) % 100) / 100 * scale))
                for m in range(4)
            )
            thresholds = Thresholds(
                red=Threshold(Comparison.LESS_THAN, 0.5 * scale, text="<50"),
                amber=Threshold(Comparison.AT_LEAST, 0.5 * scale, text="50>"),
                green=Threshold(Comparison.AT_LEAST, 0.8 * scale, text="80+"),
            )
            indicators.append(Indicator(f"{s}.{i}", f"Indicator {s}.{i}", f"Section {s}", unit, Polarity.HIGH,
                                        observations=observations, thresholds=thresholds))
        sections.append(Section(f"Section {s}", tuple(indicators)))
    return assess(Scorecard("Large", Month(2019, 4), tuple(sections)))


def test_a_thousand_indicators_reuse_a_handful_of_formats(tmp_path, monkeypatch):
    made: list[Formats] = []
    original = Formats.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(Formats, "__init__", spy)
    path = tmp_path / "large.xlsx"
    render_xlsx(_large_scorecard(1000), Layout(sections=()), path)
    assert len(made[0]._cells) < 60
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        refs = [row[0] for row in book["Scorecard"].iter_rows(min_col=1, max_col=1, values_only=True)]
        book.close()
    assert sum(1 for ref in refs if isinstance(ref, str) and re.fullmatch(r"\d\.\d+", ref)) == 1000
    # Two charts a section, as in the PDF; the other indicators keep their sparklines.
    assert len(_charts(path)) == 20


# The RAG formula against the rules, over many thresholds and values

_COMPARISONS = list(Comparison)


@st.composite
def _threshold(draw) -> Threshold:
    comparison = draw(st.sampled_from(_COMPARISONS))
    value = draw(st.integers(-2000, 2000)) / draw(st.sampled_from([1, 10, 100, 1000]))
    if comparison is Comparison.BETWEEN:
        upper = value + draw(st.integers(0, 2000)) / draw(st.sampled_from([1, 10, 100, 1000]))
        return Threshold(comparison, value, upper)
    return Threshold(comparison, value)


@st.composite
def _case(draw):
    thresholds = Thresholds(
        red=draw(st.none() | _threshold()), amber=draw(st.none() | _threshold()), green=draw(st.none() | _threshold()),
    )
    unit = Unit(draw(st.sampled_from(list(UnitKind))), "unit", draw(st.integers(0, 12)))
    polarity = draw(st.sampled_from(list(Polarity)))
    bounds = [t.value for t in (thresholds.red, thresholds.amber, thresholds.green) if t is not None]
    bounds += [t.upper for t in (thresholds.red, thresholds.amber, thresholds.green) if t is not None and t.upper]
    step = 10.0 ** -unit.display_precision()
    near = st.sampled_from(bounds or [0.0]).flatmap(
        lambda b: st.sampled_from([-0.5, -0.49, -0.51, 0.0, 0.49, 0.5, 0.51, 1.0, -1.0]).map(lambda k: b + k * step)
    )
    value = draw(near | st.floats(-3000, 3000, allow_nan=False) | st.integers(-30000, 30000).map(lambda n: n / 10))
    return thresholds, unit, polarity, value


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_case())
def test_rag_formula_matches_the_rules(case):
    thresholds, unit, polarity, value = case
    limits = {role: (f"$R{i}", f"$S{i}") for i, role in enumerate(("red", "amber", "green"), start=1)}
    formula = rag_formula("$H9", limits, polarity, thresholds, unit)
    expected = rag_for(value, polarity, thresholds, unit)
    if formula is None:
        assert expected is None and rag_for(0.0, polarity, thresholds, unit) is None
        return
    cells: dict[str, object] = {"H9": value}
    for i, role in enumerate(("red", "amber", "green"), start=1):
        threshold = getattr(thresholds, role)
        if threshold is not None:
            cells[f"R{i}"], cells[f"S{i}"] = threshold_numbers(threshold)
    assert evaluate(formula, cells) == (expected.word if expected else "")
    cells["H9"] = "TBC"
    assert evaluate(formula, cells) == ""


# Golden layout


def _snapshot(path: Path) -> dict:
    book = load(path)
    snapshot = {}
    for sheet in book.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or cell.value == "":
                    continue
                value = round(cell.value, 10) if isinstance(cell.value, float) else cell.value
                cells[cell.coordinate] = [value, cell.number_format] if cell.number_format != "General" else value
        snapshot[sheet.title] = {
            "state": sheet.sheet_state,
            "freeze": sheet.freeze_panes,
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "hidden_columns": sorted(f"{d.min}:{d.max}" for d in sheet.column_dimensions.values() if d.hidden),
            "print_titles": sheet.print_title_rows,
            "conditional": sorted(str(cf.sqref) for cf in sheet.conditional_formatting),
            "cells": cells,
        }
    return snapshot


def test_golden_layout(built):
    snapshot = _snapshot(built)
    if REGENERATE:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    assert GOLDEN.exists(), f"{GOLDEN.name} is missing; set BOARDPACK_REGENERATE_GOLDEN=1 to write it"
    assert snapshot == json.loads(GOLDEN.read_text(encoding="utf-8"))


# A real engine and real trackers


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_recalculates_edited_values_to_the_rules_words(tmp_path, built, factory_scorecard):
    """Edit value cells with openpyxl (keeping the formulas), have LibreOffice recalculate, read the words."""
    book = load(built)
    sheet = book["Scorecard"]
    columns = header_columns(sheet, find_header_row(sheet))
    refs = rows_by_ref(sheet)
    april = columns["Apr-19"]
    edits = {"6.2": 99.14, "6.8": 0.9495, "6.10": 0.89949, "8.2": 0.1295, "11.3a": 20.04, "6.14": 0.96}
    for ref, value in edits.items():
        sheet.cell(refs[ref], april).value = value
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        "<value>0</value></prop></item></oor:items>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(edited)],
        check=True, capture_output=True, timeout=180,
    )
    recalculated = load(out / "edited.xlsx", data_only=True)["Scorecard"]
    rag_col = columns["RAG (in month)"]
    by_ref = {i.ref: i for i in factory_scorecard.indicators}
    for ref, value in edits.items():
        indicator = by_ref[ref]
        expected = rag_for(value, indicator.polarity, indicator.thresholds, indicator.unit)
        assert (recalculated.cell(refs[ref], rag_col).value or "") == expected.word, ref


@pytest.mark.skipif(not SAMPLE.exists() or not SAMPLE_LAYOUT.exists(), reason="sample tracker not present")
def test_sample_tracker_builds_a_scorecard_whose_rag_words_follow_the_rules(tmp_path):
    from boardpack.pipeline import build

    result = build(layout=SAMPLE_LAYOUT, out_dir=tmp_path, formats=["xlsx"])
    (path,) = result.outputs
    _check_against_rules(path, result.scorecard)
    book = load(path)
    assert book["Scorecard"]["A2"].value == "As at month end: April 2019"
    assert len(book.sheetnames) == len(result.scorecard.sections) + 5
    xml = sheet_xml(path, "Scorecard")
    assert xml.count("<x14:sparkline>") >= len(result.scorecard.indicators)


def test_a_tracker_the_tests_never_saw_gives_rag_words_that_follow_the_rules(tmp_path):
    from boardpack.pipeline import build
    from trackers import write_tracker

    tracker = write_tracker(tmp_path / "unseen.xlsx")
    result = build([tracker], out_dir=tmp_path / "out", formats=["xlsx"])
    (path,) = result.outputs
    rated = _check_against_rules(path, result.scorecard)
    assert rated >= 2


def _check_against_rules(path: Path, scorecard: Scorecard) -> int:
    """Cached RAG words equal the rules', and each formula agrees with the rules when values are edited."""
    formulas, values = load(path)["Scorecard"], load(path, data_only=True)["Scorecard"]
    header = find_header_row(formulas)
    columns = header_columns(formulas, header)
    rag_col = columns["RAG (in month)"]
    value_col = columns[scorecard.period.label]
    refs = {formulas.cell(row, 1).value: row for row in range(header + 1, formulas.max_row + 1)}
    rated = 0
    for indicator in scorecard.indicators:
        row = refs[indicator.ref]
        expected = indicator.assessment.rag
        assert (values.cell(row, rag_col).value or "") == (expected.word if expected else ""), indicator.ref
        formula = formulas.cell(row, rag_col).value
        if formula is None:
            continue
        rated += 1
        cells = {f"{get_column_letter(c)}{row}": formulas.cell(row, c).value for c in range(1, formulas.max_column + 1)}
        current = indicator.figure_for(scorecard.period)
        base = current.value if current and current.value is not None else 1.0
        for factor in (0.0, 0.5, 0.9, 0.99, 1.0, 1.01, 1.1, 1.5, 2.0):
            trial = base * factor
            cells[f"{get_column_letter(value_col)}{row}"] = trial
            rule = rag_for(trial, indicator.polarity, indicator.thresholds_at(scorecard.period), indicator.unit)
            assert evaluate(formula, cells) == (rule.word if rule else ""), (indicator.ref, trial)
    return rated
