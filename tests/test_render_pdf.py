"""The PDF appendix: read back with pypdf and checked for its parts, figures, narrative, footers and bookmarks.

Golden files under tests/golden/pdf_*.json hold the page count and each page's text (whitespace collapsed).
After an intended change to the PDF, rewrite them and review the diff:

    BOARDPACK_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_render_pdf.py
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, Table

from boardpack.arrange import arrange
from boardpack.layout import Layout, Theme, load_layout, parse_layout
from boardpack.model import Commentary, Section, Status
from boardpack.render.pdf import document, render_pdf
from boardpack.render.pdf.grid import CellTable
from boardpack.render.pdf.styles import MINIMUM_CONTRAST, contrast_ratio, legible, styles_for
from factories import corporate_parenting_scorecard

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("BOARDPACK_REGENERATE_GOLDEN") == "1"
SAMPLE = ROOT / "sample_workbooks" / "corporate_parenting_2019-20.xlsx"
SAFEGUARDING = ROOT / "sample_workbooks" / "safeguarding_2015" / "safeguarding_may_2015.xlsx"
LAYOUT = ROOT / "layouts" / "corporate-parenting.toml"

ANALYSIS = "April brought 29 discharges & only 16 admissions: a net reduction of 13 <to 627>."
FACTORY_LAYOUT = {
    "title": "Corporate Parenting Monthly Performance Report",
    "appendix": "Appendix A",
    "committee": "Corporate Parenting Panel",
    "status": "Issue 1",
    "created": "21/05/2019",
    "created_by": "Performance & Quality Team",
    "headlines": [
        {"ref": "6.8", "text": "of LAC reviews held within timescales"},
        {"ref": "6.1", "text": "looked after children"},
        {"ref": "6.14", "text": "of LAC with up to date PEPs"},
    ],
    "glossary": {"LAC": "Looked after children", "SN": "Statistical neighbours & the <best> of them"},
}


def normalise(text: str) -> str:
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(path).pages]


def summary_text(texts: list[str]) -> str:
    """The performance summary's first page, from its title on (a short part may stand above it)."""
    page = next(page for page in texts if "Performance summary · " in page)
    return page[page.index("Performance summary · "):]


def body_text(texts: list[str]) -> str:
    """The pages' text without running heads and footers, so that text running over a page break reads on."""
    bodies = [page[:page.rfind("Appendix A · ")] for page in texts]
    return " ".join(re.sub(r"^.{0,400}?\(continued\) ", "", body, count=1) for body in bodies)


def check_running_heads(path: Path, texts: list[str]) -> None:
    """Each page starts a part (and its bookmark points there) or says which part it continues."""
    entries = outline(path)
    for number, text in enumerate(texts):
        starting = [title for title, page in entries if page == number]
        # A page holds the start of a part (or of a short part and the one under it), or continues one.
        expected = starting[0] if starting else f"{[t for t, page in entries if page < number][-1]} (continued)"
        assert text.startswith(expected) or number == 0, (number, expected, text[:80])


def outline(path: Path) -> list[tuple[str, int]]:
    reader = PdfReader(path)
    return [(entry.title, reader.get_destination_page_number(entry)) for entry in reader.outline]


def check_golden(name: str, texts: list[str]) -> None:
    golden = GOLDEN / f"pdf_{name}.json"
    actual = {"pages": len(texts), "text": texts}
    if REGENERATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"{golden.name} is missing; set BOARDPACK_REGENERATE_GOLDEN=1 to write it"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def build(tmp_path: Path, scorecard=None, layout: Layout | None = None, name: str = "pack.pdf") -> Path:
    scorecard = scorecard or corporate_parenting_scorecard()
    layout = layout or parse_layout(FACTORY_LAYOUT)
    path = tmp_path / name
    render_pdf(arrange(scorecard, layout), layout, path)
    return path


@pytest.fixture(scope="module")
def factory_pdf(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def factory_text(factory_pdf) -> list[str]:
    return page_texts(factory_pdf)


# The parts and their contents


def test_cover_has_title_month_details_and_key(factory_text):
    cover = factory_text[0]
    for words in ("Appendix A", "Corporate Parenting Monthly Performance Report", "Corporate Parenting Panel",
                  "As at month end: April 2019", "Status Issue 1", "Date created 21/05/2019",
                  "Created by Performance & Quality Team", "Direction of travel (DOT)", "RAG rating",
                  "Green On or better than target", "Amber", "Red", "‘TBC’ to be confirmed"):
        assert words in cover, words
    for arrow in ("↑", "↓", "→"):
        assert arrow in cover


def test_every_section_indicator_and_value_is_printed(factory_text):
    scorecard = corporate_parenting_scorecard()
    text = " ".join(factory_text)
    for section in scorecard.sections:
        assert section.name in text
        for indicator in section.indicators:
            assert indicator.ref in text
            assert normalise(indicator.name) in text, indicator.name
    for value in ("93.4%", "114 of 122", "1,660 of 1,875", "627", "110.1", "18.8", "12.5%", "78 of 623", "87.8"):
        assert value in text, value


def test_summary_rates_in_words_and_arrows(factory_text):
    summary = summary_text(factory_text)
    assert "As at month end: April 2019" in summary
    for words in ("Feb-19", "Mar-19", "Apr-19", "YTD 2019/20", "DOT", "RAG", "Annual trend", "Latest benchmarking",
                  "Target and tolerances", "Looked After Children", "Reviews, Plans & Visits"):
        assert words in summary, words
    assert re.search(r"6\.8 LAC cases reviewed within timescales .*93\.4% 93\.4% ↑ Amber <90% 90%> 95%\+", summary)
    assert re.search(r"6\.10 Health of Looked After Children .* 76\.3% 76\.3% ↓ Red", summary)
    assert re.search(r"11\.3a Average number of cases .* 18\.8 18\.8 ↑ Green >21 ≤21 14-20", summary)


def test_missing_values_print_as_markers_with_an_explanation_never_zero(factory_text):
    summary = summary_text(factory_text)
    row = re.search(r"6\.14 % of LAC with up to date PEPs.*?(?=8\.2 )", summary).group(0)
    assert re.search(r"High - 96\.7% TBC -", row)
    assert "0.0%" not in row
    assert "‘-’ no figure; ‘TBC’ to be confirmed" in summary


def test_section_pages_show_the_year_to_date_ytd_annual_trend_and_benchmarks(factory_text):
    page = next(page for page in factory_text if page.startswith("Looked After Children"))
    rows = page[page.index("In month performance"):page.index("Annual trend")]
    assert re.search(r"In month performance Apr-19 627 110\.1 .*YTD 2019/20 - 110\.1", rows)
    for month in ("Jan-19", "Mar-19", "May-19", "Mar-20"):  # only the reporting year's months to April
        assert month not in rows, month
    for words in ("In month performance", "YTD 2019/20", "Annual trend", "2014/15", "2018/19",
                  "Latest benchmarking", "SN AVE", "BEST SN", "NAT AVE", "Apr-19 rating", "Red ↑"):
        assert words in page, words
    # The lines are named at their ends, the legend spelling out the benchmark's short name.
    assert "Monthly figure" in page and "Target 99.1" in page and "SN AVE 87.8" in page
    assert "Statistical neighbour average (SN AVE)" in page and "Lower is better" in page


def test_a_layout_may_show_the_whole_year_and_months_before_it(tmp_path):
    layout = parse_layout({**FACTORY_LAYOUT, "trend": {"months": "year", "months_before": 3}})
    texts = page_texts(build(tmp_path, layout=layout))
    page = next(page for page in texts if page.startswith("Looked After Children"))
    rows = page[page.index("In month performance"):page.index("Annual trend")]
    months = ("Jan-19 629 110.5", "Feb-19", "Mar-19", "Apr-19 627 110.1", "May-19", "Dec-19", "Jan-20", "Mar-20",
              "YTD 2019/20 - 110.1")
    positions = [rows.index(m) for m in months]
    assert positions == sorted(positions)
    assert "Dec-18" not in rows


def test_narrative_prints_literally_under_its_headings(factory_text):
    text = " ".join(factory_text)
    assert ANALYSIS in text
    for heading in ("Definition", "Performance analysis", "Data note"):
        assert heading in text
    assert "&amp;" not in text and "&;" not in text and "&lt;" not in text


def test_performance_on_a_page_tiles(factory_text):
    page = next(page for page in factory_text if page.startswith("Performance on a page"))
    assert "93.4% of LAC reviews held within timescales (114 of 122)" in page
    assert "RAG: Amber ↑ Improved on Mar-19" in page
    assert "627 looked after children" in page and "For information ↓ Down on Mar-19" in page
    assert "TBC of LAC with up to date PEPs (to be confirmed for Apr-19)" in page


def test_same_month_last_year_shows_on_a_tile_when_the_tracker_has_it(tmp_path):
    scorecard = corporate_parenting_scorecard()
    lac = scorecard.sections[0].indicators[0]
    last_year = replace(lac.assessment, same_month_last_year=replace(lac.assessment.current, value=642.0))
    first = scorecard.sections[0]
    sections = (replace(first, indicators=(replace(lac, assessment=last_year), *first.indicators[1:])),
                *scorecard.sections[1:])
    texts = page_texts(build(tmp_path, replace(scorecard, sections=sections)))
    page = next(page for page in texts if page.startswith("Performance on a page"))
    assert "Same month last year (Apr-18): 642" in page
    assert page.count("Same month last year") == 1


def test_glossary_is_last_and_literal(factory_text):
    assert factory_text[-1].startswith("Glossary")
    assert "SN Statistical neighbours & the <best> of them" in factory_text[-1]


def test_every_page_has_the_running_footer(factory_text):
    total = len(factory_text)
    for number, text in enumerate(factory_text, start=1):
        assert text.endswith(f"Page {number} of {total}"), text[-80:]
        assert "Appendix A · Corporate Parenting Monthly Performance Report · April 2019" in text


def test_bookmarks_point_at_the_pages_where_each_part_starts(factory_pdf, factory_text):
    entries = outline(factory_pdf)
    assert [title for title, _ in entries] == [
        "Cover and key", "Performance on a page", "Performance summary", "Looked After Children",
        "Reviews, Plans & Visits", "Glossary",
    ]
    # Each part starts a page, but for the summary, which starts under the three headlines' short page.
    for title, page in entries[1:]:
        if title == "Performance summary":
            assert factory_text[page].startswith("Performance on a page") and title in factory_text[page]
        else:
            assert factory_text[page].startswith(title), (title, factory_text[page][:60])
    pages = [page for _, page in entries]
    assert pages == sorted(pages) and pages[0] == 0


def test_metadata_and_language(factory_pdf):
    reader = PdfReader(factory_pdf)
    info = reader.metadata
    assert info.title == "Corporate Parenting Monthly Performance Report"
    assert info.author == "Performance & Quality Team"
    assert "Appendix A" in info.subject and "April 2019" in info.subject
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_text_is_set_only_in_the_embedded_package_font(factory_pdf):
    reader = PdfReader(factory_pdf)
    used = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        streams = [page.get_contents().get_data()]
        streams += [xobject.get_object().get_data() for xobject in page["/Resources"]["/XObject"].values()]
        for stream in streams:
            for name in re.findall(rb"/(\S+) [\d.]+ Tf", stream):
                font = fonts["/" + name.decode()].get_object()
                assert "/FontFile2" in font["/FontDescriptor"]
                used.add(font["/BaseFont"].split("+", 1)[1])
    assert used == {"DejaVuSans", "DejaVuSans-Bold"}


def test_page_size_and_orientation_come_from_the_layout(tmp_path):
    for size, orientation, (width, height) in (("A4", "landscape", (842, 595)), ("A4", "portrait", (595, 842)),
                                               ("A3", "landscape", (1191, 842)), ("letter", "portrait", (612, 792))):
        layout = parse_layout({**FACTORY_LAYOUT, "page": {"size": size, "orientation": orientation}})
        box = PdfReader(build(tmp_path, layout=layout, name=f"{size}-{orientation}.pdf")).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (width, height)


def test_default_layout_uses_the_trackers_sections(tmp_path):
    path = build(tmp_path, layout=Layout())
    texts = page_texts(path)
    assert [title for title, _ in outline(path)] == [
        "Cover and key", "Performance summary", "Looked After Children", "Reviews, Plans & Visits",
    ]
    assert texts[0].startswith("Appendix A Corporate Parenting Monthly Performance Report")


# Reproducible, small, quick to build


def test_each_page_is_reported_as_it_is_written_with_the_pages_laid_out(tmp_path):
    heard: list[tuple[int, int]] = []
    layout = parse_layout(FACTORY_LAYOUT)
    path = tmp_path / "pack.pdf"
    render_pdf(arrange(corporate_parenting_scorecard(), layout), layout, path,
               on_page=lambda number, expected: heard.append((number, expected)))
    count = len(PdfReader(path).pages)
    assert heard == [(number, count) for number in range(1, count + 1)]
    assert path.read_bytes() == build(tmp_path, name="unheard.pdf").read_bytes()


def test_each_part_is_reported_as_it_is_laid_out_before_any_page(tmp_path):
    heard: list[tuple[str, int, int]] = []
    layout = parse_layout(FACTORY_LAYOUT)
    scorecard = arrange(corporate_parenting_scorecard(), layout)
    path = tmp_path / "pack.pdf"
    render_pdf(scorecard, layout, path, on_page=lambda number, expected: heard.append(("page", number, expected)),
               on_part=lambda number, count: heard.append(("part", number, count)))
    parts = [entry for entry in heard if entry[0] == "part"]
    # The cover, performance on a page, the summary, a part per section and the glossary, each laid out
    # before the first page is written.
    count = 2 + bool(layout.headlines) + len(scorecard.sections) + bool(layout.glossary)
    assert parts == [("part", number, count) for number in range(1, count + 1)]
    assert heard.index(parts[-1]) < heard.index(("page", 1, len(PdfReader(path).pages)))
    assert path.read_bytes() == build(tmp_path, name="unheard.pdf").read_bytes()


def test_two_builds_are_byte_identical(tmp_path):
    first, second = build(tmp_path, name="first.pdf"), build(tmp_path, name="second.pdf")
    assert first.read_bytes() == second.read_bytes()


def test_a_build_in_another_process_is_byte_identical(tmp_path, factory_pdf):
    script = (
        "import sys; sys.path.insert(0, sys.argv[2]); from pathlib import Path;"
        "from test_render_pdf import build; build(Path(sys.argv[1]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path), str(Path(__file__).parent)], check=True, env=env)
    assert (tmp_path / "pack.pdf").read_bytes() == factory_pdf.read_bytes()


def _style_objects(flowables) -> set[int]:
    """Ids of every paragraph style and every table text colour and fill in the flowables, looking inside
    tables."""
    found: set[int] = set()
    stack = list(flowables)
    while stack:
        item = stack.pop()
        if isinstance(item, Paragraph):
            found.add(id(item.style))
        elif isinstance(item, Table):
            stack += [cell for row in item._cellvalues for cell in row]
        elif isinstance(item, CellTable):
            for row in item.rows:
                cells = [cell for cell in row.cells if cell is not None]
                found.update(id(fill) for fill in [row.fill, *(cell.fill for cell in cells)] if fill is not None)
                found.update(id(f.colour) for cell in cells for line in cell.lines for f in line.fragments)
        elif isinstance(item, (list, tuple)):
            stack += list(item)
    return found


def _shared_objects(styles) -> set[int]:
    shared = set()
    for value in vars(styles).values():
        shared.add(id(value))
        if isinstance(value, dict):
            shared.update(id(v) for v in value.values())
    return shared


def test_styles_are_shared_not_made_per_cell():
    """Forty times the indicators must not mean more style objects: they are built once per theme."""
    scorecard = corporate_parenting_scorecard()
    layout = Layout()
    many = replace(scorecard, sections=tuple(
        replace(section, name=f"{section.name} {n}", indicators=tuple(
            replace(indicator, ref=f"{indicator.ref}.{n}") for indicator in section.indicators))
        for n in range(40) for section in scorecard.sections))
    few_styles = _style_objects(document.summary(scorecard, layout)
                                + document.section_page(scorecard, layout, scorecard.sections[1]))
    many_styles = _style_objects(document.summary(many, layout) + document.section_page(many, layout, many.sections[1]))
    assert many_styles <= _shared_objects(styles_for(layout.theme))
    assert len(many_styles) == len(few_styles)
    assert styles_for(Theme()) is styles_for(Theme())


# Hostile input: nothing may stop the build, and everything prints whole and literally


LONG_NARRATIVE = " ".join(f"w{n:05d}&<x>" for n in range(2000))  # 20,000 characters
LONG_WORD = "ж" * 20000
LONG_NAME = ("Percentage of children & young people <under 18> seen within timescale " * 8)[:500]


def hostile_scorecard():
    scorecard = corporate_parenting_scorecard()
    first, second = scorecard.sections
    long_named = replace(second.indicators[0], name=LONG_NAME)
    return replace(scorecard, sections=(
        replace(first, name="Health & <Wellbeing> of " + "looked after children " * 20,
                commentary=Commentary(definition=LONG_WORD, analysis=LONG_NARRATIVE,
                                      data_note="Control\x00chars\x0b & tabs\tkept")),
        replace(second, indicators=(long_named, *second.indicators[1:])),
        Section("A section with no indicators", ()),
    ))


@pytest.mark.parametrize("page", [
    {"size": "A4", "orientation": "landscape"},
    {"size": "A4", "orientation": "portrait"},
    {"size": "letter", "orientation": "portrait"},
])
@pytest.mark.parametrize("font_size", [8, 16])
def test_hostile_input_builds_and_prints_whole(tmp_path, page, font_size):
    layout = parse_layout({
        **FACTORY_LAYOUT,
        "title": "Research & Development <Draft> " * 30,
        "page": page,
        "theme": {"font_size": font_size},
        "headlines": [{"ref": "6.1", "text": LONG_NARRATIVE[:4000]}, {"ref": "6.8", "text": "<b>&amp;"}],
        "glossary": {"A&B": LONG_NARRATIVE, "<x>": "y"},
    })
    path = build(tmp_path, hostile_scorecard(), layout)
    texts = page_texts(path)
    text = body_text(texts)
    assert LONG_WORD in "".join(text.split())  # whole, across however many lines and pages
    words = re.findall(r"w\d{5}&<x>", text)
    assert [f"w{n:05d}&<x>" for n in range(2000)] == sorted(set(words))  # every word of the narrative
    assert normalise(LONG_NAME) in text
    assert "Health & <Wellbeing> of" in text and "<b>&amp;" in text
    assert "Controlchars & tabs kept" in text
    assert "A section with no indicators" in text
    assert all(t.endswith(f"Page {n} of {len(texts)}") for n, t in enumerate(texts, start=1))


# Readable for everyone


def test_default_theme_text_meets_contrast():
    theme = Theme()
    for text, fill in ((theme.red_text, theme.red_fill), (theme.amber_text, theme.amber_fill),
                       (theme.green_text, theme.green_fill), (theme.band_text, theme.band_fill),
                       (theme.header_text, theme.header_fill), (theme.improved, "#FFFFFF"),
                       (theme.declined, "#FFFFFF"), (theme.same, "#FFFFFF"), (theme.info, "#FFFFFF")):
        assert contrast_ratio(text, fill) >= MINIMUM_CONTRAST, (text, fill)


def test_a_theme_that_cannot_be_read_falls_back_to_black_or_white():
    styles = styles_for(Theme(band_fill="#FFFF00", band_text="#FFFFFF", header_fill="#000000",
                              header_text="#111111", red_fill="#FF0000", red_text="#CC0000"))
    for colour, fill in ((styles.band.textColor, "#FFFF00"), (styles.header_text, "#000000"),
                         (styles.rag_text[next(iter(styles.rag_text))], "#FF0000")):
        assert contrast_ratio("#" + colour.hexval()[2:], fill) >= MINIMUM_CONTRAST
    assert legible("#777777", "#FFFFFF") == "#000000"
    assert legible("#1F4E79", "#FFFFFF") == "#1F4E79"


# The golden pages


def test_golden_factory_pages(factory_text):
    check_golden("factory", factory_text)


def test_golden_factory_portrait_pages(tmp_path):
    layout = parse_layout({**FACTORY_LAYOUT, "page": {"orientation": "portrait"}})
    path = build(tmp_path, layout=layout)
    texts = page_texts(path)
    check_running_heads(path, texts)
    check_golden("factory_portrait", texts)


# The real sample trackers, read by the pipeline


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    if not SAMPLE.exists():
        pytest.skip("the sample tracker is not there")
    from boardpack.pipeline import load

    scorecard, layout = load([], LAYOUT)
    path = tmp_path_factory.mktemp("sample") / f"{layout.name}.pdf"
    render_pdf(scorecard, layout, path)
    return path


def test_sample_layout_places_every_indicator(sample_pdf):
    from boardpack.pipeline import load

    scorecard, layout = load([], LAYOUT)
    assert layout.name == "corporate-parenting-2019-04"
    assert [s.name for s in scorecard.sections] == [
        "Looked After Children", "Reviews, Plans & Visits", "Health", "Personal Education Plans", "Care Leavers",
        "Placements", "Fostering", "Adoptions", "Caseloads",
    ]
    assert not [f for f in scorecard.findings if "in no section of the layout" in f.message]


def test_sample_pdf_has_every_section_indicator_and_narrative(sample_pdf):
    from boardpack.pipeline import load

    scorecard, _ = load([], LAYOUT)
    texts = page_texts(sample_pdf)
    text = " ".join(texts)
    entries = outline(sample_pdf)
    assert [title for title, _ in entries][3:-1] == [section.name for section in scorecard.sections]
    for (_, page), section in zip(entries[3:-1], scorecard.sections, strict=True):
        assert texts[page].startswith(section.name)
        for indicator in section.indicators:
            assert f"{indicator.ref} " in texts[page] or f"{indicator.ref} " in texts[page + 1]
        if section.commentary.analysis:
            assert normalise(section.commentary.analysis)[:80] in text
    for words in ("95.5% of LAC visits up to date (599 of 627)", "627 looked after children",
                  "114 of 122", "As at month end: April 2019", "SHOBPA"):
        assert words in text, words
    assert all(t.endswith(f"Page {n} of {len(texts)}") for n, t in enumerate(texts, start=1))
    check_running_heads(sample_pdf, texts)


def test_sample_pdf_is_small_enough_to_email(sample_pdf):
    assert sample_pdf.stat().st_size < 1_000_000


def test_golden_sample_pages(sample_pdf):
    check_golden("corporate_parenting", page_texts(sample_pdf))


def test_a_tracker_the_tests_never_saw_builds_with_every_indicator_and_its_narrative(tmp_path):
    """The 2015 safeguarding tracker, with no layout: sections from its Section column, narrative from its
    Commentary sheet."""
    if not SAFEGUARDING.exists():
        pytest.skip("the 2015 sample tracker is not there")
    from boardpack.pipeline import load

    scorecard, layout = load([SAFEGUARDING])
    path = tmp_path / "safeguarding.pdf"
    render_pdf(scorecard, layout, path)
    text = normalise(body_text(page_texts(path)))
    assert [title for title, _ in outline(path)][2:] == [section.name for section in scorecard.sections]
    for section in scorecard.sections:
        for indicator in section.indicators:
            assert normalise(indicator.name) in text, indicator.name
        for words in (section.commentary.definition, section.commentary.analysis, section.commentary.data_note):
            assert normalise(words) in text


def test_layout_file_loads_and_names_its_sources():
    layout = load_layout(LAYOUT)
    assert layout.title == "Corporate Parenting Monthly Performance Report"
    assert layout.appendix == "Appendix A" and layout.committee == "Corporate Parenting Panel"
    assert layout.status == "Issue 1" and layout.created == "21/05/2019"
    assert layout.created_by == "Performance & Quality Team"
    assert [source.name for source in layout.sources] == ["corporate_parenting_2019-20.xlsx"]
    assert {"LAC", "SGO", "SHOBPA", "PEP", "IHA", "EET", "IRO", "SN"} <= {term for term, _ in layout.glossary}
    assert [h.ref for h in layout.headlines][:2] == ["6.1", "6.21"]


def test_status_explanations_cover_every_marker():
    note = document.explain_markers([status.value for status in Status])
    for status in Status:
        assert f"‘{status.key_text}’ {status.explanation}" in note
