"""Reads used by views and APIs; each fetches what a page needs in as few queries as it can."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from onboarding.journey_facts import journey_facts_of
from onboarding.models import (
    Application,
    AuditEvent,
    Invitation,
    Membership,
    Merchant,
    OutgoingEmail,
    User,
)

JOURNEY_FACTS = "onboarding.journey_facts"


@dataclass(frozen=True)
class MerchantContext:
    membership: Membership
    merchant: Merchant
    application: Application
    # Per-request facts other apps derive from this context (e.g. the journey's survey state),
    # kept here so a page asks the database for them once.
    notes: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def role(self) -> str:
        return self.membership.role


def merchant_context_for(user: User) -> MerchantContext | None:
    """The caller's merchant, role and application in one query (None for staff/new users)."""
    if not user.is_authenticated:
        return None
    try:
        # Loaded with the user by KaitongBackend; a separate query only for other users.
        membership = user.membership
    except Membership.DoesNotExist:
        return None
    return MerchantContext(
        membership,
        membership.merchant,
        membership.merchant.application,
        notes={JOURNEY_FACTS: journey_facts_of(user)},
    )


def merchant_context_cached(request) -> MerchantContext | None:
    """The same, computed once per request (layout, view and API share it)."""
    if not hasattr(request, "_kaitong_merchant_context"):
        request._kaitong_merchant_context = merchant_context_for(request.user)
    return request._kaitong_merchant_context


def team_members(merchant: Merchant) -> QuerySet[Membership]:
    return merchant.memberships.select_related("user").order_by("created_at")


def pending_invitations(merchant: Merchant) -> QuerySet[Invitation]:
    return merchant.invitations.filter(accepted_at=None, revoked_at=None).order_by("-created_at")


def application_history(application: Application) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        subject_type="onboarding.application", subject_id=str(application.pk)
    ).select_related("actor")


def staff_application_queue() -> QuerySet[Application]:
    return Application.objects.select_related("merchant").order_by("status_changed_at")


def recent_outgoing_emails() -> QuerySet[OutgoingEmail]:
    return OutgoingEmail.objects.order_by("-created_at")
