"""Extract: event mentions (type, trigger, modality, counts, role mentions) from parsed text.

    mentions = extract_mentions(parsed, options)

Each mention keeps its clause spans so that the resolve stage can find the date and place that
the text gives for it; nothing is resolved here.
"""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice

from ..records import Actor, Counts, Mention, Parsed, Span, SpanSet
from ..settings import Options
from ..vocabulary import EVENT_TYPE_OF
from . import lexicon as lx
from .clauses import char_spans, clause_head, enclosing_context, group_clauses, reporting_frame
from .counts import UNSPECIFIED_DEAD, Quantity
from .decide import score_mentions
from .detector import current_years
from .propose import CATEGORY_OF_TYPE, anchor, proposal
from .modality import REAL, conflict_toll, is_aggregate_clause, running_total_since, trigger_modality
from .roles import (ARMED, CIVILIAN, PROTESTER, RIOTER, STATE, Party, agents_of, deliverers, is_human, make_party,
                    dead_told_apart, first_conjunct, informative, named_among, national_force, opponents_of, patients_of, perpetrator_strings, physical_targets, responders_of,
                    sum_quantities, victim_strings, weapons_in)
from .triggers import BLASTING_WORK, CRASH_VERBS, INDUSTRIAL, Hit, by_accident, find_hits, names_a_trigger
from .typing import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC, classify

__all__ = ["extract_mentions"]

INTER_OF_KIND = {STATE: 1, ARMED: 3, RIOTER: 5, PROTESTER: 6, CIVILIAN: 7}
HUMAN_HARM = {lx.KILL, lx.INJURE, lx.ABDUCT}
COUNT_FIELDS = {lx.KILL: "killed", lx.INJURE: "injured", lx.ABDUCT: "abducted", lx.ARREST: "arrested"}


def extract_mentions(parsed: Parsed, options: Options | None = None) -> list[Mention]:
    options = options or Options()
    doc = parsed.spacy_doc
    clean = parsed.clean
    skip = SpanSet(b for b in clean.boilerplate if b.label != "dateline")  # bisection: linear in length
    violent_words = lx.VIOLENCE_CONTEXT
    lowers = [t.lower_ for t in doc]  # the document's words, read once for every test below
    words = set(lowers)
    violent_document = is_violent_document(words)
    mentions_toll = "toll" in words  # only then can a sentence be a toll update (toll_hit)
    sport_document = is_sport_document(lowers, words)
    legacy = legacy_ordnance(doc)
    commemoration = commemorates(doc)
    signs = political_signs(lowers)
    told_as_case = bool(words & CRIMINAL_CASE_WORDS)
    criminal_case = (not signs and told_as_case) or (not signs - CIVIC_SIGNS and accident_story(doc))
    disaster = natural_disaster_story(doc)  # troops sent to help do not make it political
    drill = exercise_story(doc)
    # a fraud or drug gang's arrests are policing too: only an armed gang's violence is coded
    civil_document = not signs or (signs <= {"gang", "gangs"} and told_as_case)
    # where the document's own reading rules violence out, the detector proposes nothing either
    proposing = options.detector and options.propose and bool(signs) and not (
        sport_document or legacy or commemoration or criminal_case or disaster or drill)
    passed_over = []  # sentences where the patterns found no trigger: the detector's to propose
    mentions: list[Mention] = []
    for index, sent in enumerate(doc.sents):
        if skip.holds(sent.start_char):
            continue
        found_hits = find_hits(sent, violent_words, violent_document, sport_document)
        if not found_hits and mentions_toll and (toll := toll_hit(sent)) is not None:
            found_hits = [toll]
        if proposing and not found_hits:
            passed_over.append((index, sent, names_a_trigger(sent)))
        hits = [h for h in found_hits
                if not skip.holds(h.start) and not within_recalled(h.token)
                and not (civil_document and h.category in POLICE_WORK and not mass_arrest(h.token))
                and not (criminal_case and h.category in CIVIL_HARM and not forces_harmed(h.token))
                # a hunter shot by a companion; civilians "accidentally killed" by forces are coded
                and not (h.category in CIVIL_HARM and by_accident(h.token) and not signs - CIVIC_SIGNS)
                and not (legacy and h.category in (lx.SEIZE, lx.EXPLODE))
                and not (disaster and h.category in CIVIL_HARM | lx.CASUALTY | {lx.EXPLODE} and not attack_told(sent))
                and not (drill and h.category in DRILL_ACTS)
                and not (h.category == lx.MOBILIZE and not deployed_now(h.token))]
        if not hits:
            continue
        sentence = Span(sent.start_char, sent.end_char, clean.text[sent.start_char:sent.end_char])
        found = mentions_of_sentence(sent, sentence, hits, index, clean.doc.doc_id, options)
        for m in found:
            # "leaders marked the anniversary ... 4,000 soldiers were killed on the first day"
            m.background = commemoration and m.casualty_only
        mentions.extend(found)
    sentences = [s.text for s in doc.sents]
    years = current_years(clean.published)
    mentions.extend(proposed_mentions(passed_over, sentences, clean, options, years))
    mentions.sort(key=lambda m: (m.sentence_index, m.group_index))
    score_mentions(mentions, sentences, options, years)
    return mentions


def names_a_side(hit: Hit, options: Options) -> bool:
    """Whether the roles read a side of a known kind (forces, an armed group, protesters, rioters,
    civilians) in the clause: with no word of violence in the sentence, an event proposed by the
    detector rests on who is in it."""
    agents, patients, others, _ = parties_and_counts([hit], options)
    return any(p.kind for p in agents + patients + others)


def proposed_mentions(passed_over, sentences: list[str], clean, options: Options,
                      years: frozenset[str] = frozenset()) -> list[Mention]:
    """The events the detector proposes in sentences the patterns passed over (propose.py), read
    by the same machinery as the patterns' candidates and typed as the detector types them;
    `years`: the report's own (detector.current_years)."""
    out = []
    for index, sent, read_otherwise in passed_over:
        verdict = proposal(sentences, index, options.propose_threshold, read_otherwise, years)
        if verdict is None:
            continue
        sub_event_type, _ = verdict.best_event
        tok = anchor(sent)
        hit = Hit(tok, CATEGORY_OF_TYPE[sub_event_type], tok.text, tok.idx, tok.idx + len(tok.text))
        if not names_a_side(hit, options):
            continue
        sentence = Span(sent.start_char, sent.end_char, clean.text[sent.start_char:sent.end_char])
        for mention in mentions_of_sentence(sent, sentence, [hit], index, clean.doc.doc_id, options):
            mention.sub_event_type, mention.event_type = sub_event_type, EVENT_TYPE_OF[sub_event_type]
            mention.probabilities = verdict.probabilities  # read once: score_mentions keeps it
            out.append(mention)
    return out


LEGACY_WAR = re.compile(r"\b(?:(?:first|second) world war|world war (?:one|two|i|ii|1|2)|ww ?(?:ii|2|i|1)|wartime)\b", re.I)


def legacy_ordnance(doc) -> bool:
    """'An unexploded Second World War bomb was found and detonated': old ordnance made safe,
    no event of today's conflicts."""
    return "unexploded" in doc.text.lower() and bool(LEGACY_WAR.search(doc.text))


COMMEMORATION = re.compile(r"\banniversary of\b|\byears since\b|\b(?:mark|marks|marked|marking|commemorate|"
                           r"commemorates|commemorated|commemorating|remember|remembered|remembering)\b"
                           r"[^.]{0,60}\b(?:anniversary|deaths?|victims|massacre|landings|war|genocide)\b", re.I)


def commemorates(doc) -> bool:
    """An article that opens by marking an anniversary: the deaths it recalls are history."""
    lede = " ".join(s.text for s in islice(doc.sents, 3))
    return bool(COMMEMORATION.search(lede))


NATURAL_DISASTERS = {"earthquake", "earthquakes", "quake", "quakes", "tremor", "tremors", "aftershock",
                     "flood", "floods", "flooding", "landslide", "landslides", "cyclone", "hurricane",
                     "typhoon", "tsunami", "avalanche", "wildfire", "wildfires", "heatwave", "tornado",
                     "eruption", "storm", "storms", "lightning", "mudslide", "mudslides", "drought"}
ATTACK_WORDS = {"attack", "attacks", "attacked", "attackers", "gunmen", "militants", "insurgents", "rebels",
                "bomb", "bombs", "bomber", "shelling", "airstrike", "airstrikes", "shot", "gunfire", "explosives",
                "grenade", "ambush", "ambushed", "mob", "rioters", "clashes", "fighting", "killers", "troops"}


def natural_disaster_story(doc) -> bool:
    """An article that opens with an earthquake, a flood or a storm, or with blasting in a quarry
    or a mine, and with no attack: the dead and injured it counts are the disaster's or the
    trade's, and its blasts are rock broken."""
    tokens = [t for s in islice(doc.sents, 2) for t in s]
    opening = {t.lower_ for t in tokens}
    # the disaster named as a thing: "protesters storm the airport" is no storm
    disasters = {t.lower_ for t in tokens if t.pos_ in ("NOUN", "PROPN")} & (NATURAL_DISASTERS | BLASTING_WORK)
    return bool(disasters) and not opening & STRONG_ATTACK_WORDS


# in a disaster's or a quarry's story, explosives break rock, a "bomb cyclone" is weather and
# troops come to help: only these words tell an attack there
STRONG_ATTACK_WORDS = ATTACK_WORDS - {"troops", "explosives", "bomb", "bombs"}


def attack_told(sent) -> bool:
    return any(t.lower_ in STRONG_ATTACK_WORDS and not in_hyphenated_word(t) for t in sent)


def in_hyphenated_word(tok) -> bool:
    """'shot-firers', 'air-blast': a part of a longer word."""
    doc = tok.doc
    after = tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_
    before = tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
    return after or before


# what a drill does: fire at a target, sink a hulk, storm a mock village
DRILL_ACTS = {lx.ATTACK, lx.EXPLODE, lx.CLASH, lx.TAKEOVER, lx.RETAKE, lx.RAID}
EXERCISE = re.compile(r"\b(?:drills?|exercises?|war ?games|wargames|manoeuvres|maneuvers)\b", re.I)


def exercise_story(doc) -> bool:
    """An article whose headline or lede is a military exercise, with no one killed or hurt in
    it: the firing it tells is the drill ("forces sink decommissioned ship in live-fire drill")."""
    opening = list(islice(doc.sents, 2))
    return any(EXERCISE.search(s.text) for s in opening) and not any(
        lx.TRIGGERS.get(t.lower_) in lx.CASUALTY for s in opening for t in s)


def deployed_now(tok) -> bool:
    """A deployment as news ('troops were deployed to the town on Monday'), not a standing
    state ('since January the government has deployed the army to ports', 'men are mobilised
    into the army'): ACLED notes forces sent into a conflict, not the routine of a country at war."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if tok.tag_ == "VBN" and aux & {"are", "is", "am"} and not any(c.lower_ == "being" for c in tok.children):
        return False  # a present passive: what happens as a rule
    return not (aux & {"has", "have"} and any(t.lower_ == "since" for t in tok.sent))


def is_violent_document(words: set[str]) -> bool:
    """An article plainly about violence: several distinct words of violence, few of sport or
    business."""
    return len(words & lx.VIOLENCE_CONTEXT) >= 4 and len(words & lx.NON_VIOLENT_CONTEXT) <= 2


# Arrests and raids are the daily work of police: ACLED codes them only where politics or an
# armed conflict is in play, which an article says somewhere.
POLICE_WORK = {lx.ARREST, lx.RAID}
POLITICAL_SIGNS = (lx.ARMED_NOUNS | lx.PROTESTER_NOUNS | lx.RIOTER_NOUNS | set("""
opposition activist activists journalist journalists dissident dissidents party parties
politician politicians lawmaker lawmakers parliament protest protests demonstration
demonstrations rally rallies coup junta regime sedition treason blasphemy terrorism insurgency
militancy rebellion separatist election elections campaign troops soldiers army military
taliban maoists maoist cadres isaf coalition explosives explosive ied ieds bomb bombs grenade
grenades weapons ammunition rifles arms unrest riot riots curfew war ceasefire
isis isil daesh qaeda shabaab al-shabaab hamas hezbollah boko houthi houthis pkk farc
pirates pirate poachers poaching rangers hideout herders herdsmen communal sectarian ethnic
union unions unionist unionists firebomb firebombs gunfire""".split())) - {"group", "arms"}
# signs of politics, not of violence: a crash story that asks parliament for tougher penalties,
# or troops sent to the rescue, is still an accident
CIVIC_SIGNS = {"parliament", "party", "parties", "politician", "politicians", "lawmaker", "lawmakers",
               "election", "elections", "campaign", "troops", "soldiers", "army", "military",
               # a hunting accident's rifles
               "rifles", "weapons", "ammunition"}
POLITICAL_PAIRS = {("security", "forces"), ("armed", "forces"), ("government", "forces"),
                   ("national", "guard"), ("border", "guards"), ("border", "guard"), ("islamic", "state")}


# A killing told as a criminal case (a suspect, a charge, a trial) in an article that names
# nothing political or armed is crime, which ACLED leaves out: a school shooting, a robbery,
# a domestic murder, police shooting a man with a knife
STREET_CRIME = {lx.KILL, lx.INJURE, lx.ATTACK, lx.LOOT}
CRIMINAL_CASE_WORDS = set("""
suspect suspects suspicion charged charges manslaughter homicide jury
convicted conviction prosecutors prosecutor custody sentencing sentenced trial robbers robbery
burglary burglar burglars thieves theft domestic fraud scam scams swindle laundering""".split())


CIVIL_HARM = STREET_CRIME | {lx.EXPLODE}
# "tear gas", "tank", "plant" are said of conflict too: a gas leak or explosion is looked for whole
ACCIDENT_WORDS = lx.DISASTER_CAUSES | CRASH_VERBS | (INDUSTRIAL - {"gas", "tank", "tanks", "plant", "leak"}) | set("""
accidentally accidental
debris mauled mauling drowning drowned electrocuted crash crashes dog dogs bear bears
shark sharks crocodile crocodiles elephant elephants snake snakes leopard lion tiger""".split())
ACCIDENT_PHRASES = re.compile(r"\bhit-and-run\b|\bgas (?:explosion|leak|cylinder|blast|pipe)", re.I)


def accident_story(doc) -> bool:
    """An article that opens with a crash, a disaster, an industrial blast or an animal's
    attack: the deaths it tells are that, in an article naming nothing political or armed."""
    opening = list(islice(doc.sents, 3))
    return any(t.lower_ in ACCIDENT_WORDS for s in opening for t in s) or any(
        ACCIDENT_PHRASES.search(s.text) for s in opening)


# whose killing is political whoever did it: the state's forces and public figures ("security"
# only as a force of its own, not "a security guard")
PROTECTED = (lx.STATE_NOUNS - {"authorities", "government", "agents", "agent", "guard", "guards", "security"}) | set("""
mayor governor minister mp senator congressman congresswoman councillor councilor candidate
legislator lawmaker politician journalist reporter activist judge prosecutor unionist constable
constables jawan jawans trooper troopers sepoy""".split())


def forces_harmed(tok) -> bool:
    """'Two wardens died in a gun attack', 'the mayor was shot dead': violence against
    the state's forces or a public figure is coded whoever did it."""
    harmed = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    if tok.dep_ in ("pobj",) and tok.head.head.pos_ == "VERB":  # "killed in a gun attack"
        harmed += [c for c in tok.head.head.children if c.dep_ in ("nsubjpass", "dobj")]
    return any(w.lower_ in PROTECTED for h in harmed for w in [h] + [c for c in h.children if c.dep_ == "compound"])


def political_signs(lowers: list[str]) -> set[str]:
    """What an article names that is political or armed (a party, protesters, troops, militants,
    explosives, security forces), as opposed to ordinary crime and policing; `lowers` are its
    words in order."""
    return {w for i, w in enumerate(lowers)
            if w in POLITICAL_SIGNS or (i and (lowers[i - 1], w) in POLITICAL_PAIRS)}


def mass_arrest(tok) -> bool:
    """'Police arrested about 4,000 people': arrests by the hundred are a political event
    wherever they happen."""
    from .counts import parse_number

    return tok.lower_ in lx.TRIGGERS and lx.TRIGGERS[tok.lower_] == lx.ARREST and any(
        t.like_num and (parse_number(t.text) or 0) >= 100 for t in tok.subtree) or any(
        t.like_num and (parse_number(t.text) or 0) >= 100 for c in tok.head.children
        if c.dep_ == "nsubjpass" for t in c.subtree)


def is_sport_document(lowers: list[str], words: set[str]) -> bool:
    """A match report: more words of sport than of violence ("stormed to a 4-0 win")."""
    sport = sum(1 for w in lowers if w in lx.SPORT_WORDS)
    violent = len(words & lx.VIOLENCE_CONTEXT)
    return sport >= 3 and sport > 2 * violent


def mentions_of_sentence(sent, sentence: Span, hits: list[Hit], index: int, doc_id: str,
                         options: Options) -> list[Mention]:
    rep_of, clause_heads = group_clauses(sent)
    groups: dict[int, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(rep_of[clause_head(hit.token).i], []).append(hit)
    join_bare_casualties(groups, rep_of, sent)
    out = []
    for group_index, (rep, group_hits) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0].start)):
        heads = [h for h, r in rep_of.items() if r == rep]
        tokens = [t for h in heads for t in clause_heads[h]]
        mention = build_mention(sent, sentence, group_hits, tokens, heads, clause_heads, doc_id, options)
        if mention is not None:
            hit_heads = {h for h, r in rep_of.items() if r in groups}
            mention.context_spans = char_spans(enclosing_context(sent, heads, clause_heads, hit_heads))
            mention.sentence_index, mention.group_index = index, group_index
            if index == 0:
                mention.confidence = min(0.95, mention.confidence + 0.03)  # the lead tells the news
            out.append(mention)
    return out


BACKDROP_PREPOSITIONS = {"after", "before", "following", "since", "amid", "despite", "ahead"}


def backdrop(tok) -> bool:
    """'agreed a truce after the heaviest fighting', 'in retaliation for a gas attack': the
    fighting and the gas attack are the backdrop, not the news."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    return prep.lower_ in BACKDROP_PREPOSITIONS or (
        prep.lower_ == "for" and prep.head.lower_ in ("retaliation", "revenge", "response", "reprisal"))


# Verbs whose object is a past event a crowd remembers or complains of: "rallied to mourn the
# demonstrators killed last month", "demanded the release of those detained at the rally".
RECALL_VERBS = {"mourn", "mourned", "mourning", "commemorate", "commemorated", "commemorating",
                "honour", "honoured", "honouring", "honor", "honored", "honoring", "remember",
                "remembered", "remembering", "demand", "demanded", "demanding", "demands",
                "condemn", "condemned", "condemning", "denounce", "denounced", "denouncing"}


def recalled(tok) -> bool:
    """A participle that tells of people what was done to them before ('the demonstrators
    killed last month') as the object of mourning or of a demand: the backdrop of the news."""
    if tok.dep_ != "acl" or tok.tag_ not in ("VBN", "VBD"):  # the small model often tags it VBD
        return False
    cur = tok.head
    for _ in range(5):
        if cur.dep_ not in ("pobj", "prep", "dobj", "conj", "appos") or cur.head is cur:
            break
        cur = cur.head
    return cur is not tok.head and cur.lower_ in RECALL_VERBS


def within_recalled(tok) -> bool:
    cur = tok
    for _ in range(12):
        if recalled(cur):
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


PLACE_DESCRIPTIONS = {"scene", "site", "theatre", "theater", "epicentre", "epicenter", "centre",
                      "center", "stronghold", "hotbed", "flashpoint"}


OUTCOME_PARTICIPLES = {"killing", "wounding", "injuring"}


def told_aside(tok) -> bool:
    """A trigger inside a relative clause or an apposition ('the town, the scene of heavy
    fighting'; 'the region where fighting has left casualties'): it describes a place or a
    person of the news rather than telling it."""
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj") and tok.lower_ in OUTCOME_PARTICIPLES:
        return False  # ", killing a student": the outcome of the news, wherever the parse hangs it
    cur = tok
    for _ in range(12):
        if cur.dep_ in ("relcl", "appos") or (cur.dep_ == "npadvmod" and cur.pos_ == "NOUN"
                                                and cur.lower_ in PLACE_DESCRIPTIONS):
            return True  # the small model hangs ", the scene of ..." on the verb as npadvmod
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def news_words(sent) -> set[str]:
    """The words of a sentence outside what it tells as the backdrop ('after a blast last week',
    'since he came to power'): what a protest's other clauses say of the same scene."""
    out = set()
    opens_backdrop: dict[int, bool] = {}  # token index -> whether it opens a backdrop (each judged once)
    for tok in sent:
        cur, steps, backdrop_word = tok, 0, False
        while cur.head is not cur and steps < 12:
            if cur.i not in opens_backdrop:
                opens_backdrop[cur.i] = bool(backdrop(cur) or told_as_earlier(cur) or recalled(cur) or (
                    cur.dep_ == "pcomp" and cur.head.lower_ in BACKDROP_PREPOSITIONS))
            if opens_backdrop[cur.i]:
                backdrop_word = True
                break
            cur, steps = cur.head, steps + 1
        if not backdrop_word:
            out.add(tok.lower_)
    return out


def join_bare_casualties(groups: dict[int, list[Hit]], rep_of: dict[int, int], sent) -> None:
    """'Fighters died after heavy clashes': a clause with only casualties and one with
    the event itself tell one event, unless the text marks the casualties as another ("two more
    were killed")."""
    main = [rep for rep, hits in groups.items() if any(h.category not in lx.CASUALTY for h in hits)]
    if len(main) != 1:
        return
    for rep in list(groups):
        hits = groups[rep]
        if rep == main[0] or any(h.category not in lx.CASUALTY for h in hits):
            continue
        clause = [t for t in sent if rep_of.get(t.i) == rep or t.i == rep]
        if any(t.lower_ in lx.ADDITIVE_CUES and t.dep_ in ("amod", "det", "advmod") for t in clause):
            continue
        groups[main[0]].extend(groups.pop(rep))
        for h, r in list(rep_of.items()):
            if r == rep:
                rep_of[h] = main[0]


def build_mention(sent, sentence: Span, hits: list[Hit], tokens, heads, clause_heads, doc_id: str,
                  options: Options) -> Mention | None:
    # a foiled plot's arrests and seized weapons happened: ACLED codes them as such
    modalities = [REAL if h.category in (lx.SEIZE, lx.ARREST) and m in ("foiled", "planned") else m
                  for h, m in ((h, trigger_modality(h.token)) for h in hits)]
    live = [h for h, m in zip(hits, modalities) if m == REAL]
    specific = [h for h in live if not h.generic]
    if not specific:
        return None
    clause_text = " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))
    words = {t.lower_ for t in tokens}
    main = [h for h in specific if h.category not in lx.CASUALTY]
    # Generic words ("in clashes") type a bare casualty report ("Seven killed in clashes") but
    # not a mention that has words of its own ("arrest of 18 ... after bombings").
    # "arrested three suspects in connection with the bombing": the reference does not type it
    fresh = [h for h in main if not h.anaphoric and not backdrop(h.token)]
    casualties = [h for h in specific if h.category in lx.CASUALTY]
    if any(not told_aside(h.token) for h in fresh):
        # "exchanged prisoners near the city, the scene of the fiercest fighting": the exchange;
        # "firearms, one of which is linked to a murder, were seized": the murder describes them
        fresh = [h for h in fresh if not told_aside(h.token)]
        casualties = [h for h in casualties if not told_aside(h.token)]
    typing_hits = (fresh + casualties) if fresh else (specific if main else live)
    categories = {h.category for h in typing_hits}
    in_sentence = {t.lower_ for t in sent}
    if categories <= lx.CASUALTY and mine_struck(in_sentence):
        categories, words = categories | {lx.EXPLODE}, words | {"landmine"}  # "killed after their vehicle hit a mine"
    agents, patients, others, counts = parties_and_counts(live, options)
    toll = raised_toll(sentence.text, counts.killed)
    raised = toll is not None
    if raised:
        # "three of the wounded died, bringing the toll to nine": the toll holds all the dead
        counts.killed = counts.killed_low = counts.killed_high = toll
    apart = dead_told_apart(sent, options.vague_counts) if counts.killed is not None else 0
    if apart:
        counts.killed += apart
        counts.killed_low = counts.killed_high = counts.killed
        counts.killed_sides = tuple(sorted(set(counts.killed_sides) | {ARMED}))
    event_type, sub_event_type = classify(categories, words, agents, patients, others,
                                          sentence_words=news_words(sent))
    if event_type == EXPLOSIONS and chemical_agent(in_sentence):
        sub_event_type = "Chemical weapon"  # "shells that spread poison gas, fired by the rebels"
    toll_update = all(h.category == lx.KILL and h.token.lower_ == "toll" for h in specific)
    # a toll update, and "two of the wounded died overnight", refer back to the event that hurt
    # them, whatever their day
    anaphoric = (bool(main) and all(h.anaphoric for h in main)) or toll_update or (
        not main and any(wounded_died(h) for h in specific))
    casualty_only = not main
    report = reporting_frame(sent, heads[0], clause_heads)
    trigger = (main or specific)[0]
    mention = Mention(
        doc_id=doc_id,
        sentence=sentence,
        trigger=Span(trigger.start, trigger.end, trigger.text, trigger.category),
        event_type=event_type,
        sub_event_type=sub_event_type,
        aggregate=is_aggregate_clause(clause_text) or conflict_toll(sentence.text) or (casualty_only and running_total_since(
            # "officers have been injured since the protests began": the since-clause is a clause of its own
            sentence.text[max(0, trigger.start - sentence.start - 20):])),
        several=multiple_events(main),
        counts=counts,
        perpetrators=unique(perpetrator_strings(agents)),
        victims=unique(victim_strings(patients)),
        targets=unique(t for t in physical_targets(tokens, patients) if informative(t)),
        weapons=weapons_used(sub_event_type, main or specific, tokens, agents),
        clause_spans=char_spans(tokens),
        trigger_spans=char_spans(dependents_without_subject(trigger.token)),
        aside_spans=char_spans(asides_below(trigger.token)),
        report_spans=char_spans(report),
        anaphoric=anaphoric,
        casualty_only=casualty_only,
        adds_count=adds_to_count(specific) and not raised,
        toll_raised=raised,
        one_more_dead=not main and any(one_more_casualty(h, c) for h in specific for c in h.token.children),
        toll_update=toll_update,
        pluperfect=any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for h in specific
                       for c in list(h.token.children) + list(h.token.head.children)),
        additive=marked_as_further(specific) or (bool(main) and opens_as_another(sentence.text)),
        aftermath=is_aftermath(categories, sentence.text),
    )
    if mention.aftermath and SCENE.search(sentence.text):  # arms found where a clash was fought are its arms
        mention.weapons, mention.weapons_at_scene = unique(weapons_in(tokens)), True
    mention.actor1, mention.actor2 = sides(event_type, agents, patients, others)
    between = sides_between(live, options) if event_type == BATTLES else []
    if len(between) >= 2 and not any(p.kind for p in agents) and not any(p.kind == STATE for p in between):
        # "fighting between the ELN and FARC dissidents", "clashes between farmers and herders":
        # two armed groups, or two communities' militias (ACLED inter 4)
        mention.actor1, mention.actor2 = (Actor(name="", inter=3 if p.kind == ARMED else 4, mention=p.text,
                                                organisation=p.group_name or "")
                                          for p in between[:2])
    nation = next((n for h in specific if (n := national_force(h.token)) is not None), None)
    if nation is not None and (mention.actor1 is None or not mention.actor1.mention) and not any(p.kind for p in agents):
        # "an Israeli airstrike", "Russian shelling": the state's forces, named by their nation
        mention.actor1 = Actor(name="", inter=1, mention=f"{nation.text} forces")
    elif event_type == EXPLOSIONS and not any(p.kind for p in agents) and (
            mention.actor1 is None or not mention.actor1.mention):
        # "killed when a Ukrainian drone dropped a bomb", "a shell fired by Thai troops landed":
        # the weapon's owner or the one who fired it, told in the clause, did it
        owner = next((p for p in weapon_owners(tokens, options) if p.kind in (STATE, ARMED)), None)
        if owner is not None:
            mention.actor1 = Actor(name="", inter=INTER_OF_KIND[owner.kind], mention=owner.text,
                                   organisation=owner.group_name or "")
    mention.confidence = confidence(mention, specific, main_clause=any(sent.doc[h].dep_ == "ROOT" for h in heads),
                                    earlier=any(told_as_earlier(sent.doc[h]) for h in heads))
    if main and all(told_aside(h.token) for h in main):
        # "took the town, where they also captured a commander": the relative clause adds detail
        mention.confidence = round(max(0.05, mention.confidence - 0.1), 3)
    return mention


SCENE = re.compile(
    r"\b(?:from|at|near) the (?:(?:encounter|incident|attack|blast|explosion|crime|operation|gunfight|clash)\s+)?"
    r"(?:site|spot|scene)\b|\bsite of (?:the )?(?:explosion|blast|attack|encounter|incident|gunfight|clash|operation)\b|"
    r"\b(?:empty|spent|bullet|cartridge)\s+(?:shells|cases|casings|cartridges)\b|\bfired cases\b", re.I)


# forces sent after an event: "security forces had been deployed to the area", "troops rushed to the spot"
RESPONSE = re.compile(r"\b(?:deployed|rushed|sent|dispatched|moved|arrived)\b[^.]{0,40}?\b(?:to|at|in) the "
                      r"(?:area|spot|scene|site|village|town)\b|\b(?:additional|extra|more|further|reinforcements?)\b"
                      r"[^.]{0,40}?\b(?:had been |have been |were |was |)(?:deployed|rushed|sent|dispatched)\b", re.I)


# the hunt for those behind an event: "detained three men over the blast"
FOLLOW_UP = re.compile(
    r"\bin connection with\b|\b(?:involved|hand|role) in the (?:\w+ )?(?:attack|incident|killing|killings|blast|"
    r"explosion|murder|abduction|kidnapping|ambush|bombing|violence)\b|"
    r"\b(?:following|after) the (?:incident|attack|blast|explosion|killing|ambush|bombing)\b|"
    r"\bresponsible for the (?:\w+ )?(?:attack|incident|killing|blast|explosion|murder|abduction|bombing)\b|"
    r"\blater (?:placed|arrested|detained|apprehended|taken into custody)\b", re.I)
# a new story begins: "Meanwhile, forces recovered a huge cache in another district"
# "Later on Monday, artillery shelled ...", "Separately, a drone hit ...": a sentence that opens by
# setting its event apart from the one told before it
OPENS_AS_ANOTHER = re.compile(r"^\W*(?:[A-Z][A-Za-z .,'-]{0,40}?\s[-:]\s+)?(?:meanwhile|separately|elsewhere|"
                              r"in (?:a |an )?(?:separate|another|other|related)\b|later (?:on|that|in)\b|"
                              r"(?:hours|a day|two days|minutes) later\b)", re.I)


def opens_as_another(sentence: str) -> bool:
    return bool(OPENS_AS_ANOTHER.search(sentence))


ANOTHER_STORY = re.compile(r"\b(?:meanwhile|separately|in another|in a separate|elsewhere|in a related)\b", re.I)


# "the death toll from the bombing rose to 14", "the toll stands at 17": the count of the dead
TOLL = re.compile(rf"\btoll\b[^.;]{{0,90}}?\b(?:{lx.TOLL_RISES}|reaches|"
                  r"stands|stood|is|was|hit|hits)\s+(?:to\s+|at\s+)?(?:at least\s+)?([\w,]+)", re.I)
# "the toll rose to 14", "has since risen to 15": the count of the dead, told as rising
TOLL_ROSE = re.compile(rf"\btoll\b[^.;]{{0,90}}?\b(?:{lx.TOLL_RISES})\s+(?:to\s+)?(?:at least\s+)?([\w,]+)", re.I)
# "two of the wounded died, bringing the death toll to 12": the count of the dead, raised
TOLL_BROUGHT = re.compile(rf"\b(?:{lx.TOLL_BRINGS})\s+(?:the\s+)?(?:\w+\s+){{0,2}}?toll\b[^.;]{{0,60}}?"
                          r"\bto\s+(?:at least\s+)?([\w,]+)", re.I)


def toll_figure(text: str, rising: bool = False) -> int | None:
    """The death toll a sentence gives one event ("the toll stands at 17", "the toll rose to
    14", "bringing the death toll to 12"); with `rising`, only a toll told as rising, the
    latest count of the dead (a toll that merely 'stands' or 'was' may be another source's
    figure, and ACLED keeps the lower). None where there is none, or where it is a period's or
    a campaign's ("the toll since January rose to 230"), which is no one event's toll."""
    from .counts import parse_number

    match = (TOLL_ROSE.search(text) if rising else TOLL.search(text)) or TOLL_BROUGHT.search(text)
    # "has since risen": since the event, not since a date
    if match is None or set(_WORD.findall(SINCE_THEN.sub(" ", match.group(0).lower()))) & lx.CAMPAIGN_TOLL:
        return None
    return parse_number(match.group(1))


def raised_toll(text: str, killed: int | None) -> int | None:
    """The toll a sentence sets for its event, given the count of the dead it tells itself:
    any toll where it tells none ("the toll stands at 17"), else only one told as risen above
    that count; None where it sets none."""
    if killed is None and (toll := toll_figure(text)) is not None:
        return toll
    risen = toll_figure(text, rising=True)
    return risen if risen is not None and (killed is None or risen > killed) else None


_WORD = re.compile(r"[a-z]+")
SINCE_THEN = re.compile(r"\b(?:has|have|had)\s+since\b|\bsince then\b")


def toll_hit(sent) -> Hit | None:
    """A sentence that only updates a toll ("The death toll has since risen to 15"): a casualty
    that refers back to the event told before it, anchored on the word "toll"."""
    tok = next((t for t in sent if t.lower_ == "toll"), None)  # a toll never stands alone: merge drops it
    if tok is None or toll_figure(sent.text, rising=True) is None or is_aggregate_clause(sent.text):
        return None
    return Hit(tok, lx.KILL, tok.text, tok.idx, tok.idx + len(tok.text), anaphoric=True)


def is_aftermath(categories: set[str], sentence_text: str) -> bool:
    """Arms or suspects taken at the scene after an event ("recovered from the encounter site",
    "arrested five cadres from the spot", "seven empty shells were found"), arms found when no
    defusal or other story is told, suspects hunted for it ("detained three men in connection
    with the blast"), or forces sent there: what followed an event the text has told, not a
    seizure, an arrest or a deployment in its own right. ACLED codes arrests of notable people and significant caches;
    the routine sequel of an attack is part of the attack's story."""
    if categories == {lx.MOBILIZE}:
        return bool(RESPONSE.search(sentence_text))
    if not categories or not categories <= {lx.SEIZE, lx.ARREST}:
        return False
    if SCENE.search(sentence_text):
        return True
    if ANOTHER_STORY.search(sentence_text):
        return False
    if categories == {lx.SEIZE} and not DEFUSED.search(sentence_text):
        # arms found where a fight was told are its arms (merge keeps it apart when no fight
        # was told just before: a seizure of its own)
        return True
    return lx.ARREST in categories and bool(FOLLOW_UP.search(sentence_text))


DEFUSED = re.compile(r"\b(?:defused|defusing|diffused|neutrali[sz]ed|detonated|exploded|disposal)\b", re.I)


def weapons_used(sub_event_type: str, hits: list[Hit], tokens, agents: list[Party]) -> list[str]:
    """The arms an event was carried out with ("a car bomb", "rifles"); arms seized or found
    were not used, so a seizure lists none."""
    if sub_event_type == "Disrupted weapons use" or all(h.category == lx.SEIZE for h in hits):
        return []
    return unique(weapons_in(tokens) + [p.text for p in agents if p.head in lx.WEAPON_WORDS])


def mine_struck(words: set[str]) -> bool:
    """Deaths told with a mine that was hit or stepped on, or planted: the mine killed them."""
    return bool(words & {"mine", "landmine", "landmines", "ied", "ieds"}) and bool(
        words & {"hit", "struck", "stepped", "laid", "planted", "triggered"}) and not words & {"coal", "miners", "mining", "gold"}


def chemical_agent(words: set[str]) -> bool:
    """A poison named as what the weapon spread (tear gas is no chemical weapon to ACLED)."""
    return bool(words & {"sarin", "chlorine", "mustard", "vx"} or (
        words & {"gas", "gases", "agent"} and words & {"poison", "poisonous", "toxic", "nerve"}))


def dependents_without_subject(tok) -> list:
    subject = set()
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            subject.update(t.i for t in child.subtree)
    return [t for t in tok.subtree if t.i not in subject]


ASIDE_MARKERS = {"since", "after", "before", "until", "following"}


def asides_below(tok) -> list:
    """Clauses under the trigger that tell something other than the event: a relative clause
    ("against brutality that has grown since 2017") or a clause of what came before or after."""
    out = []
    for t in tok.subtree:
        if t is tok or t.dep_ not in ("relcl", "advcl", "acl"):
            continue
        marked = any(c.dep_ == "mark" and c.lower_ in ASIDE_MARKERS for c in t.children)
        if t.dep_ == "relcl" or marked:
            out.extend(t.subtree)
    return out


def adds_to_count(hits: list[Hit]) -> bool:
    """'four insurgents were also killed', 'two additional suspects were detained': counted on
    top of what the text told before. 'Two of the wounded later died' is not: a story's lede
    mostly gives the toll with them already counted, and ACLED keeps the lower figure; a toll
    told as rising ('bringing the toll to nine') counts them."""
    for hit in hits:
        if hit.category not in COUNT_FIELDS:
            continue
        for child in hit.token.children:
            if child.lower_ in ("also", "additionally", "further"):
                return True
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
                    c.lower_ in ("additional", "other", "another") for c in child.children if c.dep_ in ("amod", "det")):
                return True
            if one_more_casualty(hit, child):
                return True  # "a fifth officer died overnight in hospital"
    return False


# "a fifth officer died": the one who makes the toll five, told after the four
ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}


def one_more_casualty(hit: Hit, child) -> bool:
    return hit.category in lx.CASUALTY and child.dep_ in ("nsubj", "nsubjpass") and any(
        c.lower_ in ORDINALS and c.dep_ == "amod" for c in child.children)


def wounded_died(hit: Hit) -> bool:
    """'Two of the wounded died overnight': deaths among those an event told before had hurt."""
    return hit.category == lx.KILL and any(of_the_wounded(c) for c in hit.token.children if c.dep_ == "nsubj")


def of_the_wounded(subject) -> bool:
    """'two of the wounded', 'one of the injured': the dead were counted among the hurt, not the dead."""
    return any(c.lower_ == "of" and any(p.dep_ == "pobj" and p.lower_ in lx.THE_WOUNDED for p in c.children)
               for c in subject.children if c.dep_ == "prep")


FURTHER_CUES = {"more", "another", "second", "separate", "third", "fresh"}


def marked_as_further(hits: list[Hit]) -> bool:
    """'two more attackers were killed', 'in a separate attack': the text tells a further event.
    The cue must modify a trigger or what it acts on, not any noun ('two separate operations')."""
    for hit in hits:
        if hit.anaphoric and hit.token.dep_ == "attr":
            continue  # "it was the second attack on that clinic": the one told, counted in a series
        heads = [hit.token] + [c for c in hit.token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                               and not one_more_casualty(hit, c)]
        for head in heads:
            for child in head.children:
                if child.lower_ in FURTHER_CUES and child.dep_ in ("amod", "det", "advmod") and not (
                        child.i + 1 < len(child.doc) and child.doc[child.i + 1].lower_ == "than"):
                    return True
    return False


MUNITIONS = {"shells", "rockets", "missiles", "mortars", "grenades", "bombs", "ieds", "landmines"}


def multiple_events(main: list[Hit]) -> bool:
    """'two firefights', 'three bombings': a summary of several events told elsewhere ('four
    rockets slammed into the town' is one event with four rockets)."""
    events = [h for h in main if h.token.lower_ not in MUNITIONS]
    return bool(events) and all(h.plural_count >= 2 or recalled_plural(h.token) for h in events)


def recalled_plural(tok) -> bool:
    """'after last month's attacks', 'the week's clashes': events of a past span, told together."""
    return tok.tag_ == "NNS" and any(
        c.dep_ == "poss" and c.lower_ in ("month", "week", "year", "weekend", "summer", "winter")
        for c in tok.children)


GENERIC_PEOPLE = {"people", "persons"}


def parties_and_counts(hits: list[Hit], options: Options) -> tuple[list[Party], list[Party], list[Party], Counts]:
    agents, patients, others = [], [], []
    seen: set[int] = set()
    per_field: dict[str, list[Quantity | None]] = {}
    killed_sides: set[str] = set()
    counted: set[tuple[str, int]] = set()  # "was shot dead": two triggers, one person killed once
    for hit in hits:
        for noun in agents_of(hit.token):
            if noun.i not in seen:
                seen.add(noun.i)
                agents.append(make_party(noun, options.vague_counts))
        for noun in opponents_of(hit.token) + responders_of(hit.token):
            if noun.i not in seen:
                seen.add(noun.i)
                others.append(make_party(noun, options.vague_counts))
        # what was seized is arms or loot, no side: "a quantity of weapons was seized"
        harmed = patients_of(hit.token) if hit.category != lx.SEIZE else []
        for noun in harmed:
            party = make_party(noun, options.vague_counts, casualty=hit.category in HUMAN_HARM)
            if noun.i not in seen:
                seen.add(noun.i)
                patients.append(party)
            field = COUNT_FIELDS.get(hit.category)
            if field and (field, noun.i) not in counted:
                counted.add((field, noun.i))
                if not (part_of_those_counted(noun) and per_field.get(field)):
                    per_field.setdefault(field, []).append(party.quantity)
            if hit.category == lx.KILL:
                # "people" killed may be of any side: a second source's soldiers or militants may
                # be the same dead (merge.another_estimate)
                killed_sides.add(UNSPECIFIED_DEAD if party.head in GENERIC_PEOPLE else party.kind)
        for noun in named_among(hit.token, harmed):  # named, but counted in the total already
            if noun.i not in seen:
                seen.add(noun.i)
                patients.append(make_party(noun, options.vague_counts, casualty=hit.category in HUMAN_HARM))
    counts = counts_from(per_field, patients)
    counts.killed_sides = tuple(sorted(killed_sides))
    return agents, patients, others, counts


def part_of_those_counted(noun) -> bool:
    """'killed four villagers, beheading three of them', 'killing eight civilians, among them three
    women and four children': people told as some of those counted before are no more of them."""
    first = first_conjunct(noun)  # "three women and four children": the partitive hangs on the first
    return any(c.dep_ == "prep" and c.lower_ in ("of", "among") and any(
        p.dep_ == "pobj" and p.lower_ in ("them", "whom", "those") for p in c.children) for c in first.children)


def counts_from(per_field: dict[str, list[Quantity | None]], patients: list[Party]) -> Counts:
    counts = Counts()
    killed = sum_quantities(per_field.get("killed", []))
    if killed is not None:
        counts.killed, counts.killed_low, counts.killed_high = killed.best, killed.low, killed.high
        armed = [p.quantity for p in patients if p.kind == ARMED]
        perp = sum_quantities(armed)
        if perp is not None and any(p.kind == STATE for p in patients) is False and len(armed) < len(patients):
            counts.perpetrators_killed = perp.best
    for name in ("injured", "abducted", "arrested"):
        q = sum_quantities(per_field.get(name, []))
        if q is not None:
            setattr(counts, name, q.best)
    return counts


def sides_between(hits: list[Hit], options: Options) -> list[Party]:
    """The parties of 'clashes between farmers and herders', 'fighting between X and Y', and of
    'fighting broke out between two clans' (one noun for both sides, each a party of its own)."""
    for h in hits:
        for prep in between_preposition(h.token):
            nouns = [n for n in prep.children if n.dep_ == "pobj"]
            nouns += [c for n in nouns for c in n.conjuncts if c.pos_ in ("NOUN", "PROPN")]
            parties = [make_party(n, options.vague_counts) for n in nouns]
            if len(nouns) == 1 and any(c.lower_ in PAIRING_WORDS for c in nouns[0].lefts):
                parties = parties * 2  # "two rival clans": two sides told by one noun
            return parties
    return []


# "between two clans", "between rival communities": one plural noun that tells two sides
PAIRING_WORDS = {"two", "rival", "opposing", "neighbouring", "neighboring", "feuding"}


def between_preposition(tok):
    """The 'between' of a fight: on its word ('clashes between ...'), or on the verb it is the
    subject of ('fighting broke out between ...', 'clashes erupted between ...')."""
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"]
    if not preps and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
        preps = [c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "between"]
    return preps


def sides(event_type: str, agents: list[Party], patients: list[Party], others: list[Party]) -> tuple[Actor | None, Actor | None]:
    """actor1 and actor2 as surface phrases with inter codes; resolve.actors names them."""
    # members of a group the text names by its own name who did the deed ("members of the ...
    # League beat a man to death") are that group, armed for the deed though no word says so
    agents = [replace(p, kind=ARMED) if not p.kind and p.group_name else p for p in agents]
    parties = agents + others + patients
    state = [p for p in parties if p.kind == STATE]
    armed = [p for p in parties if p.kind == ARMED]
    civil = [p for p in parties if p.kind in (CIVILIAN, PROTESTER)]

    def actor(p: Party | None, default_kind: str = "", unknown_inter: int = 3) -> Actor | None:
        if p is None:
            return Actor(name="", inter=INTER_OF_KIND.get(default_kind, 0), mention="") if default_kind else None
        return Actor(name="", inter=INTER_OF_KIND.get(p.kind, unknown_inter), mention=p.text,
                     organisation=p.group_name or "")

    if event_type == BATTLES:
        # the side the text names as the doer first ("gunmen shot dead two soldiers"), so that a
        # later reading of the event (an attack) knows who attacked; else the state's forces
        doer = next((p for p in agents if p.kind in (STATE, ARMED)), None)
        first = doer or (state[0] if state else (armed[0] if armed else None))
        rest = [p for p in (armed if first is None or first.kind == STATE else state + armed) if p is not first]
        return actor(first, STATE), actor(rest[0] if rest else None, ARMED)
    if event_type == PROTESTS:
        return Actor(name="", inter=6, mention=civil[0].text if civil else ""), actor(state[0] if state else None)
    if event_type == RIOTS:
        rioters = next((p for p in parties if p.kind == RIOTER), None)
        # a mob's victims are civilians unless the text says otherwise ("suspected thieves"); a
        # crowd that fought the police has them as its other side
        victim = next((p for p in patients if p.kind != RIOTER), None)
        if (victim is None or victim.kind not in (CIVILIAN, PROTESTER)) and state:
            victim = state[0]
        return Actor(name="", inter=5, mention=rioters.text if rioters else ""), actor(victim, unknown_inter=7)
    if event_type == STRATEGIC:
        first = state[0] if state else (agents[0] if agents else None)
        second = next((p for p in patients + armed if p is not first and p.kind != STATE), None)
        return actor(first, STATE if not agents else ""), actor(second)
    # armed men told only as killed or hurt ("a strike killed eight gunmen") are not its doers
    unharmed_armed = [p for p in armed if not any(p is q for q in patients)]
    perpetrator = next((p for p in agents if p.kind in (ARMED, STATE, RIOTER)), None) or \
        (unharmed_armed[0] if unharmed_armed else None)
    victim = next((p for p in patients if p.kind in (CIVILIAN, PROTESTER)), None) or (civil[0] if civil else None)
    if event_type == EXPLOSIONS and victim is None:
        # forces hit by a bomb are its target: "a landmine struck the police pickup"
        victim = next((p for p in patients if p.kind == STATE and p is not perpetrator), None) or \
            next((p for p in patients if p.kind == ARMED and p is not perpetrator), None)  # "struck rebel positions"
    elif event_type == VAC and victim is None:
        # "a soldier was killed when their patrol came under fire": the forces hit are the other
        # side, not civilians (the detector may read it as the battle it is)
        victim = next((p for p in patients if p.kind == STATE and p is not perpetrator), None)
    if event_type in (VAC, EXPLOSIONS):
        return actor(perpetrator, ARMED), actor(victim, CIVILIAN if event_type == VAC else "")
    return actor(perpetrator), actor(victim)


FIRED_THINGS = lx.STATE_PLATFORMS | lx.STANDOFF_STRIKERS | lx.WEAPON_WORDS


def weapon_owners(tokens, options: Options) -> list[Party]:
    """Who owned or fired the weapons a clause names: 'a Ukrainian drone', 'military
    helicopters' (the weapon told as a state's), 'a shell fired by Thai troops' (the agent of
    the participle that describes it)."""
    out = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if tok.pos_ != "NOUN" or tok.lower_ not in FIRED_THINGS:
            continue
        party = make_party(tok, options.vague_counts)
        if party.kind == STATE:
            out.append(party)
        out.extend(make_party(n, options.vague_counts) for n in deliverers(tok) if n.dep_ == "pobj")
        out.extend(make_party(n, options.vague_counts) for n in wielders(tok))
    return out


def wielders(weapon) -> list:
    """Who used a weapon told as the object of their deed: 'insurgents dropped grenades
    from a drone', 'gunmen hurled a grenade': the subject of the verb the weapon is the object of."""
    verb = weapon.head if weapon.dep_ == "dobj" else (
        weapon.head.head if weapon.dep_ == "pobj" and weapon.head.dep_ == "prep" else None)
    if verb is None or verb.pos_ != "VERB" or verb.lower_ not in lx.WIELDING_VERBS:
        return []
    return [c for c in verb.children if c.dep_ == "nsubj"]


def told_as_earlier(head) -> bool:
    """'... protested on Sunday after an explosion last Tuesday killed dozens': a clause told as
    what came before the sentence's news."""
    return head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "since", "following")
                                        for c in head.children)


def confidence(mention: Mention, hits: list[Hit], main_clause: bool = False, earlier: bool = False) -> float:
    """How sure the mention is an event of its type: a named event ("a car bomb exploded") over a
    bare casualty, the sentence's main clause over a subordinate one, counts, several cues; a
    clause told as what came before ("after an explosion killed dozens") is the lesser news."""
    score = 0.4 - (0.2 if earlier else 0.0)
    if not mention.casualty_only:
        score += 0.2
    if mention.event_type in (PROTESTS, RIOTS):
        score += 0.1  # a crowd's action is the news; arrests at it are its detail
    if main_clause:
        score += 0.1
    if mention.counts.killed or mention.counts.injured or mention.counts.abducted or mention.counts.arrested:
        score += 0.1
    score += min(0.1, 0.05 * (len(hits) - 1))
    if mention.anaphoric:
        score -= 0.15
    return round(max(0.05, min(0.95, score)), 3)


def unique(items) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out
