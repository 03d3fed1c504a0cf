"""The REST API against a live `conflictcoder serve` on loopback, with httpx; then schemathesis
over its OpenAPI schema. The store is built by hand (test_cli_query's events) plus an alias."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conflictcoder.records import Document
from conflictcoder.service import save_document
from conflictcoder.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg_server import free_port  # noqa: E402
from test_cli_query import EVENTS, make  # noqa: E402

TOKEN = "s3cret-token"
ARTICLE = ("Gunmen killed five soldiers in an ambush near Kandahar, Afghanistan, on Tuesday, officials said.\n"
           "The attackers fled into the hills after the fighting, a provincial spokesman said.\n")


def build(path: Path) -> None:
    from datetime import date

    with open_store(path) as s:
        for e in EVENTS:
            save_document(s, Document(doc_id=f"doc-{e.event_id}", text="x"), [e])
        # a second report of ml1 from another outlet, under its own id: it joins ml1
        again = make("ml1-again", date(2024, 3, 20), "MLI", "Mali", "Mopti", 14.5, -4.2, 12, actor2="JNIM")
        save_document(s, Document(doc_id="doc-ml1-again", text="x"), [again])


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode())
        try:
            httpx.get(url + "/openapi.json", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("the server did not come up")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "events.duckdb"
    build(db)
    port = free_port()
    exe = Path(sys.executable).with_name("conflictcoder")
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)],
                            env=dict(os.environ, CONFLICTCODER_TOKEN=TOKEN), stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fix", "status"}
    assert body["error"]["code"] == code and body["error"]["status"] == status and body["error"]["message"]


def test_api_events_filters_and_pages(server):
    all_ids = []
    url, params = f"{server}/events", {"limit": 2}
    while True:
        page = httpx.get(url, params=params).json()
        assert set(page) == {"items", "next"} and len(page["items"]) <= 2
        all_ids += [r["event_id"] for r in page["items"]]
        if page["next"] is None:
            break
        params = {"limit": 2, "cursor": page["next"]}
    assert all_ids == ["af1", "ml1", "af2", "so1"]  # by date, the undated last
    afg = httpx.get(url, params={"country": "AFG", "sort": "-fatalities"}).json()["items"]
    assert [r["event_id"] for r in afg] == ["af1", "af2"]
    boxed = httpx.get(url, params={"bbox": "-10,10,0,20", "min_fatalities": 10}).json()["items"]
    assert [r["event_id"] for r in boxed] == ["ml1"] and len(boxed[0]["sources"]) == 2


def test_api_event_detail_and_alias_redirect(server):
    detail = httpx.get(f"{server}/events/ml1").json()
    assert detail["event"]["event_id"] == "ml1"
    assert sorted(s["doc_id"] for s in detail["sources"]) == ["doc-ml1", "doc-ml1-again"]
    assert all(s["sentence"] for s in detail["sources"])
    assert [r["doc_id"] for r in detail["history"]["reports"]] == ["doc-ml1", "doc-ml1-again"]
    moved = httpx.get(f"{server}/events/ml1-again")
    assert moved.status_code == 307 and moved.headers["location"].endswith("/events/ml1")
    assert httpx.get(f"{server}/events/ml1-again", follow_redirects=True).json()["event"]["event_id"] == "ml1"
    assert_error(httpx.get(f"{server}/events/nope"), 404, "E801")


def test_api_stats(server):
    body = httpx.get(f"{server}/stats", params={"by": "country"}).json()
    assert body["by"] == "country"
    assert {r["key"]: (r["events"], r["fatalities"]) for r in body["rows"]}["MLI Mali"] == (1, 12)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "acled-csv", "ucdp-csv", "geojson", "parquet"])
def test_api_export_streams_every_format(server, fmt, tmp_path):
    import io

    import pandas as pd

    with httpx.stream("GET", f"{server}/export", params={"format": fmt, "country": "AFG"}) as r:
        assert r.status_code == 200
        assert "transfer-encoding" in r.headers  # streamed, not sized up front
        body = b"".join(r.iter_bytes())
    if fmt == "parquet":
        assert len(pd.read_parquet(io.BytesIO(body))) == 2
    elif fmt == "geojson":
        import json

        assert len(json.loads(body)["features"]) == 2
    elif fmt == "jsonl":
        assert len(body.decode().splitlines()) == 2
    else:
        assert len(pd.read_csv(io.BytesIO(body))) == (1 if fmt == "ucdp-csv" else 2)


def test_api_errors_share_one_shape(server):
    assert_error(httpx.get(f"{server}/events", params={"since": "yesterday"}), 422, "E803")
    assert_error(httpx.get(f"{server}/events", params={"bbox": "1,2"}), 400, "E603")
    assert_error(httpx.get(f"{server}/events", params={"cursor": "garbage!"}), 400, "E603")
    assert_error(httpx.get(f"{server}/export", params={"format": "xlsx"}), 422, "E803")
    assert_error(httpx.get(f"{server}/no/such/route"), 404, "E801")
    assert_error(httpx.delete(f"{server}/events"), 405, "E803")
    assert_error(httpx.post(f"{server}/documents", json={"documents": [{"doc_id": "a", "text": "x"}]}), 401, "E802")
    assert_error(httpx.post(f"{server}/documents", json={"documents": [{"doc_id": "a", "text": "x"}]},
                            headers={"Authorization": "Bearer wrong"}), 401, "E802")


def test_api_sends_no_cors_headers(server):
    r = httpx.get(f"{server}/events", headers={"Origin": "https://elsewhere.example"})
    assert not any(h.lower().startswith("access-control-") for h in r.headers)
    pre = httpx.options(f"{server}/events", headers={"Origin": "https://elsewhere.example",
                                                     "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers


def test_api_post_documents_codes_into_the_store(server):
    r = httpx.post(f"{server}/documents", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120,
                   json={"documents": [{"doc_id": "kandahar-new", "text": ARTICLE, "published": "2019-03-14",
                                        "source": "Test Wire"}]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["documents"] == 1 and body["failures"] == [] and len(body["event_ids"]) >= 1
    stored = httpx.get(f"{server}/events/{body['event_ids'][0]}").json()
    assert stored["event"]["iso3"] == "AFG" and stored["event"]["fatalities"] == 5
    assert "kandahar-new" in [s["doc_id"] for s in stored["sources"]]


def test_api_openapi_schema_passes_schemathesis(server):
    """schemathesis over every GET operation (bounded examples): no 5xx, responses match the
    schema, errors are JSON."""
    done = subprocess.run([str(Path(sys.executable).with_name("schemathesis")), "run", f"{server}/openapi.json",
                           "--max-examples", "25", "--checks", "not_a_server_error,response_schema_conformance",
                           "--include-method", "GET", "--no-color", "--seed", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
