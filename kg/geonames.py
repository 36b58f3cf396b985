"""Gazetteer records: real GeoNames dumps, their admin code files, and the bundled gazetteer.

A GeoNames dump (``allCountries.txt``, ``KP.txt``, ``cities5000.txt``) is the 19-column
``geoname`` table, read as a stream so that the 1.5 GB ``allCountries.txt`` never sits in
memory: only lines holding one of the ``words`` the linker asks for are parsed (a byte search
over 16 MB blocks), and a ``keep`` test on the parsed row does the rest. Admin code files map
``KP.17`` / ``KP.17.2042740`` to the GeoNames id of the division, which the reference data
maps to our province and county ids. ``ontology/gazetteer_places.tsv`` (built by
scripts/build_gazetteer.py) holds the same kind of records for everything bundled.

>>> line = "\\t".join(["2042709", "Hwasŏng", "Hwasong", "Hwasong-up", "41.25556", "129.49278",
...                    "P", "PPL", "KP", "", "17", "", "", "", "99557", "", "23",
...                    "Asia/Pyongyang", "2024-06-10"])
>>> g = parse_geoname(line)
>>> g.geonames, g.feature, g.admin1, g.population
('2042709', 'P.PPL', '17', 99557)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from kg.errors import DataError
from kg.reference import Reference, default_directory
from kg.reference_tsv import TsvFile

GEONAME_FIELDS = 19
GAZETTEER_FILE = "gazetteer_places.tsv"
FEATURES_FILE = "gazetteer_features.tsv"
GAZETTEER_COLUMNS = ("geonames", "wikidata", "name", "names", "feature", "code", "country",
                     "province", "county", "lat", "long", "population", "source")
FEATURE_COLUMNS = ("feature", "level", "kinds", "prominent", "note")
LEVELS = frozenset({"country", "province", "county", "city", "feature"})
BLOCK = 1 << 24
_FOLDED = (b"'", b"-", b"`", "’".encode(), "ʼ".encode(), "´".encode())
#: a populated place at least this large counts as prominent (the cities5000 threshold).
PROMINENT_POPULATION = 5000


@dataclass(frozen=True)
class GeoName:
    """One row of a GeoNames ``geoname`` table (the columns the linker uses)."""

    geonames: str
    name: str
    ascii_name: str
    alternate_names: tuple[str, ...]
    lat: str
    long: str
    feature: str  # "P.PPL": feature class and code
    country: str  # ISO 3166-1 alpha-2
    admin1: str
    admin2: str
    population: int | None
    modified: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.ascii_name, *self.alternate_names)


@dataclass(frozen=True)
class AdminCode:
    code: str  # "KP.17" or "KP.17.2042740"
    name: str
    ascii_name: str
    geonames: str


@dataclass(frozen=True)
class Feature:
    code: str
    level: str  # country | province | county | city | feature
    kinds: tuple[str, ...]  # place kinds a record of this feature can denote
    prominent: bool


@dataclass(frozen=True)
class GazetteerRecord:
    """A place a gazetteer knows, with our ids for its country, province and county."""

    geonames: str | None
    wikidata: str | None
    name: str
    names: tuple[str, ...]
    feature: str
    code: str  # GeoNames admin code of a division, else ""
    country: str | None  # reference place ids
    province: str | None
    county: str | None
    lat: Decimal | None
    long: Decimal | None
    population: int | None
    source: str  # tagged provenance parts: "gn:…; wd:…; coords:…"
    dataset: str  # where the record was read: the bundled file or a dump's file name

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.names)


def parse_geoname(line: str, where: str = "line") -> GeoName:
    """One tab-separated row of the geoname table; a malformed row is a DataError."""
    cells = line.rstrip("\r\n").split("\t")
    if len(cells) != GEONAME_FIELDS or not cells[0].isdigit():
        raise DataError(f"{where}: not a GeoNames geoname row ({len(cells)} columns, "
                        f"expected {GEONAME_FIELDS} starting with a numeric id)")
    population = int(cells[14]) if cells[14].isdigit() and int(cells[14]) > 0 else None
    return GeoName(cells[0], cells[1], cells[2],
                   tuple(n for n in cells[3].split(",") if n), cells[4], cells[5],
                   f"{cells[6]}.{cells[7]}" if cells[7] else cells[6], cells[8], cells[10],
                   cells[11], population, cells[18])


def read_geonames(path: Path, words: Iterable[str] | None = None,
                  keep: Callable[[GeoName], bool] | None = None) -> Iterator[GeoName]:
    """Stream the rows of a geoname dump. With ``words`` (folded names or their first words),
    only lines holding one of them are parsed; ``keep`` then tests the parsed row."""
    try:
        lines = _all_lines(path) if words is None else _lines_with(path, words)
        for number, line in lines:
            if line.strip():
                row = parse_geoname(line, f"{path}:{number}")
                if keep is None or keep(row):
                    yield row
    except FileNotFoundError as err:
        raise DataError(f"{path}: file not found") from err
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"{path}: cannot be read ({err})") from err


def _all_lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8", newline="\n") as handle:
        yield from enumerate(handle, start=1)


def _lines_with(path: Path, words: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(number, line) of the lines that hold a word once lower-cased, with apostrophes and
    hyphens taken out ("Unch'on-up" holds "unchon"). Works on 16 MB blocks of bytes with
    C-speed searches, so a 1.5 GB allCountries.txt takes seconds, not minutes."""
    needles = sorted({w.encode("utf-8") for w in words if w})
    with path.open("rb") as handle:
        rest, base = b"", 0
        while True:
            chunk = handle.read(BLOCK)
            block = rest + chunk
            if chunk:
                cut = block.rfind(b"\n") + 1
                block, rest = block[:cut], block[cut:]
            if block:
                yield from _hits(block, needles, base)
                base += block.count(b"\n") + (0 if block.endswith(b"\n") else 1)
            if not chunk:
                return


def _hits(block: bytes, needles: list[bytes], base: int) -> Iterator[tuple[int, str]]:
    norm = block.lower()
    for mark in _FOLDED:
        norm = norm.replace(mark, b"")
    hits = []
    for needle in needles:
        at = norm.find(needle)
        while at != -1:
            hits.append(at)
            at = norm.find(needle, at + 1)
    if not hits:
        return
    lines = block.split(b"\n")
    line, previous, last = 0, 0, -1
    for at in sorted(hits):
        line += norm.count(b"\n", previous, at)
        previous = at
        if line != last:
            last = line
            yield base + line + 1, lines[line].decode("utf-8")


def read_admin_codes(path: Path) -> dict[str, AdminCode]:
    """``admin1CodesASCII.txt`` / ``admin2Codes.txt``: code, name, ASCII name, geonameid."""
    out: dict[str, AdminCode] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataError(f"{path}: file not found") from err
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"{path}: cannot be read ({err})") from err
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        cells = line.rstrip("\r").split("\t")
        if len(cells) != 4 or not cells[3].isdigit() or "." not in cells[0]:
            raise DataError(f"{path}:{number}: not an admin code row (code, name, "
                            "ASCII name, geonameid)")
        out[cells[0]] = AdminCode(*cells)
    return out


@lru_cache(maxsize=4)
def load_features(directory: Path | None = None) -> dict[str, Feature]:
    """ontology/gazetteer_features.tsv: feature code → level, kinds, prominence."""
    f = TsvFile(Path(directory or default_directory()) / FEATURES_FILE, FEATURE_COLUMNS)
    out: dict[str, Feature] = {}
    for line, row in f.rows():
        if row["level"] not in LEVELS:
            raise f.error(line, f"unknown level {row['level']!r}")
        if row["prominent"] not in {"yes", "no"}:
            raise f.error(line, "prominent must be yes or no")
        out[row["feature"]] = Feature(row["feature"], row["level"],
                                      tuple(row["kinds"].split()), row["prominent"] == "yes")
    return out


def feature_of(code: str, features: dict[str, Feature]) -> Feature:
    """The row for ``code`` ("P.PPLA"), else for its class ("P"); unknown → a plain feature."""
    found = features.get(code) or features.get(code.split(".")[0])
    return found or Feature(code, "feature", (), False)


def is_prominent(record: GazetteerRecord, features: dict[str, Feature]) -> bool:
    """An administrative unit or seat, or a populated place of 5000 people or more."""
    if feature_of(record.feature, features).prominent:
        return True
    return record.population is not None and record.population >= PROMINENT_POPULATION


def _decimal(text: str, where: str) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as err:
        raise DataError(f"{where}: bad coordinate {text!r}") from err


@lru_cache(maxsize=2)
def load_gazetteer(directory: Path | None = None) -> tuple[GazetteerRecord, ...]:
    """The bundled gazetteer (ontology/gazetteer_places.tsv), in file order."""
    path = Path(directory or default_directory()) / GAZETTEER_FILE
    f = TsvFile(path, GAZETTEER_COLUMNS)
    records = []
    for line, row in f.rows():
        if not (row["geonames"].isdigit() or row["wikidata"]):
            raise f.error(line, "a record needs a GeoNames id or a QID")
        where = f"{f.display}:{line}"
        records.append(GazetteerRecord(
            row["geonames"] or None, row["wikidata"] or None, f.required(line, row, "name"),
            tuple(n for n in row["names"].split("|") if n), f.required(line, row, "feature"),
            row["code"], row["country"] or None, row["province"] or None,
            row["county"] or None, _decimal(row["lat"], where), _decimal(row["long"], where),
            int(row["population"]) if row["population"].isdigit() else None, row["source"],
            f"bundled gazetteer ontology/{GAZETTEER_FILE}"))
    return tuple(records)


class DumpReader:
    """Turns the rows of user-supplied GeoNames dumps into records with our ids.

    ``admin1`` / ``admin2`` are admin code files; without them the admin codes of the
    bundled gazetteer are used (a dump older than them may file a town elsewhere).
    """

    def __init__(self, ref: Reference, bundled: Iterable[GazetteerRecord],
                 admin1: dict[str, AdminCode] | None = None,
                 admin2: dict[str, AdminCode] | None = None) -> None:
        self.ref = ref
        by_gn = {p.geonames: pid for pid, p in ref.places.items() if p.geonames}
        self.country = {p.iso3166_2: pid for pid, p in ref.places.items()
                        if p.kind == "Country" and p.iso3166_2}
        codes = {r.code: r.geonames for r in bundled if r.code and r.geonames}
        for table in (admin1 or {}, admin2 or {}):
            codes.update({c: a.geonames for c, a in table.items()})
        self.province = {c: by_gn[g] for c, g in codes.items() if c.count(".") == 1 and g in by_gn}
        self.county = {c: by_gn[g] for c, g in codes.items() if c.count(".") == 2 and g in by_gn}

    def record(self, g: GeoName, dataset: str) -> GazetteerRecord:
        a1 = f"{g.country}.{g.admin1}"
        county = self.county.get(f"{a1}.{g.admin2}")
        if county is not None and self.ref.places[county].kind == "Province":
            county = None
        return GazetteerRecord(
            g.geonames, None, g.ascii_name or g.name,
            tuple(n for n in (g.name, *g.alternate_names) if n and n != g.ascii_name),
            g.feature, "", self.country.get(g.country), self.province.get(a1), county,
            _decimal(g.lat, dataset), _decimal(g.long, dataset), g.population,
            f"gn:geonameid {g.geonames}, modified {g.modified}; "
            f"coords:geonameid {g.geonames}, modified {g.modified}",
            f"GeoNames dump {dataset}")

    def read(self, path: Path, words: Iterable[str] | None,
             keep: Callable[[GeoName], bool] | None = None) -> Iterator[GazetteerRecord]:
        for g in read_geonames(path, words, keep):
            yield self.record(g, path.name)


def merge(records: Iterable[GazetteerRecord]) -> list[GazetteerRecord]:
    """One record per GeoNames id; a later record (a user's dump) wins, but keeps the QID,
    province and county an earlier one knew when it has none of its own."""
    out: dict[str, GazetteerRecord] = {}
    for r in records:
        key = r.geonames or f"wd:{r.wikidata}"
        old = out.get(key)
        if old is not None:
            r = replace(r, wikidata=r.wikidata or old.wikidata,
                        province=r.province or old.province, county=r.county or old.county,
                        source=_join_sources(old, r))
        out[key] = r
    return list(out.values())


def _join_sources(old: GazetteerRecord, new: GazetteerRecord) -> str:
    parts = [p for p in old.source.split("; ") if p.startswith("wd:")] if not new.wikidata else []
    return "; ".join([*new.source.split("; "), *parts])


__all__ = ["AdminCode", "DumpReader", "Feature", "GAZETTEER_COLUMNS", "GazetteerRecord",
           "GeoName", "feature_of", "is_prominent", "load_features", "load_gazetteer", "merge",
           "parse_geoname", "read_admin_codes", "read_geonames"]
