"""Foundation pages under gunicorn (2 workers) with 1,000 merchants seeded.

Prints requests/s, p50/p99 latency, SQL queries per request, and each page's throughput
as a ratio of a trivial view measured in the same run.
Targets: dashboard >= 0.5 of the trivial view; <= 8 queries per page whatever the data size.
Usage: .venv/bin/python bench/pages.py [--requests 2000]   (DATABASE_URL picks PostgreSQL)
"""

import argparse
import io
import time

from harness import count_queries, drive, gunicorn, prepare_environment, report, session_cookie_for


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--merchants", type=int, default=1000)
    args = parser.parse_args()

    prepare_environment()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("seed_demo", merchants=args.merchants, stdout=io.StringIO())
    print(
        f"database: {connection.vendor}; seeded {args.merchants} merchants "
        f"in {time.perf_counter() - started:.1f}s"
    )

    cookie, client = session_cookie_for("owner@demo-merchant.local")
    pages = [
        ("trivial view (/ping)", "/ping", ""),
        ("login page", "/accounts/login/", ""),
        ("dashboard (logged in)", "/dashboard/", cookie),
        ("/api/v1/application/", "/api/v1/application/", cookie),
    ]
    queries = {path: count_queries(client, path) for _, path, _ in pages}
    with gunicorn(workers=2) as port:
        for _, path, page_cookie in pages:  # warm up each worker
            drive(port, "warm", path, requests=40, cookie=page_cookie)
        results = []
        for name, path, page_cookie in pages:
            result = drive(port, name, path, requests=args.requests, cookie=page_cookie)
            result.queries = queries[path]
            results.append(result)
    print(f"{args.requests} requests per page, 8 concurrent connections, gunicorn 2 sync workers")
    report(results, results[0])
    dashboard = results[2]
    print(
        f"dashboard ratio {dashboard.rps / results[0].rps:.2f} (target >= 0.5); "
        f"max queries per page {max(queries.values())} (target <= 8)"
    )


if __name__ == "__main__":
    main()
