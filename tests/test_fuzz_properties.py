"""Property tests (Hypothesis) of issue 16: no exception escapes a document.

Ingest and clean may refuse an input only with an InputError (which the run records); the
pipeline gives exactly one result per document whatever the documents hold; every exporter
writes whatever the pipeline gives. The examples are bounded so that CI stays fast;
`benchmarks/fuzz.py` runs the long fuzzing.
"""
from __future__ import annotations

import io
import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictcoder import errors
from conflictcoder.settings import Options

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["Gunmen", "killed", "2147483648", "soldiers", "in", "Gao,", "Mali,", "on", "Tuesday", "99 years ago",
         "police", "said.", "\n", "\ud800", "\x00", "\u202e", "KABUL", "-", "31 December 9999", "bomb",
         "exploded", "rebels", "clashed", "near", "Beni", "<p>", "</math>", "\ufeff", "dozens", "wounded"]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
)
dates = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
                  st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(50, 6, 1)]))


@FAST
@given(st.binary(max_size=400))
def test_ingest_decode_bytes_returns_text_or_input_error(raw):
    from conflictcoder.ingest.files import decode_bytes

    warnings: list = []
    try:
        text = decode_bytes(raw, "fuzz.txt", warnings)
    except errors.InputError:
        return
    assert isinstance(text, str) and text.strip()
    assert all(code.startswith("W") for code, _ in warnings)


@FAST
@given(st.one_of(texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
                 st.binary(max_size=200)),
       st.sampled_from([".txt", ".html", ".jsonl", ".warc"]))
def test_ingest_read_path_never_raises(raw, suffix):
    from conflictcoder.ingest.files import read_path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{suffix}"
        path.write_bytes(raw)
        items = list(read_path(path, {}, Options()))
    assert all((i.document is None) != (i.failure is None) for i in items)


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=6)


@FAST
@given(st.fixed_dictionaries({}, optional={"doc_id": json_values, "text": json_values, "html": json_values,
                                           "published": st.one_of(json_values, dates.map(str)),
                                           "source": json_values, "url": json_values, "title": json_values}),
       st.booleans())
def test_ingest_jsonl_line_gives_document_or_failure(row, cut):
    from conflictcoder.ingest.files import jsonl_line_item

    line = json.dumps(row)
    line = line[: len(line) // 2] if cut else line + "\n"
    item = jsonl_line_item(line, Path("f.jsonl"), 1, {}, Options())
    assert (item.document is None) != (item.failure is None)


@FAST
@given(texts, st.sampled_from(["text", "html"]), dates)
def test_clean_document_returns_clean_or_input_error(text, field, published):
    from conflictcoder.clean import clean_document
    from conflictcoder.pipeline import sanitise_document
    from conflictcoder.records import Document

    doc = Document(doc_id="fuzz", published=published, **{field: text})
    sanitise_document(doc)
    try:
        clean = clean_document(doc)
    except errors.InputError:
        return
    assert clean.published is None or 1800 <= clean.published.year <= 2200


@SLOW
@given(st.lists(st.tuples(texts, dates, st.text(max_size=8)), min_size=1, max_size=4))
def test_pipeline_one_result_per_document_whatever_they_hold(rows):
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    docs = [Document(doc_id=f"{i}{doc_id}", text=text, published=published)
            for i, (text, published, doc_id) in enumerate(rows)]
    results = list(code_documents(docs, Options(relevance_filter=False)))
    assert [r.document.doc_id for r in results] == [d.doc_id for d in docs]
    for r in results:
        assert r.failure is None or (r.failure.code.startswith("E") and r.failure.stage)
        for e in r.events:
            assert 0 <= e.fatalities <= Options().max_count


ints = st.one_of(st.none(), st.integers(min_value=-(2 ** 70), max_value=2 ** 70))
records = st.fixed_dictionaries({
    "event_id": texts, "event_date": st.one_of(st.none(), dates.map(lambda d: d and d.isoformat())),
    "date_start": st.none(), "date_end": st.none(), "time_precision": st.integers(1, 3),
    "disorder_type": texts, "event_type": st.sampled_from(["Battles", "Riots", "Protests", ""]),
    "sub_event_type": texts, "actor1": texts, "actor2": st.one_of(st.none(), texts),
    "inter1": st.integers(0, 8), "inter2": st.integers(0, 8), "iso3": texts, "country": texts,
    "admin1": st.one_of(st.none(), texts), "location": st.one_of(st.none(), texts),
    "latitude": st.one_of(st.none(), st.floats()), "longitude": st.one_of(st.none(), st.floats()),
    "geo_precision": st.integers(1, 3), "fatalities": ints, "injured": ints,
    "perpetrators": st.lists(texts, max_size=2), "sources": st.just([]), "notes": texts,
    "confidence": st.floats(0, 1),
})


@SLOW
@given(st.lists(records, max_size=4))
def test_export_every_format_writes_what_the_pipeline_can_give(rows):
    """Records shaped as the pipeline shapes them (its counts clamped, its strings sanitised)."""
    from conflictcoder.export import FORMATS, export_records, ucdp_codes
    from conflictcoder.pipeline import without_surrogates

    def tidy(value):
        if isinstance(value, str):
            return without_surrogates(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return min(max(value, 0), Options().max_count)
        if isinstance(value, list):
            return [tidy(v) for v in value]
        return value

    rows = [{k: tidy(v) for k, v in r.items()} for r in rows]
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in FORMATS:
            target = Path(tmp) / ("events.parquet" if fmt == "parquet" else f"events.{fmt}")
            # ucdp-csv writes only the events UCDP would code (a type of violence, a death)
            expected = sum(map(ucdp_codes, rows)) if fmt == "ucdp-csv" else len(rows)
            assert export_records(rows, fmt, target) == expected
            if fmt != "parquet":
                export_records(rows, fmt, stream=io.StringIO())
