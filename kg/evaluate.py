"""``kg eval``: score extraction against gold annotations (format: ../shared/eval/README.md).

Each ``NAME.md`` with a ``NAME.gold.json`` beside it is built alone into a fresh in-memory
store and the five contract queries are compared with the gold. The scorer sees the
extractor only through :func:`kg.build.build` and the saved queries, so it keeps working
while extraction changes. Names are compared as keys (:class:`Normaliser`); every match is
one-to-one. The rules are documented in docs/evaluation.md.

"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Store

from kg.build import build
from kg.errors import InputError, KgError
from kg.gold import (
    CATEGORIES,
    ENTITY_CATEGORIES,
    GOLD_SUFFIX,
    Annotations,
    Entity,
    Frame,
    Normaliser,
    date_agrees,
    load_normaliser,
    read_gold,
)
from kg.namespaces import RDFS, SKOS
from kg.queries import SavedQuery, get_query, load_queries, run_query
from kg.store import KgStore

ARTICLE_SUFFIXES = (".md", ".txt", ".html")

_LABELS = (NamedNode(RDFS + "label"), NamedNode(SKOS + "prefLabel"))


def predict(path: Path, queries: Mapping[str, SavedQuery] | None = None) -> Annotations:
    """Build ``path`` alone into a fresh in-memory store and read the contract queries."""
    path = Path(path)
    with KgStore(None) as store:
        report = build([path], store, validate=False)
        if report.errors:
            raise KgError("; ".join(report.errors))
        return read_predictions(store.raw, queries or load_queries(), path.stem)


def read_predictions(store: Store, queries: Mapping[str, SavedQuery],
                     article_id: str) -> Annotations:
    """What the five contract queries say about the (single) article in ``store``."""
    rows = {}
    for name in CATEGORIES:
        result = run_query(store, get_query(queries, name), {})
        rows[name] = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
    entities = {c: _entities(rows[c], c[:-1] if c != "agencies" else "agency")
                for c in ENTITY_CATEGORIES}
    return Annotations(article_id, **entities,
                       incidents=_frames(store, rows["incidents"], "incident"),
                       directives=_frames(store, rows["directives"], "directive"))


def _entities(rows: list[dict], var: str) -> tuple[Entity, ...]:
    found: dict[str, Entity] = {}
    for row in rows:
        iri = row[var].value
        if iri not in found:
            name = row["name"].value if row.get("name") is not None else _local(iri)
            found[iri] = Entity(name)
    return tuple(found.values())


def _frames(store: Store, rows: list[dict], var: str) -> tuple[Frame, ...]:
    grouped: dict[str, dict] = {}
    for row in rows:
        item = grouped.setdefault(row[var].value, {"type": _local(row["type"].value),
                                                   "places": [], "dates": set(), "issuer": None})
        place = row.get("place")
        if place is not None and (label := _label(store, place)) not in item["places"]:
            item["places"].append(label)
        if row.get("date") is not None:
            item["dates"].add(row["date"].value)
        if row.get("issuer") is not None:  # one issuer expected; the least label if more
            item["issuer"] = min(filter(None, (item["issuer"], _label(store, row["issuer"]))))
    return tuple(Frame(v["type"], tuple(v["places"]), min(v["dates"], default=None),
                       v["issuer"]) for v in grouped.values())


def _label(store: Store, term: object) -> str:
    """The rdfs:label (else skos:prefLabel, else the IRI's last segment) of ``term``."""
    if isinstance(term, NamedNode):
        for prop in _LABELS:
            labels = sorted(q.object.value for q in store.quads_for_pattern(term, prop, None))
            if labels:
                return labels[0]
    return _local(getattr(term, "value", str(term)))


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


# -- scores -----------------------------------------------------------------------------
@dataclass
class Score:
    """Matches of one category in one article (or the sum over articles)."""

    gold: int = 0
    predicted: int = 0
    tp: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """tp / predicted; with nothing predicted, 1.0 if nothing was to be found, else 0."""
        return self.tp / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else float(self.predicted == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def counts(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.tp,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class DateScore:
    """Of the matched incidents, how many have a date that agrees with the gold."""

    matched: int = 0
    agree: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.agree / self.matched if self.matched else None

    def counts(self) -> dict:
        accuracy = None if self.accuracy is None else round(self.accuracy, 4)
        return {"matched": self.matched, "agree": self.agree, "accuracy": accuracy}


@dataclass
class ArticleResult:
    id: str
    file: str
    scores: dict[str, Score]
    dates: DateScore


@dataclass
class Evaluation:
    gold_dir: str
    articles: list[ArticleResult]

    def total(self, category: str) -> Score:
        """Micro-average: the counts of every article summed."""
        scores = [a.scores[category] for a in self.articles]
        return Score(sum(s.gold for s in scores), sum(s.predicted for s in scores),
                     sum(s.tp for s in scores))

    def dates(self) -> DateScore:
        return DateScore(sum(a.dates.matched for a in self.articles),
                         sum(a.dates.agree for a in self.articles))

    def to_dict(self) -> dict:
        return {"gold_dir": self.gold_dir, "articles": len(self.articles),
                "scores": {c: self.total(c).counts() for c in CATEGORIES},
                "incident_dates": self.dates().counts(),
                "per_article": [_article_dict(a) for a in self.articles]}


def _article_dict(a: ArticleResult) -> dict:
    scores = {c: {**s.counts(), "misses": s.misses, "false_hits": s.false_hits,
                  "pairs": [list(p) for p in s.pairs]} for c, s in a.scores.items()}
    return {"id": a.id, "file": a.file, "scores": scores,
            "incident_dates": {**a.dates.counts(), "mismatches": a.dates.mismatches}}


def score_article(gold: Annotations, predicted: Annotations, normaliser: Normaliser,
                  file: str = "") -> ArticleResult:
    """Match ``predicted`` against ``gold`` category by category (see docs/evaluation.md)."""
    key = normaliser.key
    scores = {c: _score_entities(getattr(gold, c), getattr(predicted, c), key)
              for c in ENTITY_CATEGORIES}
    places = _aliases(gold.places, key)
    actors = _aliases(gold.agencies + gold.persons, key)
    incidents, pairs = _score_frames(gold.incidents, predicted.incidents, places, actors, key)
    scores["incidents"] = incidents
    scores["directives"] = _score_frames(gold.directives, predicted.directives, places,
                                         actors, key)[0]
    dates = DateScore()
    for g, p in pairs:
        dates.matched += 1
        if date_agrees(g.date, p.date):
            dates.agree += 1
        else:
            dates.mismatches.append(f"{g.describe()}: gold {g.date or 'none'}, "
                                    f"predicted {p.date or 'none'}")
    return ArticleResult(gold.id, file, scores, dates)


def _aliases(entities: Sequence[Entity], key: Callable[[str], str]) -> dict[str, set[str]]:
    """Key of each gold name → the keys of its name and surface forms."""
    return {key(e.name): {key(f) for f in (e.name, *e.forms)} - {""} for e in entities}


def _score_entities(gold: Sequence[Entity], predicted: Sequence[Entity],
                    key: Callable[[str], str]) -> Score:
    keys = [key(p.name) for p in predicted]
    prefs = []
    for g in gold:
        forms = {key(f) for f in (g.name, *g.forms)} - {""}
        found = [j for j, k in enumerate(keys) if k in forms]
        name = key(g.name)
        prefs.append([j for j in found if keys[j] == name] + [j for j in found if keys[j] != name])
    return _score(gold, predicted, _assign(prefs), lambda e: e.name)


def _score_frames(gold: Sequence[Frame], predicted: Sequence[Frame],
                  places: dict[str, set[str]], actors: dict[str, set[str]],
                  key: Callable[[str], str]) -> tuple[Score, list[tuple[Frame, Frame]]]:
    """Same type, issuer (if the gold names one), overlapping places (or either has none)."""
    predicted_places = [{key(p) for p in f.places} - {""} for f in predicted]
    prefs = []
    for g in gold:
        wanted = set().union(*(places.get(key(p), {key(p)}) for p in g.places)) - {""}
        issuers = actors.get(key(g.issuer), {key(g.issuer)}) if g.issuer else None
        ranked = []
        for j, p in enumerate(predicted):
            overlap = len(wanted & predicted_places[j])
            if (p.type != g.type or (issuers is not None and key(p.issuer or "") not in issuers)
                    or (wanted and predicted_places[j] and not overlap)):
                continue
            ranked.append((-overlap, not date_agrees(g.date, p.date), j))
        prefs.append([j for *_, j in sorted(ranked)])
    assigned = _assign(prefs)
    return (_score(gold, predicted, assigned, Frame.describe),
            [(gold[i], predicted[j]) for i, j in sorted(assigned.items())])


def _assign(prefs: list[list[int]]) -> dict[int, int]:
    """A one-to-one matching gold → predicted of maximum size, from ranked candidate lists.

    Each gold item takes its best free candidate, or displaces an earlier holder that can
    move to another of its candidates (augmenting paths), so no pair is lost to greed.

    >>> _assign([[0, 1], [0]])
    {0: 1, 1: 0}
    """
    holder: dict[int, int] = {}

    def place(g: int, seen: set[int]) -> bool:
        for p in prefs[g]:
            if p not in seen:
                seen.add(p)
                if p not in holder or place(holder[p], seen):
                    holder[p] = g
                    return True
        return False

    for g in range(len(prefs)):
        place(g, set())
    return dict(sorted((g, p) for p, g in holder.items()))


def _score(gold: Sequence, predicted: Sequence, assigned: dict[int, int],
           describe: Callable) -> Score:
    used = set(assigned.values())
    return Score(len(gold), len(predicted), len(assigned),
                 [(describe(gold[i]), describe(predicted[j])) for i, j in assigned.items()],
                 [describe(g) for i, g in enumerate(gold) if i not in assigned],
                 [describe(p) for j, p in enumerate(predicted) if j not in used])


# -- runs -------------------------------------------------------------------------------
def gold_pairs(directory: Path) -> list[tuple[Path, Path]]:
    """(article, gold file) for every ``NAME.gold.json`` of ``directory``, sorted by name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(directory, "no such directory")
    pairs = []
    for gold in sorted(directory.glob("*" + GOLD_SUFFIX)):
        stem = gold.name[:-len(GOLD_SUFFIX)]
        articles = [directory / (stem + s) for s in ARTICLE_SUFFIXES
                    if (directory / (stem + s)).is_file()]
        if not articles:
            raise InputError(gold, f"no article {stem}.md beside the gold file")
        pairs.append((articles[0], gold))
    if not pairs:
        raise InputError(directory, f"no gold files (NAME{GOLD_SUFFIX} beside NAME.md)")
    return pairs


def evaluate(gold_dir: Path, normaliser: Normaliser | None = None) -> Evaluation:
    """Build and score every gold-annotated article of ``gold_dir``."""
    pairs = gold_pairs(gold_dir)
    golds = [read_gold(gold) for _, gold in pairs]
    normaliser = normaliser or load_normaliser()
    queries = load_queries()
    results = [score_article(gold, predict(article, queries), normaliser, article.name)
               for (article, _), gold in zip(pairs, golds, strict=True)]
    return Evaluation(str(gold_dir), results)
