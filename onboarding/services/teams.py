"""Inviting teammates: single-use links that expire; only a hash of the token is stored."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onboarding.errors import DomainError
from onboarding.models import AuditEvent, Invitation, Membership, Merchant, Role, User
from onboarding.services.emails import email_render_and_enqueue

INVITABLE_ROLES = (Role.DEVELOPER, Role.VIEWER)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _audit(merchant: Merchant, actor: User | None, subject_id: int, action: str, note: str = ""):
    AuditEvent.objects.create(
        merchant=merchant,
        actor=actor,
        subject_type="onboarding.invitation",
        subject_id=str(subject_id),
        action=action,
        note=note,
    )


def invitation_create(
    *, merchant: Merchant, invited_by: User, email: str, role: str, base_url: str
) -> Invitation:
    email = email.strip().lower()
    if role not in INVITABLE_ROLES:
        raise DomainError(_("Invite a teammate as a developer or a viewer."))
    if Membership.objects.filter(merchant=merchant, user__email__iexact=email).exists():
        raise DomainError(_("%(email)s is already in your team.") % {"email": email})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        # A fresh invitation replaces any pending one for the same address.
        Invitation.objects.filter(
            merchant=merchant, email__iexact=email, accepted_at=None, revoked_at=None
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            merchant=merchant,
            email=email,
            role=role,
            token_hash=_hash(token),
            invited_by=invited_by,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        _audit(merchant, invited_by, invitation.pk, "invited", f"{email} as {role}")
        email_render_and_enqueue(
            to=email,
            template="invitation",
            context={
                "merchant_name": merchant.legal_name,
                "inviter": invited_by.email,
                "role": Role(role).label,
                "link": base_url.rstrip("/") + reverse("invitation_accept", args=[token]),
                "days": settings.INVITATION_VALID_DAYS,
            },
        )
    return invitation


def invitation_for_token(token: str) -> Invitation:
    """The usable invitation behind a link, or a DomainError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("merchant").filter(token_hash=_hash(token)).first()
    )
    if invitation is None or invitation.revoked_at:
        raise DomainError(_("This invitation link is not valid. Ask the owner for a new one."))
    if invitation.accepted_at:
        raise DomainError(
            _("This invitation has already been used. Ask the owner for a new one if needed.")
        )
    if invitation.expires_at <= timezone.now():
        raise DomainError(_("This invitation has expired. Ask the owner to send a new one."))
    return invitation


def invitation_accept(*, token: str, user: User) -> Membership:
    with transaction.atomic():
        invitation = invitation_for_token(token)
        if user.email.lower() != invitation.email.lower():
            raise DomainError(
                _("This invitation was sent to %(email)s. Log in with that address to accept it.")
                % {"email": invitation.email}
            )
        if Membership.objects.filter(user=user).exists():
            raise DomainError(_("You already belong to a business, so you cannot join another."))
        claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at=None).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if not claimed:
            raise DomainError(_("This invitation has already been used."))
        membership = Membership.objects.create(
            user=user, merchant=invitation.merchant, role=invitation.role
        )
        _audit(invitation.merchant, user, invitation.pk, "accepted")
    return membership


def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    if invitation.accepted_at or invitation.revoked_at:
        return
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
        _audit(invitation.merchant, actor, invitation.pk, "revoked")


def membership_remove(*, membership: Membership, actor: User) -> None:
    if membership.role == Role.OWNER:
        raise DomainError(_("The owner cannot be removed from the team."))
    with transaction.atomic():
        AuditEvent.objects.create(
            merchant=membership.merchant,
            actor=actor,
            subject_type="onboarding.membership",
            subject_id=str(membership.pk),
            action="removed",
            note=membership.user.email,
        )
        membership.delete()
