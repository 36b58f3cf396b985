"""Turn an :class:`~kg.model.Extraction` into the quads of one article graph.

Only RDF terms are built here (pyoxigraph validates IRIs and literals); no RDF syntax is
ever assembled as text. The layout is documented in docs/model.md.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from pyoxigraph import Literal, NamedNode, Quad

from kg import EXTRACTOR_VERSION
from kg.model import Entity, Extraction, Frame, QuotedSource
from kg.namespaces import DCTERMS, KG, NIF, PROV, RDF, RDFS, SCHEMA, XSD, Iris, concept

_T = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")
_XSD_INT = NamedNode(XSD + "integer")
_XSD_NNI = NamedNode(XSD + "nonNegativeInteger")
_XSD_DATE = NamedNode(XSD + "date")
_DERIVED = NamedNode(PROV + "wasDerivedFrom")
_TITLE = NamedNode(DCTERMS + "title")
_URL = NamedNode(SCHEMA + "url")
_PUBLISHED = NamedNode(SCHEMA + "datePublished")
_AUTHOR = NamedNode(SCHEMA + "author")
_PUBLISHER = NamedNode(SCHEMA + "publisher")
_LANGUAGE = NamedNode(DCTERMS + "language")
_ANCHOR_OF = NamedNode(NIF + "anchorOf")
_BEGIN = NamedNode(NIF + "beginIndex")
_END = NamedNode(NIF + "endIndex")
_CONTEXT = NamedNode(NIF + "referenceContext")
_VERSION = Literal(EXTRACTOR_VERSION)
#: entity and concept IRIs recur in every article, so each is built once (up to a bound)
_CACHE_LIMIT = 100_000
_entity_iris: dict[tuple[str, str, str], NamedNode] = {}
_concepts: dict[tuple[str, str], NamedNode] = {}


@cache
def _kg(local: str) -> NamedNode:
    """A term of the nkkg ontology (a few dozen, so every one is kept)."""
    return NamedNode(KG + local)


@cache
def _datatype(local: str) -> NamedNode:
    return NamedNode(XSD + local)


def _cached(table: dict, key: object, make: Callable[[], NamedNode]) -> NamedNode:
    term = table.get(key)
    if term is None:
        if len(table) >= _CACHE_LIMIT:
            table.clear()
        term = table[key] = make()
    return term


def _concept(scheme: str, local: str) -> NamedNode:
    return _cached(_concepts, (scheme, local), lambda: concept(scheme, local))


_SCHEME_OF_KIND = {"place": "place", "agency": "agency"}
_CONCEPT_PROPERTY = {"place": _kg("placeKind"), "agency": _kg("agencyCategory")}
_CLASS = {"place": _kg("Place"), "agency": _kg("Agency"), "person": _kg("Person")}


class Emitter:
    """Collects triples for one article graph."""

    def __init__(self, extraction: Extraction, iris: Iris) -> None:
        self.x = extraction
        self.iris = iris
        self.article_id = extraction.article.article_id
        self.graph = iris.article_graph(self.article_id)
        self.article = iris.article(self.article_id)
        self._quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self._quads.append(Quad(s, p, o, self.graph))

    def entity_iri(self, entity: Entity) -> NamedNode:
        mint = {"place": self.iris.place, "agency": self.iris.agency,
                "person": self.iris.person}[entity.kind]
        return _cached(_entity_iris, (self.iris.base, entity.kind, entity.slug),
                       lambda: mint(entity.slug))

    def quads(self) -> list[Quad]:
        self._article()
        for entity in self.x.entities:
            self._entity(entity)
        sources = [self._source(i, s) for i, s in enumerate(self.x.sources, start=1)]
        incidents = [self._frame(f, i, sources) for i, f in enumerate(self.x.incidents, start=1)]
        for i, frame in enumerate(self.x.directives, start=1):
            directive = self._frame(frame, i, sources)
            if frame.responds_to is not None and frame.responds_to < len(incidents):
                self.add(directive, _kg("respondsTo"), incidents[frame.responds_to])
        return self._quads

    def _article(self) -> None:
        a, meta = self.article, self.x.article.meta
        self.add(a, _T, _kg("Article"))
        self.add(a, _kg("contentHash"), Literal(self.x.article.content_hash))
        self.add(a, _kg("sourceFile"), Literal(self.x.article.source_file))
        if meta.title:
            self.add(a, _TITLE, Literal(meta.title))
        if meta.url:
            self.add(a, _URL, NamedNode(meta.url))
        if meta.published:
            self.add(a, _PUBLISHED,
                     Literal(meta.published.isoformat(), datatype=_XSD_DATE))
        if meta.author:
            self.add(a, _AUTHOR, Literal(meta.author))
        if meta.outlet:
            self.add(a, _PUBLISHER, Literal(meta.outlet))
        if meta.lang:
            self.add(a, _LANGUAGE, Literal(meta.lang))

    def _entity(self, entity: Entity) -> None:
        iri = self.entity_iri(entity)
        self.add(self.article, _kg("mentions"), iri)
        self.add(iri, _T, _CLASS[entity.kind])
        self.add(iri, _LABEL, Literal(entity.label))
        if entity.concept and entity.kind in _CONCEPT_PROPERTY:
            self.add(iri, _CONCEPT_PROPERTY[entity.kind],
                     _concept(_SCHEME_OF_KIND[entity.kind], entity.concept))

    def _source(self, n: int, source: QuotedSource) -> NamedNode:
        iri = self.iris.source(self.article_id, n)
        self.add(iri, _T, _kg("Source"))
        self.add(iri, _LABEL, Literal(source.label))
        self.add(iri, _DERIVED, self.article)
        if source.place is not None:
            self.add(iri, _kg("sourceLocatedIn"), self.entity_iri(source.place))
        return iri

    def _frame(self, frame: Frame, n: int, sources: list[NamedNode]) -> NamedNode:
        kind = frame.frame
        iri = (self.iris.incident if kind == "incident" else self.iris.directive)(
            self.article_id, n)
        self.add(iri, _T, _kg(kind.capitalize()))
        self.add(iri, _kg(f"{kind}Type"), _concept(kind, frame.type))
        self.add(iri, _DERIVED, self.article)
        place_property = _kg("occurredAt" if kind == "incident" else "concernsPlace")
        for place in frame.places:
            self.add(iri, place_property, self.entity_iri(place))
        for agency in frame.agencies:
            self.add(iri, _kg("involvedAgency"), self.entity_iri(agency))
        if frame.issuer is not None:
            self.add(iri, _kg("issuedBy"), self.entity_iri(frame.issuer))
        for addressee in frame.addressees:
            self.add(iri, _kg("addressedTo"), self.entity_iri(addressee))
        if frame.identifier:
            self.add(iri, _kg("identifier"), Literal(frame.identifier))
        if frame.participants is not None:
            self.add(iri, _kg("participants"), Literal(str(frame.participants), datatype=_XSD_INT))
        self._time(iri, frame)
        source = sources[frame.source] if frame.source is not None else None
        if source is not None:
            self.add(iri, _kg("reportedBy"), source)
        self._evidence(iri, frame, n, source)
        return iri

    def _time(self, iri: NamedNode, frame: Frame) -> None:
        time = frame.time
        if time is None:
            return
        self.add(iri, _kg("timeExpression"), Literal(time.expression))
        if time.value is not None:
            self.add(iri, _kg("date"),
                     Literal(time.value, datatype=_datatype(time.datatype)))
        if time.earliest is not None:
            self.add(iri, _kg("earliest"), Literal(time.earliest.isoformat(), datatype=_XSD_DATE))
        if time.latest is not None:
            self.add(iri, _kg("latest"), Literal(time.latest.isoformat(), datatype=_XSD_DATE))

    def _evidence(self, iri: NamedNode, frame: Frame, n: int, source: NamedNode | None) -> None:
        ev = self.iris.evidence(self.article_id, frame.frame, n)
        s = frame.sentence
        self.add(iri, _kg("evidence"), ev)
        self.add(ev, _T, _kg("Evidence"))
        self.add(ev, _ANCHOR_OF, Literal(s.text))
        self.add(ev, _BEGIN, Literal(str(s.start), datatype=_XSD_NNI))
        self.add(ev, _END, Literal(str(s.end), datatype=_XSD_NNI))
        self.add(ev, _CONTEXT, self.article)
        self.add(ev, _kg("trigger"), Literal(frame.trigger_id))
        self.add(ev, _kg("extractorVersion"), _VERSION)
        if source is not None:
            self.add(ev, _kg("quotedSource"), source)


def emit(extraction: Extraction, iris: Iris) -> list[Quad]:
    """All quads of the article's named graph, in a deterministic order."""
    return Emitter(extraction, iris).quads()
