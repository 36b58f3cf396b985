"""kg.read: every input format, bad input reported per file (or per line), discovery."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import SUPPORTED_SUFFIXES, iter_inputs, read_path

DATA = Path(__file__).parent / "data" / "input"
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def read_one(path: Path):
    result = read_path(path)
    assert result.errors == []
    assert len(result.articles) == 1
    return result.articles[0]


def test_markdown_front_matter_and_body():
    article = read_one(DATA / "sample.md")
    assert article.article_id == "sample"
    assert article.source_file == "sample.md"
    assert article.meta.title == "Ryanggang traders fined after market raid"
    assert article.meta.published == dt.date(2019, 5, 14)
    assert article.meta.author == "Seol Song Ah"
    assert article.meta.outlet == "Example Korea Monitor"
    assert article.meta.url == "https://news.example.org/2019/05/ryanggang-market-raid/"
    assert article.meta.lang == "en"
    # the body starts after the blank line that follows the front matter, unchanged
    body = (DATA / "sample.md").read_text(encoding="utf-8").split("---\n\n", 1)[1]
    assert article.text == body


def test_plain_text_has_no_metadata_and_normalised_newlines():
    article = read_one(DATA / "plain.txt")
    assert article.article_id == "plain"
    assert article.meta.title is None and article.meta.published is None
    assert "\r" not in article.text
    raw = (DATA / "plain.txt").read_bytes().decode("utf-8")
    assert article.text == raw.replace("\r\n", "\n")


def test_jsonl_keeps_good_lines_and_reports_the_bad_one():
    result = read_path(DATA / "batch.jsonl")
    ids = [a.article_id for a in result.articles]
    assert ids == ["chongjin-rations-1", "batch-3"]  # explicit id slugified; else {stem}-{line}
    first, third = result.articles
    assert first.meta.published == dt.date(2022, 6, 30)
    assert first.meta.title == "Chongjin rations cut"
    assert third.meta.url == "https://news.example.org/2022/07/kimchaek/"
    assert third.text.startswith("Kimchaek fishermen")
    assert len(result.errors) == 1
    message = str(result.errors[0])
    assert "batch.jsonl" in message and "line 2" in message and "not valid JSON" in message


def test_saved_html_page_main_text_and_metadata():
    article = read_one(DATA / "saved-page.html")
    meta = article.meta
    assert article.article_id == "saved-page"
    assert meta.title == "Border guards ordered to shoot smugglers in Hyesan"
    assert meta.url == "https://news.example.org/2021/03/border-guards-hyesan/"
    assert meta.published == dt.date(2021, 3, 15)  # the local date of the ISO date-time
    assert meta.author == "Lee Sang Yong"
    assert meta.outlet == "Example Korea Monitor"
    assert meta.lang == "en"
    assert "ordered to shoot anyone approaching the Yalu River" in article.text
    assert "20 percent since the beginning of the month." in article.text
    for noise in ("Subscribe to our newsletter", "Related articles", "Privacy policy",
                  "All rights reserved", "dataLayer"):
        assert noise not in article.text
    # the headline is metadata, not the first paragraph; paragraphs are blank-line separated
    assert not article.text.startswith(meta.title)
    assert article.text.count("\n\n") >= 3


def test_html_page_without_a_date_gets_none_not_a_guess(tmp_path):
    html = (DATA / "saved-page.html").read_text(encoding="utf-8")
    html = re.sub(r'<meta property="article:\w+_time"[^>]*>', "", html)
    html = re.sub(r"<time[^>]*>.*?</time>", "", html).replace("/2021/03/", "/news/")
    assert "2021-03" not in html and "&copy; 2021" in html
    path = tmp_path / "undated.html"
    path.write_text(html, encoding="utf-8")
    article = read_one(path)
    assert article.meta.published is None
    assert article.meta.title == "Border guards ordered to shoot smugglers in Hyesan"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")
@pytest.mark.parametrize("stem", ["musan-escape-2015", "kaesong-lockdown-2020"])
def test_corpus_files_carry_seed_text_and_metadata(stem):
    article = read_one(ROOT / "corpus" / f"{stem}.md")
    seed = json.loads((SEEDS / "metadata.json").read_text(encoding="utf-8"))[f"{stem}.txt"]
    assert article.text == (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    assert article.meta.title == seed["title"]
    assert article.meta.url == seed["url"]
    assert article.meta.published == dt.date.fromisoformat(seed["published"])
    assert article.meta.author == seed["author"]
    assert article.meta.outlet == seed["outlet"]


FM = "---\ntitle: x\n{}\n---\n\nSome text.\n"

BAD_INPUTS = [
    ("bad-bytes.md", b"Hello \xff world\n", "not valid UTF-8 (byte 0xff at offset 6)"),
    ("empty.md", b"", "empty article"),
    ("blank.txt", b"  \n\t\n\n", "empty article"),
    ("no-body.md", b"---\ntitle: x\n---\n\n\n", "empty article"),
    ("broken-yaml.md", b"---\ntitle: [unclosed\n---\ntext\n", "front matter is not valid YAML"),
    ("bad-mapping.md", b"---\ntitle: a: b\n---\ntext\n", "front matter is not valid YAML"),
    ("unclosed.md", b"---\ntitle: x\n\nSome text.\n", "front matter is not closed"),
    ("list.md", b"---\n- a\n- b\n---\ntext\n", "front matter is not a mapping"),
    ("feb30.md", FM.format("published: 2015-02-30").encode(),
     "published '2015-02-30' is not a valid date (YYYY-MM-DD)"),
    ("yesterday.md", FM.format("published: yesterday").encode(),
     "published 'yesterday' is not a valid date (YYYY-MM-DD)"),
    ("datetime-string.md", FM.format("published: '2015-08-20 10:00'").encode(),
     "is not a valid date"),
    ("relative-url.md", FM.format("url: /english/read.php").encode(),
     "url '/english/read.php' is not an absolute http(s) URL"),
    ("ftp-url.md", FM.format("url: ftp://example.org/a").encode(), "not an absolute http(s) URL"),
    ("list-title.md", b"---\ntitle: [a, b]\n---\n\ntext\n", "title must be text"),
    ("report.pdf", b"%PDF-1.4", "unsupported format '.pdf' (expected .md, .txt, .html, .jsonl)"),
    ("README", b"text", "unsupported format without extension"),
    ("bad-line.jsonl", b'{"text": "ok"}\n{"text": "unterminated\n', "line 2: not valid JSON"),
    ("no-text.jsonl", b'{"title": "no body"}\n', "line 1: no 'text' field"),
    ("not-object.jsonl", b'["text"]\n', "line 1: expected a JSON object"),
    ("bad-date.jsonl", b'{"text": "t", "published": "2021-13-01"}\n',
     "line 1: published '2021-13-01' is not a valid date"),
    ("dup-id.jsonl", b'{"id": "a", "text": "t"}\n{"id": "A", "text": "u"}\n',
     "line 2: duplicate id 'a'"),
    ("empty.jsonl", b"\n\n", "empty file (no articles)"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_a_one_line_error_naming_file_and_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    errors = read_path(path).errors
    assert len(errors) == 1
    error = errors[0]
    assert isinstance(error, InputError)
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert reason in error.reason


def test_missing_path_is_reported(tmp_path):
    result = read_path(tmp_path / "gone.md")
    assert result.articles == []
    assert [e.reason for e in result.errors] == ["no such file or directory"]


def test_yaml_error_names_the_file_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: ok\nauthor: a: b\n---\ntext\n", encoding="utf-8")
    (error,) = read_path(path).errors
    assert "(line 3)" in error.reason


def test_jsonl_bad_bytes_on_one_line_keep_the_others(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "first"}\n{"text": "bad \xfe"}\n{"text": "third"}\n')
    result = read_path(path)
    assert [a.text for a in result.articles] == ["first", "third"]
    assert [a.article_id for a in result.articles] == ["mixed-1", "mixed-3"]
    (error,) = result.errors
    assert error.reason.startswith("line 2: not valid UTF-8 (byte 0xfe")


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff---\ntitle: Bom\n---\n\nText.\n".encode())
    article = read_one(path)
    assert article.meta.title == "Bom" and article.text == "Text.\n"


def test_markdown_without_front_matter_is_all_body(tmp_path):
    path = tmp_path / "Plain Notes.md"
    path.write_text("Just a paragraph.\n\n---\n\nAnother one.\n", encoding="utf-8")
    article = read_one(path)
    assert article.article_id == "plain-notes"
    assert article.text == "Just a paragraph.\n\n---\n\nAnother one.\n"


def make_tree(root: Path) -> None:
    files = ["b.md", "a.txt", "sub/c.html", "sub/deeper/d.jsonl", "sub/e.htm", "x.gold.json",
             "notes.pdf", ".hidden.md", ".git/f.md", "sub/.cache/g.txt", "Z.MD", "README.md",
             "sub/readme.txt", "readme-2019.md"]
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("text", encoding="utf-8")


def test_iter_inputs_expands_directories_sorted_and_filtered(tmp_path):
    make_tree(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])]
    assert found == sorted(found, key=lambda s: Path(s).parts)
    assert set(found) == {"Z.MD", "a.txt", "b.md", "readme-2019.md", "sub/c.html",
                          "sub/deeper/d.jsonl", "sub/e.htm"}


def test_readme_is_read_only_when_named(tmp_path):
    """A folder's README describes the folder; named on its own it is an input like any."""
    make_tree(tmp_path)
    assert tmp_path / "README.md" not in list(iter_inputs([tmp_path]))
    assert list(iter_inputs([tmp_path / "README.md"])) == [tmp_path / "README.md"]


def test_iter_inputs_keeps_explicit_paths_and_drops_duplicates(tmp_path):
    make_tree(tmp_path)
    explicit = [tmp_path / "notes.pdf", tmp_path / "missing.md", tmp_path / "b.md", tmp_path]
    found = list(iter_inputs(explicit))
    # explicit paths first, as given, even unsupported or missing (read_path reports them)
    assert found[:3] == explicit[:3]
    assert found.count(tmp_path / "b.md") == 1
    assert tmp_path / "x.gold.json" not in found


def test_empty_directory_is_yielded_and_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    found = list(iter_inputs([tmp_path / "empty"]))
    assert found == [tmp_path / "empty"]
    (error,) = read_path(found[0]).errors
    assert "no supported input files" in error.reason


def test_fixture_directory_reads_end_to_end():
    paths = list(iter_inputs([DATA]))
    assert {p.suffix for p in paths} <= set(SUPPORTED_SUFFIXES)
    results = [read_path(p) for p in paths]
    articles = [a for r in results for a in r.articles]
    errors = [e for r in results for e in r.errors]
    assert len(articles) == 5 and len(errors) == 1  # the broken jsonl line only
    assert len({a.article_id for a in articles}) == len(articles)
