"""``kg query`` / ``kg export`` while ``kg build`` writes the store, as real processes.

Readers open the store read-only: they see the store as it was when they opened it, or
fail with one line naming the lock; never a traceback, a crash or a damaged store.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import time

import pytest
from pyoxigraph import RdfFormat, parse

from kg.build import build
from kg.store import KgStore
from tests.conftest import CORPUS, ROOT

KG = [sys.executable, "-m", "kg"]
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
ARTICLES = 3000  # enough that several reads overlap the build, even on a fast or busy machine
TOWNS = ["Musan", "Hyesan", "Sinuiju", "Hoeryong", "Chongjin"]


def kg(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, timeout=timeout, cwd=ROOT, env=ENV)


def generate(path, count: int = ARTICLES):
    """Small articles, each with an incident, a place and a date, in one JSON Lines file."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            town = TOWNS[i % len(TOWNS)]
            text = (f"Border guards in {town} arrested {2 + i % 7} people who tried to cross "
                    f"the river in May, a source said. The Ministry of State Security "
                    f"ordered residents of {town} to report strangers.")
            out.write(json.dumps({"id": f"generated-{i}", "title": f"Report {i}",
                                  "published": f"2021-{1 + i % 12:02d}-15", "text": text}))
            out.write("\n")
    return path


@pytest.fixture
def store_dir(tmp_path):
    path = tmp_path / "store"
    with KgStore(path) as store:
        assert build([CORPUS], store, validate=False).ok
    return path


def graphs_of(nquads: bytes) -> dict[str, int]:
    counts: collections.Counter[str] = collections.Counter()
    for quad in parse(nquads, format=RdfFormat.N_QUADS):
        counts[quad.graph_name.value] += 1
    return counts


def wait_for_writes(store_dir, builder: subprocess.Popen, limit: float = 60) -> None:
    """Return once the builder has written to the store, so that reads overlap writes."""
    def newest() -> float:
        return max((f.stat().st_mtime for f in store_dir.iterdir() if f.is_file()), default=0)

    before, deadline = newest(), time.monotonic() + limit
    while newest() == before and builder.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


def assert_clean_failure(done: subprocess.CompletedProcess) -> None:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, (done.returncode, err)
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert "lock" in err.lower() or "store" in err.lower(), err


def test_query_and_export_while_a_build_runs(store_dir, tmp_path):
    batch = generate(tmp_path / "batch.jsonl")
    builder = subprocess.Popen([*KG, "build", "--store", str(store_dir), "--no-validate", "-q",
                                str(batch)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=ROOT, env=ENV)
    reads: list[tuple[str, subprocess.CompletedProcess]] = []
    try:
        wait_for_writes(store_dir, builder)
        while builder.poll() is None:
            for kind, args in (("export", ["export", "--format", "nq"]),
                               ("query", ["query", "incidents", "--format", "json"])):
                reads.append((kind, kg(*args, "--store", str(store_dir))))
        _, build_err = builder.communicate(timeout=120)
    finally:
        if builder.poll() is None:
            builder.kill()
    assert builder.returncode == 0, build_err
    final = graphs_of(kg("export", "--format", "nq", "--store", str(store_dir)).stdout)
    articles = sum(1 for g in final if "/article/" in g)
    assert articles == ARTICLES + 2
    partial = [sum(1 for g in graphs_of(done.stdout) if "/article/" in g)
               for kind, done in reads if kind == "export" and done.returncode == 0]
    assert any(2 < n < articles for n in partial), f"no export caught the build: {partial}"
    for kind, done in reads:
        if done.returncode != 0:
            assert_clean_failure(done)
        elif kind == "query":
            assert json.loads(done.stdout)["head"]["vars"][:2] == ["article", "incident"]
        else:  # every article graph a reader sees is complete: none is half-written
            seen = graphs_of(done.stdout)
            for graph, count in seen.items():
                if "/article/" in graph and "/staging/" not in graph:
                    assert count == final[graph], graph


def test_a_second_writer_fails_naming_the_lock(store_dir):
    with KgStore(store_dir):
        done = kg("build", "--store", str(store_dir), str(CORPUS))
    assert_clean_failure(done)
    assert b"LOCK" in done.stderr


def test_readers_work_beside_a_writer(store_dir):
    with KgStore(store_dir) as writer:
        expected = len(writer.raw)
        done = kg("export", "--format", "nq", "--store", str(store_dir))
    assert done.returncode == 0, done.stderr
    assert sum(graphs_of(done.stdout).values()) == expected


class _PausingStore:
    """Delegates to a pyoxigraph store; runs ``before_update`` first (between the staging
    write and the MOVE of ``KgStore.replace_graph``)."""

    def __init__(self, store, before_update) -> None:
        self._store, self._before_update = store, before_update

    def update(self, *args, **kwargs):
        self._before_update()
        return self._store.update(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_reader_never_sees_a_staging_graph(store_dir):
    exports = []
    with KgStore(store_dir) as writer:
        writer._store = _PausingStore(writer._store, lambda: exports.append(
            kg("export", "--format", "nq", "--store", str(store_dir))))
        graph = sorted(writer.article_graphs().values(), key=lambda g: g.value)[0]
        writer.replace_graph(graph, writer.graph_quads(graph))
    assert exports and exports[0].returncode == 0
    assert not [g for g in graphs_of(exports[0].stdout) if "/staging/" in g]


def test_a_reader_retries_when_a_compaction_removed_a_file(store_dir, monkeypatch):
    """RocksDB reports a file a concurrent compaction deleted as "Corruption … No such
    file": the reader opens again and gets the (intact) store."""
    import pyoxigraph

    from kg import store as store_module

    real, failures = pyoxigraph.Store.read_only, []

    def flaky(path):
        if len(failures) < 2:
            failures.append(path)
            raise RuntimeError("Corruption: IO error: No such file or directory: 000042.sst")
        return real(path)

    monkeypatch.setattr(store_module.Store, "read_only", staticmethod(flaky))
    with KgStore(store_dir, read_only=True) as reader:
        assert len(reader.raw) > 0
    assert len(failures) == 2


def test_a_reader_that_cannot_open_gets_one_line(store_dir, monkeypatch):
    from kg import store as store_module
    from kg.errors import StoreError

    def broken(path):
        raise RuntimeError("Corruption: bad block\nmore detail")

    monkeypatch.setattr(store_module.Store, "read_only", staticmethod(broken))
    with pytest.raises(StoreError, match=r"cannot open store: Corruption: bad block$"):
        KgStore(store_dir, read_only=True)
