"""Local bodies named by their level: "the provincial party committee", "the city's
people's court" (data: ontology/local_bodies.tsv).

News names a local body by its level and leaves the place to the context, so the body is
minted as "<place> <Level> <Body>" from the place of that level written just before it
(or in its name: "Sunchon City" + "People's Committee"), else, of those named (or lying
around a place named: Hyesan is in Ryanggang Province) before it, the last of the ones the
article names most often, else the first one in the article. Without such a place the
words are left to the registry (the national body's aliases, or nothing).

>>> from kg.model import Mention
>>> text = "In Ryanggang Province the provincial party committee met."
>>> province = Mention(3, 21, "Ryanggang Province", "place", "ryanggang", "Ryanggang Province")
>>> found = find_local_bodies(text, [province], load_bodies(),
...                           lambda m: {"Province": ("ryanggang", "Ryanggang Province")})
>>> [(m.text, m.label) for m in found][1]
('provincial party committee', 'Ryanggang Provincial Party Committee')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.model import Mention
from kg.namespaces import slugify
from kg.ontology_files import ontology_dir
from kg.reference_tsv import TsvFile
from kg.unknown import MINTED, fold


@dataclass(frozen=True)
class Bodies:
    pattern: re.Pattern  # level word (group "level"), then a body (group "body")
    levels: dict[str, tuple[str, str]]  # level word → (its word in a name, place kind)
    bodies: dict[str, tuple[str, str]]  # body (folded) → (its words in a name, category)
    country: str | None  # the place id of the country whose bodies these are


@lru_cache(maxsize=8)
def load_bodies(directory: Path | None = None) -> Bodies:
    f = TsvFile((directory or ontology_dir()) / "local_bodies.tsv",
                ("kind", "word", "name", "category", "note"))
    levels: dict[str, tuple[str, str]] = {}
    bodies: dict[str, tuple[str, str]] = {}
    country = None
    for line, row in f.rows():
        if row["kind"] == "country":
            country = f.required(line, row, "word")
            continue
        word, name = f.required(line, row, "word"), f.required(line, row, "name")
        table = {"level": levels, "body": bodies}.get(row["kind"])
        if table is None:
            raise f.error(line, f"kind must be country, level or body, not {row['kind']!r}")
        table[fold(word)] = (name, f.required(line, row, "category"))
    alt = "|".join(re.escape(w).replace("'", "['’]").replace(r"\ ", r"\s+")
                   for w in sorted(bodies, key=len, reverse=True))
    level_alt = "|".join(re.escape(w) for w in sorted(levels, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w’'-])(?P<level>{level_alt})(?:['’]s)?\s+(?P<body>{alt})"
                         rf"(?![\w-])", re.IGNORECASE)
    return Bodies(pattern, levels, bodies, country)


def find_local_bodies(text: str, mentions: list[Mention], bodies: Bodies,
                      levels: Callable[[Mention], dict[str, tuple[str, str]]]) -> list[Mention]:
    """``mentions`` with each local body minted; the mentions it covers (a generic or
    national body matched inside it, a place written just before it) give way.
    ``levels`` gives, for a place mention, the (id, label) of the place of each kind it is
    or lies in ({"City": ("hyesan", "Hyesan"), "Province": ("ryanggang", …), …}); places
    in the bodies' country are preferred (not China's Changbai County for "the provincial
    party committee" of Hyesan)."""
    found = list(bodies.pattern.finditer(text))
    if not found:
        return mentions  # most articles: no place levels to work out
    places = [(m, lv) for m in mentions if m.kind == "place" and (lv := levels(m))]
    home = [(m, lv) for m, lv in places if lv.get("Country", ("",))[0] == bodies.country]
    places = home or places
    out = list(mentions)
    named_in_full = [(k.start, k.end) for k in mentions if k.kind == "agency"]
    for m in found:
        if any(a < m.start() and m.end() <= b for a, b in named_in_full):
            continue  # "Kimchaek City Party Committee" was found whole, its place with it
        name, kind = bodies.levels[m.group("level").casefold()]
        body, category = bodies.bodies[fold(m.group("body"))]
        of_kind = [(p, lv[kind][1]) for p, lv in places if kind in lv]
        named = [(p, lb) for p, lb in of_kind if 0 <= m.start() - p.end <= 1
                 or p.start < m.start() < p.end <= m.end()]  # "Sunchon City" + "People's …"
        before = [(p, lb) for p, lb in of_kind if p.end <= m.start()]
        chosen = named or _most_named(before, of_kind) or of_kind[:1]
        if not chosen:
            continue
        place, place_label = chosen[-1]
        start = place.start if named else m.start()
        label = f"{without_level(place_label, kind)} {name} {body}"
        out = [k for k in out if k.end <= start or k.start >= m.end()]
        out.append(Mention(start, m.end(), text[start:m.end()], "agency", slugify(label),
                           label, MINTED + category))
    return sorted(out, key=lambda k: k.start)


def _most_named(before: list, of_kind: list) -> list:
    """Of the places named before a body, those the article names most often (its
    setting, not a town a trader came back from), in text order."""
    counts: dict[str, int] = {}
    for _, label in of_kind:
        counts[label] = counts.get(label, 0) + 1
    top = max((counts[label] for _, label in before), default=0)
    return [(p, label) for p, label in before if counts[label] == top]


def without_level(label: str, kind: str) -> str:
    """"Ryanggang Province" → "Ryanggang": the place without its own level word."""
    suffix = f" {kind}"
    return label[:-len(suffix)] if label.endswith(suffix) else label
