"""Submitting the application for review once its documents are in order."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onboarding.document_selectors import checklist_for
from onboarding.errors import DomainError
from onboarding.models import Application, ApplicationStatus, Membership, Role, User
from onboarding.services.emails import email_render_and_enqueue
from onboarding.transitions import transition


def application_submit(*, application: Application, actor: User, language: str = "") -> Application:
    """Move the application to "submitted" when every mandatory item has a document whose
    checks did not fail; its documents are frozen from then on until changes are requested."""
    with transaction.atomic():
        # Uploads lock the same row, so no document changes between this check and the move.
        locked = (
            Application.objects.select_for_update()
            .select_related("merchant")
            .get(pk=application.pk)
        )
        checklist = checklist_for(locked.merchant, locked)
        blockers = checklist.blockers()
        if blockers:
            raise DomainError(
                _("Your application cannot be submitted yet: some documents are not ready."),
                extra={"blockers": blockers},
            )
        count = len(checklist.documents)
        transition(locked, ApplicationStatus.SUBMITTED, actor=actor, note=f"{count} documents")
        owners = Membership.objects.filter(merchant=locked.merchant, role=Role.OWNER)
        for membership in owners.select_related("user"):
            email_render_and_enqueue(
                to=membership.user.email,
                template="application_submitted",
                context={
                    "merchant_name": locked.merchant.legal_name,
                    "actor": actor.email,
                    "document_count": count,
                },
                language=language or None,
            )
    application.status = locked.status
    application.status_changed_at = locked.status_changed_at
    return locked
