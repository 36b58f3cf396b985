"""The trigger prefilter must never hide a match: for every trigger row, any text the
row matches contains one of its required words."""

from __future__ import annotations

import re

import pytest

from kg.prefilter import required_words
from kg.reference import load_reference

SAMPLES = [
    "Two families escaped the country and fled to China last month.",
    "Security agents arrested and detained three smugglers near the border.",
    "The authorities sealed off the city and imposed a strict lockdown.",
    "Markets were closed and food shortages left many starving.",
    "Order No. 205 was issued; a 100-day campaign and a speed battle followed.",
    "Residents were mobilized for a rally; floods and a landslide hit the county.",
    "He was publicly executed and his family sent to a prison camp after a manhunt.",
    "The returnee defector came back across the border and was quarantined.",
]


@pytest.mark.parametrize("trigger", load_reference().triggers, ids=lambda t: t.id)
def test_required_words_are_in_every_match(trigger):
    words = required_words(trigger.pattern.pattern)
    if words is None:
        return
    regex = re.compile(rf"\b(?:{trigger.pattern.pattern})\b", re.IGNORECASE)
    for text in SAMPLES:
        for m in regex.finditer(text):
            assert any(w in m.group().lower() for w in words), (trigger.id, m.group(), words)


@pytest.mark.parametrize("pattern,expected", [
    (r"arrest(?:ed|s)?", {"arrest"}),
    (r"(?:was|were) detained|apprehended", {"apprehended", "detained"}),
    (r"x?", None),
    (r"\d+-day (?:battle|campaign)", {"battle", "campaign"}),
])
def test_required_words(pattern, expected):
    got = required_words(pattern)
    assert (set(got) if got is not None else None) == expected
