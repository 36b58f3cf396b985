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

from kg.queries import SavedQuery


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
