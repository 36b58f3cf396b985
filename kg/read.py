"""Read input files into RawArticle objects, validating them on the way.

Bad input never stops a run: ``read_path`` returns the articles it could read together with
one ``InputError`` per problem (a whole file, or one line of a ``.jsonl`` file), so the caller
can build the good articles and report the rest. Texts are kept exactly as in the file, with
newlines normalised to ``\\n``; offsets computed later refer to that text.

>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "Kaesong News.md").write_text("---\\npublished: 2020-08-03\\n---\\n\\nText.\\n")
>>> result = read_path(d / "Kaesong News.md")
>>> [(a.article_id, a.meta.published.isoformat(), a.text) for a in result.articles]
[('kaesong-news', '2020-08-03', 'Text.\\n')]
>>> _ = (d / "notes.pdf").write_bytes(b"%PDF")
>>> print(read_path(d / "notes.pdf").errors[0])  # doctest: +ELLIPSIS
/.../notes.pdf: unsupported format '.pdf' (expected .md, .txt, .html, .jsonl)
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from kg.errors import InputError
from kg.model import Metadata, RawArticle
from kg.namespaces import slugify

SUPPORTED_SUFFIXES: tuple[str, ...] = (".md", ".txt", ".html", ".htm", ".jsonl")
_EXPECTED = "expected .md, .txt, .html, .jsonl"
_SKIPPED_SUFFIXES = (".gold.json",)  # annotation files that live beside the articles
#: a folder's README ("README.md", "readme.txt") describes the folder; it is no article
_FOLDER_NOTES = "readme"

_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[^\S\n]*\n)+")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HTTP_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)
_TEXT_FIELDS = ("title", "author", "outlet", "lang")


@dataclass
class ReadResult:
    """What one input path gave: the articles read and the problems found."""

    articles: list[RawArticle] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """safe_load, except that timestamps stay strings so that we validate dates ourselves."""


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


# ---------------------------------------------------------------------------- discovery


def iter_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand directories (recursively, sorted) into supported files; keep other paths.

    Inside a directory, hidden files and folders, ``*.gold.json`` files and README files
    (the folder's own notes) are skipped.
    A path named explicitly is yielded as it is, even when missing or unsupported, so that
    ``read_path`` reports it. A directory without any supported file is yielded itself, for
    the same reason. Each file comes once, at its first position.
    """
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        found = list(_expand(path)) if path.is_dir() else [path]
        for item in found or [path]:
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                yield item


def _expand(root: Path) -> Iterator[Path]:
    for item in sorted(root.rglob("*")):
        rel = item.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not item.is_file():
            continue
        name = item.name.lower()
        if name.endswith(_SKIPPED_SUFFIXES) or item.suffix.lower() not in SUPPORTED_SUFFIXES \
                or item.stem.lower() == _FOLDER_NOTES:
            continue
        yield item


# ---------------------------------------------------------------------------- reading


def read_path(path: Path) -> ReadResult:
    """Read one input file; every problem comes back as an InputError, none is raised."""
    path = Path(path)
    result = ReadResult()
    try:
        suffix = _check_path(path)
        data = _read_bytes(path)
        if suffix == ".jsonl":
            return _read_jsonl(path, data)
        if not data.strip():
            raise InputError(path, "empty article")
        if suffix in (".html", ".htm"):
            result.articles.append(_read_html(path, data))
        else:
            text = _normalise_newlines(_decode(path, data))
            meta, body = _split_front_matter(path, text) if suffix == ".md" else (Metadata(), text)
            if not body.strip():
                raise InputError(path, "empty article")
            result.articles.append(RawArticle(slugify(path.stem), path.name, body, meta))
    except InputError as err:
        result.errors.append(err)
    return result


def _check_path(path: Path) -> str:
    if not path.exists():
        raise InputError(path, "no such file or directory")
    if path.is_dir():
        if any(_expand(path)):
            raise InputError(path, "is a directory (expand it with iter_inputs)")
        raise InputError(path, f"directory has no supported input files ({_EXPECTED})")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "without extension"
        raise InputError(path, f"unsupported format {shown} ({_EXPECTED})")
    return suffix


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, f"cannot read file ({err.strerror or type(err).__name__})") from None


def _decode(path: Path, data: bytes, where: str = "") -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        byte = err.object[err.start]
        reason = f"{where}not valid UTF-8 (byte 0x{byte:02x} at offset {err.start})"
        raise InputError(path, reason) from None
    return text.removeprefix("\ufeff")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(path: Path, text: str) -> tuple[Metadata, str]:
    """Split ``---``-delimited YAML front matter from the body of a Markdown file."""
    first, newline, rest = text.partition("\n")
    if first.rstrip() != "---":
        return Metadata(), text
    close = _FM_CLOSE.search(rest) if newline else None
    if close is None:
        raise InputError(path, "front matter is not closed (no '---' line after the opening one)")
    try:
        data = yaml.load(rest[: close.start()], Loader=_FrontMatterLoader)
    except yaml.YAMLError as err:
        raise InputError(path, f"front matter is not valid YAML: {_yaml_problem(err)}") from None
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        kind = type(data).__name__
        raise InputError(path, f"front matter is not a mapping of keys to values (got a {kind})")
    body = _LEADING_BLANK_LINES.sub("", rest[close.end() :].removeprefix("\n"))
    return _metadata(path, data), body


def _yaml_problem(err: yaml.YAMLError) -> str:
    if isinstance(err, yaml.MarkedYAMLError) and err.problem:
        mark = err.problem_mark
        where = f" (line {mark.line + 2})" if mark is not None else ""  # +1 for '---', +1 1-based
        return _one_line(err.problem) + where
    return _one_line(str(err).split("\n", 1)[0])


# ---------------------------------------------------------------------------- metadata


def _metadata(path: Path, data: Mapping, where: str = "", lenient: bool = False) -> Metadata:
    """Validate the known metadata fields; unknown keys are ignored.

    ``lenient`` drops bad values instead of failing (for metadata scraped from web pages).
    """
    values: dict[str, object] = {}
    for key in _TEXT_FIELDS:
        values[key] = _text_field(path, key, data.get(key), where, lenient)
    values["url"] = _url(path, data.get("url"), where, lenient)
    values["published"] = _date(path, data.get("published"), where, lenient)
    return Metadata(**values)  # type: ignore[arg-type]


def _text_field(path: Path, key: str, value: object, where: str, lenient: bool) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        if lenient:
            return None
        raise InputError(path, f"{where}{key} must be text, not {_shown(value)}")
    return value.strip() or None


def _url(path: Path, value: object, where: str, lenient: bool) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and _HTTP_URL.fullmatch(value.strip()):
        return value.strip()
    if lenient:
        return None
    raise InputError(path, f"{where}url {_shown(value)} is not an absolute http(s) URL")


def _date(path: Path, value: object, where: str, lenient: bool) -> dt.date | None:
    """Accept a date or a 'YYYY-MM-DD' string that names a real day."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = value.strip() if isinstance(value, str) else None
    if lenient and text:
        text = text[:10]  # web pages give date-times: 2020-08-03T09:00:00+09:00
    match = _DATE.fullmatch(text) if text else None
    if match:
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1] and year >= 1:
            return dt.date(year, month, day)
    if lenient:
        return None
    raise InputError(path, f"{where}published {_shown(value)} is not a valid date (YYYY-MM-DD)")


def _shown(value: object, limit: int = 40) -> str:
    text = repr(value)
    return _one_line(text if len(text) <= limit else text[: limit - 1] + "…")


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------- JSON lines


def _read_jsonl(path: Path, data: bytes) -> ReadResult:
    """One article per line; a bad line is reported and the other lines are kept."""
    result = ReadResult()
    if not data.strip():
        result.errors.append(InputError(path, "empty file (no articles)"))
        return result
    seen: set[str] = set()
    stem = slugify(path.stem)
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"line {number}: "
        try:
            line = _decode(path, raw, where)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                reason = f"{where}not valid JSON ({err.msg} at column {err.colno})"
                raise InputError(path, reason) from None
            article = _jsonl_article(path, record, where, f"{stem}-{number}")
            if article.article_id in seen:
                raise InputError(path, f"{where}duplicate id '{article.article_id}'")
            seen.add(article.article_id)
            result.articles.append(article)
        except InputError as err:
            result.errors.append(err)
    return result


def _jsonl_article(path: Path, record: object, where: str, default_id: str) -> RawArticle:
    if not isinstance(record, dict):
        raise InputError(path, f"{where}expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise InputError(path, f"{where}no 'text' field")
    if not isinstance(text, str):
        raise InputError(path, f"{where}'text' must be a string, not {_shown(text)}")
    if not text.strip():
        raise InputError(path, f"{where}empty article")
    ident = record.get("id")
    if isinstance(ident, bool) or not isinstance(ident, (str, int, type(None))):
        raise InputError(path, f"{where}'id' must be a string or a number, not {_shown(ident)}")
    article_id = slugify(str(ident)) if ident not in (None, "") else default_id
    meta = _metadata(path, record, where)
    return RawArticle(article_id, path.name, _normalise_newlines(text), meta)


# ---------------------------------------------------------------------------- HTML


def _read_html(path: Path, data: bytes) -> RawArticle:
    """Main text and metadata of a saved web page (trafilatura, then <meta> tags)."""
    import trafilatura  # slow to import; only HTML input needs it

    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        # no guessing: an extensive search takes "© 2021" in a footer for 2021-01-01
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    found = {
        "title": getattr(doc, "title", None),
        "url": getattr(doc, "url", None),
        "published": getattr(doc, "date", None),
        "author": getattr(doc, "author", None),
        "outlet": getattr(doc, "sitename", None),
        "lang": getattr(doc, "language", None),
    }
    for key, value in _html_meta(data).items():
        if not found.get(key):
            found[key] = value
    meta = _metadata(path, found, lenient=True)
    if meta.lang:
        meta = replace(meta, lang=re.split(r"[-_]", meta.lang)[0].lower())
    blocks = [b.strip() for b in (getattr(doc, "text", None) or "").split("\n") if b.strip()]
    if blocks and meta.title and blocks[0] == meta.title:
        blocks = blocks[1:]  # the page's own headline repeats the title
    if not blocks:
        raise InputError(path, "empty article (no main text found in the page)")
    # one block per paragraph: a blank line between blocks keeps them apart as sentences
    return RawArticle(slugify(path.stem), path.name, "\n\n".join(blocks), meta)


_META_KEYS = {
    "og:title": "title",
    "twitter:title": "title",
    "og:url": "url",
    "article:published_time": "published",
    "date": "published",
    "pubdate": "published",
    "author": "author",
    "article:author": "author",
    "og:site_name": "outlet",
}


def _html_meta(data: bytes) -> dict[str, str]:
    """Metadata from <meta>, <link rel=canonical>, <title> and <html lang>."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(data)
    except etree.ParserError:
        return {}
    found: dict[str, str] = {}
    for tag in root.iter("meta"):
        name = (tag.get("property") or tag.get("name") or "").strip().lower()
        key, content = _META_KEYS.get(name), (tag.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            found.setdefault("url", link.get("href").strip())
    title = root.findtext(".//title")
    if title and title.strip():
        found.setdefault("title", title.strip())
    if root.get("lang"):
        found["lang"] = root.get("lang").strip()
    return found
