"""Stable dumps of the store: same store, same bytes.

Quads are sorted before serialisation; Turtle, N-Triples and JSON-LD merge every graph
into one (each triple once), N-Quads and TriG keep the named graphs.
"""

from __future__ import annotations

from typing import BinaryIO

from pyoxigraph import Quad, RdfFormat, serialize

from kg.errors import KgError, StoreError
from kg.namespaces import PREFIXES
from kg.store import KgStore

FORMATS = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
}
DATASET_FORMATS = {"nq", "trig"}


def _key(term: object) -> tuple[str, str]:
    return (type(term).__name__, str(term))


def export_quads(store: KgStore, article: str | None = None) -> list[Quad]:
    try:
        if article is None:
            quads = list(store.raw)
        else:
            quads = store.graph_quads(store.iris.article_graph(article))
    except OSError as err:  # a read-only store beside a writer may fail to read
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise StoreError(f"cannot read the store: {reason}") from err
    if article is not None and not quads:
        raise KgError(f"no article '{article}' in the store")
    return quads


def export(store: KgStore, out: BinaryIO, fmt: str = "ttl", article: str | None = None) -> int:
    """Write the store (or one article graph) to ``out``; returns the number of statements."""
    if fmt not in FORMATS:
        raise KgError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    quads = export_quads(store, article)
    prefixes = dict(PREFIXES, kgd=store.iris.base)
    if fmt in DATASET_FORMATS:
        items = sorted(quads, key=lambda q: (_key(q.graph_name), _key(q.subject),
                                             _key(q.predicate), _key(q.object)))
    else:
        items = sorted({q.triple for q in quads},
                       key=lambda t: (_key(t.subject), _key(t.predicate), _key(t.object)))
    kwargs = {"prefixes": prefixes} if fmt in {"ttl", "trig"} else {}
    serialize(items, out, format=FORMATS[fmt], **kwargs)
    return len(items)
