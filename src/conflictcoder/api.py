"""The REST API (`conflictcoder serve`): FastAPI over one store, OpenAPI at /docs.

    GET  /events            filters, limit, cursor pagination, sorting: {"items": [...], "next": cursor|null}
    GET  /events/{id}       the record, its sources with their evidence, its history; an id merged
                            into another redirects (307) to the survivor
    GET  /stats             events and fatalities by month, country, type or sub_type
    GET  /export?format=    the events in an export format, streamed
    POST /documents         code new articles into the store (Authorization: Bearer TOKEN)
    POST /events/{id}/review   an analyst's decision: accept, reject, edit fields, clear, merge, split (TOKEN)
    GET  /map, /timeline    the dashboard's aggregates: map cells by zoom, events per week
    GET  /, /event/{id}     the dashboard and an event's page (static files, web/static)

Filters leave rejected events out everywhere; `reviewed_only=true` keeps only accepted ones.
Every answer carries a strict Content-Security-Policy (scripts, styles and data from this origin
only; /docs excepted, which FastAPI draws with its own inline script). Writes need the token in
an Authorization header (which a browser never adds by itself), a JSON body, and, when the
browser says where the request came from (Origin, Sec-Fetch-Site), this origin: a cross-site
page cannot forge a review.

Every error answers {"error": {"code", "message", "fix", "status"}}. CORS is off: no
cross-origin headers are sent. Without a token the API is read-only, and a DuckDB store is
opened read-only (other readers may share it).

Reads are answered from a `ReadModel` of the store held in memory (built at start-up, rebuilt
when the store's revision moves: after POST /documents, or another writer of a PostgreSQL
store); the answers are the store's own, byte for byte in content.
"""
# No `from __future__ import annotations` here: FastAPI and pydantic read these annotations at
# run time. This module is imported only by `serve` (and tests), so FastAPI loads only then.
import hmac
import threading
from datetime import date
from typing import Literal, Optional

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import errors
from .export import FORMATS
from .store.filters import Filters
from .store.readmodel import ReadModel

SORT_KEYS = Literal["event_date", "-event_date", "fatalities", "-fatalities", "confidence", "-confidence",
                    "event_id", "-event_id"]
GROUPS = Literal["month", "country", "type", "sub_type"]
MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "acled-csv": "text/csv", "ucdp-csv": "text/csv",
         "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}


def error_body(code: str, message: str, status: int, fix: Optional[str] = None) -> dict:
    return {"error": {"code": code, "message": message, "fix": fix, "status": status}}


def create_app(db: str, token: Optional[str] = None, options=None) -> FastAPI:
    """The API over the store at `db`. `token`: what POST /documents needs; None: read-only."""
    from . import __version__
    from .store import open_store

    store = open_store(db, read_only=token is None)
    lock = threading.Lock()  # one store connection: requests take turns on it
    app = FastAPI(title="conflictcoder", version=__version__,
                  description="Political-violence events coded from news articles (ACLED-style records).")
    app.state.store = store
    snapshot = Snapshot(store, lock)
    snapshot.rebuild()

    from .web import STATIC, vendored

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        if request.url.path not in DOCS_PATHS:
            response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.on_event("shutdown")
    def close_store() -> None:
        store.close()

    # -- errors: one shape --------------------------------------------------------------------

    @app.exception_handler(errors.ConflictCoderError)
    def on_error(request: Request, exc: errors.ConflictCoderError):
        status = getattr(exc, "status", None) or (
            400 if isinstance(exc, errors.QueryError) else 503 if isinstance(exc, errors.StoreBusy)
            else 422 if isinstance(exc, errors.InputError) else 500)
        return JSONResponse(error_body(exc.code, exc.message, status, exc.fix), status_code=status)

    @app.exception_handler(StarletteHTTPException)
    def on_http(request: Request, exc: StarletteHTTPException):
        code = {404: errors.NotFound.code, 401: errors.AuthError.code, 403: errors.AuthError.code}.get(
            exc.status_code, errors.RequestError.code)
        return JSONResponse(error_body(code, str(exc.detail), exc.status_code), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    def on_invalid(request: Request, exc: RequestValidationError):
        parts = ["{}: {}".format(".".join(str(x) for x in e.get("loc", ())), e.get("msg", "")) for e in exc.errors()]
        return JSONResponse(error_body(errors.RequestError.code, "; ".join(parts), 422,
                                       "See the parameters at /docs."), status_code=422)

    @app.exception_handler(Exception)
    def on_crash(request: Request, exc: Exception):
        return JSONResponse(error_body("E000", f"internal error: {type(exc).__name__}", 500,
                                       "See the server log."), status_code=500)

    # -- parameters -----------------------------------------------------------------------------

    def filters(country: Optional[str] = Query(None, description="ISO3 code", max_length=60),
                admin1: Optional[str] = Query(None, max_length=200),
                since: Optional[date] = Query(None, description="YYYY-MM-DD"),
                until: Optional[date] = Query(None, description="YYYY-MM-DD"),
                type: Optional[str] = Query(None, description="ACLED event type", max_length=100),
                sub_type: Optional[str] = Query(None, description="ACLED sub-event type", max_length=100),
                actor: Optional[str] = Query(None, description="part of actor1 or actor2", max_length=200),
                min_fatalities: Optional[int] = Query(None, ge=0, le=10**9),
                bbox: Optional[str] = Query(None, description="min_lon,min_lat,max_lon,max_lat", max_length=200),
                min_confidence: Optional[float] = Query(None, ge=0, le=1),
                reviewed_only: bool = Query(False, description="only events an analyst accepted")) -> Filters:
        return Filters.of(country=country, admin1=admin1, since=since, until=until, event_type=type,
                          sub_event_type=sub_type, actor=actor, min_fatalities=min_fatalities, bbox=bbox,
                          min_confidence=min_confidence, review="accepted" if reviewed_only else None)

    class EventPage(BaseModel):
        items: list[dict]
        next: Optional[str] = Field(None, description="the cursor of the next page; null after the last")

    class EventDetail(BaseModel):
        event: dict
        sources: list[dict]
        history: dict
        review_status: Optional[str] = Field(None, description="accepted, rejected or null")
        texts: dict = Field(default_factory=dict, description="doc_id -> the clean text the offsets index")

    class Review(BaseModel):
        action: Literal["accept", "reject", "edit", "clear", "merge", "split"]
        fields: dict = Field(default_factory=dict, description="for edit: event_type, sub_event_type, "
                             "event_date, iso3, country, admin1, location, latitude, longitude, actor1, "
                             "actor2, fatalities, notes; for merge: into (the event this one joins); "
                             "for split: doc_id (the source taken out into an event of its own)")
        reviewer: str = Field("analyst", min_length=1, max_length=200)
        note: Optional[str] = Field(None, max_length=2000)

    class StatsRow(BaseModel):
        key: str
        events: int
        fatalities: int

    class Stats(BaseModel):
        by: str
        rows: list[StatsRow]

    class Article(BaseModel):
        doc_id: str = Field(..., min_length=1, max_length=500)
        text: Optional[str] = None
        html: Optional[str] = None
        published: Optional[date] = None
        source: Optional[str] = None
        url: Optional[str] = None
        title: Optional[str] = None

    class Articles(BaseModel):
        documents: list[Article] = Field(..., min_length=1, max_length=1000)

    class Coded(BaseModel):
        documents: int
        event_ids: list[str]
        failures: list[dict]

    # -- reading --------------------------------------------------------------------------------

    @app.get("/events", response_model=EventPage, summary="Events, filtered, sorted and paginated")
    async def list_events(f: Filters = Depends(filters), limit: int = Query(50, ge=1, le=1000),
                          cursor: Optional[str] = Query(None, max_length=2000),
                          sort: SORT_KEYS = Query("event_date")):
        model = await snapshot.model()
        return Response(model.page_json(f, limit, sort, cursor), media_type="application/json")

    @app.get("/events/{event_id}", response_model=EventDetail, summary="One event: record, sources, history",
             responses={307: {"description": "the id was merged into another event"}, 404: {"description": "unknown"}})
    async def get_event(event_id: str, request: Request):
        import orjson

        h = (await snapshot.model()).history(event_id)
        if h is None or h["event_id"] is None:
            raise errors.NotFound(f"no event {event_id}",
                                  fix="List events at /events; an event recoded away leaves no record.")
        if h["event_id"] != event_id:
            return RedirectResponse(str(request.url_for("get_event", event_id=h["event_id"])), status_code=307)
        record = h["record"]
        doc_ids = sorted({x["doc_id"] for x in record.get("sources", [])})
        with lock:
            texts = {d: store.document_text(d) for d in doc_ids}
            status = store.fetch("SELECT review_status FROM events WHERE event_id = ?", [h["event_id"]])
        return Response(orjson.dumps({"event": record, "sources": record.get("sources", []),
                                      "history": {"reports": h["reports"], "log": h["log"], "aliases": h["aliases"],
                                                  "reviews": h["reviews"]},
                                      "review_status": status[0][0] if status else None, "texts": texts}),
                        media_type="application/json")

    @app.get("/map", summary="The dashboard's map: events gathered into cells by zoom (at most `limit` cells)")
    async def get_map(f: Filters = Depends(filters), zoom: int = Query(2, ge=0, le=18),
                      limit: int = Query(4000, ge=1, le=5000)):
        model = await snapshot.model()
        return {"zoom": zoom, "cells": model.grid(f, zoom, limit)}

    @app.get("/timeline", summary="Events and fatalities per week (Monday first)")
    async def get_timeline(f: Filters = Depends(filters)):
        return {"weeks": (await snapshot.model()).weekly(f)}

    # -- the dashboard ------------------------------------------------------------------------------

    def page(name: str) -> Response:
        if not vendored():
            raise errors.NotFound("the dashboard's scripts and map data are not installed",
                                  fix="Run `make setup` (or `python -m conflictcoder.web.vendor`).")
        return Response((STATIC / name).read_bytes(), media_type="text/html; charset=utf-8")

    @app.get("/", include_in_schema=False)
    def dashboard():
        return page("index.html")

    @app.get("/event/{event_id}", include_in_schema=False)
    def event_page(event_id: str):
        return page("event.html")

    @app.get("/static/{path:path}", include_in_schema=False)
    def static(path: str):
        target = (STATIC / path).resolve()
        if STATIC not in target.parents or not target.is_file():
            raise errors.NotFound(f"no file {path}", fix="The dashboard's files are under /static/.")
        kinds = {".js": "text/javascript", ".css": "text/css", ".png": "image/png",
                 ".geojson": "application/geo+json", ".txt": "text/plain"}
        return Response(target.read_bytes(), media_type=kinds.get(target.suffix, "application/octet-stream"),
                        headers={"Cache-Control": "max-age=3600"})

    @app.get("/stats", response_model=Stats, summary="Events and fatalities by month, country, type or sub_type")
    async def get_stats(f: Filters = Depends(filters), by: GROUPS = Query("month")):
        rows = (await snapshot.model()).stats(f, by)
        out = []
        for r in rows:
            keys = [v for k, v in r.items() if k not in ("events", "fatalities")]
            out.append({"key": " ".join(str(k) for k in keys if k) or "(none)", "events": r["events"],
                        "fatalities": r["fatalities"]})
        return {"by": by, "rows": out}

    @app.get("/export", summary="The events in an export format, streamed",
             responses={200: {"content": {m: {} for m in set(MEDIA.values())}}})
    def export(f: Filters = Depends(filters), format: Literal[FORMATS] = Query("jsonl")):  # type: ignore[valid-type]
        if format == "parquet":
            return StreamingResponse(parquet_bytes(f), media_type=MEDIA[format],
                                     headers={"Content-Disposition": 'attachment; filename="events.parquet"'})
        return StreamingResponse(text_chunks(f, format), media_type=MEDIA[format])

    def records(f: Filters):
        cursor = None
        while True:
            with lock:
                items, cursor = store.page(f, 1000, "event_date", cursor)
            yield from items
            if cursor is None:
                return

    def text_chunks(f: Filters, fmt: str):
        return streamed_text(records(f), fmt)

    def parquet_bytes(f: Filters):
        import os
        import tempfile

        from .export import write_parquet

        fd, path = tempfile.mkstemp(suffix=".parquet")
        os.close(fd)
        try:
            write_parquet(records(f), path)
            with open(path, "rb") as fh:
                while chunk := fh.read(1 << 16):
                    yield chunk
        finally:
            os.unlink(path)

    # -- writing --------------------------------------------------------------------------------

    def authorised(authorization: Optional[str] = Header(None, description="Bearer TOKEN")) -> None:
        if token is None:
            raise errors.AuthError("this server takes no documents: it was started without a token",
                                   fix="Start it with `conflictcoder serve --token TOKEN`.")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise errors.AuthError("a missing or wrong token", fix="Send 'Authorization: Bearer TOKEN'.")

    def same_origin(request: Request, content_type: Optional[str] = Header(None)) -> None:
        """CSRF defence for writes: a JSON body, and no other site as the request's origin."""
        if (content_type or "").split(";")[0].strip().lower() != "application/json":
            raise errors.AuthError("writes take a JSON body (Content-Type: application/json)",
                                   fix="Send the body as JSON.")
        origin = request.headers.get("origin")
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin is not None and origin != own:
            raise errors.AuthError(f"a write from another origin ({origin[:100]}) is refused",
                                   fix="Review events from this server's own pages.")
        if request.headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
            raise errors.AuthError("a cross-site write is refused", fix="Review events from this server's own pages.")

    @app.post("/events/{event_id}/review", dependencies=[Depends(authorised), Depends(same_origin)],
              summary="An analyst's decision on an event: accept, reject, edit fields, clear, merge into another, "
                      "split a source out (needs the token)")
    def post_review(event_id: str, body: Review):
        from .service import review

        with lock:
            done = review(store, event_id, body.action, body.fields, body.reviewer, body.note)
        snapshot.rebuild()  # reads after this answer see the decision
        return done

    @app.post("/documents", response_model=Coded, dependencies=[Depends(authorised)],
              summary="Code articles into the store (needs the server's token)")
    def post_documents(body: Articles):
        from .records import Document
        from .service import code_into

        docs = [Document(doc_id=a.doc_id, text=a.text, html=a.html, published=a.published, source=a.source,
                         url=a.url, title=a.title, path=f"POST /documents {a.doc_id}") for a in body.documents]
        with lock:
            report = code_into(store, docs, options)
        snapshot.rebuild()  # reads after this answer see the new events (none races a stale model)
        return {"documents": report.documents, "event_ids": report.event_ids,
                "failures": [{"doc_id": x.doc_id, "code": x.code, "reason": x.reason} for x in report.failures]}

    return app


CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc", "/docs/oauth2-redirect")


class Snapshot:
    """The read model of the API's store, current as of the store's last committed change."""

    def __init__(self, store, lock: threading.Lock):
        self.store, self.lock = store, lock
        self.current: Optional[ReadModel] = None

    async def model(self) -> ReadModel:
        """The read model; rebuilt (off the event loop) when the store has changed. While a
        write holds the store, the last snapshot answers: the write has not committed yet."""
        current = self.current
        if current is not None:
            if not self.lock.acquire(blocking=False):
                return current
            try:
                if self.store.revision() == current.revision:
                    return current
            finally:
                self.lock.release()
        return await run_in_threadpool(self.rebuild)

    def rebuild(self) -> ReadModel:
        with self.lock:
            current = self.current
            if current is None or self.store.revision() != current.revision:
                self.current = current = ReadModel.load(self.store)
            return current


class _Stop(Exception):
    pass


def streamed_text(records, fmt: str, piece: int = 1 << 16):
    """Run a text export writer in a thread and hand out what it writes, 64 KiB at a time, as
    it writes it (a client that goes away stops the writer)."""
    import queue

    from .export import write_text

    q: queue.Queue = queue.Queue(maxsize=8)
    stop = threading.Event()

    def put(item) -> None:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Stop

    class Pieces:
        def __init__(self):
            self.parts: list[str] = []
            self.size = 0

        def write(self, text: str) -> int:
            self.parts.append(text)
            self.size += len(text)
            if self.size >= piece:
                self.flush()
            return len(text)

        def flush(self) -> None:
            if self.parts:
                put("".join(self.parts))
            self.parts, self.size = [], 0

    def run() -> None:
        out = Pieces()
        try:
            write_text(records, fmt, out)
            out.flush()
            put(None)
        except _Stop:
            return
        except BaseException as exc:  # handed to the response, which ends the stream
            try:
                put(exc)
            except _Stop:
                return

    threading.Thread(target=run, daemon=True, name="export").start()
    try:
        while True:
            item = q.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
