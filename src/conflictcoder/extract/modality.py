"""Did it happen? Modality of a trigger (planned, foiled, threatened, denied, hypothetical,
alleged, negated), and whether a clause is a total over a period rather than one event."""
from __future__ import annotations

import re

from .. import lang
from . import lexicon as lx

REAL = "real"
# the words the walk from a trigger to its clause's head passes or stops at (lang/en/modality.json)
TIME_PREPOSITIONS = set(lang.words("modality.time_preposition"))
MODAL_AUX = set(lang.words("modality.modal_aux"))
BLAME_CUES = set(lang.words("modality.blame_cue"))
UNREALISED_MODIFIERS = set(lang.words("modality.unrealised_modifier"))
SIMULATION_NOUNS = set(lang.words("modality.simulation_noun"))
EVIDENCE_SUBJECTS = set(lang.words("modality.evidence_subject"))
PURPOSE_VERBS = set(lang.words("modality.purpose_verb"))
REALISING_HEADS = set(lang.words("modality.realising_head"))
CURBING_VERBS = set(lang.words("modality.curbing_verb"))
CLAIMED_MEDIA = set(lang.words("modality.claimed_media"))
DISPLACING = set(lang.words("modality.displacing"))
HABIT_ADVERBS = set(lang.words("modality.habit_adverb"))
CUSTOMS = set(lang.words("modality.custom"))

_AGGREGATE = re.compile(
    r"\b(?:in|over|during|for|within) the (?:past |last |previous |first |)"
    r"(?:\w+[- ]){0,2}(?:days|weeks|months|years)\b|"
    r"\b(?:in|over|during|within) the (?:past|last|previous) (?:month|year)\b|"
    # "hundreds killed in recent years", "3,000 killed in the first half of the year"
    r"\bin recent (?:days|weeks|months|years|decades)\b|"
    r"\b(?:in|during|over) the (?:first|second|last|past) (?:half|quarter|part) of (?:the|this|last) year\b|"
    # "had neutralised 15 militants in northern Iraq over the past week": a week's tally
    r"\b(?:killed|neutrali[sz]ed|arrested|detained|wounded|captured)\b[^.]{0,60}\b(?:in|over|during) the "
    r"(?:past|last|previous) week\b|"
    r"\b(?:of whom|of them have|so far this|since (?:the start|the beginning|19\d\d|20\d\d)|"
    r"in total|altogether|a total of|in all\b|since early|since late|this year alone|"
    r"(?:days|nights|weeks|months|years) of (?:\w+[- ]){0,2}(?:fighting|violence|clashes|unrest|rioting|riots|protests))|"
    # "26 killed in six weeks", "3,000 killed since the military seized power"
    r"\b(?:in|over|during|within) (?:just |only )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"several|a few) (?:days|weeks|months|years)\b|"
    r"\bsince the (?:military|army|junta|coup|war|conflict|fighting|invasion|takeover|uprising|insurgency|"
    r"accord|agreement|deal|peace|ceasefire|truce|signing|election|elections)\b|"
    # "at least 30 candidates have been killed since September", "attacks have become less frequent"
    r"\b(?:killed|died|dead|wounded|injured|abducted|kidnapped|arrested|detained)\b[^.,;]{0,40}?"
    r"\bsince (?:early |late |mid-)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b(?! \d)|"
    r"\bha(?:s|ve) become (?:a |an |more |less |increasingly |)(?:\w+ )?(?:frequent|common|rare|business|"
    r"problem|threat|norm|routine|rife|commonplace|daily|regular|feature)\b|"
    # "dozens have been killed during protests since then", "thousands have died in the
    # insurgency since it flared up in 2004": running totals
    r"\bha(?:ve|s) been (?:killed|wounded|injured|arrested|detained|abducted|kidnapped)\b[^.]{0,80}?\bsince\b|"
    r"\b(?:killed|died)\b[^.]{0,30}\bin the (?:insurgency|conflict|war|violence|unrest|uprising)\b|"
    r"\bsince\b[^.,;]{0,30}\b(?:19|20)\d\d\b|"
    r"\bha(?:s|ve) (?:\w+ ){0,2}(?:killed|detained|arrested|captured)\b[^.]{0,80}?\bsince\b|"
    r"\bin the (?:days|weeks|months) (?:following|after|since)\b|"
    r"\b(?:on|in|during) (?:earlier|previous|preceding) (?:nights|days|evenings|weekends|protests)\b|"
    # "the protests began last month and have since widened": a movement, not one event
    r"\bha(?:s|ve) since (?:widened|spread|grown|escalated|continued|intensified)\b|"
    # "which has been fighting to topple the government for more than 15 years"
    r"\bfor (?:more than |over |nearly |almost |about |some )?(?:\d+|two|three|four|five|six|seven|eight|nine|"
    r"ten|several|many|a few) (?:years|decades)\b",
    re.I)


def cue_modality(word: str) -> str | None:
    if word in lx.FOILED_CUES:
        return "foiled"
    if word in lx.PLANNED_CUES:
        return "planned"
    if word in lx.THREAT_CUES:
        return "threatened"
    if word in lx.DENIED_CUES:
        return "denied"
    if word in lx.ALLEGED_CUES:
        return "alleged"
    if word in lx.PERCEPTION_CUES:
        return "narrative"
    if word in lx.HYPOTHETICAL_CUES:
        return "hypothetical"
    return None


def negated(tok) -> bool:
    for child in tok.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ in lx.NEGATION_DETS:
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("none", "nobody", "no-one"):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "det" and c.lower_ == "no" for c in child.children):
            return True
    return False


def blames_a_deed(cue, tok) -> bool:
    """Blame presupposes its deed: in "holds the army responsible for the massacre of X" or
    "blamed for the bombing of the bridge" the massacre and the bombing took place, whoever did
    them. A charge or a trial ("accused of", "convicted of") leaves the deed to be proven."""
    return cue.lower_ in BLAME_CUES and tok.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def in_simulation(tok) -> bool:
    cur = tok
    while True:
        if any(c.dep_ == "prep" and any(p.lower_ in SIMULATION_NOUNS for p in c.children if p.dep_ == "pobj")
               for c in cur.children):
            return True
        if cur.dep_ != "conj" or cur.head is cur:
            return False
        cur = cur.head


def purpose_of_another_act(tok) -> bool:
    """'launched a search operation to arrest the attackers', 'gunmen came to kill the chief',
    'searches intensified to arrest the accused': a to-infinitive saying what another act was for
    tells an aim, not a deed. Dispersal is left out: 'used tear gas to break up the crowd' tells
    what the gas did."""
    if tok.lower_ not in PURPOSE_VERBS or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    return tok.dep_ in ("advcl", "acl") or (tok.dep_ == "xcomp" and tok.head.lower_ not in REALISING_HEADS)


def generic_cause(tok) -> bool:
    """'people newly displaced by failed rains and fighting': fighting as a cause, with no article."""
    cur = tok
    while cur.dep_ == "conj":
        cur = cur.head
    return tok.pos_ == "NOUN" and not any(c.dep_ == "det" for c in tok.children) and cur.dep_ == "pobj" \
        and cur.head.lower_ == "by" and cur.head.head.lower_ in DISPLACING


def habitual(tok) -> bool:
    """'amnesties only ever capture the guns criminals no longer want': what happens as a rule."""
    return tok.tag_ in ("VBP", "VBZ") and any(c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS for c in tok.children)


def custom_named(tok) -> bool:
    """'the practice of bride kidnapping': a custom named, not a deed."""
    head = tok.head
    if tok.dep_ == "compound":
        head = head.head if head.dep_ == "pobj" else head
    return tok.pos_ == "NOUN" and head.dep_ in ("pobj",) and head.head.lower_ == "of" and \
        head.head.head.lower_ in CUSTOMS or (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in CUSTOMS)


def trigger_modality(tok) -> str:
    """Walk from the trigger up to the reporting verb (or the root) looking for cues."""
    if negated(tok):
        return "negated"
    if tok.dep_ == "dobj" and tok.head.lower_ in CURBING_VERBS and not any(
            c.dep_ == "det" for c in tok.children):
        return "negated"  # fighting in general, curbed: no one fight
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children):
        return "background"  # "a bullet lodged for 26 years, since he was wounded in the siege": a start, told as a backdrop
    if tok.i >= 2 and (tok.doc[tok.i - 2].lower_, tok.doc[tok.i - 1].lower_) in (("rather", "than"), ("instead", "of")):
        return "negated"  # "displaced by failed rains rather than fighting"
    if generic_cause(tok) or habitual(tok) or custom_named(tok):
        return "hypothetical"
    if tok.head.lower_ in ("show", "shows", "showing", "depict", "depicting") and tok.head.head.lower_ in CLAIMED_MEDIA:
        return "alleged"  # "a video claiming to show a gun battle"
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in MODAL_AUX:
            return "hypothetical"
        if child.dep_ == "amod" and child.lower_ in UNREALISED_MODIFIERS:
            return "planned"  # "a planned attack", "the thwarted bombing"
    if in_simulation(tok):
        return "hypothetical"  # "in the scenario, gunmen stormed the concourse and took hostages"
    if tok.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        cue = cue_modality(tok.head.lower_)
        if cue:
            return cue
    if purpose_of_another_act(tok):
        return "intended"  # not "planned": a foiled plot's arrests happened, an aim's did not
    cur, steps = tok, 0
    while cur.head is not cur and steps < 8:
        parent = cur.head
        steps += 1
        if cur.dep_ == "conj" and parent.pos_ in ("VERB", "AUX"):
            # "foiled a plot and arrested five men": the arrest is not foiled
            cur = parent
            continue
        if parent.lower_ in lx.REPORTING_VERBS and parent.pos_ in ("VERB", "AUX"):
            break
        if parent.lower_ in lx.PERCEPTION_CUES and any(
                c.dep_ == "nsubj" and c.lower_ in EVIDENCE_SUBJECTS for c in parent.children):
            break  # "reports from the camp show that two bombers blew themselves up": a report
        if cur.dep_ in ("pobj", "pcomp") and parent.lower_ in TIME_PREPOSITIONS:
            break  # "urged calm after the shootout": the cue governs another event
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_PREPOSITIONS - {"before", "until"} for c in cur.children):
            break  # "vowed an inquiry after seven people were murdered": the murders took place
        if (cur.dep_ == "advcl" or (cur.dep_ == "relcl" and cur.head.ent_type_ in ("DATE", "TIME"))) and any(
                c.dep_ == "advmod" and c.lower_ == "when" for c in cur.children) and cur.tag_ in ("VBD", "VBN"):
            break  # "that advice may have saved lives last Friday, when police defused a device": it was defused
        if cur.dep_ == "advcl" and parent.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cur.children):
            break  # "attackers described by residents as bandits killed four": a description of the
            # doers, on which the parser hangs their deed, governs no event
        if any(c.lower_ in lx.DENIED_CUES for c in parent.children if c.dep_ == "nsubj"):
            return "denied"  # a headline the parser misreads: "army rejects claims it shelled town"
        cue = cue_modality(parent.lower_)
        if cue == "alleged" and blames_a_deed(parent, tok):
            cur = parent  # "blamed the rebels for the mayor's murder": it happened
            continue
        if cue and not (cue == "hypothetical" and parent.pos_ in ("NOUN",) and cur.dep_ != "pobj"
                        and not (cur.dep_ == "prep" and cur.lower_ == "of")):
            return cue  # "the risk of kidnapping", "fears of reprisals": what may come
        if parent.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "det" and c.lower_ in lx.NEGATION_DETS for c in parent.children):
            return "negated"  # "no such attacks were reported"
        if parent.pos_ in ("VERB", "AUX"):
            for child in parent.children:
                if child.dep_ == "aux" and child.lower_ in MODAL_AUX:
                    return "hypothetical"
                if child.dep_ == "neg" and cur.dep_ in ("dobj", "xcomp", "ccomp"):
                    return "negated"
        cur = parent
    return REAL


# "have detained more than 50 smugglers this month", "over the last month we have arrested six",
# "have captured 30 fighters since March 2" (not "since dawn", one fight): a running total, not an event
_PERFECT = r"(?:\bhave|\bhas|'ve|\bhave\s+now|\bhas\s+now)"
_TALLY_VERB = r"(?:killed|detained|captured|arrested|seized|wounded)"
_RUNNING_TOTAL = re.compile(
    rf"{_PERFECT} (?:\w+ ){{0,4}}{_TALLY_VERB}\b[^.]*\b"
    r"(?:(?:this|last|past) (?:month|year|week)\b|since (?:the (?:start|beginning) of )?(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d))|\b(?:this|last|past) (?:month|year|week)\b[^.]*"
    rf"{_PERFECT} (?:\w+ ){{0,4}}{_TALLY_VERB}\b", re.I)


_TALLY_SINCE = re.compile(r"\bha(?:ve|s) been (?:killed|wounded|injured|arrested|detained|abducted|kidnapped)\b"
                          r"[^.]{0,80}?\bsince\b", re.I)


def running_total_since(text: str) -> bool:
    """'dozens of officers have been injured since the protests began': a tally to date."""
    return bool(_TALLY_SINCE.search(text))


# "The insurgency, which began in 2017, has killed hundreds of people": a conflict's toll to date
_CONFLICT_TOLL = re.compile(
    rf"\b(?:{'|'.join(sorted(lang.words('cue.conflict_noun')))})\b(?:,[^,.]{{0,80}},)?\s+"
    rf"{_PERFECT}\s+(?:\w+\s+)?(?:killed|claimed|left|cost)\b", re.I)


def is_aggregate_clause(text: str) -> bool:
    return bool(_AGGREGATE.search(text) or _RUNNING_TOTAL.search(text))


def conflict_toll(sentence: str) -> bool:
    """'The insurgency, which began in 2017, has killed hundreds of people': the sentence (its
    subject with the aside about it) tells a conflict's toll to date."""
    return bool(_CONFLICT_TOLL.search(sentence))
