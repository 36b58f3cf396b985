"""Saved queries against the hand-written fixture tests/data/sample.trig."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Store,
    parse_query_results,
)

from kg.errors import QueryError
from kg.namespaces import KG, RDF, RDFS, VOCAB, XSD
from kg.queries import (
    Param,
    QueryResult,
    SavedQuery,
    bind_params,
    get_query,
    load_queries,
    load_query,
    run_query,
    to_term,
)
from kg.results import write_results

SAMPLE = Path(__file__).parent / "data" / "sample.trig"
D = "https://w3id.org/nkkg/id/"
QUERIES = load_queries()

CONTRACT = {
    "places": "article place name kind geonames wikidata lat long",
    "agencies": "article agency name category",
    "persons": "article person name",
    "incidents": "article incident type place date participants",
    "directives": "article directive type issuer place date identifier",
}
"""The five queries of SPEC.md "Saved queries" and their result variables, in order."""

REQUIRED = {
    "province": "North Hamgyong Province",
    "place": "Musan County",
    "source": "kgd:source/musan-escape/1",
    "item": "kgd:incident/musan-escape/1",
}
"""Values for required parameters, so that every query can run on the fixture."""

HOSTILE = [
    "'} ; DELETE WHERE { ?s ?p ?o } #",
    '"} ; DROP ALL ; SELECT * { "',
    ">",
    '\\"',
    "line one\nline two } INSERT DATA { <a:b> <a:c> <a:d> }",
    "{{{ Musan County }}} {}",
]


def iri(local: str) -> NamedNode:
    return NamedNode(D + local)


def required(query: SavedQuery) -> dict[str, str]:
    return {p.name: REQUIRED[p.name] for p in query.params if p.required}


def run(store: Store, name: str, **params: str) -> QueryResult:
    query = QUERIES[name]
    return run_query(store, query, {**required(query), **params})


def column(result: QueryResult, name: str) -> list:
    index = result.variables.index(name)
    return [row[index] for row in result.rows]


def records(result: QueryResult) -> list[dict]:
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.load(path=str(SAMPLE), format=RdfFormat.TRIG)
    return s


# --- loading ---------------------------------------------------------------------------

def test_at_least_thirteen_queries_with_headers():
    assert len(QUERIES) >= 13
    for query in QUERIES.values():
        assert query.title and query.description and query.tags, query.name
        assert query.text.lstrip().startswith("#+ summary:"), query.name


@pytest.mark.parametrize("name, variables", CONTRACT.items())
def test_contract_variables(name, variables):
    assert QUERIES[name].variables == tuple(variables.split())


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_runs_and_finds_fixture_rows(store, name):
    result = run(store, name)
    assert result.variables == QUERIES[name].variables
    assert result.rows, f"{name} found nothing in the fixture"
    assert len(set(result.rows)) == len(result.rows), f"{name} has duplicate rows"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_params_are_projected_and_typed(name):
    for param in QUERIES[name].params:
        assert param.name in QUERIES[name].variables
        assert param.description


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("body", [
    "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "PREFIX e: <http://e/> SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { e:s e:p e:o }",
])
def test_update_files_are_refused(tmp_path, body):
    path = write(tmp_path, "bad", f"#+ summary: Bad\n{body}\n")
    with pytest.raises(QueryError, match="updates are refused"):
        load_query(path)


@pytest.mark.parametrize("header, message", [
    ("# no decorator\n", "summary"),
    ("#+ summary: X\n#+ param:\n#+   - s: iri\n", "unknown header keys param"),
    ("#+ summary: X\n#+ params:\n#+   - s: colour — a colour\n", "unknown type 'colour'"),
    ("#+ summary: X\n#+ params:\n#+   - nope: iri — not projected\n", "not projected"),
    ("#+ summary: X\n#+ params:\n#+   - s: iri\n#+   - s: iri\n", "declared twice"),
    ("#+ summary: [unclosed\n", "bad header"),
])
def test_bad_headers_are_errors(tmp_path, header, message):
    path = write(tmp_path, "q", header + "SELECT ?s WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match=message):
        load_query(path)


def test_header_params_flags_and_grlc_keys(tmp_path):
    path = write(tmp_path, "q", (
        "#+ summary: Demo\n#+ description: Demo query.\n#+ params:\n"
        "#+   - s: iri — a subject, e.g. https://e/x (required)\n"
        "#+   - o: integer -- a number\n#+   - p: iri\n"
        "#+ tags:\n#+   - demo\n#+ method: GET\n#+ endpoint_in_url: False\n"
        "# a plain comment\nSELECT ?s ?p ?o WHERE { ?s ?p ?o }\n"))
    query = load_query(path)
    assert query.params == (Param("s", "iri", "a subject, e.g. https://e/x", True),
                            Param("o", "integer", "a number", False), Param("p", "iri", "", False))
    assert (query.name, query.title, query.tags) == ("q", "Demo", ("demo",))
    assert query.variables == ("s", "p", "o")


def test_directory_from_environment(tmp_path, monkeypatch):
    write(tmp_path, "only", "#+ summary: Only\nASK { ?s ?p ?o }\n")
    monkeypatch.setenv("KG_QUERIES", str(tmp_path))
    assert list(load_queries()) == ["only"]
    with pytest.raises(QueryError, match="available: only"):
        get_query(load_queries(), "places")


def test_ask_and_construct(store, tmp_path):
    ask = load_query(write(tmp_path, "a", f"#+ summary: A\nASK {{ ?s a <{KG}Directive> }}\n"))
    assert run_query(store, ask, {}).boolean is True
    construct = load_query(write(tmp_path, "c", (
        "#+ summary: C\n#+ params:\n#+   - s: iri\n"
        f"CONSTRUCT {{ ?s <{RDFS}label> ?l }} WHERE {{ ?s <{KG}identifier> ?l }}\n")))
    result = run_query(store, construct, {"s": f"{D}directive/musan-escape/1"})
    assert result.variables == ("subject", "predicate", "object")
    assert [row[2] for row in result.rows] == [Literal("Order No. 205")]


# --- rows for the fixture --------------------------------------------------------------

def test_places_one_row_per_article_and_place_with_links(store):
    result = run(store, "places")
    keys = [(r["article"], r["place"]) for r in records(result)]
    assert len(keys) == len(set(keys)) == 7  # "Musan County" is labelled in three graphs
    musan = next(r for r in records(result)
                 if r["place"] == iri("place/musan_county") and
                 r["article"] == iri("article/musan-escape"))
    assert musan["name"] == Literal("Musan County")
    assert musan["kind"] == NamedNode(VOCAB + "place-kind/County")
    assert musan["geonames"] == NamedNode("https://sws.geonames.org/2042740/")
    assert musan["wikidata"] == NamedNode("http://www.wikidata.org/entity/Q718513")
    assert musan["lat"] == Literal("42.14455", datatype=NamedNode(XSD + "decimal"))
    assert musan["long"] == Literal("129.32374", datatype=NamedNode(XSD + "decimal"))
    hyesan = next(r for r in records(result) if r["place"] == iri("place/hyesan"))
    assert hyesan["geonames"] is not None and hyesan["wikidata"] is None
    village = next(r for r in records(result) if r["place"] == iri("place/musan"))
    assert (village["geonames"], village["lat"]) == (None, None)
    river = next(r for r in records(result) if r["place"] == iri("place/tumen-river"))
    assert (river["name"], river["kind"]) == (Literal("Tumen River"), None)


@pytest.mark.parametrize("name, key, expected", [
    ("agencies", "agency", {("musan-escape", "border_guard"),
                            ("musan-escape", "mss_state_security"),
                            ("hyesan-crackdown", "mss_social_security"),
                            ("hyesan-crackdown", "wpk_central_committee"),
                            ("hyesan-crackdown", "provincial-trade-bureau")}),
    ("persons", "person", {("musan-escape", "kim-jong-un"), ("hyesan-crackdown", "kim-jong-un")}),
])
def test_entities_per_article(store, name, key, expected):
    result = run(store, name)
    got = [(r["article"].value.rsplit("/", 1)[1], r[key].value.rsplit("/", 1)[1])
           for r in records(result)]
    assert sorted(got) == sorted(expected)
    assert all(r["name"] is not None for r in records(result))


@pytest.mark.parametrize("name, entity", [("places", "place/musan_county"),
                                          ("agencies", "agency/border_guard"),
                                          ("persons", "person/kim-jong-un")])
def test_one_row_per_entity_even_when_graphs_disagree_on_its_label(store, name, entity):
    s = Store()
    s.extend(store)
    s.add(Quad(iri(entity), NamedNode(RDFS + "label"), Literal("Another spelling"),
               iri("graph/article/musan-escape")))
    before = run(store, name)
    after = run(s, name)
    keys = sorted(str(row[:2]) for row in after.rows)
    assert keys == sorted(str(row[:2]) for row in before.rows)
    assert len(set(keys)) == len(keys)


def test_incidents_one_row_per_incident_and_place(store):
    result = run(store, "incidents")
    pairs = [(r["incident"].value[len(D):], r["place"].value[len(D):]) for r in records(result)]
    assert sorted(pairs) == [("incident/hyesan-crackdown/1", "place/hyesan"),
                             ("incident/musan-escape/1", "place/musan_county"),
                             ("incident/musan-escape/1", "place/north_hamgyong"),
                             ("incident/musan-escape/2", "place/sinjang-ri")]
    dates = {r["incident"].value[len(D):]: r["date"] for r in records(result)}
    assert dates["incident/musan-escape/1"].datatype == NamedNode(XSD + "gYearMonth")
    assert dates["incident/musan-escape/2"] == Literal("2015-08-16",
                                                       datatype=NamedNode(XSD + "date"))
    assert dates["incident/hyesan-crackdown/1"].datatype == NamedNode(XSD + "gYear")
    participants = {r["incident"]: r["participants"] for r in records(result)}
    assert participants[iri("incident/musan-escape/1")] == Literal(8)
    assert participants[iri("incident/musan-escape/2")] is None


def test_directives_keep_unbound_columns(store):
    rows = {r["directive"]: r for r in records(run(store, "directives"))}
    order = rows[iri("directive/musan-escape/1")]
    assert order["issuer"] == iri("person/kim-jong-un")
    assert order["identifier"] == Literal("Order No. 205")
    assert order["type"] == NamedNode(VOCAB + "directive-type/Order")
    campaign = rows[iri("directive/hyesan-crackdown/1")]
    assert campaign["issuer"] == iri("agency/wpk_central_committee")
    assert (campaign["date"], campaign["identifier"]) == (None, None)


@pytest.mark.parametrize("province, expected", [
    ("North Hamgyong Province", {("musan-escape/1", "musan_county"),
                                 ("musan-escape/1", "north_hamgyong"),
                                 ("musan-escape/2", "sinjang-ri")}),
    ("Musan County", {("musan-escape/1", "musan_county"), ("musan-escape/2", "sinjang-ri")}),
    ("Ryanggang Province", {("hyesan-crackdown/1", "hyesan")}),
    ("North Korea", {("musan-escape/1", "musan_county"), ("musan-escape/1", "north_hamgyong"),
                     ("musan-escape/2", "sinjang-ri"), ("hyesan-crackdown/1", "hyesan")}),
])
def test_incidents_in_province_follow_the_hierarchy(store, province, expected):
    result = run(store, "incidents-in-province", province=province)
    got = [(r["incident"].value.split("/incident/")[1], r["place"].value.rsplit("/", 1)[1])
           for r in records(result)]
    assert sorted(got) == sorted(expected)


def test_directive_responses(store):
    (row,) = records(run(store, "directive-responses"))
    assert row["directive"] == iri("directive/musan-escape/1")
    assert row["incident"] == iri("incident/musan-escape/1")
    assert row["incidentType"] == NamedNode(VOCAB + "incident-type/Defection")
    assert row["directiveDate"] == Literal("2015-08-18", datatype=NamedNode(XSD + "date"))
    assert row["incidentSentence"].value.startswith("At the beginning of last month")
    assert "Order No. 205" in row["directiveSentence"].value


@pytest.mark.parametrize("params, expected", [
    ({}, ["incident/musan-escape/1", "incident/musan-escape/2", "directive/musan-escape/1",
          "incident/hyesan-crackdown/1", "directive/hyesan-crackdown/1"]),
    ({"from": "2015-08", "to": "2015-12-31"},
     ["incident/musan-escape/2", "directive/musan-escape/1"]),
    ({"to": "2015-07-05"}, ["incident/musan-escape/1"]),  # inside earliest..latest
    ({"from": "2015-07-11", "to": "2015-08-01"}, []),  # after kg:latest, before the arrest
    ({"from": "2016-03"}, ["incident/hyesan-crackdown/1"]),  # a gYear covers its months
    ({"article": "hyesan-crackdown"},
     ["incident/hyesan-crackdown/1", "directive/hyesan-crackdown/1"]),
])
def test_timeline_order_and_range(store, params, expected):
    result = run(store, "timeline", **params)
    assert [item.value[len(D):] for item in column(result, "item")] == expected


def test_agency_involvement_counts_and_rank(store):
    result = run(store, "agency-involvement")
    got = {r["agency"].value.rsplit("/", 1)[1]: (r["involved"].value, r["issued"].value,
                                                 r["addressed"].value, r["total"].value)
           for r in records(result)}
    assert got == {"border_guard": ("1", "0", "1", "2"),
                   "mss_social_security": ("1", "0", "1", "2"),
                   "wpk_central_committee": ("0", "1", "0", "1"),
                   "mss_state_security": ("1", "0", "0", "1"),
                   "provincial-trade-bureau": ("0", "0", "1", "1")}
    totals = [int(t.value) for t in column(result, "total")]
    assert totals == sorted(totals, reverse=True)


def test_source_reports(store):
    result = run(store, "source-reports")
    assert sorted(i.value[len(D):] for i in column(result, "item")) == [
        "directive/musan-escape/1", "incident/musan-escape/1"]
    assert set(column(result, "sourceLabel")) == {Literal("a source from North Hamgyong Province")}
    assert set(column(result, "sourcePlace")) == {iri("place/north_hamgyong")}


def test_articles_mentioning_place_include_places_inside(store):
    result = run(store, "articles-mentioning-place", place="Musan County")
    got = {(r["article"].value.rsplit("/", 1)[1], r["mentioned"].value.rsplit("/", 1)[1])
           for r in records(result)}
    assert got == {("musan-escape", "musan_county"), ("musan-escape", "sinjang-ri"),
                   ("hyesan-crackdown", "musan_county")}
    assert column(result, "article")[0] == iri("article/hyesan-crackdown")  # newest first


def test_evidence(store):
    (row,) = records(run(store, "evidence", item="kgd:directive/musan-escape/1"))
    assert (row["begin"].value, row["end"].value) == ("188", "267")
    assert row["article"] == iri("article/musan-escape")
    assert row["url"] == NamedNode("https://www.dailynk.com/english/musan-escape/")
    assert row["source"] == iri("source/musan-escape/1")
    assert row["extractorVersion"] == Literal("0.1.0")
    (other,) = records(run(store, "evidence", item="kgd:incident/musan-escape/2"))
    assert (other["source"], other["sourceLabel"]) == (None, None)


def test_place_hierarchy(store):
    result = run(store, "place-hierarchy", place="Sinjang-ri")
    assert [(r["name"].value, int(r["depth"].value)) for r in records(result)] == [
        ("Sinjang-ri", 0), ("Musan County", 1), ("North Hamgyong Province", 2),
        ("North Korea", 3)]


def test_agencies_in_province(store):
    result = run(store, "agencies-in-province", province="North Hamgyong Province")
    got = {r["agency"].value.rsplit("/", 1)[1]: (r["incidents"].value, r["directives"].value)
           for r in records(result)}
    # the person who issued the order is not an agency; Hyesan is in another province
    assert got == {"border_guard": ("1", "1"), "mss_state_security": ("1", "0")}


# --- parameters ------------------------------------------------------------------------

NARROWING = [(name, p.name) for name, q in sorted(QUERIES.items()) for p in q.params
             if not p.required and name != "timeline"]


def lexical(term) -> str:
    return term.value


@pytest.mark.parametrize("name, param", NARROWING)
def test_parameter_keeps_exactly_the_matching_rows(store, name, param):
    everything = run(store, name)
    values = [v for v in column(everything, param) if v is not None]
    if not values:
        pytest.skip(f"no {param} value in the fixture")
    value = min(values, key=lambda v: (values.count(v), v.value))  # the rarest value
    narrowed = run(store, name, **{param: lexical(value)})
    index = everything.variables.index(param)
    assert narrowed.rows == [row for row in everything.rows if row[index] == value]
    assert narrowed.rows


@pytest.mark.parametrize("name, param, value, expected", [
    ("incidents", "place", "Musan County", "place/musan_county"),
    ("incidents", "place", "musan-gun", "place/musan_county"),  # alt label, any case
    ("incidents", "place", "N. Hamgyong", "place/north_hamgyong"),
    ("incidents", "place", "kgd:place/sinjang-ri", "place/sinjang-ri"),
    ("incidents", "place", f"<{D}place/hyesan>", "place/hyesan"),
    ("directives", "issuer", "Kim Jong-un", "person/kim-jong-un"),
    ("directives", "issuer", "party central committee", "agency/wpk_central_committee"),
    ("agencies", "agency", "bowibu", "agency/mss_state_security"),
    ("persons", "person", "the leader", "person/kim-jong-un"),
])
def test_label_parameters_resolve(store, name, param, value, expected):
    result = run(store, name, **{param: value})
    assert set(column(result, param)) == {iri(expected)}


def test_ambiguous_label_lists_the_candidates(store):
    with pytest.raises(QueryError) as err:
        run(store, "incidents", place="Musan")
    assert f"{D}place/musan" in str(err.value) and f"{D}place/musan_county" in str(err.value)


def test_exact_label_beats_case_insensitive_match(store):
    s = Store()
    s.extend(store)
    s.add(Quad(iri("place/musan-town"), NamedNode(RDFS + "label"), Literal("MUSAN COUNTY")))
    s.add(Quad(iri("place/musan-town"), NamedNode(RDF + "type"), NamedNode(KG + "Place")))
    place = Param("place", "place", "")
    assert to_term(s, place, "MUSAN COUNTY") == iri("place/musan-town")
    assert to_term(s, place, "Musan County") == iri("place/musan_county")
    with pytest.raises(QueryError, match="several"):
        to_term(s, place, "musan county")


def test_label_full_of_syntax_is_just_a_label(store):
    s = Store()
    s.extend(store)
    weird = "'} ; DROP ALL ; { \"x\" } #"
    s.add(Quad(iri("place/weird"), NamedNode(RDFS + "label"), Literal(weird)))
    s.add(Quad(iri("place/weird"), NamedNode(RDF + "type"), NamedNode(KG + "Place")))
    before = len(s)
    assert to_term(s, Param("place", "place", ""), weird) == iri("place/weird")
    assert len(s) == before


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name, param", [
    ("incidents", "place"), ("incidents", "incident"), ("incidents", "date"),
    ("directives", "identifier"), ("directives", "issuer"), ("places", "kind"),
    ("incidents", "article"), ("evidence", "item"),
])
def test_hostile_values_are_only_values(store, name, param, value):
    before = sorted(map(str, store))
    try:
        result = run(store, name, **{param: value})
    except QueryError:
        pass
    else:
        assert result.rows == []
    assert sorted(map(str, store)) == before


def test_unknown_and_missing_parameters(store):
    with pytest.raises(QueryError, match=r"unknown parameter colour \(valid: article, incident"):
        run(store, "incidents", colour="red")
    with pytest.raises(QueryError, match="missing required parameter province"):
        run_query(store, QUERIES["incidents-in-province"], {})


@pytest.mark.parametrize("kind, value, expected", [
    ("date", "2015", Literal("2015", datatype=NamedNode(XSD + "gYear"))),
    ("date", "2015-07", Literal("2015-07", datatype=NamedNode(XSD + "gYearMonth"))),
    ("date", "2015-07-03", Literal("2015-07-03", datatype=NamedNode(XSD + "date"))),
    ("integer", " 8 ", Literal(8)),
    ("string", " Order No. 205", Literal(" Order No. 205")),
    ("iri", "kgv:incident-type/Arrest", NamedNode(VOCAB + "incident-type/Arrest")),
    ("incident-type", "Arrest", NamedNode(VOCAB + "incident-type/Arrest")),
    ("place-kind", "County", NamedNode(VOCAB + "place-kind/County")),
    ("article", "musan-escape", iri("article/musan-escape")),
    ("article", f"{D}article/x", iri("article/x")),
])
def test_values_become_terms_of_their_type(store, kind, value, expected):
    assert to_term(store, Param("p", kind, ""), value) == expected


@pytest.mark.parametrize("kind, value", [
    ("date", "2015-02-30"), ("date", "2015-13"), ("date", "15-07"), ("date", "2015-07-03T00:00"),
    ("date", "２０１５"), ("integer", "8.5"), ("integer", "eight"), ("iri", "not an iri"),
    ("iri", "http://e/<x>"), ("incident-type", "Arrest now"), ("place", "Pyongyang"),
])
def test_bad_values_are_query_errors(store, kind, value):
    with pytest.raises(QueryError, match="parameter 'p'"):
        to_term(store, Param("p", kind, ""), value)


@pytest.mark.parametrize("limit, count", [(None, 4), (1, 1), (0, 0)])
def test_limit(store, limit, count):
    assert len(run_query(store, QUERIES["incidents"], {}, limit=limit).rows) == count


def test_bind_params_only_declared(store):
    bound = bind_params(store, QUERIES["incidents"], {"type": "Defection"})
    assert [(v.value, t) for v, t in bound.items()] == [
        ("type", NamedNode(VOCAB + "incident-type/Defection"))]


# --- output formats --------------------------------------------------------------------

def output(result: QueryResult, fmt: str) -> str:
    out = io.StringIO()
    write_results(result, fmt, out)
    return out.getvalue()


FORMAT_CASES = ["places", "incidents", "directives", "evidence"]


@pytest.mark.parametrize("name", FORMAT_CASES)
def test_csv(store, name):
    result = run(store, name)
    text = output(result, "csv")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(result.variables)
    expected = [["" if t is None else t.value for t in row] for row in result.rows]
    assert rows[1:] == expected


@pytest.mark.parametrize("name", FORMAT_CASES)
def test_tsv_round_trips(store, name):
    result = run(store, name)
    text = output(result, "tsv")
    assert text.split("\n", 1)[0] == "\t".join(f"?{v}" for v in result.variables)
    parsed = parse_query_results(text, QueryResultsFormat.TSV)
    assert [tuple(s) for s in parsed] == result.rows


@pytest.mark.parametrize("name", FORMAT_CASES)
def test_json_structure_and_round_trip(store, name):
    result = run(store, name)
    text = output(result, "json")
    document = json.loads(text)
    assert document["head"]["vars"] == list(result.variables)
    for binding, row in zip(document["results"]["bindings"], result.rows, strict=True):
        assert set(binding) == {v for v, t in zip(result.variables, row, strict=True) if t}
        for value in binding.values():
            assert value["type"] in ("uri", "literal", "bnode")
            assert "datatype" not in value or value["datatype"] != XSD + "string"
    parsed = parse_query_results(text, QueryResultsFormat.JSON)
    assert [tuple(s) for s in parsed] == result.rows


@pytest.mark.parametrize("fmt, form", [("csv", QueryResultsFormat.CSV),
                                       ("tsv", QueryResultsFormat.TSV),
                                       ("json", QueryResultsFormat.JSON)])
def test_formats_equal_pyoxigraph_serializers(fmt, form):
    s = Store()
    subject, p = NamedNode("http://e/s"), NamedNode("http://e/p")
    for obj in [Literal('무산 "q", a\tb\nc', language="ko"), Literal(True), Literal(-5),
                Literal("1.50", datatype=NamedNode(XSD + "decimal")), Literal(2.5),
                Literal("2015-07", datatype=NamedNode(XSD + "gYearMonth")), Literal("x,y")]:
        s.add(Quad(subject, p, obj))
    text = "SELECT ?s ?o ?none WHERE { ?s ?p ?o } ORDER BY STR(?o)"
    query = SavedQuery("t", Path("t.rq"), "t", "", (), ("s", "o", "none"), text)
    mine = output(run_query(s, query, {}), fmt)
    theirs = s.query(text, use_default_graph_as_union=True).serialize(format=form).decode()
    assert (json.loads(mine) == json.loads(theirs)) if fmt == "json" else mine == theirs


def test_table_aligns_and_compacts(store):
    result = run(store, "incidents")
    lines = output(result, "table").splitlines()
    assert lines[0].split() == list(result.variables)
    starts = [i for i, c in enumerate(lines[1]) if c == "-" and (i == 0 or lines[1][i - 1] == " ")]
    assert len(starts) == len(result.variables)
    ends = starts[1:] + [None]
    for line in lines:  # every cell starts at its column, after at least two spaces
        assert all(line[a - 2:a] == "  " for a in starts[1:] if len(line) > a)
        assert all(line[a] != " " for a in starts if len(line) > a)
    first = [lines[2][a:b].strip() for a, b in zip(starts, ends, strict=True)]
    assert first == ["kgd:article/hyesan-crackdown", "kgd:incident/hyesan-crackdown/1",
                     "kgv:incident-type/Smuggling", "kgd:place/hyesan", "2016", ""]
    assert not any(line.endswith(" ") for line in lines)


def test_table_shows_wide_characters_aligned():
    result = QueryResult(("name", "n"), [(Literal("무산군"), Literal(1)),
                                          (Literal("Musan"), Literal(22))])
    lines = output(result, "table").splitlines()
    assert lines[2] == "무산군  1" and lines[3] == "Musan   22"


def test_unknown_format_is_an_error():
    with pytest.raises(QueryError, match="table, csv, tsv, json"):
        output(QueryResult((), []), "xml")


@pytest.mark.parametrize("fmt, expected", [("json", '{"head": {}, "boolean": true}\n'),
                                           ("csv", "true"), ("tsv", "true"), ("table", "true\n")])
def test_boolean_results(fmt, expected):
    assert output(QueryResult((), [], True), fmt) == expected
