"""Trigger patterns of ontology/triggers.tsv matched in sentences, within scope.

A trigger in the scope of a negation, hypothetical or demand cue (ontology/cues.tsv) is
dropped: "failed to escape", "if he escapes", "ordered forces to seal off"; so is one whose
clause opens with a negated subject ("None of the officers … has been disciplined"), and an
incident trigger after a risk cue ("who face punishment"; a law they face charges under is
still a directive). Only the rows whose required words occur in a sentence are run
(kg.prefilter).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.model import Article, Mention, Sentence
from kg.prefilter import MIN_LENGTH, alternatives, best_first, required_sets
from kg.reference import inner_pattern, whole_word
from kg.timex import find_times, is_anchored

_SCOPE = 120  # characters before a trigger searched for scope cues (within its clause)
NEGATION = 30  # characters before a trigger in which a negation cue negates it
_OPENING = " \"“‘'"  # what may stand before a clause's first word
#: a determiner before a trigger: "the escape", "this order", "her arrest"; "that" only after a
#: preposition ("after that raid"): elsewhere it opens a relative clause ("a period that bans …")
_DEFINITE = re.compile(r"\b(?:the|this|these|those|his|her|their|(?:after|under|by|with|of|in|"
                       r"since|following|from|to|for|on|at|before|during)\s+that)\s+"
                       r"(?:(?-i:[a-z][\w-]*)\s+)?$",
                       re.IGNORECASE)
#: a trigger opening with an auxiliary is a verb phrase: a possessive before it opens a
#: subject ("her nephew was picked up": someone new), not the event's own ("her arrest");
#: "the seven were driven across" still points back
_AUXILIARY = re.compile(r"(?:was|were|is|are|be|been|being|has|have|had|got|gets|get)\b",
                        re.IGNORECASE)
_POSSESSIVE = frozenset({"his", "her", "their"})
#: a relative clause on the subject, closed before the trigger by the subject's own verb:
#: "About twenty who could not produce a note were taken": its cues are its own
_RELATIVE_CLOSED = re.compile(r"\b(?:who|whose|which)\b(?P<rel>(?:\s+[\w’'-]+){2,}?)\s+"
                              r"(?<!could\s)(?<!would\s)(?<!might\s)(?<!not\s)(?<!never\s)"
                              r"(?<!\sto\s)(?:were|was|are|is|(?:has|have|had)\s+been)\s+"
                              r"(?:(?:each|all|both|also|later|then|since)\s+)?$",
                              re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:,]\s|\s(?:but|while|whereas)\s|\s[—–-]{1,2}\s")
#: directive types in order of preference when one sentence fires several
_DIRECTIVE_PRIORITY = ("Decree", "Order", "Campaign")
_SAME_DIRECTIVE = 40  # directive triggers closer than this describe one directive
_LAUNCHED = 12  # characters from a launch cue ("launched a") to the campaign it launches
#: a relative clause opened after a campaign: "… that the provincial committee proclaimed"
_RELATIVE_AFTER = re.compile(r"[\"”’']?\s*,?\s*(?:that|which)\s+")
_WORD_AFTER = re.compile(r"[\w’'-]+\s+")
_RELATIVE_WORDS = 7  # words of a relative clause up to its verb
#: a clause break right before a time: ", and on Monday", "; two days later"
_CLAUSE_OPENING = re.compile(r"[,;]\s+(?:(?:and|but|then|while)\s+)*$")
_COUNTS_FROM = 8  # characters from an anchored time to the event it counts from
#: a time that ends its clause: "…, Yangkang Province, last week when 40 women …"
_SUBORDINATE = re.compile(r"\s+(?:when|as|while|after|before|because|since|until|that|and|but"
                          r"|or)\b")


@dataclass(frozen=True)
class TriggerHit:
    frame: str
    type: str
    trigger_id: str
    sentence: Sentence
    start: int  # offsets in the article text
    end: int
    definite: bool
    retells: str = ""  # the type of a definite hit beside it that this one names better
    counted: bool = False  # names the event a time counts from: "two days after [the arrest]"


@dataclass(frozen=True)
class _Row:
    index: int
    frame: str
    type: str
    id: str
    regex: re.Pattern
    sets: tuple[frozenset[str], ...]  # a match contains a word of each (kg.prefilter)


@lru_cache(maxsize=8)
def _rows(reference: object) -> tuple[_Row, ...]:
    """The trigger rows as run: a row whose alternatives each have required words is run
    as one regex per alternative, so each is filtered by its own words (a row's
    "across|smuggl…" alternation would otherwise run wherever "across" occurs)."""
    out = []
    for i, t in enumerate(reference.triggers):
        source = _source(t.pattern)
        inner = inner_pattern(t.pattern) if isinstance(t.pattern, re.Pattern) else None
        parts = alternatives(inner) if inner is not None else [source]
        sets = [required_sets(part) for part in parts]
        if len(parts) < 2 or not all(sets):
            parts, sets = [source], [required_sets(source)]
        for part, required in zip(parts, sets, strict=True):
            whole = part if part is source else whole_word(part)
            out.append(_Row(i, t.frame, t.type, t.id,
                            re.compile(rf"\b(?:{whole})\b", re.IGNORECASE), required))
    return tuple(out)


def _source(pattern: object) -> str:
    return pattern.pattern if isinstance(pattern, re.Pattern) else str(pattern)


def cue_hit(reference: object, kinds: tuple[str, ...], text: str) -> bool:
    return any(p.search(text) for k in kinds if (p := cue_pattern(reference, k)) is not None)


@lru_cache(maxsize=64)
def cue_pattern(reference: object, kind: str) -> re.Pattern | None:
    """All cues of a kind as one alternation: one search instead of one per row. Cues
    that never start or end inside a word share one word-start test, tried once per
    position rather than once per cue (most positions are inside words)."""
    cues = reference.cues.get(kind, ())
    if not cues:
        return None
    inner = [inner_pattern(c.pattern) for c in cues]
    if None in inner:
        return re.compile("|".join(f"(?:{c.pattern.pattern})" for c in cues), re.IGNORECASE)
    return re.compile(whole_word("|".join(f"(?:{p})" for p in inner)), re.IGNORECASE)


#: "after the escape", "following Ri's expulsion": the event a time or directive counts from
ANCHOR = re.compile(r"\b(?:after|following|since|over)\s+(?:the|this|that|his|her|their|"
                    r"(?-i:[A-Z][\w-]*)['’]s)\s+([A-Za-z]+)", re.IGNORECASE)
_ANCHOR_REACH = 40  # characters an anchor phrase spans before the word it names


def counted_from(text: str, at: int) -> bool:
    """Whether the word at ``at`` names the event another one counts from: "two days
    after her arrest".

    >>> counted_from("Two days after her arrest, he was picked up.", 19)
    True
    """
    return any(m.start(1) == at for m in ANCHOR.finditer(text, max(0, at - _ANCHOR_REACH),
                                                           at + 1))


def clause_before(text: str, start: int) -> str:
    """The part of ``text``'s clause that precedes ``start``."""
    return _CLAUSE_BREAK.split(text[max(0, start - _SCOPE):start])[-1]


def clause_after(text: str, end: int) -> str:
    """The part of ``text``'s clause that follows ``end``."""
    return _CLAUSE_BREAK.split(text[end:end + _SCOPE], maxsplit=1)[0]


def match_triggers(article: Article, reference: object,
                   mentions: list[Mention] = ()) -> list[TriggerHit]:
    """Trigger hits in text order, one per type and sentence unless a later clause opens
    with its own time ("…, the next evening …, and on Monday …"); ``mentions`` keep
    "the leader ordered" from reading as a definite reference ("the order").

    Only rows whose required words occur in the article are run (kg.prefilter); the
    matches of a type are then read left to right, as one alternation would.
    """
    rows_of = _rows_per_sentence(article, reference)
    negated_subject = cue_pattern(reference, "negated-subject")
    hits: list[TriggerHit] = []
    for index, sentence in enumerate(article.sentences):
        first = len(hits)
        by_type: dict[tuple[str, str], list] = defaultdict(list)
        for row in rows_of.get(index, ()):
            for m in row.regex.finditer(sentence.text):
                by_type[(row.frame, row.type)].append((m.start(), row.index, m, row))
        for (frame, kind), found in sorted(by_type.items(), key=lambda kv: kv[0]):
            end, taken = 0, None  # where the last hit of the type ended, if it needs a clause
            for start, _, m, row in sorted(found, key=lambda f: (f[0], f[1])):
                if start < end:
                    continue  # overlaps a match already read
                if taken is not None and not _dated_clause_between(sentence.text, taken, start):
                    continue  # one frame of a type per sentence, but for a new dated clause
                end = m.end()
                whole = clause_before(sentence.text, start)
                scope = _without_closed_relative(whole)
                if cue_hit(reference, ("hypothetical",), scope) or cue_hit(
                        reference, ("negation",), scope[-NEGATION:]) or (
                        frame == "incident" and cue_hit(reference, ("background",),
                                                         scope[-NEGATION:])) or (
                        frame == "incident" and cue_hit(reference, ("risk",), scope)) or (
                        negated_subject is not None
                        and negated_subject.match(whole.lstrip(_OPENING))) or (
                        _unconfirmed_after(reference, sentence.text, m.end())):
                    continue
                begin = sentence.start + start
                window = max(0, start - _SCOPE)  # a determiner and a word: never far
                det = _DEFINITE.search(sentence.text, window, start)
                if det is not None and _AUXILIARY.match(sentence.text, start) and \
                        det[0].split()[0].lower() in _POSSESSIVE:
                    det = None
                definite = det is not None and not any(
                    x.end > sentence.start + det.start() and x.start < begin for x in mentions)
                counted = definite and counted_from(sentence.text, start)
                hits.append(TriggerHit(frame, kind, row.id, sentence, begin,
                                       sentence.start + m.end(), definite, counted=counted))
                # the event a time counts from leaves room for the sentence's own ("after
                # her arrest, her nephew was picked up")
                taken = None if counted else m.end()
        hits[first:] = _outside_longer(hits[first:])
    return _one_directive_per_sentence(hits, reference)


def _unconfirmed_after(reference: object, text: str, end: int) -> bool:
    """Whether the trigger's clause goes on to say it is unconfirmed: "Rumours that the
    father has been dismissed could not be confirmed"."""
    pattern = cue_pattern(reference, "unconfirmed")
    if pattern is None:
        return False
    return pattern.search(clause_after(text, end)) is not None


def _dated_clause_between(text: str, begin: int, end: int) -> bool:
    """Whether a clause between ``begin`` and ``end`` opens with a time: "caught a boy …,
    the next evening officers searched …, and on Monday the storekeeper was taken away"
    tells three events; "arrested him on Monday and detained his wife", one; in "shot on
    Aug. 8, a day after being sentenced" the time counts from the next event."""
    segment = text[begin:end]
    return any(_CLAUSE_OPENING.search(segment, 0, at) and not _SUBORDINATE.match(segment, stop)
               and not (len(segment) - stop <= _COUNTS_FROM and is_anchored(expression))
               for at, stop, expression in find_times(segment))


def _without_closed_relative(scope: str) -> str:
    """``scope`` without a relative clause that closed before the trigger ("twenty who
    could not produce a note were " → "twenty were ", "the four whose parents could not pay
    were " → "the four were "); a clause the trigger is in stays ("a man who would be ")."""
    if "who" not in scope and "which" not in scope:  # ("whose" holds "who")
        return scope
    m = _RELATIVE_CLOSED.search(scope)
    return scope if m is None else scope[:m.start()] + scope[m.end("rel"):].lstrip()


def _outside_longer(hits: list[TriggerHit]) -> list[TriggerHit]:
    """Drop a hit that opens a longer hit of another type of the same frame: the longer
    row was written for that context ("rounded up … to watch" is a mobilisation, not the
    arrest of "rounded up"). An event told inside another ("workers who fled … were sent
    back") starts elsewhere and stays."""
    return [h for h in hits if not any(
        o.frame == h.frame and o.start == h.start and o.end > h.end for o in hits)]


class _Chunks:
    """Whitespace-separated chunks of lower-case text seen so far, each with two bit masks:
    the rows its required words admit (through each row's most selective set) and the
    sets of any row those words satisfy. A required word is letters and digits only, so
    it lies inside a chunk of the text. Masks are Python integers: a sentence's masks are
    the OR of its chunks', and a row is worth running when all its sets' bits are set."""

    LIMIT = 200_000

    def __init__(self, rows: tuple[_Row, ...]) -> None:
        self.by_word: dict[str, int] = defaultdict(int)  # word → rows it admits
        self.sets_of: dict[str, int] = defaultdict(int)  # word → row sets it satisfies
        self.needs: list[int] = []  # row → the bits of all its sets
        self.always = 0  # rows without a required word
        bit = 0
        for j, row in enumerate(rows):
            if not row.sets:
                self.always |= 1 << j
            else:
                for word in best_first(row.sets)[0]:
                    self.by_word[word] |= 1 << j
            needs = 0
            for words in row.sets:
                for word in words:
                    self.sets_of[word] |= 1 << bit
                needs |= 1 << bit
                bit += 1
            self.needs.append(needs)
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self.sets_of):
            self.by_prefix[word[:MIN_LENGTH]].append(word)
        self.seen: set[str] = set()
        self.holding: set[str] = set()  # the seen chunks that hold a word
        self.masks: dict[str, tuple[int, int]] = {}  # their masks

    def rows_in(self, text: str) -> list[int]:
        """Indices, ascending, of the rows all of whose sets have a word in ``text``."""
        chunks = set(text.lower().split())
        new = chunks.difference(self.seen)
        if new:
            if len(self.seen) + len(new) > self.LIMIT:
                self.seen.clear()
                self.holding.clear()
                self.masks.clear()
                new = chunks
            self.seen.update(new)
            for chunk in new:
                found = self._masks(chunk)
                if found[1]:
                    self.masks[chunk] = found
                    self.holding.add(chunk)
        admitted, satisfied = self.always, 0
        for chunk in chunks & self.holding:
            rows, sets = self.masks[chunk]
            admitted |= rows
            satisfied |= sets
        out = []
        needs = self.needs
        while admitted:
            low = admitted & -admitted
            admitted ^= low
            j = low.bit_length() - 1
            if needs[j] & satisfied == needs[j]:
                out.append(j)
        return out

    def _masks(self, chunk: str) -> tuple[int, int]:
        """The masks of the required words inside ``chunk``, found through their first
        letters (every required word has MIN_LENGTH): a few look-ups per position
        instead of a test of each of the thousand words."""
        rows = sets = 0
        by_prefix = self.by_prefix
        for i in range(len(chunk) - MIN_LENGTH + 1):
            for word in by_prefix.get(chunk[i:i + MIN_LENGTH], ()):
                if chunk.startswith(word, i):
                    rows |= self.by_word.get(word, 0)
                    sets |= self.sets_of[word]
        return rows, sets


@lru_cache(maxsize=8)
def _chunks(reference: object) -> _Chunks:
    return _Chunks(_rows(reference))


def _rows_per_sentence(article: Article, reference: object) -> dict[int, list[_Row]]:
    """Sentence index → the trigger rows worth running there: rows each of whose sets has
    a word in the sentence."""
    rows = _rows(reference)
    chunks = _chunks(reference)
    out: dict[int, list[_Row]] = {}
    for i, sentence in enumerate(article.sentences):
        chosen = chunks.rows_in(sentence.text)
        if chosen:
            out[i] = [rows[j] for j in chosen]
    return out


def _one_directive_per_sentence(hits: list[TriggerHit], reference: object) -> list[TriggerHit]:
    """Directive hits of one sentence that describe one directive keep the strongest type:
    a hit close to a stronger one ("Order No. 205" is an Order and a Decree) drops, and so
    does a campaign beside an order (the "100-day run-up" an order runs in); two orders far
    apart ("declared an emergency … the Committee had resolved …") both stay. A campaign
    the sentence launches ("launched a 50-day battle …, ordering every enterprise to …")
    is its directive: the orders beside it are what the campaign demands."""
    by_sentence: dict[int, list[TriggerHit]] = defaultdict(list)
    for h in hits:
        if h.frame == "directive":
            by_sentence[h.sentence.start].append(h)
    drop: set[int] = set()
    retelling: dict[int, str] = {}
    launch = cue_pattern(reference, "launch")
    for group in by_sentence.values():
        launched = [h for h in group if h.type == "Campaign" and launch is not None
                    and _launches(launch, h)]
        if launched:  # what it demands comes after or beside it; an order told before
            first = launched[0]  # it, apart ("Kim ordered …, and the Cabinet launched …"), stays
            drop.update(id(h) for h in group if h is not first and (
                h.start > first.start or first.start - h.start < _SAME_DIRECTIVE))
            continue
        ranked = sorted(group, key=_rank)
        kept: list[TriggerHit] = []
        for h in ranked:
            near = [k for k in kept if abs(h.start - k.start) < _SAME_DIRECTIVE]
            if near or (kept and h.type == "Campaign"):
                drop.add(id(h))
                if h.definite and near:  # "The ban was issued … as Order No. 38": the
                    retelling[id(near[0])] = h.type  # the decree tells again the ban named before
            else:
                kept.append(h)
    return [replace(h, definite=True, retells=retelling[id(h)]) if id(h) in retelling else h
            for h in hits if id(h) not in drop]


def _launches(launch: re.Pattern, hit: TriggerHit) -> bool:
    """Whether a launch cue ends just before the hit ("launched a \"50-day battle\""), opens
    it (a trigger row that names the launch) or ends the relative clause after it (a
    \"struggle to defend state assets\" that the committee proclaimed)."""
    at = hit.start - hit.sentence.start
    before = hit.sentence.text[max(0, at - 60):at]
    return launch.match(hit.sentence.text, at) is not None or any(
        len(before) - m.end() <= _LAUNCHED for m in launch.finditer(before)) or \
        _launched_after(launch, hit.sentence.text, hit.end - hit.sentence.start)


def _launched_after(launch: re.Pattern, text: str, end: int) -> bool:
    """Whether a relative clause opened at ``end`` has a launch cue for its verb."""
    relative = _RELATIVE_AFTER.match(text, end)
    at = relative.end() if relative else -1
    for _ in range(_RELATIVE_WORDS if relative else 0):
        if launch.match(text, at):
            return True
        word = _WORD_AFTER.match(text, at)
        if word is None:
            return False
        at = word.end()
    return False


def _rank(hit: TriggerHit) -> int:
    return (_DIRECTIVE_PRIORITY.index(hit.type) if hit.type in _DIRECTIVE_PRIORITY
            else len(_DIRECTIVE_PRIORITY))
