"""Verification in the worker: idempotent claims, progress, give-up, sweeper, real checks."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.db import OperationalError
from django.utils import timezone

from onboarding.models import AuditEvent, DocumentCheck, DocumentStatus
from onboarding.services import documents as document_services
from onboarding.services import verification
from onboarding.tasks import verify_uploaded_document
from onboarding.verification.pipeline import planned_checks
from tests.onboarding.documents.helpers import (
    CN_CODE,
    CN_NAME,
    check_reasons,
    only_document,
    photo,
    upload,
)
from tests.onboarding.verification import corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(us_owner, auth_client):
    """A bank letter uploaded but not verified yet (its on-commit enqueue never ran)."""
    upload(auth_client(us_owner), {"bank_account_proof__": ("bank.jpg", photo())})
    document = only_document(us_owner, "bank_account_proof")
    assert document.status == DocumentStatus.UPLOADED
    return document


def transitions_of(document) -> list[tuple[str, str]]:
    return list(
        AuditEvent.objects.filter(
            subject_type="onboarding.document", subject_id=str(document.pk), action="transition"
        ).values_list("from_status", "to_status")
    )


def test_running_the_task_twice_verifies_once(waiting):
    assert verify_uploaded_document.apply(args=[waiting.pk]).get() == "passed"
    assert verify_uploaded_document.apply(args=[waiting.pk]).get() == "not_claimed"
    waiting.refresh_from_db()
    names = list(waiting.checks.values_list("name", flat=True))
    assert names == list(planned_checks(verification.item_spec(waiting)))
    assert (waiting.status, waiting.attempts, waiting.claim_token) == ("passed", 1, None)
    assert transitions_of(waiting) == [("uploaded", "verifying"), ("verifying", "passed")]
    assert waiting.rendition_key and waiting.thumbnail_key and len(waiting.phash) == 16


def test_checks_are_stored_one_by_one_as_they_arrive(waiting, monkeypatch):
    seen: list[int] = []
    real = verification.verify_document

    def spy(*args, on_result, **kwargs):
        def observe(result):
            on_result(result)
            seen.append(DocumentCheck.objects.filter(document=waiting).count())

        return real(*args, on_result=observe, **kwargs)

    monkeypatch.setattr(verification, "verify_document", spy)
    verification.document_verify(document_id=waiting.pk)
    assert seen == list(range(1, len(seen) + 1)) and len(seen) == waiting.checks.count()


def test_results_of_a_run_that_lost_its_claim_are_thrown_away(waiting, monkeypatch):
    real = verification.verify_document
    other = uuid.uuid4()

    def taken_back_meanwhile(*args, **kwargs):
        outcome = real(*args, **kwargs)
        type(waiting).objects.filter(pk=waiting.pk).update(claim_token=other)
        return outcome

    monkeypatch.setattr(verification, "verify_document", taken_back_meanwhile)
    assert verification.document_verify(document_id=waiting.pk) == "claim_lost"
    waiting.refresh_from_db()
    assert (waiting.status, waiting.claim_token, waiting.rendition_key) == ("verifying", other, "")
    stored = [p for p in storages["private"].listdir("renditions")[0]]
    assert all(not storages["private"].listdir(f"renditions/{d}")[1] for d in stored)


def test_a_crash_gives_the_claim_back_until_the_attempts_are_used_up(
    waiting, monkeypatch, settings, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("decoder crashed")

    monkeypatch.setattr(verification, "verify_document", broken)
    for attempt in range(1, settings.DOCUMENT_VERIFY_MAX_ATTEMPTS):
        with pytest.raises(RuntimeError):
            verification.document_verify(document_id=waiting.pk)
        waiting.refresh_from_db()
        assert (waiting.status, waiting.attempts, waiting.last_error) == (
            "uploaded",
            attempt,
            "RuntimeError",
        )
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        verification.document_verify(document_id=waiting.pk)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts) == ("unreadable", 3)
    assert [m.to for m in mail.outbox] == [["us-owner@example.com"]]
    assert "could not finish checking" in mail.outbox[0].body
    # Sent by a worker, so the link comes from SITE_URL, not from a request.
    assert "http://127.0.0.1:8000/documents/" in mail.outbox[0].body


def test_sweeper_takes_back_a_verification_whose_worker_died_and_finishes_it(
    waiting, settings, django_capture_on_commit_callbacks
):
    type(waiting).objects.filter(pk=waiting.pk).update(
        status="verifying", claim_token=uuid.uuid4(), claimed_at=timezone.now(), attempts=1
    )
    settings.DOCUMENT_SWEEP_STUCK_AFTER = 0
    settings.DOCUMENT_SWEEP_WAITING_AFTER = 0
    with django_capture_on_commit_callbacks(execute=True):
        report = verification.documents_sweep()
    assert report == {"released": 1, "enqueued": 1, "waiting": 1}
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts) == ("passed", 2)


def test_sweeper_gives_up_on_a_document_that_used_all_its_attempts(waiting, settings):
    type(waiting).objects.filter(pk=waiting.pk).update(
        status="verifying", claim_token=uuid.uuid4(), claimed_at=timezone.now(), attempts=3
    )
    settings.DOCUMENT_SWEEP_STUCK_AFTER = 0
    report = verification.documents_sweep()
    waiting.refresh_from_db()
    assert waiting.status == "unreadable" and report["released"] == 1
    assert verification.documents_sweep() == {"released": 0, "enqueued": 0, "waiting": 0}


def test_sweeper_leaves_recent_claims_and_fresh_uploads_alone(waiting):
    assert verification.documents_sweep() == {"released": 0, "enqueued": 0, "waiting": 0}


def test_upload_succeeds_when_the_broker_is_down_and_the_document_waits(
    us_owner, auth_client, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(verify_uploaded_document, "apply_async", broker_down)
    response = upload(
        auth_client(us_owner),
        {"bank_account_proof__": ("bank.jpg", photo())},
        capture=django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert only_document(us_owner, "bank_account_proof").status == "uploaded"
    assert document_services.enqueue_verification(1) is False


def test_the_same_image_uploaded_by_a_second_merchant_is_flagged_on_the_second(
    us_owner, user_factory, merchant_factory, auth_client, django_capture_on_commit_callbacks
):
    data = photo(seed=21)
    upload(
        auth_client(us_owner),
        {"bank_account_proof__": ("bank.jpg", data)},
        capture=django_capture_on_commit_callbacks,
    )
    second = user_factory(email="second@example.com")
    merchant_factory(owner=second, country="US", registration_number="04-2103594")
    upload(
        auth_client(second),
        {"bank_account_proof__": ("mine.jpg", data)},
        capture=django_capture_on_commit_callbacks,
    )
    first_doc = only_document(us_owner, "bank_account_proof")
    second_doc = only_document(second, "bank_account_proof")
    assert (first_doc.status, check_reasons(first_doc)["duplicates"]) == ("passed", ("pass", "ok"))
    assert second_doc.status == "flagged"
    assert check_reasons(second_doc)["duplicates"] == ("fail", "other_merchant")
    match = second_doc.checks.get(name="duplicates").data["matches"][0]
    assert (match["document_id"], match["match"]) == (str(first_doc.pk), "sha256")


def _licence(code: str) -> bytes:
    return corpus.jpeg_bytes(corpus.licence_image(corpus.LicenceFace(code)))


@pytest.mark.parametrize(
    ("code", "status", "registration"),
    [
        (CN_CODE, "passed", ("pass", "match")),
        (corpus.make_uscc("91440300MA5DC7KX2"), "flagged", ("fail", "mismatch")),
        (corpus.with_bad_check_character(CN_CODE), "flagged", ("fail", "bad_check_character")),
    ],
    ids=["matching-uscc", "another-companys-uscc", "bad-check-character"],
)
def test_generated_licence_is_read_and_its_uscc_checked_against_the_profile(
    ocr, cn_owner, auth_client, django_capture_on_commit_callbacks, code, status, registration
):
    upload(
        auth_client(cn_owner),
        {"business_licence__": ("营业执照.jpg", _licence(code))},
        capture=django_capture_on_commit_callbacks,
    )
    document = only_document(cn_owner, "business_licence")
    reasons = check_reasons(document)
    assert (document.status, reasons["registration_number"]) == (status, registration)
    assert reasons["company_name"][0] == "pass"
    assert CN_NAME in "".join(document.ocr_text.split())
    assert document.valid_until is not None and document.valid_until.year == 2040
    if status == "flagged":
        detail = document.checks.get(name="registration_number").detail
        assert "Unified Social Credit Code" in detail
        assert [m.to for m in mail.outbox] == [["cn-owner@example.com"]]
        assert "Business licence" in mail.outbox[0].subject
