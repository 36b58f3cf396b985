"""Query safety: no updates, time limits that really stop, row limits for tables; the catalog."""

from __future__ import annotations

import io
import json
import time

import pytest
from pyoxigraph import QuerySolutions, Store

from kg import query_limits
from kg.catalog import describe_queries, write_catalog
from kg.cli import main
from kg.errors import QueryError
from kg.queries import load_queries, load_query, run_query
from kg.query_limits import run_in_child, run_limited
from kg.remote import RemoteStore
from kg.server import OxigraphServer, free_port
from kg.store import KgStore
from tests.conftest import ROOT

QUERIES = load_queries()
SLOW_BODY = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1"


def write_query(folder, name: str, body: str, header: str = "#+ summary: test\n"):
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.rq"
    path.write_text(header + body + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(seed_store_dir):
    with KgStore(seed_store_dir, read_only=True) as opened:
        yield opened


# --- updates are refused -----------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "DROP ALL",
    "CLEAR GRAPH <https://w3id.org/nkkg/id/graph/ontology>",
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "LOAD <http://example.org/data.ttl>",
])
def test_kg_query_refuses_an_update_and_leaves_the_store_alone(runner, seed_store_dir,
                                                               tmp_path, monkeypatch, body):
    monkeypatch.setenv("KG_QUERIES", str(tmp_path / "q"))
    write_query(tmp_path / "q", "evil", body)
    with KgStore(seed_store_dir, read_only=True) as before:
        count = len(before.raw)
    result = runner.invoke(main, ["query", "evil", "--store", str(seed_store_dir)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "updates are refused" in result.output
    with KgStore(seed_store_dir, read_only=True) as after:
        assert len(after.raw) == count


# --- row limits ----------------------------------------------------------------------------

def test_tables_are_cut_at_the_default_and_say_so(store, monkeypatch):
    full = run_query(store.raw, QUERIES["incidents"], {})
    assert len(full.rows) > 2
    monkeypatch.setattr(query_limits, "DEFAULT_TABLE_ROWS", 2)
    table = run_limited(store, QUERIES["incidents"], {}, fmt="table")
    assert table.result.rows == full.rows[:2] and table.truncated
    assert "first 2 rows" in table.note()


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_machine_formats_are_not_cut(store, monkeypatch, fmt):
    monkeypatch.setattr(query_limits, "DEFAULT_TABLE_ROWS", 2)
    full = run_query(store.raw, QUERIES["incidents"], {})
    limited = run_limited(store, QUERIES["incidents"], {}, fmt=fmt)
    assert limited.result == full and not limited.truncated and limited.note() is None


def test_an_explicit_limit_wins_and_an_exact_fit_is_not_truncated(store):
    full = run_query(store.raw, QUERIES["incidents"], {})
    exact = run_limited(store, QUERIES["incidents"], {}, fmt="table", limit=len(full.rows))
    assert exact.result == full and not exact.truncated
    one = run_limited(store, QUERIES["incidents"], {}, fmt="csv", limit=1)
    assert one.result.rows == full.rows[:1] and one.truncated


@pytest.mark.parametrize("kwargs,message", [({"limit": -1}, "negative"),
                                            ({"timeout": 0}, "positive")])
def test_bad_limits_are_errors(store, kwargs, message):
    with pytest.raises(QueryError, match=message):
        run_limited(store, QUERIES["incidents"], {}, **kwargs)


# --- time limits ----------------------------------------------------------------------------

def test_the_child_process_gives_the_same_answer(store):
    query = QUERIES["incidents"]
    params = {"type": "Defection"}
    limited = run_limited(store, query, params, fmt="csv", timeout=30)
    assert limited.result == run_query(store.raw, query, params)
    assert limited.result.rows


def test_the_child_process_reports_parameter_errors(store):
    with pytest.raises(QueryError, match="parameter 'item'"):
        run_in_child(store, QUERIES["evidence"], {"item": "http://e/a> }"}, limit=None,
                     timeout=30)


def test_a_slow_embedded_query_is_stopped(store, tmp_path):
    slow = load_query(write_query(tmp_path, "slow", SLOW_BODY))
    start = time.monotonic()
    with pytest.raises(QueryError, match="stopped after 1 s"):
        run_limited(store, slow, {}, fmt="csv", timeout=1)
    assert time.monotonic() - start < 5


def test_a_slow_remote_query_returns_at_the_deadline(seed_store_dir, tmp_path):
    """The client gives up at the deadline even while the server is still computing."""
    slow = load_query(write_query(tmp_path, "slow", SLOW_BODY))
    with OxigraphServer(seed_store_dir, port=free_port()) as srv:
        remote = RemoteStore(srv.url, read_only=True)
        start = time.monotonic()
        with pytest.raises(QueryError, match="within 1 s"):
            run_limited(remote, slow, {}, fmt="csv", timeout=1)
        assert time.monotonic() - start < 5
        assert remote.timeout is None  # the limit was for that query only


# --- the catalogue (kg queries --json) -----------------------------------------------------------

def test_the_catalogue_describes_every_file_and_is_json():
    out = io.StringIO()
    write_catalog(QUERIES, out)
    catalogue = json.loads(out.getvalue())
    assert sorted(entry["file"] for entry in catalogue) == sorted(
        p.name for p in (ROOT / "queries").glob("*.rq"))
    assert [entry["name"] for entry in catalogue] == sorted(QUERIES)
    for entry in catalogue:
        assert entry["title"] and entry["form"] in {"SELECT", "ASK", "CONSTRUCT"}
        for param in entry["parameters"]:
            assert set(param) == {"name", "type", "description", "required"}


@pytest.mark.parametrize("entry", describe_queries(QUERIES), ids=lambda e: e["name"])
def test_catalogue_variables_are_the_columns_a_run_returns(entry):
    """What a script reads in the catalogue is the projection SPARQL gives the query."""
    solutions = Store().query(QUERIES[entry["name"]].text)
    assert isinstance(solutions, QuerySolutions) == (entry["form"] == "SELECT")
    if entry["form"] == "SELECT":
        assert entry["variables"] == [v.value for v in solutions.variables]
        assert {p["name"] for p in entry["parameters"]} <= set(entry["variables"])
