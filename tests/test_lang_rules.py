"""Every rule of every language file (lang/<code>/*.json) has an id, a note and examples, and its
examples hold: a trigger or phrase rule's words fire, through the real trigger finder, on each
sentence it must match, with the rule's category, and do not on each it must not match; a plain
word set shares a word with each sentence it must match and none with each it must not."""
from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources

import pytest

from conflictcoder import lang
from conflictcoder.extract import lexicon as lx

LANGUAGES = sorted(e.name for e in resources.files("conflictcoder.lang").iterdir()
                   if e.is_dir() and any(f.name.endswith(".json") for f in e.iterdir()))
RULES = [r for code in LANGUAGES for r in lang.rules(code).values()]
PATTERN_RULES = [r for r in RULES if r.kind in ("trigger", "phrase")]
WORD_SETS = [r for r in RULES if r.kind == "words"]
_WORD = re.compile(r"'?[a-z0-9]+(?:-[a-z0-9]+)*")
# Rules whose examples the code does not yet hold, and why: each fails strictly, so that a fix
# shows up and its line here goes
KNOWN_GAPS = {
    "phrase.sexual.assaulted": "the trigger finder anchors a verb phrase on its first word, and 'sexually' is "
                               "an adverb: it reads 'assaulted' alone, as an attack",
}


def raw_rules():
    for code in LANGUAGES:
        for entry in sorted(resources.files("conflictcoder.lang").joinpath(code).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".json"):
                for raw in json.loads(entry.read_text(encoding="utf-8"))["rules"]:
                    yield f"lang/{code}/{entry.name}", raw


def test_lang_rules_have_unique_ids_across_files():
    ids = [raw["id"] for _, raw in raw_rules()]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert len(RULES) == len(ids)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_lang_rule_has_id_note_words_and_both_kinds_of_example(rule):
    assert re.fullmatch(r"[a-z]+(?:\.[a-z_]+)+", rule.id), rule.id
    assert rule.note.strip() and "\n" not in rule.note
    assert rule.words or rule.include
    assert len(set(rule.words)) == len(rule.words), "a word listed twice"
    assert all(w == w.lower() and w.strip() == w for w in rule.words)
    assert rule.match and rule.no_match
    assert all(i in {r.id for r in RULES} for i in rule.include)


def test_lang_rule_categories_are_the_extract_stages():
    categories = {v for k, v in vars(lx).items() if k.isupper() and isinstance(v, str) and v.isalpha()}
    assert {r.category for r in PATTERN_RULES} == categories


@pytest.mark.parametrize("rule", WORD_SETS, ids=lambda r: r.id)
def test_lang_word_set_examples(rule):
    words = lang.words(rule.id)
    for sentence in rule.match:
        assert set(_WORD.findall(sentence.lower())) & words, f"no word of {rule.id} in {sentence!r}"
    for sentence in rule.no_match:
        found = set(_WORD.findall(sentence.lower())) & words
        assert not found, f"{sorted(found)} of {rule.id} in {sentence!r}"


def hits_of(text: str):
    """(category, token) of every trigger the real finder keeps in a text, read as the extract
    stage reads it (whether the text is plainly about violence, or about sport)."""
    from conflictcoder.clean import clean_document
    from conflictcoder.extract import is_sport_document, is_violent_document
    from conflictcoder.extract.triggers import find_hits
    from conflictcoder.nlp import parse_document
    from conflictcoder.records import Document

    parsed = parse_document(clean_document(Document(doc_id="rule", text=text, published=date(2024, 3, 14))))
    doc = parsed.spacy_doc
    lowers = [t.lower_ for t in doc]
    violent, sport = is_violent_document(set(lowers)), is_sport_document(lowers, set(lowers))
    return [(hit.category, hit.token) for sent in doc.sents
            for hit in find_hits(sent, lx.VIOLENCE_CONTEXT, violent, sport)]


def fired(rule, hits) -> bool:
    """Whether one of the rule's own words, or one of its phrases, gave a hit of its category."""
    from conflictcoder.extract.triggers import phrase_hit

    for category, token in hits:
        if category != rule.category:
            continue
        if rule.kind == "trigger" and token.lower_ in rule.words:
            return True
        sentence = {t.lower_ for t in token.sent}
        if rule.kind == "phrase" and phrase_hit(token) is not None and any(
                token.lower_ in pair and set(pair) <= sentence for pair in (tuple(p.split()) for p in rule.words)):
            return True
    return False


@pytest.mark.parametrize("rule", [
    pytest.param(r, id=r.id, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[r.id])) if r.id in KNOWN_GAPS
    else pytest.param(r, id=r.id) for r in PATTERN_RULES])
def test_lang_pattern_rule_examples_fire(rule):
    for sentence in rule.match:
        hits = hits_of(sentence)
        assert fired(rule, hits), f"{rule.id} did not fire on {sentence!r}: {[(c, t.text) for c, t in hits]}"
    for sentence in rule.no_match:
        hits = hits_of(sentence)
        assert not any(category == rule.category for category, _ in hits), \
            f"{rule.id}'s category fired on {sentence!r}: {[(c, t.text) for c, t in hits]}"
