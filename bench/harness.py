"""Shared by the page benchmarks: a throwaway database, gunicorn, a load driver, query counts.

The driver runs in this process (a second process to gunicorn's), with a fixed number of
requests per page spread over a fixed number of concurrent connections.
"""

import collections
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare_environment() -> str:
    """A fresh var/ for SQLite runs; DATABASE_URL (PostgreSQL) is used as given."""
    var_dir = tempfile.mkdtemp(prefix="kaitong-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["KAITONG_VAR_DIR"] = var_dir
    os.environ["DEBUG"] = "False"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    return var_dir


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(workers: int = 2):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/ping")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


@dataclass
class LoadResult:
    name: str
    requests: int
    seconds: float
    latencies_ms: list[float]
    errors: int
    queries: int | None = None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def drive(
    port: int,
    name: str,
    path: str,
    *,
    requests: int,
    concurrency: int = 8,
    cookie: str = "",
    method: str = "GET",
    body: bytes | None = None,
    headers: dict | None = None,
    expect: int = 200,
) -> LoadResult:
    per_connection = requests // concurrency
    latencies: list[float] = []
    errors = 0
    failures: collections.Counter[str] = collections.Counter()
    lock = threading.Lock()
    send_headers = {"Cookie": cookie, **(headers or {})} if cookie else dict(headers or {})

    def run() -> None:
        nonlocal errors
        local, failed = [], 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_connection):
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=send_headers)
                response = connection.getresponse()
                response.read()
                if response.status != expect:
                    failed += 1
                    failures[str(response.status)] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as exc:
                failed += 1
                failures[type(exc).__name__] += 1
                connection.close()
            local.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(local)
            errors += failed

    threads = [threading.Thread(target=run) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = LoadResult(
        name, per_connection * concurrency, time.perf_counter() - started, latencies, errors
    )
    if failures:
        print(f"  {name}: unexpected answers {dict(failures)}")
    return result


def count_queries(client, path: str, method: str = "get", **kwargs) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    getattr(client, method)(path, **kwargs)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as captured:
        getattr(client, method)(path, **kwargs)
    return len(captured.captured_queries)


def session_cookie_for(email: str) -> tuple[str, object]:
    """Log in through the real session machinery; returns the Cookie header (session and CSRF
    cookies, as a browser sends after its first page) and the client."""
    from django.test import Client

    from onboarding.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=email))
    client.get("/dashboard/")  # as a browser does, it then holds the CSRF cookie too
    names = ("sessionid", "csrftoken")
    cookies = "; ".join(f"{name}={client.cookies[name].value}" for name in names)
    return cookies, client


def report(results: list[LoadResult], baseline: LoadResult) -> None:
    print(
        f"{'page':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'queries':>9}"
        f"{'vs trivial':>12}{'errors':>8}"
    )
    for result in results:
        queries = "-" if result.queries is None else str(result.queries)
        print(
            f"{result.name:<28}{result.rps:>9.1f}{result.percentile(50):>9.2f}"
            f"{result.percentile(99):>9.2f}{queries:>9}{result.rps / baseline.rps:>12.2f}"
            f"{result.errors:>8}"
        )
    print(f"(median of all latencies: {statistics.median(baseline.latencies_ms):.2f} ms trivial)")
