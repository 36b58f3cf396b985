"""Build throughput: read → convert → (SHACL validate) → write into an on-disk store.

``kg.build.build`` is run on the first ``--count`` articles of the generated corpus, once
without and once with validation, each into a fresh temporary store; the static graphs
(ontology, vocabulary, shapes, reference, links) are loaded first and timed apart. The
conversion-only rate of the same articles is given for comparison, so that the cost of the
store and of validation per article can be read off. JSON goes to ``bench/out/store_speed.json``.

    python -m bench.store_speed --count 300
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from itertools import islice
from pathlib import Path

from bench.convert_speed import OUT, convert_all, generated_corpus, load_corpus, machine
from bench.generate import write_jsonl
from kg.build import build, load_static_graphs
from kg.pipeline import Converter
from kg.store import KgStore


def _subset(corpus: Path, count: int, directory: Path) -> Path:
    """The first ``count`` lines of the corpus as a ``.jsonl`` file of its own."""
    path = directory / f"subset-{count}.jsonl"
    with corpus.open(encoding="utf-8") as lines:
        write_jsonl((json.loads(line) for line in islice(lines, count)), path)
    return path


def timed_build(path: Path, store_dir: Path, validate: bool) -> dict[str, object]:
    with KgStore(store_dir) as store:
        start = time.perf_counter()
        load_static_graphs(store, Converter(iris=store.iris))
        static_s = time.perf_counter() - start
        start = time.perf_counter()
        report = build([path], store, validate=validate, force=True)
        seconds = time.perf_counter() - start
    built = len(report.built)
    return {"validate": validate, "built": built, "errors": len(report.errors),
            "first_errors": report.errors[:3], "static_graphs_s": static_s,
            "seconds": seconds, "articles_per_s": built / seconds if seconds else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="articles to build")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=OUT / "store_speed.json")
    args = parser.parse_args(argv)

    corpus, _ = generated_corpus(max(args.count, 10_000), args.seed)
    report: dict[str, object] = {"date": dt.datetime.now().isoformat(timespec="seconds"),
                                 "machine": machine(), "corpus": str(corpus)}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        subset = _subset(corpus, args.count, Path(tmp))
        articles, _, _ = load_corpus(subset)
        converter = Converter()
        convert_all(converter, articles[:1])
        stats = convert_all(converter, articles)
        report["convert_only_articles_per_s"] = stats.articles / stats.seconds
        report["runs"] = [timed_build(subset, Path(tmp) / f"store-{flag}", flag)
                          for flag in (False, True)]

    print(f"\nbuild benchmark — {report['date']} — {args.count} articles")
    print(f"{'run':<34}{'articles/s':>12}{'ms/article':>12}")
    rate = report["convert_only_articles_per_s"]
    print(f"{'convert only':<34}{rate:>12.1f}{1000 / rate:>12.2f}")
    for run in report["runs"]:  # type: ignore[union-attr]
        label = "build + store" + (" + SHACL" if run["validate"] else "")
        per = 1000 / run["articles_per_s"] if run["articles_per_s"] else float("nan")
        print(f"{label:<34}{run['articles_per_s']:>12.1f}{per:>12.2f}"
              + (f"   ({run['errors']} errors)" if run["errors"] else ""))
    print(f"static graphs load: {report['runs'][0]['static_graphs_s']:.2f} s")  # type: ignore[index]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
