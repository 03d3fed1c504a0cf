"""Find trigger words in a parsed sentence and drop their non-violent senses."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .typing import uncontested


@dataclass(slots=True)
class Hit:
    token: object  # spaCy Token: the head word of the trigger
    category: str
    text: str
    start: int  # character offsets into the document text
    end: int
    generic: bool = False  # "such attacks", "a series of bombings": not an event by itself
    anaphoric: bool = False  # "the shootout", "that raid"
    plural_count: int = 0  # "two firefights"


def sentence_words(sent) -> set[str]:
    return {t.lower_ for t in sent}


def phrase_hit(tok) -> str | None:
    if tok.lower_ not in lx.PHRASE_WORDS:
        return None
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    prev = tok.nbor(-1) if tok.i > 0 else None
    # a verb phrase is anchored on its verb ("exchanged fire"), a noun phrase on its head noun
    if nxt is not None and (tok.lower_, nxt.lower_) in lx.PHRASES and tok.pos_ in ("VERB", "AUX"):
        return lx.PHRASES[(tok.lower_, nxt.lower_)]
    if tok.pos_ == "VERB":
        for child in tok.children:
            if child.i > tok.i + 1 and (tok.lower_, child.lower_) in lx.PHRASES and (
                    child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ in ("out", "back"))
                    or (child.dep_ == "dobj" and fills_gap(tok, child))):
                # "drove the militants out", "took full control": the phrase split by its object
                return lx.PHRASES[(tok.lower_, child.lower_)]
        around_object = object_complement(tok)
        if around_object is not None:
            return lx.PHRASES[(tok.lower_, around_object)]
    if prev is not None and prev.text == "-" and tok.i >= 2 and tok.pos_ in ("NOUN", "PROPN") and \
            f"{tok.nbor(-2).lower_}-{tok.lower_}" in lx.TRIGGERS:
        return lx.TRIGGERS[f"{tok.nbor(-2).lower_}-{tok.lower_}"]  # "cease-fire", split by the tokeniser
    if prev is not None and (prev.lower_, tok.lower_) in lx.PHRASES:
        category = lx.PHRASES[(prev.lower_, tok.lower_)]
        # the second word is the head of a noun phrase ("air strike", "car bomb", "gun battle")
        if tok.pos_ in ("NOUN", "PROPN"):
            return category
    return None


GAP_ADJECTIVES = {"full", "complete", "total", "effective", "partial", "firm"}
# Phrases whose second word completes the verb's object: "set two trucks ablaze", "set a
# vehicle on fire", "took the seven passengers hostage"
OBJECT_COMPLEMENTS = {"ablaze", "fire", "hostage", "hostages"}


def object_complement(verb) -> str | None:
    """The second word of a phrase told around the verb's object ('ablaze', 'hostage', the
    noun of 'on fire'), wherever the parser hangs it in the object's phrase: 'set a lorry
    loaded with bamboo ablaze'."""
    for tok in verb.doc[verb.i + 1:min(verb.i + 11, verb.sent.end)]:
        word = tok.lower_
        if word not in OBJECT_COMPLEMENTS or (verb.lower_, word) not in lx.PHRASES \
                or not in_own_clause(tok, verb):
            continue
        if word == "fire" and tok.nbor(-1).lower_ != "on":
            continue  # "set the truck with fire extinguishers": the phrase is "on fire"
        return word
    return None


def in_own_clause(tok, verb) -> bool:
    """`tok` hangs from `verb` without passing through a clause of its own."""
    for ancestor in [tok] + list(tok.ancestors):
        if ancestor.i == verb.i:
            return True
        if ancestor.dep_ in CLAUSE_LINKS:
            return False
    return False


CLAUSE_LINKS = {"conj", "advcl", "ccomp", "relcl", "xcomp", "pcomp", "parataxis"}


def fills_gap(verb, obj) -> bool:
    """Only adjectives of degree between a verb and its object keep the phrase: 'took full
    control'."""
    gap = verb.doc[verb.i + 1:obj.i]
    return all(t.lower_ in GAP_ADJECTIVES for t in gap)


# "set the stadium on fire", "took audiences hostage": phrases with figurative senses, which
# need signs of violence around them as the ambiguous single words do
FIGURATIVE_VERBS = {"set", "sets", "setting", "took", "taken", "taking"}
# ... unless people who burn and take hostages in earnest do it: "protesters set tyres on fire"
BURNING_AGENTS = lx.ARMED_NOUNS | lx.PROTESTER_NOUNS | lx.RIOTER_NOUNS | {"cadres", "miscreants", "maoists", "naxals"}
# people, not events: a number before them counts the people
PEOPLE_NOUNS = lx.PROTESTER_NOUNS | lx.RIOTER_NOUNS | lx.ARMED_NOUNS | lx.HUMAN_NOUNS
# Words that are triggers only inside a phrase ("opened fire", "handed over", "took hostage").
PHRASE_ONLY = {"opened", "handed", "hostage", "rounded", "drone", "took", "set", "sets", "setting", "taking", "broke", "break", "breaking", "made",
               "pulled", "drove", "exchanged", "prisoner", "pushed", "turned", "turns", "turn"}


def names_a_trigger(sent) -> bool:
    """Whether a sentence holds a trigger word or phrase at all, whatever sense it was read in: a
    sentence whose only trigger words were read in another sense ("DDoS attacks", "cut off") was
    judged by the patterns, not passed over."""
    return any(phrase_hit(t) or (t.lower_ in lx.TRIGGERS and t.lower_ not in PHRASE_ONLY) for t in sent)


def find_hits(sent, violent_words: set[str], violent_document: bool = False,
              sport_document: bool = False) -> list[Hit]:
    """Trigger words of a sentence. In an article that is plainly about violence
    (`violent_document`), an ambiguous trigger needs no sign of violence in its own sentence,
    only the absence of other senses."""
    words = sentence_words(sent)
    common_words = {t.lower_ for t in sent if t.pos_ != "PROPN"}  # "Tank District" is a name
    hits: list[Hit] = []
    seen: set[int] = set()
    # an unambiguous trigger ("kidnapped", "blew himself up") vouches for the ambiguous ones
    vouched = any(((phrase_hit(t) and t.lower_ not in FIGURATIVE_VERBS)
                   or (t.lower_ in lx.TRIGGERS and t.lower_ not in lx.AMBIGUOUS
                       and t.lower_ not in PHRASE_ONLY and plausible_trigger(t, "")))
                  and not told_in_fiction(t)
                  for t in sent)
    for tok in sent:
        if tok.i in seen or tok.is_punct:
            continue
        category = phrase_hit(tok)
        if category is None:
            if tok.lower_ in PHRASE_ONLY:
                continue
            category = lx.TRIGGERS.get(tok.lower_)
        if category is None or not plausible_trigger(tok, category):
            continue
        if category == lx.PROTEST:
            if not protest_reading(words):
                continue
            category = refine_category(tok, category)
        else:
            category = refine_category(tok, category)
            # weapons seized are their own evidence: "two firearms were seized at a checkpoint"
            if category == lx.RAID and sport_document:
                continue  # "completed 14 successful raids": a kabaddi or rugby move
            ambiguous = tok.lower_ in lx.AMBIGUOUS or (tok.lower_ in FIGURATIVE_VERBS and category in (lx.LOOT, lx.ABDUCT)
                                                       and not subject_words(tok) & BURNING_AGENTS)
            if category != lx.SEIZE and not armed_takeover(tok, category) and ambiguous and (sport_document or (
                    not vouched and not violent_reading(tok, words, violent_words, violent_document))):
                continue
        if category is None or weapon_not_used(tok, category) or accident(category, common_words):
            continue
        if category in (lx.KILL, lx.INJURE, lx.ATTACK, lx.LOOT) and ordinary_crime(words):
            continue
        if category in HARM_CATEGORIES and (harmless_agent(tok) or vehicle_accident(tok) or judicial_execution(tok)
                                            or natural_death(tok)):
            continue
        if category == lx.EXPLODE and (figurative_blast(tok) or equipment_exploded(tok)):
            continue
        if category in (lx.TAKEOVER, lx.RETAKE) and (
                controls_an_institution(tok) or (sport_document and not armed_takeover(tok, category))):
            continue  # "rebels seize control of the party executive", "took control of the map's middle"
        if category == lx.LOOT and (broke_into_a_feeling(tok) or burns_a_ritual(tok)):
            continue
        if category == lx.LOOT and person_set_alight(tok):
            category = lx.ATTACK  # "a man was beaten and set on fire by a crowd": violence to a person
        if told_in_fiction(tok) or quoted_title(tok):
            continue
        seen.add(tok.i)
        hits.append(make_hit(tok, category))
    return hits


# what blows up by itself: "a transformer overheated and blew up", "a boiler exploded"
EQUIPMENT = {"transformer", "transformers", "boiler", "boilers", "cylinder", "cylinders", "tank", "tanks",
             "tyre", "tire", "battery", "batteries", "generator", "generators", "engine", "engines",
             "substation", "pipe", "pipeline", "main", "mains", "furnace", "reactor", "kiln", "stove",
             "heater", "compressor", "phone", "charger", "fireworks", "firecrackers"}


def equipment_exploded(tok) -> bool:
    """A machine that blew up: 'a transformer at a substation overheated and blew up'."""
    return any(a.lower_ in EQUIPMENT for a in agents_of_trigger(tok)) or any(
        c.dep_ == "compound" and c.lower_ in EQUIPMENT for c in tok.children)  # "a transformer blast"


# what one takes control of without a fight: a party, a board, a match
INSTITUTIONS = {"executive", "party", "board", "committee", "company", "firm", "club", "league",
                "agenda", "narrative", "match", "game", "map", "middle", "midfield", "ball", "possession",
                "proceedings", "debate", "finances", "budget", "shares", "stake", "group", "bank",
                "union", "federation", "association", "council", "leadership", "faction", "chamber",
                "negotiations", "talks", "contest", "race", "tie", "series", "market"}


DIGITAL = {"account", "accounts", "access", "website", "websites", "page", "pages", "channel", "profile",
           "password", "handle", "server", "servers", "system", "systems", "data", "network", "networks"}


def controls_an_institution(tok) -> bool:
    """'seize control of the executive', 'took control of the match', 'regained access to the
    account': control of a body, a game or a machine, not of ground."""
    held = [p for c in tok.subtree if c.dep_ == "prep" and c.lower_ == "of" and c.head.lower_ in ("control", "access")
            for p in c.children if p.dep_ == "pobj"] or [
        c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.lower_ in DIGITAL]
    verb = tok.head if tok.dep_ == "dobj" else tok
    if any(a.lower_ in CIVIL_BODIES for a in agents_of_trigger(tok) + agents_of_trigger(verb)):
        return True  # "before the ministry regained control in the afternoon"
    return bool(held) and all(p.lower_ in INSTITUTIONS | DIGITAL and p.ent_type_ not in ("GPE", "LOC", "FAC")
                              for p in held)


# bodies that take control of things, not of ground
CIVIL_BODIES = {"ministry", "ministries", "company", "companies", "firm", "firms", "bank", "banks", "club", "clubs",
                "board", "team", "hackers", "hacker", "users", "administrators", "regulator", "regulators", "court",
                "shareholders", "investors", "management", "airline", "council", "school", "university"}


FEELINGS = {"song", "songs", "tears", "laughter", "applause", "cheers", "cheering", "smile", "smiles",
            "grin", "dance", "dancing", "chant", "chants", "chanting", "sweat", "run", "sprint", "jog",
            "gallop", "smiles", "celebration", "celebrations", "top", "market", "markets", "league"}


def broke_into_a_feeling(tok) -> bool:
    """'broke into song', 'broke into the top ten': not a break-in."""
    into = [c for c in tok.children if c.lower_ == "into"] or (
        [tok.nbor(1)] if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "into" else [])
    return any(p.lower_ in FEELINGS for i in into for p in i.children if p.dep_ == "pobj")


ILLNESSES = {"cancer", "illness", "disease", "stroke", "heart", "complications", "covid", "covid-19", "pneumonia",
             "malaria", "causes", "age", "diabetes", "infection", "failure", "tuberculosis", "cholera", "attack"}
DEATH_WORDS = {"died", "dies", "die", "death", "dead"}


def natural_death(tok) -> bool:
    """'General dies at 84', 'died of cancer', 'died after a long illness': a death, not a killing."""
    if tok.lower_ not in DEATH_WORDS:
        return False
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "at" and any(p.like_num or p.lower_ == "age" for p in child.children):
            return True  # "dies at 84", "died aged 84"
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "after") and any(
                t.lower_ in ILLNESSES for t in child.subtree):
            return True
        if child.dep_ in ("advcl", "acomp", "amod") and child.lower_ == "aged":
            return True
    return any(t.lower_ == "peacefully" for t in tok.children)


ACCIDENTAL = {"accidentally", "inadvertently", "mistakenly", "unintentionally"}
MISTAKEN_FOR_GAME = re.compile(r"\bmistak(?:en|ing|enly)\b[^.]{0,30}\bfor (?:a |an )?(?:wild )?"
                               r"(?:boar|deer|animal|bear|game|pig|wolf|fox|rabbit)", re.I)


def by_accident(tok) -> bool:
    """'accidentally shot by a fellow hunter', 'after being mistaken for a wild boar'."""
    if any(c.lower_ in ACCIDENTAL for c in tok.subtree if c.dep_ == "advmod") or any(
            c.lower_ in ACCIDENTAL for c in tok.head.children if c.dep_ == "advmod" and tok.dep_ in ("xcomp", "auxpass")):
        return True
    return bool(MISTAKEN_FOR_GAME.search(tok.sent.text))


def armed_takeover(tok, category: str) -> bool:
    """'Rebels seized most of Aleppo': a force taking a town needs no other word of violence."""
    if category != lx.TAKEOVER:
        return False
    subject = {t.lower_ for c in tok.children if c.dep_ == "nsubj" for t in c.subtree}
    return bool(subject & (FORCE_WORDS | lx.ARMED_NOUNS))


TITLE_FUNCTION_WORDS = {"The", "A", "An", "Of", "And", "For", "To", "In", "On", "With", "Our", "Your", "My"}


def in_title_case_name(tok) -> bool:
    """A capitalised trigger inside a title-case name: a function word capitalised beside it."""
    if tok.i == tok.sent.start or not tok.text[:1].isupper():
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    prev = tok.nbor(-1)
    return (nxt is not None and nxt.text in TITLE_FUNCTION_WORDS) or (prev.text in TITLE_FUNCTION_WORDS and prev.i != tok.sent.start)


def plausible_trigger(tok, category: str) -> bool:
    if tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN", "AUX"):
        return False
    if any(c.dep_ == "prt" and c.lower_ in ("off", "out") for c in tok.children) and tok.lower_.startswith("kill"):
        return False  # "killing off the industry", "killed off the game"
    if tok.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in lx.ABSTRACT_OBJECTS for c in tok.children) and not (
            category == lx.PROTEST and crowd_subject(tok)):
        return False  # "attacked the budget", "fought the plan", "battled the blaze"
    if tok.lower_.startswith("kill") and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        return False  # "the band absolutely killed it": a triumph
    if in_title_case_name(tok):
        return False  # "a fourth Save Our Jobs march": a campaign's name
    if tok.dep_ == "amod" and tok.lower_ not in ("dead",) and not named_victim(tok):
        return False  # "the captured Japanese", "wounded soldiers": a state, told elsewhere
    if tok.i + 2 < len(tok.doc) and tok.nbor(1).text == "-" and tok.nbor(1).idx == tok.idx + len(tok.text) \
            and tok.nbor(2).lower_ not in lx.TRIGGERS:
        return False  # "a rocket-launching site", "bomb-making materials": the word after names the thing
    if tok.dep_ == "compound" and tok.head.lower_ not in lx.TRIGGERS and not incident_noun(tok):
        return False  # "hostage crisis", "assault rifles", "bomb squad": the head names the thing
    if tok.lower_ in lx.TO_DEATH_VERBS and not killed_to_death(tok):
        return False
    if tok.lower_ in ("fired", "firing") and not aimed_fire(tok) and not incident_noun(tok):
        return False  # "fired the coach", "the firing of staff", "a firing range"
    if tok.lower_ == "dead" and tok.dep_ not in ("oprd", "acomp", "ROOT", "conj", "advmod", "xcomp"):
        return False
    if tok.lower_ in DAMAGE_VERBS and not damaged_on_purpose(tok) and not killed_to_death(tok):
        return False
    return True


INCIDENT_NOUNS = {"incident", "incidents"}
INCIDENT_KINDS = {"firing", "shooting", "stabbing", "blast", "bomb", "grenade", "explosion", "kidnapping", "abduction"}


def incident_noun(tok) -> bool:
    """'injured in a firing incident', 'two separate shooting incidents': the incident is the event."""
    return tok.dep_ == "compound" and tok.lower_ in INCIDENT_KINDS and tok.head.lower_ in INCIDENT_NOUNS


def killed_to_death(tok) -> bool:
    """'hacked to death', 'was beaten to death by a mob', 'beat and burned to death'."""
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return any(c.dep_ == "prep" and c.lower_ in ("to", "till", "until") and any(
        p.lower_ in ("death", "died") for p in c.subtree) for v in verbs for c in v.children)


DAMAGE_VERBS = {"burned", "burnt", "sabotaged", "machinegunned", "machine-gunned", "strafed", "dynamited"}
NATURAL_AGENTS = {"fire", "fires", "flames", "blaze", "blazes", "wildfire", "wildfires", "bushfire",
                  "sun", "heat", "lightning", "candle", "stove", "short-circuit", "circuit"}
NATURAL_CAUSES = NATURAL_AGENTS | lx.DISASTER_CAUSES


RITUAL_OBJECTS = {"effigy", "effigies", "pinata", "piñata", "pinatas", "piñatas", "bonfire", "bonfires", "guy",
                  "straw", "puppet", "puppets", "lanterns", "candles"}


def person_set_alight(tok) -> bool:
    """'was beaten and set on fire', 'set a man ablaze', 'burned a suspected thief': a person burned."""
    verb = tok.head if tok.dep_ in ("dobj", "pobj") else tok
    burned = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not burned and verb.dep_ == "conj":
        burned = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    return any(c.lower_ in lx.HUMAN_NOUNS - {"group", "gang", "gangs"} or c.lower_ in ("him", "her", "them")
               for c in burned)


def burns_a_ritual(tok) -> bool:
    """'set fire to pinatas and effigies of the devil': a custom, no property destroyed."""
    verb = tok.head if tok.dep_ in ("dobj", "pobj") else tok  # "set fire to": the verb's phrase
    burned = {t.lower_ for t in verb.subtree}
    return bool(burned & RITUAL_OBJECTS) and not burned & lx.STRUCK_THINGS


def damaged_on_purpose(tok) -> bool:
    """'Rebels burned nine vehicles', 'saboteurs sabotaged two pylons', 'the bus was
    machinegunned': a building, vehicle or installation struck by people. 'Burned calories',
    'the fire burned ten homes', 'burned his hand' and 'sabotaged the talks' are no attack."""
    if tok.pos_ != "VERB":
        return False
    struck = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not any(c.lower_ in lx.STRUCK_THINGS for c in struck):
        return False
    doers = [c for c in tok.children if c.dep_ == "nsubj"]
    doers += [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return not any(d.lower_ in NATURAL_CAUSES for d in doers)


NAMING_HARM = {"assassinated", "murdered", "slain", "kidnapped", "kidnaped", "abducted"}


def named_victim(tok) -> bool:
    """'the assassinated Carlos Pizarro', 'the kidnapped Juan Perez': a person named as the one
    a killing or an abduction was done to tells of that deed."""
    return tok.lower_ in NAMING_HARM and tok.head.pos_ == "PROPN" and tok.head.ent_type_ not in (
        "GPE", "LOC", "ORG", "NORP", "FAC") and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.head.children)


# who makes a story: "the director stages a string of gunfights"
FICTION_MAKERS = {"director", "directors", "filmmaker", "filmmakers", "author", "authors", "novelist",
                  "writer", "writers", "screenwriter", "developer", "developers", "studio", "studios",
                  "cast", "actor", "actors", "actress", "star", "stars", "playwright", "showrunner"}
FICTION_HEADS = {"film", "films", "movie", "movies", "novel", "novels", "climax", "scene", "scenes",
                 "episode", "episodes", "plot", "sequel", "trailer", "thriller", "drama", "finale",
                 "chapter", "screenplay", "show", "series", "game", "level", "mission", "story"}


def told_in_fiction(tok) -> bool:
    """'The film's climax is a gunfight', 'the movie ends with a shootout': what a story shows,
    said of the story itself (the subject of the trigger's clause, or of the copula it completes)."""
    verb = tok
    while verb.dep_ in ("attr", "dobj", "pobj", "acomp", "prep", "conj", "appos") and verb.head is not verb \
            and not (verb is not tok and verb.pos_ in ("VERB", "AUX") and verb.dep_ != "prep"):
        verb = verb.head  # "stages a string of elaborate gunfights": up to the verb that tells them
    heads = verb_subjects(verb)
    makers = {w.lower_ for s in heads for w in [s] + [c for c in s.children if c.dep_ == "compound"]}
    # a maker counts only for what the maker makes, not for what is done to a director; a
    # "film crew" is people
    if tok.lower_ in ("shot", "shooting", "shoot", "shoots") and object_heads(tok) & FILMED:
        return True  # "it shot an action sequence there": a camera's shot
    return any(s.lower_ in FICTION_HEADS for s in heads) or (verb is not tok and bool(makers & FICTION_MAKERS))


WORKS = {"album", "albums", "single", "song", "songs", "track", "film", "book", "novel", "series", "play",
         "exhibition", "show", "documentary", "record", "ep", "title", "titled", "entitled", "called", "named"}
QUOTES = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"}


def quoted_title(tok) -> bool:
    """'her third studio album, "Ceasefire"': a title in quotes, named by the work it titles."""
    doc = tok.doc
    opened = next((doc[i] for i in range(tok.i - 1, max(tok.sent.start, tok.i - 5) - 1, -1) if doc[i].text in QUOTES), None)
    closed = any(doc[i].text in QUOTES for i in range(tok.i + 1, min(tok.sent.end, tok.i + 5)))
    if opened is None or not closed or not tok.text[:1].isupper():
        return False
    return any(t.lower_ in WORKS for t in doc[max(tok.sent.start, opened.i - 4):opened.i])


FILMED = {"sequence", "sequences", "scene", "scenes", "footage", "film", "films", "movie", "video", "videos",
          "episode", "episodes", "commercial", "advert", "documentary", "photos", "pictures", "images", "series"}


def verb_subjects(tok) -> list:
    """The subject of a verb, or of the verb it serves: 'farmers blocked roads to protest the
    bills', 'troops captured the town and marched on'."""
    own = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if own or tok.dep_ not in ("advcl", "xcomp", "conj") or tok.head is tok:
        return own
    return [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]


def crowd_subject(tok) -> bool:
    """People in numbers protest a bill in the street ('farmers protested the bills'); a company
    or a minister protesting a ruling lodges a complaint."""
    return any(s.tag_ == "NNS" and s.pos_ == "NOUN" or s.lower_ in lx.PROTESTER_NOUNS
               for s in verb_subjects(tok))


SPENT_ROUNDS = {"cases", "casings", "cartridges", "shells", "bullets", "rounds"}
CROWD_CONTROL = {"gas", "teargas", "tear-gas", "cannon", "cannons", "flares", "fireworks", "warning",
                 "pellets", "rubber", "canisters", "smoke", "stun", "blanks", "salute"}
FIRE_AIMS = {"at", "on", "upon", "into", "towards", "toward", "against"}
FIRE_OBJECTS = {"shots", "shot", "bullets", "rounds", "volleys", "volley", "gunshots", "rifles", "guns",
                "weapons", "pistols", "shells", "rockets", "missiles", "mortars", "grenades"}


def tells_time(prep) -> bool:
    """'on Thursday', 'on the night of May 3': a preposition of time, not of aim."""
    return any(p.ent_type_ in ("DATE", "TIME") for c in prep.children if c.dep_ == "pobj" for p in [c, *c.children])


def aimed_fire(tok) -> bool:
    """Gunfire, not dismissal: 'fired several times at the car', 'fired shots', 'killed in
    firing from across the border', 'indiscriminate firing by the gunmen'."""
    kids = list(tok.children)
    if tok.dep_ in ("amod", "compound") or (tok.dep_ == "acl" and tok.head.lower_ in SPENT_ROUNDS):
        return False  # "fired cases", "fired bullets were found": spent rounds, evidence of a fight told elsewhere
    fired_what = {t.lower_ for c in kids if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
    if tok.dep_ in ("acl", "relcl"):
        fired_what |= {t.lower_ for t in tok.head.subtree if t.i < tok.i}
    if fired_what & CROWD_CONTROL or any(c.lower_ == "air" for c in tok.subtree):
        return False  # "fired tear gas at the crowd", "tear gas fired by police", "fired in the air"
    if aimed_at_nothing(tok):
        return False  # "fired a missile into the sea", "tanks fired at a training range": a test or a drill
    if tok.dep_ in ("pcomp", "advcl") and tok.head.lower_ in ("after", "before", "while", "when"):
        return False  # "killed after firing at the patrol": the firing is part of the killing told
    if any(c.dep_ == "prep" and c.lower_ in FIRE_AIMS and not tells_time(c) for c in kids):
        return True
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in FIRE_OBJECTS for c in kids):
        return True
    if tok.lower_ == "firing" and tok.pos_ == "NOUN":
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in kids):
            return False  # "the firing of the chief executive"
        return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "amid", "by") or any(
            c.lower_ in ("indiscriminate", "heavy", "cross-border", "unprovoked", "retaliatory") for c in kids)
    return False


OPEN_WATERS = {"sea", "seas", "ocean", "waters", "water"}
DRILL_GROUNDS = {"training", "firing", "shooting", "test", "testing", "practice"}


def aimed_at_nothing(tok) -> bool:
    """Fire aimed into the sea or at a training range hits no one."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in FIRE_AIMS:
            continue
        for target in prep.children:
            if target.dep_ != "pobj":
                continue
            if target.lower_ in OPEN_WATERS:
                return True
            if target.lower_ in ("range", "ranges", "ground", "grounds", "targets") and any(
                    c.lower_ in DRILL_GROUNDS for c in target.children if c.dep_ in ("compound", "amod")):
                return True
    return False


HARM_CATEGORIES = {lx.KILL, lx.INJURE, lx.ATTACK, lx.CLASH, lx.RAID}
# Doers whose killings and attacks are no political violence: animals, and, in figures of
# speech, people who attack with words or money ("ambushed by the lenders").
HARMLESS_AGENTS = set("""
dog dogs shark sharks bear bears wolf wolves lion lions lioness tiger tigers leopard leopards
elephant elephants crocodile crocodiles alligator alligators snake snakes cobra python bull bulls
hippo hippos hippopotamus buffalo bees bee hornets wasps jellyfish cow cows horse horses monkey
monkeys baboons jaguar cougar puma boar hyena hyenas rhino animal animals
lenders lender creditors creditor investors investor shareholders shareholder critics critic
reviewers reviewer analysts analyst regulators regulator commentators pundits bloggers trolls
crashes accidents collisions
""".split()) | (lx.DISASTER_CAUSES - {"blaze", "collapse", "collapsed"})


def agents_of_trigger(tok) -> list:
    """Who does what a trigger says: the subject of an active verb, the 'by' phrase of a passive
    one or of a noun, the noun before a noun ('dog attack', 'shark's attack'), and for a
    participle ('crashed, killing 62') the subject of the verb it hangs from."""
    agents = [c for c in tok.children if c.dep_ == "nsubj"]
    agents += [p for c in tok.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
               for p in c.children if p.dep_ == "pobj"]
    if tok.pos_ in ("NOUN", "PROPN"):
        agents += [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod")]
    if not agents and tok.dep_ in ("advcl", "xcomp", "conj") and tok.head is not tok:
        agents = [c for c in tok.head.children if c.dep_ == "nsubj"]
    # a dateline can swallow the subject: "PERTH, Australia - A shark killed" parses the shark
    # as in apposition to the place
    return agents + [c for a in agents for c in a.children if c.dep_ == "appos"]


def harmless_agent(tok) -> bool:
    """'A shark killed a surfer', 'attacked by a dog', 'ambushed by the lenders', and a
    casualty of such an attack: 'injured when she was attacked by a dog', 'killed in a grizzly
    bear attack', 'hurt after being mauled by a dog'."""
    if any(a.lower_ in HARMLESS_AGENTS for a in agents_of_trigger(tok)):
        return True
    if any(c.dep_ == "compound" and c.lower_ in HARMLESS_AGENTS for c in tok.children):
        return True  # "a bear attack", "a dog mauling"
    if tok.lower_ in lx.TRIGGERS and lx.TRIGGERS[tok.lower_] in lx.CASUALTY:
        for c in tok.children:
            if c.dep_ in ("advcl", "pcomp") and c.pos_ == "VERB" and any(
                    a.lower_ in HARMLESS_AGENTS for a in agents_of_trigger(c)):
                return True
            if c.dep_ == "prep" and c.lower_ in ("in", "by", "after") and any(
                    p.lower_ in HARMLESS_AGENTS or any(m.dep_ == "compound" and m.lower_ in HARMLESS_AGENTS
                                                       for m in p.children)
                    for p in c.children if p.dep_ in ("pobj", "pcomp")):
                return True
    return False


# the parser runs without a lemmatiser: the inflections news uses
CRASH_VERBS = {"crashed", "crashes", "crashing", "collided", "collides", "derailed", "derails",
               "capsized", "capsizes", "overturned", "overturns", "plunged", "plunges", "sank", "toppled",
               "skidded", "collapsed", "collapses", "veered"}
VEHICLES = {"trawler", "trawlers", "vessel", "vessels", "yacht", "train", "trains", "bus", "buses", "coach", "truck", "trucks", "lorry", "lorries",
            "car", "cars", "vehicle", "vehicles", "ferry", "boat", "ship", "tanker", "van",
            "minibus", "plane", "aircraft", "jet", "helicopter", "motorcycle", "tram"}


def vehicle_accident(tok) -> bool:
    """'A plane crashed, killing 62', 'a goods train rammed into a passenger train, killing nine':
    deaths a crash or a collision caused, told as what the crash did, or as when it happened
    ('killed when a bus plunged into a ravine')."""
    if any(c.dep_ == "advcl" and c.lower_ in CRASH_VERBS for c in tok.children):
        return True
    while tok.dep_ == "conj" and tok.head.lower_ in lx.TRIGGERS:
        tok = tok.head  # "killing nine and injuring dozens"
    if tok.dep_ not in ("advcl", "xcomp", "conj") or tok.head is tok:
        return False
    verb = tok.head
    if verb.lower_ in CRASH_VERBS:
        return True
    if "hit-and-run" in tok.sent.text.lower():
        return True
    # a vehicle that hit another vehicle: a collision, not a ramming attack on a crowd
    driver = {c.lower_ for c in verb.children if c.dep_ == "nsubj"}
    hit = {p.lower_ for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in ("into", "with"))
           for p in ([c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"])}
    return bool(driver & VEHICLES) and bool(hit & VEHICLES)


CONVICTS = {"murderer", "murderers", "killer", "killers", "convict", "convicts", "inmate", "inmates",
            "prisoner", "prisoners", "rapist"}
STATE_EXECUTIONS = {"injection", "nitrogen", "hanging", "gallows", "chair", "electrocution"}


def judicial_execution(tok) -> bool:
    """'Alabama executed a convicted murderer using nitrogen gas': a sentence carried out, which
    ACLED leaves out; 'militants executed two prisoners' is an event."""
    if tok.lower_ not in ("executed", "execute", "executes", "executing", "execution", "executions"):
        return False
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    convicted = any(o.lower_ in CONVICTS and (o.lower_ not in ("prisoner", "prisoners") or any(
        c.lower_ in ("convicted", "condemned", "death-row") for c in o.subtree)) or any(
        c.lower_ in ("convicted", "condemned") for c in o.children) for o in objects)
    method = {t.lower_ for t in tok.subtree} & STATE_EXECUTIONS
    return convicted or bool(method)


# what is "blown up" in words: "we are not here to blow up the company"
BLOWN_IN_WORDS = lx.ABSTRACT_OBJECTS | {"company", "companies", "firm", "deal", "deals", "business", "negotiations",
                                        "talks", "relationship", "coalition", "career", "photo", "photos", "picture",
                                        "pictures", "image", "balloon", "balloons", "story", "issue", "phone"}


def figurative_blast(tok) -> bool:
    """'The console is a blast from the past', 'the party was a blast', 'blow up the company':
    fun, ruin or enlargement, not an explosion."""
    if tok.lower_ in ("blow", "blows", "blew", "blowing", "blown") and object_heads(tok) & BLOWN_IN_WORDS:
        return True
    if tok.lower_ not in ("blast", "blasts") or tok.dep_ != "attr":
        return False
    return any(c.dep_ == "prep" and c.lower_ == "from" and any(p.lower_ == "past" for p in c.subtree)
               for c in tok.children)


def violent_reading(tok, words: set[str], violent_words: set[str], violent_document: bool = False) -> bool:
    """An ambiguous trigger counts only with signs of violence around it and few of other senses."""
    others = words - {tok.lower_}
    if tok.lower_ in ("exploded", "explosion", "explosions", "blast", "blasts") and others & lx.EXPLOSIVE_DEVICES \
            and not others & INDUSTRIAL - {"device"}:
        return True  # "a time device exploded near the university": a bomb, whatever else is said
    if struck_a_building(tok):
        return True
    if armed_doer(tok):
        return True  # "a film crew was attacked by gunmen": who did it says what it was
    violent = len(others & violent_words) + (1 if violent_document else 0)
    peaceful = len(others & lx.NON_VIOLENT_CONTEXT)
    if tok.lower_ in ("killed", "kill", "kills", "killing", "killings", "dead", "died", "die",
                      "dies", "murdered", "murder", "murders", "kidnapped", "kidnapping", "kidnaped", "kidnaping", "abducted",
                      "abduction", "abducting") or (tok.lower_ in ASSASSINATION_WORDS and not any(
                          c.lower_ == "character" for c in tok.children)):  # not "character assassination"
        if others & lx.DISASTER_CAUSES and not others & {"gunmen", "militants", "bomb",
                                                         "attack", "attackers", "shot", "rebels",
                                                         "troops", "insurgents", "explosion"}:
            return False
        return peaceful == 0 or violent > peaceful
    return violent >= 1 and violent > peaceful


def armed_doer(tok) -> bool:
    """The trigger's own subject, or its agent in the passive, is an armed group ('gunmen')."""
    doers = [c for c in tok.children if c.dep_ == "nsubj"] + [
        p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return any(d.lower_ in lx.ARMED_DOERS for d in doers)


ASSASSINATION_WORDS = {"assassination", "assassinations", "assassinated", "assassinate", "slain",
                       "slaying", "slayings"}
HIT_VERBS = {"bombed", "bomb", "bombs", "bombing", "dynamited", "machinegunned", "machine-gunned",
             "strafed"}


def struck_a_building(tok) -> bool:
    """'Men bombed a bank branch', 'they bombed the embassy': bombing a building, a vehicle or
    a power line is an attack, whatever else the sentence says ('the film bombed' has no object)."""
    if tok.lower_ not in HIT_VERBS or tok.pos_ != "VERB":
        return False
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in lx.STRUCK_THINGS
               for c in tok.children)


TERRITORY = {"town", "towns", "city", "cities", "village", "villages", "district", "districts",
             "oilfield", "oilfields", "fields",
             "base", "bases", "territory", "area", "areas", "neighborhood", "neighbourhood",
             "neighborhoods", "neighbourhoods", "region", "province", "hill", "hills", "airport",
             "stronghold", "strongholds", "site", "positions", "outpost", "port", "capital",
             "countryside", "suburb", "suburbs", "valley", "border", "crossing", "road", "highway"}
NEW_BODIES = {"brigade", "brigades", "unit", "units", "militia", "militias", "battalion", "battalions",
              "squad", "squads", "regiment", "regiments", "division", "divisions", "detachment"}
TALKS_HELD = {"started", "began", "begun", "resumed", "opened", "held", "launched", "joined", "concluded",
              "start", "begin", "resume", "hold", "open", "starts", "begins", "resumes", "opens", "holds"}
SEARCHED_PLACES = {"area", "areas", "site", "road", "highway"}
WEAPON_OBJECTS = lx.WEAPON_WORDS | {"weapons", "arms", "cache", "caches", "ammunition", "ammunitions",
                                    "explosives", "firearms", "firearm", "devices", "device", "packages",
                                    "package", "munitions", "depot", "hideout", "bomb-making",
                                    "materials", "rounds", "guns"}
AGREEMENT_WORDS = {"ceasefire", "cease-fire", "truce", "peace", "deal", "agreement", "accord",
                   "treaty", "pact", "prisoners", "exchange", "swap", "withdraw", "end", "halt",
                   "stop", "memorandum", "armistice"}
FORCE_WORDS = {"forces", "troops", "army", "soldiers", "fighters", "militants", "rebels", "men",
               "units", "reinforcements", "police", "militia", "militias", "battalion", "brigade",
               "vehicles", "insurgents", "jihadists", "gunmen", "officers"}
BASE_WORDS = {"base", "bases", "headquarters", "camp", "camps", "outpost", "outposts",
              "checkpoint", "checkpoints", "office", "offices", "post", "posts", "points",
              "positions", "garrison", "barracks"}
CRIME_WORDS = {"drug", "drugs", "narcotics", "cocaine", "heroin", "cannabis", "marijuana",
               "methamphetamine", "smuggling", "smugglers", "trafficking", "traffickers", "robbery",
               "robbers", "theft", "thieves", "fraud", "burglary", "burglars", "poaching",
               "poachers", "counterfeit", "bribery", "rage", "nightclub", "domestic", "suspicion",
               "argued", "argument", "jealousy", "burglar", "shoplifter", "carjacking", "mugging"}


CROWDS = {"crowd", "crowds", "protesters", "protestors", "demonstrators", "demonstration", "demonstrations",
          "rally", "rallies", "marchers", "gathering", "activists", "students", "mob", "sit-in", "protest",
          "protests"}
PROTEST_CUES = {"protest", "protests", "protesters", "protestors", "demonstrators", "demonstration",
                "slogans", "chants", "chanting", "chanted", "signs", "placards", "banners", "rally",
                "solidarity", "activists", "strikers", "demanding", "denounce", "denouncing"}
MARCH_CUES = PROTEST_CUES | {"against", "demand", "demands", "students", "workers", "supporters", "opposition",
                             "teachers", "farmers", "women", "thousands", "hundreds", "reforms", "resignation"}
PROTEST_CONTEXT = {"against", "demand", "demanding", "demands", "streets", "street", "thousands",
                   "hundreds", "dozens", "crowd", "crowds", "police", "government", "rally",
                   "rallies", "protesters", "demonstrators", "activists", "students", "workers",
                   "supporters", "opposition", "march", "marched", "chanting", "chanted",
                   "placards", "banners", "slogans", "calling", "called", "over", "outside",
                   "square", "capital", "law", "reforms", "election", "president", "resignation"}


# Crowds in the streets for sport or feast: "50,000 runners took to the streets".
FESTIVE_CROWDS = {"marathon", "runners", "parade", "carnival", "festival", "revellers", "fun-run",
                  "half-marathon", "cyclists", "celebrations", "pride"}
FORMAL_PROTEST = {"lodged", "lodges", "lodge", "lodging", "diplomatic", "innocence", "formal", "referee", "umpire", "penalty",
                  "verdict", "ruling", "decision"}


def protest_reading(words: set[str]) -> bool:
    """'protests were held against the law' is a protest; 'players protested the penalty' is
    sport and 'lodged a diplomatic protest' is a note, not a street protest."""
    if words & FORMAL_PROTEST and not words & {"streets", "street", "thousands", "hundreds", "crowd", "crowds", "rally"}:
        return False
    if words & FESTIVE_CROWDS and not words & PROTEST_CUES:
        return False  # "runners took to the streets for the marathon", "thousands march in the parade"
    sport = len(words & lx.NON_VIOLENT_CONTEXT - {"election", "campaign"})
    return sport == 0 or len(words & PROTEST_CONTEXT) > sport


def refine_category(tok, category: str) -> str | None:
    """Categories that depend on what the verb acts on: 'seized rifles' vs 'seized engineers',
    'captured the town' vs 'captured two fighters', 'agreed a ceasefire' vs 'agreed with critics'."""
    low = tok.lower_
    if low in ("burned", "burnt") and killed_to_death(tok):
        return lx.KILL  # "burned to death by a mob"
    if low in ("exchange", "exchanges") and exchange_of_fire(tok):
        return lx.CLASH  # "an exchange of fire followed": a fight, not a prisoner swap
    if low in ("shot", "shooting") and has_child_word(tok, {"dead"}):
        return lx.KILL
    if low in ("shot", "shooting", "intercepted") and has_child_word(tok, {"down"}) and \
            object_words(tok) & {"drones", "drone", "missiles", "missile", "rockets", "rocket", "projectiles"}:
        return lx.SEIZE  # "air defences shot down 30 drones": weapons stopped before they struck
    if low in ("wounding", "wounded") and has_child_word(tok, {"fatally", "mortally"}):
        return lx.KILL
    if low in ("death", "deaths"):
        return category if death_as_outcome(tok) or death_someone_answers_for(tok) else None
    if category == lx.CLASH and describes_a_role(tok):
        return None
    if low in ("neutralised", "neutralized"):
        taken = object_words(tok) | ({tok.head.lower_} if tok.dep_ in ("acl", "amod") else set())
        if tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in tok.children):
            # "eighteen terrorists neutralised": a release's telegraphic passive, its subject the taken
            taken |= {c.lower_ for c in tok.children if c.dep_ == "nsubj"}
        if taken & lx.HUMAN_NOUNS:
            return lx.KILL  # "eleven assailants were neutralised": killed, in army words
        return lx.SEIZE if taken & WEAPON_OBJECTS else None  # a bomb made safe; "neutralised the threat"
    refine = REFINERS.get(category)
    return refine(tok, category) if refine else category


def exchange_of_fire(tok) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        p.dep_ == "pobj" and p.lower_ in ("fire", "fires", "gunfire", "shots", "bullets") for p in c.children)
        for c in tok.children)


ROLE_WORDS = {"tasked", "charged", "mandated", "entrusted", "responsible", "trained", "deployed",
              "sent", "dedicated", "committed"}
COMBATANT_BODIES = {"coalition", "alliance", "mission", "task"}


def describes_a_role(tok) -> bool:
    """'the coalition tasked with fighting the militants', 'the coalition fighting the group':
    what a body is there for, not a fight told."""
    if tok.tag_ != "VBG":
        return False
    if tok.dep_ == "pcomp" and tok.head.head.lower_ in ROLE_WORDS:
        return True
    return tok.dep_ == "acl" and tok.head.lower_ in COMBATANT_BODIES


OUTCOME_VERBS = {"resulted", "resulting", "result", "results", "led", "leading", "lead", "leads",
                 "caused", "causing", "cause", "causes", "ended", "ending"}


def death_as_outcome(tok) -> bool:
    """'a raid that resulted in a commander's death', 'fire leading to the deaths
    of two insurgents': a killing told as what an action led to. Other deaths ('death
    threats', 'sentenced to death', 'confirmed the death of') are no trigger here."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("in", "to"):
        head = head.head
    elif tok.dep_ != "dobj":
        return False
    return head.lower_ in OUTCOME_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


CULPABILITY = {"responsibility", "responsible", "blamed", "blame", "blames", "involvement", "involved",
               "connected", "linked", "implicated", "role"}
INQUIRIES = {"investigation", "investigations", "inquiry", "inquiries", "probe", "investigating",
             "investigated"}


def death_someone_answers_for(tok) -> bool:
    """'responsibility for the death of a union leader', 'connected to the death of a
    candidate', 'the investigations concerning the death of Hector Oqueli': a death someone is
    held to account for was a killing. An inquiry counts where the dead is named."""
    if tok.dep_ != "pobj" or not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False
    frame = tok.head.head
    if frame.lower_ in CULPABILITY:
        return True
    named = any(p.dep_ == "pobj" and p.pos_ == "PROPN" or any(
                    g.dep_ == "compound" and g.pos_ == "PROPN" for g in p.children)
                for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children)
    return frame.lower_ in INQUIRIES and named


def around(tok) -> set[str]:
    """Words of the trigger's own phrase: its objects, subject and dependents."""
    words = object_words(tok) | {t.lower_ for t in tok.subtree}
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words |= {t.lower_ for t in child.subtree}
    if tok.head is not tok:
        words |= {t.lower_ for t in tok.head.children if t.dep_ in ("nsubj", "nsubjpass", "dobj")}
        words.add(tok.head.lower_)
    return words


def refine_seize(tok, category: str) -> str | None:
    objects = object_words(tok)
    low = tok.lower_
    if low == "destroyed" and refine_explode(tok, lx.EXPLODE):
        return lx.EXPLODE  # "jets destroyed weapons depots": an air strike, not a seizure
    if (object_heads(tok) & TERRITORY or named_place_object(tok)) and low in ("seized", "seize", "captured", "capture", "took", "taken"):
        return lx.TAKEOVER
    if objects & WEAPON_OBJECTS:
        return lx.SEIZE
    if low in ("found", "discovered", "uncovered", "intercepted", "dismantled", "recovered", "destroyed"):
        return None  # found a body, discovered a plan, destroyed a house: not a seizure of weapons
    if objects & lx.HUMAN_NOUNS and low in ("seized", "seize", "seizure"):
        return lx.ABDUCT
    return None


def refine_arrest(tok, category: str) -> str | None:
    low = tok.lower_
    if low in ("turned", "turns", "turn") and not any(c.dep_ == "prt" and c.lower_ == "in" for c in tok.children):
        return None  # "turned himself around"; only "turned himself in" is giving oneself up
    if low == "jailed" and not subject_words(tok) & (FORCE_WORDS | MILITARY_WORDS):
        return None  # "a court jailed him for five years": a sentence; forces that jailed suspects held them
    objects = object_words(tok)
    sentence = {t.lower_ for t in tok.sent}
    if sentence & CRIME_WORDS and not sentence & (lx.ARMED_NOUNS | {"taliban", "insurgents", "insurgent"}) \
            and not military_arrest_beside_crime(tok):
        return None  # arrests for drugs or theft are crime, not political disorder
    if low in ("detention", "custody") and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "into"):
        return None  # "suspects held in pre-trial detention": where they are, not an arrest
    if low == "rounded" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return None  # "rounded the corner"; only "rounded up" people is taking them
    heads = object_heads(tok)
    if low in ("captured", "capture", "capturing"):
        if retaken(tok) and not objects & lx.HUMAN_NOUNS:
            return lx.RETAKE
        if heads & (TERRITORY | POSITIONS):
            return lx.TAKEOVER
        if objects & WEAPON_OBJECTS and not objects & lx.HUMAN_NOUNS:
            return lx.SEIZE
    if heads and not heads & lx.HUMAN_NOUNS and heads & (VEHICLES | POSITIONS):
        return None  # "Maoists detained a government bus": a vehicle held, nobody taken
    return category


# posts that a fight takes: "three hilltop posts were taken by the clan militia"
POSITIONS = {"bunker", "bunkers", "post", "posts", "checkpost", "checkposts", "trench", "trenches",
             "camp", "camps", "checkpoint", "checkpoints"}


def retaken(tok) -> bool:
    """'re-captured' (split by the tokeniser into 're', '-', 'captured'): ground taken back."""
    return tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "re"


MILITARY_WORDS = {"troops", "soldiers", "army", "military", "coalition", "isaf", "marines",
                  "commandos", "force", "paratroopers"}
SIDE_CLAUSES = {"conj", "cc", "advcl", "parataxis", "ccomp"}


def military_arrest_beside_crime(tok) -> bool:
    """'The combined force detained several men, as well as finding a store of opium': troops
    making an arrest on operations, the drugs found beside it; not 'police arrested three men
    and seized heroin' nor 'soldiers detained two drug smugglers'."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"] + [
        p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    by_whom = {t.lower_ for s in subjects for t in s.subtree}
    if not by_whom & MILITARY_WORDS or by_whom & {"police", "policemen", "customs", "guards"}:
        return False
    own = [t for c in tok.children if c.dep_ not in SIDE_CLAUSES for t in c.subtree]
    if tok.dep_ in ("acl", "relcl"):
        own.append(tok.head)
    return not {t.lower_ for t in own} & CRIME_WORDS


def refine_retake(tok, category: str) -> str | None:
    """'cleared the town of militants', 'expelled IS from three villages': ground taken back;
    not 'cleared the road' or 'expelled a diplomat'."""
    if tok.lower_ in ("recaptured", "retook") and (object_words(tok) & (lx.HUMAN_NOUNS | {"them", "him", "her", "fugitives", "escapees", "inmates"})):
        return lx.ARREST  # "police recaptured five of the escaped prisoners": people, not ground
    if tok.lower_ == "cleared" and object_heads(tok) & (WEAPON_OBJECTS | {"landmines", "mines", "ieds"}):
        return lx.SEIZE  # "cleared 2,000 landmines": explosives made safe
    if tok.lower_ == "cleared":
        # "cleared and secured the compound", "cleared the area": a search, not ground retaken
        return category if object_heads(tok) & (TERRITORY - SEARCHED_PLACES) else None
    if tok.lower_ == "expelled":
        return category if around(tok) & TERRITORY else None
    return category


RELEASED_THINGS = {"report", "reports", "statement", "statements", "video", "videos", "footage", "figures", "data",
                   "results", "details", "names", "list", "photos", "images", "funds", "budget", "version", "update",
                   "app", "product", "products", "model", "games", "game", "movie", "trailer"}


def press_release(tok) -> bool:
    """'For Immediate Release', 'press release', 'news release': a statement put out, however
    the parser tags it."""
    if tok.lower_ not in ("release", "releases"):
        return False
    before = [t.lower_ for t in tok.doc[max(0, tok.i - 2):tok.i]]
    return bool(before) and (before[-1] in ("press", "news", "media") or before[-2:] == ["for", "immediate"])


def own_phrase(noun) -> list:
    """The noun with its modifiers and appositions ('their trump card - the four engineers'),
    without what its relative clauses and prepositions add ('rifles belonging to the group')."""
    out = [noun]
    for child in noun.children:
        if child.dep_ not in ("acl", "relcl", "prep"):
            out.extend(own_phrase(child))
    return out


def refine_release(tok, category: str) -> str | None:
    """Hostages released, captives freed; not a press release or a film's release."""
    if press_release(tok):
        return None
    if object_heads(tok) & (WORKS | RELEASED_THINGS):
        return None  # "released her third studio album", "released a report": put out, nobody freed
    objects = object_words(tok)
    if tok.lower_ == "freed" and objects & TERRITORY:
        return lx.RETAKE  # "forces freed several villages from the militants"
    if tok.lower_ in ("handed",):
        if object_heads(tok) & (TERRITORY | {"control", "swathe", "territory", "camp"}) and not objects & lx.HUMAN_NOUNS:
            return lx.WITHDRAW  # "territory was handed over to the army": a transfer without a fight
        handed = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        named = {t.lower_ for c in handed for t in own_phrase(c)}
        if handed and all(c.pos_ == "NOUN" for c in handed) and not named & (lx.HUMAN_NOUNS | {"him", "her", "them"}):
            return None  # "the hunting rifles were handed over for examination": things, not captives
        return category
    if tok.pos_ in ("NOUN", "PROPN"):
        # a release told as a noun must say who was freed ("the release of the hostages");
        # "For Immediate Release" atop a press release (tagged a proper noun) frees no one
        return category if objects & lx.HUMAN_NOUNS else None
    return category if objects & lx.HUMAN_NOUNS or not objects else None


AGREE_VERBS = {"agreed", "signed", "reached", "announced", "declared", "brokered", "struck",
               "concluded", "accepted", "agree", "sign", "took", "came", "entered", "exchanged",
               "welcomed", "welcomes", "extended", "observed", "implemented", "collapsed"}
AGREEMENT_NEWS = {"decision", "announcement", "talks", "negotiations", "deal"}


def refine_agree(tok, category: str) -> str | None:
    """An agreement made: 'agreed a ceasefire', 'signed a peace deal', 'a truce took effect',
    an exchange of prisoners; not 'under a 2003 truce' or 'a currency exchange'."""
    if tok.lower_ in ("exchange", "swap", "exchanged", "swapped"):
        return category if {t.lower_ for t in tok.subtree} & {"prisoners", "detainees", "captives", "bodies"} else None
    if tok.lower_ == "talks":  # "started peace talks", not "called for peace talks"
        verb = tok.head if tok.dep_ in ("dobj", "nsubj", "nsubjpass") else None
        return category if verb is not None and verb.lower_ in TALKS_HELD else None
    if tok.lower_.startswith("surrender"):
        # fighters laying down arms to an armed side (ACLED counts surrenders as agreements); not
        # "surrendered his passport" or "party rebels surrendered to the leadership"
        if lone_surrender(tok):
            return lx.ARREST  # one man giving himself up to the forces is taken into custody
        to_whom = {t.lower_ for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree}
        arms = object_words(tok) & {"arms", "weapons", "guns", "rifles"}
        return category if (to_whom & (FORCE_WORDS | {"army", "military", "authorities"}) or arms) and \
            around(tok) & (FORCE_WORDS | lx.ARMED_NOUNS) else None
    if tok.pos_ in ("NOUN", "PROPN"):
        if {t.lower_ for t in tok.subtree} & TRADE_WORDS:
            return None  # "signed a $10 billion deal to buy 96 helicopters": a purchase
        if tok.dep_ == "pobj" and tok.head.lower_ in ("on", "over") and tok.head.head.lower_ in AGREEMENT_NEWS:
            return category  # "the decision on the cease-fire", "talks over a truce"
        return category if tok.head.lower_ in AGREE_VERBS and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else None
    bought = {t.lower_ for c in tok.children if c.dep_ == "dobj" for t in c.subtree}
    bought |= {c.lower_ for c in tok.children if c.dep_ in ("advcl", "xcomp")}
    if bought & TRADE_WORDS - {"million"}:
        return None  # "signed a $10 billion deal ... to buy helicopters": a purchase, not a peace
    agreed_on: set[str] = set()
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "prep" and child.lower_ in ("on", "to")):
            agreed_on |= {t.lower_ for t in child.subtree if t.pos_ in ("NOUN", "PROPN")}
        if child.dep_ == "xcomp":
            agreed_on.add(child.lower_)  # "agreed to end", "agreed to resume peace talks"
            agreed_on |= {t.lower_ for c in child.children if c.dep_ == "dobj" for t in c.subtree}
    return category if agreed_on & AGREEMENT_WORDS - {tok.lower_} else None


TRADE_WORDS = {"buy", "purchase", "sell", "sale", "supply", "export", "import", "billion", "million",
               "$", "contract", "trade", "investment", "loan", "merger"}
CUSTODIANS = FORCE_WORDS | {"force", "authorities", "army", "isaf", "patrol", "unit", "commandos"}


def lone_surrender(tok) -> bool:
    """'The man surrendered to the patrol', 'he surrendered to police': one person gives himself
    up, which is an arrest; fighters surrendering as a body ('ten rebels surrendered to the
    army') lay down arms, which ACLED counts as an agreement."""
    if tok.pos_ != "VERB" or any(c.dep_ == "dobj" for c in tok.children):
        return False  # "surrendered their weapons", "surrendered his passport"
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or any(c.dep_ == "conj" for c in subjects[0].children):
        return False
    subject = subjects[0]
    if not (subject.tag_ in ("NN", "NNP") or subject.lower_ in ("he", "she")):
        return False
    if any(c.like_num and c.lower_ not in ("one", "1") for c in subject.children):
        return False
    to_whom = {t.lower_ for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree}
    return bool(to_whom & CUSTODIANS)


def refine_withdraw(tok, category: str) -> str | None:
    if tok.lower_ in ("withdrew", "withdrawn") and {t.lower_ for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                                                 for t in c.subtree} & {"pact", "treaty", "accord", "agreement", "deal", "ceasefire", "truce"}:
        return lx.AGREE  # "withdrew from the missile pact": the agreement's end
    if tok.lower_ in ("evacuated", "evacuate", "evacuates", "evacuating") and not evacuated_ground(tok):
        return None  # "the army evacuated thousands", "the terminal was evacuated": a rescue or a precaution
    if tok.lower_ == "evacuated":
        # "troops evacuated the town" or "the garrison was evacuated"; not "a dozen people were evacuated"
        leaving = {t.lower_ for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        if tok.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in tok.children):
            return category if leaving & FORCE_WORDS else None
        return category if leaving & FORCE_WORDS and object_heads(tok) & TERRITORY else None
    return category if around(tok) & (FORCE_WORDS | MILITARY_WORDS) else None


def evacuated_ground(tok) -> bool:
    """Forces evacuating a town, a base or their own positions leave ground; evacuating people
    or a building is rescue."""
    evacuated = object_heads(tok)
    if not evacuated:
        return True  # "the troops evacuated": they left
    return bool(evacuated & (TERRITORY | BASE_WORDS | FORCE_WORDS))


def refine_mobilize(tok, category: str) -> str | None:
    if tok.dep_ in ("acl", "amod", "relcl") and tok.tag_ == "VBN":
        return None  # "soldiers deployed at the school": where they stood, not a deployment told
    if tok.lower_ == "formed":
        # "formed a new brigade", "special units of troops have been formed": a new armed body
        formed = object_words(tok)
        if formed & {"government", "cabinet", "committee", "party", "company", "coalition", "commission"}:
            return None
        if formed & (FORCE_WORDS | NEW_BODIES):
            return category
        # "the navy has created a drone squadron": a body founded by an armed force
        return category if formed & ARMED_ORGANS and subject_words(tok) & (FORCE_WORDS | MILITARY_WORDS) else None
    if tok.lower_ in ("moved", "moving", "redeployed", "redeploying"):
        return category if moved_forces(tok) else None
    forces = around(tok) & FORCE_WORDS
    if forces and forces <= {"police", "officers"}:
        return None  # "thousands of police deployed" for a parade or a match: policing
    return category if forces else None


ARMED_ORGANS = {"organisation", "organization", "wing", "network", "entity", "force", "corps", "group"}
DESTINATION_PREPS = {"to", "into", "towards", "toward"}


def subject_words(tok) -> set[str]:
    return {t.lower_ for s in verb_subjects(tok) for t in s.subtree}


def moved_forces(tok) -> bool:
    """'troops had moved to the town', 'moving troops to the border': forces sent somewhere;
    not 'police moved in to disperse the crowd' nor 'the army moved to retake the town'."""
    moving = subject_words(tok) | {t.lower_ for c in tok.children if c.dep_ == "dobj" for t in c.subtree}
    if not moving & (FORCE_WORDS | MILITARY_WORDS):
        return False
    return any(c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS and
               any(p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN") for p in c.children)
               for c in tok.children)


def refine_takeover(tok, category: str) -> str | None:
    """'the fighters entered the town and met no resistance': ground taken unopposed; any other
    entering (a building, a race, an agreement) is no takeover."""
    if tok.lower_ != "entered":
        return category
    armed = subject_words(tok) & (FORCE_WORDS | MILITARY_WORDS | lx.ARMED_NOUNS)
    return category if armed and uncontested({t.lower_ for t in tok.sent}) else None


def refine_base(tok, category: str) -> str | None:
    if tok.lower_ == "set" and object_words(tok) & NEW_BODIES:
        return lx.MOBILIZE  # "a new militia unit has been set up": an armed body, not a base
    return category if object_words(tok) & BASE_WORDS or tok.lower_ in BASE_WORDS else None


PROTEST_FILED = {"lodged", "lodges", "lodge", "lodging", "filed", "files", "file", "submitted",
                 "registered", "sent", "delivered", "issued", "entered"}


CROWD_QUANTITIES = {"hundreds", "thousands", "dozens", "scores", "tens", "crowds", "crowd",
                   "hundred", "thousand", "dozen", "lots", "number"}


# who protests in notes and statements, not in the streets
OFFICIAL_PROTESTERS = {"government", "governments", "ministry", "ministries", "embassy", "embassies", "minister",
                       "ambassador", "officials", "authorities", "foreign", "state", "country", "countries"}


def refine_protest(tok, category: str) -> str | None:
    if tok.dep_ == "dobj" and tok.head.lower_ in PROTEST_FILED:
        return None  # "lodged a formal protest with the commission": a complaint, not a demonstration
    if tok.lower_ in ("protested", "protests", "protest") and tok.pos_ == "VERB" and \
            subject_words(tok) & OFFICIAL_PROTESTERS:
        return None  # "the federal government has repeatedly protested against the strikes": a note
    if tok.lower_ in lx.PROTESTER_NOUNS:
        # "protesters blocked the road", "hundreds of demonstrators blocked the highway": the
        # protesters' action is the event
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("nsubj", "nsubjpass") \
                and (tok.head.head.like_num or tok.head.head.lower_ in CROWD_QUANTITIES):
            return category
        return category if tok.dep_ in ("nsubj", "nsubjpass") else None
    if tok.lower_ in ("took", "take", "taking", "takes"):
        return category if any(t.lower_ == "streets" for t in tok.subtree) else None
    if tok.lower_ in ("walked", "filled", "thronged"):
        # "crowds walked the streets", "thousands filled the streets": a march without the word
        return category if object_heads(tok) & {"streets", "street", "square"} and \
            subject_words(tok) & (CROWDS | {"thousands", "hundreds", "dozens"}) else None
    if tok.lower_ == "march":
        return category if marched_in_protest(tok) else None
    if tok.lower_.startswith(("dispers", "dispel")):
        # "police dispersed the protesters", not "the fog dispersed" or "dispersed the funds"
        return category if object_words(tok) & CROWDS else None
    if tok.lower_ in ("gas", "cannon", "cannons"):
        # tear gas or water cannon used on people: "fired tear gas at the crowd"
        return category if {t.lower_ for t in tok.sent} & CROWDS else None
    if tok.lower_ in ("marched", "marches", "march") and any(
            {t.lower_ for t in c.subtree} & (FORCE_WORDS | {"army", "military"}) for c in verb_subjects(tok)):
        return None  # "government forces marched into the district": an advance, not a protest
    if tok.lower_ in ("marched", "marches"):
        # "thousands marched against the law", not "the army band marched" or "he marched in"
        sentence = {t.lower_ for t in tok.sent}
        return category if around(tok) & MARCH_CUES or sentence & PROTEST_CUES else None
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in ("mark", "sign", "token", "gesture", "form"):
        return None  # "the killing was a mark of protest against ...": a motive, not a protest
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "VERB" and \
            not any(c.dep_ in ("det", "poss", "amod") for c in tok.children) and \
            tok.head.head.lower_ in lx.TRIGGERS and lx.TRIGGERS[tok.head.head.lower_] != lx.PROTEST:
        return None  # "killed him in protest against the arrests": the motive of a killing
    return category


def named_march(tok) -> bool:
    """'a "Peaceful March" to the bridge', 'the Freedom March': a march named in title case,
    not the month ('In March', 'Monday March 5': the number is checked by the caller)."""
    if tok.i == tok.sent.start:
        return False
    prev = tok.nbor(-1)
    return prev.i != tok.sent.start and prev.text[:1].isupper() and prev.pos_ in ("ADJ", "PROPN", "NOUN") \
        and prev.lower_ not in ("early", "late", "mid")


def marched_in_protest(tok) -> bool:
    """'joined a peaceful march to parliament', not the month ('in march', 'march 3') nor a
    military march."""
    if tok.text[0].isupper() and not named_march(tok):
        return False
    if tok.pos_ != "NOUN" and not (tok.pos_ == "PROPN" and tok.text[0].isupper()):
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and (nxt.like_num or nxt.lower_ in (",", "last", "this", "next")):
        return False
    if tok.i > 0 and tok.nbor(-1).lower_ in ("in", "on", "since", "until", "by", "early", "late", "mid",
                                              "last", "next", "of", "through", "from", "before", "after"):
        return False
    modifiers = {t.lower_ for t in tok.subtree} | {tok.head.lower_}
    return bool(modifiers & {"protest", "peaceful", "protesters", "demonstrators", "against", "solidarity",
                             "participated", "joined", "led", "organised", "organized", "staged",
                             "took", "held", "thousands", "hundreds", "women's", "freedom", "silent",
                             "rights", "pride", "climate", "anti-government", "opposition"})


def refine_explode(tok, category: str) -> str | None:
    """'Jets struck rebel positions', 'artillery pounded the town': strikes from afar, said by
    what struck; not 'the storm struck the coast' or 'protesters pounded on the doors'."""
    if tok.lower_ in ("went", "go", "goes"):  # "the device went off", not "the alarm went off"
        subject = {t.lower_ for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        return category if subject & (lx.EXPLOSIVE_DEVICES | {"mine", "mines", "landmine", "shell", "shells"}) else None
    if tok.lower_ in RAMMING_VERBS:
        return category if rammed_with_explosives(tok) else None
    if made_safe(tok):
        return lx.SEIZE  # "the bomb squad detonated the device in a controlled explosion"
    if tok.lower_ not in ("struck", "pounded", "pounding", "destroyed"):
        return category
    strikers = [c for c in tok.children if c.dep_ == "nsubj"] + [
        g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    names = {t.lower_ for s in strikers for t in s.subtree}
    return category if names & lx.STANDOFF_STRIKERS else None


RAMMING_VERBS = {"rammed", "ramming"}
DISPOSERS = {"squad", "disposal", "bds", "sappers", "deminers", "experts", "technicians", "police", "policemen"}
SAFE_WORDS = {"controlled", "safely", "safe"}


def made_safe(tok) -> bool:
    """A bomb destroyed by those who found it: 'police safely detonated it at a safe place', 'a
    controlled explosion'. ACLED codes that as disrupted weapons use, not an explosion."""
    if tok.lower_ not in ("detonated", "detonating", "exploded", "explosion", "destroyed", "blew", "blown"):
        return False
    near = [t for t in tok.subtree]
    if tok.dep_ in ("conj",):
        near += [t for t in tok.head.children if t.dep_ == "advmod"]
    safe = any(t.lower_ in SAFE_WORDS and not (t.i and t.nbor(-1).lower_ in ("remote", "remotely", "-"))
               for t in near)  # "a remote controlled device" is the bomber's
    heads = verb_subjects(tok) + [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    doers = {w.lower_ for h in heads for w in [h] + [c for c in h.children if c.dep_ == "compound"]}
    return safe or bool(doers & DISPOSERS)


def rammed_with_explosives(tok) -> bool:
    """'the bomber rammed an explosives-laden truck into the gate': a car bomb;
    not 'a truck rammed into a bus' nor 'he drove his car into the barrier'."""
    told = {t.lower_ for t in tok.subtree}
    bomber = subject_words(tok) & {"bomber", "bombers"}
    laden = told & {"explosives", "explosive", "explosives-laden", "explosive-laden", "bomb-laden",
                    "booby-trapped", "vbied", "svbied"}
    return bool(laden or (bomber and any(c.dep_ in ("dobj", "prep") for c in tok.children)))


REFINERS = {
    lx.EXPLODE: refine_explode,
    lx.SEIZE: refine_seize,
    lx.ARREST: refine_arrest,
    lx.RELEASE: refine_release,
    lx.AGREE: refine_agree,
    lx.RETAKE: refine_retake,
    lx.WITHDRAW: refine_withdraw,
    lx.MOBILIZE: refine_mobilize,
    lx.TAKEOVER: refine_takeover,
    lx.BASE: refine_base,
    lx.PROTEST: refine_protest,
}


WEAPON_NOUNS = {"bomb", "bombs", "grenade", "grenades", "rocket", "rockets", "missile", "missiles",
                "mortar", "mortars", "landmine", "landmines", "ied", "ieds", "shells"}
WEAPON_USE_VERBS = {"exploded", "explode", "explodes", "exploding", "hit", "hits", "struck",
                    "killed", "killing", "wounded", "wounding", "injured", "injuring", "fired",
                    "firing", "fire", "launched", "launching", "threw", "thrown", "throwing",
                    "hurled", "lobbed", "planted", "detonated", "dropped", "dropping", "went",
                    "landed", "slammed", "rained", "targeted", "destroyed", "damaged"}


# blasting as a trade: quarries and mines break rock with explosives
BLASTING_WORK = {"quarry", "quarries", "quarrying", "drill", "drilling", "blasting", "shot-firers", "shotfirers",
                 "colliery", "opencast", "open-pit"}
INDUSTRIAL = {"tank", "tanks", "boiler", "boilers", "gas", "propane", "cylinder", "cylinders",
              "pipeline", "plant", "factory", "refinery", "transformer", "fireworks",
              "furnace", "reactor", "leak", "short-circuit", "firefighters", "accident",
              "accidental", "accidentally", "coal", "miners", "mining", "colliery", "methane"}
CHEMICAL_ACCIDENT = {"factory", "plant", "refinery", "pipeline", "tanker", "industrial", "leak", "leaked",
                     "leakage", "leaking", "spill", "spilled", "accident", "accidental", "accidentally"}
ATTACK_EVIDENCE = {"bomb", "bombs", "bomber", "ied", "ieds", "explosive", "explosives", "device",
                   "devices", "militants", "attackers", "attack", "terrorists", "terrorist",
                   "suicide", "insurgents", "rebels", "gunmen", "planted", "claimed", "grenade",
                   "cadres", "maoist", "maoists", "triggered", "blew"}


POLITICAL_ARMED = {"militants", "militant", "rebels", "rebel", "insurgents", "insurgent", "terrorists",
                   "terrorist", "jihadists", "guerrillas", "guerrilla", "maoists", "maoist", "cadres",
                   "separatists", "extremists", "militia", "militias", "militiamen", "paramilitaries",
                   "gang", "gangs", "cartel", "cartels", "bandits"}


# smuggling and trafficking are armed groups' business too: they make no killing a crime
STREET_CRIME_WORDS = CRIME_WORDS - {"smuggling", "smugglers", "trafficking", "traffickers"}


def ordinary_crime(words: set[str]) -> bool:
    """'stabbed to death in a robbery', 'shot during a burglary': crime, which ACLED leaves out,
    unless an armed group is named (gangs and cartels fight for territory and are coded)."""
    return bool(words & STREET_CRIME_WORDS) and not words & POLITICAL_ARMED


def accident(category: str, words: set[str]) -> bool:
    """A boiler or a gas tank that exploded, forces mobilised against a flood: no political event."""
    if category == lx.EXPLODE:
        if words & BLASTING_WORK:
            return True  # "explosives being loaded into drill holes at a granite quarry"
        return bool(words & INDUSTRIAL) and not words & ATTACK_EVIDENCE
    if category in lx.CASUALTY and words & BLASTING_WORK and words & {"explosives", "explosion", "blast", "blasting"}:
        return True
    if category in lx.CASUALTY:  # "workers were hurt when a gas tank exploded"
        return (bool(words & INDUSTRIAL) and not words & ATTACK_EVIDENCE
                and bool(words & {"exploded", "explosion", "blast", "fire", "collapsed", "leak", "burst"}))
    if category == lx.CHEMICAL:  # "poisonous gas leaked from a factory"
        return bool(words & CHEMICAL_ACCIDENT) and not words & ATTACK_EVIDENCE
    if category in (lx.MOBILIZE, lx.BASE):
        return bool(words & lx.DISASTER_CAUSES | words & {"rains", "rain", "relief", "rescue", "evacuate",
                                                          "survivors", "rescuers", "exercise", "exercises",
                                                          "drills", "parade", "peacekeeping", "debris",
                                                          "help", "assist", "humanitarian", "flood-hit",
                                                          "worst-affected", "stranded", "insecticide",
                                                          "spray", "mosquitoes", "mosquito", "vaccination",
                                                          "vaccinations", "vaccines", "sandbags", "clean-up",
                                                          "cleanup", "evacuation", "census"})
    return False


INCENDIARY = {"petrol", "molotov", "gasoline", "fire", "paint", "smoke", "stink", "fuel", "kerosene"}


def weapon_not_used(tok, category: str) -> bool:
    """'seized a large quantity of grenades' names a weapon; 'a grenade exploded' an event;
    'petrol bombs' thrown by rioters are fire, not explosives."""
    if category == lx.EXPLODE and tok.lower_ in ("bomb", "bombs") and any(
            c.lower_ in INCENDIARY for c in tok.children if c.dep_ in ("compound", "amod", "nmod")):
        return True
    if category != lx.EXPLODE or tok.lower_ not in WEAPON_NOUNS:
        return False
    if tok.dep_ == "dobj" and tok.head.lower_ in ("fired", "launched") and aimed_at_nothing(tok.head):
        return True  # "fired a missile into the sea": a test
    cur = tok
    for _ in range(4):
        head = cur.head
        if head is cur:
            break
        if head.lower_ in WEAPON_USE_VERBS and not spent_rounds(head):
            return False
        if cur.dep_ == "pobj" and head.lower_ in ("in", "by", "with") and head.head.lower_ in (
                lx.TRIGGERS.keys() | WEAPON_USE_VERBS):
            return False  # "killed in a bomb blast", "attacked with grenades"
        cur = head
    return True


def spent_rounds(verb) -> bool:
    """'recovered a pistol, fired cases and a grenade': cases that were fired, found afterwards."""
    return verb.lower_ == "fired" and (verb.dep_ in ("amod", "acl") or any(
        c.dep_ in ("dobj", "nsubjpass") and c.lower_ in SPENT_ROUNDS for c in verb.children))


def object_words(tok) -> set[str]:
    """Words naming what a verb or noun acts on: objects, passive subjects, 'of' phrases."""
    words: set[str] = set()
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            words |= {t.lower_ for t in child.subtree}
        if child.dep_ == "prep" and child.lower_ == "of":
            words |= {t.lower_ for t in child.subtree}
    if tok.dep_ == "relcl" and tok.head is not None:
        words.add(tok.head.lower_)  # "the engineers whom they had seized"
    if tok.dep_ in ("acl",):
        words.add(tok.head.lower_)
    return words


PART_WORDS = {"most", "part", "parts", "much", "half", "all", "control", "swathes", "areas", "large"}


def named_place_object(tok) -> bool:
    """'rebels seized Aleppo', 'seized most of Aleppo': the object is a named place."""
    for child in tok.children:
        if child.dep_ != "dobj":
            continue
        nouns = [child] + [g for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                           for g in p.children if g.dep_ == "pobj"] if child.lower_ in PART_WORDS else [child]
        nouns += [a for n in nouns for a in n.children if a.dep_ == "appos"]  # "Aleppo, Syria"
        if any(n.pos_ == "PROPN" and n.ent_type_ not in ("PERSON", "ORG", "NORP", "DATE", "TIME") for n in nouns):
            return True
    return False


def object_heads(tok) -> set[str]:
    """The nouns a verb acts on, without what their relative clauses say ('captured a leader who
    led attacks in the province' captured a leader, not a province)."""
    heads: set[str] = set()
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            heads |= {t.lower_ for t in [child, *child.conjuncts] if t.dep_ != "relcl"}
    if tok.dep_ in ("relcl", "acl") and tok.head is not None:
        heads.add(tok.head.lower_)
    return heads


def has_child_word(tok, wanted: set[str]) -> bool:
    return any(c.lower_ in wanted for c in tok.children)


def make_hit(tok, category: str) -> Hit:
    hit = Hit(tok, category, tok.text, tok.idx, tok.idx + len(tok.text))
    if tok.pos_ in ("NOUN", "PROPN"):
        mark_noun_reference(hit, tok)
    return hit


SERIES_HEADS = {"series", "wave", "string", "spate", "barrage", "volley", "salvo"}
PERFORMING_VERBS = {f"{stem}{end}" for stem in ("carri", "launch", "conduct", "stag", "mount", "unleash",
                                                "execut", "perform", "fir")
                    for end in ("ed", "es", "e", "ing", "s", "")} | {"carry", "carrying"}


def performed_series(head) -> bool:
    """'jets carried out a wave of airstrikes on the town': a strike told as done, not
    'a series of attacks has shaken the region' (a summary of several)."""
    return (head.lower_ in SERIES_HEADS and head.dep_ == "dobj" and head.head.lower_ in PERFORMING_VERBS
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children))


def mark_noun_reference(hit: Hit, tok) -> None:
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss", "predet")}
    nums = [c for c in tok.children if c.dep_ == "nummod"]
    head = tok.head
    performed = tok.dep_ == "pobj" and head.lower_ == "of" and performed_series(head.head)
    if tok.dep_ == "pobj" and head.lower_ in ("of", "for") and head.head.lower_ in lx.GENERIC_HEADS:
        hit.generic = not performed
    elif head is not None and head.dep_ == "prep" and head.lower_ == "of" and head.head.lower_ in lx.GENERIC_HEADS:
        hit.generic = True
    if dets & {"such", "any", "these", "those", "both", "all", "every", "each"}:
        hit.generic = True
    if tok.dep_ == "pobj" and head.lower_ in ("in", "for") and head.head.lower_ in (
            "used", "meant", "designed", "intended", "needed", "required"):
        hit.generic = True  # "wire used in landmine blasts": what a thing is for, not an event
    # "other unexplained gunfights and bombings": the modifier of the first conjunct holds for all
    modified = list(tok.children) + (list(tok.head.children) if tok.dep_ == "conj" else [])
    if any(c.lower_ in ("other", "similar", "previous", "earlier", "past", "recent", "further", "frequent", "repeated")
           for c in modified if c.dep_ == "amod"):
        hit.generic = True  # "after other unexplained bombings": a summary of earlier events
    quantified = any(c.lower_ in QUANTIFIERS for c in tok.children)
    episode = tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in EPISODE_HEADS or performed
    if (tok.tag_ in ("NNS", "NNPS") and not nums and not dets and not quantified and not episode
            and tok.lower_ not in ("fighting", "shelling", "looting", "rioting")
            and not told_as_past(tok)):
        hit.generic = True  # "worried about attacks", "the risk of clashes": a kind, not an event
    if nums and tok.lower_ not in PEOPLE_NOUNS:
        # "two firefights" are two events; "three protesters" are three people in one
        from .counts import parse_number

        value = parse_number(nums[0].text)
        hit.plural_count = value or 0
    superlative = any(c.tag_ in ("JJS", "RBS") or c.lower_ in ("latest", "first", "last", "most")
                      for c in tok.subtree if c.i < tok.i)
    if dets & {"the", "this", "that", "its", "their", "his", "her"} and not nums and not superlative:
        hit.anaphoric = True
    if tok.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lower_ in ("this", "it", "that") for c in head.children):
        hit.anaphoric = True  # "it was the second attack on that clinic": said of the one just told


def told_as_past(tok) -> bool:
    """A bare plural told as something that happened: "Turkish airstrikes hit the base",
    "fighters died after heavy clashes"."""
    cur = tok
    for _ in range(4):
        head = cur.head
        if head is cur:
            return False
        if head.pos_ in ("VERB", "AUX"):
            if head.lower_ in RECORD_VERBS and (head.dep_ in ("relcl", "acl") or one_person_subject(head)):
                return False  # "a leader who led roadside bomb attacks": his record, not an event
            if tok.dep_ == "nsubj" and tok.lower_ in lx.PROTESTER_NOUNS and head.tag_ in ("VBP", "VBG") and not any(
                    c.lower_ in HABITUAL for c in head.subtree):
                return True  # "protesters chant slogans outside parliament": a caption's present
            return head.tag_ in ("VBD", "VBN") and head.lower_ not in lx.REPORTING_VERBS
        cur = head
    return False


def one_person_subject(verb) -> bool:
    """'The commander conducted attacks', 'he coordinated ambushes': one person's deeds told in
    the plural are a career, not one event."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return any(s.tag_ in ("NN", "NNP", "PRP") and s.lower_ not in ("they", "we") and not s.conjuncts
               and s.lower_ not in lx.COLLECTIVE_NOUNS for s in subjects)


HABITUAL = {"often", "usually", "regularly", "frequently", "sometimes", "always", "every", "routinely",
            "weekends", "weekly", "generally", "typically"}
RECORD_VERBS = {"led", "conducted", "carried", "orchestrated", "planned", "coordinated", "facilitated",
                "organized", "organised", "masterminded", "directed", "commanded", "executed", "staged",
                "launched", "perpetrated", "supplied", "funded", "financed", "involved"}
QUANTIFIERS = {"several", "many", "numerous", "dozens", "multiple", "some", "few", "scores"}
EPISODE_HEADS = {"outbreak", "round", "bout", "flare-up", "eruption", "upsurge"}
