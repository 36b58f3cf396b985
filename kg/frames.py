"""Incidents and directives with their arguments, from trigger hits (kg.triggers).

``FrameFinder.frame`` fills a frame from its trigger's sentence: places, agencies, issuer
(kg.issuers), time, participants and identifier. ``find_frames`` runs the stages: match
triggers → fill frames → merge retellings → link directives to the incidents they answer
(kg.retelling).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path

from kg import timex
from kg.headcount import head_count
from kg.issuers import find_issuer, home_places, jurisdiction
from kg.model import Article, Frame, Mention, QuotedSource, Sentence, TimeValue
from kg.ontology_files import ontology_dir
from kg.reference_tsv import TsvFile
from kg.resolve import entity_of
from kg.retelling import link_responses, merge, unique
from kg.sources import source_spans
from kg.time_choice import (
    counts_from_speech,
    cue_ends,
    follows_cue,
    gap,
    may_date,
    possessive_at,
    rank,
    report_day,
)
from kg.timespan import bounds, told_span
from kg.triggers import (
    ANCHOR,
    TriggerHit,
    clause_before,
    cue_hit,
    cue_pattern,
    match_triggers,
)
from kg.unknown import DESCRIBING_SUFFIX

_HEAD_WORD = re.compile(r"(?:(?:by|before)\s+)?")  # the deadline word a time may open with
_DESCRIBES = re.compile(DESCRIBING_SUFFIX)  # a place that describes a company, not an event's
_NEAR = 25  # characters either side of a trigger searched for tense cues
_LEDE_FOLLOWERS = 2  # sentences after the lead searched for the day of its event
_TOLD_BACK = 2  # sentences before an anchored time ("two days later") searched for its day
_ANCHOR_BACK = 4  # … and how far back, when those two name none
_ISSUED = 30  # characters before a time searched for an issuing verb ("issued on Nov. 3")
#: a relative clause after the trigger tells another event, and its places are that one's:
#: "… working in the forests, where trucks haul the logs to Hyesan"
_WHERE = re.compile(r"[,;]\s+where\s")
#: agency categories that report directives but do not issue them
_NON_ISSUERS = frozenset({"StateMedia"})


@lru_cache(maxsize=8)
def load_aspects(directory: Path | None = None) -> dict[str, str]:
    """Incident type → "state" or "event" (ontology/frame_types.tsv)."""
    f = TsvFile((directory or ontology_dir()) / "frame_types.tsv", ("type", "aspect", "note"))
    out = {}
    for line, row in f.rows():
        if row["aspect"] not in ("state", "event"):
            raise f.error(line, "aspect must be state or event")
        out[f.required(line, row, "type")] = row["aspect"]
    return out


@lru_cache(maxsize=8)
def load_senses(directory: Path | None = None) -> dict[str, str]:
    """Trigger id → sense (ontology/trigger_senses.tsv): tellings of different senses are
    different incidents."""
    f = TsvFile((directory or ontology_dir()) / "trigger_senses.tsv", ("trigger", "sense", "note"))
    return {f.required(line, row, "trigger"): f.required(line, row, "sense")
            for line, row in f.rows()}


def _in(m: Mention, s: Sentence) -> bool:
    return s.start <= m.start and m.end <= s.end


class FrameFinder:
    """Fills a frame's arguments from the sentence its trigger is in."""

    def __init__(self, article: Article, mentions: list[Mention],
                 sources: list[QuotedSource], reference: object) -> None:
        self.article = article
        self.reference = reference
        self.published = article.meta.published
        spans = source_spans(article, reference)
        self.excluded = spans
        agencies = [(m.start, m.end) for m in mentions if m.kind == "agency"]
        self.mentions = [m for m in mentions
                         if not any(a <= m.start and m.end <= b for a, b in spans)
                         and not (m.kind == "place" and (any(  # "South Korea's spy agency"
                             a <= m.start and m.end < b for a, b in agencies)
                             or _DESCRIBES.match(article.text, m.end)))]  # "Pyongyang-based"
        self.sources = sources
        self.all_mentions = mentions
        self._times: dict[int, list[tuple[int, int, str]]] = {}
        self._here: dict[int, list[Mention]] = {}
        self._counts: dict[int, int | None] = {}
        self.mentions.sort(key=lambda m: m.start)  # stable: equal starts keep their order
        self._starts = [m.start for m in self.mentions]
        self._sentence_starts = [x.start for x in article.sentences]
        self.aspects = load_aspects()
        self.hits: list[TriggerHit] = []
        self._report_day: list[TimeValue | None] = []  # worked out when first needed
        self._hits_in: dict[int, list[TriggerHit]] = {}  # sentence start → its hits
        #: (offset, trigger, time) of every time resolved so far, for anchored expressions
        self.timeline: list[tuple[int, TriggerHit, TimeValue]] = []

    def frame(self, hit: TriggerHit, anchor: TimeValue | None) -> Frame:
        s = hit.sentence
        here = self.mentions_in(s)
        frame = Frame(hit.frame, hit.type, s, self.article.text[hit.start:hit.end],
                      hit.trigger_id)
        frame.time = self.time(s, hit, anchor)
        frame.source = self.source_index(s)
        agencies = [m for m in here if m.kind == "agency"]
        if hit.frame == "directive":
            frame.issuer = find_issuer(self.article.text, here, hit, self.all_mentions,
                                       self.reference)
            frame.places = home_places(unique([entity_of(m, self.reference) for m in here
                                               if m.kind == "place" and m.start >= hit.start]),
                                       frame.issuer, self.reference)
            if frame.places:  # a local body's own area, beside the places it names
                frame.places = unique(jurisdiction(frame.issuer, self.all_mentions,
                                                   self.reference) + frame.places)
            frame.identifier = self.identifier(s)
            if frame.identifier:
                frame.type = "Decree"
            frame.addressees = unique([entity_of(m, self.reference) for m in agencies
                                        if m.start > hit.end and (frame.issuer is None or
                                                                 m.ref != frame.issuer.slug)])
        else:
            where = _WHERE.search(s.text, hit.end - s.start)
            first, limit = self.clause_of(hit)
            limit = min(limit, s.start + where.start() if where else s.end)
            frame.places = unique([entity_of(m, self.reference) for m in here
                                    if m.kind == "place" and first <= m.start < limit])
            frame.agencies = unique([entity_of(m, self.reference) for m in agencies])
            frame.participants = self.participants(s)
        return frame

    def clause_of(self, hit: TriggerHit) -> tuple[int, int]:
        """The stretch of its sentence a hit tells, when the sentence tells several events
        of its type ("caught a boy in Kumsong-ri …, and on Monday the storekeeper in
        Songha-ri was taken away"): from the hit before of the type to the one after."""
        kin = [h for h in self._hits_in.get(hit.sentence.start, ()) if h.type == hit.type]
        before = max((h.end for h in kin if h.end <= hit.start), default=None)
        after = [h.start for h in kin if h.start >= hit.end]
        if before is not None:  # from the clause break after the hit before
            text = self.article.text
            before = max(text.rfind(",", before, hit.start), text.rfind(";", before, hit.start),
                         before)
        return (hit.sentence.start if before is None else before,
                min(after, default=hit.sentence.end))

    def use_hits(self, hits: list[TriggerHit]) -> None:
        """The article's trigger hits, which the frames of one sentence share."""
        self.hits = hits
        self._hits_in = {}
        for h in hits:
            self._hits_in.setdefault(h.sentence.start, []).append(h)

    def mentions_in(self, s: Sentence) -> list[Mention]:
        """The mentions inside sentence ``s``, in order (remembered per sentence)."""
        here = self._here.get(s.start)
        if here is None:
            lo = bisect_left(self._starts, s.start)
            hi = bisect_right(self._starts, s.end)
            here = self._here[s.start] = [m for m in self.mentions[lo:hi] if _in(m, s)]
        return here

    def time(self, s: Sentence, hit: TriggerHit, anchor: TimeValue | None) -> TimeValue | None:
        """The time expression that belongs to this trigger, else the aspect's default.

        A time next to an ending word ("lifted on Mar. 23") dates the end, not the
        incident; a time nearer another trigger of the sentence is that trigger's.
        """
        here = hit.start - s.start, hit.end - s.start
        others = [(h.start - s.start, h.end - s.start)
                  for h in self._hits_in.get(s.start, ()) if h is not hit]
        candidates = []
        for start, end, expression in self.event_times(s):
            # "two days after [the arrests]"
            if hit.counted and end <= here[0] and timex.is_anchored(expression):
                continue  # it counts from this event: not its time
            order = rank(s.text, (start, end), here)
            if hit.frame == "directive" and self.issued_at(s, start, end):
                # "was issued on Nov. 3 as …", "the committee on Friday launched a …"
                candidates.append(((0, 0), start, expression))
                continue
            if not may_date(s.text, (start, end), here):
                continue  # "a man who had defected three years ago came back": not its time
            if (order[0] != 1 or start >= here[1]) and any(
                    gap((start, end), o) < gap((start, end), here)
                    and rank(s.text, (start, end), o)[0] <= order[0]
                    and may_date(s.text, (start, end), o) for o in others):
                continue  # nearer another trigger that it can date: its time, not this one's
                # (a time after this trigger stays its own, though the next one is nearer)
            if hit.frame == "incident" and cue_hit(
                    self.reference, ("ending",), s.text[max(0, start - _NEAR):start]):
                continue  # "lifted on Mar. 23": when it ended
            candidates.append((order, start, expression))
        for _, start, expression in sorted(candidates):
            if timex.is_anchored(expression):
                anchor = self.spoken_day(s, start + len(expression)) or self.anchor(
                    s, start, timex.counts_in_years(expression)) or anchor
            value = timex.resolve(expression, self.published, anchor)
            if value is not None and value.value is not None:
                if not timex.is_anchored(expression):
                    self.timeline.append((s.start + start, hit, value))
                return value
        if self.published and hit.frame == "incident" \
                and (self.aspects.get(hit.type) == "state" or self.ongoing(s, hit)):
            return TimeValue("(at the time of publication)", self.published.strftime("%Y-%m"))
        return None

    def issued_at(self, s: Sentence, start: int, end: int) -> bool:
        """Whether an issuing verb ends right before the time at ``start`` ("issued on") or
        follows it ("on Friday launched")."""
        pattern = cue_pattern(self.reference, "issuing")
        before = s.text[max(0, start - _ISSUED):start]
        return pattern is not None and (any(
            len(before) - m.end() <= 1 for m in pattern.finditer(before))
            or pattern.match(s.text, end + 1) is not None)

    def ongoing(self, s: Sentence, hit: TriggerHit) -> bool:
        """Whether the trigger is told as going on at publication: a present cue that
        reaches it ("are searching", "have been combing", "currently")."""
        pattern = cue_pattern(self.reference, "present")
        if pattern is None:
            return False
        begin = max(0, hit.start - s.start - _NEAR)
        at = hit.start - s.start - begin
        window = s.text[begin:hit.end - s.start]
        return any(m.end() >= at for m in pattern.finditer(window))

    def event_times(self, s: Sentence) -> list[tuple[int, int, str]]:
        """The sentence's time expressions that can date an event (cached per sentence):
        not a dateline's, not a report's ("told Daily NK on Sunday"), not a comparison's
        ("up from 4,900 won at the start of April"), not a deadline's ("ahead of the
        anniversary in October")."""
        cached = self._times.get(s.start)
        if cached is not None:
            return cached
        times = timex.find_times(s.text)
        ends = cue_ends(self.reference, ("report", "baseline"), s.text) if times else []
        out = []
        for start, end, expression in times:
            if any(a <= s.start + start < b for a, b in self.excluded):
                continue
            if follows_cue(start, ends):
                continue  # the time of the report or of the comparison, not the event's
            head = _HEAD_WORD.match(expression)  # "by October" kept whole: its "by" counts
            if not possessive_at(s.text, end) and not timex.opens_with_daytime(expression) \
                    and cue_hit(self.reference, ("prospective",),
                                clause_before(s.text, start)[-70:] + head[0]):
                continue  # a deadline; not "by last month's flood" nor "before dawn on Nov. 9"
            out.append((start, end, expression))
        self._times[s.start] = out
        return out

    def within(self, slug: str) -> tuple[str, ...]:
        """The places below country level that contain a registry place."""
        places = self.reference.places
        if slug not in places:
            return ()
        return tuple(p for p in self.reference.parents(slug) if places[p].kind != "Country")

    def anchor(self, s: Sentence, start: int, years: bool = False) -> TimeValue | None:
        """What "the day after the collapse" / "the same day" counts from: the time of the
        event the sentence names ("after the collapse"; of its tellings, the type's most
        precise one), else the latest day told before (else the latest time); what counts
        in ``years`` ("in December of that year") from the latest time told before."""
        m = ANCHOR.search(s.text, max(0, start - 40))
        if m:
            stem = m.group(1).casefold()[:5]
            types = {hit.type for _, hit, _ in self.timeline
                     if len(stem) >= 4 and any(w.startswith(stem) for w in re.findall(
                         r"[a-z]+", self.article.text[hit.start:hit.end].casefold()))}
            told = [(len(value.value or ""), at, value) for at, hit, value in self.timeline
                    if hit.type in types]
            if told:  # its most precise telling: "the shaft gave way on Nov. 26"
                return max(told, key=lambda t: t[:2])[2]
        before = [(at, v) for at, _, v in self.timeline if at < s.start + start]
        before += self.told_earlier_in(s, start)  # "on the 23rd …, and … that night"
        before += self.told_before(s, years=years) or self.told_before(
            s, reach=_ANCHOR_BACK, years=years)
        days = [(at, v) for at, v in before if v.value and len(v.value) == 10]
        if not years:
            before = days or before  # "two days later" counts from a day, not from a month
        return max(before, key=lambda item: item[0])[1] if before else None

    def spoken_day(self, s: Sentence, end: int) -> TimeValue | None:
        """The day the source spoke, when the anchored time ending at ``end`` counts from it
        ("four days before we spoke")."""
        if not counts_from_speech(self.reference, s.text, end):
            return None
        if not self._report_day:
            self._report_day.append(report_day(self.article, self.reference, self.published))
        return self._report_day[0]

    def refine_lede(self, incidents: list[Frame]) -> None:
        """The lead's event told roughly ("crossed into China last week"), or with no time
        at all, and its time given in the next sentences, where no trigger took it ("The
        three of them went over on the night of the 9th"): the day, when it lies within the
        rough time; for an undated lead, the first time told."""
        sentences = self.article.sentences
        lede = [f for f in incidents if sentences and f.sentence.start == sentences[0].start]
        rough = [f for f in lede if f.time is not None and f.time.value
                 and len(f.time.value) < 10 and not f.time.expression.startswith("(")]
        undated = [f for f in lede if f.time is None]
        if not rough and not undated:
            return
        frame = min(rough or undated,
                    key=lambda f: f.sentence.text.find(f.trigger))  # the main clause's
        first, last = told_span(frame.time) if rough else (dt.date.min, dt.date.max)
        taken = {at for at, _, _ in self.timeline}
        for s in sentences[1:1 + _LEDE_FOLLOWERS]:
            for start, _, expression in self.event_times(s):
                # an anchored time counts here only from the source's day: "four days
                # before we spoke"
                anchored = timex.is_anchored(expression)
                spoken = self.spoken_day(s, start + len(expression)) if anchored else None
                if s.start + start in taken or anchored and spoken is None:
                    continue
                value = timex.resolve(expression, self.published, spoken)
                if value is None or not value.value or rough and not (
                        len(value.value) == 10 and first <= bounds(value.value)[0] <= last):
                    continue
                frame.time = value
                self.timeline.append((s.start + start, self._hit_of(frame), value))
                return

    def reanchor(self, incidents: list[Frame]) -> None:
        """Count anchored times again once the lead has its day: "the day after the escape"
        read before ``refine_lede`` counted from the lead's rough time."""
        for frame in incidents:
            time = frame.time
            if time is None or not timex.is_anchored(time.expression):
                continue
            # a time another telling gave counts from the start of this telling's sentence
            start = max(frame.sentence.text.find(time.expression), 0)
            value = timex.resolve(time.expression, self.published,
                                  self.anchor(frame.sentence, start,
                                              timex.counts_in_years(time.expression)))
            if value is not None and value.value is not None:
                frame.time = value

    def _hit_of(self, frame: Frame) -> TriggerHit:
        return next(h for h in self.hits if h.sentence.start == frame.sentence.start
                    and h.type == frame.type and h.frame == frame.frame)

    def told_earlier_in(self, s: Sentence, start: int) -> list[tuple[int, TimeValue]]:
        """(offset, value) of the times of ``s`` before ``start`` that count from the
        publication date, not from another event."""
        out = []
        for at, _, expression in self.event_times(s):
            if at < start and not timex.is_anchored(expression):
                value = timex.resolve(expression, self.published)
                if value is not None and value.value is not None:
                    out.append((s.start + at, value))
        return out

    def told_before(self, s: Sentence, reach: int = _TOLD_BACK,
                    years: bool = False) -> list[tuple[int, TimeValue]]:
        """Days named in the nearest of the sentences before ``s`` that names one, which no
        trigger may have taken ("On the 14th, seven people had fevers. Two days later, 32
        residents were isolated"); a vaguer time there ("since early December") is
        background, not an anchor. ``anchor`` reaches back further when nothing nearer
        counts: "Three days after the closure" with the closure's day four sentences up.
        With ``years``, any time counts ("since August 2020 … In December of that year")."""
        index = bisect_left(self._sentence_starts, s.start)
        for previous in reversed(self.article.sentences[max(0, index - reach):index]):
            out = [(at, value) for at, value in self.told_earlier_in(previous, len(previous.text))
                   if years or len(value.value) == 10]
            if out:
                return out
        return []

    def identifier(self, s: Sentence) -> str | None:
        for cue in self.reference.cues.get("identifier", ()):
            m = cue.pattern.search(s.text)
            if m:
                return m.group()
        return None

    def participants(self, s: Sentence) -> int | None:
        """The number of people the sentence counts (remembered per sentence)."""
        if s.start not in self._counts:
            self._counts[s.start] = head_count(s.text, self.reference)
        return self._counts[s.start]

    def source_index(self, s: Sentence) -> int | None:
        if not self.sources:
            return None
        before = [i for i, src in enumerate(self.sources) if src.sentence.start <= s.start]
        return before[-1] if before else 0


def find_frames(article: Article, mentions: list[Mention], sources: list[QuotedSource],
                reference: object) -> tuple[list[Frame], list[Frame]]:
    finder = FrameFinder(article, mentions, sources, reference)
    hits = match_triggers(article, reference, mentions)
    finder.use_hits(hits)
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
    incidents = merge(raw, incident_hits, lede_end, finder.aspects, finder.within, load_senses(),
                      article.meta.published)
    finder.refine_lede(incidents)
    finder.reanchor(incidents)
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
