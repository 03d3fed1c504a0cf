"""What DuckDB and PostgreSQL stores share: the tables and every query, in SQL both understand.

Tables:
- documents: one row a coded document.
- doc_events: the per-document events (what the within-document merge made of one article), the
  unit of truth: their JSON record and the merged event (`event_id`) each belongs to.
- events: the merged events, a maintained table: one row a real event, its record built from its
  per-document events, with the columns blocking, filters and analysts use.
- sources: the evidence sentences of the merged events.
- aliases: ids of events merged into another, and the id that survived.
- merge_log: what happened to each event (created, joined, removed, absorbed), for `history`.
- failures: inputs that could not be coded: where, the doc_id, the error code, the reason, and the
  stage that failed.
- texts: the clean text of each coded document (what the evidence offsets index), for the
  dashboard's event page.
- reviews: analysts' decisions (accept, reject, edit fields), kept apart from the coder's output,
  with who and when; re-applied to the merged event each time it is rewritten (`_reapply_reviews`),
  so they survive recoding. `events.review_status` is the latest accept/reject.
- watched: what `conflictcoder watch` has taken in (a file and the hash of its content, a feed
  item), so that nothing is coded twice across restarts.

Queries are written with `?` placeholders; a subclass turns them into its driver's (`_sql`) and
runs them (`_rows`, `_one`, `_exec`, `_insert`).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

from .base import StoredCluster, Writes
from .filters import SORTS, Filters, decode_cursor, encode_cursor, parse_sort

JSON_TYPE = "JSON"  # PostgreSQL: JSONB

EVENT_COLUMNS = ["event_id", "seq", "event_date", "event_type", "sub_event_type", "iso3", "admin1",
                 "location", "latitude", "longitude", "fatalities", "n_docs", "family", "lo", "hi",
                 "record", "country", "actor1", "actor2", "confidence", "updated_at"]
# columns added to the events table after its first layout: (name, type, value from the record)
ADDED_EVENT_COLUMNS = [
    ("country", "VARCHAR", "record->>'country'"),
    ("actor1", "VARCHAR", "record->>'actor1'"),
    ("actor2", "VARCHAR", "record->>'actor2'"),
    ("confidence", "DOUBLE PRECISION", "CAST(record->>'confidence' AS DOUBLE PRECISION)"),
    ("updated_at", "TIMESTAMP", "NULL"),
    ("review_status", "VARCHAR", "NULL"),
]
# what an analyst may edit: record field -> events column (None: only in the record)
EDITABLE = {"event_type": "event_type", "sub_event_type": "sub_event_type", "event_date": "event_date",
            "iso3": "iso3", "country": "country", "admin1": "admin1", "location": "location",
            "latitude": "latitude", "longitude": "longitude", "actor1": "actor1", "actor2": "actor2",
            "fatalities": "fatalities", "notes": None}
REVIEW_ACTIONS = ("accept", "reject", "edit", "clear", "merge", "split")
STRUCTURAL = ("merge", "split")  # decisions that move per-document events between merged events


def schema(json_type: str) -> list[str]:
    return [
        """CREATE TABLE IF NOT EXISTS documents (
            doc_id VARCHAR PRIMARY KEY, source VARCHAR, url VARCHAR, title VARCHAR,
            published DATE, path VARCHAR, n_events INTEGER, coded_at TIMESTAMP)""",
        f"""CREATE TABLE IF NOT EXISTS doc_events (
            doc_event_id VARCHAR, doc_id VARCHAR, event_id VARCHAR, seq BIGINT, record {json_type},
            PRIMARY KEY (doc_id, doc_event_id))""",
        f"""CREATE TABLE IF NOT EXISTS events (
            event_id VARCHAR PRIMARY KEY, seq BIGINT, event_date DATE, event_type VARCHAR,
            sub_event_type VARCHAR, iso3 VARCHAR, admin1 VARCHAR, location VARCHAR,
            latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, fatalities INTEGER, n_docs INTEGER,
            family VARCHAR, lo INTEGER, hi INTEGER, record {json_type}, country VARCHAR,
            actor1 VARCHAR, actor2 VARCHAR, confidence DOUBLE PRECISION, updated_at TIMESTAMP)""",
        """CREATE TABLE IF NOT EXISTS sources (
            event_id VARCHAR, doc_id VARCHAR, sentence VARCHAR, start_char INTEGER, end_char INTEGER)""",
        """CREATE TABLE IF NOT EXISTS aliases (
            alias_id VARCHAR PRIMARY KEY, event_id VARCHAR, merged_at TIMESTAMP)""",
        """CREATE TABLE IF NOT EXISTS merge_log (
            seq BIGINT, logged_at TIMESTAMP, action VARCHAR, event_id VARCHAR, other_id VARCHAR,
            doc_id VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS failures (
            location VARCHAR, doc_id VARCHAR, code VARCHAR, reason VARCHAR, seen_at TIMESTAMP,
            stage VARCHAR)""",
        "ALTER TABLE failures ADD COLUMN IF NOT EXISTS stage VARCHAR",  # stores from before issue 16
        """CREATE TABLE IF NOT EXISTS texts (doc_id VARCHAR PRIMARY KEY, text VARCHAR)""",
        f"""CREATE TABLE IF NOT EXISTS reviews (
            review_id BIGINT, event_id VARCHAR, action VARCHAR, fields {json_type}, reviewer VARCHAR,
            reviewed_at TIMESTAMP, note VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS watched (
            key VARCHAR PRIMARY KEY, fingerprint VARCHAR, doc_id VARCHAR, seen_at TIMESTAMP)""",
    ]


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def storable(value: str | None) -> str | None:
    """A string the stores accept: lone surrogates (a file name that is not UTF-8) escaped."""
    if value is None or not any("\ud800" <= ch <= "\udfff" for ch in value):
        return value
    try:
        raw = value.encode("utf-8", "surrogateescape")  # the bytes of a name that is not UTF-8
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def check_edits(fields: dict) -> dict:
    """The fields of an edit, checked: only EDITABLE names, values of the right kind."""
    from datetime import date

    from .. import errors

    out = {}
    for k, v in fields.items():
        if k not in EDITABLE:
            raise errors.QueryError(f"field {k!r} cannot be edited", fix=f"Edit one of {', '.join(EDITABLE)}.")
        if v is not None and k == "event_date":
            try:
                v = date.fromisoformat(str(v)).isoformat()
            except ValueError as exc:
                raise errors.QueryError(f"event_date {v!r} is not a date", fix="Give YYYY-MM-DD.") from exc
        elif v is not None and k == "fatalities":
            if isinstance(v, bool) or not isinstance(v, (int, str)) or not str(v).isdigit():
                raise errors.QueryError(f"fatalities {v!r} is not a count", fix="Give a whole number >= 0.")
            v = int(v)
        elif v is not None and k in ("latitude", "longitude"):
            try:
                v = float(v)
            except (TypeError, ValueError) as exc:
                raise errors.QueryError(f"{k} {v!r} is not a number", fix="Give decimal degrees.") from exc
            if not (-90 <= v <= 90 if k == "latitude" else -180 <= v <= 180):
                raise errors.QueryError(f"{k} {v} is off the globe", fix="Latitude -90..90, longitude -180..180.")
        elif v is not None:
            v = str(v)[:500]
        out[k] = v
    return out


def review_dict(row, json_out) -> dict:
    review_id, event_id, action, fields, reviewer, at, note = row
    return {"review_id": review_id, "event_id": event_id, "action": action, "fields": json_out(fields) or {},
            "reviewer": reviewer, "at": at.isoformat(sep=" ", timespec="seconds") if at else None, "note": note}


def sort_sql(sort: str) -> tuple[str, bool, str]:
    key, desc = parse_sort(sort)
    return SORTS[key][0], desc, key


class SQLStore:
    """Every query of a store, over a driver the subclass provides."""

    url: str
    read_only: bool = False

    # -- driver (subclasses) --------------------------------------------------------------------

    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        raise NotImplementedError

    def _exec(self, sql: str, params: Iterable = ()) -> None:
        raise NotImplementedError

    def _insert(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        raise NotImplementedError

    @staticmethod
    def _json_in(value: dict):
        return json.dumps(value, ensure_ascii=False)

    @staticmethod
    def _json_out(value) -> dict:
        return json.loads(value) if isinstance(value, (str, bytes)) else value

    def fetch(self, sql: str, params: Iterable = ()) -> list[tuple]:
        """Rows of a query on the store's tables, with `?` placeholders (for analysts and tests)."""
        return self._rows(sql, params)

    def _one(self, sql: str, params: Iterable = ()):
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Iterable = ()):
        row = self._one(sql, params)
        return row[0] if row else None

    # -- writing --------------------------------------------------------------------------------

    def nearby(self, doc_id: str, profiles: list) -> list[str]:
        return [r[0] for r in self._rows(
            "SELECT event_id FROM doc_events WHERE doc_id = ? UNION "
            "SELECT event_id FROM events, (SELECT unnest(?::VARCHAR[]) AS q_iso3, unnest(?::VARCHAR[]) AS q_family,"
            " unnest(?::INTEGER[]) AS q_lo, unnest(?::INTEGER[]) AS q_hi) AS q "
            "WHERE iso3 = q_iso3 AND family = q_family AND hi >= q_lo AND lo <= q_hi",
            [doc_id, [p.iso3 for p in profiles], [p.family for p in profiles], [p.lo for p in profiles],
             [p.hi for p in profiles]])]

    def clusters(self, event_ids: list[str]) -> list[StoredCluster]:
        from ..merge_across import event_from_record

        if not event_ids:
            return []
        out: dict[str, StoredCluster] = {}
        for cid, cseq, mseq, record in self._rows(
                "SELECT d.event_id, e.seq, d.seq, d.record FROM doc_events d JOIN events e USING (event_id) "
                "WHERE d.event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY d.seq", [sorted(event_ids)]):
            c = out.setdefault(cid, StoredCluster(cid, cseq, []))
            c.members.append((mseq, event_from_record(self._json_out(record))))
        return list(out.values())

    def apply(self, w: Writes) -> None:
        doc, now = w.doc, w.now
        self._exec("DELETE FROM doc_events WHERE doc_id = ? OR event_id IN (SELECT unnest(?::VARCHAR[]))",
                   [doc.doc_id, w.dead])
        if w.dead:
            self._exec("DELETE FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [w.dead])
            self._exec("DELETE FROM sources WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [w.dead])
        for lost, kept in w.absorbed.items():
            self._exec("INSERT INTO aliases VALUES (?, ?, ?) ON CONFLICT (alias_id) DO UPDATE "
                       "SET event_id = excluded.event_id, merged_at = excluded.merged_at", [lost, kept, now])
            self._exec("UPDATE aliases SET event_id = ? WHERE event_id = ?", [kept, lost])
        if w.created:
            self._exec("DELETE FROM aliases WHERE alias_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(w.created)])
        event_rows, source_rows = [], []
        for e, seq, family, lo, hi in w.events:
            record = e.to_record()
            event_rows.append((e.event_id, seq, e.event_date, e.event_type, e.sub_event_type, e.iso3, e.admin1,
                               e.location, e.latitude, e.longitude, e.fatalities,
                               len({s.doc_id for s in e.sources}), family, lo, hi, self._json_in(record),
                               e.country, e.actor1, e.actor2, record["confidence"], now))
            source_rows += [(e.event_id, s.doc_id, s.sentence, s.start, s.end) for s in e.sources]
        member_rows = [(pid, doc_id, cid, seq, self._json_in(record)) for pid, doc_id, cid, seq, record in w.members]
        log_rows = [(seq, now, action, eid, other, doc_id) for seq, action, eid, other, doc_id in w.log]
        self._insert("doc_events", ["doc_event_id", "doc_id", "event_id", "seq", "record"], member_rows)
        self._insert("events", EVENT_COLUMNS, event_rows)
        self._insert("sources", ["event_id", "doc_id", "sentence", "start_char", "end_char"], source_rows)
        self._insert("merge_log", ["seq", "logged_at", "action", "event_id", "other_id", "doc_id"], log_rows)
        self._exec(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET "
            "source = excluded.source, url = excluded.url, title = excluded.title, published = excluded.published, "
            "path = excluded.path, n_events = excluded.n_events, coded_at = excluded.coded_at",
            [doc.doc_id, doc.source, doc.url, doc.title, doc.published, doc.path, w.n_events, now])
        if w.text is not None:
            self._exec("INSERT INTO texts VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE SET text = excluded.text",
                       [doc.doc_id, self._text(w.text)])
        self._set_seq(w.last_seq)
        self._enforce_structure({doc_id for _, doc_id, *_ in w.members} | {doc.doc_id})
        self._reapply_reviews([e.event_id for e, *_ in w.events if self.resolve(e.event_id) == e.event_id])

    # -- reviews --------------------------------------------------------------------------------

    def add_review(self, event_id: str, action: str, fields: dict | None, reviewer: str,
                   note: str | None = None) -> dict:
        """Store an analyst's decision on an event (inside `transaction()`) and apply it. Returns
        the stored review. `event_id` may be an alias: the decision goes to the live event."""
        from .. import errors

        if action not in REVIEW_ACTIONS:
            raise errors.QueryError(f"unknown review action {action!r}", fix=f"Use one of {', '.join(REVIEW_ACTIONS)}.")
        live = self.resolve(event_id)
        if live is None:
            raise errors.NotFound(f"no event {event_id}", fix="List events at /events.")
        if action in STRUCTURAL:
            live, fields = self._structural_fields(live, action, fields or {})
        else:
            fields = check_edits(fields or {}) if action == "edit" else {}
        review_id = (self._scalar("SELECT max(review_id) FROM reviews") or 0) + 1
        at = utcnow()
        self._exec("INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [review_id, live, action, self._json_in(fields), storable(reviewer), at, storable(note)])
        if action in STRUCTURAL:
            self._enforce_one(action, live, fields, log=True)
        self._reapply_reviews([self.resolve(live) or live] + ([fields["new_id"]] if action == "split" else []))
        return {"review_id": review_id, "event_id": live, "action": action, "fields": fields,
                "reviewer": reviewer, "at": at.isoformat(sep=" ", timespec="seconds"), "note": note}

    def reviews(self, event_id: str) -> list[dict]:
        """The decisions on an event (and on ids merged into it), oldest first."""
        live = self.resolve(event_id) or event_id
        rows = self._rows(
            "SELECT review_id, event_id, action, fields, reviewer, reviewed_at, note FROM reviews WHERE event_id = ? "
            "OR event_id IN (SELECT alias_id FROM aliases WHERE event_id = ?) ORDER BY review_id", [live, live])
        return [review_dict(r, self._json_out) for r in rows]

    def _structural_fields(self, live: str, action: str, fields: dict) -> tuple[str, dict]:
        """Check a merge (`fields.into`: the event this one joins) or a split (`fields.doc_id`: the
        source taken out); the event the decision is stored under and what it keeps: the
        per-document events it concerns, by (doc_id, per-document id), stable across recoding."""
        import hashlib

        from .. import errors

        def members(eid: str) -> list[list[str]]:
            return [[d, p] for d, p in self._rows(
                "SELECT doc_id, doc_event_id FROM doc_events WHERE event_id = ? ORDER BY seq", [eid])]

        if action == "merge":
            into = str(fields.get("into") or "")
            target = self.resolve(into) if into else None
            if target is None:
                raise errors.NotFound(f"no event {into!r} to merge into", fix="Give the other event's id as fields.into.")
            if target == live:
                raise errors.QueryError("an event cannot be merged into itself", fix="Give another event's id.")
            return target, {"from": live, "into": target, "members": members(live), "kept": members(target)}
        doc_id = str(fields.get("doc_id") or "")
        mine = [m for m in members(live) if m[0] == doc_id]
        if not mine:
            raise errors.QueryError(f"event {live} has no source {doc_id!r}", fix="Give one of its sources' doc_id.")
        if len(mine) == len(members(live)):
            raise errors.QueryError(f"{doc_id!r} is the only source of {live}", fix="Split a source out of an event with others.")
        new_id = "cc" + hashlib.sha1(f"split|{live}|{doc_id}".encode()).hexdigest()[:14]
        return live, {"doc_id": doc_id, "new_id": new_id, "members": mine}

    def _enforce_structure(self, doc_ids: set[str]) -> None:
        """Re-apply the merges and splits that concern these documents, oldest first (after a
        document is recoded, its per-document events may have landed elsewhere)."""
        rows = self._rows("SELECT event_id, action, fields FROM reviews WHERE action IN ('merge', 'split') "
                          "ORDER BY review_id")
        for eid, action, fields in rows:
            fields = self._json_out(fields) or {}
            docs = {d for d, _ in fields.get("members", []) + fields.get("kept", [])}
            if docs & doc_ids:
                self._enforce_one(action, eid, fields, log=False)

    def _enforce_one(self, action: str, eid: str, fields: dict, log: bool) -> None:
        """Move the decision's per-document events where it puts them and rebuild what changed."""
        now = utcnow()
        where = {(d, p): self._scalar("SELECT event_id FROM doc_events WHERE doc_id = ? AND doc_event_id = ?", [d, p])
                 for d, p in fields.get("members", []) + fields.get("kept", [])}
        if action == "merge":
            target = self.resolve(fields["into"])
            if target is None:  # the kept event's reports went elsewhere: follow them
                target = next((where[(d, p)] for d, p in fields.get("kept", []) if where.get((d, p))), None)
            if target is None:
                return
            moved = {(d, p): at for (d, p), at in where.items() if at is not None and at != target}
        else:
            target = fields["new_id"]
            moved = {(d, p): where[(d, p)] for d, p in fields["members"]
                     if where.get((d, p)) is not None and where[(d, p)] != target}
        if not moved:
            return
        for (d, p) in moved:
            self._exec("UPDATE doc_events SET event_id = ? WHERE doc_id = ? AND doc_event_id = ?", [target, d, p])
        seq = self.last_seq()
        if action == "split":
            self._exec("DELETE FROM aliases WHERE alias_id = ?", [target])
            if self._scalar("SELECT seq FROM events WHERE event_id = ?", [target]) is None:
                seq += 1
                self._rewrite_event(target, seq, now)
                if log:
                    self._insert("merge_log", ["seq", "logged_at", "action", "event_id", "other_id", "doc_id"],
                                 [(seq, now, "split", eid, target, fields["doc_id"])])
                self._set_seq(seq)
            else:
                self._rewrite_event(target, None, now)
        else:
            self._rewrite_event(target, None, now)
        for old in sorted(set(moved.values())):
            if not self._rewrite_event(old, None, now) and action == "merge":
                self._exec("INSERT INTO aliases VALUES (?, ?, ?) ON CONFLICT (alias_id) DO UPDATE "
                           "SET event_id = excluded.event_id, merged_at = excluded.merged_at", [old, target, now])
                self._exec("UPDATE aliases SET event_id = ? WHERE event_id = ?", [target, old])
                if log:
                    seq += 1
                    self._insert("merge_log", ["seq", "logged_at", "action", "event_id", "other_id", "doc_id"],
                                 [(seq, now, "absorbed", old, target, None)])
                    self._set_seq(seq)
        self._reapply_reviews([target, *moved.values()])

    def _rewrite_event(self, event_id: str, seq: int | None, now) -> bool:
        """Rebuild a merged event's row and sources from its per-document events; drop it if it has
        none left (False)."""
        from ..merge_across import doc_of, merged_event, merged_profile, profile

        rows = self._rows("SELECT seq, record FROM doc_events WHERE event_id = ? ORDER BY seq", [event_id])
        if seq is None:
            seq = self._scalar("SELECT seq FROM events WHERE event_id = ?", [event_id])
        self._exec("DELETE FROM events WHERE event_id = ?", [event_id])
        self._exec("DELETE FROM sources WHERE event_id = ?", [event_id])
        if not rows:
            return False
        from ..merge_across import event_from_record

        members = [event_from_record(self._json_out(r)) for _, r in rows]
        profiles = [profile(m, doc_of(m)) for m in members]
        rep = profiles[0] if len(profiles) == 1 else merged_profile(profiles)
        ok = rep.mergeable
        e = merged_event(event_id, members)
        record = e.to_record()
        self._insert("events", EVENT_COLUMNS, [(
            e.event_id, seq if seq is not None else self.last_seq(), e.event_date, e.event_type, e.sub_event_type,
            e.iso3, e.admin1, e.location, e.latitude, e.longitude, e.fatalities, len({s.doc_id for s in e.sources}),
            rep.family if ok else None, rep.lo if ok else None, rep.hi if ok else None, self._json_in(record),
            e.country, e.actor1, e.actor2, record["confidence"], now)])
        self._insert("sources", ["event_id", "doc_id", "sentence", "start_char", "end_char"],
                     [(e.event_id, s.doc_id, s.sentence, s.start, s.end) for s in e.sources])
        return True

    def _reapply_reviews(self, event_ids: list[str]) -> None:
        """Rebuild the review overlay of these merged events from the coder's record (their
        per-document events) and every decision on them."""
        if not event_ids:
            return
        has = {r[0] for r in self._rows(
            "SELECT DISTINCT coalesce(a.event_id, r.event_id) FROM reviews r LEFT JOIN aliases a "
            "ON a.alias_id = r.event_id WHERE r.event_id IN (SELECT unnest(?::VARCHAR[])) "
            "OR a.event_id IN (SELECT unnest(?::VARCHAR[]))", [list(event_ids), list(event_ids)])}
        for eid in sorted(has & set(event_ids)):
            self._overlay(eid)

    def _overlay(self, event_id: str) -> None:
        """The event's record as the coder made it (rebuilt from its per-document events), with
        the analysts' edits on top, and its review status."""
        from ..merge_across import merged_event

        clusters = self.clusters([event_id])
        if not clusters:
            return
        members = [e for _, e in sorted(clusters[0].members, key=lambda m: m[0])]
        record = merged_event(event_id, members).to_record()
        status, edits = None, {}
        for r in self.reviews(event_id):
            if r["action"] in ("accept", "reject"):
                status = r["action"] + "ed"
            elif r["action"] == "clear":
                status, edits = None, {}
            elif r["action"] == "edit":
                edits.update(r["fields"])
        record.update(edits)
        sets = ", ".join(f"{col} = ?" for col in EDITABLE.values() if col)
        values = [record.get(f) for f, col in EDITABLE.items() if col]
        self._exec(f"UPDATE events SET {sets}, record = ?, review_status = ? WHERE event_id = ?",
                   [*values, self._json_in(record), status, event_id])

    def document_text(self, doc_id: str) -> str | None:
        return self._scalar("SELECT text FROM texts WHERE doc_id = ?", [doc_id])

    def _set_seq(self, seq: int) -> None:
        raise NotImplementedError

    def is_broken(self, exc: BaseException) -> bool:
        """Whether `exc`, raised while writing one document, means the store itself cannot be
        written (a full disk, an I/O error, a lost connection), not only that document."""
        return isinstance(exc, (OSError, MemoryError))

    @staticmethod
    def _text(value: str | None) -> str | None:
        return storable(value)

    def record_failure(self, failure) -> None:
        from .. import errors

        text = self._text
        try:
            self._exec("INSERT INTO failures (location, doc_id, code, reason, seen_at, stage) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       [text(failure.where), text(failure.doc_id), failure.code, text(failure.reason), utcnow(),
                        failure.stage])
        except Exception as exc:  # noqa: BLE001 - drivers raise their own classes, OSError and MemoryError
            raise errors.StoreError(f"cannot record a failure in the event store {self.url}: {exc}",
                                    fix="Check the free disk space and the file (or the server); rerun.") from exc

    def seen(self, keys: list[str]) -> dict[str, str]:
        """The fingerprints recorded for those of `keys` that `watch` has taken in before."""
        if not keys:
            return {}
        return dict(self._rows("SELECT key, fingerprint FROM watched WHERE key IN (SELECT unnest(?::VARCHAR[]))",
                               [list(keys)]))

    def mark_seen(self, key: str, fingerprint: str, doc_id: str | None) -> None:
        self._exec("INSERT INTO watched VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                   "fingerprint = excluded.fingerprint, doc_id = excluded.doc_id, seen_at = excluded.seen_at",
                   [key, fingerprint, doc_id, utcnow()])

    # -- reading --------------------------------------------------------------------------------

    def page(self, filters: Filters | None, limit: int, sort: str = "event_date",
             cursor: str | None = None) -> tuple[list[dict], str | None]:
        rows = self._page_rows(filters, limit, sort, cursor)
        nxt = None
        if len(rows) > limit:
            rows = rows[:limit]
            nxt = encode_cursor(sort, rows[-1][1], rows[-1][2])
        return [self._json_out(r[0]) for r in rows], nxt

    def _page_rows(self, filters, limit, sort, cursor) -> list[tuple]:
        key_sql, desc, _ = sort_sql(sort)
        cond, params = (filters or Filters()).sql()
        if cursor:
            value, last_id = decode_cursor(cursor, sort)
            op = "<" if desc else ">"
            cond += f" AND ({key_sql} {op} ? OR ({key_sql} = ? AND event_id {op} ?))"
            params += [value, value, last_id]
        order = "DESC" if desc else "ASC"
        return self._rows(f"SELECT record, {key_sql}, event_id FROM events WHERE {cond} "
                          f"ORDER BY {key_sql} {order}, event_id {order} LIMIT ?", params + [int(limit) + 1])

    def records(self, filters: Filters | None = None, batch: int = 2000) -> Iterator[dict]:
        """Every record passing `filters`, by date (undated last) then id, read a batch at a time."""
        cursor = None
        while True:
            items, cursor = self.page(filters, batch, "event_date", cursor)
            yield from items
            if cursor is None:
                return

    def count(self, filters: Filters | None = None) -> int:
        cond, params = (filters or Filters()).sql()
        return self._scalar(f"SELECT count(*) FROM events WHERE {cond}", params)

    def stats(self, filters: Filters | None, by: str) -> list[dict]:
        keys = {"month": ("substr(CAST(event_date AS VARCHAR), 1, 7)",),
                "country": ("iso3", "country"), "type": ("event_type",),
                "sub_type": ("sub_event_type",)}
        if by not in keys:
            from .. import errors

            raise errors.QueryError(f"cannot group by {by!r}", fix=f"Group by one of {', '.join(keys)}.")
        cond, params = (filters or Filters()).sql()
        cols = keys[by]
        names = {"month": ["month"], "country": ["iso3", "country"], "type": ["event_type"],
                 "sub_type": ["sub_event_type"]}[by]
        select = ", ".join(f"{c} AS k{i}" for i, c in enumerate(cols))
        group = ", ".join(f"k{i}" for i in range(len(cols)))
        rows = self._rows(f"SELECT {select}, count(*), coalesce(sum(fatalities), 0) FROM events WHERE {cond} "
                          f"GROUP BY {group} ORDER BY {group}", params)
        return [dict(zip(names + ["events", "fatalities"], [*r[:-2], int(r[-2]), int(r[-1])])) for r in rows]

    def resolve(self, event_id: str) -> str | None:
        row = self._one("SELECT event_id FROM events WHERE event_id = ?", [event_id])
        if row:
            return row[0]
        row = self._one("SELECT a.event_id FROM aliases a JOIN events e USING (event_id) WHERE a.alias_id = ?",
                        [event_id])
        if row:
            return row[0]
        # a per-document event's own id (what a store without merging gave out)
        row = self._one("SELECT event_id FROM doc_events WHERE doc_event_id = ? ORDER BY seq LIMIT 1", [event_id])
        return row[0] if row else None

    def lookup(self, event_id: str) -> dict | None:
        live = self.resolve(event_id)
        if live is None:
            return None
        return self._json_out(self._scalar("SELECT record FROM events WHERE event_id = ?", [live]))

    def records_for(self, event_ids: Iterable[str]) -> list[dict]:
        out, seen = [], set()
        for eid in event_ids:
            live = self.resolve(eid)
            if live is not None and live not in seen:
                seen.add(live)
                out.append(self.lookup(live))
        return out

    def history(self, event_id: str) -> dict | None:
        live = self.resolve(event_id)
        if live is None:
            known = self._one("SELECT 1 FROM merge_log WHERE event_id = ? OR other_id = ? LIMIT 1",
                              [event_id, event_id])
            if not known:
                return None
        names = {event_id} | ({live} if live else set())
        names |= {r[0] for r in self._rows("SELECT alias_id FROM aliases WHERE event_id = ?", [live])}
        marks = ", ".join("?" for _ in names)
        log = self._rows(
            f"SELECT seq, logged_at, action, event_id, other_id, doc_id FROM merge_log WHERE event_id IN ({marks})"
            f" OR (action = 'absorbed' AND other_id IN ({marks})) ORDER BY seq", list(names) * 2)
        sources = []
        if live:
            sources = self._rows(
                "SELECT d.doc_id, d.source, d.published, d.url, d.title, e.doc_event_id, e.record "
                "FROM doc_events e LEFT JOIN documents d USING (doc_id) WHERE e.event_id = ? ORDER BY e.seq",
                [live])
        return {
            "event_id": live, "asked": event_id, "alias_of": live if live and live != event_id else None,
            "aliases": sorted(names - {live, event_id} if live else set()),
            "record": self.lookup(live) if live else None,
            "reports": [{"doc_id": d, "source": s, "published": p.isoformat() if p else None, "url": u,
                         "title": t, "doc_event_id": de,
                         "sentences": [x["sentence"] for x in self._json_out(r).get("sources", [])]}
                        for d, s, p, u, t, de, r in sources],
            "reviews": self.reviews(live or event_id),
            "log": [{"seq": q, "at": a.isoformat(sep=" ", timespec="seconds"), "action": act,
                     "event_id": e, "other_id": o, "doc_id": d} for q, a, act, e, o, d in log],
        }

    def integrity(self) -> dict[str, int]:
        q = self._scalar
        return {
            "half_documents": q("SELECT count(*) FROM documents d WHERE n_events <> "
                                "(SELECT count(*) FROM doc_events e WHERE e.doc_id = d.doc_id)"),
            "orphan_doc_events": q("SELECT count(*) FROM doc_events e WHERE e.doc_id NOT IN "
                                   "(SELECT doc_id FROM documents)"),
            "dangling_doc_events": q("SELECT count(*) FROM doc_events e WHERE e.event_id NOT IN "
                                     "(SELECT event_id FROM events)"),
            "events_without_reports": q("SELECT count(*) FROM events v WHERE v.event_id NOT IN "
                                        "(SELECT event_id FROM doc_events)"),
            "duplicate_sources": q("SELECT count(*) FROM (SELECT event_id, doc_id, start_char, end_char "
                                   "FROM sources GROUP BY event_id, doc_id, start_char, end_char "
                                   "HAVING count(*) > 1) AS dup"),
            "aliases_to_aliases": q("SELECT count(*) FROM aliases a WHERE a.event_id IN (SELECT alias_id FROM aliases)"),
        }

    def counts(self) -> dict[str, int]:
        q = self._scalar
        return {
            "documents": q("SELECT count(*) FROM documents"),
            "events": q("SELECT count(*) FROM events"),
            "sources": q("SELECT count(*) FROM sources"),
            "failures": q("SELECT count(*) FROM failures"),
        }

    def documents(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT doc_id FROM documents ORDER BY doc_id")]

    def members(self) -> list[tuple[str, str, str]]:
        """(doc_id, per-document event id, merged event id) of every per-document event."""
        return self._rows("SELECT doc_id, doc_event_id, event_id FROM doc_events ORDER BY doc_id, doc_event_id")

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError
