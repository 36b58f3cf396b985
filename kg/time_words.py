"""The word lists of time expressions: ``ontology/time.tsv`` plus any ``time_*.tsv``.

Months, weekdays, number words, "last", "ago", "the following" … are data, so a new
spelling ("Sept.", "Agosto") needs no code change; :mod:`kg.timex` only knows how they
combine. Each row is ``kind  word  value  case  note``; ``case`` is ``exact`` for a word
whose capitals matter ("May" the month, not "may"), else empty or ``any``.

>>> words = load_time_words()
>>> words.value("month", "Sept."), words.value("weekday", "sunday")
(9, 6)
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.ontology_files import ontology_dir
from kg.reference_tsv import TsvFile
from kg.timespan import PARTS

__all__ = ["TimeWords", "load_time_words", "load_words_at"]

_COLUMNS = ("kind", "word", "value", "case", "note")
_INT = re.compile(r"-?\d+")
_UNITS = ("day", "week", "weekend", "month", "year")
# kind -> allowed values: a tuple of words, a range, "int", "int?" (int or empty), "" (empty)
_KINDS: dict[str, object] = {
    "month": range(1, 13), "season": ("3", "6", "9", "12"), "weekday": range(7),
    "ordinal_suffix": "", "number": "int?",
    "unit": _UNITS, "shift": ("-1", "0", "1"), "shift_after": ("-2", "2"),
    "part": PARTS, "part_noun": PARTS,
    "day_offset": "int", "ago": "", "direction": ("-1", "1"), "sequel": ("-1", "1"), "same": "",
    "daytime": ("point", "span"), "clock_suffix": "", "prep": ("keep", "drop"), "vague": "",
    "holiday": "holiday", "holiday_noun": "", "eve": "int",
}
_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")


def _norm(word: str) -> str:
    return " ".join(word.lower().replace("’", "'").split())


@dataclass(frozen=True)
class TimeWords:
    """The word lists: ``rows[kind]`` = [(word as written, value, exact case)]."""

    rows: dict[str, list[tuple[str, object, bool]]]
    #: lunar-calendar holiday id -> its solar dates, one per year (holiday_dates.tsv)
    holiday_dates: dict[str, tuple[dt.date, ...]] = field(default_factory=dict)

    @functools.cached_property
    def _lookup(self) -> dict[tuple[str, str], object]:
        return {(k, _norm(w)): v for k, rows in self.rows.items() for w, v, _ in rows}

    def value(self, kind: str, word: str) -> object:
        """The value of a matched word (None for a vague one)."""
        return self._lookup.get((kind, _norm(word)))

    def alt(self, kind: str, keep=None, guard: bool = True) -> str:
        """A regex alternation of the words of one kind, longest first.

        Case-free words are spelled out as lower/Capitalized/UPPER variants rather than
        matched with re.IGNORECASE: literal branches let the regex engine skip them fast.
        """
        forms = {f for w, v, exact in self.rows.get(kind, []) if keep is None or keep(v)
                 for f in ((w,) if exact else (w.lower(), w[:1].upper() + w[1:], w.upper()))}
        pats = [re.escape(f).replace(r"\ ", r"\s+").replace("'", "['’]")
                for f in sorted(forms, key=lambda f: (-len(f), f))]
        body = "|".join(pats) or "(?!)"
        return f"(?:{body})" + (r"(?!\w)" if guard else "")


def _parse_value(f: TsvFile, line: int, kind: str, value: str,
                 holidays: dict[str, tuple[dt.date, ...]]) -> object:
    spec = _KINDS.get(kind)
    if spec is None:
        raise f.error(line, f"unknown kind {kind!r}")
    if spec == "holiday":  # a fixed day ("04-15") or a lunar holiday's id
        day = _MONTH_DAY.fullmatch(value)
        # a day every year has: 2001 is no leap year, so "02-29" is refused
        if day and int(day[2]) <= calendar.monthrange(2001, int(day[1]))[1]:
            return int(day[1]), int(day[2])
        if value in holidays:
            return value
        raise f.error(line, f"holiday {value!r} is neither a day of every year (MM-DD) nor "
                            "an id of holiday_dates.tsv")
    if (spec in ("int", "int?") or isinstance(spec, range)) and _INT.fullmatch(value):
        if not isinstance(spec, range) or int(value) in spec:
            return int(value)
    if (spec == "int?" or spec == "") and value == "":
        return None
    if isinstance(spec, tuple) and value in spec:
        return int(value) if _INT.fullmatch(value) else value
    raise f.error(line, f"bad value {value!r} for kind {kind!r}")


@functools.lru_cache(maxsize=8)
def load_words_at(directory: Path) -> TimeWords:
    """The words of ``directory`` (resolved): time.tsv first, then time_*.tsv by name."""
    rows: dict[str, list[tuple[str, object, bool]]] = {}
    holidays = _holiday_dates(directory / "holiday_dates.tsv")
    for path in [directory / "time.tsv", *sorted(directory.glob("time_*.tsv"))]:
        f = TsvFile(path, _COLUMNS)
        for line, row in f.rows():
            if row["case"] not in ("", "exact", "any"):
                raise f.error(line, f"bad case {row['case']!r} (exact, any or empty)")
            value = _parse_value(f, line, row["kind"], row["value"], holidays)
            rows.setdefault(row["kind"], []).append(
                (f.required(line, row, "word"), value, row["case"] == "exact"))
    return TimeWords(rows, holidays)


def _holiday_dates(path: Path) -> dict[str, tuple[dt.date, ...]]:
    """holiday id -> sorted solar dates; none when the folder has no holiday_dates.tsv."""
    if not path.exists():
        return {}
    f = TsvFile(path, ("holiday", "date", "note"))
    out: dict[str, list[dt.date]] = {}
    for line, row in f.rows():
        try:
            day = dt.date.fromisoformat(f.required(line, row, "date"))
        except ValueError:
            raise f.error(line, f"date {row['date']!r} is not YYYY-MM-DD") from None
        out.setdefault(f.required(line, row, "holiday"), []).append(day)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def load_time_words(directory: Path | str | None = None) -> TimeWords:
    """Load time.tsv (+ time_*.tsv) from ``directory``, $KG_ONTOLOGY or the repo's ontology/."""
    return load_words_at(ontology_dir(directory).resolve())
