"""The tagged PDF (PDF/UA-1): the appendix, the front sheet and the agenda pack, checked by real checkers from PyPI
(page-validation's PDF/UA-1 profile and pdfua) and by reading the structure tree back.

The checkers test the file's rules; the tests of the tree's shape say what a screen reader will meet: the
headings in order, tables whose header cells are TH, charts described in words, and the text reached through
the tree being the text on the page.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import page
import pikepdf
import pytest
from pypdf import PdfReader

from boardpack.agenda import load_agenda
from boardpack.charting import chart_indicators, chart_plan, section_layout
from boardpack.packing import assemble_pack
from boardpack.pipeline import load
from boardpack.render.pdf.document import NARRATIVE, frame_height, frame_width
from boardpack.render.pdf.frontsheet import render_front_sheet
from boardpack.render.pdf.styles import styles_for
from boardpack.render.pdf.tables import summary_table
from boardpack.render.pdf.tags import fixed_unicode_map
from boardpack.render.text import report_title
from pdf_structure import TaggedPdf

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = ROOT / "layouts" / "corporate-parenting.toml"
SAFEGUARDING = ROOT / "sample_workbooks" / "safeguarding_2015"
AGENDA = ROOT / "layouts" / "agenda-corporate-parenting.toml"
# The performance summary is one logical table of every indicator; page-validation's default limit is 1,024 rows.
LIMITS = page.SafetyLimits(max_table_grid_rows=100_000, max_table_grid_cells=10_000_000)


def build(out: Path, *args: object) -> Path:
    result = subprocess.run([sys.executable, "-m", "boardpack", "build", *map(str, args), "--out", str(out),
                             "--quiet"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (pdf,) = out.glob("*.pdf")
    return pdf


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, Path]:
    """The appendix with the sample layout, the no-layout appendix, a front sheet, and a pack of only
    boardpack papers (a report built from a layout and an appendix listed as a PDF)."""
    folder = tmp_path_factory.mktemp("tagged")
    appendix = build(folder / "layout", "--layout", LAYOUT)
    no_layout = build(folder / "no-layout", SAFEGUARDING)
    front = folder / "front-sheet.pdf"
    front.write_bytes(render_front_sheet(load_agenda(AGENDA), {5: (2, 4), 7: (5, 6), 8: (7, 31)}))
    agenda = folder / "agenda.toml"
    agenda.write_text(f'''committee = "Corporate Parenting Panel"
organisation = "Rotherham Metropolitan Borough Council"
date = 2019-07-02
time = 15:30:00
venue = ["Town Hall,", "Moorgate Street,", "Rotherham. S60 2TH"]
membership = "Councillors G. Watson and P. Jarvis."

[[items]]
title = "Apologies for absence."

[[items]]
title = "Safeguarding performance"
papers = [{{ pdf = "{no_layout.as_posix()}", title = "Safeguarding, May 2015" }}]

[[items]]
title = "Corporate Parenting Performance Report"
detail = "- Judith Badger, Strategic Director"
papers = [{{ layout = "{LAYOUT.as_posix()}" }}]
''', encoding="utf-8")
    result = assemble_pack(agenda, folder / "pack")
    assert result.untagged == ()
    return {"appendix": appendix, "no layout": no_layout, "front sheet": front, "pack": result.path}


CASES = ["appendix", "no layout", "front sheet", "pack"]


@pytest.fixture(scope="module")
def trees(papers) -> dict[str, TaggedPdf]:
    return {name: TaggedPdf(path) for name, path in papers.items()}


# --- the checkers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_page_validation_pdf_ua_1_profile_finds_no_failed_rule(papers, case):
    path = papers[case]
    # A checker that cannot read part of a file may pass it: the file must first read cleanly, every page of it.
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        pages = len(pdf.pages)
    report = page.validate_pdf(path, profile=page.ValidationProfile.PDF_UA_1, limits=LIMITS)
    assert report.document.page_count == pages > 0
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant and report.rules.failed == 0


@pytest.mark.parametrize("case", CASES)
def test_pdfua_check_reports_nothing(papers, case):
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", str(papers[case])],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["findings"] == [] and report["summary"]["errors"] == 0, report["findings"]
    assert report["skipped"] == []
    assert result.returncode == 0


def test_the_checkers_fail_an_untagged_paper(tmp_path):
    """The sample agenda's minutes and policy are untagged PDFs from elsewhere: the pack keeps the other parts'
    tags, says which papers are untagged, and the checkers fail the pages of those papers."""
    result = assemble_pack(AGENDA, tmp_path)
    assert result.untagged == ("Corporate Parenting Panel minutes, 9 April 2019", "Revised policy", "Covering report")
    report = page.validate_pdf(result.path, profile=page.ValidationProfile.PDF_UA_1, limits=LIMITS)
    assert {f.rule_id for f in report.failures} >= {"PDFUA1-CONTENT-TAGGING-001"}
    tree = TaggedPdf(result.path)
    untagged_pages = {index for index, text in enumerate(tree.pages) if text.unmarked}
    # The front sheet is unnumbered, so the paper stamped Page 1 is the page after it.
    assert untagged_pages == {page - 1 + result.front_sheet_pages for item in result.items for paper in item.papers
                              if paper.title in result.untagged
                              for page in range(paper.first_page, paper.last_page + 1)}
    # The front sheet and the report keep their structure: a Part for the report, with its own headings.
    (part,) = tree.document.children("Part")
    assert tree.text(part.children("H1")[0]) == "Corporate Parenting Monthly Performance Report"


def test_pack_command_warns_which_papers_are_untagged(tmp_path):
    result = subprocess.run([sys.executable, "-m", "boardpack", "pack", str(AGENDA), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert [line.split(" is an untagged PDF")[0] for line in warnings] == [
        "warning: Corporate Parenting Panel minutes, 9 April 2019", "warning: Revised policy",
        "warning: Covering report"]


# --- the document ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_catalog_pages_and_metadata_declare_a_tagged_pdf_ua_document(papers, case):
    with pikepdf.open(papers[case]) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert all(page.obj.Tabs == pikepdf.Name.S for page in pdf.pages)
        assert [int(page.obj.StructParents) for page in pdf.pages] == list(range(len(pdf.pages)))
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == str(pdf.docinfo.Title) != ""


@pytest.mark.parametrize("case", CASES)
def test_every_font_is_embedded_and_maps_every_code_to_text(papers, case):
    with pikepdf.open(papers[case]) as pdf:
        resources = [page.obj.Resources for page in pdf.pages]
        resources += [form.Resources for r in resources for form in r.get("/XObject", {}).values()]
        fonts = [font for r in resources for font in r.get("/Font", {}).values()]
        assert fonts
        for font in fonts:
            assert "/FontFile2" in font.get("/FontDescriptor", {}), font.get("/BaseFont")
            cmap = font.ToUnicode.read_bytes()
            assert not re.search(rb"<[0-9A-Fa-f]+>\s*<(0000|FEFF|FFFE)>", cmap)
    tree = TaggedPdf(papers[case])
    drawn = "".join(t for page in tree.pages for t in [*page.marked.values(), *page.artifacts])
    assert "\ufffd" not in drawn


def test_the_arrows_read_as_arrows(trees):
    tree = trees["appendix"]
    key = tree.elements("L")[0]
    assert [tree.text(label) for label in key.walk() if label.role == "Lbl"] == ["↑", "→", "↓", "↑ ↓"]


def test_unicode_map_keeps_every_real_entry_in_blocks_of_at_most_100():
    entries = "\n".join(f"<{code:02X}> <{code + 0x20 if code >= 5 else 0:04X}>" for code in range(256))
    cmap = f"/CMapName /X def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n256 beginbfchar\n{entries}\n" \
           "endbfchar\nendcmap"
    fixed = fixed_unicode_map(cmap)
    blocks = re.findall(r"(\d+) beginbfchar\n(.*?)\nendbfchar", fixed, re.S)
    assert [int(count) for count, _ in blocks] == [100, 100, 51]
    kept = [line for _, block in blocks for line in block.splitlines()]
    assert kept[0] == "<05> <0025>" and len(kept) == 251
    assert fixed.startswith("/CMapName /X def\n1 begincodespacerange") and fixed.endswith("endbfchar\nendcmap")


# --- the tree's shape -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return load([], LAYOUT, None)


def _headings(tree: TaggedPdf, element) -> list[tuple[str, str]]:
    return [(e.role, " ".join(tree.text(e).split())) for e in element.walk() if re.fullmatch(r"H\d", e.role)]


def test_headings_in_order_title_parts_sections_and_their_text(trees, sample):
    scorecard, layout = sample
    expected = [("H1", report_title(scorecard, layout)), ("H2", "Document details"), ("H2", "Key"),
                ("H3", "Direction of travel (DOT)"), ("H3", "RAG rating (in month)"),
                ("H2", f"Performance on a page: {scorecard.period_title}"),
                ("H2", f"Performance summary · {scorecard.as_at}")]
    for section in scorecard.sections:
        expected.append(("H2", section.name))
        expected += [("H3", heading) for heading, attribute in NARRATIVE
                     if getattr(section.commentary, attribute).strip()]
    expected.append(("H2", "Glossary"))
    tree = trees["appendix"]
    assert _headings(tree, tree.document) == expected


@pytest.mark.parametrize("case", CASES)
def test_heading_levels_never_skip_one(trees, case):
    levels = [int(role[1]) for role, _ in _headings(trees[case], trees[case].document)]
    assert levels and levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels))


def _rows(table) -> tuple[list, list]:
    """A Table's header rows (every cell a TH with scope Column) and its body rows."""
    rows = table.children("TR")
    header = []
    for row in rows:
        if all(cell.role == "TH" and cell.attribute("/Scope") == "/Column" for cell in row.children()):
            header.append(row)
        else:
            break
    return header, rows[len(header):]


@pytest.mark.parametrize("case", CASES)
def test_each_tables_th_count_equals_its_header_cells(trees, case):
    tree = trees[case]
    tables = tree.elements("Table")
    assert tables
    for table in tables:
        header, body = _rows(table)
        cells = [cell for row in header + body for cell in row.children()]
        assert {cell.role for cell in cells} <= {"TH", "TD"}
        assert sum(cell.role == "TH" for cell in cells) == sum(len(row.children()) for row in header) + len(body)
        for row in body:
            first, *rest = row.children()
            assert first.role == "TH" and first.attribute("/Scope") == "/Row"
            assert all(cell.role == "TD" for cell in rest)
        # Every row covers the same columns, counting the columns a cell spans.
        widths = {sum(int(cell.attribute("/ColSpan") or 1) for cell in row.children()) for row in header + body}
        assert len(widths) == 1


def test_summary_table_has_its_header_cells_once_and_a_row_per_band_and_indicator(trees, sample):
    scorecard, layout = sample
    built = summary_table(scorecard, styles_for(layout.theme), frame_width(layout), frame_height(layout))
    (drawn,) = built.flowables
    tree = trees["appendix"]
    table = next(t for t in tree.elements("Table") if "Goodperfis" in "".join(tree.text(t).split())[:400])
    header, body = _rows(table)
    expected_headers = [["".join(f.text for line in cell.lines for f in line.fragments)
                         for cell in row.cells if cell is not None] for row in drawn.rows[:drawn.header_rows]]
    assert [[" ".join(tree.text(cell).split()).replace(" ", "") for cell in row.children()] for row in header] == \
        [[text.replace(" ", "") for text in row] for row in expected_headers]
    # A row per indicator, and a band wherever the section changes down the trackers' own order.
    assert len(body) == len(drawn.rows) - drawn.header_rows > len(scorecard.indicators)
    # The summary runs over several pages; its header rows are repeated there as artifacts only.
    pages = sorted({page for page, _ in table.content()})
    assert len(pages) > 1
    for later in pages[1:]:
        assert "Goodperfis" in "".join("".join(tree.pages[later].artifacts).split())


def test_every_figure_says_what_its_chart_shows(trees, sample):
    scorecard, layout = sample
    charted = [indicator for section in scorecard.sections
               for indicator in chart_indicators(section, section_layout(layout, section), scorecard.period)]
    tree = trees["appendix"]
    figures = tree.elements("Figure")
    # The same sentence the chart's plan gives the HTML edition.
    assert [str(figure.obj.Alt) for figure in figures] == [
        chart_plan(scorecard, layout, section, indicator).description for section in scorecard.sections
        for indicator in chart_indicators(section, section_layout(layout, section), scorecard.period)]
    for figure, indicator in zip(figures, charted, strict=True):
        alt = str(figure.obj.Alt)
        assert alt.startswith(f"Line chart: {indicator.name}, ") and alt.endswith(".")
        assert len(figure.obj.A.BBox) == 4
    health = next(str(f.obj.Alt) for f, i in zip(figures, charted, strict=True) if i.ref == "6.10")
    assert health.startswith("Line chart: Health of Looked After Children - up to date Health Assessments, ")
    assert "to 76.3%" in health and "target 95%" in health


@pytest.mark.parametrize("case", CASES)
def test_text_through_the_tree_in_reading_order_is_the_text_on_the_page(papers, trees, case):
    tree = trees[case]
    # Nothing is drawn outside a tagged element or an artifact.
    assert [text for page in tree.pages for text in page.unmarked if text.strip()] == []
    # Every marked sequence belongs to exactly one element, and the tree reads them in the order they are drawn.
    assert tree.document.content() == tree.drawn_order()
    # What the tree reads, with the artifacts (running heads, footers, stamps), is what a text extractor finds
    # on each page, character for character.
    reader = PdfReader(papers[case])
    for index, (text, drawn) in enumerate(zip(tree.pages, reader.pages, strict=True)):
        through_tree = "".join(text.marked[mcid] for mcid in text.order) + "".join(text.artifacts)
        assert sorted("".join(through_tree.split())) == sorted("".join(drawn.extract_text().split())), index


def test_running_heads_footers_and_page_numbers_are_artifacts(trees):
    tree = trees["appendix"]
    total = len(tree.pages)
    for index, text in enumerate(tree.pages):
        artifacts = "".join(text.artifacts)
        assert f"Page {index + 1} of {total}" in artifacts
        assert "Page " not in "".join(text.marked.values()).replace("Performance on a page", "")
    assert any("(continued)" in "".join(text.artifacts) for text in tree.pages)


def test_key_and_agenda_are_lists_and_details_are_row_headed_tables(trees):
    appendix = trees["appendix"]
    _dots, rags = appendix.elements("L")  # the DOT key, then the RAG key
    assert [appendix.text(item.children("Lbl")[0]) for item in rags.children("LI")] == \
        ["Green", "Amber", "Red", "(blank)"]
    details = appendix.elements("Table")[0]
    assert next(appendix.text(row.children()[0]) for row in details.children("TR")) == "Status"
    front = trees["front sheet"]
    (agenda,) = front.elements("L")
    items = [" ".join(front.text(item).split()) for item in agenda.children("LI")]
    assert len(items) == 11
    assert items[7] == "8.Corporate Parenting Performance Report (Pages 7 - 31)"
    (title,) = front.elements("H1")
    assert str(title.obj.ActualText) == "Corporate Parenting Panel"


def test_pack_has_one_document_with_each_papers_tree_as_a_part(papers, trees):
    pack = trees["pack"]
    safeguarding, report = trees["no layout"], trees["appendix"]
    assert [kid.role for kid in pack.document.children()][-2:] == ["Part", "Part"]
    first, second = pack.document.children("Part")
    assert _headings(pack, first) == _headings(safeguarding, safeguarding.document)
    assert _headings(pack, second) == _headings(report, report.document)
    assert len(list(second.walk())) == len(list(report.document.walk()))
    # The front sheet's own content comes first, straight under the one Document.
    assert pack.document.children()[1].role == "H1"
    assert " ".join(pack.text(pack.document.children()[1]).split()) == "CORPORATE PARENTING PANEL"
    with pikepdf.open(papers["pack"]) as pdf:
        assert "/StructTreeRoot" in pdf.Root and len(pdf.Root.StructTreeRoot.ParentTree.Nums) == 2 * len(pdf.pages)
        # Each paper's marked content is owned by the element that owned it in the paper.
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        owners = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for index, text in enumerate(pack.pages):
            assert len(owners[index]) == len(text.order)


def test_same_build_gives_the_same_tagged_bytes(tmp_path, papers):
    assert build(tmp_path / "again", "--layout", LAYOUT).read_bytes() == papers["appendix"].read_bytes()


def test_a_paper_whose_tags_cannot_be_read_is_kept_untagged_with_a_warning(tmp_path, papers):
    """A tagged PDF from elsewhere with a broken tree (an element that contains itself) is packed as it is; its
    tags are left out whole, the paper is named as untagged, and the other parts keep theirs."""
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(papers["no layout"]) as pdf:
        element = pdf.Root.StructTreeRoot.K
        element.K = pikepdf.Array([element])
        pdf.save(broken)
    agenda = tmp_path / "agenda.toml"
    agenda.write_text(f'''committee = "Corporate Parenting Panel"
date = 2019-07-02
time = 15:30:00
venue = "Town Hall"

[[items]]
title = "Safeguarding performance"
papers = [{{ pdf = "{broken.as_posix()}", title = "Broken paper" }}]
''', encoding="utf-8")
    result = assemble_pack(agenda, tmp_path / "out")
    assert result.untagged == ("Broken paper",)
    tree = TaggedPdf(result.path)
    assert [kid.role for kid in tree.document.children()][:2] == ["H1", "Table"]
    assert tree.document.children("Part") == []
    assert all(text.unmarked == [] for text in tree.pages[:result.front_sheet_pages])


@pytest.mark.parametrize("elements", [1, 497, 498, 499, 1500])
def test_the_tree_fills_each_object_stream_and_leaves_no_object_out(elements):
    from boardpack.render.pdf.tags import _OBJECTS_PER_STREAM, Recorder, _elements

    recorder = Recorder()
    for _ in range(elements - 1):  # the Document element is there from the start
        recorder.element("P", 0)
    chunks = [len(chunk) for chunk in _elements(recorder, 10, 8, [], ["root", "parent tree"])]
    assert sum(chunks) == elements + 2
    assert all(size == _OBJECTS_PER_STREAM for size in chunks[:-1]) and 0 < chunks[-1] <= _OBJECTS_PER_STREAM
