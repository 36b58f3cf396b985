"""Run the real Oxigraph SPARQL server (the ``oxigraph`` CLI) over a store directory.

The ``oxigraph`` PyPI package is the same version as ``pyoxigraph``, so the server reads the
store ``kg build`` wrote. Read-only by default (``oxigraph serve-read-only``): it runs beside
a ``kg build`` and answers from the store as it was when the server started. ``writable``
runs ``oxigraph serve``, which takes the store's lock (so ``kg build --store DIR`` waits for
it to stop) and accepts SPARQL Update and Graph Store writes, e.g. from
``kg build --store http://…``. The server evaluates the default graph as the union of all
graphs, as ``kg query`` does, so a saved query pasted into YASGUI gives the same rows.

Endpoints: YASGUI at ``/``, SPARQL 1.1 Protocol at ``/query`` and ``/update``, Graph Store
Protocol at ``/store?graph=…``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import weakref
from pathlib import Path

from kg.errors import KgError, StoreError

STARTUP_SECONDS = 15.0
STOP_SECONDS = 5.0
_WILDCARDS = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1", "[::]": "::1"}


def oxigraph_binary() -> Path:
    """The ``oxigraph`` executable: next to this Python (its venv's ``bin``), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise KgError("the Oxigraph server is not installed: pip install the 'oxigraph' "
                      "package (the same version as pyoxigraph)")
    return Path(found)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now (the OS picks it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_in_use(host: str, port: int) -> bool:
    """Whether something already accepts connections on ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def host_for_url(host: str) -> str:
    """``host`` as written in a URL (IPv6 in brackets).

    >>> host_for_url("::1"), host_for_url("127.0.0.1")
    ('[::1]', '127.0.0.1')
    """
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


class OxigraphServer:
    """One ``oxigraph serve[-read-only]`` process; use as a context manager or start/stop.

    ``timeout`` (seconds) makes the server abandon a SPARQL query that runs longer.
    """

    def __init__(self, location: str | os.PathLike[str], *, bind: str = "127.0.0.1",
                 port: int = 7878, writable: bool = False, timeout: int | None = None) -> None:
        self.location = Path(location)
        self.bind = bind
        self.port = port
        self.writable = writable
        self.timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr = None

    # addresses ---------------------------------------------------------------------
    @property
    def local_host(self) -> str:
        """The address clients on this machine use (a wildcard bind maps to loopback)."""
        return _WILDCARDS.get(self.bind, self.bind).strip("[]")

    @property
    def url(self) -> str:
        return f"http://{host_for_url(self.bind.strip('[]') or '127.0.0.1')}:{self.port}"

    @property
    def local_url(self) -> str:
        return f"http://{host_for_url(self.local_host)}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.local_url + "/query"

    # life cycle --------------------------------------------------------------------
    def command(self) -> list[str]:
        mode = "serve" if self.writable else "serve-read-only"
        args = [str(oxigraph_binary()), mode, "--location", str(self.location),
                "--bind", f"{host_for_url(self.bind.strip('[]'))}:{self.port}",
                "--union-default-graph"]
        if self.timeout is not None:
            args += ["--timeout-s", str(self.timeout)]
        return args

    def start(self, wait: float = STARTUP_SECONDS) -> OxigraphServer:
        """Start the server and return once it answers SPARQL; errors are one line."""
        if self._process is not None:
            raise KgError("the server is already running")
        if not self.writable and not self.location.is_dir():
            raise StoreError(f"{self.location}: no store here (run 'kg build' first)")
        if port_in_use(self.local_host, self.port):
            raise KgError(self._port_taken())
        self._stderr = tempfile.TemporaryFile()
        env = dict(os.environ, RUST_BACKTRACE="0", RUST_LIB_BACKTRACE="0")
        self._process = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=self._stderr,
                                         env=env)
        # a server object dropped, or a script that dies, must not leave the server running
        weakref.finalize(self, _terminate, self._process)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise self._startup_error()
            if self._answers():
                if self._process.poll() is not None:  # someone else answered
                    raise self._startup_error()
                return self
            time.sleep(0.05)
        self.stop()
        raise KgError(f"the Oxigraph server did not answer on {self.url} within {wait:g} s")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=1) as r:
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def _startup_error(self) -> KgError:
        """The server's own error line, translated when the cause is a common one."""
        self._process = None
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace")
        self._stderr.close()
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        line = next((ln for ln in lines if ln.startswith("Error")), lines[0] if lines else "")
        if "lock" in line.lower():
            return StoreError(f"{self.location}: the store is locked by another process (its "
                              "LOCK file is held, e.g. by 'kg build' or a writable 'kg serve');"
                              " serve it read-only or wait for that process to finish")
        if "address already in use" in line.lower():
            return KgError(self._port_taken())
        if "CURRENT" in line or "No such file" in line:
            return StoreError(f"{self.location}: no store here (run 'kg build' first)")
        return KgError(f"the Oxigraph server stopped: {line or 'no message'}")

    def _port_taken(self) -> str:
        return (f"cannot listen on {self.bind}:{self.port}: the port is already in use "
                "(choose another with --port)")

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def wait(self) -> int:
        """Block until the server process ends; its exit status."""
        if self._process is None:
            return 0
        return self._process.wait()

    def stop(self, grace: float = STOP_SECONDS) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after ``grace`` seconds)."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._stderr is not None and not self._stderr.closed:
            self._stderr.close()

    def __enter__(self) -> OxigraphServer:
        return self.start() if self._process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _terminate(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
