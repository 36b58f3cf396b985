"""``kg serve``: the real Oxigraph server over the seed store, from Python and as a command."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.errors import KgError, QueryError, StoreError
from kg.remote import RemoteStore
from kg.server import OxigraphServer, free_port, port_in_use
from kg.store import KgStore
from tests.conftest import ROOT

SERVE = [sys.executable, "-c", "from kg.cli_serve import serve; serve()"]
COUNT_INCIDENTS = ("SELECT (COUNT(DISTINCT ?i) AS ?n) "
                   "WHERE { ?i a <https://w3id.org/nkkg/ontology#Incident> }")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def served(seed_store_dir):
    with OxigraphServer(seed_store_dir, port=free_port()) as srv:
        yield srv


def get(url: str, **params: str) -> tuple[str, str]:
    full = url + ("?" + urllib.parse.urlencode(params) if params else "")
    request = urllib.request.Request(full, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get_content_type(), response.read().decode("utf-8")


def serve_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SERVE, *args], capture_output=True, text=True, timeout=30,
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def test_the_sparql_protocol_answers_like_the_embedded_store(served, seed_store_dir):
    content_type, body = get(served.query_url, query=COUNT_INCIDENTS)
    assert content_type == "text/csv"
    served_count = int(list(csv.reader(io.StringIO(body)))[1][0])
    with KgStore(seed_store_dir, read_only=True) as store:
        embedded = int(next(iter(store.query(COUNT_INCIDENTS)))["n"].value)
    assert served_count == embedded > 0


def test_the_default_graph_is_the_union_as_in_kg_query(served):
    """Article triples live in named graphs; a query without GRAPH still finds them."""
    _, body = get(served.query_url, query="ASK { ?s a <https://w3id.org/nkkg/ontology#Article> }")
    assert body.strip() == "true"


def test_the_root_page_is_yasgui(served):
    content_type, body = get(served.url + "/")
    assert content_type == "text/html" and "yasgui" in body.lower()


@pytest.mark.skipif(BROWSER is None, reason="chromium is not installed "
                    "(apt-get install -y --no-install-recommends chromium)")
def test_yasgui_loads_in_a_headless_browser(served):
    """The page's script ran: YASGUI built its tabs and editor inside the empty div."""
    dom = subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu",
                          "--disable-background-networking", "--disable-component-update",
                          "--no-first-run", "--dump-dom", served.url + "/"],
                         capture_output=True, text=True, timeout=60).stdout
    _, served_html = get(served.url + "/")
    for marker in ('class="yasgui"', 'role="tabpanel"', "CodeMirror"):
        assert marker in dom and marker not in served_html


def test_a_read_only_server_refuses_graph_store_writes(served):
    request = urllib.request.Request(served.local_url + "/store?graph=http://example.org/g",
                                     data=b"", method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == 403


def test_server_timeout_abandons_a_long_query(seed_store_dir):
    with OxigraphServer(seed_store_dir, port=free_port(), timeout=1) as srv:
        store = RemoteStore(srv.url, read_only=True, timeout=5)
        start = time.monotonic()
        with pytest.raises(QueryError, match="cancelled"):
            list(store.query(SLOW))
        assert time.monotonic() - start < 10
        assert next(iter(store.query(COUNT_INCIDENTS)))["n"].value != "0"  # still serving


@pytest.mark.parametrize("make_error", ["port", "lock", "missing"])
def test_startup_errors_are_one_line(seed_store_dir, tmp_path, make_error):
    port = free_port()
    if make_error == "port":
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))
            sock.listen()
            with pytest.raises(KgError, match="already in use") as err:
                OxigraphServer(seed_store_dir, port=port).start()
    elif make_error == "lock":
        with KgStore(tmp_path / "held"):  # a writer holds the store's LOCK
            with pytest.raises(StoreError, match="LOCK") as err:
                OxigraphServer(tmp_path / "held", port=port, writable=True).start()
    else:
        with pytest.raises(StoreError, match="no store here") as err:
            OxigraphServer(tmp_path / "none", port=port).start()
    assert "\n" not in str(err.value)
    assert not port_in_use("127.0.0.1", port) or make_error == "port"


# --- the command ----------------------------------------------------------------------------

def test_kg_serve_prints_the_url_answers_and_stops_on_ctrl_c(seed_store_dir):
    port = free_port()
    process = subprocess.Popen([*SERVE, "--store", str(seed_store_dir), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line and "read-only" in line
        _, body = get(f"http://127.0.0.1:{port}/query", query=COUNT_INCIDENTS)
        assert int(body.splitlines()[1]) > 0
        process.send_signal(signal.SIGINT)
        # a guard against a hang, not a timing: stopping takes ~1 s, at most the 5 s grace
        # before SIGKILL; a loaded CI machine once needed more than 15 s
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert err.strip() == "stopped"
    assert not port_in_use("127.0.0.1", port)  # the Oxigraph process is gone too


@pytest.mark.parametrize("case,message", [
    ("port", "already in use"),
    ("lock", "locked by another process"),
    ("missing", "no store here"),
])
def test_kg_serve_errors_are_one_line(seed_store_dir, tmp_path, case, message):
    port = free_port()
    store = {"missing": tmp_path / "none", "lock": tmp_path / "held"}.get(case, seed_store_dir)
    args = ["--store", str(store), "--port", str(port)] + (["--writable"] if case == "lock" else [])
    with socket.socket() as sock, KgStore(tmp_path / "held"):
        if case == "port":
            sock.bind(("127.0.0.1", port))
            sock.listen()
        result = serve_command(*args)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert message in result.stderr and "Traceback" not in result.stderr
