"""Who acted on a crowd, and campaign names in title case (invented sentences)."""
from __future__ import annotations

import pytest
from conftest import main_type




# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).
@pytest.fixture(scope="module")
def code_text(code_text_patterns):
    return code_text_patterns


def test_officers_who_beat_a_peaceful_march_use_excessive_force(code_text):
    events = code_text("Riot officers brutally beat and injured marchers at a peaceful student rally on Monday "
                       "outside the university.")
    assert main_type(events) == "Excessive force against protesters"


def test_authorities_that_violently_crushed_a_protest_use_excessive_force(code_text):
    events = code_text("The authorities violently crushed a peaceful protest on Sunday, detaining "
                       "hundreds of people.")
    assert main_type(events) == "Excessive force against protesters"


def test_activists_held_while_trying_to_protest_is_an_intervention(code_text):
    events = code_text("Five environmental activists were detained by police in the capital on "
                       "Saturday while trying to stage a demonstration outside parliament.")
    assert main_type(events) == "Protest with intervention"


def test_a_campaign_name_in_title_case_is_no_killing(code_text):
    events = code_text("Police made a dozen arrests during the fourth Stop The Killing rally in the "
                       "city centre on Saturday after bottles were thrown at officers.")
    assert "Attack" not in {e.sub_event_type for e in events}


def test_a_crowd_that_clashes_with_police_is_one_riot(code_text):
    events = code_text("Protesting teachers clash with police in the capital\n\nDozens of people were injured on "
                       "Monday when police clashed with thousands of protesting teachers near the ministry. "
                       "Some protesters threw bricks and bottles.")
    assert [e.sub_event_type for e in events] == ["Violent demonstration"]


def test_miners_who_clash_with_police_riot(code_text):
    events = code_text("Miners clashed with police on the highway on Monday, officials said.")
    assert [e.event_type for e in events] == ["Riots"]


def test_arrests_and_injured_officers_belong_to_the_protest(code_text):
    events = code_text("Police fired tear gas and water cannon late on Wednesday to disperse thousands of "
                       "protesters outside parliament. Some demonstrators threw stones at officers. The "
                       "interior ministry said 23 people were detained and five police officers were injured.")
    assert len(events) == 1 and events[0].arrested == 23 and events[0].injured == 5


def test_young_men_who_clash_with_security_forces_riot(code_text):
    events = code_text("On the eve of the vote, young men opposed to the referendum clashed with security forces in "
                       "the capital's suburbs on Saturday, witnesses said.")
    assert [e.event_type for e in events] == ["Riots"]


def test_a_crowd_that_fought_the_police_has_them_as_its_other_side(code_text):
    events = code_text("Miners clashed with police on the highway near the town on Monday, officials said.")
    assert events and events[0].actor2.startswith("Police Forces")
