"""Protests told without the usual words (invented sentences)."""
from __future__ import annotations

from conflictcoder.extract import triggers


def test_crowds_walking_the_streets_are_a_protest(code_text):
    events = code_text("Calm crowds walked the streets of the capital on Sunday and went on demanding "
                       "the return of the elected president.")
    assert "Peaceful protest" in {e.sub_event_type for e in events}


def test_walking_to_work_is_no_protest(code_text):
    assert code_text("Commuters walked to work on Monday after the bus drivers' union called a strike "
                     "over pay.") == []


def test_a_march_named_in_title_case_is_not_the_month():
    from conflictcoder.nlp import load_model

    nlp = load_model()
    doc = nlp("Thousands joined the annual Freedom March through the old city on Saturday.")
    march = next(t for t in doc if t.text == "March")
    assert triggers.marched_in_protest(march)
    doc = nlp("In March the council approved the budget.")
    month = next(t for t in doc if t.text == "March")
    assert not triggers.marched_in_protest(month)
