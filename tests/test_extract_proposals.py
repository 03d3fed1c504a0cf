"""The detector proposes events in sentences where the patterns find no trigger word
(extract/propose.py). The detector is replaced here by a stub with a fixed verdict, so that these
tests read the mechanism (where it proposes, how the proposal is read) and not the shipped
model's weights, which the frozen gate measures."""
from __future__ import annotations

from datetime import date

import pytest

from conflictcoder.extract import decide, propose
from conflictcoder.extract.detector import Prediction


class StubDetector:
    """Gives every sentence the same verdict."""

    threshold = 0.3
    type_threshold = 0.0

    def __init__(self, probabilities: dict[str, float]):
        self.probabilities = probabilities

    def classify(self, sentence: str, context: str = "", years: frozenset = frozenset()) -> Prediction:
        return Prediction(dict(self.probabilities))


@pytest.fixture
def verdict(monkeypatch):
    def use(probabilities: dict[str, float]) -> None:
        stub = StubDetector(probabilities)
        monkeypatch.setattr(propose, "detector", lambda: stub)
        monkeypatch.setattr(decide, "detector", lambda: stub)
    return use


def code(text: str, **settings):
    from conflictcoder.pipeline import code_documents
    from conflictcoder.records import Document
    from conflictcoder.settings import Options

    # the relevance stage parses only blocks with a trigger word; these texts are made without one
    settings.setdefault("relevance_filter", False)
    (result,) = code_documents([Document(doc_id="p1", text=text, published=date(2025, 5, 6))], Options(**settings))
    assert result.failure is None, result.failure
    return result.events


RETAKEN = "Government troops reclaimed the village of Mabote from the rebels on Sunday, the army said."


def test_proposals_code_an_event_the_patterns_have_no_word_for(verdict):
    verdict({"Government regains territory": 0.9, "none:other": 0.1})
    (event,) = code(RETAKEN)
    assert event.sub_event_type == "Government regains territory"
    assert event.event_type == "Battles"
    assert event.confidence == 0.9
    assert event.actor1 and event.actor1.startswith("Military Forces")
    assert event.sources[0].sentence.startswith("Government troops reclaimed")


def test_proposals_are_a_setting(verdict):
    verdict({"Government regains territory": 0.9, "none:other": 0.1})
    assert code(RETAKEN, propose=False) == []
    assert code(RETAKEN, propose_threshold=0.95) == []


def test_a_proposed_event_still_has_to_have_happened(verdict):
    verdict({"Government regains territory": 0.9, "none:other": 0.1})
    assert code("Government troops will reclaim the village of Mabote from the rebels next week, "
                "the army said.") == []


def test_a_proposal_needs_a_side_of_a_known_kind(verdict):
    verdict({"Attack": 0.9, "none:other": 0.1})
    assert code("Shares in the mining firm fell sharply on Monday. The firm's mines lie near the "
                "rebel-held north of the country.") == []


def test_no_proposals_in_a_text_that_names_nothing_political_or_armed(verdict):
    verdict({"Peaceful protest": 0.95, "none:other": 0.05})
    assert code("Hundreds of villagers queued outside the new clinic in the town centre on Saturday.") == []


def test_the_detector_must_read_the_type_as_its_own_label(verdict):
    # an event is more likely than not, but only as the sum of small doubts: the single most
    # likely reading is no event
    verdict({"Attack": 0.2, "Armed clash": 0.2, "Peaceful protest": 0.15, "none:other": 0.45})
    assert propose.proposal(["A sentence."], 0) is None
    verdict({"Attack": 0.55, "none:other": 0.45})
    assert propose.proposal(["A sentence."], 0) is not None


def test_a_sentence_read_in_another_sense_asks_for_more(verdict):
    verdict({"Attack": 0.8, "none:other": 0.2})
    assert propose.proposal(["A sentence."], 0, read_otherwise=False) is not None
    assert propose.proposal(["A sentence."], 0, read_otherwise=True) is None
    verdict({"Attack": 0.9, "none:other": 0.1})
    assert propose.proposal(["A sentence."], 0, read_otherwise=True) is not None


def test_every_sub_event_type_has_a_category_to_read_its_roles():
    from conflictcoder.vocabulary import ALL_SUB_EVENT_TYPES

    assert set(propose.CATEGORY_OF_TYPE) == set(ALL_SUB_EVENT_TYPES)


def test_the_sentence_must_tell_the_event_by_itself(monkeypatch):
    """A sentence the detector reads as an event only through its neighbours' words is theirs."""
    class ContextOnly(StubDetector):
        def classify(self, sentence: str, context: str = "", years: frozenset = frozenset()) -> Prediction:
            p = 0.9 if context else 0.1
            return Prediction({"Attack": p, "none:other": 1 - p})

    monkeypatch.setattr(propose, "detector", lambda: ContextOnly({}))
    assert propose.proposal(["The front said it informs the public.", "Gunmen attacked a bus."], 0) is None
    monkeypatch.setattr(propose, "detector", lambda: StubDetector({"Attack": 0.9, "none:other": 0.1}))
    assert propose.proposal(["The front said it informs the public.", "Gunmen attacked a bus."], 0) is not None


def test_the_year_of_a_day_in_the_reports_own_year_does_not_read_as_the_past(code_text):
    from conflictcoder.extract.detector import current_years, words_of

    years = current_years(date(2023, 6, 14))
    assert words_of("on 12 June 2023, gunmen", years) == ["on", "<num>", "june", "gunmen"]
    # a month and year, or a day of another year, keep the year
    assert "<year>" in words_of("since August 2023, when fighting began", years)
    assert "<year>" in words_of("on 12 June 2019, gunmen", years)
    # an attack told with its full date two days before the report is an event
    (event,) = code_text("Boko Haram fighters attacked an army post near Bol, Chad, on 12 June 2023, killing "
                         "12 soldiers, the army said.", published=date(2023, 6, 14))
    assert (event.sub_event_type, str(event.event_date)) == ("Armed clash", "2023-06-12")
