"""The agenda pack end to end: stamps, page ranges, bookmarks, metadata and every bad input.

Papers are small PDFs drawn here, each page carrying a marker ("MINUTES sheet 2 of 3") so a test can find
where a paper landed in the pack and compare that with what the front sheet says.

The outline and front sheet of a PDF-only pack are compared with tests/golden/pack.json. After a deliberate
change, regenerate it with:

    BOARDPACK_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_pack.py
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from boardpack.agenda import clock_time, load_agenda, long_date, page_range
from boardpack.exceptions import AgendaError, LayoutError
from boardpack.mailing import SUMMARY_KEY, PackDetails
from boardpack.packing import STAMP_BASELINE, STAMP_CLEARANCE, STAMP_PADDING, STAMP_SIZE, assemble_pack
from trackers import write_tracker

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "pack.json"
REGENERATE = os.environ.get("BOARDPACK_REGENERATE_GOLDEN") == "1"
STAMP_LINE = re.compile(r"^Page (\d+)$", re.MULTILINE)
RANGE = re.compile(r"\((Pages? \d+(?: - \d+)?)\)")


# --- papers and agendas ---------------------------------------------------------------------------------


def write_pdf(path: Path, marker: str, pages: int, *, size=A4, title: str = "", outline=()) -> Path:
    """A paper whose every page says which paper and page it is, with text an inch above the bottom edge.

    ``outline`` is ``(title, page, level)`` entries: the paper's own bookmarks.
    """
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    if title:
        canvas.setTitle(title)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, size[1] - 72, f"{marker} sheet {number} of {pages}")
        canvas.drawString(72, 72, f"{marker} last line {number}")
        for index, (entry, page, level) in enumerate(outline):
            if page == number:
                canvas.bookmarkPage(f"mark{index}")
                canvas.addOutlineEntry(entry, f"mark{index}", level=level)
        canvas.showPage()
    canvas.save()
    return path


def rotate_pages(path: Path, degrees: int) -> Path:
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        page.rotate(degrees)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def write_agenda(folder: Path, items: str, meeting: str = "") -> Path:
    text = (
        'committee = "Corporate Parenting Panel"\n'
        "date = 2019-07-02\n"
        "time = 15:30:00\n"
        'venue = ["Town Hall,", "Moorgate Street,", "Rotherham. S60 2TH"]\n'
        'chief_executive = "Sharon Kemp"\n'
        'membership = "Councillors Watson, Cusworth, M. S. Elliott, Jarvis and Elliot."\n'
        f"{meeting}\n{items}"
    )
    path = folder / "agenda.toml"
    path.write_text(text, encoding="utf-8")
    return path


PDF_ITEMS = """
[[items]]
title = "Apologies for absence."

[[items]]
title = "Minutes of the previous meeting held on 9th April 2019"
papers = ["minutes.pdf"]

[[items]]
title = "Extensions and Adaptations to Homes of Foster Carers (Revised Policy)"
papers = [{ pdf = "policy.pdf", title = "Revised policy" }, "plan.pdf"]

[[items]]
title = "Date and time of the next meeting: -"
detail = "Tuesday, 15th October, 2019, at 3.30 p.m."
"""

REPORT_ITEM = """
[[items]]
title = "Corporate Parenting Performance Report"
papers = [{ layout = "lac-layout.toml" }]
"""

LAYOUT = """
name = "lac-2019-04"
title = "Corporate Parenting Performance Report"
committee = "Corporate Parenting Panel"
sources = ["lac.xlsx"]
"""


def write_papers(folder: Path) -> None:
    write_pdf(folder / "minutes.pdf", "MINUTES", 3, title="Minutes of 9 April 2019")
    write_pdf(folder / "policy.pdf", "POLICY", 2, outline=[
        ("1. Recommendations", 1, 0), ("1.1 Endorse the policy", 1, 1), ("2. Background", 2, 0),
    ])
    # Stored portrait and turned a quarter: it is seen, and must be stamped, as a landscape page.
    rotate_pages(write_pdf(folder / "plan.pdf", "PLAN", 1), 90)
    write_tracker(folder / "lac.xlsx")
    (folder / "lac-layout.toml").write_text(LAYOUT, encoding="utf-8")


@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    """A pack with two PDF items (one of two papers), a report built from a layout, and items without papers."""
    folder = tmp_path_factory.mktemp("pack")
    write_papers(folder)
    agenda = write_agenda(folder, PDF_ITEMS + REPORT_ITEM)
    result = assemble_pack(agenda, folder / "out")
    return result, PdfReader(result.path)


def stamps(reader: PdfReader) -> list[list[int]]:
    return [[int(n) for n in STAMP_LINE.findall(page.extract_text())] for page in reader.pages]


def stamped_numbers(reader: PdfReader) -> dict[int, int]:
    """Physical page index (from 0) -> the number stamped on it, for the pages that carry one."""
    return {index: numbers[0] for index, numbers in enumerate(stamps(reader)) if numbers}


def pages_showing(reader: PdfReader, marker: str) -> list[int]:
    """Physical page indexes (from 0) whose text carries ``marker``."""
    return [index for index, page in enumerate(reader.pages) if f"{marker} sheet" in page.extract_text()]


def front_sheet_text(reader: PdfReader, pages: int) -> str:
    return " ".join(" ".join(reader.pages[i].extract_text().split()) for i in range(pages))


def outline(reader: PdfReader, entries=None, depth=0) -> list[list]:
    """``[depth, title, page number from 1]`` for every bookmark, in order."""
    rows = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):
            rows += outline(reader, entry, depth + 1)
        else:
            rows.append([depth, entry.title, reader.get_destination_page_number(entry) + 1])
    return rows


def text_positions(page) -> list[tuple[str, float, float]]:
    """Each piece of text with the page coordinates where its baseline starts."""
    found = []

    def visit(text, matrix, text_matrix, font, size):
        if text.strip():
            x = text_matrix[4] * matrix[0] + text_matrix[5] * matrix[2] + matrix[4]
            y = text_matrix[4] * matrix[1] + text_matrix[5] * matrix[3] + matrix[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


# --- the pack -------------------------------------------------------------------------------------------


def test_the_front_sheet_is_unnumbered_and_the_papers_start_at_page_1(packed):
    """As the July 2019 pack was published: the agenda unnumbered, then "Page 1", "Page 2", ... to the end."""
    result, reader = packed
    front = result.front_sheet_pages
    assert front == 1
    assert stamps(reader) == [[]] * front + [[n] for n in range(1, len(reader.pages) - front + 1)]
    assert result.page_count == len(reader.pages)


def test_front_sheet_ranges_are_the_stamped_pages_of_each_paper(packed):
    result, reader = packed
    stamped = stamped_numbers(reader)
    text = front_sheet_text(reader, result.front_sheet_pages)
    minutes, policy, plan = (pages_showing(reader, m) for m in ("MINUTES", "POLICY", "PLAN"))
    report_start = plan[-1] + 1
    expected = [
        f"Pages {stamped[minutes[0]]} - {stamped[minutes[-1]]}",
        f"Pages {stamped[policy[0]]} - {stamped[plan[-1]]}",  # one item, two papers: one range over both
        f"Pages {stamped[report_start]} - {stamped[len(reader.pages) - 1]}",
    ]
    assert RANGE.findall(text) == expected
    assert "Minutes of the previous meeting held on 9th April 2019 (Pages 1 - 3)" in text
    # The papers follow the front sheet in agenda order, nothing missing and nothing repeated.
    assert minutes == [1, 2, 3] and policy == [4, 5] and plan == [6]
    assert report_start < len(reader.pages)


def test_front_sheet_reads_like_an_agenda(packed):
    result, reader = packed
    text = front_sheet_text(reader, result.front_sheet_pages)
    for fragment in (
        "CORPORATE PARENTING PANEL", "Venue: Town Hall, Moorgate Street, Rotherham. S60 2TH",
        "Date: Tuesday, 2nd July, 2019", "Time: 3.30 p.m.", "A G E N D A", "1. Apologies for absence.",
        "4. Date and time of the next meeting: - Tuesday, 15th October, 2019, at 3.30 p.m.",
        "Membership of the Corporate Parenting Panel: - Councillors Watson", "Sharon Kemp, Chief Executive.",
    ):
        assert fragment in text
    # Items without papers carry no page range.
    assert "Apologies for absence. (Page" not in text


def test_bookmarks_for_each_item_and_paper_with_the_papers_own_beneath(packed):
    result, reader = packed
    report = len(reader.pages) - result.items[-1].pages[1] + result.items[-1].pages[0]
    rows = outline(reader)
    assert rows[:8] == [
        [0, "Agenda", 1],
        [0, "2. Minutes of the previous meeting held on 9th April 2019", 2],
        [1, "Minutes of 9 April 2019", 2],  # the PDF's own title, as the agenda gave none
        [0, "3. Extensions and Adaptations to Homes of Foster Carers (Revised Policy)", 5],
        [1, "Revised policy", 5],
        [2, "1. Recommendations", 5],
        [3, "1.1 Endorse the policy", 5],
        [2, "2. Background", 6],
    ]
    assert rows[8] == [1, "plan.pdf", 7]  # no title anywhere: the file name
    assert rows[9] == [0, "5. Corporate Parenting Performance Report", report]
    assert rows[10] == [1, "Appendix A – Corporate Parenting Performance Report", report]
    # The appendix's own bookmarks land on pages inside the appendix.
    assert len(rows) > 11 and all(report <= page <= len(reader.pages) for _, _, page in rows[11:])


def test_metadata_title_viewer_settings_and_recorded_summary(packed):
    result, reader = packed
    assert reader.metadata.title == "Corporate Parenting Panel — Tuesday, 2nd July, 2019"
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    details = PackDetails.from_json(reader.metadata[SUMMARY_KEY])
    assert details == result.details
    assert (details.committee, details.date, details.time, details.pages) == (
        "Corporate Parenting Panel", "Tuesday, 2nd July, 2019", "3.30 p.m.", len(reader.pages))
    (report,) = details.reports
    first, last = result.items[-1].pages
    assert report.pages == f"Pages {first} - {last}"
    # The test tracker: 6.10 red, 6.8 and 8.2 amber, 6.1 for information.
    assert (report.indicators, report.red, report.amber, report.green) == (4, 1, 2, 0)
    assert [mover.ref for mover in report.movers] == ["6.10", "6.8", "8.2"]


def _overlaps(first, second) -> bool:
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


def test_stamps_sit_10_mm_clear_of_every_edge_and_cover_no_text(packed):
    """Read back from the merged pack: on portrait and landscape pages alike, the stamp and its white backing
    are at least 10 mm from each edge of the page, centred at its foot, and cover none of the paper's own text,
    the appendix's "Page X of Y" footer among it."""
    result, reader = packed
    front = result.front_sheet_pages
    shapes = set()
    for index, page in enumerate(reader.pages[front:], start=front):
        width, height = float(page.cropbox.width), float(page.cropbox.height)
        shapes.add("landscape" if width > height else "portrait")
        positions = text_positions(page)
        label = f"Page {index - front + 1}"
        stamp = [(x, y) for text, x, y in positions if text == label]
        assert len(stamp) == 1, index
        x, y = stamp[0]
        assert y == pytest.approx(STAMP_BASELINE, abs=0.5)
        text_width = 2 * (width / 2 - x)
        assert 20 < text_width < 60  # centred: it starts as far left of the middle as it ends right of it
        box = (x - STAMP_PADDING, y - STAMP_PADDING, x + text_width + STAMP_PADDING, y + STAMP_SIZE + STAMP_PADDING)
        assert box[0] >= STAMP_CLEARANCE and box[2] <= width - STAMP_CLEARANCE, index
        assert box[1] >= STAMP_CLEARANCE and box[3] <= height - STAMP_CLEARANCE, index
        assert pytest.approx(10 * 72 / 25.4) == STAMP_CLEARANCE
        for text, left, baseline in positions:
            if text == label:
                continue
            # Generous bounds for any other text: 12pt type, 7pt a character.
            assert not _overlaps(box, (left, baseline - 3, left + 7 * len(text), baseline + 12)), (index, text)
        assert any(baseline > box[3] for _, _, baseline in positions), index
    assert shapes == {"portrait", "landscape"}
    # The appendix's own footer, "Page X of Y", prints above the stamp on each of its pages.
    report_first, report_last = result.items[-1].pages
    for number in range(report_first, report_last + 1):
        positions = text_positions(reader.pages[front + number - 1])
        # "Page 3 of" is the page's text; the total is drawn from a form once the appendix is complete.
        footer = [baseline for text, _, baseline in positions if re.match(r"Page \d+ of", text)]
        assert footer and min(footer) - 3 > STAMP_BASELINE + STAMP_SIZE + STAMP_PADDING, number


def test_a_rotated_page_is_stamped_at_the_bottom_as_it_is_seen(packed):
    _, reader = packed
    (plan,) = pages_showing(reader, "PLAN")
    page = reader.pages[plan]
    # The rotation is now part of the page's content, so the stamp's bottom is the reader's bottom.
    assert page.rotation == 0
    assert float(page.cropbox.width) > float(page.cropbox.height)


def test_same_agenda_gives_the_same_bytes(tmp_path):
    write_papers(tmp_path)
    agenda = write_agenda(tmp_path, PDF_ITEMS)
    first = assemble_pack(agenda, tmp_path / "one").path.read_bytes()
    assert assemble_pack(agenda, tmp_path / "two").path.read_bytes() == first


def test_pdf_only_pack_matches_golden(tmp_path):
    write_papers(tmp_path)
    result = assemble_pack(write_agenda(tmp_path, PDF_ITEMS), tmp_path / "out")
    reader = PdfReader(result.path)
    actual = {
        "file": result.path.name,
        "pages": len(reader.pages),
        "front_sheet": front_sheet_text(reader, result.front_sheet_pages),
        "outline": outline(reader),
        "items": [[item.number, item.title, list(item.pages) if item.pages else None] for item in result.items],
    }
    if REGENERATE or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if not REGENERATE:
            pytest.fail(f"wrote missing golden file {GOLDEN}; check it and run again")
    assert actual == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_a_long_numbered_front_sheet_counts_its_own_pages(tmp_path):
    """Forty items push the front sheet over a page; numbered, the ranges must allow for every page of it."""
    for n in range(1, 41):
        write_pdf(tmp_path / f"p{n}.pdf", f"PAPER{n:02d}", 1 + n % 3)
    items = "".join(
        f'\n[[items]]\ntitle = "Report number {n} on a matter needing a decision of the panel"\n'
        f'papers = ["p{n}.pdf"]\n'
        for n in range(1, 41)
    )
    result = assemble_pack(write_agenda(tmp_path, items, meeting="number_front_sheet = true"), tmp_path / "out")
    reader = PdfReader(result.path)
    assert result.front_sheet_pages >= 2
    stamped = [numbers[0] for numbers in stamps(reader)]
    assert stamped == list(range(1, len(reader.pages) + 1))
    expected = []
    for n in range(1, 41):
        where = pages_showing(reader, f"PAPER{n:02d}")
        first, last = stamped[where[0]], stamped[where[-1]]
        expected.append(f"Page {first}" if first == last else f"Pages {first} - {last}")
    assert RANGE.findall(front_sheet_text(reader, result.front_sheet_pages)) == expected


def test_a_numbered_front_sheet_is_page_1_when_the_agenda_asks(tmp_path):
    write_papers(tmp_path)
    agenda = write_agenda(tmp_path, PDF_ITEMS, meeting="number_front_sheet = true")
    result = assemble_pack(agenda, tmp_path / "out")
    reader = PdfReader(result.path)
    assert stamps(reader) == [[n] for n in range(1, len(reader.pages) + 1)]
    assert RANGE.findall(front_sheet_text(reader, 1)) == ["Pages 2 - 4", "Pages 5 - 7"]
    assert outline(reader)[1] == [0, "2. Minutes of the previous meeting held on 9th April 2019", 2]


# --- the agenda file ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "text"),
    [(dt.date(2019, 7, 2), "Tuesday, 2nd July, 2019"), (dt.date(2019, 10, 1), "Tuesday, 1st October, 2019"),
     (dt.date(2019, 12, 3), "Tuesday, 3rd December, 2019"), (dt.date(2020, 2, 11), "Tuesday, 11th February, 2020"),
     (dt.date(2020, 3, 22), "Sunday, 22nd March, 2020"), (dt.date(2020, 3, 13), "Friday, 13th March, 2020")],
)
def test_dates_read_as_front_sheets_print_them(date, text):
    assert long_date(date) == text


@pytest.mark.parametrize(
    ("time", "text"),
    [(dt.time(15, 30), "3.30 p.m."), (dt.time(10, 0), "10.00 a.m."), (dt.time(12, 0), "12.00 noon"),
     (dt.time(12, 15), "12.15 p.m."), (dt.time(0, 5), "12.05 a.m.")],
)
def test_times_read_as_front_sheets_print_them(time, text):
    assert clock_time(time) == text


def test_agenda_loads_items_papers_and_defaults(tmp_path):
    write_papers(tmp_path)
    agenda = load_agenda(write_agenda(tmp_path, PDF_ITEMS + REPORT_ITEM))
    assert [item.number for item in agenda.items] == [1, 2, 3, 4, 5]
    assert agenda.time == "3.30 p.m." and agenda.venue == ("Town Hall,", "Moorgate Street,", "Rotherham. S60 2TH")
    assert agenda.pack_name == "corporate-parenting-panel-2019-07-02"
    policy, plan = agenda.items[2].papers
    assert (policy.path, policy.title, plan.title) == (tmp_path / "policy.pdf", "Revised policy", "")
    assert agenda.items[4].papers[0].layout == tmp_path / "lac-layout.toml"
    assert agenda.number_front_sheet is False


def _old_pack(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "corporate-parenting-panel-2019-07-02.pdf").write_bytes(b"%PDF-1.4 the previous pack")
    return {p.name: p.read_bytes() for p in out.iterdir()}


def _encrypt(path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(write_pdf(path, "SECRET", 1)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    with open(path, "wb") as handle:
        writer.write(handle)


def _truncate(path: Path) -> None:
    data = write_pdf(path, "CUT", 3).read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD_PAPERS = {
    "missing": (lambda p: p.unlink(), "items[2] › papers[1]", "paper 'minutes.pdf' not found"),
    "garbage": (lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8), "items[2] › papers[1]",
                "minutes.pdf is damaged"),
    "truncated": (_truncate, "items[2] › papers[1]", "minutes.pdf is damaged"),
    "not a PDF": (lambda p: p.write_bytes(b"PK\x03\x04 a Word document"), "items[2] › papers[1]",
                  "minutes.pdf is not a PDF"),
    "encrypted": (_encrypt, "items[2] › papers[1]", "minutes.pdf is encrypted"),
}


@pytest.mark.parametrize("case", BAD_PAPERS)
def test_bad_paper_is_a_clear_error_and_leaves_no_pack(tmp_path, case):
    spoil, key, fragment = BAD_PAPERS[case]
    write_papers(tmp_path)
    spoil(tmp_path / "minutes.pdf")
    agenda = write_agenda(tmp_path, PDF_ITEMS + REPORT_ITEM)
    before = _old_pack(tmp_path / "out")
    with pytest.raises(AgendaError) as caught:
        assemble_pack(agenda, tmp_path / "out")
    message = str(caught.value)
    assert message.startswith(f"{agenda} › {key}"), message
    assert fragment in message
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


BAD_AGENDAS = {
    "unknown meeting key": ('venu = "Town Hall"\n', "", "agenda.toml › venu", "unknown key 'venu'"),
    "unknown item key": ("", '\n[[items]]\ntitle = "Reports"\npages = ["minutes.pdf"]\n', "items[5] › pages",
                         "unknown key 'pages'"),
    "unknown paper key": ("", '\n[[items]]\ntitle = "Reports"\npapers = [{ pdf = "minutes.pdf", titel = "M" }]\n',
                          "items[5] › papers[1] › titel", "unknown key 'titel'"),
    "pdf and layout": ("", '\n[[items]]\ntitle = "R"\npapers = [{ pdf = "minutes.pdf", layout = "lac-layout.toml" }]\n',
                       "items[5] › papers[1]", "either a pdf or a layout"),
    "item without title": ("", '\n[[items]]\ndetail = "no title"\n', "items[5] › title", "needs a title"),
    "bad period": ("", '\n[[items]]\ntitle = "R"\npapers = [{ layout = "lac-layout.toml", period = "April" }]\n',
                   "items[5] › papers[1] › period", "YYYY-MM"),
    "missing layout": ("", '\n[[items]]\ntitle = "R"\npapers = [{ layout = "none.toml" }]\n',
                       "items[5] › papers[1] › layout", "layout 'none.toml' not found"),
    "bad number_front_sheet": ('number_front_sheet = "yes"\n', "", "number_front_sheet", "true or false"),
}


@pytest.mark.parametrize("case", BAD_AGENDAS)
def test_bad_agenda_is_a_clear_error_naming_file_and_key(tmp_path, case):
    meeting, extra_items, key, fragment = BAD_AGENDAS[case]
    write_papers(tmp_path)
    agenda = write_agenda(tmp_path, PDF_ITEMS + extra_items, meeting=meeting)
    before = _old_pack(tmp_path / "out")
    with pytest.raises(AgendaError) as caught:
        assemble_pack(agenda, tmp_path / "out")
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "agenda.toml")) and key in message and fragment in message, message
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("", "an agenda needs 'committee'"),
     ('committee = "P"\ndate = "2nd July"\ntime = "3pm"\nvenue = "Hall"\n[[items]]\ntitle = "A"\n', "must be a date"),
     ("committee = [", "not valid TOML")],
)
def test_malformed_agenda_files(tmp_path, text, fragment):
    path = tmp_path / "agenda.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AgendaError, match=re.escape(fragment)):
        load_agenda(path)
    with pytest.raises(AgendaError, match="agenda file not found"):
        load_agenda(tmp_path / "none.toml")


def test_a_failing_report_build_leaves_no_pack(tmp_path):
    write_papers(tmp_path)
    (tmp_path / "lac-layout.toml").write_text(LAYOUT + 'colour = "blue"\n', encoding="utf-8")
    agenda = write_agenda(tmp_path, PDF_ITEMS + REPORT_ITEM)
    before = _old_pack(tmp_path / "out")
    with pytest.raises(LayoutError, match="unknown key 'colour'"):
        assemble_pack(agenda, tmp_path / "out")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


# --- the command and the sample -------------------------------------------------------------------------


def run(*args):
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    return subprocess.run([sys.executable, "-m", "boardpack.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


def test_pack_command_prints_ranges_and_the_pack(tmp_path):
    write_papers(tmp_path)
    result = run("pack", write_agenda(tmp_path, PDF_ITEMS), "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "2. Minutes of the previous meeting held on 9th April 2019 (Pages 1 - 3)" in result.stdout
    assert f"wrote {tmp_path / 'out' / 'corporate-parenting-panel-2019-07-02.pdf'} (7 pages)" in result.stdout


def test_pack_command_error_is_one_line(tmp_path):
    write_papers(tmp_path)
    (tmp_path / "policy.pdf").unlink()
    result = run("pack", write_agenda(tmp_path, PDF_ITEMS), "--out", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'agenda.toml'} › items[3] › papers[1] › pdf: paper 'policy.pdf' not found "
        f"(looked for {tmp_path / 'policy.pdf'})"
    ]
    assert not (tmp_path / "out").exists()


def _sample_generator():
    spec = importlib.util.spec_from_file_location("sample_papers_generate", ROOT / "sample_papers" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_papers_are_small_and_rebuild_to_the_same_bytes(tmp_path):
    for path in _sample_generator().write_samples(tmp_path):
        committed = ROOT / "sample_papers" / path.name
        assert committed.read_bytes() == path.read_bytes(), f"run sample_papers/generate.py ({path.name})"
        assert len(committed.read_bytes()) < 50_000


def test_sample_agenda_assembles_as_the_published_pack(tmp_path):
    agenda = load_agenda(ROOT / "layouts" / "agenda-corporate-parenting.toml")
    assert len(agenda.items) == 11
    result = assemble_pack(agenda, tmp_path)
    reader = PdfReader(result.path)
    # The front sheet unnumbered; the minutes start at Page 1.
    assert result.front_sheet_pages == 1
    assert stamps(reader) == [[]] + [[n] for n in range(1, len(reader.pages))]
    ranges = {item.number: item.pages for item in result.items if item.pages}
    assert sorted(ranges) == [5, 7, 8]
    assert ranges[5][0] == 1 and ranges[8][1] == len(reader.pages) - 1
    text = front_sheet_text(reader, result.front_sheet_pages)
    # Each range on the front sheet is the stamped pages its papers landed on.
    stamped = stamped_numbers(reader)
    minutes = [i for i, page in enumerate(reader.pages)
               if "CORPORATE PARENTING PANEL - 09/04/19" in page.extract_text()]
    assert f"(Pages {stamped[minutes[0]]} - {stamped[minutes[-1]]})" in text and stamped[minutes[0]] == 1
    assert f"8. Corporate Parenting Performance Report (Pages {ranges[8][0]} - {ranges[8][1]})" in text
    # Item 8: the covering report, then the appendix it lists.
    cover, appendix = (result.items[7].papers[0], result.items[7].papers[1])
    assert cover.title == "Covering report" and cover.first_page == cover.last_page == ranges[8][0]
    assert appendix.title == "Appendix A – Corporate Parenting Monthly Performance Report"
    assert appendix.first_page == cover.last_page + 1
    cover_text = " ".join(reader.pages[cover.first_page].extract_text().split())
    assert "Appendices: Appendix A – Corporate Parenting Performance Report" in cover_text
    assert "Recommendations" in cover_text and "Report Author(s)" in cover_text
    assert " ".join(reader.pages[appendix.first_page].extract_text().split()).startswith("Appendix A")
    # The bookmarks say so too, each paper under its item and on its first page.
    rows = outline(reader)
    item = rows.index([0, "8. Corporate Parenting Performance Report", cover.first_page + 1])
    assert rows[item + 1] == [1, cover.title, cover.first_page + 1]
    assert [1, appendix.title, appendix.first_page + 1] in rows[item + 2:]
    assert result.details.reports and result.details.reports[0].period == "April 2019"
    assert result.details.reports[0].pages == page_range(appendix.first_page, appendix.last_page)
