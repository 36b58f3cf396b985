"""Saved SPARQL queries: read ``queries/*.rq`` with their header, bind parameters, run.

A parameter value never becomes query text: it is turned into an RDF term of its declared
type and bound with pyoxigraph ``substitutions``, which only accepts variables of the
top-level projection, so every parameter is a result column. The header grammar is
documented in ``queries/README.md``.

>>> header = parse_header("#+ summary: Demo\\n#+ params:\\n#+   - n: integer — how many\\n")
>>> header["summary"], header["params"]
('Demo', [{'n': 'integer — how many'}])
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    Store,
    Triple,
    Variable,
)

from kg.errors import QueryError, StoreError
from kg.namespaces import KG, PREFIXES, RDF, RDFS, SCHEMES, SKOS, VOCAB, XSD, Iris

Term = NamedNode | BlankNode | Literal | Triple

LABEL_TYPES: dict[str, tuple[str, ...]] = {
    "place": ("Place",),
    "agency": ("Agency",),
    "person": ("Person",),
    "actor": ("Person", "Agency"),
}
"""Parameter types that accept an IRI or a label, and the kg: classes a label may name."""

CONCEPT_TYPES = frozenset(SCHEMES.values())
"""Parameter types named after a concept scheme: an IRI or a concept local name."""

PARAM_TYPES = frozenset({"iri", "string", "date", "integer", "article"}
                        | set(LABEL_TYPES) | CONCEPT_TYPES)

HEADER_KEYS = frozenset({"summary", "description", "params", "tags", "endpoint_in_url",
                         "endpoint", "method", "pagination", "enumerate", "defaults",
                         "transform"})
"""Our keys plus grlc's other decorators, accepted (and ignored) so files stay grlc-valid."""

_PARAM_SPEC = re.compile(r"(?P<type>[a-z][a-z-]*)(?:\s*(?:—|--)\s*(?P<text>.*?))?"
                         r"\s*(?:\((?P<flag>optional|required)\))?", re.S)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI_LIKE = re.compile(r"<\S*>|[A-Za-z][A-Za-z0-9+.-]*://\S*|urn:\S+")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

_LOOKUP = """
SELECT DISTINCT ?entity ?label WHERE {
  VALUES ?property { rdfs:label skos:prefLabel skos:altLabel }
  ?entity ?property ?name .
  FILTER(LCASE(STR(?name)) = LCASE(STR(?label)))
}"""
"""Entities with a label equal to ?label ignoring case. Their class is checked afterwards
with an index lookup: in SPARQL, a join or EXISTS on ``a ?class`` made the lookup 300 times
slower (each triple has a copy per article graph in the union)."""
_LABEL_PROPERTIES = (NamedNode(RDFS + "label"), NamedNode(SKOS + "prefLabel"),
                     NamedNode(SKOS + "altLabel"))
_TYPE = NamedNode(RDF + "type")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    variables: tuple[str, ...]
    text: str
    tags: tuple[str, ...] = ()
    form: str = "SELECT"  # SELECT | ASK | CONSTRUCT (DESCRIBE reads as CONSTRUCT)

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        valid = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"{self.name}: unknown parameter {name!r} (valid: {valid})")


@dataclass(frozen=True)
class QueryResult:
    """Rows of pyoxigraph terms (None = unbound); ``boolean`` is set for ASK only."""

    variables: tuple[str, ...]
    rows: list[tuple[Term | None, ...]]
    boolean: bool | None = None


def default_directory() -> Path:
    """``$KG_QUERIES`` or the repository's ``queries/`` folder."""
    env = os.environ.get("KG_QUERIES")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "queries"


def load_queries(directory: Path | None = None) -> dict[str, SavedQuery]:
    """Every ``*.rq`` file of ``directory`` by name (file stem), sorted."""
    folder = Path(directory) if directory is not None else default_directory()
    if not folder.is_dir():
        raise QueryError(f"{folder}: no such query directory")
    probe = Store()
    return {path.stem: load_query(path, probe) for path in sorted(folder.glob("*.rq"))}


def get_query(queries: Mapping[str, SavedQuery], name: str) -> SavedQuery:
    """The query called ``name``; the error lists the available names."""
    if name not in queries:
        raise QueryError(f"unknown query {name!r} (available: {', '.join(sorted(queries))})")
    return queries[name]


def load_query(path: Path, probe: Store | None = None) -> SavedQuery:
    """Read one ``.rq`` file; its form and projection come from parsing it with pyoxigraph."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"{path}: cannot read ({err})") from err
    header = parse_header(text, path)
    form, variables = _probe(text, path, probe or Store())
    params = tuple(_param(item, path) for item in header.get("params") or [])
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryError(f"{path}: a parameter is declared twice")
    missing = [n for n in names if form == "SELECT" and n not in variables]
    if missing:
        raise QueryError(f"{path}: parameters {', '.join(missing)} are not projected variables "
                         "(only SELECT variables can be bound)")
    tags = header.get("tags") or []
    if not isinstance(tags, list):
        raise QueryError(f"{path}: 'tags' must be a list")
    return SavedQuery(name=path.stem, path=path, title=str(header["summary"]).strip(),
                      description=str(header.get("description") or "").strip(),
                      params=params, variables=variables, text=text,
                      tags=tuple(str(t) for t in tags), form=form)


def parse_header(text: str, path: object = "<query>") -> dict:
    """The YAML mapping formed by the ``#+`` lines before the first line of SPARQL."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#+"):
            lines.append(stripped[3:] if stripped.startswith("#+ ") else stripped[2:])
        elif stripped and not stripped.startswith("#"):
            break
    try:
        header = yaml.safe_load("\n".join(lines)) if lines else None
    except yaml.YAMLError as err:
        raise QueryError(f"{path}: bad header: {' '.join(str(err).split())}") from err
    if not isinstance(header, dict) or not header.get("summary"):
        raise QueryError(f"{path}: the header needs at least '#+ summary: <title>'")
    unknown = sorted(set(header) - HEADER_KEYS)
    if unknown:
        raise QueryError(f"{path}: unknown header keys {', '.join(map(str, unknown))}")
    if not isinstance(header.get("params") or [], list):
        raise QueryError(f"{path}: 'params' must be a list")
    return header


def _param(item: object, path: Path) -> Param:
    if not (isinstance(item, dict) and len(item) == 1):
        raise QueryError(f"{path}: each parameter is '- name: type — description'")
    ((name, spec),) = item.items()
    match = _PARAM_SPEC.fullmatch(str(spec or "").strip())
    if not _NAME.fullmatch(str(name)) or match is None:
        raise QueryError(f"{path}: bad parameter {name!r}: write 'name: type — description'")
    if match["type"] not in PARAM_TYPES:
        raise QueryError(f"{path}: parameter {name!r} has unknown type {match['type']!r} "
                         f"(known: {', '.join(sorted(PARAM_TYPES))})")
    return Param(str(name), match["type"], match["text"] or "", match["flag"] == "required")


def _probe(text: str, path: Path, probe: Store) -> tuple[str, tuple[str, ...]]:
    """Parse (and plan) the query on an empty store: the parser refuses updates."""
    try:
        result = probe.query(text)
    except SyntaxError as err:
        raise QueryError(f"{path}: not a SPARQL query (saved queries must be SELECT, ASK or "
                         f"CONSTRUCT; updates are refused): {err}") from err
    if isinstance(result, QuerySolutions):
        return "SELECT", tuple(v.value for v in result.variables)
    if isinstance(result, QueryBoolean):
        return "ASK", ()
    return "CONSTRUCT", ("subject", "predicate", "object")


def run_query(store: Store, query: SavedQuery, params: Mapping[str, str],
              limit: int | None = None) -> QueryResult:
    """Run ``query`` on the union of all graphs with ``params`` bound as RDF terms."""
    if limit is not None and limit < 0:
        raise QueryError(f"{query.name}: the limit must not be negative")
    substitutions = bind_params(store, query, params)
    try:
        result = store.query(query.text, use_default_graph_as_union=True,
                             substitutions=substitutions)
        if isinstance(result, QueryBoolean):
            return QueryResult((), [], bool(result))
        if isinstance(result, QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows = [tuple(solution) for solution in itertools.islice(result, limit)]
        else:
            variables = ("subject", "predicate", "object")
            rows = [(t.subject, t.predicate, t.object) for t in itertools.islice(result, limit)]
    except (SyntaxError, RuntimeError) as err:
        raise QueryError(f"{query.name}: {err}") from err
    except OSError as err:
        raise StoreError(f"cannot read the store: {err}") from err
    return QueryResult(variables, rows)


def bind_params(store: Store, query: SavedQuery,
                params: Mapping[str, str]) -> dict[Variable, Term]:
    """Each parameter as the RDF term of its declared type (labels looked up in ``store``)."""
    declared = {p.name for p in query.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        valid = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"{query.name}: unknown parameter {', '.join(unknown)} "
                         f"(valid: {valid})")
    missing = [p.name for p in query.params if p.required and p.name not in params]
    if missing:
        raise QueryError(f"{query.name}: missing required parameter {', '.join(missing)}")
    return {Variable(name): to_term(store, query.param(name), str(value))
            for name, value in params.items()}


def to_term(store: Store, param: Param, value: str) -> Term:
    """The RDF term for ``value`` under ``param``'s type; errors name the parameter.

    >>> to_term(Store(), Param("n", "integer", ""), "8")
    <Literal value=8 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> to_term(Store(), Param("d", "date", ""), "2015-07").datatype.value[-10:]
    'gYearMonth'
    """
    kind = param.type
    if kind == "string":
        return Literal(value)
    text = value.strip()
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            raise QueryError(f"parameter {param.name!r}: {value!r} is not an integer")
        return Literal(int(text))
    if kind == "date":
        return _date(param, text)
    if kind in LABEL_TYPES and not (_IRI_LIKE.fullmatch(text) or expand(text) != text):
        return resolve_label(store, param, text)
    if kind in CONCEPT_TYPES and _LOCAL_NAME.fullmatch(text):
        return _iri(param, f"{VOCAB}{kind}/{text}")
    if kind == "article" and _LOCAL_NAME.fullmatch(text):
        return _iri(param, Iris().article(text).value)
    return _iri(param, expand(text))


def expand(text: str) -> str:
    """``<iri>`` → iri; ``prefix:local`` with a known prefix (``kgd:`` = data base) → IRI.

    >>> expand("kgv:place-kind/County")
    'https://w3id.org/nkkg/vocab/place-kind/County'
    """
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, sep, local = text.partition(":")
    namespaces = {**PREFIXES, "kgd": Iris().base}
    if sep and prefix in namespaces and not local.startswith("//"):
        return namespaces[prefix] + local
    return text


def _iri(param: Param, text: str) -> NamedNode:
    try:
        return NamedNode(text)
    except ValueError as err:
        raise QueryError(f"parameter {param.name!r}: {text!r} is not a valid IRI "
                         f"({err})") from err


def _date(param: Param, text: str) -> Literal:
    match = _DATE.fullmatch(text)
    year, month, day = match.groups() if match else (None, None, None)
    valid = match is not None and (month is None or 1 <= int(month) <= 12)
    if valid and day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            valid = False
    if not valid:
        raise QueryError(f"parameter {param.name!r}: {text!r} is not a date "
                         "(YYYY, YYYY-MM or YYYY-MM-DD)")
    datatype = "date" if day else "gYearMonth" if month else "gYear"
    return Literal(text, datatype=NamedNode(XSD + datatype))


def resolve_label(store: Store, param: Param, label: str) -> NamedNode:
    """The one entity of the parameter's class(es) labelled ``label`` (case-insensitive).

    An exact match wins over a match that differs only in case; several entities at the
    same level are an error that lists them.
    """
    classes = [NamedNode(KG + cls) for cls in LABEL_TYPES[param.type]]
    solutions = store.query(_LOOKUP, use_default_graph_as_union=True,
                            prefixes={"rdfs": RDFS, "skos": SKOS},
                            substitutions={Variable("label"): Literal(label)})
    found: dict[str, bool] = {}
    for solution in solutions:
        iri = solution["entity"]
        if isinstance(iri, NamedNode) and any(_has(store, iri, _TYPE, c) for c in classes):
            found[iri.value] = any(_has(store, iri, p, Literal(label))
                                   for p in _LABEL_PROPERTIES)
    exact = sorted(iri for iri, is_exact in found.items() if is_exact)
    candidates = exact or sorted(found)
    if not candidates:
        raise QueryError(f"parameter {param.name!r}: no {param.type} labelled {label!r}")
    if len(candidates) > 1:
        raise QueryError(f"parameter {param.name!r}: {label!r} names several entities: "
                         f"{', '.join(candidates)}; pass the IRI instead")
    return NamedNode(candidates[0])


def _has(store: Store, s: NamedNode, p: NamedNode, o: Term) -> bool:
    """Whether any graph holds the triple."""
    return next(store.quads_for_pattern(s, p, o, None), None) is not None
