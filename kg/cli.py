"""The ``kg`` command: a thin layer that parses options and calls one library function.

Library errors (``kg.errors.KgError``) become one-line messages and a non-zero exit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import KgError
from kg.open_store import open_store
from kg.remote import RemoteStore
from kg.store import KgStore, default_location

STORE_HELP = ("Store directory (default ./kg-store, or $KG_STORE), or a SPARQL server URL "
              "(http://host:port for Oxigraph; see docs/serving.md for others).")


def _fail(err: KgError) -> None:
    click.echo(f"error: {err}", err=True)
    sys.exit(1)


def _open(store: str | None, read_only: bool = False) -> KgStore | RemoteStore:
    return open_store(store or default_location(), read_only=read_only)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nkkg")
def main() -> None:
    """nkkg: build a knowledge graph of news about North Korea and query it with SPARQL."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", help=STORE_HELP)
@click.option("--prune", is_flag=True, help="Drop graphs of articles not among PATHS.")
@click.option("--force", is_flag=True, help="Rebuild articles even when unchanged.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of article graphs.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes converting and validating articles (the store is "
                   "written by one process, in input order).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary.")
def build(paths: tuple[Path, ...], store_dir: str | None, prune: bool, force: bool,
          no_validate: bool, jobs: int, quiet: bool) -> None:
    """Convert articles (.md .txt .html .jsonl, or directories of them) into the store.

    Each article's named graph is replaced in one transaction; unchanged articles are
    skipped. A bad file is reported on one line and the others are still built.
    """
    from kg.build import build as run_build

    try:
        with _open(store_dir) as store, _progress(quiet) as tick:
            report = run_build(paths, store, prune=prune, validate=not no_validate,
                               force=force, jobs=jobs, progress=tick)
    except KgError as err:
        _fail(err)
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    summary = (f"built {len(report.built)}, unchanged {len(report.unchanged)}, "
               f"failed {len(report.errors)}")
    if prune:
        summary += f", pruned {len(report.pruned)}"
    click.echo(summary, err=True)
    if not report.ok:
        sys.exit(1)


class _progress:
    """A progress bar on stderr counting files, shown for builds of many files on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet or not sys.stderr.isatty()
        self._bar = None

    def __enter__(self):
        return None if self.quiet else self.tick

    def tick(self, index: int, total: int, path: Path) -> None:
        if total < 5:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="building", file=sys.stderr,
                                          show_pos=True)
            self._bar.__enter__()
        self._bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


@main.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (repeatable); bound as an RDF term, never pasted.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True,
              help="Output format (csv/tsv/json are the W3C SPARQL results formats).")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="At most this many rows (table output stops at 200 unless given).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              metavar="SECONDS", help="Give up on a query that runs longer than this.")
@click.option("--store", "store_dir", help=STORE_HELP)
def query(name: str, params: tuple[str, ...], fmt: str, limit: int | None,
          timeout: float | None, store_dir: str | None) -> None:
    """Run the saved query NAME (see `kg queries`). Update operations are refused."""
    from kg.queries import load_queries
    from kg.query_limits import run_limited
    from kg.results import write_results

    try:
        bound = _parse_params(params)
        queries = load_queries()
        if name not in queries:
            raise KgError(f"unknown query '{name}' (available: {', '.join(sorted(queries))})")
        with _open(store_dir, read_only=True) as store:
            limited = run_limited(store, queries[name], bound, fmt=fmt, limit=limit,
                                  timeout=timeout)
            write_results(limited.result, fmt, sys.stdout)
    except KgError as err:
        _fail(err)
    if limited.note():
        click.echo(f"note: {limited.note()}", err=True)


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise KgError(f"--param '{item}' is not KEY=VALUE")
        out[key.strip()] = value
    return out


@main.command()
@click.option("--json", "as_json", is_flag=True,
              help="Describe them as JSON (title, parameters, result variables) for scripts.")
def queries(as_json: bool) -> None:
    """List the saved queries with their titles and parameters."""
    from kg.catalog import write_catalog
    from kg.queries import load_queries

    try:
        saved = load_queries()
    except KgError as err:
        _fail(err)
    if as_json:
        write_catalog(saved, sys.stdout)
        return
    for q in sorted(saved.values(), key=lambda q: q.name):
        params = " ".join(f"[{p.name}]" for p in q.params)
        click.echo(f"{q.name:<26} {q.title}" + (f"  {params}" if params else ""))


@main.command()
@click.option("--format", "fmt",
              type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "geojson"]),
              default="ttl", show_default=True,
              help="RDF format of the dump, or geojson: places with their incidents.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of standard output.")
@click.option("--article", help="Export only this article's graph (its id).")
@click.option("--store", "store_dir", help=STORE_HELP)
def export(fmt: str, output: Path | None, article: str | None, store_dir: str | None) -> None:
    """Write a sorted, stable dump of the store (Turtle by default)."""
    from kg.export import export as rdf_export
    from kg.geojson import write_geojson

    def run_export(store, out, fmt, article):
        if fmt != "geojson":
            return rdf_export(store, out, fmt, article)
        if article:
            raise KgError("--article cannot be used with --format geojson")
        return write_geojson(store, out)

    try:
        with _open(store_dir, read_only=True) as store:
            if output is None:
                run_export(store, sys.stdout.buffer, fmt, article)
                sys.stdout.flush()
            else:
                tmp = output.with_name(output.name + ".part")
                with tmp.open("wb") as out:
                    n = run_export(store, out, fmt, article)
                tmp.replace(output)
                click.echo(f"wrote {n} statements to {output}", err=True)
    except KgError as err:
        _fail(err)


@main.command()
@click.option("--store", "store_dir", help=STORE_HELP)
def validate(store_dir: str | None) -> None:
    """Check every article graph against the SHACL shapes."""
    from kg.validate import validate_store

    try:
        with _open(store_dir, read_only=True) as store:
            found = validate_store(store)
            total = len(store.article_graphs())
    except KgError as err:
        _fail(err)
    for article_id, violations in found.items():
        for v in violations:
            click.echo(f"{article_id}: {v}")
    click.echo(f"{total - len(found)} of {total} article graphs conform", err=True)
    if found:
        sys.exit(1)


@main.command()
@click.option("--store", "store_dir", help=STORE_HELP)
def stats(store_dir: str | None) -> None:
    """Counts of articles, entities and frames by class, and quads by graph."""
    from kg.stats import stats as run_stats

    try:
        with _open(store_dir, read_only=True) as store:
            s = run_stats(store)
    except KgError as err:
        _fail(err)
    click.echo(f"articles: {s.articles}")
    for name, n in s.by_class.items():
        click.echo(f"  {name:<10} {n}")
    click.echo("graphs:")
    for name, n in s.by_graph.items():
        click.echo(f"  {name:<40} {n}")


def _register() -> None:
    """Commands that live in their own modules."""
    from kg.cli_eval import eval_command
    from kg.cli_link import link, map_command
    from kg.cli_serve import serve

    main.add_command(eval_command)
    main.add_command(link)
    main.add_command(map_command)
    main.add_command(serve)


_register()
