"""Liveness of the pieces /healthz reports: database, broker and workers."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

HEARTBEAT_KEY = "kaitong:worker-heartbeat"


def record_worker_heartbeat(hostname: str) -> None:
    cache.set(HEARTBEAT_KEY, {"at": time.time(), "worker": hostname}, timeout=3600)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def broker_ok() -> bool:
    from config.celery_app import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def worker_ok() -> bool:
    beat = cache.get(HEARTBEAT_KEY)
    limit = max(30, settings.WORKER_HEARTBEAT_SECONDS * 3)
    return bool(beat) and time.time() - beat["at"] <= limit


def health_report() -> tuple[bool, dict[str, str]]:
    checks = {"database": database_ok(), "broker": broker_ok(), "worker": worker_ok()}
    report = {name: ("up" if ok else "down") for name, ok in checks.items()}
    return all(checks.values()), report
