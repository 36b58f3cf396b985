"""Find names of places, agencies and persons in cleaned text (matching only).

The names come from the reference data (ontology/*_names.tsv); this module only finds
spans and their candidate records. Choosing among candidates is ``kg.resolve``'s job.

Matching is on normalised tokens: case folded, diacritics and apostrophes removed,
hyphens and full stops treated as spaces, a possessive ``'s`` optional on the last word.
A word a name writes with a capital letter only matches a capitalised word (so the county
"Anju" never matches a lower-case word, nor "the Party" a lower-case "party"), and names
marked ``exact`` (abbreviations such as MSS) only match verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+(?:['’`][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’`")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    raw: str
    norm: str
    possessive: str | None  # normalised form without a trailing 's, when it has one


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    candidates: tuple  # NameRecord rows of the reference data


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Fold case, diacritics and apostrophes: ``normalise_word("P’yŏngan") == "pyongan"``."""
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_APOSTROPHES).casefold()


def tokens(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        norm = normalise_word(raw)
        possessive = None
        if len(raw) > 2 and raw[-2] in "'’`" and raw[-1] in "sS":
            possessive = normalise_word(raw[:-2])
        out.append(Token(m.start(), m.end(), raw, norm, possessive))
    return out


def name_key(name: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokens(name))


class Matcher:
    """A longest-match dictionary matcher over token sequences."""

    def __init__(self, names: list) -> None:
        self._folded: dict[tuple[str, ...], list] = defaultdict(list)
        self._exact: dict[tuple[str, ...], list] = defaultdict(list)
        self._lengths: dict[str, set[int]] = defaultdict(set)
        for record in names:
            toks = tokens(record.name)
            if not toks:
                continue
            if record.case == "exact":
                key = tuple(t.raw for t in toks)
                self._exact[key].append(record)
                self._lengths[toks[0].norm].add(len(key))
            else:
                key = tuple(t.norm for t in toks)
                capitals = tuple(i for i, t in enumerate(toks) if t.raw[:1].isupper())
                self._folded[key].append((record, capitals))
                self._lengths[key[0]].add(len(key))
        self._by_first = {k: sorted(v, reverse=True) for k, v in self._lengths.items()}

    def match(self, text: str) -> list[Match]:
        toks = tokens(text)
        found: list[Match] = []
        i = 0
        while i < len(toks):
            hit = self._longest_at(toks, i, text)
            if hit is None:
                i += 1
                continue
            found.append(hit[0])
            i += hit[1]
        return found

    def _longest_at(self, toks: list[Token], i: int, text: str):
        lengths = self._by_first.get(toks[i].norm, ())
        if toks[i].possessive is not None:  # "Musan’s"
            lengths = sorted(set(lengths) | set(self._by_first.get(toks[i].possessive, ())),
                             reverse=True)
        for n in lengths:
            if i + n > len(toks):
                continue
            window = toks[i:i + n]
            if not _contiguous(window, text):
                continue
            candidates = self._candidates(window)
            if candidates and window[0].raw[:1].islower() and i + n < len(toks) \
                    and toks[i + n].raw[:1].isupper() \
                    and _contiguous([window[-1], toks[i + n]], text):
                # "the North" must not swallow the start of "the North Korean regime"
                candidates = [c for c in candidates if not c.name[:1].islower()]
            if candidates:
                end = window[-1].end
                return Match(window[0].start, end, text[window[0].start:end],
                             tuple(candidates)), n
        return None

    def _candidates(self, window: list[Token]) -> list:
        out = list(self._exact.get(tuple(t.raw for t in window), ()))
        keys = [tuple(t.norm for t in window)]
        if window[-1].possessive is not None:
            keys.append(tuple(t.norm for t in window[:-1]) + (window[-1].possessive,))
            out += self._exact.get(tuple(t.raw for t in window[:-1]) + (window[-1].raw[:-2],), [])
        for key in keys:
            for record, capitals in self._folded.get(key, ()):
                if all(window[i].raw[:1].isupper() for i in capitals):
                    out.append(record)
        return out


_GAP = re.compile(r"[\s\-‐‑–.]*")


def _contiguous(window: list[Token], text: str) -> bool:
    """Tokens of one name may only be separated by spaces, hyphens or full stops."""
    for left, right in zip(window, window[1:], strict=False):
        if not _GAP.fullmatch(text, left.end, right.start):
            return False
    return True


def match(text: str, matcher: Matcher) -> list[Match]:
    return matcher.match(text)
