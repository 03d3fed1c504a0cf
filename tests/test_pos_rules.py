"""The attribute rules applied as arrays give what spaCy's attribute_ruler gives."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictcoder.nlp import load_model
from conflictcoder.pos_rules import PosRules, compile_ruler

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "train"


def corpus_texts(limit: int = 300) -> list[str]:
    """Paragraphs of the project's own corpus (every register, ALL CAPS and lower case too)."""
    texts = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                texts.append(" ".join(s["text"] for s in record["sentences"]))
                if len(texts) % (limit // 10) == 0:
                    break
    return texts + ["", "  \n\n  ", "There were clashes.\n\nThen   calm.", "ONE\nTWO"]


@pytest.fixture(scope="module")
def spacy_ruler():
    import spacy

    from conflictcoder.settings import Options

    for name in Options().spacy_models:
        try:
            return spacy.load(name, exclude=["lemmatizer", "ner"])
        except OSError:
            continue
    pytest.skip("no spaCy English model installed")


def test_the_pipeline_uses_the_array_rules():
    names = load_model().pipe_names
    assert "conflictcoder_pos_rules" in names and "attribute_ruler" not in names


def test_array_rules_set_the_same_pos_tag_and_dep_as_the_ruler(spacy_ruler):
    nlp = spacy_ruler
    rules = compile_ruler(nlp.get_pipe("attribute_ruler"))
    assert rules is not None and len(rules.tag_keys) > 20 and rules.rules
    texts = corpus_texts()
    n_tokens = 0
    with nlp.select_pipes(disable=["attribute_ruler"]):
        bare = list(nlp.pipe(texts))
    ruled = list(nlp.pipe(texts))
    for plain, expected in zip(bare, ruled):
        got = rules(plain)
        assert [(t.pos_, t.tag_, t.dep_) for t in got] == [(t.pos_, t.tag_, t.dep_) for t in expected], got.text
        n_tokens += len(got)
    assert n_tokens > 5000


def test_a_later_rule_wins_and_a_two_token_rule_sets_its_own_token(spacy_ruler):
    vocab = spacy_ruler.vocab
    from spacy.tokens import Doc

    rules = PosRules([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": "x"}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"LOWER": "x"}]], "attrs": {"POS": "SYM"}},
        {"patterns": [[{"LOWER": "a"}, {"LOWER": {"IN": ["b", "c"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
        {"patterns": [[{"LOWER": "a"}]], "attrs": {"MORPH": "Foo=Bar"}},
    ], vocab.strings)
    doc = Doc(vocab, words=["x", "y", "a", "b", "b", "a"], tags=["NN", "NN", "NN", "NN", "NN", "NN"])
    assert [t.pos_ for t in rules(doc)] == ["SYM", "NOUN", "NOUN", "VERB", "NOUN", "NOUN"]


def test_an_unsupported_pattern_keeps_spacys_ruler(spacy_ruler):
    class Ruler:
        vocab = spacy_ruler.vocab
        patterns = [{"patterns": [[{"TEXT": {"REGEX": "^a"}}]], "attrs": {"POS": "X"}}]
    assert compile_ruler(Ruler()) is None
