"""Gold annotations and the name keys they are compared by (format: ../shared/eval/README.md).

>>> date_agrees("2015-07", "2015-07-03"), date_agrees("2015-07-03", "2015-07")
(True, False)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError
from kg.ontology_files import ontology_dir
from kg.reference_tsv import TsvFile

CATEGORIES = ("places", "agencies", "persons", "incidents", "directives")
ENTITY_CATEGORIES = CATEGORIES[:3]
GOLD_SUFFIX = ".gold.json"
NORMALISE_FILE = "eval_normalise.tsv"

_APOSTROPHES = re.compile(r"[’'‘`´ʼ]")
_WORD_BREAK = re.compile(r"[\W_]+")
_GOLD_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


# -- names ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Normaliser:
    """Reduces a name to a comparison key; the rules come from ``ontology/eval_normalise.tsv``.

    >>> n = load_normaliser()
    >>> n.key("North Hamkyung Province") == n.key("north hamgyong")
    True
    >>> n.key("Kim Jong-un") == n.key("Kim Jong Un"), n.key("Sakju") == n.key("Sakchu County")
    (True, True)
    """

    generic: frozenset[str] = frozenset()
    words: Mapping[str, str] = field(default_factory=dict)
    patterns: tuple[tuple[re.Pattern[str], str], ...] = ()

    def key(self, name: str) -> str:
        words = [w for w in _WORD_BREAK.split(_APOSTROPHES.sub("", _fold(name))) if w]
        kept = [w for w in words if w not in self.generic] or words
        out = []
        for word in kept:
            word = self.words.get(word, word)
            for pattern, replacement in self.patterns:
                word = pattern.sub(replacement, word)
            out.append(word)
        return "".join(out)


def _fold(text: str) -> str:
    """Case-folded text without diacritics (Chosŏn → choson)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def load_normaliser(directory: Path | None = None) -> Normaliser:
    """The rules of ``eval_normalise.tsv`` in ``directory`` (default: the ontology folder)."""
    return _load_normaliser((Path(directory) if directory else ontology_dir()) / NORMALISE_FILE)


@lru_cache(maxsize=4)
def _load_normaliser(path: Path) -> Normaliser:
    tsv = TsvFile(path, ("kind", "from", "to", "note"))
    generic: set[str] = set()
    words: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for line, row in tsv.rows():
        kind, source, target = row["kind"], tsv.required(line, row, "from"), row["to"]
        if kind == "generic" and not target:
            generic.add(_fold(source))
        elif kind == "word":
            words[_fold(source)] = _fold(tsv.required(line, row, "to"))
        elif kind == "pattern":
            try:
                patterns.append((re.compile(source), target))
            except re.error as err:
                raise tsv.error(line, f"pattern does not compile: {err}") from err
        else:
            raise tsv.error(line, f"bad rule kind {kind!r} (generic with no 'to', word, "
                                  "pattern)")
    return Normaliser(frozenset(generic), words, tuple(patterns))


def date_agrees(gold: str | None, predicted: str | None) -> bool:
    """Whether ``predicted`` says the gold date at the gold's precision (None = no date)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return len(predicted) >= len(gold) and predicted[:len(gold)] == gold


# -- annotations ------------------------------------------------------------------------
@dataclass(frozen=True)
class Entity:
    """A place, agency or person: its name and (gold only) the text's forms of it."""

    name: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Frame:
    """An incident or directive reduced to what is scored."""

    type: str
    places: tuple[str, ...] = ()
    date: str | None = None
    issuer: str | None = None

    def describe(self) -> str:
        text = f"{self.type} @ {', '.join(self.places) or '-'}"
        if self.issuer:
            text += f" by {self.issuer}"
        return f"{text} [{self.date or 'no date'}]"


@dataclass(frozen=True)
class Annotations:
    """The items of one article, gold or predicted."""

    id: str
    places: tuple[Entity, ...] = ()
    agencies: tuple[Entity, ...] = ()
    persons: tuple[Entity, ...] = ()
    incidents: tuple[Frame, ...] = ()
    directives: tuple[Frame, ...] = ()


def read_gold(path: Path) -> Annotations:
    """The gold annotations of ``path``; a malformed file is an :class:`InputError`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot read the gold file ({err})") from err
    except json.JSONDecodeError as err:
        raise InputError(path, f"not valid JSON: {err.msg} (line {err.lineno})") from err
    if not isinstance(data, dict):
        raise InputError(path, "a gold file holds one JSON object")
    gold_id = data.get("id", path.name[:-len(GOLD_SUFFIX)])
    entities = {c: tuple(_gold_entity(item, path, f"{c}[{i}]")
                         for i, item in enumerate(_items(data, c, path)))
                for c in ENTITY_CATEGORIES}
    frames = {c: tuple(_gold_frame(item, path, f"{c}[{i}]")
                       for i, item in enumerate(_items(data, c, path)))
              for c in ("incidents", "directives")}
    return Annotations(str(gold_id), **entities, **frames)


def _items(data: dict, key: str, path: Path) -> list[dict]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(path, f"'{key}' must be a list of objects")
    return items


def _get(item: dict, key: str, path: Path, where: str, kind: str = "text"):
    """``item[key]`` checked: kind ``text`` (a non-empty string), ``optional`` (that or
    null) or ``list`` (a list of strings, absent = empty)."""
    value = item.get(key, [] if kind == "list" else None)
    if kind == "list":
        ok, what = isinstance(value, list) and all(isinstance(v, str) for v in value), "a list"
    else:
        ok = (value is None and kind == "optional") or (isinstance(value, str) and value.strip())
        what = "a non-empty string"
    if not ok:
        raise InputError(path, f"{where}: '{key}' must be {what}")
    return tuple(value) if kind == "list" else value


def _gold_entity(item: dict, path: Path, where: str) -> Entity:
    return Entity(_get(item, "name", path, where), _get(item, "surface", path, where, "list"))


def _gold_frame(item: dict, path: Path, where: str) -> Frame:
    date = _get(item, "date", path, where, "optional")
    if date is not None and not _GOLD_DATE.fullmatch(date):
        raise InputError(path, f"{where}: bad date {date!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
    return Frame(_get(item, "type", path, where), _get(item, "places", path, where, "list"),
                 date, _get(item, "issuer", path, where, "optional"))
