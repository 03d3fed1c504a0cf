"""ACLED event type and sub-event type of a mention, from its trigger categories and its sides."""
from __future__ import annotations

from . import lexicon as lx
from .roles import ARMED, CIVILIAN, PROTESTER, RIOTER, STATE, Party

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

DISORDER = {
    BATTLES: "Political violence",
    EXPLOSIONS: "Political violence",
    VAC: "Political violence",
    PROTESTS: "Demonstrations",
    STRATEGIC: "Strategic developments",
}
VIOLENT_TYPES = {BATTLES, EXPLOSIONS, VAC, RIOTS}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    if event_type == RIOTS:
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    return DISORDER.get(event_type, "Political violence")


def explosion_subtype(words: set[str]) -> str:
    if words & lx.CHEMICAL_WORDS and words & {"attack", "weapon", "weapons", "gas"}:
        return "Chemical weapon"
    if words & lx.SUICIDE_WORDS and words & {"blew", "suicide", "bomber", "blast", "explosion"}:
        return "Suicide bomb"
    if words & lx.AIR_WORDS and words & {"strike", "strikes", "raid", "raids", "bombs", "bombed",
                                         "bombing", "airstrike", "airstrikes", "dropped", "missile",
                                         "missiles", "rockets", "bombardment"}:
        return "Air/drone strike"
    if words & lx.SHELLING_WORDS:
        return "Shelling/artillery/missile attack"
    if words & lx.GRENADE_WORDS:
        return "Grenade"
    return "Remote explosive/landmine/IED"


def classify(categories: set[str], words: set[str], agents: list[Party], patients: list[Party],
             others: list[Party]) -> tuple[str, str]:
    """(event_type, sub_event_type)."""
    kinds_patients = {p.kind for p in patients}
    kinds_all = {p.kind for p in agents + patients + others}
    protest_context = bool(kinds_all & {PROTESTER}) or bool(categories & {lx.PROTEST})
    if lx.EXPLODE in categories or (categories & {lx.KILL, lx.INJURE, lx.ATTACK}
                                     and words & {"bomber", "bombers"}):
        return EXPLOSIONS, explosion_subtype(words | ({"blast"} if words & {"bomber", "bombers"} else set()))
    if lx.TAKEOVER in categories:
        if any(p.kind == STATE for p in agents):
            return BATTLES, "Government regains territory"
        return BATTLES, "Non-state actor overtakes territory"
    if lx.RETAKE in categories:
        return BATTLES, "Government regains territory"
    if lx.CLASH in categories:
        if protest_context and lx.RIOT in categories:
            return RIOTS, "Violent demonstration"
        return BATTLES, "Armed clash"
    if lx.SEXUAL in categories:
        return VAC, "Sexual violence"
    if lx.ABDUCT in categories:
        if agents and all(p.kind == STATE for p in agents):
            return STRATEGIC, "Arrests"
        return VAC, "Abduction/forced disappearance"
    if categories & {lx.KILL, lx.INJURE, lx.ATTACK} or (
            lx.RAID in categories and not categories & {lx.ARREST, lx.SEIZE}):
        return violent_type(categories, kinds_patients, kinds_all, agents, protest_context)
    if lx.ARREST in categories:
        if agents and all(p.kind in (ARMED,) for p in agents):
            return VAC, "Abduction/forced disappearance"
        return STRATEGIC, "Arrests"
    if lx.RIOT in categories:
        if words & {"mob", "lynched", "vigilantes"}:
            return RIOTS, "Mob violence"
        return RIOTS, "Violent demonstration"
    if lx.PROTEST in categories:
        if words & {"dispersed", "tear", "teargas", "arrested", "detained", "water", "cannon",
                    "batons", "rubber"}:
            return PROTESTS, "Protest with intervention"
        return PROTESTS, "Peaceful protest"
    if lx.SEIZE in categories:
        return STRATEGIC, "Disrupted weapons use"
    if lx.LOOT in categories:
        return STRATEGIC, "Looting/property destruction"
    if lx.RELEASE in categories:
        return STRATEGIC, "Other"
    if lx.AGREE in categories:
        return STRATEGIC, "Agreement"
    return STRATEGIC, "Other"


def violent_type(categories, kinds_patients, kinds_all, agents, protest_context) -> tuple[str, str]:
    agent_kinds = {p.kind for p in agents}
    if protest_context and STATE in agent_kinds | kinds_all and kinds_patients & {PROTESTER, CIVILIAN, ""}:
        if lx.PROTEST in categories or PROTESTER in kinds_patients:
            return PROTESTS, "Excessive force against protesters"
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
