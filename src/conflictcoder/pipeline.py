"""The coding pipeline: documents in, events out, stage by stage.

    ingest -> clean -> nlp -> extract -> resolve (places, dates) -> merge (+ actors) -> events

A document that a stage cannot handle comes out with a `Failure` (its reason) instead of
events; the run goes on with the rest.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import errors
from .clean import clean_document
from .records import CleanDocument, Document, Event, Failure, Parsed, PlaceMention
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

    With `options.relevance_filter`, a text with no sign of violence (relevance.py) is not
    parsed: it comes out coded, with no events, in its place in the input order.
    """
    options = options or Options()
    if options.relevance_filter:
        from .relevance import is_relevant
    # what waits for the next parse: (document, clean document) to parse, or a ready DocResult
    batch: list[tuple[Document, CleanDocument] | DocResult] = []
    n_parse = 0
    for doc in documents:
        try:
            clean = clean_document(doc)
        except errors.InputError as exc:
            ready = DocResult(doc, failure=Failure(doc.path or doc.doc_id, exc.code, exc.message, doc.doc_id))
        else:
            if not options.relevance_filter or is_relevant(clean.text):
                batch.append((doc, clean))
                n_parse += 1
                if n_parse >= batch_size:
                    yield from code_batch(batch, options)
                    batch, n_parse = [], 0
                continue
            ready = DocResult(doc, clean=clean, parsed=False)
        if not batch:
            yield ready
            continue
        batch.append(ready)
        if len(batch) >= max_pending:
            yield from code_batch(batch, options)
            batch, n_parse = [], 0
    if batch:
        yield from code_batch(batch, options)


def code_batch(batch: list, options: Options) -> Iterator[DocResult]:
    """Code (document, clean document) pairs in order, parsing them in one nlp.pipe; ready
    `DocResult`s in the list come out in their places."""
    from .nlp import parse_documents

    to_parse = [item[1] for item in batch if not isinstance(item, DocResult)]
    parsed = parse_documents(to_parse, options, batch_size=max(1, len(to_parse)))
    for item in batch:
        if isinstance(item, DocResult):
            yield item
        else:
            yield code_parsed(item[0], next(parsed), options)


def code_parsed(doc: Document, parsed: Parsed, options: Options) -> DocResult:
    from .extract import extract_mentions
    from .extract.decide import event_verdict, keeps
    from .merge import build_event, merge_mentions
    from .resolve.actors import name_actor
    from .resolve.assign import resolve_mentions
    from .extract.roles import fullest_name
    from .merge import names_union
    from .resolve.attribution import credit_named_group, responsible_groups

    def unique_names(names):
        return names_union([list(names)])

    places = find_document_places(parsed)
    mentions = extract_mentions(parsed, options)
    resolve_mentions(parsed, mentions, places)
    # the detector decides per event: a sentence adding a detail stands or falls with its event
    groups = [g for g in merge_mentions(mentions) if keeps(g.mentions, options)]
    default = default_place([g.place() for g in groups], places)
    events = []
    published = parsed.clean.published
    authors = responsible_groups(parsed.clean.text, published.year if published else None) if groups else []
    for g in groups:
        event = build_event(g, doc, published, default, name_actor, parsed.clean.text)
        settle_type(event, event_verdict([g.lead]) or event_verdict(g.mentions))
        refine_country_level(event, [g.place() for g in groups])
        credit_named_group(event, authors)
        event.victims = unique_names(fullest_name(parsed.spacy_doc, v) for v in event.victims)
        events.append(event)
    name_identified_casualties(parsed.spacy_doc, events)
    parsed.spacy_doc = None  # the Doc is large; nothing after this stage needs it
    return DocResult(doc, events=events, clean=parsed.clean, places=places)


def settle_type(event: Event, verdict) -> None:
    """The detector's sub-event type where it does not back the patterns' one, and the calibrated
    probability of the type as the event's confidence."""
    from .extract.decide import settled_type
    from .vocabulary import EVENT_TYPE_OF, disorder_type

    sub_event_type, confidence = settled_type(event.sub_event_type, verdict)
    if confidence is None:
        return
    if sub_event_type != event.sub_event_type:
        event.sub_event_type, event.event_type = sub_event_type, EVENT_TYPE_OF[sub_event_type]
        event.disorder_type = disorder_type(event.event_type, sub_event_type)
    event.confidence = confidence


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


def find_document_places(parsed: Parsed) -> list[PlaceMention]:
    from .resolve.places import find_places

    skip = [b for b in parsed.clean.boilerplate if b.label != "dateline"]
    found = find_places(parsed.clean.text, parsed.entities, skip=skip)
    datelines = [b for b in parsed.clean.boilerplate if b.label == "dateline"]
    # a dateline names where the reporter was, not where anything happened
    return [p for p in found if not any(b.start <= p.start < b.end for b in datelines)]


def default_place(event_places: list[PlaceMention | None],
                  all_places: list[PlaceMention]) -> PlaceMention | None:
    """Where an event with no place of its own most likely happened: the article's event place."""
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
