"""Limits for ``kg query``: a time limit, a default row limit for tables, no updates.

Updates never run: a saved query is parsed as a query when it is loaded
(:func:`kg.queries.load_query` refuses ``INSERT``, ``DROP``, ``LOAD`` …), and a remote store
sends it to the query endpoint, which does not run updates.

The time limit is honest about what can be stopped. pyoxigraph cannot cancel a running
query, so with a time limit an embedded store is queried by a child process that opens
the store read-only and is killed when time is up (the cost: starting a Python process,
about 0.3 s). A remote store gets the limit as its HTTP timeout; the server may go on
computing unless it has its own limit (``kg serve --timeout``).

>>> row_limit("table", None) == DEFAULT_TABLE_ROWS, row_limit("csv", None), row_limit("csv", 5)
(True, None, 5)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import QueryBoolean, QueryResultsFormat, parse_query_results

from kg.errors import KgError, QueryError, StoreError
from kg.queries import QueryResult, SavedQuery, load_query, run_query
from kg.remote import RemoteStore
from kg.store import KgStore

DEFAULT_TABLE_ROWS = 200
"""Rows shown by ``--format table`` without ``--limit``; machine formats are not cut."""

_CHILD = "import sys; from kg.query_limits import child_main; sys.exit(child_main())"
_ERROR_KINDS = {"StoreError": StoreError, "QueryError": QueryError}


@dataclass(frozen=True)
class LimitedResult:
    result: QueryResult
    truncated: bool
    """More rows exist than ``result`` holds."""
    limit: int | None

    def note(self) -> str | None:
        """A line for standard error when rows were left out, else None."""
        if not self.truncated:
            return None
        return (f"showing the first {self.limit} rows; use --limit N for more, or "
                "--format csv/tsv/json for all")


def row_limit(fmt: str, limit: int | None) -> int | None:
    """``limit`` if given, else :data:`DEFAULT_TABLE_ROWS` for tables, else no limit."""
    if limit is not None:
        return limit
    return DEFAULT_TABLE_ROWS if fmt == "table" else None


def run_limited(store: KgStore | RemoteStore, query: SavedQuery, params: Mapping[str, str],
                *, fmt: str = "table", limit: int | None = None,
                timeout: float | None = None) -> LimitedResult:
    """Run ``query`` with the row limit for ``fmt`` and at most ``timeout`` seconds."""
    rows = row_limit(fmt, limit)
    if rows is not None and rows < 0:
        raise QueryError(f"{query.name}: the limit must not be negative")
    if timeout is not None and timeout <= 0:
        raise QueryError(f"{query.name}: the timeout must be a positive number of seconds")
    fetch = None if rows is None else rows + 1
    if isinstance(store, RemoteStore):
        previous, store.timeout = store.timeout, timeout or store.timeout
        try:
            result = run_query(store.raw, query, params, limit=fetch)
        finally:
            store.timeout = previous
    elif timeout is not None:
        result = run_in_child(store, query, params, limit=fetch, timeout=timeout)
    else:
        result = run_query(store.raw, query, params, limit=fetch)
    truncated = rows is not None and len(result.rows) > rows
    if truncated:
        result = QueryResult(result.variables, result.rows[:rows], result.boolean)
    return LimitedResult(result, truncated, rows)


def run_in_child(store: KgStore, query: SavedQuery, params: Mapping[str, str], *,
                 limit: int | None, timeout: float) -> QueryResult:
    """Run ``query`` in a child process on ``store``'s directory; kill it after ``timeout``."""
    if store.path is None:
        raise QueryError(f"{query.name}: a time limit needs a store directory")
    payload = {"store": str(store.path), "base": store.iris.base, "query": str(query.path),
               "params": dict(params), "limit": limit}
    package_root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONIOENCODING="utf-8",
               PYTHONPATH=os.pathsep.join(p for p in (package_root,
                                                      os.environ.get("PYTHONPATH")) if p))
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(payload),
                              capture_output=True, text=True, encoding="utf-8",
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired as err:
        raise QueryError(f"{query.name}: stopped after {timeout:g} s (--timeout); "
                         "narrow the query with parameters or raise the limit") from err
    if done.returncode == 2 and done.stdout.startswith("{"):
        failure = json.loads(done.stdout)
        raise _ERROR_KINDS.get(failure["kind"], KgError)(failure["error"])
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise QueryError(f"{query.name}: the query process failed: {lines[-1]}")
    answer = parse_query_results(done.stdout.encode("utf-8"), format=QueryResultsFormat.JSON)
    if isinstance(answer, QueryBoolean):
        return QueryResult((), [], bool(answer))
    variables = tuple(v.value for v in answer.variables)
    return QueryResult(variables, [tuple(solution) for solution in answer])


def child_main() -> int:
    """The child of :func:`run_in_child`: JSON request on stdin, SPARQL JSON results out."""
    from kg.results import write_results

    request = json.load(sys.stdin)
    try:
        query = load_query(Path(request["query"]))
        with KgStore(request["store"], read_only=True, base=request["base"]) as store:
            result = run_query(store.raw, query, request["params"], limit=request["limit"])
    except KgError as err:
        json.dump({"kind": type(err).__name__, "error": str(err)}, sys.stdout)
        return 2
    write_results(result, "json", sys.stdout)
    return 0
