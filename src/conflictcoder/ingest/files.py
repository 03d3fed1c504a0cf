"""Read news articles from .txt / .html files, directories of them, JSONL and WARC files."""
from __future__ import annotations

import gzip
import json
import re
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
    articles it describes). doc_ids are unique in what this yields: a file whose name was seen
    before is known by its path under the input root ("b/index" beside "index"); a JSONL line or
    WARC record repeating a doc_id is reported (E108), not coded over the first one.
    """
    options = options or Options()
    meta = meta or {}
    skip = {Path(p).resolve() for p in exclude}
    ids = RunIds()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in walk_files(path):
                if isinstance(child, Failure):
                    yield InputItem(failure=child)
                elif is_input_file(child) and (not skip or child.resolve() not in skip):
                    yield from ids.unique(read_path(child, meta, options), path)
        elif path.is_file():
            yield from ids.unique(read_path(path, meta, options), path.parent)
        elif path.exists() or path.is_symlink():
            yield InputItem(failure=Failure(shown(path), "E110", "not a regular file or a directory "
                                            "(a FIFO, a socket, a device or a broken link)"))
        else:
            yield InputItem(failure=Failure(shown(path), "E106", "no such file or directory"))


class RunIds:
    """The doc_ids given out in one run, and where each came from."""

    def __init__(self):
        self.seen: dict[str, str] = {}

    def unique(self, items: Iterable[InputItem], root: Path) -> Iterator[InputItem]:
        for item in items:
            doc = item.document
            if doc is None:
                yield item
                continue
            first = self.seen.get(doc.doc_id)
            if first is not None and doc.path and not is_record_path(doc.path):
                # a file: its path under the input root tells it apart ("b/index")
                relative = file_doc_id(Path(doc.path), root)
                if relative not in self.seen:
                    doc.doc_id, first = relative, None
            if first is not None:
                yield InputItem(failure=Failure(doc.path or doc.doc_id, "E108",
                                                f"doc_id {doc.doc_id!r} repeated (first from {first}); not coded again",
                                                doc_id=doc.doc_id))
                continue
            self.seen[doc.doc_id] = doc.path or doc.doc_id
            yield item


def is_record_path(where: str) -> bool:
    """A JSONL line (path:line) or a WARC record (path#id), not a file of its own."""
    return "#" in where or where.rsplit(":", 1)[-1].isdigit()


def file_doc_id(path: Path, root: Path) -> str:
    """A file's path under `root` without its extension, as a doc_id ("b/index")."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = path
    return shown(rel.with_suffix("").as_posix())


def shown(value) -> str:
    """A path as text that every encoder takes: bytes of a name that is not UTF-8 (kept by Python
    as lone surrogates) become backslash escapes."""
    text = str(value)
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def walk_files(root: Path, visited: set | None = None) -> Iterator[Path | Failure]:
    """The files under `root`, streamed, in the order of sorting their paths: each directory is
    listed (and its names sorted) only when the walk reaches it, so memory holds one listing per
    level, never every path of a tree of millions. Symbolic links to directories are followed
    once: a directory reached again (a link loop) is reported, not walked again; so is a
    directory that cannot be read, and a special file (a FIFO) or broken link with an input
    file's name. Either way the walk goes on with the rest."""
    import os

    visited = set() if visited is None else visited
    try:
        st = os.stat(root)
        key = (st.st_dev, st.st_ino)
        if key in visited:
            yield Failure(shown(root), "E110", "directory reached again through a symbolic link "
                                               "(a loop, or a second link); not walked twice")
            return
        visited.add(key)
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Failure(shown(root), "E110", f"cannot read the directory: {exc.strerror or exc}")
        return
    for entry in entries:
        path = root / entry.name
        try:
            if entry.is_dir():
                yield from walk_files(path, visited)
            elif entry.is_file():
                yield path
            elif is_input_file(path):
                yield Failure(shown(path), "E110", "not a regular file (a FIFO, a socket, a device or a broken link)")
        except OSError as exc:  # a link loop (ELOOP), a permission denied on the way
            yield Failure(shown(path), "E110", f"cannot read: {exc.strerror or exc}")


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
        yield InputItem(failure=Failure(shown(path), exc.code, exc.message, doc_id=shown(path.stem)))
    except OSError as exc:  # permission denied, an I/O error, a file gone since the listing
        yield InputItem(failure=Failure(shown(path), "E110", f"cannot read: {exc.strerror or exc}",
                                        doc_id=shown(path.stem)))


def read_article_file(path: Path, meta: dict[str, dict], options: Options) -> Document:
    import stat

    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise errors.UnsupportedInput(
            f"{shown(path.name)}: unsupported file type {shown(suffix) or '(none)'}.",
            fix="Give .txt, .html or .jsonl files.")
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block the run forever
        raise errors.UnreadableInput(f"{shown(path.name)}: not a regular file.", fix="Give regular files.")
    if st.st_size > options.max_text_bytes:
        raise errors.InputTooLarge(
            f"{shown(path.name)}: {st.st_size:,} bytes is over the limit of {options.max_text_bytes:,}.",
            fix="Split the file, or raise Options.max_text_bytes (--max-bytes).")
    warnings: list[tuple[str, str]] = []
    text = decode_bytes(path.read_bytes(), shown(path.name), warnings)
    doc_id = shown(path.stem)
    doc = Document(doc_id=doc_id, path=shown(path), warnings=warnings)
    if suffix in HTML_SUFFIXES:
        doc.html = text
    else:
        doc.text = text
    apply_meta(doc, meta.get(doc_id) or meta.get(shown(path.name)) or {})
    return doc


_UTF32_BOMS = {b"\xff\xfe\x00\x00": "utf-32", b"\x00\x00\xfe\xff": "utf-32"}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_bytes(raw: bytes, name: str, warnings: list | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with or without BOM), UTF-32 with a BOM, or, failing
    those, the best-guess legacy encoding; a text that is UTF-8 with lines in another encoding is
    decoded line by line (warning W02 in `warnings`, with the bytes replaced). Never binary."""
    if not raw.strip():
        raise errors.EmptyInput(f"{name}: the file is empty.", fix="Remove it from the input.")
    text = decode_wide(raw, name, warnings)
    if text is None:
        if b"\x00" in raw[:8192]:
            raise errors.BinaryInput(f"{name}: this is a binary file, not text.",
                                     fix="Give plain text, HTML or JSONL.")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = decode_mixed(raw, name, warnings)
    if not text.strip():
        raise errors.EmptyInput(f"{name}: the file is empty.", fix="Remove it from the input.")
    if control_share(text[:8192]) > 0.05:
        raise errors.BinaryInput(f"{name}: mostly control characters; not a text file.",
                                 fix="Give plain text, HTML or JSONL.")
    return text


def decode_wide(raw: bytes, name: str, warnings: list | None) -> str | None:
    """The text of a UTF-32 (BOM) or UTF-16 (BOM, or none: every other byte NUL) file, else None."""
    encoding = next((enc for bom, enc in _UTF32_BOMS.items() if raw.startswith(bom)), None)
    if encoding is None and raw.startswith(_UTF16_BOMS):
        encoding = "utf-16"
    if encoding is None:
        head = raw[:8192]
        half = len(head) // 2
        if half >= 2:
            even_nul = head[0::2].count(0) / half
            odd_nul = head[1::2].count(0) / half
            if odd_nul > 0.4 and even_nul < 0.05:
                encoding = "utf-16-le"  # "G\0u\0n\0": ASCII letters, high bytes zero
            elif even_nul > 0.4 and odd_nul < 0.05:
                encoding = "utf-16-be"
    if encoding is None:
        return None
    text = raw.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - raw.decode(encoding, errors="ignore").count("\ufffd")
    if bad and warnings is not None:
        warnings.append((errors.W_BYTES_REPLACED, f"{name}: {bad} undecodable {encoding} units replaced"))
    return text.lstrip("\ufeff")


_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")


def decode_mixed(raw: bytes, name: str, warnings: list | None) -> str:
    """Bytes that are not all UTF-8. When some lines are UTF-8 with characters beyond ASCII
    (a page pasted together from two sources), each line is decoded on its own: UTF-8 where it
    is, else the legacy encoding guessed from all such lines; bytes neither reads are replaced
    and counted (W02). Else the whole text is in one legacy encoding (`guess_decode`)."""
    lines = raw.splitlines(keepends=True)
    good, bad = [], []
    for i, line in enumerate(lines):
        try:
            good.append((i, line.decode("utf-8")))
        except UnicodeDecodeError:
            bad.append(i)
    if not any(any(ord(ch) > 127 for ch in text) for _, text in good):
        return guess_decode(raw, name)
    legacy = guess_encoding(b"".join(lines[i] for i in bad))
    out = dict(good)
    replaced = 0
    for i in bad:
        text = lines[i].decode(legacy, errors="replace")
        replaced += text.count("\ufffd") - lines[i].decode(legacy, errors="ignore").count("\ufffd")
        out[i] = text
    if warnings is not None:
        warnings.append((errors.W_BYTES_REPLACED, f"{name}: {len(bad)} of {len(lines)} lines not UTF-8, "
                                                  f"read as {legacy}; {replaced} bytes replaced"))
    return "".join(out[i] for i in range(len(lines)))


def guess_encoding(raw: bytes) -> str:
    """Windows-1252 for English with a few accented letters; for runs of high bytes (a word in
    another script: Cyrillic in cp1251, say) the detector's guess."""
    if not _HIGH_RUN.search(raw):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return best.encoding if best is not None else "cp1252"


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
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]  # a UTF-8 BOM: a mark of the file, not of its first line
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    yield InputItem(failure=Failure(f"{shown(path)}:{lineno}", "E103", "line is not UTF-8"))
                    continue
                yield jsonl_line_item(line, path, lineno, meta, options)
    except (OSError, EOFError) as exc:  # unreadable file, or a gzip stream cut short
        where = f"{shown(path)}:{lineno + 1}" if lineno else shown(path)
        yield InputItem(failure=Failure(where, "E106", f"cannot read: {exc.__class__.__name__}: {exc}"))


def jsonl_line_item(line: str, path: Path, lineno: int, meta: dict[str, dict],
                    options: Options) -> InputItem:
    where = f"{shown(path)}:{lineno}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = "truncated JSON line" if not line.endswith("\n") else f"not JSON ({exc.msg})"
        return InputItem(failure=Failure(where, "E105", reason))
    if not isinstance(row, dict):
        return InputItem(failure=Failure(where, "E105", "line is not a JSON object"))
    doc_id = str(row.get("doc_id") or row.get("id") or f"{shown(path.stem)}-{lineno}")
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
