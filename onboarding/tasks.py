"""Thin, idempotent tasks: take an id, call one service."""

from celery import shared_task

from onboarding.services import emails


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
