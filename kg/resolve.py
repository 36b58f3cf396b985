"""Choose one entity for each matched name and give it a stable identity.

Candidates are filtered by the dates a name was in use (a name's ``valid_from`` and
``valid_to`` against the publication date), then by the article's own context: an entity
the article names unambiguously elsewhere wins, then a place whose parent the article
names. What stays ambiguous takes the first candidate in reference-data order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from kg.mentions import Match
from kg.model import Entity, Mention
from kg.unknown import MINTED, Heads, load_heads


def _bound(value: object, upper: bool) -> str | None:
    """A validity bound as an ISO date string; a bare year covers the whole year."""
    if value in (None, ""):
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if len(text) == 4:
        return text + ("-12-31" if upper else "-01-01")
    if len(text) == 7:
        return text + ("-31" if upper else "-01")
    return text


def valid_on(record: object, published: dt.date | None) -> bool:
    if published is None:
        return True
    day = published.isoformat()
    start, end = _bounds(getattr(record, "valid_from", None), getattr(record, "valid_to", None))
    return (start is None or start <= day) and (end is None or day <= end)


@lru_cache(maxsize=4096)
def _bounds(valid_from: object, valid_to: object) -> tuple[str | None, str | None]:
    """A record's validity as ISO date strings (few distinct values, asked for per match)."""
    return _bound(valid_from, upper=False), _bound(valid_to, upper=True)


class Resolver:
    def __init__(self, reference: object) -> None:
        self.ref = reference

    def resolve(self, matches: Iterable[Match], published: dt.date | None,
                text: str = "") -> list[Mention]:
        """One mention per match whose name was in use on ``published``; ``text`` (the
        article) tells a river from a town of the same name."""
        matches = list(matches)
        live = [self._river_or_not([c for c in m.candidates if valid_on(c, published)],
                                   text, m.start, m.end) for m in matches]
        certain = {(c[0].kind, c[0].ref) for c in live if len({(x.kind, x.ref) for x in c}) == 1}
        mentions: list[Mention] = []
        for match, candidates in zip(matches, live, strict=True):
            choice = self._choose(candidates, certain)
            if choice is None:
                continue
            entity = registry_entity(choice.kind, choice.ref, self.ref)
            mentions.append(Mention(match.start, match.end, match.text, choice.kind,
                                    choice.ref, entity.label, getattr(choice, "name", "")))
        return self._without_possessors(_without_foreign_generics(mentions, text))

    def _river_or_not(self, candidates: list, text: str, start: int, end: int) -> list:
        """"crossed the Tumen" is the river; "from Tumen to Namyang", the town: a bare name
        that is both is the river only after "the" or before "river" ("the [Tumen] River")."""
        rivers = [c for c in candidates
                  if c.kind == "place" and self.ref.places[c.ref].kind == "River"]
        if not rivers or len(rivers) == len(candidates) or not text:
            return candidates
        if _THE_BEFORE.search(text, max(0, start - 20), start) or _RIVER_AFTER.match(text, end):
            return rivers
        return [c for c in candidates if c not in rivers]

    def _without_possessors(self, mentions: list[Mention]) -> list[Mention]:
        """"the Workers' Party's politburo" names one organ: an agency in the possessive
        right before one of its own sub-organs is part of that organ's name."""
        drop = set()
        for i, (m, nxt) in enumerate(zip(mentions, mentions[1:], strict=False)):
            if m.kind == nxt.kind == "agency" and nxt.start - m.end == 1 \
                    and _is_possessive(m.text) and m.ref in self.ref.agency_parents(nxt.ref):
                drop.add(i)
        return [m for i, m in enumerate(mentions) if i not in drop]

    def possessor_places(self, mentions: list[Mention], matcher: object,
                         published: dt.date | None) -> list[Mention]:
        """"South Korea's spy agency", "China's Ministry of Public Security": a registry
        agency named with its country or town in the possessive mentions that place too."""
        extra = []
        for m in mentions:
            cut = _POSSESSOR.match(m.text) if m.kind == "agency" else None
            if cut is None:
                continue
            found = [p for p in self.resolve(matcher.match(cut.group(1)), published)
                     if p.kind == "place" and p.start == 0 and p.end == len(cut.group(1))]
            extra += [replace(p, start=m.start + p.start, end=m.start + p.end) for p in found]
        return sorted(mentions + extra, key=lambda k: k.start) if extra else mentions

    def surnames(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A bare surname ("Kim told the meeting") after a full mention of exactly one
        person with that surname refers to that person (Korean names put it first); it
        is a mention of that person, registry or minted alike."""
        persons = {m.ref: m.label for m in mentions if m.kind == "person"}
        minted = {m.ref for m in mentions if m.kind == "person"
                  and m.pattern_id.startswith(MINTED)}
        by_surname: dict[str, set[str]] = {}
        for ref, label in persons.items():
            by_surname.setdefault(label.split()[0], set()).add(ref)
        first_seen = {m.ref: m.start for m in mentions if m.kind == "person"}
        taken = [(m.start, m.end) for m in mentions]
        extra = []
        for surname, refs in by_surname.items():
            if len(refs) != 1:
                continue
            ref = next(iter(refs))
            for m in re.finditer(rf"\b{re.escape(surname)}\b(?![\s-]+[A-Z])", text):
                if m.start() > first_seen[ref] and not any(
                        a < m.end() and m.start() < b for a, b in taken):
                    extra.append(Mention(m.start(), m.end(), m.group(), "person", ref,
                                         persons[ref], MINTED if ref in minted else "surname"))
        return sorted(mentions + extra, key=lambda m: m.start)

    def abbreviations(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"Ministry of State Security (MSS)" defines MSS for this article: every later
        "MSS" names that entity, whatever else the registry says the letters mean."""
        defined: dict[str, Mention] = {}
        for m in mentions:
            if m.kind == "agency" or m.kind == "place":
                d = _DEFINITION.match(text, m.end)
                if d and d.group(1) != m.text:
                    defined.setdefault(d.group(1), m)
        if not defined:
            return mentions
        out = []
        for m in mentions:
            source = defined.get(m.text)
            if source is not None and m.start > source.end and m.ref != source.ref:
                m = Mention(m.start, m.end, m.text, source.kind, source.ref, source.label,
                            source.pattern_id)
            out.append(m)
        taken = [(m.start, m.end) for m in out]
        for abbr, source in defined.items():
            for found in re.finditer(rf"\b{re.escape(abbr)}\b", text):
                if found.start() > source.end and not any(
                        a < found.end() and found.start() < b for a, b in taken):
                    out.append(Mention(found.start(), found.end(), abbr, source.kind,
                                       source.ref, source.label, source.pattern_id))
        return sorted(out, key=lambda m: m.start)

    def definite_agencies(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"the anti-epidemic committee" after "the Central Emergency Anti-Epidemic
        Committee" refers to it: a definite description whose words all occur, in order,
        in an agency named earlier in the article or in the two words before it ("the
        provincial bureau" after "the provincial people's security bureau"); "the
        ministry" alone only when a single agency named before fits."""
        agencies = [m for m in mentions if m.kind == "agency"]
        taken = [(m.start, m.end) for m in mentions]
        extra = []
        for m in _definite_agency(load_heads()).finditer(text):
            start, end = m.start(1), m.end(1)
            if any(a < end and start < b for a, b in taken):
                continue
            words = _words(m.group(1))
            earlier = [a for a in agencies if a.end <= m.start()
                       and _in_order(words, _words(text[max(0, a.start - _LEAD):a.start])[-2:]
                                     + _words(a.text) + _words(a.label))]
            if len(words) == 1 and len({a.ref for a in earlier}) != 1:
                continue  # "the ministry" only when one ministry was named before
            if earlier:
                a = earlier[-1]
                extra.append(Mention(start, end, m.group(1), "agency", a.ref, a.label,
                                     a.pattern_id))
        return sorted(mentions + extra, key=lambda m: m.start)


    def _choose(self, candidates: list, certain: set):
        distinct = list({(c.kind, c.ref): c for c in candidates}.values())
        if len(distinct) <= 1:
            return distinct[0] if distinct else None
        named = [c for c in distinct if (c.kind, c.ref) in certain]
        if len(named) == 1:
            return named[0]
        places = [c for c in distinct if c.kind == "place"]
        in_context = [c for c in places
                      if any(("place", p) in certain for p in self.ref.parents(c.ref))]
        if len(in_context) == 1:
            return in_context[0]
        return distinct[0]


_THE_BEFORE = re.compile(r"\b[Tt]he\s(?:[a-z]+\s)?\[?\Z")  # "the (frozen) Tumen", "the [Tumen"
_RIVER_AFTER = re.compile(r"\]?\s+[Rr]iver\b")
_DEFINITION = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")
_LEAD = 25  # characters before an agency name searched for words that describe it


def _without_foreign_generics(mentions: list[Mention], text: str) -> list[Mention]:
    """"Thai immigration police", "Mongolian police": a generic word for a home agency
    after a foreign nationality names that country's body, which the registry lacks."""
    foreign = load_heads().foreign
    if foreign is None or not text:
        return mentions
    return [m for m in mentions
            if not (m.kind == "agency" and m.text[:1].islower()
                    and foreign.search(text, max(0, m.start - _FOREIGN_REACH), m.start))]


_FOREIGN_REACH = 40  # characters before a generic agency word searched for a nationality


def _definite_agency(heads: Heads) -> re.Pattern:
    """"the city's people's committee", "the station": a definite description, headed by the
    last word of an agency head of heads.tsv or by one of its description nouns."""
    words = {k.split()[-1] for k, (kind, _) in heads.kinds.items() if kind == "agency"}
    return _description(tuple(sorted(words | heads.descriptions, key=lambda w: (-len(w), w))))


@lru_cache(maxsize=8)
def _description(nouns: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\b[Tt]he ((?:[a-z][\w-]* ){{0,3}}(?:{'|'.join(nouns)})s?)\b")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.casefold().replace("-", " "))


def _in_order(needle: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(w == h for h in it) for w in needle)


def entity_of(m: Mention, reference: object) -> Entity:
    """The entity a mention names: a registry record, or one minted from its label."""
    if m.pattern_id.startswith(MINTED):
        return Entity(m.kind, m.ref, m.label, m.pattern_id[len(MINTED):], known=False)
    return registry_entity(m.kind, m.ref, reference)


def registry_entity(kind: str, ref: str, reference: object) -> Entity:
    """The entity of a registry record: its canonical name and place kind or category."""
    if kind == "place":
        rec = reference.places[ref]
        return Entity("place", ref, rec.name, rec.kind)
    if kind == "agency":
        rec = reference.agencies[ref]
        return Entity("agency", ref, rec.name, rec.category)
    return Entity("person", ref, reference.persons[ref].name)


def entities_of(reference: object, mentions: Iterable[Mention]) -> list[Entity]:
    """Distinct entities in order of first mention."""
    seen: dict[tuple[str, str], Entity] = {}
    for m in mentions:
        key = (m.kind, m.ref)
        if key not in seen and m.ref is not None:
            seen[key] = entity_of(m, reference)
    return list(seen.values())


#: an agency name that opens with a possessor: "South Korea's spy agency"
_POSSESSOR = re.compile(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}['’]s) ")


def _is_possessive(text: str) -> bool:
    """"Party's", "Workers' Party’s" (not "Workers'" alone: that is a plural)."""
    return len(text) > 2 and text[-2] in "'’" and text[-1] in "sS"
