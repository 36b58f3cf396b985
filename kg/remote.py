"""A store behind a SPARQL 1.1 Protocol + Graph Store HTTP Protocol server.

:class:`RemoteStore` has the methods of :class:`kg.store.KgStore` that ``build``, ``query``,
``export``, ``stats`` and ``validate`` use, so they run unchanged against Oxigraph server,
Fuseki, Virtuoso or GraphDB. An article graph is replaced as in the embedded store: its
triples go to a staging graph with a Graph Store ``PUT``, then one SPARQL Update ``MOVE``
(one transaction) puts them over the live graph. A ``PUT`` on the live graph would not do:
Oxigraph clears the graph and loads the new triples in two transactions, so a reader could
see the graph empty and a failed upload would leave it empty.

Location: ``http://HOST:PORT`` means Oxigraph's layout (``/query``, ``/update``,
``/store``). Other servers name their endpoints in the URL fragment, relative to the URL,
e.g. ``http://HOST:3030/ds#query=query&update=update&store=data`` (Fuseki); credentials go
in the URL (``http://user:password@HOST/…``, Basic or Digest). The server must read the
default graph as the union of all graphs, as ``kg query`` does: Oxigraph is asked with its
``union-default-graph`` parameter; Virtuoso and GraphDB do it anyway; Fuseki needs
``unionDefaultGraph``.

Parameters (``substitutions``) are bound by a ``VALUES`` block placed first in the WHERE
clause (:mod:`kg.sparql_values`); the text of a value never becomes query syntax.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Variable,
    parse,
    parse_query_results,
    serialize,
)

from kg.errors import QueryError, StoreError
from kg.namespaces import Iris
from kg.sparql_values import Term, bind_values, prologue
from kg.store import GraphLayout

ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples, text/turtle;q=0.9")
_ENDPOINTS = ("query", "update", "store")
_BNODE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


class Endpoints(NamedTuple):
    query: str
    update: str
    store: str


def is_remote(location: str | None) -> bool:
    """Whether ``location`` names a server rather than a directory.

    >>> is_remote("http://127.0.0.1:7878"), is_remote("kg-store")
    (True, False)
    """
    return bool(location) and location.lower().startswith(("http://", "https://"))


def parse_location(location: str) -> tuple[Endpoints, str | None, str | None]:
    """The endpoints of ``location`` and its user name and password (or None).

    >>> parse_location("http://127.0.0.1:7878")[0].query
    'http://127.0.0.1:7878/query'
    >>> parse_location("http://u:p@h:3030/ds#store=data")[0].store
    'http://h:3030/ds/data'
    """
    parts = urllib.parse.urlsplit(location)
    shown = _without_credentials(location)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{shown}: not an http(s) URL of a SPARQL server")
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    try:
        port = parts.port
    except ValueError as err:
        raise StoreError(f"{shown}: bad port ({err})") from err
    if port:
        netloc += f":{port}"
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    base = urllib.parse.urlunsplit((parts.scheme, netloc, path, "", ""))
    chosen = dict(urllib.parse.parse_qsl(parts.fragment, keep_blank_values=True))
    unknown = sorted(set(chosen) - set(_ENDPOINTS))
    if unknown:
        raise StoreError(f"{shown}: unknown endpoint name {', '.join(unknown)} in the "
                         f"fragment (known: {', '.join(_ENDPOINTS)})")
    if parts.query:
        raise StoreError(f"{shown}: put endpoint settings after '#', not '?'")
    urls = {name: urllib.parse.urljoin(base, chosen.get(name, name)) for name in _ENDPOINTS}
    user = urllib.parse.unquote(parts.username) if parts.username else None
    password = urllib.parse.unquote(parts.password) if parts.password else None
    return Endpoints(**urls), user, password


# the store -----------------------------------------------------------------------------
class RemoteStore(GraphLayout):
    """A SPARQL server with nkkg's graph layout; see the module docstring."""

    def __init__(self, location: str, *, read_only: bool = False, base: str | None = None,
                 timeout: float | None = None) -> None:
        self.iris = Iris(base)
        self.location = location
        self.endpoints, user, password = parse_location(location)
        self.name = _without_credentials(location)
        """The location as messages show it (no password)."""
        self.path = None
        self.read_only = read_only
        self.timeout = timeout
        self._opener = _opener(self.endpoints, user, password)
        self._counts: dict[str, int] | None = None
        self.raw = RemoteDataset(self)
        if not read_only:
            self._drop_staging()
        else:
            self.raw.query("ASK {}")  # fail now, with a clear message, if unreachable

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._counts = None

    # graphs ------------------------------------------------------------------------
    def named_graphs(self) -> list[NamedNode]:
        rows = self.raw.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                              "GROUP BY ?g")
        self._counts = {row["g"].value: int(row["n"].value) for row in rows
                        if isinstance(row["g"], NamedNode)}
        return sorted((NamedNode(g) for g in self._counts), key=lambda g: g.value)

    def graph_quads(self, graph: NamedNode) -> list[Quad]:
        """The graph's quads, read with a Graph Store ``GET`` (none if it does not exist)."""
        url = self._graph_url(graph)
        request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
        try:
            content_type, body = self._send(request, f"reading {graph.value}")
        except _NotFound:
            return []
        fmt = RdfFormat.from_media_type(content_type) or RdfFormat.N_TRIPLES
        return [Quad(q.subject, q.predicate, q.object, graph) for q in parse(body, format=fmt)]

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        """Replace ``graph`` atomically: ``PUT`` to a staging graph, then one ``MOVE``."""
        self._writable()
        staging = self._staging_name(graph)
        body = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b""
        request = urllib.request.Request(self._graph_url(staging), data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        self._send(request, f"writing {graph.value}")
        self.update(f"MOVE SILENT GRAPH {staging} TO GRAPH {graph}")

    def drop_graph(self, graph: NamedNode) -> None:
        self._writable()
        request = urllib.request.Request(self._graph_url(graph), method="DELETE")
        try:
            self._send(request, f"dropping {graph.value}")
        except _NotFound:
            pass
        self._counts = None

    def update(self, sparql: str) -> None:
        """Run one SPARQL Update request (one transaction on Oxigraph)."""
        self._writable()
        data = urllib.parse.urlencode({"update": sparql}).encode()
        self._send(urllib.request.Request(self.endpoints.update, data=data), "update")
        self._counts = None

    def _staging_name(self, graph: NamedNode) -> NamedNode:
        return NamedNode(self.iris.base + "staging/" + graph.value[len(self.iris.base):])

    def _drop_staging(self) -> None:
        prefix = self.iris.base + "staging/"
        for graph in self.named_graphs():
            if graph.value.startswith(prefix):
                self.drop_graph(graph)

    def _graph_url(self, graph: NamedNode) -> str:
        sep = "&" if "?" in self.endpoints.store else "?"
        return self.endpoints.store + sep + urllib.parse.urlencode({"graph": graph.value})

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.name}: opened read-only")

    def count(self, graph: NamedNode | None = None) -> int:
        """Quads in ``graph``, or in all named graphs (kg writes nothing to the default)."""
        if graph is not None and self._counts is not None:
            return self._counts.get(graph.value, 0)
        pattern = "GRAPH ?g { ?s ?p ?o }"
        rows = self.raw.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}",
                              substitutions={Variable("g"): graph} if graph else None)
        return int(next(iter(rows))["n"].value)

    def query(self, sparql: str, **kwargs: object):
        kwargs.setdefault("use_default_graph_as_union", True)
        return self.raw.query(sparql, **kwargs)

    # HTTP --------------------------------------------------------------------------
    def _send(self, request: urllib.request.Request, what: str) -> tuple[str, bytes]:
        """Send ``request``; the response's media type and body. Errors are one line."""
        where = urllib.parse.urlsplit(request.full_url)._replace(query="").geturl()
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), _read(response, deadline)
        except urllib.error.HTTPError as err:
            message = _first_line(err.read())
            if err.code == 404 and request.get_method() in ("GET", "DELETE"):
                raise _NotFound(where) from err
            if err.code in (401, 403):
                raise StoreError(f"{where}: {what} refused (HTTP {err.code}: {message}); is "
                                 "the server writable ('kg serve --writable') and are the "
                                 "credentials right?") from err
            error = QueryError if what == "query" else StoreError
            raise error(f"{where}: {what} failed (HTTP {err.code}: {message})") from err
        except TimeoutError as err:
            raise self._timeout(where, what) from err
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise self._timeout(where, what) from err
            raise StoreError(f"{where}: cannot reach the SPARQL server ({err.reason})") from err
        except (OSError, http.client.HTTPException) as err:
            raise StoreError(f"{where}: the connection failed ({err!r})") from err

    def _timeout(self, where: str, what: str) -> QueryError:
        return QueryError(f"{where}: no answer to the {what} within {self.timeout:g} s")


class RemoteDataset:
    """The part of ``pyoxigraph.Store`` that nkkg reads (``KgStore.raw``), over HTTP.

    Results are real pyoxigraph objects (``QuerySolutions``, ``QueryBoolean``, triples),
    parsed from the server's answer, so ``kg.queries.run_query`` works unchanged.
    Iteration and ``quads_for_pattern(..., None)`` cover the named graphs only.
    """

    def __init__(self, store: RemoteStore) -> None:
        self._store = store

    def query(self, query: str, *, base_iri: str | None = None,
              prefixes: Mapping[str, str] | None = None,
              use_default_graph_as_union: bool = False,
              substitutions: Mapping[Variable, Term] | None = None):
        bound = bind_values(query, substitutions or {}, prefixes=prefixes, base_iri=base_iri)
        text = prologue(prefixes, base_iri) + bound
        form = {"query": text}
        if use_default_graph_as_union:
            form["union-default-graph"] = ""
        request = urllib.request.Request(self._store.endpoints.query,
                                         data=urllib.parse.urlencode(form).encode(),
                                         headers={"Accept": ACCEPT})
        content_type, body = self._store._send(request, "query")
        results_format = QueryResultsFormat.from_media_type(content_type)
        rdf_format = RdfFormat.from_media_type(content_type)
        if results_format == QueryResultsFormat.JSON:
            body = _valid_bnodes(body)
        try:
            if results_format is not None:
                results = parse_query_results(body, format=results_format)
                if isinstance(results, QuerySolutions):  # a broken answer fails now, not
                    list(results)                         # later while rows are read
                    results = parse_query_results(body, format=results_format)
                return results
            if rdf_format is not None:
                return iter([q.triple for q in parse(body, format=rdf_format)])
        except SyntaxError as err:  # e.g. cut short by the server's own time limit
            tail = body.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise QueryError(f"{self._store.name}: the answer broke off ({err}; "
                             f"it ends with {tail[0][-120:]!r})") from err
        raise QueryError(f"{self._store.name}: unexpected answer type {content_type}")

    def quads_for_pattern(self, subject: NamedNode | BlankNode | None,
                          predicate: NamedNode | None, obj: Term | None,
                          graph: NamedNode | DefaultGraph | None = None) -> Iterator[Quad]:
        if isinstance(graph, DefaultGraph) or isinstance(subject, BlankNode):
            raise QueryError("a remote store is read by named graph and IRI")
        given = {"s": subject, "p": predicate, "o": obj, "g": graph}
        bound = {Variable(k): v for k, v in given.items() if v is not None}
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                          substitutions=bound)
        for row in rows:
            yield Quad(row["s"], row["p"], row["o"], row["g"])

    def named_graphs(self) -> Iterator[NamedNode]:
        return iter(self._store.named_graphs())

    def __iter__(self) -> Iterator[Quad]:
        return self.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return self._store.count()


class _NotFound(StoreError):
    """HTTP 404 on a Graph Store read or delete: the graph does not exist."""


def _valid_bnodes(body: bytes) -> bytes:
    """JSON results with blank node labels pyoxigraph accepts (Virtuoso writes
    ``nodeID://b10007``); labels are hex-encoded only when one is not valid."""
    if b'"bnode"' not in body:
        return body
    try:
        document = json.loads(body)
    except json.JSONDecodeError:
        return body  # let the results parser report it
    bindings = (document.get("results") or {}).get("bindings") or []
    changed = False
    for binding in bindings:
        for term in binding.values():
            if term.get("type") == "bnode" and not _BNODE.fullmatch(term.get("value", "")):
                term["value"] = "x" + term["value"].encode("utf-8").hex()
                changed = True
    return json.dumps(document).encode("utf-8") if changed else body


def _without_credentials(location: str) -> str:
    """
    >>> _without_credentials("http://dba:dba@h:8890/#query=sparql")
    'http://h:8890/#query=sparql'
    """
    parts = urllib.parse.urlsplit(location)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def _opener(endpoints: Endpoints, user: str | None,
            password: str | None) -> urllib.request.OpenerDirector:
    if user is None:
        return urllib.request.build_opener()
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in endpoints:
        manager.add_password(None, url, user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(manager),
                                       urllib.request.HTTPDigestAuthHandler(manager))


def _read(response: http.client.HTTPResponse, deadline: float | None) -> bytes:
    """The whole body, or TimeoutError once ``deadline`` passes: the socket timeout alone
    bounds each read, and a server streaming a long answer would never trip it."""
    chunks = []
    while chunk := response.read(1 << 16):
        chunks.append(chunk)
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else "no message"
    return line if len(line) <= 300 else line[:297] + "..."


__all__ = ["RemoteStore", "RemoteDataset", "is_remote", "parse_location"]
