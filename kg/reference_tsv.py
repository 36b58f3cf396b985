"""Reading the project's TSV data files, with errors that name the file and line.

The format is that of ontology/README.md: UTF-8, tab-separated, ``#`` comment lines, a
header row with exactly the expected columns, plain cells (no quoting). Used by
:mod:`kg.reference`; every problem is a :class:`kg.errors.DataError`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kg.errors import DataError

ID = re.compile(r"[a-z0-9][a-z0-9_\-]*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class TsvFile:
    """The rows of one TSV file, and checks of its cells that report ``file:line``."""

    def __init__(self, path: Path, columns: tuple[str, ...]) -> None:
        self.path = path
        self.columns = columns
        try:
            self.display = path.relative_to(Path.cwd())
        except ValueError:
            self.display = path

    def error(self, line: int, message: str) -> DataError:
        return DataError(f"{self.display}:{line}: {message}")

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line number, cells by column) for every data row."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError as err:
            raise DataError(f"{self.display}: file not found") from err
        except (OSError, UnicodeDecodeError) as err:
            raise DataError(f"{self.display}: cannot be read ({err})") from err
        header_seen = False
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = [cell.strip() for cell in line.split("\t")]
            if not header_seen:
                if tuple(cells) != self.columns:
                    raise self.error(number, "header must be " + " | ".join(self.columns))
                header_seen = True
                continue
            if len(cells) != len(self.columns):
                raise self.error(number, f"expected {len(self.columns)} tab-separated "
                                         f"columns, found {len(cells)}")
            yield number, dict(zip(self.columns, cells, strict=True))
        if not header_seen:
            raise DataError(f"{self.display}: no header row")

    def required(self, line: int, row: dict[str, str], column: str) -> str:
        if not row[column]:
            raise self.error(line, f"empty {column}")
        return row[column]

    def new_id(self, line: int, seen: dict, value: str, form: re.Pattern = ID) -> str:
        if not form.fullmatch(value):
            raise self.error(line, f"bad id {value!r} (lower-case letters, digits, _ and -)")
        if value in seen:
            raise self.error(line, f"duplicate id {value!r}")
        return value

    def date(self, line: int, text: str, upper: bool) -> dt.date | None:
        """YYYY, YYYY-MM or YYYY-MM-DD; an upper bound covers its whole year or month."""
        if not text:
            return None
        m = _DATE.fullmatch(text)
        if m is None:
            raise self.error(line, f"bad date {text!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = int(m[1]), int(m[2] or (12 if upper else 1)), m[3]
        try:
            if day is None and upper:
                following = dt.date(year + month // 12, month % 12 + 1, 1)
                return following - dt.timedelta(days=1)
            return dt.date(year, month, int(day or 1))
        except ValueError as err:
            raise self.error(line, f"bad date {text!r} ({err})") from err

    def dates(self, line: int, row: dict[str, str]) -> tuple[dt.date | None, dt.date | None]:
        """The ``valid_from`` / ``valid_to`` bounds of a row, in order."""
        start = self.date(line, row["valid_from"], upper=False)
        end = self.date(line, row["valid_to"], upper=True)
        if start and end and end < start:
            raise self.error(line, "valid_to is before valid_from")
        return start, end

    def decimal(self, line: int, text: str, limit: int) -> Decimal | None:
        """A coordinate in decimal degrees, at most ``limit`` away from zero."""
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation as err:
            raise self.error(line, f"bad coordinate {text!r}") from err
        if not value.is_finite() or abs(value) > limit:
            raise self.error(line, f"coordinate {text!r} out of range")
        return value
