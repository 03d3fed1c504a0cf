"""The dashboard in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`,
driven by Selenium) against a live `conflictcoder serve` on loopback. Loads the page, filters by
country and date, opens an event's page from the map, checks the evidence highlight, rejects the
event and checks that the API and an export no longer give it, recodes and checks the rejection
holds; a hostile article's markup is shown as text and nothing in it runs."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg_server import free_port  # noqa: E402
from test_api import wait_until_up  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="needs Debian's chromium and chromium-driver (.ci/run installs them)")
TOKEN = "browser-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE = ("Gunmen killed four police officers in an attack in Quetta, Pakistan, on Monday "
           "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> "
           "<a href=\"javascript:window.__pwned = 3\">more</a> </textarea><script>window.__pwned = 4</script>, "
           "officials said.\n")
ARTICLES = [
    {"doc_id": "kandahar", "published": "2024-05-16", "source": "Wire A",
     "text": "Gunmen killed five soldiers in an ambush near Kandahar, Afghanistan, on Tuesday, officials said.\n"},
    {"doc_id": "mogadishu", "published": "2020-02-10", "source": "Wire B",
     "text": "A car bomb exploded outside a hotel in Mogadishu, Somalia, on Sunday, killing seven civilians.\n"},
    {"doc_id": "hostile", "published": "2023-09-12", "source": "Wire <b>C</b>", "url": "javascript:window.__pwned=5",
     "text": HOSTILE},
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "events.duckdb"
    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("conflictcoder")), "serve", "--db", str(db),
                             "--port", str(port)], env=dict(os.environ, CONFLICTCODER_TOKEN=TOKEN),
                            stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        r = httpx.post(f"{url}/documents", json={"documents": ARTICLES}, headers=AUTH, timeout=120)
        assert r.status_code == 200 and len(r.json()["event_ids"]) == 3, r.text
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--no-proxy-server"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=opts, service=Service(DRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver, test, seconds: float = 20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = test()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out; console: {driver.get_log('browser')}")


def ready_after(driver, before: str | None = None) -> str:
    return wait_for(driver, lambda: (v := driver.execute_script("return document.body.dataset.ready")) and v != before and v)


def event_ids_of(url: str) -> list[str]:
    return [e["event_id"] for e in httpx.get(f"{url}/events", params={"limit": 100}).json()["items"]]


def test_web_dashboard_filter_open_reject(served, browser):
    from selenium.webdriver.common.by import By

    url = served
    browser.get(url + "/")
    ready = ready_after(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert len(rows) == 3, browser.find_element(By.ID, "summary").text + str(browser.get_log("browser"))
    # zoomed out, Kandahar and Quetta share one cell (a cluster of 2); Mogadishu is a point
    assert len(browser.find_elements(By.CSS_SELECTOR, "path.event-cell")) == 1
    assert len(browser.find_elements(By.CSS_SELECTOR, "path.event-point")) == 1
    browser.find_element(By.ID, "country").send_keys("AFG")
    browser.find_element(By.ID, "since").send_keys("05/01/2024")
    browser.find_element(By.ID, "apply").click()
    ready = ready_after(browser, ready)
    assert "country=AFG" in browser.current_url and "since=2024-05-01" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[6].text for r in rows] == ["AFG"]
    eid = rows[0].get_attribute("data-event-id")
    points = wait_for(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "path.event-point"))
    assert len(points) == 1
    # the shared URL gives the same view
    browser.get(browser.current_url)
    ready_after(browser)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 1
    wait_for(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "path.event-point"))[0].click()
    wait_for(browser, lambda: "/event/" in browser.current_url)
    ready_after(browser)
    assert browser.current_url.endswith("/event/" + eid)
    mark = browser.find_element(By.CSS_SELECTOR, "#sources mark.evidence")
    assert mark.text.startswith("Gunmen killed five soldiers") and mark.text.endswith("officials said.")
    browser.find_element(By.ID, "token").send_keys(TOKEN)
    browser.find_element(By.ID, "reject").click()
    wait_for(browser, lambda: browser.find_element(By.ID, "status").text == "rejected")
    assert eid not in event_ids_of(url)
    exported = [json.loads(x)["event_id"] for x in httpx.get(f"{url}/export").text.splitlines()]
    assert eid not in exported and len(exported) == 2
    # recoding the document rewrites its event from the coder's output; the rejection holds
    r = httpx.post(f"{url}/documents", json={"documents": ARTICLES[:1]}, headers=AUTH, timeout=120)
    assert r.json()["event_ids"] == [eid]
    assert eid not in event_ids_of(url)
    assert httpx.get(f"{url}/events/{eid}").json()["review_status"] == "rejected"


def test_web_hostile_article_runs_nothing(served, browser):
    from selenium.webdriver.common.by import By

    url = served
    (e,) = [e for e in httpx.get(f"{url}/events", params={"country": "PAK"}).json()["items"]]
    browser.get(f"{url}/event/{e['event_id']}")
    ready_after(browser)
    text = browser.find_element(By.CSS_SELECTOR, "#sources pre.article").text
    assert "<script>window.__pwned = 1</script>" in text and "onerror=" in text and "</textarea>" in text
    mark = browser.find_element(By.CSS_SELECTOR, "#sources mark.evidence").text
    assert "<img src=x onerror" in mark
    assert browser.execute_script("return window.__pwned === undefined")
    assert not browser.find_elements(By.CSS_SELECTOR, "#sources script, #sources img, #sources a, main b, #sources textarea")
    assert "Wire <b>C</b>" in browser.find_element(By.ID, "sources").text
    # the dashboard's table shows the same record as text too
    browser.get(f"{url}/?country=PAK")
    ready_after(browser)
    assert browser.execute_script("return window.__pwned === undefined")
    scripts = [s.get_attribute("src") for s in browser.find_elements(By.TAG_NAME, "script")]
    assert all(s and s.startswith(url + "/static/") for s in scripts)
