"""The group an article holds responsible, found anywhere in the article."""
from datetime import date

from conflictcoder.resolve.attribution import (defined_acronyms, group_mentions, is_generic_perpetrator,
                                               responsible_groups)


def test_an_acronym_defined_in_brackets_names_a_rebel_group():
    text = "the northern people's liberation vanguard (nplv) said its fighters had left the town."
    assert defined_acronyms(text) == {"nplv": "northern people's liberation vanguard"}


def test_an_acronym_of_a_ministry_or_police_force_is_no_armed_group():
    text = "the national civil police (pnc) and the ministry of public works (mop) met today."
    assert defined_acronyms(text) == {}


def test_short_aliases_in_lower_case_text_count_only_where_marked_as_names():
    marked = "eln guerrillas blew up a pipeline near the border, the army said."
    unmarked = "the eln said nothing, the army said, and the talks went on without a date."
    assert [g.surface for g in group_mentions(marked)] == ["eln"]
    assert group_mentions(unmarked) == []


def test_groups_are_taken_only_within_their_active_years():
    text = "The Islamic State claimed the attack."
    assert group_mentions(text, year=1989) == []
    assert [g.surface for g in group_mentions(text, year=2016)] == ["islamic state"]


def test_a_group_claiming_the_attack_outranks_one_merely_named():
    text = ("urban commandos bombed a power pylon on tuesday. officials recalled that the pkk "
            "had offered a truce last year. the new people's army (npa) said in a statement to a "
            "local radio station that it had carried out the bombing, and claimed responsibility.")
    ranked = responsible_groups(text, year=2019)
    assert ranked[0].key.startswith("NPA") and ranked[0].claimed
    assert ranked[0].surface in ("npa", "new people's army")


def test_generic_perpetrators_have_no_name_of_their_own():
    assert is_generic_perpetrator("urban commandos")
    assert is_generic_perpetrator("unidentified armed men")
    assert not is_generic_perpetrator("npa")
    assert not is_generic_perpetrator("kenyan army")


def test_an_event_by_unnamed_guerrillas_is_credited_to_the_group_that_claimed_it(code_text):
    text = ("Guerrillas bombed a bridge on the highway to the coast on Monday, cutting traffic. "
            "The Southern Peasant Liberation Front (SPLF) claimed responsibility for the bombing "
            "in an email to local newspapers.")
    events = code_text(text, published=date(1990, 3, 14))
    perpetrators = [p.lower() for e in events for p in e.perpetrators]
    assert "splf" in perpetrators


def test_every_group_that_claims_an_attack_is_credited_but_a_mere_mention_is_not(code_text):
    text = ("Guerrillas bombed a bank branch in the capital on Monday. The Southern Peasant "
            "Liberation Front (SPLF) and the Andean Workers Revolutionary Command (AWRC) claimed "
            "responsibility for the attack. Talks with the Northern People's Liberation Vanguard "
            "(NPLV) broke down in May.")
    events = code_text(text, published=date(1990, 3, 14))
    perpetrators = {p.lower() for e in events for p in e.perpetrators}
    assert {"splf", "awrc"} <= perpetrators
    assert "nplv" not in perpetrators
