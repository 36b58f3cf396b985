"""Counts that tell a user what the store holds: entities by class, quads by graph."""

from __future__ import annotations

from dataclasses import dataclass

from kg.namespaces import KG
from kg.store import KgStore

CLASSES = ("Article", "Place", "Agency", "Person", "Incident", "Directive", "Source",
           "Evidence")

_COUNT = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class }
  FILTER(STRSTARTS(STR(?class), STR(kg:)))
} GROUP BY ?class
"""


@dataclass(frozen=True)
class Stats:
    by_class: dict[str, int]
    by_graph: dict[str, int]
    articles: int


def stats(store: KgStore) -> Stats:
    """Distinct instances per kg: class (over every graph) and quads per named graph."""
    counts = {name: 0 for name in CLASSES}
    for row in store.query(_COUNT, prefixes={"kg": KG}):
        counts[row["class"].value[len(KG):]] = int(row["n"].value)
    base = store.iris.base
    by_graph = {}
    for graph in store.named_graphs():
        name = graph.value[len(base):] if graph.value.startswith(base) else graph.value
        by_graph[name] = store.count(graph)
    return Stats(counts, by_graph, len(store.article_graphs()))
