"""Plain data passed between pipeline stages: no I/O, no RDF.

Each stage takes these objects and returns new ones, so a stage can be tested alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    author: str | None = None
    outlet: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class RawArticle:
    """An article as read from disk, before cleaning."""

    article_id: str
    source_file: str
    text: str
    meta: Metadata


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """A cleaned article: boilerplate removed; offsets refer to ``text``."""

    article_id: str
    source_file: str
    text: str
    meta: Metadata
    sentences: tuple[Sentence, ...]
    content_hash: str


@dataclass(frozen=True)
class Mention:
    """A span of the cleaned text that names (or describes) an entity."""

    start: int
    end: int
    text: str
    kind: str  # "place" | "agency" | "person"
    ref: str | None  # reference-data id, or None for an entity not in the registry
    label: str  # canonical label (reference name, or the normalised surface)
    pattern_id: str = ""  # which data row produced it


@dataclass(frozen=True)
class Entity:
    kind: str  # "place" | "agency" | "person"
    slug: str
    label: str
    concept: str | None = None  # place kind / agency category local name
    known: bool = True


@dataclass(frozen=True)
class TimeValue:
    """A time expression resolved against the publication date."""

    expression: str
    value: str | None  # "2015-07-03" | "2015-07" | "2015" | None
    earliest: dt.date | None = None
    latest: dt.date | None = None

    @property
    def datatype(self) -> str | None:
        if self.value is None:
            return None
        return {10: "date", 7: "gYearMonth", 4: "gYear"}[len(self.value)]


@dataclass(frozen=True)
class QuotedSource:
    label: str
    sentence: Sentence
    place: Entity | None = None


@dataclass
class Frame:
    """An incident or a directive found in one sentence, with its arguments."""

    frame: str  # "incident" | "directive"
    type: str  # concept local name
    sentence: Sentence
    trigger: str
    trigger_id: str
    places: list[Entity] = field(default_factory=list)
    agencies: list[Entity] = field(default_factory=list)
    time: TimeValue | None = None
    participants: int | None = None
    issuer: Entity | None = None
    addressees: list[Entity] = field(default_factory=list)
    identifier: str | None = None
    responds_to: int | None = None  # index into the article's incidents
    source: int | None = None  # index into the article's quoted sources


@dataclass
class Extraction:
    """Everything the converter found in one article; ``emit`` turns it into quads."""

    article: Article
    entities: list[Entity]
    mentions: list[Mention]
    incidents: list[Frame]
    directives: list[Frame]
    sources: list[QuotedSource]
