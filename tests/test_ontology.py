"""The ontology files: they parse, declare every term the data model uses, hold exactly the
concepts of the spec, and their SHACL shapes accept a docs/model.md-shaped article graph
while rejecting broken variants at the right node."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg import namespaces

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"

KG = Namespace(namespaces.KG)
KGD = Namespace(namespaces.DEFAULT_BASE)
SCHEMA = Namespace(namespaces.SCHEMA)
NIF = Namespace(namespaces.NIF)
GEO = Namespace(namespaces.GEO)
# Plain namespaces (not rdflib's DefinedNamespace, which warns when pytest probes it).
RDF = Namespace(namespaces.RDF)
RDFS = Namespace(namespaces.RDFS)
OWL = Namespace(namespaces.OWL)
XSD = Namespace(namespaces.XSD)
SKOS = Namespace(namespaces.SKOS)
PROV = Namespace(namespaces.PROV)
DCTERMS = Namespace(namespaces.DCTERMS)
SH = Namespace(namespaces.SH)

# The concept local names of SPEC.md, copied here on purpose (shared/ may move).
EXPECTED_CONCEPTS: dict[str, tuple[str, ...]] = {
    "incident-type": (
        "Defection", "ReturnDefection", "Repatriation", "Arrest", "Punishment", "Search",
        "Lockdown", "Surveillance", "Quarantine", "MarketDisruption", "Shortage",
        "Mobilization", "Smuggling", "Unrest", "Disaster",
    ),
    "directive-type": ("Order", "Decree", "Campaign"),
    "agency-category": (
        "SecurityService", "Police", "Military", "BorderGuard", "PartyOrgan",
        "StateAdministration", "LocalGovernment", "NeighbourhoodUnit", "Judiciary",
        "HealthAuthority", "StateMedia", "ForeignAgency", "Enterprise",
    ),
    "place-kind": (
        "Country", "Province", "City", "County", "District", "Village", "River", "Mountain",
        "Facility", "Region",
    ),
}
SCHEME_PROPERTY = {
    "incident-type": KG.incidentType,
    "directive-type": KG.directiveType,
    "agency-category": KG.agencyCategory,
    "place-kind": KG.placeKind,
}
CONCEPTS = [(scheme, name) for scheme, names in EXPECTED_CONCEPTS.items() for name in names]

MODEL_TERMS = sorted(set(re.findall(r"\bkg:(\w+)", (ROOT / "docs" / "model.md").read_text())))
# Terms the brief or the emitter add beyond docs/model.md.
EXTRA_TERMS = ["linkMethod", "linkSource", "matchLevel", "candidate", "trigger"]

ALIGNMENTS = [
    (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (KG.Article, RDFS.subClassOf, PROV.Entity),
    (KG.Place, RDFS.subClassOf, SCHEMA.Place),
    (KG.Place, RDFS.subClassOf, GEO.SpatialThing),
    (KG.Agency, RDFS.subClassOf, PROV.Agent),
    (KG.Person, RDFS.subClassOf, SCHEMA.Person),
    (KG.Incident, RDFS.subClassOf, SCHEMA.Event),
    (KG.Source, RDFS.subClassOf, PROV.Agent),
    (KG.Evidence, RDFS.subClassOf, NIF.String),
    (KG.mentions, RDFS.subPropertyOf, SCHEMA.mentions),
    (KG.occurredAt, RDFS.subPropertyOf, SCHEMA.location),
    (KG.locatedIn, RDFS.subPropertyOf, SCHEMA.containedInPlace),
    (KG.locatedIn, RDF.type, OWL.TransitiveProperty),
]


def _concept(scheme: str, name: str) -> URIRef:
    return URIRef(f"{namespaces.VOCAB}{scheme}/{name}")


def _parse(name: str) -> Graph:
    return Graph().parse(ONTOLOGY_DIR / name, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse("nkkg.ttl")


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return _parse("vocab.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse("shapes.ttl")


# --- files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["nkkg.ttl", "vocab.ttl", "shapes.ttl"])
def test_file_parses_and_imports_nothing(name: str) -> None:
    graph = _parse(name)
    assert len(graph) > 0
    assert not list(graph.triples((None, OWL.imports, None)))


def test_ontology_header(ontology: Graph) -> None:
    onto = URIRef("https://w3id.org/nkkg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert (onto, OWL.versionInfo, Literal("0.1.0")) in ontology
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert ontology.value(onto, prop) is not None, prop


# --- vocabularies ------------------------------------------------------------------------


@pytest.mark.parametrize(("scheme", "name"), CONCEPTS)
def test_concept_is_defined_in_its_scheme(vocab: Graph, scheme: str, name: str) -> None:
    concept, scheme_iri = _concept(scheme, name), URIRef(namespaces.VOCAB + scheme)
    assert (concept, RDF.type, SKOS.Concept) in vocab
    assert (concept, SKOS.inScheme, scheme_iri) in vocab
    assert (concept, SKOS.topConceptOf, scheme_iri) in vocab
    assert (scheme_iri, SKOS.hasTopConcept, concept) in vocab
    labels = [lit for lit in vocab.objects(concept, SKOS.prefLabel) if lit.language == "en"]
    assert len(labels) == 1
    definitions = [str(d) for d in vocab.objects(concept, SKOS.definition)]
    assert len(definitions) == 1 and len(definitions[0].split()) >= 8


@pytest.mark.parametrize("scheme", sorted(EXPECTED_CONCEPTS))
def test_scheme_holds_exactly_the_spec_concepts(vocab: Graph, scheme: str) -> None:
    scheme_iri = URIRef(namespaces.VOCAB + scheme)
    assert (scheme_iri, RDF.type, SKOS.ConceptScheme) in vocab
    assert vocab.value(scheme_iri, SKOS.prefLabel) is not None
    assert vocab.value(scheme_iri, SKOS.definition) is not None
    members = set(vocab.subjects(SKOS.inScheme, scheme_iri))
    assert members == {_concept(scheme, n) for n in EXPECTED_CONCEPTS[scheme]}


@pytest.mark.parametrize("scheme", sorted(EXPECTED_CONCEPTS))
def test_shape_concept_lists_match_the_vocabulary(shapes: Graph, vocab: Graph, scheme: str) -> None:
    """The shapes copy concept IRIs into sh:in; they must not drift from vocab.ttl."""
    lists = [
        set(Collection(shapes, head))
        for shape in shapes.subjects(SH.path, SCHEME_PROPERTY[scheme])
        for head in shapes.objects(shape, SH["in"])
    ]
    assert len(lists) == 1
    assert lists[0] == set(vocab.subjects(SKOS.inScheme, URIRef(namespaces.VOCAB + scheme)))


# --- ontology terms ----------------------------------------------------------------------


def test_model_page_uses_kg_terms() -> None:
    assert "Incident" in MODEL_TERMS and "occurredAt" in MODEL_TERMS


@pytest.mark.parametrize("local", MODEL_TERMS + EXTRA_TERMS)
def test_term_is_declared_with_label_and_comment(ontology: Graph, local: str) -> None:
    term = KG[local]
    types = set(ontology.objects(term, RDF.type))
    assert types & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"kg:{local} undeclared"
    assert any(lab.language == "en" for lab in ontology.objects(term, RDFS.label))
    comments = [str(c) for c in ontology.objects(term, RDFS.comment)]
    assert comments and len(comments[0].split()) >= 8
    if local in MODEL_TERMS and types & {OWL.ObjectProperty, OWL.DatatypeProperty}:
        assert ontology.value(term, RDFS.domain) is not None, f"kg:{local} has no domain"
        assert ontology.value(term, RDFS.range) is not None, f"kg:{local} has no range"


def test_every_kg_term_in_the_shapes_is_declared(ontology: Graph, shapes: Graph) -> None:
    used = {
        o
        for p in (SH.path, SH["class"], SH.targetClass, SH.lessThan, SH.lessThanOrEquals)
        for o in shapes.objects(None, p)
        if isinstance(o, URIRef) and o.startswith(namespaces.KG)
    }
    assert used
    undeclared = {t for t in used if (t, RDFS.label, None) not in ontology}
    assert not undeclared


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: f"{t[0].n3()}-{t[2].n3()}")
def test_alignment(ontology: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology


def test_every_property_shape_has_a_message(shapes: Graph) -> None:
    property_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape))
    assert set(shapes.objects(None, SH.property)) <= property_shapes
    assert all(shapes.value(s, SH.message) for s in property_shapes)


# --- SHACL on one article graph ----------------------------------------------------------

ARTICLE = KGD["article/x"]
COUNTY = KGD["place/musan_county"]
PROVINCE = KGD["place/north_hamgyong"]
AGENCY = KGD["agency/border_guard"]
PERSON = KGD["person/kim-jong-un"]
INCIDENT = KGD["incident/x/1"]
DIRECTIVE = KGD["directive/x/1"]
SOURCE = KGD["source/x/1"]
EV_INCIDENT = KGD["evidence/x/incident-1"]
EV_DIRECTIVE = KGD["evidence/x/directive-1"]


def article_graph() -> Graph:
    """A small article graph following docs/model.md."""
    g = Graph()
    add = g.add
    add((ARTICLE, RDF.type, KG.Article))
    add((ARTICLE, DCTERMS.title, Literal("Eight escape across the Tumen")))
    add((ARTICLE, SCHEMA.url, URIRef("https://example.org/news/1")))
    add((ARTICLE, SCHEMA.datePublished, Literal("2015-08-20", datatype=XSD.date)))
    add((ARTICLE, SCHEMA.publisher, Literal("Daily NK")))
    add((ARTICLE, KG.contentHash, Literal("ab" * 32)))
    add((ARTICLE, KG.sourceFile, Literal("x.md")))
    for entity, cls, label in [
        (COUNTY, KG.Place, "Musan County"),
        (PROVINCE, KG.Place, "North Hamgyong Province"),
        (AGENCY, KG.Agency, "Border guard"),
        (PERSON, KG.Person, "Kim Jong Un"),
    ]:
        add((entity, RDF.type, cls))
        add((entity, RDFS.label, Literal(label)))
        add((ARTICLE, KG.mentions, entity))
    add((COUNTY, KG.placeKind, _concept("place-kind", "County")))
    add((PROVINCE, KG.placeKind, _concept("place-kind", "Province")))
    add((AGENCY, KG.agencyCategory, _concept("agency-category", "BorderGuard")))

    add((SOURCE, RDF.type, KG.Source))
    add((SOURCE, RDFS.label, Literal("a source from North Hamgyong Province")))
    add((SOURCE, KG.sourceLocatedIn, PROVINCE))
    add((SOURCE, PROV.wasDerivedFrom, ARTICLE))

    add((INCIDENT, RDF.type, KG.Incident))
    add((INCIDENT, KG.incidentType, _concept("incident-type", "Defection")))
    add((INCIDENT, KG.occurredAt, COUNTY))
    add((INCIDENT, KG.occurredAt, PROVINCE))
    add((INCIDENT, KG.date, Literal("2015-07", datatype=XSD.gYearMonth)))
    add((INCIDENT, KG.earliest, Literal("2015-07-01", datatype=XSD.date)))
    add((INCIDENT, KG.latest, Literal("2015-07-10", datatype=XSD.date)))
    add((INCIDENT, KG.timeExpression, Literal("At the beginning of last month")))
    add((INCIDENT, KG.participants, Literal(8)))
    add((INCIDENT, KG.involvedAgency, AGENCY))
    add((INCIDENT, KG.reportedBy, SOURCE))
    add((INCIDENT, KG.evidence, EV_INCIDENT))
    add((INCIDENT, PROV.wasDerivedFrom, ARTICLE))

    add((DIRECTIVE, RDF.type, KG.Directive))
    add((DIRECTIVE, KG.directiveType, _concept("directive-type", "Decree")))
    add((DIRECTIVE, KG.issuedBy, PERSON))
    add((DIRECTIVE, KG.addressedTo, AGENCY))
    add((DIRECTIVE, KG.concernsPlace, COUNTY))
    add((DIRECTIVE, KG.date, Literal("2015-07-12", datatype=XSD.date)))
    add((DIRECTIVE, KG.identifier, Literal("Order No. 205")))
    add((DIRECTIVE, KG.respondsTo, INCIDENT))
    add((DIRECTIVE, KG.reportedBy, SOURCE))
    add((DIRECTIVE, KG.evidence, EV_DIRECTIVE))
    add((DIRECTIVE, PROV.wasDerivedFrom, ARTICLE))

    for evidence, begin, end in [(EV_INCIDENT, 123, 245), (EV_DIRECTIVE, 246, 300)]:
        add((evidence, RDF.type, KG.Evidence))
        add((evidence, NIF.anchorOf, Literal("the sentence")))
        add((evidence, NIF.beginIndex, Literal(begin)))
        add((evidence, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        add((evidence, NIF.referenceContext, ARTICLE))
        add((evidence, KG.quotedSource, SOURCE))
        add((evidence, KG.extractorVersion, Literal("0.1.0")))
        add((evidence, KG.trigger, Literal("defection-cross")))
    return g


def _validate(data: Graph, shapes: Graph, vocab: Graph) -> tuple[bool, Graph, str]:
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=vocab, inference="none"
    )
    return conforms, results, text


def test_valid_article_graph_conforms(shapes: Graph, vocab: Graph) -> None:
    conforms, _, text = _validate(article_graph(), shapes, vocab)
    assert conforms, text


Mutation = Callable[[Graph], object]

BROKEN = [
    pytest.param(
        lambda g: g.set((INCIDENT, KG.incidentType, _concept("incident-type", "Riot"))),
        INCIDENT, id="unknown-incident-type",
    ),
    pytest.param(
        lambda g: g.set((INCIDENT, KG.incidentType, _concept("agency-category", "Police"))),
        INCIDENT, id="incident-type-from-other-scheme",
    ),
    pytest.param(
        lambda g: g.add((INCIDENT, KG.incidentType, _concept("incident-type", "Arrest"))),
        INCIDENT, id="two-incident-types",
    ),
    pytest.param(
        lambda g: g.set((INCIDENT, KG.participants, Literal(-3))),
        INCIDENT, id="negative-participants",
    ),
    pytest.param(
        lambda g: g.set((INCIDENT, KG.date, Literal("2015-07"))),
        INCIDENT, id="date-as-plain-string",
    ),
    pytest.param(
        lambda g: g.set((DIRECTIVE, KG.date, Literal("2015-07-12T00:00", datatype=XSD.dateTime))),
        DIRECTIVE, id="date-as-datetime",
    ),
    pytest.param(
        lambda g: g.set((INCIDENT, KG.earliest, Literal("2015-07-20", datatype=XSD.date))),
        INCIDENT, id="earliest-after-latest",
    ),
    pytest.param(
        lambda g: g.remove((INCIDENT, KG.evidence, None)),
        INCIDENT, id="missing-evidence",
    ),
    pytest.param(
        lambda g: g.remove((DIRECTIVE, PROV.wasDerivedFrom, None)),
        DIRECTIVE, id="missing-article-link",
    ),
    pytest.param(
        lambda g: g.set((DIRECTIVE, KG.issuedBy, Literal("Kim Jong Un"))),
        DIRECTIVE, id="issuer-is-literal",
    ),
    pytest.param(
        lambda g: g.set((DIRECTIVE, KG.issuedBy, INCIDENT)),
        DIRECTIVE, id="issuer-is-incident",
    ),
    pytest.param(
        lambda g: g.set((DIRECTIVE, KG.respondsTo, COUNTY)),
        DIRECTIVE, id="responds-to-place",
    ),
    pytest.param(
        lambda g: g.set((COUNTY, KG.placeKind, _concept("incident-type", "Lockdown"))),
        COUNTY, id="place-kind-from-other-scheme",
    ),
    pytest.param(
        lambda g: g.remove((AGENCY, RDFS.label, None)),
        AGENCY, id="agency-without-label",
    ),
    pytest.param(
        lambda g: g.set((ARTICLE, KG.contentHash, Literal("not-a-hash"))),
        ARTICLE, id="bad-content-hash",
    ),
    pytest.param(
        lambda g: g.set((EV_INCIDENT, NIF.beginIndex, Literal(245))),
        EV_INCIDENT, id="empty-evidence-span",
    ),
    pytest.param(
        lambda g: g.remove((EV_DIRECTIVE, KG.extractorVersion, None)),
        EV_DIRECTIVE, id="evidence-without-extractor-version",
    ),
    pytest.param(
        lambda g: g.set((EV_INCIDENT, NIF.referenceContext, BNode())),
        EV_INCIDENT, id="evidence-context-not-an-article",
    ),
]


@pytest.mark.parametrize(("mutate", "focus"), BROKEN)
def test_broken_graph_fails_at_the_right_node(
    shapes: Graph, vocab: Graph, mutate: Mutation, focus: URIRef
) -> None:
    data = article_graph()
    mutate(data)
    conforms, results, text = _validate(data, shapes, vocab)
    assert not conforms
    assert set(results.objects(None, SH.focusNode)) == {focus}, text
    shape_messages = {str(m) for m in shapes.objects(None, SH.message)}
    assert {str(m) for m in results.objects(None, SH.resultMessage)} <= shape_messages
