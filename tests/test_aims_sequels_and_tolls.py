"""What a text tells beside its event: aims that were not met, the hunt for suspects after it,
the toll as it rises, the day someone died of their wounds, ages, the attackers' own dead; and
texts whose words of violence belong to a drill, a disaster, a match or a machine. Texts written
for these tests."""
import pytest

# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).
@pytest.fixture(scope="module")
def code_text(code_text_patterns):
    return code_text_patterns


VIOLENT_TYPES = ("Battles", "Violence against civilians", "Explosions/Remote violence")


def violent(events):
    return [e for e in events if e.event_type in VIOLENT_TYPES]


def test_a_search_to_arrest_the_attackers_is_no_arrest(code_text):
    events = code_text("Gunmen shot dead a shopkeeper in Rampur village of Lakhimpur Kheri district, India, on "
                       "Monday. Police launched a search operation to arrest the attackers.")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_suspects_hunted_and_arms_taken_join_the_clash_they_followed(code_text):
    events = code_text("Security forces killed two militants in a gunfight in Kupwara district, Kashmir, on "
                       "Tuesday, police said. Two rifles and ammunition were recovered from the slain militants. "
                       "Police later arrested three suspects in connection with the attack.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].fatalities == 2


def test_a_significant_cache_told_apart_stays_its_own_event(code_text):
    events = code_text("Security forces killed two militants in a gunfight in Kupwara district, Kashmir, on "
                       "Tuesday. Meanwhile, police recovered a large stockpile of explosives in Baramulla district.")
    assert sorted(e.sub_event_type for e in events) == ["Armed clash", "Disrupted weapons use"]


def test_the_toll_as_it_rises_counts_the_dead_and_dates_only_the_report(code_text):
    events = code_text("Toll from market bombing in Kanam rises to 14\n\n"
                       "MAIDUGURI, Nigeria, March 14 - The death toll from a suicide bombing at a market in "
                       "Kanam, Borno State, rose to 14 on Thursday after four of the wounded died. A bomber "
                       "blew herself up among traders on Tuesday evening, killing nine people.")
    (event,) = violent(events)
    assert event.sub_event_type == "Suicide bomb" and event.fatalities == 14
    assert str(event.event_date) == "2024-03-12"


def test_a_campaigns_toll_is_not_the_events_and_a_toll_update_alone_is_no_event(code_text):
    events = code_text("Armed men stormed a cattle market outside Tillaberi, Niger, on Sunday, killing six "
                       "traders. The raid brings the death toll of the insurgency in the region this year to 340.")
    (event,) = violent(events)
    assert event.fatalities == 6
    assert code_text("Heavy rain lashed the coast again on Monday. The death toll from the floods rose to 40, "
                     "the civil protection agency said.") == []


def test_a_death_in_hospital_next_day_is_dated_to_the_attack_and_an_age_is_no_count(code_text):
    events = code_text("SRINAGAR, India, March 14 - Militants threw a grenade at a police vehicle in a "
                       "market in Srinagar on Tuesday afternoon, wounding nine civilians, police said. One of "
                       "the wounded, a 52-year-old vendor, died in hospital on Wednesday morning.")
    (event,) = violent(events)
    assert event.sub_event_type == "Grenade" and event.fatalities == 1
    assert str(event.event_date) == "2024-03-12"


def test_the_attackers_neutralised_after_their_victims_add_to_the_dead(code_text):
    events = code_text("NIAMEY, Niger, March 14 - Jihadist fighters ambushed an army patrol near Tera in the "
                       "Tillaberi region on Tuesday, killing a civilian and four soldiers, the defence ministry "
                       "said. Troops returned fire. Nine assailants were neutralised, the ministry said.")
    (event,) = violent(events)
    assert event.sub_event_type == "Armed clash" and event.fatalities == 14


def test_the_report_day_of_a_dateline_does_not_date_the_event(code_text):
    events = code_text("BAMAKO, March 14 - Gunmen killed six villagers in an attack on Dinangourou in "
                       "central Mali on Tuesday, local officials said.")
    (event,) = violent(events)
    assert str(event.event_date) == "2024-03-12"


def test_a_region_owning_the_town_named_after_it_is_not_the_place(code_text):
    (event,) = violent(code_text("Shelling kills three in Idlib's Ariha\n\nSyrian government forces shelled "
                                 "the town on Tuesday, killing three civilians, rescuers said."))
    assert event.location.startswith("Ar") and event.admin1 == "Idlib"


@pytest.mark.parametrize("text", [
    # a drill
    "Navies sink old frigate in joint live-fire drill\n\nFrench and Indian warships fired missiles at a "
    "decommissioned frigate off Goa on Tuesday, sinking it as part of their annual naval exercises.",
    # a natural disaster, with troops sent to help
    "Earthquake strikes Nepal's west\n\nA magnitude 6.1 earthquake struck western Nepal on Tuesday, killing "
    "nine people, officials said. Army troops were deployed to help. At least 40 people were injured.",
    # a machine
    "A transformer at a substation in Lagos overheated and blew up on Tuesday night, causing a power cut, "
    "the electricity company said.",
    # a match
    "Hosts ambush visitors in Colombo Test\n\nSri Lanka's seamers ambushed England on the first morning "
    "of the second Test on Tuesday, reducing the visitors to 52 for four. The bowler struck twice.",
    # control of a body, a song, a dismissal
    "Party rebels seize control of executive\n\nRebels in Kenya's opposition party seized control of "
    "its national executive on Tuesday, ousting the chairman.",
    "Supporters at the back of the union hall in Buenos Aires broke into song on Tuesday as the result "
    "was read out.",
    "Sri Lanka's president on Tuesday fired the country's police chief after an audit.",
    # a standing state
    "Since January the government of Ecuador has deployed the armed forces to ports and prisons.",
    "Human rights groups urged Niger's authorities to ensure fair trials for the terrorism suspects "
    "held in pre-trial detention.",
    "Portugal advised its citizens against travel to Mozambique's Cabo Delgado province on Tuesday, "
    "citing the risk of terrorism and kidnapping.",
])
def test_no_event_where_violence_words_have_other_owners(code_text, text):
    assert [e.sub_event_type for e in code_text(text)] == []


def test_a_mob_its_dispersal_and_the_forces_sent_after_are_one_riot(code_text):
    events = code_text("Mob torches houses in Manipur village\n\nIMPHAL, India, March 14 - A mob set fire to "
                       "at least ten houses in Kwakta in Manipur's Bishnupur district late Tuesday and beat a man "
                       "to death, police said. Security forces fired tear gas shells to disperse the crowd. "
                       "The chief minister said additional central forces had been deployed in the district.")
    assert [e.sub_event_type for e in events] == ["Mob violence"]
    assert events[0].fatalities == 1


def test_houses_burned_by_the_attackers_are_part_of_the_attack(code_text):
    events = code_text("OUAGADOUGOU, Burkina Faso, March 14 - Gunmen killed seven traders at the market of "
                       "Deou in northern Burkina Faso on Tuesday, local officials said. The attackers set fire "
                       "to stalls and drove off cattle before leaving.")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_fighting_curbed_by_a_truce_and_a_trade_become_common_are_no_events(code_text):
    events = code_text("ADEN, Yemen, March 14 - A landmine killed two shepherds in Hays district on Tuesday, "
                       "officials said. The truce has largely held, sharply reducing fighting across the "
                       "country. Kidnapping for ransom has become a lucrative business in the region.")
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


def test_the_perpetrators_claimed_toll_yields_to_the_reported_one(code_text):
    events = code_text("MOGADISHU, Somalia, March 14 - A suicide car bomber killed nine soldiers at a checkpoint "
                       "in Jowhar on Tuesday, officials said. Al-Shabaab claimed responsibility in a statement, "
                       "saying its fighter had killed thirty soldiers.")
    (event,) = violent(events)
    assert event.sub_event_type == "Suicide bomb" and event.fatalities == 9


@pytest.mark.parametrize("claim", ["The rebels claimed to have killed nine soldiers.",
                                   "The rebels claimed they killed nine soldiers."])
def test_a_toll_the_attackers_claim_to_have_inflicted_yields_to_the_reported_one(code_text, claim):
    events = code_text("Rebels ambushed an army patrol near Uvira on Tuesday. The army said four soldiers were "
                       "killed. " + claim)
    (event,) = violent(events)
    assert event.fatalities == 4


def test_the_hospital_the_wounded_were_taken_to_is_not_the_place(code_text):
    events = code_text("ANKARA, Turkey, March 14 - A Turkish soldier died in a firefight with PKK militants "
                       "in Semdinli district of Hakkari province on Tuesday, the ministry said. The wounded "
                       "were taken to hospital in Yuksekova.")
    (event,) = violent(events)
    assert "Yüksekova" not in (event.location or "") and event.admin1.startswith("Hakk")


def test_a_car_named_after_a_town_is_no_place(code_text):
    events = code_text("BELEDWEYNE, Somalia, March 14 - A car bomb exploded at a checkpoint in Beledweyne on "
                       "Tuesday, killing five soldiers, officials said. Witnesses said the car, a white Toyota, "
                       "sped past the first barrier before it blew up.")
    assert {e.country for e in events} == {"Somalia"}


@pytest.mark.parametrize("text, expected", [
    ("LYON, France, March 14 - Cars were torched and a police station was targeted in a night of unrest "
     "in Vaulx-en-Velin on Tuesday, police said.", "Violent demonstration"),
    ("A man accused of stealing a motorcycle was beaten and set on fire by a crowd in San Pedro Carcha, "
     "Guatemala, on Tuesday, police said. He died of his injuries in hospital.", "Mob violence"),
])
def test_burning_by_crowds_is_a_riot(code_text, text, expected):
    assert [e.sub_event_type for e in code_text(text)] == [expected]


def test_a_government_protesting_in_a_note_is_no_protest(code_text):
    events = code_text("BAGHDAD, Iraq, March 14 - The Iraqi government has repeatedly protested against "
                       "Turkish strikes in the Kurdistan region, calling them a violation of its sovereignty.")
    assert [e.sub_event_type for e in events] == []


def test_they_who_foiled_a_plot_and_made_arrests_are_the_police_who_said_so(code_text):
    events = code_text("Kenyan police said on Wednesday they had foiled a plan to bomb a shopping centre in "
                       "Mombasa and arrested five men.")
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1 == "Police Forces of Kenya" and arrests[0].arrested == 5


def test_protesters_who_storm_an_airport_are_no_weather(code_text):
    events = code_text("Protesters storm Juliaca airport, three killed\n\nLIMA, March 14 - Three people were "
                       "killed and forty injured on Tuesday when thousands of protesters tried to take over the "
                       "airport in the southern Peruvian city of Juliaca and clashed with police.")
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Violent demonstration", 3)]


def test_a_deed_told_in_a_when_clause_under_a_guess_took_place(code_text):
    events = code_text("KAMPALA, Uganda, March 14 - That advice may have saved lives on Tuesday, when police "
                       "explosives experts defused a bomb hidden outside a bar in Mpondwe, police said.")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


def test_officers_injured_since_the_protests_began_are_a_tally(code_text):
    events = code_text("TBILISI, Georgia, March 14 - Police used water cannon to clear protesters from outside "
                       "parliament on Tuesday night. The ministry says dozens of officers have been injured "
                       "since the protests began.")
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]


@pytest.mark.parametrize("text", [
    'LAGOS, March 14 - Nigerian singer Temi Ade released her third studio album, "Ceasefire", on Friday.',
    '"We are not here to blow up the company, we are here to rescue it," the fund\'s partner said on Tuesday.',
    "Surgeons in Sarajevo have removed a rifle bullet that had been lodged near a man's spine for 26 years, "
    "since he was wounded during the siege of the city.",
    "WALVIS BAY, Namibia, March 14 - The port authority has detained a Spanish-owned fishing trawler over "
    "unpaid fees. No one was arrested.",
])
def test_titles_ruin_old_wounds_and_held_boats_are_no_events(code_text, text):
    assert [e.sub_event_type for e in code_text(text)] == []


def test_a_town_in_a_region_is_not_a_town_named_like_the_region(code_text):
    events = code_text("Drone strike hits northern Shan town\n\nBANGKOK, March 14 - Four civilians were killed "
                       "when a Myanmar military drone dropped bombs on the town of Namtu in northern Shan State "
                       "on Tuesday, residents said.")
    assert {e.country for e in events} == {"Myanmar"}


def test_a_lede_that_opens_with_the_rising_toll_gives_the_event_its_toll(code_text):
    events = code_text("The death toll from a rocket attack on a cattle market in Kismayo rose to nine on Monday, "
                       "officials said. Al-Shabaab fighters fired three rockets at the market on Sunday afternoon.")
    (event,) = violent(events)
    assert event.fatalities == 9 and event.actor1 == "Al Shabaab"


@pytest.mark.parametrize("text, toll", [
    # a later sentence that only updates the toll gives the event its count
    ("Armed men stormed a cattle market outside Tillaberi, Niger, on Sunday, killing six traders, officials "
     "said. By Monday evening the toll had climbed to 11, a nurse at the district hospital said.", 11),
    # 'bringing the toll to 11' counts all the dead once
    ("A roadside bomb hit a bus near Kandahar, Afghanistan, on Friday, killing eight passengers. Three of "
     "the injured died overnight, bringing the death toll to 11.", 11),
    # another source's figure is not a rising count: ACLED keeps the lower
    ("Armed men stormed a cattle market outside Tillaberi, Niger, on Sunday, killing six traders, officials "
     "said. Residents said the toll was 15.", 6),
    # where each died, after the total: a breakdown, not two more deaths
    ("At least nine people were killed when gunmen attacked a bus near Gao, Mali, on Sunday, officials said. "
     "Seven passengers died at the scene and two of the wounded died in hospital, a doctor said.", 9),
    # the lede gives the toll as it stands; the wounded who died later are in it
    ("A car bomb killed at least 12 people in a market in Baidoa, Somalia, on Friday, officials said. The "
     "toll was first put at eight, but four of the wounded later died in hospital.", 12),
    # two sources' figures for the same dead: ACLED keeps the lower, whichever comes first
    ("Police fired on a crowd of striking miners in Obuasi, Ghana, on Tuesday, killing four people, the "
     "regional police command said. A miners' union said nine workers had died.", 4),
    ("Gunmen killed 14 villagers in an attack near Kachia, Nigeria, on Sunday, a community leader said. "
     "State police said six people were killed in the attack.", 6),
    # a figure the story says was later replaced does not count
    ("A bomb hit a minibus near Kandahar, Afghanistan, on Friday, killing seven passengers. Officials "
     "initially said three people had died.", 7),
    # a person told again ("the officer died") is part of the toll, not a second estimate
    ("Two police officers and a driver were killed when gunmen attacked a checkpoint near Quetta, Pakistan, "
     "on Monday. The officer who led the patrol died at the scene, a spokesman said.", 3),
    # the dead of the other side add to the toll, whoever tells them
    ("Rebels ambushed an army convoy near Kidal, Mali, on Monday, killing three soldiers. Four of the "
     "attackers were killed when troops returned fire, the army said.", 7),
    # and so do the forces' own dead told after the enemy's
    ("Zambian troops killed six insurgents in a clash near Mueda, Mozambique, on Tuesday. One Zambian "
     "soldier was killed in the fighting, the army said.", 7),
    ("Four policemen were martyred when militants stormed a police post near Bannu, Pakistan, on Sunday, "
     "officials said.", 4),
    # "neutralising" is killing in every inflection; the attackers' dead add to the soldiers'
    ("Seven soldiers were killed when their convoy was ambushed on Sunday near Menaka, Mali, the army said. "
     "\"The convoy reacted vigorously, neutralising 18 terrorists,\" the statement said.", 25),
    # a conflict's toll to date, told after the event, is no one event's toll
    ("Soldiers clashed with rebels near Kidal, Mali, on Monday, killing four of them, the army said. The "
     "rebellion, which began in 2012, has killed thousands of people.", 4),
    # "a dozen" is twelve, also as a part of a group ("a dozen of the attackers")
    ("Jihadists attacked an army post near Dori, Burkina Faso, on Sunday, killing nine soldiers. The army "
     "said a dozen of the attackers were killed when troops fought back.", 21),
])
def test_the_events_toll_as_the_story_tells_it(code_text, text, toll):
    (event,) = violent(code_text(text))
    assert event.fatalities == toll


def test_an_abduction_with_killing_is_an_attack_with_the_abducted_counted(code_text):
    # ACLED: an abduction is an attack where people were also killed
    (event,) = violent(code_text("Gunmen killed four villagers and abducted six children in a raid on a village "
                                 "near Gusau, Nigeria, on Sunday, police said."))
    assert (event.sub_event_type, event.fatalities, event.abducted) == ("Attack", 4, 6)
    (event,) = violent(code_text("Gunmen abducted six children in a raid on a village near Gusau, Nigeria, on "
                                 "Sunday, police said."))
    assert event.sub_event_type == "Abduction/forced disappearance"


@pytest.mark.parametrize("fatalities, expected", [(3, "Attack"), (0, "Abduction/forced disappearance")])
def test_the_detectors_abduction_with_deaths_is_an_attack(fatalities, expected):
    from datetime import date

    from conflictcoder.extract.decide import settle_type
    from conflictcoder.records import Event, Mention, Span

    day = date(2024, 3, 12)
    lead = Mention(doc_id="d", sentence=Span(0, 10, "Gunmen took them."), trigger=Span(0, 6, "took"),
                   event_type="Violence against civilians", sub_event_type="Attack",
                   probabilities={"Abduction/forced disappearance": 0.8, "Attack": 0.1, "none:other": 0.1})
    event = Event(event_id="e", event_date=day, date_start=day, date_end=day, time_precision=1,
                  disorder_type="Political violence", event_type="Violence against civilians",
                  sub_event_type="Attack", fatalities=fatalities)
    settle_type(event, lead, [lead], {})
    assert event.sub_event_type == expected
