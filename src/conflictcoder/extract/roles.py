"""Who did what to whom, and how many: role mentions and counts of a group of triggers."""
from __future__ import annotations

import re

from dataclasses import dataclass, field

from . import lexicon as lx
from .counts import Quantity, is_ordinal_person, quantity_of_words, vague_quantity

STATE, ARMED, CIVILIAN, PROTESTER, RIOTER, UNKNOWN = "state", "armed", "civilian", "protester", "rioter", ""


@dataclass(slots=True)
class Party:
    """A noun phrase taking part in an event."""

    text: str
    kind: str  # STATE, ARMED, CIVILIAN, ...
    head: str
    quantity: Quantity | None = None
    modifiers: list[str] = field(default_factory=list)
    person: bool = False  # a named person
    name: str | None = None  # the person's name, without titles, where the phrase gives one
    named_place: bool = False  # a named building, organisation or facility ("El Tiempo")
    proper: bool = False  # headed by a proper noun ("the NPA", "Boko Haram")
    organisation: str | None = None  # the group a member phrase names ("NPA fighters")
    group_name: str | None = None  # the group's own name, where the text gives one (group_name)
    counted: str | None = None  # the phrase with its number, as the report counts them ("two gunmen")


GROUP_HEADS = {"group", "band", "gang", "unit", "team", "squad", "column"}


MEMBER_HEADS = {"members", "member", "militants", "fighters", "guerrillas", "cadres", "rebels",
                "supporters", "activists", "leaders", "leader", "commanders", "commander"}


def entity_text(tok) -> str | None:
    """The named entity a token heads ("Grace Adaeze Okafor", "the NPA"), without titles."""
    if tok.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            words = [t.text for t in ent if t.pos_ != "DET"]
            return " ".join(words) if words else None
    return None


# Words before a name that say what the person is, not who: "Senator", "Father", "Gen."
PERSON_TITLES = set("""
mr mrs ms miss dr doctor msgr monsignor father fr rev reverend bishop archbishop cardinal sister
senator sen deputy congressman congresswoman president vice minister mayor governor judge justice
general gen colonel col lieutenant lt captain capt major maj sergeant sgt corporal cpl private
commander cmdr admiral adm ambassador consul secretary attorney candidate leader chief
professor prof engineer eng journalist businessman lawyer councilman councillor magistrate
prosecutor former late liberal conservative union party student peasant priest journalist
""".split())
NOT_NAMES = {"today", "yesterday", "tonight", "sunday", "monday", "tuesday", "wednesday",
             "thursday", "friday", "saturday"}


def person_name(noun, lone_ok: bool = False) -> str | None:
    """The name a noun phrase gives a person, without titles: "Senator Federico Estrada Velez"
    and "the senator, Federico Estrada Velez," are Federico Estrada Velez. Proper nouns count as
    a name unless the parser or NER takes them for a place, group or date (lower-case text has
    few entities, so a run of proper nouns is the best sign left). A lone proper noun counts only
    with `lone_ok` (the one killed or kidnapped is a person: "Vargas was shot")."""
    for child in noun.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            name = person_name(child, lone_ok)
            if name:
                return name
    surname = noun.pos_ != "PROPN" and caseless_surname(noun)
    if noun.pos_ != "PROPN" and not surname:
        return None
    # in lower-case text the recogniser takes many a surname after given names for an
    # organisation or a work; places and dates it still tells well
    untrusted = ("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW") if surname else ()
    if noun.ent_type_ in ("GPE", "LOC", "ORG", "NORP", "FAC", "DATE", "TIME",
                          "EVENT", "PRODUCT", "LAW", "WORK_OF_ART") and noun.ent_type_ not in untrusted:
        return None
    if noun.lower_ in NOT_NAMES or noun.lower_ in PERSON_TITLES or noun.lower_ in lx.HUMAN_NOUNS:
        return None
    words = [noun]
    i = noun.i - 1
    while i >= 0 and noun.doc[i].pos_ == "PROPN" and noun.i - 1 <= noun.doc[i].head.i <= noun.i and \
            noun.doc[i].lower_ not in PERSON_TITLES and noun.doc[i].lower_ not in lx.HUMAN_NOUNS:
        words.insert(0, noun.doc[i])
        i -= 1
    if len(words) == 1 and noun.ent_type_ != "PERSON" and not lone_ok and not (
            i >= 0 and noun.doc[i].lower_ in PERSON_TITLES):
        return None  # a lone proper noun with nothing saying it is a person
    return " ".join(t.text for t in words)


# nouns that are never a surname, however the tagger reads lower-case text
COMMON_NOUNS_OF_NEWS = lx.HUMAN_NOUNS | lx.STRUCK_THINGS | lx.WEAPON_WORDS


def caseless_surname(noun) -> bool:
    """In text written all in one case the tagger takes a surname after given names for a
    common noun ("francisco jose guerrero"): a noun led by a proper-noun compound counts as a
    name there."""
    if noun.pos_ != "NOUN" or noun.i == 0 or not is_caseless(noun.doc):
        return False
    before = noun.doc[noun.i - 1]
    return before.pos_ == "PROPN" and before.dep_ == "compound" and before.head.i == noun.i \
        and before.ent_type_ not in ("GPE", "LOC", "ORG", "NORP", "FAC", "DATE", "TIME") \
        and noun.lower_ not in COMMON_NOUNS_OF_NEWS


def is_caseless(doc) -> bool:
    """A text with no capital letters (or none but a few) in its first thousand characters."""
    key = "caseless"
    if key not in doc.user_data:
        head = doc.text[:1000]
        doc.user_data[key] = sum(c.isupper() for c in head) <= 2 < sum(c.isalpha() for c in head)
    return doc.user_data[key]


def phrase_text(noun) -> str:
    """The noun with its left modifiers, without determiners and numbers: 'suspected militants';
    a person or group by its name: 'members of the NPA' is the NPA."""
    if noun.lower_ in GROUP_HEADS | MEMBER_HEADS:  # "a band of some 20 armed men" is said of the men
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (noun.lower_ in GROUP_HEADS or pobj.pos_ == "PROPN"):
                        return phrase_text(pobj)
    owner = owner_after(noun) if noun.lower_ in MILITARY_TARGETS else None
    if owner is not None and owner_kind(owner) in (ARMED, STATE):
        return phrase_text(owner)  # "an outpost of the Taliban" is the Taliban's side
    if noun.ent_type_ == "PERSON" and noun.pos_ == "PROPN":
        name = entity_text(noun)
        if name:
            return name
    if noun.ent_type_ == "ORG" and noun.pos_ == "PROPN":
        name = entity_text(noun)
        if name:
            # "Pakistan's Frontier Corps": the country whose force it is, kept with the name
            owner = next((c for c in noun.lefts if c.dep_ == "poss" and c.pos_ == "PROPN" and national(c)
                          and c.text not in name), None)
            return f"{owner.text}'s {name}" if owner is not None else name
    # "his car", "several homes", "the two bombs": the thing named, as one would list it
    keep = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")
            and c.pos_ not in ("NUM", "DET", "PRON") and c.lower_ not in lx.ADDITIVE_CUES
            and c.lower_ not in VAGUE_MODIFIERS and not c.like_num]
    words = []
    last = None  # the token last written, to keep "car-bomb" and "medium-sized" one word
    for child in keep:
        for t in child.subtree:
            if t.dep_ == "case" and words:  # "Merino's home"
                words[-1] += t.text
            elif not t.is_punct and t.pos_ not in ("DET", "NUM", "CCONJ") and not t.like_num and not (
                    t.lower_ in MEASURE_WORDS and after_number(t)) and not t.ent_type_ in ("DATE", "TIME") \
                    and t.lower_ not in CLOCK_WORDS:
                if last is not None and hyphenated(last, t):
                    words[-1] += "-" + t.text
                else:
                    words.append(t.text)
                last = t
    if last is not None and hyphenated(last, noun):
        words[-1] += "-" + noun.text
    else:
        words.append(noun.text)
    return " ".join(words)


CLOCK_WORDS = {"gmt", "hours", "hrs", "am", "pm", "january", "february", "march", "april", "june",
               "july", "august", "september", "october", "november", "december"}
# "Oct 29", "Sept. 4": a month written short, whose number is a day, never a count
MONTHS_SHORT = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


_DAY_NEIGHBOURS = CLOCK_WORDS - {"am", "pm"}


def a_days_number(tok) -> bool:
    """'29' in 'Oct 29' or '14 March': the day of a date, not how many."""
    near = [tok.head] + [t for t in tok.doc[max(0, tok.i - 1):tok.i + 2] if t is not tok]
    return any(t.lower_.rstrip(".") in MONTHS_SHORT or t.lower_ in _DAY_NEIGHBOURS for t in near)


def hyphenated(a, b) -> bool:
    """'car-bomb': a and b written as one word with a hyphen between."""
    return b.i == a.i + 2 and a.doc[a.i + 1].text == "-" and not a.whitespace_ and not a.doc[a.i + 1].whitespace_


# Units after a number ("60-mm mortars", ".45 caliber pistol", "10 kg of dynamite")
MEASURE_WORDS = {"mm", "caliber", "calibre", "kg", "kilogram", "kilograms", "pound", "pounds", "lb",
                 "year", "years", "old", "floor", "story", "storey"}
def after_number(tok) -> bool:
    """'60 mm', '60-mm': the token follows a number."""
    before = [t for t in tok.doc[max(0, tok.i - 2):tok.i] if t.text != "-"]
    return bool(before) and before[-1].like_num


# Quantifiers said of a phrase, not part of what it names
VAGUE_MODIFIERS = {"several", "many", "various", "numerous", "some", "few", "all", "most",
                   "same", "such", "certain", "own"}


MILITARY_TARGETS = {"base", "bases", "checkpoint", "checkpoints", "post", "posts", "outpost", "outposts",
                    "barracks", "convoy", "convoys", "positions", "position", "camp", "camps",
                    "garrison", "patrol", "patrols", "headquarters", "airbase"}
CIVILIAN_PLACES = {"refugee", "refugees", "displacement", "idp", "idps", "civilian", "school",
                   "market", "aid", "humanitarian", "medical", "migrant", "migrants",
                   # a construction company's camp, its workers' post: no armed target
                   "construction", "firm", "company", "contractor", "contractors", "labourers",
                   "laborers", "workers", "labour", "labor"}


# "armed gang members", "members of the militia": whose members make them armed
ARMED_MEMBERSHIP = lx.ARMED_NOUNS - {"group"}


# where people live: an attack on them is an attack on their residents
HOMES = {"village", "villages", "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods",
         "home", "homes", "house", "houses", "hamlet", "hamlets", "homestead", "homesteads"}


def party_kind(noun) -> str:
    low = noun.lower_
    mods = {c.lower_ for c in noun.lefts}
    if low in lx.PHYSICAL_TARGETS and mods & {"military", "army", "police", "security", "troop"}:
        return STATE  # "a military convoy", "a police station": the state's own
    if low in MILITARY_TARGETS and any(armed_owner(m) for m in noun.lefts):
        return ARMED  # "rebel positions", "PKK hideouts": the armed group's own
    if low in GROUP_PARTS and (any(armed_owner(m) for m in noun.lefts) or group_named_before(noun)):
        return ARMED  # "ISWAP cells", "a rebel faction": part of an armed group
    if low in GROUP_PARTS and (whole := kind_of_whole(noun)) != UNKNOWN:
        return whole  # "two factions of the cartel", "elements of the national army"
    owned_by = target_owner_kind(noun)
    if owned_by in (ARMED, STATE):
        return owned_by  # "an outpost of the Taliban", "positions held by the rebels"
    if low in MILITARY_TARGETS and not {t.lower_ for t in noun.subtree} & CIVILIAN_PLACES:
        return STATE  # "attacked a checkpoint", "a convoy of Pakistani forces": armed targets
    if low in ("fighters", "jets", "jet", "warplanes", "helicopters") and mods & {"jet", "fighter", "air"}:
        return STATE
    if low in lx.STATE_PLATFORMS and any(national(c) for c in noun.subtree if c.i < noun.i):
        return STATE  # "Russian warplanes", "a Turkish drone", "U.S. aircraft": that state's forces
    if state_owned_weapon(noun):
        return STATE  # "military helicopters", "government artillery": the state's forces
    if low in ("units", "unit", "formations", "columns", "convoys") and mods & {
            "army", "military", "government", "regime", "police", "security", "state"}:
        return STATE  # "troops retook the village"
    if low in ("coalition", "alliance") and led_by_a_state(noun):
        return STATE  # "the Saudi-led coalition": the forces of the state that leads it
    if low == "force" and mods & (lx.STATE_MODIFIERS | {"air", "naval", "task"}):
        return STATE  # "the air force struck", "a joint task force": one force of the state
    if low in lx.PROTESTER_NOUNS or (is_gathering(noun) and noun.dep_ == "pobj"):
        return PROTESTER
    if low in lx.RIOTER_NOUNS:
        return RIOTER
    if low in lx.ARMED_NOUNS or mods & {"armed", "suspected"} and low in ("men", "man", "group"):
        return ARMED
    if low in lx.STATE_NOUNS:
        if low in ("officers", "officer", "agents", "agent", "personnel", "members", "guards", "operatives") and not (
                mods & lx.STATE_MODIFIERS) and low not in ("officers", "officer") \
                and not any(national(c) for c in noun.subtree if c.i < noun.i) and not of_a_state_body(noun):
            return UNKNOWN  # "Iran's Revolutionary Guards", "Kenyan personnel": a state's own
        return STATE
    if low in ("members", "member") and {t.lower_ for t in noun.subtree} & ARMED_MEMBERSHIP:
        return ARMED  # "armed gang members", "members of the militia"
    if low in ("members", "member") and member_of_armed_group(noun):
        return ARMED  # "members of the Sinjar Resistance Units", "two members of al-Shabaab"
    if low in ("members", "member") and any(t.lower_ in lx.STATE_MODIFIERS | {"services", "forces"}
                                             for t in noun.subtree):
        return STATE
    if low in HOMES and not mods & {"military", "army", "police", "security", "rebel", "militant"}:
        return CIVILIAN  # "a gang attack on neighbourhoods of Verrettes": the people who live there
    if low in ("him", "her") and noun.dep_ in ("pobj", "dobj"):
        return CIVILIAN  # "fired several times at him": one person targeted, told by a pronoun
    if low in lx.CIVILIAN_NOUNS:
        if mods & {"armed", "masked"}:
            return ARMED
        return CIVILIAN
    if noun.ent_type_ == "GPE" and noun.pos_ == "PROPN" and names_a_country(noun):
        return STATE  # "Russia launched drones at Kyiv": a state acts through its forces
    if low in lx.STATE_BODIES and {t.lower_ for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod")} & (
            lx.STATE_MODIFIERS | lx.STATE_NOUNS):
        return STATE  # "the National Investigation Agency", "Army intelligence": a state body
    if noun.ent_type_ in ("ORG", "NORP") and noun.pos_ == "PROPN":
        return ARMED
    return UNKNOWN


def kind_of_whole(part) -> str:
    """The kind of the group a part is told after it as part of: armed for 'factions of the
    cartel', 'cells of the Islamic State' (a word for an armed group, a group of the dictionary,
    an armed organisation's name), the state's for 'elements of the national army', 'a
    unit of the gendarmerie'; UNKNOWN otherwise."""
    whole = owner_after(part)
    if whole is None:
        return UNKNOWN
    if names_armed_group(part.doc[whole.left_edge.i:whole.i + 1].text):
        return ARMED
    # before the armed words: "army" ends a rebel army's name and is a state's own word
    if whole.lower_ in lx.STATE_NOUNS and party_kind(whole) == STATE:
        return STATE
    return ARMED if whole.lower_ in lx.ARMED_NOUNS | ARMED_ORGANISATION_HEADS else UNKNOWN


def led_by_a_state(noun) -> bool:
    """'the Saudi-led coalition', 'a US-led alliance': a state named as the one leading it."""
    return any(c.lower_ == "led" and any(national(g) for g in c.children) for c in noun.lefts)


def of_a_state_body(noun) -> bool:
    """'operatives of the Department of State Services', 'agents of the police': whose they are
    is told after them, by a state's words."""
    return any(t.lower_ in lx.STATE_MODIFIERS | {"services", "police", "army"}
               for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of" for t in prep.subtree)


def armed_owner(modifier) -> bool:
    """'rebel', 'militant', 'PKK': a modifier that makes a camp or a position an armed group's."""
    if modifier.dep_ not in ("amod", "compound", "poss"):
        return False
    if modifier.lower_ in lx.ARMED_NOUNS:
        return True
    if modifier.pos_ != "PROPN" or national(modifier):
        return False
    return names_armed_group(modifier.text)


def names_armed_group(text: str) -> bool:
    """Whether the text names an armed group of the dictionary (inter 2, 3 or 4), no state force."""
    return dictionary_inter(text) in (2, 3, 4)


def dictionary_inter(text: str) -> int | None:
    """The inter code of the group of the actor dictionary the text names; None for none."""
    from ..resolve.actors import named_group  # the dictionary loads on first use

    entry = named_group(text) if text else None
    return entry.inter if entry is not None else None


# words for a part of a group, armed when the group is: "ISWAP cells", "militant elements"
GROUP_PARTS = {"cell", "cells", "faction", "factions", "elements", "wing", "unit", "units", "branch",
               "dissidents", "remnants"}
# participles that name whose a post or a camp is: "positions held by the army"
HOLDING_VERBS = {"held", "manned", "run", "controlled", "occupied", "used", "belonging", "operated"}


def owner_after(noun):
    """The side a military target is told as belonging to after it: 'an outpost of the Taliban',
    'a base of a rebel faction', 'positions held by the army'."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "acl" and child.lower_ in HOLDING_VERBS:
            for grand in child.children:
                if grand.dep_ in ("agent", "prep") and grand.lower_ in ("by", "to"):
                    return next((c for c in grand.children if c.dep_ == "pobj"), None)
    return None


# last words of the name of an armed organisation ("... Liberation Army"; "forces" may be either,
# and a state's army is told apart by party_kind)
ARMED_ORGANISATION_HEADS = {"units", "front", "brigade", "brigades", "militia", "militias", "movement",
                            "army", "cartel", "gang", "coalition", "faction", "commando", "commandos",
                            "resistance", "mujahideen"}


def member_of_armed_group(noun) -> bool:
    """'members of the ... Units', 'two members of al-Shabaab': the group they belong to is a
    group of the dictionary, or an organisation named as an armed one."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for group in (c for c in prep.children if c.dep_ == "pobj"):
            if names_armed_group(noun.doc[group.left_edge.i:group.right_edge.i + 1].text):
                return True
            if group.pos_ == "PROPN" and group.lower_ in ARMED_ORGANISATION_HEADS:
                return True
    return False


def dead_told_apart(sent, vague_counts: dict[str, int]) -> int:
    """Perpetrators dead told apart from a toll: 'killing nine people besides the bomber', 'eight
    people died, in addition to the bomber', 'rose to 15, not counting the four attackers':
    ACLED counts every death, theirs too."""
    total = 0
    for tok in sent:
        excluded = []
        if tok.lower_ in ("besides", "excluding") and tok.dep_ == "prep":
            excluded = [c for c in tok.children if c.dep_ == "pobj"]
        elif tok.lower_ == "addition" and tok.head.lower_ == "in":
            excluded = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                        for g in c.children if g.dep_ == "pobj"]
        elif tok.lower_ == "counting" and any(c.dep_ == "neg" for c in tok.children):
            excluded = [c for c in tok.children if c.dep_ == "dobj"]
        for noun in excluded:
            if noun.lower_ in lx.ARMED_NOUNS:
                quantity = quantity_of(noun, vague_counts)
                total += quantity.best if quantity is not None and quantity.best else 1
    return total


def group_named_before(noun) -> bool:
    """'ISWAP cells': the words before the noun name a group of the dictionary."""
    return noun.left_edge.i < noun.i and names_armed_group(noun.doc[noun.left_edge.i:noun.i].text)


def target_owner_kind(noun) -> str:
    """The kind of the side a military target is told after it as belonging to; UNKNOWN when none."""
    owner = owner_after(noun) if noun.lower_ in MILITARY_TARGETS else None
    return owner_kind(owner) if owner is not None else UNKNOWN


def owner_kind(owner) -> str:
    """A target's owner: a group of the dictionary named in its phrase ("an ELN faction", "the
    Ambazonia Defence Forces") is armed, whatever its head word says."""
    if names_armed_group(owner.doc[owner.left_edge.i:owner.i + 1].text):
        return ARMED
    return party_kind(owner)


def state_owned_weapon(noun) -> bool:
    """Aircraft, drones or guns told as the state's ('military helicopters', 'air force jets',
    'junta artillery shells'): the words before the noun, in its own phrase, name the owner."""
    before = [t for t in noun.subtree if t.i < noun.i]
    platform = noun.lower_ in lx.STATE_PLATFORMS or (
        noun.lower_ in lx.WEAPON_WORDS and any(t.lower_ in lx.STATE_PLATFORMS for t in before))
    return platform and (any(t.lower_ in lx.STATE_OWNERS for t in before) or names_state_force(before))


def names_state_force(words) -> bool:
    """Whether the words name a state force of the dictionary ('IRGC drones', 'Wagner
    drones' does not: Wagner is no state's)."""
    return dictionary_inter(" ".join(t.text for t in words if t.pos_ == "PROPN")) in (1, 8)


def instrument(noun) -> bool:
    """'drone strike', 'artillery fire': the means a deed names, not who did it, unless the
    state is told as its owner."""
    return (noun.lower_ in lx.STATE_PLATFORMS or noun.lower_ in lx.WEAPON_WORDS) and not state_owned_weapon(noun)


SHORT_COUNTRY_NAMES = {"us", "u.s.", "britain", "uk"}


def national(token) -> bool:
    """A country's adjective or name before a noun: 'Russian', 'Turkish', 'U.S.', 'Israel's'."""
    from ..resolve.places import demonym_iso3

    return bool(demonym_iso3(token.text)) or (token.pos_ == "PROPN" and names_a_country(token))


def names_a_country(noun) -> bool:
    """The noun with its compound parts ('South Korea') is a country's name."""
    from ..resolve.places import country_iso3

    name = " ".join(t.lower_ for t in [t for t in noun.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [noun])
    return name in SHORT_COUNTRY_NAMES or country_iso3(name) is not None


def conjuncts(noun) -> list:
    """The noun and those coordinated with it: "one soldier and 10 militants", "the leader along
    with three associates"."""
    out = [noun]
    for child in noun.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            out.extend(conjuncts(child))
        if along_with(child):
            out.extend(n for c in child.children if c.dep_ == "pobj" for n in conjuncts(c))
        if noun.pos_ == "NUM" and child.dep_ == "prep" and child.lower_ == "of":
            # "six of the attackers and three soldiers": the parser hangs the second counted
            # group on the first one's noun; with a number of its own it is a group apart
            out.extend(n for c in child.children if c.dep_ == "pobj" for n in conjuncts(c)[1:]
                       if any(k.dep_ == "nummod" for k in n.children))
    return out


def along_with(prep) -> bool:
    """The 'with' of 'along with', 'together with'."""
    return prep.dep_ == "prep" and prep.lower_ == "with" and prep.i > 0 and \
        prep.doc[prep.i - 1].lower_ in ("along", "together")


def quantity_of(noun, vague_counts: dict[str, int]) -> Quantity | None:
    """How many the noun phrase counts: '10 militants', 'more than 400 people', 'a man'."""
    if noun.like_num or noun.pos_ == "NUM":
        return number_token_quantity(noun)
    if noun.lower_ in COUNTED_NOUNS and any(t.lower_ in ("a", "an", "one") for t in noun.lefts):
        # "a dozen of the assailants", "about a dozen": the noun is the number
        modifier = " ".join(t.lower_ for t in noun.lefts if t.dep_ in ("quantmod", "advmod") and t.lower_ not in ("a", "an", "one"))
        return quantity_of_words(f"a {noun.lower_}", modifier) or Quantity(best=COUNTED_NOUNS[noun.lower_])
    for child in noun.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "quantmod")):
            q = number_token_quantity(child)
            if q:
                return q
    for child in noun.children:
        if child.dep_ in ("amod", "det", "quantmod") and (q := vague_quantity(child.lower_, vague_counts)):
            return q
    if noun.lower_ in vague_counts:  # "dozens of people"
        return vague_quantity(noun.lower_, vague_counts)
    if any(c.lower_ == "both" for c in noun.children):  # "they were both detained", "both men"
        return Quantity(best=2, low=2, high=2)
    # "several suspected Northern Hills Front fighters": the parse may hang the
    # quantifier on a word of the name; it still counts the head
    for tok in noun.doc[noun.left_edge.i:noun.i]:
        if tok.like_num and tok.dep_ in ("nummod", "amod", "compound") and not a_days_number(tok):
            q = number_token_quantity(tok)
            if q:
                return q
        if (q := vague_quantity(tok.lower_, vague_counts)) and tok.dep_ in ("amod", "det", "compound", "nmod"):
            return q
    if noun.lower_ in ("himself", "herself", "he", "she", "him", "her"):
        return Quantity(best=1, low=1, high=1)
    if is_ordinal_person(noun.lower_):
        return Quantity(best=1, low=1, high=1)
    if noun.tag_ in ("NN", "NNP") and noun.lower_ not in ("group", "family", "police", "crowd", "mob"):
        dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
        if dets & {"a", "an", "the", "one", "another", "this", "that"} or noun.tag_ == "NNP":
            return Quantity(best=1, low=1, high=1)
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
            return Quantity(best=1, low=1, high=1)  # "two soldiers and their driver"
    if noun.pos_ == "PROPN" and noun.ent_type_ == "PERSON":
        return Quantity(best=1, low=1, high=1)
    return None


# nouns that are a number ("a dozen", "a score"): in the singular, with "a" or "one"
COUNTED_NOUNS = {"dozen": 12, "score": 20}


def number_token_quantity(tok) -> Quantity | None:
    if tells_age(tok):
        return None  # "a 45-year-old woman" is one woman
    # not the words of an apposition or a phrase after it: "one of the wounded, a 45-year-old woman"
    asides = {t.i for c in tok.children if c.dep_ in ("appos", "prep", "relcl", "acl") for t in c.subtree}
    words = [t for t in tok.subtree if (t.like_num or t.dep_ in ("compound", "quantmod", "advmod", "amod"))
             and t.i not in asides and not tells_age(t)]
    number = " ".join(t.text for t in words if t.like_num or t.lower_ in ("hundred", "thousand", "dozen"))
    modifier = " ".join(t.lower_ for t in words if not t.like_num and t.i < tok.i)
    if not number:
        number = tok.text
    return quantity_of_words(number, modifier)


AGE_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days"}


def tells_age(tok) -> bool:
    """'45-year-old', '19 years old', '6-month-old': the number is an age."""
    after = [t.lower_ for t in tok.doc[tok.i + 1:tok.i + 5] if t.text != "-"]
    return len(after) >= 2 and after[0] in AGE_UNITS and after[1] == "old"


ATTACK_NOUNS = {"attack", "attacks", "assault", "assaults", "raid", "raids", "crackdown"}


REFLEXIVES = {"himself", "herself", "themselves"}


def gives_self_up(tok) -> bool:
    """'turned himself in', 'surrendered to the patrol': the subject is the one taken."""
    if tok.pos_ != "VERB":
        return False
    if tok.lower_.startswith("surrender"):
        return not any(c.dep_ == "dobj" for c in tok.children)
    return any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in tok.children)


def custodians_of(tok) -> list:
    """'turned himself in to the police': whom the person gave himself up to."""
    return [n for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
            for p in c.children if p.dep_ == "pobj" for n in conjuncts(p)]


def inverted_passive_subjects(tok) -> list:
    """'Also killed in the raid were four of his guards': the subject put after the
    verb, which the parser hangs on 'were' (or on the participle) as an attribute."""
    holders = [tok] + [c for c in tok.children if c.dep_ == "auxpass"]
    return [n for h in holders for c in h.children if c.dep_ == "attr" for n in conjuncts(c)]


FIRING_VERBS = {"fired", "firing", "fires", "shot", "shooting", "opened", "open", "opening"}
# a gathering fired on is its people: "police opened fire on a march"
GATHERINGS = {"march", "marches", "rally", "rallies", "demonstration", "demonstrations", "protest", "protests",
              "sit-in"}


def is_gathering(noun) -> bool:
    """'a march', 'the rally', not the month of 'on March 18'."""
    return noun.lower_ in GATHERINGS and noun.ent_type_ not in ("DATE", "TIME") and not noun.text.istitle()


# verbs whose subject is the one who died ("two soldiers died"): a patient, never a doer
DYING = ("died", "die", "dies", "dead")


def patients_of(tok) -> list:
    """The nouns a casualty word is said of: passive subjects, objects, 'of' phrases, 'left X dead'."""
    if gives_self_up(tok):
        return [n for c in tok.children if c.dep_ == "nsubj" for n in conjuncts(c)]
    nouns = []
    casualty_word = lx.TRIGGERS.get(tok.lower_) in lx.CASUALTY
    for child in tok.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            # "a firefight ensued, and the commander and his deputy were killed": the parser may
            # make the fight a subject of the killing; what harms is never among the harmed
            nouns.extend(n for n in conjuncts(child) if not (casualty_word and means_of_harm(n)))
        elif child.dep_ == "nsubj" and (tok.lower_ in DYING or tok.tag_ == "VBN" and not perfect(tok) and not has_object(tok)) \
                and not means_of_harm(child):
            nouns.extend(conjuncts(child))
        elif child.dep_ == "prep" and child.lower_ == "of" and tok.pos_ == "NOUN":
            nouns.extend(n for c in child.children if c.dep_ == "pobj" for n in conjuncts(c))
        elif child.dep_ == "prep" and child.lower_ in ("against", "on") and tok.pos_ == "NOUN" and \
                tok.lower_ in ATTACK_NOUNS:
            nouns.extend(n for c in child.children if c.dep_ == "pobj" for n in conjuncts(c))  # "attacks on protesters"
        elif child.dep_ == "prep" and child.lower_ in ("at", "on", "upon") and tok.lower_ in FIRING_VERBS:
            # "fired several times at him", "opened fire on the patrol": whom the shots were aimed at
            nouns.extend(n for c in child.children if c.dep_ == "pobj" and (
                c.lower_ in lx.HUMAN_NOUNS or c.lower_ in ("him", "her", "them") or is_gathering(c))
                         for n in conjuncts(c))
    if not nouns and tok.tag_ == "VBN":
        nouns.extend(inverted_passive_subjects(tok))  # "Also killed in the raid were two men"
    casualty = lx.TRIGGERS.get(tok.lower_) in lx.CASUALTY or any(c.lower_ == "dead" for c in tok.children)
    holders = [tok, *[c for c in tok.children if c.lower_ in ("dead", "along", "together")]] if casualty else []
    for child in holders:
        for prep in child.children:
            if along_with(prep):
                # "who was shot dead with his driver": the bodyguard was killed too
                have = {n.i for found in nouns for n in [found, *found.subtree]}
                nouns.extend(n for p in prep.children if p.dep_ == "pobj" for n in conjuncts(p) if n.i not in have)
    if not nouns and tok.dep_ == "amod" and tok.head.pos_ == "PROPN":
        nouns.append(tok.head)  # "the assassinated Carlos Pizarro"
    if not nouns and tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        nouns.extend(conjuncts(tok.head))  # "the engineers whom they had seized", "Seven killed"
    if not nouns and tok.lower_ == "dead" and tok.dep_ in ("oprd", "acomp"):
        # "left 300 people dead" is said of the object; "five were dead" of the subject
        # "shot dead a teacher" (read as acomp) is said of the object, as "left ... dead" is
        wanted = ("dobj", "nsubjpass") if tok.dep_ == "oprd" or has_object(tok.head) else ("nsubj", "nsubjpass")
        for child in tok.head.children:
            if child.dep_ in wanted and child is not tok:
                nouns.extend(conjuncts(child))
    if not nouns and tok.dep_ == "conj" and tok.pos_ == "VERB":
        # "four members wounded": spaCy sometimes hangs the subject on the verb as nsubj
        for child in tok.children:
            if child.dep_ == "nsubj":
                nouns.extend(conjuncts(child))
    if not nouns and tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ in ("amod", "nummod") and (child.like_num or child.lower_ in ("several", "many")):
                nouns.append(tok)  # "several arrests"
                break
    for child in tok.children:  # "detained the gang leader and two of his aides"
        if nouns and child.lower_ in ("along", "together"):
            for with_ in child.children:
                if with_.lower_ == "with":
                    nouns.extend(n for c in with_.children if c.dep_ == "pobj" for n in conjuncts(c))
    if not nouns and tok.pos_ == "VERB":
        nouns = object_read_as_speaker(tok)
    if tok.dep_ == "relcl":  # "the engineers whom they had seized": the pronoun stands for the head
        nouns = [tok.head if n.lower_ in ("whom", "who", "which", "that") else n for n in nouns]
    return [n for n in nouns if n.lower_ not in ("who", "whom", "which", "that")]


def object_read_as_speaker(verb) -> list:
    """'... killing at least seven civilians, including two children, residents said': the parser
    may read the list up to the source as the subject of 'said', leaving the verb with no
    object; the noun phrase that starts right after the verb is still what it harmed."""
    doc = verb.doc
    if verb.i + 1 >= len(doc):
        return []
    noun = doc[verb.i + 1]
    while noun.dep_ in ("advmod", "nummod", "amod", "quantmod", "det", "compound") and noun.head.i > noun.i:
        noun = noun.head
    if noun.left_edge.i != verb.i + 1 or noun.dep_ != "nsubj" or noun.head.lower_ not in lx.REPORTING_VERBS \
            or noun.head.i < verb.i:
        return []
    return [noun]


# What harms, never who is harmed: "a car bomb killed 12 people", which the tagger may read as
# a participle ("killed" VBN) with the bomb as the one killed
MEANS_OF_HARM = (lx.WEAPON_WORDS | lx.EXPLOSION_WORDS | lx.EXPLOSIVE_DEVICES | lx.STANDOFF_STRIKERS | ATTACK_NOUNS
                 | {"strike", "strikes", "airstrike", "airstrikes", "gunfire", "shelling", "bombing", "bombings",
                    "firefight", "gunfight", "gunbattle", "shootout", "fighting", "clash", "clashes", "battle"})


def means_of_harm(noun) -> bool:
    return noun.lower_ in MEANS_OF_HARM


def named_among(tok, nouns) -> list:
    """'the killing of four of their colleagues, including the dean', 'killed 12 people, among
    them a priest': those picked out of the casualties are casualties too, already counted."""
    out = []
    for holder in [tok] + nouns:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in ("including", "among"):
                out.extend(n for c in child.children if c.dep_ == "pobj" for n in conjuncts(c)
                           if n not in nouns and n not in out)
    return out


def national_force(tok):
    """'Israeli airstrike', 'Russian shelling', 'Saudi-led strikes': the nation named on the
    attack is its author; returns the modifier token, or None."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "npadvmod") and child.ent_type_ in ("NORP", "GPE"):
            return child
    return None


def responders_of(tok) -> list:
    """'Ukrainian forces repelled attacks': the subject of the verb acting on an attack noun."""
    if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "nsubjpass") or tok.head.lower_ in lx.TRIGGERS:
        return []
    return [n for c in tok.head.children if c.dep_ == "nsubj" for n in conjuncts(c)]


def perfect(verb) -> bool:
    """'have taken', 'has killed': a past participle whose subject is its agent (unlike a bare
    participle, which spaCy sometimes gives the patient as subject)."""
    return any(c.dep_ == "aux" and c.lower_ in ("have", "has", "had", "'ve", "'s", "'d") for c in verb.children)


def has_object(verb) -> bool:
    """'Gunmen on motorcycles shot dead a trader': a verb with an object is active, though the
    tagger may read it as a participle ('shot' VBN), so its subject is the doer."""
    return any(c.dep_ == "dobj" for c in verb.children) and not any(c.dep_ == "auxpass" for c in verb.children)


# how a deed was done, never who did it: "an air strike", "a ground offensive"
MEANS_MODIFIERS = {"air", "aerial", "ground", "naval", "sea", "land"}


def agents_of(tok) -> list:
    if gives_self_up(tok):
        return custodians_of(tok)
    nouns = []
    for child in tok.children:
        if child.dep_ == "nsubj" and (tok.tag_ != "VBN" or perfect(tok) or has_object(tok)) and tok.lower_ not in DYING:
            nouns.extend(conjuncts(child))
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            nouns.extend(n for c in child.children if c.dep_ == "pobj" for n in conjuncts(c))
        elif child.dep_ in ("compound", "poss") and tok.pos_ == "NOUN" and not harmed_modifier(tok, child) \
                and not instrument(child) and child.lower_ not in MEANS_MODIFIERS:
            nouns.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("in", "during") and tok.tag_ == "VBN":
            nouns.extend(force_of_deed(child))
    if tok.dep_ == "relcl" and not nouns:
        for child in tok.children:
            if child.dep_ == "nsubj":
                nouns.extend(conjuncts(child))
    if not nouns and tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "advcl", "xcomp"):
        nouns = controller_subject(tok)
    if not nouns:
        nouns = shared_subject(tok)
    if not nouns:
        nouns = blamed_for(tok)
    if not nouns and tok.pos_ == "NOUN":
        # "the military said it carried out an air strike": the pronoun is who said so
        nouns = [reporter_for_pronoun(n.head, n) for n in deliverers(tok)]
    nouns = [reporter_for_pronoun(tok, n) for n in nouns if not hit_a_laid_explosive(n)]
    return [n for n in nouns if n.pos_ != "PRON" or n.lower_ in ("they", "he", "she")]


def first_conjunct(noun):
    """The first of a list ('a truck' of 'a truck and a bus'), on which the list's relations hang."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    return noun


def hit_a_laid_explosive(noun) -> bool:
    """'An army truck struck a landmine', 'a farmer stepped on a mine': the subject is the one
    the laid explosive hit, not who laid it."""
    first = first_conjunct(noun)  # "a truck and a bus hit mines"
    verb = first.head
    if first.dep_ != "nsubj" or verb.lower_ not in lx.RUN_INTO_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"] + \
        [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "over", "onto", "into")
         for g in c.children if g.dep_ == "pobj"]
    return any(o.lower_ in lx.LAID_EXPLOSIVES for o in objects)


# deeds named after whoever did them: "killed in police firing", "wounded in an army raid"
DEED_NOUNS = ATTACK_NOUNS | {"firing", "shooting", "shootings", "gunfire", "fire", "operation", "operations",
                             "ambush", "offensive", "strike", "strikes", "shelling", "bombardment"}


def force_of_deed(prep) -> list:
    """The side named on the deed a passive casualty happened in: 'three protesters were killed
    in police firing' (the police fired), 'died in a militant ambush'."""
    def a_side(tok) -> bool:
        return tok.lower_ in lx.ARMED_NOUNS or tok.lower_ in lx.STATE_NOUNS or tok.lower_ in lx.STATE_MODIFIERS

    out = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        if pobj.lower_ in DEED_NOUNS:
            out.extend(c for c in pobj.children if c.dep_ in ("compound", "poss", "amod")
                       and c.pos_ in ("NOUN", "PROPN") and a_side(c))
            out.extend(doers_named_after(pobj))  # "wounded in shelling by the army"
        elif a_side(pobj) and any(k.dep_ == "acl" and k.lower_ in DEED_NOUNS for k in pobj.children):
            out.append(pobj)  # the parser reads "in police firing" as police who were firing
    return out


def doers_named_after(deed) -> list:
    """Who did a deed, told after it: 'an attack by gunmen', 'shelling carried out by the army'."""
    for child in deed.children:
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            return [n for c in child.children if c.dep_ == "pobj" for n in conjuncts(c)]
        if child.dep_ == "acl" and child.tag_ == "VBN":
            return participle_agents(child)
    return []


def participle_agents(participle) -> list:
    """'(strikes) carried out by Russian warplanes': the agents of a participle describing a noun."""
    return [n for c in participle.children if c.dep_ == "agent"
            for p in c.children if p.dep_ == "pobj" for n in conjuncts(p)]


def deliverers(noun) -> list:
    """Who delivered the weapon or the strike a noun trigger names: 'Russian aircraft dropped two
    bombs' (the subject of the verb it is the object of), 'strikes carried out by Russian
    warplanes' (the agent of the participle that describes it)."""
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return [n for c in noun.head.children if c.dep_ == "nsubj" for n in conjuncts(c)]
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ == "VERB":
        # "struck the town with two missiles": who struck with them
        return [n for c in noun.head.head.children if c.dep_ == "nsubj" for n in conjuncts(c)]
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            return participle_agents(child)
    return []


def shared_subject(tok) -> list:
    """'The gunmen arrived and herded the villagers together': a verb coordinated with another, in the
    active voice and with no subject of its own, shares that verb's subject."""
    if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.head.pos_ != "VERB" or any(
            c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in tok.children):
        return []
    if tok.tag_ == "VBN" and not perfect(tok.head):
        return []
    # "police said they had foiled a plan and arrested five men": they who arrested are the police
    return [reporter_for_pronoun(tok.head, n) for c in tok.head.children if c.dep_ == "nsubj" for n in conjuncts(c)]


# what a force sends into action, told as the speaker's own ("its jets", "their operatives"),
# words that do not say whose side they are on by themselves (unlike "troops" or "fighters")
OWNED_DOERS = {"jets", "jet", "aircraft", "warplanes", "drones", "helicopters", "men", "operatives",
               "personnel"}


def reporter_for_pronoun(verb, noun):
    """'Police said they had arrested three suspects': the pronoun is the one who said it; so is
    the owner of 'its jets', 'their personnel' in what a force said ('the navy said its
    helicopters sank two boats')."""
    owned = noun.lower_ in OWNED_DOERS and any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our")
                                                for c in noun.children)
    if (noun.lower_ not in ("they", "he", "she", "we", "it") and not owned) or verb.dep_ != "ccomp":
        return noun
    said = verb.head
    if said.lower_ not in lx.REPORTING_VERBS:
        return noun
    speakers = [c for c in said.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
    return speakers[0] if speakers else noun


def blamed_for(tok) -> list:
    """Those held to account for a deed are its doers as the report tells it: 'holds the army
    responsible for the massacre', 'the rebels were blamed for the bombing', 'blamed the attack
    on the rebels'."""
    head = tok.head
    if tok.dep_ == "dobj" and head.lower_ in ("blamed", "blames", "blame", "blaming"):
        return [n for c in head.children if c.dep_ == "prep" and c.lower_ == "on"
                for p in c.children if p.dep_ == "pobj" for n in conjuncts(p)]
    if tok.dep_ not in ("pobj", "pcomp") or head.lower_ != "for":
        return []
    cue = head.head
    if cue.lower_ in ("blamed", "blames", "blame", "blaming"):
        return [n for c in cue.children if c.dep_ in ("dobj", "nsubjpass") for n in conjuncts(c)]
    if cue.lower_ != "responsible":
        return []
    if cue.dep_ == "amod" and cue.head.pos_ in ("NOUN", "PROPN"):
        return conjuncts(cue.head)  # "holds the army responsible for"
    holder = cue.head if cue.dep_ == "acomp" else cue  # "X is responsible", "holds X responsible"
    return [n for c in holder.children if c.dep_ in ("nsubj", "nsubjpass") for n in conjuncts(c)]


def controller_subject(tok) -> list:
    """'Troops pushed in, capturing a village', 'forces advanced after capturing two towns': the
    subject of the clause that governs a participle is its doer."""
    cur = tok
    for _ in range(3):
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return [n for c in cur.children if c.dep_ == "nsubj" for n in conjuncts(c)]
        if cur.head is cur:
            break
    return []


def harmed_modifier(tok, child) -> bool:
    """'the Jesuits' murder', 'the priest's kidnapping': before a noun of killing, wounding or
    abduction with no 'of' phrase for whom it was done to, a modifier that is no armed or state
    force ('guerrilla', 'army') nor a known armed group is the one it was done to."""
    if lx.TRIGGERS.get(tok.lower_) not in (lx.KILL, lx.INJURE, lx.ABDUCT):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False  # "the FARC's kidnapping of two engineers"
    if child.lower_ in lx.ARMED_NOUNS or child.lower_ in lx.STATE_NOUNS or child.lower_ in (
            "guerrilla", "rebel", "terrorist", "army", "police", "military", "militia", "insurgent"):
        return False
    return not known_group(child.text)


def opponents_of(tok) -> list:
    """'clashed with gunmen', 'a raid by security forces', 'resistance to X'."""
    nouns = []
    if gives_self_up(tok):
        return nouns  # those given up to are the agents (agents_of)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "against", "on", "by"):
            nouns.extend(n for c in child.children if c.dep_ == "pobj" for n in conjuncts(c))
    return nouns


QUANTITY_HEADS = {"dozens", "scores", "hundreds", "thousands", "tens", "dozen", "score", "number",
                  "group", "handful", "couple", "pair", "total"}


def described(noun):
    """The noun that says who a quantity is of: "scores of terrorists", "three of his associates"."""
    if noun.lower_ in QUANTITY_HEADS or noun.like_num or noun.pos_ == "NUM":
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return noun


# Last words of an organisation's name: "national liberation front", "the Sinaloa cartel"
ORGANISATION_HEADS = {"front", "army", "movement", "party", "union", "cartel", "command",
                      "alliance", "brigade", "brigades", "organization", "organisation", "league",
                      "council", "commando", "commandos", "forces", "federation", "coordinator",
                      "coalition", "gang", "militia", "faction"}


# words that tell whose members a band is: "members of the NPA", "gunmen from the Red Hawk gang"
MEMBERSHIP_PREPOSITIONS = {"of", "from"}
# words that tie members to their organisation: "fighters loyal to ...", "militants linked to ..."
AFFILIATION_WORDS = {"loyal", "linked", "affiliated", "belonging"}
# entity types of a name that is no organisation's: "gunmen from Zamfara", "fighters of Ahmed Musa"
NOT_ORGANISATION_ENTITIES = {"GPE", "LOC", "NORP", "PERSON", "FAC", "DATE", "TIME", "CARDINAL"}


def organisation_head(noun):
    """The noun of the organisation a phrase of members names ("NPA fighters": NPA; "members of
    the Sinaloa cartel", "gunmen from the Red Hawk gang coalition": the cartel, the coalition);
    None for a phrase of its own."""
    if noun.lower_ not in MEMBER_HEADS | GROUP_HEADS | lx.ARMED_NOUNS | lx.STATE_NOUNS:
        return None
    for prep in membership_prepositions(noun):
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or (prep.lower_ != "of" and pobj.ent_type_ in NOT_ORGANISATION_ENTITIES):
                continue
            if pobj.pos_ == "PROPN" or pobj.lower_ in ORGANISATION_HEADS:
                return pobj
    return None


def membership_prepositions(noun) -> list:
    """The prepositions that may name a band's organisation: "members of", "gunmen from", and
    those of a word of affiliation ("fighters loyal to", "militants linked to")."""
    preps = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in MEMBERSHIP_PREPOSITIONS:
            preps.append(child)
        elif child.dep_ in ("amod", "acl") and child.lower_ in AFFILIATION_WORDS:
            preps.extend(p for p in child.children if p.dep_ == "prep" and p.lower_ in ("to", "with"))
    return preps


def organisation_of(noun) -> str | None:
    """The organisation a phrase of members names: "NPA fighters", "members of the Sinaloa
    cartel", "guerrillas of the National Liberation Army"; None for a phrase of its own."""
    head = organisation_head(noun)
    if head is not None:
        return phrase_text(head)
    if noun.lower_ not in MEMBER_HEADS | GROUP_HEADS | lx.ARMED_NOUNS | lx.STATE_NOUNS:
        return None
    for mod in noun.lefts:
        if mod.dep_ not in ("compound", "nmod") or mod.ent_type_ in ("GPE", "NORP", "PERSON", "DATE"):
            continue
        words = [t for t in mod.subtree if t.pos_ in ("PROPN", "NOUN") and not t.like_num]
        text = " ".join(t.text for t in words)
        if mod.pos_ == "PROPN" or (text and known_group(text)):  # lower-case text: "npa fighters"
            return text or None
    return None


def group_name(noun) -> str | None:
    """The name the text gives a group, where it names one: "the Kisu Liberation Movement",
    "members of the Imbonerakure", "gunmen from the Red Hawk gang coalition". The name must hold
    a proper noun that is no place, nation or person; a text in one case tells no proper nouns.
    An organisation told without members must be named as an armed one ("... Front", "...
    Militia"): a network or a union that "condemns the killing" is not the killer."""
    head = organisation_head(noun)
    if head is None and noun.pos_ == "PROPN" and noun.ent_type_ == "ORG" and noun.lower_ in ARMED_ORGANISATION_HEADS:
        head = noun
    if head is None or is_caseless(noun.doc):
        return None
    name = [t for t in head.subtree if t.i <= head.i and t.pos_ not in ("DET", "PUNCT", "NUM")]
    if not any(t.pos_ == "PROPN" and t.ent_type_ not in NOT_ORGANISATION_ENTITIES for t in name):
        return None
    return phrase_text(head)


def known_group(text: str) -> bool:
    """A group of the actor dictionary, however the text is cased."""
    from ..resolve.actors import named_group  # the dictionary loads on first use
    entry = named_group(text.upper())
    return entry is not None


def make_party(noun, vague_counts: dict[str, int], casualty: bool = False) -> Party:
    """`casualty`: the noun is one killed, hurt or abducted, so a bare proper noun is a person."""
    kind_noun = described(noun)
    return Party(text=phrase_text(kind_noun), kind=party_kind(kind_noun), head=kind_noun.lower_,
                 quantity=quantity_of(noun, vague_counts),
                 modifiers=[c.text for c in noun.lefts if c.dep_ in ("amod", "compound")],
                 person=noun.ent_type_ == "PERSON", name=person_name(kind_noun, lone_ok=casualty),
                 named_place=kind_noun.pos_ == "PROPN" and kind_noun.ent_type_ in ("ORG", "FAC"),
                 proper=kind_noun.pos_ == "PROPN", organisation=organisation_of(kind_noun),
                 group_name=group_name(kind_noun),
                 counted=counted_text(kind_noun))


def counted_text(noun) -> str | None:
    """'two paid assassins', 'some 20 terrorists': a band told by its number, number included."""
    if noun.pos_ != "NOUN":
        return None
    numbers = [c for c in noun.children if c.dep_ == "nummod" and c.i < noun.i]
    if len(numbers) != 1:
        return None
    words = [t.text for t in numbers[0].subtree if not t.is_punct]
    return " ".join(words) + " " + phrase_text(noun)


def sum_quantities(quantities: list[Quantity | None]) -> Quantity | None:
    known = [q for q in quantities if q is not None]
    if not known:
        return None
    low = sum(q.low if q.low is not None else q.best for q in known)
    high_parts = [q.high for q in known]
    high = sum(high_parts) if all(h is not None for h in high_parts) else None
    return Quantity(best=sum(q.best for q in known), low=low, high=high,
                    vague=any(q.vague for q in known))


def is_human(party: Party) -> bool:
    return (party.person or party.name is not None or party.head in lx.HUMAN_NOUNS or party.kind != ""
            or party.head.endswith(("ers", "ists", "ians", "ants")))


def physical_targets(tokens, patients: list[Party] = ()) -> list[str]:
    """Things attacked, bombed or burned: targets named in the clause and non-human patients."""
    out = [p.text for p in patients if not is_human(p) and is_thing(p)]
    for tok in tokens:
        if (tok.lower_ in lx.PHYSICAL_TARGETS or tok.lower_ in lx.TARGET_THINGS) and tok.pos_ == "NOUN" and tok.dep_ in (
                "pobj", "dobj", "nsubjpass", "conj", "appos"):
            if tok.dep_ == "pobj" and tok.head.lower_ not in TARGET_PREPOSITIONS and not damage_to(tok.head):
                continue  # "left for home", "150 meters from the palace": not what was hit
            if tok.dep_ == "appos" and tok.head.lower_ not in lx.STRUCK_THINGS:
                continue  # "three vehicles -- a truck and a bus" lists the things hit; other appositions do not
            if tok.lower_ in ROUTES and tok.dep_ in ("pobj", "conj"):
                continue  # "on the coastal highway": where it happened; "mined the road" hit it
            if tok.lower_ in lx.WEAPON_WORDS and not {c.lower_ for c in tok.lefts} & MINING_WORDS:
                continue  # "a powerful mine" is the weapon; "a gold mine" a target
            out.append(target_text(tok))
    # "offices" and "offices of a peasant union" are one target, told in full
    return [t for t in out if not any(o.startswith(t + " of ") or o.endswith(" of " + t) for o in out)]


DAMAGE_NOUNS = {"damage", "damages", "destruction", "fire"}  # "set fire to the offices"


def damage_to(prep) -> bool:
    """'caused serious damage to the embassy and to nearby structures', 'set fire to a bus':
    what was damaged."""
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP":
        prep = prep.head
    if prep.lower_ != "to":
        return False
    verb = prep.head  # "set fire to the offices", where the parser hangs "to" on the verb
    return verb.lower_ in DAMAGE_NOUNS or verb.lower_ in ("set", "sets", "setting") and any(
        c.dep_ == "dobj" and c.lower_ == "fire" for c in verb.children)


# Heads that say what kind of place, not whose: "the offices of a peasant union" is told in full
OWNED_HEADS = {"office", "offices", "headquarters", "residence", "residences", "branch", "branches",
               "facilities", "installations", "premises", "home", "house", "building", "buildings"}


def target_text(tok) -> str:
    """A target as one would list it, with whose it was where the head alone says little."""
    text = phrase_text(tok)
    if tok.lower_ not in OWNED_HEADS:
        return text
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN") and not pobj.like_num:
                    return f"{text} of {phrase_text(pobj)}"
    return text


# Prepositions whose object an attack can hit: "a bomb exploded at a bank", "an attack on a bus"
TARGET_PREPOSITIONS = {"on", "at", "against", "into", "inside", "outside", "of", "upon", "onto", "in"}
MINING_WORDS = {"gold", "coal", "copper", "tin", "silver", "emerald", "mining", "salt", "iron", "zinc"}
# Ways along which things happen: targets only as what a verb acts on
ROUTES = {"road", "roads", "highway", "highways", "street", "streets", "route", "routes"}


def is_thing(party: Party) -> bool:
    """A patient that is a place, building, vehicle or installation ("the embassy", "a bus"),
    or a named organisation's premises; not a weapon seized, an abstraction or a number."""
    if party.head in lx.WEAPON_WORDS or party.head in lx.TRIGGERS:
        return False
    return party.head in lx.PHYSICAL_TARGETS or party.head in lx.TARGET_THINGS or party.named_place


def weapons_in(tokens) -> list[str]:
    out = []
    for tok in tokens:
        if tok.lower_ in lx.WEAPON_WORDS and tok.pos_ in ("NOUN", "PROPN"):
            if tok.text[:1].isupper() and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
                continue  # "Assam Rifles", "Jammu and Kashmir Rifles": a regiment's name
            text = phrase_text(tok)
            if text not in out:
                out.append(text)
    return out


# Words that stand for a party without describing it: a role filler needs more
EMPTY_FILLERS = {"he", "him", "she", "her", "they", "them", "we", "us", "i", "me", "you", "it",
                 "himself", "herself", "themselves", "one", "some", "others", "other", "another",
                 "those", "these", "this", "that", "somebody", "someone", "anyone", "everyone",
                 "people", "persons", "person", "members", "member", "victims", "victim", "all",
                 "both", "each", "who", "whom", "which", "today", "yesterday", "tonight"}


def informative(text: str) -> bool:
    """A role string that says who or what: not a pronoun, a bare number, a unit or an empty word."""
    words = text.lower().split()
    return bool(words) and not (len(words) == 1 and (words[0] in EMPTY_FILLERS or words[0].isdigit()
                                                     or len(words[0]) < 3))


# Subjects of violent verbs that are not who did it: "gunfire killed", "the impact injured"
NOT_AGENTS = {"gunfire", "gunshots", "gunshot", "shrapnel", "shots", "shot", "bullet", "bullets", "impact", "blast",
              "explosion",
              "explosions", "fire", "flames", "blood", "mistake", "accident", "night", "day",
              "morning", "evening", "week", "package", "parcel", "device", "devices", "charge",
              "charges", "shell", "shells", "protest", "incident", "attack", "attacks"}


# "the so-called Red Dawn cell": the writer's distance from the name is no part of it
SELF_STYLED = re.compile(r"^(?:so-called|so called|self-styled|self styled)\s+", re.I)


def perpetrator_strings(agents: list[Party]) -> list[str]:
    """Who did it: people, forces and named groups, with the organisation a phrase of members
    names ("NPA fighters" is also the NPA); not things ("a car", "gunfire") or civilians."""
    out = []
    for p in agents:
        if p.kind == CIVILIAN or not informative(p.text) or p.head in lx.WEAPON_WORDS or is_demonym(p.text):
            continue
        if not is_human(p) and not p.proper and (p.head in NOT_AGENTS or p.head in lx.TRIGGERS
                                                 or is_thing(p)):
            continue
        out.append(SELF_STYLED.sub("", p.counted or p.text))
        if p.organisation and p.organisation != p.text:
            out.append(p.organisation)
    return out


def is_demonym(text: str) -> bool:
    """'Guatemalan' alone: a nationality, not who did it."""
    from ..resolve.places import demonym_iso3

    return " " not in text and not text.lower().endswith("s") and demonym_iso3(text) is not None


def victim_strings(patients: list[Party]) -> list[str]:
    """The people hit, by name. Who they were as a group ("three soldiers", "peasants") is
    already told by actor2 and the counts; the list names the persons, as incident keys do.
    Not a weapon taken ("an M-16 rifle") nor a group ("the EPL")."""
    out = []
    for p in patients:
        if not p.name or p.head in lx.WEAPON_WORDS or (" " not in p.name and known_group(p.name)):
            continue
        name = bare_name(p.name)
        if informative(name):
            out.append(name)
    return out


def bare_name(name: str) -> str:
    """'alias Comrade Rolando' is Comrade Rolando; 'Hondurans Juan Bautista' is Juan Bautista."""
    words = name.split()
    while len(words) > 1 and (words[0].lower() == "alias" or is_demonym(words[0].rstrip("s")) or is_demonym(words[0])):
        words = words[1:]
    return " ".join(words)


def fullest_name(doc, name: str) -> str:
    """The fullest form of a person's name the document gives: "Okafor" told once as "the
    murder of Grace Adaeze Okafor" is Grace Adaeze Okafor. Each occurrence is read leftwards over
    proper nouns, and, in lower-case text where the parser takes a first name for a common
    noun, over one word right after "of" or a comma that is no title."""
    words = name.lower().split()
    if not words or len(words) >= 4:
        return name
    best = name
    lowers = [t.lower_ for t in doc]
    n = len(words)
    for i in range(len(lowers) - n + 1):
        if lowers[i:i + n] != words:
            continue
        start, end = i, i + n
        while start > 0 and end - start < 4 and name_word_before(doc, start):
            start -= 1
        while end < len(doc) and end - start < 4 and name_word_after(doc, end):
            end += 1
        if end - start > len(best.split()):
            best = " ".join(t.text for t in doc[start:end])
    return best


def name_word_after(doc, end: int) -> bool:
    """Whether doc[end] goes on the name that ends before it ("Grace Adaeze Okafor")."""
    tok = doc[end]
    return (tok.pos_ == "PROPN" and tok.is_alpha and tok.lower_ not in PERSON_TITLES and tok.lower_ not in NOT_NAMES
            and tok.ent_type_ not in ("GPE", "LOC", "ORG", "NORP", "DATE", "TIME", "FAC"))


def name_word_before(doc, start: int) -> bool:
    """Whether the word before doc[start] belongs to the name that doc[start] begins."""
    tok = doc[start - 1]
    low = tok.lower_
    if low in PERSON_TITLES or low in NOT_NAMES or low in lx.HUMAN_NOUNS or not tok.is_alpha or len(low) < 3:
        return False
    if tok.ent_type_ in ("GPE", "LOC", "ORG", "NORP", "DATE", "TIME", "FAC"):
        return False
    if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":
        return True
    before = doc[start - 2].lower_ if start >= 2 else ""
    return tok.pos_ in ("NOUN", "ADJ", "VERB") and before in ("of", ",") and doc[start].pos_ == "PROPN"


# Subjects and their modifiers that say the people named are an event's casualties
CASUALTY_WORDS = {"victim", "victims", "dead", "body", "bodies", "hostages", "hostage", "deceased",
                  "killed", "murdered", "wounded", "injured", "kidnapped", "kidnaped", "abducted", "slain"}


def identified_casualties(sent) -> list[str]:
    """Names a sentence gives to casualties told elsewhere: "the victims were identified as
    X and Y", "the dead were named as ..."."""
    out = []
    for tok in sent:
        if tok.lower_ != "identified":
            continue
        subjects = [c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")]
        if not any({t.lower_ for t in s.subtree} & CASUALTY_WORDS for s in subjects):
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        out.extend(n for p in conjuncts(pobj) if (n := person_name(p, lone_ok=True)))
    return out
