"""The main event of a short report against what it tells as backdrop (invented sentences)."""
from __future__ import annotations

import pytest
from conftest import main_type




# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).
@pytest.fixture(scope="module")
def code_text(code_text_patterns):
    return code_text_patterns


def test_date_in_a_relative_clause_is_not_the_protests_own(code_text):
    events = code_text("Scores of nurses marched through the capital on Friday to protest against "
                       "hospital closures that have spread since the minister took office in 2019.",
                       published=None)
    assert main_type(events) == "Peaceful protest"


def test_mourning_rally_is_a_peaceful_protest(code_text):
    events = code_text("Hundreds of students rallied in the northern city on Sunday to honour scores of "
                       "marchers killed two weeks ago in an army raid on their camp.")
    assert main_type(events) == "Peaceful protest"


def test_demand_for_release_of_detained_marchers_is_no_intervention(code_text):
    events = code_text("Several hundred people rallied across the country on 3 May. They demanded the "
                       "release of marchers detained during the great Independence Day rally in the capital.")
    assert main_type(events) == "Peaceful protest"


def test_exchange_beside_a_place_known_for_fighting_is_an_agreement(code_text):
    events = code_text("Rebel fighters and army units exchanged prisoners and bodies Monday near the "
                       "old port town of Marbella, where some of the region's heaviest fighting took place in recent weeks")
    assert main_type(events) == "Agreement"


def test_a_coalition_tasked_with_fighting_withdraws_without_a_clash(code_text):
    events = code_text("The multinational coalition tasked with fighting the jihadist group on Friday "
                       "withdrew from the airfield north of the capital.")
    assert main_type(events) == "Non-violent transfer of territory"


def test_ground_re_captured_is_retaken_not_an_arrest(code_text):
    events = code_text("The hill was re-captured by army troops on Saturday, residents said.")
    assert main_type(events) == "Government regains territory"


def test_a_hyphenated_cease_fire_is_an_agreement(code_text):
    events = code_text("Rebel commanders and the army signed a cease-fire on Wednesday in the "
                       "southern province.")
    assert main_type(events) == "Agreement"


def test_a_weapon_named_before_a_hyphen_is_a_modifier(code_text):
    events = code_text("Rebel fighters seized a deserted rocket-launching site near the air base on "
                       "Tuesday, a monitoring group said.")
    assert "Shelling/artillery/missile attack" not in {e.sub_event_type for e in events}


def test_a_killing_that_describes_seized_arms_does_not_type_the_seizure(code_text):
    events = code_text("Police on Sunday seized three rifles, one of which was used in a murder, "
                       "during a raid on a militant hideout.")
    assert main_type(events) == "Disrupted weapons use"
