"""Read news articles from .txt / .html files, directories of them, JSONL and WARC files."""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import errors
from ..records import Document, Failure
from ..settings import Options
from .warc import is_warc

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_NAMES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
META_FIELDS = ("published", "source", "url", "title")


@dataclass(slots=True)
class InputItem:
    """What ingest yields: a document, or the reason something could not become one."""

    document: Document | None = None
    failure: Failure | None = None


def load_meta(path: str | Path | None) -> dict[str, dict]:
    """Metadata lines keyed by doc_id and by file name (either may be used to look up)."""
    if path is None:
        return {}
    meta: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise errors.MalformedJSONL(
                    f"{path}:{lineno}: metadata line is not JSON ({exc.msg}).",
                    fix="Give one JSON object a line: {doc_id, published, source, url, title}.",
                ) from exc
            if not isinstance(row, dict):
                continue
            for key in (row.get("doc_id"), row.get("file")):
                if key:
                    meta[str(key)] = row
                    meta[Path(str(key)).stem] = row
    return meta


def parse_published(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def iter_documents(paths: Iterable[str | Path], meta: dict[str, dict] | None = None,
                   options: Options | None = None,
                   exclude: Iterable[str | Path] = ()) -> Iterator[InputItem]:
    """Every document under `paths`, in a stable order (directories are walked sorted, streamed).

    `exclude` names files to pass over in directories (the metadata file sits beside the
    articles it describes).
    """
    options = options or Options()
    meta = meta or {}
    skip = {Path(p).resolve() for p in exclude}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in walk_files(path):
                if is_input_file(child) and (not skip or child.resolve() not in skip):
                    yield from read_path(child, meta, options)
        elif path.exists():
            yield from read_path(path, meta, options)
        else:
            yield InputItem(failure=Failure(str(path), "E106", "no such file or directory"))


def walk_files(root: Path) -> Iterator[Path]:
    """The files under `root`, streamed, in the order of sorting their paths: each directory is
    listed (and its names sorted) only when the walk reaches it, so memory holds one listing per
    level, never every path of a tree of millions. Symbolic links to directories are not
    followed (as Path.rglob)."""
    import os

    try:
        with os.scandir(root) as it:
            entries = sorted(((e.name, e.is_dir(follow_symlinks=False), e.is_file()) for e in it))
    except OSError:
        return
    for name, is_dir, is_file in entries:
        if is_dir:
            yield from walk_files(root / name)
        elif is_file:
            yield root / name


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_NAMES)


def is_input_file(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES or is_jsonl(path) or is_warc(path)


def read_path(path: Path, meta: dict[str, dict], options: Options) -> Iterator[InputItem]:
    if is_jsonl(path):
        yield from read_jsonl(path, meta, options)
        return
    if is_warc(path):
        from .warc import read_warc

        yield from read_warc(path, meta, options)
        return
    try:
        yield InputItem(document=read_article_file(path, meta, options))
    except errors.InputError as exc:
        yield InputItem(failure=Failure(str(path), exc.code, exc.message, doc_id=path.stem))


def read_article_file(path: Path, meta: dict[str, dict], options: Options) -> Document:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise errors.UnsupportedInput(
            f"{path.name}: unsupported file type {suffix or '(none)'}.",
            fix="Give .txt, .html or .jsonl files.")
    size = path.stat().st_size
    if size > options.max_text_bytes:
        raise errors.InputTooLarge(
            f"{path.name}: {size:,} bytes is over the limit of {options.max_text_bytes:,}.",
            fix="Split the file, or raise Options.max_text_bytes (--max-bytes).")
    text = decode_bytes(path.read_bytes(), path.name)
    doc_id = path.stem
    doc = Document(doc_id=doc_id, path=str(path))
    if suffix in HTML_SUFFIXES:
        doc.html = text
    else:
        doc.text = text
    apply_meta(doc, meta.get(doc_id) or meta.get(path.name) or {})
    return doc


def decode_bytes(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or, failing that, the best-guess encoding; never binary."""
    if not raw.strip():
        raise errors.EmptyInput(f"{name}: the file is empty.", fix="Remove it from the input.")
    head = raw[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise errors.BinaryInput(f"{name}: this is a binary file, not text.",
                                 fix="Give plain text, HTML or JSONL.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = guess_decode(raw, name)
    if control_share(text[:8192]) > 0.05:
        raise errors.BinaryInput(f"{name}: mostly control characters; not a text file.",
                                 fix="Give plain text, HTML or JSONL.")
    return text


def guess_decode(raw: bytes, name: str) -> str:
    """Not UTF-8: Windows-1252 when that reads as mostly ASCII text (the usual legacy encoding of
    English news; detectors guess wildly on short texts), else the detector's best guess."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and sum(1 for ch in text if ord(ch) < 128) / len(text) > 0.9:
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise errors.EncodingError(f"{name}: cannot tell the text encoding.",
                                   fix="Convert the file to UTF-8.")
    return str(best)


def control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(text)


def apply_meta(doc: Document, row: dict) -> None:
    """Fill what the document lacks from a metadata row (the document's own values win)."""
    if not row:
        return
    if doc.published is None:
        doc.published = parse_published(row.get("published"))
    for key in ("source", "url", "title"):
        if getattr(doc, key) is None and row.get(key):
            setattr(doc, key, str(row[key]))


def read_jsonl(path: Path, meta: dict[str, dict], options: Options) -> Iterator[InputItem]:
    """Lines are decoded one by one, so one bad line costs only itself."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    lineno = 0
    try:
        with opener(path, "rb") as fh:
            for raw in fh:
                lineno += 1
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    yield InputItem(failure=Failure(f"{path}:{lineno}", "E103", "line is not UTF-8"))
                    continue
                yield jsonl_line_item(line, path, lineno, meta, options)
    except (OSError, EOFError) as exc:  # unreadable file, or a gzip stream cut short
        where = f"{path}:{lineno + 1}" if lineno else str(path)
        yield InputItem(failure=Failure(where, "E106", f"cannot read: {exc.__class__.__name__}: {exc}"))


def jsonl_line_item(line: str, path: Path, lineno: int, meta: dict[str, dict],
                    options: Options) -> InputItem:
    where = f"{path}:{lineno}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = "truncated JSON line" if not line.endswith("\n") else f"not JSON ({exc.msg})"
        return InputItem(failure=Failure(where, "E105", reason))
    if not isinstance(row, dict):
        return InputItem(failure=Failure(where, "E105", "line is not a JSON object"))
    doc_id = str(row.get("doc_id") or row.get("id") or f"{path.stem}-{lineno}")
    text, html = row.get("text"), row.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        return InputItem(failure=Failure(where, "E101", "no text or html", doc_id=doc_id))
    body = text if isinstance(text, str) and text.strip() else html
    if len(body.encode("utf-8", errors="replace")) > options.max_text_bytes:
        return InputItem(failure=Failure(where, "E104", "text over the size limit", doc_id=doc_id))
    doc = Document(doc_id=doc_id, path=where)
    if body is text:
        doc.text = text
    else:
        doc.html = html
    doc.published = parse_published(row.get("published"))
    for key in ("source", "url", "title"):
        if row.get(key):
            setattr(doc, key, str(row[key]))
    apply_meta(doc, meta.get(doc_id) or {})
    return InputItem(document=doc)
