"""Dumps: stable bytes, and a round trip that gives back the store's content."""

from __future__ import annotations

import io

import pytest
import rdflib
from pyoxigraph import RdfFormat, serialize
from rdflib.compare import isomorphic

from kg.errors import KgError
from kg.export import FORMATS, export
from kg.store import KgStore


def _dump(store_dir, fmt, article=None) -> bytes:
    out = io.BytesIO()
    with KgStore(store_dir, read_only=True) as store:
        export(store, out, fmt, article)
    return out.getvalue()


def _graph_of(quads) -> rdflib.Graph:
    """The triples of ``quads`` as an rdflib graph, written by pyoxigraph's own serializer."""
    triples = [q.triple for q in quads]
    return rdflib.Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES).decode(),
                                format="nt")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_same_store_same_bytes(seed_store_dir, fmt):
    assert _dump(seed_store_dir, fmt) == _dump(seed_store_dir, fmt)


def test_turtle_round_trip_is_isomorphic_to_the_store(seed_store_dir):
    turtle = _dump(seed_store_dir, "ttl").decode()
    assert turtle.startswith("@prefix")
    parsed = rdflib.Graph().parse(data=turtle, format="turtle")
    with KgStore(seed_store_dir, read_only=True) as store:
        union = _graph_of(store.raw)
    assert len(parsed) == len(union)
    assert isomorphic(parsed, union)


@pytest.mark.parametrize("fmt,rdflib_format", [("trig", "trig"), ("nq", "nquads")])
def test_dataset_round_trip_keeps_the_named_graphs(seed_store_dir, fmt, rdflib_format):
    ds = rdflib.Dataset()
    ds.parse(data=_dump(seed_store_dir, fmt).decode(), format=rdflib_format)
    with KgStore(seed_store_dir, read_only=True) as store:
        expected = {g.value for g in store.named_graphs()}
        for graph in store.named_graphs():
            mine = _graph_of(store.graph_quads(graph))
            theirs = ds.graph(rdflib.URIRef(graph.value))
            assert isomorphic(mine, theirs), graph.value
    got = {str(c.identifier) for c in ds.contexts() if len(c)}
    assert got == expected


def test_jsonld_parses(seed_store_dir):
    graph = rdflib.Graph().parse(data=_dump(seed_store_dir, "jsonld").decode(), format="json-ld")
    assert len(graph) > 100


def test_single_article_export(seed_store_dir):
    graph = rdflib.Graph().parse(data=_dump(seed_store_dir, "ttl", "musan-escape-2015"),
                                 format="turtle")
    articles = set(graph.subjects(rdflib.RDF.type,
                                  rdflib.URIRef("https://w3id.org/nkkg/ontology#Article")))
    assert [str(a) for a in articles] == ["https://w3id.org/nkkg/id/article/musan-escape-2015"]


def test_unknown_article_is_an_error(seed_store_dir):
    with pytest.raises(KgError, match="no article 'nope'"):
        _dump(seed_store_dir, "ttl", "nope")


def test_cli_export_writes_file(runner, seed_store_dir, tmp_path):
    from kg.cli import main

    out = tmp_path / "dump.ttl"
    result = runner.invoke(main, ["export", "--store", str(seed_store_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert rdflib.Graph().parse(out, format="turtle")
    assert not list(tmp_path.glob("*.part"))
