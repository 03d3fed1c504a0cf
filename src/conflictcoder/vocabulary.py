"""The ACLED vocabulary, in one place: event types, their 25 sub-event types, their disorder
types, and the named kinds of non-event that the event detector tells apart.

Every stage and every exporter takes these names from here.
"""
from __future__ import annotations

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# event type -> its sub-event types, in ACLED's order
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    EXPLOSIONS: ("Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                 "Remote explosive/landmine/IED", "Grenade"),
    VAC: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                "Headquarters or base established", "Looting/property destruction",
                "Non-violent transfer of territory", "Other"),
}
EVENT_TYPE_OF = {sub: event_type for event_type, subs in SUB_EVENT_TYPES.items() for sub in subs}
ALL_SUB_EVENT_TYPES = tuple(EVENT_TYPE_OF)

# Territory taken by force: the two sub-event types are told apart by who took it, not by the
# words of the taking
TERRITORY_TAKEN = frozenset({"Government regains territory", "Non-state actor overtakes territory"})

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
VIOLENT_TYPES = frozenset({BATTLES, EXPLOSIONS, VAC, RIOTS})


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type: a mob's violence is political violence, a violent demonstration a
    demonstration."""
    if event_type == RIOTS:
        return POLITICAL_VIOLENCE if sub_event_type == "Mob violence" else DEMONSTRATIONS
    if event_type == PROTESTS:
        return DEMONSTRATIONS
    if event_type == STRATEGIC:
        return STRATEGIC_DEVELOPMENTS
    return POLITICAL_VIOLENCE


# What the detector calls a sentence that reports no new real event, by kind.
NONE_PREFIX = "none:"
NON_EVENT_KINDS: dict[str, str] = {
    "metaphor": "violent words in other senses (a price war, shares shot up)",
    "sport": "sport (an attack down the left, a shootout)",
    "plan": "a plan, intention, order or call not carried out",
    "threat": "a threat, warning or ultimatum",
    "denial": "a denial or rebuttal",
    "hypothetical": "a conditional, fear, possibility or question",
    "aggregate": "a running total, tally or statistic over a period",
    "past": "an event of the past recalled as background or history",
    "crime": "ordinary crime with no political or armed-group dimension",
    "disaster": "a natural disaster, weather or epidemic",
    "accident": "an accident: crash, industrial blast, fire, collapse",
    "fiction": "a film, series, novel, play or game",
    "other": "anything else: background, reactions, quotes, diplomacy, daily life",
}
NON_EVENT_LABELS = tuple(NONE_PREFIX + kind for kind in NON_EVENT_KINDS)
DETECTOR_LABELS = ALL_SUB_EVENT_TYPES + NON_EVENT_LABELS


def is_event_label(label: str) -> bool:
    return label in EVENT_TYPE_OF


# Countries whose names ACLED's actor names write with "the" ("Military Forces of the Philippines")
COUNTRIES_WITH_THE = frozenset({
    "United States", "United Kingdom", "Philippines", "Netherlands", "Gambia", "Bahamas",
    "Central African Republic", "Democratic Republic of the Congo", "Republic of the Congo",
    "Dominican Republic", "Czech Republic", "United Arab Emirates", "Maldives", "Comoros",
    "Seychelles", "Solomon Islands", "Marshall Islands",
})
