"""The converter as a list of stages: read → clean → match → resolve → frames → emit.

``Converter`` holds what every article needs (reference data, matcher, IRI minting),
built once; ``convert`` runs the stages for one article and returns its quads.

>>> from kg.model import Metadata, RawArticle
>>> import datetime as dt
>>> raw = RawArticle("doc", "doc.txt", "Smugglers in Hyesan were arrested last week.",
...                  Metadata(published=dt.date(2020, 3, 10)))
>>> result = Converter().convert(raw)
>>> sorted({e.label for e in result.extraction.entities})
['Hyesan']
>>> [f.type for f in result.extraction.incidents]
['Arrest']
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import cached_property

from pyoxigraph import Quad

from kg import EXTRACTOR_VERSION, frames, sources
from kg.clean import clean
from kg.emit import emit
from kg.local_bodies import find_local_bodies, load_bodies
from kg.mentions import Matcher
from kg.model import Article, Entity, Extraction, Mention, RawArticle
from kg.namespaces import Iris, slugify
from kg.ontology_files import reference_hash
from kg.persons import find_persons
from kg.reference import Reference, load_reference
from kg.resolve import Resolver, entities_of
from kg.unknown import MINTED, find_unknown, load_heads


@dataclass(frozen=True)
class Converted:
    article: Article
    extraction: Extraction
    quads: list[Quad]


class Converter:
    """Turns raw articles into article-graph quads; reusable across many articles."""

    def __init__(self, reference: Reference | None = None, iris: Iris | None = None) -> None:
        self.reference = reference or load_reference()
        self.iris = iris or Iris()

    @cached_property
    def reference_hash(self) -> str:
        return reference_hash()

    def build_hash(self, content_hash: str) -> str:
        """What decides whether a stored article graph is stale: content, code and data."""
        text = "\n".join((content_hash, EXTRACTOR_VERSION, self.reference_hash))
        return hashlib.sha256(text.encode()).hexdigest()

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.reference.names, load_heads().place_words)

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.reference)

    def place_levels(self, mention: Mention) -> dict[str, tuple[str, str]]:
        """Kind → (id, label) of the place a place mention names and of the places around
        it ({"City": ("hyesan", "Hyesan"), "Province": ("ryanggang", …), "Country": …})."""
        places = self.reference.places
        if mention.ref in places:
            refs = (mention.ref, *self.reference.parents(mention.ref))
            return {places[r].kind: (r, places[r].name) for r in reversed(refs)}
        if mention.pattern_id.startswith(MINTED):
            return {mention.pattern_id[len(MINTED):]: (mention.ref, mention.label)}
        return {}

    def extract(self, article: Article, named_author: str | None = None) -> Extraction:
        """Find entities, sources and frames; ``named_author`` is an author the text names."""
        published = article.meta.published
        matches = self.matcher.match(article.text)
        mentions = self.resolver.resolve(matches, published, article.text)
        mentions = self.resolver.possessor_places(mentions, self.matcher, published)
        mentions = find_unknown(article.text, mentions, load_heads())
        mentions = find_persons(article.text, mentions)
        mentions = self.resolver.abbreviations(article.text, mentions)
        mentions = self.resolver.surnames(article.text, mentions)
        mentions = find_local_bodies(article.text, mentions, load_bodies(), self.place_levels)
        mentions = self.resolver.definite_agencies(article.text, mentions)
        entities = entities_of(self.reference, mentions)
        if named_author:
            author = Entity("person", slugify(named_author), named_author, known=False)
            if all(e.label != named_author for e in entities):
                entities.append(author)
        quoted = sources.find_sources(article, mentions, self.reference)
        incidents, directives = frames.find_frames(article, mentions, quoted, self.reference)
        return Extraction(article, entities, mentions, incidents, directives, quoted)

    def convert(self, raw: RawArticle) -> Converted:
        article = clean(raw)
        article = replace(article, content_hash=self.build_hash(article.content_hash))
        author = raw.meta.author
        named = author and (author in article.text or _told_about(author, raw.text))
        extraction = self.extract(article, author if named else None)
        return Converted(article, extraction, emit(extraction, self.iris))


def _told_about(author: str, text: str) -> bool:
    """Whether the text says who the author is ("Kang Mi Jin is a North Korean defector
    turned journalist …", a bio the cleaning drops), not only whose credit line it is."""
    return re.search(rf"(?<![\w-]){re.escape(author)}\s+(?:is|was)\s", text) is not None
