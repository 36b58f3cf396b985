"""Find names of places, agencies and persons in cleaned text (matching only).

The names come from the reference data (ontology/*_names.tsv); this module only finds
spans and their candidate records. Choosing among candidates is ``kg.resolve``'s job.

Matching is on normalised tokens: case folded, diacritics and apostrophes removed,
hyphens and full stops treated as spaces, a possessive ``'s`` optional on the last word.
A word a name writes with a capital letter only matches a capitalised word (so the county
"Anju" never matches a lower-case word, nor "the Party" a lower-case "party"; after a hyphen
either case will do: "Anti-epidemic" for "Anti-Epidemic"), and names
marked ``exact`` (abbreviations such as MSS) only match verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

_APOSTROPHE_CHARS = "'’`´ʼ"
_TOKEN = re.compile(rf"[^\W_]+(?:[{_APOSTROPHE_CHARS}][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", _APOSTROPHE_CHARS)
#: memo entries a matcher keeps per table before starting afresh (bounds memory on huge runs)
_MEMO_LIMIT = 200_000


class Token(NamedTuple):
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


def _possessive(raw: str) -> str | None:
    """``raw`` normalised without its possessive ``'s``: "Musan’s" → "musan"."""
    if len(raw) > 2 and raw[-2] in _APOSTROPHE_CHARS and raw[-1] in "sS":
        return normalise_word(raw[:-2])
    return None


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their offsets and normalised forms.

    >>> [(t.raw, t.norm, t.possessive) for t in tokens("Musan’s P’yŏngan-do")]
    [('Musan’s', 'musans', 'musan'), ('P’yŏngan', 'pyongan', None), ('do', 'do', None)]
    """
    return [Token(m.start(), m.end(), m[0], normalise_word(m[0]), _possessive(m[0]))
            for m in _TOKEN.finditer(text)]


def _after_hyphen(name: str, token: Token) -> bool:
    """The second part of a hyphenated word ("Anti-Epidemic", "Jong-Un"), whose capital
    writers drop as often as not."""
    return token.start > 0 and name[token.start - 1] in "-‐‑"


class Matcher:
    """A longest-match dictionary matcher over token sequences.

    What a word or a run of words can name depends on the words alone, so both are
    memoised per matcher; only the gaps between words and the word after a name are
    looked at in each text. Most words start no name and cost one dictionary look-up.

    >>> from kg.reference import NameRecord
    >>> m = Matcher([NameRecord("place", "musan", "Musan County"),
    ...              NameRecord("place", "musan", "Musan")])
    >>> [(x.text, len(x.candidates)) for x in m.match("in Musan County and Musan’s market")]
    [('Musan County', 1), ('Musan’s', 1)]
    """

    def __init__(self, names: list, generic_tails: frozenset[str] = frozenset()) -> None:
        """``generic_tails``: folded words ("county", "province") that may end a name in
        lower case ("Musan county") though the name writes them with a capital."""
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
                capitals = tuple(i for i, t in enumerate(toks) if t.raw[:1].isupper()
                                 and not (0 < i == len(toks) - 1 and t.norm in generic_tails)
                                 and not _after_hyphen(record.name, t))
                self._folded[key].append((record, capitals))
                self._lengths[key[0]].add(len(key))
        self._by_first = {k: sorted(v, reverse=True) for k, v in self._lengths.items()}
        self._first_memo: dict[str, tuple[int, ...]] = {}
        self._starters: set[str] = set()  # the words of _first_memo with a name length
        self._window_memo: dict[tuple[str, ...], tuple] = {}

    def match(self, text: str) -> list[Match]:
        words = list(_TOKEN.finditer(text))
        raws = [w[0] for w in words]
        memo = self._first_memo
        distinct = set(raws)
        new = distinct.difference(memo)
        if len(memo) + len(new) > _MEMO_LIMIT:
            memo.clear()
            self._starters.clear()
            new = distinct
        for raw in new:
            memo[raw] = lengths = self._lengths_of(raw)
            if lengths:
                self._starters.add(raw)
        starters = distinct & self._starters  # the words here a name may start with
        found: list[Match] = []
        free = 0  # the first word not inside a name found already
        for i in [i for i, raw in enumerate(raws) if raw in starters]:
            if i >= free:
                hit = self._longest_at(words, raws, i, memo[raws[i]], text)
                if hit is not None:
                    found.append(hit[0])
                    free = i + hit[1]
        return found

    def _lengths_of(self, raw: str) -> tuple[int, ...]:
        """Word counts of the names that may start with the word ``raw``, longest first."""
        lengths = set(self._by_first.get(normalise_word(raw), ()))
        possessive = _possessive(raw)
        if possessive is not None:  # "Musan’s"
            lengths |= set(self._by_first.get(possessive, ()))
        return tuple(sorted(lengths, reverse=True))

    def _longest_at(self, words: list[re.Match], raws: list[str], i: int,
                    lengths: tuple[int, ...], text: str) -> tuple[Match, int] | None:
        count = len(raws)
        for n in lengths:
            if i + n > count:
                continue
            window = tuple(raws[i:i + n])
            candidates = self._window_memo.get(window)
            if candidates is None:
                candidates = self._remember(self._window_memo, window, self._candidates(window))
            if not candidates or not _contiguous(words, i, i + n, text):
                continue
            if i + n < count and raws[i + n][:1].isupper() \
                    and _NAME_GOES_ON.fullmatch(text, words[i + n - 1].end(),
                                                words[i + n].start()):
                # a short form ("the North") never swallows the start of a longer proper
                # noun ("The North Korean regime")
                candidates = tuple(c for c in candidates if not c.name[:1].islower())
                if not candidates:
                    continue
            start, end = words[i].start(), words[i + n - 1].end()
            if _OF_AFTER.match(text, end):
                # a short form heading a longer phrase: "the leader of the platoon"
                candidates = tuple(c for c in candidates if not c.name.startswith("the "))
                if not candidates:
                    continue
            return Match(start, end, text[start:end], candidates), n
        return None

    def _candidates(self, window: tuple[str, ...]) -> tuple:
        """Records a run of words (as written) names, before looking at its context."""
        last = window[-1]
        possessive = _possessive(last)
        norms = tuple(normalise_word(raw) for raw in window)
        out = list(self._exact.get(window, ()))
        keys = [norms]
        if possessive is not None:
            keys.append(norms[:-1] + (possessive,))
            out += self._exact.get(window[:-1] + (last[:-2],), [])
        for key in keys:
            for record, capitals in self._folded.get(key, ()):
                if all(window[i][:1].isupper() for i in capitals):
                    out.append(record)
        return tuple(out)

    @staticmethod
    def _remember(memo: dict, key: object, value: object):
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        memo[key] = value
        return value


_OF_AFTER = re.compile(r"\s+of\s")
#: what may stand between a name and a capitalised word that continues it ("The North
#: Korean regime"); not a full stop or a line break ("to the South.\n\nAfter …")
_NAME_GOES_ON = re.compile(r"[^\S\n]+|[-‐‑–]")
_GAP = re.compile(rf"(?:(?<=[sS])[{_APOSTROPHE_CHARS}])?[\s\-‐‑–.]*")


def _contiguous(words: list[re.Match], first: int, stop: int, text: str) -> bool:
    """Words ``first`` to ``stop - 1`` of one name may only be separated by spaces,
    hyphens or full stops, after a plural possessive's apostrophe ("Workers' Party")."""
    gap = _GAP.fullmatch
    for k in range(first, stop - 1):
        if not gap(text, words[k].end(), words[k + 1].start()):
            return False
    return True


def match(text: str, matcher: Matcher) -> list[Match]:
    return matcher.match(text)
