"""SHACL validation (pyshacl) of article graphs against ``ontology/shapes.ttl``.

``kg build`` checks each article graph before storing it; ``kg validate`` checks the
whole store. A violation names the graph, the focus node and the shape's message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import rdflib
from pyoxigraph import Quad, RdfFormat, serialize
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from kg.errors import ValidationError
from kg.ontology_files import turtle_path
from kg.store import KgStore


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"<{self.focus}>{where}: {self.message}"


class Validator:
    """Holds the parsed shapes so that many graphs can be checked cheaply."""

    def __init__(self, shapes: Path | None = None) -> None:
        self._shapes_path = shapes

    @cached_property
    def shapes(self) -> rdflib.Graph:
        return rdflib.Graph().parse(self._shapes_path or turtle_path("shapes"), format="turtle")

    def violations(self, quads: Iterable[Quad]) -> list[Violation]:
        data = rdflib.Graph()
        triples = [q.triple for q in quads]
        if triples:
            data.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
        conforms, report, _ = shacl_validate(data, shacl_graph=self.shapes, inference="none",
                                             advanced=True)
        if conforms:
            return []
        out = []
        for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
            out.append(Violation(str(report.value(result, SH.focusNode)),
                                 str(report.value(result, SH.resultPath) or ""),
                                 str(report.value(result, SH.resultMessage) or "violation")))
        return sorted(out, key=lambda v: (v.focus, v.path, v.message))

    def check(self, quads: list[Quad], source: str) -> None:
        """Raise a one-line ValidationError naming the file and the first violation."""
        found = self.violations(quads)
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            raise ValidationError(f"{source}: graph violates the shapes: {found[0]}{more}")


def validate_store(store: KgStore, validator: Validator | None = None
                   ) -> dict[str, list[Violation]]:
    """Violations per article graph (only graphs with violations are listed)."""
    validator = validator or Validator()
    out = {}
    for article_id, graph in sorted(store.article_graphs().items()):
        found = validator.violations(store.graph_quads(graph))
        if found:
            out[article_id] = found
    return out
