"""The detector's verdict on the candidates that the patterns propose.

The patterns (triggers, modality, roles) find where an event may be told and read its parts; the
trained detector (detector.py) reads each candidate's sentence in its paragraph and decides:
- whether it tells a new, real event at all: a candidate whose sentence the detector gives less
  than `Options.event_threshold` of being an event is dropped;
- its sub-event type: the patterns' type stands while the detector gives it a fair share of the
  event's probability; otherwise the detector's own type replaces it;
- its confidence: the calibrated probability of the sub-event type it ends with.
"""
from __future__ import annotations

from ..records import Mention
from ..settings import Options
from ..vocabulary import EVENT_TYPE_OF
from .detector import Prediction, context_of, detector

# The patterns' type stands while the detector gives it at least this share of the probability
# that the sentence tells an event: the patterns read a clause, the detector the whole sentence.
PATTERN_TYPE_SHARE = 0.25


def decide(mentions: list[Mention], sentences: list[str], options: Options) -> list[Mention]:
    """The mentions the detector keeps, typed and with their confidence; `sentences` are the
    document's sentence texts, indexed as the mentions' `sentence_index`."""
    if not options.detector or not mentions:
        return mentions
    model = detector()
    verdicts: dict[int, Prediction] = {}
    kept: list[Mention] = []
    for mention in mentions:
        i = mention.sentence_index
        if i not in verdicts:
            verdicts[i] = model.classify(sentences[i], context_of(sentences, i))
        verdict = verdicts[i]
        if verdict.p_event < options.event_threshold:
            continue
        retype(mention, verdict, {m.sub_event_type for m in kept if m.sentence_index == i})
        kept.append(mention)
    return kept


def retype(mention: Mention, verdict: Prediction, typed_in_sentence: set[str]) -> None:
    """Give the mention the detector's type where the detector does not back the patterns' type
    (unless another event of the sentence has that type already: "attacked a post and abducted
    two guards" tells two events), and the calibrated probability of its type as confidence."""
    p = verdict.probabilities
    best, _ = verdict.best_event
    backed = p.get(mention.sub_event_type, 0.0) >= PATTERN_TYPE_SHARE * verdict.p_event
    if best != mention.sub_event_type and not backed and best not in typed_in_sentence:
        mention.sub_event_type, mention.event_type = best, EVENT_TYPE_OF[best]
    mention.confidence = round(p.get(mention.sub_event_type, 0.0), 3)
