"""The benchmark corpus generator writes valid, varied inputs (a smoke test, no timings)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bench.generate import MAX_WORDS, MIN_WORDS, generate, write
from kg.mentions import Matcher
from kg.read import iter_inputs, read_path
from kg.reference import load_reference

COUNT = 20


def _read_back(out: Path) -> list:
    articles, errors = [], []
    for path in iter_inputs([out]):
        result = read_path(path)
        articles.extend(result.articles)
        errors.extend(result.errors)
    assert errors == []
    return articles


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(generate(COUNT, seed=3))


@pytest.mark.parametrize("target", ["corpus.jsonl", "articles"])
def test_written_articles_read_back_without_errors(tmp_path: Path, records, target: str):
    out = tmp_path / target
    assert write(records, out) == COUNT
    articles = _read_back(out)
    assert sorted(a.article_id for a in articles) == sorted(r["id"] for r in records)
    by_id = {r["id"]: r for r in records}
    for article in articles:
        record = by_id[article.article_id]
        assert article.text == record["text"]
        assert article.meta.published.isoformat() == record["published"]
        assert article.meta.title == record["title"]


def test_articles_are_distinct_and_news_sized(records):
    texts = [r["text"] for r in records]
    assert len(set(texts)) == COUNT
    assert len({r["published"] for r in records}) > COUNT // 2
    assert all(MIN_WORDS <= len(t.split()) <= MAX_WORDS for t in texts)


def test_articles_tell_several_incident_types(records):
    triggers = [t for t in load_reference().triggers if t.frame == "incident"]
    seen_per_article = [{t.type for t in triggers if t.pattern.search(r["text"])}
                        for r in records]
    assert all(len(types) >= 2 for types in seen_per_article)
    assert len(set().union(*seen_per_article)) >= 8


def test_places_appear_in_several_spellings(records):
    reference = load_reference()
    matcher = Matcher(reference.names)
    local = {p.id for p in reference.places.values() if p.kind in ("Province", "County", "City")}
    spellings: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for match in matcher.match(record["text"]):
            for candidate in match.candidates:
                if candidate.kind == "place" and candidate.ref in local:
                    spellings[candidate.ref].add(match.text)
    assert sum(len(forms) >= 2 for forms in spellings.values()) >= 5


def test_same_seed_same_corpus_other_seed_other_corpus(records):
    again = list(generate(COUNT, seed=3))
    other = list(generate(COUNT, seed=4))
    assert again == records
    assert [r["text"] for r in other] != [r["text"] for r in records]
