"""``kg serve``: the Oxigraph SPARQL server with YASGUI over the store (read-only by default).

Registered in :mod:`kg.cli` with ``main.add_command(serve)``.
"""

from __future__ import annotations

import signal
import sys

import click

from kg.errors import KgError
from kg.server import OxigraphServer
from kg.store import default_location


@click.command()
@click.option("--bind", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="TCP port.")
@click.option("--store", "store_dir", help="Store directory (default ./kg-store, or $KG_STORE).")
@click.option("--writable", is_flag=True,
              help="Accept SPARQL Update and Graph Store writes (takes the store's lock).")
@click.option("--timeout", type=click.IntRange(min=1), default=None, metavar="SECONDS",
              help="Abandon a SPARQL query that runs longer than this.")
def serve(bind: str, port: int, store_dir: str | None, writable: bool,
          timeout: int | None) -> None:
    """Serve the store over SPARQL with the real Oxigraph server, until Ctrl-C.

    YASGUI is at the printed URL; the SPARQL 1.1 Protocol at URL/query; the default graph
    is the union of all graphs, as in `kg query`. Read-only unless --writable.
    """
    location = store_dir or default_location()
    server = OxigraphServer(location, bind=bind, port=port, writable=writable,
                            timeout=timeout)
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.start()
        mode = "read-write" if writable else "read-only"
        click.echo(f"serving {location} ({mode}) at {server.url}/  "
                   f"SPARQL endpoint: {server.url}/query  (Ctrl-C to stop)")
        status = server.wait()
        if status in (-signal.SIGINT, -signal.SIGTERM):  # Ctrl-C reached it first
            raise KeyboardInterrupt
        if status != 0:
            raise KgError(f"the Oxigraph server stopped with status {status}")
    except KgError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
