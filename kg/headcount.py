"""How many people a sentence counts: "two families or eight people", "Sixteen North
Koreans", "about 2,000 workers" (the `participants` cues of ontology/cues.tsv and the number
words of numbers.tsv).

>>> from kg.reference import load_reference
>>> head_count("Sixteen North Koreans from three families fled.", load_reference())
16
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.prefilter import required_sets

_NUMBER = re.compile(r"\d[\d,]*|[A-Za-z]+(?:-[A-Za-z]+)?")
_DIGIT, _LETTERS = re.compile(r"\d"), re.compile(r"[A-Za-z]+")


def head_count(text: str, reference: object) -> int | None:
    """The last number of the first participants cue that matches ``text``, if any."""
    if not _has_number(text, reference):
        return None  # a count is digits or a word of numbers.tsv: none here
    low = text.lower()
    for cue, sets in _participant_cues(reference):
        if any(not any(w in low for w in words) for words in sets):
            continue  # the cue cannot match without a word of each set
        m = cue.pattern.search(text)
        if m:
            numbers = [_number(w, reference) for w in _NUMBER.findall(m.group())]
            numbers = [n for n in numbers if n is not None]
            if numbers:
                return numbers[-1]
    return None


def _has_number(text: str, reference: object) -> bool:
    numbers = reference.numbers
    return _DIGIT.search(text) is not None or not numbers.keys().isdisjoint(
        map(str.casefold, _LETTERS.findall(text) + _NUMBER.findall(text)))


def _number(word: str, reference: object) -> int | None:
    if word[:1].isdigit():
        return int(word.replace(",", ""))
    return reference.numbers.get(word.casefold())


@lru_cache(maxsize=8)
def _participant_cues(reference: object) -> tuple[tuple[object, tuple[frozenset[str], ...]], ...]:
    return tuple((c, required_sets(c.pattern.pattern))
                 for c in reference.cues.get("participants", ()))
