"""The coding pipeline: documents in, events out, stage by stage.

    ingest -> clean -> nlp -> extract -> resolve (places, dates) -> merge (+ actors) -> events

A document that a stage cannot handle comes out with a `Failure` (its reason) instead of
events; the run goes on with the rest.
"""
from __future__ import annotations

import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import errors
from .clean import clean_document
from .records import CleanDocument, Document, Event, Failure, Parsed, PlaceMention, SpanSet
from .settings import Options


@dataclass(slots=True)
class DocResult:
    document: Document
    events: list[Event] = field(default_factory=list)
    failure: Failure | None = None
    clean: CleanDocument | None = None
    places: list[PlaceMention] = field(default_factory=list)
    parsed: bool = True  # False: the relevance stage found no sign of violence; not parsed


def code_documents(documents: Iterable[Document], options: Options | None = None,
                   batch_size: int = 32, max_pending: int = 512) -> Iterator[DocResult]:
    """Code documents in input order, parsing them in batches of `batch_size`.

    With `options.relevance_filter`, only the blocks of a text that could hold an event are
    parsed (relevance/); a text with none comes out coded, with no events, in its place in the
    input order.

    Whatever one document raises, in whichever stage, comes out as that document's `Failure`
    (its code, reason and stage); the other documents are coded as if it were not there.
    """
    options = options or Options()
    # what waits for the next parse: (document, clean document) to parse, or a ready DocResult
    batch: list[tuple[Document, CleanDocument] | DocResult] = []
    n_parse = 0
    for doc in documents:
        ready = prepare(doc, options)
        if not isinstance(ready, DocResult):
            batch.append((doc, ready))
            n_parse += 1
            if n_parse >= batch_size or len(ready.text) >= options.parse_chunk_chars:
                yield from code_batch(batch, options)
                batch, n_parse = [], 0
            continue
        if not batch:
            yield ready
            continue
        batch.append(ready)
        if len(batch) >= max_pending:
            yield from code_batch(batch, options)
            batch, n_parse = [], 0
    if batch:
        yield from code_batch(batch, options)


def prepare(doc: Document, options: Options) -> CleanDocument | DocResult:
    """Clean a document and decide whether it needs parsing: its clean document when it does,
    else its finished `DocResult` (coded without events, or failed)."""
    stage = "clean"
    try:
        with time_limit(options.doc_time_limit_s, doc):
            sanitise_document(doc)
            clean = clean_document(doc)
            if options.relevance_filter:
                stage = "relevance"
                from .relevance import parse_plan

                clean.parse_spans = parse_plan(clean, options)
                if not clean.parse_spans:
                    return DocResult(doc, clean=clean, parsed=False)
    except Exception as exc:
        return failed(doc, stage, exc)
    return clean


def failed(doc: Document, stage: str, exc: BaseException) -> DocResult:
    """The `DocResult` of a document that `stage` could not handle."""
    err = errors.stage_failure(stage, exc)
    where = doc.path or doc.doc_id
    return DocResult(doc, failure=Failure(where, err.code, err.message, doc.doc_id, stage))


def code_batch(batch: list, options: Options) -> Iterator[DocResult]:
    """Code (document, clean document) pairs in order, parsing them in one nlp.pipe; ready
    `DocResult`s in the list come out in their places. When the batch parse raises (or runs over
    the time limit of its documents together), each document is parsed alone, so that only the
    one at fault fails."""
    from .nlp import parse_documents

    to_parse = [item for item in batch if not isinstance(item, DocResult)]
    parsed: list = []
    try:
        with time_limit(options.doc_time_limit_s * len(to_parse), "the batch"):
            parsed = list(parse_documents([c for _, c in to_parse], options,
                                          batch_size=max(1, len(to_parse))))
    except Exception:
        parsed = []
    if len(parsed) != len(to_parse):
        parsed = [parse_alone(doc, clean, options) for doc, clean in to_parse]
    results = iter(parsed)
    for item in batch:
        if isinstance(item, DocResult):
            yield item
            continue
        done = next(results)
        yield done if isinstance(done, DocResult) else code_parsed(item[0], done, options)


def parse_alone(doc: Document, clean: CleanDocument, options: Options) -> Parsed | DocResult:
    from .nlp import parse_document

    try:
        with time_limit(options.doc_time_limit_s, doc):
            return parse_document(clean, options)
    except Exception as exc:
        return failed(doc, "nlp", exc)


def code_parsed(doc: Document, parsed: Parsed, options: Options) -> DocResult:
    """Extract, resolve and merge one parsed document; what it raises is its failure."""
    progress = ["extract"]
    try:
        with time_limit(options.doc_time_limit_s, doc):
            result = code_parsed_events(doc, parsed, options, progress)
        progress[0] = "merge"
        clamp_counts(doc, result.events, options.max_count)
        return result
    except Exception as exc:
        return failed(doc, progress[0], exc)
    finally:
        parsed.spacy_doc = None  # the Doc is large; nothing after this stage needs it


def code_parsed_events(doc: Document, parsed: Parsed, options: Options, progress: list[str]) -> DocResult:
    """The stages after the parse; `progress[0]` names the stage at work (for failures)."""
    from .extract import extract_mentions
    from .extract.decide import keeps, settle_type, sure_of_type, types_by_sentence
    from .merge import build_event, merge_mentions, reassign_actors
    from .resolve.actors import name_actor
    from .resolve.assign import resolve_mentions
    from .extract.roles import fullest_name
    from .merge import names_union
    from .resolve.attribution import credit_named_group, responsible_groups

    def unique_names(names):
        return names_union([list(names)])

    progress[0] = "resolve"
    places, dateline_places = find_document_places(parsed)
    progress[0] = "extract"
    mentions = extract_mentions(parsed, options)
    progress[0] = "resolve"
    resolve_mentions(parsed, mentions, places)
    progress[0] = "merge"
    # the detector decides per event: a sentence adding a detail stands or falls with its event
    groups = [g for g in merge_mentions(mentions) if keeps(g.mentions, options)]
    default = default_place([g.place() for g in groups], places, dateline_places)
    events = []
    published = parsed.clean.published
    authors = responsible_groups(parsed.clean.text, published.year if published else None) if groups else []
    types_told = types_by_sentence(mentions)
    for g in groups:
        event = build_event(g, doc, published, default, name_actor, parsed.clean.text)
        built_as = event.event_type
        settle_type(event, g.lead, g.mentions, types_told)
        if event.event_type != built_as:
            reassign_actors(event, g, name_actor, parsed.clean.text)
        if not sure_of_type(event, g.lead, types_told):
            continue
        refine_country_level(event, [g.place() for g in groups])
        credit_named_group(event, authors)
        event.victims = unique_names(fullest_name(parsed.spacy_doc, v) for v in event.victims)
        events.append(event)
    name_identified_casualties(parsed.spacy_doc, events)
    return DocResult(doc, events=events, clean=parsed.clean, places=places)


COUNT_FIELDS = ("fatalities", "fatalities_low", "fatalities_high", "injured", "abducted", "arrested")


def clamp_counts(doc: Document, events: list[Event], limit: int) -> None:
    """No count over `limit` (a misreading or a total, and more than a 32-bit column holds)."""
    for event in events:
        for name in COUNT_FIELDS:
            value = getattr(event, name)
            if value is not None and not 0 <= value <= limit:
                setattr(event, name, min(max(value, 0), limit))
                doc.warnings.append((errors.W_COUNT_CLAMPED, f"{name} {value:,} clamped to {min(max(value, 0), limit):,}"))


_SURROGATE = re.compile("[\ud800-\udfff]")
TEXT_FIELDS = ("doc_id", "text", "html", "source", "url", "title", "path")


def sanitise_document(doc: Document) -> None:
    """Lone surrogates (from JSON escapes such as \\ud800, or file names that are not UTF-8)
    become U+FFFD: no encoder downstream (DuckDB, JSON, CSV) accepts them."""
    for name in TEXT_FIELDS:
        value = getattr(doc, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            setattr(doc, name, without_surrogates(value))


def without_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


@contextmanager
def time_limit(seconds: float, what) -> Iterator[None]:
    """Raise DocumentTimeout in the block once it has run `seconds` (and every second after, in
    case a library swallows the first). Only the main thread of a process can be interrupted
    (a signal): elsewhere (Dask worker threads) the limit is checked when the block ends."""
    if not seconds or seconds <= 0:
        yield
        return
    name = what.path or what.doc_id if isinstance(what, Document) else str(what)

    def over() -> errors.DocumentTimeout:
        return errors.DocumentTimeout(f"{name}: over the time limit of {seconds:g} s.",
                                      fix="Raise Options.doc_time_limit_s (--time-limit), or split the document.")

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        started = time.monotonic()
        yield
        if time.monotonic() - started > seconds:
            raise over()
        return

    def on_alarm(signum, frame):
        raise over()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def name_identified_casualties(doc, events) -> None:
    """'The victims were identified as ...': the names go to the event with casualties told
    last before that sentence."""
    from .extract.roles import identified_casualties
    from .merge import names_union

    for sent in doc.sents:
        names = identified_casualties(sent)
        if not names:
            continue
        before = [e for e in events if (e.fatalities or e.injured or e.abducted) and e.sources
                  and min(s.start for s in e.sources) <= sent.start_char]
        if before:
            event = max(before, key=lambda e: max(s.start for s in e.sources if s.start <= sent.start_char))
            event.victims = names_union([event.victims, names])


def find_document_places(parsed: Parsed) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """The places the text names, and apart from them those its datelines name: a dateline
    names where the reporter was, not where anything happened."""
    from .resolve.places import find_places

    skip = [b for b in parsed.clean.boilerplate if b.label != "dateline"]
    dateline_spans = [b for b in parsed.clean.boilerplate if b.label == "dateline"]
    found = find_places(parsed.clean.text, parsed.entities, skip=skip, datelines=dateline_spans)
    datelines = SpanSet(dateline_spans)
    return [p for p in found if not datelines.holds(p.start)], [p for p in found if datelines.holds(p.start)]


def default_place(event_places: list[PlaceMention | None],
                  all_places: list[PlaceMention], dateline_places: list[PlaceMention] = ()) -> PlaceMention | None:
    """Where an event with no place of its own most likely happened: the article's event place;
    where the text names no place at all, the dateline's town, near which local news happens
    (precision 2), rather than no country at all."""
    specific = [p for p in event_places if p is not None and p.place is not None]
    if specific:
        counts = Counter(p.place.geonameid for p in specific)
        return min(specific, key=lambda p: (p.place.is_country, -counts[p.place.geonameid],
                                            p.place.is_admin))
    named = [p for p in all_places if p.place is not None and not p.place.is_country]
    if named:
        counts = Counter(p.place.geonameid for p in named)
        best = max(named, key=lambda p: (counts[p.place.geonameid], -p.start))
        return PlaceMention(best.start, best.end, best.text, best.place, max(2, best.geo_precision))
    countries = [p for p in all_places if p.place is not None and p.place.is_country]
    if countries:
        counts = Counter(p.place.geonameid for p in countries)
        best = max(countries, key=lambda p: counts[p.place.geonameid])
        return PlaceMention(best.start, best.end, best.text, best.place, 3)
    filed_from = next((p for p in dateline_places if p.place is not None), None)
    if filed_from is not None:
        return PlaceMention(filed_from.start, filed_from.end, filed_from.text, filed_from.place,
                            3 if filed_from.place.is_country else 2)
    return None


def refine_country_level(event: Event, event_places: list[PlaceMention | None]) -> None:
    """'in southern Kyrgyzstan': a place the article names for its events in that country."""
    if not event.iso3 or event.geo_precision < 3 or event.admin1:
        return
    inside = [p for p in event_places if p is not None and p.place is not None
              and not p.place.is_country and p.place.iso3 == event.iso3]
    if not inside:
        return
    best = min(inside, key=lambda p: p.geo_precision)
    place = best.place
    event.admin1, event.admin2 = place.admin1, place.admin2
    event.location = place.name
    event.latitude, event.longitude, event.geonameid = place.latitude, place.longitude, place.geonameid
    event.geo_precision = max(2, best.geo_precision)


def code_paths(paths, meta_path=None, options: Options | None = None, workers: int = 1,
               dask: str | None = None) -> Iterator[DocResult | Failure]:
    """Read and code everything under `paths`; failures of ingest come out as `Failure`s.

    `workers` > 1 codes on that many processes, `dask` (a scheduler address) on a Dask
    cluster (see parallel.py); the results are the same, in the same order.
    """
    from .ingest import iter_documents, load_meta

    options = options or Options()
    meta = load_meta(meta_path)
    failures: list[Failure] = []

    def documents():
        for item in iter_documents(paths, meta, options, exclude=[meta_path] if meta_path else []):
            if item.failure is not None:
                failures.append(item.failure)
            else:
                yield item.document

    if dask:
        from .parallel import code_documents_dask

        results = code_documents_dask(documents(), options, dask)
    elif workers != 1:
        from .parallel import code_documents_parallel

        results = code_documents_parallel(documents(), options, workers)
    else:
        results = code_documents(documents(), options)
    for result in results:
        while failures:
            yield failures.pop(0)
        yield result
    yield from failures


def place_records(paths, meta_path=None, options: Options | None = None) -> Iterator[dict]:
    """Every place mention of every document, as flat records for geoparsing benchmarks."""
    from .ingest import iter_documents, load_meta
    from .nlp import parse_documents

    options = options or Options()
    meta = load_meta(meta_path)
    for item in iter_documents(paths, meta, options, exclude=[meta_path] if meta_path else []):
        if item.document is None:
            continue
        try:
            clean = clean_document(item.document)
        except errors.InputError:
            continue
        parsed = next(parse_documents([clean], options))
        # Geoparsing: every toponym, datelines and demonyms included (marked feature_code "demonym").
        from .resolve.places import find_places, place_record

        for p in find_places(parsed.clean.text, parsed.entities, geoparsing=True):
            yield {"doc_id": item.document.doc_id, "start": p.start, "end": p.end, "text": p.text,
                   **place_record(p)}
