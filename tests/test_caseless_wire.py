"""Wire copy written all in lower case, and senses of bombing and assassination."""
import pytest
from datetime import date

from conflictcoder.resolve.dates import find_dates


# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).
@pytest.fixture(scope="module")
def code_text(code_text_patterns):
    return code_text_patterns


def test_lower_case_victim_name_after_given_names(code_text):
    text = ("the labour federation today condemned the murder of former union leader pedro luis "
            "marin, who was shot outside his home in the capital on friday.")
    victims = {v for e in code_text(text) for v in e.victims}
    assert any("marin" in v for v in victims)


def test_assassination_of_a_named_person_is_coded(code_text):
    text = "the unions said that minister ana maria quintana was assassinated in the capital on friday."
    victims = {v for e in code_text(text) for v in e.victims}
    assert "ana maria quintana" in victims


def test_bombing_a_building_is_an_explosion(code_text):
    events = code_text("Unidentified men bombed a bank branch in the northern district on Tuesday night.")
    assert "Explosions/Remote violence" in {e.event_type for e in events}


def test_films_and_exams_that_bombed_give_no_event(code_text):
    assert code_text("The studio's summer film bombed at the box office, analysts said on Monday.") == []
    assert code_text("Half the class bombed the maths exam, the school said.") == []


def test_a_date_in_a_group_name_is_no_date():
    anchor = date(1990, 3, 1)
    found = find_dates("talks with the 26 july movement resumed", anchor)
    assert found == []


def test_a_killing_someone_is_blamed_for_took_place(code_text):
    text = ("the interior minister holds the rebel front responsible for "
            "the murder of judge tomas elorza.")
    victims = {v for e in code_text(text) for v in e.victims}
    assert any("elorza" in v for v in victims)


def test_a_charge_still_leaves_the_killing_to_be_proven(code_text):
    text = "A local councillor was accused on Monday of the murder of his business partner."
    assert code_text(text) == []


def test_one_p_kidnaping_is_an_abduction(code_text):
    events = code_text("Gunmen kidnaped a coffee exporter outside his farm in the north on Sunday.")
    assert events


def test_vehicles_burned_and_pylons_sabotaged_by_rebels_are_attacks(code_text):
    events = code_text("Rebels burned six buses on the main road and sabotaged two pylons near the dam on Monday.")
    targets = {t for e in events for t in e.targets}
    assert {"buses", "pylons"} <= targets


def test_a_machinegunned_bus_is_an_attack(code_text):
    events = code_text("Gunmen machinegunned a passenger bus outside the provincial capital on Friday.")
    assert any("bus" in t for e in events for t in e.targets)


def test_everyday_burning_and_sabotage_give_no_event(code_text):
    assert code_text("The runner burned 800 calories during Sunday's half marathon.") == []
    assert code_text("A grass fire burned two barns and a house near the village on Tuesday.") == []
    assert code_text("The opposition sabotaged the budget talks, the finance minister said.") == []
    assert code_text("The chef burned the sauce twice before the restaurant opened.") == []



def test_a_lower_case_surname_taken_for_an_organisation_is_still_a_name():
    from spacy.tokens import Span as SpacySpan

    from conflictcoder.extract.roles import person_name
    from conflictcoder.nlp import load_model

    doc = load_model()("the party condemned the assassination of union organiser luis alberto romero on tuesday.")
    surname = next(t for t in doc if t.lower_ == "romero")
    if surname.pos_ == "PROPN":
        return  # the tagger got it right: nothing to show
    doc.ents = [SpacySpan(doc, surname.i, surname.i + 1, label="ORG")]  # as the recogniser often has it
    assert person_name(surname, lone_ok=True) == "luis alberto romero"


def test_things_listed_after_a_dash_and_damage_done_to_are_targets(code_text):
    events = code_text("Rebels burned three vehicles near the town on Monday -- a bus, a truck and a jeep.")
    assert "truck" in {t for e in events for t in e.targets}
    events = code_text("A car bomb exploded on Friday, causing heavy damage to the court building and to a bank.")
    targets = {t for e in events for t in e.targets}
    assert "court building" in targets and "bank" in targets


def test_a_band_told_by_its_number_keeps_the_number(code_text):
    events = code_text("the mayor was shot dead outside the town hall on monday by three hooded gunmen.")
    assert "three hooded gunmen" in {p for e in events for p in e.perpetrators}


def test_a_number_does_not_make_a_band_a_named_one():
    from conflictcoder.resolve.attribution import is_generic_perpetrator

    assert is_generic_perpetrator("two paid assassins")
    assert is_generic_perpetrator("some 20 guerrillas")
    assert not is_generic_perpetrator("two npa commanders")


def test_a_person_named_as_the_assassinated_one_is_a_victim(code_text):
    text = "the party leader, who replaced the assassinated ricardo salgado mora, spoke in the capital on monday."
    victims = {v for e in code_text(text) for v in e.victims}
    assert any("salgado" in v for v in victims)


def test_wounded_soldiers_flown_out_are_no_new_event(code_text):
    assert code_text("The wounded soldiers were flown to the capital for treatment on Monday.") == []


def test_a_death_someone_is_held_responsible_for_is_a_killing(code_text):
    text = ("the dockworkers' union said the rebel army was to answer for the death of its leader "
            "tomas ibarra in the violence of last week.")
    assert "rebel army" in {p for e in code_text(text) for p in e.perpetrators}


def test_an_inquiry_into_an_unnamed_death_is_no_killing(code_text):
    assert code_text("The family asked for an investigation into the death of their grandmother in a care home.") == []


def test_a_person_named_among_the_dead_is_a_victim_not_counted_twice(code_text):
    events = code_text("Gunmen killed six people in the market on Monday, including Judge Carlos Mendoza and two children.")
    assert any("Carlos Mendoza" in e.victims and e.fatalities == 6 for e in events)


def test_gunshots_are_no_perpetrator(code_text):
    events = code_text("Gunshots killed a shopkeeper in the town square on Monday night, police said.")
    assert not any("Gunshots" in e.perpetrators or "gunshots" in e.perpetrators for e in events)


def test_what_fire_is_set_to_is_the_target(code_text):
    events = code_text("Rebels set fire to the town hall and to two buses on Monday.")
    assert {"town hall", "buses"} <= {t for e in events for t in e.targets}
