"""An event told again is one event; a directive answers the incident it names.

``merge`` joins a frame told again into its first telling: a definite reference ("the
escape", "this order"), the same places, the same number of people, a state told twice, or
the body retelling what the lead said. ``link_responses`` links a directive to the incident
its sentence is anchored on ("the day after the escape, the leader ordered …").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from kg.model import Entity, Frame, TimeValue
from kg.timespan import told_span
from kg.triggers import ANCHOR, TriggerHit

#: trigger ids ending so only retell an earlier frame of their type, never start one
RETOLD = ".retold"
#: tellings dated further apart than this are different events
_SAME_EVENT = dt.timedelta(days=7)
#: an event this long before publication is background, not the lead's news
_NEWS = dt.timedelta(days=365)
#: a decree told again plainly: "the ban" after "Order No. 38"
_TOLD_AS = {"Order": "Decree"}
_TOLD_AS_REVERSED = {v: k for k, v in _TOLD_AS.items()}


def unique(entities: list[Entity]) -> list[Entity]:
    return list({(e.kind, e.slug): e for e in entities}.values())


def _places(frame: Frame, widen: Callable[[str], Iterable[str]] | None = None) -> set[str]:
    """The frame's places, with what contains them when ``widen`` says (Namyang lies in
    Onsong County: an escape "near Namyang" retells one "from Onsong County")."""
    out = {p.slug for p in frame.places if p.known}  # a minted place has no known extent
    if widen is not None:
        out |= {a for slug in list(out) for a in widen(slug)}
    return out


def _same_issuer(a: Frame, b: Frame) -> bool:
    return a.issuer is None or b.issuer is None or a.issuer.slug == b.issuer.slug


def _compatible(a: Frame, b: Frame, widen=None) -> bool:
    pa, pb = _places(a, widen), _places(b, widen)
    return _same_issuer(a, b) and (not pa or not pb or bool(pa & pb))


def merge(frames: list[Frame], hits: list[TriggerHit], lede_end: int,
          aspects: dict[str, str] | None = None,
          grow: Callable[[str], Iterable[str]] | None = None,
          senses: dict[str, str] | None = None,
          published: dt.date | None = None) -> list[Frame]:
    """Join a frame told again into its first telling (see the module docstring);
    ``grow`` gives the places containing a place, so tellings at different levels meet;
    ``senses`` (trigger id → sense) keeps tellings of different senses apart; against
    ``published``, an old event does not retell the news of the lead."""
    aspects, senses = aspects or {}, senses or {}
    out: list[Frame] = []
    retold: set[int] = set()
    sense_of: dict[int, set[str]] = {}  # the senses a kept frame has been told in
    told_in: dict[int, set[int]] = {}  # the sentences a kept frame has been told in
    for frame, hit in zip(frames, hits, strict=True):
        # a state (a shortage) may hold in a town and in its district apart; an event
        # (an escape) told at two levels is one event
        widen = grow if aspects.get(frame.type) != "state" else None
        sense = senses.get(hit.trigger_id)
        kept = [f for f in out if (not sense or not sense_of.get(id(f))
                or sense in sense_of[id(f)])  # an execution does not retell a jail term
                and (hit.definite or not _different_days(f, frame))
                # a sentence tells distinct events of one type ("caught a boy …, and on
                # Monday the storekeeper was taken away")
                and (hit.definite or f.type != frame.type
                     or frame.sentence.start not in told_in.get(id(f), ()))
                and not _older_than_lede_news(f, frame, lede_end, published)]
        same = [f for f in kept if f.type == frame.type and _compatible(f, frame, widen)]
        target = None
        told = [f for f in kept if f.type == frame.type
                or f.type == _TOLD_AS.get(frame.type)]  # "the ban": the order or decree before
        # an identifier told again names one directive, even where the issuers read
        # differ ("the Central Committee's Political Bureau" / "the Central Committee")
        # (a name is one directive whatever days its tellings give)
        name = _campaign_name(frame) if frame.type == "Campaign" else None
        named = [f for f in out if frame.identifier and f.identifier
                 and f.identifier.casefold() == frame.identifier.casefold()] or [
            f for f in out if name is not None and f.type == "Campaign"
            and _campaign_name(f) == name]
        lead_order = [f for f in kept if frame.identifier and frame.type in _TOLD_AS_REVERSED
                      and f.type == _TOLD_AS_REVERSED[frame.type] and not f.identifier
                      and f.sentence.start < lede_end and _same_issuer(f, frame)]
        if named:
            target = named[0]  # "Decision No. 32" or "the winter fishing battle" told again
        elif lead_order:
            # the lead's order named in the body: "handed down a decision …" … "It's called
            # Decision No. 32"
            target = lead_order[0]
            target.type = frame.type
        elif hit.definite and told:
            target = told[-1]
        elif hit.retells and any(f.type == hit.retells and _same_issuer(f, frame)
                                 for f in out):
            # "The ban was issued … as Order No. 38": the order told before is that decree
            target = [f for f in out if f.type == hit.retells and _same_issuer(f, frame)][-1]
            target.type = frame.type
        elif same and frame.frame == "incident" and any(
                _places(f, widen) & _places(frame, widen) for f in same):
            target = next(f for f in same if _places(f, widen) & _places(frame, widen))
        elif frame.frame == "incident" and frame.participants is not None and any(
                f.type == frame.type and f.participants == frame.participants for f in kept):
            # the same number of people: "four students have been thrown out of the
            # capital" … "four students of a university in Moranbong were expelled"
            target = next(f for f in kept if f.type == frame.type
                          and f.participants == frame.participants)
        elif same and frame.frame == "incident" and not _places(frame) \
                and frame.participants is None:
            target = same[-1]  # nothing tells it apart from the earlier telling
            # (a place missing from the registry may lie inside the earlier one's)
        elif same and frame.frame == "incident" and aspects.get(frame.type) == "state":
            target = same[0]  # an article describes one shortage, one market closure …
        else:
            lede = [f for f in same if f.sentence.start < lede_end and id(f) not in retold]
            if lede:
                target = lede[0]
                retold.add(id(target))
        if target is None and hit.trigger_id.endswith(RETOLD):
            continue  # a row that only retells ("the campaign") with nothing to retell
        if target is None:
            out.append(frame)
            target = frame
        elif not hit.counted:
            _absorb(target, frame)  # "two days after the arrests, …": the rest is not theirs
        if sense:
            sense_of.setdefault(id(target), set()).add(sense)
        if not hit.counted:
            told_in.setdefault(id(target), set()).add(frame.sentence.start)
    return out


#: the word before a campaign's head noun names it: "(winter) fishing battle", "100-day battle"
_CAMPAIGN_NAME = re.compile(r"([a-z0-9-]+)[\s\"“”‘’']+(battle|campaign|drive|struggle|run-up|"
                            r"movement|offensive)\b")


def _campaign_name(frame: Frame) -> str | None:
    m = _CAMPAIGN_NAME.search(frame.trigger.casefold())
    return None if m is None else f"{m[1]} {m[2]}"


def _different_days(a: Frame, b: Frame) -> bool:
    """Whether both frames are dated, and their spans lie more than a week apart: checks on
    the 25th of one month and a search on the 13th of the next, or a fire this week and
    one last winter, are two events, whatever else they share (a flood told on the 13th
    and the 15th, or in August and on Aug. 13, is one)."""
    spans = [_span(f.time) if f.time is not None else None for f in (a, b)]
    if None in spans:
        return False
    (first_a, last_a), (first_b, last_b) = spans
    return max(first_a, first_b) - min(last_a, last_b) > _SAME_EVENT


def _older_than_lede_news(lede: Frame, frame: Frame, lede_end: int,
                          published: dt.date | None) -> bool:
    """Whether ``lede`` is undated news of the lead and ``frame`` lies more than a year
    before publication: "stripping dozens of vendors of their permits" is not retold by
    "in December 2016 its manager was sacked"."""
    if published is None or lede.sentence.start >= lede_end or frame.time is None or (
            lede.time is not None and lede.time.value is not None):
        return False
    span = _span(frame.time)
    return span is not None and published - span[1] > _NEWS


@lru_cache(maxsize=4096)
def _span(time: TimeValue) -> tuple[dt.date, dt.date] | None:
    """The days a told time covers; None for no value or a default ("(at the time of
    publication)")."""
    if time.value is None or time.expression.startswith("("):
        return None
    return told_span(time)


def _refines(value: str, than: str) -> bool:
    """"2020-11-29" refines "2020-11": the later telling gives the day of the month."""
    return len(value) > len(than) and value.startswith(than)


def _absorb(target: Frame, other: Frame) -> None:
    target.places = unique(target.places + other.places)
    target.agencies = unique(target.agencies + other.agencies)
    target.addressees = unique(target.addressees + other.addressees)
    if other.time is not None and other.time.value is not None and (
            target.time is None or target.time.value is None
            or target.time.expression.startswith("(")
            or _refines(other.time.value, target.time.value)):
        target.time = other.time
    target.participants = target.participants or other.participants
    target.issuer = target.issuer or other.issuer
    target.identifier = target.identifier or other.identifier


def link_responses(directives: list[Frame], incidents: list[Frame], reference: object) -> None:
    """A directive responds to the incident its sentence is anchored on: "the day after
    the escape, the leader ordered …" — the anchor word shares its stem with the
    incident's trigger ("escape" / "escaped the country")."""
    for directive in directives:
        for m in ANCHOR.finditer(directive.sentence.text[:_directive_offset(directive)]):
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
