"""Headless Chromium for the HTML edition's tests, and axe-core to judge the page against WCAG.

Chromium and chromedriver are Debian packages that ``.ci/run`` installs; axe-core comes from npm into a cache
outside the repository (``.ci/run`` fetches it, and so does the first test run on a machine with npm). Where
they are missing the browser tests are skipped saying why, except under CI, where missing them is a failure:
CI must run these checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_ARGUMENTS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--no-first-run")
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
AXE_PACKAGE = "axe-core@4"


def axe_folder() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "boardpack" / "axe"


def axe_script() -> Path | None:
    """axe-core's script: ``BOARDPACK_AXE`` if set, else the cached npm copy, fetched with npm when it can be."""
    named = os.environ.get("BOARDPACK_AXE")
    if named:
        return Path(named) if Path(named).is_file() else None
    script = axe_folder() / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--prefix", str(axe_folder()), "--no-audit", "--no-fund", "--silent",
                        AXE_PACKAGE], capture_output=True, timeout=300, check=False)
    return script if script.is_file() else None


def missing(reason: str) -> None:
    """Skip saying why; under CI, fail: the browser checks must run there."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser checks (see .ci/run)")
    pytest.skip(reason)


def chromium_driver():
    """A headless Chromium under selenium, or a skip (a failure under CI) saying what is missing."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium is not installed (pip install -e '.[test]')")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None or not Path(CHROMEDRIVER).exists():
        missing("Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    options = Options()
    options.binary_location = browser
    for argument in CHROMIUM_ARGUMENTS:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(120)
    return driver


def axe_violations(driver, script: str) -> list[dict]:
    """Every WCAG 2.2 A and AA violation axe-core finds on the loaded page: rule, impact and the first node."""
    driver.execute_script(script)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,"
        " first: v.nodes[0].html, why: v.nodes[0].failureSummary}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e)}]));",
        list(WCAG_TAGS),
    )


def print_to_pdf(page: Path, pdf: Path) -> None:
    """The page printed by Chromium itself, with its print stylesheet, as a reader's Print would."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser is not None
    subprocess.run([browser, *CHROMIUM_ARGUMENTS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=180, check=True)
