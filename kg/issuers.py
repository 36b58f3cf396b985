"""Who issued a directive: the agency or person its sentence names as the one that ordered.

The issuer is an actor inside the trigger ("Cabinet Decision No. 12"), one right before a
named instrument ("UN Security Council Resolution 2375"), one named right after it ("an
order from the Central Committee", "Order No. 27 of the Ministry", "the battle, which the
Party Central Committee declared"), else the subject before it, else the person last named
when the sentence says "He …". Used by :mod:`kg.frames`.
"""

from __future__ import annotations

import re

from kg.local_bodies import load_bodies, without_level
from kg.model import Entity, Mention
from kg.resolve import entity_of, registry_entity
from kg.time_choice import possessive_at
from kg.triggers import TriggerHit

_ISSUER_GAP = 60  # characters from a directive to an issuer named after it
#: a word before an actor inside the trigger makes the actor its object: "told inminban
#: heads … to", not "Cabinet Decision No. 12" or "a Central Committee decision"
_WORD_BEFORE = re.compile(r"\b(?!(?:a|an|the|which|that|by|of|from|under)\b)[a-z]{2,}\b")
_NAMING = re.compile(r"(?:['’]s)?\s")  # an actor naming the instrument right after it
_PRONOUN = re.compile(r"(?:^|[.;,]\s+)(?:He|She|he|she)\s+(?:[a-z]+\s+){0,3}$")
#: "an order the Ministry of State Security handed down": a noun, its issuer, a past verb
#: ("the 70-day battle, the labour campaign the Party Central Committee launched", "a
#: campaign the party's Central Committee launched")
_NOUN_THEN_SUBJECT = re.compile(r"[,\"”’']{0,2}\s+(?:the\s+(?:[\w’'-]+\s+){1,3}?)?(?:the\s+)?"
                                r"(?:ruling\s+)?(?:[\w-]+['’]s\s+)?")
_PAST_VERB = re.compile(r"\s+(?:had\s+|has\s+)?(?:[a-z]+ed|sent|gave|put|set|laid|made|"
                        r"issued|handed)\b")
#: "the 100-day battle against anti-socialist behaviour that the committee declared"
_MODIFIED_THEN_THAT = re.compile(r"[\"”’']?\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+[,\"”’']{0,2}\s+"
                                 r"(?:which|that)\s+(?:the\s+)?")
#: an actor right after these is the object of a preposition, not the subject of a verb
#: ... or of a verb when its name is possessed: "summoned the mine's managers"
_OBJECT_OF = re.compile(r"\b(?:of|at|in|with|to|into|from|for)\s+(?:the\s+)?(?:ruling\s+)?"
                        r"(?:[\w-]+['’]s\s+)?\Z")  # "a meeting of the party's Political Bureau"
_VERB_BEFORE = re.compile(r"\b[a-z]{3,}ed\s+(?:the\s+)?\Z")
#: a passive directive ("security officials have been told to", "units were ordered to"): the
#: actor before it is whom it addresses; only "by …" names the issuer
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|told)\b")
#: what may stand between a directive and an issuer named after it: "from"/"by" ("an
#: order from the Central Committee"), "Order No. 027 of the Ministry", "the battle, which
#: the Party Central Committee declared"
_ISSUER_AFTER = re.compile(r"\b(?:from|by)\b|\A\s+of(?:\s+the)?\s+\Z"
                           r"|\A[\s,\"”’']*(?:which|that)\s+(?:the\s+)?\Z")


def find_issuer(text: str, here: list[Mention], hit: TriggerHit, mentions: list[Mention],
                reference: object) -> Entity | None:
    """The issuer of the directive ``hit``; ``here`` are the mentions of its sentence,
    ``mentions`` all of the article's (for a pronoun's antecedent)."""
    actors = [m for m in here if m.kind in ("person", "agency")]
    inside = [m for m in actors if hit.start <= m.start and m.end <= hit.end
              and not _WORD_BEFORE.search(text, hit.start, m.start)]
    if inside:  # "Cabinet Decision No. 12", "a Central Committee decision"
        return entity_of(inside[0], reference)
    trigger = text[hit.start:hit.end]
    verbal = _verbal(trigger)
    named = [m for m in actors if not verbal and m.end <= hit.start
             and _NAMING.fullmatch(text, m.end, hit.start)]
    if named:  # "UN Security Council Resolution 2375", "the Cabinet's Decision No. 12"
        return entity_of(named[-1], reference)
    after = [m for m in actors if 0 <= m.start - hit.end <= _ISSUER_GAP and (
             _ISSUER_AFTER.search(text[hit.end:m.start]) or (
                 (_NOUN_THEN_SUBJECT.fullmatch(text[hit.end:m.start])
                  or _MODIFIED_THEN_THAT.fullmatch(text[hit.end:m.start]))
                 and not verbal and _PAST_VERB.match(text, m.end)))]
    if after:  # "an order from …", "Order No. 27 of …", "an order the MSS handed down"
        return entity_of(after[0], reference)
    # the window holds the trigger itself: "were ordered", "have been told to"
    passive = _PASSIVE.search(text, max(hit.sentence.start, hit.start - 20), hit.end)
    before = [m for m in actors if m.end <= hit.start and not passive
              and not _OBJECT_OF.search(text[max(0, m.start - 20):m.start])
              and not (possessive_at(text, m.end)
                       and _VERB_BEFORE.search(text[max(0, m.start - 30):m.start]))]
    if before:  # the subject, not "a meeting of the Politburo" before "… and ordered"
        return entity_of(before[-1], reference)
    if _PRONOUN.search(text[hit.sentence.start:hit.start]):
        persons = [m for m in mentions
                   if m.kind == "person" and m.end <= hit.sentence.start]
        if persons:  # "He also declared …": the person last named
            return entity_of(persons[-1], reference)
    return None


def _verbal(trigger: str) -> bool:
    """A one-word trigger that is a verb form ("ordered", "banning"), not a noun that a
    modifier and its issuer may follow ("the Law on Rejecting …, which the SPA adopted")."""
    return " " not in trigger.strip() and trigger.lower().endswith(("ed", "ing"))


def home_places(places: list[Entity], issuer: Entity | None,
                reference: object) -> list[Entity]:
    """The places a directive of the country's own bodies applies to: not the foreign
    places its content names ("an order to wipe out calls to South Korea"). The directive
    of a foreign or unknown body keeps them; places outside the registry stay."""
    home = load_bodies().country
    if home is None or not _at_home(issuer, reference, home):
        return places
    return [p for p in places if _country(p.slug, reference) in (home, None)]


#: minted bodies that exist only at home (local party and people's committees)
_HOME_CATEGORIES = ("PartyOrgan", "LocalGovernment")


def _at_home(issuer: Entity | None, reference: object, home: str) -> bool:
    if issuer is None:
        return True  # reporting on the country: its own authorities
    if issuer.kind == "person":
        return issuer.known  # the registry's persons are the country's leaders
    if issuer.slug in reference.agencies:
        return reference.agencies[issuer.slug].country == home
    return issuer.concept in _HOME_CATEGORIES


def _country(slug: str, reference: object) -> str | None:
    if slug not in reference.places:
        return None
    return next((x for x in (slug, *reference.parents(slug))
                 if reference.places[x].kind == "Country"), None)


def jurisdiction(issuer: Entity | None, mentions: list[Mention],
                 reference: object) -> list[Entity]:
    """The place a local body's directive is for: the place its name opens with
    ("Ryanggang Provincial Party Committee" → Ryanggang Province), among the places the
    article names and those they lie in."""
    if issuer is None or issuer.kind != "agency" or issuer.known:
        return []
    seen: set[str] = set()
    for m in mentions:
        if m.kind != "place" or m.ref not in reference.places:
            continue
        for slug in (m.ref, *reference.parents(m.ref)):
            if slug in seen:
                continue
            seen.add(slug)
            place = registry_entity("place", slug, reference)
            base = without_level(place.label, place.concept)
            if place.concept != "Country" and issuer.label.startswith(base + " ") \
                    and issuer.label != place.label:
                return [place]
    return []
