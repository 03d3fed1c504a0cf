"""Territory taken, told with split phrases or with a detail in a relative clause (invented sentences)."""
from __future__ import annotations

import pytest
from conftest import coder, main_type




# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).
@pytest.fixture(scope="module")
def code_text(code_text_patterns):
    return code_text_patterns


def test_control_taken_with_an_adjective_between(code_text):
    events = code_text("Government troops took full control of Deran town on Monday in heavy "
                       "clashes with the rebels.")
    assert main_type(events) == "Government regains territory"


def test_a_phrase_split_by_its_object(code_text):
    events = code_text("Army units drove the insurgents out of the northern districts on Sunday after "
                       "fierce clashes with the rebels, the defence ministry said.")
    assert main_type(events) == "Government regains territory"


def test_a_relative_clause_detail_does_not_outrank_the_takeover(code_text):
    events = code_text("The national army seized control of Garsale town on Friday, where soldiers also "
                       "captured two rebel commanders and several fighters, state radio said.")
    assert main_type(events) == "Government regains territory"


def test_a_coach_who_took_full_charge_is_no_event(code_text):
    assert code_text("The new coach took full control of the squad on Monday and drove the players out "
                     "of their comfort zone in training.") == []


def test_fighters_who_entered_a_town_unopposed_took_it_without_violence(code_text):
    events = code_text("Rebel fighters entered the town of Besra before dawn on Tuesday and met no "
                       "resistance, a commander said.")
    assert main_type(events) == "Non-violent transfer of territory"


def test_entering_a_building_or_a_race_is_no_takeover(code_text):
    assert code_text("The senator entered the race for governor on Tuesday without any resistance "
                     "from her party.") == []


@pytest.mark.parametrize("text, taken_as", [
    ("Government forces captured a town and two villages in the north on Sunday, state media said.",
     "Government regains territory"),
    ("The army and allied fighters captured a key district of the eastern province on Thursday, the army said.",
     "Government regains territory"),
    ("Rebel fighters retook a strategic town from government forces on Thursday, activists said.",
     "Non-state actor overtakes territory"),
    ("Militants seized the town of Kamba after a two-day battle with soldiers, residents said.",
     "Non-state actor overtakes territory"),
])
def test_who_took_the_territory_decides_its_type(code_with_detector, text, taken_as):
    # through the detector: it reads the words of taking, the parse who took it
    assert main_type(code_with_detector(text)) == taken_as


@pytest.fixture(scope="module")
def code_with_detector():
    return coder(detector=True)
