"""The agenda pack's web page: the front sheet as HTML, every link resolving to a file published beside it, the
web page of the report boardpack built, every word escaped, and nothing published when anything fails.
``test_html_browser.py`` opens the page in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pypdf import PdfReader

import boardpack.pack_html
import boardpack.packing
from boardpack.agenda import page_range
from boardpack.exceptions import OutputError
from boardpack.packing import assemble_pack
from boardpack.pipeline import build
from html_page import Element, parse
from html_samples import PAYLOADS
from test_pack import PDF_ITEMS, REPORT_ITEM, pages_showing, run, write_agenda, write_papers

PACK = "corporate-parenting-panel-2019-07-02"
PAGE_LINK = re.compile(r"^Pages? (\d+)(?: - (\d+))? of the agenda pack \(PDF\)$")


@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack-html")
    write_papers(folder)
    agenda = write_agenda(folder, PDF_ITEMS + REPORT_ITEM)
    return folder, assemble_pack(agenda, folder / "out")


def page_of(result) -> Element:
    return parse(result.html[0].read_text(encoding="utf-8"))


def links(page: Element) -> list[tuple[str, str]]:
    """``(href, words)`` of every link on the page, in order."""
    return [(a.attrs["href"], " ".join(a.text.split())) for a in page.find_all("a")]


def target(folder: Path, href: str) -> tuple[Path, str]:
    """The file a relative link opens, and its fragment."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and "/" not in parts.path, href
    return folder / unquote(parts.path), parts.fragment


def paper_titles(page: Element) -> list[str]:
    """The title of each paper listed under the items, in order."""
    return [next(e for e in row.walk() if "paper" in e.classes()).text.removesuffix(" (web page)")
            for row in page.find("ol", **{"class": "items"}).find_all("li") if row.parent.tag == "ul"]


def test_pack_publishes_its_page_and_the_reports_page_beside_the_pdf(packed):
    folder, result = packed
    out = folder / "out"
    assert result.html == (out / f"{PACK}.html", out / f"{PACK}-lac-2019-04.html")
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{PACK}.pdf", f"{PACK}.html", f"{PACK}-lac-2019-04.html"])


def test_the_page_is_the_front_sheet_for_assistive_technology(packed):
    _, result = packed
    page = page_of(result)
    html = page.find("html")
    assert html.attrs["lang"] == "en-GB"
    assert [h.text for h in page.find_all("h1")] == ["Corporate Parenting Panel"]
    skip = page.find_all("a")[0]
    assert (skip.attrs["href"], skip.text) == ("#main", "Skip to main content")
    assert page.find("main", id="main") is not None
    assert page.find("title").text == "Agenda: Corporate Parenting Panel — Tuesday, 2nd July, 2019"
    assert not page.find_all("script") and not page.find_all("img") and not page.find_all("link")
    assert any(m.attrs.get("http-equiv") == "Content-Security-Policy" for m in page.find_all("meta"))
    details = page.find("dl", **{"class": "pairs"})
    assert [dt.text for dt in details.find_all("dt")] == ["Venue", "Date", "Time"]
    assert [" ".join(dd.spaced_text.split()) for dd in details.find_all("dd")] == [
        "Town Hall, Moorgate Street, Rotherham. S60 2TH", "Tuesday, 2nd July, 2019", "3.30 p.m."]
    assert [h.text for h in page.find("ol", **{"class": "items"}).find_all("h3")] == [
        "1. Apologies for absence.", "2. Minutes of the previous meeting held on 9th April 2019",
        "3. Extensions and Adaptations to Homes of Foster Carers (Revised Policy)",
        "4. Date and time of the next meeting: -", "5. Corporate Parenting Performance Report"]
    assert page.find("li", id="item-4").find("p").text == "Tuesday, 15th October, 2019, at 3.30 p.m."
    text = " ".join(page.text.split())
    assert "Membership of the Corporate Parenting Panel Councillors Watson, Cusworth" in " ".join(
        page.find("main").spaced_text.split())
    assert "Sharon Kemp,Chief Executive." in text
    # Items without papers list none.
    assert page.find("li", id="item-1").find("ul") is None


def test_every_link_opens_a_file_published_beside_the_page_and_each_paper_has_one(packed):
    folder, result = packed
    page = page_of(result)
    out = folder / "out"
    for href, _ in links(page):
        if href.startswith("#"):
            assert page.find(None, id=href[1:]) is not None or href == "#main"
            continue
        file, _ = target(out, href)
        assert file.is_file(), href
    assert paper_titles(page) == [paper.title for item in result.items for paper in item.papers]
    assert len(paper_titles(page)) == 4


@pytest.mark.parametrize("numbered", [False, True])
def test_a_pdf_paper_links_the_pack_pages_it_landed_on(tmp_path, numbered):
    write_papers(tmp_path)
    agenda = write_agenda(tmp_path, PDF_ITEMS, "number_front_sheet = true" if numbered else "")
    result = assemble_pack(agenda, tmp_path / "out")
    reader = PdfReader(result.path)
    page = page_of(result)
    found = [(href, words) for href, words in links(page) if PAGE_LINK.match(words)]
    papers = [paper for item in result.items for paper in item.papers]
    # Each link opens the PDF at the sheet where its paper begins, and says the stamped pages it covers.
    assert found == [(f"{PACK}.pdf#page={pages_showing(reader, marker)[0] + 1}",
                      f"{page_range(paper.first_page, paper.last_page)} of the agenda pack (PDF)")
                     for marker, paper in zip(("MINUTES", "POLICY", "PLAN"), papers, strict=True)]
    assert found[0][1] == f"{'Pages 2 - 4' if numbered else 'Pages 1 - 3'} of the agenda pack (PDF)"
    assert (f"{PACK}.pdf", f"The whole agenda pack (PDF, {len(reader.pages)} pages)") in links(page)
    # No report built, so the pack publishes its page alone.
    assert result.html == (tmp_path / "out" / f"{PACK}.html",)


def test_the_report_links_its_own_web_page_built_from_the_same_scorecard(packed, tmp_path):
    folder, result = packed
    page = page_of(result)
    report = result.items[-1].papers[0]
    row = page.find("li", id="item-5").find("ul").find("li")
    (twin_link, pdf_link) = [(a.attrs["href"], " ".join(a.text.split())) for a in row.find_all("a")]
    assert twin_link == (f"{PACK}-lac-2019-04.html", f"{report.title} (web page)")
    assert report.title == "Appendix A – Corporate Parenting Performance Report"
    assert pdf_link[1] == f"Pages {report.first_page} - {report.last_page} of the agenda pack (PDF)"
    # What `boardpack build` writes for the same layout, byte for byte.
    alone = build(layout=folder / "lac-layout.toml", out_dir=tmp_path, formats=("html",)).outputs[0]
    assert (folder / "out" / twin_link[0]).read_bytes() == alone.read_bytes()


def hostile_agenda(folder: Path) -> tuple[Path, list[str]]:
    """An agenda with hostile text in every field its page shows, a pack name that needs escaping in a link, and
    the texts put there."""
    write_papers(folder)
    texts = {key: f"{key} {PAYLOADS[index % len(PAYLOADS)]}" for index, key in enumerate(
        ("committee", "organisation", "membership", "chief_executive", "chief_executive_title"))}
    items = [f"[[items]]\ntitle = {json.dumps('item ' + p)}\ndetail = {json.dumps('detail ' + p)}\n"
             f"papers = [{{ pdf = \"minutes.pdf\", title = {json.dumps('paper ' + p)} }}]\n" for p in PAYLOADS]
    meeting = "".join(f"{key} = {json.dumps(text)}\n" for key, text in texts.items())
    agenda = folder / "agenda.toml"
    agenda.write_text(f'{meeting}date = 2019-07-02\ntime = {json.dumps(PAYLOADS[1])}\n'
                      f'venue = {json.dumps(list(PAYLOADS))}\nname = "pack #1 & <b>"\n' + "\n".join(items),
                      encoding="utf-8")
    shown = [*texts.values(), *PAYLOADS, *(f"{kind} {p}" for kind in ("item", "detail", "paper") for p in PAYLOADS)]
    return agenda, shown


def test_agenda_text_is_escaped_and_links_survive_odd_pack_names(tmp_path):
    agenda, texts = hostile_agenda(tmp_path)
    result = assemble_pack(agenda, tmp_path / "out")
    markup = result.html[0].read_text(encoding="utf-8")
    page = parse(markup)
    assert not page.find_all("script") and not page.find_all("img") and len(page.find_all("h1")) == 1
    assert all(not name.startswith("on") for element in page.walk() for name in element.attrs)
    shown = page.text
    for text in texts:
        assert text in shown, text
    assert "<script>" not in markup.split("</style>")[1]
    for href, _ in links(page):
        if not href.startswith("#"):
            assert target(tmp_path / "out", href)[0].is_file(), href
    assert result.path.name == "pack #1 & <b>.pdf"


def test_the_same_report_twice_gets_two_pages(tmp_path):
    write_papers(tmp_path)
    twice = REPORT_ITEM.replace('{ layout = "lac-layout.toml" }',
                                '{ layout = "lac-layout.toml" }, { layout = "lac-layout.toml", period = "2019-03" }')
    result = assemble_pack(write_agenda(tmp_path, twice), tmp_path / "out")
    assert [p.name for p in result.html] == [f"{PACK}.html", f"{PACK}-lac-2019-04.html", f"{PACK}-lac-2019-04-2.html"]
    hrefs = [href for href, words in links(page_of(result)) if words.endswith("(web page)")]
    assert hrefs == [f"{PACK}-lac-2019-04.html", f"{PACK}-lac-2019-04-2.html"]
    march, april = (parse(p.read_text(encoding="utf-8")).find("main").text for p in result.html[1:][::-1])
    assert march != april


def _previous(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in ((f"{PACK}.pdf", b"%PDF-1.4 the previous pack"), (f"{PACK}.html", b"<p>previous page</p>"),
                       (f"{PACK}-lac-2019-04.html", b"<p>previous report</p>")):
        (out / name).write_bytes(data)
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_a_failure_writing_the_page_publishes_nothing(tmp_path, monkeypatch):
    write_papers(tmp_path)
    agenda = write_agenda(tmp_path, PDF_ITEMS + REPORT_ITEM)
    before = _previous(tmp_path / "out")

    def broken(*_):
        raise OutputError("cannot write the pack's web page (disk full)", "out")

    monkeypatch.setattr(boardpack.pack_html, "agenda_page", broken)
    with pytest.raises(OutputError, match="disk full"):
        assemble_pack(agenda, tmp_path / "out")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


def test_a_failure_publishing_the_pdf_publishes_no_web_page(tmp_path, monkeypatch):
    write_papers(tmp_path)
    agenda = write_agenda(tmp_path, PDF_ITEMS + REPORT_ITEM)
    before = _previous(tmp_path / "out")

    def broken(*_):
        raise OutputError("cannot write the pack (disk full)", "out")

    monkeypatch.setattr(boardpack.packing, "_publish", broken)
    with pytest.raises(OutputError, match="disk full"):
        assemble_pack(agenda, tmp_path / "out")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


def test_pack_command_names_the_page(tmp_path):
    write_papers(tmp_path)
    result = run("pack", write_agenda(tmp_path, PDF_ITEMS), "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert f"wrote {tmp_path / 'out' / f'{PACK}.html'} (the agenda as a web page, linking each paper)" in result.stdout
