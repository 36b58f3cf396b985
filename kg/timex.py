"""Time expressions: find them in a sentence, resolve them against the publication date.

The words (months, weekdays, number words, "last", "ago", "the following" ...) are data in
``ontology/time.tsv`` (plus any ``time_*.tsv``, read by :mod:`kg.time_words`); this
module only knows how they combine.

Every expression resolves to an interval; the value is the finest calendar unit that says
where it lies: one day -> "YYYY-MM-DD"; inside one month -> "YYYY-MM"; up to 31 days over a
month boundary -> the month holding most of its days (ties: the earlier); inside one year ->
"YYYY"; longer -> the year holding most days. ``earliest``/``latest`` are set only when they
narrow the value. Weeks run Monday to Sunday; "early/mid/late" split a month 1-10/11-20/21-end.
Holidays are days: a fixed one ("the Day of the Sun") or a lunar one whose date per year is
data. Undated month-days, months, weekdays and holidays are taken in the past of the
publication date unless the caller passes ``future=True``. Without a publication date only
expressions carrying a year resolve (the others keep their words, value None); vague words
("recently") give None.

>>> P = dt.date(2015, 8, 20)
>>> tv = resolve("At the beginning of last month", P)
>>> tv.value, tv.earliest.isoformat(), tv.latest.isoformat()
('2015-07', '2015-07-01', '2015-07-10')
>>> resolve("on Sunday", dt.date(2021, 2, 22)).value
'2021-02-21'
>>> resolve("in late April", P).latest.isoformat()
'2015-04-30'
>>> resolve("three years ago", P).value
'2012'
>>> resolve("over the Lunar New Year holiday", dt.date(2025, 2, 20)).value  # holiday_dates.tsv
'2025-01-29'
>>> resolve("the day after", P, anchor=TimeValue("July 19", "2015-07-19")).value
'2015-07-20'
>>> resolve("yesterday", None).value is None, resolve("July 19, 2020", None).value
(True, '2020-07-19')
>>> [t[2] for t in find_times("The 53-year-old was seen on Feb. 3 and again last week.")]
['on Feb. 3', 'last week']
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kg.model import TimeValue
from kg.ontology_files import ontology_dir
from kg.time_words import TimeWords, load_time_words, load_words_at
from kg.timespan import ANCHORED, count_of, span_of, time_value

__all__ = ["TimeWords", "counts_in_years", "find_times", "first_time", "is_anchored",
           "load_time_words", "opens_with_daytime", "resolve"]


@dataclass(frozen=True)
class _Grammar:
    words: TimeWords
    finder: re.Pattern[str]
    drop: re.Pattern[str]
    kinds: dict[str, str]  # construction id -> kind
    starts: frozenset[str]  # lower-case tokens an expression can start with
    cores: frozenset[str]  # lower-case tokens every expression holds one of (or a digit)
    window: int  # how many tokens an expression may have before its first core token


_TOKEN, _DIGIT = re.compile(r"\w+"), re.compile(r"\d")
_SIGMA = "\u03a3"  # lower-cases to "ς" or "σ" depending on the letters around it
_START_KINDS = ("prep", "month", "season", "weekday", "number", "shift", "part", "part_noun",
                "day_offset", "vague", "same", "daytime", "holiday", "eve")
#: words that may follow a bare day ordinal ("on the 7th after …"), unlike a noun it
#: would number ("the 5th floor")
_FOLLOWERS = (r"(?:after|and|but|or|when|while|before|as|at|in|on|of|to|with|by|for|from|"
              r"the|a|an|that|which|because|until|since|even|though|although|despite|amid|"
              r"during|so|just|only|again|already|then|where|if|unless|into|over|near|"
              r"without|across|along|around|through|it|there|here|he|she|they|we|you|i|"
              r"his|her|their|its|this|these|those|some|several|many|most|all)\b")
_CORE_KINDS = ("month", "season", "weekday", "unit", "day_offset", "vague", "holiday")


def _families(w: TimeWords) -> list[tuple[str, list[tuple[str, str]]]]:
    """(shared prefix, [(kind, pattern)]) groups; ``(?P<%name>`` marks a named group.

    Forms sharing a prefix are grouped so the regex tries the prefix once; longer forms come
    first. Everything follows an optional preposition (group ``pre``, see _grammar).
    """
    a = w.alt
    the = r"(?:the|The)\s+"
    clock = rf"(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*{a('clock_suffix')}"
    tod = rf"(?:(?:{the})?(?:{clock}|{a('daytime')})(?:\s+of)?\s+(?:{a('prep')}\s+)?)?"
    suf = rf"(?:\s+{a('daytime', lambda v: v == 'span')}|\s+(?:{a('prep')}\s+)?{clock})?"
    ords = a("ordinal_suffix", guard=False)
    day, dayo = rf"(?:3[01]|[12]\d|0?[1-9])(?:{ords})?(?!\w)", rf"(?:3[01]|[12]\d|0?[1-9]){ords}"
    year = r"(?:1[89]|20)\d\d(?![\w-])"
    num = rf"(?:\d{{1,3}}|{a('number')})"
    unit, unit_np, shift = a("unit"), a("unit", lambda v: v != "day"), a("shift")
    mon, wd, yr = a("month"), a("weekday"), rf"(?:,?\s+(?P<%year>{year}))?"
    # a bare month or year needs a preposition, a part or "last": no "May I" or "2000 people"
    need_mon = rf"(?(pre)|(?(part)|(?={shift}\s)))"
    need_year = rf"(?(pre)|(?(part)|(?={year}(?![-\s]+[a-z]))))"
    # a season needs "last"/"this"/"next", a part or a year ("in spring" is often a habit),
    # and no noun after it ("this spring planting")
    season = a("season")
    need_season = rf"(?(part)|(?={shift}\s|{season}\s+(?:of\s+)?{year}))"
    no_noun = rf"(?![-\s]+(?!{_FOLLOWERS}|{year})[a-z])"
    ago, direction = a("ago"), a("direction")
    return [
        # "over the Lunar New Year holiday", "on the eve of the Day of the Sun"
        (rf"(?:{the})?(?:(?P<eve>{a('eve')})\s+of\s+(?:{the})?)?",
         [("holiday", rf"(?P<%hol>{a('holiday')})(?:\s+{a('holiday_noun')})?")]),
        ("", [("vague", f"(?P<%v>{a('vague')})"),
              ("date", r"(?P<%year>\d{4})-(?P<%monn>\d\d)-(?P<%day>\d\d)(?!\d)"),
              # not "(terms of up to) ten years | earlier this month" nor "drifted for three
              # days | before …"
              ("count", rf"(?<!\bfor\s)(?P<%num>{num})\s+(?P<%unit>{unit})\s+"
                        rf"(?:{ago}|(?P<%dir>{direction})(?!\s+{shift}\s+{unit}))")]),
        (tod, [("date", rf"(?:{wd},?\s+)?(?P<%mon>{mon})\s*(?P<%day>{day}){yr}{suf}"),
               ("date", rf"(?:{wd},?\s+)?(?:{the})?(?P<%day>{day})(?:\s+of)?\s+(?P<%mon>{mon})"
                       rf"{yr}{suf}"),
               ("dom", rf"{the}(?P<%day>{dayo})\s+of\s+(?P<%shift>{shift})\s+"
                       rf"{a('unit', lambda v: v == 'month')}{suf}"),
               # "on the 7th" but not "on the 5th floor": a noun may not follow
               ("dom", rf"(?(pre)|(?!)){the}(?P<%day>{dayo})"
                       rf"(?![-\s]+(?!{_FOLLOWERS}|{a('daytime')})[a-z]){suf}"),
               # "Monday last week": the Monday of that week, as "last Monday"
               ("weekday", rf"(?P<%wd>{wd})\s+(?P<%shift>{shift})\s+"
                           rf"{a('unit', lambda v: v == 'week')}{suf}"),
               # "Thursday the week before last"
               ("weekday", rf"(?P<%wd>{wd})(?:\s+{a('daytime')})?\s+{the}"
                           rf"{a('unit', lambda v: v == 'week')}\s+"
                           rf"(?P<%after>{a('shift_after')}){suf}"),
               ("weekday", rf"(?:(?P<%shift>{shift})\s+)?(?P<%wd>{wd}){suf}"),
               ("dayoff", rf"(?P<%off>{a('day_offset')}){suf}")]),
        (the, [("rel", rf"(?P<%unit>{unit_np})\s+(?P<%after>{a('shift_after')})"),
               ("count", rf"(?P<%unit>{unit})\s+(?P<%dir>{direction})"),
               # "over the weekend": the latest one begun before publication
               ("weekend", rf"(?(pre)|(?!)){a('unit', lambda v: v == 'weekend')}"
                           rf"(?![-\s]+(?!{_FOLLOWERS})[a-z])"),
               ("calendar", rf"(?P<%seq>{a('sequel')})\s+(?P<%unit>{unit})")]),
        (rf"(?:(?P<part>{a('part')})(?:-|\s+))?",
         [("calendar", rf"(?:{the})?{a('same')}\s+(?P<%unit>{unit})"),
          ("rel", rf"(?P<%shift>{shift})\s+(?P<%unit>{unit_np})(?!\s+of\s)"),  # the last week of
          ("season", rf"{need_season}(?:(?P<%shift>{shift})\s+)?(?P<%season>{season})"
                     rf"(?:\s+(?:of\s+)?(?P<%year>{year}))?{no_noun}"),
          # "in December of that year", "in March of the following year": anchored
          ("calmonth", rf"(?P<%mon>{mon})\s+of\s+(?:{the})?(?:{a('same')}|"
                       rf"(?P<%seq>{a('sequel')}))\s+{a('unit', lambda v: v == 'year')}"),
          ("month", rf"(?P<%mon>{mon}),?\s+(?P<%year>{year})"),
          ("month", rf"{need_mon}(?:(?P<%shift>{shift})\s+)?(?P<%mon>{mon})"),
          ("year", rf"{need_year}(?P<%year>{year})")]),
        (rf"(?:{the})?(?P<partn>{a('part_noun')})\s+of\s+",
         [("rel", rf"(?P<%shift>{shift})\s+(?P<%unit>{unit_np})"),
          # "the middle of the month": the current one
          ("rel", rf"{the}(?P<%unit>{unit_np})"),
          ("month", rf"(?P<%mon>{mon}){yr}"),
          ("year", rf"(?P<%year>{year})")]),
    ]


@functools.lru_cache(maxsize=8)
def _grammar(directory: Path) -> _Grammar:
    words = load_words_at(directory)
    kinds: dict[str, str] = {}
    families = []
    for prefix, forms in _families(words):
        alts = []
        for kind, pattern in forms:
            cid = f"c{len(kinds)}"
            kinds[cid] = kind
            alts.append(f"(?P<{cid}>{pattern.replace('(?P<%', f'(?P<{cid}_')})")
        families.append(prefix + "(?:" + "|".join(alts) + ")")
    body = "|".join(families)
    pre = rf"(?P<pre>{words.alt('prep')}\s+)?"
    finder = re.compile(rf"(?<![\w$€£¥.,:/-]){pre}(?:{body})(?!\w)")
    drop = re.compile(rf"{words.alt('prep', lambda v: v == 'drop')}\s+")
    tokens = {k: [_TOKEN.findall(w.lower()) for w, _, _ in words.rows.get(k, [])]
              for k in {*_START_KINDS, *_CORE_KINDS}}
    starts = {t[0] for k in _START_KINDS for t in tokens[k] if t} | {"the"}
    cores = {t[-1] for k in _CORE_KINDS for t in tokens[k] if t}
    # before its core an expression has at most a preposition, "the", a part, "of", a shift
    longest = max(len(t) for k in _START_KINDS if k not in _CORE_KINDS for t in tokens[k])
    # … or a holiday's own words before its last one ("the eve of the Kim Il Sung's birthday")
    holiday = max((len(t) for t in tokens["holiday"]), default=0)
    return _Grammar(words, finder, drop, kinds, frozenset(starts), frozenset(cores),
                    max(3 * longest + 2, holiday + 5))


@functools.lru_cache(maxsize=8)
def _current(env: str) -> _Grammar:
    return _grammar(ontology_dir(env or None).resolve())


def _g() -> _Grammar:
    return _current(os.environ.get("KG_ONTOLOGY", ""))


def find_times(text: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, expression) of time expressions, longest first match, left to right.

    >>> find_times("A 53-year-old crossed at midnight on Tuesday, not in 630 grams")
    [(22, 44, 'at midnight on Tuesday')]
    """
    g = _g()
    lowered = text.lower()
    found = _TOKEN.findall(lowered)
    if g.cores.isdisjoint(found) and not _DIGIT.search(text):
        return []
    if len(lowered) == len(text) and _SIGMA not in text:
        # every character kept its place (only "İ" grows, only "Σ" looks at its neighbours):
        # the words of the lower-cased text are the lower-cased words, at the same offsets
        words = list(_TOKEN.finditer(lowered))
        lows = found
    else:
        words = list(_TOKEN.finditer(text))
        lows = [w[0].lower() for w in words]
    cores, starts = g.cores, g.starts
    out: list[tuple[int, int, str]] = []
    free = 0  # text before ``free`` is taken or was tried
    # try the regex only near a core word: ~10x faster
    for c in [c for c, low in enumerate(lows) if low in cores or low[0].isdigit()]:
        for j in range(max(0, c - g.window), c + 1):
            tok = lows[j]
            if tok not in starts and not tok[0].isdigit():
                continue
            pos = words[j].start()
            if pos < free:
                continue
            m = g.finder.match(text, pos)
            if m is None:
                free = pos + 1
                continue
            start, free = m.span()
            dropped = g.drop.match(text, start)
            if dropped and dropped.end() < free and _parse(text[dropped.end():free]):
                start = dropped.end()  # "since May 13" → "May 13"; "from the 4th" stays
            out.append((start, free, text[start:free]))
            break
    return out


def _parse(expression: str) -> tuple[str, dict[str, str]] | None:
    parsed = _parse_with(os.environ.get("KG_ONTOLOGY", ""), expression)
    return None if parsed is None else (parsed[0], dict(parsed[1]))


@functools.lru_cache(maxsize=8192)
def _parse_with(env: str, expression: str) -> tuple[str, dict[str, str]] | None:
    """``_parse`` under the grammar of ``env``; news repeats its time phrases ("last
    month", "on Mar. 25"), and reading one through the whole grammar costs ~5 µs."""
    g = _current(env)
    text = expression.strip()
    m = g.finder.fullmatch(text) or g.finder.search(text)
    if m is None or m.lastgroup is None:
        return None
    cid = m.lastgroup
    prefix = cid + "_"
    parts = {k[len(prefix):]: v for k, v in m.groupdict().items()
             if v is not None and k.startswith(prefix)}
    if m.group("part") or m.group("partn"):
        parts["part"] = m.group("part") or m.group("partn")
    if m.group("eve"):
        parts["eve"] = m.group("eve")
    kind = g.kinds[cid]
    if kind == "count":
        kind = "shift" if "dir" in parts else "ago"
    return kind, parts


def opens_with_daytime(expression: str) -> bool:
    """Whether the expression starts with a time of day ("dawn on Nov. 9"): after "before"
    it says when something happened, not a deadline.

    >>> opens_with_daytime("dawn on Nov. 9"), opens_with_daytime("the end of the year")
    (True, False)
    """
    first = expression.split(maxsplit=1)[0] if expression.strip() else ""
    return _g().words.value("daytime", first) is not None


def is_anchored(expression: str) -> bool:
    """Whether the expression counts from another event ("the day after", "a week later").

    >>> is_anchored("two days after the escape"), is_anchored("two days ago")
    (True, False)
    """
    parsed = _parse(expression)
    return parsed is not None and parsed[0] in ANCHORED


def counts_in_years(expression: str) -> bool:
    """Whether an anchored expression counts from a year ("that year", "in March of the
    following year"), so any time told before can anchor it, not only a day.

    >>> counts_in_years("in December of that year"), counts_in_years("two days later")
    (True, False)
    """
    parsed = _parse(expression)
    return parsed is not None and (parsed[0] == "calmonth" or (
        parsed[0] in ANCHORED and _g().words.value("unit", parsed[1].get("unit", "")) == "year"))


def resolve(expression: str, published: dt.date | None, anchor: TimeValue | None = None,
            *, future: bool = False) -> TimeValue | None:
    """Resolve one expression; None if it is no time expression or a vague one ("recently").

    A month-day without a year is taken on or before ``published`` unless ``future`` (then on
    or after). Anchored expressions count from ``anchor``; without one their value is None.

    >>> resolve("last month", dt.date(2021, 1, 5)).value
    '2020-12'
    >>> resolve("recently", dt.date(2021, 1, 5)) is None
    True
    """
    return _resolve(os.environ.get("KG_ONTOLOGY", ""), expression, published, anchor, future)


@functools.lru_cache(maxsize=8192)
def _resolve(env: str, expression: str, published: dt.date | None,
             anchor: TimeValue | None, future: bool) -> TimeValue | None:
    """``resolve`` under the grammar of ``env``; an article repeats its time phrases
    against one publication date ("last month", "on the 7th")."""
    parsed = _parse_with(env, expression)
    if parsed is None:
        return None
    kind, g = parsed[0], dict(parsed[1])
    w = _current(env).words
    if kind == "vague" or ("num" in g and count_of(w, g["num"]) is None):
        return None
    return time_value(expression, span_of(kind, g, w, published, anchor, future))


def first_time(text: str, published: dt.date | None, anchor: TimeValue | None = None,
               *, future: bool = False) -> TimeValue | None:
    """The first expression in ``text`` that resolves to a value, skipping vague ones.

    If none has a value (no publication date, no anchor) the first unresolved one is returned,
    so its words are kept.

    >>> first_time("Officials recently said it happened on July 19.", dt.date(2020, 7, 26))
    TimeValue(expression='on July 19', value='2020-07-19', earliest=None, latest=None)
    """
    fallback = None
    for _, _, expression in find_times(text):
        tv = resolve(expression, published, anchor, future=future)
        if tv is not None and tv.value is not None:
            return tv
        fallback = fallback or tv
    return fallback
