"""Verification as the product runs it, measured by bench/verification.py (not a script).

- documents verified per minute by one real worker: `celery -A config worker -c 1` in a
  subprocess, fed through the upload service (private storage, broker, claim, check rows);
- the web process's peak memory growth while it receives a 10 MB upload: gunicorn with one
  worker; its peak RSS (VmHWM) is reset before the upload and read after it.

Both need the embedded setup prepared by harness.prepare_environment (a throwaway var dir
with SQLite, the filesystem broker and private storage; DATABASE_URL / REDIS_URL if set).
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from harness import ROOT, free_port, session_cookie_for

CELERY = str(Path(sys.executable).with_name("celery"))


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what}: not within {timeout:.0f} s")


@contextmanager
def _process(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _owner(label: str):
    from onboarding.models import User
    from onboarding.services.merchants import merchant_create

    owner = User.objects.create_user(f"bench-{label}-{uuid.uuid4().hex[:8]}@example.com", "x")
    merchant_create(
        owner=owner,
        legal_name="上海开通科技有限公司",
        country="CN",
        registration_number="91310000MA1FL1XX76",
        industry="ecommerce",
        website="",
        contact_phone="+86 21 5555 0100",
    )
    return owner


def _distinct(jpeg: bytes, label: str) -> bytes:
    """The same picture with its own JPEG comment: another SHA-256, so no upload is an
    identical copy of another merchant's (the pHash still matches: a warning only)."""
    comment = label.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]


def documents_per_minute(data: bytes, *, count: int, ocr: bool) -> tuple[float, set[str]]:
    """Upload `count` licences (one per merchant) with one worker running; wall time until the
    last is verified. Returns documents per minute and the statuses they ended in."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from onboarding.health import worker_ok
    from onboarding.models import Document
    from onboarding.services.documents import NewUpload, documents_upload

    owners = [_owner("worker") for _ in range(count)]
    env = {**os.environ, "DOCUMENT_OCR": "true" if ocr else "false"}
    command = [CELERY, "-A", "config", "worker", "-P", "prefork", "-c", "1", "-n", "bench@%h"]
    command += ["--without-gossip", "--without-mingle", "--loglevel", "WARNING"]
    with _process(command, env):
        _wait(worker_ok, 90, "the worker did not start")
        started = time.perf_counter()
        ids = []
        for owner in owners:
            application = owner.membership.merchant.application
            content = _distinct(data, uuid.uuid4().hex)
            file = SimpleUploadedFile("licence.jpg", content, "image/jpeg")
            upload = NewUpload("business_licence", "", file)
            ids += [
                d.pk
                for d in documents_upload(application=application, actor=owner, uploads=[upload])
            ]
        waiting = Document.objects.filter(pk__in=ids, status__in=["uploaded", "verifying"])
        _wait(lambda: not waiting.exists(), 60 + count * 30, "verification")
        elapsed = time.perf_counter() - started
    statuses = set(Document.objects.filter(pk__in=ids).values_list("status", flat=True))
    return count / elapsed * 60, statuses


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _multipart(boundary: str, csrf: str, name: str, size: int) -> tuple[int, Iterator[bytes]]:
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; "
        f'name="file__bank_account_proof__"; filename="{name}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()

    def chunks() -> Iterator[bytes]:
        yield head
        block = os.urandom(64 * 1024)
        sent = 0
        while sent < size:
            piece = block[: min(len(block), size - sent)]
            sent += len(piece)
            yield piece
        yield tail

    return len(head) + size + len(tail), chunks()


def upload_peak_growth_mb(size: int) -> tuple[float, int]:
    """Peak RSS growth of the one gunicorn worker while it takes a `size`-byte upload."""
    owner = _owner("upload")
    cookie, _client = session_cookie_for(owner.email)
    csrf = uuid.uuid4().hex  # an unmasked 32-character token, matched by the cookie
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "1"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"]

    def post(body_size: int) -> int:
        boundary = uuid.uuid4().hex
        length, body = _multipart(boundary, csrf, "scan.jpg", body_size)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.putrequest("POST", "/documents/upload/")
        for header, value in {
            "Cookie": f"{cookie}; csrftoken={csrf}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(length),
        }.items():
            connection.putheader(header, value)
        connection.endheaders()
        for chunk in body:
            connection.send(chunk)
        status = connection.getresponse().status
        connection.close()
        return status

    with _process(command, dict(os.environ)) as server:
        _wait(lambda: bool(_children(server.pid)), 30, "gunicorn did not start")
        worker = _children(server.pid)[0]
        _wait(lambda: _port_open(port), 30, "gunicorn is not listening")
        post(200 * 1024)  # warm-up: imports, database connection, first-request caches
        Path(f"/proc/{worker}/clear_refs").write_text("5")  # reset the peak (VmHWM)
        before = _status_kb(worker, "VmRSS")
        status = post(size)
        peak = _status_kb(worker, "VmHWM")
    return (peak - before) / 1024, status


def _port_open(port: int) -> bool:
    try:
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
    except OSError:
        return False
    return True
