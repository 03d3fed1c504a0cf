"""The detector's verdict on the candidates that the patterns propose.

The patterns (triggers, modality, roles) find where an event may be told and read its parts; the
trained detector (detector.py) reads each candidate's sentence in its paragraph. What it decides
is taken per event, once the merge stage has gathered the candidates that tell one event, so
that a sentence adding a detail ("Four of the wounded later died") stands or falls with the
event it belongs to:
- an event is kept when the sentence that tells it most surely gives at least the model's
  threshold (or `Options.event_threshold`) that a new real event is told: the threshold is chosen
  at training, on held-out predictions over the candidates the patterns propose in the corpus;
- its sub-event type is read in the sentence of the mention that types the event (the merge
  stage's lead): the patterns' type stands while the detector gives it a fair share of the
  probability of an event there; otherwise the detector's own type replaces it, where the
  detector holds it the most likely type of that sentence;
- its confidence is the calibrated probability of the sub-event type it ends with, and an event
  whose confidence falls below the model's type threshold is dropped.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..records import Event, Mention
from ..settings import Options
from ..vocabulary import EVENT_TYPE_OF, TERRITORY_TAKEN, disorder_type
from .detector import Prediction, context_of, detector

ABDUCTION = "Abduction/forced disappearance"
# The patterns' type stands while the detector gives it at least this share of the probability
# that the sentence tells an event: the patterns read a clause, the detector the whole sentence.
PATTERN_TYPE_SHARE = 0.25
# ... and the detector's own type replaces it only when the detector gives it at least this share.
DETECTOR_TYPE_SHARE = 0.5


def score_mentions(mentions: list[Mention], sentences: list[str], options: Options,
                   years: frozenset[str] = frozenset()) -> None:
    """Give each mention without them the detector's label probabilities for its sentence;
    `sentences` are the document's sentence texts, indexed as the mentions' `sentence_index`;
    `years` the report's own (detector.current_years)."""
    if not options.detector or not mentions:
        return
    model = detector()
    verdicts: dict[int, dict[str, float]] = {}
    for mention in mentions:
        if mention.probabilities is not None:
            continue  # a proposal's sentence (propose.py), read already
        i = mention.sentence_index
        if i not in verdicts:
            verdicts[i] = model.classify(sentences[i], context_of(sentences, i), years).probabilities
        mention.probabilities = verdicts[i]


def event_verdict(mentions: Sequence[Mention]) -> Prediction | None:
    """The verdict on the sentence that tells the event most surely; None without a detector."""
    scored = [Prediction(m.probabilities) for m in mentions if m.probabilities is not None]
    return max(scored, key=lambda p: p.p_event, default=None)


def keeps(mentions: Sequence[Mention], options: Options) -> bool:
    verdict = event_verdict(mentions)
    if verdict is None:
        return True
    threshold = options.event_threshold if options.event_threshold is not None else detector().threshold
    return verdict.p_event >= threshold


def sure_of_type(event: Event, lead: Mention, types_told: dict[int, set[str]]) -> bool:
    """Whether the detector gives the type the event ended with at least the model's type
    threshold (chosen at training with the event threshold): a candidate whose type it finds
    unlikely, however sure it is that some event is told nearby, is the patterns' misreading
    more often than not. Events coded without the detector stand, and so do those told in a
    sentence of several types, where the detector reads the main one only."""
    if event.confidence is None or len(types_told.get(lead.sentence_index, ())) > 1:
        return True
    return event.confidence >= detector().type_threshold


def settled_type(sub_event_type: str, verdict: Prediction | None, retype: bool = True) -> tuple[str, float | None]:
    """The event's sub-event type and its confidence (None without a verdict): the detector's
    type where it does not back the patterns' one (unless `retype` is False: the sentence tells
    events of several types, and the detector's type is its main one's)."""
    if verdict is None:
        return sub_event_type, None
    p = verdict.probabilities
    best, _ = verdict.best_event
    share = verdict.p_event or 1.0
    if retype and best != sub_event_type and p.get(sub_event_type, 0.0) < PATTERN_TYPE_SHARE * share \
            and p[best] >= DETECTOR_TYPE_SHARE * share:
        sub_event_type = best
    return sub_event_type, round(p.get(sub_event_type, 0.0), 3)


# The two ways ACLED tells territory taken by force, told apart by who took it
GOVERNMENT_REGAINS, NON_STATE_OVERTAKES = "Government regains territory", "Non-state actor overtakes territory"


def territory_by_taker(sub_event_type: str, confidence: float, lead: Mention,
                       probabilities: dict[str, float]) -> tuple[str, float]:
    """Territory taken is the government's regaining where the state's forces took it, a non-state
    actor's overtaking where an armed group did. The detector reads the words of taking well and
    who took it badly (a bag of words: "troops retook the town from the rebels" and "rebels retook
    the town from the troops"), so the taker the parse names (the lead's doer) decides between
    the two, and the confidence is that territory was taken at all."""
    taker = lead.actor1
    if taker is None or not taker.mention or not any(taker.mention in p for p in lead.perpetrators):
        return sub_event_type, confidence
    if taker.inter == 1:
        sub_event_type = GOVERNMENT_REGAINS
    elif taker.inter in (2, 3, 4):
        sub_event_type = NON_STATE_OVERTAKES
    else:
        return sub_event_type, confidence
    return sub_event_type, round(sum(probabilities.get(t, 0.0) for t in TERRITORY_TAKEN), 3)


def types_by_sentence(mentions: Sequence[Mention]) -> dict[int, set[str]]:
    """The sub-event types the patterns found in each sentence."""
    told: dict[int, set[str]] = {}
    for m in mentions:
        told.setdefault(m.sentence_index, set()).add(m.sub_event_type)
    return told


def settle_type(event: Event, lead: Mention, members: Sequence[Mention], types_told: dict[int, set[str]]) -> None:
    """Settle an event's type and confidence on the verdict of its lead's sentence (else its surest
    one's). A sentence that tells events of several types ("a day after forces killed six gunmen,
    police captured seven others") keeps the patterns' types: the detector types its main one
    only, the patterns each clause."""
    several = len(types_told.get(lead.sentence_index, ())) > 1
    verdict = event_verdict([lead]) or event_verdict(members)
    sub_event_type, confidence = settled_type(event.sub_event_type, verdict, retype=not several)
    if confidence is None:  # no verdict
        return
    if sub_event_type == ABDUCTION and event.fatalities:
        sub_event_type = "Attack"  # ACLED: an abduction in which people were killed is an attack
    if sub_event_type in TERRITORY_TAKEN:
        sub_event_type, confidence = territory_by_taker(sub_event_type, confidence, lead, verdict.probabilities)
    if sub_event_type != event.sub_event_type:
        event.sub_event_type, event.event_type = sub_event_type, EVENT_TYPE_OF[sub_event_type]
        event.disorder_type = disorder_type(event.event_type, sub_event_type)
    event.confidence = confidence
