"""The HTML edition in a real browser: headless Chromium runs axe-core against WCAG 2.2 A and AA, and measures
what a reader on a tablet or a phone would meet: no sideways page scroll, tables that scroll in their own
keyboard-reachable region with a visible focus ring, and text no smaller than 16 px.

The agenda pack's web page is held to the same checks. Set ``BOARDPACK_SCREENSHOTS=DIR`` to keep a screenshot of
each sample at each width for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from boardpack.render.html import render_html
from browser import axe_script, axe_violations, chromium_driver, missing, print_to_pdf
from html_page import numbers
from html_samples import build_samples, hostile_report

WIDTHS = (1280, 768, 375)  # a laptop, a tablet, a phone
HEIGHT = 900
A4_LANDSCAPE = (841.9, 595.3)
# The body's text size, and every element whose own text is drawn under 16 px (charts' SVG text and
# screen-reader-only text aside).
SMALL_TEXT = (
    "const small = [];"
    "for (const e of document.body.querySelectorAll('*')) {"
    "  if (e.closest('svg') || e.closest('.vh')) continue;"
    "  const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());"
    "  const size = parseFloat(getComputedStyle(e).fontSize);"
    "  if (own && size < 16) small.push(e.tagName + ' ' + size + ' ' + e.textContent.slice(0, 40));"
    "}"
    "return [parseFloat(getComputedStyle(document.body).fontSize), small];"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    return build_samples(tmp_path_factory.mktemp("html-browser"))


@pytest.fixture(scope="module")
def driver():
    chromium = chromium_driver()
    yield chromium
    chromium.quit()


@pytest.fixture(scope="module")
def axe() -> str:
    script = axe_script()
    if script is None:
        missing("axe-core is not available: install npm, or set BOARDPACK_AXE to axe.min.js")
    return script.read_text(encoding="utf-8")


def load(driver, page: Path, width: int) -> None:
    driver.set_window_size(width, HEIGHT)
    driver.get(page.resolve().as_uri())
    # The window's outer size includes no chrome in headless mode; the page must be exactly as wide as asked.
    assert driver.execute_script("return window.innerWidth") == width


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["corporate-parenting-2019-04", "safeguarding_may_2015"])
def test_axe_finds_nothing_and_the_page_never_scrolls_sideways(driver, axe, built, name, width):
    page = built[name].with_suffix(".html")
    load(driver, page, width)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width
    folder = os.environ.get("BOARDPACK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / f"{name}-{width}.png"))
    assert axe_violations(driver, axe) == []


@pytest.mark.parametrize("name", ["corporate-parenting-2019-04", "safeguarding_may_2015"])
def test_wide_tables_scroll_in_regions_the_keyboard_reaches_with_a_visible_focus_ring(driver, built, name):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    load(driver, built[name].with_suffix(".html"), 375)
    regions = driver.execute_script("return document.querySelectorAll('.scroll').length")
    summary = driver.find_element("css selector", "#summary .scroll")
    assert driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", summary), \
        "on a phone the summary scrolls inside its region"
    reached: dict[int, tuple[str, str]] = {}
    for _ in range(regions * 3 + 200):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        index, outline, width = driver.execute_script(
            "const e = document.activeElement, s = getComputedStyle(e);"
            "return [[...document.querySelectorAll('.scroll')].indexOf(e), s.outlineStyle, s.outlineWidth];")
        if index >= 0:
            reached[index] = (outline, width)
        if len(reached) == regions:
            break
    assert len(reached) == regions
    for outline, width in reached.values():
        assert outline == "solid" and float(width.rstrip("px")) >= 2
    # A focused region scrolls with the arrow keys, as a mouse or finger would scroll it.
    driver.execute_script("arguments[0].focus(); arguments[0].scrollLeft = 0", summary)
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT * 5).perform()
    # Keyboard scrolling is animated: wait for it to move.
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return arguments[0].scrollLeft", summary) > 0)


@pytest.mark.parametrize("width", (768, 375))
def test_no_text_on_screen_is_under_16_px(driver, built, width):
    for stem in built.values():
        load(driver, stem.with_suffix(".html"), width)
        small = driver.execute_script(SMALL_TEXT)
        assert small == [16, []]


def test_hostile_tracker_text_runs_nothing_and_breaks_no_layout(driver, axe, tmp_path):
    scorecard, layout, texts = hostile_report()
    page = tmp_path / "hostile.html"
    render_html(scorecard, layout, page)
    for width in (1280, 375):
        load(driver, page, width)
        assert driver.execute_script("return [document.querySelectorAll('script, img').length,"
                                     " window.boardpackPwned === undefined,"
                                     " document.querySelectorAll('h1').length]") == [0, True, 1]
        shown = driver.execute_script("return document.body.textContent")
        assert all(text in shown for text in texts)
        assert driver.execute_script("return document.documentElement.scrollWidth") <= width
    assert axe_violations(driver, axe) == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_printing_gives_clean_a4_pages_with_every_figure(driver, built, tmp_path):
    """Chromium's own print of the page: A4 landscape as the layout asks, tables whole rather than cut at the
    page's edge (every number the boardpack PDF shows is in the printed text), no contents list."""
    for name, stem in built.items():
        printed = tmp_path / f"{name}.pdf"
        print_to_pdf(stem.with_suffix(".html").resolve(), printed)
        pages = PdfReader(printed).pages
        assert len(pages) > 5
        for page in pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert abs(size[0] - A4_LANDSCAPE[0]) < 1 and abs(size[1] - A4_LANDSCAPE[1]) < 1, size
        text = subprocess.run(["pdftotext", "-layout", str(printed), "-"], capture_output=True, text=True,
                              check=True).stdout
        original = subprocess.run(["pdftotext", "-layout", str(stem.with_suffix(".pdf")), "-"], capture_output=True,
                                  text=True, check=True).stdout
        # The PDF's footers and its note of the years a narrow summary leaves to the section pages are its own.
        own = re.compile(r"Page \d+ of \d+|are shown on each section's page")
        shown = "\n".join(line for line in original.splitlines() if not own.search(line))
        assert numbers(shown) - numbers(text) == set()
        assert "Contents" not in text and "Skip to main content" not in text


# --- the agenda pack's page ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pack_pages(tmp_path_factory) -> dict[str, Path]:
    """The agenda page of a pack with papers and a built report, and of a pack whose every word is hostile."""
    from boardpack.packing import assemble_pack
    from test_pack import PDF_ITEMS, REPORT_ITEM, write_agenda, write_papers
    from test_pack_html import hostile_agenda

    plain, odd = tmp_path_factory.mktemp("pack-page"), tmp_path_factory.mktemp("pack-page-hostile")
    write_papers(plain)
    return {"plain": assemble_pack(write_agenda(plain, PDF_ITEMS + REPORT_ITEM), plain / "out").html[0],
            "hostile": assemble_pack(hostile_agenda(odd)[0], odd / "out").html[0]}


@pytest.mark.parametrize("width", (768, 375))
@pytest.mark.parametrize("name", ["plain", "hostile"])
def test_the_agenda_page_is_clean_fits_the_screen_and_runs_nothing(driver, axe, pack_pages, name, width):
    load(driver, pack_pages[name], width)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width
    assert driver.execute_script("return [document.querySelectorAll('script, img').length,"
                                 " window.boardpackPwned === undefined, document.querySelectorAll('h1').length]"
                                 ) == [0, True, 1]
    assert driver.execute_script(SMALL_TEXT) == [16, []]
    assert axe_violations(driver, axe) == []


def test_the_agenda_page_opens_the_reports_own_page(driver, pack_pages):
    load(driver, pack_pages["plain"], 768)
    driver.find_element("partial link text", "(web page)").click()
    assert driver.execute_script("return document.querySelector('h1').textContent") == \
        "Corporate Parenting Performance Report"
    assert driver.current_url.endswith("-lac-2019-04.html")
