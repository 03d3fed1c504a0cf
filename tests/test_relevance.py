"""The relevance stage: texts with no sign of violence skip the parser, without losing events.

Every text here was written for these tests.
"""
from __future__ import annotations

import json
import time
from datetime import date

import pytest

from conflictcoder.relevance import is_relevant, judge

VIOLENT = [
    "Gunmen killed four villagers in an overnight raid on a farming settlement, police said.",
    "A roadside bomb exploded near a police checkpoint on Tuesday, wounding three officers.",
    "Two people were killed on Monday in the town of Mopti, officials said.\nSoldiers were sent to the area.",
    "Militants ambushed a convoy of army trucks on the highway late on Sunday.",
    "Soldiers and rebels exchanged fire for several hours near the border.",
    "Protesters clashed with riot police outside parliament; tear gas was fired.",
    "An airstrike hit a market in the north of the province.",
    "Armed men kidnapped six students from their dormitory before dawn.",
    "SECURITY FORCES ARRESTED 12 SUSPECTS AFTER THE ATTACK ON THE BARRACKS.",
    "The bodies of five people were found in a flat in the old town on Friday.",
    "The journalist was assassinated outside his home.",
    "Rebels set fire to the district office and opened fire on guards.",
    "Hundreds of demonstrators marched on the ministry, and police detained 40 of them.",
]

PEACEFUL = [
    "The central bank kept interest rates unchanged on Thursday as inflation slowed.",
    "The striker shot and scored twice as the home team won the cup final.",
    "The company released its quarterly earnings, beating forecasts for revenue.",
    "A new bridge over the river opened to traffic after three years of work.",
    "The film festival opened with a comedy about a family reunion.",
    "Heavy rain is expected across the region over the weekend.",
    "Scientists recovered fragments of a meteorite in the desert.",
    "Two people died when their car hit a tree in a crash on the motorway.",
    "He suffered a heart attack during the match but is recovering.",
]


@pytest.mark.parametrize("text", VIOLENT)
def test_violent_texts_are_kept(text):
    verdict = judge(text)
    assert verdict.relevant, verdict


@pytest.mark.parametrize("text", PEACEFUL)
def test_peaceful_texts_are_skipped(text):
    verdict = judge(text)
    assert not verdict.relevant, verdict


def test_a_bare_death_needs_a_sign_of_violence_somewhere_in_the_article():
    # The measured trade-off (benchmarks/relevance_recall.py --events): the extractor would take
    # this sentence alone, but an article about violence names it somewhere; obituaries and
    # reports of illness do not.
    assert not is_relevant("Two people were killed on Monday in the town of Mopti, officials said.")
    assert is_relevant("Two people were killed on Monday in the town of Mopti, officials said. "
                       "The army blamed militants.")


def test_context_may_be_in_a_neighbouring_sentence():
    text = ("The attack began shortly after midnight.\nWitnesses said gunmen arrived on motorbikes.")
    assert is_relevant(text)


def test_hyphenated_compounds_count_by_their_parts():
    assert is_relevant("Anti-riot police fired tear gas at the crowd after a pro-government rally.")


def test_reasons_say_why():
    assert judge("Troops came under mortar fire.").reason.startswith(("context:", "strong:", "phrase:"))
    assert judge("The weather was fine.").reason == "no-trigger"


def test_fast_on_long_text():
    text = " ".join(PEACEFUL) * 40  # about 50 kB
    start = time.perf_counter()
    for _ in range(20):
        is_relevant(text)
    # a generous bound, so that a loaded CI machine passes: parsing it would take seconds
    assert (time.perf_counter() - start) / 20 < 0.05


def test_lexicon_is_imported_not_copied():
    from conflictcoder.extract import lexicon
    from conflictcoder import relevance

    assert relevance.TRIGGER_WORDS <= set(lexicon.TRIGGERS)
    assert relevance.VIOLENT == frozenset(lexicon.VIOLENCE_CONTEXT)


def test_pipeline_records_skipped_documents_as_coded_with_no_events():
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document
    from conflictcoder.settings import Options

    docs = [Document(doc_id="calm", text=PEACEFUL[0], published=date(2024, 3, 14)),
            Document(doc_id="raid", text=VIOLENT[0], published=date(2024, 3, 14)),
            Document(doc_id="calm2", text=PEACEFUL[3], published=date(2024, 3, 14))]
    results = list(code_documents(docs))
    assert [r.document.doc_id for r in results] == ["calm", "raid", "calm2"]
    assert [r.parsed for r in results] == [False, True, False]
    assert results[0].failure is None and results[0].events == [] and results[0].clean is not None
    assert results[1].events
    # turned off, every document is parsed, and the events are the same
    off = list(code_documents(docs, Options(relevance_filter=False)))
    assert all(r.parsed for r in off)
    assert [[e.to_record() for e in r.events] for r in off] == [[e.to_record() for e in r.events] for r in results]


def test_cli_no_relevance_filter_gives_the_same_events(tmp_path):
    from typer.testing import CliRunner

    from conflictcoder.cli import app

    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(VIOLENT[:2] + VIOLENT[3:5] + PEACEFUL[:3]):
        (src / f"a{i}.txt").write_text(text + "\n", encoding="utf-8")
    outs = []
    for flag in ([], ["--no-relevance-filter"]):
        out = tmp_path / f"out{len(outs)}.jsonl"
        res = CliRunner().invoke(app, ["code", str(src), "--no-db", "-q", "--workers", "1", "-o", str(out), *flag])
        assert res.exit_code == 0, res.output
        outs.append(sorted(json.dumps(json.loads(line), sort_keys=True) for line in out.read_text().splitlines()))
    assert outs[0] == outs[1] and outs[0]
