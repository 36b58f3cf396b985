"""Remove boilerplate from a raw article and split the cleaned text into sentences.

Every later offset (mentions, evidence) refers to the cleaned text, so cleaning only drops
whole lines (boilerplate, surplus blank lines) and never edits the characters of a kept line.
What counts as boilerplate and which abbreviations do not end a sentence are data:
``ontology/boilerplate.tsv`` and ``ontology/abbreviations.tsv``.

>>> from kg.model import Metadata, RawArticle
>>> raw = RawArticle("x", "x.md", 'Order No. 205 came in Aug. 2020. "Seal it," he said.\\n\\n'
...                  'Read in Korean\\n', Metadata())
>>> [s.text for s in clean(raw).sentences]
['Order No. 205 came in Aug. 2020.', '"Seal it," he said.']
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError, InputError
from kg.model import Article, RawArticle, Sentence
from kg.ontology_files import ontology_dir as files_ontology_dir
from kg.reference_tsv import TsvFile

BOILERPLATE_FILE = "boilerplate.tsv"
ABBREVIATIONS_FILE = "abbreviations.tsv"
AUTHOR = "{author}"
SCOPES = ("line", "line-end", "tail")
TAIL_WINDOW = 3  # tail rules are tried on this many last content lines

_PARA_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")
_TERMINAL = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_SPACE = re.compile(r"\s+")
_OPENERS = "\"'“‘«(["
_INITIAL = re.compile(r"[A-Z]\.")
_ESCAPES = re.compile(r"\\.|\(\?P<[^>]*>|\(\?P=[^)]*\)")  # \S, (?P<Name>...), (?P=Name)


@dataclass(frozen=True)
class Rules:
    """Cleaning data of one ontology directory."""

    line: tuple[tuple[str, str, str], ...]  # (id, scope, pattern) of line / line-end rules
    tail: tuple[tuple[str, str, str], ...]  # (id, scope, pattern) of rules that cut the rest
    prefix: frozenset[str]  # abbreviations that never end a sentence
    suffix: frozenset[str]  # abbreviations that end one only before a capital letter


def ontology_dir(directory: Path | str | None = None) -> Path:
    """The ontology directory (kg.ontology_files.ontology_dir), resolved."""
    return files_ontology_dir(directory or None).resolve()


def load_rules(directory: Path | str | None = None) -> Rules:
    """The cleaning rules of an ontology directory (see ``ontology_dir``), loaded once."""
    return _load_rules(str(files_ontology_dir(directory or None)))


@functools.lru_cache(maxsize=8)
def _load_rules(name: str) -> Rules:
    directory = ontology_dir(name)
    line: list[tuple[str, str, str]] = []
    tail: list[tuple[str, str, str]] = []
    rules = TsvFile(directory / BOILERPLATE_FILE, ("id", "scope", "pattern", "note"))
    for lineno, row in rules.rows():
        rule = (row["id"], row["scope"], rules.required(lineno, row, "pattern"))
        if row["scope"] not in SCOPES:
            raise rules.error(lineno, f"scope must be one of {SCOPES}, not {row['scope']!r}")
        bare = _ESCAPES.sub("", row["pattern"])
        if row["scope"] != "tail" and bare != bare.lower():
            raise rules.error(lineno, f"{row['scope']} rules see lower-case text; "
                                      "write the pattern's letters in lower case")
        try:
            _compile(row["pattern"], "Author Name", row["scope"])
        except re.error as err:
            raise rules.error(lineno, f"bad regular expression ({err})") from None
        (tail if row["scope"] == "tail" else line).append(rule)
    try:
        _line_rules(tuple(line), "Author Name")
    except re.error as err:  # e.g. two rules naming the same group
        raise DataError(f"{rules.display}: line rules do not combine into one pattern "
                        f"({err})") from None
    prefix: set[str] = set()
    suffix: set[str] = set()
    abbreviations = TsvFile(directory / ABBREVIATIONS_FILE, ("abbreviation", "kind", "note"))
    for lineno, row in abbreviations.rows():
        if row["kind"] not in ("prefix", "suffix") or not row["abbreviation"].endswith("."):
            raise abbreviations.error(lineno, "expected 'ABBR.<tab>prefix|suffix<tab>note'")
        (prefix if row["kind"] == "prefix" else suffix).add(row["abbreviation"])
    return Rules(tuple(line), tuple(tail), frozenset(prefix), frozenset(suffix))


@functools.lru_cache(maxsize=256)
def _compile(pattern: str, author: str | None, scope: str) -> Callable[..., object] | None:
    """A matcher for one rule, with ``{author}`` filled in; None if the author is unknown.

    Line rules run on every line, so they are matched case-sensitively against the line in
    lower case (much faster than IGNORECASE) and anchored at the end.
    """
    pattern = _with_author(pattern, author, scope)
    if pattern is None:
        return None
    if scope == "tail":
        return re.compile(rf"[^\S\n]*(?:{pattern})", re.IGNORECASE).match
    compiled = re.compile(rf"(?:{pattern})\Z")
    return compiled.match if scope == "line" else compiled.search


def _with_author(pattern: str, author: str | None, scope: str) -> str | None:
    """``pattern`` with ``{author}`` filled in (lower-cased for line rules, which see the
    line in lower case); None when the pattern needs an author and there is none."""
    if AUTHOR not in pattern:
        return pattern
    if not author:
        return None
    return pattern.replace(AUTHOR, re.escape(author if scope == "tail" else author.lower()))


def _line_rules(line: tuple[tuple[str, str, str], ...],
                author: str | None) -> tuple[Callable[..., object], ...]:
    """The line and line-end rules as one alternation each: two regex calls per line
    instead of one per rule (an alternation followed by ``\\Z`` backtracks into every
    alternative, so it matches when any rule does). Rules without ``{author}`` are compiled
    once; those with it once per author, apart, so a new author compiles only them."""
    fixed = tuple(r for r in line if AUTHOR not in r[2])
    own = tuple(r for r in line if AUTHOR in r[2])
    return _alternations(fixed, None) + (_alternations(own, author) if own else ())


@functools.lru_cache(maxsize=256)
def _alternations(line: tuple[tuple[str, str, str], ...],
                  author: str | None) -> tuple[Callable[..., object], ...]:
    out = []
    for scope in ("line", "line-end"):
        filled = (_with_author(p, author, sc) for _, sc, p in line if sc == scope)
        patterns = [f"(?:{p})" for p in filled if p is not None]
        if patterns:
            compiled = re.compile(f"(?:{'|'.join(patterns)})\\Z")
            out.append(compiled.match if scope == "line" else compiled.search)
    return tuple(out)


# ---------------------------------------------------------------------------- cleaning


def clean(raw: RawArticle, ontology: Path | str | None = None) -> Article:
    """The article without boilerplate, with its sentences and a hash of its input."""
    rules = load_rules(ontology)
    text = strip_boilerplate(raw.text, raw.meta.author, rules)
    if not text:
        raise InputError(raw.source_file, "empty article (nothing left after removing boilerplate)")
    return Article(
        article_id=raw.article_id,
        source_file=raw.source_file,
        text=text,
        meta=raw.meta,
        sentences=split_sentences(text, rules),
        content_hash=content_hash(raw),
    )


def strip_boilerplate(text: str, author: str | None, rules: Rules) -> str:
    """Drop boilerplate lines, the bio/end matter at the tail, and surplus blank lines."""
    line_rules = _line_rules(rules.line, author)
    lines = text.split("\n")
    starts: list[int] = []
    offset = 0
    keep: list[bool] = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
        bare = line.strip().lower()
        keep.append(not bare or not any(rule(bare) for rule in line_rules))
    cut = len(lines)
    content = [i for i, line in enumerate(lines) if keep[i] and line.strip()]
    tail_rules = [r for r in (_compile(p, author, sc) for _, sc, p in rules.tail) if r is not None]
    for i in content[-TAIL_WINDOW:]:
        if any(rule(text, starts[i]) for rule in tail_rules):
            cut = i
            break
    kept: list[str] = []
    for i in range(cut):
        blank = not lines[i].strip()
        if keep[i] and not (blank and (not kept or not kept[-1].strip())):
            kept.append(lines[i])
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept)


def content_hash(raw: RawArticle) -> str:
    """sha256 of the raw text and the metadata, so a metadata change also triggers a rebuild."""
    meta = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in vars(raw.meta).items()}
    payload = json.dumps({"text": raw.text, "meta": meta}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- sentences


def split_sentences(text: str, rules: Rules) -> tuple[Sentence, ...]:
    """Sentences with offsets into ``text``; a blank line always ends a sentence.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets)
    followed by whitespace and a word that starts with a capital letter or a digit (possibly
    after an opening quote), unless the word before the period is an abbreviation.
    A single newline is plain whitespace, so hard-wrapped lines stay one sentence.
    """
    out: list[Sentence] = []
    start = 0
    for brk in _PARA_BREAK.finditer(text):
        _split_paragraph(text, start, brk.start(), rules, out)
        start = brk.end()
    _split_paragraph(text, start, len(text), rules, out)
    return tuple(out)


def _split_paragraph(text: str, start: int, end: int, rules: Rules, out: list[Sentence]) -> None:
    begin = start
    for m in _TERMINAL.finditer(text, start, end):
        stop = m.end()
        if stop >= end or not text[stop].isspace():
            continue
        following = _SPACE.match(text, stop, end)
        nxt = following.end() if following else stop
        word = nxt
        while word < end and text[word] in _OPENERS:
            word += 1
        if word >= end:
            continue
        first = text[word]
        if not (first.isupper() or first.isdigit()):
            continue
        if m.group() == "." and not _period_ends(text, start, m.start(), first, rules):
            continue
        _add(text, begin, stop, out)
        begin = nxt
    _add(text, begin, end, out)


def _period_ends(text: str, floor: int, dot: int, first: str, rules: Rules) -> bool:
    """Whether the period at ``dot`` ends a sentence, given the next word's first letter."""
    k = dot
    while k > floor and (text[k - 1].isalnum() or text[k - 1] == "."):
        k -= 1
    token = text[k : dot + 1]
    if token in rules.prefix or _INITIAL.fullmatch(token):
        return False
    if token in rules.suffix:
        return first.isupper()
    return True


def _add(text: str, begin: int, end: int, out: list[Sentence]) -> None:
    chunk = text[begin:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(begin + lead, begin + lead + len(stripped), stripped))


def sentence_at(article: Article, offset: int) -> Sentence:
    """The sentence that contains character ``offset`` of the cleaned text.

    Raises LookupError when the offset falls between sentences or outside the text.
    """
    sentences = article.sentences
    i = bisect.bisect_right(sentences, offset, key=lambda s: s.start) - 1
    if i >= 0 and offset < sentences[i].end:
        return sentences[i]
    raise LookupError(f"{article.article_id}: offset {offset} is not inside a sentence")
