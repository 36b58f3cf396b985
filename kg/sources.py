"""Quoted sources: "a source in South Pyongan Province", "a Daily NK source", ….

Patterns are the ``source`` cues of ontology/cues.tsv. A source's place is the place
named inside its phrase. The same phrase twice is one source.

Source phrases are matched sentence by sentence, and a cue is only run on the sentences
holding one of the words it cannot match without (``kg.prefilter``): most sentences of
an article quote nobody.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from kg.model import Article, Entity, Mention, QuotedSource, Sentence
from kg.prefilter import required_words
from kg.resolve import entity_of

#: Non-ASCII letters that case-insensitive ``re`` matching equates with ASCII ones and
#: ``str.lower`` does not turn into them (Python's ``re`` docs; "K", the Kelvin sign, it does).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_FOLDED = "\u0130\u0131\u017f"


def find_sources(article: Article, mentions: list[Mention], reference: object
                 ) -> list[QuotedSource]:
    places = [m for m in mentions if m.kind == "place"]
    found: dict[str, QuotedSource] = {}
    for sentence, _, m_start, m_end in _scan(article, reference):
        start, end = sentence.start + m_start, sentence.start + m_end
        label = _label(article.text, start, end, places)
        if label.casefold() in found:
            continue
        place = _place_in(start, end, places, reference)
        found[label.casefold()] = QuotedSource(label, sentence, place)
    return sorted(found.values(), key=lambda s: s.sentence.start)


def source_spans(article: Article, reference: object) -> list[tuple[int, int]]:
    """Spans of source phrases and datelines: places and times inside them say where a
    source is or where a story was filed, not where or when events happened.

    Source phrases are found per sentence, as in ``find_sources``; a dateline over the
    whole text (its pattern may be anchored at the start of the article).
    """
    by_cue: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for sentence, index, start, end in _scan(article, reference):
        by_cue[index].append((sentence.start + start, sentence.start + end))
    spans = [span for index in sorted(by_cue) for span in by_cue[index]]
    for cue in reference.cues.get("dateline", []):
        spans.extend(m.span() for m in cue.pattern.finditer(article.text))
    return spans


#: (article, reference, matches) of the article scanned last: the pipeline asks for its
#: sources, then the frames for their spans, and both come from the same scan.
_last_scan: list[tuple[Article, object, list[tuple[Sentence, int, int, int]]]] = []


def _scan(article: Article, reference: object) -> list[tuple[Sentence, int, int, int]]:
    """(sentence, cue index, start, end in the sentence) of every source cue match."""
    for seen, ref, found in _last_scan:
        if seen is article and ref is reference:
            return found
    found = [(sentence, index, m.start(), m.end())
             for sentence, index, m in _matches(article, reference.cues.get("source", []))]
    _last_scan[:] = [(article, reference, found)]
    return found


def _matches(article: Article, cues: list) -> Iterator[tuple[Sentence, int, object]]:
    """(sentence, cue index, match) of every cue in every sentence, in sentence order and
    then cue order, skipping the sentences a cue's required words are missing from."""
    text = article.text
    folded = _fold(text)
    starts = [s.start for s in article.sentences]
    wanted = [_sentences_with(folded, starts, _words(cue.pattern.pattern))
              if len(folded) == len(text) else None for cue in cues]
    for i, sentence in enumerate(article.sentences):
        for index, cue in enumerate(cues):
            if wanted[index] is not None and i not in wanted[index]:
                continue
            for m in cue.pattern.finditer(sentence.text):
                yield sentence, index, m


def _sentences_with(folded: str, starts: list[int], words: frozenset[str] | None
                    ) -> set[int] | None:
    """Indices of the sentences (by start offset) whose folded text holds one of ``words``;
    None when there are no such words and every sentence may match."""
    if words is None:
        return None
    out: set[int] = set()
    for word in words:
        at = folded.find(word)
        while at >= 0:
            out.add(bisect_right(starts, at) - 1)
            at = folded.find(word, at + 1)
    return out


@lru_cache(maxsize=256)
def _words(pattern: str) -> frozenset[str] | None:
    """Words every match of a case-insensitive ``pattern`` contains one of, when they are
    plain ASCII (only then does ``str.lower`` fold them exactly as ``re`` does)."""
    words = required_words(pattern)
    if words is None or not all(w.isascii() for w in words):
        return None
    return words


def _fold(text: str) -> str:
    """``text`` in lower case, with every letter ``re`` would take for an ASCII one."""
    if not text.isascii() and any(c in text for c in _FOLDED):
        text = text.translate(_FOLD)
    return text.lower()


def _label(text: str, start: int, end: int, places: list[Mention]) -> str:
    """The phrase, extended to the end of a place name it runs into."""
    for p in places:
        if p.start < end < p.end:
            end = p.end
    return " ".join(text[start:end].split())


def _place_in(start: int, end: int, places: list[Mention], reference: object) -> Entity | None:
    for p in places:
        if start <= p.start < end + 2:
            return entity_of(p, reference)
    return None
