"""The trigger prefilter must never hide a match: for every trigger row, any text the
row matches contains a word of each of its required sets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.prefilter import alternatives, required_sets, required_words
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


OWN_ARTICLES = sorted((Path(__file__).parent / "data" / "eval" / "own").glob("*.md"))


@pytest.fixture(scope="module")
def texts():
    return SAMPLES + [p.read_text(encoding="utf-8") for p in OWN_ARTICLES]


@pytest.mark.parametrize("trigger", load_reference().triggers, ids=lambda t: t.id)
def test_required_sets_hold_for_every_match(trigger, texts):
    sets = required_sets(trigger.pattern.pattern)
    regex = re.compile(rf"\b(?:{trigger.pattern.pattern})\b", re.IGNORECASE)
    for text in texts:
        for m in regex.finditer(text):
            for words in sets:
                assert any(w in m.group().lower() for w in words), (trigger.id, m.group(), words)


def test_own_articles_are_read():
    assert len(OWN_ARTICLES) >= 10


@pytest.mark.parametrize("pattern,expected", [
    (r"arrest(?:ed|s)?", {"arrest"}),
    (r"(?:was|were) detained|apprehended", {"apprehended", "detained"}),
    (r"x?", None),
    (r"\d+-day (?:battle|campaign)", {"battle", "campaign"}),
    (r"cross(?:ed|es|ing)? (?:over )?the border", {"border"}),
])
def test_required_words(pattern, expected):
    got = required_words(pattern)
    assert (set(got) if got is not None else None) == expected


@pytest.mark.parametrize("pattern,expected", [
    (r"cross(?:ed|es|ing)? (?:over )?the border", [{"cross"}, {"the"}, {"border"}]),
    (r"sw(?:am|imming) (?:across|to)", [{"swam", "swimming"}]),
    (r"(?<!re-)defect(?:ed|ing|ions?)", [{"defected", "defecting", "defection"}]),
    (r"x?|arrest", []),
])
def test_required_sets(pattern, expected):
    assert [set(s) for s in required_sets(pattern)] == expected


@pytest.mark.parametrize("pattern,expected", [
    (r"a\|b|c", [r"a\|b", "c"]),  # an escaped bar
    ("[a|b]c|d", ["[a|b]c", "d"]),  # a bar in a class
    ("(?:a|b)c", ["(?:a|b)c"]),  # a bar in a group
])
def test_alternatives_split_only_at_top_level_bars(pattern, expected):
    assert alternatives(pattern) == expected
