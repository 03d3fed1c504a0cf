"""Changes to an armed group's activity: troops moved, units formed or set up (invented sentences)."""
from __future__ import annotations

import pytest


# These tests read how the patterns propose candidates and read their parts (trigger, modality,
# counts, sides, type): they run the patterns alone. What the trained detector keeps of them,
# and how it types them, is measured on the frozen gate (tests/test_quality_gate.py).
@pytest.fixture(scope="module")
def code_text(code_text_patterns):
    return code_text_patterns


def sub_types(events):
    return {e.sub_event_type for e in events}


@pytest.mark.parametrize("text", [
    "The government is moving troops and tanks to the northern border region, officials said on Monday.",
    "Hundreds of soldiers with armoured vehicles had moved to the town of Kesra by Tuesday, sources said.",
    "The air force has formed a new drone organisation with bases in the east, its commander said on Friday.",
    "A new militia unit of the tribal forces was set up in the southern province, officials said on Sunday.",
])
def test_forces_moved_or_formed_are_a_change_to_group_activity(code_text, text):
    assert "Change to group/activity" in sub_types(code_text(text))


@pytest.mark.parametrize("text", [
    "The company moved its headquarters to Dublin on Monday, citing lower taxes.",
    "The retailer is moving staff to a new warehouse outside the city, a spokesman said on Friday.",
    "Residents formed a new organisation to clean the river banks on Saturday.",
])
def test_moves_and_new_bodies_outside_conflict_give_no_event(code_text, text):
    assert code_text(text) == []
