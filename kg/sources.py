"""Quoted sources: "a source in South Pyongan Province", "a Daily NK source", ….

Patterns are the ``source`` cues of ontology/cues.tsv. A source's place is the place
named inside its phrase. The same phrase twice is one source.
"""

from __future__ import annotations

from kg.model import Article, Entity, Mention, QuotedSource
from kg.resolve import entity_of


def find_sources(article: Article, mentions: list[Mention], reference: object
                 ) -> list[QuotedSource]:
    patterns = reference.cues.get("source", [])
    places = [m for m in mentions if m.kind == "place"]
    found: dict[str, QuotedSource] = {}
    for sentence in article.sentences:
        for cue in patterns:
            for m in cue.pattern.finditer(sentence.text):
                start, end = sentence.start + m.start(), sentence.start + m.end()
                label = _label(article.text, start, end, places)
                if label.casefold() in found:
                    continue
                place = _place_in(start, end, places, reference)
                found[label.casefold()] = QuotedSource(label, sentence, place)
    return sorted(found.values(), key=lambda s: s.sentence.start)


def source_spans(article: Article, reference: object) -> list[tuple[int, int]]:
    """Spans of source phrases and datelines: places and times inside them say where a
    source is or where a story was filed, not where or when events happened."""
    spans = []
    for cue in reference.cues.get("source", []) + reference.cues.get("dateline", []):
        for m in cue.pattern.finditer(article.text):
            spans.append((m.start(), m.end()))
    return spans


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
