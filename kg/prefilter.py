"""Words a regular expression cannot match without, so most patterns are never run.

Trigger and cue patterns are data; running every one over every sentence dominated
conversion time. ``required_sets`` reads a pattern's syntax tree and returns sets of
lower-case strings such that every match contains a string of each set; a sentence that
lacks all strings of one set cannot match. ``required_words`` is the set that filters best.

>>> sorted(required_words(r"smuggl(?:e|ed|ing)|contraband"))
['contraband', 'smuggle', 'smuggling']
>>> sorted(required_words(r"(?:massive|large-scale) (?:search|hunt)"))
['large', 'massive']
>>> required_words(r"\\w+ed") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as C  # noqa: N812
from re import _parser as sre_parse

MIN_LENGTH = 3  # shorter strings filter too little to be worth a look-up
_PRODUCT = 64  # most strings a run of literals and small alternations is expanded to


def required_words(pattern: str) -> frozenset[str] | None:
    """The one set of ``required_sets`` that filters best, or None if there is none."""
    sets = required_sets(pattern)
    return _best(sets) if sets else None


def required_sets(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of lower-case strings such that every match contains a string of each set.

    >>> [sorted(s) for s in required_sets(r"fle(?:d|e|eing) (?:to|into) (?:China|the river)")]
    [['fled', 'flee'], ['china', 'river']]
    >>> [sorted(s) for s in required_sets(r"sw(?:am|imming) across")]
    [['swam', 'swimming'], ['across']]
    """
    try:
        tree = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return ()
    return tuple(frozenset(_minimal(s)) for s in _sequence(list(tree)))


def structure(pattern: str) -> Iterator[tuple[int, str]]:
    """(offset, character) of the "(", ")" and "|" of ``pattern`` that are syntax: not
    escaped and not inside a character class."""
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()|":
            yield i, ch
        i += 1


def alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at its top-level "|" (not inside a group, a class or an escape).

    >>> alternatives("smuggl(?:e|ed)|[|]contraband|fled")
    ['smuggl(?:e|ed)', '[|]contraband', 'fled']
    """
    out, depth, start = [], 0, 0
    for i, ch in structure(pattern):
        if ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        else:
            depth += {"(": 1, ")": -1}.get(ch, 0)
    return out + [pattern[start:]]


def _best(sets) -> frozenset[str]:
    return best_first(sets)[0]


def best_first(sets) -> list[frozenset[str]]:
    """The sets, those likely to filter best first: a set whose shortest word is long."""
    return sorted(sets, key=lambda s: (-min(map(len, s)), len(s), sorted(s)))


def _minimal(words: set[str]) -> set[str]:
    """Drop a word that contains another word of the set: it adds no match."""
    return {w for w in words if not any(v != w and v in w for v in words)}


def _sequence(items: list) -> list[set[str]]:
    """Sets of which a match of the sequence contains a word each: runs of literal
    letters (expanded over small alternations, "sw(?:am|imming)") and required items."""
    out: list[set[str]] = []
    run: set[str] = {""}
    for op, arg in items:
        longer = _extend(run, _finite(op, arg))
        if longer is not None:
            run = longer
            continue
        _flush(run, out)
        run = {""}
        out.extend(_item(op, arg))
    _flush(run, out)
    return out


def _flush(run: set[str], out: list[set[str]]) -> None:
    if min(map(len, run)) >= MIN_LENGTH:
        out.append(run)


def _finite(op, arg) -> set[str] | None:
    """Every string an item matches, when they are few and all letters or digits."""
    if op is C.LITERAL:
        ch = chr(arg)
        return {ch.lower()} if ch.isalnum() else None
    if op is C.SUBPATTERN:
        return _finite_sequence(list(arg[-1]))
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in arg[1]:
            sub = _finite_sequence(list(alternative))
            if sub is None:
                return None
            out |= sub
        return out if len(out) <= _PRODUCT else None
    if op is C.MAX_REPEAT and arg[0] == 0 and arg[1] == 1:
        sub = _finite_sequence(list(arg[2]))
        return None if sub is None else sub | {""}
    return None


def _finite_sequence(items: list) -> set[str] | None:
    run: set[str] | None = {""}
    for op, arg in items:
        run = _extend(run, _finite(op, arg))
        if run is None:
            return None
    return run


def _extend(run: set[str], piece: set[str] | None) -> set[str] | None:
    """Every string of ``run`` followed by every string of ``piece``; None when ``piece``
    is not finite or the product would grow past ``_PRODUCT``."""
    if piece is None or len(run) * len(piece) > _PRODUCT:
        return None
    return {a + b for a in run for b in piece}


def _item(op, arg) -> list[set[str]]:
    if op is C.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in arg[1]:
            sub = _sequence(list(alternative))
            if not sub:
                return []
            out |= _best(sub)
        return [out]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return _sequence(list(arg[2]))
    if op is C.ATOMIC_GROUP:
        return _sequence(list(arg))
    return []
