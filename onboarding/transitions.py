"""Every state machine of the product: the allowed-transitions tables and the one guard.

Each model's machine names the field that holds its status. ``transition`` is
the only code that changes such a field; it is a no-op for the same status, refuses an
illegal move with a DomainError, and writes the audit row in the same transaction.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onboarding.errors import DomainError
from onboarding.models import Application, ApplicationStatus, AuditEvent
from onboarding.models.documents import DOCUMENT_TRANSITIONS, Document, DocumentStatus

A = ApplicationStatus

APPLICATION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    A.DRAFT: frozenset({A.SUBMITTED}),
    A.SUBMITTED: frozenset({A.IN_REVIEW}),
    A.IN_REVIEW: frozenset({A.CHANGES_REQUESTED, A.APPROVED, A.REJECTED}),
    A.CHANGES_REQUESTED: frozenset({A.SUBMITTED}),
    A.APPROVED: frozenset({A.LIVE}),
    A.REJECTED: frozenset(),
    A.LIVE: frozenset(),
}


@dataclass(frozen=True)
class Machine:
    field: str
    table: Mapping[str, frozenset[str]]
    labels: type[models.TextChoices]
    stamp_field: str | None = None


MACHINES: dict[type[models.Model], Machine] = {
    Application: Machine("status", APPLICATION_TRANSITIONS, ApplicationStatus, "status_changed_at"),
    Document: Machine("status", DOCUMENT_TRANSITIONS, DocumentStatus, "status_changed_at"),
}


def allowed_next(obj: models.Model) -> frozenset[str]:
    machine = MACHINES[type(obj)]
    return machine.table[getattr(obj, machine.field)]


def _merchant_id_of(obj: models.Model) -> int | None:
    return getattr(obj, "merchant_id", None)


def transition(obj: models.Model, to: str, *, actor, note: str = "") -> bool:
    """Move ``obj`` to status ``to``. Returns False when it already was there (no-op)."""
    machine = MACHINES[type(obj)]
    current = getattr(obj, machine.field)
    if current == to:
        return False
    if to not in machine.table[current]:
        raise DomainError(
            _("This %(thing)s is “%(current)s” and cannot become “%(target)s”.")
            % {
                "thing": obj._meta.verbose_name,
                "current": machine.labels(current).label,
                "target": machine.labels(to).label,
            },
            extra={"from": current, "to": to},
        )
    now = timezone.now()
    changes: dict[str, object] = {machine.field: to}
    if machine.stamp_field:
        changes[machine.stamp_field] = now
    with transaction.atomic():
        # A conditional update: if someone else moved it first, nothing is claimed.
        manager = type(obj)._default_manager
        claimed = manager.filter(pk=obj.pk, **{machine.field: current}).update(**changes)
        if not claimed:
            raise DomainError(
                _("This was changed by someone else a moment ago. Reload and try again."),
                extra={"from": current, "to": to},
            )
        AuditEvent.objects.create(
            merchant_id=_merchant_id_of(obj),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            subject_type=obj._meta.label_lower,
            subject_id=str(obj.pk),
            action="transition",
            from_status=current,
            to_status=to,
            note=note,
        )
    for field, value in changes.items():
        setattr(obj, field, value)
    return True
