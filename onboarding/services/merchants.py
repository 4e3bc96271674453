"""Creating and editing a merchant and its application."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onboarding.errors import DomainError
from onboarding.models import Application, AuditEvent, Membership, Merchant, Role, User

PROFILE_FIELDS = (
    "legal_name",
    "country",
    "registration_number",
    "industry",
    "website",
    "contact_phone",
)


def merchant_create(*, owner: User, **profile: str) -> Merchant:
    """The first "about your business" page: merchant, owner membership and draft application."""
    with transaction.atomic():
        if Membership.objects.select_for_update().filter(user=owner).exists():
            raise DomainError(_("You already belong to a business."))
        merchant = Merchant.objects.create(**{f: profile.get(f, "") for f in PROFILE_FIELDS})
        Membership.objects.create(user=owner, merchant=merchant, role=Role.OWNER)
        Application.objects.create(merchant=merchant)
        AuditEvent.objects.create(
            merchant=merchant,
            actor=owner,
            subject_type="onboarding.merchant",
            subject_id=str(merchant.pk),
            action="created",
        )
    return merchant


def merchant_update(*, merchant: Merchant, actor: User, **profile: str) -> Merchant:
    with transaction.atomic():
        # Compare with what is stored, not with an instance a form may already have changed.
        current = Merchant.objects.select_for_update().get(pk=merchant.pk)
        changed = [f for f in PROFILE_FIELDS if f in profile and getattr(current, f) != profile[f]]
        if not changed:
            return current
        for field in changed:
            setattr(current, field, profile[field])
        current.save(update_fields=[*changed, "updated_at"])
        AuditEvent.objects.create(
            merchant=current,
            actor=actor,
            subject_type="onboarding.merchant",
            subject_id=str(current.pk),
            action="profile_updated",
            note=", ".join(changed),
        )
    return current
