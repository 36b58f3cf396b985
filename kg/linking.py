"""The links graph: every place joined to GeoNames and Wikidata, with an audit record per link.

``link_quads`` turns the reference data into links (what ``kg build`` loads); ``relink``
rebuilds the whole graph from the reference data, the bundled gazetteer and user GeoNames
dumps, adding links for places the reference data lacks (places the articles name that are
not in it, and reference places without a GeoNames id), chosen by ``kg.disambiguate``.

Per link, a node ``<place>/link/geonames`` (or ``/link/wikidata``) of type
``kg:GazetteerLink`` says where the link came from (``kg:linkSource``), how it was made
(``kg:linkMethod``), at which administrative level it matched (``kg:matchLevel``: country,
province, county, city, feature) and what it points at (``kg:target``); the place carries
the plain ``skos:exactMatch`` users join on. Layout and the choice of ``skos:exactMatch``
over ``owl:sameAs``: docs/linking.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from kg.disambiguate import (
    AREA_KINDS,
    POINT_KINDS,
    Candidate,
    Context,
    Decision,
    GazetteerIndex,
    combine,
    decide,
    decide_reference,
    load_name_keys,
    other_places,
)
from kg.geonames import DumpReader, load_features, load_gazetteer, merge, read_admin_codes
from kg.namespaces import (
    GEO,
    GEONAMES,
    GSP,
    KG,
    NIF,
    RDF,
    RDFS,
    SKOS,
    WIKIDATA,
    XSD,
    Iris,
    concept,
)
from kg.ontology_files import reference_hash
from kg.reference import PlaceRecord, Reference, load_reference
from kg.store import CONTENT_HASH, KgStore

REFERENCE_METHOD = "reference-data"
REFERENCE_FILE = "ontology/places.tsv"
MAX_CANDIDATES = 50
#: place kind → the level a link of a reference place matched at (a first-level division
#: with an ISO 3166-2 subdivision code is a province, whatever its kind).
KIND_LEVELS = {"Country": "country", "Province": "province", "Region": "county",
               "County": "county", "City": "city", "District": "city", "Village": "city",
               "River": "feature", "Mountain": "feature", "Facility": "feature"}

_TYPE = NamedNode(RDF + "type")
_MATCH = NamedNode(SKOS + "exactMatch")
_DECIMAL = NamedNode(XSD + "decimal")
_SOURCE_PART = re.compile(r";\s*(?=[\w-]+:)")  # "gn:…(KP.17; two copies agree); wd:…"
_TAGS = {"gn": "geonames", "wd": "wikidata", "coords": "coordinates"}


def _kg(local: str) -> NamedNode:
    return NamedNode(KG + local)


def geonames_iri(gid: str) -> NamedNode:
    return NamedNode(f"{GEONAMES}{gid}/")


def wikidata_iri(qid: str) -> NamedNode:
    return NamedNode(WIKIDATA + qid)


def source_parts(source: str) -> dict[str, list[str]]:
    """Tagged provenance parts by what they vouch for ("geonames", "wikidata",
    "coordinates"); untagged parts ("wof:…", "curated: …") vouch for all three.

    >>> source_parts("gn:admin2Codes(KP.17.2042740); wof:890440093")["geonames"]
    ['admin2Codes(KP.17.2042740)', 'wof:890440093']
    """
    out: dict[str, list[str]] = {"geonames": [], "wikidata": [], "coordinates": []}
    for part in filter(None, (p.strip() for p in _SOURCE_PART.split(source))):
        tag, _, rest = part.partition(":")
        if tag in _TAGS:
            out[_TAGS[tag]].append(rest.strip())
        else:
            for parts in out.values():
                parts.append(part)
    return out


def place_level(place: PlaceRecord) -> str:
    if place.iso3166_2 and "-" in place.iso3166_2:
        return "province"
    return KIND_LEVELS.get(place.kind, "feature")


class LinkGraph:
    """Collects the quads of the links graph."""

    def __init__(self, iris: Iris) -> None:
        self.graph = iris.graph("links")
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def link(self, s: NamedNode, scheme: str, target: NamedNode, sources: Iterable[str],
             method: str, level: str | None = None, comment: str | None = None) -> None:
        """``s skos:exactMatch target`` and its audit node ``<s>/link/<scheme>``."""
        node = NamedNode(f"{s.value}/link/{scheme}")
        self.add(s, _MATCH, target)
        self.add(s, _kg("gazetteerLink"), node)
        self.add(node, _TYPE, _kg("GazetteerLink"))
        self.add(node, _kg("target"), target)
        self.add(node, _kg("linkMethod"), Literal(method))
        for source in dict.fromkeys(sources):
            self.add(node, _kg("linkSource"), Literal(source))
        if level:
            self.add(node, _kg("matchLevel"), Literal(level))
        if comment:
            self.add(node, NamedNode(RDFS + "comment"), Literal(comment))

    def point(self, s: NamedNode, lat: Decimal, long: Decimal, sources: Iterable[str]) -> None:
        """WGS84 lat/long and a GeoSPARQL WKT point (longitude first)."""
        la, lo = format(lat, "f"), format(long, "f")
        self.add(s, NamedNode(GEO + "lat"), Literal(la, datatype=_DECIMAL))
        self.add(s, NamedNode(GEO + "long"), Literal(lo, datatype=_DECIMAL))
        geometry = NamedNode(s.value + "/geometry")
        self.add(s, NamedNode(GSP + "hasGeometry"), geometry)
        self.add(geometry, _TYPE, NamedNode(GSP + "Geometry"))
        self.add(geometry, NamedNode(GSP + "asWKT"),
                 Literal(f"POINT({lo} {la})", datatype=NamedNode(GSP + "wktLiteral")))
        for source in dict.fromkeys(sources):
            self.add(geometry, _kg("linkSource"), Literal(source))


def _reference_place(g: LinkGraph, place: PlaceRecord, s: NamedNode) -> None:
    parts = source_parts(place.source)
    level = place_level(place)
    if place.geonames:
        g.link(s, "geonames", geonames_iri(place.geonames),
               parts["geonames"] or [REFERENCE_FILE], REFERENCE_METHOD, level)
    if place.wikidata:
        g.link(s, "wikidata", wikidata_iri(place.wikidata),
               parts["wikidata"] or [REFERENCE_FILE], REFERENCE_METHOD, level)
    if place.lat is not None and place.long is not None:
        g.point(s, place.lat, place.long, parts["coordinates"] or [REFERENCE_FILE])


def link_quads(ref: Reference, iris: Iris) -> list[Quad]:
    """The links of the reference data: places and agencies with their audit nodes."""
    g = LinkGraph(iris)
    for place in ref.places.values():
        _reference_place(g, place, iris.place(place.id))
    for agency in ref.agencies.values():
        if agency.wikidata:
            g.link(iris.agency(agency.id), "wikidata", wikidata_iri(agency.wikidata),
                   source_parts(agency.source)["wikidata"] or ["ontology/agencies.tsv"],
                   REFERENCE_METHOD)
    return g.quads


# ---- the places of the articles, with their context ----------------------------------------

_PREFIXES = f"PREFIX kg: <{KG}>\nPREFIX rdfs: <{RDFS}>\nPREFIX nif: <{NIF}>\n"
_MENTIONS = _PREFIXES + """SELECT ?g ?place ?label ?kind WHERE { GRAPH ?g {
  ?article a kg:Article ; kg:mentions ?place . ?place a kg:Place .
  OPTIONAL { ?place rdfs:label ?label } OPTIONAL { ?place kg:placeKind ?kind } } }"""
_FRAMES = _PREFIXES + """SELECT ?g ?frame ?place WHERE { GRAPH ?g {
  { ?frame kg:occurredAt ?place } UNION { ?frame kg:concernsPlace ?place }
  UNION { ?frame kg:reportedBy ?source . ?source kg:sourceLocatedIn ?place } } }"""
_EVIDENCE = _PREFIXES + """SELECT ?g ?place ?text WHERE { GRAPH ?g {
  { ?frame kg:occurredAt ?place } UNION { ?frame kg:concernsPlace ?place }
  ?frame kg:evidence ?e . ?e nif:anchorOf ?text } }"""


@dataclass
class PlaceUse:
    """A place the articles mention: its label, kind and, per article, its context."""

    iri: NamedNode
    label: str
    kind: str | None
    known: str | None  # reference id
    contexts: dict[str, Context] = field(default_factory=dict)
    evidence: list[tuple[str, str]] = field(default_factory=list)


def is_area(place: PlaceRecord) -> bool:
    """A province, county or first-level city: a place that contains the places in it."""
    return place.kind in AREA_KINDS or bool(place.iso3166_2 and "-" in place.iso3166_2)


def article_places(store: KgStore, ref: Reference) -> dict[NamedNode, PlaceUse]:
    """Every place of every article graph, with the context of each article around it."""
    iris = store.iris
    known = {iris.place(pid): pid for pid in ref.places}
    uses: dict[NamedNode, PlaceUse] = {}
    mentioned: dict[NamedNode, set[NamedNode]] = {}
    for row in store.raw.query(_MENTIONS):
        g, place = row["g"], row["place"]
        if iris.article_id_of_graph(g) is None:
            continue
        mentioned.setdefault(g, set()).add(place)
        pid = known.get(place)
        kind = row["kind"].value.rsplit("/", 1)[-1] if row["kind"] is not None else None
        label = ref.places[pid].name if pid else (row["label"].value if row["label"] else "")
        use = uses.setdefault(place, PlaceUse(place, label, kind, pid))
        if pid is None and use.kind is None:
            use.kind = kind
    frames: dict[NamedNode, dict[NamedNode, set[NamedNode]]] = {}  # graph → frame → places
    for row in store.raw.query(_FRAMES):
        frames.setdefault(row["g"], {}).setdefault(row["frame"], set()).add(row["place"])
    for g, places in sorted(mentioned.items(), key=lambda kv: kv[0].value):
        article = iris.article_id_of_graph(g) or ""
        near = list(frames.get(g, {}).values())
        ids = {known[p] for p in places if p in known}
        for place in places:
            nearby = {known[p] for ps in near if place in ps for p in ps
                      if p in known and p != place}
            uses[place].contexts[article] = _context(ref, nearby, ids)
    for row in store.raw.query(_EVIDENCE):
        use = uses.get(row["place"])
        if use is not None and use.known is None:
            entry = (iris.article_id_of_graph(row["g"]) or "", row["text"].value)
            if entry not in use.evidence:
                use.evidence.append(entry)
    for use in uses.values():
        use.evidence.sort()
    return uses


def _context(ref: Reference, nearby: set[str], mentioned: set[str]) -> Context:
    places = ref.places
    countries = {p for p in mentioned if places[p].kind == "Country"}
    countries |= {ref.parents(p)[-1] for p in mentioned if ref.parents(p)}
    named = {p for p in nearby if places[p].kind != "Country"}
    points = tuple(sorted((float(places[p].lat), float(places[p].long)) for p in named
                          if places[p].kind in POINT_KINDS and places[p].lat is not None
                          and places[p].long is not None))
    return Context(frozenset(named), frozenset(p for p in named if is_area(places[p])), points,
                   frozenset(p for p in mentioned if places[p].kind != "Country"),
                   frozenset(countries),
                   {p: places[p].name for p in mentioned | nearby | countries})


# ---- relinking ----------------------------------------------------------------------------

@dataclass
class Outcome:
    """What became of one place: its decision and where it is mentioned."""

    iri: NamedNode
    label: str
    known: str | None  # reference id, or None for a place the reference data lacks
    decision: Decision
    articles: list[str] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (article id, sentence)


@dataclass
class LinkReport:
    outcomes: list[Outcome]
    suspects: list[tuple[str, str, str, list[Candidate]]]  # article, ref id, province, records
    dumps: list[str]

    def by_status(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.decision.status == status]


def relink(store: KgStore, *, dumps: Iterable[Path] = (), admin1: Path | None = None,
           admin2: Path | None = None, ref: Reference | None = None,
           directory: Path | None = None) -> LinkReport:
    """Rebuild the links graph of ``store``; see the module docstring."""
    ref = ref or load_reference(directory)
    keys = load_name_keys(directory)
    uses = article_places(store, ref)
    missing = [p for p in ref.places.values() if not p.geonames]
    wanted = {keys.key(u.label)[0] for u in uses.values() if u.known is None}
    wanted |= {keys.key(r.name)[0] for p in missing for r in ref.names_of("place", p.id)}
    wanted |= {keys.key(p.name)[0] for p in missing}
    dumps = list(dumps)
    if dumps:
        bundled = load_gazetteer(directory)
        reader = DumpReader(ref, bundled, read_admin_codes(admin1) if admin1 else None,
                            read_admin_codes(admin2) if admin2 else None)
        records = list(bundled)
        probe = _probe(wanted)
        for path in dumps:
            records += reader.read(Path(path), probe,
                                   lambda g: any(keys.key(n)[0] in wanted for n in g.names))
        index = GazetteerIndex(merge(records), load_features(directory), keys, ref.parents)
    else:
        index = _bundled_index(directory, ref)
    g = LinkGraph(store.iris)
    g.quads.extend(link_quads(ref, store.iris))
    outcomes = [_reference_outcome(g, index, ref, store.iris, p) for p in missing]
    outcomes = [o for o in outcomes if o.decision.status == "linked" or o.iri in uses]
    for use in sorted(uses.values(), key=lambda u: u.iri.value):
        if use.known is None:
            outcomes.append(_article_outcome(g, index, ref, store.iris, use))
    for o in outcomes:
        use = uses.get(o.iri)
        if use is not None:
            o.articles, o.evidence = sorted(use.contexts), use.evidence
    marker = Quad(g.graph, CONTENT_HASH, Literal(reference_hash(directory)), g.graph)
    store.replace_graph(g.graph, [*g.quads, marker])
    return LinkReport(sorted(outcomes, key=lambda o: o.iri.value),
                      _suspects(uses, index, ref), [Path(p).name for p in dumps])


@lru_cache(maxsize=2)
def _bundled_index(directory: Path | None, ref: Reference) -> GazetteerIndex:
    return GazetteerIndex(load_gazetteer(directory), load_features(directory),
                          load_name_keys(directory), ref.parents)


def _probe(keys: set[str]) -> set[str]:
    """What a dump line must hold to be parsed: the first word of a wanted name."""
    return {k.split()[0] for k in keys if k}


def _reference_outcome(g: LinkGraph, index: GazetteerIndex, ref: Reference, iris: Iris,
                       place: PlaceRecord) -> Outcome:
    names = [place.name, *(r.name for r in ref.names_of("place", place.id))]
    pool = {c.iri_key: c for n in names for c in index.candidates(n)}
    decision = decide_reference(pool.values(), place.kind, ref.parents(place.id))
    s = iris.place(place.id)
    if decision.chosen is not None:
        _gazetteer_link(g, index, s, decision, coordinates=place.lat is None,
                        wikidata=place.wikidata is None)
    return Outcome(s, place.name, place.id, decision)


def _article_outcome(g: LinkGraph, index: GazetteerIndex, ref: Reference, iris: Iris,
                     use: PlaceUse) -> Outcome:
    key, generic = index.keys.key(use.label)
    kind = use.kind or generic
    found = index.candidates(use.label)
    decision = combine([decide(found, key, kind, use.contexts[a])
                        for a in sorted(use.contexts)])
    if decision.chosen is not None:
        _gazetteer_link(g, index, use.iri, decision, coordinates=True, wikidata=True)
        record = decision.chosen.record
        parent = record.county or record.province or record.country
        if parent:
            g.add(use.iri, _kg("locatedIn"), iris.place(parent))
        if use.kind is None:
            chosen_kinds = decision.chosen.kinds
            own = kind if kind in chosen_kinds else sorted(chosen_kinds)[0] if chosen_kinds \
                else None
            if own:
                g.add(use.iri, _kg("placeKind"), concept("place", own))
    else:
        for c in decision.candidates[:MAX_CANDIDATES]:
            g.add(use.iri, _kg("candidate"), _target(c))
    return Outcome(use.iri, use.label, None, decision)


def _target(c: Candidate) -> NamedNode:
    r = c.record
    return geonames_iri(r.geonames) if r.geonames else wikidata_iri(r.wikidata or "")


def _gazetteer_link(g: LinkGraph, index: GazetteerIndex, s: NamedNode, decision: Decision,
                    *, coordinates: bool, wikidata: bool) -> None:
    c = decision.chosen
    assert c is not None
    r = c.record
    parts = source_parts(r.source)
    level = index.level(c)
    comment = (f"{r.name} ({r.feature}, GeoNames {r.geonames or '-'}): {decision.reason}")
    if r.geonames:
        g.link(s, "geonames", geonames_iri(r.geonames),
               [f"{r.dataset}: {p}" for p in parts["geonames"] or ["record"]],
               decision.method, level, comment)
    if wikidata and r.wikidata:
        g.link(s, "wikidata", wikidata_iri(r.wikidata),
               [f"{r.dataset}: {p}" for p in parts["wikidata"] or ["record"]],
               decision.method, level, comment)
    if coordinates and r.lat is not None and r.long is not None:
        g.point(s, r.lat, r.long, [f"{r.dataset}: {p}" for p in parts["coordinates"]
                                   or ["record"]])


def _suspects(uses: dict[NamedNode, PlaceUse], index: GazetteerIndex, ref: Reference
              ) -> list[tuple[str, str, str, list[Candidate]]]:
    """Reference places named next to a province not theirs, where the gazetteer has a
    place of the same name ("Musan, North Pyongan Province")."""
    return [(article, use.known, area, found)
            for use in uses.values() if use.known is not None
            for article, context in sorted(use.contexts.items())
            for area, found in other_places(use.known, context, index, ref)]
