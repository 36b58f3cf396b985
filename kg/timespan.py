"""Calendar arithmetic for time expressions: months, periods, parts and the value that
stands for a span (a day, a month, or a year).

>>> _time_value("late April", (dt.date(2020, 4, 21), dt.date(2020, 4, 30))).value
'2020-04'
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools

from kg.model import TimeValue

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


def _bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a "YYYY-MM-DD", "YYYY-MM" or "YYYY" value covers."""
    y = int(value[:4])
    if len(value) == 10:
        return (dt.date.fromisoformat(value),) * 2
    return _month(y, int(value[5:7])) if len(value) == 7 else (dt.date(y, 1, 1), dt.date(y, 12, 31))


def told_span(time: TimeValue) -> tuple[dt.date, dt.date]:
    """The first and last day a resolved time covers: its own bounds when it has them
    ("early last week"), else its value's ("2020-04")."""
    first, last = _bounds(time.value)
    return time.earliest or first, time.latest or last


def _time_value(expression: str, span) -> TimeValue:
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
    if (s, e) == _bounds(value):
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
