"""``kg build``: convert input files and replace their article graphs in the store.

Each article is converted, validated and written on its own; a bad file is reported and
skipped, and nothing of it reaches the store. An article whose build hash (content,
metadata, extractor version and reference data) is unchanged is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad

from kg.errors import InputError, ValidationError
from kg.linking import link_quads
from kg.model import RawArticle
from kg.namespaces import Iris
from kg.ontology_files import ontology_quads, reference_hash
from kg.pipeline import Converter
from kg.read import iter_inputs, read_path
from kg.reference import reference_quads
from kg.store import KgStore
from kg.validate import Validator


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def load_static_graphs(store: KgStore, converter: Converter) -> list[str]:
    """(Re)load the ontology, vocabulary, shapes, reference and links graphs if changed."""
    ref_hash = reference_hash()
    written = []
    for name, quads in ontology_quads(store.iris).items():
        if store.replace_static(name, quads, ref_hash):
            written.append(name)
    if store.replace_static("reference", reference_quads(converter.reference, store.iris),
                            ref_hash):
        written.append("reference")
    if store.replace_static("links", link_quads(converter.reference, store.iris), ref_hash):
        written.append("links")
    return written


def build(paths: Iterable[Path], store: KgStore, *, prune: bool = False,
          validate: bool = True, force: bool = False, jobs: int = 1,
          progress: Callable[[int, int, Path], None] | None = None) -> BuildReport:
    """Build every article under ``paths`` into ``store``; see the module docstring.

    With ``jobs`` > 1, conversion and validation run in that many worker processes; the
    store is written by this process only, in input order, so the result is the same.
    """
    converter = Converter(iris=store.iris)
    load_static_graphs(store, converter)
    existing = store.article_graphs()
    known = {} if force else {a: store.content_hash(g) for a, g in existing.items()}
    report = BuildReport()
    seen: dict[str, str] = {}
    raws = list(_read_all(paths, report, seen))
    outcomes = _prepare_all(raws, store.iris.base, validate, known, jobs, converter)
    for index, (raw, outcome) in enumerate(zip(raws, outcomes, strict=True), start=1):
        if progress:
            progress(index, len(raws), Path(raw.source_file))
        if outcome.error is not None:
            report.errors.append(outcome.error)
        elif outcome.quads is None:
            report.unchanged.append(raw.article_id)
        else:
            store.replace_graph(store.iris.article_graph(raw.article_id), outcome.quads)
            report.built.append(raw.article_id)
    if prune:
        for article_id, graph in sorted(existing.items()):
            if article_id not in seen:
                store.drop_graph(graph)
                report.pruned.append(article_id)
    return report


def _read_all(paths: Iterable[Path], report: BuildReport, seen: dict[str, str]):
    """Every article of every input, in order; a file's errors go to the report."""
    for path in _inputs(paths, report):
        result = read_path(path)
        report.errors.extend(str(e) for e in result.errors)
        for raw in result.articles:
            if raw.article_id in seen:
                used = seen[raw.article_id]
                report.errors.append(str(InputError(
                    path, f"article id '{raw.article_id}' is already used by {used}")))
                continue
            seen[raw.article_id] = str(path)
            yield raw


def _inputs(paths: Iterable[Path], report: BuildReport) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        try:
            found.extend(iter_inputs([path]))
        except InputError as err:
            report.errors.append(str(err))
    return found


@dataclass(frozen=True)
class Outcome:
    """What became of one article: quads to store, unchanged (no quads), or an error."""

    quads: list[Quad] | None = None
    error: str | None = None


class Preparer:
    """Converts and validates one article; lives in each worker process."""

    def __init__(self, base: str, validate: bool, known: dict[str, str | None],
                 converter: Converter | None = None) -> None:
        self.converter = converter or Converter(iris=Iris(base))
        self.validator = Validator() if validate else None
        self.known = known

    def prepare(self, raw: RawArticle) -> Outcome:
        try:
            converted = self.converter.convert(raw)
        except InputError as err:
            return Outcome(error=str(err))
        if self.known.get(raw.article_id) == converted.article.content_hash:
            return Outcome()
        if self.validator is not None:
            try:
                self.validator.check(converted.quads, raw.source_file)
            except ValidationError as err:
                return Outcome(error=str(err))
        return Outcome(quads=converted.quads)


_WORKER: Preparer | None = None


def _start_worker(base: str, validate: bool, known: dict[str, str | None]) -> None:
    global _WORKER
    _WORKER = Preparer(base, validate, known)


def _prepare_in_worker(raw: RawArticle) -> Outcome:
    return _WORKER.prepare(raw)


def _prepare_all(raws: list[RawArticle], base: str, validate: bool,
                 known: dict[str, str | None], jobs: int, converter: Converter):
    if jobs <= 1 or len(raws) < 2 * jobs:
        preparer = Preparer(base, validate, known, converter)
        yield from map(preparer.prepare, raws)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                             initargs=(base, validate, known)) as pool:
        yield from pool.map(_prepare_in_worker, raws, chunksize=8)
