"""Calendar arithmetic for time expressions: the interval a parsed expression denotes
(``span_of``), months, periods, parts and the value that stands for a span (a day, a
month, or a year).

>>> time_value("late April", (dt.date(2020, 4, 21), dt.date(2020, 4, 30))).value
'2020-04'
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

from kg.model import TimeValue

if TYPE_CHECKING:  # kg.time_words reads PARTS from here
    from kg.time_words import TimeWords

#: parts of a period, in order ("early", "mid", "late"; "before"/"after" a point)
PARTS = ("early", "mid", "late", "before", "after")
#: which of a season's three months a part names ("earlier this spring": its first)
_SEASON_MONTH = {"early": 0, "before": 0, "mid": 1, "late": 2, "after": 2}


@functools.lru_cache(maxsize=4096)
def _last(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _add_months(d: dt.date, n: int, to_end: bool = False) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    last = _last(y, m + 1)
    return dt.date(y, m + 1, last if to_end else min(d.day, last))


def _month(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, _last(y, m))


def _period(unit: str, d: dt.date, n: int) -> tuple[dt.date, dt.date]:
    """The calendar ``unit`` holding ``d``, moved by ``n`` units (weeks start on Monday)."""
    if unit == "day":
        return d + dt.timedelta(n), d + dt.timedelta(n)
    if unit in ("week", "weekend"):
        monday = d - dt.timedelta(d.weekday() - 7 * n)
        return (monday + dt.timedelta(5), monday + dt.timedelta(6)) if unit == "weekend" \
            else (monday, monday + dt.timedelta(6))
    if unit == "month":
        first = _add_months(d.replace(day=1), n)
        return _month(first.year, first.month)
    return dt.date(d.year + n, 1, 1), dt.date(d.year + n, 12, 31)


def _shift(d: dt.date, unit: str, n: int, end: bool = False) -> dt.date:
    """``d`` moved by exactly ``n`` units; a month's last day stays a month's last day."""
    if unit in ("day", "week", "weekend"):
        return d + dt.timedelta(n * (1 if unit == "day" else 7))
    to_end = end and d.day == _last(d.year, d.month)
    return _add_months(d, n * (12 if unit == "year" else 1), to_end)


def _part(span, unit: str, part: str | None, ref: dt.date | None):
    """Narrow a period to its early/mid/late part, or to before/after ``ref``."""
    s, e = span
    if part in ("before", "after"):
        if ref is not None and s <= ref <= e:
            return (s, ref) if part == "before" else (ref, e)
        part = "early" if part == "before" else "late"
    if part is None or unit in ("day", "weekend"):
        return span
    k = PARTS.index(part)
    if unit == "month":
        return s.replace(day=1 + 10 * k), (e if k == 2 else s.replace(day=10 + 10 * k))
    if unit == "week":
        return s + dt.timedelta(2 * k), s + dt.timedelta(2 * k + 2)
    return _month(s.year, 1 + 4 * k)[0], _month(s.year, 4 + 4 * k)[1]


def _majority(s: dt.date, e: dt.date, by_year: bool) -> dt.date:
    """The first day of the month (or year) holding most of [s, e]; ties go to the earlier."""
    best, best_days, cur = s, -1, s
    while cur <= e:
        stop = dt.date(cur.year, 12, 31) if by_year else _month(cur.year, cur.month)[1]
        days = (min(stop, e) - cur).days + 1
        if days > best_days:
            best, best_days = cur, days
        cur = stop + dt.timedelta(1)
    return best


def bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a "YYYY-MM-DD", "YYYY-MM" or "YYYY" value covers."""
    y = int(value[:4])
    if len(value) == 10:
        return (dt.date.fromisoformat(value),) * 2
    return _month(y, int(value[5:7])) if len(value) == 7 else (dt.date(y, 1, 1), dt.date(y, 12, 31))


def told_span(time: TimeValue) -> tuple[dt.date, dt.date]:
    """The first and last day a resolved time covers: its own bounds when it has them
    ("early last week"), else its value's ("2020-04")."""
    first, last = bounds(time.value)
    return time.earliest or first, time.latest or last


def time_value(expression: str, span) -> TimeValue:
    """Apply the value rule of the module docstring to an interval."""
    if span is None:
        return TimeValue(expression, None)
    s, e = span
    if s == e:
        value = s.isoformat()
    elif (s.year, s.month) == (e.year, e.month) or (e - s).days < 31:
        value = _majority(s, e, by_year=False).isoformat()[:7]
    else:
        value = str(_majority(s, e, by_year=True).year)
    if (s, e) == bounds(value):
        return TimeValue(expression, value)
    return TimeValue(expression, value, s, e)


def season_span(first: int, year: int | None, shift: int | None, part: str | None,
                p: dt.date | None, future: bool):
    """Three months from ``first`` (a winter runs into the next year): of the given year,
    else the one "this" season names (holding ``p``, else the nearest), the last one over
    before ``p``, the next one after it, or the latest begun (``future``: next to end).

    >>> season_span(12, None, -1, None, dt.date(2018, 4, 12), False)
    (datetime.date(2017, 12, 1), datetime.date(2018, 2, 28))
    """
    def span(y: int) -> tuple[dt.date, dt.date]:
        start = dt.date(y, first, 1)
        return start, _add_months(start, 2, to_end=True)
    if year is not None:
        found = span(year)
    elif p is None:
        return None
    else:
        spans = [span(y) for y in (p.year - 2, p.year - 1, p.year, p.year + 1)]
        if shift == 0:
            found = min(spans, key=lambda se: 0 if se[0] <= p <= se[1]
                        else min(abs((se[0] - p).days), abs((se[1] - p).days)))
        elif shift == -1:
            found = max(se for se in spans if se[1] < p)
        elif shift == 1 or future:
            found = min(se for se in spans if (se[0] > p if shift == 1 else se[1] >= p))
        else:
            found = max(se for se in spans if se[0] <= p)
    if part is None:
        return found
    month = _add_months(found[0], _SEASON_MONTH[part])  # a season's part is one of its months
    return _month(month.year, month.month)


ANCHORED = ("shift", "calendar", "calmonth")  # kinds that count from another event's time


def _pick(cands, p: dt.date, ahead: bool, strict: bool) -> dt.date | None:
    """The candidate nearest ``p`` on one side of it: before (default) or ``ahead``."""
    if ahead:
        return min((c for c in cands if c > p or (c == p and not strict)), default=None)
    return max((c for c in cands if c < p or (c == p and not strict)), default=None)


def holiday_days(w: TimeWords, name: str, p: dt.date) -> tuple[dt.date, ...]:
    """The days a holiday fell on in the years around ``p``: its fixed day each year, or the
    dates of holiday_dates.tsv for one kept by the lunar calendar."""
    value = w.value("holiday", name)
    if isinstance(value, tuple):
        month, day = value
        return tuple(dt.date(y, month, day) for y in range(p.year - 8, p.year + 9))
    return w.holiday_dates.get(value, ())


def span_of(kind: str, g: dict[str, str], w: TimeWords, p: dt.date | None,
          anchor: TimeValue | None, future: bool):
    """The interval an expression denotes, or None when it cannot be resolved."""
    part = g.get("part") and (w.value("part", g["part"]) or w.value("part_noun", g["part"]))
    shift = w.value("shift", g["shift"]) if "shift" in g else (
        w.value("shift_after", g["after"]) if "after" in g else None)  # the week before last
    unit = w.value("unit", g["unit"]) if "unit" in g else None
    day = int(re.match(r"\d+", g["day"]).group()) if "day" in g else 0
    year = int(g["year"]) if "year" in g else None
    m = int(g["monn"]) if "monn" in g else w.value("month", g.get("mon", ""))
    if kind == "date" and year is not None:
        valid = m is not None and 1 <= m <= 12 and 1 <= day <= _last(year, m)
        return (dt.date(year, m, day),) * 2 if valid else None
    if kind == "year":
        return _part(bounds(str(year)), "year", part, p)
    if kind == "month" and year is not None:
        return _part(_month(year, m), "month", part, p)
    if kind in ANCHORED:
        if anchor is None or anchor.value is None:
            return None
        if kind == "calmonth":  # a month of the anchor's year (or the year before or after)
            n = w.value("sequel", g["seq"]) if "seq" in g else 0
            return _part(_month(bounds(anchor.value)[0].year + n, m), "month", part, p)
        return _anchored(kind, g, w, unit, part, told_span(anchor))
    if kind == "season":
        return season_span(w.value("season", g["season"]), year, shift, part, p, future)
    if p is None:
        return None
    if kind == "date":
        d = _pick([dt.date(y, m, day) for y in range(p.year - 8, p.year + 9)
                   if day <= _last(y, m)], p, future, strict=False)
        return d and (d, d)
    if kind == "month":
        months = [dt.date(y, m, 1) for y in (p.year - 1, p.year, p.year + 1)]
        ahead = shift == 1 or (shift is None and future)
        start = months[1] if shift == 0 else _pick(months, p.replace(day=1), ahead,
                                                   strict=shift is not None)
        return _part(_month(start.year, m), "month", part, p)
    if kind == "dom":
        moves = range(-3, 4) if shift is None else (shift,)
        firsts = [_add_months(p.replace(day=1), k) for k in moves]
        days = [f.replace(day=day) for f in firsts if day <= _last(f.year, f.month)]
        d = days[0] if shift is not None and days else _pick(days, p, future, strict=False)
        return d and (d, d)
    if kind == "weekday":
        wd = w.value("weekday", g["wd"])
        if shift is not None and shift < 0:  # "last Wednesday": of the week before
            day = p - dt.timedelta(p.weekday() - 7 * shift - wd)  # publication
            return day, day
        ahead = shift == 1 or future
        week = [p + dt.timedelta(k) for k in range(-7, 8)]
        return (_pick([d for d in week if d.weekday() == wd], p, ahead, strict=True),) * 2
    if kind == "weekend":  # the weekend whose Saturday lies before publication
        return _period("weekend", p, 0 if p.weekday() == 6 else -1)
    if kind == "holiday":  # its day in the years around publication, then "the eve of"
        d = _pick(holiday_days(w, g["hol"], p), p, future, strict=False)
        before = w.value("eve", g["eve"]) if "eve" in g else 0
        return d and (d + dt.timedelta(before),) * 2
    if kind == "dayoff":
        return (p + dt.timedelta(w.value("day_offset", g["off"])),) * 2
    if kind == "ago":
        n = count_of(w, g["num"])
        if unit in ("day", "week", "weekend"):
            return (_shift(p, unit, -n),) * 2
        return _period(unit, p, -n)
    return _part(_period(unit, p, shift or 0), unit, part, p)  # "rel"; "the month": this one


def _anchored(kind, g, w: TimeWords, unit: str, part, base: tuple[dt.date, dt.date]):
    """Count from the anchor's days: exactly (a day later) or by calendar period (the next
    week)."""
    s, e = base
    if kind == "shift":
        n = (count_of(w, g["num"]) if "num" in g else 1) * w.value("direction", g["dir"])
        return _shift(s, unit, n), _shift(e, unit, n, end=True)
    n = w.value("sequel", g["seq"]) if "seq" in g else 0
    period = _period(unit, s, n)[0], _period(unit, e, n)[1]
    return _part(period, unit, part, s if s == e else None)


def count_of(w: TimeWords, num: str) -> int | None:
    return int(num) if num.isdigit() else w.value("number", num)
