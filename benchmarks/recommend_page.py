"""The Recommend page in headless Chromium on loopback: bytes transferred and
time to the first result, cold (a new browser profile, nothing cached) and
warm (the same profile, the page opened again), and the time of a later run
on an open page. Target: first result within 4 s cold and each later run
within 1 s. Not a test.

    .venv/bin/python benchmarks/recommend_page.py [--site build/site] [--runs 3] [--req FILE]

Without --site it builds the shipped site (with the engine) in a temporary
folder. The server counts every byte it sends, workers' requests included.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import tempfile
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from techpick.sitebuild import build_site

ROOT = Path(__file__).resolve().parents[1]
TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}


class Counting(http.server.SimpleHTTPRequestHandler):
    """A static server that adds up the bytes it writes (headers and bodies)."""

    extensions_map = TYPES
    sent = 0
    lock = threading.Lock()

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - the base class's
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        raw = self.wfile

        class Tally:
            def write(inner, data: bytes) -> int:  # noqa: N805 - a tiny proxy object
                with Counting.lock:
                    Counting.sent += len(data)
                return raw.write(data)

            def __getattr__(inner, name: str):  # noqa: N805, ANN204
                return getattr(raw, name)

        self.wfile = Tally()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def browser(profile: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--window-size=1366,900", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(120)
    return driver


def first_result(driver: webdriver.Chrome, url: str, text: str) -> tuple[float, int]:
    """Open the page, ask at once (the run waits for Python); seconds from opening to the answer, bytes sent."""
    Counting.sent = 0
    driver.get(url)
    box = driver.find_element(By.ID, "tp-rec-file")
    driver.execute_script("arguments[0].value = arguments[1]", box, text)
    driver.find_element(By.ID, "tp-rec-run").click()
    out = driver.find_element(By.ID, "tp-rec-out")
    WebDriverWait(driver, 300, 0.05).until(lambda d: out.get_attribute("data-run") == "1")
    assert out.get_attribute("data-state") == "done", driver.find_element(By.ID, "tp-rec-out").text[:500]
    status = driver.find_element(By.ID, "tp-rec-status")
    steps = status.get_attribute("data-steps") or ""
    worker_at = status.get_attribute("data-worker-at")  # absent on sites built before it was recorded
    if worker_at:
        print(f"  the page started its worker {float(worker_at):.2f} s after opening")
    print(f"  phases (seconds since the worker started; start-up image used: {status.get_attribute('data-image')}):")
    print("  " + steps.strip().replace("\n", "\n  "))
    print(f"  first answer shown {float(out.get_attribute('data-seconds')):.2f} s after the click")
    return float(out.get_attribute("data-at")), Counting.sent


def later_run(driver: webdriver.Chrome) -> float:
    out = driver.find_element(By.ID, "tp-rec-out")
    before = out.get_attribute("data-run")
    driver.find_element(By.ID, "tp-rec-run").click()
    WebDriverWait(driver, 60, 0.02).until(lambda d: out.get_attribute("data-run") != before)
    return float(out.get_attribute("data-seconds"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one now)")
    parser.add_argument("--runs", type=int, default=3, help="later runs to time on the open page")
    parser.add_argument("--req", type=Path, default=ROOT / "examples" / "analytics-platform.yaml")
    args = parser.parse_args()
    text = args.req.read_text(encoding="utf-8")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            start = time.perf_counter()
            site = build_site(Path(tmp) / "build").site
            print(f"site built in {time.perf_counter() - start:.1f} s")
        engine = site / "engine"
        shipped = sum(p.stat().st_size for p in engine.rglob("*") if p.is_file())
        print(f"engine folder: {shipped / 1e6:.1f} MB on disk")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/recommend/"
        driver = browser(Path(tmp) / "profile")
        try:
            cold, cold_bytes = first_result(driver, url, text)
            runs = [later_run(driver) for _ in range(args.runs)]
            warm, warm_bytes = first_result(driver, url, text)
        finally:
            driver.quit()
            server.shutdown()
            server.server_close()
    print(f"requirements file: {args.req.name}")
    print(f"cold  first result {cold:6.2f} s  transferred {cold_bytes / 1e6:6.2f} MB  (target 4 s)")
    print(f"warm  first result {warm:6.2f} s  transferred {warm_bytes / 1e6:6.2f} MB")
    print(f"later runs on the open page: {', '.join(f'{r:.3f}' for r in runs)} s  (target 1 s each)")
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
