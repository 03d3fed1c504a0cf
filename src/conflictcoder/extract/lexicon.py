"""The words that signal events, actors, weapons and non-violent senses.

Kept as data in one place so that the typing rules in `extract.typing` stay short. Forms are
lower-case surface words (the lemmatiser of the small model is unreliable on news), so each
inflection is listed.
"""
from __future__ import annotations

# Trigger categories. A category is not yet an ACLED type: typing combines the categories of a
# mention with its actors (see typing.py).
KILL = "kill"
INJURE = "injure"
CLASH = "clash"
ATTACK = "attack"
EXPLODE = "explode"
ABDUCT = "abduct"
ARREST = "arrest"
RELEASE = "release"
SEIZE = "seize"  # seized: weapons (disrupted weapons use) or people (abduction/arrest)
PROTEST = "protest"
RIOT = "riot"
SEXUAL = "sexual"
LOOT = "loot"
TAKEOVER = "takeover"
RETAKE = "retake"
AGREE = "agree"
RAID = "raid"  # a security raid: typed by what it led to (arrests, a clash)
WITHDRAW = "withdraw"  # forces leaving an area without a fight
BASE = "base"  # a headquarters or base set up
MOBILIZE = "mobilize"  # a group's change of activity: mobilised, deployed, formed, merged
CHEMICAL = "chemical"

CASUALTY = {KILL, INJURE}

TRIGGERS: dict[str, str] = {}


def _add(category: str, words: str) -> None:
    for word in words.split():
        TRIGGERS[word] = category


_add(KILL, "killed kill kills killing killings murdered murder murders murdering assassinated "
           "assassinate assassination beheaded massacred massacre massacres slain slaying "
           "dead died die dies executed lynched death deaths")
_add(INJURE, "wounded wounding injured injuring injuries hurt")
_add(CLASH, "clashed clash clashes clashing firefight firefights shootout shootouts gunfight "
            "gunfights gunbattle skirmish skirmishes skirmished ambushed ambush fought fighting "
            "battled encounter encounters gunbattle gun-battle")
_add(ATTACK, "attack attacks attacked attacking assault assaulted "
             "shot shooting shootings stabbed stabbing opened fired firing")
_add(RAID, "raid raids raided raiding stormed storming")
_add(EXPLODE, "bomb bombs bombing bombings bombed blast blasts explosion explosions exploded "
              "detonated detonating ied ieds airstrike airstrikes shelling shelled shells mortar "
              "mortars rocket rockets missile missiles grenade grenades landmine landmines "
              "bombardment bombardments "
              "drone struck pounded pounding")
_add(ABDUCT, "kidnapped kidnap kidnapping kidnappings abducted abduct abducting abduction abductions "
             "hostage "
             "kidnaped kidnaping kidnapings")  # the one-p spelling of US wire copy
_add(ARREST, "arrested arrest arrests arresting detained detain detaining detention apprehended "
            "apprehending captured capture capturing jailed "
             "rounded")
_add(RELEASE, "released release freed handed")
_add(SEIZE, "seized seize seizing seizure confiscated confiscating recovered defused intercepted discovered "
            "destroyed "
            "uncovered dismantled found")
_add(PROTEST, "protest protests protested protesting protesters protestors demonstration "
              "demonstrations demonstrators demonstrated rally rallies rallied marched sit-in "
              "marches march picketed dispersed dispersing disperse dispel dispelled walked filled thronged")
_add(RIOT, "riot riots rioted rioting rioters")
_add(LOOT, "looted looting torched vandalised vandalized ransacked demolished razed "
          "torches torching loots")  # a headline's present tense: "mob torches houses"
# damage done on purpose to a building, vehicle or installation; these verbs have everyday
# senses too ("burned calories", "the sun burned"), which extract.triggers.damaged_on_purpose sorts out
_add(LOOT, "burned burnt sabotaged")
_add(ATTACK, "machinegunned machine-gunned strafed")
# killings by hand, triggers only with "to death" (extract.triggers.killed_to_death): "hacked to
# death", not "hackers hacked the ministry's servers" nor "beaten in the final"
TO_DEATH_VERBS = {"hacked", "bludgeoned", "clubbed", "stoned", "beaten", "beat", "battered",
                  "strangled", "tortured", "trampled"}
_add(KILL, " ".join(sorted(TO_DEATH_VERBS)))
# the armies of the Sahel and of France say their enemies were "neutralised" (extract.triggers
# keeps it only for people)
_add(KILL, "neutralised neutralized")
_add(EXPLODE, "dynamited")
# a vehicle bomb driven into its target: only with explosives or a bomber told (extract.triggers.rammed_with_explosives)
_add(EXPLODE, "rammed ramming")
_add(SEXUAL, "raped rape rapes gang-raped gang-rape molested")
_add(TAKEOVER, "overran seized-control entered")
_add(RETAKE, "recaptured retook regained liberated cleared expelled")
_add(AGREE, "ceasefire cease-fire truce agreement agreed accord deal signed exchange swap exchanged swapped "
           "surrendered surrender surrenders")
_add(WITHDRAW, "withdrew withdrawn vacated evacuated")
_add(BASE, "established created built")
_add(MOBILIZE, "mobilized mobilised mobilizing mobilising merged recruited defected reinforced "
              "deployed deploying dispatched dispatching formed moved moving redeployed redeploying "
              "fortify fortified fortifying")

# Two-word triggers, checked before single words.
PHRASES: dict[tuple[str, ...], str] = {
    ("exchanged", "fire"): CLASH,
    ("gun", "battle"): CLASH,
    ("gun", "battles"): CLASH,
    ("gun", "fight"): CLASH,
    ("gun", "fights"): CLASH,
    ("fire", "fight"): CLASH,
    ("opened", "fire"): ATTACK,
    ("shot", "dead"): KILL,
    ("gunned", "down"): KILL,
    ("gunning", "down"): KILL,
    ("gun", "down"): KILL,
    ("went", "off"): EXPLODE,
    ("go", "off"): EXPLODE,
    ("goes", "off"): EXPLODE,
    ("blew", "up"): EXPLODE,
    ("blow", "up"): EXPLODE,
    ("blown", "up"): EXPLODE,
    ("blew", "himself"): EXPLODE,
    ("blew", "herself"): EXPLODE,
    ("blew", "themselves"): EXPLODE,
    ("blow", "themselves"): EXPLODE,
    ("blow", "himself"): EXPLODE,
    ("blows", "himself"): EXPLODE,
    ("blows", "herself"): EXPLODE,
    ("sexual", "assault"): SEXUAL,
    ("sexual", "violence"): SEXUAL,
    ("air", "strike"): EXPLODE,
    ("air", "strikes"): EXPLODE,
    ("air", "raid"): EXPLODE,
    ("air", "raids"): EXPLODE,
    ("drone", "strike"): EXPLODE,
    ("drone", "strikes"): EXPLODE,
    ("car", "bomb"): EXPLODE,
    ("set", "fire"): LOOT,
    ("set", "ablaze"): LOOT,
    ("sets", "fire"): LOOT,
    ("sets", "ablaze"): LOOT,
    ("setting", "fire"): LOOT,
    ("setting", "ablaze"): LOOT,
    ("took", "hostage"): ABDUCT,
    ("taken", "hostage"): ABDUCT,
    ("taking", "hostage"): ABDUCT,
    ("took", "hostages"): ABDUCT,
    ("taken", "hostages"): ABDUCT,
    ("handed", "over"): RELEASE,
    ("took", "control"): TAKEOVER,
    ("seized", "control"): TAKEOVER,
    ("taken", "control"): TAKEOVER,
    ("taking", "control"): TAKEOVER,
    ("takes", "control"): TAKEOVER,
    ("wrested", "control"): TAKEOVER,
    ("regained", "control"): RETAKE,
    ("peace", "talks"): AGREE,
    ("tear", "gas"): PROTEST,  # used on a crowd: a protest met with intervention
    ("water", "cannon"): PROTEST,
    ("water", "cannons"): PROTEST,
    ("taken", "into"): ARREST,
    ("rounded", "up"): ARREST,
    # "turned himself in to the police": one man giving himself up (see refine_arrest); a band
    # that turns itself in surrenders as a body, which is no arrest
    ("turned", "himself"): ARREST,
    ("turned", "herself"): ARREST,
    ("turns", "himself"): ARREST,
    ("turn", "himself"): ARREST,
    ("sexually", "assaulted"): SEXUAL,
    ("chemical", "attack"): CHEMICAL,
    ("chemical", "weapons"): CHEMICAL,
    ("chemical", "weapon"): CHEMICAL,
    ("gas", "attack"): CHEMICAL,
    ("poison", "gas"): CHEMICAL,
    ("toxic", "gas"): CHEMICAL,
    ("poisonous", "gas"): CHEMICAL,
    ("mustard", "gas"): CHEMICAL,
    ("chlorine", "gas"): CHEMICAL,
    ("nerve", "agent"): CHEMICAL,
    ("fire", "exchange"): CLASH,
    ("exchange", "fire"): CLASH,
    ("pulled", "out"): WITHDRAW,
    ("set", "up"): BASE,
    ("established", "base"): BASE,
    ("exchanged", "prisoners"): AGREE,
    ("prisoner", "exchange"): AGREE,
    ("prisoner", "swap"): AGREE,
    ("took", "to"): PROTEST,  # "took to the streets"
    ("take", "to"): PROTEST,
    ("taking", "to"): PROTEST,
    ("takes", "to"): PROTEST,
    ("broke", "into"): LOOT,
    ("break", "into"): LOOT,
    ("breaking", "into"): LOOT,
    ("made", "away"): LOOT,
    ("drove", "out"): RETAKE,
    ("drove", "back"): RETAKE,
    ("pushed", "back"): RETAKE,
}

# Triggers with common non-violent senses ("heart attack", "shot at goal", "a battle for market
# share"): they need some sign of violence in the sentence before they count.
AMBIGUOUS = {
    "burned", "burnt", "sabotaged", "machinegunned", "machine-gunned", "strafed", "dynamited", "rammed", "ramming",
    "attack", "attacks", "attacked", "attacking", "assault", "assaulted", "raid", "raided",
    "stormed", "shot", "shooting", "shootings", "opened", "fired", "firing", "struck", "pounded", "pounding", "fought", "fighting", "battled",
    "clash", "clashes", "clashed", "clashing", "ambush", "ambushed", "ambushing", "besieged", "bombarded", "bomb", "bombs", "bombed", "blast",
    "blasts", "explosion", "explosions", "exploded", "shells", "shelled", "rocket", "rockets",
    "missile", "missiles", "drone", "killed", "kill", "kills", "killing", "killings", "dead",
    "died", "die", "dies", "death", "deaths", "executed", "hurt", "injured", "injuring", "injuries", "wounded",
    "wounding", "captured", "capture", "released", "release", "freed", "handed", "seized",
    "seize", "seizure", "recovered", "rally", "rallies", "rallied", "marched", "demonstrated", "hostage", "mortar",
    "mortars", "recaptured", "retook", "regained", "liberated", "murder", "murders",
    "murdered", "massacre", "riot", "riots", "rioting", "cleared", "expelled", "exchange", "swap",
    "protest", "protests", "protested", "protesting", "demonstration", "demonstrations",
    "stabbed", "stabbing", "rape", "raped", "rapes", "overran", "rounded",
    "confiscated", "defused", "slain", "slaying", "assassinated", "assassination",
    "kidnapped", "kidnapping", "kidnaped", "kidnaping", "abducted", "abduction", "intercepted", "discovered", "capturing",
    "blew", "blow", "blown", "encounter", "encounters",
    "seizing", "confiscating", "raiding", "storming", "abducting",
    "uncovered", "dismantled", "found", "destroyed", "agreement", "agreed", "accord", "deal", "signed",
    "withdrew", "withdrawn", "vacated", "evacuated", "mobilized", "mobilised", "mobilizing",
    "mobilising", "deployed", "dispatched", "merged", "recruited", "defected", "reinforced",
    "moved", "moving", "redeployed", "redeploying", "walked", "filled", "thronged",
    "bombardment", "bombardments", "established", "created", "built", "demolished", "razed",
    "marches", "picketed", "protesters", "protestors", "jailed", "entered",
    "demonstrators",
}

# Words that make a violent reading of an ambiguous trigger likely.
VIOLENCE_CONTEXT = set("""
gunmen gunman militants militant insurgents insurgent rebels rebel terrorists terrorist
jihadists jihadist extremists extremist fighters guerrillas guerrilla attackers attacker
assailants assailant troops soldiers soldier army military police policemen policeman
officers security forces gendarmes paramilitary paramilitaries militia militias bandits
separatists intruders kidnappers kidnapers hostages hostage captives bomber bombers
gun guns gunfire rifle rifles pistol pistols weapons weapon arms ammunition explosive
explosives bomb bombs grenade grenades knife knives machete machetes mortar rocket rockets
missile missiles artillery ied shells shelling airstrike drone tanks
killed killing wounded injured dead died casualties bodies body fatalities toll
civilians villagers residents protesters demonstrators rioters mob crowd tear gas
arrested detained custody raid operation clashes clashed fighting violence violent
insurgency militancy terrorism terror war armed hostilities ceasefire
jail prison prisoners suspects suspect abducted kidnapped kidnaped murder murdered
brutal bloody deadly ethnic sectarian tribal communal fierce heavy bloodshed gunshots
responsibility claimed taliban suicide damaged destroyed injuries explosive improvised
planted detonated exploded blast blasts bombs warplanes jets aircraft helicopters drones
device devices cadres maoist maoists
airstrikes airstrike gunships artillery shelling firearms ammunitions cartridges landmines
ceasefire truce peace rebels insurgents forces troops protesters demonstrators police
""".split()) | set("""
""".split())

# Contexts in which an ambiguous trigger is not political violence.
NON_VIOLENT_CONTEXT = set("""
match matches goal goals striker strikers league cup season coach coaches scored score
scoring tournament championship championships innings wicket
penalty penalties football soccer cricket basketball rugby tennis golf nba nfl
olympic olympics medal medals playoff playoffs defender defenders
midfielder midfield goalkeeper referee semi-final quarter-final derby fixture
halftime half-time touchdown quarterback pitcher
heart asthma panic seizures epileptic stroke cancer disease virus outbreak cyber
cyberattack cyberattacks hackers hacker malware ransomware phishing
shares stocks investors earnings revenue profit profits price
prices sales economy inflation bond bonds takeover merger startup brand brands
box office film movie album song songs concert actor actress director critics review
novel novels chapter plot character characters episode episodes fiction storyline sequel trailer
screenplay sitcom thriller videogame gameplay
photo photographer photos camera shoot filming election campaign poll polls debate
crash accident collision earthquake flood floods flooding landslide storm hurricane
cyclone typhoon tsunami avalanche lightning wildfire blaze drowned drowning heatwave
derailed derailment tornado volcano eruption
""".split())

# Cause of death that rules out political violence ("killed in a car crash").
DISASTER_CAUSES = set("""
crash accident collision earthquake earthquakes quake quakes tremor tremors aftershock flood floods
flooding landslide landslides storm
storms hurricane cyclone typhoon tsunami avalanche lightning wildfire wildfires blaze
heatwave tornado eruption collapse collapsed stampede drowned derailment disease
outbreak epidemic pandemic virus cholera malaria covid overdose
""".split())

# Weapon words, and the sub-event type each suggests within Explosions/Remote violence.
SUICIDE_WORDS = {"suicide", "himself", "herself", "themselves"}
AIR_WORDS = {"airstrike", "airstrikes", "air", "aerial", "drone", "drones", "jet", "jets", "warplane",
             "warplanes", "aircraft", "helicopter", "helicopters", "bombers", "fighter", "planes",
             "choppers", "chopper", "gunships", "gunship"}
# What strikes from afar: "jets struck", "artillery pounded the town"
STANDOFF_STRIKERS = AIR_WORDS - {"air", "aerial", "fighter", "airstrike", "airstrikes"} | {
    "artillery", "shells", "shell", "rockets", "rocket", "missiles", "missile", "mortars", "mortar",
    "howitzers", "tanks", "batteries", "drone", "drones"}
SHELLING_WORDS = {"shelling", "shelled", "shells", "shell", "shellfire", "howitzer", "howitzers", "mortar", "mortars", "artillery", "rocket",
                  "rockets", "missile", "missiles"}
GRENADE_WORDS = {"grenade", "grenades"}
CHEMICAL_WORDS = {"chemical", "chlorine", "sarin", "nerve", "mustard"}
WEAPON_WORDS = set("""
bomb bombs grenade grenades rifle rifles pistol pistols gun guns machine-gun explosive explosives
ied ieds mortar mortars rocket rockets missile missiles knife knives machete machetes
dynamite landmine landmines mine kalashnikov kalashnikovs ak-47 ak-47s ammunition
detonators detonator saltpeter fertilizer artillery shells drone drones car-bomb
machinegun machineguns submachinegun carbine carbines revolver revolvers shotgun shotguns
bazooka bazookas
""".split())

# Heads that make a trigger noun a reference to many events or to a possibility, not an event.
GENERIC_HEADS = {"series", "string", "wave", "spate", "rash", "campaign", "surge", "upsurge",
                 "escalation", "cycle", "number", "risk", "threat", "threats", "fear", "fears",
                 "rationale", "pretext", "excuse", "possibility", "prospect", "wake", "kind",
                 "type", "history", "pattern", "rumours", "rumors", "reports", "report",
                 "accusations", "allegations", "claims", "danger", "spectre", "scene", "site",
                 "anniversary", "memory", "victims", "aftermath", "cause", "causes",
                 "anticipation", "expectation", "expectations", "preparation", "preparations"}

# Nouns for the sides of an event. Typing asks whether a victim is armed (a battle) or not (an
# attack on civilians); the actor stage turns them into ACLED names.
STATE_NOUNS = set("""
troops soldier soldiers army military police policeman policemen policewoman officer officers
forces gendarmes gendarmerie guards guardsmen commandos marines servicemen serviceman
security personnel authorities government agents agent paratroopers navy airforce
patrol patrols battalion battalions brigade garrison guard coastguard rangers
""".split())
STATE_MODIFIERS = {"security", "government", "police", "army", "military", "federal",
                   "border", "special", "interior", "national", "state", "defence", "defense",
                   "armed", "law-enforcement", "government-backed"}
ARMED_NOUNS = set("""
gunmen gunman militants militant insurgents insurgent rebels rebel terrorists terrorist
jihadists jihadist extremists extremist fighters fighter guerrillas guerrilla attackers
attacker assailants assailant bandits bandit separatists separatist intruders intruder
kidnappers kidnapper kidnapers kidnaper bomber bombers militiamen militiaman militia militias paramilitaries
raiders raider captors captor warlord islamists islamist group gang gangs gangsters
""".split())
CIVILIAN_NOUNS = set("""
civilians civilian people persons person villagers villager residents resident locals local
man men woman women child children boy boys girl girls students student teachers teacher
workers worker journalists journalist farmers farmer passengers passenger worshippers
tourists tourist engineers engineer geologists geologist doctors doctor nurses aid
family families shoppers pilgrims traders trader driver drivers citizens citizen
villagers elders elder priest priests imam monks nuns refugees migrants herders herder
peasant peasants campesinos politician politicians mayor judge judges lawyer businessman
""".split())
PROTESTER_NOUNS = {"protesters", "protestors", "demonstrators", "marchers", "strikers",
                   "protester", "demonstrator"}
RIOTER_NOUNS = {"rioters", "mob", "mobs", "rioter", "looters", "vigilantes"}
HUMAN_NOUNS = STATE_NOUNS | ARMED_NOUNS | CIVILIAN_NOUNS | PROTESTER_NOUNS | RIOTER_NOUNS | {
    "hostages", "hostage", "captives", "captive", "prisoners", "prisoner", "suspects",
    "suspect", "members", "member", "others", "leader", "leaders", "commander", "commanders",
    "official", "officials", "minister", "president", "mayor", "governor", "chief", "head",
    "wife", "husband", "son", "daughter", "brother", "sister", "himself", "herself",
    "themselves", "him", "her", "them", "he", "she", "they", "whom", "who", "individuals",
    "youths", "youth", "staff", "employees", "crew", "nationals", "foreigners", "japanese",
    "americans", "british", "chinese", "russians"}
PHYSICAL_TARGETS = set("""
building buildings office offices station stations embassy consulate church churches mosque
mosques temple school schools market markets bus buses vehicle vehicles car cars truck
trucks convoy checkpoint checkpoints base bases airbase airport bridge pipeline house houses
home homes hotel hotels tower towers headquarters barracks post posts outpost camp camps
village villages hospital hospitals shop shops store stores restaurant cafe bank banks
plant factory warehouse train ship tanker power line lines installation compound residence
farm farms substation substations facilities facility towers pylon pylons vehicle jeep
jeeps helicopter aircraft plane offices headquarters embassy embassies ministry church
university college court courthouse radio television tv newspaper hotel bridge dam
refinery well wells gas mine mines railway railroad bus truck trucks car cars property
""".split())
# More things that get attacked, bombed or burned, for role strings only (not trigger context)
TARGET_THINGS = set("""
branch branches center centre centers centres pole poles post posts installations structure
structures dealership dealerships company companies corporation firm firms enterprise institute
club exchange agency agencies establishment establishments ambulance ambulances plants booth
hall taxi taxis minibus minibuses highway highways road roads network networks mall
transformer transformers residences palace theater theatre boat boats premises pipelines
precinct motorcade equipment railways drugstore pharmacy pharmacies kiosk warehouse
warehouses depot depots tanker tankers aircraft airplane airliner jail prison prisons
consulates ministries courthouse courthouses cathedral chapel seminary monastery dormitory
apartment apartments flat flats shack cabin cabins mansion mansions supermarket garage
""".split())
# Everything an attack can strike, for the checks that ask whether a verb hit a thing
STRUCK_THINGS = frozenset(PHYSICAL_TARGETS | TARGET_THINGS)
# Armed nouns that name who did a deed ("gunmen", "militants"), not any "group" or "gang"
ARMED_DOERS = frozenset(ARMED_NOUNS - {"group", "gang", "gangs"})
REPORTING_VERBS = {"said", "says", "say", "told", "tells", "reported", "reports", "added",
                   "stated", "announced", "claimed", "confirmed", "according", "insisted",
                   "insists", "explained", "noted", "declared", "quoted", "wrote", "tweeted"}
ADDITIVE_CUES = {"more", "another", "other", "second", "separate", "further", "additional",
                 "also", "third", "fresh", "new"}
FOILED_CUES = {"foiled", "foil", "foils", "prevented", "prevent", "prevents", "thwarted",
               "thwart", "averted", "avert", "disrupted", "intercepted", "stopped", "pre-empted"}
PLANNED_CUES = {"planned", "plan", "plans", "planning", "plot", "plots", "plotted", "plotting",
                "preparing", "prepared", "prepare", "intended", "intend", "intending",
                "intends", "aimed", "aiming", "scheme", "conspiracy", "conspired", "ready",
                "mount", "stage", "mobilising", "mobilizing", "recruiting"}
THREAT_CUES = {"threatened", "threaten", "threatens", "threatening", "threat", "threats",
               "vowed", "vow", "vows", "warned", "warn", "warns", "ultimatum"}
DENIED_CUES = {"denied", "deny", "denies", "denying", "rejected", "rejects", "rejecting", "dismissed",
               "dismisses", "refuted", "refutes", "denial", "denials"}
HYPOTHETICAL_CUES = {"could", "might", "may", "would", "should", "if", "unless", "fear",
                     "feared", "fears", "risk", "possible", "possibility", "likely",
                     "rationale", "pretext", "urge", "urged", "urges", "urging", "plead", "pleaded", "implore",
                     # a drill's scenario: "an exercise simulating a terrorist attack"
                     "simulating", "simulated", "simulate", "simulation", "scenario", "drill", "drills",
                     "exercise", "rehearsal", "mock",
                     "implored", "demand", "demanded", "demands", "order", "orders", "ask",
                     "asked", "want", "wanted", "hope", "hoped", "seek", "sought", "prevent",
                     "avoid", "help", "can", "will", "must", "need", "needs", "recur",
                     "worried", "concern", "concerns", "call", "called", "calls", "appeal",
                     "appealed", "predict", "predicted", "expect", "expected", "secure"}
ALLEGED_CUES = {"accused", "accusing", "accuse", "accuses", "suspicion", "charged",
                "alleged", "allegedly", "responsible", "blamed", "convicted", "sentenced",
                "trial", "jailed", "jailing", "imprisoned", "guilty", "acquitted",
                "rumours", "rumors", "rumour", "rumor", "rumoured", "rumored"}
PERCEPTION_CUES = {"hear", "heard", "hearing", "saw", "see", "seen", "witnessed", "described",
                   "recalled", "remember", "remembered", "showed", "shows", "filmed", "watched",
                   "memories", "memory", "film", "movie", "novel", "book", "story", "stories",
                   "documentary", "play", "drama", "exhibition", "anniversary", "commemorated",
                   "depiction", "depictions", "depicts", "depicted", "depicting", "portrayal",
                   "portrays", "portrayed", "portraying",
                   "commemorate", "marked", "mourned"}
# What one attacks in words, not with weapons: "attacked the budget", "fought the plan"
ABSTRACT_OBJECTS = {"budget", "plan", "plans", "policy", "policies", "decision", "decisions", "law",
                    "laws", "bill", "bills", "proposal", "proposals", "idea", "ideas", "record",
                    "comments", "remarks", "statement", "report", "reforms", "reform", "move",
                    "measures", "strategy", "approach", "ruling", "verdict", "speech", "critics",
                    "rumours", "rumors", "claims", "corruption", "inflation", "poverty", "disease",
                    "virus", "blaze", "flames", "cancer", "rates", "prices", "market", "share",
                    "project", "projects", "scheme", "schemes", "momentum", "hopes", "chances",
                    "jobs", "economy", "industry", "competition", "innovation", "mood", "vibe"}
# how a death toll is said to rise, as a regex alternation: "the toll rose to 14 on Tuesday"
TOLL_RISES = "rose|risen|rises|climbed|climbs|reached|jumped|increased"
# Words of sport, whose density marks a report of a match
SPORT_WORDS = {"match", "win", "won", "defeat", "league", "goal", "goals", "striker", "manager",
               "coach", "season", "half", "defence", "defense", "visitors", "counter-attack",
               "fixture", "title", "championship", "tournament", "final", "semi-final", "cup",
               "club", "fans", "stadium", "score", "scored", "points", "player", "players",
               "team", "squad", "aces", "set", "innings", "wicket", "race", "lap", "medal",
               "wickets", "bowler", "bowlers", "batsman", "batsmen", "batting", "bowling", "overs",
               "sixes", "cricket", "rugby", "tries", "scrum", "winger", "fly-half", "flanker",
               "semi-finals", "quarter-final", "quarter-finals", "esports", "team-mate", "teammate",
               "rounds", "opener", "captain", "series", "chess", "grandmaster"}
NEGATION_DETS = {"no", "none", "neither", "never"}

# Singular nouns that name a body of people: "the group conducted attacks" tells events, where
# "the commander conducted attacks" tells one man's record.
COLLECTIVE_NOUNS = {"group", "army", "force", "forces", "police", "militia", "unit", "squad", "cell",
                    "organisation", "organization", "movement", "front", "military", "battalion",
                    "brigade", "regiment", "team", "taliban", "network", "coalition", "alliance"}

# What goes off: "a device exploded", "the bomb went off" need no other sign of violence.
EXPLOSIVE_DEVICES = {"bomb", "bombs", "device", "devices", "ied", "ieds", "explosive", "explosives",
                     "grenade", "grenades", "landmine", "landmines", "rocket", "rockets", "mortar",
                     "dynamite", "detonator"}
EXPLOSION_WORDS = {"exploded", "explosion", "explosions", "blast", "blasts"}
