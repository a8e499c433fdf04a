"""Screenshots of the built site at phone and desktop size, in the light and the dark scheme, to look at.

    .venv/bin/python scripts/screenshots.py [--site build/site] [--out build/screenshots] [--full]

Without --site it builds the shipped site (without the Recommend page's
engine) in a temporary folder. Each page is shot as the reader first sees it
(--full: the whole page, as tall as it is) into OUT/<page>-<size>-<scheme>.png,
and the script prints each file with the page's width against the screen's,
so a page that scrolls sideways shows before anyone opens the picture.
Needs Debian's chromium and chromium-driver (bash scripts/test.sh installs
them). Nothing it writes is committed.
"""

from __future__ import annotations

import argparse
import base64
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from techpick.sitebuild import Engine, build_site

PAGES = {
    "home": "",
    "technology": "tech/postgresql/",
    "role": "roles/messaging/",
    "compare": "compare/?ids=postgresql,mysql,cockroachdb",
    "radar": "radar/",
    "find": "find/",
}
SIZES = {"phone": (390, 844, 3), "desktop": (1366, 900, 1)}
"""Width and height in CSS pixels, and the device's pixel ratio (a phone's screen is dense)."""
SCHEMES = ("default", "slate")
TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = TYPES

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def chromium(profile: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--hide-scrollbars", "--window-size=1366,900", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def shoot(driver: webdriver.Chrome, url: str, size: tuple[int, int, int], scheme: str, full: bool) -> tuple[bytes, int]:
    """The PNG of one page in one size and scheme, and how wide the page is in CSS pixels."""
    width, height, ratio = size
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": ratio, "mobile": width < 600})
    driver.get(url)
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.execute_script(
        "const want = arguments[0];"
        "if (document.body.getAttribute('data-md-color-scheme') !== want) {"
        "  const option = document.querySelector(`input[name=__palette][data-md-color-scheme=${want}]`);"
        "  if (option) document.querySelector(`label[for=${option.id}]`).click(); }"
        "document.activeElement.blur();", scheme)  # no focus ring left on the toggle
    wait.until(lambda d: d.execute_script("return document.body.getAttribute('data-md-color-scheme')") == scheme)
    driver.execute_script("return document.fonts.ready")
    driver.execute_async_script("const done = arguments[0]; setTimeout(done, 600)")  # tables, diagrams, cards
    page_width = driver.execute_script("return document.documentElement.scrollWidth")
    shot = {"format": "png", "captureBeyondViewport": full}
    if full:
        page_height = driver.execute_script("return document.documentElement.scrollHeight")
        shot["clip"] = {"x": 0, "y": 0, "width": width, "height": page_height, "scale": 1}
    return base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", shot)["data"]), page_width


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (the folder with index.html)")
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    parser.add_argument("--full", action="store_true", help="the whole page, not only the first screen")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="techpick-shots-") as tmp:
        site = args.site or build_site(Path(tmp) / "built", engine=Engine(enabled=False)).site
        server, base = serve(site)
        driver = chromium(Path(tmp) / "profile")
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            for page, path in PAGES.items():
                if not (site / path.split("?")[0] / "index.html").is_file():
                    print(f"{page}: {path} is not in this site; skipped")
                    continue
                for size_name, size in SIZES.items():
                    for scheme in SCHEMES:
                        png, page_width = shoot(driver, f"{base}/{path}", size, scheme, args.full)
                        target = args.out / f"{page}-{size_name}-{scheme}.png"
                        target.write_bytes(png)
                        overflow = "" if page_width <= size[0] else f"  SCROLLS SIDEWAYS: {page_width} px wide"
                        print(f"{target}  {size[0]}x{size[1]}{overflow}")
        finally:
            driver.quit()
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
