"""Actors: ACLED names from surface mentions and the dictionary users may extend."""
import pytest

from conflictcoder.merge import pick_sides
from conflictcoder.records import Actor
from conflictcoder.resolve.actors import country_of_mention, name_actor, named_group, read_dictionary


def test_actors_state_forces_named_by_demonym_or_event_country():
    assert name_actor(Actor("", 1, "Kyrgyz troops"), "TJK").name == "Military Forces of Kyrgyzstan"
    assert name_actor(Actor("", 1, "police"), "KEN").name == "Police Forces of Kenya"
    # officers alone are police; soldiers' officers are named so
    assert name_actor(Actor("", 1, "officers"), "KEN").name == "Police Forces of Kenya"
    assert name_actor(Actor("", 1, "army officers"), "KEN").name == "Military Forces of Kenya"
    assert name_actor(Actor("", 1, ""), "KEN", "Police said they had arrested three men").name == "Police Forces of Kenya"


def test_actors_generic_fallbacks():
    assert name_actor(Actor("", 3, "gunmen"), "NGA").name == "Unidentified Armed Group (Nigeria)"
    assert name_actor(Actor("", 7, "villagers"), "NGA").name == "Civilians (Nigeria)"
    assert name_actor(Actor("", 6, "students"), "KEN").name == "Protesters (Kenya)"


@pytest.mark.parametrize("mention, inter", [
    ("suspected insurgents", 2), ("separatist rebels", 2), ("jihadists", 2), ("Islamist militants", 2),
    ("gunmen", 3), ("armed bandits", 3), ("unknown attackers", 3), ("", 3),
])
def test_actors_an_unnamed_group_called_rebels_is_a_rebel_group(mention, inter):
    actor = name_actor(Actor("", 3, mention), "MOZ")
    assert (actor.name, actor.inter) == ("Unidentified Armed Group (Mozambique)", inter)


def test_actors_a_group_whose_name_reads_like_a_state_force_is_the_group():
    # the party stage reads "... Defence Forces" as a state force; the dictionary knows the group
    assert name_actor(Actor("", 1, "the Ambazonia Defence Forces"), "CMR").name == "Ambazonian Separatists"
    assert name_actor(Actor("", 1, "the Ambazonia Defence Forces'"), "CMR").name == "Ambazonian Separatists"
    # forces named after the group they fight stay the state's
    assert name_actor(Actor("", 1, "troops fighting the Ambazonia Defence Forces"), "CMR").name == \
        "Military Forces of Cameroon"


def test_actors_named_groups_and_country_ties():
    assert name_actor(Actor("", 3, "Islamic State fighters"), "KGZ").name == "Islamic State (Kyrgyzstan)"
    assert named_group("an attack claimed by the Taliban", iso3="AFG").name == "Taliban"
    # a group tied to one country is not taken for events elsewhere
    assert named_group("TPLF fighters", iso3="KEN") is None
    # short aliases count only in capitals: "is" and "let" are words
    assert named_group("this is what they let happen") is None


def test_actors_state_force_not_renamed_after_a_group_nearby():
    named = name_actor(Actor("", 1, "soldiers"), "SOM", "soldiers fought al-Shabaab")
    assert named.name == "Military Forces of Somalia" and named.inter == 1


def test_actors_dictionary_is_extensible(tmp_path):
    path = tmp_path / "actors.tsv"
    path.write_text("# mine\nRed Hand Brigade\tred hand|rhb\t3\tXKX\t2020-\n", encoding="utf-8")
    (entry,) = read_dictionary(path)
    assert entry.name == "Red Hand Brigade" and entry.inter == 3 and entry.iso3 == "XKX"
    assert named_group("men of the Red Hand attacked", dictionary=[entry]) is entry


def test_actors_acled_side_order():
    state, armed, civ = Actor("", 1, "troops"), Actor("", 3, "gunmen"), Actor("", 7, "villagers")
    assert pick_sides("Battles", [armed, state]) == (state, armed)
    assert pick_sides("Violence against civilians", [civ, armed]) == (armed, civ)
    assert pick_sides("Strategic developments", [armed, state])[0] is state


def test_actors_state_forces_abroad_are_external_forces():
    abroad = name_actor(Actor("", 1, "Turkish jets"), "IRQ")
    assert abroad.name == "Military Forces of Turkey" and abroad.inter == 8
    assert name_actor(Actor("", 1, "Iraqi troops"), "IRQ").inter == 1
    assert name_actor(Actor("", 1, "American drones"), "SOM").name == "Military Forces of the United States"


def test_actors_protests_and_riots_lead_with_the_crowd():
    police, gunmen = Actor("", 1, "police"), Actor("", 3, "gunmen")
    first, second = pick_sides("Protests", [police])
    assert first.inter == 6 and second is police
    assert pick_sides("Riots", [police])[0].inter == 5
    assert pick_sides("Riots", [gunmen, police])[0] is gunmen


def test_actors_the_doer_beats_the_target_in_remote_violence():
    fighters, army = Actor("", 2, "al-Shabaab fighters"), Actor("", 1, "the army")
    # the army named as the one that struck, the fighters as the ones struck: the army did it
    assert pick_sides("Explosions/Remote violence", [fighters, army], agents={id(army)})[0] is army
    assert pick_sides("Explosions/Remote violence", [fighters, army])[0] is fighters


def test_actors_aircraft_named_by_country_are_its_forces():
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document

    (result,) = code_documents([Document(doc_id="d", text=(
        "A Turkish drone struck a car near Sinjar in Iraq on Tuesday night, killing two members of a local militia."))])
    assert [(e.actor1, e.inter1) for e in result.events] == [("Military Forces of Turkey", 8)]
    assert name_actor(Actor("", 1, "US aircraft"), "SOM").name == "Military Forces of the United States"


def test_actors_a_violent_demonstration_is_its_rioters():
    police, gunmen = Actor("", 1, "police"), Actor("", 3, "gunmen")
    first, second = pick_sides("Riots", [gunmen, police], sub_event_type="Violent demonstration")
    assert first.inter == 5 and second is gunmen
    # a mob may be an armed group's
    assert pick_sides("Riots", [gunmen, police], sub_event_type="Mob violence")[0] is gunmen


def test_actors_a_group_is_named_in_the_countries_it_fights_in(tmp_path):
    path = tmp_path / "actors.tsv"
    path.write_text("Lake Front\tlake front\t2\tNGA|CMR\t2010-\n", encoding="utf-8")
    (entry,) = read_dictionary(path)
    assert entry.iso3 == "NGA" and entry.countries == {"NGA", "CMR"}
    assert named_group("Lake Front fighters raided a village", dictionary=[entry], iso3="CMR") is entry
    assert named_group("Lake Front fighters raided a village", dictionary=[entry], iso3="KEN") is None


def test_actors_forces_hit_by_a_bomb_are_its_target_not_its_perpetrator():
    soldiers = Actor("", 1, "soldiers")
    default_attacker = Actor("", 3, "")
    # a roadside bomb killed soldiers, no one named as setting it: an unidentified armed group's
    first, second = pick_sides("Explosions/Remote violence", [soldiers], agents=set(),
                               sub_event_type="Remote explosive/landmine/IED")
    assert first.inter == 3 and not first.mention and second is soldiers
    # the extract stage's default attacker, with the forces as the ones hit
    first, second = pick_sides("Explosions/Remote violence", [default_attacker, soldiers],
                               agents={id(default_attacker)}, sub_event_type="Suicide bomb")
    assert first is default_attacker and second is soldiers
    # named civilians beat the forces as the victim; a default victim does not
    civilians, default_victims = Actor("", 7, "shoppers"), Actor("", 7, "")
    assert pick_sides("Explosions/Remote violence", [default_attacker, soldiers, civilians],
                      agents={id(default_attacker)})[1] is civilians
    assert pick_sides("Explosions/Remote violence", [default_attacker, default_victims, soldiers],
                      agents={id(default_attacker)})[1] is soldiers
    # who fired shells or flew aircraft is not guessed
    assert pick_sides("Explosions/Remote violence", [soldiers], agents=set(),
                      sub_event_type="Air/drone strike")[0] is None


@pytest.mark.parametrize("text, attacker, target", [
    ("Two soldiers died and four were wounded after an improvised explosive device exploded under "
     "their patrol vehicle near Gao on Sunday, the army said.", "Unidentified Armed Group (Mali)", "Military Forces of Mali"),
    ("Three policemen were killed on Monday when a landmine struck their pickup truck outside Kandahar, "
     "a provincial spokesman said.", "Unidentified Armed Group (Afghanistan)", "Police Forces of Afghanistan"),
    ("A suicide bomber killed four police officers at a checkpoint in Mogadishu on Friday. "
     "Al-Shabaab said it carried out the attack.", "Al Shabaab", "Police Forces of Somalia"),
    # the forces' vehicle that struck the mine is its target
    ("An army truck struck a landmine near Menaka on Monday, killing two soldiers, a military source said.",
     "Unidentified Armed Group (Mali)", "Military Forces of Mali"),
    ("A police patrol vehicle hit an explosive device near Tal Afar, Iraq, on Monday, wounding three officers.",
     "Unidentified Armed Group (Iraq)", "Police Forces of Iraq"),
])
def test_actors_forces_killed_by_a_bomb_are_actor2(code_text, text, attacker, target):
    events = code_text(text)
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == (attacker, target)


@pytest.mark.parametrize("text, attacker, inter", [
    # the state told as the owner of the aircraft or the guns
    ("Army helicopters fired on a convoy of trucks near Kutum on Tuesday, killing six traders.",
     "Military Forces of Sudan", 1),
    ("Regime artillery pounded the market town of Ariha in Idlib province on Sunday, killing a farmer.",
     "Military Forces of Syria", 1),
    # the nation told on the weapon, in a clause that says only who died
    ("A fisherman was killed on Saturday when a Belarusian drone dropped a grenade on his boat near "
     "Chernihiv, regional officials said.", "Military Forces of Belarus", 8),
    # the agent of the participle that describes the weapon
    ("A rocket fired by Eritrean troops landed in a camp near Adigrat on Monday, wounding four "
     "displaced people.", "Military Forces of Eritrea", 8),
])
def test_actors_the_weapons_owner_or_firer_is_the_attacker(code_text, text, attacker, inter):
    (event,) = code_text(text)
    assert (event.actor1, event.inter1) == (attacker, inter)


def test_actors_an_armed_groups_positions_struck_are_the_target(code_text):
    (event,) = code_text("Nigerian Air Force jets struck insurgent positions near Gwoza on Thursday, "
                         "killing 14 fighters.")
    assert event.actor1 == "Military Forces of Nigeria"
    assert event.actor2 == "Unidentified Armed Group (Nigeria)"


def test_actors_gunmen_who_killed_soldiers_are_the_attackers(code_text):
    events = code_text("Gunmen shot dead two soldiers at a checkpoint in Gao on Sunday.")
    assert len(events) == 1 and events[0].actor1 == "Unidentified Armed Group (Mali)"


@pytest.mark.parametrize("text, iso3, name, inter", [
    ("Fighters of the Ta'ang National Liberation Army attacked a junta outpost.", "MMR", "TNLA: Ta'ang National Liberation Army", 2),
    ("Members of the Tren de Aragua gang opened fire on a bus.", "VEN", "Tren de Aragua", 3),
    ("Gunmen from the G9 alliance burned homes.", "HTI", "G9 Family and Allies", 3),
    ("The Jaish al-Adl group claimed the ambush.", "IRN", "Jaish al-Adl", 2),
])
def test_actors_dictionary_knows_groups_active_in_the_2020s(text, iso3, name, inter):
    entry = named_group(text, iso3=iso3)
    assert entry is not None and (entry.name, entry.inter) == (name, inter)


def test_actors_a_short_alias_in_lower_case_is_no_group():
    assert named_group("the g9 summit of finance ministers", iso3="HTI") is None


@pytest.mark.parametrize("mention, iso3", [
    ("Chadian soldiers", "TCD"),
    ("Zambia Defence Force soldiers", "ZMB"),  # the country inside the force's name
    ("soldiers of the Malawi Defence Force", "MWI"),
    ("U.S. Central Command", "USA"),
    ("troops serving in Mozambique", None),  # where a force serves is not whose it is
    ("the United Nations Mission in Mali", None),
])
def test_actors_the_country_a_force_belongs_to(mention, iso3):
    assert country_of_mention(mention) == iso3


def test_actors_a_foreign_force_named_by_its_defence_force(code_text):
    (event,) = code_text("Zambia Defence Force soldiers serving in Mozambique killed six insurgents in a "
                         "raid near Mueda on Tuesday, the Zambian army said.")
    assert (event.actor1, event.inter1) == ("Military Forces of Zambia", 8)
    (event,) = code_text("A US Africa Command airstrike killed four militants near Bosaso, Somalia, on Friday, the "
                         "command said.")
    assert (event.actor1, event.inter1) == ("Military Forces of the United States", 8)


@pytest.mark.parametrize("text, attacker", [
    # the report says the doers are unknown: a group the article names elsewhere is not given it
    ("Three guards were wounded when unidentified gunmen threw a grenade at a bank in Beledweyne, "
     "Somalia, on Monday. Al-Shabaab has waged an insurgency for years. Al-Shabaab often strikes banks.",
     "Unidentified Armed Group (Somalia)"),
    # unless the group claimed this attack
    ("Three guards were wounded when unidentified gunmen threw a grenade at a bank in Beledweyne, "
     "Somalia, on Monday. Al-Shabaab claimed responsibility for the attack.", "Al Shabaab"),
])
def test_actors_doers_told_as_unknown_stay_unidentified_unless_claimed(code_text, text, attacker):
    assert code_text(text)[0].actor1 == attacker


def test_actors_a_group_tied_to_its_country_is_named_abroad_where_its_country_is_told():
    # the Houthis are tied to Yemen; a rocket "fired from Yemen" into another country is theirs
    told = "A rocket fired by the Houthi militia from Yemen hit a house in Najran."
    assert name_actor(Actor("", 3, "Houthi militia"), "SAU", told).name == "Houthi Movement"
    # without their country in the sentence, a group tied elsewhere is not guessed
    assert name_actor(Actor("", 3, "Houthi militia"), "SAU", "A rocket hit a house in Najran.").name == \
        "Unidentified Armed Group (Saudi Arabia)"


@pytest.mark.parametrize("text, arrester", [
    ("Army intelligence arrested six men suspected of throwing petrol bombs in raids in Sidon, Lebanon, on "
     "Wednesday, the army said.", "Military Forces of Lebanon"),
    ("Military intelligence detained five men in Ruhengeri, Rwanda, on Friday on suspicion of recruiting for "
     "a rebel group, officials said.", "Military Forces of Rwanda"),
])
def test_actors_a_state_body_named_with_a_state_word_is_a_state_force(code_text, text, arrester):
    (event,) = code_text(text)
    assert (event.sub_event_type, event.actor1, event.inter1) == ("Arrests", arrester, 1)


def test_actors_guards_or_personnel_named_by_their_country_are_its_forces(code_text):
    (event,) = code_text("Iran's Revolutionary Guards said on Thursday that they had killed three members of "
                         "the Kurdish militant group PJAK in a clash near Sardasht on Tuesday.")
    assert event.inter1 == 1 and "Iran" in event.actor1 and event.actor2.startswith("PJAK")


def test_actors_the_air_force_is_a_state_force(code_text):
    (event,) = code_text("The Nigerian Air Force struck a bandit camp near Zurmi, Nigeria, on Friday, killing a "
                         "dozen gunmen.")
    assert (event.sub_event_type, event.actor1, event.inter1) == ("Air/drone strike", "Military Forces of Nigeria", 1)


def test_actors_dissidents_of_a_group_are_named_as_its_dissidents():
    assert name_actor(Actor("", 2, "FARC dissidents"), "COL").name == "FARC Dissidents (Colombia)"
    assert name_actor(Actor("", 2, "a splinter ELN faction"), "COL").name == "ELN Dissidents (Colombia)"
    assert name_actor(Actor("", 2, "ELN fighters"), "COL").name == "ELN: National Liberation Army"


def test_actors_a_force_named_with_defence_words_is_the_army():
    assert name_actor(Actor("", 1, "defence and security forces"), "TCD").name == "Military Forces of Chad"
    assert name_actor(Actor("", 1, "security forces"), "TCD").name == "Police Forces of Chad"


def test_actors_a_country_told_in_the_possessive_owns_the_force():
    assert country_of_mention("Pakistan's Frontier Corps") == "PAK"
    assert country_of_mention("Nigeria’s police") == "NGA"


def test_actors_a_mob_is_its_rioters_not_the_gunmen_another_reading_assumed():
    assumed, victims = Actor("", 3, ""), Actor("", 7, "men")
    first, second = pick_sides("Riots", [assumed, victims], None, "Mob violence")
    assert first.inter == 5 and second is victims
    militia = Actor("", 4, "Dozo hunters")
    first, _ = pick_sides("Riots", [militia, victims], None, "Mob violence")
    assert first is militia


def test_actors_a_group_named_like_a_force_keeps_its_name_with_its_acronym_after_it():
    assert name_actor(Actor("", 1, "Allied Democratic Forces (ADF)"), "COD").name == "ADF: Allied Democratic Forces"
    assert name_actor(Actor("", 1, "Kenya Defence Forces (KDF)"), "SOM").name == "Military Forces of Kenya"


@pytest.mark.parametrize("text, name, inter", [
    ("The Kisu Liberation Movement attacked a village near Bunia on Monday, killing four civilians, officials said.",
     "Kisu Liberation Movement", 2),
    ("Gunmen from the Red Hawk gang coalition stormed a neighbourhood of Jacmel on Monday night, shooting five "
     "residents dead, officials said.", "Red Hawk gang coalition", 3),
    ("Members of the Tora Youth League beat an opposition activist to death in Ngozi on Monday, his family said.",
     "Tora Youth League", 3),
])
def test_actors_a_group_the_dictionary_lacks_keeps_the_name_the_text_gives_it(code_text, text, name, inter):
    (event,) = code_text(text)
    assert (event.actor1, event.inter1) == (name, inter)


@pytest.mark.parametrize("text", [
    # a place, not a group: the men came from there
    "Gunmen from Zamfara attacked a village near Gusau on Monday, killing four people, police said.",
    # an organisation that is no armed one speaks of the killing
    "The Coastal Journalists Network condemned the killing of a radio presenter who was shot dead by two men in "
    "Mombasa on Friday.",
])
def test_actors_no_group_name_from_a_place_or_a_speaker(code_text, text):
    (event,) = code_text(text)
    assert event.actor1.startswith("Unidentified Armed Group")


@pytest.mark.parametrize("mention, inter", [
    ("Kisu Liberation Front", 2), ("Popular Revolutionary Army", 2), ("Kuri Ethnic Militia", 4),
    ("Red Hawk gang", 3), ("Mountain Cartel", 3),
])
def test_actors_an_unlisted_group_is_named_with_the_inter_its_name_tells(mention, inter):
    actor = name_actor(Actor("", 3, "gunmen", organisation=mention), "COD")
    assert (actor.name, actor.inter) == (mention, inter)
    # a state force keeps its generic name whatever group is named near it
    assert name_actor(Actor("", 1, "soldiers", organisation=mention), "COD").name.startswith("Military Forces")


@pytest.mark.parametrize("text", [
    "A guard was wounded on Friday when insurgents dropped grenades from a drone onto an army camp near Buni "
    "Yadi, a military source said.",
    "Two civilians were wounded when militants launched a drone at a market in Kidal on Monday.",
])
def test_actors_who_used_the_weapon_did_the_strike(code_text, text):
    (event,) = code_text(text)
    assert event.sub_event_type == "Air/drone strike" and event.actor1.startswith("Unidentified Armed Group")


@pytest.mark.parametrize("text", [
    "Nine men died on Saturday when fighting erupted between two clans in the hills outside Goroka, "
    "officials said.",
    "Clashes erupted between rival communities near Jos on Sunday, killing six people.",
])
def test_actors_a_fight_between_two_communities_is_between_communal_militias(code_text, text):
    (event,) = code_text(text)
    assert (event.event_type, event.inter1) == ("Battles", 4) and event.actor1.startswith("Communal Militia")


def test_actors_factions_of_an_armed_group_are_armed(code_text):
    (event,) = code_text("Fighting erupted between two rival factions of the gang in Port-de-Paix on Friday, "
                         "killing four people.")
    assert event.inter1 == 3 and event.actor1.startswith("Unidentified Armed Group")


def test_actors_a_state_force_named_by_its_own_name_abroad_is_external(code_text):
    (event,) = code_text("IRGC drones struck a Kurdish rebel base near Sidakan in northern Iraq on Thursday, "
                         "killing three fighters.")
    assert event.actor1.startswith("Military Forces of Iran") and event.inter1 == 8


def test_actors_a_state_body_of_a_named_state_is_not_its_namesake_abroad():
    # the dictionary's "State Committee for National Security" is Kyrgyzstan's; Tajikistan has one too
    actor = name_actor(Actor("", 1, "Tajikistan's State Committee for National Security"), "TJK")
    assert actor.name == "Police Forces of Tajikistan" and actor.inter == 1


@pytest.mark.parametrize("text", [
    "Elements of the national army guarding a bridge near Ayorou were attacked by dozens of armed individuals on "
    "Friday.",
    "A unit of the gendarmerie was attacked near Ayorou by dozens of armed individuals on Friday.",
])
def test_actors_a_part_of_a_state_force_is_the_state_side(code_text, text):
    (event,) = code_text(text)
    assert event.event_type == "Battles" and {event.inter1, event.inter2} == {1, 3}


@pytest.mark.parametrize("text, name", [
    ("Al-Shabaab-linked militants killed four teachers near Mandera on Monday.", "Al Shabaab"),
    ("Fighters loyal to the Kisu Liberation Movement killed six villagers near Beni on Monday.",
     "Kisu Liberation Movement"),
])
def test_actors_members_tied_to_a_group_by_affiliation_are_the_group(code_text, text, name):
    (event,) = code_text(text)
    assert event.actor1 == name


def test_actors_forces_killed_under_fire_are_the_other_side(code_text):
    (event,) = code_text("A soldier was killed and two were wounded when their patrol came under fire near Gao "
                         "on Monday.")
    assert {event.inter1, event.inter2} == {1, 3} and "Military Forces of Mali" in (event.actor1, event.actor2)
