"""Role strings of mentions: who did it, to whom, to what, with what; short and informative."""

import pytest


# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).
@pytest.fixture(scope="module")
def code_text(code_text_patterns):
    return code_text_patterns


@pytest.fixture(scope="module")
def mentions_of(mentions_of_patterns):
    return mentions_of_patterns


def roles(mentions):
    out = {"perpetrators": [], "victims": [], "targets": [], "weapons": []}
    for m in mentions:
        for key in out:
            out[key] += [s for s in getattr(m, key) if s not in out[key]]
    return out


def test_victims_are_named_without_titles(mentions_of):
    r = roles(mentions_of("Gunmen shot dead Senator Julia Marquez Ortega outside her office in the capital."))
    assert r["victims"] == ["Julia Marquez Ortega"]
    assert "gunmen" in [p.lower() for p in r["perpetrators"]]


def test_unnamed_victims_are_left_to_the_counts(mentions_of):
    ms = mentions_of("Rebels killed three soldiers and wounded two others in an ambush on Tuesday.")
    assert roles(ms)["victims"] == []
    assert ms[0].counts.killed == 3


def test_a_device_that_kills_is_a_weapon_not_a_perpetrator(mentions_of):
    r = roles(mentions_of("A powerful bomb destroyed a bank branch in the city centre on Friday."))
    assert r["perpetrators"] == []
    assert "powerful bomb" in r["weapons"]


def test_pronouns_and_possessives_are_not_role_strings(mentions_of):
    r = roles(mentions_of("Witnesses said they saw the attackers set fire to his car and kill him."))
    assert not {"they", "him", "them"} & {s.lower() for v in r.values() for s in v}
    assert "his car" not in r["targets"]


def test_things_hit_are_targets_and_abstractions_are_not(mentions_of):
    r = roles(mentions_of("Rebels bombed a power station and attacked the proposal of the government on Monday."))
    assert "power station" in r["targets"]
    assert "proposal" not in r["targets"]


def test_members_of_a_group_also_name_the_group(mentions_of):
    r = roles(mentions_of("FARC fighters attacked a police station in Cauca on Sunday."))
    assert "FARC fighters" in r["perpetrators"] and "FARC" in r["perpetrators"]


def test_arms_seized_are_not_weapons_used(mentions_of):
    ms = mentions_of("Police seized 20 rifles and boxes of ammunition in a raid on Tuesday.")
    assert roles(ms)["weapons"] == []


def test_units_after_numbers_are_not_part_of_the_weapon(mentions_of):
    r = roles(mentions_of("Rebels fired 60-mm mortars at the army base on Monday."))
    assert "mortars" in r["weapons"]


def test_a_surname_told_again_is_the_same_victim():
    from conflictcoder.merge import names_union
    assert names_union([["Ana Maria Quiroga"], ["Quiroga", "Luis Peralta"]]) == ["Ana Maria Quiroga", "Luis Peralta"]


def test_an_arrest_or_seizure_has_actors_but_no_perpetrators_or_targets(code_text):
    events = code_text("Police arrested four men and seized two rifles in a raid on a warehouse "
                       "in the port city on Tuesday.")
    assert events and all(e.perpetrators == [] and e.targets == [] for e in events)


def test_a_battle_between_armed_sides_lists_no_military_posts_as_targets(code_text):
    events = code_text("Soldiers clashed with rebels near an army outpost outside the town on "
                       "Sunday, the military said; three rebels were killed.")
    assert events
    assert all(not any("outpost" in t for t in e.targets) for e in events)


def test_a_victim_told_by_surname_takes_the_full_name_the_article_gives(code_text):
    text = ("the murder of tomas ibarra quesada shocked the town. ibarra quesada was shot dead by "
            "gunmen outside his home on monday, police said.")
    events = code_text(text)
    victims = [v.lower() for e in events for v in e.victims]
    assert "tomas ibarra quesada" in victims
    assert "ibarra quesada" not in victims


def test_a_target_is_told_with_whose_it_was_and_a_road_is_where_not_what(mentions_of):
    r = roles(mentions_of("Guerrillas bombed the offices of a peasant union on the coastal highway on Friday."))
    assert r["targets"] == ["offices of peasant union"]
    assert not any("highway" in t for t in r["targets"])


def test_victims_named_in_a_later_sentence_join_the_event(code_text):
    text = ("Gunmen shot dead two engineers on a farm road outside the town on Monday, according to police. "
            "The victims were identified as Tomas Ibarra Quesada and Lucia Fuentes Mora, both employed "
            "by a local cooperative.")
    events = code_text(text)
    victims = [v.lower() for e in events for v in e.victims]
    assert "tomas ibarra quesada" in victims and "lucia fuentes mora" in victims


def test_weapons_keep_hyphenated_words_whole_and_drop_times(mentions_of):
    r = roles(mentions_of("At 2300 GMT on Friday rebels set off a car-bomb and fired machineguns at a "
                          "police station in the capital."))
    assert "car-bomb" in r["weapons"]
    assert any("machineguns" in w for w in r["weapons"])
    assert not any("gmt" in w.lower() for w in r["weapons"])


def test_the_one_named_before_a_noun_of_killing_is_its_victim_not_its_author(mentions_of):
    r = roles(mentions_of("The murder of six Benedictines and the Benedictines' kidnapping last week shocked the province, and a guerrilla "
                          "attack on the town hall followed."))
    assert not any("benedictines" in p.lower() for p in r["perpetrators"])


def test_victim_names_lose_nationality_and_alias_and_are_never_weapons(mentions_of):
    r = roles(mentions_of("Gunmen killed Peruvian Julio Ramos Vela and kidnapped alias Comandante Tito "
                          "in the mountains on Sunday."))
    assert "Julio Ramos Vela" in r["victims"]
    assert not any(v.lower().startswith(("peruvian", "alias")) for v in r["victims"])


def test_a_place_named_by_a_preposition_of_direction_is_no_target(mentions_of):
    r = roles(mentions_of("A car bomb exploded at a bank 150 meters from the presidential palace on "
                          "Monday, destroying the branch of a power company."))
    assert not any("palace" in t for t in r["targets"])
    assert "power company" not in r["targets"]


def test_roles_who_delivered_the_weapon_a_noun_names():
    """'Russian aircraft dropped two bombs': the bombs name the event, their droppers did it."""
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    (result,) = code_documents([Document(doc_id="d", text=(
        "Russian aircraft dropped two guided bombs on a residential street of Kramatorsk in Donetsk "
        "region on Monday, killing two people, regional officials said."))])
    assert [(e.actor1, e.inter1) for e in result.events] == [("Military Forces of Russia", 8)]
