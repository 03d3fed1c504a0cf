"""Events told in South Asian and wire phrasing: split phrases ('set two trucks ablaze'), and
their figurative senses, which stay out (invented sentences)."""
from __future__ import annotations

import pytest

from conflictcoder import relevance


# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).
@pytest.fixture(scope="module")
def code_text(code_text_patterns):
    return code_text_patterns


@pytest.mark.parametrize("text", [
    "Fighters of the banned front set two trucks ablaze near the border town on Tuesday.",
    "Unknown attackers set two village clinics on fire in the hills on Monday night.",
    "A band of armed men set on fire three bulldozers working on a new road near the village.",
    "The rebels doused a parked excavator with petrol and set it ablaze on Sunday.",
])
def test_armed_arson_split_around_its_object_is_property_destruction(code_text, text):
    assert relevance.is_relevant(text)
    assert "Looting/property destruction" in {e.sub_event_type for e in code_text(text)}


def test_hostages_taken_with_the_object_between(code_text):
    events = code_text("Gunmen took three engineers hostage in the oil-producing state on Monday.")
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]


def test_protesters_who_burn_tyres_riot(code_text):
    events = code_text("Protesters set tyres on fire and blocked the main highway on Monday to protest fuel prices.")
    assert {e.event_type for e in events} == {"Riots"}


@pytest.mark.parametrize("text", [
    "The striker set the stadium on fire with a stunning second-half hat-trick on Saturday, as the hosts won 4-0.",
    "The new album set the charts ablaze last week, selling 300,000 copies in its first seven days.",
    "The thriller took audiences hostage for two hours, critics said after Sunday's premiere.",
])
def test_figurative_fire_and_hostages_are_no_event(code_text, text):
    assert code_text(text) == []


@pytest.mark.parametrize("text, sub_event_type", [
    ("A blogger was hacked to death outside his flat by suspected radicals on Thursday.", "Attack"),
    ("A man was beaten to death by a mob in the village on Sunday.", "Mob violence"),
    ("A teenager was wounded in a firing incident outside the bus stand on Monday, police said.", "Attack"),
])
def test_killings_by_hand_and_firing_incidents(code_text, text, sub_event_type):
    assert relevance.is_relevant(text)
    assert sub_event_type in {e.sub_event_type for e in code_text(text)}


@pytest.mark.parametrize("text", [
    "Hackers hacked the ministry's servers on Monday and leaked thousands of emails.",
    "The home side was beaten 3-0 in the final on Sunday.",
    "The company said a firing incident at its plant, the dismissal of two managers, was handled by the book.",
])
def test_other_senses_of_hacked_beaten_and_firing(code_text, text):
    assert code_text(text) == []


def test_an_attack_made_with_grenades_is_typed_by_them(code_text):
    events = code_text("Eleven officers were hurt when rebels attacked a police patrol in the town on "
                       "Saturday. Witnesses said the rebels threw two grenades at the patrol.")
    assert [e.sub_event_type for e in events] == ["Grenade"]


def test_arms_found_at_the_scene_do_not_type_the_killing(code_text):
    events = code_text("Police and soldiers killed a rebel in a joint operation in the hills on Tuesday. "
                       "Troops found a pistol, spent cartridges and a hand grenade where the operation took place.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_spent_shells_found_after_a_shooting_belong_to_it(code_text):
    events = code_text("Four paramilitary soldiers were shot dead by unidentified gunmen on motorcycles outside "
                       "a mosque in the city on Friday. Investigators picked up seven spent cartridges at the scene.")
    assert [e.event_type for e in events] in (["Violence against civilians"], ["Battles"])


def test_an_exchange_of_fire_is_a_clash(code_text):
    events = code_text("An exchange of fire between troops and rebels took place in a forest near the village on Sunday. "
                       "There were no casualties.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


@pytest.mark.parametrize("text, sub_event_type", [
    ("Ten people were wounded on Monday when a suicide bomber drove a car packed with explosives into a police station.",
     "Suicide bomb"),
    ("Five miners were injured when attackers targeted their van with a remote controlled bomb device on Monday.",
     "Remote explosive/landmine/IED"),
    ("A VBIED attack on a police base in the provincial capital wounded eight civilians on Friday.",
     "Remote explosive/landmine/IED"),
])
def test_vehicle_and_remote_bombs(code_text, text, sub_event_type):
    assert sub_event_type in {e.sub_event_type for e in code_text(text)}


def test_a_truck_that_rammed_a_bus_is_an_accident(code_text):
    assert code_text("A truck rammed into a bus on the highway on Monday, killing four passengers.") == []


def test_a_gun_fight_in_two_words_is_a_clash(code_text):
    events = code_text("A gun fight took place on the highway between a group of militants and soldiers "
                       "on Sunday evening, police said.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_a_construction_camp_is_no_armed_target(code_text):
    events = code_text("Rebels attacked a construction company's camp near the village on Tuesday and "
                       "told the workers to leave.")
    assert events and "Armed clash" not in {e.sub_event_type for e in events}


def test_an_army_camp_is_one(code_text):
    events = code_text("Rebels attacked an army camp near the village on Tuesday, officials said.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_a_recollection_that_retells_the_lede_joins_it(code_text):
    events = code_text("A nurse who was wounded when armed men attacked her clinic on May 28 died in the city "
                       "on June 7. She had suffered bullet wounds in the attack by gunmen, doctors said.")
    assert len(events) == 1
    assert any("bullet" in s.sentence for s in events[0].sources)


def test_an_earlier_abduction_of_another_kind_is_not_the_killing(code_text):
    events = code_text("Rebels killed a village leader near the river on December 30. "
                       "He had been abducted by the rebels from his home.")
    assert [e.sub_event_type for e in events] == ["Attack"]
    assert not any("abducted" in s.sentence for s in events[0].sources)


@pytest.mark.parametrize("text", [
    "The film's climax is a ten-minute gun fight in a Hong Kong teahouse, shot in a single take.",
    "The movie ends with a shootout in a warehouse, and critics loved it.",
    "The game's final mission is an ambush on a convoy, its designers said on Tuesday.",
])
def test_what_a_story_shows_is_no_event(code_text, text):
    assert code_text(text) == []


def test_armed_doers_settle_an_ambiguous_attack(code_text):
    text = "A film crew was attacked by gunmen in Kabul on Monday."
    assert relevance.is_relevant(text)
    assert [e.event_type for e in code_text(text)] == ["Violence against civilians"]


def test_a_line_s_first_word_stays_in_its_sentence():
    from conflictcoder.nlp import load_model

    nlp = load_model()
    doc = nlp("Storm hits the coast\n\nHurricane Milton struck the west coast on Wednesday night, killing ten.")
    lede = next(s for s in doc.sents if "struck" in s.text)
    assert lede.text.strip().startswith("Hurricane Milton struck")


def test_a_named_hurricane_that_killed_is_no_event(code_text):
    assert code_text("Hurricane strikes the coast\n\nTAMPA, Florida - Hurricane Milton struck the west coast "
                     "on Wednesday night, killing at least 10 people and leaving homes without power.") == []


def test_bombs_defused_at_the_site_of_an_explosion_belong_to_it(code_text):
    events = code_text("Two people were killed on Monday when a roadside bomb exploded near the market in the "
                       "town. Bomb disposal experts later arrived at the blast site and defused four more bombs.")
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize("text", [
    "Two bombs were found near a showroom on Tuesday and police safely detonated them at a safe place.",
    "The bomb disposal squad detonated the device in a controlled explosion on Tuesday.",
])
def test_a_bomb_made_safe_is_disrupted_weapons_use(code_text, text):
    assert {e.sub_event_type for e in code_text(text)} == {"Disrupted weapons use"}


def test_a_remote_controlled_bomb_is_the_bomber_s(code_text):
    events = code_text("Two people were killed on Monday when a remote controlled explosion hit a car near the market.")
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]
