"""Fuzz the run for a long time: no exception may escape a document, and none may hang.

    python benchmarks/fuzz.py --minutes 10                 # as many inputs as fit
    python benchmarks/fuzz.py --inputs 100000 --seed 7     # a fixed count, reproducible
    python benchmarks/fuzz.py --minutes 10 --full-every 50 # every 50th input through spaCy too

Inputs are generated from short texts written for this script, broken the ways real input is
broken: bytes flipped, cut, repeated or inserted; other encodings (UTF-16, CP1251, Latin-1),
BOMs, NUL and control characters, lone surrogates, HTML and MathML fragments, JSONL lines with
odd values (dates from 0001 to 9999, tolls of 2**31 and beyond, nested objects, numbers where
strings go), WARC files cut anywhere. Every input goes through ingest (file bytes, JSONL line or
WARC file), clean and the relevance stage; every `--full-every`-th document also through the
whole pipeline (nlp, extract, resolve, merge) and every exporter.

An *escaped exception* is one that leaves ingest or clean as anything but an InputError (which
the run records), or that leaves the pipeline or an exporter at all. A *hang* is an input over
`--hang-s` seconds. The script prints how many inputs it ran, per minute, and what it found
(with the input, saved under --save, for each finding), and exits 1 when it found anything.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import date
from pathlib import Path

SENTENCES = [
    "Gunmen killed four soldiers in an ambush near Gao, Mali, on Tuesday, the army said.",
    "A roadside bomb killed two police officers in Quetta, Pakistan, on Sunday.",
    "Militants attacked a village near Maiduguri, Nigeria, killing six farmers, residents said.",
    "Soldiers and rebels clashed near Beni on Monday; three rebels were killed.",
    "Protesters clashed with police in Nairobi on Wednesday and one man was shot dead.",
    "The toll rose to 2,147,483,648 after the blast, a spokesman said 99 years ago.",
    "Police arrested 12 suspects in Kabul last weekend, officials said on 31 December 9999.",
    "The football club fired its coach after shares shot up on 1 January 0001.",
    "KANDAHAR, Afghanistan (Jan. 25, 2013) - Insurgents abducted three aid workers.",
    "Sign up for our free weekly newsletter. Last Updated: 07/27/2016",
    "Dozens were wounded when a grenade exploded at a market in Goma earlier this month.",
]
ODD = ["\ud800", "\udfff", "\x00", "\x1b", "\u202e", "\ufeff", "\u2028", "\xa0", "\u200b", "𝔘", "ё",
       "\r", "\t", "—", "\u0301", "<", "&amp;", "&#0;", "]]>", "%s", "{}", "\\", '"']
HTML = ['<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>',
        "<html><head><meta name='date' content='0001-01-01'></head><body><p>{}</p></body></html>",
        "<html><body><article><p>{}</p><p>{}</p></article></body></html>", "<p>{}", "<!DOCTYPE html><",
        "<html><head><title>{}</title><meta property='article:published_time' content='9999-12-31'></head>"
        "<body><div>{}</div></body></html>"]
DATES = ["0001-01-01T00:00:00Z", "9999-12-31", "0050-06-01", "2024-02-30", "", None, 0, -1, 1e308,
         "2024-06-20", "1799-12-31", "2201-01-01", "99999-01-01", [], {}, "not a date"]


class Hang(Exception):
    pass


def text_of(rng: random.Random) -> str:
    parts = rng.choices(SENTENCES, k=rng.randint(1, 6))
    text = rng.choice(["\n", " ", "\n\n"]).join(parts)
    for _ in range(rng.randint(0, 4)):
        pos = rng.randint(0, len(text))
        text = text[:pos] + rng.choice(ODD) * rng.randint(1, 3) + text[pos:]
    if rng.random() < 0.1:
        text = text.upper()
    if rng.random() < 0.05:
        text = text * rng.randint(10, 200)
    return text


def mutate(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(0, 6)):
        op = rng.random()
        if not data:
            break
        pos = rng.randrange(len(data))
        if op < 0.3:
            data[pos] = rng.randrange(256)
        elif op < 0.5:
            del data[pos:pos + rng.randint(1, 20)]
        elif op < 0.7:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op < 0.8:
            data = data[:pos]  # cut short
        else:
            data[pos:pos] = data[pos:pos + rng.randint(1, 40)] * rng.randint(1, 4)
    return bytes(data)


def encode(text: str, rng: random.Random) -> bytes:
    enc = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251", "latin-1",
                      "cp1252", "mixed"])
    if enc == "mixed":
        half = len(text) // 2
        return text[:half].encode("utf-8", "surrogatepass") + text[half:].encode("cp1251", "replace")
    return text.encode(enc, "replace") if enc not in ("utf-8",) else text.encode("utf-8", "surrogatepass")


def file_input(rng: random.Random) -> tuple[str, bytes]:
    text = text_of(rng)
    if rng.random() < 0.3:
        template = rng.choice(HTML)
        text = template.format(*([text] * template.count("{}")))
        suffix = ".html"
    else:
        suffix = ".txt"
    raw = encode(text, rng)
    if rng.random() < 0.5:
        raw = mutate(raw, rng)
    return suffix, raw


def jsonl_line(rng: random.Random) -> str:
    row = {"doc_id": rng.choice(["a", "b\ud800", 7, None, "", "x" * 300, "a\nb"]),
           rng.choice(["text", "text", "html", "body"]): rng.choice([text_of(rng), 12, None, ["x"], {"t": 1}]),
           "published": rng.choice(DATES), "source": rng.choice(["Wire", None, 3, "\udc80"]),
           "url": rng.choice(["http://x", None, {"a": 1}])}
    line = json.dumps(row, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.2:
        line = line[: rng.randint(0, len(line))]
    return line + ("\n" if rng.random() < 0.9 else "")


def warc_file(rng: random.Random) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=rng.random() < 0.3)
    for i in range(rng.randint(1, 3)):
        body = encode(f"<html><body><p>{text_of(rng)}</p></body></html>", rng)
        ctype = rng.choice(["text/html; charset=utf-8", "text/plain", "text/html; charset=klingon", "image/png"])
        http = StatusAndHeaders(rng.choice(["200 OK", "404 Not Found"]), [("Content-Type", ctype)],
                                protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"http://example.org/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    data = buf.getvalue()
    if rng.random() < 0.5:
        data = data[: rng.randint(0, len(data))]
    elif rng.random() < 0.3:
        data = mutate(data, rng)
    return data


def documents_of(kind: str, payload, folder: Path, options):
    """Ingest one generated input: its documents, and what ingest recorded (failures)."""
    from conflictcoder.ingest.files import jsonl_line_item, read_path

    if kind == "jsonl":
        items = [jsonl_line_item(payload, folder / "f.jsonl", 1, {}, options)]
    else:
        suffix, raw = payload
        path = folder / f"input{suffix}"
        path.write_bytes(raw)
        items = list(read_path(path, {}, options))
    return [i.document for i in items if i.document is not None], sum(1 for i in items if i.failure)


def run_one(kind, payload, folder, options, full: bool, found: Counter):
    from conflictcoder import errors
    from conflictcoder.clean import clean_document
    from conflictcoder.relevance import is_relevant

    docs, _ = documents_of(kind, payload, folder, options)
    for doc in docs:
        try:
            clean = clean_document(doc)
            is_relevant(clean.text)
        except errors.InputError:
            pass
    if full and docs:
        from conflictcoder.export import FORMATS, export_records
        from conflictcoder.pipeline import code_documents

        results = list(code_documents(docs, options))
        if len(results) != len(docs):
            raise AssertionError(f"{len(docs)} documents in, {len(results)} results out")
        records = [e.to_record() for r in results for e in r.events]
        for fmt in FORMATS:
            target = folder / ("out.parquet" if fmt == "parquet" else f"out.{fmt}")
            export_records(records, fmt, target)
        found["full"] += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--inputs", type=int, default=0, help="stop after this many inputs (0: only --minutes)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--full-every", type=int, default=200, help="every Nth input also through the whole pipeline")
    ap.add_argument("--hang-s", type=float, default=20.0)
    ap.add_argument("--save", type=Path, default=Path("benchmarks/out/fuzz-findings"))
    args = ap.parse_args()
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document
    from conflictcoder.settings import Options

    options = Options(doc_time_limit_s=args.hang_s / 2)
    list(code_documents([Document("warm", text=SENTENCES[0])], options))  # load the model once
    rng = random.Random(args.seed)
    found: Counter = Counter()
    findings: list[str] = []
    kinds = Counter()

    def on_alarm(signum, frame):
        raise Hang()

    signal.signal(signal.SIGALRM, on_alarm)
    started = time.monotonic()
    deadline = started + args.minutes * 60
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        while time.monotonic() < deadline and (not args.inputs or n < args.inputs):
            n += 1
            kind = rng.choice(["file", "file", "jsonl", "jsonl", "warc"])
            payload = (file_input(rng) if kind == "file" else jsonl_line(rng) if kind == "jsonl"
                       else (".warc", warc_file(rng)))
            kinds[kind] += 1
            full = n % args.full_every == 0
            signal.setitimer(signal.ITIMER_REAL, args.hang_s * (4 if full else 1))
            try:
                run_one(kind, payload, folder, options, full, found)
            except Hang:
                found["hangs"] += 1
                findings.append(save(args.save, n, kind, payload, "hang"))
            except Exception:  # noqa: BLE001 - what the fuzzer is looking for
                found["escaped"] += 1
                findings.append(save(args.save, n, kind, payload, traceback.format_exc()))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if n % 5000 == 0:
                print(f"  {n:,} inputs, {time.monotonic() - started:.0f} s, escaped {found['escaped']}, "
                      f"hangs {found['hangs']}", file=sys.stderr, flush=True)
    elapsed = time.monotonic() - started
    print(f"fuzz: {n:,} inputs in {elapsed:.0f} s ({n / elapsed * 60:,.0f} per minute), seed {args.seed}; "
          f"{', '.join(f'{k} {v:,}' for k, v in sorted(kinds.items()))}; "
          f"{found['full']:,} through the whole pipeline and every exporter")
    print(f"escaped exceptions: {found['escaped']}, hangs: {found['hangs']}")
    for f in findings[:20]:
        print(f"  {f}")
    sys.exit(1 if found["escaped"] or found["hangs"] else 0)


def save(folder: Path, n: int, kind: str, payload, what: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    raw = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload[1]
    path = folder / f"finding-{n}-{kind}{'' if isinstance(payload, str) else payload[0]}"
    path.write_bytes(raw)
    path.with_suffix(path.suffix + ".why").write_text(what, encoding="utf-8")
    return f"{path}: {what.strip().splitlines()[-1]}"


if __name__ == "__main__":
    main()
