"""ACLED event type and sub-event type of a mention, from its trigger categories and its sides."""
from __future__ import annotations

from . import lexicon as lx
from .roles import ARMED, CIVILIAN, PROTESTER, RIOTER, STATE, Party

from ..vocabulary import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC, VIOLENT_TYPES, disorder_type

__all__ = ["BATTLES", "EXPLOSIONS", "PROTESTS", "RIOTS", "STRATEGIC", "VAC", "VIOLENT_TYPES", "classify",
           "disorder_type"]


UNREST_WORDS = {"unrest", "riot", "riots", "rioting", "rioters", "youths", "barricades", "rampage", "rampaged"}


def explosion_subtype(words: set[str]) -> str:
    if "propelled" in words:
        words = words - {"rocket", "rockets", "grenade", "grenades"}  # a rocket-propelled grenade is a small arm
    if (words & lx.CHEMICAL_WORDS and words & {"attack", "weapon", "weapons", "gas"}) or (
            "gas" in words and words & {"poison", "poisonous", "toxic"}):
        return "Chemical weapon"
    if words & lx.SUICIDE_WORDS and words & {"blew", "suicide", "bomber", "blast", "explosion"}:
        return "Suicide bomb"
    air_vehicle = words & (lx.AIR_WORDS - {"air", "fighter"})
    if (words & lx.AIR_WORDS and words & {"strike", "strikes", "raid", "raids", "airstrike", "airstrikes",
                                          "bombardment", "bombardments", "sorties"}) or (
            air_vehicle and words & {"bombs", "bombed", "bombing", "dropped", "missile", "missiles",
                                     "rockets", "killing", "killed", "targeted", "hit", "struck", "destroyed",
                                     "pounded", "attacked", "attack", "attacks", "raid", "raids"}):
        return "Air/drone strike"
    if words & lx.SHELLING_WORDS:
        return "Shelling/artillery/missile attack"
    if words & lx.GRENADE_WORDS:
        return "Grenade"
    return "Remote explosive/landmine/IED"


PROTESTER_VIOLENCE = {"threw", "thrown", "throwing", "hurled", "stones", "rocks", "bottles", "petrol",
                      "molotov", "torched", "burned", "burnt", "smashed", "vandalised", "vandalized",
                      "clashed", "violent", "stormed", "looted", "rioted", "riot", "riots", "rioters",
                      "ransacked", "attacked", "set", "clashes", "clash", "projectiles", "fireworks",
                      "vandalism", "barricades", "tyres", "tires", "burning", "ugly", "turned",
                      "pelted", "pelting", "pelt", "slingshots", "scuffles", "scuffled", "scuffle",
                      "hurling", "throwing", "petrol-bombs", "firebombs", "rampage", "rampaged"}
ROADS = {"road", "roads", "highway", "highways", "railway", "railways", "thoroughfares", "rail",
         "tracks", "motorway", "motorways", "bridge", "bridges", "junction", "intersections"}
BLOCKING = {"blocked", "blocking", "blockaded", "barricaded", "shut", "block"}
INTERVENTION = {"dispersed", "disperse", "dispersing", "dispel", "dispelled", "tear", "teargas", "tear-gas", "cannon", "cannons",
                "pepper", "pepper-sprayed", "rubber", "arrested", "detained", "baton", "batons",
                "broke", "blocked", "prevented", "suppressed", "charged"}
FORCE = {"shot", "killed", "killing", "beat", "beaten", "beating", "baton", "batons",
         "live", "excessive", "brutally", "injured", "wounded", "hits", "hit", "fired", "bullets"}
AIR_VEHICLES = {"warplanes", "warplane", "jets", "aircraft", "drones", "drone", "helicopters",
                "gunships", "bombers", "sorties", "choppers", "chopper", "planes"}
# force beyond dispersal: ACLED's excessive force against protesters
HARSH_FORCE = {"violently", "brutally", "baton", "batons", "beat", "beaten", "beating", "hits",
               "live", "excessive", "bullets", "shot", "clubbed", "whipped"}
INCENDIARY_WORDS = {"petrol", "molotov", "gasoline", "firebombs", "kerosene"}
# Sides of a clash that are crowds, not armed forces: their clashes are riots
CROWD_SIDES = {"students", "supporters", "villagers", "residents", "youths", "mobs", "mob", "fans",
               "activists", "workers", "crowds", "crowd", "worshippers", "traders", "miners", "teachers",
               "farmers", "drivers", "nurses", "doctors", "fishermen", "vendors", "labourers", "laborers",
               "locals", "squatters", "settlers", "pilgrims"}
MOURNING = {"mourn", "mourned", "mourning", "commemorate", "commemorating", "anniversary", "memory",
            "funeral", "funerals", "honour", "honor", "remember", "remembering", "vigil"}
KIDNAP_WORDS = {"abducted", "abduct", "abducting", "abduction", "abductions", "kidnapped", "kidnap",
                "kidnapping", "kidnaped", "kidnaping", "disappeared", "disappearance", "disappearances"}
MOB_WORDS = {"mob", "mobs", "lynched", "lynching", "vigilante", "vigilantes", "jungle"}
# a crowd is a mob when it hurts people ("the crowd attacked a 68-year-old man"); a crowd that
# only loots is coded as looting
CROWD_WORDS = {"crowd", "crowds"}
EXPLOSIVE_WORDS = {"bomb", "bombs", "grenade", "grenades", "ied", "ieds", "mortar", "mortars",
                   "rocket", "rockets", "missile", "missiles", "shell", "shells", "explosive",
                   "explosives", "landmine", "landmines", "mine", "shelling", "artillery",
                   "vbied", "vbieds", "svbied", "svbieds"}
DEVICE_KINDS = {"remote", "remote-controlled", "improvised", "explosion", "timer", "time"}


def explosive_device(words: set[str]) -> set[str]:
    """'targeted with a remote controlled device', 'a car fitted with an improvised explosion device'."""
    return {"device"} if words & {"device", "devices"} and words & DEVICE_KINDS else set()


# What a protest's other clauses tell of the same scene: "protesters rallied ... and clashes
# broke out", "farmers blocked roads and railways to protest the bills"
SCENE_CUES = (PROTESTER_VIOLENCE - {"set", "turned", "attacked", "ugly", "violent"}) | BLOCKING | ROADS
CROWD_FIGHTS = {"clash", "clashes", "clashed", "clashing", "scuffles", "scuffled", "skirmishes", "fought", "fighting"}
PROTEST_NOUNS = lx.PROTESTER_NOUNS | {"protest", "protests", "demonstration", "demonstrations", "rally", "rallies",
                                      "protesting", "demonstrating", "procession", "processions"}


def crowd_side(p: Party) -> bool:
    """A side of a clash that is a crowd: 'students', 'miners', 'young men'."""
    head = p.head.lower()
    return head in CROWD_SIDES or (head in ("men", "people") and "young" in {m.lower() for m in p.modifiers})


def classify(categories: set[str], words: set[str], agents: list[Party], patients: list[Party],
             others: list[Party], sentence_words: set[str] = frozenset()) -> tuple[str, str]:
    """(event_type, sub_event_type), the most specific reading first. `sentence_words` are the
    words of the whole sentence outside its backdrop."""
    kinds_all = {p.kind for p in agents + patients + others}
    if lx.CHEMICAL in categories:
        return EXPLOSIONS, "Chemical weapon"
    if (lx.EXPLODE in categories and words & EXPLOSIVE_WORDS and not words & {"tear", "stun", "gas", "rubber"}
            and not any(p.kind in (PROTESTER, RIOTER) for p in agents)):
        # "attackers threw a grenade at an opposition rally": the rally was the target
        return EXPLOSIONS, explosion_subtype(words)
    if lx.PROTEST in categories or (PROTESTER in kinds_all and categories & {lx.KILL, lx.INJURE, lx.ATTACK, lx.ARREST, lx.CLASH, lx.LOOT}):
        # a backdrop's violence ("rallied peacefully after clashes last week") is not this crowd's
        scene = sentence_words or words
        return protest_type(categories, (words & scene) | (scene & SCENE_CUES), acting_sides(agents, patients, others), patients)
    if (lx.CLASH in categories and sentence_words & PROTEST_NOUNS and words & sentence_words & CROWD_FIGHTS
            and not kinds_all & {ARMED}):
        # "clashes erupted between riot police and marchers": the crowd fought
        return protest_type(categories, words, agents, patients)
    if categories & {lx.TAKEOVER, lx.RETAKE} and not categories & HARM and uncontested(words):
        return STRATEGIC, "Non-violent transfer of territory"
    if suicide_attack(categories, words):
        return EXPLOSIONS, "Suicide bomb"
    if "propelled" in words:
        words = words - {"rocket", "rockets", "grenade", "grenades"}  # a rocket-propelled grenade is fired by hand
    explosive = words & (EXPLOSIVE_WORDS | AIR_VEHICLES | {"bomber", "bombers"}) | explosive_device(words)
    if words & INCENDIARY_WORDS and explosive <= {"bomb", "bombs"}:
        explosive = set()  # petrol bombs and Molotov cocktails are fire, thrown by hand
    if lx.EXPLODE in categories or (categories & {lx.KILL, lx.INJURE, lx.ATTACK} and explosive):
        return EXPLOSIONS, explosion_subtype(words | ({"blast"} if words & {"bomber", "bombers"} else set()))
    if categories & {lx.TAKEOVER, lx.RETAKE}:
        return BATTLES, territory_change(categories, words, agents)
    if lx.RIOT in categories or RIOTER in kinds_all:
        return RIOTS, ("Mob violence" if words & MOB_WORDS else "Violent demonstration")
    if lx.CLASH in categories:
        crowds = any(crowd_side(p) for p in agents + patients + others)
        if crowds and ARMED not in kinds_all and not words & {"encounter", "encounters", "gunfight", "gunbattle"}:
            # "students clashed with party supporters", "miners clash with police": a crowd that
            # fights riots; no armed group fought
            return RIOTS, "Violent demonstration"
        return BATTLES, "Armed clash"
    if lx.SEXUAL in categories:
        return VAC, "Sexual violence"
    if lx.ABDUCT in categories and lx.KILL not in categories:
        # an attack that killed and carried people off is an attack, the abducted counted in it
        if agents and all(p.kind == STATE for p in agents) and not words & KIDNAP_WORDS:
            return STRATEGIC, "Arrests"  # forces that seized suspects arrested them
        return VAC, "Abduction/forced disappearance"  # forces said to abduct make people disappear
    if ((words & MOB_WORDS and categories & {lx.KILL, lx.INJURE, lx.ATTACK, lx.LOOT, lx.RIOT}
         or words & CROWD_WORDS and categories & {lx.KILL, lx.INJURE, lx.ATTACK})
            and not any(p.kind in (ARMED, STATE) for p in agents)):
        return RIOTS, "Mob violence"
    if lx.RAID in categories and words & AIR_VEHICLES:
        return EXPLOSIONS, "Air/drone strike"  # "raids by army choppers"
    if categories & {lx.KILL, lx.INJURE, lx.ATTACK} or (
            lx.RAID in categories and not categories & {lx.ARREST, lx.SEIZE}):
        return violent_type(categories, {p.kind for p in patients}, kinds_all, agents)
    if lx.ARREST in categories and words & PROTEST_NOUNS and words & ATTEMPT_WORDS:
        # "activists detained while trying to hold a demonstration": the protest stopped
        return PROTESTS, "Protest with intervention"
    if lx.ARREST in categories:
        if agents and all(p.kind in (ARMED,) for p in agents):
            return VAC, "Abduction/forced disappearance"
        return STRATEGIC, "Arrests"
    if lx.RELEASE in categories and words & DEAL_WORDS:
        return STRATEGIC, "Agreement"  # "freed the detainees under the deal": the deal carried out
    if lx.LOOT in categories and words & UNREST_WORDS and not any(p.kind in (ARMED, STATE) for p in agents):
        # "cars torched in a night of unrest", "youths set up barricades and burned tyres": a riot
        return RIOTS, "Violent demonstration"
    for category, typed in NONVIOLENT_ORDER:
        if category in categories:
            return typed
    return STRATEGIC, "Other"


ATTEMPT_WORDS = {"while", "trying", "tried", "attempting", "attempted", "during"}
HARM = {lx.KILL, lx.INJURE, lx.ATTACK, lx.CLASH, lx.EXPLODE}
UNCONTESTED = {"unopposed", "uncontested", "deserted", "abandoned", "vacated", "withdrawal", "handover"}


def uncontested(words: set[str]) -> bool:
    """Ground taken with no fight: 'seized the deserted base', 'took the town without resistance',
    'after the withdrawal of the garrison'."""
    return bool(words & UNCONTESTED) or ("resistance" in words and bool(words & {"without", "no", "any"}))


DEAL_WORDS = {"deal", "agreement", "accord", "ceasefire", "cease-fire", "truce", "exchange", "swap", "pact"}
# "forces loyal to the government", "the army and allied militias": the state's side
STATE_SIDE_WORDS = {"allied", "loyal", "loyalist", "loyalists", "pro-government"}
STATE_WORDS = {"army", "troops", "soldiers", "government", "military", "forces", "police", "regime"}
NON_STATE_WORDS = {"rebels", "rebel", "militants", "insurgents", "jihadists", "fighters", "militia",
                   "militias", "guerrillas", "taliban", "opposition", "separatists", "islamists"}


def territory_change(categories: set[str], words: set[str], agents: list[Party]) -> str:
    """Who took the ground decides the reading: the state regains, anyone else overtakes. With no
    subject parsed ('capturing a village' after 'troops pushed in'), the sentence's sides decide."""
    kinds = {p.kind for p in agents}
    agent_words = {w for p in agents for w in p.text.lower().split()}
    if STATE in kinds or agent_words & (STATE_WORDS - {"government"}):
        return "Government regains territory"  # "the Iraqi military and allied militias"
    if ARMED in kinds:
        return "Non-state actor overtakes territory"
    state, armed = bool(words & STATE_WORDS), bool(words & NON_STATE_WORDS)
    if state and armed and words & STATE_SIDE_WORDS:
        return "Government regains territory"
    if state != armed:
        return "Government regains territory" if state else "Non-state actor overtakes territory"
    return "Government regains territory" if lx.RETAKE in categories else "Non-state actor overtakes territory"


def suicide_attack(categories: set[str], words: set[str]) -> bool:
    """'killed in a suicide attack': in news usage a suicide attack is a suicide bombing unless
    the text says the attackers fought ('suicide squad stormed the camp' keeps its guns)."""
    return ("suicide" in words and bool(categories & {lx.KILL, lx.INJURE, lx.ATTACK, lx.EXPLODE})
            and bool(words & {"attack", "attacks", "attacker", "attackers", "bomber", "bombers", "bombing"})
            and not words & {"committed", "commit", "commits", "stormed", "gunmen", "opened", "firing", "fired"})


# The rest, most specific first: one category each, no sides to weigh.
NONVIOLENT_ORDER = (
    (lx.RIOT, (RIOTS, "Violent demonstration")),
    (lx.SEIZE, (STRATEGIC, "Disrupted weapons use")),
    (lx.AGREE, (STRATEGIC, "Agreement")),
    (lx.WITHDRAW, (STRATEGIC, "Non-violent transfer of territory")),
    (lx.BASE, (STRATEGIC, "Headquarters or base established")),
    (lx.MOBILIZE, (STRATEGIC, "Change to group/activity")),
    (lx.LOOT, (STRATEGIC, "Looting/property destruction")),
    (lx.RELEASE, (STRATEGIC, "Other")),
)


# Agents the role finder leaves without a kind ('officers', 'the authorities') are the state's
# when they act on a crowd
STATE_AGENT_WORDS = {"police", "officers", "officer", "policemen", "troops", "soldiers", "authorities",
                     "forces", "riot"}


def acting_sides(agents: list[Party], patients: list[Party], others: list[Party]) -> list[Party]:
    """Who acted on a crowd: not words of the crowd's own phrase ('attacked a peaceful student
    demonstration' has no student agent); with none parsed, the state named in the clause."""
    acting = [p for p in agents if not any(p is not q and p.text in q.text for q in patients)]
    return acting or [p for p in others if state_agent(p)]


def state_agent(p: Party) -> bool:
    return p.kind == STATE or (not p.kind and bool(set(p.text.lower().split()) & STATE_AGENT_WORDS))


def protest_type(categories: set[str], words: set[str], agents: list[Party], patients: list[Party]) -> tuple[str, str]:
    """ACLED's four readings of a protest: violent protesters are rioters; force against peaceful
    ones is excessive force; dispersal or arrests are intervention."""
    state_acts = any(p.kind == STATE for p in agents) or bool(words & {"police", "officers", "forces", "troops", "soldiers"})
    casualties = bool(categories & {lx.KILL, lx.INJURE})
    state_agents_only = bool(agents) and all(state_agent(p) for p in agents) and not categories & {lx.CLASH, lx.RIOT}
    if state_agents_only and (casualties or words & HARSH_FORCE):
        return PROTESTS, "Excessive force against protesters"  # "officers brutally attacked the march"
    if not state_agents_only and (words & PROTESTER_VIOLENCE or categories & {lx.RIOT, lx.LOOT, lx.CLASH}):
        return RIOTS, "Violent demonstration"  # protesters who fight are rioters, whatever the police do
    if words & BLOCKING and words & ROADS and not any(p.kind == STATE for p in agents):
        return RIOTS, "Violent demonstration"  # ACLED: road-blocking is destructive, not peaceful
    if state_acts and ((casualties and (words & FORCE or lx.KILL in categories)) or words & HARSH_FORCE):
        return PROTESTS, "Excessive force against protesters"
    if (lx.KILL in categories or (casualties and words & {"peaceful", "unarmed"})) and not words & MOURNING:
        # protesters killed with no sign that they fought: ACLED's excessive force
        return PROTESTS, "Excessive force against protesters"
    if words & INTERVENTION or lx.ARREST in categories or (state_acts and words & FORCE):
        return PROTESTS, "Protest with intervention"
    return PROTESTS, "Peaceful protest"


def violent_type(categories, kinds_patients, kinds_all, agents) -> tuple[str, str]:
    """Killing, wounding or attacking: a battle when both sides are armed, else an attack on
    civilians (protests are typed before this, by protest_type)."""
    agent_kinds = {p.kind for p in agents}
    if RIOTER in agent_kinds or lx.RIOT in categories:
        return RIOTS, "Mob violence"
    armed_victims = kinds_patients & {STATE, ARMED}
    armed_sides = kinds_all & {STATE, ARMED}
    if armed_victims and (kinds_patients - {STATE, ARMED} == set() or len(armed_sides) == 2):
        return BATTLES, "Armed clash"
    if STATE in armed_sides and ARMED in armed_sides:
        return BATTLES, "Armed clash"
    if categories & {lx.ATTACK, lx.RAID} and not kinds_patients and armed_sides and not kinds_all & {CIVILIAN}:
        return BATTLES, "Armed clash"
    return VAC, "Attack"
