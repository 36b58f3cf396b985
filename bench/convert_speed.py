"""Conversion throughput: text → quads with ``kg.pipeline.Converter``, store excluded.

Reading from disk is timed on its own, then every article is converted in one process
(articles per second per core), again over several processes, with a per-stage breakdown
(the stage functions the pipeline calls, wrapped with timers) and a cProfile of a sample.
Peak memory is ``ru_maxrss`` of the process plus the ``tracemalloc`` peak of one article.
Results go to stdout as a table and to ``bench/out/convert_speed.json``.

    python -m bench.convert_speed                       # 10,000 generated articles
    python -m bench.convert_speed --corpus ../shared/eval/dev --processes 0 --profile 0

No figure here is asserted anywhere: the numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import multiprocessing
import os
import platform
import pstats
import resource
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import kg
from kg.errors import KgError
from kg.model import RawArticle
from kg.pipeline import Converter
from kg.read import iter_inputs, read_path

OUT = Path(__file__).resolve().parent / "out"
TARGET = 500  # articles per second per core (issue 3, item 9)

#: (stage, module path, attribute): where the pipeline looks each stage up at call time.
#: Several rows may share a stage; a function the pipeline no longer has is reported, and
#: whatever no row covers shows up as "other".
STAGES: tuple[tuple[str, str, str], ...] = (
    ("clean", "kg.pipeline", "clean"),
    ("match", "kg.mentions", "Matcher.match"),
    ("resolve", "kg.resolve", "Resolver.resolve"),
    ("resolve", "kg.resolve", "Resolver.surnames"),
    ("resolve", "kg.pipeline", "entities_of"),
    ("unknown", "kg.pipeline", "find_unknown"),
    ("sources", "kg.sources", "find_sources"),
    ("frames", "kg.frames", "find_frames"),
    ("emit", "kg.pipeline", "emit"),
)


# ---------------------------------------------------------------------------- corpus


def load_corpus(path: Path) -> tuple[list[RawArticle], float, int]:
    """Articles under ``path``, the seconds spent reading them and the number of bad inputs."""
    start = time.perf_counter()
    articles: list[RawArticle] = []
    errors = 0
    for item in iter_inputs([path]):
        result = read_path(item)
        articles.extend(result.articles)
        errors += len(result.errors)
    return articles, time.perf_counter() - start, errors


def generated_corpus(count: int, seed: int) -> tuple[Path, float | None]:
    """The generated corpus file, made (and timed) only when it is not there yet."""
    from bench.generate import generate, write_jsonl

    path = OUT / f"corpus-{count}-seed{seed}.jsonl"  # the name bench.generate uses too
    if path.exists():
        return path, None
    start = time.perf_counter()
    write_jsonl(generate(count, seed), path)
    return path, time.perf_counter() - start


# ---------------------------------------------------------------------------- measures


@dataclass
class RunStats:
    articles: int = 0
    failed: int = 0
    quads: int = 0
    incidents: int = 0
    directives: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # process CPU time: less sensitive to other load on the machine


def convert_all(converter: Converter, articles: list[RawArticle],
                latencies: list[float] | None = None) -> RunStats:
    """Convert every article; an article the converter rejects is counted, not fatal."""
    stats = RunStats()
    clock = time.perf_counter
    start, cpu_start = clock(), time.process_time()
    for raw in articles:
        before = clock()
        try:
            result = converter.convert(raw)
        except KgError:
            stats.failed += 1
            continue
        if latencies is not None:
            latencies.append(clock() - before)
        stats.articles += 1
        stats.quads += len(result.quads)
        stats.incidents += len(result.extraction.incidents)
        stats.directives += len(result.extraction.directives)
    stats.seconds = clock() - start
    stats.cpu_seconds = time.process_time() - cpu_start
    return stats


@contextmanager
def stage_timers() -> Iterator[dict[str, float]]:
    """Wrap the pipeline's stage functions with timers; a nested stage counts for its caller."""
    import importlib

    totals: dict[str, float] = defaultdict(float)
    active = [False]
    patched: list[tuple[object, str, object]] = []

    def timed(name: str, func: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            if active[0]:
                return func(*args, **kwargs)
            active[0] = True
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                totals[name] += time.perf_counter() - start
                active[0] = False
        return wrapper

    for name, module_name, attribute in STAGES:
        owner: object = importlib.import_module(module_name)
        *path, leaf = attribute.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        original = getattr(owner, leaf, None) if owner is not None else None
        if original is None:
            totals.setdefault(f"{name} (not found)", 0.0)
            continue
        patched.append((owner, leaf, original))
        setattr(owner, leaf, timed(name, original))
    try:
        yield totals
    finally:
        for owner, leaf, original in reversed(patched):
            setattr(owner, leaf, original)


def stage_breakdown(converter: Converter, articles: list[RawArticle]) -> dict[str, float]:
    """Milliseconds per article in each stage, and in what the stages leave over."""
    with stage_timers() as totals:
        stats = convert_all(converter, articles)
    per_article = {name: 1000 * seconds / max(stats.articles, 1)
                   for name, seconds in totals.items()}
    total = 1000 * stats.seconds / max(stats.articles, 1)
    per_article["other"] = max(total - sum(per_article.values()), 0.0)
    per_article["total"] = total
    return per_article


def profile(converter: Converter, articles: list[RawArticle], dump: Path,
            top: int = 20) -> dict[str, list]:
    """cProfile the conversions: hot functions by own time, and own time by source file."""
    profiler = cProfile.Profile()
    profiler.runcall(convert_all, converter, articles)
    profiler.dump_stats(dump)
    stats = pstats.Stats(profiler)
    n = max(len(articles), 1)
    rows = []
    by_file: dict[str, float] = defaultdict(float)
    for (filename, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        where = _short(filename)
        by_file[where] += tottime
        rows.append((tottime, cumtime, calls, f"{where}:{line}({func})"))
    rows.sort(reverse=True)
    return {
        "functions": [{"function": f, "own_ms": 1000 * t / n, "cum_ms": 1000 * c / n,
                       "calls_per_article": k / n} for t, c, k, f in rows[:top]],
        "files": [{"file": f, "own_ms": 1000 * t / n}
                  for f, t in sorted(by_file.items(), key=lambda x: -x[1])[:top]],
    }


def _short(filename: str) -> str:
    for marker in ("/kg/", "/site-packages/", "/lib/python3"):
        if marker in filename:
            return filename[filename.index(marker) + 1:]
    return filename


def traced_peak(converter: Converter, articles: list[RawArticle]) -> float:
    """Largest Python-heap peak (MiB) of converting one article, over ``articles``."""
    peak = 0
    tracemalloc.start()
    try:
        for raw in articles:
            tracemalloc.reset_peak()
            try:
                converter.convert(raw)
            except KgError:
                continue
            peak = max(peak, tracemalloc.get_traced_memory()[1])
    finally:
        tracemalloc.stop()
    return peak / 2**20


# ---------------------------------------------------------------------------- processes

_SHARED: dict[str, object] = {}  # inherited by forked workers: no pickling of articles


def _worker(bounds: tuple[int, int]) -> tuple[int, float, int]:
    converter: Converter = _SHARED["converter"]  # type: ignore[assignment]
    articles: list[RawArticle] = _SHARED["articles"]  # type: ignore[assignment]
    stats = convert_all(converter, articles[bounds[0]:bounds[1]])
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return stats.articles, stats.cpu_seconds, peak_kib


def parallel(converter: Converter, articles: list[RawArticle], processes: int) -> dict:
    """Throughput over ``processes`` forked workers (started and warmed before the clock)."""
    _SHARED.update(converter=converter, articles=articles)
    context = multiprocessing.get_context("fork")
    chunk = 50
    tasks = [(i, min(i + chunk, len(articles))) for i in range(0, len(articles), chunk)]
    with context.Pool(processes) as pool:
        pool.map(_worker, [(0, 1)] * processes, chunksize=1)  # start and warm every worker
        start = time.perf_counter()
        results = pool.map(_worker, tasks, chunksize=1)
        seconds = time.perf_counter() - start
    done = sum(r[0] for r in results)
    cpu = sum(r[1] for r in results)
    return {"processes": processes, "articles": done, "seconds": seconds,
            "articles_per_s": done / seconds, "articles_per_s_per_core": done / seconds / processes,
            "articles_per_cpu_s": done / cpu if cpu else None,
            "worker_peak_rss_mib": max(r[2] for r in results) / 1024}


# ---------------------------------------------------------------------------- report


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def machine() -> dict[str, object]:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cpu": model, "cores": len(os.sched_getaffinity(0)), "platform": platform.platform(),
            "python": platform.python_version(), "load_average": os.getloadavg(),
            "extractor_version": kg.EXTRACTOR_VERSION}


def print_report(report: dict) -> None:
    single = report["single"]
    print(f"\nconversion benchmark — {report['date']} — {report['machine']['cpu']}, "
          f"{report['machine']['cores']} cores, load {report['machine']['load_average'][0]:.2f}")
    print(f"corpus: {report['corpus']} ({single['articles']} articles, "
          f"mean {report['mean_words']:.0f} words; read {report['read_articles_per_s']:.0f}/s)")
    print(f"converter start-up (data + matcher + first article): {report['startup_s']:.2f} s")
    print(f"\n{'measure':<38}{'value':>14}")
    rows = [
        ("articles/s, 1 process (per core)", f"{single['articles_per_s']:.1f}"),
        ("  … per CPU second (less load-sensitive)", f"{single['articles_per_cpu_s']:.1f}"),
        ("target articles/s per core", f"{TARGET}"),
        ("words/s, 1 process", f"{single['words_per_s']:.0f}"),
        ("ms per article p50 / p95", f"{single['p50_ms']:.2f} / {single['p95_ms']:.2f}"),
        ("quads per article", f"{single['quads_per_article']:.0f}"),
        ("incidents / directives per article",
         f"{single['incidents_per_article']:.1f} / {single['directives_per_article']:.1f}"),
        ("failed articles", f"{single['failed']}"),
        ("peak RSS, MiB: after reading / end",
         f"{report['rss_after_read_mib']:.0f} / {report['peak_rss_mib']:.0f}"),
        ("peak Python heap per article, MiB", f"{report['traced_peak_mib']:.2f}"),
    ]
    multi = report.get("parallel")
    if multi:
        rows.append((f"articles/s, {multi['processes']} processes",
                     f"{multi['articles_per_s']:.1f}"))
        rows.append(("  … per core", f"{multi['articles_per_s_per_core']:.1f}"))
        rows.append(("  … per CPU second of the workers", f"{multi['articles_per_cpu_s']:.1f}"))
        rows.append(("  peak RSS per worker, MiB", f"{multi['worker_peak_rss_mib']:.0f}"))
    for label, value in rows:
        print(f"{label:<38}{value:>14}")
    stages = report.get("stages")
    if stages:
        print(f"\n{'stage':<22}{'ms/article':>12}{'share':>8}")
        for name, ms in stages.items():
            if name != "total":
                print(f"{name:<22}{ms:>12.2f}{ms / stages['total']:>8.0%}")
        print(f"{'total':<22}{stages['total']:>12.2f}")
    hot = report.get("profile")
    if hot:
        print(f"\n{'hotspot (own time)':<70}{'ms/art':>8}{'calls/art':>10}")
        for row in hot["functions"][:15]:
            print(f"{row['function'][:69]:<70}{row['own_ms']:>8.2f}"
                  f"{row['calls_per_article']:>10.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="input file or folder (default: generate)")
    parser.add_argument("--count", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--processes", type=int, default=2, help="0 skips the parallel run")
    parser.add_argument("--stage-sample", type=int, default=2000, help="0 skips the breakdown")
    parser.add_argument("--profile", type=int, default=1000, help="articles; 0 skips cProfile")
    parser.add_argument("--out", type=Path, default=OUT / "convert_speed.json")
    args = parser.parse_args(argv)

    report: dict[str, object] = {"date": dt.datetime.now().isoformat(timespec="seconds"),
                                 "machine": machine()}
    corpus = args.corpus
    if corpus is None:
        corpus, generation_s = generated_corpus(args.count, args.seed)
        report["generation_s"] = generation_s
    articles, read_s, bad = load_corpus(corpus)
    if not articles:
        print(f"{corpus}: no articles", file=sys.stderr)
        return 1
    report["rss_after_read_mib"] = _max_rss_mib()
    report.update(corpus=str(corpus), read_s=read_s, bad_inputs=bad,
                  read_articles_per_s=len(articles) / read_s,
                  mean_words=statistics.fmean(len(a.text.split()) for a in articles))

    start = time.perf_counter()
    converter = Converter()
    convert_all(converter, articles[:1])
    report["startup_s"] = time.perf_counter() - start

    latencies: list[float] = []
    stats = convert_all(converter, articles, latencies)
    n = max(stats.articles, 1)
    cuts = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else latencies * 19
    report["single"] = {
        "articles": stats.articles, "failed": stats.failed, "seconds": stats.seconds,
        "articles_per_s": stats.articles / stats.seconds,
        "articles_per_cpu_s": stats.articles / stats.cpu_seconds,
        "words_per_s": report["mean_words"] * stats.articles / stats.seconds,
        "p50_ms": 1000 * cuts[9],
        "p95_ms": 1000 * cuts[18], "quads_per_article": stats.quads / n,
        "incidents_per_article": stats.incidents / n,
        "directives_per_article": stats.directives / n}
    report["peak_rss_mib"] = _max_rss_mib()
    report["traced_peak_mib"] = traced_peak(converter, articles[:200])
    if args.stage_sample:
        report["stages"] = stage_breakdown(converter, articles[:args.stage_sample])
    if args.profile:
        OUT.mkdir(parents=True, exist_ok=True)
        report["profile"] = profile(converter, articles[:args.profile], OUT / "convert.prof")
    if args.processes > 0:
        report["parallel"] = parallel(converter, articles, args.processes)
    report["target_met"] = report["single"]["articles_per_s"] >= TARGET  # type: ignore[index]

    print_report(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
