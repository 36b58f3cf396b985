"""``kg queries --json``: the saved queries described for scripts and other tools.

One JSON object per query: name, title, description, form, parameters (name, type,
description, required) and result variables, the same facts ``kg query`` works from.

>>> from kg.queries import load_queries
>>> entry = describe_queries(load_queries())[0]
>>> sorted(entry)
['description', 'file', 'form', 'name', 'parameters', 'tags', 'title', 'variables']
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TextIO

from kg.namespaces import KG
from kg.queries import Param, SavedQuery


def describe_query(query: SavedQuery) -> dict:
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "form": query.form,
        "parameters": [{"name": p.name, "type": p.type, "description": p.description,
                        "required": p.required} for p in query.params],
        "variables": list(query.variables),
        "tags": list(query.tags),
        "file": query.path.name,
    }


def describe_queries(queries: Mapping[str, SavedQuery]) -> list[dict]:
    """Every query described, sorted by name."""
    return [describe_query(queries[name]) for name in sorted(queries)]


def write_catalog(queries: Mapping[str, SavedQuery], out: TextIO) -> None:
    """The descriptions as one JSON array (UTF-8 text, not escaped)."""
    json.dump(describe_queries(queries), out, ensure_ascii=False, indent=2)
    out.write("\n")


#: parameter name, else parameter type → a pattern binding ?v to a value of that kind
_EXAMPLES = {
    "item": "?v a kg:Incident",
    "incident": "?v a kg:Incident",
    "directive": "?v a kg:Directive",
    "source": "?x kg:reportedBy ?v",
    "article": "?v a kg:Article",
    "province": "?x kg:occurredAt ?p ; kg:involvedAgency ?a . ?p kg:locatedIn+ ?v",
    "place": "?x kg:occurredAt ?v",
    "agency": "?x kg:involvedAgency ?v",
    "person": "?x kg:mentions ?v . ?v a kg:Person",
    "actor": "?x kg:issuedBy ?v",
    "incident-type": "?x kg:incidentType ?v",
    "directive-type": "?x kg:directiveType ?v",
    "agency-category": "?x kg:agencyCategory ?v",
    "place-kind": "?x kg:placeKind ?v",
    "date": "?x a kg:Incident ; kg:date ?v",
    "string": "?x kg:identifier ?v",
}


def example_value(store, param: Param) -> str | None:
    """A value for ``param`` found in ``store`` (the first in IRI / lexical order), for
    trying a saved query on real data; None when the store holds none."""
    pattern = _EXAMPLES[param.name if param.name in _EXAMPLES else param.type]
    rows = list(store.query(f"SELECT ?v WHERE {{ {pattern} }} ORDER BY ?v LIMIT 1",
                            prefixes={"kg": KG}))
    return rows[0]["v"].value if rows else None
