"""The words that signal events, actors, weapons and non-violent senses, read from the language
folder (`lang/en/*.json`, see `conflictcoder.lang`).

This module only names them for the extract stage: each name is bound to one rule of the folder
(its id beside it), with the type the code expects. Forms are lower-case surface words (the
lemmatiser of the small model is unreliable on news), so each inflection is listed there.
"""
from __future__ import annotations

from .. import lang

# Trigger categories. A category is not yet an ACLED type: typing combines the categories of a
# mention with its actors (see typing.py). Every trigger and phrase rule names one of them.
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


def _set(rule_id: str) -> set[str]:
    return set(lang.words(rule_id))


# single words (trigger.*) and two-word phrases (phrase.*, checked before single words)
TRIGGERS: dict[str, str] = lang.trigger_table()
PHRASES: dict[tuple[str, ...], str] = lang.phrase_table()
# the words a phrase can be found from (a phrase's words; the last piece of a hyphened
# trigger that the tokeniser splits, "cease-fire"): any other word starts none
PHRASE_WORDS = frozenset(w for phrase in PHRASES for w in phrase) | frozenset(
    word.rsplit("-", 1)[1] for word in TRIGGERS if "-" in word)
WIELDING_VERBS = _set("weapon.use_verb")  # "insurgents dropped grenades": the subject used the weapon
TO_DEATH_VERBS = _set("trigger.kill.to_death")  # killings by hand, only with "to death"
AMBIGUOUS = _set("trigger.ambiguous")

VIOLENCE_CONTEXT = _set("context.violence")
NON_VIOLENT_CONTEXT = _set("context.non_violent")
DISASTER_CAUSES = _set("context.disaster")
GENERIC_HEADS = _set("context.generic_head")
SPORT_WORDS = _set("context.sport")
ABSTRACT_OBJECTS = _set("context.abstract_object")

SUICIDE_WORDS = _set("weapon.suicide")
AIR_WORDS = _set("weapon.air")
STANDOFF_STRIKERS = _set("weapon.standoff")
SHELLING_WORDS = _set("weapon.shelling")
GRENADE_WORDS = _set("weapon.grenade")
CHEMICAL_WORDS = _set("weapon.chemical")
WEAPON_WORDS = _set("weapon.any")
EXPLOSIVE_DEVICES = _set("weapon.explosive_device")
EXPLOSION_WORDS = _set("weapon.explosion")
LAID_EXPLOSIVES = _set("weapon.run_into")
RUN_INTO_VERBS = _set("weapon.run_into_verb")

STATE_NOUNS = _set("actor.state")
STATE_MODIFIERS = _set("actor.state_modifier")
STATE_BODIES = _set("actor.state_body")
STATE_PLATFORMS = _set("actor.state_platform")
STATE_OWNERS = _set("actor.state_owner")
ARMED_NOUNS = _set("actor.armed")
CIVILIAN_NOUNS = _set("actor.civilian")
PROTESTER_NOUNS = _set("actor.protester")
RIOTER_NOUNS = _set("actor.rioter")
HUMAN_NOUNS = _set("actor.human")
PHYSICAL_TARGETS = _set("actor.physical_target")
TARGET_THINGS = _set("actor.target_thing")
STRUCK_THINGS = lang.words("actor.struck_thing")
ARMED_DOERS = lang.words("actor.armed_doer")
COLLECTIVE_NOUNS = _set("actor.collective")

REPORTING_VERBS = _set("cue.reporting")
ADDITIVE_CUES = _set("cue.additive")
FOILED_CUES = _set("cue.foiled")
PLANNED_CUES = _set("cue.planned")
THREAT_CUES = _set("cue.threat")
DENIED_CUES = _set("cue.denied")
HYPOTHETICAL_CUES = _set("cue.hypothetical")
ALLEGED_CUES = _set("cue.alleged")
PERCEPTION_CUES = _set("cue.perception")
NEGATION_DETS = _set("cue.negation_det")
TOLL_RISES = lang.alternation("cue.toll_rises")  # a regex alternation: "rose|risen|..."
TOLL_BRINGS = lang.alternation("cue.toll_brings")  # "bringing|raising|..."
CAMPAIGN_TOLL = lang.words("cue.campaign_toll")
THE_WOUNDED = lang.words("cue.the_wounded")
