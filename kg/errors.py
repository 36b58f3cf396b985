"""Errors the library raises; the CLI turns each into a one-line message."""

from __future__ import annotations


class KgError(Exception):
    """Base class for every error nkkg reports to a user."""


class InputError(KgError):
    """An input file cannot be turned into an article (unreadable, empty, bad metadata)."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class DataError(KgError):
    """A reference-data file under ontology/ is malformed."""


class StoreError(KgError):
    """The store cannot be opened or written (locked, missing, incompatible)."""


class QueryError(KgError):
    """A saved query is unknown, malformed, or was given bad parameters."""


class ValidationError(KgError):
    """An article graph violates the SHACL shapes."""
