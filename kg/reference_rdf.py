"""The reference and links graphs: gazetteer, agency registry and persons as RDF terms.

Separate from the loader so that reading the TSV files never needs RDF. The layout is that
of docs/model.md; the audit trail of the links is documented in ontology/README.md.
Re-exported by :mod:`kg.reference`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

from kg.namespaces import DCTERMS, KG, RDF, RDFS, SCHEMA, SKOS, XSD, Iris, concept

if TYPE_CHECKING:
    from kg.reference import NameRecord, Reference

LINK_METHOD = "reference-data"

_TYPE = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")
_PREF = NamedNode(SKOS + "prefLabel")
_ALT = NamedNode(SKOS + "altLabel")
_MATCH = NamedNode(SKOS + "exactMatch")
_SOURCE = NamedNode(DCTERMS + "source")
_DECIMAL = NamedNode(XSD + "decimal")
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
