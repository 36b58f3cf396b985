"""Namespaces and IRI minting shared by every stage.

Data IRIs are minted from slugs so that the same entity gets the same IRI in every article
and every build (see docs/model.md).

>>> slugify("Ministry of People’s Security")
'ministry-of-peoples-security'
>>> Iris().place("musan_county").value
'https://w3id.org/nkkg/id/place/musan_county'
"""

from __future__ import annotations

import os
import re
import unicodedata

from pyoxigraph import NamedNode

KG = "https://w3id.org/nkkg/ontology#"
VOCAB = "https://w3id.org/nkkg/vocab/"
SHAPES = "https://w3id.org/nkkg/shapes#"
DEFAULT_BASE = "https://w3id.org/nkkg/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
GSP = "http://www.opengis.net/ont/geosparql#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
SH = "http://www.w3.org/ns/shacl#"
GEONAMES = "https://sws.geonames.org/"  # + id + "/": a GeoNames feature
WIKIDATA = "http://www.wikidata.org/entity/"  # + QID: a Wikidata item

PREFIXES: dict[str, str] = {
    "kg": KG,
    "kgv": VOCAB,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "schema": SCHEMA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "geo": GEO,
    "gsp": GSP,
    "nif": NIF,
}

SCHEMES = {
    "incident": "incident-type",
    "directive": "directive-type",
    "agency": "agency-category",
    "place": "place-kind",
}


def kg(local: str) -> NamedNode:
    return NamedNode(KG + local)


def ns(base: str, local: str) -> NamedNode:
    return NamedNode(base + local)


def concept(scheme: str, local: str) -> NamedNode:
    """The IRI of a concept, e.g. ``concept("incident", "Defection")``."""
    return NamedNode(f"{VOCAB}{SCHEMES[scheme]}/{local}")


def slugify(label: str) -> str:
    """A stable ASCII slug for minting IRIs of entities not in the reference data."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`´ʼ]", "", text.lower())
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "x"


class Iris:
    """Mints data IRIs under a configurable base."""

    def __init__(self, base: str | None = None) -> None:
        self.base = base or os.environ.get("KG_BASE") or DEFAULT_BASE
        if not self.base.endswith(("/", "#")):
            self.base += "/"

    def _n(self, *parts: str) -> NamedNode:
        return NamedNode(self.base + "/".join(parts))

    def article(self, article_id: str) -> NamedNode:
        return self._n("article", article_id)

    def article_graph(self, article_id: str) -> NamedNode:
        return self._n("graph", "article", article_id)

    def graph(self, name: str) -> NamedNode:
        return self._n("graph", name)

    def place(self, slug: str) -> NamedNode:
        return self._n("place", slug)

    def agency(self, slug: str) -> NamedNode:
        return self._n("agency", slug)

    def person(self, slug: str) -> NamedNode:
        return self._n("person", slug)

    def incident(self, article_id: str, n: int) -> NamedNode:
        return self._n("incident", article_id, str(n))

    def directive(self, article_id: str, n: int) -> NamedNode:
        return self._n("directive", article_id, str(n))

    def source(self, article_id: str, n: int) -> NamedNode:
        return self._n("source", article_id, str(n))

    def evidence(self, article_id: str, frame: str, n: int) -> NamedNode:
        return self._n("evidence", article_id, f"{frame}-{n}")

    def article_id_of_graph(self, graph: NamedNode) -> str | None:
        prefix = self.base + "graph/article/"
        return graph.value[len(prefix):] if graph.value.startswith(prefix) else None
