"""Persons the registry does not know, found by the shape of Korean names.

A Korean name is a family name (ontology/surnames.tsv) followed by a given name of one or
two capitalised syllables, possibly hyphenated: "Jon Hye Yong", "Han Seung-woo". A run that
continues into another capitalised word ("Kim Il Sung University") is a longer name of
something else and is left alone, as is any span a known name already covers.

>>> [m.label for m in find_persons("Rep. Han Seung-woo said Jon Hye Yong, 46, was held.", [])]
['Han Seung-woo', 'Jon Hye Yong']
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.model import Mention
from kg.namespaces import slugify
from kg.ontology_files import ontology_dir
from kg.reference_tsv import TsvFile
from kg.unknown import MINTED

_SYLLABLE = r"[A-Z][a-z]{1,5}(?:-[a-z]{1,5})?"


@lru_cache(maxsize=8)
def _pattern(directory: Path | None = None) -> re.Pattern:
    f = TsvFile((directory or ontology_dir()) / "surnames.tsv", ("surname", "note"))
    names = []
    for line, row in f.rows():
        name = row["surname"]
        if not name.isalpha() or not name[:1].isupper():
            raise f.error(line, "a surname is one capitalised word")
        names.append(name)
    alternation = "|".join(sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<![\w’'-])(?:{alternation})(?: {_SYLLABLE}){{1,2}}(?![\w’'-]| [A-Z])")


@lru_cache(maxsize=8)
def _titles(directory: Path | None = None) -> frozenset[str]:
    f = TsvFile((directory or ontology_dir()) / "titles.tsv", ("title", "note"))
    return frozenset(f.required(line, row, "title") for line, row in f.rows())


def find_persons(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` plus persons named by Korean-name shape where nothing else is known."""
    out = list(mentions)
    for m in _pattern().finditer(text):
        if any(k.start < m.end() and m.start() < k.end for k in out):
            continue
        if m.start() > 0 and _glued_to_longer_name(text, m.start()):
            continue
        label = m.group()
        out.append(Mention(m.start(), m.end(), label, "person", slugify(label), label,
                           MINTED))
    return sorted(out, key=lambda k: k.start)


def _glued_to_longer_name(text: str, start: int) -> bool:
    """A capitalised word just before the name ("Sinuiju Han Seung-woo Street") makes it
    part of a longer name, unless that word is a title (ontology/titles.tsv)."""
    glued = re.search(r"(\S+) $", text[max(0, start - 30):start])
    return bool(glued) and glued.group(1)[:1].isupper() and glued.group(1) not in _titles()
