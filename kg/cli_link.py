"""``kg link`` and ``kg map``: click commands, registered by kg.cli with ``add_command``.

Thin: options are parsed here, the work is done by :func:`kg.linking.relink` and
:func:`kg.webmap.write_map`; library errors become one ``error:`` line and exit status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import KgError
from kg.store import KgStore, default_location

STORE_HELP = "Store directory (default ./kg-store, or $KG_STORE)."


def _fail(err: KgError) -> None:
    click.echo(f"error: {err}", err=True)
    sys.exit(1)


@click.command()
@click.option("--geonames", "dumps", multiple=True, type=click.Path(path_type=Path),
              metavar="FILE", help="A GeoNames dump (the 19-column geoname table: "
              "allCountries.txt, KP.txt, cities5000.txt …); repeatable.")
@click.option("--admin1", type=click.Path(path_type=Path), metavar="FILE",
              help="GeoNames admin1CodesASCII.txt, for the provinces of dump rows.")
@click.option("--admin2", type=click.Path(path_type=Path), metavar="FILE",
              help="GeoNames admin2Codes.txt, for the counties of dump rows.")
@click.option("--report", is_flag=True,
              help="List the unlinked and ambiguous places with their mentions.")
@click.option("--store", "store_dir", help=STORE_HELP)
def link(dumps: tuple[Path, ...], admin1: Path | None, admin2: Path | None, report: bool,
         store_dir: str | None) -> None:
    """Rebuild the links graph: GeoNames / Wikidata links of every place.

    Links come from the reference data, then places it lacks (places the articles name that
    are not in it, reference places without a GeoNames id) are matched by name in the bundled
    gazetteer and the given dumps, using the article's context; when unsure a place stays
    unlinked and its candidates are recorded (kg:candidate). Run after `kg build`.
    """
    from kg.linking import relink

    try:
        with KgStore(store_dir or default_location(), create=False) as store:
            result = relink(store, dumps=dumps, admin1=admin1, admin2=admin2)
    except KgError as err:
        _fail(err)
    linked = result.by_status("linked")
    click.echo(f"linked {len(linked)} places by name"
               + (f" (dumps: {', '.join(result.dumps)})" if result.dumps else "")
               + f"; {len(result.by_status('ambiguous'))} ambiguous, "
               f"{len(result.by_status('unlinked'))} unlinked", err=True)
    if report:
        _print_report(result)


def _print_report(result) -> None:
    for status in ("ambiguous", "unlinked"):
        outcomes = result.by_status(status)
        click.echo(f"{status} ({len(outcomes)}):")
        for o in outcomes:
            click.echo(f"  {o.label}  <{o.iri.value}>")
            click.echo(f"    why: {o.decision.reason}")
            for c in o.decision.candidates[:10]:
                r = c.record
                where = ", ".join(filter(None, (r.county, r.province, r.country)))
                click.echo(f"    candidate: GeoNames {r.geonames or '-'} {r.name} "
                           f"({r.feature}; {where or 'unplaced'})")
            if len(o.decision.candidates) > 10:
                click.echo(f"    … and {len(o.decision.candidates) - 10} more candidates")
            click.echo(f"    mentioned in: {', '.join(o.articles) or 'no article'}")
            for article, sentence in o.evidence[:3]:
                click.echo(f"      {article}: {sentence}")
    click.echo(f"possibly another place of the same name ({len(result.suspects)}):")
    for article, known, area, records in result.suspects:
        names = ", ".join(f"GeoNames {c.record.geonames} {c.record.name}" for c in records[:5])
        click.echo(f"  {article}: {known} named in a report on {area}; the gazetteer has "
                   f"{names} there")


@click.command("map")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
@click.option("--title", default="nkkg: incidents by place", show_default=True,
              help="Title of the page.")
@click.option("--store", "store_dir", help=STORE_HELP)
def map_command(output: Path, title: str, store_dir: str | None) -> None:
    """Write a self-contained HTML map of the incidents (works offline, no CDN)."""
    from kg.webmap import write_map

    try:
        with KgStore(store_dir or default_location(), read_only=True) as store:
            tmp = output.with_name(output.name + ".part")
            shown = write_map(store, tmp, title)
            tmp.replace(output)
    except KgError as err:
        _fail(err)
    except OSError as err:
        _fail(KgError(f"{output}: cannot be written ({err.strerror})"))
    click.echo(f"wrote {output}: {shown} places on the map", err=True)
