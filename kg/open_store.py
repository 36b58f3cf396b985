"""Open the store a command names: a directory (embedded Oxigraph) or a SPARQL server URL.

>>> open_store("http://127.0.0.1:1", read_only=True)  # doctest: +ELLIPSIS
Traceback (most recent call last):
kg.errors.StoreError: http://127.0.0.1:1/query: cannot reach the SPARQL server (...)
"""

from __future__ import annotations

from kg.remote import RemoteStore, is_remote
from kg.store import KgStore, default_location


def open_store(location: str | None, *, read_only: bool,
               timeout: float | None = None) -> KgStore | RemoteStore:
    """``location`` (default ``$KG_STORE`` or ``./kg-store``) opened for reading or writing.

    ``http://`` and ``https://`` locations are servers (see :mod:`kg.remote`; ``timeout``
    bounds each request, in seconds); anything else is a store directory, which must exist
    when ``read_only``.
    """
    location = location or default_location()
    if is_remote(location):
        return RemoteStore(location, read_only=read_only, timeout=timeout)
    return KgStore(location, read_only=read_only, create=not read_only)
