"""Analysts' reviews through the API, against a live `conflictcoder serve`: decisions are stored
apart from the coder's output (who, when), re-applied when a document is recoded, honoured by
GET /events, /map, /timeline and exports (API and CLI), shown by `history`; writes need the token,
a JSON body and this origin; every answer carries the Content-Security-Policy."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg_server import free_port  # noqa: E402
from test_api import wait_until_up  # noqa: E402

TOKEN = "review-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLES = [
    {"doc_id": "kandahar", "published": "2024-05-16", "source": "Wire A",
     "text": "Gunmen killed five soldiers in an ambush near Kandahar, Afghanistan, on Tuesday, officials said.\n"
             "The attackers fled into the hills after the fighting, a provincial spokesman said.\n"},
    {"doc_id": "mogadishu", "published": "2020-02-10", "source": "Wire B",
     "text": "A car bomb exploded outside a hotel in Mogadishu, Somalia, on Sunday, killing seven civilians.\n"},
]
CLI = str(Path(sys.executable).with_name("conflictcoder"))


def start(db: Path):
    port = free_port()
    proc = subprocess.Popen([CLI, "serve", "--db", str(db), "--port", str(port)],
                            env=dict(os.environ, CONFLICTCODER_TOKEN=TOKEN), stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url, proc)
    return proc, url


def stop(proc) -> None:
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = tmp_path_factory.mktemp("review") / "events.duckdb"
    proc, url = start(db)
    try:
        r = httpx.post(f"{url}/documents", json={"documents": ARTICLES}, headers=AUTH, timeout=120)
        assert r.status_code == 200, r.text
        yield db, url, proc
    finally:
        stop(proc)


def event_of(url: str, doc_id: str) -> dict:
    items = httpx.get(f"{url}/events", params={"limit": 100}).json()["items"]
    (e,) = [e for e in items if any(s["doc_id"] == doc_id for s in e["sources"])]
    return e


def test_api_review_event_page_evidence_offsets_index_stored_text(served):
    _, url, _ = served
    e = event_of(url, "kandahar")
    d = httpx.get(f"{url}/events/{e['event_id']}").json()
    src = d["sources"][0]
    assert d["texts"]["kandahar"][src["start"]:src["end"]].strip() == src["sentence"]  # spaCy keeps the newline
    assert "Kandahar" in src["sentence"] and d["review_status"] is None


def test_api_review_writes_need_token_json_and_same_origin(served):
    _, url, _ = served
    eid = event_of(url, "mogadishu")["event_id"]
    target = f"{url}/events/{eid}/review"
    assert httpx.post(target, json={"action": "reject"}).status_code == 401
    assert httpx.post(target, json={"action": "reject"}, headers={"Authorization": "Bearer wrong"}).status_code == 401
    form = httpx.post(target, content="action=reject", headers={**AUTH, "Content-Type": "text/plain"})
    assert form.status_code == 401 and "JSON" in form.json()["error"]["message"]
    cross = httpx.post(target, json={"action": "reject"}, headers={**AUTH, "Origin": "http://evil.example"})
    assert cross.status_code == 401
    site = httpx.post(target, json={"action": "reject"}, headers={**AUTH, "Sec-Fetch-Site": "cross-site"})
    assert site.status_code == 401
    bad = httpx.post(target, json={"action": "edit", "fields": {"record": "x"}}, headers=AUTH)
    assert bad.status_code == 400
    assert httpx.get(f"{url}/events/{eid}").json()["review_status"] is None  # nothing was stored


def test_api_review_csp_on_pages_and_api(served):
    _, url, _ = served
    for path in ("/", "/events", "/static/app.js"):
        csp = httpx.get(url + path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_api_review_reject_edit_recode_and_export(served, tmp_path):
    db, url, proc = served
    kdh = event_of(url, "kandahar")["event_id"]
    mog = event_of(url, "mogadishu")["event_id"]
    r = httpx.post(f"{url}/events/{mog}/review", json={"action": "reject", "reviewer": "ann"}, headers=AUTH)
    assert r.status_code == 200 and r.json()["reviewer"] == "ann" and r.json()["at"]
    r = httpx.post(f"{url}/events/{kdh}/review", json={"action": "edit", "fields": {"fatalities": 6, "location": "Kandahar City"},
                                                      "reviewer": "bob"}, headers=AUTH)
    assert r.status_code == 200, r.text
    httpx.post(f"{url}/events/{kdh}/review", json={"action": "accept", "reviewer": "bob"}, headers=AUTH)

    def check():
        ids = [e["event_id"] for e in httpx.get(f"{url}/events", params={"limit": 100}).json()["items"]]
        assert mog not in ids and kdh in ids
        assert [e["event_id"] for e in httpx.get(f"{url}/events", params={"reviewed_only": "true"}).json()["items"]] == [kdh]
        exported = [json.loads(x) for x in httpx.get(f"{url}/export", params={"format": "jsonl"}).text.splitlines()]
        assert [e["event_id"] for e in exported] == [kdh] and exported[0]["fatalities"] == 6
        assert exported[0]["location"] == "Kandahar City"
        assert sum(c["n"] for c in httpx.get(f"{url}/map", params={"zoom": 1}).json()["cells"]) == 1
        weeks = httpx.get(f"{url}/timeline").json()["weeks"]
        assert sum(w["events"] for w in weeks) == 1 and sum(w["fatalities"] for w in weeks) == 6
        d = httpx.get(f"{url}/events/{mog}").json()  # a rejected event keeps its page
        assert d["review_status"] == "rejected" and d["history"]["reviews"][-1]["reviewer"] == "ann"

    check()
    # recoding both documents rewrites their events from the coder's output: the decisions hold
    r = httpx.post(f"{url}/documents", json={"documents": ARTICLES}, headers=AUTH, timeout=120)
    assert r.status_code == 200 and sorted(r.json()["event_ids"]) == sorted([kdh, mog])
    check()
    stop(proc)
    out = tmp_path / "all.jsonl"
    subprocess.run([CLI, "export", "--db", str(db), "-o", str(out)], check=True, capture_output=True)
    assert [json.loads(x)["event_id"] for x in out.read_text().splitlines()] == [kdh]
    subprocess.run([CLI, "export", "--db", str(db), "--reviewed-only", "-o", str(out)], check=True, capture_output=True)
    assert [json.loads(x)["fatalities"] for x in out.read_text().splitlines()] == [6]
    shown = subprocess.run([CLI, "history", mog, "--db", str(db)], check=True, capture_output=True, text=True).stdout
    assert "reviews:" in shown and "reject" in shown and "by ann" in shown
    shown = subprocess.run([CLI, "history", kdh, "--db", str(db)], check=True, capture_output=True, text=True).stdout
    assert "fatalities=6" in shown and "by bob" in shown


MORE = [*ARTICLES,
        {"doc_id": "mogadishu-2", "published": "2020-02-10", "source": "Wire C",
         "text": "Seven civilians were killed when a car bomb exploded outside a hotel in Mogadishu, Somalia, on Sunday.\n"}]


@pytest.mark.parametrize("kind", ["duckdb", "postgres"])
def test_api_review_merge_and_split_survive_recoding(kind, store_url):
    db = store_url(kind)
    proc, url = start(db)
    try:
        r = httpx.post(f"{url}/documents", json={"documents": MORE}, headers=AUTH, timeout=120)
        assert r.status_code == 200, r.text
        mog = event_of(url, "mogadishu")
        assert sorted(s["doc_id"] for s in mog["sources"]) == ["mogadishu", "mogadishu-2"]  # the coder merged them
        kdh = event_of(url, "kandahar")["event_id"]
        mid = mog["event_id"]
        target = f"{url}/events/{mid}/review"
        # the structural writes pass the same checks as the others
        assert httpx.post(target, json={"action": "split", "fields": {"doc_id": "mogadishu-2"}}).status_code == 401
        cross = httpx.post(target, json={"action": "split", "fields": {"doc_id": "mogadishu-2"}},
                           headers={**AUTH, "Origin": "http://evil.example"})
        assert cross.status_code == 401
        assert httpx.post(target, json={"action": "split", "fields": {"doc_id": "nope"}}, headers=AUTH).status_code == 400
        assert httpx.post(target, json={"action": "merge", "fields": {"into": "nope"}}, headers=AUTH).status_code == 404

        # split the second wire's report out of the Mogadishu event
        r = httpx.post(target, json={"action": "split", "fields": {"doc_id": "mogadishu-2"}, "reviewer": "cy"}, headers=AUTH)
        assert r.status_code == 200, r.text
        new = r.json()["fields"]["new_id"]
        # merge the Kandahar event into the Mogadishu one (an analyst's call, whatever the coder thought)
        r = httpx.post(f"{url}/events/{kdh}/review", json={"action": "merge", "fields": {"into": mid}, "reviewer": "di"},
                       headers=AUTH)
        assert r.status_code == 200 and r.json()["event_id"] == mid, r.text

        def check():
            items = httpx.get(f"{url}/events", params={"limit": 100}).json()["items"]
            by_id = {e["event_id"]: sorted({s["doc_id"] for s in e["sources"]}) for e in items}
            assert by_id == {mid: ["kandahar", "mogadishu"], new: ["mogadishu-2"]}
            gone = httpx.get(f"{url}/events/{kdh}", follow_redirects=False)
            assert gone.status_code == 307 and gone.headers["location"].endswith(f"/events/{mid}")
            exported = [json.loads(x)["event_id"] for x in httpx.get(f"{url}/export", params={"format": "jsonl"}).text.splitlines()]
            assert sorted(exported) == sorted([mid, new])
            h = httpx.get(f"{url}/events/{mid}").json()["history"]
            actions = [(rv["action"], rv["reviewer"]) for rv in h["reviews"]]
            assert ("split", "cy") in actions and ("merge", "di") in actions
            assert kdh in h["aliases"]
            assert httpx.get(f"{url}/events/{new}").json()["event"]["event_id"] == new

        check()
        # recoding every document rewrites the events from the coder's output: merge and split hold
        r = httpx.post(f"{url}/documents", json={"documents": MORE}, headers=AUTH, timeout=120)
        assert r.status_code == 200, r.text
        check()
        for doc in MORE:  # and one document at a time
            assert httpx.post(f"{url}/documents", json={"documents": [doc]}, headers=AUTH, timeout=120).status_code == 200
            check()
    finally:
        stop(proc)
    shown = subprocess.run([CLI, "history", mid, "--db", str(db)], check=True,
                           capture_output=True, text=True).stdout
    assert "split" in shown and "merge" in shown and "by cy" in shown and "by di" in shown
