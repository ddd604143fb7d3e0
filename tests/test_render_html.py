"""The HTML edition read as markup: self-contained, structured for assistive technology, escaped, and holding
every figure the PDF shows. ``test_html_browser.py`` opens the same pages in Chromium."""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from boardpack.exceptions import OutputError
from boardpack.layout import Layout, Theme, load_layout
from boardpack.model import Dot, Rag, Section
from boardpack.pipeline import FAULT, FORMATS
from boardpack.render.html import render_html
from boardpack.render.html.style import contrast, palette
from boardpack.render.html.tables import TREND_COLUMNS
from boardpack.render.html.text import DOT_WORDS
from boardpack.render.table_notes import NOT_RATED_NOTE
from factories import corporate_parenting_scorecard
from html_page import Element, numbers, parse
from html_samples import ROOT, build_samples, hostile_report


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    return build_samples(tmp_path_factory.mktemp("html"))


@pytest.fixture(scope="module")
def pages(built) -> dict[str, Element]:
    return {name: parse(stem.with_suffix(".html").read_text(encoding="utf-8")) for name, stem in built.items()}


def csv_rows(stem: Path) -> list[dict[str, str]]:
    with stem.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def report_rows(stem: Path) -> list[dict[str, str]]:
    """Each indicator's row for the reporting period (the latest period in the CSV)."""
    rows = csv_rows(stem)
    period = max(row["period"] for row in rows)
    return [row for row in rows if row["period"] == period]


def summary_rows(page: Element) -> dict[str, Element]:
    """The summary table's rows by the indicator ref their header cell starts with."""
    table = page.find("table", **{"class": "summary"})
    assert table is not None
    found = {}
    for row in table.find_all("tr"):
        header = row.find("th", scope="row")
        if header is not None:
            found[header.find("span", **{"class": "ref"}).text] = row
    return found


def test_build_writes_the_html_beside_the_csv_workbook_and_pdf(built):
    assert "html" in FORMATS
    for stem in built.values():
        for suffix in (".csv", ".xlsx", ".pdf", ".html"):
            assert stem.with_suffix(suffix).stat().st_size > 0, stem.with_suffix(suffix)


def test_the_page_needs_nothing_from_elsewhere_and_runs_nothing(built, pages):
    for name, page in pages.items():
        markup = built[name].with_suffix(".html").read_text(encoding="utf-8")
        assert not page.find_all("script") and not page.find_all("link") and not page.find_all("img")
        for element in page.walk():
            assert not any(attribute.startswith("on") for attribute in element.attrs), element
            assert element.attrs.get("href", "#").startswith("#"), element.attrs
            assert "src" not in element.attrs
        style = "".join(child for child in page.find("style").children if isinstance(child, str))
        assert "url(" not in style and "@import" not in style
        policy = page.find("meta", **{"http-equiv": "Content-Security-Policy"}).attrs["content"]
        digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
        assert "default-src 'none'" in policy and f"style-src 'sha256-{digest}'" in policy
        assert markup.startswith("<!DOCTYPE html>")


def test_one_h1_an_h2_per_section_a_skip_link_and_contents(built, pages):
    for name, page in pages.items():
        html = page.find("html")
        assert html.attrs["lang"] == "en-GB"
        assert len(page.find_all("h1")) == 1
        h2s = [h.text for h in page.find_all("h2")]
        sections = list(dict.fromkeys(row["section"] for row in csv_rows(built[name])))
        for section in sections:
            assert h2s.count(section) == 1, section
        body = page.find("body")
        skip = next(child for child in body.children if isinstance(child, Element))
        assert skip.tag == "a" and skip.attrs["href"] == "#main" and page.find("main").attrs["id"] == "main"
        ids = {element.attrs["id"] for element in page.walk() if "id" in element.attrs}
        contents = page.find("nav").find_all("a")
        assert [a.text for a in contents] == [h for h in h2s if h != "Contents"]
        assert all(a.attrs["href"][1:] in ids for a in contents)
        assert len(ids) == len([e for e in page.walk() if "id" in e.attrs]), "ids must be unique"


def test_tables_have_a_caption_a_head_and_scoped_header_cells(pages):
    for page in pages.values():
        tables = page.find_all("table")
        assert len(tables) > 10
        for table in tables:
            assert table.find("caption").text.strip()
            assert table.find("thead") is not None
            headers = table.find_all("th")
            assert headers and all(th.attrs.get("scope") in ("col", "row", "colgroup", "rowgroup") for th in headers)
            if any(a.tag == "details" for a in table.ancestors()):
                continue  # a chart's figures: two narrow columns, under the chart
            region = table.parent
            assert "scroll" in region.classes(), "a wide table scrolls in its own region, not the page"
            assert region.attrs["role"] == "region" and region.attrs["tabindex"] == "0"
            assert region.attrs["aria-label"]


def test_every_indicator_in_the_csv_is_on_the_page_with_its_rag_and_dot_in_words(built, pages):
    for name, page in pages.items():
        rows = summary_rows(page)
        for csv_row in report_rows(built[name]):
            row = rows[csv_row["ref"]]
            assert csv_row["indicator"] in row.find("th").text
            rags = [span for span in row.find_all("span") if "rag" in span.classes()]
            assert [span.text for span in rags] == ([Rag(csv_row["rag"]).word] if csv_row["rag"] else [])
            assert all(f"rag-{csv_row['rag']}" in span.classes() for span in rags)
            words = [span.text for span in row.find_all("span", **{"class": "vh"})]
            assert words == ([DOT_WORDS[Dot(csv_row["dot"])]] if csv_row["dot"] else []), csv_row["ref"]
            for arrow in row.find_all("span", **{"aria-hidden": "true"}):
                assert arrow.text in ("↑", "↓", "→")


def test_rag_shapes_differ_so_colour_is_never_alone(pages):
    style = "".join(child for child in next(iter(pages.values())).find("style").children if isinstance(child, str))
    assert re.search(r"\.rag::before\{[^}]*content:\"\"", style)
    assert "border-radius:50%" in re.search(r"\.rag-green::before\{[^}]*\}", style).group(0)
    assert "polygon" in re.search(r"\.rag-amber::before\{[^}]*\}", style).group(0)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_every_number_the_pdf_shows_is_in_the_html(built, pages):
    for name, page in pages.items():
        text = subprocess.run(["pdftotext", "-layout", str(built[name].with_suffix(".pdf")), "-"],
                              capture_output=True, text=True, check=True).stdout
        # The page footers ("Page 3 of 25") are the PDF's own, as is its note of the years a narrow summary
        # leaves to the section pages (the HTML's summary keeps them all).
        own = re.compile(r"Page \d+ of \d+|are shown on each section's page")
        printed = numbers("\n".join(line for line in text.splitlines() if not own.search(line)))
        assert len(printed) > 100
        assert printed - numbers(page.find("body").spaced_text) == set()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("style", ["figures_finance", "periods_district_quarterly", "periods_nhs_ipr"])
def test_every_number_the_pdf_shows_is_in_the_html_for_quarters_terms_money_and_markers(tmp_path, style):
    tracker = tmp_path / f"{style}.xlsx"
    subprocess.run([sys.executable, str(ROOT / "tests" / "house_styles" / f"{style}.py"), str(tracker)], check=True,
                   capture_output=True, timeout=300)
    built = subprocess.run([sys.executable, "-m", "boardpack", "build", str(tracker), "--out", str(tmp_path / "out"),
                            "--quiet"], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    out = tmp_path / "out" / style
    text = subprocess.run(["pdftotext", "-layout", str(out.with_suffix(".pdf")), "-"], capture_output=True,
                          text=True, check=True).stdout
    printed = numbers("\n".join(line for line in text.splitlines() if not re.search(r"Page \d+ of \d+", line)))
    page = parse(out.with_suffix(".html").read_text(encoding="utf-8"))
    assert printed and printed - numbers(page.find("body").spaced_text) == set()


def test_notes_glossary_details_and_key_are_there(built, pages):
    layout = load_layout(ROOT / "layouts" / "corporate-parenting.toml")
    page = pages["corporate-parenting-2019-04"]
    text = " ".join(page.find("body").text.split())
    glossary = page.find("section", id="glossary").find("dl")
    assert [dt.text for dt in glossary.find_all("dt")] == [term for term, _ in layout.glossary]
    assert [dd.text for dd in glossary.find_all("dd")] == [meaning for _, meaning in layout.glossary]
    details = page.find("section", id="details").find("dl")
    assert [dt.text for dt in details.find_all("dt")] == ["Status", "Date created", "Created by", "Reporting period"]
    assert "Performance & Quality Team" in details.text
    key = page.find("section", id="key")
    assert [r.text for r in key.find_all("span", **{"class": "rag rag-green"})] == ["Green"]
    assert "‘TBC’ to be confirmed" in key.text and "‘[p]’ provisional" in key.text
    for note in ("* Annual Trend relates to current reporting year April to Mar - not rolling year",
                 "Caseload tolerances: 14-20 is within limits"):
        assert note in text, note
    assert "Where no figure is shown: ‘-’ no figure" in text
    assert "Children in care or 'looked after children'" in text  # a section's definition


def test_charts_are_named_described_and_given_as_figures(pages):
    page = pages["corporate-parenting-2019-04"]
    charts = [svg for svg in page.find_all("svg") if svg.attrs.get("role") == "img"]
    assert len(charts) >= 18
    for svg in charts:
        title, description = svg.attrs["aria-labelledby"].split()
        assert svg.find("title", id=title).text and svg.find("desc", id=description).text.endswith(".")
        figure = next(a for a in svg.ancestors() if a.tag == "figure")
        details = figure.find("details")
        assert details.find("summary").text and details.find("table").find_all("td")
    first = charts[0]
    assert first.find("desc").text.startswith("Line chart: Number of Looked After Children, February to April 2019")
    with_lines = next(svg for svg in charts if len({line.attrs.get("stroke-dasharray") for line in
                                                   svg.find_all("line")}) >= 3)
    styles = {line.attrs.get("stroke-dasharray"): line.attrs["stroke"] for line in with_lines.find_all("line")}
    drawn = [line.attrs["stroke"] for line in with_lines.find_all("polyline")] + list(styles.values())
    for colour in set(drawn) - {"#D9D9D9"}:  # the light gridlines are not information
        assert contrast(colour, "#FFFFFF") >= 3, colour


def test_each_chart_is_described_as_the_pdf_describes_it(tmp_path):
    from boardpack.arrange import arrange
    from boardpack.charting import chart_indicators, chart_plan, section_layout

    layout = Layout()
    scorecard = arrange(corporate_parenting_scorecard(), layout)
    path = tmp_path / "report.html"
    render_html(scorecard, layout, path)
    markup = path.read_text(encoding="utf-8")
    described = 0
    for section in scorecard.sections:
        for indicator in chart_indicators(section, section_layout(layout, section), scorecard.period):
            description = chart_plan(scorecard, layout, section, indicator).description
            assert f">{html.escape(description, quote=False)}</desc>" in markup, description
            described += 1
    assert described >= 3


def test_hostile_text_in_every_field_is_shown_as_written_and_never_runs(tmp_path):
    scorecard, layout, texts = hostile_report()
    path = tmp_path / "hostile.html"
    render_html(scorecard, layout, path)
    markup = path.read_text(encoding="utf-8")
    page = parse(markup)
    assert not page.find_all("script") and not page.find_all("img")
    for element in page.walk():
        assert not any(attribute.startswith("on") for attribute in element.attrs), element.attrs
    assert len(page.find_all("h1")) == 1
    shown = page.find("body").text
    for text in texts:
        assert text in shown, text
    assert "<script>" not in markup and "&lt;script&gt;" in markup


def test_control_characters_are_dropped_and_line_breaks_kept(tmp_path):
    scorecard = corporate_parenting_scorecard()
    section = scorecard.sections[0]
    commentary = replace(section.commentary, definition="First\x07 line\nsecond line\n\nNew paragraph")
    scorecard = replace(scorecard, sections=(replace(section, commentary=commentary), *scorecard.sections[1:]))
    path = tmp_path / "report.html"
    render_html(scorecard, Layout(), path)
    assert "<p>First line<br>second line</p><p>New paragraph</p>" in path.read_text(encoding="utf-8")


def test_a_faulty_indicator_reads_not_rated_with_the_reason_under_the_table(tmp_path):
    scorecard = corporate_parenting_scorecard()
    section = scorecard.sections[1]
    faulty = replace(section.indicators[0], fault=FAULT)
    scorecard = replace(scorecard, sections=(scorecard.sections[0],
                                             replace(section, indicators=(faulty, *section.indicators[1:]))))
    path = tmp_path / "report.html"
    render_html(scorecard, Layout(), path)
    page = parse(path.read_text(encoding="utf-8"))
    row = summary_rows(page)[faulty.ref]
    assert "Not rated [1]" in row.text and not row.find_all("span", **{"class": "rag"})
    assert f"[1] {NOT_RATED_NOTE}" in page.find("section", id="summary").text


def test_a_large_section_is_shown_in_tables_a_screen_can_take_in(tmp_path):
    scorecard = corporate_parenting_scorecard()
    indicators = tuple(replace(i, ref=f"{i.ref}.{n}") for n in range(3) for i in scorecard.indicators)
    scorecard = replace(scorecard, sections=(Section("Everything", indicators),))
    path = tmp_path / "report.html"
    render_html(scorecard, Layout(), path)
    tables = parse(path.read_text(encoding="utf-8")).find("section", id="section-1").find_all(
        "table", **{"class": "trend"})
    widths = [len(table.find("thead").find_all("th")) - 1 for table in tables]
    assert sum(widths) == len(indicators) == 21 and max(widths) <= TREND_COLUMNS and max(widths) - min(widths) <= 1


def test_a_theme_whose_colours_would_not_read_is_made_to():
    theme = Theme(red_fill="#FFC7CE", red_text="#FFC7CE", band_fill="#1F4E79", band_text="#1F4E79",
                  header_fill="#000000", header_text="#111111", series="#EEEEEE", target_line="#FFFF00",
                  improved="#C6EFCE")
    colours = palette(theme)
    assert contrast(colours.rag_text[Rag.RED], colours.rag_fill[Rag.RED]) >= 4.5
    assert contrast(colours.band_text, colours.band_fill) >= 4.5
    assert contrast(colours.header_text, colours.header_fill) >= 4.5
    assert contrast(colours.header_muted, colours.header_fill) >= 4.5
    assert all(contrast(colour, "#FFFFFF") >= 4.5 for colour in colours.dot.values())
    assert contrast(colours.series, "#FFFFFF") >= 3 and contrast(colours.target, "#FFFFFF") >= 3


def test_a_page_that_cannot_be_written_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="cannot write the HTML"):
        render_html(corporate_parenting_scorecard(), Layout(), tmp_path / "missing" / "report.html")
