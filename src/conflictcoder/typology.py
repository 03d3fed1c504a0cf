"""Other typologies of an ACLED-typed event: UCDP type_of_violence and PLOVER event and mode."""
from __future__ import annotations

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
ARMED_INTERS = {1, 2, 3, 4, 8}

# ACLED sub-event type -> (PLOVER event, PLOVER mode)
PLOVER = {
    "Armed clash": ("ASSAULT", "firearms"),
    "Government regains territory": ("ASSAULT", "heavy-weapons"),
    "Non-state actor overtakes territory": ("ASSAULT", "heavy-weapons"),
    "Chemical weapon": ("ASSAULT", "heavy-weapons"),
    "Air/drone strike": ("ASSAULT", "aerial"),
    "Suicide bomb": ("ASSAULT", "suicide-attack"),
    "Shelling/artillery/missile attack": ("ASSAULT", "heavy-weapons"),
    "Remote explosive/landmine/IED": ("ASSAULT", "explosives"),
    "Grenade": ("ASSAULT", "explosives"),
    "Sexual violence": ("ASSAULT", "sexual"),
    "Attack": ("ASSAULT", "targeted"),
    "Abduction/forced disappearance": ("ASSAULT", "abduct"),
    "Peaceful protest": ("PROTEST", "demo"),
    "Protest with intervention": ("PROTEST", "demo"),
    "Excessive force against protesters": ("ASSAULT", "beat"),
    "Violent demonstration": ("PROTEST", "riot"),
    "Mob violence": ("ASSAULT", "beat"),
    "Agreement": ("AGREE", ""),
    "Arrests": ("COERCE", "arrest"),
    "Change to group/activity": ("MOBILIZE", ""),
    "Disrupted weapons use": ("COERCE", "seize"),
    "Headquarters or base established": ("MOBILIZE", ""),
    "Looting/property destruction": ("ASSAULT", "destroy"),
    "Non-violent transfer of territory": ("RETREAT", ""),
    "Other": ("", ""),
}


def plover(sub_event_type: str, weapons: list[str] = ()) -> tuple[str, str]:
    event, mode = PLOVER.get(sub_event_type, ("", ""))
    if sub_event_type == "Air/drone strike" and any("drone" in w.lower() for w in weapons):
        mode = "drone"
    return event, mode


def ucdp_type_of_violence(event_type: str, inter1: int, inter2: int) -> int | None:
    """1 state-based (a government on one side), 2 non-state (two organised non-state groups),
    3 one-sided (an organised group against civilians); None outside organised violence."""
    if event_type not in VIOLENT:
        return None
    if 7 in (inter1, inter2) or event_type == "Violence against civilians":
        return 3
    if 1 in (inter1, inter2):
        return 1
    if inter1 in ARMED_INTERS and inter2 in ARMED_INTERS:
        return 2
    return None
