"""Labelled examples: a sentence, its paragraph context, a detector label and where it came from."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..extract.detector import context_of
from ..vocabulary import DETECTOR_LABELS

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "corpus"


@dataclass(frozen=True, slots=True)
class Example:
    sentence: str
    context: str
    label: str
    source: str  # "corpus", "muc4", "plover", ...
    group: str  # who wrote it (corpus writer) or which document: cross-validation keeps groups apart
    paragraph: str = ""  # the paragraph's id
    domain: str = ""
    country: str = ""
    register: str = ""


def corpus_examples(directory: Path) -> Iterator[Example]:
    """The examples of every `*.jsonl` file in `directory`, in file and line order."""
    for writer, record in written_paragraphs(directory):
        yield from paragraph_examples(record, writer)


def paragraph_examples(record: dict, writer: str) -> Iterator[Example]:
    sentences = [s["text"].strip() for s in record["sentences"]]
    for i, s in enumerate(record["sentences"]):
        if s["label"] not in DETECTOR_LABELS:
            raise ValueError(f"{record['id']}: unknown label {s['label']!r}")
        yield Example(sentences[i], context_of(sentences, i), s["label"], "corpus", writer,
                      record["id"], record.get("domain", ""), record.get("country", ""),
                      record.get("register", ""))


def paragraphs(directory: Path) -> Iterator[dict]:
    """The paragraph records of every `*.jsonl` file in `directory`, in file and line order."""
    for _, record in written_paragraphs(directory):
        yield record


def written_paragraphs(directory: Path) -> Iterator[tuple[str, dict]]:
    """(writer, paragraph record) pairs: a file is one writer's, named after them."""
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield path.stem, json.loads(line)
