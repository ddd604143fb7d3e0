"""Take the README's screenshot: the sample report's HTML edition on a tablet-width screen.

    .venv/bin/python scripts/screenshot.py            # writes docs/html-tablet.png

It builds the April 2019 Corporate Parenting report's HTML from the sample tracker into a temporary folder,
opens it in headless Chromium through selenium with the options the browser tests use (``tests/browser.py``)
and the scrollbars hidden, as a tablet's float over the page, and saves the first screen at 768 x 1024 pixels,
reduced to a palette of colours so the PNG stays small. Needs Debian's ``chromium`` and ``chromium-driver``
and the test extras (``pip install -e '.[test]'``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from boardpack.pipeline import build  # noqa: E402
from browser import CHROMEDRIVER, CHROMIUM_ARGUMENTS  # noqa: E402  (the tests' own browser options)

LAYOUT = ROOT / "layouts" / "corporate-parenting.toml"
WIDTH, HEIGHT = 768, 1024
# Enough for the page's flat colours and anti-aliased text; a quarter of the size of the full-colour PNG.
COLOURS = 64


def screenshot(page: Path, target: Path) -> None:
    from PIL import Image
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None or not Path(CHROMEDRIVER).exists():
        sys.exit("error: needs Chromium and chromedriver (apt-get install chromium chromium-driver)")
    options = Options()
    options.binary_location = browser
    # A tablet's scrollbars float over the page rather than taking 15 px of its width.
    for argument in (*CHROMIUM_ARGUMENTS, "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_window_size(WIDTH, HEIGHT)
        # Headless Chromium keeps some of the window's height for itself; grow the window by that much.
        inner = driver.execute_script("return window.innerHeight")
        driver.set_window_size(WIDTH, 2 * HEIGHT - inner)
        driver.get(page.resolve().as_uri())
        if driver.execute_script("return [window.innerWidth, window.innerHeight]") != [WIDTH, HEIGHT]:
            sys.exit(f"error: Chromium did not open a {WIDTH} x {HEIGHT} window")
        with tempfile.TemporaryDirectory() as folder:
            shot = Path(folder) / "shot.png"
            driver.save_screenshot(str(shot))
            with Image.open(shot) as image:
                small = image.convert("RGB").crop((0, 0, WIDTH, HEIGHT)).quantize(COLOURS, dither=Image.Dither.NONE)
        target.parent.mkdir(parents=True, exist_ok=True)
        small.save(target, optimize=True)
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "html-tablet.png", help="PNG to write")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="boardpack-screenshot-") as folder:
        (page,) = build(layout=LAYOUT, out_dir=folder, formats=("html",)).outputs
        screenshot(page, arguments.out)
    print(f"wrote {arguments.out} ({arguments.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
