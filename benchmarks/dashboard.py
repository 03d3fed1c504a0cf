"""The dashboard's first paint at 100k events, and screenshots of the map, the timeline and an event page.

    .venv/bin/python benchmarks/dashboard.py [--events 100000] [--db PATH] [--reuse] [--runs 3] [--out DIR]
    .venv/bin/python benchmarks/dashboard.py --db out/demo.duckdb --reuse     # the demo store (`make demo`)

Builds a DuckDB store of synthetic events as benchmarks/api_load.py does (--reuse keeps one built
before; with --db on an existing store and --reuse, that store is served as it is), starts
`conflictcoder serve` on a free port of 127.0.0.1, and opens the dashboard in headless Chromium
(Debian's `chromium` and `chromium-driver`, through Selenium) with the browser cache off. First paint
is the time from navigation start to the page's `data-first-paint` mark: the country outlines, the
map's cells, the weekly timeline and the table drawn with the server's data, then one frame. Prints
each run and the median (target: under 2 s), then saves into --out: dashboard.png (the whole page),
map.png, timeline.png, event.png (the event with most fatalities: its record) and evidence.png (the
same page scrolled to its first source's article, the evidence sentence marked).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))


def wait_for(test, seconds: float = 60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = test()
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError("timed out waiting for the page")


def browser(width: int, height: int):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--no-proxy-server", "--hide-scrollbars"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts, service=Service(shutil.which("chromedriver")))
    driver.set_page_load_timeout(120)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return driver


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", default=str(HERE / "out" / "api_load.duckdb"))
    ap.add_argument("--reuse", action="store_true", help="keep a store built before")
    ap.add_argument("--runs", type=int, default=3, help="page loads timed, each with the cache off")
    ap.add_argument("--out", default=str(HERE / "out"), help="folder for the screenshots")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=1000)
    a = ap.parse_args(argv)
    from api_load import build
    from pg_server import free_port
    from selenium.webdriver.common.by import By
    import httpx

    if not a.reuse or not Path(a.db).exists():
        Path(a.db).parent.mkdir(parents=True, exist_ok=True)
        Path(a.db).unlink(missing_ok=True)
        t0 = time.perf_counter()
        build(a.db, a.events)
        print(f"built {a.events} events in {time.perf_counter() - t0:.1f} s into {a.db}")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    exe = Path(sys.executable).with_name("conflictcoder")
    server = subprocess.Popen([str(exe), "serve", "--db", a.db, "--port", str(port)],
                              env={k: v for k, v in os.environ.items() if k != "CONFLICTCODER_TOKEN"},
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    driver = None
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        driver = browser(a.width, a.height)
        times = []
        for run in range(a.runs):
            driver.get("about:blank")
            driver.get(base + "/")
            ms = float(wait_for(lambda: driver.execute_script("return document.body.dataset.firstPaint")))
            times.append(ms)
            cells = len(driver.find_elements(By.CSS_SELECTOR, "path.event-cell, path.event-point"))
            print(f"run {run + 1}: first paint {ms:.0f} ms ({cells} map cells/points, "
                  f"{driver.find_element(By.ID, 'summary').text})")
        print(f"store: {a.db}  window: {a.width}x{a.height}")
        print(f"first paint: median {statistics.median(times):.0f} ms, min {min(times):.0f}, max {max(times):.0f} "
              f"over {len(times)} cold loads (target: < 2000 ms)")
        time.sleep(0.5)  # let tiles of outline and tooltips settle before the pictures
        driver.save_screenshot(str(out / "dashboard.png"))
        driver.find_element(By.ID, "map").screenshot(str(out / "map.png"))
        driver.find_element(By.ID, "timeline-box").screenshot(str(out / "timeline.png"))
        top = httpx.get(base + "/events", params={"limit": 1, "sort": "-fatalities"}, timeout=60).json()["items"]
        if top:
            before = driver.execute_script("return document.body.dataset.ready")
            driver.get(f"{base}/event/{top[0]['event_id']}")
            wait_for(lambda: (v := driver.execute_script("return document.body.dataset.ready")) and v != before)
            marks = driver.find_elements(By.CSS_SELECTOR, "#sources mark.evidence")
            driver.save_screenshot(str(out / "event.png"))
            if marks:  # the first source's article, scrolled to its marked evidence sentence
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'});"
                                      "arguments[0].closest('pre').scrollIntoView({block: 'center'});", marks[0])
                time.sleep(0.2)
                driver.save_screenshot(str(out / "evidence.png"))
            print(f"event page: {top[0]['event_id']}, {len(marks)} evidence highlight(s)")
        print(f"screenshots: {', '.join(str(out / n) for n in ('dashboard.png', 'map.png', 'timeline.png', 'event.png', 'evidence.png'))}")
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
