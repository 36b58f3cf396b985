"""The embedded Oxigraph store: one named graph per article, replaced atomically.

An article graph is replaced by one SPARQL update — ``DROP SILENT GRAPH`` then ``INSERT
DATA`` — which Oxigraph runs as one transaction: a reader sees the old graph or the new one,
never neither and never a half. The data block is written by pyoxigraph's N-Triples
serializer, so every term is escaped by the serializer, not by this code. Staging graphs of
earlier versions are dropped on open.

>>> from pyoxigraph import Quad, NamedNode, Literal
>>> with KgStore(None) as store:
...     g = store.iris.article_graph("a1")
...     quad = Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("o"), g)
...     store.replace_graph(g, [quad])
...     len(store.graph_quads(g))
1
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, Variable, serialize

from kg.errors import StoreError
from kg.namespaces import KG, RDF, Iris

DEFAULT_LOCATION = "kg-store"
STATIC_GRAPHS = ("ontology", "vocab", "shapes", "reference", "links")

#: tries of a read-only opening that a concurrent compaction got in the way of
_READ_ONLY_ATTEMPTS = 5
_READ_ONLY_PAUSE = 0.05  # seconds between them

CONTENT_HASH = NamedNode(KG + "contentHash")
ARTICLE = NamedNode(KG + "Article")
TYPE = NamedNode(RDF + "type")


def default_location() -> str:
    return os.environ.get("KG_STORE") or DEFAULT_LOCATION


class GraphLayout:
    """nkkg's graph layout over any store offering ``iris``, ``named_graphs()``,
    ``raw.quads_for_pattern`` and ``replace_graph`` (the embedded store and remote ones)."""

    def article_graphs(self) -> dict[str, NamedNode]:
        """Article id → graph name, for every article graph in the store."""
        out = {}
        for g in self.named_graphs():
            article_id = self.iris.article_id_of_graph(g)
            if article_id is not None:
                out[article_id] = g
        return out

    def content_hash(self, graph: NamedNode) -> str | None:
        """The content hash recorded in ``graph`` (article or static graph), if any."""
        for q in self.raw.quads_for_pattern(None, CONTENT_HASH, None, graph):
            if isinstance(q.object, Literal):
                return q.object.value
        return None

    def replace_static(self, name: str, quads: Iterable[Quad], content_hash: str) -> bool:
        """Replace a static graph unless its recorded hash is unchanged; True if written."""
        graph = self.iris.graph(name)
        if self.content_hash(graph) == content_hash:
            return False
        marker = Quad(graph, CONTENT_HASH, Literal(content_hash), graph)
        self.replace_graph(graph, _chain(quads, marker))
        return True


class KgStore(GraphLayout):
    """A pyoxigraph store with nkkg's graph layout; ``path=None`` keeps it in memory."""

    def __init__(self, path: str | os.PathLike[str] | None, *, read_only: bool = False,
                 base: str | None = None, create: bool = True) -> None:
        self.iris = Iris(base)
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        self._store = self._open(create)
        if not read_only:
            self._drop_staging()

    def _open(self, create: bool) -> Store:
        if self.path is None:
            return Store()
        if not self.path.exists() and (self.read_only or not create):
            raise StoreError(f"{self.path}: no store here (run 'kg build' first)")
        try:
            if self.read_only:
                return self._open_read_only()
            return Store(str(self.path))
        except OSError as err:
            reason = str(err).splitlines()[0] if str(err) else type(err).__name__
            if "lock" in reason.lower():
                reason = ("the store is locked by another process (its LOCK file is held); "
                          "wait for it to finish or use a read-only command")
            raise StoreError(f"{self.path}: cannot open store: {reason}") from err

    def _open_read_only(self) -> Store:
        """A read-only snapshot. A writer compacting at that moment may delete a file the
        snapshot was about to open (RocksDB reports "Corruption: … No such file"): the
        store is fine, so the opening is tried again; other failures are one-line errors."""
        for attempt in range(_READ_ONLY_ATTEMPTS):
            try:
                return Store.read_only(str(self.path))
            except RuntimeError as err:
                reason = str(err).splitlines()[0] if str(err) else type(err).__name__
                if "No such file" not in reason or attempt + 1 == _READ_ONLY_ATTEMPTS:
                    raise StoreError(f"{self.path}: cannot open store: {reason}") from err
                time.sleep(_READ_ONLY_PAUSE)
        raise StoreError(f"{self.path}: cannot open store")  # only with no attempts at all

    # context manager -------------------------------------------------------------
    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "_store", None) is not None:
            if not self.read_only and self.path is not None:
                self._store.flush()
            self._store = None  # type: ignore[assignment]

    @property
    def raw(self) -> Store:
        """The underlying pyoxigraph store, for queries and dumps."""
        return self._store

    # graphs ------------------------------------------------------------------------
    def named_graphs(self) -> list[NamedNode]:
        return sorted((g for g in self._store.named_graphs() if isinstance(g, NamedNode)),
                      key=lambda g: g.value)

    def graph_quads(self, graph: NamedNode | DefaultGraph) -> list[Quad]:
        return list(self._store.quads_for_pattern(None, None, None, graph))

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        """Atomically replace ``graph`` by ``quads`` (their graph names are rewritten)."""
        self._store.update(replace_update(graph, quads))

    def drop_graph(self, graph: NamedNode) -> None:
        self._store.remove_graph(graph)

    def _staging_name(self, graph: NamedNode) -> NamedNode:
        return NamedNode(self.iris.base + "staging/" + graph.value[len(self.iris.base):])

    def _drop_staging(self) -> None:
        prefix = self.iris.base + "staging/"
        for g in list(self._store.named_graphs()):
            if isinstance(g, NamedNode) and g.value.startswith(prefix):
                self._store.remove_graph(g)

    def count(self, graph: NamedNode | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, graph))

    def query(self, sparql: str, **kwargs: object):
        kwargs.setdefault("use_default_graph_as_union", True)
        return self._store.query(sparql, **kwargs)


def replace_update(graph: NamedNode, quads: Iterable[Quad]) -> str:
    """One SPARQL update replacing ``graph``; the triples are serialized by pyoxigraph.

    >>> g = NamedNode("http://e/g")
    >>> print(replace_update(g, [Quad(NamedNode("http://e/s"), NamedNode("http://e/p"),
    ...                               Literal('say "hi" }'), g)]))
    DROP SILENT GRAPH <http://e/g> ;
    INSERT DATA { GRAPH <http://e/g> {
    <http://e/s> <http://e/p> "say \\"hi\\" }" .
    } }
    """
    triples = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES).decode()
    return f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{triples}}} }}"


def _chain(quads: Iterable[Quad], last: Quad) -> Iterator[Quad]:
    yield from quads
    yield last


__all__ = ["KgStore", "default_location", "STATIC_GRAPHS", "Variable"]
