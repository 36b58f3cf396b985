"""Bounded concurrent SPARQL load against ``kg serve`` (the Oxigraph server) on 127.0.0.1.

Each of ``--concurrency`` workers keeps one HTTP/1.1 connection open and sends SPARQL
Protocol POSTs (JSON results) until ``--requests`` have been sent in total or
``--duration`` seconds have passed, whichever comes first. The requests cycle through the
saved queries (parameters filled with values found in the store and bound with a ``VALUES``
block, as ``kg query --store http://…`` does) and a cheap ``ASK``; ``--mix lookups`` (the
default) asks per article or per item, ``--mix full`` runs the whole listings. Reported:
requests, errors by kind, throughput, latency p50 / p90 / p99 / max, and p50 per query.

    python -m bench.load                                  # builds bench/out/load-store once
    python -m bench.load --store kg-store --concurrency 8 --requests 5000 --duration 30
    python -m bench.load --url http://127.0.0.1:7878      # a kg serve already running

Only loopback addresses are accepted: this is a bench, not a load generator for others'
servers.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import random
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import build
from kg.catalog import example_value
from kg.namespaces import KG
from kg.queries import bind_params, load_queries
from kg.remote import RemoteStore
from kg.server import OxigraphServer, free_port
from kg.sparql_values import bind_values
from kg.store import KgStore

OUT = Path(__file__).resolve().parent / "out"
MAX_CONCURRENCY = 64
MAX_REQUESTS = 100_000
MAX_DURATION = 600.0
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
LOOKUPS = ("evidence", "source-reports", "place-hierarchy")
ASK = ("ask", "ASK { ?s a <https://w3id.org/nkkg/ontology#Incident> }")


@dataclass
class Tally:
    """What the workers saw; one lock guards it."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    sent: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def workload(url: str, mix: str, articles: int = 20) -> list[tuple[str, str]]:
    """(name, SPARQL text) pairs to cycle through.

    ``lookups``: the saved queries that take an article, each bound to ``articles``
    different articles, plus the single-item queries (evidence, source, place hierarchy)
    and an ASK: what a page or an API call asks. ``full``: every saved query with only its
    required parameters, i.e. whole listings (thousands of rows on a big store).
    """
    store = RemoteStore(url, read_only=True)
    queries = load_queries()
    out = []
    if mix == "lookups":
        ids = [row["v"].value for row in store.query(
            f"SELECT ?v WHERE {{ ?v a kg:Article }} ORDER BY ?v LIMIT {articles}",
            prefixes={"kg": KG})]
        for name, query in sorted(queries.items()):
            if any(p.name == "article" for p in query.params):
                out += [(name, _bound(store, query, {"article": i})) for i in ids]
    chosen = LOOKUPS if mix == "lookups" else sorted(queries)
    for name in chosen:
        query = queries[name]
        params = {p.name: sample(store, p) for p in query.params if p.required}
        out.append((name, _bound(store, query, params)))
    return [*out, ASK]


def sample(store, param) -> str:
    """A value for ``param`` found in ``store`` (the first in IRI / lexical order)."""
    value = example_value(store, param)
    if value is None:
        raise SystemExit(f"the store has no example value for parameter {param.name!r}")
    return value


def _bound(store: RemoteStore, query, params: dict[str, str]) -> str:
    return bind_values(query.text, bind_params(store.raw, query, params))


def worker(host: str, port: int, jobs, tally: Tally, limit: int, deadline: float) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        for name, body in jobs:
            with tally.lock:
                if tally.sent >= limit or time.monotonic() >= deadline:
                    return
                tally.sent += 1
            start = time.perf_counter()
            try:
                connection.request("POST", "/query", body=body, headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/sparql-results+json"})
                response = connection.getresponse()
                response.read()
                kind = None if response.status == 200 else f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as err:
                kind = type(err).__name__
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
            elapsed = time.perf_counter() - start
            with tally.lock:
                if kind is None:
                    tally.latencies.setdefault(name, []).append(elapsed)
                else:
                    tally.errors[kind] += 1
    finally:
        connection.close()


def run(url: str, concurrency: int, requests: int, duration: float, mix: str) -> dict:
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit(f"{url}: only loopback servers (127.0.0.1) are benched")
    items = workload(url, mix)
    random.Random(0).shuffle(items)
    bodies = [(name, urllib.parse.urlencode({"query": text, "union-default-graph": ""}))
              for name, text in items]
    tally = Tally()
    start = time.monotonic()
    deadline = start + duration
    threads = [threading.Thread(target=worker, args=(
        parts.hostname, parts.port, itertools.islice(itertools.cycle(bodies), i, None),
        tally, requests, deadline)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"mix": mix, **report(tally, time.monotonic() - start, concurrency, len(items))}


def report(tally: Tally, elapsed: float, concurrency: int, kinds: int) -> dict:
    every = sorted(x for values in tally.latencies.values() for x in values)

    def pct(q: float) -> float:
        return round(1000 * every[min(len(every) - 1, int(q * len(every)))], 2) if every else 0

    return {
        "concurrency": concurrency, "distinct requests": kinds, "requests": tally.sent,
        "ok": len(every), "errors": dict(tally.errors), "seconds": round(elapsed, 2),
        "requests/s": round(tally.sent / elapsed, 1) if elapsed else 0,
        "latency ms": {"p50": pct(0.50), "p90": pct(0.90), "p99": pct(0.99),
                       "max": round(1000 * every[-1], 2) if every else 0},
        "p50 ms by query": {name: round(1000 * statistics.median(values), 2)
                            for name, values in sorted(tally.latencies.items())},
    }


def ensure_store(path: Path, articles: int) -> Path:
    """A store of ``articles`` generated articles, built once (no SHACL, for speed)."""
    if path.is_dir():
        return path
    from bench.generate import generate, write_jsonl

    corpus = OUT / f"load-corpus-{articles}.jsonl"
    OUT.mkdir(exist_ok=True)
    write_jsonl(generate(articles, seed=1), corpus)
    with KgStore(path) as store:
        built = build([corpus], store, validate=False)
    print(f"built {len(built.built)} articles into {path}")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running kg serve on loopback (else one is started)")
    parser.add_argument("--store", type=Path, default=OUT / "load-store")
    parser.add_argument("--articles", type=int, default=1000,
                        help="generated articles when --store does not exist yet")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds, at most")
    parser.add_argument("--mix", choices=("lookups", "full"), default="lookups",
                        help="per-article lookups, or every saved query as a listing")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not (1 <= args.concurrency <= MAX_CONCURRENCY and 1 <= args.requests <= MAX_REQUESTS
            and 0 < args.duration <= MAX_DURATION):
        parser.error(f"bounds: concurrency 1..{MAX_CONCURRENCY}, requests "
                     f"1..{MAX_REQUESTS}, duration up to {MAX_DURATION:g} s")
    if args.url:
        figures = run(args.url, args.concurrency, args.requests, args.duration, args.mix)
    else:
        store = ensure_store(args.store, args.articles)
        with OxigraphServer(store, port=free_port()) as server:
            figures = run(server.url, args.concurrency, args.requests, args.duration,
                          args.mix)
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
