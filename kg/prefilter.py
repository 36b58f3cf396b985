"""Words a regular expression cannot match without, so most patterns are never run.

Trigger and cue patterns are data; running every one over every sentence dominated
conversion time. ``required_words`` reads a pattern's syntax tree and returns a set of
lower-case strings of which every match must contain at least one (or None when no such
set exists); a sentence containing none of them cannot match.

>>> sorted(required_words(r"smuggl(?:e|ed|ing)|contraband"))
['contraband', 'smuggl']
>>> sorted(required_words(r"(?:massive|large-scale) (?:search|hunt)"))
['large', 'massive']
>>> required_words(r"\\w+ed") is None
True
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812
from re import _parser as sre_parse

_MIN = 3  # shorter strings filter too little to be worth a look-up


def required_words(pattern: str) -> frozenset[str] | None:
    try:
        tree = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _sequence(list(tree))
    return frozenset(found) if found else None


def _sequence(items: list) -> set[str] | None:
    """Best any-of set of a sequence: a literal run, or one required sub-item."""
    options: list[set[str]] = []
    run = ""
    for op, arg in items:
        if op is C.LITERAL and chr(arg).isalnum():
            run += chr(arg).lower()
            continue
        if len(run) >= _MIN:
            options.append({run})
        run = ""
        sub = _item(op, arg)
        if sub:
            options.append(sub)
    if len(run) >= _MIN:
        options.append({run})
    if not options:
        return None
    # the set whose shortest word is longest filters best
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def _item(op, arg) -> set[str] | None:
    if op is C.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in arg[1]:
            sub = _sequence(list(alternative))
            if not sub:
                return None
            out |= sub
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return _sequence(list(arg[2]))
    if op is C.ATOMIC_GROUP:
        return _sequence(list(arg))
    return None
