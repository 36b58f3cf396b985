"""What the converter must find in the two seed articles (foundation acceptance).

Checked through SPARQL on the built store, by meaning (types, places, issuers), and the
whole graph against a reviewed golden file compared as graphs.
"""

from __future__ import annotations

import os

from pyoxigraph import RdfFormat, serialize

from kg.store import KgStore
from tests.conftest import ROOT

PREFIXES = """
PREFIX kg: <https://w3id.org/nkkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""

FRAMES = PREFIXES + """
SELECT ?frame ?type (GROUP_CONCAT(DISTINCT ?placeName; separator="|") AS ?places)
       (SAMPLE(?n) AS ?participants) (SAMPLE(?issuerName) AS ?issuer) (SAMPLE(?id) AS ?identifier)
       (SAMPLE(?answers) AS ?respondsTo) (SAMPLE(?sentence) AS ?evidence)
WHERE {
  GRAPH ?g {
    ?frame prov:wasDerivedFrom ?article ; kg:incidentType|kg:directiveType ?typeIri ;
           kg:evidence/nif:anchorOf ?sentence .
    BIND(STRAFTER(STR(?typeIri), "type/") AS ?type)
    OPTIONAL { ?frame kg:occurredAt|kg:concernsPlace/rdfs:label ?placeName0 }
    OPTIONAL { ?frame kg:occurredAt|kg:concernsPlace ?p . ?p rdfs:label ?placeName }
    OPTIONAL { ?frame kg:participants ?n }
    OPTIONAL { ?frame kg:issuedBy/rdfs:label ?issuerName }
    OPTIONAL { ?frame kg:identifier ?id }
    OPTIONAL { ?frame kg:respondsTo ?answers }
  }
  FILTER(STRENDS(STR(?article), ?articleId))
} GROUP BY ?frame ?type
"""


def frames(store_dir, article_id):
    with KgStore(store_dir, read_only=True) as store:
        rows = store.query(FRAMES.replace("?articleId", f'"/{article_id}"'))
        return [{k: (row[k].value if row[k] is not None else None)
                 for k in ("frame", "type", "places", "participants", "issuer", "identifier",
                           "respondsTo", "evidence")} for row in rows]


def find(rows, type_, places=(), words=()):
    for row in rows:
        names = set((row["places"] or "").split("|"))
        if row["type"] == type_ and set(places) <= names and all(
                w in row["evidence"] for w in words):
            return row
    raise AssertionError(f"no {type_} at {places} with {words} in {rows}")


def test_musan_escape(seed_store_dir):
    rows = frames(seed_store_dir, "musan-escape-2015")
    escape = find(rows, "Defection", ["Musan County", "North Hamgyong Province"])
    assert escape["participants"] == "8"
    order = find(rows, "Order", ["Musan County", "Tumen River"], ["seal off"])
    assert order["issuer"] == "Kim Jong Un"
    assert order["respondsTo"] == escape["frame"]
    find(rows, "Search", words=["customs office", "police"])


def test_kaesong_lockdown(seed_store_dir):
    rows = frames(seed_store_dir, "kaesong-lockdown-2020")
    find(rows, "Lockdown", ["Kaesong"])
    sealing = [r for r in rows if r["type"] == "Order" and r["issuer"] == "Kim Jong Un"]
    assert sealing, rows
    find(rows, "MarketDisruption", words=["markets"])
    committee = find(rows, "Order", words=["stabilize"])
    assert "Committee" in (committee["issuer"] or "")
    decree = find(rows, "Decree", words=["Order No. 205"])
    assert decree["identifier"] == "Order No. 205"
    assert decree["issuer"].startswith("Central Emergency Anti-epidemic")


GOLDEN = ROOT / "tests" / "golden" / "seeds.nq"


def _canonical_lines(store_dir) -> list[str]:
    """The seed article graphs as sorted N-Quads lines, without the build hash (it changes
    with every edit of the reference data, which is not what this test is about)."""
    with KgStore(store_dir, read_only=True) as store:
        quads = [q for g in store.article_graphs().values() for q in store.graph_quads(g)
                 if not q.predicate.value.endswith("#contentHash")]
    text = serialize(quads, format=RdfFormat.N_QUADS).decode()
    return sorted(line for line in text.splitlines() if line)


def test_seed_graphs_match_the_golden_file(seed_store_dir):
    """Regenerate with KG_UPDATE_GOLDEN=1 after reviewing the diff this test prints."""
    produced = _canonical_lines(seed_store_dir)
    if os.environ.get("KG_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(produced) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    missing = sorted(set(expected) - set(produced))
    extra = sorted(set(produced) - set(expected))
    assert not missing and not extra, (
        "golden differs:\n- " + "\n- ".join(missing[:15]) + "\n+ " + "\n+ ".join(extra[:15]))
    assert len(produced) == len(expected)
