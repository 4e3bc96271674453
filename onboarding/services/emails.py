"""Outgoing email: rendered now, stored, delivered by a worker after the transaction commits."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from onboarding.models import EmailStatus, OutgoingEmail

MAX_ATTEMPTS = 5
STUCK_AFTER = timedelta(minutes=10)


def email_enqueue(*, to: str, subject: str, body_text: str, body_html: str = "") -> OutgoingEmail:
    from onboarding.tasks import deliver_email

    # Header injection is impossible through Django's mail classes, but a newline in a
    # subject would be refused at send time: flatten it now so the row is deliverable.
    subject = " ".join(subject.split())[:300]
    email = OutgoingEmail.objects.create(
        to=to, subject=subject, body_text=body_text, body_html=body_html
    )
    transaction.on_commit(lambda: deliver_email.delay(email.pk))
    return email


def email_render_and_enqueue(
    *, to: str, template: str, context: dict, language: str | None = None
) -> OutgoingEmail:
    """Render ``emails/<template>_subject.txt`` and ``_message.txt`` in the reader's language."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + render_to_string(
            f"emails/{template}_subject.txt", context
        )
        body = render_to_string(f"emails/{template}_message.txt", context)
    return email_enqueue(to=to, subject=subject, body_text=body)


def email_deliver(*, email_id: int) -> bool:
    """Send one stored email once. Returns False when there was nothing to claim."""
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.PENDING).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    email = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except OSError as exc:
        status = EmailStatus.FAILED if email.attempts >= MAX_ATTEMPTS else EmailStatus.PENDING
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=status, last_error=type(exc).__name__
        )
        raise
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now()
    )
    return True


def email_sweep() -> int:
    """Re-enqueue emails left waiting (broker down) or stuck mid-send (worker died)."""
    from onboarding.tasks import deliver_email

    now = timezone.now()
    OutgoingEmail.objects.filter(
        status=EmailStatus.SENDING, claimed_at__lt=now - STUCK_AFTER, attempts__lt=MAX_ATTEMPTS
    ).update(status=EmailStatus.PENDING)
    waiting = list(
        OutgoingEmail.objects.filter(
            status=EmailStatus.PENDING, created_at__lt=now - timedelta(minutes=1)
        ).values_list("pk", flat=True)[:500]
    )
    for email_id in waiting:
        deliver_email.delay(email_id)
    return len(waiting)
