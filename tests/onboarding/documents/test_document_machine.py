"""The document state machine: only the designed moves, each one audited; task settings."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from config.celery_app import app
from onboarding.errors import DomainError
from onboarding.models import AuditEvent, Document, DocumentStatus
from onboarding.models.documents import DOCUMENT_TRANSITIONS
from onboarding.services.documents import NewUpload, documents_upload
from onboarding.tasks import sweep_documents, verify_uploaded_document
from onboarding.transitions import MACHINES, transition

pytestmark = pytest.mark.django_db
S = DocumentStatus
LEGAL = [
    (S.UPLOADED, S.VERIFYING),
    (S.UPLOADED, S.UNREADABLE),
    (S.VERIFYING, S.PASSED),
    (S.VERIFYING, S.FLAGGED),
    (S.VERIFYING, S.UNREADABLE),
    (S.VERIFYING, S.UPLOADED),
    (S.PASSED, S.UPLOADED),
    (S.PASSED, S.ACCEPTED),
    (S.PASSED, S.REJECTED),
    (S.FLAGGED, S.UPLOADED),
    (S.FLAGGED, S.ACCEPTED),
    (S.FLAGGED, S.REJECTED),
    (S.UNREADABLE, S.UPLOADED),
    (S.UNREADABLE, S.REJECTED),
    (S.ACCEPTED, S.REJECTED),
    (S.REJECTED, S.ACCEPTED),
]
ILLEGAL = [(a, b) for a in S.values for b in S.values if a != b and (a, b) not in LEGAL]


@pytest.fixture
def document_in(us_owner):
    application = us_owner.membership.merchant.application
    file = SimpleUploadedFile("bank.png", b"\x89PNG not really")
    documents_upload(
        application=application,
        actor=us_owner,
        uploads=[NewUpload("bank_account_proof", "", file)],
    )

    def make(status: str) -> Document:
        Document.objects.update(status=status)
        return Document.objects.get()

    return make


def test_table_is_exactly_the_designed_machine_and_registered():
    table = {(a, b) for a, targets in DOCUMENT_TRANSITIONS.items() for b in targets}
    assert table == set(LEGAL)
    assert MACHINES[Document].table is DOCUMENT_TRANSITIONS


@pytest.mark.parametrize(("start", "target"), LEGAL)
def test_legal_document_move_is_made_and_audited(document_in, us_owner, start, target):
    document = document_in(start)
    assert transition(document, target, actor=us_owner, note="why") is True
    document.refresh_from_db()
    assert document.status == target
    event = AuditEvent.objects.get(subject_type="onboarding.document", to_status=target)
    assert (event.from_status, event.note, event.merchant_id) == (
        start,
        "why",
        document.merchant_id,
    )


@pytest.mark.parametrize(("start", "target"), ILLEGAL)
def test_illegal_document_move_is_refused(document_in, us_owner, start, target):
    document = document_in(start)
    with pytest.raises(DomainError, match="cannot become"):
        transition(document, target, actor=us_owner)
    document.refresh_from_db()
    assert document.status == start


def test_verification_task_is_late_acked_and_limited_below_redelivery():
    assert verify_uploaded_document.acks_late is True
    assert verify_uploaded_document.reject_on_worker_lost is True
    assert verify_uploaded_document.soft_time_limit < verify_uploaded_document.time_limit
    if app.conf.broker_url.startswith("redis"):
        assert app.conf.broker_transport_options["visibility_timeout"] > (
            verify_uploaded_document.time_limit
        )
    assert sweep_documents.acks_late is True
    schedule = app.conf.beat_schedule["sweep-documents"]
    assert schedule["task"] == sweep_documents.name and schedule["schedule"] <= 300
