"""Building the store: one graph per article, idempotence, prune, atomic failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.store import KgStore
from tests.conftest import CORPUS

SEED = CORPUS / "musan-escape-2015.md"


def _article_ids(store: KgStore) -> set[str]:
    return set(store.article_graphs())


def test_one_named_graph_per_article(seed_store_dir):
    with KgStore(seed_store_dir, read_only=True) as store:
        assert _article_ids(store) == {"musan-escape-2015", "kaesong-lockdown-2020"}
        names = {g.value.rsplit("/", 1)[-1] for g in store.named_graphs()}
        assert {"ontology", "vocab", "shapes", "reference", "links"} <= names


def test_rebuilding_unchanged_input_changes_nothing(tmp_path):
    with KgStore(tmp_path / "s") as store:
        first = build([CORPUS], store)
        before = sorted(map(str, store.raw))
        second = build([CORPUS], store)
        after = sorted(map(str, store.raw))
    assert len(first.built) == 2 and second.built == [] and len(second.unchanged) == 2
    assert before == after


def test_changed_article_is_replaced_not_appended(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    target = src / "a.md"
    target.write_text("---\ntitle: A\npublished: 2020-03-10\n---\n\n"
                      "Smugglers in Hyesan were arrested last week.\n", encoding="utf-8")
    with KgStore(tmp_path / "s") as store:
        build([src], store)
        graph = store.iris.article_graph("a")
        first = store.count(graph)
        target.write_text("---\ntitle: A\npublished: 2020-03-10\n---\n\n"
                          "Residents of Hyesan said nothing happened.\n", encoding="utf-8")
        report = build([src], store)
        assert report.built == ["a"]
        texts = {str(q.object) for q in store.graph_quads(graph)}
    assert not any("Smugglers" in t for t in texts)
    assert first > 0


def test_prune_drops_articles_no_longer_given(tmp_path):
    with KgStore(tmp_path / "s") as store:
        build([CORPUS], store)
        report = build([SEED], store, prune=True)
        assert report.pruned == ["kaesong-lockdown-2020"]
        assert _article_ids(store) == {"musan-escape-2015"}


BAD_INPUTS = {
    "not-utf8.txt": (b"North Hamgyong \xff\xfe broken", "UTF-8"),
    "empty.md": (b"", "empty"),
    "broken-front.md": (b"---\ntitle: [unclosed\n---\n\nText in Hyesan.\n", "front matter"),
    "impossible-date.md": (b"---\npublished: 2015-02-30\n---\n\nText in Hyesan.\n",
                           "2015-02-30"),
    "unknown.pdf": (b"%PDF-1.4", "unsupported format"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_file_is_reported_and_the_others_are_built(tmp_path, name):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    content, reason = BAD_INPUTS[name]
    (src / name).write_bytes(content)
    with KgStore(tmp_path / "s") as store:
        report = build([src / SEED.name, src / name], store)
        assert _article_ids(store) == {"musan-escape-2015"}
    assert len(report.errors) == 1
    message = report.errors[0]
    assert "\n" not in message and name in message and reason in message


def test_missing_path_is_reported(tmp_path):
    with KgStore(tmp_path / "s") as store:
        report = build([tmp_path / "nowhere.md", SEED], store)
        assert _article_ids(store) == {"musan-escape-2015"}
    assert len(report.errors) == 1 and "nowhere.md" in report.errors[0]


def test_invalid_graph_is_refused_and_store_untouched(tmp_path, monkeypatch):
    """A graph that violates the shapes never reaches the store."""
    import kg.emit

    original = kg.emit.Emitter._article

    def without_hash(self):
        original(self)
        self._quads = [q for q in self._quads if not q.predicate.value.endswith("contentHash")]

    monkeypatch.setattr(kg.emit.Emitter, "_article", without_hash)
    with KgStore(tmp_path / "s") as store:
        report = build([SEED], store)
        assert _article_ids(store) == set()
    assert len(report.errors) == 1
    assert "violates the shapes" in report.errors[0] and SEED.name in report.errors[0]


def test_cli_exit_status_is_one_after_a_bad_file(runner, tmp_path):
    from kg.cli import main

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    (src / "empty.txt").write_text("  \n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--store", str(tmp_path / "s"), str(src)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "built 1" in result.output


def test_leftover_staging_graph_is_dropped_on_open(tmp_path):
    from pyoxigraph import Literal, NamedNode, Quad

    path: Path = tmp_path / "s"
    with KgStore(path) as store:
        staging = store._staging_name(store.iris.article_graph("x"))
        store.raw.add(Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("o"),
                           staging))
    with KgStore(path) as store:
        assert store.count() == 0


def test_parallel_build_gives_the_same_store(tmp_path):
    """--jobs spreads conversion and validation over processes; the store is identical."""
    from bench.generate import generate, write_jsonl

    corpus = tmp_path / "many.jsonl"
    write_jsonl(generate(40, seed=4), corpus)
    dumps = []
    for jobs in (1, 2):
        with KgStore(tmp_path / f"s{jobs}") as store:
            report = build([corpus, CORPUS], store, jobs=jobs)
            assert len(report.built) == 42 and not report.errors
            dumps.append(sorted(str(q) for g in store.article_graphs().values()
                                for q in store.graph_quads(g)))
    assert dumps[0] == dumps[1] and len(dumps[0]) > 1000
