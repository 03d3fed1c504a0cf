"""Quality gates: the real pipeline on the bundled examples and, when present, the seeds.

Most tests run the whole coder (the patterns propose, the trained detector decides). The few that
check how the patterns type a phrasing take `code_text_patterns`: on some of them the detector,
reading the sentence as a whole, types or keeps the event otherwise (a rebel recapture read as the
government's, attacks on marchers read as a protest); the frozen gate measures the detector."""
from pathlib import Path

import pytest

from conftest import shared_or_skip

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def example_events():
    from conflictcoder.pipeline import code_paths
    from conflictcoder.records import Failure

    results = list(code_paths([ROOT / "examples" / "articles"], ROOT / "examples" / "meta.jsonl"))
    assert not [r for r in results if isinstance(r, Failure) or r.failure]
    return {r.document.doc_id: [e.to_record() for e in r.events] for r in results}


def test_pipeline_no_events_in_news_without_violence(example_events):
    for doc_id in ("006_football", "007_markets", "008_earthquake"):
        assert example_events[doc_id] == [], doc_id


def test_pipeline_ambush_is_one_battle_with_all_deaths(example_events):
    (event,) = example_events["001_mali_ambush"]
    assert event["event_type"] == "Battles"
    assert event["fatalities"] == 8  # six soldiers and, "also", two attackers
    assert event["injured"] == 4
    assert event["event_date"] == "2024-03-11"  # "on Monday" in an article of Tuesday 12 March
    assert event["location"] == "Mopti" and event["iso3"] == "MLI"
    assert len(event["sources"]) >= 2


def test_pipeline_foiled_plot_is_no_violent_event(example_events):
    events = example_events["004_foiled_plot"]
    assert events and all(e["event_type"] == "Strategic developments" for e in events)
    assert {e["sub_event_type"] for e in events} <= {"Arrests", "Disrupted weapons use"}


def test_pipeline_bombing_names_the_claiming_group_and_the_earlier_attack(example_events):
    events = {e["event_date"]: e for e in example_events["002_kabul_bombing"]}
    blast = events["2024-05-16"]
    assert blast["event_type"] == "Explosions/Remote violence"
    assert blast["actor1"] == "Taliban" and blast["fatalities"] == 12 and blast["injured"] == 30
    earlier = [e for e in example_events["002_kabul_bombing"] if e["sub_event_type"] == "Suicide bomb"]
    assert earlier and earlier[0]["time_precision"] == 3  # "last month"


def test_pipeline_caption_place_is_not_an_event_place(example_events):
    (event,) = example_events["003_nigeria_kidnapping"]
    assert event["abducted"] == 20 and event["location"] == "Gusau"


def test_pipeline_event_ids_are_stable():
    from conflictcoder.pipeline import code_paths

    def ids():
        return [e.event_id for r in code_paths([ROOT / "examples" / "articles"], ROOT / "examples" / "meta.jsonl")
                for e in r.events]

    assert ids() == ids()


def test_pipeline_seeds_meet_the_gold(tmp_path):
    seeds = shared_or_skip("seeds")
    gold = shared_or_skip("gold", "seeds.events.jsonl")
    negatives = shared_or_skip("gold", "seeds.negatives.jsonl")
    from conflictcoder.evaluate import score, read_jsonl
    from conflictcoder.pipeline import code_paths

    preds = [e.to_record() for r in code_paths([seeds], seeds / "meta.jsonl") for e in r.events]
    result = score(read_jsonl(gold), read_jsonl(negatives), preds)
    # the figures the pipeline issue closed with: a drop in any of them is a regression
    assert result["f1"] == 1.0 and result["recall"] == 1.0, result
    assert result["negatives_violated"] == 0, result["violations"]
    for field in ("date", "fatalities", "sub_event_type", "injured", "abducted", "arrested"):
        assert result["field_accuracy"][field] == 1.0, (field, result["field_accuracy"])
    assert result["field_accuracy"]["location_exact_25km"] >= 0.72, result["field_accuracy"]


@pytest.mark.parametrize("text", [
    "Liverpool stormed to a 4-0 win over Leeds on Saturday. \"We killed them on the counter-attack,\" "
    "the manager said after the match.",
    "Senator Jane Doe attacked the government's budget in a speech, accusing ministers of killing off "
    "the manufacturing sector.",
    "A fire destroyed a warehouse overnight. Firefighters battled the blaze and two workers were injured.",
    "Three people died and 20 were injured when a bus collided with a truck near Nakuru on Monday.",
    "The film follows a retired soldier who struggles with memories of the battles he fought.",
    "The central bank fired a warning shot at markets, saying inflation was under attack.",
    "A man was arrested after police found 3 kilograms of cocaine in his car during a traffic stop.",
    "Health officials said the flu outbreak has killed 12 people this winter.",
])
def test_pipeline_no_event_in_news_without_political_violence(code_text, text):
    assert code_text(text) == []


@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_pipeline_wire_text_in_capitals_or_lower_case(code_text, case):
    text = ("BAMAKO, Mali - Gunmen killed six soldiers and wounded four others in an ambush near the "
            "town of Mopti on Monday, the army said.")
    (event,) = code_text(case(text))
    assert event.event_type == "Battles" and event.fatalities == 6 and event.injured == 4
    assert event.location == "Mopti" and event.event_date.isoformat() == "2024-03-11"


def test_cli_per_report_keeps_one_record_per_report(tmp_path):
    from typer.testing import CliRunner

    from conflictcoder.cli import app

    text = "Gunmen kidnapped eleven students from a school in Kaduna, Nigeria, on Friday, police said."
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("a", "b"):
        (articles / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "meta.jsonl").write_text('{"file": "a.txt", "published": "2024-03-16"}\n'
                                         '{"file": "b.txt", "published": "2024-03-16"}\n', encoding="utf-8")
    runner = CliRunner()
    counts = []
    for extra in ([], ["--per-report"]):
        out = tmp_path / f"out{len(extra)}.jsonl"
        res = runner.invoke(app, ["code", str(articles), "--meta", str(tmp_path / "meta.jsonl"), "--no-db",
                                  "-q", "-o", str(out), *extra])
        assert res.exit_code == 0, res.output
        counts.append(len(out.read_text().splitlines()))
    assert counts == [1, 2]  # one kidnapping told twice: merged, or one record per report


@pytest.mark.parametrize("text", [
    "Two workers were hurt when a gas tank exploded at a chemical plant on Thursday night.",
    "The army mobilized troops and helicopters to rescue villagers trapped by the floods.",
    "Detectives said in a news release that stolen watches worth $500,000 had been recovered.",
])
def test_pipeline_accidents_and_other_releases_are_not_events(code_text, text):
    assert code_text(text) == []


def test_pipeline_a_town_named_tank_does_not_make_a_blast_an_accident(code_text):
    events = code_text("A policeman was killed on Monday in a remote-controlled explosion in the town "
                       "of Tank, Pakistan, officials said.")
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]


@pytest.mark.parametrize("text", [
    "Argentina beat France in a penalty shootout to win the World Cup final after a 3-3 draw.",
    "A court sentenced three men to life in prison for their role in the 2015 attacks, in which 130 "
    "people were killed.",
    "Hundreds gathered to commemorate the victims of the 1994 genocide, in which some 800,000 people "
    "were killed.",
    "A bomb threat forced the evacuation of a shopping centre on Saturday. Police said the threat was a "
    "hoax and nobody was hurt.",
    "Observers fear that violence could erupt after the election, and the UN urged all parties to "
    "refrain from attacks on civilians.",
    "The startup said hackers attacked its servers over the weekend in a ransomware attack.",
])
def test_pipeline_no_event_in_trials_memorials_threats_and_hacks(code_text, text):
    assert code_text(text) == []


def test_pipeline_the_nation_named_on_a_strike_is_its_author(code_text):
    (event,) = code_text("Russian shelling killed four civilians in the city of Kherson, Ukraine, on "
                         "Tuesday, the regional governor said.")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Military Forces of Russia" and event.actor2 == "Civilians (Ukraine)"
    assert event.fatalities == 4 and event.location == "Kherson"


def test_pipeline_protesters_shot_by_security_forces_is_excessive_force(code_text):
    (event,) = code_text("Security forces opened fire on protesters in Mandalay, Myanmar, on Saturday, "
                         "killing two people and wounding 20, witnesses said.")
    assert event.sub_event_type == "Excessive force against protesters"
    assert event.fatalities == 2 and event.injured == 20


def test_pipeline_the_group_claiming_the_attack_is_its_author(code_text):
    events = code_text("A suicide car bomber rammed a checkpoint outside the parliament in Mogadishu, "
                       "Somalia, on Tuesday, killing at least seven people, police said. Al-Shabab "
                       "claimed responsibility.")
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [("Suicide bomb", "Al Shabaab", 7)]


def test_pipeline_gunfire_told_in_a_later_sentence_is_evidence_of_the_attack(code_text):
    (event,) = code_text("Rebels killed a village headman in Dhanbad district, India, on Tuesday night, "
                         "police said. The attackers barged into his house and fired several times at him "
                         "before escaping into the forest.")
    assert event.sub_event_type == "Attack" and event.fatalities == 1
    assert any("fired several times" in s.sentence for s in event.sources)


@pytest.mark.parametrize("text", [
    "The club fired its coach after a run of defeats, the chairman said on Monday.",
    "The company announced the firing of its chief executive on Monday after an accounting scandal.",
    "Police fired tear gas at stone-throwing fans outside the stadium after the derby on Sunday.",
])
def test_pipeline_firing_in_other_senses_is_no_attack(code_text, text):
    assert [e.event_type for e in code_text(text)
            if e.event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence")] == []


def test_pipeline_a_suicide_attack_is_a_suicide_bomb(code_text):
    (event,) = code_text("At least nine people died in a suicide attack on a police convoy in "
                         "Quetta, Pakistan, on Monday, officials said.")
    assert event.sub_event_type == "Suicide bomb" and event.fatalities == 9


def test_pipeline_arms_recovered_at_the_scene_belong_to_the_clash(code_text):
    events = code_text("Four militants were killed in a gunfight with soldiers in Kupwara district, "
                       "Kashmir, on Tuesday, the army said. Two rifles and ammunition were recovered "
                       "at the scene of the gunfight.")
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Armed clash", 4)]
    assert "rifles" in " ".join(events[0].weapons)


def test_pipeline_a_leaders_record_of_attacks_is_not_an_event(code_text):
    events = code_text("Security forces detained a militant commander in Maguindanao province, Philippines, on "
                       "Tuesday. The commander had organised roadside bomb attacks and supplied guns to "
                       "his fighters. Troops then searched the farmhouse where he had been hiding.")
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_pipeline_a_hit_squad_is_no_sports_team(code_text):
    (event,) = code_text("A hit squad of armed rebels killed a former village official in Gadchiroli "
                         "district, India, on Monday, police said.")
    assert event.fatalities == 1 and event.event_type == "Violence against civilians"


def test_pipeline_without_a_publication_date_two_attacks_told_by_day_still_count(code_text):
    events = code_text("Gunmen killed five policemen in two separate attacks in Quetta, Pakistan, on "
                       "April 20, officials said.", published=None)
    assert sum(e.fatalities for e in events) == 5


@pytest.mark.parametrize("text, sub_event_type", [
    ("Fourteen rebels surrendered to the army in Sirnak province, Turkey, the military said on Sunday.",
     "Agreement"),
    ("The government and the rebels agreed to resume peace talks to end the insurgency, the peace adviser "
     "said on Sunday.", "Agreement"),
    ("Hundreds of students took part in a peaceful march from the campus to the city hall in Lahore on "
     "Wednesday.", "Peaceful protest"),
    ("Anti-government protesters blocked roads and railways across Bangladesh on Monday to protest the "
     "new law.", "Violent demonstration"),
    ("Rioters attacked police with stones and petrol bombs in Hamburg, Germany, on Friday night.",
     "Violent demonstration"),
    ("The army has deployed hundreds of troops and armoured vehicles to the border region of Tavush, "
     "officials said on Monday.", "Change to group/activity"),
])
def test_pipeline_strategic_and_demonstration_readings(code_text_patterns, text, sub_event_type):
    assert [e.sub_event_type for e in code_text_patterns(text)] == [sub_event_type]


@pytest.mark.parametrize("text", [
    "The two parties formed a coalition government on Monday after weeks of talks.",
    "The company deployed a new software update to its customers on Monday.",
    "The striker surrendered possession in the final minute as the team lost the match.",
    "The election will be held in march next year, officials said.",
])
def test_pipeline_the_same_words_in_other_senses_are_no_events(code_text, text):
    assert code_text(text) == []


@pytest.mark.parametrize("text, sub_event_type", [
    ("Russian warplanes struck rebel positions near Idlib, Syria, on Monday, killing 12 fighters.",
     "Air/drone strike"),
    ("Turkish jets destroyed weapons depots used by militants in Dohuk province, Iraq, on Sunday.",
     "Air/drone strike"),
    ("Artillery pounded the southern districts of Donetsk, Ukraine, on Tuesday.",
     "Shelling/artillery/missile attack"),
    ("Rebels recaptured the town of Kidal, Mali, on Monday, hours after government troops had entered it.",
     "Non-state actor overtakes territory"),
    ("Army units took control of Tal Tamr, a village in Hasakah province, Syria, on Monday.",
     "Government regains territory"),
    ("Militants used mustard gas against an army unit near Mosul, Iraq, on Sunday, injuring 20 soldiers.",
     "Chemical weapon"),
])
def test_pipeline_strikes_territory_and_chemical_attacks(code_text_patterns, text, sub_event_type):
    assert [e.sub_event_type for e in code_text_patterns(text)] == [sub_event_type]


@pytest.mark.parametrize("text", [
    "A strong earthquake struck the island on Sunday, killing two residents and injuring dozens.",
    "The storm struck the coast on Monday, destroying dozens of homes.",
    "More than 200 people fell ill after inhaling poisonous gas that leaked from a chemical factory on Wednesday.",
])
def test_pipeline_disasters_that_strike_are_no_attacks(code_text, text):
    assert code_text(text) == []


@pytest.mark.parametrize("text", [
    "Two people died and several others were wounded at an opposition protest in Kassala, Sudan, "
    "on Wednesday after security forces broke up the crowd.",
    "One man died and 40 more were hurt in attacks on peaceful marchers in Mandalay, Myanmar, "
    "on Friday.",
])
def test_pipeline_protesters_killed_without_fighting_is_excessive_force(code_text_patterns, text):
    assert [e.sub_event_type for e in code_text_patterns(text)] == ["Excessive force against protesters"]


def test_pipeline_a_motive_of_protest_and_an_old_arrest_are_no_events(code_text):
    events = code_text("Rebels killed a village headman in Koraput district, India, on Monday, police said. "
                       "In a leaflet the rebels claimed that the killing was a mark of protest against "
                       "police raids. The headman's son had been arrested in the same district some time ago.")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_pipeline_this_was_the_second_attack_refers_to_the_one_told(code_text):
    events = code_text("Militants blew up a school with explosives in Shabqadar, Pakistan, on Monday night, "
                       "officials said. It was the second attack on that school building this year.")
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]


def test_pipeline_a_dated_title_above_the_dateline_does_not_date_the_story(code_text):
    # the title's date is the bulletin's; the undated arrest belongs to the operation told first
    text = ("Provincial Police Daily Security Bulletin, March 14, 2024\n"
            "GAROWE, Somalia (March 14, 2024) - Police shot dead two pirates when they stormed "
            "a house near Eyl yesterday. The gang had held a fishing crew for ransom since "
            "January. Officers ringed the house before dawn and told the men to come out. "
            "Three other suspects were arrested at the scene.")
    events = code_text(text)
    # suspects taken at the scene are the raid's own arrests, dated like it
    arrests = [e for e in events if e.arrested]
    assert arrests and all(e.event_date.isoformat() == "2024-03-13" for e in arrests)


def test_pipeline_later_that_day_counts_from_the_story_day(code_text):
    events = code_text("Soldiers killed three gunmen in an ambush near Baidoa, Somalia, on Monday. "
                       "Later that day police arrested two suspected accomplices.")
    assert {e.event_date.isoformat() for e in events} == {"2024-03-11"}


def test_pipeline_a_headline_takes_the_day_of_the_story_it_heads(code_text):
    text = ("Army says 12 rebels dead in Borno camp raid\n"
            "KANO, Nigeria (March 14, 2024) - Soldiers stormed a rebel camp in Borno state on "
            "Tuesday, killing 12 rebels and seizing their weapons, the army said. The camp had "
            "been used to stage attacks on villages.")
    events = code_text(text)
    assert events and {e.event_date.isoformat() for e in events} == {"2024-03-12"}


def test_pipeline_a_day_beside_a_reporting_verb_dates_the_report(code_text):
    # "yesterday" dates the confirmation; the strike told next is Monday's
    events = code_text("The army confirmed yesterday that a bomb maker had been killed near Baidoa, "
                       "Somalia, on Monday. Soldiers fired a missile at his pickup on a farm track "
                       "outside the town, killing him.")
    assert events and all(e.event_date.isoformat() == "2024-03-11" for e in events)


def test_pipeline_a_long_account_of_one_operation_keeps_its_day(code_text):
    text = ("Soldiers killed a rebel commander during a raid on a farm near Baidoa, Somalia, yesterday. "
            "The commander was known for organising roadside bombings. "
            "Troops approached the farm after a tip from villagers. "
            "The commander tried to flee through an orchard. "
            "He ignored calls to stop and turned towards the soldiers. "
            "A short exchange of fire followed. "
            "In addition, three of his guards were detained.")
    events = code_text(text)
    # suspects taken at the scene are the raid's own arrests, dated like it
    arrests = [e for e in events if e.arrested]
    assert arrests and all(e.event_date.isoformat() == "2024-03-13" for e in arrests)


def test_pipeline_an_undated_item_of_a_periodic_update_is_from_the_day_before(code_text):
    digest = ("Puntland Police Nightly Incident Summary, March 14, 2024\n"
              "GAROWE, Somalia (March 14, 2024) - In Nugal region, gunmen shot at a police patrol "
              "near Garowe. Officers fired back and killed two of the attackers.")
    events = code_text(digest)
    assert events and {e.event_date.isoformat() for e in events} == {"2024-03-13"}
    # the same item in an ordinary release keeps the release's own day
    release = digest.replace("Puntland Police Nightly Incident Summary", "Police Statement")
    events = code_text(release)
    assert events and {e.event_date.isoformat() for e in events} == {"2024-03-14"}


@pytest.mark.parametrize("text", [
    "The quarterback fired a 40-yard touchdown pass in the fourth quarter as the Eagles struck back to win.",
    "The hurricane pounded the coast of Florida on Wednesday, leaving two million homes without power.",
    "The army band marched through the capital on Independence Day as crowds cheered.",
    "The rebels in the party surrendered to the leadership and voted for the budget on Thursday.",
    "A teenager was stabbed to death in a robbery at a train station in Leeds on Saturday night, police said.",
    "The coach fired back at his critics after a 3-0 defeat that left the club in the relegation zone.",
    "Rescue teams were deployed after an avalanche buried three skiers in the Alps on Sunday.",
])
def test_pipeline_new_trigger_words_in_their_everyday_senses_are_no_events(code_text, text):
    assert code_text(text) == []


def test_pipeline_forces_said_to_abduct_make_people_disappear(code_text):
    (event,) = code_text("Security forces illegally abducted a journalist in Zinjibar, Yemen, on Monday, "
                         "his family said.")
    assert event.sub_event_type == "Abduction/forced disappearance"


@pytest.mark.parametrize("text", [
    "An explosive device hidden in a fruit cart went off in the main bazaar of Mardan, Pakistan, "
    "on Monday night, wrecking two shops, officials said.",
    "A time device hidden in a lunch box exploded near a university in Lahore, Pakistan, on Monday night.",
])
def test_pipeline_a_device_that_goes_off_is_a_bombing(code_text, text):
    assert [e.sub_event_type for e in code_text(text)] == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize("text", [
    "The alarm went off at 6am and the match went off without a hitch.",
    "An explosion at a coal mine killed 12 miners in Zonguldak on Tuesday.",
    "Police found a pistol, ammunition and fired cases at the house on Monday.",
])
def test_pipeline_things_that_go_off_or_were_fired_are_not_always_attacks(code_text, text):
    assert [e for e in code_text(text) if e.event_type != "Strategic developments"] == []


@pytest.mark.parametrize("text, sub_event_type", [
    ("Iraqi troops and allied tribal fighters have regained control of Baiji, Iraq, on Monday.",
     "Government regains territory"),
    ("Government forces marched deeper into the rebel-held district of Jobar in Damascus, Syria, on Sunday "
     "after capturing two villages.", "Government regains territory"),
    ("The rebels and the government started peace talks in Bogota, Colombia, on Monday.", "Agreement"),
])
def test_pipeline_who_took_the_ground_and_talks_of_peace(code_text, text, sub_event_type):
    assert sub_event_type in [e.sub_event_type for e in code_text(text)]


def test_pipeline_a_clash_with_demonstrators_protesting_is_one_violent_demonstration(code_text):
    (event,) = code_text("Clashes erupted between riot police and opposition supporters protesting "
                         "against the jailing of their leader in Tbilisi, Georgia, on Friday.")
    assert event.sub_event_type == "Violent demonstration"


def test_pipeline_a_name_split_by_the_parser_keeps_the_sentence_and_its_day(code_text):
    # the parser would end the sentence between the two words of an unknown district name
    text = ("Soldiers killed several gunmen while searching for a militant leader in Muhammad "
            "Aghah district, Nugal region, yesterday.")
    events = code_text(text)
    assert [e.event_date.isoformat() for e in events] == ["2024-03-13"]


def test_nlp_no_sentence_starts_inside_a_name_told_mid_sentence():
    from conflictcoder.nlp import load_model

    doc = load_model()("Soldiers killed several gunmen while searching for a militant leader in "
                       "Muhammad Aghah district, Nugal region, yesterday. Two soldiers were hurt.")
    assert [s.text.split()[0] for s in doc.sents] == ["Soldiers", "Two"]


def test_pipeline_a_killing_told_as_what_an_operation_resulted_in(code_text):
    events = code_text("On Monday, a police raid in Jowhar district, Somalia, resulted in the death "
                       "of Yusuf Dirie, a gang leader turned militant. Dirie had planned "
                       "attacks on the police.")
    assert [(e.event_date.isoformat(), e.fatalities) for e in events] == [("2024-03-11", 1)]
    events = code_text("Troops fired back at an ambush near Baidoa, Somalia, on Tuesday, leading to "
                       "the deaths of three gunmen.")
    assert sum(e.fatalities or 0 for e in events) == 3


@pytest.mark.parametrize("text", [
    "The court sentenced the former governor to death for corruption in Mogadishu on Monday.",
    "The minister received death threats after the vote in parliament on Monday.",
])
def test_pipeline_other_deaths_are_no_killing(code_text, text):
    assert [e for e in code_text(text) if e.fatalities] == []


@pytest.mark.parametrize("text", [
    "In Gedo region on Monday, a militant bomb maker turned himself in to Somali and African Union forces.",
    "On Monday a wanted gunman surrendered to the army patrol near Baidoa, Somalia.",
])
def test_pipeline_a_man_who_gives_himself_up_to_the_forces_is_taken(code_text, text):
    events = code_text(text)
    assert [(e.sub_event_type, e.arrested, e.event_date.isoformat()) for e in events] == \
        [("Arrests", 1, "2024-03-11")]


def test_pipeline_fighters_who_surrender_as_a_body_stay_an_agreement(code_text):
    events = code_text("Forty rebels surrendered to government forces in Jubaland, Somalia, on Monday.")
    assert [e.sub_event_type for e in events] == ["Agreement"]


def test_pipeline_also_killed_in_the_strike_joins_the_strike_just_told(code_text):
    text = ("NAIROBI, Kenya (March 14, 2024) - The militant behind the January 5 bombing that killed "
            "two policemen is dead, the army said today.\n\n"
            "The militant was killed in an army airstrike in Lamu county on Tuesday.\n\n"
            "Also killed in the air raid were 13 of his bodyguards.")
    events = code_text(text)
    main = max(events, key=lambda e: e.fatalities or 0)
    assert main.event_date.isoformat() == "2024-03-12" and main.sub_event_type == "Air/drone strike"
    assert main.fatalities >= 13


def test_pipeline_troops_detaining_men_beside_a_drug_find_is_an_arrest(code_text):
    events = code_text("GAROWE, Somalia (March 14, 2024) Gunmen opened fire on an army patrol near Eyl "
                       "yesterday. The soldiers then detained several men at a nearby farm, where they also "
                       "found 500 kilograms of hashish.")
    assert [(e.sub_event_type, e.event_date.isoformat()) for e in events if e.arrested] == \
        [("Arrests", "2024-03-13")]
    # police seizing drugs with the arrest is still crime
    assert code_text("Police arrested three men and seized 5 kg of heroin in Kismayo on Monday.") == []


def test_pipeline_for_immediate_release_is_never_an_event(code_text, code_text_patterns):
    # the release's furniture is what this tests; which type the detector gives a sentence of
    # an arrest and a seizure together (its main event) is the model's call, so the count is read
    # through the patterns
    text = ("Two militants held, rifles seized in Gedo\n"
            "Ministry of Defence, Press Office - For Immediate Release\n"
            "Share this page\n"
            "GAROWE, Somalia (March 14, 2024) - An army patrol detained two militants and seized "
            "a hidden store of rifles in Gedo region, Tuesday.")
    events = code_text_patterns(text)
    assert "Other" not in [e.sub_event_type for e in events]
    assert [e.arrested for e in events if e.sub_event_type == "Arrests"] == [2]
    assert "Other" not in [e.sub_event_type for e in code_text(text)]
    for boilerplate in ("For Immediate Release", "FOR IMMEDIATE RELEASE\n\nNo one was hurt.",
                        "News Release - For immediate release"):
        assert code_text(boilerplate) == []


def test_pipeline_a_release_run_on_after_another_is_dated_by_its_own_dateline(code_text_patterns):
    text = ("GAROWE, Somalia (March 14, 2024) - Soldiers detained two militants near Eyl yesterday.\n\n"
            "---\n\n"
            "GAROWE, Somalia (March 20, 2024) - Soldiers killed three militants in an ambush near "
            "Qardho yesterday.")
    events = code_text_patterns(text)
    # "yesterday" under the second dateline is the day before that release, not before the first
    assert sorted(e.event_date.isoformat() for e in events) == ["2024-03-13", "2024-03-19"]


def test_dateline_day_places_a_yearless_dateline_after_the_release_above():
    from datetime import date

    from conflictcoder.resolve.dates import dateline_day

    assert dateline_day("GAROWE, Somalia (Jan. 3) - ", date(2023, 12, 30)) == date(2024, 1, 3)
    assert dateline_day("GAROWE, Somalia (March 20, 2024) - ", date(2024, 3, 14)) == date(2024, 3, 20)


def test_pipeline_a_night_takes_the_day_named_beside_it(code_text):
    # published on a Saturday: the overnight operation is Thursday's, as the sentence says
    from datetime import date

    events = code_text("Soldiers captured a militant commander at a farm in Bulo Burte district in "
                       "an overnight raid in Hiraan region Thursday, the army said.",
                       published=date(2024, 3, 16))
    assert [e.event_date.isoformat() for e in events] == ["2024-03-14"]


@pytest.mark.parametrize("text, sub_event_type", [
    ("Rebel drones struck a fuel depot beside the airport in Jizan, Saudi Arabia, on Saturday.",
     "Air/drone strike"),
    ("Rebels suffered heavy losses in raids by army helicopters in North Darfur, Sudan, on Monday.",
     "Air/drone strike"),
    ("A mine planted by the rebels went off under a police vehicle in Tillaberi, Niger, on Monday.",
     "Remote explosive/landmine/IED"),
    ("A swathe of territory was handed over by Kyrgyz forces to Tajik control on Sunday as part "
     "of a border accord.", "Non-violent transfer of territory"),
])
def test_pipeline_strikes_mines_and_handovers(code_text_patterns, text, sub_event_type):
    assert sub_event_type in [e.sub_event_type for e in code_text_patterns(text)]


def test_pipeline_what_came_before_is_the_lesser_news(code_text):
    events = code_text("Protesters hurled stones at police near the parliament in Tunis, Tunisia, on Sunday "
                       "after a bombing at a bus station last Tuesday killed 30 travellers.")
    main = max(events, key=lambda e: e.confidence)
    assert main.sub_event_type == "Violent demonstration"


def test_pipeline_a_captions_present_tense_protest_is_an_event_a_habit_is_not(code_text):
    assert [e.sub_event_type for e in code_text(
        "Protesters chant anti-government slogans outside parliament in Minsk, Belarus, on Sunday.")] == [
        "Peaceful protest"]
    assert code_text("Protesters often gather in the square on weekends, residents say.") == []


@pytest.mark.parametrize("text", [
    "Riot police turned water cannon and tear gas on marchers in Skopje, North Macedonia, on Saturday.",
    "Police dispersed the crowds at a May Day rally in Skopje, North Macedonia, on Saturday.",
])
def test_pipeline_crowds_dispersed_are_protests_met_with_intervention(code_text, text):
    assert [e.sub_event_type for e in code_text(text)] == ["Protest with intervention"]


def test_pipeline_fog_that_disperses_is_no_protest(code_text):
    assert code_text("The fog dispersed by noon on Saturday and flights resumed at the airport.") == []


@pytest.mark.parametrize("text, sub_event_types", [
    ("Grenades and ammunition were discovered near a school in Kowloon, Hong Kong, on Monday. The bomb squad "
     "was called to the scene, and a dozen people were evacuated.", ["Disrupted weapons use"]),
    ("The army has cleared more than 2,000 landmines around Marib, Yemen, the news agency said on Monday.",
     ["Disrupted weapons use"]),
    ("Government troops evacuated the town of Palmyra, Syria, on Friday as militants advanced.",
     ["Non-violent transfer of territory"]),
])
def test_pipeline_mines_cleared_and_towns_evacuated(code_text_patterns, text, sub_event_types):
    assert [e.sub_event_type for e in code_text_patterns(text)] == sub_event_types


@pytest.mark.parametrize("text, sub_event_types", [
    ("The army and Houthi fighters swapped prisoners in Taiz, Yemen, on Tuesday.", ["Agreement"]),
    ("Troops and rebels exchanged fire near the border in Kachin State, Myanmar, on Tuesday.", ["Armed clash"]),
    ("The two leaders exchanged gifts at a summit in Beijing on Monday.", []),
])
def test_pipeline_what_was_exchanged_decides(code_text, text, sub_event_types):
    assert [e.sub_event_type for e in code_text(text)] == sub_event_types


def test_pipeline_a_bare_report_of_a_kidnapping_is_an_event(code_text):
    (event,) = code_text("Three officials were kidnapped in Quetta, Pakistan, on Monday.")
    assert event.sub_event_type == "Abduction/forced disappearance" and event.abducted == 3


@pytest.mark.parametrize("text", [
    "The novel's hero is kidnapped by pirates in the second chapter.",
    "In the sequel, the main character is killed by a sniper in the first episode.",
])
def test_pipeline_stories_in_books_and_series_are_no_events(code_text, text):
    assert code_text(text) == []


def test_pipeline_a_country_that_strikes_is_its_forces_and_the_place_is_the_target(code_text):
    (event,) = code_text("Russia launched a wave of drones at Kyiv on Friday night, killing two people, "
                         "Ukrainian officials said.")
    assert event.sub_event_type == "Air/drone strike" and event.fatalities == 2
    assert event.actor1 == "Military Forces of Russia" and event.location == "Kyiv" and event.iso3 == "UKR"


def test_pipeline_a_place_named_beside_its_neighbour_country_is_the_near_one(code_text):
    (event,) = code_text("Israel struck targets in Gaza on Monday, killing 12 people, health officials said.")
    assert event.iso3 == "PSE" and event.fatalities == 12


def test_pipeline_an_unknown_village_is_not_a_look_alike_town_abroad(code_text):
    events = code_text("KADUNA, Nigeria - Gunmen abducted 287 pupils from a school in Kuriga, Kaduna state, "
                       "on Thursday, local officials said.")
    assert [(e.iso3, e.abducted) for e in events] == [("NGA", 287)]


def test_pipeline_they_who_arrested_are_the_police_who_said_so(code_text):
    events = code_text("Police in Kabul, Afghanistan, said on Friday they had arrested the leader and three "
                       "members of an Islamic State cell.")
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1 == "Police Forces of Afghanistan"


def test_pipeline_suspects_hunted_after_a_bombing_are_part_of_its_story(code_text):
    # ACLED codes arrests of notable people or groups; three suspects picked up after an attack
    # belong to the attack's record, and the police who hunt them are not its perpetrators
    events = code_text("A car bomb exploded outside a government office in Kabul, Afghanistan, on Thursday, "
                       "killing 12 people. The Taliban claimed responsibility. Police said they had arrested "
                       "three suspects in connection with the bombing.")
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]
    assert events[0].actor1 == "Taliban" and events[0].arrested == 3


@pytest.mark.parametrize("text, sub_event_type", [
    ("Students clashed with ruling party supporters in Dhaka, Bangladesh, on Sunday, leaving dozens injured.",
     "Violent demonstration"),
    ("Unidentified attackers threw a grenade at an opposition rally in Tegucigalpa, Honduras, on Saturday, "
     "injuring 20 people.", "Grenade"),
    ("Islamist rebels seized most of Aleppo, Syria, on Saturday after a rapid offensive.",
     "Non-state actor overtakes territory"),
])
def test_pipeline_crowds_that_clash_rallies_that_are_bombed_and_cities_seized(code_text, text, sub_event_type):
    assert sub_event_type in [e.sub_event_type for e in code_text(text)]


def test_pipeline_the_dateline_is_not_the_subject_of_the_lede(code_text):
    events = code_text("Russian drones hit Kyiv\n\nKYIV, Ukraine - Russia launched a wave of drones at Kyiv "
                       "overnight, killing two people, Ukrainian officials said. Air defences shot down 30 of "
                       "the drones.")
    strike = [e for e in events if e.fatalities]
    assert [(e.sub_event_type, e.actor1, e.location) for e in strike] == [
        ("Air/drone strike", "Military Forces of Russia", "Kyiv")]


@pytest.mark.parametrize("text", [
    "Police deployed hundreds of officers in Jerusalem on Friday in anticipation of angry demonstrations "
    "after prayers.",
    "The opposition is mobilising thousands of supporters to protest against the new law in Lagos, Nigeria, "
    "on Thursday.",
])
def test_pipeline_protests_expected_or_being_organised_have_not_happened(code_text, text):
    assert "Peaceful protest" not in [e.sub_event_type for e in code_text(text)]


def test_pipeline_a_vow_after_killings_does_not_make_them_threats(code_text_patterns):
    events = code_text_patterns("The governor promised a full inquiry on Tuesday after five men were murdered "
                       "by vigilantes in Kisii, Kenya.")
    assert [e.sub_event_type for e in events] == ["Mob violence"]
    assert code_text_patterns("The rebels vowed to attack the capital before the elections, a spokesman said.") == []


@pytest.mark.parametrize("text", [
    "The team will break into the top four if they win on Sunday.",
    "Engineers fortified the dam after the floods last spring.",
])
def test_pipeline_breaking_into_rankings_and_fortified_dams_are_no_events(code_text, text):
    assert code_text(text) == []


def test_pipeline_a_crowd_breaking_into_a_mall_loots(code_text):
    events = code_text("Protesters firing pistols tried to break into the Maponya shopping mall in "
                       "Soweto, South Africa, on Tuesday.")
    assert "Looting/property destruction" in [e.sub_event_type for e in events]


def test_pipeline_shells_that_spread_poison_gas_are_chemical_weapons(code_text):
    events = code_text("Doctors treated 40 people for choking on poisonous gas after militants lobbed "
                       "shells into the town of Tal Afar, Iraq, on Tuesday.")
    assert "Chemical weapon" in [e.sub_event_type for e in events]


def test_pipeline_withdrawing_from_a_pact_ends_an_agreement_not_a_position(code_text_patterns):
    events = code_text_patterns("The United States formally withdrew from a landmark missile treaty with Russia on "
                       "Friday, officials said.")
    assert [e.sub_event_type for e in events] == ["Agreement"]


def test_pipeline_reports_that_show_an_attack_report_it(code_text):
    events = code_text("Reports from the camp in Dikwa, Nigeria, show that a pair of suicide bombers blew "
                       "themselves up by its gate on Monday, killing one person.")
    assert [e.sub_event_type for e in events] == ["Suicide bomb"]
    assert code_text("The film shows soldiers killing villagers in a fictional war.") == []


def test_pipeline_soldiers_killed_when_their_vehicle_hit_a_mine_were_killed_by_the_mine(code_text):
    events = code_text("Six soldiers were killed on Monday after their vehicle hit a mine laid by the rebels near "
                       "Jizan, Saudi Arabia, officials said.")
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


def test_pipeline_militants_who_seize_oil_fields_take_territory(code_text):
    events = code_text("Jihadist fighters seized a gold mine near Djibo, Burkina Faso, on Tuesday after the "
                       "guards fled, a security source said.")
    assert "Non-state actor overtakes territory" in [e.sub_event_type for e in events]


def test_pipeline_a_lede_that_opens_with_the_event_is_news(code_text):
    events = code_text("The aerial bombardments on militant positions in Idlib province, Syria, left dozens of "
                       "fighters dead on Monday.")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert code_text("The militia claimed responsibility for the raid on the radio station, saying its "
                     "leaders had ordered it.") == []
