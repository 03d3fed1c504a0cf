"""Read news articles from WARC files (.warc, .warc.gz), as web crawls store them.

Response and resource records with an HTML body go through the HTML path (`Document.html`);
plain-text bodies, and the conversion records of WET files, through the text path. Requests,
metadata, revisits, redirects, error pages and bodies of other media types are passed over. A
record's doc_id is its WARC-Record-ID (without `<urn:uuid:` and `>`), its url the
WARC-Target-URI; metadata given with --meta, keyed by either, fills what the record lacks.
The WARC-Date says when the page was fetched, not when it was published, so it is not used as
the publication date.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .. import errors
from ..records import Document, Failure
from ..settings import Options

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def record_id(record) -> str:
    rid = record.rec_headers.get_header("WARC-Record-ID") or ""
    return re.sub(r"^<?(?:urn:uuid:)?|>$", "", rid.strip())


def body_kind(record) -> str | None:
    """'html', 'text' or None (not an article body)."""
    if record.rec_type == "conversion":
        return "text"
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    ctype = ctype.lower()
    if ctype.startswith(HTML_TYPES):
        return "html"
    if ctype.startswith(TEXT_TYPES):
        return "text"
    return None


def decode_body(raw: bytes, record, where: str, warnings: list | None = None) -> str:
    from .files import decode_bytes

    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    ctype = (headers.get_header("Content-Type") if headers is not None else "") or ""
    match = _CHARSET.search(ctype)
    if match:
        try:
            text = raw.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip():
                return text
    return decode_bytes(raw, where, warnings)


def read_warc(path: Path, meta: dict[str, dict], options: Options):
    """Every article of a WARC file, as `InputItem`s, in file order."""
    from .files import InputItem, apply_meta, shown

    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield InputItem(failure=Failure(shown(path), "E106", "reading WARC files needs warcio (pip install warcio)"))
        return
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            archive = ArchiveIterator(fh)
            for index, record in enumerate(archive):
                if record.format not in ("warc", "arc2warc"):  # warcio guesses ARC for anything
                    yield InputItem(failure=Failure(shown(path), "E103", "not a WARC file"))
                    return
                kind = body_kind(record)
                if kind is None:
                    continue
                doc_id = record_id(record) or f"{shown(path.stem)}-{index}"
                where = f"{shown(path)}#{doc_id}"
                raw = record.content_stream().read(options.max_text_bytes + 1)
                if len(raw) > options.max_text_bytes:
                    yield InputItem(failure=Failure(where, "E104", "body over the size limit", doc_id=doc_id))
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:  # the file ended inside the record
                    yield InputItem(failure=Failure(
                        where, "E109", f"record cut short: {record.raw_stream.limit:,} of its "
                        f"{record.length:,} bytes are missing (a truncated WARC file)", doc_id=doc_id))
                    return
                warnings: list[tuple[str, str]] = []
                try:
                    text = decode_body(raw, record, where, warnings)
                except errors.InputError as exc:
                    yield InputItem(failure=Failure(where, exc.code, exc.message, doc_id=doc_id))
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                doc = Document(doc_id=doc_id, path=where, url=url or None, warnings=warnings)
                if kind == "html":
                    doc.html = text
                else:
                    doc.text = text
                apply_meta(doc, meta.get(doc_id) or (meta.get(url) if url else None) or {})
                yield InputItem(document=doc)
            if archive.offset < size:  # warcio stops quietly at a record header cut short
                yield InputItem(failure=Failure(shown(path), "E109", f"the file ends inside a record "
                                                f"header at byte {archive.offset:,} of {size:,} (a truncated WARC file)"))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield InputItem(failure=Failure(shown(path), "E103", f"unreadable WARC ({exc.__class__.__name__}: {exc})"))
    except Exception as exc:  # noqa: BLE001 - warcio fails on cut headers with AttributeError and others
        yield InputItem(failure=Failure(shown(path), "E109", f"WARC file cut short or damaged "
                                                           f"({exc.__class__.__name__}: {exc})"))
