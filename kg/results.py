"""Write a :class:`~kg.queries.QueryResult` as a table or in the W3C SPARQL results formats.

``csv``, ``tsv`` and ``json`` follow "SPARQL 1.1 Query Results CSV and TSV Formats" and
"SPARQL 1.1 Query Results JSON Format" (the same output as pyoxigraph's serializers, which
cannot be used here because the rows were already read, e.g. to apply a limit). ``table``
is for people: aligned columns, IRIs compacted, literals shown as their lexical value.

>>> import io
>>> from pyoxigraph import Literal, NamedNode
>>> from kg.queries import QueryResult
>>> row = (NamedNode("https://w3id.org/nkkg/id/place/x"), Literal(8))
>>> res = QueryResult(("place", "n"), [row])
>>> out = io.StringIO(); write_results(res, "table", out); print(out.getvalue(), end="")
place        n
-----------  -
kgd:place/x  8
>>> out = io.StringIO(); write_results(res, "tsv", out)
>>> out.getvalue().splitlines()[1].split(chr(9))
['<https://w3id.org/nkkg/id/place/x>', '8']
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TextIO

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.errors import QueryError
from kg.namespaces import PREFIXES, RDF, XSD, Iris
from kg.queries import QueryResult, Term

FORMATS = ("table", "csv", "tsv", "json")

_XSD_STRING = XSD + "string"
_LANG_STRING = RDF + "langString"
_BARE = {  # Turtle's short forms for numbers and booleans, as pyoxigraph writes them
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
    XSD + "boolean": re.compile(r"(true|false)"),
}
_CONTROL = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def write_results(result: QueryResult, fmt: str, out: TextIO, *,
                  base: str | None = None) -> None:
    """Write ``result`` to ``out`` in ``fmt`` (one of :data:`FORMATS`)."""
    writers: dict[str, Callable[[QueryResult, TextIO], None]] = {
        "csv": _write_csv, "tsv": _write_tsv, "json": _write_json,
        "table": lambda res, stream: _write_table(res, stream, Iris(base).base),
    }
    if fmt not in writers:
        raise QueryError(f"unknown result format {fmt!r} (choose from {', '.join(FORMATS)})")
    writers[fmt](result, out)


def _write_csv(result: QueryResult, out: TextIO) -> None:
    if result.boolean is not None:
        out.write("true" if result.boolean else "false")
        return
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if term is None else _csv_value(term) for term in row])


def _csv_value(term: Term) -> str:
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return str(term)
    return term.value


def _write_tsv(result: QueryResult, out: TextIO) -> None:
    if result.boolean is not None:
        out.write("true" if result.boolean else "false")
        return
    out.write("\t".join(f"?{v}" for v in result.variables) + "\n")
    for row in result.rows:
        out.write("\t".join("" if term is None else _tsv_value(term) for term in row) + "\n")


def _tsv_value(term: Term) -> str:
    """The term in Turtle syntax (``str`` of a term escapes tabs and newlines)."""
    if isinstance(term, Literal) and not term.language:
        short = _BARE.get(term.datatype.value)
        if short is not None and short.fullmatch(term.value):
            return term.value
    return str(term)


def _write_json(result: QueryResult, out: TextIO) -> None:
    if result.boolean is not None:
        document: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [{var: _json_term(term) for var, term in zip(result.variables, row, strict=True)
                     if term is not None} for row in result.rows]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    json.dump(document, out, ensure_ascii=False)
    out.write("\n")


def _json_term(term: Term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    value: dict = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
        value["datatype"] = term.datatype.value
    return value


def _write_table(result: QueryResult, out: TextIO, base: str) -> None:
    if result.boolean is not None:
        out.write(("true" if result.boolean else "false") + "\n")
        return
    namespaces = sorted({**PREFIXES, "kgd": base}.items(), key=lambda kv: -len(kv[1]))
    cells = [[_table_value(term, namespaces) for term in row] for row in result.rows]
    header = list(result.variables)
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(header)]
    for line in [header, ["-" * w for w in widths], *cells]:
        out.write(_aligned(line, widths) + "\n")


def _aligned(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths,
                                                                          strict=True)]
    return "  ".join(padded).rstrip()


def _table_value(term: Term | None, namespaces: Sequence[tuple[str, str]]) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return compact(term.value, namespaces)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return str(term)
    return term.value.translate(_CONTROL)


def compact(iri: str, namespaces: Sequence[tuple[str, str]]) -> str:
    """``prefix:local`` for the first (longest) namespace that ``iri`` starts with.

    >>> compact("https://w3id.org/nkkg/vocab/kind/City", [("kgv", "https://w3id.org/nkkg/vocab/")])
    'kgv:kind/City'
    >>> compact("https://sws.geonames.org/2042740/", [])
    'https://sws.geonames.org/2042740/'
    """
    for prefix, namespace in namespaces:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _width(text: str) -> int:
    """Display width: East Asian wide characters (Korean names) take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in text)
