"""build / query / export / stats against a real Oxigraph server, and safe parameters there.

A writable ``oxigraph serve`` runs on a free loopback port for the module; the seed corpus
is built into it through :class:`kg.remote.RemoteStore` and every answer is compared with
the embedded store built from the same corpus.
"""

from __future__ import annotations

import io
import threading

import pytest
from pyoxigraph import (
    CanonicalizationAlgorithm,
    Dataset,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Store,
    Variable,
    parse,
)

from kg.build import build
from kg.catalog import example_value
from kg.errors import QueryError, StoreError
from kg.export import export
from kg.open_store import open_store
from kg.queries import SavedQuery, load_queries, run_query
from kg.remote import RemoteStore, parse_location
from kg.server import OxigraphServer, free_port
from kg.sparql_values import bind_values
from kg.stats import stats
from kg.store import KgStore
from tests.conftest import CORPUS

QUERIES = load_queries()
PARAMETERISED = sorted(name for name, q in QUERIES.items() if q.params)


HOSTILE = [
    '" } ; DROP ALL ; #',
    "' } DROP ALL #",
    "} } } DELETE WHERE { ?s ?p ?o }",
    "# everything after me is a comment",
    "DROP GRAPH <https://w3id.org/nkkg/id/graph/ontology>",
    "http://example.org/a> } DROP ALL ; SELECT * WHERE { <http://example.org/b",
    "<http://example.org/x> } ; CLEAR ALL",
    "\\u0022 } DROP ALL #",
    '""" \'\'\' \\" \\',
    "line one\n} INSERT DATA { <a:b> <a:c> <a:d> }",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("remote") / "store"
    with OxigraphServer(path, port=free_port(), writable=True) as srv:
        yield srv


@pytest.fixture(scope="module")
def remote(server):
    with RemoteStore(server.url) as store:
        report = build([CORPUS], store)
        assert report.ok, report.errors
        yield store


@pytest.fixture(scope="module")
def local(seed_store_dir):
    with KgStore(seed_store_dir, read_only=True) as store:
        yield store


def params_for(store: KgStore, query: SavedQuery, extra: str | None = None) -> dict:
    chosen = [p for p in query.params if p.required or p.name == extra]
    values = {p.name: example_value(store, p) for p in chosen}
    assert None not in values.values(), f"the seed store lacks an example for {values}"
    return values


def snapshot(store: RemoteStore) -> tuple[int, list[NamedNode]]:
    return store.count(), store.named_graphs()


# --- build, query, export, stats ---------------------------------------------------------

def test_a_second_build_skips_every_article(remote):
    report = build([CORPUS], remote)
    assert report.ok and report.built == [] and len(report.unchanged) == 2


def test_prune_drops_an_article_graph_and_rebuild_restores_it(remote):
    first = sorted(CORPUS.glob("*.md"))[0]
    report = build([first], remote, prune=True)
    assert len(report.pruned) == 1
    assert len(remote.article_graphs()) == 1
    report = build([CORPUS], remote)
    assert len(report.built) == 1 and len(remote.article_graphs()) == 2


@pytest.mark.parametrize("name,extra", [(name, None) for name in sorted(QUERIES)] + [
    (name, p.name) for name in PARAMETERISED for p in QUERIES[name].params if not p.required])
def test_saved_query_gives_the_embedded_answer(local, remote, name, extra):
    """Each query, with its required parameters and then each optional one bound."""
    query = QUERIES[name]
    params = params_for(local, query, extra)
    expected = run_query(local.raw, query, params)
    got = run_query(remote.raw, query, params)
    assert got.variables == expected.variables
    assert got.rows == expected.rows
    if extra is None:
        assert expected.rows or expected.boolean is not None, f"{name} found nothing"


def test_export_holds_the_same_dataset(local, remote):
    def dataset(store, fmt):
        out = io.BytesIO()
        export(store, out, fmt)
        data = Dataset(parse(out.getvalue(), format=RdfFormat.N_QUADS))
        data.canonicalize(CanonicalizationAlgorithm.UNSTABLE)  # bnodes are renamed by PUT
        return data

    assert dataset(remote, "nq") == dataset(local, "nq")


def test_export_of_one_article(local, remote):
    article = sorted(local.article_graphs())[0]
    out_local, out_remote = io.BytesIO(), io.BytesIO()
    assert export(remote, out_remote, "nt", article) == export(local, out_local, "nt", article)
    assert out_remote.getvalue() == out_local.getvalue()  # article graphs have no bnodes


def test_stats_match(local, remote):
    assert stats(remote) == stats(local)


def test_replace_graph_is_atomic_for_readers(server, remote):
    """A reader counting the graph while it is replaced sees the old or the new one only."""
    graph = remote.iris.article_graph("atomic-probe")
    p = NamedNode("http://example.org/p")
    versions = {n: [Quad(NamedNode(f"http://example.org/s{i}"), p, Literal(i), graph)
                    for i in range(n)] for n in (40, 400)}
    remote.replace_graph(graph, versions[40])
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        with RemoteStore(server.url, read_only=True) as reader:
            while not stop.is_set():
                seen.add(reader.count(graph))

    thread = threading.Thread(target=read)
    thread.start()
    try:
        for i in range(30):
            remote.replace_graph(graph, versions[400 if i % 2 == 0 else 40])
    finally:
        stop.set()
        thread.join()
        remote.drop_graph(graph)
    assert seen and seen <= {40, 400}
    assert remote.count(graph) == 0


def test_leftover_staging_graphs_are_dropped_on_open(server, remote):
    staging = remote._staging_name(remote.iris.article_graph("crashed"))
    remote.replace_graph(staging, [Quad(staging, NamedNode("http://example.org/p"),
                                        Literal("x"), staging)])
    assert staging in remote.named_graphs()
    with RemoteStore(server.url) as reopened:
        assert staging not in reopened.named_graphs()


# --- query safety on the remote store ------------------------------------------------------

@pytest.mark.parametrize("name", PARAMETERISED)
def test_hostile_values_are_rejected_or_bound(local, remote, name):
    query = QUERIES[name]
    before = snapshot(remote)
    for param in query.params:
        for value in HOSTILE:
            params = {**params_for(local, query), param.name: value}
            try:
                result = run_query(remote.raw, query, params)
            except QueryError as err:  # refused while building the term, before any request
                assert f"parameter {param.name!r}" in str(err) and "HTTP" not in str(err)
                continue
            assert result == run_query(local.raw, query, params)
    assert snapshot(remote) == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_literal_comes_back_unchanged(remote, value):
    rows = list(remote.raw.query("SELECT ?v WHERE { }",
                                 substitutions={Variable("v"): Literal(value)}))
    assert [row["v"] for row in rows] == [Literal(value)]


def test_an_update_sent_as_a_query_is_refused(remote):
    before = snapshot(remote)
    with pytest.raises(QueryError, match="HTTP 400"):
        remote.query("DROP ALL")
    assert snapshot(remote) == before


def test_read_only_store_refuses_writes(server, remote):
    reader = open_store(server.url, read_only=True)
    graph = reader.iris.article_graph("x")
    with pytest.raises(StoreError, match="read-only"):
        reader.replace_graph(graph, [])
    with pytest.raises(StoreError, match="read-only"):
        reader.drop_graph(graph)


def test_read_only_server_refuses_writes_with_one_line(seed_store_dir):
    with OxigraphServer(seed_store_dir, port=free_port()) as srv:
        store = RemoteStore(srv.url, read_only=True)
        store.read_only = False  # as if the user asked to write to a read-only server
        with pytest.raises(StoreError, match="refused") as err:
            store.replace_graph(store.iris.article_graph("x"), [])
    assert "\n" not in str(err.value) and "--writable" in str(err.value)


def test_unreachable_server_is_one_line():
    with pytest.raises(StoreError, match="cannot reach") as err:
        open_store(f"http://127.0.0.1:{free_port()}", read_only=True)
    assert "\n" not in str(err.value)


# --- locations -------------------------------------------------------------------------------

@pytest.mark.parametrize("location,endpoints", [
    ("http://127.0.0.1:7878", ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update",
                               "http://127.0.0.1:7878/store")),
    ("http://h:3030/ds#query=query&update=update&store=data",
     ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data")),
    ("https://h/x/#query=sparql&update=sparql&store=sparql-graph-crud-auth",
     ("https://h/x/sparql", "https://h/x/sparql", "https://h/x/sparql-graph-crud-auth")),
    ("http://h:7200/repositories/kg#query=/repositories/kg&update=/repositories/kg/statements"
     "&store=/repositories/kg/rdf-graphs/service",
     ("http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements",
      "http://h:7200/repositories/kg/rdf-graphs/service")),
])
def test_location_names_the_endpoints(location, endpoints):
    assert tuple(parse_location(location)[0]) == endpoints


def test_credentials_come_from_the_url_and_stay_out_of_messages():
    location = f"http://dba:s%40cret@127.0.0.1:{free_port()}/#query=sparql"
    endpoints, user, password = parse_location(location)
    assert (user, password) == ("dba", "s@cret")
    assert all("dba" not in url for url in endpoints)
    with pytest.raises(StoreError) as err:
        RemoteStore(location, read_only=True)
    assert "cret" not in str(err.value) and "dba" not in str(err.value)


@pytest.mark.parametrize("location,message", [
    ("http://h:1/#querry=q", "unknown endpoint name querry"),
    ("http://h:1/?query=q", "after '#'"),
    ("http://", "not an http"),
    ("http://u:secret@h:port/", "bad port"),
])
def test_bad_locations_are_errors(location, message):
    with pytest.raises(StoreError, match=message) as err:
        parse_location(location)
    assert "secret" not in str(err.value)


def test_open_store_chooses_by_scheme(seed_store_dir, tmp_path):
    with open_store(str(seed_store_dir), read_only=True) as store:
        assert isinstance(store, KgStore)
    with pytest.raises(StoreError, match="no store here"):
        open_store(str(tmp_path / "none"), read_only=True)


def test_values_block_binds_before_filters():
    """Bound first in the WHERE clause, a value is visible to FILTERs, as substitutions are."""
    text = 'SELECT ?x ?y WHERE { BIND(1 AS ?y) FILTER(COALESCE(STR(?x), "") = "a") }'
    bound = bind_values(text, {Variable("x"): Literal("a")})
    assert [row["x"] for row in Store().query(bound)] == [Literal("a")]
    assert list(Store().query(text)) == []


def test_a_query_without_where_cannot_be_bound():
    with pytest.raises(QueryError, match="no WHERE clause"):
        bind_values("DESCRIBE <http://example.org/x>",
                    {Variable("x"): NamedNode("http://example.org/x")})
