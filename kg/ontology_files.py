"""Where the ontology directory is, and the static graphs loaded from it.

The directory defaults to the repository's ``ontology/`` and can be moved with
``KG_ONTOLOGY`` (tests use that to try modified data without touching the code).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse

from kg.errors import DataError
from kg.namespaces import Iris

#: static graph name → Turtle file under ontology/
TURTLE_GRAPHS = {"ontology": "nkkg.ttl", "vocab": "vocab.ttl", "shapes": "shapes.ttl"}


def ontology_dir(directory: Path | str | None = None) -> Path:
    """The ontology directory: ``directory`` if given, else ``$KG_ONTOLOGY``, else the
    repository's ``ontology/`` next to the package. Every data loader resolves it here."""
    if directory is not None:
        return Path(directory)
    configured = os.environ.get("KG_ONTOLOGY")
    if configured:
        return Path(configured)
    return _package_ontology()


@lru_cache(maxsize=1)
def _package_ontology() -> Path:
    """Resolved once: every article asks for it, and resolving is a few system calls."""
    return Path(__file__).resolve().parent.parent / "ontology"


def reference_hash(directory: Path | None = None) -> str:
    """A digest of every data file that shapes extraction (the gazetteer used by
    ``kg link`` does not, so changing it does not rebuild every article)."""
    return _hash_dir(directory or ontology_dir())


@lru_cache(maxsize=8)
def _hash_dir(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*")):
        if path.is_file() and path.suffix in {".ttl", ".tsv"} \
                and not path.name.startswith("gazetteer_"):  # linking only, not extraction
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def turtle_path(name: str, directory: Path | None = None) -> Path:
    return (directory or ontology_dir()) / TURTLE_GRAPHS[name]


def ontology_quads(iris: Iris, directory: Path | None = None) -> dict[str, list[Quad]]:
    """Quads of the ontology, vocabulary and shapes graphs, parsed from the Turtle files."""
    out: dict[str, list[Quad]] = {}
    for name in TURTLE_GRAPHS:
        path = turtle_path(name, directory)
        graph = iris.graph(name)
        try:
            with path.open("rb") as handle:
                out[name] = [Quad(t.subject, t.predicate, t.object, graph)
                             for t in parse(handle, format=RdfFormat.TURTLE)]
        except (OSError, SyntaxError) as err:
            raise DataError(f"{path}: {str(err).splitlines()[0]}") from err
    return out
