"""The extract stage on short texts: what must be found and what must not."""
import pytest


# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).

@pytest.fixture(scope="module")
def mentions_of(mentions_of_patterns):
    return mentions_of_patterns



def kinds(mentions):
    return [(m.event_type, m.sub_event_type) for m in mentions if not m.aggregate]


def test_extract_clash_with_summed_counts(mentions_of):
    ms = mentions_of("Two policemen and 8 rebels were killed on Monday when troops clashed "
                     "with rebels near Kunduz, officials said.")
    assert kinds(ms) == [("Battles", "Armed clash")]
    assert ms[0].counts.killed == 10


def test_extract_range_gives_low_bound(mentions_of):
    ms = mentions_of("The fighting between the two militias left more than 300 people dead, "
                     "according to the United Nations.")
    assert ms and ms[0].counts.killed == 300 and ms[0].counts.killed_low == 300


@pytest.mark.parametrize("text", [
    "The group had planned to attack the embassy in Nairobi during the holidays.",
    "Police said they foiled a bomb attack on the parliament building.",
    "The army denied that its soldiers had killed any civilians in the village.",
    "Officials fear that militants could attack the city before the election.",
    "The rebels threatened to kill the hostages if their demands were not met.",
    "No such attacks have been reported in the city this year.",
])
def test_extract_what_did_not_happen_is_not_an_event(mentions_of, text):
    assert kinds(mentions_of(text)) == []


@pytest.mark.parametrize("text", [
    "The striker shot the ball past the goalkeeper in the final minute of the match.",
    "Arsenal's attack was too strong for the visitors' defence in the league game.",
    "The former minister died of a heart attack at his home on Sunday.",
    "A flood killed 12 people in the valley after days of heavy rain.",
    "Shares of the bank shot up after strong quarterly earnings.",
    "The senator attacked the budget plan in a speech to investors.",
])
def test_extract_other_senses_are_not_events(mentions_of, text):
    assert kinds(mentions_of(text)) == []


def test_extract_aggregate_over_a_period(mentions_of):
    ms = mentions_of("At least 50 soldiers have been killed in the past three weeks of fighting "
                     "with the rebels.")
    assert all(m.aggregate for m in ms)


@pytest.mark.parametrize("text", [
    "Since the offensive began, the army has detained more than 40 suspects since March 3.",
    "Over the last month we have detained six gang leaders in the valley, the general said.",
    "Rangers conducted a dozen raids in the past month, detaining dozens of poachers.",
])
def test_extract_running_totals_are_aggregates(mentions_of, text):
    ms = mentions_of(text)
    assert ms and all(m.aggregate for m in ms)


def test_extract_an_arrest_with_a_perfect_verb_is_an_event(mentions_of):
    # (an arrest of robbers in an article with nothing political is ordinary crime: no event)
    ms = mentions_of("Police have arrested three gunmen who attacked a police station in Lagos on Monday.")
    assert ms and not any(m.aggregate for m in ms)


def test_extract_abduction_and_count(mentions_of):
    ms = mentions_of("Gunmen kidnapped eleven students from a school in the north on Friday.")
    assert kinds(ms) == [("Violence against civilians", "Abduction/forced disappearance")]
    assert ms[0].counts.abducted == 11


def test_extract_arrests_by_police(mentions_of):
    ms = mentions_of("Police arrested 14 suspected militants in a raid on Tuesday.")
    assert ("Strategic developments", "Arrests") in kinds(ms)
    assert max(m.counts.arrested or 0 for m in ms) == 14


def test_extract_weapons_seizure_is_disrupted_weapons_use(mentions_of):
    ms = mentions_of("Soldiers seized 20 rifles and a box of grenades at a checkpoint.")
    assert kinds(ms) == [("Strategic developments", "Disrupted weapons use")]


def test_extract_suicide_bombing(mentions_of):
    ms = mentions_of("A suicide bomber set off his explosives at a market in the city on Sunday, "
                     "killing nine people.")
    assert kinds(ms) == [("Explosions/Remote violence", "Suicide bomb")]
    assert ms[0].counts.killed == 9


def test_extract_protest_with_intervention(mentions_of):
    ms = mentions_of("Thousands of demonstrators protested in the capital on Tuesday and police "
                     "fired tear gas to disperse them.")
    assert kinds(ms)[0] == ("Protests", "Protest with intervention")


def test_extract_two_events_in_one_sentence_stay_apart(mentions_of):
    ms = mentions_of("Three soldiers were killed in Gao on Monday, and two more soldiers were "
                     "killed in Kidal at about the same time, the army said.")
    assert len(kinds(ms)) == 2
    assert sorted(m.counts.killed for m in ms) == [2, 3]
    assert [m.additive for m in ms] == [False, True]


def test_extract_furniture_is_not_read(mentions_of):
    text = ("Sign up for our newsletter to get the latest attacks and killings news.\n\n"
            "The city council approved a new budget on Monday.")
    assert kinds(mentions_of(text)) == []


def test_typology_ucdp_and_plover():
    from conflictcoder.typology import plover, ucdp_type_of_violence

    assert ucdp_type_of_violence("Battles", 1, 2) == 1
    assert ucdp_type_of_violence("Battles", 2, 3) == 2
    assert ucdp_type_of_violence("Violence against civilians", 1, 7) == 3
    assert ucdp_type_of_violence("Protests", 6, 0) is None
    assert plover("Abduction/forced disappearance") == ("ASSAULT", "abduct")
    assert plover("Air/drone strike", ["drone"]) == ("ASSAULT", "drone")
    assert plover("Arrests") == ("COERCE", "arrest")


def main_kind(mentions):
    best = max((m for m in mentions if not m.aggregate), key=lambda m: m.confidence, default=None)
    return best.sub_event_type if best else None


@pytest.mark.parametrize("text, expected", [
    # a protest verb's object may be a law or a bill when a crowd protests it
    ("Truckers blocked highways and bridges to protest the new fuel law on Tuesday.", "Violent demonstration"),
    # a protest's other clauses describe the same scene
    ("Thousands of teachers rallied in the capital on Friday, with scuffles in several districts.",
     "Violent demonstration"),
    ("Clashes erupted between police and demonstrators marching against the new tax on Monday.",
     "Violent demonstration"),
    # violence told as the backdrop is not this crowd's
    ("Hundreds rallied peacefully in the capital on Sunday after clashes last week.", "Peaceful protest"),
])
def test_extract_protest_reads_its_whole_sentence(mentions_of, text, expected):
    assert main_kind(mentions_of(text)) == expected


def test_extract_a_bill_protested_by_a_company_is_no_protest(mentions_of):
    assert kinds(mentions_of("The company protested the ruling in a statement on Monday.")) == []


def test_extract_series_of_strikes_carried_out_is_an_event(mentions_of):
    ms = mentions_of("Warplanes carried out a wave of airstrikes on rebel hideouts in the north on Monday.")
    assert main_kind(ms) == "Air/drone strike"
    assert kinds(mentions_of("A series of airstrikes has changed the war in the north.")) == []


def test_extract_army_marching_on_is_no_protest(mentions_of):
    ms = mentions_of("Government troops captured two villages and marched deeper into the rebel-held district.")
    assert main_kind(ms) == "Government regains territory"


def test_extract_ground_taken_without_a_fight_is_a_transfer(mentions_of):
    ms = mentions_of("Militants seized the district following the withdrawal of army troops.")
    assert main_kind(ms) == "Non-violent transfer of territory"


def test_extract_army_with_allied_fighters_regains_ground(mentions_of):
    ms = mentions_of("The army and its allied fighters captured on Friday a key district in the east of the province.")
    assert main_kind(ms) == "Government regains territory"


def test_typing_release_under_a_deal_is_an_agreement():
    from conflictcoder.extract import lexicon as lx
    from conflictcoder.extract.typing import classify

    assert classify({lx.RELEASE}, {"released", "prisoners", "deal"}, [], [], []) == ("Strategic developments", "Agreement")
    assert classify({lx.RELEASE}, {"released", "prisoners"}, [], [], []) == ("Strategic developments", "Other")
