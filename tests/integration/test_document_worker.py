"""Documents verified by real Celery workers on the configured broker (filesystem or Redis).

- a worker thread verifies uploads and the application becomes submittable;
- with the broker down the upload still succeeds, and the sweeper gets it verified later;
- a worker process killed with SIGKILL mid-verification loses nothing: the sweeper takes the
  claim back and a new worker completes it once, with no duplicate check rows.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from onboarding.models import AuditEvent, Document, DocumentCheck, DocumentStatus
from onboarding.services.verification import documents_sweep, item_spec
from onboarding.verification.pipeline import planned_checks
from tests.integration.conftest import wait_for
from tests.integration.sqlite_sharing import readers_skip_table_locks as readers_skip_table_locks
from tests.onboarding.documents.helpers import CN_CODE, CN_NAME, photo, upload
from tests.onboarding.verification import corpus

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("readers_skip_table_locks")]
ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def statuses(merchant) -> set[str]:
    return set(Document.objects.filter(merchant=merchant).values_list("status", flat=True))


@pytest.fixture
def us_owner(user_factory, merchant_factory, settings):
    settings.DOCUMENT_OCR = False  # this test is about the worker, not about reading text
    owner = user_factory(email="worker-owner@example.com")
    merchant_factory(owner=owner, country="US", registration_number="04-2103594")
    return owner


def test_uploads_are_verified_by_a_real_worker_and_the_application_becomes_submittable(
    live_worker, us_owner, client
):
    client.force_login(us_owner)
    merchant = us_owner.membership.merchant
    upload(
        client,
        {
            "company_registration__": ("registration.jpg", photo(seed=1)),
            "bank_account_proof__": ("bank.jpg", photo(seed=2)),
            "representative_id__": ("passport.jpg", photo(seed=3)),
        },
        expires={"representative_id__": "2032-06-30"},
    )
    wait_for(lambda: statuses(merchant) == {"passed"}, timeout=60)
    for document in Document.objects.filter(merchant=merchant):
        stored = list(document.checks.values_list("name", flat=True))
        assert stored == list(planned_checks(item_spec(document)))
    assert client.get(reverse("api_requirements")).json()["can_submit"] is True
    assert client.post(reverse("application_submit")).status_code == 302
    merchant.application.refresh_from_db()
    assert merchant.application.status == "submitted"


@pytest.fixture
def broker_down(live_worker):
    """Publishing fails as it does when Redis is down; the running worker is left alone."""
    conf = live_worker.conf
    original = conf.broker_url
    conf.broker_url = UNREACHABLE_BROKER
    live_worker.amqp._producer_pool = None

    def restore():
        conf.broker_url = original
        live_worker.amqp._producer_pool = None

    yield restore
    restore()


def test_upload_succeeds_while_the_broker_is_down_and_the_sweeper_verifies_it_later(
    broker_down, us_owner, client, settings
):
    client.force_login(us_owner)
    started = time.monotonic()
    response = upload(client, {"bank_account_proof__": ("bank.jpg", photo())})
    assert response.status_code == 302 and time.monotonic() - started < 5
    document = Document.objects.get(requirement="bank_account_proof")
    time.sleep(1)
    document.refresh_from_db()
    assert (document.status, document.attempts) == ("uploaded", 0)  # waiting, not lost

    broker_down()  # the broker is back
    settings.DOCUMENT_SWEEP_WAITING_AFTER = 0
    assert documents_sweep()["enqueued"] == 1
    wait_for(lambda: Document.objects.get(pk=document.pk).status == "passed", timeout=60)


# --- a worker process killed mid-verification ----------------------------------------------


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """The test database under a name another process can open.

    PostgreSQL: the test database itself. SQLite: the test database is in memory, so it is
    copied into a file and this process switches to that file for the test's duration.
    """
    if connection.vendor != "sqlite":
        yield connection.settings_dict["NAME"]
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    in_memory, original_name = connection.connection, connection.settings_dict["NAME"]
    with sqlite3.connect(path) as copy:
        in_memory.backup(copy)
    connection.connection = None  # the next query opens the file; the memory db stays alive
    connection.settings_dict["NAME"] = str(path)
    try:
        yield str(path)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original_name
        connection.connection = in_memory


@pytest.fixture
def start_worker(shared_database, tmp_path, settings):
    """Start `celery -A config worker` processes sharing this test's database and broker."""
    processes: list[subprocess.Popen] = []
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.integration.worker_settings",
        "PYTHONPATH": str(ROOT),
        "KAITONG_SHARED_DB_NAME": shared_database,
        "KAITONG_SHARED_BROKER_DIR": str(settings.CELERY_BROKER_DIR),
        "KAITONG_SHARED_PRIVATE_DIR": settings.STORAGES["private"]["OPTIONS"]["location"],
        "KAITONG_SHARED_VAR_DIR": str(tmp_path),
    }

    def start(name: str) -> subprocess.Popen:
        command = [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            "worker",
            "-P",
            "prefork",
            "-c",
            "1",
            "-n",
            f"{name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ]
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            start_new_session=True,  # its own process group: SIGKILL reaches the pool child too
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / f"{name}.log").open("wb"),
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def test_worker_killed_mid_verification_loses_nothing_and_it_completes_once(
    start_worker, user_factory, merchant_factory, client, settings
):
    corpus.require_ocr_environment()
    owner = user_factory(email="kill-owner@example.com")
    merchant_factory(owner=owner, country="CN", legal_name=CN_NAME, registration_number=CN_CODE)
    client.force_login(owner)
    # A large licence photo: Tesseract reads it for seconds, the window to kill the worker in.
    licence = corpus.jpeg_bytes(
        corpus.licence_image(corpus.LicenceFace(CN_CODE), width=3200), quality=90
    )
    from config.celery_app import app

    app.conf.task_always_eager = False
    try:
        upload(client, {"business_licence__": ("licence.jpg", licence)})
    finally:
        app.conf.task_always_eager = True
    document = Document.objects.get(requirement="business_licence")

    first = start_worker("first")

    def mid_verification() -> bool:
        document.refresh_from_db()
        return document.status == "verifying" and document.checks.exists()

    wait_for(mid_verification, timeout=90, interval=0.05)
    kill(first)
    document.refresh_from_db()
    assert document.status == DocumentStatus.VERIFYING, "the worker finished before the kill"
    assert document.attempts == 1

    settings.DOCUMENT_SWEEP_STUCK_AFTER = 0
    settings.DOCUMENT_SWEEP_WAITING_AFTER = 0
    app.conf.task_always_eager = False
    try:
        assert documents_sweep() == {"released": 1, "enqueued": 1, "waiting": 1}
    finally:
        app.conf.task_always_eager = True
    start_worker("second")
    wait_for(lambda: Document.objects.get(pk=document.pk).status == "passed", timeout=120)

    document.refresh_from_db()
    assert document.attempts == 2
    names = list(DocumentCheck.objects.filter(document=document).values_list("name", flat=True))
    assert names == list(planned_checks(item_spec(document)))  # each check once, in order
    moves = list(
        AuditEvent.objects.filter(subject_type="onboarding.document", subject_id=str(document.pk))
        .filter(action="transition")
        .values_list("from_status", "to_status")
    )
    assert moves == [
        ("uploaded", "verifying"),
        ("verifying", "uploaded"),
        ("uploaded", "verifying"),
        ("verifying", "passed"),
    ]
    renditions = Path(settings.STORAGES["private"]["OPTIONS"]["location"]) / "renditions"
    assert len(list(renditions.rglob("*.*"))) == 2  # one copy and one thumbnail, no orphans
