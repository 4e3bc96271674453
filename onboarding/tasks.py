"""Thin, idempotent tasks: take an id, call one service."""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from onboarding.services import emails, verification
from onboarding.sessions import SessionStore


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def deliver_email(self, email_id: int) -> bool:
    return emails.email_deliver(email_id=email_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def sweep_emails() -> int:
    return emails.email_sweep()


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=settings.DOCUMENT_VERIFY_SOFT_TIME_LIMIT,
    time_limit=settings.DOCUMENT_VERIFY_TIME_LIMIT,
)
def verify_uploaded_document(self, document_id: int) -> str:
    return verification.document_verify(document_id=document_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def sweep_documents() -> dict[str, int]:
    return verification.documents_sweep()


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def clear_expired_sessions() -> None:
    """Expired sessions sign nobody in; this keeps their rows from piling up."""
    SessionStore.clear_expired()
