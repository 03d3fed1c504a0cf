"""Killings told as criminal cases, in articles that name nothing political or armed, are crime,
which ACLED leaves out; violence against the state's forces or political figures stays in
(invented texts)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "A 14-year-old student opened fire at his high school on Wednesday, killing two students and two "
    "teachers, the sheriff said. The suspect was taken into custody and will be charged with murder.",
    "Armed robbers stormed a jewellery store in a shopping mall on Sunday and escaped with gems, police "
    "said. A security guard was shot in the leg. Police said they were searching for four suspects.",
    "Police have arrested a man on suspicion of murder after a woman was stabbed to death at a house in "
    "the city on Sunday, officers said. The two were known to each other.",
    "Police shot and wounded a man who threatened officers with a knife in a suburb on Monday, "
    "prosecutors said. The shooting is under investigation.",
])
def test_a_criminal_case_is_no_event(code_text, text):
    assert code_text(text) == []


def test_policemen_killed_by_suspects_are_an_event(code_text):
    events = code_text("Three policemen were killed on Monday in a gun attack near the bypass. The suspects "
                       "opened fire when they were stopped at a checkpoint and escaped, police said.")
    assert events and events[0].fatalities == 3


def test_a_mayor_shot_dead_is_political_whoever_is_charged(code_text):
    events = code_text("The mayor of a small town was shot dead outside his home on Friday. Prosecutors "
                       "said a suspect had been charged with murder.")
    assert [e.event_type for e in events] == ["Violence against civilians"]


def test_a_fraud_gang_s_arrests_are_policing(code_text):
    assert code_text("Police arrested 20 people on Tuesday accused of running a phone scam that targeted "
                     "elderly people. The gang made about 3 million euros, police said.") == []


def test_an_armed_gang_s_killings_are_coded(code_text):
    events = code_text("Gang members killed 12 people in an attack on a neighbourhood of the capital on "
                       "Sunday, police said. The gang controls drug trafficking routes in the area.")
    assert events and events[0].fatalities == 12


def test_wartime_ordnance_made_safe_is_no_event(code_text):
    assert code_text("A 500kg unexploded Second World War bomb was found in a garden on Tuesday, forcing the "
                     "evacuation of 10,000 people. Army experts towed the device out to sea and detonated it.") == []


def test_an_anniversary_s_toll_is_history(code_text):
    assert code_text("World leaders gathered on Thursday to mark the 80th anniversary of the landings. More "
                     "than 4,000 soldiers were killed on the first day. A handful of veterans attended.") == []


def test_an_attack_on_an_anniversary_is_news(code_text):
    events = code_text("Police fired tear gas at mourners marking the anniversary of the massacre on Saturday. "
                       "Two mourners were killed by gunfire near the memorial on Saturday afternoon.")
    assert events


@pytest.mark.parametrize("text", [
    "Bus plunges into ravine in the Andes, killing 14\n\nAt least 14 people were killed and 20 injured when a "
    "passenger bus plunged into a ravine on Sunday night, officials said.",
    "Cyclist killed in hit-and-run, police hunt driver\n\nA cyclist was killed on Friday night in a hit-and-run "
    "on the coast road, police said.",
    "Hiker killed in grizzly bear attack\n\nA hiker was killed in a grizzly bear attack in the national park on "
    "Tuesday, rangers said.",
    "Toddler hurt in dog mauling\n\nA boy aged two suffered serious injuries after being mauled by a dog at a "
    "house on Monday afternoon, police said. The child suffered injuries to his face and arms.",
    "Two people were killed by falling debris as Hurricane Dora battered the coast on Thursday, officials said.",
    "The band absolutely killed it on Saturday night, playing to a sold-out crowd of 15,000.",
    "The minister said officials were killing the project by a thousand cuts, in a radio interview on Monday.",
    "Review: the film delivers gunfights\n\nDirector Kyle Maddox stages a string of elaborate gunfights, including a "
    "ten-minute shootout in a burning warehouse that leaves dozens of henchmen dead.",
    "Judges praised the novel's unflinching depiction of starvation, air raids and massacres on Tuesday.",
    "Security was tight across the capital for the parade, with thousands of police deployed on Sunday.",
])
def test_newcomer_texts_without_political_violence(code_text, text):
    assert code_text(text) == []


def test_a_constable_shot_dead_near_a_factory_is_coded(code_text):
    events = code_text("A police head constable was gunned down near a factory in the city on March 4 "
                       "in a targeted killing, police said.")
    assert events


@pytest.mark.parametrize("text", [
    "Police figures show 26 killed in six weeks in the port city\n\nThe figures were released on Tuesday.",
    "More than 3,000 civilians have been killed in the region since the military seized power, a report said on Monday.",
    "The UN envoy urges the parties to agree a nationwide truce before the holy month, in a statement on Sunday.",
    "Police say an intelligence tip-off thwarted a planned attack on a food festival, in a statement on Friday.",
    "The army rejects claims it shelled the border town, saying on Monday that the video is years old.",
    "Hundreds of police officers took part in a large-scale exercise at the airport on Sunday. In the scenario, "
    "a group of gunmen stormed the main concourse and took passengers hostage.",
    "Floods hit the north\n\nThe army said on Monday it had deployed several units to help the civil administration "
    "in the worst-affected districts.",
])
def test_talk_of_violence_that_is_no_new_event(code_text, text):
    assert code_text(text) == []


def test_last_month_s_attacks_recalled_are_no_new_event(code_text):
    assert code_text("Police said calm had returned to the town after last month's attacks, and schools "
                     "reopened on Monday.") == []
