"""Run the remote-store integration against Virtuoso and report what differs from Oxigraph.

Needs Debian's ``virtuoso-opensource`` (``virtuoso-t``); without it the script says so and
stops (it is not part of CI). It starts a throw-away Virtuoso on free loopback ports in a
temporary directory (user ``dba``, password ``dba``, as for every new Virtuoso database),
builds the seed corpus into it through ``kg.remote.RemoteStore`` and into an embedded
store, then compares: every saved query (required parameters, then each optional one
bound), the named graphs, ``kg export`` (blank nodes canonicalised) and ``kg stats``.

    python -m bench.virtuoso [--corpus corpus] [--json bench/out/virtuoso.json]

Virtuoso endpoints: queries at ``/sparql``, updates at ``/sparql-auth`` and the Graph Store
at ``/sparql-graph-crud-auth`` (both need Digest authentication), i.e. the location
``http://dba:dba@127.0.0.1:PORT/#query=sparql&update=sparql-auth&store=sparql-graph-crud-auth``.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from pyoxigraph import CanonicalizationAlgorithm, Dataset, RdfFormat, parse

from bench.load import sample
from kg.build import build
from kg.errors import KgError
from kg.export import export
from kg.queries import load_queries, run_query
from kg.remote import RemoteStore
from kg.server import free_port
from kg.stats import stats
from kg.store import KgStore

ROOT = Path(__file__).resolve().parent.parent
INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql}
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = {http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def start(directory: Path) -> tuple[subprocess.Popen, str]:
    """A fresh Virtuoso in ``directory``; its process and kg location URL."""
    sql, http = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(d=directory, sql=sql, http=http), encoding="utf-8")
    process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               cwd=directory)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"virtuoso-t stopped; see {directory / 'virtuoso.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{http}/sparql?query=ASK%7B%7D",
                                        timeout=2):
                break
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    else:
        process.terminate()
        raise SystemExit("virtuoso-t did not answer within 60 s")
    return process, (f"http://dba:dba@127.0.0.1:{http}/"
                     "#query=sparql&update=sparql-auth&store=sparql-graph-crud-auth")


def canonical(store, graphs: set[str]) -> Dataset:
    out = io.BytesIO()
    export(store, out, "nq")
    data = Dataset(q for q in parse(out.getvalue(), format=RdfFormat.N_QUADS)
                   if q.graph_name.value in graphs)
    data.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    return data


def compare(local: KgStore, remote: RemoteStore) -> dict:
    """Every difference found, by check; an empty list means the same answer."""
    found: dict[str, list[str]] = {}
    for name, query in sorted(load_queries().items()):
        optional = [None] + [p.name for p in query.params if not p.required]
        for extra in optional:
            label = name + (f" --param {extra}" if extra else "")
            params = {p.name: sample(local, p) for p in query.params
                      if p.required or p.name == extra}
            expected = run_query(local.raw, query, params)
            try:
                got = run_query(remote.raw, query, params)
            except KgError as err:
                found[label] = [f"error: {err}"]
                continue
            found[label] = _rows_differ(expected, got)
    local_graphs = {g.value for g in local.named_graphs()}
    remote_graphs = {g.value for g in remote.named_graphs()}
    found["named graphs"] = [f"only on the server: {g}" for g in sorted(remote_graphs -
                                                                         local_graphs)]
    found["named graphs"] += [f"missing on the server: {g}" for g in sorted(local_graphs -
                                                                            remote_graphs)]
    same = canonical(local, local_graphs) == canonical(remote, local_graphs)
    found["export (kg graphs, canonical)"] = [] if same else ["the datasets differ"]
    a, b = stats(local), stats(remote)
    found["stats"] = [f"{k}: {a.by_class[k]} here, {b.by_class[k]} there"
                      for k in a.by_class if a.by_class[k] != b.by_class[k]]
    if a.articles != b.articles:
        found["stats"].append(f"articles: {a.articles} here, {b.articles} there")
    return found


def _rows_differ(expected, got) -> list[str]:
    out = []
    if got.variables != expected.variables:
        out.append(f"columns {got.variables} instead of {expected.variables}")
    if got.boolean != expected.boolean:
        out.append(f"boolean {got.boolean} instead of {expected.boolean}")
    if got.rows != expected.rows:
        missing = [r for r in expected.rows if r not in got.rows]
        extra = [r for r in got.rows if r not in expected.rows]
        out.append(f"{len(got.rows)} rows instead of {len(expected.rows)}; "
                   f"{len(missing)} missing, {len(extra)} extra" +
                   ("; same rows, other order" if not missing and not extra else ""))
        for row in (missing[:1] + extra[:1]):
            out.append(f"e.g. {'missing' if row in missing else 'extra'}: "
                       + " ".join("-" if t is None else str(t) for t in row))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--json", type=Path, help="also write the findings here")
    args = parser.parse_args(argv)
    if shutil.which("virtuoso-t") is None:
        print("skipped: virtuoso-t is not installed "
              "(apt-get install virtuoso-opensource; not needed for CI)")
        return 0
    with tempfile.TemporaryDirectory(prefix="kg-virtuoso-") as tmp:
        process, location = start(Path(tmp))
        try:
            with KgStore(Path(tmp) / "local") as local:
                assert build([args.corpus], local).ok
            started = time.monotonic()
            with RemoteStore(location) as remote:
                report = build([args.corpus], remote)
                seconds = time.monotonic() - started
                print(f"built {len(report.built)} articles into Virtuoso in {seconds:.1f} s; "
                      f"errors: {report.errors or 'none'}")
                with KgStore(Path(tmp) / "local", read_only=True) as local:
                    found = compare(local, RemoteStore(location, read_only=True))
        finally:
            process.terminate()
            process.wait(60)
    for check, problems in found.items():
        print(f"{'same' if not problems else 'DIFFERS'}  {check}")
        for line in problems:
            print(f"        {line[:300]}")
    if args.json:
        args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
