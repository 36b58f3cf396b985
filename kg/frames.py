"""Incidents and directives from sentence-level triggers, with their arguments.

Stages, each a small function:

1. ``match_triggers`` — the trigger patterns of ontology/triggers.tsv, per sentence; a
   trigger in the scope of a negation, hypothetical or demand cue (ontology/cues.tsv) is
   dropped: "failed to escape", "if he escapes", "ordered forces to seal off".
2. ``FrameFinder.frame`` — places, agencies, persons, time, participants and identifier
   from the trigger's sentence.
3. ``merge`` — an event told again joins its first telling: a definite reference ("the
   escape", "this order"), the same places, or the body retelling what the lead said.
4. ``link_responses`` — a directive anchored on an incident ("the day after the escape")
   or sharing its sentence responds to it.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg import timex
from kg.errors import DataError
from kg.model import Article, Entity, Frame, Mention, QuotedSource, Sentence, TimeValue
from kg.ontology_files import ontology_dir
from kg.prefilter import required_words
from kg.resolve import entity_of
from kg.sources import source_spans

_SCOPE = 120  # characters before a trigger searched for scope cues (within its clause)
_NEGATION = 25  # characters before a trigger in which a negation cue negates it
_NEAR = 25  # characters either side of a trigger searched for tense cues
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:(?-i:[a-z][\w-]*)\s+)?$",
                       re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,]*|[A-Za-z]+(?:-[A-Za-z]+)?")
_CLAUSE_BREAK = re.compile(r"[;:,]\s|\s(?:but|while|whereas)\s|\s[—–-]{1,2}\s")
#: directive types in order of preference when one sentence fires several
_DIRECTIVE_PRIORITY = ("Decree", "Order", "Campaign")
#: agency categories that report directives but do not issue them
_NON_ISSUERS = frozenset({"StateMedia"})


@lru_cache(maxsize=8)
def load_aspects(directory: Path | None = None) -> dict[str, str]:
    """Incident type → "state" or "event" (ontology/frame_types.tsv)."""
    path = (directory or ontology_dir()) / "frame_types.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    out = {}
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        if not row.get("type") or row.get("aspect") not in ("state", "event"):
            raise DataError(f"{path}:{number}: needs a type and an aspect (state|event)")
        out[row["type"]] = row["aspect"]
    return out


@dataclass(frozen=True)
class TriggerHit:
    frame: str
    type: str
    trigger_id: str
    sentence: Sentence
    start: int  # offsets in the article text
    end: int
    definite: bool


@dataclass(frozen=True)
class _Row:
    index: int
    frame: str
    type: str
    id: str
    regex: re.Pattern
    words: frozenset[str] | None  # a match contains one of these (kg.prefilter)


@lru_cache(maxsize=8)
def _rows(reference: object) -> tuple[_Row, ...]:
    out = []
    for i, t in enumerate(reference.triggers):
        source = _source(t.pattern)
        out.append(_Row(i, t.frame, t.type, t.id,
                        re.compile(rf"\b(?:{source})\b", re.IGNORECASE),
                        required_words(source)))
    return tuple(out)


def _source(pattern: object) -> str:
    return pattern.pattern if isinstance(pattern, re.Pattern) else str(pattern)


def _cue_hit(reference: object, kinds: tuple[str, ...], text: str) -> bool:
    return any(p.search(text) for k in kinds if (p := _cue_pattern(reference, k)) is not None)


@lru_cache(maxsize=64)
def _cue_pattern(reference: object, kind: str) -> re.Pattern | None:
    """All cues of a kind as one alternation: one search instead of one per row."""
    cues = reference.cues.get(kind, ())
    if not cues:
        return None
    return re.compile("|".join(f"(?:{c.pattern.pattern})" for c in cues), re.IGNORECASE)


def _clause_before(text: str, start: int) -> str:
    """The part of ``text``'s clause that precedes ``start``."""
    return _CLAUSE_BREAK.split(text[max(0, start - _SCOPE):start])[-1]


def match_triggers(article: Article, reference: object,
                   mentions: list[Mention] = ()) -> list[TriggerHit]:
    """Trigger hits in text order, at most one per type and sentence; ``mentions`` keep
    "the leader ordered" from reading as a definite reference ("the order").

    Only rows whose required words occur in the article are run (kg.prefilter); the
    matches of a type are then read left to right, as one alternation would.
    """
    rows_of = _rows_per_sentence(article, reference)
    hits = []
    for index, sentence in enumerate(article.sentences):
        by_type: dict[tuple[str, str], list] = defaultdict(list)
        for row in rows_of.get(index, ()):
            for m in row.regex.finditer(sentence.text):
                by_type[(row.frame, row.type)].append((m.start(), row.index, m, row))
        for (frame, kind), found in sorted(by_type.items(), key=lambda kv: kv[0]):
            end = 0
            for start, _, m, row in sorted(found, key=lambda f: (f[0], f[1])):
                if start < end:
                    continue  # overlaps a match already read
                end = m.end()
                scope = _clause_before(sentence.text, start)
                if _cue_hit(reference, ("hypothetical",), scope) or _cue_hit(
                        reference, ("negation",), scope[-_NEGATION:]) or (
                        frame == "incident" and _cue_hit(reference, ("background",),
                                                         scope[-_NEGATION:])):
                    continue
                begin = sentence.start + start
                det = _DEFINITE.search(sentence.text[:start])
                definite = det is not None and not any(
                    x.end > sentence.start + det.start() and x.start < begin for x in mentions)
                hits.append(TriggerHit(frame, kind, row.id, sentence, begin,
                                       sentence.start + m.end(), definite))
                break  # one frame of a type per sentence
    return _one_directive_per_sentence(hits)


def _rows_per_sentence(article: Article, reference: object) -> dict[int, list[_Row]]:
    """Sentence index → the trigger rows worth running there (their words occur in it)."""
    lowered = article.text.lower()
    starts = [s.start for s in article.sentences]
    out: dict[int, list[_Row]] = defaultdict(list)
    for row in _rows(reference):
        if row.words is None:
            indices: set[int] = set(range(len(starts)))
        else:
            indices = set()
            for word in row.words:
                at = lowered.find(word)
                while at >= 0:
                    indices.add(bisect_right(starts, at) - 1)
                    at = lowered.find(word, at + 1)
        for i in indices:
            out[i].append(row)
    return out


def _one_directive_per_sentence(hits: list[TriggerHit]) -> list[TriggerHit]:
    best: dict[int, TriggerHit] = {}
    for h in hits:
        if h.frame != "directive":
            continue
        current = best.get(h.sentence.start)
        if current is None or _rank(h) < _rank(current):
            best[h.sentence.start] = h
    keep = set(map(id, best.values()))
    return [h for h in hits if h.frame == "incident" or id(h) in keep]


def _rank(hit: TriggerHit) -> int:
    return (_DIRECTIVE_PRIORITY.index(hit.type) if hit.type in _DIRECTIVE_PRIORITY
            else len(_DIRECTIVE_PRIORITY))


def _in(m: Mention, s: Sentence) -> bool:
    return s.start <= m.start and m.end <= s.end


def _entity(m: Mention, reference: object) -> Entity:
    return entity_of(m, reference)


def _unique(entities: list[Entity]) -> list[Entity]:
    return list({(e.kind, e.slug): e for e in entities}.values())


class FrameFinder:
    """Fills a frame's arguments from the sentence its trigger is in."""

    def __init__(self, article: Article, mentions: list[Mention],
                 sources: list[QuotedSource], reference: object) -> None:
        self.article = article
        self.reference = reference
        self.published = article.meta.published
        spans = source_spans(article, reference)
        self.excluded = spans
        self.mentions = [m for m in mentions
                         if not any(a <= m.start and m.end <= b for a, b in spans)]
        self.sources = sources
        self.aspects = load_aspects()
        self.hits: list[TriggerHit] = []
        #: (offset, trigger, time) of every time resolved so far, for anchored expressions
        self.timeline: list[tuple[int, TriggerHit, TimeValue]] = []

    def frame(self, hit: TriggerHit, anchor: TimeValue | None) -> Frame:
        s = hit.sentence
        here = [m for m in self.mentions if _in(m, s)]
        frame = Frame(hit.frame, hit.type, s, self.article.text[hit.start:hit.end],
                      hit.trigger_id)
        frame.time = self.time(s, hit, anchor)
        frame.source = self.source_index(s)
        agencies = [m for m in here if m.kind == "agency"]
        if hit.frame == "directive":
            frame.issuer = self.issuer(here, hit)
            frame.places = _unique([_entity(m, self.reference) for m in here
                                    if m.kind == "place" and m.start >= hit.start])
            frame.identifier = self.identifier(s)
            if frame.identifier:
                frame.type = "Decree"
            frame.addressees = _unique([_entity(m, self.reference) for m in agencies
                                        if m.start > hit.end and (frame.issuer is None or
                                                                 m.ref != frame.issuer.slug)])
        else:
            frame.places = _unique([_entity(m, self.reference) for m in here
                                    if m.kind == "place"])
            frame.agencies = _unique([_entity(m, self.reference) for m in agencies])
            frame.participants = self.participants(s)
        return frame

    def time(self, s: Sentence, hit: TriggerHit, anchor: TimeValue | None) -> TimeValue | None:
        """The time expression that belongs to this trigger, else the aspect's default.

        A time next to an ending word ("lifted on Mar. 23") dates the end, not the
        incident; a time nearer another trigger of the sentence is that trigger's.
        """
        report_ends = [m.end() for c in self.reference.cues.get("report", ())
                       for m in c.pattern.finditer(s.text)]
        here = hit.start - s.start, hit.end - s.start
        others = [(h.start - s.start, h.end - s.start) for h in self.hits
                  if h.sentence.start == s.start and h is not hit]
        candidates = []
        for start, end, expression in timex.find_times(s.text):
            if any(a <= s.start + start < b for a, b in self.excluded):
                continue  # a dateline's date is when the story was filed
            if any(0 <= start - e <= 20 for e in report_ends):
                continue  # "told Daily NK on Sunday": when it was said, not when it happened
            if _cue_hit(self.reference, ("prospective",), _clause_before(s.text, start)[-70:]):
                continue  # "ahead of the anniversary in October"
            rank = _time_rank(start, end, here)
            if rank[0] == 2 and "," not in s.text[end:here[0]]:
                continue  # "a man who had defected three years ago came back": not its time
            if rank[0] != 1 and any(_gap((start, end), o) < _gap((start, end), here)
                                    for o in others):
                continue  # nearer another trigger: its time, not this one's
            if hit.frame == "incident" and _cue_hit(
                    self.reference, ("ending",), s.text[max(0, start - _NEAR):start]):
                continue  # "lifted on Mar. 23": when it ended
            candidates.append((rank, start, expression))
        for _, start, expression in sorted(candidates):
            if timex.is_anchored(expression):
                anchor = self.anchor(s, start) or anchor
            value = timex.resolve(expression, self.published, anchor)
            if value is not None and value.value is not None:
                if not timex.is_anchored(expression):
                    self.timeline.append((s.start + start, hit, value))
                return value
        if self.published and hit.frame == "incident" \
                and self.aspects.get(hit.type) == "state":
            return TimeValue("(at the time of publication)", self.published.strftime("%Y-%m"))
        return None

    def anchor(self, s: Sentence, start: int) -> TimeValue | None:
        """What "the day after the collapse" / "the same day" counts from: the time of the
        event the sentence names ("after the collapse"), else the latest time told before."""
        m = _ANCHOR.search(s.text, max(0, start - 40))
        if m:
            stem = m.group(1).casefold()[:5]
            for _, hit, value in reversed(self.timeline):
                words = re.findall(r"[a-z]+", self.article.text[hit.start:hit.end].casefold())
                if len(stem) >= 4 and any(w.startswith(stem) for w in words):
                    return value
        before = [(at, v) for at, _, v in self.timeline if at < s.start + start]
        return max(before, key=lambda item: item[0])[1] if before else None

    def issuer(self, here: list[Mention], hit: TriggerHit) -> Entity | None:
        actors = [m for m in here if m.kind in ("person", "agency")]
        after = [m for m in actors if 0 <= m.start - hit.end <= 40 and
                 re.search(r"\b(?:from|by)\b", self.article.text[hit.end:m.start])]
        if after:
            return _entity(after[0], self.reference)
        before = [m for m in actors if m.end <= hit.start]
        return _entity(before[-1], self.reference) if before else None

    def identifier(self, s: Sentence) -> str | None:
        for cue in self.reference.cues.get("identifier", ()):
            m = cue.pattern.search(s.text)
            if m:
                return m.group()
        return None

    def participants(self, s: Sentence) -> int | None:
        for cue in self.reference.cues.get("participants", ()):
            m = cue.pattern.search(s.text)
            if m:
                numbers = [self.number(w) for w in _NUMBER.findall(m.group())]
                numbers = [n for n in numbers if n is not None]
                if numbers:
                    return numbers[-1]
        return None

    def number(self, word: str) -> int | None:
        if word[:1].isdigit():
            return int(word.replace(",", ""))
        return self.reference.numbers.get(word.casefold())

    def source_index(self, s: Sentence) -> int | None:
        if not self.sources:
            return None
        before = [i for i, src in enumerate(self.sources) if src.sentence.start <= s.start]
        return before[-1] if before else 0


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _time_rank(start: int, end: int, trigger: tuple[int, int]) -> tuple[int, int]:
    """English puts an event's time after its verb phrase or at the head of the sentence;
    a time just before a mid-sentence trigger usually belongs to the previous clause."""
    if start >= trigger[1]:
        return (0, start - trigger[1])
    if start <= 4:
        return (1, trigger[0] - end)
    return (2, trigger[0] - end)


def _places(frame: Frame) -> set[str]:
    return {p.slug for p in frame.places}


def _compatible(a: Frame, b: Frame) -> bool:
    pa, pb = _places(a), _places(b)
    same_issuer = a.issuer is None or b.issuer is None or a.issuer.slug == b.issuer.slug
    return same_issuer and (not pa or not pb or bool(pa & pb))


def merge(frames: list[Frame], hits: list[TriggerHit], lede_end: int,
          aspects: dict[str, str] | None = None) -> list[Frame]:
    """Join a frame told again into its first telling (see the module docstring)."""
    aspects = aspects or {}
    out: list[Frame] = []
    retold: set[int] = set()
    for frame, hit in zip(frames, hits, strict=True):
        same = [f for f in out if f.type == frame.type and _compatible(f, frame)]
        target = None
        if hit.definite and any(f.type == frame.type for f in out):
            target = [f for f in out if f.type == frame.type][-1]
        elif same and frame.frame == "incident" and any(_places(f) & _places(frame)
                                                         for f in same):
            target = next(f for f in same if _places(f) & _places(frame))
        elif same and frame.frame == "incident" and not frame.places \
                and frame.participants is None:
            target = same[-1]  # nothing tells it apart from the earlier telling
        elif same and frame.frame == "incident" and aspects.get(frame.type) == "state":
            target = same[0]  # an article describes one shortage, one market closure …
        else:
            lede = [f for f in same if f.sentence.start < lede_end and id(f) not in retold]
            if lede:
                target = lede[0]
                retold.add(id(target))
        if target is None:
            out.append(frame)
        else:
            _absorb(target, frame)
    return out


def _refines(value: str, than: str) -> bool:
    """"2020-11-29" refines "2020-11": the later telling gives the day of the month."""
    return len(value) > len(than) and value.startswith(than)


def _absorb(target: Frame, other: Frame) -> None:
    target.places = _unique(target.places + other.places)
    target.agencies = _unique(target.agencies + other.agencies)
    target.addressees = _unique(target.addressees + other.addressees)
    if other.time is not None and other.time.value is not None and (
            target.time is None or target.time.value is None
            or target.time.expression.startswith("(")
            or _refines(other.time.value, target.time.value)):
        target.time = other.time
    target.participants = target.participants or other.participants
    target.issuer = target.issuer or other.issuer
    target.identifier = target.identifier or other.identifier


def find_frames(article: Article, mentions: list[Mention], sources: list[QuotedSource],
                reference: object) -> tuple[list[Frame], list[Frame]]:
    finder = FrameFinder(article, mentions, sources, reference)
    hits = match_triggers(article, reference, mentions)
    finder.hits = hits
    lede_end = article.sentences[0].end if article.sentences else 0
    incident_hits = [h for h in hits if h.frame == "incident"]
    raw: list[Frame] = []
    anchor: TimeValue | None = None
    for hit in incident_hits:
        frame = finder.frame(hit, anchor)
        raw.append(frame)
        if anchor is None and frame.time is not None and frame.time.value is not None \
                and not frame.time.expression.startswith("("):
            anchor = frame.time
    incidents = merge(raw, incident_hits, lede_end, finder.aspects)
    directive_hits = [h for h in hits if h.frame == "directive"]
    directive_frames = [finder.frame(h, _anchor_for(h, incidents)) for h in directive_hits]
    kept = [(f, h) for f, h in zip(directive_frames, directive_hits, strict=True)
            if f.issuer is None or f.issuer.concept not in _NON_ISSUERS]
    directives = merge([f for f, _ in kept], [h for _, h in kept], lede_end)
    link_responses(directives, incidents, reference)
    return incidents, directives


def _anchor_for(hit: TriggerHit, incidents: list[Frame]) -> TimeValue | None:
    earlier = [f for f in incidents if f.sentence.start <= hit.sentence.start and f.time
               and f.time.value and not f.time.expression.startswith("(")]
    return earlier[0].time if earlier else None


_ANCHOR = re.compile(r"\b(?:after|following|since|over)\s+(?:the|this|that)\s+([A-Za-z]+)",
                     re.IGNORECASE)


def link_responses(directives: list[Frame], incidents: list[Frame], reference: object) -> None:
    """A directive responds to the incident its sentence is anchored on: "the day after
    the escape, the leader ordered …" — the anchor word shares its stem with the
    incident's trigger ("escape" / "escaped the country")."""
    for directive in directives:
        for m in _ANCHOR.finditer(directive.sentence.text[:_directive_offset(directive)]):
            stem = m.group(1).casefold()[:5]
            for index, incident in enumerate(incidents):
                words = re.findall(r"[a-z]+", incident.trigger.casefold())
                if len(stem) >= 4 and any(w.startswith(stem) for w in words):
                    directive.responds_to = index
                    break
            if directive.responds_to is not None:
                break


def _directive_offset(frame: Frame) -> int:
    found = frame.sentence.text.find(frame.trigger)
    return found if found >= 0 else len(frame.sentence.text)
