"""``kg build``: convert input files and replace their article graphs in the store.

Each article is converted, validated and written on its own; a bad file is reported and
skipped, and nothing of it reaches the store. An article whose build hash (content,
metadata, extractor version and reference data) is unchanged is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, ValidationError
from kg.linking import link_quads
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
          validate: bool = True, force: bool = False,
          progress: Callable[[int, int, Path], None] | None = None) -> BuildReport:
    """Build every article under ``paths`` into ``store``; see the module docstring."""
    converter = Converter(iris=store.iris)
    load_static_graphs(store, converter)
    validator = Validator() if validate else None
    existing = store.article_graphs()
    report = BuildReport()
    seen: dict[str, str] = {}
    inputs = _inputs(paths, report)
    for index, path in enumerate(inputs, start=1):
        if progress:
            progress(index, len(inputs), path)
        result = read_path(path)
        report.errors.extend(str(e) for e in result.errors)
        for raw in result.articles:
            if raw.article_id in seen:
                used = seen[raw.article_id]
                report.errors.append(str(InputError(
                    path, f"article id '{raw.article_id}' is already used by {used}")))
                continue
            seen[raw.article_id] = str(path)
            _build_one(raw, store, converter, validator, existing, force, report)
    if prune:
        for article_id, graph in sorted(existing.items()):
            if article_id not in seen:
                store.drop_graph(graph)
                report.pruned.append(article_id)
    return report


def _inputs(paths: Iterable[Path], report: BuildReport) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        try:
            found.extend(iter_inputs([path]))
        except InputError as err:
            report.errors.append(str(err))
    return found


def _build_one(raw, store: KgStore, converter: Converter, validator: Validator | None,
               existing: dict, force: bool, report: BuildReport) -> None:
    try:
        converted = converter.convert(raw)
    except InputError as err:
        report.errors.append(str(err))
        return
    digest = converted.article.content_hash
    graph = store.iris.article_graph(raw.article_id)
    if not force and raw.article_id in existing and store.content_hash(graph) == digest:
        report.unchanged.append(raw.article_id)
        return
    quads = converted.quads
    if validator is not None:
        try:
            validator.check(quads, raw.source_file)
        except ValidationError as err:
            report.errors.append(str(err))
            return
    store.replace_graph(graph, quads)
    report.built.append(raw.article_id)

