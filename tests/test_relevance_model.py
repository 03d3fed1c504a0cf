"""The learned relevance stage: the shipped model and its card, blocks, parse plans, and the
pipeline parsing only the planned blocks with every offset right."""
from __future__ import annotations

import hashlib
import json
from datetime import date

import numpy as np
import pytest

from conflictcoder.clean import clean_document
from conflictcoder.records import Document
from conflictcoder.relevance import MAX_BLOCK, MIN_BLOCK, blocks, parse_plan
from conflictcoder.relevance.model import CARD, DIMENSION, WEIGHTS, features, load_model
from conflictcoder.settings import Options

MARKETS = ("Shares in the country's largest food retailer rose 3 percent on Wednesday after it reported "
           "higher sales over the holiday season. The company said it would open twenty new stores next "
           "year and hire about 1,500 staff, most of them in the south.")
WEATHER = ("Forecasters expect a mild and dry week across most of the country, with temperatures a few "
           "degrees above the seasonal average. Farmers welcomed the chance to finish sowing the winter "
           "wheat before the first frosts arrive.")
TOWN = ("The town council approved a budget that raises spending on roads and libraries by a tenth. The "
        "mayor said the money would come from a new parking levy and savings in the council's offices.")
EVENT = ("Gunmen on motorcycles killed seven villagers and wounded four others in an attack on a market "
         "in central Mali on Tuesday, local officials said. The attackers also set fire to several shops "
         "before fleeing.")


def clean(text: str):
    return clean_document(Document(doc_id="t", text=text, published=date(2024, 3, 14)))


def test_relevance_model_matches_its_card():
    card = json.loads(CARD.read_text(encoding="utf-8"))
    assert card["weights_sha256"] == hashlib.sha256(WEIGHTS.read_bytes()).hexdigest()
    data = np.load(WEIGHTS)
    assert data["weights"].shape == (DIMENSION,) == (card["dimension"],)
    assert float(data["threshold"]) == pytest.approx(card["threshold"])
    assert sum(s["examples"] for s in card["sources"]) == card["examples"]
    assert sum(s["positives"] for s in card["sources"]) == card["positives"]
    assert {s["name"] for s in card["sources"]} == {"corpus", "muc4", "no_event"}
    for name in ("BBC", "SATP", "CASE 2021", "the seeds", "corpus/gate", "MUC-4 dev"):
        assert name in card["never_trained_on"]
    assert 0 < card["threshold"] < 1
    assert card["cross_validation"]["recall"] >= 0.99
    assert load_model().threshold == pytest.approx(card["threshold"])


def test_relevance_features_are_stable_hashes_in_range():
    ids = features("Gunmen killed seven villagers")
    assert ids == features("GUNMEN KILLED SEVEN VILLAGERS")  # case does not matter
    assert all(0 <= i < DIMENSION for i in ids)
    # words, their character 3-5-grams and the pairs of neighbouring words
    assert len(ids) > 4 * 3
    assert features("") == []


def test_relevance_model_scores_an_attack_above_market_news():
    model = load_model()
    attack, markets = model.probabilities([EVENT, MARKETS])
    assert attack > model.threshold
    assert attack > markets


def test_relevance_blocks_tile_the_text():
    long_paragraph = " ".join([WEATHER] * 12)  # one paragraph longer than a block
    text = "Headline of the day\n\n" + MARKETS + "\n\n" + long_paragraph + "\n\n" + TOWN + "\n"
    spans = blocks(text)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    covered = "".join(text[s:e] for s, e in spans)
    # every character but the blank lines between paragraphs is in one block
    assert "".join(covered.split()) == "".join(text.split())
    assert all(e - s <= MAX_BLOCK for s, e in spans)
    # the short headline is read with the paragraph after it
    assert spans[0][0] == 0 and text[spans[0][0]:spans[0][1]].endswith(MARKETS)
    assert all(e - s >= MIN_BLOCK for s, e in spans)


def test_parse_plan_is_empty_without_violence():
    assert parse_plan(clean("\n\n".join([MARKETS, WEATHER, TOWN]))) == []


def test_parse_plan_takes_the_event_block_and_the_first_one():
    text = "\n\n".join([MARKETS, WEATHER, TOWN, EVENT, WEATHER, MARKETS])
    c = clean(text)
    plan = parse_plan(c)
    assert plan and plan[0][0] == 0  # the first block: headline, dateline, lede
    event_at = c.text.index(EVENT[:40])
    assert any(s <= event_at < e for s, e in plan)
    planned = sum(e - s for s, e in plan)
    assert planned < len(c.text) / 2  # the market and weather paragraphs are not parsed


def test_parse_plan_reads_a_block_between_two_chosen_ones(monkeypatch):
    """A paragraph the model scores low between two it chose belongs to their story: it is parsed
    with them, while a low one beside a single chosen block is not."""
    import conflictcoder.relevance as relevance

    text = "\n\n".join([MARKETS, EVENT, WEATHER, EVENT, MARKETS, WEATHER])
    c = clean(text)
    spans = relevance.blocks(c.text)
    assert len(spans) == 6
    low, high = -10.0, 10.0
    monkeypatch.setattr(relevance, "block_scores", lambda text, spans_: [low, high, low, high, low, low])
    plan = parse_plan(c)
    between = spans[2][0]
    beside, last = spans[4][0], spans[5][0]
    assert any(s <= between < e for s, e in plan)  # between the two events
    assert not any(s <= at < e for s, e in plan for at in (beside, last))  # beside one event, or none


def test_parse_plan_threshold_is_a_setting():
    c = clean("\n\n".join([MARKETS, EVENT]))
    assert parse_plan(c, Options(relevance_threshold=1 - 1e-12)) == []
    assert parse_plan(c, Options(relevance_threshold=1e-12))


def test_pipeline_parses_only_the_plan_and_offsets_hold():
    from conflictcoder.pipeline import code_documents

    text = "\n\n".join([MARKETS, WEATHER, TOWN, EVENT, WEATHER, MARKETS, TOWN])
    doc = Document(doc_id="mixed", text=text, published=date(2024, 3, 14))
    (result,) = list(code_documents([doc], Options()))
    assert result.failure is None and result.parsed
    assert result.clean.parse_spans and sum(e - s for s, e in result.clean.parse_spans) < len(text)
    assert result.events, "the attack is coded"
    event = max(result.events, key=lambda e: e.fatalities or 0)
    assert event.fatalities == 7
    assert event.sub_event_type == "Attack"
    for source in event.sources:
        assert result.clean.text[source.start:source.end].strip() == source.sentence.strip()
        assert "Gunmen" in source.sentence or "attackers" in source.sentence
    # the same event, from the same sentences, as when the whole text is parsed (a sentence there
    # also holds the line breaks after it: the blank lines between blocks belong to no block)
    (whole,) = list(code_documents([Document(doc_id="mixed", text=text, published=date(2024, 3, 14))],
                                   Options(relevance_filter=False)))

    def told(events):
        return [(e.sub_event_type, e.fatalities, [(s.start, s.sentence.strip()) for s in e.sources]) for e in events]

    assert told(result.events) == told(whole.events)


def test_planned_parse_has_no_sentence_outside_the_plan():
    from conflictcoder.nlp import parse_document

    c = clean("\n\n".join([MARKETS, WEATHER, EVENT, TOWN]))
    c.parse_spans = parse_plan(c)
    parsed = parse_document(c)
    assert len(parsed.spacy_doc.text) == len(c.text)
    assert parsed.sentences
    for sent in parsed.sentences:
        assert sent.text.strip()
        assert any(s <= sent.start and sent.end <= e + 1 for s, e in c.parse_spans)
    for ent in parsed.entities:
        assert c.text[ent.start:ent.end] == ent.text
        assert any(s <= ent.start < e for s, e in c.parse_spans)


def test_unplanned_documents_are_coded_without_a_parse():
    from conflictcoder.pipeline import code_documents

    doc = Document(doc_id="calm", text="\n\n".join([MARKETS, WEATHER, TOWN]), published=date(2024, 3, 14))
    (result,) = list(code_documents([doc], Options()))
    assert result.failure is None and not result.parsed and not result.events


def test_relevance_training_features_are_the_run_time_ones():
    pytest.importorskip("scipy")
    from conflictcoder.training.relevance import choose_threshold, matrix

    model = load_model()
    texts = [EVENT, MARKETS, "short"]
    x = matrix(texts)
    assert x.shape == (3, DIMENSION)
    fitted = model.bias + x @ model.weights
    assert np.allclose(fitted, model.logits(texts))
    # the threshold keeps the asked share of positives
    probabilities = np.array([0.9, 0.8, 0.2, 0.05, 0.6, 0.3])
    labels = np.array([1, 1, 1, 0, 1, 0])
    assert choose_threshold(probabilities, labels, 1.0) == 0.2
    assert choose_threshold(probabilities, labels, 0.75) == 0.6


def test_no_event_texts_are_grouped_by_their_writer(tmp_path):
    """Cross-validation keeps writers apart: each writer's no-event texts are one group (the id's
    prefix), so that no fold holds out every no-event text at once."""
    from conflictcoder.training.relevance import no_event_blocks

    path = tmp_path / "no_event.jsonl"
    rows = [{"id": "r0-0001", "domain": "sport", "text": "The striker fired home twice."},
            {"id": "r0-0002", "domain": "business", "text": "Shares shot up after the takeover."},
            {"id": "r1-0001", "domain": "local", "text": "The council killed the parking plan."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    blocks_ = no_event_blocks(path)
    assert [b.group for b in blocks_] == ["r0", "r0", "r1"]
    assert not any(b.positive for b in blocks_)
