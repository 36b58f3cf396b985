"""Which time expression of a sentence dates which trigger (used by kg.frames).

English puts an event's time after its verb phrase or at the head of the sentence; a time
just before a mid-sentence trigger usually belongs to the previous clause, unless a comma,
"and" or a short subject stands between. Offsets are within one sentence. A time told
against the day the source spoke ("four days before we spoke") counts from the first day a
report cue takes ("told Daily NK on Monday").

>>> text = "On Sunday, he crossed the river."
>>> may_date(text, (0, 9), (14, 21)), rank(text, (0, 9), (14, 21))
(True, (1, 5))
>>> may_date("A man who defected five years ago came back.", (19, 33), (34, 43))
False
"""

from __future__ import annotations

import datetime as dt
import re

from kg.model import Article, TimeValue
from kg.timex import find_times, resolve
from kg.triggers import clause_before, cue_pattern

_AFTER_CUE = 20  # characters from a report or baseline cue to a time it takes
_POSSESSED = 16  # characters from a possessive time ("last month's") to the noun it dates
_SUBJECT = 4  # words of a subject a time may follow and still date the verb after it
_AND_THEN = re.compile(r"\s+and\s+(?:then\s+|also\s+|later\s+)?")
#: what may stand before a time that opens a sentence: a word ("Police on Monday …"), or
#: connectives with a quote mark ("And then the night before last they …")
_FIRST_WORD = re.compile(r"\s*[\"“‘']?(?:(?:and|but|so|then|yet|also)\s+(?:then\s+|so\s+|also\s+)?"
                         r"|\S*\s*)", re.IGNORECASE)
#: a relative clause opened after the trigger: a time in it is that clause's
_WHO = re.compile(r"\b(?:who|whom|whose)\b", re.IGNORECASE)
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that", "where", "when"})
#: a clause joined after the trigger ("…, and both were still held over the weekend"): a
#: time in it is that clause's before it is the trigger's, so one opening the sentence wins
_NEXT_CLAUSE = re.compile(r"[,;]\s+(?:and|but)\s|;\s")
_OPENS_CLAUSE = re.compile(r"[,;]\s+$")  # "caught a soldier …, two days later three women …"
_WORD_NEXT = re.compile(r"\s+\w")  # … with its clause going on after it (not "…, on Sunday.")
_LATER = 1000  # rank distance added to a time of a later clause
_CLAUSE_OPENERS = ":;—"  # marks after which a time opens a clause as it would a sentence


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def may_date(text: str, time: tuple[int, int], trigger: tuple[int, int]) -> bool:
    """A time just before a mid-sentence trigger dates it only across a comma ("On
    Sunday, he crossed") or "and" ("called a meeting on Saturday and ordered"); "who
    defected five years ago crossed back" is the defection's, and so is a time in a
    relative clause after the trigger. A possessive time dates the noun right after it:
    "last month's typhoon"."""
    if possessive_at(text, time[1]):
        return 0 <= trigger[0] - time[1] <= _POSSESSED
    if time[0] >= trigger[1] and _WHO.search(text, trigger[1], time[0]):
        return False  # "detained the driver, who had signed off on it a week before the crash"
    if rank(text, time, trigger)[0] != 2 or "," in text[time[1]:trigger[0]]:
        return True
    if _AND_THEN.fullmatch(text, time[1], trigger[0]):
        return True  # coordinated verbs share a time: "pushed in last Monday and would not leave"
    # between a short subject and its verb: "the MSS early this month ordered"
    subject = clause_before(text, time[0]).split()
    return trigger[0] - time[1] <= 1 and len(subject) <= _SUBJECT \
        and not _RELATIVE.intersection(w.lower() for w in subject)


def possessive_at(text: str, end: int) -> bool:
    """Whether a time ending at ``end`` is possessive: "last month's typhoon"."""
    return text[end:end + 2] in ("'s", "’s")


def rank(text: str, time: tuple[int, int], trigger: tuple[int, int]) -> tuple[int, int]:
    """``_time_rank``, with a time after at most one word ("From the 4th, …", "Police on
    Monday arrested …") of the sentence or of a clause after a colon, semicolon or dash
    taken as opening the sentence, and a time of a clause joined after
    the trigger ranked behind a time that opens it."""
    if time[0] >= trigger[1] and (_NEXT_CLAUSE.search(text, trigger[1], time[0]) or (
            _OPENS_CLAUSE.search(text, trigger[1], time[0])
            and _WORD_NEXT.match(text, time[1]))):
        return (1, _LATER + time[0] - trigger[1])
    opening = _FIRST_WORD.match(text).end() >= time[0]
    if not opening and time[1] <= trigger[0]:  # "… before: in December 2016 its manager was"
        cut = max(text.rfind(mark, 0, time[0]) for mark in _CLAUSE_OPENERS)
        opening = cut >= 0 and _FIRST_WORD.match(text, cut + 1).end() >= time[0]
    return _time_rank(0 if opening else time[0], time[1], trigger)


def _time_rank(start: int, end: int, trigger: tuple[int, int]) -> tuple[int, int]:
    """English puts an event's time after its verb phrase or at the head of the sentence;
    a time just before a mid-sentence trigger usually belongs to the previous clause."""
    if start >= trigger[0] and end <= trigger[1]:
        return (0, 0)  # inside the trigger's words: "packed off on Friday to a camp"
    if trigger[0] <= start < trigger[1] < end:
        return (0, 0)  # opened by the trigger's last word: "engine broke down on | Sept. 21"
    if start >= trigger[1]:
        return (0, start - trigger[1])
    if start <= 4:
        return (1, trigger[0] - end)
    return (2, trigger[0] - end)


def counts_from_speech(reference: object, text: str, end: int) -> bool:
    """Whether the anchored time ending at ``end`` counts from the day the source spoke:
    "four days before we spoke", "a week before I called"."""
    speech = cue_pattern(reference, "speech")
    return speech is not None and text[end:end + 1] == " " and bool(speech.match(text, end + 1))


def report_day(article: Article, reference: object, published: dt.date | None
               ) -> TimeValue | None:
    """The day the source spoke: the first day a report cue takes in the article ("told
    Daily NK on Monday")."""
    for sentence in article.sentences:
        ends = cue_ends(reference, ("report",), sentence.text)
        for start, _, expression in find_times(sentence.text) if ends else ():
            if follows_cue(start, ends):
                value = resolve(expression, published)
                if value is not None and value.value and len(value.value) == 10:
                    return value
    return None


def cue_ends(reference: object, kinds: tuple[str, ...], text: str) -> list[int]:
    """Where the cues of ``kinds`` end in ``text``."""
    return [m.end() for kind in kinds if (cues := cue_pattern(reference, kind)) is not None
            for m in cues.finditer(text)]


def follows_cue(start: int, ends: list[int]) -> bool:
    """Whether a time at ``start`` is the one a cue ending at one of ``ends`` takes: "told
    Daily NK on Sunday", "up from 4,900 won at the start of April"."""
    return any(0 <= start - e <= _AFTER_CUE for e in ends)
