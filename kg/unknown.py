"""Names missing from the registry, kept as new entities instead of being lost.

A run of capitalised words ending in a head noun of ontology/heads.tsv ("Sunam District",
"Huchang Customs Office", "Sakju County Party Committee") names a place or organisation.
It gets an IRI minted from its label, so the same name is the same entity in every article.
A known name inside it ("Huchang") gives way to the longer unknown one.

>>> heads = load_heads()
>>> [(m.text, m.kind) for m in find_unknown("near Chongjin's Sunam District.", [], heads)]
[('Sunam District', 'place')]
>>> [m.label for m in find_unknown("in the Sapo and Hoesang districts", [], heads)]
['Sapo District', 'Hoesang District']
>>> [m.label for m in find_unknown("homes in Yonbong-dong", [], heads)]
['Yonbong-dong']
>>> [m.label for m in find_unknown("at the Kim Chaek Iron and Steel Complex", [], heads)]
['Kim Chaek Iron and Steel Complex']
>>> [m.label for m in find_unknown("soldiers of the 124th Regiment", [], heads)]
['124th Regiment']
>>> [m.label for m in find_unknown("sent to the No. 4 kyohwaso in Kangdong", [], heads)]
['Kyohwaso No. 4']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.model import Mention
from kg.namespaces import slugify
from kg.ontology_files import ontology_dir
from kg.reference_tsv import TsvFile

MINTED = "minted:"
#: leading words that are capitalised only because they start a sentence or a title
_FUNCTION_WORDS = frozenset("The A An In On At From Of And For With By To This That Its Their "
                            "His Her Our Some All Both Each Every Several Local".split())


@dataclass(frozen=True)
class Heads:
    pattern: re.Pattern
    kinds: dict[str, tuple[str, str]]  # head (folded) → (kind, concept)
    of_form: re.Pattern  # "Ministry of Mining Industry": an agency head, then "of" + names
    coordinated: re.Pattern  # "the Sapo and Hoesang districts": two names, one plural head
    singular: dict[str, str]  # plural head (folded) → the head as heads.tsv writes it
    suffixed: re.Pattern | None  # "Yonbong-dong": a Korean name with a place suffix
    suffixes: tuple[str, ...]  # the heads that are suffixes ("-dong", "-ri")
    compounds: tuple[str, ...]  # heads of several words, longest first ("fisheries station")
    adjectives: frozenset[str] = frozenset()  # "Russian" in "the Russian city of …": no name
    #: nouns that head a description of an organisation without naming one ("the office")
    descriptions: frozenset[str] = frozenset()
    #: an ordinal before an agency head: "the 3rd Corps", "the 10th Bureau"
    numbered: re.Pattern | None = None
    #: a camp known by its number: "Kyohwaso No. 12", "the No. 4 kyohwaso"
    camps: re.Pattern | None = None
    camp_kinds: dict[str, tuple[str, str]] = field(default_factory=dict)  # head → kind
    #: a foreign nationality word (an adjective not of concept "home") ending right before
    #: a noun phrase ("Thai immigration "): what follows is that country's, not the home's
    foreign: re.Pattern | None = None

    @property
    def place_words(self) -> frozenset[str]:
        """One-word place heads, folded ("county", "province"): a name may end in them
        written in lower case ("Musan county")."""
        return frozenset(h for h, (kind, _) in self.kinds.items()
                         if kind == "place" and h.isalpha())


@lru_cache(maxsize=8)
def load_heads(directory: Path | None = None) -> Heads:
    f = TsvFile((directory or ontology_dir()) / "heads.tsv", ("head", "kind", "concept", "note"))
    kinds: dict[str, tuple[str, str]] = {}
    singular: dict[str, str] = {}
    adjectives: set[str] = set()
    descriptions: set[str] = set()
    camp_kinds: dict[str, tuple[str, str]] = {}
    home: set[str] = set()
    for line, row in f.rows():
        head, kind = f.required(line, row, "head"), row["kind"]
        if kind == "numbered place":
            camp_kinds[fold(head)] = ("place", f.required(line, row, "concept"))
            continue
        if kind in ("adjective", "description"):
            (adjectives if kind == "adjective" else descriptions).add(head.casefold())
            if kind == "adjective" and row["concept"] == "home":
                home.add(head.casefold())
            continue
        if kind not in ("place", "agency"):
            raise f.error(line, "kind must be place, agency, numbered place, adjective or "
                                f"description, not {kind!r}")
        kinds[fold(head)] = (kind, f.required(line, row, "concept"))
        if kind == "place" and head.isalpha():
            singular[_plural(head).casefold()] = head
    suffixes = sorted((h for h in kinds if h.startswith("-")), key=len, reverse=True)
    heads = sorted((h for h in kinds if not h.startswith("-")), key=len, reverse=True)
    alternation = "|".join(re.escape(h).replace("'", "['’]") for h in heads)
    # 1-4 capitalised words not preceded by a word character, then a head that ends the name
    # (not "Department" in "Pyongyang Department Store"); written with the capital first (the
    # look-behind after it) so the regex engine jumps from capital to capital; a plural
    # possessive may follow the first ("Hyesan Teachers' College")
    pattern = re.compile(rf"([A-Z](?<![\w’'-][A-Z])[\w-]*\s(?:[A-Z][\w-]*(?:(?<=s)['’])?\s){{0,3}})"
                         rf"((?i:{alternation}))(?![\w-])(?![^\S\n]+(?-i:[A-Z])[a-z])")
    agency_heads = sorted((h for h, (kind, _) in kinds.items() if kind == "agency"
                           and " " not in h), key=len, reverse=True)
    of_alternation = "|".join(re.escape(h.capitalize()) for h in agency_heads)
    of_form = re.compile(rf"(?<![\w’'-])(?:[A-Z][\w-]*\s){{0,3}}({of_alternation}) of (?:the )?"
                         rf"[A-Z][\w-]*(?:['’]s)?(?:(?: and)? [A-Z][\w-]*){{0,3}}")
    plurals = "|".join(sorted(singular, key=len, reverse=True))
    coordinated = re.compile(rf"(?<![\w’'-])([A-Z][\w-]*) and ([A-Z][\w-]*) "
                             rf"((?i:{plurals}))(?![\w-])")
    suffixed = re.compile(rf"(?<![\w’'-])[A-Z][a-z]+({'|'.join(map(re.escape, suffixes))})"
                          rf"(?![\w-])") if suffixes else None
    compounds = tuple(h for h in heads if " " in h)
    numbered = None if not agency_heads else re.compile(
        rf"(?<![\w’'.,-])\d{{1,5}}(?:st|nd|rd|th)\s(?:[A-Z][\w-]*\s){{0,2}}"
        rf"({of_alternation})(?![\w-])(?![^\S\n]+[A-Z][a-z])")
    camp_alternation = "|".join(re.escape(h) for h in sorted(camp_kinds, key=len, reverse=True))
    # "Kyohwaso No. 12"; "the (overcrowded) No. 4 kyohwaso"
    camps = None if not camp_kinds else re.compile(
        rf"(?<![\w-])(?:(?i:(?P<head>{camp_alternation}) No\.\s?(?P<n>\d{{1,4}}))"
        rf"|(?<=\s)(?i:No\.\s?(?P<n2>\d{{1,4}}) (?P<head2>{camp_alternation})))"
        rf"(?![\w-])")
    return Heads(pattern, kinds, of_form, coordinated, singular, suffixed, tuple(suffixes),
                 compounds, frozenset(adjectives), frozenset(descriptions), numbered, camps,
                 camp_kinds, _foreign_pattern(adjectives - home))


def _foreign_pattern(words: set[str]) -> re.Pattern | None:
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w’'-])(?i:{alternation})\s+"
                      rf"(?:(?!(?:and|or|to|by|from|with|of|the|at|in|for)\b)[a-z]+\s+){{0,2}}\Z")


_WORD_REACH = 30  # characters searched back for the word before "No. N"


def fold(words: str) -> str:
    """Words as data files key them: case folded, curly apostrophes straight, single spaces."""
    return " ".join(words.replace("’", "'").casefold().split())


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


#: "Joint Chiefs of Staff (JCS)": a capitalised name that defines an abbreviation of its
#: initials names an organisation
_DEFINED = re.compile(r"\b((?:[A-Z][\w’'-]*)(?: (?:[A-Z][\w’'-]*|of|and|the|for|on)){1,7})"
                      r" \(([A-Z]{2,7})\)")


#: a capitalised word that describes a name rather than opening it: "Pyongyang-based
#: Moranbong Construction Corporation", "Chinese-run X Company"
DESCRIBING_SUFFIX = (r"-(?:based|run|owned|born|made|affiliated|backed|linked|controlled|"
                     r"operated)(?![\w-])")
_DESCRIBING = re.compile(rf"[A-Z]\w*{DESCRIBING_SUFFIX}")
#: capitalised words and "and" right before an unknown agency name: part of it
_AND_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][\w-]*)\s(?:[A-Z][\w-]*\s){0,2}and\s\Z")


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _defining_start(name: str, abbreviation: str) -> int | None:
    """Offset in ``name`` of the shortest tail whose initials spell ``abbreviation``
    ("South Korea's Joint Chiefs of Staff" → "Joint Chiefs of Staff" for JCS)."""
    words = name.split(" ")
    for i in range(len(words)):
        if words[i][:1].isupper() and _initials(words[i:]) == abbreviation:
            return len(" ".join(words[:i])) + (1 if i else 0)
    return None


def find_unknown(text: str, mentions: list[Mention], heads: Heads) -> list[Mention]:
    """``mentions`` plus unknown names; known mentions inside a longer unknown name drop."""
    out = list(mentions)
    for m in heads.of_form.finditer(text):
        out = _add(text, m.start(), m.end(), heads.kinds[m.group(1).casefold()], out)
    low = text.lower()
    coordinated = any(f" {plural}" in low for plural in heads.singular)  # cheap look first
    for m in heads.coordinated.finditer(text) if coordinated else ():
        head = heads.singular[m.group(3).casefold()]
        kind_concept = heads.kinds[head.casefold()]
        out = _add(text, m.start(1), m.end(1), kind_concept, out, f"{m.group(1)} {head}")
        out = _add(text, m.start(2), m.end(3), kind_concept, out, f"{m.group(2)} {head}")
    suffixed = heads.suffixed and any(h in low for h in heads.suffixes)
    for m in heads.suffixed.finditer(text) if suffixed else ():
        out = _add(text, m.start(), m.end(), heads.kinds[m.group(1)], out)
    for m in heads.numbered.finditer(text) if heads.numbered else ():
        out = _add(text, m.start(), m.end(), heads.kinds[m.group(1).casefold()], out)
    for m in heads.pattern.finditer(text):  # after the numbered: "11th Storm Corps" whole
        words = m.group(1).split()
        while words and (words[0] in _FUNCTION_WORDS or _DESCRIBING.fullmatch(words[0])):
            words = words[1:]
        if not words or " ".join(words).casefold() in heads.adjectives:
            continue  # "the Russian city of Vladivostok", "a North Korean port"
        start = text.rfind(words[0], m.start(), m.end())
        kind_concept = heads.kinds[_head(text[start:m.end()], m.group(2), heads)]
        if kind_concept == ("place", "Facility") and m.group(2)[:1].islower():
            continue  # "the Haeju market" is a market in Haeju; "Sapo Market" is a name
        if kind_concept[0] == "agency":  # "Kim Chaek Iron and Steel Complex"
            joined = _AND_BEFORE.search(text, max(0, start - 60), start)
            start = joined.start() if joined and joined.group(1) not in _FUNCTION_WORDS else start
        out = _add(text, start, m.end(), kind_concept, out, head_at=m.start(2))
    for m in heads.camps.finditer(text) if heads.camps and "No." in text else ():
        before = text[max(0, m.start() - _WORD_REACH):m.start()].split()[-1:]
        if m["n2"] and before and not (before[0].islower() or before[0] == "The"):
            continue  # "Order No. 12 camps": the number is the order's
        head = fold(m["head"] or m["head2"])
        label = f"{head.title()} No. {m['n'] or m['n2']}"
        out = _add(text, m.start(), m.end(), heads.camp_kinds[head], out, label)
    for m in _DEFINED.finditer(text) if " (" in text else ():  # after the head nouns:
        # "Northern Limit Line (NLL)"; the look for " (" first is ~50x cheaper than the scan
        start = _defining_start(m.group(1), m.group(2))
        if start is not None:
            out = _add(text, m.start(1) + start, m.end(1), ("agency", ""), out)
    return sorted(out, key=lambda k: k.start)


def _head(name: str, matched: str, heads: Heads) -> str:
    """The head noun of ``name`` as heads.tsv keys it: the longest head it ends in. The
    capitalised words before a head are read greedily, so "Sinpo Fisheries Station" first
    matches with "Station"; its head is "Fisheries Station"."""
    folded = fold(name)
    for compound in heads.compounds:
        if folded.endswith(" " + compound) and len(compound) > len(matched):
            return compound
    return fold(matched)


def _add(text: str, start: int, end: int, kind_concept: tuple[str, str],
         out: list[Mention], label: str | None = None,
         head_at: int | None = None) -> list[Mention]:
    """``out`` with the unknown name text[start:end], unless a known name is that very
    span or overlaps it partly, or a known agency lies inside an unknown agency name; other
    known names inside it give way ("Huchang" inside "Huchang Customs Office"), and so does
    a known agency that is only the name's head at ``head_at``: the registry's umbrella
    "People's Committee" in "Hyesan People's Committee" names the class, not this body (the
    places inside such a name stay, as they did while the umbrella took it)."""
    words = text[start:end].split()
    while len(words) > 1 and words[0] in _FUNCTION_WORDS:
        start = text.index(words[1], start + len(words[0]))
        words = words[1:]
    kind, concept = kind_concept
    keep, inside, umbrella = [], [], False
    for k in out:  # one pass: equal mentions have equal spans, so spans alone decide
        if start <= k.start and k.end <= end:
            if k.start == start and k.end == end:
                return out  # the registry knows this very name
            if kind == "agency" and k.kind == "agency":
                if k.start != head_at:
                    return out  # "Onsong County State Security Department", "MSS bureau",
                    # "Border Guard Command": a local unit of a registry agency is that agency
                umbrella = True
            elif k.kind == "place":
                inside.append(k)
        elif k.start < end and start < k.end:
            return out  # a known name overlaps it partly
        else:
            keep.append(k)
    if umbrella:
        keep += inside  # "Hyesan People's Committee" still names Hyesan, as before
    label = label or " ".join(text[start:end].split())
    return keep + [
        Mention(start, end, text[start:end], kind, slugify(label), label, MINTED + concept)]
