"""Choose the gazetteer record a place name denotes, from the article's context — or none.

Names repeat (eight villages called Hwasong, a Musan in North Hamgyong and one in North
Pyongan), so a name alone is never enough. Evidence, strongest first:

1. *nearby*: the record lies in a province, county or city named in the same report (the
   incidents and directives the place takes part in, and their quoted source's location),
   or within :data:`NEAR_KM` of a town named there. If a province is named nearby and no
   candidate lies in it, the context contradicts the name: no link.
2. *article*: the record lies in a place the article names anywhere.
3. *prominence*: the record is the only prominent one (an administrative unit or seat, or a
   town of 5000 or more).

A link needs the name to be the record's main name: GeoNames' alternate names are noisy
(Onsong carries "Kosong"), so a record matched by one only is kept as a candidate.

Candidates must be of a kind the place can be (a "County" is an ADM2 record, not its seat
town) and lie in a country the article names. A tier with several candidates is decided by
prominence when exactly one is prominent, else the place stays unlinked and the candidates
are kept for review. Precision first: a wrong link silently corrupts a user's joins.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.geonames import Feature, GazetteerRecord, feature_of, is_prominent
from kg.reference import Reference, default_directory, fold_name
from kg.reference_tsv import TsvFile

GENERIC_FILE = "gazetteer_generic.tsv"
GENERIC_COLUMNS = ("word", "kind", "position", "note")
NEAR_KM = 25.0
#: kinds whose coordinates are a point a nearby village can be measured from.
POINT_KINDS = frozenset({"City", "County", "District", "Village", "Facility"})
#: kinds that contain the places inside them (a province named nearby must contain the place).
AREA_KINDS = frozenset({"Province", "County"})


@dataclass(frozen=True)
class NameKeys:
    """Folded names without their generic word: ``key("Musan-gun") == ("musan", "County")``.

    >>> keys = load_name_keys()
    >>> keys.key("Musan-gun"), keys.key("Tumen River"), keys.key("Mount Paektu")
    (('musan', 'County'), ('tumen', 'River'), ('paektu', 'Mountain'))
    >>> keys.key("Kosong-dong")
    ('kosong dong', None)
    """

    suffixes: tuple[tuple[tuple[str, ...], str], ...]  # longest first
    prefixes: tuple[tuple[tuple[str, ...], str], ...]

    def key(self, name: str) -> tuple[str, str | None]:
        words = tuple(fold_name(name).split())
        for generic, kind in self.suffixes:
            n = len(generic)
            if len(words) > n and words[-n:] == generic:
                return " ".join(words[:-n]), kind
        for generic, kind in self.prefixes:
            n = len(generic)
            if len(words) > n and words[:n] == generic:
                return " ".join(words[n:]), kind
        return " ".join(words), None


@lru_cache(maxsize=4)
def load_name_keys(directory: Path | None = None) -> NameKeys:
    f = TsvFile(Path(directory or default_directory()) / GENERIC_FILE, GENERIC_COLUMNS)
    rows: dict[str, list[tuple[tuple[str, ...], str]]] = {"suffix": [], "prefix": []}
    for line, row in f.rows():
        if row["position"] not in rows:
            raise f.error(line, "position must be prefix or suffix")
        words = tuple(fold_name(row["word"]).split())
        if not words:
            raise f.error(line, "empty word")
        rows[row["position"]].append((words, f.required(line, row, "kind")))
    order = lambda items: tuple(sorted(items, key=lambda w: -len(w[0])))  # noqa: E731
    return NameKeys(order(rows["suffix"]), order(rows["prefix"]))


@dataclass(frozen=True)
class Candidate:
    """A gazetteer record as a candidate for a name, with what it can be."""

    record: GazetteerRecord
    kinds: frozenset[str]  # place kinds it can denote
    chain: frozenset[str]  # reference ids of the places it lies in (county, province, country)
    prominent: bool
    main_key: str  # the key of its main name

    @property
    def iri_key(self) -> str:
        return self.record.geonames or self.record.wikidata or ""


class GazetteerIndex:
    """Name key → candidates, over the bundled gazetteer plus any user dumps."""

    def __init__(self, records: Iterable[GazetteerRecord], features: dict[str, Feature],
                 keys: NameKeys, parents: Callable[[str], tuple[str, ...]]) -> None:
        self.keys = keys
        self.features = features
        self._by_key: dict[str, list[Candidate]] = defaultdict(list)
        for record in records:
            candidate = self._candidate(record, parents)
            seen: set[str] = set()
            for name in record.all_names:
                k = keys.key(name)[0]
                if k and k not in seen:
                    seen.add(k)
                    self._by_key[k].append(candidate)

    def _candidate(self, r: GazetteerRecord, parents: Callable[[str], tuple[str, ...]]
                   ) -> Candidate:
        main_key, generic = self.keys.key(r.name)
        kinds = frozenset(feature_of(r.feature, self.features).kinds)
        if generic in kinds:
            kinds = frozenset({generic})
        chain: set[str] = set()
        for pid in (r.county, r.province, r.country):
            if pid:
                chain.add(pid)
                chain.update(parents(pid))
        return Candidate(r, kinds, frozenset(chain), is_prominent(r, self.features), main_key)

    def candidates(self, name: str) -> list[Candidate]:
        return list(self._by_key.get(self.keys.key(name)[0], ()))

    def level(self, candidate: Candidate) -> str:
        return feature_of(candidate.record.feature, self.features).level


@dataclass(frozen=True)
class Context:
    """What an article says around one place: reference ids and points of named places."""

    nearby: frozenset[str] = frozenset()  # named in the same incidents, directives, sources
    nearby_areas: frozenset[str] = frozenset()  # the provinces and counties among them
    nearby_points: tuple[tuple[float, float], ...] = ()  # (lat, long) of towns named nearby
    article: frozenset[str] = frozenset()  # every place the article names
    countries: frozenset[str] = frozenset()  # countries named or containing a named place
    names: dict[str, str] = field(default_factory=dict, compare=False)  # id → label


@dataclass(frozen=True)
class Decision:
    status: str  # "linked" | "ambiguous" | "unlinked"
    chosen: Candidate | None
    candidates: tuple[Candidate, ...]  # what stays possible (kept for review when unlinked)
    method: str  # "name+nearby", "name+article", "name+prominence", …
    reason: str


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _near(c: Candidate, points: Iterable[tuple[float, float]]) -> bool:
    r = c.record
    if r.lat is None or r.long is None:
        return False
    here = (float(r.lat), float(r.long))
    return any(_km(here, p) <= NEAR_KM for p in points)


def _names(ids: Iterable[str], context: Context) -> str:
    return ", ".join(sorted(context.names.get(i, i) for i in ids))


def decide(candidates: Iterable[Candidate], key: str, kind: str | None,
           context: Context) -> Decision:
    """Which of ``candidates`` (records named ``key``) the place denotes; see the module."""
    found = sorted(candidates, key=lambda c: c.iri_key)
    fits = [c for c in found if (kind is None or kind in c.kinds)
            and c.record.country in context.countries]
    if not fits:
        why = "no candidate" if not found else (
            f"none of the {len(found)} candidates is a {kind or 'place'} in "
            f"{_names(context.countries, context) or 'a country the article names'}")
        return Decision("unlinked", None, tuple(found), "", why)
    nearby = [c for c in fits if c.chain & context.nearby or _near(c, context.nearby_points)]
    if nearby:
        named = _names(context.nearby & set().union(*(c.chain for c in nearby)), context)
        main = [c for c in nearby if c.main_key == key]
        if not main:
            return Decision("ambiguous" if len(nearby) > 1 else "unlinked", None,
                            tuple(nearby), "", f"only alternate names match near {named}")
        return _pick(main, key, "name+nearby", f"named in the same report: {named or 'a town'}")
    if context.nearby_areas:
        return Decision("ambiguous" if len(fits) > 1 else "unlinked", None, tuple(fits), "",
                        f"no candidate lies in {_names(context.nearby_areas, context)}, "
                        "named in the same report")
    in_article = [c for c in fits if c.chain & context.article and c.main_key == key]
    if in_article:
        named = _names(context.article & set().union(*(c.chain for c in in_article)), context)
        return _pick(in_article, key, "name+article", f"named in the article: {named}")
    prominent = [c for c in fits if c.prominent]
    if len(prominent) == 1 and prominent[0].main_key == key:
        return Decision("linked", prominent[0], tuple(fits), "name+prominence",
                        f"the only prominent one of {len(fits)} of that name; no place "
                        "named in the article contradicts it")
    status = "ambiguous" if len(fits) > 1 else "unlinked"
    return Decision(status, None, tuple(fits), "", "insufficient evidence: no place named "
                    "in the article supports " + ("any of them" if len(fits) > 1 else "it"))


def _pick(tier: list[Candidate], key: str, method: str, why: str) -> Decision:
    if len(tier) == 1:
        return Decision("linked", tier[0], tuple(tier), method, why)
    prominent = [c for c in tier if c.prominent and c.main_key == key]
    if len(prominent) == 1:
        return Decision("linked", prominent[0], tuple(tier), method + "+prominence",
                        f"{why}; the only prominent one of {len(tier)}")
    return Decision("ambiguous", None, tuple(tier), "",
                    f"{len(tier)} candidates fit ({why})")


def decide_reference(candidates: Iterable[Candidate], kind: str, parents: tuple[str, ...]
                     ) -> Decision:
    """A reference place without an id: its kind and parent chain are known facts, so a
    record of that kind inside its nearest parent is the place when it is the only one."""
    found = sorted(candidates, key=lambda c: c.iri_key)
    country = parents[-1] if parents else None
    fits = [c for c in found if kind in c.kinds and c.record.country == country
            and all(p in c.chain for p in parents[:1])]
    if len(fits) == 1:
        return Decision("linked", fits[0], tuple(fits), "name+hierarchy",
                        "the only record of that name and kind inside its parent")
    if not fits:
        return Decision("unlinked", None, tuple(found), "",
                        "no record of that name and kind inside its parent")
    return Decision("ambiguous", None, tuple(fits), "",
                    f"{len(fits)} records of that name and kind inside its parent")


def combine(decisions: list[Decision]) -> Decision:
    """One decision for a place named in several articles (its IRI is minted from its
    label, so every article must agree): a link only if no article's context excludes it."""
    if len(decisions) == 1:
        return decisions[0]
    chosen = {d.chosen.iri_key: d for d in decisions if d.chosen is not None}
    pool = {c.iri_key: c for d in decisions for c in d.candidates}
    everything = tuple(pool[k] for k in sorted(pool))
    if len(chosen) > 1:
        return Decision("ambiguous", None, everything, "",
                        f"articles disagree: {len(chosen)} different records chosen")
    if not chosen:
        status = "ambiguous" if len(everything) > 1 else "unlinked"
        return Decision(status, None, everything, "", decisions[0].reason)
    (key, first), = chosen.items()
    excluded = [d for d in decisions if d.chosen is None
                and key not in {c.iri_key for c in d.candidates}]
    if excluded:
        return Decision("ambiguous", None, everything, "",
                        f"an article's context excludes it ({excluded[0].reason})")
    return first


def other_places(known: str, context: Context, index: GazetteerIndex, ref: Reference
                 ) -> list[tuple[str, list[Candidate]]]:
    """For a reference place named in ``context``: the areas named next to it that do not
    contain it, each with the gazetteer's places of its name there — the resolver may have
    taken the wrong place ("Musan, North Pyongan" is not Musan County, North Hamgyong)."""
    place = ref.places[known]
    if place.kind in {"Country", "Province"}:
        return []
    chain = {known, *ref.parents(known)}
    out = []
    for area in sorted(context.nearby_areas - chain):
        parents = ref.parents(area)
        if len(parents) != 1 or ref.places[parents[0]].kind != "Country":
            continue  # only first-level divisions: a county next door is no contradiction
        same = [c for c in index.candidates(place.name) if area in c.chain]
        if same:
            out.append((area, same))
    return out
