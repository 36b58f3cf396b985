"""The reference and links graphs: gazetteer, agency registry and persons as RDF terms.

Separate from the loader so that reading the TSV files never needs RDF. The layout is that
of docs/model.md; the audit trail of the links is documented in ontology/README.md.
Re-exported by :mod:`kg.reference`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

from kg.namespaces import DCTERMS, GEO, GSP, KG, RDF, RDFS, SCHEMA, SKOS, XSD, Iris, concept

if TYPE_CHECKING:
    from kg.reference import NameRecord, Reference

GEONAMES = "https://sws.geonames.org/"
WIKIDATA = "http://www.wikidata.org/entity/"
LINK_METHOD = "reference-data"

_TYPE = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")
_PREF = NamedNode(SKOS + "prefLabel")
_ALT = NamedNode(SKOS + "altLabel")
_MATCH = NamedNode(SKOS + "exactMatch")
_SOURCE = NamedNode(DCTERMS + "source")
_DECIMAL = NamedNode(XSD + "decimal")
_WKT = NamedNode(GSP + "wktLiteral")
_SOURCE_PARTS = re.compile(r";\s*(?=[\w-]+:)")  # "gn:…(KP.17; two copies agree); wd:…"


def _kg(local: str) -> NamedNode:
    return NamedNode(KG + local)


class _Graph:
    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def labels(self, s: NamedNode, name: str, variants: Iterable[NameRecord]) -> None:
        """prefLabel and rdfs:label = the canonical name; altLabel = undated variants."""
        self.add(s, _PREF, Literal(name))
        self.add(s, _LABEL, Literal(name))
        seen = {name}
        for record in variants:
            if record.valid_from or record.valid_to or record.name in seen:
                continue  # a dated name is contextual ("the leader"), not a label
            seen.add(record.name)
            self.add(s, _ALT, Literal(record.name))


def reference_quads(ref: Reference, iris: Iris) -> list[Quad]:
    """Places, agencies and persons with their labels, kinds and hierarchy."""
    g = _Graph(iris.graph("reference"))
    variants: dict[tuple[str, str], list[NameRecord]] = {}
    for record in ref.names:
        variants.setdefault((record.kind, record.ref), []).append(record)
    for place in ref.places.values():
        s = iris.place(place.id)
        g.add(s, _TYPE, _kg("Place"))
        g.labels(s, place.name, variants.get(("place", place.id), ()))
        g.add(s, _kg("placeKind"), concept("place", place.kind))
        if place.parent:
            g.add(s, _kg("locatedIn"), iris.place(place.parent))
        if place.iso3166_2:
            g.add(s, _kg("iso3166_2"), Literal(place.iso3166_2))
        if place.source:
            g.add(s, _SOURCE, Literal(place.source))
    for agency in ref.agencies.values():
        s = iris.agency(agency.id)
        g.add(s, _TYPE, _kg("Agency"))
        g.labels(s, agency.name, variants.get(("agency", agency.id), ()))
        g.add(s, _kg("agencyCategory"), concept("agency", agency.category))
        if agency.parent:
            g.add(s, _kg("partOf"), iris.agency(agency.parent))
        if agency.country:
            g.add(s, _kg("country"), iris.place(agency.country))
        if agency.replaced_by:
            g.add(s, NamedNode(DCTERMS + "isReplacedBy"), iris.agency(agency.replaced_by))
        if agency.source:
            g.add(s, _SOURCE, Literal(agency.source))
    for person in ref.persons.values():
        s = iris.person(person.id)
        g.add(s, _TYPE, _kg("Person"))
        g.labels(s, person.name, variants.get(("person", person.id), ()))
        if person.role:
            g.add(s, NamedNode(SCHEMA + "description"), Literal(person.role))
    return g.quads


def _decimal(value: Decimal) -> str:
    return format(value, "f")


def _audit(g: _Graph, s: NamedNode, source: str) -> None:
    """How the links of ``s`` were made: one kg:linkSource per tagged part of the source
    column ("gn:…", "wd:…", "coords:…", "wof:…"), so each link shows where it came from."""
    g.add(s, _kg("linkMethod"), Literal(LINK_METHOD))
    for part in filter(None, (p.strip() for p in _SOURCE_PARTS.split(source))):
        g.add(s, _kg("linkSource"), Literal(part))


def link_quads(ref: Reference, iris: Iris) -> list[Quad]:
    """GeoNames / Wikidata identities and coordinates, with their audit trail."""
    g = _Graph(iris.graph("links"))
    for place in ref.places.values():
        s = iris.place(place.id)
        linked = False
        if place.geonames:
            g.add(s, _MATCH, NamedNode(f"{GEONAMES}{place.geonames}/"))
            linked = True
        if place.wikidata:
            g.add(s, _MATCH, NamedNode(WIKIDATA + place.wikidata))
            linked = True
        if place.lat is not None and place.long is not None:
            lat, long = _decimal(place.lat), _decimal(place.long)
            g.add(s, NamedNode(GEO + "lat"), Literal(lat, datatype=_DECIMAL))
            g.add(s, NamedNode(GEO + "long"), Literal(long, datatype=_DECIMAL))
            geometry = NamedNode(s.value + "/geometry")
            g.add(s, NamedNode(GSP + "hasGeometry"), geometry)
            g.add(geometry, _TYPE, NamedNode(GSP + "Geometry"))
            g.add(geometry, NamedNode(GSP + "asWKT"),
                  Literal(f"POINT({long} {lat})", datatype=_WKT))
            linked = True
        if linked:
            _audit(g, s, place.source)
    for agency in ref.agencies.values():
        if agency.wikidata:
            s = iris.agency(agency.id)
            g.add(s, _MATCH, NamedNode(WIKIDATA + agency.wikidata))
            _audit(g, s, agency.source)
    return g.quads
