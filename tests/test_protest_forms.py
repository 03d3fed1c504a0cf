"""Protests told without the usual words (invented sentences)."""
from __future__ import annotations

import pytest
from conflictcoder.extract import triggers


# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).
@pytest.fixture(scope="module")
def code_text(code_text_patterns):
    return code_text_patterns


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


def test_crowds_that_take_to_the_streets_protest(code_text):
    events = code_text("Thousands of students defied a ban and took to the streets of the capital on "
                       "Friday, demanding the minister's resignation.")
    assert {e.event_type for e in events} & {"Protests", "Riots"}


def test_forces_that_jailed_suspects_arrested_them(code_text):
    events = code_text("Security forces have jailed over 40 militants suspected of plotting "
                       "bomb attacks in the northern province, officials said on Monday.")
    assert "Arrests" in {e.sub_event_type for e in events}


def test_a_court_that_jailed_a_fraudster_is_no_event(code_text):
    assert code_text("A court jailed a former bank manager for six years on Monday for fraud.") == []


def test_hundreds_of_demonstrators_who_block_a_highway_riot(code_text):
    events = code_text("On Monday, hundreds of demonstrators blocked the main highway near the city to demand "
                       "government protection, and said they would stay until officials met them.")
    assert [e.event_type for e in events] == ["Riots"]
