"""The reference data that drives extraction, loaded from the TSV files under ``ontology/``.

Gazetteer, agency registry, persons, name variants, trigger lexicon, cues and number
words are data (see ontology/README.md); this module only reads and checks them, so a
county or an alias is added without a code change. A malformed row raises
:class:`kg.errors.DataError` naming the file and line.

>>> ref = load_reference()
>>> ref.places["musan_county"].kind, ref.parents("musan_county")
('County', ('north_hamgyong', 'north_korea'))
>>> fold_name("P’yŏngan-namdo")
'pyongan namdo'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from kg.ontology_files import ontology_dir
from kg.reference_rdf import reference_quads
from kg.reference_tsv import TsvFile

__all__ = ["AgencyRecord", "Cue", "NameRecord", "PersonRecord", "PlaceRecord", "Reference",
           "Trigger", "clear_cache", "fold_name", "load_reference",
           "reference_quads"]

#: Concept local names of the SPEC's schemes (schema, not data: they name the concepts).
PLACE_KINDS = frozenset({"Country", "Province", "City", "County", "District", "Village",
                         "River", "Mountain", "Facility", "Region"})
AGENCY_CATEGORIES = frozenset({"SecurityService", "Police", "Military", "BorderGuard",
                               "PartyOrgan", "StateAdministration", "LocalGovernment",
                               "NeighbourhoodUnit", "Judiciary", "HealthAuthority",
                               "StateMedia", "ForeignAgency", "Enterprise"})
INCIDENT_TYPES = frozenset({"Defection", "ReturnDefection", "Repatriation", "Arrest",
                            "Punishment", "Search", "Lockdown", "Surveillance", "Quarantine",
                            "MarketDisruption", "Shortage", "Mobilization", "Smuggling",
                            "Unrest", "Disaster"})
DIRECTIVE_TYPES = frozenset({"Order", "Decree", "Campaign"})
FRAME_TYPES = {"incident": INCIDENT_TYPES, "directive": DIRECTIVE_TYPES}
CUE_KINDS = frozenset({"negation", "hypothetical", "risk", "report", "present", "prospective",
                       "dateline", "background", "ending", "baseline", "launch", "issuing",
                       "negated-subject", "speech", "unconfirmed",
                       "source",
                       "identifier", "participants"})
CASES = frozenset({"any", "exact"})

#: file name → its columns, in order (the header row must be exactly these).
COLUMNS: dict[str, tuple[str, ...]] = {
    "places.tsv": ("id", "name", "kind", "parent", "iso3166_2", "geonames", "wikidata",
                   "lat", "long", "source"),
    "place_names.tsv": ("place", "name", "note"),
    "agencies.tsv": ("id", "name", "category", "country", "parent", "wikidata", "source",
                     "replaced_by"),
    "agency_names.tsv": ("agency", "name", "case", "valid_from", "valid_to", "note"),
    "persons.tsv": ("id", "name", "role", "valid_from", "valid_to"),
    "person_names.tsv": ("person", "name", "case", "valid_from", "valid_to"),
    "triggers.tsv": ("id", "frame", "type", "pattern", "note"),
    "cues.tsv": ("id", "kind", "pattern", "note"),
    "numbers.tsv": ("word", "value"),
}

#: In cues.tsv, ``{number}`` stands for a number in digits or in the words of numbers.tsv.
NUMBER_PLACEHOLDER = "{number}"

_ROW_ID = re.compile(r"[a-z0-9][a-z0-9_.\-]*")  # trigger and cue ids: inc.defection.fled
_QID = re.compile(r"Q[1-9][0-9]*")
_FOLD_APOSTROPHES = str.maketrans("", "", "'’`´ʼ")


def fold_name(name: str) -> str:
    """The form the name matcher compares: no case, diacritics, apostrophes or hyphens."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_FOLD_APOSTROPHES).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


@dataclass(frozen=True)
class PlaceRecord:
    id: str
    name: str
    kind: str  # place-kind concept local name
    parent: str | None
    iso3166_2: str | None
    geonames: str | None
    wikidata: str | None
    lat: Decimal | None
    long: Decimal | None
    source: str


@dataclass(frozen=True)
class AgencyRecord:
    id: str
    name: str
    category: str  # agency-category concept local name
    country: str | None  # a place id
    parent: str | None  # an agency id
    wikidata: str | None
    source: str
    replaced_by: str | None  # the agency that took over under a new name


@dataclass(frozen=True)
class PersonRecord:
    id: str
    name: str
    role: str
    valid_from: dt.date | None
    valid_to: dt.date | None


@dataclass(frozen=True)
class NameRecord:
    """One name (or description) of a place, agency or person, as the matcher uses it."""

    kind: str  # "place" | "agency" | "person"
    ref: str
    name: str
    case: str = "any"  # "exact": matched verbatim (abbreviations)
    valid_from: dt.date | None = None  # publication dates for which the name means ``ref``
    valid_to: dt.date | None = None
    note: str = ""

    def valid_on(self, published: dt.date | None) -> bool:
        """Whether the name means ``ref`` in an article published on that day."""
        if published is None:
            return True
        return ((self.valid_from is None or self.valid_from <= published)
                and (self.valid_to is None or published <= self.valid_to))


@dataclass(frozen=True)
class Trigger:
    id: str
    frame: str  # "incident" | "directive"
    type: str  # concept local name
    pattern: re.Pattern[str]  # case-insensitive, bounded by non-word characters
    note: str = ""


@dataclass(frozen=True)
class Cue:
    id: str
    kind: str
    pattern: re.Pattern[str]
    note: str = ""


@dataclass(frozen=True, eq=False)
class Reference:
    """All reference data of one ontology directory (hashable by identity, for caches)."""

    directory: Path
    places: dict[str, PlaceRecord]
    agencies: dict[str, AgencyRecord]
    persons: dict[str, PersonRecord]
    names: list[NameRecord]
    triggers: list[Trigger]
    cues: dict[str, list[Cue]]
    numbers: dict[str, int]

    def parents(self, place_id: str) -> tuple[str, ...]:
        """The chain of places containing ``place_id``, nearest first, up to the country."""
        return _chain(self.places, place_id)

    def agency_parents(self, agency_id: str) -> tuple[str, ...]:
        """The chain of agencies ``agency_id`` belongs to, nearest first (none if unknown)."""
        return _chain(self.agencies, agency_id) if agency_id in self.agencies else ()

    def names_of(self, kind: str, ref: str) -> list[NameRecord]:
        return [n for n in self.names if n.kind == kind and n.ref == ref]


def _chain(table: dict, key: str) -> tuple[str, ...]:
    """Parents of ``key`` in ``table`` (records with a ``parent`` id), nearest first."""
    chain: list[str] = []
    parent = table[key].parent
    while parent is not None and parent not in chain and parent in table:
        chain.append(parent)
        parent = table[parent].parent
    return tuple(chain)


def default_directory() -> Path:
    """``$KG_ONTOLOGY`` if set, else the repository's ``ontology/`` next to the package."""
    return ontology_dir()


def load_reference(directory: Path | None = None) -> Reference:
    """Load and check every reference file of ``directory`` (cached per directory)."""
    return _load(Path(directory or default_directory()).resolve())


def clear_cache() -> None:
    """Forget loaded directories (after the files changed on disk)."""
    _load.cache_clear()


def _file(directory: Path, name: str) -> TsvFile:
    return TsvFile(directory / name, COLUMNS[name])


def _places(directory: Path) -> dict[str, PlaceRecord]:
    f = _file(directory, "places.tsv")
    places: dict[str, PlaceRecord] = {}
    lines: dict[str, int] = {}
    for line, row in f.rows():
        pid = f.new_id(line, places, row["id"])
        kind = f.required(line, row, "kind")
        if kind not in PLACE_KINDS:
            raise f.error(line, f"unknown place kind {kind!r}")
        if row["geonames"] and not row["geonames"].isdigit():
            raise f.error(line, f"bad GeoNames id {row['geonames']!r}")
        if row["wikidata"] and not _QID.fullmatch(row["wikidata"]):
            raise f.error(line, f"bad Wikidata QID {row['wikidata']!r}")
        lat, long = f.decimal(line, row["lat"], 90), f.decimal(line, row["long"], 180)
        if (lat is None) != (long is None):
            raise f.error(line, "lat and long must be given together")
        places[pid] = PlaceRecord(pid, f.required(line, row, "name"), kind,
                                  row["parent"] or None, row["iso3166_2"] or None,
                                  row["geonames"] or None, row["wikidata"] or None,
                                  lat, long, row["source"])
        lines[pid] = line
    for pid, place in places.items():
        seen = [pid]
        parent = place.parent
        while parent is not None:
            if parent not in places:
                raise f.error(lines[seen[-1]], f"unknown parent {parent!r}")
            if parent in seen:
                raise f.error(lines[pid], f"parent cycle through {parent!r}")
            seen.append(parent)
            parent = places[parent].parent
        if places[seen[-1]].kind != "Country":
            raise f.error(lines[pid], f"{pid!r} is not inside a country")
    return places


def _agencies(directory: Path, places: dict[str, PlaceRecord]) -> dict[str, AgencyRecord]:
    f = _file(directory, "agencies.tsv")
    agencies: dict[str, AgencyRecord] = {}
    lines: dict[str, int] = {}
    for line, row in f.rows():
        aid = f.new_id(line, agencies, row["id"])
        category = f.required(line, row, "category")
        if category not in AGENCY_CATEGORIES:
            raise f.error(line, f"unknown agency category {category!r}")
        country = row["country"] or None
        if country is not None and (country not in places
                                    or places[country].kind != "Country"):
            raise f.error(line, f"country {country!r} is not a Country of places.tsv")
        if row["wikidata"] and not _QID.fullmatch(row["wikidata"]):
            raise f.error(line, f"bad Wikidata QID {row['wikidata']!r}")
        agencies[aid] = AgencyRecord(aid, f.required(line, row, "name"), category, country,
                                     row["parent"] or None, row["wikidata"] or None,
                                     row["source"], row["replaced_by"] or None)
        lines[aid] = line
    for aid, agency in agencies.items():
        for column in ("parent", "replaced_by"):
            target = getattr(agency, column)
            if target is not None and (target not in agencies or target == aid):
                raise f.error(lines[aid], f"unknown {column} {target!r}")
    return agencies


def _persons(directory: Path) -> dict[str, PersonRecord]:
    f = _file(directory, "persons.tsv")
    persons: dict[str, PersonRecord] = {}
    for line, row in f.rows():
        pid = f.new_id(line, persons, row["id"])
        start, end = f.dates(line, row)
        persons[pid] = PersonRecord(pid, f.required(line, row, "name"), row["role"],
                                    start, end)
    return persons


def _names(directory: Path, ref: Reference) -> list[NameRecord]:
    """Canonical names first, then the variants of each names file, in file order."""
    tables = {"place": ref.places, "agency": ref.agencies, "person": ref.persons}
    names = [NameRecord(kind, rid, record.name)
             for kind, table in tables.items() for rid, record in table.items()]
    for kind, file_name in (("place", "place_names.tsv"), ("agency", "agency_names.tsv"),
                            ("person", "person_names.tsv")):
        f = _file(directory, file_name)
        for line, row in f.rows():
            rid = row[f.columns[0]]
            if rid not in tables[kind]:
                raise f.error(line, f"unknown {kind} {rid!r}")
            name = f.required(line, row, "name")
            if not fold_name(name):
                raise f.error(line, f"name {name!r} has no letters or digits")
            if kind == "place":
                names.append(NameRecord(kind, rid, name, note=row["note"]))
                continue
            case = row["case"] or "any"
            if case not in CASES:
                raise f.error(line, f"case must be 'any' or 'exact', not {case!r}")
            start, end = f.dates(line, row)
            names.append(NameRecord(kind, rid, name, case, start, end, row.get("note", "")))
    return names


#: how a trigger or cue pattern is made whole-word: never starting or ending inside a word
_WHOLE_WORD = ("(?<!\\w)(?:", ")(?!\\w)")


def whole_word(pattern: str) -> str:
    """``pattern`` never starting or ending inside a word."""
    return _WHOLE_WORD[0] + pattern + _WHOLE_WORD[1]


def inner_pattern(compiled: re.Pattern[str]) -> str | None:
    """The pattern as a data file writes it, without ``whole_word``'s wrapping (None for a
    pattern not made by ``whole_word``)."""
    source = compiled.pattern
    if source.startswith(_WHOLE_WORD[0]) and source.endswith(_WHOLE_WORD[1]):
        return source[len(_WHOLE_WORD[0]):-len(_WHOLE_WORD[1])]
    return None


def _compile(f: TsvFile, line: int, pattern: str) -> re.Pattern[str]:
    """Case-insensitive, and never starting or ending inside a word."""
    if not pattern:
        raise f.error(line, "empty pattern")
    try:
        return re.compile(whole_word(pattern), re.IGNORECASE)
    except re.error as err:
        raise f.error(line, f"pattern does not compile: {err}") from err


def _triggers(directory: Path) -> list[Trigger]:
    f = _file(directory, "triggers.tsv")
    triggers: list[Trigger] = []
    seen: dict[str, int] = {}
    for line, row in f.rows():
        tid = f.new_id(line, seen, row["id"], _ROW_ID)
        seen[tid] = line
        types = FRAME_TYPES.get(row["frame"])
        if types is None:
            raise f.error(line, f"frame must be incident or directive, not {row['frame']!r}")
        if row["type"] not in types:
            raise f.error(line, f"unknown {row['frame']} type {row['type']!r}")
        triggers.append(Trigger(tid, row["frame"], row["type"],
                                _compile(f, line, row["pattern"]), row["note"]))
    return triggers


def _numbers(directory: Path) -> dict[str, int]:
    f = _file(directory, "numbers.tsv")
    numbers: dict[str, int] = {}
    for line, row in f.rows():
        word = f.required(line, row, "word").casefold()
        if not row["value"].isdigit():
            raise f.error(line, f"value must be a whole number, not {row['value']!r}")
        if word in numbers:
            raise f.error(line, f"duplicate word {word!r}")
        numbers[word] = int(row["value"])
    return numbers


def number_pattern(numbers: dict[str, int]) -> str:
    """What ``{number}`` expands to: digits (a comma only between thousands, so "March 2,
    officials" counts nobody), or number words ("twenty-five", "a hundred")."""
    words = "|".join(re.escape(w) for w in sorted(numbers, key=lambda w: (-len(w), w)))
    word = rf"(?:{words})" if words else r"(?!)"
    return rf"(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+|(?:an? )?{word}(?:[ -](?:and )?{word})*)"


def _cues(directory: Path, numbers: dict[str, int]) -> dict[str, list[Cue]]:
    f = _file(directory, "cues.tsv")
    cues: dict[str, list[Cue]] = {}
    seen: dict[str, int] = {}
    number = number_pattern(numbers)
    for line, row in f.rows():
        cid = f.new_id(line, seen, row["id"], _ROW_ID)
        seen[cid] = line
        if row["kind"] not in CUE_KINDS:
            raise f.error(line, f"unknown cue kind {row['kind']!r}")
        pattern = row["pattern"].replace(NUMBER_PLACEHOLDER, number)
        cues.setdefault(row["kind"], []).append(
            Cue(cid, row["kind"], _compile(f, line, pattern), row["note"]))
    return cues


@lru_cache(maxsize=8)
def _load(directory: Path) -> Reference:
    places = _places(directory)
    agencies = _agencies(directory, places)
    persons = _persons(directory)
    numbers = _numbers(directory)
    ref = Reference(directory, places, agencies, persons, [], _triggers(directory),
                    _cues(directory, numbers), numbers)
    ref.names.extend(_names(directory, ref))
    return ref
