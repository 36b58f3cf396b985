"""Conversion is a pure function of the article: the converter's memos (names per word,
time phrases, source scans, IRIs) never change what comes out.

Each article is converted by one converter in corpus order, in a fresh interpreter in
reverse order (so every memo was filled by other articles first), again after another
article (the source scan is kept for the last article only), and with the memos bounded
to one entry (so they are emptied over and over).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate, write_jsonl
from kg import emit, mentions
from kg.errors import KgError
from kg.model import RawArticle
from kg.namespaces import Iris
from kg.pipeline import Converter
from kg.read import iter_inputs, read_path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "corpus", ROOT / "tests" / "data" / "input",
          ROOT.parent / "shared" / "eval" / "dev"]
GENERATED = 30


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    generated = tmp_path_factory.mktemp("generated") / "generated.jsonl"
    write_jsonl(generate(GENERATED, seed=1), generated)
    return [p for p in INPUTS if p.exists()] + [generated]


@pytest.fixture(scope="module")
def articles(paths) -> list[RawArticle]:
    return [a for path in iter_inputs(paths) for a in read_path(path).articles]


def _quads(converter: Converter, raw: RawArticle) -> list[str] | None:
    try:
        return [str(q) for q in converter.convert(raw).quads]
    except KgError:  # an input the converter rejects must be rejected every time
        return None


@pytest.fixture(scope="module")
def forward(articles) -> list[list[str] | None]:
    converter = Converter()
    return [_quads(converter, raw) for raw in articles]


def test_the_sample_has_articles_with_graphs(articles, forward):
    assert len(articles) > GENERATED
    assert sum(q is not None and len(q) > 50 for q in forward) > GENERATED


_FRESH = """
import json, sys
from pathlib import Path
from kg.errors import KgError
from kg.pipeline import Converter
from kg.read import iter_inputs, read_path

articles = [a for p in iter_inputs(map(Path, sys.argv[1:])) for a in read_path(p).articles]
converter = Converter()
out = []
for raw in reversed(articles):
    try:
        out.append([str(q) for q in converter.convert(raw).quads])
    except KgError:
        out.append(None)
print(json.dumps(out[::-1]))
"""


def test_a_fresh_interpreter_in_reverse_order_agrees(paths, forward):
    """Nothing this process filled its memos with leaks into the quads."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([sys.executable, "-c", _FRESH, *map(str, paths)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == forward


def test_converting_again_after_another_article_agrees(articles, forward):
    converter = Converter()
    for i, raw in enumerate(articles):
        first = _quads(converter, raw)
        _quads(converter, articles[i - 1])
        assert _quads(converter, raw) == first == forward[i], raw.article_id


def test_memos_bounded_to_one_entry_agree(articles, forward, monkeypatch):
    monkeypatch.setattr(mentions, "_MEMO_LIMIT", 1)
    monkeypatch.setattr(emit, "_CACHE_LIMIT", 1)
    converter = Converter()
    assert [_quads(converter, raw) for raw in articles] == forward


def test_converters_with_other_iri_bases_mint_their_own(articles, forward):
    default, base = Iris().base, "https://example.org/other/"
    other = Converter(iris=Iris(base))
    for raw, quads in zip(articles, forward, strict=True):
        if quads is None:
            continue
        mine = _quads(other, raw)
        assert mine == [q.replace(default, base) for q in quads], raw.article_id
