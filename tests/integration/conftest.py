import time

import pytest


@pytest.fixture
def live_worker(transactional_db):
    """A real Celery worker thread consuming from the configured broker (Redis or filesystem)."""
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=15, loglevel="WARNING"):
            yield app
    finally:
        app.conf.task_always_eager = True


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")
