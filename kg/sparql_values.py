"""Parameters for SPARQL servers: a ``VALUES`` block opening the WHERE clause.

pyoxigraph binds parameters with ``substitutions``; a SPARQL server has no such thing, so
the bound query is written out. Only pyoxigraph's term serializer writes the values
(``str`` of a ``NamedNode`` or ``Literal`` is N-Triples syntax, escaped), the query text
comes from the saved query, and the result is parsed again before it is sent. Placed first
in the WHERE clause, the values are bound before the pattern runs, as substitutions are
(FILTERs see them); a trailing ``VALUES`` would be joined after the FILTERs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyoxigraph import Literal, NamedNode, Store, Variable

from kg.errors import QueryError

Term = NamedNode | Literal
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[?$]?[A-Za-z_0-9][\w\-.]*(?::[\w\-.%]*)?")
_PREFIX_NAME = re.compile(r"(?:[A-Za-z][\w\-.]*[\w\-])?|[A-Za-z]")
_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def bind_values(query: str, substitutions: Mapping[Variable, Term], *,
                prefixes: Mapping[str, str] | None = None, base_iri: str | None = None) -> str:
    """``query`` with ``substitutions`` as a ``VALUES`` block opening its WHERE clause.

    Like pyoxigraph's substitutions the variables are bound before the pattern is
    evaluated (so FILTERs see them); the block's terms are pyoxigraph's N-Triples
    serialisation, so a value cannot end the term it is in. ``prefixes`` and ``base_iri``
    are those the query will be sent with, for checking that the result parses.

    >>> bind_values("SELECT ?x WHERE { ?x ?p ?o }", {Variable("x"): Literal('a" }')})
    'SELECT ?x WHERE { VALUES (?x) { ("a\\\\" }") } ?x ?p ?o }'
    """
    if not substitutions:
        return query
    for variable, term in substitutions.items():
        if not isinstance(variable, Variable) or not isinstance(term, NamedNode | Literal):
            raise QueryError(f"cannot bind {variable!r} to {term!r}: only IRIs and literals "
                             "can be parameter values")
    names = " ".join(str(v) for v in substitutions)
    values = " ".join(str(t) for t in substitutions.values())
    at = where_brace(query)
    bound = f"{query[:at]} VALUES ({names}) {{ ({values}) }}{query[at:]}"
    try:  # the block must leave a valid query (e.g. not before a lone sub-SELECT)
        Store().query(bound, prefixes=dict(prefixes or {}), base_iri=base_iri)
    except SyntaxError as err:
        raise QueryError(f"cannot bind parameters into this query: {err}") from err
    return bound


def where_brace(query: str) -> int:
    """The index just after the ``{`` that opens the query's WHERE clause.

    Comments, strings and IRIs are skipped; the brace is the first one after the keyword
    WHERE or, for SELECT / ASK / DESCRIBE written without WHERE, the first one outside
    parentheses.

    >>> q = 'PREFIX a: <urn:x#y> SELECT ("{" AS ?s) # {\\n WHERE { ?s a:p 1 }'
    >>> q[where_brace(q):]
    ' ?s a:p 1 }'
    """
    i, depth, form, seen_where = 0, 0, None, False
    while i < len(query):
        char = query[i]
        if char == "#":
            end = query.find("\n", i)
            i = len(query) if end < 0 else end + 1
            continue
        if char in "\"'":
            i = _string_end(query, i)
            continue
        if char == "<" and (iri := _IRIREF.match(query, i)):
            i = iri.end()
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{" and depth == 0 and form is not None and (
                seen_where or form != "CONSTRUCT"):
            return i + 1
        elif word := _WORD.match(query, i):
            token = word.group().upper()
            form = form or (token if token in _FORMS else None)
            seen_where = seen_where or token == "WHERE"
            i = word.end()
            continue
        i += 1
    raise QueryError("cannot bind parameters: the query has no WHERE clause")


def _string_end(text: str, start: int) -> int:
    quote = text[start] * 3 if text.startswith(text[start] * 3, start) else text[start]
    i = start + len(quote)
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(quote, i):
            return i + len(quote)
        else:
            i += 1
    return i


def prologue(prefixes: Mapping[str, str] | None, base_iri: str | None) -> str:
    """``BASE`` / ``PREFIX`` lines, the IRIs written by the term serializer.

    >>> prologue({"kg": "https://w3id.org/nkkg/ontology#"}, None)
    'PREFIX kg: <https://w3id.org/nkkg/ontology#>\\n'
    """
    lines = [f"BASE {NamedNode(base_iri)}"] if base_iri else []
    for name, iri in (prefixes or {}).items():
        if not _PREFIX_NAME.fullmatch(name):
            raise QueryError(f"{name!r} is not a SPARQL prefix name")
        lines.append(f"PREFIX {name}: {NamedNode(iri)}")
    return "".join(line + "\n" for line in lines)
