"""What the adapters share: coding benchmark texts through the real pipeline."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..records import Document
from ..settings import Options


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def as_date(value):
    from ..ingest.files import parse_published

    return parse_published(value)


def code_rows(rows: Iterable[dict], options: Options | None = None) -> dict[str, list[dict]]:
    """Event records of each row ({doc_id, text, published}), keyed by doc_id."""
    from ..pipeline import code_documents

    docs = [Document(doc_id=str(r["doc_id"]), text=r["text"], published=as_date(r.get("published")))
            for r in rows]
    out: dict[str, list[dict]] = {d.doc_id: [] for d in docs}
    for result in code_documents(docs, options):
        out[result.document.doc_id] = [e.to_record() for e in result.events]
    return out


def write_predictions(events: dict[str, list[dict]], path: str | Path | None) -> None:
    if path is None:
        return
    with open(path, "w", encoding="utf-8") as fh:
        for records in events.values():
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def number(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0
